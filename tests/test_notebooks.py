"""Every notebook runs top to bottom from a clean kernel, without errors or warnings.

After it runs, every APA-style result it printed is checked for agreement between its p value and
its confidence interval (issue 17): "p = .036 ... 95% CI [−0.83, 0.01]" says significant and not
significant at once.
"""
import json
import os
import re
import sys
from pathlib import Path

import pytest

from mixedmethods._printed import _parse  # (value, decimals) of a number as printed

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Run first in the kernel, not saved in the notebook: any warning becomes an error.
STRICT = "import warnings\nwarnings.simplefilter('error')\nimport matplotlib\nmatplotlib.use('Agg')"


# "p = .036" (or "p < .001") followed, on the same line, by "95% CI [low, high]"
_NUMBER = r"[−\-–]?\d*\.?\d+"
_APA = re.compile(
    r"\bp\s*(?P<op>[=<>≤≥])\s*(?P<p>\d*\.\d+|\d+)"
    r"[^\n\[\]]*?(?P<level>\d+(?:\.\d+)?)\s*%\s*CI\s*\[\s*(?P<low>" + _NUMBER + r")\s*,\s*(?P<high>"
    + _NUMBER + r")\s*\]"
)


def _number(text):
    return _parse(text)[0]


def _half_unit(text):
    """Half a unit in the last printed place of a number as printed ("0.01" -> 0.005)."""
    return 0.5 * 10.0 ** -_parse(text)[1]


def apa_disagreements(text):
    """APA results in ``text`` whose p and confidence interval disagree about significance.

    The interval's level sets alpha (95% -> .05).  Only clear disagreements count: a p whose
    rounding interval straddles alpha, or an interval bound that rounds to 0, is left alone.
    """
    bad = []
    for m in _APA.finditer(text):
        alpha = 1 - float(m["level"]) / 100
        p, half = float(m["p"]), _half_unit(m["p"])
        if m["op"] in "<≤":
            significant = True if p <= alpha else None
        elif m["op"] in ">≥":
            significant = False if p >= alpha else None
        else:
            significant = True if p + half < alpha else False if p - half > alpha else None
        low, high = _number(m["low"]), _number(m["high"])
        if abs(low) < _half_unit(m["low"]) or abs(high) < _half_unit(m["high"]):
            continue  # a bound printed as 0.00 could be on either side of 0
        excludes_zero = low > 0 or high < 0
        if significant is not None and significant != excludes_zero:
            bad.append(m.group(0))
    return bad


def test_apa_check_catches_a_p_that_disagrees_with_its_interval():
    # the line issue 17 found in notebook 01: a Welch p with a Student interval
    assert apa_disagreements("item 4: t(86.2) = −2.14, p = .036, g = −0.42, 95% CI [−0.83, 0.01]") == [
        "p = .036, g = −0.42, 95% CI [−0.83, 0.01]"]
    assert apa_disagreements("t(40) = 1.10, p = .28, d = 0.35, 90% CI [0.02, 0.68]")  # not significant, excludes 0
    assert apa_disagreements("t(93) = 4.0, p < .001, g = 0.8, 95% CI [-0.10, 1.2]")
    ok = ("t(86.2) = −2.14, p = .036, g = −0.43, 95% CI [−0.83, −0.03]\n"
          "t(93) = −1.96, p = .053, g = −0.42, 95% CI [−0.83, 0.01]\n"
          "t(93) = 2.66, p < .001, g = 0.57, 95% CI [0.14, 0.99]\n"
          "t(20) = 2.09, p = .05, g = 0.9, 95% CI [0.01, 1.8]\n"       # p = .05 may be either side
          "t(20) = 2.10, p = .049, g = 0.9, 95% CI [−0.00, 1.8]\n"     # bound rounds to 0
          "t(88) = 1.0, p = .32, g = 0.2, 95% CI [0.5, ∞)\n")          # one-sided: not parsed
    assert apa_disagreements(ok) == []


def _printed_text(nb):
    """Everything the executed notebook showed as text: streams and plain-text results."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                parts.append(output.get("text", ""))
            elif "data" in output:
                parts.append(output["data"].get("text/plain", ""))
    return "\n".join(parts)


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, (
                f"{path.name}: commit notebooks with outputs cleared"
            )
            source = "".join(cell["source"])
            assert "shared/" not in source and "http" not in source, (
                f"{path.name}: a notebook reads only from data/ (through the package) and the package"
            )
            # no reading of files behind the package's back: no pandas readers, no paths out of the
            # repository (a notebook may write and read its own temporary files, as 12 does)
            assert not re.search(r"\bread_(?:csv|excel|table|parquet|json)\(|\.\./|['\"]/(?:home|work|Users)/",
                                 source), f"{path.name}: load data with mixedmethods.studies.load_study"


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory):
    """A 'python3' kernelspec that runs this very interpreter, whatever else is installed."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python",
    }))
    return root


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes_without_warnings(path, kernel_dir, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(STRICT))
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert not (output.get("output_type") == "stream" and output.get("name") == "stderr"), (
                f"{path.name} wrote to stderr: {output.get('text', '')[:500]}"
            )
            assert output.get("output_type") != "error"
    disagreements = apa_disagreements(_printed_text(nb))
    assert not disagreements, f"{path.name} printed results whose p and CI disagree: {disagreements}"

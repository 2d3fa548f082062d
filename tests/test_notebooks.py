"""Every notebook runs top to bottom from a clean kernel, without errors or warnings."""
import json
import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))

# Run first in the kernel, not saved in the notebook: any warning becomes an error.
STRICT = "import warnings\nwarnings.simplefilter('error')\nimport matplotlib\nmatplotlib.use('Agg')"


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

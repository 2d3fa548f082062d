"""``mixedmethods reproduce … --html DIR``: one self-contained page per study or table, same numbers as the terminal."""
import contextlib
import io
import re

import pytest

from mixedmethods.cli import main
from mixedmethods.studies import list_studies

CSV = """comparison,mean1,sd1,n1,mean2,sd2,n2,t,df,p,scale_min,scale_max
item one,2.78,2.30,61,1.5,2.14,34,2.53,93,.05,0,5
item two,3.10,1.02,40,2.95,0.98,38,0.66,76,.51,,
"""


def _run(*argv):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["reproduce", *argv])
    return code, out.getvalue(), err.getvalue()


def _without_title(terminal):
    """The terminal report below its title (between the first two rules of '=')."""
    lines = terminal.split("\n")
    bars = [i for i, line in enumerate(lines) if line and set(line) == {"="}]
    return "\n".join(lines[bars[1] + 1:])


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """Every bundled study reproduced with ``--html``: {name: (exit code, stdout, page)}."""
    folder = tmp_path_factory.mktemp("html")
    out = {}
    for name in list_studies():
        code, stdout, stderr = _run(name, "--html", str(folder), "--width", "100")
        assert f"wrote {folder / name}.html" in stderr
        out[name] = code, stdout, (folder / f"{name}.html").read_text(encoding="utf-8")
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", list_studies())
def test_study_page_has_the_terminals_numbers(reports, name, report_numbers):
    code, stdout, page = reports[name]
    assert code == 0
    assert report_numbers(page, html=True) == report_numbers(_without_title(stdout))
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    # self-contained: anchors (each to an id of the page) and embedded data only
    targets = re.findall(r'\b(?:src|href)="([^"]*)"', page)
    assert all(t.startswith(("#", "data:")) for t in targets)
    ids = set(re.findall(r'\bid="([^"]*)"', page))
    assert {t[1:] for t in targets if t.startswith("#")} <= ids


@pytest.mark.slow
def test_a_study_with_disagreements_shows_them_first(reports):
    name = next(n for n, (_, out, _) in reports.items() if "what does not add up" in out.lower())
    page = reports[name][2]
    sections = re.findall(r'<section id="[^"]*"( class="[^"]*")?>', page[page.index("<main>"):])
    assert sections[0] == ' class="first problems"'  # what does not add up, before the rest, marked
    assert "do not agree" in page[:page.index("<main>")]  # and counted in the status line above


def test_table_page_has_the_terminals_numbers(tmp_path, report_numbers):
    csv = tmp_path / "printed.csv"
    csv.write_text(CSV, encoding="utf-8")
    code, stdout, stderr = _run(str(csv), "--html", str(tmp_path / "out"), "--width", "100")
    assert code == 1  # item one cannot be true
    page = (tmp_path / "out" / "printed.html").read_text(encoding="utf-8")
    assert report_numbers(page, html=True) == report_numbers(stdout)
    assert page.index("cannot be true") < page.index("matched test")


def test_an_existing_report_is_not_replaced_without_force(tmp_path):
    csv = tmp_path / "printed.csv"
    csv.write_text(CSV, encoding="utf-8")
    target = tmp_path / "printed.html"
    target.write_text("mine", encoding="utf-8")
    code, stdout, stderr = _run(str(csv), "--html", str(tmp_path))
    assert code == 2 and stdout == ""
    assert "printed.html already exists" in stderr and "--force" in stderr
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = _run(str(csv), "--html", str(tmp_path), "--force")
    assert code == 1 and target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_html_must_name_a_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    code, stdout, stderr = _run("review-table6", "--html", str(tmp_path / "file"))
    assert code == 2 and "is not a folder" in stderr and stdout == ""

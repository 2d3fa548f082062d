"""StudyReport and checks_table: one report shape for every study, plain text that fits the width."""
import pandas as pd
import pytest

from mixedmethods.studies import CHECK_COLUMNS, StudyReport, checks_table


def test_checks_table_verdicts():
    table = checks_table([
        {"check": "45 + 28 + 16 = analysed", "gives": 89, "stated": 89},
        {"check": "items printed", "gives": 4, "stated": 5, "computed_from": "printed in the text"},
        {"check": "public sector", "gives": 8, "stated": None, "agrees": None, "note": "not printed"},
    ])
    assert list(table.columns) == CHECK_COLUMNS
    assert table["agrees"].tolist() == ["yes", "no", "cannot check"]
    assert table.loc[1, "computed_from"] == "printed in the text" and table.loc[0, "note"] == ""


def _report():
    report = StudyReport("demo", "A demonstration with a title long enough to wrap at forty columns")
    report.add("A table whose heading is long enough to wrap at forty columns", pd.DataFrame({
        "theme": ["treatment adherence", "individual characteristics/personality"],
        "n": [40, 33], "Wilson 95% CI": ["35.0–55.3%", "27.8–47.5%"]}))
    report.add("Verdict", "Student gives t = −1.96 (p = .053); Welch gives t = −2.14 on 86.2 df.\n\nSecond paragraph.")
    report.tables["checks"] = checks_table([{"check": "a", "gives": 1, "stated": 1},
                                            {"check": "b", "gives": 1, "stated": 2}])
    return report


@pytest.mark.parametrize("width", [40, 60, 100])
def test_to_text_fits_the_width_and_keeps_every_word(width):
    text = _report().to_text(width=width)
    assert max(len(line.encode("utf-8")) for line in text.split("\n")) <= width
    wide = _report().to_text(width=1000)
    # every word is kept whole (a table too wide for the width repeats its column names per row)
    assert {w for w in text.split() if set(w) - set("=-")} == {w for w in wide.split() if set(w) - set("=-")}


def test_to_text_follows_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "50")
    assert max(len(line.encode("utf-8")) for line in str(_report()).split("\n")) <= 50


def test_summary_counts_the_checks():
    assert _report().summary() == {"study": "demo", "checks": 2, "agree": 1, "disagree": 1, "cannot_check": 0}
    assert StudyReport("empty", "No checks").summary()["checks"] == 0


def test_html_has_every_section():
    html = _report()._repr_html_()
    assert html.count("<h4>") == 2 and "<table" in html and "<p>Second paragraph.</p>" in html

"""The HTML reproduction report: escaped, self-contained, verdicts first, never over a user's file."""
import re

import pandas as pd
import pytest

from mixedmethods import InputError
from mixedmethods.studies import StudyReport
from mixedmethods.studies.html_report import report_html, write_report_html

def _demo():
    report = StudyReport("demo", "Quotes <b>& 'tags'</b>")
    report.add("Totals", "45 + 28 + 16 = 89 analysed <script>alert(1)</script>")
    report.add("A table", pd.DataFrame({"what": ["<img src=x onerror=alert(1)>", "b"], "n": [1.5, 20.25],
                                        "agrees": ["yes", "no"]}))
    report.add("What does not add up", "16 + 28 ≠ 45")
    return report


def test_text_is_escaped_and_nothing_is_loaded_from_outside():
    page = report_html(_demo())
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Quotes &lt;b&gt;&amp; &#x27;tags&#x27;&lt;/b&gt;" in page
    # every src and href points inside the page (an anchor) or is data embedded in it
    targets = re.findall(r'\b(?:src|href)="([^"]*)"', page)
    assert targets and all(t.startswith(("#", "data:")) for t in targets)
    assert "http" not in page.replace('content="width=device-width', "")
    assert "@import" not in page and "url(" not in page


def test_what_does_not_add_up_comes_first_and_cells_are_the_terminals(report_numbers):
    report = _demo()
    page = report_html(report)
    assert page.index("What does not add up</h2>") < page.index("Totals</h2>") < page.index("A table</h2>")
    # the cells as the terminal prints them (pandas' decimals), verdict cells marked
    assert '<td class="num" data-label="n">1.50</td>' in page and '<td class="num" data-label="n">20.25</td>' in page
    assert '<td class="bad" data-label="agrees">no</td>' in page and '<td class="good" data-label="agrees">yes</td>' in page
    terminal = report.to_text(width=100).split("\n", 3)[3]  # without the title
    assert report_numbers(page, html=True) == report_numbers(terminal)


def test_figures_are_drawn_from_tables_a_plot_knows():
    report = StudyReport("demo", "Figures")
    report.tables["themes"] = pd.DataFrame({"code": ["a", "b"], "n_participants": [3, 5], "denominator": [10, 10]})
    report.tables["other"] = pd.DataFrame({"x": [1]})
    page = report_html(report)
    assert page.count("<figure>") == 1 and 'src="data:image/svg+xml;base64,' in page
    assert "mixedmethods.plot.theme_bars" in page
    assert "<figure>" not in report_html(report, figures=False)
    report.unit_label = "papers"   # a meta-synthesis: its figures count papers
    page = report_html(report)
    assert "Papers per theme (table themes)" in page and "Participants" not in page


def test_figures_take_the_size_their_plot_gives_and_leave_the_users_figures_alone():
    """35 bars (5 themes x 7 groups) were drawn into matplotlib's default 4.8 inches, their n/N labels on top
    of each other (South Africa's report); each figure now has the height its plot gives it on its own."""
    import base64

    import matplotlib.pyplot as plt

    from mixedmethods import plot

    table = pd.DataFrame({"code": [f"theme {i}" for i in range(5) for _ in range(7)],
                          "group": [f"group {j}" for _ in range(5) for j in range(7)],
                          "n_participants": 1, "denominator": 2})
    report = StudyReport("demo", "Figures")
    report.tables["by_group"] = table
    mine = plt.figure()   # the user's current figure, in a notebook say
    try:
        page = report_html(report)
        assert plt.gcf() is mine and not mine.axes and plt.get_fignums() == [mine.number]
    finally:
        plt.close(mine)
    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)).decode()
    height_pt = float(re.search(r'<svg[^>]* height="([\d.]+)pt"', svg).group(1))
    ax = plot.theme_by_group(table, between="group")
    try:
        natural = ax.figure.get_size_inches()[1] * 72
    finally:
        plt.close(ax.figure)
    assert height_pt > 0.8 * natural > 4.8 * 72   # bbox_inches="tight" trims a little


def test_write_never_replaces_a_file_unless_asked(tmp_path):
    path = tmp_path / "demo.html"
    path.write_text("the user's own file")
    with pytest.raises(InputError, match="demo.html exists"):
        write_report_html(_demo(), path)
    assert path.read_text() == "the user's own file"
    write_report_html(_demo(), path, overwrite=True)
    assert path.read_text().startswith("<!DOCTYPE html>")


def test_only_a_report_is_rendered():
    with pytest.raises(InputError, match="StudyReport"):
        report_html(pd.DataFrame({"a": [1]}))

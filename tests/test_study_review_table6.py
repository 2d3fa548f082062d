"""The review's Table 6, counted by hand from the seed (002_29ac5ae75048c9f3.txt).

The cells as the seed prints them (group; theme; the bracketed references in printed order):

  1 E-innovations; Variability in knowledge about recovery; [86]
  2 Family-focused innovations; Variability ...; [92]
  3 Peer workers; Variability ...; [94, 99, 102]
  4 (no group printed); Characteristics of recovery-oriented service providers;
    "patience [99, 111], being warm and understanding [106, 109], dependable and
    trustworthy [106, 111], ... optimistic [111]"
  5 Personal recovery planning; Variability ...; [122] [117] [109] [119] [121]
  6 (no group printed); Characteristics ...; [109, 117, 124] [109, 121, 122]
  7 Recovery colleges; Variability ...; [129]
  8 Service navigation and coordination; Variability ...; [134]
  9 (no group printed); Characteristics ...; [130, 131, 133]
 10 Staff training; Variability ...; [135] [137]

By hand: 30 printed citations in 19 brackets; distinct studies per cell 1, 1, 3, 4, 5, 5, 1, 1, 3, 2
(= 26 rows); Variability: 86 92 94 99 102 109 117 119 121 122 129 134 135 137 = 14 studies;
Characteristics: 99 106 109 111 117 121 122 124 130 131 133 = 11; under both: 99 109 117 121 122 = 5;
distinct: 14 + 11 - 5 = 20.  Per group: 1, 1, 6, 6, 1, 4, 2 (sum 21; [109] under two groups).
"""
import re

import matplotlib.pyplot as plt
import pytest

from mixedmethods.studies import list_studies, load_study, reproduce_study
from mixedmethods.studies import review_table6 as rv

SEED = "002_29ac5ae75048c9f3.txt"


@pytest.fixture(scope="module")
def report():
    return reproduce_study("review-table6")


def test_registered():
    assert "review-table6" in list_studies()
    assert rv.ORDER == 4 and rv.DATA_FOLDER == "review_table6"


def test_rows_and_citations():
    table = load_study("review-table6")["citations"]
    assert len(table) == 26
    assert table["times_cited"].sum() == 30
    assert table["reference"].nunique() == 20
    assert (table["reference"].min(), table["reference"].max()) == (86, 137)
    assert sorted(table.loc[table["group_printed"] == "no", "table_row"].unique()) == [4, 6, 9]


def test_cells_by_hand():
    cells = rv.cells()
    assert cells["n_studies"].tolist() == [1, 1, 3, 4, 5, 5, 1, 1, 3, 2]
    assert cells["n_citations"].tolist() == [1, 1, 3, 7, 5, 6, 1, 1, 3, 2]
    assert cells.loc[3, "references"] == "99, 106, 109, 111"
    assert cells.loc[3, "repeated"] == "106 ×2, 111 ×3"   # [99, 111] [106, 109] [106, 111] [111]
    assert cells.loc[5, "repeated"] == "109 ×2"           # [109, 117, 124] [109, 121, 122]
    single = cells[cells["single_study"]]
    assert single["references"].tolist() == ["86", "92", "129", "134"]


def test_studies_per_theme_and_group():
    themes = rv.studies_per_theme().set_index("theme")
    assert themes.loc["Variability in knowledge about recovery", "n_studies"] == 14
    assert themes.loc["Characteristics of recovery-oriented service providers", "n_studies"] == 11
    assert themes["n_groups"].tolist() == [7, 3]
    assert not themes["single_study"].any()
    groups = rv.studies_per_group()
    assert groups["n_studies"].tolist() == [1, 1, 6, 6, 1, 4, 2]
    grid = rv.grid()
    assert grid.shape == (7, 2) and (grid > 0).sum().sum() == 10


def test_checks_all_agree(report):
    checks = report.tables["checks"]
    assert len(checks) == 6
    assert (checks["agrees"] == "yes").all(), checks
    assert checks["gives"].tolist() == [10, 19, 0, 30, 20, 20]
    assert report.ok


def test_reproduce_passes_the_right_tables_down(report):
    """reproduce() computes citations and cells once: each table is what its step gives alone."""
    import pandas as pd

    for key, step in (("citations", rv.citations), ("cells", rv.cells), ("grid", rv.grid), ("checks", rv.checks)):
        pd.testing.assert_frame_equal(report.tables[key], step(), obj=key)


def test_checks_catch_a_transcription_error():
    table = load_study("review-table6")["citations"]
    wrong = table.copy()
    wrong.loc[0, "reference"] = 87        # the seed prints [86]
    wrong.loc[1, "times_cited"] = 2       # and [92] once
    checks = rv.checks(wrong).set_index("check")
    assert checks["agrees"].value_counts()["no"] >= 2
    assert checks.iloc[0]["gives"] == 8
    assert load_study("review-table6")["citations"].equals(table)  # input not modified


def test_report_names_single_study_cells_and_repeats(report):
    sections = dict(report.sections)
    text = sections["What rests on a single study"] + sections["Notes"]
    assert "review-table6" in report.to_text()
    assert "4 of 10 cells rest on one study" in text
    assert "Recovery colleges × Variability in knowledge about recovery [129]" in text
    assert "Study [109] is cited under more than one innovation group" in text


def test_references_in_parses_brackets():
    assert rv.references_in("a [1, 2] b [3] c") == [1, 2, 3]


def test_quotes_reread_from_the_seed(seed_text):
    """Each row's quote is a whole line of the seed, and its references are the ones transcribed."""
    lines = {re.sub(r"\s+", " ", line).strip() for line in seed_text(SEED).splitlines()}
    table = load_study("review-table6")["citations"]
    for quote, part in table.groupby("quote", sort=False):
        assert quote in lines
        assert sorted(set(rv.references_in(quote))) == sorted(part["reference"])
        assert part["innovation_group"].iloc[0] in quote or part["group_printed"].iloc[0] == "no"
        assert quote.startswith(part["innovation_group"].iloc[0]) == (part["group_printed"].iloc[0] == "yes")


def test_figures():
    ax = rv.plot_table()
    assert ax.images[0].get_array().mask.sum() == 4   # the four cells the table does not list
    plt.close(ax.figure)
    ax = rv.plot_studies()
    assert len(ax.get_yticklabels()) == 20
    plt.close(ax.figure)


def test_grid_holds_the_distinct_studies_of_each_cell():
    """grid() takes each cell's count from cells(): the same as counting distinct references per cell."""
    import pandas as pd

    table = rv.citations()
    by_hand = table.pivot_table(index="innovation_group", columns="theme", values="reference",
                                aggfunc="nunique", fill_value=0)
    grid = rv.grid(table)
    pd.testing.assert_frame_equal(grid, by_hand.loc[grid.index, grid.columns].rename_axis(columns=None)
                                  .astype("int64"))
    # a cell printed over two table rows (here Peer workers × Variability, rows 3 and 11) has its
    # distinct studies counted once: 94, 99, 102 and 999, not 4 per row
    extra = table[table["table_row"] == 3].iloc[:1].assign(table_row=11, reference=999, times_cited=1)
    assert rv.grid(pd.concat([table, extra], ignore_index=True)).loc["Peer workers"].tolist() == [4, 4]

"""reproduce_counts: which test a paper printed for a table of counts, and which numbers cannot be true."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixedmethods import InputError, reproduce_counts

# A published demographics table (acceptance 2 of issue 13), transcribed from
# BMC Nursing 2024; 23:329, doi:10.1186/s12912-024-01986-x (open access, CC BY 4.0),
# Table 1 "Demographic data homogeneity for the two participant groups",
# https://pmc.ncbi.nlm.nih.gov/articles/PMC11097421/table/Tab1 .  Columns: Overall (N = 151),
# Experimental (n = 73), Control (n = 78), then the statistic and p; note "b chi-squared test".
# Verbatim rows, e.g. "Gender 0.43 b 0.514 / Male 89 (58.9) 45 (61.6) 44 (56.4) /
# Female 62 (41.1) 28 (38.4) 34 (43.6)" and "Employed 0.01 b 0.976 / No 116 (76.8) 56 (76.7)
# 60 (76.9) / Yes 35 (23.2) 17 (23.3) 18 (23.1)".  Per level: (experimental n, %, control n, %).
PUBLISHED = {
    "gender": [("Male", 45, "61.6", 44, "56.4"), ("Female", 28, "38.4", 34, "43.6")],
    "education": [("Middle school and below", 31, "42.5", 31, "39.7"),
                  ("High school or vocational school", 34, "46.5", 31, "39.8"),
                  ("College and above", 8, "11.0", 16, "20.5")],
    "marital status": [("Single", 50, "68.5", 56, "71.8"), ("Married", 12, "16.4", 13, "16.7"),
                       ("Divorced/widowed", 11, "15.1", 9, "11.5")],
    "living status": [("Living alone", 7, "9.6", 7, "9.0"), ("Living with family", 66, "90.4", 71, "91.0")],
    "employed": [("No", 56, "76.7", 60, "76.9"), ("Yes", 17, "23.3", 18, "23.1")],
    "religion": [("None", 17, "23.3", 15, "19.2"), ("Buddhist", 30, "41.1", 34, "43.6"),
                 ("Taoist", 15, "20.5", 17, "21.8"), ("Christian", 11, "15.1", 12, "15.4")],
    "economic status": [("Middle income", 34, "46.6", 38, "48.7"), ("Low income", 39, "53.4", 40, "51.3")],
    "years of homecare": [("< 1 year", 6, "8.2", 8, "10.3"), ("1–2 years", 23, "31.5", 13, "16.6"),
                          ("≥ 2 years", 44, "60.3", 57, "73.1")],
}
PRINTED = {"gender": ("0.43", "0.514"), "education": ("2.64", "0.267"), "marital status": ("0.42", "0.813"),
           "living status": ("0.02", "0.896"), "employed": ("0.01", "0.976"), "religion": ("0.38", "0.945"),
           "economic status": ("0.07", "0.792"), "years of homecare": ("4.58", "0.101")}


def published_cells():
    rows = []
    for comparison, levels in PUBLISHED.items():
        for level, n1, p1, n2, p2 in levels:
            rows += [(comparison, "experimental", level, n1, p1), (comparison, "control", level, n2, p2)]
    return pd.DataFrame(rows, columns=["comparison", "group", "level", "n", "percent"])


def published_printed():
    return pd.DataFrame([(c, s, p) for c, (s, p) in PRINTED.items()], columns=["comparison", "statistic", "p"])


def test_published_table_pearson_and_what_does_not_add_up():
    cells, printed = published_cells(), published_printed()
    before = (cells.copy(), printed.copy())
    res = reproduce_counts(cells, printed).set_index("comparison")
    pd.testing.assert_frame_equal(cells, before[0])
    pd.testing.assert_frame_equal(printed, before[1])
    # the paper printed Pearson's chi-square without correction (its note: "chi-squared test")
    for c in ["gender", "education", "living status", "religion", "economic status", "years of homecare"]:
        assert res.loc[c, "matched_test"].split(", ")[0] == "pearson", c
    # R: chisq.test(matrix(c(45, 28, 44, 34), 2), correct = FALSE): X-squared = 0.42679, p = 0.5136
    np.testing.assert_allclose(res.loc["gender", ["pearson_statistic", "pearson_p"]].to_numpy(float),
                               [0.426786149184, 0.513570164289], rtol=1e-6)
    # printed chi-squares the counts cannot give: 0.41 (not 0.42) and 0.00 (not 0.01)
    assert res.loc["marital status", "matched_test"] == ""
    assert "χ² = 0.42 cannot be true" in res.loc["marital status", "verdict"]
    assert "pearson 0.41" in res.loc["marital status", "verdict"]
    assert "χ² = 0.01 cannot be true" in res.loc["employed", "verdict"]
    # percentages that are not n / group total (34/73 = 46.58%, 31/78 = 39.74%, 13/78 = 16.67%)
    assert not res.loc["education", "consistent"]
    assert "High school or vocational school: 46.5% cannot be true: it should have been 46.6% (34 of 73)" \
        in res.loc["education", "verdict"]
    assert "39.8% cannot be true: it should have been 39.7% (31 of 78)" in res.loc["education", "verdict"]
    assert "16.6% cannot be true: it should have been 16.7% (13 of 78)" in res.loc["years of homecare", "verdict"]
    assert res.loc[["gender", "living status", "religion", "economic status"], "consistent"].all()
    assert res.loc["gender", "verdict"] == "All printed numbers can be true together (pearson)."


def test_matching_order_and_fisher_first_for_small_expected_counts():
    cells = pd.DataFrame({"comparison": ["a"] * 4, "group": ["x", "x", "y", "y"], "level": ["1", "2", "1", "2"],
                          "n": [3, 1, 1, 3]})
    # R: fisher.test(matrix(c(3, 1, 1, 3), 2))$p.value = 0.4857; chisq.test(correct = TRUE) p = 0.4795
    res = reproduce_counts(cells, pd.DataFrame({"comparison": ["a"], "p": ["0.5"]}))
    assert res.loc[0, "matched_test"] == "fisher, yates"
    assert res.loc[0, "consistent"]
    res = reproduce_counts(cells, pd.DataFrame({"comparison": ["a"], "p": ["< .05"]}))
    assert res.loc[0, "matched_test"] == "" and "p = < .05" not in res.loc[0, "verdict"]
    assert res.loc[0, "verdict"].startswith("p < .05 cannot be true")


def test_printed_numbers_read_from_cells():
    cells = published_cells()
    cells["p"] = ""
    cells.loc[0, "p"] = "0.514"
    cells.loc[0, "statistic"] = "0.43"
    res = reproduce_counts(cells)
    assert res.loc[0, "matched_test"] == "pearson"
    assert res.loc[1, "matched_test"] != ""  # nothing printed for the others: every test fits


@pytest.mark.parametrize("change, match", [
    (lambda c, p: (c, p.assign(p=["1.3"] + list(p["p"][1:]))), r"printed p of comparison 'gender' is 1.3, outside \[0, 1\]"),
    (lambda c, p: (c.assign(n=[-1] + list(c["n"][1:])), p), "negative"),
    (lambda c, p: (c.assign(n=[1.5] + list(c["n"][1:])), p), "not a whole number"),
    (lambda c, p: (c[c["group"] == "control"], p), "single row"),
    (lambda c, p: (c.assign(n=np.where(c["group"] == "control", 0, c["n"])), p), "group 'control' is empty"),
    (lambda c, p: (c, pd.concat([p, p.iloc[:1]])), "printed twice"),
    (lambda c, p: (c, p.assign(comparison=["nope"] + list(p["comparison"][1:]))), "'nope' is not in cells"),
    (lambda c, p: (c.assign(percent=["101.0"] + list(c["percent"][1:])), p), r"outside \[0, 100\]"),
])
def test_bad_input_is_named_and_not_mutated(change, match):
    cells, printed = change(published_cells(), published_printed())
    before = (cells.copy(), printed.copy())
    with pytest.raises(InputError, match=match):
        reproduce_counts(cells, printed)
    pd.testing.assert_frame_equal(cells, before[0])
    pd.testing.assert_frame_equal(printed, before[1])


def test_column_percentages_are_named():
    # 12 of the 18 who said yes is 66.7%; of the 17 women it is 70.6%
    cells = pd.DataFrame({"comparison": ["smoker"] * 4, "group": ["women", "women", "men", "men"],
                          "level": ["yes", "no", "yes", "no"], "n": [12, 5, 6, 11],
                          "percent": ["66.7", "31.3", "33.3", "68.8"]})
    res = reproduce_counts(cells, pd.DataFrame({"comparison": ["smoker"], "p": [".039"]}))
    assert not res.loc[0, "consistent"] and res.loc[0, "matched_test"] == "pearson"
    assert res.loc[0, "verdict"].startswith(
        "women, yes: 66.7% cannot be true: it should have been 70.6% (12 of 17); it is 12 of the level's 18: "
        "a column percentage?")

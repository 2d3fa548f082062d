"""A trial's Table 1 re-run from its printed numbers (notebook 14 does the same, step by step).

Source: Blancafort Alias S, et al. Results of the randomized trial AEQUALIS. BMC Public Health 21, 84
(2021), doi:10.1186/s12889-020-10094-9 (open access, CC BY 4.0), Table 1: "Total (n=360)",
"Intervention group (n=194)", "Control group (n=164)"; rows "Women, % (n) 81.39 (293) 82.65 (162)
79.88 (131) 0.500", "Self-perceived health ... Very good 0.28 (1) 0.51 (1) 0 (0) 0.291 / Good 2.22 (8)
1.02 (2) 3.66 (6) / Fair 77.78 (280) 78.06 (153) 77.44 (127) / Poor 19.72 (71) 20.41 (40) 18.90 (31)",
"Age, in years, mean (SD) 73.63 (6.92) 73.41 (6.92) 73.88 (7.02) 0.531", "SF-12 Mental component,
mean (SD) 40.04 (13.49) 38.38 (14.11) 42.02 (12.44) 0.013*".
"""
import pandas as pd
import pytest

import mixedmethods as mm


def _women(n_intervention):
    """The women row with the unprinted level (men) derived from an intervention group size."""
    return pd.DataFrame({
        "comparison": "women", "group": ["intervention", "control", "intervention", "control"],
        "level": ["women", "women", "men", "men"], "n": [162, 131, n_intervention - 162, 164 - 131],
        "percent": ["82.65", "79.88", "", ""], "p": [".500", ".500", "", ""]})


def test_self_perceived_health_p_is_pearson_without_correction():
    """R: chisq.test(matrix(c(1, 2, 153, 40, 0, 6, 127, 31), 2, byrow = TRUE)) gives X-squared =
    3.7402, df = 3, p-value = 0.2909 (printed .291); fisher.test of the same matrix p-value = 0.2845."""
    levels = ["very good", "good", "fair", "poor"]
    cells = pd.DataFrame({"comparison": "health", "group": ["intervention"] * 4 + ["control"] * 4,
                          "level": levels * 2, "n": [1, 2, 153, 40, 0, 6, 127, 31],
                          "percent": ["0.51", "1.02", "78.06", "20.41", "0", "3.66", "77.44", "18.90"],
                          "p": ".291"})
    row = mm.reproduce_counts(cells).iloc[0]
    assert row["pearson_statistic"] == pytest.approx(3.740239, abs=1e-6)
    assert row["pearson_p"] == pytest.approx(0.290914, abs=1e-6)
    assert row["fisher_p"] == pytest.approx(0.284478, abs=1e-6)
    assert row["matched_test"] == "pearson" and bool(row["consistent"])


def test_percentages_are_of_196_not_the_printed_194():
    """162/194 = 83.51% and 162/196 = 82.65% (printed); R: chisq.test(matrix(c(162, 34, 131, 33), 2,
    byrow = TRUE), correct = FALSE) gives p-value = 0.5005 (printed 0.500)."""
    at_194 = mm.reproduce_counts(_women(194)).iloc[0]
    assert "82.65% cannot be true: it should have been 83.51% (162 of 194)" in at_194["verdict"]
    assert not at_194["consistent"]
    at_196 = mm.reproduce_counts(_women(196)).iloc[0]
    assert at_196["pearson_p"] == pytest.approx(0.500474, abs=1e-6)
    assert at_196["matched_test"] == "pearson" and bool(at_196["consistent"])


def test_means_fit_student_or_welch_except_the_sf12_mental_component():
    printed = pd.DataFrame({"dv": ["age", "SF-12 mental"], "mean1": ["73.41", "38.38"], "sd1": ["6.92", "14.11"],
                            "n1": "194", "mean2": ["73.88", "42.02"], "sd2": ["7.02", "12.44"], "n2": "164",
                            "p": [".531", ".013"]})
    res = mm.reproduce_ttests(printed).set_index("dv")
    assert res.loc["age", "matched_test"] == "student, welch"
    assert "p = .013 cannot be true: the means and SDs give p = .011 (Student)" in res.loc["SF-12 mental", "verdict"]

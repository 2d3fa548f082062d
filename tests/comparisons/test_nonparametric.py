"""mann_whitney against R's ``wilcox.test``, brunner_munzel against R and SciPy (mixedmethods.comparisons.nonparametric).

The datasets, their provenance and the tolerance are in ``_data.py``.
"""
from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.comparisons.nonparametric import brunner_munzel, mann_whitney

from ._data import DATASETS, ITEMS, LIKERT, MISSING, assert_close

# For each dataset, x and y are defined by the R line in the comment above the
# entry; R: stats::wilcox.test (its W is our u).
WILCOX_REFERENCES = [
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "two-sided", 25.5, 0.0693275754336266, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "greater", 25.5, 0.970751668607274, "asymptotic"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum test with continuity correction)
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "less", 25.5, 0.0346637877168133, "asymptotic"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum test with continuity correction)
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    ("likert", "item", "two-sided", 233.5, 0.00438485733270612, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    ("likert", "item", "greater", 233.5, 0.00219242866635306, "asymptotic"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum test with continuity correction)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "two-sided", 11, 0.114285714285714, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "greater", 11, 0.0571428571428571, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "less", 11, 0.971428571428571, "exact"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum exact test)
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    ("unequal", "score", "two-sided", 184, 0.0382859088033307, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    ("unequal", "score", "less", 184, 0.982328522218297, "asymptotic"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum test with continuity correction)
    # missing_score: a <- c(5.1, NA, 4.4, 6.2, 5.8, NA, 4.9, 5.5); b <- c(4.0, 4.6, NA, 3.8, 5.0, 4.3, 4.1); x <- a[!is.na(a)]; y <- b[!is.na(b)]
    ("missing", "score", "two-sided", 33, 0.0151515151515152, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # missing_other: x <- c(12, 15, 11, 14, 13, 16, 12, 15); y <- c(10, 12, 11, 13, 9, 12, 11)
    ("missing", "other", "two-sided", 47.5, 0.0256861612250983, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    ("items", "item1", "two-sided", 53, 0.674396810619721, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    ("items", "item2", "two-sided", 79, 0.227629955184135, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    ("items", "item3", "two-sided", 79, 0.227629955184135, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    ("items", "item1", "greater", 53, 0.686131206255045, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    ("items", "item2", "greater", 79, 0.113814977592067, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    ("items", "item3", "greater", 79, 0.113814977592067, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
]


@pytest.mark.parametrize("name", list(DATASETS))
def test_mann_whitney_matches_wilcox_test(name):
    data, dv, groups, (g1, g2) = DATASETS[name]
    cases = [c for c in WILCOX_REFERENCES if c[0] == name]
    assert cases
    for alternative in dict.fromkeys(c[2] for c in cases):
        result = mann_whitney(data, dv, "group", groups=groups, alternative=alternative)
        assert list(result["dv"]) == dv
        assert (result["group1"] == g1).all() and (result["group2"] == g2).all()
        for _, column, alt, w, p, method in (c for c in cases if c[2] == alternative):
            row = result[result["dv"] == column].iloc[0]
            assert_close(row["u"], w, what=f"U of {column} ({alt})")
            assert_close(row["p"], p, what=f"p of {column} ({alt})")
            assert row["method"] == method
            assert row["alternative"] == alt
            assert_close(row["rank_biserial"], 2 * w / (row["n1"] * row["n2"]) - 1,
                         what="rank-biserial")


def test_mann_whitney_uses_complete_values_per_outcome():
    result = mann_whitney(MISSING, ["score", "other"], "group")
    assert list(result["n1"]) == [6, 8]
    assert list(result["n2"]) == [6, 7]


def test_third_group_without_groups_is_refused():
    with pytest.raises(ValueError, match=r"'group' has 3 groups"):
        mann_whitney(ITEMS, "item1", "group")


def test_group_label_not_present_is_refused():
    with pytest.raises(ValueError, match=r"group 'placebo' is not a value of column 'group'"):
        mann_whitney(ITEMS, "item1", "group", groups=("placebo", "ctrl"))


def test_text_in_a_numeric_column_is_refused():
    data = LIKERT.astype({"item": object})
    data.loc[3, "item"] = "four"
    before = copy.deepcopy(data)
    with pytest.raises(TypeError, match=r"column 'item' is not numeric"):
        mann_whitney(data, "item", "group")
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.parametrize("name", list(DATASETS))
def test_input_data_not_modified(name):
    data, dv, groups, _ = DATASETS[name]
    before = copy.deepcopy(data)
    mann_whitney(data, dv, "group", groups=groups, alternative="greater")
    pd.testing.assert_frame_equal(data, before)
    with pytest.raises(ValueError):
        mann_whitney(data, dv, "group", groups=("nobody", "else"))
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.parametrize("name", list(DATASETS))
def test_reversing_groups_reverses_signs(name):
    data, dv, _, (g1, g2) = DATASETS[name]
    flipped = mann_whitney(data, dv, "group", groups=(g2, g1))
    straight = mann_whitney(data, dv, "group", groups=(g1, g2))
    np.testing.assert_allclose(flipped["rank_biserial"], -straight["rank_biserial"], rtol=1e-12)
    np.testing.assert_allclose(flipped["p"], straight["p"], rtol=1e-10)


def test_results_display_rounded():
    frame = pd.DataFrame({"x": [1, 2, 3, 4], "g": ["a", "a", "b", "b"]})
    assert "rank_biserial" in mann_whitney(frame, "x", "g")._repr_html_()



# --------------------------------------------------------------------------
# Brunner–Munzel: equal to scipy.stats.brunnermunzel, outcome by outcome
# --------------------------------------------------------------------------

@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_brunner_munzel_equals_scipy(name, alternative):
    from scipy import stats

    data, dv, groups, (g1, g2) = DATASETS[name]
    result = brunner_munzel(data, dv, "group", groups=groups, alternative=alternative)
    assert list(result["dv"]) == dv
    u = mann_whitney(data, dv, "group", groups=groups)["u"]
    for i, column in enumerate(dv):
        x = data.loc[data["group"] == g1, column].dropna().to_numpy(float)
        y = data.loc[data["group"] == g2, column].dropna().to_numpy(float)
        expected = stats.brunnermunzel(x, y, alternative=alternative)
        row = result.iloc[i]
        assert (row["n1"], row["n2"]) == (len(x), len(y))
        np.testing.assert_allclose([row["statistic"], row["p"]], [expected.statistic, expected.pvalue], rtol=1e-12)
        # the probability of superiority of the first group is Mann-Whitney's U / (n1 n2)
        np.testing.assert_allclose(row["probability_of_superiority"], u.iloc[i] / (len(x) * len(y)), rtol=1e-12)
    assert (result["p_adjusted"] == result["p"]).all()


# R 4.2 (base R only): lawstat::brunner.munzel.test's computation written out, the x and y of each dataset as in
# WILCOX_REFERENCES above:
#   bm <- function(x, y) { n1 <- length(x); n2 <- length(y); r1 <- rank(x); r2 <- rank(y); r <- rank(c(x, y))
#     m1 <- mean(r[1:n1]); m2 <- mean(r[n1 + 1:n2])
#     v1 <- sum((r[1:n1] - r1 - m1 + (n1 + 1)/2)^2)/(n1 - 1); v2 <- sum((r[n1 + 1:n2] - r2 - m2 + (n2 + 1)/2)^2)/(n2 - 1)
#     statistic <- n1 * n2 * (m2 - m1)/(n1 + n2)/sqrt(n1 * v1 + n2 * v2)
#     df <- (n1 * v1 + n2 * v2)^2/((n1 * v1)^2/(n1 - 1) + (n2 * v2)^2/(n2 - 1))
#     p <- 2 * min(pt(statistic, df), 1 - pt(statistic, df))
#     superiority <- mean(outer(x, y, ">") + 0.5 * outer(x, y, "==")) }
BRUNNER_MUNZEL_R = {  # name: (statistic, p, probability of superiority of the first group)
    "sleep": (2.1446717367088, 0.0468159546758198, 0.255),
    "likert": (-3.48026282588212, 0.00171283094001454, 0.778333333333333),
    "tiny": (-3.53553390593274, 0.0178130856434925, 0.916666666666667),
    "unequal": (-1.65090457445457, 0.158273082389614, 0.766666666666667),
}


@pytest.mark.parametrize("name", list(BRUNNER_MUNZEL_R))
def test_brunner_munzel_matches_r(name):
    data, dv, groups, _ = DATASETS[name]
    row = brunner_munzel(data, dv, "group", groups=groups).iloc[0]
    np.testing.assert_allclose([row["statistic"], row["p"], row["probability_of_superiority"]],
                               BRUNNER_MUNZEL_R[name], rtol=1e-12)


def test_brunner_munzel_reversed_groups_flip_the_statistic():
    data, dv, _, (g1, g2) = DATASETS["unequal"]
    straight = brunner_munzel(data, dv, "group", groups=(g1, g2))
    flipped = brunner_munzel(data, dv, "group", groups=(g2, g1))
    np.testing.assert_allclose(flipped["statistic"], -straight["statistic"], rtol=1e-12)
    np.testing.assert_allclose(flipped["probability_of_superiority"], 1 - straight["probability_of_superiority"])


def test_brunner_munzel_without_overlap_warns_and_gives_nan():
    data = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "z": [1.0, 5, 3, 4, 2, 6], "g": list("aaabbb")})
    with pytest.warns(RuntimeWarning, match=r"undefined for \['y'\]"):
        result = brunner_munzel(data, ["y", "z"], "g")
    assert np.isnan(result["p"].iloc[0]) and result["probability_of_superiority"].iloc[0] == 0
    assert np.isfinite(result["p"].iloc[1])


def test_brunner_munzel_bad_input():
    data = pd.DataFrame({"y": [1.0, 2, 3, np.inf, 5, 6], "g": list("aaabbb")})
    with pytest.raises(InputError, match=r"column 'y' holds inf in row 3"):
        brunner_munzel(data, "y", "g")
    with pytest.raises(InputError, match="at least 2"):
        brunner_munzel(pd.DataFrame({"y": [1.0, 2, 3], "g": list("abb")}), "y", "g")
    before = copy.deepcopy(LIKERT)
    brunner_munzel(LIKERT, "item", "group")
    pd.testing.assert_frame_equal(LIKERT, before)

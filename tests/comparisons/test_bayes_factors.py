"""bayes_factor_ttest (mixedmethods.comparisons.bayes_factors) against R's ``BayesFactor``.

R 4.2.2, BayesFactor 0.9.12-4.4.  Each case gives compare_summary's inputs; R computes
Student's t from them and the JZS Bayes factor from t:

R: b <- function(m1, s1, n1, m2, s2, n2, r) {
R:   sp <- sqrt(((n1 - 1) * s1^2 + (n2 - 1) * s2^2) / (n1 + n2 - 2))
R:   t <- (m1 - m2) / (sp * sqrt(1 / n1 + 1 / n2))
R:   c(t, BayesFactor::ttest.tstat(t = t, n1 = n1, n2 = n2, rscale = r, simple = TRUE)) }

Tolerance: 1e-4 relative for BF10 (pingouin integrates numerically), 1e-9 for t.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixedmethods import InputError
from mixedmethods.comparisons.bayes_factors import bayes_factor_ttest
from mixedmethods.comparisons.two_groups import compare_summary

BF_REFERENCES = [
    # (mean1, sd1, n1, mean2, sd2, n2, r_scale, t, bf10)
    (2.78, 2.30, 61, 1.5, 2.14, 34, 0.707, 2.66456794136817, 4.73734466971198),  # R: b(2.78, 2.30, 61, 1.5, 2.14, 34, 0.707)
    (2.78, 2.30, 61, 1.5, 2.14, 34, 1.0, 2.66456794136817, 4.07039223473359),  # R: b(2.78, 2.30, 61, 1.5, 2.14, 34, 1)
    (0.75, 1.789, 10, 2.33, 2.002, 10, 0.707, -1.86094647688354, 1.2661608345457),  # R: b(0.75, 1.789, 10, 2.33, 2.002, 10, 0.707)
    (5.0, 1.0, 30, 5.1, 1.2, 45, 0.5, -0.377186135328803, 0.339781549258932),  # R: b(5.0, 1.0, 30, 5.1, 1.2, 45, 0.5)
    (10, 2, 8, 6, 3, 12, 0.707, 3.29924830379266, 10.1845657448731),  # R: b(10, 2, 8, 6, 3, 12, 0.707)
]


@pytest.mark.parametrize("m1, s1, n1, m2, s2, n2, r, t, bf10", BF_REFERENCES)
def test_bayes_factor_matches_bayesfactor(m1, s1, n1, m2, s2, n2, r, t, bf10):
    res = bayes_factor_ttest(m1, s1, n1, m2, s2, n2, r_scale=r)
    assert list(res.columns) == ["dv", "group1", "group2", "n1", "n2", "t", "df", "r_scale", "bf10", "bf01"]
    np.testing.assert_allclose(res["t"], [t], rtol=1e-9)
    np.testing.assert_allclose(res["bf10"], [bf10], rtol=1e-4)
    np.testing.assert_allclose(res["bf01"], [1 / bf10], rtol=1e-4)
    assert res["df"].tolist() == [n1 + n2 - 2]


def test_all_outcomes_at_once_with_labels_and_the_t_of_compare_summary():
    m1, s1, n1, m2, s2, n2, r, _, _ = zip(*BF_REFERENCES)
    mean1 = pd.Series(m1, index=list("abcde"))
    res = bayes_factor_ttest(mean1, s1, n1, m2, s2, n2, r_scale=list(r), groups=("women", "men"))
    assert res["dv"].tolist() == list("abcde")
    assert (res["group1"] == "women").all() and (res["group2"] == "men").all()
    np.testing.assert_allclose(res["bf10"], [c[-1] for c in BF_REFERENCES], rtol=1e-4)
    student = compare_summary(mean1, s1, n1, m2, s2, n2).query("test == 'student'")
    np.testing.assert_allclose(res["t"], student["t"], rtol=1e-12)


def test_printed_strings_are_read_as_numbers():
    printed = bayes_factor_ttest("2.78", "2.30", "61", "1.5", "2.14", "34")
    np.testing.assert_allclose(printed["bf10"], [BF_REFERENCES[0][-1]], rtol=1e-4)


def test_bad_input_is_refused():
    with pytest.raises(InputError, match="two-sided Bayes factor only"):
        bayes_factor_ttest(2.78, 2.30, 61, 1.5, 2.14, 34, alternative="greater")
    with pytest.raises(InputError, match=r"r_scale\[0\] = 0.0; the prior scale must be a positive number"):
        bayes_factor_ttest(2.78, 2.30, 61, 1.5, 2.14, 34, r_scale=0)
    with pytest.raises(InputError, match=r"n1\[0\] = 1; each group needs"):
        bayes_factor_ttest(2.78, 2.30, 1, 1.5, 2.14, 34)


def test_a_grid_of_prior_scales_gives_one_row_each():
    m1, s1, n1, m2, s2, n2, _, _, _ = BF_REFERENCES[0]
    res = bayes_factor_ttest(m1, s1, n1, m2, s2, n2, r_scale=[0.707, 1.0])
    assert res["r_scale"].tolist() == [0.707, 1.0]
    np.testing.assert_allclose(res["bf10"], [BF_REFERENCES[0][-1], BF_REFERENCES[1][-1]], rtol=1e-4)


@pytest.mark.parametrize("unit", [1e200, 1e-200, 1e-160, 1e150])
def test_the_unit_of_the_outcome_does_not_matter(unit):
    """t and BF10 do not depend on the unit of measurement: R's values of the first case at any scale (squaring
    SDs of 1e200 overflowed to t = 0, BF10 = 0.22; of 1e-200 underflowed to t = inf, BF10 = NaN)."""
    m1, s1, n1, m2, s2, n2, r, t, bf10 = BF_REFERENCES[0]
    res = bayes_factor_ttest(m1 * unit, s1 * unit, n1, m2 * unit, s2 * unit, n2, r_scale=r)
    np.testing.assert_allclose(res["t"], [t], rtol=1e-9)
    np.testing.assert_allclose(res["bf10"], [bf10], rtol=1e-4)


def test_a_difference_past_the_largest_float_is_refused():
    with pytest.raises(InputError, match=r"outcome 'x': the difference of the means \(1e\+308 - -1e\+308\) is not a "
                                         "finite number; rescale the outcome"):
        bayes_factor_ttest(1e308, 1, 61, -1e308, 1, 34, dv="x")

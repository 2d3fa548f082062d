"""Agreement with SciPy wherever SciPy defines the same test (issue 16)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st
from scipy import stats

import mixedmethods as mm

from ._strategies import count_tables, k_groups, pairs, sample, table_frame, two_groups

ALTERNATIVES = st.sampled_from(["two-sided", "less", "greater"])
RTOL = 1e-7  # both compute in double precision from the same data


def row(table, test):
    found = table[table["test"] == test]
    assert len(found) == 1, (test, table["test"].tolist())
    return found.iloc[0]


@pytest.mark.filterwarnings("ignore:Levene's test is undefined")
@given(two_groups(), ALTERNATIVES)
def test_student_and_welch_equal_scipy_ttest_ind(data, alternative):
    frame, x1, x2 = data
    res = mm.compare(frame, "y", "g", groups=("a", "b"), alternative=alternative)
    for test, equal_var in (("student", True), ("welch", False)):
        ref = stats.ttest_ind(x1, x2, equal_var=equal_var, alternative=alternative)
        ci = ref.confidence_interval(0.95)
        got = row(res, test)
        np.testing.assert_allclose([got["t"], got["df"], got["p"], got["ci_low"], got["ci_high"]],
                                   [ref.statistic, ref.df, ref.pvalue, ci.low, ci.high], rtol=RTOL, atol=1e-12)


@given(k_groups())
def test_anova_equals_scipy_f_oneway(data):
    frame, samples = data
    ref = stats.f_oneway(*samples)
    got = row(mm.anova(frame, "y", "g"), "anova")
    if np.isnan(ref.pvalue):  # equal means: SciPy's F rounds to -2e-32 and its p to NaN; F is 0, p is 1
        assert abs(ref.statistic) < 1e-12 and got["F"] == 0 and got["p"] == 1
        return
    np.testing.assert_allclose([got["F"], got["p"]], [ref.statistic, ref.pvalue], rtol=RTOL, atol=1e-12)


@given(pairs(), ALTERNATIVES)
def test_paired_equals_scipy_ttest_rel(data, alternative):
    frame, before, after = data
    got = row(mm.compare_paired(frame, "before", "after", alternative=alternative), "paired")
    # mean_diff is after - before (the change); SciPy's statistic is for a - b
    ref = stats.ttest_rel(after, before, alternative=alternative)
    ci = ref.confidence_interval(0.95)
    np.testing.assert_allclose([got["t"], got["df"], got["p"], got["ci_low"], got["ci_high"]],
                               [ref.statistic, ref.df, ref.pvalue, ci.low, ci.high], rtol=RTOL, atol=1e-12)


@given(sample(2, 30), st.integers(-20, 20).map(lambda v: v / 2), ALTERNATIVES)
def test_one_sample_equals_scipy_ttest_1samp(x, mu, alternative):
    got = row(mm.one_sample(pd.DataFrame({"y": x}), "y", mu, alternative=alternative), "one_sample")
    ref = stats.ttest_1samp(x, mu, alternative=alternative)
    ci = ref.confidence_interval(0.95)
    np.testing.assert_allclose([got["t"], got["df"], got["p"], got["ci_low"], got["ci_high"]],
                               [ref.statistic, ref.df, ref.pvalue, ci.low, ci.high], rtol=RTOL, atol=1e-12)


@given(pairs(min_size=4), ALTERNATIVES)
def test_pearson_equals_scipy_pearsonr(data, alternative):
    frame, x, y = data
    got = row(mm.correlation(frame, "before", "after", alternative=alternative), "pearson")
    ref = stats.pearsonr(x, y, alternative=alternative)
    ci = ref.confidence_interval(0.95)
    np.testing.assert_allclose([got["r"], got["p"], got["ci_low"], got["ci_high"]],
                               [ref.statistic, ref.pvalue, ci.low, ci.high], rtol=1e-6, atol=1e-10)


@given(count_tables(max_rows=3, max_cols=3, max_count=30))
def test_chi_square_tests_equal_scipy_chi2_contingency(counts):
    res = mm.compare_counts(table_frame(counts), fisher=False)
    pearson = stats.chi2_contingency(counts, correction=False)
    lr = stats.chi2_contingency(counts, correction=False, lambda_="log-likelihood")
    for test, ref in (("pearson", pearson), ("likelihood_ratio", lr)):
        got = row(res, test)
        np.testing.assert_allclose([got["statistic"], got["df"], got["p"]], [ref.statistic, ref.dof, ref.pvalue],
                                   rtol=RTOL, atol=1e-12, err_msg=test)
    if counts.shape == (2, 2):
        yates = stats.chi2_contingency(counts, correction=True)
        got = row(res, "yates")
        np.testing.assert_allclose([got["statistic"], got["p"]], [yates.statistic, yates.pvalue],
                                   rtol=RTOL, atol=1e-12)


@given(count_tables(max_rows=2, max_cols=2, max_count=60))
def test_fisher_2x2_equals_scipy_fisher_exact(counts):
    got = row(mm.compare_counts(table_frame(counts)), "fisher")
    ref = stats.fisher_exact(counts)
    np.testing.assert_allclose(got["p"], ref.pvalue, rtol=1e-9, atol=1e-14)
    conditional = stats.contingency.odds_ratio(counts, kind="conditional")
    np.testing.assert_allclose(got["odds_ratio"], conditional.statistic, rtol=1e-6)

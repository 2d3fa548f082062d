"""Raw data and its summary statistics give the same tests (issue 16: raw vs summary agreement)."""
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import mixedmethods as mm

from ._strategies import count_tables, k_groups, long_frame, pairs, sample, table_frame, two_groups

ALTERNATIVES = st.sampled_from(["two-sided", "less", "greater"])


def close(raw, summary, columns, rtol=1e-7, atol=1e-9):
    """Every column of ``columns`` agrees between the two result tables, row by row."""
    for column in columns:
        np.testing.assert_allclose(raw[column].to_numpy(dtype=float), summary[column].to_numpy(dtype=float),
                                   rtol=rtol, atol=atol, err_msg=column)


@pytest.mark.filterwarnings("ignore:Levene's test is undefined")  # equal spread, said once
@given(two_groups(), ALTERNATIVES)
def test_compare_equals_compare_summary(data, alternative):
    frame, x1, x2 = data
    raw = mm.compare(frame, "y", "g", groups=("a", "b"), alternative=alternative)
    summary = mm.compare_summary(x1.mean(), x1.std(ddof=1), len(x1), x2.mean(), x2.std(ddof=1), len(x2),
                                 groups=("a", "b"), alternative=alternative)
    assert raw["test"].tolist() == summary["test"].tolist() == ["student", "welch"]
    close(raw, summary, ["mean_diff", "se", "t", "df", "p", "ci_low", "ci_high", "cohen_d", "hedges_g",
                         "hedges_g_ci_low", "hedges_g_ci_high"], rtol=1e-6)


@given(k_groups())
def test_anova_equals_anova_summary(data):
    frame, samples = data
    raw = mm.anova(frame, "y", "g")
    cells = pd.DataFrame({"g": [f"g{i}" for i in range(len(samples))], "mean": [s.mean() for s in samples],
                          "sd": [s.std(ddof=1) for s in samples], "n": [len(s) for s in samples]})
    summary = mm.anova_summary(cells, "g")
    assert raw["test"].tolist() == summary["test"].tolist()
    close(raw, summary, ["F", "df1", "df2", "p", "eta_squared", "omega_squared"], rtol=1e-6)


@given(pairs(), ALTERNATIVES)
def test_compare_paired_equals_its_summary(data, alternative):
    frame, before, after = data
    raw = mm.compare_paired(frame, "before", "after", alternative=alternative)
    r = np.corrcoef(before, after)[0, 1]
    summary = mm.compare_paired_summary(before.mean(), before.std(ddof=1), after.mean(), after.std(ddof=1),
                                        len(before), r=r, alternative=alternative)
    close(raw[raw["test"] == "paired"], summary[summary["test"] == "paired"],
          ["mean_diff", "sd_diff", "t", "df", "p", "ci_low", "ci_high", "d_z"], rtol=1e-6, atol=1e-8)


@given(sample(2, 30), st.integers(-20, 20).map(lambda v: v / 2), ALTERNATIVES)
def test_one_sample_equals_its_summary(x, mu, alternative):
    frame = pd.DataFrame({"y": x})
    raw = mm.one_sample(frame, "y", mu, alternative=alternative)
    summary = mm.one_sample_summary(x.mean(), x.std(ddof=1), len(x), mu, alternative=alternative)
    close(raw[raw["test"] == "one_sample"], summary, ["mean_diff", "se", "t", "df", "p", "ci_low", "ci_high",
                                                      "cohen_d"], rtol=1e-6)


@given(pairs(min_size=4), ALTERNATIVES)
def test_correlation_equals_its_summary(data, alternative):
    frame, x, y = data
    raw = mm.correlation(frame, "before", "after", alternative=alternative)
    raw = raw[raw["test"] == "pearson"]
    r = float(raw["r"].iloc[0])
    summary = mm.correlation_summary(r, len(x), alternative=alternative)
    np.testing.assert_allclose(r, np.corrcoef(x, y)[0, 1], rtol=1e-9, atol=1e-12)
    close(raw, summary, ["r", "t", "df", "p", "ci_low", "ci_high"], rtol=1e-6)


@given(count_tables(max_count=15))
def test_compare_counts_of_raw_data_equals_the_table(counts):
    # exact r x c Fisher takes seconds to minutes per table beyond 3 x 3 (75 s for a 4 x 4 table of n = 144):
    # it is left to 2 x 2 tables here, where it is compared with SciPy (test_scipy_agreement.py)
    fisher = counts.shape == (2, 2)
    from_table = mm.compare_counts(table_frame(counts), fisher=fisher)
    raw = mm.compare_counts(long_frame(counts), between="group", dv="answer", fisher=fisher)
    assert from_table["test"].tolist() == raw["test"].tolist()
    close(from_table, raw, ["statistic", "df", "p", "n", "min_expected", "cramers_v"])

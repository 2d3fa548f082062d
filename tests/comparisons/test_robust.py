"""yuen (mixedmethods.comparisons.robust): SciPy's trimmed t-test and R WRS2's documented example."""
from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.comparisons.robust import yuen

from ._data import DATASETS

# The documented example of R's WRS2::yuen, `yuen(Anxiety ~ Group, data = spider)`: the spider
# data of Field, Miles & Field (2012, Discovering Statistics Using R, p. 362), as shipped in WRS2.
# Values computed by WRS2 1.1-7's own yuen() on its spider data (source from cran/WRS2):
# R: load("spider.rda"); r <- yuen(Anxiety ~ Group, data = spider); print(r[c("test", "conf.int", "p.value", "df", "diff")], digits = 15)
# (yuen reports |t|; the sign follows diff = picture - real)
SPIDER = pd.DataFrame(
    {
        "anxiety": [30, 35, 45, 40, 50, 35, 55, 25, 30, 45, 40, 50,
                    40, 35, 50, 55, 65, 55, 50, 35, 30, 50, 60, 39],
        "group": ["Picture"] * 12 + ["Real Spider"] * 12,
    }
)
WRS2_SPIDER = dict(t=-1.29575716084179, df=13.9137233889032, p=0.216143324927692, diff=-6.75,
                   ci_low=-17.92936071020934, ci_high=4.42936071020934)


def test_yuen_reproduces_wrs2_documented_example():
    row = yuen(SPIDER, "anxiety", "group").iloc[0]
    assert (row["group1"], row["group2"], row["n1"], row["n2"], row["trim"]) == ("Picture", "Real Spider", 12, 12, 0.2)
    assert (row["trimmed_mean1"], row["trimmed_mean2"]) == (40.0, 46.75)
    np.testing.assert_allclose(
        row[["t", "df", "p", "trimmed_mean_diff", "ci_low", "ci_high"]].to_numpy(float),
        [WRS2_SPIDER[k] for k in ("t", "df", "p", "diff", "ci_low", "ci_high")], rtol=1e-12)


@pytest.mark.parametrize("trim", [0.2, 0.1, 0.0])
@pytest.mark.parametrize("alternative, level", [("two-sided", 0.95), ("less", 0.9), ("greater", 0.95)])
@pytest.mark.parametrize("name", list(DATASETS))
def test_yuen_equals_scipy_ttest_ind_trimmed(name, alternative, level, trim):
    from scipy import stats

    data, dv, groups, (g1, g2) = DATASETS[name]
    result = yuen(data, dv, "group", groups=groups, trim=trim, alternative=alternative, confidence_level=level)
    assert list(result["dv"]) == dv
    for i, column in enumerate(dv):
        x = data.loc[data["group"] == g1, column].dropna().to_numpy(float)
        y = data.loc[data["group"] == g2, column].dropna().to_numpy(float)
        expected = stats.ttest_ind(x, y, equal_var=False, trim=trim, alternative=alternative)
        ci = expected.confidence_interval(level)
        row = result.iloc[i]
        np.testing.assert_allclose(
            row[["t", "df", "p", "ci_low", "ci_high"]].to_numpy(float),
            [expected.statistic, expected.df, expected.pvalue, ci.low, ci.high], rtol=1e-12)
        np.testing.assert_allclose([row["trimmed_mean1"], row["trimmed_mean2"]],
                                   [stats.trim_mean(x, trim), stats.trim_mean(y, trim)], rtol=1e-12)


def test_yuen_without_trimming_is_welch():
    from mixedmethods.comparisons.two_groups import compare

    data, dv, groups, _ = DATASETS["unequal"]
    welch = compare(data, dv, "group", groups=groups)
    welch = welch[welch["test"] == "welch"]
    np.testing.assert_allclose(yuen(data, dv, "group", trim=0)[["t", "df", "p"]].to_numpy(float),
                               welch[["t", "df", "p"]].to_numpy(float), rtol=1e-10)


def test_yuen_bad_input():
    with pytest.raises(InputError, match="trim"):
        yuen(SPIDER, "anxiety", "group", trim=0.5)
    with pytest.raises(InputError, match="at least 2 per group"):
        yuen(pd.DataFrame({"y": [1.0, 2, 3, 4, 5], "g": list("abbbb")}), "y", "g")
    with pytest.raises(InputError, match="after trimming 1 from each end fewer than 2 remain"):
        yuen(pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "g": list("aaabbb")}), "y", "g", trim=0.4)
    flat = pd.DataFrame({"y": [0.0, 5, 5, 5, 9, 1, 7, 7, 7, 9], "g": list("aaaaabbbbb")})
    with pytest.raises(InputError, match="winsorized variance 0"):
        yuen(flat, "y", "g")
    with pytest.raises(InputError, match="holds -inf in row 0"):
        yuen(SPIDER.assign(anxiety=[-np.inf] + [1.0] * 23), "anxiety", "group")
    before = copy.deepcopy(SPIDER)
    yuen(SPIDER, "anxiety", "group")
    pd.testing.assert_frame_equal(SPIDER, before)


def test_yuen_with_one_flat_group_is_computed_without_warning():
    # a Likert item whose middle 60% is all "4" in one group (winsorized variance 0 there only)
    data = pd.DataFrame({"y": [1.0, 4, 4, 4, 5, 1, 2, 3, 4, 5], "g": list("aaaaabbbbb")})
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = yuen(data, "y", "g").iloc[0]
    assert np.isfinite([row["t"], row["df"], row["p"]]).all()

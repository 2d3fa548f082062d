"""Tests of mixedmethods.themes.crosstab: counts and tests checked against R and hand computations."""
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mixedmethods.themes import crosstab


def test_crosstab_two_groups_uses_fisher(segments, people):
    res = crosstab(segments, participants=people, between="shift")
    sup = res[res["code_path"] == "support"].set_index("group")
    # night: P1, P2 (both support) of 2; day: P3, P4, P5 (none) of 3
    assert sup["n_participants"].tolist() == [0, 2]
    assert sup["denominator"].tolist() == [3, 2]
    assert sup.loc["night", "prevalence"] == 1.0
    assert (sup["test"] == "fisher").all()
    # R: fisher.test(matrix(c(0, 2, 3, 0), 2)) -> p = 0.1 (1 table of 10 as extreme, twice)
    assert sup["p"].iloc[0] == pytest.approx(0.1)
    # Pearson X2 = N (ad - bc)^2 / (r1 r2 c1 c2) = 5 * (0*0 - 3*2)^2 / (3*2*2*3) = 5; V = sqrt(5/5) = 1
    assert sup["chi_square"].iloc[0] == pytest.approx(5.0)
    assert sup["cramers_v"].iloc[0] == pytest.approx(1.0)
    # the row carries Fisher's test: no statistic and no df of its own (X2 stays in chi_square)
    assert sup["statistic"].isna().all() and sup["df"].isna().all()
    chi = crosstab(segments, participants=people, between="shift", test="chi-square")
    chi_sup = chi[chi["code_path"] == "support"]
    assert (chi_sup["test"] == "chi-square").all()
    assert chi_sup["statistic"].iloc[0] == pytest.approx(5.0) and chi_sup["df"].iloc[0] == 1
    # R: chisq.test(matrix(c(0, 2, 3, 0), 2), correct = FALSE)$p.value = 0.02534732
    assert chi_sup["p"].iloc[0] == pytest.approx(0.02534732, rel=1e-6)
    # small cells: 0 is not small, 2 is (< 5)
    assert sup["small_cell"].tolist() == [False, True]


def test_crosstab_suppresses_small_cells(segments, people):
    res = crosstab(segments, participants=people, between="shift", suppress_small_cells=True)
    fam = res[res["code_path"] == "support / family"].set_index("group")
    assert pd.isna(fam.loc["night", "n_participants"]) and np.isnan(fam.loc["night", "prevalence"])
    assert fam.loc["day", "n_participants"] == 0
    assert fam["p"].notna().all()  # the test keeps the real counts


def brute_force_fisher(table):
    """Every table with the same margins, enumerated directly (independent of the module)."""
    rows, m = table.sum(axis=1), table[:, 0].sum()
    n = rows.sum()

    def prob(x):
        return math.prod(math.comb(int(r), int(k)) for r, k in zip(rows, x)) / math.comb(int(n), int(m))

    observed = prob(table[:, 0])
    total = 0.0
    for x in itertools.product(*[range(int(r) + 1) for r in rows]):
        if sum(x) == m and prob(x) <= observed * (1 + 1e-7):
            total += prob(x)
    return total


def test_crosstab_three_groups_chi_square_and_exact():
    rng = np.random.default_rng(7)
    groups = np.repeat(["a", "b", "c"], [40, 30, 30])
    people = pd.DataFrame({"participant": [f"P{i}" for i in range(100)], "site": groups})
    p_code = np.where(groups == "a", 0.6, np.where(groups == "b", 0.3, 0.5))
    has = rng.random(100) < p_code
    rare = np.zeros(100, bool)
    rare[[0, 1, 45]] = True
    seg = pd.concat([
        pd.DataFrame({"participant": people["participant"][has], "code": "common"}),
        pd.DataFrame({"participant": people["participant"][rare], "code": "rare"}),
    ])
    res = crosstab(seg, participants=people, between="site").set_index(["code", "group"])
    yes = np.array([has[groups == g].sum() for g in "abc"])
    table = np.column_stack([yes, [40, 30, 30] - yes])
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    common = res.loc["common"]
    assert common["n_participants"].tolist() == yes.tolist()
    assert (common["test"] == "chi-square").all()
    assert common["statistic"].iloc[0] == pytest.approx(chi2, rel=1e-12)
    assert common["chi_square"].iloc[0] == common["statistic"].iloc[0]
    assert common["p"].iloc[0] == pytest.approx(p, rel=1e-12)
    assert common["df"].iloc[0] == 2
    assert common["cramers_v"].iloc[0] == pytest.approx(math.sqrt(chi2 / 100), rel=1e-12)
    # rare: P0, P1 (site a) and P45 (site b): 2 of 40, 1 of 30, 0 of 30 -> expected counts 1.2, 0.9, 0.9 < 5 -> exact test
    rare_rows = res.loc["rare"]
    assert rare_rows["n_participants"].tolist() == [2, 1, 0]
    assert (rare_rows["test"] == "fisher").all()
    assert rare_rows["min_expected"].iloc[0] == pytest.approx(0.9)
    assert rare_rows["p"].iloc[0] == pytest.approx(brute_force_fisher(np.array([[2, 38], [1, 29], [0, 30]])),
                                                   rel=1e-9)


def test_crosstab_missing_attribute_warns(segments, people):
    people = people.assign(shift=["night", None, "day", "day", "day"])
    with pytest.warns(UserWarning, match="1 participant\\(s\\) have no value of 'shift'"):
        res = crosstab(segments, participants=people, between="shift")
    assert res.groupby("group")["denominator"].first().to_dict() == {"day": 3, "night": 1}


def test_wilson_bounds_are_exact_at_zero_and_all():
    """A theme nobody (or everybody) mentions has the bound exactly 0 (or 1), so plots never see -1e-17."""
    from mixedmethods.plot import theme_by_group

    seg = pd.DataFrame({"participant": ["a", "b"], "code": ["x", "x"]})
    part = pd.DataFrame({"participant": ["a", "b", "c"], "group": ["g", "g", "h"]})
    table = crosstab(seg, participants=part, between="group", sample="probability")
    zero = table[(table["group"] == "h")].iloc[0]
    assert zero["n_participants"] == 0 and zero["ci_low"] == 0.0
    everyone = table[(table["group"] == "g")].iloc[0]
    assert everyone["ci_high"] == 1.0
    ax = theme_by_group(table)  # used to fail: 'xerr' must not contain negative values
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


@pytest.mark.parametrize("sample", [None, "purposive", "convenience", "census", "probability"])
def test_crosstab_gives_intervals_only_for_a_probability_sample(segments, people, sample):
    res = crosstab(segments, participants=people, between="shift", sample=sample)
    assert (res["sample"] == (sample or "not stated")).all()
    if sample == "probability":
        # R: prop.test(2, 2, correct = FALSE)$conf.int -> 0.3423802 1.0000000 (support, night)
        sup = res[(res["code_path"] == "support") & (res["group"] == "night")].iloc[0]
        assert (sup["ci_low"], sup["ci_high"]) == pytest.approx((0.3423802, 1.0), abs=1e-7)
        assert res.attrs["notes"] == []
    else:
        assert res["ci_low"].isna().all() and res["ci_high"].isna().all()
        assert res.attrs["notes"][0].startswith("No Wilson intervals:")
        # the p values' meaning without a probability sample is said with the result, not only in the docstring
        assert len(res.attrs["notes"]) == 2 and res.attrs["notes"][1].startswith("The p values ask whether")
        assert res.attrs["notes"][1].endswith("they describe these participants, not a population.")
    # the tests and counts are the same whatever the sample
    base = crosstab(segments, participants=people, between="shift", sample=None if sample == "census" else "census")
    keep = ["n_participants", "denominator", "prevalence", "test", "p", "chi_square"]
    pd.testing.assert_frame_equal(res[keep], base[keep])

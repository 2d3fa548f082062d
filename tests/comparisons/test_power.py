"""power_ttest and sensitivity_ttest (mixedmethods.comparisons.power) against R's ``pwr``.

R 4.2.2, pwr 1.3.0.  Tolerance 1e-4 absolute (the promise); the values agree far closer.
Sensitivity references are the root of ``pwr.t2n.test``'s power found with
``uniroot(..., tol = 1e-12)``: ``pwr.t2n.test(n1, n2, power = )`` itself solves with
``uniroot``'s default tolerance and prints d about 1e-5 off (given beside each case).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixedmethods import InputError
from mixedmethods.comparisons.power import power_ttest, sensitivity_ttest

ATOL = 1e-4

POWER_REFERENCES = [
    # (d, n1, n2, alpha, alternative, power)
    (0.5, 61, 34, 0.05, "two-sided", 0.637617795115473),  # R: pwr::pwr.t2n.test(n1 = 61, n2 = 34, d = 0.5, sig.level = 0.05)
    (0.8, 20, 20, 0.05, "two-sided", 0.69340419661545),  # R: pwr::pwr.t2n.test(n1 = 20, n2 = 20, d = 0.8, sig.level = 0.05)
    (0.3, 10, 40, 0.05, "greater", 0.209470547255141),  # R: pwr::pwr.t2n.test(n1 = 10, n2 = 40, d = 0.3, sig.level = 0.05, alternative = "greater")
    (-0.25, 100, 50, 0.05, "less", 0.417584061444349),  # R: pwr::pwr.t2n.test(n1 = 100, n2 = 50, d = -0.25, sig.level = 0.05, alternative = "less")
    (1.2, 5, 8, 0.01, "two-sided", 0.218671371102767),  # R: pwr::pwr.t2n.test(n1 = 5, n2 = 8, d = 1.2, sig.level = 0.01)
]

# R: s <- function(n1, n2, power, sig.level, alternative = "two.sided", lower = 1e-7, upper = 10)
#      uniroot(function(d) pwr::pwr.t2n.test(n1 = n1, n2 = n2, d = d, sig.level = sig.level,
#              alternative = alternative)$power - power, c(lower, upper), tol = 1e-12)$root
SENSITIVITY_REFERENCES = [
    # (n1, n2, power, alpha, alternative, |d|)
    (61, 34, 0.8, 0.05, "two-sided", 0.60587967904384),  # R: s(61, 34, 0.8, 0.05); pwr.t2n.test(n1 = 61, n2 = 34, power = 0.8) prints 0.605880734469238
    (61, 34, 0.9, 0.05, "two-sided", 0.701032444428227),  # R: s(61, 34, 0.9, 0.05); pwr.t2n.test prints 0.701032395282074
    (20, 30, 0.8, 0.05, "greater", 0.728121514812948),  # R: s(20, 30, 0.8, 0.05, "greater"); pwr.t2n.test prints 0.728125422555176
    (12, 7, 0.95, 0.01, "two-sided", 2.23287494128813),  # R: s(12, 7, 0.95, 0.01); pwr.t2n.test prints 2.23288454619531
    (50, 50, 0.8, 0.05, "less", 0.500764105473834),  # R: s(50, 50, 0.8, 0.05, "less", -10, -1e-7) gives d = -0.500764105473834; pwr.t2n.test prints -0.50077927267551
]


@pytest.mark.parametrize("d, n1, n2, alpha, alternative, expected", POWER_REFERENCES)
def test_power_matches_pwr(d, n1, n2, alpha, alternative, expected):
    res = power_ttest(d, n1, n2, alpha=alpha, alternative=alternative)
    assert list(res.columns) == ["d", "n1", "n2", "alpha", "alternative", "power"]
    np.testing.assert_allclose(res["power"], [expected], atol=ATOL, rtol=0)
    np.testing.assert_allclose(res["power"], [expected], rtol=1e-9)  # what we actually achieve


def test_power_is_vectorised_and_keeps_the_callers_index():
    d = pd.Series([0.5, 0.8, 1.2], index=["small", "medium", "large"])
    res = power_ttest(d, [61, 20, 5], [34, 20, 8], alpha=0.05)
    assert list(res.index) == ["small", "medium", "large"]
    np.testing.assert_allclose(res["power"][:2], [POWER_REFERENCES[0][-1], POWER_REFERENCES[1][-1]], atol=ATOL)
    assert res["n1"].tolist() == [61, 20, 5]


@pytest.mark.parametrize("n1, n2, power, alpha, alternative, expected", SENSITIVITY_REFERENCES)
def test_sensitivity_matches_pwr(n1, n2, power, alpha, alternative, expected):
    res = sensitivity_ttest(n1, n2, power=power, alpha=alpha, alternative=alternative)
    assert list(res.columns) == ["n1", "n2", "alpha", "alternative", "power", "d"]
    np.testing.assert_allclose(res["d"], [expected], atol=ATOL, rtol=0)
    np.testing.assert_allclose(res["d"], [expected], rtol=1e-9)


def test_sensitivity_all_designs_at_once_equals_statsmodels_solve_power():
    from statsmodels.stats.power import TTestIndPower

    n1, n2, power, alpha, alternative, _ = zip(*SENSITIVITY_REFERENCES)
    for a in ("two-sided", "greater"):
        res = sensitivity_ttest(list(n1), list(n2), power=list(power), alpha=0.05, alternative=a)
        for row in res.itertuples():
            d = TTestIndPower().solve_power(nobs1=row.n1, ratio=row.n2 / row.n1, alpha=0.05, power=row.power,
                                            alternative="two-sided" if a == "two-sided" else "larger")
            # solve_power stops at its own tolerance (a few 1e-6 here); ours solves to 1e-12
            assert row.d == pytest.approx(d, rel=1e-5)
    # and the power at the detectable d is the power asked for
    back = power_ttest(res["d"], res["n1"], res["n2"], alternative="greater")
    np.testing.assert_allclose(back["power"], res["power"], rtol=1e-9)


def test_bad_designs_are_refused():
    with pytest.raises(InputError, match=r"n2\[1\] = 1; each group needs a whole number of at least 2"):
        power_ttest(0.5, [10, 10], [10, 1])
    with pytest.raises(InputError, match=r"power\[0\] = 0.03; give a power above alpha = 0.05"):
        sensitivity_ttest(10, 10, power=0.03)
    with pytest.raises(InputError, match=r"d has 2 values but the other inputs have 3"):
        power_ttest([0.2, 0.5], [10, 20, 30], 10)
    with pytest.raises(ValueError, match="alternative"):
        power_ttest(0.5, 10, 10, alternative="two.sided")

"""Power and sensitivity of Student's two-sample t-test, for many designs at once.

Both functions use statsmodels' ``TTestIndPower`` (the noncentral *t* with
``n1 + n2 - 2`` df and noncentrality ``d sqrt(n1 n2 / (n1 + n2))``), the
calculation of R's ``pwr::pwr.t2n.test`` and G*Power, and are checked against
R to 1e-4 in the tests.
"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import ALTERNATIVES, InputError, check_choice, check_probability
from ._inputs import broadcast_inputs, caller_index, check_group_sizes

__all__ = ["power_ttest", "sensitivity_ttest"]

# statsmodels' words for SciPy's alternatives
_STATSMODELS_ALTERNATIVE = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}


def _power(d, n1, n2, alpha, alternative):
    """statsmodels' power of the two-sample t-test, element-wise."""
    from statsmodels.stats.power import TTestIndPower

    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return np.asarray(TTestIndPower().power(
            effect_size=d, nobs1=n1, alpha=alpha, ratio=n2 / n1,
            alternative=_STATSMODELS_ALTERNATIVE[alternative],
        ), dtype=float)


def _designs(alternative, alpha, **named):
    check_choice("alternative", alternative, ALTERNATIVES)
    alpha = check_probability("alpha", alpha)
    k, arrays = broadcast_inputs(**named)
    check_group_sizes(arrays)
    index = caller_index(k, *named.values())
    return alpha, arrays, index if index is not None else list(range(k))


@returns_result_table
def power_ttest(d, n1, n2, *, alpha=0.05, alternative="two-sided"):
    """Power of Student's two-sample t-test for true standardised differences ``d``.

    Parameters
    ----------
    d : float or array-like
        The true difference in means, in (pooled) standard deviations:
        Cohen's d of group 1 minus group 2.
    n1, n2 : int or array-like
        The group sizes, at least 2 and at most 2⁵³ (about 9 × 10¹⁵) each.
        Scalars or equal-length array-likes (one design per position;
        scalars are repeated).  A pandas Series keeps its index.
    alpha : float
        Significance level.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: the test of ``mean1 > mean2`` (power is small for
        negative ``d``).  Two-sided power counts rejections in either tail.

    Returns
    -------
    pandas.DataFrame
        One row per design: ``d``, ``n1``, ``n2``, ``alpha``, ``alternative``,
        ``power`` (the chance that the test rejects at ``alpha``).

    Notes
    -----
    statsmodels' ``TTestIndPower().power(d, nobs1=n1, ratio=n2 / n1)``.
    Agrees with R's ``pwr::pwr.t2n.test`` to 1e-4 (see the tests).  Power
    is a property of a design and an assumed true effect: computed at an
    observed effect ("observed power") it only restates the p value.

    Examples
    --------
    >>> power_ttest([0.2, 0.5, 0.8], 61, 34)[["d", "power"]].round(3)
         d  power
    0  0.2  0.152
    1  0.5  0.638
    2  0.8  0.959
    """
    alpha, a, index = _designs(alternative, alpha, d=d, n1=n1, n2=n2)
    import pandas as pd

    power = _power(a["d"], a["n1"], a["n2"], alpha, alternative)
    return pd.DataFrame({"d": a["d"], "n1": a["n1"].astype(np.int64), "n2": a["n2"].astype(np.int64),
                         "alpha": alpha, "alternative": alternative, "power": power}, index=index)


@returns_result_table
def sensitivity_ttest(n1, n2, *, power=0.8, alpha=0.05, alternative="two-sided"):
    """The smallest standardised difference Student's t-test detects with the given power.

    Parameters
    ----------
    n1, n2 : int or array-like
        The group sizes (scalars or equal-length array-likes; a pandas Series
        keeps its index).
    power : float or array-like
        The power wanted, above ``alpha`` and below 1.
    alpha : float
        Significance level.
    alternative : {"two-sided", "less", "greater"}
        For ``"less"`` the detectable effect lies in the negative direction
        (``d <= -d_detectable``); its size is the same as for ``"greater"``.

    Returns
    -------
    pandas.DataFrame
        One row per design: ``n1``, ``n2``, ``alpha``, ``alternative``,
        ``power``, ``d`` (the smallest ``|d|`` with that power: smaller true
        effects are detected less often).

    Notes
    -----
    Solves :func:`power_ttest` for ``d`` (statsmodels' power function, as
    its ``solve_power`` does, but for all designs at once with SciPy's
    element-wise root finder).  Agrees with R's ``pwr::pwr.t2n.test(n1, n2,
    power = )`` to 1e-4 (see the tests).

    Examples
    --------
    >>> sensitivity_ttest(61, 34, power=[0.8, 0.9])[["power", "d"]].round(3)
       power      d
    0    0.8  0.606
    1    0.9  0.701
    """
    alpha, a, index = _designs(alternative, alpha, n1=n1, n2=n2, power=power)
    target = a["power"]
    bad = np.flatnonzero((target <= alpha) | (target >= 1))
    if bad.size:
        raise InputError(f"power[{bad[0]}] = {target[bad[0]]:g}; give a power above alpha = {alpha:g} and below 1.")
    import pandas as pd

    d = _solve_d(a["n1"], a["n2"], target, alpha, alternative)
    return pd.DataFrame({"n1": a["n1"].astype(np.int64), "n2": a["n2"].astype(np.int64), "alpha": alpha,
                         "alternative": alternative, "power": target, "d": d}, index=index)


def _solve_d(n1, n2, target, alpha, alternative):
    """|d| at which the power reaches ``target``, element-wise (power grows with |d| from alpha)."""
    from scipy.optimize import elementwise
    from scipy.special import ndtri

    one_sided = "two-sided" if alternative == "two-sided" else "greater"

    def gap(d, n1, n2, target):
        return _power(d, n1, n2, alpha, one_sided) - target

    tail = alpha / 2 if alternative == "two-sided" else alpha
    # normal approximation: a starting guess the t distribution's heavier tails push upwards
    guess = (ndtri(1 - tail) + ndtri(target)) * np.sqrt(1 / n1 + 1 / n2)
    args = (n1, n2, target)
    with np.errstate(invalid="ignore", over="ignore"):  # a design out of reach fails below, by name
        bracket = elementwise.bracket_root(gap, guess, 1.5 * guess, xmin=0.0, args=args)
        found = elementwise.find_root(gap, bracket.bracket, args=args,
                                      tolerances=dict(xatol=1e-12, xrtol=1e-12))
    if not np.all(found.success):
        i = int(np.flatnonzero(~found.success)[0])
        raise InputError(f"the detectable d cannot be found for n1 = {n1[i]:g}, n2 = {n2[i]:g}, "
                         f"power = {target[i]:g} at alpha = {alpha:g}: the power function cannot be "
                         "evaluated that far out; give a less extreme alpha or power.")
    return found.x

"""Standardised mean differences with confidence intervals, vectorised across outcomes.

The definitions follow R's ``effectsize`` package (0.8), which is what the
tests check against:

* Cohen's *d* divides the mean difference by the pooled standard deviation
  ``sqrt(((n1 - 1) sd1² + (n2 - 1) sd2²) / (n1 + n2 - 2))``.
* Hedges' *g* multiplies *d* by the exact small-sample correction
  ``J(df) = Γ(df/2) / (sqrt(df/2) Γ((df - 1)/2))`` with ``df = n1 + n2 - 2``.
* The confidence interval of *d* inverts the noncentral *t* distribution:
  with ``t = d / sqrt(1/n1 + 1/n2)`` on ``n1 + n2 - 2`` degrees of freedom,
  the bounds are the noncentrality parameters whose distribution puts ``t``
  at the ``1 - α/2`` and ``α/2`` quantiles, mapped back to the *d* scale
  (Steiger & Fouladi 1997).  The interval of *g* is the interval of *d*
  times ``J``.
"""
from __future__ import annotations

import numpy as np

__all__ = ["hedges_correction", "pooled_sd", "noncentral_t_interval"]


def pooled_sd(sd1, n1, sd2, n2):
    """Pooled standard deviation of two groups (vectorised).

    Examples
    --------
    >>> float(pooled_sd(2.0, 10, 2.0, 20))
    2.0
    """
    sd1, n1, sd2, n2 = (np.asarray(v, dtype=float) for v in (sd1, n1, sd2, n2))
    return np.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2))


def hedges_correction(df):
    """Hedges' exact small-sample correction factor ``J(df)`` (vectorised).

    Examples
    --------
    >>> round(float(hedges_correction(18)), 6)
    0.957646
    """
    from scipy.special import gammaln

    df = np.asarray(df, dtype=float)
    return np.exp(gammaln(df / 2) - 0.5 * np.log(df / 2) - gammaln((df - 1) / 2))


def _ncp_for_quantile(t, df, q):
    """Noncentrality parameters ``ncp`` with ``nct.cdf(t, df, ncp) == q`` (element-wise).

    The cdf decreases smoothly in ``ncp``.  The secant method, started at the
    normal approximation ``t + z_{1-q} sqrt(1 + t²/(2 df))``, converges in a
    handful of evaluations for almost every element; any element it leaves
    unresolved (a flat tail, a non-finite step) is solved by SciPy's bracketing
    root finder (Chandrupatla) from a narrow bracket that widens only as
    needed, so that the noncentral *t* is never evaluated far in its tails,
    where SciPy returns NaN.
    """
    from scipy import stats

    def f(ncp, t, df, q):
        return stats.nct.cdf(t, df, ncp) - q

    spread = np.sqrt(1.0 + t**2 / (2.0 * df))
    start = t + stats.norm.ppf(1.0 - q) * spread
    x0, x1 = start, start + 0.05 * spread
    f0, f1 = f(x0, t, df, q), f(x1, t, df, q)
    active = np.arange(t.size)
    result = np.full(t.size, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(12):
            step = f1 * (x1 - x0) / (f1 - f0)
            x2 = x1 - step
            done = np.abs(step) <= 1e-11 * (1.0 + np.abs(x2))
            result[active[done]] = x2[done]
            keep = ~done & np.isfinite(x2)
            active, x0, f0, x1 = active[keep], x1[keep], f1[keep], x2[keep]
            if not active.size:
                break
            f1 = f(x1, t[active], df[active], q[active])
    unresolved = np.flatnonzero(np.isnan(result))
    if unresolved.size:
        result[unresolved] = _bracketed_root(f, t[unresolved], df[unresolved], q[unresolved],
                                             start[unresolved], spread[unresolved])
    return result


def _bracketed_root(f, t, df, q, start, spread):
    from scipy.optimize import elementwise

    bracket = elementwise.bracket_root(
        f, start - 0.5 * spread, start + 0.5 * spread, args=(t, df, q)
    )
    result = elementwise.find_root(
        f, bracket.bracket, args=(t, df, q), tolerances=dict(xatol=1e-12, xrtol=1e-12)
    )
    if not np.all(result.success):
        bad = np.flatnonzero(~result.success)[:5]
        raise ArithmeticError(
            "the noncentral-t confidence interval did not converge for "
            f"t = {t[bad]}, df = {df[bad]}; please report this with the data."
        )
    return result.x


def noncentral_t_interval(t, df, *, confidence_level=0.95, alternative="two-sided"):
    """Confidence interval for the noncentrality parameter of an observed *t*.

    Parameters
    ----------
    t, df : array-like
        Observed *t* statistics and their degrees of freedom (broadcast together).
    confidence_level : float
        Coverage of the interval.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` gives a one-sided interval ``[low, inf)``, ``"less"``
        gives ``(-inf, high]``, as in ``effectsize`` and ``t.test``.

    Returns
    -------
    low, high : ndarray
        The bounds, on the scale of the noncentrality parameter.

    Examples
    --------
    >>> low, high = noncentral_t_interval(0.0, 1e6)
    >>> round(float(low), 3), round(float(high), 3)
    (-1.96, 1.96)
    """
    t, df = np.broadcast_arrays(np.asarray(t, dtype=float), np.asarray(df, dtype=float))
    shape = t.shape
    t, df = t.ravel(), df.ravel()
    alpha = 1.0 - confidence_level
    tail = alpha / 2 if alternative == "two-sided" else alpha
    low = np.full(t.shape, -np.inf)
    high = np.full(t.shape, np.inf)
    if t.size:
        if alternative in ("two-sided", "greater"):
            low = _ncp_for_quantile(t, df, np.full(t.shape, 1.0 - tail))
        if alternative in ("two-sided", "less"):
            high = _ncp_for_quantile(t, df, np.full(t.shape, tail))
    return low.reshape(shape), high.reshape(shape)

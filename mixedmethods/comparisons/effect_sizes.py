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

Speed: each bound needs a root of the noncentral-*t* cdf, which costs about
10 µs per evaluation.  Many outcomes compared on the same groups share one df,
and for a fixed df the bound is a smooth function of *t*; so where at least
:data:`INTERPOLATE_FROM` elements share a df, the bound is solved exactly at
Chebyshev nodes spanning their *t* values and interpolated, and the
interpolant is accepted only when it matches exact roots at check points
between the nodes to 1e-10 (relative); otherwise every element is solved
directly.  The Welch rows give each item its own df; many of those are
interpolated the same way in two dimensions, ``t`` and ``log df``
(checked between all nodes in both).  10,000 items then take milliseconds
instead of a second.

Very large effects: SciPy's noncentral *t* returns NaN once the noncentrality
parameter passes about 10⁶ (for example ``compare_summary(1e6, 1, 3, 0, 1, 3)``,
t ≈ 1.2 × 10⁶), sometimes already at 5 × 10⁴, after up to a second per
evaluation.  For ``|t| >`` :data:`LARGE_T` (10⁴) the bounds are therefore
:func:`approximate_noncentral_t_bound`, which is exact in the limits of large
df and of large ``|t|``: at ``|t| = 10⁴`` it is within 8.5e-9 (relative) of
the exact root on df from 2 to 10¹², the worst measured (the tests check
1e-7).  Any other bound whose root cannot be found is approximated the same
way, with a ``RuntimeWarning`` naming it.  The rest of the table is
unaffected.

Welch rows: R's ``effectsize::cohens_d(x, y, pooled_sd = FALSE)`` divides the
mean difference by the average-variance SD ``sqrt((sd1² + sd2²) / 2)``
(:func:`average_variance_sd`) and inverts the noncentral *t* at Welch's *t*
on the Welch–Satterthwaite df, mapping the bounds back to *d* with
``sqrt(2 (n2 sd1² + n1 sd2²) / (n1 n2 (sd1² + sd2²)))``; Hedges' ``J`` then
uses the Welch df.  So the interval excludes 0 exactly when Welch's test is
significant at the same level.
"""
from __future__ import annotations

import numpy as np

__all__ = [
    "hedges_correction", "pooled_sd", "average_variance_sd", "noncentral_t_interval",
    "approximate_noncentral_t_bound", "INTERPOLATE_FROM", "LARGE_T",
]

#: Beyond this |t| the bounds are approximated (SciPy's noncentral t is slow, then undefined, there).
LARGE_T = 1e4
#: Elements sharing one df from which the bounds are interpolated rather than solved one by one.
INTERPOLATE_FROM = 200
_DEGREES = (32, 64, 128, 256)  # Chebyshev interpolants tried, in turn
_DEGREES_2D = ((32, 8), (64, 12))  # (nodes in t, nodes in log df) of the two-dimensional interpolants tried
_INTERPOLATION_TOLERANCE = 1e-10


def pooled_sd(sd1, n1, sd2, n2):
    """Pooled standard deviation of two groups (vectorised).

    Examples
    --------
    >>> float(pooled_sd(2.0, 10, 2.0, 20))
    2.0
    """
    sd1, n1, sd2, n2 = (np.asarray(v, dtype=float) for v in (sd1, n1, sd2, n2))
    return np.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2))


def average_variance_sd(sd1, sd2):
    """The average-variance SD ``sqrt((sd1² + sd2²) / 2)`` of two groups (vectorised).

    The standardiser of R's ``effectsize::cohens_d(pooled_sd = FALSE)``, used
    on the Welch rows of :func:`~mixedmethods.compare`.  Computed without
    squaring large or tiny values.

    Examples
    --------
    >>> float(average_variance_sd(1.0, 7.0))
    5.0
    """
    sd1, sd2 = np.asarray(sd1, dtype=float), np.asarray(sd2, dtype=float)
    scale = np.maximum(sd1, sd2)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = scale * np.sqrt(((sd1 / scale) ** 2 + (sd2 / scale) ** 2) / 2)
    return np.where(scale == 0, 0.0, out)


def hedges_correction(df):
    """Hedges' exact small-sample correction factor ``J(df)`` (vectorised).

    ``J(df) = Γ(df/2) / (sqrt(df/2) Γ((df - 1)/2))``, through log-gamma
    functions as R's ``effectsize`` computes it up to df = 10⁴; beyond, where
    the difference of two large log-gammas loses digits (effectsize's own J
    is 0.996 at df = 2 × 10¹² and 54.6 at 2 × 10¹⁵), through the asymptotic
    series ``sqrt(b / a) (1 - 1/(8b) + 1/(128b²) + 5/(1024b³) - 21/(32768b⁴))``
    with ``a = df/2``, ``b = a - 1/2`` (error below 1e-16 there).

    Examples
    --------
    >>> round(float(hedges_correction(18)), 6)
    0.957646
    >>> float(hedges_correction(2e15)) < 1
    True
    """
    from scipy.special import gammaln

    df = np.asarray(df, dtype=float)
    a = df / 2
    b = a - 0.5
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):  # b⁴ of df = 1e300 is inf: its term 0
        exact = np.exp(gammaln(a) - 0.5 * np.log(a) - gammaln(b))
        series = np.sqrt(b / a) * (1 - 1 / (8 * b) + 1 / (128 * b**2) + 5 / (1024 * b**3) - 21 / (32768 * b**4))
    return np.where(df > 1e4, series, exact)


def approximate_noncentral_t_bound(t, df, q):
    """Approximate noncentrality ``ncp`` with ``P(T <= t) = q`` for ``T`` noncentral *t* on ``df``.

    With ``T = (Z + ncp) / S``, ``S = sqrt(χ²_df / df)``, the event ``T <= t``
    is ``Z - t S <= -ncp``.  For ``t >= 0`` the bound is
    ``t m + sign(1/2 - q) sqrt((t (s_{1-q} - m))² + z_q²)``, with ``m`` the
    median and ``s_{1-q}`` the ``1 - q`` quantile of ``S`` and ``z_q`` the
    normal quantile (negative ``t`` by symmetry).  It is exact when ``S`` is
    normal (large df) and when ``Z`` is negligible beside ``t S`` (large
    ``|t|``); on df from 2 to 10¹² it agrees with the exact root to 8.2e-7
    relative at ``|t| = 10³`` and 8.5e-9 at ``|t| = 10⁴`` at worst (measured;
    the tests check 1e-6 and 1e-7).  Used only where SciPy's noncentral *t*
    is undefined.

    Examples
    --------
    >>> round(float(approximate_noncentral_t_bound(0.0, 1e9, 0.975)), 4)
    -1.96
    """
    from scipy import stats

    t, df, q = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (t, df, q)))
    flip = t < 0
    ta = np.abs(t)
    qa = np.where(flip, 1.0 - q, q)

    def s_quantile(p):
        return np.sqrt(stats.chi2.ppf(p, df) / df)

    m = s_quantile(0.5)
    spread = ta * (s_quantile(1.0 - qa) - m)
    bound = ta * m + np.sign(0.5 - qa) * np.hypot(spread, stats.norm.ppf(qa))
    return np.where(flip, -bound, bound)


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
    from scipy import special, stats

    def f(ncp, t, df, q):  # scipy.special.nctdtr is stats.nct.cdf without its per-call overhead
        return special.nctdtr(df, ncp, t) - q

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
        # SciPy's noncentral t is NaN beyond an ncp of about 1e6: do not search there
        defined = np.isfinite(f(start[unresolved], t[unresolved], df[unresolved], q[unresolved]))
        search = unresolved[defined]
        if search.size:
            result[search] = _bracketed_root(f, t[search], df[search], q[search], start[search], spread[search])
    return result


def _ncp_by_df(t, df, q):
    """:func:`_ncp_for_quantile` for ``t >= 0``, interpolated in ``t`` for each df shared by many elements."""
    result = np.empty(t.size)
    values, inverse, counts = np.unique(df, return_inverse=True, return_counts=True)
    direct = counts[inverse] < INTERPOLATE_FROM
    if direct.sum() >= INTERPOLATE_FROM:  # many elements on many df (Welch rows): interpolate in (t, df)
        result[direct] = _interpolated_2d(t[direct], df[direct], q[direct][0])
    elif direct.any():
        result[direct] = _ncp_for_quantile(t[direct], df[direct], q[direct])
    for k in np.flatnonzero(counts >= INTERPOLATE_FROM):
        where = np.flatnonzero(inverse == k)
        result[where] = _interpolated(t[where], values[k], q[where[0]])
    return result


def _interpolated(t, df, q):
    """Roots for many ``t`` on one ``df``: a checked Chebyshev interpolant, else each solved directly."""
    def solve(x):
        return _ncp_for_quantile(x, np.full(x.size, df), np.full(x.size, q))

    # The cdf is slow far in its tails (|t| of 30 takes ~0.1 s an evaluation) and Chebyshev nodes
    # crowd at the ends, so the interpolant spans t (>= 0: the caller passes |t|) up to its 99th
    # percentile; the largest 1% are solved directly.
    low, high = (float(v) for v in np.percentile(t, [0, 99]))  # t >= 0 here: only the far end is slow
    if high - low <= 1e-9 * (1.0 + abs(low)):
        return solve(t)
    inside = (t >= low) & (t <= high)
    result = np.empty(t.size)
    result[~inside] = solve(t[~inside])
    result[inside] = _chebyshev(t[inside], low, high, solve)
    return result


def _chebyshev(t, low, high, solve):
    """``solve(t)`` through a Chebyshev interpolant on [low, high] when it is accurate, else directly."""
    middle, half = (low + high) / 2, (high - low) / 2
    for n in _DEGREES:
        angles = np.pi * (np.arange(n) + 0.5) / n
        roots = solve(middle + half * np.cos(angles))
        # coefficients of the interpolant through the first-kind Chebyshev nodes (a cosine transform)
        coef = (2.0 / n) * np.cos(np.outer(np.arange(n), angles)) @ roots
        coef[0] /= 2
        check = np.cos(np.pi * np.arange(1, n) / n)  # between the nodes, where the error peaks
        error = np.abs(np.polynomial.chebyshev.chebval(check, coef) - solve(middle + half * check))
        if np.all(error <= _INTERPOLATION_TOLERANCE * (1.0 + np.abs(roots).max())):
            return np.polynomial.chebyshev.chebval((t - middle) / half, coef)
    return solve(t)


def _interpolated_2d(t, df, q):
    """Roots for many ``(t, df)`` pairs: a checked Chebyshev interpolant in ``t`` and ``log df``.

    The Welch rows give every item its own df, so the one-df interpolant of
    :func:`_interpolated` does not apply.  The bound is smooth in both ``t``
    and ``log df``: a tensor Chebyshev interpolant up to the 99th percentile of
    ``t`` and the whole range of ``df`` is accepted only when it matches exact
    roots between all its nodes to the same tolerance; otherwise, and outside
    that range of ``t``, every element is solved directly.
    """
    from numpy.polynomial import chebyshev

    def solve(x, d):
        return _ncp_for_quantile(x, d, np.full(x.size, q))

    low, high = (float(v) for v in np.percentile(t, [0, 99]))  # t >= 0 here: only the far end is slow
    u = np.log(df)
    u_low, u_high = float(u.min()), float(u.max())
    if high - low <= 1e-9 * (1.0 + abs(low)) or u_high - u_low <= 1e-9 * (1.0 + abs(u_low)):
        return solve(t, df)
    inside = (t >= low) & (t <= high)
    result = np.empty(t.size)
    if (~inside).any():
        result[~inside] = solve(t[~inside], df[~inside])
    t_mid, t_half = (low + high) / 2, (high - low) / 2
    u_mid, u_half = (u_low + u_high) / 2, (u_high - u_low) / 2
    for n_t, n_u in _DEGREES_2D:
        angles_t = np.pi * (np.arange(n_t) + 0.5) / n_t
        angles_u = np.pi * (np.arange(n_u) + 0.5) / n_u
        grid_t, grid_u = np.meshgrid(t_mid + t_half * np.cos(angles_t), u_mid + u_half * np.cos(angles_u),
                                     indexing="ij")
        roots = solve(grid_t.ravel(), np.exp(grid_u.ravel())).reshape(n_t, n_u)
        # two cosine transforms, one per axis, give the coefficients of the tensor interpolant
        coef = ((2.0 / n_t) * np.cos(np.outer(np.arange(n_t), angles_t))) @ roots @ (
            (2.0 / n_u) * np.cos(np.outer(np.arange(n_u), angles_u))).T
        coef[0, :] /= 2
        coef[:, 0] /= 2
        # check between the nodes in both directions, where the error peaks
        check_t, check_u = np.meshgrid(np.cos(np.pi * np.arange(1, n_t) / n_t),
                                       np.cos(np.pi * np.arange(1, n_u) / n_u), indexing="ij")
        exact = solve(t_mid + t_half * check_t.ravel(), np.exp(u_mid + u_half * check_u.ravel()))
        error = np.abs(chebyshev.chebval2d(check_t.ravel(), check_u.ravel(), coef) - exact)
        if np.all(error <= _INTERPOLATION_TOLERANCE * (1.0 + np.abs(roots).max())):
            # sum_ij c_ij T_i(x) T_j(y) as two matrix products (chebval2d's broadcasting is slower)
            vx = chebyshev.chebvander((t[inside] - t_mid) / t_half, n_t - 1)
            vy = chebyshev.chebvander((u[inside] - u_mid) / u_half, n_u - 1)
            result[inside] = np.einsum("ij,ij->i", vx @ coef, vy)
            return result
    result[inside] = solve(t[inside], df[inside])
    return result


def _bracketed_root(f, t, df, q, start, spread):
    from scipy.optimize import elementwise

    bracket = elementwise.bracket_root(
        f, start - 0.5 * spread, start + 0.5 * spread, args=(t, df, q), maxiter=100
    )
    result = elementwise.find_root(
        f, bracket.bracket, args=(t, df, q), tolerances=dict(xatol=1e-12, xrtol=1e-12), maxiter=200
    )
    return np.where(result.success, result.x, np.nan)  # the caller approximates what failed


def noncentral_t_interval(t, df, *, confidence_level=0.95, alternative="two-sided", labels=None):
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
    labels : sequence or callable, optional
        A name for each element (after broadcasting, flattened), or a
        function of the element's position giving it, used in the warning
        when a bound had to be approximated (a function names only those).

    Returns
    -------
    low, high : ndarray
        The bounds, on the scale of the noncentrality parameter.  For
        ``|t| >`` :data:`LARGE_T` they are :func:`approximate_noncentral_t_bound`
        (see the module notes); NaN only where ``t`` or ``df`` is NaN.

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
    defined = np.isfinite(t) & (df > 0)
    exact = defined & (np.abs(t) <= LARGE_T)
    approximated = np.zeros(t.shape, dtype=bool)
    quantiles = {"low": 1.0 - tail, "high": tail}
    sides = {"two-sided": ("low", "high"), "greater": ("low",), "less": ("high",)}[alternative]
    bounds = {"low": low, "high": high}
    large = defined & ~exact
    if large.any():
        for side in sides:
            bounds[side][large] = approximate_noncentral_t_bound(
                t[large], df[large], quantiles[side])
    if exact.any():
        # ncp(t, q) = -ncp(|t|, 1 - q) for t < 0: every bound is a root at |t| of the low or the high
        # quantile, so each quantile's interpolant is built once over both signs (and SciPy's
        # noncentral t is more reliable for positive arguments: at t = 10⁴ on 2 df it finds the
        # positive root but not the negative one)
        te, dfe = t[exact], df[exact]
        negative = te < 0
        other = {"low": "high", "high": "low"}
        need = {side: np.zeros(te.shape, dtype=bool) for side in quantiles}
        for side in sides:
            need[side] |= ~negative
            need[other[side]] |= negative
        roots = {side: np.full(te.shape, np.nan) for side in quantiles}
        for side, where in need.items():
            if where.any():
                roots[side][where] = _ncp_by_df(np.abs(te[where]), dfe[where],
                                                np.full(where.sum(), quantiles[side]))
        for side in sides:
            bound = np.where(negative, -roots[other[side]], roots[side])
            missing = np.isnan(bound)
            if missing.any():
                bound[missing] = approximate_noncentral_t_bound(te[missing], dfe[missing],
                                                                np.full(missing.sum(), quantiles[side]))
                approximated[np.flatnonzero(exact)[missing]] = True
            bounds[side][exact] = bound
    for side in sides:
        bounds[side][~defined] = np.nan
    if approximated.any():
        import warnings

        where = np.flatnonzero(approximated)
        name = (labels if callable(labels) else labels.__getitem__) if labels is not None else (
            lambda i: f"t = {t[i]:.6g}, df = {df[i]:.6g}")
        names = "; ".join(name(i) for i in where[:5]) + ("; ..." if where.size > 5 else "")
        warnings.warn(
            f"the noncentral-t interval is approximated for {names}: "
            "SciPy's noncentral t found no exact bound there; the bounds use "
            "approximate_noncentral_t_bound (exact for large df or large |t|).",
            RuntimeWarning, stacklevel=2,
        )
    return low.reshape(shape), high.reshape(shape)

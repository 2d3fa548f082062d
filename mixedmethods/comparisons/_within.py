"""Formulas shared by the within-participant tests (paired, one-sample, correlation), vectorised (private).

Nothing here validates input; the public modules do.  Each function names
the R computation it reproduces.
"""
from __future__ import annotations

import functools

import numpy as np

from .._docs import fill_doc
from .._validation import ALTERNATIVES, InputError, check_choice, check_confidence_level

__all__ = [
    "check_options", "p_from_t", "t_rows", "signed_rank", "column_block", "labels_for",
    "check_positive_sd", "check_size", "column_stats", "with_wilcoxon_rows",
    "with_two_groups_doc",
]


def check_options(alternative, confidence_level):
    """``alternative`` and ``confidence_level`` checked (SciPy's words)."""
    check_choice("alternative", alternative, ALTERNATIVES)
    return alternative, check_confidence_level(confidence_level)


def p_from_t(t, df, alternative):
    """p of Student's t on ``df`` for the alternative (R's ``pt`` as ``t.test`` and ``cor.test`` use it)."""
    from scipy import stats

    if alternative == "two-sided":
        return 2 * stats.t.sf(np.abs(t), df)
    if alternative == "greater":
        return stats.t.sf(t, df)
    return stats.t.cdf(t, df)


def t_rows(estimate, sd, n, null, alternative, confidence_level):
    """One-sample t of ``estimate`` against ``null`` (R's ``t.test(x, mu = null)``), vectorised.

    Returns (se, t, df, p, ci_low, ci_high), the interval around ``estimate``
    (one-sided alternatives give an infinite bound, as in R).
    """
    from scipy import stats

    df = n - 1
    se = sd / np.sqrt(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (estimate - null) / se
    p = p_from_t(t, df, alternative)
    if alternative == "two-sided":
        q = stats.t.ppf(1 - (1 - confidence_level) / 2, df)
        lo, hi = estimate - q * se, estimate + q * se
    elif alternative == "greater":
        lo, hi = estimate - stats.t.ppf(confidence_level, df) * se, np.full(np.shape(t), np.inf)
    else:
        lo, hi = np.full(np.shape(t), -np.inf), estimate + stats.t.ppf(confidence_level, df) * se
    return se, t, df, p, lo, hi


@functools.lru_cache(maxsize=1)
def _signrank_cdf():
    """cdf[n, v] = P(V <= v) of the signed-rank statistic for n = 0..49 (R's ``psignrank``).

    Counts are the coefficients of prod (1 + x^i), exact in float64 up to n = 49.
    """
    top = 49 * 50 // 2
    counts = np.zeros((50, top + 1))
    counts[0, 0] = 1.0
    for n in range(1, 50):
        counts[n] = counts[n - 1]
        counts[n, n:] += counts[n - 1, :top + 1 - n]
    return np.cumsum(counts, axis=1) / 2.0 ** np.arange(50)[:, None]


def _psignrank_lower(q, n):
    """P(V <= q) for integer-valued q (vectorised over q, n)."""
    cdf = _signrank_cdf()
    q = np.floor(q + 1e-7)
    out = np.where(q < 0, 0.0, 1.0)
    inside = (q >= 0) & (q < n * (n + 1) / 2)
    out[inside] = cdf[n[inside].astype(int), q[inside].astype(int)]
    return out


def signed_rank(d, alternative):
    """Wilcoxon's signed-rank test on each column of ``d`` (NaN = missing), as R's ``wilcox.test``.

    Zeros are dropped, ranks of ``|d|`` averaged over ties.  R's default
    choice: the exact distribution when fewer than 50 non-zero differences
    remain and there are no ties and no zeros, else the normal approximation
    with continuity correction and the tie correction of the variance.

    Returns (V, p, exact, n_nonzero): V is the sum of the ranks of the
    positive differences, ``exact`` whether p is exact.
    """
    from scipy import stats

    d = np.asarray(d, dtype=float)
    use = ~np.isnan(d) & (d != 0)
    zeros = np.any(d == 0, axis=0)
    a = np.where(use, np.abs(d), np.inf)  # excluded values rank last and never tie with a used one
    low = stats.rankdata(a, method="min", axis=0)
    high = stats.rankdata(a, method="max", axis=0)
    rank = (low + high) / 2
    size = np.where(use, high - low + 1, 1.0)  # tie-group size of each used value
    n = use.sum(axis=0).astype(float)
    V = np.sum(np.where(use & (d > 0), rank, 0.0), axis=0)
    ties = np.any(size > 1, axis=0)
    # each value of a tie group of size t adds t² - 1, so the group adds t³ - t
    tie_sum = np.sum(np.where(use, size**2 - 1, 0.0), axis=0)
    exact = (n < 50) & ~ties & ~zeros

    p = np.empty(n.shape)
    half = n * (n + 1) / 4
    e = exact
    if e.any():
        ne, Ve = n[e], V[e]
        lower = _psignrank_lower(Ve, ne)
        upper = _psignrank_lower(ne * (ne + 1) / 2 - Ve, ne)  # P(V >= v) by symmetry
        if alternative == "two-sided":
            p[e] = np.minimum(2 * np.where(Ve > half[e], upper, lower), 1.0)
        elif alternative == "greater":
            p[e] = upper
        else:
            p[e] = lower
    a_ = ~exact
    if a_.any():
        na = n[a_]
        z = V[a_] - half[a_]
        sigma = np.sqrt(na * (na + 1) * (2 * na + 1) / 24 - tie_sum[a_] / 48)
        correction = {"two-sided": np.sign(z) * 0.5, "greater": 0.5, "less": -0.5}[alternative]
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (z - correction) / sigma
        if alternative == "two-sided":
            p[a_] = 2 * np.minimum(stats.norm.cdf(z), stats.norm.sf(z))
        elif alternative == "greater":
            p[a_] = stats.norm.sf(z)
        else:
            p[a_] = stats.norm.cdf(z)
    return V, p, exact, n


def column_block(data, columns, what):
    """The named numeric columns of ``data`` as a float matrix (a copy), or a clear error."""
    from .._validation import check_columns, label_list
    from ._inputs import numeric_block

    columns = label_list(what, columns)
    if not columns:
        raise InputError(f"{what} is empty; name at least one column.")
    check_columns(data, columns, what=f"{what} column")
    return columns, numeric_block(data, columns)


def labels_for(dv, k, default):
    """Row labels: ``dv`` (one per item) or ``default``."""
    from ._inputs import label_index

    return label_index(dv, k, default)


def check_size(name, n, minimum, where):
    """Raise unless every n is a whole number >= ``minimum``; ``where(i)`` names item i."""
    bad = np.flatnonzero((n < minimum) | (n != np.round(n)))
    if bad.size:
        i = bad[0]
        raise InputError(
            f"{name} = {n[i]:g} for {where(i)}; a whole number of at least {minimum} is needed."
        )


def check_positive_sd(arrays, names, where):
    """Raise naming the first negative standard deviation."""
    for name in names:
        bad = np.flatnonzero(arrays[name] < 0)
        if bad.size:
            i = bad[0]
            raise InputError(
                f"{name} = {arrays[name][i]:g} for {where(i)} is negative; a standard deviation must be >= 0."
            )


def column_stats(x):
    """Per-column count, mean and SD (ddof=1) of a matrix with NaN for missing.

    Scale-aware: values are divided by the column's largest magnitude before
    summing and by the largest deviation before squaring, so data near 1e-300
    or 1e300 neither underflow to a zero SD nor overflow to an infinite one;
    a column whose values are all equal gets exactly that mean and SD 0.
    """
    missing = np.isnan(x)
    n = (x.shape[0] - np.count_nonzero(missing, axis=0)).astype(float)
    total = np.nansum if missing.any() else np.sum  # nansum copies the matrix: only when needed
    with np.errstate(invalid="ignore", divide="ignore"):
        # fmax/fmin skip NaN without the all-NaN warning of nanmax (an empty column is the caller's to report)
        top, bottom = np.fmax.reduce(x, axis=0), np.fmin.reduce(x, axis=0)
        scale = _power_of_two(np.maximum(np.abs(top), np.abs(bottom)))
        mean = scale * (total(x / scale, axis=0) / n)
        dev = x - mean
        spread = _power_of_two(np.fmax.reduce(np.abs(dev), axis=0))
        sd = spread * np.sqrt(total((dev / spread) ** 2, axis=0) / (n - 1))
    constant = top == bottom
    mean = np.where(constant, top, mean)
    sd = np.where(constant & (n > 1), 0.0, sd)
    return n, mean, sd


def _power_of_two(scale):
    """A power of two near ``scale`` (1 where it is 0 or missing): dividing by it is exact."""
    ok = np.isfinite(scale) & (scale > 0)
    _, exponent = np.frexp(np.where(ok, scale, 1.0))
    return np.where(ok, np.ldexp(1.0, exponent - 1), 1.0)


def with_wilcoxon_rows(table, wilcoxon, p_columns, missing_columns):
    """``table`` (one t row per item) with a ``"wilcoxon"`` row after each, from :func:`signed_rank`'s result.

    ``p_columns`` take the Wilcoxon p, ``missing_columns`` become NaN (they
    belong to the t-test); every other column is repeated from the t row.
    """
    import pandas as pd

    V, p, exact, _ = wilcoxon
    k = len(table)
    w = table.copy()
    w["test"] = "wilcoxon"
    w["statistic"] = V
    for column in p_columns:
        w[column] = p
    w["p_method"] = np.where(exact, "exact", "normal approximation with continuity correction")
    for column in missing_columns:
        w[column] = np.nan
    order = np.arange(2 * k).reshape(2, k).T.ravel()
    return pd.concat([table, w], ignore_index=True).iloc[order].reset_index(drop=True)


_TWO_GROUPS_DOC = """    data : pandas.DataFrame
        One row per participant, one column per outcome.  Never modified.
    dv : str or list of str
        The outcome column(s).
    between : str
        The group column.
    groups : tuple of two labels, optional
        The groups to compare, in order; needed when there are more than two.
"""


def with_two_groups_doc(func):
    """Decorator: put the shared ``data``/``dv``/``between``/``groups`` text where the docstring says ``%(data)s``.

    Used by the two-group tests on raw data (Mann–Whitney, Brunner–Munzel, Yuen).  Docstrings are
    None under ``python -OO``; they are then left alone.
    """
    return fill_doc(data=_TWO_GROUPS_DOC.lstrip().removesuffix("\n"))(func)

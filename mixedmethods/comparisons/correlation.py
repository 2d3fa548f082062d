"""Correlation tests: Pearson's r (t-test and Fisher-z interval) and Spearman's rho, raw or from r and n.

Many pairs of columns, or many printed correlations, in one call.  Both
functions return the columns of :data:`CORRELATION_COLUMNS`.
"""
from __future__ import annotations

import functools

import numpy as np

from .._docs import append_doc
from .._validation import InputError, check_choice
from ._inputs import broadcast_inputs, caller_index
from ._within import check_options, check_size, column_block, labels_for, p_from_t

__all__ = ["correlation", "correlation_summary", "CORRELATION_COLUMNS"]

#: Columns of :func:`correlation` and :func:`correlation_summary`, in order.
CORRELATION_COLUMNS = [
    "dv", "test", "n", "r", "statistic", "t", "df", "alternative", "p", "p_method",
    "ci_low", "ci_high", "confidence_level",
]

_RETURNS = """
    Returns
    -------
    pandas.DataFrame
        Columns :data:`CORRELATION_COLUMNS`, one row per pair:

        - ``dv``: the pair (``"x and y"``, as R names it); ``test``:
          ``"pearson"`` or ``"spearman"``; ``n``: complete pairs;
        - ``r``: Pearson's r or Spearman's rho;
        - ``statistic``: t for Pearson, R's S = (n³ − n)(1 − rho) / 6 for
          Spearman; ``t = r sqrt(df / (1 - r²))`` and ``df = n - 2``
          (for Spearman the t of the asymptotic approximation);
        - ``alternative``, ``p``, ``p_method``: ``"t"`` for Pearson; for
          Spearman ``"exact"`` (n ≤ 9, no ties), ``"edgeworth"`` (AS 89,
          10 ≤ n ≤ 1290, no ties) or ``"t approximation"`` (ties or n > 1290),
          the choices R's ``cor.test(method = "spearman")`` makes;
        - ``ci_low``, ``ci_high``, ``confidence_level``: Fisher-z interval of
          r (``tanh(atanh(r) ± z / sqrt(n - 3))``, as R's ``cor.test``);
          NaN for n = 3 and for Spearman (R prints none).
"""


def _pearson_rows(labels, n, r, alternative, confidence_level, test="pearson"):
    import pandas as pd
    from scipy.special import ndtri

    df = n - 2
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.sqrt(df) * r / np.sqrt(1 - r**2)
        z, sigma = np.arctanh(r), 1 / np.sqrt(n - 3)
    lo = np.full(n.shape, -1.0)
    hi = np.full(n.shape, 1.0)
    if alternative == "two-sided":
        q = ndtri((1 + confidence_level) / 2)
        lo, hi = np.tanh(z - sigma * q), np.tanh(z + sigma * q)
    elif alternative == "greater":
        lo = np.tanh(z - sigma * ndtri(confidence_level))
    else:
        hi = np.tanh(z + sigma * ndtri(confidence_level))
    small = n <= 3
    lo, hi = np.where(small, np.nan, lo), np.where(small, np.nan, hi)
    return pd.DataFrame({
        "dv": np.asarray(labels, dtype=object), "test": test, "n": n.astype(np.int64), "r": r,
        "statistic": t, "t": t, "df": df, "alternative": alternative, "p": p_from_t(t, df, alternative),
        "p_method": "t", "ci_low": lo, "ci_high": hi, "confidence_level": confidence_level,
    })


_SUMMARY_NOTES = """
    Notes
    -----
    Pearson's test as R's ``cor.test``: t on n − 2 df, Fisher-z interval;
    checked against R to 1e-6 relative and equal to :func:`correlation` on
    the raw data (1e-10).

    Examples
    --------
    >>> correlation_summary([".87", "-.42"], [32, 50])[["r", "t", "df", "p", "ci_low", "ci_high"]].round(4)
          r       t    df       p  ci_low  ci_high
    0  0.87  9.6647  30.0  0.0000  0.7483   0.9350
    1 -0.42 -3.2064  48.0  0.0024 -0.6253  -0.1604
"""


@append_doc(_RETURNS, _SUMMARY_NOTES)
def correlation_summary(r, n, *, alternative="two-sided", confidence_level=0.95, dv=None):
    """Test and Fisher-z interval of printed Pearson correlations, for many at once.

    Parameters
    ----------
    r, n : float, str or array-like
        The correlation(s) and the number of pairs each is based on
        (printed strings such as ``".42"`` are read as numbers).
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests a positive correlation.
    confidence_level : float
        Coverage of the interval of r.
    dv : label or list of labels, optional
        Names of the correlations; by default the index of ``r`` when it is a Series.

    Raises
    ------
    InputError
        ``|r| >= 1``, n below 3 or not whole, a missing value, or inputs of
        different lengths.
    """
    alternative, confidence_level = check_options(alternative, confidence_level)
    k, a = broadcast_inputs(printed=True, r=r, n=n)
    check_size("n", a["n"], 3, lambda i: f"correlation {i}")
    bad = np.flatnonzero(np.abs(a["r"]) >= 1)
    if bad.size:
        raise InputError(f"r = {a['r'][bad[0]]:g} for correlation {bad[0]}; r must lie strictly between -1 and 1.")
    from .._display import result_table

    labels = labels_for(dv, k, caller_index(k, r))
    return result_table(_pearson_rows(labels, a["n"], a["r"], alternative, confidence_level)[CORRELATION_COLUMNS])


_RAW_NOTES = """
    Notes
    -----
    Pairs with a missing value are dropped, per pair of columns.  Pearson is
    R's ``cor.test(x, y)``; Spearman is ``cor.test(x, y, method =
    "spearman")`` with R's defaults: rho is Pearson's r of the average ranks;
    without ties p is exact for n ≤ 9 and from the Edgeworth series of
    Best & Roberts (1975, AS 89, as R's ``prho.c``) for 10 ≤ n ≤ 1290; with
    ties (or n > 1290) it is the t approximation on n − 2 df.  Checked
    against R to 1e-6 relative.

    Examples
    --------
    >>> import pandas as pd
    >>> women = pd.DataFrame({"height": range(58, 73),
    ...     "weight": [115, 117, 120, 123, 126, 129, 132, 135, 139, 142, 146, 150, 154, 159, 164]})
    >>> correlation(women, "height", "weight")[["r", "t", "df", "ci_low", "ci_high"]].round(4)
            r        t    df  ci_low  ci_high
    0  0.9955  37.8553  13.0  0.9861   0.9985
"""


@append_doc(_RETURNS, _RAW_NOTES)
def correlation(data, x, y, *, method="pearson", alternative="two-sided", confidence_level=0.95, dv=None):
    """Pearson or Spearman correlation tests between pairs of columns.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant; never modified.
    x, y : str or list of str
        The columns to correlate (equal-length lists pair them by position).
    method : {"pearson", "spearman"}
        Which correlation.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests a positive correlation.
    confidence_level : float
        Coverage of the interval of r (Pearson only).
    dv : label or list of labels, optional
        Names of the pairs; by default ``"x and y"``.

    Raises
    ------
    InputError
        A missing column, lists of different lengths, fewer than 3 complete
        pairs, or a column without variation (r undefined).
    InputTypeError
        A non-numeric column.
    """
    from .._display import result_table

    check_choice("method", method, ("pearson", "spearman"))
    alternative, confidence_level = check_options(alternative, confidence_level)
    xs, bx = column_block(data, x, "x")
    ys, by = column_block(data, y, "y")
    if len(xs) != len(ys):
        raise InputError(f"x names {len(xs)} columns and y {len(ys)}; pair them one to one.")
    names = [f"{a} and {b}" for a, b in zip(xs, ys)]
    missing = np.isnan(bx) | np.isnan(by)
    n = np.sum(~missing, axis=0).astype(float)
    check_size("n", n, 3, lambda i: f"{names[i]} (complete pairs)")
    if method == "spearman":
        ties = _has_ties(np.where(missing, np.nan, bx)) | _has_ties(np.where(missing, np.nan, by))
        bx, by = _ranks(bx, missing), _ranks(by, missing)
    r = _pearson(bx, by, missing, n, names)
    labels = labels_for(dv, len(names), names)
    table = _pearson_rows(labels, n, r, alternative, confidence_level, test=method)
    if method == "spearman":
        S, p, how = _spearman_p(r, n, ties, alternative)
        table["statistic"], table["p"], table["p_method"] = S, p, how
        table["ci_low"] = table["ci_high"] = np.nan
    return result_table(table[CORRELATION_COLUMNS])


def _ranks(x, missing):
    """Average ranks per column over the complete pairs (NaN elsewhere)."""
    from scipy import stats

    a = np.where(missing, np.inf, x)
    ranks = stats.rankdata(a, method="average", axis=0)
    return np.where(missing, np.nan, ranks)


def _has_ties(x):
    s = np.sort(x, axis=0)  # NaN sort last
    return np.any(s[1:] == s[:-1], axis=0)


def _pearson(x, y, missing, n, names):
    x = np.where(missing, np.nan, x)
    y = np.where(missing, np.nan, y)
    with np.errstate(invalid="ignore", divide="ignore"):
        dx = x - np.nansum(x, axis=0) / n
        dy = y - np.nansum(y, axis=0) / n
        sxx, syy = np.nansum(dx**2, axis=0), np.nansum(dy**2, axis=0)
    flat = np.flatnonzero((sxx == 0) | (syy == 0))
    if flat.size:
        raise InputError(f"{names[flat[0]]}: a column has no variation over the complete pairs, so r is undefined.")
    return np.clip(np.nansum(dx * dy, axis=0) / np.sqrt(sxx * syy), -1.0, 1.0)


def _spearman_p(rho, n, ties, alternative):
    """R's Spearman p (``cor.test``): (S, p, p_method) per pair."""
    q = (n**3 - n) * (1 - rho) / 6
    exact = ~ties & (n <= 1290)
    half = (n**3 - n) / 6

    def tail(lower):
        out = np.empty(n.shape)
        if exact.any():
            out[exact] = _prho(n[exact], np.round(q[exact]) + 2 * lower, lower)
        a = ~exact
        if a.any():
            rr = 1 - q[a] / half[a]
            with np.errstate(divide="ignore"):
                t = rr / np.sqrt((1 - rr**2) / (n[a] - 2))
            out[a] = p_from_t(t, n[a] - 2, "less" if not lower else "greater")
        return out

    if alternative == "two-sided":
        p = np.minimum(2 * np.where(q > half, tail(False), tail(True)), 1.0)
    elif alternative == "greater":
        p = tail(True)
    else:
        p = tail(False)
    how = np.where(exact, np.where(n <= 9, "exact", "edgeworth"), "t approximation")
    return q, p, how


@functools.lru_cache(maxsize=None)
def _permutation_s(n):
    """Sorted S = sum (i - pi(i))² over all n! permutations (n <= 9)."""
    import itertools

    perms = np.array(list(itertools.permutations(range(n))), dtype=np.int64)
    return np.sort(((perms - np.arange(n)) ** 2).sum(axis=1))


_EDGEWORTH = (.2274, .2531, .1745, .0758, .1033, .3932, .0879, .0151, .0072, .0831, .0131, 4.6e-4)


def _prho(n, s, lower):
    """R's ``prho`` (AS 89): P(S >= s), or P(S < s) when ``lower``, vectorised over n and s."""
    from scipy.special import ndtr

    c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12 = _EDGEWORTH
    out = np.full(n.shape, 0.0 if lower else 1.0)
    n3 = n * (n * n - 1) / 3
    above = s > n3
    out[above] = 1.0 - out[above]
    todo = (s > 0) & ~above
    for size in np.unique(n[todo & (n <= 9)]):
        idx = todo & (n == size)
        values = _permutation_s(int(size))
        at_least = values.size - np.searchsorted(values, s[idx], side="left")
        out[idx] = (values.size - at_least if lower else at_least) / values.size
    big = todo & (n > 9)
    if big.any():
        y, ss = n[big], s[big]
        b = 1 / y
        x = (6 * (ss - 1) * b / (y * y - 1) - 1) * np.sqrt(y - 1)
        y2 = x * x
        u = x * b * (c1 + b * (c2 + c3 * b) + y2 * (-c4 + b * (c5 + c6 * b) - y2 * b * (
            c7 + c8 * b - y2 * (c9 - c10 * b + y2 * b * (c11 - c12 * y2)))))
        yy = u / np.exp(y2 / 2)
        pv = (-yy if lower else yy) + (ndtr(x) if lower else ndtr(-x))
        out[big] = np.clip(pv, 0.0, 1.0)
    return out

"""Paired (pre/post) comparisons: paired t-test and Wilcoxon's signed-rank test, raw or from summaries.

Papers print the means and SDs of both occasions but rarely the correlation
between them, which the paired test needs.  :func:`compare_paired_summary`
therefore works three ways: with the correlation ``r`` it gives the test;
with a printed ``t`` it gives the ``r`` that t implies; with neither it gives
the range of t over a range of plausible correlations.
"""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._validation import InputError
from ._inputs import broadcast_inputs, caller_index
from ._within import (
    check_options, check_positive_sd, check_size, column_block, column_stats, labels_for, p_from_t, signed_rank,
    t_rows, with_wilcoxon_rows,
)

__all__ = ["compare_paired", "compare_paired_summary", "PAIRED_COLUMNS"]

#: Columns of :func:`compare_paired` and :func:`compare_paired_summary`, in order.
PAIRED_COLUMNS = [
    "dv", "test", "n", "mean_before", "mean_after", "sd_before", "sd_after", "r", "r_source",
    "mean_diff", "sd_diff", "se", "statistic", "t", "df", "alternative", "p", "p_method",
    "ci_low", "ci_high", "confidence_level", "d_z", "d_av", "t_low", "t_high", "p_low", "p_high",
]

_RETURNS = """
    Returns
    -------
    pandas.DataFrame
        Columns :data:`PAIRED_COLUMNS`, one ``test == "paired"`` row per item
        and, from raw data, a ``test == "wilcoxon"`` row after it:

        - ``dv``: the item; ``n``: complete pairs;
        - ``mean_before``, ``mean_after``, ``sd_before``, ``sd_after``;
        - ``r``: correlation between the occasions, ``r_source`` where it
          came from (``"data"``, ``"given"``, ``"implied by t"`` or
          ``"unknown: r … to …"``); NaN where an occasion has SD 0 (r is
          then undefined) and where r is unknown;
        - ``mean_diff = mean(after - before)``, ``sd_diff`` its SD, ``se``;
        - ``statistic``: t, or Wilcoxon's V (R's name: the sum of the ranks
          of the positive differences ``after - before``);
        - ``t``, ``df`` (n - 1), ``alternative``, ``p``, ``p_method`` (``"t"``,
          ``"exact"`` or ``"normal approximation with continuity correction"``,
          the choice R's ``wilcox.test`` makes);
        - ``ci_low``, ``ci_high``, ``confidence_level``: interval of
          ``mean_diff`` (NaN on the Wilcoxon row);
        - ``d_z = mean_diff / sd_diff`` and ``d_av = mean_diff / ((sd_before
          + sd_after) / 2)`` (Lakens 2013, equations 6 and 10);
        - ``t_low``, ``t_high``, ``p_low``, ``p_high``: t and p at the two
          ends of ``r_range`` when r is unknown, otherwise equal to ``t`` and
          ``p``.
"""


def _table(labels, n, mb, sb, ma, sa, r, r_source, sd_diff, alternative, confidence_level,
           t_range=None, wilcoxon=None):
    import pandas as pd

    from .._display import result_table

    diff = ma - mb
    se, t, df, p, lo, hi = t_rows(diff, sd_diff, n, 0.0, alternative, confidence_level)
    t_low, t_high = (t, t) if t_range is None else t_range
    table = pd.DataFrame({
        "dv": np.asarray(labels, dtype=object), "test": "paired", "n": n.astype(np.int64),
        "mean_before": mb, "mean_after": ma, "sd_before": sb, "sd_after": sa, "r": r,
        "r_source": r_source, "mean_diff": diff, "sd_diff": sd_diff, "se": se, "statistic": t, "t": t,
        "df": df, "alternative": alternative, "p": p, "p_method": "t", "ci_low": lo, "ci_high": hi,
        "confidence_level": confidence_level, "d_z": diff / sd_diff, "d_av": diff / ((sb + sa) / 2),
        "t_low": t_low, "t_high": t_high,
        "p_low": p_from_t(t_low, df, alternative), "p_high": p_from_t(t_high, df, alternative),
    })
    if wilcoxon is not None:
        table = with_wilcoxon_rows(table, wilcoxon, ["p", "p_low", "p_high"],
                                   ["se", "t", "df", "ci_low", "ci_high", "t_low", "t_high"])
    return result_table(table[PAIRED_COLUMNS])


_RAW_NOTES = """
    Notes
    -----
    Pairs with a missing value on either occasion are dropped, per item.
    The paired row is R's ``t.test(after, before, paired = TRUE)``; the
    Wilcoxon row is ``wilcox.test(after, before, paired = TRUE)`` with R's
    defaults: zero differences dropped, exact p when fewer than 50 non-zero
    differences remain and there are no ties and no zeros, else the normal
    approximation with continuity correction (``p_method`` says which).
    Checked against R to 1e-6 relative; the paired row equals
    :func:`compare_paired_summary` given the same means, SDs and ``r`` (1e-10).

    Examples
    --------
    R's ``sleep`` data: the same ten patients under two drugs.

    >>> import pandas as pd
    >>> sleep = pd.DataFrame({
    ...     "drug1": [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
    ...     "drug2": [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]})
    >>> res = compare_paired(sleep, "drug1", "drug2")
    >>> res[["test", "mean_diff", "statistic", "df", "p"]].round(4)
           test  mean_diff  statistic   df       p
    0    paired       1.58     4.0621  9.0  0.0028
    1  wilcoxon       1.58    45.0000  NaN  0.0091
"""


@append_doc(_RETURNS, _RAW_NOTES)
def compare_paired(data, before, after, *, alternative="two-sided", confidence_level=0.95, dv=None):
    """Paired t-test and Wilcoxon signed-rank test of ``after - before``, for many items at once.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant, one column per occasion; never modified.
    before, after : str or list of str
        The first and second measurement of each item (equal-length lists
        for several items, paired by position).
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean(after - before) > 0``.
    confidence_level : float
        Coverage of the interval of the mean difference.
    dv : label or list of labels, optional
        Item names; by default ``"before → after"``.

    Raises
    ------
    InputError
        A missing column, lists of different lengths, fewer than 2 complete
        pairs, or differences that are all equal.
    InputTypeError
        A non-numeric column.
    """
    alternative, confidence_level = check_options(alternative, confidence_level)
    before_cols, xb = column_block(data, before, "before")
    after_cols, xa = column_block(data, after, "after")
    if len(before_cols) != len(after_cols):
        raise InputError(
            f"before names {len(before_cols)} columns and after {len(after_cols)}; pair them one to one."
        )
    names = [f"{b} → {a}" for b, a in zip(before_cols, after_cols)]
    missing = np.isnan(xb) | np.isnan(xa)
    xb[missing] = np.nan
    xa[missing] = np.nan
    d = xa - xb
    n, mean_d, sd_d = column_stats(d)
    check_size("n", n, 2, lambda i: f"{names[i]} (complete pairs)")
    zero = np.flatnonzero(sd_d == 0)
    if zero.size:
        raise InputError(f"{names[zero[0]]}: every difference is the same, so the paired t is undefined.")
    _, mb, sb = column_stats(xb)
    _, ma, sa = column_stats(xa)
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.nansum((xb - mb) * (xa - ma), axis=0) / ((n - 1) * sb * sa)
    return _table(labels_for(dv, len(names), names), n, mb, sb, ma, sa, r, "data", sd_d,
                  alternative, confidence_level, wilcoxon=signed_rank(d, alternative))


_SUMMARY_NOTES = """
    Notes
    -----
    ``sd_diff² = sd_before² + sd_after² - 2 r sd_before sd_after`` and
    ``t = mean_diff / (sd_diff / sqrt(n))`` on ``n - 1`` df.  A printed ``t``
    fixes ``sd_diff = |mean_diff| sqrt(n) / |t|`` and so
    ``r = (sd_before² + sd_after² - sd_diff²) / (2 sd_before sd_after)``;
    its sign is taken from the means (papers print |t| or before − after).
    An implied ``r`` outside [-1, 1] means the printed numbers cannot all be
    true; a negative one is possible but unusual for repeated measures.
    With neither, ``t_low`` and ``t_high`` are t at ``r_range[0]`` and
    ``r_range[1]`` (|t| grows with r).  Checked against R's
    ``t.test(paired = TRUE)`` through :func:`compare_paired`.

    Examples
    --------
    >>> res = compare_paired_summary(0.75, 1.79, 2.33, 2.00, 10, t=4.06)
    >>> res[["r", "r_source", "t", "p"]].round(3)
           r      r_source     t      p
    0  0.795  implied by t  4.06  0.003
    >>> res = compare_paired_summary(0.75, 1.79, 2.33, 2.00, 10)
    >>> res[["r_source", "t_low", "t_high"]].round(2)
                  r_source  t_low  t_high
    0  unknown: r 0 to 0.9   1.86    5.73
"""


@append_doc(_RETURNS, _SUMMARY_NOTES)
def compare_paired_summary(mean_before, sd_before, mean_after, sd_after, n, *, r=None, t=None,
                           r_range=(0.0, 0.9), alternative="two-sided", confidence_level=0.95, dv=None):
    """Paired t-test from the printed means and SDs of two occasions, for many items at once.

    Parameters
    ----------
    mean_before, sd_before, mean_after, sd_after, n : float, str or array-like
        Each occasion's mean and SD (``n - 1`` denominator) and the number of
        pairs; scalars or equal-length array-likes (printed strings are read
        as numbers).
    r : float or array-like, optional
        Correlation between the occasions, when the paper gives it.
    t : float or array-like, optional
        The printed paired t, when the paper gives it and not ``r``.
    r_range : (float, float)
        Correlations assumed possible when neither ``r`` nor ``t`` is given:
        by default from 0 (uncorrelated occasions, the independent-groups
        bound) to 0.9 (a strong test–retest correlation); ``(-1, 1)`` covers
        every value, and at 1 t may be infinite.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean_after > mean_before``.
    confidence_level : float
        Coverage of the interval of the mean difference.
    dv : label or list of labels, optional
        Item names; by default the index of ``mean_before`` when it is a Series.

    Raises
    ------
    InputError
        n below 2, a negative SD, ``|r| >= 1``, ``t`` and ``r`` both given,
        a printed ``t = 0`` with different means, or a bad ``r_range``.
    """
    alternative, confidence_level = check_options(alternative, confidence_level)
    extra = {name: value for name, value in (("r", r), ("t", t)) if value is not None}
    if len(extra) == 2:
        raise InputError("give r or t, not both: r gives the test, a printed t gives the r it implies.")
    k, a = broadcast_inputs(printed=True, mean_before=mean_before, sd_before=sd_before,
                            mean_after=mean_after, sd_after=sd_after, n=n, **extra)
    where = (lambda i: f"item {i}")
    check_size("n", a["n"], 2, where)
    check_positive_sd(a, ["sd_before", "sd_after"], where)
    mb, sb, ma, sa, n = a["mean_before"], a["sd_before"], a["mean_after"], a["sd_after"], a["n"]
    both_zero = np.flatnonzero((sb == 0) & (sa == 0))
    if both_zero.size:
        raise InputError(f"item {both_zero[0]}: both SDs are 0, so the paired t is undefined.")
    diff = ma - mb
    labels = labels_for(dv, k, caller_index(k, mean_before))
    table_args = (alternative, confidence_level)
    if r is not None:
        rr = a["r"]
        bad = np.flatnonzero(np.abs(rr) >= 1)
        if bad.size:
            raise InputError(f"r = {rr[bad[0]]:g} for item {bad[0]}; a correlation must lie strictly between -1 and 1.")
        sd_diff = np.sqrt(sb**2 + sa**2 - 2 * rr * sb * sa)
        return _table(labels, n, mb, sb, ma, sa, rr, "given", sd_diff, *table_args)
    if t is not None:
        tt = np.abs(a["t"])
        bad = np.flatnonzero((tt == 0) != (diff == 0))
        if bad.size:
            i = bad[0]
            raise InputError(
                f"t = {a['t'][i]:g} for item {i} with a mean difference of {diff[i]:g}: t is 0 exactly "
                "when the means are equal; check the printed t and means."
            )
        with np.errstate(divide="ignore", invalid="ignore"):
            sd_diff = np.where(tt == 0, np.nan, np.abs(diff) * np.sqrt(n) / tt)
            implied = np.where(sb * sa > 0, (sb**2 + sa**2 - sd_diff**2) / (2 * sb * sa), np.nan)
        return _table(labels, n, mb, sb, ma, sa, implied, "implied by t", sd_diff, *table_args)
    low, high = _check_range(r_range)
    nan = np.full(k, np.nan)
    with np.errstate(divide="ignore"):
        t_ends = [diff / np.sqrt((sb**2 + sa**2 - 2 * rho * sb * sa) / n) for rho in (low, high)]
    return _table(labels, n, mb, sb, ma, sa, nan, f"unknown: r {low:g} to {high:g}", nan, *table_args,
                  t_range=t_ends)


def _check_range(r_range):
    try:
        low, high = (float(v) for v in r_range)
    except (TypeError, ValueError):
        raise InputError(f"r_range must be two numbers (low, high), got {r_range!r}.") from None
    if not -1 <= low <= high <= 1:
        raise InputError(f"r_range = {r_range!r}; give -1 <= low <= high <= 1.")
    return low, high

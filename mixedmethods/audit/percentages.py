"""Percentages of whole counts: which counts out of ``n`` print as a reported percentage?"""
from __future__ import annotations

import numpy as np

from .._printed import rounding_interval
from .._tables import returns_result_table
from .._validation import InputError
from ._arrays import DV_DOC, EDGE, broadcast_shape, counts, fill_doc, printed_rows, row_index

__all__ = ["percent_counts"]


@returns_result_table
@fill_doc(dv=DV_DOC)
def percent_counts(percent, n, *, decimals=1, dv=None):
    """Which counts out of ``n`` print as ``percent``.

    Parameters
    ----------
    percent : str, float or array-like
        Percentages as printed (e.g. ``"64.2"`` or 64.2).  Strings keep the
        decimals they were printed with; numbers take ``decimals``.
    n : int or array-like
        The denominator each percentage is said to be of.
    decimals : int or array-like
        Decimals of the percentages given as numbers (1 by default, as
        percentages are usually printed; a number with more decimals than
        stated is an error).
    %(dv)s

    Returns
    -------
    pandas.DataFrame
        One row per percentage: ``percent``, ``n``, ``decimals``,
        ``count_low`` and ``count_high`` (the whole counts whose percentage
        rounds to the printed one; they form a run of integers), ``counts``
        (those counts as text; "first, ..., last" beyond 10), ``consistent`` (at least one count fits),
        ``nearest_count`` and ``nearest_percent`` (the closest count and
        the percentage it really gives), and ``reason`` (empty when
        consistent).

    Examples
    --------
    >>> res = percent_counts([64.2, 71.2], 95)
    >>> res[["percent", "counts", "consistent"]]
       percent counts  consistent
    0     64.2     61        True
    1     71.2              False
    >>> print(res.loc[1, "reason"])
    no count out of 95 gives 71.2%: 68/95 = 71.58%, 67/95 = 70.53%
    """
    import pandas as pd

    shape = broadcast_shape(percent=percent, n=n, decimals=decimals)
    value, decimals_used = printed_rows("percent", percent, decimals, "decimals", shape)
    total = np.broadcast_to(counts("n", n), shape).ravel()
    index = row_index(dv, value.size, percent, n)
    if np.any((value < 0) | (value > 100)):
        i = np.flatnonzero((value < 0) | (value > 100))[0]
        raise InputError(f"percent[{i}] = {value[i]:g} is not between 0 and 100.")
    lo, hi = rounding_interval(value, decimals_used)
    count_low = np.maximum(np.ceil(lo * total / 100 - EDGE), 0)
    count_high = np.minimum(np.floor(hi * total / 100 + EDGE), total)
    consistent = count_low <= count_high
    nearest = np.clip(np.round(value * total / 100), 0, total)
    runs = [_run_text(count_low[i], count_high[i]) if consistent[i] else "" for i in range(value.size)]
    return pd.DataFrame(
        {
            "percent": value, "n": total.astype(np.int64), "decimals": decimals_used.astype(np.int64),
            "count_low": np.where(consistent, count_low, np.nan),
            "count_high": np.where(consistent, count_high, np.nan),
            "counts": runs, "consistent": consistent,
            "nearest_count": nearest.astype(np.int64), "nearest_percent": 100 * nearest / total,
            "reason": _reasons(value, total, decimals_used, consistent),
        },
        index=index,
    )


def _run_text(low, high):
    """The counts from ``low`` to ``high`` as text, all of them up to 10 (a huge n has billions)."""
    low, high = int(low), int(high)
    if high - low < 10:
        return ", ".join(map(str, range(low, high + 1)))
    return f"{low}, {low + 1}, ..., {high}"


def _reasons(percent, n, decimals, consistent):
    """Why no count out of ``n`` gives each percentage ('' where one does)."""
    below = np.clip(np.floor(percent * n / 100), 0, n)
    above = np.clip(below + 1, 0, n)
    return [
        ""
        if consistent[i]
        else (
            f"no count out of {int(n[i])} gives {percent[i]:.{int(decimals[i])}f}%: "
            f"{int(above[i])}/{int(n[i])} = {100 * above[i] / n[i]:.2f}%, "
            f"{int(below[i])}/{int(n[i])} = {100 * below[i] / n[i]:.2f}%"
        )
        for i in range(percent.size)
    ]

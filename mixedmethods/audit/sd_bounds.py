"""SD bounds: the smallest and largest SD whole-number answers with a given mean can have."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from ._arrays import DV_DOC, MEAN_DECIMALS_DOC, broadcast_shape, counts, fill_doc, printed_rows, row_index, scale
from ._totals import (
    check_sums_of_squares, extreme_sums_of_squares, extreme_totals, largest_sum_of_squares, sd_from_ss, total_bounds,
)
from .grim import grim

__all__ = ["sd_bounds"]


@returns_result_table
@fill_doc(dv=DV_DOC, decimals=MEAN_DECIMALS_DOC)
def sd_bounds(mean, n, *, scale_min, scale_max, items=1, decimals=2, dv=None):
    """The smallest and largest SD that ``n`` whole-number answers with this mean can have.

    Parameters
    ----------
    mean : str, float or array-like
        Printed means; every total whose mean rounds to it is considered, so
        bounds hold for the printed value.  Strings keep the decimals they
        were printed with; numbers take ``decimals`` (give a large
        ``decimals`` to treat a number as exact).
    n : int or array-like
        Sample sizes (at least 2).
    scale_min, scale_max : int or array-like
        Lowest and highest possible answer (e.g. 1 and 6), keyword-only.
    items : int or array-like
        Items averaged into each score (scores are then multiples of
        ``1 / items``).
    %(decimals)s
    %(dv)s

    Returns
    -------
    pandas.DataFrame
        One row per mean: ``mean``, ``n``, ``scale_min``, ``scale_max``,
        ``items``, ``decimals``, ``sd_min``, ``sd_max`` (NaN when no sample
        has the mean), ``consistent`` (some sample has the mean) and
        ``reason``.

    Raises
    ------
    InputError
        When a row's total of answers passes 10¹² or the sum of squares of
        its answers can pass 2⁵³ (floats would no longer tell neighbouring
        ones apart).

    Notes
    -----
    For a total ``T``, the SD is smallest when the answers are as equal as
    possible (``T mod n`` answers at ``⌈T/n⌉``, the rest at ``⌊T/n⌋``) and
    largest when they sit at the ends of the scale, with at most one answer
    in between (two answers inside the range can always be pushed apart,
    which raises the SD).  Of the totals the mean allows, only the 15 where
    an extreme can lie are evaluated (see ``_totals.extreme_totals``), so
    the time per row does not grow with ``n``.  Checked by brute-force
    enumeration of every sample with n <= 12 on a 1–5 scale, and against
    hand-worked cases.

    Examples
    --------
    >>> sd_bounds(4.2, 5, scale_min=1, scale_max=7)[["sd_min", "sd_max"]].round(4)
       sd_min  sd_max
    0  0.4472  3.0332
    """
    import pandas as pd

    low, high = scale(scale_min, scale_max)
    shape = broadcast_shape(mean=mean, n=n, scale_min=low, scale_max=high, items=items, decimals=decimals)
    mean_v, dec = printed_rows("mean", mean, decimals, "decimals", shape)
    n_rows, low, high, item_rows = (np.broadcast_to(a, shape).ravel() for a in (
        counts("n", n, minimum=2), low, high, counts("items", items)))
    index = row_index(dv, mean_v.size, mean, n)
    size = mean_v.size
    people, k = n_rows.astype(np.int64), item_rows.astype(np.int64)
    lo_u, hi_u = low.astype(np.int64) * k, high.astype(np.int64) * k
    first, last = total_bounds(mean_v, people * k, dec)
    grim_ok = first <= last
    check_sums_of_squares(largest_sum_of_squares(first, last, people, lo_u, hi_u),
                          lambda i: f"mean[{i}] = {mean_v[i]:g} of n = {people[i]} on {low[i]:g} to {high[i]:g}")
    # only the totals a sample on the scale can have (n × scale end in floats: it may pass int64), and of
    # those only where the bounds can lie
    first, last = np.maximum(first, people * lo_u.astype(float)), np.minimum(last, people * hi_u.astype(float))
    on_scale = np.flatnonzero(first <= last)
    row, totals = extreme_totals(first[on_scale], last[on_scale], people[on_scale], lo_u[on_scale], hi_u[on_scale])
    row = on_scale[row]
    ss_min, ss_max = extreme_sums_of_squares(totals, people[row], lo_u[row], hi_u[row])
    sd_min, sd_max = np.full(size, np.nan), np.full(size, np.nan)
    np.fmin.at(sd_min, row, sd_from_ss(ss_min, totals, people[row]) / k[row])
    np.fmax.at(sd_max, row, sd_from_ss(ss_max, totals, people[row]) / k[row])
    reasons = np.full(size, "", dtype=object)
    outside = np.flatnonzero(grim_ok & np.isnan(sd_min))
    reasons[outside] = [f"the mean {mean_v[i]:.{int(dec[i])}f} is outside the scale {low[i]:g} to {high[i]:g}"
                        for i in outside]
    fails = np.flatnonzero(~grim_ok)
    if fails.size:
        grim_reasons = grim(mean_v[fails], people[fails], items=k[fails], decimals=dec[fails])["reason"]
        reasons[fails] = ["fails GRIM: " + r for r in grim_reasons]
    return pd.DataFrame(
        {
            "mean": mean_v, "n": people, "scale_min": low, "scale_max": high,
            "items": k, "decimals": dec.astype(np.int64),
            "sd_min": sd_min, "sd_max": sd_max, "consistent": np.isfinite(sd_min),
            "reason": reasons.tolist(),
        },
        index=index,
    )

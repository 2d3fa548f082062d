"""GRIM (Brown & Heathers 2016): can a mean of whole-number answers print like this?"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from ._arrays import DV_DOC, MEAN_DECIMALS_DOC, broadcast_shape, counts, fill_doc, printed_rows, row_index
from ._totals import total_bounds

__all__ = ["grim"]


@returns_result_table
@fill_doc(dv=DV_DOC, decimals=MEAN_DECIMALS_DOC)
def grim(mean, n, *, items=1, decimals=2, dv=None):
    """GRIM test (Brown & Heathers 2016): can a mean of whole-number answers print like this?

    A mean of ``n`` answers on an integer scale, averaged over ``items``
    items, is a whole number divided by ``n × items``.  The printed mean is
    consistent when some whole-number total falls inside its rounding interval.

    Parameters
    ----------
    mean : str, float or array-like
        The printed means.  Strings keep the decimals they were printed with
        (``"2.8"`` has one, ``"2.80"`` two); numbers take ``decimals``.
    n : int or array-like
        Sample sizes.
    items : int or array-like
        Number of items averaged into the score (1 for a single item).
    %(decimals)s
    %(dv)s

    Returns
    -------
    pandas.DataFrame
        One row per mean: ``mean``, ``n``, ``items``, ``decimals``,
        ``consistent``, ``testable`` (False when ``n × items >= 10**decimals``,
        where every printed mean is reachable and GRIM cannot fail),
        ``nearest_below`` and ``nearest_above`` (the closest reachable means
        on either side, unrounded), and ``reason`` (empty when consistent).

    Examples
    --------
    >>> res = grim([2.78, 2.79], 61)
    >>> res[["mean", "consistent"]]
       mean  consistent
    0  2.78       False
    1  2.79        True
    >>> print(res.loc[0, "reason"])
    2.78 is not a mean of 61 whole numbers: the nearest are 169/61 = 2.7705 and 170/61 = 2.7869
    >>> grim("2.8", 28)[["mean", "decimals", "consistent"]]
       mean  decimals  consistent
    0   2.8         1        True
    """
    import pandas as pd

    shape = broadcast_shape(mean=mean, n=n, items=items, decimals=decimals)
    values, decimals_used = printed_rows("mean", mean, decimals, "decimals", shape)
    n_rows, item_rows = (np.broadcast_to(a, shape).ravel() for a in (counts("n", n), counts("items", items)))
    index = row_index(dv, values.size, mean, n, items)
    units = n_rows * item_rows
    total_low, total_high = total_bounds(values, units, decimals_used)
    consistent = total_low <= total_high
    testable = units < 10.0**decimals_used
    below = np.floor(values * units)
    return pd.DataFrame(
        {
            "mean": values, "n": n_rows.astype(np.int64), "items": item_rows.astype(np.int64),
            "decimals": decimals_used.astype(np.int64), "consistent": consistent, "testable": testable,
            "nearest_below": below / units, "nearest_above": (below + 1) / units,
            "reason": _reasons(values, units, decimals_used, consistent),
        },
        index=index,
    )


def _reasons(mean, units, decimals, consistent):
    """Why each mean fails GRIM ('' where it passes)."""
    below = np.floor(mean * units)
    above = below + 1
    return [
        ""
        if consistent[i]
        else (
            f"{mean[i]:.{int(decimals[i])}f} is not a mean of {int(units[i])} whole numbers: "
            f"the nearest are {int(below[i])}/{int(units[i])} = {below[i] / units[i]:.4f} and "
            f"{int(above[i])}/{int(units[i])} = {above[i] / units[i]:.4f}"
        )
        for i in range(mean.size)
    ]

"""GRIMMER (Anaya 2016): can an SD of whole-number answers print like this, with this mean?"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError
from ._arrays import DV_DOC, broadcast_shape, counts, fill_doc, printed_rows, row_index
from ._totals import (
    each_total, min_sum_of_squares, nearest_representable, representable, sd_from_ss,
    sum_of_squares_window, total_bounds,
)
from .grim import grim

__all__ = ["grimmer"]

#: Rows whose mean allows more totals than this are searched chunk by chunk, stopping at the first fit.
_MANY_TOTALS = 200_000
_CHUNK = 1 << 20
#: Beyond this many totals GRIMMER raises rather than answer unchecked.
_MOST_TOTALS = 50_000_000


@returns_result_table
@fill_doc(dv=DV_DOC)
def grimmer(mean, sd, n, *, items=1, decimals_mean=2, decimals_sd=2, dv=None):
    """GRIMMER test (Anaya 2016): can an SD of whole-number answers print like this, with this mean?

    For ``n`` whole numbers with total ``T`` and sum of squares ``Q``, the SD
    is ``sqrt((Q - T²/n) / (n - 1))``.  ``Q`` must be a whole number with the
    parity of ``T`` (``x²`` and ``x`` are both odd or both even), and it
    cannot be smaller than when the numbers are as equal as possible (so a
    mean of 0.33 from 9 people cannot have SD 0.00).  The SD is consistent
    when, for some total that passes :func:`grim`, such a ``Q`` gives an SD
    inside the SD's rounding interval.

    Parameters
    ----------
    mean, sd : str, float or array-like
        Printed means and standard deviations (``n - 1`` denominator).
        Strings keep the decimals they were printed with (``"1.5"`` has
        one); numbers take ``decimals_mean`` and ``decimals_sd``.
    n : int or array-like
        Sample sizes (at least 2).
    items : int or array-like
        Items averaged into each person's score; the test then runs on the
        item sums, which are whole numbers.
    decimals_mean, decimals_sd : int or array-like
        Decimals of the means and SDs given as numbers (a number with more
        decimals than stated is an error).
    %(dv)s

    Returns
    -------
    pandas.DataFrame
        One row per (mean, SD): ``mean``, ``sd``, ``n``, ``items``,
        ``decimals_mean``, ``decimals_sd``, ``grim_consistent``,
        ``consistent`` (GRIM and GRIMMER both pass), ``sd_nearest_below``,
        ``sd_nearest_above`` (the closest SDs that whole numbers can give,
        for the total nearest the mean; NaN when consistent or when there is
        none below) and ``reason`` (empty when consistent).

    Raises
    ------
    InputError
        When an SD is negative, a number has more decimals than stated, or a
        mean allows more than 50 million totals (GRIMMER cannot decide).

    Notes
    -----
    The test is exact for whole numbers without bounds, at any ``n``: every
    total allowed by the mean's rounding interval is tried (when there are
    more than 200,000, as for n in the tens of millions, in chunks until one
    fits; beyond 50 million totals it raises rather than answer unchecked),
    and for ``n >= 5`` every sum
    of squares from the smallest possible one up, in steps of 2, is reached
    by some sample; for ``n <= 4`` each candidate is checked by search.  It
    ignores the scale's bounds; :func:`sd_bounds` and :func:`sprite` add
    them.  Allard's analytic GRIMMER (2018, as in R scrutiny) checks the
    parity but not the smallest sum of squares, so it passes pairs such as
    mean 0.33, SD 0.00, n 9.  Checked against brute-force enumeration and
    against the data behind Figure 1 of Anaya (2016) (``tests/audit/test_grimmer.py``).

    Examples
    --------
    >>> res = grimmer([3.44, 5.21, 0.33], [2.47, 1.6, 0.0], [18, 28, 9], decimals_sd=[2, 1, 2])
    >>> res[["mean", "sd", "n", "consistent"]]
       mean    sd   n  consistent
    0  3.44  2.47  18       False
    1  5.21  1.60  28        True
    2  0.33  0.00   9       False
    >>> print(res.loc[0, "reason"])
    fails GRIMMER: with n = 18 and total 62, SD 2.47 needs a sum of squares of 317, which is odd while the total is even; the nearest possible SDs are 2.4548 and 2.4787
    >>> print(res.loc[2, "reason"])
    fails GRIMMER: with n = 9 and total 3, SD 0.00 is below the smallest SD 9 whole numbers with that total can have (0.5000, with the numbers as equal as possible)
    """
    import pandas as pd

    shape = broadcast_shape(mean=mean, sd=sd, n=n, items=items, decimals_mean=decimals_mean,
                            decimals_sd=decimals_sd)
    mean_v, dm = printed_rows("mean", mean, decimals_mean, "decimals_mean", shape)
    sd_v, ds = printed_rows("sd", sd, decimals_sd, "decimals_sd", shape)
    people, k = (np.broadcast_to(a, shape).ravel().astype(np.int64)
                 for a in (counts("n", n, minimum=2), counts("items", items)))
    index = row_index(dv, mean_v.size, mean, sd, n)
    if np.any(sd_v < 0):
        i = np.flatnonzero(sd_v < 0)[0]
        raise InputError(f"sd[{i}] = {sd_v[i]:g} is negative; a standard deviation must be >= 0.")
    w = _windows(mean_v, sd_v, people, k, dm, ds)
    below = np.full(mean_v.size, np.nan)
    above = np.full(mean_v.size, np.nan)
    reasons = np.full(mean_v.size, "", dtype=object)
    grim_fail = np.flatnonzero(~w["grim_ok"])
    if grim_fail.size:
        failed = grim(mean_v[grim_fail], people[grim_fail], items=k[grim_fail], decimals=dm[grim_fail])
        reasons[grim_fail] = ["fails GRIM: " + r for r in failed["reason"]]
    for pos in np.flatnonzero(~w["ok"][w["rows"]]):
        i = w["rows"][pos]
        below[i], above[i], reasons[i] = _failure(w, pos, mean_v[i], sd_v[i], int(ds[i]), k[i])
    return pd.DataFrame(
        {
            "mean": mean_v, "sd": sd_v, "n": people, "items": k,
            "decimals_mean": dm.astype(np.int64), "decimals_sd": ds.astype(np.int64),
            "grim_consistent": w["grim_ok"], "consistent": w["ok"],
            "sd_nearest_below": below, "sd_nearest_above": above, "reason": reasons.tolist(),
        },
        index=index,
    )


def _windows(mean, sd, people, k, dm, ds):
    """Every total each mean allows, its window of sums of squares, and which rows pass.

    Returns a dict: ``grim_ok`` and ``ok`` per row; ``rows`` (rows that
    fail, or are tested total by total), ``reps`` (their number of totals
    kept), ``n_totals`` (their number of totals), ``starts`` (where each
    row's totals begin) and, per total kept, ``T``, ``m`` (n), ``q_lo``,
    ``q_hi``, ``first`` (the first sum of squares with the total's parity,
    at least ``ss_min``) and ``ss_min``.  A row with more than
    ``_MANY_TOTALS`` totals is searched in chunks until one total fits; when
    none does, only the total nearest its mean is kept (for the reason).
    """
    units = people * k
    # totals of the item sums whose mean over n × items rounds to the printed mean
    t_first, t_last = total_bounds(mean, units, dm)
    n_totals = np.maximum(t_last - t_first + 1, 0).astype(np.int64)
    grim_ok = n_totals > 0
    ok = np.zeros(mean.size, dtype=bool)
    many = np.flatnonzero(grim_ok & (n_totals > _MANY_TOTALS))
    for i in many:
        ok[i] = _any_total_fits(i, t_first[i], t_last[i], people, sd, k, ds)
    nearest = np.clip(np.rint(mean * units), t_first, t_last)
    t_first, t_last = t_first.copy(), t_last.copy()
    t_first[many], t_last[many] = nearest[many], nearest[many]  # kept only to explain a failure
    rows = np.flatnonzero(grim_ok & ~ok)
    reps = (t_last[rows] - t_first[rows] + 1).astype(np.int64)
    pos, T = each_total(t_first[rows], t_last[rows])
    fits, window = _fits(T, people[rows[pos]], sd[rows[pos]], k[rows[pos]], ds[rows[pos]])
    small = np.flatnonzero(n_totals[rows] <= _MANY_TOTALS)
    ok[rows[small]] = np.bincount(pos[fits], minlength=rows.size)[small] > 0
    return {"grim_ok": grim_ok, "ok": ok, "rows": rows, "reps": reps, "n_totals": n_totals[rows],
            "starts": np.cumsum(reps) - reps, "T": T, "m": people[rows[pos]], **window, "units": units}


def _fits(T, m, sd, k, ds):
    """Which totals ``T`` of ``m`` whole numbers allow a sum of squares printing as the SD; and the windows."""
    q_lo, q_hi = sum_of_squares_window(T, m, (sd * k, k), ds)
    ss_min = min_sum_of_squares(T, m)
    first = np.maximum(q_lo + ((q_lo - T) % 2), ss_min)  # ss_min has the total's parity
    fits = first <= q_hi
    for j in np.flatnonzero(fits & (m <= 4)):  # few whole numbers: not every such Q is reachable
        fits[j] = any(representable(int(m[j]), int(T[j]), int(q))
                      for q in range(int(first[j]), int(q_hi[j]) + 1, 2))
    return fits, {"q_lo": q_lo, "q_hi": q_hi, "first": first, "ss_min": ss_min}


def _any_total_fits(i, first, last, people, sd, k, ds):
    """Exactly, chunk by chunk: does some total from ``first`` to ``last`` of row ``i`` allow its SD?"""
    if last - first + 1 > _MOST_TOTALS:
        raise InputError(
            f"row {i}: the mean allows {int(last - first + 1):,} totals of {int(people[i]):,} x {int(k[i])} "
            f"answers, more than the {_MOST_TOTALS:,} GRIMMER checks one by one; it cannot decide here. "
            "Give the mean with more decimals if they were printed, or check a smaller n.")
    for start in range(int(first), int(last) + 1, _CHUNK):
        T = np.arange(start, min(start + _CHUNK, int(last) + 1), dtype=np.int64)
        one = np.ones(T.size, dtype=np.int64)
        fits, _ = _fits(T, people[i] * one, sd[i] * one, k[i] * one, ds[i] * one)
        if fits.any():
            return True
    return False


def _failure(w, pos, mean, sd, decimals_sd, items):
    """(nearest SD below, nearest SD above, reason) for the ``pos``-th row tested that fails GRIMMER."""
    i, reps = w["rows"][pos], int(w["reps"][pos])
    start = int(w["starts"][pos])
    totals = w["T"][start:start + reps]
    j = start + int(np.argmin(np.abs(totals / w["units"][i] - mean)))
    ni, total, floor_ss = int(w["m"][j]), int(w["T"][j]), int(w["ss_min"][j])
    q_lo, q_hi, first = int(w["q_lo"][j]), int(w["q_hi"][j]), int(w["first"][j])
    q_below = nearest_representable(ni, total, q_lo - 1 - ((q_lo - 1 - total) % 2), -2, floor_ss)
    q_above = nearest_representable(ni, total, max(first, q_hi + 1 + ((q_hi + 1 - total) % 2)), 2, floor_ss)

    def to_sd(q):
        return float(sd_from_ss(np.array([float(q)]), np.array([total]), ni)[0]) / items

    below = to_sd(q_below) if q_below is not None else np.nan
    above = to_sd(q_above)
    if q_hi < floor_ss:  # the whole rounding interval lies below the smallest SD
        why = (f"is below the smallest SD {ni} whole numbers with that total can have "
               f"({to_sd(floor_ss):.4f}, with the numbers as equal as possible)")
    elif q_lo > q_hi:
        why = "needs a sum of squares that is not a whole number"
    elif q_hi - first < 0:
        why = (f"needs a sum of squares of {q_lo}, which is {'odd' if q_lo % 2 else 'even'} while the total "
               f"is {'odd' if total % 2 else 'even'}")
    else:
        why = f"needs a sum of squares in {first}..{q_hi}, which no {ni} whole numbers with total {total} have"
    if w["n_totals"][pos] > 1:
        why += f" (and {int(w['n_totals'][pos]) - 1:,} other totals fail too)"
    if q_hi >= floor_ss:  # otherwise the smallest SD, just named, is the nearest
        why += (f"; the nearest possible SDs are {below:.4f} and {above:.4f}" if q_below is not None
                else f"; the nearest possible SD is {above:.4f}")
    return below, above, f"fails GRIMMER: with n = {ni} and total {total}, SD {sd:.{decimals_sd}f} {why}"

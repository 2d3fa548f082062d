"""GRIMMER (Anaya 2016): can an SD of whole-number answers print like this, with this mean?"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError
from ._arrays import DV_DOC, broadcast_shape, counts, fill_doc, printed_rows, row_index
from ._totals import (
    check_sums_of_squares, each_total, min_sum_of_squares, nearest_representable, representable, sd_from_ss,
    sd_interval, sum_of_squares_window, total_bounds,
)
from .._limits import Deadline
from .grim import grim

__all__ = ["grimmer", "grimmer_table"]

#: Totals tried at a time (memory: about 100 bytes each).
_CHUNK = 1 << 18


@returns_result_table
@fill_doc(dv=DV_DOC)
def grimmer(mean, sd, n, *, items=1, decimals_mean=2, decimals_sd=2, dv=None, max_seconds=60.0):
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
    max_seconds : float
        Time limit (60 s by default; a million rows took 12 s when
        measured).  Reached, it raises rather than
        answer for rows it has not checked.

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
        When an SD is negative, a number has more decimals than stated, a
        row's total of answers passes 10¹² or its sum of squares can pass
        2⁵³ (floats would no longer tell neighbouring ones apart), or the
        test has not finished within ``max_seconds`` (it never answers for a
        row it has not checked).

    Notes
    -----
    The test is exact for whole numbers without bounds, at any ``n``: of
    the totals allowed by the mean's rounding interval, only those that can
    reach the SD are tried (those near a multiple of ``n``; three when the
    SD's window of sums of squares is wide), so the time per row does not
    grow with ``n`` or with the size of the mean; for ``n >= 5`` every sum
    of squares from the smallest possible one up, in steps of 2, is reached
    by some sample; for ``n <= 4`` each candidate is decided in closed form
    (sums of two, three and four squares).  It
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
    return grimmer_table(mean, sd, n, items, decimals_mean, decimals_sd, dv, Deadline(max_seconds))


def grimmer_table(mean, sd, n, items, decimals_mean, decimals_sd, dv, deadline):
    """:func:`grimmer` under a :class:`~mixedmethods._limits.Deadline` of the caller's (so that a search
    which runs GRIMMER among other steps names its own limit when time runs out)."""
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
    w = _windows(mean_v, sd_v, people, k, dm, ds, deadline)
    below = np.full(mean_v.size, np.nan)
    above = np.full(mean_v.size, np.nan)
    reasons = np.full(mean_v.size, "", dtype=object)
    grim_fail = np.flatnonzero(~w["grim_ok"])
    if grim_fail.size:
        failed = grim(mean_v[grim_fail], people[grim_fail], items=k[grim_fail], decimals=dm[grim_fail])
        reasons[grim_fail] = ["fails GRIM: " + r for r in failed["reason"]]
    for pos, i in enumerate(w["rows"]):
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


def _windows(mean, sd, people, k, dm, ds, deadline):
    """Which rows pass GRIM and GRIMMER, and the window of the total nearest each failing mean.

    Returns a dict: ``grim_ok`` and ``ok`` per row; ``rows`` (the rows that
    pass GRIM but fail GRIMMER), ``n_totals`` (their number of totals) and,
    for the total nearest each one's mean, ``T``, ``m`` (n), ``q_lo``,
    ``q_hi``, ``first`` (the first sum of squares with the total's parity,
    at least ``ss_min``) and ``ss_min``, for the reason.  Only the totals
    :func:`_candidates` names are tried, chunk by chunk, under ``deadline``.
    """
    units = people * k
    # totals of the item sums whose mean over n × items rounds to the printed mean
    t_first, t_last = total_bounds(mean, units, dm)
    _, s_lo, s_hi = sd_interval(sd * k, k, ds)  # in item-sum units: the sum of squares is T²/n + (n - 1)s²
    check_sums_of_squares(np.maximum(t_first**2, t_last**2) / people + (people - 1) * s_hi**2,
                          lambda i: f"mean[{i}] = {mean[i]:g} and SD = {sd[i]:g} of n = {people[i]}")
    n_totals = np.maximum(t_last - t_first + 1, 0).astype(np.int64)
    grim_ok = n_totals > 0
    ok = np.zeros(mean.size, dtype=bool)
    tried = np.flatnonzero(grim_ok)
    first, last = t_first[tried].astype(np.int64), t_last[tried].astype(np.int64)
    owner, lo, hi = _candidates(first, last, people[tried], s_lo[tried], s_hi[tried])
    for interval, T in _chunks(lo, hi, _CHUNK):
        deadline.check(f"grimmer ({tried.size:,} rows)")
        i = tried[owner[interval]]
        fits, _ = _fits(T, people[i], sd[i], k[i], ds[i])
        ok[i[fits]] = True
    rows = np.flatnonzero(grim_ok & ~ok)
    # the total nearest the mean (the lower one on a tie), as the reason names it
    below = np.clip(np.floor(mean[rows] * units[rows]), t_first[rows], t_last[rows]).astype(np.int64)
    above = np.clip(below + 1, t_first[rows], t_last[rows]).astype(np.int64)
    T = np.where(np.abs(above / units[rows] - mean[rows]) < np.abs(below / units[rows] - mean[rows]), above, below)
    _, window = _fits(T, people[rows], sd[rows], k[rows], ds[rows])
    return {"grim_ok": grim_ok, "ok": ok, "rows": rows, "n_totals": n_totals[rows],
            "T": T, "m": people[rows], **window}


def _candidates(first, last, n, s_lo, s_hi):
    """The only totals of each row that can allow its SD, as intervals ``(row, low, high)``.

    Every total from ``first`` to ``last`` passes GRIM.  With ``r = T mod n``,
    the smallest sum of squares is ``T²/n + r(n - r)/n``, so a total can fit
    only if ``r(n - r)/n <= B = (n - 1) s_hi²`` (``s_hi`` the top of the SD's
    rounding interval), hence only if ``min(r, n - r) <= 2B``: those totals
    lie within ``2B`` of a multiple of ``n``.  When the window of sums of
    squares is wide (``(n - 1)(s_hi² - s_lo²) >= 2.5``, it holds both
    parities) and ``n >= 5``, a total fits exactly when ``r(n - r)/n <= B``;
    ``r(n - r)`` is concave, so the first and last totals and a multiple of
    ``n`` between them decide.  Either way a row has a few totals to try,
    not one per possible total.  ``s_lo``, ``s_hi``: the SD's rounding
    interval in item-sum units (:func:`._totals.sd_interval`).
    """
    wide = (n >= 5) & ((n - 1) * (s_hi**2 - s_lo**2) >= 2.5)
    reach = np.floor(2 * (n - 1) * s_hi**2 * (1 + 1e-9)) + 2
    every = ~wide & ((2 * reach + 1 >= n) | (last - first + 1 <= 2 * reach + 1))
    rows = np.arange(first.size)
    # wide rows: the first and last totals and the first multiple of n from the first on
    multiple = -(-first // n) * n
    w = rows[wide]
    parts = [(w, first[w], first[w]), (w, last[w], last[w]), (w, multiple[w], np.minimum(multiple[w], last[w]))]
    parts.append((rows[every], first[every], last[every]))
    # narrow rows: totals within `reach` of a multiple of n
    near = rows[~wide & ~every]
    reach_near = reach[near].astype(np.int64)
    j_first = -(-(first[near] - reach_near) // n[near])
    j_last = (last[near] + reach_near) // n[near]
    which, j = each_total(j_first, j_last)
    centre, spread = j * n[near][which], reach_near[which]
    parts.append((near[which], np.maximum(centre - spread, first[near][which]),
                  np.minimum(centre + spread, last[near][which])))
    owner, lo, hi = (np.concatenate([np.asarray(p[i], dtype=np.int64) for p in parts]) for i in range(3))
    return owner, lo, hi


def _chunks(lo, hi, size):
    """Every whole number of the intervals ``[lo, hi]``, at most ``size`` at a time: (interval, number)."""
    count = np.maximum(hi - lo + 1, 0)
    ends = np.cumsum(count)
    starts = ends - count
    for c0 in range(0, int(ends[-1]) if ends.size else 0, size):
        c1 = c0 + size
        i0, i1 = np.searchsorted(ends, c0, side="right"), np.searchsorted(starts, c1, side="left")
        s, e = np.maximum(starts[i0:i1], c0), np.minimum(ends[i0:i1], c1)
        first = lo[i0:i1] + (s - starts[i0:i1])
        which, numbers = each_total(first, first + (e - s) - 1)
        yield i0 + which, numbers


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


def _failure(w, pos, mean, sd, decimals_sd, items):
    """(nearest SD below, nearest SD above, reason) for the ``pos``-th row that fails GRIMMER."""
    ni, total, floor_ss = int(w["m"][pos]), int(w["T"][pos]), int(w["ss_min"][pos])
    q_lo, q_hi, first = int(w["q_lo"][pos]), int(w["q_hi"][pos]), int(w["first"][pos])
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

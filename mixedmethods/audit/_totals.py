"""Whole-number arithmetic behind GRIM, GRIMMER, the SD bounds and SPRITE.

``n`` whole numbers have a whole total ``T`` and a whole sum of squares ``Q``;
their mean is ``T / n`` and their SD ``sqrt((Q - T²/n) / (n - 1))``.  These
helpers find the totals and sums of squares that print as a reported mean
and SD, and the extremes of ``Q`` for a total.
"""
from __future__ import annotations

import math

import numpy as np

from .._printed import rounding_interval
from ._arrays import EDGE

__all__ = [
    "total_bounds", "each_total", "totals_of", "sum_of_squares_window", "extreme_sums_of_squares",
    "sd_from_ss", "min_sum_of_squares", "representable", "nearest_representable",
]


def total_bounds(mean, units, decimals):
    """First and last whole totals whose mean over ``units`` rounds to ``mean`` (none when first > last)."""
    lo, hi = rounding_interval(mean, decimals)
    return np.ceil(lo * units - EDGE * units), np.floor(hi * units + EDGE * units)


def each_total(first, last):
    """Every whole total from ``first`` to ``last`` of each row: (row index, total), row by row."""
    count = np.maximum(last - first + 1, 0).astype(np.int64)
    row = np.repeat(np.arange(count.size), count)
    step = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return row, first[row].astype(np.int64) + step


def totals_of(mean, units, decimals):
    """Whole-number totals whose mean over ``units`` rounds to ``mean`` (may be empty)."""
    first, last = total_bounds(mean, units, decimals)
    return np.arange(int(first), int(last) + 1, dtype=np.int64)


def sum_of_squares_window(totals, n, sd_units, decimals_sd):
    """Whole sums of squares whose SD (n - 1 denominator) rounds to the printed SD, per total.

    ``sd_units`` is ``(sd × items, items)``: the SD of the item sums and the
    number of items.  Returns the smallest and largest admissible sum of
    squares (floats; empty when ``low > high``), before the parity rule and
    the smallest possible sum of squares.  The rounding interval is closed.
    Floating point decides all but near-ties; those are settled in exact
    integer arithmetic, so an SD of 1.0350000x is not read as 1.035.
    """
    totals, n, sd_items, items, decimals_sd = np.broadcast_arrays(
        np.asarray(totals), np.asarray(n), np.asarray(sd_units[0], dtype=float),
        np.asarray(sd_units[1]), np.asarray(decimals_sd))
    scale = 10.0 ** decimals_sd
    printed = np.rint(sd_items / items * scale)  # the printed SD in units of its last decimal
    s_lo = np.maximum(2 * printed - 1, 0) * items / (2 * scale)
    s_hi = (2 * printed + 1) * items / (2 * scale)
    centre = totals.astype(float) ** 2 / n
    x_lo, x_hi = (n - 1) * s_lo**2 + centre, (n - 1) * s_hi**2 + centre
    tol = 1e-9 * (1 + x_hi)
    q_lo, q_hi = np.ceil(x_lo - tol), np.floor(x_hi + tol)

    def exact_bound(i, s2):  # n·D²·Q compared with T²·D² + n(n - 1)(items × s2)², D = 2·10^d
        t, m, d = int(totals.flat[i]), int(n.flat[i]), 2 * 10 ** int(decimals_sd.flat[i])
        return m * d * d, t * t * d * d + m * (m - 1) * (int(items.flat[i]) * s2) ** 2

    for i in np.flatnonzero((q_lo != np.ceil(x_lo + tol)).ravel()):
        scaled, bound = exact_bound(i, max(2 * int(printed.flat[i]) - 1, 0))
        if scaled * int(q_lo.flat[i]) < bound:
            q_lo.flat[i] += 1
    for i in np.flatnonzero((q_hi != np.floor(x_hi - tol)).ravel()):
        scaled, bound = exact_bound(i, 2 * int(printed.flat[i]) + 1)
        if scaled * int(q_hi.flat[i]) > bound:
            q_hi.flat[i] -= 1
    return q_lo, q_hi


def extreme_sums_of_squares(totals, n, low, high):
    """Smallest and largest sum of squares of ``n`` whole numbers in [low, high] summing to each total.

    Smallest: the values as equal as possible.  Largest: as many at ``high`` as
    the total allows, the rest at ``low`` except one value in between (two
    values strictly inside the range can always be pushed apart to raise the
    sum of squares, so the maximum has at most one).
    """
    totals = np.asarray(totals, dtype=np.int64)
    ss_min = min_sum_of_squares(totals, n)
    width = high - low
    k = np.minimum((totals - n * low) // width, n)
    middle = totals - k * high - np.maximum(n - k - 1, 0) * low
    ss_max = k * high**2 + np.where(k < n, middle**2 + (n - k - 1) * low**2, 0)
    return ss_min, ss_max


def sd_from_ss(ss, totals, n):
    """SD (``n - 1`` denominator) of ``n`` numbers with these totals and sums of squares."""
    with np.errstate(invalid="ignore"):
        return np.sqrt(np.maximum((ss - totals.astype(float) ** 2 / n) / (n - 1), 0.0))


def min_sum_of_squares(totals, n):
    """Smallest sum of squares of ``n`` whole numbers with each total: the values as equal as possible."""
    q, r = np.divmod(totals, n)
    return (n - r) * q * q + r * (q + 1) * (q + 1)


def representable(n, total, ss):
    """Exactly: do ``n`` whole numbers with this total and sum of squares exist?

    For ``n >= 5`` that is so whenever ``ss`` is at least
    :func:`min_sum_of_squares` and has the total's parity; for ``n <= 4``
    some such sums are still out of reach (two numbers with total 0 have
    ``ss = 2a²``), so this searches, shifting the values to sit near zero.
    """
    base = total // n
    return _near_zero(n, total - n * base, ss - 2 * base * total + n * base * base)


def _near_zero(n, total, ss):
    if ss < 0:
        return False
    if n == 1:
        return ss == total * total
    if n == 2:  # (a - b)² = 2 ss - total², with a - b of the total's parity
        d2 = 2 * ss - total * total
        d = math.isqrt(d2) if d2 >= 0 else -1
        return d >= 0 and d * d == d2 and (d - total) % 2 == 0
    bound = math.isqrt(ss)
    return any(_near_zero(n - 1, total - y, ss - y * y) for y in range(-bound, bound + 1))


def nearest_representable(n, total, ss, step, floor):
    """First sum of squares from ``ss`` on, moving by ``step`` (±2), that ``n`` whole numbers can have."""
    while ss >= floor:
        if n > 4 or representable(n, total, ss):
            return ss
        ss += step
    return None

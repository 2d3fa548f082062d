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
from .._validation import InputError
from ._arrays import EDGE, MAX_SUM_OF_SQUARES, MAX_WHOLE

__all__ = [
    "total_bounds", "each_total", "totals_of", "sd_interval", "sum_of_squares_window", "extreme_sums_of_squares",
    "largest_sum_of_squares", "check_sums_of_squares",
    "sd_from_ss", "extreme_totals", "min_sum_of_squares", "representable", "nearest_representable",
]


def total_bounds(mean, units, decimals):
    """First and last whole totals whose mean over ``units`` rounds to ``mean`` (none when first > last).

    A total beyond :data:`MAX_WHOLE` is refused: the float arithmetic would
    no longer tell neighbouring totals apart.
    """
    mean, units = np.broadcast_arrays(np.asarray(mean, dtype=float), np.asarray(units, dtype=float))
    totals = mean * units
    big = np.flatnonzero(np.abs(totals.ravel()) > MAX_WHOLE)
    if big.size:
        i = int(big[0])
        raise InputError(f"mean[{i}] = {mean.flat[i]:g} over {units.flat[i]:.0f} answers makes a total of "
                         f"{totals.flat[i]:g}, beyond {MAX_WHOLE:.0e}, the largest total these checks handle.")
    lo, hi = rounding_interval(mean, decimals)
    return np.ceil(lo * units - EDGE * units), np.floor(hi * units + EDGE * units)


def largest_sum_of_squares(first, last, n, low, high):
    """An upper bound (float) on the sum of squares of ``n`` whole numbers in [low, high] whose total lies in
    [first, last].

    Each number lies in ``[max(low, T - (n - 1)·high), min(high, T - (n - 1)·low)]``,
    so its size is at most ``reach``, and ``Σx² <= reach · Σ|x|``, where
    ``Σ|x|`` is at most ``n · reach`` and at most ``|T| + 2n · max(-low, 0)``
    (only negative numbers add to it).
    """
    first, last, n, low, high = (np.asarray(a, dtype=float) for a in (first, last, n, low, high))
    ends = [end for t in (first, last) for end in (np.maximum(low, t - (n - 1) * high),
                                                   np.minimum(high, t - (n - 1) * low))]
    reach = np.minimum(np.maximum(np.abs(low), np.abs(high)), np.abs(ends).max(axis=0))
    spread = np.maximum(np.abs(first), np.abs(last)) + 2 * n * np.maximum(-low, 0)
    return reach * np.minimum(n * reach, spread)


def check_sums_of_squares(bound, describe):
    """Refuse, naming the first such row (``describe(i)``), rows whose sum of squares (``bound``) may pass
    :data:`MAX_SUM_OF_SQUARES`.
    """
    bound = np.asarray(bound, dtype=float).ravel()
    big = np.flatnonzero(~(bound <= MAX_SUM_OF_SQUARES))
    if big.size:
        i = int(big[0])
        raise InputError(f"{describe(i)}: the answers' sum of squares can reach {bound[i]:.3g}, beyond 2**53 "
                         "(about 9e15), the largest these checks handle.")


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


def sd_interval(sd_items, items, decimals_sd):
    """``(printed, s_lo, s_hi)`` of an SD printed with ``decimals_sd`` decimals: the printed SD in units of
    its last decimal, and the closed interval of SDs (per item) that print so.

    ``sd_items`` is the SD times ``items`` (a sum over items), as the row arrays hold it.
    """
    scale = 10.0 ** decimals_sd
    printed = np.rint(sd_items / items * scale)
    return printed, np.maximum(2 * printed - 1, 0) * items / (2 * scale), (2 * printed + 1) * items / (2 * scale)


def sum_of_squares_window(totals, n, sd_units, decimals_sd):
    """Whole sums of squares whose SD (n - 1 denominator) rounds to the printed SD, per total.

    ``sd_units`` is ``(sd × items, items)``: the SD of the item sums and the
    number of items.  Returns the smallest and largest admissible sum of
    squares (floats; empty when ``low > high``), before the parity rule and
    the smallest possible sum of squares.  The rounding interval is closed.
    Callers refuse sums of squares beyond :data:`MAX_SUM_OF_SQUARES` first
    (:func:`check_sums_of_squares`).
    Floating point decides all but near-ties; those are settled in exact
    integer arithmetic, so an SD of 1.0350000x is not read as 1.035.
    """
    totals, n, sd_items, items, decimals_sd = np.broadcast_arrays(
        np.asarray(totals), np.asarray(n), np.asarray(sd_units[0], dtype=float),
        np.asarray(sd_units[1]), np.asarray(decimals_sd))
    printed, s_lo, s_hi = sd_interval(sd_items, items, decimals_sd)
    centre = totals.astype(float) ** 2 / n
    x_lo, x_hi = (n - 1) * s_lo**2 + centre, (n - 1) * s_hi**2 + centre
    tol = 1e-12 * (1 + np.abs(x_hi))  # far above float error (~1e-16 relative), far below 1
    q_lo, q_hi = np.ceil(x_lo - tol), np.floor(x_hi + tol)

    def exact_bound(i, s2):  # n·D²·Q compared with T²·D² + n(n - 1)(items × s2)², D = 2·10^d
        t, m, d = int(totals.flat[i]), int(n.flat[i]), 2 * 10 ** int(decimals_sd.flat[i])
        return m * d * d, t * t * d * d + m * (m - 1) * (int(items.flat[i]) * s2) ** 2

    for i in np.flatnonzero((q_lo != np.ceil(x_lo + tol)).ravel()):   # near a tie: exactly
        scaled, bound = exact_bound(i, max(2 * int(printed.flat[i]) - 1, 0))
        q_lo.flat[i] = -(-bound // scaled)
    for i in np.flatnonzero((q_hi != np.floor(x_hi - tol)).ravel()):
        scaled, bound = exact_bound(i, 2 * int(printed.flat[i]) + 1)
        q_hi.flat[i] = bound // scaled
    return q_lo, q_hi


def extreme_sums_of_squares(totals, n, low, high):
    """Smallest and largest sum of squares of ``n`` whole numbers in [low, high] summing to each total.

    Smallest: the values as equal as possible.  Largest: as many at ``high`` as
    the total allows, the rest at ``low`` except one value in between (two
    values strictly inside the range can always be pushed apart to raise the
    sum of squares, so the maximum has at most one).  Callers refuse sums of
    squares beyond :data:`MAX_SUM_OF_SQUARES` first (:func:`largest_sum_of_squares`).
    """
    totals = np.asarray(totals, dtype=np.int64)
    ss_min = min_sum_of_squares(totals, n)
    width = high - low
    k = np.minimum((totals - n * low) // width, n)
    middle = totals - k * high - np.maximum(n - k - 1, 0) * low
    # (k·high)·high: high² alone can pass int64 on a wide scale where no sum of squares does
    ss_max = k * high * high + np.where(k < n, middle * middle + (n - k - 1) * low * low, 0)
    return ss_min, ss_max


def extreme_totals(first, last, n, low, high):
    """The totals, among ``first..last`` of each row, where the SD bounds are reached: ``(row, total)``.

    The smallest SD of a total ``T`` grows with ``r(n - r)``, ``r = T mod n``,
    which is concave between multiples of ``n``: its minimum over a range is
    at an end or at a multiple of ``n``.  With the answers shifted to
    ``0..w`` (``w = high - low``) and ``T = jw + m``, the largest sum of
    squares less ``T²/n`` is convex in ``m`` within a block of ``w`` totals and
    concave in ``j`` along the block ends (``jw`` and ``jw - 1``), whose
    vertex is near ``j = n/2``: so the ends of the range and the block ends
    nearest ``n/2`` (a few either side) hold the largest.  Rows with
    ``first > last`` have none.  A fixed 15 totals per row, however many the
    mean allows.
    """
    first, last, n, low, high = (np.asarray(a, dtype=np.int64) for a in (first, last, n, low, high))
    rows = np.arange(first.size)
    w = high - low
    a, b = first - n * low, last - n * low            # shifted totals
    near = -(-a // n) * n                             # first multiple of n from a on
    parts = [a, b, np.minimum(near, b)]
    centre = n // 2
    for minus in (0, 1):                              # block ends j·w, then j·w - 1
        j_first, j_last = -(-(a + minus) // w), (b + minus) // w
        for offset in range(-2, 4):                   # a concave sequence peaks at its vertex, clipped
            j = np.clip(centre + offset, j_first, j_last)
            parts.append(np.where(j_first <= j_last, j * w - minus, a))
    shifted = np.stack(parts, axis=1)
    keep = np.broadcast_to((a <= b)[:, None], shifted.shape)
    row = np.broadcast_to(rows[:, None], shifted.shape)[keep]
    return row, shifted[keep] + (n * low)[row]


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
    ``ss = 2a²``).  Decided in closed form, in time that does not grow with
    the size of the numbers:

    * ``n = 2``: ``(a - b)² = 2 ss - T²`` with ``a - b`` of the total's parity;
    * ``n = 3``: with ``a = x - y`` and ``b = y - z``, ``3 ss - T² = 2 M`` where
      ``M = a² + ab + b²``, and ``z = (T - a - 2b) / 3`` is whole when
      ``a - b ≡ T (mod 3)``, i.e. ``M ≡ 0`` or ``1 (mod 3)`` as 3 divides ``T`` or
      not; ``M`` is a norm of the Eisenstein integers when every prime
      ``≡ 2 (mod 3)`` divides it an even number of times;
    * ``n = 4``: the Hadamard transform ``(T, a, b, c)`` of the four numbers has
      ``T² + a² + b² + c² = 4 ss``; for an odd total ``ss`` must be odd (then
      ``4 ss - T² ≡ 3 (mod 8)``, a sum of three odd squares); for an even total
      ``ss`` even and ``ss - (T/2)²`` a sum of three squares (Legendre: not
      ``4^a (8b + 7)``).

    Checked against enumeration of every sample (``tests/audit/test_grimmer.py``).
    """
    total, ss = int(total), int(ss)
    if n == 1:
        return ss == total * total
    if n == 2:  # (a - b)² = 2 ss - total², with a - b of the total's parity
        d2 = 2 * ss - total * total
        d = math.isqrt(d2) if d2 >= 0 else -1
        return d >= 0 and d * d == d2 and (d - total) % 2 == 0
    if n == 3:
        twice = 3 * ss - total * total
        if twice < 0 or twice % 2:
            return False
        m = twice // 2
        return m % 3 == (0 if total % 3 == 0 else 1) and _eisenstein_norm(m)
    if n == 4:
        if total % 2:
            return ss % 2 == 1 and 4 * ss >= total * total
        rest = ss - (total // 2) ** 2
        if ss % 2 or rest < 0:
            return False
        while rest and rest % 4 == 0:
            rest //= 4
        return rest % 8 != 7
    return ss >= int(min_sum_of_squares(total, n)) and (ss - total) % 2 == 0


#: Largest ``M`` whose prime factors :func:`_eisenstein_norm` finds (by a sieve up to its square root).
_LARGEST_NORM = 10**14
_primes = np.array([2, 3], dtype=np.int64)


def _primes_up_to(limit):
    """Primes up to ``limit`` (a sieve, kept and grown as needed)."""
    global _primes
    if _primes[-1] < limit:
        size = max(int(limit) + 1, 2 * int(_primes[-1]))
        sieve = np.ones(size + 1, dtype=bool)
        sieve[:2] = False
        for p in range(2, math.isqrt(size) + 1):
            if sieve[p]:
                sieve[p * p::p] = False
        _primes = np.flatnonzero(sieve).astype(np.int64)
    return _primes[_primes <= limit]


def _eisenstein_norm(m):
    """Is ``m = a² + ab + b²`` for some whole a, b (every prime ≡ 2 mod 3 to an even power)?"""
    if m == 0:
        return True
    if m > _LARGEST_NORM:
        raise InputError(f"deciding whether 3 whole numbers reach this SD needs the prime factors of {m:,}, "
                         f"more than the {_LARGEST_NORM:,} GRIMMER factors; the SD is too large for n = 3.")
    primes = _primes_up_to(math.isqrt(m))
    for p in primes[m % primes == 0].tolist():
        e = 0
        while m % p == 0:
            m //= p
            e += 1
        if p % 3 == 2 and e % 2:
            return False
    return m % 3 != 2  # what is left is 1 or one prime above the square root


def nearest_representable(n, total, ss, step, floor):
    """First sum of squares from ``ss`` on, moving by ``step`` (±2), that ``n`` whole numbers can have."""
    while ss >= floor:
        if n > 4 or representable(n, total, ss):
            return ss
        ss += step
    return None

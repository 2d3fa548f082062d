"""Brute-force enumeration of every sample, in exact arithmetic, for the GRIM/GRIMMER/SD-bounds/SPRITE properties.

A printed number covers the closed interval of half a unit in its last place
either side (the rule of mixedmethods._printed.rounding_interval); a sample
of integers "prints as" (mean, sd) when its exact mean and SD (n - 1
denominator) fall in those intervals.  Nothing from mixedmethods is used.
"""
import itertools
from fractions import Fraction


def interval(printed):
    """The exact interval of a printed decimal string: ('2.50' -> [2.495, 2.505])."""
    value = Fraction(printed)
    decimals = len(printed.split(".", 1)[1]) if "." in printed else 0
    half = Fraction(1, 2 * 10**decimals)
    return value - half, value + half


def mean_prints(total, n, printed):
    low, high = interval(printed)
    return low <= Fraction(total, n) <= high


def sd_prints(values, printed):
    """Whether the SD (n - 1) of ``values`` prints as ``printed``, comparing squares exactly."""
    n = len(values)
    total = sum(values)
    ss = Fraction(sum(v * v for v in values)) - Fraction(total * total, n)
    variance = ss / (n - 1)
    low, high = interval(printed)
    return max(low, 0) ** 2 <= variance <= high**2


def samples(low, high, n):
    """Every multiset of ``n`` integers from ``low`` to ``high`` (sorted tuples)."""
    return itertools.combinations_with_replacement(range(low, high + 1), n)


def sd_of(values):
    n = len(values)
    m = sum(values) / n
    return (sum((v - m) ** 2 for v in values) / (n - 1)) ** 0.5

"""SPRITE (Heathers et al. 2018): whole-number samples whose mean and SD print as reported."""
from __future__ import annotations

import warnings

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError, random_generator
from ._arrays import fill_doc, int_scalar, printed_scalar, scale
from ._samples import ImpossibleSummaryError, counts_to_samples, search, targets_and_samples
from ._totals import sd_from_ss

__all__ = ["sprite", "count_samples", "ImpossibleSummaryError"]

#: Most answers (k × n) :func:`sprite` returns.
MOST_ANSWERS = 100_000_000

#: The parameters :func:`sprite` and :func:`count_samples` share, for :func:`fill_doc`.
_SUMMARY_DOC = """mean, sd : str or float
        Printed mean and SD (``n - 1`` denominator).  Strings keep the
        decimals they were printed with; numbers take ``decimals_mean`` and
        ``decimals_sd``.
    n : int
        Sample size.
    scale_min, scale_max : int
        Lowest and highest possible answer.
    decimals_mean, decimals_sd : int
        Decimals of the mean and SD given as numbers (a number with more
        decimals than stated is an error).
    items : int
        Items averaged into each score (answers are then multiples of
        ``1 / items``)."""


@returns_result_table
@fill_doc(summary=_SUMMARY_DOC)
def count_samples(mean, sd, n, *, scale_min, scale_max, decimals_mean=2, decimals_sd=2, items=1):
    """How many distinct samples on the scale have a mean and SD that print as reported, exactly.

    Every sample is counted once (as a multiset: which answers, not in which
    order), by exact enumeration, so this says whether :func:`sprite` can
    return ``k`` distinct samples at all, and how they split between the
    totals and sums of squares the printed numbers allow.

    Parameters
    ----------
    %(summary)s

    Returns
    -------
    pandas.DataFrame
        One row per (total, sum of squares) that some sample reaches:
        ``total``, ``sum_of_squares`` (of the item sums), ``mean`` and ``sd``
        (exact, unrounded) and ``n_samples``.  The column total of
        ``n_samples`` is the number of distinct samples.

    Raises
    ------
    ImpossibleSummaryError
        When no sample can exist (the same checks as :func:`sprite`).
    InputError
        When the scale is too wide for ``n`` to enumerate (more than three
        million combinations of the upper answers); :func:`sprite` still
        searches then.

    Examples
    --------
    >>> count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)
       total  sum_of_squares      mean        sd  n_samples
    0    170             790  2.786885  2.295755         41
    1    170             792  2.786885  2.303004         36
    """
    import pandas as pd

    args = _arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd)
    mean, sd, n, low, high, items, decimals_mean, decimals_sd = args
    _, found = targets_and_samples(mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    if found is None:
        raise InputError(
            f"Too many samples of n = {n} on {low}–{high} (items = {items}) to enumerate exactly; "
            "use sprite() to draw some."
        )
    totals = np.array([t for t, _, _ in found], dtype=np.int64)
    squares = np.array([q for _, q, _ in found], dtype=np.int64)
    return pd.DataFrame({
        "total": totals, "sum_of_squares": squares, "mean": totals / (n * items),
        "sd": sd_from_ss(squares.astype(float), totals, n) / items,
        "n_samples": np.array([c.shape[0] for _, _, c in found], dtype=np.int64),
    })


@fill_doc(summary=_SUMMARY_DOC)
def sprite(mean, sd, n, *, scale_min, scale_max, decimals_mean=2, decimals_sd=2, items=1, k=10,
           seed=None, max_seconds=10.0, progress=None):
    """SPRITE (Heathers et al. 2018): whole-number samples whose mean and SD print as reported.

    Before any search the summary is checked with GRIM, GRIMMER and the SD
    bounds of the scale, and (for up to roughly n = 100 on a seven-point
    scale) against the exact set of sums of squares whole numbers on the
    scale can reach; if one fails, an :class:`ImpossibleSummaryError` says
    which and why, at once.  When the scale is narrow enough for ``n`` (see
    :func:`count_samples`), every sample is then enumerated exactly and
    ``k`` of them are drawn uniformly at random, or all of them when fewer
    exist.  Otherwise random samples are nudged, one pair of answers at a
    time, until their SD rounds to the reported one (the SPRITE search).

    Parameters
    ----------
    %(summary)s
    k : int
        How many distinct samples to return at most.
    seed : int or numpy.random.Generator, optional
        Seed, for reproducible samples.
    max_seconds : float
        Time limit of the search, 10 s by default, honoured within a few
        hundredths of a second (checked at every step of the search).
    progress : bool, optional
        Show progress: a ``tqdm`` bar when tqdm is installed (the notebooks
        extra), else a line on stderr.  By default it appears when the
        search takes longer than a second; False never shows it.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, n)`` with ``m <= k``: each row a distinct sample, sorted
        ascending (integers when ``items == 1``).  ``m < k`` when only ``m``
        distinct samples exist: exactly so when they were enumerated
        (:func:`count_samples` gives the number), and when the search stops
        after ten batches in a row find nothing new.  When the search stops
        at ``max_seconds`` with fewer than ``k``, a ``RuntimeWarning`` says
        the search is incomplete (more may exist); every row returned is
        still a sample that fits.

    Raises
    ------
    ImpossibleSummaryError
        When no sample can exist (fails GRIM, GRIMMER or the SD bounds).
    InputError
        When ``k × n`` exceeds 100 million answers (the returned array alone
        would take 800 MB), or when the answers' sum of squares can pass
        2⁵³.

    Notes
    -----
    Each sample is a multiset: samples are distinct as sorted vectors.  The
    search works on many samples at once.  On a scale of up to 64 levels
    (``items × (scale_max - scale_min) + 1``) it works on counts per level
    (arrays of shape chains × levels, a few tens of MB at most whatever
    ``n``); in samples of more than 100 it moves many answers at once while
    far from the target, so its time grows slowly with ``n``.  On a wider
    scale it works on the answers themselves (chains × n), moving a pair of
    answers by as much as the target asks, so that its time does not grow
    with the scale's width (0–1000 or 0–10¹²: a 0–100 visual analogue
    scale, a sum of 50 items, money).  A sum of squares ``Q`` fixes the SD
    for a total ``T``; moving one answer up and another down by ``d`` keeps
    ``T`` and changes ``Q`` by an even amount, so the parity the GRIMMER
    test checks is kept throughout.  Checked by enumerating every sample
    for small n (``tests/audit/test_sprite.py``).

    Examples
    --------
    >>> samples = sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=5, seed=1)
    >>> samples.shape
    (5, 61)
    >>> [round(float(s.mean()), 2) for s in samples], [round(float(s.std(ddof=1)), 2) for s in samples]
    ([2.79, 2.79, 2.79, 2.79, 2.79], [2.3, 2.3, 2.3, 2.3, 2.3])
    >>> sprite(1.00, 1.99, 34, scale_min=0, scale_max=5)
    Traceback (most recent call last):
    ...
    mixedmethods.audit.ImpossibleSummaryError: No sample has mean 1.00, SD 1.99, n = 34 on 0–5: it fails GRIMMER: with n = 34 and total 34, SD 1.99 needs a sum of squares of 165, which is odd while the total is even; the nearest possible SDs are 1.9848 and 2.0000; on the 0–5 scale the nearest SDs whole numbers with this mean can have are 1.9540 and 2.0000.
    """
    args = _arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd)
    mean, sd, n, low, high, items, decimals_mean, decimals_sd = args
    k = int_scalar("k", k, minimum=1)
    if k * n > MOST_ANSWERS:
        raise InputError(f"k = {k:,} samples of n = {n:,} answers are {k * n:,} answers, more than the "
                         f"{MOST_ANSWERS:,} sprite returns (8 bytes each); ask for fewer samples.")
    (totals, q_lo, q_hi), exact = targets_and_samples(mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    rng = random_generator(seed)
    if exact is not None:
        found = np.concatenate([c for _, _, c in exact])
        if found.shape[0] > k:  # k of them, uniformly at random, in a stable order
            found = found[np.sort(rng.choice(found.shape[0], size=k, replace=False))]
        return _per_item(counts_to_samples(found, np.arange(low * items, high * items + 1), n), items)
    found, timed_out = search(rng, k, n, low * items, high * items, totals, q_lo, q_hi, max_seconds=max_seconds,
                              progress=progress)
    if found.shape[0] == 0:
        warnings.warn(
            f"sprite found no sample in max_seconds = {max_seconds:g} s, although mean {mean}, SD {sd} and "
            f"n = {n} pass GRIM, GRIMMER and the SD bounds; the search is incomplete: raise max_seconds, or "
            "the SD may sit in a gap of reachable SDs near the scale's limits.",
            RuntimeWarning, stacklevel=2,
        )
    elif timed_out:
        warnings.warn(
            f"sprite stopped at max_seconds = {max_seconds:g} with {found.shape[0]} of the {k} samples "
            "asked for; the search is incomplete and more may exist: raise max_seconds.",
            RuntimeWarning, stacklevel=2,
        )
    return _per_item(found, items)


def _per_item(samples, items):
    """Samples of item sums as the answers' means over ``items`` (whole numbers when ``items == 1``)."""
    return samples if items == 1 else samples / items


def _arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd):
    """Validate the scalar arguments shared by :func:`sprite` and :func:`count_samples`."""
    n = int_scalar("n", n, minimum=2)
    low, high = scale(scale_min, scale_max)
    if low.size != 1 or high.size != 1:
        raise InputError("scale_min and scale_max must be single numbers.")
    low, high = int(low.ravel()[0]), int(high.ravel()[0])
    items = int_scalar("items", items, minimum=1)
    mean, decimals_mean = printed_scalar("mean", mean, decimals_mean, "decimals_mean")
    sd, decimals_sd = printed_scalar("sd", sd, decimals_sd, "decimals_sd")
    if sd < 0:
        raise InputError(f"sd = {sd:g} is negative; a standard deviation must be >= 0.")
    # far outside the scale: refused here, before any arithmetic on totals can overflow (near the
    # ends, the search's own checks say exactly why)
    if not low - 1 <= mean <= high + 1:
        raise ImpossibleSummaryError(f"No sample has mean {mean:g} on {low}–{high}: the mean is outside the scale.")
    if sd > high - low + 1:
        raise ImpossibleSummaryError(f"No sample has SD {sd:g} on {low}–{high}: no SD on this scale exceeds "
                                     f"{(high - low) / 2 * (n / (n - 1)) ** 0.5:.4g} at n = {n}.")
    return mean, sd, n, low, high, items, decimals_mean, decimals_sd

"""What a careful reader of the Mexico City study finds its numbers leave unsaid, computed.

Three sentences for :func:`mixedmethods.studies.mexico_omi.reproduce`, each
computed with the audit functions rather than written by hand:

- ``scoring_sentence``: the checks score the six-point OMI 0–5; scored 1–6,
  several printed (mean, SD) pairs could not be true at any n up to the
  sample (:func:`mixedmethods.audit.sd_bounds`);
- ``answered_sentence``: a Student df of 93 means 95 answered the item,
  beside the text's "six were excluded … 89" analysed;
- ``edge_sentence``: the men's item 3 (M 1.0, SD 1.99, n 34) is possible only
  at the edge of the mean's rounding (:func:`mixedmethods.audit.count_samples`
  enumerates every sample), and not at exactly 1.00 or on 1–6
  (:func:`mixedmethods.audit.sprite` says why).
"""
from __future__ import annotations

import numpy as np

from .._printed import decimals_of
from ._words import number_word

__all__ = ["scoring_sentence", "answered_sentence", "edge_sentence", "largest_sd"]

_SCALES = ((0, 5), (1, 6))


def largest_sd(mean, sizes, scale):
    """The largest SD whole-number answers on ``scale`` can have, over ``sizes``, with a mean printing as ``mean``."""
    from ..audit import sd_bounds

    bounds = sd_bounds([mean] * len(sizes), sizes, scale_min=scale[0], scale_max=scale[1])
    return float(np.nanmax(bounds["sd_max"].to_numpy(dtype=float)))


def _pairs(printed):
    """(label, mean, sd) of every printed group of the t-test table, as printed strings."""
    for r in printed.itertuples():
        for g in ("1", "2"):
            yield (f"the {getattr(r, 'group' + g)}'s item {r.item_id}", getattr(r, "mean" + g), getattr(r, "sd" + g))


def scoring_sentence(printed, total):
    """The Assumption block's sentence on the 0–5 scoring, and what 1–6 would imply."""
    sizes = np.arange(2, total + 1)
    impossible = []
    for label, mean, sd in _pairs(printed):
        low = float(sd) - 0.5 * 10.0 ** -decimals_of(sd)
        largest = {scale: largest_sd(mean, sizes, scale) for scale in _SCALES}
        if largest[(1, 6)] < low:
            impossible.append(f"{label} (M {mean}, SD {sd}: at most {largest[(1, 6)]:.2f})")
    return (
        "The six-point OMI answers are taken as scored 0–5 (the paper does not say); every GRIM, "
        "GRIMMER and SD-bound check below assumes it. Scored 1–6, "
        + (f"{number_word(len(impossible))} of the printed (mean, SD) pairs could not be true for any n up to {total}, "
           f"their SDs being larger than answers from 1 to 6 allow: {'; '.join(impossible)}."
           if impossible else "every printed (mean, SD) pair would still be possible.")
    )


def answered_sentence(printed, *, interviewed, excluded, analysed):
    """The sentence on Student dfs that imply every interviewee answered, against the analysed sample."""
    whole = [(r.item_id, r.df) for r in printed.itertuples() if decimals_of(r.df) == 0]
    everyone = [(item, df) for item, df in whole if int(df) + 2 == interviewed]
    if not everyone:
        return ""
    items = " and ".join(f"item {item} prints t({df})" for item, df in everyone)
    return (f"{items[0].upper()}{items[1:]}: a Student df is n1 + n2 − 2, so all {interviewed} interviewed "
            f"answered; yet the text says {number_word(excluded)} of the {interviewed} were excluded and "
            f"{analysed} analysed. Either the t-tests used all {interviewed}, those excluded included, or the "
            "df is wrong; the paper does not say which.")


def edge_sentence(mean="1.0", sd="1.99", n=34, *, scale=(0, 5), label="The men's item 3"):
    """Where a printed (mean, SD) is possible only at the edge of its rounding: the samples, and what fails."""
    from ..audit import ImpossibleSummaryError, count_samples, sprite

    samples = count_samples(mean, sd, n, scale_min=scale[0], scale_max=scale[1])
    if len(samples) != 1 or samples["n_samples"].iloc[0] != 1:
        return ""
    total = int(samples["total"].iloc[0])
    answers = sprite(mean, sd, n, scale_min=scale[0], scale_max=scale[1], k=1, seed=0,
                     progress=False)[0]
    counts = np.bincount(answers - scale[0], minlength=scale[1] - scale[0] + 1)
    words = ", ".join(f"{c} × {v + scale[0]}" for v, c in enumerate(counts) if c)
    exact = f"{float(mean):.{decimals_of(mean) + 1}f}"
    reasons = []
    for m, lo_hi in ((exact, scale), (mean, (scale[0] + 1, scale[1] + 1))):
        try:
            sprite(m, sd, n, scale_min=lo_hi[0], scale_max=lo_hi[1], k=1, seed=0, progress=False)
        except ImpossibleSummaryError as error:
            reasons.append(str(error).split(": ", 1)[1].rstrip("."))
    return (f"{label} (M {mean}, SD {sd}, n {n}) is possible on {scale[0]}–{scale[1]} only at the edge of the "
            f"mean's rounding: exactly one sample of {n} answers has it, mean {total}/{n} = {total / n:.4f} "
            f"and SD {samples['sd'].iloc[0]:.4f} ({words}). At exactly M {exact} it is impossible ({reasons[0]}); "
            f"scored {scale[0] + 1}–{scale[1] + 1} it is impossible too ({reasons[1]}).")

"""The arithmetic of intercoder agreement: coefficients from counts, and segments matched by overlap.

Used by :func:`mixedmethods.themes.agreement`.  Every code is a binary
variable on every unit (a coder applied it there, 1, or did not, 0), so each
coefficient follows from a few counts per code and unit; nothing here loops
over units.  Nothing here is public API.
"""
from __future__ import annotations

import numpy as np

from .._validation import InputError

#: Why a coefficient is missing, written in the ``note`` column.
NOTE_NO_UNITS = "no unit was coded by two or more coders: nothing to compare"
NOTE_CONSTANT = ("every coder gave the same answer on every unit ({what}): with no variation, Cohen's kappa "
                 "and Krippendorff's alpha are 0/0, undefined; percent agreement is 100")
NOTE_MORE_CODERS = "Cohen's kappa compares two coders; with {m}, read krippendorff_alpha"


def counts(n1, m, coder_a=None, coder_b=None):
    """Sums over units, per code (row), from which every coefficient follows; add them to pool codes.

    ``n1[c, u]``: coders who applied code ``c`` in unit ``u``; ``m[u]``: coders
    who coded unit ``u`` (applying the code or not; the others' answers are
    missing).  ``coder_a[c]``, ``coder_b[c]``: units (among those both
    coded) where the first and the second of two coders applied the code,
    for Cohen's kappa (None with three or more coders).  With ``n0 = m - n1``
    the sums are written with ``n1`` alone (``Σ n1 n0 = Σ n1 m - Σ n1²``, ...)
    so that they are matrix-vector products.
    """
    pairable = m >= 2
    x = n1[:, pairable].astype(float)
    mp = m[pairable].astype(float)
    w = 1 / (mp - 1)
    # columns: Σ n1, Σ n1 m, Σ n1 m w; Σ n1², Σ n1² w
    s1, s1m, s1mw = (x @ np.column_stack([np.ones_like(mp), mp, mp * w])).T
    x2 = x * x
    s2, s2w = (x2 @ np.column_stack([np.ones_like(mp), w])).T
    k = n1.shape[0]
    out = {
        "n_units": np.full(k, float(pairable.sum())),
        "n_coded": np.count_nonzero(x, axis=1).astype(float),
        "n_disagreements": ((x > 0) & (x < mp)).sum(axis=1).astype(float),
        "n_values": np.full(k, float(mp.sum())),
        "pairs": np.full(k, float((mp * (mp - 1)).sum() / 2)),
        "ones": s1,
        "both_present": (s2 - s1) / 2,
        "mixed": s1m - s2,
        "o01": s1mw - s2w,
    }
    out["both_absent"] = out["pairs"] - out["both_present"] - out["mixed"]
    if coder_a is not None:
        out["coder_a"], out["coder_b"] = coder_a.astype(float), coder_b.astype(float)
    return out


def coefficients(sums):
    """The coefficients of each row from :func:`counts` (or from its pooled sums).

    Krippendorff's alpha for nominal data from the coincidence matrix:
    ``o_01 = Σ_u n1 n0 / (m_u - 1)`` over units with ``m_u >= 2``,
    ``n_1 = Σ n1``, ``n_0 = Σ n0``, ``n = n_0 + n_1``, and
    ``alpha = 1 - (n - 1) o_01 / (n_0 n_1)`` (Krippendorff 2011,
    "Computing Krippendorff's alpha-reliability").  Cohen's kappa
    ``(p_o - p_e) / (1 - p_e)`` on the units both coders coded, from whole
    counts (exact in float64), so that ``1 - p_e = 0`` is detected exactly.
    """
    out = {col: sums[col].astype(np.int64) for col in ("n_units", "n_coded", "n_disagreements")}
    pairs, present, mixed = sums["pairs"], sums["both_present"], sums["mixed"]
    agree = present + sums["both_absent"]
    positive = 2 * present + mixed
    ones = sums["ones"]
    spread = (sums["n_values"] - ones) * ones
    with np.errstate(invalid="ignore", divide="ignore"):
        out["percent_agreement"] = np.where(pairs > 0, 100 * agree / pairs, np.nan)
        out["percent_positive_agreement"] = np.where(positive > 0, 100 * 2 * present / positive, np.nan)
        out["krippendorff_alpha"] = np.where(spread > 0, 1 - (sums["n_values"] - 1) * sums["o01"] / spread, np.nan)
        if "coder_a" in sums:
            units, a, b = sums["n_units"], sums["coder_a"], sums["coder_b"]
            chance = a * b + (units - a) * (units - b)
            denominator = units * units - chance
            out["cohen_kappa"] = np.where(denominator > 0, (units * agree - chance) / denominator, np.nan)
            out["kappa_defined"] = denominator > 0
        else:
            out["cohen_kappa"] = np.full(pairs.size, np.nan)
            out["kappa_defined"] = np.zeros(pairs.size, dtype=bool)
    out["spread"] = spread
    return out


def notes(out, n_coders):
    """The ``note`` of each row: why a coefficient is missing, or ""."""
    result = []
    for i in range(out["n_units"].size):
        units, coded = int(out["n_units"][i]), int(out["n_coded"][i])
        parts = []
        if units == 0:
            parts.append(NOTE_NO_UNITS)
        elif out["spread"][i] == 0:
            what = (f"no coder applied the code on any of the {units} units" if coded == 0
                    else f"every coder applied the code on all {units} units")
            parts.append(NOTE_CONSTANT.format(what=what))
        if n_coders > 2:
            parts.append(NOTE_MORE_CODERS.format(m=n_coders))
        result.append("; ".join(parts))
    return result


def matched_segments(source, start, end, coder, min_overlap):
    """Units of segment-level agreement: each span's unit number, and the units' count.

    A span is a distinct (coder, source, start, end).  Two spans of
    different coders in one source match when they share at least one
    character and ``shared / covered >= min_overlap``, where ``covered`` is
    the characters in either span (MAXQDA's segment-agreement rule); a
    coding of a whole source (missing start or end) matches only whole-source
    codings.  A unit is a group of spans linked by matches (connected
    components), so a span that matches nobody is a unit of its own.
    All arguments are arrays of one value per span (``source`` and ``coder``
    as integer codes); start and end are floats with NaN for a whole source.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = source.size
    whole = np.isnan(start) | np.isnan(end)
    lo = np.where(whole, -np.inf, start)
    hi = np.where(whole, np.inf, end)
    by = np.lexsort((hi, lo, source))
    src, lo_s, hi_s = source[by], lo[by], hi[by]
    # candidates: later spans of the same source that begin before this one ends
    key_start = np.searchsorted(np.unique(np.concatenate([lo_s, hi_s])), lo_s)
    key_end = np.searchsorted(np.unique(np.concatenate([lo_s, hi_s])), hi_s)
    width = int(key_end.max()) + 2 if n else 1
    last = np.searchsorted(src * width + key_start, src * width + key_end, side="left")
    count = np.maximum(last - np.arange(n) - 1, 0)
    i = np.repeat(np.arange(n), count)
    j = i + 1 + np.arange(i.size) - np.repeat(np.cumsum(count) - count, count)
    i, j = by[i], by[j]
    shared = np.minimum(hi[i], hi[j]) - np.maximum(lo[i], lo[j])
    covered = np.maximum(hi[i], hi[j]) - np.minimum(lo[i], lo[j])
    both_whole = whole[i] & whole[j]
    with np.errstate(invalid="ignore"):
        ratio = np.where(both_whole, 1.0, np.where(np.isfinite(covered), shared / covered, 0.0))
    keep = (coder[i] != coder[j]) & (shared > 0) & (ratio >= min_overlap) & (source[i] == source[j])
    graph = coo_matrix((np.ones(int(keep.sum())), (i[keep], j[keep])), shape=(n, n))
    n_units, unit = connected_components(graph, directed=False)
    return unit.astype(np.int64), int(n_units)


def check_min_overlap(min_overlap):
    """``min_overlap`` as a float in [0, 1], or raise."""
    if isinstance(min_overlap, bool) or not isinstance(min_overlap, (int, float, np.integer, np.floating)):
        raise InputError(f"min_overlap must be a number from 0 to 1 (0.9 for 90%), got {min_overlap!r}.")
    value = float(min_overlap)
    if not 0 <= value <= 1:
        raise InputError(f"min_overlap must be from 0 to 1 (a share of the characters: 0.9 for 90%), got {min_overlap!r}.")
    return value

"""How often two codes occur together: :func:`cooccurrence`."""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._tables import returns_result_table
from .._validation import InputError, check_choice
from ._segments import (
    COLUMNS_DOC,
    _check_sources,
    _expand,
    _factorize,
    _presence,
    _segment_ids,
    _segments_frame,
    _unique_int,
)

__all__ = ["cooccurrence", "COOCCURRENCE_COLUMNS"]

COOCCURRENCE_COLUMNS = ["code_a", "code_b", "unit", "measure", "n_a", "n_b", "n_both", "value"]

_COOCCURRENCE_DOC = """

    Returns
    -------
    pandas.DataFrame
        One row per pair of codes, pairs that never co-occur included:
        each pair once (``code_a`` before ``code_b`` in tree order) by
        default; with ``symmetric=True`` every ordered pair, the diagonal
        included, row by row of the square table.  Columns: ``code_a``,
        ``code_b`` (code paths), ``unit``, ``measure``, ``n_a``, ``n_b``
        (units with each code: participants, sources or segments),
        ``n_both`` (units with both; at segment level, pairs of overlapping
        segments; on the diagonal, ``n_a``), ``value`` (``n_both`` or the
        Jaccard index, 1 on the diagonal of a used code).

    Notes
    -----
    The Jaccard index ``n_both / (n_a + n_b - n_both)`` at segment level is
    ATLAS.ti's c-coefficient; there ``n_both`` counts pairs of overlapping
    segments, so it can exceed 1 when one long span overlaps several short
    ones.  Pivot the symmetric result for a matrix:
    ``res.pivot(index="code_a", columns="code_b", values="value")``.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({
    ...     "participant": ["P1", "P1", "P2", "P2"],
    ...     "code": ["cost", "time", "cost", "time"],
    ...     "source": ["i1", "i1", "i2", "i2"],
    ...     "start": [0, 5, 0, 20], "end": [10, 15, 10, 30]})
    >>> cooccurrence(segments)[["code_a", "code_b", "n_a", "n_b", "n_both"]]
      code_a code_b  n_a  n_b  n_both
    0   cost   time    2    2       2
    >>> cooccurrence(segments, unit="segment", measure="jaccard")[["n_both", "value"]]
       n_both     value
    0       1  0.333333
    >>> full = cooccurrence(segments, symmetric=True)
    >>> full.pivot(index="code_a", columns="code_b", values="n_both")  # doctest: +NORMALIZE_WHITESPACE
    code_b  cost  time
    code_a
    cost       2     2
    time       2     2
"""


def _segment_pairs(seg, order, targets, leaf=None, block=1 << 20):
    """Codes x codes counts of pairs of overlapping segments (symmetric, zero diagonal).

    A segment here is a distinct (source, start, end); its codes are those of
    all its rows.  Each segment is paired with itself and with every later
    segment of its source (sorted by start, end) that overlaps it; a pair of
    segments adds 1 to each pair of distinct codes (a, b), a < b, with a on
    one segment and b on the other.  ``leaf``: ``_factorize(seg["code_path"])``
    when the caller has it; the candidate pairs are handled ``block`` at a time.
    """
    import pandas as pd

    for col in ("source", "start", "end"):
        if col not in seg.columns:
            raise InputError(
                f"unit='segment' needs the columns 'source', 'start' and 'end' in segments "
                f"(column {col!r} is absent)."
            )
    k = len(order)
    m = np.zeros((k, k), dtype=np.int64)
    has_source = seg["source"].notna().to_numpy()
    if leaf is None:
        leaf = _factorize(seg["code_path"])
    leaf_codes, leaf_paths = leaf[0][has_source], [str(p) for p in leaf[1]]
    seg = seg[has_source]
    if len(seg) == 0:
        return m
    start = pd.to_numeric(seg["start"], errors="coerce").to_numpy(dtype=float)
    end = pd.to_numeric(seg["end"], errors="coerce").to_numpy(dtype=float)
    whole = np.isnan(start) | np.isnan(end)  # a coding of a whole source overlaps everything
    start = np.where(whole, -np.inf, start)
    end = np.where(whole, np.inf, end)

    # distinct segments: rows sorted once by (source, start, end); a run of equal keys is one segment
    source, _ = _factorize(seg["source"])
    by = np.lexsort((end, start, source))
    source, start, end = source[by], start[by], end[by]
    new = np.ones(by.size, dtype=bool)
    new[1:] = (source[1:] != source[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    seg_of_row = np.cumsum(new) - 1
    first = np.flatnonzero(new)
    src, st, en = source[first], start[first], end[first]
    n = first.size

    # the (rolled-up) codes of each segment, once each, grouped by segment: codes[ptr[i]:ptr[i + 1]]
    node, owner = _expand(leaf_codes[by], seg_of_row, leaf_paths, targets)
    key = np.sort(owner * k + node)
    codes, size = key % k, np.bincount(key // k, minlength=n)
    ptr = np.concatenate([[0], np.cumsum(size)[:-1]])

    # segments j >= i that begin before i ends, in i's source: i .. last[i] - 1 (at least i itself);
    # start and end ranked together, so (source, start) is one non-decreasing integer
    values = np.unique(np.concatenate([st, en]))
    rank_st, rank_en = np.searchsorted(values, st), np.searchsorted(values, en)
    last = np.searchsorted(src * values.size + rank_st, src * values.size + rank_en, side="left")
    span = np.maximum(last, np.arange(n) + 1) - np.arange(n)
    done = np.cumsum(span)
    lo = 0
    while lo < n:
        hi = max(int(np.searchsorted(done, (done[lo - 1] if lo else 0) + block, side="right")), lo + 1)
        c = span[lo:hi]
        i = np.repeat(np.arange(lo, hi), c)
        j = i + np.arange(i.size) - np.repeat(np.cumsum(c) - c, c)
        ok = (i == j) | ((st[j] < en[i]) & (st[i] < en[j]))
        i, j = i[ok], j[ok]
        # every (code on i, code on j) of each pair of segments p, then each distinct {a, b}, a != b, once per p
        both = size[i] * size[j]
        p = np.repeat(np.arange(i.size), both)
        t = np.arange(p.size) - np.repeat(np.cumsum(both) - both, both)
        a = codes[ptr[i][p] + t // size[j][p]]
        b = codes[ptr[j][p] + t % size[j][p]]
        differ = a != b
        p, a, b = p[differ], a[differ], b[differ]
        ab = np.minimum(a, b) * k + np.maximum(a, b)
        if i.size * k * k < 2**62:
            pairs = _unique_int(p * (k * k) + ab, i.size * k * k) % (k * k)
        else:  # the packed (p, ab) would overflow int64
            pairs = np.unique(np.column_stack([p, ab]), axis=0)[:, 1]
        m += np.bincount(pairs, minlength=k * k).reshape(k, k)
        lo = hi
    return m + m.T


def _gram(node, unit, k, n_units):
    """Codes × codes counts of units having both (X.T @ X for the units × codes 0/1 matrix X).

    Each code's units are packed as bits into 64-bit words and each pair of
    codes counts the bits its two rows share (``np.bitwise_count`` of their
    AND): exact integers, in one thread, so the time does not depend on how
    busy the machine's other cores are (a BLAS product's threads wait for
    them; measured on a loaded 2-CPU machine, 10,000 units × 200 codes:
    float32 ``x.T @ x`` 0.6 s wall, the bit count well under 0.1 s).
    ``(node, unit)`` pairs are distinct.  NumPy < 2.0 has no
    ``bitwise_count``: the BLAS product is used there.
    """
    if node.size == 0 or k == 0:
        return np.zeros((k, k), dtype=np.int64)
    if not hasattr(np, "bitwise_count"):
        return _gram_blas(node, unit, k, n_units)
    words = -(-n_units // 64)
    key = node * words + unit // 64
    if np.any(key[1:] < key[:-1]):
        by = np.argsort(key, kind="stable")
        key, unit = key[by], unit[by]
    first = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    packed = np.zeros(k * words, dtype=np.uint64)
    packed[key[first]] = np.bitwise_or.reduceat(np.left_shift(np.uint64(1), (unit % 64).astype(np.uint64)), first)
    packed = packed.reshape(k, words)
    gram = np.zeros((k, k), dtype=np.int64)
    for a in range(k):
        shared = np.bitwise_count(packed[a] & packed[a:]).sum(axis=1, dtype=np.int64)
        gram[a, a:] = shared
        gram[a:, a] = shared
    return gram


def _gram_blas(node, unit, k, n_units, block_cells=1 << 21):
    """:func:`_gram` as a BLAS product, X filled block by block of units as float32.

    A block's counts are integers of at most ``block_cells`` < 2**24, exact
    in float32, summed in float64.
    """
    gram = np.zeros((k, k))
    rows = max(1, block_cells // k)
    if n_units > rows:  # grouped by block (a counting sort), unless one block holds every unit
        n_blocks = -(-n_units // rows)
        block = unit // rows
        by_block = np.argsort(block.astype(np.uint16) if n_blocks <= 2**16 else block, kind="stable")
        unit, node = unit[by_block], node[by_block]
        edges = np.searchsorted(block[by_block], np.arange(n_blocks + 1), side="left")
    else:
        edges = np.array([0, unit.size])
    for b in range(len(edges) - 1):
        lo, hi = edges[b], edges[b + 1]
        if lo == hi:
            continue
        first = b * rows
        x = np.zeros((min(rows, n_units - first), k), dtype=np.float32)
        x[unit[lo:hi] - first, node[lo:hi]] = 1.0
        gram += np.ascontiguousarray(x.T) @ x
    return np.rint(gram).astype(np.int64)


@append_doc(COLUMNS_DOC, _COOCCURRENCE_DOC)
@returns_result_table
def cooccurrence(segments, *, unit="participant", measure="count", roll_up=False, codes=None,
                 symmetric=False, columns=None):
    """How often two codes occur together: in one participant, one source or overlapping spans.

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model (``source``, ``start``, ``end``
        needed for ``unit="segment"``; ``source`` for ``unit="source"``).
    unit : {"participant", "source", "segment"}
        ``"participant"``: both codes applied to the same participant;
        ``"source"``: in the same document; ``"segment"``: on spans of the
        same source that overlap (share at least one character; a coding of a
        whole source overlaps every span in it).
    measure : {"count", "jaccard"}
        What ``value`` holds: ``n_both``, or ``n_both / (n_a + n_b - n_both)``.
    roll_up : bool
        Give parents their descendants' codings (off by default: a parent
        co-occurs trivially with its children).
    codes : list of str or pandas.DataFrame, optional
        Code paths to include even if unused.
    symmetric : bool
        False (default): each pair of distinct codes once, the upper
        triangle.  True: the full square table in long form, ``(a, b)`` and
        ``(b, a)`` both and the diagonal ``(a, a)`` (``n_both = n_a``).
    """
    import pandas as pd

    check_choice("unit", unit, ("participant", "source", "segment"))
    check_choice("measure", measure, ("count", "jaccard"))
    if not isinstance(symmetric, (bool, np.bool_)):
        raise InputError(f"symmetric must be True or False, got {symmetric!r}.")
    seg, factors = _segments_frame(segments, columns, with_factors=True)
    if unit in ("source", "segment"):
        _check_sources(seg, columns, unit)
    if unit == "segment":
        leaf = factors("code_path")  # the rows of seg stay as they are
        seg = seg.assign(_segment=_segment_ids(seg))
        order, node, _, _, targets = _presence(seg, "_segment", roll_up, codes, leaf)
        n = np.bincount(node, minlength=len(order)).astype(np.int64)
        both = _segment_pairs(seg, order, targets, leaf)
    else:
        if unit == "source":
            data, col, leaf = seg[seg["source"].notna()], "source", None
        else:
            data, col, leaf = seg, factors("participant"), factors("code_path")
        order, node, unit_id, unit_labels, _ = _presence(data, col, roll_up, codes, leaf)
        both = _gram(node, unit_id, len(order), len(unit_labels))
        n = np.diag(both).copy()
    k = len(order)
    if symmetric:
        np.fill_diagonal(both, n)
        ia, ib = np.divmod(np.arange(k * k), k) if k else (np.zeros(0, int), np.zeros(0, int))
    else:
        ia, ib = np.triu_indices(k, 1)
    n_a, n_b, n_ab = n[ia], n[ib], both[ia, ib]
    if measure == "count":
        value = n_ab.astype(float)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            denom = (n_a + n_b - n_ab).astype(float)
            value = np.where(denom > 0, n_ab / np.where(denom > 0, denom, 1), np.nan)
    return pd.DataFrame({
        "code_a": np.asarray(order, dtype=object)[ia] if k else [],
        "code_b": np.asarray(order, dtype=object)[ib] if k else [],
        "unit": unit, "measure": measure,
        "n_a": n_a, "n_b": n_b, "n_both": n_ab, "value": value,
    })[COOCCURRENCE_COLUMNS]

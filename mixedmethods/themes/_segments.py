"""Shared machinery of the themes: the segment and participant frames, the code hierarchy, presence.

Every public function of :mod:`mixedmethods.themes` checks its input with
:func:`_segments_frame` / :func:`_participants_frame` and counts distinct
(code, unit) pairs with :func:`_presence`.  Nothing here is public API.
"""
from __future__ import annotations

import numpy as np

from .._segments_model import PATH_SEPARATOR, SEGMENT_COLUMNS
from .._segments_model import split_path as _split
from .._validation import InputError, check_columns

_MODEL = SEGMENT_COLUMNS

COLUMNS_DOC = """
    columns : dict, optional
        Maps the model's names to yours, for example
        ``{"participant": "respondent_id", "code": "theme"}``; used for both
        ``segments`` and ``participants``."""


def _names(columns):
    names = {name: name for name in _MODEL}
    if columns:
        unknown = [k for k in columns if k not in names]
        if unknown:
            raise InputError(
                f"columns has unknown key(s) {unknown}; the model's names are {list(_MODEL)}."
            )
        names.update(columns)
    return names


def _segments_frame(segments, columns):
    """A new DataFrame with the model's column names (never the caller's object)."""
    import pandas as pd

    names = _names(columns)
    check_columns(segments, [names["participant"], names["code"]], what="segments column")
    out = pd.DataFrame(index=range(len(segments)))
    for model_name in _MODEL:
        col = names[model_name]
        if col in segments.columns:
            out[model_name] = segments[col].to_numpy(copy=True)
    for required in ("participant", "code"):
        missing = out[required].isna().to_numpy()
        if missing.any():
            row = segments.index[int(np.flatnonzero(missing)[0])]
            raise InputError(
                f"segments column {names[required]!r} is missing at row {row!r} "
                f"({int(missing.sum())} row(s) in all); every segment needs a {required}."
            )
    if "code_path" not in out.columns:
        out["code_path"] = out["code"].astype(str)
    else:
        blank = out["code_path"].isna()
        out.loc[blank, "code_path"] = out.loc[blank, "code"].astype(str)
        out["code_path"] = out["code_path"].astype(str)
    return out


def _participants_frame(participants, columns):
    names = _names(columns)
    key = names["participant"]
    check_columns(participants, [key], what="participants column")
    ids = participants[key]
    if ids.isna().any():
        row = ids.index[int(np.flatnonzero(ids.isna().to_numpy())[0])]
        raise InputError(f"participants column {key!r} is missing at row {row!r}; name every participant.")
    dup = ids[ids.duplicated()]
    if len(dup):
        raise InputError(
            f"participant {dup.iloc[0]!r} appears more than once in participants; "
            "give one row per participant."
        )
    return participants.rename(columns={key: "participant"})


def _check_known(seg, part, columns):
    known = set(part["participant"].tolist())
    unknown = [p for p in seg["participant"].unique().tolist() if p not in known]
    if unknown:
        key = _names(columns)["participant"]
        raise InputError(
            f"participant(s) {unknown[:5]!r} are coded in segments but missing from participants "
            f"(column {key!r}); add them to participants or drop their segments."
        )


def _hierarchy(paths, roll_up, extra=()):
    """Nodes (code paths) in tree order and, for each given path, its node indices."""
    all_paths = set(paths) | set(extra)
    nodes = set()
    for p in all_paths:
        parts = _split(p)
        if roll_up:
            nodes.update(PATH_SEPARATOR.join(parts[: i + 1]) for i in range(len(parts)))
        else:
            nodes.add(p)
    # Tree order; siblings in the order the codebook (``extra``) lists them, else alphabetically.
    rank = {}
    for i, p in enumerate(extra):
        rank.setdefault(p, i)

    def key(path):
        parts = _split(path)
        return tuple((rank.get(PATH_SEPARATOR.join(parts[: i + 1]), len(rank)), parts[i])
                     for i in range(len(parts)))

    order = sorted(nodes, key=key)
    index = {p: i for i, p in enumerate(order)}
    targets = {}
    for p in all_paths:
        parts = _split(p)
        if roll_up:
            targets[p] = [index[PATH_SEPARATOR.join(parts[: i + 1])] for i in range(len(parts))]
        else:
            targets[p] = [index[p]]
    return order, targets


def _unique_int(x, bound=None):
    """Distinct values of an int64 array, sorted.

    With ``bound`` (every value is in ``[0, bound)``) and a small universe a
    boolean mask is used (linear time); otherwise the array is sorted.
    Measured once (NumPy 2.4, pandas 3.1, 10**6 random int64, 2 CPUs): the
    mask took 2-19 ms for ``bound`` up to the cut-off ``16 * x.size + 2**20``
    against 55-65 ms for the sort, and broke even near ``64 * x.size``;
    ``np.sort(pd.unique(x))`` (hashing) took 157 ms when all values were
    distinct but 14 ms when 1% were: sorting is not faster than hashing in
    general, only when most values are distinct.
    """
    if x.size == 0:
        return x
    if bound is not None and bound <= 16 * x.size + (1 << 20):
        seen = np.zeros(int(bound), dtype=bool)
        seen[x] = True
        return np.flatnonzero(seen).astype(np.int64, copy=False)
    s = np.sort(x)
    keep = np.empty(s.size, dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _expand(leaf_codes, unit_ids, paths, targets):
    """(node, unit) pairs, each once, from per-row leaf code index and unit id."""
    n_units = int(unit_ids.max()) + 1 if unit_ids.size else 1
    pairs = _unique_int(leaf_codes.astype(np.int64) * n_units + unit_ids, len(paths) * n_units)
    leaf, unit = pairs // n_units, pairs % n_units
    reps = np.array([len(targets[p]) for p in paths], dtype=np.int64)
    flat = np.concatenate([np.asarray(targets[p], dtype=np.int64) for p in paths]) if paths else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(reps)[:-1]]) if paths else np.zeros(0, np.int64)
    counts = reps[leaf]
    offs = np.repeat(starts[leaf], counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    nodes = flat[offs]
    units = np.repeat(unit, counts)
    n_nodes = int(flat.max()) + 1 if flat.size else 1
    both = _unique_int(nodes * n_units + units, n_nodes * n_units)
    return both // n_units, both % n_units


def _factorize(values):
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=False)
    return codes.astype(np.int64), uniques


def _combine(columns):
    """One int64 id per distinct combination of the given columns (missing values included).

    The ids are distinct but not necessarily contiguous: each column's codes
    are packed into one integer (mixed radix), re-factorized only when the
    packed ids would overflow.
    """
    import pandas as pd

    ids, size = None, 1
    for col in columns:
        codes, uniques = pd.factorize(col, use_na_sentinel=False)
        codes = codes.astype(np.int64)
        radix = len(uniques) + 1
        if ids is None:
            ids, size = codes, radix
            continue
        if size * radix >= 2**62:
            ids, seen = pd.factorize(ids)
            ids, size = ids.astype(np.int64), len(seen) + 1
        ids, size = ids * radix + codes, size * radix
    return ids


def _segment_ids(seg):
    """One id per distinct segment: (participant, segment), (participant, source, start, end) or the row."""
    if "segment" in seg.columns and seg["segment"].notna().all():
        return _combine([seg["participant"].to_numpy(), seg["segment"].to_numpy()])
    if {"source", "start", "end"} <= set(seg.columns):
        return _combine([seg[c].to_numpy() for c in ("participant", "source", "start", "end")])
    return np.arange(len(seg), dtype=np.int64)


def _codes_extra(codes):
    import pandas as pd

    if codes is None:
        return []
    if isinstance(codes, pd.DataFrame):
        col = "code_path" if "code_path" in codes.columns else "code"
        check_columns(codes, [col], what="codes column")
        # every row is kept, folders (is_codable False) too: they are parents of codable codes
        return [str(c) for c in codes[col].dropna().tolist()]
    if isinstance(codes, str):
        return [codes]
    return [str(c) for c in codes]


def _presence(seg, unit_col, roll_up, codes, leaf=None):
    """Distinct (node, unit) pairs as arrays, plus node order, the unit labels and the targets.

    ``unit_col``: a column of ``seg`` or an array of unit ids, one per row;
    ``leaf``: ``_factorize(seg["code_path"])`` (or codes of a subset of the
    rows with all the uniques) when the caller already has it.  The node
    order is that of the paths in ``leaf`` (and ``codes``); ``targets`` maps
    each path to its node indices, as :func:`_hierarchy`.
    """
    leaf, leaf_paths = leaf if leaf is not None else _factorize(seg["code_path"].to_numpy())
    units = seg[unit_col].to_numpy() if isinstance(unit_col, str) else unit_col
    unit, unit_labels = _factorize(units)
    paths = [str(p) for p in leaf_paths]
    order, targets = _hierarchy(paths, roll_up, _codes_extra(codes))
    node, u = _expand(leaf, unit, paths, targets)
    return order, node, u, unit_labels, targets


def _check_sources(seg, columns, unit):
    """Counting by source needs a source column with at least one source in it."""
    name = _names(columns)["source"]
    if "source" not in seg.columns:
        raise InputError(f"unit={unit!r} needs a {name!r} column in segments.")
    if not seg["source"].notna().any():
        raise InputError(f"unit={unit!r} needs sources, but column {name!r} is empty in all "
                         f"{len(seg)} rows of segments.")


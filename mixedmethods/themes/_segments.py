"""Shared machinery of the themes: the segment and participant frames, the code hierarchy, presence.

Every public function of :mod:`mixedmethods.themes` checks its input with
:func:`_segments_frame` / :func:`_participants_frame` and counts distinct
(code, unit) pairs with :func:`_presence`.  Nothing here is public API.
"""
from __future__ import annotations

import numpy as np

from .._segments_model import PATH_SEPARATOR, SEGMENT_COLUMNS
from .._segments_model import split_path as _split
from .._validation import InputError, check_columns, show_value

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


def _segments_frame(segments, columns, with_factors=False):
    """A new DataFrame with the model's column names (never the caller's object).

    ``with_factors=True`` returns ``(frame, factors)``, the frame's
    :class:`_Factors` holding the participant column's factorization, which
    the check for missing participants has then made (a separate ``isna``
    pass costs as much as a third of a factorization).

    The columns are selected, not copied value by value: under pandas'
    copy-on-write (the default from pandas 3) the new frame shares the
    caller's data until one of them is written to, and pandas 2 copies on
    selection; either way the caller's frame is never changed.
    """
    import pandas as pd

    names = _names(columns)
    # a code path alone will do: its last name is the code
    given = getattr(segments, "columns", ())  # not a DataFrame: check_columns says so
    from_path = names["code"] not in given and names["code_path"] in given
    check_columns(segments, [names["participant"], names["code_path" if from_path else "code"]],
                  what="segments column", argument="segments")
    present = [m for m in _MODEL if names[m] in segments.columns]
    out = segments.loc[:, [names[m] for m in present]].set_axis(present, axis=1).reset_index(drop=True)
    if from_path:
        out.insert(1, "code", _last_names(out["code_path"]))
    factors = _Factors(out) if with_factors else None
    for required in ("participant", "code"):
        if factors is not None and required == "participant":
            codes, uniques = factors("participant")
            blank = np.flatnonzero(pd.isna(uniques))
            missing = codes == blank[0] if blank.size else np.zeros(0, dtype=bool)
        else:
            missing = out[required].isna().to_numpy()
        if missing.any():
            row = segments.index[int(np.flatnonzero(missing)[0])]
            column = names["code_path" if from_path and required == "code" else required]
            raise InputError(
                f"segments column {column!r} is missing at row {show_value(row)} "
                f"({int(missing.sum())} row(s) in all); every segment needs a {required}."
            )
    # text without a blank is kept as it is: its factorization (which the caller wants anyway) says so
    clean_text = ("code_path" in out.columns and factors is not None
                  and isinstance(out["code_path"].dtype, pd.StringDtype)
                  and not pd.isna(factors("code_path")[1]).any())
    if "code_path" not in out.columns:
        out["code_path"] = out["code"].astype(str)
    elif not clean_text:
        if factors is not None:
            factors.forget("code_path")
        blank = out["code_path"].isna().to_numpy()
        if blank.any():
            paths = out["code_path"].to_numpy(dtype=object, copy=True)
            paths[blank] = out["code"].astype(str).to_numpy(dtype=object)[blank]
            out["code_path"] = paths
        out["code_path"] = _as_text(out["code_path"])
    if factors is not None:
        return out, factors
    return out


def _last_names(paths):
    """The last name of each code path (``"support / family"`` -> ``"family"``), missing where the path is;
    worked out once per distinct path."""
    import pandas as pd

    codes, uniques = pd.factorize(paths)
    last = np.array([_split(str(p))[-1] for p in uniques] + [None], dtype=object)
    return last[codes]  # code -1 (a missing path) takes the None at the end


def _as_text(column):
    """``column.astype(str)``, but a categorical column stays categorical (its categories become text).

    ``astype(str)`` on a categorical column would make one text value per
    row; renaming the categories costs one per category.
    """
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):  # without blanks: they were filled with the codes
        names = [str(c) for c in column.cat.categories]
        if len(set(names)) == len(names):
            return column.cat.rename_categories(names)
    return column.astype(str)


def _participants_frame(participants, columns):
    names = _names(columns)
    key = names["participant"]
    check_columns(participants, [key], what="participants column", argument="participants")
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


def _check_known(seg, part, columns, factors=None):
    """Every participant of ``seg`` is in ``part``; ``factors``: the call's :class:`_Factors`."""
    known = set(part["participant"].tolist())
    coded = factors("participant")[1] if factors is not None else seg["participant"].unique()
    unknown = [p for p in coded.tolist() if p not in known]
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


def _leaf_nodes(leaf, paths, targets):
    """Each entry's nodes (its path and, rolled up, the ancestors): (entry index, node), one row per pair."""
    reps = np.array([len(targets[p]) for p in paths], dtype=np.int64)
    flat = np.concatenate([np.asarray(targets[p], dtype=np.int64) for p in paths]) if paths else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(reps)[:-1]]) if paths else np.zeros(0, np.int64)
    counts = reps[leaf]
    offs = np.repeat(starts[leaf], counts) + (np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts))
    return np.repeat(np.arange(leaf.size), counts), flat[offs]


#: Largest presence table (cells: codes x units, one byte each) :func:`_expand` builds; beyond, it sorts pairs.
MATRIX_CELLS = 1 << 26


def _expand(leaf_codes, unit_ids, paths, targets):
    """(node, unit) pairs, each once, sorted by node then unit, from per-row leaf code index and unit id.

    While codes x units fits in :data:`MATRIX_CELLS` (64 MiB), a boolean
    presence table is filled from the rows (one vectorised assignment, no
    temporary the size of the rows) and each code's row is OR-ed into its
    nodes (itself and, rolled up, its ancestors): memory bounded by the
    table, not by the number of rows.  Larger tables go through sorted
    pairs instead.
    """
    n_units = int(unit_ids.max()) + 1 if unit_ids.size else 1
    n_nodes = max((max(t) for t in targets.values()), default=0) + 1
    if max(len(paths), n_nodes) * n_units <= MATRIX_CELLS:
        seen = np.zeros((len(paths), n_units), dtype=bool)
        seen[leaf_codes, unit_ids] = True
        present = np.zeros((n_nodes, n_units), dtype=bool)
        for i, path in enumerate(paths):
            for node in targets[path]:
                present[node] |= seen[i]
        node, unit = np.nonzero(present)
        return node.astype(np.int64, copy=False), unit.astype(np.int64, copy=False)
    pairs = _unique_int(leaf_codes.astype(np.int64) * n_units + unit_ids, len(paths) * n_units)
    leaf, unit = pairs // n_units, pairs % n_units
    entry, nodes = _leaf_nodes(leaf, paths, targets)
    units = unit[entry]
    both = _unique_int(nodes * n_units + units, n_nodes * n_units)
    return both // n_units, both % n_units


def _node_counts(leaf, ids, paths, targets, k):
    """Distinct units per node, from each row's leaf code and unit id (any int64, not necessarily contiguous).

    Equal to ``np.bincount(_expand(leaf, units, paths, targets)[0], minlength=k)``
    with ``units`` the ids factorized, but faster when most units have one
    row (distinct segments): those are found by sorting the ids (no hashing)
    and add 1 to each node of their path, counted per path with one
    ``bincount``; only units with several rows (a span coded with several
    codes) are factorized and go through :func:`_expand`.
    """
    counts = np.zeros(k, dtype=np.int64)
    if ids.size == 0:
        return counts
    s = np.sort(ids)
    repeated = np.unique(s[1:][s[1:] == s[:-1]])
    if repeated.size:
        at = np.minimum(np.searchsorted(repeated, ids), repeated.size - 1)
        single = repeated[at] != ids
    else:
        single = np.ones(ids.size, dtype=bool)
    per_path = np.bincount(leaf[single], minlength=len(paths))
    for path, c in zip(paths, per_path.tolist()):
        if c:
            counts[targets[path]] += c
    if not single.all():
        units, _ = _factorize(ids[~single])
        node, _ = _expand(leaf[~single], units, paths, targets)
        counts += np.bincount(node, minlength=k)
    return counts


def _factorize_categorical(cat):
    """:func:`_factorize` of a categorical: its codes renumbered, no hashing and no per-row objects.

    The values used are numbered in order of first appearance, as
    ``pd.factorize`` numbers them, so results never depend on whether a
    column was categorical.
    """
    import pandas as pd

    raw = np.asarray(cat.codes)
    n_cats = len(cat.categories)
    rows = np.arange(raw.size, dtype=np.int64)
    first = np.full(n_cats + 1, raw.size, dtype=np.int64)   # slot n_cats: missing (code -1)
    np.minimum.at(first, raw.astype(np.intp, copy=False), rows)   # -1 indexes the last slot
    del rows
    used = np.flatnonzero(first[:n_cats] < raw.size)
    used = used[np.argsort(first[used], kind="stable")]
    new = np.full(n_cats + 1, len(used), dtype=np.int64)   # missing -> the code after the last value
    new[used] = np.arange(len(used), dtype=np.int64)
    codes = new[raw]
    uniques = np.asarray(cat.categories, dtype=object)[used]
    if first[n_cats] < raw.size:
        uniques = np.append(uniques, np.nan)
    return codes, uniques


def _factorize(values):
    """Integer codes (int64, from 0) and the distinct values, missing values included (as one value, last).

    ``use_na_sentinel=False`` would cost pandas an extra pass over object
    arrays (an ``isna``); missing values are instead given the next code here.
    A categorical column (Series or Categorical) is read from its codes.
    """
    import pandas as pd

    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        return _factorize_categorical(values)
    codes, uniques = pd.factorize(np.asarray(values))
    codes = codes.astype(np.int64, copy=False)
    missing = codes < 0
    if missing.any():
        codes[missing] = len(uniques)
        uniques = np.append(np.asarray(uniques, dtype=object), np.nan)
    return codes, uniques


class _Factors:
    """Each column's :func:`_factorize`, computed once per call however often it is asked for."""

    def __init__(self, seg):
        self.seg, self._done = seg, {}

    def __call__(self, col):
        if col not in self._done:
            self._done[col] = _factorize(self.seg[col])   # a categorical's codes are used as they are
        return self._done[col]

    def forget(self, col):
        """Drop ``col``'s factorization (the column is about to be rewritten)."""
        self._done.pop(col, None)


def _int_codes(values):
    """Codes (from 0) and their number for a column: integers shifted by their minimum, else factorized.

    Integers without missing values within a range of at most ``2 * values.size``
    are used as they are (no hashing); the codes then need not all be used.
    """
    if values.dtype.kind in "iu" and values.size:
        lo, hi = int(values.min()), int(values.max())
        if hi - lo <= 2 * values.size:
            return values.astype(np.int64) - lo, hi - lo + 1
    codes, uniques = _factorize(values)
    return codes, len(uniques)


def _combine(columns):
    """One int64 id per distinct combination of the given columns (missing values included).

    ``columns``: arrays of values, or ``(codes, n_codes)`` pairs already
    factorized.  The ids are distinct but not necessarily contiguous: each
    column's codes are packed into one integer (mixed radix), re-factorized
    only when the packed ids would overflow.
    """
    import pandas as pd

    ids, size = None, 1
    for col in columns:
        codes, n_codes = col if isinstance(col, tuple) else _int_codes(np.asarray(col))
        radix = n_codes + 1
        if ids is None:
            ids, size = codes, radix
            continue
        if size * radix >= 2**62:
            ids, seen = pd.factorize(ids)
            ids, size = ids.astype(np.int64), len(seen) + 1
        ids, size = ids * radix + codes, size * radix
    return ids


def _segment_ids(seg, factors=None):
    """One id per distinct segment: (participant, segment), (participant, source, start, end) or the row.

    ``factors``: the call's :class:`_Factors`, so that participant and source
    are factorized once.
    """
    factors = factors or _Factors(seg)

    def coded(col):
        codes, uniques = factors(col)
        return codes, len(uniques)

    if "segment" in seg.columns and seg["segment"].notna().all():
        return _combine([coded("participant"), seg["segment"].to_numpy()])
    if {"source", "start", "end"} <= set(seg.columns):
        start, end = seg["start"].to_numpy(), seg["end"].to_numpy()
        if start.dtype.kind in "iu" and end.dtype.kind in "iu":
            # (start, length) names the same spans as (start, end) with a far smaller range, so the
            # packed ids rarely overflow into a hashed re-factorization (hundreds of MB at 10**7 rows)
            end = end - start
        return _combine([coded("participant"), coded("source"), start, end])
    return np.arange(len(seg), dtype=np.int64)


def _codes_extra(codes):
    import pandas as pd

    if codes is None:
        return []
    if isinstance(codes, pd.DataFrame):
        col = "code_path" if "code_path" in codes.columns else "code"
        check_columns(codes, [col], what="codes column", argument="codes")
        # every row is kept, folders (is_codable False) too: they are parents of codable codes
        return [str(c) for c in codes[col].dropna().tolist()]
    if isinstance(codes, str):
        return [codes]
    return [str(c) for c in codes]


def _presence(seg, unit_col, roll_up, codes, leaf=None):
    """Distinct (node, unit) pairs as arrays, plus node order, the unit labels and the targets.

    ``unit_col``: a column of ``seg``, an array of unit ids, one per row, or
    such an array already factorized (``(codes, labels)`` of :func:`_factorize`);
    ``leaf``: ``_factorize(seg["code_path"])`` (or codes of a subset of the
    rows with all the uniques) when the caller already has it.  The node
    order is that of the paths in ``leaf`` (and ``codes``); ``targets`` maps
    each path to its node indices, as :func:`_hierarchy`.
    """
    leaf, leaf_paths = leaf if leaf is not None else _factorize(seg["code_path"])
    if isinstance(unit_col, tuple):
        unit, unit_labels = unit_col
    else:
        unit, unit_labels = _factorize(seg[unit_col] if isinstance(unit_col, str) else unit_col)
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


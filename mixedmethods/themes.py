"""Qualitative counts with the participant as the unit: tallies, crosstabs, co-occurrence.

The tidy model
--------------
**Segments** — one row per coded segment (one code applied to one span):

- ``participant``: who said it (the unit of every count);
- ``code``: the code's name; ``code_path``: names from the root joined with
  ``" / "`` (``"support / family"``), equal to ``code`` for a flat codebook;
- ``source``: the document (interview, transcript) the span is in;
- ``start``, ``end``: the span, in characters from 0, end exclusive (missing
  for a coding of a whole source);
- ``text``: the quote; ``coder``: who applied the code;
- ``segment`` (optional): an id of the coded span, shared by the rows of a
  span coded with several codes (the readers fill it).

Only ``participant`` and ``code`` are required; the others are used when
present.  **Participants** — one row per participant: ``participant`` plus one
column per attribute (profession, gender, ...), including the participants
who were never coded.

Any DataFrame with those columns works, whether it was typed by hand, read
from a CSV or produced by :func:`mixedmethods.readers.read_qdpx`; other column
names are mapped with ``columns={"participant": "respondent_id", ...}``.

Counting rules
--------------
A participant counts once per code however many segments they have with it.
Parent codes roll up their descendants (``roll_up=True``): a participant
coded with ``support / family`` and ``support / friends`` counts once for
``support``.  A segment is identified by its participant, source, start and
end, or by ``segment`` when that column is present (one row per segment
when neither is), so one span coded with two child codes is one segment of
the parent.
"""
from __future__ import annotations

import warnings

import numpy as np

from ._tables import returns_result_table
from ._validation import InputError, InputTypeError, check_choice, check_columns, check_confidence_level

__all__ = ["tally", "crosstab", "cooccurrence", "case_matrix", "PATH_SEPARATOR"]

#: Joins code names from the root in ``code_path``.
PATH_SEPARATOR = " / "

_MODEL = ("participant", "code", "code_path", "source", "start", "end", "text", "coder", "segment")

TALLY_COLUMNS = [
    "code", "code_path", "level", "n_participants", "n_segments", "n_sources", "unit",
    "denominator", "prevalence", "ci_low", "ci_high", "confidence_level",
]
CROSSTAB_COLUMNS = [
    "code", "code_path", "by", "group", "n_participants", "group_size", "prevalence",
    "ci_low", "ci_high", "small_cell", "test", "statistic", "df", "p", "cramers_v",
    "min_expected",
]
COOCCURRENCE_COLUMNS = ["code_a", "code_b", "unit", "measure", "n_a", "n_b", "n_both", "value"]

_COLUMNS_DOC = """
    columns : dict, optional
        Maps the model's names to yours, for example
        ``{"participant": "respondent_id", "code": "theme"}``; used for both
        ``segments`` and ``participants``."""


# --------------------------------------------------------------------------- helpers
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


def _split(path):
    return tuple(path.split(PATH_SEPARATOR))


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


def _wilson(count, nobs, confidence_level):
    """Wilson score interval, vectorised (equal to statsmodels' proportion_confint(method="wilson"))."""
    from scipy.special import ndtri

    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    z = float(ndtri(1 - (1 - confidence_level) / 2))
    lo = np.full(count.shape, np.nan)
    hi = np.full(count.shape, np.nan)
    ok = nobs > 0
    n, p = nobs[ok], count[ok] / nobs[ok]
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    # At p = 0 or 1 the bound is exactly 0 or 1 (floating point leaves ~1e-17); never exclude p.
    lo[ok] = np.where(p == 0, 0.0, np.clip(np.minimum(centre - half, p), 0, 1))
    hi[ok] = np.where(p == 1, 1.0, np.clip(np.maximum(centre + half, p), 0, 1))
    return lo, hi


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


# --------------------------------------------------------------------------- tally
def _check_sources(seg, columns, unit):
    """Counting by source needs a source column with at least one source in it."""
    name = _names(columns)["source"]
    if "source" not in seg.columns:
        raise InputError(f"unit={unit!r} needs a {name!r} column in segments.")
    if not seg["source"].notna().any():
        raise InputError(f"unit={unit!r} needs sources, but column {name!r} is empty in all "
                         f"{len(seg)} rows of segments.")


@returns_result_table
def tally(segments, *, participants=None, unit="participant", roll_up=True, codes=None,
          confidence_level=0.95, columns=None):
    """How many participants (and segments, and sources) each code reaches.

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model (see the module docstring):
        ``participant`` and ``code`` at least.
    participants : pandas.DataFrame, optional
        One row per participant, including those never coded.  When given,
        ``denominator`` is its number of rows; otherwise it is the number of
        participants with at least one segment, which overstates prevalence
        when some participants were never coded.
    unit : {"participant", "source"}
        What ``prevalence`` counts: participants (the default, "40 of 89
        participants") or sources (documents), with the denominator the
        sources present in ``segments``.
    roll_up : bool
        Count a participant for a parent code when they have any of its
        descendants (from ``code_path``).
    codes : list of str or pandas.DataFrame, optional
        Code paths to report even if unused (zero rows), for example
        ``project.codes`` from :func:`~mixedmethods.readers.read_qdpx`; the
        rows then follow their order (a codebook's order), parents first.
    confidence_level : float
        Coverage of the Wilson interval of ``prevalence``.
    """
    import pandas as pd

    check_choice("unit", unit, ("participant", "source"))
    level = check_confidence_level(confidence_level)
    seg = _segments_frame(segments, columns)
    if unit == "source":
        _check_sources(seg, columns, unit)
    part = None
    if participants is not None:
        part = _participants_frame(participants, columns)
        _check_known(seg, part, columns)

    leaf = _factorize(seg["code_path"].to_numpy())
    order, node_p, _, _, _ = _presence(seg, "participant", roll_up, codes, leaf)
    k = len(order)
    n_participants = np.bincount(node_p, minlength=k)
    _, node_s, _, _, _ = _presence(seg, _segment_ids(seg), roll_up, codes, leaf)
    n_segments = np.bincount(node_s, minlength=k)
    has_source = seg["source"].notna().to_numpy() if "source" in seg.columns else None
    if has_source is not None and has_source.any():
        # with every path of ``leaf`` (not only those of rows with a source) the nodes are ``order``
        src_seg, src_leaf = (seg, leaf) if has_source.all() else (seg[has_source], (leaf[0][has_source], leaf[1]))
        _, node_src, _, _, _ = _presence(src_seg, "source", roll_up, codes, src_leaf)
        n_sources = pd.array(np.bincount(node_src, minlength=k).astype(np.int64), dtype="Int64")
    else:
        n_sources = pd.array([pd.NA] * k, dtype="Int64")

    if unit == "participant":
        count = n_participants
        denominator = len(part) if part is not None else seg["participant"].nunique()
    else:
        count = np.asarray(n_sources, dtype=np.int64)
        denominator = seg["source"].nunique()
    denom = np.full(k, denominator, dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        prevalence = np.where(denom > 0, count / np.maximum(denom, 1), np.nan)
    lo, hi = _wilson(count, denom, level)
    return pd.DataFrame({
        "code": [_split(p)[-1] for p in order],
        "code_path": order,
        "level": np.array([len(_split(p)) - 1 for p in order], dtype=np.int64),
        "n_participants": n_participants.astype(np.int64),
        "n_segments": n_segments.astype(np.int64),
        "n_sources": n_sources,
        "unit": unit,
        "denominator": denom,
        "prevalence": prevalence,
        "ci_low": lo,
        "ci_high": hi,
        "confidence_level": level,
    })[TALLY_COLUMNS]


tally.__doc__ += _COLUMNS_DOC + """

    Returns
    -------
    pandas.DataFrame
        One row per code, parents before their children (tree order).
        Columns:

        - ``code``: the code's own name; ``code_path``: from the root;
          ``level``: 0 for a top-level code, 1 for its children, ...;
        - ``n_participants``: participants with at least one segment of the
          code (or, rolled up, of any descendant), each counted once;
        - ``n_segments``: distinct segments (a span coded with two children
          counts once for the parent); ``n_sources``: distinct sources (missing
          without a ``source`` column);
        - ``unit``: what ``prevalence`` counts; ``denominator``: all
          participants (or sources); ``prevalence`` = count / denominator;
        - ``ci_low``, ``ci_high``, ``confidence_level``: Wilson score interval
          of ``prevalence``.

    Notes
    -----
    Wilson interval: ``(p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)``,
    computed as statsmodels' ``proportion_confint(method="wilson")`` (checked
    in the tests), the interval of R's
    ``prop.test(x, n, correct = FALSE)$conf.int``.  This is MAXQDA's "count
    hits per document only once" and NVivo's "cases coded", with the
    participants who were never coded in the denominator.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({
    ...     "participant": ["P1", "P1", "P2", "P3"],
    ...     "code_path": ["support / family", "support / friends",
    ...                   "support / family", "barrier"],
    ... }).assign(code=lambda d: d["code_path"].str.split(" / ").str[-1])
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4"]})
    >>> res = tally(segments, participants=people)
    >>> res[["code_path", "n_participants", "n_segments", "denominator", "prevalence"]]
               code_path  n_participants  n_segments  denominator  prevalence
    0            barrier               1           1            4        0.25
    1            support               2           3            4        0.50
    2   support / family               2           2            4        0.50
    3  support / friends               1           1            4        0.25
"""


# --------------------------------------------------------------------------- crosstab
def _exact_p_rx2(table, max_tables):
    """Two-sided Fisher exact p for an r x 2 table, or None when it has too many tables.

    Enumerates every table with the observed margins (first column total m,
    row totals n_i): P(x) = prod C(n_i, x_i) / C(N, m), and sums those with
    P(x) <= P(observed), with R's relative tolerance 1e-7 (``fisher.test``).
    """
    from scipy.special import gammaln

    def logc(n, k):
        return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)

    x_obs = table[:, 0].astype(np.int64)
    rows = table.sum(axis=1).astype(np.int64)
    m, n = int(x_obs.sum()), int(rows.sum())
    sums = np.zeros(1, dtype=np.int64)
    logp = np.zeros(1)
    rest = int(rows.sum())
    for n_i in rows[:-1]:
        rest -= int(n_i)
        xs = np.arange(min(int(n_i), m) + 1, dtype=np.int64)
        if sums.size * xs.size > 4 * max_tables:
            return None
        s_new = sums[:, None] + xs[None, :]
        keep = (s_new <= m) & (s_new >= m - rest)
        logp = (logp[:, None] + logc(n_i, xs)[None, :])[keep]
        sums = s_new[keep]
        if sums.size > max_tables:
            return None
    logp = logp + logc(rows[-1], m - sums) - logc(n, m)
    observed = float(np.sum(logc(rows, x_obs)) - logc(n, m))
    p = float(np.exp(logp[logp <= observed + 1e-7]).sum())
    return min(1.0, p)


@returns_result_table
def crosstab(segments, participants, by, *, roll_up=True, codes=None, test="auto",
             min_cell=5, suppress_small_cells=False, confidence_level=0.95, columns=None):
    """Participants mentioning each code, per level of a participant attribute, with a test.

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model.
    participants : pandas.DataFrame
        One row per participant with the attribute ``by``; participants never
        coded count in their group's size.  Participants whose ``by`` is
        missing are left out, with a warning.
    by : str
        The attribute (column of ``participants``) whose levels are compared.
    roll_up : bool
        Parents count participants coded with any descendant.
    codes : list of str or pandas.DataFrame, optional
        Code paths to report even if unused.
    test : {"auto", "chi-square", "fisher"}
        ``"auto"`` uses Fisher's exact test for a 2 × 2 table or when an
        expected count is below 5, else Pearson's chi-square test (without
        continuity correction).
    min_cell : int
        Counts from 1 to ``min_cell - 1`` are small cells: flagged in
        ``small_cell`` and, with ``suppress_small_cells=True``, blanked.
    suppress_small_cells : bool
        Replace ``n_participants``, ``prevalence`` and the interval of small
        cells by missing values, for publication.  The tests still use the
        real counts.
    confidence_level : float
        Coverage of the Wilson interval of each group's prevalence.
    """
    import pandas as pd
    from scipy import stats

    check_choice("test", test, ("auto", "chi-square", "fisher"))
    level = check_confidence_level(confidence_level)
    if isinstance(min_cell, bool) or not isinstance(min_cell, (int, np.integer)) or min_cell < 0:
        raise InputError(f"min_cell must be a whole number >= 0, got {min_cell!r}.")
    seg = _segments_frame(segments, columns)
    if participants is None:
        raise InputError("crosstab needs participants (one row per participant, with the attribute 'by').")
    part = _participants_frame(participants, columns)
    check_columns(part, [by], what="participants column")
    _check_known(seg, part, columns)
    missing = part[by].isna()
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} participant(s) have no value of {by!r} "
            f"(first: {part.loc[missing, 'participant'].iloc[0]!r}) and are left out of the crosstab.",
            stacklevel=2,
        )
        part = part[~missing]
        seg = seg[seg["participant"].isin(set(part["participant"].tolist()))]
    group_codes, groups = pd.factorize(part[by], sort=True)
    n_groups = len(groups)
    if n_groups < 2:
        raise InputError(f"column {by!r} has {n_groups} level(s); a crosstab needs at least two.")
    group_of = dict(zip(part["participant"].tolist(), group_codes.tolist()))
    group_size = np.bincount(group_codes, minlength=n_groups).astype(np.int64)

    order, node, unit, unit_labels, _ = _presence(seg, "participant", roll_up, codes)
    k = len(order)
    unit_group = np.array([group_of[p] for p in unit_labels], dtype=np.int64)
    counts = np.bincount(node * n_groups + unit_group[unit], minlength=k * n_groups)
    counts = counts.astype(np.int64).reshape(k, n_groups)

    rows = []
    n = int(group_size.sum())
    for yes in counts:
        table = np.column_stack([yes, group_size - yes])
        total_yes = int(yes.sum())
        min_expected = np.nan
        name, stat, dof, p, v = "not computable", np.nan, np.nan, np.nan, np.nan
        if 0 < total_yes < n:
            expected = np.outer(group_size, [total_yes, n - total_yes]) / n
            min_expected = float(expected.min())
            chi2 = float(((table - expected) ** 2 / expected).sum())
            v = float(np.sqrt(chi2 / n))  # min(r, c) - 1 = 1 for an r x 2 table
            use_fisher = test == "fisher" or (test == "auto" and (n_groups == 2 or min_expected < 5))
            p_exact = _exact_p_rx2(table, 2_000_000) if use_fisher else None
            stat, dof = chi2, float(n_groups - 1)
            if use_fisher and p_exact is not None:
                name, p = "fisher", p_exact
            else:
                name, p = "chi-square", float(stats.chi2.sf(chi2, dof))
        rows.append((name, stat, dof, p, v, min_expected))
    tests = pd.DataFrame(rows, columns=["test", "statistic", "df", "p", "cramers_v", "min_expected"])

    flat_counts = counts.ravel()
    flat_sizes = np.tile(group_size, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        prevalence = np.where(flat_sizes > 0, flat_counts / np.maximum(flat_sizes, 1), np.nan)
    lo, hi = _wilson(flat_counts, flat_sizes, level)
    small = (flat_counts > 0) & (flat_counts < min_cell)
    out = pd.DataFrame({
        "code": np.repeat([_split(p)[-1] for p in order], n_groups),
        "code_path": np.repeat(order, n_groups),
        "by": by,
        "group": np.tile(np.asarray(groups, dtype=object), k),
        "n_participants": pd.array(flat_counts, dtype="Int64"),
        "group_size": flat_sizes,
        "prevalence": prevalence,
        "ci_low": lo,
        "ci_high": hi,
        "small_cell": small,
    })
    out = pd.concat([out, tests.loc[np.repeat(np.arange(k), n_groups)].reset_index(drop=True)], axis=1)
    if suppress_small_cells:
        out.loc[small, "n_participants"] = pd.NA
        out.loc[small, ["prevalence", "ci_low", "ci_high"]] = np.nan
    return out[CROSSTAB_COLUMNS]


crosstab.__doc__ += _COLUMNS_DOC + """

    Returns
    -------
    pandas.DataFrame
        One row per code and group (tidy; pivot it for a printed table).
        Columns:

        - ``code``, ``code_path``: the code; ``by``: the attribute;
          ``group``: its level;
        - ``n_participants``: participants of the group mentioning the code;
          ``group_size``: participants in the group, never-coded included;
        - ``prevalence`` = n_participants / group_size, with its Wilson
          interval ``ci_low``, ``ci_high``;
        - ``small_cell``: ``0 < n_participants < min_cell``;
        - ``test`` (``"fisher"``, ``"chi-square"`` or ``"not computable"``
          when every or no participant mentions the code), ``statistic``
          (Pearson's chi-square, reported for both tests), ``df``, ``p``,
          ``cramers_v``, ``min_expected``: the test of the code × group table
          (mentioned / not mentioned), repeated on each of the code's rows.

    Notes
    -----
    The table of a code is groups × (mentioned, not mentioned).  Pearson's
    ``X² = Σ (O - E)² / E`` on ``groups - 1`` df, as R's
    ``chisq.test(tab, correct = FALSE)``; Cramér's ``V = sqrt(X² / (N (min(r, c) - 1)))``
    = ``sqrt(X² / N)`` here.  Fisher's exact test is two-sided as R's
    ``fisher.test``: every table with the observed margins is enumerated
    (SciPy's ``fisher_exact`` agrees on 2 × 2 tables; its r × c version is a
    Monte Carlo estimate), while they number at most two million (beyond,
    the chi-square test is used and named in ``test``).

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"participant": ["P1", "P2", "P3"],
    ...                          "code": ["stress", "stress", "stress"]})
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
    ...                        "shift": ["night", "night", "day", "day", "day"]})
    >>> res = crosstab(segments, people, by="shift")
    >>> res[["code", "group", "n_participants", "group_size", "prevalence", "test"]]
         code  group  n_participants  group_size  prevalence    test
    0  stress    day               1           3    0.333333  fisher
    1  stress  night               2           2    1.000000  fisher
    >>> float(res["p"].iloc[0].round(3))   # R: fisher.test(matrix(c(1, 2, 2, 0), 2))
    0.4
    >>> res.pivot(index="code", columns="group", values="n_participants")  # doctest: +NORMALIZE_WHITESPACE
    group   day  night
    code
    stress    1      2
"""


# --------------------------------------------------------------------------- case matrix
def _matrix(seg, unit_col, roll_up, codes, unit_index=None):
    """Units × codes 0/1 as a dense int8 array, with node order and unit labels."""
    import pandas as pd

    order, node, unit, unit_labels, _ = _presence(seg, unit_col, roll_up, codes)
    labels = list(unit_labels)
    if unit_index is not None:
        pos = {u: i for i, u in enumerate(unit_index)}
        remap = np.array([pos[u] for u in labels], dtype=np.int64)
        unit = remap[unit] if unit.size else unit
        labels = list(unit_index)
    x = np.zeros((len(labels), len(order)), dtype=np.int8)
    x[unit, node] = 1
    return x, order, pd.Index(labels)


def case_matrix(segments, participants=None, *, roll_up=True, codes=None, columns=None):
    """Participants × codes, 1 where a participant has the code (quantitizing).

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model.
    participants : pandas.DataFrame, optional
        One row per participant; participants never coded get a row of zeros,
        in this table's order.  Without it, the rows are the participants of
        ``segments`` in order of appearance.
    roll_up : bool
        Give parent codes a 1 when any descendant is present.
    codes : list of str or pandas.DataFrame, optional
        Code paths to add as columns even if unused (all zeros).
    """
    import pandas as pd

    seg = _segments_frame(segments, columns)
    index = None
    if participants is not None:
        part = _participants_frame(participants, columns)
        _check_known(seg, part, columns)
        index = part["participant"].tolist()
    x, order, labels = _matrix(seg, "participant", roll_up, codes, index)
    out = pd.DataFrame(x.astype(np.int64), columns=order)
    out.insert(0, "participant", np.asarray(labels, dtype=object))
    out.columns.name = None
    return out


case_matrix.__doc__ += _COLUMNS_DOC + """

    Returns
    -------
    pandas.DataFrame
        One row per participant: ``participant``, then one 0/1 column per
        code, named by its ``code_path`` (parents before children).  Merge it
        with questionnaire data on ``participant``.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"participant": ["P1", "P1", "P2"],
    ...                          "code": ["cost", "cost", "time"]})
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3"]})
    >>> case_matrix(segments, people)
      participant  cost  time
    0          P1     1     0
    1          P2     0     1
    2          P3     0     0
"""


# --------------------------------------------------------------------------- co-occurrence
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
        leaf = _factorize(seg["code_path"].to_numpy())
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
    source, _ = _factorize(seg["source"].to_numpy())
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


def _gram(node, unit, k, n_units, block_cells=1 << 21):
    """Codes × codes counts of units having both (X.T @ X for the units × codes 0/1 matrix X).

    X is filled block by block of units (at most ``block_cells`` cells at a
    time) as float64, so the product runs in BLAS; the counts are integers
    far below 2**53, hence exact.
    """
    gram = np.zeros((k, k))
    if node.size == 0 or k == 0:
        return gram.astype(np.int64)
    by_unit = np.argsort(unit, kind="stable")
    unit, node = unit[by_unit], node[by_unit]
    rows = max(1, block_cells // k)
    edges = np.searchsorted(unit, np.arange(0, n_units + rows, rows), side="left")
    for b in range(len(edges) - 1):
        lo, hi = edges[b], edges[b + 1]
        if lo == hi:
            continue
        first = b * rows
        x = np.zeros((min(rows, n_units - first), k))
        x[unit[lo:hi] - first, node[lo:hi]] = 1.0
        gram += x.T @ x
    return np.rint(gram).astype(np.int64)


@returns_result_table
def cooccurrence(segments, *, unit="participant", measure="count", roll_up=False, codes=None,
                 columns=None):
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
    """
    import pandas as pd

    check_choice("unit", unit, ("participant", "source", "segment"))
    check_choice("measure", measure, ("count", "jaccard"))
    seg = _segments_frame(segments, columns)
    if unit in ("source", "segment"):
        _check_sources(seg, columns, unit)
    if unit == "segment":
        seg = seg.assign(_segment=_segment_ids(seg))
        leaf = _factorize(seg["code_path"].to_numpy())
        order, node, _, _, targets = _presence(seg, "_segment", roll_up, codes, leaf)
        n = np.bincount(node, minlength=len(order)).astype(np.int64)
        both = _segment_pairs(seg, order, targets, leaf)
    else:
        col = unit
        data = seg[seg[col].notna()] if unit == "source" else seg
        order, node, unit_id, unit_labels, _ = _presence(data, col, roll_up, codes)
        both = _gram(node, unit_id, len(order), len(unit_labels))
        n = np.diag(both).copy()
    k = len(order)
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


cooccurrence.__doc__ += _COLUMNS_DOC + """

    Returns
    -------
    pandas.DataFrame
        One row per pair of codes (each pair once, ``code_a`` before
        ``code_b`` in tree order, pairs that never co-occur included).
        Columns: ``code_a``, ``code_b`` (code paths), ``unit``, ``measure``,
        ``n_a``, ``n_b`` (units with each code: participants, sources or
        segments), ``n_both`` (units with both; at segment level, pairs of
        overlapping segments), ``value`` (``n_both`` or the Jaccard index).

    Notes
    -----
    The Jaccard index ``n_both / (n_a + n_b - n_both)`` at segment level is
    ATLAS.ti's c-coefficient; there ``n_both`` counts pairs of overlapping
    segments, so it can exceed 1 when one long span overlaps several short
    ones.  Pivot the result for a matrix:
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
"""

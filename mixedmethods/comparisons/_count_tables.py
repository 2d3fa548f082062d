"""Contingency tables from what a user has: a table, counts in long form, or raw answers.

Every form ends as the same thing: a list of :class:`Tables`, one per table
shape, each holding a stack of tables of counts (``comparisons x groups x
levels``) with the labels of each comparison, so that the statistics can be
computed for many tables at once.  Checks name the comparison, group and level
at fault.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._validation import InputError, InputTypeError, check_columns, show_value


@dataclass
class Tables:
    """Tables of one shape: ``counts[t]`` is the table of ``comparisons[t]``."""

    counts: np.ndarray  # (tables, groups, levels), float holding whole numbers
    comparisons: list
    groups: list  # per table: its group labels, in order
    levels: list  # per table: its level labels, in order
    order: np.ndarray  # position of each table among all comparisons


def _check_counts(values, where):
    """Raise unless ``values`` are finite, non-negative whole numbers; ``where(i)`` names cell i."""
    flat = values.ravel()
    bad = np.flatnonzero(~np.isfinite(flat))
    if bad.size:
        raise InputError(f"{where(bad[0])} is missing or infinite; a count is a whole number >= 0.")
    bad = np.flatnonzero(flat < 0)
    if bad.size:
        raise InputError(f"{where(bad[0])} = {flat[bad[0]]:g} is negative; a count is a whole number >= 0.")
    bad = np.flatnonzero(flat != np.round(flat))
    if bad.size:
        raise InputError(
            f"{where(bad[0])} = {flat[bad[0]]:g} is not a whole number; give counts (n), not percentages or weights."
        )


def _check_margins(counts, comparison, groups, levels):
    """Raise when a table has fewer than two groups or levels, or an empty group or level."""
    label = "" if comparison is None else f"comparison {show_value(comparison)}: "
    r, c = counts.shape
    if r < 2:
        raise InputError(f"{label}the table has a single row (group {groups[0]!r}); compare at least two groups.")
    if c < 2:
        raise InputError(f"{label}the table has a single column (level {levels[0]!r}); at least two levels are needed.")
    empty = np.flatnonzero(counts.sum(axis=1) == 0)
    if empty.size:
        raise InputError(
            f"{label}group {groups[empty[0]]!r} is empty (its row is all zeros); drop it from the table."
        )
    empty = np.flatnonzero(counts.sum(axis=0) == 0)
    if empty.size:
        raise InputError(
            f"{label}level {levels[empty[0]]!r} is empty (no one in any group chose it); drop it from the table."
        )


def _as_float(values, name):
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must hold counts (numbers); it holds text or other objects.") from None


def from_table(table):
    """One table given as an array-like or a wide DataFrame (rows = groups, columns = levels)."""
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        groups, levels = list(table.index), list(table.columns)
        numeric = table.apply(pd.to_numeric, errors="coerce")
        bad = numeric.isna() & table.notna()
        if bad.to_numpy().any():
            r, c = np.argwhere(bad.to_numpy())[0]
            raise InputTypeError(
                f"table cell (group {groups[r]!r}, level {levels[c]!r}) holds {table.iat[r, c]!r}, not a count."
            )
        counts = numeric.to_numpy(dtype=float, na_value=np.nan)
    else:
        counts = _as_float(table, "table")
        if counts.ndim != 2:
            raise InputError(
                f"table must be two-dimensional (rows = groups, columns = levels), got {counts.ndim} dimension(s)."
            )
        groups, levels = list(range(counts.shape[0])), list(range(counts.shape[1]))
    cols = counts.shape[1] if counts.ndim == 2 and counts.shape[1] else 1
    _check_counts(counts, lambda i: f"table cell (group {groups[i // cols]!r}, level {levels[i % cols]!r})")
    _check_margins(counts, None, groups, levels)
    return [Tables(counts[None].copy(), ["table"], [groups], [levels], np.array([0]))]


def _local_codes(comparison_codes, labels):
    """Per row, the position of ``labels`` among the labels of its comparison (order of appearance)."""
    import pandas as pd

    label_codes, uniques = pd.factorize(labels, sort=False)
    pair_code = pd.factorize(comparison_codes.astype(np.int64) * max(len(uniques), 1) + label_codes)[0]
    first = pd.DataFrame({"c": comparison_codes, "code": pair_code}).drop_duplicates("code")
    local = np.empty(len(first), dtype=np.int64)
    local[first["code"].to_numpy()] = first.groupby("c", sort=False).cumcount().to_numpy()
    return local[pair_code], first.index.to_numpy()


def from_long(data, between, dv, n, comparison, *, sum_duplicates):
    """Tables from long rows: one row per (comparison, group, level) with its count ``n``.

    With ``sum_duplicates`` (raw answers, one row per person) repeated rows add up;
    otherwise a repeated (comparison, group, level) is an error.
    """
    import pandas as pd

    needed = [c for c in (comparison, between, dv, n) if c is not None]
    check_columns(data, needed)
    keep = data[between].notna() & data[dv].notna()
    frame = data.loc[keep, needed]
    if n is None:
        counts = np.ones(len(frame))
    else:
        raw = frame[n]
        counts = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        text = np.flatnonzero(np.isnan(counts) & raw.notna().to_numpy())
        if text.size:
            raise InputTypeError(f"column {n!r}, row {frame.index[text[0]]!r} holds {raw.iloc[text[0]]!r}, not a count.")
        _check_counts(counts, lambda i: f"column {n!r}, row {frame.index[i]!r}")
    comp_values = frame[comparison].to_numpy() if comparison is not None else np.zeros(len(frame), dtype=np.int64)
    comp_codes, comp_labels = pd.factorize(comp_values, sort=False)
    if len(comp_labels) == 0:
        raise InputError(f"no rows with both {between!r} and {dv!r} present; nothing to compare.")
    g_local, g_first = _local_codes(comp_codes, frame[between].to_numpy())
    l_local, l_first = _local_codes(comp_codes, frame[dv].to_numpy())
    rows_of = np.zeros(len(comp_labels), dtype=np.int64)
    np.maximum.at(rows_of, comp_codes, g_local + 1)
    cols_of = np.zeros(len(comp_labels), dtype=np.int64)
    np.maximum.at(cols_of, comp_codes, l_local + 1)
    group_labels = frame[between].to_numpy()[g_first]
    level_labels = frame[dv].to_numpy()[l_first]
    group_comp, level_comp = comp_codes[g_first], comp_codes[l_first]

    if not sum_duplicates:
        cell = pd.DataFrame({"c": comp_codes, "g": g_local, "l": l_local})
        dup = np.flatnonzero(cell.duplicated().to_numpy())
        if dup.size:
            i = dup[0]
            raise InputError(
                f"comparison {show_value(comp_labels[comp_codes[i]])}, group {frame[between].iloc[i]!r}, "
                f"level {frame[dv].iloc[i]!r} appears twice; give each cell's count once."
            )
    out = []
    shapes = pd.DataFrame({"r": rows_of, "c": cols_of}).groupby(["r", "c"], sort=False).indices
    for (r, c), members in shapes.items():
        members = np.asarray(members)
        slot = np.full(len(comp_labels), -1, dtype=np.int64)
        slot[members] = np.arange(len(members))
        counts_stack = np.zeros((len(members), r, c))
        row_mask = slot[comp_codes] >= 0
        np.add.at(counts_stack, (slot[comp_codes][row_mask], g_local[row_mask], l_local[row_mask]),
                  counts[row_mask])
        groups = _labels_by_comparison(group_comp, group_labels, members)
        levels = _labels_by_comparison(level_comp, level_labels, members)
        for t in _first_bad_margin(counts_stack):
            _check_margins(counts_stack[t], comp_labels[members[t]], groups[t], levels[t])
        out.append(Tables(counts_stack, [comp_labels[m] for m in members], groups, levels, members))
    return out


def _labels_by_comparison(owner, labels, members):
    """For each comparison of ``members``, its labels in order (``owner`` gives each label's comparison)."""
    order = np.argsort(owner, kind="stable")
    owner_sorted = owner[order]
    start = np.searchsorted(owner_sorted, members, side="left")
    stop = np.searchsorted(owner_sorted, members, side="right")
    ordered = labels[order].tolist()
    return [ordered[a:b] for a, b in zip(start.tolist(), stop.tolist())]


def _first_bad_margin(stack):
    """Indices of tables in a stack with an empty row or column, or too few rows or columns."""
    if stack.shape[1] < 2 or stack.shape[2] < 2:
        return [0]
    bad = (stack.sum(axis=2) == 0).any(axis=1) | (stack.sum(axis=1) == 0).any(axis=1)
    return list(np.flatnonzero(bad)[:1])

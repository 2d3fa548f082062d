"""Intercoder agreement per code, and the disagreements to discuss: :func:`agreement`."""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._validation import InputError, check_choice, label_list
from ._intercoder import check_min_overlap, coefficients, counts, matched_segments, notes
from ._segments import (
    COLUMNS_DOC,
    _check_known,
    _check_sources,
    _codes_extra,
    _expand,
    _Factors,
    _factorize,
    _hierarchy,
    _leaf_nodes,
    _names,
    _participants_frame,
    _segments_frame,
    _split,
)

__all__ = ["agreement", "AGREEMENT_COLUMNS", "DISAGREEMENT_COLUMNS", "ALL_CODES"]

AGREEMENT_COLUMNS = [
    "code", "code_path", "unit", "n_coders", "n_units", "n_coded", "n_disagreements", "percent_agreement",
    "percent_positive_agreement", "cohen_kappa", "krippendorff_alpha", "kappa_defined", "note",
]
DISAGREEMENT_COLUMNS = [
    "unit", "unit_id", "code", "code_path", "coded_by", "not_coded_by", "coder", "participant", "source",
    "start", "end", "text",
]
#: The ``code`` and ``code_path`` of the last row, every code pooled.
ALL_CODES = "(all codes)"

_AGREEMENT_DOC = """

    Returns
    -------
    pandas.DataFrame
        One row per code (tree order), then a last row ``ALL_CODES``
        (``"(all codes)"``) pooling every (code, unit) of the rows above as one
        item each.  Columns:

        - ``code``, ``code_path``; ``unit``: what was compared
          (``"participant"``, ``"source"`` or ``"segment"``);
          ``n_coders``: coders compared;
        - ``n_units``: units coded by at least two of them (for the last row,
          units × codes); ``n_coded``: of those, units where at least one
          coder applied the code; ``n_disagreements``: units where some
          coders applied it and others did not;
        - ``percent_agreement``: of all pairs of coders' answers on the same
          unit, the percentage that agree (with two coders, the percentage
          of units on which they agree, absence included);
          ``percent_positive_agreement``: ``2 a / (2 a + b + c)`` over pairs,
          with ``a`` pairs where both applied the code and ``b + c`` pairs
          where one did: agreement on where the code is, absence left out
          (with two coders, the share of each coder's codings the other
          also made, the kind of figure MAXQDA's segment comparison reports);
        - ``cohen_kappa``: Cohen's kappa of two coders on the units both
          coded (missing, with a ``note``, for three or more coders);
          ``krippendorff_alpha``: nominal Krippendorff's alpha, any number
          of coders, missing answers allowed;
        - ``kappa_defined``: False where kappa is missing; ``note``: why a
          coefficient is missing ("" otherwise).  A code nobody used, or
          used by every coder on every unit, has no variation: kappa and
          alpha are 0/0 and left missing with that note, never silently.

        With ``disagreements=True``, a tuple ``(table, disagreements)``;
        ``disagreements`` has one row per coded segment behind a disagreement
        (``DISAGREEMENT_COLUMNS``): ``unit``; ``unit_id`` (the participant,
        the source, or for segments ``"source [start, end)"`` of the matched
        spans); ``code``, ``code_path``; ``coded_by``, ``not_coded_by``: the
        coders who applied the code in the unit and those who coded the unit
        without it (comma-separated); ``coder``, ``participant``,
        ``source``, ``start``, ``end``, ``text``: the segment itself (missing
        when absent from ``segments``), sorted by code, unit and coder.

    Notes
    -----
    Each code is a yes/no variable on each unit: did the coder apply it
    there?  With ``unit="participant"`` or ``"source"`` that is MAXQDA's
    "code existence in the document"; with ``unit="segment"`` the units
    are coded spans matched across coders: two coders' spans in one source
    match when they share at least ``min_overlap`` of the characters either
    covers (MAXQDA's segment agreement, whose default is 90%); matched spans
    form one unit, an unmatched span a unit of its own, and a coder's
    answer on a unit is every code on their spans in it.

    **Who coded what.**  A coder with no segment at all in a unit (a
    participant, a source; for segments, the source) is taken not to have
    coded it: that answer is missing, as Krippendorff's alpha allows, and
    kappa uses the units both coders coded.  A unit that ``participants``
    lists but no coder coded counts as coded by every coder, with every code
    absent (agreement on absence).

    Cohen's kappa ``(p_o - p_e) / (1 - p_e)`` with each coder's own
    marginals; Krippendorff's alpha ``1 - (n - 1) o_01 / (n_0 n_1)`` from
    the coincidence matrix (Krippendorff 2011).  Both are checked against
    scikit-learn's ``cohen_kappa_score`` and the ``krippendorff`` package
    (``level_of_measurement="nominal"``) to 1e-9 in the tests.  MAXQDA's
    kappa uses Brennan & Prediger's chance agreement instead and NVivo
    weights codes by source length, so their figures differ from these.
    The point, as MAXQDA's manual says, is the disagreements: read them
    together (``disagreements=True``).

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({
    ...     "participant": ["P1", "P1", "P2", "P2", "P3", "P3", "P4"],
    ...     "code": ["cost", "cost", "cost", "time", "time", "time", "cost"],
    ...     "coder": ["Ana", "Ben", "Ana", "Ben", "Ana", "Ben", "Ana"],
    ...     "text": ["too dear", "too dear", "fees", "the wait", "hours", "hours", "bills"]})
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"]})
    >>> res = agreement(segments, participants=people)
    >>> res[["code", "n_units", "n_disagreements", "percent_agreement", "cohen_kappa"]]
              code  n_units  n_disagreements  percent_agreement  cohen_kappa
    0         cost        4                1               75.0     0.500000
    1         time        4                1               75.0     0.500000
    2  (all codes)        8                2               75.0     0.466667

    P4 was coded by Ana only (Ben's answer is missing) and P5 by nobody
    (both absent).  The disagreements to discuss:

    >>> res, talk = agreement(segments, participants=people, disagreements=True)
    >>> talk[["unit_id", "code", "coded_by", "not_coded_by", "text"]]
      unit_id  code coded_by not_coded_by      text
    0      P2  cost      Ana          Ben      fees
    1      P2  time      Ben          Ana  the wait
"""


def _coder_list(seg, coders, columns):
    """The coders compared, in the order given (default: sorted), and each row's coder index (-1: left out)."""
    import pandas as pd

    name = _names(columns)["coder"]
    if "coder" not in seg.columns:
        raise InputError(f"agreement needs a {name!r} column in segments saying who applied each code.")
    codes, values = _factorize(seg["coder"])
    blank = np.flatnonzero(pd.isna(values))
    if blank.size:
        rows = codes == blank[0]
        raise InputError(f"segments column {name!r} is missing at row {int(np.argmax(rows))} "
                         f"({int(rows.sum())} row(s) in all); every segment needs its coder.")
    present = list(values.tolist())
    if coders is None:
        chosen = sorted(present, key=str)
    else:
        chosen = label_list("coders", coders)
        unknown = [c for c in chosen if c not in present]
        if unknown:
            raise InputError(f"coder(s) {unknown!r} have no segment (column {name!r} has {present[:10]!r}).")
        if len(set(chosen)) < len(chosen):
            raise InputError(f"coders lists a coder twice: {chosen!r}.")
    if len(chosen) < 2:
        raise InputError(f"agreement compares at least two coders; column {name!r} has {present!r}.")
    position = {c: i for i, c in enumerate(chosen)}
    index = np.asarray([position.get(v, -1) for v in present], dtype=np.int64)
    return chosen, index[codes]


def _segment_units(seg, coder, min_overlap, columns):
    """Segment level: each row's unit, the units' labels and sources, and each span's source code."""
    names = _names(columns)
    for col in ("source", "start", "end"):
        if col not in seg.columns:
            raise InputError(f"unit='segment' needs the columns {names['source']!r}, {names['start']!r} and "
                             f"{names['end']!r} in segments (column {names[col]!r} is absent).")
    import pandas as pd

    source, source_values = _factorize(seg["source"])
    start = pd.to_numeric(seg["start"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    end = pd.to_numeric(seg["end"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    # spans: distinct (coder, source, start, end); NaN start/end (a whole source) compare equal here
    span_key = pd.MultiIndex.from_arrays([coder, source, start, end])
    span, first = pd.factorize(span_key)
    first_row = np.unique(span, return_index=True)[1]
    unit_of_span, n_units = matched_segments(
        source[first_row], start[first_row], end[first_row], coder[first_row], min_overlap)
    unit = unit_of_span[span]
    lo = np.full(n_units, np.inf)
    hi = np.full(n_units, -np.inf)
    np.minimum.at(lo, unit, np.where(np.isnan(start), -np.inf, start))
    np.maximum.at(hi, unit, np.where(np.isnan(end), np.inf, end))
    unit_source = np.zeros(n_units, dtype=np.int64)
    unit_source[unit] = source
    labels = [f"{source_values[s]} [{a:.0f}, {b:.0f})" if np.isfinite(a) and np.isfinite(b)
              else f"{source_values[s]} (whole)" for s, a, b in zip(unit_source, lo, hi)]
    return unit, np.asarray(labels, dtype=object), source, unit_source


@append_doc(COLUMNS_DOC, _AGREEMENT_DOC)
def agreement(segments, *, participants=None, coders=None, unit="participant", min_overlap=0.9,
              roll_up=False, codes=None, disagreements=False, columns=None):
    """Intercoder agreement per code: percent agreement, Cohen's kappa, Krippendorff's alpha.

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model with a ``coder`` column (who
        applied each code); ``source``, ``start`` and ``end`` for
        ``unit="segment"``.
    participants : pandas.DataFrame, optional
        One row per participant, including those never coded: with
        ``unit="participant"``, a listed participant nobody coded counts as
        agreement on absence of every code.
    coders : list of str, optional
        The coders to compare (at least two); by default every coder in
        ``segments``.  Segments of other coders are left out.
    unit : {"participant", "source", "segment"}
        What a coder's yes/no answer is about: a participant, a source
        (document), or a coded span matched across coders (see Notes).
    min_overlap : float
        For ``unit="segment"``: the share (0 to 1) of the characters covered
        by two coders' spans that both must cover for the spans to match.
    roll_up : bool
        Give parent codes their descendants' codings (off by default: each
        code is compared as applied).
    codes : list of str or pandas.DataFrame, optional
        Code paths to report even if unused (a code nobody applied agrees
        everywhere; its kappa is undefined and says so).
    disagreements : bool
        Also return the segments behind each disagreement, to discuss.
    """
    import pandas as pd

    from .._display import result_table

    check_choice("unit", unit, ("participant", "source", "segment"))
    overlap = check_min_overlap(min_overlap)
    if not isinstance(disagreements, (bool, np.bool_)):
        raise InputError(f"disagreements must be True or False, got {disagreements!r}.")
    seg, factors = _segments_frame(segments, columns, with_factors=True)
    part = None
    if participants is not None:
        part = _participants_frame(participants, columns)
        _check_known(seg, part, columns, factors)
    chosen, coder = _coder_list(seg, coders, columns)
    if unit in ("source", "segment"):
        _check_sources(seg, columns, unit)
        blank = seg["source"].isna().to_numpy()
        if blank.any():
            row = int(np.flatnonzero(blank)[0])
            raise InputError(f"unit={unit!r}: segments row {row} has no {_names(columns)['source']!r} "
                             f"({int(blank.sum())} row(s) in all); give every segment its source.")
    keep = coder >= 0
    if not keep.all():
        seg, coder = seg[keep].reset_index(drop=True), coder[keep]
        factors = _Factors(seg)
    n_coders = len(chosen)

    leaf, leaf_paths = factors("code_path")
    paths = [str(p) for p in leaf_paths]
    order, targets = _hierarchy(paths, roll_up, _codes_extra(codes))
    k = len(order)
    if unit == "segment":
        row_unit, unit_labels, row_source, unit_source = _segment_units(seg, coder, overlap, columns)
        n_units = unit_labels.size
        # a coder coded a unit when they coded its source
        coded_source = np.zeros((int(row_source.max()) + 1 if row_source.size else 0, n_coders), dtype=bool)
        coded_source[row_source, coder] = True
        coded = coded_source[unit_source] if n_units else np.zeros((0, n_coders), dtype=bool)
    else:
        row_unit, unit_labels = factors(unit)
        unit_labels = np.asarray(unit_labels, dtype=object)
        n_units = unit_labels.size
        coded = np.zeros((n_units, n_coders), dtype=bool)
        coded[row_unit, coder] = True
        if part is not None and unit == "participant":
            seen = set(unit_labels.tolist())
            extra = [p for p in part["participant"].tolist() if p not in seen]
            if extra:  # listed, never coded: every coder coded it and found no code
                unit_labels = np.concatenate([unit_labels, np.asarray(extra, dtype=object)])
                coded = np.vstack([coded, np.ones((len(extra), n_coders), dtype=bool)])
                n_units = unit_labels.size

    # n1[node, unit]: coders applying the code there (each coder once)
    node, pair = _expand(leaf, row_unit * n_coders + coder, paths, targets)
    pair_unit, pair_coder = pair // n_coders, pair % n_coders
    n1 = np.bincount(node * n_units + pair_unit, minlength=k * n_units).reshape(k, n_units)
    m = coded.sum(axis=1)
    a = b = None
    if n_coders == 2:
        both = np.flatnonzero(coded.all(axis=1))
        in_both = np.isin(pair_unit, both)
        a = np.bincount(node[in_both & (pair_coder == 0)], minlength=k)
        b = np.bincount(node[in_both & (pair_coder == 1)], minlength=k)
    sums = counts(n1, m, a, b)
    stats = coefficients(sums)
    pooled = coefficients({key: value.sum(keepdims=True) for key, value in sums.items()})
    table = pd.DataFrame({
        "code": [_split(p)[-1] for p in order] + [ALL_CODES],
        "code_path": order + [ALL_CODES],
        "unit": unit,
        "n_coders": n_coders,
        **{col: np.concatenate([stats[col], pooled[col]]) for col in AGREEMENT_COLUMNS[4:-1]},
        "note": notes(stats, n_coders) + notes(pooled, n_coders),
    })[AGREEMENT_COLUMNS]
    table = result_table(table)
    if not disagreements:
        return table
    return table, result_table(_disagreements(seg, coder, chosen, unit, leaf, paths, order, targets, row_unit,
                                              unit_labels, n1, m, coded, (node, pair_unit, pair_coder)))


def _disagreements(seg, coder, chosen, unit, leaf, paths, order, targets, row_unit, unit_labels, n1, m, coded,
                   applied):
    """One row per segment behind a (code, unit) on which the coders who coded the unit differ.

    ``applied``: the distinct (node, unit, coder) triples of the codings.
    """
    import pandas as pd

    n_units = unit_labels.size
    row, node = _leaf_nodes(leaf, paths, targets)
    u = row_unit[row]
    differ = (m[u] >= 2) & (n1[node, u] > 0) & (n1[node, u] < m[u])
    row, node, u = row[differ], node[differ], u[differ]
    by = np.lexsort((coder[row], u, node))
    row, node, u = row[by], node[by], u[by]
    # who applied each (code, unit) in disagreement, and who coded the unit: bit masks of coders
    key = node * n_units + u
    wanted = np.unique(key)
    a_node, a_unit, a_coder = applied
    a_key = a_node * n_units + a_unit
    hit = np.isin(a_key, wanted)
    bits = np.zeros(wanted.size, dtype=np.int64)
    np.bitwise_or.at(bits, np.searchsorted(wanted, a_key[hit]), np.left_shift(1, a_coder[hit]))
    with_code = bits[np.searchsorted(wanted, key)]
    of_unit = coded[u].astype(np.int64) @ np.left_shift(1, np.arange(len(chosen), dtype=np.int64))
    names = [str(c) for c in chosen]

    def who(masks):
        """Comma-separated coder names of each bit mask, each distinct mask spelled once."""
        distinct, index = np.unique(masks, return_inverse=True)
        spelled = [", ".join(n for i, n in enumerate(names) if (int(x) >> i) & 1) for x in distinct]
        return np.asarray(spelled, dtype=object)[index.reshape(-1)]

    out = pd.DataFrame({
        "unit": unit,
        "unit_id": unit_labels[u],
        "code": np.asarray([_split(p)[-1] for p in order], dtype=object)[node],
        "code_path": np.asarray(order, dtype=object)[node],
        "coded_by": who(with_code),
        "not_coded_by": who(of_unit & ~with_code),
        "coder": np.asarray(names, dtype=object)[coder[row]],
    })
    for col in ("participant", "source", "start", "end", "text"):
        out[col] = seg[col].to_numpy()[row] if col in seg.columns else pd.NA
    return out[DISAGREEMENT_COLUMNS]

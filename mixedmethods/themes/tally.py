"""Participants (and segments, and sources) per code: :func:`tally`."""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._sampling import check_sample, check_unit_label, sample_interval, sample_label, sample_notes
from .._tables import returns_result_table
from .._validation import check_choice, check_confidence_level
from ._segments import (
    COLUMNS_DOC,
    _node_counts,
    _check_known,
    _check_sources,
    _participants_frame,
    _presence,
    _segment_ids,
    _segments_frame,
    _split,
)

__all__ = ["tally", "TALLY_COLUMNS"]

TALLY_COLUMNS = [
    "code", "code_path", "level", "n_participants", "n_segments", "n_sources", "unit",
    "denominator", "prevalence", "sample", "ci_low", "ci_high", "confidence_level",
]

_TALLY_DOC = """

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
        - ``sample``: the ``sample`` argument (``"not stated"`` for None);
        - ``ci_low``, ``ci_high``, ``confidence_level``: Wilson score interval
          of ``prevalence`` for a probability sample; missing otherwise, with
          the reason in ``attrs["notes"]`` (shown under the table in a
          notebook).

    Notes
    -----
    A sampling interval says how far a proportion could move if other
    participants had been drawn at random from the same population.  It
    means nothing for a census (nobody was left out), a purposive sample
    (chosen for what they can tell) or a convenience sample (self-selected:
    its bias is not random error), so only ``sample="probability"`` gets one.

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
    >>> bool(res["ci_low"].isna().all())   # no sample stated: no interval, and a note says why
    True
    >>> print(res.attrs["notes"][0][:54])
    No Wilson intervals: the sample was not stated (pass s
    >>> drawn = tally(segments, participants=people, sample="probability")
    >>> drawn[["code_path", "ci_low", "ci_high"]].round(3).head(2)
      code_path  ci_low  ci_high
    0   barrier   0.046    0.699
    1   support   0.150    0.850
"""


@append_doc(COLUMNS_DOC, _TALLY_DOC)
@returns_result_table
def tally(segments, *, participants=None, sample=None, unit="participant", roll_up=True, codes=None,
          confidence_level=0.95, unit_label=None, columns=None):
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
    sample : {None, "probability", "purposive", "convenience", "census"}
        How the participants were chosen: drawn at random from a population
        (``"probability"``), chosen for what they can tell (``"purposive"``),
        whoever came (``"convenience"``, self-selected included) or every
        member of the population (``"census"``).  Wilson intervals are
        computed for ``"probability"`` only; ``None`` (not stated, the
        default) gives none either.
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
        Coverage of the Wilson interval of ``prevalence`` (probability samples).
    unit_label : str, optional
        What the units counted are, plural, as the note on the sample names
        them: ``"participants"`` (``"sources"`` with ``unit="source"``) by
        default; ``"papers"`` or ``"schools"`` where those are the units.
    """
    import pandas as pd

    check_choice("unit", unit, ("participant", "source"))
    unit_label = check_unit_label(f"{unit}s" if unit_label is None else unit_label)
    check_sample(sample)
    level = check_confidence_level(confidence_level)
    seg, factors = _segments_frame(segments, columns, with_factors=True)
    if unit == "source":
        _check_sources(seg, columns, unit)
    part = None
    if participants is not None:
        part = _participants_frame(participants, columns)
        _check_known(seg, part, columns, factors)

    leaf = factors("code_path")
    participant = factors("participant")
    order, node_p, _, _, targets = _presence(seg, participant, roll_up, codes, leaf)
    k = len(order)
    n_participants = np.bincount(node_p, minlength=k)
    paths = [str(p) for p in leaf[1]]
    n_segments = _node_counts(leaf[0], _segment_ids(seg, factors), paths, targets, k)
    n_source_values = 0
    if "source" in seg.columns:
        source, source_values = factors("source")
        has_source = pd.notna(source_values)[source]
        n_source_values = int(pd.notna(source_values).sum())
    if n_source_values:
        # with every path of ``leaf`` (not only those of rows with a source) the nodes are ``order``
        if has_source.all():
            src_leaf, src_unit = leaf, (source, source_values)
        else:
            src_leaf, src_unit = (leaf[0][has_source], leaf[1]), (source[has_source], source_values)
        _, node_src, _, _, _ = _presence(None, src_unit, roll_up, codes, src_leaf)
        n_sources = pd.array(np.bincount(node_src, minlength=k).astype(np.int64), dtype="Int64")
    else:
        n_sources = pd.array([pd.NA] * k, dtype="Int64")

    if unit == "participant":
        count = n_participants
        denominator = len(part) if part is not None else len(participant[1])
    else:
        count = np.asarray(n_sources, dtype=np.int64)
        denominator = n_source_values
    denom = np.full(k, denominator, dtype=np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        prevalence = np.where(denom > 0, count / np.maximum(denom, 1), np.nan)
    lo, hi = sample_interval(sample, count, denom, level)
    out = pd.DataFrame({
        "code": [_split(p)[-1] for p in order],
        "code_path": order,
        "level": np.array([len(_split(p)) - 1 for p in order], dtype=np.int64),
        "n_participants": n_participants.astype(np.int64),
        "n_segments": n_segments.astype(np.int64),
        "n_sources": n_sources,
        "unit": unit,
        "denominator": denom,
        "prevalence": prevalence,
        "sample": sample_label(sample),
        "ci_low": lo,
        "ci_high": hi,
        "confidence_level": level if sample == "probability" else np.nan,
    })[TALLY_COLUMNS]
    out.attrs["notes"] = sample_notes(sample, unit_label)
    return out

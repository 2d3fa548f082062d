"""Qualitative counts with the participant as the unit: tallies, crosstabs, co-occurrence.

One module per function: :func:`tally` (``tally``), :func:`crosstab`
(``crosstab``), :func:`cooccurrence` (``cooccurrence``),
:func:`case_matrix` (``case_matrix``) and :func:`agreement` (``agreement``,
intercoder agreement, its arithmetic in the private ``_intercoder``); the
shared frame checks and the code hierarchy live in the private ``_segments``, the column model and
:data:`PATH_SEPARATOR` in :mod:`mixedmethods._segments_model`.

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

Only ``participant`` and ``code`` are required (or ``code_path`` instead of
``code``: the last name of the path is then the code); the others are used
when present.  **Participants** — one row per participant: ``participant`` plus one
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

Intervals only where there is sampling
--------------------------------------
``tally`` and ``crosstab`` take ``sample=`` (``"probability"``,
``"purposive"``, ``"convenience"`` or ``"census"``; None: not stated) and
compute Wilson intervals for a probability sample only; otherwise
``ci_low``/``ci_high`` stay missing and ``attrs["notes"]`` says why.  The
plots :func:`mixedmethods.plot.theme_bars` and ``theme_by_group`` follow the
same rule and read the ``sample`` column of these tables.

Large projects: categorical ``participant``, ``code``/``code_path`` and
``source`` columns (``read_csv(..., dtype={"participant": "category", ...})``)
are counted from their integer codes, without hashing a text per row.
"""
from __future__ import annotations

from .._segments_model import PATH_SEPARATOR
from .agreement import agreement
from .case_matrix import case_matrix
from .cooccurrence import cooccurrence
from .crosstab import crosstab
from .tally import tally

__all__ = ["tally", "crosstab", "cooccurrence", "case_matrix", "agreement", "PATH_SEPARATOR"]


def __dir__():
    return list(__all__)

"""Audits of reported statistics: can the printed numbers all be true at once?

A printed number stands for an interval: ``2.78`` means anything in
``[2.775, 2.785]``.  The checks here ask whether some set of raw data could
produce every printed value, given those intervals.  All functions are
vectorised over array-likes and return tidy DataFrames with the reason when a
check fails.

Printed numbers follow one rule (:mod:`mixedmethods._printed`): a string keeps
the decimals it was printed with (``"2.8"`` has one, ``"2.80"`` two); a number
takes the function's ``decimals…=`` argument; a number with more decimals than
stated is an error.

- :func:`extract` and :func:`check` read APA-style results ("t(93) = 2.53,
  p = .05") from text and recompute p, with statcheck's rules
  (``extract.py``, ``check.py``); :func:`check_file` and :func:`check_folder`
  do it on PDF, HTML, Word and text files and whole folders (``files.py``);
- :func:`grim`, :func:`grimmer`, :func:`sd_bounds` and
  :func:`percent_counts` ask whether a mean, SD or percentage can come from
  whole-number answers of ``n`` people;
- :func:`sprite` builds samples that reproduce a mean and SD, or says why
  none can exist; :func:`count_samples` counts them;
- :func:`t_range` and :func:`feasible_group_sizes` ask which group sizes fit
  a reported two-group comparison (``feasibility.py``);
- :func:`check_table` runs a table of printed descriptives (mean, SD, n,
  percentages) through GRIM, GRIMMER, the SD bounds and the percentage
  check at once (``table.py``);
- :func:`decimals_of` and :func:`rounding_interval` read printed numbers.
"""
from __future__ import annotations

from .._printed import decimals_of, rounding_interval
from .check import CHECK_COLUMNS, check
from .extract import EXTRACT_COLUMNS, extract
from .feasibility import feasible_group_sizes, t_range
from .files import FolderAudit, check_file, check_folder
from .grim import grim
from .grimmer import grimmer
from .percentages import percent_counts
from .sd_bounds import sd_bounds
from .sprite import ImpossibleSummaryError, count_samples, sprite
from .table import CHECK_TABLE_COLUMNS, check_table

__all__ = [
    "extract", "check", "check_file", "check_folder", "FolderAudit", "decimals_of", "rounding_interval",
    "percent_counts", "grim", "grimmer",
    "sd_bounds", "sprite", "count_samples", "t_range", "feasible_group_sizes",
    "ImpossibleSummaryError", "EXTRACT_COLUMNS", "CHECK_COLUMNS", "check_table", "CHECK_TABLE_COLUMNS",
]


def __dir__():
    return list(__all__)

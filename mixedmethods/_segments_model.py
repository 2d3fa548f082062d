"""The tidy segment model shared by :mod:`mixedmethods.themes` and :mod:`mixedmethods.readers`.

**Segments**: one row per coded segment (one code applied to one span), with
the columns of :data:`SEGMENT_COLUMNS`; **participants**: one row per
participant, ``participant`` plus one column per attribute.  Code paths join
the names from the root with :data:`PATH_SEPARATOR`.
"""
from __future__ import annotations

__all__ = ["PATH_SEPARATOR", "SEGMENT_COLUMNS", "split_path"]

#: Joins code names from the root in ``code_path`` (``"support / family"``).
PATH_SEPARATOR = " / "

#: The model's column names, in order: only ``participant`` and ``code`` (or ``code_path``) are required.
SEGMENT_COLUMNS = ("participant", "code", "code_path", "source", "start", "end", "text", "coder", "segment")


def split_path(path):
    """A code path's names from the root, as a tuple."""
    return tuple(path.split(PATH_SEPARATOR))

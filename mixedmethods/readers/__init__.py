"""Read other tools' files into the tidy model of :mod:`mixedmethods.themes`, and write REFI-QDA.

- :func:`read_qdpx` (module ``qdpx``): a REFI-QDA project (``.qdpx``,
  written by ATLAS.ti, MAXQDA, NVivo, QualCoder, Quirkos, qc, ...) — codes
  with their hierarchy, sources, coded segments with their quotes,
  participants with attributes — as a :class:`QDAProject`;
- :func:`read_taguette` (module ``taguette``): Taguette's highlights export
  (``.csv`` / ``.xlsx``) or its whole-project export (``project.sqlite3``);
- :func:`read_codebook` (module ``codebook``): a REFI-QDA codebook
  (``.qdc``) as a table of codes with their paths, descriptions and colours;
- :func:`write_qdpx` (module ``qdpx_writer``): a :class:`QDAProject` or a
  segments table written as a REFI-QDA project that the programs above open.

A ``.qdpx`` is a zip of XML from strangers, so it is read in memory, never
extracted: XML entities and external references are refused (defusedxml),
member names that are absolute or climb with ``..`` are refused, and the
bytes read and the number of members are capped.
"""
from __future__ import annotations

from .codebook import read_codebook
from .qdpx import QDAProject, read_qdpx
from .qdpx_writer import write_qdpx
from .taguette import read_taguette

__all__ = ["QDAProject", "read_codebook", "read_qdpx", "read_taguette", "write_qdpx"]


def __dir__():
    return list(__all__)

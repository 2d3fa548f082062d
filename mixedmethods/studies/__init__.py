"""The bundled studies: what each paper published, as tidy tables, and its reproduction.

Each study lives in a folder of CSV files under ``data/`` in the source tree
(shipped inside the wheel as ``mixedmethods/_bundled_data``).  Every row names
its ``source`` (the file of the article's text) and quotes the sentence its
numbers come from (``quote``).  One module per study (``mexico_omi``,
``south_africa``, ``japan``, ``review_table6``, ``norway_metasynthesis``);
:mod:`~mixedmethods.studies.registry` finds and loads them,
:mod:`~mixedmethods.studies.report` holds what they return and
:mod:`~mixedmethods.studies.html_report` turns that into one self-contained
HTML page (:func:`report_html`, :func:`write_report_html`).

>>> from mixedmethods.studies import list_studies, load_study
>>> "mexico-omi" in list_studies()
True
>>> tables = load_study("mexico-omi")
>>> tables["recovery_possible"][["answer", "n_participants"]]
                            answer  n_participants
0  depends on a variety of factors              45
1                         possible              28
2                     not possible              16
"""
from __future__ import annotations

from .registry import data_root, describe_studies, list_studies, load_study, reproduce_study
from .html_report import report_html, write_report_html
from .report import CHECK_COLUMNS, StudyReport, checks_table

__all__ = ["list_studies", "load_study", "describe_studies", "reproduce_study", "data_root", "StudyReport",
           "checks_table", "CHECK_COLUMNS", "report_html", "write_report_html"]


def __dir__():
    return list(__all__)

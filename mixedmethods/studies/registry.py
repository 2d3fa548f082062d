"""Which studies are bundled, where their data lives, and how to load and reproduce one.

A study module of this package defines ``NAME`` (as typed on the command
line), ``TITLE``, ``DATA_FOLDER`` (its folder under ``data/``), ``ORDER`` (its
place in listings) and ``reproduce() -> StudyReport``; adding such a module
adds the study.  The study modules import nothing heavy at import time.

>>> list_studies()[:2]
['mexico-omi', 'south-africa']
"""
from __future__ import annotations

import importlib
from importlib import resources
from pathlib import Path

from .._validation import InputError

__all__ = ["list_studies", "load_study", "describe_studies", "reproduce_study", "study_module", "data_root"]

_PACKAGE = __name__.rpartition(".")[0]  # mixedmethods.studies


def _registry() -> dict:
    """``{name: module}`` for every study module of the package, in their ``ORDER``."""
    import pkgutil

    found = []
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_PACKAGE}.{info.name}")
        if all(hasattr(module, a) for a in ("NAME", "TITLE", "DATA_FOLDER", "ORDER", "reproduce")):
            found.append(module)
    return {m.NAME: m for m in sorted(found, key=lambda m: m.ORDER)}


def data_root() -> Path:
    """The folder holding the bundled study data.

    In an installed wheel it is ``mixedmethods/_bundled_data``; in a source
    checkout (or an editable install) it is ``data/`` beside the package.

    Examples
    --------
    >>> (data_root() / "mexico_omi").is_dir()
    True
    """
    packaged = resources.files("mixedmethods") / "_bundled_data"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2] / "data"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "the bundled study data is missing: reinstall mixedmethods, or run from a source checkout."
    )


def list_studies() -> list[str]:
    """Names of the bundled studies, for :func:`load_study` and ``mixedmethods reproduce``.

    Examples
    --------
    >>> list_studies()
    ['mexico-omi', 'south-africa', 'japan', 'review-table6', 'norway']
    """
    return list(_registry())


def describe_studies():
    """A table of the bundled studies: ``name``, ``title``, ``tables`` (the CSV files).

    Examples
    --------
    >>> describe_studies()["name"].tolist()
    ['mexico-omi', 'south-africa', 'japan', 'review-table6', 'norway']
    """
    import pandas as pd

    rows = []
    for name, module in _registry().items():
        files = sorted(p.stem for p in (data_root() / module.DATA_FOLDER).glob("*.csv"))
        rows.append({"name": name, "title": module.TITLE, "tables": ", ".join(files)})
    return pd.DataFrame(rows)


def study_module(name: str):
    """The module that holds a bundled study (its ``NAME``, ``TITLE``, ``reproduce()``).

    Raises
    ------
    InputError
        ``name`` is not one of :func:`list_studies`.
    """
    studies = _registry()
    if name not in studies:
        raise InputError(f"unknown study {name!r}; the bundled studies are {list(studies)}.")
    return studies[name]


def _convert(column):
    """Numbers where every non-empty cell is a number (empty cells become NaN), else text."""
    import pandas as pd

    filled = column[column != ""]
    converted = pd.to_numeric(filled.str.replace("−", "-", regex=False), errors="coerce")
    if len(filled) == 0 or converted.isna().any():
        return column
    out = pd.to_numeric(column.replace("", None).str.replace("−", "-", regex=False))
    if out.notna().all() and (out == out.round()).all() and not filled.str.contains(r"\.").any():
        return out.astype("int64")
    return out


def load_study(name: str, *, printed: bool = False) -> dict:
    """Load a bundled study's tables.

    Parameters
    ----------
    name : str
        One of :func:`list_studies`.
    printed : bool
        If True, every cell is returned as the text in the CSV, so that numbers
        keep their printed form (``"2.30"``, ``".84"``): what the rounding
        checks need.  If False (default), numeric columns become numbers and
        empty cells NaN.

    Returns
    -------
    dict of str to pandas.DataFrame
        One table per CSV file of the study, keyed by file name without
        ``.csv``; each has ``source`` and ``quote`` columns (provenance).
        See the study folder's README for the columns.

    Examples
    --------
    >>> tables = load_study("mexico-omi", printed=True)
    >>> tables["omi_ttests"].loc[0, ["mean1", "sd1"]].tolist()
    ['2.78', '2.30']
    """
    import pandas as pd

    folder = study_module(name).DATA_FOLDER
    tables = {}
    for path in sorted((data_root() / folder).glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        if not printed:
            table = table.apply(_convert)
        tables[path.stem] = table
    return tables


def reproduce_study(name: str):
    """Re-run a bundled study: what it printed beside what its numbers give.

    Returns
    -------
    StudyReport
        Print it (``print(report)``) in a terminal; in a notebook it renders
        as HTML.  ``report.tables`` holds the full-precision tables.

    Examples
    --------
    >>> report = reproduce_study("review-table6")
    >>> report.name, sorted(report.tables)[:2]
    ('review-table6', ['cells', 'checks'])
    """
    return study_module(name).reproduce()

"""The bundled studies: what each paper published, as tidy tables, and its reproduction.

Each study lives in a folder of CSV files under ``data/`` in the source tree
(shipped inside the wheel as ``mixedmethods/_bundled_data``).  Every row names
its ``source`` (the file of the article's text) and quotes the sentence its
numbers come from (``quote``).

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

import importlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .._validation import InputError

__all__ = ["list_studies", "load_study", "describe_studies", "reproduce_study", "StudyReport",
           "checks_table", "CHECK_COLUMNS"]

#: Columns of every study's ``checks`` table (see :func:`checks_table`).
CHECK_COLUMNS = ["check", "computed_from", "gives", "stated", "agrees", "note"]


_WORDS = dict(enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]))


def _word(n):
    """'four' for 4 (up to ten), else the digits: numbers in a study's report sentences."""
    return _WORDS.get(int(n), str(int(n)))


def checks_table(rows):
    """A study's arithmetic checks as one tidy table, the same for every study.

    Parameters
    ----------
    rows : iterable of dict
        Each with ``check`` (what is checked), ``gives`` (what the data give)
        and ``stated`` (what the text states), and optionally
        ``computed_from`` (the sum as written), ``note``, and ``agrees``:
        True or False when the comparison is not plain equality, None when
        the text states nothing to check against.  By default ``agrees`` is
        ``gives == stated``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CHECK_COLUMNS`; ``gives`` and ``stated`` as given,
        ``agrees`` as ``"yes"``, ``"no"`` or ``"cannot check"``.

    Examples
    --------
    >>> checks_table([{"check": "45 + 28 + 16 = analysed", "gives": 89, "stated": 89}])["agrees"].tolist()
    ['yes']
    """
    import pandas as pd

    out = []
    for row in rows:
        agrees = row.get("agrees", row["gives"] == row["stated"])
        if agrees is None or agrees is pd.NA:
            verdict = "cannot check"
        else:
            verdict = "yes" if bool(agrees) else "no"
        out.append({"check": row["check"], "computed_from": row.get("computed_from", ""),
                    "gives": row["gives"], "stated": row["stated"], "agrees": verdict,
                    "note": row.get("note", "")})
    return pd.DataFrame(out, columns=CHECK_COLUMNS)

def _registry() -> dict:
    """``{name: module}`` for every study module in this package, in their ``ORDER``.

    A study module defines ``NAME`` (as typed on the command line), ``TITLE``,
    ``DATA_FOLDER`` (its folder under ``data/``), ``ORDER`` (its place in
    listings) and ``reproduce() -> StudyReport``; adding such a module adds the
    study.  The modules import nothing heavy at import time.
    """
    import pkgutil

    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f".{info.name}", __name__)
        if all(hasattr(module, a) for a in ("NAME", "TITLE", "DATA_FOLDER", "ORDER", "reproduce")):
            found.append(module)
    return {m.NAME: m for m in sorted(found, key=lambda m: m.ORDER)}


def data_root() -> Path:
    """The folder holding the bundled study data.

    In an installed wheel it is ``mixedmethods/_bundled_data``; in a source
    checkout (or an editable install) it is ``data/`` beside the package.
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
    """Names of the bundled studies, for :func:`load_study` and ``mixedmethods reproduce``."""
    return list(_registry())


def describe_studies():
    """A table of the bundled studies: ``name``, ``title``, ``tables`` (the CSV files)."""
    import pandas as pd

    rows = []
    for name, module in _registry().items():
        files = sorted(p.stem for p in (data_root() / module.DATA_FOLDER).glob("*.csv"))
        rows.append({"name": name, "title": module.TITLE, "tables": ", ".join(files)})
    return pd.DataFrame(rows)


def _study_module(name: str):
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
    """
    import pandas as pd

    folder = _study_module(name).DATA_FOLDER
    tables = {}
    for path in sorted((data_root() / folder).glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        if not printed:
            table = table.apply(_convert)
        tables[path.stem] = table
    return tables


@dataclass
class StudyReport:
    """What :func:`reproduce_study` returns: titled sections of tables and text.

    Attributes
    ----------
    name, title : str
        The study.
    sections : list of (heading, pandas.DataFrame or str)
        The report, in reading order.
    tables : dict of str to pandas.DataFrame
        The full-precision tables behind the sections, for further analysis.
    ok : bool
        False when the reproduction itself could not be carried out (not when
        the paper's numbers disagree: that is in ``tables["checks"]``).  A
        study's ``reproduce()`` raises rather than return such a report;
        ``mixedmethods reproduce`` catches the error, reports the study with
        ``ok=False`` and exits 1.
    """

    name: str
    title: str
    sections: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    ok: bool = True

    def add(self, heading: str, body) -> None:
        """Append a section (a DataFrame or a paragraph of text)."""
        self.sections.append((heading, body))

    def to_text(self, width: int = 100) -> str:
        """The report as plain text for a terminal."""
        import textwrap

        import pandas as pd

        bar = "=" * min(width, 100)
        out = [bar, f"{self.name}: {self.title}", bar]
        for heading, body in self.sections:
            out += ["", heading, "-" * min(len(heading), width)]
            if isinstance(body, pd.DataFrame):
                with pd.option_context("display.width", width, "display.max_columns", None,
                                       "display.max_colwidth", 60, "display.max_rows", 200):
                    out.append(body.to_string(index=False))
            else:
                for paragraph in str(body).split("\n"):
                    out.append(textwrap.fill(paragraph, width=width) if paragraph else "")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        import html

        import pandas as pd

        parts = [f"<h3>{html.escape(self.name)}: {html.escape(self.title)}</h3>"]
        for heading, body in self.sections:
            parts.append(f"<h4>{html.escape(heading)}</h4>")
            if isinstance(body, pd.DataFrame):
                parts.append(body.to_html(index=False))
            else:
                parts += [f"<p>{html.escape(p)}</p>" for p in str(body).split("\n") if p]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.to_text()

    def summary(self) -> dict:
        """Counts of the study's checks: ``study``, ``checks``, ``agree``, ``disagree``, ``cannot_check``."""
        checks = self.tables.get("checks")
        verdicts = list(checks["agrees"]) if checks is not None else []
        return {"study": self.name, "checks": len(verdicts), "agree": verdicts.count("yes"),
                "disagree": verdicts.count("no"), "cannot_check": verdicts.count("cannot check")}


def reproduce_study(name: str) -> StudyReport:
    """Re-run a bundled study: what it printed beside what its numbers give.

    Returns
    -------
    StudyReport
        Print it (``print(report)``) in a terminal; in a notebook it renders
        as HTML.  ``report.tables`` holds the full-precision tables.
    """
    return _study_module(name).reproduce()

"""What a study's reproduction returns: :class:`StudyReport`, and its table of checks.

Every study module builds a :class:`StudyReport` (titled sections of tables
and text) and puts its arithmetic checks in one tidy table of
:data:`CHECK_COLUMNS` made by :func:`checks_table`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["StudyReport", "checks_table", "CHECK_COLUMNS"]

#: Columns of every study's ``checks`` table (see :func:`checks_table`).
CHECK_COLUMNS = ["check", "computed_from", "gives", "stated", "agrees", "note"]


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


@dataclass
class StudyReport:
    """What :func:`~mixedmethods.studies.reproduce_study` returns: titled sections of tables and text.

    Attributes
    ----------
    name, title : str
        The study.
    sections : list of (heading, pandas.DataFrame or str)
        The report, in reading order.
    tables : dict of str to pandas.DataFrame
        The full-precision tables behind the sections, for further analysis.
    unit_label : str
        What the study's participants are, plural: ``"participants"``, or
        ``"papers"`` for a meta-synthesis, as the report's figures name them.
    ok : bool
        False when the reproduction itself could not be carried out (not when
        the paper's numbers disagree: that is in ``tables["checks"]``).  A
        study's ``reproduce()`` raises rather than return such a report;
        ``mixedmethods reproduce`` catches the error, reports the study with
        ``ok=False`` and exits 1.

    Examples
    --------
    >>> report = StudyReport("demo", "A demonstration")
    >>> report.add("Totals", "45 + 28 + 16 = 89 analysed, as the text states.")
    >>> print(report.to_text(width=40))
    ========================================
    demo: A demonstration
    ========================================
    <BLANKLINE>
    Totals
    ------
    45 + 28 + 16 = 89 analysed, as the text
    states.
    """

    name: str
    title: str
    sections: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)
    ok: bool = True
    unit_label: str = "participants"

    def add(self, heading: str, body) -> None:
        """Append a section (a DataFrame or a paragraph of text)."""
        self.sections.append((heading, body))

    def to_text(self, width: int | None = None) -> str:
        """The report as plain text, at most ``width`` characters wide.

        ``width`` defaults to the terminal's (``COLUMNS`` if set, else the
        terminal's width, else 100).  Tables wrap their text cells inside
        their columns; numbers are never cut.
        """
        import pandas as pd

        from .._terminal import fill, render_table, terminal_width

        width = terminal_width(width)
        bar = "=" * min(width, 100)
        out = [bar, fill(f"{self.name}: {self.title}", width), bar]
        for heading, body in self.sections:
            heading = fill(heading, width)
            out += ["", heading, "-" * max(len(line) for line in heading.split("\n"))]
            if isinstance(body, pd.DataFrame):
                out.append(render_table(body, width))
            else:
                out.append(fill(body, width))
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

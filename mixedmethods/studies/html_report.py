"""A reproduction as one self-contained HTML page, to send to a co-author.

:func:`report_html` turns a :class:`~mixedmethods.studies.StudyReport` (a
bundled study's reproduction, or a printed table re-run by ``mixedmethods
reproduce FILE.csv``) into one HTML document: the verdicts and what does not
add up first, then the figures, then every other section in the order the
terminal prints them.  Every table cell shows the text the terminal shows for
it (pandas' own text for the cell, with its decimals), so the numbers are the
terminal's numbers.  Figures are drawn from the report's tables whose shape a
:mod:`mixedmethods.plot` function knows (theme counts, counts by group,
group comparisons, a selection flow) and embedded as SVG images in data URLs;
the page loads nothing from anywhere (no scripts, no fonts, no CDN) and every
text is escaped.  :func:`write_report_html` writes it, never over an
existing file unless asked.
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from .._terminal import cell_texts
from .._validation import InputError
from .report import StudyReport

__all__ = ["report_html", "write_report_html", "FIRST_SECTIONS"]

#: A section whose heading contains one of these words comes first in the page.
FIRST_SECTIONS = ("verdict", "does not add up", "failed")

_CARD_TEXT = 60  # characters: a cell longer than this makes its table a list of cards on a phone
_VERDICT_COLUMNS = ("agrees", "consistent", "adds_up")  # a "no" in one of these is a problem
_VERDICT_CLASSES = {"no": "bad", "false": "bad", "yes": "good", "true": "good", "cannot check": "open"}

_CSS = """
:root{--ink:#1d2430;--muted:#5b6472;--line:#d9dee5;--band:#f5f7fa;--accent:#0b5cad;
--bad:#a3240f;--bad-bg:#fdece8;--good:#1d6b33;--good-bg:#e8f5ec;--open:#6b5a00;--open-bg:#fbf5dc}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:72rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
header.top{border-bottom:3px solid var(--accent);padding-bottom:.75rem;margin-bottom:1rem}
.kicker{margin:0;color:var(--muted);font-size:.85rem;letter-spacing:.04em;text-transform:uppercase}
h1{font-size:1.7rem;line-height:1.25;margin:.2rem 0 0}
h2{font-size:1.25rem;line-height:1.3;margin:2.2rem 0 .6rem;padding-top:.4rem;border-top:1px solid var(--line)}
p{margin:.45rem 0;max-width:48rem}
.status{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
.status span{padding:.3rem .7rem;border-radius:999px;font-weight:600;font-size:.92rem;background:var(--band)}
.status .bad{background:var(--bad-bg);color:var(--bad)}
.status .good{background:var(--good-bg);color:var(--good)}
.status .open{background:var(--open-bg);color:var(--open)}
nav.toc{background:var(--band);border:1px solid var(--line);border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
nav.toc p{margin:0 0 .3rem;font-weight:600}
nav.toc ol{margin:0;padding-left:1.3rem}
nav.toc a{color:var(--accent);text-decoration:none}
nav.toc a:hover{text-decoration:underline}
section.first{background:var(--band);border-left:4px solid var(--accent);padding:.1rem 1rem .6rem;margin:1.2rem 0}
section.first.problems{background:#fffaf5;border-left-color:var(--bad)}
section.first h2{border-top:0;margin-top:.8rem}
.table-wrap{overflow-x:auto;margin:.6rem 0 1rem;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;font-size:.88rem;min-width:100%}
th,td{padding:.35rem .6rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
th{background:var(--band);font-weight:600;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tbody tr:nth-child(even) td{background:#fbfcfd}
td.bad{color:var(--bad);font-weight:700}
td.good{color:var(--good)}
td.open{color:var(--open)}
figure{margin:1rem 0 1.6rem;text-align:center}
figure img{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;background:#fff}
figcaption{color:var(--muted);font-size:.88rem;margin-top:.3rem}
footer{margin-top:3rem;border-top:1px solid var(--line);padding-top:.8rem;color:var(--muted);font-size:.85rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
h1,h2,p{overflow-wrap:anywhere}
@media (max-width:40rem){body{font-size:15px}.page{padding:1rem .75rem 2rem}h1{font-size:1.35rem}
h2{font-size:1.1rem}th,td{padding:.3rem .45rem}
section.first{padding:.1rem .7rem .5rem}
.cards table,.cards tbody,.cards tr,.cards td{display:block;min-width:0}
.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.cards tr{padding:.35rem 0;border-bottom:2px solid var(--line)}
.cards tbody tr:nth-child(even) td{background:none}
.cards td{border:0;padding:.12rem .6rem;text-align:left;white-space:normal;overflow-wrap:anywhere}
.cards td::before{content:attr(data-label);display:block;font-size:.75rem;font-weight:600;color:var(--muted)}}
@media print{nav.toc{display:none}section.first{break-inside:avoid}th{position:static}}
"""


def _anchor(i, heading):
    slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")[:40]
    return f"s{i}-{slug}" if slug else f"s{i}"


def _paragraphs(text):
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in str(text).split("\n") if line.strip())


def _table(frame):
    """``frame`` as an HTML table whose cells are the terminal's cell texts (escaped)."""
    import pandas as pd

    columns = cell_texts(frame)
    numeric = [pd.api.types.is_numeric_dtype(frame.iloc[:, j]) and not pd.api.types.is_bool_dtype(frame.iloc[:, j])
               for j in range(frame.shape[1])]
    names = [html.escape(str(c)) for c in frame.columns]
    head = "".join(f'<th scope="col">{name}</th>' for name in names)
    rows = []
    for row in zip(*columns):
        cells = []
        for text, is_number, name in zip(row, numeric, names):
            kind = "num" if is_number else _VERDICT_CLASSES.get(text.lower(), "")
            css = f' class="{kind}"' if kind else ""
            cells.append(f'<td{css} data-label="{name}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # a table with paragraphs in its cells becomes one card per row on a phone; others scroll sideways
    cards = " cards" if any(len(text) > _CARD_TEXT for column in columns for text in column) else ""
    return (f'<div class="table-wrap{cards}"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></div>")


def _facets(table, label):
    """``table`` split by its first column when that column names a few groups of rows (e.g. a question)."""
    import pandas as pd

    first = table.columns[0]
    if first == label or pd.api.types.is_numeric_dtype(table[first]):
        return [(None, table)]
    values = list(dict.fromkeys(table[first]))
    if not 1 < len(values) <= 5 or len(values) > len(table) / 2:
        return [(None, table)]
    return [(value, table[table[first] == value]) for value in values]


def _figure_calls(key, table, unit_label="participants"):
    """(caption, function name, table, keyword arguments) for each figure a table's shape allows.

    ``unit_label`` names what the participants are (the report's), in the captions and the theme plots."""
    columns = set(table.columns)
    units = unit_label.capitalize()
    if {"dv", "test", "mean1", "mean2", "sd1", "sd2", "n1", "n2", "p_adjusted"} <= columns:
        return [(f"Group means with their confidence intervals (table {key})", "group_means", table,
                 {"test": str(table["test"].iloc[0]), "order": "input"})]
    if {"stage", "n", "reason"} <= columns:
        # the reasons are sentences in the table below; in side boxes they would run into each other
        title = {} if unit_label == "participants" else {"title": f"Selection of {unit_label}"}
        return [(f"Selection flow (table {key}; why each group left is in the table)", "flow",
                 table.drop(columns="reason"), title)]
    label = "code" if "code" in columns else "theme" if "theme" in columns else None
    if label is None or not {"n_participants", "denominator"} <= columns:
        return []
    if "group" in columns:
        return [(f"{units} per theme and group (table {key})", "theme_by_group", table,
                 {"label": label, "between": "group", "unit_label": unit_label})]
    return [(f"{units} per theme{'' if facet is None else f': {facet}'} (table {key})", "theme_bars", part,
             {"label": label, "unit_label": unit_label, "title": None if facet is None else str(facet)})
            for facet, part in _facets(table, label)]


def _svg(function, table, kwargs):
    """The figure ``plot.function(table, **kwargs)`` draws, as SVG text (text kept as text)."""
    import matplotlib
    import matplotlib.pyplot as plt

    from .. import plot

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "mixedmethods"}):
        # a new, empty current figure: the plot sizes it as it does on its own (to its rows and groups),
        # where a figure of matplotlib's default size crowded 35 bars of 7 groups into 4.8 inches
        figure = plt.figure()
        try:
            getattr(plot, function)(table, **kwargs)
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
        finally:
            plt.close(figure)
    return buffer.getvalue()


def _figures(report):
    out = []
    for key, table in report.tables.items():
        for caption, function, part, kwargs in _figure_calls(key, table, report.unit_label):
            data = base64.b64encode(_svg(function, part, kwargs).encode("utf-8")).decode("ascii")
            out.append(f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{html.escape(caption)}">'
                       f"<figcaption>Figure {len(out) + 1}. {html.escape(caption)}; drawn by "
                       f"<code>mixedmethods.plot.{function}</code>.</figcaption></figure>")
    return out


def _status(report):
    if not report.ok:
        return '<div class="status"><span class="bad">The reproduction could not be carried out</span></div>'
    summary = report.summary()
    if not summary["checks"]:
        return ""
    spans = [("bad", summary["disagree"], "do not agree"), ("good", summary["agree"], "agree"),
             ("open", summary["cannot_check"], "cannot be checked")]
    return (f'<div class="status" aria-label="checks of the published numbers"><span>{summary["checks"]} checks '
            "of the published numbers</span>"
            + "".join(f'<span class="{c}">{n} {text}</span>' for c, n, text in spans if n) + "</div>")


def _has_problems(report):
    """Whether the report failed, or a check or a verdict column of its tables says "no"."""
    import pandas as pd

    if not report.ok or report.summary()["disagree"]:
        return True
    return any(content[column].astype(str).str.lower().isin(["no", "false"]).any()
               for _, content in report.sections if isinstance(content, pd.DataFrame)
               for column in content.columns if column in _VERDICT_COLUMNS)


def report_html(report, *, figures=True, command=None) -> str:
    """A reproduction as one self-contained HTML document.

    Parameters
    ----------
    report : StudyReport
        What :func:`~mixedmethods.studies.reproduce_study` returns (or any
        report of titled sections).
    figures : bool
        Draw the figures the report's tables allow (embedded as SVG data
        URLs).  False leaves them out (faster, smaller).
    command : str, optional
        The command that made the report, named at the foot of the page.

    Returns
    -------
    str
        The HTML page: the sections whose heading has one of
        ``FIRST_SECTIONS`` (the verdicts, what does not add up) first,
        then the figures, then the other sections in their order.  Every
        table cell shows the same text as ``report.to_text()``; all text is
        escaped, and nothing is loaded from outside the file.

    Examples
    --------
    >>> report = StudyReport("demo", "A <demonstration>")
    >>> report.add("Totals", "45 + 28 + 16 = 89 analysed, as the text states.")
    >>> report.add("What does not add up", "Nothing.")
    >>> page = report_html(report)
    >>> page.startswith("<!DOCTYPE html>"), "A &lt;demonstration&gt;" in page
    (True, True)
    >>> page.index("What does not add up") < page.index("Totals")
    True
    """
    import pandas as pd

    from .. import __version__

    if not isinstance(report, StudyReport):
        raise InputError(f"report must be a StudyReport (what reproduce_study returns), got {type(report).__name__}.")
    sections = list(enumerate(report.sections))
    first = [(i, s) for i, s in sections if any(w in s[0].lower() for w in FIRST_SECTIONS)]
    rest = [(i, s) for i, s in sections if (i, s) not in first]
    drawn = _figures(report) if figures else []
    first_css = "first problems" if _has_problems(report) else "first"
    toc, body = [], []
    for group, css in ((first, first_css), (None, "figures"), (rest, "")):
        if group is None:
            if drawn:
                toc.append('<li><a href="#figures">Figures</a></li>')
                body.append('<section id="figures"><h2>Figures</h2>\n' + "\n".join(drawn) + "</section>")
            continue
        for i, (heading, content) in group:
            anchor = _anchor(i, heading)
            toc.append(f'<li><a href="#{anchor}">{html.escape(heading)}</a></li>')
            inner = _table(content) if isinstance(content, pd.DataFrame) else _paragraphs(content)
            attributes = f' id="{anchor}"' + (f' class="{css}"' if css else "")
            body.append(f"<section{attributes}><h2>{html.escape(heading)}</h2>\n{inner}</section>")
    toc_items, sections_html = "\n".join(toc), "\n".join(body)
    title = f"{report.name}: {report.title}"
    made = f"Made with mixedmethods {__version__}" + (
        f" (<code>{html.escape(command)}</code>)" if command else "") + ". Tables show the numbers the terminal prints."
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mixedmethods {__version__}">
<title>{html.escape(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<div class="page">
<header class="top"><p class="kicker">mixedmethods reproduction report</p>
<h1>{html.escape(title)}</h1></header>
{_status(report)}
<nav class="toc" aria-label="Contents"><p>Contents</p><ol>
{toc_items}
</ol></nav>
<main>
{sections_html}
</main>
<footer>{made}</footer>
</div>
</body>
</html>
"""


def write_report_html(report, path, *, overwrite=False, **kwargs) -> Path:
    """Write :func:`report_html` of ``report`` to ``path`` (UTF-8); return the path.

    Parameters
    ----------
    report : StudyReport
        The report.
    path : str or pathlib.Path
        The file to write; its folder must exist.
    overwrite : bool
        Replace ``path`` if it exists.  By default an existing file is never
        touched: :class:`~mixedmethods.InputError` names it.
    **kwargs
        Passed on to :func:`report_html` (``figures=``, ``command=``).

    Returns
    -------
    pathlib.Path
        The file written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_report_html(StudyReport("demo", "A demonstration"), folder / "demo.html").name
    'demo.html'
    >>> write_report_html(StudyReport("demo", "Again"), folder / "demo.html")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mixedmethods._validation.InputError: ... exists; it is not overwritten (overwrite=True replaces it).
    """
    path = Path(path)
    page = report_html(report, **kwargs)
    mode = "w" if overwrite else "x"
    try:
        with open(path, mode, encoding="utf-8") as out:
            out.write(page)
    except FileExistsError:
        raise InputError(f"{path} exists; it is not overwritten (overwrite=True replaces it).") from None
    return path

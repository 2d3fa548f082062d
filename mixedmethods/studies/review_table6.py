"""Reproduction of Table 6 of a systematic mixed studies review (seed ``002_29ac5ae75048c9f3.txt``).

Table 6 of "Factors influencing the implementation of mental health recovery
into services: a systematic mixed studies review" lists, for the domain
"Characteristics of Individuals", each innovation group's themes with an
example that cites the included studies by their reference numbers.  The
text holds only this table: no reference list, and not how many studies each
innovation group has.

Here the *study* is the unit of every count, as the participant is in
:mod:`mixedmethods.themes`: one "segment" is one (innovation group, theme,
study reference) citation (``data/review_table6/citations.csv``).  The
reproduction asks:

1. How many studies support each theme, each innovation group and each
   cell (group × theme), and which cells rest on a single study?
2. Does the transcription hold?  The references are re-read from each row's
   quote and compared with the transcribed rows; each printed bracket must
   list whole numbers in ascending order (the journal's style); no
   (group, theme, reference) row may repeat.
3. Do the totals agree when counted two ways (printed citations, distinct
   studies per theme and per group by inclusion–exclusion)?

A count of citing studies says how many studies contributed data to a cell;
it is not a measure of a theme's importance or of an effect.
"""
from __future__ import annotations

import re

import numpy as np

from .registry import load_study
from .report import StudyReport, checks_table

NAME = "review-table6"
TITLE = "Systematic mixed studies review, Table 6: innovation groups × themes with the studies cited"
DATA_FOLDER = "review_table6"
ORDER = 4

_BRACKET = re.compile(r"\[([^\[\]]*)\]")


def citations():
    """The transcribed table: one row per (innovation group, theme, study reference).

    Returns
    -------
    pandas.DataFrame
        ``table_row`` (1–10, the row of Table 6), ``innovation_group``,
        ``theme``, ``group_printed`` (``"yes"``, or ``"no"`` where the row
        prints no group and it is carried down from the row above),
        ``reference`` (the review's reference number of the study),
        ``times_cited`` (bracketed citations of that study in the row's
        example), ``source``, ``quote`` (the row as extracted).
    """
    return load_study(NAME)["citations"]


def references_in(text):
    """Every reference number cited in square brackets, in printed order, repeats kept.

    Parameters
    ----------
    text : str
        A table row or example.

    Returns
    -------
    list of int

    Examples
    --------
    >>> references_in("patience [99, 111], being warm and understanding [106, 109]")
    [99, 111, 106, 109]
    """
    found = []
    for inside in _BRACKET.findall(text):
        found += [int(x) for x in inside.split(",")]
    return found


def _ordered(values):
    """Distinct values in order of first appearance."""
    import pandas as pd

    return list(pd.unique(pd.Series(values)))


def _label(reference):
    return f"[{int(reference)}]"


def _references(values):
    return ", ".join(str(int(v)) for v in sorted(set(values)))


def _tally(table, code_path):
    """:func:`mixedmethods.themes.tally` with the study as the unit, in table order."""
    from ..themes import tally

    segments = table.assign(
        participant=table["reference"].map(_label), code_path=code_path,
        code=code_path.str.split(" / ").str[-1],
    )[["participant", "code", "code_path"]]
    return tally(segments, sample="census").set_index("code_path")   # every study the review includes


def cells(table=None):
    """One row per cell of Table 6 (innovation group × theme), in printed order.

    Returns
    -------
    pandas.DataFrame
        ``table_row``, ``innovation_group``, ``theme``, ``group_printed``,
        ``n_studies`` (distinct studies cited, from
        :func:`mixedmethods.themes.tally` with the study as the unit),
        ``n_citations`` (bracketed citations, repeats included),
        ``references`` (the distinct reference numbers, ascending),
        ``repeated`` (references cited more than once in the cell, e.g.
        ``"106 ×2, 111 ×3"``), ``single_study``.
    """
    import pandas as pd

    table = citations() if table is None else table
    counts = _tally(table, table["innovation_group"] + " / " + table["theme"])
    rows = []
    for (row, group, theme), part in table.groupby(["table_row", "innovation_group", "theme"], sort=True):
        n = int(counts.loc[f"{group} / {theme}", "n_participants"])
        rows.append({
            "table_row": row, "innovation_group": group, "theme": theme,
            "group_printed": part["group_printed"].iloc[0],
            "n_studies": n, "n_citations": int(part["times_cited"].sum()),
            "references": _references(part["reference"]),
            "repeated": ", ".join(f"{r} ×{t}" for r, t in zip(part["reference"], part["times_cited"]) if t > 1),
            "single_study": n == 1,
        })
    return pd.DataFrame(rows)


def _studies_per(table, column, code_paths):
    """(value, its rows, distinct studies) for each value of ``column``, in the table's order.

    The distinct studies are counted by :func:`mixedmethods.themes.tally` with
    the study as the unit, on ``code_paths`` whose top level is ``column``.
    """
    counts = _tally(table, code_paths)
    for value in _ordered(table[column]):
        yield value, table[table[column] == value], int(counts.loc[value, "n_participants"])


def studies_per_theme(table=None):
    """Distinct studies cited under each theme, over all innovation groups.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``n_studies``, ``n_groups`` (innovation groups listing
        the theme), ``references``, ``single_study``.
    """
    import pandas as pd

    table = citations() if table is None else table
    return pd.DataFrame([
        {"theme": theme, "n_studies": n, "n_groups": part["innovation_group"].nunique(),
         "references": _references(part["reference"]), "single_study": n == 1}
        for theme, part, n in _studies_per(table, "theme", table["theme"])
    ])


def studies_per_group(table=None):
    """Distinct studies cited under each innovation group, over both themes.

    Returns
    -------
    pandas.DataFrame
        ``innovation_group``, ``n_studies``, ``n_themes`` (themes listed for
        the group), ``references``, ``lowest``, ``highest`` (its reference
        numbers' range).
    """
    import pandas as pd

    table = citations() if table is None else table
    return pd.DataFrame([
        {"innovation_group": group, "n_studies": n, "n_themes": part["theme"].nunique(),
         "references": _references(part["reference"]),
         "lowest": int(part["reference"].min()), "highest": int(part["reference"].max())}
        for group, part, n in _studies_per(table, "innovation_group",
                                           table["innovation_group"] + " / " + table["theme"])
    ])


def checks(table=None):
    """The transcription and the totals, each counted two ways.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`mixedmethods.studies.checks_table` (``stated``
        is what the printed table implies).
    """
    import pandas as pd

    from ..themes import cooccurrence

    table = citations() if table is None else table
    by_row = table.groupby("table_row", sort=True)
    quotes = by_row["quote"].first()
    reread = {row: references_in(q) for row, q in quotes.items()}
    agree = sum(
        sorted(set(reread[row])) == sorted(part["reference"])
        and all(reread[row].count(r) == t for r, t in zip(part["reference"], part["times_cited"]))
        for row, part in by_row
    )
    brackets = [b for q in quotes for b in _BRACKET.findall(q)]
    ascending = 0
    for b in brackets:
        parts = [p.strip() for p in b.split(",")]
        numbers = [int(p) for p in parts if p.isdigit()]
        ascending += len(numbers) == len(parts) and numbers == sorted(set(numbers))
    repeats = int(table.duplicated(["innovation_group", "theme", "reference"]).sum())
    n_cited = sum(len(v) for v in reread.values())
    studies = set(table["reference"])
    per_theme = studies_per_theme(table)
    both = cooccurrence(table.assign(participant=table["reference"].map(_label), code=table["theme"])
                        [["participant", "code"]])
    per_group = studies_per_group(table)
    shared = table.groupby("reference")["innovation_group"].nunique()
    theme_sum = int(per_theme["n_studies"].sum())
    group_sum = int(per_group["n_studies"].sum())
    rows = [
        ("references re-read from each row's quote = the transcribed rows",
         "rows of Table 6 whose bracketed references (and repeats) match", agree, len(quotes)),
        ("each printed bracket lists whole numbers in ascending order",
         "brackets in ascending order", ascending, len(brackets)),
        ("no (innovation group, theme, reference) row repeats", "repeated rows", repeats, 0),
        ("printed citations = Σ times_cited", f"Σ times_cited over {len(table)} rows",
         int(table["times_cited"].sum()), n_cited),
        ("distinct studies: per theme, minus those under both themes",
         f"{' + '.join(map(str, per_theme['n_studies']))} − {int(both['n_both'].sum())}",
         theme_sum - int(both["n_both"].sum()), len(studies)),
        ("distinct studies: per group, minus repeats across groups",
         f"{' + '.join(map(str, per_group['n_studies']))} − {int((shared - 1).sum())}",
         group_sum - int((shared - 1).sum()), len(studies)),
    ]
    return checks_table([{"check": c, "computed_from": how, "gives": int(g), "stated": int(e)}
                         for c, how, g, e in rows])


def grid(table=None, *, cell_table=None):
    """Innovation groups × themes: studies in each cell, 0 where the table lists no cell.

    Returns
    -------
    pandas.DataFrame
        Index ``innovation_group`` (printed order), one column per theme;
        values are distinct studies cited.  A 0 means the group's studies
        contributed no data to the theme (the table's footnote).

    ``cell_table`` (optional) is :func:`cells` of the same table, computed
    when None.
    """
    table = citations() if table is None else table
    cell_table = cells(table) if cell_table is None else cell_table
    # a cell split over several table rows repeats its n_studies on each: take it once
    out = cell_table.pivot_table(index="innovation_group", columns="theme", values="n_studies",
                                 aggfunc="max", fill_value=0)
    out = out.loc[_ordered(table["innovation_group"]), _ordered(table["theme"])]
    out.columns.name = None
    return out.astype("int64")


def plot_table(table=None, *, title="Studies cited in each cell of Table 6", ax=None, **kwargs):
    """Heatmap of innovation groups × themes: the number of studies and their references.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        :func:`citations` (the default) or a subset of it.
    title : str
        Axes title ("" for none).
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default the current Axes (``plt.gca()``), sized to the
        table when the current figure is new or empty.
    **kwargs
        Passed to ``Axes.imshow``.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Colour runs from white to the palette's blue with the number of distinct
    studies; cells the table does not list (no data from that group's
    studies) are grey and say so.  The count is also printed, so colour is
    never the only carrier of meaning.

    Examples
    --------
    >>> ax = plot_table()
    >>> ax.images[0].get_array()[2, 1]   # peer workers, characteristics of providers
    np.float64(4.0)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    from .._style import PALETTE, text_color as _text_color, wrap as _wrap
    from ..plot._base import axes

    table = citations() if table is None else table
    counts = grid(table)
    refs = table.groupby(["innovation_group", "theme"])["reference"].agg(_references)
    k, m = counts.shape
    ax = axes(ax, 3.2 + 2.9 * m, 0.9 + 0.72 * k)
    shown = counts.to_numpy(dtype=float, copy=True)
    shown[shown == 0] = np.nan
    cmap = LinearSegmentedColormap.from_list("mm_blue", ["#FFFFFF", PALETTE["blue"]]).with_extremes(bad="#E6E6E6")
    kwargs.setdefault("cmap", cmap)
    kwargs.setdefault("vmin", 0)
    kwargs.setdefault("vmax", max(1.0, float(np.nanmax(shown))))
    kwargs.setdefault("aspect", "auto")
    image = ax.imshow(np.ma.masked_invalid(shown), **kwargs)
    for i, group in enumerate(counts.index):
        for j, theme in enumerate(counts.columns):
            n = int(counts.iloc[i, j])
            if n == 0:
                ax.text(j, i, "not listed\n(no data)", ha="center", va="center", fontsize=8,
                        color="#555555", style="italic")
                continue
            label = f"{n} {'study' if n == 1 else 'studies'}\n[{refs[(group, theme)]}]"
            ax.text(j, i, _wrap(label, 36), ha="center", va="center", fontsize=8.5,
                    color=_text_color(image.cmap(image.norm(n))[:3]))
    ax.set_xticks(np.arange(m), [_wrap(t, 28) for t in counts.columns])
    ax.set_yticks(np.arange(k), list(counts.index))
    ax.xaxis.tick_top()
    ax.tick_params(length=0)
    ax.set_xticks(np.arange(m + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(k + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="#FFFFFF", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    ax.set_ylabel("Innovation group")
    bar = plt.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label("Distinct studies cited in the cell")
    if title:
        ax.set_title(title)
    return ax


def study_matrix(table=None):
    """Studies × cells, 1 where a study is cited in the cell (:func:`mixedmethods.themes.case_matrix`).

    Returns
    -------
    pandas.DataFrame
        ``reference`` (ascending), then one 0/1 column per cell named
        ``"innovation group / theme"``, in the table's order.
    """
    from ..themes import case_matrix

    table = citations() if table is None else table
    table = table.sort_values(["reference", "table_row"])
    paths = table["innovation_group"] + " / " + table["theme"]
    segments = table.assign(participant=table["reference"], code=table["theme"], code_path=paths)
    out = case_matrix(segments[["participant", "code", "code_path"]], roll_up=False)
    order = _ordered(paths.loc[table.sort_values("table_row").index])
    return out[["participant", *order]].rename(columns={"participant": "reference"})


def plot_studies(table=None, *, title="Where each study is cited in Table 6", ax=None):
    """UpSet-style dot matrix: one row per study, one column per innovation group, a mark per theme.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        :func:`citations` (the default) or a subset of it.
    title : str
        Axes title ("" for none).
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default the current Axes (``plt.gca()``), sized to the
        table when the current figure is new or empty.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Each theme has its own colour *and* marker and a fixed side of the
    column (first theme left, second right), so the figure reads in grey
    too.  On the right, the number of cells each study is cited in.

    Examples
    --------
    >>> ax = plot_studies()
    >>> [t.get_text() for t in ax.get_yticklabels()][:3]
    ['[86]', '[92]', '[94]']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    from .._style import PALETTE, wrap as _wrap
    from ..plot._base import axes

    table = citations() if table is None else table
    matrix = study_matrix(table)
    groups = _ordered(table.sort_values("table_row")["innovation_group"])
    themes = _ordered(table.sort_values("table_row")["theme"])
    styles = [(PALETTE["blue"], "o"), (PALETTE["orange"], "s"), (PALETTE["bluish_green"], "D"),
              (PALETTE["vermillion"], "^")]
    k = len(matrix)
    ax = axes(ax, 2.5 + 1.05 * len(groups), 1.6 + 0.27 * k)
    offsets = np.linspace(-0.16, 0.16, len(themes)) if len(themes) > 1 else [0.0]
    for j, (theme, offset) in enumerate(zip(themes, offsets)):
        color, marker = styles[j % len(styles)]
        xs, ys = [], []
        for g, group in enumerate(groups):
            column = f"{group} / {theme}"
            if column in matrix:
                rows = np.flatnonzero(matrix[column].to_numpy() == 1)
                xs += [g + offset] * len(rows)
                ys += rows.tolist()
        ax.scatter(xs, ys, s=42, color=color, marker=marker, label=theme, zorder=3)
    for y in range(k):
        ax.axhline(y, color="#E6E6E6", lw=0.8, zorder=1)
    for g in range(len(groups) - 1):
        ax.axvline(g + 0.5, color="#BBBBBB", lw=0.8, zorder=1)
    n_cells = matrix.drop(columns="reference").sum(axis=1).to_numpy()
    for y, n in enumerate(n_cells):
        ax.annotate(f"in {n} {'cell' if n == 1 else 'cells'}", xy=(len(groups) - 0.5, y), xytext=(6, 0),
                    textcoords="offset points", va="center", ha="left", fontsize=8, color="#555555",
                    annotation_clip=False)
    ax.set_xticks(np.arange(len(groups)), [_wrap(g, 14) for g in groups], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(k), [_label(r) for r in matrix["reference"]], fontsize=9)
    ax.set_xlim(-0.5, len(groups) - 0.5)
    ax.set_ylim(k - 0.5, -0.5)
    ax.set_ylabel("Study (the review's reference number)")
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.legend(title="Theme", loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(themes), frameon=False,
              fontsize=9, title_fontsize=9)
    if title:
        ax.set_title(title)
    return ax


def reproduce() -> StudyReport:
    """Run the whole reproduction and return the report."""
    table = citations()
    cell_table = cells(table)
    themes = studies_per_theme(table)
    groups = studies_per_group(table)
    check_table = checks(table)
    counts = grid(table, cell_table=cell_table)
    report = StudyReport(NAME, TITLE)
    report.tables.update(citations=table, cells=cell_table, themes=themes, groups=groups,
                         grid=counts, checks=check_table)
    carried = cell_table[cell_table["group_printed"] == "no"]
    report.add(
        "What is counted",
        f"Table 6 (domain \"Characteristics of Individuals\") has {len(cell_table)} rows: "
        f"{counts.shape[0]} innovation groups × {counts.shape[1]} themes, "
        f"{int((counts > 0).sum().sum())} cells listed of {counts.size}. Each cell's example cites "
        f"studies by the review's reference numbers; the unit of every count below is the study. "
        f"In {len(carried)} rows (table rows {', '.join(map(str, carried['table_row']))}) the text prints "
        "no innovation group: it is carried down from the row above (a merged cell lost in extraction).",
    )
    report.add("The cells: studies cited in each innovation group × theme", cell_table.drop(columns="single_study"))
    report.add("Studies per theme", themes)
    report.add("Studies per innovation group", groups)
    single_cells = cell_table[cell_table["single_study"]]
    single_themes = themes[themes["single_study"]]
    report.add(
        "What rests on a single study",
        ("No theme rests on a single study over all groups"
         if single_themes.empty else
         "Themes resting on one study: " + "; ".join(single_themes["theme"]))
        + f" ({'; '.join(f'{t}: {n}' for t, n in zip(themes['theme'], themes['n_studies']))} studies). "
        + f"Within innovation groups, {len(single_cells)} of {len(cell_table)} cells rest on one study: "
        + "; ".join(f"{r.innovation_group} × {r.theme} [{r.references}]" for r in single_cells.itertuples())
        + ".",
    )
    report.add("Checks", check_table)
    repeated = cell_table[cell_table["repeated"] != ""]
    shared = table.groupby("reference")["innovation_group"].agg(lambda s: sorted(set(s)))
    shared = shared[shared.map(len) > 1]
    report.add(
        "Notes",
        "\n".join(
            ["Cited more than once within one cell (counted once): "
             + "; ".join(f"{r.innovation_group} × {r.theme}: {r.repeated}" for r in repeated.itertuples()) + "."]
            + [f"Study [{ref}] is cited under more than one innovation group ({', '.join(g)}), so the per-group "
               "counts add up to more than the distinct studies." for ref, g in shared.items()]
            + [f"The table cites references {int(table['reference'].min())}–{int(table['reference'].max())}, "
               f"{table['reference'].nunique()} distinct studies. The review's reference list and the number of "
               "studies in each innovation group are not in the text, so no cell can be expressed as a share of "
               "its group's studies, and a cell's count says how many studies contributed data, not how "
               "important the theme is."]
        ),
    )
    return report

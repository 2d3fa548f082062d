"""Figures a mixed-methods paper prints: theme counts, group comparisons, Likert items, flows.

Every function takes the table another module returns (``tally``,
``crosstab``, ``cooccurrence``, ``compare``, ``compare_summary``,
``word_frequencies``) or raw responses, draws on ``ax`` (a new figure sized
to the content when ``ax`` is None), returns the Axes and never calls
``plt.show()``.  Colours come from one colour-blind-safe palette,
:data:`PALETTE` (Okabe & Ito 2008), and are never the only carrier of
meaning: groups also differ by marker, and counts are printed.

matplotlib is imported inside the functions, so ``import mixedmethods``
stays light.
"""
from __future__ import annotations

import textwrap

import numpy as np

from ._validation import (
    InputError, InputTypeError, check_choice, check_columns, check_confidence_level, check_groups, show_value,
)

__all__ = [
    "PALETTE", "theme_bars", "theme_by_group", "group_means", "effect_sizes", "likert",
    "cooccurrence", "flow", "word_cloud",
]

#: Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"),
#: the only colours the plots use; the order is the order groups are coloured in.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
_CYCLE = ["blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow"]
_MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
_NOT_PRINTED = "not printed"
_WRAP = 32  # characters per line of a category label
#: A legend to the right of the axes, top-aligned.
_LEGEND_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.01, 1), "frameon": False}


def _color(i):
    return PALETTE[_CYCLE[i % len(_CYCLE)]]


def _blend(hex_color, toward_white):
    """``hex_color`` ("#RRGGBB") mixed with white (0 = unchanged, 1 = white), as an RGB tuple.

    Parsed here (as ``matplotlib.colors.to_rgb`` does) so that rendering a
    joint display's HTML does not import matplotlib.
    """
    h = hex_color.lstrip("#")
    rgb = np.asarray([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return tuple(rgb + (1 - rgb) * toward_white)


def _axes(ax, width, height):
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _wrap(label, width=_WRAP):
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)


def _rows(ax, labels):
    """One row per label, the first on top."""
    k = len(labels)
    ax.set_yticks(np.arange(k), labels)
    ax.set_ylim(k - 0.5, -0.5)


def _finish(ax, title, spines=("top", "right")):
    """Hide ``spines``, set the title unless it is empty, and return ``ax``."""
    if spines:
        ax.spines[list(spines)].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def _height(labels, per_line=0.19, minimum=0.42, extra=1.3):
    """Figure height (inches) leaving each row room for its wrapped label."""
    return extra + sum(max(minimum, per_line * (str(t).count("\n") + 1) + 0.12) for t in labels)


def _text_color(fill):
    """Black or white, whichever contrasts more with ``fill`` (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    rgb = np.asarray(to_rgb(fill))
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = float(lin @ [0.2126, 0.7152, 0.0722])
    return PALETTE["black"] if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def _check_frame(data, columns, what="column"):
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    if len(data) == 0:
        raise InputError("data has no rows; there is nothing to plot.")
    check_columns(data, columns, what=what)


def _numeric(data, column, *, row_label=None):
    """Column as floats (missing -> NaN) or raise naming the row."""
    import pandas as pd

    values = pd.to_numeric(data[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(np.isnan(values) & data[column].notna().to_numpy())
    if bad.size:
        i = bad[0]
        raise InputTypeError(
            f"column {column!r} at row {_row_name(data, i, row_label)} is {show_value(data[column].iloc[i])}, "
            "not a number."
        )
    return values


def _row_name(data, i, row_label=None):
    name = show_value(data.index[i])
    if row_label is not None and row_label in data.columns:
        name += f" ({show_value(data[row_label].iloc[i])})"
    return name


def _check_counts(data, count, denominator, label):
    """Counts and denominators as float arrays, validated; missing counts allowed (not printed)."""
    n = _numeric(data, count, row_label=label)
    d = _numeric(data, denominator, row_label=label)
    for name, values in ((count, n), (denominator, d)):
        bad = np.flatnonzero(values < 0)
        if bad.size:
            raise InputError(
                f"column {name!r} is negative ({values[bad[0]]:g}) at row {_row_name(data, bad[0], label)}; "
                "counts must be >= 0."
            )
        bad = np.flatnonzero(np.isfinite(values) & (values != np.round(values)))
        if bad.size:
            raise InputError(
                f"column {name!r} is {values[bad[0]]:g} at row {_row_name(data, bad[0], label)}; "
                "counts must be whole numbers."
            )
    bad = np.flatnonzero(~(d > 0))
    if bad.size:
        raise InputError(
            f"column {denominator!r} is {d[bad[0]]:g} at row {_row_name(data, bad[0], label)}; "
            "every row needs a denominator of at least 1."
        )
    bad = np.flatnonzero(n > d)
    if bad.size:
        i = bad[0]
        raise InputError(
            f"column {count!r} ({n[i]:g}) exceeds {denominator!r} ({d[i]:g}) at row {_row_name(data, i, label)}; "
            "a count cannot be larger than its denominator."
        )
    return n, d


def _intervals(data, n, d, confidence_level, ci_scale, label):
    """Interval of each proportion (0-1): given ``ci_low``/``ci_high`` or Wilson's."""
    from .themes import _wilson

    p = n / d
    lo, hi = np.full(n.shape, np.nan), np.full(n.shape, np.nan)
    if {"ci_low", "ci_high"} <= set(data.columns):
        lo, hi = _numeric(data, "ci_low", row_label=label), _numeric(data, "ci_high", row_label=label)
        check_choice("ci_scale", ci_scale, (None, "proportion", "percent"))
        given = np.isfinite(lo) & np.isfinite(hi) & np.isfinite(p)
        if ci_scale is None:
            # a table of percentages (the study tables) or of proportions (tally, crosstab)
            ci_scale = "percent" if ("percent" in data.columns and "prevalence" not in data.columns) or (
                np.any(hi[given] > 1)) else "proportion"
        if ci_scale == "percent":
            lo, hi = lo / 100, hi / 100
        tol = 1e-9
        bad = np.flatnonzero(given & ((lo > p + tol) | (hi < p - tol)))
        if bad.size:
            i = bad[0]
            raise InputError(
                f"row {_row_name(data, i, label)}: the interval [{lo[i]:.3g}, {hi[i]:.3g}] does not contain "
                f"the proportion {p[i]:.3g}; check ci_low/ci_high or pass ci_scale='percent' or 'proportion'."
            )
    need = np.isfinite(p) & ~(np.isfinite(lo) & np.isfinite(hi))
    if need.any():
        level = check_confidence_level(confidence_level)
        lo[need], hi[need] = _wilson(n[need], d[need], level)
    return lo, hi


def _scale(values, scale, d):
    return values * 100 if scale == "percent" else values * d


def _value_label(scale):
    return "Participants (%)" if scale == "percent" else "Participants (n)"


def _fraction(n, d):
    return f"{n:.0f}/{d:.0f}"


# --------------------------------------------------------------------------- theme_bars
def theme_bars(data, *, label="code", count="n_participants", denominator="denominator", scale="percent",
               sort=False, confidence_level=0.95, ci_scale=None, color=None, intervals=True,
               title="Participants mentioning each theme", ax=None, **kwargs):
    """Participants per theme as horizontal bars with Wilson intervals and "n/N" labels.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per theme, e.g. :func:`mixedmethods.themes.tally` output or a
        study's theme table: ``label``, ``count`` and ``denominator`` columns,
        and optionally ``ci_low``/``ci_high``.  A missing count (a paper that
        does not print it) is drawn as "not printed", never as zero.
    label : str
        Column naming the themes (``"theme"`` for the study tables).
    count, denominator : str
        Columns of participants mentioning the theme and of participants asked.
    scale : {"percent", "count"}
        Bar length: ``100 * count / denominator`` (comparable when the
        denominators differ) or the count itself.
    sort : bool
        Longest bar on top (rows with no count last); otherwise data order,
        first row on top.
    confidence_level : float
        Coverage of the Wilson interval (as statsmodels'
        ``proportion_confint(method="wilson")``), computed when ``ci_low``/``ci_high``
        are absent or missing for a row.
    ci_scale : {None, "proportion", "percent"}
        Scale of given ``ci_low``/``ci_high``; by default percent when the
        table has ``percent`` but no ``prevalence`` column or an upper bound
        above 1, else proportions (as :func:`~mixedmethods.themes.tally`).
    color : color, optional
        Bar colour; the palette's blue by default.
    intervals : bool
        Draw the Wilson intervals.  Set False when the participants are not a
        sample of a wider population (a whole census, or quotes an author
        chose): an interval would then answer a question nobody asked.
    title : str
        Axes title ("" for none).

    Examples
    --------
    >>> import pandas as pd
    >>> themes = pd.DataFrame({"theme": ["treatment adherence", "personality", "family support"],
    ...                        "n_participants": [40, None, 24], "denominator": [89, 89, 89]})
    >>> ax = theme_bars(themes, label="theme", scale="count")
    >>> sorted(float(bar.get_width()) for bar in ax.patches)   # no bar for the unprinted count
    [24.0, 40.0]
    >>> [t.get_text() for t in ax.texts]
    ['40/89', 'not printed (N = 89)', '24/89']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_choice("scale", scale, ("percent", "count"))
    _check_frame(data, [label, count, denominator])
    n, d = _check_counts(data, count, denominator, label)
    lo, hi = _intervals(data, n, d, confidence_level, ci_scale, label)
    known = np.isfinite(n)
    value = _scale(n / d, scale, d)
    low, high = _scale(lo, scale, d), _scale(hi, scale, d)
    order = np.arange(len(data))
    if sort:
        order = np.lexsort((order, -np.where(known, value, -np.inf)))
    k = len(data)
    wrapped = [_wrap(x) for x in data[label]]
    ax = _axes(ax, 7.5, _height(wrapped))
    y = np.empty(k)
    y[order] = np.arange(k)
    kwargs.setdefault("color", color if color is not None else PALETTE["blue"])
    kwargs.setdefault("height", 0.65)
    idx = np.flatnonzero(known)
    if intervals:
        err = np.clip(np.vstack([value[idx] - low[idx], high[idx] - value[idx]]), 0, None)
        kwargs.update(xerr=err, error_kw={"ecolor": PALETTE["black"], "capsize": 3, "lw": 1})
    else:
        high = value
    ax.barh(y[idx], value[idx], label=f"{count}", **kwargs)
    right = np.nanmax(np.where(known, high, np.nan)) if idx.size else 1.0
    for i in range(k):
        if known[i]:
            text = f"{_fraction(n[i], d[i])} ({100 * n[i] / d[i]:.0f}%)" if scale == "percent" else _fraction(n[i], d[i])
            ax.annotate(text, xy=(high[i], y[i]), xytext=(4, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=9)
        else:
            ax.annotate(f"{_NOT_PRINTED} (N = {d[i]:.0f})", xy=(0, y[i]), xytext=(4, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=9,
                        style="italic", color=PALETTE["grey"])
    _rows(ax, [wrapped[j] for j in order])
    ax.set_xlim(0, max(right, 1e-9) * 1.3)
    level = f"{100 * check_confidence_level(confidence_level):g}%"
    ax.set_xlabel(f"{_value_label(scale)}, with {level} Wilson interval" if intervals else _value_label(scale))
    return _finish(ax, title)


# --------------------------------------------------------------------------- theme_by_group
def theme_by_group(data, *, label="code", group="group", count="n_participants", denominator="group_size",
                   scale="percent", groups=None, confidence_level=0.95, ci_scale=None, show_counts=True,
                   intervals=True, title="Participants mentioning each theme, by group", ax=None, **kwargs):
    """Prevalence of each theme per group, the groups' bars side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per theme and group, e.g. :func:`mixedmethods.themes.crosstab`
        output.  Suppressed or unprinted counts (missing) are drawn as
        "not printed".
    label, group, count, denominator : str
        Columns of the theme, the group, the participants of the group
        mentioning the theme and the group's size.
    scale : {"percent", "count"}
        Bar length in percent of the group or in participants.
    groups : list, optional
        Groups to show, in this order; by default in order of appearance.
    confidence_level, ci_scale
        As in :func:`theme_bars`.
    show_counts : bool
        Print "n/N" at the end of each bar.
    intervals : bool
        Draw the Wilson intervals (see :func:`theme_bars`).
    title : str
        Axes title ("" for none).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"code": ["cost", "cost"], "group": ["day", "night"],
    ...                       "n_participants": [3, 5], "group_size": [10, 8]})
    >>> ax = theme_by_group(table)
    >>> [float(bar.get_width()) for bar in ax.patches]
    [30.0, 62.5]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import pandas as pd

    check_choice("scale", scale, ("percent", "count"))
    _check_frame(data, [label, group, count, denominator])
    n, d = _check_counts(data, count, denominator, label)
    lo, hi = _intervals(data, n, d, confidence_level, ci_scale, label)
    groups = check_groups(data, group, groups)
    themes = list(pd.unique(data[label]))
    pairs = list(zip(data[label], data[group]))
    dup = pd.Series(pairs).duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(f"theme {pairs[i][0]!r} appears twice for group {pairs[i][1]!r} (row {data.index[i]!r}); "
                         "give one row per theme and group.")
    where = {p: i for i, p in enumerate(pairs)}
    k, m = len(themes), len(groups)
    band = 0.8
    h = band / m
    ax = _axes(ax, 9, 1.2 + (0.28 * m + 0.2) * k)
    value = _scale(n / d, scale, d)
    low, high = _scale(lo, scale, d), _scale(hi, scale, d)
    if not intervals:
        low = high = value
    right = np.nanmax(high) if np.isfinite(high).any() else 1.0
    user_color = kwargs.pop("color", None)
    for j, g in enumerate(groups):
        rows = [where.get((t, g)) for t in themes]
        ys = np.arange(k) - band / 2 + h * (j + 0.5)
        sizes = {d[r] for r in rows if r is not None}
        size_text = f" (N = {sizes.pop():.0f})" if len(sizes) == 1 else ""
        ok = [(t_i, r) for t_i, r in enumerate(rows) if r is not None and np.isfinite(n[r])]
        ti = np.array([t for t, _ in ok], dtype=int)
        ri = np.array([r for _, r in ok], dtype=int)
        if intervals:
            err = (np.clip(np.vstack([value[ri] - low[ri], high[ri] - value[ri]]), 0, None) if ri.size
                   else np.zeros((2, 0)))
            bar_kwargs = dict(xerr=err, error_kw={"ecolor": PALETTE["black"], "capsize": 2, "lw": 0.8})
        else:
            bar_kwargs = {}
        ax.barh(ys[ti], value[ri], height=h * 0.92,
                color=user_color if user_color is not None else _color(j),
                label=f"{g}{size_text}", **bar_kwargs, **kwargs)
        for t_i, r in enumerate(rows):
            if r is None:
                continue
            if np.isfinite(n[r]):
                if show_counts:
                    ax.annotate(_fraction(n[r], d[r]), xy=(high[r], ys[t_i]), xytext=(3, 0),
                                textcoords="offset points", va="center", ha="left", fontsize=8)
            else:
                small = "small_cell" in data.columns and bool(data["small_cell"].iloc[r])
                why = "suppressed (small cell)" if small else _NOT_PRINTED
                ax.annotate(f"{g}: {why}", xy=(0, ys[t_i]), xytext=(3, 0), textcoords="offset points",
                            va="center", ha="left", fontsize=8, style="italic", color=PALETTE["grey"])
    _rows(ax, [_wrap(t) for t in themes])
    ax.set_xlim(0, max(right, 1e-9) * 1.25)
    level = f"{100 * check_confidence_level(confidence_level):g}%"
    ax.set_xlabel(f"{_value_label(scale)} of each group" + (f", with {level} Wilson interval" if intervals else ""))
    ax.legend(title=group, **_LEGEND_OUTSIDE)
    return _finish(ax, title)


# --------------------------------------------------------------------------- compare tables
def _compare_rows(data, test, needed):
    _check_frame(data, ["dv", "test", *needed])
    check_choice("test", test, ("student", "welch"))
    rows = data[data["test"] == test]
    if len(rows) == 0:
        raise InputError(
            f"no rows with test == {test!r}; the table has tests {sorted(set(data['test'].astype(str)))!r}. "
            "Pass the output of compare() or compare_summary()."
        )
    dup = rows["dv"].duplicated()
    if dup.any():
        raise InputError(f"outcome {rows['dv'][dup].iloc[0]!r} appears twice among the {test!r} rows; "
                         "give one comparison per outcome.")
    return rows.reset_index(drop=True)


def _order(rows, order, key):
    if isinstance(order, str):
        check_choice("order", order, ("input", key))
        if order == "input":
            return np.arange(len(rows))
        values = rows[{"difference": "mean_diff", "effect": "hedges_g"}[key]].to_numpy(dtype=float)
        return np.argsort(-values, kind="stable")
    wanted = list(order)
    dvs = list(rows["dv"])
    missing = [v for v in wanted if v not in dvs]
    if missing:
        raise InputError(f"order names outcomes {missing!r} that are not in column 'dv'.")
    return np.array([dvs.index(v) for v in wanted], dtype=int)


def _item_labels(rows, labels):
    if labels is None:
        return [str(v) for v in rows["dv"]]
    if isinstance(labels, str):
        check_columns(rows, [labels], what="labels column")
        return [str(v) for v in rows[labels]]
    return [str(labels.get(v, v)) for v in rows["dv"]]


def group_means(data, *, test="welch", order="difference", labels=None, alpha=0.05, confidence_level=0.95,
                title="Group means by item", ax=None, **kwargs):
    """Each group's mean with its confidence interval, per item, adjusted significance marked.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`mixedmethods.compare` or :func:`mixedmethods.compare_summary`
        output (``dv``, ``test``, ``group1``, ``group2``, ``n1``, ``n2``,
        ``mean1``, ``mean2``, ``sd1``, ``sd2``, ``mean_diff``, ``p_adjusted``,
        ``p_adjust``).
    test : {"welch", "student"}
        Which row's ``p_adjusted`` marks significance.
    order : {"difference", "input"} or list
        Items by ``mean_diff``, largest on top; in table order; or the ``dv``
        values in the order given.
    labels : dict or str, optional
        Item labels: a mapping ``dv -> label`` or a column of ``data``.
    alpha : float
        Items with ``p_adjusted < alpha`` get a "*" after their label.
    confidence_level : float
        Coverage of each mean's interval ``mean ± t(n-1) sd / sqrt(n)``.
    title : str
        Axes title ("" for none).

    Notes
    -----
    Each group's interval uses its own n and SD, Student's t quantile on
    ``n - 1`` df (R: ``t.test(x)$conf.int``).  ``**kwargs`` go to
    ``Axes.errorbar``.

    Examples
    --------
    >>> from mixedmethods import compare_summary
    >>> res = compare_summary([2.78, 3.34], [2.30, 1.09], 61, [1.50, 3.77], [2.14, 0.92], 34,
    ...                       dv=["marry", "tax"], groups=("women", "men"), p_adjust="holm")
    >>> ax = group_means(res, test="student")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['marry *', 'tax']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    from scipy import stats

    rows = _compare_rows(data, test, ["group1", "group2", "n1", "n2", "mean1", "mean2", "sd1", "sd2",
                                      "mean_diff", "p_adjusted", "p_adjust"])
    level = check_confidence_level(confidence_level)
    idx = _order(rows, order, "difference")
    rows = rows.iloc[idx].reset_index(drop=True)
    names = _item_labels(rows, labels)
    p_adj = _numeric(rows, "p_adjusted")
    marks = [_wrap(name) + (" *" if p < alpha else "") for name, p in zip(names, p_adj)]
    k = len(rows)
    ax = _axes(ax, 8.5, _height(marks, minimum=0.6, extra=1.0))
    y = np.arange(k)
    offsets = (0.15, -0.15)
    groups = (str(rows["group1"].iloc[0]), str(rows["group2"].iloc[0]))
    for j, g in enumerate((1, 2)):
        mean = _numeric(rows, f"mean{g}")
        sd = _numeric(rows, f"sd{g}")
        nn = _numeric(rows, f"n{g}")
        if np.any(nn < 2):
            i = int(np.flatnonzero(nn < 2)[0])
            raise InputError(f"column 'n{g}' is {nn[i]:g} for outcome {rows['dv'].iloc[i]!r}; a CI needs n >= 2.")
        half = stats.t.ppf(1 - (1 - level) / 2, nn - 1) * sd / np.sqrt(nn)
        opts = {"fmt": _MARKERS[j], "color": _color(j), "capsize": 3, "lw": 1.2, "markersize": 6}
        opts.update(kwargs)
        ax.errorbar(mean, y - offsets[j], xerr=half, label=f"{groups[j]}", **opts)
    _rows(ax, marks)
    method = str(rows["p_adjust"].iloc[0])
    how = "unadjusted" if method == "none" else f"{method}-adjusted"
    from matplotlib.lines import Line2D

    handles, texts = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], linestyle="none", marker="$*$", color=PALETTE["black"]))
    texts.append(f"{test.title()} p < {alpha:g} ({how})")
    ax.legend(handles, texts, **_LEGEND_OUTSIDE)
    ax.set_xlabel(f"Mean, with {100 * level:g}% CI")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    return _finish(ax, title)


def effect_sizes(data, *, test="welch", order="input", labels=None, title="Effect sizes by item", ax=None,
                 **kwargs):
    """Forest plot of Hedges' g with its confidence interval, one row per item.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`mixedmethods.compare` or :func:`mixedmethods.compare_summary`
        output (``dv``, ``test``, ``group1``, ``group2``, ``hedges_g``,
        ``hedges_g_ci_low``, ``hedges_g_ci_high``, ``confidence_level``).
    test : {"welch", "student"}
        Which row of each outcome is drawn (g and its interval are the same on
        both rows of a ``compare`` table; other tables may differ).
    order : {"input", "effect"} or list
        Table order, largest g on top, or the ``dv`` values in the order given.
    labels : dict or str, optional
        Item labels: a mapping ``dv -> label`` or a column of ``data``.
    title : str
        Axes title ("" for none).

    Notes
    -----
    The value and interval of each row are printed on the right axis.
    ``**kwargs`` go to ``Axes.errorbar``.

    Examples
    --------
    >>> from mixedmethods import compare_summary
    >>> res = compare_summary([2.78, 3.34], [2.30, 1.09], 61, [1.50, 3.77], [2.14, 0.92], 34,
    ...                       dv=["marry", "tax"], groups=("women", "men"))
    >>> ax = effect_sizes(res)
    >>> ax.get_xlabel()
    "Hedges' g (women − men), 95% CI; Welch rows"
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    from .comparisons import _format_number

    rows = _compare_rows(data, test, ["group1", "group2", "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high",
                                      "confidence_level"])
    idx = _order(rows, order, "effect")
    rows = rows.iloc[idx].reset_index(drop=True)
    names = _item_labels(rows, labels)
    g = _numeric(rows, "hedges_g")
    lo, hi = _numeric(rows, "hedges_g_ci_low"), _numeric(rows, "hedges_g_ci_high")
    bad = np.flatnonzero((lo > g) | (hi < g))
    if bad.size:
        raise InputError(f"outcome {rows['dv'].iloc[bad[0]]!r}: hedges_g is outside "
                         "[hedges_g_ci_low, hedges_g_ci_high].")
    k = len(rows)
    wrapped = [_wrap(s) for s in names]
    ax = _axes(ax, 8, _height(wrapped, extra=1.1))
    y = np.arange(k)
    opts = {"fmt": "s", "color": PALETTE["blue"], "ecolor": PALETTE["blue"], "capsize": 3, "lw": 1.4,
            "markersize": 6}
    opts.update(kwargs)
    ax.errorbar(g, y, xerr=np.vstack([g - lo, hi - g]), **opts)
    ax.axvline(0, color=PALETTE["grey"], ls="--", lw=1, zorder=0)
    _rows(ax, wrapped)
    level = f"{100 * float(rows['confidence_level'].iloc[0]):g}%"
    right = ax.secondary_yaxis("right")
    right.set_yticks(y, [f"{_format_number(a)} [{_format_number(b)}, {_format_number(c)}]"
                         for a, b, c in zip(g, lo, hi)])
    right.tick_params(length=0)
    right.set_ylabel(f"g [{level} CI]")
    g1, g2 = str(rows["group1"].iloc[0]), str(rows["group2"].iloc[0])
    ax.set_xlabel(f"Hedges' g ({g1} − {g2}), {level} CI; {test.title()} rows")
    span = max(np.nanmax(np.abs(np.r_[lo, hi])), 0.1) * 1.1
    ax.set_xlim(-span, span)
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    return _finish(ax, title, spines=("top",))


# --------------------------------------------------------------------------- likert
def _diverging(k):
    """k colours from the palette: vermillion/orange (disagree) … grey (neutral, k odd) … sky blue/blue (agree)."""
    side = k // 2
    neg_base, pos_base = [PALETTE["vermillion"], PALETTE["orange"]], [PALETTE["blue"], PALETTE["sky_blue"]]

    def ramp(base, m):
        if m <= 2:
            return base[:m]
        return [_blend(base[0], t) for t in np.linspace(0, 0.65, m)]

    from matplotlib.colors import to_rgb

    neg = [to_rgb(c) if isinstance(c, str) else c for c in ramp(neg_base, side)]
    pos = [to_rgb(c) if isinstance(c, str) else c for c in ramp(pos_base, side)][::-1]
    middle = [to_rgb(PALETTE["grey"])] if k % 2 == 1 else []
    return neg + middle + pos


def likert(data, *, items=None, levels=None, level_labels=None, item_labels=None,
           title="Responses by item", ax=None, **kwargs):
    """Diverging stacked bars of Likert responses: disagreement left of zero, agreement right.

    Parameters
    ----------
    data : pandas.DataFrame
        Raw responses, one row per participant and one column per item
        (numbers or labels; missing answers are left out of that item's
        percentages).
    items : list of str, optional
        Columns to show, top to bottom; by default every column.
    levels : list, optional
        The response options from most negative to most positive; by default
        the sorted values found.  With an odd number of levels the middle one
        is neutral and is split across zero.
    level_labels : list of str, optional
        Legend text per level (e.g. "Strongly disagree").
    item_labels : dict, optional
        Maps column names to the labels printed.
    title : str
        Axes title ("" for none).

    Notes
    -----
    Bar lengths are the percentage of the item's non-missing answers in each
    level.  ``**kwargs`` go to ``Axes.barh``.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [1, 1, 2, 5, None]})
    >>> ax = likert(answers, levels=[1, 2, 3, 4, 5])
    >>> [float(bar.get_width()) for bar in ax.containers[0]]   # level 1, per item
    [20.0, 50.0]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    items = list(data.columns) if items is None else list(items)
    _check_frame(data, items)
    if not items:
        raise InputError("data has no item columns; there is nothing to plot.")
    values = pd.unique(pd.concat([data[c] for c in items]).dropna())
    if levels is None:
        try:
            levels = sorted(values.tolist())
        except TypeError:
            raise InputError("the responses mix numbers and text; pass levels=[...] in order.") from None
    levels = list(levels)
    if len(levels) < 2:
        raise InputError(f"a Likert item needs at least two response levels, got {levels!r}.")
    for c in items:
        col = data[c].dropna()
        if len(col) == 0:
            raise InputError(f"column {c!r} has no answers.")
        extra = col[~col.isin(levels)]
        if len(extra):
            raise InputError(f"column {c!r} has the value {show_value(extra.iloc[0])} at row "
                             f"{show_value(extra.index[0])}, which is not among levels {levels!r}.")
    if level_labels is None:
        level_labels = [str(v) for v in levels]
    elif len(level_labels) != len(levels):
        raise InputError(f"level_labels has {len(level_labels)} entries for {len(levels)} levels.")
    m = len(levels)
    neutral = m % 2 == 1
    counts = np.array([[int((data[c] == lev).sum()) for lev in levels] for c in items], dtype=float)
    totals = counts.sum(axis=1)
    pct = 100 * counts / totals[:, None]
    half = m // 2
    neg = pct[:, :half].sum(axis=1) + (pct[:, half] / 2 if neutral else 0)
    colors = _diverging(m)
    k = len(items)
    names = [(item_labels or {}).get(c, c) for c in items]
    ticks = [f"{_wrap(name)}\n(n = {t:.0f})" for name, t in zip(names, totals)]
    ax = _axes(ax, 8, _height(ticks, minimum=0.5, extra=1.9))
    y = np.arange(k)
    left = -neg
    for j in range(m):
        ax.barh(y, pct[:, j], left=left, color=colors[j], height=0.65, label=level_labels[j],
                edgecolor="white", linewidth=0.5, **kwargs)
        for i in range(k):
            if pct[i, j] >= 7:
                ax.text(left[i] + pct[i, j] / 2, y[i], f"{pct[i, j]:.0f}", ha="center", va="center",
                        fontsize=8, color=_text_color(colors[j]))
        left = left + pct[:, j]
    _rows(ax, ticks)
    ax.tick_params(axis="y", length=0)
    ax.axvline(0, color=PALETTE["black"], lw=0.8, zorder=0.5)
    span = max(np.max(neg), np.max(100 - neg)) * 1.05
    ax.set_xlim(-span, span)
    from matplotlib.ticker import FuncFormatter

    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
    ax.set_xlabel("Answers (%): disagreement to the left of 0, agreement to the right")
    if sum(len(t) for t in level_labels) + 4 * m <= 90:
        # one row under the axis, in the order of the bars
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.25 / max(k, 1)), ncol=m,
                  frameon=False, handlelength=1.2, columnspacing=1.0)
    else:
        ax.legend(**_LEGEND_OUTSIDE)
    return _finish(ax, title, spines=("top", "right", "left"))


# --------------------------------------------------------------------------- cooccurrence
def _square(data, value):
    import pandas as pd

    _check_frame(data, [])
    if {"code_a", "code_b"} <= set(data.columns):
        check_columns(data, [value])
        codes = list(pd.unique(pd.concat([data["code_a"], data["code_b"]], ignore_index=True)))
        pos = {c: i for i, c in enumerate(codes)}
        mat = np.full((len(codes), len(codes)), np.nan)
        v = _numeric(data, value)
        for a, b, x in zip(data["code_a"], data["code_b"], v):
            mat[pos[a], pos[b]] = mat[pos[b], pos[a]] = x
        diag = {}
        if {"n_a", "n_b"} <= set(data.columns):
            for a, b, na, nb in zip(data["code_a"], data["code_b"], data["n_a"], data["n_b"]):
                diag[a], diag[b] = na, nb
        measure = str(data["measure"].iloc[0]) if "measure" in data.columns else value
        return codes, mat, diag, measure
    if list(data.index) != list(data.columns):
        raise InputError("data must be cooccurrence() output (columns 'code_a', 'code_b', 'value') or a square "
                         "matrix whose index equals its columns.")
    mat = np.column_stack([_numeric(data, c) for c in data.columns])
    diag = {c: mat[i, i] for i, c in enumerate(data.columns)}
    return list(data.columns), mat, diag, "value"


def cooccurrence(data, *, value="value", annotate=True, title="Codes occurring together", ax=None, **kwargs):
    """Heatmap of how often two codes occur together.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`mixedmethods.themes.cooccurrence` output (one row per pair:
        ``code_a``, ``code_b``, ``value``, and ``n_a``/``n_b``) or a square
        codes × codes matrix.
    value : str
        Column of the pair table holding the cell value.
    annotate : bool
        Print each cell's value (and, on the diagonal, each code's own count
        in grey when known).
    title : str
        Axes title ("" for none).

    Notes
    -----
    The diagonal (a code with itself) is left blank so that it does not set
    the colour scale.  Colours run from white to the palette's blue.
    ``**kwargs`` go to ``Axes.imshow``.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["cost", "cost", "stigma"], "code_b": ["stigma", "time", "time"],
    ...                       "value": [1, 2, 0]})
    >>> ax = cooccurrence(pairs)
    >>> ax.images[0].get_array()[0, 2]
    np.float64(2.0)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    codes, mat, diag, measure = _square(data, value)
    bad = np.argwhere(mat < 0)
    if bad.size:
        i, j = bad[0]
        raise InputError(f"the value for ({codes[i]!r}, {codes[j]!r}) is negative ({mat[i, j]:g}); "
                         "co-occurrence counts and indices are >= 0.")
    k = len(codes)
    shown = mat.copy()
    np.fill_diagonal(shown, np.nan)
    cmap = LinearSegmentedColormap.from_list("mm_blue", ["#FFFFFF", PALETTE["blue"]]).with_extremes(bad="#EEEEEE")
    ax = _axes(ax, 2.5 + 0.6 * k, 2.0 + 0.5 * k)
    top = np.nanmax(shown) if np.isfinite(shown).any() else 1.0
    kwargs.setdefault("cmap", cmap)
    kwargs.setdefault("vmin", 0)
    kwargs.setdefault("vmax", top if top > 0 else 1.0)
    image = ax.imshow(np.ma.masked_invalid(shown), **kwargs)
    whole = np.all(np.isnan(shown) | (shown == np.round(shown)))
    if annotate:
        for i in range(k):
            for j in range(k):
                if i == j:
                    if codes[i] in diag and np.isfinite(float(diag[codes[i]])):
                        ax.text(j, i, f"n={float(diag[codes[i]]):.0f}", ha="center", va="center", fontsize=8,
                                color="#555555", style="italic")
                    continue
                x = shown[i, j]
                if not np.isfinite(x):
                    continue
                fill = image.cmap(image.norm(x))
                ax.text(j, i, f"{x:.0f}" if whole else f"{x:.2f}", ha="center", va="center", fontsize=9,
                        color=_text_color(fill[:3]))
    labels = [_wrap(c, 22) for c in codes]
    ax.set_xticks(np.arange(k), labels, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(np.arange(k), labels)
    ax.tick_params(length=0)
    bar = plt.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label({"count": "Units with both codes", "jaccard": "Jaccard index"}.get(measure, measure))
    return _finish(ax, title, spines=())


# --------------------------------------------------------------------------- flow
def flow(data, *, stage="stage", n="n", reason="reason", leaving_label="Excluded", title="Participant flow",
         ax=None, **kwargs):
    """A PRISMA-style flow: stages top to bottom, with who left between them on the side.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per stage, in order: ``stage`` (what the box says), ``n``
        (how many remain) and optionally ``reason`` (why the people who left
        after this stage left, e.g. "declined (n = 4); moved (n = 2)").
    stage, n, reason : str
        Column names.
    leaving_label : str
        What the side boxes call those who leave ("Excluded"; e.g. "Moved to
        another analysis" when they are not excluded from the study).
    title : str
        Axes title ("" for none).

    Notes
    -----
    The number excluded between two stages is the difference of their
    ``n``; it must not be negative.  ``**kwargs`` go to the stage boxes'
    ``bbox`` (e.g. ``facecolor``).

    Examples
    --------
    >>> import pandas as pd
    >>> stages = pd.DataFrame({"stage": ["Invited", "Interviewed"], "n": [120, 95],
    ...                        "reason": ["declined (n = 20); moved (n = 5)", None]})
    >>> ax = flow(stages)
    >>> print([t.get_text() for t in ax.texts if t.get_text()][1])
    Excluded (n = 25)
    declined (n = 20)
    moved (n = 5)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    _check_frame(data, [stage, n])
    counts = _numeric(data, n, row_label=stage)
    for i, c in enumerate(counts):
        if not np.isfinite(c):
            raise InputError(f"column {n!r} is missing at row {_row_name(data, i, stage)}; every stage needs a count.")
        if c < 0 or c != round(c):
            raise InputError(f"column {n!r} is {c:g} at row {_row_name(data, i, stage)}; counts are whole numbers >= 0.")
    for i in range(1, len(counts)):
        if counts[i] > counts[i - 1]:
            raise InputError(
                f"column {n!r} grows from {counts[i - 1]:g} to {counts[i]:g} at row {_row_name(data, i, stage)}; "
                "a flow only loses participants between stages."
            )
    k = len(data)
    ax = _axes(ax, 8, 0.6 + 1.25 * k)
    ax.set_xlim(0, 1)
    ax.set_ylim(k - 0.4, -0.6)
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.5", "facecolor": _blend(PALETTE["sky_blue"], 0.7),
           "edgecolor": PALETTE["blue"], "lw": 1.2}
    box.update(kwargs)
    side = {"boxstyle": "round,pad=0.5", "facecolor": _blend(PALETTE["orange"], 0.75),
            "edgecolor": PALETTE["vermillion"], "lw": 1}
    reasons = data[reason] if reason in data.columns else None
    for i in range(k):
        ax.text(0.3, i, f"{_wrap(data[stage].iloc[i], 30)}\n(n = {counts[i]:.0f})", ha="center", va="center",
                fontsize=10, bbox=box, gid=f"stage-{i}")
        if i + 1 < k:
            ax.annotate("", xy=(0.3, i + 0.62), xytext=(0.3, i + 0.38),
                        arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"], "lw": 1.2})
            gone = counts[i] - counts[i + 1]
            why = reasons.iloc[i] if reasons is not None else None
            text = f"{leaving_label} (n = {gone:.0f})"
            if isinstance(why, str) and why.strip():
                text += "\n" + "\n".join(_wrap(part.strip(), 34) for part in why.split(";") if part.strip())
            ax.annotate("", xy=(0.62, i + 0.5), xytext=(0.3, i + 0.5),
                        arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"], "lw": 1})
            ax.text(0.64, i + 0.5, text, ha="left", va="center", fontsize=9, bbox=side, gid=f"excluded-{i}")
    return _finish(ax, title, spines=())


# --------------------------------------------------------------------------- word cloud
def word_cloud(data, *, language="en", stopwords=None, max_words=80, random_state=0, title="Most frequent words",
               ax=None, **kwargs):
    """A word cloud of the most frequent words, in the palette's colours.

    Parameters
    ----------
    data : pandas.DataFrame or list of str
        :func:`mixedmethods.text.word_frequencies` output (``word``, ``n``), or
        texts whose frequencies are computed with ``language`` and
        ``stopwords``.
    language, stopwords
        As in :func:`~mixedmethods.text.word_frequencies`, for texts.
    max_words : int
        How many words are drawn.
    random_state : int
        Seed of the layout (the same seed gives the same picture).
    title : str
        Axes title ("" for none).

    Notes
    -----
    Needs the ``wordcloud`` package.  Word size shows frequency, which a
    reader judges poorly: put :func:`~mixedmethods.text.word_frequencies`
    beside it.  ``**kwargs`` go to ``wordcloud.WordCloud``.
    """
    import pandas as pd

    from .text import word_frequencies

    if isinstance(data, pd.DataFrame):
        _check_frame(data, ["word", "n"])
        freq = data
    else:
        freq = word_frequencies(data, language=language, stopwords=stopwords)
        if len(freq) == 0:
            raise InputError("the texts contain no words once stop words are removed; there is nothing to draw.")
    counts = _numeric(freq, "n", row_label="word")
    if np.any(~np.isfinite(counts) | (counts < 0)):
        i = int(np.flatnonzero(~np.isfinite(counts) | (counts < 0))[0])
        raise InputError(f"column 'n' is {freq['n'].iloc[i]!r} at row {_row_name(freq, i, 'word')}; "
                         "counts must be >= 0.")
    pairs = {str(w): float(c) for w, c in zip(freq["word"], counts) if c > 0}
    if not pairs:
        raise InputError("every count in column 'n' is 0; there is nothing to draw.")
    try:
        from wordcloud import WordCloud
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("word_cloud needs the 'wordcloud' package: pip install wordcloud") from None
    ranked = sorted(pairs, key=lambda w: -pairs[w])
    rank = {w: i for i, w in enumerate(ranked)}
    dark = [PALETTE[c] for c in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange")]

    def color(word, **_):
        return dark[rank.get(word, 0) % len(dark)]

    options = {"width": 900, "height": 450, "background_color": "white", "max_words": max_words,
               "random_state": random_state, "prefer_horizontal": 1.0, "color_func": color}
    options.update(kwargs)
    cloud = WordCloud(**options).generate_from_frequencies(pairs)
    ax = _axes(ax, 9, 4.8)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.axis("off")
    return _finish(ax, title, spines=())

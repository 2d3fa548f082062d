"""How many participants mention each theme: overall (:func:`theme_bars`) and by group (:func:`theme_by_group`)."""
from __future__ import annotations

import numpy as np

from .._docs import fill_doc
from .._sampling import NOT_STATED, SAMPLES, check_sample, short_note
from .._style import PALETTE, color as palette_color, wrap
from .._validation import InputError, check_choice, check_confidence_level, check_groups
from ._base import (
    LEGEND_OUTSIDE, NOT_PRINTED, axes, between_title, check_counts, check_frame, finish, fraction, height,
    check_unit_label, intervals as proportion_intervals, rows, scale_values, value_label, with_ax_doc,
)

__all__ = ["theme_bars", "theme_by_group"]

_UNIT_DOC = """unit_label : str
        What the participants are, plural: ``"participants"``, or
        ``"papers"``, ``"schools"`` where those are the units counted.  It
        names the value axis (``"Papers (%)"``) and the default title."""

_SAMPLE_DOC = """sample : {None, "probability", "purposive", "convenience", "census"}
        How the participants were chosen (as in :func:`~mixedmethods.themes.tally`).
        Wilson intervals are drawn for ``"probability"`` only; otherwise the
        axis label says why there are none.  ``None`` takes the value of a
        ``sample`` column (the tally or crosstab's), if any, else means not
        stated: no intervals."""


def _with_sample_doc(func):
    """Put :data:`_SAMPLE_DOC` and :data:`_UNIT_DOC` where ``func``'s docstring says ``%(sample)s`` and
    ``%(unit_label)s``."""
    return fill_doc(sample=_SAMPLE_DOC, unit_label=_UNIT_DOC)(func)


def _sample_of(data, sample):
    """The sample stated here or, if None, in the table's ``sample`` column; they must agree."""
    check_sample(sample)
    if "sample" not in data.columns:
        return sample
    stated = {s for s in data["sample"].dropna().unique().tolist() if s != NOT_STATED}
    unknown = sorted(str(s) for s in stated if s not in SAMPLES)
    if unknown or len(stated) > 1:
        raise InputError(f"column 'sample' holds {sorted(map(str, stated))}; it needs one of {SAMPLES}.")
    if sample is None:
        return stated.pop() if stated else None
    if stated and sample not in stated:
        raise InputError(f"sample={sample!r} but the table was counted as a {stated.pop()!r} sample "
                         "(column 'sample'); state the same sample in both places.")
    return sample


def _scaled(data, n, d, scale, intervals, confidence_level, ci_scale, label):
    """``(value, low, high)`` of ``n / d`` on the plot's ``scale``; without intervals low = high = value."""
    value = scale_values(n / d, scale, d)
    if not intervals:
        return value, value, value
    lo, hi = proportion_intervals(data, n, d, confidence_level, ci_scale, label)
    return value, scale_values(lo, scale, d), scale_values(hi, scale, d)


def _axis_label(text, sample, level):
    """The value axis' title: with the interval drawn, or with the reason there is none."""
    note = short_note(sample)
    return f"{text}, with {level} Wilson interval" if note is None else f"{text}\n({note})"


@with_ax_doc
@_with_sample_doc
def theme_bars(data, *, label="code", count="n_participants", denominator="denominator", scale="percent",
               sort=False, sample=None, confidence_level=0.95, ci_scale=None, color=None,
               unit_label="participants", title=None, ax=None, **kwargs):
    """Participants per theme as horizontal bars with "n/N" labels (and Wilson intervals for probability samples).

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
    %(sample)s
    confidence_level : float
        Coverage of the Wilson interval of a probability sample (as statsmodels'
        ``proportion_confint(method="wilson")``), computed when ``ci_low``/``ci_high``
        are absent or missing for a row.
    ci_scale : {None, "proportion", "percent"}
        Scale of given ``ci_low``/``ci_high``; by default percent when the
        table has ``percent`` but no ``prevalence`` column or an upper bound
        above 1, else proportions (as :func:`~mixedmethods.themes.tally`).
    color : color, optional
        Bar colour; the palette's blue by default.
    %(unit_label)s
    title : str, optional
        Axes title ("" for none); by default "Participants mentioning each
        theme", with ``unit_label`` for participants.
    %(ax)s
    Notes
    -----
    ``**kwargs`` go to ``Axes.barh``.

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
    >>> print(ax.get_xlabel())
    Participants (n)
    (no intervals: the sample was not stated)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_choice("scale", scale, ("percent", "count"))
    unit_label = check_unit_label(unit_label)
    check_frame(data, [label, count, denominator])
    sample = _sample_of(data, sample)
    intervals = sample == "probability"
    n, d = check_counts(data, count, denominator, label)
    value, low, high = _scaled(data, n, d, scale, intervals, confidence_level, ci_scale, label)
    known = np.isfinite(n)
    order = np.arange(len(data))
    if sort:
        order = np.lexsort((order, -np.where(known, value, -np.inf)))
    k = len(data)
    wrapped = [wrap(x) for x in data[label]]
    ax = axes(ax, 7.5, height(wrapped))
    y = np.empty(k)
    y[order] = np.arange(k)
    kwargs.setdefault("color", color if color is not None else PALETTE["blue"])
    kwargs.setdefault("height", 0.65)
    idx = np.flatnonzero(known)
    if intervals:
        err = np.clip(np.vstack([value[idx] - low[idx], high[idx] - value[idx]]), 0, None)
        kwargs.update(xerr=err, error_kw={"ecolor": PALETTE["black"], "capsize": 3, "lw": 1})
    ax.barh(y[idx], value[idx], label=f"{count}", **kwargs)
    right = np.nanmax(np.where(known, high, np.nan)) if idx.size else 1.0
    for i in range(k):
        if known[i]:
            text = f"{fraction(n[i], d[i])} ({100 * n[i] / d[i]:.0f}%)" if scale == "percent" else fraction(n[i], d[i])
            ax.annotate(text, xy=(high[i], y[i]), xytext=(4, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=9)
        else:
            ax.annotate(f"{NOT_PRINTED} (N = {d[i]:.0f})", xy=(0, y[i]), xytext=(4, 0),
                        textcoords="offset points", va="center", ha="left", fontsize=9,
                        style="italic", color=PALETTE["grey"])
    rows(ax, [wrapped[j] for j in order])
    ax.set_xlim(0, max(right, 1e-9) * 1.3)
    level = f"{100 * check_confidence_level(confidence_level):g}%"
    ax.set_xlabel(_axis_label(value_label(scale, unit_label), sample, level))
    return finish(ax, f"{unit_label.capitalize()} mentioning each theme" if title is None else title)


@with_ax_doc
@_with_sample_doc
def theme_by_group(data, *, label="code", between="group", count="n_participants", denominator="denominator",
                   scale="percent", groups=None, sample=None, confidence_level=0.95, ci_scale=None,
                   show_counts=True, unit_label="participants", title=None, ax=None, **kwargs):
    """Prevalence of each theme per group, the groups' bars side by side.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per theme and group, e.g. :func:`mixedmethods.themes.crosstab`
        output.  Suppressed or unprinted counts (missing) are drawn as
        "not printed".
    label, between, count, denominator : str
        Columns of the theme, the group, the participants of the group
        mentioning the theme and the group's size.  The legend and the axis
        are titled by the attribute: for a crosstab (``between="group"``)
        the name in its ``between`` column (e.g. "gender"), else the name of
        the ``between`` column.
    scale : {"percent", "count"}
        Bar length in percent of the group or in participants.
    groups : list, optional
        Groups to show, in this order; by default in order of appearance.
    %(sample)s
    confidence_level, ci_scale
        As in :func:`theme_bars`.
    show_counts : bool
        Print "n/N" at the end of each bar.
    %(unit_label)s
    title : str, optional
        Axes title ("" for none); by default "Participants mentioning each
        theme, by group", with ``unit_label`` for participants.
    %(ax)s
    Notes
    -----
    ``**kwargs`` go to ``Axes.barh`` (a ``color`` given colours every group).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"code": ["cost", "cost"], "shift": ["day", "night"],
    ...                       "n_participants": [3, 5], "denominator": [10, 8]})
    >>> ax = theme_by_group(table, between="shift")
    >>> [float(bar.get_width()) for bar in ax.patches]
    [30.0, 62.5]
    >>> ax.get_legend().get_title().get_text()
    'shift'
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import pandas as pd

    check_choice("scale", scale, ("percent", "count"))
    unit_label = check_unit_label(unit_label)
    check_frame(data, [label, between, count, denominator])
    sample = _sample_of(data, sample)
    intervals = sample == "probability"
    n, d = check_counts(data, count, denominator, label)
    value, low, high = _scaled(data, n, d, scale, intervals, confidence_level, ci_scale, label)
    groups = check_groups(data, between, groups)
    name = between_title(data, between)
    themes = list(pd.unique(data[label]))
    pairs = list(zip(data[label], data[between]))
    dup = pd.Series(pairs).duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise InputError(f"theme {pairs[i][0]!r} appears twice for {name} {pairs[i][1]!r} (row {data.index[i]!r}); "
                         f"give one row per theme and {name}.")
    where = {p: i for i, p in enumerate(pairs)}
    k, m = len(themes), len(groups)
    band = 0.8
    h = band / m
    ax = axes(ax, 9, 1.2 + (0.28 * m + 0.2) * k)
    right = np.nanmax(high) if np.isfinite(high).any() else 1.0
    user_color = kwargs.pop("color", None)
    for j, g in enumerate(groups):
        members = [where.get((t, g)) for t in themes]
        ys = np.arange(k) - band / 2 + h * (j + 0.5)
        sizes = {d[r] for r in members if r is not None}
        size_text = f" (N = {sizes.pop():.0f})" if len(sizes) == 1 else ""
        ok = [(t_i, r) for t_i, r in enumerate(members) if r is not None and np.isfinite(n[r])]
        ti = np.array([t for t, _ in ok], dtype=int)
        ri = np.array([r for _, r in ok], dtype=int)
        if intervals:
            err = (np.clip(np.vstack([value[ri] - low[ri], high[ri] - value[ri]]), 0, None) if ri.size
                   else np.zeros((2, 0)))
            bar_kwargs = dict(xerr=err, error_kw={"ecolor": PALETTE["black"], "capsize": 2, "lw": 0.8})
        else:
            bar_kwargs = {}
        ax.barh(ys[ti], value[ri], height=h * 0.92,
                color=user_color if user_color is not None else palette_color(j),
                label=f"{g}{size_text}", **bar_kwargs, **kwargs)
        for t_i, r in enumerate(members):
            if r is None:
                continue
            if np.isfinite(n[r]):
                if show_counts:
                    ax.annotate(fraction(n[r], d[r]), xy=(high[r], ys[t_i]), xytext=(3, 0),
                                textcoords="offset points", va="center", ha="left", fontsize=8)
            else:
                small = "small_cell" in data.columns and bool(data["small_cell"].iloc[r])
                why = "suppressed (small cell)" if small else NOT_PRINTED
                ax.annotate(f"{g}: {why}", xy=(0, ys[t_i]), xytext=(3, 0), textcoords="offset points",
                            va="center", ha="left", fontsize=8, style="italic", color=PALETTE["grey"])
    rows(ax, [wrap(t) for t in themes])
    ax.set_xlim(0, max(right, 1e-9) * 1.25)
    level = f"{100 * check_confidence_level(confidence_level):g}%"
    ax.set_xlabel(_axis_label(f"{value_label(scale, unit_label)} of each {name}", sample, level))
    ax.legend(title=name, **LEGEND_OUTSIDE)
    default = f"{unit_label.capitalize()} mentioning each theme, by group"
    return finish(ax, default if title is None else title)

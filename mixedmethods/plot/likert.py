"""Likert items as diverging stacked bars (:func:`likert`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE, blend, text_color, wrap
from .._validation import InputError, check_columns, check_labels, label_list, show_value
from ._base import LEGEND_OUTSIDE, axes, check_frame, finish, height, rows, with_ax_doc

__all__ = ["likert"]


def _diverging(k):
    """k colours from the palette: vermillion/orange (disagree) … grey (neutral, k odd) … sky blue/blue (agree)."""
    from matplotlib.colors import to_rgb

    side = k // 2
    neg_base, pos_base = [PALETTE["vermillion"], PALETTE["orange"]], [PALETTE["blue"], PALETTE["sky_blue"]]

    def ramp(base, m):
        if m <= 2:
            return base[:m]
        return [blend(base[0], t) for t in np.linspace(0, 0.65, m)]

    neg = [to_rgb(c) if isinstance(c, str) else c for c in ramp(neg_base, side)]
    pos = [to_rgb(c) if isinstance(c, str) else c for c in ramp(pos_base, side)][::-1]
    middle = [to_rgb(PALETTE["grey"])] if k % 2 == 1 else []
    return neg + middle + pos


@with_ax_doc
def likert(data, *, items=None, levels=None, level_labels=None, labels=None, title="Responses by item", ax=None,
           **kwargs):
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
    labels : dict or list, optional
        The item labels printed: a mapping ``column -> label``, or a list
        with one label per item (in the order of ``items``).
    title : str
        Axes title ("" for none).
    %(ax)s
    Notes
    -----
    Bar lengths are the percentage of the item's non-missing answers in each
    level.  ``**kwargs`` go to ``Axes.barh``.

    Examples
    --------
    >>> import pandas as pd
    >>> answers = pd.DataFrame({"q1": [1, 2, 3, 4, 5], "q2": [1, 1, 2, 5, None]})
    >>> ax = likert(answers, levels=[1, 2, 3, 4, 5], labels={"q1": "Item 1"})
    >>> [float(bar.get_width()) for bar in ax.containers[0]]   # level 1, per item
    [20.0, 50.0]
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import pandas as pd
    from matplotlib.ticker import FuncFormatter

    check_frame(data, [])
    items = list(data.columns) if items is None else label_list("items", items)
    check_columns(data, items)
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
    names = check_labels(labels, items)
    ticks = [f"{wrap(name)}\n(n = {t:.0f})" for name, t in zip(names, totals)]
    ax = axes(ax, 8, height(ticks, minimum=0.5, extra=1.9))
    y = np.arange(k)
    left = -neg
    for j in range(m):
        ax.barh(y, pct[:, j], left=left, color=colors[j], height=0.65, label=level_labels[j],
                edgecolor="white", linewidth=0.5, **kwargs)
        for i in range(k):
            if pct[i, j] >= 7:
                ax.text(left[i] + pct[i, j] / 2, y[i], f"{pct[i, j]:.0f}", ha="center", va="center",
                        fontsize=8, color=text_color(colors[j]))
        left = left + pct[:, j]
    rows(ax, ticks)
    ax.tick_params(axis="y", length=0)
    ax.axvline(0, color=PALETTE["black"], lw=0.8, zorder=0.5)
    span = max(np.max(neg), np.max(100 - neg)) * 1.05
    ax.set_xlim(-span, span)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))
    ax.set_xlabel("Answers (%): disagreement to the left of 0, agreement to the right")
    if sum(len(t) for t in level_labels) + 4 * m <= 90:
        # one row under the axis, in the order of the bars
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 0.25 / max(k, 1)), ncol=m,
                  frameon=False, handlelength=1.2, columnspacing=1.0)
    else:
        ax.legend(**LEGEND_OUTSIDE)
    return finish(ax, title, spines=("top", "right", "left"))

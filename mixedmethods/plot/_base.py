"""What every plot shares: the Axes to draw on, row layout, and checks of the table drawn.

Colours and label wrapping live in :mod:`mixedmethods._style`; this module
holds the rest of the plots' shared machinery.  matplotlib and pandas are
imported inside the functions, so importing it stays light.
"""
from __future__ import annotations

import numpy as np

from .._docs import fill_doc
from .._sampling import check_unit_label
from .._validation import (
    InputError, InputTypeError, check_choice, check_columns, check_confidence_level, show_value,
)

__all__ = [
    "MARKERS", "NOT_PRINTED", "LEGEND_OUTSIDE", "with_ax_doc", "axes", "rows", "finish", "height",
    "check_frame", "numeric", "row_name", "check_counts", "intervals", "scale_values", "value_label",
    "fraction", "between_title",
]

#: Markers of the groups, in the order of :data:`mixedmethods._style.CYCLE`.
MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
#: What a plot writes where a paper did not print a count.
NOT_PRINTED = "not printed"
#: A legend to the right of the axes, top-aligned.
LEGEND_OUTSIDE = {"loc": "upper left", "bbox_to_anchor": (1.01, 1), "frameon": False}

#: The ``ax`` parameter and the Returns section, written once for every plot.
_AX_DOC = """\
    ax : matplotlib.axes.Axes, optional
        The Axes to draw on.  By default the current Axes (``plt.gca()``, as
        seaborn does); when the current figure is new or still empty it is
        first sized to the content.
    **kwargs
        Passed on to the matplotlib call named in the Notes.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on (``ax`` when given).  ``plt.show()`` is never called.

"""


def with_ax_doc(func):
    """Decorator of every plot: the shared ``ax``/Returns text, and unknown keywords named.

    The docstring's ``%(ax)s`` line becomes the shared text (docstrings are
    None under ``python -OO``; they are then left alone).  A keyword that
    neither the plot nor the matplotlib call its ``**kwargs`` go to takes
    (matplotlib raises ``AttributeError: Rectangle.set() got an unexpected
    keyword argument 'labels'``) raises a TypeError naming the plot.
    """
    import functools
    import re

    fill_doc(ax=_AX_DOC.lstrip().removesuffix("\n"))(func)

    @functools.wraps(func)
    def plot(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AttributeError as exc:
            unknown = re.search(r"unexpected keyword argument '([^']+)'", str(exc))
            if unknown is None or unknown.group(1) not in kwargs:
                raise
            raise TypeError(
                f"mixedmethods.plot.{func.__name__}() got an unexpected keyword argument {unknown.group(1)!r} "
                f"(neither its own nor one that matplotlib takes: {exc})."
            ) from None

    return plot


def axes(ax, width, height):
    """``ax``, or the current Axes; a new or empty current figure is sized ``width`` × ``height`` inches."""
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    if not plt.get_fignums():
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
        return ax
    fig = plt.gcf()
    if not fig.axes:
        fig.set_size_inches(width, height)
        fig.set_layout_engine("constrained")
    return plt.gca()


def rows(ax, labels):
    """One row per label, the first on top."""
    k = len(labels)
    ax.set_yticks(np.arange(k), labels)
    ax.set_ylim(k - 0.5, -0.5)


def finish(ax, title, spines=("top", "right")):
    """Hide ``spines``, set the title unless it is empty, and return ``ax``."""
    if spines:
        ax.spines[list(spines)].set_visible(False)
    if title:
        ax.set_title(title)
    return ax


def height(labels, per_line=0.19, minimum=0.42, extra=1.3):
    """Figure height (inches) leaving each row room for its wrapped label."""
    return extra + sum(max(minimum, per_line * (str(t).count("\n") + 1) + 0.12) for t in labels)


def check_frame(data, columns, what="column"):
    """``data`` is a DataFrame with at least one row and ``columns``, or raise."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    if len(data) == 0:
        raise InputError("data has no rows; there is nothing to plot.")
    check_columns(data, columns, what=what)


def numeric(data, column, *, row_label=None):
    """Column as floats (missing -> NaN) or raise naming the row."""
    import pandas as pd

    values = pd.to_numeric(data[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(np.isnan(values) & data[column].notna().to_numpy())
    if bad.size:
        i = bad[0]
        raise InputTypeError(
            f"column {column!r} at row {row_name(data, i, row_label)} is {show_value(data[column].iloc[i])}, "
            "not a number."
        )
    return values


def row_name(data, i, row_label=None):
    """The index label of row ``i`` (by position), with its ``row_label`` value when there is one."""
    name = show_value(data.index[i])
    if row_label is not None and row_label in data.columns:
        name += f" ({show_value(data[row_label].iloc[i])})"
    return name


def check_counts(data, count, denominator, label):
    """Counts and denominators as float arrays, validated; missing counts allowed (not printed)."""
    n = numeric(data, count, row_label=label)
    d = numeric(data, denominator, row_label=label)
    for name, values in ((count, n), (denominator, d)):
        bad = np.flatnonzero(values < 0)
        if bad.size:
            raise InputError(
                f"column {name!r} is negative ({values[bad[0]]:g}) at row {row_name(data, bad[0], label)}; "
                "counts must be >= 0."
            )
        bad = np.flatnonzero(np.isfinite(values) & (values != np.round(values)))
        if bad.size:
            raise InputError(
                f"column {name!r} is {values[bad[0]]:g} at row {row_name(data, bad[0], label)}; "
                "counts must be whole numbers."
            )
    bad = np.flatnonzero(~(d > 0))
    if bad.size:
        raise InputError(
            f"column {denominator!r} is {d[bad[0]]:g} at row {row_name(data, bad[0], label)}; "
            "every row needs a denominator of at least 1."
        )
    bad = np.flatnonzero(n > d)
    if bad.size:
        i = bad[0]
        raise InputError(
            f"column {count!r} ({n[i]:g}) exceeds {denominator!r} ({d[i]:g}) at row {row_name(data, i, label)}; "
            "a count cannot be larger than its denominator."
        )
    return n, d


def intervals(data, n, d, confidence_level, ci_scale, label):
    """Interval of each proportion (0-1): given ``ci_low``/``ci_high`` or Wilson's."""
    from .._formulas import wilson_interval

    p = n / d
    lo, hi = np.full(n.shape, np.nan), np.full(n.shape, np.nan)
    if {"ci_low", "ci_high"} <= set(data.columns):
        lo, hi = numeric(data, "ci_low", row_label=label), numeric(data, "ci_high", row_label=label)
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
                f"row {row_name(data, i, label)}: the interval [{lo[i]:.3g}, {hi[i]:.3g}] does not contain "
                f"the proportion {p[i]:.3g}; check ci_low/ci_high or pass ci_scale='percent' or 'proportion'."
            )
    need = np.isfinite(p) & ~(np.isfinite(lo) & np.isfinite(hi))
    if need.any():
        level = check_confidence_level(confidence_level)
        lo[need], hi[need] = wilson_interval(n[need], d[need], level)
    return lo, hi


def scale_values(values, scale, d):
    """Proportions as percentages (``scale="percent"``) or as counts out of ``d``."""
    return values * 100 if scale == "percent" else values * d


def value_label(scale, unit_label="participants"):
    """The value axis' title for ``scale``: ``"Participants (%)"``, or ``"Papers (n)"`` for papers counted."""
    return f"{check_unit_label(unit_label).capitalize()} ({'%' if scale == 'percent' else 'n'})"



def fraction(n, d):
    """``"n/d"`` with whole numbers."""
    return f"{n:.0f}/{d:.0f}"


def between_title(data, between):
    """What the groups are called in legends and headings: the attribute, not "group".

    A :func:`~mixedmethods.themes.crosstab` table keeps its levels in a
    ``group`` column and names its attribute in a ``between`` column (one
    value, e.g. "gender"): grouped by ``group``, it is titled by that name.
    A table grouped by any other column is titled by that column's name.
    """
    if between == "group" and "between" in data.columns:
        names = data["between"].dropna().unique()
        if len(names) == 1:
            return str(names[0])
    return str(between)

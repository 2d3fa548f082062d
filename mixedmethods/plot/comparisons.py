"""Two groups compared item by item: each group's mean (:func:`group_means`) and Hedges' g (:func:`effect_sizes`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE, color as palette_color, wrap
from .._validation import InputError, check_choice, check_columns, check_confidence_level, check_labels
from ._base import LEGEND_OUTSIDE, MARKERS, axes, check_frame, finish, height, numeric, rows, with_ax_doc

__all__ = ["group_means", "effect_sizes"]


def _compare_rows(data, test, needed):
    check_frame(data, ["dv", "test", *needed])
    check_choice("test", test, ("student", "welch"))
    chosen = data[data["test"] == test]
    if len(chosen) == 0:
        raise InputError(
            f"no rows with test == {test!r}; the table has tests {sorted(set(data['test'].astype(str)))!r}. "
            "Pass the output of compare() or compare_summary()."
        )
    dup = chosen["dv"].duplicated()
    if dup.any():
        raise InputError(f"outcome {chosen['dv'][dup].iloc[0]!r} appears twice among the {test!r} rows; "
                         "give one comparison per outcome.")
    return chosen.reset_index(drop=True)


def _order(table, order, key):
    if isinstance(order, str):
        check_choice("order", order, ("input", key))
        if order == "input":
            return np.arange(len(table))
        values = table[{"difference": "mean_diff", "effect": "hedges_g"}[key]].to_numpy(dtype=float)
        return np.argsort(-values, kind="stable")
    wanted = list(order)
    dvs = list(table["dv"])
    missing = [v for v in wanted if v not in dvs]
    if missing:
        raise InputError(f"order names outcomes {missing!r} that are not in column 'dv'.")
    return np.array([dvs.index(v) for v in wanted], dtype=int)


def _labels(table, labels):
    if labels is None:
        return [str(v) for v in table["dv"]]
    if isinstance(labels, str):
        check_columns(table, [labels], what="labels column")
        return [str(v) for v in table[labels]]
    return check_labels(labels, table["dv"])


@with_ax_doc
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
    labels : dict, str or list, optional
        Item labels: a mapping ``dv -> label``, a column of ``data``, or a
        list with one label per item (outcome), in the table's order.
    alpha : float
        Items with ``p_adjusted < alpha`` get a "*" after their label.
    confidence_level : float
        Coverage of each mean's interval ``mean ± t(n-1) sd / sqrt(n)``.
    title : str
        Axes title ("" for none).
    %(ax)s
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
    from matplotlib.lines import Line2D
    from scipy import stats

    table = _compare_rows(data, test, ["group1", "group2", "n1", "n2", "mean1", "mean2", "sd1", "sd2",
                                       "mean_diff", "p_adjusted", "p_adjust"])
    level = check_confidence_level(confidence_level)
    table = table.iloc[_order(table, order, "difference")].reset_index(drop=True)
    names = _labels(table, labels)
    p_adj = numeric(table, "p_adjusted")
    marks = [wrap(name) + (" *" if p < alpha else "") for name, p in zip(names, p_adj)]
    ax = axes(ax, 8.5, height(marks, minimum=0.6, extra=1.0))
    y = np.arange(len(table))
    offsets = (0.15, -0.15)
    groups = (str(table["group1"].iloc[0]), str(table["group2"].iloc[0]))
    for j, g in enumerate((1, 2)):
        mean = numeric(table, f"mean{g}")
        sd = numeric(table, f"sd{g}")
        nn = numeric(table, f"n{g}")
        if np.any(nn < 2):
            i = int(np.flatnonzero(nn < 2)[0])
            raise InputError(f"column 'n{g}' is {nn[i]:g} for outcome {table['dv'].iloc[i]!r}; a CI needs n >= 2.")
        half = stats.t.ppf(1 - (1 - level) / 2, nn - 1) * sd / np.sqrt(nn)
        opts = {"fmt": MARKERS[j], "color": palette_color(j), "capsize": 3, "lw": 1.2, "markersize": 6}
        opts.update(kwargs)
        ax.errorbar(mean, y - offsets[j], xerr=half, label=f"{groups[j]}", **opts)
    rows(ax, marks)
    method = str(table["p_adjust"].iloc[0])
    how = "unadjusted" if method == "none" else f"{method}-adjusted"
    handles, texts = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], linestyle="none", marker="$*$", color=PALETTE["black"]))
    texts.append(f"{test.title()} p < {alpha:g} ({how})")
    ax.legend(handles, texts, **LEGEND_OUTSIDE)
    ax.set_xlabel(f"Mean, with {100 * level:g}% CI")
    ax.grid(axis="x", color=PALETTE["grey"], alpha=0.3)
    return finish(ax, title)


@with_ax_doc
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
        Which row of each outcome is drawn: Welch rows standardise by the
        average-variance SD, Student rows by the pooled SD (see ``standardiser``).
    order : {"input", "effect"} or list
        Table order, largest g on top, or the ``dv`` values in the order given.
    labels : dict, str or list, optional
        Item labels: a mapping ``dv -> label``, a column of ``data``, or a
        list with one label per item (outcome), in the table's order.
    title : str
        Axes title ("" for none).
    %(ax)s
    Notes
    -----
    The value and interval of each row are printed on the right axis.  A
    one-sided interval (``alternative="less"`` or ``"greater"``) has an
    infinite bound: its bar runs to the edge of the axes and ends in an
    arrow, and its label reads e.g. ``0.57 [0.21, ∞)``.  Each row's interval
    is the one of its test (pooled SD on Student rows, average-variance SD on
    Welch rows).  ``**kwargs`` go to ``Axes.errorbar``.

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
    from matplotlib.ticker import MaxNLocator

    from .._format import format_number

    table = _compare_rows(data, test, ["group1", "group2", "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high",
                                       "confidence_level"])
    table = table.iloc[_order(table, order, "effect")].reset_index(drop=True)
    names = _labels(table, labels)
    g = numeric(table, "hedges_g")
    lo, hi = numeric(table, "hedges_g_ci_low"), numeric(table, "hedges_g_ci_high")
    bad = np.flatnonzero((lo > g) | (hi < g))
    if bad.size:
        raise InputError(f"outcome {table['dv'].iloc[bad[0]]!r}: hedges_g is outside "
                         "[hedges_g_ci_low, hedges_g_ci_high].")
    finite = np.r_[g, lo, hi][np.isfinite(np.r_[g, lo, hi])]
    span = max(np.abs(finite).max() if finite.size else 0.0, 0.1) * 1.1
    wrapped = [wrap(s) for s in names]
    ax = axes(ax, 8, height(wrapped, extra=1.1))
    y = np.arange(len(table))
    opts = {"fmt": "s", "color": PALETTE["blue"], "ecolor": PALETTE["blue"], "capsize": 3, "lw": 1.4,
            "markersize": 6}
    opts.update(kwargs)
    # a one-sided interval is open on one side: its bar runs to the edge of the axes and ends in an arrow
    drawn_lo, drawn_hi = np.where(np.isinf(lo), -span, lo), np.where(np.isinf(hi), span, hi)
    ax.errorbar(g, y, xerr=np.vstack([g - drawn_lo, drawn_hi - g]), **opts)
    for side, edge, marker in ((lo, -span, "<"), (hi, span, ">")):
        open_rows = np.flatnonzero(np.isinf(side))
        if open_rows.size:
            ax.plot(np.full(open_rows.size, edge), y[open_rows], linestyle="none", marker=marker,
                    color=opts["ecolor"], markersize=7, clip_on=False)
    ax.axvline(0, color=PALETTE["grey"], ls="--", lw=1, zorder=0)
    rows(ax, wrapped)
    level = f"{100 * float(table['confidence_level'].iloc[0]):g}%"
    right = ax.secondary_yaxis("right")
    right.set_yticks(y, [f"{format_number(a)} {'(' if np.isinf(b) else '['}{format_number(b)}, "
                         f"{format_number(c)}{')' if np.isinf(c) else ']'}" for a, b, c in zip(g, lo, hi)])
    right.tick_params(length=0)
    right.set_ylabel(f"g [{level} CI]")
    g1, g2 = str(table["group1"].iloc[0]), str(table["group2"].iloc[0])
    ax.set_xlabel(f"Hedges' g ({g1} − {g2}), {level} CI; {test.title()} rows")
    ax.set_xlim(-span, span)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    return finish(ax, title, spines=("top",))

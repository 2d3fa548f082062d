"""Intercoder agreement per code, as a dot chart with the usual thresholds (:func:`agreement`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE, wrap
from .._validation import InputError, check_choice
from ._base import axes, check_frame, finish, height, numeric, rows, with_ax_doc

__all__ = ["agreement"]

_COEFFICIENTS = {
    "krippendorff_alpha": "Krippendorff's alpha (nominal)",
    "cohen_kappa": "Cohen's kappa",
}
#: Krippendorff's (2004, Content Analysis, 2nd ed.) guide: alpha >= .800 to rely on a variable, >= .667 for tentative conclusions.
THRESHOLDS = (0.667, 0.8)


@with_ax_doc
def agreement(data, *, value="auto", label="code", thresholds=THRESHOLDS, title="Intercoder agreement per code",
              ax=None, **kwargs):
    """Agreement coefficient of each code as a dot, with percent agreement and disagreements written beside it.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`mixedmethods.themes.agreement` output: ``label``, ``value``,
        ``percent_agreement``, ``n_disagreements``, ``n_units`` and ``note``.
        Its ``"(all codes)"`` row, when present, is drawn last, under a line.
    value : {"auto", "cohen_kappa", "krippendorff_alpha"}
        The coefficient on the horizontal axis; ``"auto"``: Cohen's kappa for
        two coders, Krippendorff's alpha for more.
    label : str
        Column naming the codes (``"code_path"`` for the full paths).
    thresholds : tuple of float
        Dashed reference lines (Krippendorff's .667 and .800 by default; ``()``
        for none).
    title : str
        Axes title ("" for none).
    %(ax)s
    Notes
    -----
    A code whose coefficient is undefined (nobody, or everybody everywhere,
    applied it) gets no dot: the row says "undefined" with the reason's
    first words, never a dot at zero.  Dots of codes with disagreements are
    filled, codes without are hollow (colour is never the only cue).
    ``**kwargs`` go to ``Axes.scatter``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"code": ["cost", "time", "(all codes)"], "cohen_kappa": [0.5, float("nan"), 0.4],
    ...                       "percent_agreement": [75.0, 100.0, 80.0], "n_disagreements": [1, 0, 1],
    ...                       "n_units": [4, 4, 8], "n_coders": [2, 2, 2],
    ...                       "note": ["", "every coder gave the same answer on every unit", ""]})
    >>> ax = agreement(table)
    >>> [t.get_text() for t in ax.texts][:2]
    ['75% agree, 1 of 4 units differ', 'undefined: every coder gave the same answer on every unit']
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    check_choice("value", value, ("auto", *_COEFFICIENTS))
    check_frame(data, [label, "percent_agreement", "n_disagreements", "n_units"])
    if value == "auto":
        two = "n_coders" not in data.columns or (numeric(data, "n_coders") == 2).all()
        value = "cohen_kappa" if two and "cohen_kappa" in data.columns else "krippendorff_alpha"
    check_frame(data, [value])
    y = numeric(data, value, row_label=label)
    bad = np.flatnonzero(np.isfinite(y) & ((y < -1) | (y > 1)))
    if bad.size:
        raise InputError(f"column {value!r} is {y[bad[0]]:g} at row {bad[0]}; agreement coefficients lie in [-1, 1].")
    percent = numeric(data, "percent_agreement", row_label=label)
    differ = numeric(data, "n_disagreements", row_label=label)
    units = numeric(data, "n_units", row_label=label)
    notes = data["note"].fillna("").astype(str).tolist() if "note" in data.columns else [""] * len(data)
    names = [wrap(x, 28) for x in data[label].astype(str)]
    k = len(names)
    ax = axes(ax, 8.5, height(names))
    for t in thresholds:
        ax.axvline(t, color=PALETTE["grey"], linestyle="--", linewidth=0.8, zorder=0)
    ax.axvline(0, color=PALETTE["black"], linewidth=0.6, zorder=0)
    pos = np.arange(k)
    known = np.isfinite(y)
    kwargs.setdefault("s", 45)
    kwargs.setdefault("zorder", 3)
    has = known & (differ > 0)
    ax.scatter(y[has], pos[has], color=PALETTE["blue"], label="with disagreements", **kwargs)
    ax.scatter(y[known & ~has], pos[known & ~has], facecolors="white", edgecolors=PALETTE["blue"],
               label="no disagreement", **kwargs)
    lo = min(-0.1, float(np.nanmin(y)) - 0.05) if known.any() else -0.1
    ax.set_xlim(lo, 1.9)
    for i in range(k):
        if known[i]:
            text = f"{percent[i]:.0f}% agree, {differ[i]:.0f} of {units[i]:.0f} units differ"
            ax.text(max(y[i], 0) + 0.05, i, text, va="center", fontsize=8, color=PALETTE["black"])
        else:
            head = notes[i].split(":")[0]
            reason = head[head.find("(") + 1:head.rfind(")")] if "(" in head else (head or "no value")
            ax.text(0.02, i, f"undefined: {reason}", va="center", fontsize=8, color="#555555", style="italic")
    rows(ax, names)
    if "code" in data.columns and (data["code"] == "(all codes)").any():
        ax.axhline(int(np.flatnonzero((data["code"] == "(all codes)").to_numpy())[0]) - 0.5,
                   color=PALETTE["grey"], linewidth=0.8)
    ax.set_xticks([t for t in (-0.5, 0, 0.2, 0.4, 0.6, 0.8, 1.0) if t >= lo])
    ax.set_xlabel(f"{_COEFFICIENTS[value]} (dashed: {', '.join(f'{t:.3f}'.rstrip('0') for t in thresholds)})"
                  if thresholds else _COEFFICIENTS[value])
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    return finish(ax, title)

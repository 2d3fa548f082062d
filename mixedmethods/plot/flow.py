"""Who stayed and who left between the stages of a study, PRISMA-style (:func:`flow`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE, blend, wrap
from .._validation import InputError
from ._base import axes, check_frame, finish, numeric, row_name, with_ax_doc

__all__ = ["flow"]


@with_ax_doc
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
    %(ax)s
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
    check_frame(data, [stage, n])
    counts = numeric(data, n, row_label=stage)
    for i, c in enumerate(counts):
        if not np.isfinite(c):
            raise InputError(f"column {n!r} is missing at row {row_name(data, i, stage)}; every stage needs a count.")
        if c < 0 or c != round(c):
            raise InputError(f"column {n!r} is {c:g} at row {row_name(data, i, stage)}; counts are whole numbers >= 0.")
    for i in range(1, len(counts)):
        if counts[i] > counts[i - 1]:
            raise InputError(
                f"column {n!r} grows from {counts[i - 1]:g} to {counts[i]:g} at row {row_name(data, i, stage)}; "
                "a flow only loses participants between stages."
            )
    k = len(data)
    ax = axes(ax, 8, 0.6 + 1.25 * k)
    ax.set_xlim(0, 1)
    ax.set_ylim(k - 0.4, -0.6)
    ax.axis("off")
    box = {"boxstyle": "round,pad=0.5", "facecolor": blend(PALETTE["sky_blue"], 0.7),
           "edgecolor": PALETTE["blue"], "lw": 1.2}
    box.update(kwargs)
    side = {"boxstyle": "round,pad=0.5", "facecolor": blend(PALETTE["orange"], 0.75),
            "edgecolor": PALETTE["vermillion"], "lw": 1}
    reasons = data[reason] if reason in data.columns else None
    for i in range(k):
        ax.text(0.3, i, f"{wrap(data[stage].iloc[i], 30)}\n(n = {counts[i]:.0f})", ha="center", va="center",
                fontsize=10, bbox=box, gid=f"stage-{i}")
        if i + 1 < k:
            ax.annotate("", xy=(0.3, i + 0.62), xytext=(0.3, i + 0.38),
                        arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"], "lw": 1.2})
            gone = counts[i] - counts[i + 1]
            why = reasons.iloc[i] if reasons is not None else None
            text = f"{leaving_label} (n = {gone:.0f})"
            if isinstance(why, str) and why.strip():
                text += "\n" + "\n".join(wrap(part.strip(), 34) for part in why.split(";") if part.strip())
            ax.annotate("", xy=(0.62, i + 0.5), xytext=(0.3, i + 0.5),
                        arrowprops={"arrowstyle": "-|>", "color": PALETTE["black"], "lw": 1})
            ax.text(0.64, i + 0.5, text, ha="left", va="center", fontsize=9, bbox=side, gid=f"excluded-{i}")
    return finish(ax, title, spines=())

"""Figures a mixed-methods paper prints: theme counts, group comparisons, Likert items, flows.

Every function takes the table another module returns (``tally``,
``crosstab``, ``cooccurrence``, ``compare``, ``compare_summary``,
``word_frequencies``) or raw responses, draws on ``ax`` (by default the
current Axes, as seaborn; a new or empty figure is sized to the content),
returns the Axes and never calls ``plt.show()``.  Colours come from one
colour-blind-safe palette, :data:`PALETTE` (Okabe & Ito 2008), and are never
the only carrier of meaning: groups also differ by marker, and counts are
printed.

One module per kind of figure: :mod:`~mixedmethods.plot.themes`
(:func:`theme_bars`, :func:`theme_by_group`),
:mod:`~mixedmethods.plot.comparisons` (:func:`group_means`,
:func:`effect_sizes`), :mod:`~mixedmethods.plot.likert`,
:mod:`~mixedmethods.plot.cooccurrence`, :mod:`~mixedmethods.plot.flow`,
:mod:`~mixedmethods.plot.word_cloud` and :mod:`~mixedmethods.plot.agreement`
(intercoder agreement per code).  matplotlib is imported inside the
functions, so ``import mixedmethods.plot`` stays light.
"""
from __future__ import annotations

from .._style import PALETTE
from .agreement import agreement
from .comparisons import effect_sizes, group_means
from .cooccurrence import cooccurrence
from .flow import flow
from .likert import likert
from .themes import theme_bars, theme_by_group
from .word_cloud import word_cloud

__all__ = [
    "PALETTE", "theme_bars", "theme_by_group", "group_means", "effect_sizes", "likert",
    "cooccurrence", "flow", "word_cloud", "agreement",
]


def __dir__():
    return list(__all__)

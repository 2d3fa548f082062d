"""Comparisons of groups: t-tests, rank tests, effect sizes, p adjustment, power, Bayes factors.

One module per concept: :mod:`~.two_groups` (Student and Welch t-tests with
Levene and effect sizes, from raw data or summaries), :mod:`~.nonparametric`
(Mann–Whitney), :mod:`~.effect_sizes` (pooled SD, Hedges' correction,
noncentral-t intervals), :mod:`~.p_values` (multiple comparisons),
:mod:`~.apa` (report lines), :mod:`~.power` (power and sensitivity) and
:mod:`~.bayes_factors` (JZS Bayes factors).  Heavy libraries are imported
only when a function runs.
"""
from __future__ import annotations

from .apa import apa_report
from .bayes_factors import bayes_factor_ttest
from .effect_sizes import hedges_correction, noncentral_t_interval, pooled_sd
from .nonparametric import mann_whitney
from .p_values import adjust_pvalues
from .power import power_ttest, sensitivity_ttest
from .two_groups import COMPARE_COLUMNS, compare, compare_summary

__all__ = [
    "compare", "compare_summary", "COMPARE_COLUMNS", "mann_whitney", "adjust_pvalues", "apa_report",
    "pooled_sd", "hedges_correction", "noncentral_t_interval",
    "power_ttest", "sensitivity_ttest", "bayes_factor_ttest",
]


def __dir__():
    return list(__all__)

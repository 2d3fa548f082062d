"""Comparisons of groups: t-tests, rank tests, effect sizes, p adjustment, power, Bayes factors.

One module per concept: :mod:`~.two_groups` (Student and Welch t-tests with
Levene and effect sizes, from raw data or summaries), :mod:`~.nonparametric`
(Mann–Whitney, Brunner–Munzel), :mod:`~.robust` (Yuen's trimmed-means test),
:mod:`~.effect_sizes` (pooled and average-variance SD, Hedges' correction,
noncentral-t intervals), :mod:`~.p_values` (multiple comparisons),
:mod:`~.apa` (report lines), :mod:`~.power` (power and sensitivity) and
:mod:`~.bayes_factors` (JZS Bayes factors); :mod:`~.paired` (pre/post: paired t
and Wilcoxon), :mod:`~.one_sample`, :mod:`~.correlation` (Pearson, Spearman)
and :mod:`~.reproduce_within` and :mod:`~.reproduce_correlation` (which paired,
one-sample or correlation test a paper printed); :mod:`~.counts` (Pearson, Yates, likelihood-ratio and
exact Fisher tests of tables of counts) and :mod:`~.reproduce_counts` (which of them a paper printed).
Heavy libraries are imported only when a function runs.
"""
from __future__ import annotations

from .anova import ANOVA_COLUMNS, anova, anova_summary
from .apa import apa_report
from .bayes_factors import bayes_factor_ttest
from .counts import COUNTS_COLUMNS, compare_counts
from .correlation import CORRELATION_COLUMNS, correlation, correlation_summary
from .effect_sizes import average_variance_sd, hedges_correction, noncentral_t_interval, pooled_sd
from .nonparametric import brunner_munzel, mann_whitney
from .one_sample import ONE_SAMPLE_COLUMNS, one_sample, one_sample_summary
from .paired import PAIRED_COLUMNS, compare_paired, compare_paired_summary
from .p_values import adjust_pvalues
from .power import power_ttest, sensitivity_ttest
from .reproduce_counts import COUNTS_VARIANTS, reproduce_counts
from .reproduce_anova import ANOVA_VARIANTS, reproduce_anova
from .reproduce_correlation import CORRELATION_VARIANTS, reproduce_correlation
from .reproduce_ttests import TTEST_VARIANTS, reproduce_ttests
from .robust import yuen
from .reproduce_within import ONE_SAMPLE_VARIANTS, PAIRED_VARIANTS, reproduce_one_sample, reproduce_paired
from .two_groups import COMPARE_COLUMNS, compare, compare_summary

__all__ = [
    "compare_counts", "COUNTS_COLUMNS", "reproduce_counts", "COUNTS_VARIANTS",
    "compare_paired", "compare_paired_summary", "PAIRED_COLUMNS", "one_sample", "one_sample_summary",
    "ONE_SAMPLE_COLUMNS", "correlation", "correlation_summary", "CORRELATION_COLUMNS",
    "reproduce_paired", "reproduce_one_sample", "PAIRED_VARIANTS", "ONE_SAMPLE_VARIANTS",
    "reproduce_correlation", "CORRELATION_VARIANTS",
    "compare", "compare_summary", "COMPARE_COLUMNS", "mann_whitney", "brunner_munzel", "yuen",
    "adjust_pvalues", "apa_report", "pooled_sd", "average_variance_sd", "hedges_correction",
    "noncentral_t_interval",
    "power_ttest", "sensitivity_ttest", "bayes_factor_ttest", "reproduce_ttests", "TTEST_VARIANTS",
    "anova", "anova_summary", "ANOVA_COLUMNS", "reproduce_anova", "ANOVA_VARIANTS",
]


def __dir__():
    return list(__all__)

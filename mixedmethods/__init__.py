"""mixedmethods: re-run published comparisons, audit reported numbers, count themes.

The top-level names are loaded on first use, so ``import mixedmethods`` stays
light (no SciPy, pandas or matplotlib until a function needs them).

>>> import mixedmethods as mm
>>> mm.compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)["test"].tolist()
['student', 'welch']
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "compare": "comparisons",
    "compare_summary": "comparisons",
    "compare_counts": "comparisons",
    "reproduce_counts": "comparisons",
    "mann_whitney": "comparisons",
    "brunner_munzel": "comparisons",
    "yuen": "comparisons",
    "adjust_pvalues": "comparisons",
    "apa_report": "comparisons",
    "power_ttest": "comparisons",
    "sensitivity_ttest": "comparisons",
    "bayes_factor_ttest": "comparisons",
    "compare_paired": "comparisons",
    "compare_paired_summary": "comparisons",
    "one_sample": "comparisons",
    "one_sample_summary": "comparisons",
    "correlation": "comparisons",
    "correlation_summary": "comparisons",
    "reproduce_paired": "comparisons",
    "reproduce_one_sample": "comparisons",
    "reproduce_correlation": "comparisons",
    "reproduce_ttests": "comparisons",
    "anova": "comparisons",
    "anova_summary": "comparisons",
    "reproduce_anova": "comparisons",
    "load_study": "studies",
    "list_studies": "studies",
    "reproduce_study": "studies",
    "tally": "themes",
    "crosstab": "themes",
    "cooccurrence": "themes",
    "case_matrix": "themes",
    "agreement": "themes",
    "read_codebook": "readers",
    "read_qdpx": "readers",
    "read_taguette": "readers",
    "QDAProject": "readers",
    "write_qdpx": "readers",
    "joint_display": "joint",
    "JointDisplay": "joint",
    "word_frequencies": "text",
    "keywords_in_context": "text",
    "simulate_error_rates": "simulation",
    "format_number": "_format",
    "format_p": "_format",
    "InputError": "_validation",
    "InputTypeError": "_validation",
}
_SUBMODULES = {
    "comparisons", "effect_sizes", "audit", "studies", "themes", "readers", "plot", "joint", "text",
    "simulation", "cli",
}
# submodules that live inside a subpackage: name -> module path
_SUBMODULE_PATHS = {"effect_sizes": "comparisons.effect_sizes"}

__all__ = sorted(_EXPORTS) + sorted(_SUBMODULES)


def __getattr__(name):
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{_SUBMODULE_PATHS.get(name, name)}", __name__)
    else:
        raise AttributeError(f"module 'mixedmethods' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__():
    return [*__all__, "__version__"]

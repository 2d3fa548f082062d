"""APA-style report lines for the rows of a two-group comparison table."""
from __future__ import annotations

from .._format import format_number, format_p
from .._validation import check_columns
from .p_values import ADJUST_NAMES

__all__ = ["apa_report"]


def apa_report(results, *, ci=True):
    """One APA-style line per row of a :func:`compare` or :func:`compare_summary` table.

    Parameters
    ----------
    results : pandas.DataFrame
        The output of :func:`compare` or :func:`compare_summary`.
    ci : bool
        Whether to end each line with the confidence interval of Hedges' g
        (a joint display with little room leaves it out).

    Returns
    -------
    pandas.Series
        Strings such as ``"t(93) = 2.53, p = .013, g = 0.55, 95% CI [0.12, 0.98]"``
        (the interval is that of Hedges' g), indexed like ``results``.  Welch
        df are printed with one decimal, Student df as whole numbers.  When
        the table was adjusted for multiple comparisons the adjusted p is
        printed and named (``"p = .018 (Bonferroni-adjusted)"``): the
        interval of g stays the unadjusted one, so the two may then disagree
        about significance.

    Examples
    --------
    >>> from mixedmethods import compare_summary
    >>> res = compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)
    >>> print(apa_report(res)[0])
    t(93) = 2.66, p = .009, g = 0.57, 95% CI [0.14, 0.99]
    >>> print(apa_report(res, ci=False)[1])
    t(72.6) = 2.72, p = .008, g = 0.57
    """
    columns = ["test", "t", "df", "p", "hedges_g"]
    if ci:
        columns += ["hedges_g_ci_low", "hedges_g_ci_high", "confidence_level"]
    check_columns(results, columns, argument="results")
    import pandas as pd

    lines = [_apa_line(row, ci) for row in results.itertuples(index=False)]
    return pd.Series(lines, index=results.index, name="apa")


#: How an adjusted p is named in a line (the ``p_adjust`` methods of :func:`adjust_pvalues`).
def _apa_line(row, ci):
    """``t(df) = t, p = p[ (Holm-adjusted)], g = g[, 95% CI [lo, hi]]`` for one row of a compare table."""
    df = f"{row.df:.0f}" if row.test == "student" else f"{row.df:.1f}"
    method = getattr(row, "p_adjust", "none")
    if method != "none" and hasattr(row, "p_adjusted"):
        p = f"{format_p(row.p_adjusted)} ({ADJUST_NAMES.get(method, method)}-adjusted)"
    else:
        p = format_p(row.p)
    line = f"t({df}) = {format_number(row.t)}, {p}, g = {format_number(row.hedges_g)}"
    if ci:
        line += (f", {100 * row.confidence_level:g}% CI [{format_number(row.hedges_g_ci_low)}, "
                 f"{format_number(row.hedges_g_ci_high)}]")
    return line

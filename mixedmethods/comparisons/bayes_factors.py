"""Default (JZS) Bayes factors of Student's two-sample t-test, from reported summaries."""
from __future__ import annotations

import numpy as np

from .._formulas import standard_errors
from .._tables import returns_result_table
from .._validation import ALTERNATIVES, InputError, check_choice
from ._inputs import caller_index, check_summary, group_names, label_index, scale_free

__all__ = ["bayes_factor_ttest"]


@returns_result_table
def bayes_factor_ttest(mean1, sd1, n1, mean2, sd2, n2, *, r_scale=0.707, alternative="two-sided",
                       dv=None, groups=("group1", "group2")):
    """JZS Bayes factor of a difference between two independent means, from means, SDs and sizes.

    Parameters
    ----------
    mean1, sd1, n1, mean2, sd2, n2 : float, str or array-like
        As for :func:`compare_summary`: each group's mean, SD and size, one
        outcome per position (scalars are repeated); printed strings such as
        ``"2.8"`` are read as numbers.
    r_scale : float or array-like
        Scale of the Cauchy prior on the standardised effect δ under H1 (an
        array gives one row per scale, e.g. to show how BF10 depends on it):
        half of the prior mass lies on ``|δ| < r_scale``.  0.707 is the
        default of JASP, R's ``BayesFactor`` ("medium") and pingouin; 1 is
        "wide".
    alternative : {"two-sided"}
        Only the two-sided test (H1: δ ≠ 0), the one pingouin computes.
    dv : label or list of labels, optional
        Names of the outcomes; by default the index of ``mean1`` when it is a
        pandas Series, else 0, 1, ...
    groups : tuple of two labels
        What to call the two groups in the output.

    Returns
    -------
    pandas.DataFrame
        One row per outcome: ``dv``, ``group1``, ``group2``, ``n1``, ``n2``,
        ``t`` and ``df`` (Student's t, pooled SD, ``n1 + n2 - 2`` df, the t of
        the ``"student"`` row of :func:`compare_summary`), ``r_scale``,
        ``bf10`` (how many times more probable the data are under H1 than
        under H0: δ = 0) and ``bf01 = 1 / bf10``.

    Notes
    -----
    The JZS Bayes factor of Rouder et al. (2009), computed from t by
    ``pingouin.bayesfactor_ttest(t, n1, n2, r=r_scale)``.  Agrees with R's
    ``BayesFactor::ttest.tstat(t, n1, n2, rscale)`` to 1e-4 relative (see
    the tests).  As in :func:`compare_summary`, t is computed from the
    summaries divided by ``max(sd1, sd2)``, so the unit of the outcome does
    not matter (SDs near 1e200 or 1e-200 give the same t and BF10).

    Examples
    --------
    >>> res = bayes_factor_ttest(2.78, 2.30, 61, 1.5, 2.14, 34, groups=("women", "men"))
    >>> res[["t", "df", "bf10", "bf01"]].round(3)
           t    df   bf10   bf01
    0  2.665  93.0  4.737  0.211
    """
    check_choice("alternative", alternative, ALTERNATIVES)
    if alternative != "two-sided":
        raise InputError(f"alternative={alternative!r} is not available: pingouin computes the "
                         "two-sided Bayes factor only; use alternative='two-sided'.")
    groups = group_names(groups)
    k, a = check_summary(mean1, sd1, n1, mean2, sd2, n2, r_scale=r_scale)
    labels = label_index(dv, k, caller_index(k, mean1))
    r = a["r_scale"]
    bad = np.flatnonzero(r <= 0)
    if bad.size:
        raise InputError(f"r_scale[{bad[0]}] = {float(r[bad[0]])!r}; the prior scale must be a positive number.")
    import pandas as pd
    from pingouin import bayesfactor_ttest

    _, _, a1, a2, dd = scale_free(labels, a["mean1"], a["sd1"], a["mean2"], a["sd2"])
    se, df, _, _ = standard_errors(a1**2, a["n1"], a2**2, a["n2"])
    t = dd / se
    n1_int, n2_int = a["n1"].astype(np.int64), a["n2"].astype(np.int64)
    bf10 = np.empty(k)
    for i, (ti, x, y, ri) in enumerate(zip(t, n1_int, n2_int, r)):
        try:
            bf10[i] = bayesfactor_ttest(float(ti), int(x), int(y), paired=False, alternative="two-sided",
                                        r=float(ri))
        except (ArithmeticError, ValueError) as error:  # pingouin's integral overflows or divides by 0
            given = ", ".join(f"{name} = {a[name][i]:g}" for name in ("mean1", "sd1", "n1", "mean2", "sd2", "n2"))
            raise InputError(f"row {i} ({given}): the Bayes factor of t = {ti:g} with r_scale = {ri:g} cannot "
                             f"be computed ({type(error).__name__}: {error}); a t this far out is overwhelming "
                             "evidence either way, or the summaries are mistyped.") from None
    return pd.DataFrame({"dv": labels, "group1": groups[0], "group2": groups[1], "n1": n1_int,
                         "n2": n2_int, "t": t, "df": df, "r_scale": r, "bf10": bf10, "bf01": 1 / bf10})

"""Student and Welch t-tests with Levene's test and effect sizes, from raw data or summaries.

Every function takes many outcomes at once (an analyst compares dozens of
questionnaire items) and computes them as arrays, without a Python loop per
item.  Results are tidy DataFrames whose columns never change with the
arguments.
"""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._formulas import levene_f, standard_errors
from .._validation import ALTERNATIVES, InputError, check_choice, check_confidence_level
from ._inputs import caller_index, check_summary, group_names, label_index, scale_free, two_group_block
from ._within import column_stats
from .effect_sizes import average_variance_sd, hedges_correction, noncentral_t_interval, pooled_sd
from .p_values import ADJUST_METHODS, adjust_pvalues

__all__ = ["compare", "compare_summary", "COMPARE_COLUMNS"]

#: Columns of :func:`compare` and :func:`compare_summary`, in order.
COMPARE_COLUMNS = [
    "dv", "test", "group1", "group2", "n1", "n2", "mean1", "mean2", "sd1", "sd2",
    "mean_diff", "se", "t", "df", "alternative", "p", "p_adjusted", "p_adjust",
    "ci_low", "ci_high", "confidence_level", "levene_center", "levene_f", "levene_p",
    "standardiser", "cohen_d", "cohen_d_ci_low", "cohen_d_ci_high",
    "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high",
]

_RETURNS_DOC = """
    Returns
    -------
    pandas.DataFrame
        Two rows per outcome, as SPSS prints them: ``test == "student"``
        (equal variances assumed) then ``test == "welch"`` (not assumed).
        Columns:

        - ``dv``: the outcome; ``test``: ``"student"`` or ``"welch"``;
        - ``group1``, ``group2``: the groups, in the order compared;
        - ``n1``, ``n2``, ``mean1``, ``mean2``, ``sd1``, ``sd2``: what was used
          (after dropping missing values, per outcome);
        - ``mean_diff`` = ``mean1 - mean2``; ``se``: its standard error;
        - ``t``, ``df``, ``alternative``, ``p``;
        - ``p_adjusted``, ``p_adjust``: p adjusted across the outcomes of each
          test (``"none"`` leaves it equal to ``p``);
        - ``ci_low``, ``ci_high``, ``confidence_level``: interval of the mean
          difference (one-sided alternatives give an infinite bound, as in R);
        - ``levene_center``, ``levene_f``, ``levene_p``: Levene's test
          (``"mean"``, as SPSS and JASP print it, or ``"median"``,
          Brown–Forsythe) on 1 and ``n1 + n2 - 2`` df, repeated on both rows;
          from summary statistics it cannot be computed and is NaN with
          ``levene_center == "not computable"``;
        - ``standardiser``: the SD the effect sizes divide by, matching the
          row's test: ``"pooled"`` on Student rows (R's ``cohens_d`` and
          ``hedges_g``), ``"average variance"`` on Welch rows,
          ``sqrt((sd1² + sd2²) / 2)`` (R's ``pooled_sd = FALSE``);
        - ``cohen_d``, ``hedges_g`` and their ``_ci_low`` / ``_ci_high``: the
          standardised difference, with the sign of ``mean_diff``, and its
          noncentral-t interval on the row's own t and df, so that the
          interval excludes 0 exactly when the row's two-sided p is below
          ``1 - confidence_level`` (see :mod:`mixedmethods.comparisons.effect_sizes`).
          Hedges' correction uses the row's df.  An effect too large for
          SciPy's noncentral t gets an approximate interval, with a warning.
"""


def _t_table(dv, group1, group2, m1, s1, n1, m2, s2, n2, *, levene_stat, levene_p,
             levene_center, alternative, confidence_level):
    """Build the two-rows-per-outcome table from per-outcome summary arrays.

    t, df and the effect sizes are scale-free: they are computed from the
    summaries divided by ``max(sd1, sd2)``, so that data near 1e-300 or 1e300
    neither underflow nor overflow when squared.
    """
    import pandas as pd
    from scipy import stats

    k = m1.size
    diff, scale, a1, a2, dd = scale_free(dv, m1, s1, m2, s2)
    se_student, df_student, se_welch, df_welch = standard_errors(a1**2, n1, a2**2, n2)

    def twice(a):
        return np.concatenate([a, a])

    se_free = np.concatenate([se_student, se_welch])   # of the scale-free difference
    se = se_free * twice(scale)
    df = np.concatenate([df_student, df_welch])
    d2 = twice(diff)
    t = twice(dd) / se_free
    # the critical t of each distinct df once (the Student rows share one df)
    values, inverse = np.unique(df, return_inverse=True)
    if alternative == "two-sided":
        p = 2 * stats.t.sf(np.abs(t), df)
        q = stats.t.ppf(1 - (1 - confidence_level) / 2, values)[inverse]
        lo, hi = d2 - q * se, d2 + q * se
    elif alternative == "greater":
        p = stats.t.sf(t, df)
        lo, hi = d2 - stats.t.ppf(confidence_level, values)[inverse] * se, np.full(2 * k, np.inf)
    else:
        p = stats.t.cdf(t, df)
        lo, hi = np.full(2 * k, -np.inf), d2 + stats.t.ppf(confidence_level, values)[inverse] * se

    # Student: pooled SD, t on n1 + n2 - 2 df.  Welch: average-variance SD, Welch's t and df.  The bounds
    # of t's noncentrality map to d's by se / SD: sqrt(1/n1 + 1/n2) for Student, and for Welch
    # sqrt(2 (sd1²/n1 + sd2²/n2) / (sd1² + sd2²)) (effectsize 0.8, rearranged).
    standardiser = np.concatenate([pooled_sd(a1, n1, a2, n2), average_variance_sd(a1, a2)])
    d = twice(dd) / standardiser
    hn = se_free / standardiser
    ncp_lo, ncp_hi = noncentral_t_interval(t, df, confidence_level=confidence_level, alternative=alternative,
                                           labels=lambda i: f"{dv[i % k]!r} ({'student' if i < k else 'welch'})")
    d_lo, d_hi = ncp_lo * hn, ncp_hi * hn
    j = hedges_correction(df)

    table = pd.DataFrame(
        {
            "dv": twice(np.asarray(dv, dtype=object)),
            "test": np.repeat(np.array(["student", "welch"], dtype=object), k),
            "group1": group1, "group2": group2,
            "n1": twice(n1).astype(np.int64), "n2": twice(n2).astype(np.int64),
            "mean1": twice(m1), "mean2": twice(m2), "sd1": twice(s1), "sd2": twice(s2),
            "mean_diff": d2, "se": se, "t": t, "df": df, "alternative": alternative,
            "p": p, "p_adjusted": p, "p_adjust": "none",
            "ci_low": lo, "ci_high": hi, "confidence_level": confidence_level,
            "levene_center": levene_center,
            "levene_f": twice(levene_stat), "levene_p": twice(levene_p),
            "standardiser": np.repeat(np.array(["pooled", "average variance"], dtype=object), k),
            "cohen_d": d, "cohen_d_ci_low": d_lo, "cohen_d_ci_high": d_hi,
            "hedges_g": d * j, "hedges_g_ci_low": d_lo * j, "hedges_g_ci_high": d_hi * j,
        }
    )
    # Interleave so that each outcome's Student row is followed by its Welch row.
    order = np.arange(2 * k).reshape(2, k).T.ravel()
    from .._display import result_table

    return result_table(table.iloc[order].reset_index(drop=True)[COMPARE_COLUMNS])


def _check_options(alternative, confidence_level, p_adjust):
    check_choice("alternative", alternative, ALTERNATIVES)
    if p_adjust is not None:
        check_choice("p_adjust", p_adjust, ADJUST_METHODS)
    return alternative, check_confidence_level(confidence_level)


def _adjust_table(table, method):
    if method is None:
        return table
    table = table.copy()
    for test in ("student", "welch"):
        rows = table["test"] == test
        table.loc[rows, "p_adjusted"] = adjust_pvalues(table.loc[rows, "p"].to_numpy(), method)
    table["p_adjust"] = method
    return table


_SUMMARY_NOTES = """
    Notes
    -----
    Student: ``se = sp sqrt(1/n1 + 1/n2)`` on ``n1 + n2 - 2`` df.  Welch:
    ``se = sqrt(sd1²/n1 + sd2²/n2)`` on the Welch–Satterthwaite df.  Checked
    against R's ``t.test`` and ``effectsize`` to 1e-6 (see the tests), and
    equal to :func:`compare` on the raw data the summaries came from.

    Examples
    --------
    The first t-test printed by the Mexico City OMI study, if 61 women and 34
    men answered:

    >>> res = compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34, groups=("women", "men"))
    >>> res[["test", "t", "df", "p"]].round(3)
          test      t      df      p
    0  student  2.665  93.000  0.009
    1    welch  2.720  72.617  0.008
"""


@append_doc(_RETURNS_DOC, _SUMMARY_NOTES)
def compare_summary(mean1, sd1, n1, mean2, sd2, n2, *, alternative="two-sided",
                    confidence_level=0.95, dv=None, groups=("group1", "group2"), p_adjust=None):
    """Student and Welch t-tests from reported means, SDs and group sizes.

    Parameters
    ----------
    mean1, sd1, n1, mean2, sd2, n2 : float or array-like
        Each group's mean, standard deviation (with ``n - 1`` in the
        denominator, as papers report it) and size (a whole number from 2 to
        2⁵³, about 9 × 10¹⁵, the largest counted exactly).  Scalars, or equal-length
        array-likes such as a DataFrame's columns: one outcome per position
        (scalars are repeated).
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean1 > mean2``.
    confidence_level : float
        Coverage of the intervals of the difference and of the effect sizes.
    dv : label or list of labels, optional
        Names of the outcomes; by default the index of ``mean1`` when it is a
        pandas Series, else 0, 1, ...
    groups : tuple of two labels
        What to call the two groups in the output.
    p_adjust : {None, "holm", "bonferroni", "fdr_bh"}
        Adjust p across the outcomes, separately for the Student and the Welch
        rows (see :func:`adjust_pvalues`).
    """
    alternative, confidence_level = _check_options(alternative, confidence_level, p_adjust)
    groups = group_names(groups)
    k, a = check_summary(mean1, sd1, n1, mean2, sd2, n2)
    labels = label_index(dv, k, caller_index(k, mean1))
    nan = np.full(k, np.nan)
    table = _t_table(
        labels, groups[0], groups[1], a["mean1"], a["sd1"], a["n1"], a["mean2"], a["sd2"], a["n2"],
        levene_stat=nan, levene_p=nan, levene_center="not computable",
        alternative=alternative, confidence_level=confidence_level,
    )
    return _adjust_table(table, p_adjust)


def _levene(x1, x2, n1, n2, center, means):
    """Levene's F (1, N - 2) and p for each column, mean- or median-centred (``means``: the groups'
    column means)."""
    from scipy import stats

    # the nan-skipping reductions copy their input: use them only when something is missing
    complete = not (np.isnan(x1).any() or np.isnan(x2).any())
    mean, total = (np.mean, np.sum) if complete else (np.nanmean, np.nansum)
    with np.errstate(invalid="ignore", divide="ignore"):
        if center == "mean":
            c1, c2 = means
        else:
            median = np.median if complete else np.nanmedian
            c1, c2 = median(x1, axis=0), median(x2, axis=0)
        z1, z2 = np.abs(x1 - c1), np.abs(x2 - c2)
        # F is scale-free: divide by the largest deviation so that squares neither under- nor overflow
        scale = np.fmax(np.fmax.reduce(z1, axis=0), np.fmax.reduce(z2, axis=0))
        scale = np.where(scale > 0, scale, 1.0)
        z1, z2 = z1 / scale, z2 / scale
        zbar1, zbar2 = mean(z1, axis=0), mean(z2, axis=0)
        F = levene_f(zbar1, total((z1 - zbar1) ** 2, axis=0), n1,
                     zbar2, total((z2 - zbar2) ** 2, axis=0), n2)
    return F, stats.f.sf(F, 1, n1 + n2 - 2)


_COMPARE_NOTES = """
    Notes
    -----
    The computations are those of :func:`compare_summary` applied to each
    group's count, mean and SD, plus Levene's test: a one-way ANOVA on the
    absolute deviations from each group's mean (or median).  Checked against
    R's ``t.test``, ``car::leveneTest`` and ``effectsize`` to 1e-6 relative.

    Examples
    --------
    R's ``sleep`` data (extra hours of sleep under two drugs):

    >>> import pandas as pd
    >>> sleep = pd.DataFrame({
    ...     "extra": [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0,
    ...               1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4],
    ...     "drug": [1] * 10 + [2] * 10})
    >>> res = compare(sleep, "extra", "drug")
    >>> res[["test", "mean_diff", "t", "df", "p"]].round(4)
          test  mean_diff       t       df       p
    0  student      -1.58 -1.8608  18.0000  0.0792
    1    welch      -1.58 -1.8608  17.7765  0.0794
"""


@append_doc(_RETURNS_DOC, _COMPARE_NOTES)
def compare(data, dv, between, *, groups=None, alternative="two-sided", confidence_level=0.95,
            levene_center="mean", p_adjust=None):
    """Student and Welch t-tests, Levene's test and effect sizes on raw data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant (wide format: one column per outcome).
        Never modified.
    dv : str or list of str
        The outcome column, or several (each is compared separately).
    between : str
        The column holding the group of each row.
    groups : tuple of two labels, optional
        The two groups to compare, in this order (``mean_diff = mean of the
        first - mean of the second``).  Required when ``between`` has more
        than two values; rows of other groups are then left out.  By default
        the two groups present, sorted.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean1 > mean2``.
    confidence_level : float
        Coverage of the intervals of the difference and of the effect sizes.
    levene_center : {"mean", "median"}
        ``"mean"`` is Levene's original test as SPSS and JASP print it;
        ``"median"`` is the Brown–Forsythe variant (the default of R's
        ``car::leveneTest`` and SciPy's ``levene``).
    p_adjust : {None, "holm", "bonferroni", "fdr_bh"}
        Adjust p across the outcomes, separately for the Student and the Welch
        rows (see :func:`adjust_pvalues`).

    Missing values (NaN) in an outcome are dropped for that outcome only; the
    counts actually used are ``n1`` and ``n2``.  Rows whose group is missing
    are left out.
    """
    alternative, confidence_level = _check_options(alternative, confidence_level, p_adjust)
    check_choice("levene_center", levene_center, ("mean", "median"))
    dv, g1, g2, x1, x2, _, _ = two_group_block(data, dv, between, groups, 2)
    n1, m1, s1 = column_stats(x1)
    n2, m2, s2 = column_stats(x2)
    zero = np.flatnonzero((s1 == 0) & (s2 == 0))
    if zero.size:
        raise InputError(
            f"outcome {dv[zero[0]]!r} has zero variance in both groups (every value is the same "
            "within each group), so t is undefined."
        )
    F, p_levene = _levene(x1, x2, n1, n2, levene_center, means=(m1, m2))
    undefined = np.flatnonzero(np.isnan(F))
    if undefined.size:
        import warnings

        warnings.warn(
            f"Levene's test is undefined for {[dv[i] for i in undefined]}: every absolute deviation "
            "from the group centre is equal; levene_f and levene_p are NaN there.",
            RuntimeWarning, stacklevel=2,
        )
    table = _t_table(
        dv, g1, g2, m1, s1, n1, m2, s2, n2, levene_stat=F, levene_p=p_levene,
        levene_center=levene_center, alternative=alternative, confidence_level=confidence_level,
    )
    return _adjust_table(table, p_adjust)



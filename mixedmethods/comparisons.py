"""Two-group comparisons: Student and Welch t-tests with Levene, effect sizes, Mann–Whitney.

Every function takes many outcomes at once (an analyst compares dozens of
questionnaire items) and computes them as arrays, without a Python loop per
item.  Results are tidy DataFrames whose columns never change with the
arguments.
"""
from __future__ import annotations

import numpy as np

from ._tables import returns_result_table
from ._validation import (
    ALTERNATIVES,
    InputError,
    InputTypeError,
    check_choice,
    check_columns,
    check_confidence_level,
)

__all__ = ["compare", "compare_summary", "mann_whitney", "adjust_pvalues", "apa_report"]

#: Columns of :func:`compare` and :func:`compare_summary`, in order.
COMPARE_COLUMNS = [
    "dv", "test", "group1", "group2", "n1", "n2", "mean1", "mean2", "sd1", "sd2",
    "mean_diff", "se", "t", "df", "alternative", "p", "p_adjusted", "p_adjust",
    "ci_low", "ci_high", "confidence_level", "levene_center", "levene_F", "levene_p",
    "cohen_d", "cohen_d_ci_low", "cohen_d_ci_high",
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
        - ``levene_center``, ``levene_F``, ``levene_p``: Levene's test
          (``"mean"``, as SPSS and JASP print it, or ``"median"``,
          Brown–Forsythe) on 1 and ``n1 + n2 - 2`` df, repeated on both rows;
          from summary statistics it cannot be computed and is NaN with
          ``levene_center == "not computable"``;
        - ``cohen_d``, ``hedges_g`` and their ``_ci_low`` / ``_ci_high``: the
          pooled-SD standardised difference, with the sign of ``mean_diff``
          and the noncentral-t interval (see :mod:`mixedmethods.effect_sizes`);
          the same on both rows, as SPSS prints one set of effect sizes.
"""


def _as_1d(name, values, k=None):
    """Float array of one dimension, or raise naming ``name`` and the first bad position."""
    arr = np.atleast_1d(np.asarray(values)).ravel()
    if arr.dtype.kind in "iuf":
        out = arr.astype(float)
    else:  # booleans, text or mixed objects: check value by value to name the culprit
        out = np.empty(arr.shape)
        for i, v in enumerate(arr):
            if not isinstance(v, (bool, np.bool_, str, bytes)) and v is not None:
                try:
                    out[i] = float(v)
                    continue
                except (TypeError, ValueError):
                    pass
            raise InputTypeError(f"{name}[{i}] = {v!r} is not a number.")
    if k is not None and out.size not in (1, k):
        raise InputError(f"{name} has {out.size} values but the other inputs have {k}; give equal-length inputs.")
    return out


def _check_summary(mean1, sd1, n1, mean2, sd2, n2):
    names = ("mean1", "sd1", "n1", "mean2", "sd2", "n2")
    raw = dict(zip(names, (mean1, sd1, n1, mean2, sd2, n2)))
    sizes = {k: np.size(v) for k, v in raw.items()}
    k = max(sizes.values())
    arrays = {name: _as_1d(name, value, k) for name, value in raw.items()}
    arrays = {name: np.broadcast_to(a, (k,)).astype(float) for name, a in arrays.items()}
    for name, a in arrays.items():
        bad = np.flatnonzero(~np.isfinite(a))
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] is {a[bad[0]]}; a finite number is required (missing values are not allowed).")
    for name in ("sd1", "sd2"):
        bad = np.flatnonzero(arrays[name] < 0)
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] = {arrays[name][bad[0]]} is negative; a standard deviation must be >= 0.")
    for name in ("n1", "n2"):
        a = arrays[name]
        bad = np.flatnonzero((a < 2) | (a != np.round(a)))
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] = {a[bad[0]]:g}; each group needs a whole number of at least 2 observations.")
    both_zero = np.flatnonzero((arrays["sd1"] == 0) & (arrays["sd2"] == 0))
    if both_zero.size:
        raise InputError(
            f"outcome {both_zero[0]}: both groups have zero variance (sd1 = sd2 = 0), so t is undefined."
        )
    return k, arrays


def _label_index(labels, k, fallback):
    if labels is None:
        return list(fallback) if fallback is not None else list(range(k))
    labels = [labels] if isinstance(labels, str) or np.isscalar(labels) else list(labels)
    if len(labels) != k:
        raise InputError(f"dv has {len(labels)} labels for {k} outcomes.")
    return labels


def _standard_errors(var1, n1, var2, n2):
    """Standard errors and df of Student's and Welch's tests from group variances (vectorised).

    Student: pooled variance, ``n1 + n2 - 2`` df.  Welch: separate variances,
    Welch–Satterthwaite df.  The one place these SE and df formulas live (used by
    :func:`compare`, :func:`compare_summary`, :func:`mixedmethods.audit.t_range`
    and :mod:`mixedmethods.simulation`).
    """
    df_student = n1 + n2 - 2
    se_student = np.sqrt(((n1 - 1) * var1 + (n2 - 1) * var2) / df_student * (1 / n1 + 1 / n2))
    v1, v2 = var1 / n1, var2 / n2
    se_welch = np.sqrt(v1 + v2)
    df_welch = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    return se_student, df_student, se_welch, df_welch


def _levene_f(zbar1, within1, n1, zbar2, within2, n2):
    """Levene's F on (1, n1 + n2 - 2) df: a one-way ANOVA of the absolute deviations z.

    ``zbar`` is each group's mean of z, ``within`` its sum of squared
    deviations of z from ``zbar``.
    """
    zbar = (n1 * zbar1 + n2 * zbar2) / (n1 + n2)
    between = n1 * (zbar1 - zbar) ** 2 + n2 * (zbar2 - zbar) ** 2
    return (n1 + n2 - 2) * between / (within1 + within2)


def _t_table(dv, group1, group2, m1, s1, n1, m2, s2, n2, *, levene_F, levene_p, levene_center,
             alternative, confidence_level):
    """Build the two-rows-per-outcome table from per-outcome summary arrays."""
    import pandas as pd
    from scipy import stats

    from .effect_sizes import hedges_correction, noncentral_t_interval, pooled_sd

    k = m1.size
    diff = m1 - m2
    se_student, df_student, se_welch, df_welch = _standard_errors(s1**2, n1, s2**2, n2)
    sp = pooled_sd(s1, n1, s2, n2)

    se = np.concatenate([se_student, se_welch])
    df = np.concatenate([df_student, df_welch])
    d2 = np.concatenate([diff, diff])
    t = d2 / se
    if alternative == "two-sided":
        p = 2 * stats.t.sf(np.abs(t), df)
        q = stats.t.ppf(1 - (1 - confidence_level) / 2, df)
        lo, hi = d2 - q * se, d2 + q * se
    elif alternative == "greater":
        p = stats.t.sf(t, df)
        lo, hi = d2 - stats.t.ppf(confidence_level, df) * se, np.full(2 * k, np.inf)
    else:
        p = stats.t.cdf(t, df)
        lo, hi = np.full(2 * k, -np.inf), d2 + stats.t.ppf(confidence_level, df) * se

    d = diff / sp
    hn = np.sqrt(1 / n1 + 1 / n2)
    ncp_lo, ncp_hi = noncentral_t_interval(
        d / hn, df_student, confidence_level=confidence_level, alternative=alternative
    )
    d_lo, d_hi = ncp_lo * hn, ncp_hi * hn
    j = hedges_correction(df_student)

    def twice(a):
        return np.concatenate([a, a])

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
            "levene_F": twice(levene_F), "levene_p": twice(levene_p),
            "cohen_d": twice(d), "cohen_d_ci_low": twice(d_lo), "cohen_d_ci_high": twice(d_hi),
            "hedges_g": twice(d * j), "hedges_g_ci_low": twice(d_lo * j),
            "hedges_g_ci_high": twice(d_hi * j),
        }
    )
    # Interleave so that each outcome's Student row is followed by its Welch row.
    order = np.arange(2 * k).reshape(2, k).T.ravel()
    from ._display import result_table

    return result_table(table.iloc[order].reset_index(drop=True)[COMPARE_COLUMNS])


def compare_summary(mean1, sd1, n1, mean2, sd2, n2, *, alternative="two-sided",
                    confidence_level=0.95, dv=None, groups=("group1", "group2"), p_adjust=None):
    """Student and Welch t-tests from reported means, SDs and group sizes.

    Parameters
    ----------
    mean1, sd1, n1, mean2, sd2, n2 : float or array-like
        Each group's mean, standard deviation (with ``n - 1`` in the
        denominator, as papers report it) and size.  Scalars, or equal-length
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
    k, a = _check_summary(mean1, sd1, n1, mean2, sd2, n2)
    fallback = list(mean1.index) if hasattr(mean1, "iloc") and len(mean1) == k else None
    labels = _label_index(dv, k, fallback)
    nan = np.full(k, np.nan)
    table = _t_table(
        labels, groups[0], groups[1], a["mean1"], a["sd1"], a["n1"], a["mean2"], a["sd2"], a["n2"],
        levene_F=nan, levene_p=nan, levene_center="not computable",
        alternative=alternative, confidence_level=confidence_level,
    )
    return _adjust_table(table, p_adjust)


compare_summary.__doc__ += _RETURNS_DOC + """
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


def _check_options(alternative, confidence_level, p_adjust):
    check_choice("alternative", alternative, ALTERNATIVES)
    if p_adjust is not None:
        check_choice("p_adjust", p_adjust, _ADJUST_METHODS)
    return alternative, check_confidence_level(confidence_level)


def _outcomes(data, dv, between):
    """The outcome columns as a list, checked: named, present, each once, not the group column."""
    dv = [dv] if isinstance(dv, str) else list(dv)
    if not dv:
        raise InputError("dv is empty; name at least one outcome column.")
    if len(set(dv)) != len(dv):
        raise InputError(f"dv names a column twice: {dv}.")
    check_columns(data, dv, what="outcome column")
    check_columns(data, [between], what="group column")
    if between in dv:
        raise InputError(f"column {between!r} is both the group column and an outcome.")
    return dv


def _two_groups(data, between, groups):
    """The two group labels to compare, in order, or a clear error."""
    import pandas as pd

    present = pd.unique(data[between].dropna())
    if groups is not None:
        if isinstance(groups, str) or len(groups) != 2:
            raise InputError(f"groups must be two labels of {between!r}, got {groups!r}.")
        if groups[0] == groups[1]:
            raise InputError(f"groups names {groups[0]!r} twice; give two different groups.")
        for g in groups:
            if g not in set(present):
                raise InputError(
                    f"group {g!r} is not a value of column {between!r}; its values are "
                    f"{sorted(map(str, present))}."
                )
        return tuple(groups)
    if len(present) != 2:
        levels = sorted(map(str, present))
        if len(present) < 2:
            raise InputError(
                f"column {between!r} has {len(present)} group ({levels}); two are needed."
            )
        raise InputError(
            f"column {between!r} has {len(present)} groups {levels}; a two-group comparison "
            "needs exactly two: choose them with groups=(first, second)."
        )
    try:
        return tuple(sorted(present))
    except TypeError:
        return tuple(present)


def _numeric_block(data, dv):
    """The outcome columns as one float matrix, or an error naming a non-numeric column."""
    import pandas as pd

    block = data[list(dv)]
    dtypes = block.dtypes

    def is_number(dtype):
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)

    bad_types = [d for d in set(dtypes) if not is_number(d)]
    if bad_types:
        col = dv[[d in bad_types for d in dtypes].index(True)]
        s = block[col]
        if pd.api.types.is_bool_dtype(s):
            raise InputTypeError(f"column {col!r} is boolean; convert it to 0/1 if that is meant.")
        converted = pd.to_numeric(s, errors="coerce")
        bad = s[converted.isna() & s.notna()]
        first = f": row {bad.index[0]!r} holds {bad.iloc[0]!r}" if len(bad) else ""
        raise InputTypeError(
            f"column {col!r} is not numeric (dtype {s.dtype}){first}; "
            "an outcome must hold numbers (missing values as NaN)."
        )
    if all(isinstance(d, np.dtype) for d in set(dtypes)):
        return block.to_numpy(dtype=float, copy=True)
    return block.to_numpy(dtype=float, na_value=np.nan, copy=True)


def _group_stats(x):
    """Per-column count, mean and SD (ddof=1) of a matrix with NaN for missing."""
    n = np.sum(~np.isnan(x), axis=0).astype(float)
    total = np.nansum(x, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = total / n
        sd = np.sqrt(np.nansum((x - mean) ** 2, axis=0) / (n - 1))
    return n, mean, sd


def _levene(x1, x2, n1, n2, center):
    """Levene's F (1, N - 2) and p for each column, mean- or median-centred."""
    from scipy import stats

    with np.errstate(invalid="ignore", divide="ignore"):
        if center == "mean":
            c1, c2 = np.nanmean(x1, axis=0), np.nanmean(x2, axis=0)
        else:
            c1, c2 = np.nanmedian(x1, axis=0), np.nanmedian(x2, axis=0)
        z1, z2 = np.abs(x1 - c1), np.abs(x2 - c2)
        zbar1, zbar2 = np.nanmean(z1, axis=0), np.nanmean(z2, axis=0)
        F = _levene_f(zbar1, np.nansum((z1 - zbar1) ** 2, axis=0), n1,
                      zbar2, np.nansum((z2 - zbar2) ** 2, axis=0), n2)
    return F, stats.f.sf(F, 1, n1 + n2 - 2)


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
    dv = _outcomes(data, dv, between)
    g1, g2 = _two_groups(data, between, groups)
    x = _numeric_block(data, dv)
    labels = data[between].to_numpy()
    x1, x2 = x[labels == g1], x[labels == g2]
    n1, m1, s1 = _group_stats(x1)
    n2, m2, s2 = _group_stats(x2)
    for n, g in ((n1, g1), (n2, g2)):
        small = np.flatnonzero(n < 2)
        if small.size:
            col = dv[small[0]]
            raise InputError(
                f"outcome {col!r} has {int(n[small[0]])} non-missing value(s) in group {g!r}; "
                "at least 2 per group are needed."
            )
    zero = np.flatnonzero((s1 == 0) & (s2 == 0))
    if zero.size:
        raise InputError(
            f"outcome {dv[zero[0]]!r} has zero variance in both groups (every value is the same "
            "within each group), so t is undefined."
        )
    F, p_levene = _levene(x1, x2, n1, n2, levene_center)
    undefined = np.flatnonzero(np.isnan(F))
    if undefined.size:
        import warnings

        warnings.warn(
            f"Levene's test is undefined for {[dv[i] for i in undefined]}: every absolute deviation "
            "from the group centre is equal; levene_F and levene_p are NaN there.",
            RuntimeWarning, stacklevel=2,
        )
    table = _t_table(
        dv, g1, g2, m1, s1, n1, m2, s2, n2, levene_F=F, levene_p=p_levene,
        levene_center=levene_center, alternative=alternative, confidence_level=confidence_level,
    )
    return _adjust_table(table, p_adjust)


compare.__doc__ += _RETURNS_DOC + """
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


_ADJUST_METHODS = ("holm", "bonferroni", "fdr_bh")


def adjust_pvalues(p, method="holm"):
    """Adjust a family of p-values for multiple comparisons (as R's ``p.adjust``).

    Parameters
    ----------
    p : array-like
        The p-values of one family (for example one test across all items).
    method : {"holm", "bonferroni", "fdr_bh"}
        Holm's step-down method, Bonferroni, or Benjamini–Hochberg's false
        discovery rate.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(3)
    array([0.03, 0.06, 0.06])
    >>> adjust_pvalues([0.01, 0.04, 0.03], "fdr_bh").round(3)
    array([0.03, 0.04, 0.04])
    """
    check_choice("method", method, _ADJUST_METHODS)
    p = _as_1d("p", p)
    bad = np.flatnonzero(~((p >= 0) & (p <= 1)))
    if bad.size:
        raise InputError(f"p[{bad[0]}] = {p[bad[0]]!r} is not a probability between 0 and 1.")
    m = p.size
    if method == "bonferroni":
        return np.minimum(p * m, 1.0)
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    if method == "holm":
        adj = np.maximum.accumulate((m - np.arange(m)) * ranked)
    else:  # Benjamini–Hochberg
        adj = np.minimum.accumulate((m / np.arange(m, 0, -1) * ranked[::-1]))[::-1]
    out = np.empty(m)
    out[order] = np.minimum(adj, 1.0)
    return out


def _adjust_table(table, method):
    if method is None:
        return table
    table = table.copy()
    for test in ("student", "welch"):
        rows = table["test"] == test
        table.loc[rows, "p_adjusted"] = adjust_pvalues(table.loc[rows, "p"].to_numpy(), method)
    table["p_adjust"] = method
    return table


def _format_p(p):
    if p < 0.001:
        return "p < .001"
    return "p = " + f"{p:.3f}".lstrip("0")


def _format_number(x, decimals=2):
    """A number as journals print it: a typographic minus, "–" when missing, ∞ when infinite."""
    if x is None or x != x:
        return "–"
    if np.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:.{decimals}f}"
    return text.replace("-", "−") if x < 0 else text


def apa_report(results):
    """One APA-style line per row of a :func:`compare` or :func:`compare_summary` table.

    Parameters
    ----------
    results : pandas.DataFrame
        The output of :func:`compare` or :func:`compare_summary`.

    Returns
    -------
    pandas.Series
        Strings such as ``"t(93) = 2.53, p = .013, g = 0.55, 95% CI [0.12, 0.98]"``
        (the interval is that of Hedges' g), indexed like ``results``.  Welch
        df are printed with one decimal, Student df as whole numbers; the
        adjusted p is used when the table was adjusted.

    Examples
    --------
    >>> res = compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)
    >>> print(apa_report(res)[0])
    t(93) = 2.66, p = .009, g = 0.57, 95% CI [0.14, 0.99]
    """
    check_columns(results, ["test", "t", "df", "p", "hedges_g", "hedges_g_ci_low",
                            "hedges_g_ci_high", "confidence_level"])
    import pandas as pd

    lines = [_apa_line(row) for row in results.itertuples(index=False)]
    return pd.Series(lines, index=results.index, name="apa")


def _apa_line(row, ci=True):
    """``t(df) = t, p = p, g = g[, 95% CI [lo, hi]]`` for one row of a compare table."""
    df = f"{row.df:.0f}" if row.test == "student" else f"{row.df:.1f}"
    p = getattr(row, "p_adjusted", row.p) if getattr(row, "p_adjust", "none") != "none" else row.p
    line = f"t({df}) = {_format_number(row.t)}, {_format_p(p)}, g = {_format_number(row.hedges_g)}"
    if ci:
        line += (f", {100 * row.confidence_level:g}% CI [{_format_number(row.hedges_g_ci_low)}, "
                 f"{_format_number(row.hedges_g_ci_high)}]")
    return line


@returns_result_table
def mann_whitney(data, dv, between, *, groups=None, alternative="two-sided", use_continuity=True):
    """Mann–Whitney U test with the rank-biserial correlation, for ordinal items.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant, one column per outcome.  Never modified.
    dv : str or list of str
        The outcome column(s).
    between : str
        The group column.
    groups : tuple of two labels, optional
        The groups to compare, in order; needed when there are more than two.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: values in the first group tend to be larger.
    use_continuity : bool
        Continuity correction of the normal approximation (R's ``correct``).

    Returns
    -------
    pandas.DataFrame
        One row per outcome: ``dv``, ``group1``, ``group2``, ``n1``, ``n2``,
        ``u`` (the U statistic of the first group, R's ``W``), ``alternative``,
        ``p``, ``method`` (``"exact"`` or ``"asymptotic"``), ``rank_biserial``
        (``2 u / (n1 n2) - 1``: positive when the first group tends to be
        larger), ``p_adjusted`` (equal to ``p``; see :func:`adjust_pvalues`).

    Notes
    -----
    The method is chosen as R's ``wilcox.test`` chooses it: the exact
    distribution when both groups have fewer than 50 values and there are no
    ties, otherwise the normal approximation with tie correction.  Outcomes
    are grouped by method and each group is computed in one vectorised SciPy
    call; an outcome with missing values is computed on its complete values.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"score": [1, 2, 3, 4, 5, 6, 7], "g": list("aaabbbb")})
    >>> mann_whitney(df, "score", "g")[["u", "p", "rank_biserial"]].round(4)
         u       p  rank_biserial
    0  0.0  0.0571           -1.0
    """
    import pandas as pd
    from scipy import stats

    check_choice("alternative", alternative, ALTERNATIVES)
    dv = _outcomes(data, dv, between)
    g1, g2 = _two_groups(data, between, groups)
    x = _numeric_block(data, dv)
    labels = data[between].to_numpy()
    x1, x2 = x[labels == g1], x[labels == g2]
    n1 = np.sum(~np.isnan(x1), axis=0)
    n2 = np.sum(~np.isnan(x2), axis=0)
    for n, g in ((n1, g1), (n2, g2)):
        small = np.flatnonzero(n < 1)
        if small.size:
            raise InputError(f"outcome {dv[small[0]]!r} has no values in group {g!r}.")
    both = np.concatenate([x1, x2])
    srt = np.sort(both, axis=0)
    ties = np.any((srt[1:] == srt[:-1]), axis=0)
    exact = (~ties) & (n1 < 50) & (n2 < 50)
    complete = ~np.isnan(both).any(axis=0)
    u = np.empty(len(dv))
    p = np.empty(len(dv))
    for use_exact in (True, False):
        method = "exact" if use_exact else "asymptotic"
        cols = np.flatnonzero((exact == use_exact) & complete)
        if cols.size:
            res = stats.mannwhitneyu(x1[:, cols], x2[:, cols], alternative=alternative,
                                     use_continuity=use_continuity, method=method, axis=0)
            u[cols], p[cols] = res.statistic, res.pvalue
        for c in np.flatnonzero((exact == use_exact) & ~complete):
            a, b = x1[:, c], x2[:, c]
            res = stats.mannwhitneyu(a[~np.isnan(a)], b[~np.isnan(b)], alternative=alternative,
                                     use_continuity=use_continuity, method=method)
            u[c], p[c] = res.statistic, res.pvalue
    return pd.DataFrame(
        {
            "dv": dv, "group1": g1, "group2": g2, "n1": n1, "n2": n2, "u": u,
            "alternative": alternative, "p": p,
            "method": np.where(exact, "exact", "asymptotic"),
            "rank_biserial": 2 * u / (n1 * n2) - 1, "p_adjusted": p,
        }
    )

"""One-sample t-test (and Wilcoxon's signed-rank test) against a reference value, raw or from summaries.

Many items in one call, computed as arrays.  Both functions return the
columns of :data:`ONE_SAMPLE_COLUMNS`.
"""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._validation import InputError
from ._inputs import broadcast_inputs, caller_index
from ._within import (
    check_options, check_positive_sd, check_size, column_block, column_stats, labels_for, signed_rank, t_rows,
    with_wilcoxon_rows,
)

__all__ = ["one_sample", "one_sample_summary", "ONE_SAMPLE_COLUMNS"]

#: Columns of :func:`one_sample` and :func:`one_sample_summary`, in order.
ONE_SAMPLE_COLUMNS = [
    "dv", "test", "n", "mean", "sd", "mu", "mean_diff", "se", "statistic", "t", "df",
    "alternative", "p", "p_method", "ci_low", "ci_high", "confidence_level", "cohen_d",
]

_RETURNS = """
    Returns
    -------
    pandas.DataFrame
        Columns :data:`ONE_SAMPLE_COLUMNS`:

        - ``dv``: the item; ``test``: ``"one_sample"`` (Student's t) and, from
          raw data only, ``"wilcoxon"`` (signed-rank test of ``x - mu``);
        - ``n``, ``mean``, ``sd`` (``n - 1`` denominator), ``mu``;
          ``mean_diff = mean - mu``; ``se = sd / sqrt(n)``;
        - ``statistic``: t, or Wilcoxon's V (R's name: sum of the ranks of
          the positive ``x - mu``); ``t`` and ``df`` (n - 1) on the t row only;
        - ``alternative``, ``p``, ``p_method`` (``"t"``, ``"exact"`` or
          ``"normal approximation with continuity correction"``, R's choice);
        - ``ci_low``, ``ci_high``, ``confidence_level``: interval of the
          **mean** (as R's ``t.test`` prints it; infinite on one side for a
          one-sided alternative); NaN on the Wilcoxon row;
        - ``cohen_d = (mean - mu) / sd`` (on both rows).
"""


def _table(labels, n, mean, sd, mu, alternative, confidence_level, wilcoxon=None):
    import pandas as pd

    from .._display import result_table

    se, t, df, p, lo, hi = t_rows(mean, sd, n, mu, alternative, confidence_level)
    rows = {
        "dv": np.asarray(labels, dtype=object), "test": "one_sample", "n": n.astype(np.int64),
        "mean": mean, "sd": sd, "mu": mu, "mean_diff": mean - mu, "se": se, "statistic": t, "t": t,
        "df": df, "alternative": alternative, "p": p, "p_method": "t", "ci_low": lo, "ci_high": hi,
        "confidence_level": confidence_level, "cohen_d": (mean - mu) / sd,
    }
    table = pd.DataFrame(rows)
    if wilcoxon is not None:
        table = with_wilcoxon_rows(table, wilcoxon, ["p"], ["se", "t", "df", "ci_low", "ci_high"])
    return result_table(table[ONE_SAMPLE_COLUMNS])


_SUMMARY_NOTES = """
    Notes
    -----
    ``t = (mean - mu) / (sd / sqrt(n))`` on ``n - 1`` df, as R's
    ``t.test(x, mu = mu)``; checked against R to 1e-6 relative and equal to
    :func:`one_sample` on the raw data the summaries came from (1e-10).

    Examples
    --------
    R's ``women`` heights (n = 15, mean 65, SD 4.4721) against 64 inches:

    >>> one_sample_summary(65, 4.47213595499958, 15, 64)[["t", "df", "p", "ci_low", "ci_high"]].round(4)
           t    df       p   ci_low  ci_high
    0  0.866  14.0  0.4011  62.5234  67.4766
"""


@append_doc(_RETURNS, _SUMMARY_NOTES)
def one_sample_summary(mean, sd, n, mu=0.0, *, alternative="two-sided", confidence_level=0.95, dv=None):
    """One-sample t-test from a printed mean, SD and n, for many items at once.

    Parameters
    ----------
    mean, sd, n : float, str or array-like
        The sample mean, standard deviation (``n - 1`` denominator) and size;
        scalars or equal-length array-likes (one item per position; printed
        strings such as ``"2.80"`` are read as numbers).
    mu : float or array-like
        The reference value (R's ``mu``), one or one per item.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean > mu``.
    confidence_level : float
        Coverage of the interval of the mean.
    dv : label or list of labels, optional
        Item names; by default the index of ``mean`` when it is a Series.

    Raises
    ------
    InputError
        n below 2 or not whole, a negative or zero SD, a missing value, or
        inputs of different lengths.
    """
    alternative, confidence_level = check_options(alternative, confidence_level)
    k, a = broadcast_inputs(printed=True, mean=mean, sd=sd, n=n, mu=mu)
    check_size("n", a["n"], 2, lambda i: f"item {i}")
    check_positive_sd(a, ["sd"], lambda i: f"item {i}")
    zero = np.flatnonzero(a["sd"] == 0)
    if zero.size:
        raise InputError(f"sd = 0 for item {zero[0]}: every value is the same, so t is undefined.")
    labels = labels_for(dv, k, caller_index(k, mean))
    return _table(labels, a["n"], a["mean"], a["sd"], a["mu"], alternative, confidence_level)


_RAW_NOTES = """
    Notes
    -----
    The t row is :func:`one_sample_summary` of each column's n, mean and SD
    (R's ``t.test(x, mu = )``); the Wilcoxon row is R's
    ``wilcox.test(x, mu = )`` with its defaults: zeros of ``x - mu`` dropped,
    exact p when fewer than 50 remain and there are no ties or zeros, else
    the normal approximation with continuity correction (``p_method`` says
    which).  Both checked against R to 1e-6 relative.

    Examples
    --------
    >>> import pandas as pd
    >>> women = pd.DataFrame({"weight": [115, 117, 120, 123, 126, 129, 132, 135, 139, 142,
    ...                                  146, 150, 154, 159, 164]})
    >>> res = one_sample(women, "weight", 130)
    >>> res[["test", "statistic", "p", "p_method"]].round(4)
             test  statistic       p p_method
    0  one_sample     1.6826  0.1146        t
    1    wilcoxon    85.0000  0.1688    exact
"""


@append_doc(_RETURNS, _RAW_NOTES)
def one_sample(data, dv, mu=0.0, *, alternative="two-sided", confidence_level=0.95):
    """One-sample t-test and Wilcoxon signed-rank test of columns against ``mu``.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant; never modified.
    dv : str or list of str
        The column(s) to test; each is tested separately, missing values
        (NaN) dropped per column.
    mu : float or array-like
        The reference value, one or one per column.
    alternative : {"two-sided", "less", "greater"}
        ``"greater"`` tests ``mean > mu``.
    confidence_level : float
        Coverage of the interval of the mean.

    Raises
    ------
    InputError
        A column missing from ``data``, fewer than 2 values, or no variation.
    InputTypeError
        A non-numeric column.
    """
    alternative, confidence_level = check_options(alternative, confidence_level)
    columns, x = column_block(data, dv, "dv")
    k = len(columns)
    _, a = broadcast_inputs(mu=mu)
    if a["mu"].size not in (1, k):
        raise InputError(f"mu has {a['mu'].size} values for {k} columns; give one or one per column.")
    mu = np.broadcast_to(a["mu"], (k,))
    n, mean, sd = column_stats(x)
    check_size("n", n, 2, lambda i: f"column {columns[i]!r} (non-missing values)")
    zero = np.flatnonzero(sd == 0)
    if zero.size:
        raise InputError(f"column {columns[zero[0]]!r} has no variation (every value is the same), so t is undefined.")
    wilcoxon = signed_rank(x - mu, alternative)
    return _table(columns, n, mean, sd, mu, alternative, confidence_level, wilcoxon)


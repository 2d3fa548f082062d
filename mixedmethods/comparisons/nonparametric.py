"""Rank tests of two independent groups: Mann–Whitney U with the rank-biserial correlation."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import ALTERNATIVES, InputError, check_choice
from ._inputs import split_groups

__all__ = ["mann_whitney"]


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
    dv, g1, g2, x1, x2 = split_groups(data, dv, between, groups)
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

"""Rank tests of two independent groups: Mann–Whitney U and Brunner–Munzel.

Mann–Whitney assumes that the two groups' distributions have the same shape
under the null; with unequal variances and unequal group sizes its error rate
drifts like Student's t.  Brunner–Munzel tests the same question ("does a
value from one group tend to be larger?") without that assumption.
"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import ALTERNATIVES, check_choice, check_flag
from ._inputs import two_group_block
from ._within import with_two_groups_doc

__all__ = ["mann_whitney", "brunner_munzel"]


@returns_result_table
@with_two_groups_doc
def mann_whitney(data, dv, between, *, groups=None, alternative="two-sided", use_continuity=True):
    """Mann–Whitney U test with the rank-biserial correlation, for ordinal items.

    Parameters
    ----------
    %(data)s
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
    use_continuity = check_flag("use_continuity", use_continuity)
    dv, g1, g2, x1, x2, n1, n2 = two_group_block(data, dv, between, groups, 1)
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


@returns_result_table
@with_two_groups_doc
def brunner_munzel(data, dv, between, *, groups=None, alternative="two-sided"):
    """Brunner–Munzel test: does one group tend to have larger values, without assuming equal variances?

    Parameters
    ----------
    %(data)s
    alternative : {"two-sided", "less", "greater"}
        ``"greater"``: values in the first group tend to be larger.

    Returns
    -------
    pandas.DataFrame
        One row per outcome: ``dv``, ``group1``, ``group2``, ``n1``, ``n2``,
        ``statistic`` (SciPy's Brunner–Munzel W, positive when the *second*
        group tends to be larger), ``alternative``, ``p`` (from the t
        distribution, SciPy's default), ``probability_of_superiority``
        (``P(X1 > X2) + P(X1 = X2) / 2`` estimated from the ranks: 0.5 when
        neither group tends to be larger), ``p_adjusted`` (equal to ``p``;
        see :func:`adjust_pvalues`).

    Notes
    -----
    Computed by ``scipy.stats.brunnermunzel`` in one vectorised call
    (missing values dropped per outcome), and equal to it (see the tests).
    The test estimates each group's variance of rank placements; when the
    groups do not overlap at all, or every value is equal, those are 0 and
    the test is undefined: ``statistic`` and ``p`` are then NaN with a
    ``RuntimeWarning`` naming the outcomes (``probability_of_superiority``
    is still given, 0, 0.5 or 1).

    References: Brunner, E. & Munzel, U. (2000). The nonparametric
    Behrens–Fisher problem. *Biometrical Journal*, 42, 17–25.  For unequal
    variances with unequal group sizes, Delacre, Lakens & Leys (2017)
    recommend it or Yuen's test (:func:`yuen`) over Mann–Whitney.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"score": [1, 2, 3, 5, 2, 4, 6, 7, 8], "g": list("aaaabbbbb")})
    >>> brunner_munzel(df, "score", "g")[["statistic", "p", "probability_of_superiority"]].round(4)
       statistic       p  probability_of_superiority
    0     2.1768  0.0676                       0.175
    """
    import pandas as pd
    from scipy import stats

    check_choice("alternative", alternative, ALTERNATIVES)
    dv, g1, g2, x1, x2, n1, n2 = two_group_block(data, dv, between, groups, 2)
    pooled = stats.rankdata(np.concatenate([x1, x2]), axis=0, nan_policy="omit")
    r1, r2 = pooled[: len(x1)], pooled[len(x1):]
    superiority = (np.nansum(r1, axis=0) / n1 - (n1 + 1) / 2) / n2
    # placements (pooled rank minus rank within the group): the test's variance estimates are theirs
    p1 = r1 - stats.rankdata(x1, axis=0, nan_policy="omit")
    p2 = r2 - stats.rankdata(x2, axis=0, nan_policy="omit")
    with np.errstate(invalid="ignore"):
        degenerate = (np.nanvar(p1, axis=0) == 0) & (np.nanvar(p2, axis=0) == 0)
    statistic = np.full(len(dv), np.nan)
    p = np.full(len(dv), np.nan)
    ok = np.flatnonzero(~degenerate)
    if ok.size:
        res = stats.brunnermunzel(x1[:, ok], x2[:, ok], alternative=alternative, nan_policy="omit", axis=0)
        statistic[ok], p[ok] = res.statistic, res.pvalue
    if degenerate.any():
        import warnings

        warnings.warn(
            f"Brunner–Munzel is undefined for {[dv[i] for i in np.flatnonzero(degenerate)]}: the groups do not "
            "overlap (or every value is equal), so its variance estimates are 0; statistic and p are NaN there.",
            RuntimeWarning, stacklevel=3,
        )
    return pd.DataFrame(
        {
            "dv": dv, "group1": g1, "group2": g2, "n1": n1, "n2": n2, "statistic": statistic,
            "alternative": alternative, "p": p, "probability_of_superiority": superiority, "p_adjusted": p,
        }
    )

"""Adjusting a family of p values for multiple comparisons."""
from __future__ import annotations

import numpy as np

from .._validation import InputError, check_choice
from ._inputs import as_1d

__all__ = ["adjust_pvalues"]

#: The methods of :func:`adjust_pvalues` (statsmodels' names; R's "holm", "bonferroni", "BH")
#: and how a report names them.
ADJUST_NAMES = {"holm": "Holm", "bonferroni": "Bonferroni", "fdr_bh": "Benjamini-Hochberg"}
ADJUST_METHODS = tuple(ADJUST_NAMES)


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

    Notes
    -----
    Equal to R's ``p.adjust`` and to statsmodels'
    ``multipletests(p, method=...)[1]`` (both checked in the tests).

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], "holm").round(3)
    array([0.03, 0.06, 0.06])
    >>> adjust_pvalues([0.01, 0.04, 0.03], "fdr_bh").round(3)
    array([0.03, 0.04, 0.04])
    """
    check_choice("method", method, ADJUST_METHODS)
    p = as_1d("p", p)
    bad = np.flatnonzero(~((p >= 0) & (p <= 1)))
    if bad.size:
        raise InputError(f"p[{bad[0]}] = {float(p[bad[0]])!r} is not a probability between 0 and 1.")
    # Kept rather than statsmodels' multipletests, which gives the same values (checked in the
    # tests) but is slower where it matters here: its Holm branch runs gc.collect() on every call
    # (0.1 s or more in a session with data loaded, against ~50 µs here for 59 items); for BH the
    # two are about as fast on the families compare() adjusts (tens of items).  It also spares
    # compare(..., p_adjust=...) the import of statsmodels.
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

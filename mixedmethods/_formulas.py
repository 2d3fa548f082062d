"""Formulas shared by several domains, vectorised: the one place each lives.

Nothing here validates input; callers do.  Each function names what it was
checked against.
"""
from __future__ import annotations

import numpy as np

__all__ = ["standard_errors", "levene_f", "wilson_interval"]


def standard_errors(var1, n1, var2, n2):
    """Standard errors and df of Student's and Welch's tests from group variances.

    Student: pooled variance, ``n1 + n2 - 2`` df.  Welch: separate variances,
    Welch–Satterthwaite df ``(v1 + v2)² / (v1²/(n1 - 1) + v2²/(n2 - 1))`` with
    ``v = var / n``.  Used by the two-group comparisons, the audit's t ranges
    and the simulations.

    Returns
    -------
    se_student, df_student, se_welch, df_welch : numpy.ndarray
    """
    df_student = n1 + n2 - 2
    se_student = np.sqrt(((n1 - 1) * var1 + (n2 - 1) * var2) / df_student * (1 / n1 + 1 / n2))
    v1, v2 = var1 / n1, var2 / n2
    se_welch = np.sqrt(v1 + v2)
    share = v1 / (v1 + v2)  # the same df written without squaring v (no underflow for huge n)
    df_welch = 1 / (share**2 / (n1 - 1) + (1 - share) ** 2 / (n2 - 1))
    return se_student, df_student, se_welch, df_welch


def levene_f(zbar1, within1, n1, zbar2, within2, n2):
    """Levene's F on (1, n1 + n2 - 2) df: a one-way ANOVA of the absolute deviations z.

    ``zbar`` is each group's mean of z, ``within`` its sum of squared
    deviations of z from ``zbar``.
    """
    zbar = (n1 * zbar1 + n2 * zbar2) / (n1 + n2)
    between = n1 * (zbar1 - zbar) ** 2 + n2 * (zbar2 - zbar) ** 2
    return (n1 + n2 - 2) * between / (within1 + within2)


def wilson_interval(count, nobs, confidence_level):
    """Wilson score interval for count / nobs, vectorised; NaN where ``nobs`` is 0 or missing.

    Equal to statsmodels' ``proportion_confint(method="wilson")`` (checked in
    the tests) but kept here: statsmodels returns bounds of about 1e-17 at
    p = 0 and 1 - 1e-16 at p = 1, where this returns exactly 0 and 1, and it
    leaves missing denominators as NaN instead of warning.
    """
    from scipy.special import ndtri

    count = np.asarray(count, dtype=float)
    nobs = np.asarray(nobs, dtype=float)
    z = float(ndtri(1 - (1 - confidence_level) / 2))
    lo = np.full(count.shape, np.nan)
    hi = np.full(count.shape, np.nan)
    ok = nobs > 0
    n, p = nobs[ok], count[ok] / nobs[ok]
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    lo[ok] = np.where(p == 0, 0.0, np.clip(np.minimum(centre - half, p), 0, 1))
    hi[ok] = np.where(p == 1, 1.0, np.clip(np.maximum(centre + half, p), 0, 1))
    return lo, hi

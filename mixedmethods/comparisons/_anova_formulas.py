"""One-way and two-way between-subjects ANOVA from cell statistics, vectorised (private).

Every function takes arrays of shape ``(T, k)``: ``T`` tables (outcomes,
papers, or candidate values of rounded numbers) of ``k`` groups or cells, and
returns arrays of shape ``(T,)`` (or ``(T, 3)`` for the two-factor effects).
Nothing here validates input; :mod:`~mixedmethods.comparisons.anova` does.

The one-way formulas are those of statsmodels' ``stats.oneway.anova_generic``
(classic and Welch, checked equal in the tests) and of Brown & Forsythe (1974)
with Satterthwaite's df2; they are written out here because statsmodels takes
one table per call and these take thousands at once.
"""
from __future__ import annotations

import numpy as np

__all__ = ["ONEWAY_TESTS", "f_sf", "oneway", "sum_contrast_design", "effect_forms", "factorial_type3"]

#: One-way variants, in the order of the output rows.
ONEWAY_TESTS = ("anova", "welch", "brown_forsythe", "brown_forsythe_mehrotra")


def f_sf(F, df1, df2):
    """Upper tail of the F distribution, vectorised (NaN where undefined)."""
    from scipy import special

    F, df1, df2 = np.broadcast_arrays(np.asarray(F, float), np.asarray(df1, float), np.asarray(df2, float))
    with np.errstate(invalid="ignore", divide="ignore"):
        # P(F' > F) = I_{df2/(df2 + df1 F)}(df2/2, df1/2), as scipy.stats.f.sf, without its overhead
        return special.betainc(df2 / 2, df1 / 2, df2 / (df2 + df1 * F))


def oneway(mean, sd, n):
    """Classic, Welch and Brown–Forsythe one-way ANOVA of ``T`` tables of ``k`` groups.

    Returns a dict of ``(T,)`` arrays: for each test of :data:`ONEWAY_TESTS`
    ``<test>_F``, ``<test>_df1``, ``<test>_df2``, ``<test>_p``; and
    ``ss_between``, ``ss_within``, ``eta_squared``, ``omega_squared``,
    ``n_total``.  Welch is NaN in a table where some SD is 0 (its weights
    ``n / sd²`` are infinite); the caller warns.

    Notes
    -----
    ``SSB = Σ n (m − M)²``, ``SSW = Σ (n − 1) s²``; classic ``F = SSB/(k−1) / (SSW/(N−k))``.
    Welch (1951): ``w = n/s²``, ``F = Σ w (m − m_w)²/(k−1) / (1 + 2(k−2)/(k²−1) Λ)``
    with ``Λ = Σ (1 − w/W)²/(n − 1)``, ``df2 = (k² − 1)/(3Λ)``.
    Brown–Forsythe (1974): ``F* = SSB / Σ (1 − n/N) s²`` on ``k − 1`` and
    ``df2 = (Σ c)² / Σ c²/(n − 1)``, ``c = (1 − n/N) s²``.  Mehrotra (1997)
    keeps ``F*`` and replaces df1 by
    ``(Σ (1 − n/N) s²)² / (Σ s⁴ + (Σ n s²/N)² − 2 Σ n s⁴/N)``.
    """
    m, s, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    k = m.shape[-1]
    v = s**2
    N = n.sum(axis=-1)
    grand = (n * m).sum(axis=-1) / N
    ssb = (n * (m - grand[:, None]) ** 2).sum(axis=-1)
    ssw = ((n - 1) * v).sum(axis=-1)
    df1 = np.full(N.shape, k - 1.0)
    df_w = N - k
    out = {"n_total": N, "ss_between": ssb, "ss_within": ssw}
    with np.errstate(invalid="ignore", divide="ignore"):
        F = (ssb / df1) / (ssw / df_w)
        out.update(anova_F=F, anova_df1=df1, anova_df2=df_w, anova_p=f_sf(F, df1, df_w))
        msw = ssw / df_w
        out["eta_squared"] = ssb / (ssb + ssw)
        out["omega_squared"] = (ssb - df1 * msw) / (ssb + ssw + msw)

        w = n / v
        W = w.sum(axis=-1)
        mw = (w * m).sum(axis=-1) / W
        lam = ((1 - w / W[:, None]) ** 2 / (n - 1)).sum(axis=-1)
        Fw = (w * (m - mw[:, None]) ** 2).sum(axis=-1) / df1 / (1 + 2 * (k - 2) / (k**2 - 1) * lam)
        dfw = (k**2 - 1) / (3 * lam)
        bad = ~np.isfinite(w).all(axis=-1)
        Fw, dfw = np.where(bad, np.nan, Fw), np.where(bad, np.nan, dfw)
        out.update(welch_F=Fw, welch_df1=df1, welch_df2=dfw, welch_p=f_sf(Fw, df1, dfw))

        c = (1 - n / N[:, None]) * v
        Fb = ssb / c.sum(axis=-1)
        dfb = c.sum(axis=-1) ** 2 / (c**2 / (n - 1)).sum(axis=-1)
        out.update(brown_forsythe_F=Fb, brown_forsythe_df1=df1, brown_forsythe_df2=dfb,
                   brown_forsythe_p=f_sf(Fb, df1, dfb))
        df1_m = c.sum(axis=-1) ** 2 / (
            (v**2).sum(axis=-1) + ((n * v).sum(axis=-1) / N) ** 2 - 2 * (n * v**2).sum(axis=-1) / N
        )
        out.update(brown_forsythe_mehrotra_F=Fb, brown_forsythe_mehrotra_df1=df1_m,
                   brown_forsythe_mehrotra_df2=dfb, brown_forsythe_mehrotra_p=f_sf(Fb, df1_m, dfb))
    return out


def sum_contrast_design(levels_a, levels_b):
    """The saturated design of an a × b layout with sum-to-zero contrasts (R's ``contr.sum``).

    Rows are the cells in a-major order (cell ``i * levels_b + j``); columns the
    intercept, ``a − 1`` columns of A, ``b − 1`` of B and their products.
    Returns ``(X, columns)`` with ``columns`` the column indices of A, B, A:B.
    """
    def contr_sum(levels):
        c = np.zeros((levels, levels - 1))
        c[: levels - 1] = np.eye(levels - 1)
        c[levels - 1] = -1
        return c

    ca, cb = contr_sum(levels_a), contr_sum(levels_b)
    rows_a = np.repeat(ca, levels_b, axis=0)
    rows_b = np.tile(cb, (levels_a, 1))
    inter = (rows_a[:, :, None] * rows_b[:, None, :]).reshape(levels_a * levels_b, -1)
    X = np.hstack([np.ones((levels_a * levels_b, 1)), rows_a, rows_b, inter])
    ia = np.arange(1, levels_a)
    ib = np.arange(levels_a, levels_a + levels_b - 1)
    iab = np.arange(levels_a + levels_b - 1, X.shape[1])
    return X, (ia, ib, iab)


def effect_forms(n, levels_a, levels_b):
    """For each effect, the matrix ``Q`` (shape ``(T, k, k)``) with ``SS = mᵀ Q m``.

    The Type III sum of squares of an effect is the Wald form
    ``β_Eᵀ [(XᵀWX)⁻¹]_EE⁻¹ β_E`` with ``β = X⁻¹ m`` and ``W = diag(n)``: a
    quadratic form in the cell means whose matrix depends only on the ns.
    """
    X, columns = sum_contrast_design(levels_a, levels_b)
    Xinv = np.linalg.inv(X)
    xtwx = np.einsum("ci,tc,cj->tij", X, np.asarray(n, dtype=float), X)
    V = np.linalg.inv(xtwx)
    forms = []
    for idx in columns:
        L = Xinv[idx]                               # β_E = L m
        VEE = V[:, idx][:, :, idx]
        forms.append(np.einsum("ei,tef,fj->tij", L, np.linalg.inv(VEE), L))
    return forms, [len(idx) for idx in columns]


def factorial_type3(mean, sd, n, levels_a, levels_b):
    """Type III F tests of A, B and A:B for ``T`` tables of a × b cells (a-major order).

    Returns a dict of arrays: ``ss``, ``F``, ``p``, ``partial_eta_squared``
    of shape ``(T, 3)``; ``df1`` of shape ``(3,)``; ``ss_error``, ``df2``,
    ``n_total`` of shape ``(T,)``.

    Notes
    -----
    The cell-means model is saturated, so its weighted least-squares fit
    reproduces the cell means and the error sum of squares is
    ``Σ (n − 1) s²`` on ``N − ab`` df.  With sum-to-zero contrasts each
    effect's Type III SS is the Wald form of :func:`effect_forms`, which is
    what R's ``car::Anova(type = 3)`` computes (checked in the tests).
    """
    m, s, n = (np.asarray(x, dtype=float) for x in (mean, sd, n))
    forms, df1 = effect_forms(n, levels_a, levels_b)
    ss = np.stack([np.einsum("ti,tij,tj->t", m, Q, m) for Q in forms], axis=-1)
    ss_error = ((n - 1) * s**2).sum(axis=-1)
    N = n.sum(axis=-1)
    df2 = N - levels_a * levels_b
    df1 = np.asarray(df1, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        F = (ss / df1) / (ss_error / df2)[:, None]
        p = f_sf(F, df1[None, :], df2[:, None])
        pes = ss / (ss + ss_error[:, None])
    return {"ss": ss, "F": F, "p": p, "partial_eta_squared": pes, "df1": df1,
            "ss_error": ss_error, "df2": df2, "n_total": N}

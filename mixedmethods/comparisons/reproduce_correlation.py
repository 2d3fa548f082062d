"""Can a printed correlation, its df, t, p and confidence interval all be true together?"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError, check_confidence_level
from ._reproduce import (
    EDGE, cannot_be, each_row, intersect, join_tests, labelled_rows, p_range_fits, p_text, range_fits, read_printed,
    show, show_p, verdict,
)

__all__ = ["reproduce_correlation", "CORRELATION_VARIANTS"]

#: Variants tried, in order of plausibility: Pearson's test two-sided, then one-sided.
CORRELATION_VARIANTS = ("pearson", "pearson_one_sided")
_NUMBERS = ("r", "n", "t", "df", "p", "ci_low", "ci_high")


@returns_result_table
def reproduce_correlation(printed, *, alpha=0.05, confidence_level=0.95):
    """Which correlation test reproduces each printed r, and which printed numbers cannot be true.

    Parameters
    ----------
    printed : pandas.DataFrame
        One row per correlation, numbers as printed (strings keep their
        decimals).  Required columns ``r, n``; any of ``t``, ``df``, ``p``
        (``".013"``, ``"< .001"``, ``"ns"``), ``ci_low``, ``ci_high``.  Other
        columns (labels) are kept in front.
    alpha : float
        The level ``"ns"`` is read against.
    confidence_level : float
        The coverage of the printed interval (two-sided, Fisher z as R's
        ``cor.test``).

    Returns
    -------
    pandas.DataFrame
        The label columns, then ``t``, ``df``, ``p``, ``ci_low``, ``ci_high``
        recomputed from the printed r and n (two-sided), ``matched_test``
        (the variants of :data:`CORRELATION_VARIANTS` that reach every printed
        number; empty when none does), ``consistent`` and ``verdict``.

    Notes
    -----
    ``t = r sqrt(n − 2) / sqrt(1 − r²)`` and the Fisher-z bounds
    ``tanh(atanh(r) ± z / sqrt(n − 3))`` grow with r, so their reachable
    ranges come from the ends of r's rounding interval; df must be n − 2 (a
    df equal to n is a common misprint, named as such).  A Spearman rho
    printed with the t approximation's p is checked the same way; R's exact
    and Edgeworth p for small samples without ties differ slightly.

    Examples
    --------
    >>> import pandas as pd
    >>> printed = pd.DataFrame({"pair": ["age, score"], "r": [".42"], "n": ["58"], "df": ["58"], "p": [".001"]})
    >>> reproduce_correlation(printed).loc[0, "verdict"]
    'df = 58 cannot be true: it should have been 56 (n − 2; a df equal to n is a common misprint).'
    """
    from scipy import special

    confidence_level = check_confidence_level(confidence_level)
    v = read_printed(printed, _NUMBERS, ("r", "n"), "reproduce_correlation")
    index = list(printed.index)
    r, n = v["r"][0], v["n"][0]
    bad = np.flatnonzero((n < 4) | (n != np.round(n)))
    if bad.size:
        raise InputError(f"n = {n[bad[0]]:g} in row {index[bad[0]]!r}; n is a whole number >= 4 "
                         "(the interval needs n - 3 > 0).")
    for name in ("r", "ci_low", "ci_high"):
        bad = np.flatnonzero(np.abs(v[name][0]) > 1)
        if bad.size:
            raise InputError(f"{name} = {v[name][0][bad[0]]:g} in row {index[bad[0]]!r}; "
                             "a correlation lies in [-1, 1].")
    z = float(special.ndtri((1 + confidence_level) / 2))
    rows = [_row(one, z, alpha) for one in each_row(v)]
    return labelled_rows(printed, rows, _NUMBERS, ["t", "df", "p", "ci_low", "ci_high", "matched_test",
                                                   "consistent", "verdict"])


def _t_of(r, df):
    with np.errstate(divide="ignore"):
        return np.where(np.abs(r) >= 1, np.sign(r) * np.inf, r * np.sqrt(df) / np.sqrt(np.maximum(1 - r**2, 0.0)))


def _row(one, z, alpha):
    from scipy import special

    (r, dr), n = one["r"], one["n"][0]
    (t, dt), (df, ddf), (lo, dlo), (hi, dhi) = one["t"], one["df"], one["ci_low"], one["ci_high"]
    p_cmp, p_val, p_dec = one["p"]
    half = 0.5 * 10.0 ** -dr
    r_iv = (max(r - half, -1.0), min(r + half, 1.0))
    df_ok = bool(range_fits(n - 2, n - 2, df, ddf))
    a_lo, a_hi = (r_iv[0] if r_iv[0] > 0 else (-r_iv[1] if r_iv[1] < 0 else 0.0)), max(abs(r_iv[0]), abs(r_iv[1]))
    t_iv = (float(_t_of(a_lo, n - 2)), float(_t_of(a_hi, n - 2)))
    t_ok = bool(range_fits(*t_iv, abs(t), dt))
    se = 1 / np.sqrt(n - 3)
    bound = lambda x, sign: float(np.tanh(np.arctanh(np.clip(x, -1 + 1e-15, 1 - 1e-15)) + sign * z * se))  # noqa: E731
    ci_reach = {"ci_low": (bound(r_iv[0], -1), bound(r_iv[1], -1)), "ci_high": (bound(r_iv[0], 1), bound(r_iv[1], 1))}
    ci_ok = {name: bool(range_fits(*ci_reach[name], value, dec))
             for name, (value, dec) in (("ci_low", (lo, dlo)), ("ci_high", (hi, dhi)))}
    t_eff = intersect(*t_iv, abs(t), dt)
    fits = {}
    for name, tails in (("pearson", 2), ("pearson_one_sided", 1)):
        p_ok = True
        if p_cmp != "":
            if t_eff[0] > t_eff[1] + EDGE:
                p_ok = False
            else:
                p_lo = tails * special.stdtr(n - 2, -float(t_eff[1]))
                p_hi = min(1.0, tails * special.stdtr(n - 2, -float(t_eff[0])))
                p_ok = bool(p_range_fits(p_lo, p_hi, p_cmp, p_val, p_dec, alpha=alpha))
        fits[name] = {"df": df_ok, "t": t_ok, "p": p_ok, **ci_ok}
    matched = join_tests(name for name, f in fits.items() if all(f.values()))
    t_point = float(_t_of(r, n - 2))
    p_point = 2 * special.stdtr(n - 2, -abs(t_point))
    problems = []
    if not matched:
        f = fits["pearson"] if sum(fits["pearson"].values()) >= sum(fits["pearson_one_sided"].values()) else \
            fits["pearson_one_sided"]
        if not f["df"]:
            hint = "; a df equal to n is a common misprint" if df == n else ""
            problems.append(cannot_be("df", show(df, ddf), f"{n - 2:g} (n − 2{hint})"))
        if not f["t"]:
            problems.append(cannot_be("t", show(t, dt), f"{show(t_iv[0], dt)} to {show(t_iv[1], dt)} in absolute "
                                      f"value (r = {show(r, dr)} within its rounding, n = {n:g})"))
        if not f["p"]:
            shown = "p ns" if p_cmp == "ns" else f"p {p_cmp} {show_p(p_val, p_dec)}"
            problems.append(f"{shown} cannot be true: r = {show(r, dr)} with n = {n:g} gives {p_text(p_point)}"
                            + (" (two-sided; one-sided does not fit either)" if f is fits["pearson"] else ""))
        for name, (value, dec) in (("ci_low", (lo, dlo)), ("ci_high", (hi, dhi))):
            if not f[name]:
                a, b = ci_reach[name]
                problems.append(cannot_be(name, show(value, dec), f"{show(a, dec)} to {show(b, dec)} (Fisher z, "
                                          f"{_level_text(z)})"))
    ci = (bound(r, -1), bound(r, 1))
    return {"t": t_point, "df": n - 2, "p": p_point, "ci_low": ci[0], "ci_high": ci[1], "matched_test": matched,
            "consistent": bool(matched), "verdict": verdict(problems, matched)}


def _level_text(z):
    """'95% interval' from the normal quantile z."""
    from scipy import special

    return f"{100 * (2 * special.ndtr(z) - 1):g}% interval"

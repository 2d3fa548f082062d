"""Which ANOVA did a paper print?  Re-run a printed F test from its cell means, SDs and ns."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError, show_value
from ._anova_formulas import effect_forms, f_sf, oneway
from ._reproduce import (
    EDGE, cannot_be, intersect, join_tests, p_column, p_range_fits, printed_column, range_fits,
    scale_problems, show, show_p, verdict,
)

__all__ = ["reproduce_anova", "ANOVA_VARIANTS"]

#: One-factor variants tried, in order of plausibility (two factors: ``"anova"``, Type III).
ANOVA_VARIANTS = ("anova", "welch", "brown_forsythe", "brown_forsythe_mehrotra")
_LABELS = {"anova": "classic ANOVA", "welch": "Welch", "brown_forsythe": "Brown–Forsythe",
           "brown_forsythe_mehrotra": "Brown–Forsythe with Mehrotra's df1"}
_STATS = ("F", "df1", "df2", "p")
_OUT = ["n_groups", "n", "anova_F", "anova_df1", "anova_df2", "anova_p", "welch_F", "welch_df2", "welch_p",
        "brown_forsythe_F", "brown_forsythe_df2", "brown_forsythe_p", "matched_test", "consistent", "verdict"]
#: Corners of a rounding box enumerated at most (beyond, a seeded sample of corners).
_MAX_CORNERS = 4096


@returns_result_table
def reproduce_anova(cells, printed=None, *, between="group", alpha=0.05):
    """Which ANOVA reproduces each printed F test, and which printed numbers cannot be true.

    Each printed mean and SD stands for its rounding interval, so the F, df
    and p they allow form ranges.  A variant *matches* when every printed
    number (F, df1, df2, p) is within reach, each within its own rounding, p
    computed from an F and df that also print as printed.

    Parameters
    ----------
    cells : pandas.DataFrame
        One row per group (or cell of a two-factor design), numbers as
        printed (strings keep their decimals: ``"2.30"``): the ``between``
        column(s), ``mean``, ``sd``, ``n``, and ``comparison`` (which F test
        the row belongs to; absent: all rows form one comparison).  Optional
        ``scale_min, scale_max`` (whole-number answers: GRIM, GRIMMER and the
        SD bounds are then checked for each cell).
    printed : pandas.DataFrame, optional
        One row per printed F test: ``comparison`` (as in ``cells``; absent
        when there is one), ``effect`` (two factors: ``a``, ``b`` or ``a:b``
        named after the factors; ``a×b``, ``a*b`` and ``a x b`` are read as
        ``a:b``) and any of ``F``, ``df1``, ``df2``, ``p`` (``".013"``,
        ``"< .001"``, ``"ns"``).  When None, these columns are read from
        ``cells`` itself: a row with a blank ``mean`` is a printed-test row,
        and a one-factor comparison may carry its F, df and p on any one of
        its cell rows (one CSV file then holds a whole table).
    between : str or list of two str
        The group column, or the two factor columns.
    alpha : float
        The level ``"ns"`` is read against.

    Returns
    -------
    pandas.DataFrame
        One row per printed F test: ``comparison``, ``effect``, what was
        printed (``F``, ``df1``, ``df2``, ``p`` as given), ``n_groups``,
        ``n``; the tests recomputed at the printed cell values (``anova_F``,
        ``anova_df1``, ``anova_df2``, ``anova_p``, and for one factor
        ``welch_F``, ``welch_df2``, ``welch_p``, ``brown_forsythe_F``,
        ``brown_forsythe_df2``, ``brown_forsythe_p``; NaN for two factors,
        which have only the Type III table); ``matched_test`` (every variant
        of :data:`ANOVA_VARIANTS` that reaches all printed numbers,
        comma-separated in order of plausibility; empty when none does);
        ``consistent`` (all printed numbers can be true together, cells
        included) and ``verdict`` (each printed number that cannot be true
        and what it should have been).

    Notes
    -----
    The classic and Brown–Forsythe F, and every Type III F, are a convex
    quadratic form in the means over a sum of squares of the SDs, so their
    exact ranges come from the corners of the box of rounded means (maximum),
    a bounded least-squares problem (minimum) and the ends of the SD
    intervals.  Welch's F and every Satterthwaite df are taken over the
    corners of the SD box (and for Welch the corners of the mean box and the
    weighted least-squares minimum at each), which is exact in every case
    tried but not proven so.  Boxes with more than 4,096 corners are sampled
    (seeded).  Checked on a published table in the tests.

    Examples
    --------
    >>> import pandas as pd
    >>> cells = pd.DataFrame({"group": ["ctrl", "trt1", "trt2"], "mean": ["5.03", "4.66", "5.53"],
    ...                       "sd": ["0.58", "0.79", "0.44"], "n": ["10", "10", "10"],
    ...                       "F": ["4.85", "", ""], "df1": ["2", "", ""], "df2": ["27", "", ""],
    ...                       "p": [".016", "", ""]})
    >>> res = reproduce_anova(cells)
    >>> res.loc[0, "matched_test"], bool(res.loc[0, "consistent"])
    ('anova', True)
    """
    import pandas as pd

    factors = [between] if isinstance(between, str) else list(between)
    if len(factors) not in (1, 2):
        raise InputError(f"between names {len(factors)} factors; give one factor or two.")
    if not isinstance(cells, pd.DataFrame):
        raise InputError(f"cells must be a pandas DataFrame of printed numbers, got {type(cells).__name__}.")
    cells, printed = _split(cells, printed, factors)
    groups = _read_cells(cells, factors)
    tests = _read_printed(printed, factors, groups)
    rows = []
    for comparison, effect, stats in tests:
        rows.append({"comparison": comparison, "effect": effect, **stats["text"],
                     **_one_row(groups[comparison], factors, effect, stats, alpha)})
    out = pd.DataFrame(rows, columns=["comparison", "effect", *_STATS, *_OUT])
    out["consistent"] = out["consistent"].astype("boolean")
    return out


def _split(cells, printed, factors):
    """(cell rows, printed rows) as DataFrames of strings/numbers; checks the columns."""
    import pandas as pd

    missing = [c for c in [*factors, "mean", "sd", "n"] if c not in cells.columns]
    if missing:
        raise InputError(f"cells has no column {', '.join(map(repr, missing))}; reproduce_anova needs "
                         f"{', '.join(map(repr, [*factors, 'mean', 'sd', 'n']))} (and comparison when there are several).")
    if not len(cells):
        raise InputError("cells has no rows.")
    cells = cells.copy()
    if "comparison" not in cells.columns:
        cells["comparison"] = ""
    if printed is None:
        blank = cells["mean"].isna() | (cells["mean"].astype(str).str.strip() == "")
        keep = [c for c in ("comparison", "effect", *_STATS) if c in cells.columns]
        has_stats = np.zeros(len(cells), dtype=bool)
        for c in _STATS:
            if c in cells.columns:
                has_stats |= ~(cells[c].isna() | (cells[c].astype(str).str.strip() == "")).to_numpy()
        printed = cells.loc[has_stats, keep]
        cells = cells[~blank.to_numpy()]
    else:
        if not isinstance(printed, pd.DataFrame):
            raise InputError(f"printed must be a pandas DataFrame, got {type(printed).__name__}.")
        printed = printed.copy()
        if "comparison" not in printed.columns:
            printed["comparison"] = ""
    if not any(c in printed.columns for c in _STATS) or not len(printed):
        raise InputError("nothing printed to check: give a column F, df1, df2 or p (in printed, or in cells).")
    return cells, printed


def _read_cells(cells, factors):
    """{comparison: dict of arrays (values and decimals of mean and sd, n, scale, levels)}."""
    import pandas as pd

    values = {}
    for name in ("mean", "sd", "n", "scale_min", "scale_max"):
        try:
            values[name] = printed_column(cells, name, allow_missing=name.startswith("scale"))
        except (ValueError, TypeError) as error:
            raise InputError(f"cells column {name}: {error}") from None
    index = list(cells.index)
    s, n = values["sd"][0], values["n"][0]
    bad = np.flatnonzero(s < 0)
    if bad.size:
        raise InputError(f"sd = {s[bad[0]]:g} in row {index[bad[0]]!r} of cells is negative; an SD is >= 0.")
    bad = np.flatnonzero((n < 2) | (n != np.round(n)))
    if bad.size:
        what = " (an empty group)" if n[bad[0]] == 0 else ""
        raise InputError(f"n = {n[bad[0]]:g} in row {index[bad[0]]!r} of cells{what}; a group size is a whole "
                         "number >= 2.")
    keys = ["comparison", *factors]
    dup = cells.duplicated(keys, keep=False).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(f"cells has more than one row for {', '.join(f'{k}={show_value(cells[k].iloc[i])}' for k in keys)}.")
    out = {}
    for comparison, rows in pd.Series(np.arange(len(cells))).groupby(cells["comparison"].to_numpy(), sort=False):
        rows = rows.to_numpy()
        part = cells.iloc[rows]
        levels = [list(pd.unique(part[f])) for f in factors]
        name = f"comparison {comparison!r}" if comparison != "" else "cells"
        if len(factors) == 1:
            if len(rows) < 2:
                raise InputError(f"{name} has a single group; an ANOVA compares two or more.")
            order = rows
        else:
            if min(len(lv) for lv in levels) < 2:
                raise InputError(f"{name}: each factor needs two or more levels.")
            where = {(a, b): r for a, b, r in zip(part[factors[0]], part[factors[1]], rows)}
            gaps = [(a, b) for a in levels[0] for b in levels[1] if (a, b) not in where]
            if gaps:
                raise InputError(f"{name}: cell {factors[0]}={show_value(gaps[0][0])}, {factors[1]}={show_value(gaps[0][1])} is empty "
                                 "(no row); a two-factor ANOVA needs every combination of levels.")
            order = np.array([where[(a, b)] for a in levels[0] for b in levels[1]])
        out[comparison] = {k: (v[0][order], v[1][order]) for k, v in values.items()}
        out[comparison]["levels"] = [len(lv) for lv in levels]
        out[comparison]["labels"] = [", ".join(str(part.loc[cells.index[r], f]) for f in factors) for r in order]
    return out


def _read_printed(printed, factors, groups):
    """[(comparison, effect, {"value": {stat: (value, decimals)}, "p": (cmp, value, dec), "text": {...}})]."""
    values = {}
    for name in ("F", "df1", "df2"):
        try:
            values[name] = printed_column(printed, name)
        except (ValueError, TypeError) as error:
            raise InputError(f"printed column {name}: {error}") from None
    try:
        p = p_column(printed, "p")
    except ValueError as error:
        raise InputError(str(error)) from None
    index = list(printed.index)
    for name in ("F", "df1", "df2"):
        v = values[name][0]
        bad = np.flatnonzero(~np.isnan(v) & ((v < 0) if name == "F" else (v <= 0)))
        if bad.size:
            raise InputError(f"{name} = {v[bad[0]]:g} in row {index[bad[0]]!r} of printed cannot be an ANOVA's "
                             f"{'F (F >= 0)' if name == 'F' else 'df (df > 0)'}.")
    bad = np.flatnonzero(~np.isnan(p[1]) & ((p[1] < 0) | (p[1] > 1)))
    if bad.size:
        raise InputError(f"p = {p[1][bad[0]]:g} in row {index[bad[0]]!r} of printed is outside [0, 1].")
    effects = _effects(printed, factors)
    out = []
    for i, (comparison, effect) in enumerate(zip(printed["comparison"], effects)):
        if comparison not in groups:
            raise InputError(f"printed row {index[i]!r} names comparison {comparison!r}, which has no cells; "
                             f"cells has {list(groups)}.")
        text = {c: (printed[c].iloc[i] if c in printed.columns else np.nan) for c in _STATS}
        out.append((comparison, effect, {"value": {c: (values[c][0][i], values[c][1][i]) for c in values},
                                         "p": (p[0][i], p[1][i], p[2][i]), "text": text}))
    for comparison in groups:  # comparisons with cells but nothing printed still get a row
        if not any(c == comparison for c, _, _ in out):
            for effect in _all_effects(factors):
                out.append((comparison, effect, {"value": {c: (np.nan, 0) for c in values},
                                                 "p": ("", np.nan, 0), "text": dict.fromkeys(_STATS, np.nan)}))
    return out


def _all_effects(factors):
    return factors if len(factors) == 1 else [factors[0], factors[1], f"{factors[0]}:{factors[1]}"]


def _effects(printed, factors):
    import re

    allowed = _all_effects(factors)
    if "effect" not in printed.columns:
        if len(factors) == 2:
            raise InputError(f"printed needs a column effect naming {', '.join(allowed)} for a two-factor ANOVA.")
        return [factors[0]] * len(printed)
    out = []
    for i, e in enumerate(printed["effect"]):
        if (e is None or (isinstance(e, float) and e != e) or str(e).strip() == "") and len(factors) == 1:
            out.append(factors[0])
            continue
        text = re.sub(r"\s*(?:×|\*|\bx\b)\s*", ":", str(e).strip())
        if text not in allowed:
            raise InputError(f"effect {e!r} in row {printed.index[i]!r} of printed is not one of {allowed}.")
        out.append(text)
    return out


def _half(decimals):
    return 0.5 * 10.0 ** -np.asarray(decimals, dtype=float)


def _corners(lo, hi, seed=0):
    """Corners of the box [lo, hi] (all, or a seeded sample of _MAX_CORNERS)."""
    k = lo.size
    if 2**k <= _MAX_CORNERS:
        bits = (np.arange(2**k)[:, None] >> np.arange(k)) & 1
    else:
        bits = np.random.default_rng(seed).integers(0, 2, size=(_MAX_CORNERS, k))
    return np.where(bits == 1, hi, lo)


def _quadratic_range(Q, lo, hi):
    """(min, max) of m' Q m over the box lo <= m <= hi, Q positive semidefinite."""
    from scipy.optimize import lsq_linear

    corners = _corners(lo, hi)
    top = float(np.einsum("pi,ij,pj->p", corners, Q, corners).max())
    lam, vec = np.linalg.eigh((Q + Q.T) / 2)
    R = np.sqrt(np.clip(lam, 0, None))[:, None] * vec.T
    if np.all(hi - lo <= 0):
        return float(lo @ Q @ lo), top
    fixed = hi - lo <= 0
    free_lo, free_hi = np.where(fixed, lo - 1e-12, lo), np.where(fixed, hi + 1e-12, hi)
    res = lsq_linear(R, np.zeros(R.shape[0]), bounds=(free_lo, free_hi), method="bvls", tol=1e-14)
    bottom = float(res.x @ Q @ res.x)
    return max(bottom, 0.0), top


def _closest_means(lo, hi, w):
    """Means in the box that minimise Σ w (m − weighted mean)², one row per row of weights ``w``."""
    a, b = np.full(w.shape[0], lo.min()), np.full(w.shape[0], hi.max())
    for _ in range(80):  # bisection on c: Σ w (clip(c) − c) changes sign once
        c = (a + b) / 2
        g = (w * (np.clip(c[:, None], lo, hi) - c[:, None])).sum(axis=1)
        a, b = np.where(g > 0, c, a), np.where(g > 0, b, c)
    return np.clip(((a + b) / 2)[:, None], lo, hi)


def _reach_oneway(cell):
    """Per variant: ranges of F, df1, df2 over the rounding box, and the point values."""
    (m, dm), (s, ds), (n, _) = cell["mean"], cell["sd"], cell["n"]
    k, N = m.size, n.sum()
    mlo, mhi = m - _half(dm), m + _half(dm)
    slo, shi = np.maximum(s - _half(ds), 0), s + _half(ds)
    point = oneway(m[None], s[None], n[None])
    Q = np.diag(n) - np.outer(n, n) / N
    ssb = _quadratic_range(Q, mlo, mhi)
    ssw = (((n - 1) * slo**2).sum(), ((n - 1) * shi**2).sum())
    c = ((1 - n / N) * slo**2).sum(), ((1 - n / N) * shi**2).sum()
    with np.errstate(divide="ignore"):
        reach = {"anova": {"F": (ssb[0] / (k - 1) / (ssw[1] / (N - k)), ssb[1] / (k - 1) / (ssw[0] / (N - k))),
                           "df1": (k - 1, k - 1), "df2": (N - k, N - k)}}
        f_bf = (ssb[0] / c[1], ssb[1] / c[0])
    s_cand = np.vstack([_corners(slo, shi, 1)[: 256], s[None]])
    s_cand = s_cand[(s_cand > 0).any(axis=1)]
    bf = oneway(np.broadcast_to(m, s_cand.shape), s_cand, np.broadcast_to(n, s_cand.shape))
    span = lambda a: (float(np.nanmin(a)), float(np.nanmax(a)))  # noqa: E731
    reach["brown_forsythe"] = {"F": f_bf, "df1": (k - 1, k - 1), "df2": span(bf["brown_forsythe_df2"])}
    reach["brown_forsythe_mehrotra"] = {"F": f_bf, "df1": span(bf["brown_forsythe_mehrotra_df1"]),
                                        "df2": span(bf["brown_forsythe_df2"])}
    if (s_cand > 0).all(axis=1).any() and (slo > 0).all():
        s_w = np.vstack([_corners(slo, shi, 2)[:64], s[None]])
        m_corners = _corners(mlo, mhi, 3)[:64]
        w = n / s_w**2
        m_w = np.vstack([np.tile(m_corners, (len(s_w), 1)),
                         _closest_means(mlo, mhi, w), np.broadcast_to(m, s_w.shape)])
        s_all = np.vstack([np.repeat(s_w, len(m_corners), axis=0), s_w, s_w])
        wl = oneway(m_w, s_all, np.broadcast_to(n, s_all.shape))
        reach["welch"] = {"F": span(wl["welch_F"]), "df1": (k - 1, k - 1), "df2": span(wl["welch_df2"])}
    else:  # an SD that may be 0: Welch's weights are unbounded
        reach["welch"] = {"F": (0.0, np.inf), "df1": (k - 1, k - 1), "df2": (0.0, np.inf)}
    for name in reach:
        reach[name]["point"] = (point[f"{name}_F"][0], point[f"{name}_df1"][0], point[f"{name}_df2"][0],
                                point[f"{name}_p"][0])
    return reach, point


def _reach_factorial(cell, effect, factors):
    (m, dm), (s, ds), (n, _) = cell["mean"], cell["sd"], cell["n"]
    la, lb = cell["levels"]
    forms, df1s = effect_forms(n[None], la, lb)
    which = _all_effects(factors).index(effect)
    Q, df1 = forms[which][0], df1s[which]
    mlo, mhi = m - _half(dm), m + _half(dm)
    slo, shi = np.maximum(s - _half(ds), 0), s + _half(ds)
    ss = _quadratic_range(Q, mlo, mhi)
    df2 = n.sum() - la * lb
    sse = ((n - 1) * slo**2).sum(), ((n - 1) * shi**2).sum()
    with np.errstate(divide="ignore"):
        F = (ss[0] / df1 / (sse[1] / df2), ss[1] / df1 / (sse[0] / df2))
    F_point = float(m @ Q @ m) / df1 / (((n - 1) * s**2).sum() / df2)
    point = (F_point, df1, df2, float(f_sf(F_point, df1, df2)))
    return {"anova": {"F": F, "df1": (df1, df1), "df2": (df2, df2), "point": point}}


def _fits(reach, value, p_printed, alpha):
    """Per variant, whether F, df1, df2 and p can each be as printed."""
    fits = {}
    for name in [v for v in ANOVA_VARIANTS if v in reach]:
        r = reach[name]
        ok = {c: bool(range_fits(*r[c], *value[c])) for c in ("F", "df1", "df2")}
        F_eff, d1, d2 = (intersect(*r[c], *value[c]) for c in ("F", "df1", "df2"))
        if p_printed[0] == "":
            ok["p"] = True
        elif not all(lo <= hi + EDGE for lo, hi in (F_eff, d1, d2)):
            ok["p"] = False
        else:
            ps = [f_sf(f, a, b) for f in F_eff for a in d1 for b in d2]
            ok["p"] = bool(p_range_fits(min(ps), max(ps), *p_printed, alpha=alpha))
        fits[name] = ok
    return fits


def _one_row(cell, factors, effect, stats, alpha):
    value, p_printed = stats["value"], stats["p"]
    k, N = cell["mean"][0].size, int(cell["n"][0].sum())
    row = dict.fromkeys(_OUT, np.nan)
    row.update(n_groups=k, n=N)
    if len(factors) == 1:
        reach, point = _reach_oneway(cell)
        for name in ("welch", "brown_forsythe"):
            row.update({f"{name}_F": point[f"{name}_F"][0], f"{name}_df2": point[f"{name}_df2"][0],
                        f"{name}_p": point[f"{name}_p"][0]})
    else:
        reach = _reach_factorial(cell, effect, factors)
    row.update(zip(("anova_F", "anova_df1", "anova_df2", "anova_p"), reach["anova"]["point"]))
    group = _cell_problems(cell)
    if p_printed[0] == "" and all(np.isnan(value[c][0]) for c in value):
        row.update(matched_test="", consistent=None if not group else False,
                   verdict=verdict(group) if group else "Nothing printed to check (no F, df or p).")
        return row
    fits = _fits(reach, value, p_printed, alpha)
    matched = join_tests(name for name, f in fits.items() if all(f.values()))
    problems = [] if matched else _problems(reach, fits, value, p_printed, cell)
    row.update(matched_test=matched, consistent=bool(matched) and not group,
               verdict=verdict(problems + group, matched))
    return row


def _problems(reach, fits, value, p_printed, cell):
    """What cannot be true on the variant that fits most printed numbers (ties: the more plausible)."""
    best = max(fits, key=lambda name: (sum(fits[name].values()), -list(fits).index(name)))
    factorial = "welch" not in reach
    f, r, label = fits[best], reach[best], "Type III ANOVA" if factorial else _LABELS[best]
    problems = []
    n = cell["n"][0].astype(int)
    for c in ("df1", "df2"):
        if not f[c]:
            lo, hi = r[c]
            exact = lo == hi
            why = {("df1", True): "from the numbers of levels" if factorial else "the number of groups minus 1",
                   ("df2", True): f"N minus the number of {'cells' if factorial else 'groups'}, N = {n.sum()}"}
            should = (f"{lo:g} ({label}, {why.get((c, exact), 'from the rounded SDs')})" if exact else
                      f"{lo:.2f} to {hi:.2f} ({label}, from the rounded SDs and ns {', '.join(map(str, n))})")
            problems.append(cannot_be(c, show(*value[c]), should))
    if not f["F"]:
        lo, hi = r["F"]
        dF = value["F"][1]
        problems.append(cannot_be("F", show(*value["F"]), f"{show(r['point'][0], dF)} ({label}; {show(lo, dF)} to "
                                  f"{show(hi, dF)} within the rounding of the means and SDs)"))
    if not f["p"]:
        cmp_, p_val, p_dec = p_printed
        p_text = "p ns" if cmp_ == "ns" else f"p {cmp_} {show_p(p_val, p_dec)}"
        F, d1, d2 = (value[c][0] for c in ("F", "df1", "df2"))
        if not np.isnan(F) and not np.isnan(d1) and not np.isnan(d2):
            basis = (f"F({show(*value['df1'])}, {show(*value['df2'])}) = {show(*value['F'])} gives "
                     f"p = {show_p(float(f_sf(F, d1, d2)))}")
        else:
            basis = f"the means and SDs give p = {show_p(r['point'][3])} ({label})"
        problems.append(f"{p_text} cannot be true: {basis}")
    return problems


def _cell_problems(cell):
    """GRIM, GRIMMER and SD-bound problems of each cell on its printed scale (when one is given)."""
    lo, hi = cell["scale_min"][0], cell["scale_max"][0]
    if np.isnan(lo).all() or np.isnan(hi).all():
        return []
    problems = []
    (m, dm), (s, ds), (n, _) = cell["mean"], cell["sd"], cell["n"]
    for i, label in enumerate(cell["labels"]):
        if np.isnan(lo[i]) or np.isnan(hi[i]):
            continue
        problems += scale_problems(m[i], dm[i], s[i], ds[i], n[i], lo[i], hi[i],
                                   mean_name=f"the mean {show(m[i], dm[i])} of {label}",
                                   sd_name=f"the SD {show(s[i], ds[i])} of {label}")
    return problems

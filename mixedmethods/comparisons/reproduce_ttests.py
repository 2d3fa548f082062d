"""Which two-group t-test did a paper print?  Re-run a printed table from its means and SDs."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError
from ._reproduce import (
    EDGE, cannot_be, each_row, intersect, join_tests, labelled_rows, p_range_fits, p_text, range_fits,
    read_printed, runs, scale_problems, show, show_p, verdict,
)

__all__ = ["reproduce_ttests", "TTEST_VARIANTS"]

#: The variants tried, in order of plausibility: (name, equal variances, tails).
TTEST_VARIANTS = (("student", True, 2), ("welch", False, 2), ("student_one_sided", True, 1),
                  ("welch_one_sided", False, 1))
_NUMBERS = ("mean1", "sd1", "n1", "mean2", "sd2", "n2", "t", "df", "p", "d", "scale_min", "scale_max",
            "n_total")
_REQUIRED = ("mean1", "sd1", "mean2", "sd2")
_OUT = ["n1", "n2", "student_t", "student_df", "student_p", "welch_t", "welch_df", "welch_p", "cohen_d",
        "matched_test", "consistent", "verdict"]


@returns_result_table
def reproduce_ttests(printed, *, alpha=0.05):
    """Which two-group t-test reproduces each printed comparison, and which printed numbers cannot be true.

    Each printed mean and SD stands for its rounding interval, so the t, df,
    p and d they allow form ranges; a variant of the test *matches* when every
    printed number (t, df, p, d) lies within reach, each within its own
    rounding, and p is computed from a t and df that also print as printed.

    Parameters
    ----------
    printed : pandas.DataFrame
        One row per comparison, numbers as printed (strings keep their
        decimals: ``"2.30"``).  Required columns ``mean1, sd1, mean2, sd2``;
        ``n1, n2`` (blank or absent when the paper gives none); any of ``t``
        (its sign is ignored: papers order groups freely), ``df``, ``p``
        (``".013"``, ``"< .001"``, ``"= .05"``, ``"ns"``), ``d`` (Cohen's d,
        Hedges' g or d with the average SD, compared as absolute values);
        optional ``scale_min, scale_max`` (whole-number answers: GRIM, GRIMMER
        and SD bounds are then checked) and ``n_total`` (the most participants
        who can have answered, used when ``n1, n2`` are missing).  Other
        columns (a label such as ``comparison`` or ``dv``) are kept in front.
    alpha : float
        The level ``"ns"`` is read against.

    Returns
    -------
    pandas.DataFrame
        One row per comparison: the label columns, ``n1``, ``n2`` (as printed;
        NaN when missing), ``student_t``, ``student_df``, ``student_p``,
        ``welch_t``, ``welch_df``, ``welch_p`` (recomputed from the printed
        means and SDs; NaN when the ns are missing), ``cohen_d``,
        ``matched_test`` (every variant of :data:`TTEST_VARIANTS` that reaches
        all printed numbers, comma-separated in order of plausibility; empty
        when none does), ``consistent`` (all printed numbers can be true
        together, including GRIM, GRIMMER and the SD bounds where a scale is
        given) and ``verdict`` (each number that cannot be true and what it
        should have been).

    Notes
    -----
    ``t = (mean1 - mean2) / se`` is monotone in the difference and in each SD,
    so the reachable t lie between the corners of the box of rounded values
    (:func:`mixedmethods.audit.t_range`); p is computed at the ends of the t
    and df ranges that are both reachable and print as printed.  Where ``n1``
    and ``n2`` are missing, every split of the totals the df allows (up to
    ``n_total``) is tried, with :func:`mixedmethods.audit.feasible_group_sizes`
    when a scale is given.  The Mexico City study (``mixedmethods reproduce
    mexico-omi``) is this function's worked example.

    Examples
    --------
    >>> import pandas as pd
    >>> printed = pd.DataFrame({"comparison": ["item 1"], "mean1": ["2.78"], "sd1": ["2.30"], "n1": ["61"],
    ...                         "mean2": ["1.5"], "sd2": ["2.14"], "n2": ["34"], "t": ["2.66"], "df": ["93"],
    ...                         "p": [".009"]})
    >>> res = reproduce_ttests(printed)
    >>> res.loc[0, "matched_test"], bool(res.loc[0, "consistent"])
    ('student', True)
    """
    v = _read(printed)
    rows = [_one_row(one, alpha) for one in each_row(v)]
    return labelled_rows(printed, rows, _NUMBERS, _OUT)


def _read(printed):
    """Every printed number as ``(values, decimals)`` arrays, validated (:func:`read_printed` and the ns, scale)."""
    v = read_printed(printed, _NUMBERS, _REQUIRED, "reproduce_ttests (and any of n1, n2, t, df, p, d)")
    index = list(printed.index)
    for name in ("n1", "n2", "n_total"):
        n = v[name][0]
        bad = np.flatnonzero(~np.isnan(n) & ((n < 2) | (n != np.round(n))))
        if bad.size:
            raise InputError(f"{name} = {n[bad[0]]:g} in row {index[bad[0]]!r}; a group size is a whole number >= 2.")
    has_min, has_max = ~np.isnan(v["scale_min"][0]), ~np.isnan(v["scale_max"][0])
    bad = np.flatnonzero((has_min != has_max) | (has_min & (v["scale_min"][0] >= np.nan_to_num(v["scale_max"][0]))))
    if bad.size:
        raise InputError(f"row {index[bad[0]]!r}: give both scale_min and scale_max, with scale_min < scale_max.")
    return v


def _p_range(t_lo, t_hi, df_lo, df_hi, tails):
    """The p values of |t| in [t_lo, t_hi] on df in [df_lo, df_hi] (p falls with |t| and with df)."""
    from scipy import special

    if not (t_lo <= t_hi + EDGE and df_lo <= df_hi + EDGE):
        return np.nan, np.nan
    sf = lambda t, df: special.stdtr(df, -max(t, 0.0))  # noqa: E731  (upper tail of |t|)
    return tails * sf(t_hi, df_hi), min(1.0, tails * sf(t_lo, max(df_lo, EDGE)))


def _reach(one):
    """At printed n1, n2: per test the |t| range, df range and point values; d ranges."""
    from ..audit import t_range
    from .two_groups import compare_summary

    (m1, dm1), (s1, ds1), (m2, dm2), (s2, ds2) = (one[k] for k in ("mean1", "sd1", "mean2", "sd2"))
    n1, n2 = int(one["n1"][0]), int(one["n2"][0])
    r = t_range(m1, s1, n1, m2, s2, n2, decimals_mean1=dm1, decimals_sd1=ds1, decimals_mean2=dm2,
                decimals_sd2=ds2).iloc[0]
    point = compare_summary(m1, s1, n1, m2, s2, n2).set_index("test")
    out = {}
    for test in ("student", "welch"):
        lo, hi = r[f"{test}_t_low"], r[f"{test}_t_high"]
        a_lo = lo if lo > 0 else (-hi if hi < 0 else 0.0)
        df = (n1 + n2 - 2, n1 + n2 - 2) if test == "student" else (r["welch_df_low"], r["welch_df_high"])
        out[test] = {"t": (a_lo, max(abs(lo), abs(hi))), "df": df, "t_point": point.loc[test, "t"],
                     "df_point": point.loc[test, "df"], "p_point": point.loc[test, "p"], "signed": (lo, hi)}
    # |d| (pooled SD, Hedges' g, average-SD d) at the corners of the box of rounded means and SDs
    corners = [(a, b) for a in _interval(s1, ds1) for b in _interval(s2, ds2)]
    d_lo, d_hi = _interval(m1, dm1)[0] - _interval(m2, dm2)[1], _interval(m1, dm1)[1] - _interval(m2, dm2)[0]
    diff = (d_lo if d_lo > 0 else (-d_hi if d_hi < 0 else 0.0), max(abs(d_lo), abs(d_hi)))
    from .effect_sizes import hedges_correction

    j = float(hedges_correction(n1 + n2 - 2))
    scales = {"d": [], "d_av": []}
    for a, b in corners:
        scales["d"].append(np.sqrt(((n1 - 1) * a**2 + (n2 - 1) * b**2) / (n1 + n2 - 2)))
        scales["d_av"].append(np.sqrt((a**2 + b**2) / 2))
    d = {}
    for name, sds in scales.items():
        with np.errstate(divide="ignore"):
            d[name] = (diff[0] / max(sds), diff[1] / min(sds) if min(sds) > 0 else np.inf)
    d["g"] = (d["d"][0] * j, d["d"][1] * j)
    out["d"] = d
    out["d_point"] = abs(point.loc["student", "cohen_d"])
    out["points"] = point
    return out


def _interval(value, decimals):
    half = 0.5 * 10.0 ** -int(decimals)
    return value - half, value + half


def _group_problems(one):
    """GRIM, GRIMMER and SD-bound problems of each group at its printed n on the printed scale."""
    problems = []
    lo, hi = one["scale_min"][0], one["scale_max"][0]
    if np.isnan(lo) or np.isnan(one["n1"][0]) or np.isnan(one["n2"][0]):
        return problems
    for g in ("1", "2"):
        (mean, dm), (sd, ds), n = one[f"mean{g}"], one[f"sd{g}"], int(one[f"n{g}"][0])
        problems += scale_problems(mean, dm, sd, ds, n, lo, hi, mean_name=f"mean{g} = {show(mean, dm)}",
                                   sd_name=f"sd{g} = {show(sd, ds)}")
    return problems


def _one_row(one, alpha):
    """The output row of one printed comparison."""
    if np.isnan(one["n1"][0]) or np.isnan(one["n2"][0]):
        return _without_ns(one, alpha)
    reach = _reach(one)
    (t, dt), (df, ddf), (d, dd) = one["t"], one["df"], one["d"]
    p_cmp, p_val, p_dec = one["p"]
    d_fits = bool(np.isnan(d) or any(range_fits(lo, hi, abs(d), dd) for lo, hi in reach["d"].values()))
    fits = {}
    for name, equal_var, tails in TTEST_VARIANTS:
        test = reach["student" if equal_var else "welch"]
        t_ok = bool(range_fits(*test["t"], abs(t), dt))
        df_ok = bool(range_fits(*test["df"], df, ddf))
        t_eff = intersect(*test["t"], abs(t), dt)
        df_eff = intersect(*test["df"], df, ddf)
        p_lo, p_hi = _p_range(*t_eff, *df_eff, tails)
        p_ok = bool(p_cmp == "" or (not np.isnan(p_lo) and p_range_fits(p_lo, p_hi, p_cmp, p_val, p_dec, alpha=alpha)))
        fits[name] = {"t": t_ok, "df": df_ok, "p": p_ok, "d": d_fits}
    matched = join_tests(n for n, f in fits.items() if all(f.values()))
    group = _group_problems(one)
    problems = [] if matched else _test_problems(one, reach, fits, alpha)
    pts = reach["points"]
    return {
        "n1": one["n1"][0], "n2": one["n2"][0],
        "student_t": pts.loc["student", "t"], "student_df": pts.loc["student", "df"],
        "student_p": pts.loc["student", "p"], "welch_t": pts.loc["welch", "t"],
        "welch_df": pts.loc["welch", "df"], "welch_p": pts.loc["welch", "p"],
        "cohen_d": pts.loc["student", "cohen_d"], "matched_test": matched,
        "consistent": bool(matched) and not group, "verdict": verdict(problems + group, matched),
    }


def _test_problems(one, reach, fits, alpha):
    """What cannot be true on the variant that fits most printed numbers (ties: the more plausible)."""
    from scipy import special

    # A printed df points to a row of SPSS's table (fractional: Welch; whole: Student), as in the Mexico
    # study; without a df, the variant that reaches the most printed numbers is described.
    welch_row = one["df"][1] > 0
    row = (lambda name: ("welch" in name) == welch_row) if not np.isnan(one["df"][0]) else (lambda name: True)
    best = max(fits, key=lambda name: (row(name), sum(fits[name].values()), -list(fits).index(name)))
    f = fits[best]
    test = reach["welch" if "welch" in best else "student"]
    tails = 1 if best.endswith("one_sided") else 2
    (t, dt), (df, ddf), (d, dd) = one["t"], one["df"], one["d"]
    n1, n2 = int(one["n1"][0]), int(one["n2"][0])
    label = best.replace("_", " ").replace("one sided", "(one-sided)").capitalize()
    problems = []
    if not f["df"]:
        should = (f"{test['df'][0]:g} (Student, n1 + n2 − 2 with n1 = {n1}, n2 = {n2})" if "student" in best else
                  f"{test['df'][0]:.1f} to {test['df'][1]:.1f} (Welch, from the rounded SDs at n1 = {n1}, n2 = {n2})")
        problems.append(cannot_be("df", show(df, ddf), should))
    if not f["t"]:
        lo, hi = test["signed"]
        sign = -1 if t < 0 else 1
        point, (lo, hi) = (test["t_point"], (lo, hi)) if sign * test["t_point"] >= 0 else (-test["t_point"], (-hi, -lo))
        problems.append(cannot_be("t", show(t, dt), f"{show(point, dt)} ({label}; {show(lo, dt)} to {show(hi, dt)} "
                                  "within the rounding of the means and SDs)"))
    if not f["p"]:
        printed_p = {"=": "p = ", "<": "p < ", ">": "p > ", "ns": "p "}[one["p"][0]] + (
            "ns" if one["p"][0] == "ns" else show_p(one["p"][1], one["p"][2]))
        if not np.isnan(t) and not np.isnan(df):
            p_of_printed = tails * special.stdtr(df, -abs(t))
            basis = f"t({show(df, ddf)}) = {show(t, dt)} gives {p_text(p_of_printed)}"
        else:
            p_of_printed = test["p_point"] / (2 / tails)
            basis = f"the means and SDs give {p_text(p_of_printed)} ({label})"
        hint = (f", perhaps meant as p < {show_p(one['p'][1], one['p'][2])}"
                if one["p"][0] == "=" and one["p"][1] in (0.05, 0.01, 0.001) and p_of_printed < one["p"][1] else "")
        problems.append(f"{printed_p} cannot be true: {basis}{hint}")
    if not f["d"]:
        (lo, hi) = reach["d"]["d"]
        problems.append(cannot_be("d", show(d, dd), f"{show(reach['d_point'], dd)} (Cohen's d with the pooled SD; "
                                  f"{show(lo, dd)} to {show(hi, dd)} within rounding; Hedges' g and the average-SD d "
                                  "do not reach it either)"))
    return problems


def _without_ns(one, alpha):
    """A comparison whose group sizes were not printed: which splits fit the printed df and t."""
    from scipy import special

    (t, dt), (df, ddf), n_total = one["t"], one["df"], one["n_total"][0]
    blank = {k: np.nan for k in _OUT}
    blank.update(matched_test="", n1=np.nan, n2=np.nan)
    if np.isnan(t) or np.isnan(df):
        blank.update(consistent=None, verdict="Cannot be checked: without n1 and n2 both t and df must be printed.")
        return blank
    df_lo = max(int(np.floor(df - 0.5 * 10.0 ** -ddf)), 2)
    last = int(n_total) if not np.isnan(n_total) else (int(round(df)) + 2 if ddf == 0 else 2 * (df_lo + 2))
    first = int(round(df)) + 2 if ddf == 0 else 4
    splits = _fitting_splits(one, (min(first, last), last))
    p_cmp, p_val, p_dec = one["p"]
    p_problem = []
    names = []
    for name, equal_var, tails in TTEST_VARIANTS:
        if not splits[equal_var]:
            continue
        t_iv = (abs(t) - 0.5 * 10.0 ** -dt, abs(t) + 0.5 * 10.0 ** -dt)
        df_iv = (df - 0.5 * 10.0 ** -ddf, df + 0.5 * 10.0 ** -ddf)
        p_lo, p_hi = _p_range(*t_iv, *df_iv, tails)
        if p_cmp == "" or p_range_fits(p_lo, p_hi, p_cmp, p_val, p_dec, alpha=alpha):
            names.append(name)
    found = sorted(set(splits[True]) | set(splits[False]))
    where = f"totals {first}–{last}" if first != last else f"a total of {last}"
    if not found:
        problems = [f"n1 and n2 are not printed, and no split of {where} reaches the printed t and df"
                    + (" with means and SDs of whole-number answers on the scale" if not np.isnan(one["scale_min"][0])
                       else "")]
    else:
        pairs = "; ".join(f"{label} {_pairs(splits[equal_var])}" for equal_var, label in
                          ((True, "Student"), (False, "Welch")) if splits[equal_var])
        problems = []
        if not names:
            p_of = 2 * special.stdtr(df, -abs(t))
            p_problem = [f"p {'' if p_cmp == 'ns' else p_cmp + ' '}{'ns' if p_cmp == 'ns' else show_p(p_val, p_dec)} "
                         f"cannot be true: t({show(df, ddf)}) = {show(t, dt)} gives {p_text(p_of)}"]
    text = verdict(problems + p_problem, join_tests(names))
    if found:
        text += f" n1 and n2 are not printed; {len(found)} split(s) of {where} fit the printed t and df: {pairs}."
    blank.update(matched_test=join_tests(names), consistent=bool(names), verdict=text)
    return blank


def _pairs(splits, most=8):
    """'(23, 72), (63, 32)' for a few splits, else the runs of n1 and of n2."""
    if len(splits) <= most:
        return ", ".join(f"({a}, {b})" for a, b in splits)
    return f"n1 {runs(a for a, _ in splits)}; n2 {runs(b for _, b in splits)}"


def _fitting_splits(one, totals):
    """``{True: [(n1, n2), ...] (Student fits), False: [...] (Welch fits)}`` over every split of ``totals``."""
    from ..audit import feasible_group_sizes, t_range

    (m1, dm1), (s1, ds1), (m2, dm2), (s2, ds2) = (one[k] for k in ("mean1", "sd1", "mean2", "sd2"))
    (t, dt), (df, ddf) = one["t"], one["df"]
    decimals = dict(decimals_mean1=dm1, decimals_sd1=ds1, decimals_mean2=dm2, decimals_sd2=ds2)
    if not np.isnan(one["scale_min"][0]):
        res = feasible_group_sizes(m1, s1, m2, s2, t=show(t, dt).replace("−", "-"), df=f"{df:.{ddf}f}", n_total=totals,
                                   scale_min=one["scale_min"][0], scale_max=one["scale_max"][0], **decimals)
        ok = res[res["feasible"]]
        return {True: [(a, b) for a, b, s in zip(ok["n1"], ok["n2"], ok["test"]) if "student" in s],
                False: [(a, b) for a, b, s in zip(ok["n1"], ok["n2"], ok["test"]) if "welch" in s]}
    pairs = np.array([(n1, total - n1) for total in range(totals[0], totals[1] + 1) for n1 in range(2, total - 1)])
    if not len(pairs):
        return {True: [], False: []}
    n1, n2 = pairs[:, 0], pairs[:, 1]
    r = t_range(m1, s1, n1, m2, s2, n2, **decimals)
    t_lo, t_hi = abs(t) - 0.5 * 10.0 ** -dt, abs(t) + 0.5 * 10.0 ** -dt
    df_lo, df_hi = df - 0.5 * 10.0 ** -ddf, df + 0.5 * 10.0 ** -ddf
    out = {}
    for equal_var, test in ((True, "student"), (False, "welch")):
        lo, hi = r[f"{test}_t_low"].to_numpy(), r[f"{test}_t_high"].to_numpy()
        a_lo = np.where(lo > 0, lo, np.where(hi < 0, -hi, 0.0))
        a_hi = np.maximum(np.abs(lo), np.abs(hi))
        t_ok = (a_lo <= t_hi + EDGE) & (a_hi >= t_lo - EDGE)
        if equal_var:
            df_ok = (n1 + n2 - 2 >= df_lo - EDGE) & (n1 + n2 - 2 <= df_hi + EDGE)
        else:
            df_ok = (r["welch_df_low"].to_numpy() <= df_hi + EDGE) & (r["welch_df_high"].to_numpy() >= df_lo - EDGE)
        out[equal_var] = [(int(a), int(b)) for a, b in pairs[t_ok & df_ok]]
    return out

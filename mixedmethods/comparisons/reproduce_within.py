"""Which paired or one-sample test did a paper print?  Re-run a pre/post or one-sample table from its summaries.

Each printed number stands for its rounding interval.  The reachable t, df,
p and d of each variant of the test form ranges; a variant *matches* when
every printed number lies within reach.  Papers rarely print the correlation
between the two occasions of a pre/post design, which the paired t needs, so
:func:`reproduce_paired` says which correlation the printed t implies and
whether it can be true.
"""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError
from ._reproduce import (
    EDGE, cannot_be, each_row, intersect, join_tests, labelled_rows, p_range_fits, p_text, range_fits, read_printed,
    show, show_p, verdict,
)

__all__ = ["reproduce_paired", "reproduce_one_sample", "PAIRED_VARIANTS", "ONE_SAMPLE_VARIANTS"]

#: Variants tried for a pre/post comparison, in order of plausibility.  ``student`` and ``welch`` are the
#: independent-groups tests (df 2n − 2 or Welch's): a paper that printed one of them ignored the pairing.
PAIRED_VARIANTS = ("paired", "paired_one_sided", "student", "welch")
#: Variants tried for a one-sample comparison, in order of plausibility.
ONE_SAMPLE_VARIANTS = ("one_sample", "one_sample_one_sided")

_PAIRED_NUMBERS = ("mean_before", "sd_before", "mean_after", "sd_after", "n", "mean_diff", "sd_diff", "r", "t", "df",
                   "p", "d")
_ONE_NUMBERS = ("mean", "sd", "n", "mu", "t", "df", "p", "d")
_GRID = 41  # points per SD interval where r is not monotone in the SDs


def _half(decimals):
    return 0.5 * 10.0 ** -np.asarray(decimals, dtype=float)


def _abs_range(lo, hi):
    """The range of |x| for x in [lo, hi]."""
    return (lo if lo > 0 else (-hi if hi < 0 else 0.0)), max(abs(lo), abs(hi))


def _p_range(t_lo, t_hi, df_lo, df_hi, tails):
    """p of |t| in [t_lo, t_hi] on df in [df_lo, df_hi] (p falls with |t| and with df); NaN when empty."""
    from scipy import special

    if not (t_lo <= t_hi + EDGE and df_lo <= df_hi + EDGE):
        return np.nan, np.nan
    return (tails * special.stdtr(df_hi, -max(t_hi, 0.0)),
            min(1.0, tails * special.stdtr(max(df_lo, EDGE), -max(t_lo, 0.0))))


def _read(printed, numbers, required, function):
    """The printed numbers, checked (see :func:`read_printed`), and n >= 2, |r| <= 1."""
    v = read_printed(printed, numbers, required, function)
    index = list(printed.index)
    n = v["n"][0]
    bad = np.flatnonzero((n < 2) | (n != np.round(n)))
    if bad.size:
        raise InputError(f"n = {n[bad[0]]:g} in row {index[bad[0]]!r}; n is a whole number >= 2.")
    if "r" in v:
        bad = np.flatnonzero(np.abs(v["r"][0]) > 1)
        if bad.size:
            raise InputError(f"r = {v['r'][0][bad[0]]:g} in row {index[bad[0]]!r}; a correlation lies in [-1, 1].")
    return v


def _fits(one, variants, d_ranges, alpha):
    """{variant: {"t", "df", "p", "d": bool}} for variants {name: ((t_lo, t_hi), (df_lo, df_hi), tails)}."""
    (t, dt), (df, ddf), (d, dd) = one["t"], one["df"], one["d"]
    p_cmp, p_val, p_dec = one["p"]
    d_ok = bool(np.isnan(d) or any(range_fits(lo, hi, abs(d), dd) for lo, hi in d_ranges.values()))
    fits = {}
    for name, (t_iv, df_iv, tails) in variants.items():
        t_eff = intersect(*t_iv, abs(t), dt)
        df_eff = intersect(*df_iv, df, ddf)
        p_lo, p_hi = _p_range(float(t_eff[0]), float(t_eff[1]), float(df_eff[0]), float(df_eff[1]), tails)
        fits[name] = {
            "t": bool(range_fits(*t_iv, abs(t), dt)), "df": bool(range_fits(*df_iv, df, ddf)),
            "p": bool(p_cmp == "" or (not np.isnan(p_lo) and p_range_fits(p_lo, p_hi, p_cmp, p_val, p_dec,
                                                                            alpha=alpha))),
            "d": d_ok,
        }
    return fits


def _problems(one, variants, fits, d_ranges, best, label):
    """What cannot be true on variant ``best`` (``label`` names it in the verdict)."""
    from scipy import special

    (t, dt), (df, ddf), (d, dd) = one["t"], one["df"], one["d"]
    f = fits[best]
    t_iv, df_iv, tails = variants[best]
    problems = []
    if not f["df"]:
        should = show(df_iv[0], 0) if df_iv[0] == df_iv[1] else f"{df_iv[0]:.1f} to {df_iv[1]:.1f}"
        problems.append(cannot_be("df", show(df, ddf), f"{should} ({label})"))
    if not f["t"]:
        hi = "∞" if not np.isfinite(t_iv[1]) else show(t_iv[1], dt)
        problems.append(cannot_be("t", show(t, dt), f"{show(t_iv[0], dt)} to {hi} in absolute value ({label}, "
                                  "within the rounding of the printed summaries)"))
    if not f["p"]:
        cmp_, val, dec = one["p"]
        printed_p = "p ns" if cmp_ == "ns" else f"p {cmp_} {show_p(val, dec)}"
        if not np.isnan(t):
            use_df = df if not np.isnan(df) else df_iv[0]
            basis = f"t({show(use_df, ddf)}) = {show(t, dt)} gives {p_text(tails * special.stdtr(use_df, -abs(t)))}"
        else:
            p_lo, p_hi = _p_range(*t_iv, *df_iv, tails)
            basis = (f"the summaries give {p_text(p_lo)} ({label})" if p_text(p_lo) == p_text(p_hi) else
                     f"the summaries allow {p_text(p_lo)} to {show_p(p_hi)} ({label})")
        problems.append(f"{printed_p} cannot be true: {basis}")
    if not f["d"]:
        reach = "; ".join(f"{name} {show(lo, dd)} to {show(hi, dd) if np.isfinite(hi) else '∞'}"
                          for name, (lo, hi) in d_ranges.items())
        problems.append(cannot_be("d", show(d, dd), f"within reach of one of: {reach}"))
    return problems


def _best(fits, one, expected_df):
    """The variant to describe: the one the printed df points to, else the one reaching most numbers."""
    df, ddf = one["df"]

    def points_to(name):
        if np.isnan(df) or name not in expected_df:
            return False
        lo, hi = expected_df[name]
        return bool(range_fits(lo, hi, df, ddf))

    return max(fits, key=lambda name: (points_to(name), sum(fits[name].values()), -list(fits).index(name)))


# ---------------------------------------------------------------- one-sample


@returns_result_table
def reproduce_one_sample(printed, *, alpha=0.05):
    """Which one-sample t-test reproduces each printed comparison, and which printed numbers cannot be true.

    Parameters
    ----------
    printed : pandas.DataFrame
        One row per comparison, numbers as printed (strings keep their
        decimals).  Required columns ``mean, sd, n``; ``mu`` (the reference
        value, taken as exact; 0 when absent or blank); any of ``t`` (sign
        ignored), ``df``, ``p`` (``".013"``, ``"< .001"``, ``"ns"``) and ``d``
        (Cohen's d = (mean − mu) / sd, compared in absolute value).  Other
        columns (a label such as ``comparison``) are kept in front.
    alpha : float
        The level ``"ns"`` is read against.

    Returns
    -------
    pandas.DataFrame
        The label columns, then ``t``, ``df``, ``p``, ``cohen_d`` recomputed
        from the printed mean, SD and n (two-sided p), ``matched_test``
        (the variants of :data:`ONE_SAMPLE_VARIANTS` that reach every printed
        number, comma-separated; empty when none does), ``consistent`` and
        ``verdict`` (each printed number that cannot be true and what it
        should have been).

    Notes
    -----
    ``|t| = |mean − mu| sqrt(n) / sd`` grows with ``|mean − mu|`` and falls
    with ``sd``, so its reachable range comes from the ends of their rounding
    intervals; df must be ``n − 1``; p is computed at the ends of the
    reachable |t| that also print as the printed t.

    Examples
    --------
    >>> import pandas as pd
    >>> printed = pd.DataFrame({"item": ["height"], "mean": ["65.0"], "sd": ["4.47"], "n": ["15"],
    ...                         "mu": ["64"], "t": ["0.87"], "df": ["14"], "p": [".04"]})
    >>> res = reproduce_one_sample(printed)
    >>> res.loc[0, "verdict"]
    'p = .04 cannot be true: t(14) = 0.87 gives p = .399.'
    """
    v = _read(printed, _ONE_NUMBERS, ("mean", "sd", "n"), "reproduce_one_sample")
    rows = [_one_sample_row(one, alpha) for one in each_row(v)]
    return labelled_rows(printed, rows, _ONE_NUMBERS,
                     ["t", "df", "p", "cohen_d", "matched_test", "consistent", "verdict"])


def _one_sample_row(one, alpha):
    from scipy import special

    (m, dm), (s, ds), n = one["mean"], one["sd"], one["n"][0]
    mu = 0.0 if np.isnan(one["mu"][0]) else one["mu"][0]
    a_lo, a_hi = _abs_range(m - _half(dm) - mu, m + _half(dm) - mu)
    s_lo, s_hi = max(s - _half(ds), 0.0), s + _half(ds)
    with np.errstate(divide="ignore"):
        t_iv = (a_lo * np.sqrt(n) / s_hi, a_hi * np.sqrt(n) / s_lo if s_lo > 0 else np.inf)
        d_iv = (a_lo / s_hi, a_hi / s_lo if s_lo > 0 else np.inf)
        t_point = (m - mu) * np.sqrt(n) / s
    variants = {"one_sample": (t_iv, (n - 1, n - 1), 2), "one_sample_one_sided": (t_iv, (n - 1, n - 1), 1)}
    d_ranges = {"Cohen's d": d_iv}
    fits = _fits(one, variants, d_ranges, alpha)
    matched = join_tests(name for name, f in fits.items() if all(f.values()))
    p_point = 2 * special.stdtr(n - 1, -abs(t_point))
    problems = [] if matched else _problems(
        one, variants, fits, d_ranges, _best(fits, one, {}), "one-sample t, n − 1 df")
    return {"t": t_point, "df": n - 1, "p": p_point, "cohen_d": (m - mu) / s, "matched_test": matched,
            "consistent": bool(matched), "verdict": verdict(problems, matched)}


# ---------------------------------------------------------------- paired


@returns_result_table
def reproduce_paired(printed, *, alpha=0.05):
    """Which pre/post test reproduces each printed comparison, which r the printed t implies, and what cannot be true.

    Parameters
    ----------
    printed : pandas.DataFrame
        One row per comparison, numbers as printed (strings keep their
        decimals).  Required columns ``mean_before, sd_before, mean_after,
        sd_after, n`` (n = number of pairs); any of ``mean_diff`` and
        ``sd_diff`` (mean and SD of the differences, as SPSS's paired table
        prints them), ``r`` (correlation of the occasions, rarely printed),
        ``t`` (its sign is compared with the means only in the verdict's
        notes), ``df``, ``p``
        (``".013"``, ``"< .001"``, ``"ns"``) and ``d`` (compared in absolute
        value with d_z, d_av and the pooled-SD d).  Other columns are kept in
        front.
    alpha : float
        The level ``"ns"`` is read against.

    Returns
    -------
    pandas.DataFrame
        The label columns, then ``mean_diff`` (after − before), ``r_implied``
        (the r the printed t implies at the printed summaries; the printed r
        when given), ``r_implied_low``, ``r_implied_high`` (its range within
        the rounding of every printed number), ``t``, ``df``, ``p`` (the
        paired test at that r; NaN without t or r), ``matched_test`` (the
        variants of :data:`PAIRED_VARIANTS` that reach every printed number;
        empty when none does), ``consistent`` and ``verdict``.

    Notes
    -----
    ``sd_diff² = sd_before² + sd_after² − 2 r sd_before sd_after`` and
    ``t = mean_diff sqrt(n) / sd_diff``.  Without a printed r the paired t
    can be anything from its value at r = −1 upwards (r → 1 makes it as large
    as the SDs allow), so the printed t is checked through the r it implies:
    an implied r outside [−1, 1] means the printed numbers cannot all be true;
    a negative one is possible but unusual for repeated measures.  The range
    of r is found on a grid of 41 values across each SD's rounding interval
    (r is not monotone in the SDs) and the ends of the other intervals.
    ``student`` and ``welch`` are the independent-groups tests on the same
    summaries (t at r = 0; df 2n − 2 or Welch's): a paper that printed one of
    them treated the two occasions as independent groups.

    Examples
    --------
    R's ``sleep`` data as a paper would print them, with t(9) = 4.06:

    >>> import pandas as pd
    >>> printed = pd.DataFrame({"mean_before": ["0.75"], "sd_before": ["1.79"], "mean_after": ["2.33"],
    ...                         "sd_after": ["2.00"], "n": ["10"], "t": ["4.06"], "df": ["9"], "p": [".003"]})
    >>> res = reproduce_paired(printed)
    >>> res.loc[0, "matched_test"], round(float(res.loc[0, "r_implied"]), 2)
    ('paired', 0.79)
    """
    v = _read(printed, _PAIRED_NUMBERS, ("mean_before", "sd_before", "mean_after", "sd_after", "n"),
              "reproduce_paired")
    rows = [_paired_row(one, alpha) for one in each_row(v)]
    return labelled_rows(printed, rows, _PAIRED_NUMBERS,
                     ["mean_diff", "r_implied", "r_implied_low", "r_implied_high", "t", "df", "p",
                      "matched_test", "consistent", "verdict"])


def _interval(value, decimals):
    h = float(_half(decimals))
    return value - h, value + h


def _paired_row(one, alpha):
    from scipy import special

    (mb, dmb), (sb, dsb), (ma, dma), (sa, dsa) = (one[k] for k in ("mean_before", "sd_before", "mean_after",
                                                                    "sd_after"))
    n = one["n"][0]
    (r, dr), (t, dt) = one["r"], one["t"]
    (md, dmd), (sdd, dsdd) = one["mean_diff"], one["sd_diff"]
    diff = ma - mb
    (ma_lo, ma_hi), (mb_lo, mb_hi) = _interval(ma, dma), _interval(mb, dmb)
    a_lo, a_hi = _abs_range(ma_lo - mb_hi, ma_hi - mb_lo)
    early = []
    if not np.isnan(md):
        if not range_fits(a_lo, a_hi, abs(md), dmd):
            early.append(cannot_be("mean_diff", show(md, dmd), f"{show(diff, max(dma, dmb))} (after − before; "
                                   f"{show(a_lo, dmd)} to {show(a_hi, dmd)} in absolute value within rounding)"))
        else:
            a_lo, a_hi = (float(x) for x in intersect(a_lo, a_hi, abs(md), dmd))
    sb_grid = np.linspace(max(_interval(sb, dsb)[0], 0.0), _interval(sb, dsb)[1], _GRID)[:, None]
    sa_grid = np.linspace(max(_interval(sa, dsa)[0], 0.0), _interval(sa, dsa)[1], _GRID)[None, :]
    r_iv = (-1.0, 1.0) if np.isnan(r) else tuple(np.clip(_interval(r, dr), -1.0, 1.0))

    def abs_t(a, rho, pick):
        with np.errstate(divide="ignore", invalid="ignore"):
            var = np.maximum(sb_grid**2 + sa_grid**2 - 2 * rho * sb_grid * sa_grid, 0.0)
            values = np.where(var > 0, a * np.sqrt(n) / np.sqrt(var), np.where(a > 0, np.inf, 0.0))
        return float(pick(values))

    paired_t = (abs_t(a_lo, r_iv[0], np.min), abs_t(a_hi, r_iv[1], np.max))
    if not np.isnan(sdd):  # the printed SD of the differences fixes the paired t up to rounding
        s_lo, s_hi = max(_interval(sdd, dsdd)[0], 0.0), _interval(sdd, dsdd)[1]
        with np.errstate(divide="ignore"):
            paired_t = (a_lo * np.sqrt(n) / s_hi, a_hi * np.sqrt(n) / s_lo if s_lo > 0 else np.inf)
        low_sd, high_sd = np.abs(sb_grid - sa_grid).min(), (sb_grid + sa_grid).max()
        if s_hi < low_sd - EDGE or s_lo > high_sd + EDGE:
            early.append(cannot_be("sd_diff", show(sdd, dsdd),
                                   f"between {show(low_sd, dsdd)} and {show(high_sd, dsdd)} "
                                   "(|sd_before − sd_after| to sd_before + sd_after: r from 1 to −1)"))
    independent_t = (abs_t(a_lo, 0.0, np.min), abs_t(a_hi, 0.0, np.max))
    welch_df = _welch_df_range(_interval(sb, dsb), _interval(sa, dsa), n)
    variants = {
        "paired": (paired_t, (n - 1, n - 1), 2), "paired_one_sided": (paired_t, (n - 1, n - 1), 1),
        "student": (independent_t, (2 * n - 2, 2 * n - 2), 2), "welch": (independent_t, welch_df, 2),
    }
    mean_sd = (sb_grid + sa_grid) / 2
    pooled = np.sqrt((sb_grid**2 + sa_grid**2) / 2)
    with np.errstate(divide="ignore"):
        d_ranges = {
            "d_z": (paired_t[0] / np.sqrt(n), paired_t[1] / np.sqrt(n)),
            "d_av": (a_lo / mean_sd.max(), a_hi / mean_sd.min() if mean_sd.min() > 0 else np.inf),
            "pooled-SD d": (a_lo / pooled.max(), a_hi / pooled.min() if pooled.min() > 0 else np.inf),
        }
    if not np.isnan(t):  # the printed t narrows the paired d_z to its own rounding
        t_lo, t_hi = _interval(abs(t), dt)
        d_ranges["d_z"] = (max(d_ranges["d_z"][0], t_lo / np.sqrt(n)), min(d_ranges["d_z"][1], t_hi / np.sqrt(n)))
    fits = _fits(one, variants, d_ranges, alpha)
    matched = join_tests(name for name, f in fits.items() if all(f.values()))

    # the r the printed t implies (or the printed r), at the printed values and within rounding
    r_point, r_lo, r_hi = (r, *r_iv) if not np.isnan(r) else (np.nan, np.nan, np.nan)
    notes = []
    if np.isnan(r) and not np.isnan(sdd):
        r_point, r_lo, r_hi = _r_from_sd_diff(sb, sa, sb_grid, sa_grid, sdd, dsdd)
        notes.append(_r_note(r_point, r_lo, r_hi, f"the printed SD of the differences ({show(sdd, dsdd)})"))
    elif np.isnan(r) and not np.isnan(t) and t != 0:
        r_point, r_lo, r_hi = _implied_r(a_lo, a_hi, diff, sb, sa, sb_grid, sa_grid, n, t, dt)
        notes.append(_r_note(r_point, r_lo, r_hi, f"the printed t = {show(abs(t), dt)}"))
    if not np.isnan(t) and t * diff < 0:
        notes.append(f"the printed t is negative although the mean {'rose' if diff > 0 else 'fell'} "
                     f"(after − before = {show(diff, max(dma, dmb))}): its sign follows before − after; check that "
                     "every row of the table uses the same direction")
    t_point = df_point = p_point = np.nan
    if not np.isnan(r_point) and abs(r_point) <= 1:
        sd_diff = np.sqrt(max(sb**2 + sa**2 - 2 * r_point * sb * sa, 0.0))
        if sd_diff > 0:
            t_point, df_point = diff * np.sqrt(n) / sd_diff, n - 1
            p_point = 2 * special.stdtr(df_point, -abs(t_point))
    problems = []
    if not matched:
        expected = {"paired": (n - 1, n - 1), "paired_one_sided": (n - 1, n - 1),
                    "student": (2 * n - 2, 2 * n - 2), "welch": welch_df}
        best = _best(fits, one, expected)
        labels = {"paired": "paired t, n − 1 df", "paired_one_sided": "one-sided paired t, n − 1 df",
                  "student": "independent-groups t, 2n − 2 df", "welch": "Welch's independent-groups t"}
        problems = _problems(one, variants, fits, d_ranges, best, labels[best])
    impossible = [note for note in notes if "cannot be" in note]
    notes = [note for note in notes if "cannot be" not in note]
    if impossible or early:
        matched, problems = "", early + problems + impossible
    text = verdict(problems, matched)
    if matched and not matched.startswith("paired"):
        text += (" The printed t and df are those of an independent-groups test: the pairing of the two "
                 "occasions was ignored.")
    for note in notes:
        text += " " + note[0].upper() + note[1:] + "."
    return {"mean_diff": diff, "r_implied": r_point, "r_implied_low": r_lo, "r_implied_high": r_hi,
            "t": t_point, "df": df_point, "p": p_point, "matched_test": matched,
            "consistent": bool(matched), "verdict": text}


def _implied_r(a_lo, a_hi, diff, sb, sa, sb_grid, sa_grid, n, t, dt):
    """r implied by the printed |t|: at the printed values, and its range within every rounding interval."""
    t_lo, t_hi = _interval(abs(t), dt)
    t_lo = max(t_lo, 1e-300)
    with np.errstate(divide="ignore", invalid="ignore"):
        point = (sb**2 + sa**2 - diff**2 * n / t**2) / (2 * sb * sa)
        values = [(sb_grid**2 + sa_grid**2 - (a * np.sqrt(n) / tt) ** 2) / (2 * sb_grid * sa_grid)
                  for a in (a_lo, a_hi) for tt in (t_lo, t_hi)]
    stacked = np.stack(values)
    return float(point), float(np.nanmin(stacked)), float(np.nanmax(stacked))


def _r_from_sd_diff(sb, sa, sb_grid, sa_grid, sdd, dsdd):
    """r implied by a printed SD of the differences: at the printed values and within rounding."""
    lo_hi = [(sb_grid**2 + sa_grid**2 - s**2) / (2 * sb_grid * sa_grid) for s in _interval(sdd, dsdd)]
    with np.errstate(divide="ignore", invalid="ignore"):
        point = (sb**2 + sa**2 - sdd**2) / (2 * sb * sa)
        stacked = np.stack(lo_hi)
    return float(point), float(np.nanmin(stacked)), float(np.nanmax(stacked))


def _r_note(point, lo, hi, source):
    where = f"{source} implies r = {show(point)} between the occasions ({show(lo)} to {show(hi)} within rounding)"
    if lo > 1 + EDGE or hi < -1 - EDGE:
        return f"{where}, which cannot be: a correlation lies in [−1, 1], so a printed number is wrong"
    if hi < 0:
        return f"{where}: possible, but a negative correlation between two occasions is unusual"
    if lo < 0:
        return f"{where}: possible, but r near zero or below is unusual for repeated measures"
    return f"{where}: plausible"


def _welch_df_range(sb_iv, sa_iv, n):
    """Welch df with equal n over the SD box: (n − 1)(1 + q)² / (1 + q²), q = sb²/sa², largest at q = 1."""
    sb_lo, sa_lo = max(sb_iv[0], 1e-12), max(sa_iv[0], 1e-12)
    q_lo, q_hi = sb_lo**2 / sa_iv[1] ** 2, sb_iv[1] ** 2 / sa_lo**2
    f = lambda q: (n - 1) * (1 + q) ** 2 / (1 + q**2)  # noqa: E731
    ends = [f(q_lo), f(q_hi)]
    top = 2 * (n - 1) if q_lo <= 1 <= q_hi else max(ends)
    return min(ends), top

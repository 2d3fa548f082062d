"""Group sizes of a two-group comparison: which t and df are reachable, which splits fit."""
from __future__ import annotations

import numpy as np

from .._formulas import standard_errors
from .._printed import rounding_interval
from .._tables import returns_result_table
from .._validation import InputError
from ._arrays import (
    DV_DOC, EDGE, broadcast_shape, counts, fill_doc, int_scalar, printed_rows, printed_scalar, row_index,
)
from .._limits import Deadline
from ._totals import each_total
from .grimmer import grimmer_table
from .sd_bounds import sd_bounds

__all__ = ["t_range", "feasible_group_sizes"]

#: Most splits :func:`feasible_group_sizes` tries (about 1 KB and 10-40 µs a split).
MOST_SPLITS = 1_000_000
#: Group sizes checked at a time (GRIMMER and the SD bounds try 15 totals each).
_SIZES_AT_ONCE = 1 << 16


@returns_result_table
@fill_doc(dv=DV_DOC)
def t_range(mean1, sd1, n1, mean2, sd2, n2, *, decimals_mean1=2, decimals_sd1=2,
            decimals_mean2=2, decimals_sd2=2, dv=None):
    """The t statistics (and Welch df) reachable when means and SDs are known to their printed decimals.

    Each printed mean and SD stands for its rounding interval; the group
    sizes are taken as exact.  ``t = (mean1 - mean2) / se`` is monotone in the
    difference and in each SD, so the extremes lie at the corners of the box.

    Parameters
    ----------
    mean1, sd1, mean2, sd2 : str, float or array-like
        Printed summaries.  Strings keep the decimals they were printed with;
        numbers take the ``decimals_*`` argument of the same name.
    n1, n2 : int or array-like
        The group sizes assumed.
    decimals_mean1, decimals_sd1, decimals_mean2, decimals_sd2 : int or array-like
        Decimals of each summary given as numbers (a number with more
        decimals than stated is an error).
    %(dv)s

    Returns
    -------
    pandas.DataFrame
        One row per comparison: ``n1``, ``n2``, ``student_t_low``,
        ``student_t_high``, ``welch_t_low``, ``welch_t_high``,
        ``welch_df_low``, ``welch_df_high``.

    Examples
    --------
    >>> r = t_range("2.78", "2.30", 61, "1.5", "2.14", 34, dv="item 1")
    >>> r[["student_t_low", "student_t_high"]].round(3)
            student_t_low  student_t_high
    item 1          2.544           2.785
    """
    import pandas as pd

    shape = broadcast_shape(mean1=mean1, sd1=sd1, n1=n1, mean2=mean2, sd2=sd2, n2=n2,
                            decimals_mean1=decimals_mean1, decimals_sd1=decimals_sd1,
                            decimals_mean2=decimals_mean2, decimals_sd2=decimals_sd2)
    m1, dm1 = printed_rows("mean1", mean1, decimals_mean1, "decimals_mean1", shape)
    s1, ds1 = printed_rows("sd1", sd1, decimals_sd1, "decimals_sd1", shape)
    m2, dm2 = printed_rows("mean2", mean2, decimals_mean2, "decimals_mean2", shape)
    s2, ds2 = printed_rows("sd2", sd2, decimals_sd2, "decimals_sd2", shape)
    index = row_index(dv, m1.size, mean1, sd1, n1, mean2, sd2, n2)
    n1, n2 = (np.broadcast_to(counts(name, n, minimum=2), shape).ravel() for name, n in (("n1", n1), ("n2", n2)))
    if np.any((s1 < 0) | (s2 < 0)):
        raise InputError("a standard deviation is negative; SDs must be >= 0.")
    m1_lo, m1_hi = rounding_interval(m1, dm1)
    m2_lo, m2_hi = rounding_interval(m2, dm2)
    s1_lo, s1_hi = rounding_interval(s1, ds1)
    s2_lo, s2_hi = rounding_interval(s2, ds2)
    s1_lo, s2_lo = np.maximum(s1_lo, 0), np.maximum(s2_lo, 0)
    diff_lo, diff_hi = m1_lo - m2_hi, m1_hi - m2_lo

    def extremes(se_small, se_large):
        with np.errstate(divide="ignore"):
            low = np.where(diff_lo > 0, diff_lo / se_large, diff_lo / se_small)
            high = np.where(diff_hi > 0, diff_hi / se_small, diff_hi / se_large)
        return low, high

    # (Student SE, Student df, Welch SE, Welch df) at the smallest and at the largest SDs
    small = standard_errors(s1_lo**2, n1, s2_lo**2, n2)
    large = standard_errors(s1_hi**2, n1, s2_hi**2, n2)
    st_lo, st_hi = extremes(small[0], large[0])
    we_lo, we_hi = extremes(small[2], large[2])
    # The Welch df depends on the SDs only through r = (sd1²/n1) / (sd2²/n2):
    # df(r) = (r + 1)² / (r²/(n1 - 1) + 1/(n2 - 1)), which rises to its maximum
    # at r* = (n1 - 1)/(n2 - 1) and falls after.  Over the box of SDs r runs
    # through [r_min, r_max], so the minimum is at an end and the maximum at r*
    # when r* is inside.
    def welch_df(r):
        return (r + 1) ** 2 / (r**2 / (n1 - 1) + 1 / (n2 - 1))

    with np.errstate(divide="ignore", invalid="ignore"):
        r_min = (s1_lo**2 / n1) / (s2_hi**2 / n2)
        r_max = (s1_hi**2 / n1) / (s2_lo**2 / n2)
        r_star = (n1 - 1) / (n2 - 1)
        ends = np.stack([welch_df(r_min), np.where(np.isinf(r_max), n1 - 1, welch_df(r_max))])
        df_low = np.nanmin(ends, axis=0)
        df_high = np.where((r_min <= r_star) & (r_star <= r_max), n1 + n2 - 2, np.nanmax(ends, axis=0))
    return pd.DataFrame(
        {
            "n1": n1.astype(np.int64), "n2": n2.astype(np.int64),
            "student_t_low": st_lo, "student_t_high": st_hi,
            "welch_t_low": we_lo, "welch_t_high": we_hi,
            "welch_df_low": df_low, "welch_df_high": df_high,
        },
        index=index,
    )


@returns_result_table
def feasible_group_sizes(mean1, sd1, mean2, sd2, *, t, df, n_total, scale_min, scale_max,
                         decimals_mean1=2, decimals_sd1=2, decimals_mean2=2, decimals_sd2=2,
                         decimals_t=2, decimals_df=2, equal_var=None, items=1, n_min=2, max_seconds=60.0):
    """Which splits (n1, n2) of the participants fit a reported two-group comparison.

    Every split of every total in ``n_total`` is tried against each
    constraint: GRIM and GRIMMER for each group's mean and SD, the SD bounds
    of the scale, the printed df (Student: ``n1 + n2 - 2``; Welch: the range
    of Welch df the rounded SDs allow), and the printed t within rounding
    (the range :func:`t_range` gives).

    Parameters
    ----------
    mean1, sd1, mean2, sd2 : str or float
        The groups' printed means and SDs.  Strings (``"1.0"``, ``".84"``)
        keep the decimals they were printed with; numbers take
        ``decimals_mean1`` ... ``decimals_sd2``.
    t, df : str or float
        The printed t and df.  Give strings (``"2.50"``, ``"75.9"``, ``"88"``)
        so that their decimals are known; numbers take ``decimals_t`` and
        ``decimals_df``.  The sign of t is ignored (papers order groups freely).
    n_total : int or (int, int)
        The total sample size, or the lowest and highest totals to try.
    scale_min, scale_max : int
        Lowest and highest possible answer.
    decimals_mean1, decimals_sd1, decimals_mean2, decimals_sd2, decimals_t, decimals_df : int
        Decimals of each value given as a number (2 by default; a number with
        more decimals than stated is an error).
    equal_var : bool, optional
        True: only Student's test; False: only Welch's; None (default): a
        split fits if either test fits.
    items : int
        Items averaged into each score.
    n_min : int
        Smallest group size tried.
    max_seconds : float
        Time limit (60 s by default).  Reached, it raises an ``InputError``
        naming it rather than return splits it has not checked.  At most
        1,000,000 splits are tried (an ``InputError`` says so before any
        memory is taken; each takes about 1 KB); 100,000 took 1.2 to 5.8 s
        when measured (quiet and loaded).

    Returns
    -------
    pandas.DataFrame
        One row per split: ``n_total``, ``n1``, ``n2``, ``grim1``, ``grim2``,
        ``grimmer1``, ``grimmer2``, ``sd_bounds1``, ``sd_bounds2`` (each True
        when that check passes), ``df_fits``, ``t_fits`` (for some allowed
        test), ``test`` (the tests for which both df and t fit, e.g.
        ``"student"``, ``"welch"``, ``"student, welch"`` or ``""``),
        ``feasible`` (every check passes) and ``reason`` (what rules the
        split out; empty when feasible).

    Examples
    --------
    >>> res = feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88", n_total=(89, 95),
    ...                            scale_min=0, scale_max=5)
    >>> res.loc[res["feasible"], ["n_total", "n1", "n2", "test"]]
         n_total  n1  n2     test
    131       90  47  43  student
    383       93  35  58    welch
    >>> print(res.loc[0, "reason"])
    GRIM fails for mean1 with n1 = 2; df 88 does not fit (Student df = 87, Welch df 1.1 to 1.1)
    """
    import pandas as pd

    given = {"mean1": (mean1, decimals_mean1), "sd1": (sd1, decimals_sd1), "mean2": (mean2, decimals_mean2),
             "sd2": (sd2, decimals_sd2), "t": (t, decimals_t), "df": (df, decimals_df)}
    printed = {name: printed_scalar(name, value, decimals, f"decimals_{name}")
               for name, (value, decimals) in given.items()}
    if printed["df"][0] <= 0:
        raise InputError(f"df = {printed['df'][0]:g}; degrees of freedom must be positive.")
    if equal_var not in (None, True, False):
        raise InputError(f"equal_var={equal_var!r} is not understood; use True, False or None.")
    deadline = Deadline(max_seconds)
    total, n1, n2, n_min, last = _splits(n_total, n_min)
    # GRIM, GRIMMER and the SD bounds of a group depend on its own n only:
    # compute them once per possible n and look each split's groups up.
    sizes = np.arange(n_min, last - n_min + 1)
    scale_ = (scale_min, scale_max)
    g1 = _group_checks(printed["mean1"], printed["sd1"], sizes, n1 - n_min, scale_, items, deadline)
    g2 = _group_checks(printed["mean2"], printed["sd2"], sizes, n2 - n_min, scale_, items, deadline)
    fits = _test_fits(printed, n1, n2, equal_var)
    feasible = (g1["grim"] & g2["grim"] & g1["grimmer"] & g2["grimmer"] & g1["sd_bounds"] & g2["sd_bounds"]
                & (fits["student"] | fits["welch"]))
    tests = np.where(fits["student"] & fits["welch"], "student, welch",
                     np.where(fits["student"], "student", np.where(fits["welch"], "welch", "")))
    return pd.DataFrame(
        {
            "n_total": total, "n1": n1, "n2": n2, "grim1": g1["grim"], "grim2": g2["grim"],
            "grimmer1": g1["grimmer"], "grimmer2": g2["grimmer"], "sd_bounds1": g1["sd_bounds"],
            "sd_bounds2": g2["sd_bounds"], "df_fits": fits["df"], "t_fits": fits["t"], "test": tests,
            "feasible": feasible, "reason": _split_reasons(n1, n2, g1, g2, fits, printed, deadline),
        }
    )


def _splits(n_total, n_min):
    """Every (total, n1, n2) to try, the smallest group size and the largest total.

    Refuses, before allocating them, more than :data:`MOST_SPLITS` splits.
    """
    if isinstance(n_total, (tuple, list, range)):
        bounds = list(n_total)
        if len(bounds) != 2 and not isinstance(n_total, range):
            raise InputError("n_total must be a whole number or a (lowest, highest) pair.")
        first, last = (min(bounds), max(bounds))
    else:
        first = last = int_scalar("n_total", n_total, minimum=2)
    first, last = int_scalar("n_total", first, minimum=2), int_scalar("n_total", last, minimum=2)
    n_min = int_scalar("n_min", n_min, minimum=2)
    totals = np.arange(first, last + 1, dtype=np.int64)
    per_total = np.maximum(totals - 2 * n_min + 1, 0)
    if per_total.sum() == 0:
        raise InputError(f"n_total {first}..{last} cannot be split into two groups of at least {n_min}.")
    if per_total.sum() > MOST_SPLITS:
        raise InputError(
            f"n_total {first}..{last} with groups of at least {n_min} gives {int(per_total.sum()):,} splits, "
            f"more than the {MOST_SPLITS:,} feasible_group_sizes tries (about 1 KB of memory each): "
            "give a narrower n_total range or a larger n_min.")
    which, n1 = each_total(np.full(totals.size, n_min), totals - n_min)
    total = totals[which]
    return total, n1, total - n1, n_min, last


def _group_checks(mean, sd, sizes, at, scale_, items, deadline):
    """GRIM, GRIMMER and SD bounds of one group at each of ``sizes``, looked up at positions ``at``.

    ``mean`` and ``sd`` are ``(value, decimals)``.  Returns a dict of arrays:
    ``grim``, ``grimmer``, ``sd_bounds`` (the SD lies within the bounds),
    ``bounded`` (the mean has SD bounds at all), ``sd_min``, ``sd_max``.
    """
    (mean, decimals_mean), (sd, decimals_sd) = mean, sd
    lo, hi = rounding_interval(sd, decimals_sd)
    parts = []
    for start in range(0, sizes.size, _SIZES_AT_ONCE):   # memory: a chunk of sizes at a time
        deadline.check(f"feasible_group_sizes ({at.size:,} splits)")
        chunk = sizes[start:start + _SIZES_AT_ONCE]
        checked = grimmer_table(mean, sd, chunk, items, decimals_mean, decimals_sd, None, deadline)
        bounds = sd_bounds(mean, chunk, scale_min=scale_[0], scale_max=scale_[1], items=items,
                           decimals=decimals_mean)
        parts.append({
            "grim": checked["grim_consistent"].to_numpy(), "grimmer": checked["consistent"].to_numpy(),
            "sd_bounds": ((bounds["sd_min"] <= hi + EDGE) & (bounds["sd_max"] >= lo - EDGE)).to_numpy(),
            "bounded": bounds["consistent"].to_numpy(),
            "sd_min": bounds["sd_min"].to_numpy(), "sd_max": bounds["sd_max"].to_numpy(),
        })
    return {key: np.concatenate([p[key] for p in parts])[at] for key in parts[0]}


def _abs_range(low, high):
    """The range of |x| for x in [low, high]."""
    low, high = np.asarray(low), np.asarray(high)
    a_lo = np.where(low > 0, low, np.where(high < 0, -high, 0.0))
    a_hi = np.maximum(np.abs(low), np.abs(high))
    return a_lo, a_hi


def _test_fits(printed, n1, n2, equal_var):
    """Which splits' Student and Welch tests reach the printed t and df (within rounding).

    Returns a dict of arrays: ``student`` and ``welch`` (both df and t fit,
    for an allowed test), ``df`` and ``t`` (each fits some allowed test),
    and the reachable ranges for the reasons: ``student_t``, ``welch_t``
    (|t| low, high) and ``welch_df`` (low, high).
    """
    (mean1, dm1), (sd1, ds1), (mean2, dm2), (sd2, ds2) = (printed[k] for k in ("mean1", "sd1", "mean2", "sd2"))
    r = t_range(mean1, sd1, n1, mean2, sd2, n2, decimals_mean1=dm1, decimals_sd1=ds1,
                decimals_mean2=dm2, decimals_sd2=ds2)
    t_lo, t_hi = rounding_interval(abs(printed["t"][0]), printed["t"][1])
    df_lo, df_hi = rounding_interval(*printed["df"])
    s_lo, s_hi = _abs_range(r["student_t_low"], r["student_t_high"])
    w_lo, w_hi = _abs_range(r["welch_t_low"], r["welch_t_high"])
    student_t = (s_lo <= t_hi + EDGE) & (s_hi >= t_lo - EDGE)
    welch_t = (w_lo <= t_hi + EDGE) & (w_hi >= t_lo - EDGE)
    student_df = (n1 + n2 - 2 >= df_lo - EDGE) & (n1 + n2 - 2 <= df_hi + EDGE)
    wdf_lo, wdf_hi = r["welch_df_low"].to_numpy(), r["welch_df_high"].to_numpy()
    welch_df = (wdf_lo <= df_hi + EDGE) & (wdf_hi >= df_lo - EDGE)
    use_student = equal_var in (None, True)
    use_welch = equal_var in (None, False)
    return {
        "student": use_student & student_df & student_t, "welch": use_welch & welch_df & welch_t,
        "df": (use_student & student_df) | (use_welch & welch_df),
        "t": (use_student & student_t) | (use_welch & welch_t),
        "student_t": (s_lo, s_hi), "welch_t": (w_lo, w_hi), "welch_df": (wdf_lo, wdf_hi),
    }


def _split_reasons(n1, n2, g1, g2, fits, printed, deadline):
    """What rules each split out ('' when it is feasible).

    Built clause by clause over the splits each clause concerns (formatted
    from Python scalars, which is fast), in the order GRIM, GRIMMER, SD
    bounds, df, t.
    """
    (t_value, t_dec), df_value = printed["t"], printed["df"][0]
    (s_lo, s_hi), (w_lo, w_hi), (wdf_lo, wdf_hi) = fits["student_t"], fits["welch_t"], fits["welch_df"]
    reasons = np.full(n1.size, "", dtype=object)

    def add(mask, texts):
        where = np.flatnonzero(mask)
        if where.size:
            deadline.check(f"feasible_group_sizes ({n1.size:,} splits)")
            new = np.array(texts(where), dtype=object)
            old = reasons[where]
            reasons[where] = np.where(old == "", new, old + "; " + new)

    def values(array, where):
        return np.asarray(array)[where].tolist()

    groups = ((1, g1, n1), (2, g2, n2))
    for j, g, n in groups:
        add(~g["grim"], lambda w, j=j, n=n: [f"GRIM fails for mean{j} with n{j} = {v}" for v in values(n, w)])
    for j, g, n in groups:
        add(g["grim"] & ~g["grimmer"],
            lambda w, j=j, n=n: [f"GRIMMER fails for sd{j} with n{j} = {v}" for v in values(n, w)])
    for j, g, _ in groups:
        add(~g["sd_bounds"] & g["bounded"],
            lambda w, j=j, g=g: [f"sd{j} is outside the SD bounds {lo:.3f} to {hi:.3f}"
                                 for lo, hi in zip(values(g["sd_min"], w), values(g["sd_max"], w))])
    add(~fits["df"], lambda w: [
        f"df {df_value:g} does not fit (Student df = {df}, Welch df {lo:.1f} to {hi:.1f})"
        for df, lo, hi in zip(values(n1 + n2 - 2, w), values(wdf_lo, w), values(wdf_hi, w))])
    add(fits["df"] & ~(fits["student"] | fits["welch"]), lambda w: [
        f"|t| = {abs(t_value):.{t_dec}f} is out of reach (Student {a:.3f} to {b:.3f}, Welch {c:.3f} to {d:.3f})"
        for a, b, c, d in zip(values(s_lo, w), values(s_hi, w), values(w_lo, w), values(w_hi, w))])
    return reasons.tolist()

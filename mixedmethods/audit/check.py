"""statcheck-style recomputation: does each reported p fit its test statistic?"""
from __future__ import annotations

import numpy as np

from .._format import format_number
from .._tables import returns_result_table
from .._validation import InputError, check_columns, check_flag, check_probability
from ._patterns import text_argument
from .extract import EXTRACT_COLUMNS, MAX_DECIMALS, extract

__all__ = ["check", "CHECK_COLUMNS"]

#: Columns :func:`check` adds to those of :func:`extract`.
CHECK_COLUMNS = EXTRACT_COLUMNS + [
    "p_computed", "p_low", "p_high", "consistent", "decision_error", "one_tailed", "reason",
]
_TESTS = {"t", "F", "r", "chi2", "z", "Q"}


@returns_result_table
def check(text_or_extracted, *, alpha=0.05, p_equal_alpha_significant=True, p_zero_error=True,
          one_tailed="detect"):
    """Recompute the p value of every reported result and flag the ones that do not fit.

    Follows statcheck 1.4.0 (Nuijten & Epskamp) wherever statcheck reads a
    result.  The statistic's printed decimals give an interval (``2.53``
    means 2.525 to 2.535) and p is computed at both ends, ``p_low`` and
    ``p_high``:

    - ``p = x`` is inconsistent when ``x`` lies outside ``[p_low, p_high]``
      once both are rounded to the decimals ``x`` was printed with;
    - ``p < x`` is inconsistent when ``x < p_low``; ``p > x`` when ``x > p_high``;
    - ``ns`` is read as ``p > alpha``;
    - a statistic printed with ``<`` or ``>`` (``t(54) < 1``) bounds p on one
      side only;
    - ``p = 0`` (``p = .000``) is inconsistent: a p value is never 0
      (``p_zero_error=False`` reads it as any p that rounds to 0 instead);
    - a result :func:`extract` found but could not read (``readable``
      False: damaged text after the test's name) is flagged inconsistent
      with the reason "unreadable", never guessed.

    A decision error is an inconsistency where the reported p and the
    recomputed p fall on opposite sides of ``alpha``.

    Parameters
    ----------
    text_or_extracted : str or pandas.DataFrame
        Text to read with :func:`extract`, or its output (a DataFrame with at
        least ``test, df1, df2, statistic, p_comparison, p_reported,
        statistic_decimals, p_decimals``; ``statistic_comparison`` defaults
        to ``"="``, ``one_tailed_mentioned`` to False, ``readable`` to
        True).  Not modified.
    alpha : float
        Significance level for decision errors and ``ns``.
    p_equal_alpha_significant : bool
        Whether ``p = .05`` counts as significant at ``alpha = .05``
        (statcheck's ``pEqualAlphaSig``, default True).
    p_zero_error : bool
        Whether ``p = .000`` is an error whatever the statistic (statcheck's
        ``pZeroError``, default True: a p value is never 0 and should be
        printed as ``p < .001``).  With False, ``p = .000`` is consistent
        when the recomputed p rounds to 0 at the printed decimals (p <
        .0005), as statcheck does then.
    one_tailed : {"detect", True, False}
        ``"detect"`` (statcheck's ``OneTailedTxt = TRUE``): a t, z or r result
        inconsistent as two-tailed is accepted as one-tailed when its sentence
        says one-tailed, one-sided or directional (whole words; not
        "bidirectional" or "non-directional", and not a sentence that also
        names a two-tailed test) and the halved p fits.
        ``True``: every t, z and r test is one-tailed (``OneTailedTests``).
        ``False``: every test is two-tailed (statcheck's default).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`extract`, then ``p_computed`` (p of the printed
        statistic), ``p_low`` and ``p_high`` (p at the ends of its rounding
        interval), ``consistent``, ``decision_error``, ``one_tailed``
        (whether p was taken one-tailed) and ``reason`` (empty when
        consistent).

    Raises
    ------
    InputError
        When ``alpha`` is not in (0, 1), ``one_tailed`` is not understood, or
        a DataFrame lacks a required column.
    InputTypeError
        When the input is neither text nor a DataFrame.

    Notes
    -----
    Validated against R statcheck 1.4.0 on a corpus of 72 sentences and the
    Mexico City study (``tests/audit/test_check.py``).  Deliberate differences:

    1. More is read (see :func:`extract`): a minus followed by a space
       (statcheck drops "t(88) = − 2.12"), ``P``, thin or non-breaking
       spaces, ``χ²``, ``≤``/``≥``, a semicolon before p, spaces around ``=``
       beyond one.  These rows follow the same rules.
    2. Rows statcheck silently drops are kept and flagged inconsistent with a
       reason: ``p > 1``, ``|r| > 1``, a df of 0, a negative F or χ².  Rows
       that cannot be checked (a statistic that is not a finite number, an
       infinite df, missing decimals, a p below 1e-300, any row whose p
       cannot be computed) are never consistent: ``consistent`` is False
       and ``reason`` starts with "cannot check:".
    3. ``one_tailed="detect"`` looks at the result's own sentence, where
       statcheck looks at the whole text it was given; it reads whole words
       (statcheck 1.4.0 takes "bidirectional" and "non-directional" as
       one-tailed mentions) and a sentence that also names a two-tailed
       test is no one-tailed claim; it is the default here (statcheck's is
       off).
    4. A statistic printed as 0 (``t(20) = 0.00``) has the interval
       [0, 0.005]; statcheck takes ``-0.005`` to ``0.005`` as its low end and
       so never reaches p = 1.
    5. ``p = 2.1e-5`` is rounded to its significant digits (6 decimals here);
       statcheck counts only the mantissa's decimals.

    Examples
    --------
    >>> res = check("Women agreed more, t (93) = 2.53, p = .05; men less, t(88) = − 2.12, p = .05.")
    >>> res[["raw", "consistent", "decision_error"]]
                           raw  consistent  decision_error
    0   t (93) = 2.53, p = .05       False           False
    1  t(88) = − 2.12, p = .05       False           False
    >>> print(res.loc[0, "reason"])
    p = .05 reported, but t(93) = 2.53 gives p = .0131 (.0129 to .0133 within rounding, two-tailed)
    """
    table = _table(text_or_extracted)
    alpha = check_probability("alpha", alpha)
    p_zero_error = check_flag("p_zero_error", p_zero_error)
    p_equal_alpha_significant = check_flag("p_equal_alpha_significant", p_equal_alpha_significant)
    if not (isinstance(one_tailed, (bool, np.bool_)) or isinstance(one_tailed, str) and one_tailed == "detect"):
        raise InputError(f"one_tailed={one_tailed!r} is not understood; use 'detect', True or False.")
    rows = _rows(table, alpha)
    problems = _problems(rows, p_zero_error)
    symmetric = np.isin(rows["test"], ["t", "z", "r"])

    def evaluate(tail):
        return _evaluate(rows, tail, alpha, p_equal_alpha_significant, p_zero_error)

    if one_tailed is True or one_tailed is np.True_:
        tail = symmetric
        p_point, p_low, p_high, error, decision = evaluate(tail)
    else:
        tail = np.zeros(len(table), dtype=bool)
        p_point, p_low, p_high, error, decision = evaluate(tail)
        if one_tailed == "detect":
            one = evaluate(symmetric)
            switch = symmetric & rows["mentioned"] & error & ~one[3]
            tail = switch
            p_point, p_low, p_high, error, decision = (
                np.where(switch, b, a) for a, b in zip((p_point, p_low, p_high, error, decision), one)
            )
    problems = _uncomputed(rows, problems, (p_point, p_low, p_high))
    bad = np.array([bool(x) for x in problems], dtype=bool)
    error = error | bad
    decision = decision & ~bad
    out = table.copy()
    out["p_computed"] = np.where(bad & ~np.isfinite(p_point), np.nan, p_point)
    out["p_low"] = p_low
    out["p_high"] = p_high
    out["consistent"] = ~error
    out["decision_error"] = decision
    out["one_tailed"] = tail
    out["reason"] = _reasons(rows, problems, error, decision, tail, (p_point, p_low, p_high), alpha)
    return out.reset_index(drop=True)


def _table(text_or_extracted):
    """The results to check: :func:`extract` of a text, or a copy of an extracted DataFrame, completed."""
    import pandas as pd

    if isinstance(text_or_extracted, str):
        return extract(text_or_extracted)
    if not isinstance(text_or_extracted, pd.DataFrame):
        text_argument(text_or_extracted, "text_or_extracted")  # raises, saying what to pass
    check_columns(text_or_extracted,
                  ["test", "df1", "df2", "statistic", "p_comparison", "p_reported",
                   "statistic_decimals", "p_decimals"])
    table = text_or_extracted.copy()
    for column, default in (("statistic_comparison", "="), ("one_tailed_mentioned", False), ("raw", ""),
                            ("start", -1), ("end", -1), ("repairs", ""), ("readable", True)):
        if column not in table:
            table[column] = default
    if "test_label" not in table:
        table["test_label"] = table["test"]
    bad_tests = set(table["test"]) - _TESTS
    if bad_tests:
        raise InputError(f"test {sorted(map(str, bad_tests))[0]!r} is not one of t, F, r, chi2, z, Q.")
    bad_comp = set(table.loc[table["readable"].astype(bool), "p_comparison"]) - {"=", "<", ">", "ns"}
    if bad_comp:
        raise InputError(f"p_comparison {sorted(map(str, bad_comp))[0]!r} is not one of =, <, >, ns.")
    return table[EXTRACT_COLUMNS + [c for c in table.columns if c not in EXTRACT_COLUMNS]]


def _rows(table, alpha):
    """The columns :func:`check` works on, as arrays (``ns`` read as ``p > alpha``, as statcheck does)."""
    p_comp = table["p_comparison"].to_numpy(dtype=object).astype(str)
    p_rep = table["p_reported"].to_numpy(dtype=float, na_value=np.nan)
    ns = p_comp == "ns"
    p_dec = table["p_decimals"].to_numpy(dtype=float, na_value=np.nan)
    # p = 1e-99999 is read as 0.0: it stands for the smallest positive double, not for p = 0
    underflow = ~ns & (p_rep == 0) & (p_dec > 300)
    p_rep = np.where(underflow, np.nextafter(0.0, 1.0), p_rep)
    return {
        "test": table["test"].to_numpy(dtype=object).astype(str),
        "df1": table["df1"].to_numpy(dtype=float), "df2": table["df2"].to_numpy(dtype=float),
        "stat": table["statistic"].to_numpy(dtype=float),
        "s_dec": table["statistic_decimals"].to_numpy(dtype=float, na_value=np.nan),
        "readable": table["readable"].to_numpy(dtype=bool), "raw": table["raw"].to_numpy(dtype=object),
        "repairs": table["repairs"].to_numpy(dtype=object),
        "s_comp": table["statistic_comparison"].to_numpy(dtype=object).astype(str),
        "p_comp": p_comp, "p_rep": p_rep,
        "p_dec": p_dec, "underflow": underflow,
        "mentioned": table["one_tailed_mentioned"].to_numpy(dtype=bool),
        "ns": ns, "p_value": np.where(ns, alpha, p_rep), "p_cmp": np.where(ns, ">", p_comp),
    }


def _problems(rows, p_zero_error=True):
    """Why each row cannot be checked ('' when it can): such rows are flagged, never dropped."""
    test, df1, df2, stat, ns, p_rep = (rows[k] for k in ("test", "df1", "df2", "stat", "ns", "p_rep"))
    needs_df1 = np.isin(test, ["F", "chi2", "Q"])
    needs_df2 = np.isin(test, ["t", "r", "F"])
    problems = [""] * len(test)
    for i in range(len(test)):
        if not rows["readable"][i]:
            repairs = rows["repairs"][i]
            problems[i] = (f"unreadable: {rows['raw'][i]!r} is damaged after the degrees of freedom"
                           f"{' (' + repairs + ')' if repairs else ''}; check it by hand")
        elif not np.isfinite(stat[i]):
            problems[i] = f"cannot check: the statistic is {stat[i]:g}, not a finite number"
        elif needs_df1[i] and df1[i] == np.inf or needs_df2[i] and df2[i] == np.inf:
            problems[i] = "cannot check: the degrees of freedom are infinite"
        elif not rows["s_dec"][i] >= 0:
            problems[i] = "cannot check: the statistic's printed decimals (statistic_decimals) are missing"
        elif rows["p_cmp"][i] == "=" and not rows["p_dec"][i] >= -MAX_DECIMALS:
            problems[i] = "cannot check: the p value's printed decimals (p_decimals) are missing"
        elif needs_df1[i] and not df1[i] > 0 or needs_df2[i] and not df2[i] > 0:
            problems[i] = "degrees of freedom must be positive"
        elif test[i] == "r" and abs(stat[i]) > 1:
            problems[i] = f"r = {stat[i]:g} is outside [-1, 1]"
        elif test[i] in ("F", "chi2", "Q") and stat[i] < 0:
            problems[i] = f"{test[i]} = {stat[i]:g} is negative"
        elif not ns[i] and not 0 <= p_rep[i] <= 1:
            problems[i] = f"p = {p_rep[i]:g} is not a probability"
        elif not ns[i] and p_rep[i] == 0 and p_zero_error and not rows["underflow"][i]:
            problems[i] = "p is printed as 0, but a p value is never 0 (report it as p < .001)"
    return problems


def _uncomputed(rows, problems, p):
    """``problems`` with "cannot check" for each row whose p could not be computed (never consistent)."""
    finite = np.isfinite(p[0]) & np.isfinite(p[1]) & np.isfinite(p[2])
    out = list(problems)
    for i in np.flatnonzero(~finite):
        if not out[i]:
            out[i] = (f"cannot check: p cannot be computed from {rows['test'][i]} = {rows['stat'][i]:g} with "
                      f"df {rows['df1'][i]:g}, {rows['df2'][i]:g}")
    for i in np.flatnonzero(rows["underflow"] & (p[2] < 1e-300)):
        if not out[i]:
            out[i] = ("cannot check: p is printed smaller than 1e-300 and the statistic's p is too; no "
                      "double-precision number tells them apart")
    return out


def _evaluate(rows, tail, alpha, p_equal_alpha_significant, p_zero_error=True):
    """p at the printed statistic and at both ends of its rounding interval, errors and decision errors."""
    test, df1, df2, stat = rows["test"], rows["df1"], rows["df2"], rows["stat"]
    half = 0.5 * 10.0 ** (-rows["s_dec"])
    near = np.maximum(np.abs(stat) - half, 0.0)   # the end of the interval nearer 0: larger p
    far = np.abs(stat) + half                      # the end farther from 0: smaller p
    p_point = _p_from(test, stat, df1, df2, one_tailed=tail)
    p_high = _p_from(test, near, df1, df2, one_tailed=tail)
    p_low = _p_from(test, far, df1, df2, one_tailed=tail)
    p_dec = np.nan_to_num(rows["p_dec"])
    r_high, r_low = _round_to(p_high, p_dec), _round_to(p_low, p_dec)
    p_value, s_comp, p_cmp = rows["p_value"], rows["s_comp"], rows["p_cmp"]
    eq, lt, gt = s_comp == "=", s_comp == "<", s_comp == ">"
    pe, pl, pg = p_cmp == "=", p_cmp == "<", p_cmp == ">"
    with np.errstate(invalid="ignore"):
        error = (
            eq & pe & ((p_value > r_high) | (p_value < r_low))
            | eq & pl & (p_value < p_low)
            | eq & pg & (p_value > p_high)
            | lt & pe & (p_value < r_high)
            | lt & pl & (p_value < p_high)
            | gt & pe & (p_value > r_low)
            | gt & pg & (p_value > p_low)
        )
        flip = _flips(p_value, p_point, (eq, lt, gt), (pe, pl, pg), alpha, p_equal_alpha_significant)
    if p_zero_error:
        error = error | (~rows["ns"] & (rows["p_rep"] <= 0))
    return p_point, p_low, p_high, error, error & flip


def _flips(p_value, p_point, statistic_comparison, p_comparison, a, p_equal_alpha_significant):
    """Whether the reported and the recomputed p fall on opposite sides of alpha (``a``)."""
    (eq, lt, gt), (pe, pl, pg) = statistic_comparison, p_comparison
    if p_equal_alpha_significant:
        return (
            eq & pe & (((p_value <= a) & (p_point > a)) | ((p_value > a) & (p_point <= a)))
            | eq & pl & (p_value <= a) & (p_point > a)
            | eq & pg & (p_value >= a) & (p_point <= a)
            | lt & (pe | pl) & (p_value <= a) & (p_point >= a)
            | gt & pe & (p_value > a) & (p_point <= a)
            | gt & pg & (p_value >= a) & (p_point <= a)
        )
    return (
        eq & pe & (((p_value < a) & (p_point >= a)) | ((p_value >= a) & (p_point < a)))
        | eq & pl & (p_value <= a) & (p_point >= a)
        | eq & pg & (p_value >= a) & (p_point < a)
        | lt & pe & (p_value < a) & (p_point >= a)
        | lt & pl & (p_value <= a) & (p_point >= a)
        | gt & (pe | pg) & (p_value >= a) & (p_point <= a)
    )


def _reasons(rows, problems, error, decision, tail, p, alpha):
    """The reason of each row: its problem, '' when consistent, else what was printed and what fits."""
    p_point, p_low, p_high = p
    test, df1, df2 = rows["test"], rows["df1"], rows["df2"]
    symmetric = np.isin(test, ["t", "z", "r"])
    reasons = []
    for i in range(len(test)):
        if problems[i]:
            reasons.append(problems[i])
            continue
        if not error[i]:
            reasons.append("")
            continue
        shown_p = ("ns" if rows["ns"][i] else "p below 1e-300" if rows["underflow"][i]
                   else f"p {rows['p_comp'][i]} {_printed(rows['p_rep'][i], rows['p_dec'][i])}")
        df_text = {"t": f"({df2[i]:g})", "r": f"({df2[i]:g})", "F": f"({df1[i]:g}, {df2[i]:g})",
                   "chi2": f"({df1[i]:g})", "Q": f"({df1[i]:g})", "z": ""}[test[i]]
        statistic = format_number(rows["stat"][i], int(rows["s_dec"][i]))
        text = (f"{shown_p} reported, but {test[i]}{df_text} {rows['s_comp'][i]} {statistic} gives "
                f"p = {_fmt(p_point[i])} ({_fmt(p_low[i])} to {_fmt(p_high[i])} within rounding"
                f"{', two-tailed' if symmetric[i] and not tail[i] else ', one-tailed' if tail[i] else ''})")
        if decision[i]:
            text += f"; the decision at alpha = {alpha:g} flips"
        reasons.append(text)
    return reasons


def _round_to(values, decimals):
    """Round each value to its own number of decimals, correctly (like R's ``round``)."""
    return np.array([round(float(v), int(d)) if np.isfinite(v) else np.nan
                     for v, d in zip(values, decimals)], dtype=float)


def _p_from(test, statistic, df1, df2, *, one_tailed):
    """p of |statistic| (two-tailed for t, z and r unless ``one_tailed``), vectorised."""
    from scipy import stats

    x = np.abs(statistic)
    p = np.full(x.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        for name in np.unique(test):
            m = test == name
            if name == "t":
                p[m] = stats.t.sf(x[m], df2[m])
            elif name == "z":
                p[m] = stats.norm.sf(x[m])
            elif name == "r":
                r = np.minimum(x[m], 1.0)
                p[m] = stats.t.sf(r / np.sqrt((1 - r**2) / df2[m]), df2[m])
            elif name == "F":
                p[m] = stats.f.sf(x[m], df1[m], df2[m])
            else:  # chi2 and Q
                p[m] = stats.chi2.sf(x[m], df1[m])
    symmetric = np.isin(test, ["t", "z", "r"])
    return np.where(symmetric & ~one_tailed, np.minimum(2 * p, 1.0), p)


def _fmt(x):
    if not np.isfinite(x):
        return "nan"
    if x == 0:
        return "0"
    text = f"{x:.4f}" if x >= 1e-4 else f"{x:.1e}"
    return text[1:] if text.startswith("0.") else text


def _printed(value, decimals):
    """A p value as it was printed: ``.05`` for (0.05, 2)."""
    if not np.isfinite(decimals) or decimals > 8 or decimals < 0:
        return f"{value:g}"
    text = f"{value:.{int(decimals)}f}"
    return text[1:] if text.startswith("0.") else text

"""Audits of reported statistics: can the printed numbers all be true at once?

A printed number stands for an interval: ``2.78`` means anything in
``[2.775, 2.785]``.  The checks here ask whether some set of raw data could
produce every printed value, given those intervals.  All functions are
vectorised over array-likes and return tidy DataFrames with the reason when a
check fails.

- :func:`extract` and :func:`check` read APA-style results ("t(93) = 2.53,
  p = .05") from text and recompute p, with statcheck's rules;
- :func:`grim`, :func:`grimmer`, :func:`sd_bounds` and
  :func:`percent_counts` ask whether a mean, SD or percentage can come from
  whole-number answers of ``n`` people;
- :func:`sprite` builds samples that reproduce a mean and SD, or says why
  none can exist;
- :func:`t_range` and :func:`feasible_group_sizes` ask which group sizes fit
  a reported two-group comparison.
"""
from __future__ import annotations

import math

import numpy as np

from ._tables import returns_result_table
from ._validation import InputError, InputTypeError, check_columns, check_probability
from .comparisons import _format_number, _standard_errors

__all__ = [
    "extract", "check", "decimals_of", "rounding_interval", "percent_counts", "grim", "grimmer",
    "sd_bounds", "sprite", "count_samples", "t_range", "feasible_group_sizes",
]

# Tolerance for floating-point error at the edges of a rounding interval: a
# value exactly on the boundary (2.785 for 2.78) is accepted, since papers
# round half up and half to even alike.
_EDGE = 1e-9


def decimals_of(printed):
    """Number of decimals in a number as printed (``"2.30"`` → 2, ``".84"`` → 2, ``"1.5"`` → 1).

    Parameters
    ----------
    printed : str or array-like of str
        Numbers as they appear in the paper.  Floats are refused, because
        ``2.30`` and ``2.3`` are the same float but not the same print.

    Examples
    --------
    >>> decimals_of(["2.30", ".84", "1.5", "93", "−2.12"]).tolist()
    [2, 2, 1, 0, 2]
    """
    scalar = isinstance(printed, str)
    values = [printed] if scalar else list(np.asarray(printed, dtype=object).ravel())
    out = []
    for v in values:
        if not isinstance(v, str):
            raise InputTypeError(
                f"{v!r} is not text: give numbers as printed (strings) so that trailing zeros count."
            )
        text = v.strip().replace("−", "-")
        try:
            float(text)
        except ValueError:
            raise InputError(f"{v!r} is not a printed number.") from None
        out.append(len(text.split(".", 1)[1]) if "." in text else 0)
    return out[0] if scalar else np.array(out)


def rounding_interval(value, decimals):
    """The interval of true values that print as ``value`` with ``decimals`` decimals.

    Examples
    --------
    >>> lo, hi = rounding_interval(2.78, 2)
    >>> round(float(lo), 6), round(float(hi), 6)
    (2.775, 2.785)
    """
    value = np.asarray(value, dtype=float)
    half = 0.5 * 10.0 ** (-np.asarray(decimals, dtype=float))
    return value - half, value + half


def _numbers(name, values):
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be numbers, got {values!r}.") from None
    bad = np.flatnonzero(~np.isfinite(arr.ravel()))
    if bad.size:
        raise InputError(f"{name}[{bad[0]}] is {arr.ravel()[bad[0]]}; a finite number is required.")
    return arr


def _counts(name, values, minimum=1):
    arr = _numbers(name, values)
    flat = arr.ravel()
    bad = np.flatnonzero((flat < minimum) | (flat != np.round(flat)))
    if bad.size:
        raise InputError(f"{name}[{bad[0]}] = {flat[bad[0]]:g}; a whole number >= {minimum} is required.")
    return arr


@returns_result_table
def percent_counts(percent, n, decimals=1):
    """Which counts out of ``n`` print as ``percent`` with ``decimals`` decimals.

    Parameters
    ----------
    percent : float or array-like
        Percentages as printed (e.g. 64.2).
    n : int or array-like
        The denominator each percentage is said to be of.
    decimals : int or array-like
        Decimals the percentage was printed with.

    Returns
    -------
    pandas.DataFrame
        One row per percentage: ``percent``, ``n``, ``decimals``,
        ``count_low`` and ``count_high`` (the whole counts whose percentage
        rounds to the printed one; they form a run of integers), ``counts``
        (those counts as text), ``consistent`` (at least one count fits),
        ``nearest_count`` and ``nearest_percent`` (the closest count and
        the percentage it really gives), and ``reason`` (empty when
        consistent).

    Examples
    --------
    >>> res = percent_counts([64.2, 71.2], 95)
    >>> res[["percent", "counts", "consistent"]]
       percent counts  consistent
    0     64.2     61        True
    1     71.2              False
    >>> print(res.loc[1, "reason"])
    no count out of 95 gives 71.2%: 68/95 = 71.58%, 67/95 = 70.53%
    """
    import pandas as pd

    percent, n, decimals = np.broadcast_arrays(
        _numbers("percent", percent), _counts("n", n), _counts("decimals", decimals, minimum=0)
    )
    percent, n, decimals = (a.ravel() for a in (percent, n, decimals))
    if np.any((percent < 0) | (percent > 100)):
        i = np.flatnonzero((percent < 0) | (percent > 100))[0]
        raise InputError(f"percent[{i}] = {percent[i]:g} is not between 0 and 100.")
    lo, hi = rounding_interval(percent, decimals)
    count_low = np.maximum(np.ceil(lo * n / 100 - _EDGE), 0)
    count_high = np.minimum(np.floor(hi * n / 100 + _EDGE), n)
    consistent = count_low <= count_high
    nearest = np.clip(np.round(percent * n / 100), 0, n)
    nearest_percent = 100 * nearest / n
    below = np.clip(np.floor(percent * n / 100), 0, n)
    above = np.clip(below + 1, 0, n)
    counts, reasons = [], []
    for i in range(percent.size):  # text only; the arithmetic above is vectorised
        if consistent[i]:
            run = range(int(count_low[i]), int(count_high[i]) + 1)
            counts.append(", ".join(map(str, run)))
            reasons.append("")
        else:
            counts.append("")
            fmt = f"{{:.{int(decimals[i])}f}}"
            reasons.append(
                f"no count out of {int(n[i])} gives {fmt.format(percent[i])}%: "
                f"{int(above[i])}/{int(n[i])} = {100 * above[i] / n[i]:.2f}%, "
                f"{int(below[i])}/{int(n[i])} = {100 * below[i] / n[i]:.2f}%"
            )
    return pd.DataFrame(
        {
            "percent": percent, "n": n.astype(np.int64), "decimals": decimals.astype(np.int64),
            "count_low": np.where(consistent, count_low, np.nan),
            "count_high": np.where(consistent, count_high, np.nan),
            "counts": counts, "consistent": consistent,
            "nearest_count": nearest.astype(np.int64), "nearest_percent": nearest_percent,
            "reason": reasons,
        }
    )


@returns_result_table
def grim(mean, n, *, items=1, decimals=2):
    """GRIM test (Brown & Heathers 2016): can a mean of whole-number answers print like this?

    A mean of ``n`` answers on an integer scale, averaged over ``items``
    items, is a whole number divided by ``n × items``.  The printed mean is
    consistent when some whole-number total falls inside its rounding interval.

    Parameters
    ----------
    mean : float or array-like
        The printed means.
    n : int or array-like
        Sample sizes.
    items : int or array-like
        Number of items averaged into the score (1 for a single item).
    decimals : int or array-like
        Decimals the mean was printed with.

    Returns
    -------
    pandas.DataFrame
        One row per mean: ``mean``, ``n``, ``items``, ``decimals``,
        ``consistent``, ``testable`` (False when ``n × items >= 10**decimals``,
        where every printed mean is reachable and GRIM cannot fail),
        ``nearest_below`` and ``nearest_above`` (the closest reachable means
        on either side, unrounded), and ``reason`` (empty when consistent).

    Examples
    --------
    >>> res = grim([2.78, 2.79], 61)
    >>> res[["mean", "consistent"]]
       mean  consistent
    0  2.78       False
    1  2.79        True
    >>> print(res.loc[0, "reason"])
    2.78 is not a mean of 61 whole numbers: the nearest are 169/61 = 2.7705 and 170/61 = 2.7869
    """
    import pandas as pd

    mean, n, items, decimals = np.broadcast_arrays(
        _numbers("mean", mean), _counts("n", n), _counts("items", items),
        _counts("decimals", decimals, minimum=0),
    )
    mean, n, items, decimals = (a.ravel() for a in (mean, n, items, decimals))
    units = n * items
    total_low, total_high = _total_bounds(mean, units, decimals)
    consistent = total_low <= total_high
    testable = units < 10.0**decimals
    below = np.floor(mean * units)
    above = below + 1
    reasons = [
        ""
        if consistent[i]
        else (
            f"{mean[i]:.{int(decimals[i])}f} is not a mean of {int(units[i])} whole numbers: "
            f"the nearest are {int(below[i])}/{int(units[i])} = {below[i] / units[i]:.4f} and "
            f"{int(above[i])}/{int(units[i])} = {above[i] / units[i]:.4f}"
        )
        for i in range(mean.size)
    ]
    return pd.DataFrame(
        {
            "mean": mean, "n": n.astype(np.int64), "items": items.astype(np.int64),
            "decimals": decimals.astype(np.int64), "consistent": consistent, "testable": testable,
            "nearest_below": below / units, "nearest_above": above / units, "reason": reasons,
        }
    )


@returns_result_table
def t_range(mean1, sd1, n1, mean2, sd2, n2, *, decimals_mean1=2, decimals_sd1=2,
            decimals_mean2=2, decimals_sd2=2):
    """The t statistics (and Welch df) reachable when means and SDs are known to their printed decimals.

    Each printed mean and SD stands for its rounding interval; the group
    sizes are taken as exact.  ``t = (mean1 - mean2) / se`` is monotone in the
    difference and in each SD, so the extremes lie at the corners of the box.

    Parameters
    ----------
    mean1, sd1, n1, mean2, sd2, n2 : float or array-like
        Printed summaries and the group sizes assumed.
    decimals_mean1, decimals_sd1, decimals_mean2, decimals_sd2 : int or array-like
        Decimals each value was printed with (see :func:`decimals_of`).

    Returns
    -------
    pandas.DataFrame
        One row per comparison: ``n1``, ``n2``, ``student_t_low``,
        ``student_t_high``, ``welch_t_low``, ``welch_t_high``,
        ``welch_df_low``, ``welch_df_high``.

    Examples
    --------
    >>> r = t_range(2.78, 2.30, 61, 1.5, 2.14, 34, decimals_mean2=1)
    >>> r[["student_t_low", "student_t_high"]].round(3)
       student_t_low  student_t_high
    0          2.544           2.785
    """
    import pandas as pd

    m1, s1, m2, s2 = (_numbers(k, v) for k, v in
                      (("mean1", mean1), ("sd1", sd1), ("mean2", mean2), ("sd2", sd2)))
    n1, n2 = _counts("n1", n1, minimum=2), _counts("n2", n2, minimum=2)
    m1, s1, n1, m2, s2, n2, dm1, ds1, dm2, ds2 = (
        a.ravel().astype(float) for a in np.broadcast_arrays(
            m1, s1, n1, m2, s2, n2, decimals_mean1, decimals_sd1, decimals_mean2, decimals_sd2)
    )
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
    small = _standard_errors(s1_lo**2, n1, s2_lo**2, n2)
    large = _standard_errors(s1_hi**2, n1, s2_hi**2, n2)
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
        }
    )


# ---------------------------------------------------------------------------
# statcheck-style extraction and recomputation
# ---------------------------------------------------------------------------

#: Columns of :func:`extract`, in order.
EXTRACT_COLUMNS = [
    "test", "df1", "df2", "statistic", "p_comparison", "p_reported", "raw", "start", "end",
    "statistic_comparison", "statistic_decimals", "p_decimals", "one_tailed_mentioned",
]
#: Columns :func:`check` adds to those of :func:`extract`.
CHECK_COLUMNS = EXTRACT_COLUMNS + [
    "p_computed", "p_low", "p_high", "consistent", "decision_error", "one_tailed", "reason",
]

# One-for-one character replacements, so that offsets in the cleaned text are
# offsets in the original: minus signs and hyphens, exotic spaces, chi letters.
_CLEAN = str.maketrans(
    {
        **{c: "-" for c in "\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d"},
        **{c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                            "\u2009\u200a\u200b\u202f\u205f\u3000\t\r\f\v"},
        **{c: "χ" for c in "\u03a7\U0001d712\U0001d6d8"},
        "\u2264": "≤", "\u2265": "≥", "\ufe64": "<", "\ufe65": ">", "\uff1c": "<", "\uff1e": ">",
        "\uff1d": "=",
    }
)
_SP = r"\s{0,3}"
_DF = r"(?:\d+(?:\.\d+)?|\.\d+)"
_VALUE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_P_VALUE = r"(?:\d+(?:\.\d+)?|\.\d+)(?:[eE]-?\d+)?"
_HEAD = "|".join(
    [
        rf"(?P<t>t){_SP}\({_SP}(?P<t_df>{_DF}){_SP}\)",
        rf"(?P<r>r){_SP}\({_SP}(?P<r_df>{_DF}){_SP}\)",
        rf"(?P<F>F){_SP}\({_SP}(?P<F_df1>{_DF}|[Il]){_SP},{_SP}(?P<F_df2>{_DF}){_SP}\)",
        # χ2, χ², χ, chi2, chi-square(d), X2, x²; an optional "N = 89" after the df
        rf"(?P<chi2>χ\s?\^?\s?[2²]?|[Cc]hi\s?-?\s?(?:squared?|\^?\s?[2²])?|CHI\s?\^?[2²]?|[Xx]\s?\^?[2²])"
        rf"{_SP}\({_SP}(?P<chi2_df>{_DF})(?:{_SP},{_SP}[Nn]{_SP}={_SP}\d[\d,]*)?{_SP}\)",
        rf"(?P<Q>Q)\s?-?\s?(?:[wW]ithin|[bB]etween|[wWbB])?{_SP}\({_SP}(?P<Q_df>{_DF}){_SP}\)",
        r"(?P<z>[zZ])",
    ]
)
_RESULT = (
    rf"(?<![A-Za-z0-9_])(?:{_HEAD}){_SP}(?P<scomp>[=<>≤≥]){_SP}(?P<sign>[-+]?)\s{{0,2}}(?P<stat>{_VALUE})"
    rf"(?![\d.]\d){_SP}[,;]{_SP}"
    rf"(?:(?P<ns>n\.?s\.?)(?![A-Za-z])|[pP]{_SP}(?P<pcomp>[=<>≤≥]){_SP}(?P<p>{_P_VALUE})(?![\d.]\d))"
)
_SENTENCE_BREAK = r"(?<=[.!?])\s+(?=[A-Z“\"‘'])|\n\s*\n"
_ONE_TAILED = r"(?<![Nn]on-)(?<![Nn]on)(?:one[\s\-_]?(?:sided|tailed)|directional)"
_COMPARISON = {"=": "=", "<": "<", ">": ">", "≤": "<", "≥": ">"}
_regex_cache = {}


def _regex(name):
    import re

    if name not in _regex_cache:
        pattern = {"result": _RESULT, "sentence": _SENTENCE_BREAK, "one_tailed": _ONE_TAILED}[name]
        flags = re.IGNORECASE if name == "one_tailed" else 0
        _regex_cache[name] = re.compile(pattern, flags)
    return _regex_cache[name]


def _text_argument(text, name="text"):
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise InputTypeError(
            f"{name} is bytes; decode it first, e.g. data.decode('utf-8'), or pass the text of a "
            "PDF extracted with a tool such as pdftotext."
        )
    if not isinstance(text, str):
        raise InputTypeError(f"{name} must be a string of text, got {type(text).__name__}.")
    return text


@returns_result_table
def extract(text):
    """Every APA-style test result in ``text``: ``t(93) = 2.53, p = .05`` and its kin.

    Reads t, F, r, χ², z and Q results followed by a p value (``p = .05``,
    ``p < .001``, ``P = .049``) or ``ns``, written as papers print them:
    ``t (93)``, ``t(75.9)``, a Unicode minus with or without a space after it
    (``t(88) = − 2.12``), thin and non-breaking spaces, ``χ2(4, N = 89)``,
    ``χ²(2)``, ``F(1.85, 95.2)``, ``r(100) = −.35``, ``z = 2.45``, with or
    without a leading zero, and a comma or semicolon before the p value.

    Parameters
    ----------
    text : str
        The text to read (for example a PDF's extracted text).

    Returns
    -------
    pandas.DataFrame
        One row per result, in order of appearance:

        - ``test``: ``"t"``, ``"F"``, ``"r"``, ``"chi2"``, ``"z"`` or ``"Q"``;
        - ``df1``, ``df2``: degrees of freedom, as statcheck stores them (t and
          r: ``df2``; F: both; χ² and Q: ``df1``; z: neither; missing is NaN);
        - ``statistic``: the printed value, with its sign;
        - ``p_comparison``: ``"="``, ``"<"``, ``">"`` or ``"ns"`` (``≤`` is
          read as ``<`` and ``≥`` as ``>``); ``p_reported``: the printed p
          (NaN for ``ns``);
        - ``raw``: the text matched; ``start``, ``end``: its offsets in
          ``text`` (``text[start:end] == raw``);
        - ``statistic_comparison``: ``"="``, ``"<"`` or ``">"`` (``t(54) < 1``);
        - ``statistic_decimals``, ``p_decimals``: decimals as printed (they
          set the rounding intervals :func:`check` uses; ``p_decimals`` is
          missing for ``ns``, and for ``p = 2e-5`` counts the exponent);
        - ``one_tailed_mentioned``: the sentence says one-tailed, one-sided
          or directional (not "non-directional").

    Raises
    ------
    InputTypeError
        When ``text`` is not a string (bytes must be decoded first).

    Notes
    -----
    Characters are normalised one for one (so offsets stay valid): the
    minus sign U+2212, hyphens and en dashes become ``-``; non-breaking, thin
    and other Unicode spaces become spaces; Greek capital chi becomes χ.  Test
    names are case-sensitive as in statcheck (``t``, ``r``, ``F``, ``Q``;
    ``z`` or ``Z``), but ``P`` is read like ``p``.  Results statcheck 1.4.0
    reads that this function does not: χ² results whose letter is not
    χ/chi/X (statcheck takes *any* single character before ``(df)``, e.g.
    ``G(2) = 3.1``, as χ²).  Text is scanned once with a linear-time regular
    expression: about 4 MB per second (``benchmarks/bench_audit.py``).

    Examples
    --------
    >>> res = extract("Men scored higher, t(88) = − 2.12, p = .05; χ2(4, N = 89) = 10.3, P < .05.")
    >>> res[["test", "df1", "df2", "statistic", "p_comparison", "p_reported"]]
       test  df1   df2  statistic p_comparison  p_reported
    0     t  NaN  88.0      -2.12            =        0.05
    1  chi2  4.0   NaN      10.30            <        0.05
    >>> res.loc[0, "raw"]
    't(88) = − 2.12, p = .05'
    """
    import pandas as pd

    text = _text_argument(text)
    clean = text.translate(_CLEAN)
    rows = []
    for m in _regex("result").finditer(clean):
        g = m.groupdict()
        test = next(k for k in ("t", "r", "F", "chi2", "Q", "z") if g[k] is not None)
        df1 = df2 = np.nan
        if test in ("t", "r"):
            df2 = float(g[f"{test}_df"])
        elif test == "F":
            df1 = 1.0 if g["F_df1"] in ("I", "l") else float(g["F_df1"])
            df2 = float(g["F_df2"])
        elif test in ("chi2", "Q"):
            df1 = float(g[f"{test}_df"])
        stat_text = g["stat"].replace(",", "")
        statistic = float(stat_text) * (-1.0 if g["sign"] == "-" else 1.0)
        stat_dec = len(stat_text.split(".", 1)[1]) if "." in stat_text else 0
        if g["ns"] is not None:
            p_comp, p_rep, p_dec = "ns", np.nan, None
        else:
            p_comp = _COMPARISON[g["pcomp"]]
            p_text = g["p"]
            mantissa, _, exponent = p_text.lower().partition("e")
            p_rep = float(p_text)
            p_dec = (len(mantissa.split(".", 1)[1]) if "." in mantissa else 0) - (
                int(exponent) if exponent else 0)
        rows.append(
            (test, df1, df2, statistic, p_comp, p_rep, text[m.start():m.end()], m.start(), m.end(),
             _COMPARISON[g["scomp"]], stat_dec, p_dec)
        )
    starts = np.array([r[7] for r in rows], dtype=np.int64)
    table = pd.DataFrame(rows, columns=EXTRACT_COLUMNS[:-1])
    table["one_tailed_mentioned"] = _one_tailed_mentioned(clean, starts)
    table = table.astype(
        {"test": object, "df1": float, "df2": float, "statistic": float, "p_comparison": object,
         "p_reported": float, "raw": object, "start": np.int64, "end": np.int64,
         "statistic_comparison": object, "statistic_decimals": np.int64, "p_decimals": "Int64",
         "one_tailed_mentioned": bool}
    )
    return table


def _one_tailed_mentioned(clean, starts):
    """For each result start, does its sentence mention a one-tailed test?"""
    if starts.size == 0:
        return np.zeros(0, dtype=bool)
    breaks = np.array([0] + [m.end() for m in _regex("sentence").finditer(clean)] + [len(clean) + 1])
    mentions = np.array([m.start() for m in _regex("one_tailed").finditer(clean)], dtype=np.int64)
    sentence = np.searchsorted(breaks, starts, side="right") - 1
    lo, hi = breaks[sentence], breaks[sentence + 1]
    return np.searchsorted(mentions, hi) > np.searchsorted(mentions, lo)


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


@returns_result_table
def check(text_or_extracted, *, alpha=0.05, p_equal_alpha_significant=True, one_tailed="detect"):
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
    - ``p = 0`` (``p = .000``) is inconsistent: a p value is never 0.

    A decision error is an inconsistency where the reported p and the
    recomputed p fall on opposite sides of ``alpha``.

    Parameters
    ----------
    text_or_extracted : str or pandas.DataFrame
        Text to read with :func:`extract`, or its output (a DataFrame with at
        least ``test, df1, df2, statistic, p_comparison, p_reported,
        statistic_decimals, p_decimals``; ``statistic_comparison`` defaults
        to ``"="`` and ``one_tailed_mentioned`` to False).  Not modified.
    alpha : float
        Significance level for decision errors and ``ns``.
    p_equal_alpha_significant : bool
        Whether ``p = .05`` counts as significant at ``alpha = .05``
        (statcheck's ``pEqualAlphaSig``, default True).
    one_tailed : {"detect", True, False}
        ``"detect"`` (statcheck's ``OneTailedTxt = TRUE``): a t, z or r result
        inconsistent as two-tailed is accepted as one-tailed when its sentence
        says one-tailed, one-sided or directional and the halved p fits.
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
    Mexico City study (``tests/test_audit.py``).  Deliberate differences:

    1. More is read (see :func:`extract`): a minus followed by a space
       (statcheck drops "t(88) = − 2.12"), ``P``, thin or non-breaking
       spaces, ``χ²``, ``≤``/``≥``, a semicolon before p, spaces around ``=``
       beyond one.  These rows follow the same rules.
    2. Rows statcheck silently drops are kept and flagged inconsistent with a
       reason: ``p > 1``, ``|r| > 1``, a df of 0, a negative F or χ².
    3. ``one_tailed="detect"`` looks at the result's own sentence, where
       statcheck looks at the whole text it was given, and ignores
       "non-directional"; it is the default here (statcheck's is off).
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
    import pandas as pd

    if isinstance(text_or_extracted, pd.DataFrame):
        check_columns(text_or_extracted,
                      ["test", "df1", "df2", "statistic", "p_comparison", "p_reported",
                       "statistic_decimals", "p_decimals"])
        table = text_or_extracted.copy()
        if "statistic_comparison" not in table:
            table["statistic_comparison"] = "="
        if "one_tailed_mentioned" not in table:
            table["one_tailed_mentioned"] = False
        for column in ("raw",):
            if column not in table:
                table[column] = ""
        for column in ("start", "end"):
            if column not in table:
                table[column] = -1
        table = table[EXTRACT_COLUMNS + [c for c in table.columns if c not in EXTRACT_COLUMNS]]
    elif isinstance(text_or_extracted, str):
        table = extract(text_or_extracted)
    else:
        _text_argument(text_or_extracted, "text_or_extracted")
        raise AssertionError("unreachable")  # pragma: no cover
    alpha = check_probability("alpha", alpha)
    if not (isinstance(one_tailed, (bool, np.bool_)) or one_tailed == "detect"):
        raise InputError(f"one_tailed={one_tailed!r} is not understood; use 'detect', True or False.")
    bad_tests = set(table["test"]) - {"t", "F", "r", "chi2", "z", "Q"}
    if bad_tests:
        raise InputError(f"test {sorted(map(str, bad_tests))[0]!r} is not one of t, F, r, chi2, z, Q.")
    bad_comp = set(table["p_comparison"]) - {"=", "<", ">", "ns"}
    if bad_comp:
        raise InputError(f"p_comparison {sorted(map(str, bad_comp))[0]!r} is not one of =, <, >, ns.")

    n = len(table)
    test = table["test"].to_numpy(dtype=object).astype(str)
    df1 = table["df1"].to_numpy(dtype=float)
    df2 = table["df2"].to_numpy(dtype=float)
    stat = table["statistic"].to_numpy(dtype=float)
    s_dec = table["statistic_decimals"].to_numpy(dtype=float)
    p_comp = table["p_comparison"].to_numpy(dtype=object).astype(str)
    s_comp = table["statistic_comparison"].to_numpy(dtype=object).astype(str)
    p_rep = table["p_reported"].to_numpy(dtype=float, na_value=np.nan)
    p_dec = table["p_decimals"].to_numpy(dtype=float, na_value=np.nan)
    mentioned = table["one_tailed_mentioned"].to_numpy(dtype=bool)
    ns = p_comp == "ns"
    # statcheck reads "ns" as "p > alpha"
    p_value = np.where(ns, alpha, p_rep)
    p_cmp = np.where(ns, ">", p_comp)

    # Rows that cannot be checked: flagged, never dropped.
    needs_df1 = np.isin(test, ["F", "chi2", "Q"])
    needs_df2 = np.isin(test, ["t", "r", "F"])
    problems = [""] * n
    for i in range(n):
        if needs_df1[i] and not df1[i] > 0 or needs_df2[i] and not df2[i] > 0:
            problems[i] = "degrees of freedom must be positive"
        elif test[i] == "r" and abs(stat[i]) > 1:
            problems[i] = f"r = {stat[i]:g} is outside [-1, 1]"
        elif test[i] in ("F", "chi2", "Q") and stat[i] < 0:
            problems[i] = f"{test[i]} = {stat[i]:g} is negative"
        elif not ns[i] and not 0 <= p_rep[i] <= 1:
            problems[i] = f"p = {p_rep[i]:g} is not a probability"
        elif not ns[i] and p_rep[i] == 0:
            problems[i] = "p is printed as 0, but a p value is never 0 (report it as p < .001)"
    bad = np.array([bool(x) for x in problems], dtype=bool)

    half = 0.5 * 10.0 ** (-s_dec)
    near = np.maximum(np.abs(stat) - half, 0.0)   # the end of the interval nearer 0: larger p
    far = np.abs(stat) + half                      # the end farther from 0: smaller p

    def evaluate(tail):
        p_point = _p_from(test, stat, df1, df2, one_tailed=tail)
        p_high = _p_from(test, near, df1, df2, one_tailed=tail)
        p_low = _p_from(test, far, df1, df2, one_tailed=tail)
        r_high, r_low = _round_to(p_high, np.nan_to_num(p_dec)), _round_to(p_low, np.nan_to_num(p_dec))
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
            a = alpha
            if p_equal_alpha_significant:
                flip = (
                    eq & pe & (((p_value <= a) & (p_point > a)) | ((p_value > a) & (p_point <= a)))
                    | eq & pl & (p_value <= a) & (p_point > a)
                    | eq & pg & (p_value >= a) & (p_point <= a)
                    | lt & (pe | pl) & (p_value <= a) & (p_point >= a)
                    | gt & pe & (p_value > a) & (p_point <= a)
                    | gt & pg & (p_value >= a) & (p_point <= a)
                )
            else:
                flip = (
                    eq & pe & (((p_value < a) & (p_point >= a)) | ((p_value >= a) & (p_point < a)))
                    | eq & pl & (p_value <= a) & (p_point >= a)
                    | eq & pg & (p_value >= a) & (p_point < a)
                    | lt & pe & (p_value < a) & (p_point >= a)
                    | lt & pl & (p_value <= a) & (p_point >= a)
                    | gt & (pe | pg) & (p_value >= a) & (p_point <= a)
                )
        error = error | (~ns & (p_rep <= 0))
        return p_point, p_low, p_high, error, error & flip

    symmetric = np.isin(test, ["t", "z", "r"])
    if one_tailed is True or one_tailed is np.True_:
        tail = symmetric
        p_point, p_low, p_high, error, decision = evaluate(tail)
    else:
        tail = np.zeros(n, dtype=bool)
        p_point, p_low, p_high, error, decision = evaluate(tail)
        if one_tailed == "detect":
            one = evaluate(symmetric)
            switch = symmetric & mentioned & error & ~one[3]
            tail = switch
            p_point, p_low, p_high, error, decision = (
                np.where(switch, b, a) for a, b in zip((p_point, p_low, p_high, error, decision), one)
            )
    error = error | bad
    decision = decision & ~bad
    reasons = []
    for i in range(n):
        if bad[i]:
            reasons.append(problems[i])
        elif not error[i]:
            reasons.append("")
        else:
            shown_p = "ns" if ns[i] else f"p {p_comp[i]} {_printed(p_rep[i], p_dec[i])}"
            df_text = {"t": f"({df2[i]:g})", "r": f"({df2[i]:g})", "F": f"({df1[i]:g}, {df2[i]:g})",
                       "chi2": f"({df1[i]:g})", "Q": f"({df1[i]:g})", "z": ""}[test[i]]
            statistic = _format_number(stat[i], int(s_dec[i]))
            text = (f"{shown_p} reported, but {test[i]}{df_text} {s_comp[i]} {statistic} gives "
                    f"p = {_fmt(p_point[i])} ({_fmt(p_low[i])} to {_fmt(p_high[i])} within rounding"
                    f"{', two-tailed' if symmetric[i] and not tail[i] else ', one-tailed' if tail[i] else ''})")
            if decision[i]:
                text += f"; the decision at alpha = {alpha:g} flips"
            reasons.append(text)
    out = table.copy()
    out["p_computed"] = np.where(bad & ~np.isfinite(p_point), np.nan, p_point)
    out["p_low"] = p_low
    out["p_high"] = p_high
    out["consistent"] = ~error
    out["decision_error"] = decision
    out["one_tailed"] = tail
    out["reason"] = reasons
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# GRIMMER, SD bounds, SPRITE
# ---------------------------------------------------------------------------

class ImpossibleSummaryError(InputError):
    """No sample of whole numbers can have the reported summary statistics; the message says why."""


def _total_bounds(mean, units, decimals):
    """First and last whole totals whose mean over ``units`` rounds to ``mean`` (none when first > last)."""
    lo, hi = rounding_interval(mean, decimals)
    return np.ceil(lo * units - _EDGE * units), np.floor(hi * units + _EDGE * units)


def _each_total(first, last):
    """Every whole total from ``first`` to ``last`` of each row: (row index, total), row by row."""
    count = np.maximum(last - first + 1, 0).astype(np.int64)
    row = np.repeat(np.arange(count.size), count)
    step = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    return row, first[row].astype(np.int64) + step


def _totals(mean, units, decimals):
    """Whole-number totals whose mean over ``units`` rounds to ``mean`` (may be empty)."""
    first, last = _total_bounds(mean, units, decimals)
    return np.arange(int(first), int(last) + 1, dtype=np.int64)


def _sum_of_squares_window(totals, n, sd_units, decimals_sd):
    """Whole sums of squares whose SD (n - 1 denominator) rounds to the printed SD, per total.

    ``sd_units`` is ``(sd × items, items)``: the SD of the item sums and the
    number of items.  Returns the smallest and largest admissible sum of
    squares (floats; empty when ``low > high``), before the parity rule and
    the smallest possible sum of squares.  The rounding interval is closed.
    Floating point decides all but near-ties; those are settled in exact
    integer arithmetic, so an SD of 1.0350000x is not read as 1.035.
    """
    totals, n, sd_items, items, decimals_sd = np.broadcast_arrays(
        np.asarray(totals), np.asarray(n), np.asarray(sd_units[0], dtype=float),
        np.asarray(sd_units[1]), np.asarray(decimals_sd))
    scale = 10.0 ** decimals_sd
    printed = np.rint(sd_items / items * scale)  # the printed SD in units of its last decimal
    s_lo = np.maximum(2 * printed - 1, 0) * items / (2 * scale)
    s_hi = (2 * printed + 1) * items / (2 * scale)
    centre = totals.astype(float) ** 2 / n
    x_lo, x_hi = (n - 1) * s_lo**2 + centre, (n - 1) * s_hi**2 + centre
    tol = 1e-9 * (1 + x_hi)
    q_lo, q_hi = np.ceil(x_lo - tol), np.floor(x_hi + tol)

    def exact_bound(i, s2):  # n·D²·Q compared with T²·D² + n(n - 1)(items × s2)², D = 2·10^d
        t, m, d = int(totals.flat[i]), int(n.flat[i]), 2 * 10 ** int(decimals_sd.flat[i])
        return m * d * d, t * t * d * d + m * (m - 1) * (int(items.flat[i]) * s2) ** 2

    for i in np.flatnonzero((q_lo != np.ceil(x_lo + tol)).ravel()):
        scaled, bound = exact_bound(i, max(2 * int(printed.flat[i]) - 1, 0))
        if scaled * int(q_lo.flat[i]) < bound:
            q_lo.flat[i] += 1
    for i in np.flatnonzero((q_hi != np.floor(x_hi - tol)).ravel()):
        scaled, bound = exact_bound(i, 2 * int(printed.flat[i]) + 1)
        if scaled * int(q_hi.flat[i]) > bound:
            q_hi.flat[i] -= 1
    return q_lo, q_hi


def _extreme_sums_of_squares(totals, n, low, high):
    """Smallest and largest sum of squares of ``n`` whole numbers in [low, high] summing to each total.

    Smallest: the values as equal as possible.  Largest: as many at ``high`` as
    the total allows, the rest at ``low`` except one value in between (two
    values strictly inside the range can always be pushed apart to raise the
    sum of squares, so the maximum has at most one).
    """
    totals = np.asarray(totals, dtype=np.int64)
    ss_min = _min_sum_of_squares(totals, n)
    width = high - low
    k = np.minimum((totals - n * low) // width, n)
    middle = totals - k * high - np.maximum(n - k - 1, 0) * low
    ss_max = k * high**2 + np.where(k < n, middle**2 + (n - k - 1) * low**2, 0)
    return ss_min, ss_max


def _sd_from_ss(ss, totals, n):
    with np.errstate(invalid="ignore"):
        return np.sqrt(np.maximum((ss - totals.astype(float) ** 2 / n) / (n - 1), 0.0))


def _int_scalar(name, value, minimum=None):
    arr = _numbers(name, value)
    if arr.size != 1:
        raise InputError(f"{name} must be a single number, got {arr.size} values.")
    v = float(arr.ravel()[0])
    if v != round(v) or (minimum is not None and v < minimum):
        raise InputError(f"{name} = {v:g}; a whole number{f' >= {minimum}' if minimum is not None else ''} is required.")
    return int(v)


def _scale(scale_min, scale_max):
    low, high = _numbers("scale_min", scale_min), _numbers("scale_max", scale_max)
    for name, a in (("scale_min", low), ("scale_max", high)):
        if np.any(a != np.round(a)):
            raise InputError(f"{name} must be a whole number (the lowest / highest answer on the scale).")
    if np.any(low >= high):
        raise InputError("scale_min must be below scale_max (for example 1 and 6).")
    return low, high


def _min_sum_of_squares(totals, n):
    """Smallest sum of squares of ``n`` whole numbers with each total: the values as equal as possible."""
    q, r = np.divmod(totals, n)
    return (n - r) * q * q + r * (q + 1) * (q + 1)


def _representable(n, total, ss):
    """Exactly: do ``n`` whole numbers with this total and sum of squares exist?

    For ``n >= 5`` that is so whenever ``ss`` is at least
    :func:`_min_sum_of_squares` and has the total's parity; for ``n <= 4``
    some such sums are still out of reach (two numbers with total 0 have
    ``ss = 2a²``), so this searches, shifting the values to sit near zero.
    """
    base = total // n
    return _representable_near_zero(n, total - n * base, ss - 2 * base * total + n * base * base)


def _representable_near_zero(n, total, ss):
    if ss < 0:
        return False
    if n == 1:
        return ss == total * total
    if n == 2:  # (a - b)² = 2 ss - total², with a - b of the total's parity
        d2 = 2 * ss - total * total
        d = math.isqrt(d2) if d2 >= 0 else -1
        return d >= 0 and d * d == d2 and (d - total) % 2 == 0
    bound = math.isqrt(ss)
    return any(_representable_near_zero(n - 1, total - y, ss - y * y) for y in range(-bound, bound + 1))


def _nearest_representable(n, total, ss, step, floor):
    """First sum of squares from ``ss`` on, moving by ``step`` (±2), that ``n`` whole numbers can have."""
    while ss >= floor:
        if n > 4 or _representable(n, total, ss):
            return ss
        ss += step
    return None


@returns_result_table
def grimmer(mean, sd, n, *, items=1, decimals_mean=2, decimals_sd=2):
    """GRIMMER test (Anaya 2016): can an SD of whole-number answers print like this, with this mean?

    For ``n`` whole numbers with total ``T`` and sum of squares ``Q``, the SD
    is ``sqrt((Q - T²/n) / (n - 1))``.  ``Q`` must be a whole number with the
    parity of ``T`` (``x²`` and ``x`` are both odd or both even), and it
    cannot be smaller than when the numbers are as equal as possible (so a
    mean of 0.33 from 9 people cannot have SD 0.00).  The SD is consistent
    when, for some total that passes :func:`grim`, such a ``Q`` gives an SD
    inside the SD's rounding interval.

    Parameters
    ----------
    mean, sd : float or array-like
        Printed means and standard deviations (``n - 1`` denominator).
    n : int or array-like
        Sample sizes (at least 2).
    items : int or array-like
        Items averaged into each person's score; the test then runs on the
        item sums, which are whole numbers.
    decimals_mean, decimals_sd : int or array-like
        Decimals the mean and the SD were printed with.

    Returns
    -------
    pandas.DataFrame
        One row per (mean, SD): ``mean``, ``sd``, ``n``, ``items``,
        ``decimals_mean``, ``decimals_sd``, ``grim_consistent``,
        ``consistent`` (GRIM and GRIMMER both pass), ``sd_nearest_below``,
        ``sd_nearest_above`` (the closest SDs that whole numbers can give,
        for the total nearest the mean; NaN when consistent or when there is
        none below) and ``reason`` (empty when consistent).

    Notes
    -----
    The test is exact for whole numbers without bounds: every total allowed
    by the mean's rounding interval is tried, and for ``n >= 5`` every sum
    of squares from the smallest possible one up, in steps of 2, is reached
    by some sample; for ``n <= 4`` each candidate is checked by search.  It
    ignores the scale's bounds; :func:`sd_bounds` and :func:`sprite` add
    them.  Allard's analytic GRIMMER (2018, as in R scrutiny) checks the
    parity but not the smallest sum of squares, so it passes pairs such as
    mean 0.33, SD 0.00, n 9.  Checked against brute-force enumeration and
    against the data behind Figure 1 of Anaya (2016) (``tests/test_audit.py``).

    Examples
    --------
    >>> res = grimmer([3.44, 5.21, 0.33], [2.47, 1.6, 0.0], [18, 28, 9], decimals_sd=[2, 1, 2])
    >>> res[["mean", "sd", "n", "consistent"]]
       mean    sd   n  consistent
    0  3.44  2.47  18       False
    1  5.21  1.60  28        True
    2  0.33  0.00   9       False
    >>> print(res.loc[0, "reason"])
    fails GRIMMER: with n = 18 and total 62, SD 2.47 needs a sum of squares of 317, which is odd while the total is even; the nearest possible SDs are 2.4548 and 2.4787
    >>> print(res.loc[2, "reason"])
    fails GRIMMER: with n = 9 and total 3, SD 0.00 is below the smallest SD 9 whole numbers with that total can have (0.5000, with the numbers as equal as possible)
    """
    import pandas as pd

    mean, sd, n, items, dm, ds = np.broadcast_arrays(
        _numbers("mean", mean), _numbers("sd", sd),
        _counts("n", n, minimum=2), _counts("items", items),
        _counts("decimals_mean", decimals_mean, minimum=0), _counts("decimals_sd", decimals_sd, minimum=0),
    )
    mean, sd, n, items, dm, ds = (a.ravel() for a in (mean, sd, n, items, dm, ds))
    if np.any(sd < 0):
        i = np.flatnonzero(sd < 0)[0]
        raise InputError(f"sd[{i}] = {sd[i]:g} is negative; a standard deviation must be >= 0.")
    size = mean.size
    people = n.astype(np.int64)
    k = items.astype(np.int64)
    units = people * k
    # totals of the item sums whose mean over n × items rounds to the printed mean
    t_first, t_last = _total_bounds(mean, units, dm)
    n_totals = np.maximum(t_last - t_first + 1, 0)
    grim_ok = n_totals > 0
    ok = n_totals > 200_000  # every SD is reachable in practice: the test cannot fail here
    rows = np.flatnonzero(grim_ok & ~ok)
    reps = n_totals[rows].astype(np.int64)
    pos, T = _each_total(t_first[rows], t_last[rows])
    row_of = rows[pos]
    m = people[row_of]
    q_lo, q_hi = _sum_of_squares_window(T, m, (sd[row_of] * k[row_of], k[row_of]), ds[row_of])
    ss_min = _min_sum_of_squares(T, m)
    first = np.maximum(q_lo + ((q_lo - T) % 2), ss_min)  # ss_min has the total's parity
    fits = first <= q_hi
    for j in np.flatnonzero(fits & (m <= 4)):  # few whole numbers: not every such Q is reachable
        fits[j] = any(_representable(int(m[j]), int(T[j]), int(q))
                      for q in range(int(first[j]), int(q_hi[j]) + 1, 2))
    ok[rows] = np.bincount(pos[fits], minlength=rows.size) > 0

    below = np.full(size, np.nan)
    above = np.full(size, np.nan)
    reasons = np.full(size, "", dtype=object)
    grim_fail = np.flatnonzero(~grim_ok)
    if grim_fail.size:
        grim_reasons = grim(mean[grim_fail], n[grim_fail], items=items[grim_fail], decimals=dm[grim_fail])
        reasons[grim_fail] = ["fails GRIM: " + r for r in grim_reasons["reason"]]
    starts = np.cumsum(reps) - reps
    for pos in np.flatnonzero(~ok[rows]):
        i = rows[pos]
        span = slice(starts[pos], starts[pos] + reps[pos])
        totals = T[span]
        j = starts[pos] + int(np.argmin(np.abs(totals / units[i] - mean[i])))
        ni, total, floor_ss = int(m[j]), int(T[j]), int(ss_min[j])
        q_below = _nearest_representable(ni, total, int(q_lo[j]) - 1 - ((int(q_lo[j]) - 1 - total) % 2), -2, floor_ss)
        q_above = _nearest_representable(ni, total, max(int(first[j]), int(q_hi[j]) + 1 + ((int(q_hi[j]) + 1 - total) % 2)), 2, floor_ss)
        to_sd = lambda q: float(_sd_from_ss(np.array([float(q)]), np.array([total]), ni)[0]) / k[i]
        if q_below is not None:
            below[i] = to_sd(q_below)
        above[i] = to_sd(q_above)
        sd_text = f"{sd[i]:.{int(ds[i])}f}"
        if q_hi[j] < floor_ss:  # the whole rounding interval lies below the smallest SD
            why = (f"is below the smallest SD {ni} whole numbers with that total can have "
                   f"({to_sd(floor_ss):.4f}, with the numbers as equal as possible)")
        elif q_lo[j] > q_hi[j]:
            why = "needs a sum of squares that is not a whole number"
        elif (int(q_hi[j]) - int(first[j])) < 0:
            q = int(q_lo[j])
            why = (f"needs a sum of squares of {q}, which is {'odd' if q % 2 else 'even'} while the total "
                   f"is {'odd' if total % 2 else 'even'}")
        else:
            why = (f"needs a sum of squares in {int(first[j])}..{int(q_hi[j])}, which no {ni} whole numbers "
                   f"with total {total} have")
        extra = f" (and {reps[pos] - 1} other totals fail too)" if reps[pos] > 1 else ""
        nearest = (f"the nearest possible SDs are {below[i]:.4f} and {above[i]:.4f}" if q_below is not None
                   else f"the nearest possible SD is {above[i]:.4f}")
        why += extra
        if q_hi[j] >= floor_ss:  # otherwise the smallest SD, just named, is the nearest
            why += f"; {nearest}"
        reasons[i] = f"fails GRIMMER: with n = {ni} and total {total}, SD {sd_text} {why}"
    return pd.DataFrame(
        {
            "mean": mean, "sd": sd, "n": people, "items": k,
            "decimals_mean": dm.astype(np.int64), "decimals_sd": ds.astype(np.int64),
            "grim_consistent": grim_ok, "consistent": ok,
            "sd_nearest_below": below, "sd_nearest_above": above, "reason": reasons.tolist(),
        }
    )


@returns_result_table
def sd_bounds(mean, n, scale_min, scale_max, *, items=1, decimals=2):
    """The smallest and largest SD that ``n`` whole-number answers with this mean can have.

    Parameters
    ----------
    mean : float or array-like
        Printed means; every total whose mean rounds to it (with
        ``decimals``) is considered, so bounds hold for the printed value.
        Give a large ``decimals`` to treat the mean as exact.
    n : int or array-like
        Sample sizes (at least 2).
    scale_min, scale_max : int or array-like
        Lowest and highest possible answer (e.g. 1 and 6).
    items : int or array-like
        Items averaged into each score (scores are then multiples of
        ``1 / items``).
    decimals : int or array-like
        Decimals the mean was printed with.

    Returns
    -------
    pandas.DataFrame
        One row per mean: ``mean``, ``n``, ``scale_min``, ``scale_max``,
        ``items``, ``decimals``, ``sd_min``, ``sd_max`` (NaN when no sample
        has the mean), ``consistent`` (some sample has the mean) and
        ``reason``.

    Notes
    -----
    For a total ``T``, the SD is smallest when the answers are as equal as
    possible (``T mod n`` answers at ``⌈T/n⌉``, the rest at ``⌊T/n⌋``) and
    largest when they sit at the ends of the scale, with at most one answer
    in between (two answers inside the range can always be pushed apart,
    which raises the SD).  Checked by brute-force enumeration of every
    sample with n <= 12 on a 1–5 scale, and against hand-worked cases.

    Examples
    --------
    >>> sd_bounds(4.2, 5, 1, 7)[["sd_min", "sd_max"]].round(4)
       sd_min  sd_max
    0  0.4472  3.0332
    """
    import pandas as pd

    low, high = _scale(scale_min, scale_max)
    mean, n, low, high, items, dec = np.broadcast_arrays(
        _numbers("mean", mean), _counts("n", n, minimum=2), low, high, _counts("items", items),
        _counts("decimals", decimals, minimum=0),
    )
    mean, n, low, high, items, dec = (a.ravel() for a in (mean, n, low, high, items, dec))
    size = mean.size
    people, k = n.astype(np.int64), items.astype(np.int64)
    lo_u, hi_u = low.astype(np.int64) * k, high.astype(np.int64) * k
    first, last = _total_bounds(mean, people * k, dec)
    grim_ok = first <= last
    # only the totals a sample on the scale can have
    row, totals = _each_total(np.maximum(first, people * lo_u), np.minimum(last, people * hi_u))
    ss_min, ss_max = _extreme_sums_of_squares(totals, people[row], lo_u[row], hi_u[row])
    sd_min, sd_max = np.full(size, np.nan), np.full(size, np.nan)
    np.fmin.at(sd_min, row, _sd_from_ss(ss_min, totals, people[row]) / k[row])
    np.fmax.at(sd_max, row, _sd_from_ss(ss_max, totals, people[row]) / k[row])
    reasons = np.full(size, "", dtype=object)
    outside = np.flatnonzero(grim_ok & np.isnan(sd_min))
    reasons[outside] = [f"the mean {mean[i]:.{int(dec[i])}f} is outside the scale {low[i]:g} to {high[i]:g}"
                        for i in outside]
    fails = np.flatnonzero(~grim_ok)
    if fails.size:
        grim_reasons = grim(mean[fails], n[fails], items=items[fails], decimals=dec[fails])["reason"]
        reasons[fails] = ["fails GRIM: " + r for r in grim_reasons]
    return pd.DataFrame(
        {
            "mean": mean, "n": n.astype(np.int64), "scale_min": low, "scale_max": high,
            "items": items.astype(np.int64), "decimals": dec.astype(np.int64),
            "sd_min": sd_min, "sd_max": sd_max, "consistent": np.isfinite(sd_min),
            "reason": reasons.tolist(),
        }
    )


#: Most cell updates the exact table of reachable sums of squares may cost (n = 99 on 1–7, just
#: under it, builds in about 0.05 s).
_REACH_BUDGET = 1.5e9


def _reachable_sums_of_squares(n, low, high):
    """Which (total, sum of squares) pairs ``n`` whole numbers in [low, high] can have, exactly.

    Returns a function ``T -> sorted array of reachable Q`` (empty for an
    unreachable total), or None when the table would cost more than
    :data:`_REACH_BUDGET` cell updates.  Built by dynamic programming over
    the shifted values ``v - low`` in ``0..w``: after ``i`` answers the
    reachable (sum, sum of squares) pairs are those after ``i - 1`` shifted
    by ``(v, v²)`` for each ``v``.
    """
    w = int(high - low)
    size_s, size_q = n * w + 1, n * w * w + 1
    if n * (w + 1) * size_s * size_q > _REACH_BUDGET:
        return None
    reach = np.zeros((size_s, size_q), dtype=bool)
    reach[0, 0] = True
    for i in range(n):
        s_max, q_max = i * w, i * w * w
        step = np.zeros_like(reach)
        for v in range(w + 1):
            step[v:v + s_max + 1, v * v:v * v + q_max + 1] |= reach[:s_max + 1, :q_max + 1]
        reach = step

    def sums_of_squares(total):
        shifted = int(total) - n * low
        if not 0 <= shifted < size_s:
            return np.zeros(0, dtype=np.int64)
        q_shifted = np.flatnonzero(reach[shifted])
        return q_shifted + 2 * low * shifted + n * low * low

    return sums_of_squares


def _nearest_reachable_sds(reachable, totals, n, sd_units, items):
    """Text naming the SDs nearest to ``sd_units`` that some total can reach (exact, on the scale)."""
    below, above = -np.inf, np.inf
    for total in totals:
        q = reachable(total)
        if q.size:
            sds = _sd_from_ss(q.astype(float), np.full(q.size, total), n) / items
            under, over = sds[sds < sd_units / items], sds[sds >= sd_units / items]
            below = max(below, under.max()) if under.size else below
            above = min(above, over.min()) if over.size else above
    found = [f"{v:.4f}" for v in (below, above) if np.isfinite(v)]
    return " and ".join(found) if found else "none"


def _sprite_targets(mean, sd, n, low, high, items, decimals_mean, decimals_sd, gaps=True):
    """Totals and admissible sums of squares (in item-sum units), or raise saying which check fails.

    ``gaps=False`` skips the exact table of reachable sums of squares (the
    costliest check) for callers that enumerate every sample anyway.
    """
    units = n * items
    lo_u, hi_u = low * items, high * items
    where = f"mean {mean:.{decimals_mean}f}, SD {sd:.{decimals_sd}f}, n = {n} on {low}–{high}"
    totals = _totals(mean, units, decimals_mean)
    if totals.size == 0:
        reason = grim(mean, n, items=items, decimals=decimals_mean).loc[0, "reason"]
        raise ImpossibleSummaryError(f"No sample has {where}: it fails GRIM: {reason}.")
    totals = totals[(totals >= n * lo_u) & (totals <= n * hi_u)]
    if totals.size == 0:
        raise ImpossibleSummaryError(f"No sample has {where}: the mean is outside the scale.")
    g = grimmer(mean, sd, n, items=items, decimals_mean=decimals_mean, decimals_sd=decimals_sd)
    if not g.loc[0, "consistent"]:
        reachable = _reachable_sums_of_squares(n, lo_u, hi_u)
        on_scale = ""
        if reachable is not None:
            on_scale = (f"; on the {low}–{high} scale the nearest SDs whole numbers with this mean can have are "
                        f"{_nearest_reachable_sds(reachable, totals, n, sd * items, items)}")
        raise ImpossibleSummaryError(f"No sample has {where}: it {g.loc[0, 'reason']}{on_scale}.")
    q_lo, q_hi = _sum_of_squares_window(totals, n, (sd * items, items), decimals_sd)
    parity = totals % 2
    q_lo = q_lo + ((q_lo - parity) % 2)
    ss_min, ss_max = _extreme_sums_of_squares(totals, n, lo_u, hi_u)
    q_lo, q_hi = np.maximum(q_lo, ss_min), np.minimum(q_hi, ss_max)
    keep = q_lo <= q_hi
    if not keep.any():
        b = sd_bounds(mean, n, low, high, items=items, decimals=decimals_mean).iloc[0]
        side = ("above the largest possible SD" if sd > b["sd_max"] else "below the smallest possible SD")
        bound = b["sd_max"] if sd > b["sd_max"] else b["sd_min"]
        raise ImpossibleSummaryError(
            f"No sample has {where}: SD {sd:.{decimals_sd}f} is beyond the SD bounds, {side} "
            f"({bound:.4f}) for that mean on that scale (possible SDs: {b['sd_min']:.4f} to {b['sd_max']:.4f})."
        )
    reachable = _reachable_sums_of_squares(n, lo_u, hi_u) if gaps else None
    if reachable is not None:
        # Not every sum of squares between the extremes is reachable on a bounded scale: the
        # exact table tells whether any sample fits, so the search never runs for nothing.
        for i in np.flatnonzero(keep):
            q = reachable(totals[i])
            keep[i] = bool(((q >= q_lo[i]) & (q <= q_hi[i])).any())
        if not keep.any():
            raise ImpossibleSummaryError(
                f"No sample has {where}: it passes GRIM, GRIMMER and the SD bounds, but SD "
                f"{sd:.{decimals_sd}f} falls in a gap between the SDs whole numbers on that scale can reach "
                f"with this mean; the nearest are {_nearest_reachable_sds(reachable, totals, n, sd * items, items)}."
            )
    return totals[keep], q_lo[keep].astype(np.int64), q_hi[keep].astype(np.int64)


def _random_pick(rng, mask):
    """Index of a random True in each row of ``mask`` (rows without one get any index)."""
    keys = rng.random(mask.shape)
    keys[~mask] = -1.0
    return keys.argmax(axis=1)


#: How many count vectors of the upper levels an exact enumeration may look at (memory ~ 8 bytes each
#: per level); beyond it :func:`sprite` searches at random and :func:`count_samples` refuses.
_ENUMERATION_LIMIT = 3_000_000


def _bounded_compositions(n, parts):
    """Every vector of ``parts`` whole numbers >= 0 whose sum is at most ``n``, with its sum."""
    rows = np.zeros((1, 0), dtype=np.int64)
    used = np.zeros(1, dtype=np.int64)
    for _ in range(parts):
        choices = n - used + 1                    # this part can be 0 .. n - used
        parent = np.repeat(np.arange(rows.shape[0]), choices)
        part = np.arange(parent.size) - np.repeat(np.cumsum(choices) - choices, choices)
        rows = np.column_stack([rows[parent], part])
        used = used[parent] + part
    return rows, used


def _enumerable(n, width):
    """Whether :func:`_exact_samples` can list every sample of ``n`` answers on ``width`` levels."""
    free = max(width - 3, 0)
    return math.comb(n + free, free) <= _ENUMERATION_LIMIT


def _targets_and_samples(mean, sd, n, low, high, items, decimals_mean, decimals_sd):
    """The admissible (totals, q_lo, q_hi) and, when the scale allows, every sample (else None).

    Raises :class:`ImpossibleSummaryError` as :func:`_sprite_targets` does, and
    also when enumeration finds no sample.  When every sample is enumerated,
    the table of reachable sums of squares is built only to explain an empty
    result (it would say nothing the enumeration does not).
    """
    lo_u, hi_u = low * items, high * items
    arguments = (mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    enumerable = _enumerable(n, hi_u - lo_u + 1)
    targets = _sprite_targets(*arguments, gaps=not enumerable)
    if not enumerable:
        return targets, None
    found = _exact_samples(n, lo_u, hi_u, *targets)
    if not found:
        _sprite_targets(*arguments, gaps=True)   # raises, naming the nearest reachable SDs
        raise ImpossibleSummaryError(
            f"No sample has mean {mean:.{decimals_mean}f}, SD {sd:.{decimals_sd}f}, n = {n} on "
            f"{low}–{high}: enumerating every sample on the scale finds none."
        )
    return targets, found


def _exact_samples(n, lo_u, hi_u, totals, q_lo, q_hi):
    """Every sample of ``n`` whole numbers in [lo_u, hi_u] with a total and sum of squares allowed.

    Returns a list of ``(total, sum_of_squares, counts)``, ``counts`` holding one
    row of counts per level (lo_u, lo_u + 1, ...) for each distinct sample.
    Callers check :func:`_enumerable` first.  Three linear equations (count, total, sum of squares) fix the counts of the
    three lowest levels once the others are chosen, so only those are enumerated.
    """
    width = hi_u - lo_u + 1
    upper, used = _bounded_compositions(n, max(width - 3, 0))
    shift = np.arange(3, width, dtype=np.int64)   # levels above the lowest three, minus lo_u
    s1, s2 = upper @ shift, upper @ (shift * shift)
    found = []
    for total, first, last in zip(totals, q_lo, q_hi):
        total = int(total)
        t = total - n * lo_u                               # total of (x - lo_u)
        for ss in range(int(first) + (int(first) - total) % 2, int(last) + 1, 2):
            q = ss - 2 * lo_u * total + n * lo_u * lo_u    # sum of squares of (x - lo_u)
            if width == 2:                                 # answers 0/1 after the shift: q = t
                if q == t and 0 <= t <= n:
                    found.append((total, ss, np.array([[n - t, t]], dtype=np.int64)))
                continue
            a = t - s1                                     # c1 + 2 c2
            twice_c2 = q - s2 - a                          # (c1 + 4 c2) - (c1 + 2 c2)
            c2 = twice_c2 // 2
            c1 = a - 2 * c2
            c0 = n - used - c1 - c2
            ok = (twice_c2 % 2 == 0) & (c2 >= 0) & (c1 >= 0) & (c0 >= 0)
            if ok.any():
                found.append((total, ss, np.column_stack([c0[ok], c1[ok], c2[ok], upper[ok]])))
    return found


@returns_result_table
def count_samples(mean, sd, n, *, scale_min, scale_max, decimals_mean=2, decimals_sd=2, items=1):
    """How many distinct samples on the scale have a mean and SD that print as reported, exactly.

    Every sample is counted once (as a multiset: which answers, not in which
    order), by exact enumeration, so this says whether :func:`sprite` can
    return ``k`` distinct samples at all, and how they split between the
    totals and sums of squares the printed numbers allow.

    Parameters
    ----------
    mean, sd : float
        Printed mean and SD (``n - 1`` denominator).
    n : int
        Sample size.
    scale_min, scale_max : int
        Lowest and highest possible answer.
    decimals_mean, decimals_sd : int
        Decimals the mean and SD were printed with.
    items : int
        Items averaged into each score.

    Returns
    -------
    pandas.DataFrame
        One row per (total, sum of squares) that some sample reaches:
        ``total``, ``sum_of_squares`` (of the item sums), ``mean`` and ``sd``
        (exact, unrounded) and ``n_samples``.  The column total of
        ``n_samples`` is the number of distinct samples.

    Raises
    ------
    ImpossibleSummaryError
        When no sample can exist (the same checks as :func:`sprite`).
    InputError
        When the scale is too wide for ``n`` to enumerate (more than three
        million combinations of the upper answers); :func:`sprite` still
        searches then.

    Examples
    --------
    >>> count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)
       total  sum_of_squares      mean        sd  n_samples
    0    170             790  2.786885  2.295755         41
    1    170             792  2.786885  2.303004         36
    """
    import pandas as pd

    args = _sprite_arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd)
    mean, sd, n, low, high, items, decimals_mean, decimals_sd = args
    _, found = _targets_and_samples(mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    if found is None:
        raise InputError(
            f"Too many samples of n = {n} on {low}–{high} (items = {items}) to enumerate exactly; "
            "use sprite() to draw some."
        )
    totals = np.array([t for t, _, _ in found], dtype=np.int64)
    squares = np.array([q for _, q, _ in found], dtype=np.int64)
    return pd.DataFrame({
        "total": totals, "sum_of_squares": squares, "mean": totals / (n * items),
        "sd": _sd_from_ss(squares.astype(float), totals, n) / items,
        "n_samples": np.array([c.shape[0] for _, _, c in found], dtype=np.int64),
    })


def _sprite_arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd):
    """Validate the scalar arguments shared by :func:`sprite` and :func:`count_samples`."""
    n = _int_scalar("n", n, minimum=2)
    low, high = _scale(scale_min, scale_max)
    if low.size != 1 or high.size != 1:
        raise InputError("scale_min and scale_max must be single numbers.")
    low, high = int(low.ravel()[0]), int(high.ravel()[0])
    items = _int_scalar("items", items, minimum=1)
    decimals_mean = _int_scalar("decimals_mean", decimals_mean, minimum=0)
    decimals_sd = _int_scalar("decimals_sd", decimals_sd, minimum=0)
    mean = float(_numbers("mean", mean).ravel()[0])
    sd = float(_numbers("sd", sd).ravel()[0])
    if sd < 0:
        raise InputError(f"sd = {sd:g} is negative; a standard deviation must be >= 0.")
    return mean, sd, n, low, high, items, decimals_mean, decimals_sd


def sprite(mean, sd, n, *, scale_min, scale_max, decimals_mean=2, decimals_sd=2, items=1, k=10,
           seed=None, max_seconds=10.0, progress=None):
    """SPRITE (Heathers et al. 2018): whole-number samples whose mean and SD print as reported.

    Before any search the summary is checked with GRIM, GRIMMER and the SD
    bounds of the scale, and (for up to roughly n = 100 on a seven-point
    scale) against the exact set of sums of squares whole numbers on the
    scale can reach; if one fails, an :class:`ImpossibleSummaryError` says
    which and why, at once.  When the scale is narrow enough for ``n`` (see
    :func:`count_samples`), every sample is then enumerated exactly and
    ``k`` of them are drawn uniformly at random, or all of them when fewer
    exist.  Otherwise random samples are nudged, one pair of answers at a
    time, until their SD rounds to the reported one (the SPRITE search).

    Parameters
    ----------
    mean, sd : float
        Printed mean and SD (``n - 1`` denominator).
    n : int
        Sample size.
    scale_min, scale_max : int
        Lowest and highest possible answer.
    decimals_mean, decimals_sd : int
        Decimals the mean and SD were printed with.
    items : int
        Items averaged into each score (answers are then multiples of
        ``1 / items``).
    k : int
        How many distinct samples to return at most.
    seed : int or numpy.random.Generator, optional
        Seed, for reproducible samples.
    max_seconds : float
        Time limit of the search.
    progress : bool, optional
        Show a progress bar (``tqdm.auto``, if installed).  By default one
        appears when the search takes longer than a second.

    Returns
    -------
    numpy.ndarray
        Shape ``(m, n)`` with ``m <= k``: each row a distinct sample, sorted
        ascending (integers when ``items == 1``).  ``m < k`` when only ``m``
        distinct samples exist: exactly so when they were enumerated
        (:func:`count_samples` gives the number), and when the search stops
        after ten batches in a row find nothing new.  When the search stops
        at ``max_seconds`` with fewer than ``k``, a ``RuntimeWarning`` says
        so (more may exist).

    Raises
    ------
    ImpossibleSummaryError
        When no sample can exist (fails GRIM, GRIMMER or the SD bounds).

    Notes
    -----
    Each sample is a multiset: samples are distinct as sorted vectors.  The
    search works on many samples at once (arrays of shape chains × n).  A
    sum of squares ``Q`` fixes the SD for a total ``T``; moving one answer up
    and another down by one keeps ``T`` and changes ``Q`` by an even amount,
    so the parity the GRIMMER test checks is kept throughout.  Checked by
    enumerating every sample for small n (``tests/test_audit.py``).

    Examples
    --------
    >>> samples = sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=5, seed=1)
    >>> samples.shape
    (5, 61)
    >>> [round(float(s.mean()), 2) for s in samples], [round(float(s.std(ddof=1)), 2) for s in samples]
    ([2.79, 2.79, 2.79, 2.79, 2.79], [2.3, 2.3, 2.3, 2.3, 2.3])
    >>> sprite(1.00, 1.99, 34, scale_min=0, scale_max=5)
    Traceback (most recent call last):
    ...
    mixedmethods.audit.ImpossibleSummaryError: No sample has mean 1.00, SD 1.99, n = 34 on 0–5: it fails GRIMMER: with n = 34 and total 34, SD 1.99 needs a sum of squares of 165, which is odd while the total is even; the nearest possible SDs are 1.9848 and 2.0000; on the 0–5 scale the nearest SDs whole numbers with this mean can have are 1.9540 and 2.0000.
    """
    import time

    args = _sprite_arguments(mean, sd, n, scale_min, scale_max, items, decimals_mean, decimals_sd)
    mean, sd, n, low, high, items, decimals_mean, decimals_sd = args
    k = _int_scalar("k", k, minimum=1)
    (totals, q_lo, q_hi), exact = _targets_and_samples(
        mean, sd, n, low, high, items, decimals_mean, decimals_sd)
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    lo_u, hi_u = low * items, high * items
    levels = np.arange(lo_u, hi_u + 1)

    if exact is not None:
        found = np.concatenate([c for _, _, c in exact])
        if found.shape[0] > k:  # k of them, uniformly at random, in a stable order
            found = found[np.sort(rng.choice(found.shape[0], size=k, replace=False))]
        return _counts_to_samples(found, levels, n, items)

    width = levels.size
    found = np.empty((0, width), dtype=np.int64)   # distinct samples as counts per level
    started = time.perf_counter()
    bar, want_bar = None, progress
    chains = int(min(max(2 * k, 256), 4096))
    stale = 0  # batches in a row that found nothing new: the distinct samples may be exhausted
    while found.shape[0] < k and time.perf_counter() - started < max_seconds and stale < 10:
        counts, ok = _sprite_batch(rng, chains, n, levels, totals, q_lo, q_hi)
        before = found.shape[0]
        if ok.any():
            found = np.unique(np.concatenate([found, counts[ok]]), axis=0)
        stale = stale + 1 if found.shape[0] == before and before > 0 else 0
        if want_bar is None and time.perf_counter() - started > 1.0:
            want_bar = True
        if want_bar and bar is None:
            bar = _progress_bar(k)
            want_bar = False  # one attempt: tqdm may not be installed
        if bar is not None:
            bar.n = min(found.shape[0], k)
            bar.refresh()
    if bar is not None:
        bar.close()
    if found.shape[0] > k:
        found = found[np.sort(rng.permutation(found.shape[0])[:k])]
    if found.shape[0] == 0:
        import warnings

        warnings.warn(
            f"sprite found no sample in {max_seconds:g} s, although mean {mean}, SD {sd} and n = {n} "
            "pass GRIM, GRIMMER and the SD bounds; raise max_seconds, or the SD may sit in a gap "
            "of reachable SDs near the scale's limits.",
            RuntimeWarning, stacklevel=2,
        )
    elif found.shape[0] < k and stale < 10:
        import warnings

        warnings.warn(
            f"sprite stopped at max_seconds = {max_seconds:g} with {found.shape[0]} of the {k} samples "
            "asked for; more may exist: raise max_seconds.",
            RuntimeWarning, stacklevel=2,
        )
    return _counts_to_samples(found, levels, n, items)


def _counts_to_samples(counts, levels, n, items):
    """Counts per level (one row per sample) -> sorted samples, shape (rows, n)."""
    cumulative = counts.cumsum(axis=1)
    position = np.arange(n)
    samples = levels[(position[None, :, None] >= cumulative[:, None, :]).sum(axis=2)]
    return samples if items == 1 else samples / items


def _sprite_batch(rng, chains, n, levels, totals, q_lo, q_hi, candidates=12):
    """Run one batch of SPRITE chains on counts per level; return (counts, which reached the target)."""
    width = levels.size
    rows = np.arange(chains)
    pick = rng.integers(0, totals.size, chains)
    T, lo_q, hi_q = totals[pick], q_lo[pick], q_hi[pick]
    # a random start: n answers drawn uniformly, then moved one level at a time to the total
    draws = rng.integers(0, width, size=(chains, n))
    counts = np.zeros((chains, width), dtype=np.int64)
    np.add.at(counts, (np.repeat(rows, n), draws.ravel()), 1)
    total = counts @ levels
    for _ in range(n * width + 1):
        diff = T - total
        if not diff.any():
            break
        up = _random_pick(rng, (counts[:, :-1] > 0) & (diff > 0)[:, None])
        down = _random_pick(rng, (counts[:, 1:] > 0) & (diff < 0)[:, None]) + 1
        raise_, lower = diff > 0, diff < 0
        np.add.at(counts, (rows[raise_], up[raise_]), -1)
        np.add.at(counts, (rows[raise_], up[raise_] + 1), 1)
        np.add.at(counts, (rows[lower], down[lower]), -1)
        np.add.at(counts, (rows[lower], down[lower] - 1), 1)
        total = counts @ levels
    q = counts @ (levels * levels)
    stuck = np.zeros(chains, dtype=np.int64)
    # Moves: one answer at level u goes up one level and one at level w goes
    # down one, keeping the total; Q changes by 2 (levels[u] - levels[w] + 1).
    # Levels are drawn uniformly among the occupied ones, so a rare level is
    # found as easily as a common one.  A move is taken when it brings Q
    # closer to the target window.
    for _ in range(50 * n * width + 500):
        distance = np.maximum(lo_q - q, 0) + np.maximum(q - hi_q, 0)
        active = (distance > 0) & (stuck < 60)
        if not active.any():
            break
        live = np.flatnonzero(active)
        c = counts[live]
        can_up = c[:, :-1] > 0
        can_down = c[:, 1:] > 0
        keys = rng.random((2, live.size, candidates, width - 1))
        keys[0][~np.broadcast_to(can_up[:, None, :], keys.shape[1:])] = -1.0
        keys[1][~np.broadcast_to(can_down[:, None, :], keys.shape[1:])] = -1.0
        u = keys[0].argmax(axis=2)
        w = keys[1].argmax(axis=2) + 1
        lr = np.arange(live.size)[:, None]
        valid = can_up[lr, u] & can_down[lr, w - 1] & ((u != w) | (c[lr, u] >= 2))
        new_q = q[live, None] + 2 * (levels[u] - levels[w] + 1)
        new_distance = np.maximum(lo_q[live, None] - new_q, 0) + np.maximum(new_q - hi_q[live, None], 0)
        better = valid & (new_distance < distance[live, None])
        has = better.any(axis=1)
        choice = better.argmax(axis=1)
        stuck[live] = np.where(has, 0, stuck[live] + 1)
        go = live[has]
        cu, cw = u[has, choice[has]], w[has, choice[has]]
        np.add.at(counts, (go, cu), -1)
        np.add.at(counts, (go, cu + 1), 1)
        np.add.at(counts, (go, cw), -1)
        np.add.at(counts, (go, cw - 1), 1)
        q[go] = new_q[has, choice[has]]
    return counts, (q >= lo_q) & (q <= hi_q) & (total == T)


def _progress_bar(total):
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    return tqdm(total=total, desc="sprite", unit="sample")


# ---------------------------------------------------------------------------
# Group sizes of a two-group report
# ---------------------------------------------------------------------------

def _printed_number(name, value, decimals):
    """(value, decimals) from a printed string, or a number and explicit/inferred decimals."""
    if isinstance(value, str):
        return float(value.strip().replace("−", "-")), int(decimals_of(value)) if decimals is None else decimals
    v = float(_numbers(name, value).ravel()[0])
    if decimals is None:
        text = repr(v)
        decimals = 0 if v == round(v) else len(text.split(".", 1)[1]) if "e" not in text else 6
    return v, int(decimals)


@returns_result_table
def feasible_group_sizes(mean1, sd1, mean2, sd2, *, t, df, n_total, scale_min, scale_max,
                         decimals_mean1=None, decimals_sd1=None, decimals_mean2=None, decimals_sd2=None,
                         decimals_t=None, decimals_df=None, equal_var=None, items=1, n_min=2):
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
        carry their decimals; for numbers the decimals are 2 unless
        ``decimals_*`` say otherwise.
    t, df : str or float
        The printed t and df.  Give strings (``"2.50"``, ``"75.9"``) so that
        their decimals are known; for numbers the decimals are taken from the
        shortest repr (``2.5`` → 1) unless ``decimals_t`` / ``decimals_df``
        say otherwise.  The sign of t is ignored (papers order groups freely).
    n_total : int or (int, int)
        The total sample size, or the lowest and highest totals to try.
    scale_min, scale_max : int
        Lowest and highest possible answer.
    decimals_mean1, decimals_sd1, decimals_mean2, decimals_sd2 : int, optional
        Decimals each summary was printed with (overrides what a string shows).
    equal_var : bool, optional
        True: only Student's test; False: only Welch's; None (default): a
        split fits if either test fits.
    items : int
        Items averaged into each score.
    n_min : int
        Smallest group size tried.

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

    t_value, t_dec = _printed_number("t", t, decimals_t)
    df_value, df_dec = _printed_number("df", df, decimals_df)

    def summary(name, value, decimals):
        if isinstance(value, str):
            return _printed_number(name, value, decimals)
        return float(_numbers(name, value).ravel()[0]), 2 if decimals is None else int(decimals)

    mean1, decimals_mean1 = summary("mean1", mean1, decimals_mean1)
    sd1, decimals_sd1 = summary("sd1", sd1, decimals_sd1)
    mean2, decimals_mean2 = summary("mean2", mean2, decimals_mean2)
    sd2, decimals_sd2 = summary("sd2", sd2, decimals_sd2)
    if df_value <= 0:
        raise InputError(f"df = {df_value:g}; degrees of freedom must be positive.")
    if equal_var not in (None, True, False):
        raise InputError(f"equal_var={equal_var!r} is not understood; use True, False or None.")
    if isinstance(n_total, (tuple, list, range)):
        bounds = list(n_total)
        if len(bounds) != 2 and not isinstance(n_total, range):
            raise InputError("n_total must be a whole number or a (lowest, highest) pair.")
        first, last = (min(bounds), max(bounds))
    else:
        first = last = _int_scalar("n_total", n_total, minimum=2)
    first, last = _int_scalar("n_total", first, minimum=2), _int_scalar("n_total", last, minimum=2)
    n_min = _int_scalar("n_min", n_min, minimum=2)
    pairs = [(total, n1, total - n1) for total in range(first, last + 1)
             for n1 in range(n_min, total - n_min + 1)]
    if not pairs:
        raise InputError(f"n_total {first}..{last} cannot be split into two groups of at least {n_min}.")
    total, n1, n2 = (np.array(a, dtype=np.int64) for a in zip(*pairs))

    # GRIM, GRIMMER and the SD bounds of a group depend on its own n only:
    # compute them once per possible n and look each split's groups up.
    sizes = np.arange(n_min, last - n_min + 1)

    def per_group(mean, sd, decimals_mean, decimals_sd, n):
        checked = grimmer(mean, sd, sizes, items=items, decimals_mean=decimals_mean, decimals_sd=decimals_sd)
        g, gg = checked["grim_consistent"].to_numpy(), checked["consistent"].to_numpy()
        bounds = sd_bounds(mean, sizes, scale_min, scale_max, items=items, decimals=decimals_mean)
        lo, hi = rounding_interval(sd, decimals_sd)
        inside = ((bounds["sd_min"] <= hi + _EDGE) & (bounds["sd_max"] >= lo - _EDGE)).to_numpy()
        at = n - n_min
        ok, sd_min, sd_max = (bounds[c].to_numpy()[at] for c in ("consistent", "sd_min", "sd_max"))
        return g[at], gg[at], inside[at], (ok, sd_min, sd_max)

    g1, gg1, sb1, b1 = per_group(mean1, sd1, decimals_mean1, decimals_sd1, n1)
    g2, gg2, sb2, b2 = per_group(mean2, sd2, decimals_mean2, decimals_sd2, n2)
    r = t_range(mean1, sd1, n1, mean2, sd2, n2, decimals_mean1=decimals_mean1,
                decimals_sd1=decimals_sd1, decimals_mean2=decimals_mean2, decimals_sd2=decimals_sd2)
    t_lo, t_hi = rounding_interval(abs(t_value), t_dec)
    df_lo, df_hi = rounding_interval(df_value, df_dec)

    def abs_range(low, high):
        low, high = np.asarray(low), np.asarray(high)
        a_lo = np.where(low > 0, low, np.where(high < 0, -high, 0.0))
        a_hi = np.maximum(np.abs(low), np.abs(high))
        return a_lo, a_hi

    s_lo, s_hi = abs_range(r["student_t_low"], r["student_t_high"])
    w_lo, w_hi = abs_range(r["welch_t_low"], r["welch_t_high"])
    student_t = (s_lo <= t_hi + _EDGE) & (s_hi >= t_lo - _EDGE)
    welch_t = (w_lo <= t_hi + _EDGE) & (w_hi >= t_lo - _EDGE)
    student_df = (n1 + n2 - 2 >= df_lo - _EDGE) & (n1 + n2 - 2 <= df_hi + _EDGE)
    wdf_lo, wdf_hi = r["welch_df_low"].to_numpy(), r["welch_df_high"].to_numpy()
    welch_df = (wdf_lo <= df_hi + _EDGE) & (wdf_hi >= df_lo - _EDGE)
    use_student = equal_var in (None, True)
    use_welch = equal_var in (None, False)
    student_fits = use_student & student_df & student_t
    welch_fits = use_welch & welch_df & welch_t
    df_fits = (use_student & student_df) | (use_welch & welch_df)
    t_fits = (use_student & student_t) | (use_welch & welch_t)
    tests = np.where(student_fits & welch_fits, "student, welch",
                     np.where(student_fits, "student", np.where(welch_fits, "welch", "")))
    feasible = g1 & g2 & gg1 & gg2 & sb1 & sb2 & (student_fits | welch_fits)
    reasons = []
    for i in range(total.size):
        why = []
        if not g1[i]:
            why.append(f"GRIM fails for mean1 with n1 = {n1[i]}")
        if not g2[i]:
            why.append(f"GRIM fails for mean2 with n2 = {n2[i]}")
        if g1[i] and not gg1[i]:
            why.append(f"GRIMMER fails for sd1 with n1 = {n1[i]}")
        if g2[i] and not gg2[i]:
            why.append(f"GRIMMER fails for sd2 with n2 = {n2[i]}")
        for j, (ok, (bounded, sd_min, sd_max)) in enumerate(((sb1[i], b1), (sb2[i], b2)), start=1):
            if not ok and bounded[i]:
                why.append(f"sd{j} is outside the SD bounds {sd_min[i]:.3f} to {sd_max[i]:.3f}")
        if not df_fits[i]:
            why.append(f"df {df_value:g} does not fit (Student df = {n1[i] + n2[i] - 2}, Welch df "
                       f"{wdf_lo[i]:.1f} to {wdf_hi[i]:.1f})")
        elif not (student_fits[i] or welch_fits[i]):
            why.append(f"|t| = {abs(t_value):.{t_dec}f} is out of reach (Student {s_lo[i]:.3f} to {s_hi[i]:.3f}, "
                       f"Welch {w_lo[i]:.3f} to {w_hi[i]:.3f})")
        reasons.append("; ".join(why))
    return pd.DataFrame(
        {
            "n_total": total, "n1": n1, "n2": n2, "grim1": g1, "grim2": g2, "grimmer1": gg1,
            "grimmer2": gg2, "sd_bounds1": sb1, "sd_bounds2": sb2, "df_fits": df_fits,
            "t_fits": t_fits, "test": tests, "feasible": feasible, "reason": reasons,
        }
    )

"""statcheck-style extraction: every APA-style test result in a text."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from ._patterns import CLEAN, COMPARISON, regex, text_argument
from ._repairs import repair

__all__ = ["extract", "EXTRACT_COLUMNS"]

#: Columns of :func:`extract`, in order.
EXTRACT_COLUMNS = [
    "test", "df1", "df2", "statistic", "p_comparison", "p_reported", "raw", "start", "end",
    "statistic_comparison", "statistic_decimals", "p_decimals", "one_tailed_mentioned",
    "test_label", "repairs", "readable",
]
_DTYPES = {
    "test": object, "df1": float, "df2": float, "statistic": float, "p_comparison": object,
    "p_reported": float, "raw": object, "start": np.int64, "end": np.int64, "statistic_comparison": object,
    "statistic_decimals": "Int64", "p_decimals": "Int64", "one_tailed_mentioned": bool,
    "test_label": object, "repairs": object, "readable": bool,
}


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
          missing for ``ns``, and for ``p = 2e-5`` counts the exponent; at
          most 400, as no double holds more);
        - ``one_tailed_mentioned``: the sentence says one-tailed, one-sided
          or directional, as whole words (not "bidirectional" or
          "non-directional"), and names no two-tailed test;
        - ``test_label``: the statistic as printed, ``test`` but with
          ``"Qb"``/``"Qw"`` for Q between and within groups;
        - ``repairs``: what was repaired in the result's text before it was
          read ('' when nothing), e.g. "'?' before the number read as a
          minus sign";
        - ``readable``: False for a test's name and df followed by damaged
          text that cannot be read with confidence (``2.?1``); such rows
          keep ``test``, the df and ``raw``, with the other values missing,
          and :func:`check` flags them "unreadable".

    Raises
    ------
    InputTypeError
        When ``text`` is not a string (bytes must be decoded first).

    Notes
    -----
    Text damaged by PDF conversion is repaired first, in the places of a
    result where a damaged glyph can stand for one thing only, and each
    repair is listed in ``repairs`` (``raw`` and the offsets still point
    into the original text): ligatures and soft hyphens; words hyphenated at
    a line break; a minus sign lost as ``?``, U+FFFD or a control character
    standing where the sign goes (``t(68) = ?2.15``); ``=`` lost as ``<bc>``
    or ``p`` and ``<`` as ``b`` or ``!`` (``F(1, 127) p 6.36, p ! .05``);
    stray control characters beside a symbol; χ lost as ``?``, ``??`` or
    ``B`` before ``2(df)``; ``chi_2``; ``G2`` (likelihood-ratio χ²) and
    ``BF(df1, df2)`` (Brown–Forsythe F), read as χ² and F as statcheck
    does.  A control character in the p slot is never read as a minus (p
    has no sign).  These repairs were designed on, and read 115 of the 115
    damaged results hand-coded by statcheck's authors
    (``benchmarks/measure_statcheck.py``; statcheck 1.4.0 reads 3).

    Characters are then normalised one for one: the minus sign U+2212,
    hyphens and en dashes become ``-``; non-breaking, thin and other
    Unicode spaces become spaces; Greek capital chi becomes χ.  Test names
    are case-sensitive as in statcheck (``t``, ``r``, ``F``, ``Q``; ``z`` or
    ``Z``), but ``P`` is read like ``p`` and ``NS`` like ``ns``.  Results
    statcheck 1.4.0 reads that this function does not: χ² results whose
    letter is none of χ, chi, X, G, B or ``?`` (statcheck takes *any*
    single character before ``(df)``, e.g. ``H(2) = 3.1``, as χ²).  Text is
    scanned with linear-time regular expressions
    (``benchmarks/bench_audit.py``).

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

    text = text_argument(text)
    fixed = repair(text)
    clean = fixed.text.translate(CLEAN)
    found = [(m.start(), m.end(), _read(m, fixed)) for m in regex("result").finditer(clean)]
    found = sorted(found + _unreadable(clean, fixed, found), key=lambda x: x[0])
    rows, starts = [r for _, _, r in found], [s for s, _, _ in found]
    table = pd.DataFrame(rows, columns=[c for c in EXTRACT_COLUMNS if c != "one_tailed_mentioned"])
    table.insert(EXTRACT_COLUMNS.index("one_tailed_mentioned"), "one_tailed_mentioned",
                 _one_tailed_mentioned(clean, np.array(starts, dtype=np.int64)))
    return table.astype(_DTYPES)


def _read(m, fixed):
    """One row of :func:`extract` from a match of the result pattern in the repaired text."""
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
        p_comp = COMPARISON[g["pcomp"]]
        p_text = g["p"]
        mantissa, _, exponent = p_text.lower().partition("e")
        p_rep = float(p_text)
        p_dec = _decimals(mantissa, exponent)
    label = test if test != "Q" or not g["Q_part"] else "Q" + g["Q_part"][0].lower()
    start, end = fixed.original_span(m.start(), m.end())
    return (test, df1, df2, statistic, p_comp, p_rep, fixed.original[start:end], start, end,
            COMPARISON[g["scomp"]], stat_dec, p_dec, label, fixed.notes(m.start(), m.end()), True)


#: Decimals beyond this are counted as this many: no double holds more (``p = 1e-99999`` is 0.0).
MAX_DECIMALS = 400


def _decimals(mantissa, exponent):
    """The decimals of a printed p (``.05`` -> 2, ``2.1e-5`` -> 6), within +-:data:`MAX_DECIMALS`.

    The exponent's digits are not converted when they are many (Python refuses
    ints of over 4,300 digits, and the int64 column would overflow).
    """
    places = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
    digits = exponent.lstrip("+-").lstrip("0")
    if len(digits) > 6:
        return -MAX_DECIMALS if not exponent.startswith("-") else MAX_DECIMALS
    return int(min(max(places - (int(exponent) if exponent else 0), -MAX_DECIMALS), MAX_DECIMALS))


def _unreadable(clean, fixed, found):
    """Rows for each test name and df whose result is damaged and was not read.

    A head (``t(68)``, ``F(1, 20)``, ``χ2(3)``, ``r(40)``) outside every
    result read, followed on its line by a damaged glyph (``?``, U+FFFD, a
    tag such as ``<xy>``) or by text that needed repair, is reported with
    ``readable`` False and what was seen, rather than guessed or dropped.
    """
    import bisect

    spans = sorted((s, e) for s, e, _ in found)
    span_starts = [s for s, _ in spans]
    extra = []
    for m in regex("head").finditer(clean):
        k = bisect.bisect_right(span_starts, m.start()) - 1
        if k >= 0 and m.start() < spans[k][1]:
            continue
        end = m.end() + regex("tail_end").search(clean[m.end():m.end() + 30] + "\n").start()
        tail = clean[m.end():end]
        note = fixed.notes(m.start(), end)
        if not (note or "?" in tail or "\ufffd" in tail or regex("tag").search(tail)):
            continue
        head = m.group()
        test = {"t": "t", "r": "r", "F": "F"}.get(head[0], "chi2")
        numbers = [1.0 if x in ("I", "l") else float(x)
                   for x in regex("number").findall(head[head.index("(") + 1:])]
        df1 = numbers[0] if test in ("F", "chi2") else np.nan
        df2 = numbers[0] if test in ("t", "r") else numbers[1] if test == "F" else np.nan
        start, stop = fixed.original_span(m.start(), end)
        extra.append((m.start(), end, (test, df1, df2, np.nan, None, np.nan, fixed.original[start:stop], start,
                                       stop, None, None, None, test, note, False)))
    return extra


def _one_tailed_mentioned(clean, starts):
    """For each result start, does its sentence claim a one-tailed test?

    Whole words only ("bidirectional", "directionality" and "non-directional"
    are not mentions), and a sentence that also names a two-tailed (or
    two-sided, non-directional) test makes no one-tailed claim.
    """
    if starts.size == 0:
        return np.zeros(0, dtype=bool)
    breaks = np.array([0] + [m.end() for m in regex("sentence").finditer(clean)] + [len(clean) + 1])
    sentence = np.searchsorted(breaks, starts, side="right") - 1
    lo, hi = breaks[sentence], breaks[sentence + 1]

    def mentioned(name):
        at = np.array([m.start() for m in regex(name).finditer(clean)], dtype=np.int64)
        return np.searchsorted(at, hi) > np.searchsorted(at, lo)

    return mentioned("one_tailed") & ~mentioned("two_tailed")

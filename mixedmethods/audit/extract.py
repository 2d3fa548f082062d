"""statcheck-style extraction: every APA-style test result in a text."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from ._patterns import CLEAN, COMPARISON, regex, text_argument

__all__ = ["extract", "EXTRACT_COLUMNS"]

#: Columns of :func:`extract`, in order.
EXTRACT_COLUMNS = [
    "test", "df1", "df2", "statistic", "p_comparison", "p_reported", "raw", "start", "end",
    "statistic_comparison", "statistic_decimals", "p_decimals", "one_tailed_mentioned",
]


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

    text = text_argument(text)
    clean = text.translate(CLEAN)
    rows = []
    for m in regex("result").finditer(clean):
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
            p_dec = (len(mantissa.split(".", 1)[1]) if "." in mantissa else 0) - (
                int(exponent) if exponent else 0)
        rows.append(
            (test, df1, df2, statistic, p_comp, p_rep, text[m.start():m.end()], m.start(), m.end(),
             COMPARISON[g["scomp"]], stat_dec, p_dec)
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
    breaks = np.array([0] + [m.end() for m in regex("sentence").finditer(clean)] + [len(clean) + 1])
    mentions = np.array([m.start() for m in regex("one_tailed").finditer(clean)], dtype=np.int64)
    sentence = np.searchsorted(breaks, starts, side="right") - 1
    lo, hi = breaks[sentence], breaks[sentence + 1]
    return np.searchsorted(mentions, hi) > np.searchsorted(mentions, lo)

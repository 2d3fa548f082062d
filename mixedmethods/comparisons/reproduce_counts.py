"""Which test of a table of counts did a paper print?  Re-run a demographics table from its n (%)."""
from __future__ import annotations

import numpy as np

from .._tables import returns_result_table
from .._validation import InputError, check_columns
from ._reproduce import (
    cannot_be, join_tests, p_column, p_range_fits, printed_column, show, show_p, value_fits, verdict,
)
from .counts import compare_counts

__all__ = ["reproduce_counts", "COUNTS_VARIANTS"]

#: The tests tried, in order of plausibility when every expected count is at least 5;
#: with a smaller expected count ``fisher`` comes first (the rule authors follow).
COUNTS_VARIANTS = ("pearson", "yates", "fisher", "likelihood_ratio")
_CELLS = ("comparison", "group", "level", "n")
_PRINTED = ("statistic", "df", "p")
_OUT = ["comparison", "n", "df", "pearson_statistic", "pearson_p", "yates_statistic", "yates_p",
        "likelihood_ratio_statistic", "likelihood_ratio_p", "fisher_p", "min_expected",
        "matched_test", "consistent", "verdict"]


@returns_result_table
def reproduce_counts(cells, printed=None, *, alpha=0.05):
    """Which test of a table of counts reproduces each printed comparison, and what cannot be true.

    Parameters
    ----------
    cells : pandas.DataFrame
        The table as printed, in long form: one row per cell with columns
        ``comparison`` (which table), ``group`` (row, e.g. women / men),
        ``level`` (e.g. an age band) and ``n`` (its count); optional
        ``percent`` as printed (a string keeps its decimals: ``"45.20"``; blank
        where none) is checked against ``n`` / the group's total in that
        comparison (the verdict says when it is ``n`` / the level's total
        instead: column percentages).
    printed : pandas.DataFrame, optional
        One row per comparison: ``comparison`` and ``p`` (``".013"``,
        ``"< .001"``, ``"ns"``), optionally ``statistic`` (chi-square) and
        ``df``, as printed (strings).  When None, ``p``, ``statistic`` and
        ``df`` are read from ``cells`` (the first non-blank value of each
        comparison), so one CSV can hold everything.
    alpha : float
        The level ``"ns"`` is read against.

    Returns
    -------
    pandas.DataFrame
        One row per comparison, in order of appearance in ``cells``:
        ``comparison``, ``n``, ``df``; the recomputed ``pearson_statistic``,
        ``pearson_p``, ``yates_statistic``, ``yates_p`` (NaN unless 2 x 2),
        ``likelihood_ratio_statistic``, ``likelihood_ratio_p``, ``fisher_p``
        and ``min_expected`` (see :func:`compare_counts`); ``matched_test``
        (every test of :data:`COUNTS_VARIANTS` that reproduces every printed
        number within its rounding, comma-separated in order of
        plausibility, ``fisher`` first when an expected count is below 5;
        empty when none does; ``fisher`` has no statistic, so it cannot match
        a printed chi-square); ``consistent`` (every printed percentage is n /
        group total within its rounding and some test matches); ``verdict``
        (each printed number that cannot be true and what it should have
        been).

    Raises
    ------
    InputError
        Everything :func:`compare_counts` refuses (negative or fractional
        counts, a single group, an empty group or level), a printed p outside
        [0, 1], a percentage outside [0, 100], a comparison printed twice or
        printed but absent from ``cells``.

    Examples
    --------
    >>> import pandas as pd
    >>> cells = pd.DataFrame({"comparison": ["smoker"] * 4, "group": ["women", "women", "men", "men"],
    ...                       "level": ["yes", "no", "yes", "no"], "n": [12, 5, 6, 11],
    ...                       "percent": ["70.6", "29.4", "35.3", "65.7"]})
    >>> printed = pd.DataFrame({"comparison": ["smoker"], "statistic": ["4.25"], "df": ["1"], "p": [".039"]})
    >>> res = reproduce_counts(cells, printed)
    >>> res.loc[0, "matched_test"], bool(res.loc[0, "consistent"])
    ('pearson', False)
    >>> print(res.loc[0, "verdict"])
    men, no: 65.7% cannot be true: it should have been 64.7% (11 of 17).
    """
    import pandas as pd

    if not isinstance(cells, pd.DataFrame):
        raise InputError(f"cells must be a pandas DataFrame in long form, got {type(cells).__name__}.")
    check_columns(cells, _CELLS, what="cells column", argument="cells")
    printed = _printed_table(cells, printed)
    tests = compare_counts(cells, between="group", dv="level", n="n", comparison="comparison")
    comparisons = list(pd.unique(tests["comparison"]))
    unknown = [c for c in printed["comparison"] if c not in set(comparisons)]
    if unknown:
        raise InputError(f"printed comparison {unknown[0]!r} is not in cells; cells has {comparisons!r}.")
    printed = printed.set_index("comparison")
    p_cmp, p_val, p_dec = _read_p(printed)
    stat_val, stat_dec = printed_column(printed, "statistic")
    df_val, df_dec = printed_column(printed, "df")
    percent_problems = _percent_problems(cells)
    by_test = tests.set_index(["comparison", "test"])
    rows = []
    for comparison in comparisons:
        one = by_test.loc[comparison]
        where = printed.index.get_loc(comparison) if comparison in printed.index else None
        said = dict(p=("", np.nan, 0), statistic=(np.nan, 0), df=(np.nan, 0))
        if where is not None:
            said = dict(p=(p_cmp[where], p_val[where], p_dec[where]), statistic=(stat_val[where], stat_dec[where]),
                        df=(df_val[where], df_dec[where]))
        rows.append(_one_row(comparison, one, said, percent_problems.get(comparison, []), alpha))
    out = pd.DataFrame(rows, columns=_OUT)
    out["consistent"] = out["consistent"].astype(bool)
    return out


def _printed_table(cells, printed):
    """The printed numbers, one row per comparison (from ``cells`` when ``printed`` is None)."""
    import pandas as pd

    if printed is None:
        present = [c for c in _PRINTED if c in cells.columns]
        if not present:
            raise InputError("give printed= (comparison, p, optional statistic, df) or p columns in cells.")
        blank = cells[present].apply(lambda s: s.map(lambda v: v if not (isinstance(v, str) and not v.strip())
                                                      else None))
        firsts = blank.assign(comparison=cells["comparison"]).groupby("comparison", sort=False).first()
        return firsts.reset_index()
    if not isinstance(printed, pd.DataFrame):
        raise InputError(f"printed must be a pandas DataFrame, got {type(printed).__name__}.")
    check_columns(printed, ["comparison", "p"], what="printed column", argument="printed")
    twice = printed["comparison"][printed["comparison"].duplicated()]
    if len(twice):
        raise InputError(f"comparison {twice.iloc[0]!r} is printed twice; give one row per comparison.")
    return printed


def _read_p(printed):
    """The printed p values, checked to lie in [0, 1]."""
    try:
        comparison, value, decimals = p_column(printed)
    except ValueError as error:
        raise InputError(str(error)) from None
    outside = np.flatnonzero((value < 0) | (value > 1))
    if outside.size:
        i = outside[0]
        raise InputError(f"printed p of comparison {printed.index[i]!r} is {value[i]:g}, outside [0, 1].")
    return comparison, value, decimals


def _percent_problems(cells):
    """Per comparison, the printed percentages that are not n / group total, in words."""
    from ..audit import percent_counts

    if "percent" not in cells.columns:
        return {}
    text = cells["percent"].map(lambda v: v.strip() if isinstance(v, str) else v)
    given = text.notna() & (text != "")
    if not given.any():
        return {}
    rows = cells.loc[given, list(_CELLS)].copy()
    import pandas as pd

    counts = pd.to_numeric(cells["n"])
    n = counts.loc[given]
    totals = counts.groupby([cells["comparison"], cells["group"]], sort=False).transform("sum").loc[given]
    values, decimals = printed_column(text.loc[given].to_frame("percent"), "percent", allow_missing=False)
    bad = np.flatnonzero((values < 0) | (values > 100))
    if bad.size:
        raise InputError(f"percent {values[bad[0]]:g} in row {rows.index[bad[0]]!r} is outside [0, 100].")
    level_totals = counts.groupby([cells["comparison"], cells["level"]], sort=False).transform("sum").loc[given]

    def fits(denominators):
        found = percent_counts(values, denominators.to_numpy(np.int64), decimals=decimals)
        return (n.to_numpy() >= found["count_low"].to_numpy()) & (n.to_numpy() <= found["count_high"].to_numpy())

    ok, of_level = fits(totals), fits(level_totals)
    out = {}
    for i in np.flatnonzero(~ok):
        row = rows.iloc[i]
        printed_text = f"{show(values[i], decimals[i])}%"
        should = f"{show(100 * n.iloc[i] / totals.iloc[i], decimals[i])}% ({int(n.iloc[i])} of {int(totals.iloc[i])})"
        if of_level[i]:
            should += f"; it is {int(n.iloc[i])} of the level's {int(level_totals.iloc[i])}: a column percentage?"
        out.setdefault(row["comparison"], []).append(
            cannot_be(f"{row['group']}, {row['level']}", printed_text, should).replace(" = ", ": ", 1))
    return out


def _one_row(comparison, one, said, problems, alpha):
    """The output row of one comparison: recomputed tests, matches and verdict."""
    p_cmp, p_val, p_dec = said["p"]
    tests = list(one.index)
    statistic, df, p = (one[c].to_numpy(float) for c in ("statistic", "df", "p"))
    fits = (p_range_fits(p, p, np.full(len(p), p_cmp, dtype=object), np.full(len(p), p_val), p_dec, alpha=alpha)
            & value_fits(statistic, *said["statistic"]) & value_fits(df, *said["df"]))
    small = one["min_expected"].iloc[0] < 5
    order = (["fisher"] if small else []) + [t for t in COUNTS_VARIANTS if not (small and t == "fisher")]
    matched = join_tests(t for t in order if t in tests and fits[tests.index(t)])
    problems = list(problems)
    if not matched:
        problems += _test_problems(tests, statistic, df, p, said, alpha)
    get = one.reindex(list(COUNTS_VARIANTS))
    return {
        "comparison": comparison, "n": int(one["n"].iloc[0]), "df": one["df"].iloc[0],
        "pearson_statistic": get.loc["pearson", "statistic"], "pearson_p": get.loc["pearson", "p"],
        "yates_statistic": get.loc["yates", "statistic"], "yates_p": get.loc["yates", "p"],
        "likelihood_ratio_statistic": get.loc["likelihood_ratio", "statistic"],
        "likelihood_ratio_p": get.loc["likelihood_ratio", "p"], "fisher_p": get.loc["fisher", "p"],
        "min_expected": one["min_expected"].iloc[0], "matched_test": matched,
        "consistent": bool(matched) and not problems, "verdict": verdict(problems, matched),
    }


def _test_problems(tests, statistic, df, p, said, alpha):
    """Why no test matches: each printed number no test gives, with what the tests give."""
    p_cmp, p_val, p_dec = said["p"]
    stat_val, stat_dec = said["statistic"]
    df_val, _ = said["df"]
    out = []
    chi = [i for i, t in enumerate(tests) if t != "fisher"]
    if not np.isnan(df_val) and not value_fits(df[chi], df_val, 0).any():
        out.append(cannot_be("df", show(df_val, 0), " or ".join(sorted({show(d, 0) for d in df[chi]}))))
    stat_fits = value_fits(statistic, stat_val, stat_dec)
    if not np.isnan(stat_val) and not stat_fits.any():
        given = ", ".join(f"{tests[i]} {show(statistic[i], stat_dec)}" for i in chi)
        out.append(cannot_be("χ²", show(stat_val, stat_dec), f"{given} from these counts"))
    p_fits = p_range_fits(p, p, np.full(len(p), p_cmp, dtype=object), np.full(len(p), p_val), p_dec, alpha=alpha)
    if p_cmp and not p_fits.any():
        shown = "ns" if p_cmp == "ns" else (f"{p_cmp} " if p_cmp != "=" else "") + show_p(p_val, p_dec)
        given = ", ".join(f"{t} {show_p(p[i], max(3, p_dec))}" for i, t in enumerate(tests))
        sentence = cannot_be("p", shown, f"{given} from these counts")
        out.append(sentence.replace("p = <", "p <", 1).replace("p = >", "p >", 1).replace("p = ns", "ns", 1))
    if not out:
        s = [tests[i] for i in np.flatnonzero(stat_fits)] if not np.isnan(stat_val) else []
        q = [tests[i] for i in np.flatnonzero(p_fits)]
        out.append(f"no single test gives every printed number: the statistic fits {join_tests(s) or 'none'}, "
                   f"p fits {join_tests(q) or 'none'}")
    return out

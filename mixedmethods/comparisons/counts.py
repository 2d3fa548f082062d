"""Tests of a contingency table of counts: Pearson, Yates, likelihood ratio and Fisher's exact test.

A demographics table of n (%) by group prints one of four p values; this
module computes all of them, as rows named in ``test``, for one table or many
(vectorised over tables of the same shape).
"""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from .._limits import Deadline
from .._tables import returns_result_table
from .._validation import InputError, check_confidence_level, is_label, label_list
from ._count_tables import from_long, from_table
from ._fisher import conditional_odds_ratio, fisher_2x2, fisher_rxc

__all__ = ["compare_counts", "COUNTS_COLUMNS", "COUNTS_TESTS"]

#: Columns of :func:`compare_counts`, in order.
COUNTS_COLUMNS = [
    "comparison", "test", "statistic", "df", "p", "n", "n_groups", "n_levels", "groups", "levels",
    "min_expected", "cramers_v", "odds_ratio", "odds_ratio_ci_low", "odds_ratio_ci_high",
    "risk_difference", "risk_difference_ci_low", "risk_difference_ci_high", "confidence_level",
]

#: The tests, in the order of their rows (``yates`` only for 2 x 2 tables).
COUNTS_TESTS = ("pearson", "yates", "likelihood_ratio", "fisher")

_RETURNS_DOC = """
    Returns
    -------
    pandas.DataFrame
        One block of rows per table, in order of appearance: ``test`` =
        ``"pearson"`` (chi-square without correction), ``"yates"`` (with
        Yates' continuity correction, 2 x 2 tables only), ``"likelihood_ratio"``
        (G test) and ``"fisher"`` (exact; left out with ``fisher=False``).
        Columns:

        - ``comparison``: the table (``"table"`` for a single table, the
          ``comparison`` value, or the ``dv`` column from raw data);
        - ``test``; ``statistic`` (chi-square or G; NaN on the ``fisher`` row,
          which has no statistic), ``df`` (``(groups - 1) x (levels - 1)``; NaN
          on the ``fisher`` row), ``p`` (two-sided);
        - ``n``, ``n_groups``, ``n_levels``; ``groups`` and ``levels``: their
          labels in the order used, comma-separated;
        - ``min_expected``: the smallest expected count (the "below 5" rule);
        - ``cramers_v``: sqrt(X² / (n (min(groups, levels) − 1))) from the
          Pearson X², the same on every row;
        - 2 x 2 tables only (NaN otherwise), comparing the first group with
          the second on the first level, for the table [[a, b], [c, d]]:
          ``odds_ratio`` with ``odds_ratio_ci_low``/``_high`` — on the
          chi-square rows the sample odds ratio (a d) / (b c) with Woolf's
          interval exp(log OR ± z sqrt(1/a + 1/b + 1/c + 1/d)) ([0, ∞] when a
          cell is 0; SPSS's "Risk Estimate"), on the ``fisher`` row the
          conditional maximum-likelihood estimate with its exact interval, as
          R's ``fisher.test`` prints them; ``risk_difference`` =
          a / (a + b) − c / (c + d) with the Wald interval clipped to [−1, 1]
          (R's ``prop.test(correct = FALSE)``), the same on every row;
        - ``confidence_level``.
"""


def _chi2_sf(statistic, df):
    from scipy.special import chdtrc

    return chdtrc(df, statistic)


def _fisher_each(counts, labels, deadline):
    """Fisher's exact p of each r x c table, naming the comparison of a table too large or too slow."""
    p = np.empty(len(counts))
    for i, table in enumerate(counts):
        try:
            p[i] = fisher_rxc(table, deadline=deadline)
        except InputError as error:
            where = "" if labels[i] == "table" else f"comparison {labels[i]!r}: "
            raise InputError(f"{where}{error} Or pass fisher=False to leave Fisher's test out.") from None
    return p


def _stack_statistics(counts, fisher, labels, deadline):
    """Every test for a stack of same-shape tables; a dict of per-test column arrays."""
    t, r, c = counts.shape
    n = counts.sum(axis=(1, 2))
    expected = counts.sum(axis=2)[:, :, None] * counts.sum(axis=1)[:, None, :] / n[:, None, None]
    deviation = counts - expected
    pearson = (deviation**2 / expected).sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        g_terms = np.where(counts > 0, counts * np.log(counts / expected), 0.0)
    g = 2 * g_terms.sum(axis=(1, 2))
    df = float((r - 1) * (c - 1))
    rows = {"pearson": (pearson, np.full(t, df), _chi2_sf(pearson, df))}
    if (r, c) == (2, 2):
        # R's chisq.test: YATES <- min(0.5, abs(x - E)), the smallest over the cells
        shift = np.minimum(0.5, np.abs(deviation).min(axis=(1, 2)))
        yates = ((np.abs(deviation) - shift[:, None, None]) ** 2 / expected).sum(axis=(1, 2))
        rows["yates"] = (yates, np.full(t, 1.0), _chi2_sf(yates, 1.0))
    rows["likelihood_ratio"] = (g, np.full(t, df), _chi2_sf(g, df))
    if fisher:
        if (r, c) == (2, 2):
            p = fisher_2x2(counts[:, 0, 0], counts[:, 0, 1], counts[:, 1, 0], counts[:, 1, 1])
        else:
            p = _fisher_each(counts, labels, deadline)
        rows["fisher"] = (np.full(t, np.nan), np.full(t, np.nan), p)
    v = np.sqrt(pearson / (n * (min(r, c) - 1)))
    return rows, n, expected.min(axis=(1, 2)), v


def _two_by_two(counts, confidence_level, fisher):
    """Odds ratios (Woolf; conditional for Fisher's row) and risk difference (Wald); NaN unless 2 x 2."""
    from scipy.special import ndtri

    t = counts.shape[0]
    if counts.shape[1:] != (2, 2):
        nothing = [np.full(t, np.nan)] * 3
        return nothing, nothing, nothing
    a, b, c, d = counts[:, 0, 0], counts[:, 0, 1], counts[:, 1, 0], counts[:, 1, 1]
    z = ndtri(1 - (1 - confidence_level) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = a * d / (b * c)
        se = np.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
        zero = (a == 0) | (b == 0) | (c == 0) | (d == 0)
        or_low = np.where(zero, 0.0, np.exp(np.log(odds) - z * se))
        or_high = np.where(zero, np.inf, np.exp(np.log(odds) + z * se))
    p1, p2 = a / (a + b), c / (c + d)
    diff = p1 - p2
    width = z * np.sqrt(p1 * (1 - p1) / (a + b) + p2 * (1 - p2) / (c + d))
    conditional = list(conditional_odds_ratio(a, b, c, d, confidence_level)) if fisher else None
    return ([odds, or_low, or_high], conditional,
            [diff, np.maximum(diff - width, -1), np.minimum(diff + width, 1)])


def _block(tables, fisher, confidence_level, deadline):
    """The result columns of one stack of tables, one row per (table, test)."""
    rows, n, min_expected, v = _stack_statistics(tables.counts, fisher, tables.comparisons, deadline)
    woolf, conditional, difference = _two_by_two(tables.counts, confidence_level, fisher)
    tests = list(rows)
    k, t = len(tests), len(n)
    r, c = tables.counts.shape[1:]

    def each(values):
        return np.repeat(values, k)

    def joined(labels):
        return np.repeat(np.array([", ".join(map(str, x)) for x in labels], dtype=object), k)

    comparisons = np.empty(t, dtype=object)
    comparisons[:] = tables.comparisons
    columns = {
        "comparison": each(comparisons),
        "test": np.tile(np.array(tests, dtype=object), t),
        "statistic": np.column_stack([rows[x][0] for x in tests]).ravel(),
        "df": np.column_stack([rows[x][1] for x in tests]).ravel(),
        "p": np.column_stack([rows[x][2] for x in tests]).ravel(),
        "n": each(n.astype(np.int64)), "n_groups": np.full(t * k, r), "n_levels": np.full(t * k, c),
        "groups": joined(tables.groups), "levels": joined(tables.levels),
        "min_expected": each(min_expected), "cramers_v": each(v),
    }
    for name, sample, exact in zip(COUNTS_COLUMNS[12:15], woolf, conditional or woolf):
        columns[name] = np.column_stack([exact if x == "fisher" else sample for x in tests]).ravel()
    for name, values in zip(COUNTS_COLUMNS[15:18], difference):
        columns[name] = each(values)
    columns["confidence_level"] = np.full(t * k, confidence_level)
    return columns, np.repeat(tables.order, k), np.tile(np.arange(k), t)


@returns_result_table
@append_doc(_RETURNS_DOC, """
    Notes
    -----
    Pearson's X² = Σ (O − E)² / E and G = 2 Σ O log(O / E) (0 log 0 = 0) on
    (groups − 1)(levels − 1) df; Yates' statistic Σ (|O − E| − s)² / E with
    s = min(0.5, min |O − E|), as R's ``chisq.test``.  Fisher's two-sided p
    sums the probabilities (given both margins) of every table at most as
    probable as the observed one (times 1 + 1e−7, as R).  It is exact for r x c
    tables: an enumeration over the columns that merges partial tables with
    the same remaining row totals and sums whole branches at once when their
    completions are all below (or drops them when all above) the observed
    probability — the idea of R's network algorithm.  It refuses a table for
    which one step would hold more than 20 million partial tables (an
    :class:`~mixedmethods.InputError` naming the table's size); tables papers
    print (2 x c with n of a few hundred; 3 x 3 or 4 x 4 with n near 100) take
    milliseconds to a second.  SciPy's ``fisher_exact`` is exact only for 2 x 2
    (a Monte Carlo estimate beyond).

    Validated against R 4: ``chisq.test(correct = FALSE)``, ``chisq.test()``,
    G from its formula with ``pchisq``, ``fisher.test`` (2 x 2 and r x c) and
    ``prop.test(correct = FALSE)`` to 1e−6 relative; Woolf's interval against
    its formula and ``scipy.stats.contingency.odds_ratio(kind="sample")``; the
    conditional odds ratio and its interval against ``fisher.test``'s own code
    solved to 1e−13 (``fisher.test`` itself stops at ``uniroot``'s default
    tolerance, e.g. 621.93 for 626.24) and ``odds_ratio(kind="conditional")``.

    Examples
    --------
    >>> import mixedmethods as mm
    >>> res = mm.compare_counts([[12, 5], [6, 11]])
    >>> res[["test", "statistic", "df", "p"]].round(4)
                   test  statistic   df       p
    0           pearson     4.2500  1.0  0.0393
    1             yates     2.9514  1.0  0.0858
    2  likelihood_ratio     4.3447  1.0  0.0371
    3            fisher        NaN  NaN  0.0844
    >>> round(float(res.loc[0, "odds_ratio"]), 3)
    4.4

    From raw answers, one row per person:

    >>> import pandas as pd
    >>> people = pd.DataFrame({"sex": ["w", "w", "w", "m", "m", "m"],
    ...                        "answer": ["yes", "yes", "no", "no", "no", "yes"]})
    >>> mm.compare_counts(people, between="sex", dv="answer")[["comparison", "groups", "levels", "n"]].head(1)
      comparison groups   levels  n
    0     answer   w, m  yes, no  6
""")
def compare_counts(table, *, between=None, dv=None, n=None, comparison=None, fisher=True,
                   confidence_level=0.95, max_seconds=30.0):
    """Chi-square (Pearson, Yates), likelihood-ratio and Fisher's exact tests of a table of counts.

    Parameters
    ----------
    table : array-like or pandas.DataFrame
        Either **a table of counts**, rows = groups and columns = levels (a
        wide DataFrame keeps its index and columns as labels), with
        ``between``, ``dv`` and ``n`` left out; or **a long DataFrame**:

        - raw data, one row per person: ``between`` names the group column
          and ``dv`` the answer column (a list of columns gives one table per
          column); rows missing either are left out;
        - counts in long form: ``between``, ``dv`` and ``n`` name the group,
          level and count columns, one row per cell (a cell not given counts
          0); ``comparison`` names a column that splits the rows into many
          tables (one block of result rows per comparison).

        Groups and levels keep their order of first appearance.
    between, dv, n, comparison : str, optional
        Columns of a long DataFrame, as above.
    fisher : bool
        Whether to run Fisher's exact test (a ``fisher`` row per table).
    confidence_level : float
        For the odds-ratio and risk-difference intervals.
    max_seconds : float
        Time limit of the exact enumeration of Fisher's test for r x c tables
        larger than 2 x 2, over all the tables of one call (default 30 s);
        past it an :class:`~mixedmethods.InputError` names the table.  Tables
        papers print (n up to a few hundred, 2 x 4) take milliseconds.

    Raises
    ------
    InputError
        A count that is negative, fractional or missing; a table with a
        single row or column; an empty group or level (a row or column of
        zeros: drop it); a cell given twice; a table too large for Fisher's
        exact test, or whose enumeration runs past ``max_seconds`` (pass
        ``fisher=False``).
    """
    import pandas as pd

    confidence_level = check_confidence_level(confidence_level)
    deadline = Deadline(max_seconds)
    if isinstance(table, pd.DataFrame) and (between is not None or dv is not None):
        if between is None or dv is None:
            raise InputError("give both between= (the group column) and dv= (the answer or level column).")
        if n is None and not is_label(dv):
            if comparison is not None:
                raise InputError("comparison= splits counts in long form; with raw data give dv= a list of columns.")
            dv = label_list("dv", dv)
            long = table.melt(id_vars=[between], value_vars=dv, var_name="_comparison", value_name="_level")
            stacks = from_long(long, between, "_level", None, "_comparison", sum_duplicates=True)
        else:
            stacks = from_long(table, between, dv, n, comparison if n is not None else None,
                               sum_duplicates=n is None)
            if n is None:
                for s in stacks:
                    s.comparisons = [dv] * len(s.comparisons)
    elif n is not None or comparison is not None:
        raise InputError("n= and comparison= name columns of a long DataFrame; give between= and dv= too.")
    else:
        stacks = from_table(table)
    columns, positions, test_order = {}, [], []
    for stack in stacks:
        block, position, order = _block(stack, fisher, confidence_level, deadline)
        for name, values in block.items():
            columns.setdefault(name, []).append(values)
        positions.append(position)
        test_order.append(order)
    result = pd.DataFrame({name: np.concatenate(parts) for name, parts in columns.items()})
    order = np.lexsort((np.concatenate(test_order), np.concatenate(positions)))
    return result.iloc[order].reset_index(drop=True)[COUNTS_COLUMNS]


"""Between-subjects ANOVA from raw data or from the cell statistics papers print.

One factor: the classic F test, Welch's and Brown–Forsythe's tests of equal
means (the robust tests SPSS prints), and Mehrotra's refinement of the latter.
Two factors: the Type III table of SPSS and JASP (sum-to-zero contrasts), from
cell means, SDs and ns alone.  Both take many outcomes (or many papers' tables)
in one call and compute them as arrays.
"""
from __future__ import annotations

import warnings

import numpy as np

from .._docs import append_doc
from .._validation import InputError, InputTypeError, check_columns, label_list, show_value
from ._anova_formulas import ONEWAY_TESTS, factorial_type3, oneway
from ._inputs import numeric_block, outcome_columns

__all__ = ["anova", "anova_summary", "ANOVA_COLUMNS"]

#: Columns of :func:`anova` and :func:`anova_summary`, in order (one and two factors alike).
ANOVA_COLUMNS = [
    "dv", "effect", "test", "n_groups", "n", "F", "df1", "df2", "p",
    "sum_squares", "mean_square", "error_sum_squares", "error_mean_square",
    "eta_squared", "omega_squared", "partial_eta_squared",
]

_RETURNS_DOC = """
    Returns
    -------
    pandas.DataFrame
        One row per outcome and test (one factor) or per outcome and effect
        (two factors); the columns are the same in both cases:

        - ``dv``: the outcome;
        - ``effect``: the factor tested (``between``, or ``a``, ``b`` and
          ``a:b`` named after the two factors);
        - ``test``: one factor: ``"anova"`` (classic F), ``"welch"``,
          ``"brown_forsythe"`` (Brown & Forsythe 1974, as SPSS prints it:
          ``df1 = k - 1``) and ``"brown_forsythe_mehrotra"`` (the same F with
          Mehrotra's 1997 df1, as statsmodels' ``use_var="bf"``); two factors:
          ``"anova"`` (Type III, sum-to-zero contrasts);
        - ``n_groups``: groups (one factor) or cells (two factors); ``n``: total;
        - ``F``, ``df1``, ``df2``, ``p``;
        - ``sum_squares``, ``mean_square`` of the effect and
          ``error_sum_squares``, ``error_mean_square`` (within groups): on the
          ``"anova"`` rows only; NaN on the Welch and Brown–Forsythe rows,
          which have no such decomposition;
        - ``eta_squared`` = SSB / SST and ``omega_squared`` =
          (SSB − df1·MSW) / (SST + MSW): one factor, repeated on every row of
          an outcome (as SPSS prints one set of effect sizes); NaN for two
          factors, where the Type III sums of squares do not add up to the total;
        - ``partial_eta_squared`` = SS / (SS + SS error): what SPSS and JASP
          print for two factors; for one factor it equals ``eta_squared``.

        Welch's test is undefined (NaN, with a warning) for an outcome in which
        some group has SD 0.
"""

_NOTES = """
    Notes
    -----
    Everything is computed from each group's (or cell's) n, mean and SD, so
    the raw-data and summary paths agree to rounding error.  One factor:
    ``SSB = Σ n (m − M)²``, ``SSW = Σ (n − 1) s²``; Welch (1951) and
    Brown–Forsythe (1974, Satterthwaite df2 from ``c = (1 − n/N) s²``).  The
    classic and Welch rows equal statsmodels' ``stats.oneway.anova_generic``
    and R's ``oneway.test(var.equal = TRUE/FALSE)``; Brown–Forsythe equals its
    formula in R (``onewaytests::bf.test``).  The formulas are written out
    rather than calling statsmodels because statsmodels takes one table per
    call: here 10,000 tables take one pass of array arithmetic.

    Two factors: with sum-to-zero contrasts the Type III sum of squares of an
    effect is the Wald form ``β_Eᵀ [(XᵀWX)⁻¹]_EE⁻¹ β_E`` of the weighted
    least-squares fit of the cell means (weights ``n``, saturated design
    ``X``), and the error sum of squares is ``Σ (n − 1) s²`` on ``N − ab`` df:
    the numbers of R's ``car::Anova(lm(y ~ a * b, contrasts = list(a =
    contr.sum, b = contr.sum)), type = 3)``, SPSS's and JASP's default.
    Checked against R to 1e-6 on balanced and unbalanced 2 × 2 and 2 × 3
    designs (see the tests).
"""

_SUMMARY_EXAMPLE = """
    Examples
    --------
    R's ``PlantGrowth`` (dried weight of plants under a control and two
    treatments), as a paper would print it:

    >>> import pandas as pd
    >>> cells = pd.DataFrame({"group": ["ctrl", "trt1", "trt2"],
    ...                       "mean": [5.032, 4.661, 5.526],
    ...                       "sd": [0.5830914, 0.7936757, 0.4425733], "n": [10, 10, 10]})
    >>> res = anova_summary(cells, "group")
    >>> res[["test", "F", "df1", "df2", "p"]].round(3)
                          test      F    df1     df2      p
    0                    anova  4.846  2.000  27.000  0.016
    1                    welch  5.181  2.000  17.128  0.017
    2           brown_forsythe  4.846  2.000  22.208  0.018
    3  brown_forsythe_mehrotra  4.846  1.805  22.208  0.021
"""

_RAW_EXAMPLE = """
    Examples
    --------
    A two-factor design (the first three rows of each cell of R's ``warpbreaks``:
    breaks of yarn by wool and tension):

    >>> import pandas as pd
    >>> d = pd.DataFrame({"breaks": [26, 30, 54, 18, 21, 29, 36, 21, 24,
    ...                              27, 14, 29, 42, 26, 19, 20, 21, 24],
    ...                   "wool": ["A"] * 9 + ["B"] * 9,
    ...                   "tension": ["L", "L", "L", "M", "M", "M", "H", "H", "H"] * 2})
    >>> res = anova(d, "breaks", ["wool", "tension"])
    >>> res[["effect", "F", "df1", "df2", "p", "partial_eta_squared"]].round(3)
             effect      F  df1   df2      p  partial_eta_squared
    0          wool  0.854  1.0  12.0  0.374                0.066
    1       tension  0.581  2.0  12.0  0.574                0.088
    2  wool:tension  1.648  2.0  12.0  0.233                0.215
"""


def _factors(between):
    names = label_list("between", between)
    if len(names) not in (1, 2):
        raise InputError(f"between names {len(names)} factors ({names}); give one factor or two.")
    if len(set(names)) != len(names):
        raise InputError(f"between names the same factor twice: {names}.")
    return names


def _cell_arrays(name, values, what):
    """Numbers of one summary column, or an error naming its first bad row."""
    import pandas as pd

    column = values
    if pd.api.types.is_bool_dtype(column):
        raise InputTypeError(f"column {name!r} ({what}) is boolean; give numbers.")
    numbers = column if pd.api.types.is_numeric_dtype(column) else pd.to_numeric(
        column.map(lambda v: v.strip().replace("\u2212", "-") if isinstance(v, str) else v), errors="coerce")
    if not pd.api.types.is_numeric_dtype(numbers):
        raise InputTypeError(f"column {name!r} ({what}) is not numeric (dtype {column.dtype}).")
    arr = numbers.to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise InputError(f"column {name!r} ({what}) in row {column.index[bad[0]]!r} holds "
                         f"{column.iloc[bad[0]]!r}; a finite number is required.")
    return arr


def _check_cells(cells, factors, mean, sd, n, dv):
    """Validated arrays of the cells (checks group sizes, SDs and duplicate rows)."""
    import pandas as pd

    if not isinstance(cells, pd.DataFrame):
        raise InputTypeError(f"cells must be a pandas DataFrame with one row per group, got {type(cells).__name__}.")
    keys = factors + ([dv] if dv is not None else [])
    check_columns(cells, keys, what="group column" if dv is None else "group or dv column")
    check_columns(cells, [mean, sd, n], what="summary column")
    if len(cells) == 0:
        raise InputError("cells has no rows; give one row per group with its mean, SD and n.")
    for key in keys:
        missing = np.flatnonzero(cells[key].isna().to_numpy())
        if missing.size:
            raise InputError(f"column {key!r} is missing in row {cells.index[missing[0]]!r}; "
                             "every row must name its group.")
    m = _cell_arrays(mean, cells[mean], "means")
    s = _cell_arrays(sd, cells[sd], "standard deviations")
    size = _cell_arrays(n, cells[n], "group sizes")
    bad = np.flatnonzero(s < 0)
    if bad.size:
        raise InputError(f"{sd}[{cells.index[bad[0]]!r}] = {s[bad[0]]:g} is negative; "
                         "a standard deviation must be >= 0.")
    bad = np.flatnonzero((size < 2) | (size != np.round(size)))
    if bad.size:
        i = bad[0]
        what = "an empty group" if size[i] == 0 else f"{size[i]:g} observation(s)"
        raise InputError(f"{n}[{cells.index[i]!r}] = {size[i]:g} ({what}, group "
                         f"{_row_label(cells, factors, i)}); each group needs a whole number of at "
                         "least 2 observations.")
    dup = cells.duplicated(keys, keep=False).to_numpy()
    if dup.any():
        i = int(np.flatnonzero(dup)[0])
        raise InputError(f"group {_row_label(cells, keys, i)} has more than one row in cells; "
                         "give one row per group.")
    return m, s, size


def _row_label(cells, keys, i):
    return ", ".join(f"{k}={show_value(cells[k].iloc[i])}" for k in keys)


def _positions(cells, factors, dv_codes):
    """Per row: its table's number of groups (or a, b levels) and its position within the table."""
    import pandas as pd

    codes = []
    for f in factors:
        c, _ = pd.factorize(pd.Series(list(zip(dv_codes, cells[f].to_numpy()))), sort=False)
        # dense rank within the table, in order of first appearance
        rank = pd.Series(c).groupby(dv_codes).rank(method="dense").to_numpy().astype(np.int64) - 1
        count = pd.Series(c).groupby(dv_codes).transform("nunique").to_numpy().astype(np.int64)
        codes.append((rank, count))
    return codes


def _summary_table(cells, factors, m, s, size, dv_codes, dv_labels):
    """The result table from validated cell arrays grouped into tables by ``dv_codes``."""
    import pandas as pd

    tables = len(dv_labels)
    rows_per_table = np.bincount(dv_codes, minlength=tables)
    pos = _positions(cells, factors, dv_codes)
    if len(factors) == 1:
        place = pos[0][0]
        shape = np.zeros(tables, dtype=np.int64)
        shape[dv_codes] = pos[0][1]
        single = np.flatnonzero(shape < 2)
        if single.size:
            t = single[0]
            raise InputError(f"{_table_name(dv_labels, t)}has a single group; an ANOVA compares two or more groups.")
        shapes = [(int(k),) for k in np.unique(shape)]
        key = shape
    else:
        (ra, ka), (rb, kb) = pos
        place = ra * kb + rb
        la = np.zeros(tables, dtype=np.int64)
        lb = np.zeros(tables, dtype=np.int64)
        la[dv_codes], lb[dv_codes] = ka, kb
        for levels, f in ((la, factors[0]), (lb, factors[1])):
            single = np.flatnonzero(levels < 2)
            if single.size:
                raise InputError(f"{_table_name(dv_labels, single[0])}factor {f!r} has a single level; "
                                 "each factor needs two or more.")
        incomplete = np.flatnonzero(rows_per_table != la * lb)
        if incomplete.size:
            t = incomplete[0]
            rows = cells[dv_codes == t]
            present = set(zip(rows[factors[0]], rows[factors[1]]))
            gaps = [(x, y) for x in pd.unique(rows[factors[0]]) for y in pd.unique(rows[factors[1]])
                    if (x, y) not in present]
            raise InputError(f"{_table_name(dv_labels, t)}cell {factors[0]}={show_value(gaps[0][0])}, "
                             f"{factors[1]}={show_value(gaps[0][1])} is empty (no row); a two-factor ANOVA needs every "
                             "combination of levels.")
        key = la * 1000 + lb
        shapes = sorted({(int(a), int(b)) for a, b in zip(la, lb)})
    blocks = []
    for shape_ in shapes:
        k = int(np.prod(shape_))
        chosen = np.flatnonzero(key == (shape_[0] if len(shape_) == 1 else shape_[0] * 1000 + shape_[1]))
        local = np.full(tables, -1)
        local[chosen] = np.arange(chosen.size)
        rows = np.flatnonzero(local[dv_codes] >= 0)
        arrays = []
        for values in (m, s, size):
            a = np.empty((chosen.size, k))
            a[local[dv_codes[rows]], place[rows]] = values[rows]
            arrays.append(a)
        if len(shape_) == 1:
            blocks.append(_oneway_block(chosen, factors[0], *arrays, dv_labels))
        else:
            blocks.append(_factorial_block(chosen, factors, *arrays, shape_, dv_labels))
    return _finish(blocks)


def _finish(blocks):
    """One result table from the blocks of each shape, in the order of the outcomes."""
    import pandas as pd

    from .._display import result_table

    table = blocks[0] if len(blocks) == 1 else pd.concat(blocks, ignore_index=True)
    table = table.sort_values(["_table", "_row"], kind="stable").drop(columns=["_table", "_row"])
    return result_table(table.reset_index(drop=True)[ANOVA_COLUMNS])


def _table_name(labels, t):
    return "" if len(labels) == 1 and labels[0] is None else f"outcome {show_value(labels[t])}: "


def _oneway_block(chosen, factor, m, s, n, labels):
    import pandas as pd

    all_zero = np.flatnonzero((s == 0).all(axis=1))
    if all_zero.size:
        raise InputError(f"{_table_name(labels, chosen[all_zero[0]])}every group has SD 0, so F is undefined.")
    r = oneway(m, s, n)
    some_zero = np.flatnonzero((s == 0).any(axis=1))
    if some_zero.size:
        names = [labels[chosen[i]] for i in some_zero[:5]]
        warnings.warn(f"Welch's test is undefined where a group has SD 0 ({names}); its row is NaN there.",
                      RuntimeWarning, stacklevel=4)
    T, k = m.shape
    tests = len(ONEWAY_TESTS)
    nan = np.full(T, np.nan)
    df_w = r["anova_df2"]
    frames = {
        "_table": np.repeat(chosen, tests), "_row": np.tile(np.arange(tests), T),
        "dv": np.repeat(np.asarray([labels[c] for c in chosen], dtype=object), tests),
        "effect": factor, "test": np.tile(np.array(ONEWAY_TESTS, dtype=object), T),
        "n_groups": k, "n": np.repeat(r["n_total"].astype(np.int64), tests),
    }
    for col in ("F", "df1", "df2", "p"):
        frames[col] = np.column_stack([r[f"{t}_{col}"] for t in ONEWAY_TESTS]).ravel()

    def first_only(a):
        return np.column_stack([a] + [nan] * (tests - 1)).ravel()

    frames["sum_squares"] = first_only(r["ss_between"])
    frames["mean_square"] = first_only(r["ss_between"] / (k - 1))
    frames["error_sum_squares"] = first_only(r["ss_within"])
    frames["error_mean_square"] = first_only(r["ss_within"] / df_w)
    frames["eta_squared"] = np.repeat(r["eta_squared"], tests)
    frames["omega_squared"] = np.repeat(r["omega_squared"], tests)
    frames["partial_eta_squared"] = np.repeat(r["eta_squared"], tests)
    return pd.DataFrame(frames)


def _factorial_block(chosen, factors, m, s, n, shape, labels):
    import pandas as pd

    all_zero = np.flatnonzero((s == 0).all(axis=1))
    if all_zero.size:
        raise InputError(f"{_table_name(labels, chosen[all_zero[0]])}every cell has SD 0, so F is undefined.")
    r = factorial_type3(m, s, n, *shape)
    T = m.shape[0]
    a, b = factors
    return pd.DataFrame({
        "_table": np.repeat(chosen, 3), "_row": np.tile(np.arange(3), T),
        "dv": np.repeat(np.asarray([labels[c] for c in chosen], dtype=object), 3),
        "effect": np.tile(np.array([a, b, f"{a}:{b}"], dtype=object), T), "test": "anova",
        "n_groups": shape[0] * shape[1], "n": np.repeat(r["n_total"].astype(np.int64), 3),
        "F": r["F"].ravel(), "df1": np.tile(r["df1"], T), "df2": np.repeat(r["df2"], 3),
        "p": r["p"].ravel(), "sum_squares": r["ss"].ravel(),
        "mean_square": (r["ss"] / r["df1"]).ravel(),
        "error_sum_squares": np.repeat(r["ss_error"], 3),
        "error_mean_square": np.repeat(r["ss_error"] / r["df2"], 3),
        "eta_squared": np.nan, "omega_squared": np.nan,
        "partial_eta_squared": r["partial_eta_squared"].ravel(),
    })


@append_doc(_RETURNS_DOC, _NOTES, _SUMMARY_EXAMPLE)
def anova_summary(cells, between, *, mean="mean", sd="sd", n="n", dv=None):
    """One- or two-factor between-subjects ANOVA from each group's mean, SD and n.

    Parameters
    ----------
    cells : pandas.DataFrame
        One row per group (one factor) or per cell (two factors), as a paper's
        table prints them.  Never modified.  Numbers may be given as printed
        strings (``"2.30"``).
    between : str or list of two str
        The column naming each row's group, or the two factor columns of a
        factorial design (every combination of their levels must have a row).
    mean, sd, n : str
        The columns of the group means, standard deviations (``n − 1`` in the
        denominator) and sizes (whole numbers, at least 2).
    dv : str, optional
        A column naming the outcome (or table) each row belongs to: each
        outcome is analysed separately, all in one pass.  By default all rows
        form one table (``dv`` is then None in the output).
    """
    import pandas as pd

    factors = _factors(between)
    m, s, size = _check_cells(cells, factors, mean, sd, n, dv)
    if dv is None:
        codes, labels = np.zeros(len(cells), dtype=np.int64), [None]
    else:
        codes, uniques = pd.factorize(cells[dv], sort=False)
        labels = list(uniques)
    return _summary_table(cells, factors, m, s, size, np.asarray(codes, dtype=np.int64), labels)


@append_doc(_RETURNS_DOC, _NOTES, _RAW_EXAMPLE)
def anova(data, dv, between):
    """One- or two-factor between-subjects ANOVA on raw data.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per participant (wide format: one column per outcome).
        Never modified.
    dv : str or list of str
        The outcome column, or several (each is analysed separately).
    between : str or list of two str
        The grouping column, or the two factor columns of a factorial design.

    Missing values (NaN) in an outcome are dropped for that outcome only;
    rows whose group is missing are left out.  Each group is summarised (n,
    mean, SD) and analysed as :func:`anova_summary` does, so both paths give
    the same numbers; groups (factor levels) are sorted.
    """
    import pandas as pd

    factors = _factors(between)
    for f in factors:
        dvs = outcome_columns(data, dv, f)
    codes, levels = [], []
    for f in factors:
        try:
            c, uniques = pd.factorize(data[f], sort=True)
        except TypeError:  # labels of mixed types: keep their order of appearance
            c, uniques = pd.factorize(data[f], sort=False)
        codes.append(c)
        levels.append(list(uniques))
    for f, lv in zip(factors, levels):
        if len(lv) < 2:
            what = "a single group" if len(factors) == 1 else "a single level"
            raise InputError(f"column {f!r} has {what} ({[show_value(v) for v in lv]}); "
                             + ("an ANOVA compares two or more groups." if len(factors) == 1
                                else "each factor needs two or more."))
    valid = np.all([c >= 0 for c in codes], axis=0)
    x = numeric_block(data, dvs, used=valid)  # an infinite value in a row left out is no matter
    cell = codes[0] if len(factors) == 1 else codes[0] * len(levels[1]) + codes[1]
    k = int(np.prod([len(lv) for lv in levels]))
    names = [tuple(lv[(j // len(levels[1])) if i == 0 else (j % len(levels[1]))] for i, lv in enumerate(levels))
             if len(factors) == 2 else (levels[0][j],) for j in range(k)]
    present = np.bincount(cell[valid], minlength=k)
    if (present == 0).any():
        j = int(np.flatnonzero(present == 0)[0])
        raise InputError(f"cell {_cell_name(factors, names[j])} is empty (no row); a two-factor ANOVA needs every "
                         "combination of levels.")
    T = len(dvs)
    m, s, size = np.empty((T, k)), np.empty((T, k)), np.empty((T, k))
    with np.errstate(invalid="ignore", divide="ignore"):
        for j in range(k):
            block = x[valid & (cell == j)]
            size[:, j] = np.sum(~np.isnan(block), axis=0)
            m[:, j] = np.nansum(block, axis=0) / size[:, j]
            s[:, j] = np.sqrt(np.nansum((block - m[:, j]) ** 2, axis=0) / (size[:, j] - 1))
    small = np.argwhere(size < 2)
    if small.size:
        d, j = small[0]
        kind = "no non-missing value (an empty group)" if size[d, j] == 0 else f"{int(size[d, j])} non-missing value"
        raise InputError(f"outcome {dvs[d]!r} has {kind} in group {_cell_name(factors, names[j])}; "
                         "at least 2 per group are needed.")
    chosen = np.arange(T)
    if len(factors) == 1:
        return _finish([_oneway_block(chosen, factors[0], m, s, size, dvs)])
    return _finish([_factorial_block(chosen, factors, m, s, size, (len(levels[0]), len(levels[1])), dvs)])


def _cell_name(factors, values):
    return ", ".join(f"{f}={show_value(v)}" for f, v in zip(factors, values))

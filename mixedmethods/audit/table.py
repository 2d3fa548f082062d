"""A whole table of printed descriptives through GRIM, GRIMMER, the SD bounds and percentage checks."""
from __future__ import annotations

import numpy as np

from .._printed import printed_values, rounding_interval
from .._tables import returns_result_table
from .._validation import InputError, InputTypeError
from ._arrays import scale
from .grim import grim
from .grimmer import grimmer
from .percentages import percent_counts
from .sd_bounds import sd_bounds

__all__ = ["check_table", "CHECK_TABLE_COLUMNS"]

#: Columns :func:`check_table` adds to the caller's table.
CHECK_TABLE_COLUMNS = [
    "grim_consistent", "grimmer_consistent", "sd_consistent", "percent_consistent", "sd_min", "sd_max",
    "consistent", "reason",
]


@returns_result_table
def check_table(df, *, scale_min=None, scale_max=None, items=1, decimals_mean=2, decimals_sd=2,
                decimals_percent=1):
    """Check every row of a table of printed descriptives at once: GRIM, GRIMMER, SD bounds, percentages.

    One row per group or item, as a paper prints them (or as a user typed
    them from a paper): a mean, an SD and the n they are of, and optionally a
    percentage with its denominator.  Every row goes through every check
    that its cells allow, and failing rows say why in plain words.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns, by name (others are kept as they are):

        - ``n``: the number of people each row's numbers are of (whole);
        - ``mean`` and ``sd`` (optional): as printed.  Strings keep the
          decimals they were printed with (read a CSV with ``dtype=str`` to
          keep ``"2.80"`` as two decimals); numbers take ``decimals_mean``
          and ``decimals_sd``;
        - ``percent`` (optional): a percentage as printed, of
          ``percent_of`` (or ``denominator``) people, or of ``n`` where
          that is missing.

        A missing cell (NaN, None or "") skips the checks that need it.
    scale_min, scale_max : int, optional
        Lowest and highest possible answer, keyword-only; with both, each SD
        is compared with the smallest and largest SD its mean allows on the
        scale.  Without them that check is skipped.
    items : int or array-like
        Items averaged into each score (one value, or one per row).
    decimals_mean, decimals_sd, decimals_percent : int
        Decimals of means, SDs and percentages given as numbers (a number
        with more decimals than stated is an error).

    Returns
    -------
    pandas.DataFrame
        A copy of ``df`` (same index and columns) with, added:
        ``grim_consistent`` (:func:`grim` on mean and n),
        ``grimmer_consistent`` (:func:`grimmer` on mean, SD and n),
        ``sd_consistent`` (the SD's rounding interval meets
        [``sd_min``, ``sd_max``], from :func:`sd_bounds`),
        ``percent_consistent`` (:func:`percent_counts`) — each missing
        (``<NA>``) where the row lacks what the check needs, ``sd_min`` and
        ``sd_max`` (NaN without a scale), ``consistent`` (every check that
        ran passed) and ``reason`` (what failed, in words; empty when
        consistent).

    Raises
    ------
    InputTypeError
        When ``df`` is not a DataFrame.
    InputError
        When it has neither ``mean`` nor ``percent``, a mean or percentage
        has no ``n``, a value is not a number, or only one of
        ``scale_min``/``scale_max`` is given.

    Notes
    -----
    The checks run once each over all the rows that can take them
    (vectorised), so a table of 100,000 rows takes a second or two
    (``benchmarks/bench_audit.py`` compares it with a loop of :func:`grim`
    and :func:`grimmer` calls).  GRIMMER is run only where GRIM passes (its
    reason would repeat GRIM's).  The SD bounds are necessary, not
    sufficient: :func:`sprite` says whether a sample with both the mean and
    the SD exists on the scale.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"group": ["women", "men"], "mean": ["2.78", "1.5"],
    ...                       "sd": ["2.30", "2.14"], "n": [61, 34]})
    >>> res = check_table(table, scale_min=0, scale_max=5)
    >>> res[["group", "grim_consistent", "grimmer_consistent", "sd_consistent", "consistent"]]
       group  grim_consistent  grimmer_consistent  sd_consistent  consistent
    0  women            False                <NA>           <NA>       False
    1    men             True                True           True        True
    >>> print(res.loc[0, "reason"])
    mean 2.78 (n = 61) fails GRIM: 2.78 is not a mean of 61 whole numbers: the nearest are 169/61 = 2.7705 and 170/61 = 2.7869
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise InputTypeError(f"df must be a pandas DataFrame of descriptives, got {type(df).__name__}.")
    if "mean" not in df and "percent" not in df:
        raise InputError("df needs a 'mean' column (with 'n', and optionally 'sd') or a 'percent' column; "
                         f"it has {list(map(str, df.columns))}.")
    if (scale_min is None) != (scale_max is None):
        raise InputError("give both scale_min and scale_max (or neither, to skip the SD bounds).")
    if scale_min is not None:
        low, high = scale(scale_min, scale_max)
        if low.size != 1 or high.size != 1:
            raise InputError("scale_min and scale_max must be single numbers (the ends of the table's scale).")
        scale_min, scale_max = float(low.ravel()[0]), float(high.ravel()[0])
    size = len(df)
    out = df.copy()
    mean, dm = _column(df, "mean", decimals_mean, "decimals_mean")
    sd, ds = _column(df, "sd", decimals_sd, "decimals_sd")
    percent, dp = _column(df, "percent", decimals_percent, "decimals_percent")
    n = _counts(df, "n", size)
    of = next((_counts(df, c, size) for c in ("percent_of", "denominator") if c in df), np.full(size, np.nan))
    of = np.where(np.isnan(of), n, of)
    k = np.broadcast_to(np.asarray(items), (size,)).astype(float)
    _require(df.index, mean, n, "mean", "n")
    _require(df.index, percent, of, "percent", "percent_of (or n)")
    checks = {c: pd.array([pd.NA] * size, dtype="boolean") for c in CHECK_TABLE_COLUMNS[:4]}
    sd_min, sd_max = np.full(size, np.nan), np.full(size, np.nan)
    reasons = [[] for _ in range(size)]

    rows = np.flatnonzero(~np.isnan(mean))
    if rows.size:
        res = grim(mean[rows], n[rows], items=k[rows], decimals=dm[rows])
        _record(checks["grim_consistent"], reasons, rows, res,
                lambda i: f"mean {_shown(mean[i], dm[i])} (n = {n[i]:g}) fails GRIM: ")
    passed = rows[checks["grim_consistent"][rows].to_numpy(dtype=bool)] if rows.size else rows
    rows = passed[~np.isnan(sd[passed]) & (n[passed] >= 2)]
    if rows.size:
        res = grimmer(mean[rows], sd[rows], n[rows], items=k[rows], decimals_mean=dm[rows], decimals_sd=ds[rows])
        _record(checks["grimmer_consistent"], reasons, rows, res,
                lambda i: f"mean {_shown(mean[i], dm[i])} with SD {_shown(sd[i], ds[i])} fails GRIMMER: ",
                strip="fails GRIMMER: ")
    if scale_min is not None:
        _sd_bounds(passed[n[passed] >= 2], (mean, dm, sd, ds, n, k), (scale_min, scale_max),
                   checks["sd_consistent"], (sd_min, sd_max), reasons)
    rows = np.flatnonzero(~np.isnan(percent))
    if rows.size:
        res = percent_counts(percent[rows], of[rows], decimals=dp[rows])
        _record(checks["percent_consistent"], reasons, rows, res,
                lambda i: f"{_shown(percent[i], dp[i])}% of {of[i]:g}: ")
    for column, values in checks.items():
        out[column] = values
    out["sd_min"], out["sd_max"] = sd_min, sd_max
    failed = np.zeros(size, dtype=bool)
    for values in checks.values():
        failed |= values.fillna(True).to_numpy(dtype=bool) == False  # noqa: E712 (a numpy array)
    out["consistent"] = ~failed
    out["reason"] = ["; ".join(r) for r in reasons]
    return out


def _column(df, name, decimals, decimals_name):
    """(values, decimals) of a printed column, NaN where missing; all NaN when there is no such column."""
    if name not in df:
        return np.full(len(df), np.nan), np.zeros(len(df), dtype=np.int64)
    values = df[name].to_numpy()
    if values.dtype == object:  # pandas may hold numbers as objects; "" and None are missing
        values = np.array([np.nan if v is None or (isinstance(v, str) and not v.strip()) else v for v in values],
                          dtype=object)
    return printed_values(name, values, decimals, decimals_name=decimals_name, allow_missing=True)


def _counts(df, name, size):
    """A column of whole counts as floats (NaN where missing); all NaN when absent."""
    import pandas as pd

    if name not in df:
        return np.full(size, np.nan)
    values = pd.to_numeric(df[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.flatnonzero(df[name].notna().to_numpy() & np.isnan(values)
                         | (values < 1) | (values != np.round(values)) & ~np.isnan(values))
    if bad.size:
        raise InputError(f"{name} in row {df.index[bad[0]]!r} is {df[name].iloc[bad[0]]!r}; "
                         "a whole number of people (at least 1) is required.")
    return values


def _require(index, values, counts, name, count_name):
    missing = np.flatnonzero(~np.isnan(values) & np.isnan(counts))
    if missing.size:
        raise InputError(f"row {index[missing[0]]!r} has a {name} but no {count_name}; give the number of people.")


def _record(column, reasons, rows, res, prefix, strip=""):
    """Store a check's ``consistent`` for ``rows`` and the reasons of those that fail."""
    ok = res["consistent"].to_numpy(dtype=bool)
    column[rows] = ok
    for i, why in zip(rows[~ok], res["reason"].to_numpy()[~ok]):
        reasons[i].append(prefix(i) + (why[len(strip):] if strip and why.startswith(strip) else why))


def _sd_bounds(rows, values, scale, column, bounds, reasons):
    """The SD of each row against the smallest and largest SD its mean allows on the scale."""
    mean, dm, sd, ds, n, k = values
    if not rows.size:
        return
    res = sd_bounds(mean[rows], n[rows], scale_min=scale[0], scale_max=scale[1], items=k[rows], decimals=dm[rows])
    low, high = res["sd_min"].to_numpy(), res["sd_max"].to_numpy()
    bounds[0][rows], bounds[1][rows] = low, high
    has_sd = ~np.isnan(sd[rows])
    lo, hi = rounding_interval(np.where(has_sd, sd[rows], 0.0), ds[rows])
    tol = 1e-9
    ok = np.isfinite(low) & (hi >= low - tol) & (lo <= high + tol)
    column[rows[has_sd | ~np.isfinite(low)]] = ok[has_sd | ~np.isfinite(low)]
    for j in np.flatnonzero(~ok & (has_sd | ~np.isfinite(low))):
        i = rows[j]
        if not np.isfinite(low[j]):
            why = res["reason"].iloc[j]
        else:
            side = f"below the smallest SD ({low[j]:.4f})" if hi[j] < low[j] else f"above the largest SD ({high[j]:.4f})"
            why = (f"is {side} that {n[i]:g} answers on {scale[0]:g} to {scale[1]:g} with this mean can have")
        reasons[i].append(f"SD {_shown(sd[i], ds[i])} with mean {_shown(mean[i], dm[i])} (n = {n[i]:g}) {why}")


def _shown(value, decimals):
    return f"{value:.{int(decimals)}f}"

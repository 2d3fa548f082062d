"""Readable notebook display for result tables, with full precision kept underneath.

Functions that return a result table wrap it with :func:`result_table`.  The
result is a :class:`ResultTable`, an ordinary :class:`pandas.DataFrame` in
every respect (indexing, arithmetic, ``to_csv`` keep all digits) except its
HTML display in Jupyter, which rounds: p-values to three decimals (``<.001``
below that), degrees of freedom to two, other decimals to three, missing
values shown as a dash.

This module imports pandas at import time; import it only inside functions
that already need pandas, so that ``import mixedmethods`` stays light.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ._format import plain_number as _format_number  # the cells are floats, decimals whole

__all__ = ["ResultTable", "result_table", "format_for_display"]

#: Rows shown at most (head and tail) before the display is cut.
MAX_ROWS = 60


def _is_p_column(name) -> bool:
    name = str(name)
    return name == "p" or name.startswith("p_") or name.endswith("_p") or name in {"pvalue", "p_value"}


def _format_p(x):
    if x is None or np.isnan(x):
        return "–"
    return "<.001" if x < 0.001 else f"{x:.3f}"


def format_for_display(data):
    """A copy of ``data`` with float columns turned into rounded strings.

    Parameters
    ----------
    data : pandas.DataFrame
        Any table.

    Returns
    -------
    pandas.DataFrame
        Same shape, index and columns; float columns as text: p-value columns
        (``p``, ``p_*``, ``*_p``) with three decimals or ``<.001``, ``df``
        columns with up to two decimals, whole-valued floats without
        decimals, other floats with three decimals; missing values as "–".

    Examples
    --------
    >>> t = pd.DataFrame({"t": [2.6645678], "df": [93.0], "p": [0.0000123], "n1": [61]})
    >>> format_for_display(t)[["t", "df", "p"]].iloc[0].tolist()
    ['2.665', '93', '<.001']
    """
    out = pd.DataFrame(data).copy()
    for column in out.columns:
        series = out[column]
        if not pd.api.types.is_float_dtype(series.dtype):
            continue
        values = series.to_numpy(dtype=float, na_value=np.nan)
        if _is_p_column(column):
            text = [_format_p(v) for v in values]
        else:
            finite = values[np.isfinite(values)]
            whole = finite.size and np.all(finite == np.round(finite))
            decimals = 0 if whole else (2 if str(column).startswith("df") else 3)
            text = [_format_number(v, decimals) for v in values]
        out[column] = pd.Series(text, index=out.index, dtype=object)
    return out


class ResultTable(pd.DataFrame):
    """A :class:`pandas.DataFrame` whose notebook display is rounded (values keep all digits)."""

    _metadata: list = []

    @property
    def _constructor(self):
        return ResultTable

    def _repr_html_(self):
        plain = pd.DataFrame(self)
        note = ""
        if len(plain) > MAX_ROWS:
            half = MAX_ROWS // 2
            plain = pd.concat([plain.iloc[:half], plain.iloc[-half:]])
            note = f"<p>{len(self)} rows; the first and last {half} are shown.</p>"
        shown = format_for_display(plain)
        with pd.option_context("display.max_rows", len(shown) + 1, "display.max_columns", None):
            html = shown._repr_html_()
        import html as _html

        notes = "".join(f"<p style='font-size:smaller'>{_html.escape(str(n))}</p>"
                        for n in self.attrs.get("notes", ()))
        return html + note + notes + (
            "<p style='font-size:smaller;color:#555'>Rounded for display; the table holds full "
            "precision.</p>"
        )


def result_table(data):
    """Wrap a DataFrame as a :class:`ResultTable` (no copy of the values).

    Examples
    --------
    >>> res = result_table(pd.DataFrame({"p": [0.0130876]}))
    >>> isinstance(res, pd.DataFrame), float(res.loc[0, "p"])
    (True, 0.0130876)
    """
    out = ResultTable(data)
    out.attrs.update(getattr(data, "attrs", {}))  # e.g. ``notes``, shown under the table
    return out

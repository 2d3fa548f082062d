"""How numbers and p values are printed: one home for the formatting every domain uses.

Public through :func:`mixedmethods.format_number` and
:func:`mixedmethods.format_p`, so notebooks print numbers exactly as the
package's own reports do.
"""
from __future__ import annotations

import math

from ._validation import InputError, check_number, check_whole

__all__ = ["format_number", "format_p", "plain_number"]


def format_number(x, decimals=2):
    """A number as journals print it: a typographic minus, "–" when missing, ∞ when infinite.

    Parameters
    ----------
    x : float or None
        The number.
    decimals : int
        Decimals printed.

    Returns
    -------
    str
        For example ``"−0.42"`` (U+2212 minus), ``"2.66"``, ``"–"`` for a
        missing value (None or NaN), ``"∞"`` / ``"−∞"``.

    Examples
    --------
    >>> format_number(-0.4213), format_number(2.0, 1), format_number(float("nan"))
    ('−0.42', '2.0', '–')
    """
    decimals = check_whole("decimals", decimals)
    return plain_number(None if x is None else check_number("x", x), decimals)


def plain_number(x, decimals):
    """:func:`format_number` of a float (or None) and a whole ``decimals`` already checked: for the cells
    of a table, where checking each value again would cost more than formatting it."""
    if x is None or math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    text = f"{x:.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":  # rounds to zero: no "−0.00"
        return text.lstrip("-")
    return text.replace("-", "−")


def format_p(p, *, style="apa"):
    """A p value as printed in a paper (APA: no leading zero, three decimals, "< .001").

    Parameters
    ----------
    p : float
        The p value.
    style : {"apa", "table"}
        ``"apa"`` gives ``"p = .013"`` or ``"p < .001"``; ``"table"`` gives
        the cell of a table, ``"0.013"`` or ``"<.001"``.

    Returns
    -------
    str
        "–" when ``p`` is missing.

    Examples
    --------
    >>> format_p(0.01308), format_p(0.0004), format_p(0.01308, style="table")
    ('p = .013', 'p < .001', '0.013')
    """
    if style not in ("apa", "table"):
        raise InputError(f"style={style!r} is not understood; use 'apa' or 'table'.")
    if p is None:
        return "–"
    p = check_number("p", p)
    if math.isnan(p):
        return "–"
    if style == "table":
        return "<.001" if p < 0.001 else f"{p:.3f}"
    if p < 0.001:
        return "p < .001"
    return "p = " + f"{p:.3f}".lstrip("0")

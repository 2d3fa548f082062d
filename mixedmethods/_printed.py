"""Numbers as a paper printed them: the one rule for printed decimals.

A printed number stands for an interval: ``"2.78"`` means anything in
``[2.775, 2.785]``.  How many decimals it had matters, so every function that
takes printed numbers follows one rule:

- a **string** keeps the decimals it was printed with (``"2.8"`` has one,
  ``"2.80"`` two), whatever ``decimals…=`` says;
- a **number** (int or float) takes the stated ``decimals…=`` argument
  (default 2 where a function has one);
- a number with **more decimals than stated** (``0.151`` with
  ``decimals=2``) is an error, never silently rounded.

A typographic minus (U+2212) and surrounding spaces are accepted in strings.
"""
from __future__ import annotations

import numpy as np

from ._validation import InputError, InputTypeError

__all__ = ["decimals_of", "rounding_interval", "printed_values"]


def _parse(text):
    """(value, decimals) of one printed number, or None when it is not one."""
    clean = text.strip().replace("\u2212", "-").replace("\u2013", "-")
    body = clean.lstrip("+-")
    if not body or any(c not in "0123456789." for c in body) or body.count(".") > 1 or body == ".":
        return None
    return float(clean), (len(body.split(".", 1)[1]) if "." in body else 0)


def decimals_of(printed):
    """Number of decimals in a number as printed (``"2.30"`` → 2, ``".84"`` → 2, ``"1.5"`` → 1).

    Parameters
    ----------
    printed : str or array-like of str
        Numbers as they appear in the paper.  Floats are refused, because
        ``2.30`` and ``2.3`` are the same float but not the same print.

    Returns
    -------
    int or numpy.ndarray of int

    Examples
    --------
    >>> decimals_of(["2.30", ".84", "1.5", "93", "−2.12"]).tolist()
    [2, 2, 1, 0, 2]
    """
    scalar = isinstance(printed, str)
    values = [printed] if scalar else list(np.asarray(printed, dtype=object).ravel())
    out = []
    for i, v in enumerate(values):
        if not isinstance(v, str):
            where = "" if scalar else f"printed[{i}] = "
            raise InputTypeError(
                f"{where}{v!r} is not text: give numbers as printed (strings) so that trailing zeros count."
            )
        parsed = _parse(v)
        if parsed is None:
            raise InputError(f"{v!r} is not a printed number (digits with at most one decimal point).")
        out.append(parsed[1])
    return out[0] if scalar else np.array(out, dtype=np.int64)


def rounding_interval(value, decimals):
    """The interval of true values that print as ``value`` with ``decimals`` decimals.

    Parameters
    ----------
    value : float or array-like
        The printed value(s), as numbers.
    decimals : int or array-like of int
        Their decimals.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Lower and upper ends (``value ∓ half a unit in the last place``).

    Examples
    --------
    >>> lo, hi = rounding_interval(2.78, 2)
    >>> round(float(lo), 6), round(float(hi), 6)
    (2.775, 2.785)
    """
    value = np.asarray(value, dtype=float)
    half = 0.5 * 10.0 ** (-np.asarray(decimals, dtype=float))
    return value - half, value + half


def _decimals_array(name, decimals, shape):
    try:
        d = np.asarray(decimals, dtype=float)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be a whole number of decimals, got {decimals!r}.") from None
    flat = d.ravel()
    bad = np.flatnonzero(~np.isfinite(flat) | (flat < 0) | (flat != np.round(flat)) | (flat > 15))
    if bad.size:
        raise InputError(f"{name} = {flat[bad[0]]!r}; decimals must be a whole number from 0 to 15.")
    try:
        return np.broadcast_to(d.astype(np.int64), shape)
    except ValueError:
        raise InputError(f"{name} has {d.size} values for {int(np.prod(shape))} numbers; give one or one each.") from None


def printed_values(name, values, decimals=2, *, decimals_name="decimals", allow_missing=False):
    """Values and their printed decimals under the one rule (see the module docstring).

    Parameters
    ----------
    name : str
        The argument's name, for messages.
    values : str, number or array-like of them
        Printed strings and/or numbers (a pandas Series keeps its shape).
    decimals : int or array-like of int
        The stated decimals for values given as numbers.
    decimals_name : str
        The name of that argument, for messages.
    allow_missing : bool
        Whether NaN, None or "" may stand for "not printed" (they come back
        as NaN with 0 decimals).  Otherwise they are an error.

    Returns
    -------
    (numpy.ndarray of float, numpy.ndarray of int)
        The values and the decimals each was printed with, shaped like ``values``.

    Examples
    --------
    >>> v, d = printed_values("mean", ["2.8", "2.80", 2.8])
    >>> v.tolist(), d.tolist()
    ([2.8, 2.8, 2.8], [1, 2, 2])
    >>> printed_values("mean", 0.151, 2)
    Traceback (most recent call last):
    ...
    mixedmethods._validation.InputError: mean = 0.151 has more than the 2 decimals stated (decimals=2); give it as printed, as a string ('0.151'), or state decimals=3.
    """
    if hasattr(values, "to_numpy"):
        values = values.to_numpy()
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    shape = arr.shape
    stated = _decimals_array(decimals_name, decimals, shape)
    scalar = arr.ndim == 0
    flat = arr.ravel() if arr.dtype != object else np.asarray(arr, dtype=object).ravel()
    label = (lambda i: name) if scalar else (lambda i: f"{name}[{i}]")

    if arr.dtype.kind in "iuf":  # all numbers: vectorised
        out = flat.astype(float)
        dec = stated.ravel().copy()
        missing = np.isnan(out)
        if missing.any() and not allow_missing:
            i = int(np.flatnonzero(missing)[0])
            raise InputError(f"{label(i)} is missing (NaN); a printed number is required.")
        inf = np.flatnonzero(np.isinf(out))
        if inf.size:
            raise InputError(f"{label(int(inf[0]))} = {out[inf[0]]}; a finite number is required.")
        _check_stated(label, out, dec, decimals_name)
        dec[missing] = 0
        return out.reshape(shape), dec.reshape(shape)

    out = np.empty(flat.size)
    dec = np.empty(flat.size, dtype=np.int64)
    stated_flat = stated.ravel()
    for i, v in enumerate(flat):
        if isinstance(v, str):
            if v.strip() == "" and allow_missing:
                out[i], dec[i] = np.nan, 0
                continue
            parsed = _parse(v)
            if parsed is None:
                raise InputError(
                    f"{label(i)} = {v!r} is not a printed number (digits with at most one decimal point)."
                )
            out[i], dec[i] = parsed
            continue
        if v is None or isinstance(v, (bool, np.bool_)):
            if v is None and allow_missing:
                out[i], dec[i] = np.nan, 0
                continue
            raise InputTypeError(f"{label(i)} = {v!r} is not a number.")
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise InputTypeError(f"{label(i)} = {v!r} is not a number or a printed number.") from None
        if x != x:
            if allow_missing:
                out[i], dec[i] = np.nan, 0
                continue
            raise InputError(f"{label(i)} is missing (NaN); a printed number is required.")
        if not np.isfinite(x):
            raise InputError(f"{label(i)} = {x}; a finite number is required.")
        out[i], dec[i] = x, stated_flat[i]
        _check_stated(label, out[i:i + 1], dec[i:i + 1], decimals_name, offset=i)
    return out.reshape(shape), dec.reshape(shape)


def _check_stated(label, values, decimals, decimals_name, offset=0):
    """Raise when a number has more decimals than stated."""
    finite = np.isfinite(values)
    scaled = values * 10.0 ** decimals
    off = np.abs(scaled - np.round(scaled)) > 1e-7 * np.maximum(1.0, np.abs(scaled))
    bad = np.flatnonzero(finite & off)
    if bad.size:
        j = int(bad[0])
        v, d = values[j], int(decimals[j])
        text = repr(float(v))
        needed = len(text.split(".", 1)[1]) if "." in text and "e" not in text else d + 1
        raise InputError(
            f"{label(j + offset)} = {float(v)!r} has more than the {d} decimals stated "
            f"({decimals_name}={d}); give it as printed, as a string ({text!r}), or state "
            f"{decimals_name}={needed}."
        )

"""Arguments of the audit functions: numbers, counts, printed values, rows and their labels.

Every public audit function checks its arguments here, so that messages name
the argument (and the position within it) the same way everywhere, and
describes the arguments they share with the same words (:func:`fill_doc`).
"""
from __future__ import annotations

import numpy as np

from .._printed import printed_values
from .._docs import fill_doc
from .._validation import InputError, InputTypeError

__all__ = [
    "EDGE", "numbers", "counts", "int_scalar", "scale", "broadcast_shape", "printed_rows",
    "printed_scalar", "row_index", "fill_doc", "DV_DOC", "MEAN_DECIMALS_DOC",
]

#: Tolerance for floating-point error at the edges of a rounding interval: a
#: value exactly on the boundary (2.785 for 2.78) is accepted, since papers
#: round half up and half to even alike.
EDGE = 1e-9

#: The ``dv`` parameter of the functions that take many rows, for :func:`fill_doc`.
DV_DOC = """dv : label or list of labels, optional
        Labels of the rows; by default the index of the first pandas Series
        given (e.g. the means) is kept, else 0, 1, ..."""
#: The ``decimals`` parameter of the functions that take printed means, for :func:`fill_doc`.
MEAN_DECIMALS_DOC = """decimals : int or array-like
        Decimals of the means given as numbers (a number with more decimals
        than stated is an error)."""


def numbers(name, values):
    """``values`` as a float array, or raise naming ``name`` (non-numbers, NaN, infinity)."""
    try:
        arr = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be numbers, got {values!r}.") from None
    bad = np.flatnonzero(~np.isfinite(arr.ravel()))
    if bad.size:
        raise InputError(f"{name}[{bad[0]}] is {arr.ravel()[bad[0]]}; a finite number is required.")
    return arr


def counts(name, values, minimum=1):
    """``values`` as a float array of whole numbers >= ``minimum``, or raise naming ``name``."""
    arr = numbers(name, values)
    flat = arr.ravel()
    bad = np.flatnonzero((flat < minimum) | (flat != np.round(flat)))
    if bad.size:
        raise InputError(f"{name}[{bad[0]}] = {flat[bad[0]]:g}; a whole number >= {minimum} is required.")
    return arr


#: Largest magnitude of a whole number (a group size, a scale end, a total of answers) the
#: checks accept: beyond it the searches' integer arithmetic would overflow, or floats would no
#: longer tell neighbouring totals apart.  Sums of squares (about total²/n), which GRIMMER, the
#: SD bounds and SPRITE form, lose precision earlier: :data:`MAX_SUM_OF_SQUARES` bounds them.
MAX_WHOLE = 10**12
#: Largest sum of squares of the answers GRIMMER, the SD bounds and SPRITE accept: 2⁵³, below which every
#: whole number is a float (so neighbouring sums of squares, and their parity, stay apart) and the
#: searches' int64 products do not overflow.
MAX_SUM_OF_SQUARES = 2**53


def int_scalar(name, value, minimum=None):
    """One whole number (>= ``minimum``, at most :data:`MAX_WHOLE` in size), as an int."""
    arr = numbers(name, value)
    if arr.size != 1:
        raise InputError(f"{name} must be a single number, got {arr.size} values.")
    v = float(arr.ravel()[0])
    if v != round(v) or (minimum is not None and v < minimum):
        raise InputError(f"{name} = {v:g}; a whole number{f' >= {minimum}' if minimum is not None else ''} is required.")
    if abs(v) > MAX_WHOLE:
        raise InputError(f"{name} = {v:g} is beyond {MAX_WHOLE:.0e}, the largest whole number this check handles.")
    return int(v)


def scale(scale_min, scale_max):
    """The lowest and highest answer of a scale, as float arrays of whole numbers, low < high."""
    low, high = numbers("scale_min", scale_min), numbers("scale_max", scale_max)
    for name, a in (("scale_min", low), ("scale_max", high)):
        if np.any(a != np.round(a)):
            raise InputError(f"{name} must be a whole number (the lowest / highest answer on the scale).")
        if np.any(np.abs(a) > MAX_WHOLE):
            raise InputError(f"{name} = {a[np.abs(a) > MAX_WHOLE][0]:g} is beyond {MAX_WHOLE:.0e}, the largest "
                             "scale end these checks handle.")
    if np.any(low >= high):
        raise InputError("scale_min must be below scale_max (for example 1 and 6).")
    return low, high


def broadcast_shape(**arguments):
    """The shape every argument broadcasts to (one value, or one per row), or raise naming them."""
    shapes = {name: np.shape(value) for name, value in arguments.items()}
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        sizes = ", ".join(f"{name} has {int(np.prod(s))}" for name, s in shapes.items() if s)
        raise InputError(f"the arguments do not match in length ({sizes}); give one value or one per row.") from None


def _as_array(values):
    """An array that keeps strings and numbers apart (``["2.8", 3.1]`` must not become two strings)."""
    if hasattr(values, "to_numpy"):
        values = values.to_numpy()
    if isinstance(values, np.ndarray):
        return values
    arr = np.asarray(values)
    return arr if arr.dtype.kind in "iuf" else np.asarray(values, dtype=object)


def printed_rows(name, values, decimals, decimals_name, shape):
    """Printed values under the rule of :mod:`mixedmethods._printed`, broadcast to ``shape`` and flat.

    Returns ``(values, decimals)``: floats and the decimals each was printed with.
    """
    arr = np.broadcast_to(_as_array(values), shape)
    value, dec = printed_values(name, arr, decimals, decimals_name=decimals_name)
    return value.ravel(), dec.ravel()


def printed_scalar(name, value, decimals, decimals_name):
    """One printed number: ``(value, decimals)``."""
    if np.ndim(value) or np.ndim(decimals):
        raise InputError(f"{name} must be a single number, got {value!r}.")
    v, d = printed_values(name, value, decimals, decimals_name=decimals_name)
    return float(v), int(d)


def row_index(dv, size, *arguments):
    """Labels of the output rows: ``dv``, else the index of the first pandas Series of that length.

    Returns None (a default 0, 1, ... index) when there is neither.
    """
    if dv is not None:
        labels = [dv] if isinstance(dv, str) or np.isscalar(dv) else list(dv)
        if len(labels) != size:
            raise InputError(f"dv has {len(labels)} labels for {size} rows; give one label per row.")
        import pandas as pd

        return pd.Index(labels)
    for value in arguments:
        if hasattr(value, "index") and hasattr(value, "to_numpy") and np.ndim(value) == 1 and len(value) == size:
            return value.index
    return None

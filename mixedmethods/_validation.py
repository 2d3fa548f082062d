"""Input checks shared by every module.

Errors subclass ``ValueError`` or ``TypeError`` so that ``except ValueError``
keeps working, and every message names the culprit (column, row or value)
and says what was expected.
"""
from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

ALTERNATIVES = ("two-sided", "less", "greater")


_PLAIN_LABELS = frozenset({str, int, float})


class InputError(ValueError):
    """A value, column or row the function cannot use, with a message saying how to fix it."""


class InputTypeError(TypeError):
    """An argument or column of the wrong type (for example text in a numeric column)."""


def check_choice(name: str, value, choices: Sequence) -> None:
    """Raise :class:`InputError` unless ``value`` is one of ``choices`` (an array or a DataFrame never is)."""
    if not isinstance(value, Hashable) or value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise InputError(f"{name}={value!r} is not understood; use one of {options}.")


def check_probability(name: str, value, example: str = "0.05") -> float:
    """Return ``value`` as a float strictly between 0 and 1, or raise naming ``name``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputTypeError(f"{name} must be a number between 0 and 1, got {value!r}.") from None
    if not 0 < number < 1:
        raise InputError(f"{name} must be strictly between 0 and 1 (e.g. {example}), got {value!r}.")
    return number


def check_number(name: str, value, *, finite=False) -> float:
    """``value`` as a float (a number or numeric text), or :class:`InputTypeError` naming ``name``."""
    if isinstance(value, (bool, complex)) or not isinstance(value, (int, float, str)) and not hasattr(value, "__float__"):
        raise InputTypeError(f"{name} must be a number, got {type(value).__name__} {value!r}.")
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InputTypeError(f"{name} must be a number, got {value!r}.") from None
    if finite and not math.isfinite(number):
        raise InputError(f"{name} must be a finite number, got {value!r}.")
    return number


def check_whole(name: str, value, *, minimum=0) -> int:
    """``value`` as an int of at least ``minimum`` (whole floats such as 2.0 accepted), or an error naming ``name``."""
    number = check_number(name, value, finite=True)
    if number != int(number) or number < minimum:
        raise InputError(f"{name} must be a whole number of at least {minimum}, got {value!r}.")
    return int(number)


def check_flag(name: str, value) -> bool:
    """``value`` as a bool (True, False or numpy's), or :class:`InputTypeError` naming ``name``."""
    if not isinstance(value, bool) and type(value).__name__ not in ("bool", "bool_"):  # numpy.bool_, no import
        raise InputTypeError(f"{name} must be True or False, got {value!r}.")
    return bool(value)


def check_confidence_level(confidence_level) -> float:
    """Return ``confidence_level`` as a float strictly between 0 and 1."""
    return check_probability("confidence_level", confidence_level, "0.95")


def check_columns(data, columns: Iterable[str], *, what: str = "column", argument: str = "data") -> None:
    """Raise :class:`InputError` naming every column of ``columns`` missing from ``data``.

    ``argument`` is the caller's name for ``data``, as the error names it when
    ``data`` is not a DataFrame.
    """
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"{argument} must be a pandas DataFrame, got {type(data).__name__}.")
    present = set(data.columns.tolist())  # one hash lookup per column: 10,000 outcomes are checked at once
    columns = list(columns)
    for c in () if _all_plain(columns) else columns:
        if not is_label(c) and not isinstance(c, tuple):
            raise InputTypeError(f"{what} must be named by a label (a string or a number), got a "
                                 f"{type(c).__name__}.")
    missing = [c for c in columns if c not in present]
    if missing:
        available = ", ".join(map(repr, list(data.columns)[:20]))
        raise InputError(
            f"{what} {', '.join(map(repr, missing))} not found in the DataFrame; "
            f"its columns are {available}."
        )


def _all_plain(values) -> bool:
    """True when every value is a str, int or float: labels all, without a check per value
    (10,000 outcome names at once)."""
    return {type(v) for v in values} <= _PLAIN_LABELS


def is_label(value) -> bool:
    """True for one column or group label (a string, a number, any hashable that is not a list)."""
    if type(value) in _PLAIN_LABELS:  # the common case, without the ABC check (10,000 outcomes at once)
        return True
    return isinstance(value, (str, bytes)) or (isinstance(value, Hashable) and not isinstance(value, tuple)
                                               and not hasattr(value, "__iter__"))


def label_list(name: str, value) -> list:
    """``value`` as a list of labels: one label (``"score"``, ``0``) or a list, tuple, Index or array of them.

    Raises :class:`InputTypeError` naming ``name`` for anything else (None, a
    dict, an unhashable entry), so that integer column labels work like
    strings and nothing fails with "'int' object is not iterable".
    """
    if value is None:
        raise InputTypeError(f"{name} is None; name a column (or a list of columns).")
    if is_label(value):
        return [value]
    if isinstance(value, (dict, set, frozenset)) or not hasattr(value, "__iter__"):
        raise InputTypeError(f"{name} must be a label or a list of labels, got {type(value).__name__}.")
    items = list(value.tolist() if hasattr(value, "tolist") else value)
    if _all_plain(items):
        return items
    for i, item in enumerate(items):
        if not is_label(item) and not isinstance(item, tuple):
            raise InputTypeError(f"{name}[{i}] is a {type(item).__name__}, not a label.")
    return items


def check_labels(labels, keys, name: str = "labels") -> list:
    """The display name of each of ``keys``: ``labels`` as a dict (key -> name; keys it lacks keep their
    own name) or a list with one name per key, in order; None keeps the keys."""
    keys = list(keys)
    if labels is None:
        return [str(k) for k in keys]
    if isinstance(labels, dict):
        return [str(labels.get(k, k)) for k in keys]
    if isinstance(labels, (str, bytes)) or not hasattr(labels, "__iter__"):
        raise InputTypeError(f"{name} must be a dict (item -> name) or a list of {len(keys)} names, "
                             f"got {labels!r}.")
    labels = list(labels)
    if len(labels) != len(keys):
        raise InputError(f"{name} has {len(labels)} names for {len(keys)} items; give one per item, "
                         "or a dict mapping some of them.")
    return [str(v) for v in labels]


def check_groups(data, column: str, groups) -> list:
    """The groups to show, as a list: ``groups`` in its order (each must be a value of ``column``; one
    label is one group), or by default every value of ``column`` in order of appearance."""
    import pandas as pd

    present = list(pd.unique(data[column]))
    if groups is None:
        return present
    groups = label_list("groups", groups)
    unknown = [g for g in groups if g not in present]
    if unknown:
        raise InputError(f"groups {unknown!r} are not in column {column!r}; its values are {present!r}.")
    return groups


def show_value(value) -> str:
    """repr of a cell without numpy's wrapper (``7``, not ``np.int64(7)``), for messages."""
    return repr(value.item() if hasattr(value, "item") else value)


def random_generator(seed):
    """``numpy.random.default_rng(seed)`` for ``seed`` None, a whole number >= 0, a SeedSequence or a
    Generator (returned as is), or :class:`InputTypeError` naming ``seed``."""
    import numbers

    import numpy as np

    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None or isinstance(seed, np.random.SeedSequence) or (
            isinstance(seed, numbers.Integral) and not isinstance(seed, (bool, np.bool_)) and seed >= 0):
        return np.random.default_rng(seed)
    raise InputTypeError(f"seed must be None, a whole number >= 0 or a numpy Generator, got {seed!r}.")

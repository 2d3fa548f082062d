"""Input checks shared by every module.

Errors subclass ``ValueError`` or ``TypeError`` so that ``except ValueError``
keeps working, and every message names the culprit (column, row or value)
and says what was expected.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

ALTERNATIVES = ("two-sided", "less", "greater")


class InputError(ValueError):
    """A value, column or row the function cannot use, with a message saying how to fix it."""


class InputTypeError(TypeError):
    """An argument or column of the wrong type (for example text in a numeric column)."""


def check_choice(name: str, value, choices: Sequence) -> None:
    """Raise :class:`InputError` unless ``value`` is one of ``choices``."""
    if value not in choices:
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


def check_confidence_level(confidence_level) -> float:
    """Return ``confidence_level`` as a float strictly between 0 and 1."""
    return check_probability("confidence_level", confidence_level, "0.95")


def check_columns(data, columns: Iterable[str], *, what: str = "column") -> None:
    """Raise :class:`InputError` naming every column of ``columns`` missing from ``data``."""
    import pandas as pd

    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"data must be a pandas DataFrame, got {type(data).__name__}.")
    present = set(data.columns)  # one hash lookup per column: 10,000 outcomes are checked at once
    missing = [c for c in columns if c not in present]
    if missing:
        available = ", ".join(map(repr, list(data.columns)[:20]))
        raise InputError(
            f"{what} {', '.join(map(repr, missing))} not found in the DataFrame; "
            f"its columns are {available}."
        )


def check_groups(data, column: str, groups) -> list:
    """The groups to show, as a list: ``groups`` in its order (each must be a value of ``column``),
    or by default every value of ``column`` in order of appearance."""
    import pandas as pd

    present = list(pd.unique(data[column]))
    if groups is None:
        return present
    groups = list(groups)
    unknown = [g for g in groups if g not in present]
    if unknown:
        raise InputError(f"groups {unknown!r} are not in column {column!r}; its values are {present!r}.")
    return groups


def show_value(value) -> str:
    """repr of a cell without numpy's wrapper (``7``, not ``np.int64(7)``), for messages."""
    return repr(value.item() if hasattr(value, "item") else value)

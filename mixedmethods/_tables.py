"""A decorator marking functions that return result tables (kept free of heavy imports)."""
from __future__ import annotations

import functools


def returns_result_table(func):
    """Wrap ``func``'s DataFrame result as a :class:`mixedmethods._display.ResultTable`.

    The table then displays rounded in notebooks and keeps full precision.
    pandas is imported only when the function runs.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from ._display import result_table

        return result_table(func(*args, **kwargs))

    return wrapper

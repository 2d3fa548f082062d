"""Docstring fragments written once and appended safely (``python -OO`` strips docstrings)."""
from __future__ import annotations

__all__ = ["append_doc", "fill_doc"]


def append_doc(*fragments):
    """Decorator appending ``fragments`` to a function's docstring, unless docstrings are stripped.

    Under ``python -OO`` every ``__doc__`` is None; ``__doc__ += text`` would
    then raise TypeError at import time.  This leaves it None instead.
    """

    def decorate(func):
        if func.__doc__ is not None:
            func.__doc__ += "".join(fragments)
        return func

    return decorate


def fill_doc(**fragments):
    """Decorator replacing ``%(name)s`` in a docstring by ``fragments[name]``, written once.

    Plain replacement (``%`` elsewhere in a docstring is left alone); under
    ``python -OO`` docstrings are None and stay so.
    """

    def decorate(func):
        if func.__doc__ is not None:
            for name, text in fragments.items():
                func.__doc__ = func.__doc__.replace(f"%({name})s", text)
        return func

    return decorate

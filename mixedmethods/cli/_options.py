"""Options shared by the subcommands."""
from __future__ import annotations

import argparse

__all__ = ["add_subcommand", "Refused"]


class Refused(Exception):
    """What a subcommand cannot do (a file it cannot read, a report it would overwrite).

    :func:`mixedmethods.cli.main` says it in one line, ``mixedmethods: <message>``, and exits 2.
    """


def _positive(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"the width must be at least 1, got {text}")
    return value


def add_subcommand(subparsers, name, run, *, help, description=None):
    """Add subcommand ``name`` running ``run(args)`` (its exit code), with ``--width N``; return its parser.

    ``--width`` is the line width of the output; by default ``COLUMNS`` if
    set, else the terminal's width, else 100.
    """
    parser = subparsers.add_parser(name, help=help, description=description or help)
    parser.add_argument("--width", type=_positive, default=None,
                        help="line width of the output (default: COLUMNS if set, else the terminal's "
                        "width, else 100)")
    parser.set_defaults(func=run)
    return parser

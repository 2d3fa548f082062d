"""The ``mixedmethods`` command line.

``mixedmethods reproduce [STUDY ...]`` re-runs the bundled studies and prints
what each paper reported beside what its numbers give; ``mixedmethods
studies`` lists them; ``mixedmethods audit PATH…`` recomputes the p values of
the test results in PDF, HTML, Word and text files, or folders of them.  One
module per subcommand, each defining ``configure(subparsers)``, which adds its
parser and sets ``func`` (taking the parsed arguments, returning an exit code).
Output fits the terminal: ``COLUMNS`` if set, else the terminal's width, else
100 (see ``--width``).
"""
from __future__ import annotations

import argparse
import sys

from .audit import configure as _configure_audit
from .reproduce import configure as _configure_reproduce
from .studies import configure as _configure_studies

__all__ = ["main", "build_parser"]

_SUBCOMMANDS = (_configure_reproduce, _configure_studies, _configure_audit)  # in the order of --help


def __dir__():
    return list(__all__)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``mixedmethods`` with every subcommand."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="mixedmethods",
        description="Re-run published comparisons, audit reported statistics, count themes.",
    )
    parser.add_argument("--version", action="version", version=f"mixedmethods {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for configure in _SUBCOMMANDS:
        configure(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``mixedmethods`` command line.

``mixedmethods reproduce [STUDY ...]`` re-runs the bundled studies and prints
what each paper reported beside what its numbers give; ``mixedmethods
studies`` lists them; ``mixedmethods audit PATH…`` recomputes the p values of
the test results in PDF, HTML, Word and text files, or folders of them.  One
module per subcommand, each defining ``configure(subparsers)``, which adds its
parser and sets ``func`` (taking the parsed arguments, returning an exit code).
Output fits the terminal: ``COLUMNS`` if set, else the terminal's width, else
100 (see ``--width``).

Exit codes, for every subcommand: 0 when everything checked is consistent, 1
when something is inconsistent, 2 on any error (an unreadable file, a bad
option, bad input), with a one-line message on standard error and no
traceback.
"""
from __future__ import annotations

import argparse
import sys

from ._options import Refused
from .audit import configure as _configure_audit
from .reproduce import configure as _configure_reproduce
from .studies import configure as _configure_studies

__all__ = ["main", "build_parser"]

_SUBCOMMANDS = (_configure_reproduce, _configure_studies, _configure_audit)  # in the order of --help


def __dir__():
    return list(__all__)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr (then exit 2), without the usage."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``mixedmethods`` with every subcommand."""
    from .. import __version__

    parser = _Parser(
        prog="mixedmethods",
        description="Re-run published comparisons, audit reported statistics, count themes.",
    )
    parser.add_argument("--version", action="version", version=f"mixedmethods {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for configure in _SUBCOMMANDS:
        configure(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    0: consistent; 1: inconsistent; 2: any error, said in one line on stderr
    (a usage error exits through :class:`SystemExit` with code 2).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("mixedmethods: interrupted", file=sys.stderr)
        return 130
    except Refused as refused:
        print(f"mixedmethods: {refused}", file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - any error is exit 2 with one line, never a traceback
        print(f"mixedmethods {args.command}: {_one_line(error)}", file=sys.stderr)
        return 2


def _one_line(error) -> str:
    """An exception as one line: the package's own errors as they are, others with their type."""
    from .._validation import InputError, InputTypeError

    text = " ".join(str(error).split()) or type(error).__name__
    if isinstance(error, (InputError, InputTypeError, OSError)):
        return text
    return f"{type(error).__name__}: {text}"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

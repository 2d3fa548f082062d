"""The ``mixedmethods`` command line.

``mixedmethods reproduce [STUDY ...]`` re-runs the bundled studies and prints
what each paper reported beside what its numbers give; ``mixedmethods
studies`` lists them.  Other subcommands are registered by the modules that
own them (see ``_SUBCOMMAND_MODULES``).
"""
from __future__ import annotations

import argparse
import importlib
import sys

# Modules that add a subcommand: each defines ``configure(subparsers)``,
# which adds its parser and sets ``func`` (taking the parsed args, returning
# an exit code) as the parser's default.
_SUBCOMMAND_MODULES = ("mixedmethods._audit_cli",)


def _run_study(name):
    """``reproduce_study(name)``; when it raises, say so on stderr and return a report with ``ok=False``."""
    from .studies import StudyReport, _study_module, reproduce_study

    try:
        return reproduce_study(name)
    except Exception as error:  # one study's failure must not hide the others
        print(f"mixedmethods: the reproduction of {name} could not be carried out: "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        report = StudyReport(name, _study_module(name).TITLE, ok=False)
        report.add("Reproduction failed", f"{type(error).__name__}: {error}")
        return report


def _reproduce(args) -> int:
    from .studies import list_studies

    studies = list_studies()
    names = args.study or studies
    unknown = [n for n in names if n not in studies]
    if unknown:
        print(
            f"mixedmethods: unknown study {', '.join(unknown)}; "
            f"the bundled studies are {', '.join(studies)}.",
            file=sys.stderr,
        )
        return 2
    import pandas as pd

    status, summaries = 0, []
    for i, name in enumerate(names):
        if i:
            print("\n")
        report = _run_study(name)
        print(report.to_text(width=args.width))
        summaries.append(report.summary())
        status = max(status, 0 if report.ok else 1)
    if len(names) > 1:
        table = pd.DataFrame(summaries).rename(columns={
            "checks": "checks of the published numbers", "agree": "agree", "disagree": "do not agree",
            "cannot_check": "cannot be checked"})
        print("\n" + "=" * min(args.width, 100))
        print("Summary: the published numbers checked against each other, per study")
        print("=" * min(args.width, 100))
        print(table.to_string(index=False))
        print("\nA study whose numbers do not agree has a section 'What does not add up' above.")
    return status


def _studies(args) -> int:
    from .studies import describe_studies

    print(describe_studies().to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mixedmethods",
        description="Re-run published comparisons, audit reported statistics, count themes.",
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"mixedmethods {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    rep = sub.add_parser(
        "reproduce",
        help="re-run the bundled studies and print reported vs recomputed",
        description="Re-run every bundled study (or the ones named) and print, for each, "
        "what the paper reported beside what its numbers give.  Exits 1 when a study's "
        "own reproduction could not be carried out (not when the paper's numbers disagree).",
    )
    rep.add_argument("study", nargs="*", help="study names (default: all); see `mixedmethods studies`")
    rep.add_argument("--width", type=int, default=100, help="line width of the printed tables")
    rep.set_defaults(func=_reproduce)
    st = sub.add_parser("studies", help="list the bundled studies")
    st.set_defaults(func=_studies)
    for module in _SUBCOMMAND_MODULES:
        try:
            configure = importlib.import_module(module).configure
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
            continue
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

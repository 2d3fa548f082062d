"""``mixedmethods reproduce [STUDY ...]``: re-run the bundled studies and print each report.

Each study's report is printed in turn (at the terminal's width, see
:func:`mixedmethods._terminal.terminal_width`); when more than one study is
run, a summary of every study's checks closes the output.  A study whose
reproduction raises is reported as failed (on stderr and in its report) and
the others still print; the exit code is then 1.
"""
from __future__ import annotations

import sys

from ._options import add_subcommand

__all__ = ["configure", "run", "run_study"]

_SUMMARY_TITLE = "Summary: the published numbers checked against each other, per study"
_SUMMARY_COLUMNS = {"checks": "checks of the published numbers", "agree": "agree", "disagree": "do not agree",
                    "cannot_check": "cannot be checked"}


def configure(subparsers) -> None:
    """Add the ``reproduce`` subcommand to ``subparsers``."""
    parser = add_subcommand(
        subparsers, "reproduce", run,
        help="re-run the bundled studies and print reported vs recomputed",
        description="Re-run every bundled study (or the ones named) and print, for each, "
        "what the paper reported beside what its numbers give.  Exits 1 when a study's "
        "own reproduction could not be carried out (not when the paper's numbers disagree).",
    )
    parser.add_argument("study", nargs="*", help="study names (default: all); see `mixedmethods studies`")


def run_study(name):
    """``reproduce_study(name)``; when it raises, say so on stderr and return a report with ``ok=False``."""
    from ..studies.registry import reproduce_study, study_module
    from ..studies.report import StudyReport

    try:
        return reproduce_study(name)
    except Exception as error:  # one study's failure must not hide the others
        print(f"mixedmethods: the reproduction of {name} could not be carried out: "
              f"{type(error).__name__}: {error}", file=sys.stderr)
        report = StudyReport(name, study_module(name).TITLE, ok=False)
        report.add("Reproduction failed", f"{type(error).__name__}: {error}")
        return report


def _summary(summaries, width):
    """The closing table: each study's checks that agree, do not, or cannot be checked."""
    import pandas as pd

    from .._terminal import fill, render_table

    bar = "=" * min(width, 100)
    table = pd.DataFrame(summaries).rename(columns=_SUMMARY_COLUMNS)
    return "\n".join(["", bar, fill(_SUMMARY_TITLE, width), bar, render_table(table, width), "",
                      fill("A study whose numbers do not agree has a section 'What does not add up' above.", width)])


def run(args) -> int:
    """Run ``mixedmethods reproduce``; return the exit code (0, 1 when a study failed, 2 on usage errors)."""
    from .._terminal import terminal_width
    from ..studies.registry import list_studies

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
    width = terminal_width(args.width)
    status, summaries = 0, []
    for i, name in enumerate(names):
        if i:
            print("\n")
        report = run_study(name)
        print(report.to_text(width=width))
        summaries.append(report.summary())
        status = max(status, 0 if report.ok else 1)
    if len(names) > 1:
        print(_summary(summaries, width))
    return status

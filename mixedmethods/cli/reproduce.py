"""``mixedmethods reproduce [STUDY ... | FILE.csv]``: re-run the bundled studies, or a user's printed table.

Each study's report is printed in turn (at the terminal's width, see
:func:`mixedmethods._terminal.terminal_width`); when more than one study is
run, a summary of every study's checks closes the output.  A study whose
reproduction raises is reported as failed (on stderr and in its report) and
the others still print; the exit code is then 2 (an error, as everywhere in
the command line).

Given a CSV file instead, the ``reproduce_*`` function its columns call for
is run on it (:data:`FILE_KINDS`, first match wins) and its verdict table is
printed; the exit code is 1 when some printed number cannot be true, 2 when
the file cannot be read or its columns fit no kind.
"""
from __future__ import annotations

import os
import sys

from ._options import Refused, add_subcommand

__all__ = ["configure", "run", "run_study", "run_file", "FILE_KINDS"]

#: (kind, columns the CSV must have, function of mixedmethods.comparisons), tried in this order.
#: ANOVA needs the ``--between`` column(s) (default ``group``) beside mean, sd and n.
FILE_KINDS = (
    ("two-group t-tests", ("mean1", "sd1", "mean2", "sd2"), "reproduce_ttests"),
    ("paired t-tests", ("mean_before", "sd_before", "mean_after", "sd_after", "n"), "reproduce_paired"),
    ("tables of counts", ("comparison", "group", "level", "n"), "reproduce_counts"),
    ("correlations", ("r", "n"), "reproduce_correlation"),
    ("ANOVA", ("mean", "sd", "n"), "reproduce_anova"),
    ("one-sample t-tests", ("mean", "sd", "n"), "reproduce_one_sample"),
)
_MAX_BYTES = 20_000_000  # a printed table, not a data set
_SHOWN = ("matched_test", "consistent", "verdict")
_NUMBER_COLUMNS = ({c for _, needed, _ in FILE_KINDS for c in needed} | {
    "n1", "n2", "t", "df", "p", "d", "r", "mu", "F", "df1", "df2", "percent", "statistic", "scale_min",
    "scale_max", "n_total", "mean_diff", "sd_diff", "group", "level", "ci_low", "ci_high"}) - {"comparison"}
_EPILOG = """\
A CSV file (FILE.csv) holds what a paper printed, one row per comparison, numbers as printed
(their decimals count).  Its columns choose the test:
  mean1, sd1, n1, mean2, sd2, n2 [, t, df, p, d, scale_min, scale_max, n_total]  two-group t-tests
  mean_before, sd_before, mean_after, sd_after, n [, t, df, p, d, r]  paired (pre/post)
  comparison, group, level, n [, percent]   a table of counts, one row per cell; its printed
      p [, statistic, df] on any row of the comparison, or in a second file given with --printed
      (columns comparison, p [, statistic, df])
  group (see --between), mean, sd, n [, comparison, F, df1, df2, p]   ANOVA, one row per group
  r, n [, t, df, p, ci_low, ci_high]        correlations
  mean, sd, n [, mu, t, df, p, d]           one-sample t-tests
Other columns (e.g. a label such as comparison or dv) are kept.  Exit 0: every printed number can
be true; 1: some cannot; 2: the file cannot be read or its columns fit none of these."""

_SUMMARY_TITLE = "Summary: the published numbers checked against each other, per study"
_SUMMARY_COLUMNS = {"checks": "checks of the published numbers", "agree": "agree", "disagree": "do not agree",
                    "cannot_check": "cannot be checked"}


def configure(subparsers) -> None:
    """Add the ``reproduce`` subcommand to ``subparsers``."""
    import argparse

    parser = add_subcommand(
        subparsers, "reproduce", run,
        help="re-run the bundled studies, or a printed table in a CSV file",
        description="Re-run every bundled study (or the ones named) and print, for each, "
        "what the paper reported beside what its numbers give.  Exits 2 when a study's "
        "own reproduction could not be carried out (not when the paper's numbers disagree).  "
        "Given FILE.csv instead, re-run the table it holds and print which test reproduces each "
        "comparison and what cannot be true.",
    )
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = _EPILOG
    parser.add_argument("study", nargs="*", help="study names (default: all; see `mixedmethods studies`), "
                        "or one CSV file of printed numbers")
    parser.add_argument("--printed", metavar="FILE.csv", default=None,
                        help="for a table of counts: the printed p values (comparison, p [, statistic, df])")
    parser.add_argument("--between", default="group",
                        help="for ANOVA: the group column, or two factor columns separated by a comma "
                        "(default: group)")
    parser.add_argument("--html", metavar="DIR", default=None,
                        help="also write a self-contained HTML report per study (or of the table) into DIR, "
                        "named STUDY.html (or FILE.html); an existing report is not replaced")
    parser.add_argument("--force", action="store_true", help="with --html: replace reports that exist")


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
    """Run ``mixedmethods reproduce``; return the exit code (0; 2 when a study failed or on usage errors)."""
    from .._terminal import terminal_width
    from ..studies.registry import list_studies

    if len(args.study) == 1 and (args.study[0].lower().endswith(".csv") or os.path.isfile(args.study[0])):
        return run_file(args.study[0], printed=args.printed, between=args.between, width=args.width,
                        html=args.html, force=args.force)
    studies = list_studies()
    names = args.study or studies
    unknown = [n for n in names if n not in studies]
    if unknown:
        raise Refused(f"unknown study {', '.join(unknown)}; the bundled studies are {', '.join(studies)}.")
    width = terminal_width(args.width)
    targets = _html_paths(args.html, names, args.force)
    status, summaries = 0, []
    for i, name in enumerate(names):
        if i:
            print("\n")
        report = run_study(name)
        print(report.to_text(width=width))
        summaries.append(report.summary())
        status = max(status, 0 if report.ok else 2)
        if targets:
            status = max(status, _write_html(report, targets[name], args.force, f"mixedmethods reproduce {name}"))
    if len(names) > 1:
        print(_summary(summaries, width))
    return status


def _read_csv(path, what):
    """The CSV at ``path`` as strings (blank cells ""); :class:`Refused` when it cannot be read."""
    import pandas as pd

    try:
        if os.path.getsize(path) > _MAX_BYTES:
            raise Refused(f"{what} {path} is larger than {_MAX_BYTES // 1_000_000} MB; a printed table is expected.")
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise Refused(f"cannot read {what} {path}: {reason}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def _kind(columns, between):
    """(kind, function name) of the first FILE_KINDS entry the columns fit, or None."""
    for kind, needed, function in FILE_KINDS:
        extra = between if function == "reproduce_anova" else []
        if set(needed) | set(extra) <= set(columns):
            return kind, function
    return None


def run_file(path, *, printed=None, between="group", width=None, html=None, force=False):
    """``mixedmethods reproduce FILE.csv``: run the right ``reproduce_*`` and print its verdicts; the exit code.

    With ``html`` (a folder), the same verdicts are also written there as ``FILE.html``.  What it cannot
    do (a file it cannot read, columns that fit no kind, a report it would overwrite) raises
    :class:`~mixedmethods.cli._options.Refused`, which :func:`mixedmethods.cli.main` says in one line.
    """
    from .. import comparisons
    from .._terminal import fill, render_table, terminal_width
    from .._validation import InputError

    width = terminal_width(width)
    target = _html_paths(html, [os.path.splitext(os.path.basename(path))[0]], force)
    frame = _read_csv(path, "file")
    factors = [b.strip() for b in between.split(",") if b.strip()]
    found = _kind(frame.columns, factors)
    if found is None:
        raise Refused(f"the columns of {path} ({', '.join(frame.columns) or 'none'}) fit no table "
                       "mixedmethods can re-run; see `mixedmethods reproduce --help`.")
    kind, name = found
    function = getattr(comparisons, name)
    try:
        if name == "reproduce_counts":
            second = None if printed is None else _read_csv(printed, "--printed file")
            frame["n"] = _whole_numbers(frame["n"])
            result = function(frame, second)
        elif name == "reproduce_anova":
            result = function(frame, between=factors[0] if len(factors) == 1 else factors)
        else:
            result = function(frame)
    except (InputError, ValueError, TypeError) as error:
        raise Refused(f"{path}: {error}") from None
    labels = [c for c in result.columns if c not in _NUMBER_COLUMNS and c not in _SHOWN
              and (c in frame.columns or c == "effect")]
    shown = result[labels + list(_SHOWN)].copy()
    shown["consistent"] = shown["consistent"].map({True: "yes", False: "no"}).fillna("cannot check")
    impossible = int((shown["consistent"] == "no").sum())
    sentence = (f"{path}: {len(result)} printed comparison{'s' if len(result) != 1 else ''} re-run as "
                f"{kind} (mixedmethods.{name}); {impossible} with a number that cannot be true.")
    shown = shown.rename(columns={"matched_test": "matched test"})
    print(fill(sentence, width))
    print()
    print(render_table(shown, width))
    status = 1 if impossible else 0
    if target:
        from ..studies.report import StudyReport

        report = StudyReport(os.path.basename(path), f"{kind} re-run with mixedmethods.{name}")
        report.add("Verdicts", sentence)
        report.add("The printed comparisons, re-run", shown)
        report.tables["result"] = result
        status = max(status, _write_html(report, next(iter(target.values())), force,
                                         f"mixedmethods reproduce {os.path.basename(path)}"))
    return status


def _html_paths(folder, stems, force):
    """``{stem: folder/stem.html}`` for ``--html`` ({} without it); :class:`Refused` when a report exists or
    the path is no folder."""
    from pathlib import Path

    if folder is None:
        return {}
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise Refused(f"--html {folder} is not a folder.")
    paths = {stem: folder / f"{stem}.html" for stem in stems}
    existing = [str(path) for path in paths.values() if path.exists()]
    if existing and not force:
        raise Refused(f"{', '.join(existing)} already exist{'s' if len(existing) == 1 else ''}; nothing was run "
                       "(--force replaces existing reports).")
    return paths


def _write_html(report, path, force, command):
    """Write ``report`` as HTML to ``path`` (and say so on stderr); the exit code: 0, or 2 when it cannot."""
    from .._validation import InputError
    from ..studies.html_report import write_report_html

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_report_html(report, path, overwrite=force, command=command)
    except (OSError, InputError) as error:
        print(f"mixedmethods: cannot write the HTML report: {error}", file=sys.stderr)
        return 2
    print(f"mixedmethods: wrote {path}", file=sys.stderr)
    return 0


def _whole_numbers(column):
    """Counts read as text: whole numbers become ints, anything else is left for the function to refuse."""
    import pandas as pd

    numbers = pd.to_numeric(column, errors="coerce")
    if numbers.notna().all() and (numbers == numbers.round()).all():
        return numbers.astype("int64")
    return numbers.where(numbers.notna(), column)

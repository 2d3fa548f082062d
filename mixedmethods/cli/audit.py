"""``mixedmethods audit PATH…``: statcheck-style checks of PDF, HTML, Word and text files, or folders.

One file: every reported result with its recomputed p value.  Several files
or a folder: one summary row per file, then the inconsistent results.  Exit
codes, so that a lab or a journal can run it in CI: 0 when every result is
consistent (or none was found), 1 when one is inconsistent, 2 when a file
could not be read or an option is wrong (a one-line message per file on
standard error; the other files are still checked).  The table fits the
terminal's width (``--width``); csv and json print every result, or one row
per file with ``--summary``.  Output piped into ``head`` ends quietly.
"""
from __future__ import annotations

import argparse
import os
import sys

from ._options import add_subcommand

__all__ = ["configure", "run"]

_TABLE_COLUMNS = ["line", "raw", "p_computed", "consistent", "decision_error", "one_tailed"]
_SUMMARY_SHOWN = ["file", "kind", "pages", "results", "inconsistent", "decision_errors"]


def configure(subparsers) -> None:
    """Add the ``audit`` subcommand to ``subparsers`` (from :func:`mixedmethods.cli.build_parser`)."""
    parser = add_subcommand(
        subparsers, "audit", run,
        help="recompute the p values of the test results in PDF, HTML, Word or text files (statcheck-style)",
        description="Read every APA-style result (t, F, r, chi2, z, Q with a p value or ns) in each "
        "PATH (PDF, HTML, .docx, text, or a folder of them), recompute p from the statistic and its df, "
        "and print the results (one file) or one row per file (several).  Exits 1 when a result is "
        "inconsistent, 0 otherwise, 2 when a file cannot be read or on usage errors.",
    )
    parser.add_argument("paths", metavar="PATH", nargs="+",
                        help="a PDF, HTML, Word (.docx) or text file, or a folder of them; '-' reads stdin")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default: table)")
    parser.add_argument("--summary", action="store_true",
                        help="one row per file, even for one file or in csv/json (default for several files "
                        "in the table format)")
    parser.add_argument("--alpha", type=_number(0, 1, "alpha"), default=0.05,
                        help="significance level (default: 0.05)")
    parser.add_argument("--one-tailed", choices=("detect", "never", "always"), default="detect",
                        help="when to accept one-tailed p values (default: detect, from the sentence)")
    parser.add_argument("--p-zero-ok", action="store_true",
                        help="do not count p = .000 as an error (read it as any p that rounds to 0; "
                        "statcheck's pZeroError = FALSE)")
    parser.add_argument("--max-megabytes", type=_number(0, None, "the size"), default=None,
                        help="largest file read, in MB (default: 25; 5 for HTML)")
    parser.add_argument("--max-pages", type=_number(0, None, "the number of pages", whole=True), default=2000,
                        help="largest PDF read, in pages (default: 2000)")
    parser.add_argument("--timeout", type=_number(0, None, "the timeout"), default=20.0,
                        help="seconds reading one file may take (default: 20)")


def _number(low, high, what, *, whole=False):
    def parse(text):
        try:
            value = int(text) if whole else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a {'whole ' if whole else ''}number") from None
        if not value > low or high is not None and not value < high:
            span = f"between {low:g} and {high:g}" if high is not None else f"more than {low:g}"
            raise argparse.ArgumentTypeError(f"{what} must be {span}, got {text}")
        return value

    return parse


def _paths(arguments):
    """``(files, several, skipped)``: the files to read (folders expanded), whether there are several."""
    from ..audit._batch import files_in

    files, several, skipped = [], len(arguments) > 1, 0
    for path in arguments:
        if path != "-" and os.path.isdir(path):
            found, left_out = files_in(path)
            files += found
            skipped += left_out
            several = True
        else:
            files.append(path)
    return files, several, skipped


def _print_results(table, kind, width):
    from .._terminal import fill, render_table

    if table.empty:
        print(fill("No test results (t, F, r, chi2, z, Q with a p value) were found.", width))
        return
    shown = table[(["page"] if kind == "pdf" else []) + _TABLE_COLUMNS].copy()
    shown["p_computed"] = shown["p_computed"].map(_p_text)
    print(render_table(shown, width))
    for _, row in table[~table["consistent"]].iterrows():
        print(fill(f"{_where(row)}: {row['reason']}", width, indent="  "))


def _p_text(p):
    return f"{p:.4f}" if p >= 1e-4 else f"{p:.1e}"


def _where(row, *, file=False):
    import pandas as pd

    page = "" if pd.isna(row["page"]) else f"page {row['page']}, "
    return (f"{row['file']}, " if file else "") + f"{page}line {row['line']}"


def _print_summary(summary, results, width, skipped):
    from .._terminal import fill, render_table

    read = summary[summary["error"] == ""]
    if len(summary):
        shown = summary[_SUMMARY_SHOWN].copy()
        shown["kind"] = shown["kind"].where(summary["error"] == "", "unread")
        print(render_table(shown.astype(object).where(shown.notna(), "-"), width))
    for _, row in results[~results["consistent"]].iterrows():
        print(fill(f"{_where(row, file=True)}: {row['raw']}: {row['reason']}", width, indent="  "))
    unread = len(summary) - len(read)
    files = f"{len(read)} files read" + (f", {unread} could not be" if unread else "")
    files += f", {skipped} of other kinds skipped" if skipped else ""
    print(fill(f"{files}; {len(results)} results, {int((~results['consistent']).sum())} inconsistent, "
               f"{int(results['decision_error'].sum())} decision errors.", width))


def _write(table, fmt):
    if fmt == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")


def _quiet_when_closed(output) -> bool:
    """Run ``output()``; if the reader of stdout went away (``| head``), end quietly. True if it did.

    As Python's documentation on SIGPIPE advises: point stdout at devnull so
    that the interpreter's final flush does not raise again.
    """
    try:
        output()
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (AttributeError, OSError, ValueError):  # a stdout without a file descriptor
            sys.stdout = os.fdopen(devnull, "w")
        return True
    return False


def run(args) -> int:
    """Run ``mixedmethods audit``; return the exit code."""
    from .._terminal import terminal_width
    from .._validation import InputError
    from ..audit import check
    from ..audit._batch import audit_paths

    one_tailed = {"detect": "detect", "never": False, "always": True}[args.one_tailed]
    check_options = dict(alpha=args.alpha, one_tailed=one_tailed, p_zero_error=not args.p_zero_ok)
    read_options = dict(max_megabytes=args.max_megabytes, max_pages=args.max_pages, timeout=args.timeout)
    try:
        check("", **check_options)
    except InputError as error:
        print(f"mixedmethods audit: {error}", file=sys.stderr)
        return 2
    files, several, skipped = _paths(args.paths)
    summary, results = audit_paths(files, read_options=read_options, check_options=check_options,
                                   stdin=sys.stdin.buffer if "-" in files else None,
                                   say=lambda error: print(f"mixedmethods audit: {error}", file=sys.stderr))
    failed = bool((summary["error"] != "").any())
    code = 2 if failed else 1 if not results["consistent"].all() else 0
    if failed and not several and not args.summary:
        return code  # the one file could not be read: its message is on stderr
    width = terminal_width(args.width)
    if args.format != "table":
        table = summary if args.summary else results
        _quiet_when_closed(lambda: _write(table, args.format))
    elif several or args.summary:
        if not files:
            _quiet_when_closed(lambda: print("No PDF, HTML, Word or text files were found."))
        else:
            _quiet_when_closed(lambda: _print_summary(summary, results, width, skipped))
    else:
        _quiet_when_closed(lambda: _print_one(results, summary.loc[0, "kind"], width))
    return code


def _print_one(results, kind, width):
    from .._terminal import fill

    _print_results(results, kind, width)
    inconsistent = int((~results["consistent"]).sum())
    decisions = int(results["decision_error"].sum())
    print(fill(f"{len(results)} results, {inconsistent} inconsistent, {decisions} decision errors.", width))

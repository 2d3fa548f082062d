"""``mixedmethods audit FILE``: statcheck-style checks of a text file.

Prints every reported result with its recomputed p value and exits 1 when
one is inconsistent, so that a lab or a journal can run it in CI; 0 when all
are consistent (or none was found); 2 on a usage error (missing or binary
file, bad option).  The table fits the terminal's width (``--width``).
"""
from __future__ import annotations

import argparse
import sys

from ._options import add_subcommand

__all__ = ["configure", "run", "read_text"]

_TABLE_COLUMNS = ["line", "raw", "p_computed", "consistent", "decision_error", "one_tailed"]


def configure(subparsers) -> None:
    """Add the ``audit`` subcommand to ``subparsers`` (from :func:`mixedmethods.cli.build_parser`)."""
    parser = add_subcommand(
        subparsers, "audit", run,
        help="recompute the p values of the test results in a text file (statcheck-style)",
        description="Read every APA-style result (t, F, r, chi2, z, Q with a p value or ns) in "
        "FILE, recompute p from the statistic and its df, and print the table.  Exits 1 when a "
        "result is inconsistent, 0 otherwise, 2 on usage errors.",
    )
    parser.add_argument("file", metavar="FILE", help="a text file (e.g. a PDF's extracted text); '-' reads stdin")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default: table)")
    parser.add_argument("--alpha", type=_alpha, default=0.05, help="significance level (default: 0.05)")
    parser.add_argument("--one-tailed", choices=("detect", "never", "always"), default="detect",
                        help="when to accept one-tailed p values (default: detect, from the sentence)")


def _alpha(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"alpha must be between 0 and 1, got {text}")
    return value


def read_text(path):
    """``(text, None)``, or ``(None, message)`` when ``path`` cannot be read as text ('-' is stdin).

    Binary files (a PDF, a word-processor file) are refused with a hint to
    extract their text; UTF-8 (with or without BOM) is tried first, then
    cp1252, then latin-1.
    """
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None, f"{path}: no such file"
        except IsADirectoryError:
            return None, f"{path}: is a directory, not a text file"
        except OSError as error:
            return None, f"{path}: cannot be read ({error.strerror})"
    if b"\x00" in data[:65536] or data[:5] == b"%PDF-":
        return None, (f"{path}: looks binary (a PDF or a word-processor file?); "
                      "extract its text first, e.g. `pdftotext paper.pdf paper.txt`")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), None


def _line_numbers(text, starts):
    """The line of each offset in ``starts`` (in text order): only the newlines since the previous one are counted."""
    lines, line, last = [], 1, 0
    for start in starts:
        line += text.count("\n", last, start)
        last = start
        lines.append(line)
    return lines


def _print_table(table, width):
    from .._terminal import fill, render_table

    if table.empty:
        print(fill("No test results (t, F, r, chi2, z, Q with a p value) were found.", width))
        return
    shown = table[_TABLE_COLUMNS].copy()
    shown["p_computed"] = shown["p_computed"].map(lambda p: f"{p:.4f}" if p >= 1e-4 else f"{p:.1e}")
    print(render_table(shown, width))
    for _, row in table[~table["consistent"]].iterrows():
        print(fill(f"line {row['line']}: {row['reason']}", width, indent="  "))


def run(args) -> int:
    """Run ``mixedmethods audit``; return the exit code."""
    from .._terminal import fill, terminal_width
    from ..audit import check

    text, error = read_text(args.file)
    if error:
        print(f"mixedmethods audit: {error}", file=sys.stderr)
        return 2
    one_tailed = {"detect": "detect", "never": False, "always": True}[args.one_tailed]
    table = check(text, alpha=args.alpha, one_tailed=one_tailed)
    table.insert(0, "line", _line_numbers(text, table["start"]))
    inconsistent = int((~table["consistent"]).sum())
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    elif args.format == "json":
        sys.stdout.write(table.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    else:
        width = terminal_width(args.width)
        _print_table(table, width)
        decisions = int(table["decision_error"].sum())
        print(fill(f"{len(table)} results, {inconsistent} inconsistent, {decisions} decision errors.", width))
    return 1 if inconsistent else 0

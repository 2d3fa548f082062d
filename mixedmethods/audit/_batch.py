"""Reading and checking one path after another, shared by :mod:`.files` and ``mixedmethods audit``.

A path is read with a size cap (by kind, :data:`._documents.MAX_MEGABYTES`),
a page cap and a time budget; its text goes through :func:`.check` once; each
result gets the ``file``, ``page`` and ``line`` it came from.  A file that
cannot be read gives a one-line :class:`~mixedmethods._validation.InputError`
and a summary row saying why, and the run goes on with the next file.
"""
from __future__ import annotations

import os
import sys
import time

from .._validation import InputError, InputTypeError
from ._documents import MAX_MEGABYTES, SUFFIXES, Document, kind_of, read_document
from .check import check

__all__ = ["LOCATION_COLUMNS", "SUMMARY_COLUMNS", "Progress", "audit_path", "audit_paths", "check_path",
           "deadline_after", "files_in", "read_path", "summary_table"]

#: Columns :func:`check_path` puts before those of :func:`.check`.
LOCATION_COLUMNS = ["file", "page", "line"]
_PIECE = 200_000  # characters checked at once (then the clock is read)
#: One row per file of a folder run.
SUMMARY_COLUMNS = ["file", "kind", "pages", "characters", "results", "inconsistent", "decision_errors", "error"]


def _name(path):
    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(f"path must be a file name (str or pathlib.Path), got {type(path).__name__}.")
    return os.fspath(path)


def _limit(kind, max_megabytes):
    megabytes = MAX_MEGABYTES[kind] if max_megabytes is None else max_megabytes
    if not (isinstance(megabytes, (int, float)) and megabytes > 0):
        raise InputError(f"max_megabytes must be a positive number of megabytes, got {max_megabytes!r}.")
    return megabytes


def deadline_after(timeout):
    """The :func:`time.monotonic` time ``timeout`` seconds from now (None for no limit)."""
    if timeout is None:
        return None
    if not (isinstance(timeout, (int, float)) and timeout > 0):
        raise InputError(f"timeout must be a positive number of seconds, got {timeout!r}.")
    return time.monotonic() + timeout


def read_path(path, *, max_megabytes=None, max_pages=2000, deadline=None, stdin=None):
    """``(name, document)``: the :class:`._documents.Document` of ``path`` ('-' reads ``stdin``, a
    binary stream, when given), read by ``deadline`` (a :func:`time.monotonic` time)."""
    name = _name(path)
    if name == "-" and stdin is not None:
        data = stdin.read(max(MAX_MEGABYTES.values()) * 1_000_000 + 1 if max_megabytes is None
                          else int(_limit("text", max_megabytes) * 1_000_000) + 1)
        kind = kind_of("", data)
        name = "<stdin>"
    else:
        try:
            with open(name, "rb") as handle:
                if os.path.isdir(name):
                    raise IsADirectoryError
                kind = kind_of(name, handle.read(2048))
                limit = int(_limit(kind, max_megabytes) * 1_000_000)
                size = os.fstat(handle.fileno()).st_size
                if size > limit:
                    raise InputError(_too_big(name, size, kind, limit))
                handle.seek(0)
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise InputError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise InputError(f"{name}: is a folder, not a file (use check_folder, or pass it to "
                             "`mixedmethods audit`)") from None
        except OSError as error:
            raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    limit = int(_limit(kind, max_megabytes) * 1_000_000)
    if len(data) > limit:
        raise InputError(_too_big(name, len(data), kind, limit, more=True))
    return name, read_document(data, kind, name, max_pages=max_pages, deadline=deadline)


def _too_big(name, size, kind, limit, more=False):
    return (f"{name}: {'more than ' if more else ''}{size / 1e6:,.1f} MB, more than the {limit / 1e6:g} MB "
            f"limit for {kind.upper() if kind != 'text' else 'text'} files; raise max_megabytes= "
            "(--max-megabytes) to read it")


def check_path(name, document, check_options, *, deadline=None):
    """:func:`.check` of the document's text, with ``file``, ``page`` and ``line`` first.

    A long text is checked in pieces of about :data:`_PIECE` characters cut
    at paragraph ends (else line ends), with the clock checked between them;
    ``start`` and ``end`` stay offsets in the whole text.
    """
    import pandas as pd

    text, tables, empty, pos = document.text, [], None, 0
    while True:
        cut = _cut(text, pos)
        results = check(text[pos:cut], **check_options)
        if pos:
            results["start"] += pos
            results["end"] += pos
        if len(results):
            tables.append(results)
        elif empty is None:
            empty = results
        if cut >= len(text):
            break
        pos = cut
        if deadline is not None and time.monotonic() > deadline:
            raise InputError(f"{name}: checking took too long ({pos:,} of {len(text):,} characters); raise "
                             "timeout= (--timeout) to read it")
    results = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0] if tables else empty
    pages, lines = document.locate(results["start"].to_numpy())
    results.insert(0, "line", pd.array(lines, dtype="int64"))
    results.insert(0, "page", pd.array(pages, dtype="Int64"))
    results.insert(0, "file", pd.array([name] * len(results), dtype=object))
    return results


def _cut(text, pos):
    """Where the piece of ``text`` from ``pos`` ends: a paragraph end past :data:`_PIECE`, else a line end."""
    if len(text) - pos <= 2 * _PIECE:
        return len(text)
    for mark in ("\n\n", "\n", ". "):
        cut = text.find(mark, pos + _PIECE, pos + 2 * _PIECE)
        if cut >= 0:
            return cut + len(mark)
    return pos + 2 * _PIECE


def audit_path(path, *, read_options, check_options, stdin=None):
    """``(results, summary_row)`` for one path; ``results`` is None when it could not be read.

    ``read_options``: ``max_megabytes``, ``max_pages`` and ``timeout`` (for reading and checking).
    """
    options = dict(read_options)
    deadline = deadline_after(options.pop("timeout", None))
    try:
        name, document = read_path(path, stdin=stdin, deadline=deadline, **options)
        results = check_path(name, document, check_options, deadline=deadline)
    except InputError as error:
        shown = "<stdin>" if path == "-" and stdin is not None else os.fspath(path)
        row = dict(file=shown, kind="", pages=None, characters=None, results=None, inconsistent=None,
                   decision_errors=None, error=str(error))
        return None, row
    row = dict(file=name, kind=document.kind, pages=document.pages, characters=len(document.text),
               results=len(results), inconsistent=int((~results["consistent"]).sum()),
               decision_errors=int(results["decision_error"].sum()), error="")
    return results, row


def audit_paths(paths, *, read_options, check_options, progress=None, say=None, stdin=None):
    """``(summary, results)`` of every path in turn: :func:`summary_table` and all results in one table.

    ``progress`` as in :class:`Progress`; ``say(message)`` is called with the one-line error of each
    file that cannot be read; ``stdin`` is read for the path '-'.
    """
    import pandas as pd

    rows, tables = [], []
    bar = Progress(len(paths), show=progress)
    try:
        for done, path in enumerate(paths, start=1):
            results, row = audit_path(path, read_options=read_options, check_options=check_options,
                                      stdin=stdin if path == "-" else None)
            rows.append(row)
            if row["error"] and say is not None:
                bar.close()
                say(row["error"])
            elif results is not None and len(results):  # concat warns about empty tables
                tables.append(results)
            bar.update(done, path, sum(bool(r["inconsistent"]) for r in rows))
    finally:
        bar.close()
    results = pd.concat(tables, ignore_index=True) if tables else check_path("", Document("", "text"), {})
    return summary_table(rows), results


def summary_table(rows):
    """The summary rows as a DataFrame of :data:`SUMMARY_COLUMNS` (missing counts as <NA>)."""
    import pandas as pd

    table = pd.DataFrame(rows, columns=SUMMARY_COLUMNS)
    for column in ("pages", "characters", "results", "inconsistent", "decision_errors"):
        table[column] = pd.array(table[column].tolist(), dtype="Int64")
    return table


def files_in(folder, *, recursive=True):
    """``(files, skipped)``: the readable files under ``folder`` (sorted; hidden ones and Word's
    ``~$`` lock files left out) and how many files of other kinds were skipped."""
    files, skipped = [], 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(names):
            if name.startswith((".", "~$")):
                continue
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                files.append(os.path.join(root, name))
            else:
                skipped += 1
    return files, skipped


class Progress:
    """A one-line progress report on ``stream`` (standard error), shown once a run takes over a second.

    ``show``: None shows it only when ``stream`` is a terminal; True always
    (after the first second); False never.
    """

    def __init__(self, total, *, show=None, stream=None, delay=1.0):
        self.stream = sys.stderr if stream is None else stream
        if show is None:
            try:
                show = self.stream.isatty()
            except (AttributeError, ValueError):
                show = False
        self.total, self.show, self.delay, self.shown = total, show, delay, 0
        self.started = time.monotonic()

    def update(self, done, name, inconsistent):
        if not self.show or time.monotonic() - self.started < self.delay:
            return
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns - 1
        text = f"audit: {done}/{self.total} files, {inconsistent} with inconsistencies ({os.path.basename(name)})"
        text = text[:width]
        self.stream.write("\r" + text.ljust(self.shown))
        self.stream.flush()
        self.shown = len(text)

    def close(self):
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0

"""Plain text that fits the terminal: its width, wrapped paragraphs and tables.

Shared by the command line (``mixedmethods reproduce``, ``mixedmethods
audit``) and :meth:`mixedmethods.studies.StudyReport.to_text`, which is why it
sits here, below both, rather than inside ``cli/``.  No colour codes are ever
written, so piped output is plain text.

The table layout: each column is as wide as its widest cell when the table
fits; otherwise the widest columns give way first and their text wraps
inside the column.  Words are never broken while the table can fit without
it; when it cannot, long words without digits may be broken, numbers never.
Every cell keeps the text pandas would print for it (same decimals).
"""
from __future__ import annotations

import re
import shutil

__all__ = ["terminal_width", "size", "fill", "render_table", "cell_texts", "DEFAULT_WIDTH"]

#: The width used when ``COLUMNS`` is not set and the output is not a terminal.
DEFAULT_WIDTH = 100
_GAP = "  "  # between two columns
_HEADER_FIRST = 20  # a header wider than its cells wraps before cells this much wider do


def terminal_width(width=None) -> int:
    """``width`` when given; else ``COLUMNS`` if set, the terminal's width, or 100 (piped output).

    Examples
    --------
    >>> terminal_width(72)
    72
    """
    if width is not None:
        return int(width)
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def size(text) -> int:
    """The length of ``text`` in UTF-8 bytes, never less than its length in characters.

    Lines are kept within the width by this measure, so that byte-counting
    tools (``awk 'length > 100'`` with mawk) and character-counting terminals
    both see them fit: a line with typographic minus signs or dashes wraps a
    little earlier.
    """
    return len(text.encode("utf-8"))


def _wrap(text, width, *, measure=size, indent=""):
    """Greedy word wrap of one line to ``width`` by ``measure``; words are never cut."""
    lines, line = [], ""
    for word in text.split():
        room = width - (measure(indent) if lines else 0)
        if line and measure(line + " " + word) > room:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [lines[0]] + [indent + rest for rest in lines[1:]]


def fill(text, width, *, indent="") -> str:
    """Each line of ``text`` wrapped to ``width`` (blank lines kept; words, hence numbers, never cut).

    ``indent`` starts the continuation lines of each wrapped line; the width
    is measured by :func:`size`.

    Examples
    --------
    >>> print(fill("t(93) = 2.53, p = .05 for item 1", 16))
    t(93) = 2.53, p
    = .05 for item 1
    """
    out = []
    for line in str(text).split("\n"):
        out += _wrap(line, width, indent=indent) if line.strip() else [""]
    return "\n".join(out)


def cell_texts(frame):
    """Each column's cells as pandas prints them (its decimals), stripped: a list per column.

    The text of every table cell the terminal shows; the HTML reports show the same.
    """
    out = []
    for column in range(frame.shape[1]):
        if len(frame) == 0:
            out.append([])
            continue
        text = frame.iloc[:, [column]].to_string(index=False, header=False)
        out.append([cell.strip() for cell in text.split("\n")])
    return out


def _breakable_header(header):
    """``header`` with a space after each inner underscore, so that ``n_citations`` may wrap there."""
    return re.sub(r"_(?=[^\W_])", "_ ", header)


def _longest_word(texts):
    return max((len(word) for text in texts for word in text.split()), default=0)


def _column_widths(headers, columns, width):
    """Widths in characters that fit ``width`` without cutting a word, or None.

    The widest column gives way first, a header wider than its column's
    cells before any cell (as if ``_HEADER_FIRST`` characters wider).
    """
    widths = [max([len(h)] + [len(t) for t in column]) for h, column in zip(headers, columns)]
    cells = [max((len(t) for t in column), default=0) for column in columns]
    texts = [[_breakable_header(h)] + c for h, c in zip(headers, columns)]
    room = width - len(_GAP) * (len(texts) - 1)
    least = [_longest_word(column) for column in texts]
    if sum(least) > room:
        return None
    while sum(widths) > room:
        j = max((j for j, w in enumerate(widths) if w > least[j]),
                key=lambda j: widths[j] + (_HEADER_FIRST if widths[j] > cells[j] else 0))
        widths[j] -= 1
    return widths


def _records(headers, cells, width):
    """One block per row, ``column  value`` on each line: for a table too wide to fit.

    When the column names take more than half the width, or a word would
    not fit beside them, each value goes on the lines below its name,
    indented.
    """
    key = max(len(h) for h in headers) + len(_GAP)
    below = key > width // 2 or _longest_word(text for column in cells for text in column) > width - key
    out = []
    for i, row in enumerate(zip(*cells)):
        out += [""] if i else []
        for header, text in zip(headers, row):
            if below:
                out += [header] + ["  " + line for line in _wrap(text, width - 2)]
            else:
                lines = _wrap(text, width - key)
                out += [(header.ljust(key) + lines[0]).rstrip()] + [" " * key + line for line in lines[1:]]
    return out


def render_table(frame, width) -> str:
    """A DataFrame as plain text at most ``width`` wide (by :func:`size`), if its numbers allow.

    Each cell shows the text pandas prints for it (its decimals); text
    cells wrap inside their column and no word (hence no number) is cut.
    The header is underlined; text columns are left-aligned, numeric and
    boolean ones right-aligned; when a cell wraps, a blank line separates
    the rows.  The index is not shown.  A table that cannot fit without
    cutting words is printed one block per row instead, each line
    ``column  value``.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"theme": ["family support", "treatment adherence failure"], "n": [24, 9]})
    >>> print(render_table(table, 22))
    theme                n
    ------------------  --
    family support      24
    <BLANKLINE>
    treatment            9
    adherence failure
    >>> print(render_table(table, 12))
    theme
      family
      support
    n
      24
    <BLANKLINE>
    theme
      treatment
      adherence
      failure
    n
      9
    """
    import pandas as pd

    headers = [str(c) for c in frame.columns]
    cells = cell_texts(frame)
    right = [pd.api.types.is_numeric_dtype(frame.iloc[:, j]) or pd.api.types.is_bool_dtype(frame.iloc[:, j])
             for j in range(frame.shape[1])]
    # Widths are in characters; a line with characters longer than one byte (–, −, “) may still
    # be too long by size(): narrow the table by its overflow until every line fits.
    budget = width
    while (widths := _column_widths(headers, cells, budget)) is not None:
        out = _layout(headers, cells, widths, right)
        overflow = max(size(line) for line in out) - width
        if overflow <= 0:
            return "\n".join(out)
        budget -= overflow
    return "\n".join(_records(headers, cells, width))


def _layout(headers, cells, widths, right):
    """The lines of the table at ``widths`` (characters)."""

    def lines(row):
        wrapped = [_wrap(text, w, measure=len) for text, w in zip(row, widths)]
        for i in range(max(len(w) for w in wrapped)):
            parts = [(w[i] if i < len(w) else "") for w in wrapped]
            yield _GAP.join(p.rjust(n) if r else p.ljust(n) for p, n, r in zip(parts, widths, right)).rstrip()

    # a header breaks at its underscores only when it is wider than its column
    heads = [h if len(h) <= w else _breakable_header(h) for h, w in zip(headers, widths)]
    out = [line.replace("_ ", "_") for line in lines(heads)]
    out += [_GAP.join("-" * w for w in widths)]
    body = [list(lines(row)) for row in zip(*cells)]
    separator = [""] if any(len(row) > 1 for row in body) else []
    for i, row in enumerate(body):
        out += (separator if i else []) + row
    return out

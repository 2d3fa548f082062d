"""Taguette exports (``.csv`` / ``.xlsx`` highlights, or the whole ``project.sqlite3``)."""
from __future__ import annotations

import os
import warnings

from .._segments_model import PATH_SEPARATOR
from .._validation import InputError, InputTypeError
from ._archive import Budget, file_head, label_of, read_plain
from ._frames import codes_frame, empty_sets, positions
from .qdpx import QDAProject

__all__ = ["read_taguette"]


def read_taguette(path, *, separator=None, project=None):
    """Read a Taguette export into the tidy model.

    Parameters
    ----------
    path : str or os.PathLike
        Taguette's highlights export (``.csv`` or ``.xlsx``, "All
        highlights" with columns ``id, document, tag, content``) or its
        project export (``project.sqlite3``).  The project export is
        better: it lists every document, so participants never coded are
        known, and it keeps the highlights' positions.
    separator : str, optional
        Split tag paths into a hierarchy on this string (Taguette users often
        write ``"support.family"``; pass ``separator="."``).  By default
        tags are flat.
    project : int, optional
        Which project of a database holding several (by its id).

    Returns
    -------
    QDAProject
        ``segments`` (one row per highlight and tag: ``participant`` and
        ``source`` are the document's name, ``segment`` the highlight id,
        ``text`` the highlight as plain text; ``start`` and ``end`` in code
        points of the document's text, from the project export only),
        ``participants`` (the documents; from a highlights export only those
        with a highlight), ``codes`` (the tags), ``sources`` and an empty
        ``sets``.

    Notes
    -----
    A document is a participant.  A highlights export whose tags all share
    one root (or hold a single tag) is warned about: Taguette's export from
    a tag's page holds only that tag's highlights.  Paragraphs and other
    blocks of a document are joined with a line break (not counted in
    Taguette's offsets), so a highlight across two keeps the break.  Highlights without a tag are not codings
    and are left out.  Taguette stores positions as UTF-8 byte offsets in the
    document's text (HTML tags not counted); they are converted to code
    points.  Checked against exports of Taguette 1.5.2 made by
    ``tests/fixtures/make_taguette_export.py``.

    Examples
    --------
    >>> import io
    >>> csv = io.StringIO("id,document,tag,content\\n1,Ana,cost,It costs a lot\\n2,Bo,time,No time\\n")
    >>> read_taguette(csv).segments[["participant", "code", "text"]]
      participant  code            text
    0         Ana  cost  It costs a lot
    1          Bo  time         No time
    """
    label = label_of(path)
    if isinstance(path, (str, os.PathLike)):
        head = file_head(path, label)
    elif hasattr(path, "read"):
        head = b""
    else:
        raise InputTypeError(f"path must be a file path or a file object, got {type(path).__name__}.")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise InputError(f"{label} is XML, not a Taguette highlights or project export; Taguette's "
                         "codebook.qdc is read by mixedmethods.read_codebook.")
    if head.startswith(b"SQLite format 3\x00"):
        return _taguette_sqlite(path, separator, project, label)
    if head.startswith(b"PK\x03\x04"):
        frame = _read_excel(path, label)
    else:
        frame = _read_csv(path, label)
    return _taguette_highlights(frame, separator, label)


#: Largest highlights export read, in bytes (Taguette's exports of a whole project are a few MB).
MAX_BYTES = 256 * 2**20
_HEADER = "id, document, tag, content"


def _read_bytes(path, label):
    """The bytes (or text, from a text-mode file object) of ``path``, refusing an empty or oversized file."""
    data = read_plain(path, Budget(MAX_BYTES), label, " for a highlights export")
    if not data.strip():
        raise InputError(f"{label} is empty ({len(data)} bytes); a Taguette highlights export starts with "
                         f"the header row {_HEADER}.")
    return data


def _read_csv(path, label):
    """A highlights CSV as strings, every row checked to have as many fields as the header.

    A hand-edited export with an unquoted comma in a highlight has one field
    too many on that row; pandas would silently take the first column as the
    index and shift every column, so rows are read with :mod:`csv` and a row
    whose field count differs from the header's is refused, naming it.
    """
    import csv
    import io

    import pandas as pd

    data = _read_bytes(path, label)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"{label}: not UTF-8 text (byte {exc.start}); Taguette writes its CSV exports "
                             "in UTF-8 (save the file as CSV UTF-8).") from None
    data = data.removeprefix("\ufeff")
    if "\x00" in data[:65536]:
        raise InputError(f"{label} looks binary (a NUL character near the start), not a Taguette CSV export.")
    try:
        rows = list(csv.reader(io.StringIO(data, newline="")))
    except csv.Error as exc:
        if "field limit" not in str(exc):
            raise InputError(f"{label}: not a readable CSV ({exc}).") from None
        return _read_csv_long_fields(data, label)  # a highlight longer than csv's 131,072 characters
    rows = [r for r in rows if r]  # blank lines
    header, width = rows[0], len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise InputError(_shifted(label, number, row, header))
    return pd.DataFrame(rows[1:], columns=header, dtype=object).astype(str)


def _shifted(label, number, row, header):
    """The message for row ``number`` (1 is the header) of ``len(row)`` fields under ``header``."""
    more = len(row) > len(header)
    hint = ("a comma inside a highlight or a document name must be quoted (\"It costs, a lot\"), "
            "as Taguette writes it" if more else "a field is missing or a quote is not closed")
    return (f"{label}, row {number}: {len(row)} fields where the header ({', '.join(header)[:80]}) has "
            f"{len(header)}; {hint}. The row starts {','.join(row)[:60]!r}. Nothing was read, so that no "
            "column is shifted.")


def _read_csv_long_fields(data, label):
    """Fallback for fields beyond csv's limit: pandas' parser, which refuses rows with too many fields."""
    import io
    import re

    import pandas as pd

    try:
        return pd.read_csv(io.StringIO(data), header=0, index_col=False, dtype=str, keep_default_na=False,
                           engine="c", on_bad_lines="error")
    except pd.errors.ParserError as exc:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
        where = f", line {found.group(2)}: {found.group(3)} fields where the header has {found.group(1)}" if found else ""
        raise InputError(f"{label}{where}: not a readable Taguette CSV export; a comma inside a highlight "
                         "must be quoted.") from None


def _read_excel(path, label):
    import zipfile

    import pandas as pd

    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ImportError(
            f"reading {label} (an .xlsx file) needs openpyxl: pip install openpyxl, "
            "or export the highlights as CSV."
        ) from None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{label}: starts like a zip file (.xlsx) but cannot be opened ({exc}).") from None
    finally:
        if hasattr(path, "seek"):
            path.seek(0)
    if "xl/workbook.xml" not in names:
        listed = ", ".join(sorted(names)[:5]) or "nothing"
        raise InputError(f"{label} is a zip file but not an Excel workbook (.xlsx): it holds {listed}. "
                         "A Taguette highlights export is a .csv or .xlsx file, a project export a .sqlite3.")
    if unpacked > MAX_BYTES:
        raise InputError(f"{label} unpacks to {unpacked:,} bytes, over the limit of {MAX_BYTES:,}.")
    try:
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{label}: not a readable .xlsx workbook ({type(exc).__name__}: {exc}).") from None


def _tag_parts(tag, separator):
    """A Taguette tag's names from the root: split on ``separator``, or the whole tag without one."""
    return tag.split(separator) if separator else [tag]


def _code_parts(tag, separator):
    """``code`` and ``code_path`` of a Taguette tag."""
    parts = _tag_parts(tag, separator)
    return parts[-1], PATH_SEPARATOR.join(parts)


def _taguette_codes(tags, separator):
    rows, seen = [], set()
    for tag, description in tags:
        parts = _tag_parts(tag, separator)
        for i in range(len(parts)):
            path = PATH_SEPARATOR.join(parts[: i + 1])
            if path in seen:
                continue
            seen.add(path)
            explicit = i == len(parts) - 1
            rows.append({"code_id": tag if explicit else None, "code": parts[i], "code_path": path,
                         "parent_path": PATH_SEPARATOR.join(parts[:i]) if i else None, "level": i,
                         "is_codable": explicit, "color": None,
                         "description": description if explicit else None})
    rows.sort(key=lambda r: r["code_path"].split(PATH_SEPARATOR))
    return codes_frame(rows)


def _warn_if_filtered(tags, separator, label):
    """Warn when every tag shares one root: the export may be filtered by tag (Taguette's per-tag export)."""
    import os.path

    distinct = sorted(set(tags))
    if not distinct:
        return
    prefix = os.path.commonprefix(distinct)
    roots = {_tag_parts(t, separator)[0] for t in distinct} if separator else set()
    if len(distinct) == 1 or len(roots) == 1 or (len(prefix) >= 3 and not separator):
        warnings.warn(
            f"{label}: every highlight has a tag beginning with {prefix!r}; this may be a highlights export "
            "filtered by tag (Taguette's export from a tag's page), which leaves out the other tags and the "
            "documents without them, so shares and participants would be wrong. Export all highlights "
            "(the project's Export to CSV) or the whole project (project.sqlite3) to be sure.",
            stacklevel=4,
        )


def _taguette_highlights(frame, separator, label):
    import pandas as pd

    expected = ["id", "document", "tag", "content"]
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise InputError(
            f"{label}: column(s) {missing} not found (its columns are {list(frame.columns)[:10]}); "
            "a Taguette highlights export has id, document, tag, content."
        )
    frame = frame[frame["tag"].astype(str).str.strip() != ""]
    _warn_if_filtered(frame["tag"].astype(str), separator, label)
    names = [_code_parts(t, separator) for t in frame["tag"].astype(str)]
    segments = pd.DataFrame({
        "participant": frame["document"].astype(str).to_numpy(),
        "code": [n[0] for n in names], "code_path": [n[1] for n in names],
        "source": frame["document"].astype(str).to_numpy(),
        "start": pd.array([pd.NA] * len(frame), dtype="Int64"),
        "end": pd.array([pd.NA] * len(frame), dtype="Int64"),
        "text": frame["content"].astype(str).to_numpy(),
        "coder": pd.array([None] * len(frame), dtype=object),
        "segment": frame["id"].astype(str).to_numpy(),
    })
    documents = list(dict.fromkeys(segments["participant"].tolist()))
    codes = _taguette_codes([(t, None) for t in dict.fromkeys(frame["tag"].astype(str))], separator)
    sources = pd.DataFrame({"source_id": documents, "source": documents, "kind": "document",
                            "path": None, "n_characters": pd.array([pd.NA] * len(documents), dtype="Int64"),
                            "participant": documents})
    return QDAProject(codes=codes, segments=segments,
                      participants=pd.DataFrame({"participant": documents}), sources=sources,
                      sets=empty_sets(), name=None, origin="Taguette highlights export",
                      end_position=None)


_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
                     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
                     "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"})


class _HtmlText:
    """Plain text of Taguette's HTML, a line break between blocks, and its byte offsets in code points.

    Taguette counts UTF-8 bytes of the text nodes only; the line breaks put
    between paragraphs (so a quote across two keeps its space) are not
    counted, so each offset is mapped through the text node it falls in.
    """

    def __init__(self, html):
        from html.parser import HTMLParser

        self.nodes, parts, state = [], [], {"bytes": 0, "chars": 0, "pending": False}
        owner = self

        class _Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                state["pending"] |= tag in _BLOCKS

            def handle_endtag(self, tag):
                state["pending"] |= tag in _BLOCKS

            def handle_data(self, data):
                if state["pending"] and state["chars"]:
                    parts.append("\n")
                    state["chars"] += 1
                state["pending"] = False
                encoded = data.encode("utf-8")
                owner.nodes.append((state["bytes"], state["chars"], encoded))
                parts.append(data)
                state["bytes"] += len(encoded)
                state["chars"] += len(data)

        parser = _Parser(convert_charrefs=True)
        parser.feed(html)
        parser.close()
        self.text = "".join(parts)
        self.n_bytes = state["bytes"]
        self._starts = [n[0] for n in self.nodes]

    def chars(self, offset):
        """The code point index in ``text`` of Taguette's byte ``offset``."""
        import bisect

        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return 0
        byte_start, char_start, encoded = self.nodes[i]
        return char_start + len(encoded[:offset - byte_start].decode("utf-8", errors="ignore"))


def _html_text(html):
    """Plain text of Taguette's HTML (text nodes, a line break between blocks)."""
    return _HtmlText(html).text


def _taguette_sqlite(path, separator, project, label):
    import sqlite3
    import urllib.parse

    import pandas as pd

    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError("a Taguette project.sqlite3 must be given as a file path.")
    uri = "file:" + urllib.parse.quote(os.path.abspath(os.fspath(path))) + "?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise InputError(f"{label}: cannot open the database ({exc}).") from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        need = {"projects", "documents", "highlights", "tags", "highlight_tags"}
        if not need <= tables:
            raise InputError(
                f"{label}: table(s) {sorted(need - tables)} missing; not a Taguette project export."
            )
        projects = con.execute("SELECT id, name FROM projects ORDER BY id").fetchall()
        if project is None:
            if len(projects) != 1:
                raise InputError(
                    f"{label} holds {len(projects)} projects {projects}; choose one with project=ID."
                )
            project_id, project_name = projects[0]
        else:
            match = [p for p in projects if p[0] == project]
            if not match:
                raise InputError(f"{label}: no project with id {project!r}; its projects are {projects}.")
            project_id, project_name = match[0]
        docs = con.execute(
            "SELECT id, name, contents FROM documents WHERE project_id = ? ORDER BY id", (project_id,)
        ).fetchall()
        tags = con.execute(
            "SELECT id, path, description FROM tags WHERE project_id = ? ORDER BY id", (project_id,)
        ).fetchall()
        rows = con.execute(
            "SELECT h.id, h.document_id, h.start_offset, h.end_offset, h.snippet, t.path "
            "FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id "
            "JOIN tags t ON t.id = ht.tag_id JOIN documents d ON d.id = h.document_id "
            "WHERE d.project_id = ? ORDER BY h.id, t.path", (project_id,)
        ).fetchall()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{label}: not a readable Taguette database ({exc}).") from None
    finally:
        con.close()

    doc_name = {d[0]: d[1] for d in docs}
    html = {d[0]: _HtmlText(d[2] or "") for d in docs}
    doc_text = {doc_id: h.text for doc_id, h in html.items()}

    seg = []
    for hid, doc_id, start, end, snippet, tag in rows:
        code, path = _code_parts(tag, separator)
        h = html[doc_id]
        inside = 0 <= start <= end <= h.n_bytes
        first, last = (h.chars(start), h.chars(end)) if inside else (None, None)
        seg.append({"participant": doc_name[doc_id], "code": code, "code_path": path,
                    "source": doc_name[doc_id], "start": first, "end": last,
                    "text": h.text[first:last] if inside else _html_text(snippet or ""),
                    "coder": None, "segment": str(hid)})
    segments = positions(pd.DataFrame(seg, columns=["participant", "code", "code_path", "source", "start",
                                                    "end", "text", "coder", "segment"]))
    names = [d[1] for d in docs]
    sources = pd.DataFrame({"source_id": [str(d[0]) for d in docs], "source": names, "kind": "document",
                            "path": None,
                            "n_characters": pd.array([len(doc_text[d[0]]) for d in docs], dtype="Int64"),
                            "participant": names})
    return QDAProject(codes=_taguette_codes([(t[1], t[2]) for t in tags], separator), segments=segments,
                      participants=pd.DataFrame({"participant": names}), sources=sources,
                      sets=empty_sets(), name=project_name, origin="Taguette project export",
                      end_position="exclusive", texts={str(d[0]): doc_text[d[0]] for d in docs})

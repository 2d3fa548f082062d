"""Readers that turn an untrusted PDF, HTML, DOCX or text file into text, defensively.

Each reader takes the file's bytes (already bounded in size by the caller)
and returns a :class:`Document`: its text, where each PDF page starts, and,
for HTML, the source line of each stretch of text.  Every failure is an
:class:`~mixedmethods._validation.InputError` with a one-line message naming
the file and what was wrong; nothing is written anywhere.

Bounds, so that no file can hang a folder run: the caller caps the file's
size; a PDF's page count is capped and the clock is checked between pages;
HTML is scanned by one linear-time pattern with the clock checked as it goes;
a DOCX's ``word/document.xml`` is unpacked in chunks and refused past
:data:`MAX_UNPACKED_MEGABYTES` (a zip bomb) and parsed with defusedxml (no
entity expansion).
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from .._validation import InputError

__all__ = [
    "Document", "SUFFIXES", "MAX_MEGABYTES", "MAX_UNPACKED_MEGABYTES", "kind_of", "read_document",
]

#: File name endings read, by kind.
SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx",
            ".txt": "text", ".md": "text", ".text": "text", ".markdown": "text"}
#: Default size limits in MB, by kind: a 50 MB PDF or a 10 MB HTML page is refused unless raised.
MAX_MEGABYTES = {"pdf": 25, "docx": 25, "html": 5, "text": 25}
#: A DOCX's ``word/document.xml`` may unpack to this much at most (a zip bomb unpacks to gigabytes).
MAX_UNPACKED_MEGABYTES = 64
_CHUNK = 1 << 16
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word's Symbol font puts Greek and maths in the private-use area (F0xx) or at ASCII codes.
_SYMBOL = {"c": "χ", "a": "α", "b": "β", "h": "η", "w": "ω", "D": "Δ", "-": "−", "\u00a3": "≤",
           "\u00b3": "≥", "\u00b1": "±", "<": "<", ">": ">", "=": "="}
_BLOCKS = frozenset(
    "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot "
    "th thead title tr ul".split()
)
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


@dataclass
class Document:
    """The text of a file, with what is needed to say where each offset came from.

    ``page_starts``: offset of each PDF page in ``text`` (empty for other
    kinds).  ``anchors``: ``(offset, line)`` pairs, sorted, giving the source
    line of the text from ``offset`` on (HTML); empty when lines are counted
    in ``text`` itself.
    """

    text: str
    kind: str
    pages: int | None = None
    page_starts: list = field(default_factory=list)
    anchors: list = field(default_factory=list)

    def locate(self, starts):
        """The page (or None) and line of each offset in ``starts``."""
        import bisect

        order = sorted(range(len(starts)), key=lambda i: starts[i])
        pages, lines = [None] * len(starts), [0] * len(starts)
        last, line, page = 0, 1, 0
        anchor_offsets = [a[0] for a in self.anchors]
        for i in order:
            start = int(starts[i])
            if self.page_starts:
                now = bisect.bisect_right(self.page_starts, start)
                if now != page:  # lines count from the top of each page
                    page, last, line = now, self.page_starts[now - 1], 1
                pages[i] = page
            if self.anchors:
                j = bisect.bisect_right(anchor_offsets, start) - 1
                lines[i] = self.anchors[j][1] if j >= 0 else 1
                continue
            line += self.text.count("\n", last, start)
            last = start
            lines[i] = line
        return pages, lines


def kind_of(name, head):
    """The kind of a file from its name's ending, else from its first bytes (``head``)."""
    import os

    suffix = os.path.splitext(str(name))[1].lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if suffix == ".doc":
        raise InputError(f"{name}: the old Word .doc format is not read; save it as .docx (or .pdf)")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if re.search(rb"<(!doctype\s+html|html[\s>])", head[:2048].lower()):
        return "html"
    return "text"


def read_document(data, kind, name, *, max_pages=2000, deadline=None):
    """The :class:`Document` in ``data`` (bytes) read as ``kind``; ``name`` is used in messages.

    ``deadline`` is a :func:`time.monotonic` time after which reading stops
    with an error.
    """
    readers = {"pdf": _read_pdf, "html": _read_html, "docx": _read_docx, "text": _read_text}
    deadline = float("inf") if deadline is None else deadline
    return readers[kind](data, name, max_pages=max_pages, deadline=deadline)


def _too_slow(name, deadline, where):
    if time.monotonic() > deadline:
        raise InputError(f"{name}: reading took too long ({where}); raise timeout= (--timeout) to read it")


def _read_text(data, name, **_):
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 has NULs
        raise InputError(f"{name}: looks binary, not text (a NUL byte near the start)")
    return Document(_decode(data), "text")


def _decode(data, declared=None):
    """UTF-16 with its BOM; else UTF-8 (with or without BOM), the declared charset, cp1252, latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    for encoding in ("utf-8-sig", declared, "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


# --- PDF ---------------------------------------------------------------------------------------

def _read_pdf(data, name, *, max_pages, deadline):
    import io
    import logging
    import warnings

    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{name}: not a PDF (it does not start with %PDF-)")
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError:  # pragma: no cover - a dependency
        raise InputError(f"{name}: reading PDFs needs pypdf (pip install pypdf)") from None
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)  # pypdf logs every repair of a damaged file
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = PdfReader(io.BytesIO(data))
                if reader.is_encrypted:
                    try:
                        opened = reader.decrypt("")
                    except DependencyError:
                        raise InputError(f"{name}: the PDF is encrypted (AES) and cannot be opened without "
                                         "the cryptography package") from None
                    if not opened:
                        raise InputError(f"{name}: the PDF is encrypted with a password; save an "
                                         "unprotected copy to audit it")
                n_pages = len(reader.pages)
                if n_pages > max_pages:
                    raise InputError(f"{name}: the PDF has {n_pages:,} pages, more than max_pages={max_pages:,} "
                                     "(--max-pages)")
                texts = []
                for number, page in enumerate(reader.pages, start=1):
                    _too_slow(name, deadline, f"page {number} of {n_pages}")
                    texts.append(page.extract_text() or "")
            except InputError:
                raise
            except RecursionError:
                raise InputError(f"{name}: not a readable PDF (its structure nests too deeply)") from None
            except Exception as error:  # noqa: BLE001 - any failure of the parser on untrusted bytes
                message = " ".join(str(error).split())[:160] or type(error).__name__
                raise InputError(f"{name}: not a readable PDF ({message})") from None
    finally:
        logger.setLevel(level)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    return Document("\n".join(texts), "pdf", pages=len(texts), page_starts=starts)


# --- HTML --------------------------------------------------------------------------------------
# One linear-time pattern finds the markup; everything between is text.  Possessive quantifiers
# (Python 3.11) and the ban on '<' inside a tag keep every failed match short, so no input makes it
# slow.  (CPython 3.11's html.parser rescans unclosed constructs: 2.5 million "</" took minutes.)
_MARKUP = re.compile(
    r"<!--"                                      # a comment: its end is found with str.find
    r"|<[!?][^<>]*+>"                            # <!DOCTYPE ...>, <?xml ...?>
    r"|<(/?)([A-Za-z][A-Za-z0-9:_-]*+)(?:[^<>\"']++|\"[^\"<]*+\"|'[^'<]*+')*+>"
)
_RAW_TEXT = frozenset({"script", "style", "template", "textarea", "title"})


class _HtmlText:
    """Text as a browser shows it: scripts and styles dropped, entities decoded, blocks apart."""

    def __init__(self, source):
        self.source, self.parts, self.length, self.anchors = source, [], 0, []
        self.pre, self.newlines, self.last = 0, 0, "\n"
        self.line, self.seen = 1, 0

    def _emit(self, text):
        self.parts.append(text)
        self.length += len(text)
        stripped = text.rstrip("\n")
        self.newlines = self.newlines + len(text) if not stripped else len(text) - len(stripped)
        self.last = text[-1]

    def block(self, lines):
        """End the line (``lines=1``) or the paragraph (2): a sentence ends at a paragraph's end."""
        if self.parts and self.newlines < lines:
            self._emit("\n" * (lines - self.newlines))

    def data(self, start, end):
        """The text between two pieces of markup, at ``source[start:end]``."""
        import html

        self.line += self.source.count("\n", self.seen, start)
        self.seen = start
        for i, piece in enumerate(html.unescape(self.source[start:end]).split("\n")):
            if self.pre:
                if i:
                    self._emit("\n")
            else:  # runs of white space, line breaks included, show as one space
                piece = _SPACES.sub(" ", (" " if i else "") + piece)
                if self.last in " \n":
                    piece = piece.lstrip(" ")
            if piece:
                self.anchors.append((self.length, self.line + i))
                self._emit(piece)

    def read(self, name, deadline):
        source, pos, steps = self.source, 0, 0
        while True:
            steps += 1
            if not steps % 4096:
                _too_slow(name, deadline, f"{pos:,} of {len(source):,} characters")
            m = _MARKUP.search(source, pos)
            if m is None:
                self.data(pos, len(source))
                break
            if m.start() > pos:
                self.data(pos, m.start())
            pos = m.end()
            closing, tag = m.group(1), (m.group(2) or "").lower()
            if m.group(0) == "<!--":
                end = source.find("-->", pos)
                pos = len(source) if end < 0 else end + 3
            elif tag in _RAW_TEXT and not closing:  # its text is not markup: skip to its end tag
                end = re.compile(rf"</{tag}[\s/>]", re.IGNORECASE).search(source, pos)
                pos = len(source) if end is None else source.find(">", end.start()) + 1 or len(source)
            elif tag == "br":
                self.block(1)
            elif tag in _BLOCKS:
                self.block(2)
                if tag == "pre":
                    self.pre = max(self.pre + (-1 if closing else 1), 0)
        return "".join(self.parts)


def _read_html(data, name, *, deadline, **_):
    head = data[:4096].decode("ascii", "replace")
    declared = re.search(r"""charset\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", head)
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: looks binary, not HTML (a NUL byte near the start)")
    reader = _HtmlText(_decode(data, declared.group(1) if declared else None))
    text = reader.read(name, deadline)
    return Document(text, "html", anchors=reader.anchors)


# --- DOCX --------------------------------------------------------------------------------------

def _read_docx(data, name, *, deadline, **_):
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise InputError(f"{name}: not a Word document (no word/document.xml inside)") from None
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise InputError(f"{name}: not a readable .docx (a .docx is a zip file: {error})") from None
    limit = MAX_UNPACKED_MEGABYTES * 1_000_000
    if info.file_size > limit:
        raise InputError(f"{name}: its text would unpack to {info.file_size / 1e6:,.0f} MB, more than "
                         f"{MAX_UNPACKED_MEGABYTES} MB (a zip bomb?)")
    chunks, total = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK * 16):
                total += len(chunk)
                if total > limit:
                    raise InputError(f"{name}: its text unpacks to more than {MAX_UNPACKED_MEGABYTES} MB "
                                     "(a zip bomb?)")
                chunks.append(chunk)
                _too_slow(name, deadline, "unpacking")
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 - zlib/zipfile on untrusted bytes
        raise InputError(f"{name}: not a readable .docx ({' '.join(str(error).split())[:160]})") from None
    return Document(_docx_text(b"".join(chunks), name), "docx")


def _docx_text(xml, name):
    """The paragraphs of ``word/document.xml``, one per line (tables' cells too, in reading order)."""
    import io

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    parts = []
    try:
        for event, element in iterparse(io.BytesIO(xml), events=("end",)):
            tag = element.tag
            if tag == _W + "t":
                parts.append(element.text or "")
            elif tag == _W + "p":
                parts.append("\n")
                element.clear()
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "sym":
                parts.append(_symbol(element.get(_W + "char", "")))
    except DefusedXmlException:
        raise InputError(f"{name}: its XML declares entities or a DTD, which are not read (unsafe)") from None
    except Exception as error:  # noqa: BLE001 - XML parser on untrusted bytes
        raise InputError(f"{name}: not a readable .docx (bad XML: {' '.join(str(error).split())[:120]})") from None
    return "".join(parts)


def _symbol(code):
    """The character a Word ``w:sym`` stands for (Symbol font codes F0xx), or '' when unknown."""
    try:
        char = chr(int(code, 16) & 0xFF)
    except ValueError:
        return ""
    return _SYMBOL.get(char, "")

"""Defensive reading of a ``.qdpx``: in memory, never extracted, with budgets.

A ``.qdpx`` is a zip of XML from strangers: XML entities and external
references are refused (defusedxml), member names that are absolute or climb
with ``..`` are refused, and the bytes read and the number of members are
capped.
"""
from __future__ import annotations

import contextlib
import itertools
import os
import re

from .._validation import InputError, InputTypeError

__all__ = ["MAX_BYTES", "MAX_MEMBERS", "MAX_RATIO", "Budget", "unsafe_name", "read_member", "member_chunks",
           "xml_errors", "parse_xml", "parse_pieces", "label_of", "file_head", "read_plain", "open_project",
           "open_qde"]

#: Default cap on the bytes decompressed from one ``.qdpx`` (project.qde and text sources).
MAX_BYTES = 512 * 2**20
#: Default cap on the number of members of a ``.qdpx``.
MAX_MEMBERS = 20_000
#: A member larger than 1 MiB that expands more than this many times is refused as a zip bomb.
MAX_RATIO = 200


def unsafe_name(name: str) -> bool:
    """True for a member name that is absolute, names a drive, holds NUL or climbs with ``..``."""
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":") or "\x00" in n:
        return True
    return any(part == ".." for part in n.split("/"))


class Budget:
    """The bytes left to decompress from one project."""

    def __init__(self, max_bytes):
        self.left = max_bytes
        self.max_bytes = max_bytes


def read_member(zf, info, budget, label):
    """The bytes of one zip member, within ``budget`` and refusing likely zip bombs."""
    return b"".join(member_chunks(zf, info, budget, label))


def member_chunks(zf, info, budget, label):
    """The bytes of one zip member in pieces of 1 MiB, within ``budget`` and refusing likely zip bombs.

    The checks on the sizes the archive declares are made before the first
    piece (this is a generator: on the first ``next``).
    """
    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(
            f"{label}: member {info.filename!r} expands from {info.compress_size:,} to "
            f"{info.file_size:,} bytes (more than {MAX_RATIO} times); refused as a likely zip bomb."
        )
    if info.file_size > budget.left:
        raise InputError(
            f"{label}: member {info.filename!r} declares {info.file_size:,} bytes, over the limit of "
            f"{budget.max_bytes:,} bytes read from one project; raise max_bytes if the file is trusted."
        )
    small = _read_small(zf, info) if info.file_size <= 2**20 else None
    if small is not None:
        budget.left -= len(small)
        if budget.left < 0:
            raise _past_the_limit(label, info, budget)
        if small:
            yield small
        return
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(2**20)
            if not chunk:
                break
            budget.left -= len(chunk)
            if budget.left < 0:
                raise _past_the_limit(label, info, budget)
            yield chunk


def _past_the_limit(label, info, budget):
    return InputError(f"{label}: member {info.filename!r} expands past the limit of {budget.max_bytes:,} "
                      "bytes read from one project; raise max_bytes if the file is trusted.")


def _read_small(zf, info):
    """The bytes of a small stored or deflated member, read straight from the archive (or None).

    What :meth:`zipfile.ZipFile.open` does, without its file objects (a
    project has a text per source): the local header is checked (signature,
    name), at most ``file_size`` bytes are inflated, and the length and
    CRC-32 must be those of the directory.  Anything else (encryption, other
    compression, a mismatch) returns None and is left to zipfile, which
    says what is wrong.
    """
    import struct
    import zlib

    if info.flag_bits & 0x61 or info.compress_type not in (0, 8) or getattr(zf, "fp", None) is None:
        return None  # encrypted, patched or strongly encrypted; not stored or deflated
    fp = zf.fp
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        return None
    flags, (name_length, extra_length) = header[6] | header[7] << 8, struct.unpack("<HH", header[26:30])
    name = fp.read(name_length)
    encoding = "utf-8" if flags & 0x800 else (getattr(zf, "metadata_encoding", None) or "cp437")
    try:
        if name.decode(encoding) != info.orig_filename:
            return None
    except UnicodeDecodeError:
        return None
    fp.seek(extra_length, 1)
    raw = fp.read(info.compress_size)
    if len(raw) != info.compress_size:
        return None
    try:
        data = zlib.decompressobj(-15).decompress(raw, info.file_size + 1) if info.compress_type == 8 else raw
    except zlib.error:
        return None
    if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


_DECLARED_ENCODING = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")
#: lxml's parser as the reader uses it: no entity resolved, no DTD loaded, nothing fetched; comments and
#: processing instructions dropped (as ElementTree drops them).  ``huge_tree`` lifts libxml2's caps on the
#: size of one text node (10 MB) and on nesting (256 -> 2048 levels): with no DTD nothing can expand, and
#: the bytes are capped by the reader's budget.
_LXML_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                     remove_pis=True, collect_ids=False, huge_tree=True)


def _root_start(data):
    """Where the root element starts after the prolog of ``data``; -1 when a DOCTYPE (or other markup)
    comes first, None when ``data`` ends before the root element."""
    i, n = (3 if data.startswith(b"\xef\xbb\xbf") else 0), len(data)
    while True:
        while i < n and data[i] in b" \t\r\n":
            i += 1
        if i >= n:
            return None
        if data[i] != 0x3C:  # not "<": malformed (the other parser says where)
            return -1
        if data.startswith(b"<?", i):
            i = data.find(b"?>", i + 2)
            if i < 0:
                return None
            i += 2
        elif data.startswith(b"<!--", i):
            i = data.find(b"-->", i + 4)
            if i < 0:
                return None
            i += 3
        elif data.startswith(b"<!", i):
            if n - i < 4 and b"<!--".startswith(data[i:]):
                return None  # the start of a comment, cut
            return -1  # a DOCTYPE: where entities are declared
        elif i + 1 >= n:
            return None
        else:
            return i


def _lxml_safe(data):
    """True when ``data`` starts UTF-8 (or ASCII) XML whose prolog has no DOCTYPE, so it can declare no entity.

    ``data`` needs only to reach the root element's start tag: a DOCTYPE can
    stand nowhere else (after it, ``<!DOCTYPE`` is malformed).
    """
    if data[:2] in (b"\xfe\xff", b"\xff\xfe") or b"\x00" in data[:4]:
        return False  # UTF-16 or UTF-32: the byte search below would not see a DOCTYPE
    declared = _DECLARED_ENCODING.match(data[3:400] if data.startswith(b"\xef\xbb\xbf") else data[:400])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return False
    start = _root_start(data)
    return start is not None and start >= 0


def parse_xml(data, label):
    """The root element of ``data``, refusing entities and external references.

    UTF-8 XML whose prolog has no DOCTYPE (where entities would be
    declared) cannot declare an entity, and is parsed by lxml (libxml2)
    with entity resolution, DTD loading and network access off
    (``_LXML_OPTIONS``): on the 25 MB ``project.qde`` of 100,000 codings of
    ``benchmarks/bench_themes.py``, 0.3-0.5 s against the standard
    library's 0.96 s in the same process.  Anything else
    (a DOCTYPE, another encoding) goes through defusedxml, which refuses
    entity declarations and external references.  Comments and processing
    instructions are dropped either way.
    """
    if not _lxml_safe(data):
        return _parse_defused(data, label)
    from lxml import etree

    with xml_errors(label):
        return etree.fromstring(data, etree.XMLParser(**_LXML_OPTIONS))


def _parse_defused(data, label):
    """The root element of ``data`` parsed by defusedxml (refusing entity declarations and external references)."""
    import defusedxml.ElementTree as DET

    with xml_errors(label):
        return DET.fromstring(data)


def parse_pieces(pieces, label, tags, on_end):
    """The root element of the XML whose bytes ``pieces`` yields, parsed as they come.

    With lxml (see :func:`parse_xml` for when), ``on_end(element)`` is
    called as each element named in ``tags`` ends, so that the caller can
    take what it needs and drop the rest before the next piece is parsed;
    otherwise the pieces are joined and parsed by :func:`parse_xml`, and
    ``on_end`` is never called.
    """
    pieces = iter(pieces)
    head = b""
    for piece in pieces:
        head += piece
        if _root_start(head) is not None or len(head) > 2**20:
            break
    if not _lxml_safe(head):
        return _parse_defused(b"".join(itertools.chain([head], pieces)), label)  # one copy of the file
    from lxml import etree

    parser = etree.XMLPullParser(events=("end",), tag=tags, **_LXML_OPTIONS)
    with xml_errors(label):
        for piece in itertools.chain([head], pieces):
            parser.feed(piece)
            for _, element in parser.read_events():
                on_end(element)
        return parser.close()


@contextlib.contextmanager
def xml_errors(label):
    """Turn the errors of ElementTree, expat, lxml and defusedxml into InputError naming ``label``."""
    import xml.etree.ElementTree as ET
    from xml.parsers import expat

    import defusedxml
    from lxml import etree

    try:
        yield
    except defusedxml.DefusedXmlException as exc:
        raise InputError(
            f"{label}: the XML declares entities or external references ({type(exc).__name__}); "
            "they are refused (a REFI-QDA project needs none)."
        ) from None
    except (ET.ParseError, expat.ExpatError) as exc:
        raise InputError(f"{label}: malformed XML ({exc}).") from None
    except etree.XMLSyntaxError as exc:
        reason = str(exc)
        if reason.startswith("no element found"):  # the pull parser's word at close(): the error is logged
            fatal = [e for e in exc.error_log if e.level_name == "FATAL"]
            if fatal:  # the log is lxml's thread-wide one: the last entry is this parse's
                reason = f"{fatal[-1].message}, line {fatal[-1].line}, column {fatal[-1].column}"
        raise InputError(f"{label}: malformed XML ({reason}).") from None


def label_of(path):
    """How messages name the file."""
    if isinstance(path, (str, os.PathLike)):
        return os.fspath(path)
    return getattr(path, "name", None) or "the file"


def file_head(path, label):
    """The first 64 bytes of the file at ``path`` (to tell its format), or FileNotFoundError."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{label}: no such file.")
    with open(path, "rb") as fh:
        return fh.read(64)


def read_plain(opener, budget, label, what=""):
    """The whole of a file (path or file object) that is not an archive, refused past ``budget``.

    ``what`` ends the message (e.g. ``" for a highlights export"``).
    """
    if isinstance(opener, (str, os.PathLike)):
        size = os.path.getsize(opener)
        if size > budget.left:
            raise InputError(f"{label} has {size:,} bytes, over the limit of {budget.max_bytes:,}{what}.")
        with open(opener, "rb") as fh:
            return fh.read()
    data = opener.read(budget.left + 1)
    if len(data) > budget.left:
        raise InputError(f"{label} is over the limit of {budget.max_bytes:,} bytes{what}.")
    return data


def _checked_members(zf, label, max_members):
    """Name -> ZipInfo of the files of the archive, after the count and name checks."""
    infos = zf.infolist()
    if len(infos) > max_members:
        raise InputError(
            f"{label} holds {len(infos):,} members, over the limit of {max_members:,}; "
            "raise max_members if the file is trusted."
        )
    for info in infos:
        if unsafe_name(info.filename):
            raise InputError(
                f"{label}: member {info.filename!r} points outside the archive (absolute path "
                "or '..'); the file is refused."
            )
    return {info.filename.replace("\\", "/"): info for info in infos if not info.is_dir()}


def _project_member(members, label):
    qde = members.get("project.qde")
    if qde is not None:
        return qde
    found = [n for n in members if n.lower().endswith(".qde")]
    if len(found) == 1:  # ATLAS.ti names it after the project (e.g. Trial.qde)
        return members[found[0]]
    found = [n for n in found if n.lower() == "project.qde"]
    if len(found) != 1:
        listed = ", ".join(list(members)[:10]) or "nothing"
        raise InputError(f"{label} has no project.qde (it holds {listed}); is it a REFI-QDA project export?")
    return members[found[0]]


@contextlib.contextmanager
def open_qde(path, max_bytes, max_members):
    """Yield ``(pieces, xml_label, members, zf, budget, label)`` of a ``.qdpx`` (or of a bare ``project.qde``).

    ``pieces`` iterates over the bytes of the project's XML, read as they
    are consumed, within ``budget`` (the declared sizes are checked on the
    first ``next``); ``xml_label`` names it in messages.  ``members`` maps
    names to ZipInfo and ``zf`` is the open archive (empty and None for a
    bare ``project.qde``): the source texts are read from it while the
    project is built, within the same ``budget``.
    """
    import zipfile

    label = label_of(path)
    budget = Budget(int(max_bytes))
    if isinstance(path, (str, os.PathLike)):
        head = file_head(path, label)
    elif hasattr(path, "read") and hasattr(path, "seek"):
        head = path.read(64)
        path.seek(0)
    else:
        raise InputTypeError(f"path must be a file path or a binary file object, got {type(path).__name__}.")

    if not zipfile.is_zipfile(path):
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            if hasattr(path, "seek"):
                path.seek(0)  # is_zipfile has read the end of the file
            yield iter([read_plain(path, budget, label)]), label, {}, None, budget, label
            return
        raise InputError(
            f"{label} is not a zip archive; a .qdpx project is a zip holding project.qde "
            "(export it again from your program as a REFI-QDA project)."
        )
    if hasattr(path, "seek"):
        path.seek(0)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputError(f"{label}: damaged zip archive ({exc}).") from None
    with zf:
        members = _checked_members(zf, label, max_members)
        qde = _project_member(members, label)
        yield member_chunks(zf, qde, budget, label), f"{label}: {qde.filename}", members, zf, budget, label


@contextlib.contextmanager
def open_project(path, max_bytes, max_members):
    """Yield ``(root, members, zf, budget, label)``: :func:`open_qde` with the XML parsed into a tree."""
    with open_qde(path, max_bytes, max_members) as (pieces, xml_label, members, zf, budget, label):
        yield parse_xml(b"".join(pieces), xml_label), members, zf, budget, label

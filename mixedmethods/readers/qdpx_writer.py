"""Write a REFI-QDA project (``.qdpx``) from a :class:`QDAProject` or a segments table: :func:`write_qdpx`."""
from __future__ import annotations

import hashlib
import os
import re
import uuid
import warnings

from .._segments_model import PATH_SEPARATOR, split_path
from .._validation import InputError, InputTypeError
from .qdpx import QDAProject

__all__ = ["write_qdpx"]

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_RGB = re.compile(r"#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")
# uuid5 namespace of the GUIDs this writer derives (any fixed UUID): the same input gives the same file
_UUID_NAMESPACE = uuid.UUID("9b0f6a0e-6f0e-4d5c-8b1a-4f1c2d3e4a5b")


def _missing(x):
    """None, NaN, pandas.NA or NaT (fast: called for every field of every segment)."""
    if x is None:
        return True
    if isinstance(x, float):
        return x != x
    name = type(x).__name__
    return name in ("NAType", "NaTType") or (name.startswith("float") and x != x)


class _Guids:
    """GUIDs for the project's elements: the caller's when GUID-shaped and unused, else derived by uuid5."""

    def __init__(self):
        self.used = set()

    def __call__(self, kind, key, given=None):
        if isinstance(given, str) and _GUID.fullmatch(given) and given.lower() not in self.used:
            guid = given
        else:
            guid = _uuid5(f"{kind}\x00{key}")
            n = 0
            while guid in self.used:  # the same key twice (e.g. two codes named alike): still unique
                n += 1
                guid = _uuid5(f"{kind}\x00{key}\x00{n}")
        self.used.add(guid.lower())
        return guid


def _uuid5(name):
    """``str(uuid.uuid5(_UUID_NAMESPACE, name))``, without building UUID objects (faster by half)."""
    h = bytearray(hashlib.sha1(_UUID_NAMESPACE.bytes + name.encode("utf-8")).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50  # version 5
    h[8] = (h[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


# --------------------------------------------------------------------------- the input as tables
def _from_project(project, participants, texts, codes, sets):
    """Segments (with a ``_key`` per source), sources, texts by key and the rest, from a QDAProject."""
    seg = project.segments
    if "kind" in seg.columns:
        text_kinds = seg["kind"].isin(["text", "whole source"]).to_numpy()
        if not text_kinds.all():
            warnings.warn(f"{int((~text_kinds).sum())} coding(s) of pictures, PDFs, audio or video are not "
                          "written: write_qdpx writes text sources only.", stacklevel=3)
            seg = seg[text_kinds]
    if "coding_id" in seg.columns:  # one row per coding and participant: each coding once
        seg = seg[~(seg["coding_id"].notna() & seg["coding_id"].duplicated())]
    src = project.sources
    if "source_id" in seg.columns:
        seg = seg.assign(_key=seg["source_id"])
    else:  # Taguette: segments name their source only
        key_of = dict(zip(src["source"][::-1], src["source_id"][::-1]))
        seg = seg.assign(_key=seg["source"].map(lambda name: key_of.get(name, name)))
    sources = [{"key": r.source_id, "name": r.source, "guid": r.source_id,
                "owners": [p for p in str(r.participant or "").split("; ") if p]}
               for r in src[["source_id", "source", "participant"]].itertuples(index=False)]
    all_texts = dict(project.texts or {})
    if texts:
        by_name = {s["name"]: s["key"] for s in sources}
        all_texts.update({by_name.get(k, k): v for k, v in texts.items()})
    return (seg, sources, all_texts,
            participants if participants is not None else project.participants,
            codes if codes is not None else project.codes,
            sets if sets is not None else project.sets,
            project.name)


def _from_segments(segments, participants, texts, codes, sets, columns):
    from ..themes._segments import _participants_frame, _segments_frame

    seg = _segments_frame(segments, columns)
    if "source" not in seg.columns:
        seg["source"] = seg["participant"]
    seg["source"] = seg["source"].where(seg["source"].notna(), seg["participant"])
    seg["_key"] = seg["source"].astype(str)
    part = _participants_frame(participants, columns) if participants is not None else None
    keys = list(dict.fromkeys([*seg["_key"].tolist(), *(texts or {})]))
    sources = [{"key": k, "name": k, "guid": None, "owners": None} for k in keys]
    return seg, sources, dict(texts or {}), part, codes, sets, None


# --------------------------------------------------------------------------- codebook
def _codebook(codes, seg):
    """Code rows (path, guid given, codable, colour, description) in tree order, parents before children."""
    import pandas as pd

    rows = {}
    if isinstance(codes, pd.DataFrame):
        col = "code_path" if "code_path" in codes.columns else "code"
        for r in codes.to_dict("records"):
            if _missing(r.get(col)):
                continue
            rows[str(r[col])] = {"given": r.get("code_id"), "codable": r.get("is_codable"),
                                 "color": r.get("color"), "description": r.get("description")}
    elif codes is not None:
        for path in [codes] if isinstance(codes, str) else codes:
            rows.setdefault(str(path), {})
    used = list(dict.fromkeys(seg["code_path"].astype(str)))
    for path in used:
        rows.setdefault(path, {})
    used = set(used)
    for path in list(rows):  # parents implied by a path: folders unless coded themselves
        parts = split_path(path)
        for i in range(1, len(parts)):
            rows.setdefault(PATH_SEPARATOR.join(parts[:i]), {})
    children = {}
    for path in rows:
        parts = split_path(path)
        children.setdefault(PATH_SEPARATOR.join(parts[:-1]) if len(parts) > 1 else None, []).append(path)
    ordered = []

    def walk(parent):
        for path in children.get(parent, []):
            r = rows[path]
            codable = r.get("codable")
            ordered.append({"path": path, "name": split_path(path)[-1], "given": r.get("given"),
                            "codable": bool(codable) if not _missing(codable) else path in used,
                            "color": r.get("color") if not _missing(r.get("color")) else None,
                            "description": r.get("description") if not _missing(r.get("description")) else None})
            walk(path)

    walk(None)
    return ordered


# --------------------------------------------------------------------------- texts and selections
def _selection_key(row, has_segment):
    if has_segment and not _missing(row["segment"]):
        return ("segment", row["segment"])
    if not _missing(row.get("start")):
        return ("span", row["start"], row["end"])
    return ("quote", row["text"])


def _place(rows, text, label):
    """Selections of one source as ``{key: [start, end, rows]}`` and its text (given or built from quotes)."""
    has_segment = "segment" in rows[0] if rows else False
    selections, whole = {}, []
    for row in rows:
        if _missing(row.get("start")) and _missing(row.get("text")):
            whole.append(row)
            continue
        selections.setdefault(_selection_key(row, has_segment), []).append(row)
    built = text is None
    chars = [] if built else None
    for key, members in selections.items():
        first = members[0]
        if _missing(first.get("start")):
            continue
        start, end = int(first["start"]), int(first["end"])
        if not built:
            if not 0 <= start <= end <= len(text):
                raise InputError(f"segment at {start}–{end} of source {label!r} is outside its text "
                                 f"({len(text)} characters).")
            continue
        quote = first.get("text")
        if _missing(quote) or len(str(quote)) != end - start:
            raise InputError(f"source {label!r} has no text: give it in texts=, or give each segment's "
                             f"quote in 'text' ({start}–{end} has {quote!r}).")
        chars.extend(" " * max(0, end - len(chars)))
        for i, ch in enumerate(str(quote)):
            if chars[start + i] not in (" ", ch):
                raise InputError(f"source {label!r}: the quotes overlapping at {start + i} disagree; "
                                 "give the source's text in texts=.")
            chars[start + i] = ch
    text = "".join(chars) if built else text
    spans = {}
    for key, members in selections.items():
        first = members[0]
        if not _missing(first.get("start")):
            spans[key] = (int(first["start"]), int(first["end"]), members)
            continue
        quote = str(first["text"])
        if built:  # a quote without position: appended to the text built from the quotes
            text += ("\n" if text else "") + quote
            start = len(text) - len(quote)
        else:
            start = text.find(quote)
            if start < 0:
                raise InputError(f"quote {quote[:40]!r} is not in the text of source {label!r}; "
                                 "give its start and end.")
        spans[key] = (start, start + len(quote), members)
    return text, spans, whole


# --------------------------------------------------------------------------- XML
def _variable_type(series):
    """The REFI-QDA type of an attribute, from its values (missing ones aside)."""
    import pandas as pd

    kind = pd.api.types.infer_dtype(series, skipna=True)
    return {"boolean": "Boolean", "integer": "Integer", "floating": "Float",
            "mixed-integer-float": "Float"}.get(kind, "Text")


def _value_text(kind, value):
    import numpy as np

    if kind == "Boolean":
        return "true" if value else "false"
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        return np.format_float_positional(float(value), trim="-")
    return str(value)


def _codings(parent, rows, code_guid, user_guid, guid):
    import xml.etree.ElementTree as ET

    done = set()
    for row in rows:
        path = str(row["code_path"])
        coder = row.get("coder")
        if (path, coder) in done:
            continue
        done.add((path, coder))
        coding = ET.SubElement(parent, "Coding", guid=guid("coding", (parent.get("guid"), path, coder),
                                                             row.get("coding_id")))
        if not _missing(coder):
            coding.set("creatingUser", user_guid[coder])
        ET.SubElement(coding, "CodeRef", targetGUID=code_guid[path])


def _codebook_xml(root, codebook, guid):
    import xml.etree.ElementTree as ET

    code_guid, elements = {}, {}
    codes_el = ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes")
    for c in codebook:
        parts = split_path(c["path"])
        parent = elements[PATH_SEPARATOR.join(parts[:-1])] if len(parts) > 1 else codes_el
        el = ET.SubElement(parent, "Code", guid=guid("code", c["path"], c["given"]), name=c["name"],
                           isCodable="true" if c["codable"] else "false")
        if c["color"] is not None and _RGB.fullmatch(str(c["color"])):
            el.set("color", str(c["color"]))
        if c["description"] is not None:
            ET.SubElement(el, "Description").text = str(c["description"])
        elements[c["path"]], code_guid[c["path"]] = el, el.get("guid")
    return code_guid


def _cases_xml(root, part, sources, selection_owner, guid):
    """Variables and Cases: one named Case per participant, its attributes and sources."""
    import xml.etree.ElementTree as ET

    attributes = [c for c in part.columns if c != "participant"]
    types = {a: _variable_type(part[a]) for a in attributes}
    variable_guid = {a: guid("variable", a) for a in attributes}
    if attributes:
        variables = ET.SubElement(root, "Variables")
        for a in attributes:
            ET.SubElement(variables, "Variable", guid=variable_guid[a], name=str(a), typeOfVariable=types[a])
    if not len(part):
        return
    cases = ET.SubElement(root, "Cases")
    owned = {}
    for s in sources:
        for owner in s["owners"]:
            owned.setdefault(owner, []).append(s["guid"])
    refs = {}
    for sel_guid, owner in selection_owner.items():
        refs.setdefault(owner, []).append(sel_guid)
    for row in part.to_dict("records"):
        name = str(row["participant"])
        case = ET.SubElement(cases, "Case", guid=guid("case", name), name=name)
        for a in attributes:
            if not _missing(row[a]):
                vv = ET.SubElement(case, "VariableValue")
                ET.SubElement(vv, "VariableRef", targetGUID=variable_guid[a])
                ET.SubElement(vv, f"{types[a]}Value").text = _value_text(types[a], row[a])
        for source_guid in owned.get(name, []):
            ET.SubElement(case, "SourceRef", targetGUID=source_guid)
        for sel_guid in refs.get(name, []):
            ET.SubElement(case, "SelectionRef", targetGUID=sel_guid)


def _sets_xml(root, sets, code_guid, source_guid, guid):
    import xml.etree.ElementTree as ET

    if sets is None or not len(sets):
        return
    sets_el = ET.SubElement(root, "Sets")
    for name, members in sets.groupby("set", sort=False):
        el = ET.SubElement(sets_el, "Set", guid=guid("set", name), name=str(name))
        for member_type, tag, lookup in (("code", "MemberCode", code_guid), ("source", "MemberSource", source_guid)):
            for m in members.loc[members["member_type"] == member_type].to_dict("records"):
                target = lookup.get(m.get("member_id"), lookup.get(m.get("member")))
                if target is not None:
                    ET.SubElement(el, tag, targetGUID=target)


# --------------------------------------------------------------------------- the file
def _write_archive(path, qde, texts, overwrite):
    import tempfile
    import zipfile

    path = os.fspath(path)
    if os.path.exists(path) and not overwrite:
        raise FileExistsError(f"{path} exists; pass overwrite=True to replace it.")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(suffix=".qdpx.part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("project.qde", qde)
            for source_guid, text in texts.items():
                zf.writestr(f"sources/{source_guid}.txt", text.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def write_qdpx(project_or_segments, path, *, participants=None, texts=None, codes=None, sets=None,
               name=None, origin="mixedmethods", overwrite=False, columns=None):
    """Write a REFI-QDA project (``.qdpx``) that ATLAS.ti, MAXQDA, NVivo, QualCoder or :func:`read_qdpx` open.

    Parameters
    ----------
    project_or_segments : QDAProject or pandas.DataFrame
        A project (from :func:`read_qdpx` or :func:`read_taguette`), or coded
        segments in the tidy model of :mod:`mixedmethods.themes`
        (``participant`` and ``code`` at least; ``code_path``, ``source``,
        ``start``, ``end``, ``text``, ``coder``, ``segment`` when present).
    path : str or os.PathLike
        The ``.qdpx`` to write.
    participants : pandas.DataFrame, optional
        One row per participant, with attributes; each becomes a named
        ``Case`` with one ``Variable`` per attribute column (Boolean, Integer,
        Float or Text from the column's dtype; missing values are left out).
        Default: the project's participants, or the participants of
        ``segments``.
    texts : dict, optional
        The plain text of each source, by source name (``source``; by
        participant when segments have no ``source`` column).  Without a
        text, a source's text is built from its quotes: each quote at its
        ``start`` (spaces between), quotes without a position appended on
        lines of their own.  A source without segments belongs to the
        participant it is named after (read back, any other becomes a
        participant of its own, as REFI-QDA readers do).
    codes : list of str or pandas.DataFrame, optional
        The codebook (e.g. ``project.codes``: order, ``is_codable``,
        ``color``, ``description``); codes used in the segments are added.
        A parent that only groups codes is written as a folder
        (``isCodable="false"``).
    sets : pandas.DataFrame, optional
        Sets as in ``project.sets`` (``set``, ``member_type``, ``member``);
        code and source members are written.  Default: the project's.
    name, origin : str, optional
        The project's name (default: the project's, else the file's stem)
        and the program named as its origin.
    overwrite : bool
        Replace an existing file; without it an existing ``path`` raises
        FileExistsError.  The file is written next to ``path`` and renamed,
        so a failed write leaves no partial file.
    columns : dict, optional
        Maps the model's names to yours, as in :func:`mixedmethods.themes.tally`.

    Returns
    -------
    pathlib.Path
        ``path``, to pass on to :func:`read_qdpx`.

    Notes
    -----
    The file follows the REFI-QDA Project schema 1.0 (``urn:QDA-XML:project:1.0``):
    ``Users`` (one per ``coder``), ``CodeBook``, ``Variables``, ``Cases``,
    ``Sources`` (one ``TextSource`` per source, its text in
    ``sources/<guid>.txt``; a span is a ``PlainTextSelection`` whose codings
    are ``Coding``\\ s, a coding without span or quote is a whole-source
    ``Coding``) and ``Sets``.  Positions are code points from 0 with an
    exclusive ``endPosition``, as qc and QualCoder write (and as
    :func:`read_qdpx` detects).  GUIDs already GUID-shaped in the input are
    kept; the others are derived from names with ``uuid5``, so the same input
    writes the same file.  Only text sources are written.  A source coded
    for several participants gets ``SelectionRef``\\ s so each span keeps its
    participant.

    Examples
    --------
    >>> import os, tempfile
    >>> import pandas as pd
    >>> from mixedmethods.readers import read_qdpx
    >>> segments = pd.DataFrame({"participant": ["Ana", "Ana", "Bo"],
    ...                          "code": ["cost", "time", "cost"],
    ...                          "text": ["It costs a lot.", "No time.", "Too dear."]})
    >>> people = pd.DataFrame({"participant": ["Ana", "Bo", "Cy"], "age": [34, 51, 29]})
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = write_qdpx(segments, os.path.join(folder.name, "demo.qdpx"), participants=people)
    >>> project = read_qdpx(path)
    >>> project.segments[["participant", "code", "start", "end", "text"]]
      participant  code  start  end             text
    0         Ana  cost      0   15  It costs a lot.
    1         Ana  time     16   24         No time.
    2          Bo  cost      0    9        Too dear.
    >>> project.participants
      participant  age
    0         Ana   34
    1          Bo   51
    2          Cy   29
    >>> folder.cleanup()
    """
    import pandas as pd
    import xml.etree.ElementTree as ET

    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(f"path must be a file path, got {type(path).__name__}.")
    if isinstance(project_or_segments, QDAProject):
        seg, sources, all_texts, part, codes, sets, project_name = _from_project(
            project_or_segments, participants, texts, codes, sets)
        from ..themes._segments import _participants_frame

        part = _participants_frame(part, None)
    elif isinstance(project_or_segments, pd.DataFrame):
        seg, sources, all_texts, part, codes, sets, project_name = _from_segments(
            project_or_segments, participants, texts, codes, sets, columns)
    else:
        raise InputTypeError("project_or_segments must be a QDAProject or a segments DataFrame, got "
                             f"{type(project_or_segments).__name__}.")
    if part is None:
        part = pd.DataFrame({"participant": list(dict.fromkeys(seg["participant"].tolist()))})
    unknown = sorted(set(seg["participant"].astype(str)) - set(part["participant"].astype(str)))
    if unknown:
        raise InputError(f"participant(s) {unknown[:5]!r} are coded in segments but missing from "
                         "participants; add them to participants or drop their segments.")
    guid = _Guids()
    root = ET.Element("Project", xmlns=NAMESPACE,
                      name=str(name or project_name or os.path.splitext(os.path.basename(os.fspath(path)))[0]),
                      origin=str(origin))
    coders = [c for c in dict.fromkeys(seg["coder"].tolist()) if not _missing(c)] if "coder" in seg.columns else []
    user_guid = {c: guid("user", c) for c in coders}
    if coders:
        users = ET.SubElement(root, "Users")
        for c in coders:
            ET.SubElement(users, "User", guid=user_guid[c], name=str(c))
    code_guid = _codebook_xml(root, _codebook(codes, seg), guid)

    rows_by_source = {}
    names_ = list(seg.columns)
    for values in zip(*(seg[c].tolist() for c in names_)):  # faster than to_dict("records") with Int64
        row = dict(zip(names_, values))
        rows_by_source.setdefault(row["_key"], []).append(row)
    names = set(part["participant"].astype(str))
    sources_el, files, selection_owner = ET.Element("Sources"), {}, {}
    for s in sources:
        rows = rows_by_source.get(s["key"], [])
        s["guid"] = guid("source", s["key"], s["guid"])
        if s["owners"] is None:  # from segments: the participants coded in it, or the one it is named after
            s["owners"] = list(dict.fromkeys(str(r["participant"]) for r in rows)) or (
                [s["name"]] if s["name"] in names else [])
        text, spans, whole = _place(rows, all_texts.get(s["key"]), s["name"])
        files[s["guid"]] = text
        el = ET.SubElement(sources_el, "TextSource", guid=s["guid"], name=str(s["name"]),
                           plainTextPath=f"internal://{s['guid']}.txt")
        for key, (start, end, members) in spans.items():
            sel = ET.SubElement(el, "PlainTextSelection",
                                guid=guid("selection", (s["key"], key), key[1] if key[0] == "segment" else None),
                                startPosition=str(start), endPosition=str(end))
            _codings(sel, members, code_guid, user_guid, guid)
            owners = {str(r["participant"]) for r in members}
            if len(s["owners"]) > 1 and len(owners) == 1:
                selection_owner[sel.get("guid")] = owners.pop()
        _codings(el, whole, code_guid, user_guid, guid)
    _cases_xml(root, part, sources, selection_owner, guid)
    if len(sources_el):
        root.append(sources_el)
    _sets_xml(root, sets, code_guid, {s["key"]: s["guid"] for s in sources} | {s["name"]: s["guid"] for s in sources},
              guid)
    qde = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    _write_archive(path, qde, files, overwrite)
    from pathlib import Path

    return Path(path)

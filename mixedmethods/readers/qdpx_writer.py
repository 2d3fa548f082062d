"""Write a REFI-QDA project (``.qdpx``) from a :class:`QDAProject` or a segments table: :func:`write_qdpx`."""
from __future__ import annotations

import os
import warnings

from .._segments_model import PATH_SEPARATOR, split_path
from .._validation import InputError, InputTypeError
from ._writer_xml import (MEDIA_SOURCES, NAMESPACE, Guids, cases_xml, codebook_xml, codings_xml, media_source_xml,
                          missing, notes_xml, sets_xml)
from .qdpx import QDAProject

__all__ = ["write_qdpx"]

# --------------------------------------------------------------------------- the input as tables
def _from_project(project, participants, texts, codes, sets):
    """Segments (with a ``_key`` per source), sources, texts by key and the rest, from a QDAProject."""
    seg = project.segments
    if "kind" in seg.columns:
        known = seg["kind"].isin(["text", "whole source", "pdf", "picture", "audio", "video"]).to_numpy()
        if not known.all():
            warnings.warn(f"{int((~known).sum())} coding(s) of transcripts are not written: write_qdpx writes "
                          "text, PDF, picture, audio and video selections.", stacklevel=3)
            seg = seg[known]
    if "coding_id" in seg.columns:  # one row per coding and participant: each coding once
        seg = seg[~(seg["coding_id"].notna() & seg["coding_id"].duplicated())]
    src = project.sources
    if "source_id" in seg.columns:
        seg = seg.assign(_key=seg["source_id"])
    else:  # Taguette: segments name their source only
        key_of = dict(zip(src["source"][::-1], src["source_id"][::-1]))
        seg = seg.assign(_key=seg["source"].map(lambda name: key_of.get(name, name)))
    sources = [{"key": r.source_id, "name": r.source, "guid": r.source_id, "kind": r.kind, "path": r.path,
                "owners": [p for p in str(r.participant or "").split("; ") if p]}
               for r in src.reindex(columns=["source_id", "source", "participant", "kind", "path"])
               .itertuples(index=False)]
    all_texts = dict(project.texts or {})
    if texts:
        by_name = {s["name"]: s["key"] for s in sources}
        all_texts.update({by_name.get(k, k): v for k, v in texts.items()})
    if participants is None:  # True/False columns made from sets are written as the sets, not as variables
        participants = project.participants.drop(columns=_set_columns(project.sets, project.participants))
    return (seg, sources, all_texts, participants,
            codes if codes is not None else project.codes,
            sets if sets is not None else project.sets,
            project.name)


def _set_columns(sets, participants):
    """The participants' True/False columns that :func:`read_qdpx` made from sets of sources."""
    if sets is None or not {"set", "attribute", "member_type"} <= set(sets.columns):
        return []
    groups = set(sets.loc[sets["attribute"].isna() & (sets["member_type"] == "source"), "set"])
    return [c for c in participants.columns
            if participants[c].dtype == bool and (c in groups or (c.startswith("set: ") and c[5:] in groups))]


def _from_segments(segments, participants, texts, codes, sets, columns):
    from ..themes._segments import _participants_frame, _segments_frame

    seg = _segments_frame(segments, columns)
    if "source" not in seg.columns:
        seg["source"] = seg["participant"]
    seg["source"] = seg["source"].where(seg["source"].notna(), seg["participant"])
    seg["_key"] = seg["source"].astype(str)
    part = _participants_frame(participants, columns) if participants is not None else None
    keys = list(dict.fromkeys([*seg["_key"].tolist(), *(texts or {})]))
    sources = [{"key": k, "name": k, "guid": None, "owners": None, "kind": "TextSource", "path": None} for k in keys]
    return seg, sources, dict(texts or {}), part, codes, sets, None


# --------------------------------------------------------------------------- codebook
def _codebook(codes, seg):
    """Code rows (path, guid given, codable, colour, description) in tree order, parents before children."""
    import pandas as pd

    rows = {}
    if isinstance(codes, pd.DataFrame):
        col = "code_path" if "code_path" in codes.columns else "code"
        for r in codes.to_dict("records"):
            if missing(r.get(col)):
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
                            "codable": bool(codable) if not missing(codable) else path in used,
                            "color": r.get("color") if not missing(r.get("color")) else None,
                            "description": r.get("description") if not missing(r.get("description")) else None})
            walk(path)

    walk(None)
    return ordered


# --------------------------------------------------------------------------- texts and selections
def _selection_key(row, has_segment):
    if has_segment and not missing(row["segment"]):
        return ("segment", row["segment"])
    if not missing(row.get("start")):
        return ("span", row["start"], row["end"])
    return ("quote", row["text"])


def _place(rows, text, label):
    """Selections of one source as ``{key: [start, end, rows]}`` and its text (given or built from quotes)."""
    has_segment = "segment" in rows[0] if rows else False
    selections, whole = {}, []
    for row in rows:
        if missing(row.get("start")) and missing(row.get("text")):
            whole.append(row)
            continue
        selections.setdefault(_selection_key(row, has_segment), []).append(row)
    built = text is None
    chars = [] if built else None
    for key, members in selections.items():
        first = members[0]
        if missing(first.get("start")):
            continue
        start, end = int(first["start"]), int(first["end"])
        if not built:
            if not 0 <= start <= end <= len(text):
                raise InputError(f"segment at {start}–{end} of source {label!r} is outside its text "
                                 f"({len(text)} characters).")
            continue
        quote = first.get("text")
        if missing(quote) or len(str(quote)) != end - start:
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
        if not missing(first.get("start")):
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
        ``Case`` with one ``Variable`` per attribute column (Boolean, Integer, Date,
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
    writes the same file.  From a project, PDF, picture, audio and video
    sources are written with their selections (page, rectangle, time span;
    a PDF selection's text as its ``Representation``; the media files
    themselves are not in the archive, their ``path`` is kept), notes as
    ``Notes`` with a ``NoteRef`` on the code, source, selection or coding
    they annotate, attributes as ``Variables`` of the type of their column
    (``Int64``: Integer, ``boolean``: Boolean, dates: Date or DateTime,
    floats: Float, else Text); True/False columns that :func:`read_qdpx`
    made from sets are written as the sets; transcript codings are left out
    with a warning.  A source coded
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
    notes = None
    if isinstance(project_or_segments, QDAProject):
        notes = project_or_segments.notes
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
    guid = Guids()
    root = ET.Element("Project", xmlns=NAMESPACE,
                      name=str(name or project_name or os.path.splitext(os.path.basename(os.fspath(path)))[0]),
                      origin=str(origin))
    coders = [c for c in dict.fromkeys(seg["coder"].tolist()) if not missing(c)] if "coder" in seg.columns else []
    user_guid = {c: guid("user", c) for c in coders}
    if coders:
        users = ET.SubElement(root, "Users")
        for c in coders:
            ET.SubElement(users, "User", guid=user_guid[c], name=str(c))
    codebook = _codebook(codes, seg)
    code_guid = codebook_xml(root, codebook, guid)
    written = {("code", c["given"]): code_guid[c["path"]] for c in codebook if not missing(c["given"])}

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
        written[("source", s["key"])] = s["guid"]
        if s["kind"] in MEDIA_SOURCES:
            media_source_xml(sources_el, s, rows, code_guid, user_guid, guid, written)
            continue
        text, spans, whole = _place(rows, all_texts.get(s["key"]), s["name"])
        files[s["guid"]] = text
        el = ET.SubElement(sources_el, "TextSource", guid=s["guid"], name=str(s["name"]),
                           plainTextPath=f"internal://{s['guid']}.txt")
        for key, (start, end, members) in spans.items():
            sel = ET.SubElement(el, "PlainTextSelection",
                                guid=guid("selection", (s["key"], key), key[1] if key[0] == "segment" else None),
                                startPosition=str(start), endPosition=str(end))
            codings_xml(sel, members, code_guid, user_guid, guid, written)
            if key[0] == "segment":
                written[("selection", key[1])] = sel.get("guid")
            owners = {str(r["participant"]) for r in members}
            if len(s["owners"]) > 1 and len(owners) == 1:
                selection_owner[sel.get("guid")] = owners.pop()
        codings_xml(el, whole, code_guid, user_guid, guid, written)
    cases_xml(root, part, sources, selection_owner, guid)
    if len(sources_el):
        root.append(sources_el)
    on_project = notes_xml(root, notes, user_guid, guid, written)
    sets_xml(root, sets, code_guid, {s["key"]: s["guid"] for s in sources} | {s["name"]: s["guid"] for s in sources},
             guid)
    for note_guid in on_project:
        ET.SubElement(root, "NoteRef", targetGUID=note_guid)
    qde = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    _write_archive(path, qde, files, overwrite)
    from pathlib import Path

    return Path(path)

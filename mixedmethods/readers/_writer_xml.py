"""The XML elements of a REFI-QDA project written by :func:`~mixedmethods.readers.write_qdpx`."""
from __future__ import annotations

import hashlib
import re
import uuid

from .._segments_model import PATH_SEPARATOR, split_path

__all__ = ["NAMESPACE", "MEDIA_SOURCES", "missing", "Guids", "uuid5", "variable_type", "value_text", "codings_xml",
           "codebook_xml", "cases_xml", "sets_xml", "media_source_xml", "notes_xml"]

NAMESPACE = "urn:QDA-XML:project:1.0"
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_RGB = re.compile(r"#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})")
# uuid5 namespace of the GUIDs this writer derives (any fixed UUID): the same input gives the same file
_UUID_NAMESPACE = uuid.UUID("9b0f6a0e-6f0e-4d5c-8b1a-4f1c2d3e4a5b")

def missing(x):
    """None, NaN, pandas.NA or NaT (fast: called for every field of every segment)."""
    if x is None:
        return True
    if isinstance(x, float):
        return x != x
    name = type(x).__name__
    return name in ("NAType", "NaTType") or (name.startswith("float") and x != x)


class Guids:
    """GUIDs for the project's elements: the caller's when GUID-shaped and unused, else derived by uuid5."""

    def __init__(self):
        self.used = set()

    def __call__(self, kind, key, given=None):
        if isinstance(given, str) and _GUID.fullmatch(given) and given.lower() not in self.used:
            guid = given
        else:
            guid = uuid5(f"{kind}\x00{key}")
            n = 0
            while guid in self.used:  # the same key twice (e.g. two codes named alike): still unique
                n += 1
                guid = uuid5(f"{kind}\x00{key}\x00{n}")
        self.used.add(guid.lower())
        return guid


def uuid5(name):
    """``str(uuid.uuid5(_UUID_NAMESPACE, name))``, without building UUID objects (faster by half)."""
    h = bytearray(hashlib.sha1(_UUID_NAMESPACE.bytes + name.encode("utf-8")).digest()[:16])
    h[6] = (h[6] & 0x0F) | 0x50  # version 5
    h[8] = (h[8] & 0x3F) | 0x80  # RFC 4122 variant
    x = h.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"



def variable_type(series):
    """The REFI-QDA type of an attribute, from its values (missing ones aside)."""
    import pandas as pd

    kind = pd.api.types.infer_dtype(series, skipna=True)
    if kind in ("datetime64", "datetime", "date"):
        values = pd.to_datetime(series.dropna())
        return "Date" if (values == values.dt.normalize()).all() else "DateTime"
    return {"boolean": "Boolean", "integer": "Integer", "floating": "Float",
            "mixed-integer-float": "Float"}.get(kind, "Text")


def value_text(kind, value):
    """The text of one ``VariableValue`` of the given REFI-QDA type."""
    import numpy as np
    import pandas as pd

    if kind == "Boolean":
        return "true" if value else "false"
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        return np.format_float_positional(float(value), trim="-")
    if kind == "Date":
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if kind == "DateTime":
        return pd.Timestamp(value).strftime("%Y-%m-%dT%H:%M:%S")
    return str(value)


def codings_xml(parent, rows, code_guid, user_guid, guid, written=None):
    """One ``Coding`` per code and coder of ``rows`` under ``parent``; ``written`` gets coding_id -> GUID."""
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
        if not missing(coder):
            coding.set("creatingUser", user_guid[coder])
        ET.SubElement(coding, "CodeRef", targetGUID=code_guid[path])
        if written is not None and not missing(row.get("coding_id")):
            written[("coding", row["coding_id"])] = coding.get("guid")


def codebook_xml(root, codebook, guid):
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


def cases_xml(root, part, sources, selection_owner, guid):
    """Variables and Cases: one named Case per participant, its attributes and sources."""
    import xml.etree.ElementTree as ET

    attributes = [c for c in part.columns if c != "participant"]
    types = {a: variable_type(part[a]) for a in attributes}
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
            if not missing(row[a]):
                vv = ET.SubElement(case, "VariableValue")
                ET.SubElement(vv, "VariableRef", targetGUID=variable_guid[a])
                ET.SubElement(vv, f"{types[a]}Value").text = value_text(types[a], row[a])
        for source_guid in owned.get(name, []):
            ET.SubElement(case, "SourceRef", targetGUID=source_guid)
        for sel_guid in refs.get(name, []):
            ET.SubElement(case, "SelectionRef", targetGUID=sel_guid)


def sets_xml(root, sets, code_guid, source_guid, guid):
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


#: Source element -> its selection element and the selection's attributes, each from a segments column
MEDIA_SOURCES = {
    "PDFSource": ("PDFSelection", {"page": "page", "firstX": "first_x", "firstY": "first_y",
                                   "secondX": "second_x", "secondY": "second_y"}),
    "PictureSource": ("PictureSelection", {"firstX": "first_x", "firstY": "first_y", "secondX": "second_x",
                                           "secondY": "second_y"}),
    "AudioSource": ("AudioSelection", {"begin": "begin_ms", "end": "end_ms"}),
    "VideoSource": ("VideoSelection", {"begin": "begin_ms", "end": "end_ms"}),
}


def media_source_xml(sources_el, source, rows, code_guid, user_guid, guid, written):
    """A PDF, picture, audio or video source with its selections (the media file itself is not in the archive)."""
    import xml.etree.ElementTree as ET

    from .._validation import InputError

    tag, attributes = MEDIA_SOURCES[source["kind"]]
    el = ET.SubElement(sources_el, source["kind"], guid=source["guid"], name=str(source["name"]))
    if not missing(source.get("path")):
        el.set("path", str(source["path"]))
    selections, whole = {}, []
    for row in rows:
        if row.get("kind") == "whole source":
            whole.append(row)
        else:
            selections.setdefault(row.get("segment"), []).append(row)
    for segment, members in selections.items():
        first = members[0]
        values = {attr: first.get(col) for attr, col in attributes.items()}
        if any(missing(v) for v in values.values()):
            raise InputError(f"selection {segment!r} of {source['kind']} {source['name']!r} needs "
                             f"{', '.join(attributes.values())}; it has {values}.")
        sel = ET.SubElement(el, tag, guid=guid("selection", (source["key"], segment), segment),
                            **{attr: str(int(v)) for attr, v in values.items()})
        written[("selection", segment)] = sel.get("guid")
        if tag == "PDFSelection" and not missing(first.get("text")):
            rep = ET.SubElement(sel, "Representation", guid=guid("representation", (source["key"], segment)))
            ET.SubElement(rep, "PlainTextContent").text = str(first["text"])
        codings_xml(sel, members, code_guid, user_guid, guid, written)
    codings_xml(el, whole, code_guid, user_guid, guid, written)
    return el


def notes_xml(root, notes, user_guid, guid, written):
    """``Notes`` (one ``Note`` each, its text inline) and a ``NoteRef`` on each thing a note annotates.

    Returns the GUIDs of the notes on the project itself: their ``NoteRef``\\ s
    come last in ``<Project>``, after ``Sets``.
    """
    import xml.etree.ElementTree as ET

    if notes is None or not len(notes):
        return []
    notes_el = ET.SubElement(root, "Notes")
    targets, on_project = [], []
    by_guid = {el.get("guid"): el for el in root.iter() if el.get("guid") is not None}
    for note_id, rows in notes.groupby("note_id", sort=False):
        first = rows.iloc[0]
        note = ET.SubElement(notes_el, "Note", guid=guid("note", note_id, note_id), name=str(first["note"]))
        if not missing(first["coder"]) and first["coder"] in user_guid:
            note.set("creatingUser", user_guid[first["coder"]])
        ET.SubElement(note, "PlainTextContent").text = "" if missing(first["text"]) else str(first["text"])
        for kind, target in zip(rows["target_type"], rows["target_id"]):
            if kind == "project":
                on_project.append(note.get("guid"))
            elif not missing(kind):
                el = by_guid.get(written.get((kind, target)))
                if el is not None:
                    targets.append((el, note.get("guid")))
    for el, note_guid in targets:
        ref = ET.Element("NoteRef", targetGUID=note_guid)
        if local_name(el.tag) == "Code":  # after its Description, before its child codes
            el.insert(sum(1 for c in el if local_name(c.tag) == "Description"), ref)
        else:
            el.append(ref)
    return on_project


def local_name(tag):
    return tag.rsplit("}", 1)[-1]

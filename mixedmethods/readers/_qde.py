"""A REFI-QDA ``project.qde`` (parsed XML) into the tables of a project.

:func:`build` walks the XML in the file's order: users, codebook, variables,
sources with their selections and codings, cases, sets; then it reads each
selection's quote from its source text and returns plain DataFrames.
"""
from __future__ import annotations

import warnings

from .._segments_model import PATH_SEPARATOR
from .._validation import InputError
from ._archive import read_member
from ._frames import SET_COLUMNS, SOURCE_COLUMNS, codes_frame, positions

__all__ = ["build", "SEGMENT_COLUMNS"]

SEGMENT_COLUMNS = ["participant", "code", "code_path", "source", "start", "end", "text", "coder",
                   "segment", "kind", "code_id", "source_id", "coding_id"]

_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")
_KIND = {"PlainTextSelection": "text", "PictureSelection": "picture", "PDFSelection": "pdf",
         "AudioSelection": "audio", "VideoSelection": "video", "TranscriptSelection": "transcript"}
_SET_MEMBERS = (("MemberSource", "source"), ("MemberCode", "code"), ("MemberNote", "note"))


# --------------------------------------------------------------------------- XML helpers
def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el, name):
    return [c for c in el if _local(c.tag) == name] if el is not None else []


def _kid(el, name):
    for c in el if el is not None else ():
        if _local(c.tag) == name:
            return c
    return None


def _ref(el):
    """The GUID an element points at (``targetGUID``, or ``guid`` as in codebook files)."""
    return el.get("targetGUID") or el.get("guid")


def _value(vv):
    for c in vv:
        tag = _local(c.tag)
        if tag not in _VALUE_TAGS:
            continue
        text = (c.text or "").strip()
        if tag in ("IntegerValue", "FloatValue"):
            try:
                return int(text) if tag == "IntegerValue" else float(text)
            except ValueError:
                return text
        if tag == "BooleanValue":
            return text.lower() in ("true", "1")
        return c.text
    return None


def _variables(el, variable_names):
    out = {}
    for vv in _kids(el, "VariableValue"):
        ref = _kid(vv, "VariableRef")
        target = _ref(ref) if ref is not None else None
        name = variable_names.get(target, target)
        if name is not None:
            out[name] = _value(vv)
    return out


def _display_name(el):
    name = el.get("name")
    if name:
        return name
    for attr in ("plainTextPath", "path", "richTextPath", "currentPath"):
        value = el.get(attr)
        if value:
            base = value.split("://", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
            return base.rsplit(".", 1)[0] if "." in base else base
    return el.get("guid")


# --------------------------------------------------------------------------- codebook
def _users(root):
    return {u.get("guid"): u.get("name") or u.get("id") or u.get("guid") for u in _kids(_kid(root, "Users"), "User")}


def _codes(root):
    """One dict per code in codebook order, and the first code of each GUID."""
    rows, by_id = [], {}

    def walk(el, parent_path, level):
        for c in _kids(el, "Code"):
            guid, name = c.get("guid"), c.get("name") or c.get("guid") or ""
            path = name if parent_path is None else parent_path + PATH_SEPARATOR + name
            desc = _kid(c, "Description")
            row = {"code_id": guid, "code": name, "code_path": path, "parent_path": parent_path,
                   "level": level,
                   "is_codable": (c.get("isCodable") or "true").strip().lower() in ("true", "1"),
                   "color": c.get("color") or None,
                   "description": desc.text if desc is not None else None}
            rows.append(row)
            if guid is not None and guid not in by_id:
                by_id[guid] = row
            walk(c, path, level + 1)

    walk(_kid(_kid(root, "CodeBook"), "Codes"), None, 0)
    return rows, by_id


# --------------------------------------------------------------------------- sources and codings
class _Sources:
    """The sources of a project, their texts and every coding in them (positions as written)."""

    def __init__(self, members, zf, budget, label, users, code_by_id, variable_names):
        self.members, self.zf, self.budget, self.label = members, zf, budget, label
        self.users, self.code_by_id, self.variable_names = users, code_by_id, variable_names
        self.rows, self.raw, self.names, self.texts = [], [], {}, {}

    def read(self, sources_el):
        for el in list(sources_el) if sources_el is not None else []:
            tag = _local(el.tag)
            if not tag.endswith("Source"):
                continue
            guid = el.get("guid")
            self.names[guid] = _display_name(el)
            text = self._text(el) if tag == "TextSource" else None
            self.texts[(guid, None)] = text
            self.rows.append({"source_id": guid, "source": self.names[guid], "kind": tag,
                              "path": el.get("plainTextPath") or el.get("path"),
                              "n_characters": len(text) if text is not None else None,
                              "_variables": _variables(el, self.variable_names)})
            self._walk(el, guid, (guid, None))
        return self

    def _text(self, el):
        content = _kid(el, "PlainTextContent")
        if content is not None:
            return content.text or ""
        target = el.get("plainTextPath")
        if not target or self.zf is None:
            return None
        if target.startswith("internal://"):
            candidates = ["sources/" + target[len("internal://"):]]
        elif "://" in target:
            return None  # relative:// or absolute://: outside the archive, never read
        else:
            candidates = ["sources/" + target.lstrip("/"), target.lstrip("/")]
        for cand in candidates:
            info = self.members.get(cand)
            if info is not None:
                raw = read_member(self.zf, info, self.budget, self.label)
                try:
                    return raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{self.label}: source text {cand!r} is not UTF-8 ({exc}).") from None
        return None

    def _walk(self, el, source_id, text_key):
        for child in el:
            tag = _local(child.tag)
            if tag == "Coding":
                self._coding(child, source_id, source_id, "whole source", None, None, None, el)
            elif tag.endswith("Selection"):
                self._selection(child, tag, source_id, text_key)
            elif tag in ("Representation", "TextDescription", "Transcript"):
                sub_key = (source_id, tag)
                self.texts[sub_key] = self._text(child)
                self._walk(child, source_id, sub_key)

    def _selection(self, el, tag, source_id, text_key):
        sel_id = el.get("guid")
        start = end = key = None
        if tag == "PlainTextSelection":
            try:
                start, end = int(el.get("startPosition")), int(el.get("endPosition"))
            except (TypeError, ValueError):
                raise InputError(
                    f"{self.label}: selection {sel_id!r} in source {self.names[source_id]!r} has "
                    f"positions {el.get('startPosition')!r}, {el.get('endPosition')!r}; "
                    "whole numbers are needed."
                ) from None
            key = text_key
        for coding in _kids(el, "Coding"):
            self._coding(coding, source_id, sel_id, _KIND.get(tag, tag), start, end, key, el)

    def _coding(self, coding, source_id, selection_id, kind, start, end, text_key, selection_el):
        code_ref = _kid(coding, "CodeRef")
        target = _ref(code_ref) if code_ref is not None else None
        if target not in self.code_by_id:
            raise InputError(
                f"{self.label}: coding {coding.get('guid')!r} in source {self.names[source_id]!r} refers to "
                f"code {target!r}, which is not in the codebook; the project is inconsistent."
            )
        creator = coding.get("creatingUser") or selection_el.get("creatingUser")
        self.raw.append({"code_id": target, "source_id": source_id, "segment": selection_id, "kind": kind,
                         "start": start, "end": end, "text_key": text_key,
                         "coder": self.users.get(creator, creator), "coding_id": coding.get("guid")})


def _end_convention(raw, texts, end_position):
    """'exclusive' or 'inclusive' for endPosition, or None without text selections."""
    if end_position != "auto":
        return end_position
    spans = {(r["text_key"], r["start"], r["end"]) for r in raw
             if r["start"] is not None and texts.get(r["text_key"]) is not None}
    if not spans:
        return "exclusive" if any(r["start"] is not None for r in raw) else None
    cut_exclusive = cut_inclusive = 0
    for key, _, end in spans:
        text = texts[key]
        if end >= len(text):
            return "exclusive"  # an inclusive end must index a character
        if end > 0 and text[end - 1].isalnum() and text[end].isalnum():
            cut_exclusive += 1
        if end + 1 < len(text) and text[end].isalnum() and text[end + 1].isalnum():
            cut_inclusive += 1
    return "inclusive" if cut_inclusive < cut_exclusive else "exclusive"


def _quotes(sources, convention):
    """Exclusive ends and the quote of every coding, checked against its source text."""
    for r in sources.raw:
        text = sources.texts.get(r["text_key"]) if r["text_key"] is not None else None
        if r["start"] is not None and convention == "inclusive":
            r["end"] = r["end"] + 1
        r["text"] = None
        if text is not None and r["start"] is not None:
            if not 0 <= r["start"] <= r["end"] <= len(text):
                raise InputError(
                    f"{sources.label}: selection {r['segment']!r} spans {r['start']}–{r['end']} but source "
                    f"{sources.names[r['source_id']]!r} has {len(text)} characters."
                )
            r["text"] = text[r["start"]:r["end"]]


# --------------------------------------------------------------------------- participants and sets
def _cases(root, sources, variable_names):
    """Participants: source -> owners, selection -> owner, participant -> attributes."""
    source_participants, selection_participant, attributes, used = {}, {}, {}, set()
    for case in _kids(_kid(root, "Cases"), "Case"):
        src_refs = [_ref(r) for r in _kids(case, "SourceRef")]
        name = case.get("name")
        if not name:
            name = sources.names.get(src_refs[0], src_refs[0]) if len(src_refs) == 1 else case.get("guid")
        if name in used:
            name = f"{name} [{case.get('guid')}]"
        used.add(name)
        attributes.setdefault(name, {}).update(_variables(case, variable_names))
        for s in src_refs:
            source_participants.setdefault(s, []).append(name)
        for r in _kids(case, "SelectionRef"):
            selection_participant[_ref(r)] = name
    for row in sources.rows:  # a source in no case is a participant of its own
        owners = source_participants.get(row["source_id"])
        if not owners:
            owners = source_participants[row["source_id"]] = [row["source"]]
            attributes.setdefault(row["source"], {})
        for owner in owners if len(owners) == 1 else []:
            for k, v in row["_variables"].items():
                attributes[owner].setdefault(k, v)
    return source_participants, selection_participant, attributes


def _set_member(member_type, target, sources, code_by_id):
    if member_type == "source":
        return sources.names.get(target, target)
    if member_type == "code":
        return code_by_id[target]["code_path"] if target in code_by_id else target
    return target


def _sets(root, sources, code_by_id, source_participants, attributes):
    """One row per set member; sets named "attribute: value" add attributes to their sources' owners."""
    rows, conflicts = [], []
    for st in _kids(_kid(root, "Sets"), "Set"):
        set_name = st.get("name") or st.get("guid")
        attr = value = None
        if ":" in set_name:
            a, v = (x.strip() for x in set_name.split(":", 1))
            if a and v:
                attr, value = a, v
        for member_tag, member_type in _SET_MEMBERS:
            for m in _kids(st, member_tag):
                target = _ref(m)
                rows.append({"set": set_name, "attribute": attr, "value": value, "member_type": member_type,
                             "member_id": target,
                             "member": _set_member(member_type, target, sources, code_by_id)})
                if attr is None or member_type != "source":
                    continue
                for owner in source_participants.get(target, []):
                    have = attributes[owner].get(attr)
                    if have is None:
                        attributes[owner][attr] = value
                    elif have != value:
                        conflicts.append((owner, attr, have, value))
    if conflicts:
        owner, attr, have, value = conflicts[0]
        warnings.warn(
            f"{sources.label}: {len(conflicts)} conflicting attribute value(s) from sets, e.g. participant "
            f"{owner!r} has {attr} = {have!r} and is also in set '{attr}: {value}'; the first is kept.",
            stacklevel=4,
        )
    return rows


# --------------------------------------------------------------------------- tables
def _segments(sources, code_by_id, source_participants, selection_participant):
    """One row per coding and participant."""
    import pandas as pd

    rows = []
    for r in sources.raw:
        code = code_by_id[r["code_id"]]
        name = sources.names[r["source_id"]]
        owners = ([selection_participant[r["segment"]]] if r["segment"] in selection_participant
                  else source_participants.get(r["source_id"], [name]))
        for owner in owners:
            rows.append({"participant": owner, "code": code["code"], "code_path": code["code_path"],
                         "source": name, "start": r["start"], "end": r["end"], "text": r["text"],
                         "coder": r["coder"], "segment": r["segment"], "kind": r["kind"],
                         "code_id": r["code_id"], "source_id": r["source_id"], "coding_id": r["coding_id"]})
    return positions(pd.DataFrame(rows, columns=SEGMENT_COLUMNS))


def _sources_frame(sources, source_participants):
    import pandas as pd

    variables = sorted({k for r in sources.rows for k in r["_variables"]})
    frame = pd.DataFrame(
        [{**{k: r[k] for k in SOURCE_COLUMNS[:5]},
          "participant": "; ".join(source_participants.get(r["source_id"], [])),
          **{k: r["_variables"].get(k) for k in variables}} for r in sources.rows],
        columns=[*SOURCE_COLUMNS, *variables],
    )
    frame["n_characters"] = frame["n_characters"].astype("Int64")
    return frame


def build(root, members, zf, budget, label, end_position):
    """The tables of a project (a dict of QDAProject's fields) from its parsed ``project.qde``."""
    import pandas as pd

    if _local(root.tag) != "Project":
        raise InputError(f"{label}: the root element is <{_local(root.tag)}>, not <Project>; not a REFI-QDA project.")
    code_rows, code_by_id = _codes(root)
    variable_names = {v.get("guid"): v.get("name") for v in _kids(_kid(root, "Variables"), "Variable")}
    sources = _Sources(members, zf, budget, label, _users(root), code_by_id, variable_names)
    sources.read(_kid(root, "Sources"))
    convention = _end_convention(sources.raw, sources.texts, end_position)
    _quotes(sources, convention)
    source_participants, selection_participant, attributes = _cases(root, sources, variable_names)
    set_rows = _sets(root, sources, code_by_id, source_participants, attributes)
    participants = pd.DataFrame(  # every row has "participant"; without rows the column is named
        [{"participant": p, **a} for p, a in attributes.items()] or None,
        columns=None if attributes else ["participant"],
    )
    return {
        "codes": codes_frame(code_rows),
        "segments": _segments(sources, code_by_id, source_participants, selection_participant),
        "participants": participants,
        "sources": _sources_frame(sources, source_participants),
        "sets": pd.DataFrame(set_rows, columns=SET_COLUMNS),
        "name": root.get("name"), "origin": root.get("origin"), "end_position": convention,
        "texts": {key[0]: text for key, text in sources.texts.items() if key[1] is None and text is not None},
    }

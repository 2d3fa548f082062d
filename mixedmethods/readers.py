"""Read other tools' files into the tidy model of :mod:`mixedmethods.themes`.

- :func:`read_qdpx`: a REFI-QDA project (``.qdpx``, written by ATLAS.ti,
  MAXQDA, NVivo, QualCoder, Quirkos, qc, ...) — codes with their hierarchy,
  sources, coded segments with their quotes, participants with attributes;
- :func:`read_taguette`: Taguette's highlights export (``.csv`` / ``.xlsx``)
  or its whole-project export (``project.sqlite3``).

A ``.qdpx`` is a zip of XML from strangers, so it is read in memory, never
extracted: XML entities and external references are refused (defusedxml),
member names that are absolute or climb with ``..`` are refused, and the
bytes read and the number of members are capped.
"""
from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass

from ._validation import InputError, InputTypeError, check_choice
from .themes import PATH_SEPARATOR

__all__ = ["QDAProject", "read_qdpx", "read_taguette"]


#: Default cap on the bytes decompressed from one ``.qdpx`` (project.qde and text sources).
MAX_BYTES = 512 * 2**20
#: Default cap on the number of members of a ``.qdpx``.
MAX_MEMBERS = 20_000
#: A member larger than 1 MiB that expands more than this many times is refused as a zip bomb.
MAX_RATIO = 200

_VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")


@dataclass(frozen=True, repr=False)
class QDAProject:
    """A qualitative project as tidy DataFrames (returned by :func:`read_qdpx`).

    Attributes
    ----------
    codes : pandas.DataFrame
        One row per code, in codebook order: ``code_id`` (GUID), ``code``,
        ``code_path`` (names from the root joined by ``" / "``),
        ``parent_path`` (missing at the top), ``level`` (0 at the top),
        ``is_codable`` (False for a folder), ``color`` (``"#RRGGBB"`` or
        missing), ``description``.
    segments : pandas.DataFrame
        One row per coding and participant, in the model of
        :mod:`mixedmethods.themes`: ``participant``, ``code``, ``code_path``,
        ``source``, ``start``, ``end`` (code points from 0, end exclusive
        whatever the file's convention; missing for a whole-source coding or
        a picture, PDF, audio or video selection), ``text`` (the quote,
        missing when the source text is not in the file), ``coder``, then
        ``segment`` (the selection's GUID, or the source's for a
        whole-source coding), ``kind`` (``"text"``, ``"whole source"``,
        ``"picture"``, ``"pdf"``, ``"audio"``, ``"video"``, ...),
        ``code_id``, ``source_id``, ``coding_id``.
    participants : pandas.DataFrame
        One row per participant, coded or not: ``participant`` then one
        column per attribute.
    sources : pandas.DataFrame
        One row per source: ``source_id``, ``source``, ``kind`` (the element,
        e.g. ``"TextSource"``), ``path``, ``n_characters`` (of the plain text,
        when in the file), ``participant`` (joined with ``"; "`` when a source
        belongs to several), then the source's own variables.
    sets : pandas.DataFrame
        One row per set member: ``set``, ``attribute`` and ``value`` (from a
        name like ``"gender: woman"``, else missing), ``member_type``
        (``"source"``, ``"code"``, ``"note"``), ``member_id``, ``member``.
    name, origin : str or None
        The project's name and the program that wrote it.
    end_position : {"exclusive", "inclusive"} or None
        How the file's ``endPosition`` was read (None without text
        selections).
    """

    codes: object
    segments: object
    participants: object
    sources: object
    sets: object
    name: str | None = None
    origin: str | None = None
    end_position: str | None = None

    def __repr__(self):
        n_codable = int(self.codes["is_codable"].sum()) if len(self.codes) else 0
        return (
            f"<QDAProject {self.name!r} from {self.origin!r}: {len(self.codes)} codes "
            f"({n_codable} codable), {len(self.sources)} sources, {len(self.segments)} codings, "
            f"{len(self.participants)} participants>"
        )


# --------------------------------------------------------------------------- safe zip/XML
def _unsafe_name(name: str) -> bool:
    n = name.replace("\\", "/")
    if n.startswith("/") or (len(n) > 1 and n[1] == ":") or "\x00" in n:
        return True
    return any(part == ".." for part in n.split("/"))


class _Budget:
    def __init__(self, max_bytes):
        self.left = max_bytes
        self.max_bytes = max_bytes


def _read_member(zf, info, budget, label):
    if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputError(
            f"{label}: member {info.filename!r} expands from {info.compress_size} to "
            f"{info.file_size} bytes (more than {MAX_RATIO} times); refused as a likely zip bomb."
        )
    if info.file_size > budget.left:
        raise InputError(
            f"{label}: member {info.filename!r} declares {info.file_size} bytes, over the limit of "
            f"{budget.max_bytes} bytes read from one project; raise max_bytes if the file is trusted."
        )
    chunks = []
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(2**20)
            if not chunk:
                break
            budget.left -= len(chunk)
            if budget.left < 0:
                raise InputError(
                    f"{label}: member {info.filename!r} expands past the limit of {budget.max_bytes} "
                    "bytes read from one project; raise max_bytes if the file is trusted."
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _parse_xml(data, label):
    import xml.etree.ElementTree as ET

    import defusedxml
    import defusedxml.ElementTree as DET

    try:
        return DET.fromstring(data)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(
            f"{label}: the XML declares entities or external references ({type(exc).__name__}); "
            "they are refused (a REFI-QDA project needs none)."
        ) from None
    except ET.ParseError as exc:
        raise InputError(f"{label}: malformed XML ({exc}).") from None


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(el, name):
    return [c for c in el if _local(c.tag) == name]


def _kid(el, name):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _ref(el):
    """The GUID an element points at (``targetGUID``, or ``guid`` as in codebook files)."""
    return el.get("targetGUID") or el.get("guid")


# --------------------------------------------------------------------------- read_qdpx
def read_qdpx(path, *, end_position="auto", max_bytes=MAX_BYTES, max_members=MAX_MEMBERS):
    """Read a REFI-QDA project (``.qdpx``) into codes, segments, participants and sources.

    Parameters
    ----------
    path : str, os.PathLike or binary file object
        The ``.qdpx`` (a zip holding ``project.qde`` and ``sources/``), or a
        bare ``project.qde`` (XML; no source texts then).
    end_position : {"auto", "exclusive", "inclusive"}
        How to read ``endPosition`` of text selections.  The specification
        says "last character" (inclusive) but several exporters write Python
        slice ends (exclusive).  ``"auto"`` tries both on the source texts and
        keeps the reading that cuts fewer words in two (a selection ending at
        the very end of a text can only be exclusive); ties go to exclusive.
    max_bytes : int
        Most bytes decompressed (``project.qde`` plus the text sources read).
    max_members : int
        Most members the archive may hold.

    Returns
    -------
    QDAProject
        With ``codes``, ``segments``, ``participants``, ``sources`` and
        ``sets`` DataFrames (columns listed in :class:`QDAProject`), and
        ``name``, ``origin``, ``end_position``.

    Raises
    ------
    InputError
        The file is not a zip (nor XML), has no ``project.qde``, has a member
        named outside the archive (absolute or with ``..``), too many members
        or too many bytes, XML entities, malformed XML, or a coding that
        refers to a code missing from the codebook.

    Notes
    -----
    Participants, in order of precedence: a named ``Case`` is a participant
    (its ``VariableValue``\\ s are attributes; its sources and selections are
    theirs); an anonymous ``Case`` pointing at one source makes that source's
    name the participant (MAXQDA, Quirkos); a source in no case is a
    participant of its own, named after it, with the source's own
    ``VariableValue``\\ s as attributes.  ``Set``\\ s named ``"attribute:
    value"`` add that attribute to the participants of their member sources.
    Positions are Unicode code points, as Python indexes a ``str``.  Checked
    against exports of NVivo 15, ATLAS.ti 23, qc 1.3 and files written by the
    tests.

    Examples
    --------
    >>> import io, zipfile
    >>> qde = '''<Project xmlns="urn:QDA-XML:project:1.0" name="demo">
    ... <CodeBook><Codes><Code guid="c1" name="cost" isCodable="true"/></Codes></CodeBook>
    ... <Sources><TextSource guid="s1" name="Ana"><PlainTextContent>It costs a lot.</PlainTextContent>
    ... <PlainTextSelection guid="x1" startPosition="3" endPosition="8">
    ... <Coding guid="k1"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection>
    ... </TextSource></Sources></Project>'''
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as zf:
    ...     zf.writestr("project.qde", qde)
    >>> project = read_qdpx(buffer)
    >>> project.segments[["participant", "code", "start", "end", "text"]]
      participant  code  start  end   text
    0         Ana  cost      3    8  costs
    """
    import zipfile

    check_choice("end_position", end_position, ("auto", "exclusive", "inclusive"))
    label = _label(path)
    budget = _Budget(int(max_bytes))
    if isinstance(path, (str, os.PathLike)):
        head = _file_head(path, label)
        opener = path
    elif hasattr(path, "read") and hasattr(path, "seek"):
        head = path.read(64)
        path.seek(0)
        opener = path
    else:
        raise InputTypeError(f"path must be a file path or a binary file object, got {type(path).__name__}.")

    if not zipfile.is_zipfile(opener):
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            data = _read_plain(opener, budget, label)
            return _build(_parse_xml(data, label), {}, None, budget, label, end_position)
        raise InputError(
            f"{label} is not a zip archive; a .qdpx project is a zip holding project.qde "
            "(export it again from your program as a REFI-QDA project)."
        )
    if hasattr(opener, "seek"):
        opener.seek(0)
    try:
        zf = zipfile.ZipFile(opener)
    except zipfile.BadZipFile as exc:
        raise InputError(f"{label}: damaged zip archive ({exc}).") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > max_members:
            raise InputError(
                f"{label} holds {len(infos)} members, over the limit of {max_members}; "
                "raise max_members if the file is trusted."
            )
        for info in infos:
            if _unsafe_name(info.filename):
                raise InputError(
                    f"{label}: member {info.filename!r} points outside the archive (absolute path "
                    "or '..'); the file is refused."
                )
        members = {info.filename.replace("\\", "/"): info for info in infos if not info.is_dir()}
        qde = members.get("project.qde")
        if qde is None:
            found = [n for n in members if n.lower().endswith(".qde")]
            if len(found) != 1:
                listed = ", ".join(list(members)[:10]) or "nothing"
                raise InputError(
                    f"{label} has no project.qde (it holds {listed}); is it a REFI-QDA project export?"
                )
            qde = members[found[0]]
        root = _parse_xml(_read_member(zf, qde, budget, label), f"{label}: {qde.filename}")
        return _build(root, members, zf, budget, label, end_position)


def _label(path):
    if isinstance(path, (str, os.PathLike)):
        return os.fspath(path)
    return getattr(path, "name", None) or "the file"


def _file_head(path, label):
    """The first 64 bytes of the file at ``path`` (to tell its format), or FileNotFoundError."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{label}: no such file.")
    with open(path, "rb") as fh:
        return fh.read(64)


def _read_plain(opener, budget, label):
    if isinstance(opener, (str, os.PathLike)):
        size = os.path.getsize(opener)
        if size > budget.left:
            raise InputError(f"{label} has {size} bytes, over the limit of {budget.max_bytes}.")
        with open(opener, "rb") as fh:
            return fh.read()
    data = opener.read(budget.left + 1)
    if len(data) > budget.left:
        raise InputError(f"{label} is over the limit of {budget.max_bytes} bytes.")
    return data


def _value(vv):
    for c in vv:
        tag = _local(c.tag)
        if tag in _VALUE_TAGS:
            text = (c.text or "").strip()
            if tag == "IntegerValue":
                try:
                    return int(text)
                except ValueError:
                    return text
            if tag == "FloatValue":
                try:
                    return float(text)
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


def _source_text(el, members, zf, budget, label):
    content = _kid(el, "PlainTextContent")
    if content is not None:
        return content.text or ""
    target = el.get("plainTextPath")
    if not target or zf is None:
        return None
    if target.startswith("internal://"):
        candidates = ["sources/" + target[len("internal://"):]]
    elif "://" in target:
        return None  # relative:// or absolute://: outside the archive, never read
    else:
        candidates = ["sources/" + target.lstrip("/"), target.lstrip("/")]
    for cand in candidates:
        info = members.get(cand)
        if info is not None:
            raw = _read_member(zf, info, budget, label)
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise InputError(f"{label}: source text {cand!r} is not UTF-8 ({exc}).") from None
    return None


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


_KIND = {"PlainTextSelection": "text", "PictureSelection": "picture", "PDFSelection": "pdf",
         "AudioSelection": "audio", "VideoSelection": "video", "TranscriptSelection": "transcript"}


def _build(root, members, zf, budget, label, end_position):
    import pandas as pd

    if _local(root.tag) != "Project":
        raise InputError(f"{label}: the root element is <{_local(root.tag)}>, not <Project>; not a REFI-QDA project.")
    users = {}
    users_el = _kid(root, "Users")
    for u in (_kids(users_el, "User") if users_el is not None else []):
        users[u.get("guid")] = u.get("name") or u.get("id") or u.get("guid")

    # codes
    code_rows, code_by_id = [], {}

    def walk_codes(el, parent_path, level):
        for c in _kids(el, "Code"):
            guid, name = c.get("guid"), c.get("name") or c.get("guid") or ""
            path = name if parent_path is None else parent_path + PATH_SEPARATOR + name
            color = c.get("color")
            desc = _kid(c, "Description")
            row = {"code_id": guid, "code": name, "code_path": path, "parent_path": parent_path,
                   "level": level,
                   "is_codable": (c.get("isCodable") or "true").strip().lower() in ("true", "1"),
                   "color": color if color else None,
                   "description": desc.text if desc is not None else None}
            code_rows.append(row)
            if guid is not None and guid not in code_by_id:
                code_by_id[guid] = row
            walk_codes(c, path, level + 1)

    codebook = _kid(root, "CodeBook")
    codes_el = _kid(codebook, "Codes") if codebook is not None else None
    if codes_el is not None:
        walk_codes(codes_el, None, 0)

    variables_el = _kid(root, "Variables")
    variable_names = {v.get("guid"): v.get("name") for v in
                      (_kids(variables_el, "Variable") if variables_el is not None else [])}

    # sources and raw codings
    source_rows, raw, selection_source = [], [], {}
    sources_el = _kid(root, "Sources")
    texts = {}

    def add_coding(coding, source_id, selection_id, kind, start, end, text_key, selection_el):
        code_ref = _kid(coding, "CodeRef")
        target = _ref(code_ref) if code_ref is not None else None
        if target not in code_by_id:
            raise InputError(
                f"{label}: coding {coding.get('guid')!r} in source {source_names[source_id]!r} refers to "
                f"code {target!r}, which is not in the codebook; the project is inconsistent."
            )
        creator = coding.get("creatingUser") or selection_el.get("creatingUser")
        raw.append({"code_id": target, "source_id": source_id, "segment": selection_id, "kind": kind,
                    "start": start, "end": end, "text_key": text_key,
                    "coder": users.get(creator, creator), "coding_id": coding.get("guid")})

    def walk_source(el, source_id, text_key):
        for child in el:
            tag = _local(child.tag)
            if tag == "Coding":
                add_coding(child, source_id, source_id, "whole source", None, None, None, el)
            elif tag.endswith("Selection"):
                sel_id = child.get("guid")
                selection_source[sel_id] = source_id
                start = end = None
                key = None
                if tag == "PlainTextSelection":
                    try:
                        start, end = int(child.get("startPosition")), int(child.get("endPosition"))
                    except (TypeError, ValueError):
                        raise InputError(
                            f"{label}: selection {sel_id!r} in source {source_names[source_id]!r} has "
                            f"positions {child.get('startPosition')!r}, {child.get('endPosition')!r}; "
                            "whole numbers are needed."
                        ) from None
                    key = text_key
                for coding in _kids(child, "Coding"):
                    add_coding(coding, source_id, sel_id, _KIND.get(tag, tag), start, end, key, child)
            elif tag in ("Representation", "TextDescription", "Transcript"):
                sub_key = (source_id, tag)
                texts[sub_key] = _source_text(child, members, zf, budget, label)
                walk_source(child, source_id, sub_key)

    source_names = {}
    for el in (list(sources_el) if sources_el is not None else []):
        tag = _local(el.tag)
        if not tag.endswith("Source"):
            continue
        guid = el.get("guid")
        source_names[guid] = _display_name(el)
        text = _source_text(el, members, zf, budget, label) if tag == "TextSource" else None
        texts[(guid, None)] = text
        source_rows.append({"source_id": guid, "source": source_names[guid], "kind": tag,
                            "path": el.get("plainTextPath") or el.get("path"),
                            "n_characters": len(text) if text is not None else None,
                            "_variables": _variables(el, variable_names)})
        walk_source(el, guid, (guid, None))

    # how to read endPosition, then the quotes
    convention = _end_convention(raw, texts, end_position)
    for r in raw:
        text = texts.get(r["text_key"]) if r["text_key"] is not None else None
        if r["start"] is not None and convention == "inclusive":
            r["end"] = r["end"] + 1
        if text is not None and r["start"] is not None:
            if not 0 <= r["start"] <= r["end"] <= len(text):
                raise InputError(
                    f"{label}: selection {r['segment']!r} spans {r['start']}–{r['end']} but source "
                    f"{source_names[r['source_id']]!r} has {len(text)} characters."
                )
            r["text"] = text[r["start"]:r["end"]]
        else:
            r["text"] = None

    # participants
    source_participants, selection_participant, attributes = {}, {}, {}
    cases_el = _kid(root, "Cases")
    used_names = set()
    for case in (_kids(cases_el, "Case") if cases_el is not None else []):
        src_refs = [_ref(r) for r in _kids(case, "SourceRef")]
        name = case.get("name")
        if not name:
            name = source_names.get(src_refs[0], src_refs[0]) if len(src_refs) == 1 else case.get("guid")
        if name in used_names:
            name = f"{name} [{case.get('guid')}]"
        used_names.add(name)
        attributes.setdefault(name, {}).update(_variables(case, variable_names))
        for s in src_refs:
            source_participants.setdefault(s, []).append(name)
        for r in _kids(case, "SelectionRef"):
            selection_participant[_ref(r)] = name
    for row in source_rows:
        sid = row["source_id"]
        owners = source_participants.get(sid)
        if not owners:
            owners = source_participants[sid] = [row["source"]]
            attributes.setdefault(row["source"], {})
        for owner in owners if len(owners) == 1 else []:
            for k, v in row["_variables"].items():
                attributes[owner].setdefault(k, v)

    set_rows, conflicts = [], []
    sets_el = _kid(root, "Sets")
    for st in (_kids(sets_el, "Set") if sets_el is not None else []):
        set_name = st.get("name") or st.get("guid")
        attr = value = None
        if ":" in set_name:
            a, v = (x.strip() for x in set_name.split(":", 1))
            if a and v:
                attr, value = a, v
        for member_tag, member_type in (("MemberSource", "source"), ("MemberCode", "code"), ("MemberNote", "note")):
            for m in _kids(st, member_tag):
                target = _ref(m)
                if member_type == "source":
                    member = source_names.get(target, target)
                elif member_type == "code":
                    member = code_by_id[target]["code_path"] if target in code_by_id else target
                else:
                    member = target
                set_rows.append({"set": set_name, "attribute": attr, "value": value,
                                 "member_type": member_type, "member_id": target, "member": member})
                if attr is not None and member_type == "source":
                    for owner in source_participants.get(target, []):
                        have = attributes[owner].get(attr)
                        if have is None:
                            attributes[owner][attr] = value
                        elif have != value:
                            conflicts.append((owner, attr, have, value))
    if conflicts:
        owner, attr, have, value = conflicts[0]
        warnings.warn(
            f"{label}: {len(conflicts)} conflicting attribute value(s) from sets, e.g. participant "
            f"{owner!r} has {attr} = {have!r} and is also in set '{attr}: {value}'; the first is kept.",
            stacklevel=3,
        )

    # segments: one row per coding and participant
    seg_rows = []
    for r in raw:
        code = code_by_id[r["code_id"]]
        owners = ([selection_participant[r["segment"]]] if r["segment"] in selection_participant
                  else source_participants.get(r["source_id"], [source_names[r["source_id"]]]))
        for owner in owners:
            seg_rows.append({"participant": owner, "code": code["code"], "code_path": code["code_path"],
                             "source": source_names[r["source_id"]],
                             "start": r["start"], "end": r["end"], "text": r["text"], "coder": r["coder"],
                             "segment": r["segment"], "kind": r["kind"], "code_id": r["code_id"],
                             "source_id": r["source_id"], "coding_id": r["coding_id"]})
    seg_cols = ["participant", "code", "code_path", "source", "start", "end", "text", "coder",
                "segment", "kind", "code_id", "source_id", "coding_id"]
    segments = pd.DataFrame(seg_rows, columns=seg_cols)
    segments["start"] = segments["start"].astype("Int64")
    segments["end"] = segments["end"].astype("Int64")

    participants = pd.DataFrame(  # every row has "participant"; without rows the column is named
        [{"participant": p, **a} for p, a in attributes.items()] or None,
        columns=None if attributes else ["participant"],
    )

    source_vars = sorted({k for r in source_rows for k in r["_variables"]})
    sources = pd.DataFrame(
        [{"source_id": r["source_id"], "source": r["source"], "kind": r["kind"], "path": r["path"],
          "n_characters": r["n_characters"],
          "participant": "; ".join(source_participants.get(r["source_id"], [])),
          **{k: r["_variables"].get(k) for k in source_vars}} for r in source_rows],
        columns=["source_id", "source", "kind", "path", "n_characters", "participant", *source_vars],
    )
    sources["n_characters"] = sources["n_characters"].astype("Int64")
    codes = _codes_frame(code_rows)
    sets = pd.DataFrame(set_rows, columns=["set", "attribute", "value", "member_type", "member_id", "member"])
    return QDAProject(codes=codes, segments=segments, participants=participants, sources=sources,
                      sets=sets, name=root.get("name"), origin=root.get("origin"),
                      end_position=convention)


def _codes_frame(rows):
    """The ``codes`` DataFrame of a :class:`QDAProject` from one dict per code."""
    import pandas as pd

    codes = pd.DataFrame(rows, columns=["code_id", "code", "code_path", "parent_path", "level",
                                        "is_codable", "color", "description"])
    codes["is_codable"] = codes["is_codable"].astype(bool)
    codes["level"] = codes["level"].astype("int64")
    return codes


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


# --------------------------------------------------------------------------- Taguette
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
    A document is a participant.  Highlights without a tag are not codings
    and are left out.  Taguette stores positions as UTF-8 byte offsets in the
    document's text (HTML tags not counted); they are converted to code
    points.  Checked against exports of Taguette 1.5.2 made by
    ``tests/fixtures/make_taguette_export.py``.

    Examples
    --------
    >>> import io
    >>> csv = io.StringIO("id,document,tag,content\\n1,Ana,cost,It costs a lot\\n")
    >>> read_taguette(csv).segments[["participant", "code", "text"]]
      participant  code            text
    0         Ana  cost  It costs a lot
    """
    label = _label(path)
    if isinstance(path, (str, os.PathLike)):
        head = _file_head(path, label)
    elif hasattr(path, "read"):
        head = b""
    else:
        raise InputTypeError(f"path must be a file path or a file object, got {type(path).__name__}.")
    if head.startswith(b"SQLite format 3\x00"):
        return _taguette_sqlite(path, separator, project, label)
    if head.startswith(b"PK\x03\x04"):
        frame = _read_excel(path, label)
    else:
        import pandas as pd

        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise InputError(f"{label}: not a Taguette CSV export ({exc}).") from None
    return _taguette_highlights(frame, separator, label)


def _read_excel(path, label):
    import pandas as pd

    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ImportError(
            f"reading {label} (an .xlsx file) needs openpyxl: pip install openpyxl, "
            "or export the highlights as CSV."
        ) from None
    return pd.read_excel(path, dtype=str, keep_default_na=False)


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
    return _codes_frame(rows)


def _empty_sets():
    import pandas as pd

    return pd.DataFrame(columns=["set", "attribute", "value", "member_type", "member_id", "member"])


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
                      sets=_empty_sets(), name=None, origin="Taguette highlights export",
                      end_position=None)


def _html_text(html):
    """Plain text of Taguette's HTML, as its offsets count it (text nodes only)."""
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


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
    doc_text = {d[0]: _html_text(d[2] or "") for d in docs}
    doc_bytes = {doc_id: text.encode("utf-8") for doc_id, text in doc_text.items()}

    def to_chars(doc_id, offset):
        return len(doc_bytes[doc_id][:offset].decode("utf-8", errors="ignore"))

    seg = []
    for hid, doc_id, start, end, snippet, tag in rows:
        code, path = _code_parts(tag, separator)
        text_bytes = doc_bytes[doc_id]
        seg.append({"participant": doc_name[doc_id], "code": code, "code_path": path,
                    "source": doc_name[doc_id], "start": to_chars(doc_id, start),
                    "end": to_chars(doc_id, end),
                    "text": text_bytes[start:end].decode("utf-8", errors="replace")
                    if 0 <= start <= end <= len(text_bytes) else _html_text(snippet),
                    "coder": None, "segment": str(hid)})
    segments = pd.DataFrame(seg, columns=["participant", "code", "code_path", "source", "start", "end",
                                          "text", "coder", "segment"])
    segments["start"] = segments["start"].astype("Int64")
    segments["end"] = segments["end"].astype("Int64")
    names = [d[1] for d in docs]
    sources = pd.DataFrame({"source_id": [str(d[0]) for d in docs], "source": names, "kind": "document",
                            "path": None,
                            "n_characters": pd.array([len(doc_text[d[0]]) for d in docs], dtype="Int64"),
                            "participant": names})
    return QDAProject(codes=_taguette_codes([(t[1], t[2]) for t in tags], separator), segments=segments,
                      participants=pd.DataFrame({"participant": names}), sources=sources,
                      sets=_empty_sets(), name=project_name, origin="Taguette project export",
                      end_position="exclusive")

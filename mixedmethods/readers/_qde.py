"""A REFI-QDA ``project.qde`` (parsed as it streams in, :mod:`._qde_stream`) into the tables of a project.

:func:`build` walks what the stream kept in the file's order: users,
codebook, variables, sources with their selections and codings (the
selections the stream read into columns are taken as a block), notes,
cases, sets; then it reads each selection's quote from its source text and
returns plain DataFrames.  The codings are held as columns (one list per
field of ``RAW_FIELDS``) from the stream to the ``segments`` DataFrame.
"""
from __future__ import annotations

import warnings

from .._segments_model import PATH_SEPARATOR
from .._validation import InputError
from ._archive import read_member
from ._frames import NOTE_COLUMNS, SET_COLUMNS, SOURCE_COLUMNS, codes_frame
from ._offsets import RAW_FIELDS, resolve_positions
from ._participants import cases, sets, typed_frame, variable_declarations, variables
from ._qde_stream import CODINGS
from ._xml import display_name, kid, kids, local, ref

__all__ = ["build", "code_rows", "SEGMENT_COLUMNS", "MEDIA_COLUMNS"]

#: Where a picture, PDF, audio or video selection lies (missing for text): the
#: PDF page, the corners of the rectangle (pictures and PDFs) and the time span
#: in milliseconds (audio and video), as the file writes them.
MEDIA_COLUMNS = ["page", "first_x", "first_y", "second_x", "second_y", "begin_ms", "end_ms"]
SEGMENT_COLUMNS = ["participant", "code", "code_path", "source", "start", "end", "text", "coder",
                   "segment", "kind", "code_id", "source_id", "coding_id", *MEDIA_COLUMNS]

_KIND = {"PlainTextSelection": "text", "PictureSelection": "picture", "PDFSelection": "pdf",
         "AudioSelection": "audio", "VideoSelection": "video", "TranscriptSelection": "transcript"}
_MEDIA_ATTRIBUTES = {"PDFSelection": ("page", "firstX", "firstY", "secondX", "secondY", None, None),
                     "PictureSelection": (None, "firstX", "firstY", "secondX", "secondY", None, None),
                     "AudioSelection": (None, None, None, None, None, "begin", "end"),
                     "VideoSelection": (None, None, None, None, None, "begin", "end")}


def _users(root):
    return {u.get("guid"): u.get("name") or u.get("id") or u.get("guid") for u in kids(kid(root, "Users"), "User")}


def code_rows(codes_el, note_refs=None):
    """One dict per code under ``codes_el`` (a ``<Codes>``) in codebook order, and the first code of each GUID."""
    rows, by_id = [], {}

    def walk(el, parent_path, level):
        for c in kids(el, "Code"):
            guid, name = c.get("guid"), c.get("name") or c.get("guid") or ""
            path = name if parent_path is None else parent_path + PATH_SEPARATOR + name
            desc = kid(c, "Description")
            row = {"code_id": guid, "code": name, "code_path": path, "parent_path": parent_path,
                   "level": level,
                   "is_codable": (c.get("isCodable") or "true").strip().lower() in ("true", "1"),
                   "color": c.get("color") or None,
                   "description": desc.text if desc is not None else None}
            rows.append(row)
            if guid is not None and guid not in by_id:
                by_id[guid] = row
            if note_refs is not None:
                note_refs.extend((ref(n), "code", guid, path) for n in kids(c, "NoteRef"))
            walk(c, path, level + 1)

    walk(codes_el, None, 0)
    return rows, by_id


def _int(el, name, label):
    value = el.get(name)
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{label}: selection {el.get('guid')!r} has {name}={value!r}; a whole number is "
                         "needed.") from None


class _Sources:
    """The sources of a project, their texts, every coding in them (positions as written), and note refs."""

    def __init__(self, members, zf, budget, label, users, code_by_id, variable_names):
        self.members, self.zf, self.budget, self.label = members, zf, budget, label
        self.lower = {name.lower(): info for name, info in members.items()}
        self.users, self.code_by_id, self.variable_names = users, code_by_id, variable_names
        self.rows, self.names, self.texts, self.missing = [], {}, {}, []
        self.raw = {f: [] for f in RAW_FIELDS}
        self._columns = [self.raw[f] for f in RAW_FIELDS]
        self.note_refs, self.selection_source = [], {}
        self.stream = None

    def append(self, row):
        """Add one coding (its fields in ``RAW_FIELDS`` order) to the columns."""
        for column, value in zip(self._columns, row):
            column.append(value)

    def read(self, stream):
        """The sources the stream kept (its ``sources``), with the codings it read into columns."""
        self.stream = stream
        for el in stream.sources:
            tag = local(el.tag)
            guid = el.get("guid")
            self.names[guid] = display_name(el)
            text = self.text(el, self.names[guid]) if tag == "TextSource" else None
            self.texts[(guid, None)] = text
            self.rows.append({"source_id": guid, "source": self.names[guid], "kind": tag,
                              "path": el.get("plainTextPath") or el.get("path"),
                              "n_characters": len(text) if text is not None else None,
                              "_variables": variables(el, self.variable_names)})
            self._walk(el, guid, (guid, None))
        return self

    def text(self, el, name):
        """The plain text of a TextSource-like element (inline, or a member of the archive), or None."""
        content = kid(el, "PlainTextContent")
        if content is not None:
            return content.text or ""
        target = el.get("plainTextPath")
        if not target or self.zf is None:
            if target:
                self.missing.append(name)
            return None
        if target.startswith("internal://"):
            candidates = ["sources/" + target[len("internal://"):]]
        elif "://" in target:
            self.missing.append(name)
            return None  # relative:// or absolute://: outside the archive, never read
        else:
            candidates = ["sources/" + target.lstrip("/"), target.lstrip("/")]
        for cand in candidates:
            info = self.members.get(cand) or self.lower.get(cand.lower())  # NVivo for Windows: Sources/
            if info is not None:
                raw = read_member(self.zf, info, self.budget, self.label)
                try:
                    return raw.decode("utf-8-sig")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{self.label}: source text {cand!r} is not UTF-8 ({exc}).") from None
        self.missing.append(name)
        return None

    def _plain_selection(self, el, source_id, text_key, tags):
        """The rows of a text selection holding only ``Coding``\\ s of one ``CodeRef`` (most of a file), or None."""
        selection_tag, coding_tag, code_ref_tag = tags
        if el.tag != selection_tag:
            return None
        try:
            start, end = int(el.get("startPosition")), int(el.get("endPosition"))
        except (TypeError, ValueError):
            return None  # the general path says what is wrong
        sel_id, sel_creator = el.get("guid"), el.get("creatingUser")
        users, code_by_id, rows = self.users, self.code_by_id, []
        for coding in el:
            if coding.tag != coding_tag or len(coding) != 1 or coding[0].tag != code_ref_tag:
                return None
            target = coding[0].get("targetGUID") or coding[0].get("guid")
            if target not in code_by_id:
                return None
            creator = coding.get("creatingUser") or sel_creator
            rows.append([target, source_id, sel_id, "text", start, end, text_key, users.get(creator, creator),
                         coding.get("guid"), None, None, None])
        self.selection_source[sel_id] = source_id
        return rows

    def _streamed(self, placeholder, source_id, text_key):
        """Add the codings of a run of selections the stream read into its columns (see ``_qde_stream``)."""
        first, stop = placeholder.get("rows")
        columns = self.stream.columns
        code_ids, n = columns["code_id"][first:stop], stop - first
        code_by_id = self.code_by_id
        if not code_by_id.keys() >= set(code_ids):
            i = next(i for i, c in enumerate(code_ids) if c not in code_by_id)
            raise InputError(
                f"{self.label}: coding {columns['coding_guid'][first + i]!r} in source {self.names[source_id]!r} "
                f"refers to code {code_ids[i]!r}, which is not in the codebook; the project is inconsistent."
            )
        users, raw = self.users, self.raw
        raw["code_id"].extend(code_ids)
        raw["source_id"].extend([source_id] * n)
        raw["kind"].extend(["text"] * n)
        raw["text_key"].extend([text_key] * n)
        creators = columns["creator"][first:stop]
        raw["coder"].extend(map(users.get, creators, creators))
        raw["coding_id"].extend(columns["coding_guid"][first:stop])
        for field, column in (("segment", "segment"), ("start", "start"), ("end", "end")):
            raw[field].extend(columns[column][first:stop])
        for field in ("media", "quote", "text"):
            raw[field].extend([None] * n)
        sel_first, sel_stop = placeholder.get("selections")
        self.selection_source.update(dict.fromkeys(self.stream.hot_selections[sel_first:sel_stop], source_id))

    def _walk(self, el, source_id, text_key):
        ns = el.tag[:-len(local(el.tag))] if isinstance(el.tag, str) else ""
        tags = (ns + "PlainTextSelection", ns + "Coding", ns + "CodeRef")
        for child in el:
            if child.tag == CODINGS:
                self._streamed(child, source_id, text_key)
                continue
            rows = self._plain_selection(child, source_id, text_key, tags)
            if rows is not None:
                for row in rows:
                    self.append(row)
                continue
            tag = local(child.tag)
            if tag == "Coding":
                self._coding(child, source_id, source_id, "whole source", None, None, None, el, None, None)
            elif tag.endswith("Selection"):
                self._selection(child, tag, source_id, text_key)
            elif tag in ("Representation", "TextDescription", "Transcript"):
                sub_key = (source_id, tag)
                self.texts[sub_key] = self.text(child, f"{self.names[source_id]} ({tag})")
                self._walk(child, source_id, sub_key)
            elif tag == "NoteRef":
                self.note_refs.append((ref(child), "source", source_id, self.names[source_id]))

    def _selection(self, el, tag, source_id, text_key):
        sel_id = el.get("guid")
        self.selection_source[sel_id] = source_id
        start = end = key = media = quote = None
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
        elif tag in _MEDIA_ATTRIBUTES:
            media = tuple(_int(el, a, self.label) if a else None for a in _MEDIA_ATTRIBUTES[tag])
            content = kid(kid(el, "Representation"), "PlainTextContent")  # a PDF selection's text
            quote = content.text if content is not None else None
        kind = _KIND.get(tag, tag)
        code_by_id, users, append = self.code_by_id, self.users, self.append
        for child in el:
            child_tag = local(child.tag)
            if child_tag == "Coding":
                if len(child) == 1 and local(child[0].tag) == "CodeRef":  # the common case, inlined for speed
                    target = child[0].get("targetGUID") or child[0].get("guid")
                    creator = child.get("creatingUser") or el.get("creatingUser")
                    if target in code_by_id:
                        append([target, source_id, sel_id, kind, start, end, key, users.get(creator, creator),
                                child.get("guid"), media, quote, None])
                        continue
                self._coding(child, source_id, sel_id, kind, start, end, key, el, media, quote)
            elif child_tag == "NoteRef":
                self.note_refs.append((ref(child), "selection", sel_id, self.names[source_id]))

    def _coding(self, coding, source_id, selection_id, kind, start, end, text_key, selection_el, media, quote):
        target = None
        for child in coding:
            tag = local(child.tag)
            if tag == "CodeRef":
                if target is None:
                    target = child.get("targetGUID") or child.get("guid")
            elif tag == "NoteRef":
                self.note_refs.append((ref(child), "coding", coding.get("guid"), self.names[source_id]))
        if target not in self.code_by_id:
            raise InputError(
                f"{self.label}: coding {coding.get('guid')!r} in source {self.names[source_id]!r} refers to "
                f"code {target!r}, which is not in the codebook; the project is inconsistent."
            )
        creator = coding.get("creatingUser") or selection_el.get("creatingUser")
        self.append([target, source_id, selection_id, kind, start, end, text_key,
                     self.users.get(creator, creator), coding.get("guid"), media, quote, None])


def _quotes(sources):
    """The quote of every coding: its slice of the source text, or a PDF selection's own text."""
    texts, raw = sources.texts, sources.raw
    quotes, last_key, text = [], object(), None
    for key, start, end, quote in zip(raw["text_key"], raw["start"], raw["end"], raw["quote"]):
        if key is not last_key:
            last_key, text = key, texts.get(key) if key is not None else None
        quotes.append(text[start:end] if text is not None and start is not None else quote)
    raw["text"] = quotes


def _notes(root, sources, users, note_refs, project_name):
    """One row per note and thing it annotates (a note annotating nothing: one row, no target)."""
    import pandas as pd

    note_refs = [*((ref(n), "project", None, project_name) for n in kids(root, "NoteRef")), *note_refs]
    by_note = {}
    for note_id, *target in note_refs:
        by_note.setdefault(note_id, []).append(target)
    rows = []
    for note in kids(kid(root, "Notes"), "Note"):
        guid, name = note.get("guid"), display_name(note)
        text = sources.text(note, f"note {name}")
        creator = note.get("creatingUser")
        for target in by_note.get(guid, [(None, None, None)]):
            rows.append([guid, name, text, users.get(creator, creator), *target])
    return pd.DataFrame(rows, columns=NOTE_COLUMNS)


def _owners(raw, source_participants, selection_participant):
    """The rows of ``raw`` kept in segments (None: all, in order), their participants, and how many left out."""
    if not selection_participant:
        single = {s: owners[0] for s, owners in source_participants.items() if len(owners) == 1}
        if all(s in single for s in set(raw["source_id"])):  # the common case: one participant per source
            return None, list(map(single.__getitem__, raw["source_id"])), 0
    kept, who, left_out = [], [], 0
    by_selection, by_source = selection_participant.get, source_participants.get
    for i, (segment, source) in enumerate(zip(raw["segment"], raw["source_id"])):
        owner = by_selection(segment) if selection_participant else None
        if owner is None:
            owners = by_source(source)
            if not owners:
                left_out += 1
                continue
            if len(owners) > 1:  # a source shared by several Cases: one row each
                kept.extend([i] * (len(owners) - 1))
                who.extend(owners[1:])
            owner = owners[0]
        kept.append(i)
        who.append(owner)
    return kept, who, left_out


def _segments(sources, code_by_id, source_participants, selection_participant):
    """One row per coding and participant; codings of sources with no participant are left out."""
    import pandas as pd

    kept, who, left_out = _owners(sources.raw, source_participants, selection_participant)
    fields = sources.raw if kept is None else {f: [column[i] for i in kept] for f, column in sources.raw.items()}
    n = len(who)
    code_ids = fields["code_id"]
    found = {c: code_by_id[c] for c in set(code_ids)}
    names = {s: sources.names[s] for s in set(fields["source_id"])}
    code_names = {c: row["code"] for c, row in found.items()}
    code_paths = {c: row["code_path"] for c, row in found.items()}
    data = {"participant": who, "code": list(map(code_names.__getitem__, code_ids)),
            "code_path": list(map(code_paths.__getitem__, code_ids)),
            "source": list(map(names.__getitem__, fields["source_id"]))}
    for col in SEGMENT_COLUMNS[4:13]:
        data[col] = _nullable_integers(fields[col]) if col in ("start", "end") else list(fields[col])
    media = fields["media"]
    has_media = any(m is not None for m in media)
    for i, col in enumerate(MEDIA_COLUMNS):
        data[col] = _nullable_integers([m[i] if m is not None else None for m in media] if has_media else None, n)
    frame = pd.DataFrame(data, columns=SEGMENT_COLUMNS)
    return frame, left_out


def _nullable_integers(values, n=None):
    """An ``Int64`` array of ``values`` (None missing; all missing when ``values`` is None), built fast."""
    import numpy as np
    import pandas as pd

    if values is None:
        return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))
    try:
        return pd.arrays.IntegerArray(np.array(values, dtype="int64"), np.zeros(len(values), dtype=bool))
    except TypeError:  # some missing
        mask = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        data = np.fromiter((0 if v is None else v for v in values), dtype="int64", count=len(values))
        return pd.arrays.IntegerArray(data, mask)


def _sources_frame(sources, source_participants, types, units):
    variable_names = sorted({k for r in sources.rows for k in r["_variables"]})
    frame = typed_frame(
        [{**{k: r[k] for k in SOURCE_COLUMNS[:5]},
          "participant": "; ".join(source_participants.get(r["source_id"], [])),
          "offsets": units.get((r["source_id"], None)),
          **{k: r["_variables"].get(k) for k in variable_names}} for r in sources.rows],
        [*SOURCE_COLUMNS, "offsets", *variable_names], types, sources.label,
    )
    frame["n_characters"] = frame["n_characters"].astype("Int64")
    return frame


def build(stream, members, zf, budget, label, end_position):
    """The tables of a project (a dict of QDAProject's fields) from its ``project.qde`` (a closed ProjectStream)."""
    import pandas as pd

    if local(stream.root_tag) == "CodeBook":
        raise InputError(f"{label} is a REFI-QDA codebook (root element <CodeBook>), not a project; "
                         "read it with mixedmethods.read_codebook.")
    if local(stream.root_tag) != "Project":
        raise InputError(f"{label}: the root element is <{local(stream.root_tag)}>, not <Project>; "
                         "not a REFI-QDA project.")
    root = stream.root
    note_refs = []
    rows, code_by_id = code_rows(kid(kid(root, "CodeBook"), "Codes"), note_refs)
    variable_names, types = variable_declarations(root)
    users = _users(root)
    sources = _Sources(members, zf, budget, label, users, code_by_id, variable_names)
    sources.read(stream)
    convention, units = resolve_positions(sources.raw, sources.texts, end_position, label,
                                          lambda s: sources.names.get(s, s))
    _quotes(sources)
    notes = _notes(root, sources, users, sources.note_refs + note_refs, root.get("name"))
    if sources.missing:
        warnings.warn(f"{label}: the text of {len(sources.missing)} source(s) is not in the file: "
                      f"{', '.join(repr(n) for n in sources.missing)}; their quotes are missing.", stacklevel=3)
    source_participants, selection_participant, attributes, uncased = cases(root, sources, variable_names)
    set_rows = sets(root, sources, code_by_id, source_participants, attributes)
    segments, left_out = _segments(sources, code_by_id, source_participants, selection_participant)
    if uncased:
        warnings.warn(f"{label}: the project's Cases are its participants; {len(uncased)} source(s) belong to "
                      f"no Case and are not counted: {', '.join(repr(n) for n in uncased)} ({left_out} coding(s) "
                      "left out of segments; they stay in project.sources).", stacklevel=3)
    columns = ["participant", *dict.fromkeys(k for a in attributes.values() for k in a)]
    return {
        "codes": codes_frame(rows),
        "segments": segments,
        "participants": typed_frame([{"participant": p, **a} for p, a in attributes.items()], columns, types,
                                    label),
        "sources": _sources_frame(sources, source_participants, types, units),
        "sets": pd.DataFrame(set_rows, columns=SET_COLUMNS),
        "notes": notes,
        "name": root.get("name"), "origin": root.get("origin"), "end_position": convention,
        "texts": {key[0]: text for key, text in sources.texts.items() if key[1] is None and text is not None},
    }

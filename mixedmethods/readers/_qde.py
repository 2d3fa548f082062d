"""A REFI-QDA ``project.qde`` (parsed by :func:`._archive.parse_pieces`) into the tables of a project.

Most of a large project is text selections holding codings of one code each
(``<PlainTextSelection><Coding><CodeRef/></Coding>...</PlainTextSelection>``):
:func:`take_codings` moves those into columns (:class:`Codings`), as each
source is parsed when lxml streams the file, so that they never stay in the
tree (with lxml, a source whose selections all have that shape is read by
a few XPath queries, one list of values per field; any other by a loop over
its children).  :func:`build` then walks what is left in the file's order:
users, codebook, variables, sources with their other selections and
codings (the taken ones are copied from the columns, run by run), notes,
cases, sets; reads each selection's quote from its source text and returns
plain DataFrames.  The codings are held as columns (one list per field of
``RAW_FIELDS``) up to the ``segments`` DataFrame.
"""
from __future__ import annotations

import operator
import warnings
from itertools import chain, repeat

from .._segments_model import PATH_SEPARATOR
from .._validation import InputError
from ._archive import read_member
from ._frames import NOTE_COLUMNS, SET_COLUMNS, SOURCE_COLUMNS, codes_frame
from ._offsets import RAW_FIELDS, resolve_positions
from ._participants import cases, sets, typed_frame, variable_declarations, variables
from ._xml import display_name, kid, kids, local, ref

__all__ = ["build", "code_rows", "Codings", "take_codings", "SOURCE_TAGS", "SEGMENT_COLUMNS", "MEDIA_COLUMNS"]

#: The tag of the placeholder standing for a run of selections taken into the columns (found by identity in
#: ``Codings.runs``: an element of the file with this tag is no placeholder, and is skipped as unknown).
CODINGS = "{urn:x-mixedmethods:reader}codings"
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
    """One dict per code under ``codes_el`` (a ``<Codes>``) in codebook order, and the first code of each GUID.

    The tree is walked with a stack of its own, so a codebook nested deeper
    than Python's recursion limit is read too.
    """
    rows, by_id = [], {}
    stack = [(iter(kids(codes_el, "Code")), None, 0)]
    while stack:
        children, parent_path, level = stack[-1]
        c = next(children, None)
        if c is None:
            stack.pop()
            continue
        guid, name = c.get("guid"), c.get("name") or c.get("guid") or ""
        path = name if parent_path is None else parent_path + PATH_SEPARATOR + name
        desc = kid(c, "Description")
        row = {"code_id": guid, "code": name, "code_path": path, "parent_path": parent_path, "level": level,
               "is_codable": (c.get("isCodable") or "true").strip().lower() in ("true", "1"),
               "color": c.get("color") or None,
               "description": desc.text if desc is not None else None}
        rows.append(row)
        if guid is not None and guid not in by_id:
            by_id[guid] = row
        if note_refs is not None:
            note_refs.extend((ref(n), "code", guid, path) for n in kids(c, "NoteRef"))
        stack.append((iter(kids(c, "Code")), path, level + 1))
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


#: The elements whose end the streaming parse reports (:meth:`Codings.take_source`): the kinds of source.
SOURCE_TAGS = tuple("{*}" + kind for kind in ("TextSource", "PDFSource", "PictureSource", "AudioSource",
                                               "VideoSource"))


class Codings:
    """The text selections of the common shape, taken out of the tree into columns as the file is parsed.

    Most of a large project is text selections holding only ``Coding``\\ s of
    one ``CodeRef`` each, with whole-number positions.  :func:`take_codings`
    reads such selections into these columns (one value per coding, in the
    file's order) and puts in their place, for each run of them, one
    placeholder element mapped here (``runs``: placeholder -> the run's
    ``(first row, stop row, selection GUIDs)``), so that the tree left holds
    only what the general code reads and the codings keep their order.
    :meth:`take_source` is what :func:`._archive.parse_pieces` calls as
    each source ends, so that its selections are dropped before the next
    piece of the file is parsed.
    """

    def __init__(self):
        self.code_id, self.coder, self.coding_id, self.segment, self.start, self.end = [], [], [], [], [], []
        self.runs = {}
        self.taken = set()  # the sources take_source has read (nothing more to take from them)
        self._sources = {}  # parent element -> whether it is the project's (first) Sources

    def placeholder(self, el, first, selections):
        """A new placeholder (made by ``el``) for the codings from row ``first`` to the last, mapped in ``runs``."""
        placeholder = el.makeelement(CODINGS, {})
        self.runs[placeholder] = (first, len(self.code_id), selections)
        return placeholder

    def take_source(self, el):
        """Take the selections out of a source that has just been parsed, if it is one of the project's."""
        parent = el.getparent()
        if parent is None:
            return
        mine = self._sources.get(parent)
        if mine is None:
            project = parent.getparent()
            mine = self._sources[parent] = (project is not None and project.getparent() is None
                                            and kid(project, "Sources") is parent)
        if mine:
            take_codings(el, self)
            self.taken.add(el)


class _Queries:
    """Compiled XPath queries (lxml) reading every text selection of a source at once, for one namespace."""

    def __init__(self, uri):
        from lxml import etree

        p = "q:" if uri else ""
        s, c = p + "PlainTextSelection", p + "PlainTextSelection/" + p + "Coding"
        r = c + "/" + p + "CodeRef"

        def query(expr):
            return etree.XPath(expr, namespaces={"q": uri} if uri else None, smart_strings=False)

        # How many selections, what they hold and where they stand: compared in _take_all.
        self.shape = query(
            f"concat(count({s}), ' ', count({s}/*), ' ', count({s}/*[1]), ' ', count({c}/*[2]), ' ',"
            f" count({s}[1]/preceding-sibling::*), ' ',"
            f" count({s}[last()]/preceding-sibling::*), ' ', count(*))")
        self.selection, self.start, self.end = (query(f"{s}/@{a}") for a in ("guid", "startPosition", "endPosition"))
        self.coding, self.coder, self.first_coding = query(f"{c}/@guid"), query(f"{c}/@creatingUser"), query(
            f"{s}/{p}Coding[1]/@guid")
        self.code = query(f"{r}/@targetGUID")


_QUERIES = {}  # namespace URI -> _Queries (a few: a file naming more is read by the loop)
#: Most children of a source read by XPath: each query walks the source's subtree again, which stays in the
#: processor's cache for a source of up to hundreds of selections but not for thousands.  Measured per
#: coding on trees parsed whole: 4.6-8.7 µs at 100-1,000 selections against the loop's 5.5-11; 13-16 µs at
#: 2,000 and 12-22 at 3,000-10,000 against the loop's 8-13.
_XPATH_MAX_CHILDREN = 1000


def _take_all(el, codings, uri):
    """Take every text selection of ``el`` (an lxml element) with XPath when all are of the common shape.

    True when done (or when ``el`` holds none); False leaves ``el`` as it was,
    for the loop of :func:`take_codings`.  The loop reads each value through
    an element proxy; here one query per field returns a source's values as
    a list.  On the 100,000 codings of ``benchmarks/bench_themes.py`` parsed
    into a whole tree, taking them costs 0.5-0.7 s against the loop's
    0.9-1.2 s; in the streamed read (each source taken as it ends) the whole
    ``read_qdpx`` takes about 0.9 of its time with the loop.  The shape is
    checked by counting (``_Queries.shape``) and by the lengths of the
    lists: one value per selection or coding, none empty.  Codings are
    matched to their selections through the GUID of each selection's first
    coding, so a source whose coding GUIDs repeat is left to the loop.
    """
    queries = _QUERIES.get(uri)
    if queries is None:
        if len(_QUERIES) >= 8:
            return False
        queries = _QUERIES[uri] = _Queries(uri)
    n, k, first_children, second_grandchildren, i, last, size = map(int, map(float, queries.shape(el).split()))
    if n == 0:
        return True
    # The selections hold k children, at least one each; none of those holds a second child; the selections
    # stand side by side, from the i-th child (every child an element, so that XPath's positions are lxml's).
    if not (first_children == n and second_grandchildren == 0 and last - i + 1 == n and size == len(el)):
        return False
    codes, coders, coding_ids = queries.code(el), queries.coder(el), queries.coding(el)
    starts, ends, selections = queries.start(el), queries.end(el), queries.selection(el)
    # k codings with a GUID and a creator, k CodeRefs in them with a target: the k children are codings, and
    # each holds one child, a CodeRef.  A value missing or empty: the loop takes the fallbacks, or the general
    # code says what is wrong.
    if not (len(coding_ids) == len(coders) == len(codes) == k and len(starts) == len(ends) == len(selections) == n
            and all(codes) and all(coders)):
        return False
    try:
        starts, ends = list(map(int, starts)), list(map(int, ends))
    except ValueError:
        return False
    if k != n:  # some selections hold several codings: told by where each one's first coding stands
        where = dict(zip(coding_ids, range(k)))
        if len(where) != k:
            return False  # a GUID twice: no telling
        stops = list(map(where.__getitem__, queries.first_coding(el)))
        stops.append(k)
        counts = list(map(operator.sub, stops[1:], stops))
        starts, ends, segments = (list(chain.from_iterable(map(repeat, column, counts)))
                                  for column in (starts, ends, selections))
    else:
        segments = selections
    first = len(codings.code_id)
    codings.code_id += codes
    codings.coder += coders
    codings.coding_id += coding_ids
    codings.segment += segments
    codings.start += starts
    codings.end += ends
    el[i:i + n] = [codings.placeholder(el, first, selections)]
    return True


def take_codings(el, codings):
    """Move the selections of the common shape among the children of ``el`` into ``codings`` (see :class:`Codings`).

    Works on ElementTree and lxml elements alike (lxml's first through
    :func:`_take_all`); a second call on the same element finds nothing
    more to take.
    """
    ns = el.tag[:-len(local(el.tag))] if isinstance(el.tag, str) else ""
    if hasattr(el, "xpath") and len(el) <= _XPATH_MAX_CHILDREN and _take_all(el, codings, ns[1:-1]):
        return
    sel_tag, coding_tag, ref_tag = ns + "PlainTextSelection", ns + "Coding", ns + "CodeRef"
    code_ids, coders, coding_ids = codings.code_id, codings.coder, codings.coding_id
    segments, starts, ends = codings.segment, codings.start, codings.end
    kept, run, first, runs_before = [], None, 0, len(codings.runs)

    def close_run():
        kept.append(codings.placeholder(el, first, run))

    for child in el:
        if child.tag == sel_tag:
            get = child.get
            try:
                start, end = int(get("startPosition")), int(get("endPosition"))
            except (TypeError, ValueError):
                pass  # the general code says what is wrong
            else:
                n = len(code_ids)
                for coding in child:
                    if len(coding) != 1 or coding.tag != coding_tag:
                        break
                    code_ref = coding[0]
                    if code_ref.tag != ref_tag:
                        break
                    code_ids.append(code_ref.get("targetGUID") or code_ref.get("guid"))
                    coders.append(coding.get("creatingUser") or get("creatingUser"))
                    coding_ids.append(coding.get("guid"))
                else:
                    k, sel_id = len(code_ids) - n, get("guid")
                    segments.extend([sel_id] * k)
                    starts.extend([start] * k)
                    ends.extend([end] * k)
                    if run is None:
                        run, first = [], n
                    run.append(sel_id)
                    continue
                del code_ids[n:], coders[n:], coding_ids[n:]  # another shape: left to the general code
        if run is not None:
            close_run()
            run = None
        kept.append(child)
    if run is not None:
        close_run()
    if len(codings.runs) != runs_before:  # a run of one selection leaves as many children
        el[:] = kept


class _Sources:
    """The sources of a project, their texts, every coding in them (positions as written), and note refs."""

    def __init__(self, members, zf, budget, label, users, code_by_id, variable_names, codings):
        self.members, self.zf, self.budget, self.label = members, zf, budget, label
        self.codings = codings
        self.lower = {name.lower(): info for name, info in members.items()}
        self.users, self.code_by_id, self.variable_names = users, code_by_id, variable_names
        self.rows, self.names, self.texts, self.missing = [], {}, {}, []
        self.raw = {f: [] for f in RAW_FIELDS}
        self._columns = [self.raw[f] for f in RAW_FIELDS]
        self.note_refs, self._selection_source, self._read_selections = [], {}, []

    def append(self, row):
        """Add one coding (its fields in ``RAW_FIELDS`` order; ``coder`` the creator's GUID) to the columns."""
        for column, value in zip(self._columns, row):
            column.append(value)

    def read(self, sources_el):
        """The sources under ``sources_el`` (a ``<Sources>``, or None) and every coding in them."""
        for el in sources_el if sources_el is not None else ():
            tag = local(el.tag)
            if not tag.endswith("Source"):
                continue
            guid = el.get("guid")
            self.names[guid] = display_name(el)
            text = self.text(el, self.names[guid]) if tag == "TextSource" else None
            self.texts[(guid, None)] = text
            self.rows.append({"source_id": guid, "source": self.names[guid], "kind": tag,
                              "path": el.get("plainTextPath") or el.get("path"),
                              "n_characters": len(text) if text is not None else None,
                              "_variables": variables(el, self.variable_names)})
            self._walk(el, guid, (guid, None))
        raw, code_by_id = self.raw, self.code_by_id
        if not code_by_id.keys() >= set(raw["code_id"]):  # every coding, taken or read by the general code
            i = next(i for i, c in enumerate(raw["code_id"]) if c not in code_by_id)
            raise InputError(
                f"{self.label}: coding {raw['coding_id'][i]!r} in source {self.names[raw['source_id'][i]]!r} "
                f"refers to code {raw['code_id'][i]!r}, which is not in the codebook; the project is inconsistent."
            )
        users, creators = self.users, raw["coder"]
        raw["coder"] = list(map(users.get, creators, creators))  # a user's name, else the GUID as written
        return self

    @property
    def selection_source(self):
        """The source of every text selection (its GUID), built when first asked for (Cases that list selections)."""
        for selections, source_id in self._read_selections:
            self._selection_source.update(dict.fromkeys(selections, source_id))
        self._read_selections.clear()
        return self._selection_source

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

    def _walk(self, el, source_id, text_key):
        """The codings in a source (or in its Representation, ...), in the file's order.

        The selections of the common shape are taken into ``self.codings``
        first (already done for a source the streaming parse reported);
        their runs are copied from there, and any other child is read by
        the general code.
        """
        codings = self.codings
        if el not in codings.taken:
            take_codings(el, codings)
        runs = codings.runs
        for child in el:
            run = runs.get(child) if child.tag == CODINGS else None
            if run is not None:
                self._copy_run(run, source_id, text_key)
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

    def _copy_run(self, run, source_id, text_key):
        """Add the codings of a run of selections taken into ``self.codings`` (see :func:`take_codings`)."""
        first, stop, selections = run
        raw, codings, k = self.raw, self.codings, stop - first
        for field in ("code_id", "coder", "coding_id", "segment", "start", "end"):
            raw[field].extend(getattr(codings, field)[first:stop])
        raw["source_id"].extend([source_id] * k)
        raw["kind"].extend(["text"] * k)
        raw["text_key"].extend([text_key] * k)
        for field in ("media", "quote", "text"):
            raw[field].extend([None] * k)
        self._read_selections.append((selections, source_id))

    def _selection(self, el, tag, source_id, text_key):
        sel_id = el.get("guid")
        self._selection_source[sel_id] = source_id
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
        for child in el:
            child_tag = local(child.tag)
            if child_tag == "Coding":
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
        creator = coding.get("creatingUser") or selection_el.get("creatingUser")
        self.append([target, source_id, selection_id, kind, start, end, text_key,
                     creator, coding.get("guid"), media, quote, None])


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
    for col in SEGMENT_COLUMNS[4:13]:  # the lists themselves: the DataFrame copies them
        data[col] = _nullable_integers(fields[col]) if col in ("start", "end") else fields[col]
    media = fields["media"]
    has_media = media.count(None) != n
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


def build(root, codings, members, zf, budget, label, end_position):
    """The tables of a project (a dict of QDAProject's fields) from its ``project.qde``.

    ``root`` is the root element, ``codings`` the :class:`Codings` the
    streaming parse took out of it (empty when it took none).
    """
    import pandas as pd

    if local(root.tag) == "CodeBook":
        raise InputError(f"{label} is a REFI-QDA codebook (root element <CodeBook>), not a project; "
                         "read it with mixedmethods.read_codebook.")
    if local(root.tag) != "Project":
        raise InputError(f"{label}: the root element is <{local(root.tag)}>, not <Project>; "
                         "not a REFI-QDA project.")
    note_refs = []
    rows, code_by_id = code_rows(kid(kid(root, "CodeBook"), "Codes"), note_refs)
    variable_names, types = variable_declarations(root)
    users = _users(root)
    sources = _Sources(members, zf, budget, label, users, code_by_id, variable_names, codings)
    sources.read(kid(root, "Sources"))
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

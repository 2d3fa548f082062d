"""A REFI-QDA ``project.qde`` parsed as it streams in, with the codings kept as columns.

Most of a large project is text selections holding codings
(``<PlainTextSelection><Coding><CodeRef/></Coding>...</PlainTextSelection>``).
:class:`ProjectStream` reads those with expat handlers and keeps only their
attribute dicts, turned into column lists at the end (no element is made for
them; inside a source the end of an element costs no Python call).
Everything else that :mod:`._qde` reads (users, codebook, variables, cases,
notes, sets, and inside each source its text, variables, notes, whole-source
codings, media selections, text selections whose positions are not whole
numbers) is built as a small ElementTree, in the file's order.  A run of
selections read into the columns stands in its source as one placeholder
child (tag :data:`CODINGS`) holding the rows' range, so that :mod:`._qde`
walks each source as before.  Elements the reader never looks at (``Links``,
unknown top-level elements, the children of a ``CodeRef``) are skipped.  A
text selection of another shape (a note in it, a Coding without exactly one
CodeRef, ...) makes :func:`parse_stream` read the file again with every
selection built as an element (``fast=False``), read by :mod:`._qde`'s
general code.

The defences of defusedxml are installed on the expat parser (its own
handlers): a declared entity or an external reference raises, and an
undeclared entity that expat would skip raises "undefined entity" as
ElementTree's parser does.
"""
from __future__ import annotations

import functools

__all__ = ["CODINGS", "HOT_FIELDS", "ProjectStream", "parse_stream"]

#: The tag of the placeholder standing for a run of selections read into columns (no XML name holds NUL).
CODINGS = "\x00codings"
#: The columns of the codings read in the stream (one value per coding, in file order).
HOT_FIELDS = ("code_id", "segment", "start", "end", "creator", "coding_guid")
_KEEP = frozenset({"Users", "CodeBook", "Variables", "Cases", "Sets", "Notes", "NoteRef"})


class _Irregular(Exception):
    """A selection of another shape than the common one: the file is read again without the fast path."""


def _et_name(name, _cache={}):
    """ElementTree's spelling of an expat namespaced name (``uri}local`` -> ``{uri}local``)."""
    try:
        return _cache[name]
    except KeyError:
        out = "{" + name if "}" in name else name
        if len(_cache) < 10_000:
            _cache[name] = out
        return out


def _et_attrs(attrs):
    if any("}" in k for k in attrs):
        return {_et_name(k): v for k, v in attrs.items()}
    return attrs


def _local(name):
    return name.rsplit("}", 1)[-1]


class ProjectStream:
    """Feed the bytes of a ``project.qde`` (:meth:`feed`, then :meth:`close`); read the result's attributes.

    After :meth:`close`: ``root_tag`` (ElementTree's spelling), ``root`` (an
    Element with the root's attributes and the top-level children that
    :mod:`._qde` reads, except ``Sources``), ``sources`` (the elements of the
    first ``Sources``, each with its children but with :data:`CODINGS`
    placeholders for the selections read into columns), ``columns`` (a
    dict of lists, :data:`HOT_FIELDS`) and ``hot_selections`` (the GUIDs of
    those selections, in order).  A placeholder's attributes ``rows`` and
    ``selections`` are ``(first, stop)`` ranges into ``columns`` and
    ``hot_selections``.
    """

    def __init__(self, fast=True):
        import xml.etree.ElementTree as ET
        from xml.parsers import expat

        from defusedxml.ElementTree import DefusedXMLParser

        self._ET = ET
        p = self._parser = expat.ParserCreate(namespace_separator="}")
        p.buffer_text = True
        p.buffer_size = 2**16
        # defusedxml's own handlers: an entity declaration or an external reference raises
        p.EntityDeclHandler = functools.partial(DefusedXMLParser.defused_entity_decl, None)
        p.UnparsedEntityDeclHandler = functools.partial(DefusedXMLParser.defused_unparsed_entity_decl, None)
        p.ExternalEntityRefHandler = functools.partial(DefusedXMLParser.defused_external_entity_ref_handler, None)
        p.SkippedEntityHandler = self._skipped_entity
        self.root_tag = self.root = None
        self.fast = fast
        self.sources, self._codings, self._refs, self._row_selection = [], [], [], []
        self.columns = None
        self.hot_selections = []
        self._flush = None
        self._modes = []  # (start, end, character data) handlers to go back to
        self._sources_seen = False
        self._install(self._top_start, self._top_end, None)

    # -- plumbing
    def feed(self, data, final=False):
        """Parse the next bytes (raises pyexpat's ExpatError, or defusedxml's exceptions)."""
        self._parser.Parse(data, final)

    def close(self):
        self._parser.Parse(b"", True)
        if self._flush is not None:
            self._flush()  # the ends recorded in the last source after its last start
        self.columns = self._columns()
        self._codings = self._refs = self._row_selection = None
        return self

    def _install(self, start, end, data):
        p = self._parser
        p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler = start, end, data

    def _push(self, start, end, data):
        p = self._parser
        self._modes.append((p.StartElementHandler, p.EndElementHandler, p.CharacterDataHandler))
        self._install(start, end, data)

    def _pop(self):
        self._install(*self._modes.pop())

    def _skipped_entity(self, name, is_parameter_entity):
        from xml.parsers import expat

        p = self._parser
        err = expat.error(f"undefined entity &{name};: line {p.CurrentLineNumber}, column {p.CurrentColumnNumber}")
        err.code, err.lineno, err.offset = 11, p.CurrentLineNumber, p.CurrentColumnNumber
        raise err

    # -- subtrees: built as elements, or skipped
    def _tree(self, name, attrs, parent):
        """Build the element starting here (and its subtree) and append it to ``parent`` when it ends."""
        tb = self._ET.TreeBuilder()
        tb.start(_et_name(name), _et_attrs(attrs))
        level = 1

        def start(name, attrs):
            nonlocal level
            level += 1
            tb.start(_et_name(name), _et_attrs(attrs))

        def end(name):
            nonlocal level
            tb.end(_et_name(name))
            level -= 1
            if not level:
                parent.append(tb.close())
                self._pop()

        self._push(start, end, tb.data)

    def _skip(self):
        level = 1

        def start(name, attrs):
            nonlocal level
            level += 1

        def end(name):
            nonlocal level
            level -= 1
            if not level:
                self._pop()

        self._push(start, end, None)

    # -- the project
    def _top_start(self, name, attrs):
        if self.root_tag is None:
            self.root_tag = _et_name(name)
            if _local(name) != "Project":  # read no further (build() says what the file is)
                self._install(None, None, None)
                return
            self.root = self._ET.Element(self.root_tag, _et_attrs(attrs))
            return
        local = _local(name)
        if local == "Sources" and not self._sources_seen:
            self._sources_seen = True
            self._push(self._sources_start, self._sources_end, None)
        elif local in _KEEP:
            self._tree(name, attrs, self.root)
        else:
            self._skip()

    def _top_end(self, name):
        pass  # the root's children are handled by their own handlers; nothing follows the root

    def _sources_start(self, name, attrs):
        if _local(name).endswith("Source"):
            self._source(name, attrs)
        else:
            self._skip()

    def _sources_end(self, name):
        self._pop()

    def _source(self, name, attrs):
        """The children of one source: selections of the common shape into the rows, the rest as elements.

        Inside a source the end of an element is only recorded (the C method
        ``list.append`` is the handler, no Python call); the next start, or
        :meth:`close`, counts them.  ``level`` is the number of elements open
        inside the source: 1 a selection, 2 a Coding, 3 its CodeRef.  A
        coding is kept as its attribute dicts (its fields are taken from
        them in :meth:`close`).
        """
        source = self._ET.Element(_et_name(name), _et_attrs(attrs))
        self.sources.append(source)
        ns = name[:-len(_local(name))]
        sel_tag, coding_tag, ref_tag = ns + "PlainTextSelection", ns + "Coding", ns + "CodeRef"
        hot, closed = self.hot_selections, []
        add_coding, add_ref, add_sel = self._codings.append, self._refs.append, self._row_selection.append
        clear = closed.clear
        run = None  # (first row, first selection) of the run of selections read into the rows
        level = n_kids = 0
        coding = selection = None

        def close_run():
            nonlocal run
            if run is not None:
                source.append(self._ET.Element(CODINGS, rows=(run[0], len(self._refs)),
                                               selections=(run[1], len(hot))))
                run = None

        def count_ends():
            """Close what ended since the last start; False when the source itself has ended."""
            nonlocal level
            for i in range(len(closed)):
                if level == 2 and not n_kids:  # a Coding without CodeRef
                    raise _Irregular
                if level == 1:
                    hot.append(selection[0])
                elif level == 0:  # the source has ended: what follows is for the handlers outside it
                    close_run()
                    outer = closed[i + 1:]
                    clear()
                    self._pop()
                    for end_name in outer:
                        self._parser.EndElementHandler(end_name)
                    return False
                level -= 1
            clear()
            return True

        def source_start(name, attrs):
            nonlocal run, level, n_kids, coding, selection
            if closed:
                n = len(closed)
                if level == 3 and n == 2:  # </CodeRef></Coding>: the common case
                    level = 1
                    clear()
                elif level == 3 and n == 3:  # </CodeRef></Coding></PlainTextSelection>
                    hot.append(selection[0])
                    level = 0
                    clear()
                elif not count_ends():
                    return self._parser.StartElementHandler(name, attrs)
            if level == 1:  # in a selection
                if name != coding_tag:
                    raise _Irregular
                coding, n_kids, level = attrs, 0, 2
            elif level == 2:  # in a Coding
                n_kids += 1
                if n_kids > 1 or name != ref_tag:
                    raise _Irregular
                add_coding(coding)
                add_ref(attrs)
                add_sel(selection)
                level = 3
            elif level == 0:  # a child of the source
                if self.fast and name == sel_tag:
                    try:
                        start, end = int(attrs.get("startPosition")), int(attrs.get("endPosition"))
                    except (TypeError, ValueError):
                        pass  # as an element: _qde says what is wrong
                    else:
                        if run is None:
                            run = (len(self._refs), len(hot))
                        selection = (attrs.get("guid"), start, end, attrs.get("creatingUser"))
                        level = 1
                        return
                close_run()
                self._tree(name, attrs, source)
            else:  # inside a CodeRef: nothing is read
                level += 1

        def flush():
            if closed:
                count_ends()

        self._flush = flush
        self._push(source_start, closed.append, None)

    def _columns(self):
        """The codings read in the stream as columns (:data:`HOT_FIELDS`), from their attribute dicts."""
        from itertools import repeat

        codings, refs = self._codings, self._refs
        get, n = dict.get, len(refs)
        targets = list(map(get, refs, repeat("targetGUID", n)))
        if not all(targets):  # attrs.get("targetGUID") or attrs.get("guid")
            targets = [t or r.get("guid") for t, r in zip(targets, refs)]
        sel_fields = list(zip(*self._row_selection)) or [[], [], [], []]
        creators = list(map(get, codings, repeat("creatingUser", n)))
        if not all(creators):  # coding.get("creatingUser") or the selection's
            creators = [c or u for c, u in zip(creators, sel_fields[3])]
        return {"code_id": targets, "segment": list(sel_fields[0]), "start": list(sel_fields[1]),
                "end": list(sel_fields[2]), "creator": creators,
                "coding_guid": list(map(get, codings, repeat("guid", n)))}


def parse_stream(chunks, label):
    """A closed :class:`ProjectStream` of the XML whose bytes ``chunks()`` yields; InputError naming ``label``.

    A file with a selection of another shape than the common one is read
    again (``chunks(False)``: from the start) with every selection built as
    an element.
    """
    from ._archive import xml_errors

    for fast in (True, False):
        stream = ProjectStream(fast)
        try:
            with xml_errors(label):
                for chunk in chunks(fast):
                    stream.feed(chunk)
                stream.close()
        except _Irregular:
            continue
        return stream

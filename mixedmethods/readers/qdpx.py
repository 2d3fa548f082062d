"""REFI-QDA projects (``.qdpx``, written by ATLAS.ti, MAXQDA, NVivo, QualCoder, Quirkos, qc, ...).

:func:`read_qdpx` reads one into a :class:`QDAProject`: codes with their
hierarchy, sources, coded segments with their quotes, participants with
attributes.  The archive is never extracted: ``project.qde`` is parsed as it
is unzipped, with entities and external references refused
(:func:`._archive.parse_pieces`), each source's common selections taken into
columns as soon as the source is parsed (:class:`._qde.Codings`), and the
source texts are read in memory, within byte and member budgets.
"""
from __future__ import annotations

from dataclasses import dataclass

from .._validation import check_choice
from ._archive import MAX_BYTES, MAX_MEMBERS, open_qde, parse_pieces
from ._qde import SOURCE_TAGS, Codings, build

__all__ = ["QDAProject", "read_qdpx"]


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
        ``code_id``, ``source_id``, ``coding_id``, then where a media
        selection lies (nullable integers, missing for text, as the file
        writes them): ``page`` (PDF), ``first_x``, ``first_y``, ``second_x``,
        ``second_y`` (the rectangle on a picture or PDF page), ``begin_ms``,
        ``end_ms`` (audio and video, milliseconds).  A PDF selection's
        ``text`` is its own text (``Representation``), when the file has it.
    participants : pandas.DataFrame
        One row per participant, coded or not: ``participant`` then one
        column per attribute, with the dtype its ``typeOfVariable`` declares
        (Integer: ``Int64``, Float: ``float64``, Boolean: ``boolean``, Date
        and DateTime: ``datetime64``, Text: ``object``), then one True/False
        column per set of sources not named ``"attribute: value"`` (a MAXQDA
        document set, an ATLAS.ti document group).
    sources : pandas.DataFrame
        One row per source: ``source_id``, ``source``, ``kind`` (the element,
        e.g. ``"TextSource"``), ``path``, ``n_characters`` (of the plain text,
        when in the file), ``participant`` (joined with ``"; "`` when a source
        belongs to several; empty for a source in no Case of a project with
        Cases), ``offsets`` (how the file counted its text positions:
        ``"code points"``, or ``"utf-16"`` as NVivo does; missing without
        text selections; a text without characters beyond U+FFFF reads the
        same either way and says ``"code points"``), then the source's own
        variables.
    sets : pandas.DataFrame
        One row per set member: ``set``, ``attribute`` and ``value`` (from a
        name like ``"gender: woman"``, else missing), ``member_type``
        (``"source"``, ``"code"``, ``"note"``), ``member_id``, ``member``.
    notes : pandas.DataFrame or None
        Notes and memos, one row per note and thing it annotates:
        ``note_id``, ``note`` (its name), ``text``, ``coder`` (who wrote it),
        ``target_type`` (``"project"``, ``"code"``, ``"source"``,
        ``"selection"``, ``"coding"``; missing for a free-standing memo),
        ``target_id`` (the GUID, e.g. a ``segment`` or ``code_id``) and
        ``target`` (the code's path, else the source's or project's name).
        None from a reader that keeps no notes.
    name, origin : str or None
        The project's name and the program that wrote it.
    end_position : {"exclusive", "inclusive"} or None
        How the file's ``endPosition`` was read (None without text
        selections).
    texts : dict or None
        The plain text of each source that has one in the file, by
        ``source_id`` (what :func:`~mixedmethods.readers.write_qdpx` writes
        back); None when the reader keeps no texts.
    """

    codes: object
    segments: object
    participants: object
    sources: object
    sets: object
    notes: object = None
    name: str | None = None
    origin: str | None = None
    end_position: str | None = None
    texts: dict | None = None

    def __repr__(self):
        n_codable = int(self.codes["is_codable"].sum()) if len(self.codes) else 0
        return (
            f"<QDAProject {self.name!r} from {self.origin!r}: {len(self.codes)} codes "
            f"({n_codable} codable), {len(self.sources)} sources, {len(self.segments)} codings, "
            f"{len(self.participants)} participants>"
        )


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
        With ``codes``, ``segments``, ``participants``, ``sources``, ``sets``
        and ``notes`` DataFrames (columns listed in :class:`QDAProject`), and
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
    Participants: when the project has named ``Case``\\ s, they are its
    participants (their ``VariableValue``\\ s are attributes; their sources
    and selections are theirs), and a source in none of them is no
    participant: it is named in a warning and its codings are left out of
    ``segments``.  Without named Cases, an anonymous ``Case`` pointing at
    one source makes that source's name the participant (MAXQDA, Quirkos)
    and a source in no case is a participant of its own, named after it,
    with the source's own ``VariableValue``\\ s as attributes.
    ``Set``\\ s named ``"attribute: value"`` add that attribute to the
    participants of their member sources; other sets of sources add a
    True/False column.

    Positions are returned as Unicode code points, as Python indexes a
    ``str``, with an exclusive end.  The file's convention is read from the
    texts: the end convention (see ``end_position``) for the whole file,
    and per source whether it counts code points or UTF-16 code units (as
    NVivo does: an emoji counts twice) — the reading under which fewer
    quotes start or end inside a word or before a combining mark, ties going
    to code points (recorded in ``sources["offsets"]``).  When more than a
    third of a text's quote boundaries fall inside words under every
    reading, a warning says so.  Archive member names are matched without
    regard to case (NVivo for Windows writes ``Sources/``), and a warning
    names every source whose text is not in the file.  The XML file may
    have any name ending in ``.qde`` when it is the only one (ATLAS.ti
    writes ``<project name>.qde``).  Checked against exports of NVivo 15,
    ATLAS.ti 23, qc 1.3 and files written by the tests.

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
    check_choice("end_position", end_position, ("auto", "exclusive", "inclusive"))
    with open_qde(path, max_bytes, max_members) as (pieces, xml_label, members, zf, budget, label):
        codings = Codings()  # the common selections, taken out of the tree as each source is parsed
        root = parse_pieces(pieces, xml_label, SOURCE_TAGS, codings.take_source)
        return QDAProject(**build(root, codings, members, zf, budget, label, end_position))

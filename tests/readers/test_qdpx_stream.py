"""Tests of the streaming parse behind read_qdpx (mixedmethods/readers/_qde_stream.py): the codings read
straight into columns give the tables the element-by-element reading gives (the reader's behaviour before
the stream), on the fixture and on files of other shapes; the bytes may come in any pieces; hostile XML is
refused as before."""
import io
import re
import zipfile

import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.readers import qdpx, read_qdpx
from mixedmethods.readers._qde_stream import ProjectStream

from ._qdpx_fixture import NS, make_qdpx

FIELDS = ("codes", "segments", "participants", "sources", "sets", "notes")


def _slow_stream(chunks, label):
    """The stream with every selection built as an element and read by the general code (no columns)."""
    from mixedmethods.readers._archive import xml_errors

    stream = ProjectStream(fast=False)
    with xml_errors(label):
        for chunk in chunks():
            stream.feed(chunk)
        stream.close()
    return stream


def _qde(path):
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write(path, members, qde):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, qde if name == "project.qde" else data)
    return path


def _same(a, b):
    for field in FIELDS:
        pd.testing.assert_frame_equal(getattr(a, field), getattr(b, field), check_exact=True)
    assert (a.name, a.origin, a.end_position, a.texts) == (b.name, b.origin, b.end_position, b.texts)


def _variants(tmp_path):
    """The fixture, and the same project written in other shapes programs (and people) use."""
    base = make_qdpx(tmp_path / "fixture.qdpx")
    members = _qde(base)
    qde = members["project.qde"].decode("utf-8")
    guid = re.search(r'<Code guid="([^"]+)" name="Time"', qde).group(1)
    shapes = {
        "fixture": qde,
        "indented": qde.replace("><", ">\n  <"),
        "prefixed": re.sub(r"<(/?)([A-Z])", r"<\1q:\2", qde).replace(f'xmlns="{NS}"', f'xmlns:q="{NS}"'),
        "no namespace": qde.replace(f' xmlns="{NS}"', ""),
        "comments": qde.replace("<Coding ", "<!-- c --><?pi x?><Coding "),
        "note in a selection": re.sub(r"(<PlainTextSelection [^>]*>)", r'\1<NoteRef targetGUID="n"/>', qde, count=1),
        "note in a coding": re.sub(r"(<CodeRef [^>]*/>)", r'\1<NoteRef targetGUID="n"/>', qde, count=1),
        "two code refs": re.sub(r"(<CodeRef [^>]*/>)", r"\1\1", qde, count=1),
        "code ref with children": re.sub(r"<CodeRef ([^>]*)/>", r'<CodeRef \1><X a="1"/>t</CodeRef>', qde),
        "whole-source coding between selections": qde.replace(
            "</PlainTextSelection>",
            f'</PlainTextSelection><Coding guid="w"><CodeRef targetGUID="{guid}"/></Coding>', 1),
        "selection of another namespace": qde.replace(
            "<PlainTextSelection ", '<o:PlainTextSelection xmlns:o="urn:other" ', 1).replace(
            "</PlainTextSelection>", "</o:PlainTextSelection>", 1),
        "empty selection": re.sub(r"(<PlainTextSelection [^>]*)>",
                                  r'\1/><PlainTextSelection guid="e" startPosition="0" endPosition="10">',
                                  qde, count=1),
        "sources before the codebook": re.sub(r"(<CodeBook>.*</CodeBook>)(.*)(<Sources>.*</Sources>)",
                                              r"\3\1\2", qde, flags=re.S),
        "character references": qde.replace('name="Zoé"', 'name="Z&#111;&#xe9;&amp;&lt;"'),
    }
    return {name: _write(tmp_path / f"{i}.qdpx", members, text.encode("utf-8"))
            for i, (name, text) in enumerate(shapes.items())}


def test_columns_give_the_tables_of_the_element_reading(tmp_path, monkeypatch):
    paths = _variants(tmp_path)
    fast = {name: read_qdpx(path) for name, path in paths.items()}
    monkeypatch.setattr(qdpx, "parse_stream", _slow_stream)
    for name, path in paths.items():
        _same(fast[name], read_qdpx(path))
    assert len(fast["fixture"].segments) == 7
    assert len(fast["whole-source coding between selections"].segments) == 8


def test_any_pieces_give_the_same_project(tmp_path):
    qde = _qde(make_qdpx(tmp_path / "f.qdpx"))["project.qde"]
    whole = ProjectStream()
    whole.feed(qde)
    whole.close()
    for size in (1, 7, 4096):
        stream = ProjectStream()
        for i in range(0, len(qde), size):
            stream.feed(qde[i:i + size])
        stream.close()
        assert stream.columns == whole.columns and stream.hot_selections == whole.hot_selections
        assert [len(s) for s in stream.sources] == [len(s) for s in whole.sources]


def test_a_large_project_is_read_in_pieces(tmp_path):
    """More than one MiB of project.qde (read in pieces of 1 MiB): the codings are all there."""
    members = _qde(make_qdpx(tmp_path / "f.qdpx"))
    qde = members["project.qde"].decode("utf-8")
    sel = re.search(r"<PlainTextSelection .*?</PlainTextSelection>", qde).group(0)
    copies = [re.sub(r'guid="([^"]+)"', lambda m: f'guid="{m.group(1)}-{i}"', sel) for i in range(6000)]
    big = qde.replace(sel, "".join(copies), 1)
    assert len(big.encode()) > 2**21
    project = read_qdpx(_write(tmp_path / "big.qdpx", members, big.encode("utf-8")))
    n_codes = sel.count("<Coding ")
    assert len(project.segments) == 7 + 5999 * n_codes
    assert project.segments["segment"].nunique() == 6 + 5999  # 5 selections and a whole-source coding


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>',  # entity bomb
    '<!DOCTYPE Project [<!ENTITY e SYSTEM "file:///etc/passwd">]>',  # external entity
    '<!DOCTYPE Project [<!NOTATION n SYSTEM "x"><!ENTITY e SYSTEM "x" NDATA n>]>',  # unparsed entity
    '<!DOCTYPE Project [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x">%p;]>',  # parameter entity
])
def test_entities_are_refused(tmp_path, doctype):
    qde = f'<?xml version="1.0"?>{doctype}<Project xmlns="{NS}" name="x"><Sources/></Project>'
    path = tmp_path / "hostile.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
    with pytest.raises(InputError, match="declares entities or external references"):
        read_qdpx(path)


def test_doctype_without_entities_and_undefined_entities(tmp_path):
    members = _qde(make_qdpx(tmp_path / "f.qdpx"))
    qde = re.sub(r"<\?xml[^>]*\?>", "", members["project.qde"].decode("utf-8"))
    plain = read_qdpx(_write(tmp_path / "plain.qdpx", members, qde.encode()))
    _same(read_qdpx(_write(tmp_path / "dtd.qdpx", members, ("<!DOCTYPE Project>" + qde).encode())), plain)
    # an external DTD is never fetched, so an entity it might declare is undefined (as ElementTree says)
    undefined = '<!DOCTYPE Project SYSTEM "x.dtd">' + qde.replace("</Codes>", "</Codes>&undef;", 1)
    with pytest.raises(InputError, match="malformed XML .undefined entity &undef;"):
        read_qdpx(_write(tmp_path / "undef.qdpx", members, undefined.encode()))
    with pytest.raises(InputError, match="malformed XML .mismatched tag: line 1, column"):
        read_qdpx(io.BytesIO(f'<Project xmlns="{NS}"><Sources><TextSource guid="s"></Sources></Project>'.encode()))

"""Tests of the parse behind read_qdpx (mixedmethods/readers/_archive.py parse_xml, _qde.py): lxml's tree,
with the common selections read straight into columns, gives the tables the standard library's tree through
defusedxml gives (the path of files with a DOCTYPE or another encoding), on the fixture and on files of other
shapes; hostile XML is refused on both paths."""
import io
import re
import zipfile

import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.readers import _archive, qdpx, read_qdpx
from mixedmethods.readers._qde import Codings

from ._qdpx_fixture import NS, make_qdpx

FIELDS = ("codes", "segments", "participants", "sources", "sets", "notes")


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


def test_the_three_ways_of_parsing_give_the_same_tables(tmp_path, monkeypatch):
    """lxml's pull parser taking each source's selections as it ends (the common path), lxml's whole tree, and
    the standard library's tree through defusedxml (a DOCTYPE, another encoding) read every shape alike."""
    paths = _variants(tmp_path)
    taken = []
    take_source = Codings.take_source
    monkeypatch.setattr(Codings, "take_source", lambda self, el: taken.append(el.tag) or take_source(self, el))
    streamed = {name: read_qdpx(path) for name, path in paths.items()}
    assert len(taken) >= len(paths) and all(t.endswith("TextSource") for t in taken)
    monkeypatch.setattr(qdpx, "parse_pieces", lambda pieces, label, tags, on_end:
                        _archive.parse_xml(b"".join(pieces), label))
    for name, path in paths.items():
        _same(streamed[name], read_qdpx(path))
    monkeypatch.setattr(_archive, "_lxml_safe", lambda _: False)
    trees = []
    parse = _archive.parse_xml
    monkeypatch.setattr(_archive, "parse_xml", lambda data, label: trees.append(parse(data, label)) or trees[-1])
    for name, path in paths.items():
        _same(streamed[name], read_qdpx(path))
    assert {type(t).__module__ for t in trees} == {"xml.etree.ElementTree"} and len(trees) == len(paths)
    assert len(streamed["fixture"].segments) == 7
    assert len(streamed["whole-source coding between selections"].segments) == 8


def test_utf8_without_doctype_is_read_by_lxml_and_anything_else_by_defusedxml():
    qde = f'<Project xmlns="{NS}" name="x"><Sources/></Project>'
    assert type(_archive.parse_xml(qde.encode(), "f")).__module__ == "lxml.etree"
    for data in (("<!DOCTYPE Project>" + qde).encode(), qde.encode("utf-16"),
                 ('<?xml version="1.0" encoding="latin-1"?>' + qde).encode("latin-1")):
        assert type(_archive.parse_xml(data, "f")).__module__ == "xml.etree.ElementTree"


def test_a_text_over_libxml2s_limit_is_read(tmp_path):
    """A single text node over 10 MB (libxml2's default limit) is read: without a DOCTYPE nothing expands."""
    text = "word " * 2_200_000
    qde = (f'<Project xmlns="{NS}" name="x"><CodeBook><Codes><Code guid="c" name="c" isCodable="true"/>'
           f'</Codes></CodeBook><Sources><TextSource guid="s" name="Ana"><PlainTextContent>{text}'
           '</PlainTextContent><PlainTextSelection guid="x" startPosition="5" endPosition="9"><Coding guid="k">'
           '<CodeRef targetGUID="c"/></Coding></PlainTextSelection></TextSource></Sources></Project>')
    project = read_qdpx(io.BytesIO(qde.encode()))
    assert project.sources["n_characters"].tolist() == [len(text)]
    assert project.segments["text"].tolist() == ["word"]


def test_nesting_is_capped_at_libxml2s_limit():
    """Without a DOCTYPE (lxml) a codebook 300 levels deep is read; past libxml2's 2,048 levels it is refused."""
    def qde(depth):
        deep = '<Code guid="c" name="a">' * depth + "</Code>" * depth
        return f'<Project xmlns="{NS}"><CodeBook><Codes>{deep}</Codes></CodeBook></Project>'.encode()

    assert read_qdpx(io.BytesIO(qde(300))).codes["level"].max() == 299
    with pytest.raises(InputError, match="malformed XML .Excessive depth in document: 2048"):
        read_qdpx(io.BytesIO(qde(2100)))


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
    # without a DOCTYPE (lxml): an entity is undefined too, and a mismatched tag is named with its line
    with pytest.raises(InputError, match="malformed XML .*[Ee]ntity 'undef' not defined"):
        read_qdpx(_write(tmp_path / "undef2.qdpx", members, qde.replace("</Codes>", "</Codes>&undef;", 1).encode()))
    with pytest.raises(InputError, match="malformed XML .*TextSource line 1 and Sources, line 1, column"):
        read_qdpx(io.BytesIO(f'<Project xmlns="{NS}"><Sources><TextSource guid="s"></Sources></Project>'.encode()))
    # a DOCTYPE after a comment is still a DOCTYPE: refused if it declares entities
    bomb = '<!-- <Project> --><!DOCTYPE Project [<!ENTITY a "aaaa">]>' + qde
    with pytest.raises(InputError, match="declares entities or external references"):
        read_qdpx(_write(tmp_path / "late.qdpx", members, bomb.encode()))


def test_a_codebook_deeper_than_pythons_recursion_limit_is_read():
    """Through defusedxml (a DOCTYPE) nothing limits nesting; the codebook is walked without recursion."""
    deep = '<Code guid="c" name="a" isCodable="true">' * 3000 + "</Code>" * 3000
    qde = f'<!DOCTYPE Project><Project xmlns="{NS}"><CodeBook><Codes>{deep}</Codes></CodeBook></Project>'
    codes = read_qdpx(io.BytesIO(qde.encode())).codes
    assert len(codes) == 3000 and codes["level"].tolist() == list(range(3000))
    assert codes["code_path"].iloc[2] == "a / a / a" and codes["parent_path"].iloc[1] == "a"

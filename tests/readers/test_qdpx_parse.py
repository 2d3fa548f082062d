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
from mixedmethods.readers import _qde as qde_module
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
        # what the XPath reading of a source's selections leaves to the loop (qde_module._take_all returns False)
        "coder on the selection": re.sub(
            r'(<PlainTextSelection [^>]*)>(<Coding guid="[^"]+") creatingUser="[^"]+"',
            r'\1 creatingUser="9df18704-630e-5755-a443-c2e0f19ce261">\2', qde, count=1),
        "empty coder": re.sub(
            r'(<PlainTextSelection [^>]*)>(<Coding guid="[^"]+") creatingUser="[^"]+"',
            r'\1 creatingUser="9df18704-630e-5755-a443-c2e0f19ce261">\2 creatingUser=""', qde, count=1),
        "code in guid=": re.sub(r'<CodeRef targetGUID="([^"]+)"', r'<CodeRef targetGUID="" guid="\1"', qde, count=1),
        "code only in guid=": re.sub(r'<CodeRef targetGUID="([^"]+)"', r'<CodeRef guid="\1"', qde, count=1),
        "a coding without a GUID": qde.replace('<Coding guid="b68347c7-786d-5435-b60d-00417338799c"', "<Coding"),
        "a selection without a GUID": qde.replace('<PlainTextSelection guid="92e5f198-5fc4-53c5-b365-61df6f88b8e6"',
                                                  "<PlainTextSelection"),
        "a coding GUID twice": qde.replace(
            '<Coding guid="3cea778d-d8ff-5fb7-8b3d-e59e948b4614"', '<Coding guid="6282f5c7-40d0-5b89-9f12-0a932963dd3a"'),
        "positions spelled oddly": qde.replace('startPosition="27"', 'startPosition=" +27"'),
        "a note between selections": qde.replace(
            "</PlainTextSelection><PlainTextSelection", '</PlainTextSelection><NoteRef targetGUID="n"/><PlainTextSelection',
            1),
    }
    return {name: _write(tmp_path / f"{i}.qdpx", members, text.encode("utf-8"))
            for i, (name, text) in enumerate(shapes.items())}


def test_the_three_ways_of_parsing_give_the_same_tables(tmp_path, monkeypatch):
    """lxml's pull parser taking each source's selections as it ends (the common path), lxml's whole tree, and
    the standard library's tree through defusedxml (a DOCTYPE, another encoding) read every shape alike."""
    paths = _variants(tmp_path)
    monkeypatch.setattr(qde_module, "_QUERIES", {})  # the cache of compiled queries, as in a new process
    taken, read_by_xpath, streamed = [], {}, {}
    take_source, take_all = Codings.take_source, qde_module._take_all
    monkeypatch.setattr(Codings, "take_source", lambda self, el: taken.append(el.tag) or take_source(self, el))

    def counted(el, codings, uri):
        before = len(codings.code_id)
        done = take_all(el, codings, uri)
        read_by_xpath[name] += len(codings.code_id) > before
        return done

    monkeypatch.setattr(qde_module, "_take_all", counted)
    for name, path in paths.items():
        read_by_xpath[name] = 0
        streamed[name] = read_qdpx(path)
    assert len(taken) >= len(paths) and all(t.endswith("TextSource") for t in taken)
    # the three sources with selections of the fixture are read by XPath; in the shapes it leaves to the loop,
    # the source where the shape differs is not
    assert read_by_xpath["fixture"] == read_by_xpath["no namespace"] == read_by_xpath["prefixed"] == 3
    assert read_by_xpath["positions spelled oddly"] == 3  # int() reads " +27" on every path
    for name in ("coder on the selection", "empty coder", "code in guid=", "code only in guid=",
                 "a coding without a GUID", "a selection without a GUID", "a coding GUID twice", "a note between selections", "note in a selection", "note in a coding", "two code refs",
                 "whole-source coding between selections", "empty selection"):
        assert read_by_xpath[name] == 2, name
    segments = streamed["fixture"].segments
    assert segments["coder"].tolist() == ["Zoé"] * 6 + ["Lin"]
    assert streamed["coder on the selection"].segments["coder"].tolist() == ["Lin", "Zoé", "Zoé"] + ["Zoé"] * 3 + ["Lin"]
    assert streamed["empty coder"].segments["coder"].tolist() == ["Lin", "Zoé", "Zoé"] + ["Zoé"] * 3 + ["Lin"]
    for name in ("code in guid=", "code only in guid="):
        assert streamed[name].segments["code"].tolist() == segments["code"].tolist()
    for name, column in (("a coding without a GUID", "coding_id"), ("a selection without a GUID", "segment")):
        values = streamed[name].segments[column]
        assert pd.isna(values[3]) and values.drop(3).tolist() == segments[column].drop(3).tolist(), name
    assert streamed["a coding GUID twice"].segments["coding_id"].iloc[2] == segments["coding_id"].iloc[1]
    assert streamed["positions spelled oddly"].segments["start"].tolist() == segments["start"].tolist()
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


def test_a_coding_without_a_code_is_refused_even_beside_one_with_two(tmp_path):
    """A source where one coding holds two CodeRefs and the next none counts as many CodeRefs as codings: it is
    still refused (the XPath reading must not hand the second CodeRef to the empty coding)."""
    members = _qde(make_qdpx(tmp_path / "f.qdpx"))
    qde = members["project.qde"].decode("utf-8")
    two = re.sub(r'(<Coding guid="843fccf6[^>]*>)(<CodeRef [^>]*/>)</Coding>(<Coding [^>]*>)<CodeRef [^>]*/>',
                 r"\1\2\2</Coding>\3", qde, count=1)
    assert two.count("<CodeRef ") == qde.count("<CodeRef ")
    path = _write(tmp_path / "two.qdpx", members, two.encode())
    with pytest.raises(InputError, match="coding '6282f5c7-40d0-5b89-9f12-0a932963dd3a' in source 'ana.txt' "
                                         "refers to code None, which is not in the codebook"):
        read_qdpx(path)


def test_selections_around_a_comment_are_taken_once():
    """lxml counts a comment as a child where XPath's positions do not (the reader's parser drops comments; a
    tree that keeps them is read by the loop, each selection once)."""
    from lxml import etree

    source = etree.fromstring(
        f'<TextSource xmlns="{NS}" guid="s"><PlainTextSelection guid="a" startPosition="0" endPosition="1">'
        '<Coding guid="k1" creatingUser="u"><CodeRef targetGUID="c"/></Coding></PlainTextSelection><!-- x -->'
        '<PlainTextSelection guid="b" startPosition="1" endPosition="2"><Coding guid="k2" creatingUser="u">'
        '<CodeRef targetGUID="c"/></Coding></PlainTextSelection></TextSource>')
    codings = Codings()
    qde_module.take_codings(source, codings)
    qde_module.take_codings(source, codings)
    assert (codings.coding_id, codings.segment, codings.start) == (["k1", "k2"], ["a", "b"], [0, 1])
    assert [child.tag for child in source] == [qde_module.CODINGS, etree.Comment, qde_module.CODINGS]


@pytest.mark.parametrize("doctype", ["", "<!DOCTYPE Project>"])  # lxml, defusedxml
@pytest.mark.parametrize("positions, shown", [('endPosition="43"', "None, '43'"), ('startPosition="29"', "'29', None"),
                                              ('startPosition="29.0" endPosition="43"', "'29.0', '43'")])
def test_positions_that_are_not_whole_numbers_are_named(tmp_path, doctype, positions, shown):
    members = _qde(make_qdpx(tmp_path / "f.qdpx"))
    qde = re.sub(r"<\?xml[^>]*\?>", "", members["project.qde"].decode("utf-8"))
    qde = doctype + qde.replace('startPosition="29" endPosition="43"', positions)
    with pytest.raises(InputError, match=f"selection 'd1c21970-4fc7-5251-bf8c-86ec8a95e632' in source 'bruno.txt' "
                                         f"has positions {shown}; whole numbers are needed"):
        read_qdpx(_write(tmp_path / "odd.qdpx", members, qde.encode()))


def test_a_file_naming_many_namespaces_is_read_without_keeping_queries_for_each(monkeypatch):
    """Compiled queries are kept for a few namespaces; past them the loop reads the sources (none kept)."""
    monkeypatch.setattr(qde_module, "_QUERIES", {})
    sources = "".join(
        f'<TextSource xmlns="urn:x{i}" guid="s{i}" name="P{i}"><PlainTextContent>word word</PlainTextContent>'
        f'<PlainTextSelection guid="x{i}" startPosition="5" endPosition="9"><Coding guid="k{i}" creatingUser="u">'
        '<CodeRef targetGUID="c"/></Coding></PlainTextSelection></TextSource>' for i in range(12))
    qde = (f'<Project xmlns="{NS}" name="x"><CodeBook><Codes><Code guid="c" name="c" isCodable="true"/></Codes>'
           f"</CodeBook><Sources>{sources}</Sources></Project>")
    segments = read_qdpx(io.BytesIO(qde.encode())).segments
    assert segments["participant"].tolist() == [f"P{i}" for i in range(12)]
    assert segments["text"].tolist() == ["word"] * 12
    assert len(qde_module._QUERIES) == 8


def test_the_streaming_parse_takes_the_common_selections_out_of_the_tree(tmp_path):
    """What keeps memory down: as each source ends, its common selections go into columns and leave the tree
    (the build would take them otherwise, from a tree holding them all)."""
    qde = _qde(make_qdpx(tmp_path / "f.qdpx"))["project.qde"]
    codings = Codings()
    root = _archive.parse_pieces(iter([qde[:700], qde[700:]]), "f", qde_module.SOURCE_TAGS, codings.take_source)
    assert len(codings.code_id) == 6 and len(codings.taken) == 4  # all but the whole-source coding
    assert root.findall(".//{*}PlainTextSelection") == []
    assert sum(el.tag == qde_module.CODINGS for el in root.iter()) == 3  # one run in each source with selections

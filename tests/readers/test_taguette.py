"""Tests of mixedmethods.readers.read_taguette on exports made by Taguette 1.5.2 (tests/fixtures)."""
import io

import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.readers import read_taguette
from mixedmethods.themes import tally

from ._qdpx_fixture import FIXTURES


def test_taguette_project_export():
    p = read_taguette(FIXTURES / "taguette_project.sqlite3", separator=".")
    seg = p.segments
    assert p.participants["participant"].tolist() == ["Ana", "Bruno", "Chloé"]  # Chloé never coded
    assert len(seg) == 6 and seg["segment"].nunique() == 5
    first = seg.iloc[0]
    # Taguette stores byte offsets 45-77; "Je suis infirmière. Le café aide 😊 mais " is 40 code points
    assert (first["participant"], first["code"], first["start"], first["end"]) == ("Ana", "barrier", 40, 71)
    assert first["text"] == "le manque de temps est épuisant"
    res = tally(seg, participants=p.participants).set_index("code_path")
    # barrier: Ana (1 highlight), Bruno (2) -> 2 of 3, 3 segments;
    # support: Ana ("support" and "support.family" on one highlight), Bruno (family) -> 2 of 3, 2 segments
    assert res.loc["barrier", ["n_participants", "n_segments", "denominator"]].tolist() == [2, 3, 3]
    assert res.loc["support", ["n_participants", "n_segments"]].tolist() == [2, 2]
    assert res.loc["support / family", ["n_participants", "n_segments"]].tolist() == [2, 2]
    assert "interesting" in p.codes["code"].tolist()  # Taguette's default tag, unused


def test_taguette_highlights_csv_matches_project_export():
    csv = read_taguette(FIXTURES / "taguette_highlights.csv", separator=".")
    db = read_taguette(FIXTURES / "taguette_project.sqlite3", separator=".")
    cols = ["participant", "code", "code_path", "text", "segment"]
    pd.testing.assert_frame_equal(csv.segments[cols], db.segments[cols])
    flat = read_taguette(FIXTURES / "taguette_highlights.csv")
    assert sorted(flat.segments["code"].unique()) == ["barrier", "support", "support.family"]


def test_taguette_highlights_xlsx():
    pytest.importorskip("openpyxl")
    xlsx = read_taguette(FIXTURES / "taguette_highlights.xlsx")
    csv = read_taguette(FIXTURES / "taguette_highlights.csv")
    pd.testing.assert_frame_equal(xlsx.segments, csv.segments)


def test_taguette_bad_input(tmp_path):
    bad = tmp_path / "other.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"column\(s\) \['id', 'document', 'tag', 'content'\] not found"):
        read_taguette(bad)


def test_taguette_export_past_the_byte_limit_is_refused(tmp_path, monkeypatch):
    """A highlights export over the limit is refused by size, from a path and from a file object, with the
    numbers written as people read them."""
    from mixedmethods.readers import taguette

    monkeypatch.setattr(taguette, "MAX_BYTES", 12_345)
    big = tmp_path / "highlights.csv"
    big.write_text("id,document,tag,content\n" + "1,doc,theme,word\n" * 2_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"has 34,024 bytes, over the limit of 12,345 for a highlights export"):
        read_taguette(big)
    with open(big, "rb") as fh, pytest.raises(InputError, match=r"is over the limit of 12,345 bytes for a "
                                                               r"highlights export"):
        read_taguette(fh)


def test_taguette_codes_and_segments_split_tags_alike():
    csv = io.StringIO("id,document,tag,content\n1,Ana,support.family,x\n2,Bo,support.friends,y\n3,Bo,cost,z\n")
    p = read_taguette(csv, separator=".")
    assert p.codes["code_path"].tolist() == ["cost", "support", "support / family", "support / friends"]
    assert p.codes["level"].tolist() == [0, 0, 1, 1] and p.codes["level"].dtype == "int64"
    assert p.codes["is_codable"].tolist() == [True, False, True, True]
    codable = p.codes[p.codes["is_codable"]]
    assert set(zip(p.segments["code"], p.segments["code_path"])) == set(zip(codable["code"], codable["code_path"]))


def _taguette_db(path, html, highlights):
    """A database with Taguette's tables (the columns the reader uses), one document and one tag."""
    import sqlite3

    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, name TEXT, contents TEXT, project_id INTEGER);"
        "CREATE TABLE highlights (id INTEGER PRIMARY KEY, document_id INTEGER, start_offset INTEGER,"
        " end_offset INTEGER, snippet TEXT);"
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, project_id INTEGER, path TEXT, description TEXT);"
        "CREATE TABLE highlight_tags (highlight_id INTEGER, tag_id INTEGER);"
        "INSERT INTO projects VALUES (1, 'p'); INSERT INTO tags VALUES (1, 1, 'worry', '');")
    con.execute("INSERT INTO documents VALUES (1, 'Ana', ?, 1)", (html,))
    for i, (start, end) in enumerate(highlights, 1):
        con.execute("INSERT INTO highlights VALUES (?, 1, ?, ?, '')", (i, start, end))
        con.execute("INSERT INTO highlight_tags VALUES (?, 1)", (i,))
    con.commit()
    con.close()
    return path


def test_taguette_highlight_across_paragraphs_keeps_the_break(tmp_path):
    # Taguette counts UTF-8 bytes of the text nodes only: "Il pleut. Café" is 15 bytes, "😊 Je" 8
    first, second = "Il pleut. Café froid.", "😊 Je reste ici."
    html = f"<p>{first}</p><p>{second}</p>"
    start = len("Il pleut. ".encode())
    end = len(first.encode()) + len("😊 Je".encode())
    p = read_taguette(_taguette_db(tmp_path / "t.sqlite3", html, [(start, end)]))
    # before: "Café froid.😊 Je" (the paragraphs ran together)
    assert p.segments["text"].tolist() == ["Café froid.\n😊 Je"]
    assert p.texts["1"] == first + "\n" + second
    assert p.segments[["start", "end"]].values.tolist() == [[10, 26]]
    assert p.texts["1"][10:26] == "Café froid.\n😊 Je"


def test_taguette_filtered_highlights_export_is_warned_about(tmp_path):
    # a tag page's export: only that tag (and its children), so shares would be wrong
    csv = io.StringIO("id,document,tag,content\n1,Ana,support,x\n2,Bo,support.family,y\n")
    with pytest.warns(UserWarning, match="every highlight has a tag beginning with 'support'; this may be a "
                                         "highlights export filtered by tag"):
        read_taguette(csv, separator=".")
    one_tag = io.StringIO("id,document,tag,content\n1,Ana,cost,x\n")
    with pytest.warns(UserWarning, match="filtered by tag"):
        read_taguette(one_tag)

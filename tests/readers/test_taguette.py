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


def test_taguette_codes_and_segments_split_tags_alike():
    csv = io.StringIO("id,document,tag,content\n1,Ana,support.family,x\n2,Bo,support.friends,y\n3,Bo,cost,z\n")
    p = read_taguette(csv, separator=".")
    assert p.codes["code_path"].tolist() == ["cost", "support", "support / family", "support / friends"]
    assert p.codes["level"].tolist() == [0, 0, 1, 1] and p.codes["level"].dtype == "int64"
    assert p.codes["is_codable"].tolist() == [True, False, True, True]
    codable = p.codes[p.codes["is_codable"]]
    assert set(zip(p.segments["code"], p.segments["code_path"])) == set(zip(codable["code"], codable["code_path"]))

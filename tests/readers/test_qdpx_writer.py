"""Tests of mixedmethods.readers.write_qdpx: read_qdpx(write_qdpx(x)) gives x back."""
import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods._validation import InputError, InputTypeError
from mixedmethods.readers import read_qdpx, read_taguette, write_qdpx

from ._qdpx_fixture import FIXTURES, INTEROP, TEXTS, fixture_project, make_qdpx
from .test_qdpx import MEDIA, TYPED, nvivo_project, zipped

SEGMENT_COLUMNS = ["participant", "code", "code_path", "source", "start", "end", "text", "coder", "kind"]
CODE_COLUMNS = ["code", "code_path", "parent_path", "level", "is_codable", "color", "description"]


def assert_same_project(again, first, segment_columns=SEGMENT_COLUMNS):
    pd.testing.assert_frame_equal(again.segments[segment_columns], first.segments[segment_columns])
    pd.testing.assert_frame_equal(again.codes[CODE_COLUMNS], first.codes[CODE_COLUMNS])
    pd.testing.assert_frame_equal(again.participants, first.participants)
    cols = ["source", "n_characters", "participant"]
    pd.testing.assert_frame_equal(again.sources[cols], first.sources[cols])


def test_round_trip_of_the_fixture(tmp_path):
    first = read_qdpx(make_qdpx(tmp_path / "fixture.qdpx"))
    path = write_qdpx(first, tmp_path / "again.qdpx")
    assert path == tmp_path / "again.qdpx"
    again = read_qdpx(path)
    assert_same_project(again, first)
    # GUIDs already GUID-shaped are kept: the selections, codes and codings are the same elements
    for col in ("segment", "code_id", "source_id", "coding_id"):
        assert again.segments[col].tolist() == first.segments[col].tolist()
    assert again.sets[["set", "member_type", "member"]].values.tolist() == \
        first.sets[["set", "member_type", "member"]].values.tolist()
    assert again.texts == first.texts
    assert list(first.texts.values()) == list(TEXTS.values())
    assert (again.name, again.origin, again.end_position) == ("fixture", "mixedmethods", "exclusive")
    # and the counts do not move
    pd.testing.assert_frame_equal(mm.tally(again.segments, participants=again.participants),
                                  mm.tally(first.segments, participants=first.participants))


def test_round_trip_of_the_taguette_exports(tmp_path):
    db = read_taguette(FIXTURES / "taguette_project.sqlite3", separator=".")
    again = read_qdpx(write_qdpx(db, tmp_path / "taguette.qdpx"))
    cols = ["participant", "code", "code_path", "source", "start", "end", "text"]
    pd.testing.assert_frame_equal(again.segments[cols], db.segments[cols])
    pd.testing.assert_frame_equal(again.participants, db.participants)  # Chloé, never coded, stays
    assert again.codes[["code_path", "level", "is_codable"]].values.tolist() == \
        db.codes[["code_path", "level", "is_codable"]].values.tolist()
    assert again.sources["n_characters"].tolist() == db.sources["n_characters"].tolist()
    # the highlights export has quotes but no positions: each source's text is built from its quotes
    csv = read_taguette(FIXTURES / "taguette_highlights.csv", separator=".")
    from_csv = read_qdpx(write_qdpx(csv, tmp_path / "highlights.qdpx"))
    cols = ["participant", "code", "code_path", "text"]
    pd.testing.assert_frame_equal(from_csv.segments[cols], csv.segments[cols])
    # a highlight with two tags is one selection with two codings
    assert from_csv.segments["segment"].nunique() == csv.segments["segment"].nunique() == 5


def test_round_trip_of_a_real_export(tmp_path):
    path = INTEROP / "demo_qc_export.qdpx"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    first = read_qdpx(path)
    again = read_qdpx(write_qdpx(first, tmp_path / "qc.qdpx"))
    assert_same_project(again, first)


def test_segments_table_with_participants_texts_and_codebook(tmp_path):
    texts = {"i1": "We talk about cost. Then time. Then family.", "i2": "Family first."}
    segments = pd.DataFrame({
        "respondent": ["P1", "P1", "P1", "P2"],
        "code_path": ["barrier / cost", "barrier / time", "support / family", "support / family"],
        "source": ["i1", "i1", "i1", "i2"],
        "start": [14, 25, 36, 0], "end": [18, 29, 42, 6],
    })
    # no code column: the last name of each path is the code (this table was refused: 'code' not found)
    people = pd.DataFrame({"respondent": ["P1", "P2", "P3"], "age": [30, np.nan, 41],
                           "nurse": [True, False, True], "score": [1.5, 2.25, None], "site": ["a", "b", None]})
    path = write_qdpx(segments, tmp_path / "typed.qdpx", participants=people, texts=texts,
                      codes=["support", "support / friends"], columns={"participant": "respondent"},
                      name="typed by hand")
    p = read_qdpx(path)
    assert p.name == "typed by hand"
    assert p.segments["text"].tolist() == ["cost", "time", "family", "Family"]
    assert p.segments["participant"].tolist() == ["P1", "P1", "P1", "P2"]
    assert p.segments["code"].tolist() == ["cost", "time", "family", "family"]
    # the codebook: given order first, parents as folders unless coded, unused codes kept
    codes = p.codes.set_index("code_path")
    assert codes.index.tolist() == ["support", "support / friends", "support / family", "barrier",
                                    "barrier / cost", "barrier / time"]
    assert not codes.loc["barrier", "is_codable"] and codes.loc["barrier / cost", "is_codable"]
    # attributes keep their types; missing values are left out; P3 is never coded but is a case
    part = p.participants.set_index("participant")
    assert part.index.tolist() == ["P1", "P2", "P3"]
    assert part.loc["P1", "age"] == 30 and pd.isna(part.loc["P2", "age"])
    assert part["nurse"].tolist() == [True, False, True]
    assert part.loc["P2", "score"] == 2.25 and part.loc["P1", "site"] == "a"
    # every count equals the count on the table given
    pd.testing.assert_frame_equal(
        mm.tally(p.segments, participants=p.participants)[["code_path", "n_participants", "n_segments"]],
        mm.tally(segments, participants=people, columns={"participant": "respondent"})[
            ["code_path", "n_participants", "n_segments"]])


def test_a_source_shared_by_participants_keeps_each_span_with_its_speaker(tmp_path):
    group = "Ana: it costs. Bo: no time. Ana: family helps."
    segments = pd.DataFrame({"participant": ["Ana", "Bo", "Ana"], "code": ["cost", "time", "family"],
                             "source": ["focus group"] * 3,
                             "start": [5, 19, 33], "end": [13, 26, 45]})
    p = read_qdpx(write_qdpx(segments, tmp_path / "group.qdpx", texts={"focus group": group}))
    assert p.segments[["participant", "code", "text"]].values.tolist() == [
        ["Ana", "cost", "it costs"], ["Bo", "time", "no time"], ["Ana", "family", "family helps"]]
    assert p.sources["participant"].tolist() == ["Ana; Bo"]


def test_never_overwrites_unless_asked(tmp_path):
    path = tmp_path / "x.qdpx"
    path.write_bytes(b"precious")
    segments = pd.DataFrame({"participant": ["a"], "code": ["x"], "text": ["hello"]})
    with pytest.raises(FileExistsError, match="x.qdpx exists; pass overwrite=True"):
        write_qdpx(segments, path)
    assert path.read_bytes() == b"precious"
    write_qdpx(segments, path, overwrite=True)
    assert read_qdpx(path).segments["text"].tolist() == ["hello"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.qdpx"]  # no temporary file left behind


def test_same_input_same_file(tmp_path):
    project = fixture_project()
    a = write_qdpx(project, tmp_path / "a.qdpx")
    b = write_qdpx(project, tmp_path / "b.qdpx")
    with zipfile.ZipFile(a) as za, zipfile.ZipFile(b) as zb:
        assert za.namelist() == zb.namelist()
        assert all(za.read(n) == zb.read(n) for n in za.namelist())


def test_bad_input(tmp_path):
    segments = pd.DataFrame({"participant": ["a"], "code": ["x"], "source": ["s"], "start": [0], "end": [50]})
    with pytest.raises(InputError, match="source 's' has no text: give it in texts="):
        write_qdpx(segments, tmp_path / "a.qdpx")
    with pytest.raises(InputError, match="is outside its text"):
        write_qdpx(segments, tmp_path / "a.qdpx", texts={"s": "short"})
    with pytest.raises(InputError, match=r"\['a'\] are coded in segments but missing from participants"):
        write_qdpx(segments, tmp_path / "a.qdpx", texts={"s": "x" * 60},
                   participants=pd.DataFrame({"participant": ["b"]}))
    with pytest.raises(InputTypeError, match="QDAProject or a segments DataFrame"):
        write_qdpx([1, 2], tmp_path / "a.qdpx")
    assert not (tmp_path / "a.qdpx").exists()


def test_written_file_follows_the_refi_qda_schema(tmp_path):
    """Validated against REFI-QDA-Project-1.0.xsd (in shared/interop) with lxml."""
    from lxml import etree

    xsd = INTEROP / "REFI-QDA-Project-1.0.xsd"
    if not xsd.exists():  # the schema sits beside the repository (shared/), not inside it
        pytest.skip(f"{xsd} is absent")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    for project in (fixture_project(), read_taguette(FIXTURES / "taguette_project.sqlite3", separator=".")):
        path = write_qdpx(project, tmp_path / "x.qdpx", overwrite=True)
        with zipfile.ZipFile(path) as zf:
            doc = etree.fromstring(zf.read("project.qde"))
        schema.assertValid(doc)


def test_exported_at_top_level():
    assert mm.write_qdpx is write_qdpx


# ----------------------------------------------------------------------------- what the reader fixes added
def _round_trip(tmp_path, first, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the sources in no Case are said once, when first read
        return read_qdpx(write_qdpx(first, tmp_path / name))


def test_round_trip_of_cases_typed_variables_and_document_sets(tmp_path):
    with pytest.warns(UserWarning, match="belong to no Case"):
        first = read_qdpx(zipped(tmp_path / "cases.qdpx", TYPED))
    again = _round_trip(tmp_path, first, "again.qdpx")
    pd.testing.assert_frame_equal(again.participants, first.participants)  # Int64, boolean, datetime, sets
    assert_same_project(again, first)
    cols = ["set", "attribute", "value", "member_type", "member"]
    pd.testing.assert_frame_equal(again.sets[cols], first.sets[cols])


def test_round_trip_of_media_selections_and_notes(tmp_path):
    first = read_qdpx(zipped(tmp_path / "media.qdpx", MEDIA))
    again = _round_trip(tmp_path, first, "again.qdpx")
    cols = [*SEGMENT_COLUMNS, "page", "first_x", "first_y", "second_x", "second_y", "begin_ms", "end_ms"]
    pd.testing.assert_frame_equal(again.segments[cols], first.segments[cols])
    assert again.sources[["source", "kind", "path"]].values.tolist() == \
        first.sources[["source", "kind", "path"]].values.tolist()
    cols = ["note", "text", "coder", "target_type", "target"]
    pd.testing.assert_frame_equal(again.notes[cols], first.notes[cols])


def test_round_trip_of_utf16_offsets(tmp_path):
    first = read_qdpx(nvivo_project(tmp_path))
    again = _round_trip(tmp_path, first, "again.qdpx")
    assert_same_project(again, first)
    # written as the specification counts (code points), so read back as code points
    assert again.sources["offsets"].tolist() == ["code points", "code points"]


def test_new_fields_follow_the_refi_qda_schema(tmp_path):
    from lxml import etree

    xsd = INTEROP / "REFI-QDA-Project-1.0.xsd"
    if not xsd.exists():
        pytest.skip(f"{xsd} is absent")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        projects = [read_qdpx(zipped(tmp_path / "cases.qdpx", TYPED)), read_qdpx(zipped(tmp_path / "m.qdpx", MEDIA)),
                    read_qdpx(nvivo_project(tmp_path))]
    for i, project in enumerate(projects):
        path = write_qdpx(project, tmp_path / f"x{i}.qdpx")
        with zipfile.ZipFile(path) as zf:
            schema.assertValid(etree.fromstring(zf.read("project.qde")))

"""Tests of mixedmethods.readers.read_qdpx: the fixture project, what real exports do (NVivo's UTF-16
offsets and Sources/, Cases, typed variables, media selections, notes, document sets, other .qde
names; each on a file built here), other tools' exports, hostile files."""
import io
import math
import os
import re
import zipfile

import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods._validation import InputError
from mixedmethods.readers import read_qdpx, read_taguette
from mixedmethods.themes import crosstab, tally

from ._qdpx_fixture import INTEROP, NS, QUOTES, TEXTS, make_qdpx


@pytest.fixture
def project(tmp_path):
    return read_qdpx(make_qdpx(tmp_path / "fixture.qdpx"))


def test_fixture_codes_hierarchy_folder_colour(project):
    codes = project.codes.set_index("code_path")
    assert codes.index.tolist() == ["Barriers", "Barriers / Time", "Barriers / Cost",
                                    "Barriers / Cost / Hidden fees", "Support", "Support / Family"]
    assert not codes.loc["Barriers", "is_codable"] and codes["is_codable"].sum() == 5
    assert codes.loc["Barriers", "color"] == "#D55E00"
    assert codes.loc["Barriers / Cost / Hidden fees", ["level", "parent_path"]].tolist() == [2, "Barriers / Cost"]
    assert codes.loc["Barriers / Cost", "description"] == "Money, prices"


def test_fixture_segments_quotes_in_code_points(project):
    seg = project.segments
    assert project.end_position == "exclusive"
    assert len(seg) == 7  # 5 selections with 6 codings + 1 whole-source coding
    for sel, (src, quote, code_ids) in QUOTES.items():
        rows = seg[seg["text"] == quote]  # the selection's GUID is made by write_qdpx
        assert rows["text"].tolist() == [quote] * len(code_ids)
        start = TEXTS[src].index(quote)
        assert rows["start"].tolist() == [start] * len(code_ids)
    ana = seg[seg["text"] == QUOTES["sel-ana-1"][1]]
    assert ana["segment"].nunique() == 1  # one span, two codes: one selection
    # "Entrevista 😊: j'ai peur du " is 27 code points (the emoji counts once)
    assert ana["start"].iloc[0] == 27 and ana["end"].iloc[0] == 57
    whole = seg[seg["kind"] == "whole source"]
    assert whole[["participant", "code_path"]].values.tolist() == [["Dmitri", "Support"]]
    assert whole["start"].isna().all() and whole["text"].isna().all()
    assert set(seg.loc[seg["participant"] == "Ana", "coder"]) == {"Zoé"}
    assert whole["coder"].iloc[0] == "Lin"


def test_fixture_inclusive_end_positions_are_detected(tmp_path, project):
    inclusive = read_qdpx(make_qdpx(tmp_path / "inclusive.qdpx", inclusive=True))
    assert inclusive.end_position == "inclusive"
    pd.testing.assert_frame_equal(inclusive.segments, project.segments)
    # forcing the wrong reading gives quotes one character short
    with pytest.warns(UserWarning, match="quotes start or end inside words .'ana.txt': 2 of 4 starts and ends"):
        forced = read_qdpx(tmp_path / "inclusive.qdpx", end_position="exclusive")
    assert forced.segments.loc[forced.segments["code"] == "Time", "text"].iloc[0] == "Le temps manqu"


def test_fixture_participants_attributes_and_sets(project):
    part = project.participants.set_index("participant")
    assert part.index.tolist() == ["Ana", "Bruno", "Chloé", "Dmitri"]
    assert part["gender"].tolist() == ["woman", "man", "woman", "man"]
    assert part["age"].tolist() == [34, 51, 29, 40]
    assert part.loc["Ana", "sector"] == "public" and part.loc["Dmitri", "sector"] == "private"
    assert pd.isna(part.loc["Chloé", "sector"])
    sets = project.sets
    assert sets.loc[sets["set"] == "to reread", "member"].tolist() == ["Barriers / Time"]
    assert project.sources.set_index("source")["participant"].to_dict() == {
        "ana.txt": "Ana", "bruno.txt": "Bruno", "chloe.txt": "Chloé", "dmitri.txt": "Dmitri"}
    assert project.sources["n_characters"].tolist() == [len(t) for t in TEXTS.values()]


def test_fixture_tally_hand_computed(project):
    res = tally(project.segments, participants=project.participants, sample="probability").set_index("code_path")
    # Hand count, 4 participants (Chloé never coded) so every denominator is 4:
    #   Barriers (folder): Ana (cost+fees span, time), Dmitri (cost) -> 2 participants;
    #     segments: Ana's cost/fees span (one span, two codes), Ana's time, Dmitri's cost -> 3
    #   Barriers / Cost: Ana (via Hidden fees too, counted once), Dmitri -> 2; segments 2
    #   Barriers / Cost / Hidden fees: Ana -> 1; Barriers / Time: Ana -> 1
    #   Support: Bruno (Family twice), Dmitri (whole source) -> 2; segments 2 + 1 = 3
    #   Support / Family: Bruno -> 1 participant, 2 segments
    expected = {
        "Barriers": (2, 3, 2), "Barriers / Cost": (2, 2, 2), "Barriers / Cost / Hidden fees": (1, 1, 1),
        "Barriers / Time": (1, 1, 1), "Support": (2, 3, 2), "Support / Family": (1, 2, 1),
    }
    got = {k: tuple(int(v) for v in row) for k, row in
           res[["n_participants", "n_segments", "n_sources"]].iterrows()}
    assert got == expected
    assert (res["denominator"] == 4).all()
    assert res.loc["Support", "prevalence"] == 0.5
    # Wilson score interval by hand, z = 1.959964: centre (p + z²/2n) / (1 + z²/n), half-width
    # z sqrt(p(1-p)/n + z²/4n²) / (1 + z²/n); the interval of R's prop.test(x, n, correct = FALSE).
    # 2 of 4: centre 0.5, half-width 0.349961 -> 0.150039, 0.849961
    assert res.loc["Support", ["ci_low", "ci_high"]].tolist() == pytest.approx([0.15004, 0.84996], abs=1e-5)
    # 1 of 4: centre 0.372473, half-width 0.326885 -> 0.045587, 0.699358
    assert res.loc["Support / Family", ["ci_low", "ci_high"]].tolist() == pytest.approx(
        [0.0455873, 0.6993582], abs=1e-7)


def test_fixture_crosstab_hand_computed(project):
    res = crosstab(project.segments, participants=project.participants, between="gender").set_index(["code_path", "group"])
    # gender: man = Bruno, Dmitri (2); woman = Ana, Chloé (2)
    # Support: man 2 of 2, woman 0 of 2 -> table [[2, 0], [0, 2]]
    #   Fisher: P(x) = C(2,x) C(2,2-x) / C(4,2) -> 1/6, 4/6, 1/6; p = 1/6 + 1/6 = 1/3
    #   Pearson X2 = N (ad - bc)^2 / (r1 r2 c1 c2) = 4 * 16 / 16 = 4, V = sqrt(4 / 4) = 1
    sup = res.loc["Support"]
    assert sup["n_participants"].tolist() == [2, 0]
    assert sup["denominator"].tolist() == [2, 2]
    assert sup["test"].iloc[0] == "fisher"
    assert sup["p"].iloc[0] == pytest.approx(1 / 3)
    assert sup["chi_square"].iloc[0] == pytest.approx(4.0)
    assert sup["statistic"].isna().all()  # the row carries Fisher's test, which has no statistic
    assert sup["cramers_v"].iloc[0] == pytest.approx(1.0)
    # Barriers: man 1 (Dmitri), woman 1 (Ana) -> [[1, 1], [1, 1]]: X2 = 0, p = 1
    bar = res.loc["Barriers"]
    assert bar["n_participants"].tolist() == [1, 1]
    assert bar["p"].iloc[0] == pytest.approx(1.0) and bar["cramers_v"].iloc[0] == 0
    # Support / Family: man 1 of 2, woman 0 of 2 -> X2 = 4 * (1*2 - 1*0)^2 / (2*2*1*3) = 4/3
    fam = res.loc["Support / Family"]
    assert fam["chi_square"].iloc[0] == pytest.approx(4 / 3)
    assert fam["cramers_v"].iloc[0] == pytest.approx(math.sqrt(1 / 3))
    assert fam["p"].iloc[0] == pytest.approx(1.0)
    # by sector: Chloé has none and is left out with a warning
    with pytest.warns(UserWarning, match="1 participant"):
        crosstab(project.segments, participants=project.participants, between="sector")


def test_anonymous_cases_and_source_variables(tmp_path):
    qde = f"""<Project xmlns="{NS}" name="anon">
<CodeBook><Codes><Code guid="c1" name="worry" isCodable="true"/></Codes></CodeBook>
<Variables><Variable guid="v1" name="role" typeOfVariable="Text"/></Variables>
<Cases><Case guid="k1"><VariableValue><VariableRef targetGUID="v1"/><TextValue>nurse</TextValue></VariableValue>
<SourceRef targetGUID="s1"/></Case></Cases>
<Sources>
<TextSource guid="s1" name="Eve"><PlainTextContent>I worry.</PlainTextContent>
<PlainTextSelection guid="x1" startPosition="2" endPosition="7"><Coding guid="k"><CodeRef targetGUID="c1"/></Coding></PlainTextSelection></TextSource>
<TextSource guid="s2" name="Finn"><PlainTextContent>Fine.</PlainTextContent>
<VariableValue><VariableRef targetGUID="v1"/><TextValue>doctor</TextValue></VariableValue></TextSource>
</Sources>
<Sets><Set guid="set-1" name="sector: private"><MemberSource guid="s2"/></Set></Sets></Project>"""
    path = tmp_path / "anon.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", qde)
    p = read_qdpx(path)
    assert p.participants.set_index("participant")["role"].to_dict() == {"Eve": "nurse", "Finn": "doctor"}
    # a set member given by ``guid`` (as in codebook files) rather than ``targetGUID``
    assert p.participants.set_index("participant")["sector"].fillna("none").to_dict() == {"Eve": "none",
                                                                                          "Finn": "private"}
    assert p.segments[["participant", "text"]].values.tolist() == [["Eve", "worry"]]
    # a bare project.qde reads too
    (tmp_path / "project.qde").write_text(qde, encoding="utf-8")
    assert read_qdpx(tmp_path / "project.qde").segments["text"].tolist() == ["worry"]


# ----------------------------------------------------------------------------- what real exports do
CODEBOOK = ('<CodeBook><Codes><Code guid="c1" name="place" isCodable="true"/>'
            '<Code guid="c2" name="feeling" isCodable="true"/></Codes></CodeBook>')


def utf16(text):
    """NVivo's count: UTF-16 code units (a character beyond U+FFFF counts twice)."""
    return len(text.encode("utf-16-le")) // 2


def zipped(path, qde, members=(), qde_name="project.qde"):
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(qde_name, qde)
        for name, data in members:
            zf.writestr(name, data)
    return path


def selection(guid, start, end, code="c1", extra=""):
    return (f'<PlainTextSelection guid="{guid}" startPosition="{start}" endPosition="{end}">'
            f'<Coding guid="k{guid}"><CodeRef targetGUID="{code}"/></Coding>{extra}</PlainTextSelection>')


# ----------------------------------------------------------------------------- UTF-16 offsets (NVivo)
# an emoji and a rare CJK ideograph (beyond U+FFFF: two UTF-16 units), common CJK (one unit),
# and "e" + combining acute accent (two code points, two units)
NVIVO_TEXT = ("Entretien 😊 : je vis à 東京 près de 𠮷野家. Le cafe\u0301 me plaît 🎉 beaucoup, "
              "vraiment. Fin 👍 du texte")
NVIVO_QUOTES = ["東京", "𠮷野家", "cafe\u0301", "beaucoup", "vraiment", "texte"]


def nvivo_project(tmp_path, text=NVIVO_TEXT, quotes=NVIVO_QUOTES, count=utf16):
    selections = "".join(
        selection(f"x{i}", count(text[:text.index(q)]), count(text[:text.index(q) + len(q)]))
        for i, q in enumerate(quotes))
    plain = "Plain text, no emoji: only these words."
    qde = (f'<Project xmlns="{NS}" name="nvivo" origin="NVivo for Mac 15.0.0">{CODEBOOK}<Sources>'
           f'<TextSource guid="s1" name="Interview" plainTextPath="internal://s1.txt">{selections}</TextSource>'
           f'<TextSource guid="s2" name="Other" plainTextPath="internal://s2.txt">'
           f'{selection("y1", plain.index("only"), plain.index("only") + 4)}</TextSource></Sources></Project>')
    return zipped(tmp_path / "nvivo.qdpx", qde, [("sources/s1.txt", text.encode()), ("sources/s2.txt", plain)])


def test_utf16_offsets_are_detected_per_source(tmp_path):
    # before: every quote after the first emoji shifted ("東京" read as " 東"), and the last one
    # ("texte", ending at the very end in UTF-16 units) overran the text: the file was refused
    p = read_qdpx(nvivo_project(tmp_path))
    seg = p.segments
    assert seg.loc[seg["source"] == "Interview", "text"].tolist() == NVIVO_QUOTES
    starts = [NVIVO_TEXT.index(q) for q in NVIVO_QUOTES]  # returned in code points
    assert seg.loc[seg["source"] == "Interview", "start"].tolist() == starts
    assert seg.loc[seg["source"] == "Other", "text"].tolist() == ["only"]
    assert p.sources.set_index("source")["offsets"].to_dict() == {"Interview": "utf-16", "Other": "code points"}
    assert p.end_position == "exclusive"


def test_code_point_offsets_stay_code_points(tmp_path):
    p = read_qdpx(nvivo_project(tmp_path, count=len))
    assert p.segments.loc[p.segments["source"] == "Interview", "text"].tolist() == NVIVO_QUOTES
    assert p.sources["offsets"].tolist() == ["code points", "code points"]


def test_a_warning_when_no_reading_fits(tmp_path):
    text = "alpha beta gamma delta epsilon zeta eta theta"
    qde = (f'<Project xmlns="{NS}" name="x">{CODEBOOK}<Sources><TextSource guid="s1" name="Odd">'
           f'<PlainTextContent>{text}</PlainTextContent>'
           f'{selection("a", 2, 8)}{selection("b", 13, 19)}{selection("c", 25, 32)}</TextSource></Sources></Project>')
    with pytest.warns(UserWarning, match=r"no reading of the positions fits the text of 1 source.*'Odd': "
                                         r"6 of 6 starts and ends"):
        p = read_qdpx(zipped(tmp_path / "odd.qdpx", qde))
    assert p.sources["offsets"].tolist() == ["code points"]  # what it guessed is said


# ----------------------------------------------------------------------------- archive paths, missing texts
def test_capital_sources_folder_and_missing_texts_are_named(tmp_path):
    qde = (f'<Project xmlns="{NS}" name="win" origin="NVivo 14">{CODEBOOK}<Sources>'
           f'<TextSource guid="s1" name="Found" plainTextPath="internal://s1.txt">{selection("a", 0, 5)}</TextSource>'
           f'<TextSource guid="s2" name="Lost" plainTextPath="internal://s2.txt"/>'
           f'<TextSource guid="s3" name="Outside" plainTextPath="relative://../s3.txt"/></Sources></Project>')
    # before: the text under Sources/ was not found, the quote was missing and nothing was said
    with pytest.warns(UserWarning, match=r"the text of 2 source\(s\) is not in the file: 'Lost', 'Outside'"):
        p = read_qdpx(zipped(tmp_path / "win.qdpx", qde, [("Sources/s1.txt", "Hello world")]))
    assert p.segments["text"].tolist() == ["Hello"]


def test_any_single_qde_name(tmp_path):
    qde = f'<Project xmlns="{NS}" name="Trial" origin="ATLAS.ti">{CODEBOOK}</Project>'
    p = read_qdpx(zipped(tmp_path / "atlas.qdpx", qde, qde_name="Trial.qde"))
    assert p.name == "Trial" and len(p.codes) == 2


# ----------------------------------------------------------------------------- Cases, variables, sets
TYPED = f"""<Project xmlns="{NS}" name="cases">{CODEBOOK}
<Variables><Variable guid="v1" name="age" typeOfVariable="Integer"/>
<Variable guid="v2" name="nurse" typeOfVariable="Boolean"/><Variable guid="v3" name="since" typeOfVariable="Date"/>
<Variable guid="v4" name="score" typeOfVariable="Float"/><Variable guid="v5" name="city" typeOfVariable="Text"/></Variables>
<Cases><Case guid="k1" name="Ana">
<VariableValue><VariableRef targetGUID="v1"/><IntegerValue>34</IntegerValue></VariableValue>
<VariableValue><VariableRef targetGUID="v2"/><BooleanValue>true</BooleanValue></VariableValue>
<VariableValue><VariableRef targetGUID="v3"/><DateValue>2020-03-01</DateValue></VariableValue>
<VariableValue><VariableRef targetGUID="v4"/><FloatValue>2.5</FloatValue></VariableValue>
<VariableValue><VariableRef targetGUID="v5"/><TextValue>Lyon</TextValue></VariableValue>
<SourceRef targetGUID="s1"/></Case>
<Case guid="k2" name="Bo"><VariableValue><VariableRef targetGUID="v5"/><TextValue>Oslo</TextValue></VariableValue>
<SourceRef targetGUID="s2"/></Case></Cases>
<Sources><TextSource guid="s1" name="ana.txt"><PlainTextContent>I live here.</PlainTextContent>{selection("a", 2, 6)}</TextSource>
<TextSource guid="s2" name="bo.txt"><PlainTextContent>Fine.</PlainTextContent></TextSource>
<TextSource guid="s3" name="memo.txt"><PlainTextContent>Team notes.</PlainTextContent>{selection("m", 0, 4, "c2")}</TextSource>
<TextSource guid="s4" name="draft.txt"><PlainTextContent>Draft.</PlainTextContent></TextSource></Sources>
<Sets><Set guid="g1" name="Group A"><MemberSource targetGUID="s1"/></Set>
<Set guid="g2" name="city"><MemberSource targetGUID="s2"/></Set></Sets></Project>"""


def test_cases_are_the_participants_and_variables_keep_their_types(tmp_path):
    # before: memo.txt and draft.txt (in no Case) were participants too (4, not 2), and age came back as 34.0
    with pytest.warns(UserWarning, match=r"2 source\(s\) belong to no Case and are not counted: 'memo.txt', "
                                         r"'draft.txt' \(1 coding\(s\) left out"):
        p = read_qdpx(zipped(tmp_path / "cases.qdpx", TYPED))
    part = p.participants.set_index("participant")
    assert part.index.tolist() == ["Ana", "Bo"]
    assert str(part["age"].dtype) == "Int64" and part.loc["Ana", "age"] == 34 and pd.isna(part.loc["Bo", "age"])
    assert str(part["nurse"].dtype) == "boolean" and bool(part.loc["Ana", "nurse"])
    assert part.loc["Ana", "since"] == pd.Timestamp("2020-03-01") and str(part["since"].dtype).startswith("datetime64")
    assert part["score"].dtype == "float64" and part.loc["Ana", "score"] == 2.5
    assert part["city"].tolist() == ["Lyon", "Oslo"]
    # a document set (ATLAS.ti document group, MAXQDA set) is a True/False attribute; named like a
    # variable, it gets a "set: " prefix
    assert part["Group A"].tolist() == [True, False] and part["set: city"].tolist() == [False, True]
    assert p.segments["participant"].tolist() == ["Ana"]
    assert p.sources.set_index("source")["participant"].to_dict() == {
        "ana.txt": "Ana", "bo.txt": "Bo", "memo.txt": "", "draft.txt": ""}
    res = mm.tally(p.segments, participants=p.participants)
    assert res["denominator"].tolist() == [2]  # the project has 2 Cases
    table = mm.crosstab(p.segments, participants=p.participants, between="Group A")
    assert table["n_participants"].tolist() == [0, 1]


# ----------------------------------------------------------------------------- media selections, notes
MEDIA = f"""<Project xmlns="{NS}" name="media">{CODEBOOK}<Sources>
<PDFSource guid="p1" name="report" path="internal://p1.pdf">
<PDFSelection guid="ps" page="3" firstX="10" firstY="20" secondX="110" secondY="220">
<Representation guid="pr"><PlainTextContent>waiting lists</PlainTextContent></Representation>
<Coding guid="kp"><CodeRef targetGUID="c1"/></Coding></PDFSelection></PDFSource>
<PictureSource guid="i1" name="photo" path="internal://i1.jpg">
<PictureSelection guid="is" firstX="1" firstY="2" secondX="30" secondY="40"><Coding guid="ki"><CodeRef targetGUID="c2"/></Coding>
<NoteRef targetGUID="n2"/></PictureSelection></PictureSource>
<AudioSource guid="a1" name="call" path="internal://a1.m4a">
<AudioSelection guid="as" begin="1500" end="4200"><Coding guid="ka"><CodeRef targetGUID="c2"/><NoteRef targetGUID="n2"/></Coding></AudioSelection></AudioSource>
<VideoSource guid="v1" name="clip" path="internal://v1.mp4">
<VideoSelection guid="vs" begin="0" end="999"><Coding guid="kv"><CodeRef targetGUID="c1"/></Coding></VideoSelection>
<NoteRef targetGUID="n1"/></VideoSource></Sources>
<Notes><Note guid="n1" name="About the clip"><PlainTextContent>Shaky camera.</PlainTextContent></Note>
<Note guid="n2" name="Tone"><PlainTextContent>Angry?</PlainTextContent></Note>
<Note guid="n3" name="Free memo"><PlainTextContent>Ideas.</PlainTextContent></Note></Notes></Project>"""


def test_media_selections_keep_text_coordinates_and_time_spans(tmp_path):
    p = read_qdpx(zipped(tmp_path / "media.qdpx", MEDIA))
    seg = p.segments.set_index("kind")
    assert seg.loc["pdf", "text"] == "waiting lists"  # before: missing
    assert seg.loc["pdf", ["page", "first_x", "first_y", "second_x", "second_y"]].tolist() == [3, 10, 20, 110, 220]
    assert seg.loc["picture", ["first_x", "second_y"]].tolist() == [1, 40] and pd.isna(seg.loc["picture", "page"])
    assert seg.loc["audio", ["begin_ms", "end_ms"]].tolist() == [1500, 4200]
    assert seg.loc["video", ["begin_ms", "end_ms"]].tolist() == [0, 999]
    assert str(p.segments["begin_ms"].dtype) == "Int64"


def test_notes_are_a_table_linked_to_what_they_annotate(tmp_path):
    p = read_qdpx(zipped(tmp_path / "media.qdpx", MEDIA))
    notes = p.notes[["note", "text", "target_type", "target_id", "target"]].astype(object)
    notes = notes.where(notes.notna(), None).values.tolist()
    assert notes == [["About the clip", "Shaky camera.", "source", "v1", "clip"],
                     ["Tone", "Angry?", "selection", "is", "photo"],
                     ["Tone", "Angry?", "coding", "ka", "call"],
                     ["Free memo", "Ideas.", None, None, None]]


# ----------------------------------------------------------------------------- other tools' exports
INTEROP_EXPECTED = {  # from ../shared/interop/README.md
    # file: (codes, codable codes, codes with children, sources, text selections, codings)
    "nvivo_project.qdpx": (262, 262, 58, 2, 0, 0),
    "demo_qc_export.qdpx": (262, 262, None, 2, 158, 205),
    "target-atlas-project.qdpx": (3, 3, 1, 0, 0, 0),
}


@pytest.mark.parametrize("name", sorted(INTEROP_EXPECTED))
def test_real_exports_match_interop_readme(name):
    path = INTEROP / name
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/interop is only beside the project's own checkout)")
    n_codes, n_codable, n_parents, n_sources, n_selections, n_codings = INTEROP_EXPECTED[name]
    p = read_qdpx(path)
    assert len(p.codes) == n_codes
    assert int(p.codes["is_codable"].sum()) == n_codable
    if n_parents is not None:
        assert p.codes["parent_path"].dropna().nunique() == n_parents
    assert len(p.sources) == n_sources
    assert len(p.segments) == n_codings
    assert p.segments["segment"].nunique() == n_selections


def test_qc_export_quotes_and_counts():
    path = INTEROP / "demo_qc_export.qdpx"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    p = read_qdpx(path)
    assert p.end_position == "exclusive"  # qc writes Python slice ends: every quote ends with "\n"
    assert p.segments["text"].str.endswith("\n").all()
    first = p.segments.iloc[0]
    assert first["text"] == "This district goal is engage every student in joyful, purposeful learning that \n"
    assert (first["start"], first["end"]) == (320, 400)
    res = tally(p.segments, participants=p.participants)
    # all 205 codings are in board_2017; admin-1 is never coded: denominator 2
    assert (res["denominator"] == 2).all()
    assert res["n_participants"].max() == 1


def test_missing_file_is_named_by_both_readers(tmp_path):
    for reader in (read_qdpx, read_taguette):
        with pytest.raises(FileNotFoundError, match="absent.csv: no such file"):
            reader(tmp_path / "absent.csv")
    with pytest.raises(TypeError, match="path must be a file path"):
        read_taguette(3)


# ----------------------------------------------------------------------------- hostile files
def test_not_a_zip(tmp_path):
    path = tmp_path / "x.qdpx"
    path.write_bytes(b"hello, not a project")
    with pytest.raises(InputError, match="is not a zip archive"):
        read_qdpx(path)


def test_missing_project_qde(tmp_path):
    path = tmp_path / "x.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("sources/a.txt", "hi")
    with pytest.raises(InputError, match="has no project.qde"):
        read_qdpx(path)


def test_member_outside_archive_is_refused_and_nothing_written(tmp_path):
    inner = tmp_path / "work"
    inner.mkdir()
    path = make_qdpx(inner / "slip.qdpx", extra_members=[("../x", b"escaped"), ("sources/ok.txt", b"")])
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(InputError, match=r"member '\.\./x' points outside the archive"):
        read_qdpx(path)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert not (tmp_path / "x").exists()
    abs_path = make_qdpx(inner / "abs.qdpx", extra_members=[("/etc/evil", b"x")])
    with pytest.raises(InputError, match="outside the archive"):
        read_qdpx(abs_path)


def test_entity_bomb_is_refused_quickly(tmp_path):
    bomb = ('<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
            + f']><Project xmlns="{NS}" name="&i;"/>')
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", bomb)
    with pytest.raises(InputError, match="declares entities"):
        read_qdpx(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "latin-1"])
def test_entity_bomb_is_refused_in_any_encoding(tmp_path, encoding):
    # UTF-8 XML without a DOCTYPE goes to the fast C parser; anything else to defusedxml
    declared = "iso-8859-1" if encoding == "latin-1" else encoding.split("-sig")[0]
    bomb = (f'<?xml version="1.0" encoding="{declared}"?><!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
            f'<!ENTITY b "&a;&a;&a;&a;">]><Project xmlns="{NS}" name="&b;"/>')
    path = tmp_path / "bomb.qdpx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.qde", bomb.encode(encoding))
    with pytest.raises(InputError, match="declares entities"):
        read_qdpx(path)


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "zipbomb.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", b"<Project " + b" " * (50 * 2**20) + b"/>")
    assert os.path.getsize(path) < 200_000
    with pytest.raises(InputError, match="likely zip bomb"):
        read_qdpx(path)
    # a byte cap below the project's size stops it too
    with pytest.raises(InputError, match="over the limit of 1,000 bytes"):
        read_qdpx(make_qdpx(tmp_path / "small.qdpx"), max_bytes=1000)
    with pytest.raises(InputError, match="holds 5 members, over the limit of 2"):
        read_qdpx(tmp_path / "small.qdpx", max_members=2)


def test_malformed_xml_and_missing_code(tmp_path):
    with pytest.raises(InputError, match="malformed XML"):
        read_qdpx(make_qdpx(tmp_path / "bad.qdpx", qde_override="<Project><Oops></Project>"))
    good = make_qdpx(tmp_path / "good.qdpx")
    with zipfile.ZipFile(good) as zf:
        qde = zf.read("project.qde").decode("utf-8")
    time_code = re.search(r'<Code guid="([^"]+)" name="Time" isCodable="true" />', qde)
    broken = qde.replace(time_code.group(0), "")
    coding = re.search(r'<Coding guid="([^"]+)"[^>]*><CodeRef targetGUID="' + time_code.group(1), qde).group(1)
    with pytest.raises(InputError, match=f"coding '{coding}' in source 'ana.txt' refers to code '{time_code.group(1)}'"):
        read_qdpx(make_qdpx(tmp_path / "broken.qdpx", qde_override=broken))
    with pytest.raises(InputError, match="root element is <Codebook>"):
        read_qdpx(make_qdpx(tmp_path / "cb.qdpx", qde_override=f'<Codebook xmlns="{NS}"/>'))


def test_file_object_input(tmp_path):
    data = make_qdpx(tmp_path / "f.qdpx").read_bytes()
    p = read_qdpx(io.BytesIO(data))
    assert len(p.segments) == 7

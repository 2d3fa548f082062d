"""Tests of mixedmethods.readers.read_qdpx: the fixture project, other tools' exports, hostile files."""
import io
import math
import os
import re
import zipfile

import pandas as pd
import pytest

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
    res = tally(project.segments, participants=project.participants).set_index("code_path")
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


def test_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "zipbomb.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.qde", b"<Project " + b" " * (50 * 2**20) + b"/>")
    assert os.path.getsize(path) < 200_000
    with pytest.raises(InputError, match="likely zip bomb"):
        read_qdpx(path)
    # a byte cap below the project's size stops it too
    with pytest.raises(InputError, match="over the limit of 1000 bytes"):
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

"""The Norwegian meta-synthesis (Part III): data and reproduction against hand counts from the seed.

Reference: ../shared/seeds/004_23c2ae73c0c27eaf.txt (Klevan, Sommer et al. 2021,
Int. J. Environ. Res. Public Health 18, 13180), section 2.2, section 3 and Table A1.
Every expected number below was counted by hand from that text.
"""
import re

import pandas as pd
import pytest

from mixedmethods.studies import list_studies, load_study, reproduce_study
from mixedmethods.studies import norway_metasynthesis as no
from mixedmethods.themes import tally

SEED = "004_23c2ae73c0c27eaf.txt"


@pytest.fixture(scope="module")
def report():
    return reproduce_study("norway")


def test_registered():
    assert "norway" in list_studies()


def test_flow_counts_and_arithmetic():
    # "A total of 145 papers were submitted." ... "resulting in the final selection of 95 empirically
    # oriented papers" ... "Of the set of 74 papers judged to be appropriate ... there were 28 papers
    # in the areas of recovery as personal and/or contextual experiences and as processual ... and 46
    # papers in the area of recovery-oriented services and practices. ... only retained 28 papers"
    # "The major reasons for the exclusion of 18 papers were ..."
    flow = no.flow_table()
    assert flow["n"].tolist() == [145, 95, 74, 46, 28]
    assert flow["leaving"].tolist()[:4] == [50, 21, 28, 18]
    # counts leaving are stated only for 74 -> 46 (the 28 of Parts I and II) and 46 -> 28 (18 excluded)
    assert flow["n_stated"].isna().tolist() == [True, True, False, False, True]
    assert flow["adds_up"].tolist()[2:4] == [True, True]
    assert flow["adds_up"].isna().tolist() == [True, True, False, False, True]


def test_flow_reasons_say_which_counts_are_not_stated():
    reasons = no.flow_table()["reason"].tolist()
    assert reasons[0].startswith("count not in the text (difference of the stages); core group review")
    assert reasons[1] == "count not in the text (difference of the stages); no reason stated"
    assert reasons[3].startswith("count stated in the text; not on recovery-oriented services")
    assert reasons[4] is None


def test_table_a1_transcription():
    a1 = load_study("norway")["table_a1"]
    assert len(a1) == 28 and a1["row"].tolist() == list(range(1, 29))
    # printed labels as in the text: [59]. then [59]; [63] twice; [6] is Davidson et al.'s 2010 book
    assert a1["printed_label"].tolist()[9:11] == ["[59].", "[59]"]
    assert (a1["printed_label"] == "[63]").sum() == 2 and "[6]" in a1["printed_label"].tolist()
    # resolved: refs 45-73 except 72 (Sælør, Biong & Klevan 2020, cited in 3.4.1 but not listed)
    assert sorted(a1["reference"]) == [r for r in range(45, 74) if r != 72]
    assert a1.loc[a1["printed_label"] == "[6]", "reference"].item() == 47
    # "Eight professionals"; "29 nurses, 10 medical doctors and 6 psychologists"; Oute et al.: empty cell
    assert a1.loc[0, "participants"] == "Eight professionals"
    assert a1.loc[22, "participants"] == "29 nurses, 10 medical doctors and 6 psychologists"
    assert a1.loc[10, "participants"] == ""


def test_findings_lines():
    findings = load_study("norway")["table_a1_findings"]
    per_row = findings.groupby("row").size()
    assert len(findings) == 102 and per_row.index.tolist() == list(range(1, 29))
    # [6]/ref 47: 3 headings + 11 dash items = 14 lines; [69]: one line ("Gendered differentiations—...")
    assert per_row[5] == 14 and per_row[23] == 1


def test_participants_hand_sum():
    # professionals: 8+18+15+5+15+18+10+6+40+8+5+8+21+(29+10+6) = 222, plus "6–8" (row 27)
    # and "8 focus groups" (row 22) uncounted; service users: 12+13+10+14+7+11+14+9+5 = 95;
    # family members: 10 parents + 4 parents = 14.
    by_type = no.participants_by_type().set_index("participant_type")
    assert by_type.loc["professionals", "n_stated"] == 8 + 18 + 15 + 5 + 15 + 18 + 10 + 6 + 40 + 8 + 5 + 8 + 21 + 45
    assert by_type.loc["service users", "n_stated"] == 12 + 13 + 10 + 14 + 7 + 11 + 14 + 9 + 5
    assert by_type.loc["family members", "n_stated"] == 10 + 4
    assert by_type.loc["total", ["n_stated", "n_low", "n_high"]].tolist() == [331, 337, 339]
    assert by_type.loc["total", "papers"] == 28
    assert by_type.loc["total", "groups_uncounted"] == 4  # rows 11 (empty), 22, 24, 27


def test_participant_counts_appear_in_their_cell():
    part = load_study("norway", printed=True)["participants"]
    for row in part.itertuples():
        if row.n_as_printed:
            assert row.n_as_printed in row.quote and row.group_as_printed in row.quote
        words = {"Eight": "8"}
        if row.n:
            assert words.get(row.n_as_printed, row.n_as_printed) == row.n


def test_methods_coding_hand_count():
    counts = tally(no.methods_table().rename(columns={"paper": "participant"}).drop(columns="methods"))
    got = dict(zip(counts["code_path"], counts["n_participants"]))
    # focus groups: rows 1-7, 12, 14, 19-22, 27; multi-stage: rows 1, 3-7, 14, 19, 27
    assert got["focus groups"] == 14 and got["focus groups / multi-stage"] == 9
    # "individual": rows 9, 10, 12, 15-18, 25; other interviews: rows 8, 13, 23, 24, 26, 28
    assert got["individual interviews"] == 8
    assert got["other interviews (in-depth, semi-structured or unspecified)"] == 6
    assert got["phenomenological or hermeneutic"] == 14 and got["action research"] == 3
    # only Oute et al. 2015 (row 11, "Multisite field work") names neither interviews nor focus groups
    methods = no.methods_table()
    talk = methods[methods["code_path"].str.contains("interview|focus", regex=True)]["paper"].nunique()
    assert talk == 27


# hand count of section 3: papers cited under each sub-theme (citation brackets in 3.1.1 ... 3.4.2)
HAND = {
    "3.1.1": [45, 46, 47, 48], "3.1.2": [45, 49, 50, 51, 52], "3.1.3": [52, 53, 54],
    "3.1.4": [47, 55, 56, 57], "3.1.5": [46, 49, 50, 58, 59],
    "3.2.1": [45, 46, 47, 50, 55, 58, 60, 61], "3.2.2": [45, 46, 51, 55, 58, 62, 63, 64],
    "3.2.3": [45, 46, 50, 65, 66, 67, 68],
    "3.3.1": [69, 70], "3.3.2": [47, 49, 55],
    "3.4.1": [47, 57, 71, 72, 73], "3.4.2": [57, 71],
}


def test_citations_match_hand_count():
    cites = load_study("norway")["citations"]
    got = cites.groupby("section")["reference"].apply(sorted).to_dict()
    assert got == HAND
    assert len(cites) == sum(map(len, HAND.values())) == 56


def test_citations_match_the_seed_text(seed_text):
    text = seed_text(SEED)
    results = text[text.index("3.1. Helping and Supporting"):text.index("4. Discussion")]
    parts = re.split(r"\n(3\.\d\.\d)\. [^\n]+\n", results)
    found = {parts[i]: sorted({int(r) for g in re.findall(r"\[([\d,\s]+)\]", parts[i + 1]) for r in g.split(",")})
             for i in range(1, len(parts), 2)}
    assert found == HAND


def test_theme_tallies(report):
    themes = report.tables["themes"].set_index("code_path")["n_participants"]
    # meta-themes: unions of their sub-themes' papers
    assert themes["helping and supporting"] == 15
    assert themes["collaborating and relating"] == 16
    assert themes["identity integration in practice"] == 5
    assert themes["generating hope through nurturing and helping"] == 5
    assert themes["identity integration in practice / promotion of individual identity"] == 2
    assert (report.tables["themes"]["denominator"] == 29).all()  # 28 in Table A1 + ref 72
    # the unit counted is the paper, and the census note says so (it said "these participants")
    for table in ("themes", "methods_tally"):
        notes = report.tables[table].attrs["notes"]
        assert len(notes) == 1 and notes[0].endswith("Counts and percentages describe these papers only.")


def test_meta_theme_segments_one_row_per_paper_and_theme():
    seg = no.theme_segments(level="meta_theme")
    assert len(seg) == 15 + 16 + 5 + 5
    assert not seg.duplicated(["participant", "code"]).any()


def test_reproduction_checks(report):
    assert report.ok
    found = report.tables["checks"].set_index("check")
    assert found.loc["74 → 46", "agrees"] == "yes" and found.loc["46 → 28", "agrees"] == "yes"
    assert found.loc["145 → 95", "agrees"] == "cannot check" and found.loc["95 → 74", "agrees"] == "cannot check"
    assert found.loc["papers synthesized: abstract vs Methods", "agrees"] == "no"  # "thirty-four" vs 28
    assert found.loc["distinct references in Table A1 as printed", "gives"] == "26"
    assert found.loc["Table A1 in chronological order (caption)", "agrees"] == "yes"
    assert found.loc["every paper cited under a theme is in Table A1", "agrees"] == "no"
    assert found.loc["every Table A1 paper is cited under a theme", "agrees"] == "yes"
    failing = set(found.index[found["agrees"] == "no"])
    assert failing == {"papers synthesized: abstract vs Methods", "distinct references in Table A1 as printed",
                       "every paper cited under a theme is in Table A1", "3.1.1: “(Kinn et al., 2016)” beside [48]"}
    text = report.to_text()
    assert "[72] Sælør 2020" in text and "thirty-four" in text


def test_flow_draws(report):
    import matplotlib.pyplot as plt

    from mixedmethods.plot import flow

    ax = flow(report.tables["flow"], title="Selection of papers")
    texts = [t.get_text() for t in ax.texts]
    assert "Excluded (n = 18)" in "\n".join(texts) and "(n = 145)" in "\n".join(texts)
    plt.close(ax.figure)


def test_inputs_not_modified():
    tables = load_study("norway")
    before = {k: v.copy() for k, v in tables.items()}
    no.checks(tables)
    no.theme_segments(tables)
    for k in tables:
        pd.testing.assert_frame_equal(tables[k], before[k])


def test_abstract_count_is_checked_against_the_data():
    """The abstract-vs-Methods verdict comes from the counts, not from a constant."""
    tables = load_study("norway")
    found = no.checks(tables).set_index("check")
    assert found.loc["papers synthesized: abstract vs Methods", "agrees"] == "no"
    assert "thirty-four" in found.loc["papers synthesized: abstract vs Methods", "note"]
    desc = tables["descriptives"].copy()
    desc.loc[desc["quantity"] == "papers synthesized, as stated in the abstract", "value"] = 28
    fixed = no.checks({**tables, "descriptives": desc}).set_index("check")
    assert fixed.loc["papers synthesized: abstract vs Methods", "agrees"] == "yes"
    assert fixed.loc["papers synthesized: abstract vs Methods", "note"] == ""


def test_reproduce_loads_the_study_once(load_calls):
    calls = load_calls(no)
    no.reproduce()
    assert calls == [("norway", {})]


def test_reproduce_passes_the_right_tables_down(report):
    """reproduce() computes papers, flow and participants once and passes them on: each table is
    what its step gives alone."""
    for key, step in (("flow", no.flow_table), ("papers", no.papers_table), ("methods", no.methods_table),
                      ("participants_by_type", no.participants_by_type), ("segments", no.theme_segments),
                      ("checks", no.checks)):
        pd.testing.assert_frame_equal(report.tables[key], step(), obj=key)


def test_author_year_citation_set_against_reference_48():
    """Section 3.1.1 prints "[48] (Kinn et al., 2016)"; reference 48 in the list is Kinn ... Scand. Psychol. 2018.

    Seed 004_23c2ae73c0c27eaf.txt: "... lack of belief in the service user’s potential [48] (Kinn et al.,
    2016)." and "48. Kinn L.G. Holgersen H. Borg M. Davidson L. “Watch your steps” ... Scand. Psychol. 2018".
    """
    from mixedmethods.studies import norway_metasynthesis as norway

    found = norway.author_year_citations()
    assert found[["section", "reference", "printed", "printed_year", "first_author", "reference_year",
                  "agrees"]].values.tolist() == [["3.1.1", 48, "Kinn et al., 2016", 2016, "Kinn", 2018, False]]
    report = norway.reproduce()
    text = dict(report.sections)["What does not add up"]
    assert ("3.1.1: “(Kinn et al., 2016)” beside [48]: stated 2016, found 2018 (reference 48, Kinn). "
            "the author–year citation gives 2016; reference 48 in the list is Kinn 2018") in text

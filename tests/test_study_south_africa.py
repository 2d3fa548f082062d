"""The Western Cape service-provider study: data hand-checked against the seed, and its reproduction.

Reference: ../shared/seeds/000_f24964393e46c50d.txt (the article's text).  Every expected
number below was counted by hand from that text; the sentence it comes from is in the comment.
"""
import re

import pytest

from mixedmethods.studies import list_studies, load_study, reproduce_study
from mixedmethods.studies import south_africa as sa

SEED = "000_f24964393e46c50d.txt"
T1 = "delineating recovery"
T2 = "available services supporting recovery from SMI in the Western Cape"
T3 = "facilitators and barriers to personal recovery within services"
T3_I = T3 + " / service-related barriers"
T3_II = T3 + " / difficulties with MHSUs community reintegration"


@pytest.fixture(scope="module")
def tables():
    return load_study("south-africa")


@pytest.fixture(scope="module")
def report():
    return reproduce_study("south-africa")


def _norm(text):
    return re.sub(r"\s+", " ", text).strip()


def test_registered_after_mexico():
    assert list_studies().index("south-africa") == list_studies().index("mexico-omi") + 1


def test_published_counts(tables):
    counts = tables["sample"].set_index(["characteristic", "level"])["n_participants"]
    # "In total, 17 participants were recruited for the study."
    assert counts[("total", "recruited")] == 17
    # "Eleven individual interviews were conducted" / "One FGD had two participants, and the
    # other FGD had four participants."
    assert counts[("data collection", "individual interview")] == 11
    assert counts[("data collection", "focus group 1")] == 2
    assert counts[("data collection", "focus group 2")] == 4
    # "occupational therapists (3); social workers (5); psychologists (2); psychiatrists (2); and
    # nurses (2). Two participants were community rehabilitation workers, and one was a volunteer"
    assert counts["profession"].to_dict() == {
        "occupational therapist": 3, "social worker": 5, "psychologist": 2, "psychiatrist": 2,
        "nurse": 2, "community rehabilitation worker": 2, "volunteer": 1,
    }
    # "nine were employed in the NPO sector, and the rest where employed in the public health sector."
    assert counts[("sector", "NPO")] == 9
    assert counts.isna()[("sector", "public health")]  # "the rest": not printed, not imputed
    # "In terms of gender, three participants were male."
    assert counts[("gender", "male")] == 3


def test_design_counts(tables):
    design = tables["design"].set_index("quantity")["value"]
    # "FG and KS then coded the first five transcripts independently." / "FG continued coding the
    # remaining eight transcripts."
    assert design["transcripts coded independently by two authors"] == 5
    assert design["transcripts coded by the first author alone"] == 8
    # "Additionally, two FGDs were held"
    assert design["focus groups"] == 2


def test_participants(tables):
    people = tables["participants"]
    assert len(people) == 17 and people["participant"].is_unique
    named = people.loc[people["named_in_paper"] == "yes", "participant"]
    # The attributions in the Results: (SW1) (SW3) (SW4) (P1) (D1) (D2) (OT1) (OT2) (OT3) (N1) (N2) (V1)
    assert sorted(named) == sorted(["SW1", "SW3", "SW4", "P1", "D1", "D2", "OT1", "OT2", "OT3",
                                    "N1", "N2", "V1"])
    # The paper states no participant's sector, gender or interview/focus group: left empty.
    for column in ("sector", "gender", "data_collection"):
        assert (people[column] == "").all(), column
    # "social workers (SW); psychologists (P), psychiatrists (D), occupational therapists (OT),
    # nurse (N), volunteer manager (V), and community rehabilitation worker (C)"
    abbreviation = people.set_index("participant")["profession"]
    assert abbreviation["D1"] == "psychiatrist" and abbreviation["P1"] == "psychologist"
    assert abbreviation["V1"] == "volunteer"


def test_every_block_quote_is_a_segment(tables, seed_text):
    segments = tables["segments"]
    text = seed_text(SEED)
    # Every paragraph of the Results that ends in "(CODE)" is a block quote.
    results = text[text.index("\nResults\n"):text.index("\nDiscussion\n")]
    attributed = re.findall(r"\(((?:SW|P|D|OT|N|V|C)\d+)\)\s*$", results, flags=re.M)
    assert segments["participant"].tolist() == attributed
    for row in segments.itertuples():
        assert _norm(row.text) in _norm(text)


def test_block_quotes_are_attributed(tables):
    segments = tables["segments"]
    assert len(segments) == 26
    assert (segments["source"] == "000_f24964393e46c50d.txt").all()
    assert all(q.endswith(f"({p})") for q, p in zip(segments["quote"], segments["participant"]))


def test_quotes_sit_under_their_section(tables):
    segments = tables["segments"].set_index("segment")
    # Hand count of block quotes per section: Delineating Recovery 6 (SW3, P1, OT2, D1, N2, D2);
    # Lack of Available Services 7 (OT3, OT3, P1, SW3, D1, OT1, SW3); Service-Related Barriers 4
    # (D2, N1, OT1, OT1); Difficulties with Community Reintegration 9 (D1, SW1, SW3, SW4, V1, D2,
    # OT1, D1, OT1).
    assert segments["code_path"].value_counts().to_dict() == {T1: 6, T2: 7, T3_I: 4, T3_II: 9}
    assert segments.groupby("code_path")["participant"].apply(list).to_dict() == {
        T1: ["SW3", "P1", "OT2", "D1", "N2", "D2"],
        T2: ["OT3", "OT3", "P1", "SW3", "D1", "OT1", "SW3"],
        T3_I: ["D2", "N1", "OT1", "OT1"],
        T3_II: ["D1", "SW1", "SW3", "SW4", "V1", "D2", "OT1", "D1", "OT1"],
    }
    # "So, if the guy says ‘I am becoming a sangoma’ ..." follows "Third, service providers shared
    # that lack of flexibility and openness to MHSUs’ cultural beliefs can serve as a barrier"
    assert segments.loc["Q16", "factor"] == "lack of flexibility and openness to MHSUs' cultural beliefs"


def test_inline_quotes(tables):
    inline = tables["inline_quotes"]
    # 23 passages in “ ” in the Results prose (the first lacks its closing mark)
    assert len(inline) == 23
    assert all(_norm(t) in _norm(q) for t, q in zip(inline["text"], inline["quote"]))
    # "One participant indicated that “60% of our admissions” were due to substances"
    assert inline.set_index("text").loc["60% of our admissions", "attributed_to"] == "one participant"


def test_arithmetic_checks(report):
    checks = report.tables["checks"].set_index("check")
    assert (checks["agrees"] == "yes").all()
    # 11 + 2 + 4 = 17
    assert checks.loc["individual interviews + focus group members = participants", "gives"] == 17
    # 3 + 5 + 2 + 2 + 2 + 2 + 1 = 17
    assert checks.loc["professions add up to the participants", "computed_from"] == "3 + 5 + 2 + 2 + 2 + 2 + 1"
    # 9 + "the rest" = 17, so the rest is 8
    assert checks.loc["NPO + public = participants", "computed_from"] == "9 + 8"
    # 5 + 8 transcripts = 11 interviews + 2 focus groups
    assert checks.loc["transcripts coded (first five + remaining eight) = interviews + focus groups",
                      "gives"] == 13
    counts = report.tables["counts"]
    public = counts[counts["level"] == "public health"].iloc[0]
    assert public["n_participants"] == 8 and public["derived"]


def _one_nurse_too_few(monkeypatch):
    """Make load_study print 3 nurses instead of the published count."""
    real = sa.load_study

    def doctored(name, **kwargs):
        out = real(name, **kwargs)
        sample = out["sample"].copy()
        sample.loc[sample["level"] == "nurse", "n_participants"] = 3
        return {**out, "sample": sample}

    monkeypatch.setattr(sa, "load_study", doctored)


def test_checks_catch_a_wrong_count(monkeypatch):
    """The profession check must fail when a count is off (the check is not a tautology)."""
    _one_nurse_too_few(monkeypatch)
    checks = sa.arithmetic_checks().set_index("check")
    assert checks.loc["professions add up to the participants", "agrees"] == "no"
    assert checks.loc["participants.csv matches the profession counts", "agrees"] == "no"


def test_tally_against_hand_count(report):
    per_theme = report.tables["quoted_per_theme"].set_index("code_path")
    # Participants quoted, by hand from the attributions under each heading:
    # theme 1: SW3 P1 OT2 D1 N2 D2 = 6; theme 2: OT3 P1 SW3 D1 OT1 = 5;
    # 3 (i): D2 N1 OT1 = 3; 3 (ii): D1 SW1 SW3 SW4 V1 D2 OT1 = 7; theme 3: their union = 8.
    assert per_theme["n_participants"].to_dict() == {T1: 6, T2: 5, T3: 8, T3_I: 3, T3_II: 7}
    assert per_theme["n_segments"].to_dict() == {T1: 6, T2: 7, T3: 13, T3_I: 4, T3_II: 9}
    assert (per_theme["denominator"] == 17).all()
    assert per_theme.loc[T3_I, "participants"] == "OT1, D2, N1"


def test_crosstab_by_profession_against_hand_count(report):
    table = report.tables["quoted_by_profession"]
    cell = table.set_index(["code_path", "group"])["n_participants"]
    # theme 3 (ii) quotes SW1, SW3, SW4: 3 of the 5 social workers; no community rehabilitation
    # worker is quoted anywhere; both psychiatrists (D1, D2) are quoted under theme 1.
    assert cell[(T3_II, "social worker")] == 3
    assert (table.loc[table["group"] == "community rehabilitation worker", "n_participants"] == 0).all()
    assert cell[(T1, "psychiatrist")] == 2
    sizes = table.drop_duplicates("group").set_index("group")["denominator"]
    assert sizes.sum() == 17


def test_sector_bounds(report):
    bounds = report.tables["quoted_by_sector"].set_index(["code", "sector"])
    # 12 participants quoted; 9 NPO and 8 public: at least 12 - 8 = 4 quoted are NPO, at most 9.
    assert tuple(bounds.loc[("any theme", "NPO"), ["n_quoted_low", "n_quoted_high"]]) == (4, 9)
    assert tuple(bounds.loc[("any theme", "public health"), ["n_quoted_low", "n_quoted_high"]]) == (3, 8)
    # no theme quotes more than 8 participants, so per theme the split says nothing (0 to k)
    per_theme = bounds.drop(index="any theme", level="code")
    assert (per_theme["n_quoted_low"] == 0).all()
    assert (per_theme["n_quoted_high"] == per_theme["n_quoted"]).all()


def test_framework_matrix(report):
    matrix = report.tables["framework_matrix"].set_index("participant")
    chart = report.tables["framework_chart"].set_index("participant")
    assert matrix.shape == (17, 6)  # profession + 5 code paths
    assert list(matrix.columns[1:]) == [T1, T2, T3, T3_I, T3_II]
    # SW3 and D1 are quoted under all three themes; OT1 has 5 quotes (1 in theme 2, 4 in theme 3)
    assert matrix.loc["SW3", [T1, T2, T3]].tolist() == [1, 1, 1]
    assert chart.loc["OT1", [T1, T2, T3, T3_I, T3_II]].tolist() == [0, 1, 4, 2, 2]
    assert chart[[T1, T2, T3]].to_numpy().sum() == 26
    never = matrix.index[matrix[[T1, T2, T3]].sum(axis=1) == 0]
    assert len(never) == 5


def test_report_says_quoted_is_not_mentioned(report):
    assert report.ok
    sections = dict(report.sections)
    assert "It is not the number who raised the theme" in sections["What “participants quoted” means"]
    assert any("9 NPO" in heading for heading in sections)
    assert "Participants quoted" in report.to_text()


def test_reproduce_loads_the_study_once(load_calls):
    calls = load_calls(sa)
    sa.reproduce()
    assert calls == [("south-africa", {})]


def test_quoted_is_not_mentioned_counts_come_from_the_data(report, tables):
    text = sa.quoted_is_not_mentioned(tables)
    # 26 block quotes (framework chart above) from 12 participants (sector bounds above) of the 17
    assert "(26 block quotes from 12 of the 17 participants)" in text
    assert "not the 17 providers" in text
    assert dict(report.sections)["What “participants quoted” means"] == text


def test_report_says_the_counts_add_up_only_when_they_do(report, monkeypatch):
    text = dict(report.sections)["What does not add up, and what the text leaves open"]
    assert text.startswith(
        "The counts add up: 11 + 2 + 4 = 17 participants; the professions sum to 17; 9 NPO and "
        "“the rest” (8) public; 5 + 8 = 13 transcripts for 11 interviews and 2 focus groups; no "
        "attribution code exceeds its profession's count.\n")
    assert "(no quote names a sector; 9 NPO, 8 public)" in " ".join(h for h, _ in report.sections)

    _one_nurse_too_few(monkeypatch)
    wrong = dict(sa.reproduce().sections)["What does not add up, and what the text leaves open"]
    assert not wrong.startswith("The counts add up")
    assert wrong.startswith("Not all the counts add up: professions add up to the participants: "
                            "3 + 5 + 2 + 2 + 3 + 2 + 1 gives 18, stated 17")

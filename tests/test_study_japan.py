"""The Japanese co-production study, checked against hand counts of the seed and hand arithmetic.

Seed: ../shared/seeds/001_d6fc93feab716867.txt.  Every count below was made by reading the
Results section quote by quote; the sentence it rests on is in the comment beside it.
"""
import math
import re

import numpy as np
import pandas as pd
import pytest

from mixedmethods.studies import list_studies, load_study, reproduce_study
from mixedmethods.studies import japan as jp

SEED = "001_d6fc93feab716867.txt"
T1, T2, T3 = "barriers to recovery", "roots of barriers", "solution to address roots of barriers"


@pytest.fixture(scope="module")
def tables():
    return load_study("japan")


@pytest.fixture(scope="module")
def report():
    return reproduce_study("japan")


def test_registered():
    assert "japan" in list_studies()
    assert (jp.NAME, jp.DATA_FOLDER, jp.ORDER) == ("japan", "japan", 3)


def test_participant_table(tables):
    part = tables["participants"]
    # "The focus group, involving 7 users and 3 professionals" and Table 1 lists numbers 1-10.
    assert len(part) == 10
    assert part["number"].tolist() == list(range(1, 11))
    assert (part["type"] == "user").sum() == 7
    assert (part["type"] == "professional").sum() == 3
    # "In total, seven service users were recruited; all seven were men."
    assert (part.loc[part["type"] == "user", "gender"] == "man").all()
    # "there were two men and one woman" (professionals); Table 1: the nurse is the woman, in her 50s.
    pro = part[part["type"] == "professional"].set_index("participant")
    assert pro["gender"].tolist() == ["man", "woman", "man"]
    assert pro.loc["Nurse 1", "age_band"] == "50s"
    # Table 1 age bands: users 40s, 40s, 30s, 40s, 40s, 40s, 30s; professionals 30s, 50s, 30s.
    assert part["age_band"].tolist() == ["40s", "40s", "30s", "40s", "40s", "40s", "30s", "30s", "50s", "30s"]
    # Users have no profession, professionals no diagnosis: those cells stay empty, not invented.
    assert part.loc[part["type"] == "user", "profession"].eq("").all()
    assert part.loc[part["type"] == "professional", "years_as_service_user"].isna().all()
    assert part.loc[part["type"] == "user", "years_as_service_user"].tolist() == [20, 25, 5, 25, 15, 20, 15]


def test_hierarchy_shape(tables):
    hier = tables["hierarchy"]
    # "Three themes were identified"; sub-themes: sense of safety, locus of control, reunion with self;
    # mental health systems, social cultural context; organisational change, social cultural change.
    assert (hier["level"] == 0).sum() == 3
    assert (hier["level"] == 1).sum() == 7
    # Section headings under the sub-themes: 2 + 3 + 3 (theme 1), 3 + 3 (theme 2), 3 + 3 (theme 3).
    leaves = hier[hier["level"] == 2]
    assert leaves.groupby("sub_theme", sort=False).size().tolist() == [2, 3, 3, 3, 3, 3, 3]
    assert set(tables["segments"]["code_path"]) <= set(hier["code_path"])
    # "Barriers to reunion contained 'less value for life with mental illness' and 'peer is unavailable'"
    # but a third section, "Social exclusion", follows: listed 2, described 3.
    reunion = leaves[leaves["sub_theme"] == "reunion with self"]
    assert (reunion["name_listed"] != "").sum() == 2


# Hand count of the 40 attributions in the Results, section by section:
# theme 1 intro: U1 | lack of compassion: Psy, U1 | life security: U2, U3 | choice: U2, Psy |
# authority slope: VW, U1 | disempowerment: U5, Psy | less value: U5 | peers: Psy, U2 |
# social exclusion: U5, Psy | trauma sensitivity: N, N, U1 | advocacy: Psy, U1 |
# psychosocial: U1, N | routines: U3, N | shame: U1, N | thinned network: Psy, U2 |
# trauma-informed: U1, Psy | crisis: Psy, U1 | community: U1, Psy | personalised: U5, Psy |
# inclusive: Psy | open community: U1, Psy.
HAND = {"User 1": 11, "User 2": 4, "User 3": 2, "User 5": 4,
        "Psychologist 1": 13, "Nurse 1": 5, "Volunteer Worker 1": 1}


def test_quotes_per_participant_hand_count(tables):
    seg = tables["segments"]
    assert len(seg) == 40
    assert seg["participant"].value_counts().to_dict() == HAND
    per = jp.quotes_per_participant().set_index("participant")
    assert per["total"].to_dict() == {**HAND, "User 4": 0, "User 6": 0, "User 7": 0}
    # by theme, from the hand count above
    assert per.loc["User 1", [T1, T2, T3]].tolist() == [3, 4, 4]
    assert per.loc["Psychologist 1", [T1, T2, T3]].tolist() == [5, 2, 6]
    assert per.loc["Nurse 1", [T1, T2, T3]].tolist() == [0, 5, 0]
    assert per.loc["User 5", [T1, T2, T3]].tolist() == [3, 0, 1]
    assert per.loc["User 2", "themes_quoted"] == 2 and per.loc["User 4", "themes_quoted"] == 0


def test_quote_attributions_match_the_seed(tables, seed_text):
    text = seed_text(SEED)
    found = re.findall(r"\(((?:User|Psychologist|Nurse|Volunteer Worker) \d)\)", text)
    assert pd.Series(found).value_counts().to_dict() == HAND
    norm = re.sub(r"\s+", " ", text)
    for row in tables["segments"].itertuples():
        assert row.quote.endswith(f"({row.participant})")
        assert row.quote in norm
        # the text is the quote's words; only Q17's page-broken "re- traumatisation" is rejoined
        words = row.text.replace("re-traumatisation", "re- traumatisation") if row.segment == "Q17" else row.text
        assert words in row.quote


def test_theme_voices_against_hand_count():
    v = jp.theme_voices().set_index("code_path")
    # Theme 1: U1 x3, U2 x3, U3, U5 x3 (10 user quotes, 4 users); Psy x5, VW (6, 2 professionals).
    assert v.loc[T1, ["n_quotes", "n_participants", "user_quotes", "users_quoted",
                      "professional_quotes", "professionals_quoted"]].tolist() == [16, 6, 10, 4, 6, 2]
    # Theme 2: N x5, Psy x2 (7, 2 professionals); U1 x4, U3, U2 (6, 3 users).
    assert v.loc[T2, ["n_quotes", "n_participants", "user_quotes", "users_quoted",
                      "professional_quotes", "professionals_quoted"]].tolist() == [13, 5, 6, 3, 7, 2]
    # Theme 3: U1 x4, U5 (5, 2 users); Psy x6 (6, 1 professional).
    assert v.loc[T3, ["n_quotes", "n_participants", "user_quotes", "users_quoted",
                      "professional_quotes", "professionals_quoted"]].tolist() == [11, 3, 5, 2, 6, 1]
    assert v.loc[T3, "user_share_of_quotes"] == pytest.approx(5 / 11)
    inclusive = f"{T3} / social cultural change / inclusive design that overcomes stigma"
    assert v.loc[inclusive, ["user_quotes", "professional_quotes"]].tolist() == [0, 1]
    # every level-2 node has at least one quote; the 20 leaves hold 39 quotes (Q01 is theme-level)
    leaves = v[v["level"] == 2]
    assert len(leaves) == 20 and (leaves["n_quotes"] > 0).all() and leaves["n_quotes"].sum() == 39
    assert v["n_quotes"][v["level"] == 0].sum() == 40


def test_type_crosstab():
    ct = jp.type_crosstab(level=0)
    row = ct[(ct["code"] == T1)].set_index("group")
    assert row.loc["user", ["n_participants", "denominator"]].tolist() == [4, 7]
    assert row.loc["professional", ["n_participants", "denominator"]].tolist() == [2, 3]
    # R: fisher.test(matrix(c(4, 3, 2, 1), 2))$p.value == 1
    assert row["p"].iloc[0] == pytest.approx(1.0)


def test_participant_checks():
    checks = jp.participant_checks()
    assert len(checks) == 12
    failing = checks[checks["agrees"] == "no"]
    assert failing["check"].tolist() == ["barriers of 'reunion with self': described = listed"]


def test_duration_audit_by_hand():
    _, v = jp.duration_audit()
    # "Meeting duration averaged 145.3 min (range 112–185 min)"; "had 11 meetings"
    assert (v["mean"], v["n"], v["shortest"], v["longest"], v["decimals"]) == (145.3, 11, 112, 185, 1)
    # GRIM: 11 * [145.25, 145.35) = [1597.75, 1598.85): only 1598; 1598/11 = 145.2727 -> 145.3.
    assert v["totals"] == [1598]
    assert bool(v["grim"]["consistent"]) and not bool(v["grim"]["testable"])  # 11 >= 10**1
    centre = 1598**2 / 11
    # Smallest SD: 1598 = 11 * 145 + 3, so three 146s and eight 145s.
    sd_min = math.sqrt((3 * 146**2 + 8 * 145**2 - centre) / 10)
    # Largest SD: five at 185, one at 113, five at 112 (5 * 185 + 113 + 5 * 112 = 1598).
    sd_max = math.sqrt((5 * 185**2 + 113**2 + 5 * 112**2 - centre) / 10)
    assert v["sd_bounds"]["sd_min"] == pytest.approx(sd_min, rel=1e-12)
    assert v["sd_bounds"]["sd_max"] == pytest.approx(sd_max, rel=1e-12)
    assert round(sd_min, 2) == 0.47 and round(sd_max, 2) == 38.04
    # With a 112 and a 185 observed, the other nine total 1301 = 9 * 144 + 5: five 145s, four 144s.
    attained_min = math.sqrt((112**2 + 185**2 + 5 * 145**2 + 4 * 144**2 - centre) / 10)
    assert v["sd_attained"][0] == pytest.approx(attained_min, rel=1e-9)
    assert v["sd_attained"][1] == pytest.approx(sd_max, rel=1e-9)
    assert round(attained_min, 2) == 16.41
    # Range: 112 + 185 + 9 * 112 = 1305 and 112 + 185 + 9 * 185 = 1962.
    assert v["total_range"] == (1305, 1962)
    assert v["stated_total"] == 11 * 120
    # Over 2 h: 112 + 185 + 3 * 185 + 6 * 120 = 1572 < 1598 <= 112 + 185 + 4 * 185 + 5 * 120 = 1637.
    assert v["min_meetings_over_2h"] == 5
    # 30 Jul 2016 -> 30 Jul 2017: 365 days; -> 30 Dec 2017: 153; -> 13 Jan 2018: 14.
    assert v["days"] == 365 + 153 + 14
    assert v["calendar_months"] == 19  # July 2016 ... January 2018 inclusive


def test_synthetic_durations_fit_the_summary_and_are_seeded():
    a = jp.synthetic_durations(20, k=3)
    b = jp.synthetic_durations(20, k=3)
    pd.testing.assert_frame_equal(a, b)
    assert a["synthetic"].all()
    for _, sample in a.groupby("sample"):
        minutes = sample["minutes"].to_numpy()
        assert len(minutes) == 11 and minutes.min() == 112 and minutes.max() == 185
        assert round(minutes.mean(), 1) == 145.3
        assert round(float(np.std(minutes, ddof=1))) == 20


def test_report(report):
    assert report.ok
    headings = [h for h, _ in report.sections]
    assert any(h.startswith("SYNTHETIC") for h in headings)
    text = report.to_text()
    assert "1598/11 = 145.2727" in text
    assert "at least 5 of 11" in text
    assert "User 4, User 6 and User 7 may have spoken" in text


def test_reproduce_loads_the_study_once(load_calls):
    calls = load_calls(jp)
    jp.reproduce()
    assert calls == [("japan", {})]


def test_reproduce_passes_the_right_tables_down(report):
    """reproduce() hands its one load of the data to each step: its tables are what each step gives alone."""
    pd.testing.assert_frame_equal(report.tables["durations"], jp.duration_audit()[0])
    pd.testing.assert_frame_equal(report.tables["theme_voices"], jp.theme_voices())
    pd.testing.assert_frame_equal(report.tables["quotes_per_participant"], jp.quotes_per_participant())
    pd.testing.assert_frame_equal(report.tables["type_crosstab"], jp.type_crosstab(0))

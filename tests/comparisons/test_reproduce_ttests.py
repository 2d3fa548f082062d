"""mm.reproduce_ttests: which t-test a paper printed, and which printed numbers cannot be true."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods._validation import InputError
from mixedmethods.comparisons._reproduce import p_range_fits, parse_p, range_fits, verdict

# Brown & Heathers (2016), "The GRIM test: A simple technique detects numerous anomalies in the
# reporting of results in psychology", Social Psychological and Personality Science 8(4), 363-369,
# doi:10.1177/1948550616673876, the worked example of the article (a fictional study the article
# prints as a results paragraph), verbatim:
BROWN_HEATHERS_QUOTE = (
    "Participants (N = 55) were randomly assigned to drink 200 ml of water that either contained "
    "(experimental condition, N = 28) or did not contain (control condition, N = 27) 17 g of cherry "
    "flavor Kool-Aid® powder. [...] on a seven-point scale from 1 (Not at all) to 7 (Definitely). "
    "[...] (M = 5.19, SD = 1.34) than those in the control condition (M = 3.86, SD = 1.41), "
    "t(53) = 3.59, p < .001."
)
# R: sp <- sqrt((27*1.34^2 + 26*1.41^2)/53); t <- 1.33/(sp*sqrt(1/28 + 1/27)); 2*pt(-t, 53)
KOOL_AID_STUDENT_T, KOOL_AID_STUDENT_P = 3.5867110428334, 0.0007300526193
# R: Welch by hand: se <- sqrt(1.34^2/28 + 1.41^2/27); t, Welch-Satterthwaite df, p
KOOL_AID_WELCH = (3.583332195, 52.59384463, 7.415392871e-04)
# R: Mexico item 1 at 61/34: Student t, p, Cohen's d (pooled SD)
MEXICO_ITEM1 = (2.66456794137, 0.00908777067, 0.57027485796)


def kool_aid(**changes):
    row = {"comparison": "belief that pigs can fly", "mean1": "5.19", "sd1": "1.34", "n1": "28",
           "mean2": "3.86", "sd2": "1.41", "n2": "27", "t": "3.59", "df": "53", "p": "< .001",
           "scale_min": "1", "scale_max": "7"}
    row.update(changes)
    return pd.DataFrame([row])


def mexico(**columns):
    printed = pd.read_csv("data/mexico_omi/omi_ttests.csv", dtype=str, keep_default_na=False)
    printed = printed[["item_id", "mean1", "sd1", "mean2", "sd2", "t", "df", "p"]]
    return printed.assign(**columns)


def test_published_example_statistics_fit_but_grim_does_not():
    """Brown & Heathers' worked example: t(53) = 3.59, p < .001 is Student's, but both means fail GRIM."""
    res = mm.reproduce_ttests(kool_aid())
    row = res.iloc[0]
    assert row["comparison"] == "belief that pigs can fly"
    assert row["student_t"] == pytest.approx(KOOL_AID_STUDENT_T, rel=1e-9)
    assert row["student_p"] == pytest.approx(KOOL_AID_STUDENT_P, rel=1e-7)
    assert (row["welch_t"], row["welch_df"], row["welch_p"]) == pytest.approx(KOOL_AID_WELCH, rel=1e-7)
    # a whole df of 53 can also be Welch's 52.59 rounded; one-sided p < .001 too
    assert row["matched_test"] == "student, welch, student_one_sided, welch_one_sided"
    assert not row["consistent"]
    assert "mean1 = 5.19 cannot be a mean of 28 whole-number answers" in row["verdict"]
    assert "mean2 = 3.86 cannot be a mean of 27 whole-number answers" in row["verdict"]
    # without the scale, GRIM does not apply and everything printed can be true
    res = mm.reproduce_ttests(kool_aid(scale_min="", scale_max=""))
    assert bool(res.loc[0, "consistent"])
    assert res.loc[0, "verdict"].startswith("All printed numbers can be true together (student, welch")
    # with the cell sizes swapped (the article's point) both means fit GRIM, but GRIMMER then rules
    # out SD 1.34 with 140/27: its sum of squares would lie in [772.26, 772.96] (by hand:
    # 26 * 1.335^2 + 140^2/27 to 26 * 1.345^2 + 140^2/27), which holds no whole number
    swapped = mm.reproduce_ttests(kool_aid(n1="27", n2="28")).loc[0, "verdict"]
    assert "cannot be a mean" not in swapped
    assert swapped.startswith("sd1 = 1.34 cannot be the SD of 27 whole-number answers with mean 5.19 (GRIMMER")


def test_welch_df_is_matched_only_by_welch():
    res = mm.reproduce_ttests(kool_aid(df="52.6", p=".001", scale_min="", scale_max=""))
    assert res.loc[0, "matched_test"] == "welch"


def test_a_wrong_p_is_named_with_what_it_should_be():
    res = mm.reproduce_ttests(kool_aid(p=".02", scale_min="", scale_max=""))
    assert res.loc[0, "matched_test"] == ""
    assert "p = .02 cannot be true: t(53) = 3.59 gives p < .001" in res.loc[0, "verdict"]


def test_printed_d_is_checked():
    good = mm.reproduce_ttests(kool_aid(d="0.97", scale_min="", scale_max=""))  # 1.33 / 1.375 = 0.967
    assert good.loc[0, "matched_test"].startswith("student")
    bad = mm.reproduce_ttests(kool_aid(d="1.20", scale_min="", scale_max=""))
    assert bad.loc[0, "matched_test"] == ""
    assert "d = 1.20 cannot be true: it should have been 0.97" in bad.loc[0, "verdict"]


def test_mexico_table_agrees_with_the_study():
    """At 61 women / 34 men on 0-5 the four printed t-tests cannot be true, for the study's reasons."""
    res = mm.reproduce_ttests(mexico(n1="61", n2="34", scale_min="0", scale_max="5"))
    assert res["matched_test"].tolist() == ["", "", "", ""]
    assert not res["consistent"].any()
    assert (res.loc[0, "student_t"], res.loc[0, "student_p"], res.loc[0, "cohen_d"]) == pytest.approx(
        MEXICO_ITEM1, rel=1e-9)
    v = res["verdict"].tolist()
    # item 1: Student row (whole df), t out of reach (2.54 to 2.79), p = .05 misprinted, GRIM fails for women
    assert "t = 2.53 cannot be true: it should have been 2.66 (Student; 2.54 to 2.79" in v[0]
    assert "p = .05 cannot be true: t(93) = 2.53 gives p = .013, perhaps meant as p < .05" in v[0]
    assert "mean1 = 2.78 cannot be a mean of 61" in v[0]
    # item 2: Welch row; its df is not reachable at 61/34, the t is
    assert "df = 75.9 cannot be true" in v[1] and "Welch" in v[1] and "t = 2.5 " not in v[1]
    # item 3: Welch row; t out of reach (2.32 to 2.61)
    assert "t = 2.26 cannot be true: it should have been 2.46 (Welch; 2.32 to 2.61" in v[2]
    # item 4: Student row with df 88, not 93; t out of reach (-2.01 to -1.90); p .037
    assert "df = 88 cannot be true: it should have been 93" in v[3]
    assert "t = −2.12 cannot be true: it should have been −1.96 (Student; −2.01 to −1.90" in v[3]
    assert "gives p = .037" in v[3]


def test_mexico_splits_without_ns_agree_with_the_study():
    """Without ns, the splits that fit agree with the study's split tables (totals up to 95)."""
    res = mm.reproduce_ttests(mexico(n1="", n2="", n_total="95", scale_min="0", scale_max="5"))
    v = res["verdict"].tolist()
    assert "Student (23, 72), (63, 32), (64, 31), (68, 27), (69, 26)." in v[0]
    assert "Welch (42, 36), (43, 36)." in v[1]
    assert "Welch (45, 41), (52, 36)." in v[2]
    assert "Student (43, 47)" in v[3]
    assert not res["consistent"].any()  # every printed p = .05 is wrong
    assert np.isnan(res["student_t"]).all()


def test_the_callers_frame_is_not_changed_and_the_index_is_kept():
    printed = kool_aid().set_index("comparison")
    before = printed.copy()
    res = mm.reproduce_ttests(printed)
    pd.testing.assert_frame_equal(printed, before)
    assert list(res.index) == ["belief that pigs can fly"]


@pytest.mark.parametrize("change, message", [
    ({"sd1": "-1.34"}, "sd1 = -1.34"),
    ({"n2": "1"}, "n2 = 1"),
    ({"n2": "27.5"}, "n2 = 27.5"),
    ({"p": "1.5"}, "p = 1.5"),
    ({"p": "small"}, "'small' is not a printed p"),
    ({"df": "0"}, "df = 0"),
    ({"scale_max": ""}, "scale_min and scale_max"),
])
def test_bad_input_is_named(change, message):
    printed = kool_aid(**change)
    before = printed.copy()
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(".", r"\.")):
        mm.reproduce_ttests(printed)
    pd.testing.assert_frame_equal(printed, before)


def test_missing_columns_and_empty_tables_are_named():
    with pytest.raises(InputError, match="no column sd2"):
        mm.reproduce_ttests(kool_aid().drop(columns="sd2"))
    with pytest.raises(InputError, match="no rows"):
        mm.reproduce_ttests(kool_aid().iloc[:0])
    with pytest.raises(InputError, match="DataFrame"):
        mm.reproduce_ttests([1, 2])


def test_shared_helpers():
    assert parse_p("p = .013") == ("=", 0.013, 3)
    assert parse_p("≤ .05") == ("<", 0.05, 2)
    assert range_fits(2.54, 2.79, 2.53, 2).item() is False
    assert range_fits(2.54, 2.79, np.nan, 0).item() is True
    assert p_range_fits(0.0001, 0.0002, "<", 0.001, 3).item()
    assert not p_range_fits(0.002, 0.003, "<", 0.001, 3).item()
    assert p_range_fits(0.2, 0.3, "ns", np.nan, 0).item()
    assert verdict([]) == "All printed numbers can be true together."


# Blancafort Alias S, et al. BMC Public Health 21, 84 (2021), doi:10.1186/s12889-020-10094-9, Table 1
# (header "Intervention group (n=194)", "Control group (n=164)"), verbatim rows:
AEQUALIS_ROWS = {
    "age": "Age, in years, mean (SD) 73.63 (6.92) 73.41 (6.92) 73.88 (7.02) 0.531",
    "self-management": "Self-management (ASA-R)c, mean (SD) 67.94 (12.06) 66.93 (12.07) 69.30 (11.97) 0.124",
}
# R: sp <- sqrt((193*6.92^2 + 163*7.02^2)/356); t <- (73.41-73.88)/(sp*sqrt(1/194+1/164)); 2*pt(-abs(t), 356)
AEQUALIS_AGE = (-0.6360596779, 0.5251462248)
# R: the same for 66.93 (12.07) vs 69.30 (11.97)
AEQUALIS_SELF_MANAGEMENT = (-1.85810056473, 0.06398004977)


def test_published_trial_table_one_p_fits_and_one_does_not():
    """AEQUALIS Table 1 at the printed 194 / 164: age's p .531 is reachable within the rounding of the
    means (Student .525 at the printed values); self-management's .124 is not (Student .064)."""
    printed = pd.DataFrame({"dv": ["age", "self-management"], "mean1": ["73.41", "66.93"], "sd1": ["6.92", "12.07"],
                            "n1": ["194", "194"], "mean2": ["73.88", "69.30"], "sd2": ["7.02", "11.97"],
                            "n2": ["164", "164"], "p": ["0.531", "0.124"]})
    for dv, quote in AEQUALIS_ROWS.items():
        row = printed.set_index("dv").loc[dv]
        assert all(row[c] in quote for c in ("mean1", "sd1", "mean2", "sd2", "p"))
    res = mm.reproduce_ttests(printed).set_index("dv")
    assert (res.loc["age", "student_t"], res.loc["age", "student_p"]) == pytest.approx(AEQUALIS_AGE, rel=1e-8)
    assert (res.loc["self-management", "student_t"], res.loc["self-management", "student_p"]) == pytest.approx(
        AEQUALIS_SELF_MANAGEMENT, rel=1e-8)
    assert res.loc["age", "matched_test"] == "student, welch" and bool(res.loc["age", "consistent"])
    assert res.loc["self-management", "matched_test"] == ""
    assert res.loc["self-management", "verdict"] == "p = .124 cannot be true: the means and SDs give p = .064 (Student)."

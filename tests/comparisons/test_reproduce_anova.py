"""mm.reproduce_anova: which ANOVA did a paper print, and which printed numbers cannot be true?

Published examples (transcribed facts, quoted with their source):

(1) Weider, Indredavik, Lydersen & Hestad (2015), Int J Eat Disord 48(4):397–405, Table 3, as
    quoted in Lydersen's statistics column on three-group comparisons (Tidsskrift for Den norske
    legeforening), English text at https://tirilu.wordpress.com/2021/01/20/www-wednesday-im-on-a-roll/:
    "Weider and colleagues compared the cognitive function in three groups of people – 41 with
    anorexia, 40 with bulimia and 40 healthy control persons (5), Table (3). Wechsler's
    intelligence scale (5) showed an average score (standard deviation) of 10.51 (3.26), 10.00
    (2.42) and 11.85 (2.83) in the three groups respectively. The global p-value in the one-way
    analysis of variance was 0.014."

(2) Field (2009), Discovering Statistics Using SPSS, 3rd ed., London: Sage, chapter 10 (the
    Viagra example; three groups of 5).  p. 391: "There was a significant effect of Viagra on
    levels of libido, F(2, 12) = 5.12, p < .05, ω = .60."  p. 380 (Jane Superbrain 10.2), the
    group variances and the Brown–Forsythe F: "FBF = 20:135 / s2group1 1 − ngroup1 ... = 20:135 /
    1:70 1 − 5/15 + 1:70 1 − 5/15 + 2:50 1 − 5/15 = 3:933 = 5:119" (the colons are the scan's
    decimal points: variances 1.70, 1.70, 2.50; F_BF = 5.119).  The group means (placebo 2.20,
    low dose 3.20, high dose 5.00) are those of the book's Table 10.1 data (placebo 3, 2, 1, 1, 4;
    low 5, 2, 4, 2, 3; high 7, 4, 5, 3, 6), whose model sum of squares is the 20.13 quoted above.
    Source of the scan: https://fliphtml5.com/oykev/cfkp/andy_field_discovering-statistics-using-spss-third-edition-2009/426
    and .../415.

The other tables are R's datasets (see test_anova.py) rounded as a paper would print them;
their reference F values come from R (car::Anova, oneway.test) as cited there.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods.comparisons import ANOVA_VARIANTS, reproduce_anova

WEIDER = pd.DataFrame({"group": ["anorexia", "bulimia", "control"], "mean": ["10.51", "10.00", "11.85"],
                       "sd": ["3.26", "2.42", "2.83"], "n": ["41", "40", "40"]})


def test_weider_2015_global_p_is_the_classic_anova():
    printed = pd.DataFrame({"p": ["0.014"]})
    res = reproduce_anova(WEIDER, printed).iloc[0]
    # Classic F(2, 118) gives p = .0135 at the printed cell values; Welch gives .009, out of reach.
    assert res["matched_test"] == "anova, brown_forsythe, brown_forsythe_mehrotra"
    assert bool(res["consistent"])
    assert res["n"] == 121 and res["anova_df2"] == 118
    np.testing.assert_allclose(res["anova_p"], 0.0135, atol=5e-5)
    np.testing.assert_allclose(res["welch_p"], 0.0091, atol=5e-5)


def test_weider_2015_a_welch_p_would_be_named():
    res = reproduce_anova(WEIDER, pd.DataFrame({"p": ["0.009"]})).iloc[0]
    assert res["matched_test"] == "welch"


FIELD = pd.DataFrame({"group": ["placebo", "low dose", "high dose"], "mean": ["2.20", "3.20", "5.00"],
                      # SDs from the printed variances 1.70, 1.70, 2.50 (p. 380), to 3 decimals
                      "sd": ["1.304", "1.304", "1.581"], "n": ["5", "5", "5"]})


def test_field_2009_viagra_classic_f_and_brown_forsythe():
    printed = pd.DataFrame({"comparison": ["", ""], "F": ["5.12", "5.119"], "df1": ["2", ""],
                            "df2": ["12", ""], "p": ["< .05", ""]})
    res = reproduce_anova(FIELD, printed)
    # F(2, 12) = 5.12: classic; Brown–Forsythe's df2 = 11.58 also prints as 12; Welch's F is 4.32.
    assert res.loc[0, "matched_test"] == "anova, brown_forsythe, brown_forsythe_mehrotra"
    assert res.loc[1, "matched_test"] == "anova, brown_forsythe, brown_forsythe_mehrotra"
    assert res["consistent"].all()
    np.testing.assert_allclose(res.loc[0, "welch_F"], 4.32, atol=0.005)
    np.testing.assert_allclose(res.loc[0, "brown_forsythe_df2"], 11.58, atol=0.005)


def test_field_2009_viagra_a_wrong_df_is_named():
    printed = pd.DataFrame({"F": ["5.12"], "df1": ["2"], "df2": ["14"], "p": [".025"]})
    res = reproduce_anova(FIELD, printed).iloc[0]
    assert res["matched_test"] == ""
    assert not res["consistent"]
    assert res["verdict"].startswith("df2 = 14 cannot be true: it should have been 12 (classic ANOVA")


def _plant(**printed):
    cells = pd.DataFrame({"group": ["ctrl", "trt1", "trt2"], "mean": ["5.03", "4.66", "5.53"],
                          "sd": ["0.58", "0.79", "0.44"], "n": ["10", "10", "10"]})
    return cells, pd.DataFrame({k: [v] for k, v in printed.items()})


@pytest.mark.parametrize("printed, matched", [
    # R: oneway.test(weight ~ group, PlantGrowth, var.equal = TRUE): F = 4.8461, df 2, 27, p = 0.01591
    (dict(F="4.85", df1="2", df2="27", p=".016"), "anova"),
    # R: oneway.test(weight ~ group, PlantGrowth): F = 5.181, df 2, 17.128, p = 0.01739
    (dict(F="5.18", df1="2", df2="17.13", p=".017"), "welch"),
    # Brown–Forsythe in R from its formula (test_anova.py): F = 4.8461, df 2, 22.208, p = 0.01793
    (dict(F="4.85", df1="2", df2="22.21", p=".018"), "brown_forsythe"),
    # statsmodels anova_generic(use_var="bf"): df1 = 1.805 (Mehrotra), p = 0.02055
    (dict(F="4.85", df1="1.81", df2="22.21", p=".021"), "brown_forsythe_mehrotra"),
    (dict(F="4.85"), "anova, brown_forsythe, brown_forsythe_mehrotra"),
    (dict(p="< .05"), ", ".join(ANOVA_VARIANTS)),
    (dict(F="6.85", df1="2", df2="27"), ""),
])
def test_which_variant_was_printed(printed, matched):
    cells, printed = _plant(**printed)
    assert reproduce_anova(cells, printed).loc[0, "matched_test"] == matched


def test_verdict_names_each_number_and_what_it_should_have_been():
    cells, printed = _plant(F="5.85", df1="2", df2="28", p=".006")
    verdict = reproduce_anova(cells, printed).loc[0, "verdict"]
    assert verdict == (
        "df2 = 28 cannot be true: it should have been 27 (classic ANOVA, N minus the number of groups, N = 30); "
        "F = 5.85 cannot be true: it should have been 4.96 (classic ANOVA; 4.76 to 5.16 within the rounding of the "
        "means and SDs); p = .006 cannot be true: F(2, 28) = 5.85 gives p = .008.")


def test_one_csv_holds_cells_and_printed_numbers():
    cells, printed = _plant(F="4.85", df1="2", df2="27", p=".016")
    one_file = cells.assign(F=["4.85", "", ""], df1=["2", "", ""], df2=["27", "", ""], p=[".016", "", ""])
    a = reproduce_anova(cells, printed)
    b = reproduce_anova(one_file)
    pd.testing.assert_frame_equal(a, b)


MTCARS_CELLS = pd.DataFrame({  # R: aggregate(mpg ~ am + cyl, mtcars, mean / sd / length), 2 decimals
    "am": [0, 0, 0, 1, 1, 1], "cyl": [4, 6, 8, 4, 6, 8],
    "mean": ["22.90", "19.12", "15.05", "28.07", "20.57", "15.40"],
    "sd": ["1.45", "1.63", "2.77", "4.48", "0.75", "0.57"], "n": ["3", "4", "12", "8", "3", "2"],
})


def test_two_factor_table():
    # R: car::Anova(lm(mpg ~ am * cyl, mtcars, contrasts = contr.sum), type = 3):
    #    am F = 3.2484 p = 0.0831; cyl F = 22.321 p = 2.27e-06; am:cyl F = 1.3832 p = 0.2686 (df2 = 26)
    printed = pd.DataFrame({"effect": ["am", "cyl", "am × cyl"], "F": ["3.25", "22.32", "1.83"],
                            "df1": ["1", "2", "2"], "df2": ["26", "26", "26"], "p": [".083", "< .001", ".27"]})
    res = reproduce_anova(MTCARS_CELLS, printed, between=["am", "cyl"])
    assert res["effect"].tolist() == ["am", "cyl", "am:cyl"]
    assert res["matched_test"].tolist() == ["anova", "anova", ""]
    assert res["consistent"].tolist() == [True, True, False]
    assert res.loc[2, "verdict"].startswith("F = 1.83 cannot be true: it should have been 1.38 (Type III ANOVA; ")
    assert res[["welch_F", "brown_forsythe_F"]].isna().all().all()


def test_two_factor_needs_effect_column():
    with pytest.raises(mm.InputError, match="column effect"):
        reproduce_anova(MTCARS_CELLS, pd.DataFrame({"F": ["3.25"]}), between=["am", "cyl"])


def test_grim_problems_on_a_scale():
    cells = pd.DataFrame({"group": ["a", "b", "c"], "mean": ["2.47", "3.10", "2.90"], "sd": ["1.10", "1.20", "1.00"],
                          "n": ["10", "10", "10"], "scale_min": ["1"] * 3, "scale_max": ["5"] * 3})
    res = reproduce_anova(cells, pd.DataFrame({"p": ["ns"]})).iloc[0]
    assert not res["consistent"]
    assert "the mean 2.47 of a cannot be a mean of 10 whole-number answers" in res["verdict"]


def test_comparisons_are_matched_by_label():
    cells = pd.concat([_plant()[0].assign(comparison="plants"), WEIDER.assign(comparison="weider")])
    printed = pd.DataFrame({"comparison": ["weider", "plants"], "p": ["0.014", ".016"]})
    res = reproduce_anova(cells, printed)
    assert res["comparison"].tolist() == ["weider", "plants"]
    assert res["n"].tolist() == [121, 30]


@pytest.mark.parametrize("cells, printed, message", [
    (WEIDER.iloc[:1], pd.DataFrame({"p": [".01"]}), "single group"),
    (WEIDER.assign(n=["41", "1", "40"]), pd.DataFrame({"p": [".01"]}), "n = 1 in row 1"),
    (WEIDER.assign(n=["41", "0", "40"]), pd.DataFrame({"p": [".01"]}), r"empty group"),
    (WEIDER.assign(sd=["3.26", "-2.42", "2.83"]), pd.DataFrame({"p": [".01"]}), "sd = -2.42 in row 1.*negative"),
    (WEIDER, pd.DataFrame({"p": ["1.4"]}), r"p = 1.4 in row 0 of printed is outside \[0, 1\]"),
    (WEIDER, pd.DataFrame({"p": ["p is small"]}), "not a printed p value"),
    (WEIDER, pd.DataFrame({"F": ["-1.2"]}), "F = -1.2"),
    (WEIDER, pd.DataFrame({"comparison": ["other"], "p": [".01"]}), "comparison 'other', which has no cells"),
    (WEIDER, pd.DataFrame({"n": ["3"]}), "nothing printed to check"),
    (WEIDER.drop(columns="sd"), pd.DataFrame({"p": [".01"]}), "no column 'sd'"),
    (MTCARS_CELLS.iloc[1:], pd.DataFrame({"effect": ["am"], "p": [".01"]}), "cell am=0, cyl=4 is empty"),
])
def test_bad_input_is_named_and_nothing_mutated(cells, printed, message):
    between = ["am", "cyl"] if "am" in cells.columns else "group"
    cells, printed = cells.copy(), printed.copy()
    before_cells, before_printed = cells.copy(), printed.copy()
    with pytest.raises(mm.InputError, match=message):
        reproduce_anova(cells, printed, between=between)
    pd.testing.assert_frame_equal(cells, before_cells)
    pd.testing.assert_frame_equal(printed, before_printed)


def test_inputs_not_modified():
    cells = MTCARS_CELLS.copy()
    printed = pd.DataFrame({"effect": ["am"], "F": ["3.25"]})
    reproduce_anova(cells, printed, between=["am", "cyl"])
    pd.testing.assert_frame_equal(cells, MTCARS_CELLS)
    assert mm.reproduce_anova is reproduce_anova

"""mm.anova and mm.anova_summary against R, statsmodels and themselves.

Every reference number was produced by R 4.2.2 (car 3.1.1) with ``options(digits = 15)``
and pasted here; the tests never call R.  Tolerance: 1e-6 relative (R printed 15
significant digits).  The raw data are R's ``datasets`` (small classic tables from
published sources: PlantGrowth from Dobson 1983, chickwts from Anonymous 1948, mtcars from
Henderson & Velleman 1981, InsectSprays from Beall 1942, warpbreaks from Tippett 1950,
ToothGrowth from Crampton 1947, npk from Yates 1935), written out literally.

One factor, R:
    oneway.test(y ~ g, var.equal = TRUE)      # "anova"
    oneway.test(y ~ g, var.equal = FALSE)     # "welch"
    bf(y, g)                                  # "brown_forsythe", below
The package onewaytests (``bf.test``) is not in Debian's archive here (no r-cran-onewaytests),
so Brown & Forsythe (1974) is computed in R from its formula, as SPSS prints it:
    bf <- function(y, g) {
      g <- factor(g); n <- tapply(y, g, length); m <- tapply(y, g, mean); v <- tapply(y, g, var)
      N <- sum(n); k <- nlevels(g); M <- sum(n * m) / N; c <- (1 - n / N) * v
      F <- sum(n * (m - M)^2) / sum(c); df2 <- sum(c)^2 / sum(c^2 / (n - 1))
      c(F = F, df1 = k - 1, df2 = df2, p = pf(F, k - 1, df2, lower.tail = FALSE))
    }

Two factors, R (Type III with sum-to-zero contrasts, SPSS's and JASP's default):
    car::Anova(lm(y ~ a * b, data = d, contrasts = list(a = contr.sum, b = contr.sum)), type = 3)
with ``a`` and ``b`` turned into factors first; the unbalanced designs drop rows as shown
beside each reference.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods.comparisons import ANOVA_COLUMNS, anova, anova_summary

RTOL = 1e-6

# ---------------------------------------------------------------------------------------------
# R's datasets, written out (R: cat(format(x, digits = 15), sep = ", "))
PLANT = pd.DataFrame({
    "weight": [4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14, 4.81, 4.17, 4.41, 3.59,
               5.87, 3.83, 6.03, 4.89, 4.32, 4.69, 6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15,
               5.80, 5.26],
    "group": ["ctrl"] * 10 + ["trt1"] * 10 + ["trt2"] * 10,
})
CHICKWTS = pd.DataFrame({
    "weight": [179, 160, 136, 227, 217, 168, 108, 124, 143, 140, 309, 229, 181, 141, 260, 203, 148,
               169, 213, 257, 244, 271, 243, 230, 248, 327, 329, 250, 193, 271, 316, 267, 199, 171,
               158, 248, 423, 340, 392, 339, 341, 226, 320, 295, 334, 322, 297, 318, 325, 257, 303,
               315, 380, 153, 263, 242, 206, 344, 258, 368, 390, 379, 260, 404, 318, 352, 359, 216,
               222, 283, 332],
    "feed": ["horsebean"] * 10 + ["linseed"] * 12 + ["soybean"] * 14 + ["sunflower"] * 12
            + ["meatmeal"] * 11 + ["casein"] * 12,
})
MTCARS = pd.DataFrame({
    "mpg": [21.0, 21.0, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4,
            10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26.0, 30.4, 15.8, 19.7,
            15.0, 21.4],
    "cyl": [6, 6, 4, 6, 8, 6, 8, 4, 4, 6, 6, 8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 8, 8, 8, 8, 4, 4, 4, 8, 6,
            8, 4],
    "am": [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
           1, 1],
    "vs": [0, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0,
           0, 1],
})
INSECTS = pd.DataFrame({
    "count": [10, 7, 20, 14, 14, 12, 10, 23, 17, 20, 14, 13, 11, 17, 21, 11, 16, 14, 17, 17, 19, 21,
              7, 13, 0, 1, 7, 2, 3, 1, 2, 1, 3, 0, 1, 4, 3, 5, 12, 6, 4, 3, 5, 5, 5, 5, 2, 4, 3, 5,
              3, 5, 3, 6, 1, 1, 3, 2, 6, 4, 11, 9, 15, 22, 15, 16, 13, 10, 26, 26, 24, 13],
    "spray": [s for s in "ABCDEF" for _ in range(12)],
})
WARPBREAKS = pd.DataFrame({
    "breaks": [26, 30, 54, 25, 70, 52, 51, 26, 67, 18, 21, 29, 17, 12, 18, 35, 30, 36, 36, 21, 24,
               18, 10, 43, 28, 15, 26, 27, 14, 29, 19, 29, 31, 41, 20, 44, 42, 26, 19, 16, 39, 28,
               21, 39, 29, 20, 21, 24, 17, 13, 15, 15, 16, 28],
    "wool": ["A"] * 27 + ["B"] * 27,
    "tension": (["L"] * 9 + ["M"] * 9 + ["H"] * 9) * 2,
})
TOOTH = pd.DataFrame({
    "len": [4.2, 11.5, 7.3, 5.8, 6.4, 10.0, 11.2, 11.2, 5.2, 7.0, 16.5, 16.5, 15.2, 17.3, 22.5, 17.3,
            13.6, 14.5, 18.8, 15.5, 23.6, 18.5, 33.9, 25.5, 26.4, 32.5, 26.7, 21.5, 23.3, 29.5, 15.2,
            21.5, 17.6, 9.7, 14.5, 10.0, 8.2, 9.4, 16.5, 9.7, 19.7, 23.3, 23.6, 26.4, 20.0, 25.2,
            25.8, 21.2, 14.5, 27.3, 25.5, 26.4, 22.4, 24.5, 24.8, 30.9, 26.4, 27.3, 29.4, 23.0],
    "supp": ["VC"] * 30 + ["OJ"] * 30,
    "dose": ([0.5] * 10 + [1.0] * 10 + [2.0] * 10) * 2,
})
NPK = pd.DataFrame({
    "yield": [49.5, 62.8, 46.8, 57.0, 59.8, 58.5, 55.5, 56.0, 62.8, 55.8, 69.5, 55.0, 62.0, 48.8,
              45.5, 44.2, 52.0, 51.5, 49.8, 48.8, 57.2, 59.0, 53.2, 56.0],
    "N": ["0", "1", "0", "1", "1", "1", "0", "0", "0", "1", "1", "0", "1", "1", "0", "0", "1", "0",
          "1", "0", "1", "1", "0", "0"],
    "P": ["1", "1", "0", "0", "0", "1", "0", "1", "1", "1", "0", "0", "0", "1", "0", "1", "1", "0",
          "0", "1", "0", "1", "1", "0"],
})


def _drop_r_rows(data, rows):
    """R's ``d[-c(...), ]`` (1-based row numbers)."""
    return data.drop(index=[r - 1 for r in rows]).reset_index(drop=True)


# (data, dv, between) -> R reference: test -> (F, df1, df2, p)
ONE_WAY = {
    # R: oneway.test(weight ~ group, PlantGrowth, var.equal = TRUE / FALSE); bf(PlantGrowth$weight, PlantGrowth$group)
    "PlantGrowth": ((PLANT, "weight", "group"), {
        "anova": (4.84608786238014, 2, 27, 0.0159099583256229),
        "welch": (5.18097240811319, 2, 17.1284186166441, 0.01739282149017),
        "brown_forsythe": (4.84608786238014, 2, 22.2083701942821, 0.0179274252722879)}),
    # R: the same on chickwts (weight ~ feed): six groups of 10 to 14
    "chickwts": ((CHICKWTS, "weight", "feed"), {
        "anova": (15.3647997747125, 5, 65, 5.93641985347125e-10),
        "welch": (19.6617243608369, 5, 29.9520363861042, 1.17705971606649e-08),
        "brown_forsythe": (15.5194506385313, 5, 58.6502148848327, 1.04488597184763e-09)}),
    # R: the same on mtcars (mpg ~ factor(cyl)): groups of 11, 7, 14
    "mtcars_cyl": ((MTCARS, "mpg", "cyl"), {
        "anova": (39.697515255869, 2, 29, 4.97891917440021e-09),
        "welch": (31.6242364658255, 2, 18.0318456017699, 1.27080937124479e-06),
        "brown_forsythe": (44.1430036056895, 2, 18.0750554074694, 1.10608254767406e-07)}),
    # R: the same on InsectSprays (count ~ spray)
    "InsectSprays": ((INSECTS, "count", "spray"), {
        "anova": (34.7022820554917, 5, 66, 3.18258372614514e-17),
        "welch": (36.0654438935773, 5, 30.0425605087674, 7.99937945567335e-12),
        "brown_forsythe": (34.7022820554917, 5, 39.3188942909273, 2.05113762120328e-13)}),
    # R: the same on warpbreaks (breaks ~ tension)
    "warpbreaks": ((WARPBREAKS, "breaks", "tension"), {
        "anova": (7.20611388087116, 2, 51, 0.00175281674585271),
        "welch": (5.80180485480409, 2, 32.3199673339782, 0.0070316506526074),
        "brown_forsythe": (7.20611388087116, 2, 35.881582271725, 0.00233942669597986)}),
    # R: the same on ToothGrowth (len ~ factor(dose))
    "ToothGrowth": ((TOOTH, "len", "dose"), {
        "anova": (67.4157378567425, 2, 57, 9.53272701169993e-16),
        "welch": (68.4009767771839, 2, 37.7432475430268, 2.81238454361498e-13),
        "brown_forsythe": (67.4157378567425, 2, 55.7717331394095, 1.30877492286406e-15)}),
}

# R: two(name, d, y, a, b) prints Anova(lm(y ~ a * b, d, contrasts = contr.sum), type = 3) rows a, b, a:b
TWO_WAY = {
    # tg <- ToothGrowth[-c(1, 2, 3, 11, 12, 45), ]; cells of 7 to 10 (2 x 3)
    "ToothGrowth_unbalanced": ((_drop_r_rows(TOOTH, [1, 2, 3, 11, 12, 45]), "len", ["supp", "dose"]), {
        "F": (13.1034410706084, 76.5167908949796, 3.71959419562846), "df1": (1, 2, 2), "df2": 48,
        "p": (0.000708048095512215, 1.17853652092395e-15, 0.0314908923399561),
        "ss": (184.691997683059, 2156.99660730944, 104.854790258394)}),
    # wb <- warpbreaks[-c(1, 2, 20, 30, 31, 50, 51), ] (2 x 3)
    "warpbreaks_unbalanced": ((_drop_r_rows(WARPBREAKS, [1, 2, 20, 30, 31, 50, 51]), "breaks",
                               ["wool", "tension"]), {
        "F": (4.32076416743166, 9.45213802159239, 5.05217422792959), "df1": (1, 2, 2), "df2": 41,
        "p": (0.0439481417709604, 0.000420904598952513, 0.0109315820952839),
        "ss": (512.332562010311, 2241.56556637807, 1198.11832611833)}),
    # mtcars as it is: am x vs, cells of 12, 7, 6, 7 (2 x 2)
    "mtcars_am_vs": ((MTCARS, "mpg", ["am", "vs"]), {
        "F": (23.540022336657, 31.7337007664028, 1.3282903003455), "df1": (1, 1, 1), "df2": 28,
        "p": (4.15892518344434e-05, 4.93146230538415e-06, 0.2588546555856),
        "ss": (283.721523809524, 382.477714285715, 16.0095238095239)}),
    # mtcars as it is: am x cyl, cells of 3 to 12 (2 x 3)
    "mtcars_am_cyl": ((MTCARS, "mpg", ["am", "cyl"]), {
        "F": (3.24836366636338, 22.3209620988318, 1.38323349309211), "df1": (1, 2, 2), "df2": 26,
        "p": (0.0831005254587753, 2.27426338198936e-06, 0.268614022629598),
        "ss": (29.8673504273503, 410.463892195767, 25.4365112433863)}),
    # np <- npk[-c(1, 5, 6), ]: N x P (2 x 2)
    "npk_unbalanced": ((_drop_r_rows(NPK, [1, 5, 6]), "yield", ["N", "P"]), {
        "F": (3.50784189106705, 0.158135670075336, 0.766245278808369), "df1": (1, 1, 1), "df2": 17,
        "p": (0.0783797853954773, 0.695827749660364, 0.393581195388586),
        "ss": (132.092188405797, 5.95479710144923, 28.8539275362319)}),
}


def _cells(data, dv, between):
    """The summary table a paper would print (n, mean, SD per group)."""
    g = data.groupby(between)[dv]
    return pd.DataFrame({"mean": g.mean(), "sd": g.std(ddof=1), "n": g.count()}).reset_index()


@pytest.mark.parametrize("name", list(ONE_WAY))
def test_one_way_matches_r(name):
    (data, dv, between), reference = ONE_WAY[name]
    raw = anova(data, dv, between).set_index("test")
    summary = anova_summary(_cells(data, dv, between), between).set_index("test")
    for test, values in reference.items():
        got = raw.loc[test, ["F", "df1", "df2", "p"]].to_numpy(dtype=float)
        np.testing.assert_allclose(got, values, rtol=RTOL, err_msg=f"{name} {test}")
    cols = ["F", "df1", "df2", "p", "eta_squared", "omega_squared"]
    np.testing.assert_allclose(summary[cols].to_numpy(float), raw[cols].to_numpy(float), rtol=1e-10)


@pytest.mark.parametrize("name", list(ONE_WAY))
def test_one_way_matches_statsmodels(name):
    """Classic and Welch as statsmodels' anova_generic; its use_var="bf" is Mehrotra's df1,
    and its pvalue2 (df1 = k - 1) is the original Brown–Forsythe."""
    from statsmodels.stats.oneway import anova_generic

    (data, dv, between), _ = ONE_WAY[name]
    cells = _cells(data, dv, between)
    res = anova_summary(cells, between).set_index("test")
    args = (cells["mean"].to_numpy(), cells["sd"].to_numpy() ** 2, cells["n"].to_numpy())
    for use_var, test in (("equal", "anova"), ("unequal", "welch"), ("bf", "brown_forsythe_mehrotra")):
        sm = anova_generic(*args, use_var=use_var)
        np.testing.assert_allclose(res.loc[test, ["F", "df1", "df2", "p"]].to_numpy(float),
                                   [sm.statistic, sm.df_num, sm.df_denom, sm.pvalue], rtol=1e-9)
    sm = anova_generic(*args, use_var="bf")
    np.testing.assert_allclose(res.loc["brown_forsythe", "p"], sm.pvalue2, rtol=1e-9)


def test_effect_sizes_plant_growth():
    # R: effectsize::eta_squared(aov(weight ~ group, PlantGrowth)) -> 0.264148...
    #    effectsize::omega_squared(aov(weight ~ group, PlantGrowth)) -> 0.204079...
    # by hand from R's anova table: SSB 3.76634, SSW 10.49209, MSW 0.3885959
    res = anova(PLANT, "weight", "group").iloc[0]
    ssb, ssw = 3.76634, 10.49209
    np.testing.assert_allclose(res["sum_squares"], ssb, rtol=1e-6)
    np.testing.assert_allclose(res["error_sum_squares"], ssw, rtol=1e-6)
    np.testing.assert_allclose(res["eta_squared"], ssb / (ssb + ssw), rtol=1e-6)
    np.testing.assert_allclose(res["omega_squared"], (ssb - 2 * ssw / 27) / (ssb + ssw + ssw / 27), rtol=1e-6)
    assert res["partial_eta_squared"] == res["eta_squared"]


@pytest.mark.parametrize("name", list(TWO_WAY))
def test_two_way_type3_matches_car(name):
    (data, dv, between), ref = TWO_WAY[name]
    raw = anova(data, dv, between)
    a, b = between
    assert raw["effect"].tolist() == [a, b, f"{a}:{b}"]
    assert (raw["test"] == "anova").all()
    np.testing.assert_allclose(raw["F"], ref["F"], rtol=RTOL)
    np.testing.assert_allclose(raw["p"], ref["p"], rtol=RTOL)
    np.testing.assert_allclose(raw["sum_squares"], ref["ss"], rtol=RTOL)
    np.testing.assert_array_equal(raw["df1"], ref["df1"])
    assert (raw["df2"] == ref["df2"]).all()
    ss_error = raw["error_sum_squares"].iloc[0]
    np.testing.assert_allclose(raw["partial_eta_squared"], np.array(ref["ss"]) / (np.array(ref["ss"]) + ss_error),
                               rtol=RTOL)
    summary = anova_summary(_cells(data, dv, between), between)
    cols = ["F", "df1", "df2", "p", "sum_squares", "partial_eta_squared"]
    np.testing.assert_allclose(summary[cols].to_numpy(float), raw[cols].to_numpy(float), rtol=1e-10)


def test_two_way_cell_order_does_not_matter():
    (data, dv, between), ref = TWO_WAY["mtcars_am_cyl"]
    cells = _cells(data, dv, between).sample(frac=1, random_state=3)
    res = anova_summary(cells, between)
    np.testing.assert_allclose(res["F"], ref["F"], rtol=RTOL)


def test_columns_are_the_same_for_one_and_two_factors():
    one = anova(PLANT, "weight", "group")
    two = anova(MTCARS, "mpg", ["am", "vs"])
    assert list(one.columns) == list(two.columns) == ANOVA_COLUMNS
    assert one["test"].tolist() == ["anova", "welch", "brown_forsythe", "brown_forsythe_mehrotra"]
    assert one["effect"].eq("group").all()
    assert one[["sum_squares", "mean_square"]].iloc[1:].isna().all().all()
    assert two[["eta_squared", "omega_squared"]].isna().all().all()


def test_many_outcomes_in_one_call():
    data = WARPBREAKS.assign(half=WARPBREAKS["breaks"] / 2, other=np.where(np.arange(54) % 5 == 0, np.nan,
                                                                            WARPBREAKS["breaks"] ** 0.5))
    res = anova(data, ["breaks", "half", "other"], "tension")
    assert res["dv"].tolist() == ["breaks"] * 4 + ["half"] * 4 + ["other"] * 4
    for dv in ("breaks", "half", "other"):
        alone = anova(data, dv, "tension")
        np.testing.assert_allclose(res[res["dv"] == dv][["F", "df2", "p"]].to_numpy(float),
                                   alone[["F", "df2", "p"]].to_numpy(float), rtol=1e-12)
    np.testing.assert_allclose(res["F"].iloc[:4], res["F"].iloc[4:8], rtol=1e-12)  # F is scale-free
    assert res.loc[res["dv"] == "other", "n"].iloc[0] == 54 - 11


def test_summary_tables_with_different_numbers_of_groups():
    plant = _cells(PLANT, "weight", "group").assign(table="plant")
    chick = _cells(CHICKWTS, "weight", "feed").rename(columns={"feed": "group"}).assign(table="chick")
    both = pd.concat([chick, plant], ignore_index=True)
    res = anova_summary(both, "group", dv="table")
    assert res["dv"].tolist() == ["chick"] * 4 + ["plant"] * 4
    np.testing.assert_allclose(res["F"].iloc[0], ONE_WAY["chickwts"][1]["anova"][0], rtol=RTOL)
    np.testing.assert_allclose(res["F"].iloc[4], ONE_WAY["PlantGrowth"][1]["anova"][0], rtol=RTOL)
    assert res["n_groups"].tolist() == [6] * 4 + [3] * 4


def test_printed_strings_are_read():
    cells = pd.DataFrame({"group": ["a", "b", "c"], "mean": ["5.03", "4.66", "5.53"],
                          "sd": ["0.58", "0.79", "0.44"], "n": ["10", "10", "10"]})
    numbers = cells.assign(mean=[5.03, 4.66, 5.53], sd=[0.58, 0.79, 0.44], n=[10, 10, 10])
    pd.testing.assert_frame_equal(anova_summary(cells, "group"), anova_summary(numbers, "group"))


def test_top_level_names():
    assert mm.anova is anova and mm.anova_summary is anova_summary
    assert "reproduce_anova" in dir(mm)


def test_welch_undefined_with_a_zero_sd_warns():
    cells = pd.DataFrame({"group": ["a", "b", "c"], "mean": [1.0, 2.0, 3.0], "sd": [0.0, 1.0, 1.2], "n": [5, 6, 7]})
    with pytest.warns(RuntimeWarning, match="Welch"):
        res = anova_summary(cells, "group").set_index("test")
    assert np.isnan(res.loc["welch", "F"]) and np.isfinite(res.loc["anova", "F"])


# ---------------------------------------------------------------------------------------------
# Bad input: an error that names the culprit; nothing mutated.

GOOD = pd.DataFrame({"group": ["a", "b", "c"], "mean": [1.0, 2.0, 3.0], "sd": [1.0, 1.5, 1.2], "n": [5, 6, 7]})


@pytest.mark.parametrize("change, message", [
    (lambda c: c.iloc[:1], "single group"),
    (lambda c: c.assign(n=[5, 0, 7]), r"n\[1\] = 0 \(an empty group"),
    (lambda c: c.assign(n=[5, 1, 7]), r"n\[1\] = 1"),
    (lambda c: c.assign(n=[5, 2.5, 7]), r"n\[1\] = 2.5"),
    (lambda c: c.assign(sd=[1.0, -0.5, 1.2]), r"sd\[1\] = -0.5 is negative"),
    (lambda c: c.assign(mean=[1.0, np.nan, 3.0]), "column 'mean'.*row 1"),
    (lambda c: c.assign(mean=["1.0", "two", "3"]), "column 'mean'.*'two'"),
    (lambda c: c.assign(group=["a", "a", "c"]), "group=.*'a'.*more than one row"),
    (lambda c: c.assign(sd=0.0), "every group has SD 0"),
    (lambda c: c.drop(columns="sd"), "'sd' not found"),
])
def test_bad_summaries_are_named(change, message):
    cells = change(GOOD.copy())
    before = cells.copy()
    with pytest.raises((mm.InputError, mm.InputTypeError), match=message):
        anova_summary(cells, "group")
    pd.testing.assert_frame_equal(cells, before)


def test_missing_cell_of_a_factorial_design_is_named():
    cells = _cells(MTCARS, "mpg", ["am", "cyl"]).iloc[1:]
    with pytest.raises(mm.InputError, match=r"cell am=0, cyl=4 is empty"):
        anova_summary(cells, ["am", "cyl"])


@pytest.mark.parametrize("data, dv, between, message", [
    (PLANT.assign(group="ctrl"), "weight", "group", "single group"),
    (PLANT.assign(weight=np.where(PLANT["group"] == "trt1", np.nan, PLANT["weight"])), "weight", "group",
     r"'weight' has no non-missing value \(an empty group\) in group group='trt1'"),
    (PLANT.iloc[:21], "weight", "group", r"1 non-missing value in group group='trt2'"),
    (PLANT, "weight", ["group", "group"], "twice"),
    (PLANT, "weight", ["group", "a", "b"], "3 factors"),
    (PLANT, "group", "group", "both the group column and an outcome"),
    (PLANT, "nope", "group", "'nope' not found"),
    (PLANT.assign(weight=PLANT["weight"].astype(str)), "weight", "group", "not numeric"),
    (MTCARS[~((MTCARS["am"] == 1) & (MTCARS["cyl"] == 8))], "mpg", ["am", "cyl"], "cell am=1, cyl=8 is empty"),
])
def test_bad_raw_data_is_named(data, dv, between, message):
    data = data.copy()
    before = data.copy()
    with pytest.raises((mm.InputError, mm.InputTypeError), match=message):
        anova(data, dv, between)
    pd.testing.assert_frame_equal(data, before)


def test_input_not_modified():
    data = TOOTH.copy()
    before = data.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        anova(data, "len", ["supp", "dose"])
        anova_summary(_cells(data, "len", "dose"), "dose")
    pd.testing.assert_frame_equal(data, before)

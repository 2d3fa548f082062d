"""Pearson and Spearman correlation tests (mixedmethods.comparisons.correlation) against R.

References from R 4.2.2 ``cor.test`` with the call beside each; data are R's
built-in ``anscombe``, ``mtcars``, ``women``, ``trees`` and ``stackloss``
(written out).  Spearman covers R's three p computations: exact (n <= 9, no
ties), the AS 89 Edgeworth series (10 <= n <= 1290, no ties) and the t
approximation (ties).  Tolerance 1e-6 relative (R printed 15 digits).
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import InputError, InputTypeError
from mixedmethods.comparisons import CORRELATION_COLUMNS, correlation, correlation_summary

RTOL = 1e-6
inf = math.inf


class Case(NamedTuple):
    label: str
    x: list
    y: list
    alternative: str
    confidence_level: float
    r: float
    t: float
    p: float
    ci: tuple
    rho: float
    s: float
    p_spearman: float
    p_method: str


CASES = [
    # R: cor.test(anscombe$x1[1:8], anscombe$y1[1:8]); cor.test(same, method = 'spearman')
    Case('anscombe_1_first8', [10, 8, 13, 9, 11, 14, 6, 4],
         [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26],
         'two-sided', 0.95, r=0.809590345742314, t=3.37836312647699, p=0.0148878515952462, ci=(0.244275990351737, 0.964194043617185),
         rho=0.761904761904762, s=20, p_spearman=0.0367559523809524, p_method='exact'),
    # R: cor.test(mtcars$mpg, mtcars$wt); cor.test(same, method = 'spearman')
    Case('mtcars_mpg_wt', [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4],
         [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78],
         'two-sided', 0.95, r=-0.867659376517228, t=-9.55904414697211, p=1.29395870135052e-10, ci=(-0.933826413284994, -0.744087196460113),
         rho=-0.886422033270298, s=10292.3186135227, p_spearman=1.48759485812743e-11, p_method='t approximation'),
    # R: cor.test(women$height, women$weight); cor.test(same, method = 'spearman')
    Case('women', [58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72],
         [115, 117, 120, 123, 126, 129, 132, 135, 139, 142, 146, 150, 154, 159, 164],
         'two-sided', 0.95, r=0.995494767784216, t=37.8553068378566, p=1.09097295859997e-14, ci=(0.986097001260765, 0.998544745256513),
         rho=1, s=1.24344978758018e-13, p_spearman=0, p_method='edgeworth'),
    # R: cor.test(anscombe$x1, anscombe$y1); cor.test(same, method = 'spearman')
    Case('anscombe_1', [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5],
         [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68],
         'two-sided', 0.95, r=0.81642051634484, t=4.24145528889283, p=0.00216962887307879, ci=(0.424391213393217, 0.950693253786561),
         rho=0.818181818181818, s=40, p_spearman=0.00373447055331856, p_method='edgeworth'),
    # R: cor.test(anscombe$x2, anscombe$y2, alternative = 'greater', conf.level = 0.9); cor.test(same, method = 'spearman', alternative = 'greater')
    Case('anscombe_2_greater', [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5],
         [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74],
         'greater', 0.9, r=0.816236506000243, t=4.23859038977244, p=0.0010894081184554, ci=(0.599482645171101, 1),
         rho=0.690909090909091, s=68, p_spearman=0.0115294371045081, p_method='edgeworth'),
    # R: cor.test(anscombe$x3[1:8], anscombe$y3[1:8], alternative = 'less'); cor.test(same, method = 'spearman', alternative = 'less')
    Case('anscombe_3_first8_less', [10, 8, 13, 9, 11, 14, 6, 4],
         [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39],
         'less', 0.95, r=0.802166817086512, t=3.29073760629629, p=0.991700738790272, ci=(-1, 0.950820221244974),
         rho=0.976190476190476, s=1.99999999999999, p_spearman=0.999975198412698, p_method='exact'),
    # R: cor.test(anscombe$x4, anscombe$y4); cor.test(same, method = 'spearman')
    Case('anscombe_4', [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8],
         [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89],
         'two-sided', 0.95, r=0.816521436888503, t=4.24302818859163, p=0.00216460234719722, ci=(0.424639382244513, 0.950722362078142),
         rho=0.5, s=110, p_spearman=0.117306803014238, p_method='t approximation'),
    # R: cor.test(trees$Girth, trees$Height); cor.test(same, method = 'spearman')
    Case('trees_girth_height', [8.3, 8.6, 8.8, 10.5, 10.7, 10.8, 11, 11, 11.1, 11.2, 11.3, 11.4, 11.4, 11.7, 12, 12.9, 12.9, 13.3, 13.7, 13.8, 14, 14.2, 14.5, 16, 16.3, 17.3, 17.5, 17.9, 18, 18, 20.6],
         [70, 65, 63, 72, 81, 83, 66, 75, 80, 75, 79, 76, 76, 69, 75, 74, 85, 86, 71, 64, 78, 80, 74, 72, 77, 81, 82, 80, 80, 80, 87],
         'two-sided', 0.95, r=0.519280071949937, t=3.27216859079223, p=0.00275781479305767, ci=(0.202132730901079, 0.737853793104818),
         rho=0.440838677182482, s=2773.44016117489, p_spearman=0.0130559767983579, p_method='t approximation'),
    # R: cor.test(mtcars$qsec[1:6], mtcars$drat[1:6]); cor.test(same, method = 'spearman')
    Case('mtcars_first6_qsec_drat', [16.46, 17.02, 18.61, 19.44, 17.02, 20.22],
         [3.9, 3.9, 3.85, 3.08, 3.15, 2.76],
         'two-sided', 0.95, r=-0.692852570764837, t=-1.92170985507577, p=0.127021240830933, ci=(-0.962952855747993, 0.271205447531176),
         rho=-0.867647058823529, s=65.3676470588235, p_spearman=0.0251167184001629, p_method='t approximation'),
    # R: cor.test(stackloss$stack.loss[1:12] + (1:12) / 100, stackloss$Air.Flow[1:12] + (1:12) / 1000); cor.test(same, method = 'spearman')
    Case('stackloss_first12', [42.01, 37.02, 37.03, 28.04, 18.05, 18.06, 19.07, 20.08, 15.09, 14.1, 14.11, 13.12],
         [80.001, 80.002, 75.003, 62.004, 62.005, 62.006, 62.007, 62.008, 58.009, 58.01, 58.011, 58.012],
         'two-sided', 0.95, r=0.955990091548876, t=10.3037386204037, p=1.20747404139344e-06, ci=(0.846535094509672, 0.987890988706514),
         rho=0.846153846153846, s=44, p_spearman=0.00096954014644495, p_method='edgeworth'),

]


def _frame(case):
    return pd.DataFrame({"x": case.x, "y": case.y})


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_pearson_matches_r(case):
    res = correlation(_frame(case), "x", "y", alternative=case.alternative,
                      confidence_level=case.confidence_level)
    assert list(res.columns) == CORRELATION_COLUMNS
    row = res.iloc[0]
    assert row["test"] == "pearson" and row["dv"] == "x and y"
    np.testing.assert_allclose([row["r"], row["t"], row["p"], row["ci_low"], row["ci_high"]],
                               [case.r, case.t, case.p, *case.ci], rtol=RTOL)
    assert row["df"] == len(case.x) - 2


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_spearman_matches_r(case):
    row = correlation(_frame(case), "x", "y", method="spearman", alternative=case.alternative).iloc[0]
    assert row["test"] == "spearman"
    np.testing.assert_allclose([row["r"], row["p"]], [case.rho, case.p_spearman], rtol=RTOL, atol=1e-15)
    np.testing.assert_allclose(row["statistic"], case.s, rtol=RTOL, atol=1e-9)
    assert row["p_method"] == case.p_method
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_summary_path_agrees_with_raw(case):
    raw = correlation(_frame(case), "x", "y", alternative=case.alternative, confidence_level=case.confidence_level)
    summary = correlation_summary(raw["r"], raw["n"], alternative=case.alternative,
                                  confidence_level=case.confidence_level, dv=raw["dv"])
    numeric = ["r", "t", "df", "p", "ci_low", "ci_high"]
    np.testing.assert_allclose(summary[numeric].to_numpy(float), raw[numeric].to_numpy(float), rtol=1e-10)
    assert list(summary.columns) == CORRELATION_COLUMNS


def test_summary_of_printed_values():
    # R: cor.test on any data with r = 0.868 and n = 32 gives t = 0.868 * sqrt(30 / (1 - 0.868^2));
    # Fisher z: tanh(atanh(0.868) +/- qnorm(0.975) / sqrt(29))
    res = correlation_summary(["0.868", "-.42"], [32, 50]).iloc[0]
    assert res["t"] == pytest.approx(0.868 * math.sqrt(30 / (1 - 0.868**2)), rel=1e-12)
    z, half = math.atanh(0.868), 1.959963984540054 / math.sqrt(29)
    assert res["ci_low"] == pytest.approx(math.tanh(z - half), rel=1e-12)
    assert res["ci_high"] == pytest.approx(math.tanh(z + half), rel=1e-12)
    # R: x <- cor.test(c(1, 2, 3, 4), c(1, 3, 2, 4)); t 1.885618083164128, p 0.2, CI -0.696953445299322 0.995600250466586
    four = correlation_summary(0.8, 4).iloc[0]
    np.testing.assert_allclose([four["t"], four["p"], four["ci_low"], four["ci_high"]],
                               [1.885618083164128, 0.2, -0.696953445299322, 0.995600250466586], rtol=RTOL)
    # R prints no interval for n = 3: cor.test(1:3, c(1, 3, 2))$p.value = 0.666666666666667
    three = correlation_summary(0.5, 3).iloc[0]
    assert three["p"] == pytest.approx(0.666666666666667, rel=RTOL)
    assert math.isnan(three["ci_low"])


def test_many_pairs_and_missing_values():
    data = pd.DataFrame({"a": CASES[0].x + [np.nan, 5.0], "b": CASES[0].y + [1.0, np.nan],
                         "c": CASES[2].x[:10], "d": CASES[2].y[:10]})
    res = correlation(data, ["a", "c"], ["b", "d"], method="spearman")
    assert res["n"].tolist() == [8, 10]
    np.testing.assert_allclose(res["p"].iloc[0], CASES[0].p_spearman, rtol=RTOL)


@pytest.mark.parametrize("kwargs, message", [
    (dict(r=1.0), "r = 1"), (dict(r=-1.5), "r = -1.5"), (dict(n=2), "n = 2"), (dict(n=10.5), "n = 10.5"),
    (dict(r=[0.1, 0.2], n=[10, 20, 30]), "equal-length"), (dict(alternative="both"), "alternative"),
])
def test_bad_summary_input_names_it(kwargs, message):
    args = dict(r=0.3, n=20)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        correlation_summary(**args)


def test_bad_raw_input_names_it_and_nothing_is_mutated():
    data = pd.DataFrame({"x": [1.0, 2.0, 3.0, np.nan], "y": [1.0, np.nan, 3.0, 4.0], "flat": [2.0] * 4,
                         "z": [3.0, 1.0, 2.0, 5.0], "text": list("abcd")})
    copy = data.copy(deep=True)
    with pytest.raises(InputError, match="complete pairs"):
        correlation(data, "x", "y")
    with pytest.raises(InputError, match="no variation"):
        correlation(data, "flat", "z")
    with pytest.raises(InputTypeError, match="'text'"):
        correlation(data, "z", "text")
    with pytest.raises(InputError, match="method"):
        correlation(data, "z", "flat", method="kendall")
    pd.testing.assert_frame_equal(data, copy)


# R: x <- state.x77[, "Income"]; y <- state.x77[, "Area"]   (n = 50, no ties: AS 89 Edgeworth series)
STATE_INCOME = [3624, 6315, 4530, 3378, 5114, 4884, 5348, 4809, 4815, 4091, 4963, 4119, 5107, 4458, 4628, 4669,
                3712, 3545, 3694, 5299, 4755, 4751, 4675, 3098, 4254, 4347, 4508, 5149, 4281, 5237, 3601, 4903,
                3875, 5087, 4561, 3983, 4660, 4449, 4558, 3635, 4167, 3821, 4188, 4022, 3907, 4701, 4864, 3617,
                4468, 4566]
STATE_AREA = [50708, 566432, 113417, 51945, 156361, 103766, 4862, 1982, 54090, 58073, 6425, 82677, 55748, 36097,
              55941, 81787, 39650, 44930, 30920, 9891, 7826, 56817, 79289, 47296, 68995, 145587, 76483, 109889,
              9027, 7521, 121412, 47831, 48798, 69273, 40975, 68782, 96184, 44966, 1049, 30225, 75955, 41328,
              262134, 82096, 9267, 39780, 66570, 24070, 54464, 97203]


def test_spearman_edgeworth_at_n_50():
    data = pd.DataFrame({"income": STATE_INCOME, "area": STATE_AREA})
    # R: cor.test(x, y, method = "spearman") -> rho 0.0570948379351741, S 19636, p 0.692907647015476
    row = correlation(data, "income", "area", method="spearman").iloc[0]
    np.testing.assert_allclose([row["r"], row["statistic"], row["p"]],
                               [0.0570948379351741, 19636, 0.692907647015476], rtol=RTOL)
    assert row["p_method"] == "edgeworth"
    # R: cor.test(x, y, method = "spearman", alternative = "less")$p.value -> 0.653791777926275
    less = correlation(data, "income", "area", method="spearman", alternative="less").iloc[0]
    assert less["p"] == pytest.approx(0.653791777926275, rel=RTOL)


def test_top_level_names():
    assert mm.correlation is correlation and mm.correlation_summary is correlation_summary

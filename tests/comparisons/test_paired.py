"""Paired t-test and Wilcoxon signed-rank test (mixedmethods.comparisons.paired) against R.

Every reference number was produced by R 4.2.2 and pasted here with the R call
beside it (datasets are R's built-in ``sleep``, ``anscombe``, ``mtcars``,
``ToothGrowth``, ``trees`` and ``women``, written out).  In R, ``x`` is
``after`` and ``y`` ``before``, so ``t.test(x, y, paired = TRUE)`` has the sign of
``mean(after - before)``.  The Wilcoxon cases cover both of R's choices: exact
(n < 50, no ties, no zeros) and the normal approximation with continuity
correction (ties or zeros: sleep, ToothGrowth, trees; n >= 50: women_60).
Tolerance 1e-6 relative (R printed 15 significant digits).
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import InputError, InputTypeError
from mixedmethods.comparisons import PAIRED_COLUMNS, compare_paired, compare_paired_summary

RTOL = 1e-6
inf = math.inf


class Case(NamedTuple):
    label: str
    before: list
    after: list
    alternative: str
    confidence_level: float
    t: float
    p: float
    ci: tuple
    v: float
    p_wilcoxon: float
    p_method: str


CASES = [
    # R: t.test(sleep$extra[11:20], sleep$extra[1:10], paired = TRUE); wilcox.test(same)
    Case('sleep', [0.7,-1.6,-0.2,-1.2,-0.1,3.4,3.7,0.8,0,2],
         [1.9,0.8,1.1,0.1,-0.1,4.4,5.5,1.6,4.6,3.4],
         'two-sided', 0.95, t=4.06212768338204, p=0.00283289019738427, ci=(0.700114236723018, 2.45988576327698), v=45, p_wilcoxon=0.00909069801592506, p_method='normal approximation with continuity correction'),
    # R: t.test(anscombe$y2, anscombe$y1, paired = TRUE); wilcox.test(same)
    Case('anscombe_y1_y2', [8.04,6.95,7.58,8.81,8.33,9.96,7.24,4.26,10.84,4.82,5.68],
         [9.14,8.14,8.74,8.77,9.26,8.1,6.13,3.1,9.13,7.26,4.74],
         'two-sided', 0.95, t=9.32875406151354e-17, p=1, ci=(-0.965088379852153, 0.965088379852153), v=32, p_wilcoxon=0.9658203125, p_method='exact'),
    # R: t.test(anscombe$y4, anscombe$y3, paired = TRUE, alternative = 'less', conf.level = 0.9); wilcox.test(same, alternative = 'less')
    Case('anscombe_y3_y4_less', [7.46,6.77,12.74,7.11,7.81,8.84,6.08,5.39,8.15,6.42,5.73],
         [6.58,5.76,7.71,8.84,8.47,7.04,5.25,12.5,5.56,7.91,6.89],
         'less', 0.9, t=0.000976800260322878, p=0.500380081104266, ci=(-inf, 1.27797639361876), v=30, p_wilcoxon=0.41552734375, p_method='exact'),
    # R: t.test(mtcars$qsec, mtcars$mpg, paired = TRUE); wilcox.test(same)
    Case('mtcars_mpg_qsec', [21,21,22.8,21.4,18.7,18.1,14.3,24.4,22.8,19.2,17.8,16.4,17.3,15.2,10.4,10.4,14.7,32.4,30.4,33.9,21.5,15.5,15.2,13.3,19.2,27.3,26,30.4,15.8,19.7,15,21.4],
         [16.46,17.02,18.61,19.44,17.02,20.22,15.84,20,22.9,18.3,18.9,17.4,17.6,18,17.98,17.82,17.42,19.47,18.52,19.9,20.01,16.87,17.3,15.41,17.05,18.9,16.7,16.9,14.5,15.5,14.6,18.6],
         'two-sided', 0.95, t=-2.29638019561625, p=0.0285737546271883, ci=(-4.23298005149298, -0.250769948507022), v=161, p_wilcoxon=0.0544804823584855, p_method='exact'),
    # R: t.test(mtcars$qsec, mtcars$mpg, paired = TRUE, alternative = 'greater'); wilcox.test(same, alternative = 'greater')
    Case('mtcars_mpg_qsec_greater', [21,21,22.8,21.4,18.7,18.1,14.3,24.4,22.8,19.2,17.8,16.4,17.3,15.2,10.4,10.4,14.7,32.4,30.4,33.9,21.5,15.5,15.2,13.3,19.2,27.3,26,30.4,15.8,19.7,15,21.4],
         [16.46,17.02,18.61,19.44,17.02,20.22,15.84,20,22.9,18.3,18.9,17.4,17.6,18,17.98,17.82,17.42,19.47,18.52,19.9,20.01,16.87,17.3,15.41,17.05,18.9,16.7,16.9,14.5,15.5,14.6,18.6],
         'greater', 0.95, t=-2.29638019561625, p=0.985713122686406, ci=(-3.89715019261676, inf), v=161, p_wilcoxon=0.973959127208218, p_method='exact'),
    # R: t.test(ToothGrowth$len[31:60], ToothGrowth$len[1:30], paired = TRUE); wilcox.test(same)
    Case('toothgrowth', [4.2,11.5,7.3,5.8,6.4,10,11.2,11.2,5.2,7,16.5,16.5,15.2,17.3,22.5,17.3,13.6,14.5,18.8,15.5,23.6,18.5,33.9,25.5,26.4,32.5,26.7,21.5,23.3,29.5],
         [15.2,21.5,17.6,9.7,14.5,10,8.2,9.4,16.5,9.7,19.7,23.3,23.6,26.4,20,25.2,25.8,21.2,14.5,27.3,25.5,26.4,22.4,24.5,24.8,30.9,26.4,27.3,29.4,23],
         'two-sided', 0.95, t=3.30258503221588, p=0.00254984241330606, ci=(1.40865864101199, 5.99134135898801), v=350, p_wilcoxon=0.00431255389383736, p_method='normal approximation with continuity correction'),
    # R: t.test(trees$Height / 4, trees$Girth, paired = TRUE); wilcox.test(same)
    Case('trees', [8.3,8.6,8.8,10.5,10.7,10.8,11,11,11.1,11.2,11.3,11.4,11.4,11.7,12,12.9,12.9,13.3,13.7,13.8,14,14.2,14.5,16,16.3,17.3,17.5,17.9,18,18,20.6],
         [17.5,16.25,15.75,18,20.25,20.75,16.5,18.75,20,18.75,19.75,19,19,17.25,18.75,18.5,21.25,21.5,17.75,16,19.5,20,18.5,18,19.25,20.25,20.5,20,20,20,21.75],
         'two-sided', 0.95, t=11.9396860389488, p=6.32824926569243e-13, ci=(4.76780473831706, 6.73542106813456), v=496, p_wilcoxon=1.22865338242169e-06, p_method='normal approximation with continuity correction'),
    # R: t.test(c(women$weight, women$weight + 0.37, women$weight + 0.71, women$weight + 1.13) / 2, c(women$height, women$height + 0.5, women$height + 0.25, women$height + 0.75), paired = TRUE); wilcox.test(same)
    Case('women_60', [58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,58.5,59.5,60.5,61.5,62.5,63.5,64.5,65.5,66.5,67.5,68.5,69.5,70.5,71.5,72.5,58.25,59.25,60.25,61.25,62.25,63.25,64.25,65.25,66.25,67.25,68.25,69.25,70.25,71.25,72.25,58.75,59.75,60.75,61.75,62.75,63.75,64.75,65.75,66.75,67.75,68.75,69.75,70.75,71.75,72.75],
         [57.5,58.5,60,61.5,63,64.5,66,67.5,69.5,71,73,75,77,79.5,82,57.685,58.685,60.185,61.685,63.185,64.685,66.185,67.685,69.685,71.185,73.185,75.185,77.185,79.685,82.185,57.855,58.855,60.355,61.855,63.355,64.855,66.355,67.855,69.855,71.355,73.355,75.355,77.355,79.855,82.355,58.065,59.065,60.565,62.065,63.565,65.065,66.565,68.065,70.065,71.565,73.565,75.565,77.565,80.065,82.565],
         'two-sided', 0.95, t=7.8054210364366, p=1.16794712133274e-10, ci=(2.43015453757044, 4.1056787957629), v=1674, p_wilcoxon=2.65052230574573e-09, p_method='normal approximation with continuity correction'),
]


def _frame(case):
    return pd.DataFrame({"before": case.before, "after": case.after})


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_paired_t_and_wilcoxon_match_r(case):
    res = compare_paired(_frame(case), "before", "after", alternative=case.alternative,
                         confidence_level=case.confidence_level)
    assert list(res.columns) == PAIRED_COLUMNS
    assert res["test"].tolist() == ["paired", "wilcoxon"]
    paired, wilcoxon = res.iloc[0], res.iloc[1]
    np.testing.assert_allclose(paired["t"], case.t, rtol=RTOL, atol=1e-12)
    np.testing.assert_allclose(paired["p"], case.p, rtol=RTOL)
    np.testing.assert_allclose([paired["ci_low"], paired["ci_high"]], case.ci, rtol=RTOL)
    assert paired["df"] == len(case.before) - 1
    assert wilcoxon["statistic"] == case.v
    np.testing.assert_allclose(wilcoxon["p"], case.p_wilcoxon, rtol=RTOL)
    assert wilcoxon["p_method"] == case.p_method


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_summary_path_agrees_with_raw(case):
    raw = compare_paired(_frame(case), "before", "after", alternative=case.alternative,
                         confidence_level=case.confidence_level).iloc[[0]]
    row = raw.iloc[0]
    summary = compare_paired_summary(row["mean_before"], row["sd_before"], row["mean_after"], row["sd_after"],
                                     row["n"], r=row["r"], alternative=case.alternative,
                                     confidence_level=case.confidence_level, dv=row["dv"])
    numeric = ["t", "df", "p", "ci_low", "ci_high", "sd_diff", "d_z", "d_av", "se"]
    np.testing.assert_allclose(summary[numeric].to_numpy(float), raw[numeric].to_numpy(float),
                               rtol=1e-10, atol=1e-13)
    assert list(summary.columns) == PAIRED_COLUMNS
    assert summary["r_source"].iloc[0] == "given"


def test_effect_sizes_match_r():
    # R: effectsize::cohens_d(sleep$extra[11:20], sleep$extra[1:10], paired = TRUE) -> 1.28455756259105
    # R: mean(y - x) / ((sd(x) + sd(y)) / 2) with x, y the two drugs            -> 0.833496341312704
    # R: cor(sleep$extra[1:10], sleep$extra[11:20])                            -> 0.795170205833578
    res = compare_paired(_frame(CASES[0]), "before", "after").iloc[0]
    np.testing.assert_allclose([res["d_z"], res["d_av"], res["r"]],
                               [1.28455756259105, 0.833496341312704, 0.795170205833578], rtol=RTOL)
    # R: effectsize::cohens_d(mtcars$qsec, mtcars$mpg, paired = TRUE) -> -0.405946502125685
    # R: mean(qsec - mpg) / ((sd(qsec) + sd(mpg)) / 2)               -> -0.573817811719382
    res = compare_paired(_frame(CASES[3]), "before", "after").iloc[0]
    np.testing.assert_allclose([res["d_z"], res["d_av"]], [-0.405946502125685, -0.573817811719382], rtol=RTOL)


def test_many_items_in_one_call_equal_one_by_one():
    frames = {c.label: c for c in CASES if len(c.before) == 11}
    data = pd.DataFrame({f"{k}_{side}": getattr(c, side) for k, c in frames.items() for side in ("before", "after")})
    res = compare_paired(data, [f"{k}_before" for k in frames], [f"{k}_after" for k in frames], dv=list(frames))
    assert res["dv"].tolist() == [k for k in frames for _ in (0, 1)]
    for k, c in frames.items():
        one = compare_paired(_frame(c), "before", "after")
        np.testing.assert_allclose(res.loc[res["dv"] == k, ["statistic", "p"]].to_numpy(float),
                                   one[["statistic", "p"]].to_numpy(float), rtol=1e-12)


def test_missing_values_drop_the_pair():
    c = CASES[0]
    data = pd.DataFrame({"before": c.before + [np.nan, 1.0], "after": c.after + [2.0, np.nan]})
    res = compare_paired(data, "before", "after")
    assert res["n"].tolist() == [10, 10]
    np.testing.assert_allclose(res["t"].iloc[0], c.t, rtol=RTOL)


def test_printed_t_implies_r():
    # The sleep data printed as a paper would: means 0.75 and 2.33, SDs 1.79 and 2.00, t(9) = 4.06.
    res = compare_paired_summary("0.75", "1.79", "2.33", "2.00", 10, t="4.06").iloc[0]
    assert res["r_source"] == "implied by t"
    sd_diff = 1.58 * math.sqrt(10) / 4.06
    assert res["r"] == pytest.approx((1.79**2 + 2.00**2 - sd_diff**2) / (2 * 1.79 * 2.00), rel=1e-12)
    assert res["t"] == pytest.approx(4.06, rel=1e-12)
    assert abs(res["r"] - 0.795) < 0.01  # the true r of the data


def test_unknown_r_gives_the_range_of_t():
    res = compare_paired_summary(0.75, 1.79, 2.33, 2.00, 10).iloc[0]
    assert res["r_source"] == "unknown: r 0 to 0.9"
    assert math.isnan(res["t"]) and math.isnan(res["r"])
    at = {rho: 1.58 / math.sqrt((1.79**2 + 2.0**2 - 2 * rho * 1.79 * 2.0) / 10) for rho in (0.0, 0.9)}
    assert res["t_low"] == pytest.approx(at[0.0]) and res["t_high"] == pytest.approx(at[0.9])
    assert res["p_low"] > res["p_high"]
    wide = compare_paired_summary(0.75, 1.79, 2.33, 2.00, 10, r_range=(-1, 1)).iloc[0]
    assert wide["t_low"] == pytest.approx(1.58 / ((1.79 + 2.0) / math.sqrt(10)))


def test_vectorised_summary_keeps_series_labels():
    table = pd.DataFrame({"mb": [1.0, 2.0], "sb": [1.0, 1.5], "ma": [1.5, 2.1], "sa": [1.2, 1.4]},
                         index=["item1", "item2"])
    res = compare_paired_summary(table["mb"], table["sb"], table["ma"], table["sa"], 30, r=[0.5, 0.6])
    assert res["dv"].tolist() == ["item1", "item2"]


@pytest.mark.parametrize("kwargs, message", [
    (dict(n=1), "n = 1"),
    (dict(sd_before=-1), "sd_before = -1"),
    (dict(r=1.0), "r = 1"),
    (dict(r=-1.2), "r = -1.2"),
    (dict(r=0.5, t=2.0), "r or t, not both"),
    (dict(t=0.0), "t = 0"),
    (dict(r_range=(0.5, 0.2)), "r_range"),
    (dict(alternative="two.sided"), "alternative"),
    (dict(confidence_level=95), "confidence_level"),
])
def test_bad_summary_input_names_it(kwargs, message):
    args = dict(mean_before=1.0, sd_before=1.0, mean_after=2.0, sd_after=1.0, n=10)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        compare_paired_summary(**args)


def test_bad_raw_input_names_it_and_nothing_is_mutated():
    data = pd.DataFrame({"pre": [1.0, 2.0, np.nan], "post": [2.0, np.nan, 1.0], "text": ["a", "b", "c"]})
    copy = data.copy(deep=True)
    with pytest.raises(InputError, match="complete pairs"):
        compare_paired(data, "pre", "post")
    with pytest.raises(InputError, match="'missing'"):
        compare_paired(data, "pre", "missing")
    with pytest.raises(InputTypeError, match="'text'"):
        compare_paired(data, "pre", "text")
    with pytest.raises(InputError, match="pair them"):
        compare_paired(data, ["pre", "post"], "post")
    pd.testing.assert_frame_equal(data, copy)
    same = pd.DataFrame({"pre": [1.0, 2.0, 3.0], "post": [2.0, 3.0, 4.0]})
    with pytest.raises(InputError, match="every difference is the same"):
        compare_paired(same, "pre", "post")


def test_top_level_names():
    assert mm.compare_paired is compare_paired
    assert mm.compare_paired_summary is compare_paired_summary

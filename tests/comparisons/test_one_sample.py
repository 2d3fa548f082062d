"""One-sample t-test and Wilcoxon signed-rank test (mixedmethods.comparisons.one_sample) against R.

References from R 4.2.2 with the call beside each; data are R's built-in
``women``, ``mtcars``, ``sleep``, ``ToothGrowth``, ``anscombe`` and ``trees``
(written out).  Wilcoxon cases cover R's exact p (no ties, no zeros, n < 50)
and its normal approximation with continuity correction.  Tolerance 1e-6
relative (R printed 15 significant digits).
"""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import InputError, InputTypeError
from mixedmethods.comparisons import ONE_SAMPLE_COLUMNS, one_sample, one_sample_summary

RTOL = 1e-6
inf = math.inf


class Case(NamedTuple):
    label: str
    x: list
    mu: float
    alternative: str
    confidence_level: float
    t: float
    p: float
    ci: tuple
    v: float
    p_wilcoxon: float
    p_method: str


CASES = [
    # R: t.test(women$height, mu = 64); wilcox.test(women$height, mu = 64)
    Case('women_height', [58,59,60,61,62,63,64,65,66,67,68,69,70,71,72], 64,
         'two-sided', 0.95, t=0.866025403784439, p=0.401074449615819, ci=(62.5234136567527, 67.4765863432473), v=66, p_wilcoxon=0.413755294210369, p_method='normal approximation with continuity correction'),
    # R: t.test(women$weight, mu = 130); wilcox.test(women$weight, mu = 130)
    Case('women_weight', [115,117,120,123,126,129,132,135,139,142,146,150,154,159,164], 130,
         'two-sided', 0.95, t=1.68259902573522, p=0.11461182639076, ci=(128.150442532992, 145.316224133675), v=85, p_wilcoxon=0.1688232421875, p_method='exact'),
    # R: t.test(mtcars$mpg, mu = 20); wilcox.test(mtcars$mpg, mu = 20)
    Case('mtcars_mpg', [21,21,22.8,21.4,18.7,18.1,14.3,24.4,22.8,19.2,17.8,16.4,17.3,15.2,10.4,10.4,14.7,32.4,30.4,33.9,21.5,15.5,15.2,13.3,19.2,27.3,26,30.4,15.8,19.7,15,21.4], 20,
         'two-sided', 0.95, t=0.0850600356813336, p=0.93276064090939, ci=(17.9176785087462, 22.2635714912538), v=249, p_wilcoxon=0.78625558422634, p_method='normal approximation with continuity correction'),
    # R: t.test(sleep$extra, mu = 0); wilcox.test(sleep$extra, mu = 0)
    Case('sleep_extra', [0.7,-1.6,-0.2,-1.2,-0.1,3.4,3.7,0.8,0,2,1.9,0.8,1.1,0.1,-0.1,4.4,5.5,1.6,4.6,3.4], 0,
         'two-sided', 0.95, t=3.41296499527011, p=0.00291762040415412, ci=(0.595584499619604, 2.4844155003804), v=162.5, p_wilcoxon=0.00697284245208492, p_method='normal approximation with continuity correction'),
    # R: t.test(ToothGrowth$len, mu = 18); wilcox.test(ToothGrowth$len, mu = 18)
    Case('toothgrowth_len', [4.2,11.5,7.3,5.8,6.4,10,11.2,11.2,5.2,7,16.5,16.5,15.2,17.3,22.5,17.3,13.6,14.5,18.8,15.5,23.6,18.5,33.9,25.5,26.4,32.5,26.7,21.5,23.3,29.5,15.2,21.5,17.6,9.7,14.5,10,8.2,9.4,16.5,9.7,19.7,23.3,23.6,26.4,20,25.2,25.8,21.2,14.5,27.3,25.5,26.4,22.4,24.5,24.8,30.9,26.4,27.3,29.4,23], 18,
         'two-sided', 0.95, t=0.82361005766691, p=0.413478056055772, ci=(16.8373056905246, 20.7893609761421), v=1030.5, p_wilcoxon=0.397151683668895, p_method='normal approximation with continuity correction'),
    # R: t.test(anscombe$y1, mu = 7.2, alternative = 'greater'); wilcox.test(same)
    Case('anscombe_y1_greater', [8.04,6.95,7.58,8.81,8.33,9.96,7.24,4.26,10.84,4.82,5.68], 7.2,
         'greater', 0.95, t=0.491247393037887, p=0.316926974806017, ci=(6.39070263179559, inf), v=40, p_wilcoxon=0.28857421875, p_method='exact'),
    # R: t.test(trees$Volume, mu = 33, alternative = 'less', conf.level = 0.9); wilcox.test(trees$Volume, mu = 33, alternative = 'less')
    Case('trees_volume_less', [10.3,10.3,10.2,16.4,18.8,19.7,15.6,18.2,22.6,19.9,24.2,21,21.4,21.3,19.1,22.2,33.8,27.4,25.7,24.9,34.5,31.7,36.3,38.3,42.6,55.4,55.7,58.3,51.5,51,77], 33,
         'less', 0.9, t=-0.958238966516842, p=0.172800809598882, ci=(-inf, 34.039737962959), v=184, p_wilcoxon=0.106674264212825, p_method='normal approximation with continuity correction'),
]


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_t_and_wilcoxon_match_r(case):
    res = one_sample(pd.DataFrame({"x": case.x}), "x", case.mu, alternative=case.alternative,
                     confidence_level=case.confidence_level)
    assert list(res.columns) == ONE_SAMPLE_COLUMNS
    assert res["test"].tolist() == ["one_sample", "wilcoxon"]
    t_row, w_row = res.iloc[0], res.iloc[1]
    np.testing.assert_allclose([t_row["t"], t_row["p"], t_row["ci_low"], t_row["ci_high"]],
                               [case.t, case.p, *case.ci], rtol=RTOL)
    assert t_row["df"] == len(case.x) - 1
    assert w_row["statistic"] == case.v
    np.testing.assert_allclose(w_row["p"], case.p_wilcoxon, rtol=RTOL)
    assert w_row["p_method"] == case.p_method


@pytest.mark.parametrize("case", CASES, ids=[c.label for c in CASES])
def test_summary_path_agrees_with_raw(case):
    raw = one_sample(pd.DataFrame({"x": case.x}), "x", case.mu, alternative=case.alternative,
                     confidence_level=case.confidence_level).iloc[[0]]
    summary = one_sample_summary(raw["mean"], raw["sd"], raw["n"], case.mu, alternative=case.alternative,
                                 confidence_level=case.confidence_level, dv=raw["dv"])
    numeric = ["t", "df", "p", "ci_low", "ci_high", "se", "cohen_d", "mean_diff"]
    np.testing.assert_allclose(summary[numeric].to_numpy(float), raw[numeric].to_numpy(float), rtol=1e-10)
    assert list(summary.columns) == ONE_SAMPLE_COLUMNS


def test_cohen_d_matches_r():
    # R: effectsize::cohens_d(women$height, mu = 64) -> 0.223606797749979
    res = one_sample(pd.DataFrame({"x": CASES[0].x}), "x", 64).iloc[0]
    assert res["cohen_d"] == pytest.approx(0.223606797749979, rel=RTOL)


def test_many_columns_and_mu_per_column():
    data = pd.DataFrame({"height": CASES[0].x, "weight": CASES[1].x})
    res = one_sample(data, ["height", "weight"], [64, 130])
    assert res["dv"].tolist() == ["height", "height", "weight", "weight"]
    np.testing.assert_allclose(res["p"].to_numpy(), [CASES[0].p, CASES[0].p_wilcoxon, CASES[1].p, CASES[1].p_wilcoxon],
                               rtol=RTOL)
    summary = one_sample_summary(["65.0", "136.73"], ["4.47", "15.50"], [15, 15], [64, 130])
    assert summary["mean"].tolist() == [65.0, 136.73]


@pytest.mark.parametrize("kwargs, message", [
    (dict(n=1), "n = 1"), (dict(n=7.5), "n = 7.5"), (dict(sd=-0.5), "sd = -0.5"), (dict(sd=0), "sd = 0"),
    (dict(mean="two"), "mean"), (dict(confidence_level=1.5), "confidence_level"),
])
def test_bad_summary_input_names_it(kwargs, message):
    args = dict(mean=3.0, sd=1.0, n=20, mu=2.5)
    args.update(kwargs)
    with pytest.raises((InputError, InputTypeError), match=message):
        one_sample_summary(**args)


def test_bad_raw_input_names_it_and_nothing_is_mutated():
    data = pd.DataFrame({"x": [1.0, np.nan, np.nan], "same": [2.0, 2.0, 2.0], "text": ["a", "b", "c"]})
    copy = data.copy(deep=True)
    with pytest.raises(InputError, match="'x'"):
        one_sample(data, "x", 0)
    with pytest.raises(InputError, match="no variation"):
        one_sample(data, "same", 0)
    with pytest.raises(InputTypeError, match="'text'"):
        one_sample(data, "text", 0)
    with pytest.raises(InputError, match="mu has 2 values"):
        one_sample(data, "same", [1, 2])
    pd.testing.assert_frame_equal(data, copy)


def test_top_level_names():
    assert mm.one_sample is one_sample and mm.one_sample_summary is one_sample_summary

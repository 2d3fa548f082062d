"""Tests of mixedmethods.audit.grim: the GRIM article, other published examples, enumeration."""
from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError

from ._data import prints_as, reachable_totals_and_squares


# Brown, N. J. L., & Heathers, J. A. J. (2017; online 2016). The GRIM test: A simple technique
# detects numerous anomalies in the reporting of results in psychology. Social Psychological and
# Personality Science, 8(4), 363-369. doi:10.1177/1948550616673876.  Its worked example opens the
# article (read in the stored copy of the SAGE page, sage-cnpereading-com-443.web.bisu.edu.cn/doi/
# 10.1177/1948550616673876), verbatim:
BROWN_HEATHERS_EXTRACT = (
    "Participants (N = 55) were randomly assigned to drink 200 ml of water that either contained "
    "(experimental condition, N = 28) or did not contain (control condition, N = 27) 17 g of cherry "
    "flavor Kool-Aid® powder. Fifteen minutes after consuming the beverage, participants responded to "
    "the question, “To what extent do you believe that pigs can fly?” on a seven-point scale from 1 "
    "(Not at all) to 7 (Definitely). Participants in the “drank the Kool-Aid” condition reported a "
    "significantly stronger belief in the ability of pigs to fly (M = 5.19, SD = 1.34) than those in "
    "the control condition (M = 3.86, SD = 1.41), t(53) = 3.59, p < .001."
)


def test_grim_reproduces_brown_heathers_worked_example():
    """The GRIM article's fictional Kool-Aid study: neither printed mean fits its cell size.

    Reference values, worked by hand and checked in R 4 (``floor(m * n) + (-1:2)`` divided by n):
    5.19 x 28 = 145.32, and 145/28 = 5.1786, 146/28 = 5.2143, so 5.19 is impossible with N = 28;
    3.86 x 27 = 104.22, and 104/27 = 3.8519, 105/27 = 3.8889, so 3.86 is impossible with N = 27.
    With the two cell sizes swapped both means fit: 140/27 = 5.1852 and 108/28 = 3.8571.
    R: t from the printed summaries (Student, pooled SD) = 3.586711, two-sided p = 0.000730,
    so the printed t(53) = 3.59, p < .001 is itself consistent.
    """
    res = audit.grim([5.19, 3.86], [28, 27])
    assert res["consistent"].tolist() == [False, False]
    assert "145/28 = 5.1786 and 146/28 = 5.2143" in res.loc[0, "reason"]
    assert "104/27 = 3.8519 and 105/27 = 3.8889" in res.loc[1, "reason"]
    assert audit.grim([5.19, 3.86], [27, 28])["consistent"].tolist() == [True, True]

    # The article's t-test, read from its own sentence, checks out.
    checked = audit.check(BROWN_HEATHERS_EXTRACT)
    assert checked[["test", "df2", "statistic", "p_comparison", "p_reported"]].values.tolist() == [
        ["t", 53.0, 3.59, "<", 0.001]]
    assert checked.loc[0, "consistent"] and not checked.loc[0, "decision_error"]

    # GRIMMER (Anaya 2016) goes further than the article could: with the sizes swapped the means
    # fit, but SD 1.34 with mean 5.19 and n = 27 does not.  Reference: every (total, sum of squares)
    # 27 or 28 answers on 1-7 can have, enumerated above; no audit code.
    reachable = {n: reachable_totals_and_squares(n, 1, 7) for n in (27, 28)}
    expected = {}
    for mean, sd, n in [(5.19, 1.34, 28), (3.86, 1.41, 27), (5.19, 1.34, 27), (3.86, 1.41, 28)]:
        expected[(mean, sd, n)] = any(
            prints_as(t / n, mean, 2) and prints_as(math.sqrt(max(q - t * t / n, 0) / (n - 1)), sd, 2)
            for t, q in reachable[n])
    assert list(expected.values()) == [False, False, False, True]
    g = audit.grimmer([5.19, 3.86, 5.19, 3.86], [1.34, 1.41, 1.34, 1.41], [28, 27, 27, 28])
    assert g["consistent"].tolist() == list(expected.values())

    # So no split of the 55 participants fits everything the extract prints.
    splits = audit.feasible_group_sizes("5.19", "1.34", "3.86", "1.41", t="3.59", df="53", n_total=55,
                                        scale_min=1, scale_max=7)
    assert not splits["feasible"].any()
    as_printed = splits.set_index("n1").loc[28]
    assert not as_printed["grim1"] and not as_printed["grim2"] and as_printed["t_fits"]
    swapped = splits.set_index("n1").loc[27]
    assert swapped["grim1"] and swapped["grim2"] and not swapped["grimmer1"] and swapped["grimmer2"]


def test_grim_worked_examples():
    # Other published illustrations of GRIM, as their sources give them:
    # - 49 participants rating on a 1-7 scale with mean 5.93 (The Economist, 18 June 2016,
    #   "Come again", describing the test): 290/49 = 5.918, 291/49 = 5.939 -> impossible;
    # - a die rolled 20 times averaging 3.48 (the test's Wikipedia article): k/20 ends in 0 or 5
    #   at the second decimal -> impossible.
    # - twelve undergraduates aged 17, 19, 19, 20, 20, 21, 21, 21, 21, 22, 24, 26: total 251,
    #   mean 20.92 (J. Heathers, "The GRIM test - a method for evaluating published research",
    #   Medium, 23 May 2016, the co-author's account of the preprint) -> consistent, and the
    #   next possible mean is 252/12 = 21.00, so 20.93 to 20.99 are impossible with n = 12.
    # R scrutiny's GRIM vignette: grim(x = "5.27", n = 43) is FALSE (226/43 = 5.256, 227/43 = 5.279).
    assert not audit.grim(5.27, 43).loc[0, "consistent"]
    res = audit.grim([20.92, 5.93], [12, 49])
    assert res["consistent"].tolist() == [True, False]
    assert not audit.grim(np.round(np.arange(20.93, 20.995, 0.01), 2), 12)["consistent"].any()
    assert audit.grim(21.00, 12).loc[0, "consistent"]
    assert not audit.grim(3.48, 20).loc[0, "consistent"]
    # Mexico seed: 2.78 with 61 women fails (169/61 = 2.7705, 170/61 = 2.7869).
    assert not audit.grim(2.78, 61).loc[0, "consistent"]


def test_grim_matches_r_scrutiny_readme():
    # R scrutiny's README (lhdjung/scrutiny), an independent implementation: grim_map(pigs1),
    # with its default rounding "up_or_down" (as ours).  (grim_map(pigs2, percent = TRUE) is in
    # test_percentages.py.)
    pigs1 = [("7.22", 32, True), ("4.74", 25, False), ("5.23", 29, False), ("2.57", 24, False),
             ("6.77", 27, False), ("2.68", 28, True), ("7.01", 29, False), ("7.38", 26, True),
             ("3.14", 27, False), ("6.89", 31, False), ("5.00", 25, True), ("0.24", 28, False)]
    res = audit.grim([float(x) for x, _, _ in pigs1], [n for _, n, _ in pigs1])
    assert res["consistent"].tolist() == [c for _, _, c in pigs1]
    # the printed strings themselves (two decimals each, "5.00" included) give the same answer
    as_text = audit.grim([x for x, _, _ in pigs1], [n for _, n, _ in pigs1])
    assert as_text["consistent"].tolist() == [c for _, _, c in pigs1]
    assert (as_text["decimals"] == 2).all()


def test_grim_agrees_with_enumeration():
    means = np.round(np.arange(0, 5.001, 0.01), 2)
    for n in range(1, 26):
        possible = np.arange(0, 5 * n + 1) / n
        expected = [bool(np.any(np.abs(possible - m) <= 0.005 + 1e-9)) for m in means]
        assert audit.grim(means, n)["consistent"].tolist() == expected, n


# -- printed decimals and labels ---------------------------------------------

def test_grim_strings_keep_their_decimals_and_numbers_take_decimals():
    # "2.8" has one decimal: [2.75, 2.85] holds 79/28 = 2.8214, so it is consistent.  "2.80" has
    # two: [2.795, 2.805] holds no k/28 (78/28 = 2.7857, 79/28 = 2.8214).  (Before the one rule,
    # grim("2.8", 28) read two decimals.)
    res = audit.grim(["2.8", "2.80"], 28)
    assert res["decimals"].tolist() == [1, 2]
    assert res["consistent"].tolist() == [True, False]
    assert res["mean"].tolist() == [2.8, 2.8]
    # a number takes decimals= (2 by default), whatever its repr; a string ignores it
    assert not audit.grim(2.8, 28).loc[0, "consistent"]
    assert audit.grim(2.8, 28, decimals=1).loc[0, "consistent"]
    assert audit.grim("2.8", 28, decimals=2).loc[0, "decimals"] == 1
    assert audit.grim(["2.8", 2.8, "−2.80"], 28)["decimals"].tolist() == [1, 2, 2]


def test_grim_refuses_a_number_with_more_decimals_than_stated():
    # 0.151 stated with 2 decimals used to be read as 0.15 silently.
    with pytest.raises(InputError, match=r"mean = 0.151 has more than the 2 decimals stated \(decimals=2\)"):
        audit.grim(0.151, 120, items=3, decimals=2)
    with pytest.raises(InputError, match=r"mean\[1\] = 2.785 has more than the 2 decimals"):
        audit.grim([2.78, 2.785], 61)
    # As printed (three decimals) it is checked: 0.151 x 360 = 54.36, and 54/360 = 0.1500,
    # 55/360 = 0.1528, so no whole total gives it.
    as_text = audit.grim("0.151", 120, items=3)
    assert as_text.loc[0, "decimals"] == 3 and not as_text.loc[0, "consistent"]
    pd.testing.assert_frame_equal(as_text, audit.grim(0.151, 120, items=3, decimals=3))
    with pytest.raises(InputError, match="'2,8' is not a printed number"):
        audit.grim("2,8", 28)


def test_grim_keeps_the_callers_index_or_takes_dv():
    means = pd.Series(["2.78", "2.79"], index=pd.Index(["item 1", "item 2"], name="item"))
    before = means.copy()
    res = audit.grim(means, 61)
    pd.testing.assert_series_equal(means, before)  # the input is not modified
    assert res.index.tolist() == ["item 1", "item 2"] and res.index.name == "item"
    assert res["consistent"].tolist() == [False, True]
    assert not res.loc["item 1", "consistent"]
    # a Series given for n labels the rows too; plain lists give 0, 1, ...
    assert audit.grim(2.78, pd.Series([61, 62], index=[10, 20])).index.tolist() == [10, 20]
    assert audit.grim([2.78, 2.79], 61).index.tolist() == [0, 1]
    # dv= names the rows, and wins over the Series index
    assert audit.grim(means, 61, dv=["a", "b"]).index.tolist() == ["a", "b"]
    assert audit.grim(2.78, 61, dv="women").index.tolist() == ["women"]
    with pytest.raises(InputError, match="dv has 1 labels for 2 rows"):
        audit.grim([2.78, 2.79], 61, dv=["a"])


@pytest.mark.parametrize("check", ["grim", "grimmer", "sd_bounds"])
def test_a_total_past_what_floats_tell_apart_is_refused(check):
    """grim(1e17, 10) said consistent with nearest_below == nearest_above == 1e17: at a total of 1e18 floats no
    longer tell neighbouring totals apart (their spacing is 128)."""
    args = {"grim": (1e17, 10), "grimmer": (1e17, 1.0, 10), "sd_bounds": (1e17, 10)}[check]
    kwargs = {"sd_bounds": {"scale_min": 0, "scale_max": 10**12}}.get(check, {})
    with pytest.raises(InputError, match=r"mean\[0\] = 1e\+17 over 10 answers makes a total of 1e\+18, beyond "
                                         r"1e\+12, the largest total these checks handle"):
        getattr(audit, check)(*args, **kwargs)


def test_sums_of_squares_past_what_floats_tell_apart_are_refused():
    """GRIMMER, the SD bounds and SPRITE form sums of squares of about total²/n: grimmer(1e8, 0.01, 10) said
    consistent (sums of squares near 1e17, spaced 16 apart as floats), though ten whole numbers averaging
    1e8 have SD 0 or at least sqrt(2/9) = 0.4714 (one up and one down by 1 from equal)."""
    with pytest.raises(InputError, match=r"mean\[0\] = 1e\+08 and SD = 0.01 of n = 10: the answers' sum of "
                                         r"squares can reach 1e\+17, beyond 2\*\*53"):
        audit.grimmer(1e8, 0.01, 10)
    with pytest.raises(InputError, match=r"mean\[0\] = 1e\+08 of n = 10 on 0 to 1e\+11: the answers' sum of "
                                         r"squares can reach 1e\+18"):
        audit.sd_bounds(1e8 + 0.5, 10, scale_min=0, scale_max=10**11)  # gave sd_min 0
    # below the limit the same reasoning holds exactly (worked by hand above): 1e6 is T²/n = 1e13
    res = audit.grimmer(1e6, 0.01, 10).iloc[0]
    assert not res["consistent"]
    assert res["sd_nearest_below"] == 0 and res["sd_nearest_above"] == pytest.approx(math.sqrt(2 / 9), abs=1e-12)
    assert audit.grimmer(1e6, "0.47", 10).loc[0, "consistent"]


def test_sd_bounds_on_a_wide_scale_do_not_overflow():
    """sd_bounds(1.0, 10**7, 0..10**12) said the mean is outside the scale: n x scale_max overflowed int64.
    By hand: the SD is 0 when every answer is 1, and largest when one answer holds the whole total, at
    most 10,050,000 (the mean prints as 1.00 up to 1.005): SD = T / sqrt(n)."""
    res = audit.sd_bounds(1.0, 10**7, scale_min=0, scale_max=10**12).iloc[0]
    assert res["consistent"] and res["sd_min"] == 0
    assert res["sd_max"] == pytest.approx(10_050_000 / math.sqrt(10**7), rel=1e-12)


def test_the_sum_of_squares_bound_holds_for_every_sample():
    """largest_sum_of_squares bounds the sum of squares of every sample with a total in the range (by
    enumeration of every sample of n <= 4 on scales within -3..4)."""
    from mixedmethods.audit._totals import largest_sum_of_squares

    for n, low, high in itertools.product(range(1, 5), range(-3, 2), range(0, 5)):
        if low >= high:
            continue
        by_total = {}
        for sample in itertools.product(range(low, high + 1), repeat=n):
            t = sum(sample)
            by_total[t] = max(by_total.get(t, 0), sum(x * x for x in sample))
        totals = sorted(by_total)
        for first, last in itertools.combinations_with_replacement(totals, 2):
            most = max(by_total[t] for t in totals if first <= t <= last)
            assert largest_sum_of_squares(first, last, n, low, high) >= most, (n, low, high, first, last)

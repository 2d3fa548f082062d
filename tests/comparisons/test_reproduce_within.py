"""reproduce_paired and reproduce_one_sample: which test a paper printed, and what cannot be true.

The published example is Table 8 of "Early warning scoring systems versus
standard observations charts for wards in South Africa: a cluster randomized
controlled trial", Trials 16 (2015), doi:10.1186/s13063-015-0624-2 (open
access): nurses' knowledge scores before and after training, paired t-tests
within each trial arm (n = 25 each), printed as mean (SD) in percent, mean
difference (SD) and t-value (df).  Transcribed numbers:

=============  ===========  ============  ===========  ==============
arm            pre          post          difference   t (df)
=============  ===========  ============  ===========  ==============
intervention   41.9 (14.6)  61.4 (27.9)   19.5 (25.6)  3.804 (24)
control        37.2 (18.19) 41.2 (16.22)  4.0 (13.2)   −1.512 (24)
=============  ===========  ============  ===========  ==============

Every printed number can be true; the SDs of the differences imply
correlations of 0.41 and 0.71 between the occasions, and the control arm's t
is negative although its mean rose, while the intervention arm's is positive:
the two rows were computed in opposite directions.
"""
from __future__ import annotations

import math

import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import InputError
from mixedmethods.comparisons import reproduce_one_sample, reproduce_paired

TRIALS_2015_TABLE_8 = pd.DataFrame({
    "arm": ["intervention", "control"],
    "mean_before": ["41.9", "37.2"], "sd_before": ["14.6", "18.19"],
    "mean_after": ["61.4", "41.2"], "sd_after": ["27.9", "16.22"],
    "mean_diff": ["19.5", "4.0"], "sd_diff": ["25.6", "13.2"],
    "n": ["25", "25"], "t": ["3.804", "−1.512"], "df": ["24", "24"],
})

# R's sleep data (t.test(extra[11:20], extra[1:10], paired = TRUE): t = 4.0621, df = 9, p = 0.002833;
# cor = 0.795) printed as a paper would print it.
SLEEP = dict(mean_before="0.75", sd_before="1.79", mean_after="2.33", sd_after="2.00", n="10")


def _one(**printed):
    return pd.DataFrame({k: [v] for k, v in printed.items()})


def test_published_pre_post_table():
    res = reproduce_paired(TRIALS_2015_TABLE_8)
    assert res["arm"].tolist() == ["intervention", "control"]
    assert res["consistent"].tolist() == [True, True]
    assert res["matched_test"].tolist() == ["paired, paired_one_sided"] * 2
    # r implied by the printed SD of the differences: (14.6² + 27.9² − 25.6²) / (2 · 14.6 · 27.9)
    assert res["r_implied"].iloc[0] == pytest.approx((14.6**2 + 27.9**2 - 25.6**2) / (2 * 14.6 * 27.9))
    assert res["r_implied"].iloc[1] == pytest.approx((18.19**2 + 16.22**2 - 13.2**2) / (2 * 18.19 * 16.22))
    assert "r = 0.41" in res["verdict"].iloc[0] and "plausible" in res["verdict"].iloc[0]
    assert "negative although the mean rose" in res["verdict"].iloc[1]
    assert "negative" not in res["verdict"].iloc[0]


def test_sleep_printed_with_t_implies_its_r():
    res = reproduce_paired(_one(**SLEEP, t="4.06", df="9", p=".003")).iloc[0]
    assert res["matched_test"] == "paired" and res["consistent"]
    assert res["r_implied_low"] <= 0.795 <= res["r_implied_high"]
    assert res["p"] == pytest.approx(0.00283, abs=2e-4)
    assert "implies r = 0.79" in res["verdict"] and "plausible" in res["verdict"]


def test_wrong_p_is_named_with_what_it_should_be():
    res = reproduce_paired(_one(**SLEEP, t="4.06", df="9", p=".03")).iloc[0]
    assert not res["consistent"] and res["matched_test"] == ""
    assert res["verdict"].startswith("p = .03 cannot be true: t(9) = 4.06 gives p = .003")


def test_independent_groups_test_on_paired_data_is_recognised():
    # t.test(after, before, var.equal = TRUE) on the sleep data: t = 1.8608, df = 18, p = 0.0792
    res = reproduce_paired(_one(**SLEEP, t="1.86", df="18", p=".079")).iloc[0]
    assert res["matched_test"] == "student, welch"
    assert "pairing of the two occasions was ignored" in res["verdict"]


def test_a_t_no_correlation_allows_is_impossible():
    # sd_diff = 1.58 · sqrt(10) / 30 = 0.167 < |2.00 − 1.79|: r would exceed 1
    res = reproduce_paired(_one(**SLEEP, t="30.0", df="9")).iloc[0]
    assert not res["consistent"] and res["matched_test"] == ""
    assert res["r_implied"] > 1
    assert "cannot be: a correlation lies in [−1, 1]" in res["verdict"]


def test_impossible_sd_diff_and_mean_diff_are_named():
    res = reproduce_paired(_one(**SLEEP, sd_diff="5.00", mean_diff="1.68")).iloc[0]
    assert not res["consistent"]
    assert "sd_diff = 5.00 cannot be true" in res["verdict"]
    assert "mean_diff = 1.68 cannot be true: it should have been 1.58" in res["verdict"]


def test_printed_r_gives_the_test():
    res = reproduce_paired(_one(**SLEEP, r=".80", t="4.06", df="9")).iloc[0]
    assert res["consistent"] and res["r_implied"] == pytest.approx(0.80)
    assert res["t"] == pytest.approx(1.58 / math.sqrt((1.79**2 + 2.0**2 - 1.6 * 1.79 * 2.0) / 10))


def test_one_sample_consistent_and_errors_named():
    # R: t.test(women$height, mu = 64): t = 0.86603, df = 14, p = 0.4011; d = 0.2236
    good = _one(item="height", mean="65.0", sd="4.47", n="15", mu="64", t="0.87", df="14", p=".40", d="0.22")
    res = reproduce_one_sample(good).iloc[0]
    assert res["item"] == "height" and res["matched_test"] == "one_sample" and res["consistent"]
    assert res["t"] == pytest.approx(1.0 * math.sqrt(15) / 4.47)
    bad = _one(mean="65.0", sd="4.47", n="15", mu="64", t="2.10", df="15", p=".04", d="0.50")
    text = reproduce_one_sample(bad)["verdict"].iloc[0]
    assert "df = 15 cannot be true: it should have been 14" in text
    assert "t = 2.10 cannot be true" in text and "d = 0.50 cannot be true" in text


def test_one_sample_one_sided_p_is_recognised():
    res = reproduce_one_sample(_one(mean="65.0", sd="4.47", n="15", mu="64", t="0.87", df="14", p=".20")).iloc[0]
    assert res["matched_test"] == "one_sample_one_sided"


def test_p_without_t_is_checked_against_every_r():
    # at r = -1 the paired t is smallest: 1.58 sqrt(10) / (1.79 + 2.00) = 1.32 on 9 df, p = .22
    res = reproduce_paired(_one(**SLEEP, p=".60")).iloc[0]
    assert res["verdict"] == "p = .60 cannot be true: the summaries allow p < .001 to .224 (paired t, n − 1 df)."
    assert reproduce_paired(_one(**SLEEP, p=".10"))["consistent"].iloc[0]
    one = reproduce_one_sample(_one(mean="65.0", sd="4.47", n="15", mu="64", p=".04")).iloc[0]
    assert one["verdict"] == "p = .04 cannot be true: the summaries allow p = .378 to .425 (one-sample t, n − 1 df)."


@pytest.mark.parametrize("column, value, message", [
    ("n", "1", "n = 1"), ("sd_before", "-1.2", "sd_before = -1.2"), ("p", "1.5", "p = 1.5"),
    ("r", "1.2", "r = 1.2"), ("df", "0", "df = 0"), ("mean_after", "abc", "mean_after"),
])
def test_bad_paired_input_names_it_and_nothing_is_mutated(column, value, message):
    printed = _one(**SLEEP, t="4.06", r="")
    printed[column] = [value]
    copy = printed.copy(deep=True)
    with pytest.raises(InputError, match=message):
        reproduce_paired(printed)
    pd.testing.assert_frame_equal(printed, copy)


def test_missing_columns_and_wrong_types_are_named():
    with pytest.raises(InputError, match="sd_after"):
        reproduce_paired(pd.DataFrame({"mean_before": ["1"], "sd_before": ["1"], "mean_after": ["1"], "n": ["5"]}))
    with pytest.raises(InputError, match="DataFrame"):
        reproduce_one_sample({"mean": "1"})
    with pytest.raises(InputError, match="sd = -1"):
        reproduce_one_sample(_one(mean="1.0", sd="-1", n="5"))


def test_top_level_names():
    assert mm.reproduce_paired is reproduce_paired and mm.reproduce_one_sample is reproduce_one_sample

"""reproduce_correlation: can a printed r, its df, t, p and interval all be true together?

References: R's ``cor.test`` on any data with r = 0.42 and n = 58 gives
t = 0.42 * sqrt(56 / (1 - 0.42^2)) = 3.46326, p = 0.00103 and the Fisher-z
interval tanh(atanh(0.42) -/+ qnorm(0.975) / sqrt(55)) = [0.181381, 0.611913]
(the same formulas :func:`correlation_summary` is tested with against R).
"""
from __future__ import annotations

import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import InputError
from mixedmethods.comparisons import reproduce_correlation


def _one(**printed):
    return pd.DataFrame({k: [v] for k, v in printed.items()})


def test_consistent_row_and_recomputed_values():
    res = reproduce_correlation(_one(pair="a, b", r=".42", n="58", t="3.46", df="56", p=".001", ci_low=".18",
                                     ci_high=".61")).iloc[0]
    assert res["pair"] == "a, b" and res["consistent"]
    assert res["matched_test"] == "pearson, pearson_one_sided"
    assert res["t"] == pytest.approx(3.46326, rel=1e-5) and res["p"] == pytest.approx(0.00103, rel=1e-2)
    assert res["ci_low"] == pytest.approx(0.181381, rel=1e-5) and res["ci_high"] == pytest.approx(0.611913, rel=1e-5)


@pytest.mark.parametrize("printed, expected", [
    (dict(df="58", p=".001"), "df = 58 cannot be true: it should have been 56 (n − 2; a df equal to n is a common misprint)."),
    (dict(df="56", p=".01"), "p = .01 cannot be true: r = 0.42 with n = 58 gives p = .001"),
    (dict(ci_low=".18", ci_high=".70"), "ci_high = 0.70 cannot be true: it should have been 0.61 to 0.62"),
    (dict(t="4.10"), "t = 4.10 cannot be true: it should have been 3.41 to 3.51"),
])
def test_impossible_numbers_are_named(printed, expected):
    res = reproduce_correlation(_one(r=".42", n="58", **printed)).iloc[0]
    assert not res["consistent"] and res["matched_test"] == ""
    assert res["verdict"].startswith(expected)


def test_one_sided_p_is_recognised():
    assert reproduce_correlation(_one(r=".42", n="58", p=".0005"))["matched_test"].iloc[0] == "pearson_one_sided"


@pytest.mark.parametrize("column, value, message", [
    ("r", "1.2", "r = 1.2"), ("n", "3", "n = 3"), ("p", "-0.1", "p = -0.1"), ("ci_high", "1.5", "ci_high = 1.5"),
])
def test_bad_input_names_it_and_nothing_is_mutated(column, value, message):
    printed = _one(r=".42", n="58", p=".001", ci_high="")
    printed[column] = [value]
    copy = printed.copy(deep=True)
    with pytest.raises(InputError, match=message):
        reproduce_correlation(printed)
    pd.testing.assert_frame_equal(printed, copy)


def test_top_level_name():
    assert mm.reproduce_correlation is reproduce_correlation

"""Tests of mixedmethods.audit.percent_counts."""
from __future__ import annotations

import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError


def test_percentages_match_r_scrutiny_readme():
    # R scrutiny's README (lhdjung/scrutiny), an independent implementation:
    # grim_map(pigs2, percent = TRUE), with its default rounding "up_or_down" (as ours).
    pigs2 = [(67.4, False), (54.2, False), (54.0, True), (69.8, False), (68.1, False), (55.4, False)]
    res = audit.percent_counts([p for p, _ in pigs2], 150)
    assert res["consistent"].tolist() == [c for _, c in pigs2]


def test_percent_counts_strings_keep_their_decimals_and_numbers_take_decimals():
    # 61/95 = 64.2105%: prints as 64.2 (one decimal) and as 64.21 (two), not as 64.20.
    res = audit.percent_counts(["64.2", "64.21", "64.20"], 95)
    assert res["decimals"].tolist() == [1, 2, 2]
    assert res["consistent"].tolist() == [True, True, False]
    # numbers take decimals= (1 by default for percentages); more decimals than that is an error
    pd.testing.assert_frame_equal(audit.percent_counts(64.21, 95, decimals=2), res.iloc[[1]].reset_index(drop=True))
    with pytest.raises(InputError, match=r"percent = 64.21 has more than the 1 decimals stated \(decimals=1\)"):
        audit.percent_counts(64.21, 95)
    with pytest.raises(TypeError):
        audit.percent_counts(64.21, 95, 2)  # decimals= is keyword-only
    with pytest.raises(InputError, match="not between 0 and 100"):
        audit.percent_counts("100.5", 95)


def test_percent_counts_keeps_the_callers_index_or_takes_dv():
    printed = pd.DataFrame({"percent": ["64.2", "71.2"], "n": [95, 95]}, index=["women", "married"])
    res = audit.percent_counts(printed["percent"], printed["n"])
    assert res.index.tolist() == ["women", "married"]
    assert res.loc["women", "counts"] == "61" and not res.loc["married", "consistent"]
    assert audit.percent_counts([64.2, 71.2], 95, dv=["a", "b"]).index.tolist() == ["a", "b"]

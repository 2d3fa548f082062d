"""Tests of mixedmethods.audit.check_table: a table of printed descriptives through every check at once."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError, InputTypeError

DATA = Path(__file__).resolve().parents[2] / "data" / "mexico_omi"


def test_mexico_omi_table_flags_the_four_means_that_fail_grim():
    # The four t-tests of the Mexico study (data/mexico_omi/omi_ttests.csv), 61 women and 34 men,
    # a six-point scale scored 0-5.  2.78, 2.40 (n 61), 1.25 and 3.77 (n 34) fail GRIM (worked by
    # hand: 169/61 = 2.7705, 170/61 = 2.7869; 146/61 = 2.3934, 147/61 = 2.4098; 42/34 = 1.2353,
    # 43/34 = 1.2647; 128/34 = 3.7647, 129/34 = 3.7941).
    t = pd.read_csv(DATA / "omi_ttests.csv", dtype=str)
    columns = ["item_id", "group", "mean", "sd"]
    long = pd.concat([t[["item_id", f"group{g}", f"mean{g}", f"sd{g}"]].set_axis(columns, axis=1) for g in (1, 2)],
                     ignore_index=True)
    long["n"] = long["group"].map({"women": 61, "men": 34})
    long.index = [f"{i}-{g}" for i, g in zip(long["item_id"], long["group"])]
    before = long.copy()
    res = audit.check_table(long, scale_min=0, scale_max=5)
    pd.testing.assert_frame_equal(long, before)  # the caller's table is not modified
    assert list(res.columns) == list(long.columns) + audit.CHECK_TABLE_COLUMNS
    assert res.index.tolist() == long.index.tolist()
    failing = res.loc[~res["consistent"], "mean"].tolist()
    assert sorted(failing) == sorted(["2.78", "2.40", "1.25", "3.77"])
    assert (~res.loc[~res["consistent"], "grim_consistent"]).all()
    assert res.loc[res["consistent"], ["grimmer_consistent", "sd_consistent"]].all().all()
    assert res.loc["1-women", "reason"] == ("mean 2.78 (n = 61) fails GRIM: 2.78 is not a mean of 61 whole numbers: "
                                            "the nearest are 169/61 = 2.7705 and 170/61 = 2.7869")
    # ".84" keeps its two decimals, "1.0" its one
    assert res.loc["3-men", "sd_max"] == pytest.approx(audit.sd_bounds("1.0", 34, scale_min=0, scale_max=5)
                                                       .loc[0, "sd_max"])


def test_mexico_demographics_percentages_of_95():
    # data/mexico_omi/README.md: the workplace percentages add up to 99.6 % because no count out of
    # 95 gives 71.2 % (67/95 = 70.53 %, 68/95 = 71.58 %); every other percentage fits 95.
    demographics = pd.read_csv(DATA / "demographics.csv", dtype=str)
    res = audit.check_table(demographics)
    assert res.loc[~res["consistent"], "percent"].tolist() == ["71.2"]
    assert res["percent_consistent"].notna().all() and res["grim_consistent"].isna().all()
    assert "71.2% of 95: " in res.loc[~res["consistent"], "reason"].iloc[0]


def test_mexico_descriptives_means_typed_as_a_table():
    # data/mexico_omi/descriptives.csv prints the mean age (39.79) and mean years in the field (12.33)
    # of the 95 participants; ages and years are whole numbers: 3780/95 = 39.789, 1171/95 = 12.326.
    descriptives = pd.read_csv(DATA / "descriptives.csv", dtype=str).set_index("quantity")
    table = pd.DataFrame({"mean": descriptives.loc[["age mean", "years in the field mean"], "value"], "n": 95})
    res = audit.check_table(table)
    assert res["grim_consistent"].tolist() == [True, True]
    assert res["consistent"].all() and (res["reason"] == "").all()
    # with the 89 participants analysed for the themes they fit too (3541/89 = 39.787, 1097/89 = 12.326):
    # GRIM cannot tell which n the means are of; with 2 decimals and 30 people it could (3.40 has no
    # total: 102/30 = 3.4000 fits, 3.41 does not: 102/30 = 3.4000, 103/30 = 3.4333)
    assert audit.check_table(table.assign(n=89))["grim_consistent"].tolist() == [True, True]
    assert audit.check_table(pd.DataFrame({"mean": ["3.40", "3.41"], "n": 30}))["consistent"].tolist() == [True, False]


def test_a_table_typed_from_a_paper_with_gaps_and_numbers():
    table = pd.DataFrame(
        {"what": ["age", "score", "score", "women", "rating"],
         "mean": [24.5, 3.44, np.nan, np.nan, 1.00],
         "sd": [3.1, 2.47, np.nan, np.nan, 3.00],
         "n": [20, 18, 30, np.nan, 10],
         "percent": [np.nan, np.nan, 40.0, 55.5, np.nan],
         "percent_of": [np.nan, np.nan, np.nan, 200, np.nan]},
        index=list("abcde"),
    )
    res = audit.check_table(table, scale_min=1, scale_max=5, decimals_sd=2)
    # b: GRIMMER (Anaya 2016, worked in test_grimmer.py); c: 40.0 % of its n = 30 is 12;
    # d: 55.5 % of 200 is 111; e: a mean of 1.00 on 1-5 has SD 0, not 3.00
    assert res["consistent"].tolist() == [False, False, True, True, False]
    assert not res.loc["b", "grimmer_consistent"]  # False, not missing (bool(pd.NA) raises)
    assert res.loc["b", "reason"].startswith("mean 3.44 with SD 2.47 fails GRIMMER: with n = 18 and total 62")
    assert pd.isna(res.loc["c", "grim_consistent"]) and res.loc["c", "percent_consistent"]
    assert res.loc["e", "reason"].endswith("is above the largest SD (0.0000) that 10 answers on 1 to 5 "
                                           "with this mean can have")
    # a: 24.5 with one decimal stated?  As numbers, means take decimals_mean=2: 24.50 x 20 = 490
    assert res.loc["a", "grim_consistent"]
    assert not res.loc["a", "sd_consistent"]  # ages on a 1-5 scale: 24.5 is outside it
    assert "outside the scale" in res.loc["a", "reason"]


def test_check_table_agrees_with_the_functions_row_by_row():
    rng = np.random.default_rng(7)
    size = 60
    table = pd.DataFrame({
        "mean": [f"{x:.2f}" for x in rng.uniform(1, 5, size)],
        "sd": [f"{x:.2f}" for x in rng.uniform(0.2, 1.9, size)],
        "n": rng.integers(2, 40, size),
        "percent": [f"{x:.1f}" for x in rng.uniform(0, 100, size)],
    })
    res = audit.check_table(table, scale_min=1, scale_max=5)
    for i, row in table.iterrows():
        n = int(row["n"])
        grim_ok = audit.grim(row["mean"], n).loc[0, "consistent"]
        assert res.loc[i, "grim_consistent"] == grim_ok
        if grim_ok:
            assert res.loc[i, "grimmer_consistent"] == audit.grimmer(row["mean"], row["sd"], n).loc[0, "consistent"]
            bounds = audit.sd_bounds(row["mean"], n, scale_min=1, scale_max=5).iloc[0]
            assert res.loc[i, "sd_min"] == pytest.approx(bounds["sd_min"], nan_ok=True)
        else:
            assert pd.isna(res.loc[i, "grimmer_consistent"])
        assert res.loc[i, "percent_consistent"] == audit.percent_counts(row["percent"], n).loc[0, "consistent"]
    checks = res[["grim_consistent", "grimmer_consistent", "sd_consistent", "percent_consistent"]]
    assert (res["consistent"] == ~(checks == False).any(axis=1)).all()  # noqa: E712
    assert ((res["reason"] == "") == res["consistent"]).all()


def test_check_table_bad_input():
    with pytest.raises(InputTypeError, match="DataFrame"):
        audit.check_table([[2.5, 1.0, 10]])
    with pytest.raises(InputError, match="'mean' column"):
        audit.check_table(pd.DataFrame({"average": [2.5]}))
    with pytest.raises(InputError, match="has a mean but no n"):
        audit.check_table(pd.DataFrame({"mean": ["2.5", "2.6"], "n": [10, None]}))
    with pytest.raises(InputError, match="both scale_min and scale_max"):
        audit.check_table(pd.DataFrame({"mean": ["2.5"], "n": [10]}), scale_min=1)
    with pytest.raises(InputError, match="whole number of people"):
        audit.check_table(pd.DataFrame({"mean": ["2.5"], "n": [10.5]}))
    with pytest.raises(InputError, match="more than the 2 decimals stated"):
        audit.check_table(pd.DataFrame({"mean": [2.555], "n": [10]}))
    assert audit.check_table(pd.DataFrame({"mean": [2.555], "n": [10]}), decimals_mean=3)["consistent"].all() \
        == audit.grim("2.555", 10).loc[0, "consistent"]

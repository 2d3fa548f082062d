"""Tests of mixedmethods.audit.feasible_group_sizes and t_range."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError

from . import _timed


def test_feasible_group_sizes_brute_force_rules():
    res = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88", n_total=(89, 95),
                                     scale_min=0, scale_max=5)
    # Every split is listed once.
    assert len(res) == sum(total - 3 for total in range(89, 96))
    # GRIM columns equal the definition: some whole total k with k/n rounding to the mean.
    for _, row in res.sample(40, random_state=0).iterrows():
        for mean, n, col in ((3.77, row["n1"], "grim1"), (3.33, row["n2"], "grim2")):
            fits = any(abs(k / n - mean) <= 0.005 + 1e-9 for k in range(0, 5 * n + 1))
            assert row[col] == fits
    # Student's df fits only when n1 + n2 = 90.
    student = res["test"].str.contains("student")
    assert (res.loc[student, "n_total"] == 90).all()
    feasible = res[res["feasible"]]
    assert feasible[["n_total", "n1", "n2"]].values.tolist() == [[90, 47, 43], [93, 35, 58]]
    # Recompute the Student t of the (47, 43) split from the printed values, by hand:
    # sp = sqrt((46 * .84² + 42 * 1.15²) / 88) = 1.00001, se = sp * sqrt(1/47 + 1/43) = 0.21103,
    # t = .44 / .21103 = 2.0850; the rounding box reaches 2.12 (.45 / .20999 = 2.1430, with the
    # SDs at .835 and 1.145).
    assert feasible.iloc[0]["test"] == "student"
    assert (res.loc[~res["feasible"], "reason"] != "").all()


def test_feasible_group_sizes_equal_var_and_errors():
    res = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="88", n_total=90,
                                     scale_min=0, scale_max=5, equal_var=False)
    assert not res["test"].str.contains("student").any()
    with pytest.raises(InputError):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="0", n_total=90, scale_min=0, scale_max=5)
    with pytest.raises(InputError):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="88", n_total=3, scale_min=0, scale_max=5)


def test_feasible_group_sizes_reads_decimals_from_printed_strings():
    """"1.5" is a one-decimal mean: the same as passing decimals_mean2=1 with a float."""
    as_text = audit.feasible_group_sizes("2.78", "2.30", "1.5", "2.14", t="2.53", df="93", n_total=95,
                                         scale_min=0, scale_max=5)
    as_numbers = audit.feasible_group_sizes(2.78, 2.30, 1.5, 2.14, t="2.53", df="93", n_total=95,
                                            scale_min=0, scale_max=5, decimals_mean2=1)
    pd.testing.assert_frame_equal(as_text, as_numbers)
    # with 1.5 read as 1.50 the answer differs (GRIM then tests two decimals for the men)
    as_two = audit.feasible_group_sizes(2.78, 2.30, 1.5, 2.14, t="2.53", df="93", n_total=95,
                                        scale_min=0, scale_max=5)
    assert not as_two["grim2"].equals(as_text["grim2"])


# -- printed decimals and labels ---------------------------------------------

def test_feasible_group_sizes_numbers_take_the_stated_decimals():
    # A number takes decimals_t / decimals_df (2 by default), never what its repr suggests (before
    # the one rule, t = 2.1 and df = 88 were read with 1 and 0 decimals).
    common = dict(n_total=(89, 95), scale_min=0, scale_max=5)
    as_numbers = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t=-2.1, df=88, **common)
    as_text = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.10", df="88.00", **common)
    pd.testing.assert_frame_equal(as_numbers, as_text)
    # printed as "88" the df stands for 87.5 to 88.5, which the Welch df of the (35, 58) split
    # reaches; "88.00" does not reach it.
    as_printed = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.1", df="88", **common)
    assert as_printed.loc[as_printed["feasible"], ["n1", "n2"]].values.tolist() == [[47, 43], [35, 58]]
    assert as_numbers.loc[as_numbers["feasible"], ["n1", "n2"]].values.tolist() == [[47, 43]]
    with pytest.raises(InputError, match=r"t = 2.125 has more than the 2 decimals stated \(decimals_t=2\)"):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t=2.125, df=88, n_total=90, scale_min=0, scale_max=5)
    with pytest.raises(InputError, match=r"mean1 = 3.775 has more than the 2 decimals"):
        audit.feasible_group_sizes(3.775, 0.84, 3.33, 1.15, t="2.12", df="88", n_total=90, scale_min=0,
                                   scale_max=5)


def test_t_range_strings_keep_their_decimals():
    # The docstring's case: "1.5" has one decimal, as decimals_mean2=1 says for the number.
    as_text = audit.t_range("2.78", "2.30", 61, "1.5", "2.14", 34)
    pd.testing.assert_frame_equal(as_text, audit.t_range(2.78, 2.30, 61, 1.5, 2.14, 34, decimals_mean2=1))
    assert as_text[["student_t_low", "student_t_high"]].round(3).values.tolist() == [[2.544, 2.785]]
    with pytest.raises(InputError, match=r"sd1 = 2.305 has more than the 2 decimals"):
        audit.t_range(2.78, 2.305, 61, 1.5, 2.14, 34, decimals_mean2=1)


def test_t_range_keeps_the_callers_index_or_takes_dv():
    printed = pd.DataFrame({"mean1": ["2.78", "3.77"], "sd1": ["2.30", "0.84"], "mean2": ["1.5", "3.33"],
                            "sd2": ["2.14", "1.15"]}, index=pd.Index([1, 4], name="item_id"))
    res = audit.t_range(printed["mean1"], printed["sd1"], 61, printed["mean2"], printed["sd2"], 34)
    assert res.index.tolist() == [1, 4] and res.index.name == "item_id"
    labelled = audit.t_range(printed["mean1"], printed["sd1"], 61, printed["mean2"], printed["sd2"], 34,
                             dv=["item 1", "item 4"])
    assert labelled.index.tolist() == ["item 1", "item 4"]
    np.testing.assert_array_equal(labelled.to_numpy(), res.to_numpy())
    with pytest.raises(InputError, match="dv has 3 labels for 2 rows"):
        audit.t_range(printed["mean1"], printed["sd1"], 61, printed["mean2"], printed["sd2"], 34, dv=["a", "b", "c"])


def test_feasible_group_sizes_is_linear_in_the_total_and_bounded():
    # Issue 16: 100,000 participants took 60 s and 7.5 GB (every GRIMMER and SD-bound total of every
    # group size); now a few totals per size.  The test kills it after 2 x its own 60 s limit.
    out = _timed.run_within(2 * 60, """
        import time
        started = time.perf_counter()
        res = mixedmethods.audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88",
                                                      n_total=100_000, scale_min=0, scale_max=5)
        result = {"seconds": time.perf_counter() - started, "rows": len(res),
                  "feasible": int(res["feasible"].sum()), "grimmer": bool(res["grimmer1"].iloc[-1000:].all())}
    """)
    assert out["rows"] == 99_997 and out["feasible"] == 0 and out["grimmer"]
    assert out["seconds"] < 2 * 60
    assert out["peak_mb"] < 1536   # resident, with pandas and the result's 100,000 reasons


def test_feasible_group_sizes_refuses_before_allocating_and_names_its_limits():
    with pytest.raises(InputError, match="more than the 1,000,000 feasible_group_sizes tries"):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88", n_total=(2, 10**6),
                                   scale_min=0, scale_max=5)
    with pytest.raises(InputError, match="max_seconds = 0.001"):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88", n_total=100_000,
                                   scale_min=0, scale_max=5, max_seconds=0.001)

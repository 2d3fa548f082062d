"""Tests of mixedmethods.audit.sd_bounds: hand-worked cases and enumeration of every sample."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError


def test_sd_bounds_hand_worked():
    # mean 4.2, n 5 on 1-7 (rsprite2's example): T = 21; min 4,4,4,4,5 -> var 0.2, SD 0.4472;
    # max 7,7,5,1,1 -> var 9.2, SD 3.0332.
    res = audit.sd_bounds(4.2, 5, scale_min=1, scale_max=7).iloc[0]
    assert res["sd_min"] == pytest.approx(np.sqrt(0.2))
    assert res["sd_max"] == pytest.approx(np.sqrt(9.2))
    # mean 3, n 2 on 1-5: (3, 3) -> 0, (1, 5) -> sqrt(8)
    res = audit.sd_bounds(3, 2, scale_min=1, scale_max=5).iloc[0]
    assert (res["sd_min"], res["sd_max"]) == (0, pytest.approx(np.sqrt(8)))
    # M 1.00, n 34 on 0-5: six 5s, one 4, 27 zeros: var = (166 - 34) / 33 = 4 -> SD 2
    assert audit.sd_bounds(1.0, 34, scale_min=0, scale_max=5).loc[0, "sd_max"] == pytest.approx(2.0)


@pytest.mark.parametrize("n", range(2, 13))
def test_sd_bounds_agree_with_enumeration(n):
    extremes = {}
    for c in itertools.combinations_with_replacement(range(1, 6), n):
        a = np.array(c, dtype=float)
        lo, hi = extremes.get(int(a.sum()), (np.inf, -np.inf))
        sd = a.std(ddof=1)
        extremes[int(a.sum())] = (min(lo, sd), max(hi, sd))
    totals = np.array(sorted(extremes))
    res = audit.sd_bounds(totals / n, n, scale_min=1, scale_max=5, decimals=12)
    np.testing.assert_allclose(res["sd_min"], [extremes[t][0] for t in totals], atol=1e-9)
    np.testing.assert_allclose(res["sd_max"], [extremes[t][1] for t in totals], atol=1e-9)


def test_sd_bounds_reasons():
    res = audit.sd_bounds([2.78, 6.5], [61, 10], scale_min=0, scale_max=5)
    assert res["consistent"].tolist() == [False, False]
    assert res.loc[0, "reason"].startswith("fails GRIM")
    assert "outside the scale" in res.loc[1, "reason"]
    with pytest.raises(InputError, match="scale_min"):
        audit.sd_bounds(3, 10, scale_min=5, scale_max=1)
    with pytest.raises(InputError, match="n"):
        audit.sd_bounds(3, 0, scale_min=1, scale_max=5)


# -- vocabulary, printed decimals and labels -----------------------------------

def test_sd_bounds_takes_the_scale_by_keyword_only():
    with pytest.raises(TypeError):
        audit.sd_bounds(1.0, 34, 0, 5)  # scale_min=, scale_max= as everywhere else


def test_sd_bounds_strings_keep_their_decimals():
    as_text = audit.sd_bounds("1.0", 34, scale_min=0, scale_max=5)
    pd.testing.assert_frame_equal(as_text, audit.sd_bounds(1.0, 34, scale_min=0, scale_max=5, decimals=1))
    assert as_text.loc[0, "decimals"] == 1
    with pytest.raises(InputError, match=r"mean = 1.05 has more than the 1 decimals stated \(decimals=1\)"):
        audit.sd_bounds(1.05, 34, scale_min=0, scale_max=5, decimals=1)


def test_sd_bounds_keeps_the_callers_index_or_takes_dv():
    means = pd.Series([4.2, 2.78], index=["rsprite2", "mexico"])
    res = audit.sd_bounds(means, [5, 61], scale_min=1, scale_max=7)
    assert res.index.tolist() == ["rsprite2", "mexico"]
    assert res.loc["rsprite2", "sd_max"] == pytest.approx(np.sqrt(9.2))
    assert audit.sd_bounds([4.2, 4.0], 5, scale_min=1, scale_max=7, dv=["a", "b"]).index.tolist() == ["a", "b"]


def test_sd_bounds_at_the_few_totals_where_extremes_lie_match_every_total():
    # Issue 16: only ~20 totals per row are evaluated (the SD bounds of feasible_group_sizes at
    # 100,000 participants tried every total of every group size).  Reference: every total.
    from mixedmethods.audit._totals import extreme_sums_of_squares, sd_from_ss, total_bounds

    rng = np.random.default_rng(16)
    size = 400
    low = rng.integers(-3, 3, size)
    high = low + rng.integers(1, 20, size)
    n = rng.integers(2, 3000, size)
    items = rng.integers(1, 4, size)
    decimals = rng.integers(0, 3, size)
    mean = np.array([round(float(m), int(d)) for m, d in zip(rng.uniform(low - 0.1, high + 0.1), decimals)])
    got = audit.sd_bounds(mean, n, scale_min=low, scale_max=high, items=items, decimals=decimals)
    for i in range(size):
        units, lo_u, hi_u = n[i] * items[i], low[i] * items[i], high[i] * items[i]
        first, last = total_bounds(np.array([mean[i]]), np.array([units]), np.array([decimals[i]]))
        totals = np.arange(max(int(first[0]), n[i] * lo_u), min(int(last[0]), n[i] * hi_u) + 1)
        if totals.size == 0:
            assert np.isnan(got["sd_min"].iloc[i]) and np.isnan(got["sd_max"].iloc[i])
            continue
        ss_min, ss_max = extreme_sums_of_squares(totals, n[i], lo_u, hi_u)
        assert got["sd_min"].iloc[i] == (sd_from_ss(ss_min, totals, n[i]) / items[i]).min()
        assert got["sd_max"].iloc[i] == (sd_from_ss(ss_max, totals, n[i]) / items[i]).max()

"""Tests of mixedmethods.audit.sprite and count_samples against enumeration of every sample."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError, InputTypeError
from mixedmethods.audit import _samples

from . import _timed
from ._data import all_samples, prints_as


# Means and SDs of samples chosen by hand, e.g. 1,1,2,2,3,3,3,4,4,5,5,5 -> 3.17, 1.47.
SMALL_CASES = [(3.0, 1.41, 10), (3.17, 1.47, 12), (3.38, 1.41, 8), (3.73, 1.19, 11), (4.0, 0.82, 7)]


@pytest.mark.parametrize("method", ["enumeration", "search", "search on answers"])
@pytest.mark.parametrize(("mean", "sd", "n"), SMALL_CASES)
def test_sprite_finds_exactly_the_enumerated_samples(mean, sd, n, method, monkeypatch):
    if method != "enumeration":  # too little room to enumerate: sprite falls back on its random search
        monkeypatch.setattr(_samples, "ENUMERATION_LIMIT", 0)
    if method == "search on answers":  # as on a scale of more levels than the counts per level handle
        monkeypatch.setattr(_samples, "MOST_LEVELS", 0)
    expected = all_samples(mean, sd, n, 1, 5)
    assert expected  # the cases are possible
    got = audit.sprite(mean, sd, n, scale_min=1, scale_max=5, k=10_000, seed=3)
    assert {tuple(int(v) for v in row) for row in got} == expected


@pytest.mark.parametrize(("mean", "sd", "n"), SMALL_CASES)
def test_count_samples_matches_enumeration(mean, sd, n):
    expected = all_samples(mean, sd, n, 1, 5)
    res = audit.count_samples(mean, sd, n, scale_min=1, scale_max=5)
    assert res["n_samples"].sum() == len(expected)
    by_pair = {}
    for c in expected:
        key = (sum(c), sum(v * v for v in c))
        by_pair[key] = by_pair.get(key, 0) + 1
    assert dict(zip(zip(res["total"], res["sum_of_squares"]), res["n_samples"])) == by_pair
    assert np.allclose(res["sd"], [np.std(next(c for c in expected if (sum(c), sum(v * v for v in c)) == k),
                                          ddof=1) for k in zip(res["total"], res["sum_of_squares"])])


def test_count_samples_of_the_issue_case_and_its_limits(monkeypatch):
    # n 61, M 2.79, SD 2.30 on 0-5: an exhaustive count over all C(66, 5) = 8,936,928 count
    # vectors (c0..c5) summing to 61 (benchmarks/bench_audit.py, numpy, no audit code) finds
    # 41 samples with sum of squares 790 and 36 with 792, all with total 170.
    res = audit.count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)
    assert res[["total", "sum_of_squares", "n_samples"]].values.tolist() == [[170, 790, 41], [170, 792, 36]]
    with pytest.raises(audit.ImpossibleSummaryError, match="GRIMMER"):
        audit.count_samples(1.00, 1.99, 34, scale_min=0, scale_max=5)
    monkeypatch.setattr(_samples, "ENUMERATION_LIMIT", 10)
    with pytest.raises(InputError, match="Too many samples of n = 61 on 0–5"):
        audit.count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)


def test_sprite_draws_k_of_many_samples_at_random():
    # 2,216 samples print as M 2.8 (one decimal), SD 2.05 with n 61 on 0-5 (bench_audit.py's
    # enumeration): k = 50 of them, distinct, valid, seeded; another seed gives others.
    total = audit.count_samples(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1)["n_samples"].sum()
    assert total == 2216
    a = audit.sprite(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1, k=50, seed=1)
    b = audit.sprite(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1, k=50, seed=2)
    assert a.shape == (50, 61) and len({tuple(r) for r in a}) == 50
    assert np.all(np.abs(a.mean(axis=1) - 2.8) <= 0.05 + 1e-12)
    assert np.all(np.abs(a.std(axis=1, ddof=1) - 2.05) <= 0.005 + 1e-12)
    assert {tuple(r) for r in a} != {tuple(r) for r in b}


def test_sprite_warns_when_its_time_runs_out(monkeypatch):
    monkeypatch.setattr(_samples, "ENUMERATION_LIMIT", 0)
    # far more than a million samples have M 4.00, SD 1.51 with n 61 on 1-7: time runs out first, and
    # the warning says the search is incomplete (with what it found, or that it found none yet)
    with pytest.warns(RuntimeWarning, match=r"max_seconds = 0\.2.*the search is incomplete"):
        audit.sprite(4.00, 1.51, 61, scale_min=1, scale_max=7, k=1_000_000, max_seconds=0.2, seed=1)
    with pytest.warns(RuntimeWarning, match="stopped at max_seconds = 3 with .* of the 1000000 samples"):
        got = audit.sprite(4.00, 1.51, 61, scale_min=1, scale_max=7, k=1_000_000, max_seconds=3, seed=1)
    assert 0 < got.shape[0] < 1_000_000


def test_sprite_is_seeded_and_returns_valid_distinct_samples():
    a = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=20, seed=7)
    b = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=20, seed=7)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (20, 61) and len({tuple(r) for r in a}) == 20
    assert np.all(np.abs(a.mean(axis=1) - 2.79) <= 0.005 + 1e-12)
    assert np.all(np.abs(a.std(axis=1, ddof=1) - 2.30) <= 0.005 + 1e-12)
    assert a.min() >= 0 and a.max() <= 5


def test_sprite_returns_every_sample_when_fewer_than_k_exist():
    # Exhaustive count over (c0..c5) with sum 61, total 170, sum of squares 790 or 792: 41 + 36.
    got = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=1000, seed=1)
    assert got.shape == (77, 61)


@pytest.mark.parametrize(
    ("args", "check"),
    [
        ((1.00, 1.99, 34, 0, 5), "GRIMMER"),   # Q = 165 would be needed, odd while T = 34 is even
        ((2.78, 2.30, 61, 0, 5), "GRIM"),      # 2.78 is not k/61
        ((1.00, 2.10, 34, 0, 5), "SD bounds"), # the largest SD for mean 1 on 0-5 with n 34 is 2.000
        ((5.50, 1.00, 10, 0, 5), "outside the scale"),
    ],
)
def test_sprite_says_why_impossible_before_searching(args, check, monkeypatch):
    mean, sd, n, low, high = args

    def no_search(*args, **kwargs):
        raise AssertionError("sprite searched although the checks rule the summary out")

    monkeypatch.setattr(_samples, "sprite_batch", no_search)
    monkeypatch.setattr(_samples, "exact_samples", no_search)
    with pytest.raises(audit.ImpossibleSummaryError, match=check):
        audit.sprite(mean, sd, n, scale_min=low, scale_max=high)


def test_sprite_bad_input():
    with pytest.raises(InputError):
        audit.sprite(2.0, -1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError):
        audit.sprite(2.0, 1.0, 0, scale_min=1, scale_max=5)
    with pytest.raises(InputTypeError):
        audit.sprite(None, 1.0, 10, scale_min=1, scale_max=5)
    # a string is read as a printed number (it keeps its decimals), so text that is not one is a bad value
    with pytest.raises(InputError, match="mean = 'two' is not a printed number"):
        audit.sprite("two", 1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="sd = -1 is negative"):
        audit.count_samples(2.0, -1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="n = 1; a whole number >= 2"):
        audit.count_samples(2.0, 1.0, 1, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="scale_min must be below scale_max"):
        audit.count_samples(2.0, 1.0, 10, scale_min=5, scale_max=1)


def test_sprite_proves_a_gap_between_reachable_sds():
    """SD 1.63 with mean 1.0, n = 4 on 0–5 passes GRIM, GRIMMER and the SD bounds, yet no sample has it.

    Reference: enumeration of every multiset of 4 answers in 0..5 (below), not our code.
    """
    samples = itertools.combinations_with_replacement(range(6), 4)
    reachable = {round(float(np.std(s, ddof=1)) + 1e-12, 2) for s in samples if sum(s) == 4}
    assert reachable == {0.0, 0.82, 1.15, 1.41, 2.0}  # so 1.63 is not reachable
    assert audit.grimmer(1.0, 1.63, 4, decimals_mean=1)["consistent"].iloc[0]
    bounds = audit.sd_bounds(1.0, 4, scale_min=0, scale_max=5, decimals=1).iloc[0]
    assert bounds["sd_min"] <= 1.63 <= bounds["sd_max"]
    with pytest.raises(audit.ImpossibleSummaryError, match="falls in a gap.*nearest are 1.4142 and 2.0000"):
        audit.sprite(1.0, 1.63, 4, scale_min=0, scale_max=5, decimals_mean=1)


def test_sprite_names_the_sds_reachable_on_the_scale():
    # ../shared/ANCHORS.md (measured there): the SDs reachable near 1.99 with M 1.00, n 34 on 0–5 are 1.938, 1.954 and 2.000
    with pytest.raises(audit.ImpossibleSummaryError, match="0–5 scale the nearest SDs .* are 1.9540 and 2.0000"):
        audit.sprite(1.00, 1.99, 34, scale_min=0, scale_max=5)


# -- printed decimals ----------------------------------------------------------

def test_sprite_and_count_samples_read_printed_strings():
    # "2.8" has one decimal: 2,216 samples (bench_audit.py's enumeration, as above).
    as_text = audit.count_samples("2.8", "2.05", 61, scale_min=0, scale_max=5)
    pd.testing.assert_frame_equal(
        as_text, audit.count_samples(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1))
    assert as_text["n_samples"].sum() == 2216
    a = audit.sprite("2.8", "2.05", 61, scale_min=0, scale_max=5, k=50, seed=1)
    b = audit.sprite(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1, k=50, seed=1)
    np.testing.assert_array_equal(a, b)
    with pytest.raises(InputError, match=r"mean = 2.795 has more than the 2 decimals stated \(decimals_mean=2\)"):
        audit.sprite(2.795, 2.30, 61, scale_min=0, scale_max=5)
    with pytest.raises(InputError, match=r"sd = 2.3 has more than the 0 decimals stated \(decimals_sd=0\)"):
        audit.count_samples(2.79, 2.3, 61, scale_min=0, scale_max=5, decimals_sd=0)


# --------------------------------------------------------------------------- issue 16: limits
def test_sprite_honours_max_seconds_on_a_wide_scale():
    # Issue 16: n = 1,000 on 0-100 took 20 s with a 5 s limit, and past 120 s on 0-1000.  Now the
    # limit is checked at every step: each call ends within 2 x its 5 s (the subprocess is killed
    # after that plus the import), returning samples that fit or saying the search is incomplete.
    out = _timed.run_within(2 * 3 * 5, """
        import time, numpy as np
        result = {}
        for name, mean, sd, high in (("0-100", 30.00, 40.00, 100), ("0-1000", 300.00, 400.00, 1000)):
            started = time.perf_counter()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                got = mixedmethods.audit.sprite(mean, sd, 1000, scale_min=0, scale_max=high, k=10, seed=1,
                                                max_seconds=5, progress=False)
            result[name] = {
                "seconds": time.perf_counter() - started, "rows": got.shape[0],
                "means": sorted(set(np.round(got.mean(axis=1), 2).tolist())),
                "sds": sorted(set(np.round(got.std(axis=1, ddof=1), 2).tolist())),
                "incomplete": any("incomplete" in str(w.message) for w in caught),
            }
    """)
    for name, mean, sd in (("0-100", 30.0, 40.0), ("0-1000", 300.0, 400.0)):
        r = out[name]
        assert r["seconds"] < 2 * 5
        assert r["rows"] == 10 or r["incomplete"]
        assert r["rows"] > 0 or name == "0-1000"  # 0-100 finds its 10 in 0.5-0.8 s: an empty answer is a bug
        assert set(r["means"]) <= {mean} and set(r["sds"]) <= {sd}


def test_sprite_memory_does_not_grow_with_chains_times_n():
    # Issue 16: n = 10^7 allocated 256 x n integers (19 GiB).  One sample of 10^7 answers is 76 MiB;
    # the search itself works on counts per level.
    out = _timed.run_within(2 * 30, """
        import numpy as np
        got = mixedmethods.audit.sprite(2.79, 2.30, 10**7, scale_min=0, scale_max=5, k=1, seed=1,
                                        max_seconds=30, progress=False)
        result = {"rows": got.shape[0], "mean": round(float(got.mean()), 2),
                  "sd": round(float(got.std(ddof=1)), 2)}
    """)
    assert out["rows"] == 1 and (out["mean"], out["sd"]) == (2.79, 2.30)
    assert out["peak_mb"] < 1024   # resident, with pandas; 256 x n integers were 19 GiB


def test_sprite_refuses_more_answers_than_it_returns():
    with pytest.raises(InputError, match="more than the 100,000,000 sprite returns"):
        audit.sprite(2.79, 2.30, 10**7, scale_min=0, scale_max=5, k=11)


def test_sprite_progress_line_without_tqdm(monkeypatch, capsys):
    import builtins

    from mixedmethods._limits import Progress

    real_import = builtins.__import__

    def no_tqdm(name, *args, **kwargs):
        if name.startswith("tqdm"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_tqdm)
    bar = Progress(10, desc="sprite", unit="sample", show=True)
    bar.update(3)
    bar.close()
    assert "sprite: 3 of 10 samples" in capsys.readouterr().err
    quiet = Progress(10, desc="sprite", unit="sample", show=None)   # a search under a second: nothing shown
    quiet.update(3)
    quiet.close()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("mean", "sd", "n", "high"), [(4.00, 1.51, 150, 7), (30.00, 40.00, 1000, 100),
                                                     (2.79, 2.30, 2000, 5)])
def test_sprite_moving_many_answers_at_once_returns_valid_distinct_samples(mean, sd, n, high, monkeypatch):
    # Samples of more than 100 are moved many answers (and levels) at a time while far from the
    # target; every sample returned must still print as the summary and sit on the scale.
    monkeypatch.setattr(_samples, "ENUMERATION_LIMIT", 0)
    got = audit.sprite(mean, sd, n, scale_min=0, scale_max=high, k=20, seed=5, progress=False)
    assert got.shape == (20, n) and len({tuple(r) for r in got}) == 20
    assert np.all(np.abs(got.mean(axis=1) - mean) <= 0.005 + 1e-12)
    assert np.all(np.abs(got.std(axis=1, ddof=1) - sd) <= 0.005 + 1e-12)
    assert got.min() >= 0 and got.max() <= high


def decimals(printed):
    return len(printed.partition(".")[2])


def test_sprite_on_wide_scales():
    """On 0-1000 the search on counts per level, one level a move, found no sample of n = 30 with mean 503
    and SD 201 in 20 s; on 0-10**12 it raised OverflowError, then asked for 7 TiB of levels.  The search on
    the answers finds them, and each sample prints as reported."""
    assert _samples.MOST_LEVELS == 64  # the widest scale searched as counts per level, as sprite's docstring says
    for mean, sd, n, high in [("503", "201", 30, 1000), ("50.3", "20.1", 30, 100), ("2500.4", "999.7", 200, 5000)]:
        samples = audit.sprite(mean, sd, n, scale_min=0, scale_max=high, k=10, seed=1)
        assert samples.shape == (10, n) and len({tuple(r) for r in samples}) == 10
        assert samples.min() >= 0 and samples.max() <= high and samples.dtype.kind == "i"
        for row in samples:
            assert prints_as(row.mean(), float(mean), decimals(mean)) and prints_as(row.std(ddof=1), float(sd), decimals(sd))
    # by hand: ten whole numbers >= 0 with mean 1.0 and SD 1.05 have total 10 and sum of squares 20, and
    # only two multisets do: 3,2,2,1,1,1 and 2,2,2,2,2 (with zeros); the scale's top changes nothing
    got = audit.sprite("1.0", "1.05", 10, scale_min=0, scale_max=10**12, k=10, seed=1)
    assert {tuple(int(v) for v in row) for row in got} == {(0, 0, 0, 0, 1, 1, 1, 2, 2, 3), (0, 0, 0, 0, 0, 2, 2, 2, 2, 2)}
    # items: answers are sums over items, returned as item means
    got = audit.sprite("3.52", "1.21", 40, scale_min=1, scale_max=7, items=20, k=5, seed=2)
    assert got.shape == (5, 40) and all(prints_as(r.mean(), 3.52, 2) and prints_as(r.std(ddof=1), 1.21, 2) for r in got)
    assert np.allclose(got * 20, np.rint(got * 20))
    # an impossible summary is still said first, whatever the scale
    with pytest.raises(audit.ImpossibleSummaryError, match="fails GRIM"):
        audit.sprite(1.01, 1.05, 10, scale_min=0, scale_max=10**12)

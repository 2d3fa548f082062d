"""GRIM, GRIMMER, SD bounds and SPRITE agree with brute-force enumeration of every sample for small n (issue 16).

The reference (``_enumerate.py``) lists every multiset of whole numbers and
compares exact fractions with the printed number's closed rounding interval;
it uses nothing from mixedmethods.
"""
import math

import numpy as np
import pytest
from hypothesis import given, strategies as st

from mixedmethods import audit
from mixedmethods._validation import InputError

from ._enumerate import interval, mean_prints, samples, sd_of, sd_prints
from ._profile import examples


@st.composite
def printed_mean(draw, n, low=1, high=5):
    """A mean printed with 2 decimals near some reachable mean of ``n`` answers (reachable or not)."""
    total = draw(st.integers(low * n, high * n))
    shift = draw(st.integers(-3, 3)) / 100
    return f"{min(max(total / n + shift, low), high):.2f}"


@st.composite
def summaries(draw, n_max=6, low=1, high=5):
    """(n, mean, sd) printed with 2 decimals, from a real sample of answers, nudged half the time."""
    n = draw(st.integers(2, n_max))
    values = draw(st.lists(st.integers(low, high), min_size=n, max_size=n))
    mean = sum(values) / n + draw(st.sampled_from([0, 0, 0.01, -0.01, 0.02]))
    sd = sd_of(values) + draw(st.sampled_from([0, 0, 0.01, -0.01, 0.03]))
    return n, f"{mean:.2f}", f"{max(sd, 0):.2f}"


@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), printed_mean(n))))
def test_grim_equals_enumeration_of_totals(case):
    n, mean = case
    low, high = interval(mean)
    reachable = any(mean_prints(t, n, mean) for t in range(math.floor(low * n) - 1, math.ceil(high * n) + 2))
    assert bool(audit.grim(mean, n)["consistent"].iloc[0]) == reachable


@examples(30)
@given(summaries(n_max=5))
def test_grimmer_equals_enumeration_of_samples(case):
    n, mean, sd = case
    spread = (float(sd) + 0.005) * math.sqrt(n - 1) + 1  # no answer lies further than this from the mean
    low, high = math.floor(float(mean) - spread), math.ceil(float(mean) + spread)
    exists = any(mean_prints(sum(s), n, mean) and sd_prints(s, sd) for s in samples(low, high, n))
    assert bool(audit.grimmer(mean, sd, n)["consistent"].iloc[0]) == exists


@examples(30)
@given(st.integers(2, 6).flatmap(lambda n: st.tuples(st.just(n), printed_mean(n))))
def test_sd_bounds_equal_the_smallest_and_largest_sd_of_every_sample(case):
    n, mean = case
    sds = [sd_of(s) for s in samples(1, 5, n) if mean_prints(sum(s), n, mean)]
    res = audit.sd_bounds(mean, n, scale_min=1, scale_max=5).iloc[0]
    assert bool(res["consistent"]) == bool(sds)
    if sds:
        np.testing.assert_allclose([res["sd_min"], res["sd_max"]], [min(sds), max(sds)], rtol=1e-9, atol=1e-12)
    else:
        assert np.isnan(res["sd_min"]) and np.isnan(res["sd_max"])


@examples(30)
@given(summaries(n_max=6), st.integers(1, 6))
def test_sprite_returns_only_samples_that_print_as_reported_and_all_when_few(case, k):
    n, mean, sd = case
    fitting = {s for s in samples(1, 5, n) if mean_prints(sum(s), n, mean) and sd_prints(s, sd)}
    if not fitting:
        with pytest.raises(InputError):
            audit.sprite(mean, sd, n, scale_min=1, scale_max=5, k=k, seed=0)
        return
    found = audit.sprite(mean, sd, n, scale_min=1, scale_max=5, k=k, seed=0)
    rows = {tuple(int(v) for v in row) for row in found}
    assert len(rows) == len(found) == min(k, len(fitting))  # distinct, and all of them when fewer than k
    assert rows <= fitting
    counted = audit.count_samples(mean, sd, n, scale_min=1, scale_max=5)
    assert int(counted["n_samples"].sum()) == len(fitting)

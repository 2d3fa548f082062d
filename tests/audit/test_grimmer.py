"""Tests of mixedmethods.audit.grimmer: worked by hand from Anaya (2016), its Figure 1, enumeration."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError

from . import _timed


def test_grimmer_worked_examples():
    # GRIMMER: Anaya, PeerJ Preprints 4:e2400v1 (2016): Q = sum of squares must be a whole
    # number with the parity of the total T.  The article's Figure 1 is reproduced in
    # test_grimmer_reproduces_anaya_2016_figure_1; these are worked by hand from that rule:
    # mean 3.44, SD 2.47, n 18: T = 62 (62/18 = 3.444); SD in [2.465, 2.475] needs
    # Q = 17 * var + 62²/18 in [316.85, 317.69] -> Q = 317, odd while T is even -> inconsistent.
    # mean 5.21, SD 1.6, n 28: T = 146; Q in [826.2, 834.8] holds even numbers -> consistent.
    # mean 7.3, SD 2.51, n 12 (R scrutiny's GRIMMER vignette: grimmer("7.3", "2.51", 12) is FALSE): T = 87 gives Q in [699.8, 700.3]
    # = 700 (even, T odd); T = 88 gives [714.4, 714.9], no integer -> inconsistent.
    res = audit.grimmer([3.44, 5.21, 7.3], [2.47, 1.6, 2.51], [18, 28, 12],
                        decimals_mean=[2, 2, 1], decimals_sd=[2, 1, 2])
    assert res["consistent"].tolist() == [False, True, False]
    assert res["grim_consistent"].all()
    assert "odd while the total is even" in res.loc[0, "reason"]
    # 1.00, 1.99, n 34: T = 34, Q = 33 var + 34 in [164.0, 165.3] -> only 165, odd.
    assert not audit.grimmer(1.00, 1.99, 34).loc[0, "consistent"]
    assert audit.grimmer(2.78, 2.30, 61).loc[0, "reason"].startswith("fails GRIM:")


def test_grimmer_agrees_with_enumeration():
    # Every (mean, SD) pair printed to 2 decimals by some sample of n answers on 1-5 must pass.
    # (The other side, that pairs no sample prints fail, is checked against exhaustive
    # enumeration in test_grimmer_reproduces_anaya_2016_figure_1, via _enumerated_low_bands.)
    for n in (3, 5, 8):
        printed = set()
        for c in itertools.combinations_with_replacement(range(1, 6), n):
            a = np.array(c)
            printed.add((round(a.mean() + 1e-12, 2), round(a.std(ddof=1) + 1e-12, 2)))
        means = sorted({m for m, _ in printed})
        for m in means[:: max(1, len(means) // 6)]:
            sds = np.round(np.arange(0, 2.01, 0.01), 2)
            res = audit.grimmer(m, sds, n)
            for sd, ok in zip(sds, res["consistent"]):
                if (m, sd) in printed:
                    assert ok, (n, m, sd)


# Anaya (2016), "The GRIMMER test: A method for testing the validity of reported measures of
# variability", PeerJ Preprints 4:e2400v1, Figure 1: for each sample size N and each band of
# SDs (0.00-0.99, 1.00-1.99, ... 19.00-19.99, printed to 2 decimals), the percentage of the
# 100 SDs in the band that GRIMMER flags, averaged over the N means k/N (k = 0..N-1, printed to
# 2 decimals, halves rounded up).  The numbers are the figure's data, for_figure1.txt in the
# article's repository (github.com/OmnesRes/GRIMMER, commit 4418e59, made by figure1_data.py);
# bands after the last one listed are 0.
ANAYA_2016_FIGURE_1 = {
    5: [98.0, 94.0, 90.0, 86.0, 82.0, 78.0, 74.0, 70.0, 66.0, 62.0, 58.0, 54.0, 50.0, 46.0, 42.0,
        38.0, 34.0, 30.0, 26.0, 22.0],
    10: [95.7, 86.8, 77.4, 68.6, 59.4, 50.8, 41.5, 32.5, 23.5, 14.5, 5.7, 0.1],
    20: [91.45, 71.65, 52.65, 33.35, 14.75, 0.7],
    27: [88.48148148148148, 61.074074074074076, 35.074074074074076, 9.518518518518519],
    40: [82.45, 41.7, 6.3],
    64: [72.25, 11.03125],
    99: [56.23232323232323, 0.04040404040404041],
}


def _half_up(value, decimals):
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _figure_1_row(n):
    """Our GRIMMER on Anaya's grid for one N: percentage flagged per SD band (20 bands)."""
    means = np.array([_half_up(k / n, 2) for k in range(n)])
    sds = np.round(np.arange(2000) / 100, 2)
    m, s = np.meshgrid(means, sds, indexing="ij")
    flagged = ~audit.grimmer(m.ravel(), s.ravel(), n)["consistent"].to_numpy()
    return flagged.reshape(n, 20, 100).sum(axis=(0, 2)) / n


def _enumerated_low_bands(n):
    """Exact answer for SDs 0.00-1.99, by enumerating what n whole numbers can do (no audit code).

    Dynamic programming over the reachable (total, sum of squares) of n whole numbers centred
    near 0 (the SD does not change when every number moves by one, so totals 0..n-1 cover
    every mean's fractional part); an SD prints as s when it lies in [s - .005, s + .005].
    """
    cap = n + 4 * (n - 1) + 2           # sum of squares of any sample with mean in [0, 1), SD < 2
    r = int(np.ceil(np.sqrt(cap)))
    offset = n * r
    reach = np.zeros((2 * offset + 1, cap + 1), dtype=bool)
    reach[offset, 0] = True
    for _ in range(n):
        step = np.zeros_like(reach)
        for v in range(-r, r + 1):
            if v * v > cap:
                continue
            if v >= 0:
                step[v:, v * v:] |= reach[:reach.shape[0] - v, :cap + 1 - v * v]
            else:
                step[:v, v * v:] |= reach[-v:, :cap + 1 - v * v]
        reach = step
    sds = np.round(np.arange(200) / 100, 2)
    flagged = np.zeros(200)
    for k in range(n):
        mean = _half_up(k / n, 2)
        reachable = []
        for total in range(-1, n + 1):
            if abs(total / n - mean) <= 0.005 + 1e-12:
                q = np.flatnonzero(reach[offset + total])
                reachable.append(np.sqrt((q - total * total / n) / (n - 1)))
        reachable = np.concatenate(reachable)
        flagged += [not np.any(np.abs(reachable - s) <= 0.005 + 1e-12) for s in sds]
    return flagged.reshape(2, 100).sum(axis=1) / n


def test_grimmer_reproduces_anaya_2016_figure_1():
    rows = {}
    for n, published in ANAYA_2016_FIGURE_1.items():
        published = np.array(published + [0.0] * (20 - len(published)))
        ours = rows[n] = _figure_1_row(n)
        # SDs of 2.00 and more: the article's figure, to the last digit
        np.testing.assert_allclose(ours[2:], published[2:], rtol=0, atol=1e-9, err_msg=f"N = {n}")
        if n <= 64:
            # SDs below 2: exact enumeration decides (it agrees with us everywhere)
            np.testing.assert_allclose(ours[:2], _enumerated_low_bands(n), rtol=0, atol=1e-9,
                                       err_msg=f"N = {n}")
        if n != 64:
            np.testing.assert_allclose(ours[1], published[1], rtol=0, atol=1e-9, err_msg=f"N = {n}")
    # Where the figure and the enumeration disagree, the enumeration is right:
    # - N = 64, SDs 1.00-1.99: four SDs (mean 0.14 with 1.12, 0.17 with 1.37, 0.83 with 1.37, 0.86
    #   with 1.12) are reached only by an SD exactly halfway (1.125, 1.375), which the article rounds
    #   up only; we accept either rounding, as for the mean.  4 of 64 means x 100 SDs = 0.0625.
    assert rows[64][1] == pytest.approx(ANAYA_2016_FIGURE_1[64][1] - 4 / 64, abs=1e-9)
    # - SDs below 1: for N = 5 and 10 the figure agrees; for N = 20, 27, 40 and 64 it flags fewer
    #   SDs than cannot occur (it passes, e.g., some SDs below the smallest one n numbers with
    #   that mean can have).
    for n in (5, 10):
        assert rows[n][0] == pytest.approx(ANAYA_2016_FIGURE_1[n][0], abs=1e-9)
    for n in (20, 27, 40, 64):
        assert rows[n][0] > ANAYA_2016_FIGURE_1[n][0] + 0.1


def test_grimmer_smallest_sd_of_a_mean():
    # 9 whole numbers with total 3 (mean 0.33): the SD is at least that of 0,0,0,0,0,0,1,1,1
    # = sqrt((3 - 1) / 8) = 0.5, so SD 0.00 or 0.17 cannot occur; R scrutiny's grimmer (Allard's
    # analytic GRIMMER, parity only) passes them.  0.50 can.
    res = audit.grimmer(0.33, [0.0, 0.17, 0.49, 0.50], 9)
    assert res["consistent"].tolist() == [False, False, False, True]
    assert "below the smallest SD 9 whole numbers with that total can have (0.5000" in res.loc[0, "reason"]


def test_grimmer_near_tie_is_decided_exactly():
    # n 27, mean 0.93 (total 25), SD 1.03: the only sum of squares near the window is 51, whose
    # SD is sqrt(752/702) = 1.03500003 -> prints 1.04, so 1.03 is impossible (a float tolerance
    # of 1e-7 let it through); 1.04 is possible.
    res = audit.grimmer(0.93, [1.03, 1.04], 27)
    assert res["consistent"].tolist() == [False, True]


def test_grimmer_few_numbers_need_more_than_parity():
    # Two whole numbers with total 0 are (a, -a): sum of squares 2a², SD |a|·sqrt(2).  Mean 0.00
    # and SD 2.83 (a = 2, sqrt(8) = 2.828) is possible; SD 2.00 would need a sum of squares of 4
    # (even, like the total) but 2a² = 4 has no whole solution.
    res = audit.grimmer(0.0, [2.83, 2.0], 2)
    assert res["consistent"].tolist() == [True, False]
    assert "which no 2 whole numbers with total 0 have" in res.loc[1, "reason"]
    # Three numbers with total 0 can have sums of squares 2, 6, 8, 14 but not 4 (2(a²+ab+b²) = 4).
    sd_of = lambda q: np.sqrt(q / 2)
    res = audit.grimmer(0.0, np.round([sd_of(2), sd_of(4), sd_of(6)], 2), 3)
    assert res["consistent"].tolist() == [True, False, True]


# -- printed decimals and labels ---------------------------------------------

def test_grimmer_strings_keep_their_decimals():
    # "1.5" has one decimal: the same as the number 1.5 with decimals_mean=1 (README's example).
    as_text = audit.grimmer("1.5", "2.14", 34)
    pd.testing.assert_frame_equal(as_text, audit.grimmer(1.5, 2.14, 34, decimals_mean=1))
    assert as_text.loc[0, "decimals_mean"] == 1 and as_text.loc[0, "decimals_sd"] == 2
    # With n = 35 the reading matters: 52/35 = 1.4857 and 53/35 = 1.5143, so 1.5 (one decimal,
    # [1.45, 1.55]) is a possible mean and 1.50 ([1.495, 1.505]) is not.
    assert audit.grimmer("1.5", "2.14", 35)["grim_consistent"].item()
    assert not audit.grimmer(1.5, 2.14, 35)["grim_consistent"].item()


def test_grimmer_refuses_numbers_with_more_decimals_than_stated():
    with pytest.raises(InputError, match=r"mean = 1.55 has more than the 1 decimals stated \(decimals_mean=1\)"):
        audit.grimmer(1.55, 2.14, 34, decimals_mean=1)
    with pytest.raises(InputError, match=r"sd = 2.145 has more than the 2 decimals stated \(decimals_sd=2\)"):
        audit.grimmer(1.5, 2.145, 34)


def test_grimmer_keeps_the_callers_index_or_takes_dv():
    summary = pd.DataFrame({"mean": ["3.44", "5.21"], "sd": ["2.47", "1.6"], "n": [18, 28]},
                           index=["item 4", "item 7"])
    res = audit.grimmer(summary["mean"], summary["sd"], summary["n"])
    assert res.index.tolist() == ["item 4", "item 7"]
    assert res["consistent"].tolist() == [False, True]
    assert audit.grimmer([3.44, 5.21], [2.47, 1.6], [18, 28], decimals_sd=[2, 1],
                         dv=["a", "b"]).index.tolist() == ["a", "b"]


def test_grimmer_is_exact_for_means_with_many_totals():
    # n = 30,000,000 and 2 decimals: each mean allows 300,001 totals.  Mean 0.50 with SD 0.00 is
    # impossible (equal answers have a whole mean); 2.17 with SD 0.01 too (the smallest SD with a
    # total near 2.17 n is about 0.376); 3.00 with SD 1.00 is possible.  These used to be "consistent"
    # unchecked.
    res = audit.grimmer([0.50, 3.00, 2.17], [0.00, 1.00, 0.01], 30_000_000)
    assert res["consistent"].tolist() == [False, True, False]
    assert "other totals fail too" in res.loc[0, "reason"]


def _every_total_fits(m, s, n, k):
    """Reference: GRIMMER trying every total the mean allows (no shortcut), row by row."""
    import importlib

    from mixedmethods.audit._totals import total_bounds

    module = importlib.import_module("mixedmethods.audit.grimmer")
    out = []
    for mean, sd in zip(m, s):
        first, last = total_bounds(np.array([mean]), np.array([n * k]), np.array([2]))
        T = np.arange(int(first[0]), int(last[0]) + 1, dtype=np.int64)
        one = np.ones(T.size, dtype=np.int64)
        out.append(bool(T.size) and bool(module._fits(T, n * one, sd * one, k * one, 2 * one)[0].any()))
    return out


@pytest.mark.parametrize(("n", "k"), [(7, 1), (4, 1), (3, 1), (7, 3), (250, 1), (1001, 1), (4, 50)])
def test_grimmer_tries_only_totals_that_can_fit_and_agrees_with_every_total(n, k, monkeypatch):
    import importlib

    module = importlib.import_module("mixedmethods.audit.grimmer")
    means = np.round(np.arange(100, 500, 13) / 100, 2)
    sds = np.round(np.r_[np.arange(0, 250, 4), [1000, 2517]] / 100, 2)
    m, s = (a.ravel() for a in np.meshgrid(means, sds))
    want = _every_total_fits(m, s, n, k)
    assert 0 < sum(want) < len(m) or n == 1001
    monkeypatch.setattr(module, "_CHUNK", 3)   # chunk boundaries everywhere
    got = audit.grimmer(m, s, n, items=k)["consistent"].tolist()
    assert got == want


def test_grimmer_raises_naming_its_time_limit():
    # A million rows took 12 s when measured; with a limit of a millisecond GRIMMER stops and says so
    # instead of answering for rows it has not checked.
    means = np.round(np.random.default_rng(0).uniform(1, 5, 1_000_000), 2)
    with pytest.raises(InputError, match="max_seconds = 0.001"):
        audit.grimmer(means, 1.00, 30, max_seconds=0.001)


def test_grimmer_decides_huge_n_at_once():
    # n = 6e9: 3.00 +- 0.005 allows 60 million totals; a multiple of n among them reaches SD 1.00.
    # (This used to raise "cannot decide".)
    res = audit.grimmer([3.00, 0.50], [1.00, 0.00], 6_000_000_000)
    assert res["consistent"].tolist() == [True, False]


def test_grimmer_few_numbers_with_a_large_mean_is_quick_and_exact():
    # Issue 16: at n <= 4 the time grew with the size of the mean (40 s for a mean of 52,000), and a
    # tolerance relative to T²/n (10.8 at this size) passed SDs no 4 whole numbers can have.  Each
    # row is checked against every sample of n numbers within 6 of the mean (enough for SDs <= 2.5).
    import itertools

    means = ["52000.00", "52000.25", "52000.50", "52000.33", "52000.67", "52000.0"]
    sds = ["0.00", "0.01", "0.50", "0.58", "0.71", "0.82", "1.00", "1.15", "1.41", "1.53", "2.08", "2.31"]
    rows = [(m, s, n) for m in means for s in sds for n in (2, 3, 4)]
    out = _timed.run_within(2 * 10, f"""
        res = mixedmethods.audit.grimmer(*zip(*{rows!r}), max_seconds=10)
        result = {{"consistent": res["consistent"].tolist()}}
    """)
    reached = {n: {(sum(xs) / n, float(np.std(xs, ddof=1)))
                   for xs in itertools.combinations_with_replacement(range(51994, 52007), n)} for n in (2, 3, 4)}
    want = []
    for m, s, n in rows:
        dm, ds = len(m.split(".")[1]), len(s.split(".")[1])
        want.append(any(f"{mean:.{dm}f}" == m and abs(sd - float(s)) <= 0.5 * 10.0**-ds + 1e-9
                        for mean, sd in reached[n]))
    assert out["consistent"] == want
    assert 0 < sum(want) < len(want)

"""pooled_sd, hedges_correction and noncentral_t_interval (mixedmethods.comparisons.effect_sizes)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from mixedmethods.comparisons.effect_sizes import hedges_correction, noncentral_t_interval, pooled_sd

from ._data import _run_compare


# The same intervals found by an exact root finder instead of effectsize's optim(), to show
# that the 1e-7 absolute slack above is R's imprecision, not ours.  With x, y as above:
# R: n1 <- length(x); n2 <- length(y); hn <- sqrt(1/n1 + 1/n2); df <- n1 + n2 - 2
# R: t <- effectsize::cohens_d(x, y)$Cohens_d / hn
# R: ncp <- function(p) uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 4, t + 4), tol = 1e-14)$root
# R: c(ncp(0.975), ncp(0.025), ncp(0.95)) * hn
EXACT_D_INTERVALS = [
    # dataset, alternative, d interval
    ("sleep", "two-sided", (-1.73881689910342, 0.0954503982114231)),
    ("sleep", "greater", (-1.59097710492769, math.inf)),
    ("tiny", "two-sided", (-0.102078406946916, 3.59601133051122)),
    ("tiny", "greater", (0.182251737905168, math.inf)),
]


@pytest.mark.parametrize("name, alternative, expected", EXACT_D_INTERVALS)
def test_d_interval_is_the_exact_noncentral_t_root(name, alternative, expected):
    row = _run_compare(name, alternative=alternative).iloc[0]
    np.testing.assert_allclose(row[["cohen_d_ci_low", "cohen_d_ci_high"]].to_numpy(dtype=float),
                               expected, rtol=1e-9)



def test_interval_of_t_maps_to_the_interval_of_d():
    # sleep: n 10 and 10, d = -0.83218108134954 (effectsize::cohens_d, see test_two_groups.py)
    hn = math.sqrt(1 / 10 + 1 / 10)
    low, high = noncentral_t_interval(-0.83218108134954 / hn, 18)
    np.testing.assert_allclose([low * hn, high * hn], EXACT_D_INTERVALS[0][2], rtol=1e-8)


def test_pooled_sd_and_hedges_correction():
    # R: sqrt((9 * 1.789^2 + 19 * 2.002^2) / 28); effectsize's J(18) = gamma(9) / (sqrt(9) * gamma(8.5))
    assert float(pooled_sd(1.789, 10, 2.002, 20)) == pytest.approx(math.sqrt((9 * 1.789**2 + 19 * 2.002**2) / 28))
    assert float(hedges_correction(18)) == pytest.approx(math.gamma(9) / (3 * math.gamma(8.5)), rel=1e-12)


def test_interpolated_bounds_equal_bounds_solved_one_by_one(monkeypatch):
    """Many items on one df go through a checked Chebyshev interpolant: same roots to 1e-9.

    Includes far-out t values (solved directly, outside the central 98%) and a second df with too
    few items to interpolate.
    """
    from mixedmethods.comparisons import effect_sizes

    rng = np.random.default_rng(13)
    t = np.concatenate([rng.normal(1.0, 1.5, 3000), [-30.0, 25.0], rng.normal(0, 2, 50)])
    df = np.concatenate([np.full(3002, 93.0), np.full(50, 18.0)])
    fast = noncentral_t_interval(t, df)
    monkeypatch.setattr(effect_sizes, "INTERPOLATE_FROM", float("inf"))
    slow = noncentral_t_interval(t, df)
    for a, b in zip(fast, slow):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)
    # and the two-sided interval of t = 0 on a huge df is +-1.96 either way
    low, high = noncentral_t_interval(np.zeros(500), np.full(500, 1e6))
    np.testing.assert_allclose(low, -1.959963985, atol=1e-6)


def test_bounds_on_many_dfs_interpolated_in_t_and_df_equal_bounds_solved_one_by_one(monkeypatch):
    """Welch rows give each item its own df: a checked interpolant in (t, log df), same roots to 1e-9."""
    from mixedmethods.comparisons import effect_sizes

    rng = np.random.default_rng(17)
    t = np.concatenate([rng.normal(0.5, 1.5, 1500), [-25.0, 30.0]])
    df = np.concatenate([rng.uniform(35, 93, 1500), [40.0, 60.0]])
    fast = noncentral_t_interval(t, df)
    monkeypatch.setattr(effect_sizes, "INTERPOLATE_FROM", float("inf"))
    slow = noncentral_t_interval(t, df)
    for a, b in zip(fast, slow):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)


def test_an_approximated_interval_is_named_by_its_outcome_and_test(monkeypatch):
    """When SciPy's noncentral t finds no exact bound, the warning names the rows (outcome and test), each
    worked out only for the rows approximated; noncentral_t_interval alone names t and df."""
    import mixedmethods as mm
    from mixedmethods.comparisons import effect_sizes

    monkeypatch.setattr(effect_sizes, "_ncp_by_df", lambda t, df, q: np.full(np.shape(t), np.nan))
    with pytest.warns(RuntimeWarning, match=r"approximated for 'item A' \(student\); 'item B' \(student\); "
                                            r"'item A' \(welch\); 'item B' \(welch\): SciPy's"):
        res = mm.compare_summary([2.0, 3.0], 1.0, 20, [1.0, 1.5], 1.2, 25, dv=["item A", "item B"])
    assert res[["cohen_d_ci_low", "cohen_d_ci_high"]].notna().all().all()
    with pytest.warns(RuntimeWarning, match=r"approximated for t = 2.5, df = 30: SciPy's"):
        noncentral_t_interval(2.5, 30)

"""Tests of mixedmethods.simulation: error rates of Student, Welch and "Levene first".

Reference values come from three independent routes:

1. a published number: Delacre, Lakens & Leys (2017);
2. the exact type I error of both tests under normality, computed here by
   numerical integration (no simulation involved);
3. the exact power of Student's test under equal variances (noncentral t).

Tolerances are Monte Carlo errors: with a true rate r and N datasets the
estimate has standard error sqrt(r (1 - r) / N), and |estimate - r| < 4 SE
fails by chance about once in 16 000 runs (and never, with the fixed seeds).
"""
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import mixedmethods as mm
from mixedmethods import InputError, InputTypeError
from mixedmethods.simulation import (
    SIMULATION_COLUMNS,
    _levene_mean,
    _student_welch,
    simulate_error_rates,
)


def mc_se(rate, n_sims):
    return np.sqrt(rate * (1 - rate) / n_sims)


def exact_type_one_error(n1, n2, sd1, sd2, alpha=0.05, nodes=200):
    """Exact type I error of (Student, Welch) two-sided tests under normality.

    Under H0 and normality, Z = (mean1 - mean2) / sqrt(sd1²/n1 + sd2²/n2) is
    standard normal and independent of the sample variances, which are
    sd_i² χ²(n_i - 1) / (n_i - 1).  Given the variances, each test rejects when
    |Z| exceeds (its critical t) × (its standard error) / (true standard error):
    a normal tail probability.  Averaging over the two χ² variables with
    Gauss–Legendre quadrature on their quantile scale gives the exact rate
    (to about 1e-6 here; at equal SDs Student's rate comes out .05 to 1e-7).
    """
    x, w = np.polynomial.legendre.leggauss(nodes)
    q, w = (x + 1) / 2, w / 2
    a, b = n1 - 1, n2 - 1
    u = stats.chi2.ppf(q, a)[:, None]
    v = stats.chi2.ppf(q, b)[None, :]
    weight = w[:, None] * w[None, :]
    var1, var2 = sd1**2 * u / a, sd2**2 * v / b
    true_se = np.sqrt(sd1**2 / n1 + sd2**2 / n2)
    se_student = np.sqrt((a * var1 + b * var2) / (a + b) * (1 / n1 + 1 / n2))
    se_welch = np.sqrt(var1 / n1 + var2 / n2)
    df_welch = (var1 / n1 + var2 / n2) ** 2 / ((var1 / n1) ** 2 / a + (var2 / n2) ** 2 / b)
    student = 2 * stats.norm.sf(stats.t.isf(alpha / 2, a + b) * se_student / true_se)
    welch = 2 * stats.norm.sf(stats.t.isf(alpha / 2, df_welch) * se_welch / true_se)
    return float((weight * student).sum()), float((weight * welch).sum())


def test_exact_reference_is_right_where_the_answer_is_known():
    # Equal SDs: Student's t is exactly t-distributed, so its rate is alpha.
    student, welch = exact_type_one_error(61, 34, 1.0, 1.0)
    assert abs(student - 0.05) < 1e-6
    assert abs(welch - 0.05) < 1e-3  # Welch's df approximation: close, not exact


# --- 1. type I error at equal n and equal variances --------------------------------------

def test_type_one_error_is_alpha_with_equal_groups_and_variances():
    n_sims = 100_000
    res = simulate_error_rates(30, 30, 1.0, n_sims=n_sims, seed=11).set_index("test")
    se = mc_se(0.05, n_sims)  # .00069
    for test in ("student", "welch", "levene_then_choose"):
        assert abs(res.loc[test, "rejection_rate"] - 0.05) < 4 * se, test
        assert res.loc[test, "ci_low"] < 0.05 < res.loc[test, "ci_high"], test
    # At equal n the two t statistics coincide; only the df differ slightly.
    assert abs(res.loc["student", "rejection_rate"] - res.loc["welch", "rejection_rate"]) < 0.002


# --- 2. a published figure ---------------------------------------------------------------

# Delacre, M., Lakens, D., & Leys, C. (2017). Why psychologists should by default use
# Welch's t-test instead of Student's t-test. International Review of Social Psychology,
# 30(1), 92-101, doi:10.5334/irsp.82, section on the Type 1 error of Student's t-test
# under unequal variances: with n = 40 and n = 60, the SD ratio 2 and the larger SD in the
# smaller group (normal data), Student's t-test at alpha = .05 has a Type 1 error rate of
# .083.  (The same example is quoted in the introduction of Statistical Papers (2024),
# doi:10.1007/s00362-024-01531-7.)  Welch's test keeps alpha near .05 there.
DELACRE_2017_STUDENT = 0.083   # printed to 3 decimals: +- .0005 of rounding
DELACRE_2017_N_SMALL, DELACRE_2017_N_LARGE, DELACRE_2017_SDR = 40, 60, 2.0


def test_reproduces_delacre_lakens_leys_2017():
    n_sims = 200_000
    res = simulate_error_rates(DELACRE_2017_N_SMALL, DELACRE_2017_N_LARGE, DELACRE_2017_SDR,
                               n_sims=n_sims, seed=2017, tests=("student", "welch"))
    res = res.set_index("test")["rejection_rate"]
    exact_student, exact_welch = exact_type_one_error(40, 60, 2.0, 1.0)
    # The published value agrees with the exact one (0.08348) to its printed precision.
    assert abs(exact_student - DELACRE_2017_STUDENT) < 0.0005
    # The simulation reproduces it: rounding of the print + 4 Monte Carlo SEs (.0025).
    tolerance = 0.0005 + 4 * mc_se(DELACRE_2017_STUDENT, n_sims)
    assert abs(res["student"] - DELACRE_2017_STUDENT) < tolerance
    assert abs(res["welch"] - exact_welch) < 4 * mc_se(0.05, n_sims)
    assert abs(res["welch"] - 0.05) < 0.003


# --- 3. exact type I error under heteroscedastic normal data ----------------------------

@pytest.mark.parametrize("n1, n2, sd_ratio", [
    (34, 61, 2.0),   # the Mexico split, larger SD in the smaller group: Student liberal
    (61, 34, 2.0),   # ... in the larger group: Student conservative
    (61, 34, 1.37),  # item 4's SD ratio (1.15 / .84)
    (8, 24, 3.0),    # small and very unequal: Welch's df approximation strained
])
def test_matches_exact_type_one_error(n1, n2, sd_ratio):
    n_sims = 100_000
    res = simulate_error_rates(n1, n2, sd_ratio, n_sims=n_sims, seed=7,
                               tests=("student", "welch")).set_index("test")["rejection_rate"]
    exact_student, exact_welch = exact_type_one_error(n1, n2, sd_ratio, 1.0)
    assert abs(res["student"] - exact_student) < 4 * mc_se(exact_student, n_sims)
    assert abs(res["welch"] - exact_welch) < 4 * mc_se(exact_welch, n_sims)


def test_power_matches_noncentral_t():
    # Equal SDs: Student's t is noncentral t with ncp = delta / sqrt(1/n1 + 1/n2).
    n1, n2, delta, n_sims = 61, 34, 0.5, 50_000
    res = simulate_error_rates(n1, n2, 1.0, mean_diff=delta, n_sims=n_sims, seed=3,
                               tests="student")
    df = n1 + n2 - 2
    ncp = delta / np.sqrt(1 / n1 + 1 / n2)
    crit = stats.t.isf(0.025, df)
    exact = stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp)  # 0.6376
    assert res.loc[0, "quantity"] == "power"
    assert abs(res.loc[0, "rejection_rate"] - exact) < 4 * mc_se(exact, n_sims)
    # The sign of mean_diff does not matter for a two-sided test.
    neg = simulate_error_rates(n1, n2, 1.0, mean_diff=-delta, n_sims=n_sims, seed=3, tests="student")
    assert abs(neg.loc[0, "rejection_rate"] - exact) < 4 * mc_se(exact, n_sims)


# --- the formulas are the package's ----------------------------------------------------

def test_t_formulas_agree_with_compare_summary():
    rng = np.random.default_rng(0)
    k = 50
    n1, n2 = 61, 34
    m1, m2 = rng.normal(size=k), rng.normal(size=k)
    s1, s2 = rng.uniform(0.5, 3, k), rng.uniform(0.5, 3, k)
    t_s, df_s, t_w, df_w = _student_welch(m1 - m2, s1**2 * (n1 - 1), n1, s2**2 * (n2 - 1), n2)
    ref = mm.compare_summary(m1, s1, n1, m2, s2, n2)
    student, welch = ref[ref["test"] == "student"], ref[ref["test"] == "welch"]
    np.testing.assert_allclose(t_s, student["t"], rtol=1e-12)
    np.testing.assert_allclose(df_s, student["df"], rtol=1e-12)
    np.testing.assert_allclose(t_w, welch["t"], rtol=1e-12)
    np.testing.assert_allclose(df_w, welch["df"], rtol=1e-12)


def test_levene_agrees_with_scipy_mean_centred():
    rng = np.random.default_rng(1)
    x1, x2 = rng.normal(size=(20, 15)), 2 * rng.normal(size=(20, 9))
    d1 = x1 - x1.mean(axis=1, keepdims=True)
    d2 = x2 - x2.mean(axis=1, keepdims=True)
    F = _levene_mean(np.abs(d1).mean(1), (d1**2).sum(1), 15, np.abs(d2).mean(1), (d2**2).sum(1), 9)
    expected = [stats.levene(a, b, center="mean").statistic for a, b in zip(x1, x2)]
    np.testing.assert_allclose(F, expected, rtol=1e-10)


# --- seeding and shape of the result ---------------------------------------------------

def test_same_seed_same_result_and_cells_do_not_depend_on_the_grid():
    a = simulate_error_rates(12, 20, [1.0, 2.0], n_sims=5_000, seed=5)
    b = simulate_error_rates(12, 20, [1.0, 2.0], n_sims=5_000, seed=5)
    pd.testing.assert_frame_equal(a, b)
    c = simulate_error_rates(12, 20, [1.0, 2.0], n_sims=5_000, seed=6)
    assert not a["rejections"].equals(c["rejections"])
    alone = simulate_error_rates(12, 20, 2.0, n_sims=5_000, seed=5)
    np.testing.assert_array_equal(alone["rejections"], a.loc[a["sd_ratio"] == 2.0, "rejections"])
    assert (a["seed"] == 5).all()


def test_seed_none_reports_the_entropy_it_used():
    a = simulate_error_rates(10, 10, n_sims=2_000, seed=None, tests="welch")
    b = simulate_error_rates(10, 10, n_sims=2_000, seed=a.loc[0, "seed"], tests="welch")
    assert a.loc[0, "rejections"] == b.loc[0, "rejections"]


def test_small_memory_budget_simulates_in_chunks():
    # 0.01 MB (10,000 bytes) holds 15 datasets of 40 values at 16 bytes each: many chunks, last one partial.
    res = simulate_error_rates(20, 20, 1.0, n_sims=30_001, seed=1, max_memory_mb=0.01)
    assert (res["n_sims"] == 30_001).all()
    assert (abs(res["rejection_rate"] - 0.05) < 4 * mc_se(0.05, 30_001)).all()


def test_grid_broadcasts_and_columns_are_fixed():
    res = simulate_error_rates([61, 34], [34, 61], [[1.0], [1.5]], mean_diff=0.0, n_sims=500,
                               seed=1, tests=("welch", "student"))
    assert list(res.columns) == SIMULATION_COLUMNS
    assert len(res) == 2 * 2 * 2
    assert res[["n1", "n2", "sd_ratio"]].drop_duplicates().values.tolist() == [
        [61, 34, 1.0], [34, 61, 1.0], [61, 34, 1.5], [34, 61, 1.5]]
    assert res["test"].tolist()[:2] == ["welch", "student"]
    assert (res["quantity"] == "type I error").all()
    assert ((res["ci_low"] <= res["rejection_rate"]) & (res["rejection_rate"] <= res["ci_high"])).all()
    assert set(res.loc[res["test"] == "welch", "welch_share"]) == {1.0}


def test_levene_then_choose_lies_between_its_two_tests():
    res = simulate_error_rates(10, 40, 3.0, n_sims=20_000, seed=2).set_index("test")
    share = res.loc["levene_then_choose", "welch_share"]
    assert 0.5 < share < 1
    lo, hi = sorted(res.loc[["student", "welch"], "rejection_rate"])
    assert lo <= res.loc["levene_then_choose", "rejection_rate"] <= hi


def test_skewed_distribution_runs_and_differs_from_normal():
    skew = simulate_error_rates(10, 40, 1.0, n_sims=20_000, seed=4, distribution="exponential")
    assert (skew["distribution"] == "exponential").all()
    normal = simulate_error_rates(10, 40, 1.0, n_sims=20_000, seed=4)
    assert not skew["rejections"].equals(normal["rejections"])


def test_inputs_are_not_modified():
    n1 = np.array([10, 20])
    ratio = [1.0, 2.0]
    simulate_error_rates(n1, 15, ratio, n_sims=100)
    assert n1.tolist() == [10, 20] and ratio == [1.0, 2.0]


# --- bad input --------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs, error, words", [
    ({"n1": 1}, InputError, "n1"),
    ({"n1": 10.5}, InputError, "whole number"),
    ({"n2": "ten"}, InputTypeError, "n2"),
    ({"sd_ratio": 0}, InputError, "greater than 0"),
    ({"sd_ratio": np.nan}, InputError, "finite"),
    ({"mean_diff": [0, np.inf]}, InputError, "mean_diff"),
    ({"n1": [10, 20, 30], "n2": [10, 20]}, InputError, "broadcast"),
    ({"alpha": 1.5}, InputError, "alpha"),
    ({"levene_alpha": 0}, InputError, "levene_alpha"),
    ({"n_sims": 0}, InputError, "n_sims"),
    ({"n_sims": 1e5}, InputTypeError, "n_sims"),
    ({"tests": ("student", "t-test")}, InputError, "'t-test'"),
    ({"tests": ()}, InputError, "empty"),
    ({"tests": ("welch", "welch")}, InputError, "twice"),
    ({"distribution": "cauchy"}, InputError, "distribution"),
    ({"seed": -1}, InputError, "seed"),
    ({"seed": np.random.default_rng(1)}, InputTypeError, "Generator"),
    ({"confidence_level": 95}, InputError, "confidence_level"),
    ({"max_memory_mb": 0}, InputError, "max_memory_mb"),
])
def test_bad_input_is_named(kwargs, error, words):
    args = {"n1": 10, "n2": 10, "n_sims": 10, **kwargs}
    with pytest.raises(error, match=words):
        simulate_error_rates(**args)


def test_import_stays_light():
    code = ("import sys, mixedmethods.simulation; "
            "print(','.join(m for m in ('scipy', 'pandas', 'statsmodels', 'matplotlib') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

"""Issue 16 reproducers for the two-group comparisons: extreme magnitudes, huge effects, infinite values.

Each reproducer runs in a fresh interpreter with a time limit enforced by the test
(``subprocess.run(timeout=...)``), so a regression to a search of tens of seconds fails
instead of stalling the suite.  The limit is generous (imports included) and is not a
benchmark: before the fix the huge-n case needed 23 s and raised ``ArithmeticError``.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.comparisons.effect_sizes import (
    LARGE_T,
    approximate_noncentral_t_bound,
    hedges_correction,
    noncentral_t_interval,
)
from mixedmethods.comparisons.two_groups import compare, compare_summary

#: seconds allowed for each reproducer, interpreter start and imports included
TIME_LIMIT = 60


def run_limited(code):
    """Run ``code`` in a new interpreter within TIME_LIMIT; return what it printed as JSON."""
    script = "import json, warnings\nwarnings.simplefilter('error')\n" + textwrap.dedent(code)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=TIME_LIMIT)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_very_large_effect_still_returns_the_test():
    # compare_summary(1e6, 1, 3, 0, 1, 3) raised "ArithmeticError: ... please report"
    res = run_limited("""
        import mixedmethods as mm
        r = mm.compare_summary(1e6, 1, 3, 0, 1, 3)
        print(json.dumps(r[["t", "p", "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high"]].values.tolist()))
    """)
    for t, p, g, low, high in res:
        assert t == pytest.approx(1e6 / np.sqrt(2 / 3))
        assert p < 1e-20
        assert 0 < low < g < high < np.inf


def test_huge_groups_finish_within_the_limit():
    # n = 10^12 and 10^15 per group: Hedges' J and the bounds stay finite and sensible
    res = run_limited("""
        import mixedmethods as mm
        r = mm.compare_summary([1, 1], [1, 1], [1e12, 1e15], [0, 0], [1, 1], [1e12, 1e15])
        print(json.dumps(r[["hedges_g", "hedges_g_ci_low", "hedges_g_ci_high"]].values.tolist()))
    """)
    for g, low, high in res:
        assert g == pytest.approx(1.0, abs=1e-9)
        assert low <= g <= high and high - low < 1e-5


def test_infinite_value_is_an_input_error_naming_column_and_row():
    res = run_limited("""
        import numpy as np, pandas as pd, mixedmethods as mm
        data = pd.DataFrame({"y": [1, 2, 3, np.inf, 5, 6], "g": list("aaabbb")}, index=list("uvwxyz"))
        try:
            mm.compare(data, "y", "g")
        except mm.InputError as e:
            print(json.dumps(str(e)))
    """)
    assert "'y'" in res and "'x'" in res and "inf" in res


def test_infinite_value_outside_the_compared_groups_is_ignored():
    data = pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6, -np.inf], "g": list("aaabbbc")})
    assert len(compare(data, "y", "g", groups=("a", "b"))) == 2
    with pytest.raises(InputError, match="row 6"):
        compare(data, "y", "g", groups=("a", "c"))


def test_scaled_data_give_the_same_test():
    """Data near 1e-300 were refused as "every value is the same"; at 1e154 t was -0.0 with p = 1."""
    scales = [1e-300, 1e-154, 1e154, 1e300]
    res = run_limited(f"""
        import numpy as np, pandas as pd, mixedmethods as mm
        x = np.random.default_rng(1).normal(size=20)
        g = ["a"] * 10 + ["b"] * 10
        cols = ["t", "df", "p", "levene_f", "hedges_g", "hedges_g_ci_low", "hedges_g_ci_high"]
        base = mm.compare(pd.DataFrame({{"y": x, "g": g}}), "y", "g")
        out = [[base[cols].values.tolist(), base["sd1"].tolist()]]
        for scale in {scales!r}:
            scaled = mm.compare(pd.DataFrame({{"y": x * scale, "g": g}}), "y", "g")
            out.append([scaled[cols].values.tolist(), (scaled["sd1"] / scale).tolist()])
        print(json.dumps(out))
    """)
    (base, sd), *scaled = res
    for scale, (values, sd_scaled) in zip(scales, scaled):
        np.testing.assert_allclose(values, base, rtol=1e-9, err_msg=f"scale {scale}")
        np.testing.assert_allclose(sd_scaled, sd, rtol=1e-12, err_msg=f"scale {scale}")


def test_constant_groups_are_refused_but_nearly_constant_ones_are_not():
    same = pd.DataFrame({"y": [0.1, 0.1, 0.1, 0.3, 0.3, 0.3], "g": list("aaabbb")})
    with pytest.raises(InputError, match="zero variance"):
        compare(same, "y", "g")
    tiny = pd.DataFrame({"y": [1e-300, 2e-300, 3e-300, 4e-300, 5e-300, 7e-300], "g": list("aaabbb")})
    assert compare(tiny, "y", "g")["t"].notna().all()


def test_summary_at_extreme_scales_matches_unit_scale():
    base = compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)
    for scale in (1e-300, 1e300):
        scaled = compare_summary(2.78 * scale, 2.30 * scale, 61, 1.5 * scale, 2.14 * scale, 34)
        cols = ["t", "df", "p", "cohen_d", "hedges_g_ci_low", "hedges_g_ci_high"]
        np.testing.assert_allclose(scaled[cols].to_numpy(float), base[cols].to_numpy(float), rtol=1e-12)
        np.testing.assert_allclose(scaled["ci_low"] / scale, base["ci_low"], rtol=1e-12)


@pytest.mark.parametrize("df", [2, 4, 10, 58, 1e3, 1e5, 1e9, 1e12])
@pytest.mark.parametrize("t", [1e3, -1e3, LARGE_T, -LARGE_T])
def test_large_effect_approximation_is_close_to_the_exact_root(t, df):
    """The approximation used beyond |t| = LARGE_T, checked where the exact root still exists."""
    exact_low, exact_high = noncentral_t_interval(t, df)
    approx = approximate_noncentral_t_bound([t, t], [df, df], [0.975, 0.025])
    tolerance = 1e-6 if abs(t) < LARGE_T else 1e-7
    np.testing.assert_allclose(approx, [exact_low, exact_high], rtol=tolerance)


def test_hedges_correction_is_stable_for_huge_df():
    # R's effectsize computes J through lgamma and gets 0.996 at df = 2e12 and 54.6 at 2e15;
    # the true value is 1 - 3/(4 df) to first order.
    df = np.array([2e9, 2e12, 2e15])
    np.testing.assert_allclose(hedges_correction(df), 1 - 3 / (4 * df), rtol=1e-15)


def test_absurd_group_sizes_are_refused_naming_the_limit():
    with pytest.raises(InputError, match=r"n1\[0\] = 1e\+300 is larger than"):
        compare_summary(1, 1, 1e300, 0, 1, 1e300)

"""Swapping the two groups negates every signed number and swaps the interval's ends (issue 16)."""
import numpy as np
import pytest
from hypothesis import given, strategies as st

import mixedmethods as mm

from ._strategies import two_groups

SIGNED = ["mean_diff", "t", "cohen_d", "hedges_g"]
SAME = ["se", "df", "p", "levene_f", "levene_p"]
FLIP = {"two-sided": "two-sided", "less": "greater", "greater": "less"}


def assert_swapped(ab, ba, same):
    for column in SIGNED:
        np.testing.assert_allclose(ba[column], -ab[column], rtol=1e-12, atol=1e-12, err_msg=column)
    for low, high in (("ci_low", "ci_high"), ("hedges_g_ci_low", "hedges_g_ci_high"),
                      ("cohen_d_ci_low", "cohen_d_ci_high")):
        np.testing.assert_allclose(ba[low], -ab[high], rtol=1e-9, atol=1e-12, err_msg=low)
        np.testing.assert_allclose(ba[high], -ab[low], rtol=1e-9, atol=1e-12, err_msg=high)
    for column in same:
        np.testing.assert_allclose(ba[column], ab[column], rtol=1e-12, atol=1e-15, err_msg=column)


@pytest.mark.filterwarnings("ignore:Levene's test is undefined")
@given(two_groups(), st.sampled_from(list(FLIP)))
def test_compare_swapping_groups_negates_signs_and_swaps_ci_bounds(data, alternative):
    frame, _, _ = data
    ab = mm.compare(frame, "y", "g", groups=("a", "b"), alternative=alternative)
    ba = mm.compare(frame, "y", "g", groups=("b", "a"), alternative=FLIP[alternative])
    assert (ba["group1"] == "b").all() and (ba["mean1"].to_numpy() == ab["mean2"].to_numpy()).all()
    assert (ba["n1"].to_numpy() == ab["n2"].to_numpy()).all()
    assert_swapped(ab, ba, SAME)


@given(two_groups())
def test_compare_summary_swapping_groups_negates_signs_and_swaps_ci_bounds(data):
    _, x1, x2 = data
    s1 = (x1.mean(), x1.std(ddof=1), len(x1))
    s2 = (x2.mean(), x2.std(ddof=1), len(x2))
    ab = mm.compare_summary(*s1, *s2, groups=("a", "b"))
    ba = mm.compare_summary(*s2, *s1, groups=("b", "a"))
    assert_swapped(ab, ba, ["se", "df", "p"])

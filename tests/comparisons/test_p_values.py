"""adjust_pvalues (mixedmethods.comparisons.p_values) against R's ``p.adjust`` and statsmodels."""
from __future__ import annotations

import numpy as np
import pytest

from mixedmethods import InputError
from mixedmethods.comparisons.p_values import adjust_pvalues

from ._data import assert_close

ADJUST_INPUT = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1]
# R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "holm")
ADJUST_HOLM = [0.08, 0.24, 0.21, 0.045, 0.6, 0.24, 1, 0.001, 0.24, 1]
# R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "BH")
ADJUST_BH = [0.0333333333333333, 0.0666666666666667, 0.0666666666666667, 0.025, 0.25, 0.0666666666666667, 0.555555555555556, 0.001, 0.07, 1]


@pytest.mark.parametrize(
    "method, expected",
    [
        # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "holm")
        ("holm", ADJUST_HOLM),
        # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "BH")
        ("fdr_bh", ADJUST_BH),
    ],
)
def test_adjust_pvalues_matches_p_adjust(method, expected):
    assert_close(adjust_pvalues(ADJUST_INPUT, method), expected, what=method)



@pytest.mark.parametrize("method", ["holm", "bonferroni", "fdr_bh"])
def test_adjust_pvalues_matches_statsmodels(method):
    from statsmodels.stats.multitest import multipletests

    rng = np.random.default_rng(12)
    for p in (ADJUST_INPUT, rng.uniform(size=200), rng.uniform(0, 0.05, size=30), [0.5]):
        expected = multipletests(p, method=method)[1]
        np.testing.assert_allclose(adjust_pvalues(p, method), expected, rtol=1e-12, atol=0)


def test_bad_p_values_are_refused():
    with pytest.raises(InputError, match=r"p\[1\] = 1.5 is not a probability"):
        adjust_pvalues([0.1, 1.5])
    with pytest.raises(ValueError, match="method"):
        adjust_pvalues([0.1], "BH")

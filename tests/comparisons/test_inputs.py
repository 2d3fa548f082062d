"""The input checks every raw-data comparison shares (mixedmethods.comparisons._inputs)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods._validation import InputError
from mixedmethods.comparisons._inputs import as_1d
from mixedmethods.comparisons.nonparametric import mann_whitney
from mixedmethods.comparisons.two_groups import compare

from ._data import ITEMS


@pytest.mark.parametrize("test", [compare, mann_whitney])
def test_outcome_list_is_checked(test):
    with pytest.raises(ValueError, match="dv is empty"):
        test(ITEMS, [], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match=r"dv names a column twice: \['item1', 'item1'\]"):
        test(ITEMS, ["item1", "item1"], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match="'group' is both the group column and an outcome"):
        test(ITEMS, ["item1", "group"], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match="nope"):
        test(ITEMS, ["item1", "nope"], "group", groups=("treat", "ctrl"))


def test_printed_strings_only_when_asked():
    assert as_1d("mean1", ["2.8", "−0.42"], printed=True).tolist() == [2.8, -0.42]
    with pytest.raises(TypeError, match=r"p\[0\] = '0.03' is not a number"):
        as_1d("p", ["0.03"])


@pytest.mark.parametrize("call", [
    lambda d: mm.compare(d[d["g"] != "c"], "y", "g"),
    lambda d: mm.anova(d, dv="y", between="g"),
    lambda d: mm.one_sample(d, "y", mu=0),
    lambda d: mm.compare_paired(d, "pre", "y"),
    lambda d: mm.correlation(d, "pre", "y"),
], ids=["compare", "anova", "one_sample", "compare_paired", "correlation"])
def test_an_infinite_outcome_is_named_by_every_family(call):
    """One check for every raw-data family (one_sample used to return NaN silently, anova and correlation to
    warn from NumPy)."""
    data = pd.DataFrame({"g": list("aaabbbccc"), "y": [1, 2, 3, 4, 5, -np.inf, 7, 8, 9],
                         "pre": [1, 2, 3, 4, 5, 6, 7, 8, 9.0]}, index=[f"r{i}" for i in range(9)])
    with pytest.raises(InputError, match=r"column 'y' holds -inf in row 'r5'; outcomes must be finite numbers"):
        call(data)


def test_an_infinite_value_outside_the_groups_compared_is_left_alone():
    data = pd.DataFrame({"g": list("aaabbbccc"), "y": [1, 2, 3, 4, 5, 6, np.inf, 8, 9]})
    assert len(mm.compare(data, "y", "g", groups=("a", "b"))) == 2
    # a row without a group is left out of an ANOVA, its value too (it was refused as infinite)
    ungrouped = data.assign(g=list("aaabbbcc") + [None], y=[1, 2, 3, 4, 5, 7, 8, 9, np.inf])
    assert set(mm.anova(ungrouped, "y", "g")["n"]) == {8}

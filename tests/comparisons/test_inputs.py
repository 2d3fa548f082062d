"""The input checks every raw-data comparison shares (mixedmethods.comparisons._inputs)."""
from __future__ import annotations

import pytest

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

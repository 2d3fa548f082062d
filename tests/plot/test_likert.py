"""likert: diverging stacked bars, neutral split across zero, palette colours."""
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer

from mixedmethods import InputError
from mixedmethods import plot as mp


def test_likert_diverging_bars(ytick_texts):
    data = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 5, 5, 4, 3, 2], "q2": [1, 1, 1, 1, 2, 3, 3, 5, 5, np.nan]})
    ax = mp.likert(data, level_labels=["SD", "D", "N", "A", "SA"])
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [c.get_label() for c in containers] == ["SD", "D", "N", "A", "SA"]
    widths = np.array([[p.get_width() for p in c.patches] for c in containers]).T
    np.testing.assert_allclose(widths[0], [10, 20, 20, 20, 30])
    np.testing.assert_allclose(widths[1], 100 * np.array([4, 1, 2, 0, 2]) / 9)
    # q1: disagree 30% + half of neutral 10% on the left of zero
    np.testing.assert_allclose(containers[0].patches[0].get_x(), -40)
    fills = [to_hex(c.patches[0].get_facecolor()) for c in containers]
    assert fills == [mp.PALETTE[k].lower() for k in ("vermillion", "orange", "grey", "sky_blue", "blue")]
    assert ytick_texts(ax) == ["q1\n(n = 10)", "q2\n(n = 9)"]
    assert ax.get_title()


def test_likert_labels_name_the_items(ytick_texts):
    data = pd.DataFrame({"q1": [1, 2, 3], "q2": [3, 3, 1]})
    ax = mp.likert(data, labels={"q2": "Recovery is possible"})
    assert ytick_texts(ax) == ["q1\n(n = 3)", "Recovery is possible\n(n = 3)"]


def test_likert_even_levels_have_no_neutral():
    data = pd.DataFrame({"q": ["no", "no", "yes", "maybe not", "maybe yes", "yes"]})
    ax = mp.likert(data, levels=["no", "maybe not", "maybe yes", "yes"])
    first = [c for c in ax.containers if isinstance(c, BarContainer)][0]
    np.testing.assert_allclose(first.patches[0].get_x(), -50)


def test_likert_bad_input():
    with pytest.raises(InputError, match="'q' has the value 7"):
        mp.likert(pd.DataFrame({"q": [1, 2, 7]}), levels=[1, 2, 3])
    with pytest.raises(InputError, match="no rows"):
        mp.likert(pd.DataFrame({"q": []}))
    with pytest.raises(InputError, match="'z'"):
        mp.likert(pd.DataFrame({"q": [1, 2]}), items=["z"])

"""plot.agreement draws themes.agreement's table: one dot per defined coefficient, words for the rest."""
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from mixedmethods._style import PALETTE
from mixedmethods._validation import InputError
from mixedmethods.plot import agreement as plot_agreement
from mixedmethods.themes import agreement


@pytest.fixture
def table():
    segments = pd.DataFrame({
        "participant": ["P1", "P1", "P2", "P2", "P3", "P3", "P4", "P4"],
        "code": ["cost", "cost", "cost", "time", "time", "time", "cost", "cost"],
        "coder": ["Ana", "Ben", "Ana", "Ben", "Ana", "Ben", "Ana", "Ben"],
    })
    return agreement(segments, codes=["cost", "time", "stigma"])


def dots(ax):
    return np.concatenate([c.get_offsets() for c in ax.collections if len(c.get_offsets())])


def test_draws_each_defined_coefficient_and_says_undefined(table, ytick_texts, texts):
    before = table.copy()
    ax = plot_agreement(table)
    pd.testing.assert_frame_equal(table, before)
    assert ytick_texts(ax) == ["cost", "time", "stigma", "(all codes)"]
    kappa = table["cohen_kappa"].to_numpy()
    xy = dots(ax)
    assert sorted(xy[:, 1].tolist()) == [0, 1, 3]  # no dot for stigma (row 2)
    for x, y in xy:
        assert x == pytest.approx(kappa[int(y)])
    assert "undefined: no coder applied the code on any of the 4 units" in texts(ax)
    assert any(t.startswith("75% agree, 1 of 4 units differ") for t in texts(ax))
    assert "Cohen's kappa" in ax.get_xlabel()


def test_given_axes_and_alpha_for_three_coders(table):
    fig, ax = plt.subplots()
    three = table.assign(n_coders=3)
    assert plot_agreement(three, ax=ax) is ax
    assert "Krippendorff" in ax.get_xlabel()
    colours = {tuple(np.round(c.get_facecolor()[0][:3], 3)) for c in ax.collections if len(c.get_offsets())}
    assert tuple(np.round(plt.matplotlib.colors.to_rgb(PALETTE["blue"]), 3)) in colours


def test_bad_input(table):
    with pytest.raises(InputError, match="value="):
        plot_agreement(table, value="fleiss")
    with pytest.raises(InputError, match="lie in"):
        plot_agreement(table.assign(cohen_kappa=2.0))
    with pytest.raises(InputError, match="percent_agreement"):
        plot_agreement(table.drop(columns="percent_agreement"))

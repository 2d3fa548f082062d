"""What every plot shares: ``ax=None`` means the current Axes, the shared docs, a light import."""
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from mixedmethods import plot as mp
from mixedmethods.plot._base import between_title

FUNCTIONS = [name for name in mp.__all__ if name != "PALETTE"]


def test_ax_none_draws_on_the_current_axes(theme_table):
    fig, ax = plt.subplots(figsize=(3, 2))
    assert mp.theme_bars(theme_table, label="theme") is ax  # seaborn's plt.gca()
    assert tuple(fig.get_size_inches()) == (3, 2)  # a figure the caller made keeps its size


def test_ax_none_sizes_a_new_or_empty_figure_to_the_content(theme_table):
    ax = mp.theme_bars(theme_table, label="theme")  # no figure yet: one is made, sized as before
    assert plt.get_fignums() == [ax.figure.number]
    width, height = ax.figure.get_size_inches()
    assert width == 7.5 and height > 2
    fig = plt.figure()  # an empty current figure is used, and sized
    ax = mp.theme_bars(theme_table, label="theme")
    assert ax.figure is fig and tuple(fig.get_size_inches()) == (width, height)


def test_every_plot_documents_ax_once_and_returns_axes():
    for name in FUNCTIONS:
        doc = getattr(mp, name).__doc__
        assert "{ax}" not in doc, name
        assert doc.count("    ax : matplotlib.axes.Axes, optional") == 1, name
        assert doc.index("Returns\n    -------\n    matplotlib.axes.Axes") < doc.index("Notes\n    -----"), name


def test_dir_shows_the_public_api_only():
    assert sorted(dir(mp)) == sorted(mp.__all__)
    assert mp.PALETTE["blue"] == "#0072B2"


def test_between_title_names_the_attribute():
    table = pd.DataFrame({"group": ["a", "b"], "between": ["gender", "gender"], "n": [1, 2]})
    assert between_title(table, "group") == "gender"
    assert between_title(table.drop(columns="between"), "group") == "group"
    assert between_title(table.assign(between=["x", np.nan]), "group") == "x"
    assert between_title(table.assign(between=["x", "y"]), "group") == "group"
    # grouped by a column of one's own (e.g. renamed for the legend), its name wins
    assert between_title(table.rename(columns={"group": "participant type"}), "participant type") == "participant type"


def test_import_mixedmethods_plot_stays_light():
    code = ("import sys, mixedmethods.plot, mixedmethods.joint, mixedmethods.text; "
            "print(any(m in sys.modules for m in ('matplotlib', 'pandas', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_keyword_neither_the_plot_nor_matplotlib_takes_is_named(theme_table):
    """``labels=`` (the comparisons' word) on a theme plot used to end in matplotlib's
    "AttributeError: Rectangle.set() got an unexpected keyword argument 'labels'"."""
    import pytest

    with pytest.raises(TypeError, match=r"mixedmethods\.plot\.theme_bars\(\) got an unexpected keyword "
                                        r"argument 'labels' \(neither its own nor one that matplotlib takes"):
        mp.theme_bars(theme_table, label="theme", labels=["a", "b"])
    ax = mp.theme_bars(theme_table, label="theme", alpha=0.5)  # a keyword matplotlib takes still goes through
    assert all(bar.get_alpha() == 0.5 for bar in ax.patches)
    plt.close("all")

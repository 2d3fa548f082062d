"""word_cloud: seeded layout, palette colours, and what it refuses."""
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from mixedmethods import InputError, InputTypeError
from mixedmethods import plot as mp


def test_word_cloud_uses_palette_colours_and_is_seeded():
    pytest.importorskip("wordcloud")
    texts_ = ["familia apoyo tratamiento familia", "tratamiento adherencia familia", "estigma costo"]
    ax1 = mp.word_cloud(texts_, language="es", seed=3, width=300, height=150, title="Palabras")
    plt.figure()  # the second cloud on a figure of its own (ax=None draws on the current Axes)
    ax2 = mp.word_cloud(texts_, language="es", seed=3, width=300, height=150)
    assert ax1 is not ax2
    a1, a2 = ax1.images[0].get_array(), ax2.images[0].get_array()
    np.testing.assert_array_equal(a1, a2)
    assert ax1.get_title() == "Palabras"
    pixels = np.asarray(a1).reshape(-1, 3)
    colours = {tuple(int(round(255 * c)) for c in to_rgb(mp.PALETTE[k]))
               for k in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange")}
    found = {tuple(p) for p in pixels}
    assert (255, 255, 255) in found
    assert len(found & colours) >= 3  # the words' solid cores are palette colours
    # the most frequent word gets the first colour
    assert tuple(int(round(255 * c)) for c in to_rgb(mp.PALETTE["blue"])) in found


def test_word_cloud_bad_input():
    pytest.importorskip("wordcloud")
    with pytest.raises(InputError, match="no words"):
        mp.word_cloud(["the and of"], language="en")
    with pytest.raises(InputError, match="'n'"):
        mp.word_cloud(pd.DataFrame({"word": ["a"]}))
    with pytest.raises(InputTypeError, match="seed must be an int"):
        mp.word_cloud(["familia"], seed=1.5)


def test_word_cloud_takes_a_generator_as_seed():
    pytest.importorskip("wordcloud")
    texts_ = ["familia apoyo tratamiento familia", "tratamiento adherencia familia", "estigma costo"]
    ax1 = mp.word_cloud(texts_, language="es", seed=np.random.default_rng(5), width=300, height=150)
    plt.figure()
    ax2 = mp.word_cloud(texts_, language="es", seed=np.random.default_rng(5), width=300, height=150)
    np.testing.assert_array_equal(ax1.images[0].get_array(), ax2.images[0].get_array())

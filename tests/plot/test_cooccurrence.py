"""cooccurrence: the heatmap of codes occurring together, from pairs or a square matrix."""
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from mixedmethods import InputError
from mixedmethods import plot as mp


def test_cooccurrence_heatmap_from_pairs(texts):
    from mixedmethods.themes import cooccurrence

    segments = pd.DataFrame({"participant": ["P1", "P1", "P2", "P2", "P3", "P3"],
                             "code": ["cost", "time", "cost", "time", "cost", "stigma"]})
    pairs = cooccurrence(segments)
    ax = mp.cooccurrence(pairs)
    image = ax.images[0]
    grid = image.get_array()
    codes = [t.get_text() for t in ax.get_xticklabels()]
    assert codes == ["cost", "stigma", "time"]
    assert grid[0, 2] == 2 and grid[2, 0] == 2 and grid[0, 1] == 1 and grid[1, 2] == 0
    assert np.ma.is_masked(grid[0, 0])
    assert {"2", "1", "0", "n=3"} <= set(texts(ax))
    top = image.cmap(1.0)
    assert to_hex(top) == mp.PALETTE["blue"].lower()
    assert ax.get_title()


def test_cooccurrence_square_matrix_and_errors():
    m = pd.DataFrame([[0, 2], [2, 0]], index=["a", "b"], columns=["a", "b"])
    ax = mp.cooccurrence(m, title="M")
    assert ax.images[0].get_array()[0, 1] == 2
    with pytest.raises(InputError, match="negative"):
        mp.cooccurrence(m.replace(2, -1))
    with pytest.raises(InputError, match="square"):
        mp.cooccurrence(pd.DataFrame({"x": [1]}))

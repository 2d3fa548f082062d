"""The shared palette and colour helpers."""
import numpy as np
from matplotlib.colors import to_rgb

from mixedmethods._style import PALETTE, blend


def test_blend_equals_matplotlib_to_rgb_mixed_with_white():
    """blend parses "#RRGGBB" itself; the result is exactly what matplotlib's to_rgb gave."""
    for colour in PALETTE.values():
        for t in (0, 0.3, 0.65, 0.7, 0.75, 1, *np.linspace(0, 0.65, 7)):
            rgb = np.asarray(to_rgb(colour))
            assert blend(colour, t) == tuple(rgb + (1 - rgb) * t)

"""Colours and label helpers shared by the plots, the joint displays and the study figures.

Kept free of matplotlib imports at module level, so that rendering a joint
display's HTML does not load matplotlib.
"""
from __future__ import annotations

import textwrap

import numpy as np

__all__ = ["PALETTE", "CYCLE", "color", "blend", "text_color", "wrap"]

#: Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal Design"),
#: the only colours the plots use; the order of :data:`CYCLE` is the order groups are coloured in.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#999999",
}
CYCLE = ["blue", "orange", "bluish_green", "vermillion", "sky_blue", "reddish_purple", "yellow"]

#: Characters per line of a wrapped category label.
WRAP_WIDTH = 32


def color(i):
    """The ``i``-th colour of the group cycle (wrapping around)."""
    return PALETTE[CYCLE[i % len(CYCLE)]]


def blend(hex_color, toward_white):
    """``hex_color`` ("#RRGGBB") mixed with white (0 = unchanged, 1 = white), as an RGB tuple.

    Parsed here (as ``matplotlib.colors.to_rgb`` does) so that rendering a
    joint display's HTML does not import matplotlib.
    """
    h = hex_color.lstrip("#")
    rgb = np.asarray([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])
    return tuple(rgb + (1 - rgb) * toward_white)


def text_color(fill):
    """Black or white, whichever contrasts more with ``fill`` (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    rgb = np.asarray(to_rgb(fill))
    lin = np.where(rgb <= 0.03928, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    lum = float(lin @ [0.2126, 0.7152, 0.0722])
    return PALETTE["black"] if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#FFFFFF"


def wrap(label, width=WRAP_WIDTH):
    """A category label broken into lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(str(label), width)) or str(label)

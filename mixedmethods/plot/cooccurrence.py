"""How often two codes occur together, as a heatmap (:func:`cooccurrence`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE, text_color, wrap
from .._validation import InputError, check_columns
from ._base import axes, check_frame, finish, numeric, with_ax_doc

__all__ = ["cooccurrence"]


def _square(data, value):
    import pandas as pd

    check_frame(data, [])
    if {"code_a", "code_b"} <= set(data.columns):
        check_columns(data, [value])
        codes = list(pd.unique(pd.concat([data["code_a"], data["code_b"]], ignore_index=True)))
        pos = {c: i for i, c in enumerate(codes)}
        mat = np.full((len(codes), len(codes)), np.nan)
        v = numeric(data, value)
        for a, b, x in zip(data["code_a"], data["code_b"], v):
            mat[pos[a], pos[b]] = mat[pos[b], pos[a]] = x
        diag = {}
        if {"n_a", "n_b"} <= set(data.columns):
            for a, b, na, nb in zip(data["code_a"], data["code_b"], data["n_a"], data["n_b"]):
                diag[a], diag[b] = na, nb
        measure = str(data["measure"].iloc[0]) if "measure" in data.columns else value
        return codes, mat, diag, measure
    if list(data.index) != list(data.columns):
        raise InputError("data must be cooccurrence() output (columns 'code_a', 'code_b', 'value') or a square "
                         "matrix whose index equals its columns.")
    mat = np.column_stack([numeric(data, c) for c in data.columns])
    diag = {c: mat[i, i] for i, c in enumerate(data.columns)}
    return list(data.columns), mat, diag, "value"


@with_ax_doc
def cooccurrence(data, *, value="value", annotate=True, title="Codes occurring together", ax=None, **kwargs):
    """Heatmap of how often two codes occur together.

    Parameters
    ----------
    data : pandas.DataFrame
        :func:`mixedmethods.themes.cooccurrence` output (one row per pair:
        ``code_a``, ``code_b``, ``value``, and ``n_a``/``n_b``) or a square
        codes × codes matrix.
    value : str
        Column of the pair table holding the cell value.
    annotate : bool
        Print each cell's value (and, on the diagonal, each code's own count
        in grey when known).
    title : str
        Axes title ("" for none).
    %(ax)s
    Notes
    -----
    The diagonal (a code with itself) is left blank so that it does not set
    the colour scale.  Colours run from white to the palette's blue.
    ``**kwargs`` go to ``Axes.imshow``.

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["cost", "cost", "stigma"], "code_b": ["stigma", "time", "time"],
    ...                       "value": [1, 2, 0]})
    >>> ax = cooccurrence(pairs)
    >>> ax.images[0].get_array()[0, 2]
    np.float64(2.0)
    >>> import matplotlib.pyplot as plt
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    codes, mat, diag, measure = _square(data, value)
    bad = np.argwhere(mat < 0)
    if bad.size:
        i, j = bad[0]
        raise InputError(f"the value for ({codes[i]!r}, {codes[j]!r}) is negative ({mat[i, j]:g}); "
                         "co-occurrence counts and indices are >= 0.")
    k = len(codes)
    shown = mat.copy()
    np.fill_diagonal(shown, np.nan)
    cmap = LinearSegmentedColormap.from_list("mm_blue", ["#FFFFFF", PALETTE["blue"]]).with_extremes(bad="#EEEEEE")
    ax = axes(ax, 2.5 + 0.6 * k, 2.0 + 0.5 * k)
    top = np.nanmax(shown) if np.isfinite(shown).any() else 1.0
    kwargs.setdefault("cmap", cmap)
    kwargs.setdefault("vmin", 0)
    kwargs.setdefault("vmax", top if top > 0 else 1.0)
    image = ax.imshow(np.ma.masked_invalid(shown), **kwargs)
    whole = np.all(np.isnan(shown) | (shown == np.round(shown)))
    if annotate:
        for i in range(k):
            for j in range(k):
                if i == j:
                    if codes[i] in diag and np.isfinite(float(diag[codes[i]])):
                        ax.text(j, i, f"n={float(diag[codes[i]]):.0f}", ha="center", va="center", fontsize=8,
                                color="#555555", style="italic")
                    continue
                x = shown[i, j]
                if not np.isfinite(x):
                    continue
                fill = image.cmap(image.norm(x))
                ax.text(j, i, f"{x:.0f}" if whole else f"{x:.2f}", ha="center", va="center", fontsize=9,
                        color=text_color(fill[:3]))
    labels = [wrap(c, 22) for c in codes]
    ax.set_xticks(np.arange(k), labels, rotation=40, ha="right", rotation_mode="anchor")
    ax.set_yticks(np.arange(k), labels)
    ax.tick_params(length=0)
    bar = plt.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label({"count": "Units with both codes", "jaccard": "Jaccard index"}.get(measure, measure))
    return finish(ax, title, spines=())

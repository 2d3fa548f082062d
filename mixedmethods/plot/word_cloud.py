"""The most frequent words, drawn as a word cloud (:func:`word_cloud`)."""
from __future__ import annotations

import numpy as np

from .._style import PALETTE
from .._validation import InputError, InputTypeError
from ._base import axes, check_frame, finish, numeric, row_name, with_ax_doc

__all__ = ["word_cloud"]


@with_ax_doc
def word_cloud(data, *, language="en", stopwords=None, max_words=80, seed=0, title="Most frequent words", ax=None,
               **kwargs):
    """A word cloud of the most frequent words, in the palette's colours.

    Parameters
    ----------
    data : pandas.DataFrame or list of str
        :func:`mixedmethods.text.word_frequencies` output (``word``, ``n``), or
        texts whose frequencies are computed with ``language`` and
        ``stopwords``.
    language, stopwords
        As in :func:`~mixedmethods.text.word_frequencies`, for texts.
    max_words : int
        How many words are drawn.
    seed : int, numpy.random.Generator or None
        Seed of the layout: the same int gives the same picture; a Generator
        draws the layout's seed from its stream; None, a new layout each time.
    title : str
        Axes title ("" for none).
    %(ax)s
    Notes
    -----
    Needs the ``wordcloud`` package.  Word size shows frequency, which a
    reader judges poorly: put :func:`~mixedmethods.text.word_frequencies`
    beside it.  ``**kwargs`` go to ``wordcloud.WordCloud``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> ax = word_cloud(["hope and family", "family support and work", "hope"], seed=1)
    >>> ax.get_title()
    'Most frequent words'
    >>> plt.close("all")
    """
    import pandas as pd

    from ..text import word_frequencies

    if isinstance(seed, np.random.Generator):
        seed = int(seed.integers(2**31))
    elif seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise InputTypeError(f"seed must be an int, a numpy.random.Generator or None, got {seed!r}.")

    if isinstance(data, pd.DataFrame):
        check_frame(data, ["word", "n"])
        freq = data
    else:
        freq = word_frequencies(data, language=language, stopwords=stopwords)
        if len(freq) == 0:
            raise InputError("the texts contain no words once stop words are removed; there is nothing to draw.")
    counts = numeric(freq, "n", row_label="word")
    if np.any(~np.isfinite(counts) | (counts < 0)):
        i = int(np.flatnonzero(~np.isfinite(counts) | (counts < 0))[0])
        raise InputError(f"column 'n' is {freq['n'].iloc[i]!r} at row {row_name(freq, i, 'word')}; "
                         "counts must be >= 0.")
    pairs = {str(w): float(c) for w, c in zip(freq["word"], counts) if c > 0}
    if not pairs:
        raise InputError("every count in column 'n' is 0; there is nothing to draw.")
    try:
        from wordcloud import WordCloud
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError("word_cloud needs the 'wordcloud' package: pip install wordcloud") from None
    ranked = sorted(pairs, key=lambda w: -pairs[w])
    rank = {w: i for i, w in enumerate(ranked)}
    dark = [PALETTE[c] for c in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange")]

    def color(word, **_):
        return dark[rank.get(word, 0) % len(dark)]

    options = {"width": 900, "height": 450, "background_color": "white", "max_words": max_words,
               "random_state": None if seed is None else int(seed), "prefer_horizontal": 1.0, "color_func": color}
    options.update(kwargs)
    cloud = WordCloud(**options).generate_from_frequencies(pairs)
    ax = axes(ax, 9, 4.8)
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.axis("off")
    return finish(ax, title, spines=())

"""Words in open answers and transcripts: frequencies and keywords in context.

These are reading aids, not analyses: a frequency list or a word cloud shows
which words recur, and the keyword-in-context table sends the reader back to
the sentences they came from.  Words are lower-cased, Unicode-normalised
(NFC, so "está" typed two ways is one word) and split on anything that is not
a letter; numbers are dropped.
"""
from __future__ import annotations

import re
import unicodedata

from ._validation import InputError, InputTypeError, check_choice

__all__ = ["word_frequencies", "keywords_in_context", "STOPWORDS"]

_EN = """
a about above after again against all am an and any are aren't as at be because been before
being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each few for from further get got had hadn't has hasn't have haven't having he
he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in
into is isn't it it's its itself just let's like me more most mustn't my myself no nor not now of
off on once only or other ought our ours ourselves out over own really same say said shan't she
she'd she'll she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those through to too
under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
where's which while who who's whom why why's will with won't would wouldn't yes you you'd you'll
you're you've your yours yourself yourselves also well one much many even
"""
_ES = """
a al algo algunas algunos ante antes como con contra cual cuales cuando de del desde donde durante
e el ella ellas ellos en entre era eran es esa esas ese eso esos esta está están estaba estaban
estar este esto estos estoy fue fueron ha han hasta hay la las le les lo los me mi mis mucho muy
más nada ni no nos nosotros o otra otras otro otros para pero poco por porque que qué quien se
sea ser si sí sin sino sobre son su sus también tan te tener tiene tienen todo todos tu tus un una
uno unos y ya yo él ese sus ha sido hace hacer puede pueden bien así entonces pues o u
"""

#: Built-in stop words per language; extend with ``STOPWORDS["es"] | {"paciente"}``.
STOPWORDS = {
    "en": frozenset(unicodedata.normalize("NFC", _EN).split()),
    "es": frozenset(unicodedata.normalize("NFC", _ES).split()),
}

# a word: letters, optionally joined by an apostrophe or hyphen ("don't", "auto-cuidado")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def _texts(texts):
    """A list of strings (missing entries become empty), or raise."""
    import pandas as pd

    if isinstance(texts, str):
        return [texts]
    if isinstance(texts, pd.DataFrame):
        raise InputTypeError("texts must be a list or Series of strings, not a DataFrame; pass one column, "
                             "e.g. segments['text'].")
    try:
        items = list(texts)
    except TypeError:
        raise InputTypeError(f"texts must be a string or a list of strings, got {type(texts).__name__}.") from None
    out = []
    for i, t in enumerate(items):
        if t is None or (isinstance(t, float) and t != t):
            out.append("")
        elif isinstance(t, str):
            out.append(t)
        else:
            raise InputTypeError(f"texts[{i}] = {t!r} is not text.")
    return out


def _tokens(text):
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    return _WORD.findall(text)


def _stopword_set(language, stopwords):
    if stopwords is None:
        check_choice("language", language, tuple(STOPWORDS))
        return STOPWORDS[language]
    if isinstance(stopwords, str):
        raise InputTypeError("stopwords must be a collection of words, not one string; wrap it in a list.")
    return frozenset(unicodedata.normalize("NFC", str(w)).lower() for w in stopwords)


def word_frequencies(texts, language="en", stopwords=None, *, min_length=2):
    """How often each word occurs, and in how many texts.

    Parameters
    ----------
    texts : str or list of str or pandas.Series
        Answers, quotes or transcripts (missing entries count as empty).
    language : {"en", "es"}
        Chooses the built-in stop-word list :data:`STOPWORDS`.
    stopwords : collection of str, optional
        Words to leave out *instead of* the built-in list; pass
        ``STOPWORDS["es"] | {"paciente"}`` to extend it, or ``()`` to keep
        every word.
    min_length : int
        Shorter words are left out.

    Returns
    -------
    pandas.DataFrame
        One row per word, most frequent first (ties alphabetical): ``word``,
        ``n`` (occurrences) and ``n_texts`` (texts containing it).

    Examples
    --------
    >>> word_frequencies(["La familia apoya.", "Sin la familia no hay apoyo", None],
    ...                  language="es")
          word  n  n_texts
    0  familia  2        2
    1    apoya  1        1
    2    apoyo  1        1
    """
    import pandas as pd

    items = _texts(texts)
    stop = _stopword_set(language, stopwords)
    if isinstance(min_length, bool) or not isinstance(min_length, int) or min_length < 1:
        raise InputError(f"min_length must be a whole number >= 1, got {min_length!r}.")
    counts, docs = {}, {}
    for text in items:
        words = [w for w in _tokens(text) if len(w) >= min_length and w not in stop]
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        for w in set(words):
            docs[w] = docs.get(w, 0) + 1
    out = pd.DataFrame({"word": list(counts), "n": list(counts.values()),
                        "n_texts": [docs[w] for w in counts]})
    out = out.astype({"word": object, "n": "int64", "n_texts": "int64"})
    return out.sort_values(["n", "word"], ascending=[False, True], kind="stable").reset_index(drop=True)


def keywords_in_context(texts, keyword, *, window=6, ids=None):
    """Every occurrence of a word or phrase with the words around it (a KWIC concordance).

    Parameters
    ----------
    texts : str or list of str or pandas.Series
        Where to look.  A Series' index identifies the texts unless ``ids``
        is given.
    keyword : str
        A word or phrase, matched as whole words, ignoring case.
    window : int
        Words shown on each side.
    ids : list, optional
        A label per text (participant, document) for the ``text_id`` column.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in text order: ``text_id``, ``left`` (the
        ``window`` words before, "…"-prefixed when cut), ``keyword`` (as
        written in the text), ``right``, ``start`` and ``end`` (characters of
        the match in the text).

    Examples
    --------
    >>> kwic = keywords_in_context(["My family helped me a lot.", "No family here"],
    ...                            "family", window=2, ids=["P1", "P2"])
    >>> kwic[["text_id", "left", "keyword", "right"]]
      text_id left keyword        right
    0      P1   My  family  helped me …
    1      P2   No  family         here
    """
    import pandas as pd

    items = _texts(texts)
    if not isinstance(keyword, str) or not keyword.strip():
        raise InputError(f"keyword must be a non-empty string, got {keyword!r}.")
    if isinstance(window, bool) or not isinstance(window, int) or window < 0:
        raise InputError(f"window must be a whole number >= 0, got {window!r}.")
    if ids is None:
        ids = list(texts.index) if isinstance(texts, pd.Series) else list(range(len(items)))
    else:
        ids = list(ids)
        if len(ids) != len(items):
            raise InputError(f"ids has {len(ids)} labels for {len(items)} texts; give one per text.")
    parts = [re.escape(p) for p in unicodedata.normalize("NFC", keyword).split()]
    pattern = re.compile(r"(?<![\w'])" + r"\s+".join(parts) + r"(?![\w'])", re.IGNORECASE)
    rows = []
    for tid, raw in zip(ids, items):
        text = unicodedata.normalize("NFC", raw)
        for m in pattern.finditer(text):
            # the window words on each side and, when there are more, the rest unsplit
            # (one element): splitting the whole text at every match made this quadratic
            before = text[: m.start()].rsplit(maxsplit=window)
            after = text[m.end():].split(maxsplit=window)
            left = " ".join(before[-window:]) if window else ""
            right = " ".join(after[:window]) if window else ""
            if len(before) > window:
                left = "… " + left if left else "…"
            if len(after) > window:
                right = right + " …" if right else "…"
            rows.append((tid, left, m.group(0), right, m.start(), m.end()))
    return pd.DataFrame(rows, columns=["text_id", "left", "keyword", "right", "start", "end"]).astype(
        {"start": "int64", "end": "int64"})

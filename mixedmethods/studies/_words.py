"""Small words for the studies' report sentences (shared by the study modules)."""
from __future__ import annotations

__all__ = ["number_word"]

_WORDS = dict(enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]))


def number_word(n):
    """'four' for 4 (up to ten), else the digits: numbers in a study's report sentences.

    Examples
    --------
    >>> number_word(4), number_word(12)
    ('four', '12')
    """
    return _WORDS.get(int(n), str(int(n)))

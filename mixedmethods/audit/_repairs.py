"""Repairs of text damaged by PDF conversion, before :func:`~mixedmethods.audit.extract` reads it.

Font encodings lose glyphs in systematic ways (statcheck's hand-coded
results of real papers show them): the minus sign becomes ``?`` or a control
character, ``=`` becomes ``<bc>`` or ``p``, ``<`` becomes ``b`` or ``!``, χ
becomes ``?`` or ``B``, and stray control characters sit between a symbol
and its number.  Each repair here is narrow: it fires only in the place of a
result where the damaged glyph can stand for one thing, and every repair is
reported (:func:`repair` returns them) so the reader sees what was changed.

Offsets: the repaired text maps back to the original through two arrays
(``start_of``/``end_of``: the span of the original text each repaired
character came from), so a result found in the repaired text is reported as
it stands in the original.
"""
from __future__ import annotations

import numpy as np

__all__ = ["repair", "Repaired"]

_CONTROL = "\x00-\x08\x0e-\x1f\x7f"
_COMP = "=<>≤≥"
# not in the p slot: a p value has no sign, so a glyph there is stray, not a minus ("." is the glyph itself)
_NOT_P = r"(?<![pP][=<>!] .)(?<![pP] [=<>!] .)(?<![pP] [=<>!].)(?<![pP][=<>!].)"
# Each repair: (name, pattern of exactly the damaged span, replacement, what the reader is told).
# Every pattern starts with the damaged glyph itself (its context sits in lookarounds placed after
# it), so the regular expression engine skips ahead to candidate characters: about as fast as
# reading the text once.
_RULES = [
    ("ligature", "[\ufb00-\ufb06]", None, "ligature {old} split into letters"),
    ("soft_hyphen", "\u00ad", "", "soft hyphen removed"),
    ("line_break_hyphen", r"-(?<=[a-z]-)[ \t]*\r?\n[ \t]*(?=[a-z])", "", "word hyphenated at a line break joined"),
    ("equals_lost", "<bc>", "=", "'<bc>' read as '='"),
    # a lost minus: '?' or U+FFFD right after a comparison (with at most one space), before a number
    ("minus_lost", rf"[?\ufffd]{_NOT_P}(?:(?<=[{_COMP}].)|(?<=[{_COMP}] .))(?=\.?\d)", "-",
     "{old!r} before the number read as a minus sign"),
    # a lost minus: a control character standing alone (after a space) where the number's sign goes
    ("minus_lost", rf"[{_CONTROL}]{_NOT_P}(?:(?<=[{_COMP}!] .)|(?<=(?<![pP] )<bc> .)|(?<=\) p .))(?= ?\.?\d)",
     "-", "control character {old!r} before the number read as a minus sign"),
    ("stray_control", f"[{_CONTROL}]+", "", "control character(s) {old!r} removed"),
    ("chi_lost", r"(?:[?\ufffd](?<![A-Za-z0-9_?\ufffd].)[?\ufffd]?|B(?<![A-Za-z0-9_]B))(?=\s?[2²]\s?\()", "χ",
     "{old!r} before 2(df) read as χ"),
    ("chi_lost", r"G(?<![A-Za-z0-9_]G)(?=\s?[2²]\s?\()", "χ", "G2 (likelihood-ratio χ²) read as χ²"),
    ("chi_lost", r"_(?<=[Cc]hi_)(?=\s?[2²])", "", "chi_2 read as chi2"),
    ("brown_forsythe", r"BF(?<![A-Za-z0-9_]BF)(?=\s?\()", "F", "BF (Brown–Forsythe) read as F"),
    # '=' printed as 'p': after a test's (df), after p, after N, after z, before a number or sign
    ("equals_lost", rf"p(?:(?<=\) p)|(?<=[pP] p)|(?<=[NzZ] p))(?= ?[-{_CONTROL}]? ?\.?\d)", "=", "'p' read as '='"),
    # '<' printed as 'b' or '!' in the p slot
    ("less_lost", r"[b!](?:(?<=[^A-Za-z]p.)|(?<=[^A-Za-z]p .))(?= ?\.?\d)", "<", "{old!r} after p read as '<'"),
]
_regex = None


class Repaired:
    """Repaired text, the map back to the original, and the repairs made (``None`` maps: unchanged)."""

    __slots__ = ("original", "text", "start_of", "end_of", "repairs", "positions")

    def __init__(self, original, text, start_of=None, end_of=None, repairs=()):
        self.original, self.text = original, text
        self.start_of, self.end_of, self.repairs = start_of, end_of, list(repairs)
        self.positions = [pos for pos, _, _ in self.repairs]  # in order: repairs are found left to right

    def original_span(self, start, end):
        """The span of the original text behind ``text[start:end]`` (``end > start``)."""
        if self.start_of is None:
            return start, end
        return int(self.start_of[start]), int(self.end_of[end - 1])

    def notes(self, start, end):
        """What was repaired inside ``text[start:end]``, as one string ('' when nothing)."""
        import bisect

        first = bisect.bisect_left(self.positions, start)
        last = bisect.bisect_left(self.positions, end, lo=first)
        notes = (note for pos, length, note in self.repairs[first:last] if length or start < pos)
        return "; ".join(dict.fromkeys(notes))


def _compiled():
    """The repairs as one pattern; an empty group closing each rule tells which one matched.

    (A group at the end, not around the rule, keeps each alternative starting with its
    character, so the engine still skips ahead to candidate characters.)
    """
    global _regex
    if _regex is None:
        import re

        _regex = re.compile("|".join(f"(?:{rule[1]})()" for rule in _RULES), re.DOTALL)
    return _regex


def repair(text):
    """Repair ``text``: a :class:`Repaired` with the new text, the offset map and each repair made.

    Each repair is ``(position in the repaired text, length there, note)``.
    """
    import unicodedata

    pieces, segments, repairs = [], [], []  # segments: (original start, original end, length, copied)
    out_len = last = 0
    for m in _compiled().finditer(text):
        _, _, replacement, note = _RULES[m.lastindex - 1]
        old = m.group()
        new = unicodedata.normalize("NFKC", old) if replacement is None else replacement
        if m.start() > last:
            pieces.append(text[last:m.start()])
            segments.append((last, m.start(), m.start() - last, True))
            out_len += m.start() - last
        pieces.append(new)
        segments.append((m.start(), m.end(), len(new), False))
        repairs.append((out_len, len(new), note.format(old=old)))
        out_len += len(new)
        last = m.end()
    if not repairs:
        return Repaired(text, text)
    pieces.append(text[last:])
    segments.append((last, len(text), len(text) - last, True))
    first, stop, length, copied = (np.array(c) for c in zip(*segments))
    offset = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    copy = np.repeat(copied, length)
    start_of = np.repeat(first, length) + np.where(copy, offset, 0)
    end_of = np.where(copy, start_of + 1, np.repeat(stop, length))
    return Repaired(text, "".join(pieces), start_of, end_of, repairs)

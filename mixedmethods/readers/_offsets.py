"""How a REFI-QDA file counts text positions, read from where its quotes start and end.

The specification counts Unicode code points and says ``endPosition`` is the
last character (inclusive); qc and QualCoder write Python slice ends
(exclusive); NVivo counts UTF-16 code units, so every character beyond
U+FFFF (an emoji, a rare CJK ideograph) shifts later quotes by one.  Each
reading is tried on the source texts and the one whose quotes start and end
at plausible places wins: the end convention for the whole project (one
program wrote it), the unit per source (only texts with characters beyond
U+FFFF can tell the units apart).
"""
from __future__ import annotations

import unicodedata
import warnings

from .._validation import InputError

__all__ = ["CODE_POINTS", "UTF16", "RAW_FIELDS", "resolve_positions"]

#: The fields of one coding as read (a list per coding, in this order, for speed)
RAW_FIELDS = ("code_id", "source_id", "segment", "kind", "start", "end", "text_key", "coder", "coding_id", "media",
              "quote", "text")
_SOURCE, _SEGMENT, _START, _END, _KEY = 1, 2, 4, 5, 6

CODE_POINTS, UTF16 = "code points", "utf-16"
_OUT = 10**6  # a position outside the text (or inside a surrogate pair) outweighs any number of cuts


def _wordish(ch):
    """A character a quote should not be cut next to: letters and digits, except wide (CJK) ones."""
    return ch.isalnum() and unicodedata.east_asian_width(ch) not in ("W", "F")


def _cut_before(text, i):
    """1 when a quote boundary at ``i`` (0 < i < len) splits a word or leaves a combining mark behind."""
    ch, prev = text[i], text[i - 1]
    if ch < "\x80" and prev < "\x80":  # ASCII: the common case, without unicodedata
        return 1 if ch.isalnum() and prev.isalnum() else 0
    return 1 if (unicodedata.combining(ch) or _wordish(ch) and _wordish(prev)) else 0


def _utf16_map(text):
    """Code point index of every UTF-16 offset of ``text`` (-1 inside a surrogate pair)."""
    out = []
    for i, ch in enumerate(text):
        out.append(i)
        if ord(ch) > 0xFFFF:
            out.append(-1)
    out.append(len(text))
    return out


def _spans_in(text, spans, to_cp, conventions):
    """{convention: (badness, converted spans)} of one unit's reading of one text's spans."""
    n, cut = len(text), _cut_before
    found = {c: [0, []] for c in conventions}
    for start, end in spans:
        if to_cp is not None:
            start = to_cp[start] if 0 <= start < len(to_cp) else -1
        start_bad = 0 if not 0 < start < n else cut(text, start)
        for conv, acc in found.items():
            e = end + 1 if conv == "inclusive" else end
            if to_cp is not None:
                e = to_cp[e] if 0 <= e < len(to_cp) else -1
            if not 0 <= start <= e <= n:
                acc[0] += _OUT
                acc[1].append(None)
                continue
            acc[0] += start_bad + (cut(text, e) if 0 < e < n else 0)
            acc[1].append((start, e))
    return {conv: tuple(acc) for conv, acc in found.items()}


def _readings(text, spans, conventions):
    """{(convention, unit): (badness, converted spans)} for one text."""
    maps = {CODE_POINTS: None}
    if not text.isascii() and max(text) > "\uffff":  # only then can UTF-16 units differ from code points
        maps[UTF16] = _utf16_map(text)
    return {(conv, unit): reading for unit, to_cp in maps.items()
            for conv, reading in _spans_in(text, spans, to_cp, conventions).items()}


def resolve_positions(raw, texts, end_position, label, name_of):
    """Convert every text selection of ``raw`` to code points with an exclusive end, in place.

    ``raw`` holds one list per coding (fields in ``RAW_FIELDS`` order;
    ``start`` and ``end`` as written); ``texts`` maps text keys to texts.
    Returns the end convention (None without text selections) and the unit
    chosen per text key.  Warns when under the best reading more than a
    third of a text's quotes still start or end inside a word; raises
    InputError when a selection lies outside its text under every reading.
    """
    by_key = {}
    for r in raw:
        if r[_START] is not None and texts.get(r[_KEY]) is not None:
            by_key.setdefault(r[_KEY], {})[(r[_START], r[_END])] = None
    if not by_key:
        convention = end_position if end_position != "auto" else (
            "exclusive" if any(r[_START] is not None for r in raw) else None)
        if convention == "inclusive":
            for r in raw:
                if r[_START] is not None:
                    r[_END] += 1
        return convention, {}
    first = "inclusive" if end_position == "inclusive" else "exclusive"
    readings = {key: _readings(texts[key], list(spans), (first,)) for key, spans in by_key.items()}
    convention = first
    total = sum(min(b for b, _ in per.values()) for per in readings.values())
    if end_position == "auto" and total:  # an exclusive reading that fits every text needs no other
        other = {key: _readings(texts[key], list(spans), ("inclusive",)) for key, spans in by_key.items()}
        if sum(min(b for b, _ in per.values()) for per in other.values()) < total:
            readings, convention = other, "inclusive"
    units, converted, poor = {}, {}, []
    for key, per in readings.items():
        options = [(b, unit != CODE_POINTS, unit, spans) for (c, unit), (b, spans) in per.items() if c == convention]
        badness, _, unit, spans = min(options, key=lambda o: o[:2])
        units[key] = unit
        converted[key] = dict(zip(by_key[key], spans))
        if badness >= _OUT:
            written = next(s for s, c in converted[key].items() if c is None)
            seg = next(r for r in raw if r[_KEY] == key and (r[_START], r[_END]) == written)
            raise InputError(
                f"{label}: selection {seg[_SEGMENT]!r} spans {written[0]}–{written[1]} but source "
                f"{name_of(seg[_SOURCE])!r} has {len(texts[key])} characters (read as {unit}, "
                f"{convention} end, and every other way)."
            )
        if 3 * badness > 2 * len(spans):  # over a third of the starts and ends inside words
            poor.append((name_of(key[0]), badness, 2 * len(spans), unit))
    if poor:
        listed = "; ".join(f"{name!r}: {b} of {n} starts and ends" for name, b, n, _ in poor)
        warnings.warn(
            f"{label}: no reading of the positions fits the text of {len(poor)} source(s) — quotes start or "
            f"end inside words ({listed}) whether read as code points or UTF-16 units, with inclusive or "
            f"exclusive ends; kept: {convention} ends, units in sources['offsets']. Check a few quotes.",
            stacklevel=4,
        )
    for r in raw:
        spans = converted.get(r[_KEY])
        if r[_START] is not None and spans is not None:
            r[_START], r[_END] = spans[(r[_START], r[_END])]
        elif r[_START] is not None and convention == "inclusive":
            r[_END] += 1
    return convention, units

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

#: The fields of the codings as read (one list per field, one value per coding)
RAW_FIELDS = ("code_id", "source_id", "segment", "kind", "start", "end", "text_key", "coder", "coding_id", "media",
              "quote", "text")

CODE_POINTS, UTF16 = "code points", "utf-16"
_ASCII_ALNUM = []  # which bytes are ASCII letters or digits (str.isalnum), made on first use
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


class _Spans:
    """The distinct spans of the text selections whose text is known, per text key, in order of appearance.

    ``keys`` lists the text keys, ``count`` their numbers of spans, ``of(key)``
    their spans ``(start, end)`` and ``row(key, span)`` the first coding
    with a span.  Found with NumPy and pandas (one pass over the codings);
    ``ascii_readings`` scores the spans of every ASCII text at once.
    """

    def __init__(self, raw, texts):
        import operator

        import numpy as np
        import pandas as pd

        keys, starts, ends = raw["text_key"], raw["start"], raw["end"]
        self.texts, self._raw = texts, raw
        ids = {k: i for i, k in enumerate(dict.fromkeys(keys))}
        self._key_of = list(ids)
        with_text = np.array([texts.get(k) is not None for k in self._key_of] or [False])
        key_ids = np.fromiter(map(ids.__getitem__, keys), dtype=np.int64, count=len(keys))
        has_start = np.fromiter(map(operator.is_not, starts, [None] * len(starts)), dtype=bool, count=len(starts))
        rows = np.flatnonzero(has_start & with_text[key_ids])
        if len(rows) == len(keys):
            s, e = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        else:
            s = np.array(starts, dtype=object)[rows].astype(np.int64)
            e = np.array(ends, dtype=object)[rows].astype(np.int64)
        distinct = pd.DataFrame({"k": key_ids[rows], "s": s, "e": e}).drop_duplicates()
        self._k, self._s, self._e = (distinct[c].to_numpy() for c in ("k", "s", "e"))
        self._rows = rows[distinct.index.to_numpy()]
        order = np.argsort(self._k, kind="stable")
        counts = np.bincount(self._k, minlength=len(ids))
        self._order, self._offsets = order, np.concatenate([[0], np.cumsum(counts)])
        self.keys = [self._key_of[k] for k in dict.fromkeys(self._k.tolist())]
        self.count = {key: int(counts[ids[key]]) for key in self.keys}
        self._ids = ids

    def _where(self, key):
        i = self._ids[key]
        return self._order[self._offsets[i]:self._offsets[i + 1]]

    def of(self, key):
        where = self._where(key)
        return list(zip(self._s[where].tolist(), self._e[where].tolist()))

    def row(self, key, span):
        where = self._where(key)
        hit = where[(self._s[where] == span[0]) & (self._e[where] == span[1])][0]
        return int(self._rows[hit])

    def ascii_readings(self, conventions):
        """{key: {(convention, code points): (badness, None)}} of the ASCII texts (None: the spans as written).

        A boundary at ``i`` inside a text cuts a word when the characters at
        ``i - 1`` and ``i`` are both ASCII letters or digits (``_cut_before``).
        """
        import numpy as np

        ascii_ids = [i for i, key in enumerate(self._key_of) if key in self.count and self.texts[key].isascii()]
        if not ascii_ids:
            return {}
        if not _ASCII_ALNUM:
            _ASCII_ALNUM.append(np.array([i < 128 and chr(i).isalnum() for i in range(256)]))
        encoded = [self.texts[self._key_of[i]].encode("ascii") for i in ascii_ids]
        lengths = np.zeros(len(self._key_of), dtype=np.int64)
        offsets = np.zeros(len(self._key_of), dtype=np.int64)
        lengths[ascii_ids] = [len(b) for b in encoded]
        offsets[ascii_ids] = np.concatenate([[0], np.cumsum(lengths[ascii_ids])[:-1]])
        wordish = _ASCII_ALNUM[0]
        chars = np.frombuffer(b"".join(encoded) + b" ", dtype=np.uint8)
        take = np.isin(self._k, ascii_ids)
        k, s, e = self._k[take], self._s[take], self._e[take]
        n, at = lengths[k], offsets[k]

        def cuts(i):  # 1 where a boundary at i splits a word (only 0 < i < n can)
            within = (i > 0) & (i < n)
            where = at + np.where(within, i, 1)
            return within & wordish[chars[where]] & wordish[chars[where - 1]]

        start_bad = cuts(s)
        out = {self._key_of[i]: {} for i in ascii_ids}
        for conv in conventions:
            end = e + 1 if conv == "inclusive" else e
            inside = (s >= 0) & (s <= end) & (end <= n)
            bad = np.where(inside, start_bad.astype(np.int64) + cuts(end), _OUT)
            total = np.bincount(k, weights=bad, minlength=len(self._key_of)).astype(np.int64).tolist()
            for i in ascii_ids:
                out[self._key_of[i]][(conv, CODE_POINTS)] = (total[i], None)
        return out


class _SpansByRow:
    """:class:`_Spans` found one coding at a time (positions beyond 64-bit integers)."""

    def __init__(self, raw, texts):
        by_key, textless = {}, set()
        for key, start, end in zip(raw["text_key"], raw["start"], raw["end"]):
            if start is None or key in textless:
                continue
            spans = by_key.get(key)
            if spans is None:
                if texts.get(key) is None:
                    textless.add(key)
                    continue
                spans = by_key[key] = {}
            spans[(start, end)] = None
        self._raw, self._by_key = raw, by_key
        self.keys = list(by_key)
        self.count = {key: len(spans) for key, spans in by_key.items()}

    def of(self, key):
        return list(self._by_key[key])

    def row(self, key, span):
        raw = self._raw
        return next(i for i, (k, s, e) in enumerate(zip(raw["text_key"], raw["start"], raw["end"]))
                    if k == key and (s, e) == span)

    def ascii_readings(self, conventions):
        return {}


def _spans(raw, texts):
    try:
        return _Spans(raw, texts)
    except OverflowError:
        return _SpansByRow(raw, texts)


def resolve_positions(raw, texts, end_position, label, name_of):
    """Convert every text selection of ``raw`` to code points with an exclusive end, in place.

    ``raw`` holds one list per field of ``RAW_FIELDS`` (one value per
    coding; ``start`` and ``end`` as written); ``texts`` maps text keys to
    texts.  Returns the end convention (None without text selections) and
    the unit chosen per text key.  Warns when under the best reading more
    than a third of a text's quotes still start or end inside a word; raises
    InputError when a selection lies outside its text under every reading.
    """
    spans_of = _spans(raw, texts)
    starts, ends = raw["start"], raw["end"]
    if not spans_of.keys:
        convention = end_position if end_position != "auto" else (
            "exclusive" if any(s is not None for s in starts) else None)
        if convention == "inclusive":
            raw["end"] = [e + 1 if s is not None else e for s, e in zip(starts, ends)]
        return convention, {}
    first = "inclusive" if end_position == "inclusive" else "exclusive"
    def readings_of(convention):
        fast = spans_of.ascii_readings((convention,))
        return {key: fast[key] if key in fast else _readings(texts[key], spans_of.of(key), (convention,))
                for key in spans_of.keys}

    readings = readings_of(first)
    convention = first
    total = sum(min(b for b, _ in per.values()) for per in readings.values())
    if end_position == "auto" and total:  # an exclusive reading that fits every text needs no other
        other = readings_of("inclusive")
        if sum(min(b for b, _ in per.values()) for per in other.values()) < total:
            readings, convention = other, "inclusive"
    units, converted, poor = {}, {}, []
    for key, per in readings.items():
        options = [(b, unit != CODE_POINTS, unit, spans) for (c, unit), (b, spans) in per.items() if c == convention]
        badness, _, unit, spans = min(options, key=lambda o: o[:2])
        units[key] = unit
        if badness >= _OUT:
            if spans is None:
                spans = _spans_in(texts[key], spans_of.of(key), None, (convention,))[convention][1]
            written = next(s for s, c in zip(spans_of.of(key), spans) if c is None)
            row = spans_of.row(key, written)
            raise InputError(
                f"{label}: selection {raw['segment'][row]!r} spans {written[0]}–{written[1]} but source "
                f"{name_of(raw['source_id'][row])!r} has {len(texts[key])} characters (read as {unit}, "
                f"{convention} end, and every other way)."
            )
        if unit != CODE_POINTS:  # code points: the spans as written (end + 1 when inclusive)
            converted[key] = dict(zip(spans_of.of(key), spans))
        if 3 * badness > 2 * spans_of.count[key]:  # over a third of the starts and ends inside words
            poor.append((name_of(key[0]), badness, 2 * spans_of.count[key], unit))
    if poor:
        listed = "; ".join(f"{name!r}: {b} of {n} starts and ends" for name, b, n, _ in poor)
        warnings.warn(
            f"{label}: no reading of the positions fits the text of {len(poor)} source(s) — quotes start or "
            f"end inside words ({listed}) whether read as code points or UTF-16 units, with inclusive or "
            f"exclusive ends; kept: {convention} ends, units in sources['offsets']. Check a few quotes.",
            stacklevel=4,
        )
    shift = 1 if convention == "inclusive" else 0
    if converted:
        new_starts, new_ends = list(starts), list(ends)
        for i, (key, s, e) in enumerate(zip(raw["text_key"], starts, ends)):
            if s is None:
                continue
            spans = converted.get(key)
            if spans is not None:
                new_starts[i], new_ends[i] = spans[(s, e)]
            else:
                new_ends[i] = e + shift
        raw["start"], raw["end"] = new_starts, new_ends
    elif shift:
        raw["end"] = [e + 1 if s is not None else e for s, e in zip(starts, ends)]
    return convention, units

"""The patterns :func:`~mixedmethods.audit.extract` reads APA-style results with.

Characters are normalised one for one by :data:`CLEAN` (so offsets stay
valid); :func:`regex` compiles each pattern once, on first use.
"""
from __future__ import annotations

from .._validation import InputTypeError

__all__ = ["CLEAN", "COMPARISON", "regex", "text_argument"]

# One-for-one character replacements, so that offsets in the cleaned text are
# offsets in the original: minus signs and hyphens, exotic spaces, chi letters.
CLEAN = str.maketrans(
    {
        **{c: "-" for c in "\u2212\u2010\u2011\u2012\u2013\ufe63\uff0d"},
        **{c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                            "\u2009\u200a\u200b\u202f\u205f\u3000\t\r\f\v"},
        **{c: "χ" for c in "\u03a7\U0001d712\U0001d6d8"},
        "\u2264": "≤", "\u2265": "≥", "\ufe64": "<", "\ufe65": ">", "\uff1c": "<", "\uff1e": ">",
        "\uff1d": "=",
    }
)
_SP = r"\s{0,3}"
_DF = r"(?:\d+(?:\.\d+)?|\.\d+)"
_VALUE = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_P_VALUE = r"(?:\d+(?:\.\d+)?|\.\d+)(?:[eE]-?\d+)?"
_HEAD = "|".join(
    [
        rf"(?P<t>t){_SP}\({_SP}(?P<t_df>{_DF}){_SP}\)",
        rf"(?P<r>r){_SP}\({_SP}(?P<r_df>{_DF}){_SP}\)",
        rf"(?P<F>F){_SP}\({_SP}(?P<F_df1>{_DF}|[Il]){_SP},{_SP}(?P<F_df2>{_DF}){_SP}\)",
        # χ2, χ², χ, chi2, chi-square(d), X2, x²; an optional "N = 89" after the df
        rf"(?P<chi2>χ\s?\^?\s?[2²]?|[Cc]hi\s?-?\s?(?:squared?|\^?\s?[2²])?|CHI\s?\^?[2²]?|[Xx]\s?\^?[2²])"
        rf"{_SP}\({_SP}(?P<chi2_df>{_DF})(?:{_SP},{_SP}[Nn]{_SP}={_SP}\d[\d,]*)?{_SP}\)",
        rf"(?P<Q>Q)\s?-?\s?(?P<Q_part>[wW]ithin|[bB]etween|[wWbB])?{_SP}\({_SP}(?P<Q_df>{_DF}){_SP}\)",
        r"(?P<z>[zZ])",
    ]
)
_RESULT = (
    rf"(?<![A-Za-z0-9_])(?:{_HEAD}){_SP}(?P<scomp>[=<>≤≥]){_SP}(?P<sign>[-+]?)\s{{0,2}}(?P<stat>{_VALUE})"
    rf"(?![\d.]\d){_SP}[,;]{_SP}"
    rf"(?:(?P<ns>n\.?s\.?|NS\b|N\.S\.)(?![A-Za-z])|[pP]{_SP}(?P<pcomp>[=<>≤≥]){_SP}(?P<p>{_P_VALUE})(?![\d.]\d))"
)
_SENTENCE_BREAK = r"(?<=[.!?])\s+(?=[A-Z“\"‘'])|\n\s*\n"
# whole words: not "bidirectional", "directionality", "non-directional", "non directional"
_ONE_TAILED = r"\b(?<!non-)(?<!non )(?<!non)(?:one[\s\-_]?(?:sided|tailed)|directional)\b"
_TWO_TAILED = r"\b(?:two[\s\-_]?(?:sided|tailed)|non[\s\-]?directional)\b"
# a test's name and df, to find results whose rest is too damaged to read
_HEAD_ONLY = rf"(?<![A-Za-z0-9_])(?:[tr]{_SP}\({_SP}{_DF}{_SP}\)|F{_SP}\({_SP}(?:{_DF}|[Il]){_SP},{_SP}{_DF}{_SP}\)|χ\s?[2²]?{_SP}\({_SP}{_DF}[^)]{{0,20}}\))"
#: Comparison signs as :func:`~mixedmethods.audit.extract` reports them (≤ is read as <, ≥ as >).
COMPARISON = {"=": "=", "<": "<", ">": ">", "≤": "<", "≥": ">"}
_regex_cache = {}


def regex(name):
    """The compiled pattern ``name`` ("result", "sentence", "one_tailed", "two_tailed", "head"), once."""
    import re

    if name not in _regex_cache:
        pattern = {"result": _RESULT, "sentence": _SENTENCE_BREAK, "one_tailed": _ONE_TAILED,
                   "two_tailed": _TWO_TAILED, "head": _HEAD_ONLY, "tag": r"<[A-Za-z]{1,3}>",
                   "tail_end": r"[;\n]|\.(?:\s+[A-Z]|$)",
                   "number": rf"{_DF}|(?<![A-Za-z])[Il](?![A-Za-z])"}[name]
        flags = re.IGNORECASE if name in ("one_tailed", "two_tailed") else 0
        _regex_cache[name] = re.compile(pattern, flags)
    return _regex_cache[name]


def text_argument(text, name="text"):
    """``text`` if it is a string; otherwise raise saying what to do (decode bytes first)."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise InputTypeError(
            f"{name} is bytes; decode it first, e.g. data.decode('utf-8'), or pass the text of a "
            "PDF extracted with a tool such as pdftotext."
        )
    if not isinstance(text, str):
        raise InputTypeError(f"{name} must be a string of text, got {type(text).__name__}.")
    return text

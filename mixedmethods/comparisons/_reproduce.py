"""Shared machinery of the ``reproduce_*`` functions: printed numbers within their rounding, and verdicts.

Every ``reproduce_*`` function (t-tests, counts, ANOVA, paired and one-sample
tests) asks the same questions of each printed number: does a recomputed value,
or a range of values reachable from other rounded numbers, print as it with the
decimals it was printed with?  If not, what should it have been?  The helpers
here answer both, so that every verdict reads alike.  All are plain functions
on NumPy arrays or scalars; none knows about a particular test.

Reading what was printed
    ``printed_column(printed, name)`` -> ``(values, decimals)`` of a column of
    printed strings (NaN / 0 where blank or the column is absent), under the one
    rule of :mod:`mixedmethods._printed`.
    ``parse_p(text)`` -> ``(comparison, value, decimals)`` of a printed p:
    ``".013"``, ``"= .013"``, ``"p < .001"``, ``"<.05"``, ``"ns"``, ``"n.s."``.
    ``p_column(printed, name="p")`` does it for a column (arrays; comparison
    ``""`` where not printed).

    ``read_printed(printed, numbers, required, function)`` -> ``{name: (values,
    decimals)}`` of every column in ``numbers`` (``"p"`` as ``p_column``),
    checked: a DataFrame with rows and the required columns, SDs (``sd*``)
    >= 0, df > 0, p in [0, 1]; errors name the column, row and value.
    ``each_row(v)`` yields, per row, ``{name: (value, decimals)}`` with ``"p"``
    as ``(comparison, value, decimals)``.
    ``labelled_rows(printed, rows, numbers, columns)``: the output table, the
    caller's label columns (those not in ``numbers``) in front, its index kept.

Matching (vectorised; a value not printed, i.e. NaN, always fits)
    ``value_fits(value, printed, decimals)``: ``value`` prints as ``printed``.
    ``range_fits(low, high, printed, decimals)``: some value in ``[low, high]``
    prints as ``printed``.
    ``p_range_fits(p_low, p_high, comparison, printed, decimals)``: some p in
    ``[p_low, p_high]`` fits the printed p (``=`` within rounding, ``<`` below
    it, ``>`` above it, ``ns`` at or above ``alpha``).
    ``intersect(low, high, printed, decimals)``: ``[low, high]`` cut to the
    printed number's rounding interval (unchanged where not printed).
    ``EDGE`` is the tolerance added at interval ends (floating-point slack).

Wording
    ``show(value, decimals)``: a number at ``decimals`` with a typographic minus
    (``show_p`` for p: no leading zero, ``< .001`` below it; ``p_text``:
    ``"p = .013"`` or ``"p < .001"``).
    ``cannot_be(what, printed, should)``: ``"t = 2.53 cannot be true: it
    should have been 2.54 to 2.79"``.
    ``verdict(problems, matched)``: the sentence of one row: the problems joined
    by "; ", or "All printed numbers can be true together (student)." when
    there are none.
    ``join_tests(names)``: ``"student, welch"`` (the ``matched_test`` cell).
    ``runs(values)``: whole numbers as runs, ``"48–52, 55"``.
"""
from __future__ import annotations

import re

import numpy as np

from .._printed import printed_values, rounding_interval

__all__ = [
    "EDGE", "printed_column", "parse_p", "p_column", "value_fits", "range_fits", "p_range_fits",
    "intersect", "show", "show_p", "p_text", "cannot_be", "verdict", "join_tests", "runs", "read_printed",
    "labelled_rows", "each_row",
]

#: Slack added at the ends of rounding intervals (floating-point error, not rounding).
EDGE = 1e-9

_P_TEXT = re.compile(r"^\s*(?:p\s*)?(=|<|>|≤|≥|<=|>=)?\s*([+\-−]?\d*\.?\d+)\s*$", re.IGNORECASE)
_NS = {"ns", "n.s.", "n.s", "ns."}


def printed_column(printed, name, *, allow_missing=True):
    """``(values, decimals)`` of column ``name`` of a DataFrame of printed numbers.

    Blank cells (and an absent column) give NaN with 0 decimals.  Strings keep
    their decimals; numbers are read with 2 decimals stated (the one rule).
    """
    if name not in printed.columns:
        return np.full(len(printed), np.nan), np.zeros(len(printed), dtype=np.int64)
    column = printed[name].to_numpy(dtype=object)
    column = np.array([v.strip() if isinstance(v, str) else v for v in column], dtype=object)
    return printed_values(name, column, 2, decimals_name=f"decimals of {name}", allow_missing=allow_missing)


def parse_p(text):
    """``(comparison, value, decimals)`` of one printed p value.

    ``comparison`` is one of ``"="``, ``"<"``, ``">"``, ``"ns"`` or ``""``
    (not printed: None, NaN or blank).  Raises ValueError when ``text`` is not
    a p value; the caller names the row.

    Examples
    --------
    >>> parse_p("p < .001"), parse_p(".05"), parse_p("ns"), parse_p("")
    (('<', 0.001, 3), ('=', 0.05, 2), ('ns', nan, 0), ('', nan, 0))
    """
    if text is None or (isinstance(text, float) and text != text):
        return "", float("nan"), 0
    if not isinstance(text, str):
        value = float(text)
        return "=", value, len(repr(value).split(".", 1)[1]) if "." in repr(value) else 0
    clean = text.strip()
    if not clean:
        return "", float("nan"), 0
    if clean.lower().replace(" ", "") in _NS or clean.lower().replace(" ", "") in {"p" + s for s in _NS}:
        return "ns", float("nan"), 0
    match = _P_TEXT.match(clean)
    if match is None:
        raise ValueError(f"{text!r} is not a printed p value (e.g. '.013', '< .001', 'ns')")
    comparison, number = match.group(1) or "=", match.group(2).replace("−", "-")
    comparison = {"≤": "<", "<=": "<", "≥": ">", ">=": ">"}.get(comparison, comparison)
    body = number.lstrip("+-")
    return comparison, float(number), len(body.split(".", 1)[1]) if "." in body else 0


def p_column(printed, name="p"):
    """Arrays ``(comparison, value, decimals)`` of a column of printed p values (see :func:`parse_p`).

    Raises ValueError naming the row when a cell is not a p value.
    """
    n = len(printed)
    if name not in printed.columns:
        return np.full(n, "", dtype=object), np.full(n, np.nan), np.zeros(n, dtype=np.int64)
    parsed = []
    for i, text in enumerate(printed[name].to_numpy(dtype=object)):
        try:
            parsed.append(parse_p(text))
        except ValueError as error:
            raise ValueError(f"{name} in row {printed.index[i]!r}: {error}") from None
    comparison, value, decimals = zip(*parsed) if parsed else ((), (), ())
    return (np.array(comparison, dtype=object), np.array(value, dtype=float),
            np.array(decimals, dtype=np.int64))


def intersect(low, high, printed, decimals):
    """``[low, high]`` cut to the rounding interval of ``printed`` (unchanged where it is NaN).

    The result may be empty (low > high) where the two do not meet.
    """
    lo, hi = rounding_interval(printed, decimals)
    known = ~np.isnan(np.asarray(printed, dtype=float))
    return (np.where(known, np.maximum(low, lo - EDGE), low), np.where(known, np.minimum(high, hi + EDGE), high))


def range_fits(low, high, printed, decimals):
    """Whether some value in ``[low, high]`` prints as ``printed`` (True where ``printed`` is NaN)."""
    lo, hi = rounding_interval(printed, decimals)
    with np.errstate(invalid="ignore"):
        fits = (np.asarray(low) <= hi + EDGE) & (np.asarray(high) >= lo - EDGE)
    return fits | np.isnan(np.asarray(printed, dtype=float))


def value_fits(value, printed, decimals):
    """Whether ``value`` prints as ``printed`` with ``decimals`` decimals (True where ``printed`` is NaN)."""
    return range_fits(value, value, printed, decimals)


def p_range_fits(p_low, p_high, comparison, printed, decimals, *, alpha=0.05):
    """Whether some p in ``[p_low, p_high]`` fits what was printed (``=``, ``<``, ``>``, ``ns`` or ``""``).

    ``"<"`` needs a p strictly below the printed bound, ``">"`` one above it;
    ``"ns"`` one at or above ``alpha``; ``""`` (not printed) always fits.
    """
    comparison = np.asarray(comparison, dtype=object)
    p_low, p_high = np.asarray(p_low, dtype=float), np.asarray(p_high, dtype=float)
    value = np.asarray(printed, dtype=float)
    with np.errstate(invalid="ignore"):
        equal = range_fits(p_low, p_high, value, decimals)
        below = p_low < value
        above = p_high > value
        ns = p_high >= alpha
    return np.select([comparison == "=", comparison == "<", comparison == ">", comparison == "ns"],
                     [equal, below, above, ns], default=True)


def show(value, decimals=2):
    """``value`` with ``decimals`` decimals and a typographic minus (``"−2.12"``)."""
    return f"{value:.{int(decimals)}f}".replace("-", "−")


def show_p(p, decimals=3):
    """A p value as papers print it: ``".013"``, ``"< .001"`` (no leading zero)."""
    floor = 10.0 ** -int(decimals)
    if p < floor:
        return f"< {floor:.{int(decimals)}f}".replace("0.", ".", 1)
    return f"{p:.{int(decimals)}f}".replace("0.", ".", 1)


def p_text(p, decimals=3):
    """``"p = .013"`` or ``"p < .001"``: a computed p as a paper would print it."""
    shown = show_p(p, decimals)
    return f"p {shown}" if shown.startswith("<") else f"p = {shown}"


def cannot_be(what, printed, should):
    """One problem in a verdict: ``"<what> = <printed> cannot be true: it should have been <should>"``."""
    return f"{what} = {printed} cannot be true: it should have been {should}"


def join_tests(names):
    """The ``matched_test`` cell: names in the order given, comma-separated (``""`` when none)."""
    return ", ".join(dict.fromkeys(n for n in names if n))


def verdict(problems, matched=""):
    """The verdict of one row: its problems as one sentence, or that everything can be true together."""
    problems = [p for p in problems if p]
    if problems:
        return "; ".join(problems) + "."
    return "All printed numbers can be true together" + (f" ({matched})." if matched else ".")


def runs(values):
    """Whole numbers as runs of consecutive values: ``"48–52, 55"`` (en dash), ``"none"`` when empty.

    Examples
    --------
    >>> runs([55, 48, 49, 50, 51, 52, 52]), runs([7]), runs([])
    ('48–52, 55', '7', 'none')
    """
    spans = []
    for v in sorted({int(v) for v in values}):
        if spans and v == spans[-1][1] + 1:
            spans[-1][1] = v
        else:
            spans.append([v, v])
    return ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in spans) or "none"


def read_printed(printed, numbers, required, function):
    """Every printed number of ``printed`` as ``{name: (values, decimals)}`` (p as :func:`p_column`), checked.

    Raises :class:`~mixedmethods.InputError` naming the column, row and value:
    not a DataFrame, no rows, a required column missing, a cell that is not a
    printed number, a negative SD (columns named ``sd*``), df <= 0, or p
    outside [0, 1].
    """
    import pandas as pd

    from .._validation import InputError

    if not isinstance(printed, pd.DataFrame):
        raise InputError(f"printed must be a pandas DataFrame of printed numbers, got {type(printed).__name__}.")
    missing = [c for c in required if c not in printed.columns]
    if missing:
        raise InputError(f"printed has no column {', '.join(missing)}; {function} needs {', '.join(required)}.")
    if not len(printed):
        raise InputError("printed has no rows.")
    v = {}
    for name in numbers:
        try:
            v[name] = (p_column(printed, name) if name == "p" else
                       printed_column(printed, name, allow_missing=name not in required))
        except (ValueError, TypeError) as error:
            raise InputError(str(error) if name == "p" else f"column {name}: {error}") from None
    index = list(printed.index)
    checks = [(name, v[name][0], lambda x: x < 0, "is negative; an SD is >= 0")
              for name in numbers if name.startswith("sd")]
    if "df" in v:
        checks.append(("df", v["df"][0], lambda x: x <= 0, "; degrees of freedom are positive"))
    if "p" in v:
        checks.append(("p", v["p"][1], lambda x: (x < 0) | (x > 1), "is outside [0, 1]"))
    for name, values, wrong, why in checks:
        with np.errstate(invalid="ignore"):
            bad = np.flatnonzero(~np.isnan(values) & wrong(values))
        if bad.size:
            sep = "" if why.startswith(";") else " "
            raise InputError(f"{name} = {values[bad[0]]:g} in row {index[bad[0]]!r}{sep}{why}.")
    return v


def labelled_rows(printed, rows, numbers, columns):
    """The output of a ``reproduce_*`` function: ``rows`` as ``columns`` with the caller's labels in front."""
    import pandas as pd

    out = pd.DataFrame(rows, columns=columns)
    out["consistent"] = out["consistent"].astype("boolean")
    labels = printed[[c for c in printed.columns if c not in numbers]].reset_index(drop=True)
    out = pd.concat([labels, out], axis=1)
    out.index = printed.index
    return out


def each_row(v):
    """Per row of :func:`read_printed`'s result: ``{name: (value, decimals)}``, ``"p"`` as a 3-tuple."""
    size = len(next(iter(v.values()))[0])
    for i in range(size):
        one = {k: (values[i], decimals[i]) for k, (values, decimals) in ((k, v[k]) for k in v if k != "p")}
        if "p" in v:
            one["p"] = tuple(a[i] for a in v["p"])
        yield one


def scale_problems(mean, decimals_mean, sd, decimals_sd, n, scale_min, scale_max, *, mean_name, sd_name):
    """GRIM, GRIMMER and SD-bound problems of one group's printed mean and SD on its scale, in words.

    ``mean_name`` and ``sd_name`` say how the verdict names the two printed
    numbers (``"mean1 = 2.78"``, ``"the SD 1.99 of men"``).  A mean that
    fails GRIM is reported alone (its SD cannot then be judged).
    """
    from ..audit import grimmer, sd_bounds

    n = int(n)
    checked = grimmer(mean, sd, n, decimals_mean=int(decimals_mean), decimals_sd=int(decimals_sd)).iloc[0]
    if not checked["grim_consistent"]:
        return [f"{mean_name} cannot be a mean of {n} whole-number answers ({checked['reason']})"]
    bounds = sd_bounds(mean, n, scale_min=scale_min, scale_max=scale_max, decimals=int(decimals_mean)).iloc[0]
    sd_lo, sd_hi = rounding_interval(sd, decimals_sd)
    if bounds["consistent"] and not (bounds["sd_min"] <= sd_hi + EDGE and bounds["sd_max"] >= sd_lo - EDGE):
        return [f"{sd_name} cannot be true of {n} answers from {scale_min:g} to {scale_max:g} with mean "
                f"{show(mean, decimals_mean)}: the SD can only be {bounds['sd_min']:.3f} to {bounds['sd_max']:.3f}"]
    if not checked["consistent"]:
        return [f"{sd_name} cannot be the SD of {n} whole-number answers with mean {show(mean, decimals_mean)} "
                f"(GRIMMER: {checked['reason']})"]
    return []

"""Input checks shared by the two-group comparisons, power and Bayes factors (private).

Each check raises :class:`~mixedmethods.InputError` or
:class:`~mixedmethods.InputTypeError` naming the argument, the position or
row, and the value at fault.
"""
from __future__ import annotations

import numpy as np

from .._printed import printed_values
from .._validation import InputError, InputTypeError, check_columns, is_label, label_list

__all__ = [
    "as_1d", "broadcast_inputs", "check_summary", "label_index", "caller_index", "outcome_columns",
    "group_pair", "group_names", "numeric_block", "check_group_sizes", "split_groups", "two_group_block",
    "scale_free",
]


def as_1d(name, values, k=None, *, printed=False):
    """Float array of one dimension, or raise naming ``name`` and the first bad position.

    With ``printed=True`` a string is read as a printed number ("2.8", "−0.42");
    its decimals do not matter here.
    """
    arr = np.atleast_1d(np.asarray(values)).ravel()
    if arr.dtype.kind in "iuf":
        out = arr.astype(float)
    else:  # booleans, text or mixed objects: check value by value to name the culprit
        out = np.empty(arr.shape)
        for i, v in enumerate(arr):
            if printed and isinstance(v, str):
                out[i] = printed_values(f"{name}[{i}]", str(v))[0]
                continue
            if not isinstance(v, (bool, np.bool_, str, bytes)) and v is not None:
                try:
                    out[i] = float(v)
                    continue
                except (TypeError, ValueError):
                    pass
            shown = v.item() if isinstance(v, np.generic) else v
            raise InputTypeError(f"{name}[{i}] = {shown!r} is not a number.")
    if k is not None and out.size not in (1, k):
        raise InputError(f"{name} has {out.size} values but the other inputs have {k}; give equal-length inputs.")
    return out


def broadcast_inputs(printed=False, **named):
    """(k, {name: float array of length k}): equal-length inputs, scalars repeated, all finite."""
    k = max(np.size(v) for v in named.values())
    arrays = {name: np.broadcast_to(as_1d(name, value, k, printed=printed), (k,)).astype(float)
              for name, value in named.items()}
    for name, a in arrays.items():
        bad = np.flatnonzero(~np.isfinite(a))
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] is {a[bad[0]]}; a finite number is required (missing values are not allowed).")
    return k, arrays


#: The largest group size counted exactly in floating point (2**53, about 9 x 10**15).
MAX_GROUP_SIZE = 2.0**53


def check_group_sizes(arrays):
    """Raise unless every group size (``n1``, ``n2``) is a whole number from 2 to :data:`MAX_GROUP_SIZE`."""
    for name in ("n1", "n2"):
        a = arrays[name]
        bad = np.flatnonzero((a < 2) | (a != np.round(a)))
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] = {a[bad[0]]:g}; each group needs a whole number of at least 2 observations.")
        big = np.flatnonzero(a > MAX_GROUP_SIZE)
        if big.size:
            raise InputError(f"{name}[{big[0]}] = {a[big[0]]:g} is larger than {MAX_GROUP_SIZE:.0e}, the largest "
                             "group size counted exactly in floating point; no real group is that large.")


def check_summary(mean1, sd1, n1, mean2, sd2, n2, **extra):
    """(k, arrays) of the six summaries of ``compare_summary`` (and ``extra`` inputs broadcast
    with them), checked; printed strings accepted."""
    k, arrays = broadcast_inputs(printed=True, mean1=mean1, sd1=sd1, n1=n1, mean2=mean2, sd2=sd2, n2=n2,
                                 **extra)
    for name in ("sd1", "sd2"):
        bad = np.flatnonzero(arrays[name] < 0)
        if bad.size:
            raise InputError(f"{name}[{bad[0]}] = {arrays[name][bad[0]]} is negative; a standard deviation must be >= 0.")
    check_group_sizes(arrays)
    both_zero = np.flatnonzero((arrays["sd1"] == 0) & (arrays["sd2"] == 0))
    if both_zero.size:
        raise InputError(
            f"outcome {both_zero[0]}: both groups have zero variance (sd1 = sd2 = 0), so t is undefined."
        )
    return k, arrays


def scale_free(labels, m1, s1, m2, s2):
    """``(diff, scale, s1 / scale, s2 / scale, diff / scale)`` with ``scale = max(sd1, sd2)``.

    t and standardised effects computed from the scaled values neither
    underflow nor overflow when SDs near 1e-300 or 1e300 are squared.  A
    difference of the means that is not finite (means near the largest
    float, of opposite signs) is refused, naming the outcome in ``labels``.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        diff = m1 - m2
    bad = np.flatnonzero(~np.isfinite(diff))
    if bad.size:
        raise InputError(f"outcome {labels[bad[0]]!r}: the difference of the means ({m1[bad[0]]:g} - "
                         f"{m2[bad[0]]:g}) is not a finite number; rescale the outcome.")
    scale = np.maximum(s1, s2)
    return diff, scale, s1 / scale, s2 / scale, diff / scale


def caller_index(k, *inputs):
    """The index of the first pandas input of length ``k`` (so labels survive), else None."""
    for value in inputs:
        if hasattr(value, "iloc") and hasattr(value, "index") and len(value) == k:
            return list(value.index)
    return None


def label_index(labels, k, fallback):
    """The outcome labels: ``dv=`` if given (one per outcome), else ``fallback``, else 0, 1, ..."""
    if labels is None:
        return list(fallback) if fallback is not None else list(range(k))
    labels = [labels] if isinstance(labels, str) or np.isscalar(labels) else list(labels)
    if len(labels) != k:
        raise InputError(f"dv has {len(labels)} labels for {k} outcomes.")
    return labels


def outcome_columns(data, dv, between):
    """The outcome columns as a list, checked: named, present, each once, not the group column."""
    dv = label_list("dv", dv)
    if not is_label(between):
        raise InputTypeError(f"between must name one column, got {between!r}.")
    if not dv:
        raise InputError("dv is empty; name at least one outcome column.")
    if len(set(dv)) != len(dv):
        raise InputError(f"dv names a column twice: {dv}.")
    check_columns(data, dv, what="outcome column")
    check_columns(data, [between], what="group column")
    if between in dv:
        raise InputError(f"column {between!r} is both the group column and an outcome.")
    return dv


def group_names(groups, between=None):
    """``groups`` as a tuple of two different labels, or an error naming ``groups=``."""
    of = f" of {between!r}" if between is not None else ""
    if is_label(groups) or not hasattr(groups, "__iter__") or isinstance(groups, (dict, set, frozenset)):
        raise InputError(f"groups must be two labels{of} (first, second), got {groups!r}.")
    names = label_list("groups", groups)
    if len(names) != 2:
        raise InputError(f"groups must be two labels{of} (first, second), got {len(names)}: {groups!r}.")
    if names[0] == names[1]:
        raise InputError(f"groups names {names[0]!r} twice; give two different groups.")
    return tuple(names)


def group_pair(data, between, groups):
    """The two group labels to compare, in order, or a clear error."""
    import pandas as pd

    present = pd.unique(data[between].dropna())
    if groups is not None:
        groups = group_names(groups, between)
        for g in groups:
            if g not in set(present):
                raise InputError(
                    f"group {g!r} is not a value of column {between!r}; its values are "
                    f"{sorted(map(str, present))}."
                )
        return tuple(groups)
    if len(present) != 2:
        levels = sorted(map(str, present))
        if len(present) < 2:
            raise InputError(
                f"column {between!r} has {len(present)} group ({levels}); two are needed."
            )
        raise InputError(
            f"column {between!r} has {len(present)} groups {levels}; a two-group comparison "
            "needs exactly two: choose them with groups=(first, second)."
        )
    try:
        return tuple(sorted(present))
    except TypeError:
        return tuple(present)


def numeric_block(data, dv, used=None):
    """The outcome columns as one float matrix, or an error naming a non-numeric column or an infinite value.

    ``used`` (a boolean array over the rows) restricts the check for
    infinite values to the rows an analysis uses, e.g. those of the two
    groups compared.
    """
    import pandas as pd

    block = data[list(dv)]
    dtypes = block.dtypes

    def is_number(dtype):
        return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)

    bad_types = [d for d in set(dtypes) if not is_number(d)]
    if bad_types:
        col = dv[[d in bad_types for d in dtypes].index(True)]
        s = block[col]
        if pd.api.types.is_bool_dtype(s):
            raise InputTypeError(f"column {col!r} is boolean; convert it to 0/1 if that is meant.")
        converted = pd.to_numeric(s, errors="coerce")
        bad = s[converted.isna() & s.notna()]
        first = f": row {bad.index[0]!r} holds {bad.iloc[0]!r}" if len(bad) else ""
        raise InputTypeError(
            f"column {col!r} is not numeric (dtype {s.dtype}){first}; "
            "an outcome must hold numbers (missing values as NaN)."
        )
    if all(isinstance(d, np.dtype) for d in set(dtypes)):
        x = block.to_numpy(dtype=float, copy=True)
    else:
        x = block.to_numpy(dtype=float, na_value=np.nan, copy=True)
    infinite = np.isinf(x)
    if used is not None:
        infinite &= np.asarray(used, dtype=bool)[:, None]
    if infinite.any():
        row, col = (int(i[0]) for i in np.nonzero(infinite))
        raise InputError(
            f"column {dv[col]!r} holds {x[row, col]} in row {data.index[row]!r}; outcomes must be finite "
            "numbers (use NaN for a missing value)."
        )
    return x


def split_groups(data, dv, between, groups):
    """(dv list, g1, g2, x1, x2): the outcome matrices of the two groups compared."""
    dv = outcome_columns(data, dv, between)
    g1, g2 = group_pair(data, between, groups)
    labels = data[between].to_numpy()
    in1, in2 = labels == g1, labels == g2
    x = numeric_block(data, dv, used=in1 | in2)
    return dv, g1, g2, x[in1], x[in2]


def two_group_block(data, dv, between, groups, minimum):
    """(dv, g1, g2, x1, x2, n1, n2) for a two-group test on raw data, checked.

    The outcomes as float matrices of the two groups, every used value finite,
    and at least ``minimum`` non-missing values per group and outcome.
    """
    dv, g1, g2, x1, x2 = split_groups(data, dv, between, groups)  # every used value finite
    n1 = np.sum(~np.isnan(x1), axis=0)
    n2 = np.sum(~np.isnan(x2), axis=0)
    for n, g in ((n1, g1), (n2, g2)):
        small = np.flatnonzero(n < minimum)
        if small.size:
            raise InputError(f"outcome {dv[small[0]]!r} has {int(n[small[0]])} non-missing value(s) in group "
                             f"{g!r}; at least {minimum} per group are needed.")
    return dv, g1, g2, x1, x2, n1, n2

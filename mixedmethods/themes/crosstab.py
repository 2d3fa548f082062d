"""Participants mentioning each code, per level of a participant attribute: :func:`crosstab`."""
from __future__ import annotations

import warnings

import numpy as np

from .._docs import append_doc
from .._sampling import check_sample, check_unit_label, sample_interval, sample_label, sample_notes
from .._tables import returns_result_table
from .._validation import InputError, check_choice, check_columns, check_confidence_level
from ._exact import exact_p_rx2
from ._segments import (
    COLUMNS_DOC, _check_known, _Factors, _participants_frame, _presence, _segments_frame, _split,
)

__all__ = ["crosstab", "CROSSTAB_COLUMNS"]

CROSSTAB_COLUMNS = [
    "code", "code_path", "between", "group", "n_participants", "denominator", "prevalence", "sample",
    "ci_low", "ci_high", "small_cell", "test", "statistic", "df", "p", "chi_square", "cramers_v",
    "min_expected",
]
_TEST_COLUMNS = ["test", "statistic", "df", "p", "chi_square", "cramers_v", "min_expected"]
#: Most tables Fisher's exact test enumerates before the chi-square test is used instead.
MAX_TABLES = 2_000_000

_CROSSTAB_DOC = """

    Returns
    -------
    pandas.DataFrame
        One row per code and group (tidy; pivot it for a printed table).
        Columns:

        - ``code``, ``code_path``: the code; ``between``: the attribute;
          ``group``: its level;
        - ``n_participants``: participants of the group mentioning the code;
          ``denominator``: participants in the group, never-coded included;
        - ``prevalence`` = n_participants / denominator; ``sample``: the
          ``sample`` argument (``"not stated"`` for None); ``ci_low``,
          ``ci_high``: the Wilson interval of ``prevalence`` for a probability
          sample, missing otherwise (the reason in ``attrs["notes"]``);
        - ``small_cell``: ``0 < n_participants < min_cell``;
        - ``test``: the test whose result the row carries, ``"fisher"``,
          ``"chi-square"`` or ``"not computable"`` (every or no participant
          mentions the code); ``statistic``, ``df``: that test's statistic
          and degrees of freedom, Pearson's X² and ``groups - 1`` for
          ``"chi-square"``, missing for ``"fisher"`` (an exact test has
          neither); ``p``: that test's p value;
        - ``chi_square``: Pearson's X² of the table whatever the test (the
          basis of ``cramers_v``); ``cramers_v``; ``min_expected``: the
          smallest expected count.

        The test columns describe the code × group table (mentioned / not
        mentioned) and are repeated on each of the code's rows.

    Notes
    -----
    Intervals only where there is sampling: see :func:`tally`.  The test
    asks whether the code's share differs between the groups more than a
    random split of these participants would make it; without a probability
    sample it describes these participants, not a population.

    The table of a code is groups × (mentioned, not mentioned).  Pearson's
    ``X² = Σ (O - E)² / E`` on ``groups - 1`` df, as R's
    ``chisq.test(tab, correct = FALSE)``; Cramér's ``V = sqrt(X² / (N (min(r, c) - 1)))``
    = ``sqrt(X² / N)`` here.  Fisher's exact test is two-sided as R's
    ``fisher.test``: every table with the observed margins is enumerated
    (SciPy's ``fisher_exact`` agrees on 2 × 2 tables; its r × c version is a
    Monte Carlo estimate), while they number at most two million (beyond,
    the chi-square test is used and named in ``test``).

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"participant": ["P1", "P2", "P3"],
    ...                          "code": ["stress", "stress", "stress"]})
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
    ...                        "shift": ["night", "night", "day", "day", "day"]})
    >>> res = crosstab(segments, participants=people, between="shift")
    >>> res[["code", "group", "n_participants", "denominator", "prevalence", "test"]]
         code  group  n_participants  denominator  prevalence    test
    0  stress    day               1            3    0.333333  fisher
    1  stress  night               2            2    1.000000  fisher
    >>> float(res["p"].iloc[0].round(3))   # R: fisher.test(matrix(c(1, 2, 2, 0), 2))
    0.4
    >>> res.pivot(index="code", columns="group", values="n_participants")  # doctest: +NORMALIZE_WHITESPACE
    group   day  night
    code
    stress    1      2
"""


def _p_note(unit_label):
    """What a crosstab's p values mean without a probability sample (a note of the result, as in the docstring)."""
    return (f"The p values ask whether a code's share differs between the groups more than a random split of these "
            f"{unit_label} would make it; without a probability sample they describe these {unit_label}, not a "
            "population.")


def _code_test(yes, group_size, test):
    """The test columns of one code: groups x (mentioned, not mentioned)."""
    from scipy import stats

    n_groups, n = len(group_size), int(group_size.sum())
    table = np.column_stack([yes, group_size - yes])
    total_yes = int(yes.sum())
    if not 0 < total_yes < n:
        return ("not computable", np.nan, np.nan, np.nan, np.nan, np.nan, np.nan)
    expected = np.outer(group_size, [total_yes, n - total_yes]) / n
    min_expected = float(expected.min())
    chi2 = float(((table - expected) ** 2 / expected).sum())
    v = float(np.sqrt(chi2 / n))  # min(r, c) - 1 = 1 for an r x 2 table
    use_fisher = test == "fisher" or (test == "auto" and (n_groups == 2 or min_expected < 5))
    p_exact = exact_p_rx2(table, MAX_TABLES) if use_fisher else None
    if p_exact is not None:
        return ("fisher", np.nan, np.nan, p_exact, chi2, v, min_expected)
    dof = float(n_groups - 1)
    return ("chi-square", chi2, dof, float(stats.chi2.sf(chi2, dof)), chi2, v, min_expected)


def _groups(seg, part, between):
    """Leave out participants without a value of ``between``; their groups, with a warning."""
    import pandas as pd

    missing = part[between].isna()
    if missing.any():
        warnings.warn(
            f"{int(missing.sum())} participant(s) have no value of {between!r} "
            f"(first: {part.loc[missing, 'participant'].iloc[0]!r}) and are left out of the crosstab.",
            stacklevel=4,
        )
        part = part[~missing]
        seg = seg[seg["participant"].isin(set(part["participant"].tolist()))]
    group_codes, groups = pd.factorize(part[between], sort=True)
    if len(groups) < 2:
        raise InputError(f"column {between!r} has {len(groups)} level(s); a crosstab needs at least two.")
    return seg, part, group_codes, groups


@append_doc(COLUMNS_DOC, _CROSSTAB_DOC)
@returns_result_table
def crosstab(segments, *, participants, between, sample=None, roll_up=True, codes=None, test="auto",
             min_cell=5, suppress_small_cells=False, confidence_level=0.95, unit_label="participants",
             columns=None):
    """Participants mentioning each code, per level of a participant attribute, with a test.

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model.
    participants : pandas.DataFrame
        One row per participant with the attribute ``between``; participants
        never coded count in their group's size.  Participants whose
        ``between`` is missing are left out, with a warning.
    between : str
        The attribute (column of ``participants``) whose levels are compared.
    sample : {None, "probability", "purposive", "convenience", "census"}
        How the participants were chosen, as in :func:`tally`: Wilson
        intervals for ``"probability"`` only.
    roll_up : bool
        Parents count participants coded with any descendant.
    codes : list of str or pandas.DataFrame, optional
        Code paths to report even if unused.
    test : {"auto", "chi-square", "fisher"}
        ``"auto"`` uses Fisher's exact test for a 2 × 2 table or when an
        expected count is below 5, else Pearson's chi-square test (without
        continuity correction).
    min_cell : int
        Counts from 1 to ``min_cell - 1`` are small cells: flagged in
        ``small_cell`` and, with ``suppress_small_cells=True``, blanked.
    suppress_small_cells : bool
        Replace ``n_participants``, ``prevalence`` and the interval of small
        cells by missing values, for publication.  The tests still use the
        real counts.
    confidence_level : float
        Coverage of the Wilson interval of each group's prevalence (probability samples).
    unit_label : str
        What the participants are, plural, as the notes name them
        (``"papers"`` in a meta-synthesis).
    """
    import pandas as pd

    check_choice("test", test, ("auto", "chi-square", "fisher"))
    unit_label = check_unit_label(unit_label)
    check_sample(sample)
    level = check_confidence_level(confidence_level)
    if isinstance(min_cell, bool) or not isinstance(min_cell, (int, np.integer)) or min_cell < 0:
        raise InputError(f"min_cell must be a whole number >= 0, got {min_cell!r}.")
    seg, factors = _segments_frame(segments, columns, with_factors=True)
    if participants is None:
        raise InputError("crosstab needs participants (one row per participant, with the attribute 'between').")
    part = _participants_frame(participants, columns)
    check_columns(part, [between], what="participants column")
    _check_known(seg, part, columns, factors)
    kept, part, group_codes, groups = _groups(seg, part, between)
    if kept is not seg:
        seg, factors = kept, _Factors(kept)
    n_groups = len(groups)
    group_of = dict(zip(part["participant"].tolist(), group_codes.tolist()))
    group_size = np.bincount(group_codes, minlength=n_groups).astype(np.int64)

    order, node, unit, unit_labels, _ = _presence(seg, factors("participant"), roll_up, codes, factors("code_path"))
    k = len(order)
    unit_group = np.array([group_of[p] for p in unit_labels], dtype=np.int64)
    counts = np.bincount(node * n_groups + unit_group[unit], minlength=k * n_groups)
    counts = counts.astype(np.int64).reshape(k, n_groups)
    tests = pd.DataFrame([_code_test(yes, group_size, test) for yes in counts], columns=_TEST_COLUMNS)

    flat_counts = counts.ravel()
    flat_sizes = np.tile(group_size, k)
    with np.errstate(invalid="ignore", divide="ignore"):
        prevalence = np.where(flat_sizes > 0, flat_counts / np.maximum(flat_sizes, 1), np.nan)
    lo, hi = sample_interval(sample, flat_counts, flat_sizes, level)
    small = (flat_counts > 0) & (flat_counts < min_cell)
    out = pd.DataFrame({
        "code": np.repeat([_split(p)[-1] for p in order], n_groups),
        "code_path": np.repeat(order, n_groups),
        "between": between,
        "group": np.tile(np.asarray(groups, dtype=object), k),
        "n_participants": pd.array(flat_counts, dtype="Int64"),
        "denominator": flat_sizes,
        "prevalence": prevalence,
        "sample": sample_label(sample),
        "ci_low": lo,
        "ci_high": hi,
        "small_cell": small,
    })
    out = pd.concat([out, tests.loc[np.repeat(np.arange(k), n_groups)].reset_index(drop=True)], axis=1)
    if suppress_small_cells:
        out.loc[small, "n_participants"] = pd.NA
        out.loc[small, ["prevalence", "ci_low", "ci_high"]] = np.nan
    out = out[CROSSTAB_COLUMNS]
    out.attrs["notes"] = sample_notes(sample, unit_label)
    if sample != "probability" and tests["p"].notna().any():
        out.attrs["notes"].append(_p_note(unit_label))
    return out

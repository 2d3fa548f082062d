"""Data and helpers shared by the tests of mixedmethods.comparisons (not a test module).

Every reference number in these tests was produced by R 4.2.2 (car 3.1.1, effectsize
0.8.3, pwr 1.3.0, BayesFactor 0.9.12-4.4) and pasted into the test modules; the R call that
produced it sits in a comment beside it.  The tests never call R.  In R, ``x`` is always the
first group compared (``group1``) and ``y`` the second, so that ``t.test(x, y)`` and
``effectsize::cohens_d(x, y)`` have the sign of ``mean1 - mean2``.

Tolerance: 1e-6 relative throughout (R printed 15 significant digits, so the
references themselves are far more precise than that).  The only exception is
documented at ``EFFECT_SIZE_CI_ATOL``.

Datasets (all written out literally; the made-up ones are test fixtures, not
study data):

(a) ``sleep``   -- R's ``sleep`` data, extra ~ group (groups 1 and 2);
(b) ``likert``  -- one tie-heavy 0-5 Likert item, 20 vs 15 answers;
(c) ``tiny``    -- groups of 3 and 4 (no ties: exact Mann-Whitney);
(d) ``unequal`` -- n 40 vs 6, SD 2.1 vs 9.5 (Student and Welch disagree);
(e) ``missing`` -- two outcomes, ``score`` with NaN in both groups (n 6 vs 6
    used) and ``other`` complete (n 8 vs 7), plus a row whose group is missing;
(f) ``items``   -- three items compared in one call, ``treat`` vs ``ctrl``,
    with a third group (``waitlist``) that must be left out.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from mixedmethods.comparisons import compare, compare_summary

nan = float("nan")

#: R printed 15 significant digits; 1e-6 relative is the agreement we promise.
RTOL = 1e-6

#: effectsize 0.8 finds the noncentral-t bounds with ``optim()`` (Nelder-Mead,
#: ``abstol = 1e-9`` on the probability scale), not with a root finder.
#: Checked against ``uniroot(function(ncp) pt(t, df, ncp) - p, tol = 1e-14)``
#: its bounds are off by up to 5.3e-7 relative on these data, i.e. a few 1e-8
#: in absolute terms.  Bounds close to 0 (e.g. -0.049 for g in ``sleep`` at
#: 90%) would then fail a purely relative test for R's imprecision, not ours,
#: so effect-size interval bounds also get this tiny absolute tolerance.
EFFECT_SIZE_CI_ATOL = 1e-7


# --------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------

def _two_group_frame(column, first, second, labels=("a", "b")):
    return pd.DataFrame(
        {
            column: [*first, *second],
            "group": [labels[0]] * len(first) + [labels[1]] * len(second),
        }
    )


# (a) R: sleep  (datasets::sleep; extra ~ group)
SLEEP = pd.DataFrame(
    {
        "extra": [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0,
                  1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4],
        "group": [1] * 10 + [2] * 10,
    }
)

# (b) a tie-heavy 0-5 Likert item
LIKERT = _two_group_frame(
    "item",
    [3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3],
    [3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2],
)

# (c) groups of 3 and 4
TINY = _two_group_frame("score", [4.1, 5.3, 6.0], [2.2, 3.9, 3.1, 4.4])

# (d) very unequal sizes and variances: n 40 (SD 2.13) vs n 6 (SD 9.52)
UNEQUAL = _two_group_frame(
    "score",
    [47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8,
     49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9,
     50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3],
    [46.1, 37.1, 60.3, 38.3, 48.3, 34.8],
)

# (e) missing values: groups interleaved, NaN in "score" (2 in a, 1 in b), "other"
# complete; the last row has no group and must be left out (its values are absurd
# on purpose so that including it would break every comparison).
MISSING = pd.DataFrame(
    {
        "group": ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", None],
        "score": [5.1, 4.0, nan, 4.6, 4.4, nan, 6.2, 3.8, 5.8, 5.0, nan, 4.3, 4.9, 4.1, 5.5, 100.0],
        "other": [12, 10, 15, 12, 11, 11, 14, 13, 13, 9, 16, 12, 12, 11, 15, 100],
    }
)

# (f) three items and three groups; compared treat vs ctrl, waitlist left out
ITEMS = pd.DataFrame(
    {
        "group": ["ctrl"] * 12 + ["treat"] * 10 + ["waitlist"] * 8,
        "item1": [3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17,
                  4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32,
                  2.57, 3.79, 1.68, 3.17, 3.77, 4.2, 3.53, 2.61],
        "item2": [5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64,
                  3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15,
                  2.97, 2.71, 3.9, 3.62, 4.17, 3.89, 5.08, 2.14],
        "item3": [4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32,
                  3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31,
                  5.17, 2.51, 3.92, 4.78, 4.84, 5.36, 3.85, 6.25],
    }
)

#: name -> (data, outcome columns, groups= argument, the groups compared in order)
DATASETS = {
    "sleep": (SLEEP, ["extra"], None, (1, 2)),
    "likert": (LIKERT, ["item"], None, ("a", "b")),
    "tiny": (TINY, ["score"], None, ("a", "b")),
    "unequal": (UNEQUAL, ["score"], None, ("a", "b")),
    "missing": (MISSING, ["score", "other"], None, ("a", "b")),
    "items": (ITEMS, ["item1", "item2", "item3"], ("treat", "ctrl"), ("treat", "ctrl")),
}


def _run_compare(name, **kwargs):
    """compare() on every outcome of a dataset at once (so several outcomes are vectorised)."""
    data, dv, groups, _ = DATASETS[name]
    return compare(data, dv, "group", groups=groups, **kwargs)


def _summaries(name):
    """Each group's mean, SD and n per outcome, computed by pandas (not by our code)."""
    data, dv, _, (g1, g2) = DATASETS[name]
    out = []
    for g in (g1, g2):
        block = data.loc[data["group"] == g, dv]
        out += [block.mean(), block.std(ddof=1), block.count()]
    return out  # mean1, sd1, n1, mean2, sd2, n2 (pandas Series indexed by outcome)


def _run_summary(name, **kwargs):
    _, _, _, groups = DATASETS[name]
    mean1, sd1, n1, mean2, sd2, n2 = _summaries(name)
    return compare_summary(mean1, sd1, n1, mean2, sd2, n2, groups=groups, **kwargs)


def _row(table, dv, test):
    rows = table[(table["dv"] == dv) & (table["test"] == test)]
    assert len(rows) == 1, f"expected one {test} row for {dv!r}, got {len(rows)}"
    return rows.iloc[0]


def assert_close(actual, expected, *, what, atol=0.0):
    np.testing.assert_allclose(
        np.asarray(actual, dtype=float), np.asarray(expected, dtype=float),
        rtol=RTOL, atol=atol, err_msg=what,
    )


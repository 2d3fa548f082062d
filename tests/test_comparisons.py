"""Tests of mixedmethods.comparisons against R.

Every reference number below was produced by R 4.2.2 (car 3.1.1, effectsize
0.8.3) and pasted here; the R call that produced it sits in a comment beside
it.  The tests never call R.  In R, ``x`` is always the first group compared
(``group1``) and ``y`` the second, so that ``t.test(x, y)`` and
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

import copy
import math

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError, InputTypeError
from mixedmethods.comparisons import (
    COMPARE_COLUMNS,
    adjust_pvalues,
    apa_report,
    compare,
    compare_summary,
    mann_whitney,
)

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


# --------------------------------------------------------------------------
# Reference values from R (generated by one R script; each call is beside its numbers)
# --------------------------------------------------------------------------
#
# For each dataset, x and y are defined by the R line in the comment above the
# entry.  t-tests: stats::t.test; effect sizes: effectsize::cohens_d / hedges_g
# (pooled SD, the default); Levene: car::leveneTest; Mann-Whitney:
# stats::wilcox.test (its W is our u).

T_TEST_REFERENCES = [
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=-1.86081346748685, df=18, p=0.0791867142159382, ci_low=-3.3638740322876, ci_high=0.203874032287599),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.0793941401873582, ci_low=-3.36548323071171, ci_high=0.20548323071171),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(-0.83218108134954, -1.73881676925442, 0.0954504356575097),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(-0.796935239191122, -1.66517166632542, 0.0914077686652717),
    ),
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="two-sided", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.9)
         student=dict(t=-1.86081346748685, df=18, p=0.0791867142159382, ci_low=-3.0523778316996, ci_high=-0.107622168300398),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.9)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.0793941401873582, ci_low=-3.05338149733161, ci_high=-0.106618502668394),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "two.sided")
         cohen_d=(-0.83218108134954, -1.59097714978902, -0.0516109387839802),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "two.sided")
         hedges_g=(-0.796935239191122, -1.52359358297183, -0.0494250311218185),
    ),
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="greater", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = 0.95)
         student=dict(t=-1.86081346748685, df=18, p=0.960406642892031, ci_low=-3.0523778316996, ci_high=math.inf),
         # R: t.test(x, y, var.equal = FALSE, alternative = "greater", conf.level = 0.95)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.960302929906321, ci_low=-3.05338149733161, ci_high=math.inf),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "greater")
         cohen_d=(-0.83218108134954, -1.59097714978902, math.inf),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "greater")
         hedges_g=(-0.796935239191122, -1.52359358297183, math.inf),
    ),
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="less", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.95)
         student=dict(t=-1.86081346748685, df=18, p=0.0395933571079691, ci_low=-math.inf, ci_high=-0.107622168300398),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.95)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.0396970700936791, ci_low=-math.inf, ci_high=-0.106618502668394),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "less")
         cohen_d=(-0.83218108134954, -math.inf, -0.0516109387839802),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "less")
         hedges_g=(-0.796935239191122, -math.inf, -0.0494250311218185),
    ),
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="greater", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = 0.9)
         student=dict(t=-1.86081346748685, df=18, p=0.960406642892031, ci_low=-2.70962299960101, ci_high=math.inf),
         # R: t.test(x, y, var.equal = FALSE, alternative = "greater", conf.level = 0.9)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.960302929906321, ci_low=-2.71016447585698, ci_high=math.inf),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "greater")
         cohen_d=(-0.83218108134954, -1.4206112562966, math.inf),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "greater")
         hedges_g=(-0.796935239191122, -1.36044329378212, math.inf),
    ),
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    dict(dataset="sleep", dv="extra", alternative="less", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.9)
         student=dict(t=-1.86081346748685, df=18, p=0.0395933571079691, ci_low=-math.inf, ci_high=-0.450377000398989),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.9)
         welch=dict(t=-1.86081346748685, df=17.7764735161785, p=0.0396970700936791, ci_low=-math.inf, ci_high=-0.449835524143024),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "less")
         cohen_d=(-0.83218108134954, -math.inf, -0.221247576701515),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "less")
         hedges_g=(-0.796935239191122, -math.inf, -0.211876951315862),
    ),
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    dict(dataset="likert", dv="item", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=3.27783252264536, df=33, p=0.00246748208763254, ci_low=0.531035098117109, ci_high=2.26896490188289),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=3.15993496267487, df=25.642904935465, p=0.00401987548800668, ci_low=0.488686024583967, ci_high=2.31131397541603),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(1.11959294928694, 0.390777632828678, 1.83378072155491),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(1.09392059801779, 0.381817072060147, 1.7917319904832),
    ),
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    dict(dataset="likert", dv="item", alternative="two-sided", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.9)
         student=dict(t=3.27783252264536, df=33, p=0.00246748208763254, ci_low=0.677173432054928, ci_high=2.12282656794507),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.9)
         welch=dict(t=3.15993496267487, df=25.642904935465, p=0.00401987548800668, ci_low=0.643942173332928, ci_high=2.15605782666707),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "two.sided")
         cohen_d=(1.11959294928694, 0.506321616570915, 1.71733023366994),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "two.sided")
         hedges_g=(1.09392059801779, 0.494711623489009, 1.67795172112038),
    ),
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    dict(dataset="likert", dv="item", alternative="greater", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = 0.95)
         student=dict(t=3.27783252264536, df=33, p=0.00123374104381627, ci_low=0.677173432054928, ci_high=math.inf),
         # R: t.test(x, y, var.equal = FALSE, alternative = "greater", conf.level = 0.95)
         welch=dict(t=3.15993496267487, df=25.642904935465, p=0.00200993774400334, ci_low=0.643942173332928, ci_high=math.inf),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "greater")
         cohen_d=(1.11959294928694, 0.506321616342561, math.inf),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "greater")
         hedges_g=(1.09392059801779, 0.494711623265891, math.inf),
    ),
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    dict(dataset="tiny", dv="score", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=2.35925339349594, df=5, p=0.0648110656139035, ci_low=-0.15526209861694, ci_high=3.6219287652836),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=2.35998219546776, df=4.45954280795191, p=0.0709878738896753, ci_low=-0.225620289131175, ci_high=3.69228695579784),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(1.80190954321276, -0.102078443989031, 3.596011504005),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(1.51495307436767, -0.0858223172913127, 3.02334193410209),
    ),
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    dict(dataset="tiny", dv="score", alternative="greater", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = 0.95)
         student=dict(t=2.35925339349594, df=5, p=0.0324055328069518, ci_low=0.252885949679606, ci_high=math.inf),
         # R: t.test(x, y, var.equal = FALSE, alternative = "greater", conf.level = 0.95)
         welch=dict(t=2.35998219546776, df=4.45954280795191, p=0.0354939369448377, ci_low=0.212786521325048, ci_high=math.inf),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "greater")
         cohen_d=(1.80190954321276, 0.182251641578722, math.inf),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "greater")
         hedges_g=(1.51495307436767, 0.153227827533426, math.inf),
    ),
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    dict(dataset="tiny", dv="score", alternative="less", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.9)
         student=dict(t=2.35925339349594, df=5, p=0.967594467193048, ci_low=-math.inf, ci_high=2.81765900390986),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.9)
         welch=dict(t=2.35998219546776, df=4.45954280795191, p=0.964506063055162, ci_low=-math.inf, ci_high=2.83737998018899),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "less")
         cohen_d=(1.80190954321276, -math.inf, 2.93138621311934),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "less")
         hedges_g=(1.51495307436767, -math.inf, 2.46455909646059),
    ),
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    dict(dataset="unequal", dv="score", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=3.07777953892438, df=44, p=0.00358310088150994, ci_low=1.76045780743111, ci_high=8.43954219256889),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=1.30726043808959, df=5.07541290808537, p=0.247211928171364, ci_low=-4.88392777880704, ci_high=15.083927778807),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(1.34744424273974, 0.437702270817483, 2.24333756999209),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(1.32432309310104, 0.430191622599346, 2.20484355146376),
    ),
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    dict(dataset="unequal", dv="score", alternative="less", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.95)
         student=dict(t=3.07777953892438, df=44, p=0.998208449559245, ci_low=-math.inf, ci_high=7.88420620195316),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.95)
         welch=dict(t=1.30726043808959, df=5.07541290808537, p=0.876394035914318, ci_low=-math.inf, ci_high=12.9355558266788),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "less")
         cohen_d=(1.34744424273974, -math.inf, 2.09790527158086),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "less")
         hedges_g=(1.32432309310104, -math.inf, 2.06190676405566),
    ),
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    dict(dataset="unequal", dv="score", alternative="greater", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "greater", conf.level = 0.9)
         student=dict(t=3.07777953892438, df=44, p=0.00179155044075497, ci_low=2.94404333692729, ci_high=math.inf),
         # R: t.test(x, y, var.equal = FALSE, alternative = "greater", conf.level = 0.9)
         welch=dict(t=1.30726043808959, df=5.07541290808537, p=0.123605964085682, ci_low=-0.645025647324198, ci_high=math.inf),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "greater")
         cohen_d=(1.34744424273974, 0.749649851630884, math.inf),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "greater")
         hedges_g=(1.32432309310104, 0.736786412947182, math.inf),
    ),
    # missing_score: a <- c(5.1, NA, 4.4, 6.2, 5.8, NA, 4.9, 5.5); b <- c(4.0, 4.6, NA, 3.8, 5.0, 4.3, 4.1); x <- a[!is.na(a)]; y <- b[!is.na(b)]
    dict(dataset="missing", dv="score", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=3.17898107815607, df=10, p=0.0098364545667319, ci_low=0.30408787370533, ci_high=1.729245459628),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=3.17898107815607, df=8.7714266193444, p=0.0115718147737295, ci_low=0.29032449877694, ci_high=1.74300883455639),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(1.83538558122213, 0.423164542377272, 3.18730519060248),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(1.69359398415668, 0.390473222962423, 2.94107186615325),
    ),
    # missing_other: x <- c(12, 15, 11, 14, 13, 16, 12, 15); y <- c(10, 12, 11, 13, 9, 12, 11)
    dict(dataset="missing", dv="other", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=2.86477861653202, df=13, p=0.0132753998476388, ci_low=0.57958925562195, ci_high=4.13469645866377),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=2.92062084318738, df=12.7848406496034, p=0.0121057258088598, ci_low=0.610588553779965, ci_high=4.10369716050575),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(1.48266379380689, 0.300399030571101, 2.62177446358556),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(1.39516063512654, 0.282670221012735, 2.46704380389759),
    ),
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    dict(dataset="items", dv="item1", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=-0.777988799033661, df=20, p=0.44568226338832, ci_low=-1.08534800029614, ci_high=0.49568133362947),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=-0.776955340463251, df=19.1878578654814, p=0.446658493228883, ci_low=-1.08855282681239, ci_high=0.498886160145721),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(-0.333114902239458, -1.17448928384803, 0.516413130623794),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(-0.32043805931683, -1.1297935465347, 0.496760788155505),
    ),
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    dict(dataset="items", dv="item2", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=1.33168128500754, df=20, p=0.197944089231098, ci_low=-0.394412550684933, ci_high=1.7870792173516),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=1.3188144453682, df=18.4259712798928, p=0.203388108964753, ci_low=-0.411117070282756, ci_high=1.80378373694942),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(0.570191860885917, -0.293972635891552, 1.42077636428042),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(0.548492943762673, -0.282785370165237, 1.36670805728761),
    ),
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    dict(dataset="items", dv="item3", alternative="two-sided", confidence_level=0.95,
         # R: t.test(x, y, var.equal = TRUE, alternative = "two.sided", conf.level = 0.95)
         student=dict(t=1.45723766082648, df=20, p=0.160573750185445, ci_low=-0.30934994407252, ci_high=1.74334994407252),
         # R: t.test(x, y, var.equal = FALSE, alternative = "two.sided", conf.level = 0.95)
         welch=dict(t=1.52403778137531, df=18.37117485935, p=0.144528976224694, ci_low=-0.269971929535667, ci_high=1.70397192953567),
         # R: effectsize::cohens_d(x, y, ci = 0.95, alternative = "two.sided")
         cohen_d=(0.623951889190202, -0.244335268341711, 1.47749783265669),
         # R: effectsize::hedges_g(x, y, ci = 0.95, alternative = "two.sided")
         hedges_g=(0.600207109123727, -0.235036975781387, 1.42127096373791),
    ),
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    dict(dataset="items", dv="item1", alternative="less", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.9)
         student=dict(t=-0.777988799033661, df=20, p=0.22284113169416, ci_low=-math.inf, ci_high=0.207429191433236),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.9)
         welch=dict(t=-0.776955340463251, df=19.1878578654814, p=0.223329246614442, ci_low=-math.inf, ci_high=0.208825607562482),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "less")
         cohen_d=(-0.333114902239458, -math.inf, 0.223818787679903),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "less")
         hedges_g=(-0.32043805931683, -math.inf, 0.215301259357164),
    ),
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    dict(dataset="items", dv="item2", alternative="less", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.9)
         student=dict(t=1.33168128500754, df=20, p=0.901027955384451, ci_low=-math.inf, ci_high=1.38935119180089),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.9)
         welch=dict(t=1.3188144453682, df=18.4259712798928, p=0.898305945517623, ci_low=-math.inf, ci_high=1.39816082925786),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "less")
         cohen_d=(0.570191860885917, -math.inf, 1.12378434801976),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "less")
         hedges_g=(0.548492943762673, -math.inf, 1.08101821068101),
    ),
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    dict(dataset="items", dv="item3", alternative="less", confidence_level=0.9,
         # R: t.test(x, y, var.equal = TRUE, alternative = "less", conf.level = 0.9)
         student=dict(t=1.45723766082648, df=20, p=0.919713124907277, ci_low=-math.inf, ci_high=1.36910316234164),
         # R: t.test(x, y, var.equal = FALSE, alternative = "less", conf.level = 0.9)
         welch=dict(t=1.52403778137531, df=18.37117485935, p=0.927735511887653, ci_low=-math.inf, ci_high=1.34241528309375),
         # R: effectsize::cohens_d(x, y, ci = 0.9, alternative = "less")
         cohen_d=(0.623951889190202, -math.inf, 1.17921256662636),
         # R: effectsize::hedges_g(x, y, ci = 0.9, alternative = "less")
         hedges_g=(0.600207109123727, -math.inf, 1.13433708258462),
    ),
]

LEVENE_REFERENCES = [
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]; value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("sleep", "extra", "mean", 0.619723532884753, 0.441393059678369),  # R: car::leveneTest(value ~ group, center = mean)
    ("sleep", "extra", "median", 0.248204960835509, 0.624374285414887),  # R: car::leveneTest(value ~ group, center = median)
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("likert", "item", "mean", 2.01774014496855, 0.164850387572013),  # R: car::leveneTest(value ~ group, center = mean)
    ("likert", "item", "median", 1.50136487716106, 0.229135217380706),  # R: car::leveneTest(value ~ group, center = median)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("tiny", "score", "mean", 0.0335905835322856, 0.861780717746632),  # R: car::leveneTest(value ~ group, center = mean)
    ("tiny", "score", "median", 0.089974293059126, 0.776279877974725),  # R: car::leveneTest(value ~ group, center = median)
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("unequal", "score", "mean", 39.39980878717, 1.32104033174264e-07),  # R: car::leveneTest(value ~ group, center = mean)
    ("unequal", "score", "median", 34.1255865478222, 5.76314314261155e-07),  # R: car::leveneTest(value ~ group, center = median)
    # missing_score: a <- c(5.1, NA, 4.4, 6.2, 5.8, NA, 4.9, 5.5); b <- c(4.0, 4.6, NA, 3.8, 5.0, 4.3, 4.1); x <- a[!is.na(a)]; y <- b[!is.na(b)]; value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("missing", "score", "mean", 1.26041666666667, 0.287803623998358),  # R: car::leveneTest(value ~ group, center = mean)
    ("missing", "score", "median", 1.17021276595745, 0.304753423267962),  # R: car::leveneTest(value ~ group, center = median)
    # missing_other: x <- c(12, 15, 11, 14, 13, 16, 12, 15); y <- c(10, 12, 11, 13, 9, 12, 11); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("missing", "other", "mean", 1.47493579866461, 0.246168899381835),  # R: car::leveneTest(value ~ group, center = mean)
    ("missing", "other", "median", 1.51666666666667, 0.239938384637832),  # R: car::leveneTest(value ~ group, center = median)
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("items", "item1", "mean", 0.00464468490919511, 0.946341453984085),  # R: car::leveneTest(value ~ group, center = mean)
    ("items", "item1", "median", 0.000515748591756469, 0.982106575502164),  # R: car::leveneTest(value ~ group, center = median)
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("items", "item2", "mean", 0.0387439873690854, 0.845943203569927),  # R: car::leveneTest(value ~ group, center = mean)
    ("items", "item2", "median", 0.0208468134877426, 0.886642074406083),  # R: car::leveneTest(value ~ group, center = median)
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32); value <- c(x, y); group <- factor(rep(c("g1", "g2"), c(length(x), length(y))))
    ("items", "item3", "mean", 5.9583475988131, 0.0240734344256126),  # R: car::leveneTest(value ~ group, center = mean)
    ("items", "item3", "median", 5.42735643970645, 0.0304137254834415),  # R: car::leveneTest(value ~ group, center = median)
]

WILCOX_REFERENCES = [
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "two-sided", 25.5, 0.0693275754336266, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "greater", 25.5, 0.970751668607274, "asymptotic"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum test with continuity correction)
    # sleep: x <- sleep$extra[sleep$group == "1"]; y <- sleep$extra[sleep$group == "2"]
    ("sleep", "extra", "less", 25.5, 0.0346637877168133, "asymptotic"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum test with continuity correction)
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    ("likert", "item", "two-sided", 233.5, 0.00438485733270612, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # likert: x <- c(3, 4, 4, 4, 4, 2, 3, 3, 4, 3, 3, 0, 2, 4, 4, 2, 5, 3, 4, 3); y <- c(3, 2, 0, 1, 0, 3, 2, 1, 4, 4, 2, 0, 0, 3, 2)
    ("likert", "item", "greater", 233.5, 0.00219242866635306, "asymptotic"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum test with continuity correction)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "two-sided", 11, 0.114285714285714, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "greater", 11, 0.0571428571428571, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # tiny: x <- c(4.1, 5.3, 6.0); y <- c(2.2, 3.9, 3.1, 4.4)
    ("tiny", "score", "less", 11, 0.971428571428571, "exact"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum exact test)
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    ("unequal", "score", "two-sided", 184, 0.0382859088033307, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # unequal: x <- c(47.8, 49.2, 49.1, 44.3, 50.5, 49.3, 44.7, 48.0, 48.2, 48.7, 50.0, 49.2, 50.4, 49.8, 49.9, 50.5, 47.2, 53.6, 48.2, 45.8, 53.1, 51.4, 48.8, 50.7, 50.1, 46.6, 44.1, 50.9, 50.7, 47.9, 51.1, 47.2, 49.7, 50.8, 51.7, 49.6, 51.0, 50.4, 50.5, 49.3); y <- c(46.1, 37.1, 60.3, 38.3, 48.3, 34.8)
    ("unequal", "score", "less", 184, 0.982328522218297, "asymptotic"),  # R: wilcox.test(x, y, alternative = "less")  (Wilcoxon rank sum test with continuity correction)
    # missing_score: a <- c(5.1, NA, 4.4, 6.2, 5.8, NA, 4.9, 5.5); b <- c(4.0, 4.6, NA, 3.8, 5.0, 4.3, 4.1); x <- a[!is.na(a)]; y <- b[!is.na(b)]
    ("missing", "score", "two-sided", 33, 0.0151515151515152, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # missing_other: x <- c(12, 15, 11, 14, 13, 16, 12, 15); y <- c(10, 12, 11, 13, 9, 12, 11)
    ("missing", "other", "two-sided", 47.5, 0.0256861612250983, "asymptotic"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum test with continuity correction)
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    ("items", "item1", "two-sided", 53, 0.674396810619721, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    ("items", "item2", "two-sided", 79, 0.227629955184135, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    ("items", "item3", "two-sided", 79, 0.227629955184135, "exact"),  # R: wilcox.test(x, y, alternative = "two.sided")  (Wilcoxon rank sum exact test)
    # items_item1: x <- c(4.19, 2.45, 2.88, 4.5, 3.3, 2.77, 2.82, 1.73, 3.5, 4.32); y <- c(3.49, 2.73, 2.33, 2.53, 4.43, 3.23, 4.24, 5.23, 4.01, 2.92, 3.18, 4.17)
    ("items", "item1", "greater", 53, 0.686131206255045, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # items_item2: x <- c(3.89, 3.44, 6.46, 4.69, 4.61, 4.1, 1.73, 3.35, 2.51, 4.15); y <- c(5.64, 3.12, 2.45, 3.91, 2.07, 1.9, 2.29, 3.74, 2.09, 4.21, 4.3, 2.64)
    ("items", "item2", "greater", 79, 0.113814977592067, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
    # items_item3: x <- c(3.59, 3.95, 4.7, 5.78, 4.93, 4.34, 3.73, 3.24, 3.55, 3.31); y <- c(4.14, 5.56, 4.55, 2.14, 5.23, 2.96, 2.41, 3.7, 2.09, 1.59, 2.05, 4.32)
    ("items", "item3", "greater", 79, 0.113814977592067, "exact"),  # R: wilcox.test(x, y, alternative = "greater")  (Wilcoxon rank sum exact test)
]

ADJUST_INPUT = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1]
# R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "holm")
ADJUST_HOLM = [0.08, 0.24, 0.21, 0.045, 0.6, 0.24, 1, 0.001, 0.24, 1]
# R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "BH")
ADJUST_BH = [0.0333333333333333, 0.0666666666666667, 0.0666666666666667, 0.025, 0.25, 0.0666666666666667, 0.555555555555556, 0.001, 0.07, 1]

# compare(..., p_adjust=) on the three items (treat vs ctrl, two-sided), against p.adjust
# of the t.test p-values (x, y as in the items entries above):
# R: ps <- sapply(items, function(k) c(t.test(x, y, var.equal = TRUE)$p.value, t.test(x, y)$p.value))
# R: p.adjust(ps[1, ], "holm"); p.adjust(ps[2, ], "holm"); p.adjust(ps[1, ], "BH"); p.adjust(ps[2, ], "BH")
ITEMS_P_ADJUSTED = {
    ("holm", "student"): [0.481721250556335, 0.481721250556335, 0.481721250556335],
    ("holm", "welch"): [0.446658493228883, 0.433586928674081, 0.433586928674081],
    ("fdr_bh", "student"): [0.44568226338832, 0.296916133846648, 0.296916133846648],
    ("fdr_bh", "welch"): [0.446658493228883, 0.30508216344713, 0.30508216344713],
}


def _case_id(case):
    return f"{case['dataset']}-{case['dv']}-{case['alternative']}-{case['confidence_level']}"


# --------------------------------------------------------------------------
# 1. Agreement with R
# --------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["raw", "summary"])
@pytest.mark.parametrize("case", T_TEST_REFERENCES, ids=_case_id)
def test_t_tests_and_effect_sizes_match_r(case, path):
    run = _run_compare if path == "raw" else _run_summary
    table = run(case["dataset"], alternative=case["alternative"],
                confidence_level=case["confidence_level"])
    for test in ("student", "welch"):
        row = _row(table, case["dv"], test)
        expected = case[test]
        keys = ["t", "df", "p", "ci_low", "ci_high"]
        assert_close(row[keys].to_numpy(dtype=float), [expected[k] for k in keys],
                     what=f"{test} t, df, p, ci_low, ci_high")
        assert row["alternative"] == case["alternative"]
        assert row["confidence_level"] == case["confidence_level"]
        for name in ("cohen_d", "hedges_g"):
            value, low, high = case[name]
            assert_close(row[name], value, what=name)
            assert_close(row[[f"{name}_ci_low", f"{name}_ci_high"]].to_numpy(dtype=float),
                         [low, high], atol=EFFECT_SIZE_CI_ATOL, what=f"{name} interval")


# The same intervals found by an exact root finder instead of effectsize's optim(), to show
# that the 1e-7 absolute slack above is R's imprecision, not ours.  With x, y as above:
# R: n1 <- length(x); n2 <- length(y); hn <- sqrt(1/n1 + 1/n2); df <- n1 + n2 - 2
# R: t <- effectsize::cohens_d(x, y)$Cohens_d / hn
# R: ncp <- function(p) uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 4, t + 4), tol = 1e-14)$root
# R: c(ncp(0.975), ncp(0.025), ncp(0.95)) * hn
EXACT_D_INTERVALS = [
    # dataset, alternative, d interval
    ("sleep", "two-sided", (-1.73881689910342, 0.0954503982114231)),
    ("sleep", "greater", (-1.59097710492769, math.inf)),
    ("tiny", "two-sided", (-0.102078406946916, 3.59601133051122)),
    ("tiny", "greater", (0.182251737905168, math.inf)),
]


@pytest.mark.parametrize("name, alternative, expected", EXACT_D_INTERVALS)
def test_d_interval_is_the_exact_noncentral_t_root(name, alternative, expected):
    row = _run_compare(name, alternative=alternative).iloc[0]
    np.testing.assert_allclose(row[["cohen_d_ci_low", "cohen_d_ci_high"]].to_numpy(dtype=float),
                               expected, rtol=1e-9)


@pytest.mark.parametrize("center", ["mean", "median"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_levene_matches_car(name, center):
    expected = {(dv, c): (F, p) for ds, dv, c, F, p in LEVENE_REFERENCES if ds == name}
    table = _run_compare(name, levene_center=center)
    for dv in DATASETS[name][1]:
        F, p = expected[(dv, center)]
        rows = table[table["dv"] == dv]
        assert list(rows["levene_center"]) == [center, center]
        # the same Levene test is printed on both rows, as SPSS does
        assert_close(rows["levene_F"], [F, F], what=f"Levene F of {dv}")
        assert_close(rows["levene_p"], [p, p], what=f"Levene p of {dv}")


def test_levene_default_is_mean_centred():
    table = compare(SLEEP, "extra", "group")
    # R: car::leveneTest(extra ~ group, data = sleep, center = mean)
    assert_close(table["levene_F"], [0.619723532884753] * 2, what="Levene F")
    assert (table["levene_center"] == "mean").all()


@pytest.mark.parametrize("name", list(DATASETS))
def test_mann_whitney_matches_wilcox_test(name):
    data, dv, groups, (g1, g2) = DATASETS[name]
    cases = [c for c in WILCOX_REFERENCES if c[0] == name]
    assert cases
    for alternative in dict.fromkeys(c[2] for c in cases):
        result = mann_whitney(data, dv, "group", groups=groups, alternative=alternative)
        assert list(result["dv"]) == dv
        assert (result["group1"] == g1).all() and (result["group2"] == g2).all()
        for _, column, alt, w, p, method in (c for c in cases if c[2] == alternative):
            row = result[result["dv"] == column].iloc[0]
            assert_close(row["u"], w, what=f"U of {column} ({alt})")
            assert_close(row["p"], p, what=f"p of {column} ({alt})")
            assert row["method"] == method
            assert row["alternative"] == alt
            assert_close(row["rank_biserial"], 2 * w / (row["n1"] * row["n2"]) - 1,
                         what="rank-biserial")


def test_mann_whitney_uses_complete_values_per_outcome():
    result = mann_whitney(MISSING, ["score", "other"], "group")
    assert list(result["n1"]) == [6, 8]
    assert list(result["n2"]) == [6, 7]


@pytest.mark.parametrize(
    "method, expected",
    [
        # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "holm")
        ("holm", ADJUST_HOLM),
        # R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5, 0.0001, 0.049, 1), method = "BH")
        ("fdr_bh", ADJUST_BH),
    ],
)
def test_adjust_pvalues_matches_p_adjust(method, expected):
    assert_close(adjust_pvalues(ADJUST_INPUT, method), expected, what=method)


@pytest.mark.parametrize("path", ["raw", "summary"])
@pytest.mark.parametrize("method", ["holm", "fdr_bh"])
def test_p_adjust_within_each_test_matches_r(method, path):
    run = _run_compare if path == "raw" else _run_summary
    table = run("items", p_adjust=method)
    assert (table["p_adjust"] == method).all()
    for test in ("student", "welch"):
        rows = table[table["test"] == test]
        assert list(rows["dv"]) == ["item1", "item2", "item3"]
        assert_close(rows["p_adjusted"], ITEMS_P_ADJUSTED[(method, test)],
                     what=f"{method} {test}")


def test_without_adjustment_p_adjusted_equals_p():
    table = _run_compare("items")
    assert (table["p_adjust"] == "none").all()
    np.testing.assert_array_equal(table["p_adjusted"], table["p"])


def test_missing_values_dropped_per_outcome():
    table = _run_compare("missing")
    score, other = _row(table, "score", "welch"), _row(table, "other", "welch")
    assert (score["n1"], score["n2"]) == (6, 6)
    assert (other["n1"], other["n2"]) == (8, 7)  # the row without a group is left out
    # R: mean(x); mean(y); sd(x); sd(y) with x, y as in the "missing_score" entry
    assert_close([score["mean1"], score["mean2"], score["sd1"], score["sd2"]],
                 [5.31666666666667, 4.3, 0.649358657959, 0.438178046004], what="score")


def test_third_group_is_left_out():
    table = _run_compare("items")
    row = _row(table, "item1", "student")
    assert (row["group1"], row["group2"], row["n1"], row["n2"]) == ("treat", "ctrl", 10, 12)


def test_apa_report_of_sleep():
    # numbers as in the sleep two-sided 95% entry: t = -1.861, p = .0792, g = -0.797
    # [-1.665, 0.091]; Welch df = 17.78
    lines = apa_report(compare(SLEEP, "extra", "group"))
    assert list(lines) == [
        "t(18) = −1.86, p = .079, g = −0.80, 95% CI [−1.67, 0.09]",
        "t(17.8) = −1.86, p = .079, g = −0.80, 95% CI [−1.67, 0.09]",
    ]


# --------------------------------------------------------------------------
# 2. Raw data and summary statistics give the same table
# --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "alternative, confidence_level",
    [("two-sided", 0.95), ("greater", 0.9), ("less", 0.95)],
)
@pytest.mark.parametrize("name", list(DATASETS))
def test_raw_and_summary_paths_agree(name, alternative, confidence_level):
    raw = _run_compare(name, alternative=alternative, confidence_level=confidence_level)
    summary = _run_summary(name, alternative=alternative, confidence_level=confidence_level)
    assert list(raw.columns) == list(summary.columns) == COMPARE_COLUMNS
    levene = ["levene_center", "levene_F", "levene_p"]
    # Levene cannot be computed from summaries: present, NaN, and labelled so.
    assert summary["levene_F"].isna().all() and summary["levene_p"].isna().all()
    assert (summary["levene_center"] == "not computable").all()
    assert raw["levene_F"].notna().all()
    shared = [c for c in COMPARE_COLUMNS if c not in levene]
    # The summaries come from pandas, the raw path from our own sums: equal to
    # rounding error, far below the 1e-6 promised against R.
    pd.testing.assert_frame_equal(raw[shared], summary[shared], check_exact=False,
                                  rtol=1e-10, atol=0.0)


def test_summary_accepts_scalars_and_lists():
    # the sleep summaries, as a paper would print them
    # R: mean(x); sd(x); mean(y); sd(y) for the sleep groups
    res = compare_summary(0.75, 1.78900965776, 10, 2.33, 2.0022487358, 10,
                          groups=(1, 2), dv="extra")
    expected = T_TEST_REFERENCES[0]
    assert expected["dataset"] == "sleep" and expected["alternative"] == "two-sided"
    assert_close(res["t"], [expected["student"]["t"], expected["welch"]["t"]], what="t")
    assert_close(res["df"], [18, expected["welch"]["df"]], what="df")
    listed = compare_summary([0.75, 0.75], [1.78900965776] * 2, [10, 10],
                             [2.33, 2.33], [2.0022487358] * 2, [10, 10], dv=["first", "second"])
    assert list(listed["dv"]) == ["first", "first", "second", "second"]
    assert_close(listed["t"], [res["t"][0], res["t"][1]] * 2, what="t of repeated outcome")


# --------------------------------------------------------------------------
# 3. Bad input: clear errors, and the caller's data never change
# --------------------------------------------------------------------------

def test_third_group_without_groups_is_refused():
    with pytest.raises(ValueError, match=r"'group' has 3 groups.*groups=\(first, second\)"):
        compare(ITEMS, "item1", "group")
    with pytest.raises(ValueError, match=r"'group' has 3 groups"):
        mann_whitney(ITEMS, "item1", "group")


def test_single_group_is_refused():
    one = TINY[TINY["group"] == "a"]
    with pytest.raises(ValueError, match=r"'group' has 1 group.*two are needed"):
        compare(one, "score", "group")


def test_group_label_not_present_is_refused():
    with pytest.raises(ValueError, match=r"group 'placebo' is not a value of column 'group'"):
        compare(ITEMS, "item1", "group", groups=("treat", "placebo"))
    with pytest.raises(ValueError, match=r"group 'placebo' is not a value of column 'group'"):
        mann_whitney(ITEMS, "item1", "group", groups=("placebo", "ctrl"))


def test_fewer_than_two_values_in_a_group_is_refused():
    data = _two_group_frame("score", [1.0, 2.0, 3.0], [4.0])
    with pytest.raises(ValueError, match=r"'score' has 1 non-missing value\(s\) in group 'b'"):
        compare(data, "score", "group")
    # the same after dropping missing values: 'score' keeps one value in group b
    data = MISSING.assign(score=[5.1, 4.0, nan, nan, 4.4, nan, 6.2, nan,
                                 5.8, nan, nan, nan, 4.9, nan, 5.5, 100.0])
    with pytest.raises(ValueError, match=r"'score' has 1 non-missing value\(s\) in group 'b'"):
        compare(data, ["other", "score"], "group")


@pytest.mark.parametrize("test", [compare, mann_whitney])
def test_outcome_list_is_checked(test):
    with pytest.raises(ValueError, match="dv is empty"):
        test(ITEMS, [], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match=r"dv names a column twice: \['item1', 'item1'\]"):
        test(ITEMS, ["item1", "item1"], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match="'group' is both the group column and an outcome"):
        test(ITEMS, ["item1", "group"], "group", groups=("treat", "ctrl"))
    with pytest.raises(ValueError, match="nope"):
        test(ITEMS, ["item1", "nope"], "group", groups=("treat", "ctrl"))


def test_text_in_a_numeric_column_is_refused():
    data = LIKERT.astype({"item": object})
    data.loc[3, "item"] = "four"
    with pytest.raises(TypeError, match=r"column 'item' is not numeric.*row 3 holds 'four'") as info:
        compare(data, "item", "group")
    assert isinstance(info.value, InputTypeError)
    with pytest.raises(TypeError, match=r"column 'item' is not numeric"):
        mann_whitney(data, "item", "group")


def test_zero_variance_in_both_groups_is_refused():
    data = _two_group_frame("score", [3, 3, 3], [2, 2, 2, 2])
    with pytest.raises(ValueError, match=r"'score' has zero variance in both groups"):
        compare(data, "score", "group")
    with pytest.raises(ValueError, match=r"both groups have zero variance"):
        compare_summary(3.0, 0.0, 3, 2.0, 0.0, 4)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        (dict(sd1=-1.0), r"sd1\[0\] = -1.0 is negative"),
        # the value is printed as "nan" or, by NumPy 2's repr, "np.float64(nan)"
        (dict(sd2=nan), r"sd2\[0\] is \S*nan\S*; a finite number is required \(missing values"),
        (dict(n1=1), r"n1\[0\] = 1; each group needs a whole number of at least 2"),
        (dict(n2=[10, 1.5]), r"n2\[1\] = 1.5; each group needs a whole number of at least 2"),
    ],
)
def test_bad_summaries_are_refused(kwargs, pattern):
    arguments = dict(mean1=0.75, sd1=1.79, n1=10, mean2=2.33, sd2=2.0, n2=10) | kwargs
    with pytest.raises(ValueError, match=pattern) as info:
        compare_summary(**arguments)
    assert isinstance(info.value, InputError)


@pytest.mark.parametrize("name", list(DATASETS))
def test_input_data_not_modified(name):
    data, dv, groups, (g1, _) = DATASETS[name]
    before = copy.deepcopy(data)
    compare(data, dv, "group", groups=groups, p_adjust="holm", levene_center="median")
    compare(data, dv, "group", groups=groups, alternative="less", confidence_level=0.9)
    mann_whitney(data, dv, "group", groups=groups, alternative="greater")
    pd.testing.assert_frame_equal(data, before)
    with pytest.raises(ValueError):
        compare(data, dv, "group", groups=(g1, "nobody"))
    with pytest.raises(ValueError):
        mann_whitney(data, dv, "group", groups=("nobody", "else"))
    pd.testing.assert_frame_equal(data, before)


def test_input_data_not_modified_after_a_type_error():
    data = LIKERT.astype({"item": object})
    data.loc[3, "item"] = "four"
    before = copy.deepcopy(data)
    with pytest.raises(TypeError):
        compare(data, "item", "group")
    with pytest.raises(TypeError):
        mann_whitney(data, "item", "group")
    pd.testing.assert_frame_equal(data, before)


# --------------------------------------------------------------------------
# 4. Output shape and signs
# --------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["raw", "summary"])
@pytest.mark.parametrize("name", list(DATASETS))
def test_output_shape(name, path):
    table = (_run_compare if path == "raw" else _run_summary)(name)
    dv = DATASETS[name][1]
    assert list(table.columns) == COMPARE_COLUMNS
    assert list(table.index) == list(range(2 * len(dv)))
    assert list(table["test"]) == ["student", "welch"] * len(dv)
    assert list(table["dv"]) == [d for d in dv for _ in range(2)]
    np.testing.assert_allclose(table["mean_diff"], table["mean1"] - table["mean2"], rtol=1e-12)
    sign = np.sign(table["mean_diff"])
    assert (np.sign(table["cohen_d"]) == sign).all()
    assert (np.sign(table["hedges_g"]) == sign).all()
    assert (np.sign(table["t"]) == sign).all()
    # Hedges' g shrinks d towards 0; both intervals contain their estimate
    assert (table["hedges_g"].abs() < table["cohen_d"].abs()).all()
    for name_ in ("cohen_d", "hedges_g"):
        assert (table[f"{name_}_ci_low"] < table[name_]).all()
        assert (table[name_] < table[f"{name_}_ci_high"]).all()


@pytest.mark.parametrize("name", list(DATASETS))
def test_reversing_groups_reverses_signs(name):
    data, dv, _, (g1, g2) = DATASETS[name]
    forward = compare(data, dv, "group", groups=(g1, g2))
    backward = compare(data, dv, "group", groups=(g2, g1))
    assert (backward["group1"] == g2).all() and (backward["group2"] == g1).all()
    np.testing.assert_array_equal(backward["n1"], forward["n2"])
    for column in ("mean_diff", "t", "cohen_d", "hedges_g"):
        np.testing.assert_allclose(backward[column], -forward[column], rtol=1e-12)
    for column in ("df", "se", "p", "levene_F", "levene_p"):
        np.testing.assert_allclose(backward[column], forward[column], rtol=1e-10)
    for low, high in (("ci_low", "ci_high"), ("cohen_d_ci_low", "cohen_d_ci_high"),
                      ("hedges_g_ci_low", "hedges_g_ci_high")):
        np.testing.assert_allclose(backward[low], -forward[high], rtol=1e-8)
        np.testing.assert_allclose(backward[high], -forward[low], rtol=1e-8)
    flipped = mann_whitney(data, dv, "group", groups=(g2, g1))
    straight = mann_whitney(data, dv, "group", groups=(g1, g2))
    np.testing.assert_allclose(flipped["rank_biserial"], -straight["rank_biserial"], rtol=1e-12)
    np.testing.assert_allclose(flipped["p"], straight["p"], rtol=1e-10)


def test_results_display_rounded_but_keep_full_precision():
    """Notebook display rounds (issue 5, item 3); the values underneath keep every digit."""
    import pickle

    from mixedmethods import compare_summary, mann_whitney
    from mixedmethods._display import ResultTable

    res = compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34)
    assert isinstance(res, ResultTable) and isinstance(res, pd.DataFrame)
    html = res._repr_html_()
    # t = 2.6645..., p = 0.009088...: shown with three decimals, stored in full
    assert "2.665" in html and "0.009" in html and "2.664568" not in html
    assert res.loc[0, "t"] == pytest.approx(2.664568, abs=1e-6)
    assert isinstance(res[res["test"] == "welch"], ResultTable)
    assert isinstance(pickle.loads(pickle.dumps(res)), ResultTable)
    frame = pd.DataFrame({"x": [1, 2, 3, 4], "g": ["a", "a", "b", "b"]})
    assert "rank_biserial" in mann_whitney(frame, "x", "g")._repr_html_()

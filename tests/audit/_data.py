"""Data and helpers shared by the tests of mixedmethods.audit (not a test module).

Every expected value comes from outside the package: R statcheck 1.4.0 (the
call is beside each table), the GRIM and GRIMMER papers' rules worked by hand
in the comments, or brute-force enumeration of every possible sample (the
helpers below, which use no audit code).
"""
from __future__ import annotations

import io
import itertools
from pathlib import Path

import numpy as np
import pandas as pd

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audit"
CORPUS = (FIXTURES / "corpus.txt").read_text(encoding="utf-8").splitlines()
MEXICO = (FIXTURES / "mexico_quantitative.txt").read_text(encoding="utf-8")

# R statcheck 1.4.0, one text per line of tests/fixtures/audit/corpus.txt:
#   txt <- readLines("corpus.txt", encoding = "UTF-8"); names(txt) <- seq_along(txt)
#   res <- statcheck(txt, OneTailedTxt = TRUE, messages = FALSE)
#   data.frame(as.integer(res$source), res$test_type, res$df1, res$df2, res$test_value, res$p_comp,
#              res$reported_p, signif(res$computed_p, 10), res$error, res$decision_error)
# statcheck extracts lines 1-65; lines 66-72 are forms it skips (below).
STATCHECK_ONE_TAILED_TXT = """\
line,test,df1,df2,statistic,p_comparison,p_reported,computed,error,decision_error
1,t,,48,2.31,=,0.025,0.02523293746,FALSE,FALSE
2,t,,30,3.02,=,0.005,0.005125173601,FALSE,FALSE
3,t,,22,1.12,=,0.27,0.2747924501,FALSE,FALSE
4,t,,58,4.87,<,0.001,8.9767977e-06,FALSE,FALSE
5,t,,40,2.1,=,0.02,0.04208201898,TRUE,FALSE
6,t,,19,0.87,=,0.4,0.3951591158,FALSE,FALSE
7,t,,112,-2.45,=,0.016,0.01583372608,FALSE,FALSE
8,t,,35,-2.8,=,0.008,0.008262312073,FALSE,FALSE
9,t,,64,1.99,=,0.05,0.05086656909,FALSE,FALSE
10,t,,27,2.05,=,0.05,0.05019063534,FALSE,FALSE
11,t,,41,1.7,<,0.05,0.09670636782,TRUE,TRUE
12,t,,15,2.95,=,0.03,0.009933423475,TRUE,FALSE
13,t,,99,8.4,<,0.001,3.311317963e-13,FALSE,FALSE
14,t,,70,1.5,ns,,0.1381114121,FALSE,FALSE
15,t,,70,2.5,ns,,0.01476537646,TRUE,TRUE
16,t,,12,2.2,=,0.048,0.04813681345,FALSE,FALSE
17,t,,33,1.69,=,0.1,0.1004549493,FALSE,FALSE
18,t,,75.9,2.51,=,0.014,0.01420263004,FALSE,FALSE
19,t,,45.3,2.03,=,0.048,0.04825357337,FALSE,FALSE
20,t,,120,1.97,=,0.051,0.05114170846,FALSE,FALSE
21,t,,80,2,>,0.05,0.04889384789,TRUE,TRUE
22,t,,50,0.45,>,0.1,0.6546554604,FALSE,FALSE
23,t,,28,1.8,=,0.04,0.04132248056,FALSE,FALSE
24,t,,44,1.75,=,0.044,0.04354487793,FALSE,FALSE
25,t,,36,1.4,=,0.085,0.08503637678,FALSE,FALSE
26,F,1,58,5.12,=,0.027,0.02741195714,FALSE,FALSE
27,F,2,87,3.1,=,0.05,0.05006051366,FALSE,FALSE
28,F,2,120,4.88,=,0.009,0.009171165926,FALSE,FALSE
29,F,3,96,1.2,=,0.31,0.3140277515,FALSE,FALSE
30,F,1.85,95.2,6.44,=,0.003,0.003035872893,FALSE,FALSE
31,F,1,30,12.7,<,0.01,0.001246429973,FALSE,FALSE
32,F,1,44,0.56,=,0.46,0.458241775,FALSE,FALSE
33,F,4,200,2.6,=,0.02,0.0373619253,TRUE,FALSE
34,F,1,64,3.9,=,0.03,0.05260337765,TRUE,TRUE
35,F,5,150,0.98,ns,,0.4320047157,FALSE,FALSE
36,F,5,150,2.98,ns,,0.01355482862,TRUE,TRUE
37,F,1,18,25.3,<,0.0001,8.702564271e-05,FALSE,FALSE
38,r,,100,0.35,<,0.001,0.0003109310981,FALSE,FALSE
39,r,,100,-0.35,<,0.001,0.0003109310981,FALSE,FALSE
40,r,,48,0.28,=,0.049,0.04890584853,FALSE,FALSE
41,r,,200,0.12,=,0.09,0.08892633325,FALSE,FALSE
42,r,,38,0.41,=,0.008,0.008602056794,FALSE,FALSE
43,r,,60,0.25,=,0.03,0.05003304365,TRUE,TRUE
44,r,,150,-0.05,=,0.54,0.5407127705,FALSE,FALSE
45,Chi2,1,,6.25,=,0.012,0.01241933065,FALSE,FALSE
46,Chi2,4,,10.3,=,0.04,0.03566633907,FALSE,FALSE
47,Chi2,3,,7.2,=,0.066,0.06578905269,FALSE,FALSE
48,Chi2,1,,3.5,=,0.03,0.06136882914,TRUE,TRUE
49,Chi2,2,,1.1,=,0.58,0.5769498104,FALSE,FALSE
50,Chi2,6,,15.8,=,0.015,0.01486866969,FALSE,FALSE
51,Z,,,2.45,=,0.014,0.01428562147,FALSE,FALSE
52,Z,,,1.5,=,0.13,0.1336144025,FALSE,FALSE
53,Z,,,1.96,=,0.05,0.0499957903,FALSE,FALSE
54,Z,,,2.1,=,0.01,0.03572884113,TRUE,FALSE
55,Q,12,,30.2,=,0.003,0.002605168912,FALSE,FALSE
56,Q,8,,9.4,=,0.31,0.3096835742,FALSE,FALSE
57,t,,24,2.9,=,0,0.007860176952,TRUE,FALSE
58,t,,60,0.99,=,0.33,0.326149867,FALSE,FALSE
59,t,,18,2.88,=,0.01,0.009966426477,FALSE,FALSE
60,t,,32,1,=,0.16,0.3248127137,TRUE,FALSE
61,t,,54,1,ns,,0.3217706384,FALSE,FALSE
62,t,,40,3.5,<,0.001,0.001157706615,FALSE,FALSE
63,t,,26,2.6,=,0.015,0.01516925707,FALSE,FALSE
64,t,,50,2.02,=,0.049,0.04875783363,FALSE,FALSE
65,t,,44,2.32,=,0.025,0.02504199496,FALSE,FALSE"""
TEST_NAMES = {"t": "t", "F": "F", "r": "r", "Chi2": "chi2", "Z": "z", "Q": "Q"}


def reference():
    """The statcheck table above, with our test names."""
    ref = pd.read_csv(io.StringIO(STATCHECK_ONE_TAILED_TXT))
    ref["test"] = ref["test"].map(TEST_NAMES)
    return ref


def reachable_totals_and_squares(n, low, high):
    """Every (total, sum of squares) that n whole numbers in [low, high] can have: plain DP, no audit code."""
    reach = {(0, 0)}
    for _ in range(n):
        reach = {(t + v, q + v * v) for t, q in reach for v in range(low, high + 1)}
    return reach


def prints_as(value, printed, decimals):
    """value rounds to ``printed`` at ``decimals``, halves either way (as the article allows)."""
    half = 0.5 * 10 ** -decimals
    return printed - half - 1e-9 <= value <= printed + half + 1e-9


def all_samples(mean, sd, n, low, high, decimals_mean=2, decimals_sd=2):
    """Every sample of n answers in [low, high] whose mean and SD print as given (enumeration)."""
    out = set()
    for c in itertools.combinations_with_replacement(range(low, high + 1), n):
        a = np.array(c, dtype=float)
        if prints_as(a.mean(), mean, decimals_mean) and prints_as(a.std(ddof=1), sd, decimals_sd):
            out.add(c)
    return out

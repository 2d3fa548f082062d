"""Tests of mixedmethods.audit against independent references.

Every expected value comes from outside this package: R statcheck 1.4.0 (the
call is beside each table), the GRIM and GRIMMER papers' rules worked by hand
in the comments, or brute-force enumeration of every possible sample.
"""
from __future__ import annotations

import io
import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError, InputTypeError

FIXTURES = Path(__file__).parent / "fixtures" / "audit"
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
# The same call with statcheck's default OneTailedTxt = FALSE differs only on
# the three sentences that say one-tailed / directional / one-sided:
#   res <- statcheck(txt, messages = FALSE)
STATCHECK_DEFAULT_DIFFERENT = {  # line: (computed p, error, decision_error)
    23: (0.08264496112, True, True),
    24: (0.08708975587, True, True),
    25: (0.1700727536, True, False),
}
# Lines statcheck skips (uppercase P, minus then space, thin and no-break
# spaces, semicolon, χ², ≤, P <).  Reference: statcheck on the same result
# written in the form it reads:
#   statcheck(c("66" = "t(90) = 2.4, p = .02", "67" = "t(88) = -2.12, p = .05",
#               "68" = "t(36) = 2.75, p = .009", "69" = "t(29) = 3.30, p = .003",
#               "70" = "χ2(2, N = 150) = 9.21, p = .01", "71" = "t(61) = 2.79, p < .01",
#               "72" = "r(84) = .31, p < .01"), OneTailedTxt = TRUE)
STATCHECK_NORMALISED = {  # line: (test, statistic, computed p, error, decision_error)
    66: ("t", 2.40, 0.018455212, False, False),
    67: ("t", -2.12, 0.036821210, True, False),
    68: ("t", 2.75, 0.009263820, False, False),
    69: ("t", 3.30, 0.002566914, False, False),
    70: ("chi2", 9.21, 0.010001702, False, False),
    71: ("t", 2.79, 0.007023993, False, False),
    72: ("r", 0.31, 0.003676364, False, False),
}
_TEST_NAMES = {"t": "t", "F": "F", "r": "r", "Chi2": "chi2", "Z": "z", "Q": "Q"}


def _reference():
    ref = pd.read_csv(io.StringIO(STATCHECK_ONE_TAILED_TXT))
    ref["test"] = ref["test"].map(_TEST_NAMES)
    return ref


# -- extract -----------------------------------------------------------------

def test_corpus_is_large_enough_and_every_line_is_read_once():
    assert len(CORPUS) >= 60
    res = audit.extract("\n".join(CORPUS))
    assert len(res) == len(CORPUS)  # 65 that statcheck reads + 7 that it skips


@pytest.mark.parametrize("row", list(_reference().itertuples(index=False)), ids=lambda r: f"line{r.line}")
def test_extract_finds_what_statcheck_finds(row):
    res = audit.extract(CORPUS[row.line - 1])
    assert len(res) == 1
    got = res.iloc[0]
    assert got["test"] == row.test
    assert got["statistic"] == pytest.approx(row.statistic)
    assert got["p_comparison"] == row.p_comparison
    for column, expected in (("df1", row.df1), ("df2", row.df2), ("p_reported", row.p_reported)):
        if pd.isna(expected):
            assert pd.isna(got[column])
        else:
            assert got[column] == pytest.approx(expected)


@pytest.mark.parametrize("row", list(_reference().itertuples(index=False)), ids=lambda r: f"line{r.line}")
def test_check_agrees_with_statcheck_one_tailed_txt(row):
    got = audit.check(CORPUS[row.line - 1]).iloc[0]  # one_tailed="detect" is OneTailedTxt = TRUE
    rtol = 1e-8  # statcheck values printed with 10 significant digits
    assert got["p_computed"] == pytest.approx(row.computed, rel=rtol)
    assert bool(got["consistent"]) is (not row.error)
    assert bool(got["decision_error"]) is bool(row.decision_error)
    assert (got["reason"] == "") is bool(got["consistent"])


def test_check_agrees_with_statcheck_default_two_tailed():
    ref = _reference().set_index("line")
    for line, row in ref.iterrows():
        got = audit.check(CORPUS[line - 1], one_tailed=False).iloc[0]
        computed, error, decision = STATCHECK_DEFAULT_DIFFERENT.get(
            line, (row["computed"], row["error"], row["decision_error"]))
        assert got["p_computed"] == pytest.approx(computed, rel=1e-8), line
        assert bool(got["consistent"]) is (not error), line
        assert bool(got["decision_error"]) is bool(decision), line
        assert not got["one_tailed"]


def test_one_tailed_column_marks_the_three_directional_sentences():
    res = audit.check("\n".join(CORPUS))
    assert res.loc[res["one_tailed"], "raw"].str.startswith("t(").sum() == 3
    assert sorted(res.index[res["one_tailed"]] + 1) == [23, 24, 25]


@pytest.mark.parametrize(
    ("alpha", "p_equal_alpha_significant", "errors", "decision_errors"),
    [
        # statcheck(txt, OneTailedTxt = TRUE, alpha = .05, pEqualAlphaSig = FALSE)
        (0.05, False, [5, 11, 12, 15, 21, 33, 34, 36, 43, 48, 54, 57, 60], [11, 15, 21, 34, 36, 43, 48]),
        # statcheck(txt, OneTailedTxt = TRUE, alpha = .01, pEqualAlphaSig = TRUE)
        (0.01, True, [5, 11, 12, 21, 33, 34, 43, 48, 54, 57, 60], [12, 54]),
    ],
)
def test_alpha_and_p_equal_alpha_like_statcheck(alpha, p_equal_alpha_significant, errors, decision_errors):
    res = audit.check("\n".join(CORPUS[:65]), alpha=alpha, p_equal_alpha_significant=p_equal_alpha_significant)
    assert list(res.index[~res["consistent"]] + 1) == errors
    assert list(res.index[res["decision_error"]] + 1) == decision_errors


@pytest.mark.parametrize("line", sorted(STATCHECK_NORMALISED))
def test_forms_statcheck_skips_are_read_and_checked(line):
    test, statistic, computed, error, decision = STATCHECK_NORMALISED[line]
    res = audit.check(CORPUS[line - 1])
    assert len(res) == 1
    got = res.iloc[0]
    assert got["test"] == test
    assert got["statistic"] == pytest.approx(statistic)
    assert got["p_computed"] == pytest.approx(computed, rel=1e-7)
    assert bool(got["consistent"]) is (not error)
    assert bool(got["decision_error"]) is decision


def test_mexico_quantitative_analysis_four_t_tests():
    # R: statcheck(paste(readLines("mexico_quantitative.txt"), collapse = "\n"))
    # finds 3 results (it skips "t(88) = − 2.12"), all errors, no decision errors:
    #   t (93) = 2.53, p = .05    computed_p 0.01308760  error TRUE
    #   t(75.9) = 2.5, p = .05    computed_p 0.01457766  error TRUE
    #   t(83.2) = 2.26, p = .05   computed_p 0.02643396  error TRUE
    # and statcheck("t(88) = -2.12, p = .05"): computed_p 0.03682121, error TRUE.
    res = audit.check(MEXICO)
    assert res["raw"].tolist() == [
        "t (93) = 2.53, p = .05", "t(75.9) = 2.5, p = .05", "t(83.2) = 2.26, p = .05", "t(88) = − 2.12, p = .05",
    ]
    np.testing.assert_allclose(res["p_computed"], [0.01308760, 0.01457766, 0.02643396, 0.03682121], rtol=1e-6)
    np.testing.assert_allclose(res["df2"], [93, 75.9, 83.2, 88])
    assert res["statistic"].tolist() == [2.53, 2.5, 2.26, -2.12]
    assert not res["consistent"].any()
    assert not res["decision_error"].any()


def test_offsets_point_into_the_original_text():
    text = "A\u2009test: t(\u200936\u2009) =\u00a02.75, p\u00a0=\u00a0.009; then r(100) = \u2212.35, P < .001."
    res = audit.extract(text)
    for _, row in res.iterrows():
        assert text[row["start"]:row["end"]] == row["raw"]
    assert res["statistic"].tolist() == [2.75, -0.35]


@pytest.mark.parametrize(
    ("text", "test", "df1", "df2", "statistic", "p_comparison", "p_reported"),
    [
        ("t (93) = 2.53, p = .05", "t", None, 93, 2.53, "=", 0.05),
        ("t(75.9) = 2.5, p = 0.05", "t", None, 75.9, 2.5, "=", 0.05),
        ("t(88) = \u2212 2.12, p = .05", "t", None, 88, -2.12, "=", 0.05),
        ("t(88) = \u22122.12, P = .049", "t", None, 88, -2.12, "=", 0.049),
        ("χ2(4, N = 89) = 10.3, p < .05", "chi2", 4, None, 10.3, "<", 0.05),
        ("χ²(2) = 6.1, p = .047", "chi2", 2, None, 6.1, "=", 0.047),
        ("F(1.85, 95.2) = 6.44, p = .003", "F", 1.85, 95.2, 6.44, "=", 0.003),
        ("r(100) = \u2212.35, p < .001", "r", None, 100, -0.35, "<", 0.001),
        ("z = 2.45, p = .014", "z", None, None, 2.45, "=", 0.014),
        ("F(2, 1,200) = 1,234.5, p < .001", None, None, None, None, None, None),
        ("F(2, 120) = 1,234.5, p < .001", "F", 2, 120, 1234.5, "<", 0.001),
        ("t(20) = 1.2, ns", "t", None, 20, 1.2, "ns", None),
        ("t(20) = 1.2, n.s.", "t", None, 20, 1.2, "ns", None),
    ],
)
def test_extract_forms(text, test, df1, df2, statistic, p_comparison, p_reported):
    res = audit.extract(f"We found that {text}.")
    if test is None:
        assert res.empty
        return
    assert len(res) == 1
    got = res.iloc[0]
    assert got["test"] == test
    assert (pd.isna(got["df1"]) if df1 is None else got["df1"] == pytest.approx(df1))
    assert (pd.isna(got["df2"]) if df2 is None else got["df2"] == pytest.approx(df2))
    assert got["statistic"] == pytest.approx(statistic)
    assert got["p_comparison"] == p_comparison
    assert (pd.isna(got["p_reported"]) if p_reported is None else got["p_reported"] == p_reported)


def test_extract_columns_and_empty_text():
    res = audit.extract("")
    assert list(res.columns) == audit.EXTRACT_COLUMNS
    assert list(res.columns[:9]) == ["test", "df1", "df2", "statistic", "p_comparison", "p_reported",
                                    "raw", "start", "end"]
    assert res.empty
    out = audit.check("No statistics here.")
    assert list(out.columns) == audit.CHECK_COLUMNS and out.empty


def test_bad_input_types_and_options():
    with pytest.raises(InputTypeError, match="decode"):
        audit.extract(b"t(10) = 2.1, p = .06")
    with pytest.raises(InputTypeError):
        audit.check(42)
    with pytest.raises(InputError, match="alpha"):
        audit.check("t(10) = 2.1, p = .06", alpha=1.5)
    with pytest.raises(InputError, match="one_tailed"):
        audit.check("t(10) = 2.1, p = .06", one_tailed="sometimes")
    with pytest.raises(InputError, match="statistic_decimals"):
        audit.check(pd.DataFrame({"test": ["t"], "df1": [np.nan], "df2": [10.0], "statistic": [2.1],
                                  "p_comparison": ["="], "p_reported": [0.06], "p_decimals": [2]}))


def test_absurd_numbers_are_flagged_rows_not_crashes():
    # statcheck drops these silently; they are kept and flagged here.
    res = audit.check("a r(50) = 1.35, p < .001; b t(20) = 2.1, p = 1.30; c t(0) = 2.1, p = .05; "
                      "d t(24) = 2.90, p = .000.")
    assert len(res) == 4
    assert not res["consistent"].any()
    assert not res["decision_error"].any()
    assert "outside [-1, 1]" in res.loc[0, "reason"]
    assert "not a probability" in res.loc[1, "reason"]
    assert "degrees of freedom" in res.loc[2, "reason"]
    assert "never 0" in res.loc[3, "reason"]


def test_binary_junk_and_a_large_text_do_not_hang():
    junk = bytes(range(256)).decode("latin-1") * 100
    assert audit.extract(junk).empty
    paragraph = " ".join(CORPUS) + " "
    text = paragraph * (10_000_000 // len(paragraph) + 1)  # 10 MB
    res = audit.extract(text)  # finishing at all is the point (bench_audit.py times it)
    assert len(res) == len(CORPUS) * (10_000_000 // len(paragraph) + 1)


def test_check_accepts_extracted_frame_and_does_not_modify_it():
    extracted = audit.extract(MEXICO)
    before = extracted.copy()
    res = audit.check(extracted)
    pd.testing.assert_frame_equal(extracted, before)
    assert (~res["consistent"]).sum() == 4


def test_one_tailed_true_halves_p_for_t_z_r_only():
    # R: 2 * pt(-2.1, 40) = 0.04208201898 -> one-tailed 0.02104100949; pf(5.12, 1, 58, lower = FALSE) = 0.02741195714
    res = audit.check("t(40) = 2.10, p = .02; F(1, 58) = 5.12, p = .027", one_tailed=True)
    assert res.loc[0, "p_computed"] == pytest.approx(0.04208201898 / 2, rel=1e-8)
    assert res.loc[1, "p_computed"] == pytest.approx(0.02741195714, rel=1e-8)
    assert res["one_tailed"].tolist() == [True, False]
    assert res["consistent"].all()


def test_non_directional_is_not_one_tailed():
    res = audit.check("With a non-directional test, t(28) = 1.80, p = .04.")
    assert not res.loc[0, "one_tailed_mentioned"]
    assert not res.loc[0, "consistent"]


# -- GRIM --------------------------------------------------------------------

# Brown, N. J. L., & Heathers, J. A. J. (2017; online 2016). The GRIM test: A simple technique
# detects numerous anomalies in the reporting of results in psychology. Social Psychological and
# Personality Science, 8(4), 363-369. doi:10.1177/1948550616673876.  Its worked example opens the
# article (read in the stored copy of the SAGE page, sage-cnpereading-com-443.web.bisu.edu.cn/doi/
# 10.1177/1948550616673876), verbatim:
BROWN_HEATHERS_EXTRACT = (
    "Participants (N = 55) were randomly assigned to drink 200 ml of water that either contained "
    "(experimental condition, N = 28) or did not contain (control condition, N = 27) 17 g of cherry "
    "flavor Kool-Aid® powder. Fifteen minutes after consuming the beverage, participants responded to "
    "the question, “To what extent do you believe that pigs can fly?” on a seven-point scale from 1 "
    "(Not at all) to 7 (Definitely). Participants in the “drank the Kool-Aid” condition reported a "
    "significantly stronger belief in the ability of pigs to fly (M = 5.19, SD = 1.34) than those in "
    "the control condition (M = 3.86, SD = 1.41), t(53) = 3.59, p < .001."
)


def _reachable_totals_and_squares(n, low, high):
    """Every (total, sum of squares) that n whole numbers in [low, high] can have: plain DP, no audit code."""
    reach = {(0, 0)}
    for _ in range(n):
        reach = {(t + v, q + v * v) for t, q in reach for v in range(low, high + 1)}
    return reach


def _prints_as(value, printed, decimals):
    """value rounds to ``printed`` at ``decimals``, halves either way (as the article allows)."""
    half = 0.5 * 10 ** -decimals
    return printed - half - 1e-9 <= value <= printed + half + 1e-9


def test_grim_reproduces_brown_heathers_worked_example():
    """The GRIM article's fictional Kool-Aid study: neither printed mean fits its cell size.

    Reference values, worked by hand and checked in R 4 (``floor(m * n) + (-1:2)`` divided by n):
    5.19 x 28 = 145.32, and 145/28 = 5.1786, 146/28 = 5.2143, so 5.19 is impossible with N = 28;
    3.86 x 27 = 104.22, and 104/27 = 3.8519, 105/27 = 3.8889, so 3.86 is impossible with N = 27.
    With the two cell sizes swapped both means fit: 140/27 = 5.1852 and 108/28 = 3.8571.
    R: t from the printed summaries (Student, pooled SD) = 3.586711, two-sided p = 0.000730,
    so the printed t(53) = 3.59, p < .001 is itself consistent.
    """
    res = audit.grim([5.19, 3.86], [28, 27])
    assert res["consistent"].tolist() == [False, False]
    assert "145/28 = 5.1786 and 146/28 = 5.2143" in res.loc[0, "reason"]
    assert "104/27 = 3.8519 and 105/27 = 3.8889" in res.loc[1, "reason"]
    assert audit.grim([5.19, 3.86], [27, 28])["consistent"].tolist() == [True, True]

    # The article's t-test, read from its own sentence, checks out.
    checked = audit.check(BROWN_HEATHERS_EXTRACT)
    assert checked[["test", "df2", "statistic", "p_comparison", "p_reported"]].values.tolist() == [
        ["t", 53.0, 3.59, "<", 0.001]]
    assert checked.loc[0, "consistent"] and not checked.loc[0, "decision_error"]

    # GRIMMER (Anaya 2016) goes further than the article could: with the sizes swapped the means
    # fit, but SD 1.34 with mean 5.19 and n = 27 does not.  Reference: every (total, sum of squares)
    # 27 or 28 answers on 1-7 can have, enumerated above; no audit code.
    reachable = {n: _reachable_totals_and_squares(n, 1, 7) for n in (27, 28)}
    expected = {}
    for mean, sd, n in [(5.19, 1.34, 28), (3.86, 1.41, 27), (5.19, 1.34, 27), (3.86, 1.41, 28)]:
        expected[(mean, sd, n)] = any(
            _prints_as(t / n, mean, 2) and _prints_as(math.sqrt(max(q - t * t / n, 0) / (n - 1)), sd, 2)
            for t, q in reachable[n])
    assert list(expected.values()) == [False, False, False, True]
    g = audit.grimmer([5.19, 3.86, 5.19, 3.86], [1.34, 1.41, 1.34, 1.41], [28, 27, 27, 28])
    assert g["consistent"].tolist() == list(expected.values())

    # So no split of the 55 participants fits everything the extract prints.
    splits = audit.feasible_group_sizes("5.19", "1.34", "3.86", "1.41", t="3.59", df="53", n_total=55,
                                        scale_min=1, scale_max=7)
    assert not splits["feasible"].any()
    as_printed = splits.set_index("n1").loc[28]
    assert not as_printed["grim1"] and not as_printed["grim2"] and as_printed["t_fits"]
    swapped = splits.set_index("n1").loc[27]
    assert swapped["grim1"] and swapped["grim2"] and not swapped["grimmer1"] and swapped["grimmer2"]


def test_grim_worked_examples():
    # Other published illustrations of GRIM, as their sources give them:
    # - 49 participants rating on a 1-7 scale with mean 5.93 (The Economist, 18 June 2016,
    #   "Come again", describing the test): 290/49 = 5.918, 291/49 = 5.939 -> impossible;
    # - a die rolled 20 times averaging 3.48 (the test's Wikipedia article): k/20 ends in 0 or 5
    #   at the second decimal -> impossible.
    # - twelve undergraduates aged 17, 19, 19, 20, 20, 21, 21, 21, 21, 22, 24, 26: total 251,
    #   mean 20.92 (J. Heathers, "The GRIM test - a method for evaluating published research",
    #   Medium, 23 May 2016, the co-author's account of the preprint) -> consistent, and the
    #   next possible mean is 252/12 = 21.00, so 20.93 to 20.99 are impossible with n = 12.
    # R scrutiny's GRIM vignette: grim(x = "5.27", n = 43) is FALSE (226/43 = 5.256, 227/43 = 5.279).
    assert not audit.grim(5.27, 43).loc[0, "consistent"]
    res = audit.grim([20.92, 5.93], [12, 49])
    assert res["consistent"].tolist() == [True, False]
    assert not audit.grim(np.round(np.arange(20.93, 20.995, 0.01), 2), 12)["consistent"].any()
    assert audit.grim(21.00, 12).loc[0, "consistent"]
    assert not audit.grim(3.48, 20).loc[0, "consistent"]
    # Mexico seed: 2.78 with 61 women fails (169/61 = 2.7705, 170/61 = 2.7869).
    assert not audit.grim(2.78, 61).loc[0, "consistent"]


def test_grim_and_percentages_match_r_scrutiny_readme():
    # R scrutiny's README (lhdjung/scrutiny), an independent implementation: grim_map(pigs1) and
    # grim_map(pigs2, percent = TRUE), with its default rounding "up_or_down" (as ours).
    pigs1 = [("7.22", 32, True), ("4.74", 25, False), ("5.23", 29, False), ("2.57", 24, False),
             ("6.77", 27, False), ("2.68", 28, True), ("7.01", 29, False), ("7.38", 26, True),
             ("3.14", 27, False), ("6.89", 31, False), ("5.00", 25, True), ("0.24", 28, False)]
    res = audit.grim([float(x) for x, _, _ in pigs1], [n for _, n, _ in pigs1])
    assert res["consistent"].tolist() == [c for _, _, c in pigs1]
    pigs2 = [(67.4, False), (54.2, False), (54.0, True), (69.8, False), (68.1, False), (55.4, False)]
    res = audit.percent_counts([p for p, _ in pigs2], 150)
    assert res["consistent"].tolist() == [c for _, c in pigs2]


def test_grim_agrees_with_enumeration():
    means = np.round(np.arange(0, 5.001, 0.01), 2)
    for n in range(1, 26):
        possible = np.arange(0, 5 * n + 1) / n
        expected = [bool(np.any(np.abs(possible - m) <= 0.005 + 1e-9)) for m in means]
        assert audit.grim(means, n)["consistent"].tolist() == expected, n


# -- GRIMMER -----------------------------------------------------------------

def test_grimmer_worked_examples():
    # GRIMMER: Anaya, PeerJ Preprints 4:e2400v1 (2016): Q = sum of squares must be a whole
    # number with the parity of the total T.  The article's Figure 1 is reproduced in
    # test_grimmer_reproduces_anaya_2016_figure_1; these are worked by hand from that rule:
    # mean 3.44, SD 2.47, n 18: T = 62 (62/18 = 3.444); SD in [2.465, 2.475] needs
    # Q = 17 * var + 62²/18 in [316.85, 317.69] -> Q = 317, odd while T is even -> inconsistent.
    # mean 5.21, SD 1.6, n 28: T = 146; Q in [826.2, 834.8] holds even numbers -> consistent.
    # mean 7.3, SD 2.51, n 12 (R scrutiny's GRIMMER vignette: grimmer("7.3", "2.51", 12) is FALSE): T = 87 gives Q in [699.8, 700.3]
    # = 700 (even, T odd); T = 88 gives [714.4, 714.9], no integer -> inconsistent.
    res = audit.grimmer([3.44, 5.21, 7.3], [2.47, 1.6, 2.51], [18, 28, 12],
                        decimals_mean=[2, 2, 1], decimals_sd=[2, 1, 2])
    assert res["consistent"].tolist() == [False, True, False]
    assert res["grim_consistent"].all()
    assert "odd while the total is even" in res.loc[0, "reason"]
    # 1.00, 1.99, n 34: T = 34, Q = 33 var + 34 in [164.0, 165.3] -> only 165, odd.
    assert not audit.grimmer(1.00, 1.99, 34).loc[0, "consistent"]
    assert audit.grimmer(2.78, 2.30, 61).loc[0, "reason"].startswith("fails GRIM:")


def test_grimmer_agrees_with_enumeration():
    # Every (mean, SD) pair printed to 2 decimals by some sample of n answers on 1-5 must pass.
    # (The other side, that pairs no sample prints fail, is checked against exhaustive
    # enumeration in test_grimmer_reproduces_anaya_2016_figure_1, via _enumerated_low_bands.)
    for n in (3, 5, 8):
        printed = set()
        for c in itertools.combinations_with_replacement(range(1, 6), n):
            a = np.array(c)
            printed.add((round(a.mean() + 1e-12, 2), round(a.std(ddof=1) + 1e-12, 2)))
        means = sorted({m for m, _ in printed})
        for m in means[:: max(1, len(means) // 6)]:
            sds = np.round(np.arange(0, 2.01, 0.01), 2)
            res = audit.grimmer(m, sds, n)
            for sd, ok in zip(sds, res["consistent"]):
                if (m, sd) in printed:
                    assert ok, (n, m, sd)


# Anaya (2016), "The GRIMMER test: A method for testing the validity of reported measures of
# variability", PeerJ Preprints 4:e2400v1, Figure 1: for each sample size N and each band of
# SDs (0.00-0.99, 1.00-1.99, ... 19.00-19.99, printed to 2 decimals), the percentage of the
# 100 SDs in the band that GRIMMER flags, averaged over the N means k/N (k = 0..N-1, printed to
# 2 decimals, halves rounded up).  The numbers are the figure's data, for_figure1.txt in the
# article's repository (github.com/OmnesRes/GRIMMER, commit 4418e59, made by figure1_data.py);
# bands after the last one listed are 0.
ANAYA_2016_FIGURE_1 = {
    5: [98.0, 94.0, 90.0, 86.0, 82.0, 78.0, 74.0, 70.0, 66.0, 62.0, 58.0, 54.0, 50.0, 46.0, 42.0,
        38.0, 34.0, 30.0, 26.0, 22.0],
    10: [95.7, 86.8, 77.4, 68.6, 59.4, 50.8, 41.5, 32.5, 23.5, 14.5, 5.7, 0.1],
    20: [91.45, 71.65, 52.65, 33.35, 14.75, 0.7],
    27: [88.48148148148148, 61.074074074074076, 35.074074074074076, 9.518518518518519],
    40: [82.45, 41.7, 6.3],
    64: [72.25, 11.03125],
    99: [56.23232323232323, 0.04040404040404041],
}


def _half_up(value, decimals):
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _figure_1_row(n):
    """Our GRIMMER on Anaya's grid for one N: percentage flagged per SD band (20 bands)."""
    means = np.array([_half_up(k / n, 2) for k in range(n)])
    sds = np.round(np.arange(2000) / 100, 2)
    m, s = np.meshgrid(means, sds, indexing="ij")
    flagged = ~audit.grimmer(m.ravel(), s.ravel(), n)["consistent"].to_numpy()
    return flagged.reshape(n, 20, 100).sum(axis=(0, 2)) / n


def _enumerated_low_bands(n):
    """Exact answer for SDs 0.00-1.99, by enumerating what n whole numbers can do (no audit code).

    Dynamic programming over the reachable (total, sum of squares) of n whole numbers centred
    near 0 (the SD does not change when every number moves by one, so totals 0..n-1 cover
    every mean's fractional part); an SD prints as s when it lies in [s - .005, s + .005].
    """
    cap = n + 4 * (n - 1) + 2           # sum of squares of any sample with mean in [0, 1), SD < 2
    r = int(np.ceil(np.sqrt(cap)))
    offset = n * r
    reach = np.zeros((2 * offset + 1, cap + 1), dtype=bool)
    reach[offset, 0] = True
    for _ in range(n):
        step = np.zeros_like(reach)
        for v in range(-r, r + 1):
            if v * v > cap:
                continue
            if v >= 0:
                step[v:, v * v:] |= reach[:reach.shape[0] - v, :cap + 1 - v * v]
            else:
                step[:v, v * v:] |= reach[-v:, :cap + 1 - v * v]
        reach = step
    sds = np.round(np.arange(200) / 100, 2)
    flagged = np.zeros(200)
    for k in range(n):
        mean = _half_up(k / n, 2)
        reachable = []
        for total in range(-1, n + 1):
            if abs(total / n - mean) <= 0.005 + 1e-12:
                q = np.flatnonzero(reach[offset + total])
                reachable.append(np.sqrt((q - total * total / n) / (n - 1)))
        reachable = np.concatenate(reachable)
        flagged += [not np.any(np.abs(reachable - s) <= 0.005 + 1e-12) for s in sds]
    return flagged.reshape(2, 100).sum(axis=1) / n


def test_grimmer_reproduces_anaya_2016_figure_1():
    rows = {}
    for n, published in ANAYA_2016_FIGURE_1.items():
        published = np.array(published + [0.0] * (20 - len(published)))
        ours = rows[n] = _figure_1_row(n)
        # SDs of 2.00 and more: the article's figure, to the last digit
        np.testing.assert_allclose(ours[2:], published[2:], rtol=0, atol=1e-9, err_msg=f"N = {n}")
        if n <= 64:
            # SDs below 2: exact enumeration decides (it agrees with us everywhere)
            np.testing.assert_allclose(ours[:2], _enumerated_low_bands(n), rtol=0, atol=1e-9,
                                       err_msg=f"N = {n}")
        if n != 64:
            np.testing.assert_allclose(ours[1], published[1], rtol=0, atol=1e-9, err_msg=f"N = {n}")
    # Where the figure and the enumeration disagree, the enumeration is right:
    # - N = 64, SDs 1.00-1.99: four SDs (mean 0.14 with 1.12, 0.17 with 1.37, 0.83 with 1.37, 0.86
    #   with 1.12) are reached only by an SD exactly halfway (1.125, 1.375), which the article rounds
    #   up only; we accept either rounding, as for the mean.  4 of 64 means x 100 SDs = 0.0625.
    assert rows[64][1] == pytest.approx(ANAYA_2016_FIGURE_1[64][1] - 4 / 64, abs=1e-9)
    # - SDs below 1: for N = 5 and 10 the figure agrees; for N = 20, 27, 40 and 64 it flags fewer
    #   SDs than cannot occur (it passes, e.g., some SDs below the smallest one n numbers with
    #   that mean can have).
    for n in (5, 10):
        assert rows[n][0] == pytest.approx(ANAYA_2016_FIGURE_1[n][0], abs=1e-9)
    for n in (20, 27, 40, 64):
        assert rows[n][0] > ANAYA_2016_FIGURE_1[n][0] + 0.1


def test_grimmer_smallest_sd_of_a_mean():
    # 9 whole numbers with total 3 (mean 0.33): the SD is at least that of 0,0,0,0,0,0,1,1,1
    # = sqrt((3 - 1) / 8) = 0.5, so SD 0.00 or 0.17 cannot occur; R scrutiny's grimmer (Allard's
    # analytic GRIMMER, parity only) passes them.  0.50 can.
    res = audit.grimmer(0.33, [0.0, 0.17, 0.49, 0.50], 9)
    assert res["consistent"].tolist() == [False, False, False, True]
    assert "below the smallest SD 9 whole numbers with that total can have (0.5000" in res.loc[0, "reason"]


def test_grimmer_near_tie_is_decided_exactly():
    # n 27, mean 0.93 (total 25), SD 1.03: the only sum of squares near the window is 51, whose
    # SD is sqrt(752/702) = 1.03500003 -> prints 1.04, so 1.03 is impossible (a float tolerance
    # of 1e-7 let it through); 1.04 is possible.
    res = audit.grimmer(0.93, [1.03, 1.04], 27)
    assert res["consistent"].tolist() == [False, True]


def test_grimmer_few_numbers_need_more_than_parity():
    # Two whole numbers with total 0 are (a, -a): sum of squares 2a², SD |a|·sqrt(2).  Mean 0.00
    # and SD 2.83 (a = 2, sqrt(8) = 2.828) is possible; SD 2.00 would need a sum of squares of 4
    # (even, like the total) but 2a² = 4 has no whole solution.
    res = audit.grimmer(0.0, [2.83, 2.0], 2)
    assert res["consistent"].tolist() == [True, False]
    assert "which no 2 whole numbers with total 0 have" in res.loc[1, "reason"]
    # Three numbers with total 0 can have sums of squares 2, 6, 8, 14 but not 4 (2(a²+ab+b²) = 4).
    sd_of = lambda q: np.sqrt(q / 2)
    res = audit.grimmer(0.0, np.round([sd_of(2), sd_of(4), sd_of(6)], 2), 3)
    assert res["consistent"].tolist() == [True, False, True]


# -- SD bounds ---------------------------------------------------------------

def test_sd_bounds_hand_worked():
    # mean 4.2, n 5 on 1-7 (rsprite2's example): T = 21; min 4,4,4,4,5 -> var 0.2, SD 0.4472;
    # max 7,7,5,1,1 -> var 9.2, SD 3.0332.
    res = audit.sd_bounds(4.2, 5, 1, 7).iloc[0]
    assert res["sd_min"] == pytest.approx(np.sqrt(0.2))
    assert res["sd_max"] == pytest.approx(np.sqrt(9.2))
    # mean 3, n 2 on 1-5: (3, 3) -> 0, (1, 5) -> sqrt(8)
    res = audit.sd_bounds(3, 2, 1, 5).iloc[0]
    assert (res["sd_min"], res["sd_max"]) == (0, pytest.approx(np.sqrt(8)))
    # M 1.00, n 34 on 0-5: six 5s, one 4, 27 zeros: var = (166 - 34) / 33 = 4 -> SD 2
    assert audit.sd_bounds(1.0, 34, 0, 5).loc[0, "sd_max"] == pytest.approx(2.0)


@pytest.mark.parametrize("n", range(2, 13))
def test_sd_bounds_agree_with_enumeration(n):
    extremes = {}
    for c in itertools.combinations_with_replacement(range(1, 6), n):
        a = np.array(c, dtype=float)
        lo, hi = extremes.get(int(a.sum()), (np.inf, -np.inf))
        sd = a.std(ddof=1)
        extremes[int(a.sum())] = (min(lo, sd), max(hi, sd))
    totals = np.array(sorted(extremes))
    res = audit.sd_bounds(totals / n, n, 1, 5, decimals=12)
    np.testing.assert_allclose(res["sd_min"], [extremes[t][0] for t in totals], atol=1e-9)
    np.testing.assert_allclose(res["sd_max"], [extremes[t][1] for t in totals], atol=1e-9)


def test_sd_bounds_reasons():
    res = audit.sd_bounds([2.78, 6.5], [61, 10], 0, 5)
    assert res["consistent"].tolist() == [False, False]
    assert res.loc[0, "reason"].startswith("fails GRIM")
    assert "outside the scale" in res.loc[1, "reason"]
    with pytest.raises(InputError, match="scale_min"):
        audit.sd_bounds(3, 10, 5, 1)
    with pytest.raises(InputError, match="n"):
        audit.sd_bounds(3, 0, 1, 5)


# -- SPRITE ------------------------------------------------------------------

def _all_samples(mean, sd, n, low, high, decimals_mean=2, decimals_sd=2):
    out = set()
    for c in itertools.combinations_with_replacement(range(low, high + 1), n):
        a = np.array(c, dtype=float)
        if _prints_as(a.mean(), mean, decimals_mean) and _prints_as(a.std(ddof=1), sd, decimals_sd):
            out.add(c)
    return out


# Means and SDs of samples chosen by hand, e.g. 1,1,2,2,3,3,3,4,4,5,5,5 -> 3.17, 1.47.
SMALL_CASES = [(3.0, 1.41, 10), (3.17, 1.47, 12), (3.38, 1.41, 8), (3.73, 1.19, 11), (4.0, 0.82, 7)]


@pytest.mark.parametrize("method", ["enumeration", "search"])
@pytest.mark.parametrize(("mean", "sd", "n"), SMALL_CASES)
def test_sprite_finds_exactly_the_enumerated_samples(mean, sd, n, method, monkeypatch):
    if method == "search":  # too little room to enumerate: sprite falls back on its random search
        monkeypatch.setattr(audit, "_ENUMERATION_LIMIT", 0)
    expected = _all_samples(mean, sd, n, 1, 5)
    assert expected  # the cases are possible
    got = audit.sprite(mean, sd, n, scale_min=1, scale_max=5, k=10_000, seed=3)
    assert {tuple(int(v) for v in row) for row in got} == expected


@pytest.mark.parametrize(("mean", "sd", "n"), SMALL_CASES)
def test_count_samples_matches_enumeration(mean, sd, n):
    expected = _all_samples(mean, sd, n, 1, 5)
    res = audit.count_samples(mean, sd, n, scale_min=1, scale_max=5)
    assert res["n_samples"].sum() == len(expected)
    by_pair = {}
    for c in expected:
        key = (sum(c), sum(v * v for v in c))
        by_pair[key] = by_pair.get(key, 0) + 1
    assert dict(zip(zip(res["total"], res["sum_of_squares"]), res["n_samples"])) == by_pair
    assert np.allclose(res["sd"], [np.std(next(c for c in expected if (sum(c), sum(v * v for v in c)) == k),
                                          ddof=1) for k in zip(res["total"], res["sum_of_squares"])])


def test_count_samples_of_the_issue_case_and_its_limits(monkeypatch):
    # n 61, M 2.79, SD 2.30 on 0-5: an exhaustive count over all C(66, 5) = 8,936,928 count
    # vectors (c0..c5) summing to 61 (benchmarks/bench_audit.py, numpy, no audit code) finds
    # 41 samples with sum of squares 790 and 36 with 792, all with total 170.
    res = audit.count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)
    assert res[["total", "sum_of_squares", "n_samples"]].values.tolist() == [[170, 790, 41], [170, 792, 36]]
    with pytest.raises(audit.ImpossibleSummaryError, match="GRIMMER"):
        audit.count_samples(1.00, 1.99, 34, scale_min=0, scale_max=5)
    monkeypatch.setattr(audit, "_ENUMERATION_LIMIT", 10)
    with pytest.raises(InputError, match="Too many samples of n = 61 on 0–5"):
        audit.count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5)


def test_sprite_draws_k_of_many_samples_at_random():
    # 2,216 samples print as M 2.8 (one decimal), SD 2.05 with n 61 on 0-5 (bench_audit.py's
    # enumeration): k = 50 of them, distinct, valid, seeded; another seed gives others.
    total = audit.count_samples(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1)["n_samples"].sum()
    assert total == 2216
    a = audit.sprite(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1, k=50, seed=1)
    b = audit.sprite(2.8, 2.05, 61, scale_min=0, scale_max=5, decimals_mean=1, k=50, seed=2)
    assert a.shape == (50, 61) and len({tuple(r) for r in a}) == 50
    assert np.all(np.abs(a.mean(axis=1) - 2.8) <= 0.05 + 1e-12)
    assert np.all(np.abs(a.std(axis=1, ddof=1) - 2.05) <= 0.005 + 1e-12)
    assert {tuple(r) for r in a} != {tuple(r) for r in b}


def test_sprite_warns_when_its_time_runs_out(monkeypatch):
    monkeypatch.setattr(audit, "_ENUMERATION_LIMIT", 0)
    with pytest.warns(RuntimeWarning, match="stopped at max_seconds = 0.2 with .* of the 1000000 samples"):
        # far more than a million samples have M 4.00, SD 1.51 with n 61 on 1-7: time runs out first
        got = audit.sprite(4.00, 1.51, 61, scale_min=1, scale_max=7, k=1_000_000, max_seconds=0.2, seed=1)
    assert 0 < got.shape[0] < 1_000_000


def test_sprite_is_seeded_and_returns_valid_distinct_samples():
    a = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=20, seed=7)
    b = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=20, seed=7)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (20, 61) and len({tuple(r) for r in a}) == 20
    assert np.all(np.abs(a.mean(axis=1) - 2.79) <= 0.005 + 1e-12)
    assert np.all(np.abs(a.std(axis=1, ddof=1) - 2.30) <= 0.005 + 1e-12)
    assert a.min() >= 0 and a.max() <= 5


def test_sprite_returns_every_sample_when_fewer_than_k_exist():
    # Exhaustive count over (c0..c5) with sum 61, total 170, sum of squares 790 or 792: 41 + 36.
    got = audit.sprite(2.79, 2.30, 61, scale_min=0, scale_max=5, k=1000, seed=1)
    assert got.shape == (77, 61)


@pytest.mark.parametrize(
    ("args", "check"),
    [
        ((1.00, 1.99, 34, 0, 5), "GRIMMER"),   # Q = 165 would be needed, odd while T = 34 is even
        ((2.78, 2.30, 61, 0, 5), "GRIM"),      # 2.78 is not k/61
        ((1.00, 2.10, 34, 0, 5), "SD bounds"), # the largest SD for mean 1 on 0-5 with n 34 is 2.000
        ((5.50, 1.00, 10, 0, 5), "outside the scale"),
    ],
)
def test_sprite_says_why_impossible_before_searching(args, check, monkeypatch):
    mean, sd, n, low, high = args

    def no_search(*args, **kwargs):
        raise AssertionError("sprite searched although the checks rule the summary out")

    monkeypatch.setattr(audit, "_sprite_batch", no_search)
    monkeypatch.setattr(audit, "_exact_samples", no_search)
    with pytest.raises(audit.ImpossibleSummaryError, match=check):
        audit.sprite(mean, sd, n, scale_min=low, scale_max=high)


def test_sprite_bad_input():
    with pytest.raises(InputError):
        audit.sprite(2.0, -1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError):
        audit.sprite(2.0, 1.0, 0, scale_min=1, scale_max=5)
    with pytest.raises(InputTypeError):
        audit.sprite("two", 1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="sd = -1 is negative"):
        audit.count_samples(2.0, -1.0, 10, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="n = 1; a whole number >= 2"):
        audit.count_samples(2.0, 1.0, 1, scale_min=1, scale_max=5)
    with pytest.raises(InputError, match="scale_min must be below scale_max"):
        audit.count_samples(2.0, 1.0, 10, scale_min=5, scale_max=1)


# -- feasible group sizes ----------------------------------------------------

def test_feasible_group_sizes_brute_force_rules():
    res = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="-2.12", df="88", n_total=(89, 95),
                                     scale_min=0, scale_max=5)
    # Every split is listed once.
    assert len(res) == sum(total - 3 for total in range(89, 96))
    # GRIM columns equal the definition: some whole total k with k/n rounding to the mean.
    for _, row in res.sample(40, random_state=0).iterrows():
        for mean, n, col in ((3.77, row["n1"], "grim1"), (3.33, row["n2"], "grim2")):
            fits = any(abs(k / n - mean) <= 0.005 + 1e-9 for k in range(0, 5 * n + 1))
            assert row[col] == fits
    # Student's df fits only when n1 + n2 = 90.
    student = res["test"].str.contains("student")
    assert (res.loc[student, "n_total"] == 90).all()
    feasible = res[res["feasible"]]
    assert feasible[["n_total", "n1", "n2"]].values.tolist() == [[90, 47, 43], [93, 35, 58]]
    # Recompute the Student t of the (47, 43) split from the printed values, by hand:
    # sp = sqrt((46 * .84² + 42 * 1.15²) / 88) = 1.00001, se = sp * sqrt(1/47 + 1/43) = 0.21103,
    # t = .44 / .21103 = 2.0850; the rounding box reaches 2.12 (.45 / .20999 = 2.1430, with the
    # SDs at .835 and 1.145).
    assert feasible.iloc[0]["test"] == "student"
    assert (res.loc[~res["feasible"], "reason"] != "").all()


def test_feasible_group_sizes_equal_var_and_errors():
    res = audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="88", n_total=90,
                                     scale_min=0, scale_max=5, equal_var=False)
    assert not res["test"].str.contains("student").any()
    with pytest.raises(InputError):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="0", n_total=90, scale_min=0, scale_max=5)
    with pytest.raises(InputError):
        audit.feasible_group_sizes(3.77, 0.84, 3.33, 1.15, t="2.12", df="88", n_total=3, scale_min=0, scale_max=5)


def test_sprite_proves_a_gap_between_reachable_sds():
    """SD 1.63 with mean 1.0, n = 4 on 0–5 passes GRIM, GRIMMER and the SD bounds, yet no sample has it.

    Reference: enumeration of every multiset of 4 answers in 0..5 (below), not our code.
    """
    samples = itertools.combinations_with_replacement(range(6), 4)
    reachable = {round(float(np.std(s, ddof=1)) + 1e-12, 2) for s in samples if sum(s) == 4}
    assert reachable == {0.0, 0.82, 1.15, 1.41, 2.0}  # so 1.63 is not reachable
    assert audit.grimmer(1.0, 1.63, 4, decimals_mean=1)["consistent"].iloc[0]
    bounds = audit.sd_bounds(1.0, 4, 0, 5, decimals=1).iloc[0]
    assert bounds["sd_min"] <= 1.63 <= bounds["sd_max"]
    with pytest.raises(audit.ImpossibleSummaryError, match="falls in a gap.*nearest are 1.4142 and 2.0000"):
        audit.sprite(1.0, 1.63, 4, scale_min=0, scale_max=5, decimals_mean=1)


def test_sprite_names_the_sds_reachable_on_the_scale():
    # ../shared/ANCHORS.md (measured there): the SDs reachable near 1.99 with M 1.00, n 34 on 0–5 are 1.938, 1.954 and 2.000
    with pytest.raises(audit.ImpossibleSummaryError, match="0–5 scale the nearest SDs .* are 1.9540 and 2.0000"):
        audit.sprite(1.00, 1.99, 34, scale_min=0, scale_max=5)


def test_feasible_group_sizes_reads_decimals_from_printed_strings():
    """"1.5" is a one-decimal mean: the same as passing decimals_mean2=1 with a float."""
    as_text = audit.feasible_group_sizes("2.78", "2.30", "1.5", "2.14", t="2.53", df="93", n_total=95,
                                         scale_min=0, scale_max=5)
    as_numbers = audit.feasible_group_sizes(2.78, 2.30, 1.5, 2.14, t="2.53", df="93", n_total=95,
                                            scale_min=0, scale_max=5, decimals_mean2=1)
    pd.testing.assert_frame_equal(as_text, as_numbers)
    # with 1.5 read as 1.50 the answer differs (GRIM then tests two decimals for the men)
    as_two = audit.feasible_group_sizes(2.78, 2.30, 1.5, 2.14, t="2.53", df="93", n_total=95,
                                        scale_min=0, scale_max=5)
    assert not as_two["grim2"].equals(as_text["grim2"])

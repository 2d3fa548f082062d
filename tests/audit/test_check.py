"""Tests of mixedmethods.audit.check against R statcheck 1.4.0 (the calls are beside each table)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mixedmethods import audit
from mixedmethods._validation import InputError, InputTypeError

from ._data import CORPUS, MEXICO, reference

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


@pytest.mark.parametrize("row", list(reference().itertuples(index=False)), ids=lambda r: f"line{r.line}")
def test_check_agrees_with_statcheck_one_tailed_txt(row):
    got = audit.check(CORPUS[row.line - 1]).iloc[0]  # one_tailed="detect" is OneTailedTxt = TRUE
    rtol = 1e-8  # statcheck values printed with 10 significant digits
    assert got["p_computed"] == pytest.approx(row.computed, rel=rtol)
    assert bool(got["consistent"]) is (not row.error)
    assert bool(got["decision_error"]) is bool(row.decision_error)
    assert (got["reason"] == "") is bool(got["consistent"])


def test_check_agrees_with_statcheck_default_two_tailed():
    ref = reference().set_index("line")
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


@pytest.mark.parametrize(("sentence", "one_tailed"), [
    ("A bidirectional link was found, t(28) = 2.20, p = .018.", False),
    ("The directionality of the effect, t(28) = 2.20, p = .018.", False),
    ("With a non directional test, t(28) = 2.20, p = .018.", False),
    ("With a nondirectional test, t(28) = 2.20, p = .018.", False),
    ("All tests were two-tailed (no one-tailed tests), t(28) = 2.20, p = .018.", False),
    ("One-sided and two-sided p values agree, t(28) = 2.20, p = .018.", False),
    ("A directional hypothesis, t(28) = 2.20, p = .018.", True),
    ("We tested one-tailed, t(28) = 2.20, p = .018.", True),
    ("One sided: t(28) = 2.20, p = .018.", True),
])
def test_one_tailed_detector_reads_whole_words_and_ignores_sentences_naming_both(sentence, one_tailed):
    # t(28) = 2.20 gives p = .0362 two-tailed, .0181 one-tailed (R: 2 * pt(2.2, 28, lower.tail = FALSE)).
    # R statcheck 1.4.0 with OneTailedTxt = TRUE accepts the "bidirectional" sentence (error FALSE).
    res = audit.check(sentence)
    assert res.loc[0, "one_tailed_mentioned"] == one_tailed
    assert res.loc[0, "one_tailed"] == one_tailed
    assert res.loc[0, "consistent"] == one_tailed


def test_p_zero_error_follows_statcheck():
    # statcheck 1.4.0, R: statcheck("t(30) = 4.50, p = .000", pZeroError = FALSE)$error -> FALSE
    #                     statcheck("t(30) = 2.50, p = .000", pZeroError = FALSE)$error -> TRUE
    #                     statcheck("t(30) = 4.50, p = .000")$error -> TRUE (pZeroError = TRUE, the default)
    text = "t(30) = 4.50, p = .000; t(30) = 2.50, p = .000"
    assert audit.check(text)["consistent"].tolist() == [False, False]
    assert audit.check(text, p_zero_error=False)["consistent"].tolist() == [True, False]
    assert "never 0" in audit.check(text).loc[0, "reason"]

"""Tests of the repairs of PDF-damaged text that audit.extract makes before reading (audit/_repairs.py).

Each damaged form below is one that statcheck's authors found in real papers converted from PDF
(github.com/MicheleNuijten/statcheck, inst/test_materials/manually_extracted_stats.csv); the
sentences are written here, not copied.
"""
from __future__ import annotations

import pandas as pd
import pytest

from mixedmethods import audit


def _one(text):
    res = audit.extract(text)
    assert len(res) == 1, res
    row = res.iloc[0]
    assert text[row["start"]:row["end"]] == row["raw"]
    return row


@pytest.mark.parametrize(
    ("text", "test", "df1", "df2", "statistic", "p_comparison", "p_reported", "note"),
    [
        # minus sign lost as '?' (and as U+FFFD)
        ("Scores fell, t(68) = ?2.15, p < .05.", "t", None, 68, -2.15, "<", 0.05, "'?' before the number"),
        ("Scores fell, z = ?3.16, p < .001.", "z", None, None, -3.16, "<", 0.001, "minus sign"),
        ("Scores fell, t(20) = \ufffd1.50, p = .15.", "t", None, 20, -1.50, "=", 0.15, "minus sign"),
        # '=' lost as '<bc>', and a control character standing where the sign goes
        ("Groups differed, t(196) <bc> 38.73, p < .001.", "t", None, 196, 38.73, "<", 0.001, "'<bc>' read as '='"),
        ("Groups differed, t(191) <bc> \x047.79, p < .001.", "t", None, 191, -7.79, "<", 0.001,
         "control character '\\x04' before the number read as a minus sign"),
        ("Groups differed, F(1, 18) <bc> 12.34, p <bc> .002.", "F", 1, 18, 12.34, "=", 0.002, "'<bc>'"),
        # stray control characters beside '=' / '<' and beside a minus: removed, the sign kept
        ("The slope, t(233.85) =\x01 \x07-4.42, p <\x03 .001.", "t", None, 233.85, -4.42, "<", 0.001,
         "control character(s)"),
        ("The slope, t(187.65) \x01= 2.54, p = .012.", "t", None, 187.65, 2.54, "=", 0.012, "removed"),
        # '=' lost as 'p' and '<' as '!' or 'b'
        ("An effect, F(1, 127) p 6.36, p ! .05.", "F", 1, 127, 6.36, "<", 0.05, "'p' read as '='"),
        ("An effect, t(60) p 1.98, p p .05.", "t", None, 60, 1.98, "=", 0.05, "'p' read as '='"),
        ("An effect, F(2, 726)=7.20, pb.001.", "F", 2, 726, 7.20, "<", 0.001, "'b' after p read as '<'"),
        ("An effect, t(67) p \x013.03, p ! .01.", "t", None, 67, -3.03, "<", 0.01, "minus sign"),
        ("An effect, F(1, 21) p 2.95, NS.", "F", 1, 21, 2.95, "ns", None, "'p' read as '='"),
        # χ lost as '?', '??', 'B', 'x' (with N p ...), chi_2, G2
        ("A difference, ?2(19, N = 488) = 57.45, p < .001.", "chi2", 19, None, 57.45, "<", 0.001, "read as χ"),
        ("A difference, ??2(20) = 17.08, ns.", "chi2", 20, None, 17.08, "ns", None, "'??' before 2(df)"),
        ("A difference, B2(1, N = 226) = 6.90, p <.01.", "chi2", 1, None, 6.90, "<", 0.01, "'B' before 2(df)"),
        ("A difference, x2 (1, N p 6,721) p 10.45, p ! .01.", "chi2", 1, None, 10.45, "<", 0.01, "'p' read"),
        ("A difference, chi_2(28) = 40.10, p = .06.", "chi2", 28, None, 40.10, "=", 0.06, "chi_2 read as chi2"),
        ("A difference, G2(1) = 6.53, p =.011.", "chi2", 1, None, 6.53, "=", 0.011, "G2 (likelihood-ratio"),
        # Brown-Forsythe F
        ("Robustly, BF(2,56) = 12.03, p < .001.", "F", 2, 56, 12.03, "<", 0.001, "BF (Brown–Forsythe)"),
    ],
)
def test_each_repair_is_read_and_recorded(text, test, df1, df2, statistic, p_comparison, p_reported, note):
    row = _one(text)
    assert row["test"] == test
    assert pd.isna(row["df1"]) if df1 is None else row["df1"] == pytest.approx(df1)
    assert pd.isna(row["df2"]) if df2 is None else row["df2"] == pytest.approx(df2)
    assert row["statistic"] == pytest.approx(statistic)
    assert row["p_comparison"] == p_comparison
    assert pd.isna(row["p_reported"]) if p_reported is None else row["p_reported"] == pytest.approx(p_reported)
    assert note in row["repairs"]
    assert row["readable"]


def test_ligatures_soft_and_line_break_hyphens_feed_the_one_tailed_detector():
    # "one-\nsided" (hyphen at a line break), "directional" with a soft hyphen, "ﬁ" ligature
    res = audit.extract("We used a one-\nsided test: t(28) = 2.20, p = .018. A direc\u00adtional test "
                        "con\ufb01rmed it, t(28) = 2.20, p = .018.")
    assert res["one_tailed_mentioned"].tolist() == [True, True]
    assert audit.check(res)["consistent"].all()
    from mixedmethods.audit._repairs import repair

    fixed = repair("con\ufb01rmed; direc\u00adtional; signi-\n  ficant")
    assert fixed.text == "confirmed; directional; significant"
    notes = [n for _, _, n in fixed.repairs]
    assert notes == ["ligature ﬁ split into letters", "soft hyphen removed",
                     "word hyphenated at a line break joined"]


def test_clean_text_is_not_repaired_and_p_values_never_get_a_sign():
    res = audit.extract("t(20) = 2.10, p = .048; F(1, 30) = 4.20, p < .05")
    assert (res["repairs"] == "").all()
    # a control character in the p slot is stray, not a minus: p has no sign
    row = _one("t(229.88) =\x01 -\x071.41, p =\x01 .160")
    assert row["p_reported"] == pytest.approx(0.160)
    assert row["statistic"] == pytest.approx(-1.41)
    # 'p' between words is left alone; only 'p' before a number after a test's df is '='
    assert audit.extract("The p value, p < .05, was small; t(20) p value").empty


def test_qb_and_qw_are_kept_apart_from_q():
    res = audit.extract("Qb(1) = 3.78, p < .05; QWithin(12) = 9.20, p = .69; Q(3) = 2.1, p = .55")
    assert res["test"].tolist() == ["Q", "Q", "Q"]
    assert res["test_label"].tolist() == ["Qb", "Qw", "Q"]


@pytest.mark.parametrize("text", ["t(20) = 2.?1, p = .04", "F(2, 30) = 4.1?, p = .02",
                                  "t(30) \x01 4.50, p = .001", "t(12) <xy> 2.2, p = .05"])
def test_damage_that_cannot_be_read_is_reported_unreadable_not_guessed(text):
    res = audit.extract(f"First, {text}. Then t(40) = 2.10, p = .04.")
    assert res["readable"].tolist() == [False, True]
    bad = res.iloc[0]
    assert pd.isna(bad["statistic"]) and pd.isna(bad["p_reported"])
    assert bad["raw"].startswith(text[:4])
    out = audit.check(res)
    assert not out.loc[0, "consistent"] and not out.loc[0, "decision_error"]
    assert out.loc[0, "reason"].startswith("unreadable:")
    assert out.loc[1, "consistent"]

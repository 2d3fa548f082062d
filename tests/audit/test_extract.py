"""Tests of mixedmethods.audit.extract against R statcheck 1.4.0 (the calls are in ``_data.py``)."""
from __future__ import annotations

import pandas as pd
import pytest

from mixedmethods import audit

from ._data import CORPUS, reference


def test_corpus_is_large_enough_and_every_line_is_read_once():
    assert len(CORPUS) >= 60
    res = audit.extract("\n".join(CORPUS))
    assert len(res) == len(CORPUS)  # 65 that statcheck reads + 7 that it skips


@pytest.mark.parametrize("row", list(reference().itertuples(index=False)), ids=lambda r: f"line{r.line}")
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


def test_binary_junk_and_a_large_text_do_not_hang():
    junk = bytes(range(256)).decode("latin-1") * 100
    assert audit.extract(junk).empty
    paragraph = " ".join(CORPUS) + " "
    text = paragraph * (10_000_000 // len(paragraph) + 1)  # 10 MB
    res = audit.extract(text)  # finishing at all is the point (bench_audit.py times it)
    assert len(res) == len(CORPUS) * (10_000_000 // len(paragraph) + 1)

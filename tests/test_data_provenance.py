"""Every number in data/ names its source file and quotes the sentence it came from."""
import csv
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
CSV_FILES = sorted(DATA.glob("**/*.csv"))


def _norm(text):
    return re.sub(r"\s+", " ", text).strip()


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_there_is_data():
    assert CSV_FILES, "data/ holds no CSV file"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_row_has_provenance(path):
    rows = _rows(path)
    assert rows, f"{path} is empty"
    for i, row in enumerate(rows, start=2):
        assert row.get("source", "").endswith(".txt"), f"{path.name} line {i}: no source file"
        assert row.get("quote", "").strip(), f"{path.name} line {i}: no quote"


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_quotes_are_verbatim_in_their_seed(path):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for i, row in enumerate(_rows(path), start=2):
        seed = SEEDS / row["source"]
        assert seed.is_file(), f"{path.name} line {i}: source {row['source']} not found"
        assert _norm(row["quote"]) in _norm(seed.read_text(encoding="utf-8")), (
            f"{path.name} line {i}: quote not found verbatim in {row['source']}: {row['quote'][:80]!r}"
        )


# Columns holding numbers as printed, which must appear inside the row's quote.
PRINTED_NUMBERS = {
    "omi_ttests.csv": ["mean1", "sd1", "mean2", "sd2", "df", "p"],
    "recovery_themes.csv": ["n_participants"],
    "relapse_themes.csv": ["n_participants"],
    "recovery_possible.csv": ["n_participants"],
}


@pytest.mark.parametrize("name", sorted(PRINTED_NUMBERS))
def test_numbers_appear_in_their_quote(name):
    paths = [p for p in CSV_FILES if p.name == name]
    assert paths, f"{name} missing from data/"
    for path in paths:
        for i, row in enumerate(_rows(path), start=2):
            for col in PRINTED_NUMBERS[name]:
                if row[col]:
                    assert row[col] in row["quote"], f"{name} line {i}: {col}={row[col]} not in quote"


def test_each_data_folder_has_a_readme():
    for folder in {p.parent for p in CSV_FILES}:
        assert (folder / "README.md").is_file(), f"{folder} has no README.md"


# Percentages the text prints in words, not digits.
PERCENT_IN_WORDS = {"66": "Sixty-six percent"}


def test_demographic_percentages_appear_in_their_quote():
    paths = [p for p in CSV_FILES if p.name == "demographics.csv"]
    assert paths, "demographics.csv missing from data/"
    for path in paths:
        for i, row in enumerate(_rows(path), start=2):
            printed = PERCENT_IN_WORDS.get(row["percent"], f"{row['percent']}%")
            assert printed in row["quote"], f"demographics.csv line {i}: {printed!r} not in quote"


# A word broken across a line or page keeps its hyphen and loses the line break: "re- traumatisation"
# in the extracted article is "re-traumatisation".  This is the only change allowed between a
# participant's words in a `text` column and the verbatim `quote` of the same row (data/japan/README.md).
LINE_BREAK_HYPHEN = re.compile(r"(\w)-\s+(\w)")
JOINED_AT_A_LINE_BREAK = {("japan", "segments.csv", "Q17"): "re-traumatisation"}


def _join_line_breaks(text):
    return LINE_BREAK_HYPHEN.sub(r"\1-\2", _norm(text))


TEXT_FILES = [p for p in CSV_FILES if {"text", "quote"} <= set(_rows(p)[0])]


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_text_is_its_quote_with_line_break_hyphens_joined(path):
    """Each `text` is in its row's quote verbatim, or after the line-break rule; the rule's uses are listed."""
    joined = set()
    for i, row in enumerate(_rows(path), start=2):
        text, quote = _norm(row["text"]), _norm(row["quote"])
        if text in quote:
            continue
        assert text in _join_line_breaks(quote), f"{path.name} line {i}: text not in its quote: {text[:80]!r}"
        key = (path.parent.name, path.name, next(iter(row.values())))
        joined.add(key)
        word = JOINED_AT_A_LINE_BREAK.get(key)
        assert word and word in text and word.replace("-", "- ") in quote, (
            f"{path.name} line {i}: a line-break hyphen was joined that JOINED_AT_A_LINE_BREAK does not list")
    expected = {k for k in JOINED_AT_A_LINE_BREAK if k[:2] == (path.parent.name, path.name)}
    assert joined == expected, f"{path.name}: joined {sorted(joined)}, listed {sorted(expected)}"


def test_the_line_break_rule_itself():
    assert _join_line_breaks("lead to re- traumatisation") == "lead to re-traumatisation"
    assert _join_line_breaks("users - and staff") == "users - and staff"  # a dash between words stays

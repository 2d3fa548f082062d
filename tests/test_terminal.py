"""The plain-text layout shared by the command line and study reports (mixedmethods._terminal)."""
import pandas as pd
import pytest

from mixedmethods._terminal import fill, render_table, size, terminal_width


def test_width_comes_from_columns_then_the_terminal_then_100(monkeypatch):
    monkeypatch.setenv("COLUMNS", "73")
    assert terminal_width() == 73 and terminal_width(50) == 50
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback: __import__("os").terminal_size(fallback))
    assert terminal_width() == 100


def test_size_counts_bytes_as_awk_does():
    assert size("t = −1.96") == len("t = −1.96") + 2  # U+2212 is three bytes


def test_fill_never_cuts_a_number():
    text = "t can lie anywhere from −2.01 to −1.90 (n_women 22–30, 62–70)"
    for width in (8, 12, 20):
        lines = fill(text, width).split("\n")
        assert " ".join(lines).split() == text.split()
        assert all(size(line) <= width for line in lines if " " in line)


def test_table_keeps_pandas_decimals_and_aligns_numbers_right():
    table = pd.DataFrame({"item": [1, 2], "t": [2.5, -1.25], "ok": [True, False], "label": ["a", "b"]})
    lines = render_table(table, 80).split("\n")
    assert lines[0].split() == ["item", "t", "ok", "label"]
    assert lines[2].split() == ["1", "2.50", "True", "a"] and lines[3].split() == ["2", "-1.25", "False", "b"]
    assert lines[2].index("2.50") + 4 == lines[3].index("-1.25") + 5  # right-aligned


@pytest.mark.parametrize("width", [30, 45, 60])
def test_table_wraps_text_cells_within_the_width(width):
    table = pd.DataFrame({
        "theme": ["treatment adherence failure", "lack of family support"],
        "n": [30, 24],
        "note": ["count not printed; at least a quarter of respondents; most frequently mentioned", ""],
    })
    text = render_table(table, width)
    assert max(size(line) for line in text.split("\n")) <= width
    wide = render_table(table, 1000)
    assert {w for w in text.split() if set(w) - {"-"}} == {w for w in wide.split() if set(w) - {"-"}}


def test_too_wide_table_falls_back_to_one_block_per_row():
    table = pd.DataFrame({"innovation_group": ["Personal recovery planning"], "n_citations": [6],
                          "references": ["109, 117, 121, 122, 124"]})
    lines = render_table(table, 26).split("\n")
    assert lines[0] == "innovation_group" and lines[1].startswith("  Personal")
    assert "  109, 117, 121, 122," in lines or "  109, 117, 121, 122, 124" in lines
    assert max(size(line) for line in lines) <= 26


def test_empty_table_prints_its_header():
    assert render_table(pd.DataFrame({"line": [], "raw": []}), 40).split("\n")[0].split() == ["line", "raw"]


def test_a_header_breaks_at_underscores_only_when_its_column_is_narrower():
    import pandas as pd

    from mixedmethods._terminal import render_table

    table = pd.DataFrame({"decision_errors": [1, 2], "p_computed": [0.1, 0.2]})
    wide = render_table(table, 100).splitlines()
    assert wide[0].split() == ["decision_errors", "p_computed"]
    narrow = render_table(table, 20).splitlines()
    assert narrow[0].split() == ["decision_", "p_"] and narrow[1].split() == ["errors", "computed"]

"""Tests of ``mixedmethods audit FILE`` (exit codes, formats, bad files)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mixedmethods.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "audit"


def test_inconsistent_file_exits_1_and_prints_table(capsys):
    # R: statcheck finds t (93) = 2.53, p = .05 (computed .0131) and two more errors in this
    # paragraph; the fourth, t(88) = − 2.12, p = .05, is an error too (computed .0368).
    code = main(["audit", str(FIXTURES / "mexico_quantitative.txt")])
    out = capsys.readouterr().out
    assert code == 1
    assert "t (93) = 2.53, p = .05" in out and "t(88) = − 2.12, p = .05" in out
    assert "4 results, 4 inconsistent, 0 decision errors." in out
    assert "line 1: p = .05 reported, but t(93) = 2.53 gives p = .0131" in out


def test_consistent_file_exits_0(tmp_path, capsys):
    # R: statcheck("t(48) = 2.31, p = .025") -> computed 0.02523293746, error FALSE
    path = tmp_path / "ok.txt"
    path.write_text("Line one.\nThey differed, t(48) = 2.31, p = .025.\n", encoding="utf-8")
    assert main(["audit", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0.0252" in out and "1 results, 0 inconsistent" in out


def test_empty_file_exits_0(tmp_path, capsys):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert main(["audit", str(path)]) == 0
    assert "No test results" in capsys.readouterr().out


def test_csv_and_json_formats(capsys):
    path = str(FIXTURES / "mexico_quantitative.txt")
    assert main(["audit", path, "--format", "csv"]) == 1
    table = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert len(table) == 4 and not table["consistent"].any()
    assert table["line"].tolist() == [1, 1, 1, 1]
    assert main(["audit", path, "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [r["statistic"] for r in records] == [2.53, 2.5, 2.26, -2.12]


def test_alpha_and_one_tailed_options(tmp_path, capsys):
    # R: statcheck("t(70) = 2.50, ns") -> error TRUE, decision error TRUE (alpha .05);
    # at alpha .01 (statcheck(..., alpha = .01)) p = .0148 > .01 is consistent with ns.
    path = tmp_path / "ns.txt"
    path.write_text("Mood improved after the walk, t(70) = 2.50, ns.\n", encoding="utf-8")
    assert main(["audit", str(path)]) == 1
    assert "1 decision errors" in capsys.readouterr().out
    assert main(["audit", str(path), "--alpha", "0.01"]) == 0
    capsys.readouterr()
    directional = tmp_path / "one.txt"
    directional.write_text("The one-tailed test was significant, t(28) = 1.80, p = .04.\n", encoding="utf-8")
    assert main(["audit", str(directional)]) == 0
    assert main(["audit", str(directional), "--one-tailed", "never"]) == 1


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["audit", str(tmp_path / "absent.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_binary_file_exits_2(tmp_path, capsys):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    assert main(["audit", str(path)]) == 2
    assert "pdftotext" in capsys.readouterr().err


def test_directory_exits_2(tmp_path, capsys):
    assert main(["audit", str(tmp_path)]) == 2
    assert "directory" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["audit"], ["audit", "x.txt", "--format", "xml"], ["audit", "x.txt", "--alpha", "2"]])
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_non_utf8_text_is_read(tmp_path, capsys):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 study: t(40) = 2.10, p = .02.\n".encode("cp1252"))
    assert main(["audit", str(path)]) == 1
    assert "t(40) = 2.10, p = .02" in capsys.readouterr().out


def test_table_fits_the_width_and_keeps_every_result(monkeypatch, capsys):
    path = str(FIXTURES / "mexico_quantitative.txt")
    assert main(["audit", path, "--width", "1000"]) == 1
    wide = capsys.readouterr().out
    for columns in (60, 80):
        monkeypatch.setenv("COLUMNS", str(columns))
        assert main(["audit", path]) == 1
        out = capsys.readouterr().out
        assert max(len(line.encode("utf-8")) for line in out.splitlines()) <= columns
        # words wrap whole: the same words (numbers included) as the unwrapped table
        assert sorted(w for w in out.split() if set(w) - {"-"}) == sorted(w for w in wide.split() if set(w) - {"-"})
        assert out.rstrip().endswith("4 results, 4 inconsistent, 0 decision errors.")

"""Tests of ``mixedmethods audit PATH…`` (exit codes, formats, PDF/HTML/Word files, folders, bad files)."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mixedmethods.cli import main

from ..audit._files import HTML, PAGE_RESULTS, make_docx, make_pdf, write_bad_files

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


def test_damaged_pdf_exits_2_with_one_line(tmp_path, capsys):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02 binary")
    assert main(["audit", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"mixedmethods audit: {path}: not a readable PDF (Stream has ended unexpectedly)\n"
    assert captured.out == ""


def test_empty_directory_exits_0(tmp_path, capsys):
    assert main(["audit", str(tmp_path)]) == 0
    assert "No PDF, HTML, Word or text files were found." in capsys.readouterr().out


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
        # (a header such as p_computed may break after its underscore when its column is narrow)
        def words(text):
            return sorted(w for w in re.split(r"[\s_]+", text) if set(w) - {"-"})

        assert words(out) == words(wide)
        assert out.rstrip().endswith("4 results, 4 inconsistent, 0 decision errors.")


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    """A folder with a PDF, an HTML page and a Word document (built in the tests, known results)."""
    folder = tmp_path_factory.mktemp("papers")
    (folder / "a.pdf").write_bytes(make_pdf())
    (folder / "b.html").write_text(HTML, encoding="utf-8")
    (folder / "c.docx").write_bytes(make_docx())
    return folder


def test_pdf_table_shows_pages(papers, capsys):
    assert main(["audit", str(papers / "a.pdf")]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:3] == ["page", "line", "raw"]
    assert "page 3, line 1: p = .018 reported, but t(28) = 2.20 gives p = .0362" in out
    assert out.rstrip().endswith("6 results, 3 inconsistent, 1 decision errors.")


def test_json_keeps_the_keys_and_adds_file_and_page(papers, capsys):
    assert main(["audit", str(papers / "a.pdf"), "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [(r["page"], r["line"], r["consistent"]) for r in records] == PAGE_RESULTS
    assert {"file", "page", "line", "raw", "p_computed", "consistent", "decision_error", "reason"} <= set(records[0])


def test_folder_prints_one_row_per_file_and_exits_1(papers, capsys):
    assert main(["audit", str(papers), "--width", "1000"]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    dashes = next(i for i, line in enumerate(lines) if line.startswith("---"))
    rows = lines[dashes + 1:dashes + 4]
    assert [row.split()[0][-6:].lstrip("/") for row in rows] == ["a.pdf", "b.html", "c.docx"]
    assert [row.split()[1:] for row in rows] == [["pdf", "3", "6", "3", "1"], ["html", "-", "4", "1", "0"],
                                                 ["docx", "-", "4", "1", "0"]]
    assert "a.pdf, page 1, line 1: t(93) = 2.53, p = .05: p = .05 reported" in out
    assert out.rstrip().endswith("3 files read; 14 results, 5 inconsistent, 1 decision errors.")


def test_summary_in_csv(papers, capsys):
    assert main(["audit", str(papers), "--summary", "--format", "csv"]) == 1
    table = pd.read_csv(io.StringIO(capsys.readouterr().out), keep_default_na=False)
    assert table["file"].map(lambda f: Path(f).name).tolist() == ["a.pdf", "b.html", "c.docx"]
    assert table["kind"].tolist() == ["pdf", "html", "docx"]
    assert table["results"].tolist() == [6, 4, 4] and table["inconsistent"].tolist() == [3, 1, 1]


def test_folder_with_bad_files_goes_on_and_exits_2(tmp_path, papers, capsys):
    expected = write_bad_files(tmp_path)
    (tmp_path / "good.html").write_text(HTML, encoding="utf-8")
    assert main(["audit", str(tmp_path), "--format", "csv"]) == 2
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert len(errors) == len(expected) and all(line.startswith("mixedmethods audit: ") for line in errors)
    for name, words in expected.items():
        assert any(f"{name}: " in line and words in line for line in errors), name
    assert "Traceback" not in captured.err
    table = pd.read_csv(io.StringIO(captured.out))
    assert len(table) == 4 and set(table["file"].map(lambda f: Path(f).name)) == {"good.html"}


def test_standard_input(monkeypatch, papers, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((papers / "a.pdf").read_bytes())))
    assert main(["audit", "-", "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 6 and records[0]["file"] == "<stdin>" and records[-1]["page"] == 3


def test_closed_pipe_is_quiet(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text("".join(f"Line {i}: t(48) = 2.31, p = .025.\n" for i in range(5000)), encoding="utf-8")
    for fmt in ("csv", "table"):
        command = f"{sys.executable} -m mixedmethods audit {path} --format {fmt} | head -n 1"
        done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=300)
        assert done.stderr == "" and len(done.stdout.splitlines()) == 1, done.stderr


def test_p_zero_option(tmp_path, capsys):
    # R: statcheck("t(40) = 5.20, p = .000") -> error TRUE; statcheck(..., pZeroError = FALSE) -> error FALSE
    path = tmp_path / "zero.txt"
    path.write_text("A large effect, t(40) = 5.20, p = .000.\n", encoding="utf-8")
    assert main(["audit", str(path)]) == 1
    assert main(["audit", str(path), "--p-zero-ok"]) == 0

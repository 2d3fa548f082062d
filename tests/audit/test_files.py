"""Tests of mixedmethods.audit.check_file and check_folder: PDF, HTML, Word and text files, and bad ones.

Every file is built here (``_files.py``); the verdicts are R statcheck 1.4.0's (the calls are there).
"""
from __future__ import annotations

import os

import pandas as pd
import pytest

from mixedmethods.audit import CHECK_COLUMNS, check, check_file, check_folder
from mixedmethods._validation import InputError, InputTypeError

from ._files import (DOCX_RESULTS, HTML, HTML_RESULTS, PAGE_RESULTS, PAGES, encrypt_pdf, make_docx, make_pdf,
                     write_bad_files)


@pytest.fixture(scope="module")
def pdf_bytes():
    return make_pdf()


def _located(table):
    return list(zip(table["page"].tolist(), table["line"].tolist(), table["consistent"].tolist()))


def test_pdf_results_keep_their_page_and_line(tmp_path, pdf_bytes):
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf_bytes)
    res = check_file(path)
    assert list(res.columns[:3]) == ["file", "page", "line"]
    assert set(CHECK_COLUMNS) <= set(res.columns)
    assert _located(res) == PAGE_RESULTS
    assert (res["file"] == str(path)).all()
    assert res.loc[1, "statistic"] == -2.12 and res.loc[2, "test"] == "chi2"
    # the same numbers as check() on the lines typed by hand
    by_hand = check("\n".join(line for page in PAGES for line in page))
    pd.testing.assert_series_equal(res["p_computed"], by_hand["p_computed"], check_names=False)


def test_pdf_limits_pages_and_time(tmp_path, pdf_bytes):
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf_bytes)
    with pytest.raises(InputError, match=r"paper\.pdf: the PDF has 3 pages, more than max_pages=2"):
        check_file(path, max_pages=2)
    with pytest.raises(InputError, match=r"paper\.pdf: reading took too long \(page 1 of 3\)"):
        check_file(path, timeout=1e-9)  # the clock is read before the first page


def test_pdf_encrypted_with_an_empty_password_is_read(tmp_path, pdf_bytes):
    # owner-password-only protection (printing/copying restrictions) does not hide the text
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypt_pdf(pdf_bytes, ""))
    assert _located(check_file(path)) == PAGE_RESULTS


def test_html_drops_scripts_decodes_entities_and_joins_tags(tmp_path):
    path = tmp_path / "paper.html"
    path.write_text(HTML, encoding="utf-8")
    res = check_file(path)
    assert list(zip(res["line"], res["raw"], res["consistent"])) == HTML_RESULTS
    assert res["page"].isna().all()
    assert 9.99 not in res["statistic"].tolist()  # the results inside <script> and <style>


def test_html_charset_from_meta(tmp_path):
    # Word's "filtered HTML" declares windows-1252, as statcheck's test papers do
    path = tmp_path / "word.htm"
    path.write_bytes('<meta charset="windows-1252"><p>Caf\xe9: t(40) = 2.10, p = .02</p>'.encode("cp1252"))
    res = check_file(path)
    assert res["raw"].tolist() == ["t(40) = 2.10, p = .02"]


def test_docx_paragraphs_runs_tables_and_symbol_chi(tmp_path):
    path = tmp_path / "paper.docx"
    path.write_bytes(make_docx())
    res = check_file(path)
    assert list(zip(res["line"], res["consistent"])) == DOCX_RESULTS
    assert res["raw"].tolist()[:2] == ["t(93) = 2.53, p = .05", "t(88) = \u22122.12, p = .037"]
    assert res.loc[2, "test"] == "chi2" and res.loc[2, "raw"].startswith("\u03c72(2)")


def test_text_and_markdown_lines(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Results\n\nA line.\nThey differed, t(48) = 2.31, p = .025.\n", encoding="utf-8")
    # R: statcheck("t(48) = 2.31, p = .025") -> computed 0.02523293746, error FALSE
    res = check_file(path)
    assert res["line"].tolist() == [4] and res["consistent"].tolist() == [True]


def test_kind_is_sniffed_when_the_name_does_not_say(tmp_path, pdf_bytes):
    path = tmp_path / "paper_without_suffix"
    path.write_bytes(pdf_bytes)
    assert _located(check_file(path)) == PAGE_RESULTS


def test_check_options_are_passed_on(tmp_path):
    # R: statcheck("t(70) = 2.50, ns") -> error TRUE at alpha .05; consistent at alpha = .01
    path = tmp_path / "ns.txt"
    path.write_text("Mood improved, t(70) = 2.50, ns.", encoding="utf-8")
    assert not check_file(path)["consistent"].all()
    assert check_file(path, alpha=0.01)["consistent"].all()


def test_bad_inputs_give_one_line_errors_naming_the_file(tmp_path):
    expected = write_bad_files(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    for name, words in expected.items():
        with pytest.raises(InputError) as info:
            check_file(tmp_path / name)
        message = str(info.value)
        assert message.startswith(str(tmp_path / name) + ": ") and words in message, message
        assert "\n" not in message
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before  # nothing written


def test_limits_can_be_raised(tmp_path):
    path = tmp_path / "long.html"
    path.write_bytes(b"<p>" + b"Words, more words. " * 60_000 + b"t(10) = 2.00, p = .07.</p>")  # 1.14 MB
    with pytest.raises(InputError, match="more than the 1 MB limit for HTML files; raise max_megabytes="):
        check_file(path, max_megabytes=1)
    # R: statcheck("t(10) = 2.00, p = .07") -> computed 0.07338803, error FALSE
    res = check_file(path, max_megabytes=2)
    assert res["raw"].tolist() == ["t(10) = 2.00, p = .07"] and res["consistent"].all()


def test_missing_folder_and_wrong_types(tmp_path):
    with pytest.raises(InputError, match="absent.pdf: no such file"):
        check_file(tmp_path / "absent.pdf")
    with pytest.raises(InputError, match="is a folder"):
        check_file(tmp_path)
    with pytest.raises(InputTypeError, match="path must be a file name"):
        check_file(b"paper.pdf")
    with pytest.raises(InputError, match="old Word .doc format"):
        (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
        check_file(tmp_path / "old.doc")
    with pytest.raises(InputError, match="max_megabytes must be a positive number"):
        (tmp_path / "a.txt").write_text("x", encoding="utf-8")
        check_file(tmp_path / "a.txt", max_megabytes=0)


def test_folder_reads_every_file_and_goes_on_past_bad_ones(tmp_path, pdf_bytes):
    expected = write_bad_files(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.pdf").write_bytes(pdf_bytes)
    (tmp_path / "paper.html").write_text(HTML, encoding="utf-8")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("t(93) = 2.53, p = .05", encoding="utf-8")
    (tmp_path / "~$paper.docx").write_bytes(b"lock")
    audit = check_folder(tmp_path, progress=False)
    files = audit.files.set_index(audit.files["file"].map(os.path.basename))
    assert sorted(files.index) == sorted(list(expected) + ["paper.pdf", "paper.html"])
    for name, words in expected.items():
        assert words in files.loc[name, "error"] and pd.isna(files.loc[name, "results"])
    assert files.loc["paper.pdf", "pages"] == 3 and files.loc["paper.pdf", "results"] == 6
    assert files.loc["paper.pdf", "inconsistent"] == 3 and files.loc["paper.html", "kind"] == "html"
    assert audit.skipped == 1 and not audit.consistent
    assert len(audit.results) == 10 and list(audit.results.columns[:3]) == ["file", "page", "line"]
    assert audit.results["file"].map(os.path.basename).unique().tolist() == ["paper.html", "paper.pdf"]


def test_folder_of_consistent_files_and_bad_arguments(tmp_path):
    (tmp_path / "a.txt").write_text("They differed, t(48) = 2.31, p = .025.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("No statistics here.", encoding="utf-8")
    audit = check_folder(tmp_path, progress=False)
    assert audit.consistent and audit.files["results"].tolist() == [1, 0]
    with pytest.raises(InputError, match="not a folder"):
        check_folder(tmp_path / "a.txt")
    with pytest.raises(InputError, match="alpha"):
        check_folder(tmp_path, alpha=2)


def test_long_text_is_checked_in_pieces_with_the_same_offsets_and_lines(tmp_path):
    # 3 x 260,000 characters: checked as pieces of 200,000 to 400,000 characters cut at paragraph ends
    block = "Filler words in a line.\n" * 10_000 + "\nThey differed, t(48) = 2.31, p = .025.\n\n" + "x\n" * 10_000
    path = tmp_path / "long.txt"
    path.write_text(block * 3, encoding="utf-8")
    res = check_file(path)
    text = block * 3
    assert res["raw"].tolist() == ["t(48) = 2.31, p = .025"] * 3
    assert [text[s:e] for s, e in zip(res["start"], res["end"])] == res["raw"].tolist()
    per_block = block.count("\n")
    assert res["line"].tolist() == [10_002 + k * per_block for k in range(3)]
    with pytest.raises(InputError, match=r"long\.txt: checking took too long \(\d"):
        check_file(path, timeout=1e-3)


def test_progress_line_only_on_a_terminal_after_the_delay():
    import io

    from mixedmethods.audit._batch import Progress

    stream = io.StringIO()
    bar = Progress(3, show=True, stream=stream, delay=0)
    bar.update(1, os.path.join("papers", "a.pdf"), 0)
    bar.close()
    line = "audit: 1/3 files, 0 with inconsistencies (a.pdf)"
    assert stream.getvalue() == "\r" + line + "\r" + " " * len(line) + "\r"
    quiet = Progress(3, stream=io.StringIO(), delay=0)  # show=None: a StringIO is not a terminal
    quiet.update(1, "a.pdf", 0)
    assert quiet.stream.getvalue() == ""


def test_utf16_text_with_its_bom(tmp_path):
    path = tmp_path / "exported.txt"
    path.write_bytes("\ufeffThey differed, t(48) = 2.31, p = .025.\n".encode("utf-16-le"))
    assert check_file(path)["raw"].tolist() == ["t(48) = 2.31, p = .025"]

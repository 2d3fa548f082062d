"""``mixedmethods reproduce``: every study's report, the closing summary, exit codes, the terminal width."""
import contextlib
import io
import os
import re
import subprocess
import sys

import pytest

from mixedmethods.cli import main


def _reproduce(columns):
    """``COLUMNS=columns mixedmethods reproduce`` (every study): (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLUMNS", str(columns))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["reproduce"])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def reproduce_all():
    """``mixedmethods reproduce`` at 100 columns, run once for this module."""
    return _reproduce(100)


@pytest.fixture(scope="module")
def reproduce_unwrapped():
    """``mixedmethods reproduce`` so wide that nothing wraps: the reference for what narrower output holds."""
    return _reproduce(10_000)


def test_reproduce_all_prints_the_mexico_table(reproduce_all):
    code, out, _ = reproduce_all
    assert code == 0
    assert "mexico-omi" in out
    words = " ".join(out.split())  # as read, whatever the line breaks
    assert "t(93) = 2.53, p = .05" in words and "Student" in out and "Welch" in out
    assert "61 women and 34 men" in words


def test_reproduce_one_study(capsys):
    assert main(["reproduce", "mexico-omi", "--width", "200"]) == 0  # wide: no header wraps
    assert "Wilson 95% CI" in capsys.readouterr().out


def test_unknown_study_exits_2(capsys):
    assert main(["reproduce", "atlantis"]) == 2
    assert "unknown study atlantis" in capsys.readouterr().err


def test_reproduce_all_ends_with_a_summary_of_every_study(reproduce_all):
    from mixedmethods.studies import list_studies

    code, out, _ = reproduce_all
    assert code == 0
    summary = out.split("Summary: the published numbers checked against each other, per study")[1]
    assert len(list_studies()) == 5
    for name in list_studies():
        assert name in summary


def test_reproduce_all_writes_nothing_to_stderr(reproduce_all):
    assert reproduce_all[2] == ""


def test_a_study_that_fails_exits_1_and_the_others_still_print(monkeypatch, capsys):
    from mixedmethods.studies import list_studies, mexico_omi

    def broken():
        raise RuntimeError("data/mexico_omi is unreadable")

    monkeypatch.setattr(mexico_omi, "reproduce", broken)
    assert main(["reproduce"]) == 1
    captured = capsys.readouterr()
    assert "mexico-omi" in captured.err and "RuntimeError: data/mexico_omi is unreadable" in captured.err
    for name in list_studies():
        if name != "mexico-omi":
            assert f"\n{name}: " in captured.out  # each other study's report heading
    assert "Summary: the published numbers checked against each other, per study" in captured.out


def test_a_failed_study_is_reported_with_ok_false(monkeypatch, capsys):
    from mixedmethods.cli.reproduce import run_study
    from mixedmethods.studies import review_table6

    def broken():
        raise ValueError("no table")

    monkeypatch.setattr(review_table6, "reproduce", broken)
    report = run_study("review-table6")
    assert not report.ok
    assert report.name == "review-table6" and report.title == review_table6.TITLE
    assert "ValueError: no table" in report.to_text()
    assert "review-table6" in capsys.readouterr().err
    assert main(["reproduce", "review-table6"]) == 1
    assert main(["reproduce", "norway"]) == 0


def _numbers(text):
    """Every whitespace-separated word holding a digit."""
    return {word for word in text.split() if any(ch.isdigit() for ch in word)}


@pytest.mark.parametrize("columns", [80, 100])
def test_reproduce_fits_the_terminal_width_and_cuts_no_number(columns, reproduce_unwrapped):
    code, out, err = _reproduce(columns)
    assert code == 0 and err == ""
    lines = out.split("\n")
    # awk's length (mawk) counts bytes: lines fit by that measure too
    assert max(len(line.encode("utf-8")) for line in lines) <= columns
    # words are wrapped whole: every number of the unwrapped output is there and none is split across
    # lines (a split number would leave pieces that the unwrapped output does not hold)
    assert _numbers(out) == _numbers(reproduce_unwrapped[1])
    assert out.rstrip().endswith("A study whose numbers do not agree has a section 'What does not add up' above.")
    assert "Summary: the published numbers checked against each other, per study" in out


def test_piped_output_without_columns_is_100_wide_and_has_no_colour_codes():
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run([sys.executable, "-m", "mixedmethods", "reproduce", "mexico-omi"],
                         capture_output=True, text=True, check=True, env=env, encoding="utf-8").stdout
    assert "OMI items by sex" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "\x1b[" not in out


def test_width_option_overrides_columns(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["reproduce", "mexico-omi", "--width", "72"]) == 0
    out = capsys.readouterr().out
    assert max(len(line.encode("utf-8")) for line in out.splitlines()) <= 72
    assert re.search(r"t\(93\) = 2\.53", out)

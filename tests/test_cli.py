"""The command line: `mixedmethods reproduce` and `mixedmethods studies`."""
import contextlib
import io
import subprocess
import sys

import pytest

from mixedmethods.cli import main


@pytest.fixture(scope="module")
def reproduce_all():
    """``mixedmethods reproduce`` (every study) run once for this module: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["reproduce"])
    return code, out.getvalue(), err.getvalue()


def test_reproduce_all_prints_the_mexico_table(reproduce_all):
    code, out, _ = reproduce_all
    assert code == 0
    assert "mexico-omi" in out
    assert "t(93) = 2.53, p = .05" in out and "Student" in out and "Welch" in out
    assert "61 women and 34 men" in out


def test_reproduce_one_study(capsys):
    assert main(["reproduce", "mexico-omi"]) == 0
    assert "Wilson 95% CI" in capsys.readouterr().out


def test_unknown_study_exits_2(capsys):
    assert main(["reproduce", "atlantis"]) == 2
    assert "unknown study atlantis" in capsys.readouterr().err


def test_studies_lists_the_bundled_studies(capsys):
    assert main(["studies"]) == 0
    assert "mexico-omi" in capsys.readouterr().out


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "reproduce" in capsys.readouterr().out


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "mixedmethods", "reproduce", "mexico-omi"],
                         capture_output=True, text=True, check=True)
    assert "OMI items by sex" in out.stdout


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
    from mixedmethods import cli
    from mixedmethods.studies import review_table6

    def broken():
        raise ValueError("no table")

    monkeypatch.setattr(review_table6, "reproduce", broken)
    report = cli._run_study("review-table6")
    assert not report.ok
    assert report.name == "review-table6" and report.title == review_table6.TITLE
    assert "ValueError: no table" in report.to_text()
    assert "review-table6" in capsys.readouterr().err
    assert main(["reproduce", "review-table6"]) == 1
    assert main(["reproduce", "norway"]) == 0

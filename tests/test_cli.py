"""The command line: `mixedmethods reproduce` and `mixedmethods studies`."""
import subprocess
import sys

from mixedmethods.cli import main


def test_reproduce_all_prints_the_mexico_table(capsys):
    assert main(["reproduce"]) == 0
    out = capsys.readouterr().out
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


def test_reproduce_all_ends_with_a_summary_of_every_study(capsys):
    from mixedmethods.studies import list_studies

    assert main(["reproduce"]) == 0
    out = capsys.readouterr().out
    summary = out.split("Summary: the published numbers checked against each other, per study")[1]
    assert len(list_studies()) == 5
    for name in list_studies():
        assert name in summary

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
    assert "no sampling intervals" in capsys.readouterr().out


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


def test_a_study_that_fails_exits_2_and_the_others_still_print(monkeypatch, capsys):
    from mixedmethods.studies import list_studies, mexico_omi

    def broken():
        raise RuntimeError("data/mexico_omi is unreadable")

    monkeypatch.setattr(mexico_omi, "reproduce", broken)
    assert main(["reproduce"]) == 2
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
    assert main(["reproduce", "review-table6"]) == 2
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


# --------------------------------------------------------------------------- a user's CSV file
T_TESTS = """comparison,mean1,sd1,n1,mean2,sd2,n2,t,df,p
pigs can fly,5.19,1.34,28,3.86,1.41,27,3.59,53,< .001
item 1,2.78,2.30,61,1.5,2.14,34,2.53,93,.05
"""
COUNTS = """comparison,group,level,n,percent,p
smoker,women,yes,12,70.6,.039
smoker,women,no,5,29.4,
smoker,men,yes,6,35.3,
smoker,men,no,11,64.7,
"""
ANOVA = """group,mean,sd,n,F,df1,df2,p
ctrl,5.03,0.58,10,4.85,2,27,.016
trt1,4.66,0.79,10,,,,
trt2,5.53,0.44,10,,,,
"""
ONE_SAMPLE = """comparison,mean,sd,n,mu,t,df,p
score vs 3,3.40,0.90,25,3,2.22,24,.036
"""
PAIRED = """comparison,mean_before,sd_before,mean_after,sd_after,n,t,df,p,r
anxiety,4.10,1.20,3.60,1.10,30,-3.00,29,.001,.70
"""


def _run_file(tmp_path, capsys, text, *extra, name="table.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code = main(["reproduce", str(path), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_ttest_file_prints_verdicts_and_exits_1_when_something_cannot_be_true(tmp_path, capsys):
    code, out, err = _run_file(tmp_path, capsys, T_TESTS)
    assert code == 1 and err == ""
    words = " ".join(out.split())
    assert ("2 printed comparisons re-run as two-group t-tests (mixedmethods.reproduce_ttests); 1 with a "
            "number that cannot be true.") in words
    assert "pigs can fly student, welch" in words
    assert "t = 2.53 cannot be true: it should have been 2.66" in words
    assert all(len(line.encode()) <= 100 for line in out.splitlines())


def test_a_file_whose_numbers_can_all_be_true_exits_0(tmp_path, capsys):
    code, out, _ = _run_file(tmp_path, capsys, T_TESTS.splitlines()[0] + "\n" + T_TESTS.splitlines()[1] + "\n")
    assert code == 0 and "0 with a number that cannot be true" in " ".join(out.split())


def test_counts_with_printed_p_in_the_same_file_or_a_second(tmp_path, capsys):
    code, out, _ = _run_file(tmp_path, capsys, COUNTS)
    assert code == 0 and "smoker pearson yes" in " ".join(out.split())
    second = tmp_path / "p.csv"
    second.write_text("comparison,p\nsmoker,.039\n", encoding="utf-8")
    cells = "\n".join(line.rsplit(",", 1)[0] for line in COUNTS.splitlines()) + "\n"
    code, out, _ = _run_file(tmp_path, capsys, cells, "--printed", str(second), name="cells.csv")
    assert code == 0 and "smoker pearson yes" in " ".join(out.split())
    bad_percent = COUNTS.replace("11,64.7", "11,65.7")
    code, out, _ = _run_file(tmp_path, capsys, bad_percent)
    assert code == 1 and "65.7% cannot be true: it should have been 64.7%" in " ".join(out.split())


CORRELATION = """comparison,r,n,p
age and score,.32,50,.023
"""


@pytest.mark.parametrize("text, kind, function", [
    (ANOVA, "ANOVA", "reproduce_anova"),
    (CORRELATION, "correlations", "reproduce_correlation"),
    (ONE_SAMPLE, "one-sample t-tests", "reproduce_one_sample"),
    (PAIRED, "paired t-tests", "reproduce_paired"),
])
def test_the_columns_choose_the_function(tmp_path, capsys, text, kind, function):
    code, out, err = _run_file(tmp_path, capsys, text)
    assert code in (0, 1) and err == ""
    assert f"re-run as {kind} (mixedmethods.{function})" in " ".join(out.split())


def test_unknown_columns_and_unreadable_files_exit_2_with_one_line(tmp_path, capsys):
    code, out, err = _run_file(tmp_path, capsys, "x,y\n1,2\n")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "the columns of" in err and "(x, y) fit no table" in err
    code = main(["reproduce", str(tmp_path / "missing.csv")])
    out, err = capsys.readouterr()
    assert code == 2 and err.startswith("mixedmethods: cannot read file") and len(err.strip().splitlines()) == 1
    code, _, err = _run_file(tmp_path, capsys, T_TESTS.replace("1.34", "-1.34"))
    assert code == 2 and "sd1 = -1.34" in err and len(err.strip().splitlines()) == 1
    code, _, err = _run_file(tmp_path, capsys, b"\xff\xfe\x00".decode("latin-1"), name="binary.csv")
    assert code == 2


def test_help_documents_the_file_columns(capsys):
    with pytest.raises(SystemExit):
        main(["reproduce", "--help"])
    out = capsys.readouterr().out
    assert "comparison, group, level, n [, percent]" in out and "--printed" in out


def test_a_file_too_large_or_a_missing_printed_file_exits_2_with_one_line(tmp_path, capsys):
    code, out, err = _run_file(tmp_path, capsys, T_TESTS + "x" * 20_000_001, name="huge.csv")
    assert code == 2 and out == ""
    assert err == f"mixedmethods: file {tmp_path / 'huge.csv'} is larger than 20 MB; a printed table is expected.\n"
    cells = "\n".join(line.rsplit(",", 1)[0] for line in COUNTS.splitlines()) + "\n"
    code, out, err = _run_file(tmp_path, capsys, cells, "--printed", str(tmp_path / "none.csv"), name="cells.csv")
    assert code == 2 and out == "" and err.startswith(f"mixedmethods: cannot read --printed file {tmp_path / 'none.csv'}")
    assert len(err.strip().splitlines()) == 1

"""Exit codes of every subcommand: 0 consistent, 1 inconsistent, 2 on any error with one line and no traceback."""
import subprocess
import sys

import pytest

from mixedmethods.cli import main


def _run(*argv, timeout=120):
    """``python -m mixedmethods ARGV`` in a subprocess, killed after ``timeout`` s: (code, stdout, stderr)."""
    done = subprocess.run([sys.executable, "-m", "mixedmethods", *argv], capture_output=True, text=True,
                          timeout=timeout)
    return done.returncode, done.stdout, done.stderr


def _one_line_no_traceback(err):
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def _main(capsys, *argv):
    """``main(argv)`` in this process: (code, stdout, stderr); a usage error's SystemExit gives its code."""
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_audit_exit_codes_0_1_2(tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("t(48) = 2.31, p = .025", encoding="utf-8")
    bad.write_text("t(93) = 2.53, p = .05", encoding="utf-8")
    assert _main(capsys, "audit", str(good))[0] == 0
    assert _main(capsys, "audit", str(bad))[0] == 1
    code, out, err = _run("audit", str(tmp_path / "absent.txt"))  # a real process: no traceback anywhere
    assert code == 2 and str(tmp_path / "absent.txt") in err
    _one_line_no_traceback(err)


def test_a_p_value_with_a_very_long_exponent_is_inconsistent_not_a_crash(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text("t(20) = 2.1, p = 1e-" + "9" * 5000, encoding="utf-8")
    code, out, err = _run("audit", str(path))
    assert code == 1 and err == "" and "1 inconsistent" in out


@pytest.mark.parametrize("argv", [["audit", "x.txt", "--alpha", "2"], ["audit"], ["audit", "x.txt", "--format", "xml"],
                                  ["reproduce", "--width", "zero"], ["nonsense"]])
def test_usage_errors_exit_2_with_one_line(argv, capsys):
    code, out, err = _main(capsys, *argv)
    assert code == 2 and out == "" and "--help" in err
    _one_line_no_traceback(err)


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"mean1,sd1,mean2,sd2\nx,y,z,w\n"])
def test_reproduce_a_bad_file_exits_2_with_one_line(tmp_path, content, capsys):
    path = tmp_path / "table.csv"
    path.write_bytes(content)
    code, out, err = _main(capsys, "reproduce", str(path))
    assert code == 2 and str(path) in err
    _one_line_no_traceback(err)


def test_an_unexpected_error_in_a_subcommand_exits_2_with_one_line(monkeypatch, capsys):
    import mixedmethods.audit as audit

    def broken(*args, **kwargs):
        raise ArithmeticError("something went wrong inside")

    monkeypatch.setattr(audit, "check", broken)
    assert main(["audit", "-"]) == 2
    err = capsys.readouterr().err
    assert err == "mixedmethods audit: ArithmeticError: something went wrong inside\n"

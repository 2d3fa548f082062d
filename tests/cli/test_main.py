"""The ``mixedmethods`` entry points: ``main``, ``python -m mixedmethods``, help and version."""
import subprocess
import sys

import pytest

from mixedmethods.cli import build_parser, main


def test_no_command_prints_help(capsys):
    assert main([]) == 2
    assert "reproduce" in capsys.readouterr().out


def test_python_dash_m_entry_point():
    out = subprocess.run([sys.executable, "-m", "mixedmethods", "reproduce", "mexico-omi"],
                         capture_output=True, text=True, check=True)
    assert "OMI items by sex" in out.stdout


def test_every_subcommand_is_registered(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    for command in ("reproduce", "studies", "audit"):
        assert command in help_text


def test_version(capsys):
    from mixedmethods import __version__

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"mixedmethods {__version__}"


def test_dir_shows_the_public_api_only():
    import mixedmethods.cli as cli

    assert dir(cli) == ["build_parser", "main"]

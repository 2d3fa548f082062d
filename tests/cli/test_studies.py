"""``mixedmethods studies``: the bundled studies, at the terminal's width."""
from mixedmethods.cli import main


def test_studies_lists_the_bundled_studies(capsys):
    assert main(["studies"]) == 0
    assert "mexico-omi" in capsys.readouterr().out


def test_studies_fits_the_width(monkeypatch, capsys):
    from mixedmethods.studies import list_studies

    monkeypatch.setenv("COLUMNS", "60")
    assert main(["studies"]) == 0
    out = capsys.readouterr().out
    assert max(len(line.encode("utf-8")) for line in out.splitlines()) <= 60
    for name in list_studies():
        assert name in out

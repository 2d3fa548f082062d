"""The command line's tests run at a known width: 100 columns unless a test sets its own."""
import pytest


@pytest.fixture(autouse=True)
def _columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")

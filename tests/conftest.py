"""Fixtures shared by several test modules."""
import pandas as pd
import pytest


@pytest.fixture
def crosstab_table():
    """A crosstab-shaped table: two themes by two groups, one count missing (suppressed)."""
    return pd.DataFrame({
        "code": ["cost", "cost", "time", "time"],
        "group": ["day", "night", "day", "night"],
        "n_participants": pd.array([3, 5, pd.NA, 2], dtype="Int64"),
        "group_size": [10, 8, 10, 8],
    })


@pytest.fixture
def load_calls(monkeypatch):
    """``load_calls(module)``: record every ``load_study`` call a study module makes, in the returned list."""

    def watch(module):
        calls = []
        real = module.load_study

        def counting(name, **kwargs):
            calls.append((name, kwargs))
            return real(name, **kwargs)

        monkeypatch.setattr(module, "load_study", counting)
        return calls

    return watch

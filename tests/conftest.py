"""Fixtures shared by several test modules."""
from pathlib import Path

import pandas as pd
import pytest

#: The source studies, when ../shared/seeds sits beside this checkout (CI); absent on a plain clone.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture
def seed_text():
    """``seed_text(file)``: the text of a source study in ../shared/seeds; skips the test without it."""

    def read(name):
        path = SEEDS / name
        if not path.is_file():
            pytest.skip("../shared/seeds is not beside this checkout")
        return path.read_text(encoding="utf-8")

    return read


@pytest.fixture
def crosstab_table():
    """A crosstab-shaped table: two themes by two groups, one count missing (suppressed)."""
    return pd.DataFrame({
        "code": ["cost", "cost", "time", "time"],
        "group": ["day", "night", "day", "night"],
        "n_participants": pd.array([3, 5, pd.NA, 2], dtype="Int64"),
        "denominator": [10, 8, 10, 8],
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


@pytest.fixture
def report_numbers():
    """``report_numbers(text, html=False)``: every number a reader sees, sorted, to compare two renderings.

    With ``html=True``, ``text`` is an HTML report and only its ``<main>`` counts (not the title,
    contents, status line or footer), figures left out.
    """
    import re
    from html.parser import HTMLParser

    class Visible(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.figure, self.parts = 0, 0, []

        def handle_starttag(self, tag, attrs):
            self.inside += tag == "main"
            self.figure += tag == "figure"

        def handle_endtag(self, tag):
            self.inside -= tag == "main"
            self.figure -= tag == "figure"

        def handle_data(self, data):
            if self.inside and not self.figure:
                self.parts.append(data)

    def numbers(text, html=False):
        if html:
            parser = Visible()
            parser.feed(text)
            text = " ".join(parser.parts)
        return sorted(re.findall(r"\d+(?:\.\d+)?", text))

    return numbers

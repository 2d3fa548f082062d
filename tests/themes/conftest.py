"""Fixtures of the themes tests: a small coded project, hand-countable."""
import pandas as pd
import pytest


@pytest.fixture
def segments():
    # P1: two segments of "support / family" (counted once) and one span coded twice
    # P2: "support / friends"; P3: "barrier"; P4 and P5 are never coded.
    return pd.DataFrame({
        "participant": ["P1", "P1", "P1", "P1", "P2", "P3"],
        "code": ["family", "family", "friends", "barrier", "friends", "barrier"],
        "code_path": ["support / family", "support / family", "support / friends", "barrier",
                      "support / friends", "barrier"],
        "source": ["i1", "i1", "i1", "i1", "i2", "i3"],
        "start": [0, 50, 50, 80, 0, 0],
        "end": [10, 60, 60, 90, 10, 10],
    })


@pytest.fixture
def people():
    return pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
                         "shift": ["night", "night", "day", "day", "day"]})

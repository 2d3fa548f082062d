"""Loads the suite's Hypothesis profile (_profile.py) and prints examples and seconds per property."""
import re
import time

import pytest
from hypothesis import settings

from ._profile import EXAMPLES

settings.load_profile("mixedmethods-ci")

_RUNS = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    started = time.perf_counter()
    yield
    if item.path.parent.name == "properties":
        stats = getattr(item, "hypothesis_statistics", None)
        passing = sum(int(n) for n in re.findall(r"(\d+) passing", stats or ""))
        _RUNS[item.nodeid.split("::", 1)[-1]] = (passing if stats is not None else None,
                                                 time.perf_counter() - started)


def pytest_terminal_summary(terminalreporter):
    if not _RUNS:
        return
    write = terminalreporter.write_line
    terminalreporter.write_sep("-", f"property suite (derandomized, at most {EXAMPLES} examples per property)")
    for name, (passing, seconds) in sorted(_RUNS.items()):
        if passing is not None:
            write(f"{passing:5d} examples  {seconds:6.2f} s  {name}")
    single = [r[1] for r in _RUNS.values() if r[0] is None]
    properties = [r for r in _RUNS.values() if r[0] is not None]
    write(f"{len(properties)} properties, {sum(r[0] for r in properties)} generated examples, "
          f"{sum(r[1] for r in properties):.1f} s; {len(single)} single-case tests (reproducers), {sum(single):.1f} s")

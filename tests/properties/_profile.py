"""The property suite's Hypothesis profile (loaded by conftest.py) and per-property example counts.

The profile is deterministic (``derandomize=True``: the same examples on
every run and machine, no example database) and bounded: each property runs
at most :data:`EXAMPLES` examples unless it asks for fewer with
:func:`examples`, so the suite fits the CI budget.  ``MIXEDMETHODS_EXAMPLES=N``
scales every bound by ``N / EXAMPLES`` for a deeper local run, e.g.
``MIXEDMETHODS_EXAMPLES=1000 pytest tests/properties``.
"""
import os

from hypothesis import HealthCheck, settings

#: Examples per property in CI.
EXAMPLES = 40
SCALE = int(os.environ.get("MIXEDMETHODS_EXAMPLES", EXAMPLES)) / EXAMPLES

settings.register_profile(
    "mixedmethods-ci",
    derandomize=True,
    database=None,
    deadline=None,  # two shared cores: timing noise is no failure (time limits are tested apart)
    max_examples=max(1, round(EXAMPLES * SCALE)),
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def examples(n, **options):
    """Settings for a property that runs ``n`` examples in CI (scaled like the others), and other ``options``."""
    return settings(max_examples=max(1, round(n * SCALE)), **options)

"""Run a snippet in a fresh interpreter under a wall-clock limit the test enforces (issue 16)."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

#: Importing pandas and the package in a fresh interpreter, on a loaded machine.
IMPORT_SLACK = 20.0


def run_within(seconds, code):
    """Run ``code`` (which sets ``result``, JSON-able) in a subprocess killed after ``seconds`` + slack.

    Returns ``result`` plus ``peak_mb`` (the process's peak resident memory, imports included).  A hang fails the
    test with subprocess.TimeoutExpired rather than stalling the suite.
    """
    script = "\n".join([
        "import json, resource, warnings",
        "warnings.simplefilter('ignore')",
        "import pandas, mixedmethods.audit",
        textwrap.dedent(code),
        "result['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024",
        "print(json.dumps(result))",
    ])
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=seconds + IMPORT_SLACK, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])

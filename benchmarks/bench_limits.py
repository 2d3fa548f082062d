"""Time and peak memory of the audit searches (and tally) at 10x, 100x and 1,000x the bundled studies.

Run from the repository root after ``python3 tasks.py test`` has set up ``.venv``::

    .venv/bin/python benchmarks/bench_limits.py

Issue 16 asks that every function that searches or enumerates honours a
time limit stated in its docstring and keeps its memory bounded.  This
script runs each call below in a fresh interpreter and prints its wall
time and the growth of the resident high-water mark over the interpreter
after its imports (``VmHWM`` of ``/proc/self/status`` on Linux, which unlike
``ru_maxrss`` is not inherited from the parent; ``ru_maxrss`` elsewhere),
beside the limits the functions state, and says whether any exceeds them:

* ``sprite`` (limit ``max_seconds``, 10 s by default; working memory
  chains x levels plus the k x n answers returned) on the Mexico study's
  0-5 scale (M 2.79, SD 2.30; n = 61 and 95 in the study: here
  950, 9,500, 95,000) and on the Japan study's 112-185 minute scale (11
  meetings: here 110, 1,100, 11,000; M 145.30, SD 20.00), ``k = 10``;
* ``feasible_group_sizes`` (60 s; at most 1,000,000 splits, about 1 KB
  each) on the Mexico t-test of item 4 (M 3.77 / 3.33, SD 0.84 / 1.15,
  t = -2.12, df = 88) with 95 participants in the study: here 950,
  9,500 and 95,000;
* ``grimmer`` (60 s; chunks of 262,144 totals) on the 8 printed (mean, SD)
  pairs of the Mexico OMI t-tests at n = 61 / 34: here the rows repeated
  10, 100 and 1,000 times with n multiplied alike;
* ``mixedmethods.themes.tally`` (no limit stated: it neither searches nor
  enumerates) on SYNTHETIC seeded segments shaped like the Japan study's
  40 segments of 10 participants and 30 codes: here 400, 4,000 and 40,000
  segments of 100, 1,000 and 10,000 participants.

The machine may be shared: the time column is one run's wall time, so a
loaded machine inflates it; the limit is what the function enforces.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

_CHILD = """
import json, sys, time, warnings
import numpy, pandas, mixedmethods.audit, mixedmethods.themes
sys.path.insert(0, "benchmarks")
from _rss import maxrss_mib

setup, call = sys.argv[1], sys.argv[2]
namespace = {"np": numpy, "pd": pandas, "audit": mixedmethods.audit, "themes": mixedmethods.themes}
exec(setup, namespace)
before = maxrss_mib()
started = time.perf_counter()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    out = eval(call, namespace)
seconds = time.perf_counter() - started
incomplete = any("incomplete" in str(w.message) for w in caught)
print(json.dumps({"seconds": seconds, "mib": maxrss_mib() - before, "rows": len(out), "incomplete": incomplete}))
"""

#: The Mexico OMI t-tests' printed means and SDs (women n = 61, men n = 34), read from data/mexico_omi.
_MEXICO_ITEMS = """
table = pd.read_csv("data/mexico_omi/omi_ttests.csv", dtype=str)
means = table["mean1"].tolist() + table["mean2"].tolist()
sds = table["sd1"].tolist() + table["sd2"].tolist()
ns = [61] * len(table) + [34] * len(table)
"""

_SEGMENTS = """
rng = np.random.default_rng(16)
rows, people = {rows}, {people}
codes = [f"theme {{i // 10}} / code {{i}}" for i in range(30)]
segments = pd.DataFrame({{
    "participant": [f"P{{i}}" for i in rng.integers(0, people, rows)],
    "code": rng.choice(codes, rows),
}})
segments["code_path"] = segments["code"]
segments["synthetic"] = True
"""


def cases():
    """(function, size label, setup code, call, stated limit in seconds, stated memory note)."""
    for factor in (10, 100, 1000):
        n = 95 * factor
        yield ("sprite 0-5", f"n = {n:,}", "",
               f"audit.sprite('2.79', '2.30', {n}, scale_min=0, scale_max=5, k=10, seed=1, progress=False)",
               10.0, "chains x 6 levels + k x n")
    for factor in (10, 100, 1000):
        n = 11 * factor
        yield ("sprite 112-185", f"n = {n:,}", "",
               f"audit.sprite('145.30', '20.00', {n}, scale_min=112, scale_max=185, k=10, seed=1, progress=False)",
               10.0, "chains x 74 levels + k x n")
    for factor in (10, 100, 1000):
        n = 95 * factor
        yield ("feasible_group_sizes", f"n_total = {n:,}", "",
               f"audit.feasible_group_sizes('3.77', '0.84', '3.33', '1.15', t='-2.12', df='88', "
               f"n_total={n}, scale_min=0, scale_max=5)",
               60.0, "1,000,000 splits x 1 KB")
    for factor in (10, 100, 1000):
        yield ("grimmer", f"{8 * factor:,} rows, n x {factor}", _MEXICO_ITEMS,
               f"audit.grimmer(means * {factor}, sds * {factor}, [x * {factor} for x in ns] * {factor})",
               60.0, "262,144 totals a chunk")
    for factor in (10, 100, 1000):
        yield ("tally (synthetic)", f"{40 * factor:,} segments", _SEGMENTS.format(rows=40 * factor, people=10 * factor),
               "themes.tally(segments)", None, "none stated")


def run(setup, call):
    done = subprocess.run([sys.executable, "-c", _CHILD, setup, call], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, check=False)
    if done.returncode:
        raise SystemExit(f"{call} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main():
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"bench_limits: one run each, fresh interpreter; load average {load:.1f} on {os.cpu_count()} cores")
    header = f"{'function':<22} {'size':<22} {'time s':>8} {'limit s':>8} {'peak MiB':>9}  {'memory budget':<26} note"
    print(header)
    print("-" * len(header))
    over = []
    for name, size, setup, call, limit, memory in cases():
        r = run(setup, call)
        note = "incomplete (stopped at its limit, said so)" if r["incomplete"] else f"{r['rows']:,} rows"
        limit_text = "—" if limit is None else f"{limit:g}"
        print(f"{name:<22} {size:<22} {r['seconds']:>8.2f} {limit_text:>8} {r['mib']:>9.1f}  {memory:<26} {note}",
              flush=True)
        # a search may overrun its limit by the step it is in; more than 2x would be a failure to honour it
        if limit is not None and r["seconds"] > 2 * limit:
            over.append(f"{name} at {size}: {r['seconds']:.1f} s against {limit:g} s")
    print()
    print("none exceeds its limit" if not over else "OVER THE LIMIT: " + "; ".join(over))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

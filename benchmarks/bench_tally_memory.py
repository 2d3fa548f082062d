"""Time and peak memory of ``mixedmethods.themes.tally`` at 10**6 and 10**7 coded segments.

Run from the repository root::

    .venv/bin/python benchmarks/bench_tally_memory.py            # 10**6 and 10**7 rows
    .venv/bin/python benchmarks/bench_tally_memory.py 1000000    # one size

Each size runs in a fresh interpreter: it builds a synthetic project (seeded
NumPy draws; 10,000 participants per 10**6 rows, 200 codes, 20 parents of 10
children each, one source per participant, start/end positions, string
columns as pandas 3 gives them when read from a CSV, then the same with
categorical participant, code and source columns, as
``read_csv(..., dtype={"participant": "category", ...})`` gives them), then times one
``tally(segments, participants=people)`` and measures its peak memory: the
growth of the resident high-water mark (``VmHWM`` of ``/proc/self/status``,
Linux) over the resident size just before the call, after the high-water
mark was reset (``/proc/self/clear_refs``, value 5), so that building the
data does not count.  The ratio printed is peak memory over the size of the
segments table itself (``memory_usage(deep=True)``): a bounded tally stays
below a small multiple of its input.

All data are synthetic: there is no public project of this size.
"""
from __future__ import annotations

import subprocess
import sys
import time

import numpy as np
import pandas as pd
from _rss import status_bytes

SEED = 2026
SIZES = (1_000_000, 10_000_000)


def synthetic(n_rows, seed=SEED, categorical=False):
    rng = np.random.default_rng(seed)
    n_people = max(10, n_rows // 100)
    paths = np.asarray([f"theme{i // 10} / code{i}" for i in range(200)], dtype=object)
    ids = np.asarray([f"P{i:07d}" for i in range(n_people)], dtype=object)
    who = rng.integers(0, n_people, n_rows)
    start = rng.integers(0, 50_000, n_rows)
    segments = pd.DataFrame({
        "participant": pd.array(ids[who], dtype="str"),
        "code_path": pd.array(paths[rng.integers(0, 200, n_rows)], dtype="str"),
        "source": pd.array(ids[who], dtype="str"),
        "start": start,
        "end": start + rng.integers(1, 500, n_rows),
    })
    segments["code"] = segments["code_path"].str.split(" / ").str[-1]
    people = pd.DataFrame({"participant": pd.array(ids, dtype="str")})
    if categorical:
        for col in ("participant", "code_path", "code", "source"):
            segments[col] = segments[col].astype("category")
    return segments, people


def one(n_rows, categorical):
    from mixedmethods.themes import tally

    segments, people = synthetic(n_rows, categorical=categorical)
    size = int(segments.memory_usage(deep=True).sum())
    tally(segments.head(1000), participants=people)  # warm-up: imports
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    before = status_bytes("VmRSS")
    t0 = time.perf_counter()
    tally(segments, participants=people)
    seconds = time.perf_counter() - t0
    peak = status_bytes("VmHWM") - before
    kind = "categorical" if categorical else "str"
    print(f"{n_rows:>12,} rows, {kind:<11}  {seconds:7.2f} s  peak +{peak / 2**20:8.0f} MiB  "
          f"(segments table {size / 2**20:.0f} MiB; peak/table {peak / size:.2f})")


def main(argv):
    if len(argv) == 3 and argv[0] == "--one":
        one(int(argv[1]), argv[2] == "categorical")
        return
    sizes = [int(a) for a in argv] or SIZES
    print("tally(segments, participants=people): time and peak memory over the RSS before the call")
    for n in sizes:
        for kind in ("str", "categorical"):
            subprocess.run([sys.executable, __file__, "--one", str(n), kind], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])

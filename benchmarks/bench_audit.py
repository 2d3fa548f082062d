"""How fast ``mixedmethods.audit`` reads results and runs SPRITE, against pysprite 1.2.1.

Run from the repository root (pysprite is optional; without it its columns
say how to install it)::

    .venv/bin/python benchmarks/bench_audit.py
    .venv/bin/python benchmarks/bench_audit.py --pysprite-python /path/to/other/venv/bin/python

Issue 3, acceptance 4 asks for the time to 1,000 distinct samples for
n = 61, M 2.79, SD 2.30 on 0–5.  Only 77 distinct samples exist there (a
sample is a multiset: distinct as sorted vectors), so this benchmark times

(a) that case: both tools asked for 1,000 (``sprite(k=1000)`` returns all
    77, checked equal to the set found by enumeration; pysprite returns 1,000
    samples with repeats), and pysprite to 77 samples (how many distinct and
    valid) and, if it gets there within a time cap, to all 77 distinct;
(b) 1,000 distinct samples on a nearby case that has enough of them:
    n = 61 on 0–5, the mean printed with one decimal (M 2.8), SD 2.05 (the
    SD nearest 2.30 with at least 2,000 solutions, so that 1,000 is a
    sampling task rather than an exhaustive one);
(c) the impossible summary M 1.00, SD 1.99, n = 34 on 0–5;
(d) ``extract`` + ``check`` on more than 1 MB of text (the fixture corpus
    repeated);
(e) 10 distinct samples on a wide scale: n = 30, M 503.17, SD 201.34 on
    0–1000 (too many samples to enumerate; each sample both tools return is
    checked to print the reported mean and SD, in exact integer arithmetic).

On a scale this narrow ``sprite`` enumerates every sample exactly and draws
``k`` of them (``count_samples`` gives the number); (a) and (b) are also
timed with that switched off, i.e. ``sprite``'s own random SPRITE search,
which is what runs on wide scales or large n.

The solution sets are counted by enumerating every count vector
(c_0, ..., c_5) that sums to n (stars and bars: C(n + 5, 5) of them) and
testing the printed mean and SD with exact integer arithmetic; nothing of
``mixedmethods.audit`` is used for that.

pysprite is called as its own docs and source suggest: ``Sprite(n, mu, sd,
mu_prec, sd_prec, min_val, max_val)`` then ``find_possible_distribution``
in a loop, one sample per call, with both start methods ("maxvar", the
default, and "random", which its docstring recommends).  The batch method
``find_possible_distributions`` does the same restarts but keeps the first
sample's mean for every later one, which is wrong when two totals are
possible; one call per sample avoids that at no cost.  Its SD match is
hard-coded to 2 decimals, so every case here prints the SD with 2 decimals.
pysprite runs in a subprocess with a time cap; the samples it returns are
checked against the enumerated sets: its starting totals run from
floor(n × (M − half a unit)), which here is one below the lowest valid total,
so with init="random" some of its samples print a different mean.
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "audit" / "corpus.txt"

SCALE = (0, 5)
CASE_A = dict(n=61, mean="2.79", sd="2.30")   # the case
CASE_B = dict(n=61, mean="2.8", sd="2.05")    # nearby, with >= 2,000 distinct solutions
CASE_C = dict(n=34, mean="1.00", sd="1.99")   # impossible
CASE_E = dict(n=30, mean="503.17", sd="201.34", low=0, high=1000)   # a wide scale

CAP_A = 10.0    # seconds pysprite gets per start method, case (a)
CAP_B = 15.0    # case (b)
CAP_C = 20.0    # case (c)
CAP_E = 30.0    # case (e)
COLD = """
import time
import numpy
t0 = time.perf_counter()
import mixedmethods.audit as audit
t1 = time.perf_counter()
try:
    audit.sprite(1.00, 1.99, 34, scale_min=0, scale_max=5)
except audit.ImpossibleSummaryError:
    pass
print(t1 - t0, time.perf_counter() - t1)
"""
INSTALL = "pip install pysprite==1.2.1   (it pulls numpy, pandas, matplotlib, seaborn)"


# ---------------------------------------------------------------------------
# Exhaustive enumeration (independent of mixedmethods.audit)
# ---------------------------------------------------------------------------

def compositions(n, width):
    """Every count vector (c_0, ..., c_{width-1}) of whole numbers >= 0 that sums to n."""
    rows = np.zeros((1, 0), dtype=np.int16)
    left = np.array([n], dtype=np.int64)
    for _ in range(width - 1):
        reps = left + 1
        idx = np.repeat(np.arange(rows.shape[0]), reps)
        first = np.repeat(np.cumsum(reps) - reps, reps)
        c = np.arange(idx.size) - first          # 0 .. left, for each partial row
        rows = np.hstack([rows[idx], c[:, None].astype(np.int16)])
        left = left[idx] - c
    out = np.hstack([rows, left[:, None].astype(np.int16)])
    assert out.shape[0] == math.comb(n + width - 1, width - 1)
    return out


def _scaled(printed):
    """'2.79' -> (279, 2): the printed number as an integer and its decimals."""
    whole, _, frac = printed.partition(".")
    return int(whole + frac), len(frac)


class Enumeration:
    """All samples of n answers on low..high, as count vectors, with exact tests of printed M and SD."""

    def __init__(self, n, low, high):
        self.n, self.low = n, low
        self.counts = compositions(n, high - low + 1).astype(np.int64)
        levels = np.arange(low, high + 1)
        self.total = self.counts @ levels
        self.ss = self.counts @ (levels * levels)

    def matching(self, mean, sd):
        """Boolean mask: the sample's mean and SD (n - 1) print as ``mean`` and ``sd``.

        Rounding intervals are closed (a value exactly halfway counts), as in
        ``mixedmethods.audit``; with a square root in the SD, ties do not occur here.
        """
        n, T = self.n, self.total
        m, dm = _scaled(mean)
        s, ds = _scaled(sd)
        # |T/n - m/10^dm| <= 0.5/10^dm
        ok_mean = np.abs(2 * 10**dm * T - 2 * m * n) <= n
        # ((2s-1)/(2*10^ds))^2 <= (nQ - T^2) / (n(n-1)) <= ((2s+1)/(2*10^ds))^2
        v = (n * self.ss - T * T) * (2 * 10**ds) ** 2
        ok_sd = (v >= (2 * s - 1) ** 2 * n * (n - 1)) & (v <= (2 * s + 1) ** 2 * n * (n - 1))
        return ok_mean & ok_sd

    def solutions(self, mean, sd):
        mask = self.matching(mean, sd)
        return {tuple(row) for row in self.counts[mask].tolist()}, self.ss[mask]


class PrintsAs:
    """The count vectors (answers low, low + 1, ...) whose mean and SD print as ``mean`` and ``sd``: a
    container for ``in``, as the enumerated sets are, for scales too wide to enumerate."""

    def __init__(self, mean, sd, low):
        self.mean, self.sd, self.low = mean, sd, low

    def __contains__(self, counts):
        c = np.asarray(counts, dtype=object)   # Python integers: exact
        levels = np.arange(self.low, self.low + c.size).astype(object)
        n, T, Q = int(c.sum()), int(c @ levels), int(c @ (levels * levels))
        (m, dm), (s, ds) = _scaled(self.mean), _scaled(self.sd)
        v = (n * Q - T * T) * (2 * 10**ds) ** 2
        return (abs(2 * 10**dm * T - 2 * m * n) <= n
                and (2 * s - 1) ** 2 * n * (n - 1) <= v <= (2 * s + 1) ** 2 * n * (n - 1))


def as_counts(samples, low, width):
    """Rows of answers -> set of count vectors (multisets)."""
    samples = np.asarray(samples, dtype=np.int64) - low
    return [tuple(np.bincount(row, minlength=width).tolist()) for row in samples]


# ---------------------------------------------------------------------------
# pysprite, in a subprocess
# ---------------------------------------------------------------------------

def worker(spec):
    """Run pysprite and stream one line per result; used via ``--worker JSON``."""
    started = time.perf_counter()
    import pysprite
    from pysprite import Sprite

    imported = time.perf_counter() - started
    np.random.seed(spec["seed"])
    n, low, high = spec["n"], spec["low"], spec["high"]
    mean, dm = float(spec["mean"]), len(spec["mean"].partition(".")[2])
    sd, ds = float(spec["sd"]), len(spec["sd"].partition(".")[2])
    print(json.dumps({"version": pysprite.__version__, "import": imported}), flush=True)
    start = time.perf_counter()
    try:
        s = Sprite(n, mean, sd, dm, ds, low, high)
        if spec["mode"] == "impossible":
            result = s.find_possible_distribution()
            print(json.dumps({"t": time.perf_counter() - start, "status": str(result[0]),
                              "closest_sd": float(result[2])}), flush=True)
            return
        while True:
            status, dist, _ = s.find_possible_distribution(init_method=spec["init"])
            counts = np.bincount(np.asarray(dist, dtype=np.int64) - low, minlength=high - low + 1)
            print(json.dumps({"t": time.perf_counter() - start, "status": str(status),
                              "counts": counts.tolist()}), flush=True)
    except BaseException as exc:  # pysprite raises BaseException and ValueError
        print(json.dumps({"t": time.perf_counter() - start, "error": f"{type(exc).__name__}: {exc}"}),
              flush=True)


def pysprite_available(python):
    try:
        out = subprocess.run([python, "-c", "import pysprite; print(pysprite.__version__)"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def run_pysprite(python, spec, cap, valid=None, goal=None):
    """Start a worker and collect its lines until ``goal`` distinct samples of ``valid`` have come
    (or, without a goal, the first answer), it ends, or it has run ``cap`` seconds."""
    proc = subprocess.Popen([python, __file__, "--worker", json.dumps(spec)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines, found, done, meta = [], set(), threading.Event(), {}

    def read():
        for raw in proc.stdout:
            line = json.loads(raw)
            lines.append(line)
            if "version" in line:
                meta.update(line)
                continue
            if "counts" in line and valid is not None and tuple(line["counts"]) in valid:
                found.add(tuple(line["counts"]))
            if goal is None or len(found) >= goal or line["t"] > cap or "error" in line:
                break
        done.set()

    threading.Thread(target=read, daemon=True).start()
    done.wait(cap + 10.0)  # + interpreter start and imports; the worker's own clock decides above
    timed_out = not done.is_set()
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    return [x for x in lines if "version" not in x], timed_out, proc.stderr.read().strip(), meta


def printed_as(counts, low, decimals_mean):
    """What a sample (count vector) prints as: 'M 2.77, SD 2.30'."""
    c = np.asarray(counts, dtype=float)
    levels = np.arange(low, low + c.size)
    n, total, ss = c.sum(), c @ levels, c @ (levels * levels)
    return f"M {total / n:.{decimals_mean}f}, SD {math.sqrt((ss - total**2 / n) / (n - 1)):.2f}"


def summarise_samples(results, valid_set, goal_samples, goal_distinct, describe):
    """Times to goal_samples samples and goal_distinct distinct valid ones, and what they were."""
    from collections import Counter

    seen, distinct_valid, invalid = set(), set(), Counter()
    out = dict(t_samples=None, n=0, valid=0, distinct=0, distinct_valid=0, t_distinct=None,
               failures=0, error=None, elapsed=0.0, invalid=invalid, t_1000=None, at_1000=None)
    at_goal = None
    for r in results:
        out["elapsed"] = r["t"]
        if "error" in r:
            out["error"] = r["error"]
            break
        if r["status"] != "Success":
            out["failures"] += 1
            continue
        c = tuple(r["counts"])
        out["n"] += 1
        out["valid"] += c in valid_set
        seen.add(c)
        if c in valid_set:
            distinct_valid.add(c)
        else:
            invalid[describe(c)] += 1
        if out["n"] == goal_samples:
            out["t_samples"] = r["t"]
            at_goal = (len(seen), len(distinct_valid), out["valid"])
        if out["n"] == 1000:  # what a request for 1,000 samples gets
            out["t_1000"], out["at_1000"] = r["t"], len(distinct_valid)
        if len(distinct_valid) >= goal_distinct and out["t_distinct"] is None:
            out["t_distinct"] = r["t"]
    out["distinct"], out["distinct_valid"] = len(seen), len(distinct_valid)
    out["at_goal"] = at_goal  # (distinct, distinct valid, valid) among the first goal_samples samples
    return out


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def invalid_line(summary):
    top = summary["invalid"].most_common(3)
    if not top:
        return "      every sample it returned prints the reported mean and SD"
    return (f"      of its {summary['n']:,} samples, these print other values: "
            + "; ".join(f"{k} ({v})" for k, v in top) + ("; ..." if len(summary["invalid"]) > 3 else ""))


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def fmt_s(seconds):
    if seconds is None:
        return "—"
    return f"{seconds * 1e3:.2f} ms" if seconds < 0.1 else f"{seconds:.2f} s"


def table_of_descriptives(rows=100_000, seed=1):
    """Synthetic (seeded) descriptives: each row's mean and SD printed from a real sample of 1-7 answers,
    one row in 20 with its mean's last digit changed (a typo), as strings with 2 decimals."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    n = rng.integers(10, 201, rows)
    answers = rng.integers(1, 8, (rows, 200)).astype(float)
    answers[np.arange(200) >= n[:, None]] = np.nan
    mean = np.nanmean(answers, axis=1)
    sd = np.nanstd(answers, axis=1, ddof=1)
    typo = rng.random(rows) < 0.05
    mean_text = [f"{m + 0.01 * t:.2f}" for m, t in zip(mean, typo)]
    return pd.DataFrame({"mean": mean_text, "sd": [f"{x:.2f}" for x in sd], "n": n})


def bench_check_table(rows=100_000, loop_rows=1_000):
    """Acceptance 4: ``check_table`` on ``rows`` rows against a loop of ``grim``/``grimmer`` calls."""
    from mixedmethods import audit

    table = table_of_descriptives(rows)
    audit.check_table(table.head(100), scale_min=1, scale_max=7)  # warm up
    t_table, res = timed(lambda: audit.check_table(table, scale_min=1, scale_max=7))
    sample = table.head(loop_rows)

    def loop():
        for m, s, k in zip(sample["mean"], sample["sd"], sample["n"]):
            audit.grim(m, int(k))
            audit.grimmer(m, s, int(k))

    t_loop, _ = timed(loop)
    per_row_loop, per_row_table = t_loop / loop_rows, t_table / rows
    print(f"\ncheck_table on {rows:,} rows (synthetic, seeded: means and SDs printed from samples of 1-7 "
          f"answers, 5% with a typo in the mean) with scale 1-7 (GRIM, GRIMMER, SD bounds): {t_table:.2f} s; "
          f"{int((~res['consistent']).sum()):,} rows flagged.")
    print(f"a loop of grim + grimmer calls: {per_row_loop * 1e3:.2f} ms per row (timed on {loop_rows:,} rows), "
          f"{per_row_loop * rows:.0f} s for {rows:,}; ratio {per_row_loop / per_row_table:.0f}x (target 50x).")


def pdf_of_pages(pages=100, seed=2):
    """A synthetic PDF (seeded, made here with matplotlib's PDF backend): ``pages`` pages of 40 lines,
    4 of them APA results (t, F, r, chi2 with random statistics), the rest filler."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    rng = np.random.default_rng(seed)
    filler = "Participants rated each item on a scale from 1 to 7, and the ratings were averaged per person."
    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for page in range(pages):
            fig = plt.figure(figsize=(8.5, 11))
            for line in range(40):
                df = int(rng.integers(10, 200))
                statistic, p = rng.uniform(0.5, 9), rng.uniform(0.001, 0.3)
                text = [f"The groups differed, t({df}) = {statistic / 2:.2f}, p = {p:.3f}.",
                        f"An effect of time, F(2, {df}) = {statistic:.2f}, p < .05.",
                        f"The scores correlated, r({df}) = .{int(statistic * 6) + 10}, p = {p / 3:.2f}.",
                        f"Answers depended on group, \u03c72(3) = {statistic * 1.5:.2f}, p = {p:.2f}.",
                        ][line // 10] if line % 10 == 5 else filler
                fig.text(0.05, 0.96 - 0.023 * line, text, fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()


def bench_files(pages=100):
    """Issue 15, acceptance 4: ``check_file`` pages per second on a PDF made here, and the share of
    text extraction (pypdf); beside it poppler's ``pdftotext`` and R statcheck's ``checkPDF`` if installed."""
    import shutil
    import tempfile

    from mixedmethods import audit
    from mixedmethods.audit._batch import check_path, read_path

    data = pdf_of_pages(pages)
    folder = Path(tempfile.mkdtemp())
    path = folder / "synthetic.pdf"
    path.write_bytes(data)
    audit.check("t(2) = 1, p = .5")  # imports (scipy) not counted
    runs = []
    for _ in range(3):  # check_file's two steps, timed apart
        t_text, (name, doc) = timed(lambda: read_path(path, deadline=None))
        t_check, res = timed(lambda: check_path(name, doc, {}))
        runs.append((t_text + t_check, t_text, res))
    t_file, t_text, res = min(runs, key=lambda x: x[0])
    assert len(audit.check_file(path, timeout=None)) == len(res)
    print(f"\ncheck_file on a {pages}-page PDF (synthetic, seeded, matplotlib: kerned text, one string per few "
          f"letters; {len(data) / 1e6:.2f} MB, {len(doc.text):,} characters, {len(res)} of {4 * pages} results "
          f"found), best of 3: {t_file:.2f} s, {pages / t_file:.1f} pages/s; text extraction (pypdf) "
          f"{t_text:.2f} s = {t_text / t_file:.0%} of it, extract + check {t_file - t_text:.2f} s.")
    if shutil.which("pdftotext"):
        t_poppler, _ = min((timed(lambda: subprocess.run(["pdftotext", str(path), str(folder / "out.txt")],
                                                          check=True)) for _ in range(3)), key=lambda x: x[0])
        print(f"pdftotext (poppler, C; what statcheck uses): {t_poppler:.2f} s, {pages / t_poppler:.1f} pages/s "
              f"(pypdf/pdftotext: {t_text / t_poppler:.1f}x).")
    else:
        print("pdftotext (poppler) is not installed: no comparison (apt-get install poppler-utils).")
    script = f"suppressMessages(library(statcheck)); t <- system.time(r <- checkPDF('{path}', messages = FALSE)); " \
             "cat(t[['elapsed']], nrow(r))"
    if shutil.which("Rscript") and shutil.which("pdftotext"):
        done = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, timeout=600)
        if done.returncode == 0 and done.stdout.split():
            seconds, found = done.stdout.split()[-2:]
            print(f"R statcheck 1.4.0 checkPDF (pdftotext + its regular expressions, R started and loaded "
                  f"beforehand): {float(seconds):.2f} s, {pages / float(seconds):.1f} pages/s, {found} results "
                  f"(check_file/statcheck time: {t_file / float(seconds):.1f}x).")
        else:
            print("R statcheck: not measured (" + (done.stderr.strip().splitlines() or ["no output"])[-1] + ")")
    shutil.rmtree(folder)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pysprite-python", default=sys.executable,
                        help="interpreter that has pysprite 1.2.1 (default: this one)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--table-only", action="store_true", help="only time check_table (acceptance 4)")
    parser.add_argument("--files-only", action="store_true", help="only time check_file on a 100-page PDF")
    args = parser.parse_args()
    if args.worker:
        worker(json.loads(args.worker))
        return
    if args.table_only:
        bench_check_table()
        return
    if args.files_only:
        bench_files()
        return

    from mixedmethods.audit import ImpossibleSummaryError, _samples, check, count_samples, extract, sprite

    run_start = time.perf_counter()
    low, high = SCALE
    width = high - low + 1
    print("mixedmethods.audit (extract, check, sprite) vs pysprite 1.2.1")

    # -- enumeration -------------------------------------------------------
    t_enum, e61 = timed(lambda: Enumeration(61, low, high))
    set_a, ss_a = e61.solutions(CASE_A["mean"], CASE_A["sd"])
    set_b, _ = e61.solutions(CASE_B["mean"], CASE_B["sd"])
    e34 = Enumeration(34, low, high)
    set_c, _ = e34.solutions(CASE_C["mean"], CASE_C["sd"])
    q_split = ", ".join(f"{int(c)} with sum of squares {int(q)}" for q, c in zip(*np.unique(ss_a, return_counts=True)))
    mask_c_mean = np.abs(200 * e34.total - 200 * 34) <= 34
    sd_c = np.sqrt((e34.ss[mask_c_mean] - e34.total[mask_c_mean] ** 2 / 34) / 33)
    near = np.unique(np.round(sd_c[(sd_c > 1.93) & (sd_c < 2.05)], 4))
    print(f"\nEnumeration of every sample on {low}–{high} ({len(e61.counts):,} for n = 61, "
          f"{len(e34.counts):,} for n = 34; {t_enum:.1f} s):")
    print(f"  (a) n 61, M {CASE_A['mean']}, SD {CASE_A['sd']}: {len(set_a)} distinct samples ({q_split})")
    print(f"  (b) n 61, M {CASE_B['mean']}, SD {CASE_B['sd']}: {len(set_b):,} distinct samples")
    print(f"  (c) n 34, M {CASE_C['mean']}, SD {CASE_C['sd']}: {len(set_c)} samples; SDs reachable with "
          f"M 1.00 near 1.99: {', '.join(f'{x:.4f}' for x in near)}")
    assert len(set_b) >= 2000 and not set_c

    # -- ours ------------------------------------------------------------------
    def ours(case, k, seed):
        return sprite(case["mean"], case["sd"], case["n"], scale_min=low, scale_max=high,  # printed text
                      k=k, seed=seed, progress=False)

    ours(CASE_A, 5, 0)  # warm up
    seeds = range(5)
    # asked for 1,000, sprite returns every one of the 77 (the same work as asking for 77)
    runs_a = [timed(lambda: ours(CASE_A, 1000, s)) for s in seeds]
    t_a = statistics.median(t for t, _ in runs_a)
    a_rows = sorted({x.shape[0] for _, x in runs_a})
    a_exact = all(set(as_counts(x, low, width)) == set_a for _, x in runs_a)

    runs_b = [timed(lambda: ours(CASE_B, 1000, s)) for s in seeds]
    t_b = statistics.median(t for t, _ in runs_b)
    b_ok = all(len(set(c := as_counts(x, low, width))) == 1000 == len(c) and set(c) <= set_b
               for _, x in runs_b)
    t_count, counted = timed(lambda: count_samples(CASE_A["mean"], CASE_A["sd"], CASE_A["n"],
                                                   scale_min=low, scale_max=high))

    # the same two cases with exact enumeration switched off: sprite's own random search (SPRITE)
    limit = _samples.ENUMERATION_LIMIT
    _samples.ENUMERATION_LIMIT = 0
    try:
        runs_a_search = [timed(lambda: ours(CASE_A, len(set_a), s)) for s in seeds]
        runs_b_search = [timed(lambda: ours(CASE_B, 1000, s)) for s in seeds]
    finally:
        _samples.ENUMERATION_LIMIT = limit
    t_a_search = statistics.median(t for t, _ in runs_a_search)
    t_b_search = statistics.median(t for t, _ in runs_b_search)
    a_search_exact = all(set(as_counts(x, low, width)) == set_a for _, x in runs_a_search)
    b_search_ok = all(len(set(c := as_counts(x, low, width))) == 1000 == len(c) and set(c) <= set_b
                      for _, x in runs_b_search)

    # (e) a wide scale: the search on the answers themselves (more than _samples.MOST_LEVELS levels)
    valid_e = PrintsAs(CASE_E["mean"], CASE_E["sd"], CASE_E["low"])
    width_e = CASE_E["high"] - CASE_E["low"] + 1
    runs_e = [timed(lambda: sprite(CASE_E["mean"], CASE_E["sd"], CASE_E["n"], scale_min=CASE_E["low"],
                                   scale_max=CASE_E["high"], k=10, seed=s, progress=False)) for s in seeds]
    t_e = statistics.median(t for t, _ in runs_e)
    e_ok = all(len(set(c := as_counts(x, CASE_E["low"], width_e))) == 10 == len(c) and all(v in valid_e for v in c)
               for _, x in runs_e)

    def impossible():
        try:
            ours(CASE_C, 10, None)
        except ImpossibleSummaryError as exc:
            return str(exc)
        return None

    cold = subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, cwd=ROOT)
    cold_import, cold_call = (float(x) for x in cold.stdout.split()) if cold.returncode == 0 else (None, None)
    times_c = [timed(impossible) for _ in range(21)]
    message_c = times_c[0][1]
    t_c_first, t_c = times_c[0][0], statistics.median(t for t, _ in times_c)

    corpus = CORPUS.read_text(encoding="utf-8")
    repeats = -(-1_000_000 // len(corpus.encode("utf-8"))) + 1
    text = "\n\n".join([corpus] * repeats)
    megabytes = len(text.encode("utf-8")) / 1e6
    check(corpus)  # warm up scipy
    runs_d = []
    for _ in range(3):
        t_x, extracted = timed(lambda: extract(text))
        t_k, checked = timed(lambda: check(extracted))
        runs_d.append((t_x + t_k, t_x, t_k))
    t_d, t_dx, t_dk = min(runs_d)
    n_results = len(checked)
    assert n_results == repeats * len(extract(corpus))

    # -- pysprite --------------------------------------------------------------
    version = pysprite_available(args.pysprite_python)
    ps = {}
    if version is None:
        print(f"\npysprite is not importable from {args.pysprite_python}; to compare, run\n  {INSTALL}\n"
              "in this environment, or in a separate venv and pass --pysprite-python /that/venv/bin/python.")
    else:
        if version != "1.2.1":
            print(f"\nnote: pysprite {version} found; these numbers were designed for 1.2.1")
        print(f"\npysprite {version} (one sample per find_possible_distribution call; seed 1; "
              f"caps {CAP_A:g} s / {CAP_B:g} s / {CAP_C:g} s):")
        for init in ("maxvar", "random"):
            spec = dict(n=61, low=low, high=high, mean=CASE_A["mean"], sd=CASE_A["sd"], seed=1, init=init,
                        mode="samples")
            goal = len(set_a)

            res, _, err, _ = run_pysprite(args.pysprite_python, spec, CAP_A, set_a, goal)
            ps["a", init] = s = summarise_samples(res, set_a, goal, goal, lambda c: printed_as(c, low, _scaled(CASE_A["mean"])[1]))
            d, dv, v = s["at_goal"] or (None, None, None)
            print(f"  (a) init={init:<6}: {goal} samples in {fmt_s(s['t_samples'])}: {d} distinct, {v} valid, "
                  f"{dv} distinct valid; all {goal} distinct valid: "
                  + (fmt_s(s["t_distinct"]) if s["t_distinct"] else
                     f"not within {CAP_A:g} s ({s['n']} samples, {s['distinct_valid']} distinct valid)")
                  + (f"; error {s['error']}" if s["error"] else "") + (f"; stderr {err[-200:]}" if err and not res else ""))
            print(invalid_line(s))
        for init in ("maxvar", "random"):
            spec = dict(n=61, low=low, high=high, mean=CASE_B["mean"], sd=CASE_B["sd"], seed=1, init=init,
                        mode="samples")

            res, _, err, _ = run_pysprite(args.pysprite_python, spec, CAP_B, set_b, 1000)
            ps["b", init] = s = summarise_samples(res, set_b, 1000, 1000, lambda c: printed_as(c, low, _scaled(CASE_B["mean"])[1]))
            print(f"  (b) init={init:<6}: 1,000 distinct valid: "
                  + (fmt_s(s["t_distinct"]) if s["t_distinct"] else f"not within {CAP_B:g} s")
                  + f" ({s['n']} samples, {s['valid']} valid, {s['distinct_valid']} distinct valid"
                  + (f", error {s['error']}" if s["error"] else "") + ")")
            print(invalid_line(s))
        spec = dict(n=34, low=low, high=high, mean=CASE_C["mean"], sd=CASE_C["sd"], seed=1, mode="impossible")
        res, timed_out, err, meta = run_pysprite(args.pysprite_python, spec, CAP_C)
        r = res[0] if res else {}
        ps["c"] = dict(t=r.get("t"), timed_out=timed_out and not res,
                       said=(r.get("error") or f"returns {r.get('status')!r}, closest SD {r.get('closest_sd')}")
                       if res else f"no answer within {CAP_C:g} s")
        print(f"  (c) Sprite(34, 1.00, 1.99, 2, 2, 0, 5).find_possible_distribution(): "
              f"{ps['c']['said']} after {fmt_s(ps['c']['t'])}")
        for init in ("maxvar", "random"):
            spec = dict(n=CASE_E["n"], low=CASE_E["low"], high=CASE_E["high"], mean=CASE_E["mean"],
                        sd=CASE_E["sd"], seed=1, init=init, mode="samples")
            res, _, err, _ = run_pysprite(args.pysprite_python, spec, CAP_E, valid_e, 10)
            ps["e", init] = s = summarise_samples(res, valid_e, 10, 10, lambda c: printed_as(c, CASE_E["low"], 2))
            print(f"  (e) init={init:<6}: 10 distinct valid on 0–1000: "
                  + (fmt_s(s["t_distinct"]) if s["t_distinct"] else f"not within {CAP_E:g} s")
                  + f" ({s['n']} samples, {s['valid']} valid, {s['distinct_valid']} distinct valid"
                  + (f", error {s['error']}" if s["error"] else "") + ")")
            print(invalid_line(s))
        if "import" in meta:
            print(f"      (not counted: import pysprite took {fmt_s(meta['import'])}; it loads pandas, "
                  "matplotlib and seaborn)")

    # -- table -----------------------------------------------------------------
    span = lambda runs: f"{fmt_s(min(t for t, _ in runs))}–{fmt_s(max(t for t, _ in runs))}"  # noqa: E731
    print(f"\nmixedmethods sprite, median of {len(seeds)} seeds (range: (a) {span(runs_a)}, (b) {span(runs_b)}):"
          f" (a) asked for k=1000 it returns {a_rows} rows, exactly the enumerated {len(set_a)}: "
          f"{a_exact}, after {fmt_s(t_a)}: it enumerates every sample on the scale "
          f"and knows there are no more; (b) 1,000 distinct samples, all in the enumerated set: {b_ok}.")
    print(f"count_samples(2.79, 2.30, 61, scale_min=0, scale_max=5) in {fmt_s(t_count)}: "
          f"{int(counted['n_samples'].sum())} samples ("
          + ", ".join(f"{c} with sum of squares {q}" for q, c in zip(counted["sum_of_squares"], counted["n_samples"]))
          + ").")
    print(f"With the enumeration switched off (sprite's own SPRITE search, as for wide scales or large n): "
          f"(a) all {len(set_a)} in {fmt_s(t_a_search)} (exactly the enumerated set: {a_search_exact}); "
          f"(b) 1,000 distinct in {fmt_s(t_b_search)} (all valid and distinct: {b_search_ok}).")
    print(f"(c) says: {message_c}")
    if cold_call is not None:
        print(f"(c) in a fresh interpreter (numpy already imported): import mixedmethods.audit {fmt_s(cold_import)}, "
              f"then the first impossible call {fmt_s(cold_call)}, most of it the first import of pandas; "
              "the table times calls after that, as it times pysprite after its import.")

    def fastest(case, measure):
        """pysprite's better start method for a measure: (seconds, init), or (None, None)."""
        got = [(ps[case, i][measure], i) for i in ("maxvar", "random") if ps[case, i][measure] is not None]
        return min(got) if got else (None, None)

    rows = []
    met_b = "not measured (no pysprite)"
    ps_a = ps_a_all = ps_a1000 = ps_b = ps_c = "not installed"
    ratio_a = ratio_a_all = ratio_a1000 = ratio_b = ratio_c = "—"
    met_a = "not measured (no pysprite)"
    if ps:
        t_ps1000, init = fastest("a", "t_1000")
        if t_ps1000:
            ps_a1000 = f"1,000 samples: {fmt_s(t_ps1000)} ({init}; {ps['a', init]['at_1000']} distinct valid)"
            ratio_a1000 = f"{t_ps1000 / t_a:.0f}x"
            met_a = "met" if t_ps1000 / t_a >= 10 else "NOT met"
        else:
            ps_a1000, ratio_a1000 = f"1,000 samples: not within {CAP_A:g} s", f"> {CAP_A / t_a:.0f}x"
            met_a = "met" if CAP_A / t_a >= 10 else "not shown"
        t_ps, init = fastest("a", "t_samples")
        if t_ps:
            ps_a = f"{fmt_s(t_ps)} ({init}; {ps['a', init]['at_goal'][1]} distinct valid)"
            ratio_a = f"{t_ps / t_a:.1f}x"
        else:
            ps_a, ratio_a = f"> {CAP_A:g} s", f"> {CAP_A / t_a:.0f}x"
        t_all, init = fastest("a", "t_distinct")
        if t_all:
            ps_a_all, ratio_a_all = f"{fmt_s(t_all)} ({init})", f"{t_all / t_a:.0f}x"
        else:
            best_dv = max(ps["a", i]["distinct_valid"] for i in ("maxvar", "random"))
            ps_a_all = f"not within {CAP_A:g} s (best: {best_dv} of {len(set_a)})"
            ratio_a_all = f"> {CAP_A / t_a:.0f}x"
        t_psb, init = fastest("b", "t_distinct")
        if t_psb:
            ps_b, ratio_b = f"{fmt_s(t_psb)} ({init})", f"{t_psb / t_b:.0f}x"
            met_b = "met" if t_psb / t_b >= 10 else "NOT met"
        else:
            best_dv = max(ps["b", i]["distinct_valid"] for i in ("maxvar", "random"))
            ps_b, ratio_b = f"not within {CAP_B:g} s (best: {best_dv:,})", f"> {CAP_B / t_b:.0f}x"
            met_b = "met" if CAP_B / t_b >= 10 else "not shown"
        if ps["c"]["t"] is not None:
            ps_c = f"{fmt_s(ps['c']['t'])} ({ps['c']['said'].split(',')[0]})"
            ratio_c = f"{ps['c']['t'] / t_c:,.0f}x"
        else:
            ps_c = ps["c"]["said"]
    rows.append((f"(a) asked for 1,000, n61 M2.79 SD2.30 ({len(set_a)} exist)",
                 f"{fmt_s(t_a)} (all {len(set_a)})", ps_a1000, ratio_a1000, ">= 10x", met_a))
    rows.append((f"(a) all {len(set_a)} distinct, n61 M2.79 SD2.30", fmt_s(t_a),
                 (f"{len(set_a)} samples: {ps_a}" if ps else ps_a), ratio_a, "—", ""))
    rows.append((f"(a) ... pysprite until it has all {len(set_a)}", fmt_s(t_a), ps_a_all,
                 ratio_a_all, "—", ""))
    rows.append((f"(b) 1,000 distinct, n61 M2.8 SD2.05 ({len(set_b):,} exist)", fmt_s(t_b), ps_b, ratio_b,
                 ">= 10x", met_b))
    if ps:
        t_psb = fastest("b", "t_distinct")[0]
        ratio_bs = f"{t_psb / t_b_search:.0f}x" if t_psb else f"> {CAP_B / t_b_search:.0f}x"
        met_bs = "met" if (t_psb or CAP_B) / t_b_search >= 10 else "NOT met"
    else:
        ratio_bs, met_bs = "—", "not measured (no pysprite)"
    rows.append(("(b) ... sprite's search only (no enumeration)", fmt_s(t_b_search), ps_b, ratio_bs,
                 ">= 10x", met_bs))
    rows.append(("(c) impossible, n34 M1.00 SD1.99", f"{fmt_s(t_c)} (first {fmt_s(t_c_first)})", ps_c, ratio_c,
                 "< 10 ms", "met" if t_c < 0.010 else "NOT met"))
    rows.append((f"(d) extract+check, {megabytes:.2f} MB", f"{t_d:.2f} s", "—", "—", "—", ""))
    if ps:
        t_pse, init = fastest("e", "t_distinct")
        ps_e = f"{fmt_s(t_pse)} ({init})" if t_pse else f"not within {CAP_E:g} s"
        ratio_e = f"{t_pse / t_e:,.0f}x" if t_pse else f"> {CAP_E / t_e:,.0f}x"
    else:
        ps_e, ratio_e = "not installed", "—"
    rows.append(("(e) 10 distinct, n30 M503.17 SD201.34 on 0–1000", f"{fmt_s(t_e)} (valid: {e_ok})", ps_e,
                 ratio_e, "—", ""))
    headers = ("case", "mixedmethods", "pysprite 1.2.1", "pysprite/ours", "target", "")
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print()
    print(line.format(*headers))
    print("-" * (sum(widths) + 2 * (len(widths) - 1)))
    for r in rows:
        print(line.format(*r))
    print(f"\n(d) {megabytes:.2f} MB ({repeats} copies of tests/fixtures/audit/corpus.txt), {n_results:,} results, "
          f"best of 3: {megabytes / t_d:.1f} MB/s, {n_results / t_d:,.0f} results/s "
          f"(extract {t_dx:.2f} s, check {t_dk:.2f} s); {int((~checked['consistent']).sum()):,} flagged inconsistent.")
    print(f"Ratios: pysprite time / mixedmethods time; pysprite's better start method shown; "
          f"mixedmethods times are medians over seeds (c: over 21 calls).")
    print(f"\nAcceptance 4 asks for 1,000 distinct samples of n 61, M 2.79, SD 2.30 on 0–5: only "
          f"{len(set_a)} exist (count_samples says so, and so does the enumeration above).  So (a) times "
          f"both tools asked for 1,000 there: sprite(k=1000) returns all {len(set_a)}, knowing there are no "
          f"more; pysprite returns 1,000 samples, with repeats (and, with init=random, some that print "
          f"another mean).  (b) times 1,000 distinct samples on a nearby case where that many exist.")
    bench_check_table()
    bench_files()
    print(f"whole run: {time.perf_counter() - run_start:.0f} s")


if __name__ == "__main__":
    main()

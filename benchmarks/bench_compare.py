"""How long the full two-group table takes, against what a user would otherwise run.

Run from the repository root after ``python3 tasks.py test`` has set up ``.venv``::

    .venv/bin/python benchmarks/bench_compare.py

For 59 items (the OMI questionnaire) and for 10,000 items, groups of 61 and 34
(the Mexico study's split), it times

* ``mixedmethods.compare``: Student and Welch rows, Levene, Cohen's d and
  Hedges' g with their noncentral-t intervals, for every item;
* a loop of ``pingouin.ttest`` over the items (one row per item, no Levene);
* one vectorised ``scipy.stats.ttest_ind(axis=0)`` (Student t and p only);

and prints the ratios.  ``compare`` is timed twice in the same run: as it is
(the noncentral-t bounds of items sharing a df interpolated through checked
Chebyshev nodes, see :mod:`mixedmethods.comparisons.effect_sizes`) and as it
was before (every bound solved one by one), so the speed-up is measured under
the same load.  ``--no-pingouin`` skips the pingouin loop (minutes at 10,000
items).  The data are synthetic (seeded normal draws): the studies publish no
raw data.
"""
from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def synthetic(items, n1=61, n2=34, seed=2026):
    rng = np.random.default_rng(seed)
    values = np.vstack([rng.normal(2.5, 2.2, (n1, items)), rng.normal(1.6, 2.0, (n2, items))])
    frame = pd.DataFrame(values, columns=[f"item{i}" for i in range(items)])
    frame["sex"] = ["women"] * n1 + ["men"] * n2
    return frame


def main(argv=None):
    import argparse

    from scipy import stats

    import mixedmethods as mm
    from mixedmethods.comparisons import effect_sizes

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-pingouin", action="store_true", help="skip the pingouin loop")
    args = parser.parse_args(argv)

    print("mixedmethods.compare vs a pingouin.ttest loop vs scipy.stats.ttest_ind(axis=0)")
    print("synthetic data (seeded normal draws), groups of 61 and 34\n")
    header = (f"{'items':>7} {'compare':>10} {'before':>10} {'pingouin loop':>14} {'scipy bare t':>13} "
              f"{'pingouin/compare':>17} {'compare/scipy':>14} {'before/scipy':>13}")
    print(header)
    print("-" * len(header))
    for items in (59, 10_000):
        data = synthetic(items)
        dv = [c for c in data.columns if c != "sex"]
        women = data.loc[data["sex"] == "women", dv].to_numpy()
        men = data.loc[data["sex"] == "men", dv].to_numpy()
        repeats = 21
        mm.compare(data, dv, "sex", groups=("women", "men"))  # warm up the lazy imports

        def before():
            interpolate_from = effect_sizes.INTERPOLATE_FROM
            effect_sizes.INTERPOLATE_FROM = float("inf")  # every bound solved one by one, as before
            try:
                mm.compare(data, dv, "sex", groups=("women", "men"))
            finally:
                effect_sizes.INTERPOLATE_FROM = interpolate_from

        # interleaved, so that a change in the machine's load hits all three alike; ratios are the
        # medians of the ratios of each round, times the fastest round
        rounds = [[timed(lambda: mm.compare(data, dv, "sex", groups=("women", "men"))), timed(before),
                   timed(lambda: stats.ttest_ind(women, men, axis=0))] for _ in range(repeats)]
        t_compare, t_before, t_scipy = (min(r[j] for r in rounds) for j in range(3))
        compare_ratio = float(np.median([r[0] / r[2] for r in rounds]))
        before_ratio = float(np.median([r[1] / r[2] for r in rounds]))
        t_pingouin = float("nan") if args.no_pingouin else best_of(
            lambda: pingouin_loop(women, men, items), 3 if items < 1000 else 1)
        loop = "skipped" if args.no_pingouin else f"{t_pingouin * 1e3:.0f}ms"
        ratio = "—" if args.no_pingouin else f"{t_pingouin / t_compare:.0f}x"
        print(f"{items:>7} {t_compare * 1e3:>8.1f}ms {t_before * 1e3:>8.1f}ms {loop:>14} "
              f"{t_scipy * 1e3:>11.2f}ms {ratio:>17} {compare_ratio:>13.1f}x "
              f"{before_ratio:>12.1f}x")
    print("\nratios: median over interleaved rounds of (time / scipy's time in the same round); "
          "times: the fastest round")
    print("targets: pingouin/compare >= 50x at 10,000 items (issue 2); compare/scipy <= 5x at 10,000 "
          "items (issue 13)")


def pingouin_loop(women, men, items):
    import pingouin

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for j in range(items):
            pingouin.ttest(women[:, j], men[:, j])


if __name__ == "__main__":
    main()

"""How long the full two-group table takes, against what a user would otherwise run.

Run from the repository root after ``python3 tasks.py test`` has set up ``.venv``::

    .venv/bin/python benchmarks/bench_compare.py

For 59 items (the OMI questionnaire) and for 10,000 items, groups of 61 and 34
(the Mexico study's split), it times

* ``mixedmethods.compare``: Student and Welch rows, Levene, Cohen's d and
  Hedges' g with their noncentral-t intervals, for every item;
* a loop of ``pingouin.ttest`` over the items (one row per item, no Levene);
* one vectorised ``scipy.stats.ttest_ind(axis=0)`` (Student t and p only);

and prints the ratios.  The data are synthetic (seeded normal draws): the
studies publish no raw data.
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


def synthetic(items, n1=61, n2=34, seed=2026):
    rng = np.random.default_rng(seed)
    values = np.vstack([rng.normal(2.5, 2.2, (n1, items)), rng.normal(1.6, 2.0, (n2, items))])
    frame = pd.DataFrame(values, columns=[f"item{i}" for i in range(items)])
    frame["sex"] = ["women"] * n1 + ["men"] * n2
    return frame


def main():
    import pingouin
    from scipy import stats

    import mixedmethods as mm

    print("mixedmethods.compare vs a pingouin.ttest loop vs scipy.stats.ttest_ind(axis=0)")
    print("synthetic data (seeded normal draws), groups of 61 and 34\n")
    header = f"{'items':>7} {'compare':>10} {'pingouin loop':>14} {'scipy bare t':>13} {'pingouin/compare':>17} {'compare/scipy':>14}"
    print(header)
    print("-" * len(header))
    for items in (59, 10_000):
        data = synthetic(items)
        dv = [c for c in data.columns if c != "sex"]
        women = data.loc[data["sex"] == "women", dv].to_numpy()
        men = data.loc[data["sex"] == "men", dv].to_numpy()
        repeats = 20 if items < 1000 else 3
        mm.compare(data, dv, "sex", groups=("women", "men"))  # warm up the lazy imports
        t_compare = best_of(lambda: mm.compare(data, dv, "sex", groups=("women", "men")), repeats)
        t_scipy = best_of(lambda: stats.ttest_ind(women, men, axis=0), repeats)

        def pingouin_loop():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for j in range(items):
                    pingouin.ttest(women[:, j], men[:, j])

        t_pingouin = best_of(pingouin_loop, 3 if items < 1000 else 1)
        print(f"{items:>7} {t_compare * 1e3:>8.1f}ms {t_pingouin * 1e3:>12.0f}ms {t_scipy * 1e3:>11.2f}ms "
              f"{t_pingouin / t_compare:>16.0f}x {t_compare / t_scipy:>13.1f}x")
    print("\ntargets (issue 2): pingouin/compare >= 50x at 10,000 items; compare/scipy <= 20x")


if __name__ == "__main__":
    main()

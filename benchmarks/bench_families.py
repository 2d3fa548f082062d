"""Each family of comparisons on many rows, against the loop a user would otherwise write.

Run from the repository root after ``python3 tasks.py test`` has set up ``.venv``::

    .venv/bin/python benchmarks/bench_families.py            # every section
    .venv/bin/python benchmarks/bench_families.py counts     # one section

Each section is a function in ``SECTIONS``; it returns a list of result rows
``(family, rows, ours_seconds, loop_seconds, what_the_loop_is)`` (``loop_seconds`` may be
``None`` when there is nothing to compare with, e.g. a single call against a time budget)
and :func:`main` prints them in one table with the ratio loop / ours.  To add a family,
write a function ``bench_<family>()`` below and append it to ``SECTIONS``.  Data are
synthetic (seeded draws), labelled as such: the studies publish no raw data.  Timings are
the best of a few repeats; on a loaded machine they are noisy, say the load when you quote
them.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd


sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_compare import best_of  # noqa: E402  (shortest of a few timed calls)


# --- counts ---------------------------------------------------------------------------------

def synthetic_counts(tables, rows=2, cols=2, n=100, seed=2026):
    """``tables`` synthetic r x c tables of counts (seeded multinomial draws), no empty margins."""
    rng = np.random.default_rng(seed)
    cells = rng.multinomial(n, np.full(rows * cols, 1 / (rows * cols)), size=tables)
    cells = cells.reshape(tables, rows, cols) + 1  # +1: no empty row or column
    return cells


def bench_counts():
    """compare_counts on 10,000 2 x 2 tables vs a loop of chi2_contingency + fisher_exact."""
    from scipy import stats

    import mixedmethods as mm

    results = []
    tables = synthetic_counts(10_000)
    comparisons = np.repeat(np.arange(len(tables)), 4)
    long = pd.DataFrame({
        "comparison": comparisons,
        "group": np.tile(["a", "a", "b", "b"], len(tables)),
        "level": np.tile(["yes", "no", "yes", "no"], len(tables)),
        "n": tables.reshape(-1),
    })

    def ours():
        mm.compare_counts(long, between="group", dv="level", n="n", comparison="comparison")

    sample = tables[:1000]  # the loop is timed on 1,000 tables and scaled to 10,000

    def loop():
        for t in sample:
            stats.chi2_contingency(t, correction=False)
            stats.chi2_contingency(t, correction=True)
            stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")
            stats.fisher_exact(t)

    ours_s = best_of(ours, 3)
    loop_s = best_of(loop, 1) * len(tables) / len(sample)
    results.append(("counts 2x2 (4 tests)", len(tables), ours_s, loop_s,
                    "scipy chi2_contingency x3 + fisher_exact (1,000 timed, x10)"))

    table = np.array([[30, 25, 20, 25], [20, 30, 25, 25]])  # 2 x 4, n = 200
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fisher_s = best_of(lambda: mm.compare_counts(table), 5)
    results.append(("counts exact Fisher 2x4 n=200", 1, fisher_s, None, "target < 0.050 s"))
    return results


# --- paired, one-sample, correlation ------------------------------------------------------

def synthetic_wide(items, n=30, seed=2026):
    """Two (n x items) blocks of seeded normal draws: ``before`` and a correlated ``after``."""
    rng = np.random.default_rng(seed)
    before = rng.normal(3.0, 1.0, size=(n, items))
    after = 0.6 * before + rng.normal(1.5, 0.8, size=(n, items))
    return before, after


def bench_within():
    """compare_paired, one_sample, correlation (Pearson, Spearman) on 10,000 items of 30 rows each
    vs loops of scipy ttest_rel + wilcoxon, ttest_1samp + wilcoxon, pearsonr, spearmanr."""
    from scipy import stats

    import mixedmethods as mm

    items = 10_000
    before, after = synthetic_wide(items)
    b_cols = [f"b{i}" for i in range(items)]
    a_cols = [f"a{i}" for i in range(items)]
    data = pd.concat([pd.DataFrame(before, columns=b_cols), pd.DataFrame(after, columns=a_cols)], axis=1)
    pairs = list(zip(before.T, after.T))
    results = []

    def loop_paired():
        for b, a in pairs:
            stats.ttest_rel(a, b)
            stats.wilcoxon(a, b)

    results.append(("paired t + Wilcoxon", items, best_of(lambda: mm.compare_paired(data, b_cols, a_cols), 3),
                    best_of(loop_paired, 1), "scipy ttest_rel + wilcoxon"))

    def loop_one():
        for _, a in pairs:
            stats.ttest_1samp(a, 3.0)
            stats.wilcoxon(a - 3.0)

    results.append(("one-sample t + Wilcoxon", items, best_of(lambda: mm.one_sample(data, a_cols, 3.0), 3),
                    best_of(loop_one, 1), "scipy ttest_1samp + wilcoxon"))

    def loop_pearson():
        for b, a in pairs:
            stats.pearsonr(b, a).confidence_interval()

    results.append(("correlation pearson (with CI)", items, best_of(lambda: mm.correlation(data, b_cols, a_cols), 3),
                    best_of(loop_pearson, 1), "scipy pearsonr + confidence_interval"))

    def loop_spearman():
        for b, a in pairs:
            stats.spearmanr(b, a)

    results.append(("correlation spearman", items,
                    best_of(lambda: mm.correlation(data, b_cols, a_cols, method="spearman"), 3),
                    best_of(loop_spearman, 1), "scipy spearmanr"))
    return results


# --- anova ----------------------------------------------------------------------------------

def synthetic_anova_cells(tables, groups=3, seed=2026):
    """``tables`` synthetic one-way summary tables (seeded draws of means, SDs and ns), long form."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "table": np.repeat(np.arange(tables), groups),
        "group": np.tile([f"g{i}" for i in range(groups)], tables),
        "mean": rng.normal(3, 1, tables * groups).round(2),
        "sd": rng.uniform(0.5, 2.5, tables * groups).round(2),
        "n": rng.integers(10, 80, tables * groups),
    })


def bench_anova():
    """anova_summary on 10,000 three-group tables vs a loop of statsmodels' anova_generic
    (classic, Welch and Brown–Forsythe per table); anova on 10,000 outcomes of raw data vs a
    loop of statsmodels' anova_oneway (the same three tests)."""
    from statsmodels.stats.oneway import anova_generic, anova_oneway

    import mixedmethods as mm

    results = []
    cells = synthetic_anova_cells(10_000)
    blocks = [(g["mean"].to_numpy(), g["sd"].to_numpy() ** 2, g["n"].to_numpy())
              for _, g in cells.groupby("table", sort=False)]

    def ours():
        mm.anova_summary(cells, "group", dv="table")

    def loop():
        for means, variances, nobs in blocks:
            for use_var in ("equal", "unequal", "bf"):
                anova_generic(means, variances, nobs, use_var=use_var)

    results.append(("anova from summaries (3 groups)", len(blocks), best_of(ours, 3), best_of(loop, 1),
                    "statsmodels anova_generic x3 (equal, unequal, bf)"))

    rng = np.random.default_rng(2027)
    outcomes = 10_000
    values = rng.normal(0, 1, (60, outcomes)) + np.repeat([0.0, 0.3, 0.6], 20)[:, None]
    raw = pd.DataFrame(values, columns=[f"item{i}" for i in range(outcomes)])
    raw["group"] = np.repeat(["a", "b", "c"], 20)
    dvs = [f"item{i}" for i in range(outcomes)]
    labels = raw["group"].to_numpy()

    def ours_raw():
        mm.anova(raw, dvs, "group")

    def loop_raw():
        for j in range(outcomes):
            x = values[:, j]
            for use_var in ("equal", "unequal", "bf"):
                anova_oneway(x, labels, use_var=use_var)

    results.append(("anova raw (60 rows, 3 groups)", outcomes, best_of(ours_raw, 3), best_of(loop_raw, 1),
                    "statsmodels anova_oneway x3 per outcome"))
    return results


# Other families append their section function here.
SECTIONS = [bench_counts, bench_within, bench_anova]


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    chosen = [s for s in SECTIONS if not argv or any(a in s.__name__ for a in argv)]
    header = f"{'family':<34} {'rows':>7} {'ours (s)':>10} {'loop (s)':>10} {'ratio':>8}  loop"
    print("synthetic data (seeded draws); ratio = loop / ours")
    print(header)
    print("-" * len(header))
    for section in chosen:
        for family, rows, ours_s, loop_s, what in section():
            loop_txt = f"{loop_s:10.4f}" if loop_s is not None else f"{'':>10}"
            ratio = f"{loop_s / ours_s:7.1f}x" if loop_s is not None else f"{'':>8}"
            print(f"{family:<34} {rows:>7} {ours_s:10.4f} {loop_txt} {ratio}  {what}", flush=True)


if __name__ == "__main__":
    main()

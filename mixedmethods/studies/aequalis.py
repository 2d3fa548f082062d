"""Re-running a published baseline table: the AEQUALIS trial's Table 1 (data/aequalis).

Blancafort Alias et al.'s randomized trial AEQUALIS (BMC Public Health 21:84,
2021, doi:10.1186/s12889-020-10094-9, open access) prints the characteristics of
its participants by group, with a p value per row: counts with percentages
(women, education, living alone, self-perceived health ...) and means with
SDs (age, EQ-5D, SF-12, self-management).  The header gives the group sizes:
"Total (n=360)", "Intervention group (n=194)", "Control group (n=164)"; the
abstract says 390 were allocated and "194 participants and 164 were included
in the data analysis".

The reproduction asks which test gives each printed p
(:func:`mixedmethods.reproduce_counts`, :func:`mixedmethods.reproduce_ttests`)
and whether the percentages are counts of the printed group sizes.  Only
one level of a yes/no row is printed; the other is derived as the group's n
minus the printed count, under each candidate n of the intervention group.
"""
from __future__ import annotations

from .registry import load_study
from .report import StudyReport, checks_table

NAME = "aequalis"
TITLE = "AEQUALIS trial, Table 1: which tests give the printed p values, and how many were in each group"
DATA_FOLDER = "aequalis"
ORDER = 6
CONTROL = 164  # "Control group (n=164)"
CANDIDATES = (194, 196)  # the printed intervention n, and 360 − 164


def _tables(tables=None):
    return load_study(NAME, printed=True) if tables is None else tables


def count_cells(tables=None, *, n_intervention=194):
    """The count rows of both groups in long form, with each yes/no row's other level derived.

    Parameters
    ----------
    tables : dict, optional
        ``load_study("aequalis", printed=True)``.
    n_intervention : int
        The intervention group's size assumed for the derived levels.

    Returns
    -------
    pandas.DataFrame
        ``comparison, group, level, n, percent, p, derived`` (True for a
        level not printed: the group's n minus the printed count).
    """
    import pandas as pd

    counts = _tables(tables)["counts"]
    arms = counts[counts["group"] != "total"]
    sizes = {"intervention": n_intervention, "control": CONTROL}
    parts = []
    for comparison, rows in arms.groupby("comparison", sort=False):
        printed = rows[["comparison", "group", "level", "n", "percent", "p"]].assign(
            n=rows["n"].astype(int), derived=False)
        parts.append(printed)
        if rows["level"].nunique() == 1:
            parts.append(pd.DataFrame({
                "comparison": comparison, "group": printed["group"].to_numpy(), "level": "other",
                "n": [sizes[g] - n for g, n in zip(printed["group"], printed["n"])], "percent": "", "p": "",
                "derived": True}))
    return pd.concat(parts, ignore_index=True)


def count_verdicts(tables=None):
    """:func:`mixedmethods.reproduce_counts` of the count rows at each candidate intervention n.

    Returns
    -------
    pandas.DataFrame
        Its columns, with ``n_intervention`` in front.
    """
    import pandas as pd

    from ..comparisons import reproduce_counts

    t = _tables(tables)
    return pd.concat([reproduce_counts(count_cells(t, n_intervention=n).drop(columns="derived"))
                      .assign(n_intervention=n) for n in CANDIDATES], ignore_index=True)


def mean_verdicts(tables=None):
    """:func:`mixedmethods.reproduce_ttests` of the mean rows at each candidate intervention n."""
    import pandas as pd

    from ..comparisons import reproduce_ttests

    means = _tables(tables)["means"]
    printed = means[["dv", "mean1", "sd1", "mean2", "sd2", "p"]]
    return pd.concat([reproduce_ttests(printed.assign(n1=str(n), n2=str(CONTROL))).assign(n_intervention=n)
                      for n in CANDIDATES], ignore_index=True)


def group_checks(tables=None):
    """The printed group sizes against each other and against the percentages."""
    t = _tables(tables)
    n = t["groups"].set_index("group")["n"].astype(int)
    counts = t["counts"]
    women = counts[(counts["comparison"] == "women")].set_index("group")
    implied = round(int(women.loc["intervention", "n"]) / float(women.loc["intervention", "percent"]) * 100)
    return checks_table([
        {"check": "intervention + control = total", "computed_from": f"{n['intervention']} + {n['control']}",
         "gives": int(n["intervention"] + n["control"]), "stated": int(n["total"])},
        {"check": "intervention n implied by 162 women = 82.65%", "computed_from": "162 / 0.8265",
         "gives": implied, "stated": int(n["intervention"])},
    ])


def _unfit_means(means, printed):
    """Mean rows whose printed p fits at no candidate n: ``dv``, ``printed_p``, ``verdict`` (at the first n)."""
    fits = means.groupby("dv", sort=False)["consistent"].any()
    first = means[means["n_intervention"] == CANDIDATES[0]].set_index("dv")
    bad = [dv for dv, ok in fits.items() if not ok]
    return first.loc[bad, ["verdict"]].assign(printed_p=printed.set_index("dv").loc[bad, "p"]).reset_index()


def reproduce() -> StudyReport:
    """Run the re-analysis of Table 1 and return the report."""
    t = _tables()
    report = StudyReport(NAME, TITLE)
    counts, means, checks = count_verdicts(t), mean_verdicts(t), group_checks(t)
    report.tables.update(counts=counts, means=means, checks=checks)
    report.add("Assumption", "Only one level of each yes/no row is printed; the other level is the group's n "
               f"minus the printed count, under an intervention group of {CANDIDATES[0]} (the header) and of "
               f"{CANDIDATES[1]} (the total 360 minus the control group's {CONTROL}). Per-row missing answers "
               "are not printed and cannot be known.")
    shown = ["n_intervention", "matched_test", "consistent", "verdict"]
    report.add("Counts: which test gives the printed p", counts[["comparison", *shown]])
    report.add("Means: which t-test gives the printed p", means[["dv", *shown]])
    report.add("Group sizes", checks)
    fits = counts.groupby("n_intervention")["consistent"].sum()
    report.add("What does not add up", "\n".join([
        f"The header's groups, {CANDIDATES[0]} + {CONTROL}, add up to {CANDIDATES[0] + CONTROL}, not the "
        f"360 of the total column; the intervention percentages are counts of {CANDIDATES[1]}, not of "
        f"{CANDIDATES[0]}.",
        f"Of the {counts['comparison'].nunique()} count rows, {int(fits.get(CANDIDATES[0], 0))} can be true "
        f"with {CANDIDATES[0]} in the intervention group and {int(fits.get(CANDIDATES[1], 0))} with "
        f"{CANDIDATES[1]}; where a p fits, Pearson's chi-square without continuity correction gives it.",
        *(f"{r.dv}: p = {r.printed_p} fits neither group size ({r.verdict.split(': ', 1)[1].rstrip('.')} at "
          f"{CANDIDATES[0]}/{CONTROL}); fewer answers than the group sizes (not printed) would be needed."
          for r in _unfit_means(means, t["means"]).itertuples()),
    ]))
    return report

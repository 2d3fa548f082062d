"""Reproduction of the Mexico City study (seed ``003_ca8d7319c1a6b625.txt``).

The paper compared 11 Opinions about Mental Illness (OMI) items between women
and men "using Student's t test" in SPSS 25 and printed four of them in prose;
its Table 4 (all 11 items with their ns) is not in the text.  What it gives:
95 participants, 64.2% female, so 61 women and 34 men; each printed mean and
SD to its printed decimals; t, df and p.

The reproduction asks of each printed t-test:

1. Which row of SPSS's "Independent Samples Test" table the printed df must
   come from: a whole df is the Student row ("equal variances assumed",
   df = n1 + n2 - 2), a fractional df the Welch row.
2. What Student and Welch give from the printed means and SDs with 61 women
   and 34 men (the assumption is stated in the output).
3. Which t values are reachable when each mean and SD is known only to its
   printed decimals, and whether the printed t (itself rounded) is among them.
4. Which (n_women, n_men) splits fit the printed df, and of those which also
   reach the printed t and pass GRIM for both printed means (per-item ns may
   differ from 61 / 34 when some participants skipped an item).
5. Whether the printed p fits the printed t and df.

It also recomputes the theme percentages (without sampling intervals: the
interviewees are a self-selected convenience sample) and finds
which counts out of 95 print as each published demographic percentage.
"""
from __future__ import annotations

import numpy as np

from .._format import format_number as _fmt
from .._format import format_p as _format_p
from ..comparisons._reproduce import runs
from ._mexico_notes import answered_sentence, edge_sentence, scoring_sentence
from ._words import number_word as _word
from .registry import load_study
from .report import StudyReport, checks_table

NAME = "mexico-omi"
TITLE = "Mental health personnel in Mexico City: recovery, relapse and OMI items by sex"
DATA_FOLDER = "mexico_omi"
ORDER = 1
TOTAL = 95  # participants interviewed ("Of the 95 participants, ...")
WOMEN, MEN = 61, 34  # 64.2% female of 95: 61/95 = 64.21% is the only count that prints as 64.2
ASSUMPTION = (
    f"Group sizes assumed where the paper gives none: {WOMEN} women and {MEN} men, "
    f"because 64.2% of the {TOTAL} participants were female and {WOMEN}/{TOTAL} is the only "
    "count that prints as 64.2%. The paper does not give per-item ns (its Table 4 is missing)."
)


def _tables(tables=None, *, printed=False):
    """:func:`load_study`'s output (numbers, or as printed): ``tables`` when given, else loaded.

    The functions of this module that take ``tables`` (the numeric tables)
    or ``printed_tables`` (``load_study(NAME, printed=True)``) load them when
    None.
    """
    return load_study(NAME, printed=printed) if tables is None else tables


def _p_text(p):
    """'= .013' or '< .001' (APA, without the leading 'p ')."""
    return _format_p(p)[2:]


#: The OMI's six points scored 0–5: scored 1–6, several printed (mean, SD) pairs are
#: impossible at every n (the notebook shows it with :func:`mixedmethods.audit.sd_bounds`).
SCALE = (0, 5)


def split_table(printed_row, *, total=TOTAL):
    """Every (n_women, n_men) split with n_women + n_men <= ``total`` and the constraints each meets.

    A thin layer over :func:`mixedmethods.audit.feasible_group_sizes`, on the
    SPSS row the printed df points to (a whole df is Student's, a fractional
    one Welch's) and the 0–5 scoring of the six-point scale.

    Parameters
    ----------
    printed_row : mapping
        One row of ``load_study("mexico-omi", printed=True)["omi_ttests"]``
        (numbers as printed text).
    total : int
        The most participants who can have answered.

    Returns
    -------
    pandas.DataFrame
        One row per split: ``n_women``, ``n_men``, ``test`` (the SPSS row the
        printed df points to: ``"student"`` or ``"welch"``), ``within_sample``
        (at most the 61 women and 34 men interviewed: a per-item n can only be
        smaller), ``within_sample_if_swapped`` (the same with the group
        labels swapped), ``df_fits`` (the printed df is the Student df, or
        within the Welch df reachable from the rounded SDs), ``t_fits`` (the
        printed t, within its rounding, is reachable on that row from the
        rounded means and SDs), ``grim_women``, ``grim_men`` (the printed means
        are possible means of that many whole-number answers), ``fits_all``
        (df, t and GRIM), ``grimmer_women``, ``grimmer_men``,
        ``sd_bounds_women``, ``sd_bounds_men`` (the printed SDs are possible
        with those means on a 0–5 scale), ``feasible`` (every check) and
        ``reason`` (what rules the split out).
    """
    from ..audit import decimals_of, feasible_group_sizes

    row = {k: str(v) for k, v in dict(printed_row).items()}
    welch_row = decimals_of(row["df"]) > 0
    res = feasible_group_sizes(
        float(row["mean1"]), float(row["sd1"]), float(row["mean2"]), float(row["sd2"]),
        t=row["t"], df=row["df"], n_total=(4, total), scale_min=SCALE[0], scale_max=SCALE[1],
        decimals_mean1=decimals_of(row["mean1"]), decimals_sd1=decimals_of(row["sd1"]),
        decimals_mean2=decimals_of(row["mean2"]), decimals_sd2=decimals_of(row["sd2"]),
        equal_var=not welch_row,
    )
    n1, n2 = res["n1"].to_numpy(), res["n2"].to_numpy()
    out = res.rename(columns={
        "n1": "n_women", "n2": "n_men", "grim1": "grim_women", "grim2": "grim_men",
        "grimmer1": "grimmer_women", "grimmer2": "grimmer_men",
        "sd_bounds1": "sd_bounds_women", "sd_bounds2": "sd_bounds_men",
    })
    out["test"] = "welch" if welch_row else "student"
    out["within_sample"] = (n1 <= WOMEN) & (n2 <= MEN)
    out["within_sample_if_swapped"] = (n1 <= MEN) & (n2 <= WOMEN)
    out["fits_all"] = out[["df_fits", "t_fits", "grim_women", "grim_men"]].all(axis=1)
    order = ["n_women", "n_men", "test", "within_sample", "within_sample_if_swapped", "df_fits", "t_fits",
             "grim_women", "grim_men", "fits_all", "grimmer_women", "grimmer_men", "sd_bounds_women",
             "sd_bounds_men", "feasible", "reason"]
    return out.sort_values(["n_women", "n_men"]).reset_index(drop=True)[order]


def _pairs(table, most=8):
    """'(23, 72), (27, 68)' for a few splits, else the runs of n_women and of n_men."""
    if len(table) <= most:
        return ", ".join(f"({a}, {b})" for a, b in zip(table["n_women"], table["n_men"]))
    return f"n_women {runs(set(table['n_women']))}; n_men {runs(set(table['n_men']))}"


def _describe_splits(splits):
    fit_df = splits[splits["df_fits"]]
    fit_t = fit_df[fit_df["t_fits"]]
    fit_all = splits[splits["fits_all"]]
    totals = set((fit_df["n_women"] + fit_df["n_men"]).tolist())
    text = f"{len(fit_df)} (n_women, n_men) splits fit the printed df"
    if totals:
        text += f" (n_women + n_men = {runs(totals)})"
    text += f"; {len(fit_t)} of them also reach the printed t"
    if len(fit_t):
        text += f" ({_pairs(fit_t)})"
    text += f"; {len(fit_all)} of those also pass GRIM for both printed means"
    text += f": {_pairs(fit_all)}." if len(fit_all) else "."
    feasible = fit_all[fit_all["feasible"]]
    if len(fit_all):
        text += (f" Of these, {len(feasible)} also pass GRIMMER and the SD bounds of a "
                 f"{SCALE[0]}–{SCALE[1]} scale" + (f": {_pairs(feasible)}." if len(feasible) else "."))
    inside = feasible[feasible["within_sample"]]
    text += (
        f" Within the sample ({WOMEN} women, {MEN} men; an item's n can only be smaller) "
        + (f"{len(inside)} split(s) fit everything: {_pairs(inside)}." if len(inside) else
           "no split fits the printed df, t, means and SDs together: these numbers cannot all be true "
           "of this sample as labelled.")
    )
    swapped = feasible[feasible["within_sample_if_swapped"]]
    if not len(inside) and len(swapped):
        text += (
            f" With the group labels swapped (the first pair of values from {MEN} or fewer and the "
            f"second from {WOMEN} or fewer) {_pairs(swapped)} fit everything: the text may have "
            "attached this item's means to the wrong sex."
        )
    elif not len(inside):
        near = fit_all[fit_all["within_sample_if_swapped"]]
        if len(near):
            text += (f" Read with the sexes swapped, {_pairs(near)} would fit the df, t and GRIM, "
                     "but GRIMMER or the SD bounds rule them out too.")
    return text


def ttest_tables(tables=None, *, printed_tables=None):
    """The reported-vs-recomputed table of the four printed t-tests, and the per-item details.

    Returns
    -------
    summary : pandas.DataFrame
        One row per printed t-test, for the terminal.
    recomputed : pandas.DataFrame
        :func:`mixedmethods.compare_summary` at 61 women / 34 men (Student
        and Welch rows).
    reach : pandas.DataFrame
        :func:`mixedmethods.audit.t_range` at 61 / 34 for each item.
    splits : dict of int to pandas.DataFrame
        :func:`split_table` for each item.
    verdicts : list of str
        One paragraph per item.
    """
    import pandas as pd
    from scipy import stats

    from ..audit import decimals_of, grim, rounding_interval, t_range
    from ..comparisons import compare_summary

    printed = _tables(printed_tables, printed=True)["omi_ttests"]
    numeric = _tables(tables)["omi_ttests"]
    recomputed = compare_summary(
        numeric["mean1"], numeric["sd1"], WOMEN, numeric["mean2"], numeric["sd2"], MEN,
        dv=numeric["item_id"].tolist(), groups=("women", "men"),
    )
    reach = t_range(
        numeric["mean1"], numeric["sd1"], WOMEN, numeric["mean2"], numeric["sd2"], MEN,
        decimals_mean1=decimals_of(printed["mean1"]), decimals_sd1=decimals_of(printed["sd1"]),
        decimals_mean2=decimals_of(printed["mean2"]), decimals_sd2=decimals_of(printed["sd2"]),
    )
    reach.insert(0, "item_id", numeric["item_id"].to_numpy())
    rows, splits, verdicts = [], {}, []
    for i in range(len(printed)):
        pr, nu = printed.iloc[i], numeric.iloc[i]
        item = int(nu["item_id"])
        welch_row = decimals_of(pr["df"]) > 0
        row_name = "Welch (equal variances not assumed)" if welch_row else "Student (equal variances assumed)"
        test = "welch" if welch_row else "student"
        rec = recomputed[(recomputed["dv"] == item) & (recomputed["test"] == test)].iloc[0]
        other = recomputed[(recomputed["dv"] == item) & (recomputed["test"] != test)].iloc[0]
        lo, hi = reach.loc[i, f"{test}_t_low"], reach.loc[i, f"{test}_t_high"]
        t_printed, df_printed = float(nu["t"]), float(nu["df"])
        t_low, t_high = rounding_interval(t_printed, decimals_of(pr["t"]))
        reachable = (hi >= t_low) and (lo <= t_high)
        p_of_printed = 2 * stats.t.sf(abs(t_printed), df_printed)
        p_fits = round(p_of_printed, decimals_of(pr["p"])) == float(nu["p"])
        table = split_table(pr)
        splits[item] = table
        g_w = grim(float(nu["mean1"]), WOMEN, decimals=decimals_of(pr["mean1"])).iloc[0]
        g_m = grim(float(nu["mean2"]), MEN, decimals=decimals_of(pr["mean2"])).iloc[0]
        rows.append(
            {
                "item_id": item,
                "printed": f"t({pr['df']}) = {pr['t'].replace('-', '−')}, p {pr['p_comparison']} {pr['p']}",
                "spss_row": test,
                "t_recomputed": rec["t"], "t_reachable_low": lo, "t_reachable_high": hi,
                "df_recomputed": rec["df"], "p_recomputed": rec["p"],
                "printed_t_in_reach": reachable,
                "p_of_printed_t": p_of_printed, "printed_p_fits": p_fits,
                "splits_fitting_all": int(table["fits_all"].sum()),
                "splits_feasible": int(table["feasible"].sum()),
                "splits_feasible_within_sample": int((table["feasible"] & table["within_sample"]).sum()),
            }
        )
        answered = int(df_printed) + 2
        if welch_row:
            df_sentence = (
                f"df = {pr['df']} is fractional, so it is the Welch row (equal variances not assumed), "
                f"although the paper says it used Student's t test. At {WOMEN}/{MEN} Welch gives "
                f"df = {rec['df']:.1f}"
                + (" (the printed df is not reachable there)" if not table.query(
                    f"n_women == {WOMEN} and n_men == {MEN}")["df_fits"].iloc[0] else "")
                + "."
            )
        else:
            df_sentence = (
                f"df = {pr['df']} is a whole number, so it is the Student row (equal variances assumed) "
                f"with n_women + n_men = {answered}"
                + (f": all {TOTAL} answered." if answered == TOTAL else
                   f", so {TOTAL - answered} of the {TOTAL} did not answer this item and the split cannot be "
                   f"{WOMEN}/{MEN}.")
            )
        grim_sentence = ""
        bad = [g for g in (g_w, g_m) if g["testable"] and not g["consistent"]]
        if bad:
            grim_sentence = " GRIM at 61/34: " + "; ".join(g["reason"] for g in bad) + "."
        verdict = (
            f"Item {item} (“{nu['item']}”), printed {rows[-1]['printed']}. {df_sentence} "
            f"From the printed means and SDs at {WOMEN} women and {MEN} men, {test.title()} gives "
            f"t = {_fmt(rec['t'])} (p {_p_text(rec['p'])}); {other['test'].title()} gives "
            f"t = {_fmt(other['t'])} on {other['df']:.1f} df. With every mean and SD known only to its "
            f"printed decimals, {test.title()} t can lie anywhere from {_fmt(lo)} to {_fmt(hi)}, so the "
            f"printed {pr['t'].replace('-', '−')} is {'within' if reachable else 'outside'} reach at {WOMEN}/{MEN}."
            f"{grim_sentence} The printed t and df give p {_p_text(p_of_printed)}, "
            + ("which matches the printed p." if p_fits else
               f"not p {pr['p_comparison']} {pr['p']}: the p is misprinted (perhaps meant as p < .05); "
               f"the printed t and df {'are' if p_of_printed < 0.05 else 'are not'} significant at α = .05"
               + ("" if (rec["p"] < 0.05) == (p_of_printed < 0.05) else
                  f", but the {test.title()} test recomputed at {WOMEN}/{MEN} is "
                  f"{'not ' if rec['p'] >= 0.05 else ''}significant (p {_p_text(rec['p'])})")
               + ".")
            + f" Splits of at most {TOTAL}: {_describe_splits(table)}"
        )
        verdicts.append(verdict)
    return pd.DataFrame(rows), recomputed, reach, splits, verdicts


def theme_table(tables=None):
    """Theme counts recomputed as percentages.

    No sampling interval is given: the personnel of four centres who agreed
    to be interviewed are a self-selected convenience sample, not a random
    sample of a population (see :func:`mixedmethods.themes.tally`).

    Returns
    -------
    pandas.DataFrame
        ``question`` (recovery themes of 89, relapse themes of 77, "is
        recovery possible" of 89), ``theme``, ``n_participants``,
        ``denominator``, ``percent``, ``sample`` (``"convenience"``),
        ``note`` (why a row has no number).  Rows whose count the paper does not
        print keep it missing: nothing is invented.
    """
    import pandas as pd

    tables = _tables(tables)
    parts = []
    for key, question, label in (
        ("recovery_themes", "recovery themes", "theme"),
        ("relapse_themes", "relapse themes", "theme"),
        ("recovery_possible", "is recovery possible?", "answer"),
    ):
        t = tables[key]
        parts.append(pd.DataFrame({
            "question": question, "theme": t[label],
            "n_participants": t["n_participants"].astype(float),
            "denominator": t["denominator"].astype("int64"),
            "note": t["stated"] if "stated" in t else "",
        }))
    out = pd.concat(parts, ignore_index=True)
    counts = out["n_participants"].to_numpy(dtype=float, na_value=np.nan)
    nobs = out["denominator"].to_numpy(dtype=float)
    out["percent"] = 100 * counts / nobs
    out["sample"] = "convenience"
    known = out["n_participants"].notna().to_numpy()
    out.loc[~known, "note"] = [
        ("count not printed; " + n).rstrip("; ") for n in out.loc[~known, "note"].fillna("")
    ]
    return out[["question", "theme", "n_participants", "denominator", "percent", "sample", "note"]]


def demographic_table(*, printed_tables=None):
    """Which counts out of 95 print as each published percentage, and per-characteristic sums."""
    import pandas as pd

    from ..audit import decimals_of, percent_counts

    printed = _tables(printed_tables, printed=True)["demographics"]
    res = percent_counts(
        printed["percent"].astype(float), printed["denominator"].astype(int),
        decimals=decimals_of(printed["percent"]),
    )
    out = pd.DataFrame({
        "characteristic": printed["characteristic"], "level": printed["level"],
        "percent_printed": printed["percent"], "denominator": res["n"], "counts": res["counts"],
        "consistent": res["consistent"], "reason": res["reason"],
    })
    sums = []
    for name, group in out.groupby("characteristic", sort=False):
        if len(group) < 2:
            continue
        idx = group.index
        total = res.loc[idx, "percent"].sum()
        low, high = res.loc[idx, "count_low"].sum(), res.loc[idx, "count_high"].sum()
        complete = bool(res.loc[idx, "consistent"].all())
        sums.append({
            "characteristic": name, "percent_total": round(total, 1),
            "count_total": f"{int(low)}–{int(high)}" if complete and low != high
            else (f"{int(low)}" if complete else "not computable (a level has no count)"),
            "denominator": int(res.loc[idx[0], "n"]),
        })
    return out, pd.DataFrame(sums)


def arithmetic_checks(tables=None):
    """Totals the text states that can be checked against each other."""
    import pandas as pd

    t = _tables(tables)
    desc = t["descriptives"].set_index("quantity")["value"]
    possible_counts = " + ".join(str(int(n)) for n in t["recovery_possible"]["n_participants"])
    possible = t["recovery_possible"]["n_participants"].sum()
    printed_tests = len(t["omi_ttests"])  # one row per t-test the text prints
    checks = [
        ("interviewed − excluded = analysed",
         f"{desc['participants interviewed']:.0f} − {desc['participants excluded']:.0f}",
         desc["participants interviewed"] - desc["participants excluded"],
         desc["participants analysed (recovery themes)"]),
        (f"is recovery possible: {possible_counts} = analysed", possible_counts, possible,
         desc["participants analysed (recovery themes)"]),
        ("relapse: analysed + non-responses = 89",
         f"{desc['participants analysed (relapse)']:.0f} + {desc['relapse non-responses']:.0f}",
         desc["participants analysed (relapse)"] + desc["relapse non-responses"],
         desc["participants analysed (recovery themes)"]),
        ("items with significant differences printed", f"{printed_tests} printed in the text", printed_tests,
         desc["items with significant differences"]),
    ]
    return checks_table(
        [{"check": c, "computed_from": how, "gives": int(v), "stated": int(s)} for c, how, v, s in checks]
    )


def all_checks(ttests, demographics, totals):
    """Every check of the printed numbers against each other, in one table.

    Parameters
    ----------
    ttests, demographics, totals : pandas.DataFrame
        The first output of :func:`ttest_tables`, the first of
        :func:`demographic_table` and :func:`arithmetic_checks`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`mixedmethods.studies.checks_table`.
    """
    import pandas as pd

    rows = []
    for r in ttests.itertuples():
        rows.append({"check": f"item {r.item_id}: the printed p fits the printed t and df",
                     "computed_from": r.printed, "gives": f"p = {r.p_of_printed_t:.3f}",
                     "stated": r.printed.split(", ")[1], "agrees": r.printed_p_fits})
        rows.append({"check": f"item {r.item_id}: the printed t is reachable at {WOMEN}/{MEN} ({r.spss_row} row)",
                     "computed_from": "printed means and SDs within rounding",
                     "gives": f"{_fmt(r.t_reachable_low)} to {_fmt(r.t_reachable_high)}",
                     "stated": r.printed.split(" = ")[1].split(",")[0], "agrees": r.printed_t_in_reach})
        rows.append({"check": f"item {r.item_id}: some split within the sample fits df, t, means and SDs",
                     "computed_from": f"splits with at most {WOMEN} women and {MEN} men (GRIM, GRIMMER, "
                                      f"SD bounds on {SCALE[0]}–{SCALE[1]})",
                     "gives": r.splits_feasible_within_sample, "stated": "at least 1",
                     "agrees": r.splits_feasible_within_sample > 0})
    for r in demographics.itertuples():
        rows.append({"check": f"{r.characteristic} ({r.level}): {r.percent_printed}% is a count out of {r.denominator}",
                     "computed_from": f"k/{r.denominator} rounded", "gives": r.counts or "no count",
                     "stated": f"{r.percent_printed}%", "agrees": r.consistent})
    return pd.concat([checks_table(rows), totals], ignore_index=True)


def _printed_p_and_df(summary, printed):
    """The report's sentence on the printed p values and df, from :func:`ttest_tables`'s summary."""
    n = _word(len(summary))
    ps = list(dict.fromkeys(printed["p_comparison"] + " " + printed["p"]))
    welch = printed.loc[(summary["spss_row"] == "welch").to_numpy(), "df"].tolist()
    student = printed.loc[(summary["spss_row"] == "student").to_numpy(), "df"]
    short = [(df, int(float(df)) + 2) for df in student if int(float(df)) + 2 < TOTAL]
    text = (
        (f"All {n} t-tests print p {ps[0]}" if len(ps) == 1 else f"The {n} t-tests print p {', '.join(ps)}")
        + f", but their t and df give p between {_p_text(summary['p_of_printed_t'].min()).replace('= ', '')} "
        f"and {_p_text(summary['p_of_printed_t'].max()).replace('= ', '')}; the paper says Student's t test "
        f"was used, but {_word(len(welch))} of the {n} df ({', '.join(welch)}) come from the Welch row"
    )
    if short:
        one = len(short) == 1
        text += (f", and {_word(len(short))} ({', '.join(df for df, _ in short)}) "
                 f"{'implies' if one else 'imply'} only {', '.join(str(a) for _, a in short)} answered "
                 f"{'that item' if one else 'those items'}")
    return text + "."


def _printed_pair(printed, item, group):
    """(mean, sd) of one group of one printed t-test, as printed text."""
    row = printed[printed["item_id"].astype(int) == item].iloc[0]
    return row[f"mean{group}"], row[f"sd{group}"]


def reproduce() -> StudyReport:
    """Run the whole reproduction and return the report."""
    import pandas as pd

    report = StudyReport(NAME, TITLE)
    tables = load_study(NAME)
    printed = load_study(NAME, printed=True)
    summary, recomputed, reach, splits, verdicts = ttest_tables(tables, printed_tables=printed)
    themes = theme_table(tables)
    demographics, sums = demographic_table(printed_tables=printed)
    totals = arithmetic_checks(tables)
    checks = all_checks(summary, demographics, totals)
    report.tables.update(
        ttests=summary, recomputed=recomputed, t_range=reach, themes=themes,
        demographics=demographics, demographic_sums=sums, totals=totals, checks=checks,
        **{f"splits_item{k}": v for k, v in splits.items()},
    )
    report.add("Assumption", f"{ASSUMPTION} {scoring_sentence(printed['omi_ttests'], TOTAL)}")
    shown_t = pd.DataFrame({
        "item": summary["item_id"], "printed": summary["printed"],
        "SPSS row": summary["spss_row"].str.title(),
        "t at 61/34 (reachable)": [f"{_fmt(t)} ({_fmt(a)} to {_fmt(b)})" for t, a, b in zip(
            summary["t_recomputed"], summary["t_reachable_low"], summary["t_reachable_high"])],
        "df at 61/34": summary["df_recomputed"].map(lambda v: f"{v:.1f}"),
        "printed t in reach": summary["printed_t_in_reach"].map({True: "yes", False: "no"}),
        "p of printed t": summary["p_of_printed_t"].map(lambda v: _p_text(v).replace("= ", "")),
        "feasible splits (in sample)": [f"{a} ({b})" for a, b in zip(
            summary["splits_feasible"], summary["splits_feasible_within_sample"])],
    })
    report.add(
        "OMI items by sex: printed vs recomputed (t at 61/34 with the range reachable from "
        "rounded means and SDs, on the SPSS row the printed df points to)", shown_t,
    )
    report.add("Verdicts", "\n\n".join(verdicts))
    shown = themes.assign(
        n=themes["n_participants"].map(lambda v: "—" if np.isnan(v) else f"{v:.0f}"),
        pct=themes["percent"].map(lambda v: "—" if np.isnan(v) else f"{v:.1f}%"),
    )[["question", "theme", "n", "denominator", "pct", "note"]]
    shown = shown.rename(columns={"denominator": "of", "pct": "percent"})
    report.add("Themes: participants mentioning each (no sampling intervals: a self-selected convenience "
               "sample)", shown)
    report.add(
        "Demographic percentages of 95: which counts print as each",
        demographics.drop(columns=["reason"]).rename(columns={
            "percent_printed": "printed %", "denominator": "of", "counts": "counts that print so"}),
    )
    report.add("Do the percentages of each characteristic add up?", sums.rename(columns={
        "percent_total": "printed % add up to", "count_total": "counts add up to",
        "denominator": "of"}))
    report.add("Totals stated in the text", totals)
    inconsistent = demographics[~demographics["consistent"]]
    report.add(
        "What does not add up",
        "\n".join(
            [f"{r.characteristic} ({r.level}): {r.reason}." for r in inconsistent.itertuples()]
            + [
                _printed_p_and_df(summary, printed["omi_ttests"]),
                answered_sentence(printed["omi_ttests"], interviewed=TOTAL, excluded=int(
                    tables["descriptives"].set_index("quantity").loc["participants excluded", "value"]),
                    analysed=int(tables["descriptives"].set_index("quantity").loc[
                        "participants analysed (recovery themes)", "value"])),
                edge_sentence(*_printed_pair(printed["omi_ttests"], 3, "2"), n=MEN, scale=SCALE,
                              label="The men's item 3"),
                "The text says five items differed significantly but prints four; the fifth and "
                "the six non-significant items are in Table 4, which the text does not contain, so "
                "their values (and the per-item ns) cannot be known.",
            ]
        ),
    )
    return report

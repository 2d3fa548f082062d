"""Reproduction of the Japanese co-production study (seed ``001_d6fc93feab716867.txt``).

Seven service users and three professionals met as one focus group eleven
times; a thematic analysis of the transcripts gave three themes (barriers to
recovery, their roots, solutions), each with sub-themes and, under those,
named barriers, roots or solutions.  The paper illustrates them with 40
quotes, each attributed to a participant (User 1, Psychologist 1, Nurse 1,
Volunteer Worker 1, ...).

The reproduction:

1. checks the participant counts the text states against Table 1 (7 users +
   3 professionals = 10; all users men; two men and one woman among the
   professionals) and the hierarchy against the lists the text gives;
2. counts, for every node of the theme hierarchy, the quotes and the
   participants quoted, split by participant type (user or professional),
   with :func:`~mixedmethods.themes.tally`, :func:`~mixedmethods.themes.crosstab`
   and :func:`~mixedmethods.themes.case_matrix`: whose voice the paper prints
   under each theme;
3. audits the meeting durations (mean 145.3 min, range 112–185, 11
   meetings): GRIM for whole minutes, the SDs the range allows
   (:func:`~mixedmethods.audit.sd_bounds`, and tighter bounds when the
   shortest and longest meeting are known to have happened), the total the
   mean implies, and what the stated "2 h" and "19-month period" fit;
4. shows seeded SPRITE samples of durations that fit the published summary
   for an assumed SD, labelled synthetic: the paper gives no SD.
"""
from __future__ import annotations

import numpy as np

from ._words import number_word as _word
from .registry import load_study
from .report import StudyReport, checks_table

NAME = "japan"
TITLE = "System-level barriers to personal recovery: co-productive narrative dialogues, Japan"
DATA_FOLDER = "japan"
ORDER = 3

#: Participant types, in the order tables list them.
TYPES = ("user", "professional")
#: The seed of every synthetic (SPRITE) sample this module makes.
SYNTHETIC_SEED = 2016
#: SDs (minutes) assumed for the synthetic samples; the paper prints no SD.
ASSUMED_SDS = (20, 30)


def _tables(tables=None):
    """:func:`load_study`'s output: ``tables`` when given, else loaded.

    Every function of this module that takes ``tables`` (optional) accepts
    that output and loads it when None.
    """
    return load_study(NAME) if tables is None else tables


def _design(tables):
    """``{quantity: value}`` and ``{quantity: printed}`` from design.csv."""
    design = tables["design"].set_index("quantity")
    return design["value"], design["printed"]


# --------------------------------------------------------------------------- counts
def participant_checks(tables=None):
    """The counts the text states, recomputed from Table 1, the quotes and the hierarchy.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`mixedmethods.studies.checks_table`.
    """
    import pandas as pd

    t = _tables(tables)
    value, _ = _design(t)
    part, seg, hier = t["participants"], t["segments"], t["hierarchy"]
    n_type = part["type"].value_counts()
    men = part[part["gender"] == "man"].groupby("type").size()
    women = part[part["gender"] == "woman"].groupby("type").size()
    labels = sorted(set(seg["participant"]))
    leaves = hier[hier["level"] == 2]
    theme1 = leaves[leaves["theme_number"] == 1]
    rows = [
        ("users + professionals = participants in Table 1",
         f"{value['service users']:.0f} + {value['professionals']:.0f} (text)",
         int(value["service users"] + value["professionals"]), len(part)),
        ("users in Table 1 = 'seven service users'", "rows of type user", int(n_type.get("user", 0)),
         int(value["service users"])),
        ("professionals in Table 1 = 'three professionals'", "rows of type professional",
         int(n_type.get("professional", 0)), int(value["professionals"])),
        ("users who are men = 'all seven were men'", "Table 1, users, gender man",
         int(men.get("user", 0)), int(value["service users who were men"])),
        ("professionals who are men = 'two men'", "Table 1, professionals, gender man",
         int(men.get("professional", 0)), int(value["professionals who were men"])),
        ("professionals who are women = 'one woman'", "Table 1, professionals, gender woman",
         int(women.get("professional", 0)), int(value["professionals who were women"])),
        ("quoted participants found in Table 1", f"{len(labels)} distinct attributions",
         int(sum(lab in set(part["participant"]) for lab in labels)), len(labels)),
        ("themes = 'Three themes were identified'", "theme headings",
         int((hier["level"] == 0).sum()), int(value["themes"])),
        ("facilitators of recovery = 'no narratives relating to facilitators'", "codes of kind facilitator",
         int((hier["kind"] == "facilitator").sum()), int(value["facilitators of recovery identified"])),
    ]
    for sub, group in theme1.groupby("sub_theme", sort=False):
        listed = int((group["name_listed"] != "").sum())
        rows.append((f"barriers of '{sub}': described = listed", "barrier sections in the text",
                     len(group), listed))
    return checks_table([{"check": c, "computed_from": how, "gives": g, "stated": s} for c, how, g, s in rows])


def _by_type(tables):
    seg, part = tables["segments"], tables["participants"]
    kind = dict(zip(part["participant"], part["type"]))
    return seg.assign(type=seg["participant"].map(kind)), part


def theme_voices(tables=None):
    """Quotes and participants quoted under every node of the hierarchy, by participant type.

    Returns
    -------
    pandas.DataFrame
        One row per node of ``hierarchy.csv`` in tree order: ``code_path``,
        ``code``, ``level`` (0 theme, 1 sub-theme, 2 barrier / root /
        solution), ``kind``, ``n_quotes``, ``n_participants`` (quoted, of
        10), then for each type (user, professional): ``{type}_quotes`` and
        ``{type}s_quoted`` (of 7 users, of 3 professionals), and
        ``user_share_of_quotes`` (NaN where there is no quote).  Parents
        count their children's quotes (:func:`~mixedmethods.themes.tally`
        with ``roll_up=True``).
    """
    from ..themes import tally

    t = _tables(tables)
    seg, part = _by_type(t)
    hier = t["hierarchy"]
    codes = hier["code_path"].tolist()
    every = tally(seg, participants=part, codes=codes, sample="convenience")
    out = every[["code_path", "code", "level", "n_segments", "n_participants"]].rename(
        columns={"n_segments": "n_quotes"})
    for kind in TYPES:
        sub = tally(seg[seg["type"] == kind], participants=part[part["type"] == kind], codes=codes,
                    sample="convenience")
        sub = sub.set_index("code_path")
        out[f"{kind}_quotes"] = sub.loc[out["code_path"], "n_segments"].to_numpy()
        out[f"{kind}s_quoted"] = sub.loc[out["code_path"], "n_participants"].to_numpy()
    out["user_share_of_quotes"] = out["user_quotes"] / out["n_quotes"].where(out["n_quotes"] > 0)
    out.insert(3, "kind", out["code_path"].map(dict(zip(hier["code_path"], hier["kind"]))))
    return out   # in the paper's reading order: tally(codes=...) keeps the hierarchy file's order


def quotes_per_participant(tables=None):
    """Quotes of each participant under each theme, never-quoted participants included.

    Returns
    -------
    pandas.DataFrame
        One row per participant of Table 1 (in its order): ``participant``,
        ``type``, one column per theme (quotes under it, sub-themes
        included), ``total`` and ``themes_quoted`` (how many of the three
        themes the participant is quoted under).
    """
    import pandas as pd

    t = _tables(tables)
    seg, part = _by_type(t)
    themes = t["hierarchy"].loc[t["hierarchy"]["level"] == 0, "code_path"].tolist()
    top = seg["code_path"].str.split(" / ").str[0]
    counts = pd.crosstab(pd.Categorical(seg["participant"], categories=part["participant"]),
                         pd.Categorical(top, categories=themes), dropna=False)
    out = pd.DataFrame({"participant": part["participant"].to_numpy(), "type": part["type"].to_numpy()})
    for theme in themes:
        out[theme] = counts[theme].to_numpy()
    out["total"] = out[themes].sum(axis=1)
    out["themes_quoted"] = (out[themes] > 0).sum(axis=1)
    return out


def type_crosstab(level=0, tables=None):
    """Participants quoted per node at ``level``, users against professionals, with Fisher's test.

    Returns
    -------
    pandas.DataFrame
        :func:`mixedmethods.themes.crosstab` rows (by ``type``) for the nodes
        of the hierarchy at ``level`` (0 = the three themes).
    """
    from ..themes import crosstab

    t = _tables(tables)
    seg, part = _by_type(t)
    hier = t["hierarchy"]
    res = crosstab(seg, participants=part, between="type", codes=hier["code_path"].tolist(), sample="convenience")
    order = {p: i for i, p in enumerate(hier.loc[hier["level"] == level, "code_path"])}
    res = res[res["code_path"].isin(order)]
    position = res["code_path"].map(order) * len(TYPES) + res["group"].map({g: i for i, g in enumerate(TYPES)})
    return res.iloc[np.argsort(position.to_numpy(), kind="stable")].reset_index(drop=True)


# --------------------------------------------------------------------------- durations
def _range_attained_sd(total, n, low, high):
    """SD bounds of ``n`` whole numbers summing to ``total`` whose minimum is ``low`` and maximum ``high``.

    The other ``n - 2`` values lie in [low, high]; their SD bounds come from
    :func:`~mixedmethods.audit.sd_bounds` (their mean taken as exact), and
    the sums of squares are added back.
    """
    from ..audit import sd_bounds

    m, rest = n - 2, total - low - high
    inner = sd_bounds(rest / m, m, scale_min=low, scale_max=high, decimals=12).iloc[0]
    out = []
    for sd_inner in (inner["sd_min"], inner["sd_max"]):
        squares = (m - 1) * sd_inner**2 + rest**2 / m + low**2 + high**2
        out.append(float(np.sqrt((squares - total**2 / n) / (n - 1))))
    return out


def duration_audit(tables=None):
    """The meeting durations through GRIM, the SD bounds and the totals.

    Returns
    -------
    summary : pandas.DataFrame
        One row per check: ``check``, ``result``, ``what it means``.
    values : dict
        The numbers behind it: ``mean``, ``n``, ``shortest``, ``longest``,
        ``decimals``, ``grim`` (the :func:`~mixedmethods.audit.grim` row),
        ``totals`` (whole-minute totals whose mean prints as 145.3),
        ``sd_bounds`` (the :func:`~mixedmethods.audit.sd_bounds` row),
        ``sd_attained`` ((low, high) when both extremes occurred),
        ``total_range`` (smallest and largest total the range allows),
        ``mean_range`` (the same as means), ``stated_total`` (11 × 2 h in
        minutes), ``min_meetings_over_2h``, ``days``, ``months_elapsed``,
        ``calendar_months``.
    """
    import pandas as pd

    from ..audit import decimals_of, grim, rounding_interval, sd_bounds

    t = _tables(tables)
    value, printed = _design(t)
    mean = float(value["meeting duration, mean"])
    decimals = int(decimals_of(str(printed["meeting duration, mean"])))
    n = int(value["meetings"])
    low, high = int(value["meeting duration, shortest"]), int(value["meeting duration, longest"])
    hours = float(value["meeting length as stated"])

    g = grim(mean, n, decimals=decimals).iloc[0]
    lo, hi = rounding_interval(mean, decimals)
    totals = list(range(int(np.ceil(lo * n)), int(np.floor(hi * n)) + 1))
    bounds = sd_bounds(mean, n, scale_min=low, scale_max=high, decimals=decimals).iloc[0]
    attained = [_range_attained_sd(T, n, low, high) for T in totals]
    sd_attained = (min(a for a, _ in attained), max(b for _, b in attained))
    total_range = (low + high + (n - 2) * low, low + high + (n - 2) * high)
    mean_range = (total_range[0] / n, total_range[1] / n)
    stated_total = n * hours * 60
    # meetings over 2 h: the fewest is when the others sit at 120 min or at the longest
    cut = int(hours * 60)
    over = next(j for j in range(n - 1) if low + high + j * high + (n - 2 - j) * cut >= min(totals)) + 1
    first = pd.Timestamp(printed["first meeting"])
    last = pd.Timestamp(printed["last meeting"])
    days = int((last - first).days)
    months_elapsed = days / (365.25 / 12)
    calendar_months = (last.year - first.year) * 12 + last.month - first.month + 1

    def hm(minutes):
        return f"{int(minutes) // 60} h {int(minutes) % 60:02d} min"

    shown = f"{mean:.{decimals}f}"
    unit = f"{10 ** -decimals:g}"
    if g["testable"]:
        grim_note = (f"GRIM could fail here: means of {n} whole numbers step by 1/{n} = {1 / n:.3f} min, "
                     f"coarser than the {unit} the mean is printed to.")
    else:
        grim_note = (f"but GRIM cannot fail here: means of {n} whole numbers step by 1/{n} = {1 / n:.3f} min, "
                     f"finer than the {unit} the mean is printed to, so every "
                     f"{_word(decimals)}-decimal mean is reachable "
                     "(testable = False).")
    inside = mean_range[0] <= mean <= mean_range[1]
    rows = [
        (f"GRIM: can {n} whole-minute durations average {shown}?",
         f"yes: {' or '.join(f'{T}/{n} = {T / n:.4f}' for T in totals)}" if totals else "no",
         grim_note),
        ("Total the mean implies",
         f"{totals[0]} min ({hm(totals[0])})" if len(totals) == 1 else f"{totals[0]}–{totals[-1]} min",
         f"{n} × [{lo:.2f}, {hi:.2f}) = [{n * lo:.2f}, {n * hi:.2f}) min; "
         + (f"{totals[0]} is the only whole minute in it." if len(totals) == 1
            else f"{len(totals)} whole minutes lie in it.")),
        ("Total the range allows",
         f"{total_range[0]}–{total_range[1]} min (mean {mean_range[0]:.1f}–{mean_range[1]:.1f})",
         f"one meeting of {low}, one of {high}, the other {n - 2} anywhere between: {shown} lies "
         + ("inside, so mean and range agree." if inside else "outside, so mean and range cannot both be right.")),
        (f"SD bounds (sd_bounds, {low} and {high} as limits)",
         f"{bounds['sd_min']:.2f}–{bounds['sd_max']:.2f} min",
         "every SD in this interval is possible in principle; the paper prints no SD, so nothing can fail."),
        (f"SD bounds when a {low} and a {high} both occurred",
         f"{sd_attained[0]:.2f}–{sd_attained[1]:.2f} min",
         f"the range is observed, not a limit: the other {n - 2} meetings total {totals[0] - low - high} min; "
         f"the lower bound rises from {bounds['sd_min']:.2f} to {sd_attained[0]:.2f}."),
        ("'each session lasting 2 h' against the mean",
         f"{n} × {hours:g} h = {stated_total:.0f} min vs {totals[0]} min",
         f"the meetings ran {totals[0] - stated_total:.0f} min ({hm(totals[0] - stated_total)}) longer in all; "
         "'2 h' can only be the scheduled length."),
        ("Meetings longer than 2 h",
         f"at least {over} of {n}",
         f"with one meeting at {low} and one at {high}, the total of {totals[0]} needs at least {over - 1} more "
         f"meetings above {cut} min even if all others lasted the full {high}."),
        ("'19-month period from 30 July 2016 to 13 January 2018'",
         f"{calendar_months} calendar months touched; {months_elapsed:.1f} months elapsed ({days} days)",
         f"19 counts July 2016 … January 2018 inclusive; the series lasted about {months_elapsed:.1f} months, "
         f"one meeting every {days / (n - 1):.0f} days on average."),
    ]
    summary = pd.DataFrame(rows, columns=["check", "result", "what it means"])
    values = {
        "mean": mean, "n": n, "shortest": low, "longest": high, "decimals": decimals, "grim": g,
        "totals": totals, "sd_bounds": bounds, "sd_attained": sd_attained, "total_range": total_range,
        "mean_range": mean_range, "stated_total": stated_total, "min_meetings_over_2h": over,
        "days": days, "months_elapsed": months_elapsed, "calendar_months": calendar_months,
    }
    return summary, values


def synthetic_durations(sd, *, k=5, seed=SYNTHETIC_SEED, values=None, tables=None):
    """SYNTHETIC meeting durations: samples that fit the published summary for an assumed SD.

    Each sample has 11 whole-minute durations with one meeting of 112 and one
    of 185 minutes, a mean that prints as 145.3 and an SD close to ``sd``
    (which the paper does not give).  The other nine durations come from
    :func:`~mixedmethods.audit.sprite`, whose seed is ``seed``.  They are
    illustrations of what the summary allows, not the study's data.

    ``values`` (optional) is the second output of :func:`duration_audit`,
    computed (from ``tables``) when None.

    Returns
    -------
    pandas.DataFrame
        One row per sample and meeting: ``sample`` (1..), ``assumed_sd``,
        ``minutes``, ``sd`` (the sample's own SD), ``synthetic`` (always
        True).
    """
    import pandas as pd

    from ..audit import sprite

    v = duration_audit(tables)[1] if values is None else values
    n, low, high, total = v["n"], v["shortest"], v["longest"], v["totals"][0]
    m, rest = n - 2, total - low - high
    squares = (n - 1) * sd**2 + total**2 / n - low**2 - high**2
    sd_inner = float(np.sqrt((squares - rest**2 / m) / (m - 1)))
    inner = sprite(round(rest / m, 2), round(sd_inner, 1), m, scale_min=low, scale_max=high,
                   decimals_mean=2, decimals_sd=1, k=k, seed=seed, progress=False)
    frames = []
    for i, sample in enumerate(inner, start=1):
        minutes = np.sort(np.concatenate([[low], sample, [high]]))
        frames.append(pd.DataFrame({"sample": i, "assumed_sd": sd, "minutes": minutes,
                                    "sd": float(np.std(minutes, ddof=1)), "synthetic": True}))
    return pd.concat(frames, ignore_index=True)


# --------------------------------------------------------------------------- report
def _quotes(k):
    return f"{k} quote" + ("" if k == 1 else "s")


def not_adding_up(values=None):
    """Sentences on the numbers and names in the text that do not agree, from :func:`duration_audit`."""
    if values is None:
        _, values = duration_audit()
    v = values
    return [
        f"'each lasting 2 h' (abstract) and 'each session lasting 2 h' (Method) against 'Meeting duration "
        f"averaged 145.3 min (range 112–185 min)': {v['n']} meetings of 2 h are {v['stated_total']:.0f} min, "
        f"the mean implies {v['totals'][0]}; at least {v['min_meetings_over_2h']} meetings ran over 2 h and "
        f"at least one ({v['shortest']} min) under.",
        f"'the 19-month period from 30 July 2016 to 13 January 2018' is {v['days']} days, about "
        f"{v['months_elapsed']:.1f} months; 19 is the number of calendar months touched (July 2016 to "
        f"January 2018 inclusive: {v['calendar_months']}).",
        "Reunion with self: the text lists two barriers ('less value for life with mental illness' and "
        "'peer is unavailable') but describes three, the third being 'Social exclusion'.",
        "Locus of control: the listed barrier 'psychosis and antipsychotics' is described under the heading "
        "'Disempowerment owing to symptoms and medication'; other names differ slightly between list and "
        "heading ('peer is unavailable' / 'Peers are unavailable', 'open and accepting' / 'Open and acceptable "
        "community', 'system' / 'Systems without trauma sensitivity').",
        "'Inclusive design that overcomes stigma': the text says 'The users noted the importance of peer "
        "support', but the only quote printed under it is from Psychologist 1.",
    ]


def can_and_cannot(values=None, per_person=None):
    """What the counts and the duration checks can and cannot tell, with this study's numbers."""
    if values is None:
        _, values = duration_audit()
    if per_person is None:
        per_person = quotes_per_participant()
    v = values
    silent = per_person.loc[per_person["total"] == 0, "participant"].tolist()
    users, pros = (int((per_person["type"] == kind).sum()) for kind in TYPES)
    quoted = int((per_person["total"] > 0).sum())
    return (
        f"The counts are of quotes the authors chose to print as illustrations: {per_person['total'].sum()} "
        f"quotes from {quoted} of the {len(per_person)} participants. They show whose words the paper gives "
        "each theme, not who spoke, how often, or who first raised a point; "
        f"{' and '.join([', '.join(silent[:-1]), silent[-1]] if len(silent) > 1 else silent)} may have "
        f"spoken at every meeting. Percentages of {users} users and "
        f"{pros} professionals, and Fisher's tests between them, describe these {len(per_person)} people only.\n"
        "The duration checks can show that the printed mean, range and n fit together (they do) and what they "
        f"imply (a total of {v['totals'][0]} min, an SD between {v['sd_attained'][0]:.1f} and "
        f"{v['sd_attained'][1]:.1f} min, at least {v['min_meetings_over_2h']} meetings over 2 h). They cannot "
        f"test the mean (GRIM has no power at n = {v['n']} with one decimal), recover the SD or the individual "
        "durations (the SPRITE samples are SYNTHETIC, for an assumed SD), or say how long anyone spoke."
    )


def reproduce() -> StudyReport:
    """Run the whole reproduction and return the report."""
    import pandas as pd

    report = StudyReport(NAME, TITLE)
    t = load_study(NAME)
    checks = participant_checks(t)
    voices = theme_voices(t)
    per_person = quotes_per_participant(t)
    by_type = type_crosstab(level=0, tables=t)
    durations, values = duration_audit(t)
    synthetic = pd.concat([synthetic_durations(sd, k=3, values=values) for sd in ASSUMED_SDS],
                          ignore_index=True)
    report.tables.update(
        participants=t["participants"], checks=checks, theme_voices=voices,
        quotes_per_participant=per_person, type_crosstab=by_type, durations=durations,
        synthetic_durations=synthetic,
    )
    people = t["participants"]
    users, pros = (int((people["type"] == kind).sum()) for kind in TYPES)
    levels = t["hierarchy"]["level"].value_counts()
    printed = _design(t)[1]
    report.add(
        "Design",
        f"One focus group of {users} service users and {pros} professionals met {values['n']} times "
        f"({printed['first meeting']} to {printed['last meeting']}). Thematic analysis gave {levels[0]} themes, "
        f"{levels[1]} sub-themes and {levels[2]} barriers, roots and solutions; the "
        f"paper prints {len(t['segments'])} quotes attributed to {t['segments']['participant'].nunique()} "
        f"of the {len(people)} participants. Quote labels are matched to Table 1 by number (User k = row k), "
        f"which the paper does not state; the {_word(pros)} professionals are matched by profession.",
    )
    report.add("Participants (Table 1)", people[["participant", "type", "age_band", "gender"]].assign(
        experience=[f"{d}, {y:.0f} years as a service user" if t_ == "user" else f"{p_} at {w}"
                    for t_, d, y, p_, w in zip(people["type"], people["diagnosis"], people["years_as_service_user"],
                                               people["profession"], people["workplace"])]))
    report.add("Counts stated in the text, recomputed", checks)
    shown = voices.assign(
        node=["  " * lv + c for lv, c in zip(voices["level"], voices["code"])],
        users=[f"{_quotes(q)}, {p}/{users}" for q, p in zip(voices["user_quotes"], voices["users_quoted"])],
        professionals=[f"{_quotes(q)}, {p}/{pros}" for q, p in
                       zip(voices["professional_quotes"], voices["professionals_quoted"])],
        user_share=voices["user_share_of_quotes"].map(lambda x: "—" if np.isnan(x) else f"{100 * x:.0f}%"),
    )[["node", "kind", "n_quotes", "n_participants", "users", "professionals", "user_share"]]
    report.add("Whose quotes stand under each theme, sub-theme and barrier (participants quoted of "
               f"{users} users, of {pros} professionals)",
               shown.rename(columns={"n_quotes": "quotes", "n_participants": f"quoted of {len(people)}",
                                                           "user_share": "users' share of quotes"}))
    report.add("Quotes per participant and theme", per_person)
    report.add(
        f"Users and professionals quoted per theme (crosstab; Fisher's exact test, {users} against {pros} people)",
        by_type[["code", "group", "n_participants", "denominator", "prevalence", "p"]].assign(
            prevalence=lambda d: d["prevalence"].map(lambda x: f"{100 * x:.0f}%"),
            p=lambda d: d["p"].map(lambda x: f"{x:.3f}")),
    )
    report.add(f"Meeting durations (mean {printed['meeting duration, mean']} min, range "
               f"{values['shortest']}–{values['longest']}, n = {values['n']}): audit", durations)
    report.add(
        f"SYNTHETIC meeting durations (SPRITE, seed {SYNTHETIC_SEED}; SD assumed, the paper prints none)",
        synthetic.groupby(["assumed_sd", "sample"], sort=False).agg(
            minutes=("minutes", lambda m: " ".join(str(int(x)) for x in m)),
            mean=("minutes", lambda m: f"{m.mean():.1f}"), sd=("sd", lambda s: f"{s.iloc[0]:.1f}"),
        ).reset_index().assign(data="SYNTHETIC"),
    )
    report.add("What does not add up", "\n".join(not_adding_up(values)))
    report.add("What these numbers can and cannot tell", can_and_cannot(values, per_person))
    return report

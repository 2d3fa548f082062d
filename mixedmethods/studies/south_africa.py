"""Reproduction of the Western Cape service-provider study (seed ``000_f24964393e46c50d.txt``).

Seventeen service providers (11 individual interviews, two focus groups of 2
and 4) were asked about personal recovery from severe mental illness; the
transcripts were analysed with the framework method into three themes, the
third with two sub-themes.  The paper prints the sample's composition in
prose (its Table 1 is not in the text) and illustrates each theme with block
quotes attributed to participant codes (SW3, P1, D1, OT2, N2, V1, ...).

The reproduction

1. checks that the published counts add up (interviews and focus groups,
   professions, sectors, transcripts) and that every attribution code fits
   its profession's count (no ``SW6`` among five social workers);
2. counts the participants **quoted** under each theme and sub-theme
   (:func:`~mixedmethods.themes.tally`), by profession
   (:func:`~mixedmethods.themes.crosstab`), and bounds the counts by sector,
   which the paper gives only for the whole sample;
3. builds the framework matrix, participants × themes
   (:func:`~mixedmethods.themes.case_matrix`).

A participant *quoted* under a theme is not the same as a participant who
*spoke* to it: the authors chose which quotes to print, so every count here
is a lower bound on who raised a theme, and a zero means "not quoted", never
"did not mention".
"""
from __future__ import annotations

from ._words import number_word as _word
from .registry import load_study
from .report import StudyReport, checks_table

NAME = "south-africa"
TITLE = "Service providers' perspectives on personal recovery from severe mental illness, Western Cape"
DATA_FOLDER = "south_africa"
ORDER = 2
ANY_THEME = "any theme"

_QUOTED_IS_NOT_MENTIONED = (
    "“Participants quoted” counts the participants whose words the paper prints under a theme. "
    "It is not the number who raised the theme: the authors quote a selection ({n_quotes} block quotes "
    "from {n_quoted} of the {n_total} participants), so each count is a lower bound and a zero means only "
    "“not quoted”. The percentages describe the article, not the {n_total} providers, and no confidence "
    "interval is given for them: neither the sample (purposive) nor the quotes (chosen) are random."
)


def _tables(tables=None):
    return load_study(NAME) if tables is None else tables


def quoted_is_not_mentioned(tables=None):
    """Why "participants quoted" is not "participants who mentioned", with this study's counts."""
    t = _tables(tables)
    segments = t["segments"]
    return _QUOTED_IS_NOT_MENTIONED.format(n_quotes=len(segments), n_quoted=segments["participant"].nunique(),
                                           n_total=len(t["participants"]))


def _count(sample, characteristic, level):
    row = sample[(sample["characteristic"] == characteristic) & (sample["level"] == level)]
    return row["n_participants"].iloc[0]


def published_counts(tables=None):
    """The sample's published counts, with the levels the text leaves implicit derived.

    ``tables`` (optional) is :func:`load_study`'s output, loaded when None; the
    same holds for every function of this module that takes it.

    Returns
    -------
    pandas.DataFrame
        ``characteristic``, ``level``, ``n_participants`` and ``printed_as``
        as in ``sample.csv``, plus ``derived``: True for the one count the
        text does not print (the public sector's "the rest", which is
        17 − 9).
    """
    sample = _tables(tables)["sample"].copy()
    total = _count(sample, "total", "recruited")
    rest = sample["printed_as"] == "the rest"
    sample["derived"] = rest
    npo = sample.loc[(sample["characteristic"] == "sector") & ~rest, "n_participants"].sum()
    sample.loc[rest, "n_participants"] = total - npo
    sample["n_participants"] = sample["n_participants"].astype("int64")
    return sample[["characteristic", "level", "n_participants", "printed_as", "derived", "source", "quote"]]


def arithmetic_checks(tables=None, *, counts=None):
    """Do the published counts add up?  One row per check.

    ``counts`` (optional) is :func:`published_counts` of the same tables.

    Returns
    -------
    pandas.DataFrame
        ``check``, ``computed_from`` (the sum as written), ``gives``,
        ``stated``, ``agrees`` (``"yes"``/``"no"``) and ``note``.
    """
    import pandas as pd

    tables = _tables(tables)
    counts = published_counts(tables) if counts is None else counts
    design = tables["design"].set_index("quantity")["value"]
    people = tables["participants"]
    segments = tables["segments"]
    total = _count(counts, "total", "recruited")

    def part(characteristic):
        rows = counts[counts["characteristic"] == characteristic]
        return rows, int(rows["n_participants"].sum())

    rows = []
    collection, collected = part("data collection")
    rows.append(("individual interviews + focus group members = participants",
                 " + ".join(f"{n}" for n in collection["n_participants"]), collected, total, ""))
    professions, n_prof = part("profession")
    rows.append(("professions add up to the participants",
                 " + ".join(f"{n}" for n in professions["n_participants"]), n_prof, total, ""))
    sectors, n_sector = part("sector")
    rows.append(("NPO + public = participants",
                 " + ".join(f"{n}" for n in sectors["n_participants"]), n_sector, total,
                 "holds by construction: the text prints the public sector only as “the rest” "
                 f"({total} − {int(_count(counts, 'sector', 'NPO'))} = {_derived_rest(counts)})"))
    first, rest = (int(design[q]) for q in ("transcripts coded independently by two authors",
                                            "transcripts coded by the first author alone"))
    interviews = int(_count(counts, "data collection", "individual interview"))
    groups = int(design["focus groups"])
    rows.append((f"transcripts coded (first {_word(first)} + remaining {_word(rest)}) = interviews + focus groups",
                 f"{first} + {rest} = {first + rest}; {interviews} + {groups}", first + rest,
                 interviews + groups, ""))
    for level in ("agreed to participate in interviews and FGDs", "Table 1 (caption)"):
        rows.append((f"total stated again ({level})", "as printed", int(_count(counts, "total", level)), total, ""))
    highest = (
        segments.assign(abbreviation=segments["participant"].str.extract(r"^([A-Z]+)", expand=False),
                        number=segments["participant"].str.extract(r"(\d+)$", expand=False).astype(int))
        .groupby("abbreviation")["number"].max()
    )
    size = people.groupby("abbreviation").size()
    too_high = [f"{a}{highest[a]} > {size[a]}" for a in highest.index if highest[a] > size.get(a, 0)]
    rows.append(("every attribution code's number is within its profession's count",
                 ", ".join(f"{a}≤{size[a]}" for a in highest.index), len(too_high), 0,
                 "; ".join(too_high) or "highest codes: " + ", ".join(f"{a}{highest[a]}" for a in highest.index)))
    rows.append(("participants.csv has one row per participant", "rows", len(people), total, ""))
    by_profession = people.groupby("profession").size()
    mismatched = [p for p, n in zip(professions["level"], professions["n_participants"])
                  if by_profession.get(p, 0) != n]
    rows.append(("participants.csv matches the profession counts", "professions that differ",
                 len(mismatched), 0, ", ".join(mismatched)))
    return checks_table(
        [{"check": c, "computed_from": how, "gives": int(g), "stated": int(s), "note": note}
         for c, how, g, s, note in rows]
    )


def quoted_per_theme(tables=None):
    """Participants quoted under each theme and sub-theme, of all 17.

    Returns
    -------
    pandas.DataFrame
        :func:`mixedmethods.themes.tally` output (sub-themes roll up into
        their theme; the denominator is all 17 participants, the never-quoted
        included), in the paper's order of themes, plus ``participants``
        (who is quoted, in the paper's codes).
        ``n_segments`` is the number of block quotes.  The sample is
        purposive (``sample="purposive"``), so ``ci_low``/``ci_high`` stay
        missing; see :func:`quoted_is_not_mentioned`.
    """
    from ..themes import case_matrix, tally

    tables = _tables(tables)
    segments, people, themes = tables["segments"], tables["participants"], tables["themes"]
    out = tally(segments, participants=people, codes=themes, sample="purposive")   # in the paper's order of themes
    present = case_matrix(segments, participants=people, codes=themes)  # sub-themes roll up, as in tally
    out["participants"] = [", ".join(present.loc[present[p] == 1, "participant"]) for p in out["code_path"]]
    return out


def quoted_by_profession(tables=None):
    """Participants quoted under each theme, per profession.

    Returns
    -------
    pandas.DataFrame
        :func:`mixedmethods.themes.crosstab` output with ``between="profession"``
        (``denominator`` is the profession's size among the 17).  Its tests are
        computed but mean little here: groups of 1 to 5, and quotes chosen by
        the authors.
    """
    from ..themes import crosstab

    tables = _tables(tables)
    return crosstab(tables["segments"], participants=tables["participants"], between="profession",
                    codes=tables["themes"], sample="purposive")


def quoted_by_sector(tables=None, *, counts=None, per_theme=None):
    """What the quotes can say about sector: bounds, because no quote names one.

    The paper gives the sector split only for the whole sample (9 NPO, "the
    rest" public) and never says which participant works where, so the
    participants.csv column ``sector`` is empty.  When ``k`` of ``N``
    participants are quoted under a theme and ``N_g`` of the ``N`` are in a
    sector, between ``max(0, k - (N - N_g))`` and ``min(k, N_g)`` of the
    quoted are in it (Fréchet bounds); a count inside that range is all the
    text allows.

    Returns
    -------
    pandas.DataFrame
        One row per theme and sector, first for all quoted participants
        (``code`` = ``"any theme"``): ``code``, ``code_path``, ``sector``,
        ``sector_size``, ``n_quoted`` (all sectors), ``n_quoted_low``,
        ``n_quoted_high``.

    ``counts`` and ``per_theme`` (optional) are :func:`published_counts` and
    :func:`quoted_per_theme` of the same tables.
    """
    import pandas as pd

    tables = _tables(tables)
    counts = published_counts(tables) if counts is None else counts
    total = int(_count(counts, "total", "recruited"))
    sectors = counts[counts["characteristic"] == "sector"]
    per_theme = quoted_per_theme(tables) if per_theme is None else per_theme
    quoted = tables["segments"]["participant"].nunique()
    themes = [(ANY_THEME, ANY_THEME, quoted)] + list(
        zip(per_theme["code"], per_theme["code_path"], per_theme["n_participants"]))
    rows = []
    for code, path, k in themes:
        k = int(k)
        for level, size in zip(sectors["level"], sectors["n_participants"]):
            rows.append({"code": code, "code_path": path, "sector": level,
                         "sector_size": int(size), "n_quoted": k,
                         "n_quoted_low": max(0, k - (total - int(size))), "n_quoted_high": min(k, int(size))})
    return pd.DataFrame(rows)


def framework_matrix(tables=None, *, count_quotes=False):
    """The framework-method matrix: one row per participant, one column per theme and sub-theme.

    Parameters
    ----------
    count_quotes : bool
        False (default): :func:`mixedmethods.themes.case_matrix`, 1 where the
        participant is quoted under the theme (sub-themes roll up).  True:
        the number of block quotes in each cell, as a framework chart would
        list them.

    Returns
    -------
    pandas.DataFrame
        ``participant``, ``profession``, then one column per code path in
        the paper's order; all 17 participants, the never-quoted as rows of
        zeros.
    """
    from ..themes import case_matrix

    tables = _tables(tables)
    segments, people, themes = tables["segments"], tables["participants"], tables["themes"]
    out = case_matrix(segments, participants=people, codes=themes)[["participant", *themes["code_path"]]]
    if count_quotes:
        for path in out.columns[1:]:
            under = segments["code_path"].eq(path) | segments["code_path"].str.startswith(path + " / ")
            per = segments.loc[under].groupby("participant").size()
            out[path] = out["participant"].map(per).fillna(0).astype("int64")
    out.insert(1, "profession", people["profession"].to_numpy())
    return out


def theme_labels(tables=None):
    """Short labels, ``{code_path: "theme 3 (ii)"}``, from the numbers the paper prints in its theme list."""
    import re

    labels = {}
    for row in _tables(tables)["themes"].itertuples():
        number = re.match(r"\((\w+)\)", row.quote).group(1)
        labels[row.code_path] = (f"theme {number}" if row.level == 0
                                 else f"{labels[row.theme]} ({number})")
    return labels


def _derived_rest(counts):
    """The count the text prints only as "the rest"."""
    return int(counts.loc[counts["derived"], "n_participants"].iloc[0])


def _counts_sentence(tables, counts, checks):
    """The report's verdict on :func:`arithmetic_checks`: the sums when all agree, else the failing checks."""
    failing = checks[checks["agrees"] != "yes"]
    if len(failing):
        return "Not all the counts add up: " + "; ".join(
            f"{r.check}: {r.computed_from} gives {r.gives}, stated {r.stated}" for r in failing.itertuples()) + "."
    design = tables["design"].set_index("quantity")["value"]
    total = int(_count(counts, "total", "recruited"))
    collection = counts.loc[counts["characteristic"] == "data collection", "n_participants"]
    npo = int(_count(counts, "sector", "NPO"))
    first, rest = (int(design["transcripts coded independently by two authors"]),
                   int(design["transcripts coded by the first author alone"]))
    professions = int(counts.loc[counts["characteristic"] == "profession", "n_participants"].sum())
    return (
        f"The counts add up: {' + '.join(str(int(n)) for n in collection)} = {total} participants; the "
        f"professions sum to {professions}; {npo} NPO and “the rest” ({_derived_rest(counts)}) public; "
        f"{first} + {rest} = {first + rest} transcripts for "
        f"{int(_count(counts, 'data collection', 'individual interview'))} interviews and "
        f"{int(design['focus groups'])} focus groups; no attribution code exceeds its profession's count."
    )


def reproduce() -> StudyReport:
    """Run the whole reproduction and return the report."""
    import pandas as pd

    report = StudyReport(NAME, TITLE)
    tables = load_study(NAME)
    counts = published_counts(tables)
    checks = arithmetic_checks(tables, counts=counts)
    per_theme = quoted_per_theme(tables)
    by_profession = quoted_by_profession(tables)
    by_sector = quoted_by_sector(tables, counts=counts, per_theme=per_theme)
    matrix = framework_matrix(tables)
    chart = framework_matrix(tables, count_quotes=True)
    report.tables.update(
        counts=counts, checks=checks, quoted_per_theme=per_theme,
        quoted_by_profession=by_profession, quoted_by_sector=by_sector,
        framework_matrix=matrix, framework_chart=chart,
    )
    segments, people = tables["segments"], tables["participants"]
    quoted = segments["participant"].nunique()
    design = tables["design"].set_index("quantity")["value"]
    collection = counts.loc[counts["characteristic"] == "data collection"].set_index("level")["n_participants"]
    group_sizes = collection.drop("individual interview")
    report.add(
        "Design",
        f"{len(people)} service providers ({collection['individual interview']} individual interviews, focus "
        f"groups of {' and '.join(str(n) for n in group_sizes)}), analysed with the framework method into "
        f"{design['major themes']:.0f} themes, the third with {design['sub-themes of theme 3']:.0f} sub-themes. "
        "The paper prints "
        f"{len(segments)} block quotes attributed to {quoted} participant codes, and "
        f"{len(tables['inline_quotes'])} short quotes in its prose that name no participant "
        "(kept in inline_quotes.csv, not counted below).",
    )
    report.add("Do the published counts add up?", checks)
    label = theme_labels(tables)
    shown = pd.DataFrame({
        "code": [label[p] for p in per_theme["code_path"]],
        "theme or sub-theme": per_theme["code"],
        "participants quoted": [f"{n}/{d} ({100 * n / d:.0f}%)" for n, d in
                                zip(per_theme["n_participants"], per_theme["denominator"])],
        "block quotes": per_theme["n_segments"],
        "who": per_theme["participants"],
    })
    report.add("Participants quoted under each theme (tally; sub-themes roll up)", shown)
    order = tables["sample"].query("characteristic == 'profession'")["level"]
    pivot = by_profession.pivot(index="group", columns="code_path", values="n_participants").loc[order]
    sizes = by_profession.drop_duplicates("group").set_index("group")["denominator"]
    profession_table = pd.DataFrame({"profession": [f"{g} (N = {sizes[g]})" for g in pivot.index]})
    for path in per_theme["code_path"]:
        profession_table[label[path]] = [f"{int(pivot.loc[g, path])}/{sizes[g]}" for g in pivot.index]
    report.add("Participants quoted by profession (crosstab; n quoted / profession size)", profession_table)
    sector_table = by_sector.assign(
        code=[label.get(p, p) for p in by_sector["code_path"]],
        range=[f"{lo}–{hi} of {k}" for lo, hi, k in
               zip(by_sector["n_quoted_low"], by_sector["n_quoted_high"], by_sector["n_quoted"])],
    ).pivot(index="code", columns="sector", values="range").loc[list(dict.fromkeys(
        label.get(p, p) for p in by_sector["code_path"]))].reset_index()
    sector_table.columns.name = None
    sectors = counts[counts["characteristic"] == "sector"]
    # "public health" is printed as "public"
    sector_sizes = [f"{n} {level.split()[0]}" for level, n in zip(sectors["level"], sectors["n_participants"])]
    report.add(
        f"Participants quoted by sector: only bounds (no quote names a sector; {', '.join(sector_sizes)})",
        sector_table,
    )
    wide = chart.rename(columns={p: label[p] for p in chart.columns[2:]})
    report.add("Framework matrix: block quotes per participant and theme (case_matrix gives the 0/1 form)", wide)
    report.add("What “participants quoted” means", quoted_is_not_mentioned(tables))
    never = people.loc[~people["participant"].isin(segments["participant"]), "participant"].tolist()
    report.add(
        "What does not add up, and what the text leaves open",
        "\n".join([
            _counts_sentence(tables, counts, checks),
            f"The public-sector count ({_derived_rest(counts)}) and the number of women are not printed; "
            "the text says only "
            "“the rest” and “three participants were male”. Table 1 is missing from the text.",
            "No participant's sector, gender or interview/focus-group membership is stated, so the "
            "quotes cannot be broken down by them; only bounds are possible.",
            f"{len(never)} participants are never quoted ({', '.join(never)}); the paper uses no code for "
            "them, so they are named here by profession (SW2/SW5, P2, C1/C2 would be guesses).",
            "The volunteer is “a volunteer with a finance background” in the counts but “volunteer "
            "manager (V)” in the key to the codes; V1 is taken to be that one volunteer.",
            "“MHSUs highlighted ... “being an active member of the community”” attributes a quote to "
            "service users, who were not interviewed; D2's block quote says “an active member of society”.",
            "The first inline quote (“if they adhere to their medication ...) has no closing quotation mark.",
        ]),
    )
    return report

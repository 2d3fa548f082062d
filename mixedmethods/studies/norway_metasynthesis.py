"""Reproduction of the Norwegian meta-synthesis, Part III (seed ``004_23c2ae73c0c27eaf.txt``).

Klevan, Sommer et al. (2021) synthesized the papers of one research group (the
Center for Mental Health and Substance Abuse, CMHSA, University of
South-Eastern Norway) on recovery-oriented practices into four meta-themes and
twelve sub-themes.  The unit here is the **paper**: a "segment" is one paper
cited under one sub-theme.  What the text gives and what is checked:

1. The selection flow, 145 submitted → 95 → 74 → 28 (Parts I and II) + 46 →
   28 retained: does every stage equal the previous one minus the papers the
   text says left, and where does the text give no count at all?
2. Table A1 (the 28 papers): as many rows as papers retained; distinct
   references behind its printed labels; chronological order (which the
   caption promises) by the publication years of the reference list.
3. Participants per paper and their sum by type, where the table states a
   count; the methods named in each paper's Methods cell, coded by keyword.
4. The four meta-themes and twelve sub-themes: sub-themes per meta-theme as
   stated, papers cited under each, and whether every cited paper is in
   Table A1 and every Table A1 paper is cited.

>>> from mixedmethods.studies import norway_metasynthesis as no
>>> no.flow_table()[["n", "leaving", "n_stated", "adds_up"]]
     n  leaving  n_stated  adds_up
0  145       50      <NA>     <NA>
1   95       21      <NA>     <NA>
2   74       28        28     True
3   46       18        18     True
4   28     <NA>      <NA>     <NA>
"""
from __future__ import annotations

import re

from .registry import load_study
from .report import StudyReport, checks_table

NAME = "norway"
TITLE = "Recovery-oriented practices in community mental health and substance abuse services: a meta-synthesis (Norway, Part III)"
DATA_FOLDER = "norway_metasynthesis"
ORDER = 5

#: Keyword rules coding each Table A1 Methods cell (lower-cased): (kind, method path, regex).
#: A path "focus groups / multi-stage" rolls up into "focus groups" in :func:`mixedmethods.themes.tally`.
METHOD_RULES = [
    ("data collection", "focus groups", r"focus group"),
    ("data collection", "focus groups / multi-stage", r"multi[- ]?stage"),
    ("data collection", "individual interviews", r"individual"),
    ("data collection", "other interviews (in-depth, semi-structured or unspecified)",
     r"(?<!group )(?<!groups )(?<!individual )interview(?!s?\W*both)"),
    ("data collection", "fieldwork or observation", r"field ?work|field study|observation"),
    ("approach", "phenomenological or hermeneutic", r"phenomenolog|hermeneutic"),
    ("approach", "action research", r"\bact(?:ion|on|ions) research"),
    ("approach", "collaborative or participatory", r"collaborative|participatory"),
    ("approach", "thematic analysis", r"thematic"),
    ("approach", "discursive", r"discursive"),
    ("approach", "ethnographic", r"ethnograph"),
    ("approach", "content analysis", r"content analysis"),
    ("approach", "inductive", r"inductive"),
    ("approach", "case-based", r"\bcases\b"),
]

#: Participant types in the order tables list them.
PARTICIPANT_TYPES = ["professionals", "service users", "family members", "mixed", "not stated"]


def _tables(tables=None):
    return load_study(NAME) if tables is None else tables


# --------------------------------------------------------------------------- selection flow
def flow_table(tables=None):
    """The selection flow with the arithmetic of each step.

    Returns
    -------
    pandas.DataFrame
        One row per stage: ``step``, ``stage``, ``n`` (papers at this stage),
        ``leaving`` (``n`` minus the next stage's ``n``; missing at the last
        stage), ``n_stated`` (how many the text says left after this stage;
        missing where it gives no count), ``adds_up`` (``leaving == n_stated``;
        missing where nothing is stated), ``reason`` (for
        :func:`mixedmethods.plot.flow`: what the text says about the papers
        that left, and whether the text states their count).
    """
    import pandas as pd

    t = _tables(tables)
    out = t["flow_stages"][["step", "stage", "n"]].copy()
    out["leaving"] = (out["n"] - out["n"].shift(-1)).astype("Int64")
    ex = t["flow_exclusions"].set_index("after_step")
    out["n_stated"] = out["step"].map(ex["n_stated"]).astype("Int64")
    stated = out["n_stated"].notna()
    out["adds_up"] = pd.Series(pd.NA, index=out.index, dtype="boolean")
    out.loc[stated, "adds_up"] = (out.loc[stated, "leaving"] == out.loc[stated, "n_stated"]).to_numpy()

    def reason(row):
        if row.step not in ex.index:
            return None
        why = ex.loc[row.step, "reason_stated"]
        if pd.isna(row.n_stated):
            return f"count not in the text (difference of the stages); {why}"
        return f"count stated in the text; {why}"

    out["reason"] = pd.Series([reason(r) for r in out.itertuples()], dtype=object)
    return out


# --------------------------------------------------------------------------- papers
def papers_table(tables=None):
    """Table A1 joined with the reference list: one row per paper, plus papers cited but not listed.

    Returns
    -------
    pandas.DataFrame
        ``paper`` (``"[47] Andvig 2014"``: reference number, first author,
        year), ``reference``, ``row`` (Table A1 row, missing for a paper cited
        under a theme but absent from Table A1), ``printed_label``,
        ``first_author``, ``year``, ``title_translated``, ``in_table_a1``,
        ``cited_under_themes``, ``perspective`` (whose experience the paper
        reports, from ``participants.csv``), ``n_participants`` (sum of the
        stated counts; missing when none is stated), ``methods``,
        ``participants``, ``research_question``.
    """
    import pandas as pd

    t = _tables(tables)
    a1 = t["table_a1"]
    refs = t["references"].set_index("reference")
    cited = set(t["citations"]["reference"])
    rows = a1[["row", "printed_label", "reference", "methods", "participants", "research_question"]].copy()
    extra = sorted(cited - set(rows["reference"]))
    if extra:
        rows = pd.concat([rows, pd.DataFrame({"reference": extra})], ignore_index=True)
    rows["row"] = rows["row"].astype("Int64")
    rows["first_author"] = rows["reference"].map(refs["first_author"])
    rows["year"] = rows["reference"].map(refs["year"]).astype("Int64")
    rows["title_translated"] = rows["reference"].map(refs["title_translated"]) == "yes"
    rows["paper"] = [f"[{r}] {a} {y}" for r, a, y in zip(rows["reference"], rows["first_author"], rows["year"])]
    rows["in_table_a1"] = rows["row"].notna()
    rows["cited_under_themes"] = rows["reference"].isin(cited)
    part = t["participants"]
    rows["perspective"] = rows["row"].map(_perspectives(part)).fillna("not in Table A1")
    stated = part.dropna(subset=["n"]).groupby("row")["n"].sum()
    rows["n_participants"] = rows["row"].map(stated).astype("Int64")
    first = ["paper", "reference", "row", "printed_label", "first_author", "year", "title_translated",
             "in_table_a1", "cited_under_themes", "perspective", "n_participants"]
    return rows[first + ["methods", "participants", "research_question"]]


def _perspectives(participants):
    """Table A1 row → whose experience it reports ("service users and family members", ...)."""
    def one(types):
        kinds = [k for k in PARTICIPANT_TYPES if k in set(types)]
        return " and ".join(kinds)

    return participants.groupby("row")["participant_type"].agg(one)


def methods_table(tables=None, *, papers=None):
    """The methods named in each paper's Methods cell, coded with :data:`METHOD_RULES`.

    Returns
    -------
    pandas.DataFrame
        One row per (paper, method): ``paper``, ``reference``, ``kind``
        (``"data collection"`` or ``"approach"``), ``code`` (the method) and
        ``code_path`` (with its parent, e.g. ``"focus groups / multi-stage"``),
        ``methods`` (the cell as printed).  Feed it to
        :func:`mixedmethods.themes.tally` with ``participant="paper"``.

    ``papers`` (optional) is :func:`papers_table` of the same tables.
    """
    import pandas as pd

    papers = papers_table(tables) if papers is None else papers
    papers = papers[papers["in_table_a1"]]
    rows = []
    for p in papers.itertuples():
        text = p.methods.lower()
        for kind, path, pattern in METHOD_RULES:
            if re.search(pattern, text):
                rows.append({"paper": p.paper, "reference": p.reference, "kind": kind,
                             "code": path.split(" / ")[-1], "code_path": path, "methods": p.methods})
    return pd.DataFrame(rows)


def participants_by_type(tables=None):
    """Participants per type: papers, groups with a stated count, and their sum (with bounds).

    Returns
    -------
    pandas.DataFrame
        One row per ``participant_type`` and a ``total`` row: ``papers``
        (papers with such participants), ``groups_counted`` (groups with an
        exact count), ``groups_uncounted``, ``n_stated`` (sum of exact
        counts), ``n_low`` and ``n_high`` (the sum when the stated range
        "6–8" is added at its ends).
    """
    import pandas as pd

    part = _tables(tables)["participants"]
    part = part.assign(participant_type=pd.Categorical(part["participant_type"], categories=PARTICIPANT_TYPES))
    g = part.groupby("participant_type", observed=True)
    out = pd.DataFrame({
        "papers": g["row"].nunique(),
        "groups_counted": g["n"].count(),
        "groups_uncounted": g["n"].apply(lambda s: int(s.isna().sum())),
        "n_stated": g["n"].sum().astype("int64"),
        "n_low": g["n_low"].sum().astype("int64"),
        "n_high": g["n_high"].sum().astype("int64"),
    })
    total = out.sum()
    total["papers"] = part["row"].nunique()
    out.index = out.index.astype(str)
    out.loc["total"] = total
    return out.reset_index(names="participant_type")


# --------------------------------------------------------------------------- themes
def theme_segments(tables=None, *, level="sub_theme", papers=None):
    """Papers cited under each theme, in the tidy segments model of :mod:`mixedmethods.themes`.

    Parameters
    ----------
    level : {"sub_theme", "meta_theme"}
        ``"sub_theme"``: one row per (paper, sub-theme) citation, with
        ``code_path`` ``"meta-theme / sub-theme"``; ``"meta_theme"``: one row
        per (paper, meta-theme).
    papers : pandas.DataFrame, optional
        :func:`papers_table` of the same tables (computed when None).

    Returns
    -------
    pandas.DataFrame
        ``participant`` (the paper, e.g. ``"[47] Andvig 2014"``), ``code``,
        ``code_path``, ``section`` (3.1.1, ...), ``meta_theme``,
        ``sub_theme``, ``reference``, ``quote`` (the first sentence citing it).
    """
    from .._validation import check_choice

    check_choice("level", level, ("sub_theme", "meta_theme"))
    t = _tables(tables)
    subs = t["sub_themes"].merge(t["meta_themes"][["section", "meta_theme"]].rename(
        columns={"section": "meta_section"}), on="meta_section")
    seg = t["citations"].merge(subs[["section", "sub_theme", "meta_theme"]], on="section", how="left")
    papers = (papers_table(t) if papers is None else papers).set_index("reference")["paper"]
    seg["participant"] = seg["reference"].map(papers)
    if level == "meta_theme":
        seg = seg.drop_duplicates(["participant", "meta_theme"])
        seg["code"] = seg["code_path"] = seg["meta_theme"]
    else:
        seg["code"] = seg["sub_theme"]
        seg["code_path"] = seg["meta_theme"] + " / " + seg["sub_theme"]
    cols = ["participant", "code", "code_path", "section", "meta_theme", "sub_theme", "reference", "quote"]
    return seg[cols].reset_index(drop=True)


def theme_codes(tables=None):
    """Code paths of all meta-themes and sub-themes in the paper's order (for ``codes=``)."""
    t = _tables(tables)
    metas = t["meta_themes"].set_index("section")["meta_theme"]
    out = []
    for meta_section, meta in metas.items():
        out.append(meta)
        subs = t["sub_themes"][t["sub_themes"]["meta_section"] == meta_section]
        out += [f"{meta} / {s}" for s in subs["sub_theme"]]
    return out


# --------------------------------------------------------------------------- checks
def _abstract_word(tables):
    """The abstract's count of papers as printed ("thirty-four"), from the quote it comes from."""
    row = tables["descriptives"].set_index("quantity").loc["papers synthesized, as stated in the abstract"]
    found = re.search(r"findings from ([\w-]+) ", row["quote"])
    return found.group(1) if found else f"{row['value']}"


def checks(tables=None, *, flow=None, papers=None, by_type=None):
    """Every published count set against what the data give.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`mixedmethods.studies.checks_table`: ``stated``
        (what the text says), ``gives`` (what the tables give), ``agrees``
        ("cannot check" when the text states nothing to check against).

    ``flow``, ``papers`` and ``by_type`` (optional) are :func:`flow_table`,
    :func:`papers_table` and :func:`participants_by_type` of the same tables.
    """
    import pandas as pd

    t = _tables(tables)
    flow = flow_table(t) if flow is None else flow
    papers = papers_table(t) if papers is None else papers
    a1 = papers[papers["in_table_a1"]]
    desc = t["descriptives"].set_index("quantity")["value"]
    n = flow.set_index("step")["n"]
    rows = []

    def add(check, stated, found, holds, note=""):
        rows.append({"check": check, "stated": str(stated), "gives": str(found), "agrees": holds, "note": note})

    for r in flow.itertuples():
        if pd.isna(r.leaving):
            continue
        nxt = n[r.step + 1]
        if pd.isna(r.n_stated):
            add(f"{r.n} → {nxt}", "no count of papers leaving", f"{r.leaving:.0f} by difference", pd.NA,
                "the text gives neither the count nor the reasons" if "no reason" in r.reason else
                "the text names the review step but not how many papers it removed")
        else:
            add(f"{r.n} → {nxt}", f"{r.n_stated:.0f} leave", f"{r.n} − {r.n_stated:.0f} = {r.n - r.n_stated:.0f}",
                bool(r.adds_up))
    add(f"{n[3]} = {flow.loc[2, 'n_stated']:.0f} (Parts I and II) + {n[4]} (Part III)", f"{n[3]}",
        f"{n[4] + flow.loc[2, 'n_stated']:.0f}",
        bool(n[3] == n[4] + flow.loc[2, "n_stated"]))
    abstract = desc["papers synthesized, as stated in the abstract"]
    add("papers synthesized: abstract vs Methods", f"{abstract} (abstract)",
        f"{n[5]} retained (Methods), {len(a1)} rows in Table A1", bool(abstract == n[5] == len(a1)),
        "" if abstract in set(n) else f"the abstract's “{_abstract_word(t)}” matches no stage of the flow")
    add("Table A1 rows = papers retained", n[5], len(a1), bool(len(a1) == n[5]))
    labels = a1["printed_label"].str.extract(r"(\d+)")[0].astype(int)
    add("distinct references in Table A1 as printed", n[5], labels.nunique(), bool(labels.nunique() == n[5]),
        "[59] and [63] are printed twice; [6] is a 2010 book; by research question and themes "
        "they are refs 67, 52 and 47")
    add("distinct references in Table A1 after resolving those labels", n[5], a1["reference"].nunique(),
        bool(a1["reference"].nunique() == n[5]))
    years = a1.sort_values("row")["year"].to_numpy()
    printed_years = labels.map(t["references"].set_index("reference")["year"]).to_numpy()
    add("Table A1 in chronological order (caption)", "chronological", f"years {years.min()}–{years.max()}",
        bool((years[1:] >= years[:-1]).all()),
        "as printed, label [6] (2010) would break the order between 2013 and 2014"
        if not (printed_years[1:] >= printed_years[:-1]).all() else "")
    first_year, last_year = desc["first publication year included"], desc["last publication year included"]
    add(f"publication years within {first_year}–{last_year}", f"{first_year}–{last_year}",
        f"{years.min()}–{years.max()}", bool(years.min() >= first_year and years.max() <= last_year))
    metas = t["meta_themes"]
    found_subs = t["sub_themes"].groupby("meta_section").size()
    for m in metas.itertuples():
        add(f"sub-themes of “{m.meta_theme}”", m.n_sub_themes_stated, int(found_subs.get(m.section, 0)),
            bool(found_subs.get(m.section, 0) == m.n_sub_themes_stated))
    add("meta-themes", desc["meta-themes"], len(metas), bool(len(metas) == desc["meta-themes"]))
    not_listed = papers.loc[~papers["in_table_a1"], "paper"].tolist()
    add("every paper cited under a theme is in Table A1", f"{len(a1)} papers in Table A1",
        f"{papers['cited_under_themes'].sum()} papers cited", not not_listed,
        ("cited but not in Table A1: " + ", ".join(not_listed)) if not_listed else "")
    uncited = a1.loc[~a1["cited_under_themes"], "paper"].tolist()
    add("every Table A1 paper is cited under a theme", len(a1), int(a1["cited_under_themes"].sum()), not uncited,
        ", ".join(uncited))
    for r in author_year_citations(t).itertuples():
        add(f"{r.section}: “({r.printed})” beside [{r.reference}]", f"{r.printed_year}",
            f"{r.reference_year} (reference {r.reference}, {r.first_author})", bool(r.agrees),
            "" if r.agrees else f"the author–year citation gives {r.printed_year}; reference {r.reference} "
            f"in the list is {r.first_author} {r.reference_year}")
    part = t["participants"]
    paper_sum = part.groupby("row")["n"].sum(min_count=1)
    by_type = (participants_by_type(t) if by_type is None else by_type).set_index("participant_type")
    add("participants: groups sum to types sum to total", f"{int(paper_sum.sum())} (sum over papers)",
        f"{int(by_type.loc['total', 'n_stated'])} (sum over types)",
        bool(paper_sum.sum() == by_type.drop("total")["n_stated"].sum() == by_type.loc["total", "n_stated"]),
        f"{int(paper_sum.isna().sum())} papers state no exact count")
    return checks_table(rows)


def author_year_citations(tables=None):
    """Author–year citations printed beside a numbered one, set against the reference list.

    The article cites by number ("[48]"); where a sentence also prints
    "(Author et al., YEAR)" beside the number, the author and year should be
    those of that reference.

    Returns
    -------
    pandas.DataFrame
        One row per such citation: ``section``, ``reference``, ``printed``
        (as printed, e.g. "Kinn et al., 2016"), ``printed_author``,
        ``printed_year``, ``first_author``, ``reference_year`` (from the
        reference list) and ``agrees`` (author and year both match).
    """
    import re

    import pandas as pd

    t = _tables(tables)
    refs = t["references"].set_index("reference")
    pattern = re.compile(r"\[(\d+)\]\s*\(((\w[\w\s-]*?)(?: et al\.)?,\s*(\d{4}))\)")
    rows = []
    for c in t["citations"].drop_duplicates(["section", "quote"]).itertuples():
        for number, printed, author, year in pattern.findall(c.quote):
            ref = refs.loc[int(number)]
            rows.append({"section": c.section, "reference": int(number), "printed": printed,
                         "printed_author": author.strip(), "printed_year": int(year),
                         "first_author": ref["first_author"], "reference_year": int(ref["year"]),
                         "agrees": author.strip() == ref["first_author"] and int(year) == int(ref["year"])})
    columns = ["section", "reference", "printed", "printed_author", "printed_year", "first_author",
               "reference_year", "agrees"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- reproduction
def reproduce() -> StudyReport:
    """The selection flow, Table A1, participants, methods and themes, with their checks."""
    import pandas as pd

    from ..themes import tally

    t = load_study(NAME)
    report = StudyReport(NAME, TITLE, unit_label="papers")
    flow = flow_table(t)
    papers = papers_table(t)
    a1 = papers[papers["in_table_a1"]]
    methods = methods_table(t, papers=papers)
    by_type = participants_by_type(t)
    segments = theme_segments(t, papers=papers)
    units = papers[["paper", "perspective"]].rename(columns={"paper": "participant"})
    order = theme_codes(t)
    code_path_first = lambda table: table[["code_path", *table.columns.drop("code_path")]]  # noqa: E731
    papers_counted = dict(sample="census", unit_label=report.unit_label)   # every paper, and the unit is the paper
    themes = code_path_first(tally(segments, participants=units, codes=order, **papers_counted))
    used = set(methods["code_path"])
    method_counts = code_path_first(tally(
        methods.rename(columns={"paper": "participant"}).drop(columns="methods"),
        participants=a1[["paper"]].rename(columns={"paper": "participant"}),
        codes=[path for _, path, _ in METHOD_RULES if path in used], **papers_counted))   # in METHOD_RULES order
    method_counts["kind"] = method_counts["code_path"].map({path: kind for kind, path, _ in METHOD_RULES})
    found = checks(t, flow=flow, papers=papers, by_type=by_type)
    report.tables.update(flow=flow, papers=papers, methods=methods, methods_tally=method_counts,
                         participants_by_type=by_type, segments=segments, themes=themes, checks=found)

    report.add("Selection flow (papers)", flow[["stage", "n", "leaving", "n_stated", "adds_up"]].rename(
        columns={"n": "papers", "leaving": "leave (by difference)", "n_stated": "leave (stated)"}))
    report.add("Table A1: the papers", a1[["row", "printed_label", "paper", "perspective", "n_participants",
                                           "methods"]].astype({"n_participants": "object"}).fillna("not stated"))
    report.add("Participants by type (sum of the stated counts)", by_type)
    report.add("Methods named in the Table A1 Methods cells (papers of 28)",
               method_counts[["kind", "code_path", "n_participants"]].rename(
                   columns={"code_path": "method", "n_participants": "papers"}))
    shown = themes[["code_path", "level", "n_participants", "denominator"]].rename(
        columns={"code_path": "theme", "n_participants": "papers cited", "denominator": "of"})
    report.add("Papers cited under each meta-theme and sub-theme", shown)
    report.add("Checks", found)
    failing = found[found["agrees"] == "no"]
    unstated = found[found["agrees"] == "cannot check"]
    report.add("What does not add up", "\n".join(
        [f"{r.check}: stated {r.stated}, found {r.gives}. {r.note}".strip() for r in failing.itertuples()]
        + [f"{r.check}: {r.stated}; {r.gives}; {r.note}." for r in unstated.itertuples()]
        + ["Figure 1 (the PRISMA diagram) is not in the text, only its caption; the flow above is "
           "rebuilt from the prose of section 2."]))
    return report

"""Tests of mixedmethods.themes: counts checked against hand computations."""
import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mixedmethods._validation import InputError
from mixedmethods.themes import case_matrix, cooccurrence, crosstab, tally


def wilson(x, n, z=stats.norm.ppf(0.975)):
    """Wilson score interval, written out (R: prop.test(x, n, correct = FALSE)$conf.int)."""
    p = x / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


@pytest.fixture
def segments():
    # P1: two segments of "support / family" (counted once) and one span coded twice
    # P2: "support / friends"; P3: "barrier"; P4 and P5 are never coded.
    return pd.DataFrame({
        "participant": ["P1", "P1", "P1", "P1", "P2", "P3"],
        "code": ["family", "family", "friends", "barrier", "friends", "barrier"],
        "code_path": ["support / family", "support / family", "support / friends", "barrier",
                      "support / friends", "barrier"],
        "source": ["i1", "i1", "i1", "i1", "i2", "i3"],
        "start": [0, 50, 50, 80, 0, 0],
        "end": [10, 60, 60, 90, 10, 10],
    })


@pytest.fixture
def people():
    return pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
                         "shift": ["night", "night", "day", "day", "day"]})


def test_tally_counts_participants_once_and_rolls_up(segments, people):
    res = tally(segments, participants=people).set_index("code_path")
    assert res.index.tolist() == ["barrier", "support", "support / family", "support / friends"]
    # support: P1 (family, friends) and P2 (friends) -> 2 participants.
    # segments of support: P1 [0,10), P1 [50,60) (family AND friends: one span), P2 [0,10) -> 3
    assert res.loc["support", "n_participants"] == 2
    assert res.loc["support", "n_segments"] == 3
    assert res.loc["support", "n_sources"] == 2
    # family: P1 twice -> 1 participant, 2 segments
    assert res.loc["support / family", ["n_participants", "n_segments"]].tolist() == [1, 2]
    assert res.loc["support / friends", ["n_participants", "n_segments"]].tolist() == [2, 2]
    assert res.loc["barrier", ["n_participants", "n_segments"]].tolist() == [2, 2]
    assert res.loc["support", "level"] == 0 and res.loc["support / family", "level"] == 1
    assert res.loc["support / family", "code"] == "family"
    # denominator: all 5 participants, including P4 and P5 never coded
    assert (res["denominator"] == 5).all()
    assert res.loc["support", "prevalence"] == pytest.approx(2 / 5)
    lo, hi = wilson(2, 5)
    # Wilson formula above (the interval of R's prop.test(2, 5, correct = FALSE)):
    # centre 0.443448, half-width 0.325827 -> 0.1176208, 0.7692757
    assert res.loc["support", "ci_low"] == pytest.approx(lo, abs=1e-10)
    assert res.loc["support", "ci_high"] == pytest.approx(hi, abs=1e-10)
    assert (lo, hi) == pytest.approx((0.1176208, 0.7692757), abs=1e-6)
    from statsmodels.stats.proportion import proportion_confint

    for code_path, row in res.iterrows():
        expected = proportion_confint(row["n_participants"], 5, alpha=0.05, method="wilson")
        assert (row["ci_low"], row["ci_high"]) == pytest.approx(expected, abs=1e-12), code_path


def test_tally_without_participants_uses_coded_participants(segments):
    res = tally(segments).set_index("code_path")
    assert (res["denominator"] == 3).all()  # only P1, P2, P3 are coded
    assert res.loc["support / family", "prevalence"] == pytest.approx(1 / 3)


def test_tally_without_roll_up_and_by_source(segments):
    flat = tally(segments, roll_up=False)
    assert "support" not in flat["code_path"].tolist()
    by_source = tally(segments, unit="source").set_index("code_path")
    # sources: i1, i2, i3 -> barrier in i1 and i3
    assert by_source.loc["barrier", "denominator"] == 3
    assert by_source.loc["barrier", "prevalence"] == pytest.approx(2 / 3)
    assert (by_source["unit"] == "source").all()


def test_tally_lists_unused_codes(segments, people):
    res = tally(segments, participants=people, codes=["cost / fees"]).set_index("code_path")
    assert res.loc["cost", "n_participants"] == 0
    assert res.loc["cost / fees", "prevalence"] == 0
    assert res.loc["cost / fees", "ci_low"] == pytest.approx(0)
    assert res.loc["cost / fees", "ci_high"] == pytest.approx(wilson(0, 5)[1])


def test_tally_columns_mapping_and_hand_typed_frame():
    typed = pd.DataFrame({"respondent": ["a", "a", "b"], "theme": ["x", "x", "y"]})
    res = tally(typed, columns={"participant": "respondent", "code": "theme"})
    assert res.set_index("code")["n_participants"].to_dict() == {"x": 1, "y": 1}
    assert res.set_index("code")["n_segments"].to_dict() == {"x": 2, "y": 1}
    assert res["n_sources"].isna().all()


def test_inputs_are_not_modified(segments, people):
    seg0, people0 = segments.copy(deep=True), people.copy(deep=True)
    tally(segments, participants=people)
    crosstab(segments, people, by="shift")
    cooccurrence(segments, unit="segment")
    case_matrix(segments, people)
    pd.testing.assert_frame_equal(segments, seg0)
    pd.testing.assert_frame_equal(people, people0)


def test_bad_input_names_the_culprit(segments, people):
    with pytest.raises(InputError, match="'participant' not found"):
        tally(segments.drop(columns="participant"))
    with pytest.raises(InputError, match=r"\['P3'\] are coded in segments but missing from participants"):
        tally(segments, participants=people[people["participant"] != "P3"])
    with pytest.raises(InputError, match="'code' is missing at row 2"):
        tally(segments.assign(code=["a", "b", None, "d", "e", "f"]).drop(columns="code_path"))
    with pytest.raises(InputError, match="appears more than once"):
        tally(segments, participants=pd.concat([people, people.iloc[:1]]))
    with pytest.raises(InputError, match="unit='everyone' is not understood"):
        tally(segments, unit="everyone")
    with pytest.raises(InputError, match="'sector' not found"):
        crosstab(segments, people, by="sector")
    with pytest.raises(InputError, match="unknown key"):
        tally(segments, columns={"person": "participant"})


def test_crosstab_two_groups_uses_fisher(segments, people):
    res = crosstab(segments, people, by="shift")
    sup = res[res["code_path"] == "support"].set_index("group")
    # night: P1, P2 (both support) of 2; day: P3, P4, P5 (none) of 3
    assert sup["n_participants"].tolist() == [0, 2]
    assert sup["group_size"].tolist() == [3, 2]
    assert sup.loc["night", "prevalence"] == 1.0
    assert (sup["test"] == "fisher").all()
    # R: fisher.test(matrix(c(0, 2, 3, 0), 2)) -> p = 0.1 (1 table of 10 as extreme, twice)
    assert sup["p"].iloc[0] == pytest.approx(0.1)
    # Pearson X2 = N (ad - bc)^2 / (r1 r2 c1 c2) = 5 * (0*0 - 3*2)^2 / (3*2*2*3) = 5; V = sqrt(5/5) = 1
    assert sup["statistic"].iloc[0] == pytest.approx(5.0)
    assert sup["cramers_v"].iloc[0] == pytest.approx(1.0)
    assert sup["df"].iloc[0] == 1
    # small cells: 0 is not small, 2 is (< 5)
    assert sup["small_cell"].tolist() == [False, True]


def test_crosstab_suppresses_small_cells(segments, people):
    res = crosstab(segments, people, by="shift", suppress_small_cells=True)
    fam = res[res["code_path"] == "support / family"].set_index("group")
    assert pd.isna(fam.loc["night", "n_participants"]) and np.isnan(fam.loc["night", "prevalence"])
    assert fam.loc["day", "n_participants"] == 0
    assert fam["p"].notna().all()  # the test keeps the real counts


def brute_force_fisher(table):
    """Every table with the same margins, enumerated directly (independent of the module)."""
    rows, m = table.sum(axis=1), table[:, 0].sum()
    n = rows.sum()

    def prob(x):
        return math.prod(math.comb(int(r), int(k)) for r, k in zip(rows, x)) / math.comb(int(n), int(m))

    observed = prob(table[:, 0])
    total = 0.0
    for x in itertools.product(*[range(int(r) + 1) for r in rows]):
        if sum(x) == m and prob(x) <= observed * (1 + 1e-7):
            total += prob(x)
    return total


def test_crosstab_three_groups_chi_square_and_exact():
    rng = np.random.default_rng(7)
    groups = np.repeat(["a", "b", "c"], [40, 30, 30])
    people = pd.DataFrame({"participant": [f"P{i}" for i in range(100)], "site": groups})
    p_code = np.where(groups == "a", 0.6, np.where(groups == "b", 0.3, 0.5))
    has = rng.random(100) < p_code
    rare = np.zeros(100, bool)
    rare[[0, 1, 45]] = True
    seg = pd.concat([
        pd.DataFrame({"participant": people["participant"][has], "code": "common"}),
        pd.DataFrame({"participant": people["participant"][rare], "code": "rare"}),
    ])
    res = crosstab(seg, people, by="site").set_index(["code", "group"])
    yes = np.array([has[groups == g].sum() for g in "abc"])
    table = np.column_stack([yes, [40, 30, 30] - yes])
    chi2, p, dof, expected = stats.chi2_contingency(table, correction=False)
    common = res.loc["common"]
    assert common["n_participants"].tolist() == yes.tolist()
    assert (common["test"] == "chi-square").all()
    assert common["statistic"].iloc[0] == pytest.approx(chi2, rel=1e-12)
    assert common["p"].iloc[0] == pytest.approx(p, rel=1e-12)
    assert common["df"].iloc[0] == 2
    assert common["cramers_v"].iloc[0] == pytest.approx(math.sqrt(chi2 / 100), rel=1e-12)
    # rare: P0, P1 (site a) and P45 (site b): 2 of 40, 1 of 30, 0 of 30 -> expected counts 1.2, 0.9, 0.9 < 5 -> exact test
    rare_rows = res.loc["rare"]
    assert rare_rows["n_participants"].tolist() == [2, 1, 0]
    assert (rare_rows["test"] == "fisher").all()
    assert rare_rows["min_expected"].iloc[0] == pytest.approx(0.9)
    assert rare_rows["p"].iloc[0] == pytest.approx(brute_force_fisher(np.array([[2, 38], [1, 29], [0, 30]])),
                                                   rel=1e-9)


def test_crosstab_missing_attribute_warns(segments, people):
    people = people.assign(shift=["night", None, "day", "day", "day"])
    with pytest.warns(UserWarning, match="1 participant\\(s\\) have no value of 'shift'"):
        res = crosstab(segments, people, by="shift")
    assert res.groupby("group")["group_size"].first().to_dict() == {"day": 3, "night": 1}


def test_case_matrix(segments, people):
    res = case_matrix(segments, people)
    assert res.columns.tolist() == ["participant", "barrier", "support", "support / family",
                                    "support / friends"]
    assert res["participant"].tolist() == ["P1", "P2", "P3", "P4", "P5"]
    assert res["support"].tolist() == [1, 1, 0, 0, 0]
    assert res["barrier"].tolist() == [1, 0, 1, 0, 0]
    assert res.iloc[:, 1:].sum().sum() == 2 + 2 + 1 + 2


def test_cooccurrence_participant_source_segment(segments):
    part = cooccurrence(segments).set_index(["code_a", "code_b"])
    # barrier: P1, P3; support/family: P1; support/friends: P1, P2
    assert part.loc[("barrier", "support / friends"), ["n_a", "n_b", "n_both"]].tolist() == [2, 2, 1]
    assert part.loc[("support / family", "support / friends"), "n_both"] == 1
    jac = cooccurrence(segments, measure="jaccard").set_index(["code_a", "code_b"])
    assert jac.loc[("barrier", "support / friends"), "value"] == pytest.approx(1 / 3)  # 1 / (2 + 2 - 1)
    src = cooccurrence(segments, unit="source").set_index(["code_a", "code_b"])
    assert src.loc[("barrier", "support / friends"), "n_both"] == 1  # source i1 only
    seg = cooccurrence(segments, unit="segment").set_index(["code_a", "code_b"])
    # in i1: family [0,10), family+friends [50,60), barrier [80,90): only family-friends overlap
    assert seg.loc[("support / family", "support / friends"), "n_both"] == 1
    assert seg.loc[("barrier", "support / family"), "n_both"] == 0
    assert seg.loc[("support / family", "support / friends"), ["n_a", "n_b"]].tolist() == [2, 2]


def test_cooccurrence_segment_overlap_and_whole_source():
    seg = pd.DataFrame({
        "participant": ["A"] * 4,
        "code": ["x", "y", "z", "w"],
        "source": ["s"] * 4,
        "start": [0, 9, 10, None],
        "end": [10, 12, 20, None],   # x [0,10) overlaps y [9,12); x and z only touch
    })
    res = cooccurrence(seg, unit="segment").set_index(["code_a", "code_b"])["n_both"]
    assert res[("x", "y")] == 1
    assert res[("x", "z")] == 0
    assert res[("y", "z")] == 1
    assert res[("w", "x")] == 1 and res[("w", "z")] == 1  # a whole-source coding overlaps all
    with pytest.raises(InputError, match="needs the columns 'source', 'start' and 'end'"):
        cooccurrence(seg.drop(columns="start"), unit="segment")


def _overlap_pairs_by_hand(seg, roll_up):
    """Segment co-occurrence written out: every pair of overlapping distinct (source, start, end), itself included."""
    spans = {}
    for row in seg.itertuples(index=False):
        if pd.isna(row.source):
            continue
        whole = pd.isna(row.start) or pd.isna(row.end)
        key = (row.source, -math.inf if whole else float(row.start), math.inf if whole else float(row.end))
        parts = row.code_path.split(" / ")
        names = [" / ".join(parts[: i + 1]) for i in range(len(parts))] if roll_up else [row.code_path]
        spans.setdefault(key, set()).update(names)
    keys = list(spans)
    counts = {}
    for x in range(len(keys)):
        for y in range(x, len(keys)):
            (s1, a1, b1), (s2, a2, b2) = keys[x], keys[y]
            if x != y and not (s1 == s2 and a1 < b2 and a2 < b1):
                continue
            pairs = {tuple(sorted((a, b))) for a in spans[keys[x]] for b in spans[keys[y]] if a != b}
            for pair in pairs:
                counts[pair] = counts.get(pair, 0) + 1
    return counts


@pytest.mark.parametrize("roll_up", [False, True])
def test_cooccurrence_segment_matches_hand_count_on_random_spans(roll_up):
    """Spans shared by several rows (and participants), zero-length, reversed and whole-source codings."""
    from mixedmethods import themes

    rng = np.random.default_rng(11)
    paths = ["a", "a / x", "a / y", "a / y / z", "b", "b / x", "c"]
    for _ in range(60):
        n = int(rng.integers(1, 30))
        start = rng.integers(0, 25, n).astype(float)
        end = start + rng.integers(-2, 10, n)
        start[rng.random(n) < 0.1] = np.nan
        seg = pd.DataFrame({
            "participant": rng.choice(["P1", "P2", "P3"], n),
            "code_path": rng.choice(paths, n),
            "source": pd.Series(rng.choice(["s1", "s2", "s3"], n), dtype=object).where(rng.random(n) > 0.1),
            "start": start, "end": end,
        })
        seg["code"] = seg["code_path"].str.split(" / ").str[-1]
        res = cooccurrence(seg, unit="segment", roll_up=roll_up)
        expected = _overlap_pairs_by_hand(seg, roll_up)
        got = {(a, b): v for a, b, v in zip(res["code_a"], res["code_b"], res["n_both"]) if v}
        assert got == expected
        # handled a few candidate pairs at a time: the same matrix
        frame = themes._segments_frame(seg, None)
        order, _, _, _, targets = themes._presence(frame, "participant", roll_up, None)
        full = themes._segment_pairs(frame, order, targets)
        assert np.array_equal(themes._segment_pairs(frame, order, targets, block=2), full)


def test_tally_sources_when_some_segments_have_no_source(segments):
    seg = segments.assign(source=["s1", None, "s1", "s2", None, "s3"])
    res = tally(seg).set_index("code_path")
    # s1: support / family, support / friends; s2: barrier; s3: barrier; P1's 2nd family row and P2 have none
    assert res["n_sources"].to_dict() == {"barrier": 2, "support": 1, "support / family": 1,
                                          "support / friends": 1}
    assert res.index.tolist() == tally(segments).set_index("code_path").index.tolist()
    by_source = tally(seg, unit="source").set_index("code_path")
    assert by_source["denominator"].iloc[0] == 3
    assert by_source["prevalence"].to_dict() == {"barrier": 2 / 3, "support": 1 / 3, "support / family": 1 / 3,
                                                 "support / friends": 1 / 3}


def test_tally_by_source_without_any_source_says_so(segments):
    seg = segments.assign(source=None)
    with pytest.raises(InputError, match="unit='source' needs sources.*'source' is empty in all 6 rows"):
        tally(seg, unit="source")
    for unit in ("source", "segment"):
        with pytest.raises(InputError, match=f"unit='{unit}' needs sources"):
            cooccurrence(seg.assign(start=0, end=5), unit=unit)
    assert tally(seg)["n_sources"].isna().all()   # counting participants still works


def test_tables_display_rounded_in_notebooks():
    """tally, crosstab and cooccurrence render rounded HTML (issue 5, item 3), values kept in full."""
    from mixedmethods._display import ResultTable

    seg = pd.DataFrame({"participant": ["a", "b", "c"], "code": ["x", "x", "y"]})
    part = pd.DataFrame({"participant": ["a", "b", "c"], "group": ["g", "h", "h"]})
    res = tally(seg, participants=part)
    assert isinstance(res, ResultTable)
    # prevalence of x = 2/3 = 0.6666...: three decimals on screen, all digits underneath
    assert "0.667" in res._repr_html_() and "0.666666" not in res._repr_html_()
    assert res.set_index("code").loc["x", "prevalence"] == pytest.approx(2 / 3, rel=1e-15)
    assert isinstance(crosstab(seg, part, by="group"), ResultTable)
    assert isinstance(cooccurrence(seg), ResultTable)


def test_wilson_bounds_are_exact_at_zero_and_all():
    """A theme nobody (or everybody) mentions has the bound exactly 0 (or 1), so plots never see -1e-17."""
    from mixedmethods.plot import theme_by_group

    seg = pd.DataFrame({"participant": ["a", "b"], "code": ["x", "x"]})
    part = pd.DataFrame({"participant": ["a", "b", "c"], "group": ["g", "g", "h"]})
    table = crosstab(seg, part, by="group")
    zero = table[(table["group"] == "h")].iloc[0]
    assert zero["n_participants"] == 0 and zero["ci_low"] == 0.0
    everyone = table[(table["group"] == "g")].iloc[0]
    assert everyone["ci_high"] == 1.0
    ax = theme_by_group(table)  # used to fail: 'xerr' must not contain negative values
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_codebook_order_is_kept_when_codes_are_given():
    seg = pd.DataFrame({"participant": ["a", "b", "c"],
                        "code_path": ["Zeta / b", "Alpha / x", "Zeta / a"]})
    seg["code"] = seg["code_path"].str.split(" / ").str[-1]
    codebook = ["Zeta", "Zeta / b", "Zeta / a", "Alpha", "Alpha / x"]
    assert tally(seg, codes=codebook)["code_path"].tolist() == codebook
    # without a codebook: tree order, siblings alphabetical
    assert tally(seg)["code_path"].tolist() == ["Alpha", "Alpha / x", "Zeta", "Zeta / a", "Zeta / b"]

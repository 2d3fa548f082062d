"""Tests of mixedmethods.themes.tally: counts checked against hand computations."""
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


def test_tally_counts_participants_once_and_rolls_up(segments, people):
    res = tally(segments, participants=people, sample="probability").set_index("code_path")
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
    res = tally(segments, participants=people, codes=["cost / fees"], sample="probability").set_index("code_path")
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


def test_a_code_path_alone_names_the_code(segments, people):
    """A CSV of hand-typed codings often holds the path and no separate code: the code is the path's last
    name, and every count is as with both columns (write_qdpx refused such a table: 'code' not found)."""
    paths_only = segments.drop(columns="code")
    before = paths_only.copy()
    for count in (lambda s: tally(s, participants=people),
                  lambda s: crosstab(s, participants=people, between="shift"),
                  lambda s: cooccurrence(s, unit="segment"), lambda s: case_matrix(s, participants=people)):
        pd.testing.assert_frame_equal(count(paths_only), count(segments))
    pd.testing.assert_frame_equal(paths_only, before)  # the caller's frame is not given a code column
    with pytest.raises(InputError, match=r"segments column 'code_path' is missing at row 2 \(1 row\(s\) in "
                                         r"all\); every segment needs a code"):
        tally(paths_only.assign(code_path=paths_only["code_path"].where(paths_only.index != 2)))
    with pytest.raises(InputError, match="'code' not found"):  # neither: the code is asked for
        tally(paths_only.drop(columns="code_path"))
    # a categorical path, as read_csv(dtype="category") gives: the same counts
    pd.testing.assert_frame_equal(tally(paths_only.astype({"code_path": "category"})), tally(segments))


def test_the_sample_note_names_the_units_counted(segments, people):
    """The note under a census says what it describes: participants, sources (unit="source", which the note
    called participants) or the units named by unit_label (a meta-synthesis counts papers)."""
    def notes(result):
        return result.attrs["notes"]

    assert notes(tally(segments, sample="census"))[0].endswith("describe these participants only.")
    assert notes(tally(segments, sample="census", unit="source"))[0].endswith("describe these sources only.")
    assert notes(tally(segments, sample="census", unit_label="papers"))[0].endswith("describe these papers only.")
    by_group = notes(crosstab(segments, participants=people, between="shift", sample="census", unit_label="papers"))
    assert by_group[0].endswith("describe these papers only.")
    assert "a random split of these papers" in by_group[1] and "describe these papers, not a" in by_group[1]
    with pytest.raises(InputError, match="unit_label must be the plural name of what was counted"):
        tally(segments, unit_label="")


def test_inputs_are_not_modified(segments, people):
    seg0, people0 = segments.copy(deep=True), people.copy(deep=True)
    tally(segments, participants=people)
    crosstab(segments, participants=people, between="shift")
    cooccurrence(segments, unit="segment")
    case_matrix(segments, participants=people)
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
        crosstab(segments, participants=people, between="sector")
    with pytest.raises(InputError, match="unknown key"):
        tally(segments, columns={"person": "participant"})


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
    assert isinstance(crosstab(seg, participants=part, between="group"), ResultTable)
    assert isinstance(cooccurrence(seg), ResultTable)


def test_codebook_order_is_kept_when_codes_are_given():
    seg = pd.DataFrame({"participant": ["a", "b", "c"],
                        "code_path": ["Zeta / b", "Alpha / x", "Zeta / a"]})
    seg["code"] = seg["code_path"].str.split(" / ").str[-1]
    codebook = ["Zeta", "Zeta / b", "Zeta / a", "Alpha", "Alpha / x"]
    assert tally(seg, codes=codebook)["code_path"].tolist() == codebook
    # without a codebook: tree order, siblings alphabetical
    assert tally(seg)["code_path"].tolist() == ["Alpha", "Alpha / x", "Zeta", "Zeta / a", "Zeta / b"]


@pytest.mark.parametrize("confidence_level", [0.8, 0.95, 0.99])
def test_wilson_interval_equals_statsmodels(confidence_level):
    """mixedmethods._formulas.wilson_interval (used by tally and crosstab) = statsmodels' Wilson interval."""
    from statsmodels.stats.proportion import proportion_confint

    from mixedmethods._formulas import wilson_interval

    n = np.repeat(np.arange(1, 41), np.arange(1, 41) + 1)
    count = np.concatenate([np.arange(k + 1) for k in range(1, 41)])  # 0..n for every n, both ends included
    lo, hi = wilson_interval(count, n, confidence_level)
    expected_lo, expected_hi = proportion_confint(count, n, alpha=1 - confidence_level, method="wilson")
    np.testing.assert_allclose(lo, expected_lo, rtol=0, atol=1e-12)
    np.testing.assert_allclose(hi, expected_hi, rtol=0, atol=1e-12)
    assert (lo[count == 0] == 0).all() and (hi[count == n] == 1).all()  # exact, where statsmodels is 1e-17 off
    assert np.isnan(wilson_interval([0], [0], confidence_level)[0]).all()


@pytest.mark.parametrize("sample, why", [
    (None, "the sample was not stated"),
    ("purposive", "a purposive sample is chosen for what its members can tell"),
    ("convenience", "a convenience (self-selected) sample is not drawn at random"),
    ("census", "a census counts every member of the population"),
])
def test_tally_gives_intervals_only_for_a_probability_sample(segments, people, sample, why):
    res = tally(segments, participants=people, sample=sample)
    assert (res["sample"] == (sample or "not stated")).all()
    assert res["ci_low"].isna().all() and res["ci_high"].isna().all() and res["confidence_level"].isna().all()
    assert len(res.attrs["notes"]) == 1 and res.attrs["notes"][0].startswith(f"No Wilson intervals: {why}")
    assert why.split(" (")[0] in res._repr_html_()   # the reason is shown under the table in a notebook
    # the counts do not depend on the sample
    drawn = tally(segments, participants=people, sample="probability")
    pd.testing.assert_frame_equal(res.drop(columns=["sample", "ci_low", "ci_high", "confidence_level"]),
                                  drawn.drop(columns=["sample", "ci_low", "ci_high", "confidence_level"]))
    assert drawn["ci_low"].notna().all() and (drawn["confidence_level"] == 0.95).all()
    assert drawn.attrs["notes"] == [] and (drawn["sample"] == "probability").all()


def test_tally_and_crosstab_refuse_an_unknown_sample(segments, people):
    for bad in ("random", "Probability", 1, True):
        with pytest.raises(InputError, match="sample="):
            tally(segments, participants=people, sample=bad)
        with pytest.raises(InputError, match="sample="):
            crosstab(segments, participants=people, between="shift", sample=bad)


def test_categorical_columns_give_the_same_counts_from_their_codes(segments, people):
    """Categorical participant, code_path and source columns are read from their codes (no per-row objects)."""
    categorical = segments.astype({"participant": "category", "code_path": "category", "code": "category",
                                   "source": "category"})
    # unused and reordered categories must not change anything
    categorical["participant"] = categorical["participant"].cat.set_categories(["P9", "P3", "P2", "P1", "P4"])
    for kwargs in ({}, {"participants": people}, {"unit": "source"}, {"roll_up": False}):
        pd.testing.assert_frame_equal(tally(categorical, **kwargs), tally(segments, **kwargs))
    pd.testing.assert_frame_equal(crosstab(categorical, participants=people, between="shift"),
                                  crosstab(segments, participants=people, between="shift"))
    with_missing = categorical.assign(source=pd.Categorical(["i1", None, "i1", "i1", "i2", "i3"]))
    pd.testing.assert_frame_equal(tally(with_missing), tally(segments.assign(source=["i1", None, "i1", "i1",
                                                                                      "i2", "i3"])))
    before = categorical.copy()
    tally(categorical, participants=people)
    pd.testing.assert_frame_equal(categorical, before)


def test_a_million_segments_are_tallied_in_bounded_time_and_memory():
    """Issue 16's reproducer, scaled down for CI (10**7 rows took 11 s and 2.6 GB): 10**6 synthetic,
    seeded segments are tallied in a fresh interpreter whose run the test stops at 120 s, and the
    call's peak resident memory stays below 0.35 times the segments table itself (measured: 0.27;
    the tally before issue 16 took 0.42)."""
    import subprocess
    import sys
    import textwrap

    from pathlib import Path

    benchmarks = Path(__file__).resolve().parents[2] / "benchmarks"
    code = textwrap.dedent("""
        import sys
        import numpy as np, pandas as pd
        from mixedmethods.themes import tally
        sys.path.insert(0, BENCHMARKS)
        from _rss import status_bytes as rss  # VmRSS / VmHWM of /proc/self/status, in bytes
        rng = np.random.default_rng(2026)
        n, people = 1_000_000, 10_000
        ids = np.asarray([f"P{i:05d}" for i in range(people)], dtype=object)
        paths = np.asarray([f"theme{i // 10} / code{i}" for i in range(200)], dtype=object)
        who, start = rng.integers(0, people, n), rng.integers(0, 50_000, n)
        segments = pd.DataFrame({"participant": ids[who], "code_path": paths[rng.integers(0, 200, n)],
                                 "source": ids[who], "start": start, "end": start + rng.integers(1, 500, n)})
        segments["code"] = segments["code_path"].str.split(" / ").str[-1]
        size = int(segments.memory_usage(deep=True).sum())
        tally(segments.head(100), participants=pd.DataFrame({"participant": ids}))
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        before = rss("VmRSS")
        out = tally(segments, participants=pd.DataFrame({"participant": ids}))
        print(len(out), (rss("VmHWM") - before) / size)
    """).replace("BENCHMARKS", repr(str(benchmarks)))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    rows, ratio = run.stdout.split()
    assert int(rows) > 200 and float(ratio) < 0.35

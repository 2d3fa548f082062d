"""The Mexico City OMI reproduction, checked against independent references.

References: R 4.x (``2*pt(-|t|, df)`` for p; ``prop.test(x, n, correct = FALSE)$conf.int``
for the Wilson interval), brute-force search over the rounding box for the
reachable t, and ../shared/ANCHORS.md (GRIM failures of the printed means at 61 / 34).
"""
import itertools

import numpy as np
import pandas as pd
import pytest

from mixedmethods.studies import load_study, reproduce_study
from mixedmethods.studies import mexico_omi as mx


@pytest.fixture(scope="module")
def report():
    return reproduce_study("mexico-omi")


def test_printed_values_load_as_printed():
    printed = load_study("mexico-omi", printed=True)["omi_ttests"]
    assert printed[["mean1", "sd1", "mean2", "sd2"]].iloc[0].tolist() == ["2.78", "2.30", "1.5", "2.14"]
    assert printed.loc[3, "sd2"] == ".84"
    numeric = load_study("mexico-omi")["omi_ttests"]
    assert numeric["t"].tolist() == [2.53, 2.5, 2.26, -2.12]
    assert numeric["df"].tolist() == [93, 75.9, 83.2, 88]


def test_p_of_printed_t(report):
    # R: 2*pt(-2.53, 93); 2*pt(-2.5, 75.9); 2*pt(-2.26, 83.2); 2*pt(-2.12, 88)
    r_p = [0.013087604613, 0.0145776612204, 0.0264339558834, 0.0368212104892]
    ttests = report.tables["ttests"]
    assert ttests["p_of_printed_t"].to_numpy() == pytest.approx(r_p, rel=1e-9)
    assert not ttests["printed_p_fits"].any()


def test_spss_row_from_the_form_of_df(report):
    assert report.tables["ttests"]["spss_row"].tolist() == ["student", "welch", "welch", "student"]


def test_no_split_within_the_sample_fits_everything(report):
    """At most 61 women and 34 men were interviewed; no such split fits df, t and GRIM together."""
    ttests = report.tables["ttests"]
    assert (ttests["splits_feasible_within_sample"] == 0).all()
    assert ttests["splits_fitting_all"].tolist() == [8, 2, 2, 5]  # df, t and GRIM only
    assert "cannot all be true of this sample" in dict(report.sections)["Verdicts"]


def test_reachable_t_matches_brute_force():
    """Every corner and midpoint of the rounding box, evaluated directly."""
    printed = load_study("mexico-omi", printed=True)["omi_ttests"]
    _, _, reach, _, _ = mx.ttest_tables()
    for i, row in printed.iterrows():
        def box(text):
            d = len(text.split(".")[1]) if "." in text else 0
            h = 0.5 * 10.0**-d
            return np.linspace(float(text) - h, float(text) + h, 5)
        ts, tw = [], []
        for m1, s1, m2, s2 in itertools.product(box(row.mean1), box(row.sd1), box(row.mean2), box(row.sd2)):
            n1, n2 = 61, 34
            sp = np.sqrt(((n1 - 1) * s1**2 + (n2 - 1) * s2**2) / (n1 + n2 - 2))
            ts.append((m1 - m2) / (sp * np.sqrt(1 / n1 + 1 / n2)))
            tw.append((m1 - m2) / np.sqrt(s1**2 / n1 + s2**2 / n2))
        assert reach.loc[i, "student_t_low"] == pytest.approx(min(ts), rel=1e-12)
        assert reach.loc[i, "student_t_high"] == pytest.approx(max(ts), rel=1e-12)
        assert reach.loc[i, "welch_t_low"] == pytest.approx(min(tw), rel=1e-12)
        assert reach.loc[i, "welch_t_high"] == pytest.approx(max(tw), rel=1e-12)


def test_grim_failures_at_61_34_match_anchors(report):
    # ANCHORS.md: with 61 women and 34 men the printed means 2.78, 2.40, 1.25 and 3.77 fail GRIM.
    text = dict(report.sections)["Verdicts"]
    for mean in ("2.78 is not a mean of 61", "2.40 is not a mean of 61",
                 "1.25 is not a mean of 34", "3.77 is not a mean of 34"):
        assert mean in text


def test_item4_swapped_labels_fit_df_t_and_grim_but_not_the_sds():
    printed = load_study("mexico-omi", printed=True)["omi_ttests"]
    item4 = mx.split_table(printed.iloc[3])
    fits = item4[item4["fits_all"]]
    assert not fits["within_sample"].any()
    swapped = fits[fits["within_sample_if_swapped"]]
    assert list(zip(swapped["n_women"], swapped["n_men"])) == [(30, 60), (33, 57)]
    # ...but the SDs rule both out (GRIMMER or the 0–5 SD bounds): no reading of item 4 fits
    assert not swapped["feasible"].any()
    assert not item4[item4["within_sample"] | item4["within_sample_if_swapped"]]["feasible"].any()
    # direct check of (30, 60): GRIM by hand and Student t from the printed values
    assert round(100 / 30, 2) == 3.33 and round(226 / 60, 2) == 3.77
    ts = []
    for m1, s1, m2, s2 in itertools.product(np.linspace(3.325, 3.335, 5), np.linspace(1.145, 1.155, 5),
                                            np.linspace(3.765, 3.775, 5), np.linspace(0.835, 0.845, 5)):
        sp = np.sqrt((29 * s1**2 + 59 * s2**2) / 88)
        ts.append((m1 - m2) / (sp * np.sqrt(1 / 30 + 1 / 60)))
    assert min(ts) <= -2.115 and max(ts) >= -2.125  # overlaps [−2.125, −2.115]: −2.12 is reachable


def test_split_table_student_df_and_welch_df():
    printed = load_study("mexico-omi", printed=True)["omi_ttests"]
    item1 = mx.split_table(printed.iloc[0])
    fits = item1[item1["df_fits"]]
    assert ((fits["n_women"] + fits["n_men"]) == 95).all() and len(fits) == 92  # n1 = 2 .. 93
    # 61/34 fits df = 93 but not the printed t (2.53 lies below the reachable 2.544)
    row = item1.query("n_women == 61 and n_men == 34").iloc[0]
    assert row.df_fits and not row.t_fits and not row.grim_women
    item2 = mx.split_table(printed.iloc[1])
    # Welch df at 61/34 from the rounded SDs never reaches 75.9 (it is about 73.5)
    assert not item2.query("n_women == 61 and n_men == 34").iloc[0].df_fits
    # a split that fits everything really does: check it by direct computation
    good = item2[item2["fits_all"]].iloc[0]
    n1, n2 = int(good.n_women), int(good.n_men)
    assert round(round(2.40 * n1) / n1, 2) == 2.40 and round(round(1.25 * n2) / n2, 2) == 1.25


def test_theme_percentages_without_sampling_intervals(report):
    themes = report.tables["themes"].set_index("theme")
    counts = {"treatment adherence": (40, 89), "type of diagnosis": (33, 89), "family support": (24, 89),
              "social support/network": (23, 89), "treatment effectiveness": (12, 89), "other": (34, 89),
              "lack of social support": (30, 77)}
    for theme, (x, n) in counts.items():
        row = themes.loc[theme]
        assert row.n_participants == x and row.denominator == n
        assert row.percent == pytest.approx(100 * x / n)
    # self-selected personnel of four centres: a convenience sample, so no Wilson interval (issue 17)
    assert (themes["sample"] == "convenience").all()
    assert not {"ci_low", "ci_high"} & set(themes.columns)


def test_missing_counts_stay_missing(report):
    themes = report.tables["themes"].set_index("theme")
    assert np.isnan(themes.loc["individual characteristics/personality", "n_participants"])
    assert np.isnan(themes.loc["individual characteristics/personality", "percent"])
    assert "not printed" in themes.loc["individual characteristics/personality", "note"]
    assert themes.loc[["treatment adherence failure", "lack of family support", "economic factors"],
                      "n_participants"].isna().all()


def test_demographic_counts(report):
    demo = report.tables["demographics"].set_index("level")
    # hand-computed: k/95 rounded to 1 decimal; 64.2 <- 61 (64.21), 71.2 <- none (67 -> 70.53, 68 -> 71.58)
    expected = {"female": "61", "psychiatrist": "31", "psychologist": "23", "social worker": "12",
                "nurse": "20", "both public and private": "23", "private only": "4",
                "took a mental illness/health-related course": "55"}
    for level, counts in expected.items():
        assert demo.loc[level, "counts"] == counts
    assert not demo.loc["public only", "consistent"]
    sums = report.tables["demographic_sums"].set_index("characteristic")
    assert sums.loc["job title", "count_total"] == "95"
    assert sums.loc["workplace", "percent_total"] == pytest.approx(99.6)


def test_arithmetic_checks(report):
    totals = report.tables["totals"].set_index("check")
    assert totals["agrees"].tolist() == ["yes", "yes", "yes", "no"]  # five significant, four printed
    checks = report.tables["checks"]
    # 4 items x 3 checks + 13 percentages + 4 totals; the disagreements: 4 p values, 3 t values,
    # 4 items with no split in the sample, 71.2%, five significant items but four printed
    assert len(checks) == 29
    assert (checks["agrees"] == "no").sum() == 4 + 3 + 4 + 1 + 1
    assert report.summary() == {"study": "mexico-omi", "checks": 29, "agree": 16, "disagree": 13,
                                "cannot_check": 0}


def test_report_text_states_assumption_and_verdicts(report):
    text = report.to_text()
    assert "61 women and 34 men" in text and "64.2%" in text
    assert text.count("Item ") >= 4 and "71.2%" in text
    html = report._repr_html_()
    assert "<table" in html and "Verdicts" in html


def test_reproduction_reads_only_bundled_data(monkeypatch):
    """The study tables come from data/ (or the wheel), never from ../shared."""
    from mixedmethods import studies

    assert "shared" not in str(studies.data_root())
    tables = load_study("mexico-omi")
    assert set(tables) == {"omi_ttests", "recovery_themes", "relapse_themes", "recovery_possible",
                           "demographics", "descriptives", "quotes"}
    assert all(isinstance(t, pd.DataFrame) and {"source", "quote"} <= set(t.columns) for t in tables.values())


def test_unknown_study_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown study 'nope'.*mexico-omi"):
        load_study("nope")


def test_reproduce_loads_each_view_of_the_study_once(load_calls):
    calls = load_calls(mx)
    mx.reproduce()
    assert sorted((name, kwargs.get("printed", False)) for name, kwargs in calls) == [
        ("mexico-omi", False), ("mexico-omi", True)]


def test_report_sentences_built_from_the_data(report):
    text = dict(report.sections)["What does not add up"]
    # p of the printed t: .013 (item 1) to .037 (item 4); df 75.9 and 83.2 are fractional (Welch);
    # df 88 is Student's with 88 + 2 = 90 answering
    assert ("All four t-tests print p = .05, but their t and df give p between .013 and .037; "
            "the paper says Student's t test was used, but two of the four df (75.9, 83.2) "
            "come from the Welch row, and one (88) implies only 90 answered that item.") in text
    totals = report.tables["totals"].set_index("check")
    # "About half of the respondents (45) ...", "28 believed that recovery was possible, while 16 did not"
    assert totals.loc["is recovery possible: 45 + 28 + 16 = analysed", "computed_from"] == "45 + 28 + 16"
    printed_items = totals.loc["items with significant differences printed"]
    assert (printed_items["gives"], printed_items["stated"]) == (4, 5)


def test_printed_items_check_counts_the_printed_t_tests():
    tables = load_study("mexico-omi")
    fewer = {**tables, "omi_ttests": tables["omi_ttests"].iloc[:3]}
    check = mx.arithmetic_checks(fewer).set_index("check").loc["items with significant differences printed"]
    assert check["gives"] == 3 and check["computed_from"] == "3 printed in the text"


def test_theme_table_percent_missing_only_where_the_count_is(report):
    themes = report.tables["themes"]
    missing = themes["n_participants"].isna()
    assert (themes["percent"].isna() == missing).all()
    assert themes.loc[missing, "note"].str.startswith("count not printed").all()


def test_assumption_states_the_scoring_and_what_1_to_6_would_imply(report):
    """0–5 is stated; scored 1–6, four printed (mean, SD) pairs exceed the largest SD any n <= 95 allows.

    By hand: on 1–6 the SD of answers with mean m is at most about sqrt((m − 1)(6 − m)) (times
    sqrt(n/(n − 1))): men's item 1 (1.5) about 1.58 < 2.14, men's item 2 (1.25) 1.12 < 2.0,
    women's item 3 (2.13) 2.13 < 2.4, men's item 3 (1.0) far below 1.99.
    """
    text = dict(report.sections)["Assumption"]
    assert "taken as scored 0–5 (the paper does not say)" in text
    assert ("Scored 1–6, four of the printed (mean, SD) pairs could not be true for any n up to 95" in text)
    for pair in ("the men's item 1 (M 1.5, SD 2.14: at most 1.58)", "the men's item 2 (M 1.25, SD 2.0: at most 1.12)",
                 "the women's item 3 (M 2.13, SD 2.4: at most 2.13)", "the men's item 3 (M 1.0, SD 1.99"):
        assert pair in text


def test_report_sets_t93_beside_the_89_analysed(report):
    text = dict(report.sections)["What does not add up"]
    assert ("Item 1 prints t(93): a Student df is n1 + n2 − 2, so all 95 interviewed answered; yet the text says "
            "six of the 95 were excluded and 89 analysed.") in text


def test_mens_item_3_is_possible_only_at_the_edge(report):
    """M 1.0, SD 1.99, n 34 on 0–5: only 26 zeros, one 1, one 4 and six 5s (mean 35/34)."""
    import numpy as np

    from mixedmethods import audit

    sample = np.array([0] * 26 + [1] + [4] + [5] * 6)
    assert sample.size == 34 and sample.sum() == 35
    assert round(sample.mean(), 1) == 1.0 and round(sample.std(ddof=1), 2) == 1.99  # 1.0294, 1.9922
    counted = audit.count_samples("1.0", "1.99", 34, scale_min=0, scale_max=5)
    assert counted["n_samples"].sum() == 1 and counted["total"].iloc[0] == 35
    for mean, scale in (("1.00", (0, 5)), ("1.0", (1, 6))):
        with pytest.raises(audit.ImpossibleSummaryError):
            audit.sprite(mean, "1.99", 34, scale_min=scale[0], scale_max=scale[1], seed=0)
    text = dict(report.sections)["What does not add up"]
    assert ("The men's item 3 (M 1.0, SD 1.99, n 34) is possible on 0–5 only at the edge of the mean's rounding: "
            "exactly one sample of 34 answers has it, mean 35/34 = 1.0294 and SD 1.9922 "
            "(26 × 0, 1 × 1, 1 × 4, 6 × 5). At exactly M 1.00 it is impossible (it fails GRIMMER") in text
    assert "scored 1–6 it is impossible too (SD 1.99 is beyond the SD bounds" in text

"""The AEQUALIS trial's Table 1 re-run (mixedmethods.studies.aequalis, data/aequalis).

Source: Blancafort Alias S, et al. BMC Public Health 21, 84 (2021), doi:10.1186/s12889-020-10094-9,
Table 1 ("Total (n=360)", "Intervention group (n=194)", "Control group (n=164)").
"""
import pytest

from mixedmethods.studies import aequalis, list_studies, load_study


@pytest.fixture(scope="module")
def tables():
    return load_study("aequalis", printed=True)


def test_registered_and_cited(tables):
    assert "aequalis" in list_studies()
    assert set(tables) == {"groups", "counts", "means"}
    assert all(t["source"].str.startswith("doi:10.1186/s12889-020-10094-9").all() for t in tables.values())


def test_which_test_gave_the_p_of_self_perceived_health(tables):
    """The 4 x 2 table: R chisq.test(matrix(c(1, 2, 153, 40, 0, 6, 127, 31), 2, byrow = TRUE)) gives
    X-squared = 3.7402, df = 3, p-value = 0.2909 (printed .291); fisher.test gives p = 0.2845."""
    counts = aequalis.count_verdicts(tables).set_index(["n_intervention", "comparison"])
    row = counts.loc[(196, "self-perceived health")]
    assert row["pearson_p"] == pytest.approx(0.290914, abs=1e-6)
    assert row["fisher_p"] == pytest.approx(0.284478, abs=1e-6)
    assert row["matched_test"] == "pearson" and bool(row["consistent"])


def test_percentages_are_of_196_not_the_printed_194(tables):
    """162/194 = 83.51% and 162/196 = 82.65% (printed 82.65); 194 + 164 = 358, not the total 360."""
    counts = aequalis.count_verdicts(tables).set_index(["n_intervention", "comparison"])
    assert "82.65% cannot be true: it should have been 83.51% (162 of 194)" in counts.loc[(194, "women"), "verdict"]
    assert counts.loc[(196, "women"), "matched_test"] == "pearson"  # chi-square 162/34 vs 131/33: p = .500
    checks = aequalis.group_checks(tables).set_index("check")
    assert checks.loc["intervention + control = total", ["gives", "stated", "agrees"]].tolist() == [358, 360, "no"]
    assert checks.loc["intervention n implied by 162 women = 82.65%", "gives"] == 196


def test_means_fit_student_or_welch_where_they_fit(tables):
    """Age: 73.41 (6.92) vs 73.88 (7.02), p .531, at 194/164: Student p = .525 at the printed values,
    and .531 within the rounding of the means."""
    means = aequalis.mean_verdicts(tables).set_index(["n_intervention", "dv"])
    assert means.loc[(194, "age (years)"), "matched_test"] == "student, welch"
    assert "p = .124 cannot be true" in means.loc[(194, "self-management (ASA-R)"), "verdict"]


def test_report_says_what_does_not_add_up():
    report = aequalis.reproduce()
    text = dict(report.sections)["What does not add up"]
    assert "194 + 164, add up to 358, not the 360" in text
    assert "the intervention percentages are counts of 196, not of 194" in text

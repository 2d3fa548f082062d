"""Joint displays: the three layouts, the analyst's fit, and the renderings."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from mixedmethods import InputError, InputTypeError, compare_summary
from mixedmethods.joint import FITS, JointDisplay, joint_display


@pytest.fixture
def comparison():
    # Mexico seed, printed means and SDs at 61 women / 34 men
    return compare_summary([2.78, 3.34], [2.30, 1.09], 61, [1.50, 3.77], [2.14, 0.92], 34,
                           dv=["marry", "tax"], groups=("women", "men"))


@pytest.fixture
def themes():
    return pd.DataFrame({"theme": ["family support", "treatment effectiveness", "personality"],
                         "n_participants": [24.0, 12.0, np.nan], "denominator": [89, 89, 89]})


@pytest.fixture
def links():
    # The quotes and participant codes are invented test strings, not words from any study.
    return pd.DataFrame({
        "domain": ["Restricting patients' lives", "Resources for care"],
        "dv": ["marry", "tax"],
        "theme": ["family support", "treatment effectiveness"],
        "quote": ["Without the family they relapse.", "It works | when funded"],
        "participant": ["P07", "P31"],
        "fit": ["Expansion", None],
    })


# --------------------------------------------------------------------------- side-by-side
def test_side_by_side_columns_and_values(links, comparison, themes):
    jd = joint_display(links, quantitative=comparison, qualitative=themes, label="theme", test="student",
                       title="OMI items and recovery themes")
    assert isinstance(jd, JointDisplay) and len(jd) == 2
    assert list(jd.table.columns) == ["Domain", "Quantitative result", "Theme", "Exemplar quote (participant)",
                                      "Fit"]
    row = jd.table.iloc[0]
    # R: t.test from summaries, var.equal = TRUE: t = 2.6646, df = 93, p = 0.009088
    assert row["Quantitative result"] == (
        "women 2.78 vs men 1.50; Student t(93) = 2.66, p = .009, g = 0.57, 95% CI [0.14, 0.99]")
    assert row["Theme"] == "family support: 24/89 (27%)"
    assert row["Exemplar quote (participant)"] == "“Without the family they relapse.” (P07)"
    assert jd.table["Fit"].tolist() == ["expansion", "not coded"]
    # full precision underneath
    np.testing.assert_allclose(jd.data.loc[0, "t"], 2.664568, atol=1e-6)
    np.testing.assert_allclose(jd.data.loc[0, "prevalence"], 24 / 89)
    assert jd.data["fit"].tolist() == ["expansion", None]
    assert jd.layout == "side-by-side"


def test_side_by_side_welch_row_and_minus_sign(links, comparison):
    jd = joint_display(links, quantitative=comparison)
    assert "Welch t(" in jd.table.loc[1, "Quantitative result"]
    assert "−" in jd.table.loc[1, "Quantitative result"]  # typographic minus for the negative t


def test_precision_is_the_display_precision_of_means_and_sds(links, comparison, participants):
    jd = joint_display(links, quantitative=comparison, test="student", precision=1)
    assert jd.table.loc[0, "Quantitative result"].startswith("women 2.8 vs men 1.5; Student t(93) = 2.66")
    assert jd.data.loc[0, "mean1"] == 2.78  # full precision underneath
    jd = joint_display(participants, layout="statistics-by-themes", themes=["stigma"], outcome="score", precision=3)
    assert jd.table.loc[0, "score, theme present: M (SD)"] == "6.000 (0.816), n = 4"
    with pytest.raises(InputError, match="precision must be a whole number >= 0, got -1"):
        joint_display(links, quantitative=comparison, precision=-1)


def test_side_by_side_with_text_results(links):
    data = links.drop(columns="dv").assign(quantitative=["OR 2.1 [1.2, 3.4]", "r = .30"])
    jd = joint_display(data)
    assert jd.table["Quantitative result"].tolist() == ["OR 2.1 [1.2, 3.4]", "r = .30"]
    assert jd.table["Theme"].tolist() == ["family support", "treatment effectiveness"]


def test_a_row_without_a_quote_says_so(links):
    data = links.drop(columns="dv").assign(quantitative=["a", "b"], quote=["", None],
                                           participant=["no quote printed for this theme", None])
    quotes = joint_display(data).table["Exemplar quote (participant)"].tolist()
    assert quotes == ["no quote (no quote printed for this theme)", "no quote"]


def test_fit_is_never_guessed(links, comparison):
    jd = joint_display(links.drop(columns="fit"), quantitative=comparison)
    assert jd.table["Fit"].tolist() == ["not coded", "not coded"]
    assert jd.data["fit"].isna().all()
    jd = joint_display(links, quantitative=comparison, fit={"Resources for care": "discordance"})
    assert jd.table["Fit"].tolist() == ["expansion", "discordance"]
    assert set(jd.data["fit"]) <= set(FITS)


def test_bad_fit_names_the_row(links, comparison):
    with pytest.raises(InputError, match="'agreement'.*domain 'Resources for care'"):
        joint_display(links.assign(fit=["expansion", "agreement"]), quantitative=comparison)
    with pytest.raises(InputError, match="not in the display"):
        joint_display(links, quantitative=comparison, fit={"Nowhere": "confirmation"})
    with pytest.raises(InputTypeError, match="dict"):
        joint_display(links, quantitative=comparison, fit=["confirmation"])


def test_side_by_side_bad_input(links, comparison, themes):
    with pytest.raises(InputError, match="no rows"):
        joint_display(links.iloc[0:0], quantitative=comparison)
    with pytest.raises(InputError, match="'domain'"):
        joint_display(links.drop(columns="domain"), quantitative=comparison)
    with pytest.raises(InputError, match="dv 'nothing'"):
        joint_display(links.assign(dv=["marry", "nothing"]), quantitative=comparison)
    with pytest.raises(InputError, match="'quantitative'"):
        joint_display(links.drop(columns="dv"))
    with pytest.raises(InputError, match="theme 'family support' matches 0"):
        joint_display(links, quantitative=comparison, qualitative=themes.assign(theme="x"), label="theme")
    with pytest.raises(InputError, match="layout"):
        joint_display(links, layout="pyramid")


def test_input_not_modified(links, comparison, themes):
    before = [links.copy(), comparison.copy(), themes.copy()]
    joint_display(links, quantitative=comparison, qualitative=themes, label="theme")
    for a, b in zip(before, [links, comparison, themes]):
        pd.testing.assert_frame_equal(a, b)


# --------------------------------------------------------------------------- renderings
def test_renderings(links, comparison):
    jd = joint_display(links, quantitative=comparison, title="Joint display: OMI & themes")
    html = jd._repr_html_()
    assert "<table" in html and "<caption" in html and "Joint display: OMI &amp; themes" in html
    assert "expansion</td>" in html and "background-color:#" in html
    md = jd.to_markdown()
    lines = md.splitlines()
    assert lines[0] == "**Joint display: OMI & themes**"
    assert lines[2] == "| Domain | Quantitative result | Theme | Exemplar quote (participant) | Fit |"
    assert lines[3] == "| --- | --- | --- | --- | --- |"
    assert "It works \\| when funded" in md  # a pipe inside a cell is escaped
    assert len(lines[4].split(" | ")) == 5
    tex = jd.to_latex(label="tab:joint")
    assert "\\begin{tabular}" in tex and "\\toprule" in tex and "\\label{tab:joint}" in tex
    assert "OMI \\& themes" in tex and "$-$" in tex
    assert "p{0.28\\linewidth}" in tex
    assert "Domain" in repr(jd)


# --------------------------------------------------------------------------- statistics-by-themes
@pytest.fixture
def participants():
    return pd.DataFrame({
        "participant": [f"P{i}" for i in range(8)],
        "stigma": [1, 1, 1, 1, 0, 0, 0, 0],
        "family": [1, 0, 1, 0, 1, 0, 1, np.nan],
        "score": [5.0, 6.0, 7.0, 6.0, 2.0, 3.0, 4.0, 3.0],
    })


def test_statistics_by_themes(participants):
    jd = joint_display(participants, layout="statistics-by-themes", themes=["stigma", "family"], outcome="score",
                       test="welch", fit={"stigma": "confirmation"})
    assert list(jd.table.columns) == ["Theme", "n/N (%)", "score, theme present: M (SD)",
                                      "score, theme absent: M (SD)", "Test", "Fit"]
    first = jd.table.iloc[0]
    assert first["n/N (%)"] == "4/8 (50%)"
    assert first["score, theme present: M (SD)"] == "6.00 (0.82), n = 4"
    assert first["score, theme absent: M (SD)"] == "3.00 (0.82), n = 4"
    # by hand: SDs equal (sqrt(2/3)), so Welch df = 6 and t = 3 / sqrt(2 * (2/3) / 4) = 5.196152
    assert first["Test"].startswith("Welch t(6.0) = 5.20, p = .002")
    np.testing.assert_allclose(jd.data.loc[0, "t"], 5.196152, atol=1e-6)
    np.testing.assert_allclose(jd.data.loc[0, "df"], 6.0, rtol=1e-12)
    np.testing.assert_allclose(jd.data.loc[0, "p"], 2 * stats.t.sf(3 / np.sqrt(1 / 3), 6), rtol=1e-10)
    assert jd.table.loc[1, "n/N (%)"] == "4/7 (57%)"  # the participant with no value is left out
    assert jd.table["Fit"].tolist() == ["confirmation", "not coded"]


def test_statistics_by_themes_small_groups_and_bad_input(participants):
    data = participants.assign(rare=[1, 0, 0, 0, 0, 0, 0, 0])
    jd = joint_display(data, layout="statistics-by-themes", themes="rare", outcome="score")
    assert jd.table.loc[0, "Test"].startswith("not computable")
    assert np.isnan(jd.data.loc[0, "p"])
    with pytest.raises(InputError, match="'stigma' is 2 at row 3"):
        joint_display(participants.assign(stigma=[1, 1, 1, 2, 0, 0, 0, 0]), layout="statistics-by-themes",
                      themes=["stigma"], outcome="score")
    with pytest.raises(InputError, match="outcome="):
        joint_display(participants, layout="statistics-by-themes", themes=["stigma"])
    with pytest.raises(InputTypeError, match="'score'"):
        joint_display(participants.assign(score=["a"] * 8), layout="statistics-by-themes", themes=["stigma"],
                      outcome="score")


# --------------------------------------------------------------------------- theme-by-group
def test_theme_by_group(crosstab_table):
    jd = joint_display(crosstab_table, layout="theme-by-group", quotes={"night": "Nights are long."},
                       fit={"night": "discordance"})
    assert list(jd.table.columns) == ["group (N)", "cost", "time", "Representative quote", "Fit"]
    assert jd.table.iloc[0].tolist() == ["day (10)", "3/10 (30%)", "not printed", "", "not coded"]
    assert jd.table.iloc[1].tolist() == ["night (8)", "5/8 (62%)", "2/8 (25%)", "“Nights are long.”", "discordance"]
    np.testing.assert_allclose(jd.data.loc[1, "cost: prevalence"], 5 / 8)


def test_theme_by_group_from_crosstab():
    from mixedmethods.themes import crosstab

    segments = pd.DataFrame({"participant": ["P1", "P2", "P3"], "code": ["stress"] * 3})
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
                           "shift": ["night", "night", "day", "day", "day"]})
    jd = joint_display(crosstab(segments, participants=people, between="shift"), layout="theme-by-group")
    assert jd.table["stress"].tolist() == ["1/3 (33%)", "2/2 (100%)"]
    # the groups are named by the attribute, in the table and in the data
    assert jd.table.columns[0] == "shift (N)"
    assert jd.data["shift"].tolist() == ["day", "night"] and jd.data["denominator"].tolist() == [3, 2]


def test_theme_by_group_between_names_the_group_column(crosstab_table):
    jd = joint_display(crosstab_table.rename(columns={"group": "gender"}), layout="theme-by-group",
                       between="gender", fit={"night": "expansion"})
    assert jd.table.columns[0] == "gender (N)"
    assert jd.data["gender"].tolist() == ["day", "night"]
    with pytest.raises(InputError, match="fit names gender"):
        joint_display(crosstab_table.rename(columns={"group": "gender"}), layout="theme-by-group",
                      between="gender", fit={"dawn": "expansion"})


def test_theme_by_group_bad_input(crosstab_table):
    with pytest.raises(InputError, match="negative"):
        joint_display(crosstab_table.assign(n_participants=[3, -1, 1, 2]), layout="theme-by-group")
    with pytest.raises(InputError, match="exceeds"):
        joint_display(crosstab_table.assign(n_participants=[30, 1, 1, 2]), layout="theme-by-group")
    with pytest.raises(InputError, match="'denominator'"):
        joint_display(crosstab_table.drop(columns="denominator"), layout="theme-by-group")
    with pytest.raises(InputError, match="several sizes"):
        joint_display(crosstab_table.assign(denominator=[10, 8, 11, 8]), layout="theme-by-group")


# --------------------------------------------------------------------------- light rendering
def test_rendering_html_does_not_import_matplotlib():
    import subprocess
    import sys

    code = """
import sys
import pandas as pd
from mixedmethods import compare_summary
from mixedmethods.joint import joint_display
res = compare_summary([2.78, 3.34], [2.30, 1.09], 61, [1.50, 3.77], [2.14, 0.92], 34, dv=["marry", "tax"])
links = pd.DataFrame({"domain": ["a", "b", "c"], "dv": ["marry", "tax", "tax"], "theme": ["x", "y", "z"],
                      "fit": ["confirmation", "expansion", "discordance"]})
html = joint_display(links, quantitative=res).to_html()
assert html.count("background-color:#") == 3, html
print("matplotlib" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fit_colours_are_the_palette_blends():
    from mixedmethods._joint_display import fit_colors

    # the palette's bluish green, sky blue, vermillion and grey mixed with white (as matplotlib's to_rgb computes)
    assert fit_colors() == {"confirmation": "#BFE7DC", "expansion": "#CCE8F8", "discordance": "#F4D7BF",
                            "inconclusive": "#E6E6E6"}


# --------------------------------------------------------------------------- missing values
def test_pandas_na_counts_as_missing_like_nan_and_none(links, comparison, themes):
    """pd.NA (nullable dtypes) is missing wherever NaN/None is: counts, quotes, participants, fits, 0/1 themes."""
    with_nan = links.assign(quote=["Without the family they relapse.", None], participant=["P07", None],
                            fit=["expansion", None])
    with_na = links.assign(quote=pd.array(["Without the family they relapse.", pd.NA], dtype="string"),
                           participant=pd.array(["P07", pd.NA], dtype="string"),
                           fit=pd.array(["expansion", pd.NA], dtype="string"))
    themes_na = themes.assign(n_participants=pd.array([24, 12, pd.NA], dtype="Int64"))
    a = joint_display(with_nan, quantitative=comparison,
                      qualitative=themes.assign(theme=["family support", "x", "treatment effectiveness"]),
                      label="theme")
    b = joint_display(with_na, quantitative=comparison,
                      qualitative=themes_na.assign(theme=["family support", "x", "treatment effectiveness"]),
                      label="theme")
    pd.testing.assert_frame_equal(a.table, b.table)
    assert b.table["Theme"].tolist() == ["family support: 24/89 (27%)", "treatment effectiveness: not printed"]
    assert b.table["Exemplar quote (participant)"].tolist() == ["“Without the family they relapse.” (P07)",
                                                                 "no quote"]
    assert b.table["Fit"].tolist() == ["expansion", "not coded"]
    assert np.isnan(b.data.loc[1, "n_participants"]) and b.data["fit"].tolist() == ["expansion", None]
    assert a.notes == b.notes

    participants = pd.DataFrame({"family": [1, 0, 1, 0, 1, np.nan], "score": [5.0, 6.0, 7.0, 6.0, 2.0, 3.0]})
    nullable = participants.assign(family=pd.array([1, 0, 1, 0, 1, pd.NA], dtype="Int64"))
    a, b = (joint_display(d, layout="statistics-by-themes", themes=["family"], outcome="score")
            for d in (participants, nullable))
    pd.testing.assert_frame_equal(a.table, b.table)
    assert b.table.loc[0, "n/N (%)"] == "3/5 (60%)"


def test_pandas_na_in_theme_by_group(crosstab_table):
    # crosstab_table's counts are nullable Int64 with one <NA>
    floats = crosstab_table.assign(n_participants=[3.0, 5.0, np.nan, 2.0])
    a = joint_display(floats, layout="theme-by-group", quotes={"day": None, "night": "Nights are long."})
    b = joint_display(crosstab_table, layout="theme-by-group", quotes={"day": pd.NA, "night": "Nights are long."})
    pd.testing.assert_frame_equal(a.table, b.table)
    assert b.table.loc[0, "time"] == "not printed" and b.table.loc[0, "Representative quote"] == ""


def test_theme_by_group_with_repeated_index_labels(crosstab_table):
    """Rows are found by position: an index with repeated labels (e.g. after pd.concat) works."""
    jd = joint_display(crosstab_table.set_axis([0, 0, 1, 1]), layout="theme-by-group")
    pd.testing.assert_frame_equal(jd.table, joint_display(crosstab_table, layout="theme-by-group").table)
    with pytest.raises(InputError, match="theme 'cost' appears 2 times for group 'day'"):
        joint_display(pd.concat([crosstab_table, crosstab_table.iloc[:1]]), layout="theme-by-group")


def test_inconclusive_is_a_fit_with_its_meaning_and_colour(links, comparison):
    assert FITS == ("confirmation", "expansion", "discordance", "inconclusive")
    jd = joint_display(links, quantitative=comparison, fit={"Resources for care": " Inconclusive "})
    assert jd.table["Fit"].tolist() == ["expansion", "inconclusive"]
    assert jd.data["fit"].tolist() == ["expansion", "inconclusive"]
    note = jd.notes[-1]
    assert "same question" in note and "inconclusive: a finding is too imprecise" in note
    assert "Fetters, Curry & Creswell 2013" in note
    assert "inconclusive</td>" in jd.to_html() and "#E6E6E6" in jd.to_html()


def test_fits_are_typed_never_computed_and_checked():
    import mixedmethods.joint as joint

    doc = joint.__doc__ + joint.joint_display.__doc__
    for word in ("confirmation", "expansion", "discordance", "inconclusive", "same question",
                 "48(6 Pt 2):2134–2156", "conceptual", "residual"):
        assert word in doc, word
    links = pd.DataFrame({"domain": ["a"], "quantitative": ["t(10) = 1.0"], "theme": ["x"], "fit": ["convergence"]})
    with pytest.raises(InputError, match="inconclusive"):
        joint_display(links)

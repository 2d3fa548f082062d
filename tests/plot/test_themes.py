"""theme_bars and theme_by_group: bar lengths, interval ends, labels, titles and palette colours."""
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer, ErrorbarContainer

from mixedmethods import InputError, InputTypeError
from mixedmethods import plot as mp


# --------------------------------------------------------------------------- theme_bars
def test_theme_bars_lengths_are_counts_and_intervals_are_wilson(theme_table, bars, xerr_segments, ytick_texts,
                                                                texts, wilson):
    ax = mp.theme_bars(theme_table, label="theme", scale="count", title="Recovery", sample="probability")
    patches = bars(ax)
    assert len(patches) == 2  # the unprinted count has no bar, not a zero bar
    assert sorted(p.get_width() for p in patches) == [24, 40]
    assert all(to_hex(p.get_facecolor()) == mp.PALETTE["blue"].lower() for p in patches)
    # plot draws the package's Wilson interval, checked here against statsmodels' (R's
    # prop.test(40, 89, correct = FALSE) gives the same); the Mexico table prints 35.03-55.27% for 40/89
    segs = xerr_segments(ax)
    lo, hi = wilson(np.array([40, 24]), 89)
    np.testing.assert_allclose([s[1] for s in segs], 89 * np.array([lo[0], lo[1]]), rtol=1e-9)
    np.testing.assert_allclose([s[2] for s in segs], 89 * np.array([hi[0], hi[1]]), rtol=1e-9)
    np.testing.assert_allclose(lo[0], 0.3503239, atol=1e-7)
    assert ytick_texts(ax) == ["treatment adherence", "personality", "family support"]
    assert ax.get_title() == "Recovery"
    assert "40/89" in texts(ax) and "24/89" in texts(ax)
    assert any("not printed" in t for t in texts(ax))
    assert "Wilson" in ax.get_xlabel()


def test_theme_bars_of_a_convenience_sample_draws_no_interval(bars, xerr_segments, texts):
    from mixedmethods.studies.mexico_omi import theme_table

    table = theme_table()   # Mexico City: self-selected personnel of four centres
    rec = table[table["question"] == "recovery themes"].reset_index(drop=True)
    ax = mp.theme_bars(rec, label="theme", sample="convenience")
    known = rec["n_participants"].notna()
    widths = sorted(p.get_width() for p in bars(ax))
    np.testing.assert_allclose(widths, sorted(rec.loc[known, "percent"]), rtol=1e-12)
    assert xerr_segments(ax) == []
    assert "40/89 (45%)" in texts(ax)
    assert ax.get_xlabel() == "Participants (%)\n(no sampling intervals: a convenience sample is not drawn at random)"


def test_theme_bars_draws_given_percent_intervals_not_wilson(xerr_segments, wilson):
    # deliberately not Wilson: a table printing some other interval (percent, as the study tables)
    table = pd.DataFrame({"theme": ["a", "b", "c"], "n_participants": [40.0, np.nan, 24.0],
                          "denominator": [89, 89, 89], "percent": [100 * 40 / 89, np.nan, 100 * 24 / 89],
                          "ci_low": [40.0, np.nan, 20.0], "ci_high": [50.0, np.nan, 30.0]})
    lo, hi = wilson(np.array([40, 24]), 89)
    assert not np.allclose([40, 20], 100 * lo, atol=0.5) and not np.allclose([50, 30], 100 * hi, atol=0.5)
    segs = xerr_segments(mp.theme_bars(table, label="theme", sample="probability"))
    np.testing.assert_allclose([s[1] for s in segs], [40, 20], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [50, 30], rtol=1e-12)
    plt.figure()  # each plot on a figure of its own (ax=None draws on the current Axes)
    segs = xerr_segments(mp.theme_bars(table, label="theme", scale="count", sample="probability"))
    np.testing.assert_allclose([s[1] for s in segs], [0.40 * 89, 0.20 * 89], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [0.50 * 89, 0.30 * 89], rtol=1e-12)
    # a row without an interval gets Wilson's, the others keep theirs
    plt.figure()
    segs = xerr_segments(mp.theme_bars(table.assign(ci_low=[40.0, np.nan, np.nan]), label="theme", sample="probability"))
    np.testing.assert_allclose([s[1] for s in segs], [40, 100 * lo[1]], rtol=1e-9)
    np.testing.assert_allclose([s[2] for s in segs], [50, 100 * hi[1]], rtol=1e-9)


def test_theme_bars_draws_given_proportion_intervals_not_wilson(xerr_segments, wilson):
    # tally-shaped (prevalence and intervals as proportions), intervals deliberately not Wilson
    table = pd.DataFrame({"code": ["cost", "time"], "n_participants": [3, 1], "denominator": [4, 4],
                          "prevalence": [0.75, 0.25], "ci_low": [0.70, 0.20], "ci_high": [0.80, 0.30]})
    lo, hi = wilson(np.array([3, 1]), 4)
    assert not np.allclose([0.70, 0.20], lo, atol=0.05) and not np.allclose([0.80, 0.30], hi, atol=0.05)
    segs = xerr_segments(mp.theme_bars(table, sample="probability"))
    np.testing.assert_allclose([s[1] for s in segs], [70, 20], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [80, 30], rtol=1e-12)


def test_theme_bars_takes_tally_output_with_proportion_intervals(bars, xerr_segments, ytick_texts, texts):
    from mixedmethods.themes import tally

    segments = pd.DataFrame({"participant": ["P1", "P1", "P2", "P3"], "code": ["cost", "time", "cost", "cost"]})
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4"]})
    res = tally(segments, participants=people, sample="probability")
    ax = mp.theme_bars(res)   # the sample stated in the tally
    assert ytick_texts(ax) == ["cost", "time"]
    np.testing.assert_allclose([p.get_width() for p in bars(ax)], [75, 25])
    segs = xerr_segments(ax)
    np.testing.assert_allclose([s[1] for s in segs], 100 * res["ci_low"].to_numpy())
    np.testing.assert_allclose([s[2] for s in segs], 100 * res["ci_high"].to_numpy())
    assert "3/4 (75%)" in texts(ax)


def test_theme_bars_sort_puts_longest_on_top(theme_table, ytick_texts):
    ax = mp.theme_bars(theme_table, label="theme", sort=True)
    assert ytick_texts(ax) == ["treatment adherence", "family support", "personality"]


def test_theme_bars_draws_on_given_axes_and_never_shows(theme_table, monkeypatch):
    monkeypatch.setattr(plt, "show", lambda *a, **k: pytest.fail("plt.show() called"))
    fig, ax = plt.subplots()
    assert mp.theme_bars(theme_table, label="theme", ax=ax) is ax


def test_theme_bars_does_not_modify_input(theme_table):
    before = theme_table.copy()
    mp.theme_bars(theme_table, label="theme")
    pd.testing.assert_frame_equal(theme_table, before)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.iloc[0:0], "no rows"),
        (lambda d: d.drop(columns="denominator"), "'denominator'"),
        (lambda d: d.assign(n_participants=[40, -1, 24]), "negative"),
        (lambda d: d.assign(n_participants=[40, 90, 24]), "exceeds"),
        (lambda d: d.assign(denominator=[89, 0, 89]), "denominator"),
        (lambda d: d.assign(n_participants=[40.5, 1, 24]), "whole"),
    ],
)
def test_theme_bars_bad_input(theme_table, change, message):
    with pytest.raises(InputError, match=message):
        mp.theme_bars(change(theme_table), label="theme")


@pytest.mark.parametrize("function", ["theme_bars", "theme_by_group"])
def test_unit_label_names_what_was_counted(theme_table, function):
    """A meta-synthesis counts papers: the axis and the default title say so and keep the interval note
    (notebook 05 rewrote the axis label by hand, and dropped the note with it)."""
    data = theme_table.assign(group="all") if function == "theme_by_group" else theme_table
    kwargs = {"between": "group"} if function == "theme_by_group" else {}
    ax = getattr(mp, function)(data, label="theme", sample="census", unit_label="papers", **kwargs)
    try:
        assert ax.get_title().startswith("Papers mentioning each theme")
        assert ax.get_xlabel().startswith("Papers (%)")
        assert ax.get_xlabel().endswith("(no sampling intervals: a census has no sampling error)")
    finally:
        plt.close(ax.figure)
    ax = getattr(mp, function)(data, label="theme", scale="count", **kwargs)   # participants by default
    try:
        assert ax.get_title().startswith("Participants mentioning each theme")
        assert ax.get_xlabel().startswith("Participants (n)")
    finally:
        plt.close(ax.figure)
    for bad in ("", "  ", None, 3):
        with pytest.raises(InputError, match="unit_label must be the plural name of what was counted"):
            getattr(mp, function)(data, label="theme", unit_label=bad, **kwargs)


def test_theme_bars_error_names_the_row(theme_table):
    with pytest.raises(InputError, match="'personality'"):
        mp.theme_bars(theme_table.assign(n_participants=[40, -3, 24]), label="theme")


def test_theme_bars_text_count_is_a_type_error(theme_table):
    with pytest.raises(InputTypeError, match="n_participants"):
        mp.theme_bars(theme_table.assign(n_participants=["40", "many", "24"]), label="theme")


def test_theme_bars_interval_must_contain_the_proportion(theme_table):
    bad = theme_table.assign(ci_low=[0.1, np.nan, 0.5], ci_high=[0.2, np.nan, 0.6], prevalence=0.0)
    with pytest.raises(InputError, match="does not contain"):
        mp.theme_bars(bad, label="theme", sample="probability")


# --------------------------------------------------------------------------- theme_by_group
def test_theme_by_group_draws_given_intervals_not_wilson(crosstab_table, xerr_segments):
    table = crosstab_table.assign(prevalence=[0.3, 0.625, np.nan, 0.25], ci_low=[0.25, 0.6, np.nan, 0.2],
                                  ci_high=[0.35, 0.65, np.nan, 0.3])
    segs = xerr_segments(mp.theme_by_group(table, sample="probability"))
    np.testing.assert_allclose(sorted(s[1] for s in segs), [20, 25, 60], rtol=1e-12)
    np.testing.assert_allclose(sorted(s[2] for s in segs), [30, 35, 65], rtol=1e-12)


def test_theme_by_group_bars_per_group(crosstab_table, xerr_segments, ytick_texts, texts, wilson):
    ax = mp.theme_by_group(crosstab_table, scale="count", sample="probability")
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [c.get_label() for c in containers] == ["day (N = 10)", "night (N = 8)"]
    assert [p.get_width() for p in containers[0].patches] == [3]
    assert [p.get_width() for p in containers[1].patches] == [5, 2]
    colors = [to_hex(c.patches[0].get_facecolor()) for c in containers]
    assert colors == [mp.PALETTE["blue"].lower(), mp.PALETTE["orange"].lower()]
    lo, hi = wilson(np.array([3, 5, 2]), np.array([10, 8, 8]))
    segs = xerr_segments(ax)
    np.testing.assert_allclose(sorted(s[1] for s in segs), sorted(lo * [10, 8, 8]))
    np.testing.assert_allclose(sorted(s[2] for s in segs), sorted(hi * [10, 8, 8]))
    assert ytick_texts(ax) == ["cost", "time"]
    assert any("day: not printed" in t for t in texts(ax))
    assert {"3/10", "5/8", "2/8"} <= set(texts(ax))
    assert ax.get_title()


def test_theme_by_group_from_crosstab():
    from mixedmethods.themes import crosstab

    segments = pd.DataFrame({"participant": ["P1", "P2", "P3"], "code": ["stress"] * 3})
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"],
                           "shift": ["night", "night", "day", "day", "day"]})
    ax = mp.theme_by_group(crosstab(segments, participants=people, between="shift"), groups=["night", "day"])
    widths = [c.patches[0].get_width() for c in ax.containers if isinstance(c, BarContainer)]
    np.testing.assert_allclose(widths, [100, 100 / 3])
    # the legend and the axis name the attribute, not "group"
    assert ax.get_legend().get_title().get_text() == "shift"
    assert "of each shift" in ax.get_xlabel()


def test_theme_by_group_names_the_attribute(crosstab_table):
    # a table of one's own, grouped by a column named after the attribute
    table = crosstab_table.rename(columns={"group": "gender"})
    ax = mp.theme_by_group(table, between="gender")
    assert ax.get_legend().get_title().get_text() == "gender"
    assert ax.get_xlabel().startswith("Participants (%) of each gender")
    # a crosstab-shaped table: levels in "group", the attribute named in "between"
    plt.figure()
    ax = mp.theme_by_group(crosstab_table.assign(between="gender"))
    assert ax.get_legend().get_title().get_text() == "gender"
    with pytest.raises(InputError, match="'between'"):
        mp.theme_by_group(crosstab_table, between="between")


def test_theme_by_group_bad_input(crosstab_table):
    with pytest.raises(InputError, match="exceeds"):
        mp.theme_by_group(crosstab_table.assign(n_participants=[3, 9, 1, 2]))
    with pytest.raises(InputError, match="'denominator'"):
        mp.theme_by_group(crosstab_table.drop(columns="denominator"))
    with pytest.raises(InputError, match="twice"):
        mp.theme_by_group(pd.concat([crosstab_table, crosstab_table.iloc[:1]]))
    with pytest.raises(InputError, match="not in column"):
        mp.theme_by_group(crosstab_table, groups=["dawn"])


WHY = {
    None: "no intervals: the sample was not stated",
    "purposive": "no sampling intervals: a purposive sample is not drawn at random",
    "convenience": "no sampling intervals: a convenience sample is not drawn at random",
    "census": "no sampling intervals: a census has no sampling error",
}


@pytest.mark.parametrize("sample", [None, "purposive", "convenience", "census"])
def test_theme_bars_and_by_group_draw_intervals_only_for_probability_samples(sample):
    """Without a probability sample: no error bars, labels at the bar ends, the reason under the axis."""
    themes = pd.DataFrame({"code": ["a", "b"], "n_participants": [3, 6], "denominator": [12, 12],
                           "ci_low": [0.1, 0.3], "ci_high": [0.5, 0.7]})
    ax = mp.theme_bars(themes, scale="count", sample=sample)
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert sorted(float(b.get_width()) for b in ax.patches) == [3.0, 6.0]
    assert [t.xy[0] for t in ax.texts] == [3.0, 6.0]
    assert ax.get_xlabel() == f"Participants (n)\n({WHY[sample]})"
    table = pd.DataFrame({"code": ["a", "a"], "group": ["x", "y"], "n_participants": [1, 2],
                          "denominator": [4, 5]})
    plt.figure()
    ax = mp.theme_by_group(table, sample=sample)
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert ax.get_xlabel() == f"Participants (%) of each group\n({WHY[sample]})"
    plt.figure()
    ax = mp.theme_bars(themes, scale="count", sample="probability")
    assert any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert ax.get_xlabel() == "Participants (n), with 95% Wilson interval"


def test_plots_take_the_sample_stated_in_the_tally_or_crosstab():
    from mixedmethods.themes import crosstab, tally

    segments = pd.DataFrame({"participant": ["P1", "P2", "P3"], "code": ["stress"] * 3})
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4"], "shift": ["night", "night", "day", "day"]})
    for kind in ("census", "probability"):
        plt.figure()
        ax = mp.theme_bars(tally(segments, participants=people, sample=kind))
        assert any(isinstance(c, ErrorbarContainer) for c in ax.containers) == (kind == "probability")
        plt.figure()
        ax = mp.theme_by_group(crosstab(segments, participants=people, between="shift", sample=kind))
        assert any(isinstance(c, ErrorbarContainer) for c in ax.containers) == (kind == "probability")
    counted = tally(segments, participants=people, sample="census")
    with pytest.raises(InputError, match="'census' sample"):
        mp.theme_bars(counted, sample="probability")
    with pytest.raises(InputError, match="sample='random'"):
        mp.theme_bars(counted, sample="random")
    with pytest.raises(InputError, match="column 'sample'"):
        mp.theme_bars(pd.concat([counted, counted.assign(sample="purposive")]))


def test_finishing_helpers_draw_as_before(theme_table):
    ax = mp.theme_bars(theme_table, label="theme", title="")
    assert ax.get_title() == "" and ax.get_ylim() == (2.5, -0.5)
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.spines["left"].get_visible()
    plt.figure()
    legend = mp.theme_by_group(pd.DataFrame({"code": ["a"], "group": ["x"], "n_participants": [1],
                                             "denominator": [2]})).get_legend()
    assert legend.get_title().get_text() == "group" and not legend.get_frame_on()

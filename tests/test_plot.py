"""What each plot draws: bar lengths, interval ends, labels, titles and palette colours."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgb  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402

from mixedmethods import InputError, InputTypeError, compare_summary  # noqa: E402
from mixedmethods import plot as mp  # noqa: E402
from mixedmethods.text import STOPWORDS, keywords_in_context, word_frequencies  # noqa: E402

PALETTE_HEX = {v.lower() for v in mp.PALETTE.values()}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bars(ax):
    return [p for c in ax.containers if isinstance(c, BarContainer) for p in c.patches]


def xerr_segments(ax):
    """(y, x_low, x_high) of every horizontal error bar, sorted by y."""
    out = []
    for c in ax.containers:
        if not isinstance(c, ErrorbarContainer):  # bars' error bars are containers of their own too
            continue
        for coll in c.lines[2]:
            for seg in coll.get_segments():
                (x0, y0), (x1, _) = seg
                out.append((y0, min(x0, x1), max(x0, x1)))
    return sorted(out)


def ytick_texts(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


def texts(ax):
    return [t.get_text() for t in ax.texts]


def wilson(n, d):
    from statsmodels.stats.proportion import proportion_confint

    return proportion_confint(n, d, alpha=0.05, method="wilson")


@pytest.fixture
def theme_table():
    return pd.DataFrame({
        "theme": ["treatment adherence", "personality", "family support"],
        "n_participants": [40.0, np.nan, 24.0],
        "denominator": [89, 89, 89],
    })


# --------------------------------------------------------------------------- theme_bars
def test_theme_bars_lengths_are_counts_and_intervals_are_wilson(theme_table):
    ax = mp.theme_bars(theme_table, label="theme", scale="count", title="Recovery")
    patches = bars(ax)
    assert len(patches) == 2  # the unprinted count has no bar, not a zero bar
    assert sorted(p.get_width() for p in patches) == [24, 40]
    assert all(to_hex(p.get_facecolor()) == mp.PALETTE["blue"].lower() for p in patches)
    # plot draws themes._wilson's Wilson interval, checked here against statsmodels' (R's
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


def test_theme_bars_percent_uses_given_percent_intervals():
    from mixedmethods.studies.mexico_omi import theme_table

    table = theme_table()
    rec = table[table["question"] == "recovery themes"].reset_index(drop=True)
    ax = mp.theme_bars(rec, label="theme")
    known = rec["n_participants"].notna()
    widths = sorted(p.get_width() for p in bars(ax))
    np.testing.assert_allclose(widths, sorted(rec.loc[known, "percent"]), rtol=1e-12)
    segs = xerr_segments(ax)
    np.testing.assert_allclose(sorted(s[1] for s in segs), sorted(rec.loc[known, "ci_low"]), rtol=1e-9)
    np.testing.assert_allclose(sorted(s[2] for s in segs), sorted(rec.loc[known, "ci_high"]), rtol=1e-9)
    assert "40/89 (45%)" in texts(ax)


def test_theme_bars_draws_given_percent_intervals_not_wilson():
    # deliberately not Wilson: a table printing some other interval (percent, as the study tables)
    table = pd.DataFrame({"theme": ["a", "b", "c"], "n_participants": [40.0, np.nan, 24.0],
                          "denominator": [89, 89, 89], "percent": [100 * 40 / 89, np.nan, 100 * 24 / 89],
                          "ci_low": [40.0, np.nan, 20.0], "ci_high": [50.0, np.nan, 30.0]})
    lo, hi = wilson(np.array([40, 24]), 89)
    assert not np.allclose([40, 20], 100 * lo, atol=0.5) and not np.allclose([50, 30], 100 * hi, atol=0.5)
    segs = xerr_segments(mp.theme_bars(table, label="theme"))
    np.testing.assert_allclose([s[1] for s in segs], [40, 20], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [50, 30], rtol=1e-12)
    segs = xerr_segments(mp.theme_bars(table, label="theme", scale="count"))
    np.testing.assert_allclose([s[1] for s in segs], [0.40 * 89, 0.20 * 89], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [0.50 * 89, 0.30 * 89], rtol=1e-12)
    # a row without an interval gets Wilson's, the others keep theirs
    segs = xerr_segments(mp.theme_bars(table.assign(ci_low=[40.0, np.nan, np.nan]), label="theme"))
    np.testing.assert_allclose([s[1] for s in segs], [40, 100 * lo[1]], rtol=1e-9)
    np.testing.assert_allclose([s[2] for s in segs], [50, 100 * hi[1]], rtol=1e-9)


def test_theme_bars_draws_given_proportion_intervals_not_wilson():
    # tally-shaped (prevalence and intervals as proportions), intervals deliberately not Wilson
    table = pd.DataFrame({"code": ["cost", "time"], "n_participants": [3, 1], "denominator": [4, 4],
                          "prevalence": [0.75, 0.25], "ci_low": [0.70, 0.20], "ci_high": [0.80, 0.30]})
    lo, hi = wilson(np.array([3, 1]), 4)
    assert not np.allclose([0.70, 0.20], lo, atol=0.05) and not np.allclose([0.80, 0.30], hi, atol=0.05)
    segs = xerr_segments(mp.theme_bars(table))
    np.testing.assert_allclose([s[1] for s in segs], [70, 20], rtol=1e-12)
    np.testing.assert_allclose([s[2] for s in segs], [80, 30], rtol=1e-12)


def test_theme_by_group_draws_given_intervals_not_wilson(crosstab_table):
    table = crosstab_table.assign(prevalence=[0.3, 0.625, np.nan, 0.25], ci_low=[0.25, 0.6, np.nan, 0.2],
                                  ci_high=[0.35, 0.65, np.nan, 0.3])
    segs = xerr_segments(mp.theme_by_group(table))
    np.testing.assert_allclose(sorted(s[1] for s in segs), [20, 25, 60], rtol=1e-12)
    np.testing.assert_allclose(sorted(s[2] for s in segs), [30, 35, 65], rtol=1e-12)


def test_theme_bars_takes_tally_output_with_proportion_intervals():
    from mixedmethods.themes import tally

    segments = pd.DataFrame({"participant": ["P1", "P1", "P2", "P3"], "code": ["cost", "time", "cost", "cost"]})
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4"]})
    res = tally(segments, participants=people)
    ax = mp.theme_bars(res)
    assert ytick_texts(ax) == ["cost", "time"]
    np.testing.assert_allclose([p.get_width() for p in bars(ax)], [75, 25])
    segs = xerr_segments(ax)
    np.testing.assert_allclose([s[1] for s in segs], 100 * res["ci_low"].to_numpy())
    np.testing.assert_allclose([s[2] for s in segs], 100 * res["ci_high"].to_numpy())
    assert "3/4 (75%)" in texts(ax)


def test_theme_bars_sort_puts_longest_on_top(theme_table):
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


def test_theme_bars_error_names_the_row(theme_table):
    with pytest.raises(InputError, match="'personality'"):
        mp.theme_bars(theme_table.assign(n_participants=[40, -3, 24]), label="theme")


def test_theme_bars_text_count_is_a_type_error(theme_table):
    with pytest.raises(InputTypeError, match="n_participants"):
        mp.theme_bars(theme_table.assign(n_participants=["40", "many", "24"]), label="theme")


def test_theme_bars_interval_must_contain_the_proportion(theme_table):
    bad = theme_table.assign(ci_low=[0.1, np.nan, 0.5], ci_high=[0.2, np.nan, 0.6], prevalence=0.0)
    with pytest.raises(InputError, match="does not contain"):
        mp.theme_bars(bad, label="theme")


# --------------------------------------------------------------------------- theme_by_group
def test_theme_by_group_bars_per_group(crosstab_table):
    ax = mp.theme_by_group(crosstab_table, scale="count")
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
    ax = mp.theme_by_group(crosstab(segments, people, by="shift"), groups=["night", "day"])
    widths = [c.patches[0].get_width() for c in ax.containers if isinstance(c, BarContainer)]
    np.testing.assert_allclose(widths, [100, 100 / 3])


def test_theme_by_group_bad_input(crosstab_table):
    with pytest.raises(InputError, match="exceeds"):
        mp.theme_by_group(crosstab_table.assign(n_participants=[3, 9, 1, 2]))
    with pytest.raises(InputError, match="'group_size'"):
        mp.theme_by_group(crosstab_table.drop(columns="group_size"))
    with pytest.raises(InputError, match="twice"):
        mp.theme_by_group(pd.concat([crosstab_table, crosstab_table.iloc[:1]]))
    with pytest.raises(InputError, match="not in column"):
        mp.theme_by_group(crosstab_table, groups=["dawn"])


# --------------------------------------------------------------------------- group_means / effect_sizes
@pytest.fixture
def comparison():
    # the Mexico seed's printed means and SDs at 61 women / 34 men
    return compare_summary([2.78, 2.40, 3.34], [2.30, 2.18, 1.09], 61, [1.50, 1.25, 3.77], [2.14, 2.00, 0.92], 34,
                           dv=["marry", "children", "tax"], groups=("women", "men"), p_adjust="holm")


def test_group_means_draws_each_groups_mean_and_t_interval(comparison):
    from scipy import stats

    ax = mp.group_means(comparison, test="student", title="OMI items")
    bars_ = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert [c.get_label() for c in bars_] == ["women", "men"]
    # ordered by mean difference, largest on top: marry (1.28), children (1.15), tax (-0.43)
    assert ytick_texts(ax)[2] == "tax"
    assert ytick_texts(ax)[0].startswith("marry") and ytick_texts(ax)[0].endswith("*")
    women = bars_[0]
    x, _ = women.lines[0].get_data()
    np.testing.assert_allclose(x, [2.78, 2.40, 3.34])
    # as R's 2.78 + c(-1, 1) * qt(0.975, 60) * 2.30 / sqrt(61), qt(0.975, 60) = 2.000298
    half = stats.t.ppf(0.975, 60) * np.array([2.30, 2.18, 1.09]) / np.sqrt(61)
    segs = sorted(
        (seg[0][1], min(seg[0][0], seg[1][0]), max(seg[0][0], seg[1][0]))
        for seg in women.lines[2][0].get_segments()
    )
    np.testing.assert_allclose([s[1] for s in segs], np.array([2.78, 2.40, 3.34]) - half)
    np.testing.assert_allclose([s[2] for s in segs], np.array([2.78, 2.40, 3.34]) + half)
    np.testing.assert_allclose(segs[0][1], 2.78 - 2.000298 * 2.30 / np.sqrt(61), atol=1e-5)
    assert to_hex(women.lines[0].get_color()) == mp.PALETTE["blue"].lower()
    assert to_hex(bars_[1].lines[0].get_color()) == mp.PALETTE["orange"].lower()
    assert ax.get_title() == "OMI items"
    assert "holm-adjusted" in " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_group_means_marks_only_adjusted_significance(comparison):
    table = comparison.copy()
    table["p_adjusted"] = [0.2, 0.2, 0.001, 0.001, 0.2, 0.2]  # only 'children' significant
    ax = mp.group_means(table, order="input", labels={"children": "Children"})
    assert ytick_texts(ax) == ["marry", "Children *", "tax"]


def test_group_means_needs_the_chosen_test(comparison):
    with pytest.raises(InputError, match="test == 'welch'"):
        mp.group_means(comparison[comparison["test"] == "student"])
    with pytest.raises(InputError, match="'sd1'"):
        mp.group_means(comparison.drop(columns="sd1"))
    with pytest.raises(InputError, match="no rows"):
        mp.group_means(comparison.iloc[0:0])


def test_effect_sizes_forest_plot(comparison):
    ax = mp.effect_sizes(comparison, test="welch")
    (eb,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    welch = comparison[comparison["test"] == "welch"]
    x, y = eb.lines[0].get_data()
    np.testing.assert_allclose(x, welch["hedges_g"])
    np.testing.assert_allclose(x[0], 0.565661, atol=1e-6)  # compare_summary's g for item 1 of the Mexico seed
    segs = sorted((s[0][1], s[0][0], s[1][0]) for s in eb.lines[2][0].get_segments())
    np.testing.assert_allclose([s[1] for s in segs], welch["hedges_g_ci_low"])
    np.testing.assert_allclose([s[2] for s in segs], welch["hedges_g_ci_high"])
    assert ytick_texts(ax) == ["marry", "children", "tax"]
    assert "Hedges' g (women − men)" in ax.get_xlabel()
    assert ax.get_title()
    right = [a for a in ax.child_axes]
    assert right and right[0].get_yticklabels()[0].get_text() == "0.57 [0.14, 0.99]"
    assert to_hex(eb.lines[0].get_color()) in PALETTE_HEX


def test_effect_sizes_order_by_effect(comparison):
    ax = mp.effect_sizes(comparison, order="effect")
    assert ytick_texts(ax) == ["marry", "children", "tax"]
    ax = mp.effect_sizes(comparison, order=["tax", "marry"])
    assert ytick_texts(ax) == ["tax", "marry"]


@pytest.fixture
def unordered_comparison():
    # mean differences (and, the SDs being equal, Hedges' g) not in table order: 0, 1.5, 0.6
    return compare_summary([2.0, 3.5, 2.6], [1.0, 1.0, 1.0], 30, [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], 30,
                           dv=["low", "high", "middle"], groups=("a", "b"))


def test_group_means_orders_by_mean_difference(unordered_comparison):
    ax = mp.group_means(unordered_comparison)
    assert [t.removesuffix(" *") for t in ytick_texts(ax)] == ["high", "middle", "low"]
    first = [c for c in ax.containers if isinstance(c, ErrorbarContainer)][0]
    x, y = first.lines[0].get_data()
    np.testing.assert_allclose(x[np.argsort(y)], [3.5, 2.6, 2.0])  # each mean on its item's row
    ax = mp.group_means(unordered_comparison, order="input")
    assert [t.removesuffix(" *") for t in ytick_texts(ax)] == ["low", "high", "middle"]


def test_effect_sizes_orders_by_effect(unordered_comparison):
    welch = unordered_comparison[unordered_comparison["test"] == "welch"].set_index("dv")
    ax = mp.effect_sizes(unordered_comparison, order="effect")
    assert ytick_texts(ax) == ["high", "middle", "low"]
    (eb,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    x, y = eb.lines[0].get_data()
    np.testing.assert_allclose(x[np.argsort(y)], welch.loc[["high", "middle", "low"], "hedges_g"])
    assert ytick_texts(mp.effect_sizes(unordered_comparison)) == ["low", "high", "middle"]


def test_effect_sizes_bad_input(comparison):
    with pytest.raises(InputError, match="'hedges_g_ci_low'"):
        mp.effect_sizes(comparison.drop(columns="hedges_g_ci_low"))
    with pytest.raises(InputError, match="not in column 'dv'"):
        mp.effect_sizes(comparison, order=["nothing"])


# --------------------------------------------------------------------------- likert
def test_likert_diverging_bars():
    data = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 5, 5, 4, 3, 2], "q2": [1, 1, 1, 1, 2, 3, 3, 5, 5, np.nan]})
    ax = mp.likert(data, level_labels=["SD", "D", "N", "A", "SA"])
    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    assert [c.get_label() for c in containers] == ["SD", "D", "N", "A", "SA"]
    widths = np.array([[p.get_width() for p in c.patches] for c in containers]).T
    np.testing.assert_allclose(widths[0], [10, 20, 20, 20, 30])
    np.testing.assert_allclose(widths[1], 100 * np.array([4, 1, 2, 0, 2]) / 9)
    # q1: disagree 30% + half of neutral 10% on the left of zero
    np.testing.assert_allclose(containers[0].patches[0].get_x(), -40)
    fills = [to_hex(c.patches[0].get_facecolor()) for c in containers]
    assert fills == [mp.PALETTE[k].lower() for k in ("vermillion", "orange", "grey", "sky_blue", "blue")]
    assert ytick_texts(ax) == ["q1\n(n = 10)", "q2\n(n = 9)"]
    assert ax.get_title()


def test_likert_even_levels_have_no_neutral():
    data = pd.DataFrame({"q": ["no", "no", "yes", "maybe not", "maybe yes", "yes"]})
    ax = mp.likert(data, levels=["no", "maybe not", "maybe yes", "yes"])
    first = [c for c in ax.containers if isinstance(c, BarContainer)][0]
    np.testing.assert_allclose(first.patches[0].get_x(), -50)


def test_likert_bad_input():
    with pytest.raises(InputError, match="'q' has the value 7"):
        mp.likert(pd.DataFrame({"q": [1, 2, 7]}), levels=[1, 2, 3])
    with pytest.raises(InputError, match="no rows"):
        mp.likert(pd.DataFrame({"q": []}))
    with pytest.raises(InputError, match="'z'"):
        mp.likert(pd.DataFrame({"q": [1, 2]}), items=["z"])


# --------------------------------------------------------------------------- cooccurrence
def test_cooccurrence_heatmap_from_pairs():
    from mixedmethods.themes import cooccurrence

    segments = pd.DataFrame({"participant": ["P1", "P1", "P2", "P2", "P3", "P3"],
                             "code": ["cost", "time", "cost", "time", "cost", "stigma"]})
    pairs = cooccurrence(segments)
    ax = mp.cooccurrence(pairs)
    image = ax.images[0]
    grid = image.get_array()
    codes = [t.get_text() for t in ax.get_xticklabels()]
    assert codes == ["cost", "stigma", "time"]
    assert grid[0, 2] == 2 and grid[2, 0] == 2 and grid[0, 1] == 1 and grid[1, 2] == 0
    assert np.ma.is_masked(grid[0, 0])
    assert {"2", "1", "0", "n=3"} <= set(texts(ax))
    top = image.cmap(1.0)
    assert to_hex(top) == mp.PALETTE["blue"].lower()
    assert ax.get_title()


def test_cooccurrence_square_matrix_and_errors():
    m = pd.DataFrame([[0, 2], [2, 0]], index=["a", "b"], columns=["a", "b"])
    ax = mp.cooccurrence(m, title="M")
    assert ax.images[0].get_array()[0, 1] == 2
    with pytest.raises(InputError, match="negative"):
        mp.cooccurrence(m.replace(2, -1))
    with pytest.raises(InputError, match="square"):
        mp.cooccurrence(pd.DataFrame({"x": [1]}))


# --------------------------------------------------------------------------- flow
def test_flow_boxes_and_exclusions():
    data = pd.DataFrame({"stage": ["Invited", "Consented", "Interviewed"], "n": [120, 101, 95],
                         "reason": ["declined (n = 15); no time (n = 4)", "", None]})
    ax = mp.flow(data)
    shown = texts(ax)
    assert "Invited\n(n = 120)" in shown and "Interviewed\n(n = 95)" in shown
    assert "Excluded (n = 19)\ndeclined (n = 15)\nno time (n = 4)" in shown
    assert "Excluded (n = 6)" in shown
    facecolors = {to_hex(t.get_bbox_patch().get_facecolor()) for t in ax.texts if t.get_bbox_patch()}
    expected = {to_hex(mp._blend(mp.PALETTE["sky_blue"], 0.7)), to_hex(mp._blend(mp.PALETTE["orange"], 0.75))}
    assert facecolors == expected
    assert ax.get_title() == "Participant flow"


def test_flow_counts_cannot_grow():
    with pytest.raises(InputError, match="grows from 10 to 12"):
        mp.flow(pd.DataFrame({"stage": ["a", "b"], "n": [10, 12]}))
    with pytest.raises(InputError, match="whole numbers >= 0"):
        mp.flow(pd.DataFrame({"stage": ["a", "b"], "n": [-1, -2]}))


# --------------------------------------------------------------------------- words
def test_word_frequencies_spanish_and_english():
    res = word_frequencies(["La familia apoya.", "Sin la familia no hay apoyo", "FAMILIA"], language="es")
    assert res.iloc[0].to_dict() == {"word": "familia", "n": 3, "n_texts": 3}
    assert "la" not in set(res["word"])
    en = word_frequencies("The family, the FAMILY and don't worry", language="en")
    assert en.set_index("word")["n"].to_dict() == {"family": 2, "worry": 1}
    own = word_frequencies(["the family"], stopwords=STOPWORDS["en"] | {"family"})
    assert len(own) == 0
    keep_all = word_frequencies(["the family"], stopwords=())
    assert list(keep_all["word"]) == ["family", "the"]


def test_word_frequencies_bad_input():
    with pytest.raises(InputError, match="language"):
        word_frequencies(["x"], language="fr")
    with pytest.raises(InputTypeError, match=r"texts\[1\]"):
        word_frequencies(["ok", 3])


def test_keywords_in_context():
    texts_ = pd.Series(["Mi familia me apoyó mucho. La familia es todo.", "Sin apoyo"], index=["P1", "P2"])
    kwic = keywords_in_context(texts_, "familia", window=2)
    assert kwic["text_id"].tolist() == ["P1", "P1"]
    assert kwic["left"].tolist() == ["Mi", "… mucho. La"]
    assert kwic["right"].tolist() == ["me apoyó …", "es todo."]
    assert texts_["P1"][kwic["start"][1]:kwic["end"][1]] == "familia"
    assert keywords_in_context(["familiar"], "familia").empty  # whole words only
    assert len(keywords_in_context(["La Red Social"], "red social")) == 1
    with pytest.raises(InputError, match="keyword"):
        keywords_in_context(["x"], " ")


def test_word_cloud_uses_palette_colours_and_is_seeded():
    pytest.importorskip("wordcloud")
    texts_ = ["familia apoyo tratamiento familia", "tratamiento adherencia familia", "estigma costo"]
    ax1 = mp.word_cloud(texts_, language="es", random_state=3, width=300, height=150, title="Palabras")
    ax2 = mp.word_cloud(texts_, language="es", random_state=3, width=300, height=150)
    a1, a2 = ax1.images[0].get_array(), ax2.images[0].get_array()
    np.testing.assert_array_equal(a1, a2)
    assert ax1.get_title() == "Palabras"
    pixels = np.asarray(a1).reshape(-1, 3)
    colours = {tuple(int(round(255 * c)) for c in to_rgb(mp.PALETTE[k]))
               for k in ("blue", "vermillion", "bluish_green", "reddish_purple", "orange")}
    found = {tuple(p) for p in pixels}
    assert (255, 255, 255) in found
    assert len(found & colours) >= 3  # the words' solid cores are palette colours
    # the most frequent word gets the first colour
    assert tuple(int(round(255 * c)) for c in to_rgb(mp.PALETTE["blue"])) in found


def test_word_cloud_bad_input():
    pytest.importorskip("wordcloud")
    with pytest.raises(InputError, match="no words"):
        mp.word_cloud(["the and of"], language="en")
    with pytest.raises(InputError, match="'n'"):
        mp.word_cloud(pd.DataFrame({"word": ["a"]}))


def test_import_mixedmethods_plot_stays_light():
    import subprocess
    import sys

    code = ("import sys, mixedmethods.plot, mixedmethods.joint, mixedmethods.text; "
            "print(any(m in sys.modules for m in ('matplotlib', 'pandas', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_theme_bars_and_by_group_without_intervals():
    """intervals=False draws no error bars and puts the labels at the bar ends."""
    themes = pd.DataFrame({"code": ["a", "b"], "n_participants": [3, 6], "denominator": [12, 12]})
    ax = mp.theme_bars(themes, scale="count", intervals=False)
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert sorted(float(b.get_width()) for b in ax.patches) == [3.0, 6.0]
    assert [t.xy[0] for t in ax.texts] == [3.0, 6.0]
    assert "Wilson" not in ax.get_xlabel()
    table = pd.DataFrame({"code": ["a", "a"], "group": ["x", "y"], "n_participants": [1, 2],
                          "group_size": [4, 5]})
    ax = mp.theme_by_group(table, intervals=False)
    assert not any(isinstance(c, ErrorbarContainer) for c in ax.containers)
    assert "Wilson" not in ax.get_xlabel()


def test_flow_side_boxes_can_be_named():
    stages = pd.DataFrame({"stage": ["Papers", "Part III"], "n": [74, 46]})
    ax = mp.flow(stages, leaving_label="To Parts I and II")
    assert "To Parts I and II (n = 28)" in [t.get_text() for t in ax.texts]


def test_blend_equals_matplotlib_to_rgb_mixed_with_white():
    """_blend parses "#RRGGBB" itself; the result is exactly what matplotlib's to_rgb gave."""
    for colour in mp.PALETTE.values():
        for t in (0, 0.3, 0.65, 0.7, 0.75, 1, *np.linspace(0, 0.65, 7)):
            rgb = np.asarray(to_rgb(colour))
            assert mp._blend(colour, t) == tuple(rgb + (1 - rgb) * t)


def test_finishing_helpers_draw_as_before(theme_table):
    ax = mp.theme_bars(theme_table, label="theme", title="")
    assert ax.get_title() == "" and ax.get_ylim() == (2.5, -0.5)
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.spines["left"].get_visible()
    legend = mp.theme_by_group(pd.DataFrame({"code": ["a"], "group": ["x"], "n_participants": [1],
                                             "group_size": [2]})).get_legend()
    assert legend.get_title().get_text() == "group" and not legend.get_frame_on()

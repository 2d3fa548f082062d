"""group_means and effect_sizes: each group's mean and t interval, Hedges' g and its interval."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.container import ErrorbarContainer

from mixedmethods import InputError, compare_summary
from mixedmethods import plot as mp

PALETTE_HEX = {v.lower() for v in mp.PALETTE.values()}


@pytest.fixture
def comparison():
    # the Mexico seed's printed means and SDs at 61 women / 34 men
    return compare_summary([2.78, 2.40, 3.34], [2.30, 2.18, 1.09], 61, [1.50, 1.25, 3.77], [2.14, 2.00, 0.92], 34,
                           dv=["marry", "children", "tax"], groups=("women", "men"), p_adjust="holm")


@pytest.fixture
def unordered_comparison():
    # mean differences (and, the SDs being equal, Hedges' g) not in table order: 0, 1.5, 0.6
    return compare_summary([2.0, 3.5, 2.6], [1.0, 1.0, 1.0], 30, [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], 30,
                           dv=["low", "high", "middle"], groups=("a", "b"))


def test_group_means_draws_each_groups_mean_and_t_interval(comparison, ytick_texts):
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


def test_group_means_marks_only_adjusted_significance(comparison, ytick_texts):
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


def test_group_means_orders_by_mean_difference(unordered_comparison, ytick_texts):
    ax = mp.group_means(unordered_comparison)
    assert [t.removesuffix(" *") for t in ytick_texts(ax)] == ["high", "middle", "low"]
    first = [c for c in ax.containers if isinstance(c, ErrorbarContainer)][0]
    x, y = first.lines[0].get_data()
    np.testing.assert_allclose(x[np.argsort(y)], [3.5, 2.6, 2.0])  # each mean on its item's row
    plt.figure()
    ax = mp.group_means(unordered_comparison, order="input")
    assert [t.removesuffix(" *") for t in ytick_texts(ax)] == ["low", "high", "middle"]


def test_effect_sizes_forest_plot(comparison, ytick_texts):
    ax = mp.effect_sizes(comparison, test="welch")
    (eb,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    welch = comparison[comparison["test"] == "welch"]
    x, y = eb.lines[0].get_data()
    np.testing.assert_allclose(x, welch["hedges_g"])
    # compare_summary's Welch-row g (average-variance SD) for item 1 of the Mexico seed
    np.testing.assert_allclose(x[0], 0.570227, atol=1e-6)
    segs = sorted((s[0][1], s[0][0], s[1][0]) for s in eb.lines[2][0].get_segments())
    np.testing.assert_allclose([s[1] for s in segs], welch["hedges_g_ci_low"])
    np.testing.assert_allclose([s[2] for s in segs], welch["hedges_g_ci_high"])
    assert ytick_texts(ax) == ["marry", "children", "tax"]
    assert "Hedges' g (women − men)" in ax.get_xlabel()
    assert ax.get_title()
    right = [a for a in ax.child_axes]
    assert right and right[0].get_yticklabels()[0].get_text() == "0.57 [0.15, 0.99]"
    assert to_hex(eb.lines[0].get_color()) in PALETTE_HEX


def test_effect_sizes_order_by_effect(comparison, ytick_texts):
    ax = mp.effect_sizes(comparison, order="effect")
    assert ytick_texts(ax) == ["marry", "children", "tax"]
    plt.figure()
    ax = mp.effect_sizes(comparison, order=["tax", "marry"])
    assert ytick_texts(ax) == ["tax", "marry"]


def test_effect_sizes_orders_by_effect(unordered_comparison, ytick_texts):
    welch = unordered_comparison[unordered_comparison["test"] == "welch"].set_index("dv")
    ax = mp.effect_sizes(unordered_comparison, order="effect")
    assert ytick_texts(ax) == ["high", "middle", "low"]
    (eb,) = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    x, y = eb.lines[0].get_data()
    np.testing.assert_allclose(x[np.argsort(y)], welch.loc[["high", "middle", "low"], "hedges_g"])
    plt.figure()
    assert ytick_texts(mp.effect_sizes(unordered_comparison)) == ["low", "high", "middle"]


def test_effect_sizes_bad_input(comparison):
    with pytest.raises(InputError, match="'hedges_g_ci_low'"):
        mp.effect_sizes(comparison.drop(columns="hedges_g_ci_low"))
    with pytest.raises(InputError, match="not in column 'dv'"):
        mp.effect_sizes(comparison, order=["nothing"])


@pytest.mark.parametrize("alternative", ["less", "greater"])
def test_effect_sizes_draws_one_sided_intervals_open_ended(alternative):
    """Issue 16: a one-sided compare result (one infinite bound) used to raise "Axis limits cannot be NaN"."""
    res = compare_summary([2.78, 2.40], [2.30, 2.18], 61, [1.50, 1.25], [2.14, 2.00], 34, dv=["a", "b"],
                          alternative=alternative)
    ax = mp.effect_sizes(res)
    low, high = ax.get_xlim()
    assert np.isfinite([low, high]).all()
    arrows = [line for line in ax.lines if line.get_marker() in ("<", ">")]
    assert len(arrows) == 1 and len(arrows[0].get_xdata()) == 2
    assert arrows[0].get_xdata()[0] == pytest.approx(low if alternative == "less" else high)
    label = ax.child_axes[0].get_yticklabels()[0].get_text()
    assert label.endswith("∞)") if alternative == "greater" else label.split(" ", 1)[1].startswith("(−∞")
    plt.close(ax.figure)

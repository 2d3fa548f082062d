"""apa_report (mixedmethods.comparisons.apa): the lines a paper prints."""
from __future__ import annotations

from mixedmethods.comparisons.apa import apa_report
from mixedmethods.comparisons.two_groups import compare, compare_summary

from ._data import SLEEP


def test_apa_report_of_sleep():
    # numbers as in the sleep two-sided 95% entry: t = -1.861, p = .0792, g = -0.797
    # [-1.665, 0.091]; Welch df = 17.78, g (average-variance SD) = -0.796 [-1.665, 0.092]
    lines = apa_report(compare(SLEEP, "extra", "group"))
    assert list(lines) == [
        "t(18) = −1.86, p = .079, g = −0.80, 95% CI [−1.67, 0.09]",
        "t(17.8) = −1.86, p = .079, g = −0.80, 95% CI [−1.66, 0.09]",
    ]



def test_apa_report_without_the_interval():
    lines = apa_report(compare(SLEEP, "extra", "group"), ci=False)
    assert list(lines) == ["t(18) = −1.86, p = .079, g = −0.80", "t(17.8) = −1.86, p = .079, g = −0.80"]


def test_apa_report_uses_the_adjusted_p_and_keeps_the_index():
    res = compare_summary([2.78, 2.9], [2.30, 2.2], 61, [1.5, 2.6], [2.14, 2.0], 34, p_adjust="bonferroni")
    res.index = [10, 11, 12, 13]
    lines = apa_report(res)
    assert list(lines.index) == [10, 11, 12, 13]
    # the adjusted p is named: the interval beside it is not adjusted
    assert lines[10].startswith("t(93) = 2.66, p = .018 (Bonferroni-adjusted), g = 0.57, 95% CI [0.14, 0.99]")
    assert apa_report(compare_summary(2.78, 2.30, 61, 1.5, 2.14, 34))[0].startswith("t(93) = 2.66, p = .009, g")


def test_apa_report_names_its_own_argument():
    """A list instead of a result table: the error names results, the argument (it said data)."""
    import pytest

    from mixedmethods._validation import InputTypeError

    with pytest.raises(InputTypeError, match=r"^results must be a pandas DataFrame, got list\.$"):
        apa_report([1, 2])

"""No public function changes a DataFrame it is given: values, dtypes, index, columns and attrs (issue 16).

Each function runs on generated frames dressed as users' frames are: a
string or shuffled index with a name, ``attrs``, and extra columns of other
dtypes (category, nullable integer, string, datetime).  Whether it returns
or refuses the input, the frame must be exactly as it was.
"""
import copy
import io

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import mixedmethods as mm
from mixedmethods import audit, plot, text
from mixedmethods._validation import InputError, InputTypeError

from ._profile import examples
from ._strategies import segments, two_groups

matplotlib.use("Agg")


@st.composite
def dressed(draw, frame):
    """``frame`` with a named index (strings, shuffled numbers or dates), attrs and extra columns."""
    frame = frame.copy()
    n = len(frame)
    kind = draw(st.sampled_from(["strings", "shuffled", "dates"]))
    if kind == "strings":
        frame.index = pd.Index([f"id{i}" for i in range(n)], name="id")
    elif kind == "shuffled":
        frame.index = pd.Index(draw(st.permutations(range(100, 100 + n))), name="row")
    else:
        frame.index = pd.date_range("2026-01-01", periods=n, freq="D", name="when")
    if draw(st.booleans()):
        frame["site"] = pd.Categorical(draw(st.lists(st.sampled_from(["north", "south"]), min_size=n, max_size=n)))
        frame["age"] = pd.array(draw(st.lists(st.none() | st.integers(18, 90), min_size=n, max_size=n)),
                                dtype="Int64")
        frame["note"] = pd.array(["x"] * n, dtype="string")
    frame.attrs = {"source": "synthetic", "nested": {"version": [1, 2]}}
    return frame


def snapshot(frame):
    return frame.copy(deep=True), copy.deepcopy(frame.attrs)


def assert_unchanged(frame, before):
    copy_, attrs = before
    pd.testing.assert_frame_equal(frame, copy_, check_exact=True, check_freq=True, check_flags=True)
    assert frame.index.name == copy_.index.name and frame.columns.name == copy_.columns.name
    assert frame.attrs == attrs


def run(function, frame, *args, **kwargs):
    """Call ``function``; refusing the input is allowed (a warning too), changing it is not."""
    import warnings

    import matplotlib.pyplot as plt

    before = snapshot(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            function(frame, *args, **kwargs)
        except (InputError, InputTypeError):
            pass
        finally:
            plt.close("all")
    assert_unchanged(frame, before)


def numbers_frame(data):
    frame, x1, x2 = data
    frame = frame.copy()
    frame["x"] = np.arange(len(frame), dtype=float) ** 1.5 % 7
    frame["c"] = np.where(frame["y"] > 0, "high", "low")
    return frame


COMPARISONS = {
    "compare": lambda f: mm.compare(f, "y", "g"),
    "mann_whitney": lambda f: mm.mann_whitney(f, "y", "g"),
    "anova": lambda f: mm.anova(f, "y", "g"),
    "compare_paired": lambda f: mm.compare_paired(f, "y", "x"),
    "one_sample": lambda f: mm.one_sample(f, "y", 1.0),
    "correlation": lambda f: mm.correlation(f, "y", "x", method="spearman"),
    "compare_counts": lambda f: mm.compare_counts(f, between="g", dv="c", fisher=False),
    "plot.likert": lambda f: plot.likert(f, items=["y", "x"]),
}


@examples(15)
@pytest.mark.parametrize("name", sorted(COMPARISONS))
@given(data=st.data())
def test_comparisons_never_change_their_input(name, data):
    frame = data.draw(two_groups(max_size=12).flatmap(lambda d: dressed(numbers_frame(d))))
    run(lambda f: COMPARISONS[name](f), frame)


@examples(15)
@given(data=st.data())
def test_results_given_back_are_not_changed_by_reports_and_plots(data):
    frame = data.draw(two_groups(max_size=12).map(numbers_frame))
    result = mm.compare(frame, ["y", "x"], "g")
    result.attrs = {"source": "synthetic"}
    for function in (mm.apa_report, plot.group_means, plot.effect_sizes):
        run(function, result)


THEMES = {
    "tally": lambda s, r: mm.tally(s, participants=r),
    "crosstab": lambda s, r: mm.crosstab(s, participants=r, between="group"),
    "cooccurrence": lambda s, r: mm.cooccurrence(s),
    "case_matrix": lambda s, r: mm.case_matrix(s, participants=r),
    "agreement": lambda s, r: mm.agreement(s.assign(coder=np.where(np.arange(len(s)) % 2, "ana", "bo")),
                                           participants=r),
    "word_frequencies": lambda s, r: text.word_frequencies(s),
    "keywords_in_context": lambda s, r: text.keywords_in_context(s, "quote"),
}


@examples(15)
@pytest.mark.parametrize("name", sorted(THEMES))
@given(data=st.data())
def test_themes_never_change_segments_or_participants(name, data):
    seg, roster = data.draw(segments())
    seg, roster = data.draw(dressed(seg)), data.draw(dressed(roster))
    before = snapshot(roster)
    run(lambda s: THEMES[name](s, roster), seg)
    assert_unchanged(roster, before)


@examples(15)
@given(data=st.data())
def test_theme_plots_and_joint_displays_never_change_their_input(data):
    seg, roster = data.draw(segments())
    run(plot.theme_bars, data.draw(dressed(mm.tally(seg, participants=roster))))
    table = mm.crosstab(seg, participants=roster, between="group")
    run(lambda t: plot.theme_by_group(t, between="group"), data.draw(dressed(table)))
    run(lambda t: mm.joint_display(t, layout="theme-by-group", between="group"), table)
    run(plot.cooccurrence, mm.cooccurrence(seg))


PRINTED = {
    "reproduce_ttests": ("comparison,mean1,sd1,n1,mean2,sd2,n2,t,df,p\n"
                         "item 1,2.78,2.30,61,1.5,2.14,34,2.53,93,.05\n"),
    "reproduce_counts": ("comparison,group,level,n,percent,p\nsmoker,women,yes,12,70.6,.039\n"
                         "smoker,women,no,5,29.4,\nsmoker,men,yes,6,35.3,\nsmoker,men,no,11,64.7,\n"),
    "reproduce_anova": ("group,mean,sd,n,F,df1,df2,p\nctrl,5.03,0.58,10,4.85,2,27,.016\n"
                        "trt1,4.66,0.79,10,,,,\ntrt2,5.53,0.44,10,,,,\n"),
    "reproduce_one_sample": "comparison,mean,sd,n,mu,t,df,p\nscore vs 3,3.40,0.90,25,3,2.22,24,.036\n",
    "reproduce_paired": ("comparison,mean_before,sd_before,mean_after,sd_after,n,t,df,p,r\n"
                         "anxiety,4.10,1.20,3.60,1.10,30,-3.00,29,.001,.70\n"),
    "reproduce_correlation": "comparison,r,n,p\nage and score,.32,50,.023\n",
}


@examples(5)
@pytest.mark.parametrize("name", sorted(PRINTED))
@given(as_text=st.booleans(), data=st.data())
def test_reproduce_functions_never_change_the_printed_table(name, as_text, data):
    printed = pd.read_csv(io.StringIO(PRINTED[name]), dtype=str if as_text else None, keep_default_na=False)
    if name == "reproduce_counts" and not as_text:
        printed["n"] = printed["n"].astype("int64")
    run(getattr(mm, name), data.draw(dressed(printed)))


@examples(10)
@given(data=st.data())
def test_audit_check_and_check_table_never_change_their_input(data):
    extracted = audit.extract("t(20) = 2.1, p = .05; F(2, 30) = 3.4, p < .05; r(40) = .3, p = .06")
    run(audit.check, data.draw(dressed(extracted)))
    table = pd.DataFrame({"mean": ["2.78", "1.50"], "sd": ["2.30", "2.14"], "n": [61, 34]})
    run(lambda t: audit.check_table(t, scale_min=0, scale_max=5), data.draw(dressed(table)))

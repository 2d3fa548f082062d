"""Every public function, given generated bad input, returns or raises the package's own error naming it (issue 16).

One argument at a time is replaced by a generated bad value (None, text,
NaN, infinities, huge and negative numbers, empty or nested containers,
frames without the expected columns, unicode, bytes).  The call must end,
within a time limit, with a result or an :class:`~mixedmethods.InputError` /
:class:`~mixedmethods.InputTypeError` (ValueError and TypeError subclasses)
whose message names the argument or the bad value, never another exception;
and a result never calls a number that could not be checked "consistent".
"""
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import mixedmethods as mm
from mixedmethods import audit, text
from mixedmethods._validation import InputError, InputTypeError

from ._limits import memory_limit, time_limit
from ._profile import examples

FRAME = pd.DataFrame({"y": [1.0, 2.5, 3.0, 4.5, 2.0, 6.0, 1.5, 3.5], "x": [2.0, 1.0, 4.0, 3.0, 5.0, 2.0, 6.0, 1.0],
                      "g": ["a", "a", "a", "a", "b", "b", "b", "b"], "c": ["yes", "no"] * 4})
CELLS = pd.DataFrame({"g": ["a", "b", "c"], "mean": [5.03, 4.66, 5.53], "sd": [0.58, 0.79, 0.44], "n": [10, 10, 10]})
COUNTS = pd.DataFrame({"yes": [12, 6], "no": [5, 11]}, index=["women", "men"])
SEGMENTS = pd.DataFrame({"participant": ["P1", "P2", "P1", "P3"], "code": ["cost", "time", "time", "cost"],
                         "coder": ["ana", "ana", "bo", "bo"], "text": ["it costs", "no time", "late", "money"]})
ROSTER = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4"], "group": ["women", "men", "women", "men"]})
PRINTED_T = pd.DataFrame({"comparison": ["item"], "mean1": ["2.78"], "sd1": ["2.30"], "n1": ["61"], "mean2": ["1.50"],
                          "sd2": ["2.14"], "n2": ["34"], "t": ["2.53"], "df": ["93"], "p": [".05"]})
TABLE = pd.DataFrame({"mean": ["2.78", "1.50"], "sd": ["2.30", "2.14"], "n": [61, 34]})
TWO_SIDED = {"alternative": "two-sided", "confidence_level": 0.95}

# name: (function, valid arguments by name)
CASES = {
    "compare": (mm.compare, dict(data=FRAME, dv="y", between="g", groups=None, levene_center="mean", p_adjust=None,
                                 **TWO_SIDED)),
    "compare_summary": (mm.compare_summary, dict(mean1=2.78, sd1=2.3, n1=61, mean2=1.5, sd2=2.14, n2=34, dv=None,
                                                 groups=("w", "m"), p_adjust=None, **TWO_SIDED)),
    "mann_whitney": (mm.mann_whitney, dict(data=FRAME, dv="y", between="g", groups=None, use_continuity=True,
                                           alternative="two-sided")),
    "anova": (mm.anova, dict(data=FRAME, dv="y", between="g")),
    "anova_summary": (mm.anova_summary, dict(cells=CELLS, between="g", mean="mean", sd="sd", n="n", dv=None)),
    "compare_paired": (mm.compare_paired, dict(data=FRAME, before="y", after="x", dv=None, **TWO_SIDED)),
    "compare_paired_summary": (mm.compare_paired_summary, dict(mean_before=4.1, sd_before=1.2, mean_after=3.6,
                                                               sd_after=1.1, n=30, r=0.7, **TWO_SIDED)),
    "one_sample": (mm.one_sample, dict(data=FRAME, dv="y", mu=3.0, **TWO_SIDED)),
    "one_sample_summary": (mm.one_sample_summary, dict(mean=3.4, sd=0.9, n=25, mu=3.0, **TWO_SIDED)),
    "correlation": (mm.correlation, dict(data=FRAME, x="y", y="x", method="pearson", **TWO_SIDED)),
    "correlation_summary": (mm.correlation_summary, dict(r=0.32, n=50, **TWO_SIDED)),
    "compare_counts": (mm.compare_counts, dict(table=COUNTS, fisher=True, confidence_level=0.95)),
    "adjust_pvalues": (mm.adjust_pvalues, dict(p=[0.01, 0.04, 0.2], method="holm")),
    "power_ttest": (mm.power_ttest, dict(d=0.5, n1=20, n2=20, alpha=0.05, alternative="two-sided")),
    "sensitivity_ttest": (mm.sensitivity_ttest, dict(n1=20, n2=20, power=0.8, alpha=0.05)),
    "bayes_factor_ttest": (mm.bayes_factor_ttest, dict(mean1=2.78, sd1=2.3, n1=61, mean2=1.5, sd2=2.14, n2=34,
                                                       r_scale=0.707)),
    "reproduce_ttests": (mm.reproduce_ttests, dict(printed=PRINTED_T, alpha=0.05)),
    "check": (audit.check, dict(text_or_extracted="t(20) = 2.1, p = .05", alpha=0.05, p_zero_error=True,
                                one_tailed="detect")),
    "extract": (audit.extract, dict(text="t(20) = 2.1, p = .05")),
    "grim": (audit.grim, dict(mean="2.78", n=61, items=1, decimals=2)),
    "grimmer": (audit.grimmer, dict(mean="2.50", sd="1.18", n=10, items=1, max_seconds=5.0)),
    "sd_bounds": (audit.sd_bounds, dict(mean="2.50", n=10, scale_min=1, scale_max=5, items=1)),
    "sprite": (audit.sprite, dict(mean="2.50", sd="1.18", n=10, scale_min=1, scale_max=5, k=3, seed=0,
                                  max_seconds=2.0, progress=False)),
    "count_samples": (audit.count_samples, dict(mean="2.50", sd="1.18", n=10, scale_min=1, scale_max=5)),
    "percent_counts": (audit.percent_counts, dict(percent="70.6", n=17, decimals=1)),
    "check_table": (audit.check_table, dict(df=TABLE, scale_min=0, scale_max=5)),
    "tally": (mm.tally, dict(segments=SEGMENTS, participants=ROSTER, unit="participant", roll_up=True,
                             confidence_level=0.95)),
    "crosstab": (mm.crosstab, dict(segments=SEGMENTS, participants=ROSTER, between="group", min_cell=5)),
    "cooccurrence": (mm.cooccurrence, dict(segments=SEGMENTS, unit="participant", measure="count")),
    "case_matrix": (mm.case_matrix, dict(segments=SEGMENTS, participants=ROSTER)),
    "agreement": (mm.agreement, dict(segments=SEGMENTS, participants=ROSTER, coders=None, unit="participant")),
    "word_frequencies": (text.word_frequencies, dict(texts=["It costs a lot", "no time"], language="en",
                                                     min_length=2)),
    "keywords_in_context": (text.keywords_in_context, dict(texts=["It costs a lot", "no time"], keyword="time",
                                                           window=6)),
    "format_number": (mm.format_number, dict(x=2.5, decimals=2)),
    "format_p": (mm.format_p, dict(p=0.03, style="apa")),
}
POSITIONAL = {"format_number"}  # functions whose arguments are positional-only in practice

# made afresh for every call (a function that changed a shared list would otherwise change later examples)
BAD = st.sampled_from([
    lambda: None, lambda: "", lambda: "zz", lambda: "2.5x", lambda: "nan", lambda: -1, lambda: 0, lambda: 1,
    lambda: 1.5, lambda: math.nan, lambda: math.inf, lambda: -math.inf, lambda: 1e308, lambda: -1e308,
    lambda: 10**30, lambda: True, lambda: [], lambda: [[1, 2]], lambda: {}, lambda: {"a": 1}, lambda: ("a",),
    lambda: b"bytes", lambda: "∞ñ😊", lambda: object(), lambda: pd.DataFrame(), lambda: pd.Series([1.0, 2.0]),
    lambda: pd.DataFrame({"zz": [1, 2]}), lambda: np.array([np.nan, 1.0]), lambda: [1, "a"], lambda: 1 + 2j,
]).map(lambda make: make()) | st.text(max_size=4) | st.floats() | st.integers(-10**6, 10**6)
FAMILY = (InputError, InputTypeError)


def _named(message, name, value):
    """Whether an error message points at the argument: its name, or the value it was given."""
    message = message.lower()
    shown = [name.lower()]
    if value is None or isinstance(value, (str, int, float)) and not isinstance(value, bool):
        shown += [str(value).lower(), repr(value).lower()]
    if isinstance(value, float) and math.isfinite(value):
        shown += [f"{value:g}"]
    if len(repr(value)) < 60 and not isinstance(value, (pd.DataFrame, pd.Series, np.ndarray)):
        shown += [repr(value).lower()]
    items = value.tolist() if isinstance(value, (pd.Series, np.ndarray)) else value
    if isinstance(items, (list, tuple)):
        shown += [s.lower() for v in items if isinstance(v, (str, int, float)) for s in (repr(v), str(v))]
    return any(s and s in message for s in shown) or name in ("data", "segments", "cells", "table", "df",
                                                              "printed", "text_or_extracted") and (
        "dataframe" in message or "column" in message)


def _uncheckable(value):
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError, OverflowError):
        return True


def _check(name, data=None, *, argument=None, value=None):
    """Call ``CASES[name]`` with one argument replaced by a bad value (drawn from ``data``, or given)."""
    import matplotlib.pyplot as plt

    function, valid = CASES[name]
    if data is not None:
        argument = data.draw(st.sampled_from(sorted(valid)), label="argument")
        value = data.draw(BAD, label="value")
    kwargs = {**valid, argument: value}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with time_limit(30, f"{name}({argument}={value!r})"), memory_limit(1500):
                result = function(*kwargs.values()) if name in POSITIONAL else function(**kwargs)
        except FAMILY as error:
            assert _named(str(error), argument, value), f"{name}({argument}={value!r}): {error}"
            return
        finally:
            plt.close("all")
    if isinstance(result, pd.DataFrame) and "consistent" in result and _uncheckable(value) and argument in (
            "mean", "sd", "n", "percent"):
        assert not result["consistent"].fillna(False).astype(bool).any(), (
            f"{name}({argument}={value!r}) is called consistent:\n{result}")


@examples(20)
@pytest.mark.parametrize("name", sorted(CASES))
@given(data=st.data())
def test_bad_input_gives_a_result_or_an_error_naming_it(name, data):
    _check(name, data)


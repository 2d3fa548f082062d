"""Regression tests, one per reproducer of issue 16 outside the comparison numerics, each under a time limit.

The limit is enforced by the test (SIGALRM, ``_limits.time_limit``): a
regression that hangs fails instead of stalling CI.
"""
import io
import zipfile

import numpy as np
import pandas as pd
import pytest

import mixedmethods as mm
from mixedmethods import audit, plot
from mixedmethods._validation import InputError, InputTypeError

from ._limits import time_limit

LIMIT = 20  # seconds: each reproducer ran in well under a second once fixed


# --- Taguette: an unquoted comma, a zip that is no workbook, an empty file -------------------------------

def test_taguette_csv_with_an_unquoted_comma_is_refused_naming_the_file_and_row(tmp_path):
    path = tmp_path / "highlights.csv"
    path.write_text("id,document,tag,content\n1,Ana,cost,It costs, a lot\n2,Bo,time,No time\n", encoding="utf-8")
    with time_limit(LIMIT), pytest.raises(InputError) as error:
        mm.read_taguette(path)
    message = str(error.value)
    assert str(path) in message and "row 2" in message and "5 fields" in message and "quoted" in message


def test_taguette_csv_with_a_missing_field_is_refused_too():
    csv = io.StringIO("id,document,tag,content\n1,Ana,cost,fine\n2,Bo,time\n")
    with time_limit(LIMIT), pytest.raises(InputError, match=r"row 3: 3 fields where the header"):
        mm.read_taguette(csv)


def test_taguette_csv_with_quoted_commas_is_read_unshifted():
    csv = io.StringIO('id,document,tag,content\n1,Ana,cost,"It costs, a lot"\n2,Bo,time,"No time, ever"\n')
    with time_limit(LIMIT):
        segments = mm.read_taguette(csv).segments
    assert segments["participant"].tolist() == ["Ana", "Bo"]
    assert segments["text"].tolist() == ["It costs, a lot", "No time, ever"]


def test_a_zip_that_is_not_an_xlsx_is_refused_naming_it(tmp_path):
    path = tmp_path / "highlights.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    with time_limit(LIMIT), pytest.raises(InputError) as error:
        mm.read_taguette(path)
    assert str(path) in str(error.value) and "not an Excel workbook" in str(error.value)


@pytest.mark.parametrize("name", ["highlights.csv", "project.sqlite3", "highlights.xlsx"])
def test_a_zero_byte_file_is_refused_naming_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    with time_limit(LIMIT), pytest.raises(InputError) as error:
        mm.read_taguette(path)
    assert str(path) in str(error.value) and "empty" in str(error.value)


# --- audit.check: a p value with a very long exponent; NaN statistics and infinite df -------------------

@pytest.mark.parametrize("p", ["1e-99999999999999999999", "1.2e-" + "9" * 5000, "1e" + "9" * 30])
def test_a_p_value_with_a_very_long_exponent_is_checked_without_overflow(p):
    with time_limit(LIMIT):
        res = audit.check(f"t(20) = 2.1, p = {p}")
    assert len(res) == 1 and not res.loc[0, "consistent"] and res.loc[0, "reason"]
    assert abs(res.loc[0, "p_decimals"]) <= 400


def test_a_long_exponent_of_few_digits_still_reads_the_p_value():
    with time_limit(LIMIT):
        res = audit.check("z = 2.1, p = 3.57e-" + "0" * 40 + "2")
    assert res.loc[0, "p_reported"] == pytest.approx(0.0357) and res.loc[0, "consistent"]


@pytest.mark.parametrize("test", ["t", "F", "r", "chi2", "z", "Q"])
@pytest.mark.parametrize("column, value", [("statistic", np.nan), ("statistic", np.inf), ("df1", np.inf),
                                           ("df2", np.inf), ("statistic_decimals", np.nan)])
def test_what_cannot_be_checked_is_never_consistent(test, column, value):
    extracted = audit.extract("t(20) = 2.1, p = .05").assign(test=test, df1=2.0, df2=20.0)
    if column == "statistic_decimals":
        extracted[column] = extracted[column].astype("Float64")
    extracted[column] = value
    uses = {"df1": test in ("F", "chi2", "Q"), "df2": test in ("t", "r", "F")}.get(column, True)
    with time_limit(LIMIT):
        res = audit.check(extracted)
    if uses:
        assert not res.loc[0, "consistent"] and res.loc[0, "reason"].startswith("cannot check:")
    elif res.loc[0, "consistent"]:  # the test does not use that df: p must then be a number
        assert np.isfinite(res.loc[0, "p_computed"])


# --- integer column labels, one-name groups=, wrong-length labels= -------------------------------------

FRAME = pd.DataFrame({0: [1.0, 2.5, 3.0, 4.5, 2.0, 6.0, 1.5, 3.5], 1: ["a"] * 4 + ["b"] * 4,
                      2: [2.0, 1.0, 4.0, 3.0, 5.0, 2.0, 6.0, 1.0]})


@pytest.mark.parametrize("call", [
    lambda: mm.compare(FRAME, 0, 1), lambda: mm.mann_whitney(FRAME, 0, 1), lambda: mm.anova(FRAME, 0, 1),
    lambda: mm.compare_paired(FRAME, 0, 2), lambda: mm.one_sample(FRAME, 0), lambda: mm.correlation(FRAME, 0, 2),
    lambda: mm.compare_counts(FRAME.assign(**{"3": ["x", "y"] * 4}), between=1, dv="3"),
], ids=["compare", "mann_whitney", "anova", "compare_paired", "one_sample", "correlation", "compare_counts"])
def test_integer_column_labels_work_like_names(call):
    with time_limit(LIMIT):
        assert len(call()) >= 1


@pytest.mark.parametrize("groups", ["a", ("a",), ["a"], 3, ("a", "a"), ("a", "b", "c")])
@pytest.mark.parametrize("function", ["compare", "mann_whitney", "compare_summary", "bayes_factor_ttest"])
def test_groups_that_are_not_two_labels_are_refused_naming_groups(function, groups):
    data = pd.DataFrame({"y": FRAME[0], "g": FRAME[1]})
    calls = {"compare": lambda: mm.compare(data, "y", "g", groups=groups),
             "mann_whitney": lambda: mm.mann_whitney(data, "y", "g", groups=groups),
             "compare_summary": lambda: mm.compare_summary(1, 1, 10, 2, 1, 10, groups=groups),
             "bayes_factor_ttest": lambda: mm.bayes_factor_ttest(1, 1, 10, 2, 1, 10, groups=groups)}
    with time_limit(LIMIT), pytest.raises(InputError, match="groups"):
        calls[function]()


def test_one_group_name_as_a_string_is_one_group_not_its_letters():
    import matplotlib.pyplot as plt

    table = pd.DataFrame({"code": ["cost", "cost"], "group": ["women", "men"], "n_participants": [2, 1],
                          "denominator": [3, 3]})
    with time_limit(LIMIT):
        ax = plot.theme_by_group(table, groups="women")
    assert [t.get_text() for t in ax.get_legend().get_texts()][0].startswith("women")
    plt.close("all")


@pytest.mark.parametrize("labels", [["only one"], ["a", "b", "c"], 3])
@pytest.mark.parametrize("function", ["group_means", "effect_sizes", "likert"])
def test_wrong_length_labels_are_refused_naming_labels(function, labels):
    import matplotlib.pyplot as plt

    result = mm.compare(pd.DataFrame({"y": FRAME[0], "x": FRAME[2], "g": FRAME[1]}), ["y", "x"], "g")
    likert = pd.DataFrame({"q1": [1, 2, 3, 4], "q2": [2, 3, 4, 5]})
    calls = {"group_means": lambda: plot.group_means(result, labels=labels),
             "effect_sizes": lambda: plot.effect_sizes(result, labels=labels),
             "likert": lambda: plot.likert(likert, labels=labels)}
    with time_limit(LIMIT), pytest.raises((InputError, InputTypeError), match="labels"):
        calls[function]()
    plt.close("all")


def test_labels_as_a_list_of_the_right_length_name_the_items():
    import matplotlib.pyplot as plt

    likert = pd.DataFrame({"q1": [1, 2, 3, 4], "q2": [2, 3, 4, 5]})
    with time_limit(LIMIT):
        ax = plot.likert(likert, labels=["first item", "second item"])
    ticks = " ".join(t.get_text() for t in ax.get_yticklabels())
    assert "first item" in ticks and "second item" in ticks
    plt.close("all")

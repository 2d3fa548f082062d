"""Tests of mixedmethods.themes.case_matrix."""
import pandas as pd

from mixedmethods.themes import case_matrix


def test_case_matrix(segments, people):
    res = case_matrix(segments, participants=people)
    assert res.columns.tolist() == ["participant", "barrier", "support", "support / family",
                                    "support / friends"]
    assert res["participant"].tolist() == ["P1", "P2", "P3", "P4", "P5"]
    assert res["support"].tolist() == [1, 1, 0, 0, 0]
    assert res["barrier"].tolist() == [1, 0, 1, 0, 0]
    assert res.iloc[:, 1:].sum().sum() == 2 + 2 + 1 + 2


def test_case_matrix_keeps_the_callers_participant_column(segments, people):
    typed = segments.rename(columns={"participant": "respondent_id"})
    ids = people.rename(columns={"participant": "respondent_id"})
    res = case_matrix(typed, participants=ids, columns={"participant": "respondent_id"})
    assert res.columns[0] == "respondent_id"
    plain = case_matrix(segments, participants=people)
    pd.testing.assert_frame_equal(res.rename(columns={"respondent_id": "participant"}), plain)
    # merging with questionnaire data keyed the caller's way works directly
    merged = res.merge(ids, on="respondent_id", validate="one_to_one")
    assert merged["shift"].tolist() == ["night", "night", "day", "day", "day"]

"""Intercoder agreement against scikit-learn's cohen_kappa_score and the krippendorff package.

The references are independent implementations: ``sklearn.metrics.cohen_kappa_score`` (scikit-learn
1.9) and ``krippendorff.alpha(..., level_of_measurement="nominal")`` (krippendorff 0.9), both run in
the tests on the same yes/no answers the coders' segments imply.  rtol 1e-9: both are exact formulas.
"""
import warnings

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.themes import agreement
from mixedmethods.themes.agreement import AGREEMENT_COLUMNS, ALL_CODES, DISAGREEMENT_COLUMNS

krippendorff = pytest.importorskip("krippendorff")
metrics = pytest.importorskip("sklearn.metrics")

TOL = 1e-9


def make_project(seed, n_coders, n_units, codes, p_code, p_missing=0.0, extra_units=0):
    """Seeded yes/no answers turned into segments: (segments, participants)."""
    rng = np.random.default_rng(seed)
    coders = [f"coder{i}" for i in range(n_coders)]
    rows = []
    for u in range(n_units):
        for r, coder in enumerate(coders):
            if rng.random() < p_missing:
                continue  # this coder did not code this participant
            present = [c for c, p in zip(codes, p_code) if rng.random() < p]
            if not present:
                present = [codes[int(rng.integers(len(codes)))]]  # a coder who coded someone applied something
            rows += [{"participant": f"P{u:02d}", "code": c, "coder": coder, "text": f"{c} said by P{u:02d}"}
                     for c in present]
    people = pd.DataFrame({"participant": [f"P{u:02d}" for u in range(n_units + extra_units)]})
    return pd.DataFrame(rows), people


def answers(segments, people, code, coders):
    """Coders x units of 1 / 0 / NaN (the documented rule: no segment in a unit = did not code it)."""
    units = people["participant"].tolist()
    out = np.full((len(coders), len(units)), np.nan)
    for j, unit in enumerate(units):
        here = segments[segments["participant"] == unit]
        if here.empty:
            out[:, j] = 0  # nobody coded a listed participant: agreement on absence
            continue
        for i, coder in enumerate(coders):
            mine = here[here["coder"] == coder]
            if len(mine):
                out[i, j] = float((mine["code"] == code).any())
    return out


def reference(values):
    """(kappa or None, alpha or None) from the independent packages; None where they cannot compute."""
    pairable = (~np.isnan(values)).sum(axis=0) >= 2
    data = values[:, pairable]
    alpha = None
    observed = data[~np.isnan(data)]
    if observed.size and np.unique(observed).size > 1:
        alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal", value_domain=[0, 1])
    kappa = None
    if values.shape[0] == 2:
        a, b = data
        if np.unique(np.concatenate([a, b])).size > 1:
            kappa = metrics.cohen_kappa_score(a.astype(int), b.astype(int), labels=[0, 1])
    return kappa, alpha


def check_against_references(segments, people, codes, coders, **kwargs):
    res = agreement(segments, participants=people, codes=codes, **kwargs)
    assert list(res.columns) == AGREEMENT_COLUMNS
    stacked = []
    for code in codes:
        row = res.loc[res["code_path"] == code].iloc[0]
        values = answers(segments, people, code, coders)
        stacked.append(values)
        kappa, alpha = reference(values)
        _check_row(row, kappa, alpha, len(coders))
        pairable = (~np.isnan(values)).sum(axis=0) >= 2
        assert row["n_units"] == pairable.sum()
    pooled = np.concatenate(stacked, axis=1)
    kappa, alpha = reference(pooled)
    _check_row(res.loc[res["code_path"] == ALL_CODES].iloc[0], kappa, alpha, len(coders))
    return res


def _check_row(row, kappa, alpha, n_coders):
    if alpha is None:
        assert np.isnan(row["krippendorff_alpha"]) and row["note"]
    else:
        assert row["krippendorff_alpha"] == pytest.approx(alpha, rel=TOL, abs=TOL)
    if n_coders == 2 and kappa is not None:
        assert row["kappa_defined"]
        assert row["cohen_kappa"] == pytest.approx(kappa, rel=TOL, abs=TOL)
    else:
        assert not row["kappa_defined"] and np.isnan(row["cohen_kappa"]) and row["note"]


def test_two_coders_against_sklearn_and_krippendorff():
    codes = ["cost", "time", "family", "stigma"]
    segments, people = make_project(1, 2, 40, codes, [0.5, 0.3, 0.7, 0.1], extra_units=3)
    res = check_against_references(segments, people, codes, ["coder0", "coder1"])
    assert res["kappa_defined"].all()


def test_three_coders_alpha_and_kappa_said_missing():
    codes = ["cost", "time", "family"]
    segments, people = make_project(2, 3, 30, codes, [0.4, 0.6, 0.2])
    res = check_against_references(segments, people, codes, ["coder0", "coder1", "coder2"])
    assert res["note"].str.contains("Cohen's kappa compares two coders").all()


def test_missing_codings_two_and_three_coders():
    codes = ["cost", "time"]
    for n_coders, seed in ((2, 3), (3, 4)):
        segments, people = make_project(seed, n_coders, 35, codes, [0.5, 0.4], p_missing=0.25, extra_units=2)
        coders = [f"coder{i}" for i in range(n_coders)]
        values = answers(segments, people, "cost", coders)
        assert np.isnan(values).any()  # the dataset really has missing answers
        check_against_references(segments, people, codes, coders)


def test_code_nobody_used_and_code_used_everywhere():
    # "cost" on every participant by both coders; "stigma" in the codebook, applied by nobody
    segments = pd.DataFrame({
        "participant": ["P1", "P1", "P2", "P2", "P3", "P3", "P3"],
        "code": ["cost", "cost", "cost", "cost", "cost", "cost", "time"],
        "coder": ["A", "B", "A", "B", "A", "B", "B"],
    })
    people = pd.DataFrame({"participant": ["P1", "P2", "P3"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # undefined is said in the table, not by a warning
        res = check_against_references(segments, people, ["cost", "time", "stigma"], ["A", "B"])
    by = res.set_index("code_path")
    for code, what in (("cost", "every coder applied the code on all 3 units"),
                       ("stigma", "no coder applied the code on any of the 3 units")):
        assert not by.loc[code, "kappa_defined"]
        assert np.isnan(by.loc[code, "cohen_kappa"]) and np.isnan(by.loc[code, "krippendorff_alpha"])
        assert what in by.loc[code, "note"] and "undefined" in by.loc[code, "note"]
        assert by.loc[code, "percent_agreement"] == 100
    # the references cannot compute them either
    with pytest.warns(UserWarning, match="undefined"):  # sklearn.exceptions.UndefinedMetricWarning
        assert np.isnan(metrics.cohen_kappa_score([1, 1, 1], [1, 1, 1], labels=[0, 1]))
    with pytest.raises(ValueError):
        krippendorff.alpha(reliability_data=[[1, 1, 1], [1, 1, 1]], level_of_measurement="nominal")
    assert np.isnan(by.loc["stigma", "percent_positive_agreement"])


def test_five_seeded_datasets_at_source_level():
    codes = ["a", "b", "c"]
    for seed in range(10, 15):
        segments, people = make_project(seed, 2, 25, codes, [0.3, 0.5, 0.8], p_missing=0.1)
        segments["source"] = segments["participant"]
        res = agreement(segments, unit="source", codes=codes)
        ref = check_against_references(segments, people[people["participant"].isin(segments["participant"])],
                                       codes, ["coder0", "coder1"])
        pd.testing.assert_frame_equal(pd.DataFrame(res).drop(columns="unit"),
                                      pd.DataFrame(ref).drop(columns="unit"))


def test_hand_counted_and_disagreements():
    segments = pd.DataFrame({
        "participant": ["P1", "P1", "P2", "P2", "P3", "P3", "P4"],
        "code": ["cost", "cost", "cost", "time", "time", "time", "cost"],
        "coder": ["Ana", "Ben", "Ana", "Ben", "Ana", "Ben", "Ana"],
        "text": ["too dear", "too dear", "fees", "the wait", "hours", "hours", "bills"],
    })
    people = pd.DataFrame({"participant": ["P1", "P2", "P3", "P4", "P5"]})
    before = segments.copy()
    res, talk = agreement(segments, participants=people, disagreements=True)
    pd.testing.assert_frame_equal(segments, before)
    cost = res.set_index("code").loc["cost"]
    # units both coded: P1 (1, 1), P2 (1, 0), P3 (0, 0), P5 (0, 0); P4 only Ana
    assert (cost["n_units"], cost["n_coded"], cost["n_disagreements"]) == (4, 2, 1)
    assert cost["percent_agreement"] == 75
    assert cost["percent_positive_agreement"] == pytest.approx(100 * 2 / 3)
    assert list(talk.columns) == DISAGREEMENT_COLUMNS
    assert talk[["unit_id", "code", "coder", "coded_by", "not_coded_by", "text"]].values.tolist() == [
        ["P2", "cost", "Ana", "Ana", "Ben", "fees"], ["P2", "time", "Ben", "Ben", "Ana", "the wait"]]


def test_segment_level_overlap():
    # one source, two coders: [0, 100) matched at 95% (cost both), [200, 300) vs [200, 240) (40%: no match)
    segments = pd.DataFrame({
        "participant": ["P1"] * 5,
        "source": ["s1"] * 5,
        "start": [0, 5, 200, 200, 500],
        "end": [100, 100, 300, 240, 520],
        "code": ["cost", "cost", "time", "time", "stigma"],
        "coder": ["A", "B", "A", "B", "A"],
        "text": ["x"] * 5,
    })
    res, talk = agreement(segments, unit="segment", disagreements=True)
    by = res.set_index("code")
    # units: {A0-100, B5-100}, {A200-300}, {B200-240}, {A500-520}
    assert by.loc["cost", "n_units"] == 4 and by.loc["cost", "n_disagreements"] == 0
    assert by.loc["time", "n_disagreements"] == 2 and by.loc["stigma", "n_disagreements"] == 1
    assert set(talk["unit_id"]) == {"s1 [200, 300)", "s1 [200, 240)", "s1 [500, 520)"}
    loose = agreement(segments, unit="segment", min_overlap=0.4).set_index("code")
    assert loose.loc["time", "n_disagreements"] == 0 and loose.loc["time", "n_units"] == 3
    # against the references on the answers read off the units
    values = np.array([[1, 1, 0, 0], [1, 1, 0, 0]])  # cost: units 0 (both), others none
    assert by.loc["cost", "percent_agreement"] == 100
    values = np.array([[0, 1, 0, 0], [0, 0, 1, 0]])  # time
    assert by.loc["time", "cohen_kappa"] == pytest.approx(metrics.cohen_kappa_score(values[0], values[1]), abs=TOL)
    assert by.loc["time", "krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=values, level_of_measurement="nominal"), abs=TOL)


def test_roll_up_and_coders_argument():
    segments = pd.DataFrame({
        "participant": ["P1", "P1", "P2", "P2", "P2"],
        "code_path": ["support / family", "support / friends", "support / family", "barrier", "barrier"],
        "coder": ["A", "B", "A", "B", "C"],
    }).assign(code=lambda d: d["code_path"].str.split(" / ").str[-1])
    flat = agreement(segments, coders=["A", "B"])
    assert "support" not in set(flat["code_path"])
    rolled = agreement(segments, coders=["A", "B"], roll_up=True).set_index("code_path")
    assert rolled.loc["support", "n_disagreements"] == 1  # P2: A support (family), B only barrier
    assert rolled.loc["support / family", "n_disagreements"] == 2


def test_bad_input():
    segments = pd.DataFrame({"participant": ["P1", "P2"], "code": ["a", "a"], "coder": ["A", "A"]})
    with pytest.raises(InputError, match="at least two coders"):
        agreement(segments)
    with pytest.raises(InputError, match="'coder' column"):
        agreement(segments.drop(columns="coder"))
    with pytest.raises(InputError, match="no segment"):
        agreement(segments, coders=["A", "Z"])
    with pytest.raises(InputError, match="min_overlap"):
        agreement(segments, unit="segment", min_overlap=90)
    with pytest.raises(InputError, match="unit="):
        agreement(segments, unit="word")
    with pytest.raises(InputError, match="'source'"):
        agreement(segments.assign(coder=["A", "B"]), unit="segment")

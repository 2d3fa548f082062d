"""Tests of mixedmethods.themes.cooccurrence: pairs counted by hand."""
import importlib
import math

import numpy as np
import pandas as pd
import pytest

from mixedmethods._validation import InputError
from mixedmethods.themes import cooccurrence


def test_cooccurrence_participant_source_segment(segments):
    part = cooccurrence(segments).set_index(["code_a", "code_b"])
    # barrier: P1, P3; support/family: P1; support/friends: P1, P2
    assert part.loc[("barrier", "support / friends"), ["n_a", "n_b", "n_both"]].tolist() == [2, 2, 1]
    assert part.loc[("support / family", "support / friends"), "n_both"] == 1
    jac = cooccurrence(segments, measure="jaccard").set_index(["code_a", "code_b"])
    assert jac.loc[("barrier", "support / friends"), "value"] == pytest.approx(1 / 3)  # 1 / (2 + 2 - 1)
    src = cooccurrence(segments, unit="source").set_index(["code_a", "code_b"])
    assert src.loc[("barrier", "support / friends"), "n_both"] == 1  # source i1 only
    seg = cooccurrence(segments, unit="segment").set_index(["code_a", "code_b"])
    # in i1: family [0,10), family+friends [50,60), barrier [80,90): only family-friends overlap
    assert seg.loc[("support / family", "support / friends"), "n_both"] == 1
    assert seg.loc[("barrier", "support / family"), "n_both"] == 0
    assert seg.loc[("support / family", "support / friends"), ["n_a", "n_b"]].tolist() == [2, 2]


def test_cooccurrence_segment_overlap_and_whole_source():
    seg = pd.DataFrame({
        "participant": ["A"] * 4,
        "code": ["x", "y", "z", "w"],
        "source": ["s"] * 4,
        "start": [0, 9, 10, None],
        "end": [10, 12, 20, None],   # x [0,10) overlaps y [9,12); x and z only touch
    })
    res = cooccurrence(seg, unit="segment").set_index(["code_a", "code_b"])["n_both"]
    assert res[("x", "y")] == 1
    assert res[("x", "z")] == 0
    assert res[("y", "z")] == 1
    assert res[("w", "x")] == 1 and res[("w", "z")] == 1  # a whole-source coding overlaps all
    with pytest.raises(InputError, match="needs the columns 'source', 'start' and 'end'"):
        cooccurrence(seg.drop(columns="start"), unit="segment")


def _overlap_pairs_by_hand(seg, roll_up):
    """Segment co-occurrence written out: every pair of overlapping distinct (source, start, end), itself included."""
    spans = {}
    for row in seg.itertuples(index=False):
        if pd.isna(row.source):
            continue
        whole = pd.isna(row.start) or pd.isna(row.end)
        key = (row.source, -math.inf if whole else float(row.start), math.inf if whole else float(row.end))
        parts = row.code_path.split(" / ")
        names = [" / ".join(parts[: i + 1]) for i in range(len(parts))] if roll_up else [row.code_path]
        spans.setdefault(key, set()).update(names)
    keys = list(spans)
    counts = {}
    for x in range(len(keys)):
        for y in range(x, len(keys)):
            (s1, a1, b1), (s2, a2, b2) = keys[x], keys[y]
            if x != y and not (s1 == s2 and a1 < b2 and a2 < b1):
                continue
            pairs = {tuple(sorted((a, b))) for a in spans[keys[x]] for b in spans[keys[y]] if a != b}
            for pair in pairs:
                counts[pair] = counts.get(pair, 0) + 1
    return counts


@pytest.mark.parametrize("roll_up", [False, True])
def test_cooccurrence_segment_matches_hand_count_on_random_spans(roll_up):
    """Spans shared by several rows (and participants), zero-length, reversed and whole-source codings."""
    from mixedmethods.themes._segments import _presence, _segments_frame

    segment_pairs = importlib.import_module("mixedmethods.themes.cooccurrence")._segment_pairs
    rng = np.random.default_rng(11)
    paths = ["a", "a / x", "a / y", "a / y / z", "b", "b / x", "c"]
    for _ in range(60):
        n = int(rng.integers(1, 30))
        start = rng.integers(0, 25, n).astype(float)
        end = start + rng.integers(-2, 10, n)
        start[rng.random(n) < 0.1] = np.nan
        seg = pd.DataFrame({
            "participant": rng.choice(["P1", "P2", "P3"], n),
            "code_path": rng.choice(paths, n),
            "source": pd.Series(rng.choice(["s1", "s2", "s3"], n), dtype=object).where(rng.random(n) > 0.1),
            "start": start, "end": end,
        })
        seg["code"] = seg["code_path"].str.split(" / ").str[-1]
        res = cooccurrence(seg, unit="segment", roll_up=roll_up)
        expected = _overlap_pairs_by_hand(seg, roll_up)
        got = {(a, b): v for a, b, v in zip(res["code_a"], res["code_b"], res["n_both"]) if v}
        assert got == expected
        # handled a few candidate pairs at a time: the same matrix
        frame = _segments_frame(seg, None)
        order, _, _, _, targets = _presence(frame, "participant", roll_up, None)
        full = segment_pairs(frame, order, targets)
        assert np.array_equal(segment_pairs(frame, order, targets, block=2), full)


@pytest.mark.parametrize("unit", ["participant", "source", "segment"])
@pytest.mark.parametrize("measure", ["count", "jaccard"])
def test_cooccurrence_symmetric_is_the_full_square(segments, unit, measure):
    upper = cooccurrence(segments, unit=unit, measure=measure)
    full = cooccurrence(segments, unit=unit, measure=measure, symmetric=True)
    codes = ["barrier", "support / family", "support / friends"]
    assert len(full) == len(codes) ** 2
    assert full[["code_a", "code_b"]].values.tolist() == [[a, b] for a in codes for b in codes]
    square = full.pivot(index="code_a", columns="code_b", values="n_both")
    assert (square.to_numpy() == square.to_numpy().T).all()
    # off the diagonal: the upper triangle's rows, both ways round
    for row in upper.itertuples(index=False):
        for a, b in ((row.code_a, row.code_b), (row.code_b, row.code_a)):
            got = full[(full["code_a"] == a) & (full["code_b"] == b)].iloc[0]
            assert got["n_both"] == row.n_both
            assert got["value"] == pytest.approx(row.value, nan_ok=True)
    # the diagonal: units with the code; Jaccard 1
    diag = full[full["code_a"] == full["code_b"]].set_index("code_a")
    assert (diag["n_both"] == diag["n_a"]).all() and (diag["n_a"] == diag["n_b"]).all()
    if measure == "jaccard":
        assert (diag["value"] == 1).all()
    if unit == "participant":  # barrier: P1, P3; family: P1; friends: P1, P2
        assert diag["n_both"].to_dict() == {"barrier": 2, "support / family": 1, "support / friends": 2}
    with pytest.raises(InputError, match="symmetric must be True or False"):
        cooccurrence(segments, symmetric="yes")


def test_gram_bit_count_and_blas_fallback_agree_with_a_dense_product():
    # the bit count runs on NumPy >= 2; the BLAS product is its fallback on NumPy 1.26
    from mixedmethods.themes.cooccurrence import _gram, _gram_blas

    rng = np.random.default_rng(5)
    for n_units, k, n in [(1000, 7, 5000), (65, 5, 300), (3000, 20, 20000)]:
        pairs = np.unique(rng.integers(0, k, n) * n_units + rng.integers(0, n_units, n))
        node, unit = pairs // n_units, pairs % n_units
        x = np.zeros((n_units, k), dtype=np.int64)
        x[unit, node] = 1
        shuffled = rng.permutation(node.size)
        assert (_gram(node[shuffled], unit[shuffled], k, n_units) == x.T @ x).all()
        for block_cells in (1 << 21, 64, 1):
            assert (_gram_blas(node, unit, k, n_units, block_cells) == x.T @ x).all()

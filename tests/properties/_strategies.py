"""Hypothesis strategies shared by the property suite: samples, groups, tables of counts, coded segments."""
import numpy as np
import pandas as pd
from hypothesis import assume, strategies as st

# Values on a grid of quarters between -250 and 250: no catastrophic cancellation between the raw and
# the summary paths, but ties, skew and outliers.
VALUES = st.integers(-1000, 1000).map(lambda v: v / 4)


def sample(min_size=2, max_size=25):
    """A 1-D float array that is not constant."""
    return st.lists(VALUES, min_size=min_size, max_size=max_size).map(np.array).filter(lambda a: np.ptp(a) > 0)


@st.composite
def two_groups(draw, min_size=2, max_size=25):
    """``(frame, x1, x2)``: outcome ``y`` and group ``g`` (labels 'a', 'b') on a shuffled string index."""
    x1, x2 = draw(sample(min_size, max_size)), draw(sample(min_size, max_size))
    frame = pd.DataFrame({"y": np.concatenate([x1, x2]), "g": ["a"] * len(x1) + ["b"] * len(x2)})
    order = draw(st.permutations(range(len(frame))))
    frame = frame.iloc[list(order)]
    frame.index = [f"r{i}" for i in draw(st.permutations(range(len(frame))))]
    return frame, x1, x2


@st.composite
def k_groups(draw, k_min=2, k_max=4):
    """``(frame, samples)``: outcome ``y`` and group ``g`` for 2-4 non-constant groups."""
    k = draw(st.integers(k_min, k_max))
    samples = [draw(sample(2, 15)) for _ in range(k)]
    labels = [f"g{i}" for i in range(k)]
    frame = pd.DataFrame({"y": np.concatenate(samples), "g": np.repeat(labels, [len(s) for s in samples])})
    return frame, samples


@st.composite
def pairs(draw, min_size=3, max_size=25):
    """``(frame, before, after)``: paired columns whose differences are not constant."""
    n = draw(st.integers(min_size, max_size))
    before = np.array(draw(st.lists(VALUES, min_size=n, max_size=n)))
    after = np.array(draw(st.lists(VALUES, min_size=n, max_size=n)))
    assume(np.ptp(after - before) > 0 and np.ptp(before) > 0 and np.ptp(after) > 0)
    return pd.DataFrame({"before": before, "after": after}), before, after


@st.composite
def count_tables(draw, max_rows=4, max_cols=4, max_count=40):
    """An r x c table of counts (r, c >= 2) with no empty row or column."""
    r, c = draw(st.integers(2, max_rows)), draw(st.integers(2, max_cols))
    counts = np.array(draw(st.lists(st.lists(st.integers(0, max_count), min_size=c, max_size=c),
                                    min_size=r, max_size=r)))
    assume((counts.sum(axis=0) > 0).all() and (counts.sum(axis=1) > 0).all())
    return counts


def table_frame(counts):
    """A counts array as a DataFrame: groups G0.. as rows, levels L0.. as columns."""
    r, c = counts.shape
    return pd.DataFrame(counts, index=[f"G{i}" for i in range(r)], columns=[f"L{j}" for j in range(c)])


def long_frame(counts):
    """The raw data behind a table of counts: one row per person, columns ``group`` and ``answer``."""
    rows = [(f"G{i}", f"L{j}") for i in range(counts.shape[0]) for j in range(counts.shape[1])
            for _ in range(int(counts[i, j]))]
    return pd.DataFrame(rows, columns=["group", "answer"])


@st.composite
def segments(draw):
    """``(segments, participants)``: coded segments of 1-6 participants with 1-4 codes, and the roster."""
    people = [f"P{i}" for i in range(draw(st.integers(1, 6)))]
    codes = ["cost", "time", "family", "trust"][: draw(st.integers(1, 4))]
    rows = draw(st.lists(st.tuples(st.sampled_from(people), st.sampled_from(codes)), min_size=1, max_size=25))
    seg = pd.DataFrame(rows, columns=["participant", "code"])
    seg["text"] = [f"quote {i}" for i in range(len(seg))]
    roster = pd.DataFrame({"participant": people + ["Pz"],
                           "group": (["women", "men"] * 5)[: len(people)] + ["men"]})
    return seg, roster

"""flow: stage boxes, who left between stages, and the boxes' palette blends."""
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from mixedmethods import InputError
from mixedmethods import plot as mp
from mixedmethods._style import blend


def test_flow_boxes_and_exclusions(texts):
    data = pd.DataFrame({"stage": ["Invited", "Consented", "Interviewed"], "n": [120, 101, 95],
                         "reason": ["declined (n = 15); no time (n = 4)", "", None]})
    ax = mp.flow(data)
    shown = texts(ax)
    assert "Invited\n(n = 120)" in shown and "Interviewed\n(n = 95)" in shown
    assert "Excluded (n = 19)\ndeclined (n = 15)\nno time (n = 4)" in shown
    assert "Excluded (n = 6)" in shown
    facecolors = {to_hex(t.get_bbox_patch().get_facecolor()) for t in ax.texts if t.get_bbox_patch()}
    expected = {to_hex(blend(mp.PALETTE["sky_blue"], 0.7)), to_hex(blend(mp.PALETTE["orange"], 0.75))}
    assert facecolors == expected
    assert ax.get_title() == "Participant flow"


def test_flow_counts_cannot_grow():
    with pytest.raises(InputError, match="grows from 10 to 12"):
        mp.flow(pd.DataFrame({"stage": ["a", "b"], "n": [10, 12]}))
    with pytest.raises(InputError, match="whole numbers >= 0"):
        mp.flow(pd.DataFrame({"stage": ["a", "b"], "n": [-1, -2]}))


def test_flow_side_boxes_can_be_named():
    stages = pd.DataFrame({"stage": ["Papers", "Part III"], "n": [74, 46]})
    ax = mp.flow(stages, leaving_label="To Parts I and II")
    assert "To Parts I and II (n = 28)" in [t.get_text() for t in ax.texts]

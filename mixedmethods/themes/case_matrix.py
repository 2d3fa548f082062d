"""Participants × codes, 0/1 (quantitizing): :func:`case_matrix`."""
from __future__ import annotations

import numpy as np

from .._docs import append_doc
from ._segments import COLUMNS_DOC, _check_known, _names, _participants_frame, _presence, _segments_frame

__all__ = ["case_matrix"]

_CASE_MATRIX_DOC = """

    Returns
    -------
    pandas.DataFrame
        One row per participant: the participant column (named as in your
        data: ``participant``, or its name in ``columns``), then one 0/1
        column per code, named by its ``code_path`` (parents before
        children).  Merge it with questionnaire data on the participant
        column.

    Examples
    --------
    >>> import pandas as pd
    >>> segments = pd.DataFrame({"participant": ["P1", "P1", "P2"],
    ...                          "code": ["cost", "cost", "time"]})
    >>> people = pd.DataFrame({"participant": ["P1", "P2", "P3"]})
    >>> case_matrix(segments, participants=people)
      participant  cost  time
    0          P1     1     0
    1          P2     0     1
    2          P3     0     0
    >>> typed = pd.DataFrame({"respondent_id": ["r1", "r2"], "theme": ["cost", "cost"]})
    >>> case_matrix(typed, columns={"participant": "respondent_id", "code": "theme"})
      respondent_id  cost
    0            r1     1
    1            r2     1
"""


def _matrix(seg, unit_col, roll_up, codes, unit_index=None):
    """Units × codes 0/1 as a dense int8 array, with node order and unit labels."""
    import pandas as pd

    order, node, unit, unit_labels, _ = _presence(seg, unit_col, roll_up, codes)
    labels = list(unit_labels)
    if unit_index is not None:
        pos = {u: i for i, u in enumerate(unit_index)}
        remap = np.array([pos[u] for u in labels], dtype=np.int64)
        unit = remap[unit] if unit.size else unit
        labels = list(unit_index)
    x = np.zeros((len(labels), len(order)), dtype=np.int8)
    x[unit, node] = 1
    return x, order, pd.Index(labels)


@append_doc(COLUMNS_DOC, _CASE_MATRIX_DOC)
def case_matrix(segments, *, participants=None, roll_up=True, codes=None, columns=None):
    """Participants × codes, 1 where a participant has the code (quantitizing).

    Parameters
    ----------
    segments : pandas.DataFrame
        Coded segments in the tidy model.
    participants : pandas.DataFrame, optional
        One row per participant; participants never coded get a row of zeros,
        in this table's order.  Without it, the rows are the participants of
        ``segments`` in order of appearance.
    roll_up : bool
        Give parent codes a 1 when any descendant is present.
    codes : list of str or pandas.DataFrame, optional
        Code paths to add as columns even if unused (all zeros).
    """
    import pandas as pd

    seg = _segments_frame(segments, columns)
    index = None
    if participants is not None:
        part = _participants_frame(participants, columns)
        _check_known(seg, part, columns)
        index = part["participant"].tolist()
    x, order, labels = _matrix(seg, "participant", roll_up, codes, index)
    out = pd.DataFrame(x.astype(np.int64), columns=order)
    out.insert(0, _names(columns)["participant"], np.asarray(labels, dtype=object))
    out.columns.name = None
    return out

"""The shapes of a :class:`~mixedmethods.readers.QDAProject`'s tables, shared by the readers."""
from __future__ import annotations

__all__ = ["CODE_COLUMNS", "NOTE_COLUMNS", "SET_COLUMNS", "SOURCE_COLUMNS", "codes_frame", "empty_sets", "positions"]

CODE_COLUMNS = ["code_id", "code", "code_path", "parent_path", "level", "is_codable", "color", "description"]
NOTE_COLUMNS = ["note_id", "note", "text", "coder", "target_type", "target_id", "target"]
SET_COLUMNS = ["set", "attribute", "value", "member_type", "member_id", "member"]
SOURCE_COLUMNS = ["source_id", "source", "kind", "path", "n_characters", "participant"]


def codes_frame(rows):
    """The ``codes`` DataFrame of a project from one dict per code."""
    import pandas as pd

    codes = pd.DataFrame(rows, columns=CODE_COLUMNS)
    codes["is_codable"] = codes["is_codable"].astype(bool)
    codes["level"] = codes["level"].astype("int64")
    return codes


def empty_sets():
    """A project's ``sets`` when the file has none."""
    import pandas as pd

    return pd.DataFrame(columns=SET_COLUMNS)


def positions(frame):
    """``start`` and ``end`` as nullable integers (missing for whole-source codings), in place."""
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    return frame

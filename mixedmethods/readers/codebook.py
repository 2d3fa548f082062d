"""REFI-QDA codebooks (``.qdc``, the codebook exchange format): :func:`read_codebook`."""
from __future__ import annotations

from .._validation import InputError
from ._archive import MAX_BYTES, MAX_MEMBERS, open_project
from ._frames import codes_frame
from ._qde import code_rows
from ._xml import kid, local

__all__ = ["read_codebook"]


def read_codebook(path, *, max_bytes=MAX_BYTES):
    """Read a REFI-QDA codebook (``.qdc``) into a table of codes.

    Parameters
    ----------
    path : str, os.PathLike or binary file object
        The ``.qdc`` (XML whose root is ``<CodeBook>``, as ATLAS.ti, MAXQDA,
        NVivo, QualCoder and Taguette export it); a ``.qdpx`` project works
        too (its codebook is read).
    max_bytes : int
        Most bytes read.

    Returns
    -------
    pandas.DataFrame
        One row per code in codebook order: ``code_id`` (GUID), ``code``,
        ``code_path`` (names from the root joined by ``" / "``),
        ``parent_path``, ``level``, ``is_codable`` (False for a folder),
        ``color`` (``"#RRGGBB"`` or missing), ``description`` — the columns
        of ``QDAProject.codes``, so it can be passed to ``write_qdpx(codes=)``.

    Raises
    ------
    InputError
        Not XML (nor a zip holding one ``.qde``), XML entities, malformed
        XML, or a root element other than ``<CodeBook>`` or ``<Project>``.

    Notes
    -----
    The XML is parsed as :func:`read_qdpx` parses a project: entities and
    external references refused, size capped.  Taguette's codebook export
    (an empty ``<Sets/>`` the schema forbids) is read too.

    Examples
    --------
    >>> import io
    >>> qdc = b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.5.2"><Codes>
    ... <Code guid="a1" name="barrier" isCodable="true" color="#D55E00">
    ... <Description>What stands in the way</Description>
    ... <Code guid="a2" name="cost" isCodable="true"/></Code></Codes><Sets/></CodeBook>'''
    >>> read_codebook(io.BytesIO(qdc))[["code_path", "level", "color", "description"]]
            code_path  level    color             description
    0         barrier      0  #D55E00  What stands in the way
    1  barrier / cost      1      NaN                     NaN
    """
    with open_project(path, max_bytes, MAX_MEMBERS) as (root, _, _, _, label):
        tag = local(root.tag)
        if tag == "Project":
            root = kid(root, "CodeBook")
        elif tag != "CodeBook":
            raise InputError(f"{label}: the root element is <{tag}>, not <CodeBook>; not a REFI-QDA codebook.")
        rows, _ = code_rows(kid(root, "Codes"))
    return codes_frame(rows)

"""statcheck on files as they come: PDF, HTML, Word and text files, one by one or a whole folder."""
from __future__ import annotations

from dataclasses import dataclass

from .._docs import fill_doc
from .._tables import returns_result_table
from .._validation import InputError
from ._batch import audit_paths, check_path, deadline_after, files_in, read_path
from .check import check

__all__ = ["check_file", "check_folder", "FolderAudit"]

_LIMITS_DOC = """
    max_megabytes : float, optional
        Largest file read, in MB.  By default 25 for PDF, DOCX and text files
        and 5 for HTML: a larger file is refused with an error saying so.
    max_pages : int
        A PDF with more pages is refused (default 2,000).
    timeout : float or None
        Seconds reading and checking one file may take (default 20; the
        clock is read between PDF pages, HTML tags and pieces of text of
        200,000 characters); None for no limit.
    **check_options
        Passed to :func:`~mixedmethods.audit.check` (``alpha=``,
        ``one_tailed=``, ...).
"""


def _with_limits(func):
    """Put the shared description of the limits where ``%(limits)s`` stands (nothing under ``-OO``)."""
    return fill_doc(limits=_LIMITS_DOC.lstrip().removesuffix("\n"))(func)


@returns_result_table
@_with_limits
def check_file(path, *, max_megabytes=None, max_pages=2000, timeout=20.0, **check_options):
    """Read a PDF, HTML, Word (.docx) or text file and :func:`check` every result in it.

    The kind is taken from the name (``.pdf``; ``.html``, ``.htm``;
    ``.docx``; ``.txt``, ``.md``), or, for other names, from the first bytes.
    PDF text comes from pypdf (no external program), HTML as a browser shows
    it (scripts and styles dropped, entities such as ``&minus;`` and
    ``&lt;`` decoded, inline tags such as ``<i>t</i>(28)`` joined), Word
    text from ``word/document.xml`` (paragraphs and table cells; Symbol-font
    χ read as χ).  Files are untrusted: sizes, pages, unpacked sizes and
    time are bounded and XML is parsed without entities.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read.
    %(limits)s
    Returns
    -------
    pandas.DataFrame
        ``file`` (``path`` as given), ``page`` (PDF page, from 1; <NA> for
        other kinds), ``line`` (line on that page for a PDF, line of the file
        for text and HTML, paragraph or line break of a Word document), then
        the columns of :func:`~mixedmethods.audit.check` (``start`` and
        ``end`` are offsets in the extracted text).

    Raises
    ------
    InputError
        When the file cannot be read, with a one-line message naming it and
        what was wrong: missing, a folder, too large, encrypted, damaged, not
        the kind its name says, a zip bomb, too slow to read.
    InputTypeError
        When ``path`` is not a file name.

    See Also
    --------
    check_folder : every file of a folder, one summary row per file.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> temporary = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(temporary.name)
    >>> _ = (folder / "paper.html").write_text(
    ...     "<p>Women agreed more,\\n<i>t</i>(93) = 2.53, <i>p</i> = .05.</p>", encoding="utf-8")
    >>> res = check_file(folder / "paper.html")
    >>> res[["line", "raw", "consistent"]]
       line                    raw  consistent
    0     2  t(93) = 2.53, p = .05       False
    >>> temporary.cleanup()
    """
    deadline = deadline_after(timeout)
    name, document = read_path(path, max_megabytes=max_megabytes, max_pages=max_pages, deadline=deadline)
    return check_path(name, document, check_options, deadline=deadline)


@dataclass
class FolderAudit:
    """What :func:`check_folder` found: ``files`` (one row per file) and ``results`` (every result).

    Attributes
    ----------
    files : pandas.DataFrame
        ``file``, ``kind`` (pdf, html, docx, text), ``pages`` (PDF),
        ``characters`` (of text read; 0 for a PDF without a text layer),
        ``results``, ``inconsistent``, ``decision_errors`` and ``error``
        (why the file could not be read; empty when it was).
    results : pandas.DataFrame
        The rows of :func:`check_file` for every file read, in file order.
    skipped : int
        Files of other kinds left out.
    """

    files: object
    results: object
    skipped: int = 0

    @property
    def consistent(self):
        """True when every file was read and no result is inconsistent."""
        return bool((self.files["error"] == "").all() and self.results["consistent"].all())


@_with_limits
def check_folder(folder, *, recursive=True, progress=None, max_megabytes=None, max_pages=2000, timeout=20.0,
                 **check_options):
    """:func:`check_file` on every PDF, HTML, Word and text file in ``folder``.

    A file that cannot be read does not stop the run: its row in ``files``
    says why.  Hidden files and Word's ``~$`` lock files are left out.

    Parameters
    ----------
    folder : str or os.PathLike
        The folder to read.
    recursive : bool
        Read sub-folders too (default; hidden ones are left out).
    progress : bool or None
        A one-line progress report on standard error once the run takes
        more than a second: None shows it on a terminal only.
    %(limits)s
    Returns
    -------
    FolderAudit
        ``.files`` (one summary row per file), ``.results`` (every result,
        the columns of :func:`check_file`), ``.skipped``, ``.consistent``.

    Raises
    ------
    InputError
        When ``folder`` is not a folder, or an option is not understood.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> temporary = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(temporary.name)
    >>> _ = (folder / "a.txt").write_text("t(48) = 2.31, p = .025", encoding="utf-8")
    >>> _ = (folder / "b.pdf").write_bytes(b"not a pdf")
    >>> audit = check_folder(folder, progress=False)
    >>> audit.files[["kind", "results", "inconsistent"]]
       kind  results  inconsistent
    0  text        1             0
    1           <NA>          <NA>
    >>> print(audit.files.loc[1, "error"].split(": ", 1)[1])
    not a PDF (it does not start with %PDF-)
    >>> temporary.cleanup()
    """
    import os

    name = os.fspath(folder)
    if not os.path.isdir(name):
        raise InputError(f"{name}: not a folder" + ("" if os.path.exists(name) else " (no such folder)"))
    check("", **check_options)  # a bad option fails once, here, not once per file
    paths, skipped = files_in(name, recursive=recursive)
    read_options = dict(max_megabytes=max_megabytes, max_pages=max_pages, timeout=timeout)
    files, results = audit_paths(paths, read_options=read_options, check_options=check_options, progress=progress)
    return FolderAudit(files=files, results=results, skipped=skipped)

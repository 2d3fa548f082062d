"""Small PDF, HTML and Word files with known results, and bad ones, built in the tests (nothing downloaded)."""
from __future__ import annotations

import io
import zipfile

# Each line's result with R statcheck 1.4.0's verdict:
# R: statcheck(c("t(93) = 2.53, p = .05", "t(88) = -2.12, p = .037", "chi2(2) = 6.10, p = .047",
#                "F(1, 40) = 4.20, p < .05", "t(28) = 2.20, p = .018", "F(2, 56) = 1.203, p < .001"))
#   computed_p 0.01308760461 0.03682121049 0.04735892439 0.04702142364 0.03622548478 0.30793266522
#   error      TRUE          FALSE         FALSE         FALSE         TRUE          TRUE
PAGES = [
    ["Study 1. Women agreed more, t(93) = 2.53, p = .05.",
     "Men agreed less, t(88) = \u22122.12, p = .037; \u03c72(2) = 6.10, p = .047."],
    ["Study 2 had no statistics on this page's first line.",
     "A second line.",
     "An effect of time, F(1, 40) = 4.20, p < .05."],
    ["Study 3. The mean moved, t(28) = 2.20, p = .018, and F(2, 56) = 1.203, p < .001."],
]
#: (page, line on the page, consistent) of each result in :data:`PAGES`.
PAGE_RESULTS = [(1, 1, False), (1, 2, True), (1, 2, True), (2, 3, True), (3, 1, False), (3, 1, False)]

HTML = """<!DOCTYPE html>
<html><head><title>Test paper</title>
<style>p { color: red } /* t(10) = 9.99, p = .5 */</style>
<script>var result = "t(10) = 9.99, p = .5";</script>
</head>
<body>
<h1>Results</h1>
<p>Women agreed more, <i>t</i>(93)&nbsp;=&nbsp;2.53,
<i>p</i> = .05.</p>
<p>Men agreed less, <em>t</em>(88) = &minus;2.12, <em>p</em> = .037;
&chi;<sup>2</sup>(2) = 6.10, <i>p</i> &lt; .05.</p>
<script type="text/javascript">
  document.write("F(1, 2) = 3.00, p = .9");
</script>
<table><tr><td>F(1, 40) = 4.20, p &lt; .05</td><td>Note &amp; more</td></tr></table>
</body></html>
"""
#: (source line, raw text as read, consistent) of each result in :data:`HTML`.
HTML_RESULTS = [(8, "t(93)\u00a0=\u00a02.53, p = .05", False), (10, "t(88) = \u22122.12, p = .037", True),
                (11, "\u03c72(2) = 6.10, p < .05", True), (15, "F(1, 40) = 4.20, p < .05", True)]


def make_pdf(pages=PAGES):
    """A PDF with one page per list of lines, written by matplotlib's PDF backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=(8.5, 11))
            for i, line in enumerate(lines):
                fig.text(0.05, 0.95 - 0.03 * i, line, fontsize=9)
            pdf.savefig(fig)
            plt.close(fig)
    return buffer.getvalue()


def encrypt_pdf(data, user_password):
    """``data`` encrypted by pypdf's writer (RC4, which needs no extra package)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx():
    """A Word document (python-docx): a result split across runs, one in a table, χ as a Symbol-font character."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_heading("Results", level=1)
    paragraph = document.add_paragraph("Women agreed more, ")
    paragraph.add_run("t").italic = True
    paragraph.add_run("(93) = 2.53, ")
    paragraph.add_run("p").italic = True
    paragraph.add_run(" = .05.")
    paragraph = document.add_paragraph("Men agreed less, t(88) = \u22122.12, p = .037; ")
    run = paragraph.add_run()
    symbol = OxmlElement("w:sym")
    symbol.set(qn("w:font"), "Symbol")
    symbol.set(qn("w:char"), "F063")  # χ in the Symbol font
    run._r.append(symbol)
    paragraph.add_run("2(2) = 6.10, p = .047.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Time"
    table.cell(0, 1).text = "F(1, 40) = 4.20, p < .05"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


#: (line of the extracted text, consistent) of each result of :func:`make_docx`.
DOCX_RESULTS = [(2, False), (3, True), (3, True), (5, True)]


def zip_bomb_docx(megabytes=100):
    """A .docx whose word/document.xml is a deflated member unpacking to ``megabytes`` MB (about 0.1 MB packed)."""
    buffer = io.BytesIO()
    block = b" " * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b"<?xml version='1.0'?><w:document>")
            for _ in range(megabytes):
                member.write(block)
    return buffer.getvalue()


def entity_bomb_docx():
    """A .docx whose XML declares nested entities (billion laughs)."""
    xml = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def write_bad_files(folder):
    """Every kind of bad input of the issue's acceptance 3 in ``folder``; returns {name: expected words}."""
    good = make_pdf()
    (folder / "encrypted.pdf").write_bytes(encrypt_pdf(good, "secret"))
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    with open(folder / "huge.pdf", "wb") as handle:  # 50 MB (sparse): refused before it is read
        handle.write(good)
        handle.seek(50_000_000)
        handle.write(b"%%EOF\n")
    page = b"<html><body><p>" + b"t(10) = 2.00, p = .07. " * 440_000 + b"</p></body></html>"  # 10 MB
    (folder / "page.html").write_bytes(page)
    (folder / "bomb.docx").write_bytes(zip_bomb_docx())
    (folder / "laughs.docx").write_bytes(entity_bomb_docx())
    (folder / "notzip.docx").write_bytes(b"This is not a zip file at all.")
    return {
        "encrypted.pdf": "encrypted with a password", "corrupt.pdf": "not a readable PDF",
        "junk.pdf": "not a PDF", "huge.pdf": "more than the 25 MB limit", "page.html": "more than the 5 MB limit",
        "bomb.docx": "zip bomb", "laughs.docx": "entities", "notzip.docx": "not a readable .docx",
    }

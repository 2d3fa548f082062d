"""The joint display as a table: full-precision data, printed strings, and HTML, Markdown and LaTeX renderings.

:class:`JointDisplay` is public through :mod:`mixedmethods.joint`, which
builds it.  Kept free of pandas and matplotlib imports, so rendering a joint
display's HTML loads neither.
"""
from __future__ import annotations

import html

__all__ = ["JointDisplay", "fit_colors"]


def fit_colors():
    """The background of each fit's cell: the palette's bluish green, sky blue, vermillion and grey, lightened."""
    from ._style import PALETTE, blend

    def hexa(rgb):
        return "#" + "".join(f"{round(255 * c):02X}" for c in rgb)

    return {
        "confirmation": hexa(blend(PALETTE["bluish_green"], 0.75)),
        "expansion": hexa(blend(PALETTE["sky_blue"], 0.7)),
        "discordance": hexa(blend(PALETTE["vermillion"], 0.75)),
        "inconclusive": hexa(blend(PALETTE["grey"], 0.75)),
    }


class JointDisplay:
    """A joint display: full-precision data, the printed table and its renderings.

    Attributes
    ----------
    data : pandas.DataFrame
        Every number at full precision, one row per row of the display.
    table : pandas.DataFrame
        The strings printed (rounded), with the display's column headings.
    layout : str
        One of :data:`mixedmethods.joint.LAYOUTS`.
    title : str or None
        Caption.
    notes : list of str
        Printed under the table.
    """

    def __init__(self, data, table, layout, title=None, notes=()):
        self.data = data
        self.table = table
        self.layout = layout
        self.title = title
        self.notes = list(notes)

    def __repr__(self):
        lines = [self.title] if self.title else []
        lines.append(self.table.to_string(index=False))
        lines.extend(self.notes)
        return "\n".join(lines)

    def __len__(self):
        return len(self.table)

    def _repr_html_(self):
        return self.to_html()

    def to_html(self):
        """The table as a styled HTML fragment (fit cells coloured and named)."""
        colors = fit_colors()
        esc = html.escape
        out = ['<div class="mixedmethods-joint-display">',
               '<table style="border-collapse:collapse;text-align:left;vertical-align:top">']
        if self.title:
            out.append(f'<caption style="caption-side:top;font-weight:bold;text-align:left">{esc(self.title)}</caption>')
        out.append("<thead><tr>")
        for col in self.table.columns:
            out.append('<th style="border-bottom:2px solid #000;padding:4px 8px;text-align:left">'
                       f"{esc(str(col))}</th>")
        out.append("</tr></thead><tbody>")
        for row in self.table.itertuples(index=False):
            out.append("<tr>")
            for col, value in zip(self.table.columns, row):
                style = "border-bottom:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left"
                if col == "Fit" and value in colors:
                    style += f";background-color:{colors[value]};font-weight:bold"
                out.append(f'<td style="{style}">{esc(str(value))}</td>')
            out.append("</tr>")
        out.append("</tbody></table>")
        for note in self.notes:
            out.append(f'<p style="font-size:smaller;margin:2px 0">{esc(note)}</p>')
        out.append("</div>")
        return "\n".join(out)

    def to_markdown(self):
        """The table as a GitHub-flavoured Markdown pipe table, title and notes around it."""
        def cell(v):
            return str(v).replace("|", "\\|").replace("\n", " ")

        lines = [f"**{cell(self.title)}**", ""] if self.title else []
        lines.append("| " + " | ".join(cell(c) for c in self.table.columns) + " |")
        lines.append("| " + " | ".join("---" for _ in self.table.columns) + " |")
        for row in self.table.itertuples(index=False):
            lines.append("| " + " | ".join(cell(v) for v in row) + " |")
        if self.notes:
            lines.append("")
            lines.extend(cell(n) for n in self.notes)
        return "\n".join(lines) + "\n"

    def to_latex(self, *, label=None):
        """The table as a LaTeX ``table`` with a ``tabular`` (booktabs rules).

        Long text columns get a paragraph column (``p{...}``) so quotes wrap.
        Needs ``\\usepackage{booktabs}`` in the preamble.
        """
        widths = [max([len(str(c))] + [len(str(v)) for v in self.table[c]]) for c in self.table.columns]
        spec = "".join("p{0.28\\linewidth}" if w > 40 else "l" for w in widths)
        lines = ["\\begin{table}", "\\centering"]
        if self.title:
            lines.append(f"\\caption{{{_latex(self.title)}}}")
        if label:
            lines.append(f"\\label{{{label}}}")
        lines += [f"\\begin{{tabular}}{{{spec}}}", "\\toprule",
                  " & ".join(_latex(c) for c in self.table.columns) + " \\\\", "\\midrule"]
        for row in self.table.itertuples(index=False):
            lines.append(" & ".join(_latex(v) for v in row) + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        for note in self.notes:
            lines.append(f"\\par\\smallskip{{\\footnotesize {_latex(note)}}}")
        lines.append("\\end{table}")
        return "\n".join(lines) + "\n"


_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "−": "$-$", "<": r"\textless{}", ">": r"\textgreater{}",
}


def _latex(value):
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in str(value))

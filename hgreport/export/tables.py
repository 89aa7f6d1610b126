"""Tables of figures as Word tables, styled from the profile's ``table`` values.

A table is as wide as the text, its columns share that width by their relative widths, its
borders are thin single lines, its header rows are bold and repeated at the top of each page
(``w:tblHeader``) and no row is split across pages (``w:cantSplit``; Word and LibreOffice still
split a row taller than a page). Merged cells are ``w:gridSpan`` across columns and
``w:vMerge`` down rows. Cell paragraphs are in the "Table Text" style and the caption above
the table in Word's "caption" style, both added to styles.xml only when the report has a table,
so a report without tables exports exactly as before."""

from __future__ import annotations

from collections.abc import Callable

from ..layout.profile import Profile
from ..model import Cell, Paragraph, Table
from . import ooxml as x
from .styles import paragraph_style, spacing_xml

TABLE_TEXT_STYLE = "TableText"
CAPTION_STYLE = "Caption"


def column_widths(table: Table, total: int) -> list[int]:
    """Twips per column: shares of ``total`` by the columns' relative widths (a column
    without one gets the average of the others, or an equal share), summing to ``total``."""
    given = [c.width for c in table.columns if c.width]
    fill = sum(given) / len(given) if given else 1.0
    weights = [c.width or fill for c in table.columns]
    scale = total / sum(weights)
    out = [int(w * scale) for w in weights]
    out[-1] += total - sum(out)
    return out


def _borders(width_pt: float) -> str:
    size = max(2, round(width_pt * 8))  # eighths of a point
    return "".join(f'<w:{side} w:val="single" w:sz="{size}" w:space="0" w:color="auto"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def cell_paragraph_props(p: Paragraph, align: str | None, mark: str = "") -> str:
    """The ``w:pPr`` of a paragraph in a cell (``mark``: a tracked paragraph mark's
    ``w:rPr``)."""
    jc = x.JC.get(p.align or align or "")
    return (f'<w:pPr><w:pStyle w:val="{TABLE_TEXT_STYLE}"/>'
            + (f'<w:jc w:val="{jc}"/>' if jc else "") + f"{mark}</w:pPr>")


def empty_cell_paragraph(mark: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{TABLE_TEXT_STYLE}"/>{mark}</w:pPr></w:p>'


def _cell_paragraphs(cell: Cell, align: str | None, header: bool, bold: bool,
                     refs: Callable[[str], str]) -> str:
    marks = ("b",) if header and bold else ()
    return "".join(f"<w:p>{cell_paragraph_props(p, align)}{x.runs_xml(p.runs, refs, marks)}"
                   "</w:p>" for p in cell.paragraphs) or empty_cell_paragraph()


def _span_width(widths: list[int], col: int, span: int) -> int:
    return sum(widths[col:col + span])


CellXml = Callable[[int, int, "Cell | None", "str | None", bool], str]


def table_xml(table: Table, profile: Profile, refs: Callable[[str], str], *,
              row_mark: Callable[[int], str] | None = None,
              cell_xml: CellXml | None = None) -> str:
    """The caption paragraph (if any) and the ``w:tbl`` of ``table``; ``refs(footnote_id)``
    gives a footnote reference's XML (called in reading order: caption, then cells).

    The compare export passes ``row_mark(row)`` (a tracked row insertion or deletion, put in
    ``w:trPr``) and ``cell_xml(row, col, cell or None where a merged cell covers the place,
    alignment, is a header row)``: the paragraphs of a cell."""
    spec = profile.table
    total = x.mm(profile.page.text_width_mm)
    widths = column_widths(table, total)
    out = []
    if table.caption:
        out.append(f'<w:p><w:pPr><w:pStyle w:val="{CAPTION_STYLE}"/></w:pPr>'
                   f"{x.runs_xml(table.caption, refs)}</w:p>")
    margin = x.mm(spec.cell_margin_mm)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out.append(
        f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders>{_borders(spec.border_pt)}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/><w:tblCellMar>'
        f'<w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>")
    # the merged cell covering each covered place, and where it starts
    owner: dict[tuple[int, int], tuple[int, int, Cell]] = {}
    for r, c, cell in table.cells():
        for i in range(cell.row_span):
            for k in range(cell.col_span):
                if i or k:
                    owner[(r + i, c + k)] = (r, c, cell)
    aligns = [col.align for col in table.columns]
    n_cols = table.n_cols
    for r, row in enumerate(table.rows):
        header = r < table.header_rows
        tr_pr = []
        if spec.keep_rows_whole:
            tr_pr.append("<w:cantSplit/>")
        if header and spec.repeat_header:
            tr_pr.append("<w:tblHeader/>")
        if row_mark is not None:
            tr_pr.append(row_mark(r))
        out.append(f"<w:tr><w:trPr>{''.join(tr_pr)}</w:trPr>" if tr_pr else "<w:tr>")
        c = 0
        while c < n_cols:
            cell = row.cells[c]
            if cell is not None:
                span = cell.col_span
                merge = '<w:vMerge w:val="restart"/>' if cell.row_span > 1 else ""
                align = spec.header_align if header else aligns[c]
                content = cell_xml(r, c, cell, align, header) if cell_xml is not None else \
                    _cell_paragraphs(cell, align, header, spec.header_bold, refs)
            else:
                r0, c0, over = owner[(r, c)]
                span = over.col_span - (c - c0)
                merge = "<w:vMerge/>" if r0 < r else ""
                content = cell_xml(r, c, None, None, header) if cell_xml is not None else \
                    empty_cell_paragraph()
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{_span_width(widths, c, span)}" '
                       f'w:type="dxa"/>{grid_span}{merge}</w:tcPr>{content}</w:tc>')
            c += span
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def table_styles_xml(profile: Profile) -> str:
    """The "Table Text" and "caption" paragraph styles of ``profile``."""
    spec = profile.table
    text = spec.text
    text_ppr = (spacing_xml(text) + f'<w:ind w:firstLine="{x.mm(text.first_line_indent_mm)}"/>'
                f'<w:jc w:val="{x.JC[text.align]}"/>')
    hp = x.half_points(text.size_pt)
    out = [paragraph_style(TABLE_TEXT_STYLE, "Table Text", text_ppr,
                           f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>', ui_priority=99)]
    cap = spec.caption
    cap_ppr = (f'<w:keepNext/><w:spacing w:before="{x.pt(cap.space_before_pt)}" '
               f'w:after="{x.pt(cap.space_after_pt)}" w:line="240" w:lineRule="auto"/>'
               f'<w:ind w:firstLine="0"/><w:jc w:val="{x.JC[cap.align]}"/>')
    hp = x.half_points(cap.size_pt)
    cap_rpr = (("<w:b/><w:bCs/>" if cap.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
               + ("<w:i/><w:iCs/>" if cap.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
               + f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    out.append(paragraph_style(CAPTION_STYLE, "caption", cap_ppr, cap_rpr, ui_priority=35))
    return "".join(out)

"""WordprocessingML as text: runs, paragraphs and borderless tables for the body and footnotes.

The writer builds the body and footnotes as one string each and lets lxml parse it once; this is
an order of magnitude faster than python-docx's per-paragraph API. Elements follow the schema
order (Word refuses a file whose ``w:pPr`` children are out of order)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'

# XML 1.0 forbids these; the model cleans text at the door, the export checks again.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PIECES = re.compile("([\n\t])")

FOOTNOTE_REF_STYLE = "FootnoteReference"
FOOTNOTE_TEXT_STYLE = "FootnoteText"

JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}


def mm(value: float) -> int:
    """Millimetres → twentieths of a point (twips)."""
    return round(value * 1440 / 25.4)


def pt(value: float) -> int:
    """Points → twips."""
    return round(value * 20)


def half_points(value: float) -> int:
    return round(value * 2)


def esc(text: str) -> str:
    """Text as XML character data, invalid characters dropped."""
    if INVALID_XML.search(text):
        text = INVALID_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def esc_attr(text: str) -> str:
    return esc(text).replace('"', "&quot;")


def rpr(marks: Iterable[str] = (), *, size_pt: float | None = None, style: str | None = None,
        caps: bool = False) -> str:
    """``<w:rPr>`` for marks (b, i, u, sup, sub), an optional size and character style."""
    marks = set(marks)
    out = []
    if style:
        out.append(f'<w:rStyle w:val="{style}"/>')
    if "b" in marks:
        out.append("<w:b/><w:bCs/>")
    if "i" in marks:
        out.append("<w:i/><w:iCs/>")
    if caps:
        out.append("<w:caps/>")
    if size_pt is not None:
        hp = half_points(size_pt)
        out.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    if "u" in marks:
        out.append('<w:u w:val="single"/>')
    if "sup" in marks:
        out.append('<w:vertAlign w:val="superscript"/>')
    elif "sub" in marks:
        out.append('<w:vertAlign w:val="subscript"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


def text_run(text: str, props: str = "") -> str:
    """One ``w:r``; ``\\n`` becomes a line break and ``\\t`` a tab."""
    if not text:
        return ""
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    inner = []
    for piece in _PIECES.split(text):
        if piece == "\n":
            inner.append("<w:br/>")
        elif piece == "\t":
            inner.append("<w:tab/>")
        elif piece:
            inner.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    return f"<w:r>{props}{''.join(inner)}</w:r>"


def footnote_reference(note_id: int) -> str:
    """The reference mark in the text: a real ``w:footnoteReference`` in the
    "footnote reference" style (so users can restyle every mark at once)."""
    return (f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REF_STYLE}"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>')


def footnote_number_text(number: int) -> str:
    """A second mention of an already numbered footnote: its number in the reference style
    (Word allows only one reference per footnote)."""
    return text_run(str(number), f'<w:rPr><w:rStyle w:val="{FOOTNOTE_REF_STYLE}"/></w:rPr>')


def runs_xml(runs: Iterable[Run], refs, extra_marks: tuple[str, ...] = (),
             caps: bool = False) -> str:
    """Runs of the model as XML; ``refs(footnote_id)`` gives the XML of a reference."""
    out = []
    for r in runs:
        if r.footnote:
            out.append(refs(r.footnote))
        elif r.text:
            text = r.text.upper() if caps else r.text
            marks = r.marks + extra_marks if extra_marks else r.marks
            out.append(text_run(text, rpr(marks) if marks else ""))
    return "".join(out)


def ppr(*, style: str | None = None, keep_next: bool = False, page_break: bool = False,
        border_bottom: float | None = None, before_pt: float | None = None,
        after_pt: float | None = None, line_pt: float | None = None, line_rule: str = "exact",
        single: bool = False, ind_left: int | None = None, ind_right: int | None = None,
        first_line: int | None = None, jc: str | None = None, run_props: str = "") -> str:
    """``<w:pPr>`` with its children in schema order."""
    out = []
    if style:
        out.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        out.append("<w:keepNext/>")
    if page_break:
        out.append("<w:pageBreakBefore/>")
    if border_bottom is not None:
        out.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{round(border_bottom * 8)}" '
                   'w:space="1" w:color="000000"/></w:pBdr>')
    spacing = []
    if before_pt is not None:
        spacing.append(f'w:before="{pt(before_pt)}"')
    if after_pt is not None:
        spacing.append(f'w:after="{pt(after_pt)}"')
    if single:
        spacing.append('w:line="240" w:lineRule="auto"')
    elif line_pt is not None:
        spacing.append(f'w:line="{pt(line_pt)}" w:lineRule="{line_rule}"')
    if spacing:
        out.append(f"<w:spacing {' '.join(spacing)}/>")
    ind = []
    if ind_left is not None:
        ind.append(f'w:left="{ind_left}"')
    if ind_right is not None:
        ind.append(f'w:right="{ind_right}"')
    if first_line is not None:
        ind.append(f'w:firstLine="{first_line}"')
    if ind:
        out.append(f"<w:ind {' '.join(ind)}/>")
    if jc:
        out.append(f'<w:jc w:val="{jc}"/>')
    if run_props:
        out.append(run_props)
    return f"<w:pPr>{''.join(out)}</w:pPr>" if out else ""


def paragraph(props: str, content: str) -> str:
    return f"<w:p>{props}{content}</w:p>"


def borderless_table(widths: list[int], cells: list[str], *, cant_split: bool = True) -> str:
    """A one-row table without borders; ``cells`` hold paragraph XML (at least one each)."""
    total = sum(widths)
    none = "".join(f'<w:{side} w:val="nil"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    tcs = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{c or "<w:p/>"}</w:tc>'
        for w, c in zip(widths, cells, strict=True))
    tr_pr = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="0" '
            f'w:type="dxa"/><w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid><w:tr>{tr_pr}{tcs}</w:tr></w:tbl>")

"""What a paste brings in and a copy gives out, beyond Qt's own: footnotes from Word or
LibreOffice, and tables.

Word marks a reference ``<a href="#_ftn1">[1]</a>`` and puts the note in ``<div id="ftn1">``;
LibreOffice writes ``<a class="sdfootnoteanc" href="#sdfootnote1sym">`` and
``<div id="sdfootnote1">``. The anchors become placeholder characters that survive Qt's HTML
import; the notes are taken out of the text and returned as HTML of their own.

A range copied from Excel or LibreOffice Calc comes as HTML with a ``<table>`` (Qt reads it,
merged cells included) and as tab-separated text (read here, Excel's quoting included); a
table copied from Word or Writer comes as HTML. Either becomes a table; a paste of more than
:data:`MAX_PASTE_CELLS` cells is refused before it is read. A table copied out of hgreport
gives HTML and tab-separated text, for Excel as much as for Word.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html import escape

from lxml import etree
from lxml import html as lxml_html

from hgreport.model import Paragraph, Run, Table
from hgreport.text import clean

# a range of 10,000 cells (a 300 × 30 appendix table fits) pastes in about a second and a
# half; more is refused with a message before anything is read (bench/table_bench.py)
MAX_PASTE_CELLS = 10_000
_CELL_TAG = re.compile(r"<t[dh][\s>]", re.IGNORECASE)

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: no real text holds them
_TOKEN = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
_ANCHOR_KEY = re.compile(r"^#?_?(ftn\d+|sdfootnote\d+)(?:sym)?$")  # in the text
_BACK_LINK = re.compile(r"^#?_?(ftnref\d+|sdfootnote\d+anc)$")  # in the note, to the text
_NOTE_ID = re.compile(r"^(ftn\d+|sdfootnote\d+)$")


def split_footnotes(source: str) -> tuple[str, dict[str, str]]:
    """(HTML with each footnote anchor replaced by a placeholder, note key → note HTML).
    HTML without footnotes comes back unchanged."""
    if "ftn" not in source and "sdfootnote" not in source:
        return source, {}
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return source, {}
    notes: dict[str, str] = {}
    for div in root.xpath("//div[@id]"):
        key = div.get("id")
        if not _NOTE_ID.match(key or ""):
            continue
        for back in div.xpath(".//a[@href]"):
            if _BACK_LINK.match(back.get("href", "")):
                back.drop_tree()  # the note's own number linking back to the text
        notes[key] = "".join(lxml_html.tostring(child, encoding="unicode") for child in div)
        div.drop_tree()
    if not notes:
        return source, {}
    for anchor in root.xpath("//a[@href]"):
        m = _ANCHOR_KEY.match(anchor.get("href", ""))
        if m and m.group(1) in notes:
            placeholder = etree.Element("span")
            placeholder.text = f"{_OPEN}{m.group(1)}{_CLOSE}"
            placeholder.tail = anchor.tail
            anchor.getparent().replace(anchor, placeholder)
    return lxml_html.tostring(root, encoding="unicode"), notes


def attach_footnotes(body: list, make_footnote) -> list:
    """Replace placeholders in ``body`` by references; ``make_footnote(key)`` returns the id
    of the footnote made for a note (or None to drop the mark). Paragraphs keep their ids;
    in tables, cells' paragraphs get their references too."""
    out = []
    for para in body:
        if isinstance(para, Table):
            for _, _, cell in para.cells():
                cell.paragraphs = attach_footnotes(cell.paragraphs, make_footnote)
            out.append(para)
            continue
        runs: list[Run] = []
        for run in para.runs:
            if run.footnote or _OPEN not in run.text:
                runs.append(run)
                continue
            pos = 0
            for m in _TOKEN.finditer(run.text):
                if m.start() > pos:
                    runs.append(Run(run.text[pos:m.start()], run.marks))
                fid = make_footnote(m.group(1))
                if fid:
                    runs.append(Run.ref(fid))
                pos = m.end()
            if pos < len(run.text):
                runs.append(Run(run.text[pos:], run.marks))
        text_runs = [r if r.footnote else Run(r.text.replace(_OPEN, "").replace(_CLOSE, ""),
                                               r.marks) for r in runs]
        out.append(replace(para, runs=text_runs).normalized())
    return out


# -- tables in ----------------------------------------------------------------------------------
class TooManyCells(ValueError):
    """A paste of more cells than :data:`MAX_PASTE_CELLS`."""

    def __init__(self, cells: int):
        super().__init__(cells)
        self.cells = cells


def check_html_cells(html: str) -> None:
    """Refuse pasted HTML whose tables hold more than :data:`MAX_PASTE_CELLS` cells."""
    cells = len(_CELL_TAG.findall(html)) if "<t" in html or "<T" in html else 0
    if cells > MAX_PASTE_CELLS:
        raise TooManyCells(cells)


def table_from_text(text: str) -> Table | None:
    """The table tab-separated text holds (a range copied from a spreadsheet), or None when
    it has no tab. Quoted cells (a line break inside a cell, as Excel writes it) are read
    as one cell; short rows get empty cells; an empty last line is no row."""
    if "\t" not in text:
        return None
    lines = text.replace("\r\n", "\n").replace("\r", "\n")
    if lines.endswith("\n"):
        lines = lines[:-1]
    cells = lines.count("\t") + lines.count("\n") + 1
    if cells > MAX_PASTE_CELLS:
        raise TooManyCells(cells)
    try:
        rows = list(csv.reader(io.StringIO(lines), dialect="excel-tab"))
    except csv.Error:  # an unbalanced quote: read it plainly
        rows = [line.split("\t") for line in lines.split("\n")]
    rows = [[clean(c).strip() for c in row] for row in rows] or [[""]]
    return Table.of(rows)


def clean_pasted(body: list) -> list:
    """Pasted blocks: paragraphs of cleaned text, no empty runs, NFC; tables keep their
    shape with their cells' paragraphs cleaned the same way."""
    out: list = []
    for block in body:
        if isinstance(block, Table):
            for _, _, cell in block.cells():
                cell.paragraphs = [_clean_paragraph(p) for p in cell.paragraphs] or [Paragraph()]
            out.append(block)
        else:
            out.append(_clean_paragraph(block))
    return out


def _clean_paragraph(p) -> Paragraph:
    return Paragraph([Run(clean(r.text), r.marks) if not r.footnote else r
                      for r in p.runs if r.text or r.footnote]).normalized()


# -- tables out ---------------------------------------------------------------------------------
def _cell_text(cell, numbers: dict[str, int]) -> str:
    return "\n".join("".join(str(numbers.get(r.footnote, "")) if r.footnote else r.text
                             for r in p.runs) for p in cell.paragraphs)


def _tsv_cell(text: str) -> str:
    if any(c in text for c in '\t\n"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def body_to_tsv(body: list, numbers: dict[str, int]) -> str:
    """Copied blocks as text: a table's rows as lines of tab-separated cells (quoted as
    Excel quotes them), a paragraph as a line; footnote references as their numbers."""
    lines = []
    for block in body:
        if isinstance(block, Table):
            if block.caption_text:
                lines.append(block.caption_text)
            for row in block.rows:
                lines.append("\t".join(_tsv_cell(_cell_text(c, numbers)) if c is not None
                                       else "" for c in row.cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _runs_html(runs, numbers: dict[str, int]) -> str:
    out = []
    for r in runs:
        if r.footnote:
            out.append(f"<sup>{numbers.get(r.footnote, '')}</sup>")
            continue
        text = escape(r.text).replace("\n", "<br>")
        for mark, tag in (("b", "b"), ("i", "i"), ("u", "u"), ("sup", "sup"), ("sub", "sub")):
            if mark in r.marks:
                text = f"<{tag}>{text}</{tag}>"
        out.append(text)
    return "".join(out)


def body_to_html(body: list, numbers: dict[str, int]) -> str:
    """Copied blocks as HTML that Word, Writer, Excel and Calc read: tables with their
    merged cells, header rows in ``<thead>``, marks kept."""
    out = ["<html><head><meta charset=\"utf-8\"></head><body>"]
    for block in body:
        if not isinstance(block, Table):
            out.append(f"<p>{_runs_html(block.runs, numbers)}</p>")
            continue
        if block.caption:
            out.append(f"<p align=\"center\"><b>{_runs_html(block.caption, numbers)}</b></p>")
        out.append('<table border="1" cellspacing="0" cellpadding="4" '
                   'style="border-collapse:collapse">')
        for r, row in enumerate(block.rows):
            if r == 0 and block.header_rows:
                out.append("<thead>")
            out.append("<tr>")
            tag = "th" if r < block.header_rows else "td"
            for c, cell in enumerate(row.cells):
                if cell is None:
                    continue
                attrs = ""
                if cell.row_span > 1:
                    attrs += f' rowspan="{cell.row_span}"'
                if cell.col_span > 1:
                    attrs += f' colspan="{cell.col_span}"'
                align = block.columns[c].align
                if align and tag == "td":
                    attrs += f' align="{align}"'
                inner = "<br>".join(_runs_html(p.runs, numbers) for p in cell.paragraphs)
                out.append(f"<{tag}{attrs}>{inner}</{tag}>")
            out.append("</tr>")
            if r + 1 == block.header_rows:
                out.append("</thead>")
        out.append("</table>")
    out.append("</body></html>")
    return "".join(out)

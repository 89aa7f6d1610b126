"""Converting between a section body (the engine's block model) and a QTextDocument.

A footnote reference is one object character (U+FFFC) whose character format carries the
footnote id; everything else is text with bold/italic/underline/superscript/subscript marks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from hgreport.model import Body, Paragraph, Run
from hgreport.text import clean

OBJECT_CHAR = "\ufffc"
LINE_SEPARATOR = "\u2028"
FOOTNOTE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
FOOTNOTE_ID = QTextFormat.Property.UserProperty + 1

# Page geometry of the printout (profile hd36-2018): A4, 30 mm + 15 mm side margins.
MM_TO_PX = 96 / 25.4
PT_TO_PX = 96 / 72
LINE_SPACING_PT = 18
BODY_FONT = "Times New Roman"
BODY_SIZE_PT = 14

_ALIGN_TO_QT = {
    "justify": Qt.AlignmentFlag.AlignJustify,
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


def body_font() -> QFont:
    font = QFont(BODY_FONT)
    font.setPointSizeF(BODY_SIZE_PT)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


PAGE_PADDING_PX = 28


def new_document(parent=None, margin: float = PAGE_PADDING_PX,
                 size_pt: float = BODY_SIZE_PT) -> QTextDocument:
    """An empty document with the printout's font (set before any text: changing the margin
    later would be an undo step)."""
    doc = QTextDocument(parent)
    font = body_font()
    font.setPointSizeF(size_pt)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(margin)
    doc.clearUndoRedoStacks()
    return doc


def block_format(align: str | None, page_break: bool = False,
                 indent_mm: float = 10.0) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN_TO_QT.get(align or "justify", Qt.AlignmentFlag.AlignJustify))
    fmt.setTextIndent(indent_mm * MM_TO_PX)
    fmt.setTopMargin(6 * PT_TO_PX)  # 6 pt before each paragraph, as printed
    fmt.setLineHeight(LINE_SPACING_PT * PT_TO_PX,
                      QTextBlockFormat.LineHeightTypes.FixedHeight.value)  # "exactly 18 pt"
    if page_break:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return fmt


def char_format(marks: tuple[str, ...] | list[str] = ()) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if "b" in marks else QFont.Weight.Normal)
    fmt.setFontItalic("i" in marks)
    fmt.setFontUnderline("u" in marks)
    if "sup" in marks:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
    elif "sub" in marks:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSubScript)
    else:
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
    return fmt


def footnote_format(footnote_id: str, base: QTextCharFormat | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat(base) if base is not None else QTextCharFormat()
    fmt.setObjectType(FOOTNOTE_OBJECT)
    fmt.setProperty(FOOTNOTE_ID, footnote_id)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal)
    return fmt


def is_footnote(fmt: QTextCharFormat) -> bool:
    return fmt.objectType() == FOOTNOTE_OBJECT


def footnote_id_of(fmt: QTextCharFormat) -> str | None:
    if fmt.objectType() != FOOTNOTE_OBJECT:
        return None
    value = fmt.property(FOOTNOTE_ID)
    return str(value) if value else None


def plain_format(fmt: QTextCharFormat) -> QTextCharFormat:
    """``fmt`` without the footnote object (so typing after a reference is ordinary text)."""
    out = QTextCharFormat(fmt)
    out.clearProperty(QTextFormat.Property.ObjectType)
    out.clearProperty(FOOTNOTE_ID)
    return out


def marks_of(fmt: QTextCharFormat, external: bool = False) -> tuple[str, ...]:
    marks = []
    if fmt.fontWeight() >= QFont.Weight.DemiBold:
        marks.append("b")
    if fmt.fontItalic():
        marks.append("i")
    if fmt.fontUnderline():
        marks.append("u")
    if not external:
        va = fmt.verticalAlignment()
        if va == QTextCharFormat.VerticalAlignment.AlignSuperScript:
            marks.append("sup")
        elif va == QTextCharFormat.VerticalAlignment.AlignSubScript:
            marks.append("sub")
    return tuple(marks)


def align_of(fmt: QTextBlockFormat) -> str | None:
    a = fmt.alignment()
    if a & Qt.AlignmentFlag.AlignJustify:
        return None
    if a & Qt.AlignmentFlag.AlignHCenter:
        return "center"
    if a & Qt.AlignmentFlag.AlignRight:
        return "right"
    if a & Qt.AlignmentFlag.AlignLeft:
        return "left"
    return None


def insert_body(cursor: QTextCursor, body: Body, *, first_in_place: bool = True) -> None:
    """Insert paragraphs at ``cursor``. The first paragraph's runs join the current block
    when ``first_in_place``; the following ones start new blocks."""
    for i, para in enumerate(body):
        if i > 0 or not first_in_place:
            cursor.insertBlock(block_format(para.align, para.page_break_before), char_format())
        for run in para.runs:
            if run.footnote:
                cursor.insertText(OBJECT_CHAR, footnote_format(run.footnote, char_format()))
            elif run.text:
                cursor.insertText(run.text.replace("\n", LINE_SEPARATOR), char_format(run.marks))


def set_body(doc: QTextDocument, body: Body) -> None:
    """Replace the whole content of ``doc`` by ``body`` (not recorded for undo)."""
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    first = body[0] if body else Paragraph()
    cursor.setBlockFormat(block_format(first.align, first.page_break_before))
    cursor.setBlockCharFormat(char_format())
    insert_body(cursor, body)
    doc.setUndoRedoEnabled(undo)
    doc.clearUndoRedoStacks()
    doc.setModified(False)


def document_from_body(body: Body, parent=None, margin: float = PAGE_PADDING_PX,
                       size_pt: float = BODY_SIZE_PT) -> QTextDocument:
    doc = new_document(parent, margin, size_pt)
    set_body(doc, body)
    return doc


def _paragraph_of(block, external: bool) -> Paragraph:
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        it += 1
        if not frag.isValid():
            continue
        fmt = frag.charFormat()
        text = frag.text()
        fid = footnote_id_of(fmt)
        if fid is not None:
            runs.extend(Run.ref(fid) for c in text if c == OBJECT_CHAR)
            continue
        text = text.replace(OBJECT_CHAR, "").replace(LINE_SEPARATOR, "\n")
        if text:
            runs.append(Run(clean(text), marks_of(fmt, external)))
    bfmt = block.blockFormat()
    page_break = bool(bfmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return Paragraph(runs, None if external else align_of(bfmt),
                     False if external else page_break).normalized()


def body_of(doc: QTextDocument, external: bool = False) -> Body:
    """The body held by ``doc``. ``external`` (pasted content) keeps only bold, italic,
    underline and paragraph breaks. A document with one empty paragraph is an empty body."""
    body: Body = []
    block = doc.begin()
    while block.isValid():
        body.append(_paragraph_of(block, external))
        block = block.next()
    if len(body) == 1 and not body[0].runs:
        return []
    if external:  # pasted HTML often ends with an empty paragraph
        while body and not body[-1].runs:
            body.pop()
    return body


def footnote_ids_in(doc: QTextDocument) -> list[str]:
    """Footnote ids referenced in ``doc``, in order (a fast scan for object characters)."""
    if OBJECT_CHAR not in doc.toRawText():
        return []
    ids: list[str] = []
    block = doc.begin()
    while block.isValid():
        if OBJECT_CHAR in block.text():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                it += 1
                fid = footnote_id_of(frag.charFormat())
                if fid is not None:
                    ids.extend(fid for c in frag.text() if c == OBJECT_CHAR)
        block = block.next()
    return ids

"""Converting between a section body (the engine's block model) and a QTextDocument.

A footnote reference is one object character (U+FFFC) whose character format carries the
footnote id; everything else is text with bold/italic/underline/superscript/subscript marks.
Each paragraph's id rides on its block format (Qt keeps it through typing, undo and redo; a
block split off by Enter gets a new one, see :class:`_BlockIds`). A block of a kind this
version does not know is one object character carrying its stored dict, drawn as a label.

A table is a QTextTable: its id and its columns' alignments ride on the table's format, each
cell's row id and column id on the cell's format (so they follow rows and columns through
inserts, deletes and undo), column widths are Qt's width constraints and header rows Qt's
header row count. Qt keeps a block before and after every table: the one before holds the
caption when there is one; an empty one carrying :data:`FILLER` is no paragraph.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPyTextObject,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from hgreport.layout import BodyLayout, body_layout
from hgreport.model import (
    CELL_PARAGRAPH_ID,
    Block,
    Body,
    Cell,
    Column,
    Paragraph,
    Row,
    Run,
    Table,
    UnknownBlock,
    ensure_unique_ids,
    new_id,
    whole_grid,
)
from hgreport.resources import load_profile
from hgreport.text import clean

OBJECT_CHAR = "\ufffc"
LINE_SEPARATOR = "\u2028"
FOOTNOTE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
FOOTNOTE_ID = QTextFormat.Property.UserProperty + 1
BLOCK_ID = QTextFormat.Property.UserProperty + 2  # on a block's format: the paragraph's id
RAW_BLOCK_OBJECT = QTextFormat.ObjectTypes.UserObject + 2  # a block of an unknown kind
RAW_BLOCK_DATA = QTextFormat.Property.UserProperty + 3  # its stored dict, as JSON
TABLE_ID = QTextFormat.Property.UserProperty + 4  # on a table's format: the table's id
COLUMNS = QTextFormat.Property.UserProperty + 5  # on it too: JSON {column id: width, align}
ROW_ID = QTextFormat.Property.UserProperty + 6  # on each cell's format: its row's id …
COLUMN_ID = QTextFormat.Property.UserProperty + 7  # … and its column's
CAPTION = QTextFormat.Property.UserProperty + 8  # on a block: the caption of the table after it
FILLER = QTextFormat.Property.UserProperty + 9  # on a block: an empty place Qt keeps by a table
HEADER_BACKGROUND = QColor("#eef1f5")  # header rows on screen (printed bold and repeated)

# Screen units: the window draws the printed page at 96 dots per inch.
MM_TO_PX = 96 / 25.4
PT_TO_PX = 96 / 72
# The white border around the text on screen. It is not the print margin (drawing the page's
# 30 mm margins would waste the screen); the text width inside it follows the profile.
PAGE_PADDING_PX = 28
PAGE_PROPERTY = "hgreportPage"  # the document's page (a BodyLayout), set by new_document
DEFAULT_PAGE = body_layout(load_profile())

_ALIGN_TO_QT = {
    "justify": Qt.AlignmentFlag.AlignJustify,
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


def page_of(doc: QTextDocument | None) -> BodyLayout:
    """The page ``doc`` is laid out on (the default profile's for a document made without)."""
    page = doc.property(PAGE_PROPERTY) if doc is not None else None
    return page if isinstance(page, BodyLayout) else DEFAULT_PAGE


def text_width_px(page: BodyLayout) -> int:
    """The width of the printed text on screen."""
    return round(page.text_width_mm * MM_TO_PX)


def body_font(page: BodyLayout = DEFAULT_PAGE) -> QFont:
    font = QFont(page.font)
    font.setPointSizeF(page.size_pt)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font


def new_document(parent=None, margin: float = PAGE_PADDING_PX, size_pt: float | None = None,
                 page: BodyLayout | None = None) -> QTextDocument:
    """An empty document on ``page`` (the profile's font, set before any text: changing the
    margin later would be an undo step); ``size_pt`` overrides the page's text size."""
    page = page or DEFAULT_PAGE
    doc = QTextDocument(parent)
    doc.setProperty(PAGE_PROPERTY, page)
    font = body_font(page)
    font.setPointSizeF(size_pt or page.size_pt)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(margin)
    doc.clearUndoRedoStacks()
    return doc


def _set_geometry(fmt: QTextBlockFormat, page: BodyLayout) -> None:
    """Indent, spacing and line height of a paragraph as printed."""
    fmt.setTextIndent(page.first_line_indent_mm * MM_TO_PX)
    fmt.setTopMargin(page.space_before_pt * PT_TO_PX)
    if page.space_after_pt or fmt.hasProperty(QTextFormat.Property.BlockBottomMargin):
        fmt.setBottomMargin(page.space_after_pt * PT_TO_PX)
    if page.line_spacing_pt is None:
        fmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.SingleHeight.value)
    else:
        kind = (QTextBlockFormat.LineHeightTypes.FixedHeight if page.line_exact
                else QTextBlockFormat.LineHeightTypes.MinimumHeight)
        fmt.setLineHeight(page.line_spacing_pt * PT_TO_PX, kind.value)


def block_format(align: str | None, page_break: bool = False,
                 page: BodyLayout | None = None) -> QTextBlockFormat:
    """A paragraph's format: its alignment (None: the page's) on ``page`` (the default
    profile's when None)."""
    page = page or DEFAULT_PAGE
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN_TO_QT.get(align or page.align, Qt.AlignmentFlag.AlignJustify))
    _set_geometry(fmt, page)
    if page_break:
        fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return fmt


def apply_page(doc: QTextDocument, page: BodyLayout) -> bool:
    """Lay ``doc`` out on another page (the report's profile changed): font, indents and
    spacing of every paragraph; alignment, breaks and everything else a paragraph carries
    stay. The change is not an edit: it is not recorded for undo, and the document's undo
    history is cleared (Qt cannot keep it across a change it did not record). Returns
    whether anything changed."""
    if page_of(doc) == page:
        return False
    doc.setProperty(PAGE_PROPERTY, page)
    font = doc.defaultFont()
    font.setFamily(page.font)
    font.setPointSizeF(page.size_pt)
    doc.setDefaultFont(font)
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        if not _no_paragraph(block):  # cells and captions keep their own spacing
            fmt = block.blockFormat()
            _set_geometry(fmt, page)
            cursor.setPosition(block.position())
            cursor.setBlockFormat(fmt)
        block = block.next()
    doc.setUndoRedoEnabled(undo)
    return True


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



def footnote_id_of(fmt: QTextCharFormat) -> str | None:
    if fmt.objectType() != FOOTNOTE_OBJECT:
        return None
    value = fmt.property(FOOTNOTE_ID)
    return str(value) if value else None


def is_object(fmt: QTextCharFormat) -> bool:
    """A footnote reference or a block of an unknown kind: never a format for typing."""
    return fmt.objectType() in (FOOTNOTE_OBJECT, RAW_BLOCK_OBJECT)


def plain_format(fmt: QTextCharFormat) -> QTextCharFormat:
    """``fmt`` without the object (so typing after a reference is ordinary text)."""
    out = QTextCharFormat(fmt)
    out.clearProperty(QTextFormat.Property.ObjectType)
    out.clearProperty(FOOTNOTE_ID)
    out.clearProperty(RAW_BLOCK_DATA)
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


# -- block ids ------------------------------------------------------------------------------------
def with_block_id(fmt: QTextBlockFormat, block_id: str) -> QTextBlockFormat:
    fmt.setProperty(BLOCK_ID, block_id)
    return fmt


def block_id_of(block: QTextBlock) -> str | None:
    value = block.blockFormat().property(BLOCK_ID)
    return value if isinstance(value, str) and value else None


class _BlockIds(QObject):
    """Keeps each paragraph of an editable document carrying an id of its own. Qt copies a
    block's format, and so its id, into the block it splits off (Enter): the split-off block
    gets a new id at once, in the same undo step, so undo and redo bring back the ids they
    had and the first part keeps the paragraph's id. Typing inside a paragraph costs two
    lookups."""

    def __init__(self, doc: QTextDocument):
        super().__init__(doc)
        self._doc = doc
        self._range = (0, 0)
        doc.contentsChange.connect(self._remember)
        doc.contentsChanged.connect(self._check)

    def _remember(self, pos: int, _removed: int, added: int) -> None:
        self._range = (pos, pos + added)

    def _check(self) -> None:
        doc = self._doc
        end = doc.characterCount() - 1
        first = doc.findBlock(min(self._range[0], end))
        last = doc.findBlock(min(self._range[1], end))
        if first.blockNumber() == last.blockNumber() and block_id_of(first):
            return
        # not while loading (no undo) nor right after an undo: the states undo returns to
        # were stamped when they were made
        if not doc.isUndoRedoEnabled() or doc.isRedoAvailable():
            return
        block = first.previous() if first.previous().isValid() else first
        seen: set[str] = set()
        stamp: list[int] = []
        while block.isValid() and block.blockNumber() <= last.blockNumber():
            bid = block_id_of(block)
            if bid is None or bid in seen:
                if not _no_paragraph(block):
                    stamp.append(block.position())
            else:
                seen.add(bid)
            block = block.next()
        if not stamp:
            return
        cursor = QTextCursor(doc)
        cursor.joinPreviousEditBlock()
        for pos in stamp:
            cursor.setPosition(pos)
            fmt = cursor.blockFormat()
            fmt.clearProperty(FILLER)  # typed into: a paragraph now
            fmt.setProperty(BLOCK_ID, new_id())
            cursor.setBlockFormat(fmt)
        cursor.endEditBlock()


# -- blocks of kinds this version does not know ----------------------------------------------------
def raw_block_format(block: Block) -> QTextCharFormat:
    fmt = char_format()
    fmt.setObjectType(RAW_BLOCK_OBJECT)
    fmt.setProperty(RAW_BLOCK_DATA, json.dumps(block.to_dict(), ensure_ascii=False))
    return fmt


def raw_block_of(fmt: QTextCharFormat) -> UnknownBlock | None:
    if fmt.objectType() != RAW_BLOCK_OBJECT:
        return None
    try:
        data = json.loads(str(fmt.property(RAW_BLOCK_DATA)))
    except ValueError:
        return None
    return UnknownBlock.from_dict(data) if isinstance(data, dict) else None


def raw_block_label(fmt: QTextCharFormat) -> str:
    """What the editor shows for a block of an unknown kind."""
    block = raw_block_of(fmt)
    return QCoreApplication.translate(
        "Blocks", "[%1 from a newer version of hgreport: kept as it is]").replace(
        "%1", block.kind if block else "?")


class _RawBlockMarker(QPyTextObject):
    """Draws a block of an unknown kind as a grey label: it is kept as it is, not edited.
    Registered with a document when the first such block goes in (:func:`insert_body`)."""

    PROPERTY = "hgreportRawBlockMarker"

    def __init__(self, doc: QTextDocument):
        super().__init__(doc)
        doc.setProperty(self.PROPERTY, True)
        doc.documentLayout().registerHandler(RAW_BLOCK_OBJECT, self)

    @classmethod
    def ensure(cls, doc: QTextDocument) -> None:
        if not doc.property(cls.PROPERTY):
            cls(doc)

    @staticmethod
    def _font(doc: QTextDocument) -> QFont:
        font = QFont(doc.defaultFont())
        font.setItalic(True)
        return font

    def intrinsicSize(self, doc, pos_in_document, fmt):  # noqa: N802 (Qt's name)
        metrics = QFontMetricsF(self._font(doc))
        return QSizeF(metrics.horizontalAdvance(raw_block_label(fmt)) + 8, metrics.height())

    def drawObject(self, painter, rect, doc, pos_in_document, fmt):  # noqa: N802
        painter.save()
        painter.setFont(self._font(doc))
        painter.setPen(QColor("#6b7280"))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, raw_block_label(fmt))
        painter.restore()


# -- body ↔ document ------------------------------------------------------------------------------
def write_runs(cursor: QTextCursor, runs: list[Run], caption: bool = False) -> None:
    """Type ``runs`` at ``cursor``: footnote references as their objects, line breaks as line
    separators (in a table's caption, which is one line, as spaces; its text bold as printed)."""
    for run in runs:
        if run.footnote:
            cursor.insertText(OBJECT_CHAR, footnote_format(run.footnote, char_format()))
        elif run.text and caption:
            cursor.insertText(run.text.replace("\n", " "), caption_char_format(run.marks))
        elif run.text:
            cursor.insertText(run.text.replace("\n", LINE_SEPARATOR), char_format(run.marks))


def insert_body(cursor: QTextCursor, body: Body, *, first_in_place: bool = True) -> None:
    """Insert blocks at ``cursor``. The first paragraph's runs join the current block (which
    keeps its id) when ``first_in_place``; the following blocks start new blocks carrying
    their own ids. Paragraphs put in front of a paragraph (the cursor at its start) leave it
    its id: it goes with its text, into the last block."""
    page = page_of(cursor.document())
    ahead = None
    if first_in_place and len(body) > 1 and cursor.atBlockStart() and cursor.block().length() > 1 \
            and not isinstance(body[0], Table):
        ahead = block_id_of(cursor.block())
        fmt = QTextBlockFormat()
        fmt.setProperty(BLOCK_ID, body[0].id)
        cursor.mergeBlockFormat(fmt)
    after_table = False  # the cursor is at the start of the block Qt put after a table
    for i, para in enumerate(body):
        if isinstance(para, Table):
            insert_table(cursor, para)
            after_table = True
            continue
        if after_table:  # this paragraph takes the block after the table
            fmt = with_block_id(block_format(para.align, para.page_break_before, page), para.id)
            cursor.setBlockFormat(fmt)
            cursor.setCharFormat(char_format())
            after_table = False
        elif i > 0 or not first_in_place:
            bid = ahead if ahead and i == len(body) - 1 else para.id
            cursor.insertBlock(with_block_id(block_format(para.align, para.page_break_before,
                                                          page), bid), char_format())
        if not isinstance(para, Paragraph):
            _RawBlockMarker.ensure(cursor.document())
            cursor.insertText(OBJECT_CHAR, raw_block_format(para))
            continue
        write_runs(cursor, para.runs)
    if after_table and cursor.block().length() == 1:
        cursor.setBlockFormat(filler_format(page))


def set_body(doc: QTextDocument, body: Body) -> None:
    """Replace the whole content of ``doc`` by ``body`` (not recorded for undo)."""
    undo = doc.isUndoRedoEnabled()
    doc.setUndoRedoEnabled(False)
    doc.clear()
    cursor = QTextCursor(doc)
    first = body[0] if body else Paragraph()
    cursor.setBlockFormat(with_block_id(block_format(first.align, first.page_break_before,
                                                     page_of(doc)), first.id))
    cursor.setBlockCharFormat(char_format())
    insert_body(cursor, body)
    doc.setUndoRedoEnabled(undo)
    doc.clearUndoRedoStacks()
    doc.setModified(False)


def document_from_body(body: Body, parent=None, margin: float = PAGE_PADDING_PX,
                       size_pt: float | None = None,
                       page: BodyLayout | None = None) -> QTextDocument:
    doc = new_document(parent, margin, size_pt, page)
    set_body(doc, body)
    _BlockIds(doc)
    _TableReads(doc)
    return doc


def _fragments(block: QTextBlock):
    """The (character format, text) of each fragment of ``block``, in order."""
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        it += 1
        if frag.isValid():
            yield frag.charFormat(), frag.text()


def _text_run(text: str, marks: tuple[str, ...]) -> list[Run]:
    """The run of a fragment of plain text (stray object characters dropped, line separators
    as line breaks); none when nothing is left."""
    text = text.replace(OBJECT_CHAR, "").replace(LINE_SEPARATOR, "\n")
    return [Run(clean(text), marks)] if text else []


def _blocks_of(block: QTextBlock, external: bool) -> list[Block]:
    """What one QTextBlock holds: a paragraph with the block's id; a block of an unknown kind
    is an object character of its own, and text typed beside it a paragraph of its own."""
    bfmt = block.blockFormat()
    align = None if external else align_of(bfmt)
    page_break = not external and bool(
        bfmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    bid = None if external else block_id_of(block)
    out: list[Block] = []
    runs: list[Run] = []

    def paragraph() -> Paragraph:
        para = Paragraph(list(runs), align, page_break, bid) if bid else \
            Paragraph(list(runs), align, page_break)
        runs.clear()
        return para.normalized()

    for fmt, text in _fragments(block):
        fid = footnote_id_of(fmt)
        if fid is not None:
            runs.extend(Run.ref(fid) for c in text if c == OBJECT_CHAR)
            continue
        raw = None if external else raw_block_of(fmt)
        if raw is not None:
            for i, piece in enumerate(text.split(OBJECT_CHAR)):
                if i:
                    if runs:
                        out.append(paragraph())
                    out.append(raw)
                if piece:
                    runs.append(Run(clean(piece.replace(LINE_SEPARATOR, "\n"))))
            continue
        runs.extend(_text_run(text, marks_of(fmt, external)))
    if runs or not out:
        out.append(paragraph())
    return out


def body_of(doc: QTextDocument, external: bool = False) -> Body:
    """The body held by ``doc``, each paragraph with the id its block carries, each table
    with its own. ``external`` (pasted content) keeps only bold, italic, underline,
    paragraph breaks and tables, with new ids. A document with one empty paragraph is an
    empty body."""
    body: Body = [b for b, _ in body_units(doc, external)]
    if len(body) == 1 and isinstance(body[0], Paragraph) and not body[0].runs:
        return []
    if external:  # pasted HTML often ends with an empty paragraph
        while body and isinstance(body[-1], Paragraph) and not body[-1].runs:
            body.pop()
    return ensure_unique_ids(body)


def body_units(doc: QTextDocument,
               external: bool = False) -> list[tuple[Block, QTextBlock | QTextTable]]:
    """Each block of the body held by ``doc`` with where it is: the QTextBlock of a
    paragraph (or of a block of an unknown kind), the QTextTable of a table."""
    if doc.rootFrame().childFrames():
        return _frame_units(doc.rootFrame(), external)
    units: list[tuple[Block, QTextBlock | QTextTable]] = []
    block = doc.begin()  # no table: block by block, the quick way
    while block.isValid():
        if block.length() > 1 or not block.blockFormat().hasProperty(FILLER):
            units.extend((b, block) for b in _blocks_of(block, external))
        block = block.next()
    return units


def _frame_items(frame) -> list[QTextBlock | QTextFrame]:
    """The blocks and child frames (tables) of ``frame`` (or of a table cell), in order."""
    out: list[QTextBlock | QTextFrame] = []
    it = frame.begin()
    while not it.atEnd():
        child = it.currentFrame()
        out.append(child if child is not None else it.currentBlock())
        it += 1
    return out


def _frame_units(frame: QTextFrame,
                 external: bool) -> list[tuple[Block, QTextBlock | QTextTable]]:
    items = _frame_items(frame)
    body: list[tuple[Block, QTextBlock | QTextTable]] = []
    caption: list[Run] = []
    for k, item in enumerate(items):
        if isinstance(item, QTextFrame):
            if isinstance(item, QTextTable):
                reads = None if external else _TableReads.of(frame.document())
                table = reads.read(item) if reads is not None else table_of(item, [], external)
                body.append((replace(table, caption=caption) if caption else table, item))
            caption = []
            continue
        following = items[k + 1] if k + 1 < len(items) else None
        if isinstance(following, QTextTable) and item.blockFormat().hasProperty(CAPTION) \
                and not external:
            caption = [Run(r.text, tuple(m for m in r.marks if m != "b")) if not r.footnote
                       else r for p in _blocks_of(item, external) if isinstance(p, Paragraph)
                       for r in p.runs]
            continue
        if item.length() == 1 and (item.blockFormat().hasProperty(FILLER) or (
                (external or block_id_of(item) is None)
                and (isinstance(following, QTextTable)
                     or isinstance(items[k - 1] if k else None, QTextTable)))):
            continue  # the empty place Qt keeps around a table
        body.extend((b, item) for b in _blocks_of(item, external))
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


# -- tables ---------------------------------------------------------------------------------------
def _no_paragraph(block: QTextBlock) -> bool:
    """A block that is not a paragraph of the body: one in a table cell, a table's caption,
    or the empty place Qt keeps by a table."""
    fmt = block.blockFormat()
    if fmt.hasProperty(CAPTION) or (fmt.hasProperty(FILLER) and block.length() == 1):
        return True
    return QTextCursor(block).currentTable() is not None


def filler_format(page: BodyLayout | None = None) -> QTextBlockFormat:
    """The empty place Qt keeps by a table: no paragraph while it is empty; typed into, a body
    paragraph like any other, with its own id already (so the typing is undone in one step
    and nothing has to be stamped on it)."""
    fmt = with_block_id(block_format(None, page=page), new_id())
    fmt.setProperty(FILLER, True)
    return fmt


def caption_format() -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setProperty(CAPTION, True)
    fmt.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    fmt.setTopMargin(6 * PT_TO_PX)
    fmt.setBottomMargin(3 * PT_TO_PX)
    return fmt


def caption_char_format(marks: tuple[str, ...] = ()) -> QTextCharFormat:
    """Captions show bold, as printed (the bold is the profile's, not stored)."""
    return char_format(("b", *marks))


def cell_block_format(align: str | None) -> QTextBlockFormat:
    """A paragraph in a cell: no indent, single spacing, its alignment (left when None)."""
    fmt = QTextBlockFormat()
    fmt.setAlignment(_ALIGN_TO_QT.get(align or "left", Qt.AlignmentFlag.AlignLeft))
    fmt.setLineHeight(100, QTextBlockFormat.LineHeightTypes.SingleHeight.value)
    return fmt


def table_format(table: Table) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setProperty(TABLE_ID, table.id)
    set_columns(fmt, table.columns)
    fmt.setHeaderRowCount(table.header_rows)
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setColumnWidthConstraints(width_constraints([c.width for c in table.columns]))
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QColor("#7b8491"))
    fmt.setBorderCollapse(False)
    fmt.setCellSpacing(0)
    fmt.setCellPadding(4)
    fmt.setMargin(0)
    fmt.setTopMargin(4)
    fmt.setBottomMargin(4)
    return fmt


def set_columns(fmt: QTextTableFormat, columns: list[Column]) -> None:
    """Keep the columns' widths and alignments on a table's format (by column id, so they
    follow the columns wherever rows and columns are put), and draw the widths."""
    fmt.setProperty(COLUMNS, json.dumps({c.id: [c.width, c.align] for c in columns
                                         if c.width or c.align}))
    fmt.setColumnWidthConstraints(width_constraints([c.width for c in columns]))


def columns_of(qt: QTextTable, col_ids: list[str]) -> list[Column]:
    """The columns of a table in a document, with the widths and alignments kept for them."""
    try:
        kept = json.loads(str(qt.format().property(COLUMNS) or "{}"))
    except ValueError:
        kept = {}
    out = []
    for cid in col_ids:
        width, align = (kept.get(cid) if isinstance(kept, dict) else None) or (None, None)
        out.append(Column.from_dict({"id": cid, "w": width, "align": align}))
    return out


def width_constraints(widths: list[float | None]) -> list[QTextLength]:
    """Percentages of the text width for relative column widths (None: an equal share)."""
    given = [w for w in widths if w]
    fill = sum(given) / len(given) if given else 1.0
    weights = [w or fill for w in widths]
    total = sum(weights) or 1.0
    return [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in weights]


def cell_format(table: QTextTable, row: int, col: int, row_id: str, col_id: str):
    fmt = table.cellAt(row, col).format().toTableCellFormat()
    fmt.setProperty(ROW_ID, row_id)
    fmt.setProperty(COLUMN_ID, col_id)
    if row < table.format().headerRowCount():
        fmt.setBackground(HEADER_BACKGROUND)
    else:
        fmt.clearBackground()
    return fmt


def default_cell_align(table: QTextTable, row: int, aligns: dict, col_id: str) -> str | None:
    """What a cell's paragraphs are aligned to unless they say otherwise: header rows
    centred, other rows as their column."""
    if row < table.format().headerRowCount():
        return "center"
    return aligns.get(col_id)


def write_cell(cursor: QTextCursor, paragraphs: list[Paragraph], align: str | None) -> None:
    """Write ``paragraphs`` at ``cursor`` (at the start of an empty cell)."""
    for i, p in enumerate(paragraphs):
        fmt = cell_block_format(p.align or align)
        if i:
            cursor.insertBlock(fmt, char_format())
        else:
            cursor.setBlockFormat(fmt)
        write_runs(cursor, p.runs)


def replace_cell_text(table: QTextTable, r: int, c: int, paragraphs: list[Paragraph],
                      align: str | None) -> None:
    """Put ``paragraphs`` in place of what cell (``r``, ``c``) of ``table`` holds."""
    cell = table.cellAt(r, c)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    write_cell(cursor, paragraphs, align)


def insert_table(cursor: QTextCursor, table: Table) -> QTextTable:
    """Insert ``table`` at ``cursor`` (not in a table) and leave the cursor at the start of
    the block after it. The caption goes in a block of its own before the table: the block
    at the cursor when the cursor is at its start (an empty one is taken, its text moves
    after the table keeping the paragraph's id), else a new one. Text after the cursor goes
    after the table."""
    doc = cursor.document()
    moved: QTextBlockFormat | None = None  # the format of the text that goes after the table
    if not cursor.atBlockStart():
        if table.caption:
            cursor.insertBlock(caption_format(), caption_char_format())
    else:  # the block at the cursor becomes the caption (or the empty place before the table)
        if cursor.block().length() > 1:
            moved = cursor.blockFormat()
        cursor.setBlockFormat(caption_format() if table.caption else filler_format(page_of(doc)))
    if table.caption:
        write_runs(cursor, table.caption, caption=True)
    qt = cursor.insertTable(table.n_rows, table.n_cols, table_format(table))
    for r, c, cell in table.cells():
        if cell.row_span > 1 or cell.col_span > 1:
            qt.mergeCells(r, c, cell.row_span, cell.col_span)
    aligns = {c.id: c.align for c in table.columns if c.align}
    for r, c, cell in table.cells():
        col_id = table.columns[c].id
        qcell = qt.cellAt(r, c)
        qcell.setFormat(cell_format(qt, r, c, table.rows[r].id, col_id))
        write_cell(qcell.firstCursorPosition(), cell.paragraphs,
                   default_cell_align(qt, r, aligns, col_id))
    cursor.setPosition(qt.lastPosition() + 1)
    if moved is not None:
        cursor.setBlockFormat(moved)
    elif cursor.block().length() > 1:  # text that followed the cursor: a paragraph of its own
        cursor.setBlockFormat(with_block_id(block_format(None, page=page_of(doc)), new_id()))
    return qt


class _TableReads(QObject):
    """The tables of an editable document as last read, each kept until a change touches
    it: reading a section back (every autosave) reads again only the tables that changed,
    and of a table where typing changed the text of a few cells, only those cells — not the
    thousands around them. Anything else (rows, columns, merges, formats of cells, a change
    over several cells) makes the whole table read again."""

    PROPERTY = "hgreportTableReads"

    def __init__(self, doc: QTextDocument):
        super().__init__(doc)
        self._doc = doc
        self._read: dict[str, tuple[int, Table]] = {}  # table id → (its QTextTable's key, table)
        self._cells: dict[str, set[tuple[int, int]]] = {}  # table id → cells typed in since
        doc.setProperty(self.PROPERTY, self)
        doc.documentLayout()  # Qt tells of changes only to a document that has a layout
        doc.contentsChange.connect(self._changed)

    @classmethod
    def of(cls, doc: QTextDocument) -> _TableReads | None:
        found = doc.property(cls.PROPERTY)
        return found if isinstance(found, _TableReads) else None

    def forget(self) -> None:
        self._read.clear()
        self._cells.clear()

    def _changed(self, pos: int, removed: int, added: int) -> None:
        if not self._read:
            return
        end = pos + max(removed, added)
        for frame in self._doc.rootFrame().childFrames():
            if frame.firstPosition() - 1 <= end and pos <= frame.lastPosition():
                tid = str(frame.format().property(TABLE_ID) or "")
                if tid not in self._read:
                    continue
                cell = _text_of_one_cell(frame, pos, added)
                if cell is None:
                    self._read.pop(tid, None)
                    self._cells.pop(tid, None)
                else:
                    self._cells.setdefault(tid, set()).add(cell)

    def read(self, qt: QTextTable) -> Table:
        """The table ``qt`` holds (caption left out), read again only where it changed."""
        tid = str(qt.format().property(TABLE_ID) or "")
        key = qt.objectIndex()
        kept = self._read.get(tid)
        cells = self._cells.pop(tid, None)
        if kept is not None and kept[0] == key:
            table = _with_cells_read(qt, kept[1], cells) if cells else kept[1]
            if table is not None:
                self._read[tid] = (key, table)
                return table
        table = table_of(qt)
        if tid:
            self._read[tid] = (key, table)
        return table


def _text_of_one_cell(frame: QTextFrame, pos: int, added: int) -> tuple[int, int] | None:
    """(row, column) of the cell a change at ``pos`` (``added`` characters now there) stayed
    inside, text only; None for anything else (a cell's own format sits just before its
    first position)."""
    if not isinstance(frame, QTextTable):
        return None
    cell = frame.cellAt(pos)
    if not cell.isValid() or pos < cell.firstPosition() or pos + added > cell.lastPosition():
        return None
    return cell.row(), cell.column()


def _with_cells_read(qt: QTextTable, kept: Table, cells: set[tuple[int, int]]) -> Table | None:
    """``kept`` with ``cells`` read again from ``qt``; None when the table is no longer shaped
    as ``kept`` (then it is read whole)."""
    rows, cols = qt.rows(), qt.columns()
    fmt = qt.format()
    col_ids = [c.id for c in kept.columns]
    if (rows, cols) != (kept.n_rows, kept.n_cols) or \
            min(fmt.headerRowCount(), rows) != kept.header_rows or \
            [c.to_dict() for c in columns_of(qt, col_ids)] != [c.to_dict() for c in kept.columns]:
        return None
    aligns = {c.id: c.align for c in kept.columns if c.align}
    formats = _Formats(False)
    new_rows = list(kept.rows)
    for r, c in sorted(cells):
        if r >= rows or c >= cols:
            return None
        cell, old = qt.cellAt(r, c), kept.rows[r].cells[c]
        cf = cell.format()
        if old is None or (cell.row(), cell.column(), cell.rowSpan(), cell.columnSpan()) != (
                r, c, old.row_span, old.col_span) or cf.property(ROW_ID) != kept.rows[r].id \
                or cf.property(COLUMN_ID) != col_ids[c]:
            return None
        if new_rows[r] is kept.rows[r]:  # the kept table may be held elsewhere: copy
            new_rows[r] = Row(list(kept.rows[r].cells), kept.rows[r].id)
        default = "center" if r < kept.header_rows else aligns.get(col_ids[c])
        new_rows[r].cells[c] = Cell(_cell_paragraphs(cell, formats, default), old.row_span,
                                    old.col_span)
    return replace(kept, rows=new_rows)


def forget_table_reads(doc: QTextDocument) -> None:
    """Read every table of ``doc`` afresh next time: Qt tells of changes made inside an edit
    block only when the block ends, so a read inside it must not trust what was kept."""
    reads = _TableReads.of(doc)
    if reads is not None:
        reads.forget()


def _votes(counters: list[Counter], table_id: str, what: str) -> list[str]:
    """One id per row (or column): the one most of its cells carry and no earlier row took;
    where none is left, one derived from the table's id and the place (the same on every
    reading)."""
    used: set[str] = set()
    out = []
    for i, counter in enumerate(counters):
        pick = next((k for k, _ in counter.most_common() if k not in used), None)
        n = 0
        while pick is None or pick in used:
            pick = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table_id}#{what}{i}#{n}"))
            n += 1
        used.add(pick)
        out.append(pick)
    return out


def line_ids(qt: QTextTable) -> tuple[list[str], list[str]]:
    """(row ids, column ids) of a table in a document."""
    rows, cols = qt.rows(), qt.columns()
    by_row = [Counter() for _ in range(rows)]
    by_col = [Counter() for _ in range(cols)]
    for r in range(rows):
        for c in range(cols):
            cell = qt.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue
            fmt = cell.format()
            rid, cid = fmt.property(ROW_ID), fmt.property(COLUMN_ID)
            if isinstance(rid, str) and rid:
                by_row[r][rid] += 1
            if isinstance(cid, str) and cid:
                by_col[c][cid] += 1
    tid = str(qt.format().property(TABLE_ID) or "")
    return _votes(by_row, tid, "r"), _votes(by_col, tid, "c")


def _relative_widths(qt: QTextTable) -> list[float | None]:
    """Widths of a pasted table, from the widths its HTML gave (None: not given alike)."""
    lengths = qt.format().columnWidthConstraints()
    if len(lengths) != qt.columns() or len({ln.type() for ln in lengths}) != 1 or \
            lengths[0].type() == QTextLength.Type.VariableLength:
        return [None] * qt.columns()
    values = [ln.rawValue() for ln in lengths]
    if min(values) <= 0 or max(values) - min(values) < 0.01:
        return [None] * qt.columns()
    total = sum(values)
    return [round(100 * v / total, 2) for v in values]


class _Formats:
    """What the formats met while reading one table say, each worked out once by its index
    in the document's format collection (a table of figures uses a handful of formats for
    thousands of cells)."""

    def __init__(self, external: bool):
        self.external = external
        self._aligns: dict[int, str | None] = {}
        self._chars: dict[int, tuple[str | None, tuple[str, ...]]] = {}

    def align(self, block: QTextBlock) -> str | None:
        key = block.blockFormatIndex()
        if key not in self._aligns:
            self._aligns[key] = align_of(block.blockFormat())
        return self._aligns[key]

    def char(self, fragment) -> tuple[str | None, tuple[str, ...]]:
        """(the footnote a reference points to or None, the marks) of a fragment."""
        key = fragment.charFormatIndex()
        if key not in self._chars:
            fmt = fragment.charFormat()
            self._chars[key] = (footnote_id_of(fmt), marks_of(fmt, self.external))
        return self._chars[key]


def _cell_paragraphs(cell, formats: _Formats, default_align: str | None) -> list[Paragraph]:
    out: list[Paragraph] = []
    for item in _frame_items(cell):
        if isinstance(item, QTextFrame):  # a table in a table (pasted): its text, flattened
            if isinstance(item, QTextTable):
                inner = table_of(item, [], formats.external)
                out.extend(p for _, _, c in inner.cells() for p in c.paragraphs if p.runs)
            continue
        out.append(_cell_paragraph(item, formats, default_align))
    return out or [Paragraph(id=CELL_PARAGRAPH_ID)]


def _cell_paragraph(block: QTextBlock, formats: _Formats,
                    default_align: str | None) -> Paragraph:
    """One paragraph of a cell: its runs, and its alignment where it is not the cell's."""
    align = None if formats.external else formats.align(block)
    if align == default_align or (align == "left" and default_align is None):
        align = None
    runs: list[Run] = []
    it = block.begin()
    while not it.atEnd():
        frag = it.fragment()
        it += 1
        if not frag.isValid():
            continue
        fid, marks = formats.char(frag)
        if fid is not None:
            runs.extend(Run.ref(fid) for c in frag.text() if c == OBJECT_CHAR)
        else:
            runs.extend(_text_run(frag.text(), marks))
    return Paragraph(runs, align, False, CELL_PARAGRAPH_ID).normalized()


def table_of(qt: QTextTable, caption: list[Run] | None = None,
             external: bool = False) -> Table:
    """The table a QTextTable holds; ``external`` (pasted) gets new ids."""
    rows, cols = qt.rows(), qt.columns()
    if external:
        row_ids = [new_id() for _ in range(rows)]
        columns = [Column(w) for w in _relative_widths(qt)]
        tid = new_id()
    else:
        row_ids, col_ids = line_ids(qt)
        columns = columns_of(qt, col_ids)
        tid = str(qt.format().property(TABLE_ID) or "") or new_id()
    aligns = {c.id: c.align for c in columns if c.align}
    col_ids = [c.id for c in columns]
    header = min(qt.format().headerRowCount(), rows)
    formats = _Formats(external)
    grid = [Row([None] * cols, rid) for rid in row_ids]
    for r in range(rows):
        for c in range(cols):
            cell = qt.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue
            default = "center" if r < header else aligns.get(col_ids[c])
            grid[r].cells[c] = Cell(_cell_paragraphs(cell, formats, default),
                                    cell.rowSpan(), cell.columnSpan())
    return whole_grid(Table(grid, columns, header, list(caption or []), tid))

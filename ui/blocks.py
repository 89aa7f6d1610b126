"""Converting between a section body (the engine's block model) and a QTextDocument.

A footnote reference is one object character (U+FFFC) whose character format carries the
footnote id; everything else is text with bold/italic/underline/superscript/subscript marks.
Each paragraph's id rides on its block format (Qt keeps it through typing, undo and redo; a
block split off by Enter gets a new one, see :class:`_BlockIds`). A block of a kind this
version does not know is one object character carrying its stored dict, drawn as a label.
"""

from __future__ import annotations

import json

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
)

from hgreport.layout import BodyLayout, body_layout
from hgreport.model import Block, Body, Paragraph, Run, UnknownBlock, ensure_unique_ids, new_id
from hgreport.resources import load_profile
from hgreport.text import clean

OBJECT_CHAR = "\ufffc"
LINE_SEPARATOR = "\u2028"
FOOTNOTE_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
FOOTNOTE_ID = QTextFormat.Property.UserProperty + 1
BLOCK_ID = QTextFormat.Property.UserProperty + 2  # on a block's format: the paragraph's id
RAW_BLOCK_OBJECT = QTextFormat.ObjectTypes.UserObject + 2  # a block of an unknown kind
RAW_BLOCK_DATA = QTextFormat.Property.UserProperty + 3  # its stored dict, as JSON

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


def is_footnote(fmt: QTextCharFormat) -> bool:
    return fmt.objectType() == FOOTNOTE_OBJECT


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
        if not doc.isUndoRedoEnabled() or doc.availableRedoSteps():
            return
        block = first.previous() if first.previous().isValid() else first
        seen: set[str] = set()
        stamp: list[int] = []
        while block.isValid() and block.blockNumber() <= last.blockNumber():
            bid = block_id_of(block)
            if bid is None or bid in seen:
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
            fmt = QTextBlockFormat()
            fmt.setProperty(BLOCK_ID, new_id())
            cursor.mergeBlockFormat(fmt)
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
def insert_body(cursor: QTextCursor, body: Body, *, first_in_place: bool = True) -> None:
    """Insert blocks at ``cursor``. The first paragraph's runs join the current block (which
    keeps its id) when ``first_in_place``; the following blocks start new blocks carrying
    their own ids. Paragraphs put in front of a paragraph (the cursor at its start) leave it
    its id: it goes with its text, into the last block."""
    page = page_of(cursor.document())
    ahead = None
    if first_in_place and len(body) > 1 and cursor.atBlockStart() and cursor.block().length() > 1:
        ahead = block_id_of(cursor.block())
        fmt = QTextBlockFormat()
        fmt.setProperty(BLOCK_ID, body[0].id)
        cursor.mergeBlockFormat(fmt)
    for i, para in enumerate(body):
        if i > 0 or not first_in_place:
            bid = ahead if ahead and i == len(body) - 1 else para.id
            cursor.insertBlock(with_block_id(block_format(para.align, para.page_break_before,
                                                          page), bid), char_format())
        if not isinstance(para, Paragraph):
            _RawBlockMarker.ensure(cursor.document())
            cursor.insertText(OBJECT_CHAR, raw_block_format(para))
            continue
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
    return doc


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
        text = text.replace(OBJECT_CHAR, "").replace(LINE_SEPARATOR, "\n")
        if text:
            runs.append(Run(clean(text), marks_of(fmt, external)))
    if runs or not out:
        out.append(paragraph())
    return out


def body_of(doc: QTextDocument, external: bool = False) -> Body:
    """The body held by ``doc``, each paragraph with the id its block carries. ``external``
    (pasted content) keeps only bold, italic, underline and paragraph breaks, with new ids.
    A document with one empty paragraph is an empty body."""
    body: Body = []
    block = doc.begin()
    while block.isValid():
        body.extend(_blocks_of(block, external))
        block = block.next()
    if len(body) == 1 and isinstance(body[0], Paragraph) and not body[0].runs:
        return []
    if external:  # pasted HTML often ends with an empty paragraph
        while body and isinstance(body[-1], Paragraph) and not body[-1].runs:
            body.pop()
    return ensure_unique_ids(body)


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

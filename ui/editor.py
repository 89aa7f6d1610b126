"""The rich-text editor of one section: a page-width view in the profile's font, formatting,
footnote references as atomic objects, and a paste that keeps only what the report can hold."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QImage,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QMenu, QTextEdit

from hgreport.model import Paragraph, Run, body_from_list, body_to_list, with_new_ids
from hgreport.text import clean

from . import dialogs, settings
from .blocks import (
    OBJECT_CHAR,
    PAGE_PADDING_PX,
    block_format,
    body_of,
    char_format,
    footnote_format,
    footnote_id_of,
    is_object,
    marks_of,
    plain_format,
    raw_block_of,
    text_width_px,
)
from .damage_bar import SectionBar
from .i18n import current_language
from .paste import (
    MAX_PASTE_CELLS,
    TooManyCells,
    attach_footnotes,
    body_to_html,
    body_to_tsv,
    check_html_cells,
    clean_pasted,
    split_footnotes,
    table_from_text,
)
from .tables import TableTools

BODY_MIME = "application/x-hgreport-body"
MAX_PASTE_CHARS = 2_000_000  # about 600 pages of text; more is refused with a message
MAX_PASTE_HTML = 20_000_000
# zoom of the editor (a view of the text, never a change of it): Word's 10 % steps
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.5, 4.0, 0.1


class SectionEditor(QTextEdit):
    """Edits the document of the selected section (documents belong to the session)."""

    footnoteActivated = Signal(str)  # a reference was double-clicked
    keyRefused = Signal()  # a key or a paste that would change a read-only section
    focusLeft = Signal()  # the cursor went to another part of the window
    zoomChanged = Signal(float)  # 1.0 = 100 %

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("sectionEditor")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor("#d9dce1"))
        pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        self.setPalette(pal)
        self.setAutoFillBackground(True)
        self.currentCharFormatChanged.connect(self._no_object_format)
        session.outlineChanged.connect(self.fit_page)  # a new profile may change the width
        self.section_id: str | None = None
        self.extra_actions: list = []  # added to the context menu (insert footnote …)
        self.key_actions = self._paragraph_keys()
        self.tables = TableTools(self)  # Insert → Table, the Table menu, Tab between cells
        # over the text: a damaged section, or one someone else edits (what happened, what to do)
        self.bar = SectionBar(self)
        self._damage_locked = False  # read-only because the section is damaged
        self._use: tuple[str, str] | None = None  # (bar kind, text) about the others using it
        session.sectionReplaced.connect(self._section_replaced)
        self.zoom = 1.0
        self._zoom_device: QImage | None = None  # the layout's paint device while zoomed
        self.zoom_actions = self._zoom_actions()
        self.set_zoom(settings.zoom_level())

    def _paragraph_keys(self) -> list[QAction]:
        """Word's paragraph keys, active while the cursor is in the text."""
        keys = (
            (self.tr("Select to the start of the paragraph"), "Ctrl+Shift+Up", True, True),
            (self.tr("Select to the end of the paragraph"), "Ctrl+Shift+Down", False, True),
            (self.tr("Start of the paragraph"), "Ctrl+Up", True, False),
            (self.tr("Next paragraph"), "Ctrl+Down", False, False),
        )
        out = []
        for text, key, up, select in keys:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            act.triggered.connect(lambda _=False, u=up, s=select: self.paragraph_move(u, s))
            self.addAction(act)
            out.append(act)
        return out

    def paragraph_move(self, up: bool, select: bool) -> None:
        """To the start of the paragraph (again: of the one before), or to its end when
        selecting (again: the next one's end), or to the next paragraph's start."""
        cursor = self.textCursor()
        mode = (QTextCursor.MoveMode.KeepAnchor if select
                else QTextCursor.MoveMode.MoveAnchor)
        op = QTextCursor.MoveOperation
        if up:
            cursor.movePosition(op.PreviousBlock if cursor.atBlockStart() else op.StartOfBlock,
                                mode)
        elif select:
            if cursor.atBlockEnd():
                cursor.movePosition(op.NextBlock, mode)
            cursor.movePosition(op.EndOfBlock, mode)
        else:
            cursor.movePosition(op.NextBlock, mode)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- which section ----------------------------------------------------------------------
    def show_section(self, section_id: str | None, doc: QTextDocument | None) -> None:
        self.section_id = section_id
        self._damage_locked = False
        self._use = None
        self._unzoom(self.document())
        if doc is None:
            self.setDocument(QTextDocument(self))
            self._apply_zoom()
            self.setReadOnly(True)
            self._show_bar()
            return
        self.setDocument(doc)
        self._apply_zoom()
        self.setReadOnly(False)
        self.setPlaceholderText(self.tr("Type the text of this section here. A section that only "
                                        "groups subsections may stay empty."))
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._show_bar()

    # -- the bar: a damaged section, others using it ---------------------------------------------
    def _show_bar(self) -> None:
        """The bar over the text. A section whose stored content could not be read is read-only
        under a bar that says what happened and what to do; restored (history, a colleague), it
        is editable again. Otherwise the bar says who else uses the section (:meth:`show_use`),
        if anyone."""
        sid = self.section_id
        damaged = sid is not None and self.session.is_read_only(sid)
        if damaged:
            notes = self.session.damage_notes(current_language()).get(sid, [])
            self.bar.show_damage(notes)
            self.setReadOnly(True)
            self._damage_locked = True
        else:
            if self._damage_locked:
                self.setReadOnly(False)
            self._damage_locked = False
            if self._use is None:
                self.bar.clear()
            elif self._use[0] == "in_use":
                self.bar.show_in_use(self._use[1])
            else:
                self.bar.show_note(self._use[1])
        self.fit_page()

    @property
    def damaged(self) -> bool:
        """The section shown is read-only because it is damaged."""
        return self._damage_locked

    def show_use(self, kind: str | None, text: str = "") -> None:
        """Others and the section shown: ``"in_use"`` (someone else holds it; read-only here,
        "Edit anyway" on the bar), ``"note"`` (a note that blocks nothing) or None (no bar).
        A damaged section's bar comes first."""
        self._use = (kind, text) if kind else None
        self._show_bar()

    def _edits(self, event) -> bool:
        """Would this key change the text (typing, deleting, a new line, cut, paste)?"""
        if event.matches(QKeySequence.StandardKey.Paste) or event.matches(
                QKeySequence.StandardKey.Cut):
            return True
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier):
            return False
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return,
                           Qt.Key.Key_Enter):
            return True
        return bool(event.text()) and event.text().isprintable()

    def _section_replaced(self, section_id: str) -> None:
        if section_id == self.section_id:
            self._show_bar()

    # -- the page-width view ------------------------------------------------------------------
    @property
    def page_width(self) -> int:
        """The printed text's width (from the report's profile) plus the white border, at
        the zoom."""
        return round((text_width_px(self.session.page) + 2 * PAGE_PADDING_PX) * self.zoom)

    # -- zoom: the text drawn larger or smaller, the document untouched -----------------------------
    def _zoom_actions(self) -> list[QAction]:
        """View → Zoom: in, out, 100 % (Ctrl+0 while the cursor is in the text). Ctrl+= is
        subscript, as in Word, so zooming in by key is Ctrl+wheel or the status bar."""
        out = []
        for text, slot, key in ((self.tr("Zoom &in"), self.zoom_in, None),
                                (self.tr("Zoom &out"), self.zoom_out, None),
                                (self.tr("&100 %"), self.reset_zoom, "Ctrl+0")):
            act = QAction(text, self)
            if key:
                act.setShortcut(QKeySequence(key))
                act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                self.addAction(act)
            act.setStatusTip(self.tr("Zoom of the text (Ctrl+wheel); the report does not "
                                     "change"))
            act.triggered.connect(slot)
            out.append(act)
        return out

    def set_zoom(self, zoom: float) -> None:
        """Show the text at ``zoom`` (1.0 = the printed size on a 96 dpi screen), kept
        between 50 % and 400 % and remembered for the next start. Nothing in the document
        changes: no undo step, nothing to save."""
        zoom = round(max(ZOOM_MIN, min(ZOOM_MAX, zoom)), 2)
        if zoom == self.zoom:
            return
        self.zoom = zoom
        self._apply_zoom()
        settings.remember_zoom(zoom)
        self.zoomChanged.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom - ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def _apply_zoom(self) -> None:
        """Lay the shown document out for a device of ``zoom`` × the screen's dots per inch:
        Qt's text layout scales the fonts, indents, spacing and margins by it (as it does
        for a printer), and the page is made as much wider."""
        doc = self.document()
        layout = doc.documentLayout()
        if self.zoom == 1.0 and layout.paintDevice() is None:  # as Qt shows it: no work
            self._zoom_device = None
            self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
            self.fit_page()
            return
        bar = self.verticalScrollBar()
        where = bar.value() / bar.maximum() if bar.maximum() else 0.0
        device = None
        if self.zoom != 1.0:
            device = QImage(1, 1, QImage.Format.Format_RGB32)
            dots = round(self.logicalDpiY() * self.zoom / 0.0254)  # dots per metre
            device.setDotsPerMeterX(dots)
            device.setDotsPerMeterY(dots)
        layout.setPaintDevice(device)
        self._zoom_device = device  # kept alive while the layout draws with it
        if device is None:  # the lines wrap at the page, as printed, scrolling sideways
            self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)  # when it is wider
        else:
            self.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
            self.setLineWrapColumnOrWidth(self.page_width)
        self.fit_page()
        doc.markContentsDirty(0, doc.characterCount())  # laid out again; not an edit
        bar.setValue(round(where * bar.maximum()))

    def _unzoom(self, doc: QTextDocument | None) -> None:
        """The document the editor leaves goes back to the screen's size (the session keeps
        it, and the zoom's device goes with the editor)."""
        if doc is not None and doc.documentLayout().paintDevice() is self._zoom_device \
                and self._zoom_device is not None:
            doc.documentLayout().setPaintDevice(None)

    def wheelEvent(self, event):  # noqa: N802 (Qt's name)
        """Ctrl+wheel zooms, as in Word; the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom + ZOOM_STEP * steps)
            event.accept()
            return
        super().wheelEvent(event)

    def fit_page(self) -> None:
        """Centre a page as wide as the printed text (after a resize or a change of profile)."""
        spare = max(0, self.width() - self.page_width - self.verticalScrollBar().sizeHint().width())
        side = spare // 2
        frame = self.frameWidth()
        width = max(0, self.width() - 2 * frame)
        bar = self.bar.height_for(width) if hasattr(self, "bar") else 0
        if bar:
            self.bar.setGeometry(frame, frame, width, bar)
        margins = self.viewportMargins()
        if (margins.left(), margins.top(), margins.right()) != (side, 12 + bar, side):
            self.setViewportMargins(side, 12 + bar, side, 0)

    def resizeEvent(self, event):  # noqa: N802
        self.fit_page()
        super().resizeEvent(event)

    # -- references are objects, never a format for typing ------------------------------------------
    def _no_object_format(self, fmt: QTextCharFormat) -> None:
        if is_object(fmt) and not self.textCursor().hasSelection():
            self.setCurrentCharFormat(plain_format(fmt))

    def _ensure_plain_typing(self) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection() and is_object(cursor.charFormat()):
            cursor.setCharFormat(plain_format(cursor.charFormat()))
            self.setTextCursor(cursor)

    def focusOutEvent(self, event):  # noqa: N802
        super().focusOutEvent(event)
        if event.reason() not in (Qt.FocusReason.PopupFocusReason,
                                  Qt.FocusReason.ActiveWindowFocusReason):
            self.focusLeft.emit()

    def keyPressEvent(self, event):  # noqa: N802
        if self.isReadOnly() and self.section_id is not None and self._edits(event):
            self.keyRefused.emit()  # the window says why, rather than dropping it silently
            event.accept()
            return
        if self.tables.key_press(event):
            return
        if event.text() and event.text().isprintable():
            self._ensure_plain_typing()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event):  # noqa: N802
        if self.isReadOnly() and event.commitString():  # typing with Unikey, an IME …
            self.keyRefused.emit()
        self._ensure_plain_typing()
        super().inputMethodEvent(event)

    def context_menu(self, pos) -> QMenu:
        """Qt's own menu (cut, copy, paste …) plus inserting and editing footnotes."""
        menu = self.createStandardContextMenu(pos)
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        self.tables.add_to_menu(menu)
        fid = self._footnote_near(self.cursorForPosition(pos))
        if fid:
            menu.addSeparator()
            act = menu.addAction(self.tr("Edit the footnote text"))
            act.triggered.connect(lambda: self.footnoteActivated.emit(fid))
        return menu

    def contextMenuEvent(self, event):  # noqa: N802
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _footnote_near(self, cursor: QTextCursor) -> str | None:
        doc = self.document()
        for probe in (cursor.position() + 1, cursor.position()):
            if 0 < probe < doc.characterCount():
                c = QTextCursor(doc)
                c.setPosition(probe)
                fid = footnote_id_of(c.charFormat())
                if fid:
                    return fid
        return None

    def mouseDoubleClickEvent(self, event):  # noqa: N802
        fid = self._footnote_near(self.cursorForPosition(event.position().toPoint()))
        if fid:
            self.footnoteActivated.emit(fid)
            return
        super().mouseDoubleClickEvent(event)

    # -- formatting -------------------------------------------------------------------------------
    def toggle_mark(self, mark: str) -> None:
        fmt = QTextCharFormat()
        current = self.currentCharFormat()
        if mark == "b":
            fmt.setFontWeight(QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.DemiBold
                              else QFont.Weight.Bold)
        elif mark == "i":
            fmt.setFontItalic(not current.fontItalic())
        elif mark == "u":
            fmt.setFontUnderline(not current.fontUnderline())
        elif mark in ("sup", "sub"):
            want = (QTextCharFormat.VerticalAlignment.AlignSuperScript if mark == "sup"
                    else QTextCharFormat.VerticalAlignment.AlignSubScript)
            fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignNormal
                                     if current.verticalAlignment() == want else want)
        self.mergeCurrentCharFormat(fmt)

    def set_alignment(self, align: str | None) -> None:
        cursor = self.textCursor()
        cursor.beginEditBlock()
        start, end = sorted((cursor.anchor(), cursor.position()))
        c = QTextCursor(self.document())
        c.setPosition(start)
        while True:
            bf = c.blockFormat()
            bf.setAlignment(block_format(align).alignment())
            c.setBlockFormat(bf)
            if c.block().position() + c.block().length() > end or not c.block().next().isValid():
                break
            c.movePosition(QTextCursor.MoveOperation.NextBlock)
        cursor.endEditBlock()

    def marks_at_cursor(self) -> tuple[str, ...]:
        return marks_of(self.currentCharFormat())

    # -- footnotes ---------------------------------------------------------------------------------
    def insert_footnote(self) -> str | None:
        """Insert a new footnote reference at the cursor; returns the footnote id."""
        if self.isReadOnly() or self.section_id is None:
            return None
        fn = self.session.new_footnote()
        self.insert_reference(fn.id)
        return fn.id

    def insert_reference(self, footnote_id: str) -> None:
        """Insert a reference to an existing footnote at the cursor (one undo step)."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        base = plain_format(cursor.charFormat())
        cursor.insertText(OBJECT_CHAR, footnote_format(footnote_id, char_format()))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(base)

    def select_footnote(self, footnote_id: str) -> bool:
        """Put the cursor right after the reference to ``footnote_id``."""
        doc = self.document()
        cursor = QTextCursor(doc)
        while True:
            cursor = doc.find(OBJECT_CHAR, cursor)
            if cursor.isNull():
                return False
            if footnote_id_of(cursor.charFormat()) == footnote_id:
                cursor.clearSelection()
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return True

    # -- copy and paste ----------------------------------------------------------------------------
    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        mime = super().createMimeDataFromSelection()
        fragment = self.textCursor().selection()
        tmp = QTextDocument()
        QTextCursor(tmp).insertFragment(fragment)
        body = body_of(tmp)
        notes = {}
        for p in body:
            for fid in p.footnote_refs():
                fn = self.session.footnote(fid)
                if fn is not None:
                    notes[fid] = body_to_list(fn.body)
        data = {"body": body_to_list(body), "footnotes": notes}
        mime.setData(BODY_MIME, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        mime.setText(mime.text().replace(OBJECT_CHAR, ""))
        if any(b.kind == "table" for b in body):  # tables out as Excel and Word read them
            mime.setText(body_to_tsv(body, self.session.numbers))
            mime.setHtml(body_to_html(body, self.session.numbers))
            return mime
        if notes or OBJECT_CHAR in tmp.toRawText():
            # other programs get the numbers as superscript text instead of object characters
            # (and the text of a block of an unknown kind)
            cursor = QTextCursor(tmp)
            while True:
                cursor = tmp.find(OBJECT_CHAR, cursor)
                if cursor.isNull():
                    break
                raw = raw_block_of(cursor.charFormat())
                if raw is not None:
                    cursor.insertText(raw.text, char_format())
                    continue
                number = self.session.numbers.get(footnote_id_of(cursor.charFormat()) or "")
                cursor.insertText(str(number or ""), char_format(("sup",)))
            mime.setHtml(tmp.toHtml())
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802
        return (source.hasFormat(BODY_MIME) or source.hasHtml() or source.hasText()
                or super().canInsertFromMimeData(source))

    def paste(self) -> None:
        """Edit → Paste (Ctrl+V): refused with a word where the section is read-only."""
        if self.isReadOnly():
            self.keyRefused.emit()
            return
        super().paste()

    def cut(self) -> None:
        """Edit → Cut (Ctrl+X): the same."""
        if self.isReadOnly():
            self.keyRefused.emit()
            return
        super().cut()

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        if self.isReadOnly():
            self.keyRefused.emit()
            return
        body = self._body_from_mime(source)
        if body is None:
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        self.tables.insert_pasted(cursor, body)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _body_from_mime(self, source: QMimeData):
        """The blocks to paste, each with a new id (a paste is a copy)."""
        if source.hasFormat(BODY_MIME):
            try:
                data = json.loads(bytes(source.data(BODY_MIME)).decode("utf-8"))
                body = body_from_list(data.get("body", []))
            except (ValueError, TypeError, AttributeError):
                body = None
            if body is not None:
                return self._adopt_footnotes(body, data.get("footnotes") or {})
        if source.hasHtml():
            html = source.html()
            if len(html) > MAX_PASTE_HTML or len(source.text()) > MAX_PASTE_CHARS:
                return self._refuse(len(source.text()) or len(html))
            try:
                check_html_cells(html)
            except TooManyCells as exc:
                return self._refuse_cells(exc.cells)
            html, notes = split_footnotes(html)
            tmp = QTextDocument()
            tmp.setHtml(html)
            body = clean_pasted(body_of(tmp, external=True))  # tables keep their shape
            return attach_footnotes(body, lambda key: self._pasted_note(notes.get(key)))
        if source.hasText():
            text = source.text()
            if len(text) > MAX_PASTE_CHARS:
                return self._refuse(len(text))
            try:
                table = table_from_text(text)  # a range copied from a spreadsheet
            except TooManyCells as exc:
                return self._refuse_cells(exc.cells)
            if table is not None:
                return [table]
            lines = clean(text.replace("\x0c", "\n")).split("\n")
            return [Paragraph([Run(line)] if line else []) for line in lines]
        return None

    def _pasted_note(self, note_html: str | None) -> str | None:
        """A new footnote from a note pasted from Word or LibreOffice; returns its id."""
        if note_html is None:
            return None
        tmp = QTextDocument()
        tmp.setHtml(note_html)
        body = [p for p in _clean_body(body_of(tmp, external=True)) if p.runs]
        if body and not body[0].runs[0].footnote:
            first = body[0].runs[0]
            body[0].runs[0] = Run(first.text.lstrip(), first.marks)
        return self.session.new_footnote(body).id

    def _refuse(self, size: int) -> None:
        dialogs.show_error(self, self.tr(
            "The text you are pasting is too large (%1 characters). Paste it in parts of at most "
            "%2 characters.").replace("%1", f"{size:,}".replace(",", "."))
            .replace("%2", f"{MAX_PASTE_CHARS:,}".replace(",", ".")))
        return None

    def _refuse_cells(self, cells: int) -> None:
        dialogs.show_error(self, self.tr(
            "The table you are pasting has %1 cells; at most %2 can be pasted at once. Copy "
            "and paste it in parts (for example three hundred rows at a time).").replace(
            "%1", f"{cells:,}".replace(",", ".")).replace(
            "%2", f"{MAX_PASTE_CELLS:,}".replace(",", ".")))
        return None

    def _adopt_footnotes(self, body, notes: dict):
        """Blocks copied inside the app, with new ids. A cut reference keeps its footnote, a
        copied one gets a new footnote with a copy of the text."""

        def adopt(fid: str) -> str:
            if self.session.footnote(fid) is None and fid in notes:
                return self.session.new_footnote(with_new_ids(body_from_list(notes[fid]))).id
            return self.session.copy_footnote(fid)

        return with_new_ids(block.map_refs(adopt) for block in body)


def _clean_body(body):
    """Pasted paragraphs: cleaned text, no empty runs, NFC (``clean`` already normalises)."""
    return [Paragraph([Run(clean(r.text), r.marks) for r in p.runs if r.text]).normalized()
            for p in body]


"""Footnotes in the window: the reference drawn as one inline object, and the side panel that
lists every footnote in document order with its text editable."""

from __future__ import annotations

from PySide6.QtCore import QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPyTextObject,
    QShortcut,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgreport.text import fold

from .blocks import FOOTNOTE_OBJECT, body_of, char_format, document_from_body, footnote_id_of
from .i18n import current_language

REFERENCE_COLOR = QColor("#1a4fa0")


class FootnoteMarker(QPyTextObject):
    """Draws a footnote reference as its superscript number, taken from a document-wide
    id → number map at paint time: renumbering never edits the text or its undo stack."""

    def __init__(self, numbers, parent=None):
        super().__init__(parent)
        self._numbers = numbers

    def install(self, doc: QTextDocument) -> None:
        doc.documentLayout().registerHandler(FOOTNOTE_OBJECT, self)

    def label(self, fmt: QTextCharFormat) -> str:
        number = self._numbers().get(footnote_id_of(fmt) or "")
        return str(number) if number else "?"

    @staticmethod
    def _fonts(doc: QTextDocument, fmt: QTextCharFormat) -> tuple[QFont, QFont]:
        base = QFont(doc.defaultFont())
        if fmt.hasProperty(QTextCharFormat.Property.FontPointSize):
            base.setPointSizeF(fmt.fontPointSize())
        device = doc.documentLayout().paintDevice()  # the editor's zoom (ui/editor.py)
        if device is not None and device.logicalDpiY() > 0:
            from PySide6.QtGui import QGuiApplication

            screen = QGuiApplication.primaryScreen()
            dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
            base.setPointSizeF(base.pointSizeF() * device.logicalDpiY() / (dpi or 96.0))
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.65)
        small.setBold(False)
        small.setItalic(False)
        return base, small

    def intrinsicSize(self, doc, pos_in_document, fmt):  # noqa: N802 (Qt's name)
        base, small = self._fonts(doc, fmt)
        width = QFontMetricsF(small).horizontalAdvance(self.label(fmt)) + 1.5
        return QSizeF(width, QFontMetricsF(base).ascent())

    def drawObject(self, painter, rect, doc, pos_in_document, fmt):  # noqa: N802
        _, small = self._fonts(doc, fmt)
        painter.save()
        painter.setFont(small)
        painter.setPen(REFERENCE_COLOR)
        painter.drawText(rect.adjusted(0.5, 0, 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.label(fmt))
        painter.restore()


def reference_cursors(session, footnote_id: str) -> list[tuple[str, QTextCursor]]:
    """(section id, cursor selecting the reference) for every reference to ``footnote_id`` in
    the report, in reading order (normally one; a copy pasted twice makes more)."""
    found = []
    for sec in session.report.all_sections():
        if footnote_id not in sec.footnote_refs() and sec.id not in session.docs:
            continue
        doc = session.document(sec.id)
        cursor = QTextCursor(doc)
        while True:
            cursor = doc.find("\ufffc", cursor)
            if cursor.isNull():
                break
            if footnote_id_of(cursor.charFormat()) == footnote_id:
                found.append((sec.id, QTextCursor(cursor)))
    return found


class FootnotePanel(QWidget):
    """Every footnote in document order: number, section, text; the selected one's text is
    edited below (bold/italic with Ctrl+B / Ctrl+I, several paragraphs)."""

    jumpRequested = Signal(str, str)  # footnote id, section id
    backRequested = Signal(str)  # Esc / Shift+F5: back to this footnote's reference ("": text)
    deleteRequested = Signal(str)  # footnote id: its references and its text
    fixRequested = Signal(str, str)  # footnote id, problem kind

    COLUMN_NUMBER, COLUMN_SECTION, COLUMN_TEXT = range(3)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("footnotePanel")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter footnotes (accents optional)…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([self.tr("No."), self.tr("Section"), self.tr("Text")])
        self.list.setColumnWidth(self.COLUMN_NUMBER, 48)
        self.list.setColumnWidth(self.COLUMN_NUMBER, 40)
        self.list.setColumnWidth(self.COLUMN_SECTION, 70)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemActivated.connect(self._jump)
        self.summary = QLabel(self)
        self.delete_button = QPushButton(self.tr("Delete footnote"), self)
        self.delete_button.setToolTip(self.tr("Deletes the reference and its text (Ctrl+Z in "
                                              "the section brings both back)"))
        self.delete_button.clicked.connect(self._delete_clicked)
        self.fix_button = QPushButton(self)
        self.fix_button.clicked.connect(self._fix_clicked)
        self.fix_button.hide()
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.delete_button)
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.editor = QTextEdit(self)
        self.editor.setAcceptRichText(False)
        self.editor.setPlaceholderText(self.tr("Select a footnote to edit its text."))
        self.editor.setEnabled(False)
        for keys, mark in (("Ctrl+B", "b"), ("Ctrl+I", "i"), ("Ctrl+U", "u")):
            sc = QShortcut(QKeySequence(keys), self.editor)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(lambda m=mark: self._toggle_mark(m))
        # Esc or Shift+F5 (Word's "go back") anywhere in the panel: back to the reference
        self.act_back = QAction(self.tr("Back to the reference in the text"), self)
        self.act_back.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence("Shift+F5")])
        self.act_back.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.act_back.triggered.connect(self._back)
        self.addAction(self.act_back)
        self._editing: str | None = None
        self._loading = False
        self._edit_timer = QTimer(self, singleShot=True, interval=250)
        self._edit_timer.timeout.connect(self._push_text)
        lower = QWidget(self)
        lay2 = QVBoxLayout(lower)
        lay2.setContentsMargins(0, 0, 0, 0)
        lay2.addWidget(self.caption)
        lay2.addWidget(self.editor)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._filtered = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.refresh)
        session.numbersChanged.connect(self._refresh_timer.start)
        session.outlineChanged.connect(self._refresh_timer.start)
        session.footnoteTextChanged.connect(self._text_changed_elsewhere)
        self._filled = False  # filled once the window has been painted (paintEvent)

    # -- the list -----------------------------------------------------------------------------
    def paintEvent(self, event):  # noqa: N802
        """The first time the window is painted, fill the list right after: the window
        shows without waiting for a thousand rows."""
        super().paintEvent(event)
        if not self._filled:
            self._filled = True
            self._refresh_timer.start()

    def _flush_refresh(self) -> None:
        if self._refresh_timer.isActive() or not self._filled:
            self.refresh()

    def refresh(self) -> None:
        """Rebuild the list (keeps the selection): every footnote in document order, then
        what needs attention (a reference without text, a text without reference)."""
        self._refresh_timer.stop()
        self._filled = True
        self._push_text()
        current = self._editing
        session = self.session
        labels: dict[str, tuple[str, str]] = {}

        def label(sid):
            if sid not in labels:
                known = session.has_section(sid)
                labels[sid] = (session.section_short(sid) if known else "",
                               session.section_label(sid) if known else "")
            return labels[sid]

        self.list.setUpdatesEnabled(False)
        self.list.blockSignals(True)
        self.list.clear()
        self._filtered = False
        self._items = {}
        self._contexts = session.reference_contexts()
        problems = session.footnote_problems()
        duplicates = dict(problems["duplicate"])
        items = []
        for number, fn, sid in session.report.footnotes_in_order():
            text = " ".join(fn.plain_text.split())
            kind = "duplicate" if fn.id in duplicates else "ok"
            shown = text[:300]
            if kind == "duplicate":
                shown = self.tr("⚠ referenced %1 times: ").replace(
                    "%1", str(duplicates[fn.id])) + shown
            items.append(self._row(str(number), label(sid), shown, fn.id, sid, kind, text))
        for fid, sid in problems["missing"]:
            number = session.numbers.get(fid)
            items.append(self._row(str(number or "?"), label(sid),
                                   self.tr("⚠ a reference without footnote text"), fid, sid,
                                   "missing", ""))
        for fid in problems["orphan"]:
            fn = session.report.footnotes[fid]
            text = " ".join(fn.plain_text.split())
            items.append(self._row("–", ("", self.tr("no reference in the text")),
                                   self.tr("⚠ no reference: ") + text[:300], fid, "", "orphan",
                                   text))
        self.list.addTopLevelItems(items)
        self.list.blockSignals(False)
        self.list.setUpdatesEnabled(True)
        self._apply_filter(self.filter.text())
        n_problems = sum(len(v) for v in problems.values())
        self.summary.setText(self.tr("%1 footnotes").replace("%1", str(
            len(items) - len(problems["missing"]) - len(problems["orphan"])))
            + ("" if not n_problems else " · " + self.tr("%1 to fix").replace(
                "%1", str(n_problems))))
        self.summary.setStyleSheet("color: #b00020;" if n_problems else "")
        if current in self._items:
            self.list.setCurrentItem(self._items[current])
        elif current is not None:
            self._load(None)
        self._update_buttons()

    def _row(self, number, label, shown, fid, sid, kind, text) -> QTreeWidgetItem:
        item = QTreeWidgetItem([number, label[0], shown])
        item.setToolTip(1, label[1])
        item.setData(0, Qt.ItemDataRole.UserRole, fid)
        item.setData(1, Qt.ItemDataRole.UserRole, sid)
        item.setData(2, Qt.ItemDataRole.UserRole, kind)
        item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        context = self._contexts.get(fid, ("", ""))[1]
        tip = (f"…{context}[{number}]\n\n" if context else "") + text[:1000]
        item.setToolTip(2, tip)
        if kind != "ok":
            item.setForeground(2, QColor("#b00020"))
        self._items.setdefault(fid, item)
        return item

    def current_kind(self) -> str | None:
        item = self.list.currentItem()
        return item.data(2, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        kind = self.current_kind()
        read_only = self.session.store.read_only
        self.delete_button.setEnabled(kind is not None and not read_only)
        fixes = {"missing": self.tr("Write its text"),
                 "orphan": self.tr("Attach at the cursor"),
                 "duplicate": self.tr("Make the second a copy")}
        self.fix_button.setVisible(kind in fixes)
        self.fix_button.setEnabled(not read_only)
        if kind in fixes:
            self.fix_button.setText(fixes[kind])

    def _delete_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.deleteRequested.emit(item.data(0, Qt.ItemDataRole.UserRole))

    def _fix_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.fixRequested.emit(item.data(0, Qt.ItemDataRole.UserRole),
                                   item.data(2, Qt.ItemDataRole.UserRole))

    def count(self) -> int:
        self._flush_refresh()
        return self.list.topLevelItemCount()

    def rows(self) -> list[tuple[str, str, str]]:
        """(number, section title, text) of every row shown."""
        self._flush_refresh()
        out = []
        for i in range(self.list.topLevelItemCount()):
            it = self.list.topLevelItem(i)
            if not it.isHidden():
                out.append((it.text(0), it.toolTip(1), it.text(2)))
        return out

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        if not words and not self._filtered:
            return
        self._filtered = bool(words)
        for i in range(self.list.topLevelItemCount()):
            it = self.list.topLevelItem(i)
            hay = fold(it.toolTip(2) + " " + it.toolTip(1))
            it.setHidden(bool(words) and not all(w in hay for w in words))

    def select(self, footnote_id: str) -> None:
        self._flush_refresh()
        item = self._items.get(footnote_id)
        if item is not None:
            item.setHidden(False)
            self.list.setCurrentItem(item)
            self.list.scrollToItem(item)

    def edit(self, footnote_id: str) -> None:
        """Show a footnote and put the cursor in its text."""
        if footnote_id not in self._items:
            self.refresh()
        self.select(footnote_id)
        if self._editing != footnote_id:
            self._load(footnote_id)
        self.editor.setFocus()

    def _back(self) -> None:
        item = self.list.currentItem()
        fid = self._editing or (item.data(0, Qt.ItemDataRole.UserRole) if item else None)
        self._push_text()
        self.backRequested.emit(fid or "")  # none chosen: back to the text all the same

    def _jump(self, item: QTreeWidgetItem) -> None:
        self.jumpRequested.emit(item.data(0, Qt.ItemDataRole.UserRole),
                                item.data(1, Qt.ItemDataRole.UserRole))

    # -- the text of one footnote -----------------------------------------------------------------
    def _show_current(self, item, _previous=None) -> None:
        self._load(item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None)

    def _load(self, footnote_id: str | None, push: bool = True) -> None:
        """Show a footnote's text for editing; ``push``: what was typed in the one shown
        before goes into the session first (not when the text shown was replaced from
        elsewhere: a combined save or a colleague's — pushing it back would undo theirs)."""
        if push:
            self._push_text()
        else:
            self._edit_timer.stop()
        self._editing = footnote_id
        fn = self.session.footnote(footnote_id) if footnote_id else None
        self._loading = True
        if fn is None:
            self.editor.setDocument(document_from_body([], self.editor))
            self.editor.setEnabled(False)
            self.editor.setPlaceholderText(self.tr("Select a footnote to edit its text."))
            self.caption.setText("")
        else:
            doc = document_from_body(fn.body, self.editor, margin=6, size_pt=12)
            self.editor.setDocument(doc)
            doc.contentsChanged.connect(self._typed)
            self.editor.setEnabled(True)
            # a footnote the file holds damaged is read-only: its raw text stays as it is
            self.editor.setReadOnly(self.session.store.read_only or fn.damaged)
            self.editor.setPlaceholderText(self.tr(
                "Type the footnote's text. Esc goes back to the text."))
            number = self.session.numbers.get(footnote_id)
            caption = self.tr("Footnote %1:").replace("%1", str(number or "?"))
            context = getattr(self, "_contexts", {}).get(footnote_id)
            if context and context[1]:
                caption += " " + self.tr("after “…%1”").replace("%1", context[1][-40:])
            if fn.damaged:
                caption = "⚠ " + caption
            self.caption.setText(caption)
            self.caption.setToolTip("\n".join(self.session.damage_notes(
                current_language()).get(footnote_id, [])) if fn.damaged else "")
        self._loading = False

    def _typed(self) -> None:
        if not self._loading:
            self._edit_timer.start()

    def _push_text(self) -> None:
        self._edit_timer.stop()
        if self._editing is None or self._loading:
            return
        fn = self.session.footnote(self._editing)
        if fn is None:
            return
        body = body_of(self.editor.document())
        if body != fn.body:
            self.session.set_footnote_body(self._editing, body)

    def flush(self) -> None:
        self._push_text()

    def _text_changed_elsewhere(self, footnote_id: str) -> None:
        item = self._items.get(footnote_id)
        fn = self.session.footnote(footnote_id)
        if item is not None and fn is not None:
            item.setText(2, " ".join(fn.plain_text.split())[:300])
        if footnote_id == self._editing and fn is not None and not self._edit_timer.isActive():
            if body_of(self.editor.document()) != fn.body:
                self._load(footnote_id, push=False)

    def _toggle_mark(self, mark: str) -> None:
        cursor = self.editor.textCursor()
        fmt = cursor.charFormat()
        on = {"b": fmt.fontWeight() >= QFont.Weight.DemiBold, "i": fmt.fontItalic(),
              "u": fmt.fontUnderline()}[mark]
        marks = [m for m, v in (("b", fmt.fontWeight() >= QFont.Weight.DemiBold),
                                ("i", fmt.fontItalic()), ("u", fmt.fontUnderline())) if v]
        marks = [m for m in marks if m != mark] if on else marks + [mark]
        self.editor.mergeCurrentCharFormat(char_format(tuple(marks)))

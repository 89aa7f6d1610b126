"""Find and replace in the section or across the report, accents ignored unless the search
itself is typed with them: the bar under the editor, and the search that walks the sections."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hgreport.text import fold

from .i18n import format_number


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context of the translations


def _folded(text: str, accents: bool, case: bool) -> tuple[str, list[int] | None]:
    """``text`` prepared for matching, and a map from its indexes back to ``text`` (None
    when they are the same)."""
    if accents and case:
        return text, None
    if not accents:
        whole = fold(text)
        if len(whole) == len(text):
            return whole, None
        out, index = [], []
        for i, c in enumerate(text):
            f = fold(c)
            out.append(f)
            index.extend([i] * len(f))
        return "".join(out), index
    whole = text.casefold()
    if len(whole) == len(text):
        return whole, None
    out, index = [], []
    for i, c in enumerate(text):
        f = c.casefold()
        out.append(f)
        index.extend([i] * len(f))
    return "".join(out), index


def find_all(text: str, needle: str, *, accents: bool = True, case: bool = False
             ) -> list[tuple[int, int]]:
    """(start, end) of every match of ``needle`` in ``text``. ``accents=False`` ignores
    diacritics and đ/d ("cong tac" finds "Công tác")."""
    if not needle:
        return []
    hay, index = _folded(text, accents, case)
    pin, _ = _folded(needle, accents, case)
    out = []
    at = hay.find(pin)
    while at >= 0:
        end = at + len(pin)
        if index is None:
            out.append((at, end))
        else:
            out.append((index[at], index[end - 1] + 1))
        at = hay.find(pin, end)
    return out


def has_accents(text: str) -> bool:
    """Whether ``text`` carries diacritics (or đ): "kỷ luật" does, "ky luat" does not."""
    return fold(text) != text.casefold()


class FindBar(QWidget):
    """A bar under the editor: find, replace, options. :class:`Finder` does the searching."""

    findNext = Signal()
    replaceOne = Signal()
    replaceAll = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.accents = QCheckBox(self.tr("Ignore accents"), self)
        self.accents.setChecked(True)  # "ky luat" finds "kỷ luật"; typed accents match exactly
        self.accents.setToolTip(self.tr(
            "Without accents, “ky luat” finds “kỷ luật”. A search typed with accents finds "
            "exactly those accents."))
        self.case = QCheckBox(self.tr("Match case"), self)
        self.whole_report = QCheckBox(self.tr("Whole report"), self)
        self.next_button = QPushButton(self.tr("Find next"), self)
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.all_button = QPushButton(self.tr("Replace all"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.status = QLabel(self)
        self.replace_label = QLabel(self.tr("Replace:"), self)
        # the boxes take the width; the options sit on a line of their own below them
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(self.tr("Find:"), self), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.close_button, 0, 3)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.all_button, 1, 3)
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        for box in (self.accents, self.case, self.whole_report):
            options.addWidget(box)
        options.addWidget(self.status, 1)
        grid.addLayout(options, 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)
        self.find_edit.setMinimumWidth(200)
        self.find_edit.returnPressed.connect(self.findNext)
        self.next_button.clicked.connect(self.findNext)
        self.replace_button.clicked.connect(self.replaceOne)
        self.all_button.clicked.connect(self.replaceAll)
        self.close_button.clicked.connect(self.hide)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(self.hide)
        self.hide()

    def open(self, replace: bool, text: str = "") -> None:
        for w in (self.replace_label, self.replace_edit, self.replace_button, self.all_button):
            w.setVisible(replace)
        if text:
            self.find_edit.setText(text)
        self.status.clear()
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def options(self) -> dict:
        """How to match: accents count when the box is unticked or the search has them."""
        exact = not self.accents.isChecked() or has_accents(self.find_edit.text())
        return {"accents": exact, "case": self.case.isChecked()}


class Finder:
    """Searches what the bar asks for: in the editor's section, or through every section of
    the report in reading order; replaces without ever removing a footnote reference."""

    def __init__(self, bar: FindBar, session, editor, go_to: Callable[[str], None]):
        self.bar = bar
        self.session = session
        self.editor = editor
        self.go_to = go_to  # show a section in the editor (and select it in the tree)
        bar.findNext.connect(self.find_next)
        bar.replaceOne.connect(self.replace_one)
        bar.replaceAll.connect(self.replace_all)

    def open(self, replace: bool) -> None:
        """Show the bar, with the editor's selection (one line of it) to look for."""
        selected = self.editor.textCursor().selectedText()
        self.bar.open(replace, selected if "\u2029" not in selected else "")

    def _matches(self, section_id: str):
        doc = self.session.document(section_id)
        return find_all(doc.toRawText(), self.bar.find_edit.text(), **self.bar.options())

    def find_next(self) -> bool:
        """Select the next match after the cursor (in the section, or across the report)."""
        needle = self.bar.find_edit.text()
        if not needle or self.editor.section_id is None:
            return False
        cursor = self.editor.textCursor()
        after = max(cursor.position(), cursor.anchor())
        order = [s.id for s in self.session.report.all_sections()]
        current = self.editor.section_id
        for start, end in self._matches(current):
            if start >= after:
                return self._select(current, start, end)
        if self.bar.whole_report.isChecked():
            i = order.index(current)
            for sid in order[i + 1:] + order[:i + 1]:
                found = self._matches(sid)
                if found:
                    return self._select(sid, *found[0])
        else:
            found = self._matches(current)
            if found:
                return self._select(current, *found[0])
        self.bar.status.setText(_tr("Not found"))
        return False

    def _select(self, section_id: str, start: int, end: int) -> bool:
        if section_id != self.editor.section_id:
            self.go_to(section_id)
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.bar.status.setText("")
        return True

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection() and not self.editor.isReadOnly():
            found = find_all(cursor.selectedText(), self.bar.find_edit.text(),
                             **self.bar.options())
            if found and found[0] == (0, len(cursor.selectedText())):
                cursor.insertText(self.bar.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match (in the section or the whole report); one undo step per
        section. Returns the number of replacements."""
        new = self.bar.replace_edit.text()
        if self.bar.whole_report.isChecked():
            targets = [s.id for s in self.session.report.all_sections()]
        else:
            targets = [self.editor.section_id] if self.editor.section_id else []
        total = 0
        for sid in targets:
            if self.session.is_read_only(sid):
                continue  # a damaged section takes no edits (its raw data is kept)
            found = self._matches(sid)
            if not found:
                continue
            doc = self.session.document(sid)
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            for start, end in reversed(found):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                if "\ufffc" in cursor.selectedText():
                    continue  # never replace a footnote reference away
                cursor.insertText(new)
                total += 1
            cursor.endEditBlock()
        self.bar.status.setText(_tr("%1 replaced").replace("%1", format_number(total)))
        return total

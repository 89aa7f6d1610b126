"""Find and replace in the section or across the report, with an accent-insensitive option."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from hgreport.text import fold


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


class FindBar(QWidget):
    """A bar under the editor: find, replace, options. The window does the searching."""

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
        self.case = QCheckBox(self.tr("Match case"), self)
        self.whole_report = QCheckBox(self.tr("Whole report"), self)
        self.next_button = QPushButton(self.tr("Find next"), self)
        self.replace_button = QPushButton(self.tr("Replace"), self)
        self.all_button = QPushButton(self.tr("Replace all"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.status = QLabel(self)
        self.replace_label = QLabel(self.tr("Replace:"), self)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.addWidget(QLabel(self.tr("Find:"), self), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.accents, 0, 3)
        grid.addWidget(self.case, 0, 4)
        grid.addWidget(self.whole_report, 0, 5)
        grid.addWidget(self.close_button, 0, 6)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.all_button, 1, 3)
        grid.addWidget(self.status, 1, 4, 1, 3)
        grid.setColumnStretch(1, 1)
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
        return {"accents": not self.accents.isChecked(), "case": self.case.isChecked()}

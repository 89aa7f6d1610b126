"""The points to check that the export found (a footnote without text, an empty section…):
listed next to the window, never blocking; a double-click goes to the section."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class ProblemsDialog(QDialog):
    """What the check before export found; never blocks, a click jumps to the section."""

    jumpRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Points to check before sending"))
        self.setModal(False)
        self.resize(560, 320)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._jump)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.hide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.list)
        lay.addWidget(buttons)

    def show_problems(self, problems, lang: str) -> None:
        self.list.clear()
        for p in problems:
            item = QListWidgetItem(p.message(lang))
            item.setData(Qt.ItemDataRole.UserRole, p.section_id)
            self.list.addItem(item)
        self.label.setText(self.tr("The Word file was still written. Double-click a line to go "
                                   "to the section."))
        self.show()
        self.raise_()

    def _jump(self, item) -> None:
        sid = item.data(Qt.ItemDataRole.UserRole)
        if sid:
            self.jumpRequested.emit(sid)

"""Sections → Restore a deleted section…: the list of deleted sections, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class RestoreDialog(QDialog):
    """Pick one deleted section to bring back."""

    def __init__(self, sections, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a deleted section"))
        self.list = QListWidget(self)
        for sec in sections:
            item = QListWidgetItem(sec.title or self.tr("(untitled)"))
            item.setData(Qt.ItemDataRole.UserRole, sec.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Deleted sections (newest first):"), self))
        lay.addWidget(self.list)
        lay.addWidget(buttons)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

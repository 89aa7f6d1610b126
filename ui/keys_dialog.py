"""Help → Keyboard shortcuts (F1): every key of the window, by menu, as the actions have them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)


class KeysDialog(QDialog):
    """A two-column list: command, keys; one branch per menu or part of the window."""

    def __init__(self, groups: list[tuple[str, list[tuple[str, str]]]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for title, entries in groups:
            group = QTreeWidgetItem([title])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            for command, keys in entries:
                group.addChild(QTreeWidgetItem([command, keys]))
            self.list.addTopLevelItem(group)
        self.list.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list)
        lay.addWidget(buttons)
        self.resize(560, 620)

    def entries(self) -> dict[str, str]:
        """Command → keys, over every group (a command listed twice keeps its first keys)."""
        out: dict[str, str] = {}
        for i in range(self.list.topLevelItemCount()):
            group = self.list.topLevelItem(i)
            for j in range(group.childCount()):
                out.setdefault(group.child(j).text(0), group.child(j).text(1))
        return out

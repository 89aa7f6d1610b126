"""The bar above a damaged section's text: what could not be read, that the text is read-only,
and the two ways back — the section's history or the latest backup."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout


def _window_tr(text: str) -> str:
    """The window's own wording of a command (its menu entries are translated there)."""
    return QCoreApplication.translate("MainWindow", text).replace("&", "")


class DamageBar(QFrame):
    """Shown by the editor over a section whose stored content could not be read. The
    messages come from the engine (:func:`hgreport.checks.find_damage`), in the window's
    language; the buttons open the section's history or the backup folder."""

    historyRequested = Signal()
    backupsRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("damageBar")
        self.setStyleSheet("#damageBar { background: #fdecea; border-bottom: 1px solid #b00020; }"
                           " QLabel { color: #5f0010; }")
        self.text = QLabel(self)
        self.text.setObjectName("damageText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton(_window_tr("Section &history…"), self)
        self.history_button.clicked.connect(self.historyRequested)
        self.backups_button = QPushButton(_window_tr("&Backup folder"), self)
        self.backups_button.clicked.connect(self.backupsRequested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.backups_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.text)
        lay.addLayout(buttons)
        self.hide()

    def show_messages(self, messages: list[str]) -> None:
        self.text.setText("⚠ " + "\n".join(messages))
        self.show()

    def height_for(self, width: int) -> int:
        """The height the bar takes at ``width`` (0 when hidden)."""
        if self.isHidden():
            return 0
        return max(self.sizeHint().height(), self.layout().heightForWidth(width))

"""The bar above a section's text that says why it cannot be edited, or with whom it is shared,
and what to do: a damaged section (what could not be read; its history or the latest backup), a
section someone else is editing (who, until when; edit anyway, or wait), a section the person
also has open in another window (a note)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

DAMAGE, IN_USE, NOTE = "damage", "in_use", "note"
_STYLE = {  # background, border, text
    DAMAGE: ("#fdecea", "#b00020", "#5f0010"),
    IN_USE: ("#fff4d6", "#b07800", "#4a3300"),
    NOTE: ("#e8f0fb", "#5b7db1", "#1f2a44"),
}
_ICON = {DAMAGE: "⚠ ", IN_USE: "✎ ", NOTE: "ℹ "}  # in the fonts of every desktop


def _window_tr(text: str) -> str:
    """The window's own wording of a command (its menu entries are translated there)."""
    return QCoreApplication.translate("MainWindow", text).replace("&", "")


class SectionBar(QFrame):
    """Shown by the editor over the section's text: one bar, a message of one of three kinds
    (:data:`DAMAGE`, :data:`IN_USE`, :data:`NOTE`), with the buttons that kind offers."""

    historyRequested = Signal()
    backupsRequested = Signal()
    editAnywayRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sectionBar")
        self.kind: str | None = None
        self.text = QLabel(self)
        self.text.setObjectName("sectionBarText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_button = QPushButton(_window_tr("Section &history…"), self)
        self.history_button.clicked.connect(self.historyRequested)
        self.backups_button = QPushButton(_window_tr("&Backup folder"), self)
        self.backups_button.clicked.connect(self.backupsRequested)
        self.edit_button = QPushButton(self.tr("Edit anyway"), self)
        self.edit_button.clicked.connect(self.editAnywayRequested)
        lay = QHBoxLayout(self)  # the message, its buttons at its right
        lay.setContentsMargins(12, 6, 12, 6)
        lay.addWidget(self.text, 1)
        for button in (self.edit_button, self.history_button, self.backups_button):
            lay.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def _show(self, kind: str, text: str) -> None:
        self.kind = kind
        back, border, ink = _STYLE[kind]
        self.setStyleSheet(f"#sectionBar {{ background: {back}; border-bottom: 1px solid "
                           f"{border}; }} QLabel {{ color: {ink}; }}")
        self.text.setText(_ICON[kind] + text)
        self.history_button.setVisible(kind == DAMAGE)
        self.backups_button.setVisible(kind == DAMAGE)
        self.edit_button.setVisible(kind == IN_USE)
        self.show()

    def show_damage(self, messages: list[str]) -> None:
        """What could not be read (messages from :func:`hgreport.checks.find_damage`)."""
        self._show(DAMAGE, "\n".join(messages))

    def show_in_use(self, text: str) -> None:
        """Someone else holds the section: read-only here, with "Edit anyway"."""
        self._show(IN_USE, text)

    def show_note(self, text: str) -> None:
        """Something to know that blocks nothing (the person's other window)."""
        self._show(NOTE, text)

    def clear(self) -> None:
        self.kind = None
        self.hide()

    def height_for(self, width: int) -> int:
        """The height the bar takes at ``width`` (0 when hidden)."""
        if self.isHidden():
            return 0
        self.layout().activate()
        fitted = self.layout().heightForWidth(width)
        return fitted if fitted > 0 else self.sizeHint().height()

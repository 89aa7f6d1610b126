"""The window's status bar: save state, word counts, who else has the report open, a warning
for a network folder, and the path of the file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QWidget

from .i18n import format_number
from .session import FAILED, SAVED, SAVING, UNSAVED


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context of the translations


class ReportStatusBar(QStatusBar):
    """Labels the window fills from the session and the sharing watcher."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # as QMainWindow.statusBar() makes its own: a long path never widens the window
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.words_label = QLabel(self)
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        self.addWidget(self.save_label)
        self.addWidget(self.words_label)
        self.presence_label = QLabel(self)
        self.presence_label.setObjectName("presenceLabel")
        self.network_label = QLabel(self)
        self.network_label.setObjectName("networkLabel")
        self.network_label.hide()
        self.addPermanentWidget(self.presence_label)
        self.addPermanentWidget(self.network_label)
        self.addPermanentWidget(self.path_label)

    def show_save_state(self, state: str, message: str, waiting_for_lock: bool) -> None:
        text = {SAVED: _tr("✔ Saved"), SAVING: _tr("Saving…"), UNSAVED: _tr("Not saved yet"),
                FAILED: _tr("⚠ Not saved — will retry")}[state]
        if state == FAILED and waiting_for_lock:
            text = _tr("⚠ Not saved yet — file busy (someone else is saving), "
                       "waiting and retrying…")
        self.save_label.setText(text)
        self.save_label.setToolTip(message)
        self.save_label.setStyleSheet("color: #b00020; font-weight: bold;" if state == FAILED
                                      else "")
        if state == FAILED and message:
            self.showMessage(message, 15000)

    def show_words(self, section: int, report: int) -> None:
        self.words_label.setText(_tr("Section: %1 words · Report: %2 words")
                                 .replace("%1", format_number(section))
                                 .replace("%2", format_number(report)))

    def show_others(self, others: list[tuple[str, str]]) -> None:
        """Everyone else with the file open: (who, the sections they edit)."""
        if others:
            names = ", ".join(who for who, _ in others)
            self.presence_label.setText(_tr("👥 Also open by: %1").replace("%1", names))
            self.presence_label.setToolTip("\n".join(f"{who}: {where}" if where else who
                                                     for who, where in others))
        else:
            self.presence_label.setText("")
            self.presence_label.setToolTip("")

    def show_locked(self, locked: bool) -> None:
        if locked:
            self.showMessage(_tr("⏳ The file is busy: someone else is saving. "
                                 "Waiting and retrying…"))
        else:
            self.clearMessage()

    def show_network_folder(self) -> None:
        self.network_label.setText(_tr("⚠ Network folder"))
        self.network_label.setToolTip(_tr(
            "This report is in a shared network folder. hgreport waits and retries when "
            "someone else is saving, and never overwrites their work silently; but if the "
            "network drops, SQLite cannot protect the file. To carry the report on a USB "
            "stick or by e-mail, use File → Send a copy… (never copy the open file)."))
        self.network_label.show()

    def show_path(self, path: str) -> None:
        self.path_label.setText(path)

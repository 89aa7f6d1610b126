"""The window's status bar: save state, word counts, who else has the report open, a warning
for a network folder, the path of the file, and the zoom of the text (Word's slider)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStatusBar,
    QToolButton,
    QWidget,
)

from .editor import ZOOM_MAX, ZOOM_MIN, ZOOM_STEP
from .i18n import format_number
from .session import FAILED, SAVED, SAVING, UNSAVED


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context of the translations


class ZoomControl(QWidget):
    """Word's zoom in the status bar: −, a slider from 50 % to 400 %, +, and the
    percentage; a click on the percentage goes back to 100 %. It asks for a zoom; the
    editor says what it is."""

    zoomRequested = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("zoomControl")
        self.step = ZOOM_STEP
        self.zoom = 1.0
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        self.out_button = QToolButton(self)
        self.out_button.setText("−")
        self.out_button.setAutoRaise(True)
        self.out_button.setToolTip(_tr("Zoom out"))
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(round(ZOOM_MIN * 100), round(ZOOM_MAX * 100))
        self.slider.setSingleStep(round(ZOOM_STEP * 100))
        self.slider.setPageStep(round(ZOOM_STEP * 100))
        self.slider.setValue(100)
        self.slider.setFixedWidth(110)
        self.slider.setToolTip(_tr("Zoom of the text (Ctrl+wheel); the report does not change"))
        self.in_button = QToolButton(self)
        self.in_button.setText("+")
        self.in_button.setAutoRaise(True)
        self.in_button.setToolTip(_tr("Zoom in"))
        self.label = QToolButton(self)
        self.label.setObjectName("zoomLabel")
        self.label.setAutoRaise(True)
        self.label.setText("100 %")
        self.label.setToolTip(_tr("Back to 100 % (Ctrl+0)"))
        for w in (self.out_button, self.slider, self.in_button, self.label):
            box.addWidget(w)
        self.out_button.clicked.connect(lambda: self.zoomRequested.emit(self.zoom - self.step))
        self.in_button.clicked.connect(lambda: self.zoomRequested.emit(self.zoom + self.step))
        self.label.clicked.connect(lambda: self.zoomRequested.emit(1.0))
        self.slider.valueChanged.connect(self._slid)

    def _slid(self, value: int) -> None:
        if value != round(self.zoom * 100):
            self.zoomRequested.emit(value / 100)

    def show_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.label.setText(f"{round(zoom * 100)} %")
        blocked = self.slider.blockSignals(True)
        self.slider.setValue(round(zoom * 100))
        self.slider.blockSignals(blocked)


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
        self.zoom = ZoomControl(self)
        self.addPermanentWidget(self.zoom)

    def follow_zoom(self, editor) -> None:
        """The zoom control drives ``editor``'s zoom and shows it."""
        self.zoom.zoomRequested.connect(editor.set_zoom)
        editor.zoomChanged.connect(self.zoom.show_zoom)
        self.zoom.show_zoom(editor.zoom)

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

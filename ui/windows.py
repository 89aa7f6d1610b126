"""The open windows, one per report file: open a file in its own window (or bring its window
forward), and keep every window — also those a window opens itself — until it is closed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hgreport import errors

from . import dialogs
from .identity import author_name

if TYPE_CHECKING:
    from .main_window import MainWindow

_windows: list[MainWindow] = []  # open main windows (kept alive here, one per report)


def _keep(win: MainWindow) -> None:
    """Hold ``win`` until it is destroyed, and answer its requests to open other reports."""
    _windows.append(win)
    win.destroyed.connect(lambda *_: _windows.remove(win) if win in _windows else None)
    win.openRequested.connect(lambda path: open_path(path, win))
    win.windowOpened.connect(_keep)


def open_window(store) -> MainWindow:
    """A new window on an open report file."""
    from .main_window import MainWindow  # with the first window: ui.app.run starts without it

    win = MainWindow(store)
    _keep(win)
    win.show()
    return win


def open_path(path: str | Path, parent: QWidget | None = None) -> MainWindow | None:
    """Open a report file in a new window (or bring its window forward); None when the file
    is refused (the reason is shown)."""
    from hgreport.storage import ReportStore

    resolved = Path(path).resolve()
    for win in _windows:
        try:
            if Path(win.store.path).resolve() == resolved and win.isVisible():
                win.raise_()
                win.activateWindow()
                return win
        except RuntimeError:
            continue
    try:
        store = ReportStore.open(resolved, author=author_name())
    except errors.ReportError as exc:
        dialogs.show_error(parent, str(exc))
        return None
    win = open_window(store)
    if store.read_only:
        dialogs.show_info(win, QCoreApplication.translate(
            "MainWindow", "This report is opened read-only: changes cannot be saved to it."))
    return win


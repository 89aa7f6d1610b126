"""File → Import from Word…: turn an existing .docx report into a new report file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from hgreport import errors

from . import dialogs
from .i18n import current_language
from .identity import author_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWord", text)


def ask_docx_path(parent: QWidget | None, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Import a Word report"), folder,
        _tr("Word documents (*.docx)") + ";;" + _tr("All files (*)"))
    return path or None


def import_word_report(parent, folder: str = ""):
    """Ask for a .docx, import it, save it as a new report, open it next to ``parent`` (the
    window the command came from: its ``open_store`` makes the new window) and say what was
    found. Returns the new window, or None when the user stopped or the file was refused."""
    from hgreport.importer import import_docx
    from hgreport.storage import ReportStore

    source = ask_docx_path(parent, folder)
    if not source:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result = import_docx(source)
    except errors.ReportError as exc:
        QApplication.restoreOverrideCursor()
        dialogs.show_error(parent, exc.message(current_language()))
        return None
    QApplication.restoreOverrideCursor()
    target = dialogs.ask_save_path(parent, str(Path(source).with_suffix(".db")))
    if not target:
        return None
    try:
        store = ReportStore.create(target, result.report, author=author_name())
    except errors.ReportError as exc:
        dialogs.show_error(parent, exc.message(current_language()))
        return None
    window = parent.open_store(store)
    dialogs.show_info(window, "\n".join(
        [_tr("Imported from {name}:").format(name=Path(source).name)]
        + result.summary_lines(current_language())))
    return window

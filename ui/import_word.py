"""File → Import from Word…: turn an existing Word report (.docx; .doc, .odt and .rtf through
LibreOffice when it is installed) into a new report file."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from hgreport import errors

from . import dialogs
from .i18n import current_language
from .identity import author_name

PATTERNS = "*.docx *.doc *.odt *.rtf"  # what hgreport.importer.import_file reads


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWord", text)


def ask_docx_path(parent: QWidget | None, folder: str = "") -> str | None:
    # the translated label keeps its own "(*.docx)"; the list of patterns is not language
    label = _tr("Word documents (*.docx)").replace("*.docx", PATTERNS)
    path, _ = QFileDialog.getOpenFileName(
        parent, _tr("Import a Word report"), folder, label + ";;" + _tr("All files (*)"))
    return path or None


def run_import(parent: QWidget | None, source: str, converter=None):
    """Import ``source`` in a worker thread while the window stays alive: a LibreOffice
    conversion may take seconds (up to its time limit). A progress box shows after half a
    second; its Cancel button stops LibreOffice. Returns the :class:`ImportResult`, or
    raises the import's :class:`hgreport.errors.ReportError`."""
    from hgreport.importer import Converter, import_file
    from hgreport.importer.messages import message

    if converter is None:
        converter = Converter.find()
    outcome: dict = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = import_file(source, converter)
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome["error"] = exc
        finally:
            done.set()

    box = QProgressDialog(parent)  # its Cancel button, translated by Qt, stops LibreOffice
    box.setRange(0, 0)
    box.setLabelText(message("progress_reading", current_language(), name=Path(source).name))
    box.setWindowTitle(_tr("Import a Word report"))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setMinimumDuration(500)
    box.setAutoClose(False)
    box.setAutoReset(False)
    box.canceled.connect(converter.cancel.set)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(lambda: done.is_set() and loop.quit())
    thread = threading.Thread(target=work, name="hgreport-import", daemon=True)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        thread.start()
        timer.start()
        if not done.is_set():
            loop.exec()
        thread.join()
    finally:
        timer.stop()
        box.close()
        box.deleteLater()
        QApplication.restoreOverrideCursor()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def import_word_report(parent, folder: str = ""):
    """Ask for a Word file, import it, save it as a new report, open it next to ``parent``
    (the window the command came from: its ``open_store`` makes the new window) and say what
    was found. Returns the new window, or None when the user stopped or the file was
    refused."""
    from hgreport.importer import ConversionCancelled
    from hgreport.storage import ReportStore

    source = ask_docx_path(parent, folder)
    if not source:
        return None
    try:
        result = run_import(parent, source)
    except ConversionCancelled:
        return None
    except errors.ReportError as exc:
        dialogs.show_error(parent, exc.message(current_language()))
        return None
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

"""Report files the window makes beside the open one: a new report from a shipped template, a
consistent copy to send on USB or by e-mail, and the folder of automatic backups."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from hgreport import errors

from . import dialogs
from .identity import author_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the context of the translations


def create_from_template(name: str, path: str | Path):
    """A new report file at ``path`` from a shipped template (``annual``, ``sample``), saved
    under the person's name."""
    from hgreport.interchange import load_report_json
    from hgreport.resources import template_path
    from hgreport.storage import ReportStore

    report = load_report_json(template_path(name))
    return ReportStore.create(path, report, author=author_name())


def send_copy(parent: QWidget | None, store) -> Path | None:
    """Ask where, then write a consistent copy of the report (never a raw copy of a file in
    use). Returns the copy, or None when stopped or refused (the reason is shown)."""
    stem = Path(store.path).stem
    suggested = str(Path(store.path).with_name(f"{stem}-ban-sao.db"))
    path = dialogs.ask_copy_path(parent, suggested)
    if not path:
        return None
    target = Path(path)
    if target.resolve() == Path(store.path).resolve():
        dialogs.show_error(parent, _tr("Choose another name: a copy cannot replace the "
                                       "report itself."))
        return None
    try:
        if target.exists():  # the file dialog asked before replacing it
            target.unlink()
        store.copy_to(target)
    except errors.ReportError as exc:
        dialogs.show_error(parent, str(exc))
        return None
    except OSError as exc:
        dialogs.show_error(parent, exc.strerror or str(exc))
        return None
    return target


def open_backup_folder() -> str:
    """Show the folder of the copies made when a report is opened and closed."""
    from hgreport.backup import backup_dir

    folder = backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
    return str(folder)

"""Starting the window: the application, translators, and which report to open."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from hgreport import errors

from . import dialogs
from .i18n import install_translators

_windows: list = []  # open main windows (kept alive here, one per report)


def author() -> str:
    """Who revisions are saved as: HGREPORT_AUTHOR, else the name given on the first run,
    else the login name."""
    from .identity import author_name

    return author_name()


def create_from_template(name: str, path: str | Path):
    """A new report file at ``path`` from a shipped template (``annual``, ``sample``)."""
    from hgreport.interchange import load_report_json
    from hgreport.resources import template_path
    from hgreport.store import ReportStore

    report = load_report_json(template_path(name))
    return ReportStore.create(path, report, author=author())


def open_window(store):
    from .main_window import MainWindow

    win = MainWindow(store)
    _windows.append(win)
    win.destroyed.connect(lambda *_: _windows.remove(win) if win in _windows else None)
    win.show()
    return win


def open_path(path: str | Path, parent: QWidget | None = None):
    """Open a report file in a new window (or bring its window forward)."""
    from hgreport.store import ReportStore

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
        store = ReportStore.open(resolved, author=author())
    except errors.ReportError as exc:
        dialogs.show_error(parent, str(exc))
        return None
    win = open_window(store)
    if store.read_only:
        dialogs.show_info(win, QCoreApplication.translate(
            "MainWindow", "This report is opened read-only: changes cannot be saved to it."))
    return win


def _sample_path() -> Path:
    """Where the sample report lives for this user (made from the template once)."""
    base = os.environ.get("HGREPORT_DATA_DIR")
    folder = Path(base) if base else Path.home() / "hgreport"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "bao-cao-mau.db"


def first_run(parent: QWidget | None = None):
    """Ask what to do when there is no last file; returns the window opened, or None."""
    while True:
        choice = dialogs.first_run_choice(parent)
        if choice is None:
            return None
        try:
            if choice == "new":
                suggested = str(Path.home() / "bao-cao-moi.db")
                path = dialogs.ask_save_path(parent, suggested)
                if not path:
                    continue
                return open_window(create_from_template("annual", path))
            if choice == "sample":
                path = _sample_path()
                if not path.exists():
                    create_from_template("sample", path).close()
                return open_path(path, parent)
            path = dialogs.ask_open_path(parent, str(Path.home()))
            if path:
                win = open_path(path, parent)
                if win is not None:
                    return win
        except errors.ReportError as exc:
            dialogs.show_error(parent, str(exc))


def application(lang: str = "vi") -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("hgreport")
    app.setOrganizationName("hgreport")
    from .main_window import icon_path, settings

    app.setWindowIcon(QIcon(icon_path()))
    chosen = settings().value("language") or lang
    app._hg_translators = install_translators(app, str(chosen))
    return app


def _without_numpy() -> None:
    """hgreport never uses numpy, but sqlite-utils and PySide6 import it when it is installed
    (a third of a second of start-up): keep it out of a fresh window process."""
    if "numpy" not in sys.modules and QApplication.instance() is None \
            and not os.environ.get("HGREPORT_ALLOW_NUMPY"):
        sys.modules["numpy"] = None  # "import numpy" then fails and callers do without


def run(path: str | None = None, lang: str = "vi") -> int:
    """Start the window: ``path`` if given, else the last file, else the first-run choice.
    Returns the application's exit code."""
    _without_numpy()
    app = application(lang)
    from .identity import ensure
    from .main_window import settings

    ensure(None)  # name and unit, asked once (never with HGREPORT_AUTHOR set)
    win = None
    if path:
        win = open_path(path)
    else:
        last = settings().value("last_file")
        if last and Path(str(last)).exists():
            win = open_path(str(last))
        if win is None:
            win = first_run()
    if win is None:
        return 1 if path else 0
    return app.exec()

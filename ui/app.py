"""Starting hgreport's window: the application and its translators, the person's name (asked
once), and which report to open first (the one given, the last one, or the first-run choice)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from hgreport import errors

from . import dialogs
from .i18n import install_translators
from .identity import ensure
from .qtfix import guard_singletons
from .report_files import create_from_template
from .settings import chosen_language, icon_path, last_file
from .windows import open_path, open_window


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
    guard_singletons()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("hgreport")
    app.setOrganizationName("hgreport")
    app.setWindowIcon(QIcon(icon_path()))
    app._hg_translators = install_translators(app, chosen_language(lang))
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
    ensure(None)  # name and unit, asked once (never with HGREPORT_AUTHOR set)
    win = None
    if path:
        win = open_path(path)
    else:
        last = last_file()
        if last and Path(last).exists():
            win = open_path(last)
        if win is None:
            win = first_run()
    if win is None:
        return 1 if path else 0
    return app.exec()

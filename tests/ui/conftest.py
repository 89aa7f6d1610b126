"""GUI tests: offscreen Qt, settings in a temporary folder, and every blocking dialog answered."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if os.environ["QT_QPA_PLATFORM"] == "offscreen":  # a desktop's screen, not Qt's 800 × 800
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).with_name('offscreen-screen.json')}")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from ui.qtfix import guard_singletons  # noqa: E402

guard_singletons()  # as ui.app.application does in the program, before any test's Qt calls


class DialogLog:
    """What the window asked or told the user, with the answers tests want to give."""

    def restore_choice(self, sections):
        """Restore the newest deleted section (the first offered)."""
        self.restore_offered.append([s.id for s in sections])
        return sections[0].id if sections else None

    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.conflicts: list[str] = []
        self.conflict_answer = "mine"
        self.conflict_details: list[str] = []
        self.first_run = None
        self.save_path = None
        self.open_path = None
        self.after_export = None
        self.exported: list[str] = []
        self.confirm_answer = True
        self.in_use: list[tuple[str, str]] = []  # (section, who) warnings
        self.in_use_answer = True  # edit anyway
        self.copy_path = None
        self.merge_path = None
        self.identity_asked = 0
        self.restore_offered: list[list[str]] = []
        self.identity_answer: tuple[str, str] | None = None
        self.opened_urls: list[str] = []
        self.replace_asked: list[str] = []  # Word files found already there on export
        self.replace_answer: str | None = "replace"  # "replace", "both" or None (cancel)


@pytest.fixture(autouse=True)
def dialog_log(monkeypatch, tmp_path_factory):
    from ui import dialogs

    settings_dir = tmp_path_factory.mktemp("qsettings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    log = DialogLog()
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text: log.errors.append(text))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, text: log.infos.append(text))
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: log.confirm_answer)

    def conflict(parent, what, both=False, details=""):
        log.conflicts.append(what)
        log.conflict_details.append(details)
        return log.conflict_answer if both or log.conflict_answer != "both" else "mine"

    def in_use(parent, what, who):
        log.in_use.append((what, who))
        return log.in_use_answer

    def identity(parent, name="", unit=""):
        log.identity_asked += 1
        return log.identity_answer

    def after_export(parent, path):
        log.exported.append(path)
        return log.after_export

    def replace_export(parent, path, free):
        log.replace_asked.append(path)
        return log.replace_answer

    monkeypatch.setattr(dialogs, "ask_conflict", conflict)
    monkeypatch.setattr(dialogs, "ask_replace_export", replace_export)
    monkeypatch.setattr(dialogs, "ask_after_export", after_export)
    monkeypatch.setattr(dialogs, "first_run_choice", lambda parent: log.first_run)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: log.save_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda parent, folder="": log.open_path)
    monkeypatch.setattr(dialogs, "warn_in_use", in_use)
    monkeypatch.setattr(dialogs, "ask_identity", identity)
    monkeypatch.setattr(dialogs, "choose_deleted_section",
                        lambda parent, sections: log.restore_choice(sections))
    monkeypatch.setattr(dialogs, "ask_copy_path", lambda parent, suggested: log.copy_path)
    monkeypatch.setattr(dialogs, "ask_merge_path", lambda parent, folder="": log.merge_path)
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: log.opened_urls.append(url.toLocalFile()) or True)
    return log


@pytest.fixture
def open_window(qtbot):
    """Open a report file in a main window; closes it (saving) at the end."""
    from hgreport.storage import ReportStore
    from ui.main_window import MainWindow

    windows = []

    def make(path):
        store = ReportStore.open(path, author="Người thử")
        win = MainWindow(store)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        if win.isVisible():
            win.close()


@pytest.fixture
def window(open_window, seed_db):
    return open_window(seed_db)


@pytest.fixture
def vietnamese(qapp):
    """The window in Vietnamese, as a clerk reads it (Qt's translation installed); afterwards
    the source strings again for the other tests, the engine still speaking Vietnamese."""
    from ui import i18n

    i18n.install_translators(qapp, "vi")
    yield
    i18n.install_translators(qapp, "en")
    i18n._current = i18n.DEFAULT_LANGUAGE


@pytest.fixture
def colleague_window(qtbot, seed_db):
    """A second window on the same file, another person's (as on a colleague's PC)."""
    from hgreport.storage import ReportStore
    from ui.main_window import MainWindow

    other = MainWindow(ReportStore.open(seed_db, author="Đồng nghiệp"))
    qtbot.addWidget(other)
    other.show()
    yield other
    if other.isVisible():
        other.close()


def _type_text(widget, text: str) -> None:
    """Type ``text`` key by key (QTest cannot type non-ASCII letters such as "ế")."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        key = Qt.Key.Key_Space if ch == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     ch))


@pytest.fixture
def type_text():
    return _type_text

"""The person's own settings, kept by Qt in one INI file per user: recent reports, the chosen
language, where the window was and how its panels were laid out; and where the icon is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "hgreport", "hgreport")


def icon_path() -> str:
    from hgreport.resources import resource_path

    return str(resource_path("icons", "hgreport.svg"))


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_recent(path: str) -> None:
    """``path`` first in the recent list, and the report the next start opens."""
    path = str(Path(path).resolve())
    items = [p for p in recent_files() if p != path]
    s = settings()
    s.setValue("recent", [path, *items][:MAX_RECENT])
    s.setValue("last_file", path)


def last_file() -> str | None:
    value = settings().value("last_file")
    return str(value) if value else None


def chosen_language(default: str) -> str:
    return str(settings().value("language") or default)


def remember_language(code: str) -> None:
    settings().setValue("language", code)


def restore_layout(window: QMainWindow, splitter: QSplitter) -> bool:
    """Put the window and its panels back as they were; returns whether the footnote panel
    was shown (True the first time)."""
    s = settings()
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = s.value("window/state")
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    split = s.value("window/splitter")
    if isinstance(split, QByteArray) and not split.isEmpty():
        splitter.restoreState(split)
    shown = s.value("window/footnotes", True)
    return shown not in ("false", False, 0, "0")


def save_layout(window: QMainWindow, splitter: QSplitter, footnotes_shown: bool) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    s.setValue("window/splitter", splitter.saveState())
    s.setValue("window/footnotes", footnotes_shown)

"""The person's own settings, kept by Qt in one INI file per user: recent reports, the chosen
language, where the window was, which panels are shown and how wide, the zoom of the text;
and where the icon is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

MAX_RECENT = 8
PANELS = ("tree", "footnotes")  # the side panels: the section list, the footnote panel


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


def zoom_level() -> float:
    """The editor's zoom the person chose last (1.0 = 100 %)."""
    try:
        value = float(settings().value("editor/zoom", 1.0) or 1.0)
    except (TypeError, ValueError):
        return 1.0
    return value if 0.1 <= value <= 10.0 else 1.0


def remember_zoom(zoom: float) -> None:
    settings().setValue("editor/zoom", float(zoom))


def restore_layout(window: QMainWindow) -> tuple[dict[str, bool], dict[str, int]]:
    """Put the window back where it was; returns which panels the person chose to show
    (``tree``, ``footnotes``: shown the first time) and the widths they gave them."""
    s = settings()
    geometry = s.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = s.value("window/state")
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    shown = {name: _flag(s.value(f"window/{name}", True)) for name in PANELS}
    widths = {}
    for name in PANELS:
        try:
            width = int(s.value(f"window/{name}_width", 0) or 0)
        except (TypeError, ValueError):
            width = 0
        if width > 0:
            widths[name] = width
    return shown, widths


def save_layout(window: QMainWindow, shown: dict[str, bool], widths: dict[str, int]) -> None:
    """Remember the window's place and size, which panels are shown and how wide."""
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())
    for name in PANELS:
        s.setValue(f"window/{name}", bool(shown.get(name, True)))
        if name in widths:
            s.setValue(f"window/{name}_width", int(widths[name]))


def _flag(value) -> bool:
    return value not in ("false", False, 0, "0")

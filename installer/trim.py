"""What the bundle leaves out: unused Qt plugins and translations, babel locales, unreached libraries.

PyInstaller collects every Qt plugin and every babel locale it can find; a report editor needs
a handful. These functions decide, from the destination names in PyInstaller's tables, what
stays, so that the folder a clerk installs stays small (the budget is 180 MB unpacked).
"""

from __future__ import annotations

import importlib.machinery
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePath

# Qt plugins by folder; None keeps the whole folder, a set keeps those plugins by short name
# ("libqxcb.so" and "qwindows.dll" are "xcb" and "windows"). Other folders are left out:
# no network (tls, networkinformation), no OpenGL/EGL, no Wayland (Qt uses XWayland), no GTK theme
# (it drags in the whole GTK stack).
QT_PLUGINS: dict[str, set[str] | None] = {
    "platforms": {"windows", "xcb", "cocoa", "offscreen", "minimal"},
    "imageformats": {"svg", "ico", "jpeg", "gif"},
    "iconengines": None,  # SVG icons
    "platforminputcontexts": None,  # IBus/compose: Vietnamese typing on Linux
    "styles": None,  # the native Windows style
    "platformthemes": {"xdgdesktopportal"},
    "printsupport": None,
}

# babel locale data the program formats with (numbers and dates in Vietnamese, English UI);
# the region files are a few hundred bytes and keep "vi_VN"/"en_US" working as well.
BABEL_LOCALES = {"root", "vi", "vi_VN", "en", "en_US"}

# Python modules of Qt (and others) the program never imports.
EXCLUDED_MODULES = [
    "PySide6.QtNetwork", "PySide6.QtDBus", "PySide6.QtQml", "PySide6.QtQmlFeatures",
    "PySide6.QtQuick", "PySide6.QtQuickControls2", "PySide6.QtQuickTest",
    "PySide6.QtQuickWidgets", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtUiTools", "PySide6.QtDesigner", "PySide6.QtHelp",
    "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtLabsStyleKit",
    "tkinter", "numpy", "pytest", "_pytest", "pytestqt", "IPython", "matplotlib",
]

_EXTENSION_SUFFIXES = tuple(importlib.machinery.EXTENSION_SUFFIXES) + (".pyd",)


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def plugin_name(file_name: str) -> str:
    """``libqxcb.so`` → ``xcb``; ``qwindows.dll`` → ``windows``; ``libqsvgicon.so`` → ``svgicon``."""
    stem = file_name.split(".")[0]
    return re.sub(r"^(lib)?q", "", stem)


def keep_plugin(dest: str) -> bool | None:
    """Whether a Qt plugin stays (None when ``dest`` is not a Qt plugin)."""
    parts = _parts(dest)
    if parts[0] != "PySide6" or "plugins" not in parts:
        return None
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return None
    wanted = QT_PLUGINS.get(parts[i + 1], set())
    return wanted is None or plugin_name(parts[-1]) in wanted


def keep_data(dest: str) -> bool:
    """Whether a data file stays: no Qt translations (the program ships its own, Vietnamese
    included), only the babel locales in :data:`BABEL_LOCALES`, no translation sources."""
    parts = _parts(dest)
    if parts[0] == "PySide6" and "translations" in parts:
        return False
    if parts[:2] == ["babel", "locale-data"]:
        return PurePath(parts[-1]).stem in BABEL_LOCALES
    if parts[0] == "resources" and parts[-1].endswith(".ts"):
        return False
    return "__pycache__" not in parts


def _is_root(dest: str) -> bool:
    """A binary that is loaded by name, not as a dependency: a Python extension module, a Qt
    plugin, or Python itself."""
    name = _parts(dest)[-1]
    return (name.endswith(_EXTENSION_SUFFIXES) or keep_plugin(dest) is not None
            or re.match(r"^(lib)?python3", name) is not None)


def _closure(start: Iterable[tuple], entries: list[tuple],
             imports_of: Callable[[str], Iterable[str]]) -> set[str]:
    """Destination names of ``start`` and of every entry they load, directly or not."""
    by_name: dict[str, list[tuple]] = {}
    for entry in entries:
        by_name.setdefault(_parts(entry[0])[-1].lower(), []).append(entry)
    todo = list(start)
    seen = {e[0] for e in todo}
    while todo:
        entry = todo.pop()
        for name in imports_of(entry[1]):
            for dep in by_name.get(_parts(name)[-1].lower(), []):
                if dep[0] not in seen:
                    seen.add(dep[0])
                    todo.append(dep)
    return seen


def needed(binaries: Iterable[tuple], imports_of: Callable[[str], Iterable[str]]) -> list[tuple]:
    """The binaries that stay once the unwanted Qt plugins go: everything except those plugins
    and the libraries that only they load. A library nothing links to (loaded at run time by
    name, like Qt's software OpenGL) stays.

    ``binaries`` are PyInstaller entries ``(dest, source, typecode)``; ``imports_of(source)``
    names the libraries one binary links to."""
    entries = list(binaries)
    unwanted = [e for e in entries if keep_plugin(e[0]) is False]
    kept = [e for e in entries if keep_plugin(e[0]) is not False]
    used = _closure([e for e in kept if _is_root(e[0])], kept, imports_of)
    only_for_unwanted = _closure(unwanted, entries, imports_of) - used
    return [e for e in kept if e[0] not in only_for_unwanted]


def trim(binaries: list[tuple], datas: list[tuple],
         imports_of: Callable[[str], Iterable[str]]) -> tuple[list[tuple], list[tuple], list[str]]:
    """The binaries and data that stay, and the destination names left out."""
    kept_bins = needed(binaries, imports_of)
    kept_names = {b[0] for b in kept_bins}
    dropped = sorted({b[0] for b in binaries} - kept_names)
    gone = {"/".join(_parts(d)) for d in dropped}
    kept_datas = []
    for d in datas:
        if d[2] == "SYMLINK":  # a link to a library that was left out goes too
            target = posixpath.normpath(posixpath.join(posixpath.dirname("/".join(_parts(d[0]))),
                                                       "/".join(_parts(str(d[1])))))
            if target in gone:
                dropped.append(d[0])
            else:
                kept_datas.append(d)
        elif keep_data(d[0]):
            kept_datas.append(d)
        else:
            dropped.append(d[0])
    return kept_bins, kept_datas, dropped

"""The window's step of the self-test (``hgreport --self-test``): build the main window on the
self-test's report, offscreen, and look at its section tree. The engine's steps run first
(:mod:`hgreport.selftest`); this layer adds its own so that the engine never imports the window."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hgreport.i18n import current_language, pick
from hgreport.selftest import AUTHOR, ExtraStep, SelfTestRun, StepFailed, StepSkipped

_TEXT = {
    # key: (Vietnamese, English)
    "window": ("dựng cửa sổ chính", "build the main window"),
    "counts": ("{sections} mục, {footnotes} chú thích", "{sections} sections, {footnotes} footnotes"),
    "no_qt": ("chưa cài PySide6", "PySide6 is not installed"),
    "no_platform": ("Qt không có nền hiển thị “offscreen”",
                    "Qt has no “offscreen” display platform"),
    "window_empty": ("cây mục của cửa sổ có {found} mục, chờ {expected}",
                     "the window's section tree has {found} sections, expected {expected}"),
}


def _t(key: str, **args) -> str:
    return pick(_TEXT, key, None, **args)


def _offscreen_available() -> bool:
    """Whether Qt's "offscreen" display platform ships with this installation (without it,
    creating the application would abort the whole process)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for plugins in (Path(folder) / "Qt" / "plugins", Path(folder) / "plugins"):
            if any((plugins / "platforms").glob("*offscreen*")):
                return True
    return False


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a step, then put them back."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def _user_settings_kept(settings_module) -> Iterator[None]:
    """Opening a window records it as the last file (and closing it, the layout): put the
    person's own settings back afterwards, so that the next start opens their report."""
    settings = settings_module.settings()
    saved = {key: settings.value(key) for key in settings.allKeys()}
    try:
        yield
    finally:
        settings = settings_module.settings()
        settings.clear()
        for key, value in saved.items():
            settings.setValue(key, value)
        settings.sync()


def _window(run: SelfTestRun) -> str:
    """Build the main window on the report, offscreen, and look at its section tree."""
    if importlib.util.find_spec("PySide6") is None:
        raise StepSkipped(_t("no_qt"))
    if not _offscreen_available():
        raise StepSkipped(_t("no_platform"))
    from hgreport.storage import ReportStore

    from . import app as app_module
    from . import settings as settings_module
    from .windows import open_window

    with _environment(QT_QPA_PLATFORM="offscreen",
                      HGREPORT_DATA_DIR=str(run.folder / "data")), \
            _user_settings_kept(settings_module):
        app = app_module.application(current_language())
        window = open_window(ReportStore.open(run.db, author=AUTHOR))
        try:
            app.processEvents()
            numbered = window.tree.all_ids_in_order()
            shown = [sid for sid in numbered if sid in window.tree.items]
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    if len(shown) != run.sections or run.section_id not in shown:
        raise StepFailed(_t("window_empty", found=len(shown), expected=run.sections))
    return _t("counts", sections=len(shown), footnotes=run.footnotes)


def window_steps() -> list[ExtraStep]:
    """The steps this layer adds to the engine's self-test, labelled in the person's language."""
    return [(_t("window"), _window)]

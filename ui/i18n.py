"""Language of the window: Qt translators (ours include Qt's own menus and buttons) and
numbers and dates formatted with babel."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from hgreport.resources import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
_current = DEFAULT_LANGUAGE
_installed: list[QTranslator] = []


def current_language() -> str:
    return _current


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load ``resources/translations/hgreport_<lang>.qm`` (English needs none: the source
    strings are English). Translators installed before are removed first. Returns the
    installed translators."""
    global _current
    _current = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    while _installed:
        app.removeTranslator(_installed.pop())
    installed = []
    if _current != "en":
        tr = QTranslator(app)
        if tr.load(str(resource_path("translations", f"hgreport_{_current}.qm"))):
            app.installTranslator(tr)
            installed.append(tr)
    _installed.extend(installed)
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if _current == "vi"
                               else QLocale.Language.English))
    return installed


def format_number(n: int | float) -> str:
    """1185818 → "1.185.818" in Vietnamese, "1,185,818" in English (integers take a fast
    path with babel's group sign: trees show hundreds of counts)."""
    locale = "vi" if _current == "vi" else "en"
    if isinstance(n, int):
        return f"{n:,}".replace(",", _group_symbol(locale))
    from babel.numbers import format_decimal

    return format_decimal(n, locale=locale)


@lru_cache(maxsize=4)
def _group_symbol(locale: str) -> str:
    from babel.numbers import get_group_symbol

    return get_group_symbol(locale)

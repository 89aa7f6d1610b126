"""Language of the window: Qt translators (ours include Qt's own menus and buttons) and
numbers and dates formatted with babel."""

from __future__ import annotations

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


# the thousands sign of each language (babel's ``get_group_symbol``); kept here so that the
# counts of the section tree do not load babel while the window opens
GROUP_SYMBOL = {"vi": ".", "en": ","}


def format_number(n: int | float) -> str:
    """1185818 → "1.185.818" in Vietnamese, "1,185,818" in English (integers take a fast
    path: trees show hundreds of counts)."""
    locale = "vi" if _current == "vi" else "en"
    if isinstance(n, int):
        return f"{n:,}".replace(",", GROUP_SYMBOL[locale])
    from babel.numbers import format_decimal

    return format_decimal(n, locale=locale)

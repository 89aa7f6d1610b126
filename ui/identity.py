"""Who is writing: name and unit, asked once on the first run and kept in the settings. Every
revision saved from the window carries the name; each report file also stores name and unit
(:func:`hgreport.history.save_author`) so its history shows both.

``HGREPORT_AUTHOR`` overrides the name and the question is never asked (tests, the self-test,
CI, shared kiosks)."""

from __future__ import annotations

import getpass
import os

from PySide6.QtWidgets import QWidget

from hgreport import errors

from . import dialogs
from .settings import settings


def stored() -> tuple[str, str] | None:
    """(name, unit) as answered once, or None."""
    s = settings()
    name = str(s.value("identity/name", "") or "").strip()
    if not name:
        return None
    return name, str(s.value("identity/unit", "") or "").strip()


def remember(name: str, unit: str) -> None:
    s = settings()
    s.setValue("identity/name", " ".join(name.split()))
    s.setValue("identity/unit", " ".join(unit.split()))
    s.sync()


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 (no user name on some systems)
        return ""


def author_name() -> str:
    """The name revisions carry: HGREPORT_AUTHOR, else the answered name, else the login."""
    override = os.environ.get("HGREPORT_AUTHOR")
    if override:
        return override
    known = stored()
    return known[0] if known else _login()


def ensure(parent: QWidget | None = None) -> tuple[str, str] | None:
    """Ask name and unit the first time (never with HGREPORT_AUTHOR set); returns what is
    known afterwards."""
    if os.environ.get("HGREPORT_AUTHOR"):
        return None
    known = stored()
    if known:
        return known
    answer = dialogs.ask_identity(parent, _login(), "")
    if answer and answer[0].strip():
        remember(*answer)
        return stored()
    return None


def register(store) -> None:
    """Store name and unit in the report file (once per opening) when the file is written
    under that name."""
    known = stored()
    if known is None or store.read_only or store.author != known[0]:
        return
    from hgreport.history import save_author

    try:
        save_author(store, *known)
    except errors.ReportError:
        pass


def change(parent: QWidget | None, store) -> None:
    """File → Your name and unit…: correct what the first run asked; the open report's later
    saves carry the new name."""
    known = stored() or (author_name(), "")
    answer = dialogs.ask_identity(parent, *known)
    if not answer or not answer[0].strip():
        return
    remember(*answer)
    store.author = author_name()
    register(store)

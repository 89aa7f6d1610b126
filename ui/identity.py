"""Who is writing: name and unit, asked once on the first run and kept in the settings. Every
revision saved from the window carries the name; each report file also stores name and unit
(:func:`hgreport.history.save_author`) so its history shows both.

``HGREPORT_AUTHOR`` overrides the name and the question is never asked (tests, the self-test,
CI, shared kiosks)."""

from __future__ import annotations

import getpass
import os

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors


class IdentityDialog(QDialog):
    """Name and unit (asked once)."""

    def __init__(self, name: str = "", unit: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is writing?"))
        intro = QLabel(self.tr("Your name is saved with every change you make, so that "
                               "colleagues sharing a report can see who wrote what. It is "
                               "asked only once."), self)
        intro.setWordWrap(True)
        self.name_edit = QLineEdit(name, self)
        self.unit_edit = QLineEdit(unit, self)
        self.unit_edit.setPlaceholderText(self.tr("e.g. Office of the Party Committee"))
        form = QFormLayout()
        form.addRow(self.tr("Full name:"), self.name_edit)
        form.addRow(self.tr("Unit:"), self.unit_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name_edit.textChanged.connect(self._update)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(440)  # the explanation reads as two lines, not a narrow column
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name_edit.text().strip()))

    def values(self) -> tuple[str, str]:
        return " ".join(self.name_edit.text().split()), " ".join(self.unit_edit.text().split())


def _settings():
    from .main_window import settings

    return settings()


def stored() -> tuple[str, str] | None:
    """(name, unit) as answered once, or None."""
    s = _settings()
    name = str(s.value("identity/name", "") or "").strip()
    if not name:
        return None
    return name, str(s.value("identity/unit", "") or "").strip()


def remember(name: str, unit: str) -> None:
    s = _settings()
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
    from . import dialogs

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

"""The question "who is writing?": full name and unit, asked once (see :mod:`ui.identity`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


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

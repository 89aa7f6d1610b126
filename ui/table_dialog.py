"""The Insert → Table dialog: how many rows and columns, and whether the first row is a header
row (printed bold and repeated at the top of each page)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox

MAX_ROWS, MAX_COLUMNS = 1000, 63  # what the dialog offers (Word allows 63 columns)


class TableDialog(QDialog):
    def __init__(self, parent=None, rows: int = 3, cols: int = 4):
        super().__init__(parent)
        self.setObjectName("tableDialog")
        self.setWindowTitle(self.tr("Insert table"))
        form = QFormLayout(self)
        self.rows = QSpinBox(self)
        self.rows.setRange(1, MAX_ROWS)
        self.rows.setValue(rows)
        self.cols = QSpinBox(self)
        self.cols.setRange(1, MAX_COLUMNS)
        self.cols.setValue(cols)
        self.header = QCheckBox(self.tr("The first row is a header row (repeated on each "
                                        "printed page)"), self)
        self.header.setChecked(True)
        form.addRow(self.tr("&Rows:"), self.rows)
        form.addRow(self.tr("&Columns:"), self.cols)
        form.addRow(self.header)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[int, int, int]:
        """(rows, columns, header rows)."""
        return self.rows.value(), self.cols.value(), 1 if self.header.isChecked() else 0


def ask_table_size(parent) -> tuple[int, int, int] | None:
    """(rows, columns, header rows) chosen, or None when cancelled."""
    dlg = TableDialog(parent)
    try:
        return dlg.chosen() if dlg.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dlg.deleteLater()

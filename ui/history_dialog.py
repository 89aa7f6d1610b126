"""The history of one section: every saved state (who, when, how much changed), a side-by-side
comparison of two states paragraph by paragraph with the changed words highlighted, and
restoring an older state as a new save (Ctrl+Z in the editor brings back the text it replaced)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.blockmerge import compare_cells
from hgreport.history import compare, history
from hgreport.model import Cell

from . import dialogs
from .i18n import current_language

REV_ID = Qt.ItemDataRole.UserRole
_COLOURS = {"removed": "background:#f7c6c6; text-decoration: line-through;",
            "added": "background:#c8ecc8;"}
_ROW = {"changed": "#fff6da", "added": "#eaf7ea", "removed": "#fbeaea", "same": "#ffffff"}


def _when(at: datetime) -> str:
    if at == datetime.min:
        return "?"
    if at.tzinfo is not None:
        at = at.astimezone()
    return at.strftime("%d/%m/%Y %H:%M")


def _table_cells_html(row, side: str) -> str:
    """A changed table: only the cells that changed, each named by its row and column."""
    out = []
    for change in compare_cells(row.left.to_dict(), row.right.to_dict()):
        if change.kind == "same":
            continue
        cell = change.left if side == "left" else change.right
        text = Cell.from_dict(cell).text if cell is not None else ""
        where = QCoreApplication.translate("HistoryDialog", "Table, row %1, column %2").replace(
            "%1", str(change.row)).replace("%2", str(change.col))
        out.append(f"<i>{escape(where)}:</i> {escape(text)}")
    return "<br>".join(out)


def _side_html(row, side: str) -> str:
    para = row.left if side == "left" else row.right
    if para is None:
        return ""
    if row.kind == "changed" and row.left.kind == row.right.kind == "table":
        return _table_cells_html(row, side)
    if row.kind != "changed":
        return escape(para.text).replace("\n", "<br>")
    keep = "removed" if side == "left" else "added"
    out = []
    for kind, text in row.words():
        if kind == "same":
            out.append(escape(text))
        elif kind == keep:
            out.append(f'<span style="{_COLOURS[kind]}">{escape(text)}</span>')
    return " ".join(p for p in out if p).replace("\n", "<br>")


def comparison_html(comparison, left_label: str, right_label: str) -> str:
    """The comparison as an HTML table: one row per paragraph, changed words highlighted."""
    rows = [f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
            f'style="border-collapse: collapse;"><tr><th width="50%">{escape(left_label)}</th>'
            f'<th width="50%">{escape(right_label)}</th></tr>']
    if comparison.left_title != comparison.right_title:
        rows.append(f'<tr style="background:{_ROW["changed"]}"><td><b>'
                    f'{escape(comparison.left_title)}</b></td><td><b>'
                    f'{escape(comparison.right_title)}</b></td></tr>')
    for row in comparison.rows:
        rows.append(f'<tr style="background:{_ROW[row.kind]}"><td valign="top">'
                    f'{_side_html(row, "left")}</td><td valign="top">'
                    f'{_side_html(row, "right")}</td></tr>')
    rows.append("</table>")
    return "".join(rows)


class HistoryDialog(QDialog):
    """Revisions of one section, a comparison and restore."""

    def __init__(self, window, section_id: str):
        super().__init__(window)
        self.window_ = window
        self.session = window.session
        self.store = window.store
        self.section_id = section_id
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of “%1”").replace(
            "%1", self.session.section_label(section_id)))
        self.resize(980, 640)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"),
                                              self.tr("What changed")])
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self.compare_selected)
        hint = QLabel(self.tr("Select one version to compare it with the current text, or two "
                              "versions (Ctrl+click) to compare them."), self)
        hint.setWordWrap(True)
        self.view = QTextBrowser(self)
        self.view.setObjectName("historyComparison")
        self.btn_restore = QPushButton(self.tr("Restore this version"), self)
        self.btn_restore.setToolTip(self.tr("The chosen text becomes the section's text as a new "
                                            "save; Ctrl+Z in the editor brings back the current "
                                            "text."))
        self.btn_restore.clicked.connect(self.restore_selected)
        self.btn_restore.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        top = QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table)
        tl.addWidget(hint)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(self.view)
        split.setSizes([240, 400])
        row = QHBoxLayout()
        row.addWidget(self.btn_restore)
        row.addStretch(1)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addLayout(row)
        self.entries = []
        self.comparison = None
        self.reload()

    def reload(self) -> None:
        lang = current_language()
        try:
            self.entries = history(self.store, self.section_id)
        except errors.ReportError as exc:
            self.entries = []
            dialogs.show_error(self, str(exc))
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for i, e in enumerate(self.entries):
            cells = [_when(e.at), e.who, e.summary(lang)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(REV_ID, e.rev_id)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.clearSelection()
        self.table.blockSignals(False)
        self.view.clear()
        self.comparison = None
        self.btn_restore.setEnabled(False)
        if len(self.entries) > 1:
            self.select_rows([1])  # the version before the current one, against now

    def others_saved(self, changed: list[str]) -> None:
        """Someone else saved: their new version joins the list (the choice is kept)."""
        if self.section_id not in changed or not self.session.has_section(self.section_id):
            return
        chosen = {self.entries[r].rev_id for r in self.selected_rows()}
        self.reload()
        rows = [i for i, e in enumerate(self.entries) if e.rev_id in chosen]
        if rows:
            self.select_rows(rows)

    def select_rows(self, rows: list[int]) -> None:
        self.table.blockSignals(True)
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for r in rows:
            self.table.selectRow(r)
        self.table.setSelectionMode(mode)
        self.table.blockSignals(False)
        self.compare_selected()

    def selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.table.selectedIndexes()})

    def compare_selected(self):
        """One row: that version against the current text; two: the older against the newer."""
        rows = self.selected_rows()
        self.btn_restore.setEnabled(len(rows) == 1 and rows[0] > 0
                                    and not self.store.read_only)
        if not rows:
            self.view.clear()
            self.comparison = None
            return None
        if len(rows) == 1:
            older, newer = self.entries[rows[0]], None
        else:
            older, newer = self.entries[rows[-1]], self.entries[rows[0]]
        try:
            self.comparison = compare(self.store, self.section_id, older.rev_id,
                                      newer.rev_id if newer else None)
        except errors.ReportError as exc:
            dialogs.show_error(self, str(exc))
            return None
        left = f"{_when(older.at)} — {older.who}"
        right = (f"{_when(newer.at)} — {newer.who}" if newer
                 else self.tr("Now (current text)"))
        self.view.setHtml(comparison_html(self.comparison, left, right))
        return self.comparison

    def restore_selected(self) -> bool:
        rows = self.selected_rows()
        if len(rows) != 1:
            return False
        entry = self.entries[rows[0]]
        try:
            ok = self.session.restore_revision(self.section_id, entry.rev_id)
        except errors.ReportError as exc:
            dialogs.show_error(self, str(exc))
            return False
        if ok:
            self.window_.statusBar().showMessage(self.tr(
                "Earlier version restored. Ctrl+Z in the text brings back what it replaced."),
                10000)
            self.reload()
        else:
            dialogs.show_error(self, self.session.last_error)
        return ok

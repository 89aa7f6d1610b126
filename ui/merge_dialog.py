"""After merging a copy that came back (or from File → Conflicts to resolve…): what the merge
did, and every conflict kept in the file, each decided with keep mine / take theirs / keep both.
Conflicts left open stay in the file for later."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.merge import list_conflicts, resolve_conflict

from . import dialogs
from .diff_view import MINE, THEIRS, legend_html, value_html
from .i18n import current_language

CONFLICT_ID = Qt.ItemDataRole.UserRole


class MergeDialog(QDialog):
    """The merge result (when there is one) and the open conflicts."""

    def __init__(self, window, result=None):
        super().__init__(window)
        self.window_ = window
        self.store = window.store
        self.result = result
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge result") if result is not None
                            else self.tr("Conflicts to resolve"))
        self.resize(820, 560)
        lang = current_language()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if result is not None:
            self.summary.setText("\n".join(result.summary_lines(lang)[:8]))
        self.summary.setVisible(result is not None)
        self.heading = QLabel(self)
        self.list = QListWidget(self)
        self.list.currentItemChanged.connect(self._show)
        self.list.itemActivated.connect(self._jump)
        self.list.setToolTip(self.tr("Double-click to show the section"))
        self.mine_view = QTextBrowser(self)
        self.theirs_view = QTextBrowser(self)
        sides = QSplitter(Qt.Orientation.Horizontal, self)
        for title, view in ((self.tr("Mine (this file)"), self.mine_view),
                            (self.tr("Theirs (the other copy)"), self.theirs_view)):
            box = QWidget(sides)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(QLabel(title, box))
            lay.addWidget(view)
            sides.addWidget(box)
        self.btn_mine = QPushButton(self.tr("Keep mine"), self)
        self.btn_theirs = QPushButton(self.tr("Take theirs"), self)
        self.btn_both = QPushButton(self.tr("Keep both"), self)
        self.btn_both.setToolTip(self.tr("Both versions of the paragraph, one after the other"))
        for btn, choice in ((self.btn_mine, "mine"), (self.btn_theirs, "theirs"),
                            (self.btn_both, "both")):
            btn.clicked.connect(lambda _=False, c=choice: self.resolve_current(c))
        self.legend = QLabel(legend_html(), self)  # what the marks in the two sides mean
        self.legend.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.btn_mine)
        row.addWidget(self.btn_theirs)
        row.addWidget(self.btn_both)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.heading)
        lay.addWidget(self.list, 1)
        lay.addWidget(sides, 2)
        lay.addWidget(self.legend)
        lay.addLayout(row)
        lay.addWidget(close)
        self.conflicts = []
        self.reload()

    def reload(self) -> None:
        lang = current_language()
        try:
            self.conflicts = list_conflicts(self.store)
        except errors.ReportError as exc:
            self.conflicts = []
            dialogs.show_error(self, str(exc))
        self.list.clear()
        for c in self.conflicts:
            item = QListWidgetItem(c.describe(lang).lstrip("• "))
            item.setData(CONFLICT_ID, c.id)
            self.list.addItem(item)
        if self.conflicts:
            self.heading.setText(self.tr("Both sides changed the same thing in %1 places. "
                                         "Choose for each:").replace("%1",
                                                                     str(len(self.conflicts))))
            self.list.setCurrentRow(0)
        else:
            self.heading.setText(self.tr("No conflicts left to resolve."))
            self.mine_view.clear()
            self.theirs_view.clear()
        editable = bool(self.conflicts) and not self.store.read_only
        for btn in (self.btn_mine, self.btn_theirs, self.btn_both):
            btn.setEnabled(editable)

    def _show(self, item, _previous=None) -> None:
        c = self._conflict(item)
        if c is None:
            self.mine_view.clear()
            self.theirs_view.clear()
            return
        if c.field == "deleted":
            deleted, kept = self.tr("(deleted)"), self.tr("(kept and changed)")
            self.mine_view.setPlainText(deleted if c.mine else kept)
            self.theirs_view.setPlainText(deleted if c.theirs else kept)
            return
        # word by word, footnote numbers in place: mine with what only it has struck
        # through, theirs with what only it has underlined
        number_of = self.window_.session.numbers.get
        self.mine_view.setHtml(value_html(c.field, c.mine, c.theirs, number_of, MINE))
        self.theirs_view.setHtml(value_html(c.field, c.mine, c.theirs, number_of, THEIRS))

    def _jump(self, item) -> None:
        c = self._conflict(item)
        if c is not None and c.entity == "section" and self.window_.session.has_section(
                c.entity_id):
            self.window_.tree.select(c.entity_id)

    def _conflict(self, item):
        if item is None:
            return None
        cid = item.data(CONFLICT_ID)
        return next((c for c in self.conflicts if c.id == cid), None)

    def resolve_current(self, choice: str) -> bool:
        c = self._conflict(self.list.currentItem())
        return self.resolve(c.id, choice) if c is not None else False

    def resolve(self, conflict_id: str, choice: str) -> bool:
        """Decide one conflict; the tree and the editor show the result."""
        self.window_.footnotes.flush()
        self.window_.session.save_all()
        try:
            resolve_conflict(self.store, conflict_id, choice)
        except errors.ReportError as exc:
            dialogs.show_error(self, str(exc))
            return False
        self.window_.refresh_from_file()
        self.reload()
        return True

"""File → "So sánh với dự thảo…": what changed since a named draft — until now, or until a
later draft — section by section: the list of the sections added, deleted or changed (and of
the footnotes), and for the one selected its words removed (struck through, red) and added
(underlined, green). A section can be opened in the editor from here, and the same comparison
written as a Word file with tracked changes (as ``hgreport export --compare``).

The comparison is the engine's (:mod:`hgreport.review.changes`); this module shows it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
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
from hgreport.model import KIND_ENDING, KIND_INTRO
from hgreport.review.changes import (
    ADDED,
    DELETED,
    Changes,
    FootnoteChange,
    SectionChange,
    compare_drafts,
)
from hgreport.review.compare import export_compare
from hgreport.review.drafts import list_drafts
from hgreport.storage import ReportStore

from . import dialogs, diff_view
from .diff_view import body_html, value_html

KEY = Qt.ItemDataRole.UserRole  # ("section" | "footnote", id) of a line of the list


def _tr(text: str) -> str:
    return QCoreApplication.translate("CompareDialog", text)


def ask_compare_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the Word file with tracked changes; None when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Save the comparison as"), suggested,
                                          _tr("Word files (*.docx)"))
    if path and not path.lower().endswith(".docx"):
        path += ".docx"
    return path or None


def open_compare(parent: QWidget, store: ReportStore,
                 has_section: Callable[[str], bool]) -> CompareDialog | None:
    """The dialog, or None (and a word why) when the report has no draft yet."""
    if not list_drafts(store):
        dialogs.show_info(parent, _tr(
            "The report has no draft yet. Mark one first (File → Mark a draft…); later, "
            "compare the report with it."))
        return None
    return CompareDialog(store, has_section, parent)


def _state_text(state: str) -> str:
    return {ADDED: _tr("added"), DELETED: _tr("deleted")}.get(state, _tr("changed"))


def section_label(change: SectionChange, number_of: Callable[[str], int | None]) -> str:
    """ "2.1 Title — changed" (the introduction and the ending by name when untitled)."""
    title = change.title or change.old_title
    if not title and change.kind == KIND_INTRO:
        title = _tr("Introduction")
    elif not title and change.kind == KIND_ENDING:
        title = _tr("Ending")
    name = f"{change.number} {title}".strip()
    label = f"{name} — {_state_text(change.state)}"
    if change.footnotes:
        label += " · " + _tr("footnotes %1").replace(
            "%1", ", ".join(str(number_of(f) or "?") for f in change.footnotes))
    return label


def footnote_label(change: FootnoteChange) -> str:
    label = _tr("Footnote %1").replace("%1", str(change.number))
    if change.gone:
        label += " " + _tr("(numbered in the older version)")
    return f"{label} — {_state_text(change.state)}"


def legend_html() -> str:
    return diff_view.legend_html(_tr("removed since the older version"),
                                 _tr("added since the older version")) + "<hr>"


def _note_html(note: FootnoteChange) -> str:
    head = f"<p><b>{escape(footnote_label(note))}</b></p>"
    return head + body_html(note.old_body, note.new_body, lambda _f: None)


def section_html(changes: Changes, change: SectionChange) -> str:
    """A changed section word by word: its title, the notes at its title, the paragraphs that
    differ, and the footnotes it references that changed."""
    number_of = changes.number_of
    out = [legend_html()]
    if change.old_title != change.new_title:
        out.append(f"<p><b>{escape(_tr('Title'))}:</b></p>")
        out.append(value_html("title", change.old_title, change.new_title, number_of))
    if change.old_notes != change.new_notes:
        out.append(f"<p><b>{escape(_tr('Notes at the title'))}:</b></p>")
        out.append(value_html("title_notes", change.old_notes, change.new_notes, number_of))
    if change.old_body != change.new_body:
        out.append(body_html(change.old_body, change.new_body, number_of))
    by_id = {n.footnote_id: n for n in changes.footnotes}
    for fid in change.footnotes:
        out.append(_note_html(by_id[fid]))
    return "".join(out)


class CompareDialog(QDialog):
    """Pick a draft (and, if wished, a later draft instead of now); see what changed."""

    sectionChosen = Signal(str)  # a section to show in the editor

    def __init__(self, store: ReportStore, has_section: Callable[[str], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(_tr("Compare with a draft"))
        self.store = store
        self.has_section = has_section
        self.changes: Changes | None = None
        names = [d.name for d in list_drafts(store)]
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.older = QComboBox(self)
        self.older.addItems(names)
        self.older.setCurrentIndex(len(names) - 1)
        self.newer = QComboBox(self)
        self.newer.addItem(_tr("The report now"), "")
        for name in names:
            self.newer.addItem(name, name)
        form.addRow(_tr("Draft:"), self.older)
        form.addRow(_tr("Compared with:"), self.newer)
        layout.addLayout(form)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(split)
        self.list.setObjectName("changedSections")
        self.view = QTextBrowser(split)
        self.view.setObjectName("compareView")
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.go_button = QPushButton(_tr("Go to this section"), self)
        self.export_button = QPushButton(_tr("Export to Word with tracked changes…"), self)
        row.addWidget(self.go_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.older.currentIndexChanged.connect(self.refresh)
        self.newer.currentIndexChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.go_to_current())
        self.go_button.clicked.connect(self.go_to_current)
        self.export_button.clicked.connect(self.export)
        self.resize(900, 560)
        self.refresh()

    # -- the comparison -------------------------------------------------------------------------
    def choose(self, older: str, newer: str | None = None) -> None:
        """Compare the draft ``older`` with the draft ``newer`` (None: with now)."""
        self.older.blockSignals(True)
        self.older.setCurrentText(older)
        self.older.blockSignals(False)
        self.newer.setCurrentIndex(max(0, self.newer.findData(newer or "")))
        self.refresh()

    def drafts(self) -> tuple[str, str | None]:
        return self.older.currentText(), self.newer.currentData() or None

    def refresh(self) -> None:
        older, newer = self.drafts()
        self.list.clear()
        self.view.clear()
        try:
            self.changes = compare_drafts(self.store, older, newer)
        except errors.ReportError as exc:
            self.changes = None
            self.summary.setText(str(exc))
            self._update_buttons()
            return
        for change in self.changes.sections:
            item = QListWidgetItem(section_label(change, self.changes.number_of))
            item.setData(KEY, ("section", change.section_id))
            self.list.addItem(item)
        for note in self.changes.footnotes:
            item = QListWidgetItem(footnote_label(note))
            item.setData(KEY, ("footnote", note.footnote_id))
            self.list.addItem(item)
        sections, notes = len(self.changes.sections), len(self.changes.footnotes)
        if not sections and not notes:
            self.summary.setText(_tr("Nothing changed."))
        else:
            self.summary.setText(_tr("%1 sections and %2 footnotes changed.")
                                 .replace("%1", str(sections)).replace("%2", str(notes)))
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def listed(self) -> list[tuple[str, str]]:
        """("section" | "footnote", id) of every line of the list, in order."""
        return [self.list.item(i).data(KEY) for i in range(self.list.count())]

    def select(self, kind: str, entity_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(KEY) == (kind, entity_id):
                self.list.setCurrentRow(i)
                return

    def _current(self) -> tuple[str, str] | None:
        item = self.list.currentItem()
        return item.data(KEY) if item is not None else None

    def _show_current(self, *_args) -> None:
        current = self._current()
        if current is None or self.changes is None:
            self.view.clear()
        elif current[0] == "section":
            self.view.setHtml(section_html(self.changes, self.changes.section(current[1])))
        else:
            note = next(n for n in self.changes.footnotes if n.footnote_id == current[1])
            self.view.setHtml(legend_html() + _note_html(note))
        self._update_buttons()

    def _update_buttons(self) -> None:
        current = self._current()
        self.go_button.setEnabled(current is not None and current[0] == "section"
                                  and self.has_section(current[1]))
        self.export_button.setEnabled(self.changes is not None)

    # -- what can be done -----------------------------------------------------------------------
    def go_to_current(self) -> None:
        """Close, and show the section selected in the editor."""
        current = self._current()
        if current is None or current[0] != "section" or not self.has_section(current[1]):
            return
        self.accept()
        self.sectionChosen.emit(current[1])

    def export(self) -> Path | None:
        """The same comparison as a Word file with tracked changes, where the user says."""
        older, newer = self.drafts()
        folder = Path(self.store.path).parent
        suggested = folder / f"{Path(self.store.path).stem}-so-sanh.docx"
        path = ask_compare_path(self, str(suggested))
        if not path:
            return None
        try:
            written, counts = export_compare(self.store, older, path, newer)
        except errors.ReportError as exc:
            dialogs.show_error(self, str(exc))
            return None
        except OSError as exc:
            dialogs.show_error(self, QCoreApplication.translate(
                "MainWindow", "Cannot write the Word file: %1").replace(
                "%1", exc.strerror or str(exc)))
            return None
        dialogs.show_info(self, _tr("Written: %1 (%2 insertions, %3 deletions).")
                          .replace("%1", str(written)).replace("%2", str(counts["ins"]))
                          .replace("%3", str(counts["del"])))
        return Path(written)

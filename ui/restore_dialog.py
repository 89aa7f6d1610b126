"""Sections → Restore a deleted section…: the deleted sections, newest first, each with the
number it had, when and by whom it was deleted, and the first words of its text."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgreport.model import walk_tree

FIRST_WORDS = 12


@dataclass(frozen=True)
class DeletedSection:
    """One line of the list: what a person needs to recognise the section they deleted."""

    id: str
    number: str  # the number it would have back in its place ("II.3."), "" when unknown
    title: str
    first_words: str
    when: datetime | None
    who: str


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def deleted_sections(session) -> list[DeletedSection]:
    """The report's deleted sections (newest first) with their number, time and author."""
    from hgreport.history import authors

    store = session.store
    gone = session.deleted_sections()
    by_id = {s.id: s for s in gone}
    names = authors(store)
    out = []
    for sec in gone:
        revs = store.revisions(sec.id)
        last = revs[0] if revs else None
        who = ""
        if last is not None:
            name, unit = names.get(last.author, (last.author, ""))
            who = f"{name} ({unit})" if unit else name
        out.append(DeletedSection(sec.id, _number_back_in_place(session, sec, by_id), sec.title,
                                  first_words(sec.plain_text), _time(last.at if last else ""),
                                  who))
    return out


def _number_back_in_place(session, section, deleted: dict) -> str:
    """The number ``section`` gets when restored where it was (with the deleted sections
    above it that it would bring back)."""
    back = [section]
    parent = section.parent_id
    while parent and parent in deleted and deleted[parent] not in back:
        back.append(deleted[parent])
        parent = deleted[parent].parent_id
    report = dataclasses.replace(session.report, sections=[*session.report.sections, *back])
    for node in walk_tree(report.tree(session.numbering)):
        if node.section.id == section.id:
            return node.number
    return ""


def _time(at: str) -> datetime | None:
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None
    return when.astimezone() if when.tzinfo is not None else when


class RestoreDialog(QDialog):
    """Pick one deleted section to bring back."""

    COLUMNS = ("number", "section", "when", "who")

    def __init__(self, sections: list[DeletedSection], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a deleted section"))
        self.list = QTreeWidget(self)
        self.list.setRootIsDecorated(False)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([self.tr("No."), self.tr("Section and its first words"),
                                   self.tr("Deleted at"), self.tr("By")])
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        for sec in sections:
            title = sec.title or self.tr("(untitled)")
            words = sec.first_words or self.tr("(no text)")
            when = sec.when.strftime("%H:%M %d/%m/%Y") if sec.when else "?"
            item = QTreeWidgetItem([sec.number, f"{title} — {words}", when, sec.who or "?"])
            item.setToolTip(1, f"{title}\n{words}")
            item.setData(0, Qt.ItemDataRole.UserRole, sec.id)
            self.list.addTopLevelItem(item)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.itemActivated.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Deleted sections (newest first):"), self))
        lay.addWidget(self.list)
        lay.addWidget(buttons)
        self.resize(760, 360)

    def rows(self) -> list[list[str]]:
        """The cells shown, row by row."""
        return [[it.text(c) for c in range(len(self.COLUMNS))]
                for it in (self.list.topLevelItem(i)
                           for i in range(self.list.topLevelItemCount()))]

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

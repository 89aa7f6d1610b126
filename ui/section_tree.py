"""The section tree: live derived numbers, rename in place, drag-and-drop moves; rows tall
enough for the accents of capitals ("CÔNG TÁC"), and a neighbour chosen when a section goes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
)

from hgreport.model import KIND_SECTION, walk_tree

from .i18n import current_language, format_number

DAMAGED = Qt.ItemDataRole.UserRole + 7  # True on a section the file holds damaged


class SectionItem(QTreeWidgetItem):
    """Shows "II.1. Title"; editing in place edits the title only."""

    def __init__(self, section_id: str, number: str, title: str, kind: str):
        super().__init__()
        self.section_id, self.number, self.title, self.kind = section_id, number, title, kind
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if kind == KIND_SECTION:
            flags |= (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                      | Qt.ItemFlag.ItemIsDropEnabled)
        self.setFlags(flags)
        self.setText(0, self.label())
        self.setToolTip(0, self.label())

    def label(self) -> str:
        if self.kind == "intro":
            return QCoreApplication.translate("SectionTree", "Opening (before section I)")
        if self.kind == "ending":
            return QCoreApplication.translate("SectionTree", "Closing (after the last section)")
        title = self.title or QCoreApplication.translate("SectionTree", "(untitled)")
        return f"{self.number} {title}".strip()


TALL_CAPITALS = "ẪỖỄỀẤẴẶÁỐ"  # capitals with stacked accents: the tallest a title can be


def row_height(font) -> int:
    """The height a row needs so that capitals with stacked accents ("Ỗ", "Ẫ") are not cut:
    the text is centred on the font's height, and these marks rise above its ascent."""
    fm = QFontMetrics(font)
    above = -fm.tightBoundingRect(TALL_CAPITALS).top()
    return fm.height() + 2 * max(0, above - fm.ascent()) + 2


class TitleDelegate(QStyledItemDelegate):
    """Editing in place shows the title alone (without its number) and asks for a rename."""

    def __init__(self, tree: SectionTree):
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), self.tree.row_height))

    def setEditorData(self, editor, index):  # noqa: N802
        item = self.tree.itemFromIndex(index)
        if isinstance(item, SectionItem) and isinstance(editor, QLineEdit):
            editor.setText(item.title)
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):  # noqa: N802
        item = self.tree.itemFromIndex(index)
        if isinstance(item, SectionItem) and isinstance(editor, QLineEdit):
            text = editor.text()
            if text.strip() and text != item.title:
                self.tree.renameRequested.emit(item.section_id, text)
        else:
            super().setModelData(editor, model, index)


class SectionTree(QTreeWidget):
    sectionSelected = Signal(str)
    renameRequested = Signal(str, str)
    moveRequested = Signal(str, object, int)  # section id, parent id or None, index

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("sectionTree")
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Sections"), self.tr("Words")])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.row_height = row_height(self.font())
        self.setItemDelegateForColumn(0, TitleDelegate(self))
        self.items: dict[str, SectionItem] = {}
        self.menu_actions: list = []  # the window's section actions, for the context menu
        self.in_use: dict[str, list[str]] = {}  # section id → names of others editing it
        self.damage: dict[str, list[str]] = {}  # section id → what could not be read of it
        self.currentItemChanged.connect(self._current_changed)
        self.rebuild()

    # -- filling ----------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Rebuild from the session (numbers follow every move); keeps selection and folding.
        When the selected section is gone (deleted), its neighbour is selected: the next
        section at its level, else the one before, else its parent."""
        current = self.current_id()
        near = self._neighbours(current)
        collapsed = {sid for sid, it in self.items.items() if it.childCount() and
                     not it.isExpanded()}
        self.blockSignals(True)
        self.setUpdatesEnabled(False)
        self.clear()
        self.items = {}
        rep = self.session.report
        words = self.session.word_counts()
        self.damage = self.session.damage_notes(current_language())
        intro = self._make(rep.intro.id, "", rep.intro.title, "intro", words)
        self.addTopLevelItem(intro)

        def add(nodes, parent):
            for node in nodes:
                it = self._make(node.section.id, node.number, node.section.title,
                                node.section.kind, words)
                if parent is None:
                    self.addTopLevelItem(it)
                else:
                    parent.addChild(it)
                add(node.children, it)

        add(self.session.tree(), None)
        self.addTopLevelItem(self._make(rep.ending.id, "", rep.ending.title, "ending", words))
        self.expandAll()
        for sid in collapsed:
            if sid in self.items:
                self.items[sid].setExpanded(False)
        self.setUpdatesEnabled(True)
        self.blockSignals(False)
        for sid in (current, *near):
            if sid in self.items:
                self.setCurrentItem(self.items[sid])
                break

    def _neighbours(self, section_id: str | None) -> list[str]:
        """The sections to select instead of ``section_id`` if it goes, best first."""
        item = self.items.get(section_id) if section_id else None
        if item is None:
            return []
        parent = item.parent()
        siblings = ([parent.child(i) for i in range(parent.childCount())] if parent else
                    [self.topLevelItem(i) for i in range(self.topLevelItemCount())])
        at = siblings.index(item)
        order = siblings[at + 1:] + siblings[:at][::-1] + ([parent] if parent else [])
        return [it.section_id for it in order
                if isinstance(it, SectionItem) and it.kind == KIND_SECTION]

    def _make(self, sid, number, title, kind, words) -> SectionItem:
        it = SectionItem(sid, number, title, kind)
        it.setData(1, Qt.ItemDataRole.UserRole, words.get(sid, 0))
        it.setText(1, format_number(words.get(sid, 0)))
        it.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.items[sid] = it
        if sid in self.in_use:
            self._mark_in_use(it, self.in_use[sid])
        self._mark_damage(it)
        return it

    def _mark_damage(self, it: SectionItem) -> None:
        """A section the file holds damaged: a warning sign, red, what happened and what to do
        in the tooltip; one whose text cannot be read is not renamed or dragged either."""
        notes = self.damage.get(it.section_id)
        if not notes:
            return
        it.setData(0, DAMAGED, True)
        it.setIcon(0, self.style().standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning))
        it.setForeground(0, QBrush(QColor("#b00020")))
        it.setToolTip(0, it.label() + "\n" + "\n".join(notes))
        if self.session.is_read_only(it.section_id):
            it.setFlags(it.flags() & ~(Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled))

    # -- sections others are editing ---------------------------------------------------------
    def set_in_use(self, in_use: dict[str, list[str]]) -> None:
        """Mark the sections other people are editing (a dot, their names in the tooltip)."""
        before, self.in_use = self.in_use, dict(in_use)
        for sid in set(before) | set(in_use):
            it = self.items.get(sid)
            if it is None:
                continue
            if sid in in_use:
                self._mark_in_use(it, in_use[sid])
            else:
                it.setIcon(0, QIcon())
                it.setToolTip(0, it.label())
                it.setForeground(0, QBrush())
            self._mark_damage(it)

    def _mark_in_use(self, it: SectionItem, names: list[str]) -> None:
        it.setIcon(0, _in_use_icon())
        it.setForeground(0, QBrush(QColor("#9a4a00")))
        it.setToolTip(0, it.label() + "\n" + QCoreApplication.translate(
            "SectionTree", "Being edited by %1").replace("%1", ", ".join(names)))

    def refresh_counts(self) -> None:
        words = self.session.word_counts()
        for sid, it in self.items.items():
            n = words.get(sid, 0)
            if it.data(1, Qt.ItemDataRole.UserRole) != n:
                it.setData(1, Qt.ItemDataRole.UserRole, n)
                it.setText(1, format_number(n))

    def current_id(self) -> str | None:
        it = self.currentItem()
        return it.section_id if isinstance(it, SectionItem) else None

    def select(self, section_id: str) -> None:
        if section_id in self.items:
            self.setCurrentItem(self.items[section_id])

    def _current_changed(self, item, _previous) -> None:
        if isinstance(item, SectionItem):
            self.sectionSelected.emit(item.section_id)

    def context_menu(self, pos) -> QMenu:
        """The section actions, for the section under ``pos`` (viewport coordinates)."""
        item = self.itemAt(pos)
        if isinstance(item, SectionItem):
            self.setCurrentItem(item)
        menu = QMenu(self)
        for act in self.menu_actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        return menu

    def contextMenuEvent(self, event):  # noqa: N802
        if self.menu_actions:
            menu = self.context_menu(event.pos())
            menu.exec(event.globalPos())
            menu.deleteLater()

    # -- drag and drop: the move is done by the session, never by Qt's item shuffling ----------
    def drop_target(self, pos, moving: str) -> tuple[object, int] | None:
        """(parent id, index) for a drop at ``pos`` (viewport coordinates)."""
        target = self.itemAt(pos)
        s = self.session
        if not isinstance(target, SectionItem):
            return None, len([c for c in s.children_ids(None) if c != moving])
        if target.kind == "intro":
            return None, 0
        if target.kind == "ending":
            return None, len([c for c in s.children_ids(None) if c != moving])
        rect = self.visualItemRect(target)
        band = max(3, rect.height() // 4)
        sec = s.section(target.section_id)
        if pos.y() < rect.top() + band:
            siblings = [c for c in s.children_ids(sec.parent_id) if c != moving]
            return sec.parent_id, siblings.index(target.section_id)
        if pos.y() > rect.bottom() - band:
            siblings = [c for c in s.children_ids(sec.parent_id) if c != moving]
            return sec.parent_id, siblings.index(target.section_id) + 1
        if target.section_id == moving:
            return None
        return target.section_id, len([c for c in s.children_ids(target.section_id)
                                       if c != moving])

    def dropEvent(self, event):  # noqa: N802
        moving = self.current_id()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if moving is None or self.session.section(moving).kind != KIND_SECTION:
            return
        where = self.drop_target(event.position().toPoint(), moving)
        if where is not None:
            self.moveRequested.emit(moving, where[0], where[1])

    def all_ids_in_order(self) -> list[str]:
        return [n.section.id for n in walk_tree(self.session.tree())]


_ICON: QIcon | None = None


def _in_use_icon() -> QIcon:
    """A small orange dot: someone else is editing this section."""
    global _ICON
    if _ICON is None:
        pix = QPixmap(12, 12)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#e07b00"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(2, 2, 8, 8)
        painter.end()
        _ICON = QIcon(pix)
    return _ICON

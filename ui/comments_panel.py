"""Comments (góp ý) in the window: the comments panel (list, filter by section, author and
open ones, reply, resolve, delete, jump to the paragraph; below it the suggestions a reviewed
Word file brought, to accept or reject one by one or all) and "Thêm góp ý" on a selection of
the editor (its right-click menu and Ctrl+Alt+M, as in Word); also File → "Đánh dấu dự
thảo…" and File → "Nhập bản góp ý…".

The engine keeps the comments (:mod:`hgreport.review.comments`); this module only shows them
and asks. :func:`attach_comments` adds all of it to a main window."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextBlock, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.review.bringback import bring_back
from hgreport.review.comments import (
    Comment,
    add_comment,
    delete_comment,
    list_comments,
    reply,
    set_resolved,
)
from hgreport.review.drafts import list_drafts, mark_draft, next_name
from hgreport.review.suggestions import Suggestion, accept, decide_all, list_suggestions, reject

from . import dialogs, review_dialogs
from .blocks import OBJECT_CHAR, block_id_of
from .i18n import current_language

# key → the English source; the Vietnamese is in resources/translations (context CommentsPanel)
TEXT = {
    "panel": QT_TRANSLATE_NOOP("CommentsPanel", "Comments"),
    "all_sections": QT_TRANSLATE_NOOP("CommentsPanel", "All sections"),
    "all_authors": QT_TRANSLATE_NOOP("CommentsPanel", "Everyone"),
    "open_only": QT_TRANSLATE_NOOP("CommentsPanel", "Open comments only"),
    "reply": QT_TRANSLATE_NOOP("CommentsPanel", "Reply…"),
    "resolve": QT_TRANSLATE_NOOP("CommentsPanel", "Resolve"),
    "reopen": QT_TRANSLATE_NOOP("CommentsPanel", "Reopen"),
    "delete": QT_TRANSLATE_NOOP("CommentsPanel", "Delete"),
    "add": QT_TRANSLATE_NOOP("CommentsPanel", "New comment…"),
    "add_tip": QT_TRANSLATE_NOOP("CommentsPanel", "Comment on the selected text (Ctrl+Alt+M)"),
    "mark_draft": QT_TRANSLATE_NOOP("CommentsPanel", "Mark a draft…"),
    "mark_draft_tip": QT_TRANSLATE_NOOP(
        "CommentsPanel", "Record the whole report as it is now under a name (“Dự thảo lần 1”)"),
    "draft_marked": QT_TRANSLATE_NOOP("CommentsPanel", "Marked “{name}”."),
    "no_paragraph": QT_TRANSLATE_NOOP("CommentsPanel", "Select the text to comment on in a section's text."),
    "resolved": QT_TRANSLATE_NOOP("CommentsPanel", "resolved"),
    "intro": QT_TRANSLATE_NOOP("CommentsPanel", "Introduction"),
    "ending": QT_TRANSLATE_NOOP("CommentsPanel", "Ending"),
    "gone": QT_TRANSLATE_NOOP("CommentsPanel", "(the paragraph was deleted)"),
    "suggestions": QT_TRANSLATE_NOOP("CommentsPanel", "Suggested changes from reviews"),
    "accept": QT_TRANSLATE_NOOP("CommentsPanel", "Accept"),
    "reject": QT_TRANSLATE_NOOP("CommentsPanel", "Reject"),
    "accept_all": QT_TRANSLATE_NOOP("CommentsPanel", "Accept all"),
    "reject_all": QT_TRANSLATE_NOOP("CommentsPanel", "Reject all"),
    "kind_replace": QT_TRANSLATE_NOOP("CommentsPanel", "change"),
    "kind_insert": QT_TRANSLATE_NOOP("CommentsPanel", "new paragraph"),
    "kind_delete": QT_TRANSLATE_NOOP("CommentsPanel", "delete paragraph"),
    "outdated": QT_TRANSLATE_NOOP(
        "CommentsPanel", "{n} suggestions were not accepted: their paragraph changed after the review."),
    "import_review": QT_TRANSLATE_NOOP("CommentsPanel", "Bring back a &reviewed file…"),
    "import_review_tip": QT_TRANSLATE_NOOP(
        "CommentsPanel", "Bring a Word file that came back with edits, tracked changes and comments into the report"),
}


def t(key: str, **args) -> str:
    """A text of the comments panel in the window's language (Qt translation)."""
    return QCoreApplication.translate("CommentsPanel", TEXT[key]).format(**args)


# -- editor positions ↔ the model's offsets (footnote marks are not text) -----------------------
def model_offset(block: QTextBlock, position: int) -> int:
    """The offset in the paragraph's text (footnote marks left out) of a document position."""
    before = block.text()[:max(0, position - block.position())]
    return len(before) - before.count(OBJECT_CHAR)


def document_position(block: QTextBlock, offset: int) -> int:
    """The document position of an offset in the paragraph's text."""
    seen = 0
    for i, ch in enumerate(block.text()):
        if seen == offset:
            return block.position() + i
        if ch != OBJECT_CHAR:
            seen += 1
    return block.position() + len(block.text())


def selection_anchor(cursor: QTextCursor) -> tuple[str, int, int, str] | None:
    """(block id, start, end, quote) of the selection (clipped to its first paragraph; the
    whole paragraph when nothing is selected), or None outside a paragraph with an id."""
    doc = cursor.document()
    block = doc.findBlock(cursor.selectionStart())
    bid = block_id_of(block)
    if bid is None or cursor.currentTable() is not None:
        return None
    if cursor.hasSelection():
        start = model_offset(block, cursor.selectionStart())
        end_pos = min(cursor.selectionEnd(), block.position() + block.length() - 1)
        end = model_offset(block, end_pos)
    else:
        start, end = 0, model_offset(block, block.position() + block.length() - 1)
    plain = block.text().replace(OBJECT_CHAR, "")
    return bid, start, end, plain[start:end]


# -- the panel ----------------------------------------------------------------------------------
class CommentsPanel(QWidget):
    """The list of comments, with their replies, and what can be done with them."""

    jumpRequested = Signal(str, str, int, int)  # section id, block id, start, end

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("commentsPanel")
        self.session = session
        self.comments: dict[str, Comment] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.section_filter = QComboBox(self)
        self.author_filter = QComboBox(self)
        self.open_only = QCheckBox(t("open_only"), self)
        for w in (self.section_filter, self.author_filter, self.open_only):
            layout.addWidget(w)
        self.list = QTreeWidget(self)
        self.list.setHeaderHidden(True)
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.reply_button = QPushButton(t("reply"), self)
        self.resolve_button = QPushButton(t("resolve"), self)
        self.delete_button = QPushButton(t("delete"), self)
        for b in (self.reply_button, self.resolve_button, self.delete_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.suggestion_list = QTreeWidget(self)
        self.suggestion_list.setHeaderLabels([t("suggestions")])
        self.suggestion_list.setWordWrap(True)
        layout.addWidget(self.suggestion_list, 1)
        row = QHBoxLayout()
        self.accept_button = QPushButton(t("accept"), self)
        self.reject_button = QPushButton(t("reject"), self)
        self.accept_all_button = QPushButton(t("accept_all"), self)
        self.reject_all_button = QPushButton(t("reject_all"), self)
        for b in (self.accept_button, self.reject_button, self.accept_all_button,
                  self.reject_all_button):
            row.addWidget(b)
        layout.addLayout(row)
        self.before_change = lambda: True  # the window saves its unsaved text first
        self.after_change = lambda: None  # and shows the sections that changed
        self.accept_button.clicked.connect(lambda: self.decide(self.selected_suggestion(), True))
        self.reject_button.clicked.connect(lambda: self.decide(self.selected_suggestion(), False))
        self.accept_all_button.clicked.connect(lambda: self.decide_all(True))
        self.reject_all_button.clicked.connect(lambda: self.decide_all(False))
        self.suggestion_list.itemActivated.connect(
            lambda item, _col: self._jump_suggestion(self._id_of(item)))
        self.suggestion_list.itemSelectionChanged.connect(self._update_buttons)
        self.suggestions: dict[str, Suggestion] = {}
        self.section_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.author_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.list.itemActivated.connect(lambda item, _col: self.jump(self._id_of(item)))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.reply_button.clicked.connect(lambda: self.reply_to(self.selected_id()))
        self.resolve_button.clicked.connect(lambda: self.toggle_resolved(self.selected_id()))
        self.delete_button.clicked.connect(lambda: self.delete(self.selected_id()))
        self.refresh()

    # -- reading --------------------------------------------------------------------------
    def _label(self, section_id: str) -> str:
        s = self.session
        if not s.has_section(section_id):
            return ""
        kind = s.section(section_id).kind
        return t(kind) if kind in ("intro", "ending") else s.section_label(section_id)

    def _fill_filters(self, everything: list[Comment]) -> None:
        def fill(combo: QComboBox, first: str, values: list[tuple[str, str]]) -> None:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for value, label in values:
                combo.addItem(label, value)
            at = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(at, 0))
            combo.blockSignals(False)

        sections = list(dict.fromkeys(c.section_id for c in everything))
        fill(self.section_filter, t("all_sections"),
             [(sid, self._label(sid) or "?") for sid in sections])
        authors = sorted({a for c in everything for a in [c.author, *(r.author
                                                                        for r in c.replies)]})
        fill(self.author_filter, t("all_authors"), [(a, a or "?") for a in authors])

    def refresh(self) -> None:
        """Read the comments again and show those the filters let through."""
        store = self.session.store
        everything = list_comments(store, self.session.report)
        self._fill_filters(everything)
        shown = list_comments(store, self.session.report,
                              section_id=self.section_filter.currentData(),
                              author=self.author_filter.currentData(),
                              open_only=self.open_only.isChecked())
        keep = self.selected_id()
        self.comments = {c.id: c for c in everything}
        self.list.clear()
        for c in shown:
            item = QTreeWidgetItem([self._line(c, True)])
            item.setData(0, Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(0, c.text)
            if c.resolved:
                item.setForeground(0, Qt.GlobalColor.gray)
            for r in c.replies:
                child = QTreeWidgetItem([self._line(r, False)])
                child.setData(0, Qt.ItemDataRole.UserRole, r.id)
                self.comments[r.id] = r
                item.addChild(child)
            self.list.addTopLevelItem(item)
            item.setExpanded(True)
            if c.id == keep:
                self.list.setCurrentItem(item)
        self.suggestions = {s.id: s for s in list_suggestions(store)}
        self.suggestion_list.clear()
        for sug in self.suggestions.values():
            was = f"\n− {sug.to_dict()['was']}" if sug.kind == "replace" else ""
            item = QTreeWidgetItem([f"{sug.author or '?'} · {t('kind_' + sug.kind)} · "
                                    f"{self._label(sug.section_id)}\n{sug.text}{was}"])
            item.setData(0, Qt.ItemDataRole.UserRole, sug.id)
            item.setToolTip(0, sug.text)
            self.suggestion_list.addTopLevelItem(item)
        self._update_buttons()

    def _line(self, c: Comment, top: bool) -> str:
        when = c.at[:16].replace("T", " ")
        head = f"{c.author or '?'} · {when}"
        if top:
            where = self._label(c.section_id)
            state = f" · {t('resolved')}" if c.resolved else ""
            quote = f"“{c.quote}”" if c.quote else ""
            return f"{head}{state}\n{where} {quote}\n{c.text}".replace("\n\n", "\n")
        return f"↳ {head}\n{c.text}"

    def _id_of(self, item: QTreeWidgetItem | None) -> str | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def selected_id(self) -> str | None:
        return self._id_of(self.list.currentItem())

    def _root(self, comment_id: str | None) -> Comment | None:
        c = self.comments.get(comment_id or "")
        if c is not None and c.parent_id:
            return self.comments.get(c.parent_id)
        return c

    def _update_buttons(self) -> None:
        root = self._root(self.selected_id())
        writable = not self.session.store.read_only
        for b in (self.reply_button, self.resolve_button, self.delete_button):
            b.setEnabled(root is not None and writable)
        self.resolve_button.setText(t("reopen") if root and root.resolved else t("resolve"))
        chosen = self.selected_suggestion() is not None
        self.accept_button.setEnabled(chosen and writable)
        self.reject_button.setEnabled(chosen and writable)
        for b in (self.accept_all_button, self.reject_all_button):
            b.setEnabled(bool(self.suggestions) and writable)

    # -- acting ------------------------------------------------------------------------------
    def _do(self, action) -> bool:
        try:
            action()
        except errors.ReportError as exc:
            dialogs.show_error(self.window(), exc.message(current_language()))
            self.refresh()
            return False
        self.refresh()
        return True

    def reply_to(self, comment_id: str | None) -> bool:
        root = self._root(comment_id)
        if root is None:
            return False
        text = review_dialogs.ask_comment_text(self.window(), root.quote, reply=True)
        return bool(text) and self._do(lambda: reply(self.session.store, root.id, text))

    def toggle_resolved(self, comment_id: str | None) -> bool:
        root = self._root(comment_id)
        return root is not None and self._do(
            lambda: set_resolved(self.session.store, root.id, not root.resolved))

    def delete(self, comment_id: str | None) -> bool:
        c = self.comments.get(comment_id or "")
        return c is not None and self._do(lambda: delete_comment(self.session.store, c.id))

    def selected_suggestion(self) -> str | None:
        return self._id_of(self.suggestion_list.currentItem())

    def decide(self, suggestion_id: str | None, accepting: bool) -> bool:
        """Accept or reject one suggestion."""
        if suggestion_id is None or not self.before_change():
            return False
        store = self.session.store
        done = self._do(lambda: (accept if accepting else reject)(store, suggestion_id))
        self.after_change()
        return done

    def decide_all(self, accepting: bool) -> int:
        """Accept or reject every suggestion; says which could not be accepted."""
        if not self.before_change():
            return 0
        done, left = decide_all(self.session.store, accepting)
        self.after_change()
        self.refresh()
        if left:
            dialogs.show_error(self.window(), t("outdated", n=len(left)))
        return done

    def _jump_suggestion(self, suggestion_id: str | None) -> None:
        sug = self.suggestions.get(suggestion_id or "")
        if sug is not None:
            self.jumpRequested.emit(sug.section_id, sug.block_id, 0, 0)

    def jump(self, comment_id: str | None) -> None:
        root = self._root(comment_id)
        if root is not None:
            self.jumpRequested.emit(root.section_id, root.block_id, root.start, root.end)


# -- the window's side ------------------------------------------------------------------------------
class CommentCommands:
    """The window's comment and draft commands, and the dock that holds the panel."""

    def __init__(self, win):
        self.win = win
        self.panel = CommentsPanel(win.session, win)
        self.dock = QDockWidget(t("panel"), win)
        self.dock.setObjectName("commentsDock")
        self.dock.setWidget(self.panel)
        win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.panel.jumpRequested.connect(self.jump)
        win.session.outlineChanged.connect(self._refresh_if_shown)
        self.act_add = QAction(t("add"), win)
        self.act_add.setShortcut(QKeySequence("Ctrl+Alt+M"))
        self.act_add.setToolTip(t("add_tip"))
        self.act_add.setStatusTip(t("add_tip"))
        self.act_add.triggered.connect(self.add_comment)
        win.addAction(self.act_add)
        self.act_panel = self.dock.toggleViewAction()
        self.act_panel.setText(t("panel"))
        self.act_import_review = QAction(t("import_review"), win)
        self.act_import_review.setStatusTip(t("import_review_tip"))
        self.act_import_review.triggered.connect(self.import_review)
        self.panel.before_change = self._save
        self.panel.after_change = lambda: win.session.pull_changes(force=True)
        self.act_mark_draft = QAction(t("mark_draft"), win)
        self.act_mark_draft.setStatusTip(t("mark_draft_tip"))
        self.act_mark_draft.triggered.connect(self.mark_draft)
        if win.store.read_only:
            self.act_add.setEnabled(False)
            self.act_mark_draft.setEnabled(False)
            self.act_import_review.setEnabled(False)

    def _refresh_if_shown(self) -> None:
        if self.dock.isVisible():
            self.panel.refresh()

    def _save(self) -> bool:
        win = self.win
        win.footnotes.flush()
        if not win.session.save_all():
            dialogs.show_error(win, win.session.last_error)
            return False
        return True

    def add_comment(self) -> bool:
        """Comment on the editor's selection (or its paragraph)."""
        win = self.win
        anchor = selection_anchor(win.editor.textCursor()) if win.editor.section_id else None
        if anchor is None:
            dialogs.show_error(win, t("no_paragraph"))
            return False
        block_id, start, end, quote = anchor
        text = review_dialogs.ask_comment_text(win, quote)
        if not text or not self._save():  # the paragraph must be in the file to be pointed at
            return False
        section_id = win.editor.section_id
        self.dock.show()
        return self.panel._do(lambda: add_comment(win.store, section_id, block_id, start, end,
                                                   text))

    def jump(self, section_id: str, block_id: str, start: int, end: int) -> bool:
        """Show the paragraph a comment is on, its range selected."""
        win = self.win
        if not win.session.has_section(section_id):
            return False
        win._go_to(section_id)
        doc = win.editor.document()
        block = doc.begin()
        while block.isValid() and block_id_of(block) != block_id:
            block = block.next()
        if not block.isValid():
            return False
        cursor = QTextCursor(doc)
        cursor.setPosition(document_position(block, start))
        cursor.setPosition(document_position(block, end), QTextCursor.MoveMode.KeepAnchor)
        win.editor.setTextCursor(cursor)
        win.editor.ensureCursorVisible()
        win.editor.setFocus()
        return True

    def import_review(self, path: str | None = None) -> bool:
        """File → "Nhập bản góp ý…": a reviewed Word file back into the report; what came in
        is shown, the comments and suggestions in the panel."""
        win = self.win
        path = path or review_dialogs.ask_reviewed_path(win, str(win.store.path.parent))
        if not path or not self._save():
            return False
        try:
            result = bring_back(win.store, path)
        except errors.ReportError as exc:
            dialogs.show_error(win, exc.message(current_language()))
            return False
        win.session.pull_changes(force=True)
        self.panel.refresh()
        if result.comments or result.suggestions:
            self.dock.show()
        dialogs.show_info(win, "\n".join(result.summary_lines(current_language())))
        return True

    def mark_draft(self) -> bool:
        """File → "Đánh dấu dự thảo…": name the whole report as it is now."""
        win = self.win
        if not self._save():
            return False
        suggested = next_name([d.name for d in list_drafts(win.store)])
        name = review_dialogs.ask_draft_name(win, suggested)
        if not name:
            return False
        try:
            draft = mark_draft(win.store, name)
        except errors.ReportError as exc:
            dialogs.show_error(win, exc.message(current_language()))
            return False
        win.session.pull_changes(force=True)  # the header's draft mark may have followed
        win.statusBar().showMessage(t("draft_marked", name=draft.name), 5000)
        return True


def _menu_holding(win, act: QAction):
    for top in win.menuBar().actions():
        menu = top.menu()
        if menu is not None and act in menu.actions():
            return menu
    return None


def attach_comments(win) -> CommentCommands:
    """Give a main window the comments panel (View menu), "Thêm góp ý" (Insert menu, the
    editor's right-click menu, Ctrl+Alt+M) and "Đánh dấu dự thảo…" (File menu)."""
    commands = CommentCommands(win)
    insert = _menu_holding(win, win.act_footnote)
    if insert is not None:
        insert.addSeparator()
        insert.addAction(commands.act_add)
    view = _menu_holding(win, win.act_footnotes)
    if view is not None:
        view.insertAction(win.act_footnotes, commands.act_panel)
    file_menu = _menu_holding(win, win.act_export)
    if file_menu is not None:
        file_menu.insertAction(win.act_send_copy, commands.act_mark_draft)
        file_menu.insertAction(win.act_send_copy, commands.act_import_review)
    win.editor.extra_actions.append(commands.act_add)
    win.comments = commands
    return commands

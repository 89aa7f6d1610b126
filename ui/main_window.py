"""One report's window: builds the section tree, the editor under its heading with the find bar,
the footnote panel and the status bar, and connects them to each other and to the session.
Menus and shortcuts, export, files, settings and dialogs live in modules of their own."""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.storage import ReportStore

from . import actions, dialogs, identity, pages_view, report_files, settings
from .blocks import char_format, footnote_format
from .comments_panel import attach_comments
from .editor import SectionEditor
from .export_action import ExportAction
from .find import FindBar, Finder
from .footnotes import FootnotePanel, reference_cursors
from .i18n import current_language
from .import_word import import_word_report
from .problems_dialog import ProblemsDialog
from .properties import PropertiesDialog
from .restore_dialog import deleted_sections
from .section_tree import SectionTree
from .session import SAVED, Session
from .sharing import SharingWatcher
from .status_bar import ReportStatusBar

# the text column never gets narrower than this many characters of the report's font: the
# panels give way (narrower, then hidden) when the window is too narrow for all three
READABLE_CHARS = 60
READABLE_SAMPLE = ("Đảng bộ tỉnh tiếp tục lãnh đạo, chỉ đạo thực hiện thắng lợi các mục "
                   "tiêu phát triển kinh tế - xã hội")[:READABLE_CHARS]
PANELS = settings.PANELS  # the section list, the footnote panel
PANEL_MIN = {"tree": 180, "footnotes": 240}  # narrower than this, a panel is hidden instead
PANEL_WIDTH = {"tree": 330, "footnotes": 330}  # the first start's widths
REFUSED_EVERY_S = 4.0  # a refused key is explained in the status bar at most this often


class MainWindow(QMainWindow):
    """One window per open report file."""

    openRequested = Signal(str)    # File → Open… or a recent file: open it in its own window
    windowOpened = Signal(object)  # this window opened another (a new or imported report)

    def __init__(self, store: ReportStore, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.session = Session(store, self)
        self.session.window = self
        identity.register(store)
        self.setWindowIcon(QIcon(settings.icon_path()))
        self.tree = SectionTree(self.session, self)
        self.editor = SectionEditor(self.session, self)
        self.find_bar = FindBar(self)
        self.footnotes = FootnotePanel(self.session, self)
        self.session.before_sync.append(self.footnotes.flush)  # saves and pulls take its typing
        self.problems = ProblemsDialog(self)
        self.setCentralWidget(self._make_splitter())
        self.status = ReportStatusBar(self)
        self.setStatusBar(self.status)
        self.status.follow_zoom(self.editor)  # the zoom slider of the text
        self.save_label, self.words_label = self.status.save_label, self.status.words_label
        self.presence_label = self.status.presence_label
        self.network_label = self.status.network_label
        self.finder = Finder(self.find_bar, self.session, self.editor, self._go_to)
        self.exporting = ExportAction(self, self.session, self.problems, self.status,
                                      flush=self.footnotes.flush)
        actions.make_actions(self)
        self.pages = pages_view.attach(self)  # View → Pages, File → Print / Export PDF
        actions.make_menus(self)
        actions.make_toolbar(self)
        self._connect()
        self._start_sharing()
        self.editor.extra_actions = [self.act_footnote]
        self.tree.menu_actions = actions.section_menu(self)
        attach_comments(self)  # the comments panel, "Thêm góp ý", "Đánh dấu dự thảo…"
        if store.read_only:
            for act in actions.changing_actions(self):
                act.setEnabled(False)
            self.tree.setDragDropMode(self.tree.DragDropMode.NoDragDrop)
            self.tree.setEditTriggers(self.tree.EditTrigger.NoEditTriggers)
            self.footnotes.editor.setReadOnly(True)
        self._update_title()
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        self.resize(min(1420, screen.width()), min(860, screen.height()))  # a laptop: fit it
        self._restore_layout()
        self.tree.select(self._first_section_to_show())
        self._on_save_state(self.session.state, "")
        settings.remember_recent(str(store.path))

    def _first_section_to_show(self) -> str:
        """Where reading starts: the first part with text (the introduction of most reports),
        else the first numbered section."""
        report = self.session.report
        for sec in report.all_sections():
            if sec.plain_text.strip():
                return sec.id
        numbered = report.ordered_sections()
        return numbered[0].id if numbered else report.intro.id

    # -- building -----------------------------------------------------------------------------
    def _make_splitter(self) -> QSplitter:
        """Tree | heading, editor and find bar | footnote panel."""
        centre = QWidget(self)
        lay = QVBoxLayout(centre)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-family: 'Times New Roman', 'Liberation Serif', serif;"
                                   " font-size: 15pt; font-weight: bold; padding: 8px 16px;"
                                   " background: #d9dce1; color: #1f2a44;")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.heading)
        lay.addWidget(self.editor, 1)
        lay.addWidget(self.find_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.footnotes)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([PANEL_WIDTH["tree"], 760, PANEL_WIDTH["footnotes"]])
        self.splitter.splitterMoved.connect(self._splitter_moved)
        self.panel_wanted = {name: True for name in PANELS}  # what the person chose (View)
        self.panel_width = dict(PANEL_WIDTH)  # their width when there is room
        self._fitting = False
        return self.splitter

    def _connect(self) -> None:
        s = self.session
        self.tree.sectionSelected.connect(self.show_section)
        self.tree.renameRequested.connect(s.rename_section, Qt.ConnectionType.QueuedConnection)
        self.tree.moveRequested.connect(self._move_to)
        s.outlineChanged.connect(self._outline_changed)
        s.saveStateChanged.connect(self._on_save_state)
        s.sectionReplaced.connect(self._section_replaced)
        self.editor.currentCharFormatChanged.connect(self._sync_format_buttons)
        self.editor.footnoteActivated.connect(self._edit_footnote)
        self.editor.bar.historyRequested.connect(self.show_history)  # a damaged section
        self.editor.bar.backupsRequested.connect(self.open_backup_folder)
        self.editor.bar.editAnywayRequested.connect(self.edit_anyway)  # someone else's section
        self.editor.keyRefused.connect(self._key_refused)
        self._view_only = False  # the person chose to only read the section someone else edits
        self._deletion_said = False  # a colleague's deletion was just told in the status bar
        self._asking: str | None = None  # the section whose "in use" question is open
        self._refused_at = -REFUSED_EVERY_S
        self._leave_timer = QTimer(self, singleShot=True, interval=0)
        self._leave_timer.timeout.connect(self.session.save_all)
        self.editor.focusLeft.connect(self._leave_timer.start)
        self.footnotes.jumpRequested.connect(self.jump_to_footnote)
        self.footnotes.backRequested.connect(self.back_to_reference)
        self.footnotes.deleteRequested.connect(self.delete_footnote)
        self.footnotes.fixRequested.connect(self.fix_footnote)
        self.problems.jumpRequested.connect(self.tree.select)
        self._counted_docs: set[str] = set()
        self._counts_timer = QTimer(self, singleShot=True, interval=400)
        self._counts_timer.timeout.connect(self._update_counts)

    # -- sharing: presence, others' saves, copies, backups, history ------------------------------
    def _start_sharing(self) -> None:
        from hgreport.backup import backup_on_open
        from hgreport.sharing import is_network_path

        self.sharing = SharingWatcher(self.session, self)
        self.sharing.othersChanged.connect(self._show_others)
        self.sharing.contentChanged.connect(self._others_saved)
        self.sharing.lockedChanged.connect(self.status.show_locked)
        self.session.headerChanged.connect(self._update_title)
        self.session.sectionsDeleted.connect(self._deleted_by_others)
        self._show_others(self.sharing.others)
        try:
            network = is_network_path(self.store.path)
        except OSError:
            network = False
        if network:
            self.status.show_network_folder()
        try:
            backup_on_open(self.store)
        except (errors.ReportError, OSError):
            pass

    def _stop_sharing(self) -> None:
        from hgreport.backup import backup_on_close

        self.sharing.close()
        try:
            backup_on_close(self.store)
        except (errors.ReportError, OSError):
            pass

    def _ask_if_in_use(self, section_id: str) -> bool:
        """Warn before opening a section someone else edits (never about this person's own
        other window); True to edit it."""
        sharing = getattr(self, "sharing", None)
        if sharing is None or self.store.read_only:
            return True
        others = [e for e in sharing.editing(section_id) if not e.mine]
        if not others:
            return True
        who = ", ".join(e.label for e in others)
        return dialogs.warn_in_use(self, self.session.section_label(section_id), who)

    def _label(self, editor) -> str:
        return self.tr("you, in another window") if editor.mine else editor.label

    def _show_others(self, others) -> None:
        s = self.session
        self.status.show_others([
            (self._label(e),
             ", ".join(s.section_short(sid) for sid in e.sections if s.has_section(sid)))
            for e in others])
        self.tree.set_in_use({sid: [self._label(e) for e in eds]
                              for sid, eds in self.sharing.sections_in_use().items()})
        self._update_use_bar()

    def _update_use_bar(self) -> None:
        """The bar over the text says who else uses the section shown: someone holding it
        while this window only reads it (until when; "Edit anyway"), someone editing it too,
        or this person's other window. When the holder leaves, the section becomes editable
        again and the bar goes away by itself."""
        sid = self.editor.section_id
        sharing = getattr(self, "sharing", None)
        if sid is None or sharing is None or self.store.read_only:
            self.editor.show_use(None)
            return
        here = [e for e in sharing.others if sid in e.sections]
        people = [e for e in here if not e.mine]
        if self._view_only and people:
            until = time.strftime("%H:%M:%S", time.localtime(max(e.until for e in people)))
            self.editor.show_use("in_use", self.tr(
                "Read only: %1 is editing this section (their hold runs until %2 and is renewed "
                "while they work in it). Click “Edit anyway” to edit it too, or wait: this bar "
                "goes away by itself when they leave.").replace(
                "%1", ", ".join(e.label for e in people)).replace("%2", until))
            return
        if self._view_only:  # they left: the section is this window's to edit
            self._view_only = False
            if not self.editor.damaged:
                self.editor.setReadOnly(False)
            sharing.claim(sid)
            self.statusBar().showMessage(self.tr("Nobody else is editing this section now: "
                                                 "you can edit it."), 6000)
        if people:
            self.editor.show_use("note", self.tr(
                "%1 is also editing this section. If you both change the same paragraph, you "
                "will be asked which version to keep.").replace(
                "%1", ", ".join(e.label for e in people)))
        elif here:
            self.editor.show_use("note", self.tr(
                "You also have this section open in another window on this PC. Both windows "
                "save into the same file: what you type in one appears in the other."))
        else:
            self.editor.show_use(None)

    def edit_anyway(self) -> None:
        """"Edit anyway" on the bar of a section someone else holds (after the warning): edit
        it alongside them; a paragraph both change is asked about when saving."""
        sid = self.editor.section_id
        if sid is None or self.store.read_only or self.editor.damaged:
            return
        self._view_only = False
        self.editor.setReadOnly(False)
        self.statusBar().clearMessage()  # a "read only" word from a refused key is past
        self.sharing.claim(sid)
        self.sharing.refresh_others()
        self._update_use_bar()
        self.editor.setFocus()

    def _key_refused(self) -> None:
        """A key (or a paste) in a read-only section: say why in the status bar, at most
        once every few seconds, never in a dialog."""
        now = time.monotonic()
        if now - self._refused_at < REFUSED_EVERY_S:
            return
        self._refused_at = now
        if self.store.read_only:
            text = self.tr("This report is open read-only: the text cannot be changed.")
        elif self.editor.damaged:
            text = self.tr("This section is damaged and read-only: bring back a good version "
                           "from its history (Ctrl+Alt+H).")
        elif self._view_only:
            sid = self.editor.section_id
            who = ", ".join(e.label for e in self.sharing.others
                            if sid in e.sections and not e.mine) or "?"
            text = self.tr("Read only: %1 is editing this section. “Edit anyway” is above "
                           "the text.").replace("%1", who)
        else:
            text = self.tr("This text cannot be changed here.")
        self.statusBar().showMessage(text, 6000)

    def _deleted_by_others(self, names: list[str]) -> None:
        self._deletion_said = True  # the plainer "changes taken in" does not cover it
        self.statusBar().showMessage(self.tr(
            "Someone else deleted “%1” (Sections → Restore a deleted section… brings it back)."
        ).replace("%1", "”, “".join(names)), 15000)

    def _others_saved(self, changed) -> None:
        self._update_heading()
        self._update_counts()
        self.tree.refresh_counts()
        if changed and not self._deletion_said:
            self.statusBar().showMessage(self.tr("Changes saved by others were taken in."), 5000)
        self._deletion_said = False

    def send_copy(self) -> Path | None:
        """A consistent copy of the whole report (never a raw copy of a file in use)."""
        self.footnotes.flush()
        self.session.save_all()
        target = report_files.send_copy(self, self.store)
        if target is not None:
            self.statusBar().showMessage(self.tr("Copy written: %1").replace("%1", str(target)),
                                         10000)
        return target

    def merge_copy(self):
        """Merge a copy that came back; the result and its conflicts are listed."""
        from hgreport.merge import merge_copy

        if self.store.read_only:
            return None
        self.footnotes.flush()
        if not self.session.save_all():
            dialogs.show_error(self, self.session.last_error)
            return None
        path = dialogs.ask_merge_path(self, str(Path(self.store.path).parent))
        if not path:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(self.tr("Merging the copy…"))
        QApplication.processEvents()
        try:
            result = merge_copy(self.store, path, author=self.store.author)
        except errors.ReportError as exc:
            QApplication.restoreOverrideCursor()
            self.statusBar().clearMessage()
            dialogs.show_error(self, str(exc))
            return None
        finally:
            if QApplication.overrideCursor() is not None:
                QApplication.restoreOverrideCursor()
        self.refresh_from_file()
        self.statusBar().showMessage(self.tr("Copy merged."), 8000)
        return self._merge_dialog(result)

    def show_conflicts(self):
        """The conflicts still to resolve, from earlier merges."""
        return self._merge_dialog(None)

    def _merge_dialog(self, result):
        from .merge_dialog import MergeDialog

        dlg = MergeDialog(self, result)
        self.merge_dialog = dlg
        dlg.show()
        return dlg

    def refresh_from_file(self) -> None:
        """After this window changed the file in bulk (merge, resolving a conflict)."""
        self.session.pull_changes(force=True)
        self.sharing.mark_seen()
        self._update_title()
        self._others_saved([])

    def open_backup_folder(self) -> str:
        return report_files.open_backup_folder()

    def show_history(self):
        sid = self.tree.current_id() or self.editor.section_id
        if not sid:
            return None
        self.footnotes.flush()
        self.session.save_all()
        from .history_dialog import HistoryDialog

        dlg = HistoryDialog(self, sid)
        self.sharing.contentChanged.connect(dlg.others_saved)
        self.history_dialog = dlg
        dlg.show()
        return dlg

    def compare_drafts(self):
        """File → "So sánh với dự thảo…": what changed since a draft (or between two); a
        section picked there is shown in the editor."""
        from .compare_dialog import open_compare

        self.footnotes.flush()
        self.session.save_all()
        dlg = open_compare(self, self.store, self.session.has_section)
        if dlg is not None:
            dlg.sectionChosen.connect(self._go_to)
            dlg.setWindowModality(Qt.WindowModality.WindowModal)  # what it shows is saved
            self.compare_dialog = dlg
            dlg.show()
        return dlg

    def save_now(self) -> bool:
        """Ctrl+S, for hands used to Word: saving happens anyway; this does it now."""
        self.footnotes.flush()
        ok = self.session.save_all()
        if ok:
            self.statusBar().showMessage(self.tr("All changes are saved."), 4000)
        else:
            dialogs.show_error(self, self.session.last_error)
        return ok

    # -- sections -------------------------------------------------------------------------------
    def show_section(self, section_id: str) -> None:
        if section_id == self.editor.section_id or not self.session.has_section(section_id):
            return
        if section_id == self._asking:  # its question is open (asked once per visit)
            return
        if self.editor.section_id is not None:
            self.footnotes.flush()
            self.session.save_all()  # leaving a section saves it
        self._asking = section_id
        try:
            edit = self._ask_if_in_use(section_id)
        finally:
            self._asking = None
        if section_id == self.editor.section_id or not self.session.has_section(section_id):
            return  # shown, or gone, while the question was open
        doc = self.session.document(section_id)
        if section_id not in self._counted_docs:
            self._counted_docs.add(section_id)
            doc.contentsChanged.connect(self._counts_timer.start)
        self.editor.show_section(section_id, doc)
        self._view_only = not edit
        if self.store.read_only or not edit:
            self.editor.setReadOnly(True)
        if getattr(self, "sharing", None) is not None:
            self.sharing.claim(section_id if edit else None)
            self.sharing.refresh_others()
        self._update_use_bar()
        self._update_heading()
        self._update_counts()

    def _go_to(self, section_id: str) -> None:
        self.tree.select(section_id)
        self.show_section(section_id)

    def _outline_changed(self) -> None:
        current = self.editor.section_id
        if current is not None and not self.session.has_section(current):
            self.editor.section_id = None  # gone: the tree selects a neighbour of it
            self.editor.show_section(None, None)
        self.tree.rebuild()
        if self.editor.section_id is None:
            self._go_to(self.tree.current_id() or self.session.report.intro.id)
        self._update_heading()
        self._update_counts()

    def _update_heading(self) -> None:
        """The section's printed number and title above the page, with the numbers of the
        footnotes its heading carries."""
        sid = self.editor.section_id
        text = html.escape(self.session.section_label(sid)) if sid else ""
        notes = self.session.section(sid).title_notes if sid else []
        if notes:
            numbers = ", ".join(str(self.session.numbers.get(f, "?")) for f in notes)
            text += f"<sup>{numbers}</sup>"
        self.heading.setText(text)
        self.heading.setToolTip(self.tr("Rename with F2 in the section tree"))

    def _section_replaced(self, section_id: str) -> None:
        if section_id == self.editor.section_id:
            self.editor.viewport().update()

    def add_section(self, child: bool) -> None:
        near = self.tree.current_id()
        sid = self.session.add_section(near, child, self.tr("New section"))
        if sid:
            self.tree.select(sid)
            self.tree.editItem(self.tree.items[sid], 0)

    def rename_section(self) -> None:
        sid = self.tree.current_id()
        if sid and sid in self.tree.items and self.session.section(sid).kind == "section":
            self.tree.setFocus()
            self.tree.editItem(self.tree.items[sid], 0)

    def delete_section(self) -> None:
        sid = self.tree.current_id()
        if not sid or self.session.section(sid).kind != "section":
            return
        self.session.delete_section(sid)
        self.statusBar().showMessage(self.tr("Section deleted. Undo (Ctrl+Z) or Sections → "
                                             "Restore brings it back."), 8000)

    def restore_section(self) -> None:
        deleted = self.session.deleted_sections()
        if not deleted:
            dialogs.show_info(self, self.tr("No deleted sections."))
            return
        sid = dialogs.choose_deleted_section(self, deleted_sections(self.session))
        if sid and self.session.restore_section(sid):
            self.tree.select(sid)

    def _move(self, how: str) -> None:
        sid = self.tree.current_id()
        if not sid:
            return
        {"up": self.session.move_up, "down": self.session.move_down,
         "promote": self.session.promote, "demote": self.session.demote}[how](sid)
        self.tree.select(sid)

    def _move_to(self, sid: str, parent_id, index: int) -> None:
        self.session.move_section(sid, parent_id, index)
        self.tree.select(sid)

    # -- editing -----------------------------------------------------------------------------
    def _focus_in_tree(self) -> bool:
        w = QApplication.focusWidget()
        return w is self.tree or (w is not None and self.tree.isAncestorOf(w))

    def undo(self) -> None:
        w = QApplication.focusWidget()
        if w is self.footnotes.editor:
            self.footnotes.editor.undo()
        elif self._focus_in_tree():  # section changes are undone from the tree only
            self.session.undo_stack.undo()
        else:
            self.editor.undo()

    def redo(self) -> None:
        w = QApplication.focusWidget()
        if w is self.footnotes.editor:
            self.footnotes.editor.redo()
        elif self._focus_in_tree():
            self.session.undo_stack.redo()
        else:
            self.editor.redo()

    def _mark(self, mark: str) -> None:
        w = QApplication.focusWidget()
        if w is self.footnotes.editor and mark in ("b", "i", "u"):
            self.footnotes._toggle_mark(mark)
            return
        self.editor.toggle_mark(mark)
        self.editor.setFocus()

    def _sync_format_buttons(self, fmt) -> None:
        marks = self.editor.marks_at_cursor()
        for act, m in ((self.act_bold, "b"), (self.act_italic, "i"), (self.act_underline, "u"),
                       (self.act_sup, "sup"), (self.act_sub, "sub")):
            act.setChecked(m in marks)

    def open_find(self, replace: bool) -> None:
        self.finder.open(replace)

    def find_next(self) -> bool:
        return self.finder.find_next()

    def replace_one(self) -> None:
        self.finder.replace_one()

    def replace_all(self) -> int:
        return self.finder.replace_all()

    # -- footnotes ------------------------------------------------------------------------------
    def insert_footnote(self) -> None:
        fid = self.editor.insert_footnote()
        if fid:
            self._edit_footnote(fid)

    def add_title_note(self) -> None:
        """A footnote at the end of the selected section's heading, opened for its text."""
        sid = self.tree.current_id()
        if self.store.read_only or sid is None or self.session.section(sid).kind != "section":
            self.statusBar().showMessage(
                self.tr("Choose a numbered section in the list first."), 6000)
            return
        fid = self.session.add_title_note(sid)
        if fid:
            self._edit_footnote(fid)

    def _edit_footnote(self, footnote_id: str) -> None:
        if not self.footnotes.isVisible():
            self.show_panel("footnotes", True)
        self.footnotes.edit(footnote_id)

    def jump_to_footnote(self, footnote_id: str, section_id: str) -> None:
        self._go_to(section_id)
        if self.editor.select_footnote(footnote_id):
            self.editor.setFocus()

    def back_to_reference(self, footnote_id: str) -> None:
        """From the footnote panel back to the text, the cursor right after the reference
        (Esc or Shift+F5); a footnote on a heading goes back to its section."""
        if footnote_id and (self.editor.section_id is None
                            or not self.editor.select_footnote(footnote_id)):
            found = reference_cursors(self.session, footnote_id)
            owner = self.session.title_note_owner(footnote_id)
            if found:
                self.jump_to_footnote(footnote_id, found[0][0])
            elif owner:
                self._go_to(owner)
        self.editor.setFocus()

    def delete_footnote(self, footnote_id: str) -> None:
        """Delete a footnote: its references and its text. Undo in the section (Ctrl+Z)
        brings both back."""
        if self.store.read_only:
            return
        found = reference_cursors(self.session, footnote_id)
        owner = self.session.title_note_owner(footnote_id)
        if not found and owner:
            notes = [f for f in self.session.section(owner).title_notes if f != footnote_id]
            if self.session.set_title_notes(owner, notes):
                self.statusBar().showMessage(self.tr(
                    "Footnote deleted from the heading. Undo in the section list brings it "
                    "back."), 8000)
            return
        if not found:
            self.session.delete_orphan(footnote_id)
            return
        for _sid, cursor in reversed(found):
            cursor.removeSelectedText()
        self._go_to(found[0][0])
        self.editor.setFocus()
        self.statusBar().showMessage(self.tr("Footnote deleted. Ctrl+Z brings it back."), 8000)

    def fix_footnote(self, footnote_id: str, kind: str) -> None:
        """The fix the footnote panel offers for a problem."""
        if self.store.read_only:
            return
        if kind == "missing":
            self.session.give_text_to_missing(footnote_id)
            self.footnotes.edit(footnote_id)
        elif kind == "orphan":
            if self.editor.section_id is None or self.editor.isReadOnly():
                return
            self.editor.insert_reference(footnote_id)
            self.editor.setFocus()
        elif kind == "duplicate":
            found = reference_cursors(self.session, footnote_id)
            if len(found) < 2:
                return
            sid, cursor = found[1]
            copy = self.session.copy_footnote(footnote_id)
            cursor.insertText("\ufffc", footnote_format(copy, char_format()))
            self.footnotes.edit(copy)

    # -- panels: shown as chosen in View, and giving way so the text stays readable ---------------
    def _panel(self, name: str) -> QWidget:
        return self.tree if name == "tree" else self.footnotes

    def _toggle_footnotes(self) -> None:
        self.show_panel("footnotes", self.act_footnotes.isChecked())

    def _toggle_tree(self) -> None:
        self.show_panel("tree", self.act_tree.isChecked())

    def show_panel(self, name: str, shown: bool) -> None:
        """View → a panel (F8, F9): shown or hidden as asked. A panel asked for in a narrow
        window takes the room of the other one rather than the text's."""
        panel = self._panel(name)
        had_focus = panel.isAncestorOf(QApplication.focusWidget()) or panel.hasFocus()
        self.panel_wanted[name] = shown
        self.fit_panels(prefer=name if shown else None)
        if shown and panel.isVisible():
            (self.tree if name == "tree" else self.footnotes.list).setFocus()
        elif had_focus:
            self.editor.setFocus()

    def readable_width(self) -> int:
        """The editor's width for READABLE_CHARS characters of the report's text."""
        doc = self.editor.document()
        fm = QFontMetrics(doc.defaultFont())
        scroll = self.editor.verticalScrollBar().sizeHint().width()
        frame = 2 * self.editor.frameWidth()
        return (fm.horizontalAdvance(READABLE_SAMPLE) + 2 * round(doc.documentMargin())
                + scroll + frame + 2)

    def fit_panels(self, prefer: str | None = None) -> None:
        """Lay the panels out for the window's width: each panel chosen in View is shown at
        its width if the text keeps a readable width, narrower if that is enough, hidden if
        not (the footnote panel first, unless it is ``prefer``); wider again, they come
        back."""
        if self._fitting:
            return
        self._fitting = True
        try:
            self._fit_panels(prefer)
        finally:
            self._fitting = False

    def _fit_panels(self, prefer: str | None) -> None:
        handle = self.splitter.handleWidth()
        room = self.splitter.width() - self.readable_width()
        order = sorted(PANELS, key=lambda n: (n != prefer, PANELS.index(n)))
        shown = {}
        for name in order:
            need = PANEL_MIN[name] + handle
            shown[name] = self.panel_wanted[name] and room >= need
            if shown[name]:
                room -= need
        squeezed = [n for n in PANELS if self.panel_wanted[n] and not shown[n]]
        newly_hidden = [n for n in squeezed if self._panel(n).isVisible()]
        for name in PANELS:
            self._panel(name).setVisible(shown[name])
        self.act_tree.setChecked(shown["tree"])
        self.act_footnotes.setChecked(shown["footnotes"])
        # widths: as the person left them where there is room; else shared out above minimum
        widths = {n: self.panel_width[n] for n in PANELS if shown[n]}
        spare = room + sum(PANEL_MIN[n] for n in widths)  # what panels may take in all
        wanted = sum(widths.values())
        if wanted > spare:
            extra = spare - sum(PANEL_MIN[n] for n in widths)
            above = sum(widths[n] - PANEL_MIN[n] for n in widths) or 1
            widths = {n: PANEL_MIN[n] + (widths[n] - PANEL_MIN[n]) * extra // above
                      for n in widths}
        total = self.splitter.width() - handle * (len(widths))
        centre = max(0, total - sum(widths.values()))
        self.splitter.setSizes([widths.get("tree", 0), centre, widths.get("footnotes", 0)])
        if newly_hidden and self.isVisible():
            names = {"tree": self.tr("The section list"),
                     "footnotes": self.tr("The footnote panel")}
            keys = {"tree": self.act_tree, "footnotes": self.act_footnotes}
            self.statusBar().showMessage(" ".join(
                self.tr("%1 is hidden to keep the text readable; %2 shows it.")
                .replace("%1", names[n])
                .replace("%2", keys[n].shortcut().toString(
                    keys[n].shortcut().SequenceFormat.NativeText))
                for n in newly_hidden), 8000)

    def _splitter_moved(self, _pos: int, _index: int) -> None:
        """The person dragged a divider: remember the panels' widths, and keep the text
        readable."""
        sizes = dict(zip(("tree", "centre", "footnotes"), self.splitter.sizes(), strict=True))
        for name in PANELS:
            if sizes[name] > 0:
                self.panel_width[name] = max(PANEL_MIN[name], sizes[name])
        if sizes["centre"] < self.readable_width():
            self.fit_panels()

    def resizeEvent(self, event):  # noqa: N802
        super().resizeEvent(event)
        self.fit_panels()

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        self.fit_panels()

    def focus_next_pane(self, step: int = 1) -> None:
        """F6 / Shift+F6, as in Word: the section list, the text, the footnote panel."""
        panes = [w for w in (self.tree, self.editor, self.footnotes) if w.isVisible()]
        now = QApplication.focusWidget()
        at = next((i for i, w in enumerate(panes) if now is w or (now is not None
                                                                  and w.isAncestorOf(now))), -1)
        target = panes[(at + step) % len(panes)]
        if target is self.footnotes:
            target = (self.footnotes.editor if self.footnotes.editor.isEnabled()
                      else self.footnotes.list)
        target.setFocus(Qt.FocusReason.TabFocusReason)

    def edit_command(self, name: str) -> None:
        """Edit → Cut / Copy / Paste / Select all, on whichever text has the cursor."""
        w = QApplication.focusWidget()
        method = getattr(w, {"cut": "cut", "copy": "copy", "paste": "paste",
                             "select_all": "selectAll"}[name], None)
        if callable(method):
            method()

    def show_keys(self):
        """Help → Keyboard shortcuts (F1): every key, read from the actions themselves."""
        from .keys_dialog import KeysDialog

        dlg = KeysDialog(actions.key_groups(self), self)
        self.keys_dialog = dlg
        dlg.show()
        return dlg

    # -- the report's details, export, other files ----------------------------------------------
    def edit_properties(self) -> bool:
        rep = self.session.report
        edited_from = rep.version  # others' saves pulled in while the dialog is open stay
        dlg = PropertiesDialog(rep.header, rep.closing, self.session.profile, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        header, closing = dlg.values()
        if dlg.profile_id() != self.session.profile.id:
            self.session.set_profile(dlg.profile_id())  # stored by the header's save
        ok = self.session.save_header(header, closing, edited_from=edited_from)
        if not ok:
            dialogs.show_error(self, self.session.last_error)
        self._update_title()
        return ok

    def export(self) -> Path | None:
        """Write the Word file next to the report; list problems without blocking."""
        return self.exporting.run()

    def open_store(self, store: ReportStore) -> MainWindow:
        """A window of its own for a report this window made (new from a template, imported)."""
        win = MainWindow(store)
        self.windowOpened.emit(win)
        win.show()
        return win

    def new_report(self) -> None:
        path = dialogs.ask_save_path(self, str(Path(self.store.path).parent / "bao-cao-moi.db"))
        if path:
            try:
                store = report_files.create_from_template("annual", path)
            except errors.ReportError as exc:
                dialogs.show_error(self, str(exc))
                return
            self.open_store(store)

    def open_report(self) -> None:
        path = dialogs.ask_open_path(self, str(Path(self.store.path).parent))
        if path:
            self.openRequested.emit(path)

    def import_word(self) -> None:
        import_word_report(self, str(Path(self.store.path).parent))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for p in settings.recent_files():
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, x=p: self.openRequested.emit(x))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def choose_language(self, code: str) -> None:
        for c, act in self.lang_actions.items():
            act.setChecked(c == code)
        settings.remember_language(code)
        if code != current_language():
            dialogs.show_info(self, self.tr("The language changes the next time hgreport "
                                            "starts."))

    def change_identity(self) -> None:
        """Correct the name and unit asked on the first run; later saves carry the new name."""
        identity.change(self, self.store)

    def show_about(self) -> None:
        from .about import AboutDialog

        dlg = AboutDialog(self.session.profile, self.windowIcon(), self)
        dlg.open()
        self.about_dialog = dlg

    # -- status ----------------------------------------------------------------------------------
    def _update_title(self) -> None:
        h = self.session.report.header
        name = Path(self.store.path).name
        what = " ".join(x for x in (h.type_name.capitalize(), h.summary) if x)
        ro = self.tr(" [read-only]") if self.store.read_only else ""
        self.setWindowTitle(f"{what} — {name}{ro} — hgreport" if what else f"{name} — hgreport")
        self.status.show_path(str(self.store.path))

    def _on_save_state(self, state: str, message: str) -> None:
        self.status.show_save_state(state, message, self.session.waiting_for_lock)
        if state == SAVED:
            self.tree.refresh_counts()

    def _update_counts(self) -> None:
        sid = self.editor.section_id
        if sid is None:
            return
        from hgreport.text import count_words

        doc = self.editor.document()
        section_words = count_words(doc.toPlainText()) + count_words(
            self.session.section(sid).title)
        total = sum(n for k, n in self.session.word_counts().items() if k != sid) + section_words
        self.status.show_words(section_words, total)

    # -- layout and closing ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        wanted, widths = settings.restore_layout(self)
        self.panel_wanted.update({n: wanted.get(n, True) for n in PANELS})
        self.panel_width.update({n: max(PANEL_MIN[n], widths[n]) for n in PANELS if n in widths})
        self.fit_panels()

    def save_layout(self) -> None:
        settings.save_layout(self, self.panel_wanted, self.panel_width)

    def closeEvent(self, event):  # noqa: N802
        self.footnotes.flush()
        if not self.session.save_all():
            if not dialogs.confirm(self, self.tr("Not saved"), self.tr(
                    "Your latest changes could not be saved:\n%1\n\nClose anyway and lose "
                    "them?").replace("%1", self.session.last_error)):
                event.ignore()
                return
        self.save_layout()
        self.session.autosave.stop()
        self.session.retry.stop()
        self._leave_timer.stop()
        self._stop_sharing()
        self.store.close()
        event.accept()

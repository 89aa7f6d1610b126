"""The main window: section tree | editor | footnotes, menus and toolbar, status bar, export."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QIcon, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressDialog,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.store import ReportStore

from . import dialogs
from .blocks import char_format, footnote_format, footnote_id_of
from .editor import SectionEditor
from .find import FindBar, find_all
from .footnotes import FootnotePanel
from .i18n import LANGUAGES, current_language, format_number
from .properties import PropertiesDialog
from .section_tree import SectionTree
from .session import FAILED, SAVED, SAVING, UNSAVED, Session
from .sharing import SharingWatcher

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "hgreport", "hgreport")


def recent_files() -> list[str]:
    value = settings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_recent(path: str) -> None:
    path = str(Path(path).resolve())
    items = [p for p in recent_files() if p != path]
    s = settings()
    s.setValue("recent", [path, *items][:MAX_RECENT])
    s.setValue("last_file", path)


def icon_path() -> str:
    from hgreport.resources import resource_path

    return str(resource_path("icons", "hgreport.svg"))


class ProblemsDialog(QDialog):
    """What the check before export found; never blocks, a click jumps to the section."""

    jumpRequested = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Points to check before sending"))
        self.setModal(False)
        self.resize(560, 320)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(self._jump)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.hide)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.list)
        lay.addWidget(buttons)

    def show_problems(self, problems, lang: str) -> None:
        self.list.clear()
        for p in problems:
            item = QListWidgetItem(p.message(lang))
            item.setData(Qt.ItemDataRole.UserRole, p.section_id)
            self.list.addItem(item)
        self.label.setText(self.tr("The Word file was still written. Double-click a line to go "
                                   "to the section."))
        self.show()
        self.raise_()

    def _jump(self, item) -> None:
        sid = item.data(Qt.ItemDataRole.UserRole)
        if sid:
            self.jumpRequested.emit(sid)


class MainWindow(QMainWindow):
    """One window per open report file."""

    def __init__(self, store: ReportStore, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.session = Session(store, self)
        self.session.window = self
        from . import identity

        identity.register(store)
        self.setWindowIcon(QIcon(icon_path()))
        self.tree = SectionTree(self.session, self)
        self.editor = SectionEditor(self.session, self)
        self.find_bar = FindBar(self)
        self.footnotes = FootnotePanel(self.session, self)
        self.problems = ProblemsDialog(self)
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
        self.splitter.setSizes([330, 760, 330])
        self.setCentralWidget(self.splitter)
        self._make_status_bar()
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._connect()
        self._start_sharing()
        self.editor.extra_actions = [self.act_footnote]
        self.tree.menu_actions = [self.act_add, self.act_add_child, self.act_rename, None,
                                  self.act_up, self.act_down, self.act_promote, self.act_demote,
                                  None, self.act_title_note, None, self.act_delete,
                                  self.act_restore, None, self.act_history]
        self._export_running = False
        if store.read_only:
            for act in (self.act_add, self.act_add_child, self.act_rename, self.act_delete,
                        self.act_restore, self.act_up, self.act_down, self.act_promote,
                        self.act_demote, self.act_footnote, self.act_properties, self.act_replace,
                        self.act_bold, self.act_italic, self.act_underline, self.act_sup,
                        self.act_sub, self.act_justify, self.act_left, self.act_center,
                        self.act_right, self.act_merge):
                act.setEnabled(False)
            self.tree.setDragDropMode(self.tree.DragDropMode.NoDragDrop)
            self.tree.setEditTriggers(self.tree.EditTrigger.NoEditTriggers)
            self.footnotes.editor.setReadOnly(True)
        self._update_title()
        self.resize(1420, 860)
        self._restore_layout()
        self.tree.select(self._first_section_to_show())
        self._on_save_state(self.session.state, "")
        remember_recent(str(store.path))

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
    def _make_status_bar(self) -> None:
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.words_label = QLabel(self)
        self.path_label = QLabel(self)
        self.path_label.setObjectName("pathLabel")
        sb = self.statusBar()
        sb.addWidget(self.save_label)
        sb.addWidget(self.words_label)
        self.presence_label = QLabel(self)
        self.presence_label.setObjectName("presenceLabel")
        self.network_label = QLabel(self)
        self.network_label.setObjectName("networkLabel")
        self.network_label.hide()
        sb.addPermanentWidget(self.presence_label)
        sb.addPermanentWidget(self.network_label)
        sb.addPermanentWidget(self.path_label)

    def _action(self, text: str, slot, shortcut=None, tip: str = "", checkable=False,
                icon: str | None = None) -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        if icon:
            act.setIcon(QIcon.fromTheme(icon))
        act.setCheckable(checkable)
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        A = self._action
        self.act_new = A(self.tr("&New report from template…"), self.new_report, QKeySequence.New)
        self.act_open = A(self.tr("&Open…"), self.open_report, QKeySequence.Open)
        self.act_import = A(self.tr("&Import from Word…"), self.import_word)
        self.act_export = A(self.tr("E&xport to Word"), self.export, "Ctrl+E",
                            self.tr("Write the Word file next to the report (Ctrl+E)"))
        self.act_properties = A(self.tr("Document &properties…"), self.edit_properties, "Ctrl+Alt+P",
                                self.tr("Issuer, number, date, summary, recipients, signature"))
        self.act_save = A(self.tr("&Save now"), self.save_now, QKeySequence.Save,
                          self.tr("Everything is saved automatically; this saves at once"))
        self.act_quit = A(self.tr("&Quit"), self.close, QKeySequence.Quit)
        self.act_send_copy = A(self.tr("Send a &copy…"), self.send_copy, None,
                               self.tr("Write a consistent copy of the report to send on USB "
                                       "or by e-mail"))
        self.act_merge = A(self.tr("&Merge another copy…"), self.merge_copy, None,
                           self.tr("Bring the changes of a copy that came back into this report"))
        self.act_conflicts = A(self.tr("Con&flicts to resolve…"), self.show_conflicts)
        self.act_backups = A(self.tr("&Backup folder"), self.open_backup_folder, None,
                             self.tr("Automatic copies made when a report is opened and closed"))
        self.act_history = A(self.tr("Section &history…"), self.show_history, "Ctrl+Alt+H",
                             self.tr("Earlier versions of this section: who, when, compare, "
                                     "restore"))
        self.act_undo = A(self.tr("&Undo"), self.undo, QKeySequence.Undo)
        self.act_redo = A(self.tr("&Redo"), self.redo, [QKeySequence("Ctrl+Y"),
                                                   QKeySequence("Ctrl+Shift+Z")])
        self.act_find = A(self.tr("&Find…"), lambda: self.open_find(False), QKeySequence.Find)
        self.act_replace = A(self.tr("&Replace…"), lambda: self.open_find(True), "Ctrl+H")
        self.act_bold = A(self.tr("&Bold"), lambda: self._mark("b"), QKeySequence.Bold, checkable=True)
        self.act_italic = A(self.tr("&Italic"), lambda: self._mark("i"), QKeySequence.Italic,
                            checkable=True)
        self.act_underline = A(self.tr("&Underline"), lambda: self._mark("u"), QKeySequence.Underline,
                               checkable=True)
        self.act_sup = A(self.tr("Su&perscript"), lambda: self._mark("sup"), "Ctrl+Shift+=",
                         checkable=True)
        self.act_sub = A(self.tr("Su&bscript"), lambda: self._mark("sub"), "Ctrl+=", checkable=True)
        self.act_justify = A(self.tr("&Justify"), lambda: self.editor.set_alignment(None), "Ctrl+J")
        self.act_left = A(self.tr("Align &left"), lambda: self.editor.set_alignment("left"), "Ctrl+L")
        self.act_center = A(self.tr("&Centre"), lambda: self.editor.set_alignment("center"),
                            "Ctrl+Shift+E")
        self.act_right = A(self.tr("Align &right"), lambda: self.editor.set_alignment("right"),
                           "Ctrl+R")
        self.act_footnote = A(self.tr("Insert &footnote"), self.insert_footnote, "Ctrl+Alt+F",
                              self.tr("Insert a footnote at the cursor (Ctrl+Alt+F)"))
        self.act_title_note = A(self.tr("Footnote on the &heading"), self.add_title_note, None,
                                self.tr("Attach a footnote to the end of this section's heading"))
        self.act_add = A(self.tr("Add section &after"), lambda: self.add_section(False),
                         "Ctrl+Alt+N")
        self.act_add_child = A(self.tr("Add &subsection"), lambda: self.add_section(True),
                               "Ctrl+Alt+Shift+N")
        self.act_rename = A(self.tr("&Rename section"), self.rename_section, "F2")
        self.act_delete = A(self.tr("&Delete section"), self.delete_section, "Ctrl+Alt+Del")
        self.act_restore = A(self.tr("Restore a deleted section…"), self.restore_section)
        self.act_up = A(self.tr("Move &up"), lambda: self._move("up"), "Alt+Shift+Up")
        self.act_down = A(self.tr("Move do&wn"), lambda: self._move("down"), "Alt+Shift+Down")
        self.act_promote = A(self.tr("&Promote (one level up)"), lambda: self._move("promote"),
                             "Alt+Shift+Left")
        self.act_demote = A(self.tr("D&emote (one level down)"), lambda: self._move("demote"),
                            "Alt+Shift+Right")
        self.act_footnotes = A(self.tr("&Footnotes panel"), self._toggle_footnotes, "Ctrl+Alt+M",
                               checkable=True)
        self.act_footnotes.setChecked(True)
        self.lang_actions = {}
        for code, name in LANGUAGES.items():
            act = A(name, lambda _=False, c=code: self.choose_language(c), checkable=True)
            act.setChecked(code == current_language())
            self.lang_actions[code] = act

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_open, self.act_import, self.act_save])
        self.recent_menu = m.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.act_export, self.act_properties])
        m.addSeparator()
        m.addActions([self.act_send_copy, self.act_merge, self.act_conflicts, self.act_backups])
        m.addSeparator()
        self.act_identity = m.addAction(self.tr("Your &name and unit…"), self.change_identity)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_replace])
        m = mb.addMenu(self.tr("F&ormat"))
        m.addActions([self.act_bold, self.act_italic, self.act_underline, self.act_sup,
                      self.act_sub])
        m.addSeparator()
        m.addActions([self.act_justify, self.act_left, self.act_center, self.act_right])
        m = mb.addMenu(self.tr("&Insert"))
        m.addActions([self.act_footnote, self.act_title_note])
        m = mb.addMenu(self.tr("&Sections"))
        m.addActions([self.act_add, self.act_add_child, self.act_rename])
        m.addSeparator()
        m.addActions([self.act_up, self.act_down, self.act_promote, self.act_demote])
        m.addSeparator()
        m.addActions([self.act_delete, self.act_restore])
        m.addSeparator()
        m.addAction(self.act_history)
        m = mb.addMenu(self.tr("&View"))
        m.addAction(self.act_footnotes)
        lm = m.addMenu(self.tr("&Language"))
        lm.addActions(list(self.lang_actions.values()))
        m = mb.addMenu(self.tr("&Help"))
        self.act_about = m.addAction(self.tr("&About hgreport"), self.show_about)

    def change_identity(self) -> None:
        """Correct the name and unit asked on the first run; later saves carry the new name."""
        from . import identity

        known = identity.stored() or (identity.author_name(), "")
        answer = dialogs.ask_identity(self, *known)
        if not answer or not answer[0].strip():
            return
        identity.remember(*answer)
        self.store.author = identity.author_name()
        identity.register(self.store)

    def show_about(self) -> None:
        from .about import AboutDialog

        dlg = AboutDialog(self.session.profile, self.windowIcon(), self)
        dlg.open()
        self.about_dialog = dlg

    def _make_toolbar(self) -> None:
        tb = self.addToolBar(self.tr("Main"))
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addAction(self.act_export)
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        self.act_bold.setIconText(self.tr("B", "bold button"))
        self.act_italic.setIconText(self.tr("I", "italic button"))
        self.act_underline.setIconText(self.tr("U", "underline button"))
        self.act_sup.setIconText("x²")
        self.act_sub.setIconText("x₂")
        tb.addActions([self.act_bold, self.act_italic, self.act_underline, self.act_sup,
                       self.act_sub])
        tb.addSeparator()
        tb.addActions([self.act_footnote, self.act_find])
        tb.addSeparator()
        tb.addActions([self.act_add, self.act_add_child])
        tb.addSeparator()
        tb.addAction(self.act_properties)
        for act, tip in ((self.act_bold, "Ctrl+B"), (self.act_italic, "Ctrl+I"),
                         (self.act_underline, "Ctrl+U")):
            act.setToolTip(f"{act.text().replace('&', '')} ({tip})")
        bold = self.act_bold.font()
        bold.setBold(True)
        self.act_bold.setFont(bold)
        italic = self.act_italic.font()
        italic.setItalic(True)
        self.act_italic.setFont(italic)
        underline = self.act_underline.font()
        underline.setUnderline(True)
        self.act_underline.setFont(underline)
        export_button = tb.widgetForAction(self.act_export)
        if export_button is not None:
            export_button.setStyleSheet("font-weight: bold; padding: 2px 10px;")

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
        self._leave_timer = QTimer(self, singleShot=True, interval=0)
        self._leave_timer.timeout.connect(self.session.save_all)
        self.editor.focusLeft.connect(self._leave_timer.start)
        self.footnotes.jumpRequested.connect(self.jump_to_footnote)
        self.footnotes.deleteRequested.connect(self.delete_footnote)
        self.footnotes.fixRequested.connect(self.fix_footnote)
        self.problems.jumpRequested.connect(self.tree.select)
        self.find_bar.findNext.connect(self.find_next)
        self.find_bar.replaceOne.connect(self.replace_one)
        self.find_bar.replaceAll.connect(self.replace_all)
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
        self.sharing.lockedChanged.connect(self._show_locked)
        self.session.headerChanged.connect(self._update_title)
        self._show_others(self.sharing.others)
        try:
            network = is_network_path(self.store.path)
        except OSError:
            network = False
        if network:
            self.network_label.setText(self.tr("⚠ Network folder"))
            self.network_label.setToolTip(self.tr(
                "This report is in a shared network folder. hgreport waits and retries when "
                "someone else is saving, and never overwrites their work silently; but if the "
                "network drops, SQLite cannot protect the file. To carry the report on a USB "
                "stick or by e-mail, use File → Send a copy… (never copy the open file)."))
            self.network_label.show()
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
        """Warn before opening a section someone else edits; True to edit it."""
        sharing = getattr(self, "sharing", None)
        if sharing is None or self.store.read_only:
            return True
        others = sharing.editing(section_id)
        if not others:
            return True
        who = ", ".join(e.label for e in others)
        return dialogs.warn_in_use(self, self.session.section_label(section_id), who)

    def _show_others(self, others) -> None:
        if others:
            names = ", ".join(e.label for e in others)
            self.presence_label.setText(self.tr("👥 Also open by: %1").replace("%1", names))
            lines = []
            for e in others:
                where = ", ".join(self.session.section_short(sid) for sid in e.sections
                                  if self.session.has_section(sid))
                lines.append(f"{e.label}: {where}" if where else e.label)
            self.presence_label.setToolTip("\n".join(lines))
        else:
            self.presence_label.setText("")
            self.presence_label.setToolTip("")
        self.tree.set_in_use({sid: [e.label for e in eds]
                              for sid, eds in self.sharing.sections_in_use().items()})

    def _show_locked(self, locked: bool) -> None:
        if locked:
            self.statusBar().showMessage(self.tr("⏳ The file is busy: someone else is saving. "
                                                 "Waiting and retrying…"))
        else:
            self.statusBar().clearMessage()

    def _others_saved(self, changed) -> None:
        self._update_heading()
        self._update_counts()
        self.tree.refresh_counts()
        if changed:
            self.statusBar().showMessage(self.tr("Changes saved by others were taken in."), 5000)

    def send_copy(self) -> Path | None:
        """A consistent copy of the whole report (never a raw copy of a file in use)."""
        self.footnotes.flush()
        self.session.save_all()
        stem = Path(self.store.path).stem
        suggested = str(Path(self.store.path).with_name(f"{stem}-ban-sao.db"))
        path = dialogs.ask_copy_path(self, suggested)
        if not path:
            return None
        target = Path(path)
        if target.resolve() == Path(self.store.path).resolve():
            dialogs.show_error(self, self.tr("Choose another name: a copy cannot replace the "
                                             "report itself."))
            return None
        try:
            if target.exists():  # the file dialog asked before replacing it
                target.unlink()
            self.store.copy_to(target)
        except errors.ReportError as exc:
            dialogs.show_error(self, str(exc))
            return None
        except OSError as exc:
            dialogs.show_error(self, exc.strerror or str(exc))
            return None
        self.statusBar().showMessage(self.tr("Copy written: %1").replace("%1", str(target)), 10000)
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
        from .merge_dialog import MergeDialog

        dlg = MergeDialog(self, result)
        self.merge_dialog = dlg
        dlg.show()
        return dlg

    def show_conflicts(self):
        from .merge_dialog import MergeDialog

        dlg = MergeDialog(self, None)
        self.merge_dialog = dlg
        dlg.show()
        return dlg

    def refresh_from_file(self) -> None:
        """After this window changed the file in bulk (merge, resolving a conflict)."""
        self.session._pull(force=True)
        self.sharing.mark_seen()
        self._update_title()
        self._others_saved([])

    def open_backup_folder(self) -> str:
        from hgreport.backup import backup_dir

        folder = backup_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return str(folder)

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
        if self.editor.section_id is not None:
            self.footnotes.flush()
            self.session.save_all()  # leaving a section saves it
        edit = self._ask_if_in_use(section_id)
        doc = self.session.document(section_id)
        if section_id not in self._counted_docs:
            self._counted_docs.add(section_id)
            doc.contentsChanged.connect(self._counts_timer.start)
        self.editor.show_section(section_id, doc)
        if self.store.read_only or not edit:
            self.editor.setReadOnly(True)
        if getattr(self, "sharing", None) is not None:
            self.sharing.claim(section_id if edit else None)
        self._update_heading()
        self._update_counts()

    def _outline_changed(self) -> None:
        self.tree.rebuild()
        current = self.editor.section_id
        if current is not None and not self.session.has_section(current):
            self.editor.section_id = None
            self.editor.show_section(None, None)
            sid = self.tree.current_id() or self.session.report.intro.id
            self.tree.select(sid)
            self.show_section(sid)
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
        sid = dialogs.choose_deleted_section(self, deleted)
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

    def insert_footnote(self) -> None:
        fid = self.editor.insert_footnote()
        if fid:
            self.footnotes.edit(fid)

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
        if not self.act_footnotes.isChecked():
            self.act_footnotes.setChecked(True)
            self._toggle_footnotes()
        self.footnotes.edit(footnote_id)

    def jump_to_footnote(self, footnote_id: str, section_id: str) -> None:
        self.tree.select(section_id)
        self.show_section(section_id)
        if self.editor.select_footnote(footnote_id):
            self.editor.setFocus()

    def _reference_cursors(self, footnote_id: str) -> list[tuple[str, QTextCursor]]:
        """(section id, cursor selecting the reference) for every reference, in order."""
        found = []
        for sec in self.session.report.all_sections():
            if footnote_id not in sec.footnote_refs() and sec.id not in self.session.docs:
                continue
            doc = self.session.document(sec.id)
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find("\ufffc", cursor)
                if cursor.isNull():
                    break
                if footnote_id_of(cursor.charFormat()) == footnote_id:
                    found.append((sec.id, QTextCursor(cursor)))
        return found

    def delete_footnote(self, footnote_id: str) -> None:
        """Delete a footnote: its references and its text. Undo in the section (Ctrl+Z)
        brings both back."""
        if self.store.read_only:
            return
        found = self._reference_cursors(footnote_id)
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
        sid = found[0][0]
        self.tree.select(sid)
        self.show_section(sid)
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
            found = self._reference_cursors(footnote_id)
            if len(found) < 2:
                return
            sid, cursor = found[1]
            copy = self.session.copy_footnote(footnote_id)
            cursor.insertText("\ufffc", footnote_format(copy, char_format()))
            self.footnotes.edit(copy)

    def _toggle_footnotes(self) -> None:
        self.footnotes.setVisible(self.act_footnotes.isChecked())

    # -- find and replace -------------------------------------------------------------------------
    def open_find(self, replace: bool) -> None:
        selected = self.editor.textCursor().selectedText()
        self.find_bar.open(replace, selected if "\u2029" not in selected else "")

    def _matches(self, section_id: str):
        doc = self.session.document(section_id)
        return find_all(doc.toRawText(), self.find_bar.find_edit.text(),
                        **self.find_bar.options())

    def find_next(self) -> bool:
        """Select the next match after the cursor (in the section, or across the report)."""
        needle = self.find_bar.find_edit.text()
        if not needle or self.editor.section_id is None:
            return False
        cursor = self.editor.textCursor()
        after = max(cursor.position(), cursor.anchor())
        order = [s.id for s in self.session.report.all_sections()]
        current = self.editor.section_id
        for start, end in self._matches(current):
            if start >= after:
                return self._select(current, start, end)
        if self.find_bar.whole_report.isChecked():
            i = order.index(current)
            for sid in order[i + 1:] + order[:i + 1]:
                found = self._matches(sid)
                if found:
                    return self._select(sid, *found[0])
        else:
            found = self._matches(current)
            if found:
                return self._select(current, *found[0])
        self.find_bar.status.setText(self.tr("Not found"))
        return False

    def _select(self, section_id: str, start: int, end: int) -> bool:
        if section_id != self.editor.section_id:
            self.tree.select(section_id)
            self.show_section(section_id)
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()
        self.find_bar.status.setText("")
        return True

    def replace_one(self) -> None:
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            found = find_all(cursor.selectedText(), self.find_bar.find_edit.text(),
                             **self.find_bar.options())
            if found and found[0] == (0, len(cursor.selectedText())):
                cursor.insertText(self.find_bar.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match (in the section or the whole report); one undo step per
        section. Returns the number of replacements."""
        new = self.find_bar.replace_edit.text()
        if self.find_bar.whole_report.isChecked():
            targets = [s.id for s in self.session.report.all_sections()]
        else:
            targets = [self.editor.section_id] if self.editor.section_id else []
        total = 0
        for sid in targets:
            found = self._matches(sid)
            if not found:
                continue
            doc = self.session.document(sid)
            cursor = QTextCursor(doc)
            cursor.beginEditBlock()
            for start, end in reversed(found):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                if "\ufffc" in cursor.selectedText():
                    continue  # never replace a footnote reference away
                cursor.insertText(new)
                total += 1
            cursor.endEditBlock()
        self.find_bar.status.setText(self.tr("%1 replaced").replace("%1", format_number(total)))
        return total

    # -- properties ---------------------------------------------------------------------------------
    def edit_properties(self) -> bool:
        rep = self.session.report
        edited_from = rep.version  # others' saves pulled in while the dialog is open stay
        dlg = PropertiesDialog(rep.header, rep.closing, self.session.profile, self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        header, closing = dlg.values()
        ok = self.session.save_header(header, closing, edited_from=edited_from)
        if not ok:
            dialogs.show_error(self, self.session.last_error)
        self._update_title()
        return ok

    # -- export ------------------------------------------------------------------------------------
    def export(self) -> Path | None:
        """Write the Word file next to the report; list problems without blocking."""
        if self._export_running:
            return None
        self.footnotes.flush()
        self.session.save_all()
        try:
            from hgreport.export import export_docx, suggested_filename
        except ImportError:
            dialogs.show_error(self, self.tr("Export to Word is not available in this build."))
            return None
        from hgreport.checks import find_problems

        report = self.session.snapshot()
        problems = find_problems(report, self.session.numbering)
        target = Path(self.store.path).parent / suggested_filename(report)
        progress = QProgressDialog(self.tr("Writing the Word file…"), "", 0, 100, self)
        progress.setWindowTitle(self.tr("Export"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def step(*args) -> None:
            if len(args) >= 2 and args[1]:
                progress.setValue(int(100 * args[0] / args[1]))
            elif args and isinstance(args[0], (int, float)):
                value = args[0]
                progress.setValue(int(value * 100) if value <= 1 else int(value))
            QApplication.processEvents()

        self._export_running = True
        try:
            written = export_docx(report, target, profile=None, progress=step)
        except errors.ReportError as exc:
            progress.close()
            dialogs.show_error(self, str(exc))
            return None
        except OSError as exc:
            progress.close()
            dialogs.show_error(self, self.tr("Cannot write the Word file: %1")
                               .replace("%1", exc.strerror or str(exc)))
            return None
        finally:
            self._export_running = False
        progress.setValue(100)
        progress.close()
        path = Path(written) if isinstance(written, (str, Path)) else target
        if problems:
            self.problems.show_problems(problems, current_language())
            note = self.tr("%1 points to check").replace("%1", format_number(len(problems)))
        else:
            self.problems.hide()
            note = self.tr("no problems found")
        self.statusBar().showMessage(self.tr("Exported to %1 — %2").replace("%1", str(path))
                                     .replace("%2", note), 15000)
        choice = dialogs.ask_after_export(self, str(path))
        if choice == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
        return path

    # -- files ----------------------------------------------------------------------------------------
    def new_report(self) -> None:
        from .app import create_from_template, open_window

        path = dialogs.ask_save_path(self, str(Path(self.store.path).parent / "bao-cao-moi.db"))
        if path:
            try:
                store = create_from_template("annual", path)
            except errors.ReportError as exc:
                dialogs.show_error(self, str(exc))
                return
            open_window(store)

    def open_report(self) -> None:
        from .app import open_path

        path = dialogs.ask_open_path(self, str(Path(self.store.path).parent))
        if path:
            open_path(path, self)

    def import_word(self) -> None:
        from .import_word import import_word_report

        import_word_report(self, str(Path(self.store.path).parent))

    def _fill_recent(self) -> None:
        from .app import open_path

        self.recent_menu.clear()
        for p in recent_files():
            act = self.recent_menu.addAction(p)
            act.triggered.connect(lambda _=False, x=p: open_path(x, self))
        if not self.recent_menu.actions():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def choose_language(self, code: str) -> None:
        for c, act in self.lang_actions.items():
            act.setChecked(c == code)
        settings().setValue("language", code)
        if code != current_language():
            dialogs.show_info(self, self.tr("The language changes the next time hgreport "
                                            "starts."))

    # -- status ----------------------------------------------------------------------------------
    def _update_title(self) -> None:
        h = self.session.report.header
        name = Path(self.store.path).name
        what = " ".join(x for x in (h.type_name.capitalize(), h.summary) if x)
        ro = self.tr(" [read-only]") if self.store.read_only else ""
        self.setWindowTitle(f"{what} — {name}{ro} — hgreport" if what else f"{name} — hgreport")
        self.path_label.setText(str(self.store.path))

    def _on_save_state(self, state: str, message: str) -> None:
        text = {SAVED: self.tr("✔ Saved"), SAVING: self.tr("Saving…"),
                UNSAVED: self.tr("Not saved yet"),
                FAILED: self.tr("⚠ Not saved — will retry")}[state]
        if state == FAILED and self.session.waiting_for_lock:
            text = self.tr("⚠ Not saved yet — file busy (someone else is saving), "
                           "waiting and retrying…")
        self.save_label.setText(text)
        self.save_label.setToolTip(message)
        self.save_label.setStyleSheet("color: #b00020; font-weight: bold;" if state == FAILED
                                      else "")
        if state == FAILED and message:
            self.statusBar().showMessage(message, 15000)
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
        self.words_label.setText(self.tr("Section: %1 words · Report: %2 words")
                                 .replace("%1", format_number(section_words))
                                 .replace("%2", format_number(total)))

    # -- layout and closing ---------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = s.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        split = s.value("window/splitter")
        if isinstance(split, QByteArray) and not split.isEmpty():
            self.splitter.restoreState(split)
        shown = s.value("window/footnotes", True)
        shown = shown not in ("false", False, 0, "0")
        self.act_footnotes.setChecked(shown)
        self.footnotes.setVisible(shown)

    def save_layout(self) -> None:
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("window/footnotes", self.act_footnotes.isChecked())

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


class RestoreDialog(QDialog):
    """Pick one deleted section to bring back."""

    def __init__(self, sections, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore a deleted section"))
        self.list = QListWidget(self)
        for sec in sections:
            item = QListWidgetItem(sec.title or self.tr("(untitled)"))
            item.setData(Qt.ItemDataRole.UserRole, sec.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Deleted sections (newest first):"), self))
        lay.addWidget(self.list)
        lay.addWidget(buttons)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

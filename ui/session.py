"""One open report in the window: the Qt side of the working copy.

The working copy itself — unsaved edits, saves combined with colleagues' saves, footnote
bookkeeping, the section tree's operations — is :class:`hgreport.workspace.Workspace`, without
Qt. This adapter adds what needs Qt: one text document per section (made on first use, kept with
its undo), signals for the panels, the autosave and retry timers, the undo stack of tree
operations (:mod:`ui.structure_commands`) and the questions to the person (:mod:`ui.dialogs`).

Edits flow: QTextDocument → (typing / autosave) → workspace → store; what the workspace changed
comes back as :class:`~hgreport.workspace.Changes`, applied by :meth:`Session.apply_changes`.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QTextDocument, QUndoStack

from hgreport import errors
from hgreport.model import KIND_SECTION, Footnote, Report, Section
from hgreport.text import clean_line
from hgreport.workspace import Changes, Question, Workspace

from . import dialogs
from . import structure_commands as commands
from .blocks import OBJECT_CHAR, apply_page, body_of, document_from_body, footnote_ids_in
from .diff_view import conflicts_html
from .document_patch import patch_body
from .footnotes import FootnoteMarker

SAVED, SAVING, UNSAVED, FAILED = "saved", "saving", "unsaved", "failed"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Session", text)


class Session(QObject):
    """The open report. The window asks it for documents and edits; ``work`` is the
    working copy underneath."""

    outlineChanged = Signal()          # sections added, moved, renamed, deleted, restored
    numbersChanged = Signal()          # footnote numbers or the set of footnotes changed
    footnoteTextChanged = Signal(str)  # one footnote's text changed (id)
    saveStateChanged = Signal(str, str)  # state, message of the last failure
    sectionReplaced = Signal(str)      # a section's text was replaced by someone else's
    headerChanged = Signal()           # someone else changed the document details
    sectionsDeleted = Signal(list)     # names of sections open here that someone else deleted

    AUTOSAVE_MS = 1000
    RETRY_MS = 3000

    def __init__(self, store, parent: QObject | None = None):
        super().__init__(parent)
        self.work = Workspace(store)
        self.window = None  # parent widget for questions (set by the main window)
        self.docs: dict[str, QTextDocument] = {}
        self._ref_counts: dict[str, int] = {}
        self.state = SAVED
        self.last_error = ""
        self.waiting_for_lock = False  # the last failure was "database is locked"
        self._quiet = 0
        self._saving = False
        self.undo_stack = QUndoStack(self)
        self.before_sync: list = []  # flushes of panels with text being typed (footnotes)
        self.marker = FootnoteMarker(lambda: self.work.numbers, self)
        self.autosave = QTimer(self, singleShot=True, interval=self.AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_all)
        self.retry = QTimer(self, singleShot=True, interval=self.RETRY_MS)
        self.retry.timeout.connect(self.save_all)

    # -- the working copy, as the panels read it ------------------------------------------------
    @property
    def store(self):
        return self.work.store

    @property
    def report(self) -> Report:
        return self.work.report

    @property
    def profile(self):
        return self.work.profile

    @property
    def numbering(self):
        return self.work.numbering

    @property
    def page(self):
        return self.work.page

    @property
    def numbers(self) -> dict[str, int]:
        """Footnote id → its number."""
        return self.work.numbers

    @property
    def dirty(self) -> set[str]:
        """Sections with edits not yet in the file."""
        return self.work.unsaved_sections

    def section(self, section_id: str) -> Section:
        return self.work.section(section_id)

    def has_section(self, section_id: str) -> bool:
        return self.work.has_section(section_id)

    def children_ids(self, parent_id: str | None) -> list[str]:
        return self.work.children_ids(parent_id)

    def tree(self):
        return self.work.tree()

    def section_numbers(self) -> dict[str, str]:
        return self.work.section_numbers()

    def word_counts(self) -> dict[str, int]:
        return self.work.word_counts()

    def section_label(self, section_id: str) -> str:
        """"II.1. Title" for numbered sections, a name for the introduction and ending."""
        sec = self.section(section_id)
        if sec.kind == "intro":
            return _tr("Opening")
        if sec.kind == "ending":
            return _tr("Closing")
        return f"{self.section_numbers().get(section_id, '')} {sec.title}".strip()

    def section_short(self, section_id: str) -> str:
        """A short reference to a section for lists: "II.3.1", "Mở đầu"."""
        sec = self.section(section_id)
        if sec.kind == "intro":
            return _tr("Opening")
        if sec.kind == "ending":
            return _tr("Closing")
        return self.work.short_number(section_id)

    def is_read_only(self, section_id: str) -> bool:
        """The section's stored content could not be read (a damaged file): the editor shows
        what could be recovered, read-only, until it is restored from history or a backup."""
        return self.work.is_read_only(section_id)

    def damage_notes(self, lang: str | None = None) -> dict[str, list[str]]:
        """Section or footnote id → what could not be read of it and what to do."""
        return self.work.damage_notes(lang)

    def body_now(self, section_id: str):
        """The section's body as it is on screen (unsaved typing included)."""
        return self.work.body_now(section_id)

    def snapshot(self) -> Report:
        """A copy of the report with every unsaved edit in it (for export and checks)."""
        return self.work.snapshot()

    # -- documents ------------------------------------------------------------------------
    def document(self, section_id: str) -> QTextDocument:
        """The editable document of a section (made on first use, kept with its undo)."""
        doc = self.docs.get(section_id)
        if doc is None:
            sec = self.section(section_id)
            doc = document_from_body(sec.body, self, page=self.page)
            self.marker.install(doc)
            self._ref_counts[section_id] = len(sec.footnote_refs()) - len(sec.title_notes)
            read = partial(body_of, doc)  # the workspace reads the body when it needs it
            doc.contentsChange.connect(
                lambda pos, removed, added, sid=section_id, d=doc:
                self._on_change(sid, d, read, pos, removed, added))
            self.docs[section_id] = doc
        return doc

    def _on_change(self, sid: str, doc: QTextDocument, read, pos: int, removed: int,
                   added: int) -> None:
        if self._quiet or not (removed or added) or self.work.is_read_only(sid):
            return
        self.work.typing(sid, read)
        if self.state != FAILED:
            self._set_state(UNSAVED)
        self.autosave.start()
        raw = doc.toRawText()
        count = raw.count(OBJECT_CHAR)
        new_ref = bool(added and count) and OBJECT_CHAR in raw[pos:pos + added]
        if count != self._ref_counts.get(sid) or new_ref:
            # a reference appeared or went: the footnotes follow at once, and the numbers
            self._ref_counts[sid] = count
            self.work.set_body(sid, body_of(doc))
            self.renumber()

    def _set_state(self, state: str, message: str = "") -> None:
        changed = state != self.state or message != self.last_error
        self.state, self.last_error = state, message
        if changed:
            self.saveStateChanged.emit(state, message)

    def _apply_page(self) -> None:
        self._quiet += 1
        try:
            for doc in self.docs.values():
                apply_page(doc, self.page)
        finally:
            self._quiet -= 1

    def renumber(self) -> None:
        """Recompute footnote numbers; references redraw without any edit or undo entry."""
        if not self.work.renumber():
            return
        self._quiet += 1
        try:
            for sid, doc in self.docs.items():
                if self._ref_counts.get(sid):
                    doc.markContentsDirty(0, doc.characterCount())
        finally:
            self._quiet -= 1
        self.numbersChanged.emit()

    # -- what the working copy changed ------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> Changes:
        """Ask the person the questions ``changes`` holds (keep mine / take theirs / keep
        both), then show everything that changed: open documents, tree, numbers, panels.
        Returns ``changes`` with the answers' changes merged in."""
        self._ask(changes)
        for sid in changes.gone:
            self._ref_counts.pop(sid, None)
            doc = self.docs.pop(sid, None)
            if doc is not None:
                doc.deleteLater()
        for sid in changes.sections:
            doc = self.docs.get(sid)
            if doc is None or not self.has_section(sid):
                continue
            self._quiet += 1
            try:  # only the paragraphs that differ: the cursor stays where it was
                patch_body(doc, self.section(sid).body, keep_undo=sid in changes.undoable)
            finally:
                self._quiet -= 1
            self._ref_counts[sid] = len(footnote_ids_in(doc))
        if changes.profile:
            self._apply_page()
        if changes.numbers or changes.sections:
            self.renumber()
        if changes.outline:
            self.outlineChanged.emit()
        for sid in changes.sections:
            self.sectionReplaced.emit(sid)
        for fid in changes.footnotes:
            self.footnoteTextChanged.emit(fid)
        if changes.footnotes:
            self.numbersChanged.emit()
        if changes.header:
            self.headerChanged.emit()
        return changes

    def _ask(self, changes: Changes) -> None:
        if not changes.questions:
            return
        saving, self._saving = self._saving, True  # no other save while a question is open
        try:
            while changes.questions:
                q = changes.questions.pop(0)
                choice = dialogs.ask_conflict(self.window, self._what(q),
                                              both="both" in q.choices,
                                              details=self._details(q))
                changes.merge(self.work.resolve(q, choice))
        finally:
            self._saving = saving

    def _what(self, q: Question) -> str:
        if q.kind == "section" and self.has_section(q.entity_id):
            return self.section_label(q.entity_id)
        return q.what

    def _details(self, q: Question) -> str:
        """What was changed on both sides, word by word with footnote numbers in place (HTML),
        for the question's details."""
        return conflicts_html(q.conflicts, self.numbers.get)

    # -- saving ------------------------------------------------------------------------------
    def _sync_typing(self) -> None:
        """Text still being typed in a panel (a footnote) goes into the working copy first,
        so a save writes it and a colleague's save is combined with it, never written over."""
        for flush in self.before_sync:
            flush()

    def save_all(self) -> bool:
        """Save every unsaved section and footnote. On failure the text stays in memory, the
        state says why, and a retry is scheduled."""
        self._sync_typing()
        if self._saving:  # a question asked during a save (a conflict) must not save again
            return False
        self._saving = True
        try:
            return self._save_all()
        finally:
            self._saving = False

    def _save_all(self) -> bool:
        self.autosave.stop()
        if not self.work.has_unsaved():
            if self.state != SAVED:
                self._set_state(SAVED)
            return True
        self._set_state(SAVING)
        changes = self.apply_changes(self.work.save())
        if changes.error is not None:
            self._fail(changes.error)
            return False
        self.retry.stop()
        self._set_state(SAVED)
        return True

    def _fail(self, exc: errors.ReportError) -> None:
        self.waiting_for_lock = isinstance(exc, errors.Locked)
        self._set_state(FAILED, str(exc))
        self.retry.start()

    def busy(self) -> bool:
        """A save is running (perhaps asking a question)."""
        return self._saving

    def pull_changes(self, force: bool = False) -> list[str]:
        """Take in what others saved since the last look: sections (text, titles, places, new
        and deleted ones), footnotes and the document details. A section with unsaved edits
        keeps them (its next save is combined with theirs); an open section without unsaved
        edits shows the new text, the cursor staying where it was. ``force``: after this
        window changed the file in bulk (a merge), even during a save. Returns the ids of
        sections whose text changed."""
        if self._saving and not force:
            return []
        self._sync_typing()
        names = {sid: self.section_label(sid) for sid in self.docs if self.has_section(sid)}
        changes = self.apply_changes(self.work.pull(force=force))
        gone = [names[sid] for sid in changes.gone if sid in names]
        if gone:  # worked on here: say so, rather than let it vanish from the tree unseen
            self.sectionsDeleted.emit(gone)
        return changes.sections

    def restore_revision(self, sid: str, rev_id: str) -> bool:
        """Bring back an older text of a section as a new save. In the editor it is one step:
        Ctrl+Z brings back the text it replaced (and saves that again)."""
        if not self.save_all():
            return False
        changes = self.apply_changes(self.work.restore_revision(sid, rev_id))
        if changes.error is not None:
            raise changes.error  # the history dialog says why
        return True

    # -- header ----------------------------------------------------------------------------
    def set_profile(self, profile_id: str) -> None:
        """Lay the report out by another format profile (stored with the next header save):
        section numbers and the on-screen page follow it at once."""
        self.work.set_profile(profile_id)
        self._apply_page()
        self.outlineChanged.emit()

    def save_header(self, header, closing, edited_from: int | None = None) -> bool:
        """Save header and closing. ``edited_from`` is the version the values were edited
        from (a dialog that stayed open while a colleague saved): their changes to other fields
        are kept. A save that fails is kept and retried with the other unsaved work."""
        changes = self.apply_changes(self.work.save_header(header, closing, edited_from))
        if changes.error is None:
            return True
        self._fail(changes.error)
        self.autosave.start()
        return False

    # -- footnotes --------------------------------------------------------------------------
    def footnote(self, footnote_id: str) -> Footnote | None:
        return self.work.footnote(footnote_id)

    def reference_contexts(self, width: int = 50) -> dict[str, tuple[str, str]]:
        return self.work.reference_contexts(width)

    def footnote_problems(self) -> dict[str, list]:
        return self.work.footnote_problems()

    def title_note_owner(self, footnote_id: str) -> str | None:
        return self.work.title_note_owner(footnote_id)

    def give_text_to_missing(self, footnote_id: str) -> None:
        """A reference without footnote text gets an empty footnote (to be written)."""
        if self.work.give_text_to_missing(footnote_id):
            self.autosave.start()
            self.renumber()
            self.numbersChanged.emit()

    def delete_orphan(self, footnote_id: str) -> None:
        """Delete a footnote text that no reference points to (the file keeps a tombstone)."""
        if self.work.delete_orphan(footnote_id):
            self.autosave.start()
            self.numbersChanged.emit()

    def new_footnote(self, body=None) -> Footnote:
        """A new footnote (its reference is inserted by the editor)."""
        fn, problem = self.work.new_footnote(body or [])
        if problem is not None:
            self._fail(problem)
        return fn

    def copy_footnote(self, footnote_id: str) -> str:
        """The id to use for a pasted reference: the same footnote when it was cut, otherwise
        a new footnote with a copy of the text (as Word does)."""
        fid, problem = self.work.copy_footnote(footnote_id)
        if problem is not None:
            self._fail(problem)
        return fid

    def set_footnote_body(self, footnote_id: str, body) -> None:
        if not self.work.set_footnote_body(footnote_id, body):
            return
        if self.state != FAILED:
            self._set_state(UNSAVED)
        self.autosave.start()
        self.footnoteTextChanged.emit(footnote_id)

    # -- structure (undoable) ----------------------------------------------------------------
    def _run(self, command: commands.StructureCommand) -> bool:
        if not self.save_all():
            dialogs.show_error(self.window, self.last_error)
            return False
        self.undo_stack.push(command)
        return not command.failed  # a failure was shown by the command

    def add_section(self, near_id: str | None, child: bool = False, title: str = "") -> str | None:
        """A new section after ``near_id`` (or as its last child); returns its id."""
        cmd = commands.AddSection(self, self.work.place_for_new(near_id, child), title)
        return cmd.section_id if self._run(cmd) else None

    def rename_section(self, section_id: str, title: str) -> bool:
        title = clean_line(title)
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION or title == sec.title:
            return False
        return self._run(commands.RenameSection(self, section_id, sec.title, title))

    def set_title_notes(self, section_id: str, notes: list[str]) -> bool:
        """Change the footnotes at the end of a section's heading (undoable in the tree)."""
        sec = self.section(section_id)
        if list(notes) == sec.title_notes:
            return False
        return self._run(commands.TitleNotes(self, section_id, list(sec.title_notes),
                                             list(notes)))

    def add_title_note(self, section_id: str) -> str | None:
        """A new footnote at the end of a heading; returns its id."""
        fn = self.new_footnote()
        notes = self.section(section_id).title_notes + [fn.id]
        return fn.id if self.set_title_notes(section_id, notes) else None

    def move_section(self, section_id: str, parent_id: str | None, index: int) -> bool:
        if not self.work.can_move(section_id, parent_id, index):
            return False
        return self._run(commands.MoveSection(self, section_id, self.work.place_of(section_id),
                                              (parent_id, index)))

    def _move(self, section_id: str, how: str) -> bool:
        place = self.work.place_after(section_id, how)
        return place is not None and self.move_section(section_id, *place)

    def move_up(self, section_id: str) -> bool:
        return self._move(section_id, "up")

    def move_down(self, section_id: str) -> bool:
        return self._move(section_id, "down")

    def promote(self, section_id: str) -> bool:
        """One level up: right after its parent."""
        return self._move(section_id, "promote")

    def demote(self, section_id: str) -> bool:
        """One level down: the last child of the section above it."""
        return self._move(section_id, "demote")

    def delete_section(self, section_id: str) -> bool:
        if self.section(section_id).kind != KIND_SECTION:
            return False
        return self._run(commands.DeleteSection(self, section_id))

    def restore_section(self, section_id: str) -> bool:
        return self._run(commands.RestoreSection(self, section_id))

    def deleted_sections(self) -> list[Section]:
        return self.work.deleted_sections()

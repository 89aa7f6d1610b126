"""One open report in the window: the model in memory, one text document per section, autosave,
structural edits (add, rename, move, delete, restore) with undo, and the footnote numbers.

Edits flow: QTextDocument → (autosave) → model → store. Nothing here draws widgets; dialogs that
need an answer go through :mod:`ui.dialogs` so tests can answer them.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor, QTextDocument, QUndoCommand, QUndoStack

from hgreport import errors
from hgreport.blockmerge import content_key, differing
from hgreport.layout import body_layout
from hgreport.merge import both_paragraphs, rebase_footnote, rebase_header, rebase_section
from hgreport.model import (
    KIND_SECTION,
    Footnote,
    Paragraph,
    Report,
    Section,
    body_from_list,
    new_id,
    with_new_ids,
)
from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.storage import ReportStore, position_at
from hgreport.text import clean_line

from . import dialogs
from .blocks import (
    BLOCK_ID,
    OBJECT_CHAR,
    apply_page,
    block_format,
    block_id_of,
    body_of,
    char_format,
    document_from_body,
    footnote_ids_in,
    insert_body,
    page_of,
    with_block_id,
)
from .footnotes import FootnoteMarker

SAVED, SAVING, UNSAVED, FAILED = "saved", "saving", "unsaved", "failed"


class Session(QObject):
    """The open report. Owns the store; the window asks it for documents and edits."""

    outlineChanged = Signal()          # sections added, moved, renamed, deleted, restored
    numbersChanged = Signal()          # footnote numbers or the set of footnotes changed
    footnoteTextChanged = Signal(str)  # one footnote's text changed (id)
    saveStateChanged = Signal(str, str)  # state, message of the last failure
    sectionReplaced = Signal(str)      # a section's text was replaced by someone else's
    headerChanged = Signal()           # someone else changed the document details

    AUTOSAVE_MS = 1000
    RETRY_MS = 3000

    def __init__(self, store: ReportStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.report: Report = store.load_report()
        try:
            self.profile = load_profile(self.report.profile)
        except errors.ReportError:
            self.profile = load_profile()
        self.numbering = Numbering.from_profile(self.profile)
        self.page = body_layout(self.profile)  # the page sections are written on
        self.window = None  # parent widget for questions (set by the main window)
        self.docs: dict[str, QTextDocument] = {}
        self._ref_counts: dict[str, int] = {}
        self._index_sections()
        self.numbers: dict[str, int] = self.report.footnote_numbers()
        self.dirty: set[str] = set()
        self._fn_dirty: set[str] = set()
        self._fn_live: dict[str, bool] = {}  # footnote id → should exist in the store
        self._header_dirty = False  # header/closing edited here and not yet in the file
        self._graveyard: dict[str, Footnote] = {}  # footnotes whose reference was removed
        self.state = SAVED
        self.last_error = ""
        self.waiting_for_lock = False  # the last failure was "database is locked"
        self._quiet = 0
        self._saving = False
        self._numbers_cache: dict[str, str] | None = None
        self._words: dict[str, int] = {}
        try:  # the store keeps each section's word count: no need to count 200,000 words
            self._words = {r["id"]: int(r["words"]) for r in store.load_outline()}
        except (errors.ReportError, KeyError, TypeError, ValueError):
            self._words = {}
        self.outlineChanged.connect(self._forget_outline)
        self.undo_stack = QUndoStack(self)
        self.marker = FootnoteMarker(lambda: self.numbers, self)
        self.autosave = QTimer(self, singleShot=True, interval=self.AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_all)
        self.retry = QTimer(self, singleShot=True, interval=self.RETRY_MS)
        self.retry.timeout.connect(self.save_all)

    # -- looking things up ----------------------------------------------------------------
    def _index_sections(self) -> None:
        self._by_id = {s.id: s for s in self.report.all_sections()}

    def section(self, section_id: str) -> Section:
        return self._by_id[section_id]

    def has_section(self, section_id: str) -> bool:
        return section_id in self._by_id

    def children_ids(self, parent_id: str | None) -> list[str]:
        return [s.id for s in self.report.children_of(parent_id) if s.kind == KIND_SECTION]

    def tree(self):
        return self.report.tree(self.numbering)

    def section_label(self, section_id: str) -> str:
        """"II.1. Title" for numbered sections, a name for the introduction and ending."""
        sec = self.section(section_id)
        if sec.kind == "intro":
            return QCoreApplication.translate("Session", "Opening")
        if sec.kind == "ending":
            return QCoreApplication.translate("Session", "Closing")
        number = self.section_numbers().get(section_id, "")
        return f"{number} {sec.title}".strip()

    def section_short(self, section_id: str) -> str:
        """A short reference to a section for lists: "II.3.1", "Mở đầu"."""
        sec = self.section(section_id)
        if sec.kind == "intro":
            return QCoreApplication.translate("Session", "Opening")
        if sec.kind == "ending":
            return QCoreApplication.translate("Session", "Closing")
        numbers = self.section_numbers()
        chain = []
        current: Section | None = sec
        while current is not None:
            chain.insert(0, numbers.get(current.id, "").rstrip(".)"))
            current = self._by_id.get(current.parent_id) if current.parent_id else None
        parts = chain[:1]
        for n in chain[1:]:
            parts = [parts[0], n] if "." in n else parts + [n]
        return ".".join(p for p in parts if p)

    def word_counts(self) -> dict[str, int]:
        """Words per section as last saved (cached; a save refreshes its entry)."""
        out = {}
        for sec in self.report.all_sections():
            n = self._words.get(sec.id)
            if n is None:
                n = self._words[sec.id] = sec.word_count()
            out[sec.id] = n
        return out

    def _forget_outline(self) -> None:
        self._numbers_cache = None

    def section_numbers(self) -> dict[str, str]:
        """Section id → printed number (cached until the outline changes)."""
        if self._numbers_cache is None:
            from hgreport.model import walk_tree

            self._numbers_cache = {n.section.id: n.number for n in walk_tree(self.tree())}
        return self._numbers_cache

    # -- documents ------------------------------------------------------------------------
    def document(self, section_id: str) -> QTextDocument:
        """The editable document of a section (made on first use, kept with its undo)."""
        doc = self.docs.get(section_id)
        if doc is None:
            sec = self.section(section_id)
            doc = document_from_body(sec.body, self, page=self.page)
            self.marker.install(doc)
            self._ref_counts[section_id] = len(sec.footnote_refs()) - len(sec.title_notes)
            doc.contentsChange.connect(
                lambda pos, removed, added, sid=section_id, d=doc:
                self._on_change(sid, d, pos, removed, added))
            self.docs[section_id] = doc
        return doc

    def _on_change(self, sid: str, doc: QTextDocument, pos: int, removed: int,
                   added: int) -> None:
        if self._quiet or not (removed or added):
            return
        self._mark_dirty(sid)
        count = doc.toRawText().count(OBJECT_CHAR)
        new_ref = False
        if added and count:
            new_ref = OBJECT_CHAR in doc.toRawText()[pos:pos + added]
        if count != self._ref_counts.get(sid) or new_ref:
            self._ref_counts[sid] = count
            self._sync_refs(sid)

    def _mark_dirty(self, sid: str) -> None:
        self.dirty.add(sid)
        if self.state != FAILED:
            self._set_state(UNSAVED)
        self.autosave.start()

    def _set_state(self, state: str, message: str = "") -> None:
        changed = state != self.state or message != self.last_error
        self.state, self.last_error = state, message
        if changed:
            self.saveStateChanged.emit(state, message)

    def body_now(self, section_id: str):
        """The section's body as it is on screen (unsaved typing included)."""
        doc = self.docs.get(section_id)
        if doc is not None and section_id in self.dirty:
            return body_of(doc)
        return self.section(section_id).body

    def snapshot(self) -> Report:
        """A copy of the report with every unsaved edit in it (for export and checks)."""
        for sid in list(self.dirty):
            self.section(sid).body = body_of(self.docs[sid])
        rep = self.report.copy()
        rep.intro = replace(self.report.intro)
        rep.ending = replace(self.report.ending)
        return rep

    # -- footnotes --------------------------------------------------------------------------
    def _sync_refs(self, sid: str) -> None:
        """A reference appeared or disappeared in ``sid``: update the model and the numbers."""
        sec = self.section(sid)
        before = set(sec.footnote_refs())
        sec.body = body_of(self.docs[sid])
        referenced = {fid for fid, _ in self.report.reference_order()}
        for fid in referenced:
            if fid not in self.report.footnotes and fid in self._graveyard:
                self.report.footnotes[fid] = self._graveyard.pop(fid)
                self._fn_live[fid] = True
        for fid in before - referenced:
            if fid in self.report.footnotes:
                self._graveyard[fid] = self.report.footnotes.pop(fid)
                self._fn_live[fid] = False
        self.renumber()

    def renumber(self) -> None:
        """Recompute footnote numbers; references redraw without any edit or undo entry."""
        numbers = self.report.footnote_numbers()
        if numbers != self.numbers:
            self.numbers = numbers
            self._quiet += 1
            try:
                for sid, doc in self.docs.items():
                    if self._ref_counts.get(sid):
                        doc.markContentsDirty(0, doc.characterCount())
            finally:
                self._quiet -= 1
            self.numbersChanged.emit()

    def reference_contexts(self, width: int = 50) -> dict[str, tuple[str, str]]:
        """Footnote id → (section id, the words just before its first reference)."""
        out: dict[str, tuple[str, str]] = {}
        for sec in self.report.all_sections():
            for fid in sec.title_notes:
                out.setdefault(fid, (sec.id, sec.title[-width:]))
            for para in sec.body:
                if not isinstance(para, Paragraph):  # a block of a kind this version lacks
                    for fid in para.footnote_refs():
                        out.setdefault(fid, (sec.id, ""))
                    continue
                before = ""
                for run in para.runs:
                    if run.footnote:
                        if run.footnote not in out:
                            words = " ".join(before[-width * 2:].split())
                            if len(words) > width:  # start at a whole word
                                words = words[-width:].split(" ", 1)[-1]
                            out[run.footnote] = (sec.id, words)
                    else:
                        before += run.text
        return out

    def footnote_problems(self) -> dict[str, list]:
        """"missing": [(id, section id)] references without text; "orphan": [id] texts
        without a reference; "duplicate": [(id, count)] footnotes referenced twice or more."""
        found = self.report.check_references()
        return {"missing": found.missing, "orphan": found.orphans,
                "duplicate": found.duplicates}

    def give_text_to_missing(self, footnote_id: str) -> None:
        """A reference without footnote text gets an empty footnote (to be written)."""
        if footnote_id in self.report.footnotes:
            return
        fn = self._graveyard.pop(footnote_id, None) or Footnote(footnote_id, [])
        self.report.footnotes[footnote_id] = fn
        self._fn_live[footnote_id] = True
        self.autosave.start()
        self.renumber()
        self.numbersChanged.emit()

    def delete_orphan(self, footnote_id: str) -> None:
        """Delete a footnote text that no reference points to (it can be restored by undoing
        in the store's history; the text is kept as a tombstone)."""
        fn = self.report.footnotes.pop(footnote_id, None)
        if fn is None:
            return
        self._graveyard[footnote_id] = fn
        self._fn_live[footnote_id] = False
        self.autosave.start()
        self.numbersChanged.emit()

    def new_footnote(self, body=None) -> Footnote:
        """A new footnote (its reference is inserted by the editor)."""
        fn = Footnote(new_id(), list(body or []))
        try:
            fn = self.store.add_footnote(fn)
        except errors.ReportError as exc:
            self._fn_live[fn.id] = True
            self._fail(exc)
        self._graveyard[fn.id] = fn  # it becomes live when its reference appears
        return fn

    def copy_footnote(self, footnote_id: str) -> str:
        """The id to use for a pasted reference: the same footnote when it was cut (no live
        reference left), otherwise a new footnote with a copy of the text (as Word does)."""
        referenced = {fid for fid, _ in self.report.reference_order()}
        if footnote_id in self._graveyard and footnote_id not in referenced:
            return footnote_id
        source = self.report.footnotes.get(footnote_id) or self._graveyard.get(footnote_id)
        return self.new_footnote(with_new_ids(source.body) if source else []).id

    def footnote(self, footnote_id: str) -> Footnote | None:
        return self.report.footnotes.get(footnote_id) or self._graveyard.get(footnote_id)

    def set_footnote_body(self, footnote_id: str, body) -> None:
        fn = self.footnote(footnote_id)
        if fn is None:
            return
        fn.body = list(body)
        self._fn_dirty.add(footnote_id)
        if self.state != FAILED:
            self._set_state(UNSAVED)
        self.autosave.start()
        self.footnoteTextChanged.emit(footnote_id)

    # -- saving ------------------------------------------------------------------------------
    def save_all(self) -> bool:
        """Save every unsaved section and footnote. On failure the text stays in memory, the
        state says why, and a retry is scheduled."""
        if self._saving:  # a question asked during a save (a conflict) must not save again
            return False
        self._saving = True
        try:
            return self._save_all()
        finally:
            self._saving = False

    def _save_all(self) -> bool:
        self.autosave.stop()
        if not (self.dirty or self._fn_dirty or self._pending_footnotes()
                or self._header_dirty):
            if self.state != SAVED:
                self._set_state(SAVED)
            return True
        self._set_state(SAVING)
        ok = True
        try:
            for fid, live in list(self._fn_live.items()):
                if live:
                    fn = self.footnote(fid)
                    if fn is not None:
                        stored = self.store.add_footnote(replace(fn))
                        if fid not in self._fn_dirty:  # the file's text (maybe a colleague's)
                            if stored.body != fn.body:
                                fn.body = stored.body
                                self.footnoteTextChanged.emit(fid)
                            fn.version = stored.version
                        # a text edited here is saved below, against the version it was
                        # edited from: a colleague's newer save is combined, not overwritten
                    del self._fn_live[fid]
            for sid in list(self.dirty):
                ok = self._save_section(sid) and ok
            for fid in list(self._fn_dirty):
                ok = self._save_footnote(fid) and ok
            if self._header_dirty:
                ok = self._save_header() and ok
            for fid, live in list(self._fn_live.items()):
                if not live:
                    self.store.delete_footnote(fid)
                del self._fn_live[fid]
        except errors.ReportError as exc:
            self._fail(exc)
            return False
        if ok:
            self.retry.stop()
            self._set_state(SAVED)
        return ok

    def _pending_footnotes(self) -> bool:
        return bool(self._fn_live)

    def _fail(self, exc: errors.ReportError) -> None:
        self.waiting_for_lock = isinstance(exc, errors.Locked)
        self._set_state(FAILED, str(exc))
        self.retry.start()

    def _save_section(self, sid: str) -> bool:
        sec = self.section(sid)
        doc = self.docs.get(sid)
        if doc is not None:
            sec.body = body_of(doc)
        try:
            saved = self.store.save_section(sec)
        except errors.Conflict:
            return self._resolve_conflict(sid)
        sec.version = saved.version
        self.dirty.discard(sid)
        self._words.pop(sid, None)
        return True

    def _resolve_conflict(self, sid: str) -> bool:
        """Someone else saved this section after it was loaded. Their work and mine are
        combined (different paragraphs or fields need no question); only where both changed
        the same paragraph or field is the person asked: keep mine, take theirs or keep both."""
        mine = self.section(sid)
        for _attempt in range(5):
            rebased = rebase_section(self.store, mine)
            if rebased.theirs is None:  # the other person deleted it meanwhile
                if dialogs.ask_conflict(self.window, self.section_label(sid)) == "theirs":
                    self.dirty.discard(sid)
                    self._pull(force=True)
                    return True
                self.store.restore_section(sid)
                continue
            target = rebased.section
            if rebased.conflicts:
                choice = dialogs.ask_conflict(self.window, self.section_label(sid), both=True,
                                              details=_conflict_details(rebased.conflicts))
                target = _choose(rebased, choice)
            try:
                saved = self.store.save_section(target)
            except errors.Conflict:
                continue  # yet another save came in between: combine again
            self._take_saved(sid, saved)
            return True
        raise errors.Conflict(what=self.section_label(sid), who="?")

    def _take_saved(self, sid: str, saved: Section, keep_undo: bool = False) -> None:
        """The section as saved after combining with someone else's save: the model and the
        open document follow (only where the text differs, so the cursor stays). After a
        combine the section's undo history is forgotten (``keep_undo`` False): an undo past
        this point would silently take the colleague's paragraphs back out of the file. A
        restore from history is the person's own step and stays undoable."""
        sec = self.section(sid)
        moved = (sec.title, sec.parent_id, sec.position) != (saved.title, saved.parent_id,
                                                               saved.position)
        sec.title, sec.title_notes, sec.body = saved.title, list(saved.title_notes), saved.body
        sec.parent_id, sec.position, sec.version = saved.parent_id, saved.position, saved.version
        doc = self.docs.get(sid)
        if doc is not None:
            self._quiet += 1
            try:
                patch_body(doc, saved.body, keep_undo=keep_undo)
            finally:
                self._quiet -= 1
            self._ref_counts[sid] = len(footnote_ids_in(doc))
        self.dirty.discard(sid)
        self._words.pop(sid, None)
        self._adopt_missing_footnotes()
        self.sectionReplaced.emit(sid)
        if moved:
            self.outlineChanged.emit()
        self.renumber()

    # -- others' saves in a shared file --------------------------------------------------------
    def busy(self) -> bool:
        """A save is running (perhaps asking a question)."""
        return self._saving

    def pull_changes(self) -> list[str]:
        """Take in what others saved since the last look: sections (text, titles, places, new
        and deleted ones), footnotes and the document details. A section with unsaved edits
        keeps them (its next save is combined with theirs); an open section without unsaved
        edits shows the new text, the cursor staying where it was. Returns the ids of sections
        whose text changed."""
        if self._saving:
            return []
        return self._pull(force=False)

    def _pull(self, force: bool) -> list[str]:
        fresh = self.store.load_report()
        changed: list[str] = []
        structure = False
        fresh_ids = {s.id for s in fresh.all_sections()}
        keep: dict[str, Section] = {}
        for sec in fresh.all_sections():
            old = self._by_id.get(sec.id)
            if old is None:
                structure = True
                continue
            if sec.id in self.dirty or old.version == sec.version:
                keep[sec.id] = old
                continue
            if (old.title, old.parent_id, old.position) != (sec.title, sec.parent_id,
                                                            sec.position):
                structure = True
            old.title, old.title_notes, old.parent_id = sec.title, sec.title_notes, sec.parent_id
            old.position, old.version = sec.position, sec.version
            if old.body != sec.body:
                old.body = sec.body
                changed.append(sec.id)
                doc = self.docs.get(sec.id)
                if doc is not None:
                    self._quiet += 1
                    try:
                        patch_body(doc, sec.body, keep_undo=False)
                    finally:
                        self._quiet -= 1
                    self._ref_counts[sec.id] = len(footnote_ids_in(doc))
            keep[sec.id] = old
        sections = [keep.get(s.id, s) for s in fresh.sections]
        for sid in self.dirty:  # deleted by someone else while I type in it: my text stays
            if sid not in fresh_ids and sid in self._by_id:
                sec = self._by_id[sid]
                if sec.parent_id is not None and sec.parent_id not in fresh_ids:
                    sec.parent_id = None
                sections.append(sec)
        gone = set(self._by_id) - fresh_ids - self.dirty
        structure = structure or bool(gone)
        self.report.sections = sections
        self.report.intro = keep.get(fresh.intro.id, fresh.intro)
        self.report.ending = keep.get(fresh.ending.id, fresh.ending)
        notes_changed = self._pull_footnotes(fresh)
        # a header edited here and not yet saved stays; its save combines with theirs
        header = fresh.version != self.report.version and not self._header_dirty
        if header:
            self.report.header, self.report.closing = fresh.header, fresh.closing
            self.report.version = fresh.version
        for sid in changed:
            self._words.pop(sid, None)
        self._index_sections()
        for sid in gone:
            doc = self.docs.pop(sid, None)
            self._ref_counts.pop(sid, None)
            if doc is not None:
                doc.deleteLater()
        if structure or changed or force:
            self._numbers_cache = None
            self.outlineChanged.emit()
        for sid in changed:
            self.sectionReplaced.emit(sid)
        self.renumber()
        for fid in notes_changed:
            self.footnoteTextChanged.emit(fid)
        if notes_changed:
            self.numbersChanged.emit()
        if header:
            if fresh.profile != self.report.profile:
                self.set_profile(fresh.profile)
            self.headerChanged.emit()
        return changed

    def _pull_footnotes(self, fresh: Report) -> list[str]:
        local = self.report.footnotes
        pending = set(self._fn_dirty) | set(self._fn_live)
        referenced = {fid for sid in self.dirty if sid in self._by_id
                      for fid in self._by_id[sid].footnote_refs()}
        out: dict[str, Footnote] = {}
        changed = []
        for fid, fn in fresh.footnotes.items():
            mine = local.get(fid)
            if mine is not None and (fid in pending or mine.version == fn.version):
                out[fid] = mine
            else:
                out[fid] = fn
                self._graveyard.pop(fid, None)
                changed.append(fid)
        for fid, fn in local.items():
            if fid not in out and (fid in pending or fid in referenced):
                out[fid] = fn
        changed += [fid for fid in local if fid not in out]
        self.report.footnotes = out
        return changed

    # -- history -------------------------------------------------------------------------------
    def restore_revision(self, sid: str, rev_id: str) -> bool:
        """Bring back an older text of a section as a new save. In the editor it is one step:
        Ctrl+Z brings back the text it replaced (and saves that again)."""
        from hgreport.history import restore

        if not self.save_all():
            return False
        sec = self.section(sid)
        try:
            saved = restore(self.store, sid, rev_id, expected_version=sec.version)
        except errors.Conflict:
            self._pull(force=True)
            sec = self.section(sid)
            saved = restore(self.store, sid, rev_id, expected_version=sec.version)
        self._take_saved(sid, saved, keep_undo=True)
        self.outlineChanged.emit()
        return True

    def _adopt_missing_footnotes(self) -> None:
        fresh = self.store.load_report().footnotes
        for fid, fn in fresh.items():
            if fid in self._graveyard or self._fn_live.get(fid) is False:
                continue  # its reference was removed here: it waits to be deleted
            self.report.footnotes.setdefault(fid, fn)

    def _save_footnote(self, fid: str) -> bool:
        fn = self.footnote(fid)
        if fn is None:
            self._fn_dirty.discard(fid)
            return True
        try:
            saved = self.store.save_footnote(fn)
        except errors.Conflict:
            # someone else saved this footnote meanwhile: different paragraphs combine;
            # only the same paragraph needs the person's choice
            rebased = rebase_footnote(self.store, fn)
            theirs = rebased.theirs
            if theirs is None:
                raise errors.NoSuchFootnote() from None
            if rebased.conflicts and \
                    dialogs.ask_conflict(self.window, fn.plain_text[:40]) == "theirs":
                fn.body, fn.version = theirs.body, theirs.version
                self.footnoteTextChanged.emit(fid)
                self._fn_dirty.discard(fid)
                return True
            combined = rebased.footnote.body != fn.body
            fn.body, fn.version = rebased.footnote.body, rebased.footnote.version
            saved = self.store.save_footnote(fn)
            if combined:
                self.footnoteTextChanged.emit(fid)
        fn.version = saved.version
        self._fn_dirty.discard(fid)
        return True

    # -- header ----------------------------------------------------------------------------
    def set_profile(self, profile_id: str) -> None:
        """Lay the report out by another format profile (stored with the next header save):
        section numbers and the on-screen page follow it at once. An id this version does not
        ship keeps the default profile's layout."""
        self.report.profile = profile_id
        try:
            self.profile = load_profile(profile_id)
        except errors.ReportError:
            self.profile = load_profile()
        self.numbering = Numbering.from_profile(self.profile)
        self.page = body_layout(self.profile)
        self._quiet += 1
        try:
            for doc in self.docs.values():
                apply_page(doc, self.page)
        finally:
            self._quiet -= 1
        self._numbers_cache = None
        self.outlineChanged.emit()

    def save_header(self, header, closing, edited_from: int | None = None) -> bool:
        """Save header and closing. ``edited_from`` is the version the values were edited
        from (a dialog that stayed open while a colleague saved): their changes to other fields
        are kept. A save that fails is kept and retried with the other unsaved work."""
        self.report.header, self.report.closing = header, closing
        if edited_from is not None:
            self.report.version = edited_from
        self._header_dirty = True
        if self._save_header():
            return True
        self.autosave.start()
        return False

    def _save_header(self) -> bool:
        header = self.report.header
        try:
            self.store.save_header(self.report)
        except errors.Conflict:
            # field by field: a number set here and a place set there both stay
            rebased = rebase_header(self.store, self.report)
            if rebased.conflicts and dialogs.ask_conflict(
                    self.window, header.summary or header.type_name) == "theirs":
                current = self.store.load_report()
                self.report.header, self.report.closing = current.header, current.closing
                self.report.version = current.version
                if current.profile != self.report.profile:
                    self.set_profile(current.profile)
                self._header_dirty = False
                return True
            merged = rebased.report
            self.report.header, self.report.closing = merged.header, merged.closing
            self.report.version = merged.version
            if merged.profile != self.report.profile:
                self.set_profile(merged.profile)
            try:
                self.store.save_header(self.report)
            except errors.ReportError as exc:
                self._fail(exc)
                return False
        except errors.ReportError as exc:
            self._fail(exc)
            return False
        self._header_dirty = False
        return True

    # -- structure (undoable) ----------------------------------------------------------------
    def _run(self, command: _StructureCommand) -> bool:
        if not self.save_all():
            dialogs.show_error(self.window, self.last_error)
            return False
        self.undo_stack.push(command)
        return not command.failed  # a failure was shown by the command

    def add_section(self, near_id: str | None, child: bool = False, title: str = "") -> str | None:
        """A new section after ``near_id`` (or as its last child); returns its id."""
        if child and near_id and self.section(near_id).kind == KIND_SECTION:
            parent, index = near_id, len(self.children_ids(near_id))
        elif near_id and self.section(near_id).kind == KIND_SECTION:
            parent = self.section(near_id).parent_id
            index = self.children_ids(parent).index(near_id) + 1
        elif near_id and self.section(near_id).kind == "intro":
            parent, index = None, 0
        else:
            parent, index = None, len(self.children_ids(None))
        cmd = _AddSection(self, parent, index, title)
        return cmd.section_id if self._run(cmd) else None

    def rename_section(self, section_id: str, title: str) -> bool:
        title = clean_line(title)
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION or title == sec.title:
            return False
        return self._run(_RenameSection(self, section_id, sec.title, title))

    def set_title_notes(self, section_id: str, notes: list[str]) -> bool:
        """Change the footnotes at the end of a section's heading (undoable in the tree)."""
        sec = self.section(section_id)
        if list(notes) == sec.title_notes:
            return False
        return self._run(_TitleNotes(self, section_id, list(sec.title_notes), list(notes)))

    def add_title_note(self, section_id: str) -> str | None:
        """A new footnote at the end of a heading; returns its id."""
        fn = self.new_footnote()
        notes = self.section(section_id).title_notes + [fn.id]
        return fn.id if self.set_title_notes(section_id, notes) else None

    def title_note_owner(self, footnote_id: str) -> str | None:
        """The section whose heading carries ``footnote_id``, if any."""
        for sec in self.report.all_sections():
            if footnote_id in sec.title_notes:
                return sec.id
        return None

    def move_section(self, section_id: str, parent_id: str | None, index: int) -> bool:
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION:
            return False
        old_parent = sec.parent_id
        old_index = self.children_ids(old_parent).index(section_id)
        if parent_id == old_parent and index == old_index:
            return False
        ancestor = parent_id
        while ancestor is not None:
            if ancestor == section_id:
                return False
            ancestor = self.section(ancestor).parent_id
        return self._run(_MoveSection(self, section_id, (old_parent, old_index),
                                      (parent_id, index)))

    def move_up(self, section_id: str) -> bool:
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION:
            return False
        index = self.children_ids(sec.parent_id).index(section_id)
        return index > 0 and self.move_section(section_id, sec.parent_id, index - 1)

    def move_down(self, section_id: str) -> bool:
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION:
            return False
        siblings = self.children_ids(sec.parent_id)
        index = siblings.index(section_id)
        return index < len(siblings) - 1 and self.move_section(section_id, sec.parent_id,
                                                               index + 1)

    def promote(self, section_id: str) -> bool:
        """One level up: right after its parent."""
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION or sec.parent_id is None:
            return False
        parent = self.section(sec.parent_id)
        index = self.children_ids(parent.parent_id).index(parent.id) + 1
        return self.move_section(section_id, parent.parent_id, index)

    def demote(self, section_id: str) -> bool:
        """One level down: the last child of the section above it."""
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION:
            return False
        siblings = self.children_ids(sec.parent_id)
        index = siblings.index(section_id)
        if index == 0:
            return False
        above = siblings[index - 1]
        return self.move_section(section_id, above, len(self.children_ids(above)))

    def delete_section(self, section_id: str) -> bool:
        if self.section(section_id).kind != KIND_SECTION:
            return False
        return self._run(_DeleteSection(self, section_id))

    def restore_section(self, section_id: str) -> bool:
        return self._run(_RestoreSection(self, section_id))

    def deleted_sections(self) -> list[Section]:
        return self.store.deleted_sections()

    # -- low-level steps used by the undo commands ---------------------------------------------
    def _position_for(self, parent_id: str | None, index: int, moving: str | None) -> float:
        siblings = [s.position for s in self.report.children_of(parent_id)
                    if s.kind == KIND_SECTION and s.id != moving]
        return position_at(siblings, index)

    def _do_add(self, section_id: str, parent_id: str | None, index: int, title: str) -> None:
        sec = Section(id=section_id, title=title, parent_id=parent_id,
                      position=self._position_for(parent_id, index, None))
        self.store.add_section(sec)
        self.report.sections.append(sec)
        self._index_sections()
        self.outlineChanged.emit()

    def _do_move(self, section_id: str, parent_id: str | None, index: int) -> None:
        saved = self.store.move_section(section_id, parent_id, index)
        sec = self.section(section_id)
        sec.parent_id, sec.position, sec.version = saved.parent_id, saved.position, saved.version
        self.outlineChanged.emit()
        self.renumber()

    def _do_rename(self, section_id: str, title: str) -> None:
        sec = self.section(section_id)
        old = sec.title
        sec.title = title
        try:
            self._save_section(section_id)
        except errors.ReportError:
            sec.title = old
            raise
        self.outlineChanged.emit()

    def _do_title_notes(self, section_id: str, notes: list[str]) -> None:
        sec = self.section(section_id)
        old = sec.title_notes
        sec.title_notes = list(notes)
        try:
            self._save_section(section_id)
        except errors.ReportError:
            sec.title_notes = old
            raise
        referenced = {fid for fid, _ in self.report.reference_order()}
        for fid in notes:  # a note that comes (back) lives again
            if fid not in self.report.footnotes and fid in self._graveyard:
                self.report.footnotes[fid] = self._graveyard.pop(fid)
                self._fn_live[fid] = True
        for fid in set(old) - referenced:  # a note no longer referenced goes to the graveyard
            if fid in self.report.footnotes:
                self._graveyard[fid] = self.report.footnotes.pop(fid)
                self._fn_live[fid] = False
        self.autosave.start()
        self.renumber()
        self.outlineChanged.emit()

    def _do_delete(self, section_id: str) -> None:
        self.store.delete_section(section_id)
        self._reload()

    def _do_restore(self, section_id: str) -> None:
        self.store.restore_section(section_id)
        self._reload()

    def _reload(self) -> None:
        """Take sections and footnotes from the store (after a delete or restore; every edit
        was saved before, so open documents stay as they are)."""
        fresh = self.store.load_report()
        self.report.sections = fresh.sections
        for sec in fresh.all_sections():
            if sec.id in self.docs and sec.id not in self.dirty:
                sec.body = body_of(self.docs[sec.id])
        self.report.intro, self.report.ending = fresh.intro, fresh.ending
        self.report.footnotes = fresh.footnotes
        self._words.clear()
        self._index_sections()
        for sid in list(self.docs):
            if sid not in self._by_id:
                self.docs.pop(sid).deleteLater()
                self._ref_counts.pop(sid, None)
        self.outlineChanged.emit()
        self.renumber()


class _StructureCommand(QUndoCommand):
    def __init__(self, session: Session, text: str):
        super().__init__(text)
        self.session = session
        self.failed = ""

    def _guard(self, step, save_first: bool = False) -> None:
        """Run one step; a failure (busy file, read-only …) is shown to the person and the
        step leaves the undo stack, whose other steps stay consistent."""
        try:
            if save_first and not self.session.save_all():
                raise errors.IOProblem(path=str(self.session.store.path),
                                       detail=self.session.last_error)
            step()
            self.failed = ""
        except errors.ReportError as exc:
            self.failed = str(exc)
            self.setObsolete(True)
            dialogs.show_error(self.session.window, self.failed)




class _AddSection(_StructureCommand):
    def __init__(self, session, parent_id, index, title):
        super().__init__(session, QCoreApplication.translate("Session", "Add section"))
        self.section_id = new_id()
        self.parent_id, self.index, self.title = parent_id, index, title
        self.done_once = False

    def redo(self):
        if not self.done_once:
            self._guard(lambda: self.session._do_add(self.section_id, self.parent_id,
                                                     self.index, self.title))
            self.done_once = not self.failed
        else:
            self._guard(lambda: self.session._do_restore(self.section_id))

    def undo(self):
        self.session.save_all()
        self._guard(lambda: self.session._do_delete(self.section_id))


class _RenameSection(_StructureCommand):
    def __init__(self, session, section_id, old, new):
        super().__init__(session, QCoreApplication.translate("Session", "Rename section"))
        self.section_id, self.old, self.new = section_id, old, new

    def redo(self):
        self._guard(lambda: self.session._do_rename(self.section_id, self.new))

    def undo(self):
        self._guard(lambda: self.session._do_rename(self.section_id, self.old))


class _TitleNotes(_StructureCommand):
    def __init__(self, session, section_id, old, new):
        super().__init__(session, QCoreApplication.translate("Session", "Heading footnotes"))
        self.section_id, self.old, self.new = section_id, old, new

    def redo(self):
        self._guard(lambda: self.session._do_title_notes(self.section_id, self.new))

    def undo(self):
        self._guard(lambda: self.session._do_title_notes(self.section_id, self.old))


class _MoveSection(_StructureCommand):
    def __init__(self, session, section_id, before, after):
        super().__init__(session, QCoreApplication.translate("Session", "Move section"))
        self.section_id, self.before, self.after = section_id, before, after

    def redo(self):
        self.session.save_all()
        self._guard(lambda: self.session._do_move(self.section_id, *self.after))

    def undo(self):
        self.session.save_all()
        self._guard(lambda: self.session._do_move(self.section_id, *self.before))


class _DeleteSection(_StructureCommand):
    def __init__(self, session, section_id):
        super().__init__(session, QCoreApplication.translate("Session", "Delete section"))
        self.section_id = section_id

    # deleting and restoring reload sections and footnotes from the file: save first, so no
    # typed text or footnote edit is replaced by the stored one
    def redo(self):
        self._guard(lambda: self.session._do_delete(self.section_id), save_first=True)

    def undo(self):
        self._guard(lambda: self.session._do_restore(self.section_id), save_first=True)


class _RestoreSection(_DeleteSection):
    def __init__(self, session, section_id):
        _StructureCommand.__init__(self, session, QCoreApplication.translate("Session", "Restore section"))
        self.section_id = section_id

    def redo(self):
        self._guard(lambda: self.session._do_restore(self.section_id), save_first=True)

    def undo(self):
        self._guard(lambda: self.session._do_delete(self.section_id), save_first=True)


def _choose(rebased, choice: str) -> Section:
    """The combined section with the person's answer where both changed the same thing."""
    sec = replace(rebased.section)
    theirs = rebased.theirs
    for c in rebased.conflicts:
        if choice == "mine":
            break
        if c.field == "body":
            body = c.theirs if choice == "theirs" else both_paragraphs(c.mine, c.theirs)
            sec.body = body_from_list(body)
        elif c.field == "title":
            sec.title = c.theirs if choice == "theirs" or not c.mine else (
                c.mine if not c.theirs or c.theirs == c.mine else f"{c.mine} / {c.theirs}")
        elif c.field == "title_notes":
            sec.title_notes = list(c.theirs) if choice == "theirs" else (
                list(c.mine) + [x for x in c.theirs if x not in c.mine])
        elif c.field == "place" and choice == "theirs" and theirs is not None:
            sec.parent_id, sec.position = theirs.parent_id, theirs.position
    return sec


def _conflict_details(conflicts) -> str:
    """Both versions of what was changed on both sides, for the question's details."""

    def text(value) -> str:
        if isinstance(value, list) and all(isinstance(p, dict) for p in value):
            return "\n\n".join(p.text for p in body_from_list(value))
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return "" if value is None else str(value)

    out = []
    for c in conflicts:
        mine, theirs = c.mine, c.theirs
        if c.field == "body":  # only the paragraphs that differ (matched by id)
            mine, theirs = differing(mine, theirs)
        out.append(QCoreApplication.translate("Session", "Yours:") + "\n" + text(mine))
        out.append(QCoreApplication.translate("Session", "Theirs:") + "\n" + text(theirs))
    return "\n\n".join(out)


def _keys(body) -> list[str]:
    """What each block says (its id left out)."""
    return [content_key(b.to_dict()) for b in body]


def _ids(body) -> list[str]:
    return [b.id for b in body]


def _stamp_ids(doc: QTextDocument, cursor: QTextCursor, body) -> None:
    """Give the blocks of ``doc`` (one per block of ``body``) the ids of ``body``."""
    block = doc.begin()
    for item in body:
        if block_id_of(block) != item.id:
            cursor.setPosition(block.position())
            fmt = block.blockFormat()
            fmt.setProperty(BLOCK_ID, item.id)
            cursor.setBlockFormat(fmt)
        block = block.next()


def patch_body(doc: QTextDocument, new_body, keep_undo: bool) -> None:
    """Make ``doc`` show ``new_body``, text and paragraph ids, by replacing only the paragraphs
    whose text differs (so a cursor elsewhere stays put), as one edit step. ``keep_undo``
    False forgets the undo history (the text came from someone else)."""
    old_body = body_of(doc)
    if _keys(old_body) == _keys(new_body) and _ids(old_body) == _ids(new_body):
        return
    page = page_of(doc)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    try:
        ops = SequenceMatcher(None, _keys(old_body), _keys(new_body), autojunk=False)
        n_old = doc.blockCount()
        if len(old_body) != n_old:
            raise ValueError("paragraphs and blocks differ")
        for tag, i1, i2, j1, j2 in reversed(ops.get_opcodes()):
            if tag == "equal":
                continue
            part = new_body[j1:j2]
            if i2 > i1 and part:  # replace paragraphs i1..i2 by part
                cursor.setPosition(doc.findBlockByNumber(i1).position())
                last = doc.findBlockByNumber(i2 - 1)
                cursor.setPosition(last.position() + last.length() - 1,
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before,
                                                   page))
                cursor.setCharFormat(char_format())
                insert_body(cursor, part)
            elif i2 > i1:  # paragraphs removed
                if i2 < n_old:
                    cursor.setPosition(doc.findBlockByNumber(i1).position())
                    cursor.setPosition(doc.findBlockByNumber(i2).position(),
                                       QTextCursor.MoveMode.KeepAnchor)
                elif i1 > 0:
                    before = doc.findBlockByNumber(i1 - 1)
                    cursor.setPosition(before.position() + before.length() - 1)
                    cursor.movePosition(QTextCursor.MoveOperation.End,
                                        QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.select(QTextCursor.SelectionType.Document)
                cursor.removeSelectedText()
            elif i1 < n_old:  # paragraphs added before paragraph i1
                block = doc.findBlockByNumber(i1)
                cursor.setPosition(block.position())
                cursor.insertBlock(block.blockFormat(), char_format())
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
                cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before,
                                                   page))
                cursor.setCharFormat(char_format())
                insert_body(cursor, part)
            else:  # added at the end
                cursor.movePosition(QTextCursor.MoveOperation.End)
                insert_body(cursor, part, first_in_place=not old_body)
                if not old_body:
                    cursor.setPosition(0)
                    cursor.setBlockFormat(block_format(part[0].align,
                                                       part[0].page_break_before, page))
        if doc.blockCount() != max(len(new_body), 1):
            raise ValueError("paragraphs and blocks differ")
        _stamp_ids(doc, cursor, new_body)
        patched = body_of(doc)
        if _keys(patched) != _keys(new_body) or _ids(patched) != _ids(new_body):
            raise ValueError("patch missed")
    except ValueError:
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        first = new_body[0] if new_body else None
        if first is not None:
            cursor.setBlockFormat(with_block_id(block_format(first.align,
                                                             first.page_break_before, page),
                                                first.id))
        cursor.setCharFormat(char_format())
        insert_body(cursor, new_body)
    finally:
        cursor.endEditBlock()
    if not keep_undo:
        doc.clearUndoRedoStacks()

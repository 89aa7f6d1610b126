"""Saving the working copy through the store, with the rule for a save that lost the race.

Every row in the file carries a version; a save that finds a newer one (a colleague saved
first) is combined with theirs against the version it was edited from
(:func:`hgreport.merge.rebase_section` and its footnote and header siblings). Edits to
different paragraphs or fields combine without a word; where both changed the same paragraph
or field the save returns a :class:`~.questions.Question`, and :meth:`Saving.resolve` takes the
answer. A mixin of :class:`~hgreport.workspace.Workspace`.
"""

from __future__ import annotations

from dataclasses import replace

from .. import errors
from ..blockmerge import both_paragraphs
from ..merge import rebase_footnote, rebase_header, rebase_section
from ..model import Report, Section, body_from_list, body_refs, new_id
from ..storage import REPORT_ROW
from .changes import Changes
from .questions import BOTH, THEIRS, Question, choose_section, separate_references

ATTEMPTS = 5  # saves by colleagues in between before a combine gives up (and is retried)


class Saving:
    """Saving what is unsaved, and the answers to the questions a save raises."""

    def save(self) -> Changes:
        """Save every unsaved section, footnote and the header. What the file held newer is
        combined in (the combined texts are in ``sections`` and ``footnotes``); what needs the
        person's choice is in ``questions``; a failure (busy, read-only, full) is ``error``,
        and everything not saved stays unsaved here for the next try."""
        out = Changes()
        if not self.has_unsaved():
            return out
        out.numbers = self._settle()
        try:
            for fid, live in list(self._fn_live.items()):
                if live:
                    self._add_footnote(fid, out)
                    del self._fn_live[fid]
            for sid in [sid for sid in self._by_id if sid in self._unsaved]:
                self._save_section(sid, out)
            for sid in list(self._unsaved - set(self._by_id)):  # not in the report any more
                self._unsaved.discard(sid)
            for fid in list(self._fn_unsaved):
                self._save_footnote(fid, out)
            if self._header_unsaved:
                self._save_header(out)
            for fid, live in list(self._fn_live.items()):
                if not live:
                    self.store.delete_footnote(fid)
                del self._fn_live[fid]
        except errors.ReportError as exc:
            out.error = exc
        return out

    def resolve(self, question: Question, choice: str) -> Changes:
        """Take the person's answer to ``question`` ("mine", "theirs" or, for a section's
        paragraphs, "both") and save. The answer may meet yet another colleague's save: the
        result can hold a new question."""
        out = Changes()
        try:
            if question.kind == "section":
                self._resolve_section(question, choice, out)
            elif question.kind == "footnote":
                self._resolve_footnote(question, choice, out)
            else:
                self._resolve_header(question, choice, out)
        except errors.ReportError as exc:
            out.error = exc
        return out

    # -- sections -------------------------------------------------------------------------------
    def _save_section(self, sid: str, out: Changes) -> None:
        sec = self.section(sid)
        if sec.damaged and sid not in self._readers:  # nothing of the person's to save
            self._unsaved.discard(sid)
            return
        try:
            saved = self.store.save_section(sec)
        except errors.Conflict:
            self._combine_section(sid, out)
            return
        sec.version = saved.version
        self._unsaved.discard(sid)
        self._words.pop(sid, None)

    def _combine_section(self, sid: str, out: Changes) -> None:
        """Someone else saved this section after it was loaded: their work and mine are
        combined; only where both changed the same paragraph or field is a question left."""
        mine = self.section(sid)
        for _attempt in range(ATTEMPTS):
            rebased = rebase_section(self.store, mine)
            if rebased.theirs is None:  # the other person deleted it meanwhile
                out.questions.append(Question("section", sid, self.section_name(sid), [],
                                              rebased, mine.body, deleted=True))
                return
            if rebased.conflicts:
                out.questions.append(Question("section", sid, self.section_name(sid),
                                              rebased.conflicts, rebased, mine.body))
                return
            combined = replace(rebased.section)
            combined.body, copies = self._one_reference_each(
                sid, combined.body, mine.body, rebased.theirs.body)
            try:
                saved = self.store.save_section(combined)
            except errors.Conflict:
                self._drop_copies(copies)
                continue  # yet another save came in between: combine again
            self._take_saved(sid, saved, out)
            return
        raise errors.Conflict(what=self.section_name(sid), who="?")

    def _resolve_section(self, q: Question, choice: str, out: Changes) -> None:
        sid = q.entity_id
        if sid not in self._unsaved or not self.has_section(sid):
            return  # settled meanwhile
        if sid in self._readers or self.section(sid).body is not q.seen:
            self._save_section(sid, out)  # edited since the question: combine afresh
            return
        if q.deleted:
            if choice == THEIRS:
                self._unsaved.discard(sid)
                out.merge(self.pull(force=True))
                return
            self.store.restore_section(sid)
            self._combine_section(sid, out)
            return
        target = choose_section(q.rebased, choice)
        target.body, copies = self._one_reference_each(
            sid, target.body, q.seen, q.rebased.theirs.body if q.rebased.theirs else [])
        try:
            saved = self.store.save_section(target)
        except errors.Conflict:
            self._drop_copies(copies)
            self._combine_section(sid, out)
            return
        self._take_saved(sid, saved, out)

    def _one_reference_each(self, sid: str, body: list, mine: list, theirs: list
                            ) -> tuple[list, dict[str, str]]:
        """One reference per footnote in a combined text: where combining repeated a
        reference (keep both; a paragraph of theirs and one of mine pointing at the same
        footnote; a paragraph one person moved to another section and the other kept here),
        each reference past what either version alone had, and each reference another
        section holds too, gets its own copy of the footnote, added to the file before the
        text is saved. Returns the body and the copies made ({new id: the footnote copied})."""
        body, copies = separate_references(body, mine, theirs)
        elsewhere = self._refs_elsewhere(sid) & set(body_refs(body))
        if elsewhere:
            def own(fid: str) -> str:
                if fid not in elsewhere:
                    return fid
                copy = new_id()
                copies[copy] = fid
                return copy

            body = [b.map_refs(own) if b.footnote_refs() else b for b in body]
        self._copy_footnotes(copies)
        return body, copies

    def _refs_elsewhere(self, sid: str) -> set[str]:
        """Footnotes the other live sections reference once this save is done: as the file
        holds them, and as this copy holds those still unsaved here."""
        out: set[str] = set()
        for row in self.store.load_outline():
            if row["id"] != sid and row["id"] not in self._unsaved:
                out.update(row["title_notes"], row["refs"])
        for other in self._unsaved:
            if other != sid and self.has_section(other):
                out.update(self.section(other).footnote_refs())
        return out

    def _drop_copies(self, copies: dict[str, str]) -> None:
        """Footnote copies made for a combined text that could not be saved after all."""
        for fid in copies:
            self.store.delete_footnote(fid)
            self.report.footnotes.pop(fid, None)

    def _take_saved(self, sid: str, saved: Section, out: Changes, undoable: bool = False) -> None:
        """The section as saved after combining with someone else's save: the working copy
        follows, and the window is told to show it."""
        sec = self.section(sid)
        moved = (sec.title, sec.parent_id, sec.position) != (saved.title, saved.parent_id,
                                                               saved.position)
        sec.title, sec.title_notes, sec.body = saved.title, list(saved.title_notes), saved.body
        sec.parent_id, sec.position, sec.version = saved.parent_id, saved.position, saved.version
        sec.damage = saved.damage  # restored from its history: readable (and editable) again
        self._unsaved.discard(sid)
        self._readers.pop(sid, None)
        self._words.pop(sid, None)
        self._adopt_missing_footnotes(sec.footnote_refs())
        out.sections.append(sid)
        if undoable:
            out.undoable.add(sid)
        out.numbers = True
        if moved:
            self._index_sections()
            out.outline = True

    # -- footnotes ------------------------------------------------------------------------------
    def _add_footnote(self, fid: str, out: Changes) -> None:
        """A footnote whose reference appeared (new, or back after an undo) goes into the file.
        The file may hold a newer text of it (a colleague's): that is taken, unless its text
        was edited here too — then the edit is saved against the version it was edited from
        and combined with theirs."""
        fn = self.footnote(fid)
        if fn is None:
            return
        stored = self.store.add_footnote(replace(fn))
        if fid not in self._fn_unsaved:
            if stored.body != fn.body:
                fn.body = stored.body
                out.footnotes.append(fid)
            fn.version = stored.version

    def _save_footnote(self, fid: str, out: Changes, attempt: int = 0) -> None:
        fn = self.footnote(fid)
        if fn is None:
            self._fn_unsaved.discard(fid)
            return
        try:
            saved = self.store.save_footnote(fn)
        except errors.Conflict:
            # someone else saved this footnote meanwhile: different paragraphs combine;
            # only the same paragraph needs the person's choice
            if attempt >= ATTEMPTS:  # colleagues keep saving it: stays unsaved, tried next time
                return
            rebased = rebase_footnote(self.store, fn)
            if rebased.theirs is None:
                raise errors.NoSuchFootnote() from None
            if rebased.conflicts:
                out.questions.append(Question("footnote", fid, fn.plain_text[:40],
                                              rebased.conflicts, rebased, fn.body))
                return
            self._save_combined_footnote(fid, rebased, out, attempt)
            return
        fn.version = saved.version
        self._fn_unsaved.discard(fid)

    def _save_combined_footnote(self, fid: str, rebased, out: Changes, attempt: int = 0) -> None:
        fn = self.footnote(fid)
        combined = rebased.footnote.body != fn.body
        fn.body, fn.version = rebased.footnote.body, rebased.footnote.version
        if combined:
            out.footnotes.append(fid)
        self._save_footnote(fid, out, attempt + 1)

    def _resolve_footnote(self, q: Question, choice: str, out: Changes) -> None:
        fid = q.entity_id
        fn = self.footnote(fid)
        if fn is None or fid not in self._fn_unsaved:
            return
        if fn.body is not q.seen:
            self._save_footnote(fid, out)
            return
        if choice == THEIRS:
            theirs = q.rebased.theirs
            fn.body, fn.version = theirs.body, theirs.version
            self._fn_unsaved.discard(fid)
            out.footnotes.append(fid)
            return
        rebased = q.rebased
        clash = next((c for c in rebased.conflicts if c.field == "body"), None)
        if choice == BOTH and clash is not None:  # both versions of the paragraph, mine first
            rebased = replace(rebased, footnote=replace(
                rebased.footnote, body=body_from_list(both_paragraphs(clash.mine, clash.theirs))))
        self._save_combined_footnote(fid, rebased, out)

    # -- header ---------------------------------------------------------------------------------
    def save_header(self, header, closing, edited_from: int | None = None) -> Changes:
        """Save header and closing. ``edited_from`` is the version the values were edited from
        (a dialog that stayed open while a colleague saved): their changes to other fields are
        kept. A save that fails stays unsaved and goes with the next save."""
        self.report.header, self.report.closing = header, closing
        if edited_from is not None:
            self.report.version = edited_from
        self._header_unsaved = True
        out = Changes()
        try:
            self._save_header(out)
        except errors.ReportError as exc:
            out.error = exc
        return out

    def _save_header(self, out: Changes) -> None:
        try:
            self.store.save_header(self.report)
        except errors.Conflict:
            # field by field: a number set here and a place set there both stay
            rebased = rebase_header(self.store, self.report)
            header = self.report.header
            if rebased.conflicts:
                out.questions.append(Question("header", REPORT_ROW,
                                              header.summary or header.type_name,
                                              rebased.conflicts, rebased, header))
                return
            self._take_header(rebased.report, out)
            self.store.save_header(self.report)
        self._header_unsaved = False

    def _take_header(self, report: Report, out: Changes) -> None:
        self.report.header, self.report.closing = report.header, report.closing
        self.report.version = report.version
        if report.profile != self.report.profile:
            self.set_profile(report.profile)
            out.profile = out.outline = True

    def _resolve_header(self, q: Question, choice: str, out: Changes) -> None:
        if not self._header_unsaved:
            return
        if self.report.header is not q.seen:
            self._save_header(out)
            return
        if choice == THEIRS:
            self._take_header(self.store.load_report(), out)
            self._header_unsaved = False
            out.header = True
            return
        self._take_header(q.rebased.report, out)
        self._save_header(out)

    # -- history --------------------------------------------------------------------------------
    def restore_revision(self, section_id: str, rev_id: str) -> Changes:
        """Bring back an older text of a section as a new save (save everything first). The
        replaced text is the person's own step (``undoable``)."""
        from ..history import restore

        out = Changes()
        try:
            try:
                saved = restore(self.store, section_id, rev_id,
                                expected_version=self.section(section_id).version)
            except errors.Conflict:  # a colleague saved it meanwhile: restore over theirs
                out.merge(self.pull(force=True))
                saved = restore(self.store, section_id, rev_id,
                                expected_version=self.section(section_id).version)
        except errors.ReportError as exc:
            out.error = exc
            return out
        self._take_saved(section_id, saved, out, undoable=True)
        out.outline = True
        return out

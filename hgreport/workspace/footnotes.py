"""Footnote bookkeeping of the working copy: which footnotes live, which wait to be deleted, new
and copied footnotes, and the problems of the one-reference-per-footnote invariant.

A footnote whose last reference is removed goes to a *graveyard* (kept in memory: an undo or a
paste brings the reference back, and the same footnote with it); the next save deletes it from
the file (a tombstone). A footnote whose reference comes back is saved again. A mixin of
:class:`~hgreport.workspace.Workspace`.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import errors
from ..model import Block, Footnote, Paragraph, new_id, with_new_ids


class FootnoteBook:
    """Footnotes of the open report."""

    def footnote(self, footnote_id: str) -> Footnote | None:
        """A footnote of the report, or one whose reference was removed (still undoable)."""
        return self.report.footnotes.get(footnote_id) or self._graveyard.get(footnote_id)

    def _referenced(self) -> set[str]:
        return {fid for fid, _ in self.report.reference_order()}

    def _revive(self, footnote_id: str) -> None:
        self.report.footnotes[footnote_id] = self._graveyard.pop(footnote_id)
        self._fn_live[footnote_id] = True

    def _bury(self, footnote_id: str) -> None:
        self._graveyard[footnote_id] = self.report.footnotes.pop(footnote_id)
        self._fn_live[footnote_id] = False

    def _follow_references(self, before: Iterable[str]) -> None:
        """References changed (``before``: the ids referenced where they changed): a footnote
        referenced again comes back, one referenced nowhere any more goes to the graveyard."""
        referenced = self._referenced()
        for fid in referenced:
            if fid not in self.report.footnotes and fid in self._graveyard:
                self._revive(fid)
        for fid in set(before) - referenced:
            if fid in self.report.footnotes:
                self._bury(fid)

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

    def title_note_owner(self, footnote_id: str) -> str | None:
        """The section whose heading carries ``footnote_id``, if any."""
        for sec in self.report.all_sections():
            if footnote_id in sec.title_notes:
                return sec.id
        return None

    def give_text_to_missing(self, footnote_id: str) -> bool:
        """A reference without footnote text gets an empty footnote (to be written), saved with
        the next save. False when the footnote has a text already."""
        if footnote_id in self.report.footnotes:
            return False
        fn = self._graveyard.pop(footnote_id, None) or Footnote(footnote_id, [])
        self.report.footnotes[footnote_id] = fn
        self._fn_live[footnote_id] = True
        return True

    def delete_orphan(self, footnote_id: str) -> bool:
        """Delete a footnote text no reference points to (the next save leaves a tombstone in
        the file, whose history can bring it back). False when there is no such footnote."""
        if footnote_id not in self.report.footnotes:
            return False
        self._bury(footnote_id)
        return True

    def new_footnote(self, body: Iterable[Block] = ()
                     ) -> tuple[Footnote, errors.ReportError | None]:
        """A new footnote, added to the file at once; it lives in the report when its
        reference appears (the editor inserts it). When the file refuses (busy, read-only,
        full) the footnote is kept here, saved with the next save, and the error is returned
        for the window to show."""
        fn = Footnote(new_id(), list(body))
        problem = None
        try:
            fn = self.store.add_footnote(fn)
        except errors.ReportError as exc:
            self._fn_live[fn.id] = True
            problem = exc
        self._graveyard[fn.id] = fn  # it becomes live when its reference appears
        return fn, problem

    def copy_footnote(self, footnote_id: str) -> tuple[str, errors.ReportError | None]:
        """The id to use for a pasted reference: the same footnote when it was cut (no live
        reference left), otherwise a new footnote with a copy of the text (as Word does)."""
        if footnote_id in self._graveyard and footnote_id not in self._referenced():
            return footnote_id, None
        source = self.footnote(footnote_id)
        fn, problem = self.new_footnote(with_new_ids(source.body) if source else [])
        return fn.id, problem

    def set_footnote_body(self, footnote_id: str, body: Iterable[Block]) -> bool:
        """A footnote's text now reads ``body`` (unsaved until the next save). False when
        there is no such footnote."""
        fn = self.footnote(footnote_id)
        if fn is None or fn.damaged:  # a damaged footnote is read-only: its raw text stays
            return False
        fn.body = list(body)
        self._fn_unsaved.add(footnote_id)
        return True

    def _adopt_missing_footnotes(self, refs: Iterable[str]) -> None:
        """Footnotes referenced in ``refs`` that the file has and the working copy lacks (a
        colleague's, in a text just combined with theirs) join the report."""
        for fid in refs:
            if fid in self.report.footnotes or fid in self._graveyard \
                    or self._fn_live.get(fid) is False:
                continue  # known, or its reference was removed here: it waits to be deleted
            try:
                self.report.footnotes[fid] = self.store.load_footnote(fid)
            except errors.NoSuchFootnote:
                continue  # a reference without text: a problem the footnote panel shows

    def _copy_footnotes(self, copies: dict[str, str]) -> None:
        """New footnotes ``{new id: footnote whose text it copies}``, added to the file."""
        for new, source_id in copies.items():
            source = self.footnote(source_id)
            if source is None:
                try:
                    source = self.store.load_footnote(source_id)
                except errors.ReportError:
                    source = Footnote(source_id, [])
            fn = self.store.add_footnote(Footnote(new, with_new_ids(source.body)))
            self.report.footnotes[new] = fn

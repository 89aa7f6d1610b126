"""Changing the section tree: add, rename, heading notes, move (up, down, promote, demote),
delete and restore. Each is written to the file at once and returns what changed; each has an
inverse that undoes it (add ↔ delete, delete ↔ restore, a move ↔ the move back, a rename ↔ the
rename back), which is all an undo stack needs. Save unsaved work first: delete and restore
read the tree back from the file. A mixin of :class:`~hgreport.workspace.Workspace`.
"""

from __future__ import annotations

from .. import errors
from ..model import KIND_INTRO, KIND_SECTION, Section, new_id
from ..storage import position_at
from ..text import clean_line
from .changes import Changes

Place = tuple[str | None, int]  # (parent id or None for the top level, index among siblings)


class Structure:
    """The section tree."""

    # -- where things are and would go ----------------------------------------------------
    def place_of(self, section_id: str) -> Place:
        """Where a numbered section is: (parent, index among its siblings)."""
        sec = self.section(section_id)
        return sec.parent_id, self.children_ids(sec.parent_id).index(section_id)

    def place_for_new(self, near_id: str | None, child: bool = False) -> Place:
        """Where a new section goes: after ``near_id`` (or as its last child), at the start
        after the opening, at the end otherwise."""
        near = self.section(near_id) if near_id else None
        if near is not None and near.kind == KIND_SECTION:
            if child:
                return near_id, len(self.children_ids(near_id))
            return near.parent_id, self.children_ids(near.parent_id).index(near_id) + 1
        if near is not None and near.kind == KIND_INTRO:
            return None, 0
        return None, len(self.children_ids(None))

    def can_move(self, section_id: str, parent_id: str | None, index: int) -> bool:
        """A numbered section that would change place, and not into itself."""
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION or (parent_id, index) == self.place_of(section_id):
            return False
        ancestor, seen = parent_id, set()
        while ancestor is not None and ancestor not in seen:  # a damaged file may loop
            if ancestor == section_id:
                return False
            seen.add(ancestor)
            above = self._by_id.get(ancestor)
            ancestor = above.parent_id if above is not None else None
        return True

    def place_after(self, section_id: str, how: str) -> Place | None:
        """Where ``how`` ("up", "down", "promote": right after its parent, "demote": last
        child of the section above) puts a section; None when it cannot go there."""
        sec = self.section(section_id)
        if sec.kind != KIND_SECTION:
            return None
        siblings = self.children_ids(sec.parent_id)
        index = siblings.index(section_id)
        if how == "up":
            return (sec.parent_id, index - 1) if index > 0 else None
        if how == "down":
            return (sec.parent_id, index + 1) if index < len(siblings) - 1 else None
        if how == "promote":
            if sec.parent_id is None or not self.has_section(sec.parent_id):
                return None  # at the top level already (or shown there: a missing parent)
            parent = self.section(sec.parent_id)
            return parent.parent_id, self.children_ids(parent.parent_id).index(parent.id) + 1
        if how == "demote":
            if index == 0:
                return None
            above = siblings[index - 1]
            return above, len(self.children_ids(above))
        raise ValueError(how)

    def _position_for(self, parent_id: str | None, index: int) -> float:
        siblings = [s.position for s in self.report.children_of(parent_id)
                    if s.kind == KIND_SECTION]
        return position_at(siblings, index)

    # -- operations -----------------------------------------------------------------------
    def add_section(self, parent_id: str | None, index: int, title: str = "",
                    section_id: str | None = None) -> Changes:
        """A new empty section at ``index`` under ``parent_id`` (``added`` is its id).
        Inverse: :meth:`delete_section`; again after that: :meth:`restore_section`."""
        sec = Section(id=section_id or new_id(), title=clean_line(title), parent_id=parent_id,
                      position=self._position_for(parent_id, index))
        self.store.add_section(sec)
        self.report.sections.append(sec)
        self._index_sections()
        return Changes(outline=True, added=sec.id)

    def move_section(self, section_id: str, parent_id: str | None, index: int) -> Changes:
        """Put a section (with its subsections) at ``index`` under ``parent_id``. Inverse:
        the move back to its :meth:`place_of` before."""
        saved = self.store.move_section(section_id, parent_id, index)
        sec = self.section(section_id)
        sec.parent_id, sec.position = saved.parent_id, saved.position
        out = Changes(outline=True, numbers=True)
        if section_id not in self._unsaved:
            # the move was made on the file's text, which may hold a colleague's save not taken
            # in yet: take it now, or this copy would claim their version with older text
            if (sec.title, sec.title_notes, [b.to_dict() for b in sec.body]) != (
                    saved.title, saved.title_notes, [b.to_dict() for b in saved.body]):
                sec.title, sec.title_notes, sec.body = (saved.title, list(saved.title_notes),
                                                        saved.body)
                self._adopt_missing_footnotes(sec.footnote_refs())
                out.sections.append(section_id)
            sec.version = saved.version
        self._index_sections()
        return out

    def move(self, section_id: str, how: str) -> Changes | None:
        """:meth:`move_section` to :meth:`place_after` (None: it cannot move that way)."""
        place = self.place_after(section_id, how)
        return self.move_section(section_id, *place) if place is not None else None

    def rename_section(self, section_id: str, title: str) -> Changes:
        """Give a section another title, saved at once (combined with a colleague's save like
        any other save). Inverse: the rename back."""
        sec = self.section(section_id)
        old, was_unsaved = sec.title, section_id in self._unsaved
        sec.title = clean_line(title)
        return self._save_now(section_id, lambda: setattr(sec, "title", old), was_unsaved)

    def set_title_notes(self, section_id: str, notes: list[str]) -> Changes:
        """Set the footnotes at the end of a section's heading, saved at once: a note that
        comes (back) lives again, one no longer referenced waits to be deleted. Inverse: the
        notes before."""
        sec = self.section(section_id)
        old, was_unsaved = sec.title_notes, section_id in self._unsaved
        sec.title_notes = list(notes)
        out = self._save_now(section_id, lambda: setattr(sec, "title_notes", old), was_unsaved)
        self._follow_references(old)
        out.numbers = True
        return out

    def _save_now(self, section_id: str, undo, was_unsaved: bool) -> Changes:
        out = Changes(outline=True)
        self._unsaved.add(section_id)
        try:
            self._save_section(section_id, out)
        except errors.ReportError:
            undo()
            if not was_unsaved:
                self._unsaved.discard(section_id)
            raise
        return out

    def delete_section(self, section_id: str) -> Changes:
        """Delete a section with its subsections and the footnotes referenced only there
        (tombstones in the file). Inverse: :meth:`restore_section`."""
        self.store.delete_section(section_id)
        return self._reload()

    def restore_section(self, section_id: str) -> Changes:
        """Bring back a deleted section with its subsections and their footnotes. Inverse:
        :meth:`delete_section`."""
        self.store.restore_section(section_id)
        return self._reload()

    def deleted_sections(self) -> list[Section]:
        """Deleted sections, newest first (what restore offers)."""
        return self.store.deleted_sections()

    def _reload(self) -> Changes:
        """Read sections and footnotes back from the file after a delete or restore. Sections
        and footnotes still unsaved here keep their text."""
        fresh = self.store.load_report()
        mine = self._by_id

        def kept(sec: Section) -> Section:
            old = mine.get(sec.id)
            if old is not None and (old.id in self._unsaved or old.version == sec.version):
                return old
            return sec

        self.report.sections = [kept(s) for s in fresh.sections]
        self.report.intro, self.report.ending = kept(fresh.intro), kept(fresh.ending)
        footnotes = fresh.footnotes
        for fid in self._fn_unsaved | {f for f, live in self._fn_live.items() if live}:
            if fid in self.report.footnotes:  # edited or added here, not yet in the file
                footnotes[fid] = self.report.footnotes[fid]
        for fid in [f for f, live in self._fn_live.items() if not live]:
            footnotes.pop(fid, None)  # its reference was removed here: it waits to be deleted
        self.report.footnotes = footnotes
        gone = sorted(set(mine) - {s.id for s in fresh.all_sections()})
        self._unsaved -= set(gone)
        for sid in gone:
            self._readers.pop(sid, None)
        self._words.clear()
        self._index_sections()
        return Changes(outline=True, gone=gone, numbers=True)

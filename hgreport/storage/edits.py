"""The edits of the window and the command line: add, save, move, delete and restore
sections; add, save and delete footnotes; save the header. Each is one transaction through the
one write path (:mod:`.writes`), with the optimistic version check: a save that finds another
version raises :class:`~hgreport.errors.Conflict` and writes nothing.

A mixin of :class:`~hgreport.storage.report_store.ReportStore`."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from .. import errors
from ..model import KIND_SECTION, Footnote, Report, Section
from . import rows, writes
from .rows import REPORT_ROW
from .search import index_text


class EditOperations:
    """Saving what a person edits."""

    # -- new states through the one write path ---------------------------------------------
    def _record(self, entity: str, entity_id: str, content: dict | None, *, version: int,
                parent_rev: str | None, deleted: bool = False, author: str | None = None,
                merge_parents: list[str] | tuple = (), new: bool = False,
                search_text: str | None = None) -> str:
        """A new state of an entity through the one write path (inside a transaction)."""
        try:
            return writes.record_state(
                self.conn, entity, entity_id, content, version=version, parent_rev=parent_rev,
                author=self.author if author is None else author, deleted=deleted,
                merge_parents=merge_parents, new=new, search_text=search_text)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _insert_report(self, report: Report) -> None:
        self._record("report", REPORT_ROW, rows.report_content(report), version=1,
                     parent_rev=None, new=True)
        for sec in report.all_sections():
            self._insert_section(sec)
        for fn in report.footnotes.values():
            self._insert_footnote(fn)
        report.version = 1

    def _insert_section(self, sec: Section) -> None:
        self._record("section", sec.id, rows.section_content(sec), version=1, parent_rev=None,
                     new=True, search_text=index_text(sec.title, sec.body))
        sec.version = 1

    def _insert_footnote(self, fn: Footnote) -> None:
        self._record("footnote", fn.id, rows.footnote_content(fn), version=1, parent_rev=None,
                     new=True)
        fn.version = 1

    def _live_revision(self, entity: str, entity_id: str, version: int) -> str | None:
        """The current revision id of a live entity still at ``version`` (else None)."""
        deleted = "" if entity == "report" else " AND deleted = 0"
        row = self._one(f"SELECT rev_id FROM {rows.table_of(entity)} WHERE id = ?"
                        f" AND version = ?{deleted}", (entity_id, version))
        return row["rev_id"] if row else None

    def _save_version(self, entity: str, entity_id: str, content: dict, version: int,
                      what: str, search_text: str | None = None) -> None:
        """Write ``content`` as the next version of an entity loaded at ``version``, in one
        transaction; :class:`errors.Conflict` (nothing written) when the file holds another
        version. ``what``: how the user calls the entity."""
        with self.transaction():
            rev = self._live_revision(entity, entity_id, version)
            if rev is None:
                raise self.newer_save_error(entity, entity_id, what)
            self._record(entity, entity_id, content, version=version + 1, parent_rev=rev,
                         search_text=search_text)

    def newer_save_error(self, entity: str, entity_id: str, what: str) -> errors.Conflict:
        """The error for a save that found someone else's newer version (``what``: how the
        user calls the entity); it carries their current version (None when deleted)."""
        row = self.entity_row(entity, entity_id)
        theirs = None
        who = "?"
        if row is not None:
            who = row.get("updated_by") or "?"
            if not row.get("deleted"):
                theirs = rows.section_from_row(row) if entity == "section" else (
                    rows.footnote_from_row(row) if entity == "footnote" else row)
        return errors.Conflict(theirs=theirs, what=what, who=who)

    # -- sections ----------------------------------------------------------------------------
    def add_section(self, section: Section) -> Section:
        """Add a new section; returns it at version 1."""
        with self.transaction():
            self._insert_section(section)
        return section

    def save_section(self, section: Section) -> Section:
        """Save title, body, notes, place in the tree. ``section.version`` must be the version
        that was loaded; otherwise :class:`errors.Conflict` (nothing is written)."""
        self._save_version("section", section.id, rows.section_content(section),
                           section.version, section.title or section.kind,
                           index_text(section.title, section.body))
        return replace(section, version=section.version + 1)

    def move_section(self, section_id: str, parent_id: str | None, index: int) -> Section:
        """Put a section at ``index`` among the children of ``parent_id`` (its subtree moves
        with it). Returns the section at its new version."""
        with self.transaction():
            sec = self.load_section(section_id)
            ancestor: str | None = parent_id
            seen: set[str] = set()
            while ancestor is not None and ancestor not in seen:  # a damaged file may loop
                if ancestor == section_id:
                    raise errors.MoveIntoSelf()
                seen.add(ancestor)
                row = self._one("SELECT parent_id FROM sections WHERE id = ?", (ancestor,))
                ancestor = row["parent_id"] if row else None
            siblings = [r["position"] for r in self._rows(
                "SELECT position FROM sections WHERE deleted = 0 AND kind = ? AND id != ? AND"
                " parent_id IS ? ORDER BY position", (KIND_SECTION, section_id, parent_id))]
            sec.parent_id = parent_id
            sec.position = position_at(siblings, index)
            return self.save_section(sec)

    def delete_section(self, section_id: str) -> list[str]:
        """Delete a section with its subsections and the footnotes referenced only there
        (tombstones: :meth:`restore_section` brings all of it back). Returns the ids."""
        with self.transaction():
            ids = self._subtree(section_id)
            refs_inside: set[str] = set()
            refs_outside: set[str] = set()
            for r in self._rows("SELECT id, refs FROM sections WHERE deleted = 0"):
                target = refs_inside if r["id"] in ids else refs_outside
                target.update(rows.id_list(r["refs"])[0])  # damaged: the ids readable
            for sid in ids:
                self._tombstone("section", sid, True)
            for fid in refs_inside - refs_outside:
                self._tombstone("footnote", fid, True)
        return ids

    def restore_section(self, section_id: str) -> list[str]:
        """Undo :meth:`delete_section`: the section, the subsections deleted with it and their
        footnotes (a subsection deleted on its own before stays deleted). A section whose
        parent is gone comes back at the top level."""
        with self.transaction():
            row = self.entity_row("section", section_id)
            if row is None:
                raise errors.NoSuchSection()
            ids = self._subtree(section_id, deleted=1,
                                since=row["updated_at"] if row["deleted"] else None)
            parent = row["parent_id"]
            if parent is not None and self._one(
                    "SELECT 1 FROM sections WHERE id = ? AND deleted = 0", (parent,)) is None:
                sec = rows.section_from_row(row)
                sec.parent_id = None
                self._record("section", section_id, rows.section_content(sec),
                             version=row["version"] + 1, parent_rev=row["rev_id"])
            refs: set[str] = set()
            for sid in ids:
                self._tombstone("section", sid, False)
                refs.update(rows.id_list(self._one("SELECT refs FROM sections WHERE id = ?",
                                                   (sid,))["refs"])[0])
            for fid in refs:
                self._tombstone("footnote", fid, False)
        return ids

    def _subtree(self, section_id: str, deleted: int = 0, since: str | None = None) -> list[str]:
        """A section and its subsections that are (``deleted``) or are not deleted; with
        ``since``, only those deleted then or later (with it, not before it)."""
        later = " AND s.updated_at >= ?" if since else ""
        found = self._rows(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM sections WHERE id = ?"
            " UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id"
            f" WHERE s.deleted = ?{later}) SELECT id FROM sub",
            (section_id, deleted, since) if since else (section_id, deleted))
        if not found:
            raise errors.NoSuchSection()
        return [r["id"] for r in found]

    def _tombstone(self, entity: str, entity_id: str, deleted: bool) -> None:
        """Delete or bring back an entity: a revision without content, the row flagged."""
        row = self._one(f"SELECT version, rev_id, deleted FROM {rows.table_of(entity)}"
                        " WHERE id = ?", (entity_id,))
        if row is None or bool(row["deleted"]) == deleted:
            return
        self._record(entity, entity_id, None, version=row["version"] + 1,
                     parent_rev=row["rev_id"], deleted=deleted)

    # -- footnotes and the header ------------------------------------------------------
    def add_footnote(self, footnote: Footnote) -> Footnote:
        """Add a new footnote, or bring back one whose reference came back (undo of a delete,
        a cut reference pasted again). An id the file already has keeps the file's text —
        possibly a colleague's — and is returned as stored: a different text is saved
        afterwards with :meth:`save_footnote`, whose version check sees any newer save."""
        with self.transaction():
            existing = self._one("SELECT deleted FROM footnotes WHERE id = ?", (footnote.id,))
            if existing is None:
                self._insert_footnote(footnote)
                return footnote
            if existing["deleted"]:
                self._tombstone("footnote", footnote.id, False)
            return self.load_footnote(footnote.id)

    def save_footnote(self, footnote: Footnote) -> Footnote:
        """Save a footnote's text; ``footnote.version`` must be the version that was loaded
        (otherwise :class:`errors.Conflict`)."""
        self._save_version("footnote", footnote.id, rows.footnote_content(footnote),
                           footnote.version, footnote.plain_text[:40])
        return replace(footnote, version=footnote.version + 1)

    def delete_footnote(self, footnote_id: str) -> None:
        """Tombstone a footnote (its reference is removed by saving the section)."""
        with self.transaction():
            self._tombstone("footnote", footnote_id, True)

    def save_header(self, report: Report) -> Report:
        """Save header, closing and profile; ``report.version`` must be the loaded version."""
        self._save_version("report", REPORT_ROW, rows.report_content(report), report.version,
                           report.header.type_name)
        report.version += 1
        return report


def position_at(sibling_positions: list[float], index: int) -> float:
    """A position that sorts at ``index`` among sorted ``sibling_positions``."""
    index = max(0, min(index, len(sibling_positions)))
    if not sibling_positions:
        return 1.0
    if index == 0:
        return sibling_positions[0] - 1.0
    if index == len(sibling_positions):
        return sibling_positions[-1] + 1.0
    return (sibling_positions[index - 1] + sibling_positions[index]) / 2.0

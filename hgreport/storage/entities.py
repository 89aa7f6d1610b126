"""Entity-level operations for merge, history and rebase: the rows and states of sections,
footnotes and the header, new states written through the one write path, the revision graph,
and a whole copy of the report read in one snapshot.

A mixin of :class:`~hgreport.storage.report_store.ReportStore`; writes run inside the caller's
``store.transaction()``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from . import rows, writes
from .rows import CopyContents, Revision


class EntityOperations:
    """Rows, states and revisions of sections, footnotes and the header."""

    # -- reading rows and states ---------------------------------------------------------------
    def entity_row(self, entity: str, entity_id: str) -> dict | None:
        """The current row of a section, footnote or the header (``entity``), deleted or not."""
        return self._one(f"SELECT * FROM {rows.table_of(entity)} WHERE id = ?", (entity_id,))

    def entity_rows(self, entity: str) -> list[dict]:
        """Every row of one entity kind, tombstones included."""
        return self._rows(f"SELECT * FROM {rows.table_of(entity)}")

    def entity_state(self, entity: str, entity_id: str) -> dict | None:
        """The current state of an entity (see :mod:`.rows`), or None when the file never
        had it."""
        row = self.entity_row(entity, entity_id)
        return rows.state_from_row(entity, row) if row else None

    def live_children(self, section_id: str) -> list[str]:
        """The ids of the live sections directly under ``section_id``."""
        return [r["id"] for r in self._rows(
            "SELECT id FROM sections WHERE parent_id = ? AND deleted = 0", (section_id,))]

    # -- writing states ---------------------------------------------------------------------------
    def put_state(self, entity: str, entity_id: str, state: dict, *,
                  merge_parents: list[str] | tuple = (), min_version: int = 0,
                  author: str | None = None) -> str:
        """Make ``state`` the entity's new current state, with a revision after the current one
        (``merge_parents``: the other copy's revisions this state merges). Its version is above
        both the current one and ``min_version``. Returns the revision id."""
        with self.transaction():
            current = self.entity_row(entity, entity_id)
            version = max(current["version"] if current else 0, min_version) + 1
            return self._record(entity, entity_id, rows.content_of_state(entity, entity_id, state),
                                version=version, parent_rev=current["rev_id"] if current else None,
                                deleted=bool(state["deleted"]), author=author,
                                merge_parents=merge_parents)

    def take_row(self, entity: str, other_row: dict) -> None:
        """Fast-forward an entity to another copy's row as it is (its revisions were imported
        with :meth:`import_history`); the version only ever goes up."""
        with self.transaction():
            current = self.entity_row(entity, other_row["id"])
            version = other_row["version"]
            if current and version <= current["version"]:
                version = current["version"] + 1
            state = rows.state_from_row(entity, other_row)
            try:
                writes.write_row(self.conn, entity, other_row["id"],
                                 rows.content_of_state(entity, other_row["id"], state),
                                 version=version, rev_id=other_row["rev_id"],
                                 deleted=state["deleted"], at=other_row["updated_at"],
                                 by=other_row["updated_by"])
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    def mark_subtree_deleted(self, section_id: str, author: str | None = None) -> None:
        """Delete a section and every live section under it, a new state each (footnotes are
        left to the caller)."""
        with self.transaction():
            todo = [section_id]
            while todo:
                sid = todo.pop()
                state = self.entity_state("section", sid)
                if state and not state["deleted"]:
                    self.put_state("section", sid, {**state, "deleted": True}, author=author)
                todo.extend(self.live_children(sid))

    # -- revisions ---------------------------------------------------------------------------------
    def revision(self, rev_id: str) -> Revision | None:
        """One revision by its id."""
        row = self._one(f"SELECT {', '.join(rows.REVISION_COLUMNS)} FROM revisions"
                        " WHERE id = ?", (rev_id,))
        return rows.revision_from_row(row) if row else None

    def walk_back(self, rev_id: str | None) -> Iterator[Revision]:
        """Revision ``rev_id`` and those before it along its chain, newest first; stops where
        a revision is missing, and where a damaged file's chain comes back on itself."""
        seen: set[str] = set()
        while rev_id and rev_id not in seen:
            seen.add(rev_id)
            rev = self.revision(rev_id)
            if rev is None:
                return
            yield rev
            rev_id = rev.parent_id

    def state_at(self, entity: str, rev_id: str) -> dict | None:
        """An entity's state at revision ``rev_id``: deleted or not as that revision says, with
        the content of the nearest revision from it back that holds content (a deletion or a
        revival holds none). None when the revision or any content is not found."""
        chain = self.walk_back(rev_id)
        first = next(chain, None)
        if first is None:
            return None
        held = first if rows.has_content(first.data) else next(
            (r for r in chain if rows.has_content(r.data)), None)
        return None if held is None else rows.state_from_snapshot(entity, held.data,
                                                                   first.deleted)

    def revision_graph(self) -> dict[str, tuple[list[str], int]]:
        """Revision id → (its parents: the previous revision and any merged ones, version)."""
        found = self._rows("SELECT id, parent_id, version,"
                           " json_extract(data, '$.merge_parents') AS merged FROM revisions")
        return {r["id"]: (([r["parent_id"]] if r["parent_id"] else [])
                          + (json.loads(r["merged"]) if r["merged"] else []), r["version"])
                for r in found}

    def import_history(self, revisions: list[tuple], authors: list[tuple]) -> None:
        """Add another copy's revisions and authors that this file does not have yet."""
        cols = ", ".join(rows.REVISION_COLUMNS)
        marks = ", ".join("?" for _ in rows.REVISION_COLUMNS)
        with self.transaction():
            try:
                self.conn.executemany(f"INSERT OR IGNORE INTO revisions ({cols}) VALUES ({marks})",
                                      revisions)
                self.conn.executemany("INSERT OR IGNORE INTO authors (id, name, unit)"
                                      " VALUES (?, ?, ?)", authors)
            except sqlite3.Error as exc:
                raise self._error(exc) from None

    # -- a whole copy -----------------------------------------------------------------------------
    def read_everything(self) -> CopyContents:
        """Every row of the report, its revisions and authors, as one consistent snapshot (the
        other side of a merge, read while others may be writing it)."""
        with self.reading():
            found = {entity: self.entity_rows(entity) for entity in rows.TABLES}
            revisions = [tuple(r[c] for c in rows.REVISION_COLUMNS) for r in self._rows(
                f"SELECT {', '.join(rows.REVISION_COLUMNS)} FROM revisions")]
            has_authors = self._one("SELECT 1 AS found FROM sqlite_master WHERE name = 'authors'")
            authors = [(r["id"], r["name"], r["unit"]) for r in self._rows(
                "SELECT id, name, unit FROM authors")] if has_authors else []
        return CopyContents(Path(self.path), found, revisions, authors)

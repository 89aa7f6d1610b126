"""What working together leaves in the file: leases (who has it open and edits which section),
the authors' names and units, conflicts kept for a person to decide, and cheap stamps that tell
whether the content changed.

A mixin of :class:`~hgreport.storage.report_store.ReportStore`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from ..model import new_id
from . import rows
from .rows import ConflictRecord, Lease
from .writes import now


class SharingOperations:
    """Leases, authors, conflicts and content stamps."""

    # -- leases --------------------------------------------------------------------------------
    def _put_lease(self, holder: str, section_id: str, author: str, host: str,
                   at: float) -> None:
        self._run("INSERT INTO leases (holder, section_id, author, host, heartbeat_at)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (holder, section_id) DO UPDATE SET"
                  " heartbeat_at = excluded.heartbeat_at, author = excluded.author,"
                  " host = excluded.host", (holder, section_id, author, host, at))

    def renew_leases(self, holder: str, author: str, host: str, section_ids: list[str],
                     at: float, ttl: float, file_lease: str = "") -> None:
        """Say "still here" for ``holder``: its file lease and exactly ``section_ids`` are
        renewed at ``at``; its other section leases and everyone's leases older than ``ttl``
        are cleared."""
        with self.transaction():
            self._run("DELETE FROM leases WHERE heartbeat_at < ? AND holder != ?",
                      (at - ttl, holder))
            self._run("DELETE FROM leases WHERE holder = ? AND section_id != ?"
                      " AND section_id NOT IN (SELECT value FROM json_each(?))",
                      (holder, file_lease, json.dumps(sorted(section_ids))))
            for sid in (file_lease, *sorted(section_ids)):
                self._put_lease(holder, sid, author, host, at)

    def claim_section(self, holder: str, author: str, host: str, section_id: str, at: float,
                      file_lease: str = "") -> None:
        """``holder`` has the file open and edits ``section_id`` as of ``at``."""
        with self.transaction():
            self._put_lease(holder, file_lease, author, host, at)
            self._put_lease(holder, section_id, author, host, at)

    def release_section(self, holder: str, section_id: str) -> None:
        """``holder`` no longer edits ``section_id``."""
        with self.transaction():
            self._run("DELETE FROM leases WHERE holder = ? AND section_id = ?",
                      (holder, section_id))

    def release_all(self, holder: str) -> None:
        """``holder`` closed the file: all of its leases go."""
        with self.transaction():
            self._run("DELETE FROM leases WHERE holder = ?", (holder,))

    def leases(self, other_than: str, since: float) -> list[Lease]:
        """The leases of every holder but ``other_than`` renewed at ``since`` or later, by
        holder and section."""
        found = self._rows("SELECT holder, section_id, author, host, heartbeat_at FROM leases"
                           " WHERE holder != ? AND heartbeat_at >= ?"
                           " ORDER BY holder, section_id", (other_than, since))
        return [Lease(r["holder"], r["section_id"], r["author"] or "", r["host"] or "",
                      r["heartbeat_at"]) for r in found]

    # -- authors -------------------------------------------------------------------------------
    def save_author(self, author_id: str, name: str, unit: str = "") -> None:
        """Remember an author's name and unit (replacing what was stored for ``author_id``)."""
        with self.transaction():
            self._run("INSERT INTO authors (id, name, unit) VALUES (?, ?, ?)"
                      " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                      " unit = excluded.unit", (author_id, name, unit))

    def authors(self) -> dict[str, tuple[str, str]]:
        """Author id → (name, unit)."""
        return {r["id"]: (r["name"], r["unit"] or "")
                for r in self._rows("SELECT id, name, unit FROM authors")}

    # -- conflicts -------------------------------------------------------------------------------
    def add_conflict(self, entity: str, entity_id: str, field: str, mine, theirs, base,
                     source: str) -> str:
        """Keep a conflict for a person to decide; returns its id."""
        cid = new_id()
        with self.transaction():
            self._run("INSERT INTO conflicts (id, entity, entity_id, field, mine, theirs, base,"
                      " source, created_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                      (cid, entity, entity_id, field, json.dumps(mine, ensure_ascii=False),
                       json.dumps(theirs, ensure_ascii=False),
                       json.dumps(base, ensure_ascii=False), source, now()))
        return cid

    def conflicts(self, include_resolved: bool = False) -> list[ConflictRecord]:
        """The conflicts kept in the file, oldest first (only the open ones unless asked)."""
        where = "" if include_resolved else " WHERE resolved = 0"
        found = self._rows(f"SELECT * FROM conflicts{where} ORDER BY created_at, rowid")
        return [rows.conflict_from_row(r) for r in found]

    def conflict(self, conflict_id: str) -> ConflictRecord | None:
        """One conflict by its id (None when the file has no such conflict)."""
        row = self._one("SELECT * FROM conflicts WHERE id = ?", (conflict_id,))
        return rows.conflict_from_row(row) if row else None

    def mark_conflict_resolved(self, conflict_id: str, resolution: int) -> None:
        """Record how a conflict was decided (1 mine, 2 theirs, 3 both)."""
        with self.transaction():
            self._run("UPDATE conflicts SET resolved = ? WHERE id = ?",
                      (resolution, conflict_id))

    # -- has the content changed? ----------------------------------------------------------------
    def content_stamp(self) -> int:
        """Changes whenever a section, footnote or the header changes (every such change
        appends a revision), but not when only leases are renewed."""
        return self._one("SELECT coalesce(max(rowid), 0) AS stamp FROM revisions")["stamp"]

    def content_fingerprint(self) -> tuple:
        """What differs between two files whose contents differ (revision count, last save)."""
        row = self._one("SELECT count(*) AS n, max(at) AS last FROM revisions")
        return (row["n"], row["last"])


def file_fingerprint(path: str | Path) -> tuple | None:
    """:meth:`SharingOperations.content_fingerprint` of a file that is not open (a backup),
    read without changing it; None when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return tuple(conn.execute("SELECT count(*), max(at) FROM revisions").fetchone())
        finally:
            conn.close()
    except sqlite3.Error:
        return None

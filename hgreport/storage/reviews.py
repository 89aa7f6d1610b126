"""What review rounds keep in the file: named drafts (the revision of every section, footnote
and the header when the draft was marked) and the report's identity that an exported Word file
carries back.

A mixin of :class:`~hgreport.storage.report_store.ReportStore`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..model import new_id
from . import rows
from .writes import now


@dataclass
class DraftRecord:
    """A named state of the whole report: entity id → (entity kind, revision id)."""

    id: str
    name: str
    created_at: str
    author: str
    revisions: dict[str, tuple[str, str]]


def draft_from_row(row: dict) -> DraftRecord:
    """A row of ``drafts`` with its revision map decoded."""
    found = json.loads(row["revisions"])
    return DraftRecord(row["id"], row["name"], row["created_at"], row["author"] or "",
                       {k: (v[0], v[1]) for k, v in found.items()})


class ReviewOperations:
    """Named drafts and the report's identity."""

    def report_identity(self) -> str:
        """The id of the first revision of the report's header: the same in every copy of the
        report, different in any other report (even one imported from the same Word file)."""
        row = self._one("SELECT id FROM revisions WHERE entity = 'report' AND parent_id IS NULL"
                        " ORDER BY at, id LIMIT 1")
        return row["id"] if row else ""

    def current_revisions(self) -> dict[str, tuple[str, str]]:
        """Entity id → (kind, current revision id) of the header and every live section and
        footnote, read as one snapshot."""
        out: dict[str, tuple[str, str]] = {}
        with self.reading():
            for entity in ("report", "section", "footnote"):
                table = rows.table_of(entity)
                live = "" if entity == "report" else " WHERE deleted = 0"
                for r in self._rows(f"SELECT id, rev_id FROM {table}{live}"):
                    out[r["id"]] = (entity, r["rev_id"])
        return out

    def add_draft(self, name: str, revisions: dict[str, tuple[str, str]],
                  author: str | None = None) -> DraftRecord | None:
        """Keep ``revisions`` under ``name``; None (nothing written) when another draft of the
        file already has that name."""
        record = DraftRecord(new_id(), name, now(), self.author if author is None else author,
                             dict(revisions))
        with self.transaction():
            if self._one("SELECT 1 AS taken FROM drafts WHERE name = ?", (name,)):
                return None
            self._run("INSERT INTO drafts (id, name, created_at, author, revisions)"
                      " VALUES (?, ?, ?, ?, ?)",
                      (record.id, name, record.created_at, record.author,
                       json.dumps({k: list(v) for k, v in revisions.items()})))
        return record

    def drafts(self) -> list[DraftRecord]:
        """The file's named drafts, oldest first."""
        return [draft_from_row(r) for r in self._rows(
            "SELECT * FROM drafts ORDER BY created_at, rowid")]

    def draft_named(self, name: str) -> DraftRecord | None:
        """The draft called ``name`` (None when the file has none)."""
        row = self._one("SELECT * FROM drafts WHERE name = ?", (name,))
        return draft_from_row(row) if row else None

    def revisions_by_id(self, rev_ids: list[str]) -> dict[str, rows.Revision]:
        """Revision id → revision, for many ids in one query."""
        cols = ", ".join(rows.REVISION_COLUMNS)
        found = self._rows(f"SELECT {cols} FROM revisions WHERE id IN"
                           " (SELECT value FROM json_each(?))", (json.dumps(list(rev_ids)),))
        return {r["id"]: rows.revision_from_row(r) for r in found}

    # -- comments (góp ý) ----------------------------------------------------------------------
    def add_comment(self, comment_id: str, state: dict, author: str | None = None) -> None:
        """A new comment or reply (``state``: :func:`~.rows.comment_state`'s keys), through
        the one write path (a revision, version 1)."""
        with self.transaction():
            self._record("comment", comment_id, rows.content_of_state("comment", comment_id,
                                                                        state),
                         version=1, parent_rev=None, author=author, new=True)

    def save_comment(self, comment_id: str, state: dict, version: int,
                     author: str | None = None) -> int:
        """Save a comment loaded at ``version`` (resolved, its text changed, deleted); another
        save since raises :class:`~hgreport.errors.Conflict`. Returns the new version."""
        with self.transaction():
            row = self._one("SELECT rev_id FROM comments WHERE id = ? AND version = ?",
                            (comment_id, version))
            if row is None:
                raise self.newer_save_error("comment", comment_id, state.get("text", "")[:40])
            self._record("comment", comment_id,
                         rows.content_of_state("comment", comment_id, state),
                         version=version + 1, parent_rev=row["rev_id"],
                         deleted=bool(state.get("deleted")), author=author)
        return version + 1

    def comment_rows(self, section_id: str | None = None) -> list[dict]:
        """The live comments and replies (of one section, or all), oldest first; each row with
        its state's keys plus ``id`` and ``version``."""
        where, params = ("AND section_id = ?", (section_id,)) if section_id else ("", ())
        found = self._rows(f"SELECT * FROM comments WHERE deleted = 0 {where}"
                           " ORDER BY created_at, rowid", params)
        return [{**rows.comment_state(r, False), "id": r["id"], "version": r["version"]}
                for r in found]

    # -- suggestions (a reviewer's tracked change, to accept or reject) ---------------------------
    def add_suggestions(self, items: list[dict]) -> None:
        """Keep suggestions (keys: id, section_id, block_id, kind, base, proposed, author, at,
        source; ``base`` and ``proposed`` paragraphs as dicts or None)."""
        with self.transaction():
            for s in items:
                self._run("INSERT INTO suggestions (id, section_id, block_id, kind, base,"
                          " proposed, author, at, source, created_at, status)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                          (s["id"], s["section_id"], s["block_id"], s["kind"],
                           json.dumps(s["base"], ensure_ascii=False),
                           json.dumps(s["proposed"], ensure_ascii=False), s["author"],
                           s["at"], s["source"], now()))

    def suggestion_rows(self, include_decided: bool = False) -> list[dict]:
        """The suggestions (open ones unless asked), oldest first, JSON decoded."""
        where = "" if include_decided else " WHERE status = 0"
        found = self._rows(f"SELECT * FROM suggestions{where} ORDER BY created_at, rowid")
        for r in found:
            r["base"] = json.loads(r["base"]) if r["base"] else None
            r["proposed"] = json.loads(r["proposed"]) if r["proposed"] else None
        return found

    def set_suggestion_status(self, suggestion_id: str, status: int) -> None:
        """1 accepted, 2 rejected."""
        with self.transaction():
            self._run("UPDATE suggestions SET status = ? WHERE id = ?", (status, suggestion_id))

    # -- reviewed Word files brought in -------------------------------------------------------------
    def review_import(self, digest: str) -> dict | None:
        """The record of a reviewed file already brought in (by its content's digest)."""
        return self._one("SELECT * FROM review_imports WHERE digest = ?", (digest,))

    def add_review_import(self, digest: str, source: str, author: str, summary: dict) -> None:
        with self.transaction():
            self._run("INSERT OR IGNORE INTO review_imports (digest, source, author, imported_at,"
                      " summary) VALUES (?, ?, ?, ?, ?)",
                      (digest, source, author, now(), json.dumps(summary, ensure_ascii=False)))

"""The one write path of sections, footnotes and the header: a new state appends a revision to
the entity's chain and becomes its row, and the row's search entry follows it. Every change —
a save, a deletion, a restore, a merge, an import — goes through :func:`record_state` (or, for a
state whose revision came from another copy, :func:`write_row`); nothing else writes these
tables. Callers hold the transaction."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime

from ..model import new_id
from .rows import table_of
from .search import refresh_entry


def now() -> str:
    """The time stamp of a revision and a row (UTC, milliseconds)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def record_state(conn: sqlite3.Connection, entity: str, entity_id: str, content: dict | None, *,
                 version: int, parent_rev: str | None, author: str, deleted: bool = False,
                 merge_parents: list[str] | tuple = (), new: bool = False,
                 search_text: str | None = None) -> str:
    """Append a revision holding ``content`` (None: a deletion or revival, the content stays
    as it is) after ``parent_rev`` and make it the entity's current row at ``version``.
    ``new``: the entity must not exist yet; ``search_text``: the searchable text of
    ``content`` when the caller has it (else it is read back from the row). Returns the
    revision id."""
    snapshot = dict(content or {})
    if merge_parents:
        snapshot["merge_parents"] = list(merge_parents)
    at = now()
    rev = new_id()
    conn.execute(
        "INSERT INTO revisions (id, entity, entity_id, parent_id, version, author, at,"
        " deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (rev, entity, entity_id, parent_rev, version, author, at, int(deleted),
         json.dumps(snapshot, ensure_ascii=False)))
    write_row(conn, entity, entity_id, content, version=version, rev_id=rev, deleted=deleted,
              at=at, by=author, new=new, search_text=search_text)
    return rev


def write_row(conn: sqlite3.Connection, entity: str, entity_id: str, content: dict | None, *,
              version: int, rev_id: str, deleted: bool, at: str, by: str,
              new: bool = False, search_text: str | None = None) -> None:
    """Make the entity's row hold ``content`` (None: keep the stored content) at ``version``
    and revision ``rev_id``, then bring its search entry up to date. The row keeps its rowid
    (an update, never a delete and insert), which is what its search entry is keyed by."""
    table = table_of(entity)
    meta = {"version": version, "rev_id": rev_id, "updated_at": at, "updated_by": by}
    if entity != "report":
        meta["deleted"] = int(deleted)
    if content is None:
        sets = ", ".join(f"{k} = :{k}" for k in meta)
        conn.execute(f"UPDATE {table} SET {sets} WHERE id = :id", {**meta, "id": entity_id})
    else:
        cols = {**content, **meta, "id": entity_id}
        names = ", ".join(cols)
        marks = ", ".join(f":{k}" for k in cols)
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        if not new:
            sql += " ON CONFLICT (id) DO UPDATE SET " + ", ".join(
                f"{k} = excluded.{k}" for k in cols if k != "id")
        conn.execute(sql, cols)
    if entity in ("section", "footnote"):
        refresh_entry(conn, entity, entity_id, search_text if content is not None else None)

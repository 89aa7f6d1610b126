"""The tables of a report file and their migrations (``sqlite_utils.Migrations``), and the checks
an opened file passes: it is a report of ours, of a format this program reads, and sound.

The migrations are those 0.1.0 wrote; their names and bodies never change, so files made by any
version keep opening. A new migration is appended, and runs with the others of an upgrade in one
transaction."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__, errors
from ..model import body_from_list, body_text
from .search import index_text as _index_text
from .search import write_entry as _index

FORMAT_VERSION = 1  # the newest file format this program reads and writes
APP_ID = "hgreport"

if TYPE_CHECKING:  # sqlite-utils is loaded only to create or upgrade a file (a tenth of a
    import sqlite_utils  # second that opening an up-to-date report, or a command, never pays)

MIGRATION_SET = "hgreport"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite_utils.Migrations' own bookkeeping table


def m001_initial(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute(
        "CREATE TABLE report (id TEXT PRIMARY KEY, header TEXT NOT NULL, closing TEXT NOT NULL,"
        " profile TEXT NOT NULL, version INTEGER NOT NULL, rev_id TEXT,"
        " updated_at TEXT, updated_by TEXT)"
    )
    db.execute(
        "CREATE TABLE sections (id TEXT PRIMARY KEY, kind TEXT NOT NULL, parent_id TEXT,"
        " position REAL NOT NULL, title TEXT NOT NULL, title_notes TEXT NOT NULL,"
        " body TEXT NOT NULL, refs TEXT NOT NULL, words INTEGER NOT NULL,"
        " version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, rev_id TEXT,"
        " updated_at TEXT, updated_by TEXT)"
    )
    db.execute(
        "CREATE TABLE footnotes (id TEXT PRIMARY KEY, body TEXT NOT NULL,"
        " version INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, rev_id TEXT,"
        " updated_at TEXT, updated_by TEXT)"
    )
    db.execute(
        "CREATE TABLE revisions (id TEXT PRIMARY KEY, entity TEXT NOT NULL,"
        " entity_id TEXT NOT NULL, parent_id TEXT, version INTEGER NOT NULL,"
        " author TEXT, at TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, data TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX revisions_entity ON revisions(entity_id, version)")
    db.execute("CREATE INDEX sections_parent ON sections(parent_id, position)")


def m002_search(db: sqlite_utils.Database) -> None:
    """Full-text search over titles, bodies and footnotes, with a folded column for đ → d."""
    db.execute(
        "CREATE VIRTUAL TABLE search USING fts5(entity_id UNINDEXED, kind UNINDEXED,"
        " text, folded, tokenize = 'unicode61 remove_diacritics 2')"
    )
    for row in db.query("SELECT id, kind, title, body FROM sections WHERE deleted = 0"):
        _index(db.conn, row["id"], row["kind"],
               _index_text(row["title"], body_from_list(json.loads(row["body"]))))
    for row in db.query("SELECT id, body FROM footnotes WHERE deleted = 0"):
        _index(db.conn, row["id"], "footnote", body_text(body_from_list(json.loads(row["body"]))))


def m003_sharing(db: sqlite_utils.Database) -> None:
    """Who has the file open and edits what (leases with a heartbeat), and merge conflicts
    kept for a person to decide."""
    db.execute(
        "CREATE TABLE leases (holder TEXT NOT NULL, section_id TEXT NOT NULL DEFAULT '',"
        " author TEXT, host TEXT, heartbeat_at REAL NOT NULL, PRIMARY KEY (holder, section_id))"
    )
    db.execute(
        "CREATE TABLE conflicts (id TEXT PRIMARY KEY, entity TEXT NOT NULL,"
        " entity_id TEXT NOT NULL, field TEXT, mine TEXT, theirs TEXT, base TEXT,"
        " source TEXT, created_at TEXT NOT NULL, resolved INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute("CREATE TABLE authors (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT)")


def m004_reviews(db: sqlite_utils.Database) -> None:
    """Review rounds: named drafts (the revision of every section, footnote and the header at
    the moment the draft was marked); comments (góp ý) anchored on a block of a section,
    with replies, versioned and revised like sections; suggestions (a reviewer's tracked
    change to accept or reject) and the reviewed Word files already brought in."""
    db.execute(
        "CREATE TABLE drafts (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
        " created_at TEXT NOT NULL, author TEXT, revisions TEXT NOT NULL)"
    )
    db.execute(
        "CREATE TABLE comments (id TEXT PRIMARY KEY, section_id TEXT NOT NULL, block_id TEXT,"
        " anchor_start INTEGER NOT NULL DEFAULT 0, anchor_end INTEGER NOT NULL DEFAULT 0,"
        " quote TEXT, parent_id TEXT, author TEXT, created_at TEXT, text TEXT NOT NULL,"
        " resolved INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL,"
        " deleted INTEGER NOT NULL DEFAULT 0, rev_id TEXT, updated_at TEXT, updated_by TEXT)"
    )
    db.execute("CREATE INDEX comments_section ON comments(section_id)")
    db.execute(
        "CREATE TABLE suggestions (id TEXT PRIMARY KEY, section_id TEXT NOT NULL,"
        " block_id TEXT NOT NULL, kind TEXT NOT NULL, base TEXT, proposed TEXT, author TEXT,"
        " at TEXT, source TEXT, created_at TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0)"
    )
    db.execute(
        "CREATE TABLE review_imports (digest TEXT PRIMARY KEY, source TEXT, author TEXT,"
        " imported_at TEXT NOT NULL, summary TEXT)"
    )


STEPS = (m001_initial, m002_search, m003_sharing, m004_reviews)  # in order; appended
_registered: sqlite_utils.Migrations | None = None


def migrations() -> sqlite_utils.Migrations:
    """The migration set (built, with sqlite-utils, the first time it is needed)."""
    global _registered
    if _registered is None:
        import sqlite_utils

        registered = sqlite_utils.Migrations(MIGRATION_SET)
        for step in STEPS:
            registered()(step)
        _registered = registered
    return _registered


def _known_steps() -> set[str]:
    if _registered is not None:  # the set as registered (tests add a step of a later version)
        return {m.name for m in _registered._migrations}
    return {step.__name__ for step in STEPS}


def write_meta(conn: sqlite3.Connection) -> None:
    """Mark the file as a report of this format, written by this version."""
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     [("app", APP_ID), ("format_version", str(FORMAT_VERSION)),
                      ("written_by", __version__)])


def inspect(conn: sqlite3.Connection, path: Path) -> bool:
    """Check that the file is a sound report this program can read; True when it is an older
    format that needs upgrading (:func:`upgrade`). Raises NotAReport, NewerVersion, Corrupt."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        _check_sound(conn, path)
        raise errors.NotAReport(path=str(path))
    meta = {r[0]: r[1] for r in conn.execute("SELECT key, value FROM meta")}
    if meta.get("app") != APP_ID:
        raise errors.NotAReport(path=str(path))
    found = _format_version(meta.get("format_version"), path)
    applied: set[str] = set()
    if MIGRATIONS_TABLE in tables:
        applied = {r[0] for r in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", (MIGRATION_SET,))}
    known = _known_steps()
    if found > FORMAT_VERSION or applied - known:
        raise errors.NewerVersion(path=str(path), found=found, supported=FORMAT_VERSION)
    _check_sound(conn, path)
    return bool(known - applied)


def _format_version(value: object, path: Path) -> int:
    """The file's format number; a damaged one ("abc") is a damaged file, a fraction ("1.5")
    above ours a newer version."""
    text = str(value or "0").strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        number = float(text)
    except ValueError:
        raise errors.Corrupt(path=str(path), detail=f"format_version = {text[:40]!r}") from None
    if number > FORMAT_VERSION:
        raise errors.NewerVersion(path=str(path), found=text[:12], supported=FORMAT_VERSION)
    raise errors.Corrupt(path=str(path), detail=f"format_version = {text[:40]!r}")


def _check_sound(conn: sqlite3.Connection, path: Path) -> None:
    quick = conn.execute("PRAGMA quick_check").fetchone()[0]
    if quick != "ok":
        raise errors.Corrupt(path=str(path), detail=quick)


def upgrade(conn: sqlite3.Connection) -> None:
    """Apply the pending migrations and mark the file (inside the caller's transaction, so an
    upgrade that stops half-way leaves nothing of itself)."""
    import sqlite_utils

    migrations().apply(sqlite_utils.Database(conn, execute_plugins=False))
    write_meta(conn)

"""The report file: one SQLite database per report, shared safely by several editors.

Rules (see design/architecture.md): rollback journal, never WAL; every write is one short
``BEGIN IMMEDIATE … COMMIT``; rows carry a ``version`` and a save that finds another version
raises :class:`~hgreport.errors.Conflict`; every saved change appends a revision; deletions are
tombstones; full-text search folds diacritics and ``đ``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from . import __version__, errors
from .model import (
    KIND_ENDING,
    KIND_INTRO,
    KIND_SECTION,
    Closing,
    Footnote,
    Header,
    Report,
    Section,
    body_from_list,
    body_text,
    body_to_list,
    new_id,
)
from .text import fold

FORMAT_VERSION = 1  # the newest file format this program reads and writes
APP_ID = "hgreport"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0
REPORT_ROW = "report"

migrations = sqlite_utils.Migrations("hgreport")


@migrations()
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


@migrations()
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


@migrations()
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


KNOWN_MIGRATIONS = {"m001_initial", "m002_search", "m003_sharing"}


def _index_text(title: str, body) -> str:
    return (title + "\n" + body_text(body)).strip("\n")


FOOTNOTE_ROWIDS = 1 << 40  # search rows of footnotes sit above those of sections


def _index(conn: sqlite3.Connection, entity_id: str, kind: str, text: str) -> None:
    """Replace the search row of a section or footnote (keyed by its table's rowid, so this
    costs the same in a small report and a huge one)."""
    table, base = ("footnotes", FOOTNOTE_ROWIDS) if kind == "footnote" else ("sections", 0)
    found = conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (entity_id,)).fetchone()
    if found is None:
        return
    rowid = found[0] + base
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    if text:
        conn.execute("INSERT INTO search (rowid, entity_id, kind, text, folded)"
                     " VALUES (?, ?, ?, ?, ?)", (rowid, entity_id, kind, text, fold(text)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass
class SearchHit:
    entity_id: str
    kind: str  # intro | section | ending | footnote
    snippet: str


@dataclass
class Revision:
    id: str
    entity: str
    entity_id: str
    parent_id: str | None
    version: int
    author: str
    at: str
    deleted: bool
    data: dict


def _check_file(path: Path) -> None:
    """Refuse what is not an SQLite file before SQLite sees it."""
    if not path.exists():
        raise errors.FileMissing(path=str(path))
    try:
        with open(path, "rb") as fh:
            magic = fh.read(16)
    except IsADirectoryError:
        raise errors.NotSQLiteFile(path=str(path)) from None
    except OSError as exc:
        raise errors.IOProblem(path=str(path), detail=exc.strerror or str(exc)) from None
    if magic != SQLITE_MAGIC:
        raise errors.NotSQLiteFile(path=str(path))


def _writable(path: Path) -> bool:
    """A rollback journal needs both the file and its folder writable."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


class ReportStore:
    """An open report file. Every method is one short transaction; nothing stays open."""

    def __init__(self, path: Path, conn: sqlite3.Connection, author: str, read_only: bool):
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self.author = author
        self.read_only = read_only
        self._data_version = self._read_data_version()

    # -- opening and creating -----------------------------------------------------------
    @classmethod
    def _connect(cls, path: Path, mode: str, busy_timeout: float) -> sqlite3.Connection:
        """A connection in autocommit mode (we write ``BEGIN IMMEDIATE`` ourselves);
        ``mode`` is SQLite's ro / rw / rwc."""
        uri = f"{path.resolve().as_uri()}?mode={mode}"
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None,
                               check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        return conn

    @classmethod
    def open(cls, path: str | Path, author: str = "", read_only: bool = False,
             busy_timeout: float = BUSY_TIMEOUT_S) -> ReportStore:
        """Open a report file, upgrading an older schema. A file that cannot be written is
        opened read-only (``store.read_only``); its writes raise :class:`errors.ReadOnly`."""
        path = Path(path)
        _check_file(path)
        read_only = read_only or not _writable(path)
        try:
            conn = cls._connect(path, "ro" if read_only else "rw", busy_timeout)
        except sqlite3.Error as exc:
            raise _map_error(exc, path) from None
        store = None
        try:
            store = cls(path, conn, author, read_only)
            store._verify_and_upgrade()
        except sqlite3.Error as exc:
            conn.close()
            raise _map_error(exc, path) from None
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def create(cls, path: str | Path, report: Report, author: str = "",
               busy_timeout: float = BUSY_TIMEOUT_S) -> ReportStore:
        """Write ``report`` to a new file ``path`` (which must not exist yet)."""
        path = Path(path)
        if path.exists():
            raise errors.AlreadyExists(path=str(path))
        try:
            conn = cls._connect(path, "rwc", busy_timeout)
            store = cls(path, conn, author, read_only=False)
            conn.execute("PRAGMA journal_mode = DELETE")
            with store._write():
                migrations.apply(store.db)
                store._set_meta()
                store._insert_report(report)
        except sqlite3.Error as exc:
            _remove_quietly(path)
            raise _map_error(exc, path) from None
        except OSError as exc:
            _remove_quietly(path)
            if not os.access(path.parent if path.parent.exists() else Path("."), os.W_OK):
                raise errors.ReadOnly(path=str(path)) from None
            raise errors.IOProblem(path=str(path), detail=exc.strerror or str(exc)) from None
        return store

    def _verify_and_upgrade(self) -> None:
        tables = set(self.db.table_names())
        if "meta" not in tables:
            quick = self.conn.execute("PRAGMA quick_check").fetchone()[0]
            if quick != "ok":
                raise errors.Corrupt(path=str(self.path), detail=quick)
            raise errors.NotAReport(path=str(self.path))
        meta = {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM meta")}
        if meta.get("app") != APP_ID:
            raise errors.NotAReport(path=str(self.path))
        found = int(meta.get("format_version", "0") or 0)
        applied = {m.name for m in migrations.applied(self.db)}
        if found > FORMAT_VERSION or applied - KNOWN_MIGRATIONS:
            raise errors.NewerVersion(path=str(self.path), found=found, supported=FORMAT_VERSION)
        quick = self.conn.execute("PRAGMA quick_check").fetchone()[0]
        if quick != "ok":
            raise errors.Corrupt(path=str(self.path), detail=quick)
        if migrations.pending(self.db):
            if self.read_only:  # an older file we may not change: upgrade a copy in memory
                self._upgrade_in_memory()
                return
            self.conn.execute("PRAGMA journal_mode = DELETE")
            with self._write():
                migrations.apply(self.db)
                self._set_meta()
        elif not self.read_only:
            mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() == "wal":  # a file touched by another tool: back to rollback journal
                self.conn.execute("PRAGMA journal_mode = DELETE")

    def _upgrade_in_memory(self) -> None:
        """Read an older file that cannot be written (a read-only share, a copy being merged):
        its contents are upgraded in memory and the file itself is left as it is."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.conn.backup(memory)
        self.conn.close()
        self.conn = memory
        self.db = sqlite_utils.Database(memory, execute_plugins=False)
        memory.execute("BEGIN IMMEDIATE")
        migrations.apply(self.db)
        self._set_meta()
        memory.execute("COMMIT")
        self._data_version = self._read_data_version()

    def _set_meta(self) -> None:
        self.db["meta"].upsert_all(
            [{"key": "app", "value": APP_ID},
             {"key": "format_version", "value": str(FORMAT_VERSION)},
             {"key": "written_by", "value": __version__}],
            pk="key",
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[None]:
        """One short ``BEGIN IMMEDIATE … COMMIT``; SQLite errors become typed errors."""
        if self.read_only:
            raise errors.ReadOnly(path=str(self.path))
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _map_error(exc, self.path, self._busy_seconds()) from None
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _map_error(exc, self.path, self._busy_seconds()) from None
            raise
        # data_version does not move for this connection's own commits, so nothing to note
        # here: resetting it would swallow a colleague's commit made since the last look

    def _busy_seconds(self) -> int:
        ms = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        return max(1, round(ms / 1000))

    def _read(self, sql: str, params=()) -> list[sqlite3.Row]:
        try:
            cur = self.conn.execute(sql, params)
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, row, strict=False)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise _map_error(exc, self.path, self._busy_seconds()) from None

    # -- "did anyone else commit?" --------------------------------------------------------
    def _read_data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changed_by_others(self) -> bool:
        """True once after another connection committed since the last look (cheap)."""
        try:
            current = self._read_data_version()
        except sqlite3.Error as exc:
            raise _map_error(exc, self.path, self._busy_seconds()) from None
        changed = current != self._data_version
        self._data_version = current
        return changed

    # -- reading ------------------------------------------------------------------------------
    def load_report(self) -> Report:
        """The whole live report (tombstones left out)."""
        row = self._read("SELECT * FROM report WHERE id = ?", (REPORT_ROW,))
        if not row:
            raise errors.NotAReport(path=str(self.path))
        r = row[0]
        report = Report(
            header=Header.from_dict(json.loads(r["header"])),
            closing=Closing.from_dict(json.loads(r["closing"])),
            profile=r["profile"],
            version=r["version"],
        )
        for srow in self._read("SELECT * FROM sections WHERE deleted = 0"):
            sec = _section_from_row(srow)
            if sec.kind == KIND_INTRO:
                report.intro = sec
            elif sec.kind == KIND_ENDING:
                report.ending = sec
            else:
                report.sections.append(sec)
        for frow in self._read("SELECT id, body, version FROM footnotes WHERE deleted = 0"):
            report.footnotes[frow["id"]] = _footnote_from_row(frow)
        return report

    def load_outline(self) -> list[dict]:
        """Every live section without its body: id, kind, parent_id, position, title,
        title_notes, refs (footnote ids in order), words, version."""
        rows = self._read("SELECT id, kind, parent_id, position, title, title_notes, refs, words,"
                          " version FROM sections WHERE deleted = 0")
        for r in rows:
            r["title_notes"] = json.loads(r["title_notes"])
            r["refs"] = json.loads(r["refs"])
        return rows

    def load_section(self, section_id: str) -> Section:
        rows = self._read("SELECT * FROM sections WHERE id = ? AND deleted = 0", (section_id,))
        if not rows:
            raise errors.NoSuchSection()
        return _section_from_row(rows[0])

    def load_footnote(self, footnote_id: str) -> Footnote:
        rows = self._read("SELECT id, body, version FROM footnotes WHERE id = ? AND deleted = 0",
                          (footnote_id,))
        if not rows:
            raise errors.NoSuchFootnote()
        return _footnote_from_row(rows[0])

    def deleted_sections(self) -> list[Section]:
        """Deleted sections (newest first), for "restore"."""
        rows = self._read("SELECT * FROM sections WHERE deleted = 1 ORDER BY updated_at DESC")
        return [_section_from_row(r) for r in rows]

    # -- writing --------------------------------------------------------------------------------
    def _insert_report(self, report: Report) -> None:
        rev = self._revision("report", REPORT_ROW, None, 1, _report_data(report))
        self.db["report"].insert({"id": REPORT_ROW, **_report_data(report), "version": 1,
                                  "rev_id": rev, "updated_at": _now(),
                                  "updated_by": self.author})
        for sec in report.all_sections():
            self._insert_section(sec)
        for fn in report.footnotes.values():
            self._insert_footnote(fn)
        report.version = 1

    def _revision(self, entity: str, entity_id: str, parent: str | None, version: int,
                  data: dict, deleted: bool = False) -> str:
        rev_id = new_id()
        self.conn.execute(
            "INSERT INTO revisions (id, entity, entity_id, parent_id, version, author, at,"
            " deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rev_id, entity, entity_id, parent, version, self.author, _now(), int(deleted),
             json.dumps(data, ensure_ascii=False)),
        )
        return rev_id

    def _insert_section(self, sec: Section) -> None:
        data = _section_data(sec)
        rev = self._revision("section", sec.id, None, 1, data)
        self.conn.execute(
            "INSERT INTO sections (id, kind, parent_id, position, title, title_notes, body, refs,"
            " words, version, deleted, rev_id, updated_at, updated_by)"
            " VALUES (:id, :kind, :parent_id, :position, :title, :title_notes, :body, :refs,"
            " :words, 1, 0, :rev, :at, :by)",
            {**data, "rev": rev, "at": _now(), "by": self.author},
        )
        _index(self.conn, sec.id, sec.kind, _index_text(sec.title, sec.body))
        sec.version = 1

    def _insert_footnote(self, fn: Footnote) -> None:
        data = {"body": json.dumps(body_to_list(fn.body), ensure_ascii=False)}
        rev = self._revision("footnote", fn.id, None, 1, data)
        self.conn.execute(
            "INSERT INTO footnotes (id, body, version, deleted, rev_id, updated_at, updated_by)"
            " VALUES (?, ?, 1, 0, ?, ?, ?)",
            (fn.id, data["body"], rev, _now(), self.author),
        )
        _index(self.conn, fn.id, "footnote", fn.plain_text)
        fn.version = 1

    def _current(self, table: str, entity_id: str) -> dict | None:
        rows = self._read(f"SELECT * FROM {table} WHERE id = ?", (entity_id,))
        return rows[0] if rows else None

    def _conflict(self, table: str, entity_id: str, what: str) -> errors.Conflict:
        row = self._current(table, entity_id)
        theirs = None
        who = "?"
        if row is not None:
            who = row.get("updated_by") or "?"
            if not row.get("deleted"):
                theirs = _section_from_row(row) if table == "sections" else (
                    _footnote_from_row(row) if table == "footnotes" else row)
        return errors.Conflict(theirs=theirs, what=what, who=who)

    def add_section(self, section: Section) -> Section:
        """Add a new section (or put back one with the same id); returns it at version 1."""
        with self._write():
            self._insert_section(section)
        return section

    def save_section(self, section: Section) -> Section:
        """Save title, body, notes, place in the tree. ``section.version`` must be the version
        that was loaded; otherwise :class:`errors.Conflict` (nothing is written)."""
        data = _section_data(section)
        with self._write():
            row = self.conn.execute("SELECT rev_id FROM sections WHERE id = ? AND version = ?"
                                    " AND deleted = 0", (section.id, section.version)).fetchone()
            if row is None:
                raise self._conflict("sections", section.id, section.title or section.kind)
            new_version = section.version + 1
            rev = self._revision("section", section.id, row[0], new_version, data)
            self.conn.execute(
                "UPDATE sections SET parent_id = :parent_id, position = :position, title = :title,"
                " title_notes = :title_notes, body = :body, refs = :refs, words = :words,"
                " version = :new, rev_id = :rev, updated_at = :at, updated_by = :by"
                " WHERE id = :id AND version = :old",
                {**data, "new": new_version, "old": section.version, "rev": rev, "at": _now(),
                 "by": self.author},
            )
            _index(self.conn, section.id, section.kind, _index_text(section.title, section.body))
        return replace(section, version=new_version)

    def move_section(self, section_id: str, parent_id: str | None, index: int) -> Section:
        """Put a section at ``index`` among the children of ``parent_id`` (its subtree moves
        with it). Returns the section at its new version."""
        sec = self.load_section(section_id)
        if parent_id is not None:
            ancestor: str | None = parent_id
            while ancestor is not None:
                if ancestor == section_id:
                    raise errors.MoveIntoSelf()
                rows = self._read("SELECT parent_id FROM sections WHERE id = ?", (ancestor,))
                ancestor = rows[0]["parent_id"] if rows else None
        siblings = [r["position"] for r in self._read(
            "SELECT position FROM sections WHERE deleted = 0 AND kind = ? AND id != ? AND"
            " parent_id IS ? ORDER BY position", (KIND_SECTION, section_id, parent_id))]
        sec.parent_id = parent_id
        sec.position = position_at(siblings, index)
        return self.save_section(sec)

    def delete_section(self, section_id: str) -> list[str]:
        """Delete a section with its subsections and the footnotes referenced only there
        (tombstones: :meth:`restore_section` brings all of it back). Returns the ids."""
        with self._write():
            ids = self._subtree(section_id)
            refs_inside: set[str] = set()
            refs_outside: set[str] = set()
            for r in self.conn.execute("SELECT id, refs, title_notes FROM sections"
                                       " WHERE deleted = 0"):
                target = refs_inside if r[0] in ids else refs_outside
                target.update(json.loads(r[1]))
            for sid in ids:
                self._tombstone("sections", "section", sid, True)
            for fid in refs_inside - refs_outside:
                self._tombstone("footnotes", "footnote", fid, True)
        return ids

    def restore_section(self, section_id: str) -> list[str]:
        """Undo :meth:`delete_section`: the section, its subsections and their footnotes."""
        with self._write():
            rows = self.conn.execute("SELECT parent_id FROM sections WHERE id = ?",
                                     (section_id,)).fetchone()
            if rows is None:
                raise errors.NoSuchSection()
            parent = rows[0]
            if parent is not None and self.conn.execute(
                    "SELECT 1 FROM sections WHERE id = ? AND deleted = 0", (parent,)
            ).fetchone() is None:  # its parent is gone: it comes back at the top level
                self.conn.execute("UPDATE sections SET parent_id = NULL WHERE id = ?",
                                  (section_id,))
            ids = self._subtree(section_id, deleted=1)
            refs: set[str] = set()
            for sid in ids:
                self._tombstone("sections", "section", sid, False)
                refs.update(json.loads(self.conn.execute(
                    "SELECT refs FROM sections WHERE id = ?", (sid,)).fetchone()[0]))
            for fid in refs:
                self._tombstone("footnotes", "footnote", fid, False)
        return ids

    def _subtree(self, section_id: str, deleted: int = 0) -> list[str]:
        rows = self.conn.execute(
            "WITH RECURSIVE sub(id) AS (SELECT id FROM sections WHERE id = ?"
            " UNION SELECT s.id FROM sections s JOIN sub ON s.parent_id = sub.id"
            " WHERE s.deleted = ?) SELECT id FROM sub", (section_id, deleted)).fetchall()
        if not rows:
            raise errors.NoSuchSection()
        return [r[0] for r in rows]

    def _tombstone(self, table: str, entity: str, entity_id: str, deleted: bool) -> None:
        row = self.conn.execute(f"SELECT version, rev_id, deleted FROM {table} WHERE id = ?",
                                (entity_id,)).fetchone()
        if row is None or bool(row[2]) == deleted:
            return
        version = row[0] + 1
        rev = self._revision(entity, entity_id, row[1], version, {}, deleted=deleted)
        self.conn.execute(f"UPDATE {table} SET deleted = ?, version = ?, rev_id = ?,"
                          " updated_at = ?, updated_by = ? WHERE id = ?",
                          (int(deleted), version, rev, _now(), self.author, entity_id))
        if deleted:
            kind = "footnote" if table == "footnotes" else KIND_SECTION
            _index(self.conn, entity_id, kind, "")
        elif table == "sections":
            sec = _section_from_row(self._current("sections", entity_id))
            _index(self.conn, entity_id, sec.kind, _index_text(sec.title, sec.body))
        else:
            fn = _footnote_from_row(self._current("footnotes", entity_id))
            _index(self.conn, entity_id, "footnote", fn.plain_text)

    def add_footnote(self, footnote: Footnote) -> Footnote:
        """Add a new footnote, or bring back one whose reference came back (undo of a delete,
        a cut reference pasted again). An id the file already has keeps the file's text —
        possibly a colleague's — and is returned as stored: a different text is saved
        afterwards with :meth:`save_footnote`, whose version check sees any newer save."""
        with self._write():
            existing = self.conn.execute("SELECT deleted FROM footnotes WHERE id = ?",
                                         (footnote.id,)).fetchone()
            if existing is None:
                self._insert_footnote(footnote)
                return footnote
            if existing[0]:
                self._tombstone("footnotes", "footnote", footnote.id, False)
        return self.load_footnote(footnote.id)

    def save_footnote(self, footnote: Footnote) -> Footnote:
        body = json.dumps(body_to_list(footnote.body), ensure_ascii=False)
        with self._write():
            row = self.conn.execute("SELECT rev_id FROM footnotes WHERE id = ? AND version = ?"
                                    " AND deleted = 0", (footnote.id, footnote.version)).fetchone()
            if row is None:
                raise self._conflict("footnotes", footnote.id, footnote.plain_text[:40])
            new_version = footnote.version + 1
            rev = self._revision("footnote", footnote.id, row[0], new_version, {"body": body})
            self.conn.execute("UPDATE footnotes SET body = ?, version = ?, rev_id = ?,"
                              " updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
                              (body, new_version, rev, _now(), self.author, footnote.id,
                               footnote.version))
            _index(self.conn, footnote.id, "footnote", footnote.plain_text)
        return replace(footnote, version=new_version)

    def delete_footnote(self, footnote_id: str) -> None:
        """Tombstone a footnote (its reference is removed by saving the section)."""
        with self._write():
            self._tombstone("footnotes", "footnote", footnote_id, True)

    def save_header(self, report: Report) -> Report:
        """Save header, closing and profile; ``report.version`` must be the loaded version."""
        data = _report_data(report)
        with self._write():
            row = self.conn.execute("SELECT rev_id FROM report WHERE id = ? AND version = ?",
                                    (REPORT_ROW, report.version)).fetchone()
            if row is None:
                raise self._conflict("report", REPORT_ROW, report.header.type_name)
            new_version = report.version + 1
            rev = self._revision("report", REPORT_ROW, row[0], new_version, data)
            self.conn.execute("UPDATE report SET header = :header, closing = :closing,"
                              " profile = :profile, version = :new, rev_id = :rev,"
                              " updated_at = :at, updated_by = :by WHERE id = :id",
                              {**data, "new": new_version, "rev": rev, "at": _now(),
                               "by": self.author, "id": REPORT_ROW})
        report.version = new_version
        return report

    # -- history ----------------------------------------------------------------------------
    def revisions(self, entity_id: str) -> list[Revision]:
        """Every saved state of a section, footnote or the header, newest first."""
        rows = self._read("SELECT * FROM revisions WHERE entity_id = ? ORDER BY version DESC",
                          (entity_id,))
        return [Revision(r["id"], r["entity"], r["entity_id"], r["parent_id"], r["version"],
                         r["author"] or "", r["at"], bool(r["deleted"]), json.loads(r["data"]))
                for r in rows]

    # -- search -----------------------------------------------------------------------------
    def search(self, words: str, limit: int = 200) -> list[SearchHit]:
        """Sections and footnotes holding every word of ``words``, diacritics ignored
        ("cong tac" finds "công tác", "dang" finds "Đảng"); best matches first."""
        terms = [t for t in fold(words).replace('"', " ").split() if t]
        if not terms:
            return []
        query = " ".join(f'"{t}"*' for t in terms)
        rows = self._read("SELECT entity_id, kind, text, folded FROM search"
                          " WHERE folded MATCH ? ORDER BY bm25(search) LIMIT ?",
                          ("{folded}: " + f"({query})", limit))
        return [SearchHit(r["entity_id"], r["kind"], _snippet(r["text"], r["folded"], terms[0]))
                for r in rows]

    # -- checks and copies ---------------------------------------------------------------------
    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds (empty when the file is sound)."""
        rows = self._read("PRAGMA integrity_check")
        found = [next(iter(r.values())) for r in rows]
        return [] if found == ["ok"] else found

    def copy_to(self, target: str | Path) -> Path:
        """A consistent copy of the whole file (``VACUUM INTO``), safe while others write."""
        target = Path(target)
        if target.exists():
            raise errors.AlreadyExists(path=str(target))
        try:
            self.conn.execute("VACUUM INTO ?", (str(target),))
        except sqlite3.Error as exc:
            _remove_quietly(target)
            raise _map_error(exc, target) from None
        return target


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


def _snippet(text: str, folded: str, term: str, width: int = 60) -> str:
    at = folded.find(term)
    if at < 0 or len(folded) != len(text):
        at = 0
    start = max(0, at - width // 2)
    piece = text[start:start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _section_data(sec: Section) -> dict:
    return {
        "id": sec.id,
        "kind": sec.kind,
        "parent_id": sec.parent_id,
        "position": float(sec.position),
        "title": sec.title,
        "title_notes": json.dumps(sec.title_notes),
        "body": json.dumps(body_to_list(sec.body), ensure_ascii=False),
        "refs": json.dumps(sec.footnote_refs()),
        "words": sec.word_count(),
    }


def _section_from_row(row: dict) -> Section:
    sec = Section(
        id=row["id"],
        title=row["title"],
        body=body_from_list(json.loads(row["body"])),
        parent_id=row["parent_id"],
        position=row["position"],
        kind=row["kind"],
        title_notes=json.loads(row["title_notes"]),
    )
    sec.version = row["version"]
    return sec


def _footnote_from_row(row: dict) -> Footnote:
    return Footnote(row["id"], body_from_list(json.loads(row["body"])), row["version"])


def _report_data(report: Report) -> dict:
    return {
        "header": json.dumps(report.header.to_dict(), ensure_ascii=False),
        "closing": json.dumps(report.closing.to_dict(), ensure_ascii=False),
        "profile": report.profile,
    }


def _remove_quietly(path: Path) -> None:
    for p in (path, Path(str(path) + "-journal")):
        try:
            p.unlink()
        except OSError:
            pass


_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY = 8
_IOERR = 10
_CORRUPT = 11
_FULL = 13
_CANTOPEN = 14
_NOTADB = 26


def _map_error(exc: sqlite3.Error, path: Path, seconds: float = BUSY_TIMEOUT_S) -> errors.ReportError:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    text = str(exc).lower()
    p = str(path)
    if primary in _BUSY_CODES or "locked" in text:
        return errors.Locked(path=p, seconds=round(seconds))
    if primary == _READONLY or "readonly" in text or "read-only" in text:
        return errors.ReadOnly(path=p)
    if primary == _FULL or "disk is full" in text:
        return errors.DiskFull(path=p)
    if primary == _NOTADB or "not a database" in text:
        return errors.NotSQLiteFile(path=p)
    if primary == _CORRUPT or "malformed" in text:
        return errors.Corrupt(path=p, detail=str(exc))
    if primary == _CANTOPEN:
        return errors.ReadOnly(path=p) if Path(p).exists() else errors.FileMissing(path=p)
    return errors.IOProblem(path=p, detail=str(exc))


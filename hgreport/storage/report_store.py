"""An open report file: opening and creating it safely, its transactions and read snapshots,
and the reads of the window and the command line (their edits are in :mod:`.edits`).

Rules (see design/architecture.md): rollback journal, never WAL; every write is one short
``BEGIN IMMEDIATE … COMMIT`` (:meth:`ReportStore.transaction`), every read of several tables one
``BEGIN … COMMIT`` snapshot (:meth:`ReportStore.reading`); rows carry a ``version`` and a save
that finds another version raises :class:`~hgreport.errors.Conflict`; every saved change appends
a revision and refreshes the search index (:mod:`.writes`); deletions are tombstones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import errors
from ..i18n import pick
from ..model import Footnote, Report, Section
from . import errormap, files, rows, schema, search
from .collab import SharingOperations
from .edits import EditOperations
from .entities import EntityOperations
from .reviews import ReviewOperations
from .rows import REPORT_ROW, Revision
from .search import SearchHit

_TEXT = {
    # key: (Vietnamese, English)
    "recovered": (
        "Tệp “{path}” có một lần lưu bị gián đoạn (chương trình bị tắt giữa chừng); phần dở dang "
        "đã được hoàn tác, mọi thay đổi đã lưu trước đó vẫn còn.",
        "“{path}” held a save that was interrupted (the program was stopped mid-save); the "
        "unfinished part was rolled back, every change saved before it is kept.",
    ),
}


class ReportStore(EditOperations, EntityOperations, SharingOperations, ReviewOperations):
    """An open report file. Every method is one short transaction; nothing stays open.

    ``read_only``: writes raise :class:`errors.ReadOnly` (the file cannot be written, or it was
    opened for reading). ``recovered``: opening rolled back a save that had been interrupted
    (:meth:`recovery_notice` says so to the user)."""

    def __init__(self, path: Path, conn: sqlite3.Connection, author: str, read_only: bool):
        self.path = path
        self.conn = conn
        self.author = author
        self.read_only = read_only
        self.recovered = False
        self._writing = 0  # depth of nested transaction() blocks
        self._data_version = self._read_data_version()

    @property
    def db(self):
        """sqlite-utils' view of the open file (loads sqlite-utils; the store itself does not
        need it to read or write)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    # -- opening and creating -----------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, author: str = "", read_only: bool = False,
             busy_timeout: float | None = None) -> ReportStore:
        """Open a report file, upgrading an older format. ``read_only`` promises not to write
        (the file is still opened for writing when it can be, so that SQLite can roll back a
        save that was interrupted); a file that cannot be written is opened read-only. Either
        way its writes raise :class:`errors.ReadOnly`."""
        path = Path(path)
        timeout = errormap.BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        files.check_file(path)
        can_write = files.writable(path)
        journal = files.has_journal(path)
        counter = files.change_counter(path) if journal else None
        try:
            conn = files.connect(path, "rw" if can_write else "ro", timeout)
        except sqlite3.Error as exc:
            raise errormap.map_error(exc, path) from None
        store = None
        try:
            store = cls(path, conn, author, read_only or not can_write)
            store._verify_and_upgrade(counter)
        except sqlite3.Error as exc:
            (store.conn if store else conn).close()
            raise errormap.map_error(exc, path) from None
        except BaseException:
            (store.conn if store else conn).close()
            raise
        return store

    @classmethod
    def create(cls, path: str | Path, report: Report, author: str = "",
               busy_timeout: float | None = None) -> ReportStore:
        """Write ``report`` to a new file ``path`` (which must not exist yet) and open it. The
        file is built under a temporary name beside ``path`` and takes its name only when
        complete: a full disk, an error or a killed process leaves nothing behind at ``path``."""
        path = Path(path)
        files.check_target(path)
        built = files.temporary_name(path)
        timeout = errormap.BUSY_TIMEOUT_S if busy_timeout is None else busy_timeout
        try:
            conn = files.connect(built, "rwc", timeout)
            try:
                store = cls(path, conn, author, read_only=False)
                conn.execute("PRAGMA journal_mode = DELETE")
                with store.transaction():
                    schema.upgrade(store.conn)
                    store._insert_report(report)
            finally:
                conn.close()
            files.move_into_place(built, path)
        except sqlite3.Error as exc:
            files.remove_quietly(built)
            raise errormap.map_error(exc, path) from None
        except OSError as exc:
            files.remove_quietly(built)
            raise errormap.os_error(exc, path) from None
        except BaseException:
            files.remove_quietly(built)
            raise
        return cls.open(path, author=author, busy_timeout=timeout)

    def _verify_and_upgrade(self, counter_before_recovery: int | None = None) -> None:
        """Check the file and upgrade an older format. ``counter_before_recovery``: the file's
        change counter when a journal lay beside it; whether the first read rolled an
        interrupted save back is decided right then, before an upgrade commits anything."""
        with self.reading():  # the first read rolls back an interrupted save
            older = schema.inspect(self.conn, self.path)
        if counter_before_recovery is not None:
            self.recovered = files.rolled_back(self.path, counter_before_recovery)
        if older and self.read_only:  # an older file we may not change: upgrade it in memory
            self._upgrade_in_memory()
            return
        if older:
            self.conn.execute("PRAGMA journal_mode = DELETE")
            try:
                with self.transaction():
                    schema.upgrade(self.conn)
            except errors.IOProblem as exc:  # a failed step: the whole upgrade was rolled back
                raise errors.UpgradeFailed(path=str(self.path),
                                           detail=exc.args_.get("detail", "")) from None
            except errors.ReportError:  # locked, disk full, read-only: said as such
                raise
            except Exception as exc:
                raise errors.UpgradeFailed(path=str(self.path), detail=str(exc)) from None
        elif not self.read_only:
            mode = self.conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() == "wal":  # a file touched by another tool: back to rollback journal
                self.conn.execute("PRAGMA journal_mode = DELETE")

    def _upgrade_in_memory(self) -> None:
        """Read an older file that cannot be written (a read-only share, a copy being merged):
        its contents are upgraded in memory and the file itself is left as it is."""
        memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        memory.text_factory = rows.decode_text
        self.conn.backup(memory)
        self.conn.close()
        self.conn = memory
        memory.execute("BEGIN IMMEDIATE")
        schema.upgrade(memory)
        memory.execute("COMMIT")
        self._data_version = self._read_data_version()

    def recovery_notice(self, lang: str | None = None) -> str | None:
        """What to tell the user when opening rolled back an interrupted save (else None)."""
        return pick(_TEXT, "recovered", lang, path=str(self.path)) if self.recovered else None

    def close(self) -> None:
        """Close the file (nothing is pending: every write has been committed)."""
        self.conn.close()

    def __enter__(self) -> ReportStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[ReportStore]:
        """Several writes as one: ``BEGIN IMMEDIATE … COMMIT``, rolled back whole when anything
        inside raises; SQLite errors become typed errors. Blocks nest (an inner block joins the
        outer transaction), so a caller such as merge can group the store's own writes."""
        if self.read_only:
            raise errors.ReadOnly(path=str(self.path))
        if self._writing:
            self._writing += 1
            try:
                yield self
            finally:
                self._writing -= 1
            return
        self._writing = 1
        try:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc) from None
            try:
                yield self
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from None
                raise
        finally:
            self._writing = 0
        # data_version does not move for this connection's own commits, so nothing to note
        # here: resetting it would swallow a colleague's commit made since the last look

    @contextmanager
    def reading(self) -> Iterator[ReportStore]:
        """Several reads as one consistent snapshot: ``BEGIN … COMMIT`` holds SQLite's shared
        lock from the first read to the last, so no colleague's commit lands in between. Inside
        a transaction (or another snapshot) it simply joins it."""
        if self.conn.in_transaction:
            yield self
            return
        try:
            self.conn.execute("BEGIN")
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            yield self
        except BaseException:
            self._end_quietly()
            raise
        try:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._end_quietly()
            raise self._error(exc) from None

    def _end_quietly(self) -> None:
        """Leave a read snapshot after an error (SQLite may have ended it already)."""
        if self.conn.in_transaction:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def _error(self, exc: sqlite3.Error) -> errors.ReportError:
        return errormap.map_error(exc, self.path, self._busy_seconds(),
                                  writing=bool(self._writing))

    def _busy_seconds(self) -> int:
        try:
            ms = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        except sqlite3.Error:
            return round(errormap.BUSY_TIMEOUT_S)
        return max(1, round(ms / 1000))

    def _rows(self, sql: str, params=()) -> list[dict]:
        """The rows of a query, as dicts."""
        try:
            cur = self.conn.execute(sql, params)
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _one(self, sql: str, params=()) -> dict | None:
        found = self._rows(sql, params)
        return found[0] if found else None

    def _run(self, sql: str, params=()) -> None:
        """One statement that writes (inside :meth:`transaction`)."""
        try:
            self.conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    # -- "did anyone else commit?" --------------------------------------------------------
    def _read_data_version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def changed_by_others(self) -> bool:
        """True once after another connection committed since the last look (cheap)."""
        try:
            current = self._read_data_version()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        changed = current != self._data_version
        self._data_version = current
        return changed

    # -- reading ------------------------------------------------------------------------------
    def load_report(self) -> Report:
        """The whole live report (tombstones left out), read as one snapshot."""
        with self.reading():
            head = self._one("SELECT * FROM report WHERE id = ?", (REPORT_ROW,))
            if head is None:
                raise errors.NotAReport(path=str(self.path))
            report = rows.report_from_row(head)
            for srow in self._rows("SELECT * FROM sections WHERE deleted = 0"):
                report.place(self._readable(rows.section_from_row(srow), srow))
            for frow in self._rows("SELECT id, body, version, rev_id FROM footnotes"
                                   " WHERE deleted = 0"):
                report.footnotes[frow["id"]] = self._readable(rows.footnote_from_row(frow), frow)
        return report

    def _readable(self, obj, row: dict):
        """A section or footnote whose stored content cannot be read shows its last save from
        the file's history when that can be read (the damaged row itself is left as it is)."""
        if not obj.damaged:
            return obj
        for rev in self.walk_back(row.get("rev_id")):  # a deletion or revival holds no content
            if rev.damage is not None:
                return obj
            if rows.has_content(rev.data):
                return rows.recovered(obj, rev.data)
        return obj

    def load_outline(self) -> list[dict]:
        """Every live section without its body: id, kind, parent_id, position, title,
        title_notes, refs (footnote ids in order), words, version."""
        found = self._rows("SELECT id, kind, parent_id, position, title, title_notes, refs,"
                           " words, version FROM sections WHERE deleted = 0")
        for r in found:
            r["title_notes"] = rows.id_list(r["title_notes"])[0]
            r["refs"] = rows.id_list(r["refs"])[0]
        return found

    def load_section(self, section_id: str) -> Section:
        """One live section (:class:`errors.NoSuchSection` when it is deleted or unknown)."""
        row = self._one("SELECT * FROM sections WHERE id = ? AND deleted = 0", (section_id,))
        if row is None:
            raise errors.NoSuchSection()
        return self._readable(rows.section_from_row(row), row)

    def load_footnote(self, footnote_id: str) -> Footnote:
        """One live footnote (:class:`errors.NoSuchFootnote` when deleted or unknown)."""
        row = self._one("SELECT id, body, version, rev_id FROM footnotes WHERE id = ?"
                        " AND deleted = 0", (footnote_id,))
        if row is None:
            raise errors.NoSuchFootnote()
        return self._readable(rows.footnote_from_row(row), row)

    def deleted_sections(self) -> list[Section]:
        """Deleted sections (newest first), for "restore"."""
        found = self._rows("SELECT * FROM sections WHERE deleted = 1 ORDER BY updated_at DESC")
        return [rows.section_from_row(r) for r in found]

    def revisions(self, entity_id: str) -> list[Revision]:
        """Every saved state of a section, footnote or the header, newest first."""
        found = self._rows(f"SELECT {', '.join(rows.REVISION_COLUMNS)} FROM revisions"
                           " WHERE entity_id = ? ORDER BY version DESC", (entity_id,))
        return [rows.revision_from_row(r) for r in found]

    def search(self, words: str, limit: int = 200) -> list[SearchHit]:
        """Sections and footnotes holding every word of ``words``, diacritics ignored
        ("cong tac" finds "công tác", "dang" finds "Đảng"); best matches first."""
        try:
            with self.reading():
                return search.find(self.conn, words, limit)
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds (empty when the file is sound)."""
        found = [next(iter(r.values())) for r in self._rows("PRAGMA integrity_check")]
        return [] if found == ["ok"] else found

    # -- copies ----------------------------------------------------------------------------------
    def copy_to(self, target: str | Path) -> Path:
        """A consistent copy of the whole file (``VACUUM INTO``), safe while others write. The
        copy is written under a temporary name and takes ``target``'s name when complete."""
        target = Path(target)
        files.check_target(target)
        built = files.temporary_name(target)
        try:
            self.conn.execute("VACUUM INTO ?", (str(built),))
            files.move_into_place(built, target)
        except sqlite3.Error as exc:
            files.remove_quietly(built)
            raise errormap.map_error(exc, target) from None
        except BaseException:
            files.remove_quietly(built)
            raise
        return target


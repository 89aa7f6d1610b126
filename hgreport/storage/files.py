"""The report file on disk: is it an SQLite file, may we write it, its journal, connecting, and
building a new file under a temporary name that is moved into place only when complete."""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

from .. import errors
from ..leftovers import remove_stale
from .errormap import os_error
from .rows import decode_text

SQLITE_MAGIC = b"SQLite format 3\x00"
_COUNTER_AT = 24  # the header's file change counter (4 bytes, big-endian)


def check_file(path: Path) -> None:
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


def writable(path: Path) -> bool:
    """A rollback journal needs both the file and its folder writable."""
    return os.access(path, os.W_OK) and os.access(folder_of(path), os.W_OK)


def folder_of(path: Path) -> Path:
    """The folder holding ``path`` (``.`` for a bare file name)."""
    return path.parent if str(path.parent) else Path(".")


def journal_of(path: Path) -> Path:
    """The rollback journal SQLite keeps beside ``path`` during a save."""
    return Path(str(path) + "-journal")


def has_journal(path: Path) -> bool:
    """A non-empty rollback journal lies beside the file: a save under way, or one that was
    interrupted (a "hot" journal SQLite rolls back on the next read)."""
    try:
        return journal_of(path).stat().st_size > 0
    except OSError:
        return False


def change_counter(path: Path) -> int | None:
    """The file change counter of the header: every committed write moves it forward."""
    try:
        with open(path, "rb") as fh:
            fh.seek(_COUNTER_AT)
            raw = fh.read(4)
    except OSError:
        return None
    return int.from_bytes(raw, "big") if len(raw) == 4 else None


def rolled_back(path: Path, counter_before: int | None) -> bool:
    """After opening a file that had a journal beside it: was that journal an interrupted save
    that SQLite has just rolled back? It was when the journal is gone and no commit happened
    in between (a colleague's finished save would have moved the change counter on)."""
    after = change_counter(path)
    return not has_journal(path) and None not in (after, counter_before) and \
        after <= counter_before


def connect(path: Path, mode: str, busy_timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (the store writes ``BEGIN`` itself); ``mode`` is
    SQLite's ro / rw / rwc."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None,
                           check_same_thread=False)
    conn.text_factory = decode_text  # a row with bytes that are not UTF-8 does not stop a read
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return conn


TEMP_SUFFIX = ".hgreport-tmp"


def temporary_name(path: Path) -> Path:
    """A name beside ``path`` for building a file that takes ``path``'s name once complete.
    Leftovers of builds killed half-way (power cut, kill -9) are removed first, once old."""
    folder = folder_of(path)
    remove_stale_temporaries(folder)
    return folder / f".{path.name}.{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}"


def remove_stale_temporaries(folder: Path) -> None:
    """Remove half-built files (and their journals) left in ``folder`` by builds killed
    half-way."""
    remove_stale(folder, f".*{TEMP_SUFFIX}", remove_quietly)


def remove_quietly(path: Path) -> None:
    """Remove a file and its journal, if they are there."""
    for p in (path, journal_of(path)):
        try:
            p.unlink()
        except OSError:
            pass


def check_target(path: Path) -> None:
    """A new file may be written at ``path``: nothing is there, and its folder exists and can
    be written."""
    if path.exists():
        raise errors.AlreadyExists(path=str(path))
    folder = folder_of(path)
    if not folder.is_dir():
        raise errors.FileMissing(path=str(folder))
    if not os.access(folder, os.W_OK):
        raise errors.ReadOnly(path=str(path))


def move_into_place(built: Path, path: Path) -> None:
    """Give the complete file ``built`` its name ``path``, never replacing a file that
    appeared there meanwhile."""
    if path.exists():
        raise errors.AlreadyExists(path=str(path))
    try:
        os.replace(built, path)
    except OSError as exc:
        raise os_error(exc, path) from None
    sync_folder(folder_of(path))


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder handles to sync)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

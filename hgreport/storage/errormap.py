"""SQLite's errors turned into the typed errors a clerk can act on (``hgreport.errors``)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .. import errors

BUSY_TIMEOUT_S = 5.0

_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY = 8
_READONLY_ROLLBACK = 8 | (3 << 8)  # a hot journal that a read-only connection cannot undo
_CORRUPT = 11
_FULL = 13
_CANTOPEN = 14
_NOTADB = 26


def map_error(exc: sqlite3.Error, path: Path, seconds: float = BUSY_TIMEOUT_S,
              writing: bool = False) -> errors.ReportError:
    """The typed error for ``exc`` met on ``path``. ``writing``: the lock was met while saving a
    change (which is kept and tried again); otherwise while reading or opening."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if code is not None else None
    text = str(exc).lower()
    p = str(path)
    if primary in _BUSY_CODES or "locked" in text:
        locked = errors.Locked if writing else errors.LockedReading
        return locked(path=p, seconds=round(seconds))
    if code == _READONLY_ROLLBACK:
        return errors.RecoveryNeeded(path=p)
    if primary == _READONLY or "readonly" in text or "read-only" in text:
        return errors.ReadOnly(path=p)
    if primary == _FULL or "disk is full" in text:
        return errors.DiskFull(path=p)
    if primary == _NOTADB or "not a database" in text:
        return errors.NotSQLiteFile(path=p)
    if primary == _CORRUPT or "malformed" in text:
        return errors.Corrupt(path=p, detail=str(exc))
    if primary == _CANTOPEN:
        return cannot_open(Path(p))
    return errors.IOProblem(path=p, detail=str(exc))


def cannot_open(path: Path) -> errors.ReportError:
    """Why a file cannot be opened or made: its folder is missing, or it is read-only."""
    folder = path.parent
    if path.exists() or (folder.is_dir() and not os.access(folder, os.W_OK)):
        return errors.ReadOnly(path=str(path))
    return errors.FileMissing(path=str(path if folder.is_dir() else folder))


def os_error(exc: OSError, path: Path) -> errors.ReportError:
    """The typed error for an operating-system error met while writing ``path``."""
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return errors.DiskFull(path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return errors.ReadOnly(path=str(path))
    if exc.errno == errno.ENOENT:
        return cannot_open(path)
    if exc.errno == errno.EEXIST:
        return errors.AlreadyExists(path=str(path))
    return errors.IOProblem(path=str(path), detail=exc.strerror or str(exc))

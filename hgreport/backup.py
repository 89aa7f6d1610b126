"""Automatic backups of a whole report file: once a day when it is opened, and when it is closed.

Backups are consistent copies (``VACUUM INTO``, safe while others write) kept in a per-user
folder, one sub-folder per report file, the newest :data:`KEEP` of each. The folder is
``%LOCALAPPDATA%\\hgreport\\backups`` on Windows and ``~/.local/share/hgreport/backups``
elsewhere; ``HGREPORT_DATA_DIR`` replaces the ``…/hgreport`` part (tests, portable installs).
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .storage import ReportStore, file_fingerprint

KEEP = 20  # backups kept per report file
_NAME = re.compile(r"^(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})(?:-(?P<n>\d+))?_(?P<reason>[a-z]+)\.db$")
_STAMP = "%Y-%m-%d_%H%M%S"


def data_dir() -> Path:
    """hgreport's per-user data folder."""
    override = os.environ.get("HGREPORT_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "hgreport"
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / "hgreport"


def backup_dir() -> Path:
    """The folder holding every backup (what the menu "Open the backup folder" shows)."""
    return data_dir() / "backups"


def folder_for(report_path: str | Path) -> Path:
    """The backup sub-folder of one report file: its name plus a short hash of its full path
    (two reports both called ``baocao.db`` in different folders keep apart)."""
    full = os.path.normcase(os.path.abspath(os.fspath(report_path)))
    digest = hashlib.sha1(full.encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^\w\-. ]", "_", Path(report_path).stem)[:60] or "report"
    return backup_dir() / f"{stem}-{digest}"


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # local time
    reason: str  # open | close | manual

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def list_backups(report_path: str | Path) -> list[Backup]:
    """The backups of one report file, newest first."""
    folder = folder_for(report_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if m and p.is_file():
            taken = datetime.strptime(m["stamp"], _STAMP)
            found.append((taken, int(m["n"] or 0), Backup(p, taken, m["reason"])))
    found.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return [b for _, _, b in found]


def make_backup(store: ReportStore, reason: str = "manual", keep: int = KEEP,
                now: datetime | None = None) -> Path:
    """Copy the whole file into its backup folder now, then keep only the newest ``keep``."""
    now = now or datetime.now()
    folder = folder_for(store.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now.strftime(_STAMP)
    target = folder / f"{stamp}_{reason}.db"
    n = 1
    while target.exists():
        target = folder / f"{stamp}-{n}_{reason}.db"
        n += 1
    store.copy_to(target)
    prune(store.path, keep)
    return target


def prune(report_path: str | Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups of a report; returns what was deleted."""
    gone = []
    for b in list_backups(report_path)[max(keep, 1):]:
        try:
            b.path.unlink()
            gone.append(b.path)
        except OSError:
            pass
    return gone


def backup_on_open(store: ReportStore, keep: int = KEEP,
                   now: datetime | None = None) -> Path | None:
    """The first opening of a day makes a backup; later ones that day do not."""
    now = now or datetime.now()
    if any(b.taken_at.date() == now.date() for b in list_backups(store.path)):
        return None
    return make_backup(store, "open", keep, now)


def backup_on_close(store: ReportStore, keep: int = KEEP,
                    now: datetime | None = None) -> Path | None:
    """Closing makes a backup unless the newest backup already holds the same content."""
    existing = list_backups(store.path)
    if existing and _same_content(store, existing[0].path):
        return None
    return make_backup(store, "close", keep, now)


def _same_content(store: ReportStore, backup: Path) -> bool:
    """Whether a backup holds what the file holds now (every save appends a revision, so the
    count and the time of the last one tell)."""
    return file_fingerprint(backup) == store.content_fingerprint()

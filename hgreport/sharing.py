"""Who else has the report open, and which section each person edits (leases with a heartbeat).

Every open window holds one lease row for the file (``section_id = ''``) and one per section it
edits. A window renews its rows with :meth:`Presence.heartbeat` every few seconds; rows not
renewed within :data:`LEASE_TTL_S` belong to a window that crashed or lost the network and are
ignored and cleared. Leases only inform (a warning before opening a section someone else edits);
saves stay safe through the store's optimistic versions whatever the leases say. A lease of the
same person on the same PC (same host, same name, same login) is that person in another window
(:attr:`Editor.mine`), not someone else.

:func:`is_network_path` tells whether a file sits on a network share (Windows UNC path or mapped
network drive; NFS/CIFS/SMB mounts on Linux), where SQLite's locking is only as good as the
file server's.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .storage import ReportStore

HEARTBEAT_S = 10.0  # how often a window renews its leases
LEASE_TTL_S = 45.0  # a lease not renewed for this long is a crashed or disconnected editor
FILE_LEASE = ""  # section_id of the row that says "has the file open"


@dataclass
class Editor:
    """Another person who has the file open."""

    holder: str
    author: str
    host: str
    sections: list[str] = field(default_factory=list)  # ids of the sections they edit
    heartbeat_at: float = 0.0
    until: float = 0.0  # their lease runs out then unless renewed (their clock)
    mine: bool = False  # the same person on this PC, in another window: not someone else

    @property
    def label(self) -> str:
        who = self.author or "?"
        return f"{who} ({self.host})" if self.host else who


class Presence:
    """This window's leases in one report file.

    ``clock`` returns seconds (``time.time`` by default; leases compare wall-clock times of
    different PCs, so the TTL is generous)."""

    def __init__(self, store: ReportStore, holder_id: str | None = None,
                 host: str | None = None, ttl: float = LEASE_TTL_S,
                 clock: Callable[[], float] = time.time):
        self.store = store
        self.holder_id = holder_id or (f"{socket.gethostname()}:{os.getpid()}:"
                                       f"{uuid.uuid4().hex[:8]}:{login_name()}")
        self.host = socket.gethostname() if host is None else host
        self.ttl = ttl
        self.clock = clock
        self._sections: set[str] = set()

    # -- writing my own rows ----------------------------------------------------------------
    def heartbeat(self) -> None:
        """Say "still here" for the file and every claimed section; clear expired leases."""
        self.store.renew_leases(self.holder_id, self.store.author, self.host,
                                sorted(self._sections), self.clock(), self.ttl, FILE_LEASE)

    def claim(self, section_id: str) -> list[Editor]:
        """Start editing ``section_id``. Returns the others editing it right now (warn first
        when the list is not empty; the claim is made either way)."""
        self._sections.add(section_id)
        self.store.claim_section(self.holder_id, self.store.author, self.host, section_id,
                                 self.clock(), FILE_LEASE)
        return self.editing(section_id)

    def release(self, section_id: str) -> None:
        """Stop editing ``section_id``."""
        self._sections.discard(section_id)
        self.store.release_section(self.holder_id, section_id)

    def close(self) -> None:
        """The window closes the file: all of its leases go."""
        self._sections.clear()
        self.store.release_all(self.holder_id)

    @property
    def claimed(self) -> set[str]:
        return set(self._sections)

    # -- reading the others -------------------------------------------------------------------
    def others(self) -> list[Editor]:
        """Everyone else with the file open (live leases only), with the sections they edit,
        ordered by name."""
        editors: dict[str, Editor] = {}
        for lease in self.store.leases(self.holder_id, self.clock() - self.ttl):
            if self._crashed_here(lease.holder):
                continue
            ed = editors.setdefault(lease.holder, Editor(
                lease.holder, lease.author, lease.host, mine=self._same_person(lease)))
            ed.heartbeat_at = max(ed.heartbeat_at, lease.heartbeat_at)
            ed.until = ed.heartbeat_at + self.ttl
            if lease.section_id:
                ed.sections.append(lease.section_id)
        return sorted(editors.values(), key=lambda e: (e.author, e.host, e.holder))

    def _crashed_here(self, holder: str) -> bool:
        """A lease of a program on this PC that is no longer running (it crashed or was
        killed): not someone else, even before its lease expires."""
        host, _, rest = holder.partition(":")
        pid = rest.partition(":")[0]
        return host == socket.gethostname() and pid.isdigit() and not process_alive(int(pid))

    def _same_person(self, lease) -> bool:
        """A lease of the same person on this PC (same host, same name in the report and,
        where the holder says it, the same login): "you, in another window"."""
        if lease.host != self.host or lease.author != self.store.author:
            return False
        theirs, mine = holder_login(lease.holder), holder_login(self.holder_id)
        return theirs is None or mine is None or theirs == mine

    def editing(self, section_id: str) -> list[Editor]:
        """The others whose live lease covers ``section_id``."""
        return [e for e in self.others() if section_id in e.sections]

    def sections_in_use(self) -> dict[str, list[Editor]]:
        """Section id → the others editing it (for marking the section tree)."""
        out: dict[str, list[Editor]] = {}
        for ed in self.others():
            for sid in ed.sections:
                out.setdefault(sid, []).append(ed)
        return out


def login_name() -> str:
    """The operating system's name of the person logged in ("" when it cannot be told)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


def holder_login(holder: str) -> str | None:
    """The login a holder id names (``host:pid:random:login``); None for the ids of 0.1.0
    (``host:pid:random``) and of tests."""
    parts = holder.split(":", 3)
    return parts[3] if len(parts) == 4 else None


def process_alive(pid: int) -> bool:
    """Whether a process of this PC with id ``pid`` is still running."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def content_stamp(store: ReportStore) -> int:
    """Changes whenever a section, footnote or the header changes (every such change appends a
    revision), but not when only leases are renewed: after ``store.changed_by_others()`` says
    yes, compare stamps to skip reloading for a mere heartbeat."""
    return store.content_stamp()


# -- network paths ------------------------------------------------------------------------------
NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "ncpfs", "afs", "coda", "9p", "ceph",
    "glusterfs", "lustre", "gpfs", "davfs", "fuse.davfs2", "fuse.sshfs", "sshfs", "fuse.smbnetfs",
    "fuse.glusterfs", "fuse.cephfs", "beegfs", "ocfs2", "gfs2",
}
_DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape_mount(field_: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (``\\040``)."""
    out, i = [], 0
    while i < len(field_):
        if field_[i] == "\\" and i + 4 <= len(field_) and field_[i + 1:i + 4].isdigit():
            out.append(chr(int(field_[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field_[i])
            i += 1
    return "".join(out)


def _read_mounts() -> str:
    try:
        return Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def mount_type(path: str | Path, mounts: str | None = None) -> str | None:
    """The file system type of the mount holding ``path`` (Linux, from ``/proc/mounts``)."""
    text = _read_mounts() if mounts is None else mounts
    target = os.path.realpath(os.path.abspath(os.fspath(path)))
    best, best_type = "", None
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fstype
    return best_type


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def is_network_path(path: str | Path, *, platform: str | None = None,
                    mounts: str | None = None,
                    drive_type: Callable[[str], int] | None = None) -> bool:
    """True when ``path`` is on a network share: a Windows UNC path (``\\\\server\\share``), a
    drive letter mapped to a share, or (Linux) an NFS/CIFS/SMB/… mount.

    ``platform``, ``mounts`` (text of /proc/mounts) and ``drive_type`` (GetDriveTypeW) can be
    given to look at another system's point of view."""
    platform = platform or sys.platform
    raw = os.fspath(path)
    if raw.startswith("\\\\") and not raw.startswith("\\\\?\\"):
        return True
    if raw.startswith("\\\\?\\UNC\\"):
        return True
    if raw.startswith("\\\\?\\"):  # a long-path prefix before a drive letter
        raw = raw[4:]
    if platform.startswith("win"):
        if raw.startswith("//"):
            return True
        full = raw if (len(raw) >= 2 and raw[1] == ":") else os.path.abspath(raw)
        if full.startswith("\\\\"):
            return True
        if len(full) >= 2 and full[1] == ":":
            probe = drive_type or _windows_drive_type
            try:
                return probe(full[0].upper() + ":\\") == _DRIVE_REMOTE
            except (OSError, AttributeError, ValueError):
                return False
        return False
    fstype = mount_type(raw, mounts)
    return fstype is not None and (fstype in NETWORK_FS or fstype.startswith(("nfs", "smb")))

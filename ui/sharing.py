"""A report file shared by several people at once, as the window sees it: who else has it open
and which sections they edit (leases renewed by a heartbeat), and what others saved, taken in
within a few seconds (polling SQLite's data_version, then the content stamp so that a mere
heartbeat does not reload anything).

Nothing here writes report content; the session takes in others' saves
(:meth:`ui.session.Session.pull_changes`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from hgreport import errors
from hgreport.sharing import HEARTBEAT_S, Presence, content_stamp


class SharingWatcher(QObject):
    """Heartbeat, presence and polling for one window's open report."""

    othersChanged = Signal(list)      # [Editor]: everyone else with the file open (or renewed)
    contentChanged = Signal(list)     # ids of sections whose text someone else changed
    lockedChanged = Signal(bool)      # the file is locked by another writer (waiting)

    POLL_MS = 1500
    HEARTBEAT_MS = int(HEARTBEAT_S * 1000)

    def __init__(self, session, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self.presence: Presence | None = None if self.store.read_only else Presence(self.store)
        self.others: list = []
        self.locked = False
        self._stamp = self._read_stamp()
        self._pending = False  # content seen but not taken in yet (a save was running)
        self.poll_timer = QTimer(self, interval=self.POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.heartbeat_timer = QTimer(self, interval=self.HEARTBEAT_MS)
        self.heartbeat_timer.timeout.connect(self.heartbeat)
        self.heartbeat()
        self.poll_timer.start()
        self.heartbeat_timer.start()

    def _read_stamp(self) -> int | None:
        try:
            return content_stamp(self.store)
        except errors.ReportError:
            return None

    def _set_locked(self, locked: bool) -> None:
        if locked != self.locked:
            self.locked = locked
            self.lockedChanged.emit(locked)

    # -- my leases -------------------------------------------------------------------------------
    def heartbeat(self) -> None:
        """Say "still here" (and clear crashed editors' leases), then look at the others."""
        if self.presence is not None:
            try:
                self.presence.heartbeat()
                self._set_locked(False)
            except errors.Locked:
                self._set_locked(True)
            except errors.ReportError:
                pass
        self.refresh_others()

    def claim(self, section_id: str | None) -> list:
        """This window now edits ``section_id`` (None: none). Returns the others editing it."""
        if self.presence is None:
            return []
        try:
            for sid in self.presence.claimed - {section_id}:
                self.presence.release(sid)
            found = self.presence.claim(section_id) if section_id else []
        except errors.ReportError:
            return []
        return found

    def editing(self, section_id: str) -> list:
        """The others editing ``section_id`` now (with this person's other windows on this PC,
        marked ``mine``)."""
        if self.presence is None:
            return []
        try:
            return self.presence.editing(section_id)
        except errors.ReportError:
            return []

    def refresh_others(self) -> None:
        if self.presence is None:
            return
        try:
            others = self.presence.others()
        except errors.ReportError:
            return
        if [(e.holder, e.sections, e.until) for e in others] != [
                (e.holder, e.sections, e.until) for e in self.others]:  # renewed: a new "until"
            self.others = others
            self.othersChanged.emit(others)

    def sections_in_use(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for ed in self.others:
            for sid in ed.sections:
                out.setdefault(sid, []).append(ed)
        return out

    # -- others' saves -----------------------------------------------------------------------------
    def poll(self) -> bool:
        """Did someone else commit? Leases are looked at again; content is taken in only when
        the content stamp moved. Returns True when content was taken in."""
        try:
            if not self.store.changed_by_others() and not self._pending:
                self._set_locked(False)
                return False
            stamp = content_stamp(self.store)
        except errors.Locked:
            self._set_locked(True)
            return False
        except errors.ReportError:
            return False
        self._set_locked(False)
        self.refresh_others()
        if stamp == self._stamp:
            return False
        if self.session.busy():  # a save is asking a question: look again at the next poll
            self._pending = True
            return False
        try:
            changed = self.session.pull_changes()
        except errors.Locked:
            self._pending = True
            self._set_locked(True)
            return False
        except errors.ReportError:
            return False
        self._pending = False
        self._stamp = stamp
        self.contentChanged.emit(changed)
        return True

    def mark_seen(self) -> None:
        """After this window itself changed the file in bulk (a merge): take the new stamp."""
        self._stamp = self._read_stamp()

    def close(self) -> None:
        """The window closes: stop, and give up every lease at once."""
        self.poll_timer.stop()
        self.heartbeat_timer.stop()
        if self.presence is not None:
            try:
                self.presence.close()
            except errors.ReportError:
                pass

"""The undo steps of the section tree: each redo and undo calls one operation of the working
copy (:mod:`hgreport.workspace.structure`) and its inverse — add ↔ delete (a redo after the
undo restores), delete ↔ restore, move ↔ move back, rename ↔ rename back.

A step that fails (a busy or read-only file) is shown to the person and leaves the undo stack;
the other steps stay consistent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from hgreport import errors
from hgreport.model import new_id
from hgreport.workspace import Changes, Place

from . import dialogs


def _tr(text: str) -> str:
    return QCoreApplication.translate("Session", text)


class StructureCommand(QUndoCommand):
    def __init__(self, session, text: str):
        super().__init__(text)
        self.session = session
        self.work = session.work
        self.failed = ""

    def _guard(self, step: Callable[[], Changes], save_first: bool = False) -> None:
        """Run one step and show what it changed; a failure is shown to the person and the
        step leaves the undo stack."""
        session = self.session
        try:
            if save_first and not session.save_all():
                raise errors.IOProblem(path=str(self.work.store.path), detail=session.last_error)
            changes = session.apply_changes(step())
            if changes.error is not None:
                raise changes.error
            self.failed = ""
        except errors.ReportError as exc:
            self.failed = str(exc)
            self.setObsolete(True)
            dialogs.show_error(session.window, self.failed)
        if self.work.has_unsaved():  # a footnote that came or went with the step
            session.autosave.start()


class AddSection(StructureCommand):
    def __init__(self, session, place: Place, title: str):
        super().__init__(session, _tr("Add section"))
        self.section_id = new_id()
        self.place, self.title = place, title
        self.done_once = False

    def redo(self):
        if not self.done_once:
            self._guard(lambda: self.work.add_section(*self.place, self.title, self.section_id))
            self.done_once = not self.failed
        else:
            self._guard(lambda: self.work.restore_section(self.section_id))

    def undo(self):
        self.session.save_all()
        self._guard(lambda: self.work.delete_section(self.section_id))


class RenameSection(StructureCommand):
    def __init__(self, session, section_id: str, old: str, new: str):
        super().__init__(session, _tr("Rename section"))
        self.section_id, self.old, self.new = section_id, old, new

    def redo(self):
        self._guard(lambda: self.work.rename_section(self.section_id, self.new))

    def undo(self):
        self._guard(lambda: self.work.rename_section(self.section_id, self.old))


class TitleNotes(StructureCommand):
    def __init__(self, session, section_id: str, old: list[str], new: list[str]):
        super().__init__(session, _tr("Heading footnotes"))
        self.section_id, self.old, self.new = section_id, old, new

    def redo(self):
        self._guard(lambda: self.work.set_title_notes(self.section_id, self.new))

    def undo(self):
        self._guard(lambda: self.work.set_title_notes(self.section_id, self.old))


class MoveSection(StructureCommand):
    def __init__(self, session, section_id: str, before: Place, after: Place):
        super().__init__(session, _tr("Move section"))
        self.section_id, self.before, self.after = section_id, before, after

    def redo(self):
        self.session.save_all()
        self._guard(lambda: self.work.move_section(self.section_id, *self.after))

    def undo(self):
        self.session.save_all()
        self._guard(lambda: self.work.move_section(self.section_id, *self.before))


class DeleteSection(StructureCommand):
    """Deleting and restoring read sections and footnotes back from the file: everything is
    saved first, so no typed text or footnote edit is replaced by the stored one."""

    def __init__(self, session, section_id: str, text: str = ""):
        super().__init__(session, text or _tr("Delete section"))
        self.section_id = section_id

    def redo(self):
        self._guard(lambda: self.work.delete_section(self.section_id), save_first=True)

    def undo(self):
        self._guard(lambda: self.work.restore_section(self.section_id), save_first=True)


class RestoreSection(DeleteSection):
    def __init__(self, session, section_id: str):
        super().__init__(session, section_id, _tr("Restore section"))

    def redo(self):
        self._guard(lambda: self.work.restore_section(self.section_id), save_first=True)

    def undo(self):
        self._guard(lambda: self.work.delete_section(self.section_id), save_first=True)

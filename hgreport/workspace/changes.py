"""What an operation on the working copy changed, so the window refreshes only that.

Every operation of :class:`~hgreport.workspace.Workspace` that touches more than the value it
was given returns a :class:`Changes`: saving, answering a question, taking in colleagues' saves,
and the structure operations. Questions (both people changed the same thing) and the error that
stopped a save travel in the same object, so one loop in the window handles them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import errors
from .questions import Question


@dataclass
class Changes:
    """What changed in the working copy (empty: nothing the window shows)."""

    sections: list[str] = field(default_factory=list)
    """Sections whose text the window shows is no longer the working copy's (a combined save,
    a colleague's save, a choice taken): show :meth:`Workspace.section`'s body again."""
    undoable: set[str] = field(default_factory=set)
    """Of :attr:`sections`, those replaced by the person's own step (a restore from history):
    the editor keeps their undo. Any other replaced text came from someone else and an undo
    past it would take their work back out of the file."""
    outline: bool = False  # sections added, removed, moved or renamed: tree and numbers
    gone: list[str] = field(default_factory=list)  # sections no longer in the report
    footnotes: list[str] = field(default_factory=list)  # footnotes whose text changed or went
    numbers: bool = False  # footnote references came or went: numbers may differ
    header: bool = False  # header or closing changed (by someone else, or by a choice)
    profile: bool = False  # the layout profile changed: the page and numbering follow
    added: str | None = None  # the section an add made
    questions: list[Question] = field(default_factory=list)  # to ask the person, in order
    error: errors.ReportError | None = None  # what stopped the operation (the rest is kept)

    @property
    def ok(self) -> bool:
        """Done completely: no error and no question left."""
        return self.error is None and not self.questions

    def merge(self, other: Changes) -> Changes:
        """Add what ``other`` changed (the first error is kept); returns ``self``."""
        for sid in other.sections:
            if sid not in self.sections:
                self.sections.append(sid)
        self.undoable |= other.undoable
        self.outline |= other.outline
        self.gone += [sid for sid in other.gone if sid not in self.gone]
        self.footnotes += [fid for fid in other.footnotes if fid not in self.footnotes]
        self.numbers |= other.numbers
        self.header |= other.header
        self.profile |= other.profile
        self.added = self.added or other.added
        self.questions += other.questions
        if self.error is None:
            self.error = other.error
        return self

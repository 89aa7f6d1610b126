"""What changed between two states of the report — a named draft and now, or two drafts —
section by section: the sections added, deleted or changed (their title, the notes at the
title, their text, the footnotes they reference), and the footnotes added, removed or edited.
The window lists these and shows each word by word; the compare export writes the same
comparison as Word tracked changes (:mod:`hgreport.review.compare`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report, Section, body_to_list, walk_tree
from ..numbering import Numbering
from ..resources import load_profile
from ..storage import ReportStore
from .drafts import draft_report, find_draft

ADDED, DELETED, CHANGED = "added", "deleted", "changed"


@dataclass
class SectionChange:
    """One section that is not the same in both states (``old_*`` empty for an added one,
    ``new_*`` for a deleted one). ``number`` and ``title``: today's (the draft's when
    deleted); ``kind``: the section's kind (intro and ending have no number)."""

    section_id: str
    kind: str
    number: str
    title: str
    state: str
    old_title: str = ""
    new_title: str = ""
    old_notes: list[str] = field(default_factory=list)
    new_notes: list[str] = field(default_factory=list)
    old_body: list[dict] = field(default_factory=list)
    new_body: list[dict] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # its footnotes whose text changed

    @property
    def text_changed(self) -> bool:
        return (self.old_title != self.new_title or self.old_notes != self.new_notes
                or self.old_body != self.new_body)


@dataclass
class FootnoteChange:
    """One footnote added, removed or edited; ``number`` is its number today, or in the older
    state when it is gone (``gone`` True)."""

    footnote_id: str
    number: int
    state: str
    gone: bool
    old_body: list[dict] = field(default_factory=list)
    new_body: list[dict] = field(default_factory=list)


@dataclass
class Changes:
    """The sections and footnotes that changed, in reading order (a deleted section after the
    one that preceded it), and the footnote numbers to show references with."""

    sections: list[SectionChange]
    footnotes: list[FootnoteChange]
    numbers: dict[str, int]
    old_numbers: dict[str, int]

    def number_of(self, footnote_id: str) -> int | None:
        """A footnote's number: today's, or the older state's for one removed since."""
        return self.numbers.get(footnote_id) or self.old_numbers.get(footnote_id)

    def section(self, section_id: str) -> SectionChange | None:
        return next((c for c in self.sections if c.section_id == section_id), None)


def _nodes(report: Report) -> list[tuple[Section, str]]:
    """(section, printed number) of every section in reading order, intro and ending too."""
    numbering = Numbering.from_profile(load_profile(report.profile))
    middle = [(n.section, n.number) for n in walk_tree(report.tree(numbering))]
    return [(report.intro, ""), *middle, (report.ending, "")]


def _refs(section: Section) -> list[str]:
    out = list(section.title_notes)
    for block in section.body:
        out.extend(f for f in block.footnote_refs() if f not in out)
    return out


def _note_body(report: Report, footnote_id: str) -> list[dict]:
    note = report.footnotes.get(footnote_id)
    return body_to_list(note.body) if note is not None else []


def changes_between(then: Report, now: Report) -> Changes:
    """What turns ``then`` (the older state) into ``now``, section by section."""
    notes: list[FootnoteChange] = []
    numbers, old_numbers = now.footnote_numbers(), then.footnote_numbers()
    changed_notes: set[str] = set()
    for fid in list(numbers) + [f for f in old_numbers if f not in numbers]:
        old_body, new_body = _note_body(then, fid), _note_body(now, fid)
        in_now, in_then = fid in numbers, fid in old_numbers
        if in_now and in_then and old_body == new_body:
            continue
        state = CHANGED if in_now and in_then else (ADDED if in_now else DELETED)
        changed_notes.add(fid)
        notes.append(FootnoteChange(fid, numbers.get(fid) or old_numbers[fid], state,
                                    not in_now, old_body, new_body))

    before = {s.id: (s, num) for s, num in _nodes(then)}
    today = _nodes(now)
    today_ids = {s.id for s, _ in today}
    order = list(before)
    after: dict[str | None, list[str]] = {}  # a deleted section follows its draft neighbour
    for at, sid in enumerate(order):
        if sid not in today_ids:
            anchor = next((order[k] for k in range(at - 1, -1, -1) if order[k] in today_ids),
                          None)
            after.setdefault(anchor, []).append(sid)

    def deleted(sid: str) -> SectionChange:
        sec, num = before[sid]
        return SectionChange(sid, sec.kind, num, sec.title, DELETED, old_title=sec.title,
                             old_notes=list(sec.title_notes), old_body=body_to_list(sec.body),
                             footnotes=[f for f in _refs(sec) if f in changed_notes])

    out = [deleted(sid) for sid in after.get(None, [])]
    for sec, num in today:
        was = before.get(sec.id)
        change = SectionChange(sec.id, sec.kind, num, sec.title, ADDED if was is None else CHANGED,
                               new_title=sec.title, new_notes=list(sec.title_notes),
                               new_body=body_to_list(sec.body))
        refs = _refs(sec)
        if was is not None:
            old = was[0]
            change.old_title, change.old_notes = old.title, list(old.title_notes)
            change.old_body = body_to_list(old.body)
            refs += [f for f in _refs(old) if f not in refs]
        change.footnotes = [f for f in refs if f in changed_notes]
        if was is None or change.text_changed or change.footnotes:
            out.append(change)
        out.extend(deleted(sid) for sid in after.get(sec.id, []))
    return Changes(out, notes, numbers, old_numbers)


def compared_reports(store: ReportStore, draft: str,
                     newer: str | None = None) -> tuple[Report, Report]:
    """(the draft ``draft``, and the draft ``newer`` or today's report), read together.
    Raises :class:`~hgreport.review.errors.NoSuchDraft`."""
    with store.reading():
        find_draft(store, draft)
        if newer:
            find_draft(store, newer)
        then = draft_report(store, draft)
        now = draft_report(store, newer) if newer else store.load_report()
    return then, now


def compare_drafts(store: ReportStore, draft: str, newer: str | None = None) -> Changes:
    """What changed since the draft ``draft`` — until today, or until the draft ``newer``."""
    return changes_between(*compared_reports(store, draft, newer))

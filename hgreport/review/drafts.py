"""Named drafts: "Dự thảo lần 1" names the state of the whole report — the current revision of
every section, footnote and the header — so that a later export can show what changed since,
and a reviewed Word file made from it can be merged against it.

A draft is a map entity id → revision id kept in the file (:mod:`hgreport.storage.reviews`);
:func:`draft_report` rebuilds the report as it was from those revisions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..i18n import pick
from ..model import Closing, Footnote, Header, Report, body_from_list
from ..storage import ReportStore
from ..storage.reviews import DraftRecord
from ..storage.rows import (
    section_of_state,
)
from ..text import clean_line
from .errors import MESSAGES, DraftNameEmpty, DraftNameTaken, NoSuchDraft

STAMP_PREFIX = "hgreport."  # custom properties of an exported Word file


@dataclass
class Draft:
    """A named draft as the user sees it."""

    name: str
    created_at: str
    author: str
    sections: int
    footnotes: int

    def to_dict(self) -> dict:
        return {"name": self.name, "created_at": self.created_at, "author": self.author,
                "sections": self.sections, "footnotes": self.footnotes}


def _draft(record: DraftRecord) -> Draft:
    kinds = [kind for kind, _ in record.revisions.values()]
    return Draft(record.name, record.created_at, record.author, kinds.count("section"),
                 kinds.count("footnote"))


def next_name(existing: list[str]) -> str:
    """The name the next draft would naturally take: "Dự thảo lần N+1"."""
    numbers = [int(m.group(1)) for n in existing
               if (m := re.fullmatch(r"Dự thảo lần (\d+)", n.strip()))]
    return f"Dự thảo lần {max(numbers, default=len(existing)) + 1}"


def mark_draft(store: ReportStore, name: str, follow_mark: bool | None = None) -> Draft:
    """Name the current state of the whole report ``name``. ``follow_mark``: the header's draft
    mark becomes ``name`` first (so the draft prints its own name); None follows it only when
    the header already shows a draft mark. Raises :class:`DraftNameEmpty`,
    :class:`DraftNameTaken`."""
    name = clean_line(name or "").strip()
    if not name:
        raise DraftNameEmpty()
    with store.transaction():
        if store.draft_named(name) is not None:
            raise DraftNameTaken(name=name, other=next_name([d.name for d in store.drafts()]))
        report = store.load_report()
        follow = bool(report.header.draft_mark) if follow_mark is None else follow_mark
        if follow and report.header.draft_mark != name:
            report.header.draft_mark = name
            store.save_header(report)
        record = store.add_draft(name, store.current_revisions())
    return _draft(record)


def list_drafts(store: ReportStore) -> list[Draft]:
    """The report's named drafts, oldest first."""
    return [_draft(r) for r in store.drafts()]


def find_draft(store: ReportStore, name: str) -> DraftRecord:
    """The draft called ``name``, or :class:`NoSuchDraft` listing the known ones."""
    record = store.draft_named(clean_line(name or "").strip())
    if record is None:
        known = ", ".join(f"“{d.name}”" for d in store.drafts()) or pick(MESSAGES, "no_drafts")
        raise NoSuchDraft(name=name, known=known)
    return record


def states_at(store: ReportStore, revisions: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Entity id → its state (:mod:`hgreport.storage.rows`) at the given revisions. A revision
    without content (a revival) takes the content of the nearest earlier one."""
    out: dict[str, dict] = {}
    for eid, (entity, rev_id) in revisions.items():
        state = store.state_at(entity, rev_id)
        if state is not None:
            out[eid] = state
    return out


def report_at(store: ReportStore, revisions: dict[str, tuple[str, str]]) -> Report:
    """The report as it was at ``revisions`` (sections and footnotes live then)."""
    states = states_at(store, revisions)
    head = next((s for eid, s in states.items() if revisions[eid][0] == "report"), None)
    if head is None:
        report = store.load_report()
        report.sections, report.footnotes = [], {}
    else:
        report = Report(header=Header.from_dict(head["header"]),
                        closing=Closing.from_dict(head["closing"]), profile=head["profile"])
    for eid, state in states.items():
        entity = revisions[eid][0]
        if state["deleted"] or entity == "report":
            continue
        if entity == "section":
            report.place(section_of_state(eid, state))
        else:
            report.footnotes[eid] = Footnote(eid, body_from_list(state["body"]))
    return report


def draft_report(store: ReportStore, name: str) -> Report:
    """The report as it was when the draft ``name`` was marked."""
    return report_at(store, find_draft(store, name).revisions)


def export_stamp(store: ReportStore, draft: str | None = None) -> dict[str, str]:
    """What an export writes into the Word file's custom properties so that the file can come
    back: the report's identity, the draft it is (the newest draft whose revisions are those
    exported, or ``draft``) and the revision of every section, footnote and the header."""
    with store.reading():
        current = store.current_revisions()
        identity = store.report_identity()
        named = draft
        if named is None:
            same = [d for d in store.drafts() if d.revisions == current]
            named = same[-1].name if same else ""
    revisions = {eid: rev for eid, (_kind, rev) in sorted(current.items())}
    return {STAMP_PREFIX + "report": identity, STAMP_PREFIX + "draft": named,
            STAMP_PREFIX + "revisions": json.dumps(revisions, separators=(",", ":"))}

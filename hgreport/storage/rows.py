"""Row mapping: how each kind of entity (the report's header, a section, a footnote, a revision,
a conflict, a lease) is laid out in its table, and back.

Sections, footnotes and the header also have a *state*: a plain dict of their content that merge
and history compare and combine (JSON columns decoded, ``deleted`` as a bool). A revision's
snapshot (``data``) holds the same columns as the entity's row, JSON columns as strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model import (
    Closing,
    Footnote,
    Header,
    Report,
    Section,
    body_from_list,
    body_to_list,
)

REPORT_ROW = "report"  # the id of the one row of table ``report``
TABLES = {"section": "sections", "footnote": "footnotes", "report": "report"}


def table_of(entity: str) -> str:
    """The table holding an entity kind (section, footnote, report)."""
    return TABLES[entity]


# -- the model's objects ----------------------------------------------------------------------
def section_content(sec: Section) -> dict:
    """The content columns of a section's row (also its revision snapshot)."""
    return {
        "id": sec.id,
        "kind": sec.kind,
        "parent_id": sec.parent_id,
        "position": float(sec.position),
        "title": sec.title,
        "title_notes": json.dumps(sec.title_notes),
        "body": json.dumps(body_to_list(sec.body), ensure_ascii=False),
        "refs": json.dumps(sec.footnote_refs()),
        "words": sec.word_count(),
    }


def section_from_row(row: dict) -> Section:
    """The section a row of ``sections`` holds, at the row's version."""
    sec = Section(
        id=row["id"],
        title=row["title"],
        body=body_from_list(json.loads(row["body"])),
        parent_id=row["parent_id"],
        position=row["position"],
        kind=row["kind"],
        title_notes=json.loads(row["title_notes"]),
    )
    sec.version = row["version"]
    return sec


def footnote_content(fn: Footnote) -> dict:
    """The content column of a footnote's row (also its revision snapshot)."""
    return {"body": json.dumps(body_to_list(fn.body), ensure_ascii=False)}


def footnote_from_row(row: dict) -> Footnote:
    """The footnote a row of ``footnotes`` holds, at the row's version."""
    return Footnote(row["id"], body_from_list(json.loads(row["body"])), row["version"])


def report_content(report: Report) -> dict:
    """The content columns of the header row: header, closing, format profile."""
    return {
        "header": json.dumps(report.header.to_dict(), ensure_ascii=False),
        "closing": json.dumps(report.closing.to_dict(), ensure_ascii=False),
        "profile": report.profile,
    }


def report_from_row(row: dict) -> Report:
    """A report holding the header row's fields (no sections or footnotes yet)."""
    return Report(
        header=Header.from_dict(json.loads(row["header"])),
        closing=Closing.from_dict(json.loads(row["closing"])),
        profile=row["profile"],
        version=row["version"],
    )


# -- states: one entity's content, whatever its source (row, revision, merge) ------------------
def state_from_row(entity: str, row: dict) -> dict:
    """The state of an entity as its row holds it."""
    if entity == "section":
        return {"kind": row["kind"], "parent_id": row["parent_id"], "position": row["position"],
                "title": row["title"], "title_notes": json.loads(row["title_notes"]),
                "body": json.loads(row["body"]), "deleted": bool(row["deleted"])}
    if entity == "footnote":
        return {"body": json.loads(row["body"]), "deleted": bool(row["deleted"])}
    return {"header": json.loads(row["header"]), "closing": json.loads(row["closing"]),
            "profile": row["profile"], "deleted": False}


def has_content(data: dict) -> bool:
    """Whether a revision snapshot holds content (a deletion or a revival holds none)."""
    return any(k != "merge_parents" for k in data)


def state_from_snapshot(entity: str, data: dict, deleted: bool) -> dict:
    """A state from a revision snapshot (which stores JSON columns as strings)."""
    if entity == "section":
        return {"kind": data.get("kind", "section"), "parent_id": data.get("parent_id"),
                "position": data.get("position", 0.0), "title": data.get("title", ""),
                "title_notes": json.loads(data.get("title_notes", "[]")),
                "body": json.loads(data.get("body", "[]")), "deleted": deleted}
    if entity == "footnote":
        return {"body": json.loads(data.get("body", "[]")), "deleted": deleted}
    return {"header": json.loads(data.get("header", "{}")),
            "closing": json.loads(data.get("closing", "{}")),
            "profile": data.get("profile", ""), "deleted": False}


def section_of_state(entity_id: str, state: dict) -> Section:
    """The section a state describes."""
    return Section(id=entity_id, title=state["title"], body=body_from_list(state["body"]),
                   parent_id=state["parent_id"], position=float(state["position"]),
                   kind=state["kind"], title_notes=list(state["title_notes"]))


def content_of_state(entity: str, entity_id: str, state: dict) -> dict:
    """The row's content columns (and the revision snapshot) of a state."""
    if entity == "section":
        return section_content(section_of_state(entity_id, state))
    if entity == "footnote":
        return {"body": json.dumps(body_to_list(body_from_list(state["body"])),
                                   ensure_ascii=False)}
    return {"header": json.dumps(state["header"], ensure_ascii=False),
            "closing": json.dumps(state["closing"], ensure_ascii=False),
            "profile": state["profile"]}


# -- revisions, conflicts, leases, a whole copy ----------------------------------------------------
REVISION_COLUMNS = ("id", "entity", "entity_id", "parent_id", "version", "author", "at",
                    "deleted", "data")


@dataclass
class Revision:
    """One saved state of a section, footnote or the header (``data``: its snapshot)."""

    id: str
    entity: str
    entity_id: str
    parent_id: str | None
    version: int
    author: str
    at: str
    deleted: bool
    data: dict


def revision_from_row(row) -> Revision:
    """A revision from a row of ``REVISION_COLUMNS`` (a tuple or a dict)."""
    r = dict(zip(REVISION_COLUMNS, row, strict=True)) if not isinstance(row, dict) else row
    return Revision(r["id"], r["entity"], r["entity_id"], r["parent_id"], r["version"],
                    r["author"] or "", r["at"], bool(r["deleted"]), json.loads(r["data"]))


@dataclass
class ConflictRecord:
    """A conflict kept in the file for a person to decide (values decoded from JSON)."""

    id: str
    entity: str
    entity_id: str
    field: str
    mine: object
    theirs: object
    base: object
    source: str
    created_at: str
    resolved: int  # 0 open; 1 mine, 2 theirs, 3 both


def conflict_from_row(row: dict) -> ConflictRecord:
    """A row of ``conflicts`` with its JSON values decoded."""
    def value(text):
        return json.loads(text) if text else None

    return ConflictRecord(row["id"], row["entity"], row["entity_id"], row["field"] or "",
                          value(row["mine"]), value(row["theirs"]), value(row["base"]),
                          row["source"] or "", row["created_at"], int(row["resolved"]))


@dataclass
class Lease:
    """One lease row: ``holder`` (a window) has the file open (``section_id`` empty) or edits a
    section, last renewed at ``heartbeat_at``."""

    holder: str
    section_id: str
    author: str
    host: str
    heartbeat_at: float


@dataclass
class CopyContents:
    """Everything a merge needs from another copy of the report, read in one snapshot."""

    path: Path
    rows: dict[str, list[dict]]  # entity kind → its rows
    revisions: list[tuple]  # rows of ``REVISION_COLUMNS``
    authors: list[tuple]  # (id, name, unit)

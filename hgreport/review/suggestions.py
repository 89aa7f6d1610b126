"""Suggestions: a reviewer's tracked change brought in from Word — a paragraph replaced,
inserted or deleted — kept for the office to accept or reject, one by one or all. Accepting
saves the section (a revision by whoever accepts); a paragraph changed since the review is
not overwritten: :class:`SuggestionOutdated` says to edit it by hand."""

from __future__ import annotations

from dataclasses import dataclass

from ..blockmerge import content_key
from ..merge import reconcile
from ..model import block_from_dict, new_id
from ..storage import ReportStore
from .errors import NoSuchSuggestion, SuggestionOutdated

ACCEPTED, REJECTED = 1, 2


@dataclass
class Suggestion:
    id: str
    section_id: str
    block_id: str
    kind: str  # replace | insert | delete
    base: dict | None  # the paragraph as it was when the review came in
    proposed: dict | None  # what the reviewer proposed (None for a deletion)
    author: str
    at: str
    status: int = 0

    @property
    def text(self) -> str:
        """What the suggestion reads (the proposed paragraph, or the one to delete)."""
        block = self.proposed if self.proposed is not None else self.base
        return block_from_dict(block).text if block else ""

    def to_dict(self) -> dict:
        return {"id": self.id, "section_id": self.section_id, "block_id": self.block_id,
                "kind": self.kind, "author": self.author, "at": self.at, "text": self.text,
                "was": block_from_dict(self.base).text if self.base else "",
                "status": ("open", "accepted", "rejected")[self.status]}


def list_suggestions(store: ReportStore, include_decided: bool = False) -> list[Suggestion]:
    return [Suggestion(r["id"], r["section_id"], r["block_id"], r["kind"], r["base"],
                       r["proposed"], r["author"] or "", r["at"] or "", r["status"])
            for r in store.suggestion_rows(include_decided)]


def _find(store: ReportStore, suggestion_id: str) -> Suggestion:
    found = next((s for s in list_suggestions(store) if s.id == suggestion_id), None)
    if found is None:
        raise NoSuchSuggestion()
    return found


def _known_refs(store: ReportStore, block: dict) -> dict:
    """The block without references to footnotes the file does not have."""
    if "runs" not in block:
        return block
    live = {fid for fid in (r.get("fn") for r in block["runs"] if isinstance(r, dict)) if fid
            and (row := store.entity_row("footnote", fid)) is not None and not row["deleted"]}
    return {**block, "runs": [r for r in block["runs"] if not r.get("fn") or r["fn"] in live]}


def accept(store: ReportStore, suggestion_id: str) -> Suggestion:
    """Apply a suggestion to its paragraph and mark it accepted."""
    with store.transaction():
        s = _find(store, suggestion_id)
        state = store.entity_state("section", s.section_id)
        if state is None or state["deleted"]:
            raise SuggestionOutdated(text=s.text[:80])
        body = list(state["body"])
        at = next((i for i, b in enumerate(body) if b.get("id") == s.block_id), None)
        if s.kind == "insert":
            block = _known_refs(store, {**s.proposed, "id": new_id()})
            body.insert(0 if at is None else at + 1, block)
        else:
            if at is None or s.base is None or content_key(body[at]) != content_key(s.base):
                raise SuggestionOutdated(text=s.text[:80])
            if s.kind == "delete":
                del body[at]
            else:
                body[at] = _known_refs(store, {**s.proposed, "id": s.block_id})
        store.put_state("section", s.section_id, {**state, "body": body})
        reconcile(store)  # a footnote whose reference went with the paragraph goes too
        store.set_suggestion_status(s.id, ACCEPTED)
        s.status = ACCEPTED
    return s


def reject(store: ReportStore, suggestion_id: str) -> Suggestion:
    """Leave the paragraph as it is and mark the suggestion rejected."""
    with store.transaction():
        s = _find(store, suggestion_id)
        store.set_suggestion_status(s.id, REJECTED)
        s.status = REJECTED
    return s


def decide_all(store: ReportStore, accepting: bool) -> tuple[int, list[Suggestion]]:
    """Accept (or reject) every open suggestion; returns how many were decided and those that
    could not be accepted (their paragraph changed since)."""
    done, left = 0, []
    for s in list_suggestions(store):
        try:
            (accept if accepting else reject)(store, s.id)
            done += 1
        except SuggestionOutdated:
            left.append(s)
    return done, left

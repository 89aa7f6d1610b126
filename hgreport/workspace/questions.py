"""Both people changed the same thing: the question to ask, and what each answer makes.

A save that lost the race is combined with the colleague's save (:mod:`hgreport.merge`); where
both changed the same paragraph or field the working copy returns a :class:`Question`. The
window asks it — keep mine, take theirs, keep both (sections only) — and hands the answer back
to :meth:`~hgreport.workspace.Workspace.resolve`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from ..blockmerge import both_paragraphs, differing
from ..merge import FieldConflict, Rebased
from ..model import Block, Section, body_from_list, new_id

MINE, THEIRS, BOTH = "mine", "theirs", "both"


@dataclass(eq=False)
class Question:
    """One thing both people changed. ``kind`` is ``"section"``, ``"footnote"`` or
    ``"header"``; ``what`` names it in words (a section's number and title, a footnote's first
    words, the report's summary); ``deleted``: the colleague deleted the section meanwhile
    (keep mine brings it back)."""

    kind: str
    entity_id: str
    what: str
    conflicts: list[FieldConflict]
    rebased: object  # the combined version (Rebased, RebasedFootnote or RebasedHeader)
    seen: object  # the value it was asked about: an edit since then makes the question stale
    deleted: bool = False

    @property
    def choices(self) -> tuple[str, ...]:
        if self.kind in ("section", "footnote") and not self.deleted:
            return (MINE, THEIRS, BOTH)
        return (MINE, THEIRS)

    def versions(self) -> list[tuple[str, str]]:
        """(mine, theirs) as plain text for every clash; of a body only the paragraphs that
        differ."""
        out = []
        for c in self.conflicts:
            mine, theirs = c.mine, c.theirs
            if c.field == "body":
                mine, theirs = differing(mine, theirs)
            out.append((_as_text(mine), _as_text(theirs)))
        return out


def _as_text(value) -> str:
    if isinstance(value, list) and all(isinstance(p, dict) for p in value):
        return "\n\n".join(p.text for p in body_from_list(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def choose_section(rebased: Rebased, choice: str) -> Section:
    """The combined section with the person's answer where both changed the same thing. "Keep
    both" puts both versions of a paragraph one after the other, both titles, every heading
    note; references a paragraph copy repeats are left to :func:`separate_references`."""
    sec = replace(rebased.section)
    theirs = rebased.theirs
    for c in rebased.conflicts:
        if choice == MINE:
            break
        if c.field == "body":
            body = c.theirs if choice == THEIRS else both_paragraphs(c.mine, c.theirs)
            sec.body = body_from_list(body)
        elif c.field == "title":
            sec.title = c.theirs if choice == THEIRS or not c.mine else (
                c.mine if not c.theirs or c.theirs == c.mine else f"{c.mine} / {c.theirs}")
        elif c.field == "title_notes":
            sec.title_notes = list(c.theirs) if choice == THEIRS else (
                list(c.mine) + [x for x in c.theirs if x not in c.mine])
        elif c.field == "place" and choice == THEIRS and theirs is not None:
            sec.parent_id, sec.position = theirs.parent_id, theirs.position
    return sec


def separate_references(body: list[Block], mine: list[Block],
                        theirs: list[Block]) -> tuple[list[Block], dict[str, str]]:
    """Keep one reference per footnote after "keep both": a footnote referenced more often in
    ``body`` than in either version alone was repeated by a copied paragraph; each reference
    past that count (the later copy, in reading order) gets a new footnote id. Returns the body
    and {new footnote id: the footnote whose text it copies}."""
    allowed = Counter(fid for b in mine for fid in b.footnote_refs())
    for fid, n in Counter(fid for b in theirs for fid in b.footnote_refs()).items():
        allowed[fid] = max(allowed[fid], n)
    seen: Counter[str] = Counter()
    copies: dict[str, str] = {}

    def own(fid: str) -> str:
        seen[fid] += 1
        if seen[fid] <= allowed[fid]:
            return fid
        copy = new_id()
        copies[copy] = fid
        return copy

    out = [b.map_refs(own) if b.footnote_refs() else b for b in body]
    return out, copies

"""Where a footnote's reference stands, and putting it back there or taking it out.

Merging copies can meet a footnote deleted with its reference on one side and rewritten on the
other. The footnote is kept until a person decides, and so is its reference: its *place* — the
section, the paragraph (by block id, by text for data written by 0.1.0) and the number of
characters before it, or its index among the footnotes at a heading — is read from the side
that kept it and written into the conflict, so the decision can put the reference back
(:func:`put_back`) or take it out with the footnote (:func:`take_out`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .model import Block, Cell, Paragraph, Run, Table, block_from_dict, body_from_list, body_to_list
from .storage import ReportStore
from .storage.rows import DamagedRow, state_from_row


def _readable_sections(section_rows: Iterable[dict]) -> Iterable[tuple[str, dict]]:
    """(id, state) of every live section whose row can be read."""
    for row in section_rows:
        if row.get("deleted"):
            continue
        try:
            yield row["id"], state_from_row("section", row)
        except DamagedRow:
            continue


def reference_place(section_rows: Iterable[dict], footnote_id: str) -> dict | None:
    """Where the live sections of ``section_rows`` reference ``footnote_id``: ``{"section",
    "title_note": index}`` at a heading, ``{"section", "block", "text", "offset"}`` in a
    paragraph (``offset``: characters of text before it); None when nowhere (or only in a
    block that is not a paragraph)."""
    for sid, state in _readable_sections(section_rows):
        if footnote_id in state["title_notes"]:
            return {"section": sid, "title_note": state["title_notes"].index(footnote_id)}
        for raw in state["body"]:
            block = block_from_dict(raw)
            if not isinstance(block, Paragraph) or footnote_id not in block.footnote_refs():
                continue
            offset = 0
            for run in block.runs:
                if run.footnote == footnote_id:
                    break
                offset += len(run.text)
            return {"section": sid, "block": block.id, "text": block.text, "offset": offset}
    return None


def is_referenced(store: ReportStore, footnote_id: str) -> bool:
    """Whether a live section references ``footnote_id`` (a damaged one counts by its
    list of references)."""
    return any(footnote_id in s.footnote_refs() for s in store.load_report().all_sections())


def _with_reference(paragraph: Paragraph, footnote_id: str, offset: int) -> Paragraph:
    """The paragraph with a reference to ``footnote_id`` after ``offset`` characters of its
    text (at its end when it is shorter now)."""
    runs: list[Run] = []
    left = max(0, int(offset))
    placed = False
    for run in paragraph.runs:
        if not placed and not run.footnote and left < len(run.text):
            if left:
                runs.append(replace(run, text=run.text[:left]))
            runs.append(Run.ref(footnote_id))
            runs.append(replace(run, text=run.text[left:]))
            placed = True
            continue
        if not placed and not run.footnote:
            left -= len(run.text)
        runs.append(run)
    if not placed:
        runs.append(Run.ref(footnote_id))
    return replace(paragraph, runs=runs)


def put_back(store: ReportStore, footnote_id: str, place: dict | None,
             author: str | None = None) -> bool:
    """Put a reference to ``footnote_id`` back at ``place`` (see :func:`reference_place`) in
    this file; False when that section or paragraph is no longer here (the footnote is then
    left without a reference, for the person to place). Inside the caller's transaction."""
    if not isinstance(place, dict) or not isinstance(place.get("section"), str):
        return False
    row = store.entity_row("section", place["section"])
    if row is None or row["deleted"]:
        return False
    try:
        state = state_from_row("section", row)
    except DamagedRow:
        return False
    if isinstance(place.get("title_note"), int):
        notes = list(state["title_notes"])
        notes.insert(min(max(0, place["title_note"]), len(notes)), footnote_id)
        store.put_state("section", place["section"], {**state, "title_notes": notes},
                        author=author)
        return True
    body = body_from_list(state["body"])
    at = next((i for i, b in enumerate(body) if b.id == place.get("block")), None)
    if at is None:  # written by 0.1.0 (no block ids): the paragraph with the same text
        at = next((i for i, b in enumerate(body)
                   if isinstance(b, Paragraph) and b.text == place.get("text")), None)
    if at is None or not isinstance(body[at], Paragraph):
        return False
    body[at] = _with_reference(body[at], footnote_id, place.get("offset") or 0)
    store.put_state("section", place["section"], {**state, "body": body_to_list(body)},
                    author=author)
    return True


def _without(block: Block, footnote_id: str) -> Block:
    def runs(found: list[Run]) -> list[Run]:
        return [r for r in found if r.footnote != footnote_id]

    if isinstance(block, Paragraph):
        return replace(block, runs=runs(block.runs))
    if isinstance(block, Table):
        return replace(block, caption=runs(block.caption), rows=[
            replace(row, cells=[None if c is None else Cell(
                [replace(p, runs=runs(p.runs)) for p in c.paragraphs], c.row_span, c.col_span)
                for c in row.cells]) for row in block.rows])
    return block  # a kind this version does not know keeps its data as it is


def take_out(store: ReportStore, footnote_id: str, author: str | None = None) -> None:
    """Remove every reference to ``footnote_id`` from the live sections of this file (a
    damaged section is left as it is). Inside the caller's transaction."""
    for sid, state in list(_readable_sections(store.entity_rows("section"))):
        body = body_from_list(state["body"])
        if footnote_id not in state["title_notes"] and not any(
                footnote_id in b.footnote_refs() for b in body):
            continue
        store.put_state("section", sid, {
            **state, "title_notes": [f for f in state["title_notes"] if f != footnote_id],
            "body": body_to_list([_without(b, footnote_id) for b in body])}, author=author)

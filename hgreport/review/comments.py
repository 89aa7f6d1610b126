"""Comments (góp ý): a remark on a range of a paragraph, with its author and time, replies, and
open or resolved. Stored in the report file with revisions like sections
(:mod:`hgreport.storage.reviews`), so they travel with copies, merge by ancestry and survive
moves and history: a comment points at its section and block by id, never at a position in the
tree. The official export never prints them; :mod:`hgreport.review.word_comments` writes them
as Word comments."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Paragraph, Report, new_id
from ..storage import ReportStore
from ..storage.writes import now
from ..text import clean
from .errors import CommentEmpty, CommentPlaceGone, NoSuchComment


@dataclass
class Comment:
    """A comment, or a reply (``parent_id`` its comment's id; ``replies`` empty)."""

    id: str
    section_id: str
    block_id: str
    start: int  # the range commented on, in the paragraph's text (footnote marks left out)
    end: int
    quote: str  # the text of that range when the comment was made
    author: str
    at: str
    text: str
    resolved: bool = False
    parent_id: str | None = None
    version: int = 1
    replies: list[Comment] = field(default_factory=list)

    def to_dict(self, section_title: str = "") -> dict:
        return {"id": self.id, "section": section_title, "section_id": self.section_id,
                "block_id": self.block_id, "quote": self.quote, "author": self.author,
                "at": self.at, "text": self.text, "resolved": self.resolved,
                "replies": [{"id": r.id, "author": r.author, "at": r.at, "text": r.text}
                            for r in self.replies]}

    def state(self, **changes) -> dict:
        out = {"section_id": self.section_id, "block_id": self.block_id,
               "anchor_start": self.start, "anchor_end": self.end, "quote": self.quote,
               "parent_id": self.parent_id, "author": self.author, "created_at": self.at,
               "text": self.text, "resolved": self.resolved, "deleted": False}
        out.update(changes)
        return out


def _from_row(r: dict) -> Comment:
    return Comment(r["id"], r["section_id"], r["block_id"], r["anchor_start"], r["anchor_end"],
                   r["quote"], r["author"], r["created_at"], r["text"], r["resolved"],
                   r["parent_id"], r["version"])


def _text(text: str) -> str:
    text = clean(text or "").strip()
    if not text:
        raise CommentEmpty()
    return text


def add_comment(store: ReportStore, section_id: str, block_id: str, start: int, end: int,
                text: str, author: str | None = None) -> Comment:
    """Comment on ``start:end`` of the paragraph ``block_id`` of the section ``section_id`` as
    it is stored now. Raises :class:`CommentEmpty`, :class:`CommentPlaceGone`."""
    text = _text(text)
    try:
        section = store.load_section(section_id)
    except Exception:
        raise CommentPlaceGone() from None
    block = next((b for b in section.body if b.id == block_id), None)
    if block is None:
        raise CommentPlaceGone()
    plain = block.text
    start = max(0, min(start, len(plain)))
    end = max(start, min(end, len(plain)))
    comment = Comment(new_id(), section_id, block_id, start, end, plain[start:end],
                      store.author if author is None else author, now(), text)
    store.add_comment(comment.id, comment.state(), author=comment.author)
    return comment


def _load(store: ReportStore, comment_id: str) -> Comment:
    row = store.entity_row("comment", comment_id)
    if row is None or row["deleted"]:
        raise NoSuchComment()
    return _from_row({**store.entity_state("comment", comment_id), "id": comment_id,
                      "version": row["version"]})


def reply(store: ReportStore, comment_id: str, text: str,
          author: str | None = None) -> Comment:
    """Answer a comment (a reply to a reply answers its comment)."""
    text = _text(text)
    parent = _load(store, comment_id)
    root = _load(store, parent.parent_id) if parent.parent_id else parent
    answer = Comment(new_id(), root.section_id, root.block_id, root.start, root.end, root.quote,
                     store.author if author is None else author, now(), text,
                     parent_id=root.id)
    store.add_comment(answer.id, answer.state(), author=answer.author)
    return answer


def set_resolved(store: ReportStore, comment_id: str, resolved: bool = True) -> Comment:
    """Mark a comment resolved (or open again)."""
    comment = _load(store, comment_id)
    if comment.resolved != resolved:
        comment.version = store.save_comment(comment_id, comment.state(resolved=resolved),
                                             comment.version)
        comment.resolved = resolved
    return comment


def delete_comment(store: ReportStore, comment_id: str) -> None:
    """Remove a comment and its replies (tombstones, as everything in the file)."""
    comment = _load(store, comment_id)
    with store.transaction():
        for r in store.comment_rows(comment.section_id):
            if r["parent_id"] == comment_id:
                store.save_comment(r["id"], {**_from_row(r).state(), "deleted": True},
                                   r["version"])
        store.save_comment(comment_id, comment.state(deleted=True), comment.version)


def document_order(report: Report) -> dict[tuple[str, str], int]:
    """(section id, block id) → place in reading order; a section's key with an empty block
    id comes before its blocks."""
    order: dict[tuple[str, str], int] = {}
    for sec in report.all_sections():
        order[(sec.id, "")] = len(order)
        for block in sec.body:
            order[(sec.id, block.id)] = len(order)
    return order


def list_comments(store: ReportStore, report: Report | None = None, *,
                  section_id: str | None = None, author: str | None = None,
                  open_only: bool = False) -> list[Comment]:
    """The comments (replies under them) in reading order, filtered by section, author (of
    the comment or a reply) and open/resolved. A comment whose paragraph is gone stays, at
    the start of its section; one whose section is deleted comes last."""
    with store.reading():
        found = [_from_row(r) for r in store.comment_rows(section_id)]
        report = report or store.load_report()
    roots = {c.id: c for c in found if not c.parent_id}
    for c in found:
        if c.parent_id in roots:
            roots[c.parent_id].replies.append(c)
    order = document_order(report)
    last = len(order)

    def place(c: Comment) -> tuple:
        spot = order.get((c.section_id, c.block_id))
        if spot is None:
            heading = order.get((c.section_id, ""))
            spot = last if heading is None else heading + 0.5
        return (spot, c.start, c.at)

    out = []
    for c in sorted(roots.values(), key=place):
        if open_only and c.resolved:
            continue
        if author and author != c.author and all(r.author != author for r in c.replies):
            continue
        out.append(c)
    return out


def anchor_in(paragraph: Paragraph, comment: Comment) -> tuple[int, int]:
    """Where the comment's range is in the paragraph's text today: where it was if the quote
    is still there, else where the quote moved, else the range clipped to the text."""
    plain = paragraph.text
    if plain[comment.start:comment.end] == comment.quote:
        return comment.start, comment.end
    if comment.quote:
        at = plain.find(comment.quote)
        if at >= 0:
            return at, at + len(comment.quote)
    end = min(comment.end, len(plain))
    return min(comment.start, end), end


def comments_summary(store: ReportStore, report: Report) -> list[dict]:
    """The ``"comments"`` of ``info --json``: id, section (its title), author, text, resolved,
    with the quote and the replies."""
    titles = {s.id: s.title or s.kind for s in report.all_sections()}
    return [c.to_dict(titles.get(c.section_id, "")) for c in list_comments(store, report)]

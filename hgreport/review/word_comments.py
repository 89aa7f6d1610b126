"""The export with comments (``hgreport export --comments``): the official document, plus the
report's comments as Word comments — a ``comments.xml`` part, and around the text commented on
``w:commentRangeStart`` / ``w:commentRangeEnd`` with a ``w:commentReference`` run. Replies
follow their comment on the same range; a resolved comment says so at the start of its text.
The official export itself (:func:`hgreport.export.export_docx`) never carries comments."""

from __future__ import annotations

from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ..export import check_target, save_document
from ..export import ooxml as x
from ..export.docx_writer import BodyBuilder
from ..export.footnotes import add_footnotes_part, footnotes_xml
from ..export.package import add_page_numbers, new_document, set_custom_properties, set_properties
from ..export.styles import BODY_STYLE
from ..i18n import pick
from ..model import Block, Paragraph, Report, Run, Table
from ..resources import load_profile
from ..storage import ReportStore
from .comments import Comment, anchor_in, list_comments
from .compare import word_date
from .drafts import export_stamp

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_TEXT = {"resolved": ("[Đã giải quyết] ", "[Resolved] ")}


def _split(runs: list[Run], cuts: set[int]) -> list[tuple[int, Run]]:
    """The runs cut at the text offsets ``cuts``, each with the offset it starts at."""
    out: list[tuple[int, Run]] = []
    at = 0
    for r in runs:
        if r.footnote or not r.text:
            out.append((at, r))
            continue
        inner = sorted(c - at for c in cuts if at < c < at + len(r.text))
        pieces = [0, *inner, len(r.text)]
        for a, b in zip(pieces, pieces[1:], strict=False):
            out.append((at + a, Run(r.text[a:b], list(r.marks))))
        at += len(r.text)
    return out


def runs_with_comments(runs: list[Run], anchors: list[tuple[int, int, int]], ref) -> str:
    """Runs as XML with comment ranges: ``anchors`` (Word comment id, start, end)."""
    cuts = {a for _, s, e in anchors for a in (s, e)}
    pieces = _split(runs, cuts)
    total = sum(len(r.text) for r in runs if not r.footnote)
    out = []

    def marks_at(offset: int) -> None:
        out.extend(f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/>'
                   "</w:r>" for cid, s, e in anchors if e == offset and s != e)
        out.extend(f'<w:commentRangeStart w:id="{cid}"/>' for cid, s, _ in anchors
                   if s == offset)
        out.extend(f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/>'
                   "</w:r>" for cid, s, e in anchors if e == offset and s == e)

    done: set[int] = set()
    for at, r in pieces:
        if at not in done and not r.footnote:
            marks_at(at)
            done.add(at)
        out.append(x.runs_xml([r], ref))
    if total not in done:
        marks_at(total)
    return "".join(out)


class CommentedBuilder(BodyBuilder):
    """The official body, with the comments' ranges and references in their paragraphs."""

    def __init__(self, report: Report, profile, anchors: dict[str, list[tuple[int, int, int]]]):
        super().__init__(report, profile)
        self.anchors = anchors

    def body(self, paragraphs: list[Block], keep_last: bool = False) -> None:
        last = len(paragraphs) - 1
        for i, p in enumerate(paragraphs):
            keep = keep_last and i == last
            if isinstance(p, Table) or p.id not in self.anchors:
                super().body([p], keep)
                continue
            props = x.ppr(style=BODY_STYLE, keep_next=keep, page_break=p.page_break_before,
                          first_line=0 if p.align in ("center", "right") else None,
                          jc=x.JC.get(p.align) if p.align else None)
            self.parts.append(x.paragraph(props, runs_with_comments(
                p.runs, self.anchors[p.id], self.ref)))


def _comment_xml(cid: int, c: Comment, lang: str | None) -> str:
    prefix = pick(_TEXT, "resolved", lang) if c.resolved else ""
    initials = "".join(w[0] for w in c.author.split() if w)[:8]
    paragraphs = "".join(x.paragraph("", x.text_run(line)) for line in
                         (prefix + c.text).split("\n"))
    return (f'<w:comment w:id="{cid}" w:author="{x.esc_attr(c.author or "?")}" '
            f'w:date="{word_date(c.at)}" w:initials="{x.esc_attr(initials)}">{paragraphs}'
            "</w:comment>")


def build_with_comments(report: Report, comments: list[Comment], lang: str | None = None):
    """The official document of ``report`` with ``comments`` (those whose paragraph is gone
    are left out) as Word comments; returns the document and how many comments it holds."""
    from docx.oxml.parser import parse_xml

    profile = load_profile(report.profile)
    paragraphs = {b.id: b for s in report.all_sections() for b in s.body
                  if isinstance(b, Paragraph)}
    anchors: dict[str, list[tuple[int, int, int]]] = {}
    notes: list[str] = []
    for c in comments:
        para = paragraphs.get(c.block_id)
        if para is None:
            continue
        start, end = anchor_in(para, c)
        for item in [c, *c.replies]:
            cid = len(notes)
            notes.append(_comment_xml(cid, item, lang))
            anchors.setdefault(para.id, []).append((cid, start, end))
    builder = CommentedBuilder(report, profile, anchors)
    tables = any(isinstance(b, Table) for s in report.all_sections() for b in s.body)
    document = new_document(profile, max([n.level for n in builder.nodes] + [4]), tables)
    root = document.element
    root.replace(root.body, parse_xml(builder.build()))
    add_page_numbers(document, profile)
    add_footnotes_part(document.part, footnotes_xml(builder.footnotes()))
    set_properties(document, report.header)
    if notes:
        xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f"<w:comments {x.NSDECL}>{''.join(notes)}</w:comments>")
        part = Part(PackURI("/word/comments.xml"), CT_COMMENTS, xml.encode("utf-8"),
                    document.part.package)
        document.part.relate_to(part, RT.COMMENTS)
    return document, len(notes)


def export_with_comments(store: ReportStore, path: str | Path, *, open_only: bool = False,
                         lang: str | None = None) -> tuple[Path, int]:
    """Write the official document with the report's comments as Word comments."""
    target = Path(path)
    check_target(target)
    with store.reading():
        report = store.load_report()
        comments = list_comments(store, report, open_only=open_only)
        stamp = export_stamp(store)
    document, count = build_with_comments(report, comments, lang)
    set_custom_properties(document, stamp)

    return save_document(document, target), count

"""The compare export: today's report as a Word file whose tracked changes (``w:ins`` /
``w:del``, with the author and time of the revisions that made them) show what changed since a
named draft — section by section, paragraph by paragraph, word by word; new and deleted
sections, footnotes added, removed or edited, and tables (rows inserted and deleted, cells word
by word: :mod:`hgreport.review.compare_tables`) included. Reviewers open it in Word and see
exactly what changed since the last round; accepting every change gives today's text,
rejecting every change the draft's.

The official export (:func:`hgreport.export.export_docx`) is untouched: this is a builder of
its own over the same body builder."""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

from ..blockmerge import ADDED, CHANGED, REMOVED, align
from ..export import check_target, save_document
from ..export import ooxml as x
from ..export.docx_writer import BodyBuilder
from ..export.footnotes import _MARK, FOOTNOTE_TEXT_STYLE, SEPARATORS, add_footnotes_part
from ..export.package import add_page_numbers, new_document, set_custom_properties, set_properties
from ..export.styles import BODY_STYLE, heading_style
from ..layout import Profile
from ..layout.text import upper
from ..model import Block, Footnote, Paragraph, Report, Run, Section, Table, body_to_list
from ..resources import load_profile
from ..storage import ReportStore
from .compare_tables import TableMarker
from .drafts import STAMP_PREFIX, draft_report, export_stamp, find_draft

# words and the spaces between them; a number written in groups ("1 250", "12.500,5") is one
_WORDS = re.compile(r"\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\s+|\S+")
Who = tuple[str, str]  # (author, w:date)


def word_date(at: str | None) -> str:
    """A stored time stamp as Word's ``w:date`` (ISO 8601, seconds, UTC)."""
    return (at or "2000-01-01T00:00:00")[:19] + "Z"


def _tokens(runs: list[Run]) -> list[tuple]:
    """A paragraph's runs as words, spaces and footnote references, each with its marks."""
    out: list[tuple] = []
    for r in runs:
        if r.footnote:
            out.append(("", (), r.footnote))
        elif r.text:
            marks = tuple(sorted(r.marks))
            out.extend((w, marks, None) for w in _WORDS.findall(r.text))
    return out


def _runs(tokens: list[tuple]) -> list[Run]:
    out: list[Run] = []
    for text, marks, fn in tokens:
        if fn:
            out.append(Run.ref(fn))
        elif out and not out[-1].footnote and tuple(sorted(out[-1].marks)) == marks:
            out[-1] = Run(out[-1].text + text, list(out[-1].marks))
        else:
            out.append(Run.of(text, *marks))
    return out


def word_diff(old: list[Run], new: list[Run]) -> list[tuple[str, list[Run]]]:
    """(same | ins | del, runs) pieces that turn ``old`` into ``new`` word by word."""
    a, b = _tokens(old), _tokens(new)
    # most edits touch a few words: what both share at the start and the end is left out of
    # the matcher, which is quadratic in what remains
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    out: list[tuple[str, list[Run]]] = [("same", _runs(b[:head]))] if head else []
    mid_a, mid_b = a[head:len(a) - tail], b[head:len(b) - tail]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, mid_a, mid_b,
                                               autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("same", _runs(mid_b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("del", _runs(mid_a[i1:i2])))
        if j2 > j1:
            out.append(("ins", _runs(mid_b[j1:j2])))
    if tail:
        out.append(("same", _runs(b[len(b) - tail:])))
    return out


class TrackedMarks:
    """``w:ins`` / ``w:del`` wrappers with ids unique in the document."""

    def __init__(self) -> None:
        self.next_id = 1
        self.count = {"ins": 0, "del": 0}

    def attrs(self, who: Who) -> str:
        self.next_id += 1
        return (f'w:id="{self.next_id}" w:author="{x.esc_attr(who[0] or "?")}" '
                f'w:date="{who[1]}"')

    def wrap(self, kind: str, content: str, who: Who) -> str:
        if not content:
            return ""
        self.count[kind] += 1
        if kind == "del":
            content = content.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
        return f"<w:{kind} {self.attrs(who)}>{content}</w:{kind}>"

    def mark(self, kind: str, who: Who) -> str:
        """The paragraph mark inserted or deleted (goes into ``w:pPr/w:rPr``)."""
        return f"<w:rPr><w:{kind} {self.attrs(who)}/></w:rPr>"


def _diff_xml(marks: TrackedMarks, old: list[Run], new: list[Run], who: Who,
              ref: Callable[[str], str], old_ref: Callable[[str], str]) -> str:
    out = []
    for kind, runs in word_diff(old, new):
        if kind == "same":
            out.append(x.runs_xml(runs, ref))
        elif kind == "ins":
            out.append(marks.wrap("ins", x.runs_xml(runs, ref), who))
        else:
            out.append(marks.wrap("del", x.runs_xml(runs, old_ref), who))
    return "".join(out)


class CompareBuilder(BodyBuilder):
    """The body of today's report with tracked changes against ``then`` (the draft)."""

    def __init__(self, report: Report, profile: Profile, then: Report,
                 who: dict[str, Who]):
        super().__init__(report, profile)
        self.then = then
        self.who = who
        self.marks = TrackedMarks()
        self.then_nodes = {n.section.id: n for n in self._walk(then)}
        self.extra_notes: dict[str, int] = {}  # footnotes only the draft has → their note id

    def _walk(self, report: Report):
        from ..model import walk_tree

        return list(walk_tree(report.tree(self.numbering)))

    def _who(self, entity_id: str) -> Who:
        return self.who.get(entity_id, ("?", word_date(None)))

    # -- footnote references of the draft that today's text no longer has ---------------------
    def old_ref(self, footnote_id: str) -> str:
        if footnote_id in self.numbers:  # still referenced today: the real mark stays there
            return x.footnote_number_text(self.numbers[footnote_id])
        if footnote_id not in self.extra_notes:
            self.extra_notes[footnote_id] = len(self.numbers) + len(self.extra_notes) + 1
            return x.footnote_reference(self.extra_notes[footnote_id])
        return x.footnote_number_text(self.extra_notes[footnote_id])

    # -- blocks ---------------------------------------------------------------------------
    def _props(self, p: Paragraph, mark: str = "", keep: bool = False) -> str:
        props = x.ppr(style=BODY_STYLE, keep_next=keep, page_break=p.page_break_before,
                      first_line=0 if p.align in ("center", "right") else None,
                      jc=x.JC.get(p.align) if p.align else None, run_props=mark)
        return props

    def compared_body(self, old: list[Block], new: list[Block], who: Who,
                      keep_last: bool = False) -> None:
        """The blocks of one section, each marked as inserted, deleted or changed."""
        rows = align(body_to_list(old), body_to_list(new))
        last = len(rows) - 1
        for i, (state, oi, ni) in enumerate(rows):
            keep = keep_last and i == last
            before = old[oi] if oi is not None else None
            after = new[ni] if ni is not None else None
            if isinstance(after, Table) or isinstance(before, Table):
                self._compared_blocks(state, before, after, who, keep)
                continue
            self._compared_paragraph(state, before, after, who, keep)

    def _compared_blocks(self, state: str, before: Block | None, after: Block | None, who: Who,
                         keep: bool) -> None:
        """A table changed, added or removed; or a paragraph that took a table's place."""
        old_t = before if isinstance(before, Table) and state != ADDED else None
        new_t = after if isinstance(after, Table) and state != REMOVED else None
        if isinstance(before, Paragraph) and state != ADDED:
            self._compared_paragraph(REMOVED, before, None, who, keep)
        parts = TableMarker(self.profile, self.marks, who, self.ref, self.old_ref,
                            lambda a, b: _diff_xml(self.marks, a, b, who, self.ref,
                                                   self.old_ref)).compared(old_t, new_t)
        if parts and not parts[0].startswith("<w:p>"):  # no caption: Word joins tables
            self._after_table()
        self.parts.extend(parts)
        if isinstance(after, Paragraph) and state != REMOVED:
            self._compared_paragraph(ADDED, None, after, who, keep)

    def _compared_paragraph(self, state: str, before: Paragraph | None,
                            after: Paragraph | None, who: Who, keep: bool) -> None:
        if state == ADDED:
            self.parts.append(x.paragraph(
                self._props(after, self.marks.mark("ins", who), keep),
                self.marks.wrap("ins", x.runs_xml(after.runs, self.ref), who)))
        elif state == REMOVED:
            self.parts.append(x.paragraph(
                self._props(before, self.marks.mark("del", who), keep),
                self.marks.wrap("del", x.runs_xml(before.runs, self.old_ref), who)))
        elif state == CHANGED:
            self.parts.append(x.paragraph(
                self._props(after, keep=keep),
                _diff_xml(self.marks, before.runs, after.runs, who, self.ref, self.old_ref)))
        else:
            self.parts.append(x.paragraph(self._props(after, keep=keep),
                                          x.runs_xml(after.runs, self.ref)))

    def compared_heading(self, section: Section | None, level: int, number: str,
                         old: tuple[Section, int, str] | None) -> None:
        """A heading: its number and title, with the old ones struck through where they
        changed; ``section`` None for a section the draft had and today's report has not."""
        def text(sec: Section, lvl: int, num: str) -> str:
            title = upper(sec.title) if self.numbering.level_style(lvl).caps else sec.title
            return f"{num} {title}" if num and title else (num or title)

        sid = section.id if section is not None else old[0].id
        who = self._who(sid)
        style = f'<w:pStyle w:val="{heading_style(level if section else old[1])}"/>'
        if section is None:
            sec, lvl, num = old
            body = self.marks.wrap("del", x.text_run(text(sec, lvl, num)) + "".join(
                self.old_ref(f) for f in sec.title_notes), who)
            mark = self.marks.mark("del", who)
        elif old is None:
            body = self.marks.wrap("ins", x.text_run(text(section, level, number)) + "".join(
                self.ref(f) for f in section.title_notes), who)
            mark = self.marks.mark("ins", who)
        else:
            before = [Run(text(*old))] + [Run.ref(f) for f in old[0].title_notes]
            after = [Run(text(section, level, number))] + [Run.ref(f)
                                                           for f in section.title_notes]
            body = _diff_xml(self.marks, before, after, who, self.ref, self.old_ref)
            mark = ""
        self.parts.append(f"<w:p><w:pPr>{style}{mark}</w:pPr>{body}</w:p>")

    def removed_section(self, sid: str) -> None:
        node = self.then_nodes[sid]
        self.compared_heading(None, node.level, "", (node.section, node.level, node.number))
        self.compared_body(node.section.body, [], self._who(sid))

    # -- the whole body -------------------------------------------------------------------
    def build(self, progress=None, extra_steps: int = 0) -> str:
        report, then = self.report, self.then
        self.columns(self.plan.header)
        self.parts.extend(_item for _item in self._title())
        if report.intro.title:
            self.heading(report.intro, 1, "")
        self.compared_body(then.intro.body, report.intro.body, self._who(report.intro.id))
        today = {n.section.id for n in self.nodes}
        gone = [sid for sid in self.then_nodes if sid not in today]
        # a deleted section is shown after the section that preceded it in the draft
        after: dict[str | None, list[str]] = {}
        order = list(self.then_nodes)
        for sid in gone:
            at = order.index(sid)
            anchor = next((order[k] for k in range(at - 1, -1, -1) if order[k] in today), None)
            after.setdefault(anchor, []).append(sid)
        for sid in after.get(None, []):
            self.removed_section(sid)
        for node in self.nodes:
            sec = node.section
            was = self.then_nodes.get(sec.id)
            self.compared_heading(sec, node.level, node.number,
                                  (was.section, was.level, was.number) if was else None)
            self.compared_body(was.section.body if was else [], sec.body, self._who(sec.id))
            for sid in after.get(sec.id, []):
                self.removed_section(sid)
        if report.ending.title:
            self.heading(report.ending, 1, "")
        self.compared_body(then.ending.body, report.ending.body, self._who(report.ending.id),
                           keep_last=True)
        self.closing()
        self.section_properties()
        return f"<w:body {x.NSDECL}>{''.join(self.parts)}</w:body>"

    def _title(self) -> list[str]:
        from ..export.docx_writer import item_xml

        return [item_xml(item) for item in self.plan.title]

    # -- footnotes ------------------------------------------------------------------------
    def footnotes_part(self) -> str:
        """Footnotes with their changes: a footnote edited since the draft shows its words
        inserted and deleted; one whose reference was removed keeps its old text, deleted."""
        notes = []
        for fid, number in self.numbers.items():
            now_note = self.report.footnotes.get(fid)
            old_note = self.then.footnotes.get(fid)
            notes.append(self._note(number, fid, old_note, now_note))
        for fid, number in self.extra_notes.items():
            notes.append(self._note(number, fid, self.then.footnotes.get(fid), None))
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f"<w:footnotes {x.NSDECL}>{SEPARATORS}{''.join(notes)}</w:footnotes>")

    def _note(self, number: int, fid: str, old: Footnote | None, new: Footnote | None) -> str:
        who = self._who(fid)
        old_body = list(old.body) if old else []
        new_body = list(new.body) if new else []
        rows = align(body_to_list(old_body), body_to_list(new_body)) or [("same", None, None)]
        none = lambda _f: ""  # noqa: E731 - no footnote inside a footnote
        out = [f'<w:footnote w:id="{number}">']
        for i, (state, oi, ni) in enumerate(rows):
            before = old_body[oi] if oi is not None else Paragraph()
            after = new_body[ni] if ni is not None else Paragraph()
            base = before if state == REMOVED else after
            jc = f'<w:jc w:val="{x.JC[base.align]}"/>' if base.align else ""
            mark = ""
            if state == ADDED or (new is None and state != REMOVED):
                mark = self.marks.mark("ins" if new is not None else "del", who)
            elif state == REMOVED:
                mark = self.marks.mark("del", who)
            props = f'<w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT_STYLE}"/>{jc}{mark}</w:pPr>'
            if new is None or state == REMOVED:
                content = self.marks.wrap("del", x.runs_xml(before.runs, none), who)
            elif state == ADDED:
                content = self.marks.wrap("ins", x.runs_xml(after.runs, none), who)
            elif state == CHANGED:
                content = _diff_xml(self.marks, before.runs, after.runs, who, none, none)
            else:
                content = x.runs_xml(after.runs, none)
            out.append(x.paragraph(props, (_MARK if i == 0 else "") + content))
        out.append("</w:footnote>")
        return "".join(out)


def build_compare_document(report: Report, then: Report, who: dict[str, Who],
                           profile: Profile | None = None):
    """The python-docx document of ``report`` with tracked changes against ``then``, and the
    counts of insertions and deletions."""
    from docx.oxml.parser import parse_xml

    profile = profile or load_profile(report.profile)
    builder = CompareBuilder(report, profile, then, who)
    levels = [n.level for n in builder.nodes] + [n.level for n in builder.then_nodes.values()]
    tables = any(isinstance(b, Table) for s in report.all_sections() for b in s.body)
    document = new_document(profile, max(levels + [4]), tables)
    body = parse_xml(builder.build())
    root = document.element
    root.replace(root.body, body)
    add_page_numbers(document, profile)
    add_footnotes_part(document.part, builder.footnotes_part())
    set_properties(document, report.header)
    return document, dict(builder.marks.count)


def _authors(store: ReportStore) -> dict[str, Who]:
    """Entity id → (author, date) of its current revision."""
    who: dict[str, Who] = {}
    for entity in ("section", "footnote"):
        for row in store.entity_rows(entity):
            who[row["id"]] = (row["updated_by"] or "", word_date(row["updated_at"]))
    return who


def _draft_authors(store: ReportStore, revisions: dict[str, tuple[str, str]]) -> dict[str, Who]:
    """Entity id → (author, date) of its revision in a draft."""
    found = store.revisions_by_id([rev for _, rev in revisions.values()])
    return {eid: (found[rev].author or "", word_date(found[rev].at))
            for eid, (_kind, rev) in revisions.items() if rev in found}


def export_compare(store: ReportStore, draft: str, path: str | Path,
                   newer: str | None = None) -> tuple[Path, dict]:
    """Write today's report (or the draft ``newer``) to ``path`` with tracked changes against
    the draft ``draft``; returns the path and the counts of insertions and deletions. Raises
    :class:`~hgreport.review.errors.NoSuchDraft` and the export's errors."""
    target = Path(path)
    check_target(target)
    with store.reading():
        find_draft(store, draft)
        then = draft_report(store, draft)
        if newer:
            record = find_draft(store, newer)
            report = draft_report(store, newer)
            who = _draft_authors(store, record.revisions)
            stamp = export_stamp(store, newer)
        else:
            report = store.load_report()
            who = _authors(store)
            stamp = export_stamp(store)
    stamp[STAMP_PREFIX + "compare"] = draft
    document, counts = build_compare_document(report, then, who)
    set_custom_properties(document, stamp)

    return save_document(document, target), counts

"""Footnote operations the editor and the manager need: rows in document order with their
context, filtering, copying text that holds references, and the fixes for broken footnotes.

Invariant (design/architecture.md): exactly one reference per footnote in the live document.
What breaks it is reported as a :class:`FootnoteRow` problem with a fix, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import Body, Footnote, Paragraph, Report, Run, Section, new_id, walk_tree
from .numbering import Numbering
from .text import fold

OK = ""
MISSING_TEXT = "missing"  # a reference whose footnote does not exist
ORPHAN = "orphan"  # a footnote no reference points to
DUPLICATE = "duplicate"  # a second reference to a footnote that already has one


@dataclass(frozen=True)
class FootnoteRow:
    """One line of the footnote manager."""

    footnote_id: str
    number: int | None  # None for a footnote without a reference
    section_id: str | None
    section_label: str
    context: str  # the words around the reference, the reference shown as "▲"
    text: str
    problem: str = OK


def _context(paragraph: Paragraph, run_index: int, words: int = 6) -> str:
    before = " ".join("".join(r.text for r in paragraph.runs[:run_index]).split()[-words:])
    after = " ".join("".join(r.text for r in paragraph.runs[run_index + 1:]).split()[:words])
    return f"…{before}▲{after}…"


def _section_labels(report: Report, numbering: Numbering, intro: str, ending: str) -> dict:
    labels = {n.section.id: f"{n.number} {n.section.title}".strip()
              for n in walk_tree(report.tree(numbering))}
    labels[report.intro.id] = intro
    labels[report.ending.id] = ending
    return labels


def footnote_rows(report: Report, numbering: Numbering, intro_label: str = "Mở đầu",
                  ending_label: str = "Phần kết") -> list[FootnoteRow]:
    """Every footnote and reference in document order; footnotes without a reference last."""
    labels = _section_labels(report, numbering, intro_label, ending_label)
    numbers = report.footnote_numbers()
    rows: list[FootnoteRow] = []
    seen: set[str] = set()
    for sec in report.all_sections():
        places: list[tuple[str, str]] = [(fid, f"{sec.title}▲") for fid in sec.title_notes]
        for p in sec.body:
            places += [(r.footnote, _context(p, i)) for i, r in enumerate(p.runs) if r.footnote]
        for fid, context in places:
            fn = report.footnotes.get(fid)
            problem = DUPLICATE if fid in seen else (MISSING_TEXT if fn is None else OK)
            seen.add(fid)
            rows.append(FootnoteRow(fid, numbers[fid], sec.id, labels.get(sec.id, ""), context,
                                    fn.plain_text if fn else "", problem))
    for fid, fn in report.footnotes.items():
        if fid not in seen:
            rows.append(FootnoteRow(fid, None, None, "", "", fn.plain_text, ORPHAN))
    return rows


def filter_rows(rows: list[FootnoteRow], words: str) -> list[FootnoteRow]:
    """Rows whose text, context or section holds every word, ignoring diacritics."""
    terms = fold(words).split()
    if not terms:
        return rows
    out = []
    for r in rows:
        hay = fold(f"{r.text} {r.context} {r.section_label}")
        if all(t in hay for t in terms):
            out.append(r)
    return out


def clone_with_new_footnotes(body: Body, footnotes: dict[str, Footnote]
                             ) -> tuple[Body, list[Footnote]]:
    """Copy of ``body`` in which every reference points to a new footnote holding a copy of
    the original's text (what Word does when text with footnotes is copied and pasted).
    A reference whose footnote is unknown gets an empty new footnote."""
    new_notes: list[Footnote] = []
    out: Body = []
    for p in body:
        runs = []
        for r in p.runs:
            if r.footnote:
                old = footnotes.get(r.footnote)
                fn = Footnote(new_id(), [replace(q, runs=list(q.runs)) for q in old.body]
                              if old else [])
                new_notes.append(fn)
                runs.append(Run.ref(fn.id))
            else:
                runs.append(r)
        out.append(Paragraph(runs, p.align, p.page_break_before))
    return out, new_notes


def remove_reference(section: Section, footnote_id: str, occurrence: int = 0) -> bool:
    """Remove the ``occurrence``-th reference to ``footnote_id`` from a section (title notes
    count first). Returns whether one was removed."""
    seen = 0
    for i, fid in enumerate(section.title_notes):
        if fid == footnote_id:
            if seen == occurrence:
                del section.title_notes[i]
                return True
            seen += 1
    for p in section.body:
        for i, r in enumerate(p.runs):
            if r.footnote == footnote_id:
                if seen == occurrence:
                    del p.runs[i]
                    p.runs[:] = p.normalized().runs
                    return True
                seen += 1
    return False


def insert_reference(section: Section, paragraph_index: int, offset: int, footnote_id: str) -> None:
    """Put a reference to ``footnote_id`` at character ``offset`` of a paragraph (the end of
    the body when the paragraph does not exist)."""
    if not section.body:
        section.body.append(Paragraph())
    if not 0 <= paragraph_index < len(section.body):
        paragraph_index, offset = len(section.body) - 1, 10**9
    p = section.body[paragraph_index]
    runs: list[Run] = []
    pos = 0
    placed = False
    for r in p.runs:
        length = len(r.text)
        if not placed and not r.footnote and pos <= offset < pos + length:
            cut = offset - pos
            if cut:
                runs.append(Run(r.text[:cut], r.marks))
            runs.append(Run.ref(footnote_id))
            runs.append(Run(r.text[cut:], r.marks))
            placed = True
        else:
            runs.append(r)
        pos += length
    if not placed:
        runs.append(Run.ref(footnote_id))
    p.runs[:] = runs


def fix_duplicates(report: Report) -> tuple[list[Section], list[Footnote]]:
    """Give every second (third …) reference to one footnote its own copy of the text, as a
    new footnote. Returns the sections changed and the new footnotes (to be saved)."""
    seen: set[str] = set()
    changed: list[Section] = []
    created: list[Footnote] = []

    def fresh(fid: str) -> str:
        (_, (fn,)) = clone_with_new_footnotes([Paragraph([Run.ref(fid)])], report.footnotes)
        created.append(fn)
        report.footnotes[fn.id] = fn
        return fn.id

    for sec in report.all_sections():
        touched = False
        for i, fid in enumerate(sec.title_notes):
            if fid in seen:
                sec.title_notes[i] = fresh(fid)
                touched = True
            seen.add(fid)
        for p in sec.body:
            for i, r in enumerate(p.runs):
                if r.footnote:
                    if r.footnote in seen:
                        p.runs[i] = Run.ref(fresh(r.footnote))
                        touched = True
                    seen.add(r.footnote)
        if touched:
            changed.append(sec)
    return changed, created

"""Problems a report can have (missing footnotes, empty sections, no number …), never crashes."""

from __future__ import annotations

from dataclasses import dataclass

from .i18n import message
from .model import Report, walk_tree
from .numbering import Numbering


@dataclass(frozen=True)
class Problem:
    key: str
    args: tuple[tuple[str, object], ...] = ()
    section_id: str | None = None
    footnote_id: str | None = None

    def message(self, lang: str | None = None) -> str:
        return message(self.key, lang, **dict(self.args))


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def find_problems(report: Report, numbering: Numbering, *, content: bool = True) -> list[Problem]:
    """Every problem of the report, in document order. ``content=False`` checks only the
    footnote invariants (what ``hgreport check`` fails on)."""
    problems: list[Problem] = []
    numbers = report.footnote_numbers()
    titles = {n.section.id: (n.number, n.section.title)
              for n in walk_tree(report.tree(numbering))}
    refs = report.check_references()
    for fid, sid in refs.missing:
        title = titles.get(sid, ("", ""))[1] or sid
        problems.append(Problem("problem_missing_footnote",
                                (("section", title), ("number", numbers[fid])), sid, fid))
    for fid, count in refs.duplicates:
        problems.append(Problem("problem_duplicate_reference",
                                (("number", numbers[fid]), ("count", count)), None, fid))
    orphans = set(refs.orphans)
    for fid, fn in report.footnotes.items():
        if fid in orphans:
            problems.append(Problem("problem_orphan_footnote",
                                    (("text", _short(fn.plain_text)),), None, fid))
        elif content and not fn.plain_text.strip():
            problems.append(Problem("problem_empty_footnote", (("number", numbers[fid]),),
                                    None, fid))
    if not content:
        return problems
    h = report.header
    if not h.draft_mark.strip() and not h.number.strip():
        problems.append(Problem("problem_no_number"))
    if not h.issuer.strip():
        problems.append(Problem("problem_no_issuer"))
    if not _valid_date(h.day, h.month, h.year):
        problems.append(Problem("problem_bad_date", (("day", h.day), ("month", h.month),
                                                     ("year", h.year))))
    for node in walk_tree(report.tree(numbering)):
        sec = node.section
        if not sec.title.strip():
            problems.append(Problem("problem_untitled_section", (("number", node.number),),
                                    sec.id))
        if not node.children and not sec.plain_text.strip():
            problems.append(Problem("problem_empty_section",
                                    (("number", node.number), ("section", _short(sec.title))),
                                    sec.id))
    return problems


def _valid_date(day: int | None, month: int | None, year: int | None) -> bool:
    import calendar

    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        limit = calendar.monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= limit:
            return False
    return year is None or 1900 <= year <= 2999

"""DOCX import: turn an existing Word report (Word, LibreOffice or pandoc) into a report.

``import_docx(path)`` returns an :class:`ImportResult`: the :class:`hgreport.model.Report`
and a summary of what was found (sections, footnotes, header and closing fields) and of the
problems met. Files that cannot be imported raise a subclass of
:class:`hgreport.errors.ReportError` (see :mod:`hgreport.importer.errors`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import KIND_ENDING, KIND_INTRO, Footnote, Report, new_id
from .container import open_word_package
from .errors import (
    DamagedDocument,
    EncryptedDocument,
    ImportRefused,
    NotWordDocument,
    OldWordFormat,
    TooLarge,
)
from .messages import message
from .structure import build_report
from .wordml import ListNumbers, NoteIds, Reader, Styles, W

__all__ = [
    "DamagedDocument", "EncryptedDocument", "ImportProblem", "ImportRefused", "ImportResult",
    "ImportSummary", "NotWordDocument", "OldWordFormat", "TooLarge", "import_docx",
]

MAX_LISTED = 20  # problems of one kind listed one by one in the summary


@dataclass(frozen=True)
class ImportProblem:
    """Something the clerk should look at after the import; ``str()`` is the message in the
    current language."""

    key: str
    args: tuple = ()

    def message(self, lang: str | None = None) -> str:
        args = {}
        for k, v in self.args:
            if isinstance(v, tuple) and len(v) == 2 and isinstance(v[1], dict):
                v = message(v[0], lang, **v[1])
            args[k] = v
        return message(self.key, lang, **args)

    def __str__(self) -> str:
        return self.message()


@dataclass
class ImportSummary:
    """What the import found."""

    sections: int = 0
    top_sections: int = 0
    footnotes: int = 0
    endnotes: int = 0
    intro_paragraphs: int = 0
    ending_paragraphs: int = 0
    header_fields: list[str] = field(default_factory=list)   # "issuer", "number", …
    closing_fields: list[str] = field(default_factory=list)  # "recipients", "authority", …
    recipients: int = 0
    issues: list[ImportProblem] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        """The problems as Vietnamese sentences."""
        return [p.message("vi") for p in self.issues]

    def problem_messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.issues]


@dataclass
class ImportResult:
    report: Report
    summary: ImportSummary
    path: Path | None = None

    def summary_lines(self, lang: str = "vi") -> list[str]:
        """The import report as lines to print or show, in ``lang`` (vi or en)."""
        s = self.summary
        lines = [message("summary_sections", lang, count=s.sections, top=s.top_sections),
                 message("summary_footnotes", lang, count=s.footnotes)]
        if s.endnotes:
            lines.append(message("summary_endnotes", lang, count=s.endnotes))
        lines.append(message("summary_intro", lang, count=s.intro_paragraphs))
        lines.append(message("summary_ending", lang, count=s.ending_paragraphs))
        if s.header_fields:
            names = ", ".join(message("field_" + f, lang) for f in s.header_fields)
            lines.append(message("summary_header", lang, fields=names))
        else:
            lines.append(message("summary_header_none", lang))
        if s.closing_fields:
            names = ", ".join(message("field_" + f, lang, count=s.recipients)
                              for f in s.closing_fields)
            lines.append(message("summary_closing", lang, fields=names))
        else:
            lines.append(message("summary_closing_none", lang))
        if s.issues:
            lines.append(message("summary_problems", lang, count=len(s.issues)))
            lines.extend("- " + p.message(lang) for p in s.issues)
        else:
            lines.append(message("summary_no_problems", lang))
        return lines


def _short(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


_UNITS = {"m", "km", "cm", "dm", "mm", "ha", "m3", "s", "kg", "g"}


def _fake_footnotes(report: Report) -> list[ImportProblem]:
    """Superscript numbers in the text that look like footnote marks but are not footnotes."""
    out = []
    for sec in report.all_sections():
        for p in sec.body:
            before = ""
            for run in p.runs:
                if run.footnote:
                    before = ""
                    continue
                t = run.text.strip()
                if "sup" in run.marks and re.fullmatch(r"[\[(]?\d{1,3}[\])]?", t):
                    prev_word = before.split()[-1] if before.split() else ""
                    exponent = before[-1:].isdigit() or prev_word.lower().rstrip(",.") in _UNITS
                    if not exponent and before.strip():
                        if sec.kind == KIND_INTRO:
                            where = ("where_intro", {})
                        elif sec.kind == KIND_ENDING:
                            where = ("where_ending", {})
                        else:
                            where = ("where_section", {"title": _short(sec.title)})
                        out.append(ImportProblem("problem_fake_footnote",
                                                 (("where", where), ("text", t))))
                before += run.text
    return out


def import_docx(path: str | Path) -> ImportResult:
    """Read a ``.docx`` file into a report (nothing is written anywhere).

    Raises :class:`OldWordFormat`, :class:`EncryptedDocument`, :class:`DamagedDocument`,
    :class:`NotWordDocument`, :class:`TooLarge` or :class:`hgreport.errors.FileMissing`."""
    package = open_word_package(path)
    notes = NoteIds(new_id)
    bodies: dict[tuple[str, str], list] = {}
    w_body = package.document.find(f"{W}body")
    if w_body is None:
        raise DamagedDocument(path=str(path), detail="word/document.xml: w:body")
    try:
        reader = Reader(Styles(package.styles), ListNumbers(package.numbering), notes)
        for kind, root in (("fn", package.footnotes), ("en", package.endnotes)):
            for wid, paras in reader.notes_part(root, kind).items():
                bodies[(kind, wid)] = paras
                notes.known.add((kind, wid))
        blocks = reader.blocks(w_body)
    except (RecursionError, ValueError, TypeError) as exc:  # XML valid but not Word's shape
        raise DamagedDocument(path=str(path), detail=f"word/document.xml: {exc}") from None
    built = build_report(blocks)
    report = built.report

    issues: list[ImportProblem] = []
    referenced = {fid for fid, _ in report.reference_order()}
    counts = {"fn": 0, "en": 0}
    for key, paras in bodies.items():
        fid = notes.ids.get(key)
        if fid is None:
            fid = new_id()
        if fid not in referenced:
            issues.append(ImportProblem("problem_unreferenced_note",
                                        (("text", _short(" ".join(p.text for p in paras))),)))
        else:
            counts[key[0]] += 1
        report.footnotes[fid] = Footnote(fid, paras)

    for key, args in built.problems:
        issues.append(ImportProblem(key, tuple(args.items())))
    issues.extend(_fake_footnotes(report))
    if reader.missing_refs:
        issues.append(ImportProblem("problem_missing_note", (("count", reader.missing_refs),)))
    if reader.images:
        issues.append(ImportProblem("problem_images", (("count", reader.images),)))
    for key, lines in (("problem_unrecognised_header", built.found.unrecognised_header),
                       ("problem_unrecognised_closing", built.found.unrecognised_closing)):
        for text in lines[:MAX_LISTED]:
            issues.append(ImportProblem(key, (("text", _short(text)),)))
        if len(lines) > MAX_LISTED:
            issues.append(ImportProblem("problem_more_lines",
                                        (("count", len(lines) - MAX_LISTED),)))
    if not report.sections:
        issues.append(ImportProblem("problem_no_sections"))

    summary = ImportSummary(
        sections=len(report.sections),
        top_sections=sum(1 for s in report.sections if s.parent_id is None),
        footnotes=counts["fn"] + counts["en"],
        endnotes=counts["en"],
        intro_paragraphs=len(report.intro.body),
        ending_paragraphs=len(report.ending.body),
        header_fields=list(built.found.header),
        closing_fields=list(built.found.closing),
        recipients=len(report.closing.recipients),
        issues=issues,
    )
    return ImportResult(report, summary, Path(path))

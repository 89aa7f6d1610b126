"""Word import: turn an existing report (Word, LibreOffice or pandoc) into a report.

``import_file(path)`` reads a .docx, and a .doc, .odt or .rtf through LibreOffice when it is
installed (:mod:`.convert`); ``import_docx(path)`` reads a .docx only. Both return an
:class:`ImportResult`: the :class:`hgreport.model.Report` and a summary of what was found
(sections, footnotes, header and closing fields), of what was inferred, and of the problems
met. Files that cannot be imported raise a subclass of :class:`hgreport.errors.ReportError`
(see :mod:`hgreport.importer.errors`)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import IOProblem, ReportError
from ..model import KIND_ENDING, KIND_INTRO, Footnote, Report, Run, new_id
from ..text import shorten
from . import wordml
from .container import open_word_package, sniff
from .convert import Converter, remove_folder, work_folder
from .errors import (
    ConversionCancelled,
    ConversionFailed,
    ConversionTimedOut,
    DamagedDocument,
    EncryptedDocument,
    HtmlDocument,
    ImportRefused,
    NeedsLibreOffice,
    NotWordDocument,
    OldWordFormat,
    TooLarge,
)
from .messages import message
from .structure import build_report
from .wordml import ListNumbers, NoteIds, Reader, Styles, Table, W

__all__ = [
    "ConversionCancelled", "ConversionFailed", "ConversionTimedOut", "Converter",
    "DamagedDocument", "EncryptedDocument", "HtmlDocument", "ImportProblem", "ImportRefused",
    "ImportResult", "ImportSummary", "NeedsLibreOffice", "NotWordDocument", "OldWordFormat",
    "SUFFIXES", "TooLarge", "import_docx", "import_file",
]

SUFFIXES = (".docx", ".doc", ".odt", ".rtf")  # what the file dialogs offer

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
    inferred: list[ImportProblem] = field(default_factory=list)  # what was guessed
    notes: list[ImportProblem] = field(default_factory=list)  # how the file was read

    @property
    def problems(self) -> list[str]:
        """The problems as Vietnamese sentences."""
        return [p.message("vi") for p in self.issues]

    def problem_messages(self, lang: str | None = None) -> list[str]:
        return [p.message(lang) for p in self.issues]

    def inferred_messages(self, lang: str | None = None) -> list[str]:
        """What the import guessed (type line, summary, levels …), for the clerk to check."""
        return [p.message(lang) for p in self.inferred]


@dataclass
class ImportResult:
    report: Report
    summary: ImportSummary
    path: Path | None = None

    def summary_lines(self, lang: str = "vi") -> list[str]:
        """The import report as lines to print or show, in ``lang`` (vi or en)."""
        s = self.summary
        lines = [p.message(lang) for p in s.notes]
        lines += [message("summary_sections", lang, count=s.sections, top=s.top_sections),
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
        if s.inferred:
            lines.append(message("summary_inferred", lang, count=len(s.inferred)))
            lines.extend("- " + p.message(lang) for p in s.inferred)
        if not s.issues and not s.inferred:
            lines.append(message("summary_no_problems", lang))
        return lines


def _short(text: str, n: int = 50) -> str:
    return shorten(text, n)


_UNITS = {"m", "km", "cm", "dm", "mm", "ha", "m3", "s", "kg", "g"}


def _fake_footnotes(report: Report) -> list[ImportProblem]:
    """Superscript numbers in the text that look like footnote marks but are not footnotes."""
    out = []
    for sec in report.all_sections():
        for p in sec.body:
            before = ""  # the text before the run (its end is enough: the last word)
            for run in p.runs:
                if run.footnote:
                    before = ""
                    continue
                t = run.text.strip()
                if "sup" in run.marks and re.fullmatch(r"[\[(]?\d{1,3}[\])]?", t):
                    words = before.split()
                    prev_word = words[-1] if words else ""
                    exponent = before[-1:].isdigit() or prev_word.lower().rstrip(",.") in _UNITS
                    if not exponent and words:
                        if sec.kind == KIND_INTRO:
                            where = ("where_intro", {})
                        elif sec.kind == KIND_ENDING:
                            where = ("where_ending", {})
                        else:
                            where = ("where_section", {"title": _short(sec.title)})
                        out.append(ImportProblem("problem_fake_footnote",
                                                 (("where", where), ("text", t))))
                before = (before + run.text)[-80:]
    return out


def _listed(issues: list[ImportProblem], found: list[ImportProblem],
            more: str = "problem_more") -> None:
    """Add ``found`` (problems of one kind) to ``issues``: the first :data:`MAX_LISTED` one by
    one, the rest as one "… and N more" line."""
    issues.extend(found[:MAX_LISTED])
    if len(found) > MAX_LISTED:
        issues.append(ImportProblem(more, (("count", len(found) - MAX_LISTED),)))


def _place_leftover_notes(blocks: list, leftovers: dict[int, list[Run]]) -> None:
    """Put the references of notes that shared a Word id right after that id's last reference."""
    if not leftovers:
        return
    for block in blocks:
        for para in (block.paragraphs() if isinstance(block, Table) else [block]):
            for i in range(len(para.runs) - 1, -1, -1):
                extra = leftovers.get(id(para.runs[i]))
                if extra:
                    para.runs[i + 1:i + 1] = extra


def _note_text(paras) -> str:
    return _short(" ".join(p.text for p in paras))


def import_file(path: str | Path, converter: Converter | None = None) -> ImportResult:
    """Read a Word report into a report, whatever its format: .docx directly; .doc (Word
    97–2003), .odt and .rtf converted to .docx by LibreOffice first (``converter``: where it
    is and how long it may take; default: looked for on this computer). The format is told
    by the content, not the name: an RTF file named .doc is converted as RTF, a web page
    named .doc refused with a message that says so.

    Raises what :func:`import_docx` raises, and :class:`NeedsLibreOffice`,
    :class:`ConversionTimedOut`, :class:`ConversionFailed`, :class:`ConversionCancelled` or
    :class:`HtmlDocument`; leaves no temporary file behind whatever happens."""
    path = Path(path)
    kind = sniff(path)
    if kind == "docx":
        return import_docx(path)
    if kind == "html":
        raise HtmlDocument(path=str(path))
    converter = converter if converter is not None else Converter.find()
    if not converter.available:
        raise NeedsLibreOffice(path=str(path), kind=("kind_" + kind, {}))
    try:
        work = work_folder(converter.temp_root)
    except OSError as exc:  # no temporary folder: a full disk, a folder that cannot be written
        raise IOProblem(path=tempfile.gettempdir() if converter.temp_root is None
                        else str(converter.temp_root), detail=str(exc)) from None
    try:
        converted = converter.convert(path, kind, str(path), work)
        try:
            result = _import(open_word_package(converted), path)
        except ReportError as exc:  # name the user's file, not the temporary one
            raise type(exc)(**{**exc.args_, "path": str(path)}) from None
    except (ReportError, KeyboardInterrupt):
        raise
    except MemoryError:
        raise TooLarge(path=str(path), detail=("detail_memory", {})) from None
    except Exception as exc:  # the last safety net, as in import_docx
        raise DamagedDocument(path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    finally:
        remove_folder(work)
    kind_msg = ("kind_" + kind, {})
    if path.suffix.lower() in (".doc", ".odt", ".rtf", ".docx") \
            and path.suffix.lower() != "." + kind:
        note = ImportProblem("summary_converted_disguised", (
            ("name", path.name), ("kind", kind_msg), ("suffix", path.suffix)))
    else:
        note = ImportProblem("summary_converted", (("kind", kind_msg),))
    result.summary.notes.insert(0, note)
    return result


def import_docx(path: str | Path) -> ImportResult:
    """Read a ``.docx`` file into a report (nothing is written anywhere).

    Raises :class:`OldWordFormat`, :class:`EncryptedDocument`, :class:`DamagedDocument`,
    :class:`NotWordDocument`, :class:`TooLarge` or :class:`hgreport.errors.FileMissing` — and
    nothing else, whatever the file holds."""
    try:
        return _import(open_word_package(path), path)
    except ReportError:
        raise
    except MemoryError:
        raise TooLarge(path=str(path), detail=("detail_memory", {})) from None
    except Exception as exc:  # the last safety net: a shape of file nobody foresaw
        raise DamagedDocument(path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc


def _import(package, path: str | Path) -> ImportResult:
    notes = NoteIds(new_id)
    w_body = package.document.find(f"{W}body")
    if w_body is None:
        raise DamagedDocument(path=str(path), detail="word/document.xml: w:body")
    reader = Reader(Styles(package.styles), ListNumbers(package.numbering), notes)
    for kind, root in (("fn", package.footnotes), ("en", package.endnotes)):
        for wid, paras in reader.notes_part(root, kind):
            notes.add(kind, wid, paras)
    blocks = reader.blocks(w_body)
    _place_leftover_notes(blocks, notes.leftovers())
    built = build_report(blocks)
    report = built.report
    inferred = [ImportProblem(key, tuple(args.items())) for key, args in built.inferred]

    issues: list[ImportProblem] = []
    # content cut by the bounds first: it is what the clerk most needs to know
    for part, key in (("body", "problem_cut_body"), ("notes", "problem_cut_note_text")):
        if reader.cut_at[part] is not None:
            limit, text = reader.cut_at[part]
            issues.append(ImportProblem(key, (("limit", limit), ("text", _short(text)))))
    if notes.cut_notes:
        issues.append(ImportProblem("problem_cut_notes", (
            ("count", notes.cut_notes), ("limit", wordml.MAX_NOTES))))
    if notes.cut_refs:
        issues.append(ImportProblem("problem_cut_copies", (("count", notes.cut_refs),)))
    if reader.too_deep:
        issues.append(ImportProblem("problem_too_deep", (
            ("count", reader.too_deep), ("limit", wordml.MAX_NESTING))))

    referenced = {fid for fid, _ in report.reference_order()}
    counts = {"fn": 0, "en": 0}
    unreferenced, doubled = [], []
    for fid, paras, note, is_copy in notes.footnotes():
        if fid not in referenced:
            unreferenced.append(ImportProblem("problem_unreferenced_note",
                                              (("text", _note_text(paras)),)))
        else:
            counts[note.key[0]] += 1
        report.footnotes[fid] = Footnote(fid, paras)
        if note.copies and not is_copy:
            doubled.append(ImportProblem("problem_note_referenced_twice", (
                ("text", _note_text(paras)), ("count", len(note.copies) + 1))))
    _listed(issues, unreferenced)
    _listed(issues, doubled)
    shared = [ImportProblem("problem_duplicate_note_id", (
        ("id", key[1]), ("count", len(found)), ("text", _note_text(found[0].paras))))
        for key, found in notes.notes.items() if len(found) > 1]
    shared += [ImportProblem("problem_duplicate_note_same", (
        ("id", key[1]), ("count", n + 1), ("text", _note_text(notes.notes[key][0].paras))))
        for key, n in notes.same_text.items() if key in notes.notes]
    _listed(issues, shared)

    by_kind: dict[str, list[ImportProblem]] = {}
    for key, args in built.problems:
        by_kind.setdefault(key, []).append(ImportProblem(key, tuple(args.items())))
    for found in by_kind.values():
        _listed(issues, found)
    _listed(issues, _fake_footnotes(report))
    if reader.missing_refs:
        issues.append(ImportProblem("problem_missing_note", (("count", reader.missing_refs),)))
    if reader.nested_refs:
        issues.append(ImportProblem("problem_nested_note_ref", (("count", reader.nested_refs),)))
    if reader.images:
        issues.append(ImportProblem("problem_images", (("count", reader.images),)))
    for key, lines in (("problem_unrecognised_header", built.found.unrecognised_header),
                       ("problem_unrecognised_closing", built.found.unrecognised_closing)):
        _listed(issues, [ImportProblem(key, (("text", _short(text)),)) for text in lines],
                "problem_more_lines")
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
        inferred=inferred,
    )
    return ImportResult(report, summary, Path(path))

"""The built-in self-test (``hgreport --self-test``): the installed program, end to end, offline.

It works in a temporary folder and never touches the user's reports: a report is created from
the shipped ``sample`` template, opened, given a section and a footnote, saved, reopened,
searched without diacritics, exported to Word and read back; the window layer adds its own step
(building the main window offscreen, ``ui/selftest_window.py``). One line is printed per step (``OK  …``, ``LỖI  …`` or
``BỎ QUA  …``) so that IT staff can tell at a glance what works on a PC.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import ReportError
from .i18n import current_language, pick

if TYPE_CHECKING:
    from .model import Report

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAMPLE_TEMPLATE = "sample"
AUTHOR = "tự kiểm tra"
NEW_TITLE = "Tự kiểm tra công tác xây dựng Đảng"
NEW_TEXT = "Đảng bộ xã Đồng Tâm hoàn thành 100% chỉ tiêu"
EDITED_TEXT = " năm 2024, vượt kế hoạch đề ra."
FOOTNOTE_TEXT = "Theo Báo cáo số 12-BC/ĐU ngày 05/6/2024 của Đảng ủy xã Đồng Tâm."
SEARCH_WORDS = "dang dong tam"  # folded: finds "Đảng … Đồng Tâm"

_TEXT = {
    # key: (Vietnamese, English)
    "title": ("hgreport {version}: tự kiểm tra trong {folder}",
              "hgreport {version}: self-test in {folder}"),
    "ok": ("OK", "OK"),
    "failed": ("LỖI", "FAILED"),
    "skipped": ("BỎ QUA", "SKIPPED"),
    "create": ("tạo báo cáo từ mẫu", "create a report from the template"),
    "open": ("mở báo cáo", "open the report"),
    "add": ("thêm mục và chú thích", "add a section and a footnote"),
    "reopen": ("lưu và mở lại", "save and reopen"),
    "search": ("tìm kiếm không dấu", "search without diacritics"),
    "export": ("xuất tệp Word", "export a Word file"),
    "read_back": ("đọc lại tệp Word", "read the Word file back"),
    "counts": ("{sections} mục, {footnotes} chú thích", "{sections} sections, {footnotes} footnotes"),
    "hits": ("“{words}”: {count} kết quả", "“{words}”: {count} matches"),
    "size": ("{kb} KB", "{kb} KB"),
    "passed": ("Kết quả: chương trình hoạt động bình thường.", "Result: the program works."),
    "not_passed": ("Kết quả: có lỗi, xem các dòng LỖI ở trên.",
                   "Result: something is wrong, see the FAILED lines above."),
    "not_run": ("không chạy vì bước trước bị lỗi", "not run because an earlier step failed"),
    # failures
    "template_empty": ("mẫu “{name}” không có mục nào", "template “{name}” has no sections"),
    "count_changed": ("mở lại thấy {found} mục, chờ {expected}",
                      "reopened with {found} sections, expected {expected}"),
    "lost_section": ("mục vừa lưu bị mất hoặc sai nội dung", "the saved section is lost or wrong"),
    "lost_footnote": ("chú thích vừa lưu bị mất hoặc sai nội dung",
                      "the saved footnote is lost or wrong"),
    "not_found": ("“{words}” không tìm thấy {what}", "“{words}” does not find {what}"),
    "missing_part": ("tệp Word thiếu phần {part}", "the Word file lacks its {part} part"),
    "footnote_count": ("tệp Word có {found} chú thích, chờ {expected}",
                       "the Word file has {found} footnotes, expected {expected}"),
    "reference_count": ("tệp Word có {found} dấu chú thích, chờ {expected}",
                        "the Word file has {found} footnote marks, expected {expected}"),
    "text_missing": ("tệp Word thiếu đoạn “{text}”", "the Word file lacks “{text}”"),
}


def _t(key: str, **args) -> str:
    return pick(_TEXT, key, None, **args)


class StepFailed(Exception):
    """A check of the self-test did not hold; the message says what a person would notice."""


class StepSkipped(Exception):
    """A step that cannot run on this PC (for example: no Qt); it does not fail the test."""


@dataclass
class SelfTestRun:
    """What the steps pass on to each other."""

    folder: Path
    db: Path = field(init=False)
    docx: Path = field(init=False)
    sections: int = 0
    footnotes: int = 0
    section_id: str = ""
    footnote_id: str = ""
    report: Report | None = None  # as reopened after the edit

    def __post_init__(self) -> None:
        self.db = self.folder / "tu-kiem-tra.db"
        self.docx = self.folder / "tu-kiem-tra.docx"


# -- the steps ------------------------------------------------------------------------------
def _create(run: SelfTestRun) -> str:
    from .interchange import load_report_json
    from .resources import template_path
    from .storage import ReportStore

    report = load_report_json(template_path(SAMPLE_TEMPLATE))
    if not report.sections:
        raise StepFailed(_t("template_empty", name=SAMPLE_TEMPLATE))
    ReportStore.create(run.db, report, author=AUTHOR).close()
    run.sections, run.footnotes = len(report.sections), len(report.footnotes)
    return _t("counts", sections=run.sections, footnotes=run.footnotes)


def _open(run: SelfTestRun) -> str:
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR) as store:
        report = store.load_report()
    if len(report.sections) != run.sections or len(report.footnotes) != run.footnotes:
        raise StepFailed(_t("count_changed", found=len(report.sections), expected=run.sections))
    return _t("counts", sections=len(report.sections), footnotes=len(report.footnotes))


def _add(run: SelfTestRun) -> str:
    from .model import Footnote, Paragraph, Run, Section
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR) as store:
        report = store.load_report()
        top = report.children_of(None)
        note = store.add_footnote(Footnote(body=[Paragraph.of(FOOTNOTE_TEXT)]))
        section = store.add_section(Section(
            title=NEW_TITLE, parent_id=top[0].id,
            position=max((s.position for s in report.children_of(top[0].id)), default=0) + 1,
            body=[Paragraph([Run.of(NEW_TEXT), Run.ref(note.id), Run.of(".")])]))
        section = store.load_section(section.id)
        section.body = [Paragraph([Run.of(NEW_TEXT), Run.ref(note.id),
                                   Run.of(EDITED_TEXT)])]
        store.save_section(section)
    run.section_id, run.footnote_id = section.id, note.id
    run.sections += 1
    run.footnotes += 1
    return _t("counts", sections=run.sections, footnotes=run.footnotes)


def _reopen(run: SelfTestRun) -> str:
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR) as store:
        report = store.load_report()
    if len(report.sections) != run.sections:
        raise StepFailed(_t("count_changed", found=len(report.sections), expected=run.sections))
    saved = next((s for s in report.sections if s.id == run.section_id), None)
    if saved is None or saved.title != NEW_TITLE or not saved.plain_text.endswith(EDITED_TEXT) \
            or saved.footnote_refs() != [run.footnote_id]:
        raise StepFailed(_t("lost_section"))
    note = report.footnotes.get(run.footnote_id)
    if note is None or note.plain_text != FOOTNOTE_TEXT:
        raise StepFailed(_t("lost_footnote"))
    run.report = report
    return _t("counts", sections=len(report.sections), footnotes=len(report.footnotes))


def _search(run: SelfTestRun) -> str:
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR, read_only=True) as store:
        hits = store.search(SEARCH_WORDS)
    found = {h.entity_id for h in hits}
    for entity_id, what in ((run.section_id, NEW_TITLE), (run.footnote_id, FOOTNOTE_TEXT)):
        if entity_id not in found:
            raise StepFailed(_t("not_found", words=SEARCH_WORDS, what=f"“{what[:40]}”"))
    return _t("hits", words=SEARCH_WORDS, count=len(hits))


def _export(run: SelfTestRun) -> str:
    from .export import export_docx

    export_docx(run.report, run.docx)
    return _t("size", kb=max(1, round(run.docx.stat().st_size / 1024)))


def _read_back(run: SelfTestRun) -> str:
    from lxml import etree

    with zipfile.ZipFile(run.docx) as docx:
        names = set(docx.namelist())
        for part in ("word/document.xml", "word/footnotes.xml"):
            if part not in names:
                raise StepFailed(_t("missing_part", part=part))
        document = etree.fromstring(docx.read("word/document.xml"))
        notes = etree.fromstring(docx.read("word/footnotes.xml"))
    expected = len(run.report.footnotes_in_order())
    real_notes = [n for n in notes.iter(f"{_W}footnote")
                  if n.get(f"{_W}type") in (None, "normal")]
    if len(real_notes) != expected:
        raise StepFailed(_t("footnote_count", found=len(real_notes), expected=expected))
    references = list(document.iter(f"{_W}footnoteReference"))
    if len(references) != expected:
        raise StepFailed(_t("reference_count", found=len(references), expected=expected))
    body_text = "".join(t.text or "" for t in document.iter(f"{_W}t"))
    notes_text = "".join(t.text or "" for t in notes.iter(f"{_W}t"))
    for text, where in ((NEW_TEXT, body_text), (EDITED_TEXT.strip(), body_text),
                        (FOOTNOTE_TEXT, notes_text)):
        if text not in where:
            raise StepFailed(_t("text_missing", text=text))
    return _t("counts", sections=run.sections, footnotes=len(real_notes))


STEPS: list[tuple[str, Callable[[SelfTestRun], str]]] = [
    ("create", _create),
    ("open", _open),
    ("add", _add),
    ("reopen", _reopen),
    ("search", _search),
    ("export", _export),
    ("read_back", _read_back),
]

# A step another layer adds (the window's, from ``ui``): its label, already in the person's
# language, and the function that runs it on the shared state.
ExtraStep = tuple[str, Callable[["SelfTestRun"], str]]


def _describe(exc: Exception) -> str:
    if isinstance(exc, ReportError):
        return exc.message(current_language())
    if isinstance(exc, StepFailed | StepSkipped):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _run_steps(folder: Path, out: Callable[[str], object],
               extra_steps: Sequence[ExtraStep]) -> bool:
    run = SelfTestRun(folder)
    out(_t("title", version=__version__, folder=folder))
    ok = True
    steps = [(_t(key), step) for key, step in STEPS] + list(extra_steps)
    for label, step in steps:
        if not ok:
            out(f"{_t('skipped')}  {label}: {_t('not_run')}")
            continue
        try:
            detail = step(run)
        except StepSkipped as exc:
            out(f"{_t('skipped')}  {label}: {_describe(exc)}")
            continue
        except Exception as exc:  # every failure becomes one readable line, never a traceback
            out(f"{_t('failed')}  {label}: {_describe(exc)}")
            ok = False
            continue
        out(f"{_t('ok')}  {label}" + (f" ({detail})" if detail else ""))
    out(_t("passed") if ok else _t("not_passed"))
    return ok


def run_self_test(out: Callable[[str], object] = print, workdir: str | Path | None = None,
                  extra_steps: Sequence[ExtraStep] = ()) -> bool:
    """Run every step, then ``extra_steps`` (the window's, added by the ``ui`` layer), printing
    one line each through ``out``; True when all passed.

    ``workdir`` (created if missing, left in place) keeps the report and the Word file for a
    look afterwards; by default a temporary folder is used and removed."""
    if workdir is not None:
        folder = Path(workdir)
        folder.mkdir(parents=True, exist_ok=True)
        return _run_steps(folder, out, extra_steps)
    with tempfile.TemporaryDirectory(prefix="hgreport-selftest-",
                                     ignore_cleanup_errors=True) as tmp:
        return _run_steps(Path(tmp), out, extra_steps)

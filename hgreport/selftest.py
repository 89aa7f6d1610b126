"""The built-in self-test (``hgreport --self-test``): the installed program, end to end, offline.

It works in a temporary folder and never touches the user's reports: a report is created from
the shipped ``sample`` template, opened, given a section and a footnote, saved, reopened,
searched without diacritics, exported to Word and read back; then the main window is built
offscreen when Qt is available. One line is printed per step (``OK  …``, ``LỖI  …`` or
``BỎ QUA  …``) so that IT staff can tell at a glance what works on a PC.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
    "window": ("dựng cửa sổ chính", "build the main window"),
    "counts": ("{sections} mục, {footnotes} chú thích", "{sections} sections, {footnotes} footnotes"),
    "hits": ("“{words}”: {count} kết quả", "“{words}”: {count} matches"),
    "size": ("{kb} KB", "{kb} KB"),
    "no_qt": ("chưa cài PySide6", "PySide6 is not installed"),
    "no_ui": ("không nạp được phần giao diện ({detail})", "the window code cannot load ({detail})"),
    "no_platform": ("Qt không có nền hiển thị “offscreen”",
                    "Qt has no “offscreen” display platform"),
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
    "window_empty": ("cây mục của cửa sổ có {found} mục, chờ {expected}",
                     "the window's section tree has {found} sections, expected {expected}"),
}


def _t(key: str, **args) -> str:
    return pick(_TEXT, key, None, **args)


class StepFailed(Exception):
    """A check of the self-test did not hold; the message says what a person would notice."""


class StepSkipped(Exception):
    """A step that cannot run on this PC (for example: no Qt); it does not fail the test."""


@dataclass
class _Run:
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
def _create(run: _Run) -> str:
    from .interchange import load_report_json
    from .resources import template_path
    from .storage import ReportStore

    report = load_report_json(template_path(SAMPLE_TEMPLATE))
    if not report.sections:
        raise StepFailed(_t("template_empty", name=SAMPLE_TEMPLATE))
    ReportStore.create(run.db, report, author=AUTHOR).close()
    run.sections, run.footnotes = len(report.sections), len(report.footnotes)
    return _t("counts", sections=run.sections, footnotes=run.footnotes)


def _open(run: _Run) -> str:
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR) as store:
        report = store.load_report()
    if len(report.sections) != run.sections or len(report.footnotes) != run.footnotes:
        raise StepFailed(_t("count_changed", found=len(report.sections), expected=run.sections))
    return _t("counts", sections=len(report.sections), footnotes=len(report.footnotes))


def _add(run: _Run) -> str:
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


def _reopen(run: _Run) -> str:
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


def _search(run: _Run) -> str:
    from .storage import ReportStore

    with ReportStore.open(run.db, author=AUTHOR, read_only=True) as store:
        hits = store.search(SEARCH_WORDS)
    found = {h.entity_id for h in hits}
    for entity_id, what in ((run.section_id, NEW_TITLE), (run.footnote_id, FOOTNOTE_TEXT)):
        if entity_id not in found:
            raise StepFailed(_t("not_found", words=SEARCH_WORDS, what=f"“{what[:40]}”"))
    return _t("hits", words=SEARCH_WORDS, count=len(hits))


def _export(run: _Run) -> str:
    from .export import export_docx

    export_docx(run.report, run.docx)
    return _t("size", kb=max(1, round(run.docx.stat().st_size / 1024)))


def _read_back(run: _Run) -> str:
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


def _offscreen_available() -> bool:
    """Whether Qt's "offscreen" display platform ships with this installation (without it,
    creating the application would abort the whole process)."""
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for plugins in (Path(folder) / "Qt" / "plugins", Path(folder) / "plugins"):
            if any((plugins / "platforms").glob("*offscreen*")):
                return True
    return False


@contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a step, then put them back."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextmanager
def _user_settings_kept(main_window) -> Iterator[None]:
    """Opening a window records it as the last file (and closing it, the layout): put the
    person's own settings back afterwards, so that the next start opens their report."""
    settings = main_window.settings()
    saved = {key: settings.value(key) for key in settings.allKeys()}
    try:
        yield
    finally:
        settings = main_window.settings()
        settings.clear()
        for key, value in saved.items():
            settings.setValue(key, value)
        settings.sync()


def _window(run: _Run) -> str:
    """Build the main window on the report, offscreen, and look at its section tree."""
    if importlib.util.find_spec("PySide6") is None:
        raise StepSkipped(_t("no_qt"))
    if not _offscreen_available():
        raise StepSkipped(_t("no_platform"))
    try:
        app_module = importlib.import_module("ui.app")
        main_window = importlib.import_module("ui.settings")
    except ImportError as exc:
        raise StepSkipped(_t("no_ui", detail=exc)) from None
    from .storage import ReportStore

    with _environment(QT_QPA_PLATFORM="offscreen",
                      HGREPORT_DATA_DIR=str(run.folder / "data")), \
            _user_settings_kept(main_window):
        app = app_module.application(current_language())
        window = app_module.open_window(ReportStore.open(run.db, author=AUTHOR))
        try:
            app.processEvents()
            numbered = window.tree.all_ids_in_order()
            shown = [sid for sid in numbered if sid in window.tree.items]
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    if len(shown) != run.sections or run.section_id not in shown:
        raise StepFailed(_t("window_empty", found=len(shown), expected=run.sections))
    return _t("counts", sections=len(shown), footnotes=run.footnotes)


STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("create", _create),
    ("open", _open),
    ("add", _add),
    ("reopen", _reopen),
    ("search", _search),
    ("export", _export),
    ("read_back", _read_back),
    ("window", _window),
]


def _describe(exc: Exception) -> str:
    if isinstance(exc, ReportError):
        return exc.message(current_language())
    if isinstance(exc, StepFailed | StepSkipped):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _run_steps(folder: Path, out: Callable[[str], object]) -> bool:
    run = _Run(folder)
    out(_t("title", version=__version__, folder=folder))
    ok = True
    for key, step in STEPS:
        label = _t(key)
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


def run_self_test(out: Callable[[str], object] = print, workdir: str | Path | None = None) -> bool:
    """Run every step, printing one line each through ``out``; True when all passed.

    ``workdir`` (created if missing, left in place) keeps the report and the Word file for a
    look afterwards; by default a temporary folder is used and removed."""
    if workdir is not None:
        folder = Path(workdir)
        folder.mkdir(parents=True, exist_ok=True)
        return _run_steps(folder, out)
    with tempfile.TemporaryDirectory(prefix="hgreport-selftest-",
                                     ignore_cleanup_errors=True) as tmp:
        return _run_steps(Path(tmp), out)

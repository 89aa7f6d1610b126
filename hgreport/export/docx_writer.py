"""One-click export: the report as a Word document in the layout of its format profile.

The body (header table, title block, sections with their tables of figures, closing table) and
the footnotes are built as WordprocessingML text, parsed once with lxml and put into a
python-docx document whose styles come from the format profile. The header, title and closing are drawn from the layout plan
(:mod:`hgreport.layout.plan`); this module only turns its lines into paragraphs. The file is
written next to the target and then moved over it, so a failure never leaves a half-written
document behind."""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from docx.oxml.parser import parse_xml

from ..checks import with_damage_notices
from ..layout import BlankLine, ColumnsPlan, Item, Profile, RuleLine, layout_plan
from ..layout.text import upper
from ..leftovers import remove_stale
from ..model import Block, Report, Section, Table, walk_tree
from ..numbering import Numbering
from ..resources import load_profile
from . import ooxml as x
from .errors import (
    ExportDiskFull,
    ExportError,
    FolderMissing,
    FolderReadOnly,
    TargetInUse,
    TargetIsFolder,
    TargetIsReport,
    TargetNotReplaceable,
    TargetNotWord,
)
from .filenames import free_name, other_folder, suggested_filename
from .footnotes import add_footnotes_part, footnotes_xml
from .package import add_page_numbers, new_document, set_custom_properties, set_properties
from .styles import BODY_STYLE, heading_style
from .tables import table_xml

Progress = Callable[[int, int], None]


def item_xml(item: Item) -> str:
    """One line of a layout plan as a paragraph: text, an empty line or a rule."""
    if isinstance(item, BlankLine):
        run_props = x.rpr(size_pt=item.size_pt) if item.size_pt is not None else ""
        return x.paragraph(x.ppr(jc=item.align, run_props=run_props), "")
    if isinstance(item, RuleLine):
        side = x.mm(item.indent_mm)
        return x.paragraph(x.ppr(keep_next=item.keep_next, border_bottom=item.width_pt,
                                 ind_left=side, ind_right=side, line_pt=item.gap_pt,
                                 jc="center", run_props=x.rpr(size_pt=2)), "")
    props = x.ppr(keep_next=item.keep_next, before_pt=item.space_before_pt, jc=item.align)
    return x.paragraph(props, x.text_run(item.text, x.rpr(item.marks, size_pt=item.size_pt)))


class BodyBuilder:
    """Builds the body XML of one report in reading order, numbering footnotes as it goes."""

    def __init__(self, report: Report, profile: Profile):
        self.report = report
        self.profile = profile
        self.plan = layout_plan(report.header, report.closing, profile)
        self.numbering = Numbering.from_profile(profile)
        self.numbers = report.footnote_numbers()
        self._referenced: set[str] = set()
        self.parts: list[str] = []
        self.total = 0
        self.nodes = list(walk_tree(report.tree(self.numbering)))

    # -- footnote references --------------------------------------------------------------
    def ref(self, footnote_id: str) -> str:
        number = self.numbers[footnote_id]
        if footnote_id in self._referenced:
            return x.footnote_number_text(number)
        self._referenced.add(footnote_id)
        return x.footnote_reference(number)

    def footnotes(self) -> list[tuple[int, object]]:
        """(number, footnote or None) for every number the text uses, in order."""
        return [(n, self.report.footnotes.get(fid)) for fid, n in self.numbers.items()]

    # -- blocks ---------------------------------------------------------------------------
    def columns(self, plan: ColumnsPlan) -> None:
        """Two blocks side by side in a borderless table."""
        self._after_table()
        cells = ["".join(item_xml(i) for i in plan.left), "".join(item_xml(i) for i in plan.right)]
        self.parts.append(x.borderless_table([x.mm(plan.left_mm), x.mm(plan.right_mm)], cells))

    def _after_table(self) -> None:
        """Word joins two tables that touch, and wants a paragraph between a table and the
        section properties: put a 1 pt paragraph there."""
        if self.parts and self.parts[-1].endswith("</w:tbl>"):
            self.parts.append(x.paragraph(x.ppr(before_pt=0, after_pt=0, line_pt=1,
                                                run_props=x.rpr(size_pt=1)), ""))

    def body(self, paragraphs: list[Block], keep_last: bool = False) -> None:
        """Body blocks; ``keep_last`` keeps the last paragraph on the page of what follows."""
        append = self.parts.append
        plain = f'<w:pPr><w:pStyle w:val="{BODY_STYLE}"/></w:pPr>'
        last = len(paragraphs) - 1
        for i, p in enumerate(paragraphs):
            if isinstance(p, Table):
                if not p.caption:
                    self._after_table()
                append(table_xml(p, self.profile, self.ref))
                continue
            keep = keep_last and i == last
            if p.align or p.page_break_before or keep:
                # a centred or right-aligned line loses the first-line indent
                props = x.ppr(style=BODY_STYLE, keep_next=keep, page_break=p.page_break_before,
                              first_line=0 if p.align in ("center", "right") else None,
                              jc=x.JC.get(p.align) if p.align else None)
            else:
                props = plain
            append(f"<w:p>{props}{x.runs_xml(p.runs, self.ref)}</w:p>")

    def heading(self, section: Section, level: int, number: str) -> None:
        st = self.numbering.level_style(level)
        title = upper(section.title) if st.caps else section.title
        text = f"{number} {title}" if number and title else (number or title)
        refs = "".join(self.ref(fid) for fid in section.title_notes)
        self.parts.append(
            f'<w:p><w:pPr><w:pStyle w:val="{heading_style(level)}"/></w:pPr>'
            f"{x.text_run(text)}{refs}</w:p>")

    def closing(self) -> None:
        plan = self.plan.closing
        if plan is None:
            return
        self.columns(plan)
        # Word wants a paragraph between a final table and the section properties; make it
        # 1 pt high with no spacing, so a closing block that ends a page adds no empty page
        self.parts.append(x.paragraph(x.ppr(before_pt=0, after_pt=0, line_pt=1,
                                            run_props=x.rpr(size_pt=1)), ""))

    def section_properties(self) -> None:
        self._after_table()
        page = self.profile.page
        width, height = (x.mm(v) for v in page.size_mm)
        orient = ' w:orient="landscape"' if page.orientation == "landscape" else ""
        self.parts.append(
            f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
            f'<w:pgMar w:top="{x.mm(page.margin_top_mm)}" '
            f'w:right="{x.mm(page.margin_right_mm)}" '
            f'w:bottom="{x.mm(page.margin_bottom_mm)}" '
            f'w:left="{x.mm(page.margin_left_mm)}" '
            f'w:header="{x.mm(page.header_distance_mm)}" '
            f'w:footer="{x.mm(page.footer_distance_mm)}" w:gutter="0"/>'
            '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>')

    # -- the whole body -------------------------------------------------------------------
    def build(self, progress: Progress | None = None, extra_steps: int = 0) -> str:
        report = self.report
        nodes = self.nodes
        total = self.total = len(nodes) + 2 + extra_steps
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total)

        if progress:
            progress(0, total)
        self.columns(self.plan.header)
        self.parts.extend(item_xml(item) for item in self.plan.title)
        if report.intro.title:
            self.heading(report.intro, 1, "")
        else:
            for fid in report.intro.title_notes:
                self.parts.append(f"<w:p>{self.ref(fid)}</w:p>")
        self.body(report.intro.body)
        step()
        for node in nodes:
            self.heading(node.section, node.level, node.number)
            self.body(node.section.body)
            step()
        if report.ending.title:
            self.heading(report.ending, 1, "")
        self.body(report.ending.body, keep_last=True)
        self.closing()
        self.section_properties()
        step()
        return f"<w:body {x.NSDECL}>{''.join(self.parts)}</w:body>"


def build_document(report: Report, profile: Profile, progress: Progress | None = None,
                   extra_steps: int = 0):
    """The python-docx document of ``report`` (not yet saved) and the number of progress
    steps (sections and blocks written, plus ``extra_steps`` left for the caller)."""
    report = with_damage_notices(report)  # a damaged section says so where it stands
    builder = BodyBuilder(report, profile)
    tables = any(isinstance(b, Table) for s in report.all_sections() for b in s.body)
    document = new_document(profile, max([n.level for n in builder.nodes] + [4]), tables)
    body = parse_xml(builder.build(progress, extra_steps))
    root = document.element
    root.replace(root.body, body)
    add_page_numbers(document, profile)
    add_footnotes_part(document.part, footnotes_xml(builder.footnotes()))
    set_properties(document, report.header)
    return document, builder.total


# -- writing the file safely -------------------------------------------------------------
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_WIN_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def word_lock_files(target: Path) -> list[Path]:
    """Owner files Word (``~$…``) and LibreOffice (``.~lock.…#``) keep beside an open file."""
    name = target.name
    names = {f"~${name}", f".~lock.{name}#"}
    if len(target.stem) >= 7:  # Word shortens long names: "~$o cáo năm 2023.docx"
        names |= {f"~${name[1:]}", f"~${name[2:]}"}
    return [target.with_name(n) for n in sorted(names) if target.with_name(n).exists()]


def _classify(exc: OSError, target: Path, stage: str) -> ExportError:
    folder = target.parent
    alt = str(free_name(target) if target.exists() else target.with_name(
        f"{target.stem} (2){target.suffix}"))
    if exc.errno in _FULL:
        return ExportDiskFull(folder=str(folder), alt=str(other_folder(target)))
    if getattr(exc, "winerror", None) in _WIN_SHARING:
        return TargetInUse(path=str(target), alt=alt)
    if exc.errno in _DENIED or isinstance(exc, PermissionError):
        if stage == "replace" and target.exists() and os.access(folder, os.W_OK):
            # the folder takes new files but this one cannot be replaced: open or read-only
            return TargetInUse(path=str(target), alt=alt)
        return FolderReadOnly(folder=str(folder), alt=str(other_folder(target)))
    return ExportError(path=str(target), detail=exc.strerror or str(exc), alt=alt)


WORD_SUFFIXES = (".docx",)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a Word file is a zip package (empty or not)
_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_target(target: Path, suffixes: tuple[str, ...] = WORD_SUFFIXES,
                 magic: tuple[bytes, ...] = _ZIP_MAGIC) -> None:
    """Refuse a target that would not be a Word file or whose replacement would destroy data:
    a name without a .docx ending, a report database (the open report included, whatever it
    is named) or any existing file that is not a Word package. Nothing is written. Another
    kind of file passes its ``suffixes`` and the ``magic`` its files start with (a PDF:
    ``(".pdf",)``, ``(b"%PDF",)``)."""
    target = Path(target)
    word_name = target if target.suffix.lower() in suffixes else target.with_name(
        target.name + suffixes[0])
    head = b""
    if target.is_file():
        try:
            with open(target, "rb") as fh:
                head = fh.read(16)
        except OSError:
            pass  # unreadable: the write itself will say why it cannot replace it
    if head.startswith(_SQLITE_MAGIC):
        alt = word_name if word_name != target else target.with_name(
            f"{target.stem} (2){target.suffix}")
        raise TargetIsReport(path=str(target), alt=str(free_name(alt)))
    if word_name != target:
        raise TargetNotWord(path=str(target), alt=str(free_name(word_name)))
    if head and not head.startswith(magic):
        raise TargetNotReplaceable(path=str(target), alt=str(free_name(
            target.with_name(f"{target.stem} (2){target.suffix}"))))


TEMP_PREFIX, TEMP_SUFFIX = ".~hgreport-", ".tmp"


def remove_stale_temporaries(folder: Path) -> None:
    """Remove temporary files that an export killed half-way left in ``folder``."""
    remove_stale(folder, f"{TEMP_PREFIX}*{TEMP_SUFFIX}")


def write_atomically(target: Path, write: Callable[[object], None]) -> Path:
    """Call ``write(file)`` on a temporary file in the target's folder, then move it over
    ``target``. On any failure the temporary file is removed and ``target`` is untouched."""
    target = Path(os.path.abspath(target))
    if target.is_dir():
        raise TargetIsFolder(path=str(target), alt=str(target / "Báo cáo.docx"))
    folder = target.parent
    if not folder.is_dir():
        raise FolderMissing(folder=str(folder), alt=str(other_folder(target)))
    if word_lock_files(target):
        raise TargetInUse(path=str(target), alt=str(free_name(target)))
    remove_stale_temporaries(folder)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise _classify(exc, target, "create") from None
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            mode = (target.stat().st_mode & 0o777) if target.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode | 0o200)
        except OSError as exc:
            raise _classify(exc, target, "write") from None
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise _classify(exc, target, "replace") from None
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    return target


def save_document(document, target: Path) -> Path:
    """Write a python-docx document at ``target`` through :func:`write_atomically`, zipped in
    memory first: a zip writer that fails half-way on a full disk would complain again when it
    is collected, after the clear message."""
    def write(fh) -> None:
        package = io.BytesIO()
        document.save(package)
        fh.write(package.getbuffer())

    return write_atomically(target, write)


def export_docx(report: Report, path: str | Path, profile: Profile | None = None,
                progress: Progress | None = None, stamp: dict[str, str] | None = None) -> Path:
    """Write ``report`` as a Word document at ``path`` and return the path written.

    ``profile`` defaults to the report's own format profile; ``progress(done, total)`` is
    called as sections are written. Errors a user can meet raise
    :class:`hgreport.export.ExportError` subclasses whose message proposes another name."""
    if profile is None:
        profile = load_profile(report.profile)
    target = Path(path)
    if target.is_dir():
        target = target / suggested_filename(report)
    check_target(target)
    document, total = build_document(report, profile, progress, extra_steps=1)
    if stamp:  # where the file came from: its report and revisions (hgreport.review)
        set_custom_properties(document, stamp)
    written = save_document(document, target)
    if progress:
        progress(total, total)
    return written

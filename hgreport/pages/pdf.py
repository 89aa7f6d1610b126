"""PDF without an office suite: the pages of :mod:`.paginate` written with fpdf2.

The fonts the pages were measured with are embedded (only the letters used), the text is
real text (selectable, searchable, Vietnamese extracts as typed), and the document's title,
subject and author are in the file's properties. The file is written beside the target and
moved over it, as the Word export does, so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from ..checks import with_damage_notices
from ..export import check_target, suggested_filename, write_atomically
from ..export.errors import ExportError
from ..export.filenames import free_name
from ..export.package import document_date
from ..layout import Profile
from ..model import Header, Report
from ..resources import load_profile
from .page import Pages, Rule, Text
from .paginate import paginate
from .pdf_errors import PdfTargetReadOnly, as_pdf_error

Progress = Callable[[int, int], None]
PDF_SUFFIXES = (".pdf",)
PDF_MAGIC = (b"%PDF",)
FAMILY = "report"
_FPDF_STYLE = {"R": "", "B": "B", "I": "I", "BI": "BI"}


def _property(text: str) -> str:
    return " ".join((text or "").split())[:255]


def pdf_bytes(pages: Pages, header: Header, progress: Progress | None = None,
              steps: tuple[int, int] = (0, 0)) -> bytes:
    """The PDF of ``pages``. ``progress(done, total)`` is called after each page, counting
    from ``steps[0]`` of ``steps[1]`` (0 of the page count when not given)."""
    from fpdf import FPDF, ViewerPreferences

    first = pages[0]
    pdf = FPDF(unit="pt", format=(first.width, first.height))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.c_margin = 0
    for style, path in pages.fonts.files.items():
        pdf.add_font(FAMILY, _FPDF_STYLE[style], str(path))
    title = _property(header.summary) or _property(header.type_name)
    pdf.set_title(title)
    pdf.set_subject(_property(header.type_name))
    pdf.set_author(_property(header.issuer))
    pdf.set_creator("hgreport")
    pdf.set_producer("hgreport")
    pdf.set_lang("vi-VN")
    pdf.set_creation_date(document_date(header))
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
    done, total = steps if steps[1] else (0, len(pages))
    width = None
    for page in pages:
        pdf.add_page(format=(page.width, page.height))
        current = (None, 0.0)  # fpdf2 sets the font anew on every page
        for item in page.items:
            if isinstance(item, Text):
                key = (item.style, item.size)
                if key != current:
                    pdf.set_font(FAMILY, _FPDF_STYLE[item.style], item.size)
                    current = key
                pdf.text(item.x, item.y, item.text)
            elif isinstance(item, Rule):
                if item.width != width:
                    pdf.set_line_width(item.width)
                    width = item.width
                pdf.line(item.x1, item.y1, item.x2, item.y2)
        done += 1
        if progress:
            progress(done, total)
    return bytes(pdf.output())


def pdf_target(report: Report, path: str | Path) -> Path:
    """The file a PDF export writes: ``path``, or the suggested name in the folder ``path``."""
    target = Path(path)
    if target.is_dir():
        target = target / Path(suggested_filename(report)).with_suffix(".pdf")
    return target


def export_pdf(report: Report, path: str | Path, profile: Profile | None = None,
               progress: Progress | None = None, pages: Pages | None = None) -> Path:
    """Write ``report`` as a PDF at ``path`` (a folder: the suggested name in it) and return
    the path written. ``progress(done, total)`` is called as pages are laid out and drawn;
    ``pages`` skips the layout when the caller has it already (the page view). Errors a user
    can meet raise :class:`hgreport.pages.PdfError` (an :class:`ExportError`) whose message
    proposes another name; a target that is open or read-only is left as it was."""
    target = pdf_target(report, path)
    try:
        check_target(target, PDF_SUFFIXES, PDF_MAGIC)
    except ExportError as exc:
        raise as_pdf_error(exc) from None
    if target.is_file() and not target.stat().st_mode & stat.S_IWUSR:
        raise PdfTargetReadOnly(path=str(target), alt=str(free_name(target)))
    if pages is None:
        if progress:
            progress(0, 1)
        if profile is None:
            profile = load_profile(report.profile)
        pages = paginate(with_damage_notices(report), profile)  # damage said in place
    total = len(pages) + 2
    if progress:
        progress(1, total)
    data = pdf_bytes(pages, report.header, progress, (1, total))

    def write(fh) -> None:
        fh.write(data)

    try:
        written = write_atomically(Path(os.path.abspath(target)), write)
    except ExportError as exc:
        raise as_pdf_error(exc) from None
    if progress:
        progress(total, total)
    return written

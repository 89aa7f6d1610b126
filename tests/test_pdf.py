"""The PDF written without an office suite: the same pages as the page model, real text that
extracts as typed, embedded fonts, the document's properties, a page count LibreOffice agrees
with, and no half-written file whatever goes wrong.

Checks that read the PDF back use poppler (``pdftotext``, ``pdfinfo``) and LibreOffice
(``soffice``) when present and are skipped otherwise."""

from __future__ import annotations

import errno
import re
import shutil
import subprocess

import pytest

from hgreport.cli import main
from hgreport.export import TargetInUse, docx_writer, export_docx
from hgreport.pages import Text, paginate
from hgreport.pages import fonts as fonts_module
from hgreport.pages.pdf import export_pdf
from hgreport.pages.pdf_errors import (
    PdfDiskFull,
    PdfTargetInUse,
    PdfTargetIsReport,
    PdfTargetReadOnly,
    TargetNotPdf,
)

PROFILES = ("hd36-2018", "nd30-2020")


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed")
    return path


def dense(text: str) -> str:
    """Without white space: pdftotext's spacing varies with its version, the letters do not."""
    return "".join(text.split())


def pdf_page_texts(pdf) -> list[str]:
    """The text of every page, in the order it is drawn (``-raw``)."""
    out = subprocess.run([_need("pdftotext"), "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         check=True, capture_output=True, timeout=60).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def pdf_info(pdf) -> dict[str, str]:
    out = subprocess.run([_need("pdfinfo"), "-enc", "UTF-8", str(pdf)], check=True,
                         capture_output=True, timeout=60).stdout.decode("utf-8")
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory):
    from _export_helpers import seed_report

    folder = tmp_path_factory.mktemp("pdf")
    out = {}
    for profile in PROFILES:
        report = seed_report()
        report.profile = profile
        out[profile] = (report, export_pdf(report, folder / f"{profile}.pdf"))
    return out


@pytest.mark.parametrize("profile", PROFILES)
def test_the_text_extracts_as_the_pages_hold_it(seed_pdfs, profile):
    report, pdf = seed_pdfs[profile]
    texts = pdf_page_texts(pdf)
    pages = paginate(report)
    assert len(texts) == len(pages)
    for page, text in zip(pages, texts, strict=True):
        drawn = "".join(dense(i.text) for i in page.items if isinstance(i, Text))
        assert dense(text) == drawn, f"page {page.number}"
    # and what the pages hold is the report: every paragraph and footnote, accents and all
    whole = dense("".join(texts))
    numbers = report.footnote_numbers()
    for section in report.all_sections():
        for p in section.body:
            # as printed: a footnote's number where its reference is
            words = "".join(str(numbers[r.footnote]) if r.footnote else r.text
                            for r in p.runs).split()
            assert dense(" ".join(words[:8])) in whole
            assert dense(" ".join(words[-8:])) in whole
    for fid in report.footnote_numbers():
        assert dense(" ".join(report.footnotes[fid].plain_text.split()[:8])) in whole
    assert "ĐảngbộtỉnhHậuGianglầnthứXIV" in whole


def test_properties_and_embedded_fonts(seed_pdfs):
    report, pdf = seed_pdfs["hd36-2018"]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/FontFile2") == 4  # four faces of the family, embedded
    assert b"/Subtype /Type1" not in data  # no font left for the viewer to guess
    info = pdf_info(pdf)
    assert info["Title"].strip() == report.header.summary
    assert info["Author"].strip() == report.header.issuer
    assert info["Subject"].strip() == report.header.type_name
    assert int(info["Pages"]) == len(paginate(report))
    fonts = subprocess.run([_need("pdffonts"), str(pdf)], check=True, capture_output=True,
                           timeout=60).stdout.decode()
    rows = [line for line in fonts.splitlines() if "TrueType" in line]
    assert len(rows) == 4 and all(re.search(r"yes\s+yes\s+yes", r) for r in rows)


def test_same_report_same_bytes(tmp_path, seed_pdfs):
    report, pdf = seed_pdfs["hd36-2018"]
    again = export_pdf(report, tmp_path / "again.pdf")
    assert again.read_bytes() == pdf.read_bytes()


@pytest.mark.soffice
@pytest.mark.parametrize("profile", PROFILES)
def test_page_count_within_one_of_libreoffice_rendering_the_word_file(tmp_path, seed_pdfs,
                                                                         profile):
    soffice = _need("soffice")
    report, pdf = seed_pdfs[profile]
    docx = export_docx(report, tmp_path / "seed.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    str(docx)], check=True, capture_output=True, timeout=180)
    theirs = int(pdf_info(tmp_path / "lo" / "seed.pdf")["Pages"])
    ours = int(pdf_info(pdf)["Pages"])
    assert abs(ours - theirs) <= 1, (ours, theirs)


def test_progress_runs_to_the_end(tmp_path, seed_report):
    seen = []
    export_pdf(seed_report, tmp_path / "p.pdf", progress=lambda d, t: seen.append((d, t)))
    done = [d for d, _ in seen]
    assert done == sorted(done) and len(seen) > 20
    assert seen[-1][0] == seen[-1][1]


def test_command_line_picks_the_format_from_the_extension(capsys, seed_db, tmp_path):
    assert main(["export", str(seed_db), "-o", str(tmp_path / "bc.pdf")]) == 0
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")
    assert main(["export", str(seed_db), "-o", str(tmp_path / "bc.docx")]) == 0
    assert (tmp_path / "bc.docx").read_bytes().startswith(b"PK")
    assert "bc.pdf" in capsys.readouterr().out


# -- bad input: a clear message, nothing half-written ----------------------------------
def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~hgreport"))


def test_a_read_only_pdf_is_left_as_it_was(tmp_path, seed_report):
    target = tmp_path / "bc.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    target.chmod(0o444)
    with pytest.raises(PdfTargetReadOnly) as refused:
        export_pdf(seed_report, target)
    assert "chỉ cho phép đọc" in str(refused.value) and "bc (2).pdf" in str(refused.value)
    assert refused.value.exit_code == 5
    assert target.read_bytes() == b"%PDF-1.4 old" and _leftovers(tmp_path) == []


def test_a_pdf_open_in_a_viewer_on_windows_is_left_as_it_was(monkeypatch, tmp_path,
                                                             seed_report):
    target = tmp_path / "bc.pdf"
    target.write_bytes(b"%PDF-1.4 old")

    def sharing_violation(src, dst):
        exc = PermissionError(13, "The process cannot access the file")
        exc.winerror = 32
        raise exc

    monkeypatch.setattr(docx_writer.os, "replace", sharing_violation)
    with pytest.raises(PdfTargetInUse) as refused:
        export_pdf(seed_report, target)
    assert isinstance(refused.value, TargetInUse)
    assert "trình xem PDF" in str(refused.value) and "PDF viewer" in refused.value.message("en")
    assert target.read_bytes() == b"%PDF-1.4 old" and _leftovers(tmp_path) == []


def test_a_pdf_open_in_libreoffice_is_not_replaced(tmp_path, seed_report):
    target = tmp_path / "bc.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    (tmp_path / ".~lock.bc.pdf#").write_text("someone")
    with pytest.raises(PdfTargetInUse):
        export_pdf(seed_report, target)
    assert target.read_bytes() == b"%PDF-1.4 old"


def test_a_full_disk_leaves_the_old_pdf_and_no_temporary(monkeypatch, tmp_path, seed_report):
    target = tmp_path / "bc.pdf"
    target.write_bytes(b"%PDF-1.4 old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx_writer.os, "fsync", full)
    with pytest.raises(PdfDiskFull) as refused:
        export_pdf(seed_report, target)
    assert "tệp PDF" in str(refused.value)
    assert target.read_bytes() == b"%PDF-1.4 old" and _leftovers(tmp_path) == []


def test_names_that_are_not_a_pdf_are_refused(tmp_path, seed_report, seed_db):
    with pytest.raises(TargetNotPdf) as wrong:
        export_pdf(seed_report, tmp_path / "bc.txt")
    assert "bc.txt.pdf" in str(wrong.value)
    before = seed_db.read_bytes()
    report_named_pdf = tmp_path / "report.pdf"
    report_named_pdf.write_bytes(before)
    with pytest.raises(PdfTargetIsReport):
        export_pdf(seed_report, report_named_pdf)
    assert report_named_pdf.read_bytes() == before


def test_no_usable_font_is_a_message_and_no_file(monkeypatch, capsys, seed_db, tmp_path):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setattr(fonts_module, "shipped_font_dir", lambda: empty)
    monkeypatch.setattr(fonts_module, "system_font_dirs", lambda: [])
    target = tmp_path / "bc.pdf"
    assert main(["export", str(seed_db), "-o", str(target)]) == 8
    err = capsys.readouterr().err
    assert "phông chữ" in err and "Traceback" not in err
    assert not target.exists() and _leftovers(tmp_path) == []


def test_an_export_error_of_a_newer_kind_is_told_about_the_pdf_as_its_parent_kind():
    from hgreport.export import errors as export_errors
    from hgreport.pages.pdf_errors import as_pdf_error

    class LockedByAntivirus(export_errors.TargetInUse):  # a kind the PDF side does not list
        pass

    told = as_pdf_error(LockedByAntivirus(path="/tmp/bao-cao.pdf", alt="/tmp/bao-cao (2).pdf"))
    assert isinstance(told, PdfTargetInUse)
    assert "PDF" in told.message("en") or "pdf" in told.message("en").lower()

"""Writing the Word file where things go wrong: clear messages, another name, nothing half-written.

CI runs as root, where ``chmod`` does not stop a write; those cases are simulated at the OS call
the writer makes (creating the temporary file, writing it, moving it over the target)."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path

import docx.document
import pytest
from _export_helpers import small_report

from hgreport.errors import ReportError
from hgreport.export import (
    ExportDiskFull,
    ExportError,
    FolderMissing,
    FolderReadOnly,
    TargetInUse,
    docx_writer,
    export_docx,
    suggested_filename,
)

OLD = b"PK\x03\x04 the old Word file the user already has"


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "Báo cáo.docx"
    path.write_bytes(OLD)
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_read_only_folder_is_reported_with_another_folder(monkeypatch, target):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(docx_writer.tempfile, "mkstemp", denied)
    with pytest.raises(FolderReadOnly) as info:
        export_docx(small_report(), target)
    err = info.value
    assert isinstance(err, ReportError) and isinstance(err, ExportError)
    assert "chỉ cho phép đọc" in str(err) and str(target.parent) in str(err)
    assert err.suggestion and Path(err.suggestion).parent != target.parent
    assert err.suggestion in str(err)
    assert target.read_bytes() == OLD


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_really_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(FolderReadOnly):
            export_docx(small_report(), folder / "a.docx")
        assert listing(folder) == []
    finally:
        folder.chmod(0o755)


def test_disk_full_while_writing_leaves_the_old_file_and_no_temporary(monkeypatch, target):
    def save_half(self, stream):
        stream.write(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", save_half)
    before = listing(target.parent)
    with pytest.raises(ExportDiskFull) as info:
        export_docx(small_report(), target)
    assert "đã đầy" in str(info.value)
    assert target.read_bytes() == OLD
    assert listing(target.parent) == before


def test_target_open_in_word(target):
    lock = target.with_name("~$" + target.name[2:])
    lock.write_bytes(b"owner")
    with pytest.raises(TargetInUse) as info:
        export_docx(small_report(), target)
    message = str(info.value)
    assert "đang được mở" in message
    assert info.value.suggestion.endswith("Báo cáo (2).docx")
    assert target.read_bytes() == OLD


def test_target_open_in_libreoffice(target):
    target.with_name(f".~lock.{target.name}#").write_text("owner")
    with pytest.raises(TargetInUse):
        export_docx(small_report(), target)
    assert target.read_bytes() == OLD


def test_windows_refuses_to_replace_an_open_file(monkeypatch, target):
    def sharing_violation(src, dst):
        exc = PermissionError(errno.EACCES, "The process cannot access the file")
        exc.winerror = 32
        raise exc

    monkeypatch.setattr(docx_writer.os, "replace", sharing_violation)
    before = listing(target.parent)
    with pytest.raises(TargetInUse) as info:
        export_docx(small_report(), target)
    assert info.value.suggestion.endswith("(2).docx")
    assert not Path(info.value.suggestion).exists()
    assert target.read_bytes() == OLD
    assert listing(target.parent) == before


def test_permission_denied_on_replace_of_an_existing_file(monkeypatch, target):
    def denied(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(docx_writer.os, "replace", denied)
    with pytest.raises(TargetInUse):
        export_docx(small_report(), target)
    assert target.read_bytes() == OLD


def test_missing_folder(tmp_path):
    with pytest.raises(FolderMissing) as info:
        export_docx(small_report(), tmp_path / "không có" / "a.docx")
    assert "Không có thư mục" in str(info.value)


def test_other_os_errors_become_an_export_error_with_another_name(monkeypatch, target):
    def broken(self, stream):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(docx.document.Document, "save", broken)
    with pytest.raises(ExportError) as info:
        export_docx(small_report(), target)
    assert "Input/output error" in str(info.value)
    assert info.value.suggestion.endswith("(2).docx")
    assert target.read_bytes() == OLD


def test_messages_in_english(target):
    target.with_name("~$" + target.name).write_text("owner")
    with pytest.raises(TargetInUse) as info:
        export_docx(small_report(), target)
    assert "is open" in info.value.message("en")


def test_success_replaces_the_old_file_and_leaves_nothing_else(target):
    before = listing(target.parent)
    export_docx(small_report(), target)
    assert target.read_bytes()[:2] == b"PK"
    assert listing(target.parent) == before
    if os.name == "posix":
        assert target.stat().st_mode & 0o044  # readable by colleagues, not a private temp


# -- the suggested file name ------------------------------------------------------------------
def test_suggested_name_of_the_seed(seed_report):
    assert suggested_filename(seed_report) == (
        "Báo cáo kết quả thực hiện nhiệm vụ công tác năm 2023.docx")


def test_suggested_name_with_a_full_date():
    report = small_report()
    assert suggested_filename(report) == (
        "Báo cáo kết quả thực hiện nhiệm vụ quý I năm 2024 (2024-04-03).docx")


def test_suggested_name_is_safe_on_windows():
    report = small_report()
    report.header = dataclasses.replace(
        report.header, summary='Về "A/B": tỷ lệ 5*3 <x> | y? \\z\x07. ' + "dài " * 80,
        day=None, month=None, year=2024)
    name = suggested_filename(report)
    assert name.endswith(".docx")
    assert not set('\\/:*?"<>|\x07') & set(name)
    assert len(name) <= 110
    assert not name[:-5].endswith((".", " "))


def test_suggested_name_for_an_empty_header_and_reserved_names():
    report = small_report()
    report.header = dataclasses.replace(report.header, type_name="", summary="", year=None,
                                        day=None, month=None)
    assert suggested_filename(report) == "Báo cáo.docx"
    report.header = dataclasses.replace(report.header, type_name="CON")
    assert suggested_filename(report) != "CON.docx"
    assert suggested_filename(report).upper() != "CON.DOCX"

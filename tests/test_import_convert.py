""".doc (Word 97–2003), .odt and .rtf: converted by LibreOffice in the background when it is
installed, a message that says what to do when it is not; conversions that hang or crash,
password-protected files and web pages named .doc refused clearly — and no temporary file
left behind, whatever happens."""

from __future__ import annotations

import os
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from _import_helpers import (
    assert_same_report,
    fake_soffice,
    have,
    ole_file,
    seed_report,
    soffice_convert,
)

from hgreport.cli import main
from hgreport.export import export_docx
from hgreport.importer import (
    ConversionCancelled,
    ConversionFailed,
    ConversionTimedOut,
    Converter,
    DamagedDocument,
    EncryptedDocument,
    HtmlDocument,
    NeedsLibreOffice,
    NotWordDocument,
    OldWordFormat,
    import_docx,
    import_file,
)
from hgreport.importer.container import sniff
from hgreport.importer.convert import find_soffice, windows_candidates
from hgreport.storage import ReportStore

libreoffice = pytest.mark.skipif(not have("soffice"), reason="LibreOffice is not installed")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake LibreOffice is sh")


@pytest.fixture(scope="module")
def seed():
    return seed_report()


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory, seed):
    """The seed exported by hgreport, then saved by LibreOffice as .doc, .odt and .rtf."""
    if not have("soffice"):
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("seed-files")
    src = export_docx(seed, folder / "bao-cao.docx")
    return {fmt: soffice_convert(src, fmt, folder) for fmt in ("doc", "odt", "rtf")}


@pytest.fixture
def temp_root(tmp_path):
    """The folder the converter makes its temporary folder in: empty after every import."""
    root = tmp_path / "temp-root"
    root.mkdir()
    return root


def no_libreoffice(temp_root: Path) -> Converter:
    return Converter(find_soffice(path="", folders=[]), temp_root=temp_root)


def minimal_odt(path: Path, mimetype: str = "application/vnd.oasis.opendocument.text") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first, as ODF asks
        zf.writestr("content.xml", "<office:document-content/>")
    return path


RTF = rb"{\rtf1\ansi\deff0 {\fonttbl {\f0 Times New Roman;}} I. KET QUA\par Noi dung.\par}"


# -- with LibreOffice ----------------------------------------------------------------------------
@libreoffice
@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_seed_saved_by_libreoffice_comes_back(fmt, seed, seed_files, temp_root):
    result = import_file(seed_files[fmt], Converter.find(temp_root=temp_root))
    assert len(result.report.sections) == 17 and len(result.report.footnotes) == 57
    assert_same_report(seed, result.report)
    assert result.summary.issues == []
    first = result.summary_lines()[0]
    assert "LibreOffice" in first and f".{fmt}" in first
    assert result.path == seed_files[fmt]
    assert list(temp_root.iterdir()) == []


@libreoffice
def test_cli_imports_a_doc(seed_files, tmp_path, capsys):
    db = tmp_path / "cu.db"
    assert main(["import", str(seed_files["doc"]), "-o", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Word 97–2003 (.doc)" in out and "LibreOffice" in out
    with ReportStore.open(db) as store:
        report = store.load_report()
    assert len(report.sections) == 17 and len(report.footnotes) == 57


@libreoffice
def test_rtf_named_doc_is_converted_as_rtf_and_said_so(seed_files, tmp_path, temp_root):
    disguised = tmp_path / "bao-cao-rtf.doc"
    disguised.write_bytes(seed_files["rtf"].read_bytes())
    assert sniff(disguised) == "rtf"
    result = import_file(disguised, Converter.find(temp_root=temp_root))
    assert len(result.report.sections) == 17
    assert result.summary_lines()[0].startswith(
        "Tệp “bao-cao-rtf.doc” thực ra là văn bản RTF (.rtf)")
    assert "really an RTF document" in result.summary_lines("en")[0]
    assert list(temp_root.iterdir()) == []


@libreoffice
def test_a_doc_whose_header_says_encrypted_is_refused_before_libreoffice(seed_files, tmp_path):
    """A Word 97–2003 file protected by a password: the file header's "encrypted" flag."""
    import struct

    data = bytearray(seed_files["doc"].read_bytes())
    at = data.find("WordDocument".encode("utf-16-le") + b"\0\0")
    shift = struct.unpack_from("<H", data, 30)[0]
    fib = (struct.unpack_from("<I", data, at + 116)[0] + 1) << shift
    assert struct.unpack_from("<H", data, fib)[0] == 0xA5EC
    struct.pack_into("<H", data, fib + 10, struct.unpack_from("<H", data, fib + 10)[0] | 0x0100)
    locked = tmp_path / "mat-khau.doc"
    locked.write_bytes(bytes(data))
    ran = tmp_path / "ran"
    spy = fake_soffice(tmp_path / "bin", f'touch "{ran}"\nexit 1\n')
    with pytest.raises(EncryptedDocument) as info:
        import_file(locked, Converter(spy))
    assert "mật khẩu" in str(info.value)
    assert not ran.exists()


# -- without LibreOffice -------------------------------------------------------------------------
def test_the_finder_with_an_empty_path_finds_nothing():
    assert find_soffice(path="", folders=[]) is None


@posix_only
def test_the_finder_looks_on_path_and_in_the_install_folders(tmp_path):
    assert find_soffice(path=str(fake_soffice(tmp_path / "a", "exit 0\n").parent),
                        folders=[]) == tmp_path / "a" / "soffice"
    other = tmp_path / "b" / "libreoffice"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    assert find_soffice(path=str(other.parent), folders=[]) == other
    installed = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(b"MZ")
    assert find_soffice(path="", folders=[tmp_path / "nothing.exe", installed]) == installed


def test_windows_install_folders():
    found = windows_candidates({"ProgramFiles": r"D:\Apps", "ProgramFiles(x86)": r"D:\Apps86"})
    names = [str(p).replace("\\", "/") for p in found]
    assert names[:2] == ["D:/Apps/LibreOffice/program/soffice.exe",
                         "D:/Apps86/LibreOffice/program/soffice.exe"]
    assert "C:/Program Files/LibreOffice/program/soffice.exe" in names
    assert "C:/Program Files (x86)/LibreOffice/program/soffice.exe" in names


@pytest.mark.parametrize("kind", ["doc", "odt", "rtf"])
def test_without_libreoffice_the_message_says_what_to_do(kind, tmp_path, temp_root):
    path = tmp_path / f"cu.{kind}"
    if kind == "doc":
        ole_file(path, ["WordDocument", "1Table"])
    elif kind == "odt":
        minimal_odt(path)
    else:
        path.write_bytes(RTF)
    with pytest.raises(NeedsLibreOffice) as info:
        import_file(path, no_libreoffice(temp_root))
    vi, en = str(info.value), info.value.message("en")
    assert f"(.{kind})" in vi and "LibreOffice" in vi
    assert "Hãy mở tệp trong Word và lưu thành .docx" in vi
    assert "save it as .docx" in en
    assert info.value.exit_code == 3
    assert list(temp_root.iterdir()) == []


def test_cli_without_libreoffice_on_path(tmp_path, monkeypatch, capsys):
    if sys.platform == "win32":
        pytest.skip("Windows looks in its install folders too")
    monkeypatch.setenv("PATH", "")
    doc = ole_file(tmp_path / "cu.doc", ["WordDocument", "1Table"])
    code = main(["import", str(doc), "-o", str(tmp_path / "cu.db")])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    assert "lưu thành .docx" in err and "LibreOffice" in err
    assert not (tmp_path / "cu.db").exists()


def test_import_docx_alone_still_asks_for_a_docx(tmp_path):
    with pytest.raises(OldWordFormat):
        import_docx(ole_file(tmp_path / "cu.doc", ["WordDocument"]))


# -- bad input -----------------------------------------------------------------------------------
@posix_only
def test_a_conversion_that_hangs_is_stopped(tmp_path, temp_root):
    pid_file = tmp_path / "pid"
    hang = fake_soffice(tmp_path / "bin", (
        'echo "nửa chừng" > "$TMPDIR/lu123.tmp"\n'    # LibreOffice's own temporary files
        f'sleep 300 &\necho $! > "{pid_file}"\nwait\n'))
    doc = ole_file(tmp_path / "treo.doc", ["WordDocument", "1Table"])
    start = time.monotonic()
    with pytest.raises(ConversionTimedOut) as info:
        import_file(doc, Converter(hang, timeout=2, temp_root=temp_root))
    assert time.monotonic() - start < 10
    assert "2 giây" in str(info.value) and "lưu thành .docx" in str(info.value)
    assert list(temp_root.iterdir()) == []
    assert not _alive(int(pid_file.read_text())), "the process LibreOffice started is stopped"


@posix_only
def test_a_conversion_that_crashes(tmp_path, temp_root):
    crash = fake_soffice(tmp_path / "bin",
                         'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    path = tmp_path / "x.rtf"
    path.write_bytes(RTF)
    with pytest.raises(ConversionFailed) as info:
        import_file(path, Converter(crash, temp_root=temp_root))
    assert "source file could not be loaded" in str(info.value)
    assert "(.rtf)" in str(info.value)
    assert list(temp_root.iterdir()) == []


@posix_only
def test_a_conversion_that_ends_well_but_writes_nothing(tmp_path, temp_root):
    quiet = fake_soffice(tmp_path / "bin", "exit 0\n")
    path = minimal_odt(tmp_path / "x.odt")
    with pytest.raises(ConversionFailed) as info:
        import_file(path, Converter(quiet, temp_root=temp_root))
    assert "LibreOffice dừng với mã 0" in str(info.value)
    assert list(temp_root.iterdir()) == []


@posix_only
def test_a_conversion_that_writes_nonsense_names_the_users_file(tmp_path, temp_root):
    """The converted file is damaged: the message names the file the user chose, not a
    temporary one."""
    broken = fake_soffice(tmp_path / "bin", (
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'printf "PK\\003\\004 hỏng" > "$2/source.docx"\n'))
    doc = ole_file(tmp_path / "hong.doc", ["WordDocument"])
    with pytest.raises(DamagedDocument) as info:
        import_file(doc, Converter(broken, temp_root=temp_root))
    assert str(doc) in str(info.value) and "source.docx" not in str(info.value)
    assert list(temp_root.iterdir()) == []


@posix_only
def test_stopping_a_conversion(tmp_path, temp_root):
    hang = fake_soffice(tmp_path / "bin", "sleep 300 & wait\n")
    converter = Converter(hang, timeout=60, temp_root=temp_root)
    threading.Timer(0.5, converter.cancel.set).start()
    start = time.monotonic()
    with pytest.raises(ConversionCancelled):
        import_file(ole_file(tmp_path / "x.doc", ["WordDocument"]), converter)
    assert time.monotonic() - start < 10
    assert list(temp_root.iterdir()) == []


@pytest.mark.parametrize("streams", [["EncryptionInfo", "EncryptedPackage"], ["EncryptionInfo"]],
                         ids=["package", "info"])
def test_password_protected_file_named_doc(tmp_path, temp_root, streams):
    ran = tmp_path / "ran"
    spy = fake_soffice(tmp_path / "bin", f'touch "{ran}"\nexit 1\n')
    path = ole_file(tmp_path / "mat-khau.doc", streams + ["WordDocument"])
    with pytest.raises(EncryptedDocument) as info:
        import_file(path, Converter(spy, temp_root=temp_root))
    assert "mật khẩu" in str(info.value)
    assert not ran.exists() and list(temp_root.iterdir()) == []


@pytest.mark.parametrize("content", [
    b'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-'
    b'com:office:word"><head><meta charset="utf-8"></head><body><p>B\xc3\x81O C\xc3\x81O</p>'
    b'</body></html>',
    "\ufeff<!DOCTYPE html><html><body>Báo cáo</body></html>".encode("utf-16"),
    b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
    b'<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
], ids=["word-web-page", "utf16-html", "mhtml", "xhtml"])
def test_web_page_named_doc(tmp_path, temp_root, content):
    ran = tmp_path / "ran"
    spy = fake_soffice(tmp_path / "bin", f'touch "{ran}"\nexit 1\n')
    path = tmp_path / "tai-ve.doc"
    path.write_bytes(content)
    with pytest.raises(HtmlDocument) as info:
        import_file(path, Converter(spy, temp_root=temp_root))
    assert "trang web (HTML)" in str(info.value) and "lưu thành .docx" in str(info.value)
    assert "web page" in info.value.message("en")
    assert not ran.exists() and list(temp_root.iterdir()) == []


@pytest.mark.parametrize("kind", ["ods", "xls", "pdf", "empty"])
def test_other_files_are_not_word_files(tmp_path, temp_root, kind):
    path = tmp_path / "bang.doc"
    if kind == "ods":
        minimal_odt(path, "application/vnd.oasis.opendocument.spreadsheet")
    elif kind == "xls":
        ole_file(path, ["Workbook", "SummaryInformation"])
    else:
        path.write_bytes(b"%PDF-1.7\n" if kind == "pdf" else b"")
    with pytest.raises(NotWordDocument):
        import_file(path, Converter.find(temp_root=temp_root))
    assert list(temp_root.iterdir()) == []


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting for its parent does not)."""
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        if state in ("Z", "X"):
            return False
        time.sleep(0.1)
    return True


@posix_only
def test_a_temporary_folder_that_cannot_be_made(tmp_path):
    from hgreport.errors import IOProblem

    spy = fake_soffice(tmp_path / "bin", "exit 1\n")
    missing = tmp_path / "khong-co" / "temp"
    with pytest.raises(IOProblem) as info:
        import_file(ole_file(tmp_path / "x.doc", ["WordDocument"]),
                    Converter(spy, temp_root=missing))
    assert str(missing) in str(info.value)

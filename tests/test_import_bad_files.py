"""Files the import refuses, each with a clear message and without filling memory or disk."""

from __future__ import annotations

import tracemalloc
import zipfile

import pytest
from _import_helpers import build_docx, have, make_docx, ole_file, p, seed_report

from hgreport import errors
from hgreport.importer import (
    DamagedDocument,
    EncryptedDocument,
    NotWordDocument,
    OldWordFormat,
    TooLarge,
    container,
    import_docx,
)


@pytest.fixture(scope="module")
def good_docx(tmp_path_factory):
    return build_docx(seed_report(), tmp_path_factory.mktemp("good") / "report.docx")


def test_old_doc_asks_to_save_as_docx(tmp_path):
    path = ole_file(tmp_path / "baocao.doc", ["WordDocument", "1Table", "SummaryInformation"])
    with pytest.raises(OldWordFormat) as info:
        import_docx(path)
    err = info.value
    assert isinstance(err, errors.ReportError)
    assert "(.doc)" in str(err) and ".docx" in str(err) and "Lưu thành" in str(err)
    assert "Save As" in err.message("en")
    assert err.exit_code == 3


@pytest.mark.skipif(not have("soffice"), reason="LibreOffice is not installed")
def test_real_doc_written_by_libreoffice(tmp_path, good_docx):
    import subprocess

    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(good_docx)],
                   check=True, capture_output=True, timeout=180)
    doc = tmp_path / "report.doc"
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    with pytest.raises(OldWordFormat):
        import_docx(doc)
    # the same bytes under a .docx name are still recognised for what they are
    renamed = tmp_path / "renamed.docx"
    renamed.write_bytes(doc.read_bytes())
    with pytest.raises(OldWordFormat):
        import_docx(renamed)


def test_encrypted_document(tmp_path):
    path = ole_file(tmp_path / "mat-khau.docx",
                    ["EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"])
    with pytest.raises(EncryptedDocument) as info:
        import_docx(path)
    assert "mật khẩu" in str(info.value)
    assert "password" in info.value.message("en")


def test_truncated_zip_is_damaged(tmp_path, good_docx):
    data = good_docx.read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DamagedDocument) as info:
        import_docx(path)
    assert "bị hỏng" in str(info.value)


def test_corrupted_part_is_damaged(tmp_path, good_docx):
    """Bytes flipped inside the compressed document part: a CRC or inflate error."""
    with zipfile.ZipFile(good_docx) as zf:
        info = zf.getinfo("word/document.xml")
    data = bytearray(good_docx.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 100, start + 400, 7):
        data[i] ^= 0x5A
    path = tmp_path / "flipped.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedDocument):
        import_docx(path)


def test_broken_xml_is_damaged(tmp_path):
    path = make_docx(tmp_path / "xml.docx", "", document_xml=b"<w:document><w:body><w:p>")
    with pytest.raises(DamagedDocument) as info:
        import_docx(path)
    assert "word/document.xml" in str(info.value)


def test_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:p><w:r><w:t>I. MỞ ĐẦU &x;</w:t></w:r></w:p></w:body></w:document>')
    path = make_docx(tmp_path / "xxe.docx", "", document_xml=xml.encode())
    try:
        report = import_docx(path).report
    except DamagedDocument:
        return
    text = " ".join(s.title + s.plain_text for s in report.all_sections())
    assert "BÍ MẬT" not in text


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "Báo cáo viết bằng Notepad".encode(),
    b"{\\rtf1\\ansi Bao cao}",
    b"",
], ids=["pdf", "text", "rtf", "empty"])
def test_not_a_word_file(tmp_path, content):
    path = tmp_path / "baocao.docx"
    path.write_bytes(content)
    with pytest.raises(NotWordDocument) as info:
        import_docx(path)
    assert "không phải là tài liệu Word" in str(info.value)


def test_other_zip_files_are_not_word(tmp_path):
    plain = tmp_path / "anh.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("anh.txt", "không phải Word")
    with pytest.raises(NotWordDocument):
        import_docx(plain)
    sheet = make_docx(tmp_path / "bang.docx", p("x"), main_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"))
    with pytest.raises(NotWordDocument):
        import_docx(sheet)


def test_missing_file(tmp_path):
    with pytest.raises(errors.FileMissing):
        import_docx(tmp_path / "khong-co.docx")


def test_folder_is_not_a_word_file(tmp_path):
    with pytest.raises(NotWordDocument):
        import_docx(tmp_path)


def _bomb(path, size: int):
    """A Word package whose document part unpacks to ``size`` bytes of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/content-types"/>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="'
                    'http://schemas.openxmlformats.org/officeDocument/2006/relationships/office'
                    'Document" Target="word/document.xml"/></Relationships>')
        with zf.open("word/document.xml", "w", force_zip64=True) as out:
            chunk = b" " * (1024 * 1024)
            for _ in range(size // len(chunk)):
                out.write(chunk)
    return path


@pytest.mark.parametrize("size_mb, says", [(100, "unpacks to 100 MB"), (10, "zip bomb")],
                         ids=["over-the-size-cap", "over-the-ratio-cap"])
def test_zip_bomb_refused_before_unpacking(tmp_path, size_mb, says):
    path = _bomb(tmp_path / "bomb.docx", size_mb * container.MB)
    assert path.stat().st_size < container.MB
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as info:
            import_docx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * container.MB
    assert "quá lớn" in str(info.value)
    assert says in info.value.message("en")
    assert info.value.exit_code == 10


def test_zip_bomb_with_a_lying_size_is_cut_off(tmp_path, monkeypatch):
    """The declared size says small; reading stops at the cap all the same."""
    path = _bomb(tmp_path / "liar.docx", 8 * container.MB)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    # rewrite the declared size in the central directory entry to 1,000 bytes
    cd = data.rfind(info.filename.encode()) - 46  # the central directory entry
    assert data[cd:cd + 4] == b"PK\x01\x02"
    monkeypatch.setattr(container, "MAX_RATIO", 10**9)  # the ratio test alone would catch it
    size_field = cd + 24
    assert int.from_bytes(data[size_field:size_field + 4], "little") == 8 * container.MB
    data[size_field:size_field + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises((DamagedDocument, TooLarge)):
        import_docx(path)


def test_absurdly_large_file_refused_without_reading(tmp_path):
    path = tmp_path / "khong-lo.docx"
    with open(path, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(container.MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(TooLarge) as info:
        import_docx(path)
    assert "MB" in str(info.value)


def test_too_many_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(container, "MAX_ENTRIES", 50)
    path = make_docx(tmp_path / "many.docx", p("I. MỞ ĐẦU"))
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(60):
            zf.writestr(f"word/media/anh{i}.png", b"x")
    with pytest.raises(TooLarge):
        import_docx(path)


def test_opendocument_text_is_not_word(tmp_path):
    odt = tmp_path / "baocao.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
        zf.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    with pytest.raises(NotWordDocument):
        import_docx(odt)


# -- damaged zip structures (issue 16: 8 of 500 byte-flipped files gave a traceback) ------------
def _central_entry(data: bytes, name: str) -> int:
    """Offset of the central directory entry of ``name``."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{name} not in the central directory")


def _local_entry(data: bytes, name: str) -> int:
    """Offset of the local header of ``name``."""
    at = data.find(b"PK\x03\x04")
    while at >= 0:
        length = int.from_bytes(data[at + 26:at + 28], "little")
        if data[at + 30:at + 30 + length] == name.encode():
            return at
        at = data.find(b"PK\x03\x04", at + 4)
    raise AssertionError(f"{name} has no local header")


def _refused_as_damaged(path) -> DamagedDocument:
    with pytest.raises(DamagedDocument) as info:
        import_docx(path)
    err = info.value
    assert "bị hỏng" in str(err) and "damaged" in err.message("en")
    assert err.exit_code == 3
    return err


def test_a_zip_entry_asking_for_an_unknown_zip_version_is_damaged(tmp_path, good_docx):
    """One flipped byte in the version an entry needs: zipfile says "zip file version 8.9"
    (NotImplementedError) when the archive is opened."""
    data = bytearray(good_docx.read_bytes())
    data[_central_entry(data, "word/styles.xml") + 6] = 89
    path = tmp_path / "version.docx"
    path.write_bytes(bytes(data))
    _refused_as_damaged(path)


def test_an_entry_name_that_is_not_utf8_is_damaged(tmp_path, good_docx):
    """A name flagged UTF-8 whose bytes are not UTF-8: in the central directory (read when the
    archive is opened) and in the local header (read when the part is read)."""
    for header in ("central", "local"):
        data = bytearray(good_docx.read_bytes())
        if header == "central":
            at = _central_entry(data, "word/document.xml")
            flags, name_at = at + 8, at + 46
        else:
            at = _local_entry(data, "word/document.xml")
            flags, name_at = at + 6, at + 30
        data[flags + 1] |= 0x08  # bit 11: the name is UTF-8
        data[name_at + 11] = 0x93  # "word/docume\x93t.xml": not UTF-8
        path = tmp_path / f"name-{header}.docx"
        path.write_bytes(bytes(data))
        _refused_as_damaged(path)


def test_an_entry_with_an_unknown_compression_method_is_damaged(tmp_path, good_docx):
    data = bytearray(good_docx.read_bytes())
    at = _central_entry(data, "word/document.xml")
    data[at + 10] = 0x63  # method 99: AES, not something zipfile reads
    path = tmp_path / "method.docx"
    path.write_bytes(bytes(data))
    _refused_as_damaged(path)


def test_a_part_of_too_many_xml_elements_is_refused_before_parsing(tmp_path, monkeypatch):
    """Every parsed element costs memory whatever its size in the file (64 MB of "<w:p/>" is
    over a gigabyte): the count is checked before parsing."""
    monkeypatch.setattr(container, "MAX_ELEMENTS", 1000)
    path = make_docx(tmp_path / "many.docx", p("I. MỞ ĐẦU") + "<w:p/>" * 1200)
    with pytest.raises(TooLarge) as info:
        import_docx(path)
    assert "word/document.xml" in str(info.value) and "1000" in str(info.value)
    assert "XML elements" in info.value.message("en")
    monkeypatch.setattr(container, "MAX_ELEMENTS", 2000)
    monkeypatch.setattr(container, "MAX_TOTAL_ELEMENTS", 1100)
    with pytest.raises(TooLarge) as info:
        import_docx(path)
    assert "in all" in info.value.message("en")

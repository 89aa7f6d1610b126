"""What an attack on 0.1.0 found (issue 16): each case reproduced first, then held."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from _import_helpers import make_docx, p

from hgreport.cli import main
from hgreport.export import TargetIsReport, TargetNotReplaceable, TargetNotWord, export_docx
from hgreport.importer import import_docx
from hgreport.numbering import roman
from hgreport.storage import ReportStore


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- 1. an export never destroys a report -----------------------------------------------------
def test_export_onto_the_report_itself_is_refused_and_the_report_survives(capsys, seed_db):
    before = digest(seed_db)
    code, out, err = run(capsys, "export", seed_db, "-o", seed_db)
    assert code == 2
    assert "tệp báo cáo" in err and "Traceback" not in err and "Đã xuất" not in out
    assert digest(seed_db) == before
    with ReportStore.open(seed_db, read_only=True) as store:
        assert len(store.load_report().footnotes) == 57


def test_export_onto_another_report_is_refused_even_when_named_docx(capsys, seed_db, tmp_path):
    other = tmp_path / "khac.docx"  # a report saved under a Word-looking name
    other.write_bytes(seed_db.read_bytes())
    before = digest(other)
    code, _, err = run(capsys, "export", seed_db, "-o", other)
    assert code == 2 and "tệp báo cáo" in err
    assert digest(other) == before


def test_export_needs_a_docx_name_and_never_replaces_a_foreign_file(seed_report, tmp_path):
    with pytest.raises(TargetNotWord) as raised:
        export_docx(seed_report, tmp_path / "bao-cao.db")
    assert raised.value.suggestion.endswith("bao-cao.db.docx")
    assert not (tmp_path / "bao-cao.db").exists()
    notes = tmp_path / "ghi-chu.docx"
    notes.write_text("ghi chép quan trọng", encoding="utf-8")
    with pytest.raises(TargetNotReplaceable):
        export_docx(seed_report, notes)
    assert notes.read_text(encoding="utf-8") == "ghi chép quan trọng"
    with pytest.raises(TargetIsReport):
        export_docx(seed_report, tmp_path.joinpath("r.docx").write_bytes(
            b"SQLite format 3\x00" + b"\0" * 100) and tmp_path / "r.docx")


def test_export_still_replaces_an_older_word_file(seed_report, tmp_path):
    target = tmp_path / "bao-cao.docx"
    export_docx(seed_report, target)
    first = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert export_docx(seed_report, target) == target
    assert target.stat().st_mtime_ns >= first


def test_export_into_a_folder_prints_the_file_written(capsys, seed_db, tmp_path):
    out_dir = tmp_path / "xuat"
    out_dir.mkdir()
    code, out, _ = run(capsys, "export", seed_db, "-o", out_dir)
    assert code == 0
    written = next(out_dir.glob("*.docx"))
    assert str(written) in out


# -- 2. numbers taken from a file are bounded ---------------------------------------------------
def test_roman_numerals_are_bounded_whatever_the_number():
    assert roman(1994) == "MCMXCIV" and roman(3999) == "MMMCMXCIX"
    assert roman(10_000_000_000_000) == "10000000000000"
    assert roman(0) == "0" and roman(-4) == "-4"


HUGE_START = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="10000000000000"/>'
    '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="99999999999"><w:start w:val="-7"/>'
    '<w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="99999999999999999999"/></w:lvlOverride></w:num>')


def _numbered(text: str, num: int) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>')


def test_a_list_that_starts_at_ten_trillion_imports_at_once(tmp_path):
    body = p("I. MỞ ĐẦU") + _numbered("mục một", 1) + _numbered("mục hai", 2) + p("Hết.")
    path = make_docx(tmp_path / "hostile.docx", body, numbering=HUGE_START)
    result: list = []
    worker = threading.Thread(target=lambda: result.append(import_docx(path)), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "import of a hostile list start did not finish in 10 s"
    texts = ["".join(r.text for r in para.runs) for para in result[0].report.sections[0].body]
    assert texts[-1] == "Hết." and any(t.endswith("mục một") for t in texts)
    # the clamped start is written in figures, not as a wall of Ms
    assert all(len(t) < 40 for t in texts)


def test_a_symbol_with_an_impossible_code_is_dropped_not_a_crash(tmp_path):
    body = (p("I. MỞ ĐẦU") + '<w:p><w:r><w:t>Đầu</w:t></w:r>'
            '<w:r><w:sym w:font="Wingdings" w:char="FFFFFFFFFFFF"/></w:r>'
            '<w:r><w:sym w:font="Symbol" w:char="D800"/></w:r>'
            '<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'
            '<w:r><w:t>cuối</w:t></w:r></w:p>')
    report = import_docx(make_docx(tmp_path / "sym.docx", body)).report
    text = "".join(r.text for r in report.sections[0].body[0].runs)
    assert text.startswith("Đầu") and text.endswith("cuối") and "\u00b7" in text


# -- 6. a full disk: the message, and nothing after it -----------------------------------------
@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB file system (tmpfs), where the machine lets us mount one (root on Linux)."""
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "usb"
    folder.mkdir()
    if not sys.platform.startswith("linux") or not shutil.which("mount"):
        pytest.skip("needs Linux mount")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_export_on_a_full_disk_says_so_once_and_leaves_nothing(small_disk, tmp_path):
    import subprocess
    import sys

    report = small_disk / "bao-cao.db"
    assert main(["new", str(report), "--sample"]) == 0
    filler = small_disk / "filler.bin"
    import os

    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill the disk to the last byte
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    before = sorted(p.name for p in small_disk.iterdir())
    done = subprocess.run([sys.executable, "-m", "hgreport", "export", str(report), "-o",
                           str(small_disk / "bao-cao.docx")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "HGREPORT_LANG": "vi"})
    assert done.returncode == 7, done.stderr
    assert "đã đầy" in done.stderr
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == before


def test_an_export_killed_half_way_leaves_nothing_that_outlives_the_next_export(seed_report,
                                                                                tmp_path):
    import os

    old = tmp_path / ".~hgreport-abc123.tmp"  # left by an export killed an hour ago
    old.write_bytes(b"PK\x03\x04 half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    running = tmp_path / ".~hgreport-def456.tmp"  # a colleague's export, writing right now
    running.write_bytes(b"PK\x03\x04 busy")
    export_docx(seed_report, tmp_path / "bao-cao.docx")
    assert not old.exists() and running.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".~hgreport-def456.tmp", "bao-cao.docx"]


# -- 5. a damaged format number is a clear message, not a ValueError ---------------------------
@pytest.mark.parametrize("value, code, words", [("abc", 8, "hỏng"), ("1.5", 4, "phiên bản hgreport mới hơn")])
def test_a_damaged_format_number_is_named_on_every_command(capsys, seed_db, value, code, words):
    import sqlite3

    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", (value,))
    conn.commit()
    conn.close()
    for argv in (["info", seed_db], ["check", seed_db], ["search", seed_db, "dang"],
                 ["export", seed_db, "-o", seed_db.with_suffix(".docx")]):
        got, _, err = run(capsys, *argv)
        assert got == code, (argv, err)
        assert words in err.lower() and "Traceback" not in err


def test_a_documents_folder_that_cannot_be_checked_is_no_traceback(seed_report, tmp_path,
                                                                   monkeypatch):
    """Export into a read-only folder proposes another folder; when even the Documents folder
    cannot be looked at (no permission), the proposal passes it over instead of crashing."""
    import errno
    from pathlib import Path

    from hgreport.export import ExportError

    real_is_dir = Path.is_dir

    def guarded(self):
        if self.name == "Documents":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", guarded)

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    with pytest.raises(ExportError) as raised:
        export_docx(seed_report, tmp_path / "bao-cao.docx")
    assert "chỉ cho phép đọc" in str(raised.value)
    assert raised.value.suggestion.endswith("bao-cao.docx")


def test_a_report_build_killed_half_way_is_cleaned_up_by_the_next_one(tmp_path):
    import os

    old = tmp_path / ".bao-cao.db.1a2b3c4d.hgreport-tmp"  # `new` killed an hour ago
    old.write_bytes(b"SQLite format 3\x00")
    old.with_name(old.name + "-journal").write_bytes(b"x")
    for leftover in (old, old.with_name(old.name + "-journal")):
        os.utime(leftover, (time.time() - 7200, time.time() - 7200))
    running = tmp_path / ".khac.db.5e6f7a8b.hgreport-tmp"  # a colleague's import, under way
    running.write_bytes(b"SQLite format 3\x00")
    assert main(["new", str(tmp_path / "bao-cao.db")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [running.name, "bao-cao.db"]


def test_a_revision_chain_that_loops_back_on_itself_ends_instead_of_hanging(seed_db):
    """A damaged file whose revisions point back at each other: reading a state back along
    the chain (merge, drafts, rebase, recovery of a damaged row) stops, it does not hang."""
    import sqlite3

    from hgreport.model import Paragraph

    with ReportStore.open(seed_db, author="A") as store:
        sec = next(s for s in store.load_report().ordered_sections() if s.body)
        sec.body = [Paragraph.of("Lần lưu thứ hai.")]
        store.save_section(sec)
        store.delete_section(sec.id)
        chain = [r.id for r in store.walk_back(store.entity_row("section", sec.id)["rev_id"])]
    assert len(chain) == 3  # the deletion, the second save, the first
    con = sqlite3.connect(seed_db)
    with con:  # every revision content-less, and the first one pointing at the newest
        con.execute("UPDATE revisions SET data = '{}' WHERE entity_id = ?", (sec.id,))
        con.execute("UPDATE revisions SET parent_id = ? WHERE id = ?", (chain[0], chain[-1]))
    con.close()
    with ReportStore.open(seed_db) as store:
        assert [r.id for r in store.walk_back(chain[0])] == chain
        assert store.state_at("section", chain[0]) is None

"""The report file on disk (issue 16, items 4, 6 and 7): a save interrupted by a crash is rolled
back by the next command, even a read-only one; a new file appears only when complete, so a full
disk, an error or a killed import leaves nothing that blocks a retry; a folder that cannot be
written and a file locked by a colleague get the right message."""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from hgreport import errors
from hgreport.cli import main
from hgreport.storage import ReportStore, errormap, files, writes

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEED = ROOT.parent / "shared" / "seed" / "report-2023.json"
BROKEN = "HỎNG "  # what the interrupted save was writing into every title

_KILLED_MID_SAVE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # changed pages spill into the file before the commit
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE sections SET title = ? || title, body = body || body", (sys.argv[2],))
print("mid-save", flush=True)
time.sleep(120)
"""


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _kill_mid_save(path: Path) -> None:
    """A writer killed in the middle of a save: the file holds half of it, and the hot journal
    beside it what is needed to undo it."""
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_MID_SAVE, str(path), BROKEN],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "mid-save"
    proc.kill()
    proc.communicate(timeout=30)
    assert files.has_journal(path)


@pytest.fixture
def crashed(seed_db, tmp_path):
    """Returns a function that puts back the seed file as the killed writer left it."""
    _kill_mid_save(seed_db)
    kept = tmp_path / "kept"
    kept.mkdir()
    shutil.copy(seed_db, kept / "report.db")
    shutil.copy(files.journal_of(seed_db), kept / "report.db-journal")

    def again() -> Path:
        shutil.copy(kept / "report.db", seed_db)
        shutil.copy(kept / "report.db-journal", files.journal_of(seed_db))
        return seed_db

    return again


def _tree_titles(nodes: list[dict]) -> list[str]:
    """The titles of ``info --json``'s section tree in reading order."""
    return [t for n in nodes for t in [n["title"], *_tree_titles(n["children"])]]


def _titles(path: Path) -> list[str]:
    with ReportStore.open(path, read_only=True) as store:
        return [s.title for s in store.load_report().ordered_sections()]


# -- 4. a save interrupted by a crash -------------------------------------------------------------
def test_every_read_command_rolls_back_an_interrupted_save(capsys, crashed, seed_report,
                                                           tmp_path):
    committed = [s.title for s in seed_report.ordered_sections()]
    for argv in (["check"], ["info", "--json"], ["search", "cong tac dan van"],
                 ["export", "-o", tmp_path / "bao-cao.docx"], ["copy", tmp_path / "copy.db"]):
        db = crashed()
        code, out, err = run(capsys, argv[0], db, *argv[1:])
        assert code == 0, (argv, err)
        assert "hoàn tác" in err, argv  # told that an interrupted save was rolled back
        assert not files.journal_of(db).exists()
        assert _titles(db) == committed
        if argv[0] == "info":
            assert _tree_titles(json.loads(out)["sections"]) == committed
        if argv[0] == "search":
            assert "Công tác dân vận" in out
    with zipfile.ZipFile(tmp_path / "bao-cao.docx") as docx:
        assert BROKEN.strip() not in docx.read("word/document.xml").decode("utf-8")
    assert _titles(tmp_path / "copy.db") == committed


def test_opening_without_a_crash_says_nothing(capsys, seed_db):
    code, _, err = run(capsys, "check", seed_db)
    assert code == 0 and err == ""
    with ReportStore.open(seed_db, read_only=True) as store:
        assert not store.recovered and store.recovery_notice() is None


def test_a_colleagues_save_under_way_is_not_taken_for_a_crash(seed_db):
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE sections SET title = title || ' (sửa)'")
    try:
        with ReportStore.open(seed_db, read_only=True) as store:
            assert not store.recovered
    finally:
        holder.execute("COMMIT")
        holder.close()


def test_an_interrupted_save_in_a_read_only_file_is_explained(crashed, monkeypatch, capsys):
    db = crashed()
    monkeypatch.setattr("hgreport.storage.files.writable", lambda path: False)
    code, _, err = run(capsys, "info", db)
    assert code == 5 and "gián đoạn" in err and "Traceback" not in err
    with pytest.raises(errors.RecoveryNeeded) as raised:
        ReportStore.open(db, read_only=True)
    assert "interrupted" in raised.value.message("en")
    assert files.journal_of(db).exists()  # left for a program that may write the file


# -- 6. a new file appears only when complete ---------------------------------------------------
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_error_half_way_through_create_leaves_nothing(seed_report, tmp_path, monkeypatch):
    target = tmp_path / "moi.db"
    real = writes.record_state
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 30:
            raise RuntimeError("hỏng giữa chừng")
        return real(*args, **kwargs)

    monkeypatch.setattr(writes, "record_state", failing)
    with pytest.raises(RuntimeError):
        ReportStore.create(target, seed_report)
    assert _leftovers(tmp_path) == []
    monkeypatch.setattr(writes, "record_state", real)
    with ReportStore.create(target, seed_report) as store:  # the retry is not "already exists"
        assert len(store.load_report().footnotes) == 57
    assert _leftovers(tmp_path) == ["moi.db"]


def test_a_disk_full_when_moving_into_place_leaves_nothing(seed_report, tmp_path, monkeypatch):
    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full)
    with pytest.raises(errors.DiskFull):
        ReportStore.create(tmp_path / "moi.db", seed_report)
    assert _leftovers(tmp_path) == []


def test_a_file_that_appeared_meanwhile_is_never_replaced(seed_report, tmp_path, monkeypatch):
    target = tmp_path / "moi.db"
    real = files.move_into_place

    def colleague_first(built, path):
        path.write_bytes(b"the colleague's file")
        return real(built, path)

    monkeypatch.setattr(files, "move_into_place", colleague_first)
    with pytest.raises(errors.AlreadyExists):
        ReportStore.create(target, seed_report)
    assert target.read_bytes() == b"the colleague's file"
    assert _leftovers(tmp_path) == ["moi.db"]


_SLOW_IMPORT = """
import sys, time
from hgreport.interchange import load_report_json
from hgreport.storage import ReportStore, writes
real = writes.record_state
def slow(*args, **kwargs):
    time.sleep(0.01)
    return real(*args, **kwargs)
writes.record_state = slow
report = load_report_json(sys.argv[2])
print("creating", flush=True)
ReportStore.create(sys.argv[1], report)
"""


def test_a_killed_import_leaves_no_report_behind(tmp_path, capsys):
    target = tmp_path / "nhap.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_IMPORT, str(target), str(SEED)],
                            stdout=subprocess.PIPE, env=env, text=True)
    assert proc.stdout.readline().strip() == "creating"
    time.sleep(0.3)  # some entities written, far from all 75
    proc.kill()
    proc.communicate(timeout=30)
    assert not target.exists() and not files.journal_of(target).exists()
    code, _, err = run(capsys, "info", target)
    assert code == 2 and "Không tìm thấy" in err  # not "not a report file"
    assert run(capsys, "new", target)[0] == 0  # the retry works


# -- tmpfs mounts: a disk that fills up, a folder that cannot be written ---------------------------
@pytest.fixture
def mount(tmp_path):
    """``mount(name, size)`` makes a tmpfs of ``size`` at tmp_path/name; skips the test where
    mounting is not possible (not root, no mount command, a container without the right)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    points: list[Path] = []

    def make(name: str, size: str = "2m") -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                               str(point)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
        points.append(point)
        return point

    yield make
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True, capture_output=True)


def _fill(point: Path, leave: int) -> Path:
    """Fill the mount up to ``leave`` free bytes."""
    stat = os.statvfs(point)
    filler = point / "filler.bin"
    filler.write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - leave))
    return filler


def test_new_and_import_on_a_full_disk_leave_nothing_and_the_retry_works(mount, capsys,
                                                                         seed_db, tmp_path):
    docx = tmp_path / "bao-cao.docx"
    assert run(capsys, "export", seed_db, "-o", docx)[0] == 0
    disk = mount("usb", "2m")
    filler = _fill(disk, 48 * 1024)
    for argv in (["new", disk / "moi.db"], ["import", docx, "-o", disk / "nhap.db"]):
        code, out, err = run(capsys, *argv)
        assert code == 7, (argv, out, err)
        assert "đầy" in err and "Traceback" not in err
        assert _leftovers(disk) == ["filler.bin"]
    filler.unlink()
    assert run(capsys, "new", disk / "moi.db")[0] == 0
    assert run(capsys, "import", docx, "-o", disk / "nhap.db")[0] == 0
    assert run(capsys, "check", disk / "nhap.db")[0] == 0


def test_writing_into_a_read_only_folder_says_read_only(mount, capsys, seed_db, tmp_path):
    docx = tmp_path / "bao-cao.docx"
    assert run(capsys, "export", seed_db, "-o", docx)[0] == 0
    share = mount("share")
    shutil.copy(seed_db, share / "report.db")
    _read_only(share)
    for argv in (["new", share / "moi.db"], ["import", docx, "-o", share / "nhap.db"],
                 ["copy", seed_db, share / "ban-sao.db"]):
        code, _, err = run(capsys, *argv)
        assert code == 5, (argv, err)
        assert "chỉ cho phép đọc" in err and "Không tìm thấy" not in err
    # the report on the read-only share still opens for every read command
    assert run(capsys, "check", share / "report.db")[0] == 0
    assert run(capsys, "copy", share / "report.db", tmp_path / "ra-ngoai.db")[0] == 0


def test_writing_into_a_missing_folder_says_not_found(capsys, tmp_path):
    code, _, err = run(capsys, "new", tmp_path / "khong-co" / "moi.db")
    assert code == 2 and "Không tìm thấy" in err and "khong-co" in err


# -- 7. a locked file -----------------------------------------------------------------------------
def test_reading_a_locked_file_says_try_again_not_that_a_change_is_kept(capsys, seed_db,
                                                                       monkeypatch):
    monkeypatch.setattr(errormap, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for command in ("info", "check", "search"):
            argv = [command, seed_db] + (["dang"] if command == "search" else [])
            code, _, err = run(capsys, *argv)
            assert code == 6, err
            assert "thử lại sau giây lát" in err and "Thay đổi của bạn vẫn còn" not in err
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_saving_into_a_locked_file_still_says_the_change_is_kept(seed_db):
    store = ReportStore.open(seed_db, busy_timeout=0.2)
    sec = store.load_report().ordered_sections()[0]
    holder = sqlite3.connect(seed_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(errors.Locked) as raised:
            store.save_section(sec)
        assert not isinstance(raised.value, errors.LockedReading)
        assert "change is kept" in raised.value.message("en")
        with pytest.raises(errors.LockedReading) as raised:
            store.load_report()
        assert "Try again in a moment" in raised.value.message("en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        store.close()

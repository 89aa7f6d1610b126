"""Report files made by 0.1.0 (tests/fixtures/v010, never regenerated) open in this version
with nothing lost: every section, paragraph, footnote, header field, revision and deleted
section. A file opened for reading is never changed; a file claiming a newer format is refused
untouched; an upgrade that stops half-way (an error, a killed process) leaves the file as it
was, with a clear message."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from hgreport import errors
from hgreport.cli import main
from hgreport.model import Paragraph
from hgreport.storage import FORMAT_VERSION, ReportStore, migrations
from hgreport.storage import files as storage_files

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures" / "v010"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
NAMES = sorted(EXPECTED)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=NAMES)
def old_file(request, tmp_path) -> tuple[Path, dict]:
    """A copy of one 0.1.0 file (the fixture itself is never opened) and what it holds."""
    target = tmp_path / request.param
    shutil.copyfile(FIXTURES / request.param, target)
    return target, EXPECTED[request.param]


def _same_body(body, expected: list[dict]) -> None:
    assert [b.text for b in body] == [Paragraph.from_dict(d).text for d in expected]
    assert [b.footnote_refs() for b in body] == \
        [[r["fn"] for r in d.get("runs", []) if r.get("fn")] for d in expected]
    for block, d in zip(body, expected, strict=True):  # marks too: 0.1.0 wrote paragraphs only
        assert [r.to_dict() for r in block.runs] == d.get("runs", [])


def _holds_everything(store: ReportStore, expected: dict) -> None:
    report = store.load_report()
    sections = report.ordered_sections()
    assert [(s.id, s.title) for s in sections] == [(i, t) for i, t, _ in expected["sections"]]
    for sec, (_, _, body) in zip(sections, expected["sections"], strict=True):
        _same_body(sec.body, body)
    if expected["intro"] is not None:
        _same_body(report.intro.body, expected["intro"])
    assert set(report.footnotes) == set(expected["footnotes"])
    for fid, body in expected["footnotes"].items():
        _same_body(report.footnotes[fid].body, body)
    header = report.header.to_dict()
    assert {k: header[k] for k in expected["header"]} == expected["header"]
    assert [s.id for s in store.deleted_sections()] == expected["deleted"]
    assert {s.id: len(store.revisions(s.id)) for s in sections} == expected["revisions"]
    assert len(store.search("An viết lại")) == expected["search_an"]
    assert not report.check_references()
    assert store.integrity_problems() == []


def test_a_file_of_0_1_0_opens_with_nothing_lost(old_file):
    path, expected = old_file
    with ReportStore.open(path, author="An") as store:
        assert not store.read_only
        _holds_everything(store, expected)


def test_a_file_of_0_1_0_can_be_edited_and_keeps_its_history(old_file):
    path, expected = old_file
    with ReportStore.open(path, author="Bình") as store:
        sec = store.load_report().ordered_sections()[2]
        sec.body.append(Paragraph.of("Bình thêm bằng phiên bản mới."))
        store.save_section(sec)
        if expected["deleted"]:
            store.restore_section(expected["deleted"][0])
    with ReportStore.open(path, read_only=True) as store:
        again = store.load_section(sec.id)
        assert again.body[-1].text == "Bình thêm bằng phiên bản mới."
        assert len(store.revisions(sec.id)) == expected["revisions"][sec.id] + 1
        assert store.search("bang phien ban moi")[0].entity_id == sec.id
        assert not store.load_report().check_references()


def test_a_file_opened_for_reading_is_never_changed(old_file, capsys, tmp_path):
    path, expected = old_file
    before = digest(path)
    with ReportStore.open(path, read_only=True) as store:
        assert store.read_only
        _holds_everything(store, expected)
        with pytest.raises(errors.ReadOnly):
            store.save_section(store.load_report().ordered_sections()[0])
    for argv in (["info", path], ["check", path], ["search", path, "dang"],
                 ["export", path, "-o", tmp_path / "out.docx"],
                 ["copy", path, tmp_path / "copy.db"]):
        assert main([str(a) for a in argv]) == 0, capsys.readouterr().err
    assert digest(path) == before
    assert not storage_files.journal_of(path).exists()


def _claim_newer_format(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format_version'",
                 (str(FORMAT_VERSION + 1),))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_claiming_a_newer_format_is_refused_untouched(old_file, read_only, capsys):
    path, _ = old_file
    _claim_newer_format(path)
    before = digest(path)
    with pytest.raises(errors.NewerVersion) as raised:
        ReportStore.open(path, read_only=read_only)
    assert "mới hơn" in str(raised.value) and "không bị thay đổi" in str(raised.value)
    assert main(["info", str(path)]) == 4
    assert "phiên bản hgreport mới hơn" in capsys.readouterr().err
    assert digest(path) == before


# -- an upgrade that stops half-way ---------------------------------------------------------------
def _future_step(db) -> None:
    """What a future migration might do to a 0.1.0 file: a new table filled from the old."""
    db.execute("CREATE TABLE paragraph_notes (section_id TEXT, note TEXT)")
    db.execute("INSERT INTO paragraph_notes SELECT id, title FROM sections")
    db.execute("UPDATE sections SET title = title || ' (nâng cấp)'")


@pytest.fixture
def future_migration(monkeypatch):
    """Registers one more migration for the test's duration; ``then`` decides its end."""
    monkeypatch.setattr(migrations(), "_migrations", list(migrations()._migrations))
    plan = {"then": None}

    @migrations()(name="m999_future_step")
    def step(db) -> None:
        _future_step(db)
        if plan["then"] is not None:
            plan["then"]()

    return plan


def test_an_upgrade_that_fails_half_way_leaves_the_file_as_it_was(old_file, future_migration):
    path, expected = old_file
    before = digest(path)

    def fail():
        raise ValueError("bước nâng cấp bị lỗi")

    future_migration["then"] = fail
    with pytest.raises(errors.UpgradeFailed) as raised:
        ReportStore.open(path)
    assert "giữ nguyên" in str(raised.value) and "left as it was" in raised.value.message("en")
    assert digest(path) == before
    future_migration["then"] = None
    with ReportStore.open(path) as store:  # the next attempt upgrades the whole way
        applied = [m.name for m in migrations().applied(store.db)]
        assert applied[-1] == "m999_future_step"
        assert all(s.title.endswith(" (nâng cấp)") for s in store.load_report().ordered_sections())


def test_the_steps_of_an_upgrade_are_one_transaction(seed_db, monkeypatch):
    """A file older than two migrations: when the second fails, the first is undone too."""
    conn = sqlite3.connect(seed_db)
    for table in ("search", "leases", "conflicts", "authors"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name IN ('m002_search', 'm003_sharing')")
    conn.commit()
    conn.close()
    before = digest(seed_db)
    m003 = next(m for m in migrations()._migrations if m.name == "m003_sharing")

    def broken(db):
        db.execute("CREATE TABLE leases (holder TEXT)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(m003, "fn", broken)
    with pytest.raises(errors.UpgradeFailed) as raised:
        ReportStore.open(seed_db)
    assert "disk I/O error" in str(raised.value)
    assert digest(seed_db) == before
    assert "search" not in {r[0] for r in sqlite3.connect(seed_db).execute(
        "SELECT name FROM sqlite_master")}


_KILLED_UPGRADE = """
import sys, time
from hgreport.storage import ReportStore, migrations
sys.path.insert(0, sys.argv[2])
from test_v010_files import _future_step

@migrations()(name="m999_future_step")
def step(db):
    if sys.argv[3] == "spilled":  # changed pages reach the file before the commit
        db.execute("PRAGMA cache_size = 1")
    _future_step(db)
    print("half-way", flush=True)
    time.sleep(120)

ReportStore.open(sys.argv[1])
"""


@pytest.mark.parametrize("spilled", [False, True])
def test_an_upgrade_killed_half_way_leaves_the_file_intact(old_file, spilled):
    """Killed before any page reached the file, the file is as it was; killed after, the next
    open rolls the half-done upgrade back and says so."""
    path, expected = old_file
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_UPGRADE, str(path), str(TESTS),
                             "spilled" if spilled else "cached"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stdout.readline().strip() == "half-way", proc.stderr.read()
    proc.kill()
    proc.communicate(timeout=30)
    assert storage_files.journal_of(path).exists()  # killed inside the upgrade's transaction
    with ReportStore.open(path) as store:
        assert store.recovered == spilled
        if spilled:
            assert "hoàn tác" in store.recovery_notice("vi")
        assert [m.name for m in migrations().applied(store.db)][-1] == "m004_reviews"
        assert "paragraph_notes" not in store.db.table_names()
        _holds_everything(store, expected)

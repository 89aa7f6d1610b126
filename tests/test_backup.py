"""Automatic backups: once a day on opening, on closing when something changed, the last N kept,
in a per-user folder; every backup is a sound, complete report file."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path

from _sharing_helpers import content, sections

from hgreport import backup
from hgreport.model import Paragraph
from hgreport.storage import ReportStore

DAY = datetime(2024, 2, 5, 8, 30, 0)


def test_backup_folder_is_per_user_and_can_be_moved(monkeypatch, tmp_path):
    monkeypatch.setenv("HGREPORT_DATA_DIR", str(tmp_path / "data"))
    assert backup.backup_dir() == tmp_path / "data" / "backups"
    monkeypatch.delenv("HGREPORT_DATA_DIR")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    expected = (tmp_path / "Local" / "hgreport" / "backups" if sys.platform.startswith("win")
                else Path.home() / ".local" / "share" / "hgreport" / "backups")
    assert backup.backup_dir() == expected
    monkeypatch.setattr(sys, "platform", "win32")
    assert backup.backup_dir() == tmp_path / "Local" / "hgreport" / "backups"


def test_first_opening_of_the_day_makes_one_backup(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        first = backup.backup_on_open(store, now=DAY)
        assert backup.backup_on_open(store, now=DAY + timedelta(hours=3)) is None
        next_day = backup.backup_on_open(store, now=DAY + timedelta(days=1))
    assert first is not None and next_day is not None
    assert first.parent == backup.folder_for(seed_db)
    assert first.parent.parent == backup.backup_dir()
    assert [b.path for b in backup.list_backups(seed_db)] == [next_day, first]
    assert [b.reason for b in backup.list_backups(seed_db)] == ["open", "open"]
    # a backup is a complete report that opens and checks clean
    assert content(first) == content(seed_db)
    with ReportStore.open(first) as copy:
        assert copy.integrity_problems() == []


def test_closing_backs_up_only_when_something_changed(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        assert backup.backup_on_close(store, now=DAY) is not None
        assert backup.backup_on_close(store, now=DAY + timedelta(minutes=5)) is None
        sec = store.load_section(sections(store)[1].id)
        sec.body.append(Paragraph.of("Một đoạn mới trước khi đóng."))
        store.save_section(sec)
        after = backup.backup_on_close(store, now=DAY + timedelta(minutes=10))
    assert after is not None
    assert content(after) == content(seed_db)
    assert len(backup.list_backups(seed_db)) == 2


def test_only_the_newest_backups_are_kept(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        made = [backup.make_backup(store, "manual", keep=3, now=DAY + timedelta(minutes=i))
                for i in range(6)]
        same_second = backup.make_backup(store, "manual", keep=3, now=DAY + timedelta(minutes=5))
    kept = [b.path for b in backup.list_backups(seed_db)]
    assert kept == [same_second, made[5], made[4]]
    assert not any(p.exists() for p in made[:4])


def test_two_reports_with_the_same_name_keep_separate_backups(seed_db, tmp_path):
    other_dir = tmp_path / "khac"
    other_dir.mkdir()
    with ReportStore.open(seed_db) as store:
        other = store.copy_to(other_dir / seed_db.name)
        backup.make_backup(store, now=DAY)
    with ReportStore.open(other) as store:
        backup.make_backup(store, now=DAY)
    assert backup.folder_for(seed_db) != backup.folder_for(other)
    assert len(backup.list_backups(seed_db)) == len(backup.list_backups(other)) == 1


def test_a_read_only_file_can_still_be_backed_up(seed_db):
    with ReportStore.open(seed_db, read_only=True) as store:
        made = backup.backup_on_open(store, now=DAY)
    assert made is not None and content(made) == content(seed_db)

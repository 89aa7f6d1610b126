"""The report file: round trip, optimistic saves, tombstones, search, migrations, bad files."""

from __future__ import annotations

import sqlite3
import time
from dataclasses import replace

import pytest
import sqlite_utils

from hgreport import errors
from hgreport.model import Footnote, Paragraph, Report, Run, Section
from hgreport.storage import FORMAT_VERSION, ReportStore, migrations


def _texts(report: Report) -> dict:
    return {
        "sections": [(s.title, s.parent_id, [p.to_dict() for p in s.body])
                     for s in report.all_sections()],
        "footnotes": [(n, f.plain_text, [p.to_dict() for p in f.body])
                      for n, f, _ in report.footnotes_in_order()],
        "header": report.header, "closing": report.closing,
    }


def test_whole_seed_report_round_trips(seed_report, seed_db):
    with ReportStore.open(seed_db) as store:
        again = store.load_report()
    assert len(again.sections) == 17
    assert len(again.footnotes) == 57
    assert _texts(again) == _texts(seed_report)
    assert again.footnote_numbers() == seed_report.footnote_numbers()


def test_file_uses_rollback_journal_never_wal(seed_db):
    with ReportStore.open(seed_db) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_saved_section_survives_reopening(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        sec = store.load_report().ordered_sections()[1]
        sec.body.append(Paragraph([Run.of("Đoạn mới "), Run.of("in đậm", "b")]))
        saved = store.save_section(sec)
        assert saved.version == sec.version + 1
    with ReportStore.open(seed_db) as store:
        again = store.load_section(sec.id)
    assert again.body[-1].text == "Đoạn mới in đậm"
    assert again.body[-1].runs[1].marks == ("b",)


def test_two_editors_saving_one_section_conflict_and_nothing_is_overwritten(seed_db):
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    sid = a.load_report().ordered_sections()[1].id
    mine, theirs = a.load_section(sid), b.load_section(sid)
    mine.body = [Paragraph.of("Bản của An")]
    theirs.body = [Paragraph.of("Bản của Bình")]
    b.save_section(theirs)
    with pytest.raises(errors.Conflict) as info:
        a.save_section(mine)
    assert info.value.theirs.plain_text == "Bản của Bình"
    assert "Bình" in str(info.value)
    assert a.load_section(sid).plain_text == "Bản của Bình"
    # taking theirs and reapplying mine is a normal save
    a.save_section(replace(mine, version=info.value.theirs.version))
    assert b.load_section(sid).plain_text == "Bản của An"
    a.close()
    b.close()


def test_other_editors_commits_are_noticed_cheaply(seed_db):
    a = ReportStore.open(seed_db)
    b = ReportStore.open(seed_db)
    assert not a.changed_by_others()
    sec = b.load_report().ordered_sections()[0]
    sec.title = "CÔNG TÁC XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ"
    b.save_section(sec)
    assert a.changed_by_others()
    assert not a.changed_by_others()
    a.save_section(a.load_section(sec.id))  # our own commit is not "others"
    assert not a.changed_by_others()
    a.close()
    b.close()


def test_every_save_appends_a_revision_with_author_and_parent(seed_db):
    with ReportStore.open(seed_db, author="Chi") as store:
        sec = store.load_report().ordered_sections()[2]
        for i in range(3):
            sec.body.append(Paragraph.of(f"Thêm {i}"))
            sec = store.save_section(sec)
        revs = store.revisions(sec.id)
    assert [r.version for r in revs] == [4, 3, 2, 1]
    assert revs[0].author == "Chi"
    assert revs[0].parent_id == revs[1].id
    assert revs[-1].parent_id is None


def test_moving_sections_keeps_text_and_renumbers(seed_db):
    from hgreport.numbering import Numbering
    from hgreport.resources import load_profile

    numbering = Numbering.from_profile(load_profile())
    with ReportStore.open(seed_db) as store:
        before = store.load_report()
        top = before.tree(numbering)
        dan_van = top[0].children[2].section  # "3. Công tác dân vận"
        store.move_section(dan_van.id, top[1].section.id, 0)  # first child of II.
        after = store.load_report()
    nodes = after.tree(numbering)
    assert nodes[1].children[0].section.title == "Công tác dân vận"
    assert nodes[1].children[0].number == "1."
    assert nodes[1].children[1].number == "2."
    assert len(nodes[0].children) == 6
    assert after.section(dan_van.id).body == dan_van.body
    assert sorted(after.footnote_numbers().values()) == list(range(1, 58))


def test_a_section_cannot_move_inside_itself(seed_db):
    with ReportStore.open(seed_db) as store:
        top = store.load_report().children_of(None)[0]
        child = store.load_report().children_of(top.id)[0]
        with pytest.raises(errors.MoveIntoSelf):
            store.move_section(top.id, child.id, 0)


def test_delete_is_a_tombstone_and_restore_brings_back_text_and_footnotes(seed_db):
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        part_one = report.children_of(None)[0]
        sub_ids = {s.id for s in report.sections if s.parent_id == part_one.id}
        deleted = store.delete_section(part_one.id)
        assert set(deleted) == sub_ids | {part_one.id}
        gone = store.load_report()
        assert len(gone.sections) == 17 - len(deleted)
        assert not any(fid not in gone.footnotes for fid, _ in gone.reference_order())
        assert len(gone.footnotes) < 57
        assert part_one.id in {s.id for s in store.deleted_sections()}
        assert store.search("dan van") == [] or all(
            h.entity_id not in deleted for h in store.search("dan van"))
        store.restore_section(part_one.id)
        back = store.load_report()
    assert _texts(back) == _texts(report)


def test_restoring_a_section_leaves_deleted_a_subsection_deleted_before_it(seed_db):
    """Delete a subsection, later its parent; undoing the parent's deletion brings back the
    parent and the subsections deleted with it, not the one deleted on its own before."""
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        parent = next(s for s in report.children_of(None) if len(report.children_of(s.id)) >= 2)
        first, *others = [s.id for s in report.children_of(parent.id)]
        store.delete_section(first)
        time.sleep(0.01)  # a later action: its deletion time is not the same millisecond
        store.delete_section(parent.id)
        back = store.restore_section(parent.id)
        live = {s.id for s in store.load_report().all_sections()}
    assert set(back) == {parent.id, *others}
    assert first not in live and {parent.id, *others} <= live
    with ReportStore.open(seed_db) as store:  # the first can still be restored on its own
        store.restore_section(first)
        assert first in {s.id for s in store.load_report().all_sections()}


def test_footnotes_are_saved_deleted_and_revived(seed_db):
    with ReportStore.open(seed_db) as store:
        fn = Footnote(body=[Paragraph.of("Chú thích mới")])
        store.add_footnote(fn)
        fn.body = [Paragraph([Run.of("Chú thích "), Run.of("sửa", "i")])]
        fn = store.save_footnote(fn)
        store.delete_footnote(fn.id)
        assert fn.id not in store.load_report().footnotes
        revived = store.add_footnote(Footnote(fn.id, [Paragraph.of("Khôi phục")]))
        # it comes back with the text it had; the caller saves a new text with a version check
        assert revived.plain_text == "Chú thích sửa"
        assert revived.version > fn.version
        store.save_footnote(replace(revived, body=[Paragraph.of("Khôi phục")]))
        assert store.load_footnote(fn.id).plain_text == "Khôi phục"


def test_bringing_back_a_live_footnote_never_overwrites_a_colleagues_text(seed_db):
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    fid = next(iter(a.load_report().footnote_numbers()))
    old = a.load_footnote(fid)
    theirs = b.load_footnote(fid)
    theirs.body = [Paragraph.of("Bình viết lại.")]
    b.save_footnote(theirs)
    back = a.add_footnote(old)  # An's window re-adds the reference with its old text
    assert back.plain_text == "Bình viết lại."
    assert a.load_footnote(fid).plain_text == "Bình viết lại."
    with pytest.raises(errors.Conflict):
        a.save_footnote(old)
    a.close()
    b.close()


def test_a_colleagues_commit_is_noticed_even_after_saving_ones_own(seed_db):
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    first, second = a.load_report().ordered_sections()[:2]
    theirs = b.load_section(second.id)
    theirs.title = "Bình đổi tên"
    b.save_section(theirs)
    a.save_section(a.load_section(first.id))  # An saves something of her own meanwhile
    assert a.changed_by_others()
    a.close()
    b.close()


@pytest.mark.parametrize("query,expected", [
    ("cong tac dan van", "Công tác dân vận"),
    ("công tác dân vận", "Công tác dân vận"),
    ("dang", "Đảng"),
    ("ĐẢNG", "Đảng"),
])
def test_search_ignores_diacritics_and_d_stroke(seed_db, query, expected):
    with ReportStore.open(seed_db) as store:
        hits = store.search(query)
    assert hits, query
    assert any(expected.casefold() in h.snippet.casefold() for h in hits)


def test_search_finds_footnote_text_and_nothing_for_absent_words(seed_db):
    with ReportStore.open(seed_db) as store:
        hits = store.search("801-CV/TU")
        assert any(h.kind == "footnote" for h in hits)
        assert store.search("xylophone") == []
        assert store.search("   ") == []
        assert store.search('"dang') != []  # a stray quote is not a syntax error


def test_header_is_saved_optimistically(seed_db):
    with ReportStore.open(seed_db) as a, ReportStore.open(seed_db) as b:
        ra, rb = a.load_report(), b.load_report()
        ra.header.number = "125"
        a.save_header(ra)
        rb.header.place = "Vị Thanh"
        with pytest.raises(errors.Conflict):
            b.save_header(rb)
        assert b.load_report().header.number == "125"


def _as_older_file(path, *, before: str) -> None:
    """Turn a report file into what an older version wrote: the tables and migration records
    from ``before`` on removed (the rows of sections and footnotes are the same)."""
    drops = {"m002_search": ["search"], "m003_sharing": ["leases", "conflicts", "authors"]}
    later = list(drops)[list(drops).index(before):]
    conn = sqlite3.connect(path)
    for name in later:
        for table in drops[name]:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", (name,))
    conn.commit()
    conn.close()


def test_older_schema_is_upgraded_and_indexed(seed_db):
    """A file written before full-text search existed gets it on open, data intact."""
    _as_older_file(seed_db, before="m002_search")
    assert "search" not in sqlite_utils.Database(seed_db).table_names()
    with ReportStore.open(seed_db) as upgraded:
        assert upgraded.search("dan van")
        assert len(upgraded.load_report().footnotes) == 57
        applied = {m.name for m in migrations().applied(upgraded.db)}
    assert applied == {"m001_initial", "m002_search", "m003_sharing", "m004_reviews"}


def test_older_file_that_cannot_be_written_is_read_through_an_upgrade_in_memory(seed_db):
    _as_older_file(seed_db, before="m003_sharing")
    before = seed_db.read_bytes()
    with ReportStore.open(seed_db, read_only=True) as old:
        assert old.read_only
        assert len(old.load_report().footnotes) == 57
        assert old.search("dan van")
        with pytest.raises(errors.ReadOnly):
            old.save_section(old.load_report().ordered_sections()[0])
    assert seed_db.read_bytes() == before


# -- files a user can hand us -------------------------------------------------------------
def test_not_a_sqlite_file(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("Đây là một tệp văn bản", encoding="utf-8")
    with pytest.raises(errors.NotSQLiteFile) as info:
        ReportStore.open(bad)
    assert "không phải" in str(info.value)
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(errors.NotSQLiteFile):
        ReportStore.open(empty)


def test_a_foreign_sqlite_file_is_not_a_report(tmp_path):
    other = tmp_path / "other.db"
    sqlite_utils.Database(other)["people"].insert({"name": "An"})
    with pytest.raises(errors.NotAReport):
        ReportStore.open(other)


def test_missing_file(tmp_path):
    with pytest.raises(errors.FileMissing):
        ReportStore.open(tmp_path / "khong-co.db")


def test_file_from_a_newer_version_is_refused_untouched(seed_db):
    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'format_version'",
                 (str(FORMAT_VERSION + 1),))
    conn.commit()
    conn.close()
    before = seed_db.read_bytes()
    with pytest.raises(errors.NewerVersion) as info:
        ReportStore.open(seed_db)
    assert "mới hơn" in str(info.value)
    assert "newer" in info.value.message("en")
    assert seed_db.read_bytes() == before


def test_file_with_an_unknown_migration_is_refused(seed_db):
    conn = sqlite3.connect(seed_db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                 " VALUES ('hgreport', 'm999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(errors.NewerVersion):
        ReportStore.open(seed_db)


def test_read_only_file_opens_for_reading_and_refuses_writes(seed_db, monkeypatch):
    # tests run as root, where chmod does not stop writes: ask for the read-only state
    # the way a read-only share presents itself
    monkeypatch.setattr("hgreport.storage.files.writable", lambda path: False)
    with ReportStore.open(seed_db) as store:
        assert store.read_only
        report = store.load_report()
        sec = report.ordered_sections()[0]
        with pytest.raises(errors.ReadOnly) as info:
            store.save_section(sec)
    assert "chỉ cho phép đọc" in str(info.value)


def test_sqlite_readonly_error_is_a_clear_read_only_message(seed_db):
    store = ReportStore.open(seed_db)
    store.conn.execute("PRAGMA query_only = ON")
    with pytest.raises(errors.ReadOnly):
        store.save_section(store.load_report().ordered_sections()[0])
    store.close()


def test_locked_file_is_a_retryable_error_and_loses_nothing(seed_db):
    holder = sqlite3.connect(seed_db, isolation_level=None)
    store = ReportStore.open(seed_db, busy_timeout=0.2)
    sec = store.load_report().ordered_sections()[0]
    sec.title = "Tiêu đề mới"
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(errors.Locked):
        store.save_section(sec)
    holder.execute("ROLLBACK")
    store.save_section(sec)  # the same object, retried, lands
    assert store.load_section(sec.id).title == "Tiêu đề mới"
    store.close()
    holder.close()


def test_full_disk_is_reported_and_the_file_stays_sound(seed_db):
    store = ReportStore.open(seed_db)
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")
    sec = store.load_report().ordered_sections()[1]
    sec.body = sec.body + [Paragraph.of("chữ " * 20000)]
    with pytest.raises(errors.DiskFull) as info:
        store.save_section(sec)
    assert "đầy" in str(info.value)
    assert store.integrity_problems() == []
    assert store.load_section(sec.id).version == sec.version  # nothing half-written
    store.close()


@pytest.mark.parametrize("first_page,last_page", [(1, 2), (2, 6), (10, 12)])
def test_corrupt_file_is_reported(seed_db, first_page, last_page):
    data = bytearray(seed_db.read_bytes())
    page = 4096
    for i in range(page * first_page, min(len(data), page * last_page)):
        data[i] = 0x55
    seed_db.write_bytes(bytes(data))
    with pytest.raises(errors.Corrupt) as info:
        ReportStore.open(seed_db)
    assert "bản sao lưu" in str(info.value)


def test_create_refuses_to_overwrite(seed_db, seed_report):
    with pytest.raises(errors.AlreadyExists):
        ReportStore.create(seed_db, seed_report)


def test_consistent_copy(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        copy = store.copy_to(tmp_path / "ban-sao.db")
    with ReportStore.open(copy) as again:
        assert len(again.load_report().footnotes) == 57
        assert again.integrity_problems() == []


def test_adding_a_section_gets_an_id_and_version(seed_db):
    with ReportStore.open(seed_db) as store:
        new = store.add_section(Section(title="IV. PHƯƠNG HƯỚNG", position=99))
        assert new.version == 1
        assert store.load_report().children_of(None)[-1].title == "IV. PHƯƠNG HƯỚNG"


def test_the_57_footnotes_survive_moves_and_reload_and_follow_reading_order(seed_db):
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        texts = {f.id: f.plain_text for f in report.footnotes.values()}
        tops = report.children_of(None)
        store.move_section(tops[2].id, None, 0)  # III. first
        first_child = report.children_of(tops[0].id)[0]
        store.move_section(first_child.id, tops[1].id, 99)  # 1. of I. to the end of II.
        again = store.load_report()
    ordered = again.footnotes_in_order()
    assert [n for n, _, _ in ordered] == list(range(1, 58))
    assert {f.id: f.plain_text for _, f, _ in ordered} == texts
    assert not again.check_references()
    # reading order decides: the moved "1." now comes after II.'s sections
    moved = {f.id for _, f, sid in ordered if sid == first_child.id}
    assert moved and min(n for n, f, _ in ordered if f.id in moved) > 1

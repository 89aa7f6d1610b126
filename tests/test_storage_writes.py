"""The one write path of the storage package: whatever changed the report (saves, deletions,
restores, merges, conflict decisions), every row sits at the head of an unbroken revision chain
and the search index holds exactly the live text; several writes grouped in
``store.transaction()`` land together or not at all."""

from __future__ import annotations

import json

import pytest
from _sharing_helpers import copy_of, sections

from hgreport import errors
from hgreport.history import restore
from hgreport.merge import list_conflicts, merge_copy, resolve_conflict
from hgreport.model import Footnote, Paragraph, Section, body_from_list, body_text
from hgreport.storage import ReportStore
from hgreport.text import fold


def _expected_index(store: ReportStore) -> dict[str, str]:
    """Entity id → the text its search entry must hold (live, non-empty text only)."""
    out = {}
    for r in store.entity_rows("section"):
        text = (r["title"] + "\n" + body_text(body_from_list(json.loads(r["body"])))).strip("\n")
        if not r["deleted"] and text:
            out[r["id"]] = text
    for r in store.entity_rows("footnote"):
        text = body_text(body_from_list(json.loads(r["body"])))
        if not r["deleted"] and text:
            out[r["id"]] = text
    return out


def assert_consistent(store: ReportStore) -> None:
    """Every row heads its revision chain, and the search index is exactly the live text."""
    for entity in ("report", "section", "footnote"):
        for row in store.entity_rows(entity):
            head = store.revision(row["rev_id"])
            assert head is not None and head.entity_id == row["id"], (entity, row["id"])
            assert head.version <= row["version"]
            walked, rev = 0, head
            while rev.parent_id is not None:  # the chain reaches the entity's first state
                rev = store.revision(rev.parent_id)
                assert rev is not None and rev.entity_id == row["id"]
                walked += 1
            assert walked < 10_000
    indexed = {r[0]: (r[1], r[2]) for r in store.conn.execute(
        "SELECT entity_id, text, folded FROM search")}
    expected = _expected_index(store)
    assert {k: v[0] for k, v in indexed.items()} == expected
    assert all(folded == fold(text) for text, folded in indexed.values())
    assert store.conn.execute("SELECT count(*) FROM search").fetchone()[0] == len(expected)


def test_every_write_path_keeps_revisions_and_the_index_right(seed_db, tmp_path):
    copy = copy_of(seed_db, tmp_path / "usb.db")
    with ReportStore.open(seed_db, author="An") as store:
        ids = [s.id for s in sections(store)]
        sec = store.load_section(ids[1])
        sec.body[0] = Paragraph.of("An viết lại đoạn đầu.")
        store.save_section(sec)
        store.move_section(ids[3], ids[8], 0)
        store.delete_section(ids[7])
        store.restore_section(ids[7])
        store.delete_section(ids[13])
        fn = store.add_footnote(Footnote(body=[Paragraph.of("Chú thích mới.")]))
        store.delete_footnote(fn.id)
        report = store.load_report()
        report.header.number = "12-BC/TU"
        store.save_header(report)
        restore(store, ids[1], store.revisions(ids[1])[-1].id)
        assert_consistent(store)
    with ReportStore.open(copy, author="Bình") as store:
        for i in (1, 2, 15):
            sec = store.load_section(ids[i])
            sec.body[0] = Paragraph.of(f"Bình sửa mục {i}.")
            store.save_section(sec)
        store.add_section(Section(title="Mục mới của Bình", parent_id=ids[0], position=50.0,
                                  body=[Paragraph.of("Nội dung mới.")]))
        store.delete_section(ids[9])
    merge_copy(seed_db, copy, author="An")
    with ReportStore.open(seed_db, author="An") as store:
        assert_consistent(store)
        for conflict in list_conflicts(store):
            resolve_conflict(store, conflict.id, "both")
        assert_consistent(store)
    merge_copy(copy, seed_db, author="Bình")
    with ReportStore.open(copy) as store:
        assert_consistent(store)


def test_a_transaction_lands_whole_or_not_at_all(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        first, second = (store.load_section(s.id) for s in sections(store)[1:3])
        first.title, second.title = "Kỳlânmột", "Kỳlânhai"
        with pytest.raises(errors.Conflict), store.transaction():
            store.save_section(first)
            store.save_section(second)
            store.save_section(second)  # the same version again: someone saved first
        assert store.load_section(first.id).title != "Kỳlânmột"  # the first save went too
        assert store.search("kylanmot") == []
        with store.transaction():
            store.save_section(first)
            store.save_section(second)
        assert [store.load_section(s.id).title for s in (first, second)] == \
            ["Kỳlânmột", "Kỳlânhai"]
        assert [h.entity_id for h in store.search("kylanmot")] == [first.id]
        assert_consistent(store)


def test_a_store_opened_for_reading_refuses_a_transaction(seed_db):
    before = seed_db.read_bytes()
    with ReportStore.open(seed_db, read_only=True) as store:
        with pytest.raises(errors.ReadOnly):
            with store.transaction():
                pass
        with pytest.raises(errors.ReadOnly):
            store.save_section(sections(store)[0])
    assert seed_db.read_bytes() == before


def test_search_leaves_out_entries_a_0_1_0_merge_left_behind(seed_db):
    """0.1.0's merge replaced rows under new rowids and left their old search entries; a
    search only counts an entry that belongs to a live section or footnote."""
    with ReportStore.open(seed_db, author="An") as store:
        sid, other = (s.id for s in sections(store)[4:6])
        rowid, other_rowid = (store.conn.execute("SELECT rowid FROM sections WHERE id = ?",
                                                 (i,)).fetchone()[0] for i in (sid, other))
        stale = "INSERT INTO search (rowid, entity_id, kind, text, folded) VALUES (?, ?, ?, ?, ?)"
        # an entry under a rowid no row has any more
        store.conn.execute(stale, (10_000 + rowid, sid, "section", "Kỳlânxanh", "kylanxanh"))
        # an entry under a rowid that another section has now
        store.conn.execute("DELETE FROM search WHERE rowid = ?", (other_rowid,))
        store.conn.execute(stale, (other_rowid, sid, "section", "Kỳlânđỏ", "kylando"))
        assert store.search("kylanxanh") == [] and store.search("kylando") == []
        assert store.search("cong tac dan van")

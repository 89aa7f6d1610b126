"""Blocks with stable ids: a paragraph keeps its id through saves, edits and moves; merge,
rebase, history and conflict details match paragraphs by id (so two paragraphs that read the
same stay two, and a moved paragraph is a move); data written by 0.1.0 (no ids) still merges
by content; a block of a kind this version does not know is kept, never dropped."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from _sharing_helpers import content, copy_of, problems, sections

from hgreport import errors
from hgreport.blockmerge import both_paragraphs, differing, merge_paragraphs
from hgreport.export import export_docx
from hgreport.history import compare, history
from hgreport.importer import import_docx
from hgreport.interchange import report_from_data, report_to_data
from hgreport.merge import merge_copy, rebase_section
from hgreport.model import (
    Footnote,
    Paragraph,
    Run,
    UnknownBlock,
    block_from_dict,
    body_from_list,
    body_to_list,
)
from hgreport.storage import ReportStore

V010 = Path(__file__).parent / "fixtures" / "v010"


def para(text: str, pid: str | None = None) -> dict:
    """A stored paragraph; without ``pid`` as 0.1.0 wrote it."""
    return {"id": pid, "runs": [{"t": text}]} if pid else {"runs": [{"t": text}]}


def texts(body: list[dict]) -> list[str]:
    return ["".join(r.get("t", "") for r in b["runs"]) for b in body]


def without_ids(body: list[dict]) -> list[dict]:
    return [{k: v for k, v in b.items() if k != "id"} for b in body]


def edited(p: Paragraph, text: str) -> Paragraph:
    """``p`` with new text, as the editor saves a typed change: the same paragraph."""
    return replace(p, runs=[Run.of(text), *map(Run.ref, p.footnote_refs())])


# -- the model ---------------------------------------------------------------------------------
def test_a_paragraph_keeps_its_stored_id_and_equality_stays_about_the_text():
    p = Paragraph.of("Đảng bộ tỉnh")
    stored = p.to_dict()
    assert stored["id"] == p.id
    assert Paragraph.from_dict(stored).id == p.id
    assert p == Paragraph.of("Đảng bộ tỉnh") and p.id != Paragraph.of("Đảng bộ tỉnh").id
    assert p.normalized().id == p.id
    # a paragraph written by 0.1.0 has no id: it gets one
    old = Paragraph.from_dict(para("Đảng bộ tỉnh"))
    assert old == p and old.id and old.id != p.id


def test_a_body_never_holds_one_id_twice_and_loads_the_same_way_each_time():
    stored = [para("Một", "x"), para("Hai", "x"), para("Ba", "x")]
    first, again = body_from_list(stored), body_from_list(stored)
    assert first[0].id == "x"
    assert len({b.id for b in first}) == 3
    assert [b.id for b in first] == [b.id for b in again]


def test_a_block_of_a_kind_from_a_newer_version_survives_every_round_trip(seed_db, tmp_path):
    with ReportStore.open(seed_db) as st:
        note = st.add_footnote(Footnote(body=[Paragraph.of("Chú thích trong bảng")]))
        table = {"id": "bang-1", "kind": "chart", "cols": [2, 3],
                 "rows": [{"cells": [{"blocks": [{"runs": [{"t": "Chỉ tiêu "},
                                                           {"t": "GRDP", "m": ["b"]},
                                                           {"fn": note.id}]}]},
                                     {"blocks": [{"runs": [{"t": "tăng 12,27%"}]}]}]}]}
        sid = sections(st)[1].id
        sec = st.load_section(sid)
        sec.body.insert(1, block_from_dict(table))
        st.save_section(sec)
    with ReportStore.open(seed_db) as st:
        block = st.load_section(sid).body[1]
        assert isinstance(block, UnknownBlock) and block.kind == "chart"
        assert block.to_dict() == table
        stored = json.loads(st.conn.execute("SELECT body FROM sections WHERE id = ?",
                                            (sid,)).fetchone()[0])
        assert stored[1] == table
        # its text is found and counted, its footnote is a referenced one
        assert block.text == "Chỉ tiêu GRDP tăng 12,27%"
        assert sid in {hit.entity_id for hit in st.search("GRDP tang")}
        report = st.load_report()
    assert not report.check_references()
    assert problems(seed_db) == []
    # through the JSON of templates, with a fresh id (ids are local to a file)
    again = report_from_data(report_to_data(report))
    kept = next(s for s in again.sections if s.title == report.section(sid).title).body[1]
    assert isinstance(kept, UnknownBlock) and kept.id != "bang-1"
    assert (kept.kind, kept.data["cols"], kept.text) == ("chart", [2, 3], block.text)
    assert kept.footnote_refs()[0] in again.footnotes  # its footnote came along
    # the Word file gets its text as a paragraph rather than losing it
    out = export_docx(report, tmp_path / "bang.docx")
    with zipfile.ZipFile(out) as z:
        assert "tăng 12,27%" in z.read("word/document.xml").decode("utf-8")


def test_ids_survive_saves_edits_and_section_moves(seed_db):
    with ReportStore.open(seed_db) as st:
        secs = sections(st)
        sec = st.load_section(secs[2].id)
        ids = [p.id for p in sec.body]
        assert len(set(ids)) == len(ids) == len(sec.body)
        sec.body[1] = edited(sec.body[1], "Đoạn hai viết lại.")
        st.save_section(sec)
        st.move_section(sec.id, secs[8].id, 0)
    with ReportStore.open(seed_db) as st:
        again = st.load_section(sec.id)
        assert [p.id for p in again.body] == ids
        assert again.body[1].text == "Đoạn hai viết lại."
        assert again.parent_id == secs[8].id


def test_paragraphs_of_a_0_1_0_file_get_ids_that_stay_once_saved(tmp_path):
    path = shutil.copyfile(V010 / "sample.db", tmp_path / "sample.db")
    with ReportStore.open(path) as st:
        sec = next(s for s in st.load_report().all_sections() if len(s.body) > 1)
        assert all(p.id for p in sec.body) and len({p.id for p in sec.body}) == len(sec.body)
        st.save_section(sec)
        ids = [p.id for p in sec.body]
    with ReportStore.open(path) as st:
        assert [p.id for p in st.load_section(sec.id).body] == ids


# -- three-way merge by id ----------------------------------------------------------------------
def test_both_sides_editing_two_paragraphs_that_read_the_same_merge_by_id():
    base = [para("Tổng kết năm.", "a1"), para("Tổng kết năm.", "a2")]
    mine = [para("Tổng kết năm 2023.", "a1"), para("Tổng kết năm.", "a2")]
    theirs = [para("Tổng kết năm.", "a1"), para("Sơ kết năm.", "a2")]
    merged = merge_paragraphs(base, mine, theirs)
    assert merged.conflicts == []
    assert texts(merged.mine) == ["Tổng kết năm 2023.", "Sơ kết năm."]
    assert [b["id"] for b in merged.mine] == ["a1", "a2"]
    # matched by content (what 0.1.0 did) the two paragraphs cannot be told apart
    by_content = merge_paragraphs(*map(without_ids, (base, mine, theirs)))
    assert by_content.conflicts


@pytest.mark.parametrize("mover", ["mine", "theirs"])
def test_a_paragraph_edited_on_one_side_and_moved_up_on_the_other_merges_cleanly(mover):
    base = [para("P", "p"), para("Q", "q"), para("R", "r")]
    moved = [para("R", "r"), para("P", "p"), para("Q", "q")]
    edit = [para("P", "p"), para("Q", "q"), para("R đã sửa", "r")]
    sides = (moved, edit) if mover == "mine" else (edit, moved)
    merged = merge_paragraphs(base, *sides)
    assert merged.conflicts == []
    assert texts(merged.mine) == texts(merged.theirs) == ["R đã sửa", "P", "Q"]
    assert merge_paragraphs(*map(without_ids, (base, *sides))).conflicts  # by content: a clash


def test_the_same_paragraph_edited_on_both_sides_is_a_conflict_on_that_paragraph():
    base = [para("P", "p"), para("Q", "q"), para("R", "r")]
    mine = [para("P", "p"), para("Q của An", "q"), para("R", "r")]
    theirs = [para("P của Bình", "p"), para("Q của Bình", "q"), para("R", "r")]
    merged = merge_paragraphs(base, mine, theirs)
    assert merged.conflicts == [(1, 1)]
    assert texts(merged.mine) == ["P của Bình", "Q của An", "R"]
    assert texts(merged.theirs) == ["P của Bình", "Q của Bình", "R"]
    both = both_paragraphs(merged.mine, merged.theirs)
    assert texts(both) == ["P của Bình", "Q của An", "Q của Bình", "R"]
    assert len({b["id"] for b in both}) == 4
    assert [texts(x) for x in differing(merged.mine, merged.theirs)] == [["Q của An"],
                                                                         ["Q của Bình"]]


def test_paragraphs_inserted_on_both_sides_all_survive():
    base = [para("P", "p"), para("Q", "q"), para("R", "r")]
    mine = [para("P", "p"), para("An thêm", "x"), para("Q", "q"), para("R", "r")]
    theirs = [*base, para("Bình thêm", "y")]
    merged = merge_paragraphs(base, mine, theirs)
    assert merged.conflicts == []
    assert texts(merged.mine) == ["P", "An thêm", "Q", "R", "Bình thêm"]
    # at the same place: both, in the same order whichever way the merge goes
    theirs = [para("P", "p"), para("Bình thêm", "y"), para("Q", "q"), para("R", "r")]
    one_way = merge_paragraphs(base, mine, theirs)
    other_way = merge_paragraphs(base, theirs, mine)
    assert one_way.conflicts == other_way.conflicts == []
    assert texts(one_way.mine) == texts(other_way.mine)
    assert sorted(texts(one_way.mine)) == ["An thêm", "Bình thêm", "P", "Q", "R"]


def test_a_delete_on_one_side_and_an_edit_on_the_other_is_a_conflict():
    base = [para("P", "p"), para("Q", "q"), para("R", "r")]
    deleted = [para("P", "p"), para("R", "r")]
    changed = [para("P", "p"), para("Q đã sửa", "q"), para("R", "r")]
    merged = merge_paragraphs(base, deleted, changed)
    assert merged.conflicts == [(1, 1)]
    assert texts(merged.mine) == ["P", "R"] and texts(merged.theirs) == ["P", "Q đã sửa", "R"]
    merged = merge_paragraphs(base, changed, deleted)
    assert merged.conflicts == [(1, 1)]
    assert texts(merged.mine) == ["P", "Q đã sửa", "R"] and texts(merged.theirs) == ["P", "R"]
    # a delete against an untouched paragraph is simply a delete
    merged = merge_paragraphs(base, deleted, base)
    assert merged.conflicts == [] and texts(merged.mine) == ["P", "R"]


def test_bodies_written_by_0_1_0_still_merge_by_content():
    base = [para("P"), para("Q"), para("R")]
    mine = [para("P của An"), para("Q"), para("R")]
    theirs = [para("P"), para("Q"), para("R của Bình")]
    merged = merge_paragraphs(base, mine, theirs)
    assert merged.conflicts == []
    assert merged.mine == [para("P của An"), para("Q"), para("R của Bình")]  # no id invented
    theirs = [para("P của Bình"), para("Q"), para("R")]
    assert merge_paragraphs(base, mine, theirs).conflicts == [(0, 1)]
    # a base from 0.1.0, both sides saved since (each with ids of its own): by content, and
    # the paragraphs I did not change keep my ids
    mine = [para("P của An", "m1"), para("Q", "m2"), para("R", "m3")]
    theirs = [para("P", "t1"), para("Q", "t2"), para("R của Bình", "t3")]
    merged = merge_paragraphs(base, mine, theirs)
    assert merged.conflicts == []
    assert texts(merged.mine) == ["P của An", "Q", "R của Bình"]
    assert [b["id"] for b in merged.mine] == ["m1", "m2", "t3"]


# -- the same through files: merge of copies, rebase, history ---------------------------------------
def test_a_copy_that_moved_a_paragraph_merges_with_a_copy_that_edited_it(seed_db, tmp_path):
    theirs = copy_of(seed_db, tmp_path / "theirs.db")
    with ReportStore.open(seed_db, author="An") as st:
        sec = st.load_section(sections(st)[1].id)
        moved_id = sec.body[3].id
        sec.body.insert(0, sec.body.pop(3))
        st.save_section(sec)
    with ReportStore.open(theirs, author="Bình") as st:
        sec = st.load_section(sec.id)
        sec.body[3] = edited(sec.body[3], "Bình sửa đoạn bốn.")
        st.save_section(sec)
    other_way = shutil.copyfile(theirs, tmp_path / "other-way.db")
    mine_before = shutil.copyfile(seed_db, tmp_path / "mine-before.db")
    assert merge_copy(seed_db, theirs, author="An").conflicts == []
    assert merge_copy(other_way, mine_before, author="Bình").conflicts == []
    with ReportStore.open(seed_db) as st:
        body = st.load_section(sec.id).body
    assert body[0].id == moved_id and body[0].text == "Bình sửa đoạn bốn."
    assert content(seed_db) == content(other_way)
    assert problems(seed_db) == []


def test_copies_of_a_0_1_0_file_still_merge_paragraph_by_paragraph(tmp_path):
    mine = copy_of(V010 / "seed-history.db", tmp_path / "mine.db")
    theirs = copy_of(mine, tmp_path / "theirs.db")
    with ReportStore.open(mine, author="An") as st:
        sid = sections(st)[2].id
        before = history(st, sid)[0].rev_id  # written by 0.1.0
        sec = st.load_section(sid)
        sec.body[0] = edited(sec.body[0], "An sửa đoạn đầu.")
        st.save_section(sec)
    with ReportStore.open(theirs, author="Bình") as st:
        sec = st.load_section(sid)
        sec.body[2] = edited(sec.body[2], "Bình sửa đoạn ba.")
        st.save_section(sec)
    result = merge_copy(mine, theirs, author="An")
    assert result.conflicts == [] and result.merged == 1
    with ReportStore.open(mine) as st:
        body = st.load_section(sid).body
        assert [body[0].text, body[2].text] == ["An sửa đoạn đầu.", "Bình sửa đoạn ba."]
        # the history compares states with and without ids
        rows = compare(st, sid, before).changed_rows
        assert sorted(r.right.text for r in rows) == ["An sửa đoạn đầu.", "Bình sửa đoạn ba."]
    assert problems(mine) == []


def test_a_save_that_lost_the_race_to_a_move_keeps_the_edit(seed_db):
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    try:
        sid = sections(a)[2].id
        mine, theirs = a.load_section(sid), b.load_section(sid)
        theirs.body.insert(0, theirs.body.pop(4))
        b.save_section(theirs)
        mine.body[4] = edited(mine.body[4], "An sửa đoạn năm.")
        with pytest.raises(errors.Conflict):
            a.save_section(mine)
        rebased = rebase_section(a, mine)
        assert rebased.clean
        a.save_section(rebased.section)
        now = a.load_section(sid).body
        assert now[0].text == "An sửa đoạn năm." and now[0].id == mine.body[4].id
        assert [p.id for p in now] == [p.id for p in theirs.body]
    finally:
        a.close()
        b.close()


def test_history_matches_paragraphs_by_id(seed_db):
    with ReportStore.open(seed_db, author="An") as st:
        sec = st.load_section(sections(st)[1].id)
        sec.body = [Paragraph.of("Tổng kết."), Paragraph.of("Tổng kết.")]
        sec = st.save_section(sec)
        sec.body = [Paragraph.of("Mở đầu mới."), sec.body[0], edited(sec.body[1], "Sơ kết.")]
        st.save_section(sec)
        entry = history(st, sec.id)[0]
        assert (entry.paragraphs_added, entry.paragraphs_removed,
                entry.paragraphs_changed) == (1, 0, 1)
        rows = compare(st, sec.id, history(st, sec.id)[1].rev_id).rows
    assert [(r.kind, r.left_no, r.right_no) for r in rows] == [
        ("added", None, 1), ("same", 1, 2), ("changed", 2, 3)]
    assert rows[2].words() == [("removed", "Tổng"), ("added", "Sơ"), ("same", "kết.")]


# -- where ids go, and where they do not ----------------------------------------------------------
def test_templates_and_word_files_carry_no_block_ids(seed_report, tmp_path):
    data = report_to_data(seed_report)
    blocks = data["intro"] + data["ending"] + [b for f in data["footnotes"].values() for b in f]
    assert blocks and not any("id" in b for b in blocks)
    again = report_from_data(data)
    ids = [p.id for s in again.all_sections() for p in s.body]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & {p.id for s in seed_report.all_sections() for p in s.body}
    out = export_docx(seed_report, tmp_path / "seed.docx")
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert seed_report.intro.body[0].id not in xml
    # an imported report's paragraphs have ids of their own, one per paragraph
    imported = import_docx(out).report
    ids = [p.id for s in imported.all_sections() for p in s.body]
    assert ids and all(ids) and len(set(ids)) == len(ids)
    assert body_to_list(imported.intro.body)[0]["id"] == imported.intro.body[0].id

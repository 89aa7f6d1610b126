"""Merging copies that travelled and came back: nothing lost, conflicts exactly where both sides
changed the same thing, idempotent, and the same report whichever way round."""

from __future__ import annotations

import json
import shutil

import pytest
from _sharing_helpers import content, copy_of, file_hash, problems, sections

from hgreport import errors
from hgreport.history import history
from hgreport.merge import list_conflicts, merge_copy, resolve_conflict
from hgreport.model import Footnote, Paragraph, Run, Section
from hgreport.storage import ReportStore


@pytest.fixture
def copies(seed_db, tmp_path):
    """Two copies of the seed report: "mine" (the original file) and "theirs" (sent by USB)."""
    theirs = copy_of(seed_db, tmp_path / "theirs.db")
    return seed_db, theirs


def _edit_paragraph(store: ReportStore, index: int, para: int, text: str) -> Section:
    sec = store.load_section(sections(store)[index].id)
    refs = sec.body[para].footnote_refs()
    sec.body[para] = Paragraph([Run.of(text), *[Run.ref(f) for f in refs]])
    return store.save_section(sec)


def _body_texts(path, section_id) -> list[str]:
    with ReportStore.open(path) as store:
        return [p.text for p in store.load_section(section_id).body]


def _twice_both_ways(mine, theirs, tmp_path):
    """Merge each into a copy of the other; returns (theirs→mine result, mine→theirs path)."""
    other_way = shutil.copyfile(theirs, tmp_path / "theirs-merged.db")
    mine_before = shutil.copyfile(mine, tmp_path / "mine-before.db")
    into_mine = merge_copy(mine, theirs, author="An")
    into_theirs = merge_copy(other_way, mine_before, author="Bình")
    return into_mine, into_theirs, other_way


def test_only_the_copy_changed_fast_forwards_everything(copies):
    mine, theirs = copies
    with ReportStore.open(theirs, author="Bình") as st:
        sec = _edit_paragraph(st, 1, 0, "Bình viết lại đoạn đầu.")
        fid = sec.body[2].footnote_refs()[0]
        fn = st.load_footnote(fid)
        fn.body = [Paragraph.of("Chú thích Bình sửa.")]
        st.save_footnote(fn)
        report = st.load_report()
        report.header.number = "125-BC/TU"
        st.save_header(report)
    result = merge_copy(mine, theirs, author="An")
    assert result.counts() == {"fast_forwarded": 3, "merged": 0, "conflicts": 0, "added": 0,
                               "deleted": 0, "unchanged": result.unchanged}
    assert content(mine) == content(theirs)
    assert _body_texts(mine, sec.id)[0] == "Bình viết lại đoạn đầu."
    with ReportStore.open(mine) as st:
        assert st.load_report().header.number == "125-BC/TU"
        # the history came along: Bình's save is listed under Bình
        assert [h.author for h in history(st, sec.id)][:2] == ["Bình", "Người tạo"]
    assert problems(mine) == []


def test_edits_to_different_paragraphs_of_one_section_both_land(copies, tmp_path):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        sid = _edit_paragraph(st, 2, 0, "An sửa đoạn một.").id
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 2, 1, "Bình sửa đoạn hai.")
        _edit_paragraph(st, 2, 6, "Bình sửa đoạn cuối.")
    into_mine, into_theirs, other_way = _twice_both_ways(mine, theirs, tmp_path)
    assert into_mine.conflicts == [] and into_theirs.conflicts == []
    assert into_mine.merged == 1
    texts = _body_texts(mine, sid)
    assert texts[0] == "An sửa đoạn một." and texts[1] == "Bình sửa đoạn hai."
    assert texts[6] == "Bình sửa đoạn cuối." and len(texts) == 7
    assert content(mine) == content(other_way)
    assert problems(mine) == [] and problems(other_way) == []


def test_paragraphs_both_sides_added_at_the_same_place_are_all_kept(copies, tmp_path):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        sec = st.load_section(sections(st)[15].id)
        sec.body.append(Paragraph.of("An thêm ở cuối."))
        st.save_section(sec)
    with ReportStore.open(theirs, author="Bình") as st:
        sec = st.load_section(sec.id)
        sec.body += [Paragraph.of("Bình thêm ở cuối."), Paragraph.of("Bình thêm đoạn nữa.")]
        st.save_section(sec)
    into_mine, into_theirs, other_way = _twice_both_ways(mine, theirs, tmp_path)
    assert into_mine.conflicts == [] and into_theirs.conflicts == []
    assert sorted(_body_texts(mine, sec.id)[4:]) == [
        "An thêm ở cuối.", "Bình thêm đoạn nữa.", "Bình thêm ở cuối."]
    assert content(mine) == content(other_way)


def test_merging_the_same_copy_twice_changes_nothing(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        _edit_paragraph(st, 3, 0, "An.")
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 3, 1, "Bình.")
        _edit_paragraph(st, 9, 0, "Bình nữa.")
    first = merge_copy(mine, theirs, author="An")
    assert first.changed
    before = file_hash(mine)
    again = merge_copy(mine, theirs, author="An")
    assert not again.changed and again.conflicts == []
    assert again.summary_lines("en")[-1] == "The copies already agree; nothing changed."
    assert file_hash(mine) == before
    # and merged back the other way, then again: still nothing new either side
    merge_copy(theirs, mine, author="Bình")
    assert content(theirs) == content(mine)
    before = file_hash(mine)
    assert not merge_copy(mine, theirs, author="An").changed
    assert file_hash(mine) == before


def test_diverged_copies_with_moves_new_deleted_sections_and_footnotes(copies, tmp_path):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        secs = sections(st)
        ids = [s.id for s in secs]
        _edit_paragraph(st, 1, 1, "An sửa đoạn 2 của mục 1.")
        st.move_section(ids[5], ids[8], 0)  # "5. chính quyền" → first under II.
        new_fn = Footnote(body=[Paragraph.of("Chú thích mới của An.")])
        st.add_footnote(new_fn)
        added_a = st.add_section(Section(title="Mục mới của An", parent_id=ids[14],
                                         position=99.0,
                                         body=[Paragraph([Run.of("Có chú thích"),
                                                          Run.ref(new_fn.id)])]))
        deleted_a = st.delete_section(ids[7])  # "7. nội chính", 4 footnotes only there
        fid = secs[10].body[0].footnote_refs()[0]
        fn = st.load_footnote(fid)
        fn.body = [Paragraph.of("An sửa chú thích.")]
        st.save_footnote(fn)
        report = st.load_report()
        report.header.number = "130-BC/TU"
        st.save_header(report)
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 1, 3, "Bình sửa đoạn 4 của mục 1.")
        sec = st.load_section(ids[3])
        sec.title = "Công tác dân vận (Bình sửa tiêu đề)"
        st.save_section(sec)
        added_b = st.add_section(Section(title="Mục mới của Bình", parent_id=ids[8],
                                         position=50.0, body=[Paragraph.of("Nội dung.")]))
        deleted_b = st.delete_section(ids[13])  # "3.2. đối ngoại"
        st.move_section(ids[15], ids[14], 1)  # "1. Ưu điểm" after "2. Hạn chế"
        fid2 = secs[9].body[2].footnote_refs()[1]
        fn = st.load_footnote(fid2)
        fn.body = [Paragraph.of("Bình sửa chú thích khác.")]
        st.save_footnote(fn)
        report = st.load_report()
        report.header.place = "Đà Lạt"
        st.save_header(report)

    into_mine, into_theirs, other_way = _twice_both_ways(mine, theirs, tmp_path)
    assert into_mine.conflicts == [] and into_theirs.conflicts == []
    assert into_mine.added == 1 and into_theirs.added >= 1  # An's footnote came along too
    assert content(mine) == content(other_way)  # A into B gives B into A
    assert problems(mine) == [] and problems(other_way) == []
    with ReportStore.open(mine) as st:
        report = st.load_report()
        by_id = {s.id: s for s in report.sections}
        assert report.header.number == "130-BC/TU" and report.header.place == "Đà Lạt"
        texts = [p.text for p in by_id[ids[1]].body]
        assert texts[1] == "An sửa đoạn 2 của mục 1." and texts[3] == "Bình sửa đoạn 4 của mục 1."
        assert by_id[ids[3]].title == "Công tác dân vận (Bình sửa tiêu đề)"
        assert by_id[ids[5]].parent_id == ids[8]
        assert added_a.id in by_id and added_b.id in by_id
        assert not set(deleted_a) & set(by_id) and not set(deleted_b) & set(by_id)
        assert [s.id for s in report.children_of(ids[14])][-2:] == [ids[15], added_a.id]
        assert report.footnotes[fid].plain_text == "An sửa chú thích."
        assert report.footnotes[fid2].plain_text == "Bình sửa chú thích khác."
        assert new_fn.id in report.footnotes
        assert len(report.footnotes) == 57 + 1 - 4 - 3
        # the tombstones came across: both deletions can still be restored
        assert {s.id for s in st.deleted_sections()} == set(deleted_a) | set(deleted_b)
    merged_hash, merged_content = file_hash(mine), content(mine)
    assert not merge_copy(mine, theirs, author="An").changed
    assert file_hash(mine) == merged_hash
    # the other side's own merge adds its history here, but no change to the report
    assert not merge_copy(mine, other_way, author="An").changed
    assert content(mine) == merged_content
    again = file_hash(mine)
    assert not merge_copy(mine, other_way, author="An").changed
    assert file_hash(mine) == again


def test_conflicts_exactly_where_both_changed_the_same_thing(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        ids = [s.id for s in sections(st)]
        _edit_paragraph(st, 1, 0, "An: đoạn đầu mục 1.")  # same paragraph → conflict
        _edit_paragraph(st, 2, 0, "An: đoạn đầu mục 2.")  # different paragraphs → none
        sec = st.load_section(ids[4])
        sec.title = "Tiêu đề của An"
        st.save_section(sec)
        fid = sections(st)[6].body[1].footnote_refs()[0]
        fn = st.load_footnote(fid)
        fn.body = [Paragraph.of("Chú thích theo An.")]
        st.save_footnote(fn)
        report = st.load_report()
        report.header.number, report.header.summary = "140-BC/TU", "Tóm tắt của An"
        st.save_header(report)
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 1, 0, "Bình: đoạn đầu mục 1.")
        _edit_paragraph(st, 2, 1, "Bình: đoạn hai mục 2.")
        sec = st.load_section(ids[4])
        sec.title = "Tiêu đề của Bình"
        st.save_section(sec)
        fn = st.load_footnote(fid)
        fn.body = [Paragraph.of("Chú thích theo Bình.")]
        st.save_footnote(fn)
        report = st.load_report()
        report.header.number, report.header.place = "141-BC/TU", "Hà Nội"
        st.save_header(report)
    result = merge_copy(mine, theirs, author="An")
    found = {(c.entity, c.entity_id, c.field) for c in result.conflicts}
    assert found == {("section", ids[1], "body"), ("section", ids[4], "title"),
                     ("footnote", fid, "body"), ("report", "report", "header.number")}
    with ReportStore.open(mine, author="An") as st:
        listed = list_conflicts(st)
        assert {c.id for c in listed} == {c.id for c in result.conflicts}
        report = st.load_report()
        # mine is kept until someone decides; what did not collide is merged
        assert report.header.number == "140-BC/TU" and report.header.place == "Hà Nội"
        assert report.header.summary == "Tóm tắt của An"
        assert [p.text for p in st.load_section(ids[2]).body][:2] == [
            "An: đoạn đầu mục 2.", "Bình: đoạn hai mục 2."]
        body = next(c for c in listed if c.field == "body" and c.entity == "section")
        assert body.describe("en").endswith("text (paragraph 1)")
        assert body.theirs[0]["runs"][0]["t"] == "Bình: đoạn đầu mục 1."
        # decide: theirs for the paragraph, both for the title, mine for the number
        resolve_conflict(st, body.id, "theirs")
        title = next(c for c in listed if c.field == "title")
        resolve_conflict(st, title.id, "both")
        number = next(c for c in listed if c.field == "header.number")
        resolve_conflict(st, number.id, "mine")
        assert st.load_section(ids[1]).body[0].text == "Bình: đoạn đầu mục 1."
        assert st.load_section(ids[4]).title == "Tiêu đề của An / Tiêu đề của Bình"
        assert st.load_report().header.number == "140-BC/TU"
        assert [c.field for c in list_conflicts(st)] == ["body"]  # the footnote is left
        assert len(list_conflicts(st, include_resolved=True)) == 4
    assert problems(mine) == []
    # a decided conflict does not come back when the copy is merged again
    assert not merge_copy(mine, theirs, author="An").changed
    with ReportStore.open(mine, author="An") as st:
        (left,) = list_conflicts(st)
        assert left.describe("en") == "• Footnote “Chú thích theo An.”: text (paragraph 1)"
        resolve_conflict(st, left.id, "theirs")
        assert st.load_footnote(fid).plain_text == "Chú thích theo Bình."
        assert list_conflicts(st) == []
    assert problems(mine) == []


def test_keep_both_paragraph_versions_keeps_both_footnotes_whole(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        sid = sections(st)[1].id
        _edit_paragraph(st, 1, 2, "Bản An có chú thích")
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 1, 2, "Bản Bình có chú thích")
    result = merge_copy(mine, theirs, author="An")
    (conflict,) = result.conflicts
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, conflict.id, "both")
        body = st.load_section(sid).body
        assert [p.text for p in body[2:4]] == ["Bản An có chú thích", "Bản Bình có chú thích"]
        a_ref, b_ref = body[2].footnote_refs()[0], body[3].footnote_refs()[0]
        assert a_ref != b_ref  # the second place got its own copy of the footnote
        notes = st.load_report().footnotes
        assert notes[a_ref].plain_text == notes[b_ref].plain_text
    assert problems(mine) == []


def test_a_section_deleted_here_but_edited_there_is_kept_and_asked_about(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        sid = sections(st)[4].id
        refs = st.load_section(sid).footnote_refs()
        st.delete_section(sid)
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 4, 1, "Bình vẫn đang viết mục này.")
    result = merge_copy(mine, theirs, author="An")
    (conflict,) = result.conflicts
    assert (conflict.entity_id, conflict.field) == (sid, "deleted")
    assert conflict.describe("vi").endswith("một bên đã xóa, bên kia đã sửa")
    assert _body_texts(mine, sid)[1] == "Bình vẫn đang viết mục này."
    assert problems(mine) == []
    with ReportStore.open(mine, author="An") as st:
        resolve_conflict(st, conflict.id, "mine")
        assert sid in {s.id for s in st.deleted_sections()}
        assert not set(refs) & set(st.load_report().footnotes)
    assert problems(mine) == []


def test_a_new_subsection_under_a_section_deleted_on_the_other_side_brings_it_back(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        parent = sections(st)[11].id  # "3. Quốc phòng, an ninh và đối ngoại" with 3.1, 3.2
        st.delete_section(parent)
    with ReportStore.open(theirs, author="Bình") as st:
        child = st.add_section(Section(title="3.3. Mới", parent_id=parent, position=9.0,
                                       body=[Paragraph.of("Nội dung mới.")]))
    result = merge_copy(mine, theirs, author="An")
    assert [(c.entity_id, c.field) for c in result.conflicts] == [(parent, "deleted")]
    with ReportStore.open(mine) as st:
        report = st.load_report()
        assert [s.id for s in report.children_of(parent)][-1] == child.id
    assert problems(mine) == []


def test_moves_in_opposite_directions_lose_no_section(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        ids = [s.id for s in sections(st)]
        st.move_section(ids[15], ids[16], 0)  # 1. under 2.
    with ReportStore.open(theirs, author="Bình") as st:
        st.move_section(ids[16], ids[15], 0)  # 2. under 1.
    merge_copy(mine, theirs, author="An")
    with ReportStore.open(mine) as st:
        ordered = {s.id for s in st.load_report().ordered_sections()}
    assert {ids[15], ids[16]} <= ordered and len(ordered) == 17
    assert problems(mine) == []


def test_a_footnote_moved_to_two_places_gets_a_copy(copies):
    mine, theirs = copies

    def move_paragraph(st, target):
        secs = sections(st)
        src = st.load_section(secs[3].id)
        para = src.body.pop(0)
        st.save_section(src)
        dst = st.load_section(secs[target].id)
        dst.body.append(para)
        st.save_section(dst)
        return para.footnote_refs()

    with ReportStore.open(mine, author="An") as st:
        refs = move_paragraph(st, 4)
    with ReportStore.open(theirs, author="Bình") as st:
        move_paragraph(st, 5)
    result = merge_copy(mine, theirs, author="An")
    assert result.conflicts == []
    with ReportStore.open(mine) as st:
        report = st.load_report()
    assert len(report.footnotes) == 57 + len(refs)
    assert problems(mine) == []


def test_a_different_report_is_refused_and_left_alone(seed_db, seed_report, tmp_path):
    other = tmp_path / "other.db"
    ReportStore.create(other, seed_report, author="Khác").close()
    before = file_hash(seed_db)
    with pytest.raises(errors.ReportError) as info:
        merge_copy(seed_db, other, author="An")
    assert "không phải là bản sao" in info.value.message("vi")
    assert file_hash(seed_db) == before


def test_result_summary_and_json(copies):
    mine, theirs = copies
    with ReportStore.open(mine, author="An") as st:
        _edit_paragraph(st, 1, 0, "An.")
    with ReportStore.open(theirs, author="Bình") as st:
        _edit_paragraph(st, 1, 0, "Bình.")
        _edit_paragraph(st, 2, 0, "Bình 2.")
    result = merge_copy(mine, theirs, author="An")
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert {k: data[k] for k in ("fast_forwarded", "merged", "conflicts", "added", "deleted")} \
        == {"fast_forwarded": 1, "merged": 1, "conflicts": 1, "added": 0, "deleted": 0}
    assert data["conflict_list"][0]["field"] == "body"
    vi, en = result.summary_lines("vi"), result.summary_lines("en")
    assert vi[0] == "Hợp nhất bản sao “theirs.db” vào “report.db”."
    assert "Xung đột cần quyết định: 1" in vi and "Conflicts to decide: 1" in en
    assert en[-1].startswith("• Section “Công tác chính trị")


TOP = (0, 8, 14)  # "I.", "II.", "III.": never deleted in the random scenarios
LEAVES = (1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 15, 16)


def _random_edits(path, author: str, own: list[str], rng, tops: list[str]) -> dict:
    """Random edits touching only the sections in ``own``; returns what each looks like after."""
    from hgreport.model import Footnote as Fn

    with ReportStore.open(path, author=author) as st:
        for sid in own:
            sec = st.load_section(sid)
            op = rng.choice(["edit", "append", "drop", "title", "move", "delete", "footnote"])
            if op == "edit" and sec.body:
                i = rng.randrange(len(sec.body))
                refs = sec.body[i].footnote_refs()
                sec.body[i] = Paragraph([Run.of(f"{author} sửa {i}"), *map(Run.ref, refs)])
                st.save_section(sec)
            elif op == "append":
                fn = Fn(body=[Paragraph.of(f"Chú thích mới của {author}")])
                st.add_footnote(fn)
                sec.body.append(Paragraph([Run.of(f"{author} thêm"), Run.ref(fn.id)]))
                st.save_section(sec)
            elif op == "drop" and sec.body:
                gone = sec.body.pop(rng.randrange(len(sec.body)))
                st.save_section(sec)
                for fid in gone.footnote_refs():
                    st.delete_footnote(fid)
            elif op == "title":
                sec.title = f"{sec.title} ({author})"
                st.save_section(sec)
            elif op == "move":
                st.move_section(sid, rng.choice(tops), rng.randrange(4))
            elif op == "delete":
                st.delete_section(sid)
            elif op == "footnote" and sec.footnote_refs():
                fn = st.load_footnote(rng.choice(sec.footnote_refs()))
                fn.body = [Paragraph.of(f"{author} sửa chú thích")]
                st.save_footnote(fn)
        if rng.random() < 0.7:
            new = st.add_section(Section(title=f"Mục mới {author}", parent_id=rng.choice(tops),
                                         position=rng.choice([0.5, 2.5, 99.0]),
                                         body=[Paragraph.of("Nội dung")]))
            own = [*own, new.id]
        report = st.load_report()
        alive = {s.id: s for s in report.sections}
        return {sid: (alive[sid].title, [p.to_dict() for p in alive[sid].body],
                      alive[sid].parent_id, alive[sid].position,
                      [report.footnotes[f].plain_text for f in alive[sid].footnote_refs()])
                if sid in alive else None for sid in own}


@pytest.mark.parametrize("seed", range(10))
def test_random_diverged_copies_merge_without_loss_either_way(seed_db, tmp_path, seed):
    import random

    rng = random.Random(seed)
    theirs = copy_of(seed_db, tmp_path / "theirs.db")
    with ReportStore.open(seed_db) as st:
        ids = [s.id for s in sections(st)]
    leaves = [ids[i] for i in LEAVES]
    rng.shuffle(leaves)
    half = len(leaves) // 2
    tops = [ids[i] for i in TOP]
    after_a = _random_edits(seed_db, "An", leaves[:half], rng, tops)
    after_b = _random_edits(theirs, "Bình", leaves[half:], rng, tops)
    into_mine, into_theirs, other_way = _twice_both_ways(seed_db, theirs, tmp_path)
    assert into_mine.conflicts == [] and into_theirs.conflicts == []
    assert content(seed_db) == content(other_way)
    assert problems(seed_db) == [] and problems(other_way) == []
    with ReportStore.open(seed_db) as st:
        report = st.load_report()
        alive = {s.id: s for s in report.sections}
        for sid, expected in {**after_a, **after_b}.items():
            if expected is None:
                assert sid not in alive
                continue
            sec = alive[sid]
            assert (sec.title, [p.to_dict() for p in sec.body], sec.parent_id,
                    sec.position) == expected[:4]
            assert [report.footnotes[f].plain_text for f in sec.footnote_refs()] == expected[4]
    before = file_hash(seed_db)
    assert not merge_copy(seed_db, theirs, author="An").changed
    assert file_hash(seed_db) == before


def test_a_save_that_lost_the_race_combines_with_the_other_save(seed_db):
    from hgreport.merge import both_paragraphs, rebase_section

    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    try:
        sid = sections(a)[2].id
        mine, theirs = a.load_section(sid), b.load_section(sid)
        theirs.body[0] = Paragraph.of("Bình sửa đoạn đầu.")
        theirs.title = "Tiêu đề Bình sửa"
        b.save_section(theirs)
        mine.body[3] = Paragraph.of("An sửa đoạn bốn.")
        with pytest.raises(errors.Conflict):
            a.save_section(mine)
        rebased = rebase_section(a, mine)
        assert rebased.clean
        a.save_section(rebased.section)
        now = a.load_section(sid)
        assert now.title == "Tiêu đề Bình sửa"
        assert [p.text for p in now.body][0] == "Bình sửa đoạn đầu."
        assert [p.text for p in now.body][3] == "An sửa đoạn bốn."
        # the same paragraph changed by both: a choice, with "keep both" at hand
        mine, theirs = a.load_section(sid), b.load_section(sid)
        theirs.body[3] = Paragraph.of("Bình viết khác đoạn bốn.")
        b.save_section(theirs)
        mine.body[3] = Paragraph.of("An viết lại đoạn bốn.")
        rebased = rebase_section(a, mine)
        assert [c.field for c in rebased.conflicts] == ["body"]
        assert rebased.theirs.body[3].text == "Bình viết khác đoạn bốn."
        (clash,) = rebased.conflicts
        both = both_paragraphs(clash.mine, clash.theirs)
        assert [p["runs"][0]["t"] for p in both[3:5]] == ["An viết lại đoạn bốn.",
                                                         "Bình viết khác đoạn bốn."]
    finally:
        a.close()
        b.close()

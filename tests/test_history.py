"""A section's history: who saved what and when, how much changed, side by side, restore."""

from __future__ import annotations

import pytest
from _sharing_helpers import copy_of, problems, sections

from hgreport import errors
from hgreport.history import compare, history, restore, save_author, word_diff
from hgreport.merge import merge_copy
from hgreport.model import Paragraph, Run
from hgreport.storage import ReportStore


def _save(path, author, index, change):
    with ReportStore.open(path, author=author) as store:
        sec = store.load_section(sections(store)[index].id)
        change(sec)
        return store.save_section(sec)


def test_history_lists_every_save_with_who_when_and_how_much(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        save_author(store, "An", "Ban Tuyên giáo")
    sid = _save(seed_db, "An", 1, lambda s: s.body.append(Paragraph.of("Thêm một đoạn mới."))).id
    _save(seed_db, "Bình", 1, lambda s: s.body.__setitem__(0, Paragraph.of("Đoạn đầu viết lại.")))
    _save(seed_db, "An", 1, lambda s: setattr(s, "title", s.title + " (sửa)"))
    with ReportStore.open(seed_db) as store:
        entries = history(store, sid)
    assert [e.version for e in entries] == [4, 3, 2, 1]
    assert [e.who for e in entries] == ["An (Ban Tuyên giáo)", "Bình", "An (Ban Tuyên giáo)",
                                        "Người tạo"]
    assert entries[0].at >= entries[1].at >= entries[2].at >= entries[3].at
    newest, rewrite, added, created = entries
    assert (added.paragraphs_added, added.paragraphs_removed, added.paragraphs_changed) == (1, 0, 0)
    assert added.words_delta == 4
    assert (rewrite.paragraphs_changed, rewrite.paragraphs_added) == (1, 0)
    assert newest.amount == 0 and newest.words_delta == 1  # only the title changed
    assert created.first and created.summary("en") == "Created"
    assert added.summary("vi") == "+1 / −0 / ~0 đoạn, +4 từ"


def test_history_shows_deletion_restore_and_merges(seed_db, tmp_path):
    copy = copy_of(seed_db, tmp_path / "copy.db")
    with ReportStore.open(seed_db, author="An") as store:
        sid = sections(store)[15].id
        store.delete_section(sid)
        store.restore_section(sid)
    _save(seed_db, "An", 15, lambda s: s.body.__setitem__(0, Paragraph.of("An.")))
    _save(copy, "Bình", 15, lambda s: s.body.__setitem__(1, Paragraph.of("Bình.")))
    merge_copy(seed_db, copy, author="An")
    with ReportStore.open(seed_db) as store:
        entries = history(store, sid)
    summaries = [e.summary("en") for e in entries]
    assert summaries[0].startswith("Merged from a copy")
    assert "Deleted" in summaries
    assert {e.author for e in entries} == {"An", "Bình", "Người tạo"}


def test_side_by_side_comparison_pairs_paragraphs(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        sec = store.load_section(sections(store)[2].id)
        first = store.revisions(sec.id)[0].id
        old = [p.text for p in sec.body]
        sec.body[1] = Paragraph.of(old[1] + " Thêm câu.")
        del sec.body[3]
        sec.body.insert(0, Paragraph.of("Đoạn mở mới."))
        store.save_section(sec)
        cmp = compare(store, sec.id, first)  # the first version against the current one
    kinds = [(r.kind, r.left_no, r.right_no) for r in cmp.rows]
    assert kinds == [("added", None, 1), ("same", 1, 2), ("changed", 2, 3), ("same", 3, 4),
                     ("removed", 4, None), ("same", 5, 5), ("same", 6, 6), ("same", 7, 7)]
    changed = cmp.rows[2]
    assert changed.left.text == old[1] and changed.right.text == old[1] + " Thêm câu."
    assert changed.words()[-1] == ("added", "Thêm câu.")
    assert len(cmp.changed_rows) == 3


def test_word_diff_marks_only_what_changed():
    assert word_diff("Tỉnh ủy đã lãnh đạo", "Tỉnh ủy đã chỉ đạo") == [
        ("same", "Tỉnh ủy đã"), ("removed", "lãnh"), ("added", "chỉ"), ("same", "đạo")]


def test_restore_brings_an_older_text_back_as_a_new_save(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        sec = store.load_section(sections(store)[3].id)
        original = [p.to_dict() for p in sec.body]
        original_refs = sec.footnote_refs()
        first = store.revisions(sec.id)[0].id
        dropped = sec.body.pop(0)  # the paragraph with 2 footnotes goes…
        for fid in dropped.footnote_refs():
            store.delete_footnote(fid)
        sec.body[0] = Paragraph([Run.of("Viết lại hết.")])
        saved = store.save_section(sec)
        restored = restore(store, sec.id, first, expected_version=saved.version)
        assert [p.to_dict() for p in restored.body] == original
        assert restored.version == saved.version + 1
        assert set(original_refs) <= set(store.load_report().footnotes)  # …and come back
        assert [e.version for e in history(store, sec.id)][:2] == [3, 2]  # nothing erased
        with pytest.raises(errors.Conflict):  # someone saved in between
            restore(store, sec.id, first, expected_version=saved.version)
    assert problems(seed_db) == []


def test_restoring_a_deleted_section_brings_it_back(seed_db):
    with ReportStore.open(seed_db, author="An") as store:
        sid = sections(store)[16].id
        last = store.revisions(sid)[0].id
        store.delete_section(sid)
        restore(store, sid, last)
        assert sid in {s.id for s in store.load_report().ordered_sections()}
    assert problems(seed_db) == []

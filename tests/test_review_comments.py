"""Comments (góp ý): on a range of a paragraph, with replies and open/resolved; kept in the
report file, listed by ``info --json``, carried through copies, merges, moves and restores,
never printed by the official export, written as Word comments by ``export --comments``."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from hgreport.cli import main
from hgreport.merge import list_conflicts, merge_copy
from hgreport.review.comments import (
    add_comment,
    delete_comment,
    list_comments,
    reply,
    set_resolved,
)
from hgreport.review.errors import CommentEmpty, CommentPlaceGone
from hgreport.storage import ReportStore

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
V010 = Path(__file__).parent / "fixtures" / "v010"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _target(store):
    """A section with text and its first paragraph."""
    report = store.load_report()
    sec = next(s for s in report.ordered_sections() if s.body and s.body[0].text)
    return report, sec, sec.body[0]


def test_a_comment_with_a_reply_is_listed_by_info_and_resolved(seed_db, capsys):
    with ReportStore.open(seed_db, author="Trưởng ban") as store:
        _, sec, para = _target(store)
        c = add_comment(store, sec.id, para.id, 0, 12, "Cần số liệu cụ thể hơn.")
        reply(store, c.id, "Đã bổ sung số liệu.", author="Chuyên viên")
    code, out, _ = run(capsys, "info", seed_db, "--json")
    listed = json.loads(out)["comments"]
    assert code == 0 and len(listed) == 1
    item = listed[0]
    assert {k: item[k] for k in ("id", "section", "author", "text", "resolved")} == {
        "id": c.id, "section": sec.title, "author": "Trưởng ban",
        "text": "Cần số liệu cụ thể hơn.", "resolved": False}
    assert item["quote"] == para.text[:12]
    assert [(r["author"], r["text"]) for r in item["replies"]] == \
        [("Chuyên viên", "Đã bổ sung số liệu.")]
    with ReportStore.open(seed_db) as store:
        set_resolved(store, c.id)
    assert json.loads(run(capsys, "info", seed_db, "--json")[1])["comments"][0]["resolved"]
    code, out, _ = run(capsys, "info", seed_db)
    assert "Góp ý: 1 (0 chưa giải quyết)" in out


def test_comments_are_filtered_by_section_author_and_open(seed_db):
    with ReportStore.open(seed_db, author="A") as store:
        report = store.load_report()
        texts = [s for s in report.ordered_sections() if s.body and s.body[0].text]
        one = add_comment(store, texts[0].id, texts[0].body[0].id, 0, 5, "Một")
        two = add_comment(store, texts[1].id, texts[1].body[0].id, 0, 5, "Hai", author="B")
        reply(store, one.id, "Trả lời", author="C")
        set_resolved(store, two.id)
        assert [c.text for c in list_comments(store)] == ["Một", "Hai"]  # reading order
        assert [c.text for c in list_comments(store, section_id=texts[1].id)] == ["Hai"]
        assert [c.text for c in list_comments(store, author="B")] == ["Hai"]
        assert [c.text for c in list_comments(store, author="C")] == ["Một"]  # by a reply
        assert [c.text for c in list_comments(store, open_only=True)] == ["Một"]
        delete_comment(store, one.id)
        assert [c.text for c in list_comments(store)] == ["Hai"]


def test_bad_comments_are_refused_clearly(seed_db):
    with ReportStore.open(seed_db) as store:
        _, sec, para = _target(store)
        with pytest.raises(CommentEmpty):
            add_comment(store, sec.id, para.id, 0, 3, "   ")
        with pytest.raises(CommentPlaceGone) as gone:
            add_comment(store, sec.id, "khong-co-doan-nay", 0, 3, "Góp ý")
        assert "đoạn văn" in str(gone.value)
        far = add_comment(store, sec.id, para.id, 5, 10_000, "Đến hết đoạn")
        assert far.quote == para.text[5:]


def test_comments_survive_moves_deletion_and_restore_and_copies(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        report, sec, para = _target(store)
        c = add_comment(store, sec.id, para.id, 0, 4, "Xem lại")
        store.move_section(sec.id, None, 0)
        store.delete_section(sec.id)
        assert [x.id for x in list_comments(store)] == [c.id]  # kept, listed last
        store.restore_section(sec.id)
        assert list_comments(store)[0].section_id == sec.id
        store.copy_to(tmp_path / "ban-sao.db")
    with ReportStore.open(tmp_path / "ban-sao.db") as copy:
        assert [x.text for x in list_comments(copy)] == ["Xem lại"]


def test_merging_copies_brings_comments_replies_and_resolutions(seed_db, tmp_path):
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        _, sec, para = _target(store)
        first = add_comment(store, sec.id, para.id, 0, 4, "Góp ý chung")
        store.copy_to(tmp_path / "ban-sao.db")
    with ReportStore.open(tmp_path / "ban-sao.db", author="Ban Tổ chức") as other:
        reply(other, first.id, "Đồng ý")
        add_comment(other, sec.id, para.id, 2, 6, "Góp ý từ bản sao")
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        set_resolved(store, first.id)
    result = merge_copy(seed_db, tmp_path / "ban-sao.db", author="Văn phòng")
    assert not result.conflicts
    with ReportStore.open(seed_db) as store:
        found = {c.text: c for c in list_comments(store)}
        assert set(found) == {"Góp ý chung", "Góp ý từ bản sao"}
        assert found["Góp ý chung"].resolved
        assert [r.text for r in found["Góp ý chung"].replies] == ["Đồng ý"]
    again = merge_copy(seed_db, tmp_path / "ban-sao.db", author="Văn phòng")
    assert not again.changed


def test_a_comment_changed_differently_in_two_copies_is_a_conflict(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        _, sec, para = _target(store)
        c = add_comment(store, sec.id, para.id, 0, 4, "Ban đầu")
        store.copy_to(tmp_path / "ban-sao.db")
        store.save_comment(c.id, c.state(text="Sửa ở bản chính"), c.version)
    with ReportStore.open(tmp_path / "ban-sao.db") as other:
        other.save_comment(c.id, c.state(text="Sửa ở bản sao"), c.version)
    merge_copy(seed_db, tmp_path / "ban-sao.db")
    with ReportStore.open(seed_db) as store:
        conflicts = list_conflicts(store)
        assert [(k.entity, k.field, k.mine, k.theirs) for k in conflicts] == [
            ("comment", "text", "Sửa ở bản chính", "Sửa ở bản sao")]
        assert "Góp ý" in conflicts[0].describe("vi")


def _comment_ranges(docx: Path) -> tuple[list[etree._Element], dict[str, str]]:
    with zipfile.ZipFile(docx) as z:
        names = z.namelist()
        body = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/comments.xml")) \
            if "word/comments.xml" in names else None
    ranges: dict[str, str] = {}
    for p in body.iter(f"{W}p"):
        open_: dict[str, list[str]] = {}
        for el in p.iter():
            if el.tag == f"{W}commentRangeStart":
                open_[el.get(f"{W}id")] = []
            elif el.tag == f"{W}commentRangeEnd":
                ranges[el.get(f"{W}id")] = "".join(open_.pop(el.get(f"{W}id"), []))
            elif el.tag == f"{W}t":
                for chunks in open_.values():
                    chunks.append(el.text or "")
    return ([] if notes is None else list(notes.iter(f"{W}comment"))), ranges


def test_export_with_comments_writes_word_comments_and_the_official_one_never(seed_db, capsys,
                                                                              tmp_path):
    with ReportStore.open(seed_db, author="Trưởng ban") as store:
        _, sec, para = _target(store)
        c = add_comment(store, sec.id, para.id, 3, 20, "Diễn đạt lại")
        reply(store, c.id, "Đã sửa", author="Chuyên viên")
    official = tmp_path / "chinh-thuc.docx"
    assert run(capsys, "export", seed_db, "-o", official)[0] == 0
    with zipfile.ZipFile(official) as z:
        assert "word/comments.xml" not in z.namelist()
        assert b"commentRange" not in z.read("word/document.xml")
    commented = tmp_path / "gop-y.docx"
    code, out, err = run(capsys, "export", seed_db, "--comments", "-o", commented)
    assert code == 0, err
    assert "2 góp ý" in out
    notes, ranges = _comment_ranges(commented)
    assert [(n.get(f"{W}author"), "".join(n.itertext())) for n in notes] == [
        ("Trưởng ban", "Diễn đạt lại"), ("Chuyên viên", "Đã sửa")]
    assert ranges == {"0": para.text[3:20], "1": para.text[3:20]}


def test_an_older_report_file_gets_comments_on_open(tmp_path):
    path = tmp_path / "cu.db"
    shutil.copy(V010 / "sample.db", path)
    with ReportStore.open(path) as store:
        assert list_comments(store) == []
        _, sec, para = _target(store)
        store.save_section(sec)  # as the window does: 0.1.0 paragraphs get their ids stored
        add_comment(store, sec.id, para.id, 0, 2, "Góp ý đầu tiên")
        assert len(list_comments(store)) == 1

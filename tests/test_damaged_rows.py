"""A file with one damaged row (it still passes ``PRAGMA integrity_check``) opens: every command
works on what can be read, names what cannot, never prints a traceback and never overwrites the
damaged data; the person repairs it by restoring from the history."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from _damage_helpers import (
    CONTENT_KINDS,
    KINDS,
    damage,
    damage_revisions,
    file_hash,
)

from hgreport import errors
from hgreport.checks import find_problems
from hgreport.cli import main
from hgreport.history import history, restore
from hgreport.merge import merge_copy, resolve_conflict
from hgreport.model import Paragraph, walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.storage import ReportStore
from hgreport.workspace import Workspace


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def _numbering(report) -> Numbering:
    return Numbering.from_profile(load_profile(report.profile))


def _problems(path, content=False) -> list[str]:
    with ReportStore.open(path) as store:
        report = store.load_report()
    return [p.message("vi") for p in find_problems(report, _numbering(report), content=content)]


def _docx(path) -> tuple[str, str]:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode(), z.read("word/footnotes.xml").decode()


def _what_is_named(d) -> str:
    """The words ``check`` must use to name what is damaged."""
    return {"footnote_not_json": "Chú thích số 3", "header_year": "trường “năm”"}.get(
        d.kind, d.title)


@pytest.fixture(params=KINDS)
def damaged(request, seed_db):
    return damage(seed_db, request.param)


# -- each command on each kind of damage --------------------------------------------------------
def test_info_opens_it_with_every_section_and_names_the_damage(capsys, damaged):
    before = file_hash(damaged.path)
    code, out, err = run(capsys, "info", damaged.path, "--json")
    assert code == 0 and "Traceback" not in err
    info = json.loads(out)

    def count(nodes):
        return sum(1 + count(n["children"]) for n in nodes)

    assert count(info["sections"]) == 17  # a loop or a missing parent drops nothing
    assert len(info["footnotes"]) == 57
    assert any(_what_is_named(damaged) in p and ("hỏng" in p) for p in info["problems"])
    assert file_hash(damaged.path) == before


def test_check_exits_1_naming_the_section_and_what_is_wrong(capsys, damaged):
    before = file_hash(damaged.path)
    code, out, err = run(capsys, "check", damaged.path)
    assert code == 1 and "Traceback" not in err
    lines = [ln for ln in out.splitlines() if ln.startswith("- ")]
    assert len(lines) == 1, lines  # the damage, and no false "footnote without text/reference"
    assert _what_is_named(damaged) in lines[0]
    why = {"body_not_json": "không phải dữ liệu hợp lệ", "body_bad_utf8": "UTF-8",
           "body_blob": "UTF-8", "footnote_not_json": "không phải dữ liệu hợp lệ",
           "header_year": "hai nghin", "parent_nowhere": "mục cha của nó không có",
           "parent_loop": "vòng trở lại"}[damaged.kind]
    assert why in lines[0]
    assert file_hash(damaged.path) == before


def test_export_warns_and_writes_everything_that_can_be_read(capsys, damaged, tmp_path):
    before = file_hash(damaged.path)
    out_path = tmp_path / "out.docx"
    code, out, err = run(capsys, "export", damaged.path, "-o", out_path)
    assert code == 0 and "Traceback" not in err
    assert err.startswith("Cảnh báo: ") and _what_is_named(damaged) in err
    document, notes = _docx(out_path)
    assert len(re.findall(r"<w:footnoteReference ", document)) == 57  # every footnote, placed
    assert len(re.findall(r"<w:footnote ", notes)) == 57 + 2  # + separators
    assert document.count('w:val="Heading') >= 17
    if damaged.kind in CONTENT_KINDS:  # the section says it is damaged, then its last save
        assert "[Mục bị hỏng trong tệp" in document
        assert "Công tác dân vận của Đảng, của chính quyền tạo được điểm nhấn" in document
    if damaged.kind == "footnote_not_json":
        assert "[Chú thích bị hỏng" in notes
    assert file_hash(damaged.path) == before


def test_search_finds_what_can_be_read(capsys, damaged):
    before = file_hash(damaged.path)
    code, out, err = run(capsys, "search", damaged.path, "dan", "van", "--json")
    assert code == 0 and "Traceback" not in err
    hits = json.loads(out)
    assert any(h["id"] == damaged.section_id for h in hits) or not damaged.kind.startswith("body")
    assert file_hash(damaged.path) == before


@pytest.mark.parametrize("kind", KINDS)
def test_merge_either_way_keeps_the_damaged_row_and_loses_nothing(capsys, seed_db, tmp_path,
                                                                   kind):
    clean = tmp_path / "sach.db"
    with ReportStore.open(seed_db) as store:
        store.copy_to(clean)  # a copy sent before the damage happened
    d = damage(seed_db, kind)
    raw = d.raw()
    code, out, err = run(capsys, "merge", d.path, clean)
    assert code == 0 and "Traceback" not in err
    with ReportStore.open(d.path) as store:
        report = store.load_report()
    assert len(report.ordered_sections()) == 17 and len(report.footnotes) == 57
    if kind.startswith("parent"):  # merge keeps the tree whole: the section hangs at the top
        assert report.section(d.section_id).parent_id is None
    else:  # an unreadable row is kept as it is
        assert d.raw() == raw
    code, out, err = run(capsys, "merge", clean, d.path)
    assert code == 0 and "Traceback" not in err
    assert _problems(clean) == []


# -- the damaged row is never written by the program ---------------------------------------------
@pytest.mark.parametrize("kind", CONTENT_KINDS)
def test_a_damaged_section_shows_its_last_save_read_only_and_is_never_written(seed_db, kind):
    d = damage(seed_db, kind)
    raw = d.raw()
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        sec = report.section(d.section_id)
        assert sec.damaged and sec.damage[0].what == "body" and sec.damage[0].from_history
        assert sec.damage[0].raw == (raw if kind != "body_not_json" else raw.decode())
        assert sec.body[0].text.startswith("Công tác dân vận của Đảng")
        with pytest.raises(errors.DamagedEntity) as refused:
            store.save_section(sec)
        assert "Ctrl+Alt+H" in refused.value.message("vi")
        with pytest.raises(errors.DamagedEntity):
            store.move_section(sec.id, None, 0)
        work = Workspace(store)
        assert work.is_read_only(sec.id)
        assert not work.set_body(sec.id, [Paragraph.of("gõ đè")])
        work.typing(sec.id, lambda: [Paragraph.of("gõ đè")])
        assert work.save().error is None
        other = next(s for s in report.ordered_sections() if not s.damage)
        assert not work.is_read_only(other.id)
        work.set_body(other.id, [Paragraph.of("Phần còn lại vẫn sửa được.")])
        assert work.save().error is None
        store.delete_section(sec.id)  # deleting and restoring keeps the raw data
        store.restore_section(sec.id)
    assert d.raw() == raw
    with ReportStore.open(seed_db) as store:
        assert [p.text for p in store.load_section(other.id).body] == \
            ["Phần còn lại vẫn sửa được."]


@pytest.mark.parametrize("kind", CONTENT_KINDS)
def test_restoring_from_the_history_repairs_it(seed_db, kind):
    d = damage(seed_db, kind)
    with ReportStore.open(seed_db) as store:
        (last,) = history(store, d.section_id)[:1]
        restore(store, d.section_id, last.rev_id)
        sec = store.load_section(d.section_id)
        assert not sec.damage
        assert sec.body[0].text.startswith("Công tác dân vận của Đảng")
        sec.body.append(Paragraph.of("Sửa được rồi."))
        store.save_section(sec)
    assert _problems(seed_db) == []


def test_with_its_history_damaged_too_the_text_between_quotes_is_recovered(seed_db, tmp_path,
                                                                            capsys):
    d = damage(seed_db, "body_not_json")
    damage_revisions(seed_db, d.section_id)
    with ReportStore.open(seed_db) as store:
        sec = store.load_report().section(d.section_id)
    assert sec.damaged and not sec.damage[0].from_history
    text = sec.plain_text
    assert "Công tác dân vận của Đảng, của chính quyền" in text
    assert "Thực hiện phong trào thi đua “Dân vận khéo”" in text
    assert _problems(seed_db) == [p for p in _problems(seed_db) if "hỏng" in p]  # no orphans
    code, _, err = run(capsys, "export", seed_db, "-o", tmp_path / "x.docx")
    document, _ = _docx(tmp_path / "x.docx")
    assert code == 0 and "[Mục bị hỏng: nội dung lưu trong tệp không đọc được hết" in document
    assert len(re.findall(r"<w:footnoteReference ", document)) == 57


def test_a_header_year_in_words_is_left_empty_until_the_person_enters_it(seed_db):
    damage(seed_db, "header_year")
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        assert report.header.year is None and report.header.issuer
        assert [d.what for d in report.damage] == ["header.year"]
        report.header.year = 2023
        store.save_header(report)
    assert _problems(seed_db) == []


def test_a_section_in_a_loop_or_under_a_missing_parent_moves_back_into_place(seed_db):
    d = damage(seed_db, "parent_loop")
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        assert report.misplaced() == {d.section_id: "parent_loop"}
        tops = [n.section.id for n in report.tree(_numbering(report))]
        assert d.section_id in tops  # shown at the top level, with its subsections
        store.move_section(d.section_id, None, 0)
    assert _problems(seed_db) == []


def test_a_reference_into_a_damaged_footnote_is_not_missing_text(seed_db):
    d = damage(seed_db, "footnote_not_json")
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
    assert not report.check_references()
    fn = report.footnotes[d.footnote_id]
    assert fn.damaged and fn.plain_text.startswith("Trong năm, đã phối hợp")
    with ReportStore.open(seed_db) as store, pytest.raises(errors.DamagedEntity):
        store.save_footnote(fn)


# -- merging with a damaged side ------------------------------------------------------------------
def _pair(seed_db, tmp_path):
    theirs = tmp_path / "theirs.db"
    with ReportStore.open(seed_db) as store:
        store.copy_to(theirs)
    return seed_db, theirs


def test_damaged_here_and_changed_there_is_a_conflict_theirs_repairs(seed_db, tmp_path):
    mine, theirs = _pair(seed_db, tmp_path)
    with ReportStore.open(theirs, author="Bình") as store:
        sid = next(s.id for s in store.load_report().ordered_sections()
                   if s.title == "Công tác dân vận")
        sec = store.load_section(sid)
        sec.body[0] = Paragraph.of("Bình viết lại đoạn đầu.")
        store.save_section(sec)
    d = damage(mine, "body_bad_utf8")
    raw = d.raw()
    result = merge_copy(mine, theirs, author="An")
    (conflict,) = result.conflicts
    assert (conflict.entity_id, conflict.field) == (sid, "damaged")
    assert "bị hỏng" in conflict.describe("vi")
    assert d.raw() == raw  # kept as it is until someone decides
    assert merge_copy(mine, theirs, author="An").conflicts == []  # asked once
    with ReportStore.open(mine, author="An") as store:
        resolve_conflict(store, conflict.id, "theirs")
        sec = store.load_section(sid)
    assert not sec.damage and sec.body[0].text == "Bình viết lại đoạn đầu."
    assert _problems(mine) == []


def test_damaged_there_after_their_edit_keeps_mine_and_offers_their_last_save(seed_db,
                                                                                tmp_path):
    mine, theirs = _pair(seed_db, tmp_path)
    with ReportStore.open(theirs, author="Bình") as store:
        sid = next(s.id for s in store.load_report().ordered_sections()
                   if s.title == "Công tác dân vận")
        sec = store.load_section(sid)
        sec.body[0] = Paragraph.of("Bình viết lại đoạn đầu.")
        store.save_section(sec)
    damage(theirs, "body_not_json")
    theirs_hash = file_hash(theirs)
    result = merge_copy(mine, theirs, author="An")
    (conflict,) = result.conflicts
    assert conflict.field == "damaged"
    assert file_hash(theirs) == theirs_hash
    with ReportStore.open(mine, author="An") as store:
        assert store.load_section(sid).body[0].text.startswith("Công tác dân vận của Đảng")
        resolve_conflict(store, conflict.id, "theirs")
        assert store.load_section(sid).body[0].text == "Bình viết lại đoạn đầu."
    assert _problems(mine) == []


def test_the_window_of_a_damaged_file_reports_it_in_the_tree_order(seed_db):
    d = damage(seed_db, "body_blob")
    with ReportStore.open(seed_db) as store:
        work = Workspace(store)
        notes = work.damage_notes("en")
        numbers = {n.section.id: n.number for n in walk_tree(work.tree())}
    assert list(notes) == [d.section_id]
    assert notes[d.section_id][0].startswith(f"Section {numbers[d.section_id]} “{d.title}”")
    assert "restore the section from its history" in notes[d.section_id][0]


def test_every_damaged_copy_is_left_byte_for_byte_by_read_commands(capsys, seed_db, tmp_path):
    d = damage(seed_db, "body_bad_utf8")
    copy = shutil.copyfile(seed_db, tmp_path / "copy.db")
    before = file_hash(copy)
    for argv in (("info", copy), ("check", copy), ("search", copy, "dang"),
                 ("export", copy, "-o", tmp_path / "c.docx"), ("conflicts", copy)):
        code, _, err = run(capsys, *argv)
        assert code in (0, 1) and "Traceback" not in err
    assert file_hash(copy) == before and d.raw()

"""Named drafts ("Dự thảo lần 1"): marking, listing, the report as it was, the header's draft
mark, and the stamp every export leaves inside the Word file."""

from __future__ import annotations

import json
import zipfile

import pytest

from hgreport.cli import main
from hgreport.export import export_docx
from hgreport.model import Footnote, Paragraph, Run, Section
from hgreport.review.drafts import draft_report, export_stamp, list_drafts, mark_draft
from hgreport.review.errors import DraftNameEmpty, DraftNameTaken, NoSuchDraft
from hgreport.review.wordread import read_stamp
from hgreport.storage import ReportStore


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_draft_keeps_the_report_as_it_was_while_work_goes_on(seed_db):
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        before = store.load_report()
        mark_draft(store, "Dự thảo lần 1", follow_mark=False)
        report = store.load_report()
        first = next(s for s in report.ordered_sections() if s.body)
        first.title = "Tiêu đề đã sửa"
        first.body[0] = Paragraph.of("Câu hoàn toàn mới.")
        store.save_section(first)
        gone = report.ordered_sections()[3]
        store.delete_section(gone.id)
        store.add_section(Section(title="Mục thêm sau dự thảo", position=999.0))
        fid = next(iter(report.footnotes))
        note = report.footnotes[fid]
        store.save_footnote(Footnote(fid, [Paragraph.of("Chú thích đã sửa")], note.version))
        then = draft_report(store, "Dự thảo lần 1")
    assert [s.title for s in then.ordered_sections()] == \
        [s.title for s in before.ordered_sections()]
    was = before.section(first.id)
    assert then.section(first.id).body[0].text == was.body[0].text != "Câu hoàn toàn mới."
    assert then.footnotes[fid].plain_text == before.footnotes[fid].plain_text
    assert len(then.footnotes) == 57 and then.header == before.header
    assert then.intro.plain_text == before.intro.plain_text


def test_drafts_are_listed_with_date_and_author_and_names_are_unique(seed_db):
    with ReportStore.open(seed_db, author="Chánh Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 1")
        with pytest.raises(DraftNameTaken) as taken:
            mark_draft(store, "  Dự thảo lần 1 ")
        assert "Dự thảo lần 2" in str(taken.value)  # the message proposes the next name
        with pytest.raises(DraftNameEmpty):
            mark_draft(store, "   ")
        with pytest.raises(NoSuchDraft) as missing:
            draft_report(store, "Dự thảo lần 7")
        assert "Dự thảo lần 1" in str(missing.value)
        found = list_drafts(store)
    assert [(d.name, d.author, d.sections, d.footnotes) for d in found] == \
        [("Dự thảo lần 1", "Chánh Văn phòng", 19, 57)]
    assert found[0].created_at[:4].isdigit()


def test_the_header_draft_mark_follows_the_draft_when_it_shows_one(seed_db):
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
        assert report.header.draft_mark == "Dự thảo"  # the seed shows a draft mark
        report.header.draft_mark = ""
        store.save_header(report)
        mark_draft(store, "Dự thảo lần 1")  # no mark shown: it stays so
        assert store.load_report().header.draft_mark == ""
        mark_draft(store, "Dự thảo lần 2", follow_mark=True)
        assert store.load_report().header.draft_mark == "Dự thảo lần 2"
        mark_draft(store, "Dự thảo lần 3")  # a mark shown: it follows the name
        assert store.load_report().header.draft_mark == "Dự thảo lần 3"
        # the draft holds its own mark
        assert draft_report(store, "Dự thảo lần 2").header.draft_mark == "Dự thảo lần 2"
        mark_draft(store, "Bản trình Hội nghị", follow_mark=False)
        assert store.load_report().header.draft_mark == "Dự thảo lần 3"


def test_drafts_travel_with_a_copy(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        mark_draft(store, "Dự thảo lần 1")
        store.copy_to(tmp_path / "ban-sao.db")
    with ReportStore.open(tmp_path / "ban-sao.db") as copy:
        assert [d.name for d in list_drafts(copy)] == ["Dự thảo lần 1"]
        assert len(draft_report(copy, "Dự thảo lần 1").footnotes) == 57


def test_every_export_is_stamped_with_the_report_and_its_revisions(capsys, seed_db, tmp_path,
                                                                   seed_report):
    assert run(capsys, "draft", seed_db, "Dự thảo lần 1")[0] == 0
    out = tmp_path / "du-thao-1.docx"
    assert run(capsys, "export", seed_db, "-o", out)[0] == 0
    stamp = read_stamp(out)
    with ReportStore.open(seed_db) as store:
        identity = store.report_identity()
        current = store.current_revisions()
    assert stamp["hgreport.report"] == identity
    assert stamp["hgreport.draft"] == "Dự thảo lần 1"  # the export is exactly that draft
    revisions = json.loads(stamp["hgreport.revisions"])
    assert revisions == {eid: rev for eid, (_, rev) in current.items()}
    # after an edit the export is no longer the draft; a copy is the same report
    with ReportStore.open(seed_db) as store:
        sec = store.load_report().ordered_sections()[1]
        sec.body.append(Paragraph([Run("Thêm một câu.")]))
        store.save_section(sec)
        store.copy_to(tmp_path / "ban-sao.db")
    assert run(capsys, "export", seed_db, "-o", tmp_path / "sau.docx")[0] == 0
    assert read_stamp(tmp_path / "sau.docx")["hgreport.draft"] == ""
    with ReportStore.open(tmp_path / "ban-sao.db") as copy:
        assert export_stamp(copy)["hgreport.report"] == identity
    # another report made from the same content is another report
    other = tmp_path / "khac.db"
    ReportStore.create(other, seed_report).close()
    with ReportStore.open(other) as store:
        assert export_stamp(store)["hgreport.report"] != identity


def test_the_official_export_without_a_stamp_has_no_custom_properties(seed_report, tmp_path):
    out = export_docx(seed_report, tmp_path / "chinh-thuc.docx")
    with zipfile.ZipFile(out) as z:
        assert "docProps/custom.xml" not in z.namelist()
    assert read_stamp(out) == {}


def test_draft_command_lists_and_refuses_clearly(capsys, seed_db):
    code, out, _ = run(capsys, "draft", seed_db)
    assert code == 0 and "chưa có dự thảo" in out
    code, out, _ = run(capsys, "draft", seed_db, "Dự thảo lần 1", "--mark", "yes")
    assert code == 0 and "Dự thảo lần 1" in out
    code, _, err = run(capsys, "draft", seed_db, "Dự thảo lần 1")
    assert code == 2 and "Dự thảo lần 2" in err and "Traceback" not in err
    code, out, _ = run(capsys, "draft", seed_db, "--json")
    listed = json.loads(out)
    assert [d["name"] for d in listed] == ["Dự thảo lần 1"] and listed[0]["author"]
    code, out, _ = run(capsys, "--lang", "en", "draft", seed_db)
    assert code == 0 and "Dự thảo lần 1" in out
    with ReportStore.open(seed_db) as store:
        assert store.load_report().header.draft_mark == "Dự thảo lần 1"

"""Footnote text and header fields saved by a colleague meanwhile: combined without a question
when different paragraphs or fields changed; the same one asks keep mine / take theirs."""

from __future__ import annotations

from hgreport.model import Paragraph
from hgreport.storage import ReportStore


def test_header_fields_from_two_people_combine_without_a_question(window, seed_db, dialog_log):
    s = window.session
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_report()
        theirs.header.place = "Vị Thanh"
        colleague.save_header(theirs)
    header, closing = s.report.header, s.report.closing
    header.number = "125"
    assert s.save_header(header, closing)
    assert dialog_log.conflicts == []
    with ReportStore.open(seed_db) as store:
        final = store.load_report().header
    assert (final.number, final.place) == ("125", "Vị Thanh")


def test_the_same_header_field_asks(window, seed_db, dialog_log):
    s = window.session
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_report()
        theirs.header.summary = "bản của Bình"
        colleague.save_header(theirs)
    dialog_log.conflict_answer = "theirs"
    s.report.header.summary = "bản của An"
    assert s.save_header(s.report.header, s.report.closing)
    assert len(dialog_log.conflicts) == 1
    assert s.report.header.summary == "bản của Bình"


def test_footnote_paragraphs_from_two_people_combine(window, seed_db, dialog_log, qtbot):
    s = window.session
    fid = next(iter(s.report.footnote_numbers()))
    fn = s.footnote(fid)
    fn.body = [fn.body[0], Paragraph.of("Đoạn thứ hai.")]
    s.set_footnote_body(fid, fn.body)
    assert s.save_all()
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_footnote(fid)
        theirs.body[1] = Paragraph.of("Đoạn thứ hai, Bình sửa.")
        colleague.save_footnote(theirs)
    mine = list(s.footnote(fid).body)
    mine[0] = Paragraph.of("Đoạn đầu, An sửa.")
    s.set_footnote_body(fid, mine)
    assert s.save_all()
    assert dialog_log.conflicts == []
    with ReportStore.open(seed_db) as store:
        final = store.load_footnote(fid)
    assert [p.text for p in final.body] == ["Đoạn đầu, An sửa.", "Đoạn thứ hai, Bình sửa."]
    assert [p.text for p in s.footnote(fid).body] == [p.text for p in final.body]

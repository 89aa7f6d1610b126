"""A save that lost the race on a footnote or the header: combined without a question where the
two people changed different paragraphs or fields; a real clash is reported, nothing is lost."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hgreport import errors
from hgreport.merge import rebase_footnote, rebase_header
from hgreport.model import Footnote, Paragraph
from hgreport.storage import ReportStore


@pytest.fixture
def two(seed_db):
    a = ReportStore.open(seed_db, author="An")
    b = ReportStore.open(seed_db, author="Bình")
    fn = Footnote(body=[Paragraph.of("Đoạn một."), Paragraph.of("Đoạn hai.")])
    a.add_footnote(fn)
    yield a, b, fn.id
    a.close()
    b.close()


def test_footnote_edits_to_different_paragraphs_combine(two):
    a, b, fid = two
    mine, theirs = a.load_footnote(fid), b.load_footnote(fid)
    mine.body[0] = Paragraph.of("Đoạn một, An sửa.")
    theirs.body[1] = Paragraph.of("Đoạn hai, Bình sửa.")
    b.save_footnote(theirs)
    with pytest.raises(errors.Conflict):
        a.save_footnote(mine)
    rebased = rebase_footnote(a, mine)
    assert rebased.conflicts == []
    a.save_footnote(rebased.footnote)
    assert [p.text for p in b.load_footnote(fid).body] == ["Đoạn một, An sửa.",
                                                           "Đoạn hai, Bình sửa."]


def test_footnote_same_paragraph_is_a_clash_and_keeps_mine_until_chosen(two):
    a, b, fid = two
    mine, theirs = a.load_footnote(fid), b.load_footnote(fid)
    mine.body[0] = Paragraph.of("Bản của An.")
    theirs.body[0] = Paragraph.of("Bản của Bình.")
    b.save_footnote(theirs)
    rebased = rebase_footnote(a, mine)
    assert [c.field for c in rebased.conflicts] == ["body"]
    assert rebased.footnote.body[0].text == "Bản của An."
    assert rebased.theirs.body[0].text == "Bản của Bình."


def test_header_fields_set_by_two_people_both_stay(two):
    a, b, _ = two
    mine, theirs = a.load_report(), b.load_report()
    mine.header.number = "125"
    theirs.header.place = "Vị Thanh"
    theirs.closing.signer = "Nguyễn Văn Bình"
    b.save_header(theirs)
    with pytest.raises(errors.Conflict):
        a.save_header(replace(mine))
    rebased = rebase_header(a, mine)
    assert rebased.conflicts == []
    a.save_header(rebased.report)
    final = b.load_report()
    assert (final.header.number, final.header.place, final.closing.signer) == \
        ("125", "Vị Thanh", "Nguyễn Văn Bình")


def test_header_same_field_is_a_clash(two):
    a, b, _ = two
    mine, theirs = a.load_report(), b.load_report()
    mine.header.summary = "kết quả năm 2023 (bản An)"
    theirs.header.summary = "kết quả năm 2023 (bản Bình)"
    b.save_header(theirs)
    rebased = rebase_header(a, mine)
    assert [c.field for c in rebased.conflicts] == ["header.summary"]
    assert rebased.report.header.summary == "kết quả năm 2023 (bản An)"

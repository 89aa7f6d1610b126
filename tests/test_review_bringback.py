"""A reviewed Word file back into its report: direct edits merged three-way against the export
(a revision by the reviewer), overlapping edits as conflicts, tracked changes as suggestions,
Word comments as comments; another report's file refused, a file without a stamp matched by
titles, a file returned twice changing nothing."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from _review_helpers import make_reviewed

from hgreport.cli import main
from hgreport.merge import resolve_conflict
from hgreport.model import Run
from hgreport.review.bringback import bring_back
from hgreport.review.comments import list_comments
from hgreport.review.errors import ReviewedFromOtherReport, SuggestionOutdated
from hgreport.review.suggestions import accept, decide_all, list_suggestions, reject
from hgreport.storage import ReportStore

REVIEWER = "Trưởng ban Tuyên giáo"


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def sent(seed_db, tmp_path, capsys):
    """The seed marked "Dự thảo lần 1" and exported to be sent out; its first paragraphs."""
    assert run(capsys, "draft", seed_db, "Dự thảo lần 1")[0] == 0
    out = tmp_path / "du-thao-1.docx"
    assert run(capsys, "export", seed_db, "-o", out)[0] == 0
    with ReportStore.open(seed_db) as store:
        report = store.load_report()
    paras = [(sec.id, b) for sec in report.ordered_sections() for b in sec.body if b.text]
    return {"db": seed_db, "docx": out, "paras": paras, "report": report}


def _word(paragraph, n: int) -> str:
    return paragraph.text.split()[n]


def _office_edits(db, section_id: str, block_id: str, suffix: str) -> None:
    with ReportStore.open(db, author="Văn phòng") as store:
        sec = store.load_section(section_id)
        for b in sec.body:
            if b.id == block_id:
                b.runs.append(Run(suffix))
        store.save_section(sec)


def _text_of(db, section_id: str, block_id: str) -> str:
    with ReportStore.open(db) as store:
        return next(b.text for b in store.load_section(section_id).body if b.id == block_id)


def test_direct_edits_land_as_the_reviewers_revision_and_keep_the_offices(sent, tmp_path,
                                                                         capsys):
    (sa, a), (sb, b) = sent["paras"][0], sent["paras"][3]
    _office_edits(sent["db"], sb, b.id, " (văn phòng bổ sung)")
    old = _word(a, 3)
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx",
                         direct=[(a.text[:30], old, "ĐÃSỬA")])
    code, out, err = run(capsys, "import", back, "--into", sent["db"])
    assert code == 0, err
    assert REVIEWER in out and "Đoạn văn đã cập nhật theo góp ý: 1" in out
    assert _text_of(sent["db"], sa, a.id) == a.text.replace(old, "ĐÃSỬA", 1)
    assert _text_of(sent["db"], sb, b.id).endswith("(văn phòng bổ sung)")  # office's kept
    with ReportStore.open(sent["db"]) as store:
        assert store.revisions(sa)[0].author == REVIEWER
        assert not store.load_report().check_references()
    assert run(capsys, "check", sent["db"])[0] == 0


def test_a_paragraph_both_changed_becomes_a_conflict_to_decide(sent, tmp_path, capsys):
    sa, a = sent["paras"][0]
    _office_edits(sent["db"], sa, a.id, " (văn phòng)")
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx",
                         direct=[(a.text[:30], _word(a, 3), "NGƯỜIGÓPÝ")])
    with ReportStore.open(sent["db"]) as store:
        result = bring_back(store, back)
        assert len(result.conflicts) == 1 and result.paragraphs == 0
        assert _text_of(sent["db"], sa, a.id).endswith("(văn phòng)")  # mine is kept
    code, out, _ = run(capsys, "conflicts", sent["db"], "--json")
    listed = json.loads(out)
    assert [(c["entity"], c["entity_id"], c["field"]) for c in listed] == [("section", sa,
                                                                           "body")]
    with ReportStore.open(sent["db"]) as store:
        resolve_conflict(store, listed[0]["id"], "theirs")
    assert "NGƯỜIGÓPÝ" in _text_of(sent["db"], sa, a.id)


def test_tracked_changes_become_suggestions_to_accept_or_reject(sent, tmp_path, capsys):
    (sa, a), (sb, b), (sc, c) = sent["paras"][0], sent["paras"][1], sent["paras"][2]
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx", tracked=[
        (a.text[:30], _word(a, 2), "MỘT"), (b.text[:30], _word(b, 2), "HAI"),
        (c.text[:30], _word(c, 2), "BA")])
    with ReportStore.open(sent["db"]) as store:
        result = bring_back(store, back)
        assert result.suggestions == 3 and result.paragraphs == 0
        found = list_suggestions(store)
    assert [(s.kind, s.author, s.block_id) for s in found] == [
        ("replace", REVIEWER, a.id), ("replace", REVIEWER, b.id), ("replace", REVIEWER, c.id)]
    assert _text_of(sent["db"], sa, a.id) == a.text  # nothing applied before a decision
    with ReportStore.open(sent["db"], author="Chánh Văn phòng") as store:
        accept(store, found[0].id)
        reject(store, found[1].id)
    assert "MỘT" in _text_of(sent["db"], sa, a.id)
    assert _text_of(sent["db"], sb, b.id) == b.text
    _office_edits(sent["db"], sc, c.id, " (sửa sau góp ý)")
    with ReportStore.open(sent["db"]) as store:
        with pytest.raises(SuggestionOutdated):
            accept(store, found[2].id)
    code, out, _ = run(capsys, "suggestions", sent["db"], "--json")
    assert [s["id"] for s in json.loads(out)] == [found[2].id]
    code, out, _ = run(capsys, "suggestions", sent["db"], "--reject", "all")
    assert code == 0 and "1" in out
    assert run(capsys, "suggestions", sent["db"])[1].startswith("Không có đề xuất")


def test_accept_all_applies_every_suggestion(sent, tmp_path):
    (sa, a), (sb, b) = sent["paras"][0], sent["paras"][1]
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx", tracked=[
        (a.text[:30], _word(a, 2), "MỘT"), (b.text[:30], _word(b, 2), "HAI")])
    with ReportStore.open(sent["db"]) as store:
        bring_back(store, back)
        done, left = decide_all(store, accepting=True)
    assert (done, left) == (2, [])
    assert "MỘT" in _text_of(sent["db"], sa, a.id) and "HAI" in _text_of(sent["db"], sb, b.id)


def test_word_comments_land_on_their_paragraph_and_footnote_edits_come_along(sent, tmp_path):
    sa, a = sent["paras"][2]
    quote = _word(a, 4)
    report = sent["report"]
    fid, note = next((f, n) for f, n in report.footnotes.items()
                     if len(n.plain_text.split()) > 4 and f in report.footnote_numbers())
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx",
                         comments=[(a.text[:30], quote, "Cần số liệu năm 2023")],
                         notes=[(note.plain_text[:25], note.plain_text.split()[3], "SỬA")])
    with ReportStore.open(sent["db"]) as store:
        result = bring_back(store, back)
        found = list_comments(store)
        assert result.comments == 1 and result.footnotes == 1 and not result.unplaced
        assert "SỬA" in store.load_footnote(fid).plain_text
    assert [(c.section_id, c.block_id, c.author, c.text, c.quote) for c in found] == [
        (sa, a.id, REVIEWER, "Cần số liệu năm 2023", quote)]


def test_a_file_returned_twice_changes_nothing_the_second_time(sent, tmp_path, capsys):
    a, b = sent["paras"][0][1], sent["paras"][1][1]
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx",
                         direct=[(a.text[:30], _word(a, 3), "MỚI")],
                         comments=[(b.text[:30], _word(b, 5), "Góp ý")])
    assert run(capsys, "import", back, "--into", sent["db"])[0] == 0
    with ReportStore.open(sent["db"]) as store:
        stamp = store.content_stamp()
    code, out, _ = run(capsys, "import", back, "--into", sent["db"], "--json")
    assert code == 0 and json.loads(out)["already"]
    with ReportStore.open(sent["db"]) as store:
        assert store.content_stamp() == stamp and len(list_comments(store)) == 1


def test_a_file_from_another_report_is_refused(sent, tmp_path, capsys, seed_report):
    other = tmp_path / "bao-cao-khac.db"
    ReportStore.create(other, seed_report).close()
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx", comments=[
        (sent["paras"][0][1].text[:30], _word(sent["paras"][0][1], 2), "Góp ý")])
    with ReportStore.open(other) as store:
        before = store.content_stamp()
        with pytest.raises(ReviewedFromOtherReport):
            bring_back(store, back)
        assert store.content_stamp() == before
    code, _, err = run(capsys, "import", back, "--into", other)
    assert code == 3 and "báo cáo khác" in err and "Traceback" not in err


def test_a_file_without_a_stamp_is_matched_by_titles(sent, tmp_path):
    sa, a = sent["paras"][0]
    back = make_reviewed(sent["docx"], tmp_path / "gop-y.docx",
                         direct=[(a.text[:30], _word(a, 3), "KHÔNGDẤU")])
    bare = tmp_path / "khong-dau.docx"
    with zipfile.ZipFile(back) as zin, zipfile.ZipFile(bare, "w") as zout:
        for info in zin.infolist():
            if info.filename != "docProps/custom.xml":
                zout.writestr(info, zin.read(info))
    with ReportStore.open(sent["db"]) as store:
        result = bring_back(store, bare, author="Ban Dân vận")
    assert not result.stamped and result.paragraphs == 1
    assert any("không có dấu" in line for line in result.summary_lines("vi"))
    assert "KHÔNGDẤU" in _text_of(sent["db"], sa, a.id)
    with ReportStore.open(sent["db"]) as store:
        assert store.revisions(sa)[0].author == "Ban Dân vận"


def test_a_file_that_is_not_word_is_refused_with_the_importers_words(sent, tmp_path, capsys):
    fake = tmp_path / "gop-y.docx"
    fake.write_text("không phải Word")
    code, _, err = run(capsys, "import", fake, "--into", sent["db"])
    assert code != 0 and "Traceback" not in err and err.strip()


def test_the_sent_file_itself_brings_nothing(sent):
    path = Path(sent["docx"])
    with ReportStore.open(sent["db"]) as store:
        before = store.content_stamp()
        result = bring_back(store, path)
        assert store.content_stamp() == before
    assert not result.changed and not result.unplaced
    assert result.summary_lines("vi")[-1].startswith("Không có thay đổi")

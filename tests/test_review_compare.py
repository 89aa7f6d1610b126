"""The compare export: today's text with Word tracked changes against a named draft — word by
word, new and deleted sections and paragraphs, footnotes — readable back, and shown by
LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections import Counter

import pytest

from hgreport.cli import main
from hgreport.export import export_docx
from hgreport.importer import import_docx
from hgreport.model import Footnote, Paragraph, Run, Section, body_to_list, new_id
from hgreport.review.compare import export_compare
from hgreport.review.drafts import draft_report, mark_draft
from hgreport.review.wordread import footnote_paragraphs, read_paragraphs, read_stamp
from hgreport.storage import ReportStore


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def reviewed_round(seed_db):
    """The seed marked "Dự thảo lần 1", then edited by the drafting office: a word changed, a
    paragraph added and one removed, a section deleted and one added, a footnote edited, a new
    footnote and a removed reference."""
    with ReportStore.open(seed_db, author="Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 1", follow_mark=False)
    with ReportStore.open(seed_db, author="Nguyễn Văn A") as store:
        report = store.load_report()
        with_text = [s for s in report.ordered_sections() if len(s.body) >= 3]
        edited = with_text[0]
        first = edited.body[0]
        words = first.runs[0].text.split(" ")
        words[1] = "THAYĐỔI"
        first.runs[0] = Run(" ".join(words), list(first.runs[0].marks))
        edited.body.insert(1, Paragraph.of("Đoạn văn mới thêm vào sau dự thảo."))
        removed_text = edited.body[3].text
        orphaned = edited.body[3].footnote_refs()
        del edited.body[3]
        fid = new_id()
        store.add_footnote(Footnote(fid, [Paragraph.of("Chú thích mới sau dự thảo.")]))
        edited.body[1].runs.append(Run.ref(fid))
        store.save_section(edited)
        for gone_note in orphaned:
            store.delete_footnote(gone_note)
        other = with_text[1]
        dropped = next(p for p in other.body if p.footnote_refs())
        dropped_ref = dropped.footnote_refs()[0]
        dropped.runs = [r for r in dropped.runs if r.footnote != dropped_ref]
        store.save_section(other)
        store.delete_footnote(dropped_ref)
        gone = next(s for s in report.ordered_sections()
                    if s.parent_id and s.id not in (edited.id, other.id) and s.body
                    and not any(c.parent_id == s.id for c in report.sections))
        store.delete_section(gone.id)
        store.add_section(Section(title="Mục mới sau dự thảo", position=999.0,
                                  body=[Paragraph.of("Nội dung mục mới.")]))
        note_id = next(f for f in store.load_report().footnote_numbers() if f != fid)
        note = store.load_footnote(note_id)
        store.save_footnote(Footnote(note_id, [Paragraph.of(note.plain_text + " (bổ sung)")],
                                     note.version))
    return {"db": seed_db, "removed_text": removed_text, "gone": gone.title,
            "edited_note": note.plain_text}


def _texts(paragraphs, accepted: bool) -> list[str]:
    if accepted:
        return [p.accepted for p in paragraphs if p.in_accepted]
    return [p.rejected for p in paragraphs if p.in_rejected]


def _notes(path, accepted: bool) -> Counter:
    """The footnotes' texts (a footnote whose text and reference are deleted reads empty)."""
    texts = (" ".join(_texts(paras, accepted)).strip()
             for paras in footnote_paragraphs(path).values())
    return Counter(t for t in texts if t)


def test_accepting_every_change_gives_today_and_rejecting_gives_the_draft(reviewed_round,
                                                                          tmp_path):
    db = reviewed_round["db"]
    with ReportStore.open(db) as store:
        written, counts = export_compare(store, "Dự thảo lần 1", tmp_path / "so-sanh.docx")
        today = store.load_report()
        then = draft_report(store, "Dự thảo lần 1")
    now_doc = export_docx(today, tmp_path / "hom-nay.docx")
    then_doc = export_docx(then, tmp_path / "du-thao.docx")
    compared = read_paragraphs(written)
    assert _texts(compared, True) == _texts(read_paragraphs(now_doc), True)
    assert _texts(compared, False) == _texts(read_paragraphs(then_doc), True)
    assert _notes(written, True) == _notes(now_doc, True)
    assert _notes(written, False) == _notes(then_doc, True)
    assert counts["ins"] >= 4 and counts["del"] >= 4


def test_changes_are_word_by_word_with_the_author_and_time_of_the_revision(reviewed_round,
                                                                         tmp_path):
    with ReportStore.open(reviewed_round["db"]) as store:
        written, _ = export_compare(store, "Dự thảo lần 1", tmp_path / "so-sanh.docx")
    paragraphs = read_paragraphs(written)
    word = next(p for p in paragraphs if "THAYĐỔI" in p.accepted)
    assert [(c.kind, c.text.strip()) for c in word.changes][1] == ("ins", "THAYĐỔI")
    assert word.changes[0].kind == "del" and " " not in word.changes[0].text  # one word only
    assert len(word.changes) == 2
    assert {c.author for c in word.changes} == {"Nguyễn Văn A"}
    assert word.changes[0].date.startswith("20") and word.changes[0].date.endswith("Z")
    added = next(p for p in paragraphs if p.accepted == "Đoạn văn mới thêm vào sau dự thảo.")
    assert added.mark == "ins" and added.rejected == ""
    removed = next(p for p in paragraphs if p.rejected == reviewed_round["removed_text"])
    assert removed.mark == "del" and removed.accepted == ""
    gone = [p for p in paragraphs if reviewed_round["gone"] in p.rejected]
    assert gone and all(p.mark == "del" and p.accepted == "" for p in gone)
    new = next(p for p in paragraphs if "mục mới sau dự thảo" in p.accepted.lower())
    assert new.mark == "ins"
    notes = footnote_paragraphs(written)
    edited = [n for n in notes.values() if any("(bổ sung)" in p.accepted for p in n)]
    assert len(edited) == 1 and edited[0][0].changes[0].kind == "ins"
    stamp = read_stamp(written)
    assert stamp["hgreport.compare"] == "Dự thảo lần 1" and stamp["hgreport.report"]


def test_without_compare_the_official_export_has_no_tracked_change(reviewed_round, capsys,
                                                                   tmp_path):
    out = tmp_path / "chinh-thuc.docx"
    assert run(capsys, "export", reviewed_round["db"], "-o", out)[0] == 0
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml") + z.read("word/footnotes.xml")
    assert b"<w:ins " not in xml and b"<w:del " not in xml
    assert all(not p.changes and not p.mark for p in read_paragraphs(out))


def test_the_importer_reads_the_compare_export_as_todays_text(reviewed_round, capsys,
                                                              tmp_path):
    out = tmp_path / "so-sanh.docx"
    code, printed, err = run(capsys, "export", reviewed_round["db"], "--compare",
                             "Dự thảo lần 1", "-o", out)
    assert code == 0, err
    assert "chỗ thêm" in printed and "chỗ xóa" in printed
    text = "\n".join(s.plain_text + "\n" + s.title
                     for s in import_docx(out).report.all_sections())
    assert "Đoạn văn mới thêm vào sau dự thảo." in text and "Nội dung mục mới." in text
    assert reviewed_round["removed_text"][:60] not in text


def test_compare_with_an_unknown_draft_says_which_drafts_exist(reviewed_round, capsys,
                                                               tmp_path):
    code, _, err = run(capsys, "export", reviewed_round["db"], "--compare", "Dự thảo lần 5",
                       "-o", tmp_path / "x.docx")
    assert code == 2 and "Dự thảo lần 1" in err and "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_comparing_a_draft_with_itself_marks_nothing(seed_db, tmp_path):
    with ReportStore.open(seed_db) as store:
        mark_draft(store, "Dự thảo lần 1")
        written, counts = export_compare(store, "Dự thảo lần 1", tmp_path / "so-sanh.docx")
    assert counts == {"ins": 0, "del": 0}
    assert all(not p.changes and not p.mark for p in read_paragraphs(written))


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler are needed to render the file")
def test_libreoffice_shows_the_tracked_changes(reviewed_round, tmp_path):
    with ReportStore.open(reviewed_round["db"]) as store:
        written, _ = export_compare(store, "Dự thảo lần 1", tmp_path / "so-sanh.docx")
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(written)],
                   check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", str(tmp_path / "so-sanh.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "Đoạn văn mới thêm vào sau dự thảo." in flat  # inserted, shown
    assert reviewed_round["gone"] in flat  # deleted, shown struck through
    assert " ".join(reviewed_round["removed_text"].split()[:8]) in flat


def _text(section) -> tuple:
    return section.title, list(section.title_notes), body_to_list(section.body)


def _note(report, footnote_id):
    note = report.footnotes.get(footnote_id)
    return body_to_list(note.body) if note else None


def test_what_changed_since_a_draft_lists_exactly_the_changed_sections(reviewed_round):
    from hgreport.review.changes import compare_drafts

    with ReportStore.open(reviewed_round["db"]) as store:
        changes = compare_drafts(store, "Dự thảo lần 1")
        today = store.load_report()
        then = draft_report(store, "Dự thảo lần 1")
    states = {c.title: c.state for c in changes.sections}
    assert states[reviewed_round["gone"]] == "deleted"
    assert states["Mục mới sau dự thảo"] == "added"
    edited = next(c for c in changes.sections
                  if any("Đoạn văn mới thêm vào sau dự thảo." in str(b) for b in c.new_body))
    assert edited.state == "changed" and edited.old_body != edited.new_body
    assert any(reviewed_round["removed_text"][:40] in str(b) for b in edited.old_body)
    # every section listed differs (text, or a footnote it references), none left out
    then_by_id = {s.id: s for s in then.all_sections()}
    for sec in today.all_sections():
        was = then_by_id.get(sec.id)
        differs = was is None or _text(was) != _text(sec) or any(
            _note(then, f) != _note(today, f) for f in sec.footnote_refs() + was.footnote_refs())
        assert (changes.section(sec.id) is not None) == differs, sec.title
    # the edited footnote, the new one and the removed ones are listed, with their numbers
    notes = {n.state for n in changes.footnotes}
    assert notes == {"added", "deleted", "changed"}
    edited_note = next(n for n in changes.footnotes if n.state == "changed")
    assert "(bổ sung)" in str(edited_note.new_body) and "(bổ sung)" not in str(
        edited_note.old_body)
    assert changes.number_of(edited_note.footnote_id) == today.footnote_numbers()[
        edited_note.footnote_id]
    owner = next(c for c in changes.sections if edited_note.footnote_id in c.footnotes)
    assert owner.state in ("changed", "added")


def test_two_drafts_compare_and_export_between_themselves(reviewed_round, tmp_path):
    from hgreport.review.changes import compare_drafts

    with ReportStore.open(reviewed_round["db"], author="Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 2", follow_mark=False)
        sec = next(s for s in store.load_report().ordered_sections() if s.body)
        sec.title = sec.title + " (sau lần 2)"
        store.save_section(sec)
        between = compare_drafts(store, "Dự thảo lần 1", "Dự thảo lần 2")
        since_two = compare_drafts(store, "Dự thảo lần 2")
        same = compare_drafts(store, "Dự thảo lần 2", "Dự thảo lần 2")
        written, counts = export_compare(store, "Dự thảo lần 1", tmp_path / "1-2.docx",
                                         newer="Dự thảo lần 2")
    assert [c.section_id for c in since_two.sections] == [sec.id]
    assert since_two.sections[0].new_title.endswith("(sau lần 2)")
    assert not same.sections and not same.footnotes
    assert all("(sau lần 2)" not in c.title for c in between.sections)
    assert {c.state for c in between.sections} == {"added", "deleted", "changed"}
    accepted = " ".join(_texts(read_paragraphs(written), True))
    assert "Đoạn văn mới thêm vào sau dự thảo." in accepted and "(sau lần 2)" not in accepted
    assert counts["ins"] >= 4 and counts["del"] >= 4
    assert read_stamp(written)["hgreport.draft"] == "Dự thảo lần 2"

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
from hgreport.model import Footnote, Paragraph, Run, Section, new_id
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

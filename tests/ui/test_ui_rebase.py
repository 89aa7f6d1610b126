"""Footnote text and header fields saved by a colleague meanwhile: combined without a question
when different paragraphs or fields changed; the same one asks keep mine / take theirs, and its
details show the difference word by word with footnote numbers in place."""

from __future__ import annotations

import html
import re

from hgreport.model import Paragraph
from hgreport.storage import ReportStore
from ui.dialogs import ask_conflict as real_ask_conflict  # the fixtures answer the copy in ui


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


def _paragraph_with_a_footnote(win):
    """(section id, paragraph index, footnote id) of a paragraph whose reference follows a
    word."""
    for sec in win.session.report.ordered_sections():
        for i, block in enumerate(sec.body):
            runs = getattr(block, "runs", None)
            if block.kind != "paragraph" or not runs:
                continue
            for k, run in enumerate(runs[1:], 1):
                if run.footnote and runs[k - 1].text.rstrip() == runs[k - 1].text:
                    return sec.id, i, run.footnote
    raise AssertionError("the seed report has footnote references")


def test_conflict_details_show_the_difference_word_by_word_with_footnote_numbers(
        window, seed_db, dialog_log, type_text):
    from _ui_helpers import colleague_edit, end_of_block
    from PySide6.QtGui import QTextCursor

    from hgreport.model import Run

    s = window.session
    s.autosave.setInterval(600_000)
    sid, at, fid = _paragraph_with_a_footnote(window)
    number = s.numbers[fid]
    para = s.section(sid).body[at]
    before_ref = next(para.runs[k - 1].text for k, r in enumerate(para.runs) if r.footnote == fid)
    window.tree.select(sid)
    window.editor.setFocus()
    end_of_block(window, at)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
    window.editor.setTextCursor(cursor)
    type_text(window.editor, "CỦATÔI ")

    def change(sec, _other):
        sec.body[at].runs.append(Run(" CỦAHỌ"))

    colleague_edit(seed_db, sid, change)
    assert s.save_all()
    assert len(dialog_log.conflicts) == 1
    details = dialog_log.conflict_details[0]
    struck = re.findall(r'line-through;">([^<]*)</span>', details.split("<hr>", 1)[1])
    underlined = re.findall(r'underline;">([^<]*)</span>', details.split("<hr>", 1)[1])
    assert struck == ["CỦATÔI"] and underlined == ["CỦAHỌ"]  # only the words that differ
    # the footnote reference is its number, raised, right after its word
    last_word = html.escape(before_ref.split(" ")[-1])
    assert f"{last_word}<sup>{number}</sup>" in details


def test_the_question_shows_its_details_as_marked_words(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCharFormat
    from PySide6.QtWidgets import QApplication, QMessageBox, QTextEdit

    from ui.diff_view import conflicts_html

    class Clash:
        field = "body"
        mine = [{"id": "p1", "runs": [{"t": "Tăng trưởng kinh tế đạt"}, {"fn": "f1"},
                                      {"t": " 7 phần trăm."}]}]
        theirs = [{"id": "p1", "runs": [{"t": "Tăng trưởng kinh tế đạt"}, {"fn": "f1"},
                                        {"t": " 7,2 phần trăm."}]}]

    seen = {}

    def look():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        view = box.findChild(QTextEdit, "conflictDetails")
        doc = view.document()
        seen["plain"] = doc.toPlainText()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if fmt.fontStrikeOut():
                    seen.setdefault("struck", []).append(frag.text())
                if fmt.fontUnderline():
                    seen.setdefault("underlined", []).append(frag.text())
                if fmt.verticalAlignment() == QTextCharFormat.VerticalAlignment.AlignSuperScript:
                    seen.setdefault("raised", []).append(frag.text())
                it += 1
            block = block.next()
        keep_both = next(b for b in box.buttons() if b.text() == "Keep both")
        keep_both.click()

    QTimer.singleShot(0, look)
    answer = real_ask_conflict(None, "I. Kinh tế", both=True,
                               details=conflicts_html([Clash()], {"f1": 3}.get))
    assert answer == "both"
    assert "7" in seen["struck"] and "7,2" in seen["underlined"]
    assert "3" in seen["raised"]
    assert "Tăng trưởng kinh tế đạt3" in seen["plain"]

"""Typing, formatting, input methods, paste and undo in the section editor."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from hgreport.storage import ReportStore


def first_body_section(win):
    for sec in win.session.report.ordered_sections():
        if sec.body:
            return sec.id
    raise AssertionError("no section with text")


def open_section(win, sid):
    win.tree.select(sid)
    assert win.editor.section_id == sid
    return win.editor


def put_cursor_at_end(editor):
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)


def test_typing_goes_into_the_section_and_is_saved(window, qtbot, type_text, seed_db):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    type_text(editor, " Thêm một câu.")
    assert window.session.body_now(sid)[-1].text.endswith(" Thêm một câu.")
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        assert store.load_section(sid).body[-1].text.endswith(" Thêm một câu.")


def test_input_method_commit_and_telex_replacement(window, qtbot, type_text):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    editor.setFocus()
    # A Telex input method: "tie" is committed letter by letter, then "tiế" replaces "e".
    for ch in " ti":
        QApplication.sendEvent(editor, QInputMethodEvent("", []))
        ev = QInputMethodEvent()
        ev.setCommitString(ch)
        QApplication.sendEvent(editor, ev)
    ev = QInputMethodEvent()
    ev.setCommitString("e")
    QApplication.sendEvent(editor, ev)
    ev = QInputMethodEvent()
    ev.setCommitString("ế", -1, 1)  # backspace over "e" and retype it with its accents
    QApplication.sendEvent(editor, ev)
    ev = QInputMethodEvent()
    ev.setCommitString("ng")
    QApplication.sendEvent(editor, ev)
    # preedit text (shown while composing) does not end up in the document
    QApplication.sendEvent(editor, QInputMethodEvent("Vi", []))
    ev = QInputMethodEvent()
    ev.setCommitString("Việt")
    QApplication.sendEvent(editor, ev)
    text = window.session.body_now(sid)[-1].text
    assert text.endswith(" tiếngViệt")
    assert unicodedata.is_normalized("NFC", text)


def test_bold_italic_underline_superscript_on_a_selection(window, qtbot, type_text):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    type_text(editor, " đậm")
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 3)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    last = window.session.body_now(sid)[-1].runs[-1]
    assert last.text == "đậm" and set(last.marks) == {"b", "i", "u"}
    window.act_sup.trigger()
    assert "sup" in window.session.body_now(sid)[-1].runs[-1].marks
    # typing on after the bold word is bold too (as in Word) until Ctrl+B again
    put_cursor_at_end(editor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor, "x")
    assert "b" not in window.session.body_now(sid)[-1].runs[-1].marks


def test_alignment_is_kept_in_the_model(window, qtbot, type_text):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    window.act_center.trigger()
    assert window.session.body_now(sid)[-1].align == "center"
    window.act_justify.trigger()
    assert window.session.body_now(sid)[-1].align is None


def test_undo_is_per_section(window, qtbot, type_text):
    ids = [s.id for s in window.session.report.ordered_sections() if s.body]
    a, b = ids[0], ids[1]
    editor = open_section(window, a)
    put_cursor_at_end(editor)
    type_text(editor, "AAA")
    editor = open_section(window, b)
    put_cursor_at_end(editor)
    type_text(editor, "BBB")
    open_section(window, a)
    window.editor.setFocus()
    window.act_undo.trigger()
    assert not window.session.body_now(a)[-1].text.endswith("AAA")
    assert window.session.body_now(b)[-1].text.endswith("BBB")  # the other section untouched
    window.act_redo.trigger()
    assert window.session.body_now(a)[-1].text.endswith("AAA")


def test_paste_from_word_keeps_only_bold_italic_underline_and_paragraphs(window, qtbot, type_text):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    mime = QMimeData()
    mime.setHtml(
        "<html><body><p class=MsoNormal style='text-align:center;font-family:Arial;color:red;"
        "font-size:20pt'><b>Đậm</b> <i>nghiêng</i> <u>gạch</u> "
        "<span style='font-size:30pt;background:yellow'>to\x01</span><sup>2</sup></p>"
        "<p>Đoạn hai <a href='http://x'>liên kết</a></p><table><tr><td>ô</td></tr></table>"
        "</body></html>")
    mime.setText("Đậm nghiêng gạch to2\nĐoạn hai liên kết\nô")
    editor.insertFromMimeData(mime)
    body = window.session.body_now(sid)
    pasted = body[-3:]
    assert [p.text for p in pasted] == ["Đậm nghiêng gạch to2", "Đoạn hai liên kết", "ô"]
    marks = {r.text.strip(): r.marks for r in pasted[0].runs}
    assert marks["Đậm"] == ("b",) and marks["nghiêng"] == ("i",) and marks["gạch"] == ("u",)
    assert all(m in ("b", "i", "u") for p in pasted for r in p.runs for m in r.marks)
    assert all(p.align is None for p in pasted)


def test_paste_plain_text_is_cleaned_and_normalised(window, qtbot, type_text):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    put_cursor_at_end(editor)
    mime = QMimeData()
    decomposed = unicodedata.normalize("NFD", " Nghị quyết\x00\x07 số 5")
    mime.setText(decomposed)
    editor.insertFromMimeData(mime)
    text = window.session.body_now(sid)[-1].text
    assert text.endswith(" Nghị quyết số 5")
    assert unicodedata.is_normalized("NFC", text)


def test_huge_paste_is_refused_with_a_message(window, qtbot, type_text, dialog_log):
    sid = first_body_section(window)
    editor = open_section(window, sid)
    before = window.session.body_now(sid)
    mime = QMimeData()
    mime.setText("chữ " * 2_600_000)  # about 10 MB
    editor.insertFromMimeData(mime)
    assert dialog_log.errors and "lớn" in dialog_log.errors[-1] or "large" in dialog_log.errors[-1]
    assert window.session.body_now(sid) == before

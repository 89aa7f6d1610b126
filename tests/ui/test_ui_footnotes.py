"""Footnote references in the editor: one atomic object numbered in document order; the panel."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from hgreport.storage import ReportStore
from hgreport.text import fold
from ui.blocks import OBJECT_CHAR


def texts_in_order(session) -> list[str]:
    return [fn.plain_text for _, fn, _ in session.report.footnotes_in_order()]


def section_with_refs(win, nth: int = 1) -> str:
    found = [s.id for s in win.session.report.ordered_sections() if s.footnote_refs()]
    return found[nth]


def test_panel_lists_the_57_footnotes_in_document_order(window):
    rows = window.footnotes.rows()
    assert len(rows) == 57
    assert [r[0] for r in rows] == [str(n) for n in range(1, 58)]
    first_text = window.session.report.footnotes_in_order()[0][1].plain_text
    assert rows[0][2] == " ".join(first_text.split())[:300]


def test_insert_footnote_shifts_the_numbers_after_it(window, qtbot, type_text, seed_db):
    sid = section_with_refs(window, 1)
    window.tree.select(sid)
    editor = window.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    numbers_before = dict(window.session.numbers)
    first_in_section = window.session.section(sid).footnote_refs()[0]
    old_number = numbers_before[first_in_section]
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    new_id = window.footnotes._editing
    assert new_id and window.session.numbers[new_id] == old_number
    assert window.session.numbers[first_in_section] == old_number + 1
    assert len(window.session.numbers) == 58
    # the panel opened the new footnote's text; type it
    type_text(window.footnotes.editor, "Chú thích mới")
    window.footnotes.flush()
    assert window.session.footnote(new_id).plain_text == "Chú thích mới"
    # typing right after the reference is ordinary text, not part of the reference
    editor.setFocus()
    type_text(editor, "Chữ")
    para = window.session.body_now(sid)[0]
    assert para.runs[0].footnote == new_id
    assert para.runs[1].text.startswith("Chữ") and para.runs[1].footnote is None
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        rep = store.load_report()
    assert rep.footnote_numbers()[new_id] == old_number
    assert rep.footnotes[new_id].plain_text == "Chú thích mới"


def test_backspace_removes_the_reference_whole_and_undo_brings_it_back(window, qtbot,
                                                                       seed_db):
    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    editor = window.editor
    fid = window.session.section(sid).footnote_refs()[0]
    text = window.session.footnote(fid).plain_text
    assert editor.select_footnote(fid)
    editor.setFocus()
    body_before = window.session.body_now(sid)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert fid not in window.session.numbers
    assert len(window.footnotes.rows()) == 56
    assert window.session.body_now(sid)[0].text == body_before[0].text  # only the reference
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        assert fid not in store.load_report().footnotes
    window.act_undo.trigger()
    assert window.session.numbers[fid] == 1
    assert window.session.footnote(fid).plain_text == text
    assert len(window.footnotes.rows()) == 57
    assert window.session.body_now(sid) == body_before
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        rep = store.load_report()
    assert rep.footnotes[fid].plain_text == text
    assert rep.footnote_numbers()[fid] == 1


def test_moving_a_section_renumbers_without_touching_text_or_undo(window, qtbot):
    texts = sorted(texts_in_order(window.session))
    sid = section_with_refs(window, 3)
    refs = window.session.section(sid).footnote_refs()
    doc = window.session.document(sid)
    undo_steps = doc.availableUndoSteps()
    window.tree.select(sid)
    while window.session.move_up(sid):
        pass
    window.session.promote(sid)
    window.session.move_section(sid, None, 0)
    assert window.session.numbers[refs[0]] == 1 + len(window.session.report.intro.footnote_refs())
    assert doc.availableUndoSteps() == undo_steps
    assert sorted(texts_in_order(window.session)) == texts
    assert [r[0] for r in window.footnotes.rows()] == [str(n) for n in range(1, 58)]


def test_copy_paste_of_a_reference_makes_a_new_footnote_and_cut_paste_moves_it(window, qtbot):
    a = section_with_refs(window, 0)
    b = section_with_refs(window, 2)
    window.tree.select(a)
    editor = window.editor
    fid = window.session.section(a).footnote_refs()[0]
    editor.select_footnote(fid)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 5)
    editor.setTextCursor(cursor)
    mime = editor.createMimeDataFromSelection()
    assert OBJECT_CHAR not in mime.text()
    window.tree.select(b)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertFromMimeData(mime)
    assert len(window.session.numbers) == 58
    copy = window.session.body_now(b)[-1].footnote_refs()[-1]
    assert copy != fid
    assert window.session.footnote(copy).plain_text == window.session.footnote(fid).plain_text
    # cut: the same footnote moves
    window.tree.select(a)
    editor.select_footnote(fid)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 1)
    editor.setTextCursor(cursor)
    editor.cut()
    assert fid not in window.session.numbers
    window.tree.select(b)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.paste()
    assert fid in window.session.numbers and len(window.session.numbers) == 58
    assert window.session.body_now(b)[-1].footnote_refs()[-1] == fid


WORD_HTML = (
    "<html><body><p class=MsoNormal>Văn bản<a style='mso-footnote-id:ftn1' href='#_ftn1' "
    "name='_ftnref1' title=''><span class=MsoFootnoteReference>[1]</span></a> tiếp "
    "<b>đậm</b></p><div style='mso-element:footnote-list'><div style='mso-element:footnote' "
    "id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href='#_ftnref1' "
    "name='_ftn1' title=''><span class=MsoFootnoteReference>[1]</span></a> Chú thích "
    "<i>Word</i></p></div></div></body></html>")
LIBREOFFICE_HTML = (
    "<html><body><p>Đoạn LibreOffice<a class='sdfootnoteanc' name='sdfootnote1anc' "
    "href='#sdfootnote1sym'><sup>1</sup></a> xong.</p><div id='sdfootnote1'><p>"
    "<a class='sdfootnotesym' name='sdfootnote1sym' href='#sdfootnote1anc'>1</a>"
    "Chú thích LibreOffice</p></div></body></html>")


def test_pasting_from_word_and_libreoffice_brings_the_footnotes_along(window):
    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    for html, text, note in ((WORD_HTML, "Văn bản tiếp đậm", "Chú thích Word"),
                             (LIBREOFFICE_HTML, "Đoạn LibreOffice xong.",
                              "Chú thích LibreOffice")):
        before = len(window.session.numbers)
        mime = QMimeData()
        mime.setHtml(html)
        window.editor.moveCursor(QTextCursor.MoveOperation.End)
        window.editor.textCursor().insertBlock()
        window.editor.insertFromMimeData(mime)
        para = window.session.body_now(sid)[-1]
        assert para.text == text
        refs = para.footnote_refs()
        assert len(refs) == 1 and len(window.session.numbers) == before + 1
        assert window.session.footnote(refs[0]).plain_text == note
    word_note = window.session.footnote(window.session.body_now(sid)[-2].footnote_refs()[0])
    assert any("i" in r.marks for r in word_note.body[0].runs)  # italic kept in the note


def test_pasting_html_with_broken_footnote_marks_keeps_the_text(window):
    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    mime = QMimeData()
    mime.setHtml("<p>Văn bản<a href='#_ftn7'><sup>[7]</sup></a> tiếp</p>")  # no note body
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.editor.insertFromMimeData(mime)
    text = "\n".join(p.text for p in window.session.body_now(sid))
    assert "Văn bản[7] tiếp" in text
    assert len(window.session.numbers) == 57


def test_panel_filter_is_accent_insensitive_and_edits_are_saved(window, qtbot, seed_db,
                                                                 type_text):
    panel = window.footnotes
    panel.filter.setText("nghi quyet")
    shown = panel.rows()
    assert 0 < len(shown) < 57
    items = [panel.list.topLevelItem(i) for i in range(panel.list.topLevelItemCount())]
    hay = [fold(it.toolTip(1) + it.toolTip(2)) for it in items if not it.isHidden()]
    assert all("nghi" in h and "quyet" in h for h in hay)
    assert any("Nghị quyết" in r[2] for r in shown)
    panel.filter.clear()
    first = panel.list.topLevelItem(0)
    panel.list.setCurrentItem(first)
    fid = first.data(0, Qt.ItemDataRole.UserRole)
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(panel.editor, " (bổ sung)")
    qtbot.waitUntil(lambda: window.session.footnote(fid).plain_text.endswith("(bổ sung)"))
    qtbot.waitUntil(lambda: window.session.state == "saved", timeout=4000)
    with ReportStore.open(seed_db) as store:
        assert store.load_footnote(fid).plain_text.endswith("(bổ sung)")
    # double-click jumps to the reference in its section
    panel._jump(first)
    assert window.editor.section_id == first.data(1, Qt.ItemDataRole.UserRole)
    cursor = window.editor.textCursor()
    assert window.editor.document().characterAt(cursor.position() - 1) == OBJECT_CHAR


def test_marker_draws_the_number(window):
    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    fid = window.session.section(sid).footnote_refs()[0]
    window.editor.select_footnote(fid)
    probe = QTextCursor(window.editor.document())
    probe.setPosition(window.editor.textCursor().position())  # just after the reference
    assert window.session.marker.label(probe.charFormat()) == "1"
    QApplication.processEvents()
    assert not window.editor.grab().isNull()


def test_context_menus_offer_footnotes_and_section_actions(window):
    from PySide6.QtCore import QPoint

    def texts(menu):
        return [x.text() for x in menu.actions() if not x.isSeparator()]

    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    fid = window.session.section(sid).footnote_refs()[0]
    window.editor.select_footnote(fid)
    rect = window.editor.cursorRect()
    shown = texts(window.editor.context_menu(QPoint(rect.left() - 2, rect.center().y())))
    assert window.act_footnote.text() in shown
    assert "Edit the footnote text" in shown or "Sửa nội dung chú thích" in shown
    item = window.tree.items[sid]
    shown = texts(window.tree.context_menu(window.tree.visualItemRect(item).center()))
    assert window.act_add.text() in shown and window.act_delete.text() in shown


def test_copy_for_other_programs_shows_numbers_not_object_characters(window):
    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    fid = window.session.section(sid).footnote_refs()[0]
    window.editor.select_footnote(fid)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 6)
    window.editor.setTextCursor(cursor)
    mime = window.editor.createMimeDataFromSelection()
    assert OBJECT_CHAR not in mime.text() and OBJECT_CHAR not in mime.html()
    assert 'vertical-align:super;">1</span>' in mime.html()  # Word sees a superscript 1


def test_input_method_typing_right_after_a_reference(window):
    from PySide6.QtGui import QInputMethodEvent

    sid = section_with_refs(window, 0)
    window.tree.select(sid)
    fid = window.session.section(sid).footnote_refs()[0]
    window.editor.select_footnote(fid)
    window.editor.setFocus()
    for commit, start, length in (("n", 0, 0), ("e", 0, 0), ("ê", -1, 1), ("ế", -1, 1)):
        ev = QInputMethodEvent()
        ev.setCommitString(commit, start, length)
        QApplication.sendEvent(window.editor, ev)
    body = window.session.body_now(sid)
    runs = [r for p in body for r in p.runs]
    at = next(i for i, r in enumerate(runs) if r.footnote == fid)
    assert runs[at + 1].footnote is None and runs[at + 1].text.startswith("nế")
    assert window.session.numbers[fid] == 1 and len(window.session.numbers) == 57

"""Paragraph ids in the editor: typing, Enter, Backspace, undo and redo, saving and reopening
keep each paragraph's id; a split-off or pasted paragraph gets a new one."""

from __future__ import annotations

from dataclasses import replace

from _ui_helpers import body_sections, colleague_edit, end_of_block, stored
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from hgreport.model import Paragraph, Run, UnknownBlock, block_from_dict
from hgreport.storage import ReportStore
from ui.blocks import OBJECT_CHAR, body_of, raw_block_label, raw_block_of


def ids_now(win, sid) -> list[str]:
    return [p.id for p in win.session.body_now(sid)]


def open_section(win, sid):
    win.tree.select(sid)
    win.editor.setFocus()
    return win.editor


def cursor_at(editor, block: int, offset: int = 0) -> None:
    b = editor.document().findBlockByNumber(block)
    cursor = QTextCursor(b)
    cursor.setPosition(b.position() + offset)
    editor.setTextCursor(cursor)


def select_blocks(editor, first: int, last: int) -> None:
    """Select paragraphs ``first``..``last`` whole, with the paragraph break after them."""
    doc = editor.document()
    cursor = QTextCursor(doc)
    cursor.setPosition(doc.findBlockByNumber(first).position())
    cursor.setPosition(doc.findBlockByNumber(last + 1).position(),
                       QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_typing_in_a_paragraph_keeps_its_id_when_saved(window, type_text, seed_db):
    sid = body_sections(window, 3)[0]
    before = [p.id for p in stored(seed_db, sid).body]
    open_section(window, sid)
    end_of_block(window, 1)
    type_text(window.editor, " thêm mấy chữ")
    assert window.session.save_all()
    after = stored(seed_db, sid)
    assert [p.id for p in after.body] == before
    assert after.body[1].text.endswith(" thêm mấy chữ")


def test_enter_in_the_middle_makes_two_paragraphs_the_first_keeping_the_id(window, seed_db):
    sid = body_sections(window, 3)[0]
    before = ids_now(window, sid)
    editor = open_section(window, sid)
    cursor_at(editor, 1, 10)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    split = ids_now(window, sid)
    assert len(split) == len(before) + 1
    assert split[:2] == before[:2] and split[3:] == before[2:]
    assert split[2] not in before
    assert window.session.save_all()
    assert [p.id for p in stored(seed_db, sid).body] == split
    # undo joins them back with the old ids; redo splits again with the same new id
    editor.undo()
    assert ids_now(window, sid) == before
    editor.redo()
    assert ids_now(window, sid) == split
    # splitting the first part again leaves the second part the id it got
    cursor_at(editor, 1, 3)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    again = ids_now(window, sid)
    assert again[1] == split[1] and again[3] == split[2] and again[2] not in split


def test_backspace_joining_two_paragraphs_keeps_the_first_ones_id(window):
    sid = body_sections(window, 3)[0]
    before = ids_now(window, sid)
    texts = [p.text for p in window.session.body_now(sid)]
    editor = open_section(window, sid)
    cursor_at(editor, 2)
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    body = window.session.body_now(sid)
    assert [p.id for p in body] == before[:2] + before[3:]
    assert body[1].text == texts[1] + texts[2]


def test_a_pasted_copy_of_a_paragraph_gets_a_new_id(window, seed_db):
    sid = body_sections(window, 4)[0]
    before = ids_now(window, sid)
    copied = window.session.body_now(sid)[1]
    editor = open_section(window, sid)
    select_blocks(editor, 1, 1)
    mime = editor.createMimeDataFromSelection()
    cursor_at(editor, 3)  # in front of paragraph 4
    editor.insertFromMimeData(mime)
    body = window.session.body_now(sid)
    assert body[3].text == copied.text and body[3].id not in before
    # the paragraph it was put in front of kept its id, every other one too
    assert [p.id for p in body[:3] + body[4:]] == before
    assert window.session.save_all()
    saved = [p.id for p in stored(seed_db, sid).body]
    assert saved == [p.id for p in body] and len(set(saved)) == len(saved)


def test_undo_after_deleting_a_paragraph_brings_it_back(window):
    sid = body_sections(window, 3)[0]
    before = window.session.body_now(sid)
    editor = open_section(window, sid)
    select_blocks(editor, 1, 1)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    assert [p.id for p in window.session.body_now(sid)] == [before[0].id, *(
        p.id for p in before[2:])]
    editor.undo()
    again = window.session.body_now(sid)
    assert [p.text for p in again] == [p.text for p in before]
    # the id comes back too: Qt's undo restores the paragraph's block format, which holds it
    assert [p.id for p in again] == [p.id for p in before]


def test_reopening_the_file_gives_the_same_ids(open_window, seed_db, qtbot):
    win = open_window(seed_db)
    sid = body_sections(win, 3)[0]
    editor = open_section(win, sid)
    cursor_at(editor, 0, 5)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    ids = ids_now(win, sid)
    win.close()
    again = open_window(seed_db)
    again.tree.select(sid)
    assert [p.id for p in body_of(again.editor.document())] == ids
    assert [p.id for p in stored(seed_db, sid).body] == ids


def test_a_colleagues_save_brings_its_paragraph_ids_into_the_open_text(window, seed_db):
    sid = body_sections(window, 3)[0]
    editor = open_section(window, sid)
    cursor_at(editor, 2, 4)

    def change(sec, _store):
        sec.body.insert(0, Paragraph.of("Đồng nghiệp thêm đoạn đầu."))
        sec.body[2] = replace(sec.body[2], runs=[Run.of("Đồng nghiệp sửa đoạn hai.")])

    colleague_edit(seed_db, sid, change)
    assert window.session.pull_changes() == [sid]
    shown = body_of(editor.document())
    assert [(p.id, p.text) for p in shown] == [(p.id, p.text) for p in stored(seed_db, sid).body]
    assert editor.textCursor().block().blockNumber() == 3  # the cursor stayed in its paragraph


def test_a_block_from_a_newer_version_is_shown_and_kept(open_window, seed_db, type_text):
    table = {"id": "bang-1", "kind": "chart", "rows": [{"cells": [{"runs": [{"t": "Ô một"}]}]}]}
    with ReportStore.open(seed_db) as st:
        sid = body_sections_in(st)
        sec = st.load_section(sid)
        sec.body.insert(1, block_from_dict(table))
        st.save_section(sec)
    win = open_window(seed_db)
    editor = open_section(win, sid)
    # one object in a paragraph of its own, drawn as a label naming its kind
    block = editor.document().findBlockByNumber(1)
    assert block.text() == OBJECT_CHAR
    fmt = QTextCursor(editor.document())
    fmt.setPosition(block.position() + 1)
    assert raw_block_of(fmt.charFormat()) == UnknownBlock.from_dict(table)
    assert "chart" in raw_block_label(fmt.charFormat())
    editor.viewport().grab()  # drawn without error
    end_of_block(win, 0)
    type_text(editor, " sửa")
    assert win.session.save_all()
    body = stored(seed_db, sid).body
    assert body[0].text.endswith(" sửa")
    assert body[1].to_dict() == table


def body_sections_in(store) -> str:
    return next(s.id for s in store.load_report().ordered_sections() if len(s.body) >= 3)

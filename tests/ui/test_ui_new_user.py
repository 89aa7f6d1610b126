"""What got in the way of a person who knows Word, trying the window for an hour (issue 17):
narrow windows, the footnote pane from the keyboard, the tree's rows and deletes, keys that
cannot work on Windows, Word's habits, and the list of keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from ui.main_window import READABLE_SAMPLE
from ui.restore_dialog import RestoreDialog, deleted_sections


def by_title(win, start: str) -> str:
    return next(s.id for s in win.session.report.ordered_sections() if s.title.startswith(start))


def text_room(win) -> int:
    """How wide the text column is, in pixels of text (the page's white border taken off)."""
    doc = win.editor.document()
    return win.editor.viewport().width() - 2 * round(doc.documentMargin())


def readable(win) -> int:
    return QFontMetrics(win.editor.document().defaultFont()).horizontalAdvance(READABLE_SAMPLE)


def active(win, qtbot):
    """The window in front with the cursor in the text, so that its keys reach it."""
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.editor.setFocus()
    return win


# -- 1. narrow windows ----------------------------------------------------------------------------
def test_at_800_and_1024_px_the_text_keeps_60_characters(window, qapp):
    assert len(READABLE_SAMPLE) == 60
    window.resize(1366, 700)
    qapp.processEvents()
    assert window.tree.isVisible() and window.footnotes.isVisible()
    wide = text_room(window)
    window.resize(1024, 700)
    qapp.processEvents()
    assert window.width() == 1024
    assert text_room(window) >= readable(window)
    assert window.tree.isVisible() and window.footnotes.isVisible()  # narrower, both kept
    assert window.tree.width() < 330 and window.footnotes.width() < 330
    window.resize(800, 600)
    qapp.processEvents()
    assert window.width() == 800
    assert text_room(window) >= readable(window)
    assert window.tree.isVisible() and not window.footnotes.isVisible()
    assert not window.act_footnotes.isChecked()
    assert "F9" in window.statusBar().currentMessage()  # says why and how to bring it back
    window.resize(1366, 700)  # wider again: the panel the window hid comes back
    qapp.processEvents()
    assert window.footnotes.isVisible() and window.act_footnotes.isChecked()
    assert text_room(window) == wide


def test_panels_hide_from_view_with_a_key_and_stay_so(open_window, seed_db, qtbot, qapp):
    win = active(open_window(seed_db), qtbot)
    view = next(a.menu() for a in win.menuBar().actions() if a.text() == "&View")
    assert {win.act_tree, win.act_footnotes} <= set(view.actions())
    before = text_room(win)
    qtbot.keyClick(win.editor, Qt.Key.Key_F8)
    assert not win.tree.isVisible() and not win.act_tree.isChecked()
    qtbot.keyClick(win.editor, Qt.Key.Key_F9)
    assert not win.footnotes.isVisible() and not win.act_footnotes.isChecked()
    qapp.processEvents()
    assert text_room(win) >= before  # the text took the room
    win.close()
    again = active(open_window(seed_db), qtbot)
    assert not again.tree.isVisible() and not again.footnotes.isVisible()
    qtbot.keyClick(again.editor, Qt.Key.Key_F8)
    assert again.tree.isVisible() and again.tree.hasFocus()


def test_a_panel_asked_for_in_a_narrow_window_takes_the_other_ones_room(window, qtbot, qapp):
    active(window, qtbot)
    window.resize(800, 600)
    qapp.processEvents()
    assert not window.footnotes.isVisible()
    qtbot.keyClick(window.editor, Qt.Key.Key_F9)
    assert window.footnotes.isVisible() and not window.tree.isVisible()
    assert text_room(window) >= readable(window)
    qtbot.keyClick(window.footnotes.list, Qt.Key.Key_F8)
    assert window.tree.isVisible() and not window.footnotes.isVisible()
    assert text_room(window) >= readable(window)


def test_dragging_a_divider_never_squeezes_the_text(window, qapp):
    window.resize(1200, 700)
    qapp.processEvents()
    sizes = window.splitter.sizes()
    window.splitter.setSizes([sizes[0] + 500, sizes[1] - 500, sizes[2]])
    window._splitter_moved(0, 1)  # what a drag of the divider emits
    qapp.processEvents()
    assert text_room(window) >= readable(window)
    assert window.tree.isVisible()


def test_f6_goes_round_the_panes_as_in_word(window, qtbot):
    active(window, qtbot)
    qtbot.keyClick(window.editor, Qt.Key.Key_F6)
    assert window.footnotes.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is window.tree
    qtbot.keyClick(window.tree, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.footnotes.isAncestorOf(QApplication.focusWidget())


# -- 4. the footnote pane from the keyboard -------------------------------------------------------
def test_ctrl_alt_f_then_esc_or_shift_f5_goes_back_to_the_reference(window, qtbot, type_text):
    sid = by_title(window, "Phát triển kinh tế")
    window.tree.select(sid)
    editor = active(window, qtbot).editor
    cursor = editor.textCursor()
    cursor.setPosition(40)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.AltModifier)
    panel = window.footnotes
    fid = panel._editing
    assert QApplication.focusWidget() is panel.editor
    hint = "Select a footnote to edit its text."
    assert panel.editor.placeholderText() != hint  # a footnote is selected: no "choose one"
    type_text(panel.editor, "Nguồn: Cục Thống kê")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is editor
    assert editor.textCursor().position() == 41  # right after the reference
    assert window.session.footnote(fid).plain_text == "Nguồn: Cục Thống kê"
    # from the list too, with Word's "go back" key; and from another section
    window.tree.select(by_title(window, "Văn hóa"))
    panel.select(fid)
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.section_id == sid and QApplication.focusWidget() is editor
    assert editor.textCursor().position() == 41
    panel._load(None)
    assert panel.editor.placeholderText() == hint


# -- 6. the tree ---------------------------------------------------------------------------------------
def _ink(tree, item) -> tuple[int, int, int]:
    """(row height, first and last pixel row with dark ink) of ``item`` as drawn."""
    rect = tree.visualItemRect(item)
    image = tree.viewport().grab(rect).toImage()
    rows = [y for y in range(image.height())
            if any(QColor(image.pixel(x, y)).lightness() < 110 for x in range(image.width()))]
    return rect.height(), min(rows), max(rows)


def test_accents_on_capitals_are_not_cut(window):
    sid = by_title(window, "CÔNG TÁC XÂY DỰNG ĐẢNG")
    window.tree.select(by_title(window, "Ưu điểm"))  # the row is not highlighted
    height, top, bottom = _ink(window.tree, window.tree.items[sid])
    assert top > 0 and bottom < height - 1  # the circumflex and the dot below are whole
    fm = QFontMetrics(window.tree.font())
    assert height >= fm.height() + 2 * (-fm.tightBoundingRect("Ỗ").top() - fm.ascent())


def test_after_a_delete_the_neighbour_is_selected(window):
    tree, s = window.tree, window.session
    parent = by_title(window, "CÔNG TÁC XÂY DỰNG ĐẢNG")
    kids = s.children_ids(parent)
    tree.select(kids[2])
    window.act_delete.trigger()
    assert tree.current_id() == kids[3] == window.editor.section_id  # the next one
    tree.select(kids[-1])
    window.act_delete.trigger()
    assert tree.current_id() == kids[-2] == window.editor.section_id  # last: the one before
    defence = by_title(window, "Quốc phòng, an ninh")
    for kid in s.children_ids(defence):
        tree.select(kid)
        window.act_delete.trigger()
    assert tree.current_id() == defence == window.editor.section_id  # none left: the parent


def test_the_restore_list_shows_number_when_who_and_first_words(window, dialog_log):
    sid = by_title(window, "Công tác dân vận")
    number = window.session.section_numbers()[sid]
    words = window.session.section(sid).plain_text.split()[:5]
    window.tree.select(sid)
    window.act_delete.trigger()
    entries = deleted_sections(window.session)
    assert [e.id for e in entries] == [sid]
    dlg = RestoreDialog(entries, window)
    row = dlg.rows()[0]
    assert row[0] == number
    assert row[1].startswith("Công tác dân vận — " + " ".join(words))
    assert row[2].count(":") == 1 and row[2].count("/") == 2  # "14:05 15/06/2024"
    assert row[3] == "Người thử"
    window.act_restore.trigger()  # the window offers the same entries
    assert dialog_log.restore_offered == [[sid]]
    assert window.session.has_section(sid) and window.session.section_numbers()[sid] == number


# -- 8. keys that work on Windows, every tree action in the menus ---------------------------------
def _all_keys(win) -> dict[str, object]:
    found = {}
    for act in win.findChildren(type(win.act_bold)):
        for key in act.shortcuts():
            found[key.toString()] = act
    return found


def test_no_key_that_windows_or_a_vietnamese_keyboard_takes(window):
    keys = _all_keys(window)
    assert "Ctrl+Alt+Del" not in keys
    for key in keys:  # AltGr is Ctrl+Alt: with a digit or bracket it types on some keyboards
        if key.startswith("Ctrl+Alt+"):
            assert not any(c.isdigit() or c in "[]=" for c in key.rsplit("+", 1)[1])
    in_menus = {act for top in window.menuBar().actions() for act in top.menu().actions()}
    in_tree_menu = window.tree.context_menu(window.tree.rect().center()).actions()
    assert window.act_delete in in_tree_menu and window.act_restore in in_tree_menu
    for act in window.tree.menu_actions:
        if act is not None:
            assert act in in_menus and act in in_tree_menu


def test_del_deletes_a_section_in_the_list_and_a_letter_in_the_text(window, qtbot):
    s = window.session
    sid = by_title(window, "Công tác dân vận")
    window.tree.select(sid)
    active(window, qtbot)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    before = window.editor.document().toPlainText()
    qtbot.keyClick(window.editor, Qt.Key.Key_Delete)
    assert window.editor.document().toPlainText() == before[1:] and s.has_section(sid)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Delete)
    assert not s.has_section(sid)


def test_ctrl_arrows_move_a_section_in_the_list(window, qtbot):
    sid = by_title(window, "Văn hóa")
    window.tree.select(sid)
    active(window, qtbot)
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.tree.items[sid].label().startswith("1. ")
    qtbot.keyClick(window.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert window.session.section(sid).parent_id is None
    window.editor.setFocus()  # in the text, Ctrl+Up is Word's paragraph key, not a move
    parent_before = window.session.section(sid).parent_id
    qtbot.keyClick(window.editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert window.session.section(sid).parent_id == parent_before


# -- 9. Word's habits ------------------------------------------------------------------------------------
def test_edit_menu_cuts_copies_pastes_and_selects_all(window, qtbot):
    edit = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert {window.act_cut, window.act_copy, window.act_paste,
            window.act_select_all} <= set(edit.actions())
    window.tree.select(by_title(window, "Công tác dân vận"))
    active(window, qtbot)
    window.act_select_all.trigger()
    whole = window.editor.document().toPlainText()
    assert window.editor.textCursor().selectedText().replace("\u2029", "\n") == whole
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.editor.moveCursor(QTextCursor.MoveOperation.NextWord,
                             QTextCursor.MoveMode.KeepAnchor)
    word = window.editor.textCursor().selectedText()
    window.act_cut.trigger()
    assert not window.editor.document().toPlainText().startswith(word)
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    window.act_paste.trigger()
    assert window.editor.document().toPlainText().endswith(word)
    window.footnotes.filter.setFocus()  # the same commands work in any box with text
    window.act_paste.trigger()
    assert window.footnotes.filter.text() == word


def test_ctrl_shift_up_and_down_select_to_the_paragraphs_start_and_end(window, qtbot):
    window.tree.select(by_title(window, "Phát triển kinh tế"))
    editor = active(window, qtbot).editor
    block = editor.document().findBlockByNumber(1)
    cursor = editor.textCursor()
    cursor.setPosition(block.position() + 10)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == block.text()[10:]
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectedText() == block.text()[:10]
    qtbot.keyClick(editor, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # again: the paragraph before too
    assert editor.textCursor().position() == editor.document().findBlockByNumber(0).position()
    qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert editor.textCursor().position() == block.position()  # Ctrl+Down: next paragraph


def test_f1_lists_every_key_from_the_actions(window, qtbot):
    active(window, qtbot)
    qtbot.keyClick(window.editor, Qt.Key.Key_F1)
    dlg = window.keys_dialog
    assert dlg.isVisible()
    shown = dlg.entries()
    native = QKeySequence.SequenceFormat.NativeText
    for act in (window.act_footnote, window.act_export, window.act_tree, window.act_footnotes,
                window.act_delete, window.act_cut, window.act_keys,
                window.footnotes.act_back, *window.editor.key_actions):
        name = act.text().replace("&", "")
        assert name in shown
        assert act.shortcut().toString(native) in shown[name]
    window.act_footnote.setShortcut(QKeySequence("Ctrl+Alt+J"))  # the list follows the action
    assert window.show_keys().entries()["Insert footnote"] == "Ctrl+Alt+J"

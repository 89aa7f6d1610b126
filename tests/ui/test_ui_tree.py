"""The section tree: live numbers, moves by keyboard and by drag-and-drop, undo, delete and
restore, rename in place — and no text is ever lost."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLineEdit

from hgreport.storage import ReportStore


def labels(win):
    return [win.tree.items[sid].label() for sid in win.tree.all_ids_in_order()]


def by_title(win, start: str) -> str:
    for sec in win.session.report.ordered_sections():
        if sec.title.startswith(start):
            return sec.id
    raise KeyError(start)


def all_text(win) -> dict[str, str]:
    return {s.id: (s.title, "\n".join(p.text for p in win.session.body_now(s.id)))
            for s in win.session.report.all_sections()}


def stored_text(path) -> dict[str, str]:
    with ReportStore.open(path) as store:
        rep = store.load_report()
    return {s.id: (s.title, "\n".join(p.text for p in s.body)) for s in rep.all_sections()}


def test_tree_shows_derived_numbers_and_word_counts(window):
    shown = labels(window)
    assert shown[0].startswith("I. ")
    assert any(x.startswith("3.1. ") for x in shown)
    assert window.tree.topLevelItem(0).text(1)  # the opening's word count
    sid = by_title(window, "Phát triển kinh tế")
    assert window.tree.items[sid].text(1).replace(".", "").isdigit()


def test_keyboard_moves_renumber_and_keep_text(window, qtbot, seed_db):
    before = all_text(window)
    sid = by_title(window, "Văn hóa")
    window.tree.select(sid)
    window.tree.setFocus()
    old_label = window.tree.items[sid].label()
    assert old_label.startswith("2. ")
    qtbot.keyClick(window.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.tree.items[sid].label().startswith("1. ")
    assert window.tree.items[by_title(window, "Phát triển kinh tế")].label().startswith("2. ")
    qtbot.keyClick(window.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.tree.items[sid].label().startswith("III. ")
    assert window.tree.items[by_title(window, "ĐÁNH GIÁ")].label().startswith("IV. ")
    qtbot.keyClick(window.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.section(sid).parent_id == by_title(window, "KẾT QUẢ")
    qtbot.keyClick(window.tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # already last: nothing happens
    assert all_text(window) == before
    assert stored_text(seed_db) == before


def test_undo_and_redo_a_chain_of_moves(window, qtbot):
    original = labels(window)
    texts = all_text(window)
    sid = by_title(window, "Ưu điểm")
    window.tree.select(sid)
    window.tree.setFocus()
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Right):
        qtbot.keyClick(window.tree, key, Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    moved = labels(window)
    assert moved != original
    for _ in range(4):
        window.tree.setFocus()
        qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels(window) == original
    for _ in range(4):
        window.tree.setFocus()
        qtbot.keyClick(window.tree, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert labels(window) == moved
    assert all_text(window) == texts


def _drop(tree, item, where: str):
    rect = tree.visualItemRect(item)
    y = {"above": rect.top() + 1, "below": rect.bottom() - 1, "onto": rect.center().y()}[where]
    pos = QPointF(rect.center().x(), y)
    mime = tree.mimeData([tree.currentItem()])
    event = QDropEvent(pos, Qt.DropAction.MoveAction, mime or QMimeData(),
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(event)


def test_drag_and_drop_moves_a_section_with_its_children(window, seed_db):
    texts = all_text(window)
    moving = by_title(window, "Quốc phòng")  # II.3 with two children
    children = [c for c in window.session.children_ids(moving)]
    assert len(children) == 2
    window.tree.select(moving)
    _drop(window.tree, window.tree.items[by_title(window, "ĐÁNH GIÁ")], "onto")
    assert window.session.section(moving).parent_id == by_title(window, "ĐÁNH GIÁ")
    assert window.tree.items[moving].label().startswith("3. ")  # after 1. and 2. of III
    assert window.tree.items[children[0]].label().startswith("3.1. ")
    window.tree.select(moving)
    _drop(window.tree, window.tree.items[by_title(window, "CÔNG TÁC XÂY DỰNG")], "above")
    assert window.tree.items[moving].label().startswith("I. ")
    assert window.tree.items[by_title(window, "CÔNG TÁC XÂY DỰNG")].label().startswith("II. ")
    # dropping a section onto its own child is refused, nothing moves
    window.tree.select(moving)
    _drop(window.tree, window.tree.items[children[1]], "onto")
    assert window.session.section(moving).parent_id is None
    assert all_text(window) == texts == stored_text(seed_db)


def test_drop_below_the_last_item_moves_to_the_end(window):
    moving = by_title(window, "CÔNG TÁC XÂY DỰNG")
    window.tree.select(moving)
    _drop(window.tree, window.tree.items[window.session.report.ending.id], "onto")
    assert window.session.children_ids(None)[-1] == moving
    assert window.tree.items[moving].label().startswith("III. ")


def test_add_rename_delete_and_restore(window, qtbot, seed_db, type_text):
    near = by_title(window, "Phát triển kinh tế")
    window.tree.select(near)
    window.act_add.trigger()
    new = window.tree.current_id()
    assert new != near and window.session.section(new).parent_id == \
        window.session.section(near).parent_id
    assert window.tree.items[new].label().startswith("2. ")
    # rename in place: the editor opened by "add" takes the title
    editor = window.tree.viewport().findChild(QLineEdit)
    editor.selectAll()
    type_text(editor, "Mục mới về chuyển đổi số")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.section(new).title == "Mục mới về chuyển đổi số")
    assert window.tree.items[new].label() == "2. Mục mới về chuyển đổi số"
    window.tree.select(new)
    window.act_add_child.trigger()
    child = window.tree.current_id()
    assert window.session.section(child).parent_id == new
    assert window.tree.items[child].label().startswith("2.1. ")
    qtbot.keyClick(window.tree.viewport().findChild(QLineEdit), Qt.Key.Key_Escape)
    # write text in the new section, then delete it with its child
    window.tree.select(new)
    window.editor.setFocus()
    type_text(window.editor, "Nội dung quý giá")
    window.tree.select(new)
    window.tree.setFocus()
    window.act_delete.trigger()
    assert not window.session.has_section(new) and not window.session.has_section(child)
    assert window.tree.items[by_title(window, "Văn hóa")].label().startswith("2. ")
    window.tree.setFocus()
    window.act_undo.trigger()
    assert window.session.has_section(new) and window.session.has_section(child)
    assert window.session.body_now(new)[0].text == "Nội dung quý giá"
    window.tree.setFocus()
    window.act_redo.trigger()  # delete again, then restore from the list of deleted sections
    assert not window.session.has_section(new)
    assert window.session.restore_section(new)
    with ReportStore.open(seed_db) as store:
        assert store.load_section(new).body[0].text == "Nội dung quý giá"
        assert store.load_section(child).parent_id == new

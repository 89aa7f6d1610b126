"""The window on a file with a damaged row: it opens, the damaged section is marked in the tree
and read-only under a bar that says what happened and what to do, the rest stays editable, and
restoring the section from its history makes it editable again."""

from __future__ import annotations

from _damage_helpers import damage
from PySide6.QtCore import Qt

from hgreport.history import history
from hgreport.storage import ReportStore
from ui.section_tree import DAMAGED


def _stored_texts(path, sid) -> list[str]:
    with ReportStore.open(path) as store:
        return [p.text for p in store.load_section(sid).body]


def test_the_window_opens_with_the_damaged_section_marked_and_read_only(open_window, seed_db,
                                                                        type_text, qtbot):
    d = damage(seed_db, "body_bad_utf8")
    raw = d.raw()
    win = open_window(seed_db)
    item = win.tree.items[d.section_id]
    assert item.data(0, DAMAGED) is True
    assert d.title in item.toolTip(0) and "Ctrl+Alt+H" in item.toolTip(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsEditable  # no rename, no drag
    assert not item.flags() & Qt.ItemFlag.ItemIsDragEnabled
    others = [sid for sid, it in win.tree.items.items() if not it.data(0, DAMAGED)]
    assert len(others) == len(win.tree.items) - 1

    win.tree.select(d.section_id)
    assert win.editor.section_id == d.section_id
    assert win.editor.isReadOnly()
    bar = win.editor.bar
    assert bar.isVisible() and d.title in bar.text.text() and "Ctrl+Alt+H" in bar.text.text()
    assert win.editor.viewportMargins().top() >= bar.height()  # the text starts below it
    # what is shown is its last save, from the file's history
    assert win.editor.document().firstBlock().text().startswith("Công tác dân vận của Đảng")
    win.editor.setFocus()
    type_text(win.editor, "gõ đè ")
    before = win.editor.document().toPlainText()
    win.finder.open(True)  # replace in the whole report passes it by
    win.finder.bar.find_edit.setText("nhân dân")
    win.finder.bar.replace_edit.setText("NHÂN DÂN")
    win.finder.bar.whole_report.setChecked(True)
    assert win.finder.replace_all() > 0
    assert win.editor.document().toPlainText() == before and "gõ đè" not in before
    assert win.session.save_all()
    assert d.raw() == raw  # never overwritten

    # the rest of the report is editable as usual
    other = next(s.id for s in win.session.report.ordered_sections()
                 if s.id in others and s.body)
    win.tree.select(other)
    assert not win.editor.isReadOnly() and not bar.isVisible()
    win.editor.setFocus()
    type_text(win.editor, "Vẫn sửa được ")
    assert win.session.save_all()
    assert _stored_texts(seed_db, other)[0].startswith("Vẫn sửa được ")
    assert d.raw() == raw


def test_restoring_from_the_history_makes_it_editable_again(open_window, seed_db, type_text):
    d = damage(seed_db, "body_not_json")
    win = open_window(seed_db)
    win.tree.select(d.section_id)
    assert win.editor.isReadOnly()
    clicked = []
    win.editor.bar.historyRequested.connect(lambda: clicked.append(True))
    win.editor.bar.history_button.click()  # the bar's way out opens the history
    assert clicked and win.history_dialog.isVisible()
    win.history_dialog.close()
    with ReportStore.open(seed_db) as store:
        last = history(store, d.section_id)[0]
    assert win.session.restore_revision(d.section_id, last.rev_id)
    assert not win.editor.isReadOnly() and not win.editor.bar.isVisible()
    assert not win.tree.items[d.section_id].data(0, DAMAGED)
    win.editor.setFocus()
    type_text(win.editor, "Đã khôi phục ")
    assert win.session.save_all()
    texts = _stored_texts(seed_db, d.section_id)
    assert texts[0].startswith("Đã khôi phục Công tác dân vận của Đảng")


def test_a_damaged_footnote_is_read_only_in_the_footnote_panel(open_window, seed_db):
    d = damage(seed_db, "footnote_not_json")
    win = open_window(seed_db)
    win.footnotes.select(d.footnote_id)
    assert win.footnotes.editor.isReadOnly()
    assert win.footnotes.caption.text().startswith("⚠")
    assert win.footnotes.caption.toolTip()
    other = next(f for f in win.session.report.footnotes if f != d.footnote_id)
    win.footnotes.select(other)
    assert not win.footnotes.editor.isReadOnly()


def test_export_from_the_window_lists_the_damage(open_window, seed_db, dialog_log):
    d = damage(seed_db, "parent_loop")
    win = open_window(seed_db)
    assert len(win.tree.all_ids_in_order()) == 17  # nothing of the loop drops out
    assert win.tree.items[d.section_id].data(0, DAMAGED) is True
    assert win.tree.items[d.section_id].flags() & Qt.ItemFlag.ItemIsDragEnabled  # move it back
    assert win.export() is not None
    messages = [win.problems.list.item(i).text() for i in range(win.problems.list.count())]
    assert any(d.title in m for m in messages)

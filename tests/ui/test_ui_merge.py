"""A copy that came back (USB, e-mail) merged from the window: what the merge did, and the
conflicts decided one by one with keep mine / take theirs / keep both; the tree and the editor
show the result. Send a copy makes the copy in the first place."""

from __future__ import annotations

import pytest
from _ui_helpers import body_sections, stored  # noqa: E402
from PySide6.QtGui import QTextCursor

from hgreport.merge import list_conflicts
from hgreport.model import Paragraph
from hgreport.storage import ReportStore
from ui.blocks import body_of


def type_at_end_of_first_paragraph(win, sid, text, type_text) -> None:
    win.tree.select(sid)
    win.editor.setFocus()
    block = win.editor.document().firstBlock()
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.length() - 1)
    win.editor.setTextCursor(cursor)
    type_text(win.editor, text)


@pytest.fixture
def diverged(window, seed_db, tmp_path, dialog_log, type_text):
    """A copy sent out, changed on USB (first paragraph of A, title of B) while the first
    paragraph of A was changed here too."""
    a, b = body_sections(window, 2)[:2]
    original = stored(seed_db, a).body
    dialog_log.copy_path = str(tmp_path / "usb.db")
    copy = window.send_copy()
    with ReportStore.open(copy, author="Anh Bình") as other:
        sa = other.load_section(a)
        sa.body = [Paragraph.of("Bản sửa trên USB.")] + sa.body[1:]
        other.save_section(sa)
        sb = other.load_section(b)
        sb.title = "Tên mới từ bản sao"
        other.save_section(sb)
    type_at_end_of_first_paragraph(window, a, " Sửa ở cơ quan.", type_text)
    assert window.session.save_all()
    dialog_log.merge_path = str(copy)
    return window, a, b, original


@pytest.mark.parametrize("answer", ["mine", "theirs", "both"])
def test_merge_lists_the_result_and_each_conflict_is_decided(diverged, seed_db, answer):
    window, a, b, original = diverged
    dlg = window.merge_copy()
    assert dlg is not None and dlg.isVisible()
    assert dlg.result.fast_forwarded == 1 and len(dlg.result.conflicts) == 1
    assert "usb.db" in dlg.summary.text()
    # the copy's new title is in the tree at once; the conflict is listed
    assert "Tên mới từ bản sao" in window.tree.items[b].text(0)
    assert dlg.list.count() == 1
    assert dlg.theirs_view.toPlainText() == "Bản sửa trên USB."
    assert dlg.mine_view.toPlainText().endswith(" Sửa ở cơ quan.")
    window.tree.select(b)
    dlg.list.itemActivated.emit(dlg.list.item(0))  # double-click: the section it concerns
    assert window.editor.section_id == a
    dlg.list.setCurrentRow(0)
    {"mine": dlg.btn_mine, "theirs": dlg.btn_theirs, "both": dlg.btn_both}[answer].click()
    mine = original[0].text + " Sửa ở cơ quan."
    expected = {"mine": [mine], "theirs": ["Bản sửa trên USB."],
                "both": [mine, "Bản sửa trên USB."]}[answer]
    texts = [p.text for p in stored(seed_db, a).body]
    assert texts[:len(expected)] == expected
    assert texts[len(expected):] == [p.text for p in original[1:]]
    assert window.editor.section_id == a
    assert body_of(window.editor.document()) == stored(seed_db, a).body
    assert dlg.list.count() == 0 and list_conflicts(window.store) == []
    assert not dlg.btn_mine.isEnabled()
    # merging the same copy again changes nothing
    again = window.merge_copy()
    assert not again.result.changed and again.result.conflicts == []


def test_conflicts_stay_until_decided_and_are_found_from_the_menu(diverged, seed_db):
    window = diverged[0]
    first = window.merge_copy()
    first.close()
    later = window.show_conflicts()
    assert later.list.count() == 1 and later.summary.isHidden()
    assert window.act_conflicts in window.menuBar().actions()[0].menu().actions()
    assert window.act_merge in window.menuBar().actions()[0].menu().actions()


def test_a_different_report_is_refused(window, seed_report, tmp_path, dialog_log):
    other = tmp_path / "khac.db"
    ReportStore.create(other, seed_report, author="Người khác").close()
    dialog_log.merge_path = str(other)
    before = window.store.load_report()
    assert window.merge_copy() is None
    assert dialog_log.errors and "khac.db" in dialog_log.errors[0]
    assert window.store.load_report().sections == before.sections


def test_merge_is_not_offered_for_a_read_only_file(qtbot, seed_db):
    from ui.main_window import MainWindow

    win = MainWindow(ReportStore.open(seed_db, read_only=True))
    qtbot.addWidget(win)
    assert not win.act_merge.isEnabled()
    assert win.merge_copy() is None
    win.close()

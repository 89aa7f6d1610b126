"""One report file, several people at once: others' saves appear within 3 seconds without
disturbing the text being typed, a save that lost the race is combined (a dialog only for the
same paragraph), who else has the file open and which section they edit, a busy file and a
network folder are shown, copies and automatic backups."""

from __future__ import annotations

import time

import pytest
from _ui_helpers import (  # noqa: E402
    body_sections,
    colleague_edit,
    end_of_block,
    stored,
)
from PySide6.QtGui import QTextCursor, QTextDocument

from hgreport import errors
from hgreport.backup import backup_dir, list_backups
from hgreport.model import Footnote, Paragraph, Run
from hgreport.sharing import LEASE_TTL_S, Presence
from hgreport.storage import ReportStore
from ui.blocks import body_of


def put_cursor(win, block: int, column: int) -> None:
    cursor = QTextCursor(win.editor.document().findBlockByNumber(block))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
    win.editor.setTextCursor(cursor)




@pytest.fixture
def slow_autosave(window):
    """Typing stays unsaved during the test (autosave far away)."""
    window.session.autosave.setInterval(600_000)
    return window


def test_colleague_save_appears_within_3_seconds_without_disturbing_my_typing(
        slow_autosave, seed_db, qtbot, type_text):
    win = slow_autosave
    first, mine = body_sections(win)[:2]
    before_doc = win.session.document(first)  # an open document of the colleague's section
    win.tree.select(mine)
    win.editor.setFocus()
    put_cursor(win, 0, 3)
    type_text(win.editor, "đang gõ ")
    position = win.editor.textCursor().position()
    typed = win.editor.document().toPlainText()
    fid = "fn-dong-nghiep"

    def change(sec, other):
        other.add_footnote(Footnote(id=fid, body=[Paragraph.of("Chú thích của đồng nghiệp.")]))
        sec.title = "Tiêu đề do đồng nghiệp sửa"
        sec.body = [Paragraph([Run.ref(fid), Run("Đoạn mới của đồng nghiệp.")])] + sec.body

    colleague_edit(seed_db, first, change)
    started = time.monotonic()
    qtbot.waitUntil(lambda: "Tiêu đề do đồng nghiệp sửa" in win.tree.items[first].text(0),
                    timeout=3000)
    assert time.monotonic() - started < 3.0
    # the other section's open document shows the new text, its footnote is number 1 now
    assert before_doc.toPlainText().startswith("\ufffcĐoạn mới của đồng nghiệp.")
    assert win.session.numbers[fid] == 1
    qtbot.waitUntil(lambda: any("Chú thích của đồng nghiệp." in r[2]
                                for r in win.footnotes.rows()), timeout=1000)
    assert win.footnotes.rows()[0][0] == "1"
    # my section: same text, same cursor, still unsaved, undo still there
    assert win.editor.section_id == mine
    assert win.editor.document().toPlainText() == typed
    assert win.editor.textCursor().position() == position
    assert mine in win.session.dirty and win.editor.document().isUndoAvailable()
    win.session.save_all()
    assert stored(seed_db, mine).body[0].text[3:].startswith("đang gõ ")
    assert stored(seed_db, first).title == "Tiêu đề do đồng nghiệp sửa"


def test_open_section_without_unsaved_edits_reloads_quietly(window, seed_db, qtbot):
    sid = body_sections(window, 2)[0]
    window.tree.select(sid)
    put_cursor(window, 0, 4)

    def change(sec, _other):
        sec.body = sec.body[:-1] + [Paragraph.of("Đoạn cuối do đồng nghiệp viết lại.")]

    colleague_edit(seed_db, sid, change)
    qtbot.waitUntil(lambda: window.editor.document().toPlainText().endswith(
        "Đoạn cuối do đồng nghiệp viết lại."), timeout=3000)
    assert window.editor.textCursor().position() == 4
    assert sid not in window.session.dirty and window.session.state == "saved"
    window.session.save_all()  # nothing to save: no conflict, the file keeps their text
    assert stored(seed_db, sid).body[-1].text == "Đoạn cuối do đồng nghiệp viết lại."


def test_lost_race_on_different_paragraphs_is_combined_without_a_question(
        slow_autosave, seed_db, dialog_log, type_text):
    win = slow_autosave
    sid = body_sections(win, 2)[0]
    win.tree.select(sid)
    win.editor.setFocus()
    end_of_block(win, 0)
    type_text(win.editor, " Câu của tôi.")

    def change(sec, _other):
        sec.body = sec.body[:-1] + [Paragraph.of("Đoạn cuối của đồng nghiệp.")]

    colleague_edit(seed_db, sid, change)
    assert win.session.save_all()
    assert dialog_log.conflicts == []
    body = stored(seed_db, sid).body
    assert body[0].text.endswith(" Câu của tôi.")
    assert body[-1].text == "Đoạn cuối của đồng nghiệp."
    shown = win.editor.document().toPlainText()
    assert " Câu của tôi." in shown and shown.endswith("Đoạn cuối của đồng nghiệp.")
    # the cursor stayed after what I typed; the undo history is gone, so that Ctrl+Z cannot
    # take the colleague's paragraph back out of the file
    cursor = win.editor.textCursor()
    assert cursor.blockNumber() == 0 and cursor.block().text().endswith(" Câu của tôi.")
    assert cursor.positionInBlock() == len(cursor.block().text())
    assert not win.editor.document().isUndoAvailable()
    # the next save goes through without a question
    type_text(win.editor, " Thêm.")
    assert win.session.save_all() and dialog_log.conflicts == []
    assert stored(seed_db, sid).body[0].text.endswith(" Câu của tôi. Thêm.")


@pytest.mark.parametrize("answer", ["mine", "theirs", "both"])
def test_lost_race_on_the_same_paragraph_asks_mine_theirs_or_both(
        slow_autosave, seed_db, dialog_log, answer, type_text):
    win = slow_autosave
    sid = body_sections(win, 2)[0]
    win.tree.select(sid)
    original = stored(seed_db, sid).body
    win.editor.setFocus()
    end_of_block(win, 0)
    type_text(win.editor, " Của tôi.")

    def change(sec, _other):
        sec.body = [Paragraph.of("Đoạn đầu do đồng nghiệp viết lại.")] + sec.body[1:-1] + [
            Paragraph.of("Đoạn cuối của đồng nghiệp.")]

    colleague_edit(seed_db, sid, change)
    dialog_log.conflict_answer = answer
    assert win.session.save_all()
    assert len(dialog_log.conflicts) == 1
    details = QTextDocument()  # both versions of the paragraph are shown, word by word
    details.setHtml(dialog_log.conflict_details[0])
    details = details.toPlainText()
    assert "Của tôi." in details
    assert all(word in details.split() for word in "Đoạn đầu do đồng nghiệp viết lại.".split())
    assert "Đoạn cuối của đồng nghiệp." not in details  # combined already, not asked
    body = [p.text for p in stored(seed_db, sid).body]
    mine = original[0].text + " Của tôi."
    theirs = "Đoạn đầu do đồng nghiệp viết lại."
    expected_first = {"mine": [mine], "theirs": [theirs], "both": [mine, theirs]}[answer]
    assert body[:len(expected_first)] == expected_first
    assert body[-1] == "Đoạn cuối của đồng nghiệp."  # their other paragraph lands in any case
    assert len(body) == len(original) + (answer == "both")
    assert body_of(win.editor.document()) == stored(seed_db, sid).body  # shown = saved
    assert sid not in win.session.dirty


def test_presence_shown_marked_in_the_tree_warned_and_expired(window, seed_db, qtbot,
                                                              dialog_log):
    sid = body_sections(window)[2]
    other_store = ReportStore.open(seed_db, author="Chị Lan")
    lan = Presence(other_store, host="PC-LAN")
    lan.claim(sid)
    crashed_store = ReportStore.open(seed_db, author="Anh Bình")
    crashed = Presence(crashed_store, host="PC-BINH",
                       clock=lambda: time.time() - LEASE_TTL_S - 5)
    crashed.claim(sid)  # a window that crashed long ago: its lease has expired
    try:
        qtbot.waitUntil(lambda: "Chị Lan" in window.presence_label.text(), timeout=3000)
        assert "PC-LAN" in window.presence_label.text()
        assert "Anh Bình" not in window.presence_label.text()
        assert "Chị Lan" in window.tree.items[sid].toolTip(0)
        assert not window.tree.items[sid].icon(0).isNull()
        # opening her section warns first; "only read" leaves it read-only
        dialog_log.in_use_answer = False
        window.tree.select(sid)
        assert dialog_log.in_use and "Chị Lan" in dialog_log.in_use[0][1]
        assert window.editor.section_id == sid and window.editor.isReadOnly()
        assert sid not in window.sharing.presence.claimed
        # she stops renewing her lease (crash): after the lease time she is gone
        window.sharing.presence.clock = lambda: time.time() + LEASE_TTL_S + 5
        window.sharing.heartbeat()
        assert window.presence_label.text() == ""
        assert window.tree.items[sid].icon(0).isNull()
        assert "Chị Lan" not in window.tree.items[sid].toolTip(0)
    finally:
        other_store.close()
        crashed_store.close()


def test_my_presence_is_seen_by_others_and_released_on_close(open_window, seed_db):
    win = open_window(seed_db)
    sid = win.editor.section_id
    with ReportStore.open(seed_db, author="Chị Lan") as other:
        lan = Presence(other)
        [me] = lan.others()
        assert me.author == "Người thử" and sid in me.sections
        assert win.sharing.heartbeat_timer.interval() == 10_000
        assert win.sharing.poll_timer.interval() <= 1500
        win.close()
        assert lan.others() == []


def test_read_only_file_has_no_presence(qtbot, seed_db, monkeypatch):
    from ui.main_window import MainWindow

    store = ReportStore.open(seed_db, read_only=True)
    win = MainWindow(store)
    qtbot.addWidget(win)
    assert win.sharing.presence is None
    assert win.sharing.claim("x") == [] and win.presence_label.text() == ""
    win.close()


def test_waiting_for_a_locked_file_is_shown(window, seed_db, monkeypatch, qtbot, type_text):
    sid = body_sections(window)[0]
    real = window.store.save_section
    left = {"n": 1}

    def busy(section):
        if left["n"]:
            left["n"] -= 1
            raise errors.Locked(path=str(seed_db), seconds=5)
        return real(section)

    monkeypatch.setattr(window.store, "save_section", busy)
    window.session.retry.setInterval(50)
    window.tree.select(sid)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, " Chờ khóa.")
    window.session.save_all()
    assert "busy" in window.save_label.text() and "retrying" in window.save_label.text()
    qtbot.waitUntil(lambda: window.session.state == "saved", timeout=3000)
    assert "busy" not in window.save_label.text()
    # a poll that meets a locked file says so in the status bar, and clears it afterwards
    monkeypatch.setattr(window.store, "changed_by_others",
                        lambda: (_ for _ in ()).throw(errors.Locked(path="x", seconds=5)))
    window.sharing.poll()
    assert window.sharing.locked and "busy" in window.statusBar().currentMessage()
    monkeypatch.undo()
    window.sharing.poll()
    assert not window.sharing.locked and window.statusBar().currentMessage() == ""


def test_network_folder_is_shown_with_advice(open_window, seed_db, monkeypatch):
    import hgreport.sharing

    monkeypatch.setattr(hgreport.sharing, "is_network_path", lambda path: True)
    win = open_window(seed_db)
    assert win.network_label.isVisibleTo(win) and "Network" in win.network_label.text()
    assert "Send a copy" in win.network_label.toolTip()
    monkeypatch.setattr(hgreport.sharing, "is_network_path", lambda path: False)
    local = open_window(seed_db)
    assert not local.network_label.isVisibleTo(local)


def test_send_a_copy_writes_a_consistent_copy(window, seed_db, tmp_path, dialog_log,
                                              type_text):
    sid = body_sections(window)[0]
    window.tree.select(sid)
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor, " Trong bản sao.")
    dialog_log.copy_path = str(tmp_path / "ban-sao.db")
    written = window.send_copy()
    assert written == tmp_path / "ban-sao.db"
    with ReportStore.open(written) as copy:
        assert copy.load_section(sid).body[-1].text.endswith(" Trong bản sao.")
        assert copy.integrity_problems() == []
    dialog_log.copy_path = str(seed_db)  # never over the report itself
    assert window.send_copy() is None and dialog_log.errors


def test_backups_on_open_and_close_and_the_folder_menu(open_window, seed_db, dialog_log,
                                                       type_text):
    win = open_window(seed_db)
    assert [b.reason for b in list_backups(seed_db)] == ["open"]
    win.tree.select(body_sections(win)[0])
    win.editor.setFocus()
    win.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(win.editor, " Trước khi đóng.")
    win.close()
    backups = list_backups(seed_db)
    assert sorted(b.reason for b in backups) == ["close", "open"]
    closing = next(b for b in backups if b.reason == "close")
    with ReportStore.open(closing.path) as kept:
        assert any(s.body and s.body[-1].text.endswith(" Trước khi đóng.")
                   for s in kept.load_report().all_sections())
    again = open_window(seed_db)  # the same day: no second "open" backup
    assert len(list_backups(seed_db)) == 2
    assert again.open_backup_folder() == str(backup_dir())
    assert dialog_log.opened_urls == [str(backup_dir())]



def test_sharing_is_in_vietnamese_by_default(vietnamese, window, seed_db, qtbot):
    file_menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for text in ("Gửi một &bản sao…", "Hợ&p nhất bản sao khác…", "Xung đột cần giải &quyết…",
                 "Thư mục &sao lưu"):
        assert text in file_menu
    assert window.act_history.text() == "Lịch &sử mục…"
    sid = body_sections(window)[1]
    with ReportStore.open(seed_db, author="Chị Lan") as other:
        Presence(other, host="").claim(sid)
        qtbot.waitUntil(lambda: window.presence_label.text() == "👥 Cũng đang mở: Chị Lan",
                        timeout=3000)
        assert "Đang được sửa bởi: Chị Lan" in window.tree.items[sid].toolTip(0)


def test_two_windows_on_one_file_see_each_other_and_each_others_saves(open_window, seed_db,
                                                                      qtbot, type_text):
    left = open_window(seed_db)
    right = open_window(seed_db)
    a, b = body_sections(left, 2)[:2]
    right.session.autosave.setInterval(600_000)
    right.tree.select(b)
    right.editor.setFocus()
    right.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(right.editor, " Bên phải đang gõ.")
    left.tree.select(a)
    left.editor.setFocus()
    left.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(left.editor, " Bên trái đã lưu.")
    assert left.session.save_all()
    qtbot.waitUntil(lambda: right.session.document(a).toPlainText().endswith(
        " Bên trái đã lưu."), timeout=3000)
    assert right.editor.document().toPlainText().endswith(" Bên phải đang gõ.")
    assert b in right.session.dirty
    for me, other_sid in ((left, b), (right, a)):
        me.sharing.heartbeat()
        # the same person on this PC: "you, in another window", not a colleague
        assert "you, in another window" in me.presence_label.text()
        assert "you, in another window" in me.tree.items[other_sid].toolTip(0)
    assert right.session.save_all()
    assert stored(seed_db, b).body[-1].text.endswith(" Bên phải đang gõ.")
    assert stored(seed_db, a).body[-1].text.endswith(" Bên trái đã lưu.")


def test_a_section_open_here_that_a_colleague_deletes_is_said_not_just_gone(window, seed_db):
    sid, other_sid = body_sections(window, 2)[:2]
    window.tree.select(other_sid)
    window.tree.select(sid)
    name = window.session.section_label(sid)
    with ReportStore.open(seed_db, author="Đồng nghiệp") as other:
        other.delete_section(sid)
    colleague_edit(seed_db, other_sid, lambda sec, _o: setattr(
        sec, "body", [*sec.body, Paragraph.of("Đồng nghiệp thêm.")]))
    assert window.sharing.poll()  # the watch on the file takes both in
    assert not window.session.has_section(sid) and window.editor.section_id != sid
    shown = window.statusBar().currentMessage()  # the deletion is what is said
    assert name in shown and "Someone else deleted" in shown and "Restore" in shown

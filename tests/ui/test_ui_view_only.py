"""A section someone else is editing, opened to only read it: a bar says who holds it, until
when, and what to do ("Edit anyway", or wait: the bar goes when they leave); a refused key is
explained in the status bar. The same person in a second window on this PC is "you, in another
window": a note, never the warning; the warning is asked once per visit."""

from __future__ import annotations

import time

import pytest
from _ui_helpers import body_sections
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hgreport.sharing import Presence
from hgreport.storage import ReportStore
from ui import main_window


@pytest.fixture
def lan(seed_db):
    """A colleague, Chị Lan, with the report open on her own PC."""
    store = ReportStore.open(seed_db, author="Chị Lan")
    yield Presence(store, host="PC-LAN")
    store.close()


def test_the_bar_shows_who_holds_the_section_and_until_when(window, lan, dialog_log, qtbot):
    sid = body_sections(window)[2]
    lan.claim(sid)
    until = time.strftime("%H:%M", time.localtime(time.time() + lan.ttl))
    dialog_log.in_use_answer = False  # "only read"
    window.tree.select(sid)
    assert dialog_log.in_use == [(window.session.section_label(sid), "Chị Lan (PC-LAN)")]
    bar = window.editor.bar
    assert window.editor.isReadOnly() and bar.isVisible() and bar.kind == "in_use"
    assert "Chị Lan (PC-LAN)" in bar.text.text() and until in bar.text.text()
    assert bar.edit_button.isVisible() and not bar.history_button.isVisible()
    assert window.editor.viewportMargins().top() >= bar.height()  # the text starts below it

    # a key is refused with a word in the status bar (not a dialog), at most every few seconds
    window.editor.setFocus()
    before = window.editor.document().toPlainText()
    QTest.keyClicks(window.editor, "abc")
    assert window.editor.document().toPlainText() == before
    message = window.statusBar().currentMessage()
    assert "Chị Lan" in message and "Edit anyway" in message
    assert dialog_log.errors == [] and dialog_log.infos == []
    window.statusBar().clearMessage()
    QTest.keyClick(window.editor, Qt.Key.Key_Backspace)
    assert window.statusBar().currentMessage() == ""  # not again within a few seconds
    window._refused_at -= main_window.REFUSED_EVERY_S
    QTest.keyClick(window.editor, Qt.Key.Key_Return)
    assert "Chị Lan" in window.statusBar().currentMessage()

    # "Edit anyway" on the bar: editable, claimed, a note instead of the lock, no second warning
    bar.edit_button.click()
    assert not window.editor.isReadOnly() and sid in window.sharing.presence.claimed
    assert bar.kind == "note" and "Chị Lan" in bar.text.text()
    assert len(dialog_log.in_use) == 1
    QTest.keyClicks(window.editor, "x")
    assert window.editor.document().toPlainText() != before


def test_the_bar_goes_and_the_section_opens_when_the_holder_leaves(window, lan, dialog_log,
                                                                   qtbot):
    sid = body_sections(window)[1]
    lan.claim(sid)
    dialog_log.in_use_answer = False
    window.tree.select(sid)
    assert window.editor.bar.isVisible() and window.editor.isReadOnly()
    lan.release(sid)  # she moves on to another section: her lease on this one ends
    qtbot.waitUntil(lambda: not window.editor.bar.isVisible(), timeout=4000)
    assert not window.editor.isReadOnly() and sid in window.sharing.presence.claimed
    assert "you can edit" in window.statusBar().currentMessage()
    assert len(dialog_log.in_use) == 1


def test_the_same_person_in_a_second_window_gets_a_note_and_no_warning(open_window, seed_db,
                                                                      dialog_log, qtbot):
    first = open_window(seed_db)
    sid = body_sections(first)[2]
    first.tree.select(sid)
    second = open_window(seed_db)
    second.tree.select(sid)
    assert dialog_log.in_use == []  # no warning: it is the same person, on this PC
    assert not second.editor.isReadOnly()
    bar = second.editor.bar
    assert bar.isVisible() and bar.kind == "note" and "another window" in bar.text.text()
    assert not bar.edit_button.isVisible()
    # the first window learns of the second one too, with the same soft note
    qtbot.waitUntil(lambda: first.editor.bar.kind == "note", timeout=4000)
    assert not first.editor.isReadOnly()
    assert "you, in another window" in first.presence_label.text()
    assert "you, in another window" in first.tree.items[sid].toolTip(0)


def test_a_different_person_on_this_pc_is_still_someone_else(window, seed_db, dialog_log):
    sid = body_sections(window)[2]
    with ReportStore.open(seed_db, author="Chị Lan") as other:
        Presence(other).claim(sid)  # this PC's name, another person's name
        window.tree.select(sid)
    assert [who for _what, who in dialog_log.in_use] == [f"Chị Lan ({window.sharing.presence.host})"]


def test_the_warning_is_asked_once_per_visit(window, lan, dialog_log, monkeypatch):
    from ui import dialogs

    sid = body_sections(window)[2]
    lan.claim(sid)
    asked = []

    def warn(parent, what, who):
        asked.append(what)
        window.tree.select(sid)  # the tree (or a poll) asks for the section again meanwhile
        window.show_section(sid)
        window.sharing.poll()
        window.sharing.heartbeat()
        return False

    monkeypatch.setattr(dialogs, "warn_in_use", warn)
    window.tree.select(sid)
    assert len(asked) == 1 and window.editor.section_id == sid
    window.sharing.heartbeat()  # her lease renewed, the bar's time with it: no new question
    window.sharing.poll()
    assert len(asked) == 1 and window.editor.bar.kind == "in_use"
    # another visit (away and back) asks again
    window.tree.select(body_sections(window)[0])
    window.tree.select(sid)
    assert len(asked) == 2



def test_the_bar_and_the_refusal_are_in_vietnamese(vietnamese, window, lan, dialog_log):
    sid = body_sections(window)[2]
    lan.claim(sid)
    dialog_log.in_use_answer = False
    window.tree.select(sid)
    bar = window.editor.bar
    assert bar.text.text().startswith("✎ Chỉ xem: Chị Lan (PC-LAN) đang sửa mục này")
    assert bar.edit_button.text() == "Sửa dù sao"
    window.editor.setFocus()
    QTest.keyClicks(window.editor, "a")
    assert window.statusBar().currentMessage().startswith("Chỉ xem: Chị Lan (PC-LAN)")


def test_a_key_or_a_paste_in_a_read_only_file_is_explained(qtbot, seed_db, dialog_log):
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    win = MainWindow(ReportStore.open(seed_db, read_only=True))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.tree.select(body_sections(win)[0])
    win.editor.setFocus()
    before = win.editor.document().toPlainText()
    QTest.keyClicks(win.editor, "a")
    assert "read-only" in win.statusBar().currentMessage()
    assert not win.editor.bar.isVisible()  # the file, not a colleague: the title says it
    win.statusBar().clearMessage()
    win._refused_at -= main_window.REFUSED_EVERY_S
    QApplication.clipboard().setText("dán vào")
    win.editor.paste()  # what Edit → Paste (Ctrl+V) does on the text with the cursor
    assert "read-only" in win.statusBar().currentMessage()
    assert win.editor.document().toPlainText() == before
    win.close()

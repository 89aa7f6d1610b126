"""Autosave: after a pause in typing, when leaving a section, when closing; failed saves keep
the text and are retried; a conflict with someone else's save asks keep mine / take theirs."""

from __future__ import annotations

import pytest
from _ui_helpers import body_sections, type_at_end  # noqa: E402

from hgreport import errors
from hgreport.model import Paragraph
from hgreport.storage import ReportStore


def stored_last_text(path, sid) -> str:
    with ReportStore.open(path) as store:
        return store.load_section(sid).body[-1].text


def test_autosave_a_moment_after_typing_and_reopen(open_window, seed_db, qtbot, type_text):
    win = open_window(seed_db)
    sid = body_sections(win)[0]
    type_at_end(win, sid, " Lưu tự động.", type_text)
    assert win.save_label.text() in ("Not saved yet", "Chưa lưu")
    assert win.session.state == "unsaved"
    qtbot.waitUntil(lambda: win.session.state == "saved", timeout=3000)
    assert stored_last_text(seed_db, sid).endswith(" Lưu tự động.")
    win.close()
    again = open_window(seed_db)
    again.tree.select(sid)
    assert again.editor.document().toPlainText().endswith(" Lưu tự động.")


def test_leaving_a_section_saves_it(window, seed_db, type_text):
    a, b = body_sections(window)[:2]
    type_at_end(window, a, " Rời mục.", type_text)
    window.tree.select(b)
    assert window.session.state == "saved"
    assert stored_last_text(seed_db, a).endswith(" Rời mục.")


def test_closing_the_window_saves_first(open_window, seed_db, type_text):
    win = open_window(seed_db)
    sid = body_sections(win)[0]
    type_at_end(win, sid, " Đóng cửa sổ.", type_text)
    win.close()
    assert stored_last_text(seed_db, sid).endswith(" Đóng cửa sổ.")


@pytest.mark.parametrize("error", [errors.Locked, errors.ReadOnly, errors.DiskFull])
def test_a_failed_save_is_shown_keeps_the_text_and_is_retried(window, seed_db, qtbot,
                                                              monkeypatch, error, type_text):
    sid = body_sections(window)[0]
    real_save = window.store.save_section
    failures = {"left": 2}

    def failing(section):
        if failures["left"]:
            failures["left"] -= 1
            raise error(path=str(seed_db), seconds=5)
        return real_save(section)

    monkeypatch.setattr(window.store, "save_section", failing)
    window.session.retry.setInterval(50)
    type_at_end(window, sid, " Không mất chữ.", type_text)
    window.session.save_all()
    assert window.session.state == "failed"
    assert "⚠" in window.save_label.text()
    assert window.session.last_error == str(error(path=str(seed_db), seconds=5))
    assert window.editor.document().toPlainText().endswith(" Không mất chữ.")
    assert not stored_last_text(seed_db, sid).endswith(" Không mất chữ.")
    qtbot.waitUntil(lambda: window.session.state == "saved", timeout=3000)
    assert failures["left"] == 0
    assert stored_last_text(seed_db, sid).endswith(" Không mất chữ.")


def test_close_with_a_failing_save_asks_before_losing_text(window, seed_db, monkeypatch,
                                                           dialog_log, type_text):
    sid = body_sections(window)[0]
    monkeypatch.setattr(window.store, "save_section",
                        lambda s: (_ for _ in ()).throw(errors.DiskFull(path=str(seed_db))))
    type_at_end(window, sid, " Ổ đĩa đầy.", type_text)
    dialog_log.confirm_answer = False
    window.close()
    assert window.isVisible()  # the clerk chose to stay; the text is still there
    assert window.editor.document().toPlainText().endswith(" Ổ đĩa đầy.")
    monkeypatch.undo()
    window.close()
    assert not window.isVisible()
    assert stored_last_text(seed_db, sid).endswith(" Ổ đĩa đầy.")


@pytest.mark.parametrize("answer", ["mine", "theirs"])
def test_conflict_asks_keep_mine_or_take_theirs(window, seed_db, dialog_log, answer,
                                                type_text):
    sid = body_sections(window)[0]
    window.tree.select(sid)
    with ReportStore.open(seed_db, author="Đồng nghiệp") as other:
        sec = other.load_section(sid)
        # the same (last) paragraph as mine: a real conflict (other paragraphs would combine)
        sec.body = sec.body[:-1] + [Paragraph.of("Đoạn của đồng nghiệp.")]
        other.save_section(sec)
    dialog_log.conflict_answer = answer
    type_at_end(window, sid, " Của tôi.", type_text)
    assert window.session.save_all()
    assert dialog_log.conflicts
    stored = stored_last_text(seed_db, sid)
    shown = window.editor.document().toPlainText()
    if answer == "mine":
        assert stored.endswith(" Của tôi.") and shown.endswith(" Của tôi.")
    else:
        assert stored == "Đoạn của đồng nghiệp." and shown.endswith("Đoạn của đồng nghiệp.")
    # the next edit saves without another question
    type_at_end(window, sid, " Tiếp.", type_text)
    n = len(dialog_log.conflicts)
    assert window.session.save_all() and len(dialog_log.conflicts) == n
    assert stored_last_text(seed_db, sid).endswith(" Tiếp.")


def test_ctrl_s_saves_at_once(window, seed_db, qtbot, type_text):
    from PySide6.QtCore import Qt

    sid = body_sections(window)[0]
    type_at_end(window, sid, " Lưu ngay.", type_text)
    qtbot.keyClick(window.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.session.state == "saved"
    assert stored_last_text(seed_db, sid).endswith(" Lưu ngay.")


def test_leaving_the_editor_for_another_part_of_the_window_saves(window, seed_db, qtbot,
                                                                  type_text):
    sid = body_sections(window)[0]
    type_at_end(window, sid, " Rời ô soạn thảo.", type_text)
    assert window.session.state == "unsaved"
    window.footnotes.filter.setFocus()
    qtbot.waitUntil(lambda: window.session.state == "saved", timeout=800)
    assert stored_last_text(seed_db, sid).endswith(" Rời ô soạn thảo.")

"""Section history from the window: who changed what and when, two versions side by side with
the changed words highlighted, restore as a new save (Ctrl+Z brings back the text it replaced);
and who "I" am: name and unit asked once, stored, carried by every revision."""

from __future__ import annotations

from _ui_helpers import body_sections, stored, type_at_end  # noqa: E402
from PySide6.QtCore import QPoint

from hgreport.history import history, save_author
from hgreport.model import Paragraph
from hgreport.storage import ReportStore
from ui import app, identity, identity_dialog
from ui.blocks import body_of


def test_history_lists_compares_and_restores(window, seed_db, qtbot, type_text):
    sid = body_sections(window, 2)[0]
    original = stored(seed_db, sid).body
    type_at_end(window, sid, " Lần một.", type_text)
    assert window.session.save_all()
    dlg = window.show_history()  # open while a colleague saves: the list follows
    assert dlg.table.rowCount() == 2
    # by default the version before the current one is compared with now
    assert dlg.selected_rows() == [1] and dlg.comparison is not None
    with ReportStore.open(seed_db, author="Chị Lan") as other:
        save_author(other, "Chị Lan", "Ban Tuyên giáo")
        sec = other.load_section(sid)
        sec.body = [Paragraph.of("Đoạn mở đầu được viết lại hoàn toàn.")] + sec.body[1:]
        other.save_section(sec)
    qtbot.waitUntil(lambda: window.editor.document().firstBlock().text()
                    == "Đoạn mở đầu được viết lại hoàn toàn.", timeout=3000)
    now = stored(seed_db, sid).body
    assert dlg.isVisible() and dlg.table.rowCount() == 3
    assert dlg.table.item(0, 1).text() == "Chị Lan (Ban Tuyên giáo)"
    assert dlg.table.item(1, 1).text() == "Người thử"
    assert dlg.entries[2].first and dlg.entries[0].paragraphs_changed == 1
    assert dlg.table.item(0, 2).text() == dlg.entries[0].summary()
    assert dlg.selected_rows() == [2]  # the chosen version stays chosen
    dlg.select_rows([0, 1])
    changed = dlg.comparison.changed_rows
    assert len(changed) == 1 and changed[0].kind == "changed"
    assert changed[0].right.text == "Đoạn mở đầu được viết lại hoàn toàn."
    html = dlg.view.toHtml()
    assert "Đoạn mở đầu được viết lại hoàn toàn." in dlg.view.toPlainText()
    assert "#c8ecc8" in html.lower() and "#f7c6c6" in html.lower()  # added / removed words
    assert not dlg.btn_restore.isEnabled()  # restore needs one version

    # restore the first version: a new save; the editor shows it
    dlg.select_rows([2])
    assert dlg.btn_restore.isEnabled()
    dlg.btn_restore.click()
    assert stored(seed_db, sid).body == original
    assert body_of(window.editor.document()) == original
    assert dlg.table.rowCount() == 4
    # Ctrl+Z in the text brings back what the restore replaced (and it is saved again)
    window.editor.setFocus()
    window.undo()
    assert body_of(window.editor.document()) == now
    assert window.session.save_all()
    assert stored(seed_db, sid).body == now


def test_history_is_in_the_section_menu_and_the_tree_menu(window):
    sid = body_sections(window, 2)[0]
    window.tree.select(sid)
    rect = window.tree.visualItemRect(window.tree.items[sid])
    menu = window.tree.context_menu(QPoint(rect.x() + 5, rect.center().y()))
    assert window.act_history in menu.actions()
    sections_menu = [a.menu() for a in window.menuBar().actions() if a.menu()
                     and window.act_delete in a.menu().actions()][0]
    assert window.act_history in sections_menu.actions()
    dlg = window.show_history()
    assert dlg.section_id == sid


def test_author_identity_is_asked_once_and_stored(monkeypatch, dialog_log, seed_db, qtbot,
                                                  type_text):
    monkeypatch.delenv("HGREPORT_AUTHOR")
    dialog_log.identity_answer = ("  Nguyễn  Văn An ", "Văn phòng Huyện ủy")
    assert identity.ensure() == ("Nguyễn Văn An", "Văn phòng Huyện ủy")
    assert identity.ensure() == ("Nguyễn Văn An", "Văn phòng Huyện ủy")
    assert dialog_log.identity_asked == 1
    assert identity.author_name() == "Nguyễn Văn An"
    from ui.settings import settings

    assert settings().value("identity/unit") == "Văn phòng Huyện ủy"
    # every revision saved from the window carries the name; the file knows the unit
    win = app.open_path(seed_db)
    qtbot.addWidget(win)
    assert win.store.author == "Nguyễn Văn An"
    sid = body_sections(win, 2)[0]
    type_at_end(win, sid, " Ký tên.", type_text)
    assert win.session.save_all()
    assert history(win.store, sid)[0].who == "Nguyễn Văn An (Văn phòng Huyện ủy)"
    win.close()


def test_identity_question_never_appears_with_hgreport_author(dialog_log):
    assert identity.ensure() is None
    assert dialog_log.identity_asked == 0
    assert identity.author_name() == "Người thử"


def test_closing_the_identity_question_asks_again_next_time(monkeypatch, dialog_log):
    monkeypatch.delenv("HGREPORT_AUTHOR")
    dialog_log.identity_answer = None
    assert identity.ensure() is None
    dialog_log.identity_answer = ("Lê Thị Hoa", "")
    assert identity.ensure() == ("Lê Thị Hoa", "")
    assert dialog_log.identity_asked == 2


def test_identity_dialog_needs_a_name(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    dlg = identity_dialog.IdentityDialog()
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dlg.name_edit.setText(" Trần  Minh ")
    dlg.unit_edit.setText("Ban Tổ chức")
    assert ok.isEnabled()
    assert dlg.values() == ("Trần Minh", "Ban Tổ chức")

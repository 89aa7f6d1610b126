"""Help → About names the version, the licence and the format profile the export follows."""

from __future__ import annotations

from hgreport import __version__
from ui import i18n


def test_about_names_version_licence_and_profile(window, qtbot, qapp):
    assert window.act_about.text()
    window.act_about.trigger()
    dlg = window.about_dialog
    qtbot.waitUntil(dlg.isVisible)
    assert __version__ in dlg.title.text()
    assert "HD 36 (2018)" in dlg.profile_label.text()
    assert "36-HD/VPTW" in dlg.profile_label.text()
    assert "MIT" in dlg.licence.text()
    assert dlg.windowTitle() == "About hgreport"
    dlg.close()


def test_about_speaks_vietnamese(open_window, seed_db, qtbot, qapp):
    i18n.install_translators(qapp, "vi")
    try:
        win = open_window(seed_db)
        assert [a.text() for a in win.menuBar().actions()][-1] == "&Trợ giúp"
        win.show_about()
        assert win.about_dialog.windowTitle() == "Giới thiệu hgreport"
        assert "Mẫu trình bày đang dùng" in win.about_dialog.profile_label.text()
        win.about_dialog.close()
    finally:
        i18n.install_translators(qapp, "en")
        i18n._current = i18n.DEFAULT_LANGUAGE


def test_name_and_unit_can_be_corrected_later(window, dialog_log, monkeypatch):
    from hgreport.history import history

    monkeypatch.delenv("HGREPORT_AUTHOR")
    dialog_log.identity_answer = ("Trần Thị Bình", "Ban Tuyên giáo Tỉnh ủy")
    window.act_identity.trigger()
    assert dialog_log.identity_asked == 1
    assert window.store.author == "Trần Thị Bình"
    sid = window.session.report.ordered_sections()[1].id
    window.tree.select(sid)
    window.editor.textCursor().insertText("Sửa sau khi đổi tên. ")
    window.session.save_all()
    latest = history(window.store, sid)[0]
    assert (latest.author, latest.unit) == ("Trần Thị Bình", "Ban Tuyên giáo Tỉnh ủy")


def test_with_an_imposed_name_the_correction_keeps_it(window, dialog_log):
    dialog_log.identity_answer = ("Tên khác", "")
    window.change_identity()
    assert window.store.author == "Người thử"  # HGREPORT_AUTHOR wins, as documented

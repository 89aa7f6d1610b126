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

"""Vietnamese by default, English selectable — including Qt's own menus and buttons."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit, QTextEdit, QTreeView

from hgreport.resources import resource_path
from ui import i18n


@pytest.fixture
def language(qapp):
    """Switch the application's language for one test."""
    yield lambda lang: i18n.install_translators(qapp, lang)
    i18n.install_translators(qapp, "en")  # the other tests run on the source strings
    i18n._current = i18n.DEFAULT_LANGUAGE


@pytest.fixture
def vietnamese(language):
    language("vi")


def menu_texts(menu) -> list[str]:
    return [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]


def test_window_menus_and_status_are_vietnamese(vietnamese, open_window, seed_db):
    win = open_window(seed_db)
    titles = [a.text() for a in win.menuBar().actions()]
    assert titles[:3] == ["&Tệp", "&Sửa", "Định &dạng"]
    assert win.act_export.text() == "&Xuất ra Word"
    assert win.act_footnote.text() == "Chèn &chú thích"
    assert win.save_label.text() == "✔ Đã lưu"
    assert win.words_label.text().startswith("Mục: ")
    assert win.tree.headerItem().text(0) == "Các mục"
    assert win.tree.topLevelItem(0).text(0) == "Phần mở đầu (trước mục I)"
    assert win.footnotes.list.headerItem().text(0) == "Số"


def test_qt_context_menus_and_buttons_are_vietnamese(vietnamese):
    line = QLineEdit()
    assert {"&Hoàn tác", "&Cắt", "C&hép", "&Dán", "Chọn tất cả"} <= set(
        menu_texts(line.createStandardContextMenu()))
    edit = QTextEdit()
    assert {"&Hoàn tác", "&Dán", "Chọn tất cả"} <= set(
        menu_texts(edit.createStandardContextMenu()))
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Đồng ý", "Hủy"}


def test_english_is_available(language, open_window, seed_db):
    language("en")
    win = open_window(seed_db)
    assert [a.text() for a in win.menuBar().actions()][0] == "&File"
    line = QLineEdit()
    assert menu_texts(line.createStandardContextMenu())[0] == "&Undo"
    assert i18n.format_number(1185818) == "1,185,818"


def test_numbers_are_formatted_the_vietnamese_way(language):
    language("vi")
    assert i18n.format_number(1185818) == "1.185.818"
    assert i18n.format_number(12.27) == "12,27"


def test_qts_own_file_dialog_is_vietnamese(vietnamese, qapp, tmp_path):
    """Where there is no native dialog (some Linux desktops), Qt draws its own."""
    (tmp_path / "bao-cao.db").write_bytes(b"")
    dlg = QFileDialog(None, "", str(tmp_path), "hgreport (*.db)")
    dlg.setOption(QFileDialog.Option.DontUseNativeDialog)
    dlg.setViewMode(QFileDialog.ViewMode.Detail)
    dlg.show()
    labels = {w.objectName(): w.text() for w in dlg.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Tìm trong:"
    assert labels["fileNameLabel"] == "&Tên tệp:"
    assert labels["fileTypeLabel"] == "&Loại tệp:"
    view = dlg.findChild(QTreeView, "treeView")
    model = view.model()
    header = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert header == ["Tên", "Kích thước", "Kiểu", "Ngày sửa"]
    buttons = {b.text() for b in dlg.findChildren(QDialogButtonBox)[0].buttons()}
    assert buttons == {"&Mở", "Hủy"}
    dlg.close()


def test_every_translation_in_the_ts_file_is_in_the_compiled_file(vietnamese):
    """The .qm the program loads was made from the .ts (``pyside6-lrelease``) after its last
    change, so no translated text shows in English."""
    ts = resource_path("translations", "hgreport_vi.ts")
    stale = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, wanted = message.findtext("source"), message.findtext("translation")
            comment = message.findtext("comment")
            if wanted and QCoreApplication.translate(name, source, comment) != wanted:
                stale.append((name, source))
    assert stale == []


def test_new_commands_and_a_block_from_a_newer_version_are_vietnamese(vietnamese, open_window,
                                                                      seed_db):
    win = open_window(seed_db)
    assert win.act_tree.text() == "&Danh sách mục"
    assert [win.act_cut.text(), win.act_copy.text(), win.act_paste.text()] == [
        "&Cắt", "Sao ché&p", "&Dán"]
    assert win.act_keys.text() == "&Phím tắt"
    assert QCoreApplication.translate(
        "Blocks", "[%1 from a newer version of hgreport: kept as it is]") == (
        "[%1 từ phiên bản hgreport mới hơn: được giữ nguyên]")


def test_thousands_signs_are_babels(language):
    from babel.numbers import get_group_symbol

    for code in i18n.LANGUAGES:
        assert i18n.GROUP_SYMBOL[code] == get_group_symbol(code)
        language(code)
        assert i18n.format_number(1185818) == f"1{get_group_symbol(code)}185{get_group_symbol(code)}818"

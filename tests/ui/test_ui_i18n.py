"""Vietnamese by default, English selectable — including Qt's own menus and buttons."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTextEdit

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

"""Zoom of the editor itself (issue 13), as in Word: Ctrl+wheel, View → Zoom, Ctrl+0 back to
100 %, a slider and percentage in the status bar, remembered for the next start; the text is
drawn larger or smaller, the report does not change (no undo step, nothing to save)."""

from __future__ import annotations

import pytest
from _ui_helpers import body_sections
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeySequence, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.session import SAVED


def ctrl_wheel(widget, notches: int) -> None:
    pos = QPointF(widget.viewport().rect().center())
    event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget.viewport(), event)


def doc_height(editor) -> float:
    return editor.document().documentLayout().documentSize().height()


@pytest.fixture
def section(window, qtbot):
    sid = body_sections(window, at_least=2)[0]
    window.tree.select(sid)
    qtbot.waitUntil(lambda: window.editor.section_id == sid)
    window.editor.setFocus()
    return sid


def test_ctrl_wheel_zooms_the_text_and_the_page_grows_with_it(window, section, qtbot):
    editor = window.editor
    assert editor.zoom == 1.0
    height, page = doc_height(editor), editor.page_width
    lines = editor.document().firstBlock().layout().lineCount()
    ctrl_wheel(editor, 5)
    assert editor.zoom == pytest.approx(1.5)
    assert editor.page_width == pytest.approx(page * 1.5, abs=2)
    # the same lines, each half as tall again: the text is drawn larger, not re-wrapped
    assert doc_height(editor) == pytest.approx(height * 1.5, rel=0.05)
    assert editor.document().firstBlock().layout().lineCount() == lines
    ctrl_wheel(editor, -10)  # 150 % less ten steps of 10 %
    assert editor.zoom == pytest.approx(0.5)
    assert doc_height(editor) < height


def test_ctrl_0_is_back_to_100_percent_and_the_status_bar_follows(window, section, qtbot):
    editor, control = window.editor, window.status.zoom
    ctrl_wheel(editor, 3)
    assert control.label.text() == "130 %"
    assert control.slider.value() == 130
    reset = next(a for a in editor.zoom_actions if a.shortcut() == QKeySequence("Ctrl+0"))
    qtbot.keyClick(editor, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert reset is not None
    assert editor.zoom == 1.0
    assert control.label.text() == "100 %"
    # the slider and the buttons drive the editor
    control.slider.setValue(200)
    assert editor.zoom == pytest.approx(2.0)
    control.out_button.click()
    assert editor.zoom == pytest.approx(1.9)
    control.in_button.click()
    control.in_button.click()
    assert editor.zoom == pytest.approx(2.1)
    control.label.click()
    assert editor.zoom == 1.0


def test_zoom_keys_do_not_take_subscript_and_superscript(window, section, qtbot):
    """Ctrl+= stays subscript (as in Word), Ctrl+Shift+= superscript; no zoom action
    takes a key another action of the window has."""
    assert window.act_sub.shortcut() == QKeySequence("Ctrl+=")
    zoom_keys = {a.shortcut().toString() for a in window.editor.zoom_actions
                 if not a.shortcut().isEmpty()}
    assert zoom_keys == {"Ctrl+0"}
    others = {k.toString() for a in window.findChildren(type(window.act_sub))
              if a not in window.editor.zoom_actions for k in a.shortcuts()}
    assert not zoom_keys & others
    # View → Zoom holds the three commands
    view = next(a.menu() for a in window.menuBar().actions() if a.menu()
                and window.act_pages in a.menu().actions())
    zoom_menu = next(a.menu() for a in view.actions() if a.menu()
                     and a.menu().actions()[0] in window.editor.zoom_actions)
    zoom_menu.actions()[0].trigger()
    assert window.editor.zoom == pytest.approx(1.1)


def test_zoom_is_no_edit_of_the_report(window, section, qtbot):
    editor = window.editor
    qtbot.waitUntil(lambda: window.session.state == SAVED, timeout=5000)
    doc = editor.document()
    text = doc.toPlainText()
    undo = doc.isUndoAvailable()
    changes = []
    doc.contentsChange.connect(lambda *a: changes.append(a))
    for notches in (4, -7, 12):
        ctrl_wheel(editor, notches)
    editor.reset_zoom()
    ctrl_wheel(editor, 2)
    assert changes == []
    assert doc.isUndoAvailable() == undo
    assert not doc.isModified()
    assert doc.toPlainText() == text
    assert window.session.state == SAVED and not window.session.dirty
    # typing at a zoom still types, and is an edit as usual
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "x")
    assert doc.toPlainText() == text + "x"


def test_the_zoom_stays_with_other_sections_and_the_next_start(window, open_window,
                                                               seed_db, qtbot):
    sids = body_sections(window, at_least=1)
    window.tree.select(sids[0])
    window.editor.set_zoom(1.6)
    height_before = doc_height(window.editor)
    window.tree.select(sids[1])
    qtbot.waitUntil(lambda: window.editor.section_id == sids[1])
    assert window.editor.zoom == pytest.approx(1.6)
    # the document left behind is back at the screen's size: the zoom belongs to the view
    first = window.session.document(sids[0])
    assert first.documentLayout().paintDevice() is None
    window.tree.select(sids[0])
    qtbot.waitUntil(lambda: window.editor.section_id == sids[0])
    assert doc_height(window.editor) == pytest.approx(height_before, rel=0.02)
    assert settings.zoom_level() == pytest.approx(1.6)
    window.close()
    again = open_window(seed_db)
    assert again.editor.zoom == pytest.approx(1.6)
    assert again.status.zoom.label.text() == "160 %"


def test_zoom_is_kept_between_50_and_400_percent(window, section):
    editor = window.editor
    editor.set_zoom(9.0)
    assert editor.zoom == pytest.approx(4.0)
    editor.set_zoom(0.01)
    assert editor.zoom == pytest.approx(0.5)
    assert window.status.zoom.slider.minimum() == 50
    assert window.status.zoom.slider.maximum() == 400


def test_footnote_numbers_in_the_text_grow_with_the_zoom(window, qtbot):
    sid = next(s.id for s in window.session.report.ordered_sections() if s.footnote_refs())
    window.tree.select(sid)
    qtbot.waitUntil(lambda: window.editor.section_id == sid)
    editor = window.editor
    doc = editor.document()

    def reference_width() -> float:
        found = doc.find("\ufffc")
        assert not found.isNull()
        before, after = QTextCursor(doc), QTextCursor(doc)
        before.setPosition(found.selectionStart())
        after.setPosition(found.selectionEnd())
        return editor.cursorRect(after).x() - editor.cursorRect(before).x()

    normal = reference_width()
    editor.set_zoom(2.0)
    QApplication.processEvents()
    assert reference_width() == pytest.approx(2 * normal, rel=0.25)

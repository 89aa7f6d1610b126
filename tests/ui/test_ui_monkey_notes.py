"""Editing at random in a section with footnotes — typing, Enter, Backspace and Delete over
references, new footnotes, cut and paste of text holding references, undo and redo, saves in
between — never leaves a reference without its footnote nor a footnote without its reference
in the saved file, and undoing everything gives back the section and its notes as opened."""

from __future__ import annotations

import random

from _ui_helpers import body_sections
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from hgreport.storage import ReportStore
from ui.blocks import body_of


def _press(editor, key, text="", mods=Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, key, mods, text))


def _select_some(rng: random.Random, editor) -> None:
    doc = editor.document()
    cursor = editor.textCursor()
    start = rng.randrange(doc.characterCount() - 1)
    cursor.setPosition(start)
    cursor.setPosition(min(start + rng.randint(1, 60), doc.characterCount() - 1),
                       QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _step(rng: random.Random, window, editor) -> None:
    what = rng.random()
    if what < 0.3:
        _press(editor, Qt.Key.Key_unknown, rng.choice("aăbđêơư1, "))
    elif what < 0.38:
        _press(editor, Qt.Key.Key_Return)
    elif what < 0.5:
        _press(editor, rng.choice([Qt.Key.Key_Backspace, Qt.Key.Key_Delete]))
    elif what < 0.56:
        editor.insert_footnote()
    elif what < 0.64:
        _select_some(rng, editor)
        editor.cut()
    elif what < 0.72:
        editor.paste()
    elif what < 0.78:
        _select_some(rng, editor)
        _press(editor, Qt.Key.Key_Delete)
    elif what < 0.86:
        cursor = editor.textCursor()
        cursor.setPosition(rng.randrange(editor.document().characterCount()))
        editor.setTextCursor(cursor)
    elif what < 0.93:
        window.undo()
    else:
        window.redo()


def _check_saved(window) -> None:
    assert window.session.save_all()
    with ReportStore.open(window.store.path) as store:
        check = store.load_report().check_references()
    assert not check.missing, check
    assert not check.orphans, check


def test_random_edits_over_footnote_references_lose_nothing(window):
    rng = random.Random(11)
    editor = window.editor
    sid = max(body_sections(window, 3), key=lambda s: len(window.session.section(s)
                                                         .footnote_refs()))
    window.tree.select(sid)
    editor.setFocus()
    doc = editor.document()
    start = body_of(doc)
    notes = {f: window.session.footnote(f).plain_text
             for p in start for f in p.footnote_refs()}
    assert notes
    for step in range(300):
        _step(rng, window, editor)
        if step % 50 == 49:
            _check_saved(window)
    _check_saved(window)
    for _ in range(3000):
        if not doc.isUndoAvailable():
            break
        window.undo()
    assert [b.to_dict() for b in body_of(doc)] == [b.to_dict() for b in start]
    _check_saved(window)
    assert {f: window.session.footnote(f).plain_text for f in notes} == notes

"""Keys pressed at random in a section holding tables — letters, Enter, Backspace, Delete,
Tab and Shift+Tab, arrows, Shift+arrows then typing over a selection, Ctrl+Z, Ctrl+Y — never
break the text: it always reads back (tables whole, read the same kept or fresh), and undoing
everything brings back the section as it was opened."""

from __future__ import annotations

import random
from dataclasses import replace

from _ui_helpers import body_sections, colleague_edit
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from hgreport.model import Table
from ui.blocks import _TableReads, body_of, table_of

KEYS = [
    (Qt.Key.Key_Return, ""), (Qt.Key.Key_Backspace, ""), (Qt.Key.Key_Delete, ""),
    (Qt.Key.Key_Tab, "\t"), (Qt.Key.Key_Backtab, ""), (Qt.Key.Key_Left, ""),
    (Qt.Key.Key_Right, ""), (Qt.Key.Key_Up, ""), (Qt.Key.Key_Down, ""),
]


def _press(editor, key, text="", mods=Qt.KeyboardModifier.NoModifier) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(editor, QKeyEvent(kind, key, mods, text))


def _random_key(rng: random.Random, editor, window) -> None:
    what = rng.random()
    if what < 0.45:
        _press(editor, Qt.Key.Key_unknown, rng.choice("aăâbđêôơư1%, "))
    elif what < 0.85:
        key, text = rng.choice(KEYS)
        mods = Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_Backtab else \
            Qt.KeyboardModifier.NoModifier
        _press(editor, key, text, mods)
    elif what < 0.9:
        _press(editor, rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Down]), "",
               Qt.KeyboardModifier.ShiftModifier)
    elif what < 0.95:
        window.undo()
    else:
        window.redo()


def _check(doc) -> None:
    body = body_of(doc)
    reads = _TableReads.of(doc)
    for qt in doc.rootFrame().childFrames():
        assert reads.read(qt).to_dict() == table_of(qt).to_dict()
    for b in body:
        if isinstance(b, Table):
            assert Table.from_dict(b.to_dict()).to_dict() == b.to_dict()  # a whole grid


def _with_tables(sec, _store) -> None:
    """A table after the first paragraph (with a caption and a merged header cell), and one
    at the end."""
    first = Table.of([["Chỉ tiêu", "", "Đạt"], ["Thu", "1 200", "104%"], ["Chi", "900", "98%"]],
                     header_rows=1, caption="Bảng 1: Thu chi")
    first.rows[0].cells[0] = replace(first.rows[0].cells[0], col_span=2)
    first.rows[0].cells[1] = None
    sec.body[1:1] = [first]
    sec.body.append(Table.of([["a", "b"], ["c", "d"]]))


def test_random_keys_in_a_section_with_tables_keep_it_readable_and_undoable(window, seed_db):
    rng = random.Random(7)
    editor = window.editor
    for sid in body_sections(window, 3)[:2]:
        colleague_edit(seed_db, sid, _with_tables)  # the tables are there when it opens
        assert sid in window.session.pull_changes()
        window.tree.select(sid)
        editor.setFocus()
        doc = editor.document()
        start = body_of(doc)
        assert sum(isinstance(b, Table) for b in start) == 2 and not doc.isUndoAvailable()
        for _ in range(250):
            if rng.random() < 0.1:  # jump somewhere: a cell, a paragraph, by a table
                cursor = editor.textCursor()
                frames = doc.rootFrame().childFrames()
                places = [rng.randrange(doc.characterCount()), doc.characterCount() - 1] + [
                    p for f in frames for p in (f.firstPosition() - 1, f.lastPosition() + 1)]
                cursor.setPosition(min(rng.choice(places), doc.characterCount() - 1))
                editor.setTextCursor(cursor)
            _random_key(rng, editor, window)
            _check(doc)
        assert window.session.save_all()
        for _ in range(2000):  # undo everything typed since it opened
            if not doc.isUndoAvailable():
                break
            doc.undo()
        assert [b.to_dict() for b in body_of(doc)] == [b.to_dict() for b in start]

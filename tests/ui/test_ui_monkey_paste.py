"""Pasting at random — plain text, lines, tab-separated ranges, Word-like HTML with marks, lists
and tables (ragged ones too), empty clipboards, a long line — anywhere: into paragraphs, over
selections, into table cells; with copy, cut and undo between. The text always reads back (kept
table reads equal fresh ones), nothing asks or fails, and undoing everything gives back the
section as it was opened."""

from __future__ import annotations

import random

from _ui_helpers import body_sections, colleague_edit
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor

from hgreport.model import Table
from ui.blocks import _TableReads, body_of, table_of

CLIPS = [
    ("text", "Một dòng"),
    ("text", "Dòng một\nDòng hai\n\nDòng bốn"),
    ("text", "1\t2\t3\r\n4\t5\t6"),
    ("text", "a\tb\r\nc"),
    ("html", "<p><b>Đậm</b> và <i>nghiêng</i></p><p>Đoạn hai</p>"),
    ("html", "<table><tr><td>1</td><td>2</td></tr><tr><td colspan=2>gộp</td></tr>"
             "</table>"),
    ("html", "<table><tr><td>x</td></tr><tr><td>y</td><td>z</td><td>w</td></tr></table>"
             "<p>sau</p>"),
    ("html", "<ul><li>một</li><li>hai</li></ul>"),
    ("html", "<p>Chữ<sup>2</sup> và H<sub>2</sub>O</p>"),
    ("html", ""),
    ("text", ""),
    ("text", "x" * 5000),
]

def test_random_pastes_anywhere_keep_the_text_whole_and_undoable(window, seed_db, dialog_log):
    sid = body_sections(window, 3)[0]
    colleague_edit(seed_db, sid, lambda sec, _s: sec.body.insert(
        1, Table.of([["a", "b"], ["c", "d"]], header_rows=1)))
    window.session.pull_changes()
    window.tree.select(sid)
    editor = window.editor
    doc = editor.document()
    start = body_of(doc)
    rng = random.Random(2)
    for _ in range(120):
        cur = editor.textCursor()
        pos = rng.randrange(doc.characterCount())
        cur.setPosition(pos)
        if rng.random() < 0.3:
            cur.setPosition(min(pos + rng.randint(1, 40), doc.characterCount() - 1),
                            QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cur)
        r = rng.random()
        if r < 0.75:
            kind, data = rng.choice(CLIPS)
            mime = QMimeData()
            if kind == "text":
                mime.setText(data)
            else:
                mime.setHtml(data)
            editor.insertFromMimeData(mime)
        elif r < 0.85:
            editor.copy()
            editor.paste()
        elif r < 0.93:
            editor.cut()
        else:
            window.undo()
        assert body_of(doc) is not None
        reads = _TableReads.of(doc)
        for qt in doc.rootFrame().childFrames():
            assert reads.read(qt).to_dict() == table_of(qt).to_dict()
    assert window.session.save_all()
    for _ in range(3000):
        if not doc.isUndoAvailable():
            break
        doc.undo()
    assert [b.to_dict() for b in body_of(doc)] == [b.to_dict() for b in start]
    assert dialog_log.errors == []

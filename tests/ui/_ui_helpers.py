"""Small steps the window tests share: pick sections, read what the file holds, type, and
play a colleague who saves through another connection."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from hgreport.storage import ReportStore

COLLEAGUE = "Đồng nghiệp"


def body_sections(win, at_least: int = 1) -> list[str]:
    """Ids of the numbered sections with at least ``at_least`` paragraphs, in reading order."""
    return [s.id for s in win.session.report.ordered_sections() if len(s.body) >= at_least]


def stored(path, sid):
    """The section as the file holds it now."""
    with ReportStore.open(path) as store:
        return store.load_section(sid)


def type_at_end(win, sid, text, type_text) -> None:
    """Open ``sid`` and type ``text`` at the end of its last paragraph."""
    win.tree.select(sid)
    win.editor.setFocus()
    win.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(win.editor, text)


def end_of_block(win, block: int) -> None:
    """Put the editor's cursor at the end of paragraph ``block``."""
    b = win.editor.document().findBlockByNumber(block)
    cursor = QTextCursor(b)
    cursor.setPosition(b.position() + b.length() - 1)
    win.editor.setTextCursor(cursor)


def colleague_edit(path, sid, change) -> None:
    """Another person (another connection) saves a change to one section."""
    with ReportStore.open(path, author=COLLEAGUE) as other:
        sec = other.load_section(sid)
        change(sec, other)
        other.save_section(sec)

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


def random_tree_step(rng, session, step: int, keep: int = 3) -> str | None:
    """One thing done at random to the section tree (add, add a subsection, rename, move up
    or down, out or in a level, delete while more than ``keep`` sections are left, undo,
    redo); returns the section it was done to, or None for undo and redo."""
    ids = [s.id for s in session.report.ordered_sections()]
    if not ids:  # a deletion took a whole subtree, the last: start again
        return session.add_section(None, title=f"Mục {step}")
    sid = rng.choice(ids)
    what = rng.random()
    if what < 0.2:
        session.add_section(sid, child=rng.random() < 0.4, title=f"Mục mới {step}")
    elif what < 0.32:
        session.rename_section(sid, f"Tên mới {step}")
    elif what < 0.45:
        rng.choice([session.move_up, session.move_down])(sid)
    elif what < 0.55:
        rng.choice([session.promote, session.demote])(sid)
    elif what < 0.7 and len(ids) > keep:
        session.delete_section(sid)
    elif what < 0.88:
        session.undo_stack.undo()
        return None
    else:
        session.undo_stack.redo()
        return None
    return sid


def settle(*windows) -> None:
    """Each window saves, then takes in the others' saves, a few times over: what people at
    several PCs end with once everyone's autosave and watch have run."""
    for _ in range(3):
        for win in windows:
            assert win.session.save_all()
        for win in windows:
            win.session.pull_changes()

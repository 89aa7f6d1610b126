"""Two people in the same table at once, at random: each types in cells, adds rows, deletes
rows nobody typed in, saves and takes in the other's saves; where both changed the same cell
they keep both. At the end there is still one table (a clash in one cell does not double a
whole table), nothing either typed is lost, and both windows read as the file."""

from __future__ import annotations

import random

from _ui_helpers import body_sections, colleague_edit, settle

from hgreport.model import Table
from hgreport.storage import ReportStore
from ui import tables


def _at(win, qt, row: int, col: int, end: bool = True) -> None:
    cell = qt.cellAt(row, col)
    cursor = win.editor.textCursor()
    cursor.setPosition(cell.lastPosition() if end else cell.firstPosition())
    win.editor.setTextCursor(cursor)


def _row_text(qt, row: int) -> str:
    return " ".join(qt.cellAt(row, c).firstCursorPosition().block().text()
                    for c in range(qt.columns()))


def test_two_people_in_one_table_keep_one_table_and_lose_nothing(
        window, colleague_window, seed_db, dialog_log, type_text):
    dialog_log.conflict_answer = "both"
    sid = body_sections(window, 3)[0]
    colleague_edit(seed_db, sid, lambda sec, _s: sec.body.insert(1, Table.of(
        [[f"{r}{c}" for c in range(4)] for r in range(5)], header_rows=1)))
    other = colleague_window
    people = {"A": window, "B": other}
    for win in people.values():
        win.session.pull_changes()
    rng = random.Random(3)
    typed: list[str] = []
    for step in range(150):
        name = rng.choice("AB")
        win = people[name]
        win.tree.select(sid)
        qt = win.editor.document().rootFrame().childFrames()[0]
        what = rng.random()
        if what < 0.55:
            _at(win, qt, rng.randrange(qt.rows()), rng.randrange(qt.columns()))
            type_text(win.editor, f" {name}{step}")
            typed.append(f"{name}{step}")
        elif what < 0.62:
            _at(win, qt, rng.randrange(qt.rows()), 0, end=False)
            tables.insert_rows(win.editor.textCursor(), below=True)
        elif what < 0.66 and qt.rows() > 3:
            row = rng.randrange(1, qt.rows())
            if not any(t in _row_text(qt, row) for t in typed):  # a row nobody typed in
                _at(win, qt, row, 0, end=False)
                tables.delete_rows(win.editor.textCursor())
        elif what < 0.85:
            win.session.save_all()
        else:
            win.session.pull_changes()
    settle(*people.values())
    with ReportStore.open(seed_db) as store:
        sec = next(s for s in store.load_report().all_sections() if s.id == sid)
    assert sum(isinstance(b, Table) for b in sec.body) == 1
    text = " ".join(b.text for b in sec.body)
    assert [w for w in typed if w not in text] == []
    assert dialog_log.conflicts  # both did change the same cells
    for win in people.values():
        assert [b.to_dict() for b in win.session.body_now(sid)] == [b.to_dict() for b in sec.body]
    assert dialog_log.errors == []

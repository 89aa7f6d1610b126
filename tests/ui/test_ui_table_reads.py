"""Reading a table back from the editor reads again only the cells typed in since the last
read; whatever else happens to the table (rows, columns, merges and splits, header rows,
alignments, formats, a paste over cells, undo and redo) it still reads exactly as a fresh read
of the whole table does — an autosave never stores a stale cell."""

from __future__ import annotations

import random

from PySide6.QtGui import QTextCursor

from hgreport.model import Table
from ui import tables
from ui.blocks import _TableReads, body_of, document_from_body, table_of


def _cursor_in(doc, qt, r, c) -> QTextCursor:
    cursor = QTextCursor(doc)
    cell = qt.cellAt(min(r, qt.rows() - 1), min(c, qt.columns() - 1))
    cursor.setPosition(cell.firstPosition())
    return cursor


def _select(doc, qt, first, last) -> QTextCursor:
    cursor = QTextCursor(doc)
    cursor.setPosition(qt.cellAt(*first).firstPosition())
    cursor.setPosition(qt.cellAt(*last).lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return cursor


def _step(rng: random.Random, doc, qt) -> str:
    what = rng.random()
    r, c = rng.randrange(qt.rows()), rng.randrange(qt.columns())
    cursor = _cursor_in(doc, qt, r, c)
    if what < 0.45:  # typing, the common case
        cell = qt.cellAt(cursor)
        cursor.setPosition(rng.choice([cell.firstPosition(), cell.lastPosition()]))
        cursor.insertText(rng.choice(["1", "Tổng", " 250", "%"]))
        return "type"
    if what < 0.5:  # Backspace at the end of a cell
        cursor.setPosition(qt.cellAt(cursor).lastPosition())
        cursor.deletePreviousChar()
        return "backspace"
    if what < 0.58 and qt.rows() > 1 and qt.columns() > 1:
        r2, c2 = min(r + 1, qt.rows() - 1), min(c + 1, qt.columns() - 1)
        tables.merge_cells(_select(doc, qt, (r, c), (r2, c2)))
        return "merge"
    if what < 0.64:
        tables.split_cell(cursor)
        return "split"
    if what < 0.7:
        tables.insert_rows(cursor, below=rng.random() < 0.5)
        return "row"
    if what < 0.74 and qt.rows() > 2:
        tables.delete_rows(cursor)
        return "delete row"
    if what < 0.78:
        tables.insert_columns(cursor, right=True)
        return "column"
    if what < 0.82:
        tables.set_column_align(cursor, rng.choice([None, "right", "center"]))
        return "align"
    if what < 0.85:
        tables.set_header_rows(cursor, rng.choice([0, 1, 2]))
        return "header"
    if what < 0.9:
        doc.undo()
        return "undo"
    if what < 0.93:
        doc.redo()
        return "redo"
    pasted = Table.of([["9", "8"], ["7", "6"]])
    tables.paste_into_cells(cursor, pasted)
    return "paste"


def test_reads_kept_between_changes_always_equal_a_fresh_read(qapp):
    rng = random.Random(3)
    checked = 0
    for _ in range(12):
        doc = document_from_body([Table.of([[f"{r}{c}" for c in range(4)] for r in range(5)],
                                           header_rows=1)])
        reads = _TableReads.of(doc)
        for _step_no in range(40):
            qt = next(f for f in doc.rootFrame().childFrames())
            done = _step(rng, doc, qt)
            qt = next(f for f in doc.rootFrame().childFrames())
            kept = reads.read(qt)
            fresh = table_of(qt)
            assert kept.to_dict() == fresh.to_dict(), done
            checked += 1
        assert body_of(doc)  # the whole body still reads
    assert checked == 480


def test_typing_in_a_big_table_reads_only_the_cells_typed_in(qapp, monkeypatch):
    import ui.blocks as blocks

    doc = document_from_body([Table.of([[f"{r}.{c}" for c in range(10)] for r in range(200)],
                                       header_rows=1)])
    qt = doc.rootFrame().childFrames()[0]
    reads = _TableReads.of(doc)
    reads.read(qt)
    read_cells = []
    real = blocks._cell_paragraphs
    monkeypatch.setattr(blocks, "_cell_paragraphs",
                        lambda cell, *a: read_cells.append((cell.row(), cell.column()))
                        or real(cell, *a))
    for r, c in ((50, 3), (120, 7)):
        cursor = QTextCursor(doc)
        cursor.setPosition(qt.cellAt(r, c).lastPosition())
        cursor.insertText("9")
    table = reads.read(qt)
    assert sorted(read_cells) == [(50, 3), (120, 7)]
    assert table.rows[50].cells[3].text == "50.39" and table.rows[120].cells[7].text == "120.79"

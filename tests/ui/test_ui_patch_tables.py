"""A colleague's save landing in an open section that holds tables: only the paragraphs and
cells that differ change, so the cursor of the person typing elsewhere stays where it was
(in a paragraph, in a cell); changed tables (rows, columns, one added or taken out) still
show right, the whole text replaced."""

from __future__ import annotations

import random
from dataclasses import replace

from _ui_helpers import colleague_edit, stored
from PySide6.QtGui import QTextCursor

from hgreport.model import Cell, Paragraph, Run, Table, new_id
from ui.blocks import block_id_of, body_of, document_from_body
from ui.document_patch import patch_body


def para(rng: random.Random, tag: str) -> Paragraph:
    words = ["Kết quả", "thực hiện", "chỉ tiêu", "đạt", "vượt", "kế hoạch", "năm 2023"]
    return Paragraph([Run(f"{tag} " + " ".join(rng.choice(words) for _ in range(4)))],
                     rng.choice([None, None, "center", "right"]))


def table(rng: random.Random, tag: str) -> Table:
    rows, cols = rng.randint(1, 4), rng.randint(1, 3)
    t = Table.of([[f"{tag}{r}{c}" for c in range(cols)] for r in range(rows)],
                 header_rows=1 if rows > 1 else 0,
                 caption=rng.choice(["", f"Bảng {tag}: Kết quả"]))
    if rows > 1 and cols > 1 and rng.random() < 0.3:
        t.rows[0].cells[0] = Cell([Paragraph([Run(f"{tag}gộp", ("b",))])], col_span=2)
        t.rows[0].cells[1] = None
    return t


def random_body(rng: random.Random) -> list:
    body: list = []
    for k in range(rng.randint(1, 8)):
        if rng.random() < 0.3:
            body.append(table(rng, f"T{k}"))
        else:
            body.append(para(rng, f"P{k}"))
    return body


def text_edit(rng: random.Random, body: list) -> list:
    """A colleague's change that keeps every table's rows and columns."""
    new = [replace(b) if isinstance(b, Paragraph) else Table.from_dict(b.to_dict())
           for b in body]
    for b, n in zip(body, new, strict=True):
        n.id = b.id
    for _ in range(rng.randint(1, 3)):
        what = rng.random()
        paras = [i for i, b in enumerate(new) if isinstance(b, Paragraph)]
        tables = [b for b in new if isinstance(b, Table)]
        if what < 0.25 and paras:
            i = rng.choice(paras)
            new[i] = replace(new[i], runs=[Run("Đồng nghiệp sửa đoạn này.")])
        elif what < 0.45:
            new.insert(rng.randint(0, len(new)), Paragraph([Run("Đoạn mới thêm.")], id=new_id()))
        elif what < 0.6 and paras:
            del new[rng.choice(paras)]
        elif what < 0.85 and tables:
            t = rng.choice(tables)
            r, c, _ = rng.choice(list(t.cells()))
            t.rows[r].cells[c] = replace(t.rows[r].cells[c], paragraphs=[
                Paragraph([Run("105,2%")])])
        elif tables:
            t = rng.choice([t for t in tables if t.caption] or tables)
            if t.caption:
                t.caption = [Run("Bảng đã đổi tên")]
    return new


def places(doc) -> list[tuple[QTextCursor, str, int]]:
    """A cursor in the middle of every paragraph and cell, with what it should stay in."""
    out = []
    block = doc.begin()
    while block.isValid():
        if block.length() > 3:
            cursor = QTextCursor(doc)
            cursor.setPosition(block.position() + 2)
            out.append((cursor, block.text(), 2))
        block = block.next()
    return out


def check(doc, new_body) -> None:
    shown = body_of(doc)
    assert [b.to_dict() for b in shown] == [b.to_dict() for b in new_body]


def test_text_changes_around_and_inside_tables_leave_other_cursors_in_place(qapp):
    rng = random.Random(12)
    kept_total = 0
    for _ in range(150):
        old = random_body(rng)
        doc = document_from_body(old)
        old = body_of(doc)  # with the ids the document carries
        new = text_edit(rng, old)
        cursors = places(doc)
        patch_body(doc, new, keep_undo=True)
        check(doc, new)
        new_texts = {b.text for b in new if isinstance(b, Paragraph)} | {
            c.text for t in new if isinstance(t, Table) for _, _, c in t.cells()} | {
            t.caption_text for t in new if isinstance(t, Table)}
        for cursor, text, offset in cursors:
            if text in new_texts and sum(1 for c, t, _ in cursors if t == text) == 1:
                # a paragraph or cell nobody touched: the cursor is still in it, same place
                assert cursor.block().text() == text
                assert cursor.position() - cursor.block().position() == offset
                kept_total += 1
    assert kept_total > 300


def test_changed_tables_and_emptied_runs_still_read_back_exactly(qapp):
    rng = random.Random(5)
    for _ in range(150):
        old = random_body(rng)
        doc = document_from_body(old)
        old = body_of(doc)
        new = text_edit(rng, old)
        what = rng.random()
        tables = [i for i, b in enumerate(new) if isinstance(b, Table)]
        if what < 0.3 and tables:
            del new[rng.choice(tables)]
        elif what < 0.6:
            new.insert(rng.randint(0, len(new)), table(rng, "N"))
        elif what < 0.8 and tables:
            t = new[rng.choice(tables)]
            t.rows.append(replace(t.rows[-1], cells=[Cell.of("thêm")] * t.n_cols, id=new_id()))
        else:  # every paragraph goes: tables alone, or nothing at all
            new = [b for b in new if isinstance(b, Table)]
        patch_body(doc, new, keep_undo=True)
        check(doc, new)
        assert [b.id for b in body_of(doc)] == [b.id for b in new]


def test_a_colleagues_cell_change_keeps_my_cursor_in_my_cell(window, seed_db, type_text):
    from _ui_helpers import body_sections

    sid = body_sections(window, 3)[0]
    window.tree.select(sid)
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    editor.tables.insert(3, 3)
    qt = editor.textCursor().currentTable()
    cursor = editor.textCursor()
    cursor.setPosition(qt.cellAt(2, 2).firstPosition())
    editor.setTextCursor(cursor)
    type_text(editor, "98")
    assert window.session.save_all()
    first_id = block_id_of(editor.document().begin())

    def change(sec, _store):
        t = next(b for b in sec.body if isinstance(b, Table))
        t.rows[1].cells[0] = Cell.of("Thu ngân sách")
        sec.body[0] = replace(sec.body[0], runs=[Run("Đồng nghiệp viết lại đoạn đầu.")])

    colleague_edit(seed_db, sid, change)
    assert window.session.pull_changes() == [sid]
    assert editor.textCursor().currentTable() is not None
    cell = editor.textCursor().currentTable().cellAt(editor.textCursor())
    assert (cell.row(), cell.column()) == (2, 2)
    assert editor.textCursor().position() == cell.lastPosition()  # after “98”, as it was
    type_text(editor, "%")
    shown = body_of(editor.document())
    assert shown[0].text == "Đồng nghiệp viết lại đoạn đầu."
    assert block_id_of(editor.document().begin()) == first_id
    t = next(b for b in shown if isinstance(b, Table))
    assert [[c.text for c in row.cells] for row in t.rows][1:] == [
        ["Thu ngân sách", "", ""], ["", "", "98%"]]
    assert window.session.save_all()
    assert stored(seed_db, sid).body == shown

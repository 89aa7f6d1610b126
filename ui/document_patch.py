"""Showing a body in an open text document by changing only the paragraphs and table cells
that differ: a colleague's save or a combined save lands in the editor without moving the
cursor of the person typing elsewhere in the section, and the paragraphs keep the file's ids.

The body is cut at its tables into runs of paragraphs; each run is patched paragraph by
paragraph and each table cell by cell. When the tables themselves differ (one added, removed,
moved, or rows and columns changed) the whole text is replaced, as it is when a patch does not
read back exactly as the new body."""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextTable

from hgreport.blockmerge import content_key
from hgreport.model import Paragraph, Table

from .blocks import (
    BLOCK_ID,
    CAPTION,
    block_format,
    body_of,
    body_units,
    char_format,
    default_cell_align,
    filler_format,
    forget_table_reads,
    insert_body,
    page_of,
    replace_cell_text,
    with_block_id,
    write_runs,
)


class _Missed(ValueError):
    """The document does not read as the patch expects: replace the whole text."""


def _keys(body) -> list[str]:
    """What each block says (its id left out)."""
    return [content_key(b.to_dict()) for b in body]


def _ids(body) -> list[str]:
    return [b.id for b in body]


def _end(block: QTextBlock) -> int:
    """The position of the end of ``block``'s text (before its paragraph break)."""
    return block.position() + block.length() - 1


def _split(items: list, is_table) -> tuple[list[list], list]:
    """Cut a sequence at its tables: the runs between them (one more than the tables), and
    the tables."""
    runs: list[list] = [[]]
    tables: list = []
    for item in items:
        if is_table(item):
            tables.append(item)
            runs.append([])
        else:
            runs[-1].append(item)
    return runs, tables


def patch_body(doc: QTextDocument, new_body, keep_undo: bool) -> None:
    """Make ``doc`` show ``new_body``, text and paragraph ids, by replacing only the paragraphs
    and cells whose text differs (so a cursor elsewhere stays put), as one edit step.
    ``keep_undo`` False forgets the undo history (the text came from someone else)."""
    old_body = body_of(doc)
    if _keys(old_body) == _keys(new_body) and _ids(old_body) == _ids(new_body):
        return
    page = page_of(doc)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    try:
        _patch(doc, cursor, old_body, new_body, page)
        _stamp(doc, cursor, new_body, page)
        forget_table_reads(doc)  # the cells changed inside this edit block
        patched = body_of(doc)
        if _keys(patched) != _keys(new_body) or _ids(patched) != _ids(new_body):
            raise _Missed("patch missed")
    except _Missed:
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        first = new_body[0] if new_body else None
        if first is not None and not isinstance(first, Table):
            cursor.setBlockFormat(with_block_id(block_format(first.align,
                                                             first.page_break_before, page),
                                                first.id))
        cursor.setCharFormat(char_format())
        insert_body(cursor, new_body)
    finally:
        cursor.endEditBlock()
    if not keep_undo:
        doc.clearUndoRedoStacks()


def _patch(doc: QTextDocument, cursor: QTextCursor, old_body, new_body, page) -> None:
    units = body_units(doc)
    if not old_body and len(units) == 1:  # one empty paragraph: nothing yet
        units = []
    if [b for b, _ in units] != list(old_body) or _ids([b for b, _ in units]) != _ids(old_body):
        raise _Missed("blocks and body differ")
    places = [anchor.blockNumber() for b, anchor in units if not isinstance(b, Table)]
    if len(set(places)) != len(places):  # several blocks in one QTextBlock
        raise _Missed("blocks share a paragraph")
    old_runs, old_tables = _split(units, lambda u: isinstance(u[0], Table))
    new_runs, new_tables = _split(list(new_body), lambda b: isinstance(b, Table))
    if [t.id for t, _ in old_tables] != [t.id for t in new_tables]:
        raise _Missed("the tables differ")
    qts = [qt for _, qt in old_tables]
    # from the end of the document back, so what is still to patch keeps its place
    for k in reversed(range(len(new_runs))):
        _patch_run(doc, cursor, old_runs[k], new_runs[k],
                   qts[k - 1] if k else None, qts[k] if k < len(qts) else None, page)
        if k:
            _patch_table(doc, qts[k - 1], old_tables[k - 1][0], new_tables[k - 1])


def _patch_run(doc: QTextDocument, cursor: QTextCursor, olds: list, news: list,
               table_before: QTextTable | None, table_after: QTextTable | None, page) -> None:
    """Patch the paragraphs between two tables (or the start or end of the text)."""
    if _keys(b for b, _ in olds) == _keys(news):
        return
    blocks = [block for _, block in olds]
    n = len(blocks)
    ops = SequenceMatcher(None, _keys(b for b, _ in olds), _keys(news), autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(ops.get_opcodes()):
        if tag == "equal":
            continue
        part = news[j1:j2]
        if i2 > i1 and part:  # replace paragraphs i1..i2 by part
            cursor.setPosition(blocks[i1].position())
            cursor.setPosition(_end(blocks[i2 - 1]), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before, page))
            cursor.setCharFormat(char_format())
            insert_body(cursor, part)
        elif i2 > i1:  # paragraphs removed
            _remove(doc, cursor, blocks, i1, i2, table_before, table_after)
        elif i1 < n:  # paragraphs added before paragraph i1
            _insert_before(cursor, blocks[i1], part, page)
        elif n:  # added after the last paragraph of the run
            cursor.setPosition(_end(blocks[-1]))
            insert_body(cursor, part, first_in_place=False)
        else:  # added where there was none: the empty place Qt keeps by a table, or the start
            place = _empty_place(doc, table_before)
            if place.blockFormat().hasProperty(CAPTION):  # the next table's caption is there
                _insert_before(cursor, place, part, page)
                continue
            cursor.setPosition(place.position())
            cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before, page))
            cursor.setCharFormat(char_format())
            insert_body(cursor, part)


def _insert_before(cursor: QTextCursor, block: QTextBlock, part: list, page) -> None:
    cursor.setPosition(block.position())
    cursor.insertBlock(block.blockFormat(), char_format())
    cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before, page))
    cursor.setCharFormat(char_format())
    insert_body(cursor, part)


def _remove(doc: QTextDocument, cursor: QTextCursor, blocks: list[QTextBlock], i1: int, i2: int,
            table_before: QTextTable | None, table_after: QTextTable | None) -> None:
    n = len(blocks)
    if i2 < n:  # up to the start of the paragraph that stays (it keeps its format)
        cursor.setPosition(blocks[i1].position())
        cursor.setPosition(blocks[i2].position(), QTextCursor.MoveMode.KeepAnchor)
    elif i1 > 0:  # from the end of the paragraph that stays before them
        cursor.setPosition(_end(blocks[i1 - 1]))
        cursor.setPosition(_end(blocks[i2 - 1]), QTextCursor.MoveMode.KeepAnchor)
    elif table_before is None and table_after is None:  # the whole text
        cursor.select(QTextCursor.SelectionType.Document)
    elif (caption := _caption_block(doc, table_after)) is not None:
        cursor.setPosition(blocks[0].position())  # the caption takes their place
        cursor.setPosition(caption.position(), QTextCursor.MoveMode.KeepAnchor)
    else:  # the run is emptied: its place stays, empty, as Qt needs one by a table
        cursor.setPosition(blocks[0].position())
        cursor.setPosition(_end(blocks[-1]), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setBlockFormat(filler_format(page_of(doc)))
        cursor.setCharFormat(char_format())
        return
    cursor.removeSelectedText()


def _caption_block(doc: QTextDocument, table: QTextTable | None) -> QTextBlock | None:
    if table is None:
        return None
    block = doc.findBlock(table.firstPosition() - 1)
    return block if block.blockFormat().hasProperty(CAPTION) else None


def _empty_place(doc: QTextDocument, table_before: QTextTable | None) -> QTextBlock:
    """Where paragraphs go in a run that has none: the block after the table before (or
    the first block): the empty place Qt keeps by a table, or the next table's caption."""
    if table_before is not None:
        return doc.findBlock(table_before.lastPosition() + 1)
    return doc.begin()


def _shape(table: Table) -> tuple:
    """A table without its cells' paragraphs and caption: rows, columns, merges, header."""
    return ([(row.id, [None if c is None else (c.row_span, c.col_span) for c in row.cells])
             for row in table.rows], [c.to_dict() for c in table.columns], table.header_rows)


def _patch_table(doc: QTextDocument, qt: QTextTable, old: Table, new: Table) -> None:
    """Patch the cells (and caption) that differ in a table whose rows and columns stay."""
    if content_key(old.to_dict()) == content_key(new.to_dict()):
        return
    if _shape(old) != _shape(new) or bool(old.caption) != bool(new.caption):
        raise _Missed("the table's rows or columns differ")
    aligns = {c.id: c.align for c in new.columns if c.align}
    for r, c, cell in new.cells():
        before = old.cell(r, c)
        if before is not None and before.to_dict() == cell.to_dict():
            continue
        replace_cell_text(qt, r, c, cell.paragraphs,
                          default_cell_align(qt, r, aligns, new.columns[c].id))
    if old.caption != new.caption:
        block = _caption_block(doc, qt)
        if block is None:
            raise _Missed("no caption to patch")
        edit = QTextCursor(block)
        edit.setPosition(_end(block), QTextCursor.MoveMode.KeepAnchor)
        edit.removeSelectedText()
        write_runs(edit, new.caption, caption=True)


def _stamp(doc: QTextDocument, cursor: QTextCursor, body, page) -> None:
    """Give the paragraphs of ``doc`` the ids and paragraph formats of ``body``."""
    units = body_units(doc)
    if not body and len(units) == 1:  # one empty paragraph: an empty body
        return
    if len(units) != len(body):
        raise _Missed("paragraphs and blocks differ")
    for (have, anchor), want in zip(units, body, strict=True):
        if isinstance(want, Table) or not isinstance(anchor, QTextBlock):
            continue
        if have.id == want.id and (not isinstance(want, Paragraph) or (
                have.align == want.align and have.page_break_before == want.page_break_before)):
            continue
        cursor.setPosition(anchor.position())
        if isinstance(want, Paragraph):
            cursor.setBlockFormat(with_block_id(block_format(want.align,
                                                             want.page_break_before, page),
                                                want.id))
        else:
            fmt = anchor.blockFormat()
            fmt.setProperty(BLOCK_ID, want.id)
            cursor.setBlockFormat(fmt)

"""Showing a body in an open text document by changing only the paragraphs that differ: a
colleague's save or a combined save lands in the editor without moving the cursor of the person
typing elsewhere in the section, and the paragraphs keep the file's ids."""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QTextCursor, QTextDocument

from hgreport.blockmerge import content_key

from .blocks import (
    BLOCK_ID,
    block_format,
    block_id_of,
    body_of,
    char_format,
    insert_body,
    page_of,
    with_block_id,
)


def _keys(body) -> list[str]:
    """What each block says (its id left out)."""
    return [content_key(b.to_dict()) for b in body]


def _ids(body) -> list[str]:
    return [b.id for b in body]


def _stamp_ids(doc: QTextDocument, cursor: QTextCursor, body) -> None:
    """Give the blocks of ``doc`` (one per block of ``body``) the ids of ``body``."""
    block = doc.begin()
    for item in body:
        if block_id_of(block) != item.id:
            cursor.setPosition(block.position())
            fmt = block.blockFormat()
            fmt.setProperty(BLOCK_ID, item.id)
            cursor.setBlockFormat(fmt)
        block = block.next()


def patch_body(doc: QTextDocument, new_body, keep_undo: bool) -> None:
    """Make ``doc`` show ``new_body``, text and paragraph ids, by replacing only the paragraphs
    whose text differs (so a cursor elsewhere stays put), as one edit step. ``keep_undo``
    False forgets the undo history (the text came from someone else)."""
    old_body = body_of(doc)
    if _keys(old_body) == _keys(new_body) and _ids(old_body) == _ids(new_body):
        return
    page = page_of(doc)
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    try:
        ops = SequenceMatcher(None, _keys(old_body), _keys(new_body), autojunk=False)
        n_old = doc.blockCount()
        if len(old_body) != n_old:
            raise ValueError("paragraphs and blocks differ")
        for tag, i1, i2, j1, j2 in reversed(ops.get_opcodes()):
            if tag == "equal":
                continue
            part = new_body[j1:j2]
            if i2 > i1 and part:  # replace paragraphs i1..i2 by part
                cursor.setPosition(doc.findBlockByNumber(i1).position())
                last = doc.findBlockByNumber(i2 - 1)
                cursor.setPosition(last.position() + last.length() - 1,
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.removeSelectedText()
                cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before,
                                                   page))
                cursor.setCharFormat(char_format())
                insert_body(cursor, part)
            elif i2 > i1:  # paragraphs removed
                if i2 < n_old:
                    cursor.setPosition(doc.findBlockByNumber(i1).position())
                    cursor.setPosition(doc.findBlockByNumber(i2).position(),
                                       QTextCursor.MoveMode.KeepAnchor)
                elif i1 > 0:
                    before = doc.findBlockByNumber(i1 - 1)
                    cursor.setPosition(before.position() + before.length() - 1)
                    cursor.movePosition(QTextCursor.MoveOperation.End,
                                        QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.select(QTextCursor.SelectionType.Document)
                cursor.removeSelectedText()
            elif i1 < n_old:  # paragraphs added before paragraph i1
                block = doc.findBlockByNumber(i1)
                cursor.setPosition(block.position())
                cursor.insertBlock(block.blockFormat(), char_format())
                cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
                cursor.setBlockFormat(block_format(part[0].align, part[0].page_break_before,
                                                   page))
                cursor.setCharFormat(char_format())
                insert_body(cursor, part)
            else:  # added at the end
                cursor.movePosition(QTextCursor.MoveOperation.End)
                insert_body(cursor, part, first_in_place=not old_body)
                if not old_body:
                    cursor.setPosition(0)
                    cursor.setBlockFormat(block_format(part[0].align,
                                                       part[0].page_break_before, page))
        if doc.blockCount() != max(len(new_body), 1):
            raise ValueError("paragraphs and blocks differ")
        _stamp_ids(doc, cursor, new_body)
        patched = body_of(doc)
        if _keys(patched) != _keys(new_body) or _ids(patched) != _ids(new_body):
            raise ValueError("patch missed")
    except ValueError:
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.removeSelectedText()
        first = new_body[0] if new_body else None
        if first is not None:
            cursor.setBlockFormat(with_block_id(block_format(first.align,
                                                             first.page_break_before, page),
                                                first.id))
        cursor.setCharFormat(char_format())
        insert_body(cursor, new_body)
    finally:
        cursor.endEditBlock()
    if not keep_undo:
        doc.clearUndoRedoStacks()

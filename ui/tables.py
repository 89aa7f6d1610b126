"""Tables in the section editor: insert one, move between cells with Tab (Tab in the last cell
adds a row, as in Word), insert and delete rows and columns, merge and split cells, header rows,
column alignment, a caption, select a row, a column or the table, paste figures into cells.

Every command is one edit of the document, so one Ctrl+Z undoes it (Qt's undo covers the
table's structure, formats and text). Rows and columns keep their ids (on the cells' formats,
see :mod:`ui.blocks`): a command that makes cells gives them the ids of their row and column.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QTextCursor, QTextTable
from PySide6.QtWidgets import QMenu

from hgreport.model import Column, Paragraph, Table, new_id

from . import dialogs
from .blocks import (
    CAPTION,
    FILLER,
    caption_char_format,
    caption_format,
    cell_block_format,
    cell_format,
    columns_of,
    default_cell_align,
    filler_format,
    insert_table,
    line_ids,
    page_of,
    replace_cell_text,
    set_columns,
)
from .table_dialog import MAX_COLUMNS, MAX_ROWS, ask_table_size


def table_at(cursor: QTextCursor) -> QTextTable | None:
    return cursor.currentTable()


def _cell_range(cursor: QTextCursor, table: QTextTable) -> tuple[int, int, int, int]:
    """(first row, rows, first column, columns) the cursor selects (the cell it is in when no
    cells are selected; a merged cell counts as all it covers)."""
    if cursor.hasComplexSelection():
        return cursor.selectedTableCells()
    cell = table.cellAt(cursor)
    return cell.row(), cell.rowSpan(), cell.column(), cell.columnSpan()


def _align_paragraphs(table: QTextTable, row: int, col: int, old: str | None,
                      new: str | None) -> None:
    """Paragraphs of one cell aligned to ``old`` (the default they followed) now to ``new``."""
    cell = table.cellAt(row, col)
    cursor = cell.firstCursorPosition()
    block = cursor.block()
    while block.isValid() and block.position() <= cell.lastPosition():
        fmt = block.blockFormat()
        if cell_align(fmt) == (old or "left"):
            fmt.setAlignment(cell_block_format(new).alignment())
            c = QTextCursor(block)
            c.setBlockFormat(fmt)
        block = block.next()


def cell_align(fmt) -> str:
    a = fmt.alignment()
    if a & Qt.AlignmentFlag.AlignHCenter:
        return "center"
    if a & Qt.AlignmentFlag.AlignRight:
        return "right"
    return "left"


def _aligns(table: QTextTable, col_ids: list[str]) -> dict[str, str]:
    return {c.id: c.align for c in columns_of(table, col_ids) if c.align}


def _stamp(table: QTextTable, rows: range, cols: range, row_ids: list[str],
           col_ids: list[str], fresh: bool) -> None:
    """Give the cells that start in ``rows`` × ``cols`` the ids of their row and column and
    the look of their row; ``fresh`` cells (just made, empty) also get the column's
    alignment."""
    aligns = _aligns(table, col_ids)
    for r in rows:
        for c in cols:
            cell = table.cellAt(r, c)
            if cell.row() != r or cell.column() != c:
                continue
            cell.setFormat(cell_format(table, r, c, row_ids[r], col_ids[c]))
            if fresh:
                cell.firstCursorPosition().setBlockFormat(
                    cell_block_format(default_cell_align(table, r, aligns, col_ids[c])))


# -- the commands, each one undo step -------------------------------------------------------------
def new_table(cursor: QTextCursor, rows: int, cols: int, header_rows: int = 1) -> QTextTable:
    """Insert an empty table at ``cursor`` and put the cursor in its first cell."""
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    table = insert_table(cursor, Table.empty(rows, cols, min(header_rows, rows)))
    if cursor.block().length() == 1:  # nothing after it: an empty place to type on
        cursor.setBlockFormat(filler_format(page_of(cursor.document())))
    cursor.endEditBlock()
    cursor.setPosition(table.cellAt(0, 0).firstPosition())
    return table


def insert_rows(cursor: QTextCursor, below: bool, count: int = 1) -> None:
    table = table_at(cursor)
    if table is None:
        return
    first, n, _, _ = _cell_range(cursor, table)
    at = first + n if below else first
    row_ids, col_ids = line_ids(table)
    cursor.beginEditBlock()
    table.insertRows(at, count)
    row_ids[at:at] = [new_id() for _ in range(count)]
    header = table.format().headerRowCount()
    if at < header or (at == header and not below and header and first < header):
        fmt = table.format()  # rows put inside the header rows are header rows too
        fmt.setHeaderRowCount(header + count)
        table.setFormat(fmt)
    _stamp(table, range(at, at + count), range(table.columns()), row_ids, col_ids, True)
    cursor.endEditBlock()


def insert_columns(cursor: QTextCursor, right: bool, count: int = 1) -> None:
    table = table_at(cursor)
    if table is None:
        return
    _, _, first, n = _cell_range(cursor, table)
    at = first + n if right else first
    row_ids, col_ids = line_ids(table)
    columns = columns_of(table, col_ids)
    cursor.beginEditBlock()
    table.insertColumns(at, count)
    added = [Column() for _ in range(count)]
    columns[at:at] = added
    col_ids[at:at] = [c.id for c in added]
    fmt = table.format()
    set_columns(fmt, columns)
    table.setFormat(fmt)
    _stamp(table, range(table.rows()), range(at, at + count), row_ids, col_ids, True)
    cursor.endEditBlock()


def delete_rows(cursor: QTextCursor) -> None:
    table = table_at(cursor)
    if table is None:
        return
    first, n, _, _ = _cell_range(cursor, table)
    if n >= table.rows():
        delete_table(cursor)
        return
    cursor.beginEditBlock()
    header = table.format().headerRowCount()
    table.removeRows(first, n)
    gone = max(0, min(header, first + n) - first)
    if gone:
        fmt = table.format()
        fmt.setHeaderRowCount(header - gone)
        table.setFormat(fmt)
    cursor.endEditBlock()


def delete_columns(cursor: QTextCursor) -> None:
    table = table_at(cursor)
    if table is None:
        return
    _, _, first, n = _cell_range(cursor, table)
    if n >= table.columns():
        delete_table(cursor)
        return
    _, col_ids = line_ids(table)
    columns = columns_of(table, col_ids)
    cursor.beginEditBlock()
    table.removeColumns(first, n)
    del columns[first:first + n]
    fmt = table.format()
    set_columns(fmt, columns)
    table.setFormat(fmt)
    cursor.endEditBlock()


def merge_cells(cursor: QTextCursor) -> bool:
    """Merge the selected cells into one (their text joined in it, nothing lost)."""
    table = table_at(cursor)
    if table is None or not cursor.hasComplexSelection():
        return False
    first, rows, col, cols = cursor.selectedTableCells()
    if rows * cols < 2:
        return False
    cursor.beginEditBlock()
    table.mergeCells(first, col, rows, cols)
    cursor.endEditBlock()
    return True


def split_cell(cursor: QTextCursor) -> bool:
    """Split the merged cell at the cursor back into single cells (the text stays in the
    first)."""
    table = table_at(cursor)
    if table is None:
        return False
    cell = table.cellAt(cursor)
    r, c, rs, cs = cell.row(), cell.column(), cell.rowSpan(), cell.columnSpan()
    if rs == 1 and cs == 1:
        return False
    row_ids, col_ids = line_ids(table)
    cursor.beginEditBlock()
    table.splitCell(r, c, 1, 1)
    _stamp(table, range(r, r + rs), range(c, c + cs), row_ids, col_ids, False)
    aligns = _aligns(table, col_ids)
    for i in range(r, r + rs):
        for k in range(c, c + cs):
            if (i, k) != (r, c):
                table.cellAt(i, k).firstCursorPosition().setBlockFormat(
                    cell_block_format(default_cell_align(table, i, aligns, col_ids[k])))
    cursor.endEditBlock()
    return True


def set_header_rows(cursor: QTextCursor, count: int) -> None:
    """The first ``count`` rows are header rows (bold and repeated on each printed page)."""
    table = table_at(cursor)
    if table is None:
        return
    count = max(0, min(count, table.rows()))
    old = table.format().headerRowCount()
    if count == old:
        return
    row_ids, col_ids = line_ids(table)
    aligns = _aligns(table, col_ids)
    cursor.beginEditBlock()
    before = {r: [default_cell_align(table, r, aligns, cid) for cid in col_ids]
              for r in range(min(old, count), max(old, count))}
    fmt = table.format()
    fmt.setHeaderRowCount(count)
    table.setFormat(fmt)
    for r, olds in before.items():
        for c, was in enumerate(olds):
            cell = table.cellAt(r, c)
            if cell.row() == r and cell.column() == c:
                _align_paragraphs(table, r, c, was,
                                  default_cell_align(table, r, aligns, col_ids[c]))
    _stamp(table, range(table.rows()), range(table.columns()), row_ids, col_ids, False)
    cursor.endEditBlock()


def set_column_align(cursor: QTextCursor, align: str | None) -> None:
    """Align the cells of the cursor's columns (header rows stay centred); a paragraph aligned
    on its own keeps its alignment."""
    table = table_at(cursor)
    if table is None:
        return
    _, _, first, n = _cell_range(cursor, table)
    _, col_ids = line_ids(table)
    columns = columns_of(table, col_ids)
    cursor.beginEditBlock()
    header = table.format().headerRowCount()
    for c in range(first, first + n):
        old = columns[c].align
        columns[c].align = align
        for r in range(header, table.rows()):
            cell = table.cellAt(r, c)
            if cell.row() == r and cell.column() == c:
                _align_paragraphs(table, r, c, old, align)
    fmt = table.format()
    set_columns(fmt, columns)
    table.setFormat(fmt)
    cursor.endEditBlock()


def select_cells(cursor: QTextCursor, what: str) -> QTextCursor:
    """A cursor selecting the ``"row"``, ``"column"`` or ``"table"`` at ``cursor``."""
    table = table_at(cursor)
    if table is None:
        return cursor
    first, n, col, k = _cell_range(cursor, table)
    if what in ("column", "table"):
        first, n = 0, table.rows()
    if what in ("row", "table"):
        col, k = 0, table.columns()
    out = QTextCursor(cursor)
    out.setPosition(table.cellAt(first, col).firstPosition())
    out.setPosition(table.cellAt(first + n - 1, col + k - 1).lastPosition(),
                    QTextCursor.MoveMode.KeepAnchor)
    return out


def _dedicated(block) -> bool:
    """The block before a table is its caption or the empty place Qt keeps, not a paragraph."""
    fmt = block.blockFormat()
    return fmt.hasProperty(CAPTION) or (fmt.hasProperty(FILLER) and block.length() == 1)


def delete_table(cursor: QTextCursor) -> None:
    """Delete the table at the cursor with its caption; the text around it stays as it was."""
    table = table_at(cursor)
    if table is None:
        return
    doc = cursor.document()
    c = QTextCursor(doc)
    c.setPosition(table.firstPosition() - 1)
    before = c.block()
    c.setPosition(table.lastPosition() + 1)
    after_fmt = c.block().blockFormat()
    cursor.beginEditBlock()
    dedicated = _dedicated(before)
    c.setPosition(before.position() if dedicated else table.firstPosition() - 1)
    c.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    c.removeSelectedText()
    if dedicated:
        c.setBlockFormat(after_fmt)
    else:
        c.insertBlock(after_fmt)
    if c.block().length() == 1 and after_fmt.hasProperty(FILLER) and c.block().previous().isValid():
        c.deletePreviousChar()  # no empty place left where the table was
    cursor.endEditBlock()
    cursor.setPosition(c.position())


def caption_cursor(cursor: QTextCursor) -> QTextCursor | None:
    """A cursor in the caption of the table at ``cursor`` (made, empty, when it has none)."""
    table = table_at(cursor)
    if table is None:
        return None
    c = QTextCursor(cursor.document())
    c.setPosition(table.firstPosition() - 1)
    block = c.block()
    fmt = block.blockFormat()
    if fmt.hasProperty(CAPTION):
        c.setPosition(block.position() + block.length() - 1)
        return c
    c.beginEditBlock()
    if fmt.hasProperty(FILLER) and block.length() == 1:
        c.setBlockFormat(caption_format())
    else:
        c.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        c.insertBlock(caption_format(), caption_char_format())
    c.setCharFormat(caption_char_format())
    c.endEditBlock()
    return c


def next_cell(cursor: QTextCursor, backwards: bool = False) -> QTextCursor | None:
    """A cursor selecting the text of the next (previous) cell, as Word's Tab does; Tab in
    the last cell first adds a row (one undo step). None outside a table."""
    table = table_at(cursor)
    if table is None:
        return None
    cell = table.cellAt(cursor)
    r, c = cell.row(), cell.column()
    rows, cols = table.rows(), table.columns()
    step = -1 if backwards else 1
    index = r * cols + c
    while True:
        index += step
        if index < 0:
            return QTextCursor(cursor)
        if index >= rows * cols:
            at_end = QTextCursor(cursor)
            at_end.setPosition(table.cellAt(rows - 1, cols - 1).firstPosition())
            insert_rows(at_end, below=True)
            rows = table.rows()
        target = table.cellAt(index // cols, index % cols)
        if target.row() == index // cols and target.column() == index % cols:
            break
    out = QTextCursor(cursor)
    out.setPosition(target.firstPosition())
    out.setPosition(target.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    return out


def paste_into_cells(cursor: QTextCursor, pasted: Table) -> None:
    """Figures pasted in a table fill its cells from the cursor's cell on, right and down
    (rows added where the table is too short; what reaches past the last column is left
    out of the columns but not lost: it joins the last cell of its row)."""
    table = table_at(cursor)
    if table is None:
        return
    start = table.cellAt(cursor)
    r0, c0 = start.row(), start.column()
    cursor.beginEditBlock()
    need = r0 + pasted.n_rows - table.rows()
    if need > 0:
        end = QTextCursor(cursor)
        end.setPosition(table.cellAt(table.rows() - 1, 0).firstPosition())
        insert_rows(end, below=True, count=need)
    _, col_ids = line_ids(table)
    aligns = _aligns(table, col_ids)
    cols = table.columns()
    for i, row in enumerate(pasted.rows):
        r = r0 + i
        extra: list[Paragraph] = []
        values = [(k, cell) for k, cell in enumerate(row.cells) if cell is not None]
        for k, cell in values:
            c = c0 + k
            if c >= cols:
                extra.extend(p for p in cell.paragraphs if p.runs)
                continue
            target = table.cellAt(r, c)
            if target.row() != r or target.column() != c:
                continue  # a merged cell covers the place: its own cell takes the text
            replace_cell_text(table, r, c, cell.paragraphs,
                               default_cell_align(table, r, aligns, col_ids[c]))
        if extra:
            last = table.cellAt(r, cols - 1)
            tail = last.lastCursorPosition()
            for p in extra:
                tail.insertBlock(cell_block_format(None))
                tail.insertText(" ".join(run.text for run in p.runs if not run.footnote))
    cursor.endEditBlock()


def flatten(table: Table) -> list[Paragraph]:
    """A table as paragraphs (a row a paragraph, cells separated by tabs): what goes where
    a table cannot (inside another table)."""
    return [Paragraph(Table.row_runs(row)).normalized() for row in table.rows]


# -- the editor's table menu ------------------------------------------------------------------------
class TableTools(QObject):
    """The table commands of one section editor, as actions for the window's Table menu and
    the editor's right-click menu; Tab and Shift+Tab in a table."""

    def __init__(self, editor):
        super().__init__(editor)
        self.editor = editor

        def act(text: str, slot, *, checkable: bool = False) -> QAction:
            a = QAction(text, self)
            a.setCheckable(checkable)
            a.triggered.connect(slot)
            return a

        self.act_insert = act(self.tr("&Table…"), self.insert_dialog)
        self.act_insert.setToolTip(self.tr("Insert a table of figures at the cursor"))
        self.act_row_above = act(self.tr("Insert row &above"),
                                 lambda: self._run(insert_rows, below=False))
        self.act_row_below = act(self.tr("Insert row &below"),
                                 lambda: self._run(insert_rows, below=True))
        self.act_col_left = act(self.tr("Insert column &left"),
                                lambda: self._run(insert_columns, right=False))
        self.act_col_right = act(self.tr("Insert column &right"),
                                 lambda: self._run(insert_columns, right=True))
        self.act_delete_rows = act(self.tr("Delete &rows"), lambda: self._run(delete_rows))
        self.act_delete_cols = act(self.tr("Delete &columns"),
                                   lambda: self._run(delete_columns))
        self.act_merge = act(self.tr("&Merge cells"), lambda: self._run(merge_cells))
        self.act_split = act(self.tr("&Split cell"), lambda: self._run(split_cell))
        self.act_header = act(self.tr("&Header row (repeated on each page)"),
                              self.toggle_header, checkable=True)
        self.act_align_left = act(self.tr("Column aligned l&eft"),
                                  lambda: self._run(set_column_align, "left"))
        self.act_align_center = act(self.tr("Column &centred"),
                                    lambda: self._run(set_column_align, "center"))
        self.act_align_right = act(self.tr("Column aligned ri&ght (numbers)"),
                                   lambda: self._run(set_column_align, "right"))
        self.act_caption = act(self.tr("Ca&ption above the table"), self.edit_caption)
        self.act_select_row = act(self.tr("Select r&ow"), lambda: self._select("row"))
        self.act_select_col = act(self.tr("Select colu&mn"), lambda: self._select("column"))
        self.act_select_table = act(self.tr("Select &table"), lambda: self._select("table"))
        self.act_delete_table = act(self.tr("&Delete table"), lambda: self._run(delete_table))
        self.in_table_actions = [
            self.act_row_above, self.act_row_below, self.act_col_left, self.act_col_right,
            None, self.act_delete_rows, self.act_delete_cols, None, self.act_merge,
            self.act_split, None, self.act_header, self.act_align_left, self.act_align_center,
            self.act_align_right, self.act_caption, None, self.act_select_row,
            self.act_select_col, self.act_select_table, None, self.act_delete_table]
        editor.cursorPositionChanged.connect(self.update_actions)
        editor.selectionChanged.connect(self.update_actions)
        self.update_actions()

    def menu_actions(self) -> list:
        """The Table menu (None: a separator)."""
        return [self.act_insert, None, *self.in_table_actions]

    def fill_menu(self, menu: QMenu) -> None:
        for a in self.menu_actions():
            if a is None:
                menu.addSeparator()
            else:
                menu.addAction(a)

    def update_actions(self) -> None:
        cursor = self.editor.textCursor()
        table = None if self.editor.isReadOnly() else table_at(cursor)
        for a in self.in_table_actions:
            if a is not None:
                a.setEnabled(table is not None)
        self.act_insert.setEnabled(not self.editor.isReadOnly() and table is None)
        if table is None:
            return
        cell = table.cellAt(cursor)
        self.act_merge.setEnabled(cursor.hasComplexSelection())
        self.act_split.setEnabled(cell.rowSpan() > 1 or cell.columnSpan() > 1)
        self.act_header.setChecked(cell.row() < table.format().headerRowCount())

    # -- commands --------------------------------------------------------------------------
    def _run(self, command, *args, **kwargs) -> None:
        if self.editor.isReadOnly():
            return
        cursor = self.editor.textCursor()
        command(cursor, *args, **kwargs)
        if table_at(cursor) is not None or not cursor.hasComplexSelection():
            self.editor.setTextCursor(cursor)
        self.update_actions()

    def _select(self, what: str) -> None:
        self.editor.setTextCursor(select_cells(self.editor.textCursor(), what))

    def toggle_header(self) -> None:
        cursor = self.editor.textCursor()
        table = table_at(cursor)
        if table is None or self.editor.isReadOnly():
            return
        row = table.cellAt(cursor).row()
        set_header_rows(cursor, row if row < table.format().headerRowCount() else row + 1)
        self.update_actions()

    def edit_caption(self) -> None:
        cursor = caption_cursor(self.editor.textCursor())
        if cursor is not None:
            self.editor.setTextCursor(cursor)
            self.editor.setFocus()

    def insert(self, rows: int, cols: int, header_rows: int = 1) -> bool:
        """Insert an empty ``rows`` × ``cols`` table at the cursor (not inside a table)."""
        if self.editor.isReadOnly() or self.editor.section_id is None:
            return False
        cursor = self.editor.textCursor()
        if table_at(cursor) is not None:
            dialogs.show_error(self.editor, self.tr(
                "A table cannot go inside a table. Put the cursor in the text outside the "
                "table first."))
            return False
        new_table(cursor, max(1, min(rows, MAX_ROWS)), max(1, min(cols, MAX_COLUMNS)),
                  header_rows)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        return True

    def insert_dialog(self) -> None:
        size = ask_table_size(self.editor)
        if size is not None:
            self.insert(*size)

    def key_press(self, event) -> bool:
        """Tab / Shift+Tab between cells; True when the key was used."""
        key = event.key()
        if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or self.editor.isReadOnly():
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                | Qt.KeyboardModifier.AltModifier):
            return False
        cursor = self.editor.textCursor()
        if table_at(cursor) is None:
            return False
        backwards = key == Qt.Key.Key_Backtab or bool(
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        target = next_cell(cursor, backwards)
        if target is not None:
            self.editor.setTextCursor(target)
            self.editor.ensureCursorVisible()
        return True

    def add_to_menu(self, menu: QMenu) -> None:
        """The table commands in the editor's right-click menu, when the cursor is in one."""
        if table_at(self.editor.textCursor()) is None:
            if not self.editor.isReadOnly():
                menu.addSeparator()
                menu.addAction(self.act_insert)
            return
        sub = menu.addMenu(self.tr("T&able"))
        for a in self.in_table_actions:
            if a is None:
                sub.addSeparator()
            else:
                sub.addAction(a)

    def insert_pasted(self, cursor: QTextCursor, body: list) -> None:
        """Put pasted blocks at ``cursor``: in a table, pasted figures fill the cells and
        other tables come as paragraphs (no table goes inside a table)."""
        from .blocks import insert_body

        if table_at(cursor) is None:
            insert_body(cursor, body)
            return
        if len(body) == 1 and isinstance(body[0], Table):
            paste_into_cells(cursor, body[0])
            return
        flat: list = []
        for block in body:
            flat.extend(flatten(block) if isinstance(block, Table) else [block])
        insert_body(cursor, flat)

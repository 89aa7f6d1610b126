"""Tables in the section editor: Insert → Table, Tab and Shift+Tab between cells (Tab in the last
cell adds a row), rows, columns, merge and split, each undone by one Ctrl+Z; pastes from Excel,
Calc and Word; copying a table out; ids kept through saving and reopening."""

from __future__ import annotations

from _ui_helpers import body_sections, stored
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from hgreport.model import Paragraph, Table
from hgreport.storage import ReportStore
from ui import tables
from ui.blocks import body_of


def open_section(win, sid=None):
    sid = sid or body_sections(win, 3)[0]
    win.tree.select(sid)
    win.editor.setFocus()
    return win.editor, sid


def put_cursor_after_first_paragraph(editor) -> None:
    block = editor.document().begin()
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.length() - 1)
    editor.setTextCursor(cursor)


def insert_table(win, monkeypatch, rows=3, cols=4, header=1):
    monkeypatch.setattr(tables, "ask_table_size", lambda parent: (rows, cols, header))
    win.editor.tables.act_insert.trigger()
    return win.editor.textCursor().currentTable()


def table_in(editor) -> Table:
    return next(b for b in body_of(editor.document()) if isinstance(b, Table))


def cell_texts(table: Table) -> list[list[str | None]]:
    return [[c.text if c is not None else None for c in row.cells] for row in table.rows]


def at_cell(editor, qt, row, col) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(qt.cellAt(row, col).firstPosition())
    editor.setTextCursor(cursor)


def select_cells(editor, qt, first, last) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(qt.cellAt(*first).firstPosition())
    cursor.setPosition(qt.cellAt(*last).lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_insert_table_from_the_menu_puts_the_cursor_in_its_first_cell(window, monkeypatch):
    editor, _ = open_section(window)
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    assert editor.tables.act_insert in menus["Insert"].actions()
    assert editor.tables.act_merge in menus["Table"].actions()
    put_cursor_after_first_paragraph(editor)
    before = body_of(editor.document())
    qt = insert_table(window, monkeypatch)
    assert qt is not None and (qt.rows(), qt.columns()) == (3, 4)
    assert qt.cellAt(editor.textCursor()).row() == 0
    body = body_of(editor.document())
    assert [type(b).__name__ for b in body] == ["Paragraph", "Table", *(
        ["Paragraph"] * (len(before) - 1))]
    assert body[1].header_rows == 1 and body[0].id == before[0].id
    assert [p.id for p in body[2:]] == [p.id for p in before[1:]]
    # the menu's table commands are on while the cursor is in the table
    assert editor.tables.act_row_below.isEnabled() and not editor.tables.act_insert.isEnabled()
    window.undo()
    assert body_of(editor.document()) == before  # one Ctrl+Z takes it away
    # no table inside a table
    qt = insert_table(window, monkeypatch)
    assert not insert_table(window, monkeypatch) or len(
        editor.document().rootFrame().childFrames()) == 1
    assert window.editor.document().rootFrame().childFrames()[0].childFrames() == []


def test_tab_and_shift_tab_move_between_cells_and_tab_in_the_last_cell_adds_a_row(
        window, monkeypatch, type_text):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=2)
    for text in ("Chỉ tiêu", "Đạt", "GRDP", "7,5"):
        type_text(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Tab)
    # the Tab after the last cell added a row and went to its first cell
    assert qt.rows() == 3 and qt.cellAt(editor.textCursor()).row() == 2
    assert cell_texts(table_in(editor)) == [["Chỉ tiêu", "Đạt"], ["GRDP", "7,5"], ["", ""]]
    QTest.keyClick(editor, Qt.Key.Key_Backtab)
    cell = qt.cellAt(editor.textCursor())
    assert (cell.row(), cell.column()) == (1, 1)
    assert editor.textCursor().selectedText() == "7,5"  # as Word: the cell's text selected
    window.undo()  # the added row goes in one step, the text stays
    assert qt.rows() == 2
    assert cell_texts(table_in(editor)) == [["Chỉ tiêu", "Đạt"], ["GRDP", "7,5"]]


def test_rows_and_columns_are_inserted_and_deleted_one_undo_each(window, monkeypatch,
                                                                  type_text):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=2)
    type_text(editor, "a")
    original = table_in(editor)
    t = editor.tables
    steps = [(t.act_row_above, (3, 2)), (t.act_row_below, (4, 2)), (t.act_col_left, (4, 3)),
             (t.act_col_right, (4, 4))]
    for act, shape in steps:
        at_cell(editor, qt, 1, 1)
        act.trigger()
        assert (qt.rows(), qt.columns()) == shape
    grown = table_in(editor)
    # the rows and columns that were there keep their ids; new ones have their own
    assert {r.id for r in original.rows} < {r.id for r in grown.rows}
    assert {c.id for c in original.columns} < {c.id for c in grown.columns}
    assert len({r.id for r in grown.rows}) == 4 and len({c.id for c in grown.columns}) == 4
    at_cell(editor, qt, 1, 1)
    t.act_delete_rows.trigger()
    t.act_delete_cols.trigger()
    assert (qt.rows(), qt.columns()) == (3, 3)
    for shape in ((3, 4), (4, 4), (4, 3), (4, 2), (3, 2), (2, 2)):
        window.undo()
        assert (qt.rows(), qt.columns()) == shape
    assert table_in(editor) == original and [r.id for r in table_in(editor).rows] == [
        r.id for r in original.rows]


def test_cells_merge_and_split_back_with_their_text(window, monkeypatch, type_text):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=3, cols=3, header=0)
    for text in ("a", "b", "c", "d"):
        type_text(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Tab)
    select_cells(editor, qt, (0, 0), (1, 1))
    assert editor.tables.act_merge.isEnabled()
    editor.tables.act_merge.trigger()
    merged = table_in(editor)
    first = merged.rows[0].cells[0]
    assert (first.row_span, first.col_span) == (2, 2)
    assert merged.rows[0].cells[1] is None and merged.rows[1].cells[0] is None
    assert first.text.split() == ["a", "b", "d"]  # nothing lost
    assert merged.rows[1].cells[2].text == ""
    at_cell(editor, qt, 0, 0)
    assert editor.tables.act_split.isEnabled()
    editor.tables.act_split.trigger()
    split = table_in(editor)
    assert all(c is not None for row in split.rows for c in row.cells)
    assert [r.id for r in split.rows] == [r.id for r in merged.rows]
    window.undo()
    assert table_in(editor) == merged
    window.undo()
    assert cell_texts(table_in(editor))[0] == ["a", "b", "c"]


def test_a_range_pasted_from_a_spreadsheet_becomes_a_table(window, monkeypatch):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    excel = QMimeData()
    excel.setText("Chỉ tiêu\tKế hoạch\tThực hiện\r\nGRDP\t7,0\t\"7,5\n(ước)\"\r\nThu\t\r\n")
    editor.insertFromMimeData(excel)
    got = table_in(editor)
    assert cell_texts(got) == [["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
                               ["GRDP", "7,0", "7,5\n(ước)"], ["Thu", "", ""]]
    window.undo()
    assert not editor.document().rootFrame().childFrames()
    # HTML from Calc or Word: merged cells, ragged rows and empty cells kept
    calc = QMimeData()
    calc.setHtml("<html><body><table><tr><td colspan=2><b>Tổng cộng</b></td><td>3</td></tr>"
                 "<tr><td rowspan=2>A</td><td></td></tr><tr><td>x</td><td>y</td><td>z</td>"
                 "</tr></table></body></html>")
    calc.setText("ignored")
    editor.insertFromMimeData(calc)
    got = table_in(editor)
    # the last row's cells sit right of the merged "A" above them: a fourth column
    assert got.n_cols == 4 and got.rows[0].cells[0].col_span == 2
    assert got.rows[0].cells[0].paragraphs[0].runs[0].marks == ("b",)
    assert got.rows[1].cells[0].row_span == 2
    assert "z" in got.text and "y" in got.text  # the long row's cells are all there


def test_a_paste_in_a_table_fills_its_cells_and_adds_rows(window, monkeypatch):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=3)
    at_cell(editor, qt, 1, 1)
    figures = QMimeData()
    figures.setText("7,0\t7,5\n100\t98\n5\t6")
    editor.insertFromMimeData(figures)
    got = cell_texts(table_in(editor))
    assert got == [["", "", ""], ["", "7,0", "7,5"], ["", "100", "98"], ["", "5", "6"]]
    window.undo()
    assert qt.rows() == 2 and cell_texts(table_in(editor))[1] == ["", "", ""]


def test_too_many_cells_are_refused_with_a_message_and_nothing_changes(window, dialog_log):
    editor, sid = open_section(window)
    before = body_of(editor.document())
    huge = QMimeData()
    huge.setText("\n".join("\t".join("1" for _ in range(50)) for _ in range(1000)))
    editor.insertFromMimeData(huge)
    huge_html = QMimeData()
    huge_html.setHtml("<table>" + "<tr>" + "<td>1</td>" * 50 + "</tr>" * 1 + (
        "<tr>" + "<td>1</td>" * 50 + "</tr>") * 999 + "</table>")
    editor.insertFromMimeData(huge_html)
    assert len(dialog_log.errors) == 2
    assert all("50.000" in e and "10.000" in e for e in dialog_log.errors)
    assert body_of(editor.document()) == before


def test_copying_a_table_gives_html_and_tab_separated_text(window, monkeypatch, type_text):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=2)
    for text in ("Chỉ tiêu", "Đạt %", "GRDP", "107"):
        type_text(editor, text)
        QTest.keyClick(editor, Qt.Key.Key_Tab)
    window.undo()  # the row the last Tab added
    select_cells(editor, qt, (0, 0), (1, 1))
    mime = editor.createMimeDataFromSelection()
    assert mime.text() == "Chỉ tiêu\tĐạt %\nGRDP\t107"
    assert "<table" in mime.html() and "<th>Chỉ tiêu</th>" in mime.html()
    # and back in, through the app's own format, as a new table
    put_cursor_after_first_paragraph(editor)
    editor.insertFromMimeData(mime)
    both = [b for b in body_of(editor.document()) if isinstance(b, Table)]
    assert len(both) == 2 and cell_texts(both[0]) == cell_texts(both[1])
    assert both[0].id != both[1].id


def test_a_table_keeps_its_ids_through_save_and_reopen(window, monkeypatch, type_text,
                                                        seed_db, open_window):
    editor, sid = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=3)
    type_text(editor, "Chỉ tiêu")
    at_cell(editor, qt, 1, 2)
    editor.tables.act_align_right.trigger()
    type_text(editor, "1.185")
    window.editor.insert_footnote()  # a footnote in a cell
    editor.setFocus()
    shown = table_in(editor)
    assert window.session.save_all()
    saved = next(b for b in stored(seed_db, sid).body if isinstance(b, Table))
    assert saved == shown and saved.id == shown.id
    assert [r.id for r in saved.rows] == [r.id for r in shown.rows]
    assert saved.columns[2].align == "right" and saved.rows[1].cells[2].text == "1.185"
    fid = saved.footnote_refs()[0]
    with ReportStore.open(seed_db) as st:
        report = st.load_report()
    assert fid in report.footnotes and not report.check_references()
    window.close()
    again = open_window(seed_db)
    editor2, _ = open_section(again, sid)
    reread = table_in(editor2)
    assert reread == saved and [c.id for c in reread.columns] == [c.id for c in saved.columns]
    # typing elsewhere and saving leaves the table as it is
    put_cursor_after_first_paragraph(editor2)
    type_text(editor2, " thêm")
    assert again.session.save_all()
    assert next(b for b in stored(seed_db, sid).body if isinstance(b, Table)).to_dict() == \
        saved.to_dict()


def test_the_right_click_menu_offers_the_table_commands_in_a_table(window, monkeypatch):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    menu = editor.context_menu(editor.cursorRect().center())
    assert editor.tables.act_insert in menu.actions()
    qt = insert_table(window, monkeypatch)
    at_cell(editor, qt, 1, 1)
    menu = editor.context_menu(editor.cursorRect().center())
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None
               and editor.tables.act_row_below in a.menu().actions())
    assert editor.tables.act_merge in sub.actions()


def test_a_section_with_a_big_table_opens_and_edits(window, seed_db, type_text):
    big = Table.of([[f"{r}.{c}" for c in range(30)] for r in range(300)], header_rows=1)
    with ReportStore.open(seed_db) as st:
        sid = st.load_report().ordered_sections()[1].id
        sec = st.load_section(sid)
        sec.body = [Paragraph.of("Phụ lục"), big]
        st.save_section(sec)
    window.session.pull_changes()
    editor, _ = open_section(window, sid)
    qt = editor.document().rootFrame().childFrames()[0]
    assert (qt.rows(), qt.columns()) == (300, 30)
    at_cell(editor, qt, 299, 29)
    type_text(editor, "!")
    assert window.session.save_all()
    saved = stored(seed_db, sid).body[1]
    assert saved.rows[299].cells[29].text == "!299.29" and saved.id == big.id


def test_the_history_of_a_section_shows_which_cells_of_a_table_changed(window, seed_db):
    from hgreport.history import compare
    from hgreport.model import Cell
    from ui.history_dialog import comparison_html

    big = Table.of([["Chỉ tiêu", "Đạt"], ["GRDP", "7,5"], ["Thu ngân sách", "98"]])
    with ReportStore.open(seed_db) as st:
        sid = st.load_report().ordered_sections()[1].id
        sec = st.load_section(sid)
        sec.body.insert(1, big)
        st.save_section(sec)
        first = st.revisions(sid)[0].id
        sec = st.load_section(sid)
        sec.body[1].rows[2].cells[1] = Cell.of("99")
        st.save_section(sec)
        html = comparison_html(compare(st, sid, first), "trước", "sau")
    assert "Table, row 3, column 2:</i> 98" in html and "Table, row 3, column 2:</i> 99" in html
    assert "GRDP" not in html  # the cells that stayed are not repeated


def test_the_table_commands_and_the_refusal_speak_vietnamese(qapp, open_window, seed_db,
                                                             dialog_log):
    from ui import i18n

    i18n.install_translators(qapp, "vi")
    try:
        win = open_window(seed_db)
        assert "&Bảng" in [a.text() for a in win.menuBar().actions()]
        t = win.editor.tables
        assert (t.act_insert.text(), t.act_merge.text(), t.act_split.text()) == (
            "&Bảng…", "&Gộp ô", "Tác&h ô")
        editor, _ = open_section(win)
        huge = QMimeData()
        huge.setText("\n".join("\t".join("1" for _ in range(20)) for _ in range(600)))
        editor.insertFromMimeData(huge)
        assert dialog_log.errors == [
            "Bảng đang dán có 12.000 ô; mỗi lần chỉ dán được tối đa 10.000 ô. Hãy sao chép và "
            "dán thành nhiều phần (ví dụ mỗi lần ba trăm hàng)."]
    finally:
        i18n.install_translators(qapp, "en")
        i18n._current = i18n.DEFAULT_LANGUAGE


def test_a_colleagues_save_lands_in_a_section_with_a_table(window, monkeypatch, type_text,
                                                           seed_db):
    from _ui_helpers import colleague_edit

    from hgreport.model import Cell

    editor, sid = open_section(window)
    put_cursor_after_first_paragraph(editor)
    insert_table(window, monkeypatch, rows=2, cols=2)
    type_text(editor, "Chỉ tiêu")
    assert window.session.save_all()

    def change(sec, _store):
        sec.body[-1] = Paragraph.of("Đồng nghiệp viết lại đoạn cuối.")
        table = next(b for b in sec.body if isinstance(b, Table))
        table.rows[1].cells[1] = Cell.of("105%")

    colleague_edit(seed_db, sid, change)
    assert window.session.pull_changes() == [sid]
    shown = body_of(editor.document())
    assert shown[-1].text == "Đồng nghiệp viết lại đoạn cuối."
    table = next(b for b in shown if isinstance(b, Table))
    assert cell_texts(table) == [["Chỉ tiêu", ""], ["", "105%"]]
    assert shown == stored(seed_db, sid).body
    assert [b.id for b in shown] == [b.id for b in stored(seed_db, sid).body]


def test_a_word_table_pasted_with_a_footnote_in_a_cell_brings_the_footnote(window):
    editor, sid = open_section(window)
    put_cursor_after_first_paragraph(editor)
    word = QMimeData()
    word.setHtml('<html><body><table class=MsoTableGrid border=1><tr><td><p class=MsoNormal>'
                 'Thu ngân sách<a href="#_ftn1" name="_ftnref1">[1]</a></p></td><td>'
                 '<p class=MsoNormal>98%</p></td></tr></table><div id="ftn1"><p class='
                 'MsoFootnoteText><a href="#_ftnref1" name="_ftn1">[1]</a> Ước thực hiện.</p>'
                 '</div></body></html>')
    editor.insertFromMimeData(word)
    table = table_in(editor)
    assert cell_texts(table) == [["Thu ngân sách", "98%"]]
    fid = table.footnote_refs()[0]
    assert window.session.footnote(fid).plain_text == "Ước thực hiện."
    assert window.session.save_all()
    with ReportStore.open(window.store.path) as st:
        assert not st.load_report().check_references()


def test_caption_header_rows_and_deleting_a_table_are_each_one_undo(window, monkeypatch,
                                                                    type_text):
    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    before = body_of(editor.document())
    qt = insert_table(window, monkeypatch, rows=3, cols=2)
    editor.tables.act_caption.trigger()
    type_text(editor, "Bảng 1: Kết quả")
    assert table_in(editor).caption_text == "Bảng 1: Kết quả"
    at_cell(editor, qt, 1, 0)
    assert not editor.tables.act_header.isChecked()
    editor.tables.act_header.trigger()  # rows 1 and 2 are header rows now
    assert table_in(editor).header_rows == 2
    with_caption = table_in(editor)
    at_cell(editor, qt, 2, 1)
    editor.tables.act_delete_table.trigger()
    assert body_of(editor.document()) == before  # the text around it as it was
    window.undo()
    assert table_in(editor) == with_caption
    window.undo()
    assert table_in(editor).header_rows == 1


def test_a_change_of_profile_leaves_cells_without_the_body_indent(window, monkeypatch):
    from dataclasses import replace

    from ui.blocks import apply_page, page_of

    editor, _ = open_section(window)
    put_cursor_after_first_paragraph(editor)
    qt = insert_table(window, monkeypatch, rows=2, cols=2)
    page = replace(page_of(editor.document()), first_line_indent_mm=15, space_before_pt=12)
    assert apply_page(editor.document(), page)
    cell_block = qt.cellAt(1, 1).firstCursorPosition().block()
    assert cell_block.blockFormat().textIndent() == 0
    assert editor.document().begin().blockFormat().textIndent() > 0


def test_typing_after_a_table_is_undone_by_one_ctrl_z(window, monkeypatch, type_text):
    """The empty place after a table becomes a body paragraph when typed into: justified as
    the others, with an id of its own; one Ctrl+Z takes the typing away (it used to take
    none: undo was stuck), and Ctrl+Y brings it back."""
    editor, _ = open_section(window)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    insert_table(window, monkeypatch, rows=2, cols=2)
    with_table = body_of(editor.document())
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)  # the empty place after the table
    editor.setTextCursor(cursor)
    type_text(editor, "Đoạn sau bảng")
    typed = body_of(editor.document())[-1]
    assert typed.text == "Đoạn sau bảng"
    assert typed.align is None  # a body paragraph, justified as the others, not left-aligned
    window.undo()
    assert body_of(editor.document()) == with_table
    window.redo()
    assert body_of(editor.document())[-1].text == "Đoạn sau bảng"
    assert len({b.id for b in body_of(editor.document())}) == len(body_of(editor.document()))

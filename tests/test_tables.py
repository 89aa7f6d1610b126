"""Tables of figures in the body: the model and its stored form, footnotes in cells, search and
counts, merge of diverged copies and history per cell, the Word export, ``info --json``, the
page view and bad input."""

from __future__ import annotations

import copy
import json
import shutil
import zipfile

import pytest
from _export_helpers import NS, W, small_report
from _sharing_helpers import content, copy_of, problems, sections
from lxml import etree

from hgreport.blockmerge import both_paragraphs, compare_cells, merge_paragraphs, merge_table
from hgreport.cli import main
from hgreport.export import export_docx
from hgreport.export.ooxml import mm
from hgreport.history import compare
from hgreport.interchange import report_from_data, report_to_data
from hgreport.layout import profile_from_dict
from hgreport.merge import merge_copy
from hgreport.model import (
    Cell,
    Column,
    Footnote,
    Paragraph,
    Report,
    Row,
    Run,
    Section,
    Table,
    block_from_dict,
    body_from_list,
    body_to_list,
)
from hgreport.resources import load_profile, resource_path
from hgreport.storage import ReportStore


def figures(caption: str = "Bảng 1: Kết quả thực hiện các chỉ tiêu") -> Table:
    """Chỉ tiêu | Kế hoạch | Thực hiện | Đạt %, a merged totals row and a merged column."""
    t = Table.of([["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đạt %"],
                  ["Tăng trưởng GRDP (%)", "7,0", "7,5", "107"],
                  ["Thu ngân sách (tỷ đồng)", "1.000", "980", "98"],
                  ["Tổng cộng", "", "1.987,5", ""]], header_rows=1, caption=caption)
    t.columns[0].width = 3
    for col in t.columns[1:]:
        col.width, col.align = 1, "right"
    t.rows[3].cells[0] = Cell([Paragraph([Run("Tổng cộng", ("b",))])], col_span=2)
    t.rows[3].cells[1] = None
    t.rows[1].cells[3].row_span = 2
    t.rows[2].cells[3] = None
    return t


def texts(table: Table) -> list[list[str | None]]:
    return [[c.text if c is not None else None for c in row.cells] for row in table.rows]


# -- the model ----------------------------------------------------------------------------------
def test_a_table_round_trips_through_its_stored_form_with_every_id_and_merge():
    t = figures()
    t.rows[2].cells[0].paragraphs = [Paragraph([Run("Thu "), Run("ngân sách", ("i",)),
                                                Run.ref("fn-1")]), Paragraph.of("(tỷ đồng)")]
    stored = json.loads(json.dumps(t.to_dict()))
    assert stored["kind"] == "table" and stored["header_rows"] == 1
    back = block_from_dict(stored)
    assert isinstance(back, Table) and back == t and back.id == t.id
    assert [r.id for r in back.rows] == [r.id for r in t.rows]
    assert [c.id for c in back.columns] == [c.id for c in t.columns]
    assert back.rows[3].cells[0].col_span == 2 and back.rows[3].cells[1] is None
    assert back.rows[1].cells[3].row_span == 2 and back.rows[2].cells[3] is None
    assert back.columns[0].width == 3 and back.columns[1].align == "right"
    assert back.caption_text == "Bảng 1: Kết quả thực hiện các chỉ tiêu"
    assert back.rows[2].cells[0].paragraphs[0].runs[1].marks == ("i",)
    # a body mixing paragraphs and tables loads the same way each time
    body = [Paragraph.of("Trước bảng."), t, Paragraph.of("Sau bảng.")]
    assert body_from_list(body_to_list(body)) == body


def test_text_and_footnote_references_follow_reading_order():
    t = figures()
    t.caption.append(Run.ref("c"))
    t.rows[1].cells[2].paragraphs[0].runs.append(Run.ref("a"))
    t.rows[3].cells[0].paragraphs.append(Paragraph([Run.ref("b")]))
    assert t.footnote_refs() == ["c", "a", "b"]
    assert t.text.split("\n")[1] == "Chỉ tiêu\tKế hoạch\tThực hiện\tĐạt %"
    assert t.text.split("\n")[-1] == "Tổng cộng\t\t1.987,5\t"
    renamed = t.map_refs(str.upper)
    assert renamed.footnote_refs() == ["C", "A", "B"] and renamed.id == t.id
    # the one-paragraph view keeps every reference (for writers that draw no table)
    assert [r.footnote for r in t.runs if r.footnote] == ["c", "a", "b"]


def test_footnotes_in_cells_are_numbered_in_reading_order_with_the_rest():
    t = figures()
    t.rows[1].cells[1].paragraphs[0].runs.append(Run.ref("in-table"))
    sec = Section(id="s", title="Kinh tế", position=1,
                  body=[Paragraph([Run("Trước"), Run.ref("before")]), t,
                        Paragraph([Run("Sau"), Run.ref("after")])])
    report = Report(sections=[sec], footnotes={k: Footnote(k, [Paragraph.of(k)])
                                               for k in ("before", "in-table", "after")})
    assert report.footnote_numbers() == {"before": 1, "in-table": 2, "after": 3}
    assert not report.check_references()
    # a second reference to the same footnote inside a cell is a duplicate, as anywhere
    t.rows[2].cells[1].paragraphs[0].runs.append(Run.ref("before"))
    assert report.check_references().duplicates == [("before", 2)]


def test_bad_stored_tables_are_made_whole_and_nothing_is_lost():
    ragged = {"kind": "table", "id": "t",
              "rows": [{"cells": [{"blocks": [{"runs": [{"t": "a"}]}], "colspan": 9},
                                  {"blocks": [{"runs": [{"t": "b"}]}]}]},
                       {"cells": [None, {"blocks": [], "rowspan": 40}, {}, {"blocks": [
                           {"runs": [{"t": "c"}]}]}]},
                       "not a row", {"cells": "nor cells"}],
              "cols": ["wide", {"w": -3}, {"w": True, "align": "diagonal"}],
              "header_rows": 99, "caption": "not runs"}
    t = block_from_dict(ragged)
    assert isinstance(t, Table)
    assert (t.n_rows, t.n_cols) == (4, 4)  # the longest row widens the table
    assert all(len(r.cells) == 4 for r in t.rows)
    words = " ".join(c.text for _, _, c in t.cells())
    assert "a" in words and "b" in words and "c" in words  # every text kept
    assert t.header_rows == 4 and t.caption == []
    assert all(c.width is None and c.align is None for c in t.columns)
    # every place is a cell or covered by exactly one merged cell
    covered = {(r + i, c + k) for r, c, cell in t.cells()
               for i in range(cell.row_span) for k in range(cell.col_span)}
    assert covered == {(r, c) for r in range(4) for c in range(4)}
    assert sum(cell.row_span * cell.col_span for _, _, cell in t.cells()) == 16
    assert block_from_dict({"kind": "table"}).n_rows == 1  # an empty table: one empty cell


def test_a_300_by_30_table_loads_and_stores(tmp_path):
    big = Table.of([[f"{r}.{c}" for c in range(30)] for r in range(300)], header_rows=1)
    again = block_from_dict(json.loads(json.dumps(big.to_dict())))
    assert (again.n_rows, again.n_cols) == (300, 30) and again == big
    assert again.text.count("\n") == 299


def test_a_table_survives_the_file_and_the_json_of_templates(seed_db):
    t = figures()
    with ReportStore.open(seed_db) as st:
        note = st.add_footnote(Footnote(body=[Paragraph.of("Số liệu ước đến 31/12.")]))
        t.rows[1].cells[2].paragraphs[0].runs.append(Run.ref(note.id))
        sid = sections(st)[1].id
        sec = st.load_section(sid)
        sec.body.insert(1, t)
        st.save_section(sec)
    with ReportStore.open(seed_db) as st:
        stored = st.load_section(sid).body[1]
        report = st.load_report()
    assert stored == t and stored.id == t.id
    assert not report.check_references()
    assert problems(seed_db) == []
    again = report_from_data(report_to_data(report))
    kept = next(s for s in again.sections if s.title == report.section(sid).title).body[1]
    assert isinstance(kept, Table) and texts(kept) == texts(t)
    assert kept.footnote_refs()[0] in again.footnotes


def test_search_finds_cell_text_and_counts_include_it(seed_db, capsys):
    with ReportStore.open(seed_db) as st:
        sid = sections(st)[2].id
        sec = st.load_section(sid)
        words_before = sec.word_count()
        t = Table.of([["Chỉ tiêu", "Đạt"], ["Sầu riêng Ri6 đạt chuẩn", "1.185 ha"]])
        sec.body.append(t)
        st.save_section(sec)
        assert [hit.entity_id for hit in st.search("sau rieng ri6")] == [sid]
        assert st.load_section(sid).word_count() == words_before + 10
    code = main(["search", str(seed_db), "ri6"])
    out = capsys.readouterr().out
    assert code == 0 and "Sầu riêng Ri6" in out


def test_info_json_lists_each_sections_tables(seed_db, capsys):
    with ReportStore.open(seed_db) as st:
        sid = sections(st)[0].id
        sec = st.load_section(sid)
        sec.body += [figures(), Table.empty(20, 6)]
        st.save_section(sec)
    assert main(["info", str(seed_db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)

    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n["children"])

    by_id = {n["id"]: n for n in walk(info["sections"])}
    assert by_id[sid]["tables"] == [{"rows": 4, "cols": 4}, {"rows": 20, "cols": 6}]
    assert all(n["tables"] == [] for k, n in by_id.items() if k != sid)


# -- merge and history, cell by cell --------------------------------------------------------------
def _edit(body: list[dict], row: int, col: int, text: str) -> list[dict]:
    out = copy.deepcopy(body)
    table = next(b for b in out if b.get("kind") == "table")
    table["rows"][row]["cells"][col] = Cell.of(text).to_dict()
    return out


def _table(body: list[dict]) -> Table:
    return next(block_from_dict(b) for b in body if b.get("kind") == "table")


BASE = [Paragraph.of("Trước bảng.").to_dict(), figures().to_dict()]


def test_copies_that_changed_different_cells_of_one_table_merge_cleanly():
    mine = _edit(BASE, 1, 2, "7,6")
    theirs = _edit(BASE, 2, 2, "990")
    merged = merge_paragraphs(BASE, mine, theirs)
    assert merged.conflicts == [] and merged.mine == merged.theirs
    got = texts(_table(merged.mine))
    assert got[1][2] == "7,6" and got[2][2] == "990"
    # either way round, the same table
    assert merge_paragraphs(BASE, theirs, mine).mine == merged.mine


def test_the_same_cell_changed_on_both_sides_is_a_conflict_on_that_cell_only():
    mine = _edit(_edit(BASE, 1, 2, "7,6"), 2, 1, "1.100")
    theirs = _edit(BASE, 1, 2, "7,8")
    merged = merge_paragraphs(BASE, mine, theirs)
    assert merged.conflicts == [(1, 1)]
    t_mine, t_theirs = _table(merged.mine), _table(merged.theirs)
    rows, cols = [r.id for r in t_mine.rows], [c.id for c in t_mine.columns]
    assert merged.cells[t_mine.id] == [(rows[1], cols[2])]
    assert texts(t_mine)[1][2] == "7,6" and texts(t_theirs)[1][2] == "7,8"
    assert texts(t_mine)[2][1] == texts(t_theirs)[2][1] == "1.100"  # the other edit landed
    changed = [(ch.row, ch.col) for ch in compare_cells(merged.mine[1], merged.theirs[1])
               if ch.kind != "same"]
    assert changed == [(2, 3)]  # they differ in that one cell


def test_rows_and_columns_added_on_one_side_meet_cell_edits_on_the_other():
    t = _table(BASE)
    t.rows.insert(2, Row([Cell.of("Xuất khẩu (triệu USD)"), Cell.of("500"), Cell.of("520"),
                          Cell.of("104")]))
    t.columns.append(Column(align="center"))
    for row in t.rows:
        row.cells.append(Cell.of("Ghi chú") if row is t.rows[0] else Cell())
    theirs = [BASE[0], t.to_dict()]
    mine = _edit(BASE, 1, 1, "7,2")
    merged = merge_paragraphs(BASE, mine, theirs)
    assert merged.conflicts == []
    got = texts(_table(merged.mine))
    assert got[0][-1] == "Ghi chú" and got[2][0] == "Xuất khẩu (triệu USD)"
    assert got[1][1] == "7,2" and len(got) == 5 and len(got[0]) == 5


def test_a_row_deleted_on_one_side_and_edited_on_the_other_is_a_conflict():
    t = _table(BASE)
    del t.rows[1]
    gone = [BASE[0], t.to_dict()]
    merged = merge_paragraphs(BASE, _edit(BASE, 1, 0, "GRDP (%)"), gone)
    assert merged.conflicts == [(1, 1)]
    assert len(_table(merged.mine).rows) == 4 and len(_table(merged.theirs).rows) == 3
    # deleted on one side, untouched on the other: simply gone
    clean = merge_paragraphs(BASE, _edit(BASE, 2, 1, "1.100"), gone)
    assert clean.conflicts == [] and len(_table(clean.mine).rows) == 3


def test_keep_both_of_a_table_clash_keeps_one_table_with_both_texts_in_the_cell():
    """Keep both, for a table: one table (not the whole table twice) whose clashing cell
    holds my text then theirs; a row deleted on one side and edited on the other stays."""
    merged = merge_paragraphs(BASE, _edit(BASE, 1, 2, "7,6"), _edit(BASE, 1, 2, "7,8"))
    both = both_paragraphs(merged.mine, merged.theirs)
    assert [b.get("kind") for b in both] == [None, "table"]
    cell = _table(both).rows[1].cells[2]
    assert [p.text for p in cell.paragraphs] == ["7,6", "7,8"]
    assert texts(_table(both))[2] == texts(_table(BASE))[2]  # the other cells as they were
    t = _table(BASE)
    del t.rows[1]
    gone = merge_paragraphs(BASE, _edit(BASE, 1, 0, "GRDP (%)"), [BASE[0], t.to_dict()])
    kept = _table(both_paragraphs(gone.mine, gone.theirs))
    assert len(kept.rows) == 4 and kept.rows[1].cells[0].text == "GRDP (%)"


def test_merging_cells_on_one_side_and_editing_one_of_them_on_the_other_clashes():
    t = _table(BASE)
    t.rows[2].cells[1] = Cell([Paragraph.of("1.000 980")], col_span=2)
    t.rows[2].cells[2] = None
    merged = merge_table(BASE[1], t.to_dict(), _edit(BASE, 2, 2, "985")[1])
    assert len(merged.clashes) == 1
    assert block_from_dict(merged.mine).rows[2].cells[2] is None


def test_two_diverged_copies_with_a_table_merge_per_cell(seed_db, tmp_path):
    with ReportStore.open(seed_db) as st:
        sid = sections(st)[1].id
        sec = st.load_section(sid)
        sec.body.insert(1, figures())
        st.save_section(sec)
    theirs = copy_of(seed_db, tmp_path / "theirs.db")

    def edit(path, author, row, col, text):
        with ReportStore.open(path, author=author) as st:
            sec = st.load_section(sid)
            sec.body[1].rows[row].cells[col] = Cell.of(text)
            st.save_section(sec)

    edit(seed_db, "An", 1, 2, "7,6")
    edit(theirs, "Bình", 2, 2, "990")
    other_way = shutil.copyfile(theirs, tmp_path / "other-way.db")
    mine_before = shutil.copyfile(seed_db, tmp_path / "mine-before.db")
    assert merge_copy(seed_db, theirs, author="An").conflicts == []
    assert merge_copy(other_way, mine_before, author="Bình").conflicts == []
    with ReportStore.open(seed_db) as st:
        got = texts(st.load_section(sid).body[1])
    assert got[1][2] == "7,6" and got[2][2] == "990"
    assert content(seed_db) == content(other_way)
    # the same cell on both sides: one conflict, kept for a person
    edit(seed_db, "An", 3, 2, "1.990")
    edit(theirs, "Bình", 3, 2, "1.995")
    result = merge_copy(seed_db, theirs, author="An")
    assert len(result.conflicts) == 1 and result.conflicts[0].field == "body"


def test_history_compares_a_table_cell_by_cell(seed_db):
    with ReportStore.open(seed_db) as st:
        sid = sections(st)[1].id
        sec = st.load_section(sid)
        sec.body.insert(1, figures())
        st.save_section(sec)
        first = st.revisions(sid)[0].id  # newest first: the one with the table
        sec = st.load_section(sid)
        sec.body[1].rows[2].cells[2] = Cell.of("985")
        st.save_section(sec)
        comparison = compare(st, sid, first)
    changed = [row for row in comparison.rows if row.kind != "same"]
    assert len(changed) == 1 and isinstance(changed[0].left, Table)
    cells = [c for c in compare_cells(changed[0].left.to_dict(), changed[0].right.to_dict())
             if c.kind != "same"]
    assert [(c.row, c.col, c.kind) for c in cells] == [(3, 3, "changed")]


# -- the Word export ----------------------------------------------------------------------------
def exported(tmp_path, *tables: Table, profile: str = "hd36-2018") -> tuple[etree._Element, dict]:
    report = small_report()
    report.profile = profile
    for t in tables:
        report.sections[1].body.append(t)
    out = export_docx(report, tmp_path / "bang.docx")
    with zipfile.ZipFile(out) as z:
        parts = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}
    return etree.fromstring(parts["word/document.xml"].encode()), parts


def test_export_writes_a_real_word_table_styled_from_the_profile(tmp_path):
    profile = load_profile("hd36-2018")
    doc, parts = exported(tmp_path, figures())
    tbls = doc.findall(".//w:tbl", NS)
    tbl = next(t for t in tbls if t.find(".//w:tblBorders/w:insideH", NS) is not None
               and t.find(".//w:tblBorders/w:insideH", NS).get(W + "val") == "single")
    # as wide as the text, its columns sharing that width 3 : 1 : 1 : 1
    text_width = mm(profile.page.text_width_mm)
    assert tbl.find("w:tblPr/w:tblW", NS).get(W + "w") == str(text_width)
    grid = [int(g.get(W + "w")) for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert sum(grid) == text_width and abs(grid[0] - 3 * grid[1]) <= 3
    # thin single borders
    borders = tbl.find("w:tblPr/w:tblBorders", NS)
    assert {b.get(W + "val") for b in borders} == {"single"}
    assert {b.get(W + "sz") for b in borders} == {"4"}  # 0.5 pt in eighths
    rows = tbl.findall("w:tr", NS)
    # the header row is repeated on each page; no row splits across pages
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    # header cells bold and centred, figures right-aligned
    head = rows[0].findall("w:tc", NS)[1]
    assert head.find(".//w:jc", NS).get(W + "val") == "center"
    assert head.find(".//w:r/w:rPr/w:b", NS) is not None
    figure = rows[1].findall("w:tc", NS)[1]
    assert figure.find(".//w:jc", NS).get(W + "val") == "right"
    # merged cells: across (gridSpan) and down (vMerge restart, then continue)
    total = rows[3].findall("w:tc", NS)
    assert total[0].find("w:tcPr/w:gridSpan", NS).get(W + "val") == "2"
    assert len(total) == 3
    assert rows[1].findall("w:tc", NS)[3].find("w:tcPr/w:vMerge", NS).get(W + "val") == "restart"
    cont = rows[2].findall("w:tc", NS)[3].find("w:tcPr/w:vMerge", NS)
    assert cont is not None and cont.get(W + "val") is None
    # cells in "Table Text" (12-13 pt, single, no first-line indent), the caption above
    styles = etree.fromstring(parts["word/styles.xml"].encode())
    table_text = styles.find(".//w:style[@w:styleId='TableText']", NS)
    assert table_text.find(".//w:sz", NS).get(W + "val") in ("24", "26")
    assert table_text.find(".//w:spacing", NS).get(W + "lineRule") == "auto"
    assert table_text.find(".//w:ind", NS).get(W + "firstLine") == "0"
    caption = tbl.getprevious()
    assert caption.find("w:pPr/w:pStyle", NS).get(W + "val") == "Caption"
    assert "".join(caption.itertext()) == "Bảng 1: Kết quả thực hiện các chỉ tiêu"
    assert styles.find(".//w:style[@w:styleId='Caption']/w:pPr/w:keepNext", NS) is not None


def test_footnotes_in_cells_export_as_word_footnotes_in_order(tmp_path):
    t = figures()
    report = small_report()
    t.rows[2].cells[1].paragraphs[0].runs.append(Run.ref("cell-note"))
    report.footnotes["cell-note"] = Footnote("cell-note", [Paragraph.of("Ước thực hiện.")])
    report.sections[1].body.insert(1, t)  # after the paragraph that holds n2
    out = export_docx(report, tmp_path / "notes.docx")
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    numbers = report.footnote_numbers()
    in_cell = doc.find(".//w:tbl//w:footnoteReference", NS)
    assert in_cell is not None and int(in_cell.get(W + "id")) == numbers["cell-note"]
    text = {n.get(W + "id"): "".join(n.itertext()) for n in notes.findall("w:footnote", NS)}
    assert "Ước thực hiện." in text[str(numbers["cell-note"])]
    order = [int(r.get(W + "id")) for r in doc.iter(W + "footnoteReference")]
    assert order == sorted(order)


def test_tables_side_by_side_and_at_the_end_stay_separate_tables(tmp_path):
    report = small_report()
    report.sections[1].body += [Table.of([["a"]]), Table.of([["b"]])]
    report.ending.body.append(Table.of([["cuối"]]))
    out = export_docx(report, tmp_path / "sides.docx")
    with zipfile.ZipFile(out) as z:
        body = etree.fromstring(z.read("word/document.xml")).find("w:body", NS)
    kids = list(body)
    for i, el in enumerate(kids[:-1]):
        if el.tag == W + "tbl":
            assert kids[i + 1].tag != W + "tbl", "two tables touching are one table in Word"
    assert kids[-2].tag == W + "p"  # a paragraph before the section properties


def test_a_report_without_tables_carries_no_table_styles(tmp_path):
    out = export_docx(small_report(), tmp_path / "plain.docx")
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "TableText" not in styles and 'w:styleId="Caption"' not in styles


def test_both_shipped_profiles_style_tables_and_older_profiles_still_load():
    for name in ("hd36-2018", "nd30-2020"):
        spec = load_profile(name).table
        assert 12 <= spec.text.size_pt <= 13 and spec.text.line_spacing == "single"
        assert spec.text.first_line_indent_mm == 0 and spec.border_pt <= 0.75
        assert spec.header_bold and spec.repeat_header and spec.keep_rows_whole
    data = json.loads(resource_path("profiles", "hd36-2018.json").read_text(encoding="utf-8"))
    del data["table"]
    assert profile_from_dict(data, "old.json").table == load_profile("hd36-2018").table
    data["table"] = {"text": {}}
    with pytest.raises(Exception, match="table.text.size_pt"):
        profile_from_dict(data, "bad.json")


def test_the_page_view_prints_a_table_as_its_text_rather_than_failing():
    from hgreport.pages import paginate

    report = small_report()
    report.sections[1].body.append(figures())
    pages = paginate(report)
    text = " ".join(pages.text(p) for p in pages)
    assert "Thu ngân sách" in text and "1.987,5" in text


# -- import from Word ---------------------------------------------------------------------------
def test_word_tables_come_in_as_tables_with_merges_footnotes_and_bold_totals(tmp_path):
    from _import_helpers import make_docx, p

    from hgreport.importer import import_docx

    def tc(text: str, props: str = "", rpr: str = "") -> str:
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text, rpr=rpr)}</w:tc>"

    ref = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
           '<w:footnoteReference w:id="1"/></w:r>')
    bold = "<w:b/>"
    table = (
        '<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="2000"/>'
        '<w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("Chỉ tiêu") + tc("Kế hoạch")
        + tc("Thực hiện") + tc("Đạt %") + "</w:tr>"
        "<w:tr>" + tc("GRDP (%)") + tc("7,0") + "<w:tc><w:tcPr/>"
        + p("7,5", extra=ref) + "</w:tc>" + tc("107", '<w:vMerge w:val="restart"/>') + "</w:tr>"
        "<w:tr>" + tc("Thu ngân sách") + tc("1.000") + tc("980") + tc("", "<w:vMerge/>")
        + "</w:tr>"
        "<w:tr>" + tc("Tổng cộng", '<w:gridSpan w:val="2"/>', bold) + tc("1.987,5", "", bold)
        + tc("") + "</w:tr>"
        "<w:tr>" + tc("Trong đó") + '<w:tc><w:tbl><w:tr><w:tc>' + p("bảng con")
        + "</w:tc></w:tr></w:tbl>" + p("") + "</w:tc>" + tc("") + tc("") + "</w:tr>"
        "</w:tbl>")
    note = ('<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> Số ước thực hiện.</w:t></w:r></w:p></w:footnote>')
    body = p("I. KINH TẾ") + p("Kết quả:") + table + p("Đánh giá chung.")
    result = import_docx(make_docx(tmp_path / "bang.docx", body, footnotes=note))
    sec = result.report.sections[0]
    assert [b.kind for b in sec.body] == ["paragraph", "table", "paragraph"]
    t = sec.body[1]
    assert (t.n_rows, t.n_cols, t.header_rows) == (5, 4, 1)
    assert [c.width for c in t.columns] == [4000, 2000, 2000, 2000]
    assert t.rows[1].cells[3].row_span == 2 and t.rows[2].cells[3] is None
    assert t.rows[3].cells[0].col_span == 2 and t.rows[3].cells[1] is None
    assert t.rows[3].cells[0].paragraphs[0].runs[0].marks == ("b",)  # the bold totals row
    fid = t.rows[1].cells[2].footnote_refs()[0]
    assert result.report.footnotes[fid].plain_text == "Số ước thực hiện."
    assert not result.report.check_references()
    assert t.rows[4].cells[1].text == "bảng con"  # the table in a cell: its text, kept
    assert any("bảng nằm trong ô" in m and "KINH TẾ" in m for m in result.summary.problems)
    # and out again: the same table in Word
    out = export_docx(result.report, tmp_path / "lai.docx")
    with zipfile.ZipFile(out) as z:
        doc = etree.fromstring(z.read("word/document.xml"))
    tbl = [x for x in doc.iter(W + "tbl") if x.find(".//" + W + "tblHeader") is not None][0]
    assert len(tbl.findall("w:tr", NS)) == 5
    assert tbl.find(".//w:gridSpan", NS).get(W + "val") == "2"

"""Tables on printed pages: the paginator draws a table as a table (borders, columns by their
relative widths, wrapped and aligned cell text, merged cells), keeps each row whole on its
page, repeats the header rows at the top of each page the table continues on and puts the
footnotes of cells at the foot of the page of their row. Checked on the page model, in the
PDF (pdftotext) and against LibreOffice's rendering of the Word file (when installed)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from hgreport.export import export_docx
from hgreport.model import (
    Cell,
    Closing,
    Column,
    Footnote,
    Header,
    Paragraph,
    Report,
    Run,
    Section,
    Table,
)
from hgreport.pages import Rule, Text, paginate
from hgreport.pages.page import MM
from hgreport.pages.pdf import export_pdf
from hgreport.pages.tables import column_widths
from hgreport.resources import load_profile

EPS = 0.05
SENTENCE = ("Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng thực hiện "
            "nghiêm túc chương trình công tác năm, bảo đảm tiến độ và chất lượng đề ra. ")
HEAD = ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đạt %"]


def figures(rows: int, caption: str = "Bảng 1: Kết quả thực hiện các chỉ tiêu") -> Table:
    grid = [HEAD] + [[f"Chỉ tiêu số {r}", f"{r * 12}", f"{r * 13}", f"{100 + r % 9}"]
                     for r in range(1, rows)]
    table = Table.of(grid, header_rows=1, caption=caption)
    for col in table.columns[1:]:
        col.align = "right"
    table.columns[0].width = 3.0
    for col in table.columns[1:]:
        col.width = 1.0
    return table


def report_with(*blocks, notes=None, profile: str = "hd36-2018") -> Report:
    body = [Paragraph([Run(SENTENCE * 3)]), *blocks, Paragraph([Run(SENTENCE * 2)])]
    return Report(
        header=Header(issuer="Tỉnh ủy Hậu Giang", issuer_code="TU", place="Hậu Giang",
                      year=2024, summary="Báo cáo thử"),
        closing=Closing(recipients=["Văn phòng Trung ương Đảng", "Lưu VPTU"],
                        authority="T/M Tỉnh ủy", position="Bí thư", signer="Nguyễn Văn A"),
        profile=profile,
        intro=Section(id="intro", kind="intro", body=[Paragraph([Run(SENTENCE)])]),
        ending=Section(id="ending", kind="ending", body=[Paragraph([Run(SENTENCE)])]),
        sections=[Section(id="s1", title="Kết quả thực hiện", position=1, body=body)],
        footnotes=notes or {})


def texts(page) -> list[Text]:
    return [i for i in page.items if isinstance(i, Text)]


def row_pages(pages, label: str) -> set[int]:
    """The pages where a text item equal to ``label`` is drawn."""
    return {p.number for p in pages for t in texts(p) if t.text == label}


def test_a_long_table_spans_pages_with_its_header_on_each():
    report = report_with(figures(60))
    pages = paginate(report)
    table_pages = sorted({n for r in range(1, 60) for n in row_pages(pages, f"Chỉ tiêu số {r}")})
    assert len(table_pages) >= 2
    for number in table_pages:
        page = pages[number - 1]
        heads = [t for t in texts(page) if t.text == "Chỉ tiêu"]
        assert len(heads) == 1, number
        first_row = min(t.y for t in texts(page) if t.text.startswith("Chỉ tiêu số"))
        assert heads[0].y < first_row  # on top of the rows, not among them
        assert heads[0].style == "B"  # header rows are bold
        for label in HEAD[1:]:  # the whole header row, not just its first cell
            assert any(t.text == label for t in texts(page)), (number, label)
    # the caption once, on the first page of the table, above the header
    captions = [p.number for p in pages for t in texts(p) if t.text.startswith("Bảng")]
    assert captions == [table_pages[0]]


def test_no_row_is_split_and_every_row_is_drawn_once():
    table = figures(60)
    pages = paginate(report_with(table))
    for r in range(1, 60):
        (number,) = row_pages(pages, f"Chỉ tiêu số {r}")  # drawn once
        page = pages[number - 1]
        label = next(t for t in texts(page) if t.text == f"Chỉ tiêu số {r}")
        row = sorted(t.text for t in texts(page) if abs(t.y - label.y) < EPS)
        assert row == sorted([f"Chỉ tiêu số {r}", f"{r * 12}", f"{r * 13}",
                              f"{100 + r % 9}"]), (r, row)
    for page in pages:  # a table page's cells sit inside the text area, above the notes
        for t in texts(page):
            if t.y > pages.text_top:
                assert t.y <= page.body_bottom + EPS


def test_a_row_taller_than_a_page_is_cut_between_lines_and_nothing_is_lost():
    long_text = " ".join(f"dòng{k}" for k in range(700))
    table = Table([*Table.of([HEAD]).rows,
                   *Table.of([["Mục 1", long_text, "1", "2"], ["Mục 2", "x", "3", "4"]]).rows],
                  [Column() for _ in HEAD], header_rows=1)
    pages = paginate(report_with(table))
    words = [t.text for p in pages for t in texts(p) if t.text.startswith("dòng")]
    joined = " ".join(words).split()
    assert joined == long_text.split()
    spread = {p.number for p in pages for t in texts(p) if t.text.startswith("dòng")}
    assert len(spread) >= 2
    # it starts where it comes (on the page of the paragraph above), not on a page of its own
    assert min(spread) == pages.page_of("s1", 0).number
    for number in sorted(spread)[1:]:  # and goes on under the header row
        assert any(t.text == "Kế hoạch" for t in texts(pages[number - 1])), number
    for page in pages:  # every piece stays inside the text area
        for item in page.items:
            if isinstance(item, Rule):
                assert pages.text_top - EPS <= item.y1 <= pages.text_bottom + EPS


def vertical_rules(page, x: float) -> list[Rule]:
    return [i for i in page.items if isinstance(i, Rule) and abs(i.x1 - x) < EPS
            and abs(i.x2 - x) < EPS and abs(i.y2 - i.y1) > EPS]


def test_merged_cells_span_columns_and_rows_without_inner_borders():
    table = Table.of([HEAD, ["Tỉnh", "1", "2", "3"], ["Huyện", "4", "5", "6"],
                      ["Tổng cộng", "", "7", "8"]], header_rows=1)
    table.rows[3].cells[0] = Cell.of("Tổng cộng", "b")
    table.rows[3].cells[0].col_span = 2
    table.rows[3].cells[1] = None
    table.rows[1].cells[3] = Cell.of("gộp")
    table.rows[1].cells[3].row_span = 2
    table.rows[2].cells[3] = None
    pages = paginate(report_with(table))
    page = next(p for p in pages if any(t.text == "Tổng cộng" for t in texts(p)))
    xs = [pages.text_left + x for x in (0.0, *_cumulative(column_widths(table, _width(pages))))]
    size = load_profile("hd36-2018").table.text.size_pt  # cells, not the title block
    cells = [t for t in texts(page) if t.size == size]
    total = next(t for t in cells if t.text == "Tổng cộng")
    huyen = next(t for t in cells if t.text == "Huyện")
    tinh = next(t for t in cells if t.text == "Tỉnh")
    assert total.style == "B"
    # no border between the first two columns along the totals row
    for rule in vertical_rules(page, xs[1]):
        assert not (min(rule.y1, rule.y2) < total.y < max(rule.y1, rule.y2)), rule
    # but there is one along the other rows
    assert any(min(r.y1, r.y2) < huyen.y < max(r.y1, r.y2) for r in vertical_rules(page, xs[1]))
    # the cell merged down: no line across the last column between its two rows
    between = [r for r in page.items if isinstance(r, Rule) and abs(r.y2 - r.y1) < EPS
               and tinh.y < r.y1 < huyen.y]
    assert between, "the rows are separated in the other columns"
    for rule in between:
        assert max(rule.x1, rule.x2) <= xs[3] + EPS, rule
    merged = next(t for t in texts(page) if t.text == "gộp")
    assert xs[3] < merged.x < xs[4]


def _cumulative(widths):
    out, x = [], 0.0
    for w in widths:
        x += w
        out.append(x)
    return out


def _width(pages) -> float:
    return pages.text_right - pages.text_left


@pytest.mark.parametrize("profile", ["hd36-2018", "nd30-2020"])
def test_columns_share_the_text_width_by_their_relative_widths(profile):
    table = figures(5)
    pages = paginate(report_with(table, profile=profile))
    width = load_profile(profile).page.text_width_mm * MM
    widths = column_widths(table, width)
    assert sum(widths) == pytest.approx(width)
    assert widths[0] == pytest.approx(3 * widths[1])
    page = next(p for p in pages if any(t.text == "Chỉ tiêu" for t in texts(p)))
    head = next(t for t in texts(page) if t.text == "Chỉ tiêu")
    # the border above the header row runs across the text width, margin to margin
    rule = next(r for r in page.items if isinstance(r, Rule) and abs(r.y2 - r.y1) < EPS
                and r.y1 < head.y and head.y - r.y1 < 20)
    assert rule.x1 == pytest.approx(pages.text_left)
    assert rule.x2 == pytest.approx(pages.text_right)
    # a number column is right-aligned inside its cell margin
    spec = load_profile(profile).table
    cell = next(t for t in texts(page) if t.text == "12")
    right_edge = pages.text_left + widths[0] + widths[1]
    assert cell.x + cell.width == pytest.approx(right_edge - spec.cell_margin_mm * MM, abs=0.1)
    # the table text size, single spaced
    assert cell.size == spec.text.size_pt


def test_a_footnote_in_a_cell_is_numbered_in_reading_order_and_sits_on_its_rows_page():
    table = figures(60)
    table.rows[50].cells[0].paragraphs[0].runs.append(Run.ref("cell"))
    notes = {fid: Footnote(id=fid, body=[Paragraph([Run(f"Ghi chú {fid}.")])])
             for fid in ("before", "cell", "after")}
    report = report_with(table, notes=notes)
    body = report.sections[0].body
    body[0].runs.append(Run.ref("before"))
    body[-1].runs.append(Run.ref("after"))
    numbers = report.footnote_numbers()
    assert [numbers[f] for f in ("before", "cell", "after")] == [1, 2, 3]
    pages = paginate(report)
    (row_page,) = row_pages(pages, "Chỉ tiêu số 50")
    page = pages[row_page - 1]
    assert 2 in page.refs and 2 in page.notes
    first_row_page = min(row_pages(pages, "Chỉ tiêu số 1"))
    assert row_page > first_row_page  # the note did not land where the table starts
    # the number is printed raised after the cell's text, and the note's text at the foot
    label = next(t for t in texts(page) if t.text == "Chỉ tiêu số 50")
    mark = [t for t in texts(page) if t.text == "2" and abs(t.y - label.y) < 8
            and t.x > label.x]
    assert mark and mark[0].size < label.size
    note_line = next(t for t in texts(page) if "Ghi chú cell" in t.text)
    assert note_line.y > page.body_bottom


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.skip(f"{tool} is not installed")
    return path


def dense(text: str) -> str:
    return "".join(text.split())


def test_the_pdf_text_of_the_cells_extracts(tmp_path):
    pdftotext = _need("pdftotext")
    table = figures(40)
    table.rows[3].cells[0] = Cell.of("Tổng số đảng viên được kết nạp mới trong năm")
    report = report_with(table)
    pdf = export_pdf(report, tmp_path / "t.pdf")
    out = subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    flat = dense(out)
    for _, _, cell in table.cells():
        assert dense(cell.text) in flat, cell.text
    assert dense("Bảng 1: Kết quả thực hiện các chỉ tiêu") in flat


@pytest.mark.soffice
@pytest.mark.parametrize("profile", ["hd36-2018", "nd30-2020"])
def test_page_count_within_one_of_libreoffice_rendering_the_word_file(tmp_path, profile):
    soffice = _need("soffice")
    pdfinfo = _need("pdfinfo")
    from _export_helpers import seed_report

    report = seed_report()
    report.profile = profile
    sections = [s for s in report.ordered_sections() if s.body]
    for n, sec in enumerate(sections[::3][:6], start=1):
        sec.body.insert(min(1, len(sec.body)), figures(12 + 9 * n, f"Bảng {n}: Số liệu"))
    ours_pdf = export_pdf(report, tmp_path / "ours.pdf")
    docx = export_docx(report, tmp_path / "t.docx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    str(docx)], check=True, capture_output=True, timeout=300)

    def count(pdf) -> int:
        out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout
        return int(next(line.split()[-1] for line in out.splitlines()
                        if line.startswith("Pages:")))

    ours, theirs = count(ours_pdf), count(tmp_path / "lo" / "t.pdf")
    assert abs(ours - theirs) <= 1, (ours, theirs)

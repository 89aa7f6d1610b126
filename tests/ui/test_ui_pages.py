"""The page view in the window: the whole report page by page from the same page model as the
PDF, zoom, a click that opens the place in the editor, following edits, print (dialog
patched, the printer writes a PDF) and File → Export PDF."""

from __future__ import annotations

import re

import pytest
from _ui_helpers import body_sections, type_at_end
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextCursor, QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from hgreport.pages import Text, paginate
from ui import pages_view
from ui.pages_view import GAP, GlyphFonts, attach, paint_page


@pytest.fixture
def panel(window, qtbot):
    panel = attach(window)
    window.pages_dock.show()
    qtbot.waitUntil(lambda: panel.view.pages is not None)
    return panel


def dark_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    return sum(1 for y in range(y0, y1, 2) for x in range(x0, x1, 2)
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_the_whole_report_page_by_page(panel, window):
    pages = panel.view.pages
    assert len(pages) == len(paginate(window.session.snapshot())) >= 20
    assert panel.page_label.text() == f"Page 1 of {len(pages)}"
    # page 1 is drawn as it prints: letters in the header, white paper below the text
    image = QImage(round(pages[0].width), round(pages[0].height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, pages[0], GlyphFonts(pages.fonts))
    painter.end()
    header = [i for i in pages[0].items if isinstance(i, Text) and i.text == "TỈNH ỦY HẬU GIANG"]
    assert header
    t = header[0]
    assert dark_pixels(image, int(t.x), int(t.y - t.size), int(t.x + t.width), int(t.y)) > 20
    assert dark_pixels(image, 0, int(pages.text_bottom) + 5, image.width(), image.height()) == 0
    # and on screen, under the toolbar
    shot = panel.view.viewport().grab().toImage()
    assert dark_pixels(shot, 0, 0, shot.width(), shot.height()) > 100


def test_vietnamese_letters_come_from_the_font_file(panel):
    glyphs = panel.view.glyphs
    item = Text(0, 0, "Đảng Cộng Sản Việt Nam ữ ỹ ằ", "B", 14, 0)
    run = glyphs.glyph_run(item)
    assert 0 not in run.glyphIndexes()  # no empty boxes
    end = run.positions()[-1].x()
    width = glyphs.fonts.width(item.text[:-1], "B", 14)
    assert abs(end - width) < 1e-6  # the paginator's advances, exactly


def test_zoom_with_ctrl_wheel_ctrl_0_and_fits(panel, qtbot):
    view = panel.view
    view.actual_size()
    assert view.zoom == 1.0 and panel.zoom_label.text() == "100 %"
    event = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom == pytest.approx(1.25)
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(0.8)
    panel.act_fit_width.trigger()
    rect = view.page_rect(0)
    assert abs(rect.width() - (view.viewport().width() - 2 * GAP)) <= 2
    panel.act_fit_page.trigger()
    rect = view.page_rect(view.current_page() - 1)
    assert rect.height() <= view.viewport().height() - 2 * GAP + 2
    # a plain wheel scrolls
    before = view.verticalScrollBar().value()
    QApplication.sendEvent(view.viewport(), QWheelEvent(
        QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False))
    assert view.verticalScrollBar().value() > before


def test_a_click_on_a_page_opens_that_paragraph_in_the_editor(panel, window, qtbot):
    sid = body_sections(window, at_least=2)[1]
    view = panel.view
    view.actual_size()
    assert view.show_place(sid, 1)
    index = next(i for i, p in enumerate(view.pages) if p.first_place(sid, 1))
    place = view.pages[index].first_place(sid, 1)
    rect = view.page_rect(index)
    y = rect.y() + (place.top + 9) * view.scale()
    x = rect.x() + rect.width() / 2
    with qtbot.waitSignal(panel.placeClicked) as clicked:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    assert clicked.args == [sid, 1]
    assert window.editor.section_id == sid
    assert window.editor.textCursor().blockNumber() == 1


def test_the_pages_follow_typing_once_it_pauses(panel, window, qtbot, type_text):
    sid = body_sections(window)[0]
    before = panel.view.pages
    type_at_end(window, sid, " Kết luận bổ sung mới", type_text)
    assert panel.view.pages is before  # nothing laid out while typing
    assert panel.timer.isActive()
    qtbot.waitUntil(lambda: panel.view.pages is not before, timeout=5000)
    text = " ".join(panel.view.pages.text(p) for p in panel.view.pages)
    assert "Kết luận bổ sung mới" in " ".join(text.split())


def _print_to_pdf(path, first=None, last=None):
    def answer(parent, printer, count):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        if first is not None:
            printer.setPrintRange(QPrinter.PrintRange.PageRange)
            printer.setFromTo(first, last)
        return True
    return answer


def _pdf_pages(path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_print_a_range_of_pages(panel, monkeypatch, tmp_path, dialog_log):
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(pages_view, "ask_print", _print_to_pdf(out, 2, 3))
    assert panel.print_report() == "printed"
    assert _pdf_pages(out) == 2 and dialog_log.errors == []
    everything = tmp_path / "all.pdf"
    monkeypatch.setattr(pages_view, "ask_print", _print_to_pdf(everything))
    assert panel.print_report() == "printed"
    assert _pdf_pages(everything) == len(panel.view.pages)


def test_print_cancelled_or_failing(panel, monkeypatch, tmp_path, dialog_log):
    monkeypatch.setattr(pages_view, "ask_print", lambda parent, printer, count: False)
    assert panel.print_report() == "cancelled" and dialog_log.errors == []
    monkeypatch.setattr(pages_view, "ask_print",
                        _print_to_pdf(tmp_path / "no-such-folder" / "x.pdf"))
    assert panel.print_report() == "failed"
    assert len(dialog_log.errors) == 1 and "print" in dialog_log.errors[0].lower()


def test_export_pdf_from_the_window(panel, window, monkeypatch, tmp_path, dialog_log):
    target = tmp_path / "Báo cáo.pdf"
    asked = []
    monkeypatch.setattr(pages_view, "ask_pdf_path",
                        lambda parent, suggested: asked.append(suggested) or str(target))
    monkeypatch.setattr(pages_view, "ask_after_pdf", lambda parent, path: None)
    written = panel.export_pdf()
    assert written == target and target.read_bytes().startswith(b"%PDF")
    assert asked[0].endswith(".pdf")
    assert _pdf_pages(target) == len(panel.view.pages)
    assert "Báo cáo.pdf" in window.statusBar().currentMessage()
    # a read-only target: a message, the file as it was
    target.write_bytes(b"%PDF-1.4 old")
    target.chmod(0o444)
    assert panel.export_pdf() is None
    assert target.read_bytes() == b"%PDF-1.4 old"
    assert len(dialog_log.errors) == 1 and target.name in dialog_log.errors[0]


def test_the_window_gets_view_pages_print_and_export_pdf(window, monkeypatch, tmp_path,
                                                         qtbot):
    from PySide6.QtGui import QKeySequence

    attach(window)
    assert not window.pages_dock.isVisible()
    assert window.act_print.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert window.act_pages.shortcut() == QKeySequence("Ctrl+F2")
    window.act_pages.trigger()  # View → Pages
    qtbot.waitUntil(lambda: window.pages_panel.view.pages is not None)
    assert window.pages_dock.isVisible()
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(pages_view, "ask_print", _print_to_pdf(out, 1, 1))
    window.act_print.trigger()  # Ctrl+P
    assert _pdf_pages(out) == 1
    target = tmp_path / "bc.pdf"
    monkeypatch.setattr(pages_view, "ask_pdf_path", lambda parent, suggested: str(target))
    monkeypatch.setattr(pages_view, "ask_after_pdf", lambda parent, path: None)
    window.act_export_pdf.trigger()  # File → Export PDF
    assert target.read_bytes().startswith(b"%PDF")
    window.act_pages.trigger()
    assert not window.pages_dock.isVisible()


def test_a_table_is_drawn_with_its_borders_and_cells(qapp):
    """A page of a long table, as the window and the printer draw it: the header row on a
    page the table continues on, the cells' text, and the borders as lines."""
    from _export_helpers import seed_report

    from hgreport.model import Table
    from hgreport.pages import Rule

    grid = [["Chỉ tiêu", "Năm 2019", "Năm 2020"]]
    grid += [[f"Chỉ tiêu số 1.{r}", f"{r * 3}", f"{r * 4}"] for r in range(70)]
    report = seed_report()
    report.ordered_sections()[0].body.insert(1, Table.of(grid, header_rows=1))
    pages = paginate(report)
    page = next(p for p in pages if any(isinstance(i, Text) and i.text == "Chỉ tiêu số 1.50"
                                        for i in p.items))
    head = next(i for i in page.items if isinstance(i, Text) and i.text == "Năm 2019")
    assert head.style == "B"  # the header row again on this page
    verticals = [i for i in page.items if isinstance(i, Rule) and i.x1 == i.x2]
    assert len(verticals) > 20
    image = QImage(round(page.width), round(page.height), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_page(painter, page, GlyphFonts(pages.fonts))
    painter.end()
    rule = max(verticals, key=lambda r: abs(r.y2 - r.y1))
    x = round(rule.x1)
    dark = sum(1 for y in range(round(rule.y1) + 1, round(rule.y2) - 1)
               if min(QColor(image.pixel(x + dx, y)).lightness() for dx in (-1, 0)) < 200)
    assert dark >= 0.9 * (round(rule.y2) - round(rule.y1) - 2)  # a line, top to bottom
    assert dark_pixels(image, int(head.x), int(head.y - head.size), int(head.x + head.width),
                       int(head.y)) > 10


def test_a_click_below_a_table_opens_that_paragraph_not_a_cell(panel, window, qtbot):
    """A table fills many lines of the editor's document: a click on the paragraph after it
    on a page still opens that paragraph."""
    from hgreport.model import Table

    sid = body_sections(window, at_least=2)[0]
    window.tree.select(sid)
    qtbot.waitUntil(lambda: window.editor.section_id == sid)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert window.editor.tables.insert(3, 2)
    panel.rebuild()
    body = window.session.snapshot().section(sid).body
    index = next(i for i, b in enumerate(body) if isinstance(b, Table)) + 1
    after_text = body[index].text
    view = panel.view
    view.actual_size()
    assert view.show_place(sid, index)
    page_index = next(i for i, p in enumerate(view.pages) if p.first_place(sid, index))
    place = view.pages[page_index].first_place(sid, index)
    rect = view.page_rect(page_index)
    y = rect.y() + (place.top + 9) * view.scale()
    x = rect.x() + rect.width() / 2
    with qtbot.waitSignal(panel.placeClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    cursor = window.editor.textCursor()
    assert cursor.currentTable() is None
    assert cursor.block().text() == after_text[:len(cursor.block().text())]
    assert cursor.block().text()

"""The page view: the whole report page by page as it prints, drawn from the same page model as
the PDF (:mod:`hgreport.pages`), with zoom, a click that opens the place in the editor, print
(the system dialog, page ranges) and File → Export PDF with a progress dialog.

Text is drawn glyph by glyph from the very font files the pages were measured with
(``QRawFont``), at the positions the paginator computed, so the screen, the printer and the PDF
break every line at the same word. The view follows edits: a change starts a short timer and
the pages are laid out again once typing pauses (the seed takes about 0.1 s)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFont,
    QFontDatabase,
    QGlyphRun,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QRawFont,
    QTextCursor,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hgreport import errors
from hgreport.pages import FontSet, Page, Pages, Rule, Text, paginate
from hgreport.pages.page import CLOSING, HEADER

from . import dialogs

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.25, 4.0, 1.25
GAP = 16  # pixels between pages and around them
REBUILD_DELAY_MS = 600  # after the last keystroke
PAPER = QColor("white")
DESK = QColor("#8a8f98")
SHADOW = QColor(0, 0, 0, 60)


def _tr(text: str) -> str:
    return QCoreApplication.translate("PagesView", text)


# -- fonts ---------------------------------------------------------------------------------
_registered: set[str] = set()


def register_fonts(fonts: FontSet) -> None:
    """Make the fonts the pages use known to Qt when the profile's family is not installed
    (the shipped Liberation Serif), so the rest of the window can show the same letters."""
    if fonts.family in QFontDatabase.families() and not fonts.substituted:
        return
    for path in fonts.files.values():
        if str(path) not in _registered:
            QFontDatabase.addApplicationFont(str(path))
            _registered.add(str(path))


class GlyphFonts:
    """``QRawFont`` objects made from the files of a :class:`FontSet`, one per face and size:
    no font matching, no substitution, no hinting — the letters of the PDF."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._data = {style: QByteArray(path.read_bytes()) for style, path in fonts.files.items()}
        self._raw: dict[tuple[str, float], QRawFont] = {}

    def raw(self, style: str, size: float) -> QRawFont:
        key = (style, size)
        font = self._raw.get(key)
        if font is None:
            font = QRawFont(self._data[style], size, QFont.HintingPreference.PreferNoHinting)
            self._raw[key] = font
        return font

    def glyph_run(self, item: Text) -> QGlyphRun:
        raw = self.raw(item.style, item.size)
        indexes = raw.glyphIndexesForString(item.text)
        if len(indexes) == len(item.text):  # one glyph a letter: the paginator's advances
            advances = self.fonts.metrics[item.style].advances(item.text)
            x = 0.0
            positions = []
            for advance in advances:
                positions.append(QPointF(x, 0.0))
                x += advance * item.size
        else:
            x = 0.0
            positions = []
            for advance in raw.advancesForGlyphIndexes(indexes):
                positions.append(QPointF(x, 0.0))
                x += advance.x()
        run = QGlyphRun()
        run.setRawFont(raw)
        run.setGlyphIndexes(indexes)
        run.setPositions(positions)
        return run


def paint_page(painter: QPainter, page: Page, glyphs: GlyphFonts,
               runs: list[tuple[QPointF, QGlyphRun]] | None = None) -> list:
    """Draw ``page`` with ``painter`` in points (the caller scales and moves it). ``runs``
    are the page's glyph runs made by an earlier call (returned to be kept)."""
    if runs is None:
        runs = [(QPointF(i.x, i.y), glyphs.glyph_run(i)) for i in page.items
                if isinstance(i, Text)]
    painter.setPen(Qt.GlobalColor.black)
    for point, run in runs:
        painter.drawGlyphRun(point, run)
    for item in page.items:
        if isinstance(item, Rule):
            painter.setPen(QPen(Qt.GlobalColor.black, item.width, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.FlatCap))
            painter.drawLine(QPointF(item.x1, item.y1), QPointF(item.x2, item.y2))
    return runs


# -- the view ------------------------------------------------------------------------------
class PagesView(QAbstractScrollArea):
    """The pages one under the other on a grey desk. Ctrl+wheel, Ctrl+= and Ctrl+- zoom,
    Ctrl+0 shows the pages at their real size; a click on a paragraph asks the editor to
    open it (``placeClicked``: section id, paragraph index, -1 for the heading)."""

    placeClicked = Signal(str, int)
    detailsClicked = Signal()  # the header or the closing block: the document's details
    zoomChanged = Signal(float)
    currentPageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pagesView")
        self.pages: Pages | None = None
        self.glyphs: GlyphFonts | None = None
        self.zoom = 1.0
        self.fit = "width"  # "width", "page" or "" (a zoom the person chose)
        self._runs: dict[int, list] = {}
        self._tops: list[int] = []
        self._current = 0
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._scrolled())

    # -- geometry ---------------------------------------------------------------------------
    def scale(self) -> float:
        """Pixels per point at the current zoom (100 % = the paper's real size)."""
        return self.zoom * self.logicalDpiX() / 72.0

    def _page_size(self, page: Page) -> tuple[int, int]:
        s = self.scale()
        return round(page.width * s), round(page.height * s)

    def _layout(self) -> None:
        self._tops = []
        y = GAP
        width = 0
        for page in self.pages or []:
            w, h = self._page_size(page)
            self._tops.append(y)
            y += h + GAP
            width = max(width, w)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        view = self.viewport().size()
        vbar.setRange(0, max(0, y - view.height()))
        vbar.setPageStep(view.height())
        vbar.setSingleStep(max(20, round(18 * self.scale())))
        hbar.setRange(0, max(0, width + 2 * GAP - view.width()))
        hbar.setPageStep(view.width())
        self.viewport().update()

    def page_rect(self, index: int) -> QRectF:
        """Where page ``index`` (0-based) is on the viewport, in pixels."""
        page = self.pages[index]
        w, h = self._page_size(page)
        view_w = self.viewport().width()
        x = max(GAP, (view_w - w) // 2) - self.horizontalScrollBar().value()
        return QRectF(x, self._tops[index] - self.verticalScrollBar().value(), w, h)

    def page_at(self, pos: QPointF) -> tuple[int, QPointF] | None:
        """The page under a viewport point and the point on it, in points."""
        if not self.pages:
            return None
        s = self.scale()
        for i in range(len(self.pages)):
            rect = self.page_rect(i)
            if rect.contains(pos):
                return i, QPointF((pos.x() - rect.x()) / s, (pos.y() - rect.y()) / s)
        return None

    def current_page(self) -> int:
        """The 1-based number of the page at the middle of the view."""
        return self._current + 1

    # -- content ----------------------------------------------------------------------------
    def set_pages(self, pages: Pages) -> None:
        """Show ``pages`` (after an edit: keep the view on the same page and height)."""
        keep = None
        if self.pages and self._tops:
            index = min(self._current, len(pages) - 1)
            keep = (index, self.verticalScrollBar().value() - self._tops[self._current])
        if self.glyphs is None or self.glyphs.fonts.files != pages.fonts.files:
            register_fonts(pages.fonts)
            self.glyphs = GlyphFonts(pages.fonts)
        self.pages = pages
        self._runs.clear()
        self._apply_fit()
        self._layout()
        if keep is not None:
            self.verticalScrollBar().setValue(self._tops[keep[0]] + keep[1])
        self._scrolled(force=True)

    def show_page(self, number: int) -> None:
        if self.pages and self._tops:
            index = max(0, min(number - 1, len(self._tops) - 1))
            self.verticalScrollBar().setValue(self._tops[index] - GAP)

    def show_place(self, section_id: str, block: int | None = None) -> bool:
        """Scroll to where a section (a paragraph of it) is printed; False when not shown."""
        if not self.pages:
            return False
        for i, page in enumerate(self.pages):
            place = page.first_place(section_id, block)
            if place is not None:
                y = self._tops[i] + place.top * self.scale() - 3 * GAP
                self.verticalScrollBar().setValue(round(y))
                return True
        return False

    # -- zoom -------------------------------------------------------------------------------
    def set_zoom(self, zoom: float, anchor: QPointF | None = None, fit: str = "") -> None:
        """Zoom keeping the point ``anchor`` of the viewport where it is (the middle by
        default; the top when fitting, so that the page being read stays in view)."""
        zoom = max(ZOOM_MIN, min(ZOOM_MAX, zoom))
        self.fit = fit
        if abs(zoom - self.zoom) < 1e-4:
            return
        vbar = self.verticalScrollBar()
        if anchor is None:
            anchor = QPointF(0, 0 if fit else self.viewport().height() / 2)
        ratio = zoom / self.zoom
        content_y = vbar.value() + anchor.y()
        self.zoom = zoom
        self._layout()
        vbar.setValue(round(content_y * ratio - anchor.y()))
        self.zoomChanged.emit(self.zoom)

    def zoom_in(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP, anchor)

    def zoom_out(self, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP, anchor)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit_width(self) -> None:
        self.fit = "width"
        self._apply_fit()

    def fit_page(self) -> None:
        """The whole of the page being read in view."""
        current = self.current_page()
        self.fit = "page"
        self._apply_fit()
        self.show_page(current)

    def _apply_fit(self) -> None:
        if not self.fit or not self.pages:
            return
        page = self.pages[0]
        unit = self.logicalDpiX() / 72.0
        view = self.viewport().size()
        zoom = (view.width() - 2 * GAP) / (page.width * unit)
        if self.fit == "page":
            zoom = min(zoom, (view.height() - 2 * GAP) / (page.height * unit))
        self.set_zoom(zoom, fit=self.fit)

    # -- events -----------------------------------------------------------------------------
    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._apply_fit()
        self._layout()

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom * ZOOM_STEP ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() == Qt.Key.Key_0:
            self.actual_size()
        elif ctrl and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
        elif event.key() == Qt.Key.Key_Home:
            self.verticalScrollBar().setValue(0)
        elif event.key() == Qt.Key.Key_End:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        hit = self.page_at(event.position())
        if hit is None:
            return
        index, point = hit
        place = self.pages[index].place_at(point.y())
        if place is None:
            return
        if place.section_id in (HEADER, CLOSING):
            self.detailsClicked.emit()
        else:
            self.placeClicked.emit(place.section_id, place.block)

    def _scrolled(self, force: bool = False) -> None:
        if not self._tops:
            return
        middle = self.verticalScrollBar().value() + self.viewport().height() / 2
        current = 0
        for i, top in enumerate(self._tops):
            if top <= middle:
                current = i
        if current != self._current or force:
            self._current = current
            self.currentPageChanged.emit(current + 1)
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        painter.fillRect(self.viewport().rect(), DESK)
        if not self.pages:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        s = self.scale()
        visible = QRectF(self.viewport().rect())
        for i, page in enumerate(self.pages):
            rect = self.page_rect(i)
            if rect.bottom() < visible.top():
                continue
            if rect.top() > visible.bottom():
                break
            painter.fillRect(rect.translated(3, 3), SHADOW)
            painter.fillRect(rect, PAPER)
            painter.save()
            painter.setClipRect(rect)
            painter.translate(rect.topLeft())
            painter.scale(s, s)
            self._runs[i] = paint_page(painter, page, self.glyphs, self._runs.get(i))
            painter.restore()


# -- print and PDF ---------------------------------------------------------------------------
def ask_print(parent: QWidget | None, printer: QPrinter, page_count: int) -> bool:
    """The system print dialog (printer, copies, page range); True to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_tr("Print the report"))
    dialog.setMinMax(1, page_count)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def chosen_pages(printer: QPrinter, page_count: int) -> list[int]:
    """The 1-based pages the print dialog asked for, in order (all of them by default)."""
    if printer.printRange() != QPrinter.PrintRange.PageRange:
        return list(range(1, page_count + 1))
    numbers: list[int] = []
    for span in printer.pageRanges().toRangeList():
        numbers.extend(n for n in range(span.from_, span.to + 1) if 1 <= n <= page_count)
    return numbers or list(range(1, page_count + 1))


def new_printer(pages: Pages, title: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    first = pages[0]
    size = QPageSize(QSizeF(first.width, first.height), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point))
    printer.setFullPage(True)
    printer.setDocName(title or "hgreport")
    return printer


def print_pages(pages: Pages, parent: QWidget | None, title: str = "",
                printer: QPrinter | None = None) -> str:
    """Print ``pages`` through the system dialog: "printed", "cancelled" or "failed" (the
    person was told why)."""
    printer = printer or new_printer(pages, title)
    if not ask_print(parent, printer, len(pages)):
        return "cancelled"
    numbers = chosen_pages(printer, len(pages))
    glyphs = GlyphFonts(pages.fonts)
    painter = QPainter()
    if not painter.begin(printer):
        dialogs.show_error(parent, _tr("The printer could not start printing. Check that it "
                                       "is switched on and connected, then print again."))
        return "failed"
    scale = printer.resolution() / 72.0
    ok = True
    for n, number in enumerate(numbers):
        if n and not printer.newPage():
            ok = False
            break
        painter.save()
        painter.scale(scale, scale)
        paint_page(painter, pages[number - 1], glyphs)
        painter.restore()
    ok = painter.end() and ok
    if not ok or printer.printerState() == QPrinter.PrinterState.Error:
        dialogs.show_error(parent, _tr("Printing failed part of the way. Check the printer, "
                                       "then print again."))
        return "failed"
    return "printed"


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str | None:
    """Where to write the PDF (a name ending in .pdf), or None."""
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Export PDF"), suggested,
                                          _tr("PDF files (*.pdf)"))
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path or None


def ask_after_pdf(parent: QWidget | None, path: str) -> str | None:
    """After the PDF is written: "open", "folder" or None."""
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("Export finished"))
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(_tr("The PDF file was written:") + "\n" + path)
    open_ = box.addButton(_tr("Open"), QMessageBox.ButtonRole.AcceptRole)
    folder = box.addButton(_tr("Show in folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    return {open_: "open", folder: "folder"}.get(box.clickedButton())


def export_pdf_with_progress(parent: QWidget | None, report, target: str | Path,
                             pages: Pages | None = None) -> Path | None:
    """Write the PDF with a progress dialog; None (and a message) when it cannot be written."""
    from hgreport.pages.pdf import export_pdf

    progress = QProgressDialog(_tr("Writing the PDF file…"), "", 0, 100, parent)
    progress.setWindowTitle(_tr("Export PDF"))
    progress.setCancelButton(None)
    progress.setMinimumDuration(300)
    progress.setWindowModality(Qt.WindowModality.WindowModal)

    def step(done: int, total: int) -> None:
        progress.setValue(int(100 * done / total) if total else 0)
        QApplication.processEvents()

    try:
        written = export_pdf(report, target, progress=step, pages=pages)
    except errors.ReportError as exc:
        dialogs.show_error(parent, str(exc))
        return None
    except OSError as exc:
        dialogs.show_error(parent, _tr("Cannot write the PDF file: %1")
                           .replace("%1", exc.strerror or str(exc)))
        return None
    finally:
        progress.close()
    return written


# -- the panel -------------------------------------------------------------------------------
class PagesPanel(QWidget):
    """The page view with its toolbar (zoom, fit, print, PDF) and the page it shows, kept up
    to date with the session: ``schedule()`` after an edit, the pages follow when typing
    pauses (and only while the panel is shown)."""

    placeClicked = Signal(str, int)
    detailsClicked = Signal()
    exported = Signal(str)
    resized = Signal()

    def __init__(self, session, parent: QWidget | None = None, editor=None):
        super().__init__(parent)
        self.setObjectName("pagesPanel")
        self.session = session
        self.view = PagesView(self)
        self.view.placeClicked.connect(self.placeClicked)
        self.view.detailsClicked.connect(self.detailsClicked)
        self.report = None
        self.layout_ms = 0.0  # how long the last layout took
        self.stale = True
        self.problem = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REBUILD_DELAY_MS)
        self.timer.timeout.connect(self.rebuild)
        self.page_label = QLabel(self)
        self.page_label.setObjectName("pageNumber")
        self.toolbar = self._make_toolbar()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.view, 1)
        self.view.currentPageChanged.connect(self._show_page_number)
        self.view.zoomChanged.connect(self._show_zoom)
        for name in ("outlineChanged", "numbersChanged", "footnoteTextChanged",
                     "headerChanged", "sectionReplaced"):
            signal = getattr(session, name, None)
            if signal is not None:
                signal.connect(self.schedule)
        if editor is not None:  # typing in the section shown
            editor.textChanged.connect(self.schedule)

    def _make_toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setObjectName("pagesToolbar")

        def add(text, slot, keys=None, tip=""):
            act = bar.addAction(text)
            act.triggered.connect(slot)
            if keys:
                act.setShortcut(QKeySequence(keys))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(tip or text)
            return act

        self.act_zoom_out = add("−", lambda: self.view.zoom_out(), None, _tr("Zoom out (Ctrl+-)"))
        self.zoom_label = QLabel("100 %", bar)
        self.zoom_label.setMinimumWidth(56)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.zoom_label)
        self.act_zoom_in = add("+", lambda: self.view.zoom_in(), None, _tr("Zoom in (Ctrl+=)"))
        self.act_actual = add(_tr("100 %"), self.view.actual_size, None,
                              _tr("The paper's real size (Ctrl+0)"))
        self.act_fit_width = add(_tr("Fit width"), self.view.fit_width)
        self.act_fit_page = add(_tr("Whole page"), self.view.fit_page)
        bar.addSeparator()
        self.act_print = add(_tr("Print…"), self.print_report, None,
                             _tr("Print the report (Ctrl+P)"))
        self.act_pdf = add(_tr("Export PDF…"), self.export_pdf)
        bar.addSeparator()
        bar.addWidget(self.page_label)
        return bar

    # -- following the report -----------------------------------------------------------------
    def schedule(self, *_args) -> None:
        """Something changed: lay the pages out again once typing pauses."""
        self.stale = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale:
            self.rebuild()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    def rebuild(self) -> Pages | None:
        """Lay the report out now (from the session, with what is still being typed)."""
        self.timer.stop()
        report = self.session.snapshot()
        t0 = time.perf_counter()
        try:
            pages = paginate(report)
        except errors.ReportError as exc:  # a damaged profile or no font: say so, here
            self.problem = str(exc)
            self.page_label.setText(self.problem)
            return None
        self.layout_ms = (time.perf_counter() - t0) * 1000
        self.report = report
        self.stale = False
        self.problem = ""
        self.view.set_pages(pages)
        self._show_page_number(self.view.current_page())
        return pages

    def pages(self) -> Pages | None:
        if self.stale or self.view.pages is None:
            return self.rebuild()
        return self.view.pages

    def _show_page_number(self, number: int) -> None:
        if self.view.pages is None:
            return
        self.page_label.setText(_tr("Page %1 of %2").replace("%1", str(number))
                                .replace("%2", str(len(self.view.pages))))

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(f"{round(zoom * 100)} %")

    # -- print and PDF --------------------------------------------------------------------------
    def _title(self) -> str:
        header = self.report.header if self.report is not None else None
        return (header.summary or header.type_name) if header is not None else ""

    def print_report(self) -> str:
        """Ctrl+P: the print dialog, then the pages it asks for."""
        pages = self.pages()
        if pages is None:
            dialogs.show_error(self, self.problem)
            return "failed"
        return print_pages(pages, self, self._title())

    def export_pdf(self) -> Path | None:
        """File → Export PDF: ask where, write it with a progress dialog, offer to open it."""
        from hgreport.export import suggested_filename

        pages = self.pages()
        if pages is None:
            dialogs.show_error(self, self.problem)
            return None
        folder = Path(self.session.store.path).parent
        suggested = folder / Path(suggested_filename(self.report)).with_suffix(".pdf")
        target = ask_pdf_path(self, str(suggested))
        if not target:
            return None
        written = export_pdf_with_progress(self, self.report, target, pages)
        if written is None:
            return None
        self.exported.emit(str(written))
        choice = ask_after_pdf(self, str(written))
        if choice == "open":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))
        elif choice == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(written).parent)))
        return written


# -- in the window -----------------------------------------------------------------------------
def open_place(win, section_id: str, block: int) -> None:
    """Show a section in the editor, the cursor at the start of paragraph ``block``."""
    win.tree.select(section_id)
    win.show_section(section_id)
    editor = win.editor
    if block >= 0:
        doc = editor.document()
        position = _position_of(doc, _block_id(win.session, section_id, block))
        if position is None:  # not found by its id: by its place
            found = doc.findBlockByNumber(block)
            position = found.position() if found.isValid() else None
        if position is not None:
            cursor = QTextCursor(doc)
            cursor.setPosition(position)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
    editor.setFocus()


def _block_id(session, section_id: str, block: int) -> str | None:
    try:
        body = session.report.section(section_id).body
    except (KeyError, AttributeError):
        return None
    return body[block].id if 0 <= block < len(body) else None


def _position_of(doc, block_id: str | None) -> int | None:
    """Where the paragraph or table ``block_id`` starts in ``doc`` (a table fills many of
    the document's blocks, so a body index is not a block number once a table is above)."""
    from .blocks import TABLE_ID, block_id_of

    if not block_id:
        return None
    found = doc.begin()
    while found.isValid():
        if block_id_of(found) == block_id:
            return found.position()
        found = found.next()
    for frame in doc.rootFrame().childFrames():
        if str(frame.format().property(TABLE_ID) or "") == block_id:
            return frame.firstPosition()
    return None


def attach(win) -> PagesPanel:
    """Give a report window its page view: a dock beside the text (hidden until View → Pages),
    following the session and the editor; a click on a page opens that place, a click on the
    header or closing opens the document's details. Makes the window's ``act_pages`` (View →
    Pages, Ctrl+F2), ``act_print`` (File → Print, Ctrl+P) and ``act_export_pdf`` (File →
    Export PDF) for the menus to show."""
    panel = PagesPanel(win.session, win, editor=win.editor)
    dock = QDockWidget(_tr("Pages"), win)
    dock.setObjectName("pagesDock")
    dock.setWidget(panel)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    shown_once = []

    def visibility(visible: bool) -> None:
        if visible and not shown_once:  # the first time: about half of the window
            shown_once.append(True)
            win.resizeDocks([dock], [int(win.width() * 0.45)], Qt.Orientation.Horizontal)
        fit = getattr(win, "fit_panels", None)  # the text keeps a readable width
        if fit is not None:
            QTimer.singleShot(0, fit)

    dock.visibilityChanged.connect(visibility)
    if hasattr(win, "fit_panels"):
        panel.resized.connect(win.fit_panels)
    panel.placeClicked.connect(lambda sid, block: open_place(win, sid, block))
    if hasattr(win, "edit_properties"):
        panel.detailsClicked.connect(win.edit_properties)
    status = getattr(win, "status", None)
    if status is not None:
        panel.exported.connect(lambda path: status.showMessage(
            _tr("Exported to %1").replace("%1", path), 15000))

    def action(act: QAction, keys, tip: str) -> QAction:
        if keys is not None:
            act.setShortcut(QKeySequence(keys))
        act.setToolTip(tip)
        act.setStatusTip(tip)
        win.addAction(act)  # the key works wherever the focus is in the window
        return act

    win.act_pages = action(dock.toggleViewAction(), "Ctrl+F2",  # Word's print preview
                           _tr("The whole report page by page, as it prints (Ctrl+F2)"))
    win.act_pages.setText(_tr("&Pages"))
    win.act_print = action(QAction(_tr("&Print…"), win), QKeySequence.StandardKey.Print,
                           _tr("Print the report (Ctrl+P)"))
    win.act_print.triggered.connect(panel.print_report)
    win.act_export_pdf = action(QAction(_tr("Export &PDF…"), win), None,
                                _tr("Write the report as a PDF file, fonts included"))
    win.act_export_pdf.triggered.connect(panel.export_pdf)
    win.pages_dock = dock
    win.pages_panel = panel
    return panel

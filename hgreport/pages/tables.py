"""Tables of figures on the page: the caption, then the rows as boxes the paginator places.

Set as the Word export sets them (:mod:`hgreport.export.tables`) from the profile's ``table``
values: the table is as wide as the text, its columns share that width by their relative
widths, cell text is at the table text size, single spaced, wrapped inside the cell margins
and aligned by its column (a paragraph's own alignment first; header rows bold and aligned as
the profile says); borders are thin lines. A row is one box (rows joined by a cell merged
down are one box), so no row is cut across pages; a row taller than a page is cut between
lines (where it is: it starts on the page it comes to). Each row after the header carries
the header rows as its ``repeat``: the paginator draws them first when the row starts a page.
The caption is kept with the first row."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Table
from .flow import Box, Op, ParaSpec, line_boxes, paragraph_boxes, shift
from .fonts import style_of
from .lines import Piece, Style, break_lines
from .page import MM

_EPSILON = 0.01
MIN_TEXT_WIDTH = 6.0  # points: a column narrower than its margins still holds a letter a line


def column_widths(table: Table, total: float) -> list[float]:
    """Points per column: shares of ``total`` by the columns' relative widths (a column
    without one gets the average of the others), as the Word export shares them."""
    given = [c.width for c in table.columns if c.width]
    fill = sum(given) / len(given) if given else 1.0
    weights = [c.width or fill for c in table.columns]
    scale = total / sum(weights)
    return [w * scale for w in weights]


@dataclass(slots=True)
class _Line:
    top: float  # from the top of its row group
    bottom: float
    ops: list[Op]  # already placed in the group's coordinates
    notes: list[str]


@dataclass(slots=True)
class _Group:
    """Rows ``first``…``last`` (no merged cell crosses its edges): one box, or several
    when taller than a page."""

    first: int
    last: int
    height: float = 0.0
    lines: list[_Line] = field(default_factory=list)  # in reading order
    edges: list[tuple[float, float, float, float]] = field(default_factory=list)  # borders


class TableLayout:
    """The boxes of one table, built with the flow builder (its footnote numbering and the
    notes each first reference brings along)."""

    def __init__(self, builder, table: Table, place: tuple[str, int]):
        self.builder = builder
        self.table = table
        self.place = place
        profile = builder.profile
        self.spec = profile.table
        self.fonts = builder.fonts
        self.width = builder.width
        page = profile.page
        self.page_body = (page.size_mm[1] - page.margin_top_mm - page.margin_bottom_mm) * MM
        self.margin = self.spec.cell_margin_mm * MM
        self.border = self.spec.border_pt
        widths = column_widths(table, self.width)
        xs = [0.0]
        for w in widths:
            xs.append(xs[-1] + w)
        xs[-1] = self.width
        self.xs = xs

    # -- cells ------------------------------------------------------------------------------
    def cell_lines(self, row: int, col: int) -> tuple[list[_Line], float]:
        """A cell's lines from the top of the cell (x from the cell's left edge) and its
        height, the space before and after each paragraph included."""
        table, spec = self.table, self.spec
        cell = table.rows[row].cells[col]
        header = row < table.header_rows
        text = spec.text
        column_align = spec.header_align if header else table.columns[col].align
        face = "B" if header and spec.header_bold else "R"
        span_width = self.xs[col + cell.col_span] - self.xs[col]
        width = max(MIN_TEXT_WIDTH, span_width - 2 * self.margin)
        out: list[_Line] = []
        y = 0.0
        for p in cell.paragraphs:
            align = p.align if p.align in ("left", "center", "right", "justify") else None
            align = align or column_align or text.align
            para = ParaSpec(width, text.size_pt, align, 0.0, text.space_before_pt,
                            text.space_after_pt, None, False)
            pieces = self.builder.pieces(p.runs, Style(face, text.size_pt))
            lines = break_lines(pieces, self.fonts, width, align=align, size=text.size_pt)
            y += para.space_before
            for box in line_boxes(lines, para, self.fonts):
                out.append(_Line(y, y + box.height, shift(box.ops, self.margin, y),
                                 box.notes))
                y += box.height
            y += para.space_after
        return out, y

    # -- rows -------------------------------------------------------------------------------
    def groups(self) -> list[_Group]:
        """The rows in groups no merged cell crosses, each laid out with its borders."""
        table = self.table
        n = table.n_rows
        out = []
        r = 0
        while r < n:
            end = r + 1
            k = r
            while k < end:
                for cell in table.rows[k].cells:
                    if cell is not None:
                        end = max(end, min(n, k + cell.row_span))
                k += 1
            out.append(self.lay_group(r, end - 1))
            r = end
        return out

    def lay_group(self, first: int, last: int) -> _Group:
        table, xs = self.table, self.xs
        cells = []  # (row, col, cell, lines, height)
        heights = [0.0] * (last - first + 1)
        for r in range(first, last + 1):
            for c, cell in enumerate(table.rows[r].cells):
                if cell is None:
                    continue
                lines, h = self.cell_lines(r, c)
                cells.append((r, c, cell, lines, h))
                if cell.row_span == 1:
                    heights[r - first] = max(heights[r - first], h)
        for r, _c, cell, _lines, h in cells:  # a cell merged down: its last row grows
            span = min(cell.row_span, last - r + 1)
            if span > 1:
                have = sum(heights[r - first:r - first + span])
                if h > have:
                    heights[r - first + span - 1] += h - have
        ys = [0.0]
        for h in heights:
            ys.append(ys[-1] + h)
        group = _Group(first, last, ys[-1])
        group.edges.append((0.0, 0.0, self.width, 0.0))  # the top border
        group.edges.append((0.0, 0.0, 0.0, ys[-1]))  # the left border
        for r, c, cell, lines, _h in cells:
            top = ys[r - first]
            bottom = ys[min(r - first + cell.row_span, len(ys) - 1)]
            x1, x2 = xs[c], xs[min(c + cell.col_span, len(xs) - 1)]
            group.edges.append((x1, bottom, x2, bottom))
            group.edges.append((x2, top, x2, bottom))
            for line in lines:
                group.lines.append(_Line(line.top + top, line.bottom + top,
                                         shift(line.ops, x1, top), line.notes))
        return group

    def draw(self, group: _Group, y0: float, y1: float, keep_notes: bool = True,
             top: bool = True) -> Box:
        """The part of ``group`` between ``y0`` and ``y1`` as one box: the lines that start
        there and the borders clipped to it (a border across its top when ``top``)."""
        ops: list[Op] = []
        notes: list[str] = []
        last = y1 >= group.height - _EPSILON
        for line in group.lines:
            if y0 - _EPSILON <= line.top and (line.top < y1 - _EPSILON
                                               or (last and line.top <= y1)):
                ops.extend(shift(line.ops, 0.0, -y0))
                if keep_notes:
                    notes.extend(line.notes)
        w = self.border
        if top:
            ops.append(("r", 0.0, 0.0, self.width, 0.0, w))
        for x1, ya, x2, yb in group.edges[1:]:
            if ya == yb:  # horizontal
                if y0 + _EPSILON < ya <= y1 + _EPSILON:
                    ops.append(("r", x1, ya - y0, x2, ya - y0, w))
            else:
                a, b = max(ya, y0), min(yb, y1)
                if b > a + _EPSILON:
                    ops.append(("r", x1, a - y0, x2, b - y0, w))
        return Box(y1 - y0, ops, notes=notes, place=self.place)

    def bands(self, group: _Group) -> list[tuple[float, float]]:
        """Where a row may be cut: between lines of text, where no cell has a line across."""
        cuts = sorted({round(line.bottom, 3) for line in group.lines})
        out = []
        y0 = 0.0
        for c in cuts:
            if c <= y0 + _EPSILON or c >= group.height - _EPSILON:
                continue
            if any(line.top < c - _EPSILON and line.bottom > c + _EPSILON
                   for line in group.lines):
                continue
            out.append((y0, c))
            y0 = c
        out.append((y0, group.height))
        return out

    def pieces(self, group: _Group, limit: float, keep_notes: bool = True) -> list[Box]:
        """The group as one box when it fits in ``limit`` (and rows are kept whole); else a
        box per band of lines, a page may break between them: the row starts where it is
        and goes on, under the header, on the next page. A band that ends a page closes the
        cells with a border (``foot``); one that starts a page gets a border on top."""
        if group.height <= limit + _EPSILON and self.spec.keep_rows_whole:
            return [self.draw(group, 0.0, group.height, keep_notes)]
        w = self.border
        boxes = []
        for y0, y1 in self.bands(group):
            box = self.draw(group, y0, y1, keep_notes, top=y0 == 0.0)
            if y1 < group.height - _EPSILON:
                box.foot = [("r", 0.0, box.height, self.width, box.height, w)]
            boxes.append(box)
        return boxes

    # -- the table ----------------------------------------------------------------------------
    def caption_boxes(self) -> list[Box]:
        cap = self.spec.caption
        if not self.table.caption:
            return []
        spec = ParaSpec(self.width, cap.size_pt, cap.align, 0.0, cap.space_before_pt,
                        cap.space_after_pt, None, False)
        pieces: list[Piece] = self.builder.pieces(
            self.table.caption, Style(style_of(cap.bold, cap.italic), cap.size_pt))
        return paragraph_boxes(pieces, spec, self.fonts, keep_lines=True, place=self.place)

    def boxes(self) -> list[Box]:
        """The caption's lines and the rows' boxes, in order, ready for the flow."""
        table, spec = self.table, self.spec
        out = self.caption_boxes()
        n_caption = len(out)
        groups = self.groups()
        header_groups = [g for g in groups if g.first < table.header_rows]
        header_height = sum(g.height for g in header_groups)
        repeat = None
        if header_groups and spec.repeat_header and header_height <= self.page_body / 2:
            repeat = self.draw(_joined(header_groups), 0.0, header_height, keep_notes=False)
        limit = self.page_body - (header_height if repeat is not None else 0.0) - 1.0
        top_rule = Box(0.0, [("r", 0.0, 0.0, self.width, 0.0, self.border)])
        for group in groups:
            is_header = group.first < table.header_rows
            parts = self.pieces(group, self.page_body - 1.0 if is_header else limit)
            for k, box in enumerate(parts):
                if not is_header:
                    box.repeat = repeat
                if k and box.repeat is None:  # a row going on at the top of a page
                    box.repeat = top_rule
            # the caption stays with the first row, the header rows with the row under them
            parts[0].breakable = not (len(out) == n_caption and n_caption) and not (
                group.first == table.header_rows > 0)
            out.extend(parts)
        if n_caption:
            out[n_caption].space_before = spec.caption.space_after_pt
        return out


def _joined(groups: list[_Group]) -> _Group:
    """Consecutive groups as one (the header rows, drawn again at the top of a page)."""
    out = _Group(groups[0].first, groups[-1].last)
    y = 0.0
    for g in groups:
        out.lines.extend(_Line(line.top + y, line.bottom + y, shift(line.ops, 0.0, y),
                               line.notes) for line in g.lines)
        out.edges.extend((x1, ya + y, x2, yb + y) for x1, ya, x2, yb in g.edges)
        y += g.height
    out.height = y
    return out

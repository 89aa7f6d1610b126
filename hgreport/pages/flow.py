"""The report as a flow of boxes for the paginator: the first-page header and title block from
the layout plan, headings and paragraphs in lines, the closing block, and every footnote's lines.

A :class:`Box` is what cannot be cut: one line of text, a rule, the header or the closing
table. It says whether a page may break before it (keep-with-next, keep-lines, widows and
orphans are decided here) and which footnotes its line references."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout import BlankLine, ColumnsPlan, Item, LayoutPlan, Profile, RuleLine
from ..layout.profile import ParagraphStyle
from ..layout.text import upper
from ..model import TABLE, Footnote, Report, Run, Section, walk_tree
from ..numbering import Numbering
from .fonts import FontSet, style_of
from .lines import Line, Piece, Style, break_lines, sup_style
from .page import CLOSING, HEADER, MM

BORDER_SPACE = 1.0  # points between a paragraph and its bottom border (w:space="1")
WIDOW_LINES = 2  # Word's widow and orphan control: never one line alone on a page

# a drawing op relative to the box's top-left corner: ("t", x, y, text, face, size, width) or
# ("r", x1, y1, x2, y2, width)
Op = tuple


@dataclass(slots=True)
class Box:
    height: float
    ops: list[Op]
    space_before: float = 0.0
    notes: list[str] = field(default_factory=list)  # footnote ids first referenced here
    breakable: bool = True  # a page may end before this box
    forced: bool = False  # a page must end before this box (a page break before)
    place: tuple[str, int] | None = None  # (section id, block index) it shows
    repeat: Box | None = None  # drawn above this box when it starts a page (a table's header)
    foot: list[Op] | None = None  # drawn over this box when a page ends with it (a border)


@dataclass(frozen=True, slots=True)
class ParaSpec:
    """How the paragraphs of one kind are set: width, indent, alignment and spacing."""

    width: float
    size: float
    align: str
    first_indent: float
    space_before: float
    space_after: float
    line_pt: float | None  # exact or minimum line height; None: single
    exact: bool

    @staticmethod
    def of(style: ParagraphStyle, width: float, first_indent_mm: float | None = None,
           align: str | None = None) -> ParaSpec:
        single = style.line_spacing == "single"
        indent = style.first_line_indent_mm if first_indent_mm is None else first_indent_mm
        return ParaSpec(width, style.size_pt, align or style.align, indent * MM,
                        style.space_before_pt, style.space_after_pt,
                        None if single else style.line_spacing_pt,
                        style.line_spacing == "exact")


def line_boxes(lines: list[Line], spec: ParaSpec, fonts: FontSet, left: float = 0.0
               ) -> list[Box]:
    """One box per line, each with its words and underlines drawn at their baselines."""
    boxes = []
    regular = fonts.metrics["R"]
    for line in lines:
        single = regular.line_height * line.size
        if spec.line_pt is None:
            height = single
        elif spec.exact:
            height = spec.line_pt
        else:
            height = max(single, spec.line_pt)
        # the text sits on the line's foot: what the spacing adds goes above it, as in Word
        baseline = height - regular.descent * line.size - regular.line_gap * line.size
        if height < single:
            baseline = height - regular.descent * line.size
        ops: list[Op] = [("t", left + f.x, baseline - f.style.rise, f.text, f.style.face,
                          f.style.size, f.width) for f in line.frags]
        for x1, x2, style in line.underlines:
            m = fonts.metrics[style.face]
            y = baseline - style.rise + m.underline_position * style.size
            ops.append(("r", left + x1, y, left + x2, y, m.underline_thickness * style.size))
        boxes.append(Box(height, ops, notes=list(line.notes)))
    return boxes


def paragraph_boxes(pieces: list[Piece], spec: ParaSpec, fonts: FontSet, *,
                    keep_lines: bool = False, after_keep: bool = False,
                    forced: bool = False, place: tuple[str, int] | None = None,
                    space_before: float | None = None) -> list[Box]:
    """The boxes of one paragraph: the first carries the space before it; a page may break
    inside only where it leaves at least two lines on each side (and never when
    ``keep_lines``), and before it unless the paragraph above is kept with it."""
    lines = break_lines(pieces, fonts, spec.width, first_indent=spec.first_indent,
                        align=spec.align, size=spec.size)
    boxes = line_boxes(lines, spec, fonts)
    n = len(boxes)
    for k, box in enumerate(boxes):
        box.place = place
        if k == 0:
            box.space_before = spec.space_before if space_before is None else space_before
            box.breakable = not after_keep
            box.forced = forced
        else:
            box.breakable = (not keep_lines and k >= WIDOW_LINES and n - k >= WIDOW_LINES)
    return boxes


def _item_boxes(item: Item, width: float, fonts: FontSet, body_size: float) -> list[Box]:
    """One line of a layout plan (header, title or closing) as boxes, single spaced."""
    if isinstance(item, BlankLine):
        size = item.size_pt or body_size
        return [Box(fonts.metrics["R"].line_height * size, [])]
    if isinstance(item, RuleLine):
        y = item.gap_pt + BORDER_SPACE + item.width_pt / 2
        x1 = item.indent_mm * MM
        ops: list[Op] = [("r", x1, y, x1 + item.length_mm * MM, y, item.width_pt)]
        return [Box(item.gap_pt + BORDER_SPACE + item.width_pt, ops)]
    style = Style(style_of(item.bold, item.italic), item.size_pt, item.underline)
    spec = ParaSpec(width, item.size_pt, item.align, 0.0, item.space_before_pt or 0.0, 0.0,
                    None, False)
    return paragraph_boxes([Piece(item.text, style)], spec, fonts)


def _stack(items: tuple[Item, ...], width: float, fonts: FontSet, body_size: float,
           left: float) -> tuple[list[Op], float]:
    """A column of plan lines drawn one under the other; its ops and height."""
    ops: list[Op] = []
    y = 0.0
    for item in items:
        for box in _item_boxes(item, width, fonts, body_size):
            y += box.space_before
            ops.extend(shift(box.ops, left, y))
            y += box.height
    return ops, y


def shift(ops: list[Op], dx: float, dy: float) -> list[Op]:
    """Drawing operations moved by (``dx``, ``dy``)."""
    out = []
    for op in ops:
        if op[0] == "t":
            out.append(("t", op[1] + dx, op[2] + dy, *op[3:]))
        else:
            out.append(("r", op[1] + dx, op[2] + dy, op[3] + dx, op[4] + dy, op[5]))
    return out


def columns_box(plan: ColumnsPlan, fonts: FontSet, body_size: float) -> Box:
    """Two blocks side by side (the header, the closing): one box that is never cut."""
    left_ops, left_h = _stack(plan.left, plan.left_mm * MM, fonts, body_size, 0.0)
    right_ops, right_h = _stack(plan.right, plan.right_mm * MM, fonts, body_size,
                                plan.left_mm * MM)
    return Box(max(left_h, right_h), left_ops + right_ops)


@dataclass
class Flow:
    """The whole report as boxes, and the lines of each footnote by id."""

    boxes: list[Box]
    notes: dict[str, list[Box]]
    numbers: dict[str, int]


class FlowBuilder:
    def __init__(self, report: Report, profile: Profile, plan: LayoutPlan, fonts: FontSet):
        self.report = report
        self.profile = profile
        self.plan = plan
        self.fonts = fonts
        width = profile.page.text_width_mm * MM
        self.width = width
        self.body = ParaSpec.of(profile.body, width)
        self.note_spec = ParaSpec.of(profile.footnotes, width)
        self.numbering = Numbering.from_profile(profile)
        self.numbers = report.footnote_numbers()
        self.boxes: list[Box] = []
        self.notes: dict[str, list[Box]] = {}
        self._keep = False  # the last paragraph placed is kept with what follows
        self._after = 0.0  # the space after the last paragraph

    # -- runs -----------------------------------------------------------------------------
    def pieces(self, runs: list[Run], base: Style, caps: bool = False) -> list[Piece]:
        out = []
        for run in runs:
            if run.footnote:
                out.append(self.reference(run.footnote, base))
                continue
            if not run.text:
                continue
            marks = run.marks
            face = style_of(base.face in ("B", "BI") or "b" in marks,
                            base.face in ("I", "BI") or "i" in marks)
            style = Style(face, base.size, base.underline or "u" in marks)
            if "sup" in marks or "sub" in marks:
                style = sup_style(style, sub="sup" not in marks)
            out.append(Piece(upper(run.text) if caps else run.text, style))
        return out

    def reference(self, footnote_id: str, base: Style) -> Piece:
        """The number of a footnote in the text; its first mention brings the note along."""
        number = self.numbers.get(footnote_id, 0)
        first = footnote_id not in self.notes
        if first:
            self.notes[footnote_id] = self.note_lines(number,
                                                      self.report.footnotes.get(footnote_id))
        style = sup_style(Style(base.face, base.size))
        return Piece(str(number), style, footnote_id if first else None)

    # -- blocks ---------------------------------------------------------------------------
    def add(self, boxes: list[Box], keep_next: bool = False, space_after: float = 0.0) -> None:
        """Append a paragraph's boxes: the space after the one above adds to the space
        before this one, and a paragraph kept with the next lets no page end before it."""
        if boxes:
            boxes[0].space_before += self._after
            if self._keep:
                boxes[0].breakable = False
            self.boxes.extend(boxes)
        self._keep = keep_next
        self._after = space_after

    def paragraph(self, block, section_id: str, index: int, keep_next: bool = False) -> None:
        if getattr(block, "kind", None) == TABLE:
            from .tables import TableLayout

            self.add(TableLayout(self, block, (section_id, index)).boxes(), keep_next)
            return
        runs = getattr(block, "runs", [])
        align = getattr(block, "align", None) or self.body.align
        spec = self.body
        if align != spec.align or (align in ("center", "right") and spec.first_indent):
            spec = ParaSpec(spec.width, spec.size, align,
                            0.0 if align in ("center", "right") else spec.first_indent,
                            spec.space_before, spec.space_after, spec.line_pt, spec.exact)
        pieces = self.pieces(runs, Style("R", spec.size))
        boxes = paragraph_boxes(pieces, spec, self.fonts,
                                forced=bool(getattr(block, "page_break_before", False)),
                                place=(section_id, index))
        self.add(boxes, keep_next, spec.space_after)

    def heading(self, section: Section, level: int, number: str) -> None:
        st = self.numbering.level_style(level)
        title = section.title
        text = f"{number} {title}" if number and title else (number or title)
        base = Style(style_of(st.bold, st.italic), self.body.size)
        spec = ParaSpec(self.body.width, self.body.size, self.body.align,
                        self.profile.headings.indent_mm * MM, self.body.space_before,
                        self.body.space_after, self.body.line_pt, self.body.exact)
        pieces = [Piece(upper(text) if st.caps else text, base)]
        pieces += [self.reference(fid, base) for fid in section.title_notes]
        boxes = paragraph_boxes(pieces, spec, self.fonts, keep_lines=True,
                                place=(section.id, -1))
        self.add(boxes, keep_next=True, space_after=spec.space_after)

    def body_of(self, section: Section, keep_last: bool = False) -> None:
        last = len(section.body) - 1
        for i, block in enumerate(section.body):
            self.paragraph(block, section.id, i, keep_next=keep_last and i == last)

    def plan_items(self, items: tuple[Item, ...], place: str) -> None:
        for item in items:
            boxes = _item_boxes(item, self.width, self.fonts, self.body.size)
            for box in boxes:
                box.place = (place, 0)
            keep = bool(getattr(item, "keep_next", False))
            self.add(boxes, keep)

    def note_lines(self, number: int, note: Footnote | None) -> list[Box]:
        """A footnote's lines: its number raised, a space, then its text."""
        spec = self.note_spec
        base = Style("R", spec.size)
        paragraphs = list(note.body) if note else []
        if not paragraphs:
            paragraphs = [None]
        boxes: list[Box] = []
        for i, p in enumerate(paragraphs):
            runs = [r for r in getattr(p, "runs", []) if not r.footnote]  # none nested
            pieces = self.pieces(runs, base)
            if i == 0:
                pieces = [Piece(str(number), sup_style(base)), Piece(" ", base)] + pieces
            align = getattr(p, "align", None) or spec.align
            para_spec = spec if align == spec.align else ParaSpec(
                spec.width, spec.size, align, spec.first_indent, spec.space_before,
                spec.space_after, spec.line_pt, spec.exact)
            lines = break_lines(pieces, self.fonts, spec.width, first_indent=spec.first_indent,
                                align=para_spec.align, size=spec.size)
            para = line_boxes(lines, para_spec, self.fonts)
            para[0].space_before = spec.space_before if i else 0.0
            boxes.extend(para)
        return boxes

    # -- the whole report -----------------------------------------------------------------
    def build(self) -> Flow:
        report, plan = self.report, self.plan
        header = columns_box(plan.header, self.fonts, self.body.size)
        header.place = (HEADER, 0)
        self.add([header])
        self.plan_items(plan.title, HEADER)
        intro = report.intro
        if intro.title:
            self.heading(intro, 1, "")
        else:
            for fid in intro.title_notes:
                pieces = [self.reference(fid, Style("R", self.body.size))]
                self.add(paragraph_boxes(pieces, self.body, self.fonts, place=(intro.id, -1)))
        self.body_of(intro)
        for node in walk_tree(report.tree(self.numbering)):
            self.heading(node.section, node.level, node.number)
            self.body_of(node.section)
        ending = report.ending
        if ending.title:
            self.heading(ending, 1, "")
        self.body_of(ending, keep_last=True)
        if plan.closing is not None:
            closing = columns_box(plan.closing, self.fonts, self.body.size)
            closing.place = (CLOSING, 0)
            self.add([closing])
        return Flow(self.boxes, self.notes, self.numbers)

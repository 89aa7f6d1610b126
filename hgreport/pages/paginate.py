"""The paginator: a report, its format profile and its layout plan → pages of placed text.

Pure Python (no Qt): the PDF writer, the page view and the printer draw what it returns.
It fills each page box by box (:mod:`.flow`); when a box does not fit, the page ends at the
last place a break is allowed (headings stay with the next line, no widow or orphan line,
the closing block stays whole). Footnotes go to the foot of the page of their reference,
under the separator; a note too long for the room left is continued on the next page, under
a separator across the text width, before that page's own notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..layout import LayoutPlan, Profile, layout_plan
from ..model import Report
from ..resources import load_profile
from .flow import Box, Flow, FlowBuilder
from .fonts import FontSet, font_set
from .page import MM, Page, Pages, Place, Rule, Text

SEPARATOR_LENGTH = 144.0  # Word's footnote separator: two inches …
SEPARATOR_WIDTH = 0.5  # … half a point thick
_EPSILON = 0.01


@dataclass(slots=True)
class _NoteLine:
    note: str
    first: bool
    box: Box


@dataclass
class _Fill:
    """One page being filled: the height of its body and what its footnotes need."""

    avail: float
    separator: float
    carry: list[_NoteLine]
    notes: dict[str, list[Box]]
    body: float = 0.0
    count: int = 0
    refs: list[str] = field(default_factory=list)
    notes_h: float = 0.0
    last_h: float = 0.0
    last_first: float = 0.0

    def __post_init__(self) -> None:
        self.carry_h = sum(line.box.height + line.box.space_before for line in self.carry)

    def add(self, box: Box) -> None:
        if self.count:
            self.body += box.space_before
        self.body += box.height
        self.count += 1
        for fid in box.notes:
            lines = self.notes[fid]
            self.refs.append(fid)
            self.last_h = sum(b.height + b.space_before for b in lines)
            self.last_first = lines[0].height if lines else 0.0
            self.notes_h += self.last_h

    def fits(self) -> bool:
        """Every note referenced here can start here (all but the last whole, the last at
        least its first line), after what was carried over; carried lines get a line."""
        if self.refs:
            need = (self.separator + self.carry_h + self.notes_h - self.last_h
                    + self.last_first)
        elif self.carry:
            need = self.separator + self.carry[0].box.height
        else:
            need = 0.0
        return self.body + need <= self.avail + _EPSILON


class Paginator:
    def __init__(self, flow: Flow, profile: Profile, fonts: FontSet):
        self.flow = flow
        self.profile = profile
        self.fonts = fonts
        page = profile.page
        self.width, self.height = (v * MM for v in page.size_mm)
        self.left = page.margin_left_mm * MM
        self.right = self.width - page.margin_right_mm * MM
        self.top = page.margin_top_mm * MM
        self.bottom = self.height - page.margin_bottom_mm * MM
        # the separator is a paragraph of its own, single spaced at the default size
        self.separator = fonts.metrics["R"].line_height * profile.body.size_pt
        self.pages: list[Page] = []

    def _fill(self, carry: list[_NoteLine]) -> _Fill:
        return _Fill(self.bottom - self.top, self.separator, carry, self.flow.notes)

    def page_end(self, start: int, carry: list[_NoteLine]) -> int:
        """Where the page that starts with box ``start`` ends (the first box of the next)."""
        boxes = self.flow.boxes
        fill = self._fill(carry)
        allowed = None  # the last box before which this page may end
        for t in range(start, len(boxes)):
            box = boxes[t]
            if t > start and box.forced:
                # a page break before it; what is kept with it (its heading) goes along,
                # unless that already starts this page
                if box.breakable:
                    return t
                if allowed is not None:
                    return allowed
            if t > start and box.breakable:
                allowed = t
            if t == start and box.repeat is not None:
                fill.add(box.repeat)  # a table's header rows, again on top of the page
            fill.add(box)
            if not fill.fits():
                if t == start:
                    if carry:
                        return start  # a page of continued footnotes only
                    return start + 1  # taller than a page on its own: it overflows
                return allowed if allowed is not None else t
        return len(boxes)

    def lay_out(self, start: int, end: int, carry: list[_NoteLine]) -> list[_NoteLine]:
        """Place boxes ``start``…``end`` and their notes on a new page; what is carried on."""
        page = Page(len(self.pages) + 1, self.width, self.height)
        self.pages.append(page)
        numbers = self.flow.numbers
        y = self.top
        refs: list[str] = []
        for i in range(start, end):
            box = self.flow.boxes[i]
            if i > start:
                y += box.space_before
            elif box.repeat is not None:  # a table goes on: its header rows first
                _draw(page, box.repeat.ops, self.left, y)
                if box.place is not None:
                    page.places.append(Place(y, y + box.repeat.height, *box.place, 0))
                y += box.repeat.height
            _draw(page, box.ops, self.left, y)
            if box.place is not None:
                last = page.places[-1] if page.places else None
                if last is not None and (last.section_id, last.block) == box.place:
                    page.places[-1] = Place(last.top, y + box.height, *box.place,
                                            last.lines + 1)
                else:
                    page.places.append(Place(y, y + box.height, *box.place))
            refs.extend(box.notes)
            if box.foot and i == end - 1 and end < len(self.flow.boxes):
                _draw(page, box.foot, self.left, y)  # a table row cut here: closed
            y += box.height
        page.body_bottom = y
        page.refs = [numbers.get(fid, 0) for fid in refs]
        lines = list(carry)
        minimum = min(1, len(carry))
        for k, fid in enumerate(refs):
            note_lines = self.flow.notes[fid]
            if k == len(refs) - 1:
                minimum = len(lines) + 1
            lines.extend(_NoteLine(fid, j == 0, b) for j, b in enumerate(note_lines))
        if not lines:
            return []
        room = self.bottom - y - self.separator
        used = 0.0
        count = 0
        for line in lines:
            step = line.box.height + (line.box.space_before if count else 0.0)
            if used + step > room + _EPSILON and count >= minimum:
                break
            used += step
            count += 1
        placed, rest = lines[:count], lines[count:]
        y = self.bottom - used - self.separator
        rule_y = y + self.separator / 2
        length = (self.right - self.left) if carry else SEPARATOR_LENGTH
        page.items.append(Rule(self.left, rule_y, self.left + length, rule_y, SEPARATOR_WIDTH))
        y += self.separator
        for n, line in enumerate(placed):
            if n:
                y += line.box.space_before
            _draw(page, line.box.ops, self.left, y)
            y += line.box.height
            number = numbers.get(line.note, 0)
            if line.first:
                page.notes.append(number)
            elif n == 0 or placed[n - 1].note != line.note:
                page.continued.append(number)
        return rest

    def page_numbers(self) -> None:
        spec = self.profile.page_number
        page_setup = self.profile.page
        m = self.fonts.metrics["R"]
        baseline = page_setup.header_distance_mm * MM + m.ascent * spec.size_pt
        for page in self.pages:
            if page.number == 1 and not spec.show_on_first_page:
                continue
            text = str(page.number)
            w = m.width(text) * spec.size_pt
            if spec.align == "left":
                x = self.left
            elif spec.align == "right":
                x = self.right - w
            else:
                x = self.left + (self.right - self.left - w) / 2
            page.items.append(Text(x, baseline, text, "R", spec.size_pt, w))

    def run(self) -> Pages:
        boxes = self.flow.boxes
        start = 0
        carry: list[_NoteLine] = []
        while start < len(boxes) or carry:
            end = self.page_end(start, carry) if start < len(boxes) else start
            carry = self.lay_out(start, end, carry)
            start = end
        if not self.pages:
            self.pages.append(Page(1, self.width, self.height))
        self.page_numbers()
        return Pages(self.pages, self.fonts, self.left, self.right, self.top, self.bottom)


def _draw(page: Page, ops: list, dx: float, dy: float) -> None:
    items = page.items
    for op in ops:
        if op[0] == "t":
            items.append(Text(op[1] + dx, op[2] + dy, op[3], op[4], op[5], op[6]))
        else:
            items.append(Rule(op[1] + dx, op[2] + dy, op[3] + dx, op[4] + dy, op[5]))


def paginate(report: Report, profile: Profile | None = None, plan: LayoutPlan | None = None,
             fonts: FontSet | None = None) -> Pages:
    """The pages of ``report`` in its format profile (or ``profile``), drawn from the layout
    plan (computed here unless given) with ``fonts`` (the profile's family, or the shipped
    Liberation Serif where it is not installed)."""
    if profile is None:
        profile = load_profile(report.profile)
    if plan is None:
        plan = layout_plan(report.header, report.closing, profile)
    if fonts is None:
        fonts = font_set(profile.font.name)
    flow = FlowBuilder(report, profile, plan, fonts).build()
    return Paginator(flow, profile, fonts).run()

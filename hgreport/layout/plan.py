"""The layout plan: what goes where on the page for one report, computed once from the profile.

The plan says, for the first-page header, the title block and the closing, which lines are
printed, with what text (capitals applied), size, marks, alignment and spacing, and where
rules go and how long they are; for the body, the text width, font and spacing. The DOCX
writer and the window's previews only render a plan: neither has a list of lines of its own."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Closing, Header
from .profile import Columns, Line, Profile
from .text import date_line, document_number, recipient_lines, text_width_pt, upper

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class TextLine:
    text: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    space_before_pt: float | None = None
    keep_next: bool = False

    @property
    def marks(self) -> tuple[str, ...]:
        """The marks as the model writes them: ``b``, ``i``, ``u``."""
        return tuple(m for m, on in (("b", self.bold), ("i", self.italic),
                                     ("u", self.underline)) if on)


@dataclass(frozen=True)
class BlankLine:
    """An empty paragraph: a place kept for a missing field, or room for a signature."""

    size_pt: float | None = None
    align: str | None = None


@dataclass(frozen=True)
class RuleLine:
    """A solid rule ``length_mm`` long, centred in a column by equal side indents."""

    length_mm: float
    indent_mm: float
    width_pt: float
    gap_pt: float
    keep_next: bool = False


Item = TextLine | BlankLine | RuleLine


@dataclass(frozen=True)
class ColumnsPlan:
    """Two blocks side by side: column widths and the items of each."""

    left_mm: float
    right_mm: float
    left: tuple[Item, ...]
    right: tuple[Item, ...]


@dataclass(frozen=True)
class BodyLayout:
    """The page a section is written on: what the window shows and the body style prints."""

    font: str
    size_pt: float
    align: str
    first_line_indent_mm: float
    space_before_pt: float
    space_after_pt: float
    line_spacing_pt: float | None  # None: single spacing
    line_exact: bool  # exactly line_spacing_pt (else at least)
    text_width_mm: float


def field_values(header: Header, closing: Closing | None, profile: Profile) -> dict[str, str]:
    """What each ``{field}`` of a line prints."""
    values = {name: getattr(header, name) for name in (
        "superior", "issuer", "type_name", "type_code", "issuer_code", "place", "summary",
        "draft_mark", "urgency")}
    values["number"] = document_number(header, profile)
    values["date"] = date_line(header, profile)
    c = closing or Closing()
    values.update(authority=c.authority, position=c.position, signer=c.signer)
    return values


def _is_empty(line: Line, header: Header, closing: Closing | None) -> bool:
    """Every field the line names is empty in the report (a computed field counts as empty
    when what it is made of is: {number} without a number, {date} without place or year)."""
    def raw(name: str) -> str:
        if name == "date":
            return f"{header.place}{header.year or ''}"
        source = closing if name in ("authority", "position", "signer") else header
        return str(getattr(source, name, "") or "") if source is not None else ""

    names = line.fields
    return bool(names) and not any(raw(n).strip() for n in names)


def _lines(lines: tuple[Line, ...], values: dict[str, str], header: Header,
           closing: Closing | None, column_mm: float, *, align: str = "center",
           keep_next: bool = False, first_before: float | None = None) -> tuple[Item, ...]:
    items: list[Item] = []
    for line in lines:
        if line.blank_lines:
            items.extend(BlankLine(line.size_pt, align) for _ in range(line.blank_lines))
            continue
        if _is_empty(line, header, closing):
            if line.if_empty == "omit":
                continue
            if line.if_empty == "blank":
                items.append(BlankLine())
                continue
        text = line.text.format(**values)
        if line.caps:
            text = upper(text)
        before = line.space_before_pt
        if not items and first_before is not None and before is None:
            before = first_before
        items.append(TextLine(text, line.size_pt, line.bold, line.italic, line.underline,
                              align, before, keep_next))
        if line.rule is not None and text.strip():
            rule = line.rule
            printed_mm = min(text_width_pt(text, line.size_pt, line.bold) * MM_PER_PT,
                             column_mm)
            length = rule.length_mm or printed_mm * rule.ratio
            items.append(RuleLine(length, max(0.0, (column_mm - length) / 2), rule.width_pt,
                                  rule.gap_pt, keep_next))
    return tuple(items)


def header_plan(header: Header, profile: Profile,
                closing: Closing | None = None) -> ColumnsPlan:
    """The first-page header: the two blocks of the profile filled from ``header``."""
    spec: Columns = profile.header
    values = field_values(header, closing, profile)
    return ColumnsPlan(
        spec.left_mm, spec.right_mm,
        _lines(spec.left, values, header, closing, spec.left_mm),
        _lines(spec.right, values, header, closing, spec.right_mm))


def title_plan(header: Header, profile: Profile,
               closing: Closing | None = None) -> tuple[Item, ...]:
    """The title block across the text width, each line kept with what follows."""
    values = field_values(header, closing, profile)
    return _lines(profile.title.lines, values, header, closing, profile.page.text_width_mm,
                  keep_next=True)


def closing_plan(closing: Closing, profile: Profile,
                 header: Header | None = None) -> ColumnsPlan | None:
    """Recipients on the left, the signature on the right; None when there is neither a
    recipient nor any signature line to print."""
    spec = profile.closing
    header = header or Header()
    values = field_values(header, closing, profile)
    before = spec.space_before_pt
    left: list[Item] = []
    recipients = recipient_lines(closing, profile)
    if recipients:
        left.extend(_lines((spec.recipients_heading,), values, header, closing, spec.left_mm,
                           align="left", first_before=before))
        style = spec.recipients
        left.extend(TextLine(r, style.size_pt, style.bold, style.italic, align="left")
                    for r in recipients)
    right = _lines(spec.signature, values, header, closing, spec.right_mm, first_before=before)
    if not left and not any(isinstance(item, TextLine) for item in right):
        return None
    return ColumnsPlan(spec.left_mm, spec.right_mm, tuple(left), right)


def body_layout(profile: Profile) -> BodyLayout:
    """The body text's page: font, size, spacing and the width of the text."""
    body = profile.body
    single = body.line_spacing == "single"
    return BodyLayout(
        font=profile.font.name, size_pt=body.size_pt, align=body.align,
        first_line_indent_mm=body.first_line_indent_mm,
        space_before_pt=body.space_before_pt, space_after_pt=body.space_after_pt,
        line_spacing_pt=None if single else body.line_spacing_pt,
        line_exact=body.line_spacing == "exact", text_width_mm=profile.page.text_width_mm)


@dataclass(frozen=True)
class LayoutPlan:
    """Everything placed around the sections of one report."""

    header: ColumnsPlan
    title: tuple[Item, ...]
    closing: ColumnsPlan | None
    body: BodyLayout


def layout_plan(header: Header, closing: Closing, profile: Profile) -> LayoutPlan:
    return LayoutPlan(header_plan(header, profile, closing), title_plan(header, profile, closing),
                      closing_plan(closing, profile, header), body_layout(profile))

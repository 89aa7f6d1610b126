"""The format profile, typed: page, fonts, the lines of the header, title and closing blocks,
body, headings, footnotes, tables and the document types, read from JSON and checked on load.

Every layout value of the export and of the on-screen page is here; nothing in the writers
has a default of its own. The JSON keys are the field names below; a field with a default
may be left out of a profile, every other one is required (see :mod:`.schema`)."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..numbering import LevelStyle
from .errors import ProfileBadValue, ProfileUnreadable
from .schema import Builder, checked, items, number

FORMAT_VERSION = 2

Align = Literal["left", "center", "right", "justify"]

# The fields a line's text may name: the report's header and closing fields, plus two made
# by the profile's own rules: {number} (blank in a draft, zero-padded) and {date}.
HEADER_FIELDS = ("superior", "issuer", "number", "type_name", "type_code", "issuer_code",
                 "date", "place", "summary", "draft_mark", "urgency")
CLOSING_FIELDS = ("authority", "position", "signer")
LINE_FIELDS = HEADER_FIELDS + CLOSING_FIELDS
DATE_FIELDS = ("place", "day", "month", "year")


def fields_of(pattern: str) -> tuple[str, ...]:
    """The ``{names}`` a text pattern uses, in order."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(pattern) if name)


def _pattern(allowed: tuple[str, ...]):
    def check(pattern: str) -> tuple[str, str] | None:
        try:
            parts = list(string.Formatter().parse(pattern))
        except ValueError:
            return ("một mẫu chữ có ngoặc {…} đóng mở đúng", "a text pattern with matched {…}")
        for _, name, spec, conversion in parts:
            if name is not None and (name not in allowed or spec or conversion):
                names = ", ".join("{" + a + "}" for a in allowed)
                return (f"một mẫu chữ chỉ dùng {names}", f"a text pattern using only {names}")
        return None
    return check


def _colour(value: str) -> tuple[str, str] | None:
    if len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):
        return None
    return ("mã màu 6 chữ số hệ 16, ví dụ \"000000\"", "a 6-digit hex colour such as \"000000\"")


def _not_blank(value: str) -> tuple[str, str] | None:
    return ("một chuỗi chữ không rỗng", "a non-empty string") if not value.strip() else None


@dataclass(frozen=True, kw_only=True)
class Page:
    paper: str
    width_mm: float = number(50, 1500)
    height_mm: float = number(50, 1500)
    orientation: Literal["portrait", "landscape"]
    margin_top_mm: float = number(0, 200)
    margin_bottom_mm: float = number(0, 200)
    margin_left_mm: float = number(0, 200)
    margin_right_mm: float = number(0, 200)
    header_distance_mm: float = number(0, 200)
    footer_distance_mm: float = number(0, 200)

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) as printed: a landscape page lies on its long side."""
        w, h = self.width_mm, self.height_mm
        return (max(w, h), min(w, h)) if self.orientation == "landscape" else (w, h)

    @property
    def text_width_mm(self) -> float:
        return self.size_mm[0] - self.margin_left_mm - self.margin_right_mm

    def problems(self):
        if self.text_width_mm < 20:
            yield ("margin_right_mm", ("lề trái và phải chừa lại ít nhất 20 mm cho chữ",
                                       "margins that leave at least 20 mm for the text"),
                   self.margin_right_mm)


@dataclass(frozen=True, kw_only=True)
class Font:
    name: str = checked(_not_blank)
    color: str = checked(_colour)


@dataclass(frozen=True, kw_only=True)
class PageNumber:
    size_pt: float = number(4, 72)
    align: Align
    position: Literal["header"]
    show_on_first_page: bool


@dataclass(frozen=True, kw_only=True)
class Rule:
    """A solid line under a line of text: an empty paragraph with a bottom border."""

    width_pt: float = number(0.25, 6)
    gap_pt: float = number(1, 72)  # the height of the rule's own paragraph
    length_mm: float | None = number(1, 500, default=None)  # fixed length, or …
    ratio: float = number(0.05, 1, default=1.0)  # … this share of the printed line above


@dataclass(frozen=True, kw_only=True)
class Line:
    """One line of a block: ``text`` names report fields (``"Số {number}-{type_code}/…"``);
    ``if_empty`` says what happens when every field it names is empty: ``omit`` the line,
    leave a ``blank`` paragraph in its place, or ``print`` it anyway. ``blank_lines`` instead
    makes that many empty lines (the room for a signature)."""

    text: str = checked(_pattern(LINE_FIELDS), default="")
    blank_lines: int = number(0, 20, default=0)
    size_pt: float = number(4, 72)
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    space_before_pt: float | None = number(0, 200, default=None)
    if_empty: Literal["print", "omit", "blank"] = "print"
    rule: Rule | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return fields_of(self.text)

    def problems(self):
        if bool(self.text) == bool(self.blank_lines):
            yield ("text", ("một dòng chữ, hoặc \"blank_lines\" (không cả hai)",
                            "a line of text, or \"blank_lines\" (not both)"), self.text)


@dataclass(frozen=True, kw_only=True)
class Columns:
    """Two blocks side by side (a borderless one-row table across the text width)."""

    left_mm: float = number(10, 500)
    right_mm: float = number(10, 500)
    left: tuple[Line, ...] = items(0)
    right: tuple[Line, ...] = items(0)


@dataclass(frozen=True, kw_only=True)
class DocumentNumber:
    blank: str  # what stands for the number while a draft has none
    zero_pad_below: int = number(0, 1000)  # 10: "05"; 0: no leading zero


@dataclass(frozen=True, kw_only=True)
class DateRule:
    pattern: str = checked(_pattern(DATE_FIELDS))
    zero_pad_day_below: int = number(0, 32)
    zero_pad_month_below: int = number(0, 13)
    blank_day: str
    blank_month: str
    blank_year: str


@dataclass(frozen=True, kw_only=True)
class TitleBlock:
    lines: tuple[Line, ...] = items(0)


@dataclass(frozen=True, kw_only=True)
class ParagraphStyle:
    """Body text or footnote text: size, alignment, indent, spacing."""

    size_pt: float = number(4, 72)
    align: Align
    first_line_indent_mm: float = number(0, 100)
    space_before_pt: float = number(0, 200)
    space_after_pt: float = number(0, 200)
    line_spacing: Literal["single", "exact", "at_least"]
    line_spacing_pt: float | None = number(4, 200, default=None)

    def problems(self):
        if self.line_spacing != "single" and self.line_spacing_pt is None:
            yield ("line_spacing_pt", ("một số (bắt buộc khi giãn dòng không phải \"single\")",
                                       "a number (required unless line_spacing is \"single\")"),
                   None)


@dataclass(frozen=True, kw_only=True)
class Headings:
    indent_mm: float = number(0, 100)
    levels: tuple[LevelStyle, ...] = items(1)


@dataclass(frozen=True, kw_only=True)
class Recipients:
    """The recipient lines: ``- Văn phòng Trung ương Đảng,`` … ``- Lưu VPTU.``"""

    size_pt: float = number(4, 72)
    bold: bool = False
    italic: bool = False
    prefix: str
    line_end: str
    last_line_end: str


@dataclass(frozen=True, kw_only=True)
class ClosingBlock:
    """Recipients (left) and signature (right)."""

    left_mm: float = number(10, 500)
    right_mm: float = number(10, 500)
    space_before_pt: float = number(0, 200)  # above the first line of each column
    recipients_heading: Line
    recipients: Recipients
    signature: tuple[Line, ...] = items(0)


@dataclass(frozen=True, kw_only=True)
class TableCaption:
    """The caption line above a table ("Bảng 1: Kết quả thực hiện các chỉ tiêu")."""

    size_pt: float = number(4, 72)
    bold: bool = False
    italic: bool = False
    align: Align
    space_before_pt: float = number(0, 200)
    space_after_pt: float = number(0, 200)


@dataclass(frozen=True, kw_only=True)
class TableStyle:
    """Tables of figures in the body: ``text`` is the cells' paragraph style (a column's
    alignment and a paragraph's own replace its ``align``); thin borders of ``border_pt``;
    ``cell_margin_mm`` left and right inside each cell; header rows bold and centred as
    set, repeated at the top of each printed page when ``repeat_header``; rows kept whole
    on a page when ``keep_rows_whole`` (a row taller than a page still breaks: Word and
    LibreOffice split it). A table is as wide as the text."""

    text: ParagraphStyle
    border_pt: float = number(0.25, 6)
    cell_margin_mm: float = number(0, 20)
    header_bold: bool
    header_align: Align
    repeat_header: bool
    keep_rows_whole: bool
    caption: TableCaption


# for a profile written before tables: the values of the shipped profiles
DEFAULT_TABLE = TableStyle(
    text=ParagraphStyle(size_pt=13, align="left", first_line_indent_mm=0, space_before_pt=2,
                        space_after_pt=2, line_spacing="single"),
    border_pt=0.5, cell_margin_mm=1.5, header_bold=True, header_align="center",
    repeat_header=True, keep_rows_whole=True,
    caption=TableCaption(size_pt=14, bold=True, align="center", space_before_pt=6,
                         space_after_pt=6))


@dataclass(frozen=True, kw_only=True)
class DocumentType:
    name: str = checked(_not_blank)  # as printed in the title block: "BÁO CÁO"
    code: str  # in the number line: "BC" (empty for a type that carries no code)


@dataclass(frozen=True, kw_only=True)
class Profile:
    id: str = checked(_not_blank)
    name: str = checked(_not_blank)
    based_on: str
    notes: str = ""
    format_version: int = number(FORMAT_VERSION, FORMAT_VERSION)
    page: Page
    font: Font
    page_number: PageNumber
    header: Columns
    number: DocumentNumber
    date: DateRule
    title: TitleBlock
    body: ParagraphStyle
    headings: Headings
    footnotes: ParagraphStyle
    closing: ClosingBlock
    document_types: tuple[DocumentType, ...] = items(1)
    table: TableStyle = DEFAULT_TABLE

    def code_of(self, type_name: str) -> str | None:
        """The code of a document type by its printed name (None for a name not listed)."""
        wanted = type_name.strip().casefold()
        for t in self.document_types:
            if t.name.casefold() == wanted:
                return t.code
        return None

    def problems(self):
        width = self.page.text_width_mm
        for key, block in (("header", self.header), ("closing", self.closing)):
            total = block.left_mm + block.right_mm
            if total > width + 0.5:
                yield (f"{key}.right_mm",
                       (f"một độ rộng để hai cột ({total:g} mm) nằm trong khổ chữ {width:g} mm",
                        f"a width that keeps both columns ({total:g} mm) within the "
                        f"{width:g} mm of text"), block.right_mm)
        seen = set()
        for i, t in enumerate(self.document_types):
            if t.name.casefold() in seen:
                yield (f"document_types[{i}].name", ("một tên chưa có trong danh sách",
                                                     "a name not listed already"), t.name)
            seen.add(t.name.casefold())


def profile_from_dict(data: object, source: str) -> Profile:
    """The typed profile of ``data`` (parsed JSON); ``source`` names the file in errors."""
    return Builder(source).build(Profile, data)


def read_profile(path: str | Path, expected_id: str | None = None) -> Profile:
    """Read and check the profile file at ``path``; its ``id`` must be ``expected_id`` (the
    file's name) when given."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProfileUnreadable(path=str(path), detail=exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProfileUnreadable(path=str(path), detail=str(exc)) from None
    profile = profile_from_dict(data, str(path))
    if expected_id is not None and profile.id != expected_id:
        raise ProfileBadValue(path=str(path), entry="id", found=repr(profile.id),
                              expected=(f"tên của tệp, “{expected_id}”",
                                        f"the file's name, “{expected_id}”"))
    return profile

"""The page model: what the paginator places and every renderer draws (PDF, screen, printer).

Coordinates are points from the top-left corner of the page; a text's ``y`` is its baseline.
Items are named tuples: a long report has a few hundred thousand of them.
Justified text is already split into words at their final places, and underlines are rules,
so a renderer only draws strings and lines: the PDF and the window cannot break lines apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .fonts import FontSet

MM = 72 / 25.4  # points per millimetre


class Text(NamedTuple):
    x: float
    y: float  # baseline
    text: str
    style: str  # "R", "B", "I" or "BI" (see :data:`hgreport.pages.fonts.STYLES`)
    size: float
    width: float  # as measured with the font that draws it


class Rule(NamedTuple):
    """A straight line (a rule under a header line, an underline, a footnote separator)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float


class Place(NamedTuple):
    """Where a block of the report sits on the page: clicking there opens it in the editor.
    ``block`` is the paragraph's index in the section's body, -1 for the section's title."""

    top: float
    bottom: float
    section_id: str
    block: int
    lines: int = 1  # how many of its lines are on this page


Item = Text | Rule

# what a place on a page may stand for besides a section: the header, title and closing
HEADER = "header"
CLOSING = "closing"


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    items: list[Item] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)  # footnote numbers referenced here
    notes: list[int] = field(default_factory=list)  # footnotes whose text starts here
    continued: list[int] = field(default_factory=list)  # footnotes carried over to here
    body_bottom: float = 0.0  # where the body text ends (the footnotes are below)

    def place_at(self, y: float) -> Place | None:
        """The block at height ``y`` (the nearest one above, in the body's gaps)."""
        best = None
        for place in self.places:
            if place.top <= y <= place.bottom:
                return place
            if place.top <= y:
                best = place
        return best

    def first_place(self, section_id: str, block: int | None = None) -> Place | None:
        for place in self.places:
            if place.section_id == section_id and (block is None or place.block == block):
                return place
        return None


@dataclass
class Pages:
    """A report laid out: its pages, the fonts measured with, and the text area."""

    pages: list[Page]
    fonts: FontSet
    text_left: float
    text_right: float
    text_top: float
    text_bottom: float

    def __len__(self) -> int:
        return len(self.pages)

    def __iter__(self):
        return iter(self.pages)

    def __getitem__(self, index: int) -> Page:
        return self.pages[index]

    def page_of(self, section_id: str, block: int | None = None) -> Page | None:
        """The first page showing that section (that paragraph of it, when given)."""
        for page in self.pages:
            if page.first_place(section_id, block) is not None:
                return page
        return None

    def text(self, page: Page) -> str:
        """The page's words in reading order (for checks; spacing is approximate)."""
        lines: dict[float, list[Text]] = {}
        for item in page.items:
            if isinstance(item, Text):
                lines.setdefault(round(item.y, 1), []).append(item)
        return "\n".join(" ".join(t.text for t in sorted(row, key=lambda t: t.x))
                         for _, row in sorted(lines.items()))

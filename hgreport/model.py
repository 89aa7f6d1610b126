"""The document model: a report, its section tree, bodies as typed blocks, and footnotes.

A body is a list of blocks with stable ids (:class:`Block`): the paragraph (runs of marked text
and footnote references) and the table (:class:`Table`: rows × columns of cells, each a list of
paragraphs); a kind this version does not know is kept as raw data (:class:`UnknownBlock`). A
new kind is one more class in :data:`BLOCK_KINDS`.

Numbers are never stored: a section's printed number comes from its place in the tree
(:mod:`hgreport.numbering`), a footnote's number from the order of its reference in the
document (:meth:`Report.footnote_numbers`). Text enters the model cleaned (:func:`hgreport.text.clean`).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import ClassVar, Protocol

from . import text as textmod

MARKS = ("b", "i", "u", "sup", "sub")
ALIGNMENTS = ("justify", "left", "center", "right")
KIND_INTRO = "intro"
KIND_SECTION = "section"
KIND_ENDING = "ending"


def new_id() -> str:
    """A stable random id for a section, a footnote or a block."""
    return str(uuid.uuid4())


@dataclass(frozen=True)
class Run:
    """A piece of text with marks, or a footnote reference (``footnote`` set, no text).

    A ``\\n`` inside ``text`` is a line break within the paragraph."""

    text: str = ""
    marks: tuple[str, ...] = ()
    footnote: str | None = None

    @staticmethod
    def of(text: str, *marks: str) -> Run:
        return Run(textmod.clean(text), tuple(m for m in MARKS if m in marks))

    @staticmethod
    def ref(footnote_id: str) -> Run:
        return Run(footnote=footnote_id)

    def to_dict(self) -> dict:
        if self.footnote:
            return {"fn": self.footnote}
        d: dict = {"t": self.text}
        if self.marks:
            d["m"] = list(self.marks)
        return d

    @staticmethod
    def from_dict(d: dict) -> Run:
        if d.get("fn"):
            return Run(footnote=str(d["fn"]))
        marks = d.get("m") or ()
        return Run(textmod.clean(str(d.get("t", ""))), tuple(m for m in MARKS if m in marks))


class Block(Protocol):
    """What every kind of body block offers the rest of the engine. A block has a stable
    ``id`` (kept through edits and moves; a copy gets a new one), a ``kind`` (the ``"kind"``
    key of its dict; absent means a paragraph, as in files of 0.1.0), its plain text, the
    footnotes it references in order, and its dict for storage. Code that needs only text or
    references uses this, never ``.runs``."""

    id: str

    @property
    def kind(self) -> str: ...

    @property
    def text(self) -> str: ...

    def footnote_refs(self) -> list[str]: ...

    def map_refs(self, change: Callable[[str], str]) -> Block:
        """The block with every footnote reference ``fid`` replaced by ``change(fid)``."""
        ...

    def to_dict(self) -> dict: ...


PARAGRAPH = "paragraph"


@dataclass
class Paragraph:
    """One paragraph: runs, an alignment (None = the profile's default for body text) and
    whether it starts on a new page. Its ``id`` takes no part in equality: two paragraphs are
    equal when they read the same."""

    runs: list[Run] = field(default_factory=list)
    align: str | None = None
    page_break_before: bool = False
    id: str = field(default_factory=new_id, compare=False)
    kind: ClassVar[str] = PARAGRAPH

    @staticmethod
    def of(text: str, *marks: str, align: str | None = None) -> Paragraph:
        return Paragraph([Run.of(text, *marks)] if text else [], align)

    @property
    def text(self) -> str:
        """Plain text, footnote references left out."""
        return "".join(r.text for r in self.runs)

    def footnote_refs(self) -> list[str]:
        return [r.footnote for r in self.runs if r.footnote]

    def map_refs(self, change: Callable[[str], str]) -> Paragraph:
        return replace(self, runs=[Run.ref(change(r.footnote)) if r.footnote else r
                                   for r in self.runs])

    def normalized(self) -> Paragraph:
        """Merge neighbouring runs with the same marks and drop empty ones."""
        out: list[Run] = []
        for r in self.runs:
            if not r.footnote and not r.text:
                continue
            if out and not r.footnote and not out[-1].footnote and out[-1].marks == r.marks:
                out[-1] = Run(out[-1].text + r.text, r.marks)
            else:
                out.append(r)
        return Paragraph(out, self.align, self.page_break_before, self.id)

    def to_dict(self) -> dict:
        d: dict = {"id": self.id, "runs": [r.to_dict() for r in self.runs]}
        if self.align:
            d["align"] = self.align
        if self.page_break_before:
            d["page_break"] = True
        return d

    @staticmethod
    def from_dict(d: dict) -> Paragraph:
        align = d.get("align")
        return Paragraph(
            [Run.from_dict(r) for r in d.get("runs", [])],
            align if align in ALIGNMENTS else None,
            bool(d.get("page_break")),
            _stored_id(d),
        )


@dataclass(eq=False)
class UnknownBlock:
    """A block of a kind this version does not know (written by a newer hgreport): kept as the
    data it was read from and written back unchanged, shown as a placeholder, never dropped.
    Its text and footnote references are found inside the data (``"t"`` and ``"fn"`` keys), so
    search, counts and the footnote invariant still see them; a writer that knows only
    paragraphs reads it as one plain paragraph of that text (``runs``)."""

    data: dict
    id: str = field(default_factory=new_id)

    @property
    def kind(self) -> str:
        return str(self.data.get("kind", ""))

    @property
    def text(self) -> str:
        return _raw_text(self.data)

    def footnote_refs(self) -> list[str]:
        return _raw_refs(self.data)

    def map_refs(self, change: Callable[[str], str]) -> UnknownBlock:
        return UnknownBlock(_raw_map_refs(self.data, change), self.id)

    # the paragraph view for writers that know only paragraphs
    @property
    def runs(self) -> list[Run]:
        text = self.text
        return [Run(text)] if text else []

    align: ClassVar[None] = None
    page_break_before: ClassVar[bool] = False

    def to_dict(self) -> dict:
        out = copy.deepcopy(self.data)
        out["id"] = self.id
        return out

    @staticmethod
    def from_dict(d: dict) -> UnknownBlock:
        return UnknownBlock(copy.deepcopy(d), _stored_id(d))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnknownBlock):
            return NotImplemented
        return _without_id(self.data) == _without_id(other.data)


def _stored_id(d: dict) -> str:
    """The id a stored block carries, or a new one (blocks written by 0.1.0 have none)."""
    value = d.get("id")
    return value if isinstance(value, str) and value else new_id()


def _without_id(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "id"}


def _raw_text(value) -> str:
    if isinstance(value, dict):
        if isinstance(value.get("t"), str):
            return value["t"]
        return " ".join(t for t in (_raw_text(v) for k, v in value.items() if k != "id") if t)
    if isinstance(value, list):
        runs = all(isinstance(v, dict) and ("t" in v or "fn" in v) for v in value)
        return ("" if runs else " ").join(t for t in map(_raw_text, value) if t)
    return ""


def _raw_refs(value) -> list[str]:
    if isinstance(value, dict):
        if isinstance(value.get("fn"), str) and value["fn"]:
            return [value["fn"]]
        return [fid for v in value.values() for fid in _raw_refs(v)]
    if isinstance(value, list):
        return [fid for v in value for fid in _raw_refs(v)]
    return []


def _raw_map_refs(value, change: Callable[[str], str]):
    if isinstance(value, dict):
        if isinstance(value.get("fn"), str) and value["fn"]:
            return {**value, "fn": change(value["fn"])}
        return {k: _raw_map_refs(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_raw_map_refs(v, change) for v in value]
    return value


# -- tables -------------------------------------------------------------------------------------
TABLE = "table"
CELL_ALIGNMENTS = ("left", "center", "right")
MAX_SPAN = 1000  # a span claimed in a file is cut to the table anyway; this bounds the loop


@dataclass
class Cell:
    """One cell of a table: paragraphs (marks and footnote references as anywhere) and how
    many rows and columns it covers from its place (merged cells). A cell holds at least
    one paragraph; an empty cell holds one empty paragraph."""

    paragraphs: list[Paragraph] = field(default_factory=lambda: [Paragraph()])
    row_span: int = 1
    col_span: int = 1

    @staticmethod
    def of(text: str, *marks: str, align: str | None = None) -> Cell:
        return Cell([Paragraph.of(text, *marks, align=align)])

    @property
    def text(self) -> str:
        return " ".join(t for t in (p.text for p in self.paragraphs) if t)

    def footnote_refs(self) -> list[str]:
        return [fid for p in self.paragraphs for fid in p.footnote_refs()]

    def map_refs(self, change: Callable[[str], str]) -> Cell:
        return replace(self, paragraphs=[p.map_refs(change) for p in self.paragraphs])

    def to_dict(self) -> dict:
        # the paragraphs of a cell carry no ids: a cell is the unit that merge and history
        # compare, and it is named by its row and column
        d: dict = {"blocks": [_without_id(p.to_dict()) for p in self.paragraphs]}
        if self.row_span > 1:
            d["rowspan"] = self.row_span
        if self.col_span > 1:
            d["colspan"] = self.col_span
        return d

    @staticmethod
    def from_dict(d: dict) -> Cell:
        blocks = d.get("blocks")
        paragraphs = [cell_paragraph(b) for b in blocks if isinstance(b, dict)] \
            if isinstance(blocks, list) else []
        return Cell(paragraphs or [Paragraph()], _span(d.get("rowspan")),
                    _span(d.get("colspan")))


CELL_PARAGRAPH_ID = ""  # a paragraph in a cell is named by its cell: no id of its own


def cell_paragraph(d: dict) -> Paragraph:
    """A stored paragraph of a cell (no id to make: thousands of cells load quickly)."""
    align = d.get("align")
    runs = d.get("runs")
    return Paragraph([Run.from_dict(r) for r in runs if isinstance(r, dict)]
                     if isinstance(runs, list) else [],
                     align if align in ALIGNMENTS else None, False, CELL_PARAGRAPH_ID)


def _span(value) -> int:
    return min(value, MAX_SPAN) if isinstance(value, int) and not isinstance(value, bool) \
        and value > 1 else 1


@dataclass
class Column:
    """A column's relative width (None: an equal share) and the alignment of its cells
    (None: left; numbers are usually right or centre)."""

    width: float | None = None
    align: str | None = None
    id: str = field(default_factory=new_id, compare=False)

    def to_dict(self) -> dict:
        d: dict = {"id": self.id}
        if self.width is not None:
            d["w"] = self.width
        if self.align:
            d["align"] = self.align
        return d

    @staticmethod
    def from_dict(d) -> Column:
        if not isinstance(d, dict):  # a bare width
            d = {"w": d}
        w = d.get("w")
        width = float(w) if isinstance(w, (int, float)) and not isinstance(w, bool) \
            and 0 < w < 1e6 else None
        align = d.get("align")
        return Column(width, align if align in CELL_ALIGNMENTS else None, _stored_id(d))


@dataclass
class Row:
    """A row: one entry per column, ``None`` where a merged cell from the left or from
    above covers the place."""

    cells: list[Cell | None] = field(default_factory=list)
    id: str = field(default_factory=new_id, compare=False)


@dataclass
class Table:
    """A table of figures: rows × columns of cells, merged cells (across columns and down
    rows), header rows (repeated on each printed page), column widths and alignments and an
    optional caption printed above it. Rows and columns have stable ids, so a cell is named
    by (row id, column id) and merge and history compare per cell. Like a paragraph, its
    ``id`` takes no part in equality.

    The grid is always whole: every row has one entry per column and each place is either a
    cell or covered by exactly one merged cell (:func:`whole_grid` makes it so on load)."""

    rows: list[Row] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    header_rows: int = 0
    caption: list[Run] = field(default_factory=list)
    id: str = field(default_factory=new_id, compare=False)
    kind: ClassVar[str] = TABLE
    # the paragraph view, for writers that know only paragraphs (see :attr:`runs`)
    align: ClassVar[None] = None
    page_break_before: ClassVar[bool] = False

    @staticmethod
    def of(rows: list[list[str]], header_rows: int = 0, caption: str = "") -> Table:
        """A table of plain text cells (short rows are filled with empty cells)."""
        n_cols = max((len(r) for r in rows), default=1) or 1
        grid = [Row([Cell.of(t) for t in r] + [Cell() for _ in range(n_cols - len(r))])
                for r in rows]
        return Table(grid, [Column() for _ in range(n_cols)], header_rows,
                     [Run.of(caption)] if caption else [])

    @staticmethod
    def empty(n_rows: int, n_cols: int, header_rows: int = 0) -> Table:
        return Table([Row([Cell() for _ in range(n_cols)]) for _ in range(n_rows)],
                     [Column() for _ in range(n_cols)], header_rows)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return len(self.columns)

    def cells(self) -> Iterator[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell in reading order (row by row, left to right);
        places covered by a merged cell are left out."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                if cell is not None:
                    yield r, c, cell

    def cell(self, row: int, col: int) -> Cell | None:
        return self.rows[row].cells[col]

    @property
    def caption_text(self) -> str:
        return "".join(r.text for r in self.caption)

    @property
    def text(self) -> str:
        """The caption, then one line per row with its cells' text separated by tabs."""
        lines = [self.caption_text] if self.caption_text else []
        lines += ["\t".join(c.text if c is not None else "" for c in row.cells)
                  for row in self.rows]
        return "\n".join(lines)

    def footnote_refs(self) -> list[str]:
        """The caption's references, then the cells' in reading order."""
        return [r.footnote for r in self.caption if r.footnote] + [
            fid for _, _, cell in self.cells() for fid in cell.footnote_refs()]

    def map_refs(self, change: Callable[[str], str]) -> Table:
        return replace(
            self, caption=[Run.ref(change(r.footnote)) if r.footnote else r for r in self.caption],
            rows=[replace(row, cells=[c.map_refs(change) if c is not None else None
                                      for c in row.cells]) for row in self.rows])

    @property
    def runs(self) -> list[Run]:
        """The table as one paragraph (caption, then rows on lines of their own, cells
        separated by tabs), footnote references kept: what a writer that draws no tables
        shows rather than losing the text."""
        out: list[Run] = list(self.caption)
        for r, row in enumerate(self.rows):
            if out or r:
                out.append(Run("\n"))
            out.extend(self.row_runs(row))
        return out

    @staticmethod
    def row_runs(row: Row) -> list[Run]:
        """One row as runs: its cells separated by tabs, a cell's paragraphs by spaces."""
        out: list[Run] = []
        for c, cell in enumerate(row.cells):
            if c:
                out.append(Run("\t"))
            if cell is not None:
                for i, p in enumerate(cell.paragraphs):
                    if i:
                        out.append(Run(" "))
                    out.extend(p.runs)
        return out

    def to_dict(self) -> dict:
        d: dict = {"kind": TABLE, "id": self.id, "cols": [c.to_dict() for c in self.columns],
                   "rows": [{"id": row.id, "cells": [c.to_dict() if c is not None else None
                                                     for c in row.cells]}
                            for row in self.rows]}
        if self.header_rows:
            d["header_rows"] = self.header_rows
        if self.caption:
            d["caption"] = [r.to_dict() for r in self.caption]
        return d

    @staticmethod
    def from_dict(d: dict) -> Table:
        """The table a stored dict describes, made whole: short rows filled, long rows
        widening the table, spans cut to the grid (see :func:`whole_grid`); nothing in
        the data is dropped."""
        raw_cols = d.get("cols")
        columns = [Column.from_dict(c) for c in raw_cols] if isinstance(raw_cols, list) else []
        raw_rows = d.get("rows")
        rows: list[Row] = []
        for raw in raw_rows if isinstance(raw_rows, list) else []:
            raw = raw if isinstance(raw, dict) else {}
            cells = raw.get("cells")
            rows.append(Row([Cell.from_dict(c) if isinstance(c, dict) else None
                             for c in (cells if isinstance(cells, list) else [])],
                            _stored_id(raw)))
        caption = d.get("caption")
        header = d.get("header_rows")
        table = Table(rows, columns,
                      header if isinstance(header, int) and not isinstance(header, bool)
                      and header > 0 else 0,
                      [Run.from_dict(r) for r in caption if isinstance(r, dict)]
                      if isinstance(caption, list) else [],
                      _stored_id(d))
        return whole_grid(table)


def whole_grid(table: Table) -> Table:
    """``table`` with a whole grid, changed in place and returned: at least one row and one
    column; every row one entry per column (short rows filled with empty cells, a long row
    adds columns); each merged cell cut to the grid and to the places no earlier cell took;
    a place no cell covers gets an empty cell; a cell standing where a merged cell reaches
    gives its paragraphs to that cell (nothing is lost). Unique row and column ids;
    at most as many header rows as rows."""
    if not table.columns and not table.rows:
        table.rows.append(Row([Cell()]))
    n_cols = max([len(table.columns), 1, *(len(r.cells) for r in table.rows)])
    table.columns.extend(Column() for _ in range(n_cols - len(table.columns)))
    if not table.rows:
        table.rows.append(Row([Cell() for _ in range(n_cols)]))
    n_rows = len(table.rows)
    for row in table.rows:
        row.cells.extend([None] * (n_cols - len(row.cells)))
    owner: dict[tuple[int, int], Cell] = {}  # covered place → the merged cell covering it
    for r, row in enumerate(table.rows):
        for c in range(n_cols):
            cell = row.cells[c]
            over = owner.get((r, c))
            if over is not None:
                if cell is not None:
                    over.paragraphs.extend(p for p in cell.paragraphs if p.runs)
                row.cells[c] = None
                continue
            if cell is None:
                row.cells[c] = Cell()
                continue
            cs = 1
            while cs < min(cell.col_span, n_cols - c) and (r, c + cs) not in owner:
                cs += 1
            rs = 1
            while rs < min(cell.row_span, n_rows - r) and \
                    all((r + rs, c + k) not in owner for k in range(cs)):
                rs += 1
            cell.row_span, cell.col_span = rs, cs
            for i in range(rs):
                for k in range(cs):
                    if i or k:
                        owner[(r + i, c + k)] = cell
    for cell in (c for row in table.rows for c in row.cells if c is not None):
        if not cell.paragraphs:
            cell.paragraphs.append(Paragraph())
    for items in (table.rows, table.columns):
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                item.id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{table.id}#{item.id}#{len(seen)}"))
            seen.add(item.id)
    table.header_rows = min(table.header_rows, n_rows)
    return table


# kind → class: a new kind of block (list item, image) is one more entry
BLOCK_KINDS: dict[str, type] = {PARAGRAPH: Paragraph, TABLE: Table}

Body = list[Block]


def block_from_dict(d: dict) -> Block:
    """The block a stored dict describes; a kind this version does not know is kept as it is."""
    kind = d.get("kind", PARAGRAPH)
    cls = BLOCK_KINDS.get(kind) if isinstance(kind, str) else None
    return cls.from_dict(d) if cls is not None else UnknownBlock.from_dict(d)


def ensure_unique_ids(body: Iterable[Block]) -> Body:
    """The blocks with every id used once: a block carrying an id seen earlier in the body gets
    another one, derived from it (so loading the same data twice gives the same ids)."""
    seen: set[str] = set()
    out: Body = []
    for block in body:
        if block.id in seen:
            n = 1
            while (bid := str(uuid.uuid5(uuid.NAMESPACE_URL, f"{block.id}#{n}"))) in seen:
                n += 1
            block = replace(block, id=bid)
        seen.add(block.id)
        out.append(block)
    return out


def with_new_ids(body: Iterable[Block]) -> Body:
    """Copies of the blocks with new ids (a paste, a copied footnote)."""
    return [replace(copy.deepcopy(block), id=new_id()) for block in body]


def body_to_list(body: Iterable[Block], ids: bool = True) -> list[dict]:
    """The blocks as dicts; ``ids`` False leaves the ids out (a template, a JSON export: ids
    are local to one report file)."""
    if ids:
        return [b.to_dict() for b in body]
    return [_without_id(b.to_dict()) for b in body]


def body_from_list(items: Iterable[dict]) -> Body:
    return ensure_unique_ids(block_from_dict(d) for d in items)


def body_text(body: Iterable[Block]) -> str:
    return "\n".join(p.text for p in body)


def body_refs(body: Iterable[Block]) -> list[str]:
    return [fid for p in body for fid in p.footnote_refs()]


def body_from_text(raw: str) -> Body:
    """Paragraphs from plain text: one per non-empty line; a form feed starts a new page."""
    body: Body = []
    for page_no, page in enumerate(textmod.split_pages(raw)):
        first = page_no > 0
        for line in textmod.clean(page).split("\n"):
            if line.strip() or first:
                body.append(Paragraph([Run(line)] if line else [], page_break_before=first))
                first = False
    return body


# -- a damaged file: what could not be read ----------------------------------------------------
NOT_JSON = "not_json"  # text that is not JSON
BAD_TEXT = "bad_text"  # bytes that are not UTF-8 text (or binary data)
BAD_SHAPE = "bad_shape"  # JSON, but not what the part holds
BAD_VALUE = "bad_value"  # a value of the wrong kind (a year in words)
EDITABLE_PARTS = ("position", "profile")  # damage there leaves the rest editable


@dataclass(frozen=True)
class Damage:
    """One part of a stored section, footnote or header that could not be read. ``what`` names
    the part ("body", "title", "title_notes", "position", "header", "header.year", "closing",
    "profile"), ``reason`` one of :data:`NOT_JSON`, :data:`BAD_TEXT`, :data:`BAD_SHAPE`,
    :data:`BAD_VALUE`, ``detail`` where (the parser's words), and ``raw`` the data as the file
    holds it — kept aside: the program never writes it back nor over it; only the person
    restoring (history, a backup) or rewriting the part replaces it. What is shown instead is
    the part as last saved, from the file's history, when that can be read
    (``from_history``), else what could be recovered from the raw data."""

    what: str
    reason: str
    detail: str = ""
    raw: str | bytes = ""
    from_history: bool = False  # what is shown is the last save kept in the file's history

    @property
    def blocks_editing(self) -> bool:
        """The part's content is unknown, so saving the entity would lose it."""
        return self.what not in EDITABLE_PARTS and not self.what.startswith("header.")

    def raw_text(self, limit: int = 200) -> str:
        """The raw data as readable text (bytes that are not UTF-8 shown as \\xNN)."""
        raw = self.raw
        text = raw.decode("utf-8", "backslashreplace") if isinstance(raw, bytes) else str(raw)
        return text if len(text) <= limit else text[:limit - 1] + "…"


PARENT_MISSING = "parent_missing"  # its parent is not in the report: shown at the top level
PARENT_LOOP = "parent_loop"  # its parents lead back to it: shown at the top level


def misplaced_sections(sections: Iterable[Section]) -> dict[str, str]:
    """Sections whose place in the tree cannot be followed, id → :data:`PARENT_MISSING` or
    :data:`PARENT_LOOP` (for each loop, the first of its sections by id): the tree shows them
    at the top level, so nothing of a damaged file drops out of view or export."""
    sections = list(sections)
    parent = {s.id: s.parent_id for s in sections}
    out = {s.id: PARENT_MISSING for s in sections
           if s.parent_id is not None and s.parent_id not in parent}
    done: set[str] = set()
    for s in sections:
        path: list[str] = []
        cur: str | None = s.id
        while cur is not None and cur in parent and cur not in done and cur not in path:
            path.append(cur)
            cur = parent[cur]
        if cur is not None and cur in path:
            out[min(path[path.index(cur):])] = PARENT_LOOP
        done.update(path)
    return out


@dataclass
class Section:
    """A numbered part of the report (or its introduction / ending, which carry no number)."""

    id: str = field(default_factory=new_id)
    title: str = ""
    body: Body = field(default_factory=list)
    parent_id: str | None = None
    position: float = 0.0
    kind: str = KIND_SECTION
    title_notes: list[str] = field(default_factory=list)  # footnotes at the end of the title
    version: int = 0
    # what of the stored row could not be read (a damaged file): see :class:`Damage`
    damage: tuple[Damage, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        self.title = textmod.clean_line(self.title)

    @property
    def damaged(self) -> bool:
        """Its stored title, notes or text could not be read: what is shown is what could be
        recovered, and it stays read-only until restored (history or a backup)."""
        return any(d.blocks_editing for d in self.damage)

    def footnote_refs(self) -> list[str]:
        return list(self.title_notes) + body_refs(self.body)

    @property
    def plain_text(self) -> str:
        return body_text(self.body)

    def word_count(self) -> int:
        return textmod.count_words(self.title) + textmod.count_words(self.plain_text)

    def char_count(self) -> int:
        return textmod.count_chars(self.title) + textmod.count_chars(self.plain_text)


@dataclass
class Footnote:
    id: str = field(default_factory=new_id)
    body: Body = field(default_factory=list)
    version: int = 0
    damage: tuple[Damage, ...] = field(default=(), compare=False)  # see :class:`Damage`

    @property
    def damaged(self) -> bool:
        """Its stored text could not be read (what is shown is what could be recovered)."""
        return any(d.blocks_editing for d in self.damage)

    @property
    def plain_text(self) -> str:
        return body_text(self.body)


@dataclass
class Header:
    """The first-page header and title block fields."""

    issuer: str = ""
    superior: str = ""
    number: str = ""
    type_name: str = "BÁO CÁO"
    type_code: str = "BC"
    issuer_code: str = ""
    place: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    summary: str = ""
    draft_mark: str = ""
    urgency: str = ""

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @staticmethod
    def from_dict(d: dict) -> Header:
        known = {k: d[k] for k in Header.__dataclass_fields__ if k in d}
        for k, v in list(known.items()):
            if k in ("day", "month", "year"):
                known[k] = int(v) if v not in (None, "") else None
            else:
                known[k] = textmod.clean_line(str(v or ""))
        return Header(**known)


@dataclass
class Closing:
    """The closing block: recipients and signature."""

    recipients: list[str] = field(default_factory=list)
    authority: str = ""
    position: str = ""
    signer: str = ""

    def to_dict(self) -> dict:
        return {"recipients": list(self.recipients), "authority": self.authority,
                "position": self.position, "signer": self.signer}

    @staticmethod
    def from_dict(d: dict) -> Closing:
        return Closing(
            [textmod.clean_line(str(r)) for r in d.get("recipients", []) if str(r).strip()],
            textmod.clean_line(str(d.get("authority", ""))),
            textmod.clean_line(str(d.get("position", ""))),
            textmod.clean_line(str(d.get("signer", ""))),
        )


@dataclass
class ReferenceCheck:
    """Where the one-reference-per-footnote invariant is broken."""

    missing: list[tuple[str, str]]  # (footnote id, section id): a reference with no footnote
    orphans: list[str]  # footnotes no reference points to
    duplicates: list[tuple[str, int]]  # (footnote id, count) referenced more than once

    def __bool__(self) -> bool:
        return bool(self.missing or self.orphans or self.duplicates)


@dataclass
class TreeNode:
    section: Section
    level: int
    number: str
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class Report:
    """A whole report. ``sections`` is flat (parent id + position); :meth:`tree` orders it."""

    header: Header = field(default_factory=Header)
    closing: Closing = field(default_factory=Closing)
    profile: str = "hd36-2018"
    intro: Section = field(default_factory=lambda: Section(kind=KIND_INTRO))
    ending: Section = field(default_factory=lambda: Section(kind=KIND_ENDING))
    sections: list[Section] = field(default_factory=list)
    footnotes: dict[str, Footnote] = field(default_factory=dict)
    version: int = 0  # version of the header/closing/profile row
    damage: tuple[Damage, ...] = field(default=(), compare=False)  # of the header row

    def misplaced(self) -> dict[str, str]:
        """Sections shown at the top level because their parent is missing or loops
        (:func:`misplaced_sections`)."""
        return misplaced_sections(self.sections)

    # -- tree -------------------------------------------------------------------------
    def children_of(self, parent_id: str | None) -> list[Section]:
        return sorted((s for s in self.sections if s.parent_id == parent_id),
                      key=lambda s: (s.position, s.id))

    def section(self, section_id: str) -> Section:
        for s in self.all_sections():
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    def ordered_sections(self) -> list[Section]:
        """Numbered sections in reading order (depth first)."""
        from .numbering import Numbering, number_tree

        return [n.section for n in walk_tree(number_tree(self.sections, Numbering([])))]

    def all_sections(self) -> list[Section]:
        """Introduction, numbered sections in reading order, ending."""
        return [self.intro, *self.ordered_sections(), self.ending]

    def place(self, sec: Section) -> None:
        """Put a section read from a file where its kind goes: the opening, the closing part,
        or among the numbered sections."""
        if sec.kind == KIND_INTRO:
            self.intro = sec
        elif sec.kind == KIND_ENDING:
            self.ending = sec
        else:
            self.sections.append(sec)

    def tree(self, numbering) -> list[TreeNode]:
        """The section tree with printed numbers, using a :class:`hgreport.numbering.Numbering`."""
        from .numbering import number_tree

        return number_tree(self.sections, numbering)

    # -- footnotes ----------------------------------------------------------------------
    def reference_order(self) -> list[tuple[str, str]]:
        """(footnote id, section id) for every reference, in document order."""
        return [(fid, s.id) for s in self.all_sections() for fid in s.footnote_refs()]

    def footnote_numbers(self) -> dict[str, int]:
        """Footnote id → number (1, 2, 3 …) by the first reference in document order."""
        numbers: dict[str, int] = {}
        for fid, _ in self.reference_order():
            if fid not in numbers:
                numbers[fid] = len(numbers) + 1
        return numbers

    def footnotes_in_order(self) -> list[tuple[int, Footnote, str]]:
        """(number, footnote, section id) for every referenced footnote that exists."""
        out = []
        seen: set[str] = set()
        for fid, sid in self.reference_order():
            if fid in seen:
                continue
            seen.add(fid)
            if fid in self.footnotes:
                out.append((len(seen), self.footnotes[fid], sid))
        return out

    def check_references(self) -> ReferenceCheck:
        """References without footnote, footnotes without reference, and footnotes referenced
        twice or more, in document order."""
        counts: dict[str, int] = {}
        missing = []
        for fid, sid in self.reference_order():
            counts[fid] = counts.get(fid, 0) + 1
            if counts[fid] == 1 and fid not in self.footnotes:
                missing.append((fid, sid))
        return ReferenceCheck(missing, [fid for fid in self.footnotes if fid not in counts],
                              [(fid, n) for fid, n in counts.items() if n > 1])

    # -- counts -------------------------------------------------------------------------
    def word_count(self) -> int:
        return sum(s.word_count() for s in self.all_sections())

    def char_count(self) -> int:
        return sum(s.char_count() for s in self.all_sections())

    def copy(self) -> Report:
        return replace(self, sections=[replace(s) for s in self.sections],
                       footnotes={k: replace(f) for k, f in self.footnotes.items()})


def walk_tree(nodes: Iterable[TreeNode]) -> Iterator[TreeNode]:
    for n in nodes:
        yield n
        yield from walk_tree(n.children)

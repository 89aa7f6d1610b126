"""The document model: a report, its section tree, bodies as typed blocks, and footnotes.

A body is a list of blocks with stable ids (:class:`Block`): today the paragraph (runs of
marked text and footnote references); a kind this version does not know is kept as raw data
(:class:`UnknownBlock`). A new kind is one more class in :data:`BLOCK_KINDS`.

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


# kind → class: a new kind of block (table, list item, image) is one more entry
BLOCK_KINDS: dict[str, type] = {PARAGRAPH: Paragraph}

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

    def __post_init__(self) -> None:
        self.title = textmod.clean_line(self.title)

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

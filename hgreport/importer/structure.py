"""Blocks → report: the header and closing recognised, the section tree rebuilt from the
headings' printed numbers (or Word's heading styles), paragraphs placed under their section.

Whatever is not recognised stays as body text; the problems met are collected for the summary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    KIND_ENDING,
    KIND_INTRO,
    Closing,
    Header,
    Paragraph,
    Report,
    Run,
    Section,
)
from ..numbering import roman
from ..resources import document_type_names
from ..text import clean_line, fold
from .wordml import Para, Table

# -- printed heading numbers ---------------------------------------------------------------
_HEADING_NUMBER = re.compile(
    r"""^\s*(?:
        (?P<roman>[IVXL]{1,7})\s*[.\-–](?=\s|$)
      | (?P<outline>\d{1,2}(?:\.\d{1,2}){1,4})\.?(?=\s|$)
      | (?P<dec>\d{1,2})\s*(?:\.|\)|-(?=\s))(?=\s|$)
      | (?P<alpha>[a-zđ])\s*\)(?=\s|$)
    )\s*""",
    re.X,
)
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_VIETNAMESE = "abcdđeghiklmnopqrstuvxy"
MAX_TITLE = 250


@dataclass(frozen=True)
class HeadingNumber:
    kind: tuple            # ("roman",), ("dec",), ("outline", depth), ("alpha",), ("style", n)
    value: object          # int, or the letter for alpha
    printed: str           # as written ("II.", "3.1.", "a)")
    title: str


def parse_number(text: str) -> HeadingNumber | None:
    """The printed heading number at the start of ``text`` and the title after it."""
    m = _HEADING_NUMBER.match(text)
    if not m:
        return None
    title = text[m.end():].strip()
    printed = m.group(0).strip()
    if m.group("roman"):
        letters = m.group("roman")
        value = _roman_value(letters)
        if value is None:
            return None
        return HeadingNumber(("roman",), value, printed, title)
    if m.group("outline"):
        parts = [int(x) for x in m.group("outline").split(".")]
        return HeadingNumber(("outline", len(parts)), parts[-1], printed, title)
    if m.group("dec"):
        return HeadingNumber(("dec",), int(m.group("dec")), printed, title)
    return HeadingNumber(("alpha",), m.group("alpha"), printed, title)


def _roman_value(letters: str) -> int | None:
    for n in range(1, 60):
        if roman(n) == letters:
            return n
    return None


def _is_first(num: HeadingNumber) -> bool:
    return num.value == "a" if num.kind == ("alpha",) else num.value == 1


def _follows(prev: object, cur: object, kind: tuple) -> int:
    """0 if ``cur`` directly follows ``prev``, 1 if one number was skipped, -1 otherwise."""
    if kind == ("alpha",):
        for order in (_VIETNAMESE, _LATIN):
            if prev in order and cur in order:
                step = order.index(cur) - order.index(prev)
                if step in (1, 2):
                    return step - 1
        return -1
    step = cur - prev  # type: ignore[operator]
    return step - 1 if step in (1, 2) else -1


def _looks_like_title(title: str) -> bool:
    if not title or len(title) > MAX_TITLE or title.endswith((";", ",")):
        return False
    first = next((c for c in title if c.isalpha()), "")
    return bool(first) and first.isupper()


# -- header and closing lines ----------------------------------------------------------------
_RULE = re.compile(r"[-–—_]{3,}|(?:[-–—]\s){2,}[-–—]")
_STAR = re.compile(r"\*(?:\s*\*)*")
_NUMBER_LINE = (
    re.compile(r"^Số\s*:?\s*(?P<num>[\w.…]*?)\s*-\s*(?P<type>[^\W\d_]+)\s*/\s*"
               r"(?P<issuer>[\w\-]+)$"),
    re.compile(r"^Số\s*:?\s*(?P<num>[\w.…]*?)\s*/\s*(?P<type>[^\W\d_]+)\s*-\s*"
               r"(?P<issuer>[\w\-]+)$"),
)
_DATE = re.compile(r"^(?:(?P<place>[^,]{1,80}),\s*)?ngày\s*(?P<d>\d{1,2})?[\s.…_]*"
                   r"tháng\s*(?P<m>\d{1,2})?[\s.…_]*năm\s*(?P<y>\d{4})\s*\.?$", re.I)
_AUTHORITY = re.compile(r"^(?:T/M|K/T|T/L|Q/|TM\.|KT\.|TL\.|TM|KT|TL)\s+\S")
_DOC_TYPES = tuple(fold(t) for t in document_type_names())  # of every shipped profile
_URGENCY = ("khan", "thuong khan", "hoa toc", "hoa toc hen gio")
_DASH_PREFIX = re.compile(r"^[-–—+•·*]\s*")


def _squash(text: str) -> str:
    return clean_line(text)


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _is_authority(text: str) -> bool:
    """``T/M TỈNH ỦY``, ``K/T BAN THƯỜNG VỤ`` … (capitals only: body text never is)."""
    return bool(_AUTHORITY.match(text)) and _is_caps(text)


def _is_type_name(text: str) -> bool:
    f = fold(text)
    for t in _DOC_TYPES:
        if f == t or (f.startswith(t + " ") and len(f.split()) <= len(t.split()) + 3):
            return True
    return False


@dataclass
class Found:
    """What was recognised, for the import summary."""

    header: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    unrecognised_header: list[str] = field(default_factory=list)
    unrecognised_closing: list[str] = field(default_factory=list)

    def add_header(self, key: str) -> None:
        if key not in self.header:
            self.header.append(key)


class HeaderReader:
    """Feeds header and title-block lines one by one and fills a :class:`Header`."""

    def __init__(self, found: Found, rule_mode: bool):
        self.found = found
        self.rule_mode = rule_mode
        self.fields: dict = {}
        self.caps: list[tuple[str, bool]] = []
        self.summary: list[str] = []
        self.type_seen = False
        self.rule_seen = False

    def feed(self, para: Para) -> bool:
        """True if the line was taken as (part of) a header field or is blank."""
        t = _squash(para.text)
        if not t:
            return True
        f = fold(t)
        if f == "dang cong san viet nam":
            self.found.add_header("party_title")
        elif _RULE.fullmatch(t):
            if self.type_seen:  # the "-----" under the title block; earlier ones are ornaments
                self.rule_seen = True
                self.found.add_header("rule")
        elif _STAR.fullmatch(t):
            pass
        elif (m := _number_line(t)) is not None:
            self.fields.update(number=m.group("num").strip(".…"), type_code=m.group("type"),
                               issuer_code=m.group("issuer"))
            self.found.add_header("number")
        elif f.startswith("du thao") and len(t) <= 40:
            self.fields["draft_mark"] = t
            self.found.add_header("draft_mark")
        elif f in _URGENCY:
            self.fields["urgency"] = t.upper()
            self.found.add_header("urgency")
        elif (m := _DATE.match(t)) is not None and _possible_date(m):
            self.fields.update(place=(m.group("place") or "").strip(),
                               day=int(m.group("d")) if m.group("d") else None,
                               month=int(m.group("m")) if m.group("m") else None,
                               year=int(m.group("y")))
            self.found.add_header("place_date")
        elif self.type_seen and not self.rule_seen and self._summary_ok(para, t):
            self.summary.append(t)
        elif _is_caps(t) and len(t) <= 150 and not self.type_seen:
            if _is_type_name(t):
                self.fields["type_name"] = t
                self.type_seen = True
                self.found.add_header("type_name")
            else:
                self.caps.append((t, para.bold))
        else:
            return False
        return True

    def _summary_ok(self, para: Para, t: str) -> bool:
        if self.rule_mode:
            return True
        return not self.summary and len(t) <= MAX_TITLE and (para.bold or para.align == "center")

    def header(self) -> Header:
        fields = dict(self.fields)
        if self.caps:
            bolds = [t for t, b in self.caps if b]
            plains = [t for t, b in self.caps if not b]
            if bolds and plains:
                fields["issuer"], fields["superior"] = " ".join(bolds), " ".join(plains)
            else:
                fields["issuer"] = self.caps[-1][0]
                if len(self.caps) > 1:
                    fields["superior"] = " ".join(t for t, _ in self.caps[:-1])
            self.found.add_header("issuer")
            if fields.get("superior"):
                self.found.add_header("superior")
        if self.summary:
            fields["summary"] = " ".join(self.summary)
            self.found.add_header("summary")
        return Header.from_dict(fields)


def _possible_date(m: re.Match) -> bool:
    """A date line's numbers make a date (day and month may be blank in a draft); "ngày 45
    tháng 13 năm 0000" stays an unrecognised line for the clerk to see."""
    day, month, year = (int(m.group(k)) if m.group(k) else None for k in ("d", "m", "y"))
    return (1900 <= year <= 2200 and (month is None or 1 <= month <= 12)
            and (day is None or 1 <= day <= 31))


def _number_line(t: str):
    for rx in _NUMBER_LINE:
        m = rx.match(t)
        if m:
            return m
    return None


class ClosingReader:
    """Recipients and signature from the closing table or from plain paragraphs."""

    def __init__(self, found: Found):
        self.found = found
        self.recipients: list[str] = []
        self.authority = ""
        self.position = ""
        self.signer = ""
        self.leftover: list[Para] = []

    def _recipient(self, t: str) -> None:
        item = _DASH_PREFIX.sub("", t).strip()
        if item:
            self.recipients.append(item)

    def _signature_line(self, t: str) -> bool:
        if not self.authority and (_AUTHORITY.match(t) or _is_caps(t)):
            self.authority = t
        elif self.authority and not self.position and not self.signer and _is_caps(t) \
                and not _AUTHORITY.match(t):
            self.position = t
        elif self.authority and not self.signer and not t.startswith(("(", "[")) and len(t) <= 80:
            self.signer = t
        else:
            return False
        return True

    def cell(self, paras: list[Para]) -> None:
        """One cell of a closing table: the recipients list or the signature."""
        lines = [(p, _squash(p.text)) for para in paras for p in _split_lines(para)]
        lines = [(p, t) for p, t in lines if t]
        if any(fold(t).startswith("noi nhan") for _, t in lines):
            seen = False
            for p, t in lines:
                if not seen and fold(t).startswith("noi nhan"):
                    seen = True
                    rest = t.split(":", 1)[1] if ":" in t else ""
                    if rest.strip():
                        self._recipient(rest)
                elif seen:
                    self._recipient(t)
                else:
                    self.leftover.append(p)
            return
        for p, t in lines:
            if not self._signature_line(t):
                self.leftover.append(p)

    def paragraphs(self, paras: list[Para]) -> None:
        """The closing as plain paragraphs: "Nơi nhận:", "- …" lines, authority, position, name."""
        state = None
        for p in (line for para in paras for line in _split_lines(para)):
            t = _squash(p.text)
            if not t:
                continue
            if fold(t).startswith("noi nhan"):
                state = "recipients"
                rest = t.split(":", 1)[1] if ":" in t else ""
                if rest.strip():
                    self._recipient(rest)
                continue
            if state == "recipients" and _DASH_PREFIX.match(t) and not _RULE.fullmatch(t):
                self._recipient(t)
                continue
            if _is_authority(t) and not self.authority:
                self.authority = t
                state = "signature"
                continue
            if state == "signature" and self._signature_line(t):
                continue
            self.leftover.append(p)

    def closing(self) -> Closing:
        if self.recipients:
            self.found.closing.append("recipients")
        for key in ("authority", "position", "signer"):
            if getattr(self, key):
                self.found.closing.append(key)
        return Closing.from_dict({"recipients": self.recipients, "authority": self.authority,
                                  "position": self.position, "signer": self.signer})


def _split_lines(para: Para) -> list[Para]:
    """A paragraph whose lines are separated by line breaks, as one paragraph per line (header
    and closing blocks are often typed that way); a one-line paragraph as it is."""
    if "\n" not in para.text:
        return [para]
    return [Para([Run.of(line)], None, para.align, False, "", para.bold)
            for line in para.text.split("\n")]


def _closing_marker(block: Para | Table) -> bool:
    paras = block.paragraphs() if isinstance(block, Table) else [block]
    for p in paras:
        t = _squash(p.text)
        if fold(t).startswith("noi nhan") or _is_authority(t):
            return True
    return False


def _header_table(table: Table) -> bool:
    for p in table.paragraphs():
        t = _squash(p.text)
        f = fold(t)
        if f == "dang cong san viet nam" or _number_line(t) or _DATE.match(t):
            return True
    return False


# -- the section tree ------------------------------------------------------------------------
@dataclass
class _Open:
    kind: tuple
    value: object
    section: Section
    emphasised: bool = False  # the heading was all bold or all italic


class TreeBuilder:
    """Decides which paragraphs are headings and builds the sections, keeping a stack of the
    open headings' number kinds: a kind already open is a sibling, a new kind a child."""

    def __init__(self, sections: list[Section], problems: list):
        self.sections = sections
        self.stack: list[_Open] = []
        self.children: dict[str | None, int] = {}
        self.problems = problems

    def heading(self, para: Para) -> HeadingNumber | None:
        text = _squash(para.text)
        if not text:
            return None
        num = parse_number(text)
        if para.heading_level is not None:
            if num is not None and num.title:
                return num
            return HeadingNumber(("style", para.heading_level), None, "", text)
        if num is None or not _looks_like_title(num.title):
            return None
        return num

    def offer(self, para: Para) -> Section | None:
        """The new section if ``para`` is a heading, else None."""
        num = self.heading(para)
        if num is None:
            return None
        styled = para.heading_level is not None
        if num.kind[0] == "style":
            level = num.kind[1]
            while self.stack and self.stack[-1].kind[0] == "style" and self.stack[-1].kind[1] > level:
                self.stack.pop()
            if self.stack and self.stack[-1].kind == num.kind:
                self.stack.pop()
            return self._push(num, para)
        depth = next((i for i, o in enumerate(self.stack) if o.kind == num.kind), None)
        if depth is not None:
            step = _follows(self.stack[depth].value, num.value, num.kind)
            if step < 0 and not styled:
                return None
            if not styled and self.stack[depth].emphasised and not (para.bold or para.italic):
                return None  # its siblings stand out, this plain line is a numbered list item
            del self.stack[depth:]
            section = self._push(num, para)
            if step != 0:
                self.problems.append(("problem_numbering_gap",
                                      {"title": num.title, "found": num.printed}))
            return section
        if not _is_first(num) and not styled and not (not self.stack and para.bold):
            return None
        return self._push(num, para)

    def _push(self, num: HeadingNumber, para: Para) -> Section:
        parent = self.stack[-1].section.id if self.stack else None
        position = self.children.get(parent, 0) + 1
        self.children[parent] = position
        section = Section(title=num.title, parent_id=parent, position=float(position))
        self.sections.append(section)
        self.stack.append(_Open(num.kind, num.value, section, para.bold or para.italic))
        return section


# -- putting it together -----------------------------------------------------------------------
@dataclass
class Built:
    report: Report
    found: Found
    problems: list  # (key, args)


def _where_args(section: Section | None) -> tuple[str, dict]:
    if section is None:
        return "where_intro", {}
    if section.kind == KIND_ENDING:
        return "where_ending", {}
    return "where_section", {"title": section.title}


def build_report(blocks: list[Para | Table]) -> Built:
    """The report from the document's blocks (the footnotes are added by the caller)."""
    found = Found()
    problems: list = []
    report = Report()
    report.intro = Section(kind=KIND_INTRO)
    report.ending = Section(kind=KIND_ENDING)

    # 1. header: up to the "-----" line if there is one near the top, else the leading
    #    lines that read as header lines
    probe = TreeBuilder([], [])
    rule_at = None
    first_rule = None
    type_seen = False
    for i, block in enumerate(blocks[:60]):
        lines = block.paragraphs() if isinstance(block, Table) else [block]
        texts = [_squash(t) for p in lines for t in p.text.split("\n")] or [""]
        if isinstance(block, Para) and any(_RULE.fullmatch(t) for t in texts):
            if type_seen:
                rule_at = i
                break
            if first_rule is None:
                first_rule = i
        if any(_is_caps(t) and _is_type_name(t) for t in texts):
            type_seen = True
        if isinstance(block, Para) and (block.heading_level is not None or len(texts[0]) > 400
                                        or probe.heading(block)):
            break
    if rule_at is None and not type_seen:
        rule_at = first_rule  # no document type line: the first rule closes the header
    reader = HeaderReader(found, rule_mode=rule_at is not None)
    leftover_header: list[Para] = []
    start = 0
    if rule_at is not None:
        for block in blocks[: rule_at + 1]:
            for p in (block.paragraphs() if isinstance(block, Table) else [block]):
                for line in _split_lines(p):
                    if not reader.feed(line):
                        leftover_header.append(line)
        start = rule_at + 1
    else:
        for i, block in enumerate(blocks[:60]):
            if isinstance(block, Table):
                if not _header_table(block):
                    break
                for p in block.paragraphs():
                    for line in _split_lines(p):
                        if not reader.feed(line):
                            leftover_header.append(line)
                start = i + 1
                continue
            if block.heading_level is not None or probe.heading(block):
                break
            lines = _split_lines(block)
            taken = [reader.feed(line) for line in lines]
            if not any(taken):
                break
            leftover_header.extend(line for line, ok in zip(lines, taken, strict=True) if not ok)
            start = i + 1
    report.header = reader.header()
    found.unrecognised_header = [_squash(p.text) for p in leftover_header]

    # 2. headings over the rest; the closing starts after the last heading
    rest = blocks[start:]
    tree = TreeBuilder(report.sections, problems)
    heading_of: dict[int, Section] = {}
    for i, block in enumerate(rest):
        if isinstance(block, Para):
            section = tree.offer(block)
            if section is not None:
                section.title_notes = block.refs
                heading_of[i] = section
    last_heading = max(heading_of, default=-1)
    closing_at = len(rest)
    for i in range(last_heading + 1, len(rest)):
        if _closing_marker(rest[i]):
            closing_at = i
            break
    ending_at = closing_at
    for i in range(last_heading + 1, closing_at):
        block = rest[i]
        if isinstance(block, Para) and fold(_squash(block.text)).startswith("tren day"):
            ending_at = i
            break

    # 3. bodies
    current: Section = report.intro
    pending_break = False

    def add(para: Para, target: Section) -> None:
        nonlocal pending_break
        p = para.to_model()
        if not p.runs:
            pending_break = pending_break or p.page_break_before
            return
        if pending_break:
            p = Paragraph(p.runs, p.align, True)
            pending_break = False
        target.body.append(p)

    for p in leftover_header:
        add(p, report.intro)
    for i, block in enumerate(rest[:closing_at]):
        if i == ending_at:
            current = report.ending
        if i in heading_of:
            current = heading_of[i]
            pending_break = False  # a page break before a heading belongs to the heading
            continue
        if isinstance(block, Table):
            where, args = _where_args(current if current.kind != KIND_INTRO else None)
            problems.append(("problem_table", {"where": (where, args), "rows": len(block.rows)}))
            for p in block.paragraphs():
                add(p, current)
        else:
            add(block, current)

    # 4. closing
    closing = ClosingReader(found)
    plain: list[Para] = []
    for block in rest[closing_at:]:
        if isinstance(block, Table):
            if plain:
                closing.paragraphs(plain)
                plain = []
            for cell in block.cells():
                closing.cell(cell)
        else:
            plain.append(block)
    if plain:
        closing.paragraphs(plain)
    report.closing = closing.closing()
    found.unrecognised_closing = [_squash(p.text) for p in closing.leftover if _squash(p.text)]
    for p in closing.leftover:
        add(p, report.ending)
    return Built(report, found, problems)

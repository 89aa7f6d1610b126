"""Blocks → report: the header and closing recognised, the section tree rebuilt from the
headings' printed numbers (or Word's heading styles), paragraphs placed under their section.

Whatever is not recognised stays as body text; the problems met are collected for the summary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

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
from ..resources import document_type_names, profiles
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
# "Phần thứ nhất", "PHẦN THỨ HAI", "Phần I", "Phần 2" — a part, above the "I." level
_PART = re.compile(
    r"^\s*phần\s+(?:thứ\s+(?P<word>[^\W\d_]+)|(?P<roman>[IVXLivxl]{1,7})|(?P<dec>\d{1,2}))"
    r"\s*(?:[:.\-–—]+\s*|(?=\s|$))", re.I)
_ORDINALS = {"nhat": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7,
             "tam": 8, "chin": 9, "muoi": 10}
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_VIETNAMESE = "abcdđeghiklmnopqrstuvxy"
MAX_TITLE = 250


@dataclass(frozen=True)
class HeadingNumber:
    kind: tuple            # ("part",), ("roman",), ("dec",), ("outline", depth), ("alpha",),
    #                        ("style", n)
    value: object          # int, or the letter for alpha
    printed: str           # as written ("II.", "3.1.", "a)")
    title: str


def parse_number(text: str) -> HeadingNumber | None:
    """The printed heading number at the start of ``text`` and the title after it."""
    part = _parse_part(text)
    if part is not None:
        return part
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


def _parse_part(text: str) -> HeadingNumber | None:
    """"Phần thứ nhất: KẾT QUẢ …", "PHẦN II. NHIỆM VỤ …" (the title may be empty: it is often
    the next line)."""
    if text.lstrip()[:1] not in ("P", "p"):
        return None
    text = unicodedata.normalize("NFC", text)
    m = _PART.match(text)
    if not m:
        return None
    if m.group("word"):
        value = _ORDINALS.get(fold(m.group("word")))
    elif m.group("roman"):
        value = _roman_value(m.group("roman").upper())
    else:
        value = int(m.group("dec"))
    if not value:
        return None
    return HeadingNumber(("part",), value, m.group(0).strip(), text[m.end():].strip())


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


@cache
def _type_codes() -> dict[str, tuple[str, str]]:
    """Folded name → (name, code) of the document types of the shipped profiles, the longest
    names first (the default profile's code where two profiles differ)."""
    out: dict[str, tuple[str, str]] = {}
    for profile in profiles():
        for t in profile.document_types:
            out.setdefault(fold(t.name), (t.name, t.code))
    return dict(sorted(out.items(), key=lambda kv: -len(kv[0])))


def _split_type(text: str) -> tuple[str, str, str] | None:
    """(the type's name, its code, the words after it) when ``text`` begins with the name of a
    document type ("Báo cáo tổng kết năm 2023" → "BÁO CÁO", "BC", "tổng kết năm 2023")."""
    f = fold(text)
    for key, (name, code) in _type_codes().items():
        if f == key or f.startswith(key + " "):
            return name, code, " ".join(text.split()[len(key.split()):])
    return None


def type_code(type_name: str) -> str | None:
    """The code of a document type from the profiles' shared list ("NGHỊ QUYẾT" → "NQ"; a name
    with words after the type, "BÁO CÁO CHÍNH TRỊ", takes the type's code)."""
    found = _split_type(type_name)
    return found[1] if found else None


@dataclass
class TitleLine:
    """The document type line found at the top, and the lines taken as the summary."""

    at: int  # index of its block
    text: str  # the line as written
    name: str  # the type name kept in the header
    code: str
    rest: str = ""  # words after the type name on the same line, taken as the summary
    style: str = ""  # the heading style it carries ("Heading 1"), "" for none
    summary_at: list[int] = field(default_factory=list)
    summary_styled: bool = False  # the summary lines carry a heading style


_TITLE_STYLES = ("Title", "Subtitle")


def _style_of(para: Para) -> str:
    """The style that sets ``para`` apart as a heading or a title ("" for none)."""
    if para.style:
        return para.style
    return f"outline {para.heading_level}" if para.heading_level is not None else ""


def title_line(block: Para | Table) -> TitleLine | None:
    """``block`` as the document type line ("BÁO CÁO", "# Báo cáo", "NGHỊ QUYẾT VỀ …"), or None.

    A plain line is one when written in capitals (as the official layout prints it); a line
    with a heading style (a title converted from Markdown or typed as Heading 1) also in other
    cases. Words after the type name make the summary when they are many ("BÁO CÁO TỔNG KẾT
    CÔNG TÁC NĂM 2023") — up to three stay part of the name ("BÁO CÁO CHÍNH TRỊ")."""
    if not isinstance(block, Para) or "\n" in block.text.strip():
        return None
    t = _squash(block.text)
    if not t or len(t) > MAX_TITLE:
        return None
    found = _split_type(t)
    if found is None:
        return None
    name, code, rest = found
    styled = block.heading_level is not None or block.style in _TITLE_STYLES
    caps = _is_caps(t)
    if not rest:
        if not (caps or styled or block.bold or block.align == "center"):
            return None
        return TitleLine(0, t, name, code, style=_style_of(block))
    if caps and len(rest.split()) <= 3:
        return TitleLine(0, t, t, code, style=_style_of(block))
    if styled or (caps and (block.bold or block.align == "center")):
        return TitleLine(0, t, name, code, rest=rest, style=_style_of(block))
    return None


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

    def __init__(self, found: Found, rule_mode: bool, auto_summary: bool = True):
        self.found = found
        self.rule_mode = rule_mode
        self.auto_summary = auto_summary  # False: the summary lines were chosen beforehand
        self.fields: dict = {}
        self.caps: list[tuple[str, bool]] = []
        self.summary: list[str] = []
        self.type_seen = False
        self.rule_seen = False

    def take_type(self, title: TitleLine) -> None:
        self.fields["type_name"] = title.name
        if "type_code" not in self.fields:
            self.fields["type_code"] = title.code
        self.type_seen = True
        self.found.add_header("type_name")
        if title.rest:
            self.summary.append(title.rest)

    def take_summary(self, para: Para) -> None:
        t = _squash(para.text)
        if t:
            self.summary.append(t)

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
            # the number line's code wins over the one the type name gives
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
        elif (self.type_seen and not self.rule_seen and self.auto_summary
              and self._summary_ok(para, t)):
            self.summary.append(t)
        elif _is_caps(t) and len(t) <= 150 and not self.type_seen:
            if _is_type_name(t):
                self.fields["type_name"] = t
                self.type_seen = True
                self.found.add_header("type_name")
                if (code := type_code(t)) is not None:
                    self.fields.setdefault("type_code", code)
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
    open headings' number kinds: a kind already open is a sibling, a new kind a child.

    Written numbers decide the level. Where a heading style says otherwise (a title that took
    Heading 1 pushes "I." down to Heading 2), the level the numbers give is kept and the
    difference noted in :attr:`moved`; headings that carry a style but no number go to the
    level the numbered headings of the same style took (``style_levels``)."""

    def __init__(self, sections: list[Section], problems: list,
                 expected: dict[int, int] | None = None,
                 style_levels: dict[int, int] | None = None):
        self.sections = sections
        self.stack: list[_Open] = []
        self.children: dict[str | None, int] = {}
        self.problems = problems
        self.expected = expected or {}  # block index → level its written number gives
        self.style_levels = style_levels or {}  # heading style level → level taken
        self.moved: list[tuple[Para, HeadingNumber, int]] = []  # style and level disagree
        self.parts: list[HeadingNumber] = []  # "Phần thứ nhất" …

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

    def offer(self, para: Para, index: int | None = None) -> Section | None:
        """The new section if ``para`` (the block at ``index``) is a heading, else None."""
        num = self.heading(para)
        if num is None:
            return None
        styled = para.heading_level is not None
        if num.kind[0] == "style":
            level = num.kind[1]
            mapped = self._mapped(level)
            if mapped is not None:
                del self.stack[mapped - 1:]
                section = self._push(num, para)
                if len(self.stack) != level:
                    self.moved.append((para, num, len(self.stack)))
                return section
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
        else:
            if not _is_first(num) and not styled and not (not self.stack and para.bold):
                return None
            want = self.expected.get(index) if index is not None else None
            if want is not None:  # unnumbered styled headings above may have deepened the stack
                del self.stack[want - 1:]
            section = self._push(num, para)
        if num.kind == ("part",):
            self.parts.append(num)
        if styled and len(self.stack) != para.heading_level:
            self.moved.append((para, num, len(self.stack)))
        return section

    def _mapped(self, style_level: int) -> int | None:
        if style_level in self.style_levels:
            return self.style_levels[style_level]
        shifts = {level - style for style, level in self.style_levels.items()}
        if len(shifts) == 1:  # every numbered heading moved by the same step
            return max(1, style_level + shifts.pop())
        return None

    def _push(self, num: HeadingNumber, para: Para) -> Section:
        parent = self.stack[-1].section.id if self.stack else None
        position = self.children.get(parent, 0) + 1
        self.children[parent] = position
        section = Section(title=num.title, parent_id=parent, position=float(position))
        self.sections.append(section)
        self.stack.append(_Open(num.kind, num.value, section, para.bold or para.italic))
        return section


def number_levels(blocks: list[Para | Table]) -> tuple[dict[int, int], dict[int, int]]:
    """The level each numbered heading's written number gives (by block index), headings
    without a number left aside, and the level the numbered headings of each heading style
    mostly took."""
    dry = TreeBuilder([], [])
    levels: dict[int, int] = {}
    votes: dict[int, dict[int, int]] = {}
    for i, block in enumerate(blocks):
        if not isinstance(block, Para):
            continue
        num = dry.heading(block)
        if num is None or num.kind[0] == "style" or dry.offer(block) is None:
            continue
        levels[i] = len(dry.stack)
        if block.heading_level is not None:
            count = votes.setdefault(block.heading_level, {})
            count[len(dry.stack)] = count.get(len(dry.stack), 0) + 1
    style_levels = {style: max(count, key=lambda lv: count[lv]) for style, count in votes.items()}
    return levels, style_levels


def merge_part_titles(blocks: list[Para | Table]) -> list[Para | Table]:
    """"Phần thứ nhất" alone on its line, its title on the next one, as one heading."""
    out: list[Para | Table] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Para) and block.text[:1].strip() in ("P", "p", "") \
                and (num := _parse_part(_squash(block.text))) is not None and not num.title:
            j = i + 1
            while j < len(blocks) and isinstance(blocks[j], Para) and not _squash(blocks[j].text):
                j += 1
            nxt = blocks[j] if j < len(blocks) else None
            if isinstance(nxt, Para):
                t = _squash(nxt.text)
                if (len(t) <= MAX_TITLE and parse_number(t) is None and _looks_like_title(t)
                        and (_is_caps(t) or nxt.bold or nxt.heading_level is not None)):
                    out.append(Para(
                        list(block.runs) + [Run.of(" ")] + list(nxt.runs),
                        block.heading_level if block.heading_level is not None
                        else nxt.heading_level,
                        block.align, block.page_break_before, "", block.bold and nxt.bold,
                        block.italic and nxt.italic, block.style or nxt.style))
                    i = j + 1
                    continue
        out.append(block)
        i += 1
    return out


# -- putting it together -----------------------------------------------------------------------
@dataclass
class Built:
    report: Report
    found: Found
    problems: list  # (key, args)
    inferred: list = field(default_factory=list)  # (key, args): what was guessed


def _where_args(section: Section | None) -> tuple[str, dict]:
    if section is None:
        return "where_intro", {}
    if section.kind == KIND_ENDING:
        return "where_ending", {}
    return "where_section", {"title": section.title}


def _how(para_style: str) -> tuple[str, dict]:
    """The heading style of a line as a message translated late: "kiểu Heading 1", "cấp
    đề cương 2" (an outline level set on the paragraph itself)."""
    if para_style.startswith("outline "):
        return "how_outline", {"level": para_style.split()[1]}
    return "how_style", {"style": para_style}


def _later_unnumbered(blocks: list[Para | Table], after: int, level: int) -> bool:
    """Whether a heading of style ``level`` without a written number follows ``after``."""
    for block in blocks[after + 1:]:
        if isinstance(block, Para) and block.heading_level == level:
            num = parse_number(_squash(block.text))
            if num is None or not num.title:
                return True
    return False


def _summary_after(blocks: list[Para | Table], title: TitleLine, probe: TreeBuilder) -> None:
    """The lines under the type line that make the summary, whatever style they carry: up to
    three lines set alike (a heading style, bold, centred), or one short plain line."""
    if title.rest:
        return
    kind = None
    for j in range(title.at + 1, min(len(blocks), title.at + 8)):
        block = blocks[j]
        if isinstance(block, Table) or len(title.summary_at) >= 3:
            break
        t = _squash(block.text)
        if not t:
            continue
        if (len(t) > MAX_TITLE or _RULE.fullmatch(t) or _STAR.fullmatch(t)
                or t.startswith(("(", "[")) or t[-1] in ".;:,…"
                or fold(t).startswith(("kinh gui", "can cu", "noi nhan"))
                or _number_line(t) or _DATE.match(t) or parse_number(t) is not None
                or not any(c.isalpha() for c in t)):
            break
        num = probe.heading(block)
        if num is not None and num.kind[0] != "style":
            break
        if block.heading_level is not None or block.style in _TITLE_STYLES:
            this = "style"
            if block.heading_level is not None \
                    and _later_unnumbered(blocks, j, block.heading_level):
                break  # the first of the sections (a document with no numbers), not a summary
        elif block.bold:
            this = "bold"
        elif block.align == "center":
            this = "center"
        else:
            this = "plain"
            first = next((c for c in t if c.isalpha()), "")
            if title.summary_at or len(t) > 150 or not first.isupper():
                break
        if kind is not None and this != kind:
            break
        kind = this
        title.summary_at.append(j)
        if this == "plain":
            break
    title.summary_styled = kind == "style"


def find_title(blocks: list[Para | Table], probe: TreeBuilder) -> TitleLine | None:
    """The document type line near the top — only header lines (issuer, number, date …) above
    it — and its summary lines."""
    lead = HeaderReader(Found(), rule_mode=False)  # only asks: is it a header line?
    for i, block in enumerate(blocks[:60]):
        if isinstance(block, Table):
            if _header_table(block):
                continue
            return None
        t = _squash(block.text)
        if not t:
            continue
        title = title_line(block)
        if title is not None:
            title.at = i
            _summary_after(blocks, title, probe)
            return title
        if block.heading_level is not None or len(t) > 400 or probe.heading(block):
            return None
        if not all(lead.feed(line) for line in _split_lines(block)):
            return None
    return None


def build_report(blocks: list[Para | Table]) -> Built:
    """The report from the document's blocks (the footnotes are added by the caller)."""
    found = Found()
    problems: list = []
    inferred: list = []
    report = Report()
    report.intro = Section(kind=KIND_INTRO)
    report.ending = Section(kind=KIND_ENDING)
    blocks = merge_part_titles(blocks)

    # 1. header: up to the "-----" line if there is one near the top, else the leading
    #    lines that read as header lines; the type line and the summary under it whatever
    #    style they carry
    probe = TreeBuilder([], [])
    title = find_title(blocks, probe)
    title_blocks = {title.at, *title.summary_at} if title else set()
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
        if i in title_blocks or any(_is_caps(t) and _is_type_name(t) for t in texts):
            type_seen = True
        if i in title_blocks:
            continue
        if isinstance(block, Para) and (block.heading_level is not None or len(texts[0]) > 400
                                        or probe.heading(block)):
            break
    if rule_at is None and not type_seen:
        rule_at = first_rule  # no document type line: the first rule closes the header
    rule_mode = rule_at is not None
    reader = HeaderReader(found, rule_mode=rule_mode, auto_summary=rule_mode or title is None)
    leftover_header: list[Para] = []
    start = 0

    def feed(block: Para | Table) -> list[bool]:
        taken = []
        for p in (block.paragraphs() if isinstance(block, Table) else [block]):
            for line in _split_lines(p):
                ok = reader.feed(line)
                taken.append(ok)
                if not ok:
                    leftover_header.append(line)
        return taken

    if rule_mode:
        for i, block in enumerate(blocks[: rule_at + 1]):
            if title is not None and i == title.at:
                reader.take_type(title)
            else:
                feed(block)
        start = rule_at + 1
    else:
        for i, block in enumerate(blocks[:60]):
            if title is not None and i == title.at:
                reader.take_type(title)
                start = i + 1
                continue
            if title is not None and i in title.summary_at:
                reader.take_summary(block)
                start = i + 1
                continue
            if isinstance(block, Table):
                if not _header_table(block):
                    break
                feed(block)
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
    if title is not None and start > title.at:
        _title_inferred(title, report, rule_mode, inferred)
    anchors = {"party_title", "number", "place_date"} & set(found.header)
    if "issuer" in found.header and not anchors:
        inferred.append(("inferred_issuer", {"text": report.header.issuer}))

    # 2. headings over the rest — the level a written number gives first — and the closing
    #    starts after the last heading
    rest = blocks[start:]
    expected, style_levels = number_levels(rest)
    tree = TreeBuilder(report.sections, problems, expected, style_levels)
    heading_of: dict[int, Section] = {}
    for i, block in enumerate(rest):
        if isinstance(block, Para):
            section = tree.offer(block, i)
            if section is not None:
                section.title_notes = block.refs
                heading_of[i] = section
    _tree_inferred(tree, inferred)
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
            if block.nested:  # tables in its cells became paragraphs of their cells
                where, args = _where_args(current if current.kind != KIND_INTRO else None)
                problems.append(("problem_nested_table",
                                 {"where": (where, args), "count": block.nested}))
            current.body.append(block.to_model())
            pending_break = False
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
    return Built(report, found, problems, inferred)


def _title_inferred(title: TitleLine, report: Report, rule_mode: bool, inferred: list) -> None:
    """What the import report says about the type line and the summary: nothing when they sit
    in the official title block (type line, summary, "-----" rule); else what was taken."""
    h = report.header
    if title.style or title.rest or not rule_mode:
        inferred.append(("inferred_type" if title.style else "inferred_type_plain", {
            "text": title.text, "how": _how(title.style), "name": h.type_name,
            "code": h.type_code or "—"}))
    if h.summary and (title.rest or title.summary_styled or not rule_mode):
        inferred.append(("inferred_summary", {"text": h.summary}))


def _tree_inferred(tree: TreeBuilder, inferred: list) -> None:
    """One line per way a heading style disagreed with the level taken (the first heading
    named, the others counted), and one for a document divided into parts."""
    groups: dict[tuple, list[tuple[str, int]]] = {}
    for para, num, level in tree.moved:
        numbered = num.kind[0] != "style"
        title = f"{num.printed} {num.title}" if numbered else num.title
        key = (numbered, _style_of(para), para.heading_level, level)
        groups.setdefault(key, []).append((title, level))
    for (numbered, style, _, level), items in groups.items():
        inferred.append(("inferred_level" if numbered else "inferred_level_unnumbered", {
            "title": items[0][0], "how": _how(style), "level": level,
            "more": ("inferred_more", {"count": len(items) - 1}) if len(items) > 1
            else ("empty", {})}))
    if tree.parts:
        first = tree.parts[0]
        inferred.append(("inferred_parts", {"count": len(tree.parts),
                                            "first": f"{first.printed} {first.title}"}))

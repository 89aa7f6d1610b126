"""WordprocessingML → blocks: paragraphs of model runs (bold, italic, underline, super- and
subscript kept; fonts, sizes and colours dropped), tables, and footnote/endnote bodies.

Heading levels come from Word's styles (``heading N`` or an outline level); automatic list
numbers are written back into the text, so "1." typed and "1." numbered by Word look alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import CELL_PARAGRAPH_ID, Cell, Column, Paragraph, Row, Run, whole_grid
from ..model import Table as ModelTable

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

_P, _R, _T, _TBL, _TR, _TC, _SDT, _SDTC = (W + t for t in (
    "p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent"))
_PPR, _RPR = W + "pPr", W + "rPr"
_RUN_CONTAINERS = {W + t for t in (
    "hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "dir", "bdo")}
_BLOCK_CONTAINERS = {W + "customXml", W + "ins", W + "moveTo"}
_IMAGES = {W + "drawing", W + "pict", W + "object"}
_ALIGN = {"center": "center", "right": "right", "end": "right"}
_MARK_ORDER = ("b", "i", "u", "sup", "sub")


def _on(el: etree._Element) -> bool:
    v = el.get(W + "val")
    return v is None or v.lower() not in ("0", "false", "off", "none")


def rpr_marks(rpr: etree._Element | None) -> dict[str, bool]:
    """The marks a ``w:rPr`` sets (True) or clears (False)."""
    out: dict[str, bool] = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if tag == W + "b":
            out["b"] = _on(child)
        elif tag == W + "i":
            out["i"] = _on(child)
        elif tag == W + "u":
            out["u"] = (child.get(W + "val") or "single") != "none"
        elif tag == W + "vertAlign":
            v = child.get(W + "val")
            out["sup"] = v == "superscript"
            out["sub"] = v == "subscript"
    return out


@dataclass
class _Style:
    kind: str
    based_on: str | None
    name: str
    outline: int | None
    marks: dict[str, bool]
    num: tuple[str, int] | None


class Styles:
    """What the import needs from ``styles.xml``: heading levels and the marks of styles."""

    def __init__(self, root: etree._Element | None):
        self.styles: dict[str, _Style] = {}
        self.default_paragraph: str | None = None
        self.default_marks: dict[str, bool] = {}
        self._cache: dict[tuple[str, str], object] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_marks = rpr_marks(defaults)
        for st in root.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            kind = st.get(W + "type") or "paragraph"
            based = st.find(W + "basedOn")
            name = st.find(W + "name")
            ppr = st.find(_PPR)
            outline = None
            num = None
            if ppr is not None:
                ol = ppr.find(W + "outlineLvl")
                if ol is not None:
                    outline = _level(ol.get(W + "val"))
                num = _num_pr(ppr)
            self.styles[sid] = _Style(
                kind, based.get(W + "val") if based is not None else None,
                (name.get(W + "val") or "") if name is not None else "",
                outline, rpr_marks(st.find(_RPR)), num)
            if kind == "paragraph" and _on_attr(st.get(W + "default")):
                self.default_paragraph = sid

    def _chain(self, sid: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(chain) < 20:
            seen.add(sid)
            st = self.styles[sid]
            chain.append(st)
            sid = st.based_on
        return chain

    def heading_level(self, sid: str | None) -> int | None:
        """1-based heading level of a paragraph style (``heading 2`` → 2), or None."""
        return self.heading(sid)[0]

    def heading(self, sid: str | None) -> tuple[int | None, str]:
        """The heading level of a paragraph style and the name of the style that gives it
        ("Heading 2", or a custom style's own name), for the import report."""
        key = ("h", sid or "")
        if key not in self._cache:
            found: tuple[int | None, str] = (None, "")
            for st in self._chain(sid):
                m = re.fullmatch(r"heading\s*([1-9])", st.name.strip().lower())
                if m:
                    found = (int(m.group(1)), f"Heading {m.group(1)}")
                    break
                if st.outline is not None:
                    found = (st.outline + 1 if st.outline < 9 else None, st.name.strip() or sid)
                    break
            self._cache[key] = found
        return self._cache[key]  # type: ignore[return-value]

    def role(self, sid: str | None) -> str:
        """"Title" or "Subtitle" for Word's title styles (and styles based on them; pandoc
        gives a Markdown file's title and subtitle these), else ""."""
        for st in self._chain(sid):
            name = st.name.strip().lower()
            if name in ("title", "subtitle"):
                return name.capitalize()
        return ""

    def is_caption(self, sid: str | None) -> bool:
        """Word's "caption" style (References → Insert Caption), or a style based on it."""
        return any(st.name.strip().lower() == "caption" for st in self._chain(sid))

    def marks(self, sid: str | None) -> dict[str, bool]:
        """Marks a style sets, its base styles first."""
        key = ("m", sid or "")
        if key not in self._cache:
            out: dict[str, bool] = {}
            for st in reversed(self._chain(sid)):
                out.update(st.marks)
            self._cache[key] = out
        return self._cache[key]  # type: ignore[return-value]

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        for st in self._chain(sid):
            if st.num:
                return st.num
        return None


# Word itself stores list starts and levels as small numbers (a start is at most 32767); a file
# that says otherwise is damaged or hostile, and its numbers are clamped so no later step can
# loop, allocate or overflow on them.
NUMBER_LIMIT = 32767
LIST_LEVELS = 10  # list levels 0–9 (Word uses 0–8)
MAX_LABEL = 40  # characters of a list label ("%1.%2.%3." or a bullet)


def _int(value: str | None, default: int, low: int = 0, high: int = NUMBER_LIMIT) -> int:
    """An integer attribute of the file, clamped to ``low``–``high`` (``default`` when absent
    or not a number)."""
    try:
        n = int(value) if value is not None else default
    except ValueError:
        return default
    return max(low, min(high, n))


def _level(value: str | None) -> int | None:
    """A level number written in ASCII digits (``outlineLvl``, ``ilvl``), clamped; None when
    absent or not one ("²" and "٣" are digits to Python, not to Word)."""
    if not value or not value.isascii() or not value.isdigit():
        return None
    return _int(value, 0)


def _on_attr(v: str | None) -> bool:
    return v is not None and v.lower() in ("1", "true", "on")


def _num_pr(ppr: etree._Element) -> tuple[str, int] | None:
    np_ = ppr.find(W + "numPr")
    if np_ is None:
        return None
    num = np_.find(W + "numId")
    lvl = np_.find(W + "ilvl")
    num_id = num.get(W + "val") if num is not None else None
    if not num_id or num_id == "0":
        return None
    ilvl = _level(lvl.get(W + "val")) if lvl is not None else 0
    return num_id, ilvl or 0


def _roman(n: int) -> str:
    from ..numbering import roman

    return roman(n)


def _alpha(n: int) -> str:
    from ..numbering import alpha

    return alpha(n)


_BULLETS_AS_DASH = "-–—•·o§▪■□◦●○\uf0b7\uf02d\uf0a7\uf0d8\uf076\uf0fc"


class ListNumbers:
    """Automatic list numbers (``numbering.xml``) rendered as the text Word shows."""

    def __init__(self, root: etree._Element | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.num_to_abstract: dict[str, str] = {}
        self.overrides: dict[str, dict[int, int]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        for ab in root.iter(W + "abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in ab.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                if ilvl >= LIST_LEVELS:  # Word has nine; more is a damaged file
                    continue
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[ilvl] = (
                    (fmt.get(W + "val") or "decimal") if fmt is not None else "decimal",
                    # the label is written before every item: a long one would be copied into
                    # every paragraph of the list
                    ((text.get(W + "val") or "") if text is not None else "")[:MAX_LABEL],
                    _int(start.get(W + "val"), 1) if start is not None else 1,
                )
            self.levels[ab.get(W + "abstractNumId") or ""] = levels
        for num in root.iter(W + "num"):
            nid = num.get(W + "numId") or ""
            ab = num.find(W + "abstractNumId")
            if ab is not None:
                self.num_to_abstract[nid] = ab.get(W + "val") or ""
            for ov in num.iter(W + "lvlOverride"):
                so = ov.find(W + "startOverride")
                if so is not None:
                    self.overrides.setdefault(nid, {})[_int(ov.get(W + "ilvl"), 0)] = _int(
                        so.get(W + "val"), 1)

    def _format(self, fmt: str, n: int) -> str:
        if fmt == "upperRoman":
            return _roman(n)
        if fmt == "lowerRoman":
            return _roman(n).lower()
        if fmt == "lowerLetter":
            return _alpha(n)
        if fmt == "upperLetter":
            return _alpha(n).upper()
        if fmt == "decimalZero":
            return f"{n:02d}"
        if fmt == "none":
            return ""
        return str(n)

    def label(self, num: tuple[str, int]) -> str:
        """The label of the next item of list ``num`` at its level ("1.", "a)", "-").

        Lists sharing an abstract definition continue each other's count, as in Word, unless
        a list restarts a level with a start override."""
        nid, ilvl = num
        abstract = self.num_to_abstract.get(nid, "")
        levels = self.levels.get(abstract, {})
        if ilvl not in levels or not 0 <= ilvl < LIST_LEVELS:
            return ""
        counters: list[int | None] = self.counters.setdefault(abstract, [None] * LIST_LEVELS)
        overrides = self.overrides.get(nid, {})
        if nid not in self.started:
            self.started.add(nid)
            for lvl in overrides:
                if 0 <= lvl < LIST_LEVELS:
                    counters[lvl] = None
        starts = {i: overrides.get(i, lv[2]) for i, lv in levels.items()}
        current = counters[ilvl]
        counters[ilvl] = starts[ilvl] if current is None else current + 1
        for deeper in range(ilvl + 1, LIST_LEVELS):
            counters[deeper] = None
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "-" if not text or text[0] in _BULLETS_AS_DASH else text

        def sub(m: re.Match) -> str:
            i = int(m.group(1)) - 1
            if i not in levels:
                return ""
            value = counters[i] if counters[i] is not None else starts.get(i, 1)
            return self._format(levels[i][0], value)

        return re.sub(r"%([1-9])", sub, text).strip()


@dataclass
class Para:
    """One paragraph as read: model runs, the Word heading level (None = body text), the
    alignment worth keeping (centre/right), a page break before it, the automatic list label."""

    runs: list[Run] = field(default_factory=list)
    heading_level: int | None = None
    align: str | None = None
    page_break_before: bool = False
    label: str = ""
    bold: bool = False  # every letter bold (a hint for header lines and headings)
    italic: bool = False  # every letter italic
    # the style that made it a heading ("Heading 3"; "" for an outline level set on the
    # paragraph), or Word's "Title" / "Subtitle" style
    style: str = ""
    caption: bool = False  # in Word's "caption" style (a table's caption when one follows)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def refs(self) -> list[str]:
        return [r.footnote for r in self.runs if r.footnote]

    def to_model(self) -> Paragraph:
        return _trim(Paragraph(list(self.runs), self.align, self.page_break_before))


@dataclass
class Table:
    """A table as read: its rows of cells of paragraphs, and for each cell the columns it
    spans (``w:gridSpan``) and whether it continues the merged cell above (``w:vMerge``)."""

    rows: list[list[list[Para]]]
    spans: list[list[tuple[int, bool]]] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # w:gridCol, twips
    header_rows: int = 0  # leading rows repeated on each page (w:tblHeader)
    nested: int = 0  # tables inside its cells, flattened into their cells' paragraphs
    caption: list[Run] = field(default_factory=list)  # the "caption" paragraph just before it

    def cells(self) -> list[list[Para]]:
        return [cell for row in self.rows for cell in row]

    def paragraphs(self) -> list[Para]:
        return [p for cell in self.cells() for p in cell]

    def to_model(self) -> ModelTable:
        """The table of the model: merged cells across and down, column widths, header rows
        (marked in Word, or a first row all in bold above others); marks and footnote
        references stay in the cells."""
        n_cols = max([len(self.widths), 1, *(sum(s for s, _ in row) for row in self.spans)])
        above: dict[int, Cell] = {}  # column → the cell a vertical merge there continues
        rows: list[Row] = []
        for r, row in enumerate(self.rows):
            cells: list[Cell | None] = [None] * n_cols
            col = 0
            started: dict[int, Cell] = {}
            for k, paras in enumerate(row):
                span, cont = self.spans[r][k] if r < len(self.spans) and k < len(
                    self.spans[r]) else (1, False)
                if col >= n_cols:
                    break
                kept = [Paragraph(q.runs, q.align, id=CELL_PARAGRAPH_ID)
                        for q in (para.to_model() for para in paras) if q.runs]
                origin = above.get(col) if cont else None
                if origin is not None:
                    origin.row_span += 1
                    origin.paragraphs.extend(kept)
                    started[col] = origin
                else:
                    cell = Cell(kept or [Paragraph(id=CELL_PARAGRAPH_ID)], 1, span)
                    cells[col] = cell
                    started[col] = cell
                col += span
            above = started
            rows.append(Row(cells))
        header = self.header_rows
        if not header and len(rows) > 1 and self.rows[0] and all(
                para.bold for cell in self.rows[0] for para in cell if para.text.strip()):
            header = 1  # a first row in bold: the header row, as printed
        widths = [float(w) for w in self.widths] if len(self.widths) == n_cols and all(
            w > 0 for w in self.widths) else [None] * n_cols
        columns = [Column(w) for w in widths]
        _as_printed_by_the_profile(rows, columns, header)
        caption = [Run(r.text, tuple(m for m in r.marks if m != "b")) if not r.footnote else r
                   for r in self.caption]  # the caption's bold is the profile's
        return whole_grid(ModelTable(rows, columns, header, caption))


def _as_printed_by_the_profile(rows: list[Row], columns: list[Column], header: int) -> None:
    """What the format profile prints anyway is not kept as the cells' own: header cells are
    bold and centred (a header cell all in bold, or centred, says nothing of its own); a
    column whose every filled cell below the header is right-aligned (or centred) gets that
    alignment, its cells then saying nothing of their own."""
    for row in rows[:header]:
        for p in (p for cell in row.cells if cell is not None for p in cell.paragraphs):
            if p.align == "center":
                p.align = None
            if all("b" in r.marks for r in p.runs if not r.footnote and r.text.strip()):
                p.runs = [r if r.footnote else Run(r.text, tuple(m for m in r.marks if m != "b"))
                          for r in p.runs]
    for c, column in enumerate(columns):
        paras = [p for row in rows[header:] if c < len(row.cells) and row.cells[c] is not None
                 and row.cells[c].col_span == 1 for p in row.cells[c].paragraphs if p.runs]
        aligns = {p.align for p in paras}
        if paras and len(aligns) == 1 and next(iter(aligns)) in ("right", "center"):
            column.align = next(iter(aligns))
            for p in paras:
                p.align = None


def _trim(p: Paragraph) -> Paragraph:
    """Merge runs, drop spaces at both ends of the paragraph."""
    p = p.normalized()
    runs = list(p.runs)
    while runs and not runs[0].footnote and not runs[0].text.strip(" \t"):
        runs.pop(0)
    while runs and not runs[-1].footnote and not runs[-1].text.strip(" \t"):
        runs.pop()
    if runs and not runs[0].footnote:
        runs[0] = Run(runs[0].text.lstrip(" \t"), runs[0].marks)
    if runs and not runs[-1].footnote:
        runs[-1] = Run(runs[-1].text.rstrip(" \t"), runs[-1].marks)
    return Paragraph(runs, p.align, p.page_break_before)


# Bounds of what one file may bring in: generous for a real report (the seed ×20 has 1,300
# paragraphs and 1,140 footnotes), small enough that a hostile file cannot fill the memory or
# the report file. Whatever lies beyond is cut, and the import report says where.
MAX_PARAGRAPHS = 100_000  # of the body, and of the notes (table cells, text boxes included)
MAX_RUNS = 300_000  # Word's runs of text in the body, and in the notes (about 4 s of reading)
MAX_NOTES = 10_000  # footnotes and endnotes, copies for repeated references included
MAX_COPIED_CHARS = 2_000_000  # text copied for notes referenced more than once
MAX_NESTING = 16  # tables in tables, text boxes in text boxes, content controls in these


@dataclass
class _Note:
    key: tuple[str, str]  # (kind, Word id)
    paras: list[Paragraph]
    fid: str = ""  # its model footnote id
    copies: list[str] = field(default_factory=list)  # model ids of copies for later references
    size: int = 0  # characters of text


def _text_key(paras: list[Paragraph]) -> tuple:
    """What a note reads (ids aside), to tell a note written twice from two different ones."""
    return tuple((tuple(p.runs), p.align) for p in paras)


class NoteIds:
    """Word footnotes and endnotes → model footnotes, and the references read in the body.

    Word gives every note one id and one reference. A damaged or pieced-together file may hold
    two notes under one id, or reference one note twice: the k-th reference of an id gets the
    k-th note of that id (notes with the same text count once), a reference after the last
    note gets its own copy of it (as pasting does), and the notes left over are placed right
    after the id's last reference (see :meth:`leftovers`)."""

    def __init__(self, new_id):
        self._new_id = new_id
        self.notes: dict[tuple[str, str], list[_Note]] = {}
        self._texts: dict[tuple[str, str], set[tuple]] = {}  # what the notes of an id read
        self.refs: dict[tuple[str, str], list[Run]] = {}
        self.same_text: dict[tuple[str, str], int] = {}  # notes repeated word for word
        self.count = 0
        self.cut_notes = 0  # notes past MAX_NOTES
        self.cut_keys: set[tuple[str, str]] = set()  # their ids: references to them are dropped
        self.cut_refs = 0  # references that could not be given their own copy
        self.copied_chars = 0

    # -- reading the notes part -----------------------------------------------------------
    def add(self, kind: str, word_id: str, paras: list[Paragraph]) -> None:
        key = (kind, word_id)
        same = self.notes.setdefault(key, [])
        texts = self._texts.setdefault(key, set())
        text = _text_key(paras)
        if text in texts:
            self.same_text[key] = self.same_text.get(key, 0) + 1
            return
        if self.count >= MAX_NOTES:
            self.cut_notes += 1
            if not same:
                del self.notes[key]
                self.cut_keys.add(key)
            return
        self.count += 1
        texts.add(text)
        same.append(_Note(key, paras, self._new_id(), size=sum(len(p.text) for p in paras)))

    def known(self, kind: str, word_id: str) -> bool:
        return (kind, word_id) in self.notes

    # -- references in the body -----------------------------------------------------------
    def reference(self, kind: str, word_id: str) -> Run | None:
        """The model reference for the next reference to ``word_id`` (None: none can be made)."""
        key = (kind, word_id)
        notes = self.notes[key]
        made = self.refs.setdefault(key, [])
        if len(made) < len(notes):
            run = Run.ref(notes[len(made)].fid)
        else:
            last = notes[-1]
            if self.count >= MAX_NOTES or self.copied_chars + last.size > MAX_COPIED_CHARS:
                self.cut_refs += 1
                return None
            self.count += 1
            self.copied_chars += last.size
            last.copies.append(self._new_id())
            run = Run.ref(last.copies[-1])
        made.append(run)
        return run

    def leftovers(self) -> dict[int, list[Run]]:
        """References to add after an existing one (``id()`` of its run → the new runs): the
        notes of an id that has fewer references than notes."""
        out: dict[int, list[Run]] = {}
        for key, notes in self.notes.items():
            made = self.refs.get(key, [])
            if made and len(made) < len(notes):
                out[id(made[-1])] = [Run.ref(n.fid) for n in notes[len(made):]]
        return out

    def footnotes(self) -> list[tuple[str, list[Paragraph], _Note, bool]]:
        """(model id, paragraphs, the note, is a copy) of every footnote to create."""
        out = []
        for notes in self.notes.values():
            for note in notes:
                out.append((note.fid, note.paras, note, False))
                for fid in note.copies:
                    out.append((fid, [Paragraph(list(p.runs), p.align, p.page_break_before)
                                      for p in note.paras], note, True))
        return out


class Reader:
    """Turns WordprocessingML elements into :class:`Para` and :class:`Table` blocks."""

    def __init__(self, styles: Styles, lists: ListNumbers, notes: NoteIds):
        self.styles = styles
        self.lists = lists
        self.notes = notes
        self.images = 0
        self.missing_refs = 0
        self.nested_refs = 0  # references inside a note (Word has no notes in notes)
        self.too_deep = 0  # tables, text boxes or fields nested past MAX_NESTING, left out
        # paragraphs and runs read in the body and in the notes (each has the limits on its
        # own); where a limit stopped the reading: (the limit's message, the text there)
        self.paragraphs = {"body": 0, "notes": 0}
        self.runs = {"body": 0, "notes": 0}
        self.cut_at: dict[str, tuple[tuple[str, dict], str] | None] = {
            "body": None, "notes": None}
        self._in_notes = False

    @property
    def _part(self) -> str:
        return "notes" if self._in_notes else "body"

    @property
    def full(self) -> bool:
        return self.cut_at[self._part] is not None

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container: etree._Element, depth: int = 0) -> list[Para | Table]:
        out: list[Para | Table] = []
        if depth > MAX_NESTING:
            self.too_deep += 1
            return out
        for child in container:
            if self.full:
                break
            tag = child.tag
            if tag == _P:
                part = self._part
                self.paragraphs[part] += 1
                if self.paragraphs[part] > MAX_PARAGRAPHS:
                    self.cut_at[part] = (("limit_paragraphs", {"limit": MAX_PARAGRAPHS}),
                                         "".join(t.text or "" for t in child.iter(_T)))
                    break
                out.extend(self.paragraph(child, depth))
            elif tag == _TBL:
                table = self.table(child, depth)
                if not table.rows:  # a table whose every row was deleted (tracked changes)
                    continue
                if out and isinstance(out[-1], Para) and out[-1].caption and out[-1].runs:
                    table.caption = out.pop().runs  # "Bảng 1: …" just above: its caption
                out.append(table)
            elif tag == _SDT:
                content = child.find(_SDTC)
                if content is not None:
                    out.extend(self.blocks(content, depth + 1))
            elif tag in _BLOCK_CONTAINERS:
                out.extend(self.blocks(child, depth + 1))
        return out

    def table(self, tbl: etree._Element, depth: int) -> Table:
        rows = []
        spans = []
        nested = 0
        header = 0
        for tr in _children(tbl, _TR):
            r = len(rows)
            cells = []
            row_spans = []
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a row deleted with tracked changes: today's text has it no more
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            if before is not None:  # columns left empty at the start of the row
                skip = _int(before.get(W + "val"), 0, 0, 63)
                if skip:
                    cells.append([])
                    row_spans.append((skip, False))
            repeat = trpr.find(W + "tblHeader") if trpr is not None else None
            if repeat is not None and _on(repeat) and header == r:
                header += 1
            for cell in _children(tr, _TC):
                paras: list[Para] = []
                for block in self.blocks(cell, depth + 1):
                    if isinstance(block, Table):
                        nested += 1 + block.nested
                    paras.extend(block.paragraphs() if isinstance(block, Table) else [block])
                cells.append(paras)
                tcpr = cell.find(W + "tcPr")
                span = tcpr.find(W + "gridSpan") if tcpr is not None else None
                merge = tcpr.find(W + "vMerge") if tcpr is not None else None
                row_spans.append((
                    _int(span.get(W + "val"), 1, 1, 63) if span is not None else 1,
                    merge is not None and (merge.get(W + "val") or "continue") != "restart"))
            rows.append(cells)
            spans.append(row_spans)
        grid = tbl.find(W + "tblGrid")
        widths = [_int(g.get(W + "w"), 0, 0, 10 ** 6) for g in grid.iter(W + "gridCol")] \
            if grid is not None else []
        return Table(rows, spans, widths, header, nested)

    # -- paragraphs -----------------------------------------------------------------------
    def paragraph(self, p: etree._Element, depth: int = 0) -> list[Para]:
        note_body = self._in_notes
        ppr = p.find(_PPR)
        style = None
        align = None
        page_break = False
        outline = None
        num = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            if ps is not None:
                style = ps.get(W + "val")
            jc = ppr.find(W + "jc")
            if jc is not None:
                align = _ALIGN.get(jc.get(W + "val") or "")
            pb = ppr.find(W + "pageBreakBefore")
            page_break = pb is not None and _on(pb)
            ol = ppr.find(W + "outlineLvl")
            if ol is not None:
                outline = _level(ol.get(W + "val"))
            num = _num_pr(ppr)
        style = style or self.styles.default_paragraph
        level = None
        style_name = ""
        if not note_body:
            if outline is not None and outline < 9:
                level = outline + 1
            else:
                level, style_name = self.styles.heading(style)
            if level is None:
                style_name = self.styles.role(style)
        base = dict(self.styles.default_marks)
        if level is None:
            base.update(self.styles.marks(style))
            num = num or self.styles.numbering(style)
        label = self.lists.label(num) if num and level is None and not note_body else ""

        paras: list[Para] = []
        runs: list[Run] = []
        text: list[str] = []
        marks: tuple[str, ...] = ()
        letters = 0
        bold_letters = 0
        italic_letters = 0
        boxes: list[etree._Element] = []

        def flush() -> None:
            nonlocal text
            if text:
                runs.append(Run.of("".join(text), *marks))
                text = []

        def new_paragraph() -> None:
            nonlocal runs
            flush()
            paras.append(Para(runs, level, align, page_break if not paras else True))
            runs = []

        part = self._part
        for r in self._runs(p):
            self.runs[part] += 1
            if self.runs[part] > MAX_RUNS:
                self.cut_at[part] = (("limit_runs", {"limit": MAX_RUNS}),
                                     "".join(t.text or "" for t in r.iter(_T)))
                break
            if r.tag == M + "r":
                for t in r.iter(M + "t"):
                    text.append(t.text or "")
                continue
            rpr = r.find(_RPR)
            eff = dict(base)
            if rpr is not None:
                rs = rpr.find(W + "rStyle")
                if rs is not None:
                    eff.update(self.styles.marks(rs.get(W + "val")))
                eff.update(rpr_marks(rpr))
            run_marks = tuple(m for m in _MARK_ORDER if eff.get(m))
            if run_marks != marks:
                flush()
                marks = run_marks
            for child in r:
                tag = child.tag
                if tag == _T:
                    t = child.text or ""
                    text.append(t)
                    n = sum(1 for c in t if c.isalpha())
                    letters += n
                    if "b" in marks:
                        bold_letters += n
                    if "i" in marks:
                        italic_letters += n
                elif tag == W + "tab" or tag == W + "ptab":
                    text.append(" ")
                elif tag == W + "br":
                    if child.get(W + "type") == "page":
                        if runs or "".join(text).strip():
                            new_paragraph()
                        elif not paras:
                            page_break = True
                    else:
                        text.append("\n")
                elif tag == W + "cr":
                    text.append("\n")
                elif tag == W + "noBreakHyphen":
                    text.append("-")
                elif tag == W + "sym":
                    code = child.get(W + "char") or ""
                    try:
                        value = int(code[:8], 16)
                    except ValueError:
                        continue
                    if 0xF000 <= value <= 0xF0FF:
                        value -= 0xF000  # a symbol-font code point (Wingdings, Symbol)
                    if 0x20 <= value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF:
                        text.append(chr(value))
                elif tag == W + "footnoteReference" or tag == W + "endnoteReference":
                    wid = child.get(W + "id") or ""
                    kind = "fn" if tag == W + "footnoteReference" else "en"
                    flush()
                    if note_body:
                        self.nested_refs += 1
                    elif self.notes.known(kind, wid):
                        ref = self.notes.reference(kind, wid)
                        if ref is not None:
                            runs.append(ref)
                    elif (kind, wid) not in self.notes.cut_keys:
                        self.missing_refs += 1
                elif tag in _IMAGES or tag == MC + "AlternateContent":
                    box = _text_box(child)
                    if box is None:
                        self.images += 1
                    else:
                        boxes.append(box)
        flush()
        if label:
            runs.insert(0, Run(label + " "))
        paras.append(Para(runs, level, align, page_break if not paras else True, label))
        caption = level is None and not note_body and self.styles.is_caption(style)
        for para in paras:
            para.style = style_name
            para.caption = caption
        paras[0].bold = letters > 0 and bold_letters == letters
        paras[0].italic = letters > 0 and italic_letters == letters
        for box in boxes:  # the text of text boxes follows the paragraph that anchors them
            for block in self.blocks(box, depth + 1):
                paras.extend(block.paragraphs() if isinstance(block, Table) else [block])
        return paras

    def _runs(self, el: etree._Element, depth: int = 0):
        """The runs of a paragraph, also those inside hyperlinks, tracked insertions, fields,
        content controls and equations."""
        if depth > 4 * MAX_NESTING:
            self.too_deep += 1
            return
        for child in el:
            tag = child.tag
            if tag == _R or tag == M + "r":
                yield child
            elif tag in _RUN_CONTAINERS:
                yield from self._runs(child, depth + 1)
            elif tag == _SDT:
                content = child.find(_SDTC)
                if content is not None:
                    yield from self._runs(content, depth + 1)
            elif isinstance(tag, str) and tag.startswith(M):
                yield from self._runs(child, depth + 1)

    # -- notes ----------------------------------------------------------------------------
    def notes_part(self, root: etree._Element | None, kind: str) -> list[tuple[str, list]]:
        """(Word id, paragraphs) of every real note in file order (separators left out)."""
        out: list[tuple[str, list[Paragraph]]] = []
        if root is None:
            return out
        tag = W + ("footnote" if kind == "fn" else "endnote")
        for note in root.iter(tag):
            if note.get(W + "type") not in (None, "normal"):
                continue
            if self.cut_at["notes"] is not None:
                break
            paras = []
            self._in_notes = True
            try:
                blocks = self.blocks(note)
            finally:
                self._in_notes = False
            for block in blocks:
                for para in (block.paragraphs() if isinstance(block, Table) else [block]):
                    p = para.to_model()
                    if p.runs:
                        paras.append(p)
            if paras:
                first = paras[0]
                runs = list(first.runs)
                if runs and not runs[0].footnote:
                    runs[0] = Run(runs[0].text.lstrip(), runs[0].marks)
                paras[0] = Paragraph(runs, first.align, False).normalized()
            out.append((note.get(W + "id") or "", paras))
        return out


def _text_box(el: etree._Element) -> etree._Element | None:
    """The ``w:txbxContent`` of a drawing, a VML shape or an alternate-content block (of its
    first choice only: the fallback repeats the same text)."""
    if el.tag == MC + "AlternateContent":
        for option in el:
            box = next(option.iter(W + "txbxContent"), None)
            if box is not None:
                return box
        return None
    return next(el.iter(W + "txbxContent"), None)


_WRAPPERS = (_SDT, _SDTC, W + "customXml")


def _children(el: etree._Element, tag: str, depth: int = 0):
    """The ``tag`` children of ``el``, also those wrapped in content controls or custom XML
    (rows of a table, cells of a row); never the rows of a table nested inside."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS and depth < MAX_NESTING:
            yield from _children(child, tag, depth + 1)

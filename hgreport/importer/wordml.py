"""WordprocessingML → blocks: paragraphs of model runs (bold, italic, underline, super- and
subscript kept; fonts, sizes and colours dropped), tables, and footnote/endnote bodies.

Heading levels come from Word's styles (``heading N`` or an outline level); automatic list
numbers are written back into the text, so "1." typed and "1." numbered by Word look alike."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..model import Paragraph, Run

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
                if ol is not None and (ol.get(W + "val") or "").isdigit():
                    outline = int(ol.get(W + "val"))
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
        key = ("h", sid or "")
        if key not in self._cache:
            level = None
            for st in self._chain(sid):
                m = re.fullmatch(r"heading\s*([1-9])", st.name.strip().lower())
                if m:
                    level = int(m.group(1))
                    break
                if st.outline is not None:
                    level = st.outline + 1 if st.outline < 9 else None
                    break
            self._cache[key] = level
        return self._cache[key]  # type: ignore[return-value]

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


def _int(value: str | None, default: int, low: int = 0, high: int = NUMBER_LIMIT) -> int:
    """An integer attribute of the file, clamped to ``low``–``high`` (``default`` when absent
    or not a number)."""
    try:
        n = int(value) if value is not None else default
    except ValueError:
        return default
    return max(low, min(high, n))


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
    ilvl = lvl.get(W + "val") if lvl is not None else "0"
    return num_id, int(ilvl) if ilvl and ilvl.isdigit() else 0


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
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[ilvl] = (
                    (fmt.get(W + "val") or "decimal") if fmt is not None else "decimal",
                    (text.get(W + "val") or "") if text is not None else "",
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
        if ilvl not in levels or not 0 <= ilvl < 10:
            return ""
        counters: list[int | None] = self.counters.setdefault(abstract, [None] * 10)
        overrides = self.overrides.get(nid, {})
        if nid not in self.started:
            self.started.add(nid)
            for lvl in overrides:
                if 0 <= lvl < 10:
                    counters[lvl] = None
        starts = {i: overrides.get(i, lv[2]) for i, lv in levels.items()}
        current = counters[ilvl]
        counters[ilvl] = starts[ilvl] if current is None else current + 1
        for deeper in range(ilvl + 1, 10):
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
    rows: list[list[list[Para]]]

    def cells(self) -> list[list[Para]]:
        return [cell for row in self.rows for cell in row]

    def paragraphs(self) -> list[Para]:
        return [p for cell in self.cells() for p in cell]


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


class NoteIds:
    """Word footnote/endnote ids → model footnote ids, and the references that were read."""

    def __init__(self, new_id):
        self._new_id = new_id
        self.ids: dict[tuple[str, str], str] = {}
        self.known: set[tuple[str, str]] = set()

    def model_id(self, kind: str, word_id: str) -> str:
        key = (kind, word_id)
        if key not in self.ids:
            self.ids[key] = self._new_id()
        return self.ids[key]


class Reader:
    """Turns WordprocessingML elements into :class:`Para` and :class:`Table` blocks."""

    def __init__(self, styles: Styles, lists: ListNumbers, notes: NoteIds):
        self.styles = styles
        self.lists = lists
        self.notes = notes
        self.images = 0
        self.missing_refs = 0
        self._in_notes = False

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container: etree._Element, depth: int = 0) -> list[Para | Table]:
        out: list[Para | Table] = []
        for child in container:
            tag = child.tag
            if tag == _P:
                out.extend(self.paragraph(child))
            elif tag == _TBL:
                out.append(self.table(child, depth))
            elif tag == _SDT:
                content = child.find(_SDTC)
                if content is not None:
                    out.extend(self.blocks(content, depth))
            elif tag in _BLOCK_CONTAINERS:
                out.extend(self.blocks(child, depth))
        return out

    def table(self, tbl: etree._Element, depth: int) -> Table:
        rows = []
        for tr in tbl.iter(_TR):
            if tr.getparent() is not tbl and not _in_sdt_of(tr, tbl):
                continue
            cells = []
            for tc in tr:
                if tc.tag == _SDT:
                    content = tc.find(_SDTC)
                    tcs = [c for c in content if c.tag == _TC] if content is not None else []
                elif tc.tag == _TC:
                    tcs = [tc]
                else:
                    continue
                for cell in tcs:
                    paras: list[Para] = []
                    for block in self.blocks(cell, depth + 1):
                        paras.extend(block.paragraphs() if isinstance(block, Table) else [block])
                    cells.append(paras)
            rows.append(cells)
        return Table(rows)

    # -- paragraphs -----------------------------------------------------------------------
    def paragraph(self, p: etree._Element) -> list[Para]:
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
            if ol is not None and (ol.get(W + "val") or "").isdigit():
                outline = int(ol.get(W + "val"))
            num = _num_pr(ppr)
        style = style or self.styles.default_paragraph
        level = None
        if not note_body:
            level = outline + 1 if outline is not None and outline < 9 else \
                self.styles.heading_level(style)
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

        for r in _iter_runs(p):
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
                    if (kind, wid) in self.notes.known:
                        runs.append(Run.ref(self.notes.model_id(kind, wid)))
                    else:
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
        paras[0].bold = letters > 0 and bold_letters == letters
        paras[0].italic = letters > 0 and italic_letters == letters
        for box in boxes:  # the text of text boxes follows the paragraph that anchors them
            for block in self.blocks(box):
                paras.extend(block.paragraphs() if isinstance(block, Table) else [block])
        return paras

    # -- notes ----------------------------------------------------------------------------
    def notes_part(self, root: etree._Element | None, kind: str) -> dict[str, list[Paragraph]]:
        """Word id → paragraphs of every real note (separators left out)."""
        out: dict[str, list[Paragraph]] = {}
        if root is None:
            return out
        tag = W + ("footnote" if kind == "fn" else "endnote")
        for note in root.iter(tag):
            if note.get(W + "type") not in (None, "normal"):
                continue
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
            out[note.get(W + "id") or ""] = paras
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


def _in_sdt_of(tr: etree._Element, tbl: etree._Element) -> bool:
    parent = tr.getparent()
    while parent is not None and parent is not tbl:
        if parent.tag not in (_SDT, _SDTC, W + "customXml"):
            return False
        parent = parent.getparent()
    return parent is tbl


def _iter_runs(el: etree._Element):
    for child in el:
        tag = child.tag
        if tag == _R or tag == M + "r":
            yield child
        elif tag in _RUN_CONTAINERS:
            yield from _iter_runs(child)
        elif tag == _SDT:
            content = child.find(_SDTC)
            if content is not None:
                yield from _iter_runs(content)
        elif isinstance(tag, str) and tag.startswith(M):
            yield from _iter_runs(child)

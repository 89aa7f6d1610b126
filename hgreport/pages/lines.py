"""Breaking a paragraph into lines: greedy on spaces, as Word does, justified by widening the
spaces; each line's words placed at their final offsets, in the font file that draws them.

Input is a list of :class:`Piece` (text in one style, or a footnote's printed number); output
is a list of :class:`Line` whose :class:`Frag` offsets are relative to the paragraph's left
edge and whose ``notes`` are the footnotes referenced on that line, in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fonts import FontSet

SUPERSCRIPT_SCALE = 2 / 3  # Word prints a superscript at about two thirds of the size …
SUPERSCRIPT_RISE = 1 / 3  # … raised by a third of the size (a subscript is lowered by 1/8)
SUBSCRIPT_DROP = 1 / 8
TAB_STOP = 36.0  # Word's default tab stops: every half inch
_EPSILON = 0.01
_TOKENS = re.compile(r"[ \t\n]|[^ \t\n]+")
# a line may also break after a hyphen inside a word ("Mác-|Lênin"), not before a figure
# ("2020-2025" stays whole), as Word and LibreOffice do
_HYPHEN = re.compile(r"(?<=[^\s-]-)(?=[^\d\s-])")


@dataclass(frozen=True, slots=True)
class Style:
    face: str = "R"  # "R", "B", "I", "BI"
    size: float = 14.0
    underline: bool = False
    rise: float = 0.0  # baseline shift in points (up > 0)


@dataclass(slots=True)
class Piece:
    text: str
    style: Style
    note: str | None = None  # the footnote whose reference this number is


@dataclass(slots=True)
class Frag:
    x: float  # from the paragraph's left edge
    text: str
    style: Style
    width: float


@dataclass(slots=True)
class Line:
    frags: list[Frag]
    size: float  # the largest size on the line (single spacing grows with it)
    notes: list[str] = field(default_factory=list)
    underlines: list[tuple[float, float, Style]] = field(default_factory=list)  # x1, x2


@dataclass(slots=True)
class _Word:
    segs: list[tuple[str, Style, float]]  # text, style, width
    width: float
    notes: list[str]


@dataclass(slots=True)
class _Glue:
    kind: str  # " ", "\t", "\n", or "" (a line may break here: after a hyphen)
    style: Style
    width: float


def sup_style(style: Style, sub: bool = False) -> Style:
    """``style`` printed as a superscript (or subscript)."""
    size = style.size * SUPERSCRIPT_SCALE
    rise = -style.size * SUBSCRIPT_DROP if sub else style.size * SUPERSCRIPT_RISE
    return Style(style.face, size, style.underline, rise)


def _atoms(pieces: list[Piece], fonts: FontSet) -> list[_Word | _Glue]:
    metrics = fonts.metrics
    atoms: list[_Word | _Glue] = []
    append = atoms.append
    word: _Word | None = None
    spaces: dict[Style, _Glue] = {}  # one space per style, shared (never changed)
    for piece in pieces:
        style = piece.style
        size = style.size
        width_of = metrics[style.face].width
        if piece.note is not None:
            if word is None:
                word = _Word([], 0.0, [])
                append(word)
            word.notes.append(piece.note)
        for part in _TOKENS.findall(piece.text):
            if part == " ":
                word = None
                glue = spaces.get(style)
                if glue is None:
                    glue = spaces[style] = _Glue(" ", style, width_of(" ") * size)
                append(glue)
            elif part == "\t" or part == "\n":
                word = None
                append(_Glue(part, style, 0.0))
            elif "-" in part:
                for k, chunk in enumerate(_HYPHEN.split(part)):
                    if k:
                        word = None
                        append(_Glue("", style, 0.0))
                    width = width_of(chunk) * size
                    if word is None:
                        word = _Word([], 0.0, [])
                        append(word)
                    word.segs.append((chunk, style, width))
                    word.width += width
            else:
                width = width_of(part) * size
                if word is None:
                    append(_Word([(part, style, width)], width, []))
                    word = atoms[-1]
                else:
                    word.segs.append((part, style, width))
                    word.width += width
    return atoms


def _split_word(word: _Word, room: float, fonts: FontSet) -> tuple[_Word, _Word]:
    """A word wider than the line: as many letters as fit, and the rest."""
    head = _Word([], 0.0, [])
    rest_segs = list(word.segs)
    while rest_segs:
        text, style, width = rest_segs[0]
        if head.width + width <= room:
            head.segs.append(rest_segs.pop(0))
            head.width += width
            continue
        m = fonts.metrics[style.face]
        cut = 0
        while cut < len(text) and head.width + m.width(text[:cut + 1]) * style.size <= room:
            cut += 1
        if cut == 0 and not head.segs:
            cut = 1  # at least one letter a line, however narrow the column
        if cut:
            part = text[:cut]
            w = m.width(part) * style.size
            head.segs.append((part, style, w))
            head.width += w
            rest = text[cut:]
            rest_segs[0] = (rest, style, m.width(rest) * style.size)
        break
    tail = _Word(rest_segs, sum(s[2] for s in rest_segs), [])
    # a reference belongs to the part where its number is printed: the end of the word
    (tail if tail.segs else head).notes.extend(word.notes)
    return head, tail


def break_lines(pieces: list[Piece], fonts: FontSet, width: float, *, first_indent: float = 0.0,
                align: str = "justify", size: float = 14.0) -> list[Line]:
    """The lines of one paragraph ``width`` points wide; the first line starts
    ``first_indent`` further right. ``size`` is the height of an empty paragraph."""
    atoms = _atoms(pieces, fonts)
    rows: list[tuple[list[_Word | _Glue], bool, float]] = []  # atoms, ends with a break, width
    row: list[_Word | _Glue] = []
    x = first_indent
    limit = width + _EPSILON
    pending: list[_Glue] = []
    gap = 0.0  # the width of the pending spaces
    i = 0
    n_atoms = len(atoms)
    while i < n_atoms:
        atom = atoms[i]
        if atom.__class__ is _Glue:
            if atom.kind == "\n":
                rows.append((row, True, x))
                row, pending, gap, x = [], [], 0.0, 0.0
            elif atom.kind == "\t":
                advance = x + gap
                stop = (int(advance / TAB_STOP) + 1) * TAB_STOP
                pending.append(_Glue("\t", atom.style, stop - advance))
                gap += stop - advance
            else:
                pending.append(atom)
                gap += atom.width
            i += 1
            continue
        if row:
            if x + gap + atom.width > limit:
                rows.append((row, False, x))
                row, pending, gap, x = [], [], 0.0, 0.0
                continue  # the same word starts the next line
        elif x + gap + atom.width > limit:
            head, tail = _split_word(atom, width - x - gap, fonts)
            row.extend(pending)
            row.append(head)
            rows.append((row, False, x + gap + head.width))
            row, pending, gap, x = [], [], 0.0, 0.0
            if tail.segs:
                atoms[i] = tail
            else:
                i += 1
            continue
        if pending:
            row.extend(pending)
            pending = []
        row.append(atom)
        x += gap + atom.width
        gap = 0.0
        i += 1
    rows.append((row, True, x))
    last = len(rows) - 1
    return [_place(r, forced, fonts, width, first_indent if n == 0 else 0.0, align, size,
                   n == last, end)
            for n, (r, forced, end) in enumerate(rows)]


def _place(row: list[_Word | _Glue], forced: bool, fonts: FontSet, width: float, indent: float,
           align: str, size: float, last: bool, end: float) -> Line:
    natural = end - indent
    room = width - indent
    extra = 0.0
    x = indent
    if align == "justify" and not forced and not last and natural < room:
        spaces = sum(1 for a in row if a.__class__ is _Glue and a.kind == " ")
        if spaces:
            extra = (room - natural) / spaces
    elif align == "center":
        x += max(0.0, (room - natural) / 2)
    elif align == "right":
        x += max(0.0, room - natural)
    frags: list[Frag] = []
    notes: list[str] = []
    underlines: list[tuple[float, float, Style]] = []
    line_size = 0.0

    def underline(x1: float, x2: float, style: Style) -> None:
        if underlines and abs(underlines[-1][1] - x1) < 0.01 and underlines[-1][2] == style:
            underlines[-1] = (underlines[-1][0], x2, style)
        else:
            underlines.append((x1, x2, style))

    for atom in row:
        if atom.__class__ is _Glue:
            step = atom.width + (extra if atom.kind == " " else 0.0)
            if atom.style.underline:
                underline(x, x + step, atom.style)
            if not extra and atom.kind == " " and frags and frags[-1].style == atom.style:
                last_frag = frags[-1]
                last_frag.text += " "
                last_frag.width += atom.width
            x += step
            continue
        notes.extend(atom.notes)
        for text, style, w in atom.segs:
            line_size = max(line_size, style.size)
            if style.underline:
                underline(x, x + w, style)
            prev = frags[-1] if frags else None
            if prev is not None and (prev.style is style or prev.style == style) and abs(
                    prev.x + prev.width - x) < 0.01:
                prev.text += text
                prev.width += w
            else:
                frags.append(Frag(x, text, style, w))
            x += w
    for frag in frags:
        if frag.text.endswith(" "):  # a space kept before a change of style: not drawn
            stripped = frag.text.rstrip(" ")
            frag.width -= fonts.width(frag.text[len(stripped):], frag.style.face,
                                      frag.style.size)
            frag.text = stripped
    return Line([f for f in frags if f.text], line_size or size, notes, underlines)

"""Two versions of a text shown word by word, as HTML for a text browser: a conflict's details
(keep mine / take theirs / keep both) and the two sides of a merged copy's conflict. Words only
yours has are struck through on red, words only theirs has underlined on green; footnote
references show as their numbers, raised, in place."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import QCoreApplication

from hgreport.blockmerge import SAME, align
from hgreport.history import word_diff
from hgreport.model import Table, block_from_dict

MINE, THEIRS = "mine", "theirs"
REMOVED_STYLE = "background:#f7c6c6; color:#7a0000; text-decoration: line-through;"
ADDED_STYLE = "background:#c8ecc8; color:#004d00; text-decoration: underline;"
_STYLE = {"removed": REMOVED_STYLE, "added": ADDED_STYLE}
_KEEP = {MINE: ("same", "removed"), THEIRS: ("same", "added"), None: ("same", "removed", "added")}
_OPEN, _CLOSE = "\x01", "\x02"  # a footnote number, kept glued to its word while diffing
_NUMBER = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")

NumberOf = Callable[[str], "int | str | None"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DiffView", text)


def _runs_text(runs, number_of: NumberOf) -> str:
    return "".join(f"{_OPEN}{number_of(r.footnote) or '?'}{_CLOSE}" if r.footnote else r.text
                   for r in runs)


def marked_text(block: dict, number_of: NumberOf) -> str:
    """A block's text with each footnote reference as its number (a table: a line per row,
    cells separated by " | ")."""
    b = block_from_dict(block)
    if isinstance(b, Table):
        lines = [_runs_text(b.caption, number_of)] if b.caption else []
        for row in b.rows:
            lines.append(" | ".join(
                " ".join(_runs_text(p.runs, number_of) for p in cell.paragraphs)
                if cell is not None else "" for cell in row.cells))
        return "\n".join(line for line in lines if line)
    return _runs_text(b.runs, number_of)


def _html(text: str) -> str:
    return _NUMBER.sub(r"<sup>\1</sup>", escape(text)).replace("\n", "<br>")


def words_html(mine: str, theirs: str, side: str | None = None) -> str:
    """``mine`` against ``theirs`` word by word: both in one text (``side`` None), or only
    one side with its own words marked (``side`` = :data:`MINE` or :data:`THEIRS`)."""
    out = []
    for kind, text in word_diff(mine, theirs):
        if not text or kind not in _KEEP[side]:
            continue
        out.append(_html(text) if kind == "same"
                   else f'<span style="{_STYLE[kind]}">{_html(text)}</span>')
    return " ".join(out)


def _is_body(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(b, dict) for b in value)


def body_html(mine: Sequence[dict], theirs: Sequence[dict], number_of: NumberOf,
              side: str | None = None) -> str:
    """The blocks that differ between two versions of a body, matched by id, one paragraph
    each, word by word (what both have the same is left out)."""
    out = []
    for kind, i, j in align(mine, theirs):
        if kind == SAME:
            continue
        left = marked_text(mine[i], number_of) if i is not None else ""
        right = marked_text(theirs[j], number_of) if j is not None else ""
        text = words_html(left, right, side)
        if text:
            out.append(f"<p>{text}</p>")
    return "".join(out)


def value_html(field: str, mine, theirs, number_of: NumberOf, side: str | None = None) -> str:
    """One field both changed (a body, a title, the notes at a title, a detail), word by word."""
    if _is_body(mine) or _is_body(theirs):
        return body_html(mine if _is_body(mine) else [], theirs if _is_body(theirs) else [],
                         number_of, side)

    def text(value) -> str:
        if value is None or isinstance(value, bool):
            return ""
        if isinstance(value, list):
            if field == "title_notes":
                return " ".join(f"{_OPEN}{number_of(f) or '?'}{_CLOSE}" for f in value)
            return ", ".join(str(v) for v in value)
        return str(value)

    return f"<p>{words_html(text(mine), text(theirs), side)}</p>"


def legend_html(removed: str | None = None, added: str | None = None) -> str:
    """What the marks mean; ``removed`` and ``added`` say what a struck and an underlined word
    stand for where it is not "only in your version" / "only in theirs" (already translated)."""
    removed = _tr("only in your version") if removed is None else removed
    added = _tr("only in theirs") if added is None else added
    return (f'<p><span style="{REMOVED_STYLE}">{escape(_tr("struck through"))}</span>: '
            f'{escape(removed)}; '
            f'<span style="{ADDED_STYLE}">{escape(_tr("underlined"))}</span>: '
            f'{escape(added)}; {escape(_tr("raised numbers are footnotes"))}.'
            "</p>")


def conflicts_html(conflicts, number_of: NumberOf) -> str:
    """The details of a question: every field both changed (``field``, ``mine``, ``theirs``
    of each), word by word, under the legend."""
    return legend_html() + "<hr>" + "".join(value_html(c.field, c.mine, c.theirs, number_of)
                                            for c in conflicts)

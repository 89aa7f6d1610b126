"""Tables in the compare export: what changed in a table since the draft, as Word tracked
changes — rows inserted and deleted (``w:trPr/w:ins``, ``w:trPr/w:del``), cells edited word
by word, the caption too; a new table inserted row by row and a removed one deleted row by
row. When the columns, the header rows or the merged cells of a table changed, Word has no
tracked change for that: the draft's table is shown deleted and today's inserted after it.

Accepting every change gives today's table, rejecting every change the draft's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from ..blockmerge import content_key
from ..export import ooxml as x
from ..export.tables import CAPTION_STYLE, cell_paragraph_props, empty_cell_paragraph, table_xml
from ..layout import Profile
from ..model import Cell, Paragraph, Row, Run, Table

SAME, INS, DEL = "same", "ins", "del"


@dataclass
class TableMarker:
    """Writes tables with tracked changes for a compare builder: ``marks`` makes the
    ``w:ins``/``w:del`` wrappers (for ``who``: author and date), ``ref``/``old_ref`` give
    today's and the draft's footnote references, ``diff(old_runs, new_runs)`` the
    word-by-word runs XML."""

    profile: Profile
    marks: Any
    who: tuple[str, str]
    ref: Callable[[str], str]
    old_ref: Callable[[str], str]
    diff: Callable[[list[Run], list[Run]], str]

    # -- whole tables ---------------------------------------------------------------------
    def compared(self, old: Table | None, new: Table | None) -> list[str]:
        """The XML parts of a table: inserted (``old`` None), deleted (``new`` None), or
        changed since the draft."""
        if old is None and new is None:
            return []
        if new is None:
            return self.whole(old, DEL)
        if old is None:
            return self.whole(new, INS)
        if content_key(old.to_dict()) == content_key(new.to_dict()):
            return [table_xml(new, self.profile, self.ref)]  # as the official export has it
        rows = _row_states(old, new)
        if rows is None:  # columns, header rows or merges changed: the draft's out, today's in
            return self.whole(old, DEL) + self.whole(new, INS)
        combined = Table([row for _, row, _ in rows], new.columns, new.header_rows, [], new.id)
        states = [state for state, _, _ in rows]
        olds = [before for _, _, before in rows]
        return self.caption(old.caption, new.caption) + [table_xml(
            combined, self.profile, self.ref, row_mark=lambda r: self._row_mark(states[r]),
            cell_xml=lambda r, c, cell, align, header: self._cell(
                states[r], olds[r].cells[c] if olds[r] is not None else None, cell, align,
                header))]

    def whole(self, table: Table, state: str) -> list[str]:
        """A table inserted or deleted whole, row by row."""
        caption = table.caption
        return self.caption(caption if state == DEL else [],
                            caption if state == INS else []) + [table_xml(
            Table(table.rows, table.columns, table.header_rows, [], table.id), self.profile,
            self.ref if state != DEL else self.old_ref,
            row_mark=lambda _r: self._row_mark(state),
            cell_xml=lambda _r, _c, cell, align, header: self._cell(
                state, cell if state == DEL else None, cell if state == INS else None, align,
                header))]

    # -- parts ----------------------------------------------------------------------------
    def caption(self, old: list[Run], new: list[Run]) -> list[str]:
        if not old and not new:
            return []
        props = f'<w:pStyle w:val="{CAPTION_STYLE}"/>'
        if not old:
            return [f"<w:p><w:pPr>{props}{self.marks.mark('ins', self.who)}</w:pPr>"
                    f"{self.marks.wrap('ins', x.runs_xml(new, self.ref), self.who)}</w:p>"]
        if not new:
            return [f"<w:p><w:pPr>{props}{self.marks.mark('del', self.who)}</w:pPr>"
                    f"{self.marks.wrap('del', x.runs_xml(old, self.old_ref), self.who)}</w:p>"]
        return [f"<w:p><w:pPr>{props}</w:pPr>{self.diff(old, new)}</w:p>"]

    def _row_mark(self, state: str) -> str:
        return "" if state == SAME else f"<w:{state} {self.marks.attrs(self.who)}/>"

    def _bold(self, runs: list[Run], header: bool) -> list[Run]:
        """Header rows are bold as in the official export (the marks are the profile's)."""
        if not (header and self.profile.table.header_bold):
            return runs
        return [r if r.footnote or "b" in r.marks else Run(r.text, (*r.marks, "b"))
                for r in runs]

    def _cell(self, state: str, old: Cell | None, new: Cell | None, align: str | None,
              header: bool) -> str:
        """The paragraphs of one cell: inserted or deleted with its row, or changed word by
        word. A place covered by a merged cell (both None) is an empty paragraph, marked with
        its row."""
        if old is None and new is None:
            return empty_cell_paragraph(
                "" if state == SAME else self.marks.mark(state, self.who))
        if state != SAME:
            cell = new if new is not None else old
            return "".join(self._marked(p, align, state, header) for p in cell.paragraphs)
        before, after = old.paragraphs, new.paragraphs
        if len(before) != len(after):  # paragraphs added or removed in the cell
            return "".join([self._marked(p, align, DEL, header) for p in before]
                           + [self._marked(p, align, INS, header) for p in after])
        out = []
        for b, a in zip(before, after, strict=True):
            runs = self._bold(a.runs, header)
            body = x.runs_xml(runs, self.ref) if b.runs == a.runs else \
                self.diff(self._bold(b.runs, header), runs)
            out.append(f"<w:p>{cell_paragraph_props(a, align)}{body}</w:p>")
        return "".join(out)

    def _marked(self, p: Paragraph, align: str | None, state: str, header: bool) -> str:
        """A cell paragraph inserted or deleted whole."""
        ref = self.ref if state == INS else self.old_ref
        return (f"<w:p>{cell_paragraph_props(p, align, self.marks.mark(state, self.who))}"
                f"{self.marks.wrap(state, x.runs_xml(self._bold(p.runs, header), ref), self.who)}"
                "</w:p>")


def _shape(row: Row) -> list:
    return [None if c is None else (c.row_span, c.col_span) for c in row.cells]


def _merged_rows(table: Table) -> set[str]:
    """Ids of the rows a cell merged down covers (its own row included)."""
    out: set[str] = set()
    for r, _c, cell in table.cells():
        if cell.row_span > 1:
            out.update(row.id for row in table.rows[r:r + cell.row_span])
    return out


def _row_states(old: Table, new: Table) -> list[tuple[str, Row, Row | None]] | None:
    """Today's and the draft's rows in one sequence: (state, the row shown, the draft's row
    for a row both have); None when the table cannot be compared row by row."""
    if [c.to_dict() for c in old.columns] != [c.to_dict() for c in new.columns] or \
            old.header_rows != new.header_rows or \
            [r.id for r in old.rows[:old.header_rows]] != \
            [r.id for r in new.rows[:new.header_rows]]:
        return None
    old_ids, new_ids = [r.id for r in old.rows], [r.id for r in new.rows]
    if len(set(old_ids)) != len(old_ids) or len(set(new_ids)) != len(new_ids):
        return None
    merged = _merged_rows(old) | _merged_rows(new)
    if any(rid not in old_ids or rid not in new_ids for rid in merged):
        return None  # a merge down over a row added or removed
    out: list[tuple[str, Row, Row | None]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old_ids, new_ids,
                                               autojunk=False).get_opcodes():
        if tag == "equal":
            for before, after in zip(old.rows[i1:i2], new.rows[j1:j2], strict=True):
                if _shape(before) != _shape(after):
                    return None
                out.append((SAME, after, before))
            continue
        out.extend((DEL, row, None) for row in old.rows[i1:i2])
        out.extend((INS, row, None) for row in new.rows[j1:j2])
    if any(state != SAME for state, _, _ in out[:new.header_rows]):
        return None
    # a merge down must not have a deleted row put inside it
    for k, (_state, row, _before) in enumerate(out):
        for cell in row.cells:
            if cell is not None and cell.row_span > 1 and any(
                    s != SAME for s, _, _ in out[k:k + cell.row_span]):
                return None
    return out

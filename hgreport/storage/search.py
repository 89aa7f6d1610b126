"""Full-text search over section titles and bodies and footnotes (FTS5 with a folded column, as
FTS does not fold "đ" to "d"). The search row of an entity follows its row on every write
(:func:`refresh_entry`); a search only returns rows that belong to a live entity."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..model import body_text
from ..text import fold
from .rows import read_body

FOOTNOTE_ROWIDS = 1 << 40  # search rows of footnotes sit above those of sections


@dataclass
class SearchHit:
    """A section or footnote that holds the words looked for, with a piece of its text."""

    entity_id: str
    kind: str  # intro | section | ending | footnote
    snippet: str


def index_text(title: str, body) -> str:
    """The searchable text of a section: its title, then its paragraphs."""
    return (title + "\n" + body_text(body)).strip("\n")


def write_entry(conn: sqlite3.Connection, entity_id: str, kind: str, text: str) -> None:
    """Replace the search row of a section or footnote (keyed by its table's rowid, so this
    costs the same in a small report and a huge one)."""
    table, base = ("footnotes", FOOTNOTE_ROWIDS) if kind == "footnote" else ("sections", 0)
    found = conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (entity_id,)).fetchone()
    if found is None:
        return
    rowid = found[0] + base
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    if text:
        conn.execute("INSERT INTO search (rowid, entity_id, kind, text, folded)"
                     " VALUES (?, ?, ?, ?, ?)", (rowid, entity_id, kind, text, fold(text)))


def refresh_entry(conn: sqlite3.Connection, entity: str, entity_id: str,
                  text: str | None = None) -> None:
    """Make the search row of a section or footnote say what its row says now (nothing for a
    deleted one). ``text``: what the row's content reads, when the writer has it at hand
    (reading a big body back costs more than the rest of a save)."""
    if entity == "section" and text is not None:
        row = conn.execute("SELECT rowid, deleted, kind FROM sections WHERE id = ?",
                           (entity_id,)).fetchone()
        rowid, kind = (row[0], row[2]) if row else (None, "")
        text = "" if row is None or row[1] else text
    elif entity == "section":
        row = conn.execute("SELECT rowid, deleted, kind, title, body FROM sections WHERE id = ?",
                           (entity_id,)).fetchone()
        rowid, kind = (row[0], row[2]) if row else (None, "")
        text = "" if row is None or row[1] else \
            index_text(row[3], read_body(row[4])[0])  # damaged: what can be read of it
    else:
        row = conn.execute("SELECT rowid, deleted, body FROM footnotes WHERE id = ?",
                           (entity_id,)).fetchone()
        rowid, kind = (row[0] + FOOTNOTE_ROWIDS if row else None), "footnote"
        text = "" if row is None or row[1] else body_text(read_body(row[2])[0])
    if rowid is None:
        return
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    if text:
        conn.execute("INSERT INTO search (rowid, entity_id, kind, text, folded)"
                     " VALUES (?, ?, ?, ?, ?)", (rowid, entity_id, kind, text, fold(text)))


# A search row counts only while it is the row of a live section or footnote: files written by
# 0.1.0 may hold rows a merge left behind (it replaced entity rows under new rowids).
_LIVE = (
    "CASE WHEN search.kind = 'footnote'"
    " THEN EXISTS (SELECT 1 FROM footnotes f WHERE f.rowid = search.rowid - :base"
    " AND f.id = search.entity_id AND f.deleted = 0)"
    " ELSE EXISTS (SELECT 1 FROM sections x WHERE x.rowid = search.rowid"
    " AND x.id = search.entity_id AND x.deleted = 0) END"
)


def query(words: str) -> str | None:
    """The FTS query for ``words`` (every word, as a prefix, diacritics ignored); None when
    nothing is left to look for."""
    terms = [t for t in fold(words).replace('"', " ").split() if t]
    if not terms:
        return None
    return "{folded}: (" + " ".join(f'"{t}"*' for t in terms) + ")"


def find(conn: sqlite3.Connection, words: str, limit: int) -> list[SearchHit]:
    """Sections and footnotes holding every word of ``words``; best matches first."""
    fts = query(words)
    if fts is None:
        return []
    first = fold(words).replace('"', " ").split()[0]
    rows = conn.execute(
        "SELECT entity_id, kind, text, folded FROM search"
        f" WHERE folded MATCH :q AND {_LIVE} ORDER BY bm25(search) LIMIT :limit",
        {"q": fts, "base": FOOTNOTE_ROWIDS, "limit": limit}).fetchall()
    return [SearchHit(r[0], r[1], snippet(r[2], r[3], first)) for r in rows]


def snippet(text: str, folded: str, term: str, width: int = 60) -> str:
    """About ``width`` characters of ``text`` around the first place of ``term``."""
    at = folded.find(term)
    if at < 0 or len(folded) != len(text):
        at = 0
    start = max(0, at - width // 2)
    piece = text[start:start + width].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")

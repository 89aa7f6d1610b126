"""Damaged copies of a report file: one row that still passes ``PRAGMA integrity_check`` but
cannot be read as the program wrote it (shared by the engine and window tests)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hgreport.storage import ReportStore

KINDS = ("body_not_json", "body_bad_utf8", "body_blob", "footnote_not_json", "header_year",
         "parent_nowhere", "parent_loop")
CONTENT_KINDS = ("body_not_json", "body_bad_utf8", "body_blob")  # a section's text is unreadable


@dataclass
class Damaged:
    path: Path
    kind: str
    section_id: str  # the section concerned (for header and footnote kinds: unused)
    title: str
    footnote_id: str = ""

    def raw(self) -> bytes:
        """The damaged data as the file holds it, byte for byte."""
        with sqlite3.connect(self.path) as conn:
            if self.kind == "footnote_not_json":
                sql, key = "SELECT CAST(body AS BLOB) FROM footnotes WHERE id = ?", self.footnote_id
            elif self.kind == "header_year":
                sql, key = "SELECT CAST(header AS BLOB) FROM report WHERE id = ?", "report"
            elif self.kind.startswith("parent"):
                sql, key = "SELECT CAST(parent_id AS BLOB) FROM sections WHERE id = ?", \
                    self.section_id
            else:
                sql, key = "SELECT CAST(body AS BLOB) FROM sections WHERE id = ?", self.section_id
            return conn.execute(sql, (key,)).fetchone()[0]


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def damage(path: Path, kind: str) -> Damaged:
    """Damage one row of the report at ``path`` (in place) the way ``kind`` says."""
    with ReportStore.open(path) as store:
        report = store.load_report()
    numbered = report.ordered_sections()
    target = next(s for s in numbered if s.title == "Công tác dân vận")
    fid = report.footnotes_in_order()[2][1].id
    conn = sqlite3.connect(path)
    try:
        if kind == "body_not_json":  # the end of the JSON cut off
            conn.execute("UPDATE sections SET body = substr(body, 1, length(body) - 3)"
                         " WHERE id = ?", (target.id,))
        elif kind == "body_bad_utf8":  # a byte that is not UTF-8, stored as TEXT
            conn.execute("UPDATE sections SET body = CAST(substr(CAST(body AS BLOB), 1, 50)"
                         " || x'ff' || substr(CAST(body AS BLOB), 52) AS TEXT) WHERE id = ?",
                         (target.id,))
        elif kind == "body_blob":  # binary data with a byte that is not UTF-8
            conn.execute("UPDATE sections SET body = x'fe' || CAST(body AS BLOB) WHERE id = ?",
                         (target.id,))
        elif kind == "footnote_not_json":
            conn.execute("UPDATE footnotes SET body = 'xx' || body WHERE id = ?", (fid,))
        elif kind == "header_year":
            conn.execute("UPDATE report SET header = json_set(header, '$.year', 'hai nghin')")
        elif kind == "parent_nowhere":
            conn.execute("UPDATE sections SET parent_id = 'khong-co-muc-nay' WHERE id = ?",
                         (target.id,))
        elif kind == "parent_loop":  # I. under its own first child: both would drop out
            top = numbered[0]
            child = report.children_of(top.id)[0]
            conn.execute("UPDATE sections SET parent_id = ? WHERE id = ?", (child.id, top.id))
            target = min(top, child, key=lambda s: s.id)  # the one shown at the top level
        else:
            raise ValueError(kind)
        conn.commit()
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    return Damaged(path, kind, target.id, target.title, fid)


def damage_revisions(path: Path, entity_id: str) -> None:
    """Damage the saved history of one entity as well (its snapshots are no longer JSON)."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE revisions SET data = '{' || data WHERE entity_id = ?", (entity_id,))

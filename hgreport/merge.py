"""Merging a copy of a report that came back (USB, e-mail) into this file, by revision ancestry.

Copies made from one report share their revision ids, so for every section, footnote and the
header the merge can tell who changed what since the copies parted:

* the same revision, or the other copy's is already in this file's history → nothing to do;
* only the other copy moved on → **fast-forward** to its state;
* both moved on → **three-way merge** against the newest common revision: per header field,
  per section field (title, notes at the title, place in the tree, deleted) and per paragraph
  of a body (a diff3 over paragraph lists). Changes to different paragraphs both land, and so
  do paragraphs both copies added at the same place (in an order independent of the direction
  of the merge); where both copies changed the same paragraph or field differently, this file
  keeps its own value and a **conflict** row records both for the person to decide
  (:func:`resolve_conflict`).

A merge revision names the other copy's revision in ``data["merge_parents"]``, so merging the
same copy again finds everything already in the history and changes nothing. Afterwards the
footnote invariants are restored (a referenced footnote is alive, an unreferenced one is
tombstoned, a footnote referenced twice gets a copy for the second place) and a section whose
parent was deleted on the other side brings its parent back (recorded as a conflict), so the
result always passes ``hgreport check``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from . import errors
from . import store as store_mod
from .i18n import pick
from .model import (
    KIND_ENDING,
    KIND_INTRO,
    Closing,
    Footnote,
    Header,
    Report,
    Run,
    Section,
    body_from_list,
    body_text,
    body_to_list,
    new_id,
)
from .store import ReportStore, _map_error, _now

TABLES = {"section": "sections", "footnote": "footnotes", "report": "report"}
CHOICES = ("mine", "theirs", "both")
_RESOLVED = {"mine": 1, "theirs": 2, "both": 3}

_TEXT = {
    # key: (Vietnamese, English)
    "title": ("Hợp nhất bản sao “{other}” vào “{mine}”.", "Merged the copy “{other}” into “{mine}”."),
    "fast_forwarded": ("Lấy thay đổi từ bản sao: {n}", "Taken over from the copy: {n}"),
    "merged": ("Hợp nhất thay đổi của cả hai bên: {n}", "Changes of both sides merged: {n}"),
    "added": ("Mục/chú thích mới từ bản sao: {n}", "New sections/footnotes from the copy: {n}"),
    "deleted": ("Đã xóa theo bản sao: {n}", "Deleted as in the copy: {n}"),
    "unchanged": ("Không đổi: {n}", "Unchanged: {n}"),
    "conflicts": ("Xung đột cần quyết định: {n}", "Conflicts to decide: {n}"),
    "nothing": ("Hai bản đã giống nhau, không có gì thay đổi.",
                "The copies already agree; nothing changed."),
    "conflict_line": ("• {what}: {field}", "• {what}: {field}"),
    "unrelated": (
        "Tệp “{path}” không phải là bản sao của báo cáo này (không có lịch sử chung), nên không "
        "thể hợp nhất.",
        "“{path}” is not a copy of this report (no shared history), so it cannot be merged.",
    ),
    "header": ("Thông tin chung của văn bản", "Document details"),
    "intro": ("Phần mở đầu", "Introduction"),
    "ending": ("Phần kết thúc", "Ending"),
    "section": ("Mục “{title}”", "Section “{title}”"),
    "footnote": ("Chú thích “{text}”", "Footnote “{text}”"),
    "f_body": ("nội dung (đoạn {paragraphs})", "text (paragraph {paragraphs})"),
    "f_title": ("tiêu đề", "title"),
    "f_title_notes": ("chú thích ở tiêu đề", "footnotes at the title"),
    "f_place": ("vị trí trong cây mục", "place in the section tree"),
    "f_deleted": ("một bên đã xóa, bên kia đã sửa", "deleted on one side, changed on the other"),
    "f_profile": ("mẫu trình bày", "format profile"),
    "f_field": ("trường “{name}”", "field “{name}”"),
}


def _t(key: str, lang: str | None, **args) -> str:
    return pick(_TEXT, key, lang, **args)


class UnrelatedCopy(errors.ReportError):
    """The other file is a different report, not a copy of this one."""

    key = "unrelated"
    exit_code = 3
    messages = _TEXT


# -- states: what one entity looks like, whatever its source (row, revision, merge) ------------
def _state_from_row(entity: str, row: dict) -> dict:
    if entity == "section":
        return {"kind": row["kind"], "parent_id": row["parent_id"], "position": row["position"],
                "title": row["title"], "title_notes": json.loads(row["title_notes"]),
                "body": json.loads(row["body"]), "deleted": bool(row["deleted"])}
    if entity == "footnote":
        return {"body": json.loads(row["body"]), "deleted": bool(row["deleted"])}
    return {"header": json.loads(row["header"]), "closing": json.loads(row["closing"]),
            "profile": row["profile"], "deleted": False}


def _has_content(data: dict) -> bool:
    return any(k != "merge_parents" for k in data)


def _state_from_data(entity: str, data: dict, deleted: bool) -> dict:
    """A state from a revision snapshot (which stores JSON columns as strings)."""
    if entity == "section":
        return {"kind": data.get("kind", "section"), "parent_id": data.get("parent_id"),
                "position": data.get("position", 0.0), "title": data.get("title", ""),
                "title_notes": json.loads(data.get("title_notes", "[]")),
                "body": json.loads(data.get("body", "[]")), "deleted": deleted}
    if entity == "footnote":
        return {"body": json.loads(data.get("body", "[]")), "deleted": deleted}
    return {"header": json.loads(data.get("header", "{}")),
            "closing": json.loads(data.get("closing", "{}")),
            "profile": data.get("profile", ""), "deleted": False}


def _section_of(entity_id: str, state: dict) -> Section:
    return Section(id=entity_id, title=state["title"], body=body_from_list(state["body"]),
                   parent_id=state["parent_id"], position=float(state["position"]),
                   kind=state["kind"], title_notes=list(state["title_notes"]))


def _data_of(entity: str, entity_id: str, state: dict) -> dict:
    """The revision snapshot (and the row's columns) of a state."""
    if entity == "section":
        return store_mod._section_data(_section_of(entity_id, state))
    if entity == "footnote":
        return {"body": json.dumps(body_to_list(body_from_list(state["body"])),
                                   ensure_ascii=False)}
    return {"header": json.dumps(state["header"], ensure_ascii=False),
            "closing": json.dumps(state["closing"], ensure_ascii=False),
            "profile": state["profile"]}


def _fields(entity: str, state: dict) -> dict:
    """The units a three-way merge decides one by one."""
    if entity == "section":
        return {"place": [state["parent_id"], float(state["position"])],
                "title": state["title"], "title_notes": list(state["title_notes"]),
                "body": state["body"], "deleted": state["deleted"]}
    if entity == "footnote":
        return {"body": state["body"], "deleted": state["deleted"]}
    out = {f"header.{k}": v for k, v in state["header"].items()}
    out.update({f"closing.{k}": v for k, v in state["closing"].items()})
    out["profile"] = state["profile"]
    return out


def _unfields(entity: str, fields: dict, like: dict) -> dict:
    if entity == "section":
        parent_id, position = fields["place"]
        return {"kind": like["kind"], "parent_id": parent_id, "position": position,
                "title": fields["title"], "title_notes": fields["title_notes"],
                "body": fields["body"], "deleted": fields["deleted"]}
    if entity == "footnote":
        return {"body": fields["body"], "deleted": fields["deleted"]}
    header = {k[7:]: v for k, v in fields.items() if k.startswith("header.")}
    closing = {k[8:]: v for k, v in fields.items() if k.startswith("closing.")}
    return {"header": header, "closing": closing, "profile": fields["profile"], "deleted": False}


# -- three-way merge of paragraph lists ---------------------------------------------------------
def _key(paragraph: dict) -> str:
    return json.dumps(paragraph, sort_keys=True, ensure_ascii=False)


def _edits(base: list[str], side: list[str], items: list) -> list[tuple[int, int, list]]:
    """(base start, base end, replacement) for every change from ``base`` to ``side``; a
    same-length replacement is split into one edit per paragraph."""
    out = []
    sm = SequenceMatcher(None, base, side, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            out.extend((i1 + k, i1 + k + 1, items[j1 + k:j1 + k + 1]) for k in range(i2 - i1))
        else:
            out.append((i1, i2, items[j1:j2]))
    return out


def _touch(a: tuple, b: tuple) -> bool:
    (a1, a2), (b1, b2) = a[:2], b[:2]
    if a1 == a2 and b1 == b2:
        return a1 == b1
    if a1 == a2:
        return b1 < a1 < b2
    if b1 == b2:
        return a1 < b1 < a2
    return a1 < b2 and b1 < a2


def _apply(base: list, lo: int, hi: int, edits: list[tuple[int, int, list]]) -> list:
    out, pos = [], lo
    for i1, i2, rep in sorted(edits, key=lambda e: (e[0], e[1])):
        out.extend(base[pos:i1])
        out.extend(rep)
        pos = i2
    out.extend(base[pos:hi])
    return out


@dataclass
class BodyMerge:
    mine: list  # the merged body, this file's paragraphs where both sides collided
    theirs: list  # the same with the other copy's paragraphs there
    conflicts: list[tuple[int, int]]  # (first paragraph, count) of each collision in ``mine``


def merge_paragraphs(base: list, mine: list, theirs: list) -> BodyMerge:
    """Three-way merge of paragraph lists (paragraphs as dicts)."""
    keys = [_key(p) for p in base]
    edits = [(e, 0) for e in _edits(keys, [_key(p) for p in mine], mine)]
    edits += [(e, 1) for e in _edits(keys, [_key(p) for p in theirs], theirs)]
    edits.sort(key=lambda t: (t[0][0], t[0][1] != t[0][0], t[0][1], t[1]))
    clusters: list[list] = []
    for e in edits:
        if clusters and any(_touch(e[0], f[0]) for f in clusters[-1]):
            clusters[-1].append(e)
        else:
            clusters.append([e])
    out_m, out_t, spots = [], [], []
    pos = 0
    for cluster in clusters:
        lo = min(e[0][0] for e in cluster)
        hi = max(e[0][1] for e in cluster)
        out_m.extend(base[pos:lo])
        out_t.extend(base[pos:lo])
        chunk_m = _apply(base, lo, hi, [e for e, side in cluster if side == 0])
        chunk_t = _apply(base, lo, hi, [e for e, side in cluster if side == 1])
        sides = {side for _, side in cluster}
        if sides == {0}:
            chunk_t = chunk_m
        elif sides == {1}:
            chunk_m = chunk_t
        elif [_key(p) for p in chunk_m] == [_key(p) for p in chunk_t]:
            chunk_t = chunk_m
        elif all(e[0] == e[1] for e, _ in cluster):
            # both only added paragraphs at the same place: keep both, in an order that does
            # not depend on which copy is merged into which
            first, second = sorted((chunk_m, chunk_t), key=lambda c: [_key(p) for p in c])
            chunk_m = chunk_t = both_paragraphs(first, second)
        else:
            spots.append((len(out_m), max(len(chunk_m), 1)))
        out_m.extend(chunk_m)
        out_t.extend(chunk_t)
        pos = hi
    out_m.extend(base[pos:])
    out_t.extend(base[pos:])
    return BodyMerge(out_m, out_t, spots)


def both_paragraphs(mine: list, theirs: list) -> list:
    """Mine and theirs side by side: where they differ, my paragraphs then theirs."""
    out = []
    sm = SequenceMatcher(None, [_key(p) for p in mine], [_key(p) for p in theirs], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        out.extend(mine[i1:i2])
        if tag != "equal":
            out.extend(theirs[j1:j2])
    return out


def _merge_value(base, mine, theirs, has_base: bool):
    """(value, conflict?) for one field."""
    if mine == theirs:
        return mine, False
    if has_base and mine == base:
        return theirs, False
    if has_base and theirs == base:
        return mine, False
    return mine, True


@dataclass
class FieldConflict:
    field: str
    mine: object
    theirs: object
    base: object


def merge_states(entity: str, base: dict | None, mine: dict,
                 theirs: dict) -> tuple[dict, list[FieldConflict]]:
    """Three-way merge of two states of one entity; ``base`` None when they share no history."""
    fb = _fields(entity, base) if base is not None else {}
    fm, ft = _fields(entity, mine), _fields(entity, theirs)
    out: dict = {}
    conflicts: list[FieldConflict] = []
    for name in list(dict.fromkeys([*fm, *ft])):
        if name == "deleted":
            continue
        b, m, t = fb.get(name), fm.get(name), ft.get(name)
        if name == "body":
            merged = merge_paragraphs(b or [], m or [], t or [])
            out[name] = merged.mine
            if merged.conflicts:
                conflicts.append(FieldConflict(name, merged.mine, merged.theirs,
                                               {"body": b or [], "at": merged.conflicts}))
            continue
        value, clash = _merge_value(b, m, t, name in fb)
        out[name] = value
        if clash:
            conflicts.append(FieldConflict(name, m, t, b))
    if "deleted" in fm:
        b_del = fb.get("deleted", False)
        m_del, t_del = fm["deleted"], ft["deleted"]
        deleted, _ = _merge_value(b_del, m_del, t_del, True)
        if m_del != t_del:
            # deleted on one side: if the other side changed the content, keep it and ask
            kept = ft if m_del else fm
            changed = base is None or any(kept[k] != fb.get(k) for k in kept if k != "deleted")
            if changed and (m_del != b_del or t_del != b_del):
                deleted = False
                conflicts.append(FieldConflict("deleted", m_del, t_del, b_del))
        out["deleted"] = deleted
    return _unfields(entity, out, mine), conflicts


# -- writing entity states inside one transaction ------------------------------------------------
class _Writer:
    """Reads and writes entity rows (with a revision each) inside the caller's transaction."""

    def __init__(self, store: ReportStore, author: str):
        self.store = store
        self.conn = store.conn
        self.author = author

    def row(self, entity: str, entity_id: str) -> dict | None:
        cur = self.conn.execute(f"SELECT * FROM {TABLES[entity]} WHERE id = ?", (entity_id,))
        r = cur.fetchone()
        return dict(zip([c[0] for c in cur.description], r, strict=True)) if r else None

    def rows(self, entity: str) -> list[dict]:
        cur = self.conn.execute(f"SELECT * FROM {TABLES[entity]}")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def state(self, entity: str, entity_id: str) -> dict | None:
        r = self.row(entity, entity_id)
        return _state_from_row(entity, r) if r else None

    def put(self, entity: str, entity_id: str, state: dict, merge_parents: list[str] = (),
            min_version: int = 0) -> str:
        """Write ``state`` as the entity's new current state, with a revision."""
        current = self.row(entity, entity_id)
        version = max(current["version"] if current else 0, min_version) + 1
        data = _data_of(entity, entity_id, state)
        snapshot = dict(data)
        if merge_parents:
            snapshot["merge_parents"] = list(merge_parents)
        rev = new_id()
        self.conn.execute(
            "INSERT INTO revisions (id, entity, entity_id, parent_id, version, author, at,"
            " deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rev, entity, entity_id, current["rev_id"] if current else None, version,
             self.author, _now(), int(state["deleted"]), json.dumps(snapshot, ensure_ascii=False)))
        self._write_row(entity, entity_id, state, data, version, rev, _now(), self.author)
        return rev

    def copy_row(self, entity: str, other_row: dict) -> None:
        """Take the other copy's row as it is (its revisions are already imported)."""
        current = self.row(entity, other_row["id"])
        version = other_row["version"]
        if current and version <= current["version"]:
            version = current["version"] + 1
        state = _state_from_row(entity, other_row)
        self._write_row(entity, other_row["id"], state, _data_of(entity, other_row["id"], state),
                        version, other_row["rev_id"], other_row["updated_at"],
                        other_row["updated_by"])

    def _write_row(self, entity, entity_id, state, data, version, rev, at, by) -> None:
        common = {"id": entity_id, "version": version, "rev_id": rev, "updated_at": at,
                  "updated_by": by}
        if entity == "section":
            cols = {**data, **common, "deleted": int(state["deleted"])}
        elif entity == "footnote":
            cols = {**data, **common, "deleted": int(state["deleted"])}
        else:
            cols = {**data, **common}
        names = ", ".join(cols)
        marks = ", ".join(f":{k}" for k in cols)
        self.conn.execute(f"INSERT OR REPLACE INTO {TABLES[entity]} ({names}) VALUES ({marks})",
                          cols)
        if entity == "report":
            return
        if state["deleted"]:
            self.conn.execute("DELETE FROM search WHERE entity_id = ?", (entity_id,))
        elif entity == "section":
            store_mod._index(self.conn, entity_id, state["kind"],
                             store_mod._index_text(state["title"],
                                                   body_from_list(state["body"])))
        else:
            store_mod._index(self.conn, entity_id, "footnote",
                             body_text(body_from_list(state["body"])))

    def delete_subtree(self, section_id: str) -> None:
        todo = [section_id]
        while todo:
            sid = todo.pop()
            st = self.state("section", sid)
            if st and not st["deleted"]:
                self.put("section", sid, {**st, "deleted": True})
            todo.extend(r[0] for r in self.conn.execute(
                "SELECT id FROM sections WHERE parent_id = ? AND deleted = 0", (sid,)))

    def record_conflict(self, entity: str, entity_id: str, c: FieldConflict, source: str) -> str:
        cid = new_id()
        self.conn.execute(
            "INSERT INTO conflicts (id, entity, entity_id, field, mine, theirs, base, source,"
            " created_at, resolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            (cid, entity, entity_id, c.field, json.dumps(c.mine, ensure_ascii=False),
             json.dumps(c.theirs, ensure_ascii=False), json.dumps(c.base, ensure_ascii=False),
             source, _now()))
        return cid


# -- keeping the tree and the footnotes whole ----------------------------------------------------
def reconcile(w: _Writer, on_revive=None) -> None:
    """Make the live report whole after merging or restoring: every live section hangs from a
    live parent (a deleted parent comes back; ``on_revive(section_id)`` is told), the tree has no
    loops, every reference points at a live footnote, no footnote is referenced twice (the second
    place gets a copy) and no live footnote is left without a reference."""
    rows = {r["id"]: r for r in w.rows("section")}
    for sid in sorted(rows):
        r = rows[sid]
        if r["deleted"]:
            continue
        parent = r["parent_id"]
        walked = {sid}
        while parent is not None and parent not in walked:  # a loop is lifted below
            walked.add(parent)
            prow = rows.get(parent)
            if prow is None:  # a parent this file never had: hang it at the top level
                st = _state_from_row("section", r)
                w.put("section", r["id"], {**st, "parent_id": None})
                break
            if prow["deleted"]:
                st = _state_from_row("section", prow)
                w.put("section", parent, {**st, "deleted": False})
                rows[parent] = w.row("section", parent)
                if on_revive:
                    on_revive(parent)
            r = rows[parent]
            parent = r["parent_id"]
    # loops (A moved under B on one side, B under A on the other): lift one to the top
    rows = {r["id"]: r for r in w.rows("section") if not r["deleted"]}
    for sid in sorted(rows):
        seen: list[str] = []
        cur = sid
        while cur is not None and cur in rows and cur not in seen:
            seen.append(cur)
            cur = rows[cur]["parent_id"]
        if cur is not None and cur in seen:
            loop = seen[seen.index(cur):]
            lift = min(loop)
            st = _state_from_row("section", rows[lift])
            w.put("section", lift, {**st, "parent_id": None})
            rows[lift] = w.row("section", lift)
    _reconcile_footnotes(w)


def _reconcile_footnotes(w: _Writer) -> None:
    report = w.store.load_report()
    fn_rows = {r["id"]: r for r in w.rows("footnote")}
    seen: set[str] = set()
    for sec in report.all_sections():
        if not sec.footnote_refs():
            continue
        changed = False

        def fresh(fid: str) -> str:
            nonlocal changed
            if fid not in seen:
                seen.add(fid)
                return fid
            changed = True  # referenced again: this place gets its own copy of the footnote
            src = fn_rows.get(fid)
            copy_id = new_id()
            w.put("footnote", copy_id, {"body": json.loads(src["body"]) if src else [],
                                        "deleted": False})
            fn_rows[copy_id] = w.row("footnote", copy_id)
            seen.add(copy_id)
            return copy_id

        sec.title_notes = [fresh(f) for f in sec.title_notes]
        for p in sec.body:
            p.runs = [Run.ref(fresh(r.footnote)) if r.footnote else r for r in p.runs]
        if changed:
            st = w.state("section", sec.id)
            w.put("section", sec.id, {**st, "title_notes": sec.title_notes,
                                      "body": body_to_list(sec.body)})
    for fid, r in fn_rows.items():
        if fid in seen and r["deleted"]:
            w.put("footnote", fid, {**_state_from_row("footnote", r), "deleted": False})
        elif fid not in seen and not r["deleted"]:
            w.put("footnote", fid, {**_state_from_row("footnote", r), "deleted": True})


# -- reading the other copy --------------------------------------------------------------------
@dataclass
class _Snapshot:
    path: Path
    rows: dict[str, list[dict]]  # entity → rows
    revisions: list[tuple]
    authors: list[tuple]


def _read_copy(path: str | Path) -> _Snapshot:
    other = ReportStore.open(path, read_only=True)
    try:
        conn = other.conn
        try:
            conn.execute("BEGIN")  # one consistent read while others may be writing
            rows = {e: _all(conn, f"SELECT * FROM {t}") for e, t in TABLES.items()}
            revisions = conn.execute(
                "SELECT id, entity, entity_id, parent_id, version, author, at, deleted, data"
                " FROM revisions").fetchall()
            has_authors = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'authors'"
                                       ).fetchone()
            authors = conn.execute("SELECT id, name, unit FROM authors").fetchall() \
                if has_authors else []
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise _map_error(exc, Path(path)) from None
    finally:
        other.close()
    return _Snapshot(Path(path), rows, revisions, authors)


def _all(conn: sqlite3.Connection, sql: str) -> list[dict]:
    cur = conn.execute(sql)
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


# -- the merge ---------------------------------------------------------------------------------
@dataclass
class ConflictInfo:
    """A difference both copies made to the same field or paragraph, kept for a person."""

    id: str
    entity: str  # section | footnote | report
    entity_id: str
    field: str  # body | title | title_notes | place | deleted | header.<name> | closing.<name> | profile
    mine: object
    theirs: object
    base: object
    source: str
    created_at: str
    resolved: bool
    what: str = ""  # the section title / footnote text it concerns

    def describe(self, lang: str | None = None) -> str:
        if self.entity == "report":
            what = _t("header", lang)
        elif self.entity == "footnote":
            what = _t("footnote", lang, text=self.what)
        elif self.what in (KIND_INTRO, KIND_ENDING):
            what = _t(self.what, lang)
        else:
            what = _t("section", lang, title=self.what)
        return _t("conflict_line", lang, what=what, field=self.field_label(lang))

    def field_label(self, lang: str | None = None) -> str:
        if self.field == "body":
            spots = (self.base or {}).get("at", []) if isinstance(self.base, dict) else []
            numbers = ", ".join(str(at + 1) for at, _ in spots) or "?"
            return _t("f_body", lang, paragraphs=numbers)
        if f"f_{self.field}" in _TEXT:
            return _t(f"f_{self.field}", lang)
        return _t("f_field", lang, name=self.field.split(".", 1)[-1])

    def to_dict(self) -> dict:
        return {"id": self.id, "entity": self.entity, "entity_id": self.entity_id,
                "field": self.field, "what": self.what, "mine": self.mine,
                "theirs": self.theirs, "source": self.source, "created_at": self.created_at,
                "resolved": self.resolved, "description": self.describe()}


@dataclass
class MergeResult:
    mine: str
    other: str
    fast_forwarded: int = 0
    merged: int = 0
    added: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[ConflictInfo] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.fast_forwarded or self.merged or self.added or self.deleted)

    def counts(self) -> dict[str, int]:
        return {"fast_forwarded": self.fast_forwarded, "merged": self.merged,
                "conflicts": len(self.conflicts), "added": self.added, "deleted": self.deleted,
                "unchanged": self.unchanged}

    def to_dict(self) -> dict:
        return {"mine": self.mine, "other": self.other, **self.counts(),
                "conflict_list": [c.to_dict() for c in self.conflicts]}

    def summary_lines(self, lang: str | None = "vi") -> list[str]:
        lines = [_t("title", lang, other=Path(self.other).name, mine=Path(self.mine).name)]
        if not self.changed and not self.conflicts:
            return lines + [_t("nothing", lang)]
        for key in ("fast_forwarded", "merged", "added", "deleted", "unchanged", "conflicts"):
            n = self.counts()[key]
            if n or key in ("conflicts", "unchanged"):
                lines.append(_t(key, lang, n=n))
        lines.extend(c.describe(lang) for c in self.conflicts)
        return lines


class _Merger:
    def __init__(self, store: ReportStore, other: _Snapshot, author: str):
        self.store = store
        self.other = other
        self.w = _Writer(store, author)
        self.result = MergeResult(str(store.path), str(other.path))
        self.parents: dict[str, list[str]] = {}
        self.versions: dict[str, int] = {}
        self.new_conflicts: list[str] = []
        self.mine_before: dict[tuple[str, str], dict] = {}

    def run(self) -> MergeResult:
        conn = self.w.conn
        conn.executemany("INSERT OR IGNORE INTO revisions (id, entity, entity_id, parent_id,"
                         " version, author, at, deleted, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         self.other.revisions)
        conn.executemany("INSERT OR IGNORE INTO authors (id, name, unit) VALUES (?, ?, ?)",
                         self.other.authors)
        for rid, parent, version, extra in conn.execute(
                "SELECT id, parent_id, version, json_extract(data, '$.merge_parents')"
                " FROM revisions"):
            self.parents[rid] = ([parent] if parent else []) + (json.loads(extra) if extra else [])
            self.versions[rid] = version
        self._check_related()
        for entity in ("report", "section", "footnote"):
            for orow in sorted(self.other.rows[entity], key=lambda r: r["id"]):
                self._merge_entity(entity, orow)
        source = str(self.other.path)

        def revived(section_id: str) -> None:
            before = self.mine_before.get(("section", section_id))
            theirs = next((r for r in self.other.rows["section"] if r["id"] == section_id), None)
            c = FieldConflict("deleted", bool(before["deleted"]) if before else False,
                              bool(theirs["deleted"]) if theirs else False, False)
            self.new_conflicts.append(self.w.record_conflict("section", section_id, c, source))

        reconcile(self.w, revived)
        self.result.conflicts = [c for c in list_conflicts(self.store)
                                 if c.id in set(self.new_conflicts)]
        return self.result

    def _ancestors(self, rev: str) -> set[str]:
        seen = {rev}
        todo = [rev]
        while todo:
            for p in self.parents.get(todo.pop(), []):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    def _check_related(self) -> None:
        mine = self.w.row("report", store_mod.REPORT_ROW)
        theirs = self.other.rows["report"]
        if not mine or not theirs:
            raise UnrelatedCopy(path=str(self.other.path))
        if not self._ancestors(mine["rev_id"]) & self._ancestors(theirs[0]["rev_id"]):
            raise UnrelatedCopy(path=str(self.other.path))

    def _content_at(self, entity: str, rev: str) -> dict | None:
        deleted = None
        cur: str | None = rev
        while cur is not None:
            r = self.w.conn.execute("SELECT parent_id, deleted, data FROM revisions WHERE id = ?",
                                    (cur,)).fetchone()
            if r is None:
                return None
            if deleted is None:
                deleted = bool(r[1])
            data = json.loads(r[2])
            if _has_content(data):
                return _state_from_data(entity, data, deleted)
            cur = r[0]
        return None

    def _merge_entity(self, entity: str, orow: dict) -> None:
        eid = orow["id"]
        mrow = self.w.row(entity, eid)
        res = self.result
        if mrow is None:
            self.w.copy_row(entity, orow)
            if orow.get("deleted"):
                res.unchanged += 1
            else:
                res.added += 1
            return
        self.mine_before[(entity, eid)] = mrow
        m_rev, o_rev = mrow["rev_id"], orow["rev_id"]
        mine_anc = self._ancestors(m_rev)
        if o_rev in mine_anc:
            res.unchanged += 1
            return
        theirs_anc = self._ancestors(o_rev)
        if m_rev in theirs_anc:
            self.w.copy_row(entity, orow)
            if orow.get("deleted") and not mrow.get("deleted"):
                res.deleted += 1
            else:
                res.fast_forwarded += 1
            return
        common = mine_anc & theirs_anc
        base = None
        if common:
            best = max(common, key=lambda r: (self.versions.get(r, 0), r))
            base = self._content_at(entity, best)
        mine_state = _state_from_row(entity, mrow)
        theirs_state = _state_from_row(entity, orow)
        merged, clashes = merge_states(entity, base, mine_state, theirs_state)
        if not clashes and merged == mine_state:  # e.g. the same merge made on both sides
            res.unchanged += 1
            return
        self.w.put(entity, eid, merged, merge_parents=[o_rev], min_version=orow["version"])
        for c in clashes:
            self.new_conflicts.append(self.w.record_conflict(entity, eid, c,
                                                             str(self.other.path)))
        if merged["deleted"] and not mine_state["deleted"]:
            res.deleted += 1
        else:
            res.merged += 1


def merge_copy(mine: str | Path | ReportStore, other_path: str | Path,
               author: str = "") -> MergeResult:
    """Merge the report copy ``other_path`` into ``mine`` (a path or an open store) in one
    transaction. ``other_path`` is only read. Raises :class:`UnrelatedCopy` when the two files
    are different reports."""
    own = not isinstance(mine, ReportStore)
    store = ReportStore.open(mine, author=author) if own else mine
    try:
        snapshot = _read_copy(other_path)
        with store._write():
            return _Merger(store, snapshot, author or store.author).run()
    finally:
        if own:
            store.close()


# -- conflicts kept for a person ---------------------------------------------------------------
def _what(store: ReportStore, entity: str, entity_id: str) -> str:
    if entity == "section":
        r = store.conn.execute("SELECT kind, title FROM sections WHERE id = ?",
                               (entity_id,)).fetchone()
        if r is None:
            return ""
        return r[0] if r[0] in (KIND_INTRO, KIND_ENDING) else r[1]
    if entity == "footnote":
        r = store.conn.execute("SELECT body FROM footnotes WHERE id = ?", (entity_id,)).fetchone()
        text = body_text(body_from_list(json.loads(r[0]))) if r else ""
        text = " ".join(text.split())
        return text if len(text) <= 40 else text[:39] + "…"
    return ""


def list_conflicts(store: ReportStore, include_resolved: bool = False) -> list[ConflictInfo]:
    """The conflicts kept in the file, oldest first (only the open ones unless asked)."""
    sql = "SELECT * FROM conflicts" + ("" if include_resolved else " WHERE resolved = 0")
    try:
        rows = _all(store.conn, sql + " ORDER BY created_at, rowid")
    except sqlite3.Error as exc:
        raise _map_error(exc, store.path) from None
    return [ConflictInfo(r["id"], r["entity"], r["entity_id"], r["field"] or "",
                         json.loads(r["mine"]) if r["mine"] else None,
                         json.loads(r["theirs"]) if r["theirs"] else None,
                         json.loads(r["base"]) if r["base"] else None,
                         r["source"] or "", r["created_at"], bool(r["resolved"]),
                         _what(store, r["entity"], r["entity_id"]))
            for r in rows]


def _both(name: str, mine, theirs):
    """"Keep both" for one field: texts joined, lists united; a place or a number stays mine."""
    if isinstance(mine, str) and isinstance(theirs, str):
        if not theirs or theirs == mine:
            return mine
        return theirs if not mine else f"{mine} / {theirs}"
    if name != "place" and isinstance(mine, list) and isinstance(theirs, list):
        return mine + [x for x in theirs if x not in mine]
    return mine


def resolve_conflict(store: ReportStore, conflict_id: str, choice: str) -> ConflictInfo:
    """Decide a conflict: keep ``mine``, take ``theirs`` or keep ``both`` (both paragraph
    versions one after the other; both texts of a field joined by " / "; the section kept for a
    delete against an edit). One transaction; the report stays whole (footnotes included).
    A body edited again since the merge is merged with the choice; if that collides too,
    :class:`errors.Conflict` is raised and nothing changes."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}")
    with store._write():
        w = _Writer(store, store.author)
        row = w.conn.execute("SELECT entity, entity_id, field, mine, theirs, resolved"
                             " FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
        if row is None:
            raise KeyError(conflict_id)
        entity, eid, name, mine_j, theirs_j, resolved = row
        if not resolved:
            mine, theirs = json.loads(mine_j), json.loads(theirs_j)
            state = w.state(entity, eid)
            if state is not None:
                _apply_choice(w, entity, eid, state, name, mine, theirs, choice)
                reconcile(w)
            w.conn.execute("UPDATE conflicts SET resolved = ? WHERE id = ?",
                           (_RESOLVED[choice], conflict_id))
    return next(c for c in list_conflicts(store, include_resolved=True) if c.id == conflict_id)


def _apply_choice(w: _Writer, entity, eid, state, name, mine, theirs, choice) -> None:
    if name == "deleted":
        target = {"mine": mine, "theirs": theirs, "both": False}[choice]
        if target and not state["deleted"]:
            if entity == "section":
                w.delete_subtree(eid)
            else:
                w.put(entity, eid, {**state, "deleted": True})
        elif not target and state["deleted"]:
            w.put(entity, eid, {**state, "deleted": False})
        return
    fields = _fields(entity, state)
    current = fields.get(name)
    if name == "body":
        target = {"mine": mine, "theirs": theirs, "both": both_paragraphs(mine, theirs)}[choice]
        if [_key(p) for p in current] not in ([_key(p) for p in mine],
                                              [_key(p) for p in target]):
            again = merge_paragraphs(mine, current, target)  # edited since the merge
            if again.conflicts:
                raise errors.Conflict(what=_what(w.store, entity, eid) or eid,
                                      who=w.store.author or "?")
            target = again.mine
    else:
        target = {"mine": mine, "theirs": theirs, "both": _both(name, mine, theirs)}[choice]
    if target == current:
        return
    fields[name] = target
    w.put(entity, eid, _unfields(entity, fields, state))



# -- a save that lost the race in a shared file ----------------------------------------------------
@dataclass
class Rebased:
    """The editor's section merged with what another person saved meanwhile."""

    section: Section  # at the file's current version: save it to keep both people's work
    conflicts: list[FieldConflict]  # where both changed the same thing (the editor's value kept)
    theirs: Section | None  # what is in the file now (None: the other person deleted it)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _current_and_base(store: ReportStore, entity: str, entity_id: str,
                      loaded_version: int) -> tuple[dict | None, dict | None]:
    """The row as the file holds it now, and the state at ``loaded_version`` (the version
    the editor had loaded) found back along the row's revision chain."""
    table = {"section": "sections", "footnote": "footnotes", "report": "report"}[entity]
    cur = store.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (entity_id,))
    row = cur.fetchone()
    if row is None:
        return None, None
    row = dict(zip([c[0] for c in cur.description], row, strict=True))
    rev = row["rev_id"]
    while rev is not None:
        r = store.conn.execute("SELECT parent_id, version, deleted, data FROM revisions"
                               " WHERE id = ?", (rev,)).fetchone()
        if r is None:
            break
        if r[1] == loaded_version:
            data, deleted, walk = json.loads(r[3]), bool(r[2]), r[0]
            while not _has_content(data) and walk is not None:  # a tombstone: content before it
                prev = store.conn.execute("SELECT parent_id, data FROM revisions WHERE id = ?",
                                          (walk,)).fetchone()
                if prev is None:
                    break
                walk, data = prev[0], json.loads(prev[1])
            return row, _state_from_data(entity, data, deleted)
        rev = r[0]
    return row, None


def rebase_section(store: ReportStore, mine: Section) -> Rebased:
    """After :class:`errors.Conflict` on ``store.save_section(mine)``: merge the editor's text
    with the file's current text against the version the editor had loaded
    (``mine.version``). Edits to different paragraphs or fields combine without asking; only
    where both changed the same paragraph or field is a choice needed (``conflicts``; the
    merged section holds the editor's value there, :func:`both_paragraphs` gives "keep both")."""
    row, base = _current_and_base(store, "section", mine.id, mine.version)
    if row is None:
        raise errors.NoSuchSection()
    theirs_state = _state_from_row("section", row)
    mine_state = {**_state_from_row("section", {
        **store_mod._section_data(mine), "deleted": 0}), "kind": mine.kind}
    merged, clashes = merge_states("section", base, mine_state, theirs_state)
    section = _section_of(mine.id, {**merged, "kind": mine.kind})
    section.version = row["version"]
    theirs = None if row["deleted"] else store_mod._section_from_row(row)
    return Rebased(section, clashes, theirs)


@dataclass
class RebasedFootnote:
    """The editor's footnote text merged with what another person saved meanwhile."""

    footnote: Footnote  # at the file's current version
    conflicts: list[FieldConflict]
    theirs: Footnote | None


def rebase_footnote(store: ReportStore, mine: Footnote) -> RebasedFootnote:
    """As :func:`rebase_section`, for a footnote's text (paragraph by paragraph)."""
    row, base = _current_and_base(store, "footnote", mine.id, mine.version)
    if row is None:
        raise errors.NoSuchFootnote()
    mine_state = {"body": body_to_list(mine.body), "deleted": False}
    merged, clashes = merge_states("footnote", base, mine_state,
                                   _state_from_row("footnote", row))
    merged_fn = Footnote(mine.id, body_from_list(merged["body"]), row["version"])
    theirs = None if row["deleted"] else store_mod._footnote_from_row(row)
    return RebasedFootnote(merged_fn, clashes, theirs)


@dataclass
class RebasedHeader:
    """The editor's header, closing and profile merged field by field with the file's."""

    report: Report  # header/closing/profile merged, at the file's current version
    conflicts: list[FieldConflict]


def rebase_header(store: ReportStore, mine: Report) -> RebasedHeader:
    """As :func:`rebase_section`, for the header and closing fields (one field at a time:
    a number set here and a place set there both stay)."""
    row, base = _current_and_base(store, "report", store_mod.REPORT_ROW, mine.version)
    if row is None:
        raise errors.NotAReport(path=str(store.path))
    mine_state = {"header": mine.header.to_dict(), "closing": mine.closing.to_dict(),
                  "profile": mine.profile, "deleted": False}
    merged, clashes = merge_states("report", base, mine_state, _state_from_row("report", row))
    out = mine.copy()
    out.header = Header.from_dict(merged["header"])
    out.closing = Closing.from_dict(merged["closing"])
    out.profile = merged["profile"]
    out.version = row["version"]
    return RebasedHeader(out, clashes)

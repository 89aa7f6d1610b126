"""Merging a copy of a report that came back (USB, e-mail) into this file, by revision ancestry.

Copies made from one report share their revision ids, so for every section, footnote and the
header the merge can tell who changed what since the copies parted:

* the same revision, or the other copy's is already in this file's history → nothing to do;
* only the other copy moved on → **fast-forward** to its state;
* both moved on → **three-way merge** against the newest common revision: per header field,
  per section field (title, notes at the title, place in the tree, deleted) and per paragraph
  of a body (matched by paragraph id, by content for data written by 0.1.0:
  :mod:`hgreport.blockmerge`). Changes to different paragraphs both land, and so
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
from dataclasses import dataclass, field
from pathlib import Path

from . import errors
from .blockmerge import both_paragraphs, merge_paragraphs
from .i18n import pick
from .model import (
    KIND_ENDING,
    KIND_INTRO,
    Closing,
    Footnote,
    Report,
    Section,
    body_from_list,
    body_text,
    body_to_list,
    new_id,
)
from .reference_places import is_referenced, put_back, reference_place, take_out
from .storage import REPORT_ROW, CopyContents, ReportStore
from .storage.rows import (
    DamagedRow,
    footnote_from_row,
    header_from_data,
    is_damaged,
    read_body,
    section_content,
    section_from_row,
)
from .storage.rows import section_of_state as _section_of
from .storage.rows import state_from_row as _state_from_row
from .text import shorten

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
    "comment": ("Góp ý “{text}”", "Comment “{text}”"),
    "f_text": ("nội dung góp ý", "text of the comment"),
    "f_resolved": ("đã giải quyết hay chưa", "resolved or not"),
    "f_anchor": ("đoạn văn được góp ý", "the text commented on"),
    "f_body": ("nội dung (đoạn {paragraphs})", "text (paragraph {paragraphs})"),
    "f_title": ("tiêu đề", "title"),
    "f_title_notes": ("chú thích ở tiêu đề", "footnotes at the title"),
    "f_place": ("vị trí trong cây mục", "place in the section tree"),
    "f_deleted": ("một bên đã xóa, bên kia đã sửa", "deleted on one side, changed on the other"),
    "f_damaged": ("bị hỏng trong một trong hai tệp (không đọc được), được giữ nguyên",
                  "damaged in one of the files (cannot be read), kept as it is"),
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


# -- states: what one entity looks like, whatever its source (see hgreport.storage.rows) --------
def _fields(entity: str, state: dict) -> dict:
    """The units a three-way merge decides one by one."""
    if entity == "comment":  # a comment (góp ý): its text and open/resolved merge apart
        return {"text": state["text"], "resolved": state["resolved"],
                "anchor": [state["block_id"], state["anchor_start"], state["anchor_end"],
                           state["quote"]],
                "about": [state["section_id"], state["parent_id"], state["author"],
                          state["created_at"]], "deleted": state["deleted"]}
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
    if entity == "comment":
        block_id, start, end, quote = fields["anchor"]
        section_id, parent_id, author, created_at = fields["about"]
        return {"section_id": section_id, "block_id": block_id, "anchor_start": start,
                "anchor_end": end, "quote": quote, "parent_id": parent_id, "author": author,
                "created_at": created_at, "text": fields["text"],
                "resolved": fields["resolved"], "deleted": fields["deleted"]}
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


# -- three-way merge of bodies: hgreport.blockmerge (by block id; by content for 0.1.0 data) ------
def _key(paragraph: dict) -> str:
    return json.dumps(paragraph, sort_keys=True, ensure_ascii=False)


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


# -- keeping the tree and the footnotes whole ----------------------------------------------------
def reconcile(store: ReportStore, on_revive=None, author: str | None = None,
              keep: set[str] | frozenset[str] = frozenset()) -> None:
    """Make the live report whole after merging or restoring: every live section hangs from a
    live parent (a deleted parent comes back; ``on_revive(section_id)`` is told), the tree has no
    loops, every reference points at a live footnote, no footnote is referenced twice (the second
    place gets a copy) and no live footnote is left without a reference (but those in ``keep``,
    left for a person to place). A row that cannot be read (a damaged file) is kept as it is.
    Runs inside the caller's transaction; new states are recorded under ``author`` (default:
    the store's)."""
    rows = {r["id"]: r for r in store.entity_rows("section")}
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
                if not is_damaged("section", r):  # a damaged one is shown there anyway
                    st = _state_from_row("section", r)
                    store.put_state("section", r["id"], {**st, "parent_id": None},
                                    author=author)
                break
            if prow["deleted"]:
                if is_damaged("section", prow):  # kept as it is: its child shows at the top
                    break
                st = _state_from_row("section", prow)
                store.put_state("section", parent, {**st, "deleted": False}, author=author)
                rows[parent] = store.entity_row("section", parent)
                if on_revive:
                    on_revive(parent)
            r = rows[parent]
            parent = r["parent_id"]
    # loops (A moved under B on one side, B under A on the other): lift one to the top
    rows = {r["id"]: r for r in store.entity_rows("section") if not r["deleted"]}
    for sid in sorted(rows):
        seen: list[str] = []
        cur = sid
        while cur is not None and cur in rows and cur not in seen:
            seen.append(cur)
            cur = rows[cur]["parent_id"]
        if cur is not None and cur in seen:
            loop = [sid for sid in seen[seen.index(cur):] if not is_damaged("section", rows[sid])]
            if not loop:  # only damaged sections: the tree shows one at the top level
                continue
            lift = min(loop)
            st = _state_from_row("section", rows[lift])
            store.put_state("section", lift, {**st, "parent_id": None}, author=author)
            rows[lift] = store.entity_row("section", lift)
    _reconcile_footnotes(store, author, keep)


def _reconcile_footnotes(store: ReportStore, author: str | None, keep=frozenset()) -> None:
    report = store.load_report()
    fn_rows = {r["id"]: r for r in store.entity_rows("footnote")}
    seen: set[str] = set()
    for sec in report.all_sections():
        if not sec.footnote_refs():
            continue
        if sec.damaged:  # kept as it is: its references hold their footnotes
            seen.update(sec.footnote_refs())
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
            body = body_to_list(read_body(src["body"])[0]) if src else []
            store.put_state("footnote", copy_id, {"body": body, "deleted": False},
                            author=author)
            fn_rows[copy_id] = store.entity_row("footnote", copy_id)
            seen.add(copy_id)
            return copy_id

        sec.title_notes = [fresh(f) for f in sec.title_notes]
        sec.body = [block.map_refs(fresh) for block in sec.body]
        if changed:
            st = store.entity_state("section", sec.id)
            store.put_state("section", sec.id, {**st, "title_notes": sec.title_notes,
                                                "body": body_to_list(sec.body)}, author=author)
    for fid, r in fn_rows.items():
        if is_damaged("footnote", r):
            continue  # kept as it is
        if fid in seen and r["deleted"]:
            store.put_state("footnote", fid, {**_state_from_row("footnote", r), "deleted": False},
                            author=author)
        elif fid not in seen and fid not in keep and not r["deleted"]:
            store.put_state("footnote", fid, {**_state_from_row("footnote", r), "deleted": True},
                            author=author)


# -- reading the other copy --------------------------------------------------------------------
def _read_copy(path: str | Path) -> CopyContents:
    """Everything of the other copy, read in one snapshot while others may be writing it (the
    file itself is only read)."""
    with ReportStore.open(path, read_only=True) as other:
        return other.read_everything()


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
        elif self.entity == "comment":
            what = _t("comment", lang, text=self.what)
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
    def __init__(self, store: ReportStore, other: CopyContents, author: str):
        self.store = store
        self.other = other
        self.author = author
        self.result = MergeResult(str(store.path), str(other.path))
        self.parents: dict[str, list[str]] = {}
        self.versions: dict[str, int] = {}
        self.new_conflicts: list[str] = []
        self.mine_before: dict[tuple[str, str], dict] = {}
        self.mine_sections: list[dict] = []  # this file's section rows before the merge
        self.kept_footnotes: dict[str, dict | None] = {}  # deleted on one side, kept: place

    def run(self) -> MergeResult:
        self.store.import_history(self.other.revisions, self.other.authors)
        for rid, (parents, version) in self.store.revision_graph().items():
            self.parents[rid] = parents
            self.versions[rid] = version
        self._check_related()
        self.mine_sections = self.store.entity_rows("section")
        for entity in ("report", "section", "footnote", "comment"):
            for orow in sorted(self.other.rows.get(entity, []), key=lambda r: r["id"]):
                self._merge_entity(entity, orow)

        def revived(section_id: str) -> None:
            before = self.mine_before.get(("section", section_id))
            theirs = next((r for r in self.other.rows["section"] if r["id"] == section_id), None)
            c = FieldConflict("deleted", bool(before["deleted"]) if before else False,
                              bool(theirs["deleted"]) if theirs else False, False)
            self.new_conflicts.append(self._keep_conflict("section", section_id, c))

        # a footnote deleted with its reference on one side and changed on the other is kept
        # until a person decides, and so is its reference (where the keeping side had it)
        orphans = set()
        for fid, place in self.kept_footnotes.items():
            if not is_referenced(self.store, fid) and not put_back(self.store, fid, place,
                                                                   self.author):
                orphans.add(fid)
        reconcile(self.store, revived, self.author, orphans)
        self.result.conflicts = [c for c in list_conflicts(self.store)
                                 if c.id in set(self.new_conflicts)]
        return self.result

    def _keep_conflict(self, entity: str, entity_id: str, c: FieldConflict) -> str:
        return self.store.add_conflict(entity, entity_id, c.field, c.mine, c.theirs, c.base,
                                       str(self.other.path))

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
        mine = self.store.entity_row("report", REPORT_ROW)
        theirs = self.other.rows["report"]
        if not mine or not theirs:
            raise UnrelatedCopy(path=str(self.other.path))
        if not self._ancestors(mine["rev_id"]) & self._ancestors(theirs[0]["rev_id"]):
            raise UnrelatedCopy(path=str(self.other.path))

    def _merge_entity(self, entity: str, orow: dict) -> None:
        eid = orow["id"]
        mrow = self.store.entity_row(entity, eid)
        res = self.result
        if mrow is None:
            if is_damaged(entity, orow):  # new there but cannot be read: asked about
                self._damaged(entity, eid, None, orow)
                return
            self.store.take_row(entity, orow)
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
        if is_damaged(entity, mrow) or is_damaged(entity, orow):
            self._damaged(entity, eid, mrow, orow)
            return
        theirs_anc = self._ancestors(o_rev)
        if m_rev in theirs_anc:
            self.store.take_row(entity, orow)
            if orow.get("deleted") and not mrow.get("deleted"):
                res.deleted += 1
            else:
                res.fast_forwarded += 1
            return
        common = mine_anc & theirs_anc
        base = None
        if common:
            best = max(common, key=lambda r: (self.versions.get(r, 0), r))
            base = self.store.state_at(entity, best)
        mine_state = _state_from_row(entity, mrow)
        theirs_state = _state_from_row(entity, orow)
        merged, clashes = merge_states(entity, base, mine_state, theirs_state)
        if not clashes and merged == mine_state:  # e.g. the same merge made on both sides
            res.unchanged += 1
            return
        self.store.put_state(entity, eid, merged, merge_parents=[o_rev],
                             min_version=orow["version"], author=self.author)
        for c in clashes:
            if entity == "footnote" and c.field == "deleted":
                # where the side that kept it has its reference, for the decision
                kept_by = self.other.rows["section"] if c.mine else self.mine_sections
                c.base = {"deleted": c.base, "place": reference_place(kept_by, eid)}
                if not merged["deleted"]:
                    self.kept_footnotes[eid] = c.base["place"]
            self.new_conflicts.append(self._keep_conflict(entity, eid, c))
        if merged["deleted"] and not mine_state["deleted"]:
            res.deleted += 1
        else:
            res.merged += 1


    def _damaged(self, entity: str, eid: str, mrow: dict | None, orow: dict) -> None:
        """A section, footnote or header that cannot be read on one side (a damaged file): this
        file keeps its row as it is, and a conflict (once per entity and copy) holds both
        readable states — theirs from their row, or their last save in the history — so "take
        theirs" can replace a damaged row here."""
        self.result.unchanged += 1

        def readable(row: dict | None) -> dict | None:
            if row is None:
                return None
            try:
                return _state_from_row(entity, row)
            except DamagedRow:
                return None

        mine = readable(mrow)
        theirs = readable(orow)
        if theirs is None:
            theirs = self.store.state_at(entity, orow["rev_id"])
        source = str(self.other.path)
        if any(c.entity_id == eid and c.field == "damaged" and c.source == source
               for c in self.store.conflicts()):
            return

        def shown(state: dict | None, row: dict | None):
            """What the merge window shows of a side: its text, or the raw damaged data."""
            if state is not None:
                return state.get("body", state)
            try:
                _state_from_row(entity, row) if row is not None else None
            except DamagedRow as exc:
                return exc.damage[0].raw_text(2000)
            return None

        c = FieldConflict("damaged", shown(mine, mrow), shown(theirs, orow),
                          {"mine": mine, "theirs": theirs})
        self.new_conflicts.append(self._keep_conflict(entity, eid, c))


def merge_copy(mine: str | Path | ReportStore, other_path: str | Path,
               author: str = "") -> MergeResult:
    """Merge the report copy ``other_path`` into ``mine`` (a path or an open store) in one
    transaction. ``other_path`` is only read. Raises :class:`UnrelatedCopy` when the two files
    are different reports."""
    own = not isinstance(mine, ReportStore)
    store = ReportStore.open(mine, author=author) if own else mine
    try:
        snapshot = _read_copy(other_path)
        with store.transaction():
            return _Merger(store, snapshot, author or store.author).run()
    finally:
        if own:
            store.close()


# -- conflicts kept for a person ---------------------------------------------------------------
def _what(store: ReportStore, entity: str, entity_id: str) -> str:
    if entity == "report":
        return ""
    row = store.entity_row(entity, entity_id)
    if entity == "comment":
        return shorten(row["text"] if row else "", 40)
    if entity == "section":
        if row is None:
            return ""
        return row["kind"] if row["kind"] in (KIND_INTRO, KIND_ENDING) else row["title"]
    return shorten(body_text(read_body(row["body"])[0]) if row else "", 40)


def list_conflicts(store: ReportStore, include_resolved: bool = False) -> list[ConflictInfo]:
    """The conflicts kept in the file, oldest first (only the open ones unless asked)."""
    with store.reading():
        return [ConflictInfo(c.id, c.entity, c.entity_id, c.field, c.mine, c.theirs, c.base,
                             c.source, c.created_at, bool(c.resolved),
                             _what(store, c.entity, c.entity_id))
                for c in store.conflicts(include_resolved)]


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
    with store.transaction():
        c = store.conflict(conflict_id)
        if c is None:
            raise KeyError(conflict_id)
        if not c.resolved:
            if c.field == "damaged":
                _apply_damaged(store, c.entity, c.entity_id, c.base, choice)
            else:
                try:
                    state = store.entity_state(c.entity, c.entity_id)
                except DamagedRow:
                    raise errors.DamagedEntity(what=_what(store, c.entity, c.entity_id)
                                               or c.entity_id) from None
                if state is not None:
                    keep = _apply_choice(store, c.entity, c.entity_id, state, c.field, c.mine,
                                         c.theirs, choice, c.base)
                    reconcile(store, keep=keep)
            store.mark_conflict_resolved(conflict_id, _RESOLVED[choice])
    return next(c for c in list_conflicts(store, include_resolved=True) if c.id == conflict_id)


def _apply_damaged(store: ReportStore, entity: str, eid: str, base, choice: str) -> None:
    """"Take theirs" replaces an entity that cannot be read here (or was new there) with
    their readable state; "mine" and "both" keep this file's row as it is."""
    theirs = base.get("theirs") if isinstance(base, dict) else None
    if choice != "theirs" or not isinstance(theirs, dict):
        return
    store.put_state(entity, eid, theirs)
    reconcile(store)


def _footnote_kept_or_deleted(store: ReportStore, eid: str, state: dict, deleted: bool,
                              base) -> set[str]:
    """Decide "deleted on one side, changed on the other" for a footnote: deleting it takes
    its references out too; keeping it puts its reference back where the keeping side had it
    (:mod:`hgreport.reference_places`) — when that paragraph is gone here, the footnote stays
    without a reference (returned: reconcile keeps it) for the person to place."""
    if deleted:
        take_out(store, eid)
        if not state["deleted"]:
            store.put_state("footnote", eid, {**state, "deleted": True})
        return set()
    if state["deleted"]:
        store.put_state("footnote", eid, {**state, "deleted": False})
    place = base.get("place") if isinstance(base, dict) else None
    if is_referenced(store, eid) or put_back(store, eid, place):
        return set()
    return {eid}


def _apply_choice(store: ReportStore, entity, eid, state, name, mine, theirs, choice,
                  base=None) -> set[str]:
    """Apply a choice; returns the footnotes left without a reference on purpose."""
    if name == "deleted" and entity == "footnote":
        target = {"mine": mine, "theirs": theirs, "both": False}[choice]
        return _footnote_kept_or_deleted(store, eid, state, bool(target), base)
    if name == "deleted":
        target = {"mine": mine, "theirs": theirs, "both": False}[choice]
        if target and not state["deleted"]:
            if entity == "section":
                store.mark_subtree_deleted(eid)
            else:
                store.put_state(entity, eid, {**state, "deleted": True})
        elif not target and state["deleted"]:
            store.put_state(entity, eid, {**state, "deleted": False})
        return set()
    fields = _fields(entity, state)
    current = fields.get(name)
    if name == "body":
        target = {"mine": mine, "theirs": theirs, "both": both_paragraphs(mine, theirs)}[choice]
        if [_key(p) for p in current] not in ([_key(p) for p in mine],
                                              [_key(p) for p in target]):
            again = merge_paragraphs(mine, current, target)  # edited since the merge
            if again.conflicts:
                raise errors.Conflict(what=_what(store, entity, eid) or eid,
                                      who=store.author or "?")
            target = again.mine
    else:
        target = {"mine": mine, "theirs": theirs, "both": _both(name, mine, theirs)}[choice]
    if target == current:
        return set()
    fields[name] = target
    store.put_state(entity, eid, _unfields(entity, fields, state))
    return set()



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
    with store.reading():
        row = store.entity_row(entity, entity_id)
        if row is None:
            return None, None
        for r in store.walk_back(row["rev_id"]):
            if r.version == loaded_version:
                return row, store.state_at(entity, r.id)
    return row, None


def _readable_state(entity: str, row: dict) -> dict:
    """The row's state; for a row damaged meanwhile, what can be read of it (the person's
    save then replaces it, combined with that)."""
    try:
        return _state_from_row(entity, row)
    except DamagedRow as exc:
        return exc.partial


def rebase_section(store: ReportStore, mine: Section) -> Rebased:
    """After :class:`errors.Conflict` on ``store.save_section(mine)``: merge the editor's text
    with the file's current text against the version the editor had loaded
    (``mine.version``). Edits to different paragraphs or fields combine without asking; only
    where both changed the same paragraph or field is a choice needed (``conflicts``; the
    merged section holds the editor's value there, :func:`both_paragraphs` gives "keep both")."""
    row, base = _current_and_base(store, "section", mine.id, mine.version)
    if row is None:
        raise errors.NoSuchSection()
    theirs_state = _readable_state("section", row)
    mine_state = {**_state_from_row("section", {
        **section_content(mine), "deleted": 0}), "kind": mine.kind}
    merged, clashes = merge_states("section", base, mine_state, theirs_state)
    section = _section_of(mine.id, {**merged, "kind": mine.kind})
    section.version = row["version"]
    theirs = None if row["deleted"] else section_from_row(row)
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
                                   _readable_state("footnote", row))
    merged_fn = Footnote(mine.id, body_from_list(merged["body"]), row["version"])
    theirs = None if row["deleted"] else footnote_from_row(row)
    return RebasedFootnote(merged_fn, clashes, theirs)


@dataclass
class RebasedHeader:
    """The editor's header, closing and profile merged field by field with the file's."""

    report: Report  # header/closing/profile merged, at the file's current version
    conflicts: list[FieldConflict]


def rebase_header(store: ReportStore, mine: Report) -> RebasedHeader:
    """As :func:`rebase_section`, for the header and closing fields (one field at a time:
    a number set here and a place set there both stay)."""
    row, base = _current_and_base(store, "report", REPORT_ROW, mine.version)
    if row is None:
        raise errors.NotAReport(path=str(store.path))
    mine_state = {"header": mine.header.to_dict(), "closing": mine.closing.to_dict(),
                  "profile": mine.profile, "deleted": False}
    merged, clashes = merge_states("report", base, mine_state, _readable_state("report", row))
    out = mine.copy()
    out.header = header_from_data(merged["header"])[0]  # a field that cannot be read: empty
    out.closing = Closing.from_dict(merged["closing"])
    out.profile = merged["profile"]
    out.version = row["version"]
    return RebasedHeader(out, clashes)

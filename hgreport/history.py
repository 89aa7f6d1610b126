"""The history of a section or footnote: every saved state with who saved it, when and how much
changed; a side-by-side comparison of two states, paragraph by paragraph; and bringing an older
state back as a new save (the newer states stay in the history).

Who: every revision carries the author string the file was opened with; :func:`save_author`
stores that person's name and unit once (table ``authors``), and the history shows both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from . import errors
from .blockmerge import ADDED, CHANGED, REMOVED, align, align_keys, content_key, has_ids
from .i18n import pick
from .merge import reconcile
from .model import Block, Footnote, Section, block_from_dict, body_from_list, body_to_list
from .storage import ReportStore, Revision
from .storage.rows import DamagedRow
from .storage.rows import state_from_row as _state_from_row
from .storage.rows import state_from_snapshot as _state_from_data
from .text import count_words

_TEXT = {
    "created": ("Tạo mới", "Created"),
    "deleted": ("Đã xóa", "Deleted"),
    "restored": ("Khôi phục sau khi xóa", "Restored after deletion"),
    "merged": ("Hợp nhất từ bản sao", "Merged from a copy"),
    "changes": ("+{added} / −{removed} / ~{changed} đoạn, {words:+d} từ",
                "+{added} / −{removed} / ~{changed} paragraphs, {words:+d} words"),
    "same": ("Không đổi nội dung", "Content unchanged"),
}


def _t(key: str, lang: str | None, **args) -> str:
    return pick(_TEXT, key, lang, **args)


# -- authors ------------------------------------------------------------------------------------
def save_author(store: ReportStore, name: str, unit: str = "") -> str:
    """Remember who ``name`` is (asked once, then stored in the file). Returns the author id,
    which is the name itself: open the store with ``author=name`` so revisions carry it."""
    name, unit = " ".join(name.split()), " ".join(unit.split())
    store.save_author(name, name, unit)
    return name


def authors(store: ReportStore) -> dict[str, tuple[str, str]]:
    """Author id → (name, unit)."""
    return store.authors()


# -- the list of revisions ----------------------------------------------------------------------
@dataclass
class HistoryEntry:
    rev_id: str
    version: int
    author: str
    unit: str
    at: datetime
    deleted: bool
    merged: bool  # made by merging another copy
    title: str
    words: int
    paragraphs_added: int
    paragraphs_removed: int
    paragraphs_changed: int
    words_delta: int
    first: bool  # the state the section was created with

    @property
    def who(self) -> str:
        return f"{self.author} ({self.unit})" if self.unit else (self.author or "?")

    @property
    def amount(self) -> int:
        """How much changed, in paragraphs (for sorting and bars)."""
        return self.paragraphs_added + self.paragraphs_removed + self.paragraphs_changed

    def summary(self, lang: str | None = None) -> str:
        if self.first:
            return _t("created", lang)
        if self.deleted:
            return _t("deleted", lang)
        parts = []
        if self.merged:
            parts.append(_t("merged", lang))
        if self.amount or self.words_delta:
            parts.append(_t("changes", lang, added=self.paragraphs_added,
                            removed=self.paragraphs_removed, changed=self.paragraphs_changed,
                            words=self.words_delta))
        elif not self.merged:
            parts.append(_t("same", lang))
        return "; ".join(parts)


def _snapshot(revs: dict[str, Revision], rev: Revision) -> dict:
    """The snapshot holding the content at a revision (a deletion or restore stores none: the
    last one before it)."""
    cur: Revision | None = rev
    while cur is not None:
        if any(k != "merge_parents" for k in cur.data):
            return cur.data
        cur = revs.get(cur.parent_id) if cur.parent_id else None
    return {}


def _content(revs: dict[str, Revision], rev: Revision) -> dict:
    return _state_from_data(_entity(rev), _snapshot(revs, rev), rev.deleted)


def _entity(rev: Revision) -> str:
    return rev.entity if rev.entity in ("section", "footnote") else "report"


def _words(state: dict) -> int:
    text = "\n".join(p.text for p in body_from_list(state.get("body", [])))
    return count_words(state.get("title", "")) + count_words(text)


def history(store: ReportStore, entity_id: str) -> list[HistoryEntry]:
    """Every saved state of a section or footnote, newest first."""
    with store.reading():
        revs = store.revisions(entity_id)
        names = authors(store)
    by_id = {r.id: r for r in revs}
    # revision id → (state, block ids or None, content keys, words)
    cache: dict[str, tuple[dict, list[str] | None, list[str], int]] = {}

    def look(rev: Revision) -> tuple[dict, list[str] | None, list[str], int]:
        if rev.id not in cache:
            data = _snapshot(by_id, rev)
            state = _state_from_data(_entity(rev), data, rev.deleted)
            words = data["words"] if "words" in data else _words(state)
            body = state.get("body", [])
            ids = [b["id"] for b in body] if has_ids(body) else None
            cache[rev.id] = (state, ids, [content_key(b) for b in body], words)
        return cache[rev.id]

    out = []
    for rev in sorted(revs, key=lambda r: (r.version, r.at), reverse=True):
        state, ids, keys, words = look(rev)
        parent = by_id.get(rev.parent_id) if rev.parent_id else None
        before = look(parent) if parent else None
        added = removed = changed = 0
        if before is not None:
            kinds = [row[0] for row in align_keys(before[1], before[2], ids, keys)]
            added, removed, changed = (kinds.count(ADDED), kinds.count(REMOVED),
                                       kinds.count(CHANGED))
        name, unit = names.get(rev.author, (rev.author, ""))
        out.append(HistoryEntry(
            rev.id, rev.version, name, unit, _parse_time(rev.at), rev.deleted,
            bool(rev.data.get("merge_parents")), state.get("title", ""), words,
            added, removed, changed, words - (before[3] if before else words),
            parent is None and rev.parent_id is None))
    return out


def _parse_time(at: str) -> datetime:
    try:
        return datetime.fromisoformat(at)
    except ValueError:
        return datetime.min


# -- side-by-side comparison --------------------------------------------------------------------
@dataclass
class CompareRow:
    kind: str  # same | changed | added | removed
    left: Block | None
    right: Block | None
    left_no: int | None  # paragraph number (1-based) on each side
    right_no: int | None

    def words(self) -> list[tuple[str, str]]:
        """For a changed row: (same | removed | added, text) pieces, word by word."""
        return word_diff(self.left.text if self.left else "", self.right.text if self.right else "")


@dataclass
class Comparison:
    left_title: str
    right_title: str
    rows: list[CompareRow]

    @property
    def changed_rows(self) -> list[CompareRow]:
        return [r for r in self.rows if r.kind != "same"]


def _state_of(store: ReportStore, entity_id: str, rev_id: str | None) -> dict:
    if rev_id is None:  # the current state
        for entity in ("section", "footnote"):
            try:
                state = store.entity_state(entity, entity_id)
            except DamagedRow as exc:  # what the window shows of it (its last readable save)
                shown = store.load_section(entity_id) if entity == "section" \
                    else store.load_footnote(entity_id)
                return {**exc.partial, "body": body_to_list(shown.body),
                        "title": getattr(shown, "title", "")}
            if state is not None:
                return state
        raise errors.NoSuchSection()
    revs = {r.id: r for r in store.revisions(entity_id)}
    if rev_id not in revs:
        raise errors.NoSuchSection()
    return _content(revs, revs[rev_id])


def compare(store: ReportStore, entity_id: str, left_rev: str | None,
            right_rev: str | None = None) -> Comparison:
    """Two states of a section or footnote side by side (``None`` = the current state):
    paragraphs that stayed, changed, were added or removed, in reading order. Paragraphs are
    matched by id (a moved one is removed at its old place and added at its new one), by
    content where a state was written by 0.1.0."""
    left, right = _state_of(store, entity_id, left_rev), _state_of(store, entity_id, right_rev)
    lb, rb = left.get("body", []), right.get("body", [])
    rows = [CompareRow(kind, block_from_dict(lb[i]) if i is not None else None,
                       block_from_dict(rb[j]) if j is not None else None,
                       i + 1 if i is not None else None, j + 1 if j is not None else None)
            for kind, i, j in align(lb, rb)]
    return Comparison(left.get("title", ""), right.get("title", ""), rows)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(same | removed | added, text) pieces turning ``old`` into ``new``, word by word."""
    a, b = old.split(" "), new.split(" ")
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out


# -- restore ---------------------------------------------------------------------------------------
def restore(store: ReportStore, entity_id: str, rev_id: str,
            expected_version: int | None = None) -> Section | Footnote:
    """Bring back the text (title, notes at the title, body) of revision ``rev_id`` as a new
    save; the section keeps its place in the tree and comes back if it was deleted. Footnotes
    follow: those the old text references come back, those it no longer references go.
    ``expected_version`` (the version the window shows) guards against a save by someone else
    in between (:class:`errors.Conflict`)."""
    revs = {r.id: r for r in store.revisions(entity_id)}
    if rev_id not in revs:
        raise errors.NoSuchSection()
    old = _content(revs, revs[rev_id])
    entity = _entity(revs[rev_id])
    with store.transaction():
        row = store.entity_row(entity, entity_id)
        if row is None:
            raise errors.NoSuchSection()
        if expected_version is not None and row["version"] != expected_version:
            raise store.newer_save_error(entity, entity_id, row.get("title") or entity_id)
        damaged = False
        try:
            state = _state_from_row(entity, row)
        except DamagedRow as exc:  # a damaged row: restoring is how the person repairs it
            state, damaged = exc.partial, True
        new = {**state, "body": old.get("body", []), "deleted": False}
        if entity == "section":
            new.update(title=old.get("title", ""), title_notes=old.get("title_notes", []))
        if new != state or damaged:
            store.put_state(entity, entity_id, new)
            reconcile(store)
    return store.load_section(entity_id) if entity == "section" else store.load_footnote(entity_id)

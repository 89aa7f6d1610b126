"""Row mapping: how each kind of entity (the report's header, a section, a footnote, a revision,
a conflict, a lease) is laid out in its table, and back.

Sections, footnotes and the header also have a *state*: a plain dict of their content that merge
and history compare and combine (JSON columns decoded, ``deleted`` as a bool). A revision's
snapshot (``data``) holds the same columns as the entity's row, JSON columns as strings.

A damaged file (one row's text that is not JSON, bytes that are not UTF-8, a header field of the
wrong kind) still opens: the entity is read with what can be recovered and a
:class:`~hgreport.model.Damage` for each part that could not be read, holding the raw data.
Such an entity is never written back (:func:`section_content` refuses it), so the raw data stays
in the file until the person restores the entity from its history or a backup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .. import errors
from ..model import (
    BAD_SHAPE,
    BAD_TEXT,
    BAD_VALUE,
    NOT_JSON,
    Body,
    Closing,
    Damage,
    Footnote,
    Header,
    Paragraph,
    Report,
    Run,
    Section,
    body_from_list,
    body_refs,
    body_to_list,
)

REPORT_ROW = "report"  # the id of the one row of table ``report``
TABLES = {"section": "sections", "footnote": "footnotes", "report": "report",
          "comment": "comments"}


def table_of(entity: str) -> str:
    """The table holding an entity kind (section, footnote, report)."""
    return TABLES[entity]


# -- reading what a damaged file holds -------------------------------------------------------
class UnreadableText(str):
    """A TEXT value whose bytes are not UTF-8 (a damaged file): it reads as its text with
    U+FFFD where the bytes are bad; ``raw`` holds the bytes as stored."""

    raw: bytes = b""


def decode_text(data: bytes) -> str:
    """The text factory of every connection to a report file: TEXT values as ``str``; bytes that
    are not UTF-8 give an :class:`UnreadableText` instead of failing the whole query, so one
    damaged row does not stop the report from opening."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = UnreadableText(data.decode("utf-8", "replace"))
        text.raw = bytes(data)
        return text


class DamagedRow(ValueError):
    """A row whose content could not be read (``damage``); ``partial`` is its state with the
    readable parts and the unreadable ones empty. Merge and history keep such a row as it is."""

    def __init__(self, entity: str, entity_id: str, damage: tuple[Damage, ...], partial: dict):
        self.entity, self.entity_id, self.damage, self.partial = entity, entity_id, damage, partial
        super().__init__(f"{entity} {entity_id}: " + ", ".join(d.what for d in damage))


def _bad_bytes(raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"byte {exc.start}: {raw[exc.start:exc.start + 4]!r}"
    return ""


def _text(value, what: str) -> tuple[str, Damage | None]:
    """A column's text, or the text readable in it and what is wrong with it."""
    if isinstance(value, UnreadableText):
        return str(value), Damage(what, BAD_TEXT, _bad_bytes(value.raw), value.raw)
    if isinstance(value, bytes):  # stored as a BLOB: readable when its bytes are UTF-8
        try:
            return value.decode("utf-8"), None
        except UnicodeDecodeError:
            return (value.decode("utf-8", "replace"),
                    Damage(what, BAD_TEXT, _bad_bytes(value), bytes(value)))
    if not isinstance(value, str):
        return ("" if value is None else str(value),
                Damage(what, BAD_VALUE, type(value).__name__, "" if value is None else str(value)))
    return value, None


def _json(value, what: str, shape: type) -> tuple[object, Damage | None]:
    """A JSON column decoded, when it holds a ``shape`` (list or dict); else None and why."""
    text, damage = _text(value, what)
    if damage is not None:
        return None, damage
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, Damage(what, NOT_JSON, str(exc)[:200], text)
    if not isinstance(data, shape):
        return None, Damage(what, BAD_SHAPE, f"{type(data).__name__}, not {shape.__name__}",
                            text)
    return data, None


_TOKEN = re.compile(r'"(runs|t|fn)"\s*:\s*(?:"((?:[^"\\]|\\.)*)"|\[)', re.S)
_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
SALVAGE_LIMIT = 100_000  # characters of a damaged part shown as text when nothing else is found


def _unquote(value: str) -> str:
    try:
        return json.loads(f'"{value}"')
    except ValueError:
        return value.replace('\\"', '"')


def _raw_str(damage: Damage) -> str:
    raw = damage.raw
    return raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)


def salvage_body(text: str, refs: Iterable[str] = ()) -> Body:
    """What can be read of a damaged body: its paragraphs' texts (the strings after ``"t":``,
    a paragraph from each ``"runs"``) and footnote references (``"fn":``), marks lost; ``refs``
    found nowhere in it (the row's list of references) go into a last paragraph, so their
    footnotes keep their place. Text that does not look like blocks at all is shown as it is."""
    paragraphs: list[list[Run]] = []
    for m in _TOKEN.finditer(text):
        key, value = m.group(1), m.group(2)
        if key == "runs" or not paragraphs:
            paragraphs.append([])
        if value is None:
            continue
        value = _unquote(value)
        if key == "t" and value:
            paragraphs[-1].append(Run.of(value))
        elif key == "fn" and value:
            paragraphs[-1].append(Run.ref(value))
    body: Body = [Paragraph(runs) for runs in paragraphs if runs]
    if not body and text.strip() and text.lstrip()[:1] not in "[{":
        body = [Paragraph.of(text[:SALVAGE_LIMIT])]
    found = set(body_refs(body))
    rest = [Run.ref(f) for f in dict.fromkeys(refs) if f not in found]
    if rest:
        body.append(Paragraph(rest))
    return body


def read_body(value, what: str = "body", refs: Iterable[str] = ()) -> tuple[Body, Damage | None]:
    """A body column as blocks, or what could be salvaged of it (:func:`salvage_body`) and
    why it could not be read."""
    data, damage = _json(value, what, list)
    if damage is None:
        try:
            return body_from_list(data), None
        except (AttributeError, TypeError, ValueError, KeyError, RecursionError) as exc:
            damage = Damage(what, BAD_SHAPE, str(exc)[:200], _text(value, what)[0])
    return salvage_body(_raw_str(damage), refs), damage


def id_list(value, what: str = "refs") -> tuple[list[str], Damage | None]:
    """A JSON list of ids (footnote references), or the ids readable in a damaged one."""
    data, damage = _json(value, what, list)
    if damage is None and all(isinstance(f, str) for f in data):
        return list(data), None
    if damage is None:
        damage = Damage(what, BAD_SHAPE, "not a list of ids", _text(value, what)[0])
    return list(dict.fromkeys(_ID.findall(_raw_str(damage)))), damage


def _number(value, what: str, default: float) -> tuple[float, Damage | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and abs(value) != float("inf"):
        return float(value), None
    return default, Damage(what, BAD_VALUE, type(value).__name__,
                           value if isinstance(value, (str, bytes)) else repr(value))


def recovered(obj: Section | Footnote, data: dict) -> Section | Footnote:
    """A damaged section or footnote showing its content as last saved — the revision
    snapshot ``data`` of its current state — when that can be read; else as it was."""
    if not obj.damaged:
        return obj
    body, bad = read_body(data.get("body", "[]"))
    if bad is not None:
        return obj
    changes: dict = {"body": body}
    if isinstance(obj, Section):
        title, bad_title = _text(data.get("title", ""), "title")
        notes, bad_notes = id_list(data.get("title_notes", "[]"), "title_notes")
        if bad_title or bad_notes:
            return obj
        changes.update(title=title, title_notes=notes)
    damage = tuple(replace(d, from_history=True) if d.blocks_editing else d for d in obj.damage)
    return replace(obj, **changes, damage=damage)


def header_from_data(data: dict) -> tuple[Header, list[Damage]]:
    """The header fields of a dict, each read on its own: a field that cannot be read (a year
    in words) is left empty and named."""
    good: dict = {}
    damage: list[Damage] = []
    for key, value in data.items():
        if key not in Header.__dataclass_fields__:
            continue
        try:
            Header.from_dict({key: value})
        except (TypeError, ValueError, OverflowError) as exc:
            damage.append(Damage(f"header.{key}", BAD_VALUE, str(exc)[:120],
                                 json.dumps(value, ensure_ascii=False)[:1000]))
            continue
        good[key] = value
    return Header.from_dict(good), damage


# -- the model's objects ----------------------------------------------------------------------
def section_content(sec: Section) -> dict:
    """The content columns of a section's row (also its revision snapshot). A section whose
    stored content could not be read is refused (:class:`errors.DamagedEntity`): writing it
    would replace the raw data with what could be recovered."""
    if sec.damaged:
        raise errors.DamagedEntity(what=sec.title or sec.kind)
    return {
        "id": sec.id,
        "kind": sec.kind,
        "parent_id": sec.parent_id,
        "position": float(sec.position),
        "title": sec.title,
        "title_notes": json.dumps(sec.title_notes),
        "body": json.dumps(body_to_list(sec.body), ensure_ascii=False),
        "refs": json.dumps(sec.footnote_refs()),
        "words": sec.word_count(),
    }


def section_from_row(row: dict) -> Section:
    """The section a row of ``sections`` holds, at the row's version. A part that cannot be
    read is recovered as far as it can be and named in ``damage`` (the raw data with it)."""
    damage: list[Damage] = []
    title, bad = _text(row["title"], "title")
    damage += [bad] if bad else []
    notes, bad = id_list(row["title_notes"], "title_notes")
    damage += [bad] if bad else []
    refs = id_list(row["refs"])[0] if "refs" in row else []
    body, bad = read_body(row["body"], "body", [f for f in refs if f not in notes])
    damage += [bad] if bad else []
    position, bad = _number(row["position"], "position", 1e9)  # unknown: after its siblings
    damage += [bad] if bad else []
    sec = Section(id=row["id"], title=title, body=body, parent_id=row["parent_id"],
                  position=position, kind=row["kind"], title_notes=notes,
                  damage=tuple(damage))
    sec.version = row["version"]
    return sec


def footnote_content(fn: Footnote) -> dict:
    """The content column of a footnote's row (also its revision snapshot); a footnote whose
    stored text could not be read is refused, as in :func:`section_content`."""
    if fn.damaged:
        raise errors.DamagedEntity(what=fn.plain_text[:40] or fn.id)
    return {"body": json.dumps(body_to_list(fn.body), ensure_ascii=False)}


def footnote_from_row(row: dict) -> Footnote:
    """The footnote a row of ``footnotes`` holds, at the row's version (a damaged text as in
    :func:`section_from_row`)."""
    body, bad = read_body(row["body"])
    return Footnote(row["id"], body, row["version"], (bad,) if bad else ())


def report_content(report: Report) -> dict:
    """The content columns of the header row: header, closing, format profile."""
    return {
        "header": json.dumps(report.header.to_dict(), ensure_ascii=False),
        "closing": json.dumps(report.closing.to_dict(), ensure_ascii=False),
        "profile": report.profile,
    }


def report_from_row(row: dict) -> Report:
    """A report holding the header row's fields (no sections or footnotes yet). What cannot be
    read — the header or closing as a whole, one header field, the profile — is left at its
    default and named in ``damage``."""
    damage: list[Damage] = []
    data, bad = _json(row["header"], "header", dict)
    if bad is None:
        header, bad_fields = header_from_data(data)
        damage += bad_fields
    else:
        header = Header()
        damage.append(bad)
    closing = Closing()
    data, bad = _json(row["closing"], "closing", dict)
    if bad is None:
        try:
            closing = Closing.from_dict(data)
        except (AttributeError, TypeError, ValueError) as exc:
            bad = Damage("closing", BAD_SHAPE, str(exc)[:200], _text(row["closing"], "")[0])
    damage += [bad] if bad else []
    profile, bad = _text(row["profile"], "profile")
    if bad is not None:
        profile = Report().profile
        damage.append(bad)
    return Report(header=header, closing=closing, profile=profile, version=row["version"],
                  damage=tuple(damage))


# -- states: one entity's content, whatever its source (row, revision, merge) ------------------
def state_from_row(entity: str, row: dict) -> dict:
    """The state of an entity as its row holds it. Raises :class:`DamagedRow` when a part
    cannot be read (the caller keeps such a row as it is)."""
    if entity == "comment":
        return comment_state(row, bool(row["deleted"]))
    damage: list[Damage] = []

    def part(column: str, shape: type):
        value, bad = _json(row[column], column, shape)
        if bad is None and shape is list and not all(
                isinstance(v, dict if column == "body" else str) for v in value):
            bad = Damage(column, BAD_SHAPE, "unexpected items", _text(row[column], "")[0])
        if bad is not None:
            damage.append(bad)
            return shape()
        return value

    if entity == "section":
        title, bad = _text(row["title"], "title")
        damage += [bad] if bad else []
        state = {"kind": row["kind"], "parent_id": row["parent_id"],
                 "position": _number(row["position"], "position", 1e9)[0], "title": title,
                 "title_notes": part("title_notes", list), "body": part("body", list),
                 "deleted": bool(row["deleted"])}
    elif entity == "footnote":
        state = {"body": part("body", list), "deleted": bool(row["deleted"])}
    else:
        profile, bad = _text(row["profile"], "profile")
        damage += [bad] if bad else []
        state = {"header": part("header", dict), "closing": part("closing", dict),
                 "profile": profile, "deleted": False}
    if damage:
        raise DamagedRow(entity, row["id"], tuple(damage), state)
    return state


def is_damaged(entity: str, row: dict) -> bool:
    """Whether a part of the row cannot be read (see :func:`state_from_row`)."""
    try:
        state_from_row(entity, row)
    except DamagedRow:
        return True
    return False


def has_content(data: dict) -> bool:
    """Whether a revision snapshot holds content (a deletion or a revival holds none)."""
    return any(k != "merge_parents" for k in data)


def state_from_snapshot(entity: str, data: dict, deleted: bool) -> dict:
    """A state from a revision snapshot (which stores JSON columns as strings). A damaged
    snapshot gives what can be recovered of it (history shows it; nothing writes it back
    unless a person restores it)."""
    if entity == "comment":
        return comment_state(data, deleted)

    def body(key: str = "body") -> list:
        value, bad = _json(data.get(key, "[]"), key, list)
        if bad is None and all(isinstance(b, dict) for b in value):
            return value
        return body_to_list(read_body(data.get(key, "[]"), key)[0])

    def mapping(key: str) -> dict:
        value, bad = _json(data.get(key, "{}"), key, dict)
        return value if bad is None else {}

    if entity == "section":
        position = data.get("position", 0.0)
        return {"kind": data.get("kind", "section"), "parent_id": data.get("parent_id"),
                "position": position if isinstance(position, (int, float)) else 0.0,
                "title": _text(data.get("title", ""), "title")[0],
                "title_notes": id_list(data.get("title_notes", "[]"), "title_notes")[0],
                "body": body(), "deleted": deleted}
    if entity == "footnote":
        return {"body": body(), "deleted": deleted}
    return {"header": mapping("header"), "closing": mapping("closing"),
            "profile": _text(data.get("profile", ""), "profile")[0], "deleted": False}


def section_of_state(entity_id: str, state: dict) -> Section:
    """The section a state describes."""
    return Section(id=entity_id, title=state["title"], body=body_from_list(state["body"]),
                   parent_id=state["parent_id"], position=float(state["position"]),
                   kind=state["kind"], title_notes=list(state["title_notes"]))


def content_of_state(entity: str, entity_id: str, state: dict) -> dict:
    """The row's content columns (and the revision snapshot) of a state."""
    if entity == "comment":
        return {k: (int(state[k]) if k == "resolved" else state[k]) for k in COMMENT_COLUMNS}
    if entity == "section":
        return section_content(section_of_state(entity_id, state))
    if entity == "footnote":
        return {"body": json.dumps(body_to_list(body_from_list(state["body"])),
                                   ensure_ascii=False)}
    return {"header": json.dumps(state["header"], ensure_ascii=False),
            "closing": json.dumps(state["closing"], ensure_ascii=False),
            "profile": state["profile"]}


# -- revisions, conflicts, leases, a whole copy ----------------------------------------------------
REVISION_COLUMNS = ("id", "entity", "entity_id", "parent_id", "version", "author", "at",
                    "deleted", "data")


@dataclass
class Revision:
    """One saved state of a section, footnote or the header (``data``: its snapshot)."""

    id: str
    entity: str
    entity_id: str
    parent_id: str | None
    version: int
    author: str
    at: str
    deleted: bool
    data: dict
    damage: Damage | None = None  # its snapshot could not be read (``data`` is then empty)


def revision_from_row(row) -> Revision:
    """A revision from a row of ``REVISION_COLUMNS`` (a tuple or a dict); a snapshot that
    cannot be read leaves ``data`` empty and says why in ``damage``."""
    r = dict(zip(REVISION_COLUMNS, row, strict=True)) if not isinstance(row, dict) else row
    data, bad = _json(r["data"], "data", dict)
    return Revision(r["id"], r["entity"], r["entity_id"], r["parent_id"], r["version"],
                    r["author"] or "", r["at"], bool(r["deleted"]), data or {}, bad)


@dataclass
class ConflictRecord:
    """A conflict kept in the file for a person to decide (values decoded from JSON)."""

    id: str
    entity: str
    entity_id: str
    field: str
    mine: object
    theirs: object
    base: object
    source: str
    created_at: str
    resolved: int  # 0 open; 1 mine, 2 theirs, 3 both


def conflict_from_row(row: dict) -> ConflictRecord:
    """A row of ``conflicts`` with its JSON values decoded."""
    def value(text):
        return _json(text, "", object)[0] if text else None

    return ConflictRecord(row["id"], row["entity"], row["entity_id"], row["field"] or "",
                          value(row["mine"]), value(row["theirs"]), value(row["base"]),
                          row["source"] or "", row["created_at"], int(row["resolved"]))


@dataclass
class Lease:
    """One lease row: ``holder`` (a window) has the file open (``section_id`` empty) or edits a
    section, last renewed at ``heartbeat_at``."""

    holder: str
    section_id: str
    author: str
    host: str
    heartbeat_at: float


@dataclass
class CopyContents:
    """Everything a merge needs from another copy of the report, read in one snapshot."""

    path: Path
    rows: dict[str, list[dict]]  # entity kind → its rows
    revisions: list[tuple]  # rows of ``REVISION_COLUMNS``
    authors: list[tuple]  # (id, name, unit)


# -- comments (góp ý): a row per comment or reply, anchored on a block of a section --------------
COMMENT_COLUMNS = ("section_id", "block_id", "anchor_start", "anchor_end", "quote", "parent_id",
                   "author", "created_at", "text", "resolved")


def comment_state(data: dict, deleted: bool) -> dict:
    """The state of a comment from its row or a revision snapshot (the same columns)."""
    state = {k: data.get(k) for k in COMMENT_COLUMNS}
    state["resolved"] = bool(state["resolved"])
    state["anchor_start"] = int(state["anchor_start"] or 0)
    state["anchor_end"] = int(state["anchor_end"] or 0)
    for k in ("quote", "author", "text", "created_at", "block_id"):
        state[k] = state[k] or ""
    state["deleted"] = deleted
    return state

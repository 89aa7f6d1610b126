"""Matching the blocks of two or three versions of a body: by id, with content as the fallback.

Merge, rebase, history and conflict details work on bodies as stored (lists of block dicts).
A block keeps its id through edits and moves, so two versions are matched **by id**: an edited
paragraph is the same paragraph, a moved one is a move, two paragraphs that read the same are
still two. A block replaced in place by one with another id (a program that rewrote the
paragraph instead of editing it) counts as an edit of the block it replaced.

Where any version lacks ids (bodies and revisions written by 0.1.0) blocks are matched by their
content, as 0.1.0 did.

A table changed on both sides is merged cell by cell (:func:`merge_table`): its rows and columns
have ids, so a cell is named by (row id, column id) and two copies that changed different cells
merge cleanly; the same cell changed differently on both sides is a conflict on that cell.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"


def content_key(block: dict) -> str:
    """What a block says, its id left out: equal keys read the same."""
    return json.dumps({k: v for k, v in block.items() if k != "id"}, sort_keys=True,
                      ensure_ascii=False)


def has_ids(*bodies: Sequence[dict]) -> bool:
    """Every block of every body has an id, used once in its body."""
    for body in bodies:
        ids = [b.get("id") for b in body]
        if not all(isinstance(i, str) and i for i in ids) or len(set(ids)) != len(ids):
            return False
    return True


def _ids(body: Sequence[dict]) -> list[str]:
    return [b["id"] for b in body]


def _replaced(old: list[str], new: list[str]) -> dict[str, str]:
    """New id → old id for blocks that took the place of a block that is gone."""
    old_set, new_set = set(old), set(new)
    out: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "replace":
            gone = [k for k in old[i1:i2] if k not in new_set]
            came = [k for k in new[j1:j2] if k not in old_set]
            out.update(zip(came, gone, strict=False))
    return out


def _keys_against(old: list[str], new: list[str]) -> list[str]:
    """The ids of ``new`` with each block that replaced one of ``old`` in place named after it."""
    alias = _replaced(old, new)
    return [alias.get(k, k) for k in new]


def _unique(body: list[dict]) -> list[dict]:
    """``body`` with a later block that repeats an id given another one, derived from it."""
    seen: set[str] = set()
    out = []
    for block in body:
        bid = block.get("id")
        if isinstance(bid, str) and bid in seen:
            n = 1
            while (other := str(uuid.uuid5(uuid.NAMESPACE_URL, f"{bid}#{n}"))) in seen:
                n += 1
            block = {**block, "id": other}
            bid = other
        if isinstance(bid, str):
            seen.add(bid)
        out.append(block)
    return out


# -- two versions -------------------------------------------------------------------------------
def align_keys(left_ids: list[str] | None, left_keys: list[str], right_ids: list[str] | None,
               right_keys: list[str]) -> list[tuple[str, int | None, int | None]]:
    """:func:`align` on precomputed ids (None: not every block has one) and content keys."""
    rows: list[tuple[str, int | None, int | None]] = []
    by_id = left_ids is not None and right_ids is not None
    if by_id:
        a, b = left_ids, _keys_against(left_ids, right_ids)
    else:
        a, b = left_keys, right_keys
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend((SAME if left_keys[i1 + k] == right_keys[j1 + k] else CHANGED,
                         i1 + k, j1 + k) for k in range(i2 - i1))
            continue
        # by content, a replaced stretch pairs up as changed paragraphs; by id, blocks that
        # replaced others were paired above, and what is left was really removed or added
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" and not by_id else 0
        rows.extend((CHANGED, i1 + k, j1 + k) for k in range(pairs))
        rows.extend((REMOVED, i, None) for i in range(i1 + pairs, i2))
        rows.extend((ADDED, None, j) for j in range(j1 + pairs, j2))
    return rows


def _ids_or_none(body: Sequence[dict]) -> list[str] | None:
    return _ids(body) if has_ids(body) else None


def align(left: Sequence[dict], right: Sequence[dict]) -> list[tuple[str, int | None, int | None]]:
    """(same | changed | removed | added, index in ``left``, index in ``right``) for every block
    of two versions of a body, in reading order. A moved block is removed at its old place and
    added at its new one."""
    return align_keys(_ids_or_none(left), [content_key(b) for b in left],
                      _ids_or_none(right), [content_key(b) for b in right])


def differing(mine: Sequence[dict], theirs: Sequence[dict]) -> tuple[list[dict], list[dict]]:
    """The blocks of each version that the other does not have as they are (for showing a
    conflict: what is the same on both sides is left out)."""
    if has_ids(mine, theirs):
        keys_t = _keys_against(_ids(mine), _ids(theirs))
        mine_by_id = {b["id"]: content_key(b) for b in mine}
        theirs_by_key = {k: content_key(b) for k, b in zip(keys_t, theirs, strict=True)}
        only_m = [b for b in mine if theirs_by_key.get(b["id"]) != content_key(b)]
        only_t = [b for k, b in zip(keys_t, theirs, strict=True)
                  if mine_by_id.get(k) != content_key(b)]
        return only_m, only_t
    keys_m = {content_key(b) for b in mine}
    keys_t = {content_key(b) for b in theirs}
    return ([b for b in mine if content_key(b) not in keys_t],
            [b for b in theirs if content_key(b) not in keys_m])


def both_paragraphs(mine: list, theirs: list) -> list:
    """Mine and theirs side by side ("keep both"): where they differ, my blocks then theirs
    (theirs under a new id where the block is the same one)."""
    if has_ids(mine, theirs):
        a, b = _ids(mine), _keys_against(_ids(mine), _ids(theirs))
    else:
        a, b = [content_key(p) for p in mine], [content_key(p) for p in theirs]
    mine_at = {k: content_key(p) for k, p in zip(a, mine, strict=True)}
    out: list = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if content_key(mine[i]) == content_key(theirs[j]):
                    out.append(mine[i])
                    continue
                cells = both_cells(mine[i], theirs[j])
                out.extend([cells] if cells is not None else [mine[i], theirs[j]])
            continue
        out.extend(mine[i1:i2])
        # a block mine holds elsewhere as it is here is not repeated
        out.extend(p for k, p in zip(b[j1:j2], theirs[j1:j2], strict=True)
                   if mine_at.get(k) != content_key(p))
    return _unique(out)


def both_cells(mine: dict, theirs: dict) -> dict | None:
    """"Keep both" for two versions of one table that differ in what cells (and the caption)
    say, or where one has a row the other deleted: one table, each differing cell holding my
    paragraphs then theirs, every row either has (one version of a 300-row table is not
    doubled for a clash in one cell). None when they are not versions of the same grid
    (columns, merges or header rows differ, or each has rows the other lacks)."""
    if not (_is_table(mine) and _is_table(theirs)):
        return None
    gm, gt = _grid(mine), _grid(theirs)
    if (gm.cols, gm.col_attrs, gm.props["header_rows"]) != \
            (gt.cols, gt.col_attrs, gt.props["header_rows"]):
        return None
    wider = mine if set(gt.rows) <= set(gm.rows) else (
        theirs if set(gm.rows) <= set(gt.rows) else None)
    if wider is None:
        return None
    spans = lambda g, r: [(c or {}).get("rowspan", 1) if c is not None else None  # noqa: E731
                          for c in (g.cells[(r, cid)] for cid in g.cols)] + [
        (c or {}).get("colspan", 1) if c is not None else None
        for c in (g.cells[(r, cid)] for cid in g.cols)]
    both = [r for r in gm.rows if r in set(gt.rows)]
    if any(spans(gm, r) != spans(gt, r) for r in both):
        return None
    from .model import Table

    out = Table.from_dict(wider).to_dict()
    for row in out["rows"]:
        if row["id"] not in both:
            continue
        for k, cid in enumerate(gm.cols):
            m, t = gm.cells[(row["id"], cid)], gt.cells[(row["id"], cid)]
            if m is None or _key_of(m) == _key_of(t):
                continue
            blocks = [p for p in m["blocks"] if p.get("runs")] + [
                p for p in t["blocks"] if p.get("runs")]
            row["cells"][k] = {**m, "blocks": blocks or m["blocks"]}
    if _key_of(gm.props["caption"]) != _key_of(gt.props["caption"]) and gt.props["caption"]:
        out["caption"] = (gm.props["caption"] or []) + (
            [{"t": " / "}] if gm.props["caption"] else []) + gt.props["caption"]
    return out


# -- three versions -----------------------------------------------------------------------------
@dataclass
class BodyMerge:
    mine: list  # the merged body, this file's blocks where both sides collided
    theirs: list  # the same with the other copy's blocks there
    conflicts: list[tuple[int, int]]  # (first block, count) of each collision in ``mine``
    # table id → (row id, column id) of each cell both sides changed (see merge_table)
    cells: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def _edits(base: list[str], side: list[str], items: list) -> list[tuple[int, int, list]]:
    """(base start, base end, replacement) for every change from ``base`` to ``side``; a
    same-length replacement is split into one edit per block."""
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


def _clusters(base: list[str], mine: list[str], mine_items: list, theirs: list[str],
              theirs_items: list) -> list[list]:
    """The edits of both sides against ``base``, grouped where they touch each other."""
    edits = [(e, 0) for e in _edits(base, mine, mine_items)]
    edits += [(e, 1) for e in _edits(base, theirs, theirs_items)]
    edits.sort(key=lambda t: (t[0][0], t[0][1] != t[0][0], t[0][1], t[1]))
    clusters: list[list] = []
    for e in edits:
        if clusters and any(_touch(e[0], f[0]) for f in clusters[-1]):
            clusters[-1].append(e)
        else:
            clusters.append([e])
    return clusters


def _weave(first: list, second: list, key: Callable) -> list:
    """``first``, with the items of ``second`` that differ put in after it where they differ."""
    out = []
    sm = SequenceMatcher(None, [key(x) for x in first], [key(x) for x in second], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        out.extend(first[i1:i2])
        if tag != "equal":
            out.extend(second[j1:j2])
    return out


def merge_paragraphs(base: list, mine: list, theirs: list) -> BodyMerge:
    """Three-way merge of bodies (blocks as dicts): by id when every version has ids,
    otherwise by content."""
    if has_ids(base, mine, theirs):
        return _merge_by_id(base, mine, theirs)
    return _merge_by_content(base, mine, theirs)


def _merge_by_content(base: list, mine: list, theirs: list) -> BodyMerge:
    """0.1.0's merge: a diff3 over the blocks' content keys."""
    keys = [content_key(p) for p in base]
    keys_m = [content_key(p) for p in mine]
    # where mine reads as the base, take my blocks (they may carry ids the base lacks)
    base = list(base)
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, keys, keys_m, autojunk=False).get_opcodes():
        if tag == "equal":
            base[i1:i2] = mine[j1:j1 + i2 - i1]
    out_m, out_t, spots = [], [], []
    pos = 0
    for cluster in _clusters(keys, keys_m, mine, [content_key(p) for p in theirs], theirs):
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
        elif [content_key(p) for p in chunk_m] == [content_key(p) for p in chunk_t]:
            chunk_t = chunk_m
        elif all(e[0] == e[1] for e, _ in cluster):
            # both only added blocks at the same place: keep both, in an order that does
            # not depend on which copy is merged into which
            first, second = sorted((chunk_m, chunk_t), key=lambda c: [content_key(p) for p in c])
            chunk_m = chunk_t = _weave(first, second, content_key)
        else:
            spots.append((len(out_m), max(len(chunk_m), 1)))
        out_m.extend(chunk_m)
        out_t.extend(chunk_t)
        pos = hi
    out_m.extend(base[pos:])
    out_t.extend(base[pos:])
    return BodyMerge(_unique(out_m), _unique(out_t), spots)


def _with_ghosts(base: list[str], side: list[str]) -> list[str]:
    """``side`` with each base block it deleted put back where it stood (after the block that
    preceded it), so that the order merge sees only moves and insertions."""
    present = set(side)
    out = list(side)
    prev: str | None = None
    for k in base:
        if k not in present:
            out.insert(out.index(prev) + 1 if prev is not None else 0, k)
        prev = k
    return out


def _merge_order(base: list[str], mine: list[str], theirs: list[str],
                 content: Callable[[str], str]) -> list[str]:
    """The merged reading order of the blocks of all three versions (deleted ones included):
    a diff3 of the id sequences. Where both sides reordered the same stretch, mine's order
    wins and theirs' other blocks follow; a block both sides moved stays where I put it."""
    gm, gt = _with_ghosts(base, mine), _with_ghosts(base, theirs)
    placed: list[tuple[str, str]] = []  # (id, who placed it there: b | m | t)
    dropped: set[str] = set()  # added on both sides with the same text: kept once
    pos = 0
    for cluster in _clusters(base, gm, gm, gt, gt):
        lo = min(e[0][0] for e in cluster)
        hi = max(e[0][1] for e in cluster)
        placed.extend((k, "b") for k in base[pos:lo])
        chunk_m = _apply(base, lo, hi, [e for e, side in cluster if side == 0])
        chunk_t = _apply(base, lo, hi, [e for e, side in cluster if side == 1])
        sides = {side for _, side in cluster}
        if sides == {1}:
            placed.extend((k, "t") for k in chunk_t)
        elif sides == {0} or chunk_m == chunk_t:
            placed.extend((k, "m") for k in chunk_m)
        elif all(e[0] == e[1] for e, _ in cluster):
            # both added blocks at the same place: both stay, in an order that does not depend
            # on which copy is merged into which (the same text added on both sides once)
            groups = sorted(((chunk_m, "m"), (chunk_t, "t")),
                            key=lambda g: [content(k) for k in g[0]])
            (first, who1), (second, who2) = groups
            woven = _weave(first, second, content)
            placed.extend((k, who1 if k in first else who2) for k in woven)
            dropped.update(set(second) - set(woven))
        else:
            mine_set = set(chunk_m)
            placed.extend((k, "m" if k in mine_set else "t")
                          for k in _weave(chunk_m, chunk_t, lambda k: k))
        pos = hi
    placed.extend((k, "b") for k in base[pos:])
    # a block both sides moved to different places: keep one place, not theirs when I placed it
    keep: dict[str, int] = {}
    for i, (k, who) in enumerate(placed):
        if k not in keep or (placed[keep[k]][1] == "t" and who != "t"):
            keep[k] = i
    return [k for i, (k, _) in enumerate(placed) if keep[k] == i and k not in dropped]


def _merge_by_id(base: list, mine: list, theirs: list) -> BodyMerge:
    """Content per block id (an edit on one side lands; both sides changing one block
    differently, or one deleting what the other edited, is a conflict on that block), order by
    a diff3 of the id sequences."""
    b_ids = _ids(base)
    km = _keys_against(b_ids, _ids(mine))
    kt = _keys_against(b_ids, _ids(theirs))
    by_b = dict(zip(b_ids, base, strict=True))
    by_m = dict(zip(km, mine, strict=True))
    by_t = dict(zip(kt, theirs, strict=True))
    pick_m: dict[str, dict | None] = {}
    pick_t: dict[str, dict | None] = {}
    clashes: set[str] = set()
    cells: dict[str, list[tuple[str, str]]] = {}
    contents: dict[str, str] = {}
    for k in dict.fromkeys([*b_ids, *km, *kt]):
        b, m, t = by_b.get(k), by_m.get(k), by_t.get(k)
        cb, cm, ct = (content_key(x) if x is not None else None for x in (b, m, t))
        contents[k] = cm or ct or cb or ""
        if cm == ct:  # the same on both sides (or deleted on both)
            pick = m
        elif b is not None and cm == cb:  # only theirs changed (or deleted) it
            pick = t
        elif b is not None and ct == cb:  # only mine
            pick = m
        elif b is None and (m is None or t is None):  # added on one side
            pick = m if t is None else t
        elif _is_table(b) and _is_table(m) and _is_table(t):  # both changed a table: per cell
            table = merge_table(b, m, t)
            if table.clashes:
                pick_m[k], pick_t[k] = table.mine, table.theirs
                clashes.add(k)
                cells[k] = table.clashes
                continue
            pick = table.mine
        else:
            pick_m[k], pick_t[k] = m, t
            clashes.add(k)
            continue
        pick_m[k] = pick_t[k] = pick
    order = _merge_order(b_ids, km, kt, contents.__getitem__)
    out_m: list[dict] = []
    out_t: list[dict] = []
    spots: list[tuple[int, int]] = []
    for k in order:
        if k in clashes:
            spots.append((len(out_m), 1))
        if pick_m[k] is not None:
            out_m.append(pick_m[k])
        if pick_t[k] is not None:
            out_t.append(pick_t[k])
    return BodyMerge(_unique(out_m), _unique(out_t), spots, cells)


# -- tables: merge and compare per cell -----------------------------------------------------------
TABLE = "table"
_ABSENT = None  # a row or column a version does not have


def _is_table(block: dict | None) -> bool:
    return isinstance(block, dict) and block.get("kind") == TABLE


@dataclass
class _Grid:
    """A stored table taken apart: its properties, column and row ids in order, each
    column's attributes and each cell (None where a merged cell covers the place), all as
    content keys for comparing and as dicts for building."""

    props: dict[str, object]
    cols: list[str]
    rows: list[str]
    col_attrs: dict[str, dict]
    cells: dict[tuple[str, str], dict | None]


def _grid(block: dict) -> _Grid:
    from .model import Table  # the model makes the grid whole before it is compared

    whole = Table.from_dict(block).to_dict()
    cols = [c["id"] for c in whole["cols"]]
    rows = [r["id"] for r in whole["rows"]]
    cells = {(r["id"], cid): cell for r in whole["rows"]
             for cid, cell in zip(cols, r["cells"], strict=True)}
    props = {k: whole.get(k) for k in ("header_rows", "caption")}
    return _Grid(props, cols, rows, {c["id"]: c for c in whole["cols"]}, cells)


def _key_of(value) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)


def _three(b: str | None, m: str | None, t: str | None) -> tuple[str | None, str | None, bool]:
    """(mine's pick, theirs' pick, clash?) of three content keys (None: absent)."""
    if m == t:
        return m, m, False
    if b is not None and m == b:
        return t, t, False
    if b is not None and t == b:
        return m, m, False
    if b is None and (m is None or t is None):
        one = m if t is None else t
        return one, one, False
    return m, t, True


_COVERED = "covered"  # the key of a place a merged cell covers


def _cell_key(grid: _Grid, row: str, col: str) -> str | None:
    if (row, col) not in grid.cells:
        return _ABSENT
    cell = grid.cells[(row, col)]
    return _COVERED if cell is None else _key_of(cell)


@dataclass
class TableMerge:
    mine: dict  # the merged table, this file's cells where both sides collided
    theirs: dict  # the same with the other copy's cells there
    clashes: list[tuple[str, str]]  # (row id, column id) of each cell changed on both sides;
    # ("", column id) for a column's width or alignment, ("", "") for the caption or header rows


def merge_table(base: dict, mine: dict, theirs: dict) -> TableMerge:
    """Three-way merge of one table, cell by cell: cells, rows and columns changed on one
    side land; a cell changed differently on both sides (or changed on one side and deleted
    with its row or column on the other) is a clash on that cell, the only place where
    ``mine`` and ``theirs`` differ. Rows and columns keep the order of a diff3 of their ids."""
    from .model import Cell, Table

    gb, gm, gt = _grid(base), _grid(mine), _grid(theirs)
    clashes: list[tuple[str, str]] = []
    out_m: dict = {"kind": TABLE, "id": mine.get("id", base.get("id"))}
    out_t: dict = dict(out_m)
    for name in ("header_rows", "caption"):
        pm, pt, clash = _three(*(_key_of(g.props[name]) for g in (gb, gm, gt)))
        for out, pick in ((out_m, pm), (out_t, pt)):
            if pick is not None:
                out[name] = json.loads(pick)
        if clash:
            clashes.append(("", ""))

    empty = _key_of(Cell().to_dict())

    def changed_in(grid: _Grid, *, row: str | None = None, col: str | None = None) -> bool:
        """Whether ``grid`` changed a cell of this row (or column) from the base (where the
        base has no such cell, whether it wrote in the new one)."""
        places = ([(row, c) for c in grid.cols] if row is not None
                  else [(r, col) for r in grid.rows])
        return any(_cell_key(grid, *p) != (_cell_key(gb, *p) or empty) for p in places)

    def lines(kind: str) -> tuple[list[str], list[str]]:
        """The merged order of rows (or columns) on each side."""
        ids_b, ids_m, ids_t = (getattr(g, kind) for g in (gb, gm, gt))
        keep_m: list[str] = []
        keep_t: list[str] = []
        for k in _merge_order(ids_b, ids_m, ids_t, lambda k: k):
            on = [k in getattr(g, kind) for g in (gb, gm, gt)]
            if kind == "cols":
                keys = [_key_of(g.col_attrs[k]) if present else None
                        for g, present in zip((gb, gm, gt), on, strict=True)]
            else:
                keys = ["row" if present else None for present in on]
            pm, pt, clash = _three(*keys)
            in_b, in_m, in_t = on
            if in_b and in_m != in_t:
                # gone on one side: a clash when the other side changed one of its cells
                kept = gm if in_m else gt
                if changed_in(kept, **({"row": k} if kind == "rows" else {"col": k})):
                    pm, pt, clash = keys[1], keys[2], True
            if clash:
                clashes.append(("", k) if kind == "cols" else (k, ""))
            if pm is not None:
                keep_m.append(k)
            if pt is not None:
                keep_t.append(k)
        return keep_m, keep_t

    rows_m, rows_t = lines("rows")
    cols_m, cols_t = lines("cols")
    picks_m: dict[tuple[str, str], str | None] = {}
    picks_t: dict[tuple[str, str], str | None] = {}
    for row in dict.fromkeys([*rows_m, *rows_t]):
        for col in dict.fromkeys([*cols_m, *cols_t]):
            pm, pt, clash = _three(*(_cell_key(g, row, col) for g in (gb, gm, gt)))
            picks_m[(row, col)], picks_t[(row, col)] = pm, pt
            if clash and (row, col) not in clashes and (row, "") not in clashes \
                    and ("", col) not in clashes:
                clashes.append((row, col))

    def build(out: dict, rows: list[str], cols: list[str], picks: dict) -> dict:
        attrs = {**gb.col_attrs, **{k: v for g in (gt, gm) for k, v in g.col_attrs.items()}}
        out["cols"] = [attrs[c] for c in cols]
        out["rows"] = [{"id": r, "cells": [None if picks[(r, c)] in (None, _COVERED)
                                           else json.loads(picks[(r, c)]) for c in cols]}
                       for r in rows]
        # a place no side fills (a new row meets a new column) gets an empty cell; a merged
        # cell that now reaches a cell gives it room, never drops it
        return Table.from_dict(out).to_dict()

    return TableMerge(build(out_m, rows_m, cols_m, picks_m),
                      build(out_t, rows_t, cols_t, picks_t), clashes)


@dataclass
class CellChange:
    kind: str  # same | changed | added | removed
    row: int | None  # 1-based place on the left, else on the right
    col: int | None
    left: dict | None  # the cell's dict on each side (None: not there, or covered)
    right: dict | None


def compare_cells(left: dict, right: dict) -> list[CellChange]:
    """Two versions of a table cell by cell, rows and columns matched by id, in reading
    order of the right-hand version (then what only the left has)."""
    gl, gr = _grid(left), _grid(right)
    out: list[CellChange] = []
    places = [(r, c) for r in gr.rows for c in gr.cols]
    places += [(r, c) for r in gl.rows for c in gl.cols if (r, c) not in gr.cells]
    for r, c in places:
        a, b = gl.cells.get((r, c)), gr.cells.get((r, c))
        if a is None and b is None:
            continue
        kind = (ADDED if a is None else REMOVED if b is None
                else SAME if _key_of(a) == _key_of(b) else CHANGED)
        grid = gr if (r, c) in gr.cells else gl
        out.append(CellChange(kind, grid.rows.index(r) + 1, grid.cols.index(c) + 1, a, b))
    return out

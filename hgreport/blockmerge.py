"""Matching the blocks of two or three versions of a body: by id, with content as the fallback.

Merge, rebase, history and conflict details work on bodies as stored (lists of block dicts).
A block keeps its id through edits and moves, so two versions are matched **by id**: an edited
paragraph is the same paragraph, a moved one is a move, two paragraphs that read the same are
still two. A block replaced in place by one with another id (a program that rewrote the
paragraph instead of editing it) counts as an edit of the block it replaced.

Where any version lacks ids (bodies and revisions written by 0.1.0) blocks are matched by their
content, as 0.1.0 did.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
                out.append(mine[i])
                if content_key(mine[i]) != content_key(theirs[j]):
                    out.append(theirs[j])
            continue
        out.extend(mine[i1:i2])
        # a block mine holds elsewhere as it is here is not repeated
        out.extend(p for k, p in zip(b[j1:j2], theirs[j1:j2], strict=True)
                   if mine_at.get(k) != content_key(p))
    return _unique(out)


# -- three versions -----------------------------------------------------------------------------
@dataclass
class BodyMerge:
    mine: list  # the merged body, this file's blocks where both sides collided
    theirs: list  # the same with the other copy's blocks there
    conflicts: list[tuple[int, int]]  # (first block, count) of each collision in ``mine``


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
    return BodyMerge(_unique(out_m), _unique(out_t), spots)

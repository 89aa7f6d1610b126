"""Bringing back a reviewed Word file (``hgreport import REVIEWED.docx --into FILE``, File →
"Nhập bản góp ý…").

The file was exported from this report, sent out, edited in Word and returned. Its stamp
(:func:`hgreport.review.drafts.export_stamp`) names the report and the revision of every
section and footnote it was made from — the base of a three-way merge per paragraph:

* what the reviewer typed directly (the file with its tracked changes rejected) is merged
  against the base: a paragraph the office has not touched since takes the reviewer's text, as
  a revision by the reviewer; a paragraph both changed differently becomes a conflict in the
  file's conflict list (``hgreport conflicts``); footnotes edited or added come along;
* Word's tracked changes (``w:ins`` / ``w:del``) become suggestions to accept or reject
  (:mod:`hgreport.review.suggestions`);
* Word's comments become comments on their paragraph.

Sections are matched by their titles in order (the stamp's base, or today's text for a file
without a stamp). A file from another report is refused; a file brought in before changes
nothing the second time. The result says what came in and what could not be placed."""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from lxml import etree

from ..blockmerge import ADDED, CHANGED, REMOVED, SAME, align_keys, content_key, merge_paragraphs
from ..i18n import pick
from ..importer import import_docx
from ..layout.text import upper
from ..merge import reconcile
from ..model import Footnote, Paragraph, Report, Section, block_from_dict, body_to_list, new_id
from ..storage import ReportStore
from ..text import fold, shorten
from .comments import add_comment
from .drafts import STAMP_PREFIX, report_at
from .errors import ReviewedFromOtherReport
from .tracked import resolved_copy
from .wordread import WordParagraph, read_comments, read_paragraphs, read_stamp

_TEXT = {
    # key: (Vietnamese, English)
    "title": ("Nhập bản góp ý “{path}” của {who}.", "Brought in the review “{path}” by {who}."),
    "already": ("Tệp này đã được nhập trước đây; không có gì thay đổi.",
                "This file was brought in before; nothing changed."),
    "no_stamp": ("Tệp không có dấu xuất từ hgreport: các mục được đối chiếu theo tiêu đề, so "
                 "với nội dung hiện nay.",
                 "The file carries no hgreport stamp: sections were matched by their titles, "
                 "against today's text."),
    "paragraphs": ("Đoạn văn đã cập nhật theo góp ý: {n} (trong {sections} mục)",
                   "Paragraphs updated from the review: {n} (in {sections} sections)"),
    "footnotes": ("Chú thích sửa hoặc thêm: {n}", "Footnotes edited or added: {n}"),
    "suggestions": ("Đề xuất sửa (theo dõi thay đổi) chờ chấp nhận/từ chối: {n}",
                    "Suggested changes (tracked) to accept or reject: {n}"),
    "comments": ("Góp ý đã gắn vào đoạn văn: {n}", "Comments placed on their paragraph: {n}"),
    "conflicts": ("Xung đột cần quyết định (cả văn phòng và người góp ý cùng sửa): {n}",
                  "Conflicts to decide (both the office and the reviewer changed it): {n}"),
    "unplaced": ("Không đặt được vào báo cáo: {n}", "Could not be placed: {n}"),
    "nothing": ("Không có thay đổi nào so với bản đã gửi.",
                "Nothing differs from the file that was sent."),
    "new_section": ("mục “{title}” (mới trong tệp Word)", "section “{title}” (new in the file)"),
    "gone_section": ("mục “{title}” (đã xóa trong báo cáo)",
                     "section “{title}” (deleted in the report)"),
    "comment_unplaced": ("góp ý của {who}: “{text}”", "comment by {who}: “{text}”"),
    "suggestion_unplaced": ("đề xuất của {who}: “{text}”", "suggestion by {who}: “{text}”"),
}


def _t(key: str, lang: str | None, **args) -> str:
    return pick(_TEXT, key, lang, **args)


def _short(text: str, n: int = 60) -> str:
    return shorten(text, n)


@dataclass
class ReviewResult:
    """What a reviewed file brought in."""

    source: str
    reviewer: str
    stamped: bool = True
    already: bool = False
    paragraphs: int = 0
    sections: int = 0
    footnotes: int = 0
    suggestions: int = 0
    comments: int = 0
    conflicts: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.paragraphs or self.footnotes or self.suggestions or self.comments
                    or self.conflicts)

    def to_dict(self) -> dict:
        return {"source": self.source, "reviewer": self.reviewer, "stamped": self.stamped,
                "already": self.already, "paragraphs": self.paragraphs,
                "sections": self.sections, "footnotes": self.footnotes,
                "suggestions": self.suggestions, "comments": self.comments,
                "conflicts": len(self.conflicts), "unplaced": list(self.unplaced)}

    def summary_lines(self, lang: str | None = None) -> list[str]:
        out = [_t("title", lang, path=Path(self.source).name, who=self.reviewer or "?")]
        if self.already:
            return out + [_t("already", lang)]
        if not self.stamped:
            out.append(_t("no_stamp", lang))
        if not self.changed and not self.unplaced:
            return out + [_t("nothing", lang)]
        out.append(_t("paragraphs", lang, n=self.paragraphs, sections=self.sections))
        for key in ("footnotes", "suggestions", "comments"):
            out.append(_t(key, lang, n=getattr(self, key)))
        out.append(_t("conflicts", lang, n=len(self.conflicts)))
        if self.unplaced:
            out.append(_t("unplaced", lang, n=len(self.unplaced)))
            out.extend(f"  • {u}" for u in self.unplaced)
        return out


# -- comparing paragraphs: what they say, whatever the round trip through Word did ----------------
def _norm(text: str) -> str:
    return " ".join(text.split())


def runs_key(block: dict) -> str:
    """A block's content for matching: a paragraph's runs (merged, footnote marks kept), not
    its alignment, which a round trip through Word may change."""
    if block.get("kind", "paragraph") != "paragraph":
        return content_key(block)
    p = Paragraph.from_dict(block).normalized()
    return json.dumps([r.to_dict() for r in p.runs], ensure_ascii=False, sort_keys=True)


def with_base_ids(base: list[dict], theirs: list[dict]) -> list[dict]:
    """``theirs`` (read back from Word, with ids of its own) laid against ``base``: a block
    that reads the same is base's block as it is; a changed one takes base's id and
    paragraph settings with its own runs; a new one keeps its own id."""
    rows = align_keys(None, [runs_key(b) for b in base], None, [runs_key(b) for b in theirs])
    out: list[dict] = []
    for state, i, j in rows:
        if state == SAME:
            out.append(base[i])
        elif state == CHANGED:
            b, t = base[i], theirs[j]
            if b.get("kind", "paragraph") == "paragraph" == t.get("kind", "paragraph"):
                out.append({**b, "runs": t.get("runs", [])})
            else:
                out.append({**t, "id": b["id"]})
        elif state == ADDED:
            out.append(theirs[j])
    return out


def _map_footnotes(base: Report, theirs: Report) -> dict[str, str]:
    """Footnote id read back → the report's id (a new id for a footnote the reviewer added),
    by aligning the footnotes' texts in reference order."""
    b_order = [f for f in base.footnote_numbers() if f in base.footnotes]
    t_order = [f for f in theirs.footnote_numbers() if f in theirs.footnotes]
    bk = [_norm(base.footnotes[f].plain_text) for f in b_order]
    tk = [_norm(theirs.footnotes[f].plain_text) for f in t_order]
    mapping: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, bk, tk, autojunk=False).get_opcodes():
        pairs = (i2 - i1) if tag == "equal" else min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            mapping[t_order[j1 + k]] = b_order[i1 + k]
        for j in range(j1 + pairs, j2):
            mapping[t_order[j]] = new_id()
    return mapping


def _mapped_body(section: Section, mapping: dict[str, str]) -> list[dict]:
    def change(fid: str) -> str:
        return mapping.get(fid, fid)

    return body_to_list([b.map_refs(change) for b in section.body])


def _title_key(title: str) -> str:
    return fold(_norm(title)).lower()


def match_sections(base: Report, theirs: Report) -> tuple[list[tuple[Section, Section]],
                                                          list[Section]]:
    """(base section, section read back) pairs, by title in reading order; and the sections
    read back that match none."""
    pairs = [(base.intro, theirs.intro), (base.ending, theirs.ending)]
    bs, ts = base.ordered_sections(), theirs.ordered_sections()
    bk, tk = [_title_key(s.title) for s in bs], [_title_key(s.title) for s in ts]
    left: list[Section] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, bk, tk, autojunk=False).get_opcodes():
        n = (i2 - i1) if tag == "equal" else min(i2 - i1, j2 - j1) if tag == "replace" else 0
        pairs.extend((bs[i1 + k], ts[j1 + k]) for k in range(n))
        left.extend(ts[j1 + n:j2])
    return pairs, left


def _reviewer(path: Path, paragraphs: list[WordParagraph], comments) -> str:
    """Who reviewed the file: Word's "last modified by", else the author of most of its
    tracked changes and comments."""
    try:
        with zipfile.ZipFile(path) as zf:
            core = etree.fromstring(zf.read("docProps/core.xml"))
        found = core.findtext(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships/metadata/"
            "core-properties}lastModifiedBy") or core.findtext(
            "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
            "lastModifiedBy") or ""
    except (KeyError, OSError, zipfile.BadZipFile, etree.LxmlError):
        found = ""
    if _norm(found) and _norm(found).lower() != "hgreport":
        return _norm(found)
    authors = Counter(c.author for p in paragraphs for c in p.changes if c.author)
    authors.update(c.author for c in comments if c.author)
    return authors.most_common(1)[0][0] if authors else ""


# -- bringing it in --------------------------------------------------------------------------------
class _BringBack:
    def __init__(self, store: ReportStore, path: Path, reviewer: str, result: ReviewResult,
                 base: Report, direct: Report, proposed: Report):
        self.store = store
        self.path = path
        self.reviewer = reviewer
        self.result = result
        self.base = base
        self.direct = direct
        self.proposed = proposed
        self.fmap = _map_footnotes(base, direct)
        self.pmap = _map_footnotes(base, proposed)
        self.applied: dict[str, list[dict]] = {}  # section id → its body after the merge

    def _conflict(self, entity: str, eid: str, merged, base_body: list[dict]) -> None:
        self.result.conflicts.append(self.store.add_conflict(
            entity, eid, "body", merged.mine, merged.theirs,
            {"body": base_body, "at": merged.conflicts}, str(self.path)))

    def sections(self) -> None:
        pairs, left = match_sections(self.base, self.direct)
        for sec in left:
            if sec.body or sec.title:
                self.result.unplaced.append(_t("new_section", None, title=_short(sec.title)))
        for base_sec, theirs_sec in pairs:
            self._section(base_sec, theirs_sec)

    def _section(self, base_sec: Section, theirs_sec: Section) -> None:
        store, result = self.store, self.result
        state = store.entity_state("section", base_sec.id)
        base_body = body_to_list(base_sec.body)
        theirs_body = with_base_ids(base_body, _mapped_body(theirs_sec, self.fmap))
        if state is None or state["deleted"]:
            if [runs_key(b) for b in theirs_body] != [runs_key(b) for b in base_body]:
                result.unplaced.append(_t("gone_section", None, title=_short(base_sec.title)))
            return
        merged = merge_paragraphs(base_body, state["body"], theirs_body)
        title = state["title"]
        theirs_title = _norm(theirs_sec.title)
        if theirs_title and upper(theirs_title) != upper(_norm(base_sec.title)) \
                and state["title"] == base_sec.title:
            title = theirs_title
        new = {**state, "body": merged.mine, "title": title}
        self.applied[base_sec.id] = merged.mine
        if new != state:
            mine_keys = {content_key(b) for b in state["body"]}
            result.paragraphs += sum(1 for b in merged.mine if content_key(b) not in mine_keys)
            result.sections += 1
            store.put_state("section", base_sec.id, new, author=self.reviewer)
        if merged.conflicts:
            self._conflict("section", base_sec.id, merged, base_body)

    def footnotes(self) -> None:
        store, result = self.store, self.result
        referenced = {r.get("fn") for body in self.applied.values() for b in body
                      for r in b.get("runs", []) if isinstance(r, dict)}
        known = set(self.base.footnotes)
        for their_id, our_id in self.fmap.items():
            theirs = self.direct.footnotes.get(their_id)
            if theirs is None:
                continue
            body = body_to_list(theirs.body)
            if our_id not in known:  # a footnote the reviewer added
                if our_id in referenced and store.entity_row("footnote", our_id) is None:
                    store.add_footnote(Footnote(our_id, [block_from_dict(b) for b in body]))
                    result.footnotes += 1
                continue
            base_body = body_to_list(self.base.footnotes[our_id].body)
            if [runs_key(b) for b in body] == [runs_key(b) for b in base_body]:
                continue
            state = store.entity_state("footnote", our_id)
            if state is None or state["deleted"]:
                continue
            merged = merge_paragraphs(base_body, state["body"], with_base_ids(base_body, body))
            if merged.mine != state["body"]:
                store.put_state("footnote", our_id, {**state, "body": merged.mine},
                                author=self.reviewer)
                result.footnotes += 1
            if merged.conflicts:
                self._conflict("footnote", our_id, merged, base_body)

    def suggestions(self, raw: list[WordParagraph]) -> None:
        """Tracked changes: where the file with its changes accepted differs from it with them
        rejected, a suggestion on the paragraph as it now is in the report."""
        d_pairs, _ = match_sections(self.base, self.direct)
        p_pairs, _ = match_sections(self.base, self.proposed)
        direct_of = {b.id: t for b, t in d_pairs}
        changes = {}
        for p in raw:
            for key in (_norm(p.accepted), _norm(p.rejected)):
                if key and p.changes:
                    changes.setdefault(key, p.changes[0])
        items = []
        for base_sec, prop_sec in p_pairs:
            body = self.applied.get(base_sec.id)
            if body is None or base_sec.id not in direct_of:
                continue
            direct = _mapped_body(direct_of[base_sec.id], self.fmap)
            proposed = _mapped_body(prop_sec, self.pmap)
            by_key = {runs_key(b): b for b in body}
            rows = align_keys(None, [runs_key(b) for b in direct], None,
                              [runs_key(b) for b in proposed])
            previous = ""
            for state, i, j in rows:
                before = direct[i] if i is not None else None
                after = proposed[j] if j is not None else None
                if state == SAME:
                    previous = by_key.get(runs_key(before), {}).get("id", previous)
                    continue
                if before is not None:
                    target = by_key.get(runs_key(before))
                    if target is None:
                        self.result.unplaced.append(_t(
                            "suggestion_unplaced", None, who=self.reviewer,
                            text=_short(_block_text(after or before))))
                        continue
                    kind = "replace" if state == CHANGED else "delete"
                    block_id = target["id"]
                else:
                    kind, block_id, target = "insert", previous, None
                text = _norm(_block_text(after)) if after else _norm(_block_text(before))
                change = changes.get(text)
                if kind == "replace" and "runs" in target and "runs" in after:
                    offered = {**target, "runs": after["runs"]}  # the paragraph's settings stay
                else:
                    offered = after if state != REMOVED else None
                items.append({
                    "id": new_id(), "section_id": base_sec.id, "block_id": block_id,
                    "kind": kind, "base": target, "proposed": offered,
                    "author": (change.author if change else "") or self.reviewer,
                    "at": change.date if change else "", "source": str(self.path)})
                if before is not None:
                    previous = block_id
        if items:
            self.store.add_suggestions(items)
            self.result.suggestions += len(items)

    def comments(self, found) -> None:
        blocks = [(sid, b) for sid, body in self.applied.items() for b in body
                  if b.get("kind", "paragraph") == "paragraph"]
        texts = [(sid, b, _norm(_block_text(b))) for sid, b in blocks]
        for c in found:
            para = _norm(c.paragraph)
            spot = next(((sid, b) for sid, b, t in texts if para and t == para), None)
            if spot is None and para:
                scored = [(SequenceMatcher(None, t, para, autojunk=False).ratio(), sid, b)
                          for sid, b, t in texts if t and abs(len(t) - len(para)) < 200]
                best = max(scored, key=lambda s: s[0], default=None)
                if best and best[0] >= 0.8:
                    spot = (best[1], best[2])
            if spot is None or not c.text:
                self.result.unplaced.append(_t("comment_unplaced", None,
                                               who=c.author or self.reviewer,
                                               text=_short(c.text)))
                continue
            sid, block = spot
            plain = _block_text(block)
            start = plain.find(c.quote) if c.quote else -1
            start, end = (start, start + len(c.quote)) if start >= 0 else (0, len(plain))
            add_comment(self.store, sid, block["id"], start, end, c.text,
                        author=c.author or self.reviewer)
            self.result.comments += 1


def _block_text(block: dict | None) -> str:
    return block_from_dict(block).text if block else ""


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _base_of(store: ReportStore, stamp: dict[str, str]) -> Report | None:
    """The report as it was exported (None without a usable stamp)."""
    try:
        stamped = json.loads(stamp.get(STAMP_PREFIX + "revisions", "") or "{}")
    except ValueError:
        return None
    if not isinstance(stamped, dict) or not stamped:
        return None
    found = store.revisions_by_id([str(v) for v in stamped.values()])
    revisions = {eid: (found[rev].entity, rev) for eid, rev in stamped.items() if rev in found}
    if not revisions:
        return None
    return report_at(store, revisions)


def bring_back(store: ReportStore, path: str | Path, author: str | None = None) -> ReviewResult:
    """Bring the reviewed Word file ``path`` into the report (one transaction). ``author``:
    the reviewer's name (default: from the file). Raises :class:`ReviewedFromOtherReport` and
    the importer's errors for a file that cannot be read."""
    path = Path(path)
    stamp = read_stamp(path)  # refuses a file that is not a sound Word file
    identity = stamp.get(STAMP_PREFIX + "report", "")
    if identity and identity != store.report_identity():
        raise ReviewedFromOtherReport(path=str(path))
    raw = read_paragraphs(path)
    word_comments = read_comments(path)
    reviewer = _norm(author or "") or _reviewer(path, raw, word_comments) or store.author
    result = ReviewResult(str(path), reviewer)
    digest = _digest(path)
    if store.review_import(digest) is not None:
        result.already = True
        return result
    with tempfile.TemporaryDirectory(prefix="hgreport-review-") as work:
        direct = import_docx(resolved_copy(path, Path(work) / "direct.docx", False)).report
        proposed = import_docx(resolved_copy(path, Path(work) / "proposed.docx", True)).report
    with store.transaction():
        base = _base_of(store, stamp) if identity else None
        result.stamped = base is not None
        if base is None:
            base = store.load_report()
        run = _BringBack(store, path, reviewer, result, base, direct, proposed)
        run.sections()
        run.footnotes()
        run.suggestions(raw)
        run.comments(word_comments)
        reconcile(store, author=reviewer)
        store.add_review_import(digest, str(path), reviewer, result.to_dict())
    return result

"""Reading back what a Word file says about review: the stamp an export left in its custom
properties, and the paragraphs with their tracked changes (``w:ins`` / ``w:del``) — today's
text as it reads with every change accepted, and as it read with every change rejected.

The file is opened through the importer's safe reader (:func:`hgreport.importer.container.
open_word_package`: size caps, damaged and non-Word files refused); this module only reads
the elements the importer leaves aside."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..export.ooxml import W_NS
from ..export.package import CUSTOM_PARTNAME, read_custom_properties
from ..importer.container import open_word_package

W = f"{{{W_NS}}}"
MAX_PROPERTIES_BYTES = 1024 * 1024  # the stamp is a few kB; anything far larger is not ours


@dataclass
class TrackedChange:
    """One insertion or deletion of a reviewer."""

    kind: str  # ins | del
    author: str
    date: str
    text: str


@dataclass
class WordParagraph:
    """A body paragraph of a Word file with its tracked changes."""

    accepted: str  # the text with every change accepted
    rejected: str  # the text with every change rejected
    mark: str = ""  # "ins" / "del": the paragraph itself was inserted / deleted
    changes: list[TrackedChange] = field(default_factory=list)

    @property
    def in_accepted(self) -> bool:
        return not (self.mark == "del" and not self.accepted)

    @property
    def in_rejected(self) -> bool:
        return not (self.mark == "ins" and not self.rejected)


def read_stamp(path: str | Path) -> dict[str, str]:
    """The custom properties of a Word file (empty when it has none)."""
    open_word_package(path)  # refuses what is not a sound Word file, with the importer's words
    with zipfile.ZipFile(path) as zf:
        try:
            info = zf.getinfo(CUSTOM_PARTNAME.lstrip("/"))
        except KeyError:
            return {}
        if info.file_size > MAX_PROPERTIES_BYTES:
            return {}
        try:
            return read_custom_properties(zf.read(info))
        except etree.LxmlError:
            return {}


def _paragraph(p: etree._Element) -> WordParagraph:
    accepted: list[str] = []
    rejected: list[str] = []
    changes: list[TrackedChange] = []
    mark = ""
    rpr = p.find(f"{W}pPr/{W}rPr")
    if rpr is not None:
        if rpr.find(f"{W}ins") is not None:
            mark = "ins"
        elif rpr.find(f"{W}del") is not None:
            mark = "del"
    for el in p.iter(f"{W}ins", f"{W}del"):
        if el.getparent() is rpr:
            continue
        text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
        changes.append(TrackedChange(el.tag[len(W):], el.get(f"{W}author") or "",
                                     el.get(f"{W}date") or "", text))
    for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br"):
        inside = {a.tag for a in el.iterancestors(f"{W}ins", f"{W}del")}
        piece = el.text or "" if el.tag in (f"{W}t", f"{W}delText") else (
            "\t" if el.tag == f"{W}tab" else "\n")
        if el.tag == f"{W}delText" or f"{W}del" in inside:
            rejected.append(piece)
        elif f"{W}ins" in inside:
            accepted.append(piece)
        else:
            accepted.append(piece)
            rejected.append(piece)
    return WordParagraph("".join(accepted), "".join(rejected), mark, changes)


def read_paragraphs(path: str | Path) -> list[WordParagraph]:
    """The body paragraphs of a Word file (those in tables included), in reading order."""
    package = open_word_package(path)
    body = package.document.find(f"{W}body")
    if body is None:
        return []
    return [_paragraph(p) for p in body.iter(f"{W}p")]


def footnote_paragraphs(path: str | Path) -> dict[str, list[WordParagraph]]:
    """Footnote id → its paragraphs with their tracked changes (separators left out)."""
    package = open_word_package(path)
    out: dict[str, list[WordParagraph]] = {}
    if package.footnotes is None:
        return out
    for note in package.footnotes.iter(f"{W}footnote"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        out[note.get(f"{W}id") or ""] = [_paragraph(p) for p in note.iter(f"{W}p")]
    return out


@dataclass
class WordComment:
    """A Word comment: who, when, what, and the paragraph and text it is on (the paragraph's
    text with tracked changes rejected: what the reviewer typed directly)."""

    id: str
    author: str
    date: str
    text: str
    paragraph: str = ""
    quote: str = ""


def _rejected_pieces(p: etree._Element):
    """(element, text) of a paragraph in its rejected view, in order."""
    for el in p.iter(f"{W}t", f"{W}delText", f"{W}tab", f"{W}br", f"{W}commentRangeStart",
                     f"{W}commentRangeEnd"):
        if el.tag in (f"{W}commentRangeStart", f"{W}commentRangeEnd"):
            yield el, ""
            continue
        if any(a.tag == f"{W}ins" for a in el.iterancestors()):
            continue
        yield el, (el.text or "") if el.tag in (f"{W}t", f"{W}delText") else (
            "\t" if el.tag == f"{W}tab" else "\n")


def read_comments(path: str | Path) -> list[WordComment]:
    """The Word comments of a file, each with the paragraph and the text it is on (a comment
    whose range is not found keeps an empty paragraph)."""
    package = open_word_package(path)
    with zipfile.ZipFile(path) as zf:
        try:
            info = zf.getinfo("word/comments.xml")
        except KeyError:
            return []
        if info.file_size > MAX_PROPERTIES_BYTES * 8:
            return []
        try:
            notes = etree.fromstring(zf.read(info))
        except etree.LxmlError:
            return []
    found: dict[str, WordComment] = {}
    for c in notes.iter(f"{W}comment"):
        cid = c.get(f"{W}id") or ""
        text = "\n".join("".join(t.text or "" for t in p.iter(f"{W}t"))
                         for p in c.iter(f"{W}p")).strip()
        found[cid] = WordComment(cid, c.get(f"{W}author") or "", c.get(f"{W}date") or "", text)
    body = package.document.find(f"{W}body")
    for p in (body.iter(f"{W}p") if body is not None else ()):
        text: list[str] = []
        open_at: dict[str, int] = {}
        ended: list[str] = []
        for el, piece in _rejected_pieces(p):
            cid = el.get(f"{W}id") or ""
            if el.tag == f"{W}commentRangeStart" and cid in found:
                open_at[cid] = len("".join(text))
            elif el.tag == f"{W}commentRangeEnd" and cid in open_at:
                found[cid].quote = "".join(text)[open_at.pop(cid):]
                ended.append(cid)
            text.append(piece)
        whole = "".join(text)
        for cid, start in open_at.items():  # a range that runs past its paragraph
            found[cid].quote = whole[start:]
            ended.append(cid)
        for cid in ended:
            found[cid].paragraph = whole
    return list(found.values())

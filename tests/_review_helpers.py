"""Making a reviewed Word file the way a reviewer's Word leaves it: words typed directly,
tracked changes (w:ins / w:del), comments, and their name as "last modified by"."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DATE = "2026-12-01T09:30:00Z"


def _paragraph(body, prefix: str):
    for p in body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        if " ".join(text.split()).startswith(" ".join(prefix.split())) and prefix.strip():
            return p
    raise AssertionError(f"no paragraph starts with {prefix!r}")


def _split_run(p, word: str):
    """Split the run holding ``word`` into (before, the word, after) runs; returns the three
    (before/after may be None)."""
    for t in p.iter(f"{W}t"):
        if t.text and word in t.text:
            run = t.getparent()
            head, _, tail = t.text.partition(word)
            out = []
            for piece in (head, word, tail):
                if not piece:
                    out.append(None)
                    continue
                r = copy.deepcopy(run)
                for old in r.findall(f"{W}t"):
                    r.remove(old)
                nt = etree.SubElement(r, f"{W}t")
                nt.text = piece
                nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                out.append(r)
            at = run.getparent().index(run)
            parent = run.getparent()
            parent.remove(run)
            for k, r in enumerate(x for x in out if x is not None):
                parent.insert(at + k, r)
            return out
    raise AssertionError(f"no run holds {word!r}")


def make_reviewed(source: Path, target: Path, *, reviewer: str = "Trưởng ban Tuyên giáo",
                  direct: list[tuple[str, str, str]] = (),
                  tracked: list[tuple[str, str, str]] = (),
                  comments: list[tuple[str, str, str]] = (),
                  notes: list[tuple[str, str, str]] = ()) -> Path:
    """``direct``: (paragraph start, old, new) typed over; ``tracked``: (paragraph start, old,
    new) as a tracked deletion and insertion; ``comments``: (paragraph start, quote, text);
    ``notes``: (footnote start, old, new) typed over in a footnote."""
    with zipfile.ZipFile(source) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    if notes:
        foot = etree.fromstring(parts["word/footnotes.xml"])
        for prefix, old, new in notes:
            p = _paragraph(foot, prefix)
            _, word, _ = _split_run(p, old)
            word.find(f"{W}t").text = new
        parts["word/footnotes.xml"] = etree.tostring(foot, xml_declaration=True,
                                                     encoding="UTF-8", standalone=True)
    doc = etree.fromstring(parts["word/document.xml"])
    body = doc.find(f"{W}body")
    for prefix, old, new in direct:
        p = _paragraph(body, prefix)
        _, word, _ = _split_run(p, old)
        word.find(f"{W}t").text = new
    change = 1000
    for prefix, old, new in tracked:
        p = _paragraph(body, prefix)
        _, word, _ = _split_run(p, old)
        change += 1
        dele = etree.Element(f"{W}del", {f"{W}id": str(change), f"{W}author": reviewer,
                                          f"{W}date": _DATE})
        word.addprevious(dele)
        dele.append(word)
        word.find(f"{W}t").tag = f"{W}delText"
        change += 1
        ins = etree.Element(f"{W}ins", {f"{W}id": str(change), f"{W}author": reviewer,
                                         f"{W}date": _DATE})
        r = copy.deepcopy(word)
        r.find(f"{W}delText").tag = f"{W}t"
        r.find(f"{W}t").text = new
        ins.append(r)
        dele.addnext(ins)
    notes = []
    for cid, (prefix, quote, text) in enumerate(comments):
        p = _paragraph(body, prefix)
        _, word, _ = _split_run(p, quote)
        word.addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": str(cid)}))
        word.addnext(etree.Element(f"{W}commentRangeEnd", {f"{W}id": str(cid)}))
        ref = etree.SubElement(etree.Element(f"{W}r"), f"{W}commentReference",
                               {f"{W}id": str(cid)}).getparent()
        word.getnext().addnext(ref)
        notes.append(f'<w:comment w:id="{cid}" w:author="{reviewer}" w:date="{_DATE}">'
                     f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:comment>")
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    if notes:
        parts["word/comments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments '
            f'xmlns:w="{W_NS}">{"".join(notes)}</w:comments>').encode()
        rels = parts["word/_rels/document.xml.rels"].decode()
        rels = rels.replace("</Relationships>", (
            '<Relationship Id="rIdReview1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/comments" Target="comments.xml"/>'
            "</Relationships>"))
        parts["word/_rels/document.xml.rels"] = rels.encode()
        types = parts["[Content_Types].xml"].decode().replace("</Types>", (
            '<Override PartName="/word/comments.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'))
        parts["[Content_Types].xml"] = types.encode()
    core = etree.fromstring(parts["docProps/core.xml"])
    last = core.find(f"{CP}lastModifiedBy")
    if last is None:
        last = etree.SubElement(core, f"{CP}lastModifiedBy")
    last.text = reviewer
    parts["docProps/core.xml"] = etree.tostring(core, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target

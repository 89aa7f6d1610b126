"""A reviewed Word file with its tracked changes all accepted or all rejected, written as a
copy, so that the importer (which reads a document as it reads) can read either view: the
rejected view holds what the reviewer typed directly, the accepted view adds what they proposed
as tracked changes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..export.ooxml import W_NS
from ..importer.container import open_word_package

W = f"{{{W_NS}}}"
_PARTS = ("word/document.xml", "word/footnotes.xml")


def _unwrap(el: etree._Element) -> None:
    """Put an element's children in its place."""
    parent = el.getparent()
    if parent is None:
        return
    at = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(at, child)
    parent.remove(el)


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def resolve_changes(root: etree._Element, accept: bool) -> None:
    """Accept (or reject) every tracked change of a part, in place."""
    gone, kept = (("del", "moveFrom"), ("ins", "moveTo")) if accept else \
        (("ins", "moveTo"), ("del", "moveFrom"))
    # table rows inserted (rejected) or deleted (accepted) go whole
    for tr in list(root.iter(f"{W}tr")):
        if tr.find(f"{W}trPr/{W}{gone[0]}") is not None:
            _drop(tr)
    for tbl in list(root.iter(f"{W}tbl")):
        if tbl.find(f"{W}tr") is None:  # every row gone: the table too
            _drop(tbl)
    # paragraphs whose mark was inserted (rejected) or deleted (accepted) and that hold no
    # text of their own any more disappear with their mark
    for p in list(root.iter(f"{W}p")):
        mark = p.find(f"{W}pPr/{W}rPr/{W}{gone[0]}")
        if mark is not None:
            text_left = [t for t in p.iter(f"{W}t", f"{W}delText")
                         if not any(a.tag in (f"{W}{g}" for g in gone)
                                    for a in t.iterancestors())]
            if accept:
                text_left = [t for t in text_left if t.tag == f"{W}t"]
            if not "".join(t.text or "" for t in text_left).strip():
                _drop(p)
    for tag in gone:  # with what they hold (a mark in a run's properties goes alone)
        for el in list(root.iter(f"{W}{tag}")):
            _drop(el)
    for tag in kept:
        for el in list(root.iter(f"{W}{tag}")):
            if el.getparent() is not None and el.getparent().tag == f"{W}rPr":
                _drop(el)
            else:
                _unwrap(el)
    if not accept:
        for el in root.iter(f"{W}delText"):
            el.tag = f"{W}t"
    for el in list(root.iter(f"{W}rPrChange", f"{W}pPrChange")):
        _drop(el)


def resolved_copy(source: str | Path, target: str | Path, accept: bool) -> Path:
    """Write ``target``: ``source`` with every tracked change accepted (or rejected)."""
    open_word_package(source)  # a sound Word file, with the importer's limits and messages
    target = Path(target)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w",
                                                         zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in _PARTS:
                root = etree.fromstring(data)
                resolve_changes(root, accept)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)
            zout.writestr(info, data)
    return target

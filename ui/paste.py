"""Pasted HTML from Word or LibreOffice: bring its footnotes along.

Word marks a reference ``<a href="#_ftn1">[1]</a>`` and puts the note in ``<div id="ftn1">``;
LibreOffice writes ``<a class="sdfootnoteanc" href="#sdfootnote1sym">`` and
``<div id="sdfootnote1">``. The anchors become placeholder characters that survive Qt's HTML
import; the notes are taken out of the text and returned as HTML of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree
from lxml import html as lxml_html

from hgreport.model import Paragraph, Run

_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: no real text holds them
_TOKEN = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
_ANCHOR_KEY = re.compile(r"^#?_?(ftn\d+|sdfootnote\d+)(?:sym)?$")  # in the text
_BACK_LINK = re.compile(r"^#?_?(ftnref\d+|sdfootnote\d+anc)$")  # in the note, to the text
_NOTE_ID = re.compile(r"^(ftn\d+|sdfootnote\d+)$")


def split_footnotes(source: str) -> tuple[str, dict[str, str]]:
    """(HTML with each footnote anchor replaced by a placeholder, note key → note HTML).
    HTML without footnotes comes back unchanged."""
    if "ftn" not in source and "sdfootnote" not in source:
        return source, {}
    try:
        root = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return source, {}
    notes: dict[str, str] = {}
    for div in root.xpath("//div[@id]"):
        key = div.get("id")
        if not _NOTE_ID.match(key or ""):
            continue
        for back in div.xpath(".//a[@href]"):
            if _BACK_LINK.match(back.get("href", "")):
                back.drop_tree()  # the note's own number linking back to the text
        notes[key] = "".join(lxml_html.tostring(child, encoding="unicode") for child in div)
        div.drop_tree()
    if not notes:
        return source, {}
    for anchor in root.xpath("//a[@href]"):
        m = _ANCHOR_KEY.match(anchor.get("href", ""))
        if m and m.group(1) in notes:
            placeholder = etree.Element("span")
            placeholder.text = f"{_OPEN}{m.group(1)}{_CLOSE}"
            placeholder.tail = anchor.tail
            anchor.getparent().replace(anchor, placeholder)
    return lxml_html.tostring(root, encoding="unicode"), notes


def attach_footnotes(body: list[Paragraph], make_footnote) -> list[Paragraph]:
    """Replace placeholders in ``body`` by references; ``make_footnote(key)`` returns the id
    of the footnote made for a note (or None to drop the mark). Paragraphs keep their ids."""
    out = []
    for para in body:
        runs: list[Run] = []
        for run in para.runs:
            if run.footnote or _OPEN not in run.text:
                runs.append(run)
                continue
            pos = 0
            for m in _TOKEN.finditer(run.text):
                if m.start() > pos:
                    runs.append(Run(run.text[pos:m.start()], run.marks))
                fid = make_footnote(m.group(1))
                if fid:
                    runs.append(Run.ref(fid))
                pos = m.end()
            if pos < len(run.text):
                runs.append(Run(run.text[pos:], run.marks))
        text_runs = [r if r.footnote else Run(r.text.replace(_OPEN, "").replace(_CLOSE, ""),
                                               r.marks) for r in runs]
        out.append(replace(para, runs=text_runs).normalized())
    return out

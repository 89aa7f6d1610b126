"""Reports as JSON: the format of the shipped templates and sample, and the structured seed format.

Two shapes are read:

* **hgreport JSON** (``"format": "hgreport-report"``): ``header``, ``closing``, ``intro``,
  ``sections`` (each ``title``, optional ``notes``, ``body``, ``children``), ``ending`` and
  ``footnotes`` (key → paragraphs). A paragraph is either a block dict (``{"runs": [...]}``;
  any kind of block, one this version does not know kept as it is) or a string in a light
  markup: ``**bold**``, ``*italic*``, ``__underline__``, ``^{sup}``,
  ``_{sub}`` and ``[^key]`` for a footnote reference.
* **structured report JSON** as extracted from real reports (``intro``, ``sections`` with
  ``number``/``title``/``paragraphs``/``children``, ``closing``, ``recipients``, ``signature``,
  ``footnotes`` as a list; references written ``[^N]``; no other markup).

Footnote keys and block ids in a file are local: every load gives footnotes and blocks fresh
ids.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from . import errors
from .model import (
    KIND_ENDING,
    KIND_INTRO,
    Block,
    Closing,
    Footnote,
    Header,
    Paragraph,
    Report,
    Run,
    Section,
    block_from_dict,
    body_to_list,
    new_id,
)
from .text import clean

FORMAT_NAME = "hgreport-report"
FORMAT_VERSION = 1

_TOKEN = re.compile(r"\*\*(.+?)\*\*|__(.+?)__|\*(.+?)\*|\^\{(.+?)\}|_\{(.+?)\}|\[\^([^\]\s]+)\]")
_REF_ONLY = re.compile(r"\[\^([^\]\s]+)\]")


def parse_inline(text: str, footnote_ids: dict[str, str], markup: bool = True) -> Paragraph:
    """A paragraph from one line of light markup; ``footnote_ids`` maps file keys to ids
    (a new key gets a new id)."""
    runs: list[Run] = []
    pattern = _TOKEN if markup else _REF_ONLY
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            runs.append(Run.of(text[pos:m.start()]))
        key = m.group(m.lastindex)
        if m.re is _REF_ONLY or m.lastindex == 6:
            runs.append(Run.ref(footnote_ids.setdefault(key, new_id())))
        else:
            mark = {1: "b", 2: "u", 3: "i", 4: "sup", 5: "sub"}[m.lastindex]
            runs.append(Run.of(key, mark))
        pos = m.end()
    if pos < len(text):
        runs.append(Run.of(text[pos:]))
    return Paragraph(runs).normalized()


def _block(item, footnote_ids: dict[str, str], markup: bool) -> Block:
    """A block from a dict (any kind, a new id: ids are local to a report file) or a line of
    light markup."""
    if isinstance(item, dict):
        block = block_from_dict(item).map_refs(lambda key: footnote_ids.setdefault(key, new_id()))
        return replace(block, id=new_id())
    return parse_inline(clean(str(item)), footnote_ids, markup)


def _body(items, footnote_ids, markup) -> list[Block]:
    return [_block(i, footnote_ids, markup) for i in items or []]


def report_from_data(data: dict) -> Report:
    """A :class:`Report` from either JSON shape (see the module text)."""
    sections = data.get("sections") or []
    seed = "signature" in data or (bool(sections) and "paragraphs" in sections[0])
    markup = not seed
    fids: dict[str, str] = {}
    report = Report()
    h = dict(data.get("header", {}))
    if seed:
        date = h.pop("date", {}) or {}
        h.update(day=date.get("day"), month=date.get("month"), year=date.get("year"))
        h["type_name"] = h.pop("doc_type", "BÁO CÁO")
        sig = data.get("signature", {})
        closing = {"recipients": data.get("recipients", []), "authority": sig.get("authority", ""),
                   "position": sig.get("position", ""), "signer": sig.get("name", "")}
    else:
        closing = data.get("closing", {})
    report.header = Header.from_dict(h)
    report.closing = Closing.from_dict(closing)
    report.profile = data.get("profile", report.profile)
    report.intro = Section(kind=KIND_INTRO, body=_body(data.get("intro"), fids, markup))
    ending = data.get("closing") if seed else data.get("ending")
    report.ending = Section(kind=KIND_ENDING, body=_body(ending, fids, markup))

    def add(items, parent_id):
        for pos, item in enumerate(items or [], start=1):
            body_key = "paragraphs" if seed else "body"
            notes = [fids.setdefault(k, new_id()) for k in item.get("notes", [])]
            sec = Section(title=item.get("title", ""), parent_id=parent_id, position=float(pos),
                          body=_body(item.get(body_key), fids, markup), title_notes=notes)
            report.sections.append(sec)
            add(item.get("children"), sec.id)

    add(data.get("sections"), None)

    notes = data.get("footnotes", {})
    if isinstance(notes, list):  # seed: footnote N is notes[N-1]
        notes = {str(i): paras for i, paras in enumerate(notes, start=1)}
    for key, paras in notes.items():
        if isinstance(paras, str):
            paras = [paras]
        fid = fids.setdefault(str(key), new_id())
        report.footnotes[fid] = Footnote(fid, _body(paras, fids, markup))
    # references to keys the file never defines stay as references: `check` reports them
    return report


def load_report_json(path: str | Path) -> Report:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise errors.FileMissing(path=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise errors.BadJSON(path=str(path), detail=str(exc)) from None
    if not isinstance(data, dict):
        raise errors.BadJSON(path=str(path), detail="not an object")
    return report_from_data(data)


def report_to_data(report: Report) -> dict:
    """The report in hgreport JSON (lossless: paragraphs as block dicts, footnotes by id).
    Block ids are left out: like footnote keys they are local to a report file, and a load
    gives fresh ones."""

    def blocks(body):
        return body_to_list(body, ids=False)

    def tree(parent_id):
        return [{"title": s.title, "notes": list(s.title_notes), "body": blocks(s.body),
                 "children": tree(s.id)} for s in report.children_of(parent_id)]

    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "profile": report.profile,
        "header": report.header.to_dict(),
        "closing": report.closing.to_dict(),
        "intro": blocks(report.intro.body),
        "sections": tree(None),
        "ending": blocks(report.ending.body),
        "footnotes": {fid: blocks(f.body) for fid, f in report.footnotes.items()},
    }

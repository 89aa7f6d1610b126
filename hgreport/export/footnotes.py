"""The footnotes part (``word/footnotes.xml``), added on python-docx's OPC layer.

python-docx has no footnote API. This module writes the part Word expects: the separator
(id -1) and continuation separator (id 0) notes, then one ``w:footnote`` per number, each
paragraph in the built-in "footnote text" style and the mark as ``w:footnoteRef`` in the
"footnote reference" style, so Word numbers, places and restyles them itself. The separators
set their own indent and spacing: they must not inherit the body's first-line indent."""

from __future__ import annotations

from collections.abc import Iterable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from ..model import Footnote, Paragraph
from .ooxml import FOOTNOTE_REF_STYLE, FOOTNOTE_TEXT_STYLE, JC, NSDECL, paragraph, runs_xml

PARTNAME = "/word/footnotes.xml"
SEPARATOR_ID = -1
CONTINUATION_ID = 0

_SEPARATOR_PPR = ('<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                  '<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>')
SEPARATORS = (
    f'<w:footnote w:type="separator" w:id="{SEPARATOR_ID}"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    f'<w:footnote w:type="continuationSeparator" w:id="{CONTINUATION_ID}"><w:p>{_SEPARATOR_PPR}'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
)
_MARK = (f'<w:r><w:rPr><w:rStyle w:val="{FOOTNOTE_REF_STYLE}"/></w:rPr><w:footnoteRef/></w:r>'
         '<w:r><w:t xml:space="preserve"> </w:t></w:r>')


def _no_nested_reference(_footnote_id: str) -> str:
    """Word allows no footnote inside a footnote: such a reference is left out."""
    return ""


def footnote_xml(note_id: int, note: Footnote | None) -> str:
    """One ``w:footnote``: the mark opens its first paragraph; a missing or empty footnote
    keeps its number (so the numbers stay those the editor shows) with an empty text."""
    paragraphs: list[Paragraph] = list(note.body) if note else []
    if not paragraphs:
        paragraphs = [Paragraph()]
    out = [f'<w:footnote w:id="{note_id}">']
    for i, p in enumerate(paragraphs):
        jc = f'<w:jc w:val="{JC[p.align]}"/>' if p.align else ""
        props = f'<w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT_STYLE}"/>{jc}</w:pPr>'
        content = runs_xml(p.runs, _no_nested_reference)
        out.append(paragraph(props, (_MARK if i == 0 else "") + content))
    out.append("</w:footnote>")
    return "".join(out)


def footnotes_xml(notes: Iterable[tuple[int, Footnote | None]]) -> str:
    """The whole part: separators, then the notes in number order."""
    body = "".join(footnote_xml(n, note) for n, note in notes)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:footnotes {NSDECL}>{SEPARATORS}{body}</w:footnotes>")


def add_footnotes_part(document_part, xml: str) -> Part:
    """Attach ``xml`` as the footnotes part of ``document_part`` (python-docx's DocumentPart)."""
    part = Part(PackURI(PARTNAME), CT.WML_FOOTNOTES, xml.encode("utf-8"), document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part

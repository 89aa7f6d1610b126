"""The document's styles from the format profile: body text, headings, footnotes, header.

Word's built-in style names are used ("Body Text", "heading 1", "footnote text",
"footnote reference", "header") so that a clerk can restyle every paragraph of a kind at once,
and so that Word's navigation pane shows the headings. "Normal" stays plain (Times New Roman, no
indent, single spacing): table cells, the footnote separator and the header inherit nothing of
the body's first-line indent or exact line spacing."""

from __future__ import annotations

from ..layout.profile import ParagraphStyle, Profile
from ..numbering import Numbering
from .ooxml import FOOTNOTE_REF_STYLE, FOOTNOTE_TEXT_STYLE, JC, NSDECL, esc_attr, mm, pt

BODY_STYLE = "BodyText"
HEADER_STYLE = "Header"
MAX_HEADING_LEVEL = 9


def heading_style(level: int) -> str:
    return f"Heading{min(max(level, 1), MAX_HEADING_LEVEL)}"


def _size(size_pt: float) -> str:
    hp = round(size_pt * 2)
    return f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>'


_LINE_RULE = {"exact": "exact", "at_least": "atLeast"}


def spacing_xml(spec: ParagraphStyle) -> str:
    before = pt(spec.space_before_pt)
    after = pt(spec.space_after_pt)
    if spec.line_spacing == "single":
        line = 'w:line="240" w:lineRule="auto"'
    else:
        line = (f'w:line="{pt(spec.line_spacing_pt)}" '
                f'w:lineRule="{_LINE_RULE[spec.line_spacing]}"')
    return f'<w:spacing w:before="{before}" w:after="{after}" {line}/>'


def paragraph_style(style_id: str, name: str, ppr: str, rpr: str = "", *, based_on: str = "Normal",
                     next_style: str | None = None, ui_priority: int | None = None,
                     q_format: bool = True) -> str:
    parts = [f'<w:style w:type="paragraph" w:styleId="{style_id}">',
             f'<w:name w:val="{esc_attr(name)}"/>', f'<w:basedOn w:val="{based_on}"/>']
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    if q_format:
        parts.append("<w:qFormat/>")
    parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def styles_xml(profile: Profile, heading_levels: int = 4, tables: bool = False) -> str:
    """styles.xml for ``profile``; heading styles 1 … ``heading_levels`` (at most 9); the
    table text and caption styles when the document has ``tables``."""
    font = profile.font.name
    color = profile.font.color
    body = profile.body
    notes = profile.footnotes
    headings = profile.headings
    numbering = Numbering.from_profile(profile)
    page_number = profile.page_number
    fonts = (f'<w:rFonts w:ascii="{esc_attr(font)}" w:hAnsi="{esc_attr(font)}" '
             f'w:eastAsia="{esc_attr(font)}" w:cs="{esc_attr(font)}"/>')
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles {NSDECL}>',
        "<w:docDefaults><w:rPrDefault><w:rPr>", fonts, f'<w:color w:val="{color}"/>',
        _size(body.size_pt), '<w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>',
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        '<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" '
        'w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376"/>',
        # Normal: plain text, the base of everything else
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        "<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    ]
    body_ppr = (spacing_xml(body) + f'<w:ind w:firstLine="{mm(body.first_line_indent_mm)}"/>'
                f'<w:jc w:val="{JC[body.align]}"/>')
    out.append(paragraph_style(BODY_STYLE, "Body Text", body_ppr, next_style=BODY_STYLE,
                                ui_priority=99))
    heading_ppr_common = (spacing_xml(body) + f'<w:ind w:firstLine="{mm(headings.indent_mm)}"/>'
                          f'<w:jc w:val="{JC[body.align]}"/>')
    for level in range(1, min(max(heading_levels, 1), MAX_HEADING_LEVEL) + 1):
        st = numbering.level_style(level)
        rpr = ("<w:b/><w:bCs/>" if st.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
        rpr += "<w:i/><w:iCs/>" if st.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>'
        if st.caps:
            rpr += "<w:caps/>"
        ppr = ("<w:keepNext/><w:keepLines/>" + heading_ppr_common
               + f'<w:outlineLvl w:val="{level - 1}"/>')
        out.append(paragraph_style(heading_style(level), f"heading {level}", ppr, rpr,
                                    based_on=BODY_STYLE, next_style=BODY_STYLE, ui_priority=9))
    note_ppr = (spacing_xml(notes)
                + f'<w:ind w:left="0" w:firstLine="{mm(notes.first_line_indent_mm)}"/>'
                f'<w:jc w:val="{JC[notes.align]}"/>')
    out.append(paragraph_style(FOOTNOTE_TEXT_STYLE, "footnote text", note_ppr,
                                _size(notes.size_pt), ui_priority=99, q_format=False))
    out.append(f'<w:style w:type="character" w:styleId="{FOOTNOTE_REF_STYLE}">'
               '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>'
               '<w:uiPriority w:val="99"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
               "</w:style>")
    header_ppr = f'<w:jc w:val="{JC[page_number.align]}"/>'
    out.append(paragraph_style(HEADER_STYLE, "header", header_ppr, _size(page_number.size_pt),
                                ui_priority=99, q_format=False))
    if tables:
        from .tables import table_styles_xml

        out.append(table_styles_xml(profile))
    out.append("</w:styles>")
    return "".join(out)

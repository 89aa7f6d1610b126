"""Test files for the DOCX import, made from a report in several ways, and ways to compare.

- :func:`build_docx` — plain python-docx: the header and closing as borderless tables or as
  plain paragraphs, headings as ordinary numbered paragraphs (or Word heading styles), real
  footnotes in a ``footnotes.xml`` part written here (python-docx has no footnote API).
- :func:`report_markdown` + :func:`pandoc_docx` — pandoc's markdown with footnotes → DOCX.
- :func:`libreoffice_resave` — the python-docx file opened and saved again by LibreOffice.
- :func:`markdown_as_people_write` + :func:`pandoc_docx`, or :func:`title_heading_docx` — a
  report "converted from Markdown": the type line a Heading 1, the parts "I." Heading 2 …
- :func:`soffice_convert` — a file saved by LibreOffice as .doc, .odt or .rtf;
  :func:`fake_soffice` — a stand-in for LibreOffice that hangs, crashes or writes nonsense.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from hgreport.interchange import load_report_json
from hgreport.model import Paragraph, Report, Table, walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile, template_path

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "report-2023.json"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def numbering(suffix_1: str = ".") -> Numbering:
    levels = list(load_profile().headings.levels)
    levels[0] = replace(levels[0], suffix=suffix_1)
    return Numbering(levels)


def seed_report() -> Report:
    return load_report_json(SEED)


def sample_report() -> Report:
    return load_report_json(template_path("sample"))


# -- comparing ------------------------------------------------------------------------------
def _para_view(p, numbers: dict[str, int], with_marks: bool) -> tuple:
    if isinstance(p, Table):  # a table: caption, header rows, widths kept out, each cell
        return ("table", p.header_rows, [c.align for c in p.columns],
                _para_view(Paragraph(p.caption), numbers, with_marks),
                [[None if c is None else (c.row_span, c.col_span,
                                          [_para_view(q, numbers, with_marks)
                                           for q in c.paragraphs])
                  for c in row.cells] for row in p.rows])
    out = []
    for r in p.normalized().runs:
        if r.footnote:
            out.append(("fn", numbers.get(r.footnote)))
        elif with_marks:
            out.append((r.text, r.marks))
        else:
            out.append(r.text)
    if not with_marks:  # plain text with the footnote numbers in place
        return tuple(x if isinstance(x, str) else f"[^{x[1]}]" for x in out)
    return tuple(out)


def view(report: Report, with_marks: bool = False) -> dict:
    """Everything a reader sees, with derived numbers instead of ids: comparable between two
    reports whose ids differ."""
    num = numbering()
    numbers = report.footnote_numbers()

    def body(sec):
        return [_para_view(p, numbers, with_marks) for p in sec.body]

    return {
        "intro": body(report.intro),
        "sections": [(n.number, n.level, n.section.title,
                      [numbers.get(f) for f in n.section.title_notes], body(n.section))
                     for n in walk_tree(report.tree(num))],
        "ending": body(report.ending),
        "footnotes": [[_para_view(p, numbers, with_marks) for p in fn.body]
                      for _, fn, _ in report.footnotes_in_order()],
    }


def assert_same_report(original, imported, *, marks: bool = False) -> None:
    want, got = view(original, marks), view(imported, marks)
    assert [s[:4] for s in got["sections"]] == [s[:4] for s in want["sections"]]
    for w, g in zip(want["sections"], got["sections"], strict=True):
        assert g == w, f"section {w[0]} {w[2]}"
    assert got["intro"] == want["intro"]
    assert got["ending"] == want["ending"]
    assert len(got["footnotes"]) == len(want["footnotes"])
    for n, (w, g) in enumerate(zip(want["footnotes"], got["footnotes"], strict=True), start=1):
        assert g == w, f"footnote {n}"
    assert imported.header == original.header
    assert imported.closing == original.closing


# -- python-docx ----------------------------------------------------------------------------
def _add_runs(paragraph, runs, refs: dict[str, int]) -> None:
    for r in runs:
        if r.footnote:
            wid = refs.setdefault(r.footnote, len(refs) + 1)
            paragraph._p.append(parse_xml(
                f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{wid}"/></w:r>'))
            continue
        run = paragraph.add_run(r.text)
        run.bold = "b" in r.marks or None
        run.italic = "i" in r.marks or None
        run.underline = "u" in r.marks or None
        if "sup" in r.marks:
            run.font.superscript = True
        if "sub" in r.marks:
            run.font.subscript = True


def _line(container, text: str, bold=False, italic=False, underline=False, center=True,
          first: bool = False):
    p = container.paragraphs[0] if first else container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _date_line(h) -> str:
    day = f"{h.day:02d}" if h.day else "   "
    month = (f"{h.month:02d}" if h.month < 3 else str(h.month)) if h.month else "   "
    return f"{h.place}, ngày {day} tháng {month} năm {h.year}"


def _footnotes_xml(report: Report, refs: dict[str, int]) -> bytes:
    def run_xml(r) -> str:
        props = "".join(tag for mark, tag in (
            ("b", "<w:b/>"), ("i", "<w:i/>"), ("u", '<w:u w:val="single"/>'),
            ("sup", '<w:vertAlign w:val="superscript"/>'),
            ("sub", '<w:vertAlign w:val="subscript"/>')) if mark in r.marks)
        text = (r.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        return (f'<w:r>{"<w:rPr>" + props + "</w:rPr>" if props else ""}'
                f'<w:t xml:space="preserve">{text}</w:t></w:r>')

    notes = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        '<w:continuationSeparator/></w:r></w:p></w:footnote>',
    ]
    for fid, wid in refs.items():
        paras = []
        for i, p in enumerate(report.footnotes[fid].body):
            mark = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/>'
                    '</w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>') if i == 0 else ""
            paras.append(f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr>{mark}'
                         f'{"".join(run_xml(r) for r in p.runs)}</w:p>')
        notes.append(f'<w:footnote w:id="{wid}">{"".join(paras)}</w:footnote>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:footnotes xmlns:w="{W_NS}">{"".join(notes)}</w:footnotes>').encode()


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    for el in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(el)
    tbl_pr.append(parse_xml(
        f'<w:tblBorders xmlns:w="{W_NS}">' + "".join(
            f'<w:{side} w:val="nil"/>' for side in
            ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"))


def build_docx(report: Report, path: Path, *, header: str = "table", closing: str = "table",
               headings: str = "plain", suffix_1: str = ".") -> Path:
    """A Word file of ``report`` made with python-docx.

    ``header``/``closing``: "table" (two borderless columns, as Word users lay them out) or
    "paragraphs"; ``headings``: "plain" (numbered paragraphs, bold), "styles" (Word's
    Heading 1–4 with the number typed in the text) or "styles-only" (no number in the text)."""
    doc = docx.Document()
    h, c = report.header, report.closing
    number_line = f"Số {h.number or '     '}-{h.type_code}/{h.issuer_code}"
    left = [(h.superior, False, False)] if h.superior else []
    left += [(h.issuer, True, False), ("*", False, False), (number_line, False, False)]
    if h.urgency:
        left.append((h.urgency, True, False))
    if h.draft_mark:
        left.append((h.draft_mark, True, True))
    right = [("ĐẢNG CỘNG SẢN VIỆT NAM", True, False), ("", False, False),
             (_date_line(h), False, True)]
    if header == "table":
        table = doc.add_table(rows=1, cols=2)
        _borderless(table)
        for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
            for i, (text, bold, italic) in enumerate(lines):
                _line(cell, text, bold, italic, first=i == 0)
    else:
        for text, bold, italic in left + right:
            if text:
                _line(doc, text, bold, italic)
    _line(doc, h.type_name, bold=True)
    _line(doc, h.summary, bold=True)
    _line(doc, "-----")

    refs: dict[str, int] = {}

    def body(paragraphs) -> None:
        for p in paragraphs:
            para = doc.add_paragraph()
            _add_runs(para, p.runs, refs)
            if p.align == "center":
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    body(report.intro.body)
    for node in walk_tree(report.tree(numbering(suffix_1))):
        sec = node.section
        text = sec.title if headings == "styles-only" else f"{node.number} {sec.title}"
        if headings == "plain":
            para = doc.add_paragraph()
            run = para.add_run(text)
            run.bold = True
            run.italic = node.level >= 3 or None
        else:
            para = doc.add_heading(text, level=min(node.level, 9))
        for fid in sec.title_notes:
            wid = refs.setdefault(fid, len(refs) + 1)
            para._p.append(parse_xml(
                f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{wid}"/></w:r>'))
        body(sec.body)
    body(report.ending.body)

    recipients = [("Nơi nhận:", False, False, True)] + [(f"- {r}", False, False, False)
                                                      for r in c.recipients]
    signature = [(c.authority, True, False, False), (c.position, False, False, False),
                 ("", False, False, False), ("", False, False, False),
                 (c.signer, True, False, False)]
    if closing == "table":
        table = doc.add_table(rows=1, cols=2)
        _borderless(table)
        for cell, lines, center in zip(table.rows[0].cells, (recipients, signature),
                                       (False, True), strict=True):
            for i, (text, bold, italic, underline) in enumerate(lines):
                _line(cell, text, bold, italic, underline, center=center, first=i == 0)
    else:
        for text, bold, italic, underline in recipients + signature:
            _line(doc, text, bold, italic, underline, center=False)

    if refs:
        part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, _footnotes_xml(report, refs),
                    doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(str(path))
    return path


# -- pandoc ---------------------------------------------------------------------------------
def _escape(text: str) -> str:
    out = "".join("\\" + ch if (ch.isascii() and not ch.isalnum() and ch not in " \n") else ch
                  for ch in text)
    out = out.replace("\n", "\\\n")  # a line break inside the paragraph
    while "  " in out:
        out = out.replace("  ", " &#32;")
    return out


def _md_runs(runs, refs: dict[str, int]) -> str:
    out = []
    for r in runs:
        if r.footnote:
            out.append(f"[^{refs.setdefault(r.footnote, len(refs) + 1)}]")
            continue
        t = _escape(r.text)
        if "sup" in r.marks:
            t = f"^{t}^"
        if "sub" in r.marks:
            t = f"~{t}~"
        if "u" in r.marks:
            t = f"[{t}]{{.underline}}"
        if "i" in r.marks:
            t = f"*{t}*"
        if "b" in r.marks:
            t = f"**{t}**"
        out.append(t)
    return "".join(out)


def report_markdown(report: Report, numbered: bool = True) -> str:
    """The report in pandoc markdown: header lines as paragraphs, ``#`` headings (with their
    printed numbers typed in unless ``numbered`` is False), ``[^n]`` footnotes."""
    h = report.header
    refs: dict[str, int] = {}
    blocks = [_escape(x) for x in (h.superior, h.issuer, "*",
                                   f"Số {h.number or ' '}-{h.type_code}/{h.issuer_code}",
                                   h.draft_mark, "ĐẢNG CỘNG SẢN VIỆT NAM", _date_line(h),
                                   h.type_name, h.summary, "-----") if x]
    blocks += [_md_runs(p.runs, refs) for p in report.intro.body]
    for node in walk_tree(report.tree(numbering())):
        sec = node.section
        title = _escape(f"{node.number} {sec.title}" if numbered else sec.title)
        notes = "".join(f"[^{refs.setdefault(f, len(refs) + 1)}]" for f in sec.title_notes)
        blocks.append("#" * node.level + " " + title + notes)
        blocks += [_md_runs(p.runs, refs) for p in sec.body]
    return _md_ending(report, blocks, refs)


def pandoc_docx(markdown: str, path: Path) -> Path:
    src = path.with_suffix(".md")
    src.write_text(markdown, encoding="utf-8")
    subprocess.run(["pandoc", "-f", "markdown-smart", "-t", "docx", "-o", str(path), str(src)],
                   check=True, capture_output=True, timeout=120)
    return path


def have(program: str) -> bool:
    return shutil.which(program) is not None


# -- LibreOffice ----------------------------------------------------------------------------
def libreoffice_resave(src: Path, out_dir: Path, via: str = "docx") -> Path:
    """``src`` opened and saved as DOCX again by LibreOffice (through ODT if ``via="odt"``),
    with a private profile so parallel runs do not collide."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    env = dict(os.environ, HOME=str(profile))
    base = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
            "--norestore", "--convert-to"]
    try:
        current = src
        if via == "odt":
            odt_dir = out_dir / "odt"
            subprocess.run(base + ["odt", "--outdir", str(odt_dir), str(current)], check=True,
                           capture_output=True, timeout=180, env=env)
            current = odt_dir / (src.stem + ".odt")
        subprocess.run(base + ["docx:MS Word 2007 XML", "--outdir", str(out_dir), str(current)],
                       check=True, capture_output=True, timeout=180, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / (src.stem + ".docx")


# -- hand-made packages ---------------------------------------------------------------------
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def make_docx(path: Path, body: str, *, footnotes: str | None = None,
              endnotes: str | None = None, styles: str | None = None,
              numbering: str | None = None, main_type: str | None = None,
              document_xml: bytes | None = None) -> Path:
    """A minimal Word package written byte by byte: ``body`` is the XML inside ``w:body``;
    the optional parts are the XML inside their root element."""
    import zipfile

    parts = {"word/document.xml": document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
        f'xmlns:w="{W_NS}" xmlns:r="{_REL}"><w:body>{body}</w:body></w:document>').encode()}
    overrides = {"word/document.xml": main_type or f"{_CT}.document.main+xml"}
    rels = []
    for name, root, inner in (("footnotes", "footnotes", footnotes),
                              ("endnotes", "endnotes", endnotes),
                              ("styles", "styles", styles), ("numbering", "numbering", numbering)):
        if inner is None:
            continue
        parts[f"word/{name}.xml"] = (f'<w:{root} xmlns:w="{W_NS}">{inner}</w:{root}>').encode()
        overrides[f"word/{name}.xml"] = f"{_CT}.{name}+xml"
        rels.append(f'<Relationship Id="rId{len(rels) + 1}" Type="{_REL}/{name}" '
                    f'Target="{name}.xml"/>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
             '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
             'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
             '"application/xml"/>' + "".join(
                 f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items())
             + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="'
                    'http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
                    f'Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
                    "</Relationships>")
        zf.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?>'
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                    f'relationships">{"".join(rels)}</Relationships>')
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def p(text: str = "", *, style: str | None = None, rpr: str = "", ppr: str = "",
      extra: str = "") -> str:
    """One ``w:p`` with one run of ``text`` (escaped), for hand-made packages."""
    from xml.sax.saxutils import escape

    props = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    run = (f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
           f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>') if text else ""
    return f'<w:p>{"<w:pPr>" + props + "</w:pPr>" if props else ""}{run}{extra}</w:p>'


def r(text: str, rpr: str = "") -> str:
    """One ``w:r`` of ``text`` (escaped) with optional run properties."""
    from xml.sax.saxutils import escape

    return (f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r>')


def note_ref(wid: int | str, kind: str = "footnote") -> str:
    """A superscript run holding a reference to note ``wid``."""
    return (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{kind}Reference w:id="{wid}"/></w:r>')


def note(wid: int | str, *paras: str, kind: str = "footnote") -> str:
    """A ``w:footnote`` (or endnote) whose paragraphs hold the given runs, as Word writes it:
    the mark and a space first."""
    mark = (f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{kind}Ref/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r>')
    body = "".join(f"<w:p>{mark if i == 0 else ''}{x}</w:p>" for i, x in enumerate(paras))
    return f'<w:{kind} w:id="{wid}">{body}</w:{kind}>'


def ole_file(path: Path, streams: list[str]) -> Path:
    """A compound file (the container of .doc and of encrypted Office files) holding empty
    streams with the given names: header, one FAT sector, one directory sector."""
    import struct

    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 44, 1)        # FAT sectors
    struct.pack_into("<I", header, 48, 1)        # first directory sector
    struct.pack_into("<I", header, 56, 4096)     # mini stream cutoff
    struct.pack_into("<IIII", header, 60, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)        # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat = bytearray(struct.pack("<II", fat_sect, end) + struct.pack("<I", free) * 126)

    def entry(name: str, kind: int, child: int, right: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        e = bytearray(128)
        e[0:len(raw)] = raw
        struct.pack_into("<HBB", e, 64, len(raw), kind, 1)
        struct.pack_into("<III", e, 68, free, right, child)
        struct.pack_into("<IQ", e, 116, end, 0)
        return bytes(e)

    names = ["Root Entry", *streams]
    directory = b"".join(
        entry(n, 5 if i == 0 else 2, 1 if i == 0 else free,
              i + 1 if 0 < i < len(names) - 1 else free) for i, n in enumerate(names))
    directory += b"\0" * (512 - len(directory) % 512 if len(directory) % 512 else 0)
    path.write_bytes(bytes(header) + bytes(fat) + directory)
    return path


# -- reports as people write them ------------------------------------------------------------
def markdown_as_people_write(report: Report, *, header: bool = False,
                             summary: str = "bold", title: str = "") -> str:
    """The report in Markdown as a clerk types it: ``# BÁO CÁO`` (``title`` replaces it), the
    summary under it as a bold line (``summary="bold"``) or a ``##`` heading (``"heading"``),
    the sections one level down (``## I. …``, ``### 1. …``, ``#### 1.1. …``), the closing as
    lines; with ``header`` the issuer, number and date lines above the title. With
    ``summary="front-matter"`` the type and the summary are the document's ``title`` and
    ``subtitle`` (pandoc gives them Word's Title and Subtitle styles)."""
    h = report.header
    refs: dict[str, int] = {}
    blocks = []
    if summary == "front-matter":
        blocks.append(f'---\ntitle: "{title or h.type_name}"\nsubtitle: "{h.summary}"\n---')
    if header:
        blocks += [_escape(x) for x in (h.issuer, f"Số 125-{h.type_code}/{h.issuer_code}",
                                        _date_line(h)) if x]
    if summary != "front-matter":
        blocks.append("# " + _escape(title or h.type_name))
    if summary == "bold":
        blocks.append("**" + _escape(h.summary) + "**")
    elif summary == "heading":
        blocks.append("## " + _escape(h.summary))
    blocks += [_md_runs(p.runs, refs) for p in report.intro.body]
    for node in walk_tree(report.tree(numbering())):
        sec = node.section
        notes = "".join(f"[^{refs.setdefault(f, len(refs) + 1)}]" for f in sec.title_notes)
        blocks.append("#" * (node.level + 1) + " " + _escape(f"{node.number} {sec.title}")
                      + notes)
        blocks += [_md_runs(p.runs, refs) for p in sec.body]
    return _md_ending(report, blocks, refs)


def _md_ending(report: Report, blocks: list[str], refs: dict[str, int]) -> str:
    """The Markdown of the closing part, the recipients and signature, and the footnotes,
    after ``blocks``."""
    c = report.closing
    blocks += [_md_runs(p.runs, refs) for p in report.ending.body]
    blocks.append(_escape("Nơi nhận:"))
    blocks += [_escape(f"- {r}") for r in c.recipients]
    blocks += [_escape(x) for x in (c.authority, c.position, c.signer) if x]
    for fid, n in refs.items():
        paras = [_md_runs(p.runs, refs) for p in report.footnotes[fid].body]
        blocks.append(f"[^{n}]: " + "\n\n".join(
            para if i == 0 else "    " + para for i, para in enumerate(paras)))
    return "\n\n".join(blocks) + "\n"


def title_heading_docx(report: Report, path: Path, *, summary: str = "bold",
                       style_shift: int = 1, title: str = "") -> Path:
    """What :func:`markdown_as_people_write` gives, made with python-docx (no pandoc needed):
    the type line as Heading 1, the summary bold (or ``summary="heading"``: Heading 2; ``""``:
    none), the sections with their numbers typed in and Word's Heading (level +
    ``style_shift``) styles, real footnotes."""
    doc = docx.Document()
    doc.add_heading(title or report.header.type_name, level=1)
    if summary == "bold":
        doc.add_paragraph().add_run(report.header.summary).bold = True
    elif summary == "heading":
        doc.add_heading(report.header.summary, level=2)
    refs: dict[str, int] = {}

    def body(paragraphs) -> None:
        for p in paragraphs:
            _add_runs(doc.add_paragraph(), p.runs, refs)

    body(report.intro.body)
    for node in walk_tree(report.tree(numbering())):
        sec = node.section
        para = doc.add_heading(f"{node.number} {sec.title}",
                               level=min(node.level + style_shift, 9))
        for fid in sec.title_notes:
            wid = refs.setdefault(fid, len(refs) + 1)
            para._p.append(parse_xml(
                f'<w:r xmlns:w="{W_NS}"><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{wid}"/></w:r>'))
        body(sec.body)
    body(report.ending.body)
    if refs:
        part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, _footnotes_xml(report, refs),
                    doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(str(path))
    return path


def docx_lines(path: Path) -> list[str]:
    """Every paragraph's text of a Word file, table cells included, in order."""
    document = docx.Document(str(path))
    lines = []
    for block in document.element.body.iter(qn("w:p")):
        lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
    return lines


# -- LibreOffice as a converter ------------------------------------------------------------------
def soffice_convert(src: Path, fmt: str, out_dir: Path) -> Path:
    """``src`` saved by LibreOffice as ``fmt`` ("doc", "odt", "rtf") in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--norestore", "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                       check=True, capture_output=True, timeout=180,
                       env=dict(os.environ, HOME=str(profile)))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return out_dir / f"{src.stem}.{fmt}"


def fake_soffice(folder: Path, script: str) -> Path:
    """An executable ``soffice`` in ``folder`` running the shell ``script`` (it gets the
    arguments LibreOffice would get: ``--outdir DIR`` then the file, last)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return path

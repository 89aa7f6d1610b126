"""Helpers of the export tests and benchmark: reports to export and readers of the result.

The readers are independent of the writer: they reopen the file with python-docx and parse
``word/footnotes.xml`` themselves, as another program would."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from hgreport.interchange import load_report_json
from hgreport.model import Closing, Footnote, Header, Paragraph, Report, Run, Section

ROOT = Path(__file__).resolve().parents[1]
SEED_JSON = ROOT.parent / "shared" / "seed" / "report-2023.json"
GOLDEN = Path(__file__).resolve().parent / "golden"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def seed_report() -> Report:
    return load_report_json(SEED_JSON)


def multiplied_seed(copies: int) -> Report:
    """The seed ``copies`` times in one report: each copy's section tree appended after the
    previous one (a fresh load per copy gives fresh section and footnote ids)."""
    report = seed_report()
    top = [s for s in report.sections if s.parent_id is None]
    step = max((s.position for s in top), default=0.0)
    for i in range(1, copies):
        other = seed_report()
        for s in other.sections:
            if s.parent_id is None:
                s.position += step * i
        report.sections.extend(other.sections)
        report.footnotes.update(other.footnotes)
    return report


def small_report() -> Report:
    """A short report using every feature the export knows: header with every line,
    two levels, marks, line and page breaks, a footnote in a title, a footnote with three
    paragraphs and marks inside."""
    n1, n2, n3 = Footnote(id="n1"), Footnote(id="n2"), Footnote(id="n3")
    n1.body = [Paragraph([Run("Nghị quyết số 15-NQ/TU ngày 13/7/2023.")])]
    n2.body = [Paragraph([Run("Trồng trọt: "), Run("lúa", ("b",)), Run(" và "),
                          Run("cây ăn trái", ("i",)), Run(".")]),
               Paragraph([Run("Chăn nuôi ổn định.")]),
               Paragraph([Run("Thủy sản tăng 5%.")])]
    n3.body = [Paragraph([Run("Theo Kế hoạch số 135-KH/TU.")])]
    root = Section(id="s1", title="Công tác xây dựng Đảng", position=1, title_notes=["n1"])
    child = Section(id="s2", title="Công tác chính trị, tư tưởng", parent_id="s1", position=1,
                    body=[Paragraph([Run("Tỉnh ủy "), Run("đổi mới", ("b",)), Run(" mạnh mẽ"),
                                     Run.ref("n2"), Run(", diện tích 1.185.818 m"),
                                     Run("2", ("sup",)), Run(", CO"), Run("2", ("sub",)),
                                     Run(", "), Run("gạch chân", ("u",)), Run(".")]),
                          Paragraph([Run("- Dòng một\ndòng hai.")])])
    empty = Section(id="s3", title="Nhiệm vụ năm 2024", position=2)
    page = Section(id="s4", title="Kiến nghị", position=3,
                   body=[Paragraph([Run("Đề nghị Trung ương"), Run.ref("n3"), Run(".")],
                                   page_break_before=True),
                         Paragraph([Run("Căn giữa")], align="center")])
    return Report(
        header=Header(issuer="Tỉnh ủy Hậu Giang", superior="Đảng bộ tỉnh Hậu Giang",
                      number="123", type_name="Báo cáo", type_code="BC", issuer_code="TU",
                      place="Hậu Giang", day=3, month=4, year=2024,
                      summary="Kết quả thực hiện nhiệm vụ quý I năm 2024",
                      draft_mark="Dự thảo", urgency="Khẩn"),
        closing=Closing(recipients=["Văn phòng Trung ương Đảng", "Các đ/c Tỉnh ủy viên,",
                                    "Lưu Văn phòng Tỉnh ủy"],
                        authority="T/M Ban Thường vụ", position="Bí thư",
                        signer="Nguyễn Văn A"),
        intro=Section(id="intro", kind="intro", body=[Paragraph([Run("Mở đầu báo cáo.")])]),
        ending=Section(id="ending", kind="ending",
                       body=[Paragraph([Run("Trên đây là báo cáo.")])]),
        sections=[root, child, empty, page],
        footnotes={"n1": n1, "n2": n2, "n3": n3},
    )


def parts(path: str | Path) -> dict[str, bytes]:
    """Every part of the package by name."""
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def pretty(xml: bytes) -> str:
    """XML indented one element a line, for golden files a person can read in a diff."""
    parser = etree.XMLParser(remove_blank_text=True)
    root = etree.fromstring(xml, parser)
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def _paragraph_text(p) -> str:
    out = []
    for el in p.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if el.tag == f"{W}t":
            out.append(el.text or "")
        else:
            out.append("\n" if el.tag == f"{W}br" else "\t")
    return "".join(out)


def read_footnotes(path: str | Path) -> dict[int, dict]:
    """Footnotes read back from the file: reopened with python-docx, the footnotes part found
    through the document's relationship and parsed here. ``id → {"type", "text",
    "paragraphs", "styles", "marks"}``; ``text`` drops the space Word puts after the mark."""
    document = docx.Document(str(path))
    part = document.part.part_related_by(RT.FOOTNOTES)
    root = etree.fromstring(part.blob)
    notes = {}
    for fn in root.findall("w:footnote", NS):
        paras = fn.findall("w:p", NS)
        texts = [_paragraph_text(p) for p in paras]
        if texts and fn.find(".//w:footnoteRef", NS) is not None:
            texts[0] = texts[0][1:] if texts[0].startswith(" ") else texts[0]
        notes[int(fn.get(f"{W}id"))] = {
            "type": fn.get(f"{W}type", "normal"),
            "text": "\n".join(texts),
            "paragraphs": paras,
            "styles": [p.find("w:pPr/w:pStyle", NS).get(f"{W}val")
                       if p.find("w:pPr/w:pStyle", NS) is not None else None for p in paras],
            "marks": fn.findall(".//w:footnoteRef", NS),
        }
    return notes


def reference_ids(path: str | Path) -> list[int]:
    """The ids of the ``w:footnoteReference`` marks in the body, in document order."""
    document = docx.Document(str(path))
    return [int(el.get(f"{W}id")) for el in document.element.body.iter(f"{W}footnoteReference")]


def body_paragraph_texts(path: str | Path) -> list[str]:
    """Every paragraph of the body (tables included) as plain text, in order."""
    document = docx.Document(str(path))
    return [_paragraph_text(p) for p in document.element.body.iter(f"{W}p")]


def find_paragraph(path: str | Path, text: str):
    """The first body paragraph whose text is ``text`` (lxml element), or None."""
    document = docx.Document(str(path))
    for p in document.element.body.iter(f"{W}p"):
        if _paragraph_text(p) == text:
            return p
    return None


def run_flags(p) -> dict:
    """Formatting of the first text run of ``p``: bold, italic, underline, size in points."""
    r = p.find("w:r", NS)
    rpr = r.find("w:rPr", NS) if r is not None else None

    def on(tag):
        el = rpr.find(f"w:{tag}", NS) if rpr is not None else None
        return el is not None and el.get(f"{W}val") not in ("0", "false")

    size = rpr.find("w:sz", NS) if rpr is not None else None
    return {"b": on("b"), "i": on("i"), "u": on("u"),
            "size": int(size.get(f"{W}val")) / 2 if size is not None else None}

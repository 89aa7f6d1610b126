"""The Word export: golden parts, footnotes read back, layout of body and pages, determinism.

Golden files live in tests/golden/small/; after a deliberate layout change regenerate them with
``HGREPORT_UPDATE_GOLDEN=1 python -m pytest tests/test_export.py`` and read the diff."""

from __future__ import annotations

import os

import docx
import pytest
from _export_helpers import (
    GOLDEN,
    NS,
    W,
    find_paragraph,
    multiplied_seed,
    parts,
    pretty,
    read_footnotes,
    reference_ids,
    run_flags,
    small_report,
)
from docx.shared import Mm

from hgreport.export import export_docx
from hgreport.resources import load_profile

GOLDEN_PARTS = ["word/document.xml", "word/footnotes.xml", "word/styles.xml",
                "word/settings.xml", "word/header1.xml", "word/header2.xml", "docProps/core.xml",
                "[Content_Types].xml", "word/_rels/document.xml.rels"]


@pytest.fixture
def small_docx(tmp_path):
    return export_docx(small_report(), tmp_path / "small.docx")


@pytest.mark.parametrize("name", GOLDEN_PARTS)
def test_main_parts_match_the_golden_files(small_docx, name):
    actual = pretty(parts(small_docx)[name])
    golden = GOLDEN / "small" / name.replace("[", "").replace("]", "")
    if os.environ.get("HGREPORT_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; set HGREPORT_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_same_report_gives_the_same_parts(tmp_path):
    report = small_report()
    a = parts(export_docx(report, tmp_path / "a.docx"))
    b = parts(export_docx(report, tmp_path / "b.docx"))
    assert a == b


def test_seed_footnotes_read_back_with_their_texts_and_numbers(tmp_path, seed_report):
    path = export_docx(seed_report, tmp_path / "seed.docx")
    notes = read_footnotes(path)
    expected = seed_report.footnotes_in_order()
    assert len(expected) == 57
    real = {i: n for i, n in notes.items() if n["type"] == "normal"}
    assert sorted(real) == list(range(1, 58))
    for number, footnote, _section in expected:
        assert real[number]["text"] == "\n".join(p.text for p in footnote.body), number
        assert len(real[number]["marks"]) == 1
    # the marks in the text run 1 … 57 in reading order: Word's numbers are the editor's
    assert reference_ids(path) == list(range(1, 58))
    numbers = seed_report.footnote_numbers()
    assert sorted(numbers.values()) == list(range(1, 58))


def test_footnotes_part_has_both_separators_without_the_body_indent(small_docx):
    notes = read_footnotes(small_docx)
    assert notes[-1]["type"] == "separator"
    assert notes[0]["type"] == "continuationSeparator"
    for sep in (notes[-1], notes[0]):
        ind = sep["paragraphs"][0].find("w:pPr/w:ind", NS)
        assert ind is not None and ind.get(f"{W}firstLine") == "0"
        assert sep["paragraphs"][0].find("w:pPr/w:pStyle", NS) is None  # plain Normal


def test_multi_paragraph_footnote_with_marks(small_docx):
    notes = read_footnotes(small_docx)
    crops = notes[2]
    assert crops["text"] == "Trồng trọt: lúa và cây ăn trái.\nChăn nuôi ổn định.\nThủy sản tăng 5%."
    assert crops["styles"] == ["FootnoteText"] * 3
    assert len(crops["marks"]) == 1  # the number only once, in the first paragraph
    runs = crops["paragraphs"][0].findall("w:r", NS)
    bold = [r for r in runs if r.find("w:rPr/w:b", NS) is not None]
    italic = [r for r in runs if r.find("w:rPr/w:i", NS) is not None]
    assert [r.find("w:t", NS).text for r in bold] == ["lúa"]
    assert [r.find("w:t", NS).text for r in italic] == ["cây ăn trái"]


def test_footnote_styles_are_words_built_in_ones(small_docx):
    document = docx.Document(str(small_docx))
    text_style = document.styles["footnote text"]
    ref_style = document.styles["footnote reference"]
    assert text_style.font.size.pt == 12
    assert text_style.paragraph_format.first_line_indent == 0
    assert ref_style.element.find("w:rPr/w:vertAlign", NS).get(f"{W}val") == "superscript"
    # every mark in the text uses the reference style, so a user can restyle them all at once
    marks = list(document.element.body.iter(f"{W}footnoteReference"))
    assert marks
    for mark in marks:
        assert mark.getparent().find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_footnote_in_a_heading_is_numbered_before_the_body(small_docx):
    heading = find_paragraph(small_docx, "I. CÔNG TÁC XÂY DỰNG ĐẢNG")
    assert heading is not None
    assert heading.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "Heading1"
    ref = heading.find("w:r/w:footnoteReference", NS)
    assert ref is not None and ref.get(f"{W}id") == "1"
    assert read_footnotes(small_docx)[1]["text"] == "Nghị quyết số 15-NQ/TU ngày 13/7/2023."
    assert reference_ids(small_docx) == [1, 2, 3]


def test_page_is_a4_with_the_profile_margins_and_page_numbers_from_page_two(small_docx):
    document = docx.Document(str(small_docx))
    section = document.sections[0]
    page = load_profile().page
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    assert abs(section.left_margin - Mm(page.margin_left_mm)) < Mm(0.1)
    assert abs(section.right_margin - Mm(page.margin_right_mm)) < Mm(0.1)
    assert abs(section.top_margin - Mm(page.margin_top_mm)) < Mm(0.1)
    assert section.different_first_page_header_footer
    header_xml = section.header.part.blob.decode()
    assert " PAGE " in header_xml
    number = section.header.paragraphs[0]
    assert number.style.paragraph_format.alignment == 1  # centred, 14 pt
    assert number.style.font.size.pt == 14
    assert " PAGE " not in section.first_page_header.part.blob.decode()


def test_body_text_is_times_14_justified_with_indent_and_exact_18pt(small_docx):
    document = docx.Document(str(small_docx))
    body = document.styles["Body Text"]
    fmt = body.paragraph_format
    assert fmt.alignment == 3  # justify
    assert abs(fmt.first_line_indent - Mm(10)) < Mm(0.1)
    assert fmt.space_before.pt == 6 and fmt.space_after.pt == 0
    assert fmt.line_spacing.pt == 18 and fmt.line_spacing_rule == 4  # exactly
    defaults = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert {fonts.get(f"{W}{k}") for k in ("ascii", "hAnsi", "cs", "eastAsia")} == {
        "Times New Roman"}
    assert defaults.find("w:sz", NS).get(f"{W}val") == "28"
    para = find_paragraph(small_docx, "Mở đầu báo cáo.")
    assert para.find("w:pPr/w:pStyle", NS).get(f"{W}val") == "BodyText"


def test_headings_follow_the_profile_levels(small_docx):
    document = docx.Document(str(small_docx))
    h1, h2 = document.styles["Heading 1"], document.styles["Heading 2"]
    assert h1.font.bold and not h1.font.italic and h1.font.all_caps
    assert h2.font.bold and not h2.font.all_caps
    assert h1.element.find("w:pPr/w:outlineLvl", NS).get(f"{W}val") == "0"
    assert find_paragraph(small_docx, "1. Công tác chính trị, tư tưởng") is not None
    assert find_paragraph(small_docx, "II. NHIỆM VỤ NĂM 2024") is not None  # empty section


def test_marks_line_and_page_breaks(small_docx):
    p = find_paragraph(small_docx, "Tỉnh ủy đổi mới mạnh mẽ, diện tích 1.185.818 m2, CO2, "
                                   "gạch chân.")
    assert p is not None
    by_text = {r.find("w:t", NS).text: r for r in p.findall("w:r", NS)
               if r.find("w:t", NS) is not None}
    assert by_text["đổi mới"].find("w:rPr/w:b", NS) is not None
    assert by_text["gạch chân"].find("w:rPr/w:u", NS).get(f"{W}val") == "single"
    sup = [r for r in p.findall("w:r", NS)
           if r.find("w:rPr/w:vertAlign", NS) is not None
           and r.find("w:rPr/w:rStyle", NS) is None]
    assert [r.find("w:rPr/w:vertAlign", NS).get(f"{W}val") for r in sup] == [
        "superscript", "subscript"]
    lines = find_paragraph(small_docx, "- Dòng một\ndòng hai.")
    assert lines is not None and lines.find("w:r/w:br", NS) is not None
    breaking = find_paragraph(small_docx, "Đề nghị Trung ương.")
    assert breaking.find("w:pPr/w:pageBreakBefore", NS) is not None
    centred = find_paragraph(small_docx, "Căn giữa")
    assert centred.find("w:pPr/w:jc", NS).get(f"{W}val") == "center"


def test_title_block(small_docx):
    kind = find_paragraph(small_docx, "BÁO CÁO")
    assert run_flags(kind) == {"b": True, "i": False, "u": False, "size": 16}
    summary = find_paragraph(small_docx, "Kết quả thực hiện nhiệm vụ quý I năm 2024")
    assert run_flags(summary)["b"] and run_flags(summary)["size"] == 14
    dashes = find_paragraph(small_docx, "-----")
    assert dashes.find("w:pPr/w:jc", NS).get(f"{W}val") == "center"


def test_progress_is_reported_section_by_section(tmp_path):
    report = small_report()
    calls = []
    export_docx(report, tmp_path / "p.docx", progress=lambda d, t: calls.append((d, t)))
    totals = {t for _, t in calls}
    assert len(totals) == 1
    total = totals.pop()
    assert total >= len(report.sections) + 1
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and dones[0] == 0 and dones[-1] == total
    assert len(calls) >= len(report.sections) + 2


def test_a_folder_as_target_gets_the_suggested_name(tmp_path):
    path = export_docx(small_report(), tmp_path)
    assert path.parent == tmp_path and path.suffix == ".docx" and path.exists()


def test_twenty_copies_of_the_seed_keep_all_1140_footnotes_in_order(tmp_path):
    report = multiplied_seed(20)
    path = export_docx(report, tmp_path / "x20.docx")
    notes = {i: n for i, n in read_footnotes(path).items() if n["type"] == "normal"}
    assert len(notes) == 1140
    assert reference_ids(path) == list(range(1, 1141))
    expected = report.footnotes_in_order()
    for number, footnote, _ in expected[::97]:
        assert notes[number]["text"] == footnote.plain_text

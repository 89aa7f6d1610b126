"""Header and closing variants of the official layout, and text that must never break the export."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from _export_helpers import (
    NS,
    W,
    body_paragraph_texts,
    find_paragraph,
    read_footnotes,
    reference_ids,
    run_flags,
    small_report,
)

from hgreport.export import export_docx
from hgreport.layout import TextLine, header_plan
from hgreport.layout.text import date_line, recipient_lines, text_width_pt
from hgreport.model import Closing, Footnote, Header, Paragraph, Report, Run, Section
from hgreport.resources import load_profile


def export(tmp_path, report: Report, name="r.docx"):
    return export_docx(report, tmp_path / name)


def with_header(**changes) -> Report:
    report = small_report()
    report.header = dataclasses.replace(report.header, **changes)
    return report


def with_closing(**changes) -> Report:
    report = small_report()
    report.closing = dataclasses.replace(report.closing, **changes)
    return report


def header_cells(path):
    """Texts of the left and right cells of the first-page header table."""
    document = docx.Document(str(path))
    table = document.tables[0]
    return [[p.text for p in cell.paragraphs] for cell in table.rows[0].cells]


# -- the number line ------------------------------------------------------------------------
def test_number_line_has_no_colon_after_so(tmp_path):
    left, _ = header_cells(export(tmp_path, with_header(number="123")))
    assert "Số 123-BC/TU" in left
    assert not any("Số:" in t for t in left)


def test_document_without_a_number_yet_leaves_a_blank(tmp_path):
    left, _ = header_cells(export(tmp_path, with_header(number="")))
    line = next(t for t in left if t.startswith("Số"))
    assert line.startswith("Số ") and line.endswith("-BC/TU")
    assert line.replace(" ", "") == "Số-BC/TU" and line.count(" ") >= 4


def test_draft_mark_bold_italic_under_the_number(tmp_path):
    path = export(tmp_path, with_header(draft_mark="Dự thảo lần 2", urgency=""))
    left, _ = header_cells(path)
    assert left.index("Dự thảo lần 2") == left.index("Số 123-BC/TU") + 1
    assert run_flags(find_paragraph(path, "Dự thảo lần 2"))[("b")] is True
    assert run_flags(find_paragraph(path, "Dự thảo lần 2"))["i"] is True


def test_no_draft_mark_no_urgency(tmp_path):
    left, _ = header_cells(export(tmp_path, with_header(draft_mark="", urgency="")))
    assert left == ["ĐẢNG BỘ TỈNH HẬU GIANG", "TỈNH ỦY HẬU GIANG", "*", "Số 123-BC/TU"]


def test_urgency_in_bold_capitals(tmp_path):
    path = export(tmp_path, with_header(urgency="Hỏa tốc", draft_mark=""))
    left, _ = header_cells(path)
    assert left[-1] == "HỎA TỐC"
    assert run_flags(find_paragraph(path, "HỎA TỐC"))["b"] is True


def test_superior_line_above_the_issuer_not_bold(tmp_path):
    path = export(tmp_path, with_header(superior="Đảng bộ tỉnh Hậu Giang"))
    left, _ = header_cells(path)
    assert left[:3] == ["ĐẢNG BỘ TỈNH HẬU GIANG", "TỈNH ỦY HẬU GIANG", "*"]
    assert run_flags(find_paragraph(path, "ĐẢNG BỘ TỈNH HẬU GIANG"))["b"] is False
    assert run_flags(find_paragraph(path, "TỈNH ỦY HẬU GIANG"))["b"] is True


def test_without_superior_the_issuer_comes_first(tmp_path):
    left, _ = header_cells(export(tmp_path, with_header(superior="")))
    assert left[:2] == ["TỈNH ỦY HẬU GIANG", "*"]


def test_right_block_title_rule_and_italic_date(tmp_path):
    path = export(tmp_path, small_report())
    _, right = header_cells(path)
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert run_flags(find_paragraph(path, "ĐẢNG CỘNG SẢN VIỆT NAM")) == {
        "b": True, "i": False, "u": False, "size": 15}
    rule = docx.Document(str(path)).tables[0].rows[0].cells[1].paragraphs[1]._p
    assert rule.find("w:pPr/w:pBdr/w:bottom", NS).get(f"{W}val") == "single"
    assert right[2] == "Hậu Giang, ngày 03 tháng 4 năm 2024"
    assert run_flags(find_paragraph(path, right[2]))["i"] is True


def test_rule_is_as_long_as_the_title(tmp_path):
    path = export(tmp_path, small_report())
    profile = load_profile()
    cell = docx.Document(str(path)).tables[0].rows[0].cells[1]
    ind = cell.paragraphs[1]._p.find("w:pPr/w:ind", NS)
    cell_twips = profile.header.right_mm * 1440 / 25.4
    rule_twips = cell_twips - int(ind.get(f"{W}left")) - int(ind.get(f"{W}right"))
    title_twips = text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15) * 20
    assert abs(rule_twips - title_twips) < 30  # within 0.5 mm


@pytest.mark.parametrize("day, month, expected", [
    (5, 1, "Hậu Giang, ngày 05 tháng 01 năm 2024"),
    (15, 2, "Hậu Giang, ngày 15 tháng 02 năm 2024"),
    (3, 4, "Hậu Giang, ngày 03 tháng 4 năm 2024"),
    (30, 12, "Hậu Giang, ngày 30 tháng 12 năm 2024"),
])
def test_date_leading_zero_rule(tmp_path, day, month, expected):
    _, right = header_cells(export(tmp_path, with_header(day=day, month=month, year=2024)))
    assert right[-1] == expected


def test_draft_date_leaves_day_and_month_blank():
    line = date_line(Header(place="Hậu Giang", year=2023), load_profile())
    assert line.startswith("Hậu Giang, ngày ") and line.endswith(" năm 2023")
    middle = line[len("Hậu Giang, ngày"):-len("năm 2023")]
    assert middle.strip() == "tháng" and middle.startswith("   ")


def test_number_line_pattern_comes_from_the_profile():
    profile = load_profile()
    left = list(profile.header.left)
    i = next(i for i, line in enumerate(left) if "{number}" in line.text)
    left[i] = dataclasses.replace(left[i], text="Số {number}/{type_code}-{issuer_code}")
    profile = dataclasses.replace(profile, header=dataclasses.replace(profile.header,
                                                                      left=tuple(left)))
    plan = header_plan(Header(number="7", type_code="BC", issuer_code="HU"), profile)
    assert "Số 7/BC-HU" in [item.text for item in plan.left if isinstance(item, TextLine)]


# -- the closing block ------------------------------------------------------------------------
def closing_cells(path):
    document = docx.Document(str(path))
    return [[p.text for p in cell.paragraphs] for cell in document.tables[-1].rows[0].cells]


def test_recipients_underlined_label_and_archive_line(tmp_path):
    path = export(tmp_path, small_report())
    left, _ = closing_cells(path)
    assert left == ["Nơi nhận:", "- Văn phòng Trung ương Đảng,", "- Các đ/c Tỉnh ủy viên,",
                    "- Lưu Văn phòng Tỉnh ủy."]
    label = docx.Document(str(path)).tables[-1].rows[0].cells[0].paragraphs[0]._p
    assert run_flags(label) == {"b": False, "i": False, "u": True, "size": 14}
    recipient = docx.Document(str(path)).tables[-1].rows[0].cells[0].paragraphs[1]._p
    assert run_flags(recipient)["size"] == 12


def test_t_m_signature(tmp_path):
    path = export(tmp_path, small_report())
    _, right = closing_cells(path)
    assert right[0] == "T/M BAN THƯỜNG VỤ" and right[1] == "BÍ THƯ"
    assert right[-1] == "Nguyễn Văn A"
    assert right[2:-1] == [""] * 4  # room for the signature and seal
    assert run_flags(find_paragraph(path, "T/M BAN THƯỜNG VỤ"))["b"] is True
    assert run_flags(find_paragraph(path, "BÍ THƯ"))["b"] is False
    assert run_flags(find_paragraph(path, "Nguyễn Văn A"))["b"] is True


def test_k_t_signature(tmp_path):
    path = export(tmp_path, with_closing(authority="K/T Bí thư", position="Phó Bí thư",
                                         signer="Trần Thị B"))
    _, right = closing_cells(path)
    assert right[:2] == ["K/T BÍ THƯ", "PHÓ BÍ THƯ"]
    assert run_flags(find_paragraph(path, "K/T BÍ THƯ"))["b"] is True
    assert run_flags(find_paragraph(path, "PHÓ BÍ THƯ"))["b"] is False
    assert right[-1] == "Trần Thị B"


def test_no_recipients_leaves_the_left_block_empty(tmp_path):
    path = export(tmp_path, with_closing(recipients=[]))
    left, right = closing_cells(path)
    assert left == [""]
    assert "Nơi nhận:" not in body_paragraph_texts(path)
    assert right[0] == "T/M BAN THƯỜNG VỤ"


def test_recipient_punctuation_is_normalised():
    lines = recipient_lines(Closing(recipients=["- Văn phòng Trung ương Đảng;", "Lưu VPTU,"]),
                            load_profile())
    assert lines == ["- Văn phòng Trung ương Đảng,", "- Lưu VPTU."]


def test_unsigned_draft_keeps_the_signature_space(tmp_path, seed_report):
    path = export(tmp_path, seed_report)
    _, right = closing_cells(path)
    assert right == ["T/M TỈNH ỦY", "BÍ THƯ", "", "", "", ""]


# -- text that must not break the export -------------------------------------------------------
def test_xml_invalid_characters_are_dropped(tmp_path):
    report = small_report()
    bad = Section(id="bad", title="Tiêu đề\x01 lỗi", position=9,
                  body=[Paragraph([Run("a\x00b\x08c\x1fd\ufffee\ud800f & <g>")])])
    report.sections.append(bad)
    report.header = dataclasses.replace(report.header, summary="Tóm tắt\x0b xấu")
    report.footnotes["n3"].body.append(Paragraph([Run("chú\x02 thích")]))
    path = export(tmp_path, report)
    texts = body_paragraph_texts(path)
    assert "abcdef & <g>" in texts
    assert "IV. TIÊU ĐỀ LỖI" in texts
    assert read_footnotes(path)[3]["text"].endswith("chú thích")


def test_very_long_paragraph_is_kept_whole(tmp_path):
    report = small_report()
    long_text = "Rất dài " * 150_000  # 1.2 million characters in one paragraph
    report.intro.body.append(Paragraph([Run(long_text)]))
    path = export(tmp_path, report)
    assert long_text in body_paragraph_texts(path)


def test_empty_report_and_empty_sections(tmp_path):
    report = Report(sections=[Section(id="a", position=1), Section(id="b", parent_id="a",
                                                                    position=1)])
    path = export(tmp_path, report)
    texts = body_paragraph_texts(path)
    assert "I." in texts and "1." in texts
    notes = read_footnotes(path)
    assert sorted(notes) == [-1, 0]  # only the separators


def test_reference_without_footnote_keeps_the_numbering(tmp_path):
    report = small_report()
    sec = report.section("s2")
    sec.body[0].runs.insert(0, Run.ref("missing"))
    path = export(tmp_path, report)
    numbers = report.footnote_numbers()
    assert numbers["missing"] == 2 and numbers["n2"] == 3
    notes = read_footnotes(path)
    assert notes[2]["text"] == ""
    assert notes[3]["text"].startswith("Trồng trọt")
    assert reference_ids(path) == [1, 2, 3, 4]


def test_second_reference_to_the_same_footnote_repeats_its_number(tmp_path):
    report = small_report()
    report.ending.body[0].runs.append(Run.ref("n1"))
    path = export(tmp_path, report)
    assert reference_ids(path) == [1, 2, 3]  # Word allows one mark per footnote
    last = find_paragraph(path, "Trên đây là báo cáo.1")
    assert last is not None
    run = last.findall("w:r", NS)[-1]
    assert run.find("w:rPr/w:rStyle", NS).get(f"{W}val") == "FootnoteReference"


def test_footnote_inside_a_footnote_is_left_out(tmp_path):
    report = small_report()
    report.footnotes["n3"].body[0].runs.append(Run.ref("n1"))
    path = export(tmp_path, report)
    assert read_footnotes(path)[3]["text"] == "Theo Kế hoạch số 135-KH/TU."


def test_titles_of_intro_and_ending_and_deep_levels(tmp_path):
    report = small_report()
    report.intro.title = "Phần mở đầu"
    deep = Section(id="d1", title="Cấp ba", parent_id="s2", position=1,
                   body=[Paragraph([Run("x")])])
    deeper = Section(id="d2", title="Cấp bốn", parent_id="d1", position=1)
    deepest = Section(id="d3", title="Cấp năm", parent_id="d2", position=1)
    report.sections += [deep, deeper, deepest]
    path = export(tmp_path, report)
    texts = body_paragraph_texts(path)
    assert "1.1. Cấp ba" in texts and "a) Cấp bốn" in texts and "a) Cấp năm" in texts
    style = find_paragraph(path, "a) Cấp năm").find("w:pPr/w:pStyle", NS).get(f"{W}val")
    assert style == "Heading5"
    assert docx.Document(str(path)).styles["Heading 5"].font.italic
    assert "PHẦN MỞ ĐẦU" in texts  # an unnumbered title in the level-1 style


def test_report_with_no_header_fields(tmp_path):
    report = Report(header=Header(type_name="", summary=""), closing=Closing(),
                    footnotes={"x": Footnote(id="x", body=[])},
                    intro=Section(kind="intro", body=[Paragraph([Run.ref("x")])]))
    path = export(tmp_path, report)
    assert read_footnotes(path)[1]["text"] == ""
    assert len(docx.Document(str(path)).tables) == 1  # no closing block at all


def test_very_long_summary_fits_the_file_properties(tmp_path):
    report = with_header(summary="Báo cáo " * 100)
    path = export(tmp_path, report)
    assert len(docx.Document(str(path)).core_properties.title) <= 255
    assert find_paragraph(path, report.header.summary) is not None


def test_centred_paragraph_has_no_first_line_indent(tmp_path):
    path = export(tmp_path, small_report())
    centred = find_paragraph(path, "Căn giữa")
    assert centred.find("w:pPr/w:ind", NS).get(f"{W}firstLine") == "0"


def test_lines_ending_in_a_line_break_are_not_stretched(tmp_path):
    document = docx.Document(str(export(tmp_path, small_report())))
    compat = document.settings.element.find("w:compat", NS)
    assert compat.find("w:doNotExpandShiftReturn", NS) is not None

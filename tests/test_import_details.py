"""How the import reads the things real Word files contain: numbered text that is not a
heading, Word's own list numbering, endnotes, look-alike footnote marks, tables, images,
tracked changes, formatting to keep and to drop, header and closing lines it cannot place."""

from __future__ import annotations

from _import_helpers import W_NS, make_docx, p

from hgreport.importer import import_docx
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile

NUMBERING = Numbering.from_profile(load_profile())
B = "<w:b/>"
SUP = '<w:vertAlign w:val="superscript"/>'


def outline(report) -> list[tuple[str, str]]:
    return [(n.number, n.section.title) for n in walk_tree(report.tree(NUMBERING))]


def texts(section) -> list[str]:
    return [para.text for para in section.body]


def by_title(report, title):
    return next(s for s in report.sections if s.title == title)


def ref(kind: str, wid: int) -> str:
    return (f'<w:r><w:rPr>{SUP}</w:rPr><w:{kind}Reference w:id="{wid}"/></w:r>')


def note(kind: str, wid: int, *paras: str) -> str:
    mark = f'<w:r><w:rPr>{SUP}</w:rPr><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>'
    body = "".join(f"<w:p>{mark if i == 0 else ''}{x}</w:p>" for i, x in enumerate(paras))
    return f'<w:{kind} w:id="{wid}">{body}</w:{kind}>'


def run(text: str, rpr: str = "") -> str:
    return (f'<w:r>{"<w:rPr>" + rpr + "</w:rPr>" if rpr else ""}'
            f'<w:t xml:space="preserve">{text}</w:t></w:r>')


def test_numbered_body_text_is_not_taken_for_a_heading(tmp_path):
    body = "".join([
        p("I. KẾT QUẢ ĐẠT ĐƯỢC", rpr=B),
        p("1. Công tác tuyên truyền", rpr=B),
        p("Các nhiệm vụ đã làm gồm:"),
        p("1. các chi bộ tổ chức sinh hoạt chuyên đề đúng kỳ hạn"),   # lower case
        p("a) Tổ chức học tập nghị quyết cho cán bộ, đảng viên;"),       # ends with ";"
        p("5. Hội nghị được tổ chức vào tháng 3"),                      # out of sequence
        p("2. " + "Công tác tổ chức cán bộ được quan tâm thực hiện " * 8),  # far too long
        p("2. Công tác tổ chức", rpr=B),
    ])
    report = import_docx(make_docx(tmp_path / "a.docx", body)).report
    assert outline(report) == [("I.", "KẾT QUẢ ĐẠT ĐƯỢC"), ("1.", "Công tác tuyên truyền"),
                               ("2.", "Công tác tổ chức")]
    first = by_title(report, "Công tác tuyên truyền")
    assert len(first.body) == 5
    assert texts(first)[1].startswith("1. các chi bộ")
    assert texts(first)[3] == "5. Hội nghị được tổ chức vào tháng 3"


def test_all_four_levels_and_vietnamese_letters(tmp_path):
    body = "".join(p(t) for t in [
        "I- TÌNH HÌNH", "1- Kinh tế", "1.1. Nông nghiệp", "a) Trồng trọt", "b) Chăn nuôi",
        "c) Thủy sản", "d) Lâm nghiệp", "đ) Thủy lợi", "1.2. Công nghiệp", "2- Xã hội",
        "II- NHIỆM VỤ"])
    report = import_docx(make_docx(tmp_path / "a.docx", body)).report
    assert [n for n, _ in outline(report)] == [
        "I.", "1.", "1.1.", "a)", "b)", "c)", "d)", "e)", "1.2.", "2.", "II."]
    assert outline(report)[7] == ("e)", "Thủy lợi")  # derived again, in the profile's style


def test_a_skipped_number_is_kept_and_reported(tmp_path):
    body = "".join(p(t) for t in ["I. MỘT", "1. Một", "Nội dung.", "3. Ba", "Nội dung."])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert [t for _, t in outline(result.report)] == ["MỘT", "Một", "Ba"]
    assert any("“3.”" in m and "Ba" in m for m in result.summary.problems)


def test_word_heading_styles_without_numbers(tmp_path):
    styles = "".join(
        f'<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/>'
        f'<w:rPr><w:b/></w:rPr></w:style>' for n in (1, 2)) + (
        '<w:style w:type="paragraph" w:styleId="Tieude3"><w:name w:val="Tiêu đề ba"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>')
    body = "".join([
        p("Mở đầu của báo cáo."),
        p("Công tác xây dựng Đảng", style="Heading1"), p("Văn bản."),
        p("Chính trị tư tưởng", style="Heading2"), p("Văn bản."),
        p("Học tập nghị quyết", style="Tieude3"), p("Văn bản."),
        p("Tổ chức cán bộ", style="Heading2"), p("Văn bản."),
        p("Phát triển kinh tế", style="Heading1"), p("Văn bản."),
    ])
    report = import_docx(make_docx(tmp_path / "a.docx", body, styles=styles)).report
    assert outline(report) == [
        ("I.", "Công tác xây dựng Đảng"), ("1.", "Chính trị tư tưởng"),
        ("1.1.", "Học tập nghị quyết"), ("2.", "Tổ chức cán bộ"), ("II.", "Phát triển kinh tế")]
    assert texts(report.intro) == ["Mở đầu của báo cáo."]
    # the heading style's bold does not leak into the titles or the bodies
    assert all(not r.marks for s in report.sections for para in s.body for r in para.runs)


NUMBERING_XML = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>'
    '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="-"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>')


def _numbered(text: str, num: int, level: int) -> str:
    return p(text, ppr=f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')


def test_word_list_numbering_reads_like_typed_numbers(tmp_path):
    body = "".join([
        _numbered("KẾT QUẢ", 1, 0), _numbered("Kinh tế", 1, 1), _numbered("Nông nghiệp", 1, 2),
        p("Sản lượng lúa tăng."), _numbered("giảm chi phí sản xuất;", 2, 0),
        _numbered("tăng thu nhập.", 2, 0), _numbered("Xã hội", 1, 1), _numbered("NHIỆM VỤ", 1, 0),
    ])
    report = import_docx(make_docx(tmp_path / "a.docx", body, numbering=NUMBERING_XML)).report
    assert outline(report) == [("I.", "KẾT QUẢ"), ("1.", "Kinh tế"), ("1.1.", "Nông nghiệp"),
                               ("2.", "Xã hội"), ("II.", "NHIỆM VỤ")]
    assert texts(by_title(report, "Nông nghiệp")) == [
        "Sản lượng lúa tăng.", "- giảm chi phí sản xuất;", "- tăng thu nhập."]


def test_endnotes_become_footnotes_in_place(tmp_path):
    body = "".join([
        p("I. MỞ ĐẦU"),
        f"<w:p>{run('Theo Nghị quyết')}{ref('endnote', 2)}{run(' của Tỉnh ủy')}"
        f"{ref('footnote', 1)}{run('.')}</w:p>",
    ])
    result = import_docx(make_docx(
        tmp_path / "a.docx", body,
        footnotes=note("footnote", 1, run("Chú thích cuối trang.")),
        endnotes=note("endnote", 2, run("Nghị quyết số 15-NQ/TU", B),
                      run("Đoạn thứ hai, ") + run("in nghiêng", "<w:i/>"))))
    report = result.report
    assert result.summary.footnotes == 2 and result.summary.endnotes == 1
    notes = [fn for _, fn, _ in report.footnotes_in_order()]
    assert [fn.plain_text for fn in notes] == [
        "Nghị quyết số 15-NQ/TU\nĐoạn thứ hai, in nghiêng", "Chú thích cuối trang."]
    assert notes[0].body[0].runs[0].marks == ("b",)
    assert notes[0].body[1].runs[-1].marks == ("i",)
    para = report.sections[0].body[0]
    assert para.text == "Theo Nghị quyết của Tỉnh ủy."
    assert [r.footnote is not None for r in para.runs] == [False, True, False, True, False]
    assert any("endnote" in line for line in result.summary_lines("en"))


def test_superscript_numbers_that_only_look_like_footnotes(tmp_path):
    body = "".join([
        p("I. KINH TẾ"),
        f"<w:p>{run('Diện tích nhà ở bình quân 24,6 m')}{run('2', SUP)}"
        f"{run(' mỗi người; thu ngân sách vượt dự toán')}{run('12', SUP)}{run('.')}</w:p>",
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    problems = result.summary.problems
    assert len(problems) == 1
    assert "“12”" in problems[0] and "KINH TẾ" in problems[0]
    runs = result.report.sections[0].body[0].runs
    assert [(r.text, r.marks) for r in runs if r.marks] == [("2", ("sup",)), ("12", ("sup",))]
    assert result.report.footnotes == {}


def test_references_and_notes_that_do_not_match(tmp_path):
    body = p("I. MỞ ĐẦU") + f"<w:p>{run('Văn bản')}{ref('footnote', 7)}</w:p>"
    result = import_docx(make_docx(tmp_path / "a.docx", body,
                                   footnotes=note("footnote", 3, run("Chú thích mồ côi."))))
    assert len(result.report.footnotes) == 1  # kept, for the clerk to place
    assert result.report.sections[0].body[0].text == "Văn bản"
    msgs = result.summary.problems
    assert any("Chú thích mồ côi." in m for m in msgs)
    assert any("1 tham chiếu" in m for m in msgs)


def test_marks_kept_fonts_sizes_colours_dropped(tmp_path):
    styles = ('<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
              '<w:rPr><w:b/></w:rPr></w:style>')
    fancy = ('<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/><w:color w:val="FF0000"/>'
             '<w:sz w:val="32"/><w:highlight w:val="yellow"/>')
    body = p("I. MỞ ĐẦU") + (
        "<w:p>" + run("thường ", fancy) + run("đậm ", '<w:rStyle w:val="Strong"/>')
        + run("nghiêng ", "<w:i/>") + run("gạch ", '<w:u w:val="single"/>')
        + run("không gạch ", '<w:u w:val="none"/>') + run("CO") + run("2", '<w:vertAlign w:val="subscript"/>')
        + run(" hết đậm", '<w:b w:val="0"/>') + "</w:p>")
    report = import_docx(make_docx(tmp_path / "a.docx", body, styles=styles)).report
    runs = [(r.text, r.marks) for r in report.sections[0].body[0].runs]
    assert runs == [("thường ", ()), ("đậm ", ("b",)), ("nghiêng ", ("i",)), ("gạch ", ("u",)),
                    ("không gạch CO", ()), ("2", ("sub",)), (" hết đậm", ())]


def test_tracked_changes_fields_tabs_and_breaks(tmp_path):
    body = p("I. MỞ ĐẦU") + (
        "<w:p>" + run("Giữ")
        + '<w:del w:id="1" w:author="A"><w:r><w:delText> bỏ đi</w:delText></w:r></w:del>'
        + f'<w:ins w:id="2" w:author="A">{run(" thêm vào")}</w:ins>'
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run(" 7")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + '<w:r><w:tab/><w:t>sau tab</w:t><w:br/><w:t>dòng mới</w:t></w:r>'
        + '<w:hyperlink w:anchor="x">' + run(" liên kết") + "</w:hyperlink>"
        + '<w:r><w:br w:type="page"/></w:r>' + run("Trang sau") + "</w:p>")
    report = import_docx(make_docx(tmp_path / "a.docx", body)).report
    paras = report.sections[0].body
    assert [x.text for x in paras] == ["Giữ thêm vào 7 sau tab\ndòng mới liên kết", "Trang sau"]
    assert paras[1].page_break_before and not paras[0].page_break_before


def test_a_table_in_the_body_comes_in_as_a_table(tmp_path):
    cell = "<w:tc>{}</w:tc>"
    table = ("<w:tbl><w:tr>" + cell.format(p("Chỉ tiêu")) + cell.format(p("Kết quả"))
             + "</w:tr><w:tr>" + cell.format(p("Thu ngân sách")) + cell.format(p("105%"))
             + "</w:tr></w:tbl>")
    body = p("I. KINH TẾ") + p("Kết quả như sau:") + table + p("Đánh giá chung.")
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert texts(result.report.sections[0]) == [
        "Kết quả như sau:", "Chỉ tiêu\tKết quả\nThu ngân sách\t105%", "Đánh giá chung."]
    assert result.report.sections[0].body[1].kind == "table"
    assert not any("bảng" in m for m in result.summary.problems)


def test_images_are_counted(tmp_path):
    body = p("I. MỞ ĐẦU") + "<w:p><w:r><w:drawing/></w:r>" + run("Ảnh hội nghị") + "</w:p>"
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert texts(result.report.sections[0]) == ["Ảnh hội nghị"]
    assert any("1 hình ảnh" in m for m in result.summary.problems)


def test_unrecognised_header_and_closing_lines_stay_as_text(tmp_path):
    body = "".join([
        p("TỈNH ỦY HẬU GIANG", rpr=B), p("*"), p("Số 12-BC/TU"),
        p("Kính gửi: Ban Bí thư Trung ương Đảng"),
        p("ĐẢNG CỘNG SẢN VIỆT NAM", rpr=B), p("Hậu Giang, ngày 05 tháng 02 năm 2024"),
        p("BÁO CÁO", rpr=B), p("tình hình 6 tháng đầu năm", rpr=B), p("-----"),
        p("Mở đầu."), p("I. TÌNH HÌNH"), p("Nội dung."),
        p("Trên đây là báo cáo của Tỉnh ủy."), p("Nơi nhận:"), p("- Ban Bí thư,"),
        p("- Lưu VPTU."), p("T/M TỈNH ỦY"), p("BÍ THƯ"), p("(Đã ký)"), p("Nguyễn Văn Bình"),
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    report = result.report
    h = report.header
    assert (h.issuer, h.number, h.type_code, h.issuer_code) == ("TỈNH ỦY HẬU GIANG", "12", "BC", "TU")
    assert (h.day, h.month, h.year) == (5, 2, 2024)
    assert h.summary == "tình hình 6 tháng đầu năm"
    assert texts(report.intro) == ["Kính gửi: Ban Bí thư Trung ương Đảng", "Mở đầu."]
    assert texts(report.ending) == ["Trên đây là báo cáo của Tỉnh ủy.", "(Đã ký)"]
    c = report.closing
    assert c.recipients == ["Ban Bí thư,", "Lưu VPTU."]
    assert (c.authority, c.position, c.signer) == ("T/M TỈNH ỦY", "BÍ THƯ", "Nguyễn Văn Bình")
    msgs = result.summary.problems
    assert any("Kính gửi" in m for m in msgs) and any("(Đã ký)" in m for m in msgs)


def test_a_document_without_headings(tmp_path):
    body = p("Thông báo ý kiến của Thường trực Tỉnh ủy.") + p("Đề nghị các cơ quan thực hiện.")
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert result.report.sections == []
    assert texts(result.report.intro) == [
        "Thông báo ý kiến của Thường trực Tỉnh ủy.", "Đề nghị các cơ quan thực hiện."]
    assert any("Không tìm thấy đề mục" in m for m in result.summary.problems)
    assert any("No headings" in m for m in result.summary.problem_messages("en"))


def test_strict_open_xml_is_read(tmp_path):
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = (f'<w:document xmlns:w="{strict}"><w:body>{p("I. MỞ ĐẦU")}{p("Nội dung.")}'
           f"</w:body></w:document>").replace(W_NS, strict)
    report = import_docx(make_docx(tmp_path / "a.docx", "", document_xml=xml.encode())).report
    assert outline(report) == [("I.", "MỞ ĐẦU")]
    assert texts(report.sections[0]) == ["Nội dung."]


def _lines(*texts: str, rpr: str = "", center: bool = True) -> str:
    """One paragraph whose lines are separated by line breaks (Shift+Enter in Word)."""
    runs = '<w:r><w:br/></w:r>'.join(run(t, rpr) for t in texts)
    props = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    return f"<w:p>{props}{runs}</w:p>"


def test_header_and_closing_typed_with_line_breaks(tmp_path):
    cell = "<w:tc>{}</w:tc>"
    header = ("<w:tbl><w:tr>"
              + cell.format(_lines("ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY LONG MỸ", "*",
                                   "Số 08-BC/HU"))
              + cell.format(p("ĐẢNG CỘNG SẢN VIỆT NAM", rpr=B) + p("---------------")
                            + p("Long Mỹ, ngày 15 tháng 6 năm 2024", rpr="<w:i/>"))
              + "</w:tr></w:tbl>")
    closing = ("<w:tbl><w:tr>"
               + cell.format(_lines("Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Lưu VPHU.",
                                    center=False))
               + cell.format(_lines("K/T BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "", "Trần Văn Tư"))
               + "</w:tr></w:tbl>")
    body = header + "".join([
        p("BÁO CÁO", rpr=B), p("sơ kết 6 tháng đầu năm 2024", rpr=B), p("-----"),
        p("Mở đầu."), p("I. KẾT QUẢ"), p("Nội dung."), p("Trên đây là báo cáo."),
    ]) + closing
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    h, c = result.report.header, result.report.closing
    assert (h.superior, h.issuer) == ("ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY LONG MỸ")
    assert (h.number, h.type_code, h.issuer_code) == ("08", "BC", "HU")
    assert (h.place, h.day, h.month, h.year) == ("Long Mỹ", 15, 6, 2024)
    assert h.summary == "sơ kết 6 tháng đầu năm 2024"
    assert c.recipients == ["Ban Thường vụ Tỉnh ủy,", "Lưu VPHU."]
    assert (c.authority, c.position, c.signer) == ("K/T BAN THƯỜNG VỤ", "PHÓ BÍ THƯ",
                                                   "Trần Văn Tư")
    assert texts(result.report.intro) == ["Mở đầu."]
    assert texts(result.report.ending) == ["Trên đây là báo cáo."]
    assert result.summary.issues == []


def test_plain_numbered_list_between_bold_headings(tmp_path):
    body = "".join([
        p("I. NHIỆM VỤ", rpr=B), p("1. Công tác tư tưởng", rpr=B),
        p("Các việc chính:"), p("2. Tổ chức hội nghị quán triệt"), p("3. Sơ kết chuyên đề"),
        p("2. Công tác tổ chức", rpr=B), p("Nội dung."),
    ])
    report = import_docx(make_docx(tmp_path / "a.docx", body)).report
    assert outline(report) == [("I.", "NHIỆM VỤ"), ("1.", "Công tác tư tưởng"),
                               ("2.", "Công tác tổ chức")]
    assert texts(by_title(report, "Công tác tư tưởng")) == [
        "Các việc chính:", "2. Tổ chức hội nghị quán triệt", "3. Sơ kết chuyên đề"]


def test_text_boxes_are_read(tmp_path):
    box = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
           'compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
           f'{p("Dự thảo", rpr=B)}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback>'
           f'<w:pict><w:txbxContent>{p("Dự thảo", rpr=B)}</w:txbxContent></w:pict>'
           '</mc:Fallback></mc:AlternateContent></w:r>')
    body = "".join([
        f"<w:p>{run('TỈNH ỦY HẬU GIANG', B)}{box}</w:p>", p("Số -BC/TU"), p("BÁO CÁO", rpr=B),
        p("tình hình quý I", rpr=B), p("-----"), p("I. TÌNH HÌNH"),
        "<w:p>" + run("Xem ảnh") + "<w:r><w:drawing/></w:r></w:p>",
    ])
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    h = result.report.header
    assert (h.issuer, h.draft_mark, h.summary) == ("TỈNH ỦY HẬU GIANG", "Dự thảo", "tình hình quý I")
    assert result.summary.problems == ["1 hình ảnh hoặc khung văn bản không được nhập."]


def test_list_numbers_continue_and_restart_as_in_word(tmp_path):
    numbering = (
        '<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="x"><w:start w:val="?"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="5"/></w:num>'
        '<w:num w:numId="9"><w:abstractNumId w:val="5"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="10"><w:abstractNumId w:val="6"/></w:num>')
    body = "".join([p("I. MỞ ĐẦU"), _numbered("một;", 7, 0), _numbered("hai;", 8, 0),
                    _numbered("lại từ đầu;", 9, 0), _numbered("tiếp.", 9, 0),
                    _numbered("số hỏng", 10, 0)])
    result = import_docx(make_docx(tmp_path / "a.docx", body, numbering=numbering))
    assert texts(result.report.sections[0]) == [
        "a) một;", "b) hai;", "a) lại từ đầu;", "b) tiếp.", "1. số hỏng"]


def test_a_long_unrecognised_closing_is_summarised(tmp_path):
    body = p("I. MỞ ĐẦU") + p("Nội dung.") + p("T/M TỈNH ỦY") + p("BÍ THƯ") + p("Lê Văn A") \
        + "".join(p(f"(Phụ lục dòng {i})") for i in range(25))
    result = import_docx(make_docx(tmp_path / "a.docx", body))
    assert len(result.report.ending.body) == 25  # nothing dropped
    msgs = result.summary.problems
    assert sum("Phụ lục dòng" in m for m in msgs) == 20
    assert msgs[-1] == "… và 5 dòng khác như vậy."

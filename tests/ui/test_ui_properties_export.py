"""Document properties round trip with the live header preview, and export from the window."""

from __future__ import annotations

import importlib.util
import re
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from hgreport.storage import ReportStore
from ui.properties import PropertiesDialog


def test_properties_round_trip_with_live_preview(window, seed_db, monkeypatch):
    seen = {}

    def fill(dlg: PropertiesDialog):
        assert dlg.issuer.text() == "TỈNH ỦY HẬU GIANG"
        assert re.search(r"Hậu Giang, ngày\s+tháng\s+năm 2023",
                         dlg.preview.text().replace("&nbsp;", " "))  # a draft: blanks
        dlg.superior.setText("ĐẢNG BỘ TỈNH HẬU GIANG")
        dlg.number.setText("125")
        dlg.type_name.setCurrentText("KẾ HOẠCH")
        assert dlg.type_code.text() == "KH"  # the code follows the chosen type
        dlg.type_name.setCurrentText("BÁO CÁO")
        dlg.day.setValue(5)
        dlg.month.setValue(2)
        dlg.year.setValue(2024)
        dlg.summary.setText("Tổng kết công tác năm 2023")
        dlg.draft_mark.setCurrentText("")
        dlg.urgency.setCurrentText("KHẨN")
        dlg.recipients.setPlainText("- Ban Bí thư Trung ương Đảng,\n\n- Lưu Văn phòng Tỉnh ủy.")
        dlg.authority.setText("T/M BAN THƯỜNG VỤ")
        dlg.position.setText("BÍ THƯ")
        dlg.signer.setText("Nguyễn Văn A")
        seen["preview"] = dlg.preview.text().replace("&nbsp;", " ")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", fill)
    assert window.edit_properties()
    preview = seen["preview"]
    assert "Hậu Giang, ngày 05 tháng 02 năm 2024" in preview
    assert "Số 125-BC/TU" in preview and "KHẨN" in preview
    assert "ĐẢNG BỘ TỈNH HẬU GIANG" in preview and "ĐẢNG CỘNG SẢN VIỆT NAM" in preview
    with ReportStore.open(seed_db) as store:
        rep = store.load_report()
    h, c = rep.header, rep.closing
    assert (h.superior, h.number, h.type_code, h.day, h.month, h.year) == \
        ("ĐẢNG BỘ TỈNH HẬU GIANG", "125", "BC", 5, 2, 2024)
    assert (h.summary, h.draft_mark, h.urgency) == ("Tổng kết công tác năm 2023", "", "KHẨN")
    assert c.recipients == ["- Ban Bí thư Trung ương Đảng,", "- Lưu Văn phòng Tỉnh ủy."]
    assert (c.authority, c.position, c.signer) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A")
    assert "Tổng kết công tác năm 2023" in window.windowTitle()
    # the dialog opens again with what was saved
    dlg = PropertiesDialog(rep.header, rep.closing, window.session.profile, window)
    assert dlg.day.value() == 5 and dlg.signer.text() == "Nguyễn Văn A"
    assert dlg.values()[1].recipients == c.recipients


def test_cancel_changes_nothing(window, seed_db, monkeypatch):
    def cancel(dlg):
        dlg.issuer.setText("KHÁC")
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(PropertiesDialog, "exec", cancel)
    assert not window.edit_properties()
    with ReportStore.open(seed_db) as store:
        assert store.load_report().header.issuer == "TỈNH ỦY HẬU GIANG"


needs_export = pytest.mark.skipif(importlib.util.find_spec("hgreport.export") is None
                                  or not hasattr(importlib.import_module("hgreport.export"),
                                                 "export_docx"),
                                  reason="hgreport.export has not landed")


@needs_export
def test_export_from_the_window_writes_docx_next_to_the_report(window, seed_db, qtbot,
                                                               dialog_log, type_text):
    from hgreport.export import suggested_filename

    sid = [s.id for s in window.session.report.ordered_sections() if s.body][0]
    window.tree.select(sid)
    window.editor.setFocus()
    type_text(window.editor, "Chưa lưu ")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    expected = seed_db.parent / suggested_filename(window.session.report)
    assert dialog_log.exported == [str(expected)]
    assert expected.exists()
    with zipfile.ZipFile(expected) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8")
    assert "Chưa lưu" in xml  # the text typed a moment ago is in the file
    assert notes.count("<w:footnote ") >= 57 + 2
    assert not window.problems.isVisible()  # the seed has nothing to point out
    assert window.session.state == "saved"
    # an empty new section is pointed out, without blocking the export
    new = window.session.add_section(sid, title="Mục chưa viết")
    assert window.export() == expected
    assert len(dialog_log.exported) == 2
    assert window.problems.isVisible()
    messages = [window.problems.list.item(i).text() for i in range(window.problems.list.count())]
    assert any("Mục chưa viết" in m for m in messages)
    row = next(i for i, m in enumerate(messages) if "Mục chưa viết" in m)
    window.problems._jump(window.problems.list.item(row))
    assert window.editor.section_id == new


@needs_export
def test_export_failure_is_shown_not_raised(window, seed_db, dialog_log, monkeypatch):
    import hgreport.export as export

    def boom(report, path, profile=None, progress=None, stamp=None):
        raise export.TargetInUse(path=str(path), alt="x.docx")

    monkeypatch.setattr(export, "export_docx", boom)
    assert window.export() is None
    assert dialog_log.errors and not dialog_log.exported


@needs_export
def test_after_export_open_and_show_in_folder(window, dialog_log, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog_log.after_export = "open"
    path = window.export()
    assert opened == [str(path)]
    dialog_log.after_export = "folder"
    window.export()
    assert opened[-1] == str(path.parent)


@needs_export
def test_choosing_the_profile_changes_the_preview_the_numbers_and_the_export(
        window, seed_db, dialog_log, monkeypatch):
    seen = {}

    def choose(dlg: PropertiesDialog):
        assert dlg.profile_choice.currentData() == "hd36-2018"
        assert [dlg.profile_choice.itemData(i) for i in range(dlg.profile_choice.count())] == [
            "hd36-2018", "nd30-2020"]
        party = dlg.preview.text()
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party and "CỘNG HÒA" not in party
        dlg.type_name.setCurrentText("QUY ĐỊNH")
        assert dlg.type_code.text() == "QĐ"
        dlg.profile_choice.setCurrentIndex(dlg.profile_choice.findData("nd30-2020"))
        assert dlg.type_code.text() == "QyĐ"  # the code as the State list writes it
        names = [dlg.type_name.itemText(i) for i in range(dlg.type_name.count())]
        assert "THÔNG CÁO" in names and "THÔNG TRI" not in names
        dlg.type_name.setCurrentText("BÁO CÁO")
        dlg.number.setText("7")
        seen["preview"] = dlg.preview.text()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PropertiesDialog, "exec", choose)
    assert window.edit_properties()
    state = seen["preview"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in state and "Độc lập - Tự do - Hạnh phúc" in state
    assert "Số: 07/BC-TU" in state and "ĐẢNG CỘNG SẢN VIỆT NAM" not in state and "-----" not in state
    with ReportStore.open(seed_db) as store:
        assert store.load_report().profile == "nd30-2020"
    # the section numbers follow the State numbering at once ("a)" under "1.")
    assert "a)" in window.session.section_numbers().values()
    assert "3.1." not in window.session.section_numbers().values()
    path = window.export()
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in xml and "Số: 07/BC-TU" in xml
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in xml
    # and back: the Party layout again
    monkeypatch.setattr(PropertiesDialog, "exec", lambda dlg: (
        dlg.profile_choice.setCurrentIndex(dlg.profile_choice.findData("hd36-2018")),
        QDialog.DialogCode.Accepted)[1])
    assert window.edit_properties()
    with zipfile.ZipFile(window.export()) as z:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in z.read("word/document.xml").decode("utf-8")


def test_the_on_screen_page_follows_the_profile(window, monkeypatch, qapp):
    """Font, size, line spacing, indent and text width on screen come from the profile: a
    profile with other values redraws the open sections without making them unsaved."""
    import dataclasses

    import hgreport.workspace.working_copy as session_module
    from hgreport.resources import load_profile
    from ui.blocks import MM_TO_PX, PT_TO_PX

    party = load_profile()
    other = dataclasses.replace(
        party, id="other",
        body=dataclasses.replace(party.body, size_pt=13, line_spacing_pt=21,
                                 first_line_indent_mm=12.7),
        page=dataclasses.replace(party.page, margin_left_mm=20))
    with_text = [s.id for s in window.session.report.ordered_sections() if s.body]
    doc = window.session.document(with_text[0])
    assert doc.defaultFont().pointSizeF() == 14 and doc.defaultFont().family() == "Times New Roman"
    assert abs(doc.begin().blockFormat().lineHeight() - 18 * PT_TO_PX) < 0.01
    width = window.editor.page_width
    window.show()
    window.resize(1900, 900)
    qapp.processEvents()
    side = window.editor.viewportMargins().left()
    assert side > 50  # the page is centred with grey on both sides
    monkeypatch.setattr(session_module, "load_profile", lambda *args: other)
    window.session.set_profile("other")
    assert abs((side - window.editor.viewportMargins().left()) - 10 * MM_TO_PX / 2) <= 1
    assert doc.defaultFont().pointSizeF() == 13
    block = doc.begin().blockFormat()
    assert abs(block.lineHeight() - 21 * PT_TO_PX) < 0.01
    assert abs(block.textIndent() - 12.7 * MM_TO_PX) < 0.01
    assert window.editor.page_width - width == round(175 * MM_TO_PX) - round(165 * MM_TO_PX)
    assert window.session.state == "saved" and not window.session.dirty
    later = window.session.document(with_text[1])  # a section opened afterwards too
    assert later.defaultFont().pointSizeF() == 13
    assert abs(later.begin().blockFormat().lineHeight() - 21 * PT_TO_PX) < 0.01


def test_a_colleagues_profile_change_is_taken_in(window, seed_db):
    with ReportStore.open(seed_db, author="Bình") as colleague:
        theirs = colleague.load_report()
        theirs.profile = "nd30-2020"
        colleague.save_header(theirs)
    window.sharing.poll()
    assert window.session.profile.id == "nd30-2020"
    assert "a)" in window.session.section_numbers().values()
    with zipfile.ZipFile(window.export()) as z:
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in z.read("word/document.xml").decode()


LONG_SUMMARY = ("kết quả thực hiện nhiệm vụ 6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối "
                "năm 2024 của Ban Thường vụ Tỉnh ủy")


@needs_export
def test_the_name_holds_the_whole_summary_and_a_second_export_asks(window, seed_db, dialog_log):
    import dataclasses

    rep = window.session.report
    header = dataclasses.replace(rep.header, summary=LONG_SUMMARY, year=2024, month=6, day=15)
    assert window.session.save_header(header, rep.closing)
    first = window.export()
    assert first.name == f"Báo cáo {LONG_SUMMARY} (2024-06-15).docx"
    assert first.parent == seed_db.parent and dialog_log.replace_asked == []
    dialog_log.replace_answer = "both"
    second = window.export()
    assert dialog_log.replace_asked == [str(first)]
    assert second.name == f"Báo cáo {LONG_SUMMARY} (2024-06-15) (2).docx"
    assert first.exists() and second.exists()
    dialog_log.replace_answer = None  # cancel: nothing written
    before = sorted(p.name for p in seed_db.parent.iterdir())
    assert window.export() is None
    assert sorted(p.name for p in seed_db.parent.iterdir()) == before
    dialog_log.replace_answer = "replace"
    assert window.export() == first
    assert len(list(seed_db.parent.glob("*.docx"))) == 2


@needs_export
def test_open_says_so_when_no_program_opens_word_files(window, dialog_log, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    dialog_log.after_export = "open"
    path = window.export()
    assert len(dialog_log.errors) == 1
    assert ".docx" in dialog_log.errors[0] and str(path) in dialog_log.errors[0]
    dialog_log.after_export = "folder"
    window.export()
    assert len(dialog_log.errors) == 2 and str(path.parent) in dialog_log.errors[1]

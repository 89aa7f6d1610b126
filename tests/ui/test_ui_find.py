"""Find and replace in the section and across the report, with and without accents."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from hgreport.storage import ReportStore
from ui.find import find_all, has_accents


def test_find_all_ignores_accents_and_d_when_asked():
    text = "Công tác xây dựng Đảng, đảng viên và ĐẢNG ỦY"
    every = [(i, i + 4) for i in (text.index("Đảng"), text.index("đảng"), text.index("ĐẢNG"))]
    assert find_all(text, "dang", accents=False) == every
    assert find_all(text, "Đảng", accents=True, case=False) == every
    assert find_all(text, "Đảng", accents=True, case=True) == every[:1]
    assert find_all(text, "dang", accents=True) == []
    assert find_all("Straße strasse", "STRASSE", accents=False) == [(0, 6), (7, 14)]


def test_ctrl_f_finds_in_the_section_then_across_the_report(window, qtbot, type_text):
    first = [s.id for s in window.session.report.ordered_sections() if s.body][0]
    window.tree.select(first)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and not bar.replace_edit.isVisible()
    bar.find_edit.setText("quoc phong")
    bar.accents.setChecked(True)  # "ignore accents"
    assert not window.find_next()  # not in this section
    assert bar.status.text() in ("Not found", "Không tìm thấy")
    bar.whole_report.setChecked(True)
    assert window.find_next()
    assert window.editor.section_id != first
    assert window.editor.textCursor().selectedText().lower() == "quốc phòng"


def test_replace_all_in_the_whole_report_is_undoable_per_section(window, qtbot, seed_db):
    window.tree.select(window.session.report.ordered_sections()[1].id)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.replace_edit.isVisible()
    bar.find_edit.setText("Tỉnh ủy")
    bar.replace_edit.setText("Tỉnh uỷ")
    bar.case.setChecked(True)
    bar.whole_report.setChecked(True)
    before = {s.id: "\n".join(p.text for p in window.session.body_now(s.id))
              for s in window.session.report.all_sections()}
    expected = sum(t.count("Tỉnh ủy") for t in before.values())
    assert expected > 5
    assert window.replace_all() == expected
    after = {sid: "\n".join(p.text for p in window.session.body_now(sid)) for sid in before}
    assert sum(t.count("Tỉnh ủy") for t in after.values()) == 0
    assert len(window.session.numbers) == 57  # no footnote reference was touched
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        rep = store.load_report()
    assert all("Tỉnh ủy" not in s.plain_text for s in rep.all_sections())
    # one undo in a section brings its text back
    changed = next(sid for sid in before if before[sid] != after[sid])
    window.tree.select(changed)
    window.editor.setFocus()
    window.act_undo.trigger()
    assert "\n".join(p.text for p in window.session.body_now(changed)) == before[changed]


def test_replace_one_replaces_the_selected_match_and_moves_on(window, qtbot):
    sid = [s.id for s in window.session.report.ordered_sections() if s.body][0]
    window.tree.select(sid)
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.open_find(True)
    bar = window.find_bar
    bar.find_edit.setText("Đảng")
    bar.replace_edit.setText("ĐẢNG")
    bar.case.setChecked(True)
    text = window.editor.document().toPlainText()
    count = text.count("Đảng")
    window.find_next()
    window.replace_one()
    window.replace_one()
    assert window.editor.document().toPlainText().count("Đảng") == count - 2
    assert window.editor.textCursor().selectedText() == "Đảng"  # the next match is selected


def test_has_accents():
    assert has_accents("kỷ luật") and has_accents("Đảng") and has_accents("d đ")
    assert not has_accents("ky luat") and not has_accents("STRASSE") and not has_accents("")


def test_accents_are_ignored_unless_typed(window, qtbot, qapp):
    window.resize(1366, 768)
    qapp.processEvents()
    window.tree.select(next(s.id for s in window.session.report.ordered_sections()
                            if "kỷ luật" in s.plain_text))
    window.editor.moveCursor(QTextCursor.MoveOperation.Start)
    window.open_find(False)
    bar = window.find_bar
    qapp.processEvents()
    assert bar.find_edit.width() >= 200  # room to read what is typed
    assert bar.accents.isChecked()  # the default: no need to tick anything
    bar.find_edit.setText("ky luat")
    assert window.find_next()
    assert window.editor.textCursor().selectedText() == "kỷ luật"
    bar.find_edit.setText("kỹ luật")  # typed with accents (another tone): exactly those
    assert not window.find_next()
    bar.find_edit.setText("KỶ LUẬT")  # accents exact, capitals still free
    assert window.find_next()
    bar.accents.setChecked(False)  # unticked: accents always count
    bar.find_edit.setText("ky luat")
    assert not window.find_next()

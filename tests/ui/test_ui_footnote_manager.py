"""The footnote manager: delete, problems and their fixes, and the 57 seed footnotes surviving
moves, cut and paste, undo/redo, reload and export."""

from __future__ import annotations

import importlib.util
import re
import zipfile

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from hgreport.checks import find_problems
from hgreport.model import Footnote, Paragraph, Report, Run, Section
from hgreport.storage import ReportStore


def in_order(session) -> list[tuple[int, str]]:
    return [(n, fn.plain_text) for n, fn, _ in session.report.footnotes_in_order()]


def test_delete_from_the_panel_removes_reference_and_text_and_undo_restores(window, seed_db,
                                                                           qtbot):
    panel = window.footnotes
    qtbot.waitUntil(lambda: panel.list.topLevelItemCount() == 57)  # filled once painted
    third = panel.list.topLevelItem(2)
    fid = third.data(0, Qt.ItemDataRole.UserRole)
    text = window.session.footnote(fid).plain_text
    fourth_text = panel.rows()[3][2]
    panel.list.setCurrentItem(third)
    panel.delete_button.click()
    assert fid not in window.session.numbers
    assert panel.rows()[2][2] == fourth_text and len(panel.rows()) == 56
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        assert fid not in store.load_report().footnotes
    window.editor.setFocus()
    window.act_undo.trigger()
    assert window.session.numbers[fid] == 3
    assert window.session.footnote(fid).plain_text == text
    window.session.save_all()
    with ReportStore.open(seed_db) as store:
        rep = store.load_report()
    assert rep.footnote_numbers()[fid] == 3 and rep.footnotes[fid].plain_text == text


@pytest.fixture
def troubled_db(tmp_path):
    """A report with a reference without text, a text without reference and a footnote
    referenced twice."""
    good, twice, orphan = Footnote(body=[Paragraph.of("Chú thích tốt")]), \
        Footnote(body=[Paragraph.of("Chú thích hai lần")]), \
        Footnote(body=[Paragraph.of("Chú thích mồ côi")])
    missing_id = "00000000-0000-4000-8000-000000000001"
    a = Section(title="Mục một", body=[Paragraph([Run("Câu có chú thích"), Run.ref(good.id),
                                                 Run(" và lần một"), Run.ref(twice.id)])],
                position=1)
    b = Section(title="Mục hai", body=[Paragraph([Run("Thiếu nội dung"), Run.ref(missing_id),
                                                 Run(" và lần hai"), Run.ref(twice.id)])],
                position=2)
    rep = Report(sections=[a, b], footnotes={f.id: f for f in (good, twice, orphan)})
    rep.header.issuer = "TỈNH ỦY"
    path = tmp_path / "troubled.db"
    ReportStore.create(path, rep).close()
    return path, {"good": good.id, "twice": twice.id, "orphan": orphan.id,
                  "missing": missing_id, "a": a.id, "b": b.id}


def test_problems_are_shown_with_their_fixes(open_window, troubled_db, type_text):
    path, ids = troubled_db
    win = open_window(path)
    panel = win.footnotes
    assert panel.count() == 4
    kinds = {panel.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole):
             panel.list.topLevelItem(i).data(2, Qt.ItemDataRole.UserRole)
             for i in range(panel.list.topLevelItemCount())}
    assert kinds == {ids["good"]: "ok", ids["twice"]: "duplicate", ids["missing"]: "missing",
                     ids["orphan"]: "orphan"}
    assert "3" in panel.summary.text()

    # a reference without text: write its text
    panel.select(ids["missing"])
    assert panel.fix_button.isVisible()
    panel.fix_button.click()
    type_text(panel.editor, "Nội dung bổ sung")
    panel.flush()
    # two references to one footnote: the second becomes a copy
    panel.select(ids["twice"])
    panel.fix_button.click()
    # a text without reference: attach it at the cursor in section one
    win.tree.select(ids["a"])
    win.editor.moveCursor(QTextCursor.MoveOperation.End)
    panel.select(ids["orphan"])
    panel.fix_button.click()
    assert win.session.footnote_problems() == {"missing": [], "orphan": [], "duplicate": []}
    assert panel.count() == 5
    assert panel.summary.text().count("·") == 0
    win.session.save_all()
    with ReportStore.open(path) as store:
        rep = store.load_report()
    from hgreport.numbering import Numbering
    from hgreport.resources import load_profile

    assert find_problems(rep, Numbering.from_profile(load_profile()), content=False) == []
    texts = [fn.plain_text for _, fn, _ in rep.footnotes_in_order()]
    assert texts == ["Chú thích tốt", "Chú thích hai lần", "Chú thích mồ côi",
                     "Nội dung bổ sung", "Chú thích hai lần"]


def _cut_paragraph_with_refs(win, sid):
    """Select the first paragraph holding a reference and cut it; returns its ids."""
    win.tree.select(sid)
    doc = win.editor.document()
    block = doc.begin()
    while block.isValid() and "\ufffc" not in block.text():
        block = block.next()
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    win.editor.setTextCursor(cursor)
    win.editor.cut()


def _assert_57_in_reading_order(session, texts):
    got = in_order(session)
    assert [n for n, _ in got] == list(range(1, 58))
    assert sorted(t for _, t in got) == texts
    order = [fid for fid, _ in session.report.reference_order()]
    assert [fn.id for _, fn, _ in session.report.footnotes_in_order()] == order


def test_the_57_seed_footnotes_survive_everything(open_window, seed_db, qtbot):
    win = open_window(seed_db)
    s = win.session
    texts = sorted(t for _, t in in_order(s))
    assert len(texts) == 57
    with_refs = [x.id for x in s.report.ordered_sections() if x.footnote_refs()]
    # move sections around
    s.move_section(with_refs[-1], None, 0)
    s.demote(with_refs[2])
    s.promote(with_refs[2])
    _assert_57_in_reading_order(s, texts)
    # cut a paragraph with references from one section and paste it into another
    _cut_paragraph_with_refs(win, with_refs[0])
    assert len(in_order(s)) < 57
    win.tree.select(with_refs[3])
    win.editor.moveCursor(QTextCursor.MoveOperation.End)
    win.editor.textCursor().insertBlock()
    win.editor.paste()
    _assert_57_in_reading_order(s, texts)
    # undo/redo chains in the target section, then in the tree
    win.editor.setFocus()
    for _ in range(2):
        win.editor.undo()
    win.editor.redo()
    win.editor.redo()
    _assert_57_in_reading_order(s, texts)
    win.tree.setFocus()
    s.undo_stack.undo()
    s.undo_stack.undo()
    s.undo_stack.redo()
    _assert_57_in_reading_order(s, texts)
    numbers_on_screen = [r[0] for r in win.footnotes.rows()]
    assert numbers_on_screen == [str(n) for n in range(1, 58)]
    shown = dict(s.numbers)
    # reload from disk
    win.close()
    again = open_window(seed_db)
    _assert_57_in_reading_order(again.session, texts)
    assert again.session.numbers == shown
    # export: the Word file carries the same texts in the same order
    if importlib.util.find_spec("hgreport.export") is None:
        return
    path = again.export()
    with zipfile.ZipFile(path) as z:
        notes = z.read("word/footnotes.xml").decode("utf-8")
    bodies = re.findall(r'<w:footnote [^>]*w:id="(\d+)"[^>]*>(.*?)</w:footnote>', notes, re.S)
    exported = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", b)).strip()
                for i, b in bodies if int(i) > 0]
    expected = [t for _, t in in_order(again.session)]
    assert len(exported) == 57
    assert [" ".join(e.split())[:30] for e in exported] == \
        [" ".join(t.split())[:30] for t in expected]

"""Working on the section tree at random — new sections and subsections, renames, moves up and
down, in and out a level, deletions with their footnotes, typing in between, undo and redo
from the tree, saves — keeps the file whole: every saved reference has its footnote and every
footnote its reference, the numbering has no gap, and the sections undone come back with
their text."""

from __future__ import annotations

import random

from hgreport.storage import ReportStore


def _check_saved(window) -> None:
    assert window.session.save_all()
    with ReportStore.open(window.store.path) as store:
        report = store.load_report()
    check = report.check_references()
    assert not check.missing and not check.orphans and not check.duplicates, check
    numbers = report.footnote_numbers()
    assert sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    assert {s.id for s in report.sections} == {
        sid for sid in window.session.section_numbers() if window.session.has_section(sid)} - {
        report.intro.id, report.ending.id}


def test_random_tree_work_keeps_the_file_whole(type_text, window):
    rng = random.Random(5)
    session = window.session
    titles = {s.id: s.title for s in session.report.ordered_sections()}
    for step in range(120):
        ids = [s.id for s in session.report.ordered_sections()]
        if not ids:  # a deletion took a whole subtree, the last: start again
            session.add_section(None, title=f"Mục {step}")
            continue
        sid = rng.choice(ids)
        what = rng.random()
        if what < 0.15:
            session.add_section(sid, child=rng.random() < 0.4, title=f"Mục mới {step}")
        elif what < 0.25:
            session.rename_section(sid, f"Tên mới {step}")
        elif what < 0.35:
            session.move_up(sid)
        elif what < 0.45:
            session.move_down(sid)
        elif what < 0.5:
            session.promote(sid)
        elif what < 0.55:
            session.demote(sid)
        elif what < 0.65 and len(ids) > 3:
            session.delete_section(sid)
        elif what < 0.8:
            window.tree.select(sid)
            window.editor.setFocus()
            type_text(window.editor, "Thêm chữ. ")
            if rng.random() < 0.3:
                window.editor.insert_footnote()
        elif what < 0.92:
            session.undo_stack.undo()
        else:
            session.undo_stack.redo()
        if step % 20 == 19:
            _check_saved(window)
    _check_saved(window)
    while session.undo_stack.canUndo():  # every tree change undone: the sections are back
        session.undo_stack.undo()
    _check_saved(window)
    assert {s.id: s.title for s in session.report.ordered_sections()} == titles

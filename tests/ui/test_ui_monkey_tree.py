"""Working on the section tree at random — new sections and subsections, renames, moves up and
down, in and out a level, deletions with their footnotes, typing in between, undo and redo
from the tree, saves — keeps the file whole: every saved reference has its footnote and every
footnote its reference, the numbering has no gap, and the sections undone come back with
their text."""

from __future__ import annotations

import random

from _ui_helpers import random_tree_step

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
    for step in range(160):
        ids = [s.id for s in session.report.ordered_sections()]
        if rng.random() < 0.65 or not ids:
            random_tree_step(rng, session, step)
        else:  # typing in a section, now and then a new footnote
            window.tree.select(rng.choice(ids))
            window.editor.setFocus()
            type_text(window.editor, "Thêm chữ. ")
            if rng.random() < 0.3:
                window.editor.insert_footnote()
        if step % 20 == 19:
            _check_saved(window)
    _check_saved(window)
    while session.undo_stack.canUndo():  # every tree change undone: the sections are back
        session.undo_stack.undo()
    _check_saved(window)
    assert {s.id: s.title for s in session.report.ordered_sections()} == titles

"""Two people writing in the same footnotes at once, in the footnote panel, at random: each
types at the start or the end of a note, saves, and takes in the other's saves (the program's
own autosave and watch, with text still being typed in the panel); where both changed the same
paragraph of a note they keep both. Nothing either of them typed is lost, and both windows end
showing what the file holds."""

from __future__ import annotations

import random

from _ui_helpers import body_sections, settle
from PySide6.QtGui import QTextCursor

from hgreport.storage import ReportStore
from ui.blocks import body_of


def test_two_people_writing_in_the_same_footnotes_lose_nothing(
        window, colleague_window, seed_db, dialog_log, type_text):
    dialog_log.conflict_answer = "both"
    other = colleague_window
    people = {"A": window, "B": other}
    sid = body_sections(window, 3)[0]
    fids = [f for p in window.session.section(sid).body for f in p.footnote_refs()][:3]
    rng = random.Random(5)
    typed: list[str] = []
    for step in range(120):
        name = rng.choice("AB")
        win = people[name]
        what = rng.random()
        if what < 0.55:
            win.footnotes.edit(rng.choice(fids))
            editor = win.footnotes.editor
            cursor = editor.textCursor()
            cursor.movePosition(rng.choice([QTextCursor.MoveOperation.End,
                                            QTextCursor.MoveOperation.Start]))
            editor.setTextCursor(cursor)
            type_text(editor, f" {name}{step}f ")  # still in the panel: not pushed yet
            typed.append(f"{name}{step}f")
        elif what < 0.8:
            win.session.save_all()  # as the autosave does
        else:
            win.session.pull_changes()  # as the watch on the file does
    settle(*people.values())
    with ReportStore.open(seed_db) as store:
        notes = store.load_report().footnotes
    text = " ".join(notes[f].plain_text for f in fids)
    assert [w for w in typed if w not in text] == []
    assert dialog_log.conflicts  # they did write in the same paragraphs
    for win in people.values():
        for f in fids:
            assert win.session.footnote(f).plain_text == notes[f].plain_text
        shown = win.footnotes._editing
        assert [p.to_dict() for p in body_of(win.footnotes.editor.document())] == \
            [p.to_dict() for p in win.session.footnote(shown).body]
    assert dialog_log.errors == []

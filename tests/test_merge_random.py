"""Copies passed on USB that diverged at random — paragraphs typed into, added, moved to another
section, deleted; footnotes added and edited; sections added, renamed, moved and deleted;
table cells and rows — merge into a whole report whatever the answers to the conflicts: every
reference has its footnote and every footnote one reference, with "keep both" no word either
side typed is lost, and merging again changes nothing."""

from __future__ import annotations

import random

import pytest
from _sharing_helpers import copy_of, problems

from hgreport.merge import list_conflicts, merge_copy, resolve_conflict
from hgreport.model import Cell, Footnote, Paragraph, Row, Run, Section, Table
from hgreport.storage import ReportStore


def _edit(rng: random.Random, store: ReportStore, who: str, rounds: int) -> list[str]:
    """Random edits; returns the words typed that should survive a merge."""
    words: list[str] = []
    for k in range(rounds):
        report = store.load_report()
        secs = [s for s in report.ordered_sections() if not s.damaged]
        sec = rng.choice(secs)
        what = rng.random()
        word = f"{who}{k}x"
        if what < 0.35 and sec.body:
            i = rng.randrange(len(sec.body))
            p = sec.body[i]
            if isinstance(p, Paragraph):
                sec.body[i] = Paragraph([Run(word + " "), *p.runs], p.align, id=p.id)
                words.append(word)
        elif what < 0.45:
            sec.body.insert(rng.randint(0, len(sec.body)), Paragraph.of(word))
            words.append(word)
        elif what < 0.52:
            fn = store.add_footnote(Footnote(body=[Paragraph.of(f"Chú thích {word}")]))
            sec.body.append(Paragraph([Run(word), Run.ref(fn.id)]))
            words.append(word)
        elif what < 0.58 and sec.body:
            del sec.body[rng.randrange(len(sec.body))]
        elif what < 0.64 and sec.body:  # a paragraph moved to another section
            other = rng.choice([s for s in secs if s.id != sec.id])
            para = sec.body.pop(rng.randrange(len(sec.body)))
            store.save_section(sec)
            other = store.load_section(other.id)
            other.body.append(para)
            store.save_section(other)
            continue
        elif what < 0.7:
            tables = [b for b in sec.body if isinstance(b, Table)]
            if tables:
                t = rng.choice(tables)
                r, c, _ = rng.choice(list(t.cells()))
                t.rows[r].cells[c] = Cell.of(word)
                if rng.random() < 0.3:
                    t.rows.append(Row([Cell.of(f"{word}r") for _ in t.columns]))
            else:
                sec.body.append(Table.of([[word, "1"], ["2", "3"]], header_rows=1))
            words.append(word)
        elif what < 0.76:
            store.add_section(Section(title=f"Mục {word}", parent_id=sec.parent_id,
                                      position=sec.position + 0.5,
                                      body=[Paragraph.of(word)]))
            words.append(word)
            continue
        elif what < 0.82:
            sec.title = f"{sec.title} {word}"
            words.append(word)
        elif what < 0.86 and len(secs) > 6:
            store.delete_section(sec.id)
            continue
        elif what < 0.92:
            notes = [f for f in sec.footnote_refs() if f in report.footnotes]
            if notes:
                fn = store.load_footnote(rng.choice(notes))
                fn.body = [Paragraph.of(f"{fn.plain_text} {word}")]
                store.save_footnote(fn)
                words.append(word)
            continue
        else:
            continue
        store.save_section(sec)
    return words


def _text(path) -> str:
    with ReportStore.open(path) as store:
        report = store.load_report()
    return " ".join([s.title for s in report.all_sections()]
                    + [s.plain_text for s in report.all_sections()]
                    + [f.plain_text for f in report.footnotes.values()])


@pytest.mark.parametrize(("seed", "answer"), [(1, "both"), (2, "both"), (3, "both"),
                                              (4, "random"), (5, "random"), (6, "random")])
def test_random_diverged_copies_merge_whole(seed_db, tmp_path, seed, answer):
    rng = random.Random(seed)
    theirs_path = copy_of(seed_db, tmp_path / "ban-sao.db")
    with ReportStore.open(seed_db, author="An") as mine:
        typed = _edit(rng, mine, "A", 40)
    with ReportStore.open(theirs_path, author="Bình") as theirs:
        typed += _edit(rng, theirs, "B", 40)
    on_each_side = _text(seed_db) + " " + _text(theirs_path)
    typed = [w for w in typed if w in on_each_side]  # not deleted again by whoever typed it
    merge_copy(seed_db, theirs_path, author="An")
    with ReportStore.open(seed_db, author="An") as store:
        for conflict in list_conflicts(store):
            choice = "both" if answer == "both" else rng.choice(["mine", "theirs", "both"])
            resolve_conflict(store, conflict.id, choice)
    assert problems(seed_db) == []
    with ReportStore.open(seed_db) as store:
        assert not store.load_report().check_references()
    lost = [w for w in typed if w not in _text(seed_db)]
    if answer == "both":  # keeping both everywhere, nothing either side typed goes
        assert lost == []
    assert not merge_copy(seed_db, theirs_path, author="An").changed

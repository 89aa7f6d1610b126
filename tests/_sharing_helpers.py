"""Helpers shared by the sharing, merge, history and concurrency tests (no fixtures here)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hgreport.checks import find_problems
from hgreport.interchange import report_to_data
from hgreport.model import walk_tree
from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.storage import ReportStore


def copy_of(path: Path, target: Path) -> Path:
    """A copy made the way "Send a copy…" makes it (VACUUM INTO); ``path`` itself is only read
    (an older file, such as a fixture, is upgraded in memory, never in place)."""
    with ReportStore.open(path, read_only=True) as store:
        return store.copy_to(target)


def sections(store: ReportStore):
    """The numbered sections in reading order (index 0 = "I. CÔNG TÁC XÂY DỰNG ĐẢNG")."""
    return store.load_report().ordered_sections()


def numbered_titles(path: Path) -> list[tuple[str, str]]:
    with ReportStore.open(path) as store:
        report = store.load_report()
    numbering = Numbering.from_profile(load_profile(report.profile))
    return [(n.number, n.section.title) for n in walk_tree(report.tree(numbering))]


def content(path: Path) -> dict:
    """The whole report as a person sees it (no versions, no revision ids)."""
    with ReportStore.open(path) as store:
        return report_to_data(store.load_report())


def problems(path: Path) -> list[str]:
    """What `hgreport check` fails on (footnote invariants) plus the integrity check."""
    with ReportStore.open(path) as store:
        report = store.load_report()
        found = [p.message("en") for p in find_problems(
            report, Numbering.from_profile(load_profile(report.profile)), content=False)]
        return found + store.integrity_problems()


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


# -- workers run in separate OS processes by test_concurrency.py ----------------------------------
def put_token(sec, token: str, filler: int = 0) -> None:
    """Make ``token`` the text of the section's first paragraph (its footnote references stay);
    ``filler`` repeats it in a second paragraph to make the save longer."""
    from hgreport.model import Paragraph, Run

    refs = sec.body[0].footnote_refs() if sec.body else []
    first = Paragraph([Run.of(token), *[Run.ref(f) for f in refs]])
    sec.body[:1] = [first]
    if filler:
        sec.body[1:2] = [Paragraph.of(" ".join([token] * filler))]


def first_text(data: dict) -> str:
    """The first paragraph's text in a revision snapshot of a section."""
    import json

    body = json.loads(data.get("body", "[]"))
    return "".join(r.get("t", "") for r in body[0]["runs"]) if body else ""


def save_storm(path: str, worker: int, saves: int, shared_id: str, own_id: str,
               seed: int, out: str, barrier=None) -> None:
    """Save ``saves`` times, each time the shared section or this worker's own one (at random),
    with random pauses; write what landed and what was reported as a conflict to ``out``."""
    import json
    import random
    import time

    from hgreport import errors

    rng = random.Random(seed)
    landed: list[str] = []
    conflicts: list[str] = []
    locked_retries = 0
    with ReportStore.open(path, author=f"worker-{worker}", busy_timeout=20) as store:
        if barrier is not None:  # all workers start saving together
            barrier.wait(60)
        for n in range(saves):
            sid = shared_id if rng.random() < 0.5 else own_id
            token = f"w{worker}-{n}"
            sec = store.load_section(sid)
            time.sleep(rng.random() * 0.002)  # "typing" between loading and saving
            put_token(sec, token)
            while True:
                try:
                    store.save_section(sec)
                    landed.append(token)
                    break
                except errors.Conflict:
                    conflicts.append(token)
                    break
                except errors.Locked:  # nothing was written; the window retries visibly
                    locked_retries += 1
                    time.sleep(0.01)
            time.sleep(rng.random() * 0.001)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump({"landed": landed, "conflicts": conflicts, "locked_retries": locked_retries},
                  fh)


def save_until_killed(path: str, section_ids: list[str], prefix: str) -> None:
    """Save as fast as possible, printing each token once its save has returned (committed);
    the test kills this process with SIGKILL at a random moment."""
    import random
    import sys

    rng = random.Random(prefix)
    with ReportStore.open(path, author=prefix, busy_timeout=20) as store:
        print("ready", flush=True)
        n = 0
        while True:
            sec = store.load_section(rng.choice(section_ids))
            token = f"{prefix}-{n}"
            put_token(sec, token, filler=300)
            store.save_section(sec)
            sys.stdout.write(token + "\n")
            sys.stdout.flush()
            n += 1

"""A report is read as one snapshot (issue 16, item 3): a colleague deleting and restoring a
section with footnotes while this process loads never gives references without their text, nor
footnotes without their reference."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from hgreport.cli import main
from hgreport.storage import ReportStore

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

_COLLEAGUE = """
import sys
from hgreport.storage import ReportStore
with ReportStore.open(sys.argv[1], author="Bình", busy_timeout=20) as store:
    print("ready", flush=True)
    while True:
        store.delete_section(sys.argv[2])
        store.restore_section(sys.argv[2])
"""


def _colleague(path: Path, section_id: str) -> subprocess.Popen:
    """Another process deleting and restoring ``section_id`` as fast as it can."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _COLLEAGUE, str(path), section_id],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    time.sleep(0.05)
    return proc


def _with_footnotes(path: Path) -> str:
    with ReportStore.open(path) as store:
        report = store.load_report()
    # the section with the most footnotes of its own: "1. Công tác chính trị, tư tưởng …"
    return max(report.ordered_sections(), key=lambda s: len(s.footnote_refs())).id


def test_loading_while_a_colleague_deletes_a_section_never_tears(seed_db):
    sid = _with_footnotes(seed_db)
    proc = _colleague(seed_db, sid)
    torn, seen_deleted, seen_present = [], 0, 0
    try:
        with ReportStore.open(seed_db, busy_timeout=20) as store:
            for _ in range(40):
                report = store.load_report()
                problems = report.check_references()
                if problems:
                    torn.append(problems)
                present = any(s.id == sid for s in report.sections)
                seen_present += present
                seen_deleted += not present
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert torn == []
    assert seen_deleted and seen_present  # the loads did see the colleague at work


def test_check_reports_no_false_missing_footnote_under_contention(seed_db, capsys):
    sid = _with_footnotes(seed_db)
    proc = _colleague(seed_db, sid)
    codes = []
    try:
        for _ in range(15):
            codes.append(main(["check", str(seed_db)]))
            capsys.readouterr()
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert codes == [0] * 15

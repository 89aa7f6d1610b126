"""Build the seed report at real size (×1) or scaled (×N) for benchmarks."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_JSON = ROOT.parent / "shared" / "seed" / "report-2023.json"
sys.path.insert(0, str(ROOT))

from hgreport.interchange import load_report_json  # noqa: E402
from hgreport.model import Report  # noqa: E402


def seed_report(times: int = 1) -> Report:
    """The seed report repeated ``times`` times (fresh ids for every copy)."""
    report = load_report_json(SEED_JSON)
    for i in range(1, times):
        more = load_report_json(SEED_JSON)
        for s in more.sections:
            if s.parent_id is None:
                s.position += i * 100
        report.sections.extend(more.sections)
        report.footnotes.update(more.footnotes)
        # the copies' intro and ending paragraphs go into their first section
        first = min((s for s in more.sections if s.parent_id is None), key=lambda s: s.position)
        first.body = more.intro.body + first.body + more.ending.body
    return report

"""Review rounds at real size: the compare export of the seed report against a named draft
after 50 paragraphs were edited, a section deleted and one added; and bringing back a reviewed
seed (50 paragraphs edited, 20 tracked changes, 10 comments).

Targets (issue 15): compare export of the seed ≤ 300 ms; bringing back ≤ 1 s.

    python bench/review_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from _review_helpers import make_reviewed  # noqa: E402
from _seed import seed_report  # noqa: E402

from hgreport.export import export_docx  # noqa: E402
from hgreport.model import Paragraph, Run, Section  # noqa: E402
from hgreport.review.bringback import bring_back  # noqa: E402
from hgreport.review.compare import export_compare  # noqa: E402
from hgreport.review.drafts import export_stamp, mark_draft  # noqa: E402
from hgreport.storage import ReportStore  # noqa: E402


def edited_round(path: Path) -> None:
    """The seed marked "Dự thảo lần 1", then 50 paragraphs edited by a word or two."""
    ReportStore.create(path, seed_report(), author="Văn phòng").close()
    with ReportStore.open(path, author="Văn phòng") as store:
        mark_draft(store, "Dự thảo lần 1")
        report = store.load_report()
        left = 50
        for sec in report.ordered_sections():
            touched = False
            for block in sec.body:
                if left and isinstance(block, Paragraph) and block.runs and block.runs[0].text:
                    first = block.runs[0]
                    words = first.text.split(" ")
                    words[len(words) // 2] = "đã-sửa"
                    block.runs[0] = Run(" ".join(words), list(first.marks))
                    left -= 1
                    touched = True
            if touched:
                store.save_section(sec)
        leaf = next(s for s in report.ordered_sections()
                    if s.parent_id and not any(c.parent_id == s.id for c in report.sections))
        store.delete_section(leaf.id)
        store.add_section(Section(title="Mục mới", position=999.0,
                                  body=[Paragraph.of("Nội dung mới.")]))


def reviewed_seed(folder: Path) -> tuple[Path, Path]:
    """The seed exported as "Dự thảo lần 1" and returned with 50 paragraphs edited, 20
    tracked changes and 10 comments."""
    db = folder / "review.db"
    ReportStore.create(db, seed_report(), author="Văn phòng").close()
    with ReportStore.open(db) as store:
        mark_draft(store, "Dự thảo lần 1")
        report = store.load_report()
        sent = export_docx(report, folder / "sent.docx", stamp=export_stamp(store))
    paragraphs = []
    for sec in report.all_sections():
        for block in sec.body:
            words = block.text.split()
            once = [w for w in words[8:] if words.count(w) == 1 and block.text.count(w) == 1]
            if len(once) >= 4 and not block.footnote_refs():
                paragraphs.append((block.text[:30], iter(once)))

    def spots(n: int, start: int = 0) -> list[tuple[str, str]]:
        """``n`` (paragraph start, a word used once there) not handed out before."""
        picked = [paragraphs[(start + k) % len(paragraphs)] for k in range(n)]
        return [(prefix, next(words)) for prefix, words in picked]

    direct = [(pre, w, "đã-sửa") for pre, w in spots(50)]
    tracked = [(pre, w, "đề-xuất") for pre, w in spots(20)]
    comments = [(pre, w, "Góp ý số liệu") for pre, w in spots(10, 20)]
    back = make_reviewed(sent, folder / "back.docx", direct=direct, tracked=tracked,
                         comments=comments)
    return db, back


def bring_back_times(runs: int) -> tuple[float, object]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db, back = reviewed_seed(folder)
        original = db.read_bytes()
        times = []
        result = None
        for i in range(runs + 1):
            fresh = folder / f"copy{i}.db"
            fresh.write_bytes(original)
            with ReportStore.open(fresh) as store:
                t0 = time.perf_counter()
                result = bring_back(store, back)
                if i:
                    times.append(time.perf_counter() - t0)
        return statistics.median(times) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "report.db"
        edited_round(db)
        times = []
        counts = {}
        with ReportStore.open(db) as store:
            for i in range(runs + 1):
                t0 = time.perf_counter()
                _, counts = export_compare(store, "Dự thảo lần 1", Path(tmp) / f"c{i}.docx")
                if i:  # the first run warms the imports and caches
                    times.append(time.perf_counter() - t0)
        median = statistics.median(times) * 1000
        print(f"compare export of the seed (50 paragraphs edited): {median:.0f} ms median of "
              f"{runs} (target ≤ 300 ms); {counts['ins']} insertions, {counts['del']} deletions")
    median, result = bring_back_times(runs)
    print(f"bringing back a reviewed seed: {median:.0f} ms median of {runs} (target ≤ 1 s); "
          f"{result.paragraphs} paragraphs, {result.suggestions} suggestions, "
          f"{result.comments} comments, {len(result.conflicts)} conflicts, "
          f"{len(result.unplaced)} not placed")


if __name__ == "__main__":
    main()

"""Sharing figures: saves per second with 1/2/5 processes on one file, merge of diverged copies,
history of a much-edited section, a backup, a heartbeat.

    python bench/sharing_bench.py [--times 10] [--saves 300]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _seed import seed_report  # noqa: E402

from hgreport import backup, errors  # noqa: E402
from hgreport.history import history  # noqa: E402
from hgreport.merge import merge_copy  # noqa: E402
from hgreport.model import Paragraph  # noqa: E402
from hgreport.sharing import Presence  # noqa: E402
from hgreport.storage import ReportStore  # noqa: E402


def _saver(path: str, section_id: str, saves: int, queue) -> None:
    times, conflicts = [], 0
    with ReportStore.open(path, author="bench", busy_timeout=30) as store:
        for n in range(saves):
            sec = store.load_section(section_id)
            sec.body[-1:] = [Paragraph.of(f"lần lưu {n}")]
            start = time.perf_counter()
            try:
                store.save_section(sec)
            except errors.Conflict:
                conflicts += 1
            times.append(time.perf_counter() - start)
    queue.put((times, conflicts))


def bench_concurrent_saves(path: Path, ids: list[str], saves: int) -> None:
    ctx = multiprocessing.get_context("spawn")
    for workers in (1, 2, 5):
        queue = ctx.Queue()
        procs = [ctx.Process(target=_saver, args=(str(path), ids[n + 1], saves, queue))
                 for n in range(workers)]
        start = time.perf_counter()
        for p in procs:
            p.start()
        results = [queue.get() for _ in procs]
        for p in procs:
            p.join()
        wall = time.perf_counter() - start
        times = sorted(t for r, _ in results for t in r)
        p95 = times[int(len(times) * 0.95)]
        print(f"saves, {workers} process(es) × {saves} (different sections): "
              f"{len(times) / wall:7.0f} saves/s incl. start-up, median "
              f"{statistics.median(times) * 1000:5.1f} ms, p95 {p95 * 1000:5.1f} ms")


def bench_merge(path: Path, ids: list[str], saves: int, tmp: Path) -> None:
    theirs = tmp / "theirs.db"
    with ReportStore.open(path) as store:
        store.copy_to(theirs)
    for target, author, offset in ((path, "An", 0), (theirs, "Bình", 1)):
        with ReportStore.open(target, author=author) as store:
            for n in range(saves):
                sec = store.load_section(ids[(2 * n + offset) % len(ids)])
                sec.body.append(Paragraph.of(f"{author} {n}"))
                store.save_section(sec)
    start = time.perf_counter()
    result = merge_copy(path, theirs, author="An")
    first = time.perf_counter() - start
    start = time.perf_counter()
    merge_copy(path, theirs, author="An")
    again = time.perf_counter() - start
    print(f"merge of diverged copies ({saves} saves on each side): {first * 1000:7.0f} ms "
          f"{result.counts()}; merging it again: {again * 1000:5.0f} ms")


def bench_history(path: Path, section_id: str) -> None:
    with ReportStore.open(path) as store:
        start = time.perf_counter()
        entries = history(store, section_id)
        took = time.perf_counter() - start
    print(f"history of a section with {len(entries)} revisions: {took * 1000:7.0f} ms")


def bench_backup_and_heartbeat(path: Path) -> None:
    with ReportStore.open(path, author="An") as store:
        start = time.perf_counter()
        made = backup.make_backup(store, "manual")
        took = time.perf_counter() - start
        print(f"backup (VACUUM INTO) of {path.stat().st_size / 1e6:.1f} MB: {took * 1000:7.0f} ms")
        made.unlink()
        presence = Presence(store)
        presence.claim("x")
        start = time.perf_counter()
        for _ in range(50):
            presence.heartbeat()
            presence.others()
        print(f"heartbeat + who else: {(time.perf_counter() - start) / 50 * 1000:7.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, default=10, help="seed report repeated N times")
    ap.add_argument("--saves", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        import os

        os.environ["HGREPORT_DATA_DIR"] = str(tmp / "userdata")
        path = tmp / "report.db"
        ReportStore.create(path, seed_report(args.times), author="bench").close()
        with ReportStore.open(path) as store:
            ids = [s.id for s in store.load_report().ordered_sections() if s.body]
        print(f"seed ×{args.times}: {len(ids)} sections with text, "
              f"{path.stat().st_size / 1e6:.1f} MB")
        bench_concurrent_saves(path, ids, args.saves)
        bench_history(path, ids[1])
        bench_merge(path, ids, args.saves, tmp)
        bench_backup_and_heartbeat(path)


if __name__ == "__main__":
    main()

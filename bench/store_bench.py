"""Store benchmark on the seed report ×20 (340 sections, 1,140 footnotes).

Targets (2-core machine): open + load the tree ≤ 150 ms, load a section ≤ 5 ms,
save a section ≤ 10 ms and flat in report size, peak RSS ≤ 150 MB.

    python3 bench/store_bench.py [--times 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from _seed import seed_report

from hgreport.numbering import Numbering
from hgreport.resources import load_profile
from hgreport.storage import ReportStore


def ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples) * 1000:7.2f} ms  max {max(samples) * 1000:7.2f} ms"


def bench(times: int, rounds: int) -> dict:
    report = seed_report(times)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        t = time.perf_counter()
        ReportStore.create(path, report, author="bench").close()
        create = time.perf_counter() - t
        numbering = Numbering.from_profile(load_profile())
        opens, outline_opens, loads, saves = [], [], [], []
        for _ in range(rounds):
            t = time.perf_counter()
            store = ReportStore.open(path, author="bench")
            full = store.load_report()
            full.tree(numbering)
            full.footnote_numbers()
            opens.append(time.perf_counter() - t)
            store.close()
            t = time.perf_counter()
            store = ReportStore.open(path, author="bench")
            store.load_outline()
            outline_opens.append(time.perf_counter() - t)
        ids = [s.id for s in full.ordered_sections()]
        biggest = max(full.ordered_sections(), key=lambda s: len(s.plain_text)).id
        for i in range(rounds * 5):
            t = time.perf_counter()
            sec = store.load_section(ids[i % len(ids)])
            loads.append(time.perf_counter() - t)
        sec = store.load_section(biggest)
        for _ in range(rounds * 5):
            sec.body[0].runs[-1:] = sec.body[0].runs[-1:]  # same text, a real write each time
            t = time.perf_counter()
            sec = store.save_section(sec)
            saves.append(time.perf_counter() - t)
        store.close()
        size = path.stat().st_size
    return {"times": times, "sections": len(report.sections), "footnotes": len(report.footnotes),
            "create": create, "open": opens, "outline": outline_opens, "load": loads,
            "save": saves, "size": size}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    for times in sorted({1, args.times}):
        r = bench(times, args.rounds)
        print(f"seed ×{times}: {r['sections']} sections, {r['footnotes']} footnotes, "
              f"file {r['size'] / 1e6:.1f} MB, create {r['create'] * 1000:.0f} ms")
        print(f"  open + load whole report + tree + footnote numbers: {ms(r['open'])}")
        print(f"  open + load outline (no bodies):                   {ms(r['outline'])}")
        print(f"  load one section:                                  {ms(r['load'])}")
        print(f"  save the largest section:                          {ms(r['save'])}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()

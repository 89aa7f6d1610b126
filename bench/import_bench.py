"""DOCX import benchmark: the seed report (17 sections, 57 footnotes) and the seed ×20
(340 sections, 1,140 footnotes), written by hgreport's own exporter, read back.

Targets (2-core machine): seed-size import ≤ 300 ms, ×20 ≤ 3 s.

    python3 bench/import_bench.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _seed import seed_report

from hgreport.export import export_docx
from hgreport.importer import import_docx

TARGETS = {1: 0.300, 20: 3.0}


def bench(times: int, rounds: int, folder: Path) -> tuple[list[float], int, int, int]:
    report = seed_report(times)
    path = export_docx(report, folder / f"seed-x{times}.docx")
    samples = []
    for _ in range(rounds):
        t = time.perf_counter()
        result = import_docx(path)
        samples.append(time.perf_counter() - t)
    assert len(result.report.sections) == len(report.sections), "sections lost"
    assert len(result.report.footnotes) == len(report.footnotes), "footnotes lost"
    return samples, len(result.report.sections), len(result.report.footnotes), path.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for times, target in TARGETS.items():
            samples, sections, notes, size = bench(times, args.rounds, Path(tmp))
            median = statistics.median(samples)
            verdict = "ok" if median <= target else "SLOW"
            ok &= median <= target
            print(f"import seed x{times:<2} ({sections} sections, {notes} footnotes, "
                  f"{size / 1024:.0f} KB): median {median * 1000:7.1f} ms  "
                  f"min {min(samples) * 1000:7.1f} ms  max {max(samples) * 1000:7.1f} ms  "
                  f"target {target * 1000:.0f} ms  {verdict}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

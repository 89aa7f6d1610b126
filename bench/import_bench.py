"""DOCX import benchmark: the seed report (17 sections, 57 footnotes) and the seed ×20
(340 sections, 1,140 footnotes), written by hgreport's own exporter, read back.

Targets (2-core machine): seed-size import ≤ 300 ms, ×20 ≤ 3 s.

When LibreOffice is installed, the seed saved as .doc, .odt and .rtf is imported too (through
LibreOffice, which takes most of the time): no target, the figure a clerk waits for.

    python3 bench/import_bench.py [--rounds 5] [--no-convert]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _seed import seed_report

from hgreport.export import export_docx
from hgreport.importer import Converter, import_docx, import_file

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


def bench_converted(folder: Path, rounds: int) -> None:
    """The seed saved by LibreOffice as .doc, .odt, .rtf, imported through LibreOffice."""
    converter = Converter.find(temp_root=folder)
    if not converter.available:
        print("LibreOffice not found: .doc/.odt/.rtf import not measured")
        return
    src = export_docx(seed_report(1), folder / "seed.docx")
    for fmt in ("doc", "odt", "rtf"):
        profile = Path(tempfile.mkdtemp(prefix="lo-", dir=folder))
        subprocess.run([str(converter.soffice), f"-env:UserInstallation={profile.as_uri()}",
                        "--headless", "--convert-to", fmt, "--outdir", str(folder), str(src)],
                       check=True, capture_output=True, timeout=180)
        samples = []
        for _ in range(rounds):
            t = time.perf_counter()
            result = import_file(folder / f"seed.{fmt}", converter)
            samples.append(time.perf_counter() - t)
        assert len(result.report.footnotes) == 57, "footnotes lost"
        print(f"import seed x1  as .{fmt} through LibreOffice: median "
              f"{statistics.median(samples) * 1000:7.0f} ms  min {min(samples) * 1000:7.0f} ms  "
              f"max {max(samples) * 1000:7.0f} ms  (time limit {converter.timeout:.0f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-convert", action="store_true",
                        help="skip the .doc/.odt/.rtf imports through LibreOffice")
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
        if not args.no_convert:
            bench_converted(Path(tmp), min(args.rounds, 3))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

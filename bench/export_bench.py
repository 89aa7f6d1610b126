"""Export speed: the seed report ×1 and ×20 (1,140 footnotes) to Word, against pandoc.

Prints the median export time of a few runs for each size, the time per copy (to show the
time is linear in size), pandoc's time for the same content (Markdown with footnotes → docx)
and the ratio, and the peak memory of this process.

Targets (issue 3): ×1 ≤ 60 ms; ×20 ≤ 600 ms and at least 5× faster than pandoc; peak RSS
≤ 200 MB at ×20.

    python bench/export_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _export_helpers import multiplied_seed  # noqa: E402
from _import_helpers import report_markdown  # noqa: E402
from _timing import median_time  # noqa: E402

from hgreport.export import export_docx  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="hgreport-bench-"))
    sizes = {1: multiplied_seed(1), 5: multiplied_seed(5), 20: multiplied_seed(20)}
    export_docx(sizes[1], out / "warm.docx")  # imports and first-use caches
    ours: dict[int, float] = {}
    for copies, report in sizes.items():
        ours[copies] = median_time(lambda r=report, c=copies: export_docx(r, out / f"x{c}.docx"),
                                   args.runs)
        notes = len(report.footnotes_in_order())
        size_kb = (out / f"x{copies}.docx").stat().st_size / 1024
        print(f"export ×{copies:<2}  {ours[copies] * 1000:8.1f} ms  "
              f"({ours[copies] * 1000 / copies:6.2f} ms per copy, {notes} footnotes, "
              f"{size_kb:,.0f} kB)")
    print(f"targets: ×1 ≤ 60 ms: {'ok' if ours[1] <= 0.060 else 'MISSED'}; "
          f"×20 ≤ 600 ms: {'ok' if ours[20] <= 0.600 else 'MISSED'}")

    pandoc = shutil.which("pandoc")
    if not pandoc:
        print("pandoc: not installed — comparison skipped (apt-get install pandoc)")
    else:
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        print(f"pandoc: {version.stdout.splitlines()[0]}")
        for copies in (1, 20):
            md = out / f"x{copies}.md"
            md.write_text(report_markdown(sizes[copies]), encoding="utf-8")
            cmd = [pandoc, "-f", "markdown", "-t", "docx", "-o", str(out / f"p{copies}.docx"),
                   str(md)]
            subprocess.run(cmd, check=True)  # warm the disk cache
            t = median_time(lambda c=cmd: subprocess.run(c, check=True), max(3, args.runs // 2))
            print(f"pandoc ×{copies:<2}  {t * 1000:8.1f} ms  → hgreport is {t / ours[copies]:5.1f}× "
                  f"faster{'' if copies == 1 else ' (target ≥ 5×)'}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (×1, ×5 and ×20 reports in memory): {peak_mb:.0f} MB "
          f"(target ≤ 200 MB)")
    shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

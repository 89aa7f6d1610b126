"""The whole ``hgreport export`` process on the seed ×20 (1,140 footnotes): start, imports, load,
export, exit — what a clerk waits for. Also the time of its imports alone.

Target (issue 11): ≤ 0.5 s median on a 2-core machine (0.1.0: 0.87 s, 0.41 s of it imports).

    python bench/cli_bench.py [--runs 9]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _export_helpers import multiplied_seed  # noqa: E402

from hgreport.storage import ReportStore  # noqa: E402

PROGRAM = [sys.executable, "-m", "ui"]  # the installed ``hgreport`` command's entry point


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "x20.db"
        ReportStore.create(db, multiplied_seed(20), author="bench").close()
        out = Path(tmp) / "x20.docx"
        export = [*PROGRAM, "export", str(db), "-o", str(out)]
        imports = [sys.executable, "-c",
                   "import ui.launch, hgreport.cli, hgreport.storage, hgreport.export"]
        timed(export)  # the first run fills the file cache
        whole = [timed(export) for _ in range(runs)]
        alone = [timed(imports) for _ in range(runs)]
        python = [timed([sys.executable, "-c", "pass"]) for _ in range(runs)]
    print(f"hgreport export of the seed ×20, whole process: median {statistics.median(whole):.3f} s"
          f"  min {min(whole):.3f} s  ({runs} runs; target ≤ 0.5 s)")
    print(f"  of which the imports a command needs:        median {statistics.median(alone):.3f} s")
    print(f"  of which Python's own start:                 median {statistics.median(python):.3f} s")


if __name__ == "__main__":
    main()

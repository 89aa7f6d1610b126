"""PDF speed: the seed report ×1 and ×20 laid out and written as PDF, against LibreOffice
turning the Word file hgreport exports into a PDF (the peer: what a user without hgreport's
PDF would do).

Prints, for each size, the median time of pagination alone and of the whole PDF export, the
page count, the first-call time of a fresh process (fonts read, modules imported), and
LibreOffice's time and page count for the same report (skipped where soffice is absent).

Targets (issue 13): PDF of the seed ≤ 1 s, of ×20 ≤ 10 s — also with 40 tables of figures
in it (12 rows × 6 columns each, built as bench/table_bench.py builds them: header row,
right-aligned numbers, a merged totals row); the page view of the seed opens ≤ 500 ms (its
pagination is the part measured here; bench/ui_bench.py has the window).

    python bench/pdf_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from _export_helpers import multiplied_seed  # noqa: E402
from _timing import median_time  # noqa: E402
from table_bench import figures_table  # noqa: E402

from hgreport.export import export_docx  # noqa: E402


def page_count(pdf: Path) -> str:
    """The page count pdfinfo reads (LibreOffice compresses its page objects)."""
    pdfinfo = shutil.which("pdfinfo")
    if not pdfinfo:
        return "?"
    out = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")),
                "?")


def first_call(out: Path) -> float:
    """A fresh interpreter: import, read the fonts, lay out and write the seed."""
    paths = [str(ROOT), str(ROOT / "tests")]
    code = (f"import sys, time; sys.path[:0] = {paths!r}; t = time.perf_counter(); "
            "from _export_helpers import seed_report; from hgreport.pages.pdf import export_pdf; "
            f"export_pdf(seed_report(), {str(out)!r}); print(time.perf_counter() - t)")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True)
    return float(done.stdout.strip())


def with_tables(report, count: int = 40):
    """``report`` with ``count`` tables of figures spread over its sections."""
    sections = [s for s in report.ordered_sections() if s.body]
    step = max(1, len(sections) // count)
    for n, sec in enumerate(sections[::step][:count], start=1):
        sec.body.insert(min(2, len(sec.body)), figures_table(12, 6, n))
    return report


def page_view(report) -> None:
    """The window's page view of the seed, offscreen: laid out and its first page drawn."""
    try:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from ui.pages_view import PagesPanel
    except ImportError:
        print("page view: PySide6 is not installed — skipped")
        return
    from types import SimpleNamespace

    app = QApplication.instance() or QApplication([])
    times = []
    for _ in range(3):
        panel = PagesPanel(SimpleNamespace(snapshot=lambda: report))
        panel.resize(800, 1000)
        t0 = time.perf_counter()
        panel.show()  # lays the pages out
        panel.view.viewport().grab()  # and paints what is in view
        times.append(time.perf_counter() - t0)
        panel.close()
        app.processEvents()
    print(f"page view of the seed opens (layout + first paint): {min(times) * 1000:.0f} ms "
          f"(first {times[0] * 1000:.0f} ms; target ≤ 500 ms: "
          f"{'ok' if times[0] <= 0.5 else 'MISSED'})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from hgreport.pages import paginate
    from hgreport.pages.pdf import export_pdf

    out = Path(tempfile.mkdtemp(prefix="hgreport-pdf-bench-"))
    cold = first_call(out / "cold.pdf")
    print(f"first PDF of the seed in a fresh process (imports, fonts read): {cold * 1000:.0f} ms")
    sizes = {"×1": multiplied_seed(1), "×20": multiplied_seed(20),
             "×20+40 tables": with_tables(multiplied_seed(20))}
    export_pdf(sizes["×1"], out / "warm.pdf")
    ours: dict[str, float] = {}
    for n, (label, report) in enumerate(sizes.items()):
        runs = args.runs if label == "×1" else max(1, args.runs // 2)
        layout = median_time(lambda r=report: paginate(r), runs)
        pdf = out / f"x{n}.pdf"
        ours[label] = median_time(lambda r=report, p=pdf: export_pdf(r, p), runs)
        pages = len(paginate(report))
        print(f"{label:<14} pagination {layout * 1000:8.1f} ms   PDF {ours[label] * 1000:8.1f} ms"
              f"   {pages} pages, {len(report.footnotes_in_order())} footnotes, "
              f"{pdf.stat().st_size / 1024:,.0f} kB")
    print(f"targets: ×1 ≤ 1 s: {'ok' if ours['×1'] <= 1.0 else 'MISSED'}; "
          f"×20 ≤ 10 s: {'ok' if ours['×20'] <= 10.0 else 'MISSED'}; "
          f"×20 with 40 tables ≤ 10 s: {'ok' if ours['×20+40 tables'] <= 10.0 else 'MISSED'}")
    page_view(sizes["×1"])

    soffice = shutil.which("soffice")
    if not soffice:
        print("LibreOffice: not installed — the peer is skipped (apt-get install libreoffice)")
        return 0
    profile = out / "lo-profile"
    for n, (label, report) in enumerate(sizes.items()):
        docx = export_docx(report, out / f"lo{n}.docx")
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=600)  # profile made once
        t = median_time(lambda c=cmd: subprocess.run(c, check=True, capture_output=True,
                                                     timeout=600), 1)
        theirs = page_count(out / "lo" / f"lo{n}.pdf")
        print(f"LibreOffice DOCX → PDF {label:<14} {t * 1000:8.0f} ms   {theirs} pages   "
              f"→ hgreport is {t / ours[label]:5.1f}× faster")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

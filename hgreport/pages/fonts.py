"""The font files the pages are measured and drawn with, and their metrics.

The profile names a family ("Times New Roman"). Where that family is installed its four files
are used; otherwise Liberation Serif, which has the same advance widths as Times New Roman and
ships with the program (``resources/fonts``, SIL Open Font License). Lines are measured with
the very file that draws them (fontTools reads its ``cmap`` and ``hmtx``), so a page breaks at
the same word on every PC that has the same files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..resources import resource_path
from .errors import FontsMissing

STYLES = ("R", "B", "I", "BI")  # regular, bold, italic, bold italic
SHIPPED_FAMILY = "Liberation Serif"
_SHIPPED_FILES = {"R": "LiberationSerif-Regular.ttf", "B": "LiberationSerif-Bold.ttf",
                  "I": "LiberationSerif-Italic.ttf", "BI": "LiberationSerif-BoldItalic.ttf"}
# the file names a family is installed under (Windows, the msttcorefonts package, macOS)
_INSTALLED_FILES: dict[str, tuple[dict[str, str], ...]] = {
    "times new roman": (
        {"R": "times.ttf", "B": "timesbd.ttf", "I": "timesi.ttf", "BI": "timesbi.ttf"},
        {"R": "Times_New_Roman.ttf", "B": "Times_New_Roman_Bold.ttf",
         "I": "Times_New_Roman_Italic.ttf", "BI": "Times_New_Roman_Bold_Italic.ttf"},
        {"R": "Times New Roman.ttf", "B": "Times New Roman Bold.ttf",
         "I": "Times New Roman Italic.ttf", "BI": "Times New Roman Bold Italic.ttf"},
    ),
    "liberation serif": (_SHIPPED_FILES,),
}


def style_of(bold: bool, italic: bool) -> str:
    return ("B" if bold else "") + ("I" if italic else "") or "R"


def system_font_dirs() -> list[Path]:
    """The folders where this PC keeps its fonts (the user's own first)."""
    home = Path.home()
    if sys.platform == "win32":
        dirs = [Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts",
                Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    elif sys.platform == "darwin":
        dirs = [home / "Library" / "Fonts", Path("/Library/Fonts"),
                Path("/System/Library/Fonts/Supplemental")]
    else:
        dirs = [home / ".local" / "share" / "fonts", home / ".fonts",
                Path("/usr/local/share/fonts"), Path("/usr/share/fonts/truetype/msttcorefonts"),
                Path("/usr/share/fonts/truetype/liberation2"),
                Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/TTF")]
    return [d for d in dirs if d.is_dir()]


class FontMetrics:
    """Advance widths and vertical metrics of one font file, in em units (1.0 = the size)."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont, TTLibError

        try:
            with TTFont(str(path), lazy=True) as font:
                upm = font["head"].unitsPerEm
                cmap = font.getBestCmap() or {}
                hmtx = font["hmtx"].metrics
                hhea = font["hhea"]
                self.ascent = hhea.ascent / upm
                self.descent = -hhea.descent / upm
                self.line_gap = hhea.lineGap / upm
                post = font["post"]
                self.underline_position = -post.underlinePosition / upm
                self.underline_thickness = post.underlineThickness / upm
                missing = hmtx.get(".notdef", (upm // 2, 0))[0] / upm
                self._widths = {code: hmtx[name][0] / upm for code, name in cmap.items()
                                if name in hmtx}
        except (OSError, TTLibError, KeyError, AssertionError, ValueError) as exc:
            raise FontsMissing(path=str(path), detail=str(exc)) from None
        self.path = path
        self._missing = missing
        self._cache: dict[str, float] = {}

    @property
    def line_height(self) -> float:
        """Single line spacing as Word computes it: ascent + descent + line gap."""
        return self.ascent + self.descent + self.line_gap

    def has(self, char: str) -> bool:
        return ord(char) in self._widths

    def advances(self, text: str) -> list[float]:
        """The advance of each character of ``text`` at size 1."""
        get = self._widths.get
        missing = self._missing
        return [get(ord(c), missing) for c in text]

    def width(self, text: str) -> float:
        """The advance of ``text`` at size 1 (no kerning: Word does not kern by default)."""
        cached = self._cache.get(text)
        if cached is None:
            get = self._widths.get
            missing = self._missing
            cached = sum(get(ord(c), missing) for c in text)
            if len(self._cache) < 200_000:
                self._cache[text] = cached
        return cached


@dataclass(frozen=True)
class FontSet:
    """The four faces of the family the pages use: where each file is and its metrics."""

    family: str  # as the profile names it ("Times New Roman")
    used: str  # the family actually used ("Times New Roman" or "Liberation Serif")
    files: dict[str, Path] = field(hash=False, compare=False)
    metrics: dict[str, FontMetrics] = field(hash=False, compare=False, repr=False)

    @property
    def substituted(self) -> bool:
        return self.used.casefold() != self.family.casefold()

    def width(self, text: str, style: str, size: float) -> float:
        return self.metrics[style].width(text) * size


def _complete(folder: Path, names: dict[str, str]) -> dict[str, Path] | None:
    files = {style: folder / name for style, name in names.items()}
    return files if all(p.is_file() for p in files.values()) else None


def find_family(family: str, dirs: Iterable[Path]) -> dict[str, Path] | None:
    """The four files of ``family`` in the first of ``dirs`` that holds them all."""
    for folder in dirs:
        for names in _INSTALLED_FILES.get(family.casefold(), ()):
            files = _complete(folder, names)
            if files:
                return files
    return None


def shipped_font_dir() -> Path:
    return resource_path("fonts")


@cache
def _metrics(path: Path, mtime: float) -> FontMetrics:
    return FontMetrics(path)


def _load(files: dict[str, Path]) -> dict[str, FontMetrics]:
    return {style: _metrics(path, path.stat().st_mtime) for style, path in files.items()}


def font_set(family: str, system_dirs: Sequence[Path] | None = None,
             shipped_dir: Path | None = None) -> FontSet:
    """The faces to measure and draw ``family`` with: the installed family when all four of
    its files are there (Times New Roman on Windows), otherwise the Liberation Serif that
    ships with the program, otherwise one installed on the system. Raises
    :class:`FontsMissing` when none is complete (a damaged installation)."""
    dirs = system_font_dirs() if system_dirs is None else list(system_dirs)
    shipped = shipped_font_dir() if shipped_dir is None else shipped_dir
    candidates: list[tuple[str, dict[str, Path] | None]] = [
        (family, find_family(family, dirs)),
        (SHIPPED_FAMILY, _complete(shipped, _SHIPPED_FILES)),
        (SHIPPED_FAMILY, find_family(SHIPPED_FAMILY, dirs)),
    ]
    problem: FontsMissing | None = None
    for used, files in candidates:
        if not files:
            continue
        try:
            return FontSet(family, used, files, _load(files))
        except (FontsMissing, OSError) as exc:
            # a damaged file: try the next family, say which file it was if none works
            problem = exc if isinstance(exc, FontsMissing) else FontsMissing(
                path=str(files["R"]), detail=str(exc))
    if problem is not None:
        raise problem
    raise FontsMissing(path=str(shipped / _SHIPPED_FILES["R"]),
                       detail="không có tệp / file not found")

"""File names for the exported Word file: a sensible default and a free alternative.

Names must be safe on Windows (no ``\\ / : * ? " < > |``, no control characters, no trailing dot
or space, no reserved device names such as ``CON``) and short enough for deep folders."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..model import Report

MAX_STEM = 100
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
FALLBACK_STEM = "Báo cáo"


def safe_stem(text: str, limit: int = MAX_STEM) -> str:
    """``text`` made into a Windows-safe file name stem (without extension)."""
    text = unicodedata.normalize("NFC", text or "")
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split())
    if len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ")
        text = cut[:space] if space > limit // 2 else cut
    text = text.rstrip(". ").lstrip(" ")
    if not text:
        return FALLBACK_STEM
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


def _sentence(text: str) -> str:
    """``text`` with its first letter in lower case unless it starts an acronym."""
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def suggested_filename(report: Report) -> str:
    """A .docx name from the document type, summary and date, e.g.
    ``Báo cáo kết quả thực hiện nhiệm vụ công tác năm 2023.docx`` or, with a full date,
    ``Báo cáo sơ kết quý I (2024-04-03).docx``."""
    h = report.header
    kind = (h.type_name or "").strip()
    kind = kind[:1].upper() + kind[1:].lower() if kind else ""
    summary = _sentence((h.summary or "").strip())
    stem = " ".join(p for p in (kind, summary) if p)
    if h.year and h.month and h.day:
        date = f"{h.year:04d}-{h.month:02d}-{h.day:02d}"
    elif h.year and str(h.year) not in stem:
        date = f"{h.year}"
    else:
        date = ""
    suffix = f" ({date})" if date else ""
    return safe_stem(stem, MAX_STEM - len(suffix)).rstrip(". ") + suffix + ".docx"


def free_name(path: Path) -> Path:
    """``path`` itself when free, else ``name (2).docx``, ``name (3).docx`` … in the same folder."""
    path = Path(path)
    if not path.exists():
        return path
    stem = re.sub(r" \(\d+\)$", "", path.stem)
    n = 2
    while True:
        candidate = path.with_name(f"{stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def other_folder(path: Path) -> Path:
    """The same name in the user's Documents folder (or home), for a folder we cannot write."""
    home = Path.home()
    documents = home / "Documents"
    folder = documents if documents.is_dir() else home
    if folder.resolve() == Path(path).parent.resolve():
        folder = folder / "hgreport"
    return free_name(folder / Path(path).name)

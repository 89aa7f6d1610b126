"""File names for the exported Word file: a sensible default and a free alternative.

Names must be safe on Windows (no ``\\ / : * ? " < > |``, no control characters, no trailing dot
or space, no reserved device names such as ``CON``) and short enough for deep folders, and must
show what they are: no invisible format characters (a right-to-left override U+202E shows the
rest of a name backwards, so what looks like its end is not its extension; zero-width and other
format characters make two names look alike), no leading dot (a hidden file) and no leading
"~$" (the lock file Word keeps beside an open document)."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from ..model import Report

MAX_STEM = 100
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
FALLBACK_STEM = "Báo cáo"
_INVISIBLE = {"Cf", "Cs"}  # format characters (bidi controls, zero width, BOM), surrogates
_LEADING = re.compile(r"^(?:[.\s]|~\$)+")  # a hidden file, a Word lock file ("~$name.docx")


def safe_stem(text: str, limit: int = MAX_STEM) -> str:
    """``text`` made into a Windows-safe file name stem (without extension)."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text
                   if unicodedata.category(ch) not in _INVISIBLE)
    text = _FORBIDDEN.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING.sub("", text)
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


WINDOWS_MAX_PATH = 259  # characters of a whole path that every Windows program accepts
MAX_NAME = 255  # one name: characters on Windows, bytes of UTF-8 on Linux (ext4)
ROOM_FOR_COPY = len(" (99)")  # kept free for the number of a second copy of the file


def _room_in(folder: str | Path) -> int:
    """The longest stem (before ".docx") a file name can have in ``folder`` on Windows."""
    room = WINDOWS_MAX_PATH - len(os.path.abspath(folder)) - len(os.sep) - len(".docx")
    return max(20, min(room, MAX_NAME - len(".docx")) - ROOM_FOR_COPY)


def suggested_filename(report: Report, folder: str | Path | None = None) -> str:
    """A .docx name from the document type, summary and date, e.g.
    ``Báo cáo kết quả thực hiện nhiệm vụ công tác năm 2023.docx`` or, with a full date,
    ``Báo cáo sơ kết quý I (2024-04-03).docx``. With ``folder`` (where the file goes) the
    whole summary is kept as far as Windows allows there, cut at a word; without, the name
    has at most MAX_STEM characters."""
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
    limit = MAX_STEM if folder is None else _room_in(folder)
    while True:
        name = (safe_stem(stem, limit - len(suffix)).rstrip(".,;: -") or FALLBACK_STEM
                ) + suffix + ".docx"
        if len(name.encode("utf-8")) + ROOM_FOR_COPY <= MAX_NAME or limit <= 40:
            return name
        limit -= 10


def _taken(path: Path) -> bool:
    """Whether something is at ``path``; a place that cannot even be looked at (no permission)
    counts as taken, so it is never proposed."""
    try:
        return path.exists()
    except OSError:
        return True


def free_name(path: Path) -> Path:
    """``path`` itself when free, else ``name (2).docx``, ``name (3).docx`` … in the same folder."""
    path = Path(path)
    if not _taken(path):
        return path
    stem = re.sub(r" \(\d+\)$", "", path.stem)
    for n in range(2, 10_000):
        candidate = path.with_name(f"{stem} ({n}){path.suffix}")
        if not _taken(candidate):
            return candidate
    return path.with_name(f"{stem} ({os.getpid()}){path.suffix}")


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a folder the user may not even look into
        return False


def other_folder(path: Path) -> Path:
    """The same name in the user's Documents folder (or home), for a folder we cannot write;
    a folder that cannot be checked is passed over, never an error of its own."""
    home = Path.home()
    documents = home / "Documents"
    folder = documents if _is_folder(documents) else home
    try:
        same = folder.resolve() == Path(path).parent.resolve()
    except OSError:
        same = False
    if same:
        folder = folder / "hgreport"
    return free_name(folder / Path(path).name)

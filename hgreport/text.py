"""Pure text functions: cleaning text at the door, folding for search, counting words."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (and Word refuses): C0 controls except tab/newline/CR, the
# surrogates and the two non-characters U+FFFE / U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What clean() has to act on; most text has none of it and passes through untouched.
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x85\u2028\u200b\ufeff\ud800-\udfff\ufffe\uffff]")
# Zero-width and byte-order marks that only confuse search and counting.
_INVISIBLE = re.compile("[\u200b\ufeff]")

PAGE_BREAK = "\x0c"


def clean(text: str) -> str:
    """Return ``text`` as the model stores it: NFC, Word's line breaks as ``\\n``, no
    XML-invalid characters. Form feeds (page breaks) are removed here; callers that
    split paragraphs look for them first (see :func:`split_pages`)."""
    if not text:
        return ""
    if _NEEDS_WORK.search(text):
        for other in ("\r\n", "\r", "\x0b", "\u2028", "\x85"):
            text = text.replace(other, "\n")
        text = _INVISIBLE.sub("", text)
        text = _XML_INVALID.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean_line(text: str) -> str:
    """Clean text that must stay on one line (titles, header fields)."""
    return " ".join(clean(text).split())


def shorten(text: str, n: int) -> str:
    """``text`` on one line (runs of white space made one space), cut to ``n`` characters
    with "…" where it is longer: how a message quotes a paragraph or a title."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def split_pages(text: str) -> list[str]:
    """Split raw text at form feeds (Word's page break); the pieces are not yet cleaned."""
    return text.split(PAGE_BREAK)


_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"})


_OTHER_STROKES = re.compile("[ðłŁøØ]")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and remove its diacritics, ``đ`` included, for search.

    ``fold("Công tác xây dựng Đảng") == "cong tac xay dung dang"``
    """
    text = text.replace("đ", "d").replace("Đ", "d")
    if _OTHER_STROKES.search(text):
        text = text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    return _COMBINING.sub("", decomposed).casefold()


_WORD = re.compile(r"\w+(?:[-'’.,/]\w+)*")


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters/digits (``1.185.818`` is one word,
    ``Mác-Lênin`` is one word); punctuation and dashes standing alone are not words."""
    return len(_WORD.findall(text))


def count_chars(text: str) -> int:
    """Characters without line breaks, as Word's "characters (with spaces)"."""
    return sum(1 for c in text if c not in "\n\u2029")

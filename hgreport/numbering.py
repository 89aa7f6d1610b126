"""Printed section numbers ("I.", "1.", "1.1.", "a)"), derived from the tree and the profile."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .model import Section, TreeNode, misplaced_sections

if TYPE_CHECKING:
    from .layout.profile import Profile

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


ROMAN_MAX = 3999


def roman(n: int) -> str:
    """1 → I, 3999 → MMMCMXCIX. Numbers that Roman numerals cannot write (0, negatives, above
    3999, as a damaged Word file may ask for) are written in Arabic figures instead, so the
    work is bounded whatever the number."""
    if not 1 <= n <= ROMAN_MAX:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def alpha(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Vietnamese documents use the Latin a–z run)."""
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s


@dataclass(frozen=True, kw_only=True)
class LevelStyle:
    """How one heading level is numbered and printed (a profile's ``headings.levels`` entry);
    ``outline`` joins the numbers of the decimal levels above it: "1.1."."""

    style: Literal["upper-roman", "decimal", "outline", "lower-alpha", "upper-alpha", "none"]
    suffix: str
    caps: bool = False
    bold: bool = False
    italic: bool = False


class Numbering:
    """The numbering rules of one profile (its ``headings.levels``)."""

    def __init__(self, levels: Iterable[LevelStyle]):
        self.levels = list(levels) or [LevelStyle(style="decimal", suffix=".")]

    @classmethod
    def from_profile(cls, profile: Profile) -> Numbering:
        return cls(profile.headings.levels)

    def level_style(self, level: int) -> LevelStyle:
        """Style of a 1-based level; levels deeper than the profile repeat its last one."""
        return self.levels[min(level, len(self.levels)) - 1]

    def format(self, path: list[int]) -> str:
        """The printed number for the 1-based positions ``path`` from the top level down."""
        level = len(path)
        st = self.level_style(level)
        n = path[-1]
        if st.style == "upper-roman":
            core = roman(n)
        elif st.style == "lower-alpha":
            core = alpha(n)
        elif st.style == "upper-alpha":
            core = alpha(n).upper()
        elif st.style == "outline":
            # join the decimal numbers from the nearest run of decimal/outline levels above
            parts = [n]
            for lv in range(level - 1, 0, -1):
                if self.level_style(lv).style not in ("decimal", "outline"):
                    break
                parts.insert(0, path[lv - 1])
            core = ".".join(str(p) for p in parts)
        elif st.style == "none":
            return ""
        else:
            core = str(n)
        return core + st.suffix


def number_tree(sections: Iterable[Section], numbering: Numbering) -> list[TreeNode]:
    """Order flat sections into a tree and give each its printed number."""
    by_parent: dict[str | None, list[Section]] = {}
    sections = list(sections)
    top = misplaced_sections(sections)  # a missing parent, a loop: at the top level
    for s in sections:
        pid = None if s.id in top else s.parent_id
        by_parent.setdefault(pid, []).append(s)
    for kids in by_parent.values():
        kids.sort(key=lambda s: (s.position, s.id))

    def build(pid: str | None, path: list[int], seen: frozenset) -> list[TreeNode]:
        nodes = []
        for i, s in enumerate(by_parent.get(pid, []), start=1):
            if s.id in seen:  # a cycle in a damaged file: stop rather than loop
                continue
            p = path + [i]
            nodes.append(TreeNode(s, len(p), numbering.format(p), build(s.id, p, seen | {s.id})))
        return nodes

    return build(None, [], frozenset())

"""The window's modules import one another in one direction only: app and windows → main_window
→ panels and dialogs → blocks, i18n, settings. Imports inside functions count too: a circle of
imports, even a lazy one, is how one module grows into a ball of everything."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ui"
# module → the only ui modules importing it: the entry point (launch) starts the application
# (app), which opens windows; the self-test's window step builds one the same way
TOP = {"ui.launch": {"ui.__main__"}, "ui.selftest_window": {"ui.launch"},
       "ui.app": {"ui.launch", "ui.selftest_window"},
       "ui.windows": {"ui.app", "ui.selftest_window"}}
BOTTOM = {"ui", "ui.qtfix", "ui.settings", "ui.i18n", "ui.blocks"}  # import no other ui module


def _module(path: Path) -> str:
    parts = path.relative_to(UI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The ui modules ``path`` imports anywhere in its text (top, functions, branches)."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(UI.rglob("*.py"))
    modules = {_module(p) for p in paths}
    return {_module(p): _imports(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[tuple[list[str], list[str]]]:
    """For each group of modules that import one another (Tarjan's strongly connected
    components): the shortest circle from its first module back to it, and the whole group."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(group)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    found = []
    for group in groups:
        start = min(group)
        paths = {start: [start]}
        todo = [start]
        while todo:  # breadth first: the shortest circle back to ``start``
            v = todo.pop(0)
            for w in sorted(graph[v] & group):
                if w == start:
                    found.append((paths[v], sorted(group)))
                    todo = []
                    break
                if w not in paths:
                    paths[w] = paths[v] + [w]
                    todo.append(w)
    return found


def test_the_window_modules_import_each_other_without_a_circle():
    graph = import_graph()
    assert {"ui.app", "ui.main_window", "ui.dialogs", "ui.settings"} <= graph.keys()
    assert "ui.merge_dialog" in graph["ui.main_window"]  # imported inside a method: seen too
    circles = cycles(graph)
    assert not circles, "circles of imports in ui/:\n" + "\n".join(
        " → ".join([*c, c[0]]) + f"   (importing one another: {', '.join(group)})"
        for c, group in circles)


def test_arrows_point_down_from_the_start_to_the_settings():
    graph = import_graph()
    for top, allowed in TOP.items():
        importers = {m for m, targets in graph.items() if top in targets}
        assert importers <= allowed, f"{top} is imported by {sorted(importers - allowed)}"
    for low in BOTTOM & graph.keys():
        above = graph[low] - BOTTOM
        assert not above, f"{low} imports {sorted(above)}, which sit above it"


def test_a_circle_is_found_and_named():
    graph = {"ui.a": {"ui.b"}, "ui.b": {"ui.c"}, "ui.c": {"ui.a", "ui.d"}, "ui.d": set()}
    assert cycles(graph) == [(["ui.a", "ui.b", "ui.c"], ["ui.a", "ui.b", "ui.c"])]
    assert cycles({"ui.a": {"ui.b"}, "ui.b": set()}) == []

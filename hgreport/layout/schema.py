"""Building frozen dataclasses from JSON with every value checked: the profile's validator.

A dataclass field without a default is a required key; a field with a default may be left
out. A key the dataclass does not have is an error (so a typo such as ``sizept`` is caught),
except keys that start with ``_``: they hold notes for people (confidence marks) and are
skipped. Field metadata adds ranges (``lo``/``hi``), a minimum list length (``min_items``) and
a check function (``check``: returns a (Vietnamese, English) complaint or None); a dataclass
may also check its fields together in ``problems()``, yielding (key, (Vietnamese, English)
expectation, value found). Every error names the file and the key path, e.g.
``header.left[2].size_pt``."""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from .errors import ProfileBadValue, ProfileMissingKey, ProfileUnknownKey

NOTE_PREFIX = "_"


def number(lo: float, hi: float, **kw) -> dataclasses.Field:
    """A field holding a number from ``lo`` to ``hi`` (``default=`` makes it optional)."""
    return dataclasses.field(metadata={"lo": lo, "hi": hi}, **kw)


def items(min_items: int = 1, **kw) -> dataclasses.Field:
    """A list field with at least ``min_items`` entries."""
    return dataclasses.field(metadata={"min_items": min_items}, **kw)


def checked(check, **kw) -> dataclasses.Field:
    """A field whose value must pass ``check(value)`` (which returns a complaint or None)."""
    return dataclasses.field(metadata={"check": check}, **kw)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= 60 else text[:57] + "…"


@cache
def _fields(cls: type) -> tuple[dict[str, dataclasses.Field], dict[str, Any]]:
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    return fields, typing.get_type_hints(cls)


class Builder:
    """Builds dataclasses from the JSON of one file (``source`` is named in every error)."""

    def __init__(self, source: str):
        self.source = source

    def bad(self, path: str, value: Any, expected: tuple[str, str]) -> ProfileBadValue:
        return ProfileBadValue(path=self.source, entry=path, found=_describe(value),
                               expected=expected)

    def build(self, cls: type, data: Any, path: str = ""):
        if not isinstance(data, dict):
            raise self.bad(path or "(profile)", data, ("một nhóm mục {…}", "an object {…}"))
        fields, hints = _fields(cls)
        for key in data:
            if key.startswith(NOTE_PREFIX):
                continue
            if key not in fields:
                raise ProfileUnknownKey(path=self.source, entry=join(path, key),
                                        allowed=", ".join(fields))
        values = {}
        for name, f in fields.items():
            key_path = join(path, name)
            if name not in data:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    raise ProfileMissingKey(path=self.source, entry=key_path)
                continue
            values[name] = self.value(hints[name], data[name], key_path, f.metadata)
        obj = cls(**values)
        problems = getattr(obj, "problems", None)
        problem = next(iter(problems()), None) if problems is not None else None
        if problem is not None:
            key, expected, found = problem
            raise self.bad(join(path, key), found, expected)
        return obj

    def value(self, tp: Any, value: Any, path: str,
              meta: typing.Mapping = types.MappingProxyType({})):
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (Union, types.UnionType):
            inner = [a for a in args if a is not type(None)]
            if value is None and type(None) in args:
                return None
            if len(inner) != 1:
                raise TypeError(f"unsupported union {tp}")
            return self.value(inner[0], value, path, meta)
        if origin is Literal:
            if value not in args or isinstance(value, bool):
                choices = ", ".join(repr(a) for a in args)
                raise self.bad(path, value, (f"một trong {choices}", f"one of {choices}"))
            out = value
        elif origin is tuple:
            if not isinstance(value, list):
                raise self.bad(path, value, ("một danh sách […]", "a list […]"))
            least = meta.get("min_items", 0)
            if len(value) < least:
                raise self.bad(path, value, (f"một danh sách có ít nhất {least} mục",
                                             f"a list of at least {least} entries"))
            out = tuple(self.value(args[0], v, join(path, i)) for i, v in enumerate(value))
        elif dataclasses.is_dataclass(tp):
            out = self.build(tp, value, path)
        elif tp is bool:
            if not isinstance(value, bool):
                raise self.bad(path, value, ("true hoặc false", "true or false"))
            out = value
        elif tp is int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.bad(path, value, ("một số nguyên", "a whole number"))
            out = self._in_range(value, path, meta)
        elif tp is float:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise self.bad(path, value, ("một số", "a number"))
            out = self._in_range(value, path, meta)
        elif tp is str:
            if not isinstance(value, str):
                raise self.bad(path, value, ("một chuỗi chữ \"…\"", "a string \"…\""))
            out = value
        else:
            raise TypeError(f"unsupported field type {tp}")
        check = meta.get("check")
        if check is not None and (complaint := check(out)) is not None:
            raise self.bad(path, value, complaint)
        return out

    def _in_range(self, value, path: str, meta: typing.Mapping):
        lo, hi = meta.get("lo"), meta.get("hi")
        if lo is not None and not lo <= value <= hi:
            raise self.bad(path, value, (f"một số từ {lo:g} đến {hi:g}",
                                         f"a number from {lo:g} to {hi:g}"))
        return value

"""Where the data shipped with the program lives, and loading format profiles and templates."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources as _res
from pathlib import Path

DEFAULT_PROFILE = "hd36-2018"


def resource_dir() -> Path:
    """The folder of the ``resources`` package (works for source trees, wheels and bundles)."""
    return Path(str(_res.files("resources")))


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


def profile_ids() -> list[str]:
    return sorted(p.stem for p in resource_path("profiles").glob("*.json"))


@lru_cache(maxsize=8)
def _load_profile(profile_id: str) -> str:
    path = resource_path("profiles", f"{profile_id}.json")
    return path.read_text(encoding="utf-8")


def load_profile(profile_id: str = DEFAULT_PROFILE) -> dict:
    """The format profile as a fresh dict (every layout number of the export).

    An unknown id raises :class:`hgreport.errors.UnknownProfile`."""
    from .errors import UnknownProfile

    if profile_id not in profile_ids():
        raise UnknownProfile(profile=profile_id)
    return json.loads(_load_profile(profile_id))


def template_path(name: str) -> Path:
    return resource_path("templates", f"{name}.json")


def template_names() -> list[str]:
    return sorted(p.stem for p in resource_path("templates").glob("*.json"))

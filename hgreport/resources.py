"""Where the data shipped with the program lives, and loading format profiles and templates."""

from __future__ import annotations

from functools import cache
from importlib import resources as _res
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .layout.profile import Profile

DEFAULT_PROFILE = "hd36-2018"


def resource_dir() -> Path:
    """The folder of the ``resources`` package (works for source trees, wheels and bundles)."""
    return Path(str(_res.files("resources")))


def resource_path(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)


@cache
def profile_ids() -> tuple[str, ...]:
    """The ids of the shipped format profiles (their file names), sorted."""
    return tuple(sorted(p.stem for p in resource_path("profiles").glob("*.json")))


@cache
def _read_profile(profile_id: str) -> Profile:
    from .layout.profile import read_profile

    return read_profile(resource_path("profiles", f"{profile_id}.json"), profile_id)


def load_profile(profile_id: str = DEFAULT_PROFILE) -> Profile:
    """The shipped format profile ``profile_id``, typed and checked (read once, then shared:
    it is frozen). An unknown id raises :class:`hgreport.layout.NoSuchProfile` (an
    :class:`hgreport.errors.UnknownProfile`) naming the ids there are; a damaged profile file
    a :class:`hgreport.layout.ProfileError` naming the key."""
    if profile_id not in profile_ids():
        from .layout.errors import NoSuchProfile

        raise NoSuchProfile(profile=profile_id, ids=", ".join(profile_ids()))
    return _read_profile(profile_id)


def profiles() -> list[Profile]:
    """Every shipped profile, the default first (for a choice offered to the user)."""
    ids = sorted(profile_ids(), key=lambda i: (i != DEFAULT_PROFILE, i))
    return [load_profile(i) for i in ids]


def document_type_names() -> tuple[str, ...]:
    """The names of the document types of every shipped profile ("BÁO CÁO", "NGHỊ QUYẾT" …),
    each once: what the importer recognises as a title, whatever the format of the file."""
    names: dict[str, None] = {}
    for profile in profiles():
        names.update((t.name, None) for t in profile.document_types)
    return tuple(names)


def template_path(name: str) -> Path:
    return resource_path("templates", f"{name}.json")


def template_names() -> list[str]:
    return sorted(p.stem for p in resource_path("templates").glob("*.json"))

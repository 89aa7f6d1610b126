"""Layout: the typed format profile and the layout plan computed from it for every writer.

``hgreport.resources.load_profile(id)`` gives a shipped profile; :func:`layout_plan` turns a
report's header and closing into the lines the DOCX writer and the window's previews draw."""

from .errors import (
    NoSuchProfile,
    ProfileBadValue,
    ProfileError,
    ProfileMissingKey,
    ProfileUnknownKey,
    ProfileUnreadable,
)
from .plan import (
    BlankLine,
    BodyLayout,
    ColumnsPlan,
    Item,
    LayoutPlan,
    RuleLine,
    TextLine,
    body_layout,
    closing_plan,
    header_plan,
    layout_plan,
    title_plan,
)
from .profile import DocumentType, Profile, profile_from_dict, read_profile

__all__ = [
    "BlankLine",
    "BodyLayout",
    "ColumnsPlan",
    "DocumentType",
    "Item",
    "LayoutPlan",
    "NoSuchProfile",
    "Profile",
    "ProfileBadValue",
    "ProfileError",
    "ProfileMissingKey",
    "ProfileUnknownKey",
    "ProfileUnreadable",
    "RuleLine",
    "TextLine",
    "body_layout",
    "closing_plan",
    "header_plan",
    "layout_plan",
    "profile_from_dict",
    "read_profile",
    "title_plan",
]

"""The Qt face of hgreport: the editor window (PySide6). Talks to the engine only through
its public functions; holds no SQL and no DOCX code."""

from .qtfix import guard_singletons

guard_singletons()

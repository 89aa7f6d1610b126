"""The program's entry point (the ``hgreport`` command and the installer's program): the
engine's command line, with the window as what ``hgreport`` alone (or ``hgreport FILE.db``)
starts. The engine never imports this layer; this module hands it the window instead.

Importing it loads no Qt: ``hgreport export …`` stays a quick command-line run."""

from __future__ import annotations

import sys


def start_window(path: str | None, language: str) -> int:
    """Open the window on ``path`` (or the last report); the exit code of the application."""
    from hgreport.cli import window_unavailable

    try:
        from .app import run
    except ImportError as exc:  # a broken installation: Qt or one of its libraries is missing
        return window_unavailable(exc)
    return run(path, language)


def main(argv: list[str] | None = None) -> int:
    from hgreport.cli import main as command_line

    args = sys.argv[1:] if argv is None else argv
    steps = []
    if "--self-test" in args:  # loaded only when asked for: commands start quicker without
        from .selftest_window import window_steps

        steps = window_steps()
    return command_line(argv, start_window=start_window, self_test_steps=steps)


if __name__ == "__main__":
    sys.exit(main())

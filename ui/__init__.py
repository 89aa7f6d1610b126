"""The Qt face of hgreport: the editor window (PySide6). Talks to the engine only through
its public functions; holds no SQL and no DOCX code.

Importing the package loads no Qt (``ui.launch`` is also the command line's entry point); the
guard of ``ui.qtfix`` runs when the application object is made (``ui.app.application``)."""

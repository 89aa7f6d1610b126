"""hgreport: the engine of a desktop editor for official reports of Party committees.

Pure Python, no Qt: document model, storage, numbering, export, import and the command line.
"""

__version__ = "0.1.0"

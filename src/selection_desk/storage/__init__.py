"""Storage: the campaign file (SQLite) and the only code that speaks SQL.

Importing the package first imports sqlite-utils without pandas nor numpy
(:func:`_import_sqlite_utils`).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

HIDDEN_FROM_SQLITE_UTILS = ("pandas", "numpy")
"""sqlite-utils imports each when installed, only to map its scalar types to column types when it
creates a table from Python values; the storage creates its tables with SQL and binds plain Python
values, so it never needs them."""


class _HiddenInThisThread(MetaPathFinder):
    """Makes ``import name`` fail in one thread only: the storage is often first imported by the
    worker that opens a file while the UI thread goes on importing (``sys.modules[name] = None``
    would make the UI thread's own ``import numpy`` fail meanwhile)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)
        self.thread = threading.get_ident()

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname in self.names and threading.get_ident() == self.thread:
            raise ModuleNotFoundError(f"No module named {fullname!r}", name=fullname)
        return None


def _import_sqlite_utils() -> None:
    """pandas is no dependency of the app (a test extra, for one benchmark's baseline) yet costs a
    third of a second to every process that has it; numpy loads with the first ranking, in a
    worker, after the window has painted — not with the file the window waits for.  Both are hidden
    from sqlite-utils while it loads (when not loaded already), and stay importable for everyone
    else."""
    if "sqlite_utils" in sys.modules:
        return
    finder = _HiddenInThisThread(HIDDEN_FROM_SQLITE_UTILS)
    sys.meta_path.insert(0, finder)
    try:
        import sqlite_utils  # noqa: F401
    finally:
        sys.meta_path.remove(finder)


_import_sqlite_utils()

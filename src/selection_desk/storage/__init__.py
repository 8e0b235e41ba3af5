"""Storage: the campaign file (SQLite) and the only code that speaks SQL.

Importing the package first imports sqlite-utils without pandas (:func:`_import_sqlite_utils`).
"""

from __future__ import annotations

import sys


def _import_sqlite_utils() -> None:
    """sqlite-utils imports pandas whenever it is installed, only to map ``pandas.Timestamp`` to a
    column type; we never hand it a DataFrame.  pandas is no dependency of the app (a test extra,
    for one benchmark's baseline) but costs a third of a second to every process that has it: it is
    hidden from sqlite-utils while sqlite-utils loads, and stays importable for everyone else."""
    if "sqlite_utils" in sys.modules or "pandas" in sys.modules:
        return
    sys.modules["pandas"] = None  # type: ignore[assignment]  # "import pandas" raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del sys.modules["pandas"]


_import_sqlite_utils()

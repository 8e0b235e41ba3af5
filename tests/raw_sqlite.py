"""Plain ``sqlite3`` access to a campaign file, as tools other than Selection Desk have it.

A campaign file's digest triggers call a function only Selection Desk registers
(``storage.state_digest``): a plain client cannot change a covered row.  Tests that stand for a
client who re-implemented that function (to corrupt a file on purpose, or to make an older file)
connect with :func:`raw_connection`, and call :func:`keep_digest` before committing when that
client keeps the digest right too; benchmark baselines that time bare SQL drop the triggers on
their own copy with :func:`drop_digest_triggers`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from selection_desk.storage import state_digest


def raw_connection(path: Path | str, **options: Any) -> sqlite3.Connection:
    connection = sqlite3.connect(path, **options)
    state_digest.register(connection)
    return connection


def drop_digest_triggers(connection: sqlite3.Connection) -> None:
    drop_triggers(connection, "digest_")


def drop_triggers(connection: sqlite3.Connection, prefix: str) -> None:
    """Drop the triggers whose names start with ``prefix`` (as a file of an older format)."""
    pattern = prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "%"
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'",
            [pattern],
        )
    ]
    for name in names:
        connection.execute(f"DROP TRIGGER [{name}]")


def undo_state_digest(connection: sqlite3.Connection) -> None:
    """A file as it was before the digest (migration 0009): what tests that make an older file
    from a current one take away first."""
    drop_digest_triggers(connection)
    connection.execute("DROP TABLE state_digest")
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0009_state_digest'")


def keep_digest(connection: sqlite3.Connection) -> None:
    """Add what ``connection`` changed to the file's digest, as Selection Desk does before each
    COMMIT: a client that re-implemented the digest entirely (call before committing)."""
    state_digest.flush(Database(connection, execute_plugins=False))

"""Plain ``sqlite3`` access to a campaign file, as tools other than Selection Desk have it.

A campaign file's digest triggers call a function only Selection Desk registers
(``storage.state_digest``): a plain client cannot change a covered row.  Tests that stand for a
client who re-implemented that function (to corrupt a file on purpose, or to make an older file)
connect with :func:`raw_connection`, and call :func:`keep_digest` before committing when that
client keeps the digest right too; benchmark baselines that time bare SQL drop the triggers on
their own copy with :func:`drop_digest_triggers`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from selection_desk.storage import audit, state_digest


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


def as_format_3(path: Path) -> None:
    """Turn a current file into one written before migration 0004 (no campaign contact)."""
    with contextlib.closing(raw_connection(path)) as old:
        undo_state_digest(old)  # a format-3 file has no digest: 0009 makes it
        old.execute("ALTER TABLE campaign DROP COLUMN contact")
        old.execute("DELETE FROM _sqlite_migrations WHERE name = '0004_campaign_contact'")
        old.execute("PRAGMA user_version = 3")
        old.commit()


def keep_digest(connection: sqlite3.Connection) -> None:
    """Add what ``connection`` changed to the file's digest, as Selection Desk does before each
    COMMIT: a client that re-implemented the digest entirely (call before committing)."""
    state_digest.flush(Database(connection, execute_plugins=False))


_AUDIT_TRIGGERS_BEFORE_ERASURE = (
    """CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)


def undo_audit_rebase(connection: sqlite3.Connection) -> None:
    """The audit log as it was before migration 0012: hashes over the payload itself, no payload
    hash column, triggers refusing every edit.  What tests that make an older file from a current
    one do to its log (the chain is recomputed under the old rule)."""
    for trigger in ("audit_is_append_only_update", "audit_is_append_only_delete"):
        connection.execute(f"DROP TRIGGER {trigger}")
    previous = audit.GENESIS_HASH
    rows = connection.execute(
        "SELECT seq, at, actor, action, entity, before, after FROM audit ORDER BY seq"
    ).fetchall()
    for seq, *content in rows:
        digest = audit.legacy_entry_hash(previous, *content)
        connection.execute(
            "UPDATE audit SET previous_hash = ?, hash = ? WHERE seq = ?", [previous, digest, seq]
        )
        previous = digest
    for column in ("payload_hash", "legacy_hash", "redacted_by"):
        connection.execute(f"ALTER TABLE audit DROP COLUMN {column}")
    for statement in _AUDIT_TRIGGERS_BEFORE_ERASURE:
        connection.execute(statement)
    connection.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_erasure'")

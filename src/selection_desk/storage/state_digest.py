"""A running digest of the campaign's state, kept by the database itself.

The audit chain proves that no *entry* was altered; this proves that no *row* was changed behind
the log's back.  For each covered table, ``state_digest`` holds the sum (modulo 2⁶⁴) of a hash of
every row, kept up to date by triggers that call :data:`FUNCTION` — a function only Selection Desk
registers on its connections.  So:

* a raw SQLite client that edits a score or a decision is refused ("no such function");
* one that drops the triggers first is caught by ``check``, which finds the triggers missing
  (storage.check) and recomputes every digest from the rows: the edit made meanwhile shows;
* only someone who re-implements this module and rewrites the log too goes unseen by the file
  alone: the head hash published in the minutes (``check --head``) catches that.

The columns covered are listed here, per table: a later migration that adds a column to a covered
table and wants it covered adds it to :data:`COVERED` and calls :func:`install` again.  An earlier
migration's :func:`install` covers what exists at its step (:func:`_present`), so a file migrated
step by step reaches the same digests as a new one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence

from sqlite_utils import Database

FUNCTION = "selection_desk_row_term"

COVERED: dict[str, tuple[str, ...]] = {
    "campaign": (
        "id", "uid", "name", "programme", "places", "language", "method", "criterion_decimals",
        "tie_break", "spread_threshold", "confidence_weighting", "meeting_date", "meeting_place",
        "kind", "contact", "stability_resamples", "stability_seed", "allow_draw",
    ),
    "criterion": (
        "id", "code", "position", "label", "weight", "scale_min", "scale_max", "step",
        "threshold", "grp", "description",
    ),
    "rubric_level": ("criterion_id", "value", "label", "descriptor"),
    "dossier": ("id", "ref", "name", "position", "fields"),
    "attachment": ("id", "dossier_id", "file_name", "mime_type", "size", "sha256"),
    "juror": ("id", "code", "name", "email", "role", "public_key", "pin_hash"),
    "conflict": ("juror_id", "dossier_id", "reason"),
    "assignment": ("juror_id", "dossier_id"),
    "review": (
        "juror_id", "dossier_id", "status", "comment", "confidence", "revision", "feedback",
    ),
    "score": ("juror_id", "dossier_id", "criterion_id", "value", "comment", "revision"),
    "decision": (
        "dossier_id", "outcome", "rationale", "votes_for", "votes_against", "votes_abstain",
        "decided_at", "decided_by", "recused",
    ),
    "setting": ("key", "value"),
    "juror_tag": ("juror_id", "tag"),
    "dossier_tag": ("dossier_id", "tag"),
    "bid": ("juror_id", "dossier_id", "level"),
    "juror_load_limit": ("juror_id", "max_load"),
    "feedback_approval": ("dossier_id", "text", "approved_at", "approved_by"),
}  # fmt: skip

_MODULUS = 1 << 64


def _canonical(value: object) -> object:
    return value.hex() if isinstance(value, bytes) else value


def row_term(table: str, values: Sequence[object]) -> int:
    """One row's share of its table's digest."""
    text = json.dumps([table, *map(_canonical, values)], ensure_ascii=False, separators=(",", ":"))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def _fold(digest: int, sign: int, table: str, *values: object) -> int:
    """``digest`` with one row added (sign 1) or taken away (sign -1), as a signed 64-bit value
    (what SQLite stores)."""
    total = (digest + sign * row_term(table, values)) % _MODULUS
    return total - _MODULUS if total >= 1 << 63 else total


def register(connection: sqlite3.Connection) -> None:
    """Make the triggers work on ``connection``: every connection that writes a campaign file."""
    connection.create_function(FUNCTION, -1, _fold, deterministic=True)


def _row(prefix: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{prefix}.[{column}]" for column in columns)


def _triggers(table: str, columns: Sequence[str]) -> list[str]:
    target = f"UPDATE state_digest SET value = {{value}} WHERE name = '{table}'"
    add = f"{FUNCTION}(value, 1, '{table}', {_row('NEW', columns)})"
    remove = f"{FUNCTION}(value, -1, '{table}', {_row('OLD', columns)})"
    swap = f"{FUNCTION}({remove}, 1, '{table}', {_row('NEW', columns)})"
    return [
        f"CREATE TRIGGER digest_{table}_insert AFTER INSERT ON [{table}]"
        f" BEGIN {target.format(value=add)}; END",
        f"CREATE TRIGGER digest_{table}_delete AFTER DELETE ON [{table}]"
        f" BEGIN {target.format(value=remove)}; END",
        f"CREATE TRIGGER digest_{table}_update AFTER UPDATE ON [{table}]"
        f" BEGIN {target.format(value=swap)}; END",
    ]


def _present(db: Database) -> dict[str, tuple[str, ...]]:
    """:data:`COVERED` as far as the file's schema has reached (a migration step before the one
    that adds a table or a column covers it once that step ran)."""
    present: dict[str, tuple[str, ...]] = {}
    for table, columns in COVERED.items():
        existing = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}
        if existing:
            present[table] = tuple(column for column in columns if column in existing)
    return present


def install(db: Database) -> None:
    """Create (or re-create) the digest table's rows and triggers, from the rows as they are."""
    register(db.conn)
    db.execute("CREATE TABLE IF NOT EXISTS state_digest (name TEXT PRIMARY KEY, value INTEGER)")
    for table, columns in _present(db).items():
        for event in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER IF EXISTS digest_{table}_{event}")
        for statement in _triggers(table, columns):
            db.execute(statement)
    db.execute("DELETE FROM state_digest")
    db.conn.executemany(
        "INSERT INTO state_digest (name, value) VALUES (?, ?)", recomputed(db).items()
    )


def recomputed(db: Database) -> dict[str, int]:
    """Every covered table's digest, computed from its rows."""
    digests: dict[str, int] = {}
    for table, columns in _present(db).items():
        digest = 0
        selected = ", ".join(f"[{column}]" for column in columns)
        for values in db.execute(f"SELECT {selected} FROM [{table}]"):
            digest = _fold(digest, 1, table, *values)
        digests[table] = digest
    return digests


def stored(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT name, value FROM state_digest").fetchall())


def changed_behind_the_log(db: Database) -> tuple[str, ...]:
    """The covered tables whose rows no longer match the digest the database kept."""
    kept = stored(db)
    return tuple(table for table, digest in recomputed(db).items() if kept.get(table) != digest)

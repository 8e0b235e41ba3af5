"""A running digest of the campaign's state, kept by the database itself.

The audit chain proves that no *entry* was altered; this proves that no *row* was changed behind
the log's back.  For each covered table, ``state_digest`` holds the sum (modulo 2⁶⁴) of a hash of
every row, kept up to date by triggers that call :data:`FUNCTION` — a function only Selection Desk
registers on its connections, which folds the changed rows of a transaction and adds them to
``state_digest`` once, just before COMMIT (:func:`flush`).  So:

* a raw SQLite client that edits a score or a decision is refused ("no such function"), and one
  that defines a function of that name changes rows without changing the digest;
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

import contextlib
import functools
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

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
        "threshold", "grp", "description", "round_id",
    ),
    "rubric_level": ("criterion_id", "value", "label", "descriptor"),
    "dossier": ("id", "ref", "name", "position", "fields"),
    "attachment": ("id", "dossier_id", "file_name", "mime_type", "size", "sha256"),
    "juror": ("id", "code", "name", "email", "role", "public_key", "pin_hash"),
    "conflict": ("juror_id", "dossier_id", "reason"),
    "assignment": ("juror_id", "dossier_id", "round_id"),
    "review": (
        "juror_id", "dossier_id", "status", "comment", "confidence", "revision", "feedback",
        "round_id",
    ),
    "score": ("juror_id", "dossier_id", "criterion_id", "value", "comment", "revision"),
    "decision": (
        "dossier_id", "outcome", "rationale", "votes_for", "votes_against", "votes_abstain",
        "decided_at", "decided_by", "recused", "round_id",
    ),
    "setting": ("key", "value"),
    "juror_tag": ("juror_id", "tag"),
    "dossier_tag": ("dossier_id", "tag"),
    "bid": ("juror_id", "dossier_id", "level"),
    "juror_load_limit": ("juror_id", "max_load"),
    "feedback_approval": ("dossier_id", "text", "approved_at", "approved_by"),
    "round": (
        "id", "uid", "code", "name", "kind", "position", "places", "method", "weight", "date",
        "status", "closed_at",
    ),
    "round_dossier": ("round_id", "dossier_id"),
    "hearing_plan": (
        "round_id", "start", "pitch_minutes", "question_minutes", "changeover_minutes", "breaks",
        "end_time", "day", "place", "bring",
    ),
    "hearing_slot": ("round_id", "dossier_id", "position"),
    "dossier_field": ("name", "position", "type", "personal"),
}  # fmt: skip

_MODULUS = 1 << 64


def row_term(table: str, values: Sequence[object]) -> int:
    """One row's share of its table's digest: 64 bits of BLAKE2b, keyed by the table's name, over
    the ``repr`` of the row's values as a tuple.

    A merge or an import folds every row it writes (250,000 on a large campaign), so this is kept
    cheap: ``repr`` of SQLite's values (int, float, str, bytes, None) is exact and stable across
    runs and platforms (floats print their shortest round-trip form), and the keyed hash state is
    set up once per table and copied (a quarter faster than a new keyed hash per row)."""
    return _fold(table, (tuple(values),))


@functools.cache
def _keyed_hash(table: str) -> Any:
    return hashlib.blake2b(digest_size=8, key=table.encode("utf-8"))


def _fold(table: str, rows: Iterable[tuple[object, ...]]) -> int:
    """The sum of the rows' terms (not reduced modulo 2⁶⁴): the loop of bulk folding."""
    keyed, from_bytes, total = _keyed_hash(table), int.from_bytes, 0
    for values in rows:
        term = keyed.copy()
        term.update(repr(values).encode("utf-8", "surrogatepass"))
        total += from_bytes(term.digest(), "big")
    return total


def _signed(total: int) -> int:
    """A sum modulo 2⁶⁴ as the signed 64-bit integer SQLite stores."""
    total %= _MODULUS
    return total - _MODULUS if total >= 1 << 63 else total


class PendingChanges:
    """The rows a connection's transaction changed, folded per table: the triggers call this (as
    :data:`FUNCTION`) for every row written, and :func:`flush` adds it to ``state_digest`` once,
    just before COMMIT — one small write per transaction instead of one per row."""

    def __init__(self) -> None:
        self.deltas: dict[str, int] = {}

    def __call__(self, sign: int, table: str, *values: object) -> None:
        self.deltas[table] = self.deltas.get(table, 0) + sign * _fold(table, (values,))


_PENDING: dict[int, PendingChanges] = {}
"""Per connection (by ``id``; :func:`register` replaces what a closed one left)."""


def register(connection: sqlite3.Connection) -> None:
    """Make the triggers work on ``connection``: every connection that writes a campaign file."""
    pending = PendingChanges()
    _PENDING[id(connection)] = pending
    connection.create_function(FUNCTION, -1, pending)


def forget(connection: sqlite3.Connection) -> None:
    _PENDING.pop(id(connection), None)


def flush(db: Database) -> None:
    """Add the transaction's row changes to ``state_digest``; call inside it, before COMMIT."""
    pending = _PENDING.get(id(db.conn))
    if pending is None or not pending.deltas:
        return
    kept = stored(db, tuple(pending.deltas))
    db.conn.executemany(
        "UPDATE state_digest SET value = ? WHERE name = ?",
        [(_signed(kept.get(t, 0) + delta), t) for t, delta in pending.deltas.items()],
    )
    pending.deltas.clear()


def discard(db: Database) -> None:
    """Forget the row changes of a transaction that was rolled back."""
    pending = _PENDING.get(id(db.conn))
    if pending is not None:
        pending.deltas.clear()


def _row(prefix: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{prefix}.[{column}]" for column in columns)


def _triggers(table: str, columns: Sequence[str]) -> list[str]:
    add = f"{FUNCTION}(1, '{table}', {_row('NEW', columns)})"
    remove = f"{FUNCTION}(-1, '{table}', {_row('OLD', columns)})"
    return [
        f"CREATE TRIGGER digest_{table}_insert AFTER INSERT ON [{table}] BEGIN SELECT {add}; END",
        f"CREATE TRIGGER digest_{table}_delete AFTER DELETE ON [{table}]"
        f" BEGIN SELECT {remove}; END",
        # Only a change of a covered column (a score's review counting it is not one).
        f"CREATE TRIGGER digest_{table}_update AFTER UPDATE OF"
        f" {', '.join(f'[{column}]' for column in columns)} ON [{table}]"
        f" BEGIN SELECT {remove}, {add}; END",
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


def install(db: Database, changed: Sequence[str] | None = None) -> None:
    """Create (or re-create) the digest table's rows and triggers, from the rows as they are.

    ``changed``: the only tables whose rows or covered columns changed since the digest was last
    right (the others keep theirs: a migration that rebuilt a few tables need not read a large
    campaign's 250,000 scores again)."""
    register(db.conn)
    db.execute("CREATE TABLE IF NOT EXISTS state_digest (name TEXT PRIMARY KEY, value INTEGER)")
    for table, columns in _present(db).items():
        _drop_triggers(db, table)
        for statement in _triggers(table, columns):
            db.execute(statement)
    if changed is None:
        db.execute("DELETE FROM state_digest")
    db.conn.executemany(
        "INSERT INTO state_digest (name, value) VALUES (?, ?)"
        " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        recomputed(db, changed).items(),
    )
    discard(db)  # the rows as they are now are the digest's start


@contextlib.contextmanager
def bulk_write(
    db: Database, tables: Sequence[str], where: str, params: Sequence[object]
) -> Iterator[None]:
    """Write many rows of ``tables`` without a trigger call per row, inside the open transaction.

    The rows matching ``where`` (with ``params``) are folded before and after the block and their
    difference added to the transaction's pending change, so the block must write no row of these
    tables outside ``where``.  The digest triggers of ``tables`` are dropped meanwhile and
    re-created, identical, when the block ends — also when it fails, since a caller may catch the
    error and commit: the rows it did write are folded all the same.  Being inside the
    transaction, a crash or a rollback restores the triggers with the rows."""
    if not db.conn.in_transaction:
        raise RuntimeError("bulk_write needs an open transaction")  # DDL would commit on its own
    present = _present(db)
    covered = {table: present[table] for table in tables if table in present}
    before = {table: _folded(db, table, cols, where, params) for table, cols in covered.items()}
    for table in covered:
        _drop_triggers(db, table)
    try:
        yield
    finally:
        if db.conn.in_transaction:  # else it was rolled back, triggers and all
            pending = _PENDING[id(db.conn)]
            for table, columns in covered.items():
                after = _folded(db, table, columns, where, params)
                pending.deltas[table] = pending.deltas.get(table, 0) + after - before[table]
                for statement in _triggers(table, columns):
                    db.execute(statement)


@dataclass(frozen=True)
class KnownRows:
    """The rows of one covered table that a write replaces, known to the caller: ``removed`` as
    they were (deleted, or about to be overwritten) and ``added`` as written, each a tuple of
    ``columns`` (which must include the table's covered columns) holding the values as the
    (STRICT) table stores them: a REAL column's value a ``float``, never an ``int``."""

    table: str
    columns: tuple[str, ...]
    removed: Iterable[Sequence[object]]
    added: Iterable[Sequence[object]]


@contextlib.contextmanager
def known_write(db: Database, changes: Sequence[KnownRows]) -> Iterator[None]:
    """Write rows whose before and after the caller knows, inside the open transaction, without a
    trigger call per row and without reading them back: the terms of ``added`` minus those of
    ``removed`` go to the transaction's pending change.  The block must write exactly those rows
    of these tables.  A merge writes a juror's thousands of rows once: folding the rows written
    from the values in hand, instead of reading them back (:func:`bulk_write`), saves a scan.

    The triggers are dropped meanwhile and re-created when the block ends.  Should the block fail
    (so what it wrote is unknown) while the transaction goes on, the tables are refolded whole."""
    if not db.conn.in_transaction:
        raise RuntimeError("known_write needs an open transaction")  # DDL would commit on its own
    present = _present(db)
    covered = [change for change in changes if change.table in present]
    for change in covered:
        _drop_triggers(db, change.table)
    completed = False
    try:
        yield
        completed = True
    finally:
        if db.conn.in_transaction:  # else it was rolled back, triggers and all
            pending = _PENDING[id(db.conn)]
            for change in covered:
                columns = present[change.table]
                if completed:
                    delta = _known_delta(change, columns)
                else:
                    delta = _refolded_delta(db, change.table, columns) - pending.deltas.get(
                        change.table, 0
                    )
                pending.deltas[change.table] = pending.deltas.get(change.table, 0) + delta
                for statement in _triggers(change.table, columns):
                    db.execute(statement)


def _known_delta(change: KnownRows, columns: Sequence[str]) -> int:
    """Σ terms of the added rows − Σ terms of the removed ones, projected on ``columns``."""
    project = _projection(change.columns, columns)
    added = _fold(change.table, map(project, change.added))
    return added - _fold(change.table, map(project, change.removed))


Row = tuple[object, ...]


def _projection(given: Sequence[str], wanted: Sequence[str]) -> Callable[[Sequence[object]], Row]:
    """Row of ``given`` columns → tuple of the ``wanted`` ones, in their order."""
    positions = [given.index(column) for column in wanted]
    if positions == list(range(len(given))):
        return tuple
    if len(positions) == 1:  # itemgetter of one item returns it bare, not in a tuple
        (only,) = positions
        return lambda row: (row[only],)
    pick: Callable[[Sequence[object]], Row] = itemgetter(*positions)
    return pick


def _refolded_delta(db: Database, table: str, columns: Sequence[str]) -> int:
    """What brings the stored digest of ``table`` to its rows as they are now."""
    return _fold(table, _select(db, table, columns, "1", ())) - stored(db).get(table, 0)


def _select(
    db: Database, table: str, columns: Sequence[str], where: str, params: Sequence[object]
) -> Iterable[tuple[object, ...]]:
    selected = ", ".join(f"[{column}]" for column in columns)
    rows: Iterable[tuple[object, ...]] = db.execute(
        f"SELECT {selected} FROM [{table}] WHERE {where}", list(params)
    )
    return rows


def _folded(
    db: Database, table: str, columns: Sequence[str], where: str, params: Sequence[object]
) -> int:
    """The sum of the terms of ``table``'s rows matching ``where`` (not reduced modulo 2⁶⁴)."""
    return _fold(table, _select(db, table, columns, where, params))


def _drop_triggers(db: Database, table: str) -> None:
    for event in ("insert", "delete", "update"):
        db.execute(f"DROP TRIGGER IF EXISTS digest_{table}_{event}")


def recomputed(db: Database, tables: Sequence[str] | None = None) -> dict[str, int]:
    """Every covered table's digest (or ``tables``'), computed from its rows."""
    digests: dict[str, int] = {}
    for table, columns in _present(db).items():
        if tables is not None and table not in tables:
            continue
        selected = ", ".join(f"[{column}]" for column in columns)
        rows = db.execute(f"SELECT {selected} FROM [{table}]")
        digests[table] = _signed(_fold(table, rows))
    return digests


def stored(db: Database, tables: Sequence[str] | None = None) -> dict[str, int]:
    """The digests the database keeps (``tables``': a keystroke changes one or two)."""
    if tables is None:
        return dict(db.execute("SELECT name, value FROM state_digest").fetchall())
    marks = ", ".join("?" * len(tables))
    return dict(
        db.execute(
            f"SELECT name, value FROM state_digest WHERE name IN ({marks})", list(tables)
        ).fetchall()
    )


def changed_behind_the_log(db: Database) -> tuple[str, ...]:
    """The covered tables whose rows no longer match the digest the database kept."""
    kept = stored(db)
    return tuple(table for table, digest in recomputed(db).items() if kept.get(table) != digest)

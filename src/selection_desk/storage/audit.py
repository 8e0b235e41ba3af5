"""The append-only, hash-chained audit log, whose payloads can be redacted.

Every change a user makes is recorded in the same transaction as the change: who, when, what,
the entity, its state before and after (the *payload*).  Each entry's hash covers the previous
entry's hash, so editing or deleting any entry (the schema's triggers refuse both) breaks the
chain, and the latest hash — printed in the minutes — pins the whole history.

**Redaction (erasure, design §11).**  An entry's hash covers a hash of its payload
(``payload_hash``, SHA-256 of the canonical ``[before, after]``), not the payload itself.  So a
payload that holds an applicant's erased data can be set to NULL — a *redaction* — and the chain
still verifies: the entry keeps its payload hash, and ``check`` recomputes the payload hash of
every entry that still has its payload.  The triggers refuse every edit except that one: payload to
NULL, every other column unchanged, ``redacted_by`` set once to the seq of a later entry (the
``erase`` entry that asked for it, without the erased data).  ``check`` reports how many entries
were redacted, of which entities, and when.

**Files written before this rule (migration 0012).**  Their entries' hashes covered the payload
itself, so none of them could be redacted.  The migration *re-bases* the chain: it recomputes every
entry's hash under the new rule, keeps the old hash in ``legacy_hash`` (covered by the new hash),
and appends an ``audit_rebased`` entry that records the old head and the new one.  Anchors taken
before the upgrade (the head printed in the minutes, a backup's name, a kit) name old hashes:
``check`` finds them in ``legacy_hash``; and as long as a re-based entry keeps its payload,
``check`` also recomputes its old hash from its content and the previous old hash, so the old
anchors still pin the content they pinned.  A redacted re-based entry can no longer be checked
against its old hash (its payload is gone, on purpose); the new chain still covers it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database

from selection_desk.domain import AuditEntry

GENESIS_HASH = "0" * 64


_CANONICAL_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
"""Built once: ``json.dumps`` with options builds an encoder per call, three per audited score."""


def canonical_json(value: Any) -> str:
    """The one serialisation used for hashing and signing: stable across runs and platforms."""
    return _CANONICAL_ENCODER.encode(value)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def payload_hash(before: str | None, after: str | None) -> str:
    """The hash an entry's chain hash covers in place of its payload (``before``, ``after``)."""
    return _sha256(canonical_json([before, after]))


def entry_hash(
    previous_hash: str,
    at: str,
    actor: str,
    action: str,
    entity: str,
    payload: str,
    legacy_hash: str | None = None,
) -> str:
    """An entry's hash: the previous hash, the entry's columns and its payload's hash."""
    return _sha256(canonical_json([previous_hash, at, actor, action, entity, payload, legacy_hash]))


def legacy_entry_hash(
    previous_hash: str,
    at: str,
    actor: str,
    action: str,
    entity: str,
    before: str | None,
    after: str | None,
) -> str:
    """An entry's hash under the rule before migration 0012: over the payload itself."""
    return _sha256(canonical_json([previous_hash, at, actor, action, entity, before, after]))


def flat_state(record: Any) -> dict[str, Any]:
    """A flat dataclass record (plain values, no nested records) as the dict an entry stores.

    What ``dataclasses.asdict`` gives for such a record, without its recursive deep copy: scores
    are audited on every keystroke."""
    return {field.name: getattr(record, field.name) for field in fields(record)}


def latest_hash(db: Database) -> str:
    row = db.execute("SELECT hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return row[0] if row else GENESIS_HASH


def append(
    db: Database,
    actor: str,
    action: str,
    entity: str,
    before: Any = None,
    after: Any = None,
) -> str:
    """Append one entry; call inside the transaction that makes the change.  Returns its hash."""
    before_text = None if before is None else canonical_json(before)
    after_text = None if after is None else canonical_json(after)
    previous = latest_hash(db)
    at = now_iso()
    payload = payload_hash(before_text, after_text)
    digest = entry_hash(previous, at, actor, action, entity, payload)
    db.execute(
        "INSERT INTO audit (at, actor, action, entity, before, after, previous_hash, hash,"
        " payload_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [at, actor, action, entity, before_text, after_text, previous, digest, payload],
    )
    return digest


def entries(db: Database) -> Iterator[AuditEntry]:
    cursor = db.execute(
        "SELECT seq, at, actor, action, entity, before, after, previous_hash, hash"
        " FROM audit ORDER BY seq"
    )
    for row in cursor:
        yield AuditEntry(*row)


def redact(db: Database, seqs: Iterable[int], by: int) -> int:
    """Set the payload of entries ``seqs`` to NULL, on behalf of entry ``by`` (later, and written
    in the same transaction: the erasure).  Returns how many entries were redacted."""
    redacted = 0
    for seq in sorted(set(seqs)):
        cursor = db.execute(
            "UPDATE audit SET before = NULL, after = NULL, redacted_by = ?"
            " WHERE seq = ? AND redacted_by IS NULL",
            [by, seq],
        )
        redacted += cursor.rowcount
    return redacted


def last_seq(db: Database) -> int:
    row = db.execute("SELECT max(seq) FROM audit").fetchone()
    return int(row[0] or 0)


@dataclass(frozen=True)
class Redaction:
    """Entries redacted on behalf of one later entry (an erasure)."""

    by_seq: int
    at: str
    """When the redaction was made: the time of the entry that asked for it."""
    entities: tuple[str, ...]
    """The entities of the redacted entries, each once, in log order."""
    count: int


def redactions(db: Database) -> tuple[Redaction, ...]:
    """Every redaction of the log, oldest first."""
    rows = db.execute(
        "SELECT r.redacted_by, coalesce(b.at, ''), r.entity FROM audit r"
        " LEFT JOIN audit b ON b.seq = r.redacted_by"
        " WHERE r.redacted_by IS NOT NULL ORDER BY r.redacted_by, r.seq"
    )
    grouped: dict[int, tuple[str, list[str], list[int]]] = {}
    for by_seq, at, entity in rows:
        _, entities, counter = grouped.setdefault(by_seq, (at, [], [0]))
        counter[0] += 1
        if entity not in entities:
            entities.append(entity)
    return tuple(
        Redaction(by_seq, at, tuple(entities), counter[0])
        for by_seq, (at, entities, counter) in grouped.items()
    )


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str
    """"previous_hash" (a link is missing or reordered), "hash" (an entry was altered),
    "payload" (a payload no longer matches its hash) or "legacy_hash" (an entry re-based by
    migration 0012 no longer matches the hash it had before)."""


@dataclass
class _LegacyLink:
    """The old chain's hash before the current entry, while re-based entries are verified."""

    previous: str = GENESIS_HASH


def verify_chain(db: Database) -> tuple[int, list[ChainBreak]]:
    """Recompute every hash; returns the number of entries and where the chain breaks."""
    breaks: list[ChainBreak] = []
    expected_previous = GENESIS_HASH
    legacy = _LegacyLink()
    count = 0
    cursor = db.execute(
        "SELECT seq, at, actor, action, entity, before, after, previous_hash, hash,"
        " payload_hash, legacy_hash, redacted_by FROM audit ORDER BY seq"
    )
    for row in cursor:
        count += 1
        seq, at, actor, action, entity, before, after, previous, digest = row[:9]
        payload, legacy_hash, redacted_by = row[9:]
        if previous != expected_previous:
            breaks.append(ChainBreak(seq, "previous_hash"))
        if entry_hash(previous, at, actor, action, entity, payload, legacy_hash) != digest:
            breaks.append(ChainBreak(seq, "hash"))
        if redacted_by is None and payload_hash(before, after) != payload:
            breaks.append(ChainBreak(seq, "payload"))
        if legacy_hash is not None:
            if redacted_by is None and legacy_hash != legacy_entry_hash(
                legacy.previous, at, actor, action, entity, before, after
            ):
                breaks.append(ChainBreak(seq, "legacy_hash"))
            legacy.previous = legacy_hash
        expected_previous = digest
    return count, breaks


def rebase(db: Database, actor: str) -> None:
    """Re-base a chain written before migration 0012 to the payload-hash rule (module docstring):
    call inside the migration, on an ``audit`` table that has the new columns, its triggers
    dropped."""
    rows = db.execute(
        "SELECT seq, at, actor, action, entity, before, after, hash FROM audit ORDER BY seq"
    ).fetchall()
    if not rows:
        return
    previous = GENESIS_HASH
    updates = []
    for seq, at, who, action, entity, before, after, old_hash in rows:
        payload = payload_hash(before, after)
        digest = entry_hash(previous, at, who, action, entity, payload, old_hash)
        updates.append((previous, digest, payload, old_hash, seq))
        previous = digest
    db.conn.executemany(
        "UPDATE audit SET previous_hash = ?, hash = ?, payload_hash = ?, legacy_hash = ?"
        " WHERE seq = ?",
        updates,
    )
    append(
        db,
        actor,
        "audit_rebased",
        "audit",
        after={"old_head": rows[-1][-1], "new_head": previous, "entries": len(rows)},
    )

"""The append-only, hash-chained audit log.

Every change a user makes is recorded in the same transaction as the change: who, when, what,
the entity, its state before and after.  Each entry's hash covers the previous entry's hash, so
editing or deleting any entry (the schema's triggers already refuse both) breaks the chain, and the
latest hash — printed in the minutes — pins the whole history.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
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


def entry_hash(
    previous_hash: str,
    at: str,
    actor: str,
    action: str,
    entity: str,
    before: str | None,
    after: str | None,
) -> str:
    payload = canonical_json([previous_hash, at, actor, action, entity, before, after])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


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
    digest = entry_hash(previous, at, actor, action, entity, before_text, after_text)
    db.execute(
        "INSERT INTO audit (at, actor, action, entity, before, after, previous_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [at, actor, action, entity, before_text, after_text, previous, digest],
    )
    return digest


def entries(db: Database) -> Iterator[AuditEntry]:
    cursor = db.execute(
        "SELECT seq, at, actor, action, entity, before, after, previous_hash, hash"
        " FROM audit ORDER BY seq"
    )
    for row in cursor:
        yield AuditEntry(*row)


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str  # "previous_hash" (a link is missing or reordered) or "hash" (an entry was altered)


def verify_chain(db: Database) -> tuple[int, list[ChainBreak]]:
    """Recompute every hash; returns the number of entries and where the chain breaks."""
    breaks: list[ChainBreak] = []
    expected_previous = GENESIS_HASH
    count = 0
    for entry in entries(db):
        count += 1
        if entry.previous_hash != expected_previous:
            breaks.append(ChainBreak(entry.seq, "previous_hash"))
        recomputed = entry_hash(
            entry.previous_hash,
            entry.at,
            entry.actor,
            entry.action,
            entry.entity,
            entry.before,
            entry.after,
        )
        if recomputed != entry.hash:
            breaks.append(ChainBreak(entry.seq, "hash"))
        expected_previous = entry.hash
    return count, breaks

"""Decision writes: ``record_decision`` against a bare durable upsert on a copy of the same file."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selection_desk.domain import Outcome
from selection_desk.services.decisions import record_decision
from selection_desk.storage.campaign_file import BUSY_TIMEOUT_MS
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.raw_sqlite import drop_digest_triggers

DECISION_WRITES = 50
"""Writes timed per side: single writes are short and fsync-bound, so take many."""

# Alternated, so that every write changes the stored decision (the first one included).
_OUTCOMES = (Outcome.WAITING_LIST, Outcome.DEFERRED)


def middle_dossier(path: Path) -> tuple[int, str]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (count,) = connection.execute("SELECT count(*) FROM dossier").fetchone()
        row = connection.execute(
            "SELECT id, ref FROM dossier ORDER BY position LIMIT 1 OFFSET ?", [count // 2]
        ).fetchone()
    finally:
        connection.close()
    return int(row[0]), str(row[1])


@contextmanager
def record_decision_side(case: BenchCase) -> Iterator[Prepared]:
    """``services.decisions.record_decision`` on a writable copy: checks, decision, recusals and
    audit entry, durably."""
    path = case.copy("ours.seldesk")
    _dossier_id, ref = middle_dossier(path)
    outcomes = itertools.cycle(_OUTCOMES)
    with CampaignStore.open(path) as store:

        def run() -> str:
            change = record_decision(
                store, ref, next(outcomes), rationale="Benchmark", actor="benchmark"
            )
            assert change.after is not None and change.changed
            return change.after.outcome.value

        yield Prepared(run)


@contextmanager
def bare_decision_upsert_side(case: BenchCase) -> Iterator[Prepared]:
    """One decision upsert in its own ``BEGIN IMMEDIATE … COMMIT``, with the app's durability."""
    path = case.copy("baseline.seldesk")
    dossier_id, _ref = middle_dossier(path)
    outcomes = itertools.cycle(_OUTCOMES)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        drop_digest_triggers(connection)  # bare SQL: no digest kept (storage.state_digest)

        def run() -> str:
            outcome = next(outcomes).value
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "INSERT INTO decision (dossier_id, outcome, rationale) VALUES (?, ?, ?)"
                " ON CONFLICT DO UPDATE SET outcome = excluded.outcome,"
                " rationale = excluded.rationale",
                [dossier_id, outcome, "Benchmark"],
            )
            connection.execute("COMMIT")
            return outcome

        yield Prepared(run)
    finally:
        connection.close()


def check_same_outcome(ours: object, baseline: object) -> None:
    """Both sides wrote the same sequence of outcomes, so they end on the same one."""
    assert ours == baseline, f"record_decision wrote {ours!r}, the bare upsert {baseline!r}"

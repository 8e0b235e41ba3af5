"""Score writes: ``record_score`` against a bare durable ``UPDATE`` on a copy of the same file."""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from selection_desk.services.scoring import record_score
from selection_desk.storage.campaign_file import BUSY_TIMEOUT_MS
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.raw_sqlite import drop_digest_triggers, raw_connection

SCORE_WRITES = 50
"""Writes timed per side: single writes are short and fsync-bound, so take many."""


@dataclass(frozen=True)
class ScoreTarget:
    """The score both sides rewrite: on a review in the middle of the file (final in the
    generated campaign; the app's side reopens it first, outside the timing)."""

    juror_id: int
    dossier_id: int
    criterion_id: int
    juror: str
    dossier: str
    criterion: str
    values: tuple[float, float]
    """Alternated, so that every write changes the stored value (the first one included)."""

    def value_cycle(self) -> Iterator[float]:
        return itertools.cycle(self.values)


def find_score_target(path: Path) -> ScoreTarget:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        (finals,) = connection.execute(
            "SELECT count(*) FROM review WHERE status = 'final'"
        ).fetchone()
        row = connection.execute(
            "SELECT s.juror_id, s.dossier_id, s.criterion_id, j.code, d.ref, c.code, s.value,"
            " c.scale_min, c.step"
            " FROM (SELECT juror_id, dossier_id FROM review WHERE status = 'final'"
            "       ORDER BY juror_id, dossier_id LIMIT 1 OFFSET ?) AS r"
            " JOIN score AS s ON s.juror_id = r.juror_id AND s.dossier_id = r.dossier_id"
            " JOIN juror AS j ON j.id = s.juror_id JOIN dossier AS d ON d.id = s.dossier_id"
            " JOIN criterion AS c ON c.id = s.criterion_id"
            " ORDER BY c.position LIMIT 1",
            [finals // 2],
        ).fetchone()
    finally:
        connection.close()
    juror_id, dossier_id, criterion_id, juror, dossier, criterion, current, low, step = row
    first = low + step if current != low + step else low + 2 * step
    return ScoreTarget(juror_id, dossier_id, criterion_id, juror, dossier, criterion, (first, low))


def reopen_for_editing(path: Path, target: ScoreTarget) -> None:
    """A juror changes scores on a review that is not final (a final one is reopened first, an
    audited step of its own): put the target's review in that state, outside the timing."""
    with contextlib.closing(raw_connection(path)) as connection:
        connection.execute(
            "UPDATE review SET status = 'draft' WHERE juror_id = ? AND dossier_id = ?",
            [target.juror_id, target.dossier_id],
        )
        connection.commit()


@contextmanager
def record_score_side(case: BenchCase) -> Iterator[Prepared]:
    """``services.scoring.record_score`` on a writable copy: score, review and audit, durably."""
    path = case.copy("ours.seldesk")
    target = find_score_target(path)
    reopen_for_editing(path, target)
    values = target.value_cycle()
    with CampaignStore.open(path) as store:

        def run() -> float:
            change = record_score(
                store,
                target.juror,
                target.dossier,
                target.criterion,
                next(values),
                actor="benchmark",
            )
            return change.after.value

        yield Prepared(run)


@contextmanager
def bare_update_side(case: BenchCase) -> Iterator[Prepared]:
    """One ``UPDATE`` in its own ``BEGIN IMMEDIATE … COMMIT``, with the app's durability."""
    path = case.copy("baseline.seldesk")
    target = find_score_target(path)
    values = target.value_cycle()
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        drop_digest_triggers(connection)  # bare SQL: no digest kept (storage.state_digest)

        def run() -> float:
            value = next(values)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "UPDATE score SET value = ? WHERE juror_id = ? AND dossier_id = ?"
                " AND criterion_id = ?",
                [value, target.juror_id, target.dossier_id, target.criterion_id],
            )
            connection.execute("COMMIT")
            return value

        yield Prepared(run)
    finally:
        connection.close()


def check_same_value(ours: object, baseline: object) -> None:
    """Both sides wrote the same sequence of values, so they end on the same one."""
    assert ours == baseline, f"record_score wrote {ours!r}, the bare UPDATE {baseline!r}"

"""Merging ballots: ``merge_ballots`` against a bare ``sqlite3`` upsert of the same rows, with the
same signature checks.

The realistic offline case: every juror scored on their own laptop, so the secretary's file holds
no score yet and each juror's ballot brings all of that juror's work (on L: 60 ballots, 50,000
scores).  Set-up (untimed, shared by both sides): a copy of the campaign with every score and
review removed and one kit recorded per juror; one signed ballot per juror, built from the juror's
rows of the original campaign.  Each timed run merges all the ballots into a fresh copy of that
file.

The baseline does what any merge must: read each file, verify its Ed25519 signature over the
signed bytes (cut out of the file, the cheapest way), parse the JSON, and upsert the reviews and
scores (ids resolved from dictionaries built untimed) in one durable ``BEGIN IMMEDIATE … COMMIT``.
Ours also checks that the bytes are canonical, validates every value against the campaign
(conflicts, assignments, scales, completeness), compares with the juror's current rows, and writes
the merge log and the audit.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from selection_desk.formats.ballot import (
    Ballot,
    BallotReview,
    BallotScore,
    public_key_of,
    sign_ballot,
)
from selection_desk.services.merge import MergeOutcome, merge_ballots
from selection_desk.storage import kits as kit_rows
from selection_desk.storage.audit import now_iso
from selection_desk.storage.campaign_file import BUSY_TIMEOUT_MS
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.raw_sqlite import drop_digest_triggers


@dataclass(frozen=True)
class MergeCase:
    secretary: Path
    """The campaign without scores, with a kit recorded per juror: copied before each run."""
    ballots: tuple[Path, ...]
    scores: int


_PREPARED: dict[Path, MergeCase] = {}


def _raw_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def prepare(case: BenchCase) -> MergeCase:
    if case.workdir in _PREPARED:
        return _PREPARED[case.workdir]
    secretary = case.copy("merge-secretary.seldesk")
    folder = case.workdir / "ballots"
    folder.mkdir()
    ballots: list[Path] = []
    total = 0
    with CampaignStore.open(secretary) as store:
        uid = store.campaign().uid
        issues = []
        for juror in store.jurors():
            key, kit_id = _raw_key(), str(uuid.uuid4())
            scores: dict[str, list[BallotScore]] = {}
            for s in store.scores(juror.code):
                scores.setdefault(s.dossier, []).append(
                    BallotScore(s.criterion, s.value, s.comment, s.revision, s.updated_at)
                )
            reviews = tuple(
                BallotReview(
                    r.dossier,
                    r.status.value,
                    r.comment,
                    r.confidence,
                    r.revision,
                    r.updated_at,
                    tuple(scores.get(r.dossier, ())),
                )
                for r in store.reviews(juror.code)
            )
            ballot = sign_ballot(Ballot(uid, kit_id, juror.code, 1, now_iso(), reviews), key)
            path = folder / f"{juror.code}.json"
            path.write_bytes(ballot.to_bytes())
            ballots.append(path)
            total += ballot.score_count
            issues.append(
                kit_rows.KitIssue(kit_id, juror.code, public_key_of(key), bytes(32), 0, False, "")
            )
        with store.transaction():
            for issue in issues:
                kit_rows.record_kit_issue(store, issue)
            store.db.execute("DELETE FROM score")
            store.db.execute("DELETE FROM review")
        store.db.execute("VACUUM")
    prepared = MergeCase(secretary, tuple(ballots), total)
    _PREPARED[case.workdir] = prepared
    return prepared


def _fresh_copy(prepared: MergeCase, name: str) -> Path:
    target = prepared.secretary.with_name(name)
    shutil.copyfile(prepared.secretary, target)
    return target


@contextmanager
def merge_side(case: BenchCase) -> Iterator[Prepared]:
    """``services.merge.merge_ballots`` of every ballot, in one call, on a fresh copy."""
    prepared = prepare(case)
    opened: list[CampaignStore] = []

    def before_each() -> None:
        while opened:
            opened.pop().close()
        opened.append(CampaignStore.open(_fresh_copy(prepared, "merge-ours.seldesk")))

    def run() -> int:
        reports = merge_ballots(opened[0], list(prepared.ballots), actor="benchmark")
        assert all(r.outcome is MergeOutcome.ACCEPTED for r in reports), reports[0]
        return sum(r.scores_new for r in reports)

    try:
        yield Prepared(run, before_each)
    finally:
        while opened:
            opened.pop().close()


@contextmanager
def bare_upsert_side(case: BenchCase) -> Iterator[Prepared]:
    """Signature check and a bare upsert of the same rows, durably, in one transaction."""
    prepared = prepare(case)
    state: dict[str, object] = {}

    def before_each() -> None:
        previous = state.pop("connection", None)
        if isinstance(previous, sqlite3.Connection):
            previous.close()
        path = _fresh_copy(prepared, "merge-baseline.seldesk")
        connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        drop_digest_triggers(connection)  # bare SQL: no digest kept (storage.state_digest)
        state["connection"] = connection
        state["jurors"] = dict(connection.execute("SELECT code, id FROM juror"))
        state["dossiers"] = dict(connection.execute("SELECT ref, id FROM dossier"))
        state["criteria"] = dict(connection.execute("SELECT code, id FROM criterion"))
        state["keys"] = {
            kit_id: Ed25519PublicKey.from_public_bytes(bytes(key))
            for kit_id, key in connection.execute("SELECT kit_id, public_key FROM kit_issue")
        }

    def run() -> int:
        connection = state["connection"]
        assert isinstance(connection, sqlite3.Connection)
        jurors: dict[str, int] = state["jurors"]  # type: ignore[assignment]
        dossiers: dict[str, int] = state["dossiers"]  # type: ignore[assignment]
        criteria: dict[str, int] = state["criteria"]  # type: ignore[assignment]
        keys: dict[str, Ed25519PublicKey] = state["keys"]  # type: ignore[assignment]
        rows = 0
        connection.execute("BEGIN IMMEDIATE")
        for path in prepared.ballots:
            raw = path.read_bytes()
            document = json.loads(raw)
            signature = document["signature"]
            message = raw[:-1].replace(f',"signature":"{signature}"'.encode(), b"", 1)
            keys[document["kit_id"]].verify(bytes.fromhex(signature), message)
            juror = jurors[document["juror"]]
            connection.executemany(
                "INSERT INTO review (juror_id, dossier_id, status, comment, confidence, revision,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                " status = excluded.status, comment = excluded.comment,"
                " confidence = excluded.confidence, revision = excluded.revision,"
                " updated_at = excluded.updated_at",
                [
                    (
                        juror,
                        dossiers[r["dossier"]],
                        r["status"],
                        r["comment"],
                        r["confidence"],
                        r["revision"],
                        r["updated_at"],
                    )
                    for r in document["reviews"]
                ],
            )
            scores = [
                (
                    juror,
                    dossiers[r["dossier"]],
                    criteria[s["criterion"]],
                    s["value"],
                    s["comment"],
                    s["revision"],
                    s["updated_at"],
                )
                for r in document["reviews"]
                for s in r["scores"]
            ]
            connection.executemany(
                "INSERT INTO score (juror_id, dossier_id, criterion_id, value, comment, revision,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET"
                " value = excluded.value, comment = excluded.comment,"
                " revision = excluded.revision, updated_at = excluded.updated_at",
                scores,
            )
            rows += len(scores)
        connection.execute("COMMIT")
        return rows

    try:
        yield Prepared(run, before_each)
    finally:
        connection = state.get("connection")
        if isinstance(connection, sqlite3.Connection):
            connection.close()


def check_same_rows(ours: object, baseline: object) -> None:
    """Both sides wrote every score of every ballot."""
    assert ours == baseline, f"merge wrote {ours!r} new scores, the bare upsert {baseline!r}"

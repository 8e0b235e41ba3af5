"""SQL of the offline workflow: juror kits, ballots merged, scoring sheets imported back.

Two sides share these tables (migration ``0003_offline``). In a *juror kit* (a campaign file whose
``campaign.kind`` is ``'juror_kit'``) the one ``kit_identity`` row says whom the kit is for and
holds its signing key and ballot counter. In the *campaign file*, ``kit_issue`` lists every kit
issued with the public key that verifies its ballots, ``ballot_merge`` every ballot merged and
``sheet_import`` every Excel scoring sheet imported. Writers must be called inside
``store.transaction()``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from selection_desk.storage import state_digest
from selection_desk.storage.store import CampaignStore

KIND_CAMPAIGN = "campaign"
KIND_JUROR_KIT = "juror_kit"


@dataclass(frozen=True)
class KitIdentity:
    kit_id: str
    juror: str
    campaign_uid: str
    issued_at: str
    private_key: bytes
    """The raw 32-byte Ed25519 key, or its AES-GCM ciphertext when ``key_salt`` is set."""
    key_salt: bytes | None
    key_nonce: bytes | None
    ballot_key: bytes
    seal_ballots: bool
    ballot_revision: int
    last_ballot: bytes | None

    @property
    def key_is_sealed(self) -> bool:
        return self.key_salt is not None


@dataclass(frozen=True)
class KitIssue:
    kit_id: str
    juror: str
    public_key: bytes
    ballot_key: bytes
    first_revision: int
    sealed: bool
    issued_at: str


# -- both sides -------------------------------------------------------------------------------


def campaign_kind(store: CampaignStore) -> str:
    row = store.db.execute("SELECT kind FROM campaign").fetchone()
    return KIND_CAMPAIGN if row is None else str(row[0])


def is_juror_kit(store: CampaignStore) -> bool:
    """Whether the open file is a juror kit (the app then opens in juror mode)."""
    return campaign_kind(store) == KIND_JUROR_KIT


def set_campaign_kind(store: CampaignStore, kind: str) -> None:
    store.db.execute("UPDATE campaign SET kind = ? WHERE id = 1", [kind])


# -- the campaign file's side: issuing kits ---------------------------------------------------


def kit_dossier_refs(store: CampaignStore, juror: str) -> list[str]:
    """The dossiers a kit for ``juror`` holds: assigned (everyone, without assignment rows) and
    not conflicted, in the campaign's order."""
    juror_id = store.juror_id(juror)
    rows = store.db.execute(
        "SELECT d.ref FROM dossier d"
        " WHERE NOT EXISTS (SELECT 1 FROM conflict c WHERE c.juror_id = ? AND c.dossier_id = d.id)"
        "   AND (NOT EXISTS (SELECT 1 FROM assignment WHERE round_id = ?)"
        "        OR EXISTS (SELECT 1 FROM assignment a"
        "                   WHERE a.round_id = ? AND a.juror_id = ? AND a.dossier_id = d.id))"
        f"   AND {store.in_roster('d')}"
        " ORDER BY d.position, d.id",
        [juror_id, store.round_id, store.round_id, juror_id],
    )
    return [ref for (ref,) in rows]


def has_explicit_assignments(store: CampaignStore) -> bool:
    row = store.db.execute(
        "SELECT 1 FROM assignment WHERE round_id = ? LIMIT 1", [store.round_id]
    ).fetchone()
    return row is not None


def juror_pin_hash(store: CampaignStore, juror: str) -> str | None:
    row = store.db.execute(
        "SELECT pin_hash FROM juror WHERE id = ?", [store.juror_id(juror)]
    ).fetchone()
    return None if row is None else row[0]


def set_juror_pin_hash(store: CampaignStore, juror: str, pin_hash: str | None) -> None:
    store.db.execute(
        "UPDATE juror SET pin_hash = ? WHERE id = ?", [pin_hash, store.juror_id(juror)]
    )


KIT_FIRST_REVISION = 0
"""Where every kit's ballot counter starts (its first ballot is revision 1).

Each kit numbers its own ballots: a counter that carried on from the juror's earlier kits (as it
did before, a million higher per kit issued) told whoever holds the kit — and every ballot it
signs — that earlier kits, rounds or ballots existed (design §10: a kit leaks nothing, not even the
existence of another round's scores).  Nothing needs the carry: a newer kit supersedes the older
ones by issue order (:func:`current_kit_id`), and the merge compares a ballot's revision with the
ballots merged *from the same kit* only (:func:`max_merged_revision_of_kit`)."""

MAX_KIT_REVISION = 1_000_000
"""The highest revision a kit can number a ballot (one more per export of new work): a ballot
claiming more was not made by the kit's own exports."""


def record_kit_issue(store: CampaignStore, issue: KitIssue) -> None:
    """Remember the kit and make its key the juror's current public key."""
    juror_id = store.juror_id(issue.juror)
    store.db.execute(
        "INSERT INTO kit_issue (kit_id, juror_id, public_key, ballot_key, first_revision, sealed,"
        " issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            issue.kit_id,
            juror_id,
            issue.public_key,
            issue.ballot_key,
            issue.first_revision,
            int(issue.sealed),
            issue.issued_at,
        ],
    )
    store.db.execute("UPDATE juror SET public_key = ? WHERE id = ?", [issue.public_key, juror_id])


def kit_issue(store: CampaignStore, kit_id: str) -> KitIssue | None:
    row = store.db.execute(
        "SELECT k.kit_id, j.code, k.public_key, k.ballot_key, k.first_revision, k.sealed,"
        " k.issued_at FROM kit_issue k JOIN juror j ON j.id = k.juror_id WHERE k.kit_id = ?",
        [kit_id],
    ).fetchone()
    if row is None:
        return None
    kit, juror, public_key, ballot_key, first, sealed, issued_at = row
    return KitIssue(
        kit, juror, bytes(public_key), bytes(ballot_key), first, bool(sealed), issued_at
    )


def current_kit_id(store: CampaignStore, juror_id: int) -> str | None:
    """The juror's newest kit, the last issued (rows are only ever added, so the row id grows
    with the issue; a kit's first revision says nothing of its age): the others are void."""
    row = store.db.execute(
        "SELECT kit_id FROM kit_issue WHERE juror_id = ? ORDER BY rowid DESC LIMIT 1",
        [juror_id],
    ).fetchone()
    return None if row is None else str(row[0])


def kit_issues(store: CampaignStore) -> tuple[KitIssue, ...]:
    rows = store.db.execute("SELECT kit_id FROM kit_issue ORDER BY issued_at, kit_id").fetchall()
    return tuple(issue for (kit_id,) in rows if (issue := kit_issue(store, kit_id)) is not None)


# -- the kit's side ---------------------------------------------------------------------------


def write_kit_identity(store: CampaignStore, identity: KitIdentity) -> None:
    store.db.execute(
        "INSERT INTO kit_identity (id, kit_id, juror_code, campaign_uid, issued_at, private_key,"
        " key_salt, key_nonce, ballot_key, seal_ballots, ballot_revision, last_ballot)"
        " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            identity.kit_id,
            identity.juror,
            identity.campaign_uid,
            identity.issued_at,
            identity.private_key,
            identity.key_salt,
            identity.key_nonce,
            identity.ballot_key,
            int(identity.seal_ballots),
            identity.ballot_revision,
            identity.last_ballot,
        ],
    )


def read_kit_identity(store: CampaignStore) -> KitIdentity | None:
    row = store.db.execute(
        "SELECT kit_id, juror_code, campaign_uid, issued_at, private_key, key_salt, key_nonce,"
        " ballot_key, seal_ballots, ballot_revision, last_ballot FROM kit_identity WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    (kit_id, juror, uid, issued, private, salt, nonce, ballot_key, seal, revision, last) = row
    return KitIdentity(
        kit_id,
        juror,
        uid,
        issued,
        bytes(private),
        None if salt is None else bytes(salt),
        None if nonce is None else bytes(nonce),
        bytes(ballot_key),
        bool(seal),
        int(revision),
        None if last is None else bytes(last),
    )


def record_ballot_export(store: CampaignStore, revision: int, ballot: bytes) -> None:
    store.db.execute(
        "UPDATE kit_identity SET ballot_revision = ?, last_ballot = ? WHERE id = 1",
        [revision, ballot],
    )


# -- the campaign file's side: merging ballots ------------------------------------------------

ScoreRow = tuple[float, str, int, str]
"""value, comment, revision, updated_at"""
ReviewRow = tuple[str, str, int | None, str, int, str]
"""status, comment, confidence, feedback, revision, updated_at"""
ScoreWrite = tuple[int, int, int, float, str, int, str]
"""juror_id, dossier_id, criterion_id, value, comment, revision, updated_at"""


@dataclass(frozen=True)
class JurorState:
    """A juror's rows in the campaign, by row ids, for comparing with a ballot."""

    scores: dict[tuple[int, int], ScoreRow]
    reviews: dict[int, ReviewRow]
    conflicted: set[int]
    assigned: set[int] | None
    """``None``: the campaign has no assignment rows, so every dossier is assigned."""


def juror_state(store: CampaignStore, juror_id: int) -> JurorState:
    db = store.db
    scores = {
        (dossier_id, criterion_id): (value, comment, revision, updated_at)
        for dossier_id, criterion_id, value, comment, revision, updated_at in db.execute(
            "SELECT dossier_id, criterion_id, value, comment, revision, updated_at FROM score"
            " WHERE juror_id = ? AND criterion_id IN (SELECT id FROM criterion WHERE round_id = ?)",
            [juror_id, store.round_id],
        )
    }
    reviews = {
        dossier_id: tuple(row)
        for dossier_id, *row in db.execute(
            "SELECT dossier_id, status, comment, confidence, feedback, revision, updated_at"
            " FROM review WHERE juror_id = ? AND round_id = ?",
            [juror_id, store.round_id],
        )
    }
    conflicted = {
        dossier_id
        for (dossier_id,) in db.execute(
            "SELECT dossier_id FROM conflict WHERE juror_id = ?", [juror_id]
        )
    }
    assigned: set[int] | None = None
    if has_explicit_assignments(store):
        assigned = {
            dossier_id
            for (dossier_id,) in db.execute(
                "SELECT dossier_id FROM assignment WHERE juror_id = ? AND round_id = ?",
                [juror_id, store.round_id],
            )
        }
    return JurorState(scores, reviews, conflicted, assigned)


def id_maps(store: CampaignStore) -> tuple[dict[str, int], dict[str, int]]:
    """Dossier ref → id (the current round's roster) and criterion code → id (its criteria)."""
    dossiers = {
        ref: row_id
        for row_id, ref in store.db.execute(
            f"SELECT id, ref FROM dossier d WHERE {store.in_roster('d')}"
        )
    }
    criteria = {
        code: row_id
        for row_id, code in store.db.execute(
            "SELECT id, code FROM criterion WHERE round_id = ?", [store.round_id]
        )
    }
    return dossiers, criteria


@dataclass(frozen=True)
class MergedBallot:
    hash: str
    kit_id: str
    juror: str
    revision: int


def merged_ballot(store: CampaignStore, digest: str) -> MergedBallot | None:
    row = store.db.execute(
        "SELECT m.hash, m.kit_id, j.code, m.revision FROM ballot_merge m"
        " JOIN juror j ON j.id = m.juror_id WHERE m.hash = ?",
        [digest],
    ).fetchone()
    return None if row is None else MergedBallot(*row)


def max_merged_revision_of_kit(store: CampaignStore, juror_id: int, kit_id: str) -> int:
    """The highest revision merged from kit ``kit_id`` (0: none yet; kits number their ballots
    each from :data:`KIT_FIRST_REVISION`)."""
    row = store.db.execute(
        "SELECT max(revision) FROM ballot_merge WHERE juror_id = ? AND kit_id = ?",
        [juror_id, kit_id],
    ).fetchone()
    return int(row[0] or 0)


_SCORE_COLUMNS = (
    "juror_id", "dossier_id", "criterion_id", "value", "comment", "revision", "updated_at",
)  # fmt: skip
"""The columns of a :data:`ScoreWrite`."""
_REVIEW_COLUMNS = (
    "round_id", "juror_id", "dossier_id", "status", "comment", "confidence", "feedback", "revision",
    "updated_at",
)  # fmt: skip
"""A review's columns as :func:`write_juror_rows` writes them: the round, the ids, then a
:data:`ReviewRow`."""


def write_juror_rows(
    store: CampaignStore,
    juror_id: int,
    before: JurorState,
    reviews: Sequence[tuple[int, ReviewRow]],
    scores: Sequence[ScoreWrite],
    removed_scores: Sequence[tuple[int, int]],
) -> None:
    """Upsert reviews (first, so that each score finds its review) and scores (whole rows, the
    juror's id first); delete scores.  ``scored`` is kept by the schema's triggers.

    A ballot writes thousands of rows, all the juror's: the state digest takes their terms from
    the rows written and from ``before`` (the juror's rows read in this transaction) instead of
    reading them back."""
    with state_digest.known_write(
        store.db, _digest_changes(store.round_id, juror_id, before, reviews, scores, removed_scores)
    ):
        _write_juror_rows(store.db.conn, store.round_id, juror_id, reviews, scores, removed_scores)


def _digest_changes(
    round_id: int,
    juror_id: int,
    before: JurorState,
    reviews: Sequence[tuple[int, ReviewRow]],
    scores: Sequence[ScoreWrite],
    removed_scores: Sequence[tuple[int, int]],
) -> list[state_digest.KnownRows]:
    """The rows :func:`_write_juror_rows` replaces and writes, for the state digest."""
    old_scores = before.scores
    replaced = [
        (juror_id, dossier_id, criterion_id, *old_scores[dossier_id, criterion_id])
        for dossier_id, criterion_id in chain(
            ((row[1], row[2]) for row in scores if (row[1], row[2]) in old_scores),
            removed_scores,
        )
    ]
    old_reviews = before.reviews
    return [
        state_digest.KnownRows(
            "review",
            _REVIEW_COLUMNS,
            removed=[
                (round_id, juror_id, dossier_id, *old_reviews[dossier_id])
                for dossier_id, _row in reviews
                if dossier_id in old_reviews
            ],
            added=[(round_id, juror_id, dossier_id, *row) for dossier_id, row in reviews],
        ),
        state_digest.KnownRows("score", _SCORE_COLUMNS, removed=replaced, added=scores),
    ]


def _write_juror_rows(
    conn: sqlite3.Connection,
    round_id: int,
    juror_id: int,
    reviews: Sequence[tuple[int, ReviewRow]],
    scores: Sequence[ScoreWrite],
    removed_scores: Sequence[tuple[int, int]],
) -> None:
    conn.executemany(
        "INSERT INTO review (round_id, juror_id, dossier_id, status, comment, confidence,"
        " feedback, revision, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO UPDATE SET status = excluded.status, comment = excluded.comment,"
        " confidence = excluded.confidence, feedback = excluded.feedback,"
        " revision = excluded.revision, updated_at = excluded.updated_at",
        [(round_id, juror_id, dossier_id, *row) for dossier_id, row in reviews],
    )
    conn.executemany(
        "DELETE FROM score WHERE juror_id = ? AND dossier_id = ? AND criterion_id = ?",
        [(juror_id, dossier_id, criterion_id) for dossier_id, criterion_id in removed_scores],
    )
    conn.executemany(
        "INSERT INTO score (juror_id, dossier_id, criterion_id, value, comment, revision,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO UPDATE SET value = excluded.value, comment = excluded.comment,"
        " revision = excluded.revision, updated_at = excluded.updated_at",
        scores,
    )


def log_ballot_merge(
    store: CampaignStore,
    digest: str,
    kit_id: str,
    juror_id: int,
    revision: int,
    merged_at: str,
    summary: dict[str, Any],
) -> None:
    store.db.execute(
        "INSERT INTO ballot_merge (hash, kit_id, juror_id, revision, merged_at, summary)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [digest, kit_id, juror_id, revision, merged_at, json.dumps(summary, sort_keys=True)],
    )


# -- the campaign file's side: scoring sheets -------------------------------------------------


def sheet_imported(store: CampaignStore, digest: str) -> bool:
    row = store.db.execute("SELECT 1 FROM sheet_import WHERE hash = ?", [digest]).fetchone()
    return row is not None


def latest_sheet_issued_at(store: CampaignStore, juror_id: int) -> str | None:
    row = store.db.execute(
        "SELECT max(issued_at) FROM sheet_import WHERE juror_id = ?", [juror_id]
    ).fetchone()
    return None if row is None else row[0]


def log_sheet_import(
    store: CampaignStore,
    digest: str,
    juror_id: int,
    sheet_id: str,
    issued_at: str,
    imported_at: str,
    summary: dict[str, Any],
) -> None:
    store.db.execute(
        "INSERT INTO sheet_import (hash, juror_id, sheet_id, issued_at, imported_at, summary)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [digest, juror_id, sheet_id, issued_at, imported_at, json.dumps(summary, sort_keys=True)],
    )

"""The SQL of a campaign's rounds (design §10, migration ``0011_rounds``): the ``round`` rows and
the rosters of the rounds after the first (``round_dossier``).

The store knows its current round (:attr:`CampaignStore.round`); this module writes rounds, their
status and rosters, and answers what closing and reopening ask.  Writers are called inside
``store.transaction()`` by :mod:`selection_desk.services.rounds`, which records the audit entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from selection_desk.domain import Round, RoundStatus
from selection_desk.storage.store import CampaignStore


def round_ids(store: CampaignStore) -> dict[str, int]:
    """Round code → row id."""
    return dict(store.db.execute("SELECT code, id FROM round").fetchall())


def insert_round(store: CampaignStore, value: Round) -> Round:
    """Adds ``value`` after the last round, with a fresh uid; returns it as stored."""
    position = store.db.execute("SELECT coalesce(max(position), 0) + 1 FROM round").fetchone()[0]
    uid = uuid.uuid4().hex
    store.db.execute(
        "INSERT INTO round (uid, code, name, kind, position, places, method, weight, date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            uid,
            value.code,
            value.name,
            value.kind.value,
            position,
            value.places,
            None if value.method is None else value.method.value,
            value.weight,
            value.date,
        ],
    )
    store.forget_round()
    return next(r for r in store.rounds() if r.code == value.code)


def write_round_settings(store: CampaignStore, code: str, value: Round) -> None:
    """Round ``code``'s name, places, method, weight and date become ``value``'s."""
    store.db.execute(
        "UPDATE round SET name = ?, places = ?, method = ?, weight = ?, date = ? WHERE code = ?",
        [
            value.name,
            value.places,
            None if value.method is None else value.method.value,
            value.weight,
            value.date,
            code,
        ],
    )
    store.forget_round()


def write_round_identity(store: CampaignStore, code: str, value: Round) -> None:
    """Round ``code`` takes ``value``'s code and kind, then its other settings (a workbook
    import: the campaign file's rounds become the workbook's, matched by position)."""
    store.db.execute(
        "UPDATE round SET code = ?, kind = ? WHERE code = ?", [value.code, value.kind.value, code]
    )
    write_round_settings(store, value.code, value)


def write_round_status(store: CampaignStore, code: str, status: RoundStatus, at: str) -> None:
    store.db.execute(
        "UPDATE round SET status = ?, closed_at = ? WHERE code = ?", [status.value, at, code]
    )
    store.forget_round()


def write_roster(store: CampaignStore, code: str, refs: Iterable[str]) -> None:
    """Round ``code``'s roster becomes exactly ``refs``."""
    round_id = round_ids(store)[code]
    store.db.execute("DELETE FROM round_dossier WHERE round_id = ?", [round_id])
    store.db.conn.executemany(
        "INSERT INTO round_dossier (round_id, dossier_id) VALUES (?, ?)",
        [(round_id, store.dossier_id(ref)) for ref in refs],
    )


def roster(store: CampaignStore, code: str) -> tuple[str, ...]:
    """The refs of round ``code``'s stored roster, in the campaign's order."""
    rows = store.db.execute(
        "SELECT d.ref FROM round_dossier x JOIN dossier d ON d.id = x.dossier_id"
        " WHERE x.round_id = ? ORDER BY d.position, d.id",
        [round_ids(store)[code]],
    )
    return tuple(ref for (ref,) in rows)


def has_scores(store: CampaignStore, code: str) -> bool:
    """Whether any score was given on round ``code``'s criteria."""
    row = store.db.execute(
        "SELECT 1 FROM score WHERE criterion_id IN"
        " (SELECT id FROM criterion WHERE round_id = ?) LIMIT 1",
        [round_ids(store)[code]],
    ).fetchone()
    return row is not None


def mirror_round(kit: CampaignStore, value: Round) -> None:
    """A juror kit's one round becomes ``value`` (the round the kit is made for): its uid signs
    the kit's ballots.  The kit holds no other round."""
    kit.db.execute(
        "UPDATE round SET uid = ?, code = ?, name = ?, kind = ?, places = ?, method = ?, date = ?",
        [
            value.uid,
            value.code,
            value.name,
            value.kind.value,
            value.places,
            None if value.method is None else value.method.value,
            value.date,
        ],
    )
    kit.forget_round()

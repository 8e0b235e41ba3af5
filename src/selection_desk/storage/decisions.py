"""SQL of the committee's decisions beyond what :class:`CampaignStore` already does.

:meth:`CampaignStore.write_decisions` writes the decision itself; this module adds the jurors
recused from its vote (``decision.recused``, migration ``0002_decision_recusals``), reads one
decision, counts the selected dossiers and deletes a decision.  Write functions are called inside
``store.transaction()``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from selection_desk.domain import Decision, Outcome
from selection_desk.storage.store import CampaignStore

_DECISION_COLUMNS = (
    "x.outcome, x.rationale, x.votes_for, x.votes_against, x.votes_abstain, x.decided_at,"
    " x.decided_by"
)


def read_decision(store: CampaignStore, ref: str) -> Decision | None:
    row = store.db.execute(
        f"SELECT {_DECISION_COLUMNS} FROM decision x WHERE x.round_id = ? AND x.dossier_id = ?",
        [store.round_id, store.dossier_id(ref)],
    ).fetchone()
    if row is None:
        return None
    outcome, *rest = row
    return Decision(ref, Outcome(outcome), *rest)


def quorum_roster(store: CampaignStore, ref: str) -> list[tuple[str, str, bool]]:
    """Every juror in order, as (code, role, declared a conflict with ``ref``): what the quorum of
    ``ref``'s decision is computed from, in one query (60 jurors as records cost a millisecond)."""
    return store.db.execute(
        "SELECT j.code, j.role, c.juror_id IS NOT NULL FROM juror AS j"
        " LEFT JOIN conflict AS c ON c.juror_id = j.id AND c.dossier_id = ? ORDER BY j.id",
        [store.dossier_id(ref)],
    ).fetchall()


def read_recused(store: CampaignStore, ref: str) -> tuple[str, ...] | None:
    """The juror codes recorded as recused for ``ref``'s decision; ``None``: none recorded."""
    row = store.db.execute(
        "SELECT recused FROM decision WHERE round_id = ? AND dossier_id = ?",
        [store.round_id, store.dossier_id(ref)],
    ).fetchone()
    return None if row is None or row[0] is None else tuple(json.loads(row[0]))


def recorded_recusals(store: CampaignStore) -> Mapping[str, tuple[str, ...]]:
    """Dossier ref → juror codes recorded as recused, for the decisions that recorded them."""
    rows = store.db.execute(
        "SELECT d.ref, x.recused FROM decision x JOIN dossier d ON d.id = x.dossier_id"
        " WHERE x.round_id = ? AND x.recused IS NOT NULL",
        [store.round_id],
    )
    return {ref: tuple(json.loads(recused)) for ref, recused in rows}


def write_recused(store: CampaignStore, ref: str, recused: tuple[str, ...]) -> None:
    store.db.execute(
        "UPDATE decision SET recused = ? WHERE round_id = ? AND dossier_id = ?",
        [json.dumps(list(recused), ensure_ascii=False), store.round_id, store.dossier_id(ref)],
    )


def delete_decision(store: CampaignStore, ref: str) -> bool:
    deleted: int = store.db.execute(
        "DELETE FROM decision WHERE round_id = ? AND dossier_id = ?",
        [store.round_id, store.dossier_id(ref)],
    ).rowcount
    return deleted > 0


def count_outcome(store: CampaignStore, outcome: Outcome, *, excluding: str | None = None) -> int:
    """How many dossiers have ``outcome``, leaving ``excluding`` (a dossier ref) out."""
    excluded = -1 if excluding is None else store.dossier_id(excluding)
    row = store.db.execute(
        "SELECT count(*) FROM decision WHERE round_id = ? AND outcome = ? AND dossier_id != ?",
        [store.round_id, outcome.value, excluded],
    ).fetchone()
    return int(row[0])


ATTENDANCE_SETTING = "meeting.attendance"
"""The ``setting`` row holding the codes of the jurors present at the meeting (a JSON list)."""


def read_attendance(store: CampaignStore) -> tuple[str, ...] | None:
    """The codes of the jurors recorded as present; ``None``: no attendance recorded."""
    row = store.db.execute(
        "SELECT value FROM setting WHERE key = ?", [ATTENDANCE_SETTING]
    ).fetchone()
    return None if row is None else tuple(json.loads(row[0]))


def write_attendance(store: CampaignStore, present: tuple[str, ...] | None) -> None:
    if present is None:
        store.db.execute("DELETE FROM setting WHERE key = ?", [ATTENDANCE_SETTING])
        return
    store.db.execute(
        "INSERT INTO setting (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [ATTENDANCE_SETTING, json.dumps(list(present), ensure_ascii=False)],
    )

"""The pitch day's plan and order per round (tables ``hearing_plan``, ``hearing_slot``,
migration 0013).  Rounds arrive in parallel: every query takes the round's id, 1 for the first
(or only) round."""

from __future__ import annotations

import json
from collections.abc import Sequence

from selection_desk.domain.hearing import HearingBreak, HearingPlan, clock, parse_clock
from selection_desk.storage.store import CampaignStore


def read_plan(store: CampaignStore, round_id: int) -> HearingPlan | None:
    row = store.db.execute(
        "SELECT start, pitch_minutes, question_minutes, changeover_minutes, breaks, end_time,"
        " day, place, bring FROM hearing_plan WHERE round_id = ?",
        [round_id],
    ).fetchone()
    if row is None:
        return None
    start, pitch, questions, changeover, breaks, end, day, place, bring = row
    return HearingPlan(
        start=parse_clock(start),
        pitch_minutes=pitch,
        question_minutes=questions,
        changeover_minutes=changeover,
        breaks=tuple(HearingBreak(**item) for item in json.loads(breaks)),
        end=None if end is None else parse_clock(end),
        day=day,
        place=place,
        bring=bring,
    )


def breaks_json(plan: HearingPlan) -> str:
    """The breaks as stored (and audited): a JSON list, in the plan's order."""
    items = [{"after": b.after, "minutes": b.minutes, "label": b.label} for b in plan.breaks]
    return json.dumps(items, ensure_ascii=False)


def write_plan(store: CampaignStore, round_id: int, plan: HearingPlan) -> None:
    store.db.execute(
        "INSERT INTO hearing_plan (round_id, start, pitch_minutes, question_minutes,"
        " changeover_minutes, breaks, end_time, day, place, bring)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round_id) DO UPDATE SET"
        " start = excluded.start, pitch_minutes = excluded.pitch_minutes,"
        " question_minutes = excluded.question_minutes,"
        " changeover_minutes = excluded.changeover_minutes, breaks = excluded.breaks,"
        " end_time = excluded.end_time, day = excluded.day, place = excluded.place,"
        " bring = excluded.bring",
        [
            round_id,
            clock(plan.start),
            plan.pitch_minutes,
            plan.question_minutes,
            plan.changeover_minutes,
            breaks_json(plan),
            None if plan.end is None else clock(plan.end),
            plan.day,
            plan.place,
            plan.bring,
        ],
    )


def read_order(store: CampaignStore, round_id: int) -> tuple[str, ...]:
    """The dossiers placed in the day, by position (those deleted since are gone with them)."""
    rows = store.db.execute(
        "SELECT d.ref FROM hearing_slot s JOIN dossier d ON d.id = s.dossier_id"
        " WHERE s.round_id = ? ORDER BY s.position",
        [round_id],
    )
    return tuple(row[0] for row in rows)


def write_order(store: CampaignStore, round_id: int, order: Sequence[str]) -> None:
    store.db.execute("DELETE FROM hearing_slot WHERE round_id = ?", [round_id])
    store.db.conn.executemany(
        "INSERT INTO hearing_slot (round_id, dossier_id, position) VALUES (?, ?, ?)",
        [(round_id, store.dossier_id(ref), position) for position, ref in enumerate(order)],
    )

"""Use cases of the pitch day (design §10, hearing round): plan the day, order the teams, read the
timetable with each slot's conflicts of interest.

Every use case takes the round's id (``round_id``; ``None``: the store's current round, the one the
app shows); the teams are the dossiers of the store's current round (its roster).
Every change is one audited transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from selection_desk.domain.hearing import (
    HearingPlan,
    Timetable,
    arranged,
    check_order,
    check_plan,
    clock,
    moved,
    put_first,
    timetable,
)
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.decisions import DEFAULT_ACTOR
from selection_desk.storage import hearing as hearing_rows
from selection_desk.storage.store import CampaignStore


def _round_id(store: CampaignStore, round_id: int | None) -> int:
    return store.round_id if round_id is None else round_id


HEARING_NOT_PLANNED = define_message(
    "hearing_not_planned",
    N_("The pitch day is not planned yet: set its start and the minutes of each slot first."),
)


def roster(store: CampaignStore, round_id: int | None = None) -> tuple[str, ...]:
    """The teams that pitch: the current round's dossiers (its roster), in their order."""
    del round_id  # the store reads its current round's roster
    return tuple(dossier.ref for dossier in store.dossiers())


def order_of_the_day(store: CampaignStore, round_id: int | None = None) -> tuple[str, ...]:
    """The teams in the order they pitch (those never placed after the placed ones)."""
    return arranged(
        hearing_rows.read_order(store, _round_id(store, round_id)), roster(store, round_id)
    )


def hearing_plan(store: CampaignStore, round_id: int | None = None) -> HearingPlan | None:
    return hearing_rows.read_plan(store, _round_id(store, round_id))


def hearing_timetable(store: CampaignStore, round_id: int | None = None) -> Timetable | None:
    """The day's slots and breaks with each team's conflicted jurors; None before a plan."""
    plan = hearing_rows.read_plan(store, _round_id(store, round_id))
    if plan is None:
        return None
    names = {dossier.ref: dossier.name for dossier in store.dossiers()}
    return timetable(plan, order_of_the_day(store, round_id), names, store.conflicts())


def plan_hearing(
    store: CampaignStore,
    plan: HearingPlan,
    order: Sequence[str] | None = None,
    *,
    round_id: int | None = None,
    actor: str = DEFAULT_ACTOR,
) -> Timetable:
    """Save the day's ``plan`` and, given ``order`` (some or all of the teams), put those teams
    first in that order; audited as one change."""
    with store.transaction():
        current = order_of_the_day(store, round_id)
        new_order = current if order is None else put_first(current, order)
        for ref in new_order:
            store.dossier_id(ref)  # NotFound for a ref that is no dossier
        check_plan(plan, len(new_order))
        before = hearing_rows.read_plan(store, _round_id(store, round_id))
        if (
            before == plan
            and hearing_rows.read_order(store, _round_id(store, round_id)) == new_order
        ):
            return _read(store, round_id)  # saved again unchanged: nothing to record
        hearing_rows.write_plan(store, _round_id(store, round_id), plan)
        hearing_rows.write_order(store, _round_id(store, round_id), new_order)
        store.record_audit(
            actor,
            "plan_hearing",
            f"hearing:{_round_id(store, round_id)}",
            before=None if before is None else _audited(before, current),
            after=_audited(plan, new_order),
        )
    return _read(store, round_id)


def carry_hearing_plan(
    store: CampaignStore, plan: HearingPlan, *, round_id: int, actor: str = DEFAULT_ACTOR
) -> None:
    """A later call's pitch day starts from the earlier call's ``plan`` (``new --like``), written
    as it was and audited, without teams: the new call has none yet.  Its durations are checked
    as any plan's; its breaks are checked against the teams once they are known (the next edit of
    the plan), the timetable leaving out a break after the last team meanwhile."""
    check_plan(plan, max((pause.after for pause in plan.breaks), default=0) + 1)
    with store.transaction():
        hearing_rows.write_plan(store, round_id, plan)
        store.record_audit(actor, "plan_hearing", f"hearing:{round_id}", after=_audited(plan, ()))


def reorder_hearing(
    store: CampaignStore,
    order: Sequence[str],
    *,
    round_id: int | None = None,
    actor: str = DEFAULT_ACTOR,
) -> Timetable:
    """Put ``order``'s teams first, in that order (the whole day when it names every team)."""
    check_order(order)
    with store.transaction():
        plan = hearing_rows.read_plan(store, _round_id(store, round_id))
        if plan is None:
            raise InvalidInput(HEARING_NOT_PLANNED)
        current = order_of_the_day(store, round_id)
        new_order = put_first(current, order)
        for ref in new_order:
            store.dossier_id(ref)
        check_plan(plan, len(new_order))  # a break after the last team would no longer fit
        if new_order != current:
            hearing_rows.write_order(store, _round_id(store, round_id), new_order)
            store.record_audit(
                actor,
                "reorder_hearing",
                f"hearing:{_round_id(store, round_id)}",
                before={"order": list(current)},
                after={"order": list(new_order)},
            )
    return _read(store, round_id)


def move_team(
    store: CampaignStore,
    dossier: str,
    to: int,
    *,
    round_id: int | None = None,
    actor: str = DEFAULT_ACTOR,
) -> Timetable:
    """Move ``dossier`` to index ``to`` of the day (clamped): a keyboard move or a drop."""
    store.dossier_id(dossier)
    current = order_of_the_day(store, round_id)
    return reorder_hearing(store, moved(current, dossier, to), round_id=round_id, actor=actor)


def _read(store: CampaignStore, round_id: int | None) -> Timetable:
    read = hearing_timetable(store, round_id)
    assert read is not None  # just written
    return read


def _audited(plan: HearingPlan, order: Sequence[str]) -> dict[str, object]:
    facts = asdict(plan)
    facts["start"] = clock(plan.start)
    facts["end"] = None if plan.end is None else clock(plan.end)
    facts["order"] = list(order)
    return facts

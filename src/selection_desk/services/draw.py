"""Use case: the audited draw that settles the cut-off zone (design §12).

The zone comes from the campaign's ranking with the campaign's stability setting (resamples and
seed, stored in the file and printed in the minutes), so that anyone can recompute it from the
file.  The places
left to draw are the campaign's places minus the dossiers selected outside the zone (sure of their
place whatever the jury); they are drawn among the zone by :mod:`selection_desk.domain.lottery`.

The draw enters the audit log (action ``draw``) with every input — seed text, audit head, zone,
places, bootstrap — and the procedure, in the transaction that checks the rules.  It does not write
decisions: the committee still records each outcome with ``decide`` (with its vote and a rationale
citing the draw), so decisions keep one way in, with the quorum rules, and a draw never overwrites
a decision already taken.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from selection_desk.aggregation import Ranking
from selection_desk.aggregation.robustness import CutoffZone, cutoff_zone
from selection_desk.domain import lottery
from selection_desk.domain.lottery import DrawRecord
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

ACTOR = "secretary"

DRAW_NOT_ALLOWED = define_message(
    "draw_not_allowed",
    N_(
        "This campaign's rules do not allow a draw: set allow_draw in the campaign settings "
        "first, if the committee's rules say so."
    ),
)
DRAW_ZONE_EMPTY = define_message(
    "draw_zone_empty",
    N_("There is nothing to draw: no dossier is statistically indistinguishable at the line."),
)
DRAW_NO_PLACE_LEFT = define_message(
    "draw_no_place_left",
    N_("There is nothing to draw: the dossiers outside the cut-off zone fill every place."),
)
DRAW_IN_A_KIT = define_message(
    "draw_in_a_kit", N_("A draw is made in the campaign file, not in a juror kit.")
)
DRAW_SEED_TEXT_EMPTY = define_message(
    "draw_seed_text_empty", N_("The seed text agreed in the meeting must not be empty.")
)


@dataclass(frozen=True)
class DrawPlan:
    """What a draw would draw now: the zone, the places secured outside it and the places left."""

    ranking: Ranking
    """The campaign's ranking with its stability setting (bootstrap)."""
    zone: CutoffZone
    """The cut-off zone (refs best plain rank first, with the bootstrap's B and seed)."""
    secured: tuple[str, ...]
    places_left: int


def plan_draw(store: CampaignStore) -> DrawPlan:
    """The zone and the places left to draw, or the one sentence that refuses the draw."""
    if is_juror_kit(store):
        raise InvalidInput(DRAW_IN_A_KIT)
    if not store.campaign().allow_draw:
        raise InvalidInput(DRAW_NOT_ALLOWED)
    ranking = rank_campaign(store, bootstrap=None)  # the campaign's stability setting
    zone = cutoff_zone(ranking)
    if zone is None or not zone.refs:
        raise InvalidInput(DRAW_ZONE_EMPTY)
    secured = tuple(e.ref for e in ranking.selected if e.ref not in zone.refs)
    left = min(ranking.places - len(secured), len(zone.refs))
    if left <= 0:
        raise InvalidInput(DRAW_NO_PLACE_LEFT)
    return DrawPlan(ranking, zone, secured, left)


def draw_places(store: CampaignStore, seed_text: str, *, actor: str = ACTOR) -> DrawRecord:
    """Draw the places left among the cut-off zone and record the draw in the audit log."""
    if not seed_text.strip():
        raise InvalidInput(DRAW_SEED_TEXT_EMPTY)
    plan = plan_draw(store)
    ranking, zone = plan.ranking, plan.zone
    with store.transaction():
        head = store.latest_audit_hash()
        record = DrawRecord(
            seed_text=seed_text,
            audit_head=head,
            seed=lottery.draw_seed(seed_text, head).hex(),
            zone=tuple(sorted(zone.refs)),
            places=ranking.places,
            secured=plan.secured,
            places_drawn=plan.places_left,
            drawn=tuple(lottery.draw(zone.refs, plan.places_left, seed_text, head)),
            method=ranking.method.value,
            resamples=zone.resamples,
            bootstrap_seed=zone.seed,
        )
        store.record_audit(actor, "draw", "campaign", after=asdict(record))
    return record


def recorded_draws(store: CampaignStore) -> tuple[DrawRecord, ...]:
    """Every draw of the campaign's audit log, oldest first, as recorded (for the minutes)."""
    return tuple(
        _record(json.loads(entry.after))
        for entry in store.audit_entries()
        if entry.action == "draw" and entry.after
    )


def _record(after: dict[str, Any]) -> DrawRecord:
    return DrawRecord(
        seed_text=str(after["seed_text"]),
        audit_head=str(after["audit_head"]),
        seed=str(after["seed"]),
        zone=tuple(after["zone"]),
        places=int(after["places"]),
        secured=tuple(after["secured"]),
        places_drawn=int(after["places_drawn"]),
        drawn=tuple(after["drawn"]),
        method=str(after["method"]),
        resamples=int(after["resamples"]),
        bootstrap_seed=int(after["bootstrap_seed"]),
        procedure=str(after.get("procedure", lottery.PROCEDURE)),
    )

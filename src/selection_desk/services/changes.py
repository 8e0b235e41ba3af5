"""What importing a campaign workbook would change, entity by entity (pure: no I/O).

Entities are matched by their users' keys (criterion code, juror code, dossier ref …).  Nothing is
ever deleted by an import: what the store has and the workbook lacks is reported as *missing*.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Generic, TypeVar

from selection_desk.domain import CampaignData, Juror
from selection_desk.i18n import N_, _
from selection_desk.services.op_changes import OpChanges

T = TypeVar("T")

_ENTITY_LABELS = {
    "criteria": N_("criteria"),
    "jurors": N_("jurors"),
    "dossiers": N_("dossiers"),
    "conflicts": N_("conflicts"),
    "assignments": N_("assignments"),
    "scores": N_("scores"),
    "reviews": N_("reviews"),
    "decisions": N_("decisions"),
    "rounds": N_("rounds"),
}


def entity_label(name: str) -> str:
    """The user's word for one of :attr:`CampaignChanges.ENTITIES`, in import summaries."""
    return _(_ENTITY_LABELS[name])


@dataclass(frozen=True)
class EntityChanges(Generic[T]):
    added: tuple[T, ...] = ()
    changed: tuple[T, ...] = ()
    unchanged: int = 0
    missing: tuple[Hashable, ...] = ()

    @property
    def to_write(self) -> tuple[T, ...]:
        return self.added + self.changed

    def summary(self) -> dict[str, int]:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "missing": len(self.missing),
        }


def diff_entities(
    existing: Sequence[T],
    incoming: Sequence[T],
    key: Callable[[T], Hashable],
    comparable: Callable[[T], Any] = lambda item: item,
) -> EntityChanges[T]:
    current = {key(item): item for item in existing}
    added: list[T] = []
    changed: list[T] = []
    unchanged = 0
    seen: set[Hashable] = set()
    for item in incoming:
        item_key = key(item)
        seen.add(item_key)
        before = current.get(item_key)
        if before is None:
            added.append(item)
        elif comparable(before) != comparable(item):
            changed.append(item)
        else:
            unchanged += 1
    missing = tuple(k for k in current if k not in seen)
    return EntityChanges(tuple(added), tuple(changed), unchanged, missing)


def _without_bookkeeping(item: Any) -> Any:
    """Scores and reviews compare on what users typed, not on revision counters or times."""
    return replace(item, revision=0, updated_at="")


def _juror_without_key(juror: Juror) -> Juror:
    # A workbook carries no public keys: an import never erases one.
    return replace(juror, public_key=None)


@dataclass(frozen=True)
class CampaignChanges:
    campaign_changed: bool
    criteria: EntityChanges[Any] = field(default_factory=EntityChanges)
    jurors: EntityChanges[Any] = field(default_factory=EntityChanges)
    dossiers: EntityChanges[Any] = field(default_factory=EntityChanges)
    conflicts: EntityChanges[Any] = field(default_factory=EntityChanges)
    assignments: EntityChanges[Any] = field(default_factory=EntityChanges)
    scores: EntityChanges[Any] = field(default_factory=EntityChanges)
    reviews: EntityChanges[Any] = field(default_factory=EntityChanges)
    decisions: EntityChanges[Any] = field(default_factory=EntityChanges)
    criteria_order_changed: bool = False
    dossier_order_changed: bool = False
    rounds: EntityChanges[Any] | None = None
    """A campaign in several rounds: the rounds added, changed (settings, closed) or unchanged;
    ``None`` for a campaign in one round, whose reports never mention rounds."""

    ENTITIES = (
        "criteria",
        "jurors",
        "dossiers",
        "conflicts",
        "assignments",
        "scores",
        "reviews",
        "decisions",
    )

    @property
    def is_empty(self) -> bool:
        return not (
            self.campaign_changed
            or self.criteria_order_changed
            or self.dossier_order_changed
            or self.rounds_changed
            or any(getattr(self, name).to_write for name in self.ENTITIES)
        )

    @property
    def rounds_changed(self) -> bool:
        """A round added, its settings changed or closed."""
        return self.rounds is not None and bool(self.rounds.to_write)

    @property
    def op_changes(self) -> OpChanges:
        """The kinds of thing these changes write: what the app refreshes after them."""
        setup = self.campaign_changed or self.criteria_order_changed
        setup = setup or any(
            getattr(self, name).to_write
            for name in ("criteria", "jurors", "conflicts", "assignments")
        )
        return OpChanges(
            setup=setup,
            dossiers=self.dossier_order_changed or bool(self.dossiers.to_write),
            scores=bool(self.scores.to_write or self.reviews.to_write),
            decisions=bool(self.decisions.to_write),
            round=self.rounds_changed,
        )

    def summary(self) -> dict[str, Any]:
        result: dict[str, Any] = {"campaign_changed": self.campaign_changed}
        if self.rounds is not None:
            result["rounds"] = self.rounds.summary()
        for name in self.ENTITIES:
            result[name] = getattr(self, name).summary()
        return result


def _joined(parts: Sequence[EntityChanges[Any]]) -> EntityChanges[Any]:
    return EntityChanges(
        tuple(item for part in parts for item in part.added),
        tuple(item for part in parts for item in part.changed),
        sum(part.unchanged for part in parts),
        tuple(key for part in parts for key in part.missing),
    )


def combined_changes(
    parts: Sequence[CampaignChanges], rounds: EntityChanges[Any]
) -> CampaignChanges:
    """The changes of a campaign in several rounds, one part per round, as one report."""
    return CampaignChanges(
        campaign_changed=any(part.campaign_changed for part in parts),
        criteria_order_changed=any(part.criteria_order_changed for part in parts),
        dossier_order_changed=any(part.dossier_order_changed for part in parts),
        rounds=rounds,
        **{
            name: _joined([getattr(part, name) for part in parts])
            for name in CampaignChanges.ENTITIES
        },
    )


def _order_changed(existing: Sequence[Any], incoming: Sequence[Any], key: str) -> bool:
    incoming_keys = [getattr(item, key) for item in incoming]
    kept = [getattr(item, key) for item in existing if getattr(item, key) in set(incoming_keys)]
    return kept != [k for k in incoming_keys if k in set(kept)]


def diff_campaigns(existing: CampaignData, incoming: CampaignData) -> CampaignChanges:
    """``incoming`` without a uid takes the existing campaign's (a workbook prepared by hand)."""
    incoming_campaign = incoming.campaign
    if not incoming_campaign.uid:
        incoming_campaign = replace(incoming_campaign, uid=existing.campaign.uid)
    return CampaignChanges(
        campaign_changed=existing.campaign != incoming_campaign,
        criteria=diff_entities(existing.criteria, incoming.criteria, lambda c: c.code),
        jurors=diff_entities(
            existing.jurors, incoming.jurors, lambda j: j.code, _juror_without_key
        ),
        dossiers=diff_entities(existing.dossiers, incoming.dossiers, lambda d: d.ref, _fields),
        conflicts=diff_entities(
            existing.conflicts, incoming.conflicts, lambda c: (c.juror, c.dossier)
        ),
        assignments=diff_entities(
            existing.assignments, incoming.assignments, lambda a: (a.juror, a.dossier)
        ),
        scores=diff_entities(
            existing.scores,
            incoming.scores,
            lambda s: (s.juror, s.dossier, s.criterion),
            _without_bookkeeping,
        ),
        reviews=diff_entities(
            existing.reviews, incoming.reviews, lambda r: (r.juror, r.dossier), _without_bookkeeping
        ),
        decisions=diff_entities(existing.decisions, incoming.decisions, lambda d: d.dossier),
        criteria_order_changed=_order_changed(existing.criteria, incoming.criteria, "code"),
        dossier_order_changed=_order_changed(existing.dossiers, incoming.dossiers, "ref"),
    )


def _fields(dossier: Any) -> Any:
    # Field order is part of the dossier (the form's column order).
    return (dossier.ref, dossier.name, tuple(dossier.fields.items()))

"""Use case: a campaign for a later call, made from an earlier one (design §10:
``new FILE --like OLD``, File ▸ New from…).

A programme that selects again keeps its grid, its committee and its rules; the applicants change.

**Copied:** the campaign's settings (programme, places, language, method, rounding, tie-break,
spread threshold, confidence weighting, stability, meeting place, contact, whether the rules allow a
draw); the criteria with their rubric levels; the jurors with their PIN — the stored hash *and* the
PIN's key (``storage.setup``), so that the new campaign's kits open with the PIN the juror already
knows, without the secretary knowing it —, their expertise tags and maximum loads; the column
mapping and field types of the last dossier import (the next export of the same form maps alike);
a campaign in rounds keeps its rounds (name, kind, places, method, weight) and each round's own
criteria, without dates or rosters; the pitch day's plan of each round that has one (start, minutes
of pitch, questions and changeover, breaks, end, place, what the teams bring) — a programme keeps
the shape of its day.

**Not copied:** the dossiers and everything that concerns them (attachments, conflicts,
assignments, dossier tags, bids, scores, reviews, decisions, approved feedback); the kits issued,
the jurors' public keys (a juror's ``public_key`` is the key of the last kit issued *in that
campaign*: copied, the Jurors tab would say a kit was issued when none was, and a juror's code
could no longer be corrected), the merge and sheet-import logs; the meeting's date and attendance
(another meeting), and the pitch day's date and order of the teams (another day, other teams:
the plan's breaks fall into place once the new call's roster is known); the audit history: the
new file's log starts with its creation, which names the file it was made from, that campaign's
uid and its audit head (the old log stays, whole, in the old file).

The old file is opened read-only and never changed — not even migrated (an older file is read
through a migrated copy in memory).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from selection_desk.domain import Campaign, Round
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import N_
from selection_desk.services.hearing import carry_hearing_plan
from selection_desk.services.rounds import add_round, edit_round
from selection_desk.storage import dossier_import as import_settings
from selection_desk.storage import expertise as expertise_rows
from selection_desk.storage import hearing as hearing_rows
from selection_desk.storage import rounds as round_rows
from selection_desk.storage import setup as pin_rows
from selection_desk.storage.kits import is_juror_kit
from selection_desk.storage.store import CampaignStore

CARRIED_SETTINGS = (import_settings.MAPPING_SETTING,)
"""The ``setting`` rows a later call keeps: how the applications' export is read (the fields'
types and personal flags come with it, from ``dossier_field``)."""

LIKE_A_KIT = define_message(
    "like_a_kit",
    N_(
        "{path} is a juror kit: start the new campaign from the secretary's campaign file of "
        "the earlier call."
    ),
)


@dataclass(frozen=True)
class CampaignLike:
    """What a campaign made from another one received (the caller closes ``store``)."""

    store: CampaignStore
    source: Path
    criteria: int
    jurors: int
    pins: int
    hearing_plans: int = 0
    """The rounds whose pitch-day plan was copied."""


def new_campaign_like(
    path: Path, like: Path, name: str | None = None, *, actor: str = "secretary"
) -> CampaignLike:
    """Create ``path`` from the campaign file ``like`` (see the module's docstring); ``name``
    defaults to the earlier campaign's.  A copy that fails leaves no file behind."""
    with CampaignStore.open(like, readonly=True) as old:
        if is_juror_kit(old):
            raise InvalidInput(LIKE_A_KIT, path=str(like))
        campaign = old.campaign()
        made_from = {"file": like.name, "uid": campaign.uid, "audit_head": old.latest_audit_hash()}
        store = CampaignStore.create(
            path, _later_call(campaign, name), actor=actor, made_from=made_from
        )
        try:
            rounds = old.rounds()
            old.use_round(rounds[0].code)  # the set-up copied first is the first round's
            copied = _copy_set_up(old, store, actor)
            _copy_later_rounds(old, store, rounds, actor)
            copied["hearing_plans"] = _copy_hearing_plans(old, store, actor)
        except BaseException:
            store.close()
            path.unlink(missing_ok=True)
            raise
    return CampaignLike(store, like, **copied)


def _copy_later_rounds(
    old: CampaignStore, new: CampaignStore, rounds: Sequence[Round], actor: str
) -> None:
    """A campaign in rounds: the first round's settings, then each later round with its settings
    and its own criteria (no dates: they were the earlier call's; no rosters)."""
    if len(rounds) < 2:
        return
    first, *later = rounds
    settings = {"name": first.name, "places": first.places, "method": first.method}
    edit_round(new, new.round.code, actor=actor, weight=first.weight, **settings)
    for value in later:
        added = add_round(
            new,
            Round(value.code, value.name, kind=value.kind, places=value.places,
                  method=value.method, weight=value.weight),
            actor=actor,
        )  # fmt: skip
        old.use_round(value.code)
        criteria = old.criteria()
        new.use_round(added.code)
        with new.transaction():
            new.write_criteria(criteria, {c.code: i for i, c in enumerate(criteria)})
    new.use_round(None)


def _copy_hearing_plans(old: CampaignStore, new: CampaignStore, actor: str) -> int:
    """Each round's pitch-day plan, without its date, onto the new round in the same place (the
    first round's code may differ: a new campaign's first round is ``R1``)."""
    old_ids, new_ids = round_rows.round_ids(old), round_rows.round_ids(new)
    copied = 0
    for earlier, later in zip(old.rounds(), new.rounds(), strict=True):
        plan = hearing_rows.read_plan(old, old_ids[earlier.code])
        if plan is not None:
            undated = replace(plan, day="")
            carry_hearing_plan(new, undated, round_id=new_ids[later.code], actor=actor)
            copied += 1
    return copied


def earlier_campaign_name(like: Path) -> str:
    """The name of the campaign in ``like`` (the name a later call starts with)."""
    with CampaignStore.open(like, readonly=True) as old:
        return old.campaign().name


def _later_call(campaign: Campaign, name: str | None) -> Campaign:
    """The earlier campaign's settings under a new identity, without its meeting's date."""
    return replace(campaign, uid="", name=name or campaign.name, meeting_date="")


def _copy_set_up(old: CampaignStore, new: CampaignStore, actor: str) -> dict[str, int]:
    criteria = old.criteria()
    jurors = tuple(replace(juror, public_key=None) for juror in old.jurors())
    pins = pin_rows.pin_hashes(old)
    tags = expertise_rows.juror_tags(old)
    limits = expertise_rows.load_limits(old)
    fields = tuple(import_settings.field_metadata(old).values())
    settings = {
        key: value
        for key in CARRIED_SETTINGS
        if (value := import_settings.read_setting(old, key)) is not None
    }
    with new.transaction():
        new.write_criteria(criteria, {c.code: i for i, c in enumerate(criteria)})
        new.write_jurors(jurors)
        for code, stored in pins.items():
            pin_rows.write_pin_hash(new, code, stored)
        expertise_rows.copy_juror_expertise(new, tags, limits)
        for key, value in settings.items():
            import_settings.write_setting(new, key, value)
        import_settings.write_field_metadata(new, fields)
        counts = {"criteria": len(criteria), "jurors": len(jurors), "pins": len(pins)}
        new.record_audit(
            actor,
            "copy_set_up",
            "campaign",
            after={
                **counts,
                "criterion_codes": [c.code for c in criteria],
                "juror_codes": [j.code for j in jurors],
                "juror_tags": sum(len(t) for t in tags.values()),
                "load_limits": len(limits),
                "settings": sorted(settings),
            },
        )
    return counts

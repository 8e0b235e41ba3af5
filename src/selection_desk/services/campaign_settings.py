"""Use case: the campaign's settings — name, programme, places, language, method and its
settings, meeting date and place (design §8; the set-up contract is in
:mod:`~selection_desk.services.setup_common`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from selection_desk.aggregation.inputs import check_stability_setting
from selection_desk.domain import Campaign
from selection_desk.errors import InvalidInput, define_message
from selection_desk.i18n import LANGUAGES, N_
from selection_desk.services.op_changes import NOTHING, SETUP, OpChanges
from selection_desk.services.setup_common import ACTOR, clean_text, finite
from selection_desk.storage.audit import flat_state
from selection_desk.storage.store import CampaignStore

CAMPAIGN_NAME_EMPTY = define_message("setup_campaign_name_empty", N_("The campaign needs a name."))
PLACES_TOO_FEW = define_message(
    "setup_places_too_few", N_("The number of places must be at least 1 (here {value}).")
)
DECIMALS_OUT_OF_RANGE = define_message(
    "setup_decimals_out_of_range",
    N_("The number of decimals must be a whole number from 0 to 6 (here {value})."),
)
UNKNOWN_TIE_BREAK = define_message(
    "setup_unknown_tie_break",
    N_("The tie-break criterion {code} is not a criterion of this campaign."),
)
SPREAD_NEGATIVE = define_message(
    "setup_spread_negative", N_("The value must not be negative (here {value}).")
)
UNKNOWN_LANGUAGE = define_message(
    "setup_unknown_language", N_("“{value}” is not a supported language; use fr or en.")
)


@dataclass(frozen=True)
class CampaignChange:
    before: Campaign
    after: Campaign

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def op_changes(self) -> OpChanges:
        return SETUP if self.changed else NOTHING


def _check_campaign(store: CampaignStore, campaign: Campaign) -> Campaign:
    campaign = replace(
        campaign,
        name=clean_text(campaign.name),
        programme=clean_text(campaign.programme),
        meeting_date=clean_text(campaign.meeting_date),
        meeting_place=clean_text(campaign.meeting_place),
        contact=clean_text(campaign.contact),
        tie_break=clean_text(campaign.tie_break or "") or None,
    )
    if not campaign.name:
        raise InvalidInput(CAMPAIGN_NAME_EMPTY)
    finite(campaign.places)
    if campaign.places < 1:
        raise InvalidInput(PLACES_TOO_FEW, value=campaign.places)
    decimals = campaign.criterion_decimals
    if decimals is not None and not 0 <= decimals <= 6:
        raise InvalidInput(DECIMALS_OUT_OF_RANGE, value=decimals)
    if campaign.language not in LANGUAGES:
        raise InvalidInput(UNKNOWN_LANGUAGE, value=campaign.language)
    finite(campaign.spread_threshold)
    if campaign.spread_threshold < 0:
        raise InvalidInput(SPREAD_NEGATIVE, value=campaign.spread_threshold)
    check_stability_setting(campaign.stability_resamples, campaign.stability_seed)
    codes = {c.code for c in store.criteria()}
    if campaign.tie_break is not None and campaign.tie_break not in codes:
        raise InvalidInput(UNKNOWN_TIE_BREAK, code=campaign.tie_break)
    return campaign


def update_campaign(
    store: CampaignStore, campaign: Campaign, *, actor: str = ACTOR
) -> CampaignChange:
    """Name, programme, places, language, method and its settings, meeting date and place.

    The campaign's uid never changes (ballots and kits carry it)."""
    before = store.campaign()
    after = _check_campaign(store, replace(campaign, uid=before.uid))
    if after == before:
        return CampaignChange(before, after)
    with store.transaction():
        store.write_campaign(after)
        old_state, new_state = flat_state(before), flat_state(after)
        changed = {key: value for key, value in new_state.items() if old_state[key] != value}
        store.record_audit(
            actor,
            "campaign.update",
            "campaign",
            before={key: old_state[key] for key in changed},
            after=changed,
        )
    return CampaignChange(before, after)

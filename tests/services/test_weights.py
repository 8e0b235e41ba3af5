"""apply_weights: the what-if weights become the campaign's, in one audited transaction, or
nothing changes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from selection_desk.errors import InvalidInput, NotFound
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.weights import AUDIT_ACTION, AUDIT_ENTITY, apply_weights
from selection_desk.storage.audit import verify_chain
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_file


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return make_campaign_file(tmp_path / "appel.seldesk")


def _weights(path: Path) -> dict[str, float]:
    with CampaignStore.open(path, readonly=True) as store:
        return {criterion.code: criterion.weight for criterion in store.criteria()}


def test_applied_weights_are_saved_audited_and_used_by_the_ranking(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        before_ranking = rank_campaign(store)
        audit_count = len(store.audit_entries())
        change = apply_weights(store, {"TEAM": 0.5, "MARKET": 4.0}, actor="secretary")
        assert change.written
        assert change.changed == ("TEAM", "MARKET")
        assert dict(change.before) == {"TEAM": 2.0, "MARKET": 1.0}
        assert dict(change.after) == {"TEAM": 0.5, "MARKET": 4.0}
        entries = store.audit_entries()
        after_ranking = rank_campaign(store)
    assert _weights(campaign) == {"TEAM": 0.5, "MARKET": 4.0}
    assert len(entries) == audit_count + 1
    entry = entries[-1]
    assert (entry.actor, entry.action, entry.entity) == ("secretary", AUDIT_ACTION, AUDIT_ENTITY)
    assert json.loads(entry.before or "") == {"TEAM": 2.0, "MARKET": 1.0}
    assert json.loads(entry.after or "") == {"TEAM": 0.5, "MARKET": 4.0}
    assert dict(after_ranking.weights) == {"TEAM": 0.5, "MARKET": 4.0}
    assert [e.ref for e in after_ranking.entries] != [e.ref for e in before_ranking.entries]
    with CampaignStore.open(campaign, readonly=True) as store:
        count, breaks = verify_chain(store.db)
    assert count == audit_count + 1 and breaks == []


def test_criteria_not_named_keep_their_weight_order_and_rubric(campaign: Path) -> None:
    with CampaignStore.open(campaign, readonly=True) as store:
        criteria = store.criteria()
    with CampaignStore.open(campaign) as store:
        change = apply_weights(store, {"MARKET": 3}, actor="secretary")
    assert change.changed == ("MARKET",)
    with CampaignStore.open(campaign, readonly=True) as store:
        after = store.criteria()
    assert [c.code for c in after] == [c.code for c in criteria]
    assert after[0] == criteria[0]  # TEAM untouched, rubric levels included
    assert after[1].weight == 3.0 and after[1].label == criteria[1].label


def test_the_same_weights_write_nothing(campaign: Path) -> None:
    original = campaign.read_bytes()
    with CampaignStore.open(campaign) as store:
        change = apply_weights(store, {"TEAM": 2.0, "MARKET": 1.0}, actor="secretary")
    assert not change.written and change.changed == ()
    assert campaign.read_bytes() == original


@pytest.mark.parametrize(
    ("weights", "error", "text"),
    [
        ({"TEAM": 0.0}, InvalidInput, "The weight of criterion TEAM must be a number above 0"),
        ({"TEAM": -1.0}, InvalidInput, "must be a number above 0 (got -1"),
        ({"TEAM": math.nan}, InvalidInput, "must be a number above 0"),
        ({"TEAM": math.inf}, InvalidInput, "must be a number above 0"),
        ({"TEAM": True}, InvalidInput, "must be a number above 0"),
        ({"TEAM": "3"}, InvalidInput, "must be a number above 0"),
        ({"MARKET": 2.0, "PITCH": 1.0}, NotFound, "There is no criterion with the code PITCH."),
        ({}, InvalidInput, "No criterion weight was given."),
    ],
)
def test_bad_weights_change_nothing(
    campaign: Path, weights: dict[str, object], error: type[Exception], text: str
) -> None:
    original = campaign.read_bytes()
    with CampaignStore.open(campaign) as store, pytest.raises(error) as raised:
        apply_weights(store, weights, actor="secretary")  # type: ignore[arg-type]
    assert text in str(raised.value)
    assert campaign.read_bytes() == original


def test_the_error_reads_in_french(campaign: Path) -> None:
    from selection_desk import i18n

    with CampaignStore.open(campaign) as store, pytest.raises(InvalidInput) as raised:
        apply_weights(store, {"TEAM": -0.5}, actor="secretary")
    with i18n.language("fr"):
        assert raised.value.message() == (
            "Le poids du critère TEAM doit être un nombre supérieur à 0 (reçu -0,5)."
        )

"""Rounds (design §10): adding, closing, reopening; every query scoped to the current round;
closed rounds read-only whatever path the write takes."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import (
    Outcome,
    Review,
    ReviewStatus,
    Round,
    RoundKind,
    RoundStatus,
    Score,
)
from selection_desk.errors import InvalidInput, NotFound
from selection_desk.services.decisions import record_decision
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.rounds import add_round, close_round, reopen_round, who_goes_on
from selection_desk.storage import state_digest
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file, tie_at_the_line


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    return make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3))


def _hearing(store: CampaignStore, places: int = 1) -> Round:
    return add_round(
        store,
        Round("R2", "Audition", kind=RoundKind.HEARING, places=places),
        criteria_from="R1",
    )


def test_a_campaign_starts_as_one_round_named_after_it(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        (only,) = store.rounds()
        assert (only.code, only.name, only.kind, only.status) == (
            "R1",
            "Appel test",
            RoundKind.DOSSIER,
            RoundStatus.OPEN,
        )
        assert store.round == only


def test_a_new_round_copies_criteria_and_starts_without_dossiers(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        first_criteria = store.criteria()
        added = _hearing(store)
        assert store.round.code == "R1"  # the first open round stays current
        assert [r.code for r in store.rounds()] == ["R1", "R2"]
        assert added.position == 2 and len(added.uid) == 32
        assert store.rounds()[0].uid == f"{store.campaign().uid}/R1"
        store.use_round("R2")
        assert store.criteria() == first_criteria  # rubric levels included
        assert store.dossiers() == () and store.scores() == () and store.reviews() == ()
        store.use_round("R1")
        assert len(store.dossiers()) == 6 and store.scores()


def test_round_input_is_checked_before_anything_is_written(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        for bad in (
            Round("R1", "Again"),
            Round(" ", "No code"),
            Round("R2", ""),
            Round("R2", "Weightless", weight=0),
            Round("R2", "No place", places=0),
            Round("R2", "Odd", method="vote"),  # type: ignore[arg-type]
        ):
            with pytest.raises(InvalidInput):
                add_round(store, bad)
        with pytest.raises(NotFound):
            add_round(store, Round("R2", "Audition"), criteria_from="R9")
        assert [r.code for r in store.rounds()] == ["R1"]


def test_closing_passes_the_first_places_on_and_a_hearing_assigns_the_whole_committee(
    campaign: Path,
) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        store.write_campaign(store.campaign())  # places 2 (the factory's)
        order = [e.ref for e in rank_campaign(store).entries]
        closing = close_round(store)
        assert closing.goes_on == tuple(order[:2])
        assert closing.next_round is not None and closing.next_round.code == "R2"
        assert store.round.code == "R2"  # the first open round
        assert [d.ref for d in store.dossiers()] == sorted(order[:2])
        with pytest.raises(
            InvalidInput, match=f"Dossier {order[2]} does not take part in round R2"
        ):
            record_decision(store, order[2], Outcome.SELECTED)
        conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
        expected = {
            (j, d) for j in ("J1", "J2", "J3") for d in order[:2] if (j, d) not in conflicts
        }
        assert {(a.juror, a.dossier) for a in store.assignments()} == expected
        (entry,) = [e for e in store.audit_entries() if e.action == "close"]
        assert entry.entity == "round:R1"
    assert check_campaign_file(campaign).rule_violations == ()


def test_a_closed_round_is_read_only_whatever_the_path(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        close_round(store, "R1")
        store.use_round("R1")
        with pytest.raises(InvalidInput, match="Round R1 is closed"):
            record_decision(store, "D02", Outcome.SELECTED)
        with pytest.raises(InvalidInput, match="Round R1 is closed"), store.transaction():
            store.write_scores([Score("J2", "D02", "TEAM", 1.0)])
        with pytest.raises(InvalidInput, match="Round R1 is closed"), store.transaction():
            store.write_criteria(store.criteria()[:1], {"TEAM": 5})
        store.use_round("R2")  # a juror's deletion reaches the closed round too
        with pytest.raises(InvalidInput, match="Round R1 is closed"), store.transaction():
            store.db.execute("DELETE FROM score WHERE juror_id = 2")
        store.use_round("R1")
        # SQL written by hand meets the database's own refusal
        with pytest.raises(sqlite3.IntegrityError, match="the round is closed"):
            store.db.execute("DELETE FROM score WHERE juror_id = 2")
        with pytest.raises(sqlite3.IntegrityError, match="the round is closed"):
            store.db.execute("UPDATE review SET comment = 'x' WHERE round_id = 1")
        state_digest.discard(store.db)


def test_each_departure_from_the_ranking_needs_a_reason(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        order = [e.ref for e in rank_campaign(store).entries]
        record_decision(store, order[0], Outcome.SELECTED)
        record_decision(store, order[3], Outcome.SELECTED)
        with pytest.raises(InvalidInput, match=f"{order[1]} stops although ranked 2"):
            close_round(store)
        record_decision(store, order[1], Outcome.REJECTED, rationale="hors périmètre")
        with pytest.raises(InvalidInput, match=f"{order[3]} goes on from rank 4"):
            close_round(store)
        record_decision(store, order[3], Outcome.SELECTED, rationale="coup de cœur du jury")
        closing = close_round(store)
        assert closing.goes_on == (order[0], order[3])
        assert store.round.code == "R2"
        assert {d.ref for d in store.dossiers()} == {order[0], order[3]}


def test_a_tie_across_the_line_is_never_parted_by_the_listing_order(campaign: Path) -> None:
    """Issue 17: the tied dossier listed first went on, silently (design §5)."""
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        first, second = tie_at_the_line(store)
        best = rank_campaign(store).entries[0].ref
        sentence = (
            f"{first}, {second} are tied at rank 2 of round R1, across its line (places: 2), and "
            "the order they are listed in is no reason to part them: record who goes on as the "
            "round's decisions, with a reason on each of them, before closing the round."
        )
        with pytest.raises(InvalidInput) as refused:
            close_round(store)
        assert str(refused.value) == sentence
        assert refused.value.facts["tied"] == (first, second)
        with pytest.raises(InvalidInput, match="tied at rank 2"):
            who_goes_on(store, "R1")
        # the listing order is no reason: choosing the first one without a word is refused too
        record_decision(store, best, Outcome.SELECTED)
        record_decision(store, first, Outcome.SELECTED)
        with pytest.raises(InvalidInput, match="tied at rank 2"):
            close_round(store)
        assert store.rounds()[0].status is RoundStatus.OPEN
        store.use_round("R2")
        assert store.dossiers() == ()  # nothing was written
        store.use_round("R1")
        record_decision(store, first, Outcome.REJECTED, rationale="marché déjà couvert")
        record_decision(store, second, Outcome.SELECTED, rationale="meilleure équipe au vote")
        closing = close_round(store)
        assert closing.goes_on == (best, second)
        store.use_round("R2")
        assert {d.ref for d in store.dossiers()} == {best, second}


def test_a_tie_across_the_line_names_the_draw_when_the_campaign_allows_one(
    campaign: Path,
) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        first, second = tie_at_the_line(store)
        store.write_campaign(replace(store.campaign(), allow_draw=True))
        with pytest.raises(InvalidInput) as refused:
            close_round(store)
        assert str(refused.value).startswith(f"{first}, {second} are tied at rank 2")
        assert "(the audited draw, if the committee settles the tie so)" in str(refused.value)


def test_a_tie_within_the_places_closes_as_ranked(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        first, second = tie_at_the_line(store)  # rank 2 shared
        store.write_campaign(replace(store.campaign(), places=3))
        assert set(close_round(store).goes_on[1:]) == {first, second}


def test_reopening_is_audited_and_refused_once_the_next_round_has_scores(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        _hearing(store)
        goes_on = close_round(store).goes_on
        reopened = reopen_round(store, "R1")
        assert reopened.status is RoundStatus.OPEN and store.round.code == "R1"
        assert [e.action for e in store.audit_entries()][-2:] == ["close", "reopen"]
        store.use_round("R2")
        assert store.dossiers() == ()  # its roster waits for R1 to close again
        close_round(store, "R1")
        store.use_round("R2")
        juror = next(a.juror for a in store.assignments() if a.dossier == goes_on[0])
        with store.transaction():
            store.write_scores([Score(juror, goes_on[0], "TEAM", 4.0)])
            store.write_reviews([Review(juror, goes_on[0], ReviewStatus.DRAFT)])
        with pytest.raises(InvalidInput, match="round R2 already has scores"):
            reopen_round(store, "R1")
        with pytest.raises(InvalidInput, match="nothing to reopen"):
            reopen_round(store, "R2")


def test_round_scores_never_count_in_another_round(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        first_ranking = rank_campaign(store)
        _hearing(store, places=1)
        goes_on = close_round(store).goes_on
        store.use_round("R2")
        assert rank_campaign(store).entries and all(
            e.score is None for e in rank_campaign(store).entries
        )
        assert [e.ref for e in rank_campaign(store).entries] == sorted(goes_on)
        juror = next(a.juror for a in store.assignments() if a.dossier == goes_on[0])
        with store.transaction():
            store.write_scores(
                [Score(juror, goes_on[0], c.code, c.scale_max) for c in store.criteria()]
            )
            store.write_reviews([Review(juror, goes_on[0], ReviewStatus.FINAL)])
        assert rank_campaign(store).entry(goes_on[0]).score == 100.0
        assert rank_campaign(store).places == 1
        store.use_round("R1")
        assert rank_campaign(store).entries == first_ranking.entries

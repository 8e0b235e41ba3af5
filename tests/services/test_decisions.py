"""The committee's decisions: recorded, voted, audited, one transaction each; bad input writes
nothing; selecting beyond the places needs a confirmation."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.domain import Decision, Juror, Outcome, Role
from selection_desk.domain.quorum import Votes, compute_quorum, votes_of
from selection_desk.errors import InvalidInput, NotFound
from selection_desk.services.decisions import (
    check_places,
    clear_decision,
    decision_records,
    record_decision,
)
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage import schema
from selection_desk.storage.check import check_campaign_file
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """4 dossiers, jurors J1 (president, recused from D01), J2, J3; 2 places."""
    return make_campaign_file(tmp_path / "c.seldesk")


def _audit_actions(store: CampaignStore) -> list[str]:
    return [entry.action for entry in store.audit_entries()]


def test_a_decision_is_recorded_with_its_vote_recusals_and_audit(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        change = record_decision(
            store,
            "D01",
            Outcome.SELECTED,
            rationale="  Équipe solide, marché clair.  ",
            votes=Votes(2, 0, 0),
            decided_by="Juré 1",
            actor="secretary",
        )
    assert change.changed and change.before is None
    assert change.quorum is not None
    assert change.quorum.recused == ("J1",)
    assert change.quorum.voters == ("J2", "J3")
    with CampaignStore.open(campaign, readonly=True) as store:
        (decision,) = store.decisions()
        (record,) = decision_records(store)
        entries = store.audit_entries()
    assert decision.outcome is Outcome.SELECTED
    assert decision.rationale == "Équipe solide, marché clair."
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 0, 0)
    assert decision.decided_by == "Juré 1"
    assert decision.decided_at.startswith("20") and "T" in decision.decided_at
    assert record.recused == ("J1",)
    last = entries[-1]
    assert (last.actor, last.action, last.entity, last.before) == (
        "secretary",
        "decide",
        "decision:D01",
        None,
    )
    after = json.loads(last.after or "{}")
    assert after["outcome"] == "selected" and after["recused"] == ["J1"]
    assert check_campaign_file(campaign).ok


def test_recused_jurors_do_not_vote(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        before = _audit_actions(store)
        with pytest.raises(InvalidInput) as caught:
            record_decision(store, "D01", Outcome.REJECTED, votes=Votes(1, 1, 1))
        assert caught.value.message() == (
            "3 votes were cast but only 2 committee members may vote on D01 "
            "(observers and recused jurors do not vote)."
        )
        assert store.decisions() == ()
        assert _audit_actions(store) == before
        # The same three votes are fine on a dossier nobody is recused from.
        record_decision(store, "D02", Outcome.REJECTED, votes=Votes(1, 1, 1))
        assert votes_of(store.decisions()[0]) == Votes(1, 1, 1)


@pytest.mark.parametrize(
    ("votes", "message"),
    [
        (Votes(-1, 2, 0), "Votes are counted in whole numbers of at least 0 (got -1)."),
        (Votes(0, 0, 0), "A vote needs at least one vote cast (for, against or abstaining)."),
    ],
)
def test_impossible_votes_are_refused_and_change_nothing(
    campaign: Path, votes: Votes, message: str
) -> None:
    with CampaignStore.open(campaign) as store:
        with pytest.raises(InvalidInput) as caught:
            record_decision(store, "D02", Outcome.SELECTED, votes=votes)
        assert caught.value.message() == message
        assert store.decisions() == ()


def test_quorum_is_an_absolute_majority_of_the_voters_who_are_not_recused() -> None:
    jurors = [
        Juror("P", "Présidente", role=Role.PRESIDENT),
        Juror("M1", "Membre 1"),
        Juror("M2", "Membre 2"),
        Juror("M3", "Membre 3"),
        Juror("S", "Secrétaire", role=Role.SECRETARY),
        Juror("O", "Observatrice", role=Role.OBSERVER),
    ]
    from selection_desk.domain import Conflict

    conflicts = [Conflict("M3", "D1"), Conflict("M1", "D2")]
    quorum = compute_quorum(jurors, conflicts, "D1")
    assert quorum.voters == ("P", "M1", "M2", "S")
    assert quorum.recused == ("M3",)
    assert quorum.required == 3
    assert quorum.reached is None
    assert compute_quorum(jurors, conflicts, "D1", Votes(1, 1, 0)).reached is False
    assert compute_quorum(jurors, conflicts, "D1", Votes(1, 1, 1)).reached is True
    # Five voters when nobody is recused: three are needed.
    assert compute_quorum(jurors, conflicts, "D9").required == 3
    assert compute_quorum(jurors[:2], [], "D9").required == 2


def test_selecting_more_than_the_places_needs_a_confirmation(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        record_decision(store, "D01", Outcome.SELECTED)
        record_decision(store, "D02", Outcome.SELECTED)
        # Re-recording a selected dossier does not count it twice.
        assert check_places(store, "D02", Outcome.SELECTED).exceeded is False
        record_decision(store, "D02", Outcome.SELECTED, rationale="confirmé")
        check = check_places(store, "D03", Outcome.SELECTED)
        assert (check.selected, check.places, check.exceeded) == (3, 2, True)
        assert check_places(store, "D03", Outcome.WAITING_LIST).exceeded is False
        audit_before = _audit_actions(store)
        with pytest.raises(InvalidInput) as caught:
            record_decision(store, "D03", Outcome.SELECTED)
        assert caught.value.message() == (
            "Selecting D03 would make 3 selected dossiers for 2 places; "
            "confirm to select more dossiers than places."
        )
        assert [d.dossier for d in store.decisions()] == ["D01", "D02"]
        assert _audit_actions(store) == audit_before
        record_decision(store, "D03", Outcome.SELECTED, allow_over_places=True)
        assert [d.outcome for d in store.decisions()] == [Outcome.SELECTED] * 3


def test_recording_the_same_decision_again_writes_nothing(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        first = record_decision(store, "D02", "waiting_list", rationale="À revoir")
        count = len(store.audit_entries())
        again = record_decision(store, "D02", "waiting_list", rationale="À revoir ")
        assert not again.changed
        assert again.after == first.after
        assert len(store.audit_entries()) == count
        changed = record_decision(store, "D02", Outcome.REJECTED, rationale="Marché trop étroit")
        assert changed.changed and changed.before == first.after
        last = store.audit_entries()[-1]
        assert json.loads(last.before or "{}")["outcome"] == "waiting_list"
        assert json.loads(last.after or "{}")["outcome"] == "rejected"
        (decision,) = store.decisions()
        assert decision.rationale == "Marché trop étroit"


def test_a_decision_is_cleared_with_an_audit_entry(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        record_decision(store, "D03", Outcome.DEFERRED, votes=Votes(1, 0, 2))
        change = clear_decision(store, "D03", actor="secretary")
        assert change.changed and change.after is None
        assert change.before is not None and change.before.outcome is Outcome.DEFERRED
        assert store.decisions() == ()
        last = store.audit_entries()[-1]
        assert (last.action, last.entity, last.after) == ("clear_decision", "decision:D03", None)
        count = len(store.audit_entries())
        assert not clear_decision(store, "D03").changed
        assert len(store.audit_entries()) == count
    assert check_campaign_file(campaign).ok


def test_unknown_dossier_or_outcome_is_refused(campaign: Path) -> None:
    with CampaignStore.open(campaign) as store:
        with pytest.raises(NotFound, match="There is no dossier with the reference D99"):
            record_decision(store, "D99", Outcome.SELECTED)
        with pytest.raises(InvalidInput) as caught:
            record_decision(store, "D01", "accepted")
        assert caught.value.message() == (
            "accepted is not a decision; choose one of: selected, waiting list, rejected, deferred."
        )
        with pytest.raises(NotFound):
            clear_decision(store, "D99")
        assert store.decisions() == ()


def test_imported_decisions_take_the_declared_conflicts_as_recusals(tmp_path: Path) -> None:
    data = make_campaign_data()
    data = replace(data, decisions=(Decision("D01", Outcome.SELECTED, "importée"),))
    path = make_campaign_file(tmp_path / "c.seldesk", data)
    with CampaignStore.open(path) as store:
        (record,) = decision_records(store)
        assert record.recused == ("J1",)
        assert record.decision.rationale == "importée"
        # A later import that rewrites the decision keeps the recusals recorded in the meeting.
        record_decision(store, "D01", Outcome.SELECTED, rationale="importée", votes=Votes(2))
        apply_campaign_data(store, data, actor="test", source="again")
        assert decision_records(store)[0].recused == ("J1",)


def test_a_file_of_the_first_format_is_migrated_and_keeps_its_decisions(tmp_path: Path) -> None:
    path = tmp_path / "old.seldesk"
    conn = sqlite3.connect(path, isolation_level=None)
    from sqlite_utils import Database

    db = Database(conn)
    db.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    schema.migrations.apply(db, stop_before="0002_decision_recusals")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO campaign (id, uid, name) VALUES (1, 'u', 'Ancien appel')")
    db.execute("INSERT INTO dossier (id, ref, name, position) VALUES (1, 'A1', 'Alpha', 0)")
    db.execute("INSERT INTO decision (dossier_id, outcome, rationale) VALUES (1, 'rejected', 'x')")
    conn.close()
    with CampaignStore.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
        (record,) = decision_records(store)
        assert (record.decision.outcome, record.recused) == (Outcome.REJECTED, ())
        record_decision(store, "A1", Outcome.SELECTED, rationale="revu")
        assert decision_records(store)[0].decision.outcome is Outcome.SELECTED


def test_a_read_only_file_refuses_a_decision(campaign: Path) -> None:
    from selection_desk.errors import CampaignFileError

    with CampaignStore.open(campaign, readonly=True) as store, pytest.raises(CampaignFileError):
        record_decision(store, "D02", Outcome.SELECTED)


def test_attendance_is_recorded_in_the_committee_order_and_audited(tmp_path: Path) -> None:
    from selection_desk.errors import NotFound
    from selection_desk.services.decisions import read_attendance, record_attendance
    from tests.factories import make_campaign_file

    path = make_campaign_file(tmp_path / "presence.seldesk")
    with CampaignStore.open(path) as store:
        assert read_attendance(store) is None
        codes = [juror.code for juror in store.jurors()]
        audit_before = len(store.audit_entries())
        assert record_attendance(store, [codes[-1], codes[0]]) is True
        assert record_attendance(store, [codes[0], codes[-1]]) is False  # same set, no write
        with pytest.raises(NotFound):
            record_attendance(store, ["NOBODY"])
        assert read_attendance(store) == (codes[0], codes[-1])
        entries = store.audit_entries()[audit_before:]
        assert [entry.action for entry in entries] == ["attendance"]
    with CampaignStore.open(path, readonly=True) as store:
        assert read_attendance(store) == (codes[0], codes[-1])

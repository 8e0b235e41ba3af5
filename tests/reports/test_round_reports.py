"""Reports of a campaign in rounds (design §10): a closed round's pre-selection minutes say who
goes on and why; its letters go to the dossiers that stop there, never to those that go on."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.domain import Outcome, Round, RoundKind
from selection_desk.errors import InvalidInput
from selection_desk.services.decisions import record_decision
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.reporting import export_reports, write_round_reports
from selection_desk.services.rounds import add_round, close_round
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined

SURPRISE = "coup de cœur du jury"
OUT_OF_SCOPE = "hors périmètre"


@pytest.fixture
def two_rounds(tmp_path: Path) -> tuple[Path, list[str]]:
    """Six dossiers, 2 places in R1; the committee keeps the 1st and the 4th (with reasons),
    lets the 2nd go, and closes R1; R2 is an open hearing.  Returns the file and R1's order."""
    campaign = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3, places=2)
    )
    with CampaignStore.open(campaign) as store:
        add_round(
            store, Round("R2", "Audition", kind=RoundKind.HEARING, places=1), criteria_from="R1"
        )
        order = [entry.ref for entry in rank_campaign(store).entries]
        record_decision(store, order[0], Outcome.SELECTED)
        record_decision(store, order[1], Outcome.REJECTED, rationale=OUT_OF_SCOPE)
        record_decision(store, order[3], Outcome.SELECTED, rationale=SURPRISE)
        close_round(store, "R1")
    return campaign, order


def test_closing_a_round_writes_its_minutes_and_the_letters_of_those_who_stop(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, order = two_rounds
    result = write_round_reports(campaign, "R1", tmp_path / "out", language="en")
    minutes = tmp_path / "out" / "minutes-R1.pdf"
    letters = tmp_path / "out" / "letters-R1"
    assert minutes in result.files
    stops = set(order) - {order[0], order[3]}
    assert {path.name for path in letters.iterdir()} == {f"{ref}.pdf" for ref in stops}
    text = joined(minutes)
    assert "Round Appel test" in text  # the factory's campaign names its first round
    assert "2 dossier(s) go on from round Appel test (2 places) to round Audition" in text
    after = text.split("Departures from the ranking's order", 1)[1]
    assert f"{order[1]}" in after and OUT_OF_SCOPE in after and "stops" in after
    assert f"{order[3]}" in after and SURPRISE in after and "goes on from below" in after
    assert order[2] not in after.split("Signatures", 1)[0]  # no departure: not listed


def test_the_minutes_of_export_round_have_the_passage_and_a_one_round_campaign_none(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, _order = two_rounds
    export_reports(campaign, pdf=tmp_path / "r1.pdf", language="en", round_code="R1")
    assert "Who goes on" in joined(tmp_path / "r1.pdf")
    single = make_campaign_file(tmp_path / "one.seldesk", make_campaign_data(dossiers=4))
    export_reports(single, pdf=tmp_path / "one.pdf", language="en")
    text = joined(tmp_path / "one.pdf")
    assert "Who goes on" not in text and "Round " not in text


def test_an_open_round_has_no_pre_selection_minutes_yet(
    two_rounds: tuple[Path, list[str]], tmp_path: Path
) -> None:
    campaign, _order = two_rounds
    with pytest.raises(InvalidInput, match="Round R2 is still open"):
        write_round_reports(campaign, "R2", tmp_path / "out")
    assert not (tmp_path / "out").exists()

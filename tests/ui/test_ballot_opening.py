"""A ballot opened like a document (a double-click runs ``selection-desk gui BALLOT``): the app
offers to merge it into the last campaign opened, never into a juror's kit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from selection_desk.services.ballots import export_ballot
from selection_desk.services.kits import make_kit
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import ballot_opening, recent_files
from selection_desk.ui.main_window import MainWindow
from tests.offline.conftest import make_offline_campaign

pytestmark = pytest.mark.gui


@pytest.fixture
def ballot_and_campaign(tmp_path: Path) -> tuple[Path, Path, Path]:
    """J2 scored D03 in their kit and exported a ballot; returns (campaign, kit, ballot)."""
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    kit = tmp_path / "kit-J2.seldesk"
    with CampaignStore.open(campaign) as store:
        make_kit(store, "J2", kit)
    ballot = tmp_path / "ballot-J2.json"
    with CampaignStore.open(kit) as store:
        record_score(store, "J2", "D03", "TEAM", 4.5, comment="opened by a double-click")
        export_ballot(store, ballot)
    return campaign, kit, ballot


def asked_questions(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[str]:
    asked: list[str] = []

    def ask(parent: object, question: str) -> bool:
        asked.append(question)
        return answer

    monkeypatch.setattr(ballot_opening, "ask_to_merge", ask)
    return asked


def merged_comments(window: MainWindow) -> list[str]:
    assert window.session is not None
    # The app keeps no copy of the scores in memory (session.data): they are read from the file.
    return [score.comment for score in window.session.store.scores()]


def test_a_ballot_is_merged_into_the_last_campaign_not_the_kit_opened_since(
    window: MainWindow,
    settings: QSettings,
    ballot_and_campaign: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaign, kit, ballot = ballot_and_campaign
    recent_files.remember(campaign, settings)
    recent_files.remember(kit, settings)  # the kit is the most recent file
    reports: list[str] = []
    monkeypatch.setattr(window.offline, "show_report", lambda title, text: reports.append(text))
    asked = asked_questions(monkeypatch, answer=True)
    ballot_opening.offer_ballot_merge(window, ballot)
    assert asked == [f"Merge the ballot ballot-J2.json into the campaign {campaign.name}?"]
    assert window.store is not None and window.store.path == campaign.resolve()
    assert "accepted, revision 1 of juror J2" in reports[-1]
    assert "opened by a double-click" in merged_comments(window)


def test_declining_merges_nothing_and_opens_nothing(
    window: MainWindow,
    settings: QSettings,
    ballot_and_campaign: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaign, _kit, ballot = ballot_and_campaign
    recent_files.remember(campaign, settings)
    asked_questions(monkeypatch, answer=False)
    ballot_opening.offer_ballot_merge(window, ballot)
    assert window.store is None
    window.open_file(campaign)
    assert "opened by a double-click" not in merged_comments(window)


def test_with_no_campaign_to_merge_into_the_user_is_told_what_to_do(
    window: MainWindow,
    ballot_and_campaign: tuple[Path, Path, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _campaign, _kit, ballot = ballot_and_campaign
    told: list[str] = []
    monkeypatch.setattr(ballot_opening, "tell", lambda parent, text: told.append(text))
    ballot_opening.offer_ballot_merge(window, ballot)
    assert told == ["Open the campaign first, then merge ballot-J2.json (File menu)."]
    assert window.store is None

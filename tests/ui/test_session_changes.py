"""The session refreshes what a write's kind of change calls for: a decision re-reads the decisions
and never re-ranks, a score re-ranks."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from selection_desk.aggregation import Ranking, RankingInput
from selection_desk.domain import Outcome
from selection_desk.services import ranking as ranking_service
from selection_desk.services.op_changes import (
    ATTACHMENTS,
    DECISIONS,
    KITS,
    SCORES,
    SETUP,
    OpChanges,
)
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.session import CampaignSession
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui


@pytest.fixture
def rankings(monkeypatch: pytest.MonkeyPatch) -> list[Ranking]:
    """Every ranking the session computes after the campaign is open."""
    computed: list[Ranking] = []
    rank = ranking_service.rank_campaign_keeping_input

    def counted(store: CampaignStore) -> tuple[Ranking, RankingInput]:
        ranking, ranking_input = rank(store)
        computed.append(ranking)
        return ranking, ranking_input

    # The session imports the ranking service when it first ranks (after the first paint).
    monkeypatch.setattr(ranking_service, "rank_campaign_keeping_input", counted)
    return computed


@pytest.fixture
def session(window: MainWindow, tmp_path: Path) -> CampaignSession:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    assert window.session is not None
    return window.session


def test_a_decision_recorded_in_the_meeting_rereads_the_decisions_and_does_not_rerank(
    qtbot: QtBot, window: MainWindow, session: CampaignSession, rankings: list[Ranking]
) -> None:
    window.show_phase("deliberation")
    page = window.deliberation_page
    ranking = session.ranking
    page.select_dossier("D02")
    page.choose_outcome(Outcome.SELECTED)
    with qtbot.assertNotEmitted(session.ranking_changed), qtbot.waitSignal(session.data_changed):
        page.record()
    assert rankings == [] and session.ranking is ranking
    assert session.changes == DECISIONS
    assert [(d.dossier, d.outcome) for d in session.data.decisions] == [("D02", Outcome.SELECTED)]


def test_a_score_rereads_the_scores_and_reranks(
    qtbot: QtBot, session: CampaignSession, rankings: list[Ranking]
) -> None:
    record_score(session.store, "J2", "D02", "TEAM", 0.5, reopen=True)
    with qtbot.waitSignals([session.data_changed, session.ranking_changed]):
        session.changed(SCORES)
    assert len(rankings) == 1 and session.ranking is rankings[0]
    assert session.changes == SCORES
    # The app keeps no copy of the scores in memory (session.data): they are read from the file.
    assert session.data.scores == ()
    score = session.store.score_value("J2", "D02", "TEAM")
    assert score is not None and score.value == 0.5


def test_a_kit_issued_reads_nothing_and_the_ranking_page_stays_as_it_is(
    qtbot: QtBot, window: MainWindow, session: CampaignSession, rankings: list[Ranking]
) -> None:
    window.show_phase("ranking")
    reloads: list[None] = []
    window.ranking_page.reload = lambda: reloads.append(None)  # type: ignore[method-assign]
    data = session.data
    with qtbot.assertNotEmitted(session.ranking_changed), qtbot.waitSignal(session.data_changed):
        session.changed(KITS)
    assert session.data is data and rankings == [] and reloads == []
    with qtbot.waitSignal(session.ranking_changed):
        session.changed(SCORES)
    assert len(rankings) == 1 and reloads == [None]


def test_the_scoring_workspace_reloads_on_scores_not_on_decisions(
    session: CampaignSession, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_phase("scoring")
    page = window.scoring_page
    page.start("J2")
    reloads: list[object] = []
    monkeypatch.setattr(page, "_load_queue", lambda keep=None: reloads.append(keep))
    session.changed(DECISIONS)
    assert reloads == []
    session.changed(SCORES)
    assert len(reloads) == 1


def test_the_dossiers_campaign_and_reports_pages_refresh_only_on_what_they_show(
    qtbot: QtBot, window: MainWindow, session: CampaignSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshes: list[str] = []
    pages = {
        "dossiers": (window.dossiers_page, "refresh"),
        "campaign": (window.campaign_page, "_refresh"),
        "reports": (window.reports_page, "_update_summary"),
    }
    for name, (page, method) in pages.items():
        monkeypatch.setattr(page, method, lambda name=name: refreshes.append(name))

    def refreshed_by(changes: OpChanges) -> list[str]:
        refreshes.clear()
        with qtbot.waitSignal(session.data_changed):
            session.changed(changes)
        return sorted(refreshes)

    assert refreshed_by(KITS) == []
    assert refreshed_by(ATTACHMENTS) == ["dossiers"]
    assert refreshed_by(DECISIONS) == ["dossiers", "reports"]
    assert refreshed_by(SCORES) == ["campaign", "dossiers", "reports"]  # feedback: reviews
    assert refreshed_by(SETUP) == ["campaign", "dossiers", "reports"]

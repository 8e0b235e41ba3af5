"""The same campaign shows the same p_top on the Ranking page, in the deliberation and in the
minutes (they once drew 1,000 resamples from seed 0, 500 from seed 0 and 1,000 from seed 1)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selection_desk.aggregation import BootstrapRun
from selection_desk.i18n import format_number
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.reporting import export_reports
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.ranking_model import RankingModel
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined, minutes_shares

pytestmark = pytest.mark.gui


@pytest.fixture
def campaign_file(tmp_path: Path) -> Path:
    """Six dossiers for two places, and a stability setting of its own (300 resamples, seed 7)."""
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=4))
    with CampaignStore.open(path) as store:
        campaign = replace(store.campaign(), stability_resamples=300, stability_seed=7)
        update_campaign(store, campaign)
    return path


@pytest.fixture
def opened(window: MainWindow, campaign_file: Path) -> MainWindow:
    window.open_file(campaign_file)
    return window


def test_the_ranking_page_the_deliberation_and_the_minutes_show_the_same_p_top(
    opened: MainWindow, campaign_file: Path, tmp_path: Path
) -> None:
    window = opened
    window.show_phase("ranking")
    model = window.ranking_page.model
    assert model.ranking is not None
    on_ranking_page = {entry.ref: entry.p_top for entry in model.ranking.entries}
    stability = RankingModel.COLUMNS.index("stability")
    tip = window.ranking_page.proxy.index(0, stability).data(Qt.ItemDataRole.ToolTipRole)
    assert "of 300 resamples" in tip

    window.show_phase("deliberation")
    page = window.deliberation_page
    page.toggle_stability()
    in_deliberation = {
        page.model.item(row).ref: page.model.item(row).p_top for row in range(page.model.rowCount())
    }

    minutes = tmp_path / "minutes.pdf"
    window.close_campaign()
    export_reports(campaign_file, pdf=minutes, language="en")

    assert in_deliberation == on_ranking_page
    assert any(0 < share < 1 for share in on_ranking_page.values() if share is not None)
    assert minutes_shares(minutes) == {
        ref: int(format_number(100 * share, 0, "en"))
        for ref, share in on_ranking_page.items()
        if share is not None
    }
    assert "300 resamples (seed 7)" in joined(minutes)


def test_the_setting_is_edited_with_the_campaign_and_the_ranking_page_follows(
    qtbot: QtBot, opened: MainWindow, campaign_file: Path
) -> None:
    properties = opened.campaign_page.properties
    opened.show_phase("campaign")
    opened.campaign_page.tabs.setCurrentWidget(properties)
    assert (properties.stability_resamples.value(), properties.stability_seed.value()) == (300, 7)
    for spin, typed in ((properties.stability_resamples, "2000"), (properties.stability_seed, "5")):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, typed)
        qtbot.keyClick(spin, Qt.Key.Key_Return)
    with CampaignStore.open(campaign_file, readonly=True) as store:
        campaign = store.campaign()
    assert (campaign.stability_resamples, campaign.stability_seed) == (2000, 5)
    opened.show_phase("ranking")
    ranking = opened.ranking_page.model.ranking
    assert ranking is not None and ranking.bootstrap == BootstrapRun(2000, 5)

"""One stability setting per campaign: the CLI, the reports and the app draw the same resamples."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from selection_desk.aggregation import BootstrapRun, Ranking
from selection_desk.cli import main
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.ranking import rank_campaign, stable_ranking
from selection_desk.services.reporting import build_report_data
from selection_desk.storage.store import CampaignStore
from tests.factories import make_campaign_data, make_campaign_file
from tests.reports.pdf_text import joined, minutes_shares

SETTING = BootstrapRun(resamples=300, seed=7)


@pytest.fixture
def campaign_file(tmp_path: Path) -> Path:
    """Six dossiers, two places, and a stability setting other than the default."""
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=4))
    with CampaignStore.open(path) as store:
        update_campaign(
            store,
            replace(
                store.campaign(), stability_resamples=SETTING.resamples, stability_seed=SETTING.seed
            ),
        )
    return path


def p_tops(ranking: Ranking) -> dict[str, float | None]:
    return {entry.ref: entry.p_top for entry in ranking.entries}


def test_the_reports_and_the_app_draw_the_campaigns_resamples_and_seed(
    campaign_file: Path,
) -> None:
    with CampaignStore.open(campaign_file, readonly=True) as store:
        report = build_report_data(store)
        on_screen = stable_ranking(store.ranking_input())
        asked = rank_campaign(store, bootstrap=None)
    assert report.ranking.bootstrap == on_screen.bootstrap == asked.bootstrap == SETTING
    assert p_tops(report.ranking) == p_tops(on_screen) == p_tops(asked)
    assert any(0 < share < 1 for share in p_tops(on_screen).values() if share is not None)


def test_rank_stays_quick_unless_asked_and_an_explicit_override_wins(campaign_file: Path) -> None:
    with CampaignStore.open(campaign_file, readonly=True) as store:
        assert rank_campaign(store).bootstrap is None
        assert rank_campaign(store, bootstrap=30).bootstrap == BootstrapRun(30, SETTING.seed)
        assert rank_campaign(store, bootstrap=30, seed=5).bootstrap == BootstrapRun(30, 5)
        assert stable_ranking(store.ranking_input(), bootstrap=0).bootstrap is None


def test_rank_bootstrap_without_a_number_prints_the_minutes_p_top(
    campaign_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    minutes = tmp_path / "minutes.pdf"
    assert main(["--lang", "en", "export", str(campaign_file), "--pdf", str(minutes)]) == 0
    capsys.readouterr()
    assert main(["--lang", "en", "rank", str(campaign_file), "--bootstrap", "--json"]) == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert "300 resamples (seed 7)" in joined(minutes)
    assert minutes_shares(minutes) == {e["ref"]: round(100 * e["p_top"]) for e in ranking}


def test_rank_without_bootstrap_prints_no_p_top(
    campaign_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "rank", str(campaign_file), "--json"]) == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert all("p_top" not in entry for entry in ranking)

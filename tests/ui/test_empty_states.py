"""Empty states say what to do next, with a button that leads there (issue 20): the Dossiers page
before any import, the Ranking and Deliberation pages before anything can be ranked, the Scoring
page before the committee is named."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from selection_desk.domain import Campaign, CampaignData, Criterion, Dossier, Juror
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui

CRITERIA = (Criterion("TEAM", "Équipe", 1.0),)


def campaign(path: Path, *, dossiers: bool, jurors: bool) -> Path:
    data = CampaignData(
        campaign=Campaign(uid="", name="Appel"),
        criteria=CRITERIA,
        jurors=(Juror("J1", "Ada Lovelace"),) if jurors else (),
        dossiers=(Dossier("D01", "Alpha"),) if dossiers else (),
    )
    with CampaignStore.create(path, Campaign(uid="", name="Appel")) as store:
        apply_campaign_data(store, data, actor="test", source="test")
    return path


@pytest.mark.parametrize("phase", ["ranking", "deliberation"])
@pytest.mark.parametrize(
    ("dossiers", "jurors", "text", "page", "tab"),
    [
        (False, True, "No dossiers yet: import the applications", "dossiers", None),
        (True, False, "No jurors yet: add the committee", "campaign", "jurors"),
        (True, True, "No scores yet: the jurors score on the Scoring page", "scoring", None),
    ],
)
def test_before_a_ranking_the_page_says_what_is_missing_and_leads_there(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
    phase: str,
    dossiers: bool,
    jurors: bool,
    text: str,
    page: str,
    tab: str | None,
) -> None:
    window.open_file(campaign(tmp_path / "c.seldesk", dossiers=dossiers, jurors=jurors))
    window.show_phase(phase)
    shown = window.ranking_page if phase == "ranking" else window.deliberation_page
    empty = shown.empty_state
    assert empty.isVisible() and not shown.splitter.isVisible()
    assert empty.text.text().startswith(text)
    qtbot.mouseClick(empty.button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == page
    if tab is not None:
        assert window.campaign_page.tabs.currentWidget() is window.campaign_page.jurors_editor


def test_a_ranked_campaign_shows_its_tables(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    for page in (window.ranking_page, window.deliberation_page):
        window.show_phase("ranking" if page is window.ranking_page else "deliberation")
        assert page.splitter.isVisible() and not page.empty_state.isVisible()


def test_no_dossiers_yet_offers_the_import(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(campaign(tmp_path / "c.seldesk", dossiers=False, jurors=True))
    window.show_phase("dossiers")
    page = window.dossiers_page
    assert page.empty_state.isVisible() and not page.splitter.isVisible()
    assert page.empty_state.button.text() == "Import the applications…"
    started: list[object] = []
    monkeypatch.setattr(page, "start_import", lambda source=None: started.append(source))
    qtbot.mouseClick(page.empty_state.button, Qt.MouseButton.LeftButton)
    assert started == [None]


def test_no_juror_yet_leads_to_the_jurors_tab(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(campaign(tmp_path / "c.seldesk", dossiers=True, jurors=False))
    window.show_phase("scoring")
    picker = window.scoring_page.picker
    assert picker.add_jurors_button.isVisible()
    qtbot.mouseClick(picker.add_jurors_button, Qt.MouseButton.LeftButton)
    assert window.current_page_name() == "campaign"
    assert window.campaign_page.tabs.currentWidget() is window.campaign_page.jurors_editor


def test_with_jurors_the_picker_offers_no_such_button(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(campaign(tmp_path / "c.seldesk", dossiers=True, jurors=True))
    window.show_phase("scoring")
    assert not window.scoring_page.picker.add_jurors_button.isVisible()

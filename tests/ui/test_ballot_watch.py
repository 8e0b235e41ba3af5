"""The watched folder in the window: the secretary chooses a folder on the Ranking page, a real
ballot made from a real kit lands in it, and the grid of who has scored which dossier follows."""

from __future__ import annotations

from pathlib import Path

import pytest

from selection_desk.errors import CANCELLED, Cancelled
from selection_desk.services import merge as merge_service
from selection_desk.services.review_grid import ReviewState, review_grid
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.ballot_watch import BallotWatchPanel
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.review_grid_model import ReviewGridModel
from selection_desk.ui.tasks import TaskRunner
from tests.offline.conftest import make_offline_campaign, offline_campaign_data
from tests.offline.flows import export, issue_kit, score_in_kit
from tests.ui.round_driver import grid_mark

pytestmark = pytest.mark.gui


def test_a_ballot_dropped_in_the_watched_folder_is_merged_and_the_grid_follows(
    window: MainWindow,
    tmp_path: Path,
    qtbot,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    kit = issue_kit(campaign, "J3", tmp_path / "laptop" / "kit-J3.seldesk")
    score_in_kit(kit, "J3", [("D04", "TEAM", 4.0), ("D04", "MARKET", 3.0)], final=["D04"])
    ballot = export(kit, tmp_path / "laptop" / "ballot-J3.json").path.read_bytes()
    folder = tmp_path / "Sync" / "ballots"
    folder.mkdir(parents=True)
    window.open_file(campaign)
    panel = window.ballot_watch
    assert panel.choose_button.isEnabled() and panel.watch_action.isEnabled()
    # Nothing is final yet: the Ranking page says what is missing in place of the ranking and
    # its tabs, the grid among them, which is built when its tab shows.
    assert window.ranking_page.empty_state.isVisibleTo(window)
    assert panel.grid_model.rowCount() == 0

    monkeypatch.setattr(panel, "ask_folder", lambda: folder)
    file_menu = [action.text() for action in window.file_menu.actions()]
    merge_at = file_menu.index("&Merge ballots…")
    assert file_menu[merge_at + 1] == "&Watch a folder for ballots…"
    window.show_phase("dossiers")
    panel.watch_action.trigger()  # File ▸ Watch a folder for ballots…
    assert window.current_page_name() == "ranking"
    assert window.ranking_page.details.currentWidget() is panel
    assert panel.watching and str(folder) in panel.folder_label.text()
    # Waiting for the first ballots, the secretary sees the grid, not the "no scores yet" step.
    assert panel.isVisible() and not window.ranking_page.empty_state.isVisibleTo(window)
    qtbot.waitUntil(lambda: panel.grid_model.rowCount() > 0, timeout=5000)
    assert grid_mark(window, "J3", "D04") == "—" and grid_mark(window, "J2", "D02") == "✎"
    (folder / ".syncthing.ballot-J3.json.tmp").write_bytes(ballot[:200])  # being synced
    (folder / "ballot-J3.json").write_bytes(ballot)
    with qtbot.waitSignal(panel.reported, timeout=5000) as reported:
        pass
    [line] = reported.args[0]
    assert line.startswith("ballot-J3.json: accepted, revision 1 of juror J3")
    assert panel.log.item(0).text() == line
    qtbot.waitUntil(lambda: panel.grid_model.rowCount() > 0, timeout=5000)
    assert grid_mark(window, "J3", "D04") == "✓"
    assert grid_mark(window, "J3", "D02") == "—"
    assert grid_mark(window, "J2", "D02") == "✎"
    assert grid_mark(window, "J1", "D01") == "✕"  # J1's conflict of interest
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.review("J3", "D04").status.value == "final"  # type: ignore[union-attr]

    panel.toggle_button.click()  # paused: nothing more is looked at
    assert not panel.watching and panel.toggle_button.text() == "Pa&used"
    window.close_campaign()
    assert not panel.toggle_button.isEnabled() and panel.grid_model.rowCount() == 0


def test_the_grid_is_built_when_its_tab_is_shown_not_while_the_campaign_opens(
    window: MainWindow, tmp_path: Path
) -> None:
    """Opening L laid out its 5,000 x 60 grid on the UI thread before the first paint, in a tab
    nobody was looking at: the grid waits until its tab is shown, and follows the campaign from
    then on."""
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign) as store:  # one final review: the page shows its tabs
        record_score(store, "J2", "D03", "TEAM", 4.0)
        record_score(store, "J2", "D03", "MARKET", 3.0, final=True)
    window.open_file(campaign)
    panel = window.ballot_watch
    assert window.current_page_name() == "ranking" and not panel.isVisible()
    assert panel.grid_model.rowCount() == 0
    window.ranking_page.details.setCurrentWidget(panel)
    assert panel.isVisible()
    assert panel.grid_model.rowCount() == len(offline_campaign_data().dossiers)
    assert grid_mark(window, "J1", "D01") == "✕"
    window.close_campaign()
    assert panel.grid_model.rowCount() == 0


def test_a_juror_kit_shows_no_watch(window: MainWindow, tmp_path: Path) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    kit = issue_kit(campaign, "J2", tmp_path / "kit-J2.seldesk")
    window.open_file(kit)
    assert window.offline.juror_mode
    assert not window.ballot_watch.isVisibleTo(window)
    assert not window.ballot_watch.watch_action.isVisible()


def test_the_grid_says_final_draft_nothing_and_conflict(tmp_path: Path) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    with CampaignStore.open(campaign, readonly=True) as store:
        grid = review_grid(store.campaign_data())
    assert [j.code for j in grid.jurors] == [j.code for j in offline_campaign_data().jurors]
    assert grid.state("J1", "D01") is ReviewState.CONFLICT
    assert grid.state("J2", "D02") is ReviewState.DRAFT  # J2 scored D02 before any kit
    assert grid.state("J2", "D01") is ReviewState.NOTHING
    model = ReviewGridModel()
    model.set_grid(grid)
    assert model.rowCount() == len(grid.dossiers) and model.columnCount() == len(grid.jurors)
    from PySide6.QtCore import Qt

    index = model.index(grid.dossiers.index("D01"), 0)
    assert model.data(index) == "✕"
    assert model.data(index, Qt.ItemDataRole.AccessibleTextRole) == (
        "Alice Martin — D01: conflict of interest"
    )
    assert model.headerData(0, Qt.Orientation.Horizontal) == f"J1\n0/{len(grid.dossiers) - 1}"


@pytest.mark.parametrize(
    ("raised", "logged"),
    [
        (Cancelled(CANCELLED), None),  # the secretary pressed Cancel in the merge's progress dialog
        (OSError(28, "No space left on device"), "Nothing was changed."),
    ],
)
def test_a_cancelled_or_failed_merge_pauses_the_watch_saying_it_once(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    logged: str | None,
) -> None:
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    kit = issue_kit(campaign, "J3", tmp_path / "laptop" / "kit-J3.seldesk")
    score_in_kit(kit, "J3", [("D04", "TEAM", 4.0)])
    ballot = export(kit, tmp_path / "laptop" / "ballot-J3.json").path.read_bytes()
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "ballot-J3.json").write_bytes(ballot)
    window.open_file(campaign)
    panel = window.ballot_watch

    def merge_fails(*args: object, **kwargs: object) -> None:
        raise raised

    monkeypatch.setattr(merge_service, "merge_ballot_sources", merge_fails)
    panel.watch(folder)  # the first look sees the ballot
    panel._timer.timeout.emit()  # the second finds it stable: the merge is tried
    assert not panel.watching and panel.toggle_button.isEnabled()  # paused, may resume
    lines = [panel.log.item(i).text() for i in range(panel.log.count())]
    assert lines == ([] if logged is None else [lines[0]])
    if logged is not None:
        assert logged in lines[0]
    with CampaignStore.open(campaign, readonly=True) as store:
        assert store.review("J3", "D04") is None


def test_a_large_grid_is_shown_without_asking_for_every_cell(
    qtbot, settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """3,000 dossiers x 40 jurors: the view fits its columns to the first rows and gives every row
    one line, so showing the grid asks for a screenful of cells, not all 120,000 (fitting every
    cell of L took 30 s of the UI thread)."""
    from selection_desk.services.review_grid import GridJuror, ReviewGrid
    from selection_desk.ui.ballot_watch import BallotWatchPanel
    from selection_desk.ui.tasks import TaskRunner

    asked: list[None] = []
    data = ReviewGridModel.data
    monkeypatch.setattr(
        ReviewGridModel, "data", lambda self, *args: (asked.append(None), data(self, *args))[1]
    )
    panel = BallotWatchPanel(TaskRunner(synchronous=True), settings)
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    jurors = tuple(GridJuror(f"J{n}", f"Juror {n}", 0, 3000) for n in range(40))
    panel.grid_model.set_grid(ReviewGrid(jurors, tuple(f"D{n:04}" for n in range(3000))))
    panel.grid.grab()
    assert 0 < len(asked) < 40 * 3000


@pytest.mark.parametrize("points", [None, 18])
def test_the_log_shows_whole_lines_of_its_font(qtbot, points: int | None) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the log was 110 px high whatever its font: its last line showed cut through.
    Now it is a whole number of lines high, at any font size (200 % included), and each entry,
    wrapped, is a whole number of lines."""
    panel = BallotWatchPanel(TaskRunner(synchronous=True))
    qtbot.addWidget(panel)
    if points is not None:
        font = panel.font()
        font.setPointSize(points)
        panel.setFont(font)
    panel.resize(420, 600)
    panel.show()
    qtbot.waitExposed(panel)
    log = panel.log
    line = log.fontMetrics().lineSpacing()
    long_line = "ballot-J4.json: refused. " + "its signature does not match; " * 6
    panel._add_lines(["ballot-J1.json: accepted.", long_line] * 6)
    qtbot.wait(10)
    assert log.viewport().height() % line == 0 and log.viewport().height() >= 6 * line
    heights = [log.visualItemRect(log.item(i)).height() for i in range(log.count())]
    assert heights[0] > line and all(height % line == 0 for height in heights)  # wrapped whole
    log.verticalScrollBar().setValue(3)  # scrolled: still an entry at a time
    assert log.visualItemRect(log.item(3)).top() == 0

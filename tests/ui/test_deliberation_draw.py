"""The draw in the deliberation (design §12): the zone as a chip on the dossier, and the draw's
dialog end to end — the zone and the places left, the draw recorded in the audit log as ``draw``
records it, the same result as the command for the same inputs, refusals in one sentence."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from selection_desk.aggregation.robustness import cutoff_zone
from selection_desk.cli import main
from selection_desk.services.ranking import rank_campaign
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.agenda_model import ZONE_MARK
from selection_desk.ui.pages.deliberation_draw import DrawDialog
from tests.deciding.campaigns import make_scores_file
from tests.deciding.test_draw import CLEAR, CLOSE_AT_THE_LINE, recompute

pytestmark = pytest.mark.gui

SEED_TEXT = "Meeting of 4 December, CAC 40 at 7412.50"
"""Typed key by key: QtTest types ASCII only (a non-ASCII key aborts it)."""


def opened_dialog(window: MainWindow, file: Path) -> DrawDialog:
    window.open_file(file)
    window.show_phase("deliberation")
    dialog = window.deliberation_page.draw_dialog()
    assert dialog is not None
    dialog.start()
    return dialog


def test_the_dialog_draws_records_and_matches_the_command(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2, allow_draw=True)
    twin = tmp_path / "twin.seldesk"
    shutil.copy(file, twin)
    with CampaignStore.open(file, readonly=True) as store:
        zone = cutoff_zone(rank_campaign(store, bootstrap=None))
        head = store.latest_audit_hash()
    assert zone is not None
    dialog = opened_dialog(window, file)
    assert f"): {', '.join(zone.refs)}." in dialog.plan.text()
    assert "Places left to draw among the zone: " in dialog.plan.text()
    assert not dialog.draw_button.isEnabled()  # no seed text yet
    qtbot.keyClicks(dialog.seed_text, SEED_TEXT)
    qtbot.mouseClick(dialog.draw_button, Qt.MouseButton.LeftButton)
    record = dialog.record
    assert record is not None and record.audit_head == head
    assert record.drawn == tuple(recompute(SEED_TEXT, head, list(record.zone), record.places_drawn))
    shown = dialog.result_view.toPlainText()
    assert f"Drawn: {', '.join(record.drawn)}." in shown
    assert head in shown and record.seed in shown and "Procedure: seed = SHA-256" in shown
    assert not dialog.draw_button.isEnabled()  # one draw per dialog
    with CampaignStore.open(file, readonly=True) as store:
        last = store.audit_entries()[-1]
    assert (last.action, last.actor) == ("draw", "secretary")

    assert main(["--lang", "en", "draw", str(twin), "--seed-text", SEED_TEXT, "--json"]) == 0
    by_command = json.loads(capsys.readouterr().out)
    assert by_command["drawn"] == list(record.drawn)
    assert json.loads(last.after or "{}") == by_command


@pytest.mark.parametrize(
    ("table", "allow_draw", "sentence"),
    [
        (CLOSE_AT_THE_LINE, False, "This campaign's rules do not allow a draw"),
        (CLEAR, True, "There is nothing to draw: no dossier is statistically indistinguishable"),
    ],
)
def test_refused_in_one_sentence(
    window: MainWindow,
    tmp_path: Path,
    table: dict[str, dict[str, float]],
    allow_draw: bool,
    sentence: str,
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", table, places=1, allow_draw=allow_draw)
    dialog = opened_dialog(window, file)
    assert dialog.plan.text().startswith(sentence)
    assert not dialog.seed_text.isEnabled() and not dialog.draw_button.isEnabled()
    with CampaignStore.open(file, readonly=True) as store:
        assert all(entry.action != "draw" for entry in store.audit_entries())


def test_the_dossiers_of_the_zone_carry_a_chip_and_a_mark_on_the_agenda(
    window: MainWindow, tmp_path: Path
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2)
    with CampaignStore.open(file, readonly=True) as store:
        zone = cutoff_zone(rank_campaign(store, bootstrap=None))
    assert zone is not None
    window.open_file(file)
    window.show_phase("deliberation")
    page = window.deliberation_page
    page.toggle_stability()
    for ref in "ABCDE":
        page.select_dossier(ref)
        chips = [chip.text() for chip in page.header.chips()]
        assert ("indistinguishable at the line" in chips) == (ref in zone.refs), ref
    page.select_dossier(zone.refs[0])
    chip = next(c for c in page.header.chips() if c.text() == "indistinguishable at the line")
    assert "B = 1,000" in chip.toolTip()
    marked = {
        page.model.item(row).ref
        for row in range(page.model.rowCount())
        if page.model.index(row, 0).data().endswith(ZONE_MARK)
    }
    assert marked == set(zone.refs)
    row = page.model.row_of(zone.refs[0])
    assert row is not None
    tip = page.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "≈ indistinguishable at the line" in tip


def test_the_campaign_page_lets_the_rules_allow_a_draw(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2)
    window.open_file(file)
    window.show_phase("campaign")
    properties = window.campaign_page.properties
    window.campaign_page.tabs.setCurrentWidget(properties)
    assert not properties.allow_draw.isChecked()
    qtbot.mouseClick(properties.allow_draw, Qt.MouseButton.LeftButton)
    with CampaignStore.open(file, readonly=True) as store:
        assert store.campaign().allow_draw
    window.show_phase("deliberation")
    dialog = window.deliberation_page.draw_dialog()
    assert dialog is not None
    dialog.start()
    assert "Places left to draw among the zone" in dialog.plan.text()


def test_the_projector_shows_the_zone_to_the_room(window: MainWindow, tmp_path: Path) -> None:
    """Issue 21: the room sees, on the projector, which dossiers cannot be told apart at the
    line (once the stability check has found them)."""
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2)
    with CampaignStore.open(file, readonly=True) as store:
        zone = cutoff_zone(rank_campaign(store, bootstrap=None))
    assert zone is not None and len(zone.refs) >= 2
    window.open_file(file)
    window.show_phase("deliberation")
    page = window.deliberation_page
    page.select_dossier(zone.refs[0])
    page.toggle_projector()
    projector = page.projector
    assert projector is not None
    assert not projector.zone.isVisible()  # no stability check yet: no zone to show
    page.toggle_stability()
    others = len(zone.refs) - 1
    assert projector.zone.isVisible()
    assert projector.zone.text() == (
        f"{ZONE_MARK} Statistically indistinguishable at the line, with {others} other "
        f"dossier{'s' if others > 1 else ''} (jury resampled 1,000 times)"
    )
    outside = next(ref for ref in "ABCDE" if ref not in zone.refs)
    page.select_dossier(outside)
    assert not projector.zone.isVisible()
    page.close_projector()

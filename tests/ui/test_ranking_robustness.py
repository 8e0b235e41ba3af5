"""The Ranking page's Robustness tab (design §12) shows what the services compute: the selection of
every method, the method-dependent dossiers first and tinted, and the cut-off zone (B, seed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from selection_desk.aggregation.robustness import cutoff_zone
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.robustness import campaign_robustness
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.ranking_robustness import SHORT_NAMES
from tests.deciding.campaigns import METHOD_SPLIT, make_scores_file
from tests.deciding.test_draw import CLOSE_AT_THE_LINE

pytestmark = pytest.mark.gui


def table_contents(table: QTableWidget) -> dict[str, str]:
    """Ref → its "Selected by" cell."""
    return {
        table.item(row, 0).text(): table.item(row, 2).text()  # type: ignore[union-attr]
        for row in range(table.rowCount())
    }


def test_the_table_holds_the_selection_of_every_method(window: MainWindow, tmp_path: Path) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT, places=1)
    window.open_file(file)
    window.show_phase("ranking")
    panel = window.ranking_page.robustness
    with CampaignStore.open(file, readonly=True) as store:
        expected = campaign_robustness(store, rank_campaign(store, bootstrap=None))
    table = panel.table
    every = len(expected.selected)
    assert table_contents(table) == {
        ref: "every method"
        if sum(ref in refs for refs in expected.selected.values()) == every
        else ", ".join(SHORT_NAMES[m] for m, refs in expected.selected.items() if ref in refs)
        for ref in {ref for refs in expected.selected.values() for ref in refs}
    }
    assert [table.item(row, 0).text() for row in range(2)] == ["A", "B"]  # type: ignore[union-attr]
    assert expected.method_dependent == ("A", "B")
    tint = table.item(0, 0).background().color()  # type: ignore[union-attr]
    assert table.item(0, 0).font().bold()  # type: ignore[union-attr]
    assert tint.isValid() and tint != table.palette().base().color()
    header = table.horizontalHeaderItem(2).toolTip()  # type: ignore[union-attr]
    assert "Borda: Borda count" in header and "Median: median of the juror totals" in header
    assert "Method-dependent: A, B." in panel.summary.text()
    assert "choice of method" in panel.summary.text()


def test_the_zone_is_the_services_zone_with_b_and_seed(window: MainWindow, tmp_path: Path) -> None:
    file = make_scores_file(tmp_path / "c.seldesk", CLOSE_AT_THE_LINE, places=2)
    window.open_file(file)
    window.show_phase("ranking")
    with CampaignStore.open(file, readonly=True) as store:
        zone = cutoff_zone(rank_campaign(store, bootstrap=None))
    assert zone is not None and len(zone.refs) >= 2
    text = window.ranking_page.robustness.zone.text()
    assert f"Cut-off zone: {', '.join(zone.refs)}." in text
    assert f"B = 1,000, seed {zone.seed}" in text
    assert "statistically indistinguishable at the line" in text
    window.ranking_page.tabs.setCurrentWidget(window.ranking_page.robustness)
    assert window.ranking_page.robustness.isVisible()
    assert Qt.TextInteractionFlag.TextSelectableByMouse & (
        window.ranking_page.robustness.zone.textInteractionFlags()
    )


def test_closing_the_campaign_empties_the_tab(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(make_scores_file(tmp_path / "c.seldesk", METHOD_SPLIT, places=1))
    window.show_phase("ranking")
    panel = window.ranking_page.robustness
    assert panel.table.rowCount() > 0 and panel.zone.text()
    window.close_campaign()
    assert (panel.table.rowCount(), panel.summary.text(), panel.zone.text()) == (0, "", "")

"""The Ranking page's widgets on their own, built from plain data (no store, no session): the
controls, the what-if banner, the table view and the detail tabs."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from selection_desk.aggregation import Ranking, build_ranking_input, compute_ranking
from selection_desk.domain import Method
from selection_desk.ui.models.ranking_model import RankingFilter, RankingModel
from selection_desk.ui.pages.ranking_banner import WhatIfBanner, selection_changes, short_list
from selection_desk.ui.pages.ranking_controls import RankingControls, summary_text
from selection_desk.ui.pages.ranking_details import RankingDetails
from selection_desk.ui.pages.ranking_table import RankingTableView
from tests.factories import make_campaign_data

pytestmark = pytest.mark.gui

DATA = make_campaign_data(dossiers=6, jurors=4, places=2)


@pytest.fixture
def ranking() -> Ranking:
    return compute_ranking(build_ranking_input(DATA))


def test_the_controls_mark_the_campaigns_method_and_sum_up_the_ranking(
    qtbot, ranking: Ranking
) -> None:  # type: ignore[no-untyped-def]
    controls = RankingControls()
    qtbot.addWidget(controls)
    assert controls.summary.text() == "No ranking yet."
    chosen: list[int] = []
    controls.method_combo.currentIndexChanged.connect(chosen.append)
    controls.fill_methods(Method.MEAN, keep=Method.BORDA)
    controls.set_method_quietly(Method.ZSCORE)
    assert chosen == []
    assert controls.chosen_method() is Method.ZSCORE
    assert "(the campaign's method)" in controls.method_combo.itemText(
        controls.method_combo.findData(Method.MEAN.value)
    )
    controls.show_campaign(replace(DATA.campaign, places=2, tie_break=None))
    assert "2 places" in controls.settings_label.text()
    assert "ties share a rank" in controls.settings_label.text()
    controls.show_summary(ranking)
    assert controls.summary.text() == summary_text(ranking)
    assert controls.summary.text().startswith(
        f"6 dossiers ranked · {len(ranking.selected)} within the places · agreement"
    )


def test_the_banner_says_what_differs_from_the_campaigns_ranking(qtbot, ranking: Ranking) -> None:  # type: ignore[no-untyped-def]
    banner = WhatIfBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.show_difference(False, Method.MEAN, Method.MEAN, None)
    assert banner.isHidden()
    banner.show_difference(False, Method.BORDA, Method.MEAN, ([], []))
    assert banner.isVisible()
    assert not banner.apply_button.isVisible()
    assert banner.banner_text.text().endswith("The selection does not change.")
    banner.show_difference(True, Method.MEAN, Method.MEAN, (["D9"], ["D1"]))
    assert banner.apply_button.isVisible()
    assert banner.banner_text.text() == ("What-if weights: not saved. Selection: D9 in, D1 out.")
    assert selection_changes(ranking, ranking) == ([], [])
    assert short_list([f"D{n}" for n in range(1, 8)]) == "D1, D2, D3, D4 … (+3)"
    assert short_list(["D1", "D2", "D3", "D4", "D5"]) == "D1, D2, D3, D4, D5"
    assert short_list([]) == "—"


def test_the_table_selects_by_reference_and_copies_the_selected_rows(
    qtbot, ranking: Ranking
) -> None:  # type: ignore[no-untyped-def]
    model = RankingModel()
    proxy = RankingFilter()
    proxy.setSourceModel(model)
    table = RankingTableView(model, proxy)
    qtbot.addWidget(table)
    model.set_ranking(ranking)
    current: list[str | None] = []
    table.current_ref_changed.connect(current.append)
    second = ranking.entries[1]
    assert table.select_ref(second.ref)
    assert current == [second.ref]
    assert not table.select_ref("nowhere")
    text = table.selected_text()
    assert text is not None
    header, row = text.splitlines()
    assert header.startswith("Rank\t")
    assert second.ref in row.split("\t")
    table.copy_selection()
    assert QApplication.clipboard().text() == text
    table.show_change_column(False)
    assert table.isColumnHidden(RankingModel.COLUMNS.index("change"))


def test_the_details_keep_the_readers_place_when_the_explanation_is_replaced(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    details = RankingDetails()
    qtbot.addWidget(details)
    details.resize(400, 200)
    details.show()
    long_text = "".join(f"<p>line {n}</p>" for n in range(200))
    details.show_explanation(long_text)
    bar = details.explanation.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    details.show_explanation(long_text.replace("line", "row"))
    assert bar.value() == kept > 0
    assert "row 199" in details.explanation.toPlainText()
    assert [details.tabText(i) for i in range(details.count())] == [
        "E&xplanation",
        "Ch&arts",
        "&Jurors",
        "&What-if weights",
        "Ro&bustness",
    ]

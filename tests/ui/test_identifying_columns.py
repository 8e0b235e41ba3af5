"""Columns that identify a row (a dossier's reference and name, a criterion's label) are never
elided to uselessness: measured with the widget's own font at 1280×720 and at the window's
minimum, 960×540, in every ranking method's view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from selection_desk.domain import (
    Campaign,
    CampaignData,
    Criterion,
    Dossier,
    Juror,
    Method,
    Review,
    ReviewStatus,
    Score,
)
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.ranking_model import RankingModel
from selection_desk.ui.pages.deliberation_agenda import CELL_PADDING
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui

REFERENCE = "INC26-0042"
NAME = "Œnologie durable du Sud-Ouest et des coteaux"
LABEL = "Équipe fondatrice et capacité d'exécution"
SIZES = ((1280, 720), (960, 540))
READABLE_CHARACTERS = 16


def campaign_data() -> CampaignData:
    criteria = (
        Criterion("EQUIPE", LABEL, 1.0, 0, 5, 0.5),
        Criterion("MARCHE", "Marché adressable et traction commerciale", 1.0, 0, 5, 0.5),
    )
    jurors = tuple(Juror(f"J{i}", f"Juré {i}") for i in range(1, 4))
    dossiers = tuple(Dossier(f"INC26-00{n}", f"{NAME} {n}") for n in range(40, 46))
    scores = tuple(
        Score(juror.code, dossier.ref, criterion.code, float((n + i + k) % 6))
        for n, dossier in enumerate(dossiers)
        for i, juror in enumerate(jurors)
        for k, criterion in enumerate(criteria)
    )
    reviews = tuple(
        Review(juror.code, dossier.ref, ReviewStatus.FINAL)
        for dossier in dossiers
        for juror in jurors
    )
    return CampaignData(
        campaign=Campaign(uid="", name="Appel", places=2),
        criteria=criteria,
        jurors=jurors,
        dossiers=dossiers,
        scores=scores,
        reviews=reviews,
    )


def shows_at_least(view: QTableView, column: int, text: str) -> bool:
    """The column's section is wide enough for ``text`` in the view's font, padding included."""
    needed = view.fontMetrics().horizontalAdvance(text)
    return view.horizontalHeader().sectionSize(column) >= needed + 8


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("method", [Method.MEAN, Method.ZSCORE, Method.BORDA, Method.SCHULZE])
def test_the_ranking_shows_whole_references_and_readable_names(
    window: MainWindow, tmp_path: Path, method: Method, size: tuple[int, int]
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk", campaign_data()))
    window.show_phase("ranking")
    window.resize(*size)
    page = window.ranking_page
    page.set_method(method)
    QApplication.processEvents()
    table = page.table
    ref, name = RankingModel.COLUMNS.index("ref"), RankingModel.COLUMNS.index("name")
    assert shows_at_least(table, ref, REFERENCE), method
    assert shows_at_least(table, name, NAME[:READABLE_CHARACTERS]), method
    full_name = page.proxy.index(0, name).data(Qt.ItemDataRole.ToolTipRole)
    assert full_name.startswith(NAME)
    assert page.proxy.index(0, ref).data(Qt.ItemDataRole.ToolTipRole).startswith("INC26-00")


@pytest.mark.parametrize("size", SIZES)
def test_the_criteria_list_shows_readable_labels(
    window: MainWindow, tmp_path: Path, size: tuple[int, int]
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk", campaign_data()))
    window.show_phase("campaign")
    window.campaign_page.tabs.setCurrentWidget(window.campaign_page.criteria_editor)
    window.resize(*size)
    QApplication.processEvents()
    table = window.campaign_page.criteria_editor.table
    assert shows_at_least(table, 1, LABEL[:READABLE_CHARACTERS])
    assert table.model().index(0, 1).data(Qt.ItemDataRole.ToolTipRole).startswith(LABEL)


@pytest.mark.parametrize("size", SIZES)
def test_the_deliberation_agenda_shows_readable_names(
    window: MainWindow, tmp_path: Path, size: tuple[int, int]
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk", campaign_data()))
    window.show_phase("deliberation")
    window.resize(*size)
    QApplication.processEvents()
    agenda = window.deliberation_page.agenda
    assert agenda.agenda_model.rowCount() == 6
    # Room for the ⚠ mark that may precede the name, and 16 characters of the name.
    assert shows_at_least(agenda, 1, "⚠ " + NAME[:READABLE_CHARACTERS])
    rank = agenda.horizontalHeader().sectionSize(0)
    four_digits = agenda.fontMetrics().horizontalAdvance("9999 = ≈") + CELL_PADDING
    assert rank < four_digits  # 6 dossiers: room for two digits, not four


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_tab_beside_the_ranking_is_in_sight_at_1280(
    window: MainWindow, tmp_path: Path, language: str
) -> None:
    """The fifth tab (Robustness) was behind scroll arrows at 1280 × 720; a sixth came since."""
    from selection_desk import i18n
    from selection_desk.ui.pages.ranking_details import RankingDetails

    window.open_file(make_campaign_file(tmp_path / "c.seldesk", campaign_data()))
    window.show_phase("ranking")
    window.resize(1280, 720)
    QApplication.processEvents()
    width = window.ranking_page.details.width()
    with i18n.language(language):
        details = RankingDetails()  # titles in that language, at the page's width
        details.addTab(QWidget(), i18n._("Ba&llots"))  # the window adds the watched folder's
    details.resize(width, 400)
    details.show()
    QApplication.processEvents()
    bar = details.tabBar()
    for index in range(bar.count()):
        tab = bar.tabRect(index)
        assert bar.rect().contains(tab), (language, details.tabText(index))
        title = details.tabText(index).replace("&", "")
        assert tab.width() >= bar.fontMetrics().horizontalAdvance(title), title  # not shortened
        assert details.tabToolTip(index) == title
    details.close()

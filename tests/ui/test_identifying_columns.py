"""Columns that identify a row (a dossier's reference and name, a criterion's label) are never
elided to uselessness: measured with the widget's own font at 1280×720 and at the window's
minimum, 960×540, in every ranking method's view."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

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

"""The Ranking page (read-only for now): the ranking table of the open campaign."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from selection_desk.aggregation import Ranking
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.ui.models.ranking_model import SORT_ROLE, RankingModel
from selection_desk.ui.session import CampaignSession


class RankingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel(_("Ranking"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RankingModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("rankingTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_session(self, session: CampaignSession | None) -> None:
        if session is None:
            self.set_ranking(None)
            return
        session.ranking_changed.connect(lambda: self.set_ranking(session.ranking))
        self.set_ranking(session.ranking)

    def set_ranking(self, ranking: Ranking | None) -> None:
        self.model.set_ranking(ranking)
        if ranking is None:
            self.summary.setText(_("No ranking yet."))
            return
        counted = sum(1 for entry in ranking.entries if entry.jurors)
        parts = [
            _("Method: {method}").format(method=label(ranking.method)),
            _("{places} places").format(places=ranking.places),
            _("{count} dossiers ranked").format(count=counted),
        ]
        if ranking.agreement is not None:
            parts.append(
                _("agreement (Krippendorff's alpha) {alpha}").format(
                    alpha=format_number(ranking.agreement, 2)
                )
            )
        if ranking.incomplete_reviews:
            parts.append(
                _("{count} review(s) not counted (draft or incomplete)").format(
                    count=len(ranking.incomplete_reviews)
                )
            )
        self.summary.setText(" · ".join(parts))

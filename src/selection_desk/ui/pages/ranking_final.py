"""The final ranking on the Ranking page (design §10): once every round of a campaign in several
rounds is closed, a line says how the rounds are combined and opens the final ranking, each
dossier's explanation showing its calculation (``FinalEntry.explanation``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.errors import SelectionDeskError
from selection_desk.i18n import _, format_number
from selection_desk.services.final_ranking import all_rounds_closed, final_ranking
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.messages import error_text

if TYPE_CHECKING:
    from selection_desk.aggregation.final_ranking import FinalRanking


def combination_text(ranking: FinalRanking, store: CampaignStore) -> str:
    """How the rounds were combined, in one sentence."""
    rounds = store.rounds()
    if not ranking.weighted:
        return _("Every round is closed: the final ranking is round {round} alone.").format(
            round=rounds[-1].code
        )
    weights = ", ".join(
        f"{r.code} {format_number(r.weight, None)}" for r in rounds if r.weight is not None
    )
    return _(
        "Every round is closed: the final ranking weighs each round's score (0–100) by its "
        "weight ({weights})."
    ).format(weights=weights)


class FinalRankingDialog(QDialog):
    def __init__(self, ranking: FinalRanking, how: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalRankingDialog")
        self.setWindowTitle(_("Final ranking"))
        self.ranking = ranking
        layout = QVBoxLayout(self)
        summary = QLabel(how)
        summary.setWordWrap(True)
        self.table = QTableWidget(len(ranking.entries), 4)
        self.table.setAccessibleName(_("Final ranking"))
        self.table.setHorizontalHeaderLabels([_("Rank"), _("Ref"), _("Name"), _("Score")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(ranking.entries):
            score = "" if entry.score is None else format_number(entry.score, 2)
            for column, text in enumerate((str(entry.rank), entry.ref, entry.name, score)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.explanation = QLabel()
        self.explanation.setObjectName("finalExplanation")
        self.explanation.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        for widget in (summary, self.table, self.explanation, buttons):
            layout.addWidget(widget)
        self.table.currentCellChanged.connect(lambda row, *_rest: self._explain(row))
        self.resize(640, 480)
        if ranking.entries:
            self.table.setCurrentCell(0, 0)

    def _explain(self, row: int) -> None:
        entries = self.ranking.entries
        self.explanation.setText(entries[row].explanation() if 0 <= row < len(entries) else "")


class FinalRankingBanner(QFrame):
    """Hidden unless every round of a campaign in several rounds is closed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("finalRankingBanner")
        self.store: CampaignStore | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(_("Final ranking…"))
        self.open_button.setObjectName("openFinalRanking")
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        self.open_button.clicked.connect(self.open_final_ranking)
        self.hide()

    def show_for(self, store: CampaignStore | None) -> None:
        self.store = store
        shown = store is not None and all_rounds_closed(store)
        self.setVisible(shown)
        if store is None or not shown:
            return
        try:
            self.text.setText(combination_text(final_ranking(store), store))
            self.open_button.setEnabled(True)
        except SelectionDeskError as error:  # a weighted round ranked on another scale
            self.text.setText(error_text(error))
            self.open_button.setEnabled(False)

    def dialog(self) -> FinalRankingDialog | None:
        if self.store is None:
            return None
        ranking = final_ranking(self.store)
        return FinalRankingDialog(ranking, combination_text(ranking, self.store), self)

    def open_final_ranking(self) -> None:
        dialog = self.dialog()
        if dialog is not None:
            dialog.exec()

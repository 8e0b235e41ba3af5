"""The tabs beside the Ranking page's table: the selected dossier's explanation, the charts,
the jurors' calibration, the what-if weights and the robustness across methods.

The tabs only hold and show; the page fills them from its background work.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selection_desk.i18n import _
from selection_desk.ui.charts import CriterionProfileChart, ScoreDistributionChart
from selection_desk.ui.pages.ranking_jurors import CalibrationPanel
from selection_desk.ui.pages.ranking_robustness import RobustnessPanel
from selection_desk.ui.pages.ranking_weights import WeightsPanel
from selection_desk.ui.widgets.readable_tabs import ReadableTabBar


def _section(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("sectionTitle")
    return title


class RankingDetails(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rankingDetails")
        self.setTabBar(ReadableTabBar())  # five tabs beside the table, none behind an arrow
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setAccessibleName(_("Explanation of the score"))
        self.explanation.setOpenLinks(False)
        # The text wraps to the panel's width; a horizontal scrollbar (seen in French) hides the
        # last line and invites scrolling sideways through prose.
        self.explanation.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.explanation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.explanation.setPlaceholderText(_("Select a dossier to see how its score is made."))
        self.distribution_chart = ScoreDistributionChart()
        self.profile_chart = CriterionProfileChart()
        self.calibration = CalibrationPanel()
        self.weights = WeightsPanel()
        self.robustness = RobustnessPanel()
        self.addTab(self.explanation, _("E&xplanation"))
        self.addTab(self._build_charts(), _("Ch&arts"))
        self.addTab(self.calibration, _("&Jurors"))
        self.addTab(self.weights, _("&What-if weights"))
        self.addTab(self.robustness, _("Ro&bustness"))

    def _build_charts(self) -> QScrollArea:
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(8, 8, 8, 8)
        charts_layout.addWidget(_section(_("Scores and the cut-off")))
        charts_layout.addWidget(self.distribution_chart, 1)
        charts_layout.addWidget(_section(_("The selected dossier against the others")))
        charts_layout.addWidget(self.profile_chart, 1)
        charts_scroll = QScrollArea()
        charts_scroll.setAccessibleName(_("Charts"))
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        charts_scroll.setWidget(charts)
        charts_scroll.viewport().setAutoFillBackground(False)
        charts.setAutoFillBackground(False)
        return charts_scroll

    def show_explanation(self, html: str) -> None:
        """Replace the explanation, keeping where the reader had scrolled to."""
        scroll = self.explanation.verticalScrollBar().value()
        self.explanation.setHtml(html)
        self.explanation.verticalScrollBar().setValue(scroll)

    def clear_charts(self) -> None:
        self.distribution_chart.set_data(None)
        self.profile_chart.set_rows([])

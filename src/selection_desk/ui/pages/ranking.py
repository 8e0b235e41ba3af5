"""The Ranking page: the committee's decision aid (design §8, issue 3).

A sortable table of the ranking by the chosen method (rank, score, points, spread, stability, flags,
the cut-off at ``places``), and beside it the selected dossier's explanation, charts, the jurors'
calibration and what-if weights.

Nothing grows with the data on the UI thread: the page loads the campaign's
:class:`~selection_desk.aggregation.RankingInput` once in the task runner (from its own read-only
connection) and every recomputation — another method, other weights, the bootstrap behind
``p_top``, the sensitivity, an explanation — runs there too, from memory, one at a time per kind,
the newest request replacing any waiting one.  What-if weights are never saved by moving a slider:
"Apply these weights" asks, then saves them in one audited transaction.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from selection_desk.aggregation import DossierExplanation, Ranking, RankingInput
from selection_desk.domain import Campaign, Method
from selection_desk.formats.tab_separated import tab_separated
from selection_desk.i18n import _, format_number
from selection_desk.labels import label
from selection_desk.progress import Progress
from selection_desk.services.weights import apply_weights
from selection_desk.ui import messages
from selection_desk.ui.charts import (
    Cohort,
    CriterionProfileChart,
    ScoreDistributionChart,
    distribution_data,
    profile_rows,
)
from selection_desk.ui.models.ranking_model import (
    REF_ROLE,
    RankingFilter,
    RankingModel,
    RankingTable,
    StabilityState,
)
from selection_desk.ui.pages import ranking_work as work
from selection_desk.ui.pages.ranking_explanation import explanation_html
from selection_desk.ui.pages.ranking_jurors import CalibrationPanel
from selection_desk.ui.pages.ranking_weights import WeightsPanel
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import TaskRunner

ACTOR = "secretary"
DEBOUNCE_MS = 150
"""Slider moves closer together than this are ranked once."""


class LatestOnly:
    """Runs one task at a time through the runner; a newer request replaces a waiting one, and a
    result that a newer request made stale is dropped."""

    def __init__(self) -> None:
        self._serial = 0
        self._running = False
        self._pending: tuple[int, TaskRunner, Any, Any, Any] | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def submit(
        self,
        runner: TaskRunner,
        job: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._serial += 1
        request = (self._serial, runner, job, on_success, on_error)
        if self._running:
            self._pending = request
        else:
            self._start(request)

    def forget(self) -> None:
        """Drop whatever is waiting or running (its result will be ignored)."""
        self._serial += 1
        self._pending = None

    def _start(self, request: tuple[int, TaskRunner, Any, Any, Any]) -> None:
        serial, runner, job, on_success, on_error = request
        self._running = True
        runner.run(
            job,
            lambda result: self._finished(serial, on_success, result),
            lambda error: self._finished(serial, on_error, error),
            on_cancel=lambda: self._finished(serial, None, None),
        )

    def _finished(self, serial: int, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._running = False
        pending, self._pending = self._pending, None
        if callback is not None and serial == self._serial:
            callback(value)
        if pending is not None and pending[0] == self._serial:
            self._start(pending)


class RankingPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.ranking_input: RankingInput | None = None
        self.baseline: Ranking | None = None
        """The campaign's method with the saved weights."""
        self.juror_names: dict[str, str] = {}
        self.view: work.View | None = None
        """What the table shows."""
        self._explanation: DossierExplanation | None = None
        self._cohort: Cohort | None = None
        self._selected_ref: str | None = None
        self._stale = False
        self._sensitivity_view: work.View | None = None
        self._channels = {
            name: LatestOnly() for name in ("rank", "stability", "sensitivity", "explain")
        }
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)
        self._build()

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 8)
        layout.setSpacing(6)
        top = QHBoxLayout()
        self.title = QLabel(_("Ranking"))
        self.title.setObjectName("pageTitle")
        top.addWidget(self.title)
        top.addSpacing(16)
        method_label = QLabel(_("&Method:"))
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodSelector")
        self.method_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        method_label.setBuddy(self.method_combo)
        self.method_combo.currentIndexChanged.connect(self._method_chosen)
        top.addWidget(method_label)
        top.addWidget(self.method_combo)
        top.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setObjectName("rankingFilter")
        self.filter.setPlaceholderText(_("Find a dossier (Ctrl+F)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(230)
        self.filter.setMaximumWidth(280)
        self.filter.textChanged.connect(self._filter_changed)
        top.addWidget(self.filter)
        layout.addLayout(top)

        self.settings_label = QLabel()
        self.settings_label.setObjectName("rankingSettings")
        self.settings_label.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.settings_label)
        layout.addWidget(self.summary)

        self.banner = QFrame()
        self.banner.setObjectName("whatIfBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet(
            "QFrame#whatIfBanner { background: palette(alternate-base);"
            " border: 1px solid palette(highlight); border-radius: 4px; }"
        )
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 4, 6, 4)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.apply_button = QPushButton(_("&Apply these weights…"))
        self.apply_button.setObjectName("applyWeights")
        self.apply_button.clicked.connect(self.apply_what_if)
        self.reset_button = QPushButton(_("&Reset"))
        self.reset_button.setObjectName("resetWeights")
        self.reset_button.setToolTip(_("Back to the saved weights"))
        self.reset_button.clicked.connect(self.reset_what_if)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.apply_button)
        banner_layout.addWidget(self.reset_button)
        self.banner.hide()
        layout.addWidget(self.banner)

        self.model = RankingModel(self)
        self.proxy = RankingFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = RankingTable(self.model)
        self.table.setObjectName("rankingTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self._size_columns()
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("rankingDetails")
        self.explanation = QTextBrowser()
        self.explanation.setObjectName("explanation")
        self.explanation.setOpenLinks(False)
        # The text wraps to the panel's width; a horizontal scrollbar (seen in French) hides the
        # last line and invites scrolling sideways through prose.
        self.explanation.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        self.explanation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.explanation.setPlaceholderText(_("Select a dossier to see how its score is made."))
        self.distribution_chart = ScoreDistributionChart()
        self.profile_chart = CriterionProfileChart()
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(8, 8, 8, 8)
        charts_layout.addWidget(_section(_("Scores and the cut-off")))
        charts_layout.addWidget(self.distribution_chart, 1)
        charts_layout.addWidget(_section(_("The selected dossier against the others")))
        charts_layout.addWidget(self.profile_chart, 1)
        charts_scroll = QScrollArea()
        charts_scroll.setWidgetResizable(True)
        charts_scroll.setFrameShape(QFrame.Shape.NoFrame)
        charts_scroll.setWidget(charts)
        charts_scroll.viewport().setAutoFillBackground(False)
        charts.setAutoFillBackground(False)
        self.calibration = CalibrationPanel()
        self.weights = WeightsPanel()
        self.weights.edited.connect(self._weights_edited)
        self.weights.sensitivity_requested.connect(self._request_sensitivity)
        self.tabs.addTab(self.explanation, _("E&xplanation"))
        self.tabs.addTab(charts_scroll, _("Ch&arts"))
        self.tabs.addTab(self.calibration, _("&Jurors"))
        self.tabs.addTab(self.weights, _("&What-if weights"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 440])
        layout.addWidget(self.splitter, 1)

        status = QHBoxLayout()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(90)
        self.busy.setMaximumHeight(12)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setObjectName("hint")
        status.addWidget(self.busy)
        status.addWidget(self.status, 1)
        layout.addLayout(status)

        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._find)
        self.addAction(find)
        copy = QAction(self.table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.table.addAction(copy)
        self._set_enabled(False)
        self.summary.setText(_("No ranking yet."))

    def _find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        samples = {
            "rank": "000 =",
            "ref": "N26-000",
            "name": "Start-up au nom",
            "score": "100.00",
            "points": "000.00",
            "jurors": "00",
            "spread": "00.0",
            "stability": "100 % · 00–00",
            "change": "▲ 00",
            "notes": _("high spread") + " · …",
        }
        for column, name in enumerate(RankingModel.COLUMNS):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                metrics.horizontalAdvance(title) + 18,
                metrics.horizontalAdvance(samples.get(name, "")) + 14,
            )
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The name takes the room left (names were cut off while space was free); the other
        # columns keep their widths, so the what-if Change column does not push Flags out of view.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(
            RankingModel.COLUMNS.index("name"), QHeaderView.ResizeMode.Stretch
        )
        header.setMinimumSectionSize(metrics.horizontalAdvance("000") + 12)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.method_combo, self.filter, self.tabs):
            widget.setEnabled(enabled)

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.data_changed.disconnect(self._data_changed)
        self.session = session
        for channel in self._channels.values():
            channel.forget()
        self._debounce.stop()
        self.ranking_input = None
        self.baseline = None
        self.view = None
        self._explanation = None
        self._cohort = None
        self._selected_ref = None
        self._sensitivity_view = None
        self.filter.clear()
        self.explanation.clear()
        self.calibration.clear()
        self.banner.hide()
        self._busy(None)
        if session is None:
            self._stale = False
            self.model.set_ranking(None)
            self.weights.set_criteria([], {})
            self.distribution_chart.set_data(None)
            self.profile_chart.set_rows([])
            self.settings_label.clear()
            self.summary.setText(_("No ranking yet."))
            self._set_enabled(False)
            return
        session.data_changed.connect(self._data_changed)
        self._fill_methods(session.data.campaign)
        self.settings_label.setText(self._settings_text(session.data.campaign))
        self.weights.set_criteria(session.data.criteria, {})
        self._show_ranking(session.ranking, None, StabilityState.PENDING)
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _data_changed(self) -> None:
        """The file changed (a score, a decision, new weights): load it again when shown."""
        if self.session is None:
            return
        campaign = self.session.data.campaign
        self.settings_label.setText(self._settings_text(campaign))
        self._fill_methods(campaign, keep=self.method())
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        session = self.session
        self._stale = False
        if session is None or not session.data.criteria:
            self._set_enabled(False)
            return
        path = session.path
        self._busy(_("Reading the scores…"))
        self._channels["rank"].submit(
            session.runner, lambda progress: work.load(path, progress), self._loaded, self._failed
        )

    def _loaded(self, loaded: work.Loaded) -> None:
        self.ranking_input = loaded.ranking_input
        self.baseline = loaded.baseline
        self.juror_names = dict(loaded.juror_names)
        criteria = loaded.ranking_input.criteria
        saved = {criterion.code: criterion.weight for criterion in criteria}
        if saved != self.weights.saved_weights():
            same_codes = set(saved) == set(self.weights.saved_weights())
            keep = self.weights.weights() if self.weights.is_what_if and same_codes else {}
            self.weights.set_criteria(criteria, keep)
        self._set_enabled(True)
        self.recompute()

    def _failed(self, error: BaseException) -> None:
        self._busy(None)
        messages.show_error(self, _("Ranking"), error)

    # -- what the table shows ---------------------------------------------------------------

    def method(self) -> Method:
        value = self.method_combo.currentData()
        if value:
            return Method(value)
        if self.session is not None:
            return self.session.data.campaign.method
        return Method.MEAN

    def set_method(self, method: Method) -> None:
        self.method_combo.setCurrentIndex(self.method_combo.findData(method.value))

    def current_view(self) -> work.View:
        return work.View.of(self.method(), self.weights.weights())

    def _campaign_view(self) -> work.View | None:
        if self.session is None:
            return None
        return work.View.of(self.session.data.campaign.method, self.weights.saved_weights())

    def _fill_methods(self, campaign: Campaign, keep: Method | None = None) -> None:
        self.method_combo.blockSignals(True)
        try:
            self.method_combo.clear()
            for method in Method:
                text = label(method)
                if method is campaign.method:
                    text = _("{method} (the campaign's method)").format(method=text)
                self.method_combo.addItem(text, method.value)
            self.set_method(keep or campaign.method)
        finally:
            self.method_combo.blockSignals(False)

    def _method_chosen(self, _index: int) -> None:
        method = self.method()
        dossiers = len(self.ranking_input.dossiers) if self.ranking_input is not None else 0
        if method is Method.SCHULZE and dossiers > work.SCHULZE_CONFIRM_LIMIT:
            answer = QMessageBox.question(
                self,
                _("Schulze method"),
                _(
                    "The Schulze method compares every pair of dossiers: with {count} dossiers "
                    "it takes minutes (in the background). Rank by the Schulze method?"
                ).format(count=format_number(dossiers, 0)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                previous = self.view.method if self.view else Method.MEAN
                self.method_combo.blockSignals(True)
                self.set_method(previous)
                self.method_combo.blockSignals(False)
                return
        self.recompute()

    def _weights_edited(self) -> None:
        self._update_banner()
        self._debounce.start()

    def recompute(self) -> None:
        """Rank again for the current method and weights (in the runner)."""
        self._debounce.stop()
        if self.session is None or self.ranking_input is None:
            return
        ranking_input, view = self.ranking_input, self.current_view()
        if view.method is Method.SCHULZE:
            self._busy(_("Ranking by the Schulze method…"))
        else:
            self._busy(_("Ranking…"))
        self._channels["rank"].submit(
            self.session.runner,
            lambda progress: work.rank(ranking_input, view, progress),
            self._ranked,
            self._failed,
        )

    def _ranked(self, ranked: work.Ranked) -> None:
        if ranked.view != self.current_view():
            return  # the user moved on; the newer request is on its way
        self.view = ranked.view
        affordable = work.stability_affordable(ranked.view.method, len(ranked.ranking.entries))
        baseline = None if ranked.view == self._campaign_view() else self.baseline
        self._cohort = ranked.cohort
        self._show_ranking(
            ranked.ranking,
            baseline,
            StabilityState.PENDING if affordable else StabilityState.NOT_RUN,
        )
        self.calibration.set_calibration(ranked.calibration, self.juror_names)
        self._busy(None)
        self._request_stability(affordable)
        self._sensitivity_view = None
        quick = work.sensitivity_is_quick(ranked.view.method, len(ranked.ranking.entries))
        self.weights.offer_sensitivity(not quick)
        if quick:
            self._request_sensitivity()
        else:
            self.weights.set_sensitivity(None, "")

    def _show_ranking(self, ranking: Ranking | None, baseline: Ranking | None, state: str) -> None:
        selected = self._selected_ref
        self.model.set_ranking(ranking, baseline=baseline, stability=state)
        self.table.setColumnHidden(RankingModel.COLUMNS.index("change"), not self.model.compared)
        self._update_summary(ranking)
        self._update_banner()
        if ranking is None:
            self.distribution_chart.set_data(None)
            self.profile_chart.set_rows([])
            return
        if selected is None and ranking.entries:
            selected = ranking.entries[0].ref
        if not self._select(selected):
            self._update_charts()
            self._request_explanation()

    def _select(self, ref: str | None) -> bool:
        """Make ``ref`` the current row; True when that updated the charts and explanation."""
        row = None if ref is None else self.model.row_of(ref)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self._selected_ref = None  # so that the current-row handler refreshes the details
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        if self._selected_ref is None:  # the row was already current: nothing was refreshed
            self._selected_ref = ref
            return False
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ref = current.data(REF_ROLE) if current.isValid() else None
        if ref is None or ref == self._selected_ref:
            return
        self._selected_ref = ref
        self._update_charts()
        self._request_explanation()

    # -- stability, sensitivity, explanation -------------------------------------------------

    def _request_stability(self, affordable: bool) -> None:
        if self.session is None or self.ranking_input is None or self.view is None:
            return
        if not affordable:
            self._channels["stability"].forget()
            self.status.setText(
                _(
                    "P(top) and rank ranges are not computed for the Schulze method on more "
                    "than {count} dossiers."
                ).format(count=work.SCHULZE_BOOTSTRAP_LIMIT)
            )
            return
        ranking_input, view = self.ranking_input, self.view
        self._busy(
            _("Computing the stability ({count} resamples of the jury)…").format(
                count=format_number(work.BOOTSTRAP_RESAMPLES, 0)
            )
        )
        self._channels["stability"].submit(
            self.session.runner,
            lambda progress: work.stabilise(ranking_input, view, progress),
            self._stabilised,
            self._failed,
        )

    def _stabilised(self, stable: work.Stable) -> None:
        if stable.view != self.view or stable.ranking is None:
            return
        self._busy(None)
        if self.model.set_stability(stable.ranking):
            self._update_summary(stable.ranking)
            self._show_explanation()

    def _request_sensitivity(self) -> None:
        if self.session is None or self.ranking_input is None or self.view is None:
            return
        ranking_input, view = self.ranking_input, self.view
        self.weights.set_sensitivity(None, _("Checking how sensitive the selection is…"))
        self._channels["sensitivity"].submit(
            self.session.runner,
            lambda progress: work.sensitivity(ranking_input, view, progress),
            self._sensitive,
            self._failed,
        )

    def _sensitive(self, sensitive: work.Sensitive) -> None:
        if sensitive.view != self.view:
            return
        self._sensitivity_view = sensitive.view
        self.weights.offer_sensitivity(False)
        self.weights.set_sensitivity(
            sensitive.sensitivity,
            _("Beside each weight: the smallest change (within ±50 %) that alters the selection."),
        )

    def _request_explanation(self) -> None:
        ref = self._selected_ref
        if self.session is None or self.ranking_input is None or self.view is None or ref is None:
            return
        ranking_input, view = self.ranking_input, self.view
        self._channels["explain"].submit(
            self.session.runner,
            lambda progress: work.explanation(ranking_input, view, ref, progress),
            self._explained,
            self._failed,
        )

    def _explained(self, result: tuple[work.View, DossierExplanation]) -> None:
        view, explanation = result
        if view != self.view or explanation.ref != self._selected_ref:
            return
        self._explanation = explanation
        self._show_explanation()

    def _show_explanation(self) -> None:
        explanation, ranking = self._explanation, self.model.ranking
        if explanation is None or ranking is None or self.ranking_input is None:
            return
        try:
            entry = ranking.entry(explanation.ref)
        except KeyError:
            return
        scroll = self.explanation.verticalScrollBar().value()
        self.explanation.setHtml(
            explanation_html(
                replace(explanation, entry=entry),
                criteria=self.ranking_input.criteria,
                juror_names=self.juror_names,
                count=len(ranking.entries),
                places=ranking.places,
                confidence_weighted=ranking.confidence_weighted,
            )
        )
        self.explanation.verticalScrollBar().setValue(scroll)

    # -- texts, charts ----------------------------------------------------------------------

    def _settings_text(self, campaign: Campaign) -> str:
        decimals = (
            _("criterion averages not rounded")
            if campaign.criterion_decimals is None
            else _("criterion averages rounded to {count} decimal(s)").format(
                count=campaign.criterion_decimals
            )
        )
        ties = (
            _("ties broken by {criterion}").format(criterion=campaign.tie_break)
            if campaign.tie_break
            else _("ties share a rank")
        )
        parts = [
            _("Campaign: {method}").format(method=label(campaign.method)),
            _("{places} places").format(places=campaign.places),
            decimals,
            ties,
            _("spread threshold {threshold}").format(
                threshold=format_number(campaign.spread_threshold, None)
            ),
        ]
        if campaign.confidence_weighting:
            parts.append(_("reviews weighted by confidence"))
        return " · ".join(parts)

    def _update_summary(self, ranking: Ranking | None) -> None:
        if ranking is None:
            self.summary.setText(_("No ranking yet."))
            return
        ranked = sum(1 for entry in ranking.entries if entry.jurors)
        eliminated = sum(1 for entry in ranking.entries if entry.eliminated)
        parts = [
            _("{count} dossiers ranked").format(count=ranked),
            _("{count} within the places").format(count=len(ranking.selected)),
        ]
        if eliminated:
            parts.append(_("{count} eliminated").format(count=eliminated))
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

    def _update_banner(self) -> None:
        if self.session is None:
            self.banner.hide()
            return
        what_if = self.weights.is_what_if
        other_method = self.method() is not self.session.data.campaign.method
        if not (what_if or other_method):
            self.banner.hide()
            return
        parts = []
        if what_if:
            parts.append(_("What-if weights: not saved."))
        if other_method:
            parts.append(
                _("Method shown: {method}. The campaign's method: {campaign}.").format(
                    method=label(self.method()), campaign=label(self.session.data.campaign.method)
                )
            )
        ranking = self.model.ranking
        if ranking is not None and self.baseline is not None and self.view == self.current_view():
            entering, leaving = _selection_changes(ranking, self.baseline)
            if entering or leaving:
                parts.append(
                    _("Selection: {entering} in, {leaving} out.").format(
                        entering=_short_list(entering), leaving=_short_list(leaving)
                    )
                )
            else:
                parts.append(_("The selection does not change."))
        self.banner_text.setText(" ".join(parts))
        self.apply_button.setVisible(what_if)
        self.reset_button.setVisible(what_if)
        self.banner.show()

    def _update_charts(self) -> None:
        ranking = self.model.ranking
        if ranking is None:
            return
        self.distribution_chart.set_data(distribution_data(ranking, self._selected_ref))
        if self.ranking_input is None or self._selected_ref is None:
            self.profile_chart.set_rows([])
            return
        criteria = self.ranking_input.criteria
        if self._cohort is None or self._cohort.codes != tuple(c.code for c in criteria):
            self._cohort = Cohort.of(ranking, criteria)
        try:
            rows = profile_rows(ranking, criteria, self._selected_ref, self._cohort)
        except KeyError:
            rows = ()
        entry_name = next(
            (entry.name for entry in ranking.entries if entry.ref == self._selected_ref), ""
        )
        self.profile_chart.set_rows(
            rows, _("{name}: mean per criterion").format(name=entry_name) if rows else ""
        )

    def _busy(self, text: str | None) -> None:
        running = any(channel.busy for channel in self._channels.values())
        if text is not None:
            self.status.setText(text)
            self.busy.show()
        elif not running:
            self.status.setText("")
            self.busy.hide()

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        if self._selected_ref is not None:
            self._select(self._selected_ref)

    def copy_selection(self) -> None:
        """The selected rows as tab-separated text, with the headers (for a mail, a sheet): an
        applicant's name never becomes a formula in the sheet it is pasted in."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            return
        columns = range(self.proxy.columnCount())
        header = [str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
        cells = [[str(self.proxy.index(r, c).data() or "") for c in columns] for r in rows]
        QGuiApplication.clipboard().setText(tab_separated([header, *cells]))

    # -- applying what-if weights -----------------------------------------------------------

    def reset_what_if(self) -> None:
        self.weights.reset()

    def apply_what_if(self) -> None:
        session = self.session
        if session is None or not self.weights.is_what_if:
            return
        if session.busy:
            QMessageBox.information(
                self,
                _("Apply these weights"),
                _("Another task is writing to the campaign; try again when it is done."),
            )
            return
        weights = self.weights.weights()
        saved = self.weights.saved_weights()
        criteria = {c.code: c.label for c in session.data.criteria}
        changes = "\n".join(
            _("{criterion}: {before} → {after}").format(
                criterion=criteria.get(code, code),
                before=format_number(saved[code], None),
                after=format_number(weight, None),
            )
            for code, weight in weights.items()
            if abs(weight - saved[code]) > 1e-9
        )
        question = _(
            "Save these weights as the campaign's criterion weights?\n\n{changes}\n\n"
            "The ranking, the minutes and the reports will use them; the change is recorded "
            "in the audit log."
        ).format(changes=changes)
        answer = QMessageBox.question(self, _("Apply these weights"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            change = apply_weights(session.store, weights, actor=ACTOR)
        except Exception as error:  # shown to the user; nothing was written
            messages.show_error(self, _("Apply these weights"), error)
            return
        session.changed()
        if change.written:
            self.status.setText(_("The new weights are saved."))


def _section(text: str) -> QLabel:
    title = QLabel(text)
    title.setObjectName("sectionTitle")
    return title


def _short_list(refs: list[str], shown: int = 4) -> str:
    """``D1, D2`` or, for long lists, ``D1, D2, D3, D4 … (+20)``."""
    if not refs:
        return "—"
    if len(refs) <= shown + 1:
        return ", ".join(refs)
    return f"{', '.join(refs[:shown])} … (+{len(refs) - shown})"


def _selection_changes(ranking: Ranking, baseline: Ranking) -> tuple[list[str], list[str]]:
    now = [entry.ref for entry in ranking.entries if entry.above_cutoff]
    before = [entry.ref for entry in baseline.entries if entry.above_cutoff]
    now_set, before_set = set(now), set(before)
    return [r for r in now if r not in before_set], [r for r in before if r not in now_set]

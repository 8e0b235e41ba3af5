"""The Ranking page: the committee's decision aid (design §8, issue 3).

A sortable table of the ranking by the chosen method (rank, score, points, spread, stability, flags,
the cut-off at ``places``), and beside it the selected dossier's explanation, charts, the jurors'
calibration and what-if weights.

Nothing grows with the data on the UI thread: the page starts from the campaign's
:class:`~selection_desk.aggregation.RankingInput` that the session's ranking was computed from (read
once, in the task runner) and every recomputation — another method, other weights, the bootstrap
behind ``p_top``, the sensitivity, an explanation — runs there too, from memory, one at a time per
kind, the newest request replacing any waiting one; the sensitivity waits for the bootstrap (side
by side, the two made the peak memory of opening 5,000 dossiers).  What-if weights are never saved
by moving a slider: "Apply these weights" asks, then saves them in one audited transaction.

The page composes widgets built and tested alone (:mod:`.ranking_controls`, :mod:`.ranking_banner`,
:mod:`.ranking_table`, :mod:`.ranking_details`) and owns the background work that fills them.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Method
from selection_desk.i18n import _, format_number
from selection_desk.ui import messages
from selection_desk.ui.charts import Cohort, distribution_data, profile_rows
from selection_desk.ui.models.ranking_model import RankingFilter, RankingModel, StabilityState
from selection_desk.ui.pages import ranking_work as work
from selection_desk.ui.pages.ranking_banner import WhatIfBanner, differs, selection_changes
from selection_desk.ui.pages.ranking_controls import RankingControls
from selection_desk.ui.pages.ranking_details import RankingDetails
from selection_desk.ui.pages.ranking_explanation import explanation_html
from selection_desk.ui.pages.ranking_final import FinalRankingBanner
from selection_desk.ui.pages.ranking_table import RankingTableView
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import LatestOnly
from selection_desk.ui.widgets.empty_state import EmptyState, step_before_ranking

if TYPE_CHECKING:
    from selection_desk.aggregation import DossierExplanation, Ranking, RankingInput

ACTOR = "secretary"
DEBOUNCE_MS = 150
"""Slider moves closer together than this are ranked once."""


class RankingPage(QWidget):
    next_step_requested = Signal(str, str)
    """Nothing to rank yet: the user asked to go to the page (and Campaign tab) that comes next."""

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
        self._sensitivity_after_stability = False
        """The latest ranking's sensitivity is to run once its bootstrap is done."""
        self._scores_awaited = False
        """A details tab was asked for before any score (see :meth:`show_details_tab`)."""
        self._channels = {
            name: LatestOnly()
            for name in ("rank", "stability", "robustness", "sensitivity", "explain")
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
        self.controls = RankingControls()
        self.controls.method_combo.currentIndexChanged.connect(self._method_chosen)
        self.controls.filter.textChanged.connect(self._filter_changed)
        layout.addWidget(self.controls)
        self.whatif_banner = WhatIfBanner()
        self.whatif_banner.apply_button.clicked.connect(self.apply_what_if)
        self.whatif_banner.reset_button.clicked.connect(self.reset_what_if)
        layout.addWidget(self.whatif_banner)
        self.final_banner = FinalRankingBanner()
        layout.addWidget(self.final_banner)

        self.model = RankingModel(self)
        self.proxy = RankingFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = RankingTableView(self.model, self.proxy)
        self.table.set_row_height(self.fontMetrics().height() + 8)
        self.table.current_ref_changed.connect(self._current_changed)
        self.details = RankingDetails()
        self.details.weights.edited.connect(self._weights_edited)
        self.details.weights.sensitivity_requested.connect(self._request_sensitivity)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([700, 440])
        layout.addWidget(self.splitter, 1)
        self.empty_state = EmptyState()
        self.empty_state.next_step_requested.connect(self.next_step_requested)
        self.empty_state.hide()
        layout.addWidget(self.empty_state, 1)
        layout.addLayout(self._build_status())

        find = QAction(self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._find)
        self.addAction(find)
        self._expose_parts()
        self._set_enabled(False)

    def _find(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def _build_status(self) -> QHBoxLayout:
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
        return status

    def _expose_parts(self) -> None:
        """The parts that tests, screenshots and measurements drive, under the page's names."""
        controls, banner, details = self.controls, self.whatif_banner, self.details
        self.title, self.method_combo, self.filter = (
            controls.title,
            controls.method_combo,
            controls.filter,
        )
        self.settings_label, self.summary = controls.settings_label, controls.summary
        self.banner, self.banner_text = banner, banner.banner_text
        self.apply_button, self.reset_button = banner.apply_button, banner.reset_button
        self.tabs, self.explanation = details, details.explanation
        self.distribution_chart, self.profile_chart = (
            details.distribution_chart,
            details.profile_chart,
        )
        self.calibration, self.weights = details.calibration, details.weights
        self.robustness = details.robustness

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.method_combo, self.filter, self.tabs):
            widget.setEnabled(enabled)

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.data_changed.disconnect(self._data_changed)
            with contextlib.suppress(RuntimeError, TypeError):
                self.session.ranking_changed.disconnect(self._session_ranked)
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
        self._sensitivity_after_stability = False
        self._scores_awaited = False
        self.filter.clear()
        self.explanation.clear()
        self.calibration.clear()
        self.robustness.clear()
        self.banner.hide()
        self._busy(None)
        if session is None:
            self.final_banner.show_for(None)
            self._stale = False
            self.model.set_ranking(None)
            self.weights.set_criteria([], {})
            self.details.clear_charts()
            self.controls.show_campaign(None)
            self.controls.show_summary(None)
            self._set_enabled(False)
            self._show_empty_state(None)
            return
        session.data_changed.connect(self._data_changed)
        session.ranking_changed.connect(self._session_ranked)
        self.final_banner.show_for(session.store)
        self.controls.fill_methods(session.data.campaign.method)
        self.controls.show_campaign(session.data.campaign)
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
        """Scores, weights or other rules changed: the campaign's settings are shown at once, the
        ranking follows with the session's (a decision, a kit or an attachment changes nothing the
        page shows)."""
        if self.session is None or not self.session.changes.affects_ranking:
            return
        self.final_banner.show_for(self.session.store)
        campaign = self.session.data.campaign
        self.controls.show_campaign(campaign)
        self.controls.fill_methods(campaign.method, keep=self.method())

    def _session_ranked(self) -> None:
        """The session ranked the campaign again (after a change, or scores typed elsewhere):
        start again from its input when shown."""
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Start from the session's ranking and the input it was computed from (the scores read
        once, in the session's worker: this page used to read them a second time, at the same
        moment, for the same ranking); until the session's first ranking lands, say so."""
        session = self.session
        self._stale = False
        if session is None or not session.data.criteria:
            self._set_enabled(False)
            return
        ranked = session.ranked
        if ranked is None or session.ranking_pending:
            self._busy(_("Reading the scores…"))
            self._stale = True  # _session_ranked reloads
            return
        self._channels["rank"].forget()
        if ranked.ranking_input is None or ranked.ranking is None:
            # No ranking for now (a round with nobody in it yet, settings half typed): said in
            # the status line, not in a box that would stop the secretary at every change.
            self._busy(None)
            self._set_enabled(False)
            self.status.setText("" if ranked.error is None else messages.error_text(ranked.error))
            return
        names = {juror.code: juror.name for juror in session.data.jurors}
        self._loaded(work.Loaded(ranked.ranking_input, names, ranked.ranking))

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
        chosen = self.controls.chosen_method()
        if chosen is not None:
            return chosen
        if self.session is not None:
            return self.session.data.campaign.method
        return Method.MEAN

    def set_method(self, method: Method) -> None:
        self.controls.set_method(method)

    def current_view(self) -> work.View:
        return work.View.of(self.method(), self.weights.weights())

    def _campaign_view(self) -> work.View | None:
        if self.session is None:
            return None
        return work.View.of(self.session.data.campaign.method, self.weights.saved_weights())

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
                self.controls.set_method_quietly(self.view.method if self.view else Method.MEAN)
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
        baseline = self.baseline  # the session's ranking: its method, the saved weights
        saved = baseline is not None and view.method is baseline.method
        known = baseline if saved and view.weight_map == self.weights.saved_weights() else None
        if view.method is Method.SCHULZE:
            self._busy(_("Ranking by the Schulze method…"))
        else:
            self._busy(_("Ranking…"))
        self._channels["rank"].submit(
            self.session.runner,
            lambda progress: work.rank(ranking_input, view, progress, known),
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
        self._sensitivity_view = None
        quick = work.sensitivity_is_quick(ranked.view.method, len(ranked.ranking.entries))
        self.weights.offer_sensitivity(not quick)
        if quick:
            self._show_sensitivity_pending()
        else:
            self.weights.set_sensitivity(None, "")
        # The sensitivity follows the bootstrap rather than running beside it: both hold
        # resampled copies of the scores, and together they made the peak memory of opening L.
        self._sensitivity_after_stability = quick
        self._request_stability(affordable)
        self._request_robustness(ranked.ranking)

    def _show_ranking(self, ranking: Ranking | None, baseline: Ranking | None, state: str) -> None:
        selected = self._selected_ref
        self.model.set_ranking(ranking, baseline=baseline, stability=state)
        self.table.show_change_column(self.model.compared)
        self.controls.show_summary(ranking)
        self._update_banner()
        self._show_empty_state(ranking)
        if ranking is None:
            self.details.clear_charts()
            return
        if selected not in {entry.ref for entry in ranking.entries}:
            # None yet, or not in this ranking (another round's roster): the first, if any.
            self._selected_ref = None
            selected = ranking.entries[0].ref if ranking.entries else None
        if not self._select(selected):
            self._update_charts()
            self._request_explanation()

    def _show_empty_state(self, ranking: Ranking | None) -> None:
        """Before anything can be ranked, what the campaign lacks and the button to it (whether
        anyone has scored: read from ``ranking``, the one shown)."""
        step = None if self.session is None else step_before_ranking(self.session.data, ranking)
        if step is not None and step.page == "scoring" and self._scores_awaited:
            step = None  # the tables and the details, to watch the first scores arrive
        self.empty_state.show_in_place_of(self.splitter, step)

    def show_details_tab(self, tab: QWidget) -> None:
        """Show ``tab`` of the details, even before anyone has scored: the Ballots tab while the
        secretary waits for a pitch day's first ballots (the "no scores yet" step would hide it)."""
        self._scores_awaited = True
        self.details.setCurrentWidget(tab)
        self._show_empty_state(self.model.ranking)

    def _select(self, ref: str | None) -> bool:
        """Make ``ref`` the current row; True when that updated the charts and explanation."""
        if ref is None:
            return False
        previous = self._selected_ref
        self._selected_ref = None  # so that the current-row handler refreshes the details
        if not self.table.select_ref(ref):
            self._selected_ref = previous  # not listed: nothing changed
            return False
        if self._selected_ref is None:  # the row was already current: nothing was refreshed
            self._selected_ref = ref
            return False
        return True

    def _current_changed(self, ref: str | None) -> None:
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
            self._sensitivity_next()
            self.robustness.show_zone(None)
            self.status.setText(
                _(
                    "P(top) and rank ranges are not computed for the Schulze method on more "
                    "than {count} dossiers."
                ).format(count=work.SCHULZE_BOOTSTRAP_LIMIT)
            )
            return
        ranking_input, view = self.ranking_input, self.view
        self.robustness.show_zone(None, pending=True)
        self._busy(
            _("Computing the stability ({count} resamples of the jury)…").format(
                count=format_number(ranking_input.settings.stability.resamples, 0)
            )
        )
        self._channels["stability"].submit(
            self.session.runner,
            lambda progress: work.stabilise(ranking_input, view, progress),
            self._stabilised,
            self._failed,
        )

    def _stabilised(self, stable: work.Stable) -> None:
        if stable.view != self.view:
            return
        if stable.ranking is not None:
            self._busy(None)
            self.robustness.show_zone(stable.zone)
            if self.model.set_stability(stable.ranking):
                self.controls.show_summary(stable.ranking)
                self._show_explanation()
        self._sensitivity_next()

    def _sensitivity_next(self) -> None:
        """The sensitivity the latest ranking asked for, once its bootstrap is done (or skipped)."""
        if self._sensitivity_after_stability:
            self._sensitivity_after_stability = False
            self._request_sensitivity()

    def _request_robustness(self, ranking: Ranking) -> None:
        """What every method selects with the shown weights, in the runner (design §12)."""
        if self.session is None or self.ranking_input is None or self.view is None:
            return
        ranking_input, view = self.ranking_input, self.view
        names = {entry.ref: entry.name for entry in ranking.entries}
        self.robustness.show_robustness(None, names)

        def shown(robust: work.Robust) -> None:
            if robust.view == self.view:
                self.robustness.show_robustness(robust.robustness, names)

        self._channels["robustness"].submit(
            self.session.runner,
            lambda progress: work.robustness(ranking_input, view, progress),
            shown,
            self._failed,
        )

    def _request_sensitivity(self) -> None:
        if self.session is None or self.ranking_input is None or self.view is None:
            return
        ranking_input, view = self.ranking_input, self.view
        self._show_sensitivity_pending()
        self._channels["sensitivity"].submit(
            self.session.runner,
            lambda progress: work.sensitivity(ranking_input, view, progress),
            self._sensitive,
            self._failed,
        )

    def _show_sensitivity_pending(self) -> None:
        self.weights.set_sensitivity(None, _("Checking how sensitive the selection is…"))

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
        self.details.show_explanation(
            explanation_html(
                replace(explanation, entry=entry),
                criteria=self.ranking_input.criteria,
                juror_names=self.juror_names,
                count=len(ranking.entries),
                places=ranking.places,
                confidence_weighted=ranking.confidence_weighted,
            )
        )

    # -- texts, charts ----------------------------------------------------------------------

    def _update_banner(self) -> None:
        if self.session is None:
            self.whatif_banner.hide()
            return
        what_if, method = self.weights.is_what_if, self.method()
        campaign_method = self.session.data.campaign.method
        ranking, changes = self.model.ranking, None
        if (
            differs(what_if, method, campaign_method)  # the banner shows: say what it changes
            and ranking is not None
            and self.baseline is not None
            and self.view == self.current_view()
        ):
            changes = selection_changes(ranking, self.baseline)
        self.whatif_banner.show_difference(what_if, method, campaign_method, changes)

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
        self.table.copy_selection()

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
        from selection_desk.services.weights import apply_weights  # not with the first paint

        try:
            change = apply_weights(session.store, weights, actor=ACTOR)
        except Exception as error:  # shown to the user; nothing was written
            messages.show_error(self, _("Apply these weights"), error)
            return
        session.changed(change.op_changes)
        if change.written:
            self.status.setText(_("The new weights are saved."))

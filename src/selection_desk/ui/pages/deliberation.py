"""The Deliberation page: the committee works through the ranking and records its decisions.

Left, the agenda (the ranking, or the dossiers that call for discussion first); right, the dossier
under discussion: its figures and flags, the explanation of its score (per juror, per criterion,
what did not count) and the decision form (outcome, rationale, vote and quorum, who decided).
Projector mode shows the dossier full screen, on a second screen when there is one.

The page composes widgets built and tested alone (:mod:`.deliberation_bar`,
:mod:`.deliberation_agenda`, :mod:`.deliberation_dossier`, :mod:`.deliberation_explanation`,
:mod:`.deliberation_form`, :mod:`.deliberation_attendance`) and owns what ties them to the
campaign: the session, the drafts kept per dossier, the writes and the background work.  That is
one thing, the meeting's controller; it has no widget code left to split off.

The explanation and the stability check (the campaign's bootstrap over jurors, as in the minutes)
are computed in the task runner from a :class:`RankingInput` the worker reads with its own
read-only connection; recording a decision is one quick transaction on the session's store
(services.decisions).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from selection_desk.aggregation import (
    DossierExplanation,
    Ranking,
    RankingInput,
    explain,
)
from selection_desk.aggregation.agenda import (
    AgendaItem,
    build_agenda,
    juror_display_names,
)
from selection_desk.aggregation.robustness import CutoffZone, cutoff_zone
from selection_desk.domain import Outcome, Role
from selection_desk.domain.quorum import Quorum, Votes, compute_quorum
from selection_desk.i18n import _, format_datetime
from selection_desk.labels import label
from selection_desk.progress import Progress
from selection_desk.reports.robustness_text import zone_explanation
from selection_desk.services.decisions import (
    DecisionRecord,
    check_places,
    clear_decision,
    decision_records,
    read_attendance,
    record_attendance,
    record_decision,
)
from selection_desk.services.op_changes import DECISIONS
from selection_desk.services.ranking import stable_ranking
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import dialogs, messages
from selection_desk.ui.models.agenda_model import AgendaModel, outcome_color
from selection_desk.ui.pages.deliberation_agenda import AgendaTable
from selection_desk.ui.pages.deliberation_attendance import AttendanceDialog
from selection_desk.ui.pages.deliberation_bar import (
    MeetingBar,
    MeetingSummary,
    projector_key,
    projector_key_text,
)
from selection_desk.ui.pages.deliberation_dossier import (
    DossierHeader,
    FlagChip,
    dossier_facts,
    dossier_heading,
    flag_chips,
)
from selection_desk.ui.pages.deliberation_draw import DrawDialog
from selection_desk.ui.pages.deliberation_explanation import ExplanationTabs
from selection_desk.ui.pages.deliberation_form import (
    OUTCOME_KEYS,
    DecisionForm,
    Draft,
    quorum_text,
)
from selection_desk.ui.pages.projector import (
    ProjectorContent,
    ProjectorWindow,
    choose_projector_screen,
)
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.widgets.empty_state import EmptyState, step_before_ranking

RankingKey = tuple[object, ...]


def _load_ranking_input(path: Path) -> Callable[[Progress], RankingInput]:
    def work(progress: Progress) -> RankingInput:
        with CampaignStore.open(path, readonly=True) as reader:
            return reader.ranking_input()

    return work


def _stable_with_zone(ranking_input: RankingInput) -> tuple[Ranking, CutoffZone | None]:
    """The campaign's bootstrap and the cut-off zone it implies (in the runner)."""
    ranking = stable_ranking(ranking_input)
    return ranking, cutoff_zone(ranking)


def _ranking_key(ranking: Ranking | None) -> RankingKey:
    """What the explanation and the stability check depend on (not the decisions)."""
    if ranking is None:
        return ()
    return (
        ranking.method,
        ranking.places,
        tuple((e.ref, e.score, e.jurors, e.rank) for e in ranking.entries),
    )


def _local_time(iso: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(iso).astimezone())
    except ValueError:
        return iso


def _status_text(record: DecisionRecord | None, dirty: bool) -> str:
    """The line under the form: what is on file for the dossier, and whether the form differs."""
    if record is None:
        text = _("Not decided yet.")
    else:
        decision = record.decision
        text = _("Recorded: {outcome}, {when}").format(
            outcome=label(decision.outcome), when=_local_time(decision.decided_at)
        )
        if decision.decided_by:
            text = _("Recorded: {outcome}, {when}, by {who}").format(
                outcome=label(decision.outcome),
                when=_local_time(decision.decided_at),
                who=decision.decided_by,
            )
    if dirty:
        # Separated: after a name ("…, by Castagné") the two sentences ran into one.
        text += " · " + _("Changes not recorded yet.")
    return text


class DeliberationPage(QWidget):
    next_step_requested = Signal(str, str)
    """Nothing ranked yet: the user asked to go to the page (and Campaign tab) that comes next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.ranking_input: RankingInput | None = None
        self._input_key: RankingKey = ()
        self._explanations: dict[str, DossierExplanation] = {}
        self._p_top: dict[str, float] = {}
        self._intervals: dict[str, tuple[int, int]] = {}
        self._zone: CutoffZone | None = None
        """The cut-off zone of the latest stability check (design §12)."""
        self._stability_key: RankingKey | None = None
        self._stability_running = False
        self._stability_generation = 0
        self._generation = 0
        self._records: dict[str, DecisionRecord] = {}
        self._drafts: dict[str, Draft] = {}
        self._form_ref: str | None = None
        """The dossier whose decision the form shows (its edits are kept as a draft)."""
        self.current_ref: str | None = None
        self.projector: ProjectorWindow | None = None
        self._build()

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self._build_bar())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.model = AgendaModel(self)
        self.agenda = AgendaTable(self.model)
        self.agenda.current_ref_changed.connect(self._agenda_row_changed)
        splitter.addWidget(self.agenda)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 760])
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self.empty_state = EmptyState()
        self.empty_state.next_step_requested.connect(self.next_step_requested)
        self.empty_state.hide()
        layout.addWidget(self.empty_state, 1)
        self.hint = QLabel(
            _(
                "{outcomes}: outcome · {record}: record · {next} / {previous}: next / previous "
                "dossier · {projector}: projector"
            ).format(
                outcomes="Ctrl+1…4",
                record="Ctrl+Enter",
                next="Ctrl+PgDown",
                previous="Ctrl+PgUp",
                projector=projector_key_text(),
            )
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._build_shortcuts()
        self.set_session(None)

    def _build_bar(self) -> MeetingBar:
        bar = MeetingBar()
        bar.order.currentIndexChanged.connect(lambda _i: self._rebuild_agenda())
        bar.anonymous.toggled.connect(lambda _c: self._show_current())
        bar.stability_button.clicked.connect(self.toggle_stability)
        bar.projector_button.clicked.connect(self.toggle_projector)
        bar.attendance_button.clicked.connect(self.edit_attendance)
        bar.draw_button.clicked.connect(self.open_draw)
        self.bar = bar
        self.title, self.summary = bar.title, bar.summary
        self.order, self.anonymous = bar.order, bar.anonymous
        self.stability_button = bar.stability_button
        self.projector_button = bar.projector_button
        self.attendance_button = bar.attendance_button
        self.draw_button = bar.draw_button
        return bar

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(12, 0, 0, 0)
        self.header = DossierHeader()
        column.addWidget(self.header)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.setChildrenCollapsible(False)
        self.tabs = ExplanationTabs()
        self.form = DecisionForm()
        self.form.edited.connect(self._update_form_state)
        self.form.record_requested.connect(self.record)
        self.form.clear_requested.connect(self.clear)
        # The form in a holder of its own: a closed round disables the holder (the page itself
        # enables the form whenever a dossier is shown).
        self.form_holder = QWidget()
        holder = QVBoxLayout(self.form_holder)
        holder.setContentsMargins(0, 0, 0, 0)
        holder.addWidget(self.form)
        vertical.addWidget(self.tabs)
        vertical.addWidget(self.form_holder)
        vertical.setStretchFactor(0, 1)
        vertical.setStretchFactor(1, 0)
        column.addWidget(vertical, 1)
        self._expose_parts()
        return detail

    def _expose_parts(self) -> None:
        """The parts that tests, screenshots and the projector drive, under the page's names."""
        self.dossier_title = self.header.dossier_title
        self.dossier_facts = self.header.dossier_facts
        self.jurors_table = self.tabs.jurors_table
        self.criteria_table = self.tabs.criteria_table
        self.decision_box = self.form
        self.outcome_buttons = self.form.outcome_buttons
        self.rationale = self.form.rationale
        self.vote_box = self.form.vote_box
        self.vote_spins = self.form.vote_spins
        self.quorum = self.form.quorum
        self.decided_by = self.form.decided_by
        self.record_button = self.form.record_button
        self.clear_button = self.form.clear_button
        self.form_status = self.form.form_status

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def shortcut(
            keys: str | QKeySequence | QKeySequence.StandardKey, slot: Callable[[], object]
        ) -> QShortcut:
            item = QShortcut(QKeySequence(keys), self)
            item.setContext(context)
            item.activated.connect(slot)
            return item

        self.shortcuts = [
            shortcut(key, functools.partial(self.choose_outcome, outcome))
            for outcome, key in OUTCOME_KEYS.items()
        ]
        self.shortcuts += [
            shortcut("Ctrl+Return", self.record),
            shortcut("Ctrl+Enter", self.record),
            shortcut("Ctrl+PgDown", self.next_dossier),
            shortcut("Ctrl+PgUp", self.previous_dossier),
            shortcut(projector_key(), self.toggle_projector),
        ]

    # -- session ----------------------------------------------------------------------------

    def set_session(self, session: CampaignSession | None) -> None:
        if self.session is not None:
            for signal, slot in (
                (self.session.data_changed, self._data_changed),
                (self.session.ranking_changed, self._ranking_changed),
            ):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.session = session
        self._generation += 1
        self.ranking_input = None
        self._input_key = ()
        self._explanations = {}
        self._p_top, self._intervals, self._stability_key = {}, {}, None
        self._stability_running = False
        self._drafts = {}
        self._records = {}
        self._form_ref = None
        self.current_ref = None
        if session is None:
            self.close_projector()
            self.agenda.set_items((), 0)
            self._show_current()
            self._update_summary()
            self._show_empty_state()
            return
        session.data_changed.connect(self._data_changed)
        session.ranking_changed.connect(self._ranking_changed)
        self._fill_decided_by()
        self._read_records()
        self._ranking_changed()

    def _data_changed(self) -> None:
        self._fill_decided_by()
        self._read_records()
        self._rebuild_agenda()
        self._show_empty_state()

    def _ranking_changed(self) -> None:
        ranking = self.session.ranking if self.session else None
        key = _ranking_key(ranking)
        if key != self._input_key:
            self._input_key = key
            self.ranking_input = None
            self._explanations = {}
            if ranking is not None:
                self._load_input()
        self._rebuild_agenda()
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        """Before anything can be ranked, what the campaign lacks and the button to it."""
        session = self.session
        step = None if session is None else step_before_ranking(session.data, session.ranking)
        self.empty_state.show_in_place_of(self.splitter, step)

    def _read_records(self) -> None:
        if self.session is None:
            return
        self._records = {r.decision.dossier: r for r in decision_records(self.session.store)}

    def _fill_decided_by(self) -> None:
        if self.session is None:
            return
        jurors = self.session.data.jurors
        names = [j.name for j in jurors if j.role is Role.PRESIDENT]
        names += [j.name for j in jurors if j.role is not Role.PRESIDENT]
        self.form.set_deciders(names)

    def _default_decider(self) -> str:
        if self.session is None:
            return ""
        presidents = [j.name for j in self.session.data.jurors if j.role is Role.PRESIDENT]
        return presidents[0] if presidents else ""

    # -- background work --------------------------------------------------------------------

    def _load_input(self) -> None:
        assert self.session is not None
        generation = self._generation
        key = self._input_key

        def loaded(ranking_input: RankingInput) -> None:
            if generation == self._generation and key == self._input_key:
                self.ranking_input = ranking_input
                self._request_explanation()

        self.session.runner.run(
            _load_ranking_input(self.session.store.path), loaded, self._background_failed
        )

    def _background_failed(self, error: BaseException) -> None:
        messages.show_error(self, _("Deliberation"), error)

    def _request_explanation(self) -> None:
        ref = self.current_ref
        if (
            self.session is None
            or ref is None
            or self.ranking_input is None
            or ref in self._explanations
        ):
            return
        ranking_input, generation, key = self.ranking_input, self._generation, self._input_key

        def explained(explanation: DossierExplanation) -> None:
            if generation == self._generation and key == self._input_key:
                self._explanations[explanation.ref] = explanation
                if explanation.ref == self.current_ref:
                    self._show_explanation()
                    self._update_projector()

        self.session.runner.run(
            lambda progress: explain(ranking_input, ref), explained, self._background_failed
        )

    def toggle_stability(self) -> None:
        """Run the campaign's bootstrap in the runner; while it runs, the button cancels it (its
        result is then ignored: the bootstrap itself cannot be interrupted)."""
        if self._stability_running:
            self._stability_generation += 1
            self._stability_running = False
            self._update_summary()
            return
        if self.session is None or self.ranking_input is None:
            return
        self._stability_generation += 1
        ranking_input, key = self.ranking_input, self._input_key
        generation, stability_generation = self._generation, self._stability_generation
        self._stability_running = True
        self._update_summary()

        def current() -> bool:
            return (
                generation == self._generation
                and stability_generation == self._stability_generation
                and key == self._input_key
            )

        def checked(result: tuple[Ranking, CutoffZone | None]) -> None:
            if not current():
                return
            ranking, self._zone = result
            self._stability_running = False
            self._stability_key = key
            self._p_top = {e.ref: e.p_top for e in ranking.entries if e.p_top is not None}
            self._intervals = {
                e.ref: e.rank_interval for e in ranking.entries if e.rank_interval is not None
            }
            self._rebuild_agenda()

        def failed(error: BaseException) -> None:
            if not current():
                return
            self._stability_running = False
            self._update_summary()
            self._background_failed(error)

        self.session.runner.run(
            lambda progress: _stable_with_zone(ranking_input),
            checked,
            failed,
        )

    # -- agenda -----------------------------------------------------------------------------

    def _stability(self) -> dict[str, float]:
        return self._p_top if self._stability_key == self._input_key else {}

    def _rebuild_agenda(self) -> None:
        ranking = self.session.ranking if self.session else None
        if ranking is None:
            self.agenda.set_items((), 0)
            self._select(None)
            self._update_summary()
            return
        items = build_agenda(
            ranking,
            (record.decision for record in self._records.values()),
            p_top=self._stability(),
            discussion_first=self.bar.discussion_first(),
        )
        keep = self.current_ref
        zone = self.cutoff_zone
        self.agenda.set_items(items, ranking.places, frozenset(zone.refs if zone else ()))
        if keep is None or self.model.row_of(keep) is None:
            keep = items[0].ref if items else None
        self._select(keep)
        self._update_summary()

    def _select(self, ref: str | None) -> None:
        self._set_current(ref if self.agenda.select_ref(ref) else None)

    def _agenda_row_changed(self, ref: str | None) -> None:
        if ref != self.current_ref:
            self._set_current(ref)

    def _set_current(self, ref: str | None) -> None:
        self.current_ref = ref
        self._show_current()
        self._request_explanation()

    def select_dossier(self, ref: str) -> None:
        self._select(ref)

    def next_dossier(self) -> None:
        self._step(1)

    def previous_dossier(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.current_ref is None:
            return
        target = self.agenda.ref_after(self.current_ref, delta)
        if target is not None:
            self._select(target)

    def current_item(self) -> AgendaItem | None:
        row = None if self.current_ref is None else self.model.row_of(self.current_ref)
        return None if row is None else self.model.item(row)

    # -- showing the dossier ----------------------------------------------------------------

    def juror_names(self) -> dict[str, str]:
        if self.session is None:
            return {}
        return juror_display_names(
            [(j.code, j.name) for j in self.session.data.jurors],
            anonymous=self.anonymous.isChecked(),
        )

    def _show_current(self) -> None:
        self._keep_draft()
        item = self.current_item()
        has_item = item is not None
        self.form.setEnabled(has_item)
        self.tabs.setEnabled(has_item)
        if item is None:
            no_ranking = self.session is not None and self.session.ranking is None
            self.header.show_message(
                _("No ranking yet: the deliberation follows the ranking.") if no_ranking else ""
            )
            self.tabs.show_nothing()
            self._load_form(None)
            self._update_projector()
            return
        ranking = self.session.ranking if self.session else None
        threshold = self.session.data.campaign.spread_threshold if self.session else 0
        self.header.show_dossier(
            dossier_heading(item),
            dossier_facts(item, self._intervals.get(item.ref)),
            flag_chips(item, threshold, ranking.places if ranking else 0)
            + self._zone_chips(item.ref),
        )
        self._show_explanation()
        self._load_form(item)
        self._update_projector()

    @property
    def cutoff_zone(self) -> CutoffZone | None:
        """The cut-off zone of the latest stability check, if it is still current."""
        return self._zone if self._stability_key == self._input_key else None

    def _zone_chips(self, ref: str) -> list[FlagChip]:
        """The chip "indistinguishable at the line" when the latest stability check puts ``ref``
        in the cut-off zone."""
        zone = self.cutoff_zone
        if zone is None or ref not in zone.refs:
            return []
        return [FlagChip(_("indistinguishable at the line"), zone_explanation(zone), True)]

    def _show_explanation(self) -> None:
        item = self.current_item()
        explanation = None if item is None else self._explanations.get(item.ref)
        if explanation is None:
            if item is None:
                self.tabs.show_nothing()
            else:
                self.tabs.show_computing()
            return
        criteria = self.session.data.criteria if self.session else ()
        self.tabs.show_explanation(explanation, self.juror_names(), criteria)

    # -- the decision form ------------------------------------------------------------------

    def _load_form(self, item: AgendaItem | None) -> None:
        record = None if item is None else self._records.get(item.ref)
        draft = None if item is None else self._drafts.get(item.ref)
        self._form_ref = None if item is None else item.ref
        if draft is None:
            draft = Draft.of(record.decision if record else None, self._default_decider())
        quorum = self._quorum(None)
        self.form.load(draft, len(quorum.voters) if quorum else 0)
        self._update_form_state()

    def _saved_draft(self) -> Draft | None:
        if self._form_ref is None:
            return None
        record = self._records.get(self._form_ref)
        return Draft.of(record.decision if record else None, self._default_decider())

    def _is_dirty(self) -> bool:
        saved = self._saved_draft()
        return saved is not None and not self.form.draft().same_as(saved)

    def _keep_draft(self) -> None:
        if self._form_ref is None or self.session is None:
            return
        if self._is_dirty():
            self._drafts[self._form_ref] = self.form.draft()
        else:
            self._drafts.pop(self._form_ref, None)

    def _quorum(self, votes: Votes | None) -> Quorum | None:
        if self.session is None or self.current_ref is None:
            return None
        return compute_quorum(
            self.session.data.jurors, self.session.data.conflicts, self.current_ref, votes
        )

    def _update_form_state(self) -> None:
        item = self.current_item()
        draft = self.form.draft()
        record = None if item is None else self._records.get(item.ref)
        quorum = self._quorum(draft.votes if draft.vote else None)
        dirty = item is not None and self._is_dirty()
        color = None
        if record is not None and not dirty:
            color = outcome_color(record.decision.outcome).name()
        self.form.show_state(
            can_record=item is not None and draft.outcome is not None,
            can_clear=record is not None,
            quorum="" if quorum is None else quorum_text(quorum, self.juror_names()),
            status="" if item is None else _status_text(record, dirty),
            color=color,
        )
        self._show_drafts(dirty)

    def _show_drafts(self, form_dirty: bool) -> None:
        """The agenda shows each dossier with a decision typed but not recorded as a draft: the
        ones kept while moving around, and the one in the form as it is typed."""
        outcomes = {ref: draft.outcome for ref, draft in self._drafts.items()}
        if self._form_ref is not None:
            if form_dirty:
                outcomes[self._form_ref] = self.form.draft().outcome
            else:
                outcomes.pop(self._form_ref, None)
        self.model.set_drafts(outcomes)

    def choose_outcome(self, outcome: Outcome) -> None:
        if self.current_item() is None:
            return
        self.form.choose(outcome)

    # -- the audited draw ---------------------------------------------------------------------

    def draw_dialog(self) -> DrawDialog | None:
        """The draw's dialog for the open campaign; neither started nor shown."""
        return None if self.session is None else DrawDialog(self.session, self)

    def open_draw(self) -> None:
        dialog = self.draw_dialog()
        if dialog is not None:
            dialog.start()
            dialog.exec()

    # -- attendance ---------------------------------------------------------------------------

    def attendance_dialog(self) -> AttendanceDialog | None:
        """The attendance dialog, filled from the campaign file (everyone ticked when no
        attendance was recorded yet); not shown."""
        if self.session is None:
            return None
        present = read_attendance(self.session.store)
        jurors = [(j.code, j.name, label(j.role)) for j in self.session.data.jurors]
        return AttendanceDialog(jurors, None if present is None else set(present), self)

    def edit_attendance(self) -> None:
        dialog = self.attendance_dialog()
        if dialog is not None and dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_attendance(dialog.present())

    def save_attendance(self, present: list[str]) -> None:
        if self.session is None:
            return
        try:
            changed = record_attendance(self.session.store, present)
        except Exception as error:  # shown to the user; nothing was written
            messages.show_error(self, _("Attendance"), error)
            return
        if changed:
            self.session.changed(DECISIONS)

    # -- recording ----------------------------------------------------------------------------

    def record(self) -> None:
        item = self.current_item()
        if self.session is None or item is None or not self.record_button.isEnabled():
            return
        draft = self.form.draft()
        if draft.outcome is None:
            return
        title = _("Record the decision")
        store = self.session.store
        try:
            allow_over = False
            if draft.outcome is Outcome.SELECTED:
                places = check_places(store, item.ref, draft.outcome)
                if places.exceeded:
                    if not dialogs.confirm(
                        self,
                        title,
                        _(
                            "Selecting {name} makes {selected} selected dossiers for {places} "
                            "places. Select it anyway?"
                        ).format(
                            name=item.entry.name, selected=places.selected, places=places.places
                        ),
                    ):
                        return
                    allow_over = True
            change = record_decision(
                store,
                item.ref,
                draft.outcome,
                rationale=draft.rationale,
                votes=draft.votes if draft.vote else None,
                decided_by=draft.decided_by,
                allow_over_places=allow_over,
            )
        except Exception as error:  # shown to the user; nothing was written
            messages.show_error(self, title, error)
            return
        self._drafts.pop(item.ref, None)
        self._form_ref = None  # the form now shows what was recorded: no draft to keep
        if change.changed:
            self._decisions_written()
        else:
            self._load_form(item)

    def clear(self) -> None:
        item = self.current_item()
        if self.session is None or item is None or item.ref not in self._records:
            return
        title = _("Clear the decision")
        if not dialogs.confirm(
            self,
            title,
            _("Clear the decision recorded on {name}? The audit log keeps it.").format(
                name=item.entry.name
            ),
        ):
            return
        try:
            change = clear_decision(self.session.store, item.ref)
        except Exception as error:
            messages.show_error(self, title, error)
            return
        self._drafts.pop(item.ref, None)
        self._form_ref = None
        if change.changed:
            self._decisions_written()

    def unsaved_decisions(self) -> list[str]:
        """The dossiers whose decision form holds edits not recorded yet (the one shown too)."""
        self._keep_draft()
        return list(self._drafts)

    def record_drafts(self) -> bool:
        """Records every draft that has an outcome (quitting, closing or opening another file
        asked to save them); a draft without one is dropped.  False on the first refusal: that
        draft and the rest are kept, the error shown."""
        if self.session is None:
            return True
        store = self.session.store
        for ref, draft in list(self._drafts.items()):
            if draft.outcome is not None:
                try:
                    record_decision(
                        store,
                        ref,
                        draft.outcome,
                        rationale=draft.rationale,
                        votes=draft.votes if draft.vote else None,
                        decided_by=draft.decided_by,
                    )
                except Exception as error:  # shown to the user; that draft was not written
                    messages.show_error(self, _("Record the decision"), error)
                    return False
            del self._drafts[ref]
        return True

    def _decisions_written(self) -> None:
        """Show the decision at once (one small query), then let the session re-read the campaign
        in the background for the other pages (newest re-read wins, so none started earlier can
        bring back the previous decisions)."""
        session = self.session
        assert session is not None
        self._read_records()
        self._rebuild_agenda()
        session.changed(DECISIONS)

    # -- summary ----------------------------------------------------------------------------

    def _update_summary(self) -> None:
        ranking = self.session.ranking if self.session else None
        summary = None
        if ranking is not None and self.session is not None:
            records = self._records.values()
            summary = MeetingSummary(
                selected=sum(1 for r in records if r.decision.outcome is Outcome.SELECTED),
                places=ranking.places,
                decided=len(records),
                total=len(ranking.entries),
                discuss=sum(
                    1
                    for row in range(self.model.rowCount())
                    if self.model.item(row).calls_for_discussion
                ),
                stability_running=self._stability_running,
                stability_shown=bool(self._stability()),
                resamples=self.session.data.campaign.stability_resamples,
            )
        self.bar.show_summary(summary, self._stability_running)

    # -- projector --------------------------------------------------------------------------

    def toggle_projector(self) -> None:
        if self.projector is not None:
            self.close_projector()
            return
        if self.current_item() is None:
            return
        projector = ProjectorWindow()
        projector.next_requested.connect(self.next_dossier)
        projector.previous_requested.connect(self.previous_dossier)
        projector.closed.connect(self._projector_closed)
        self.projector = projector
        window = self.window().windowHandle()
        current = window.screen() if window is not None else QGuiApplication.primaryScreen()
        screen = choose_projector_screen(QGuiApplication.screens(), current)
        self._update_projector()
        projector.show_on(screen)

    def close_projector(self) -> None:
        if self.projector is not None:
            projector, self.projector = self.projector, None
            projector.closed.disconnect(self._projector_closed)
            projector.close()
            projector.deleteLater()

    def _projector_closed(self) -> None:
        if self.projector is not None:
            self.projector.deleteLater()
            self.projector = None

    def projector_content(self) -> ProjectorContent | None:
        item = self.current_item()
        if item is None or self.session is None or self.session.ranking is None:
            return None
        row = self.model.row_of(item.ref) or 0
        return ProjectorContent(
            campaign=self.session.data.campaign.name,
            position=row + 1,
            total=self.model.rowCount(),
            places=self.session.ranking.places,
            item=item,
            explanation=self._explanations.get(item.ref),
            criteria=self.session.data.criteria,
            juror_names=self.juror_names(),
            decision=item.decision,
            zone=self.cutoff_zone,
        )

    def _update_projector(self) -> None:
        if self.projector is not None:
            self.projector.show_content(self.projector_content())

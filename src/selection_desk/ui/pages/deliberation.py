"""The Deliberation page: the committee works through the ranking and records its decisions.

Left, the agenda (the ranking, or the dossiers that call for discussion first); right, the dossier
under discussion: its figures and flags, the explanation of its score (per juror, per criterion,
what did not count) and the decision form (outcome, rationale, vote and quorum, who decided).
Projector mode shows the dossier full screen, on a second screen when there is one.

The explanation and the stability check (bootstrap over jurors, B = 500) are computed in the task
runner from a :class:`RankingInput` the worker reads with its own read-only connection; recording a
decision is one quick transaction on the session's store (services.decisions).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from selection_desk.aggregation import (
    DossierExplanation,
    Ranking,
    RankingInput,
    compute_ranking,
    explain,
)
from selection_desk.aggregation.agenda import (
    STABILITY_RESAMPLES,
    STABILITY_SEED,
    AgendaItem,
    Flag,
    build_agenda,
    flag_label,
    juror_display_names,
)
from selection_desk.domain import Decision, Method, Outcome, Role
from selection_desk.domain.quorum import Votes, compute_quorum, votes_of
from selection_desk.i18n import _, format_datetime, format_number
from selection_desk.labels import label
from selection_desk.progress import Progress
from selection_desk.services.decisions import (
    DecisionRecord,
    check_places,
    clear_decision,
    decision_records,
    read_attendance,
    record_attendance,
    record_decision,
)
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import dialogs, messages
from selection_desk.ui.models.agenda_model import (
    REF_ROLE,
    AgendaModel,
    outcome_color,
    plain_tooltip,
)
from selection_desk.ui.pages.projector import (
    ProjectorContent,
    ProjectorWindow,
    choose_projector_screen,
)
from selection_desk.ui.session import CampaignSession

OUTCOME_KEYS = {
    Outcome.SELECTED: "Ctrl+1",
    Outcome.WAITING_LIST: "Ctrl+2",
    Outcome.REJECTED: "Ctrl+3",
    Outcome.DEFERRED: "Ctrl+4",
}


def _load_ranking_input(path: Any) -> Any:
    def work(progress: Progress) -> RankingInput:
        with CampaignStore.open(path, readonly=True) as reader:
            return reader.ranking_input()

    return work


def _ranking_key(ranking: Ranking | None) -> tuple[Any, ...]:
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


@dataclass
class Draft:
    """The decision form of one dossier, kept while the user moves around the agenda."""

    outcome: Outcome | None
    rationale: str
    vote: bool
    votes: Votes
    decided_by: str


class Chip(QLabel):
    """A flag, as a small coloured label readable in light and dark palettes."""

    def __init__(self, text: str, tooltip: str, strong: bool) -> None:
        super().__init__(text)
        self.setToolTip(plain_tooltip(tooltip))
        tint = "rgba(230, 140, 0, 0.28)" if strong else "rgba(128, 128, 128, 0.22)"
        self.setStyleSheet(
            f"QLabel {{ background: {tint}; border-radius: 9px; padding: 3px 10px; }}"
        )


class DeliberationPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: CampaignSession | None = None
        self.ranking_input: RankingInput | None = None
        self._input_key: tuple[Any, ...] = ()
        self._explanations: dict[str, DossierExplanation] = {}
        self._p_top: dict[str, float] = {}
        self._intervals: dict[str, tuple[int, int]] = {}
        self._stability_key: tuple[Any, ...] | None = None
        self._stability_running = False
        self._stability_generation = 0
        self._generation = 0
        self._resetting = False
        self._records: dict[str, DecisionRecord] = {}
        self._drafts: dict[str, Draft] = {}
        self._loading_form = False
        self._form_ref: str | None = None
        """The dossier whose decision the form shows (its edits are kept as a draft)."""
        self.current_ref: str | None = None
        self.projector: ProjectorWindow | None = None
        self._build()

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        top = QHBoxLayout()
        self.title = QLabel(_("Deliberation"))
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("deliberationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.title, 1)
        self.order = QComboBox()
        self.order.addItem(_("Ranking order"), False)
        self.order.addItem(_("Discussion first"), True)
        self.order.setToolTip(
            _("Discussion first: high spread, near the cut-off or unstable dossiers come first")
        )
        self.order.currentIndexChanged.connect(lambda _i: self._rebuild_agenda())
        self.anonymous = QCheckBox(_("Jurors as “Juror A, B…”"))
        self.anonymous.setChecked(True)
        self.anonymous.setToolTip(_("Hide the jurors' names on screen and on the projector"))
        self.anonymous.toggled.connect(lambda _c: self._show_current())
        self.stability_button = QPushButton(_("Check stability"))
        self.stability_button.setToolTip(
            _(
                "Bootstrap over the jurors ({resamples} resamples): how often each dossier is "
                "within the places"
            ).format(resamples=STABILITY_RESAMPLES)
        )
        self.stability_button.clicked.connect(self.toggle_stability)
        self.projector_button = QPushButton(_("Projector"))
        self.projector_button.setToolTip(
            _("Show the dossier under discussion full screen ({key})").format(
                key=self._key_text(QKeySequence.StandardKey.FullScreen)
            )
        )
        self.projector_button.clicked.connect(self.toggle_projector)
        self.attendance_button = QPushButton(_("Attendance…"))
        self.attendance_button.setToolTip(
            _("Record who is present at the meeting: the minutes list them")
        )
        self.attendance_button.clicked.connect(self.edit_attendance)
        # The buttons beside the title, the view options beside the summary: all on one row
        # would make the window wider than a 1080p laptop at 200 % (960 points) in French.
        for button in (self.stability_button, self.attendance_button, self.projector_button):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        second = QHBoxLayout()
        second.addWidget(self.summary, 1)
        second.addWidget(self.order)
        second.addWidget(self.anonymous)
        layout.addLayout(top)
        layout.addLayout(second)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.model = AgendaModel(self)
        self.agenda = QTableView()
        self.agenda.setObjectName("agenda")
        self.agenda.setModel(self.model)
        self.agenda.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.agenda.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.agenda.verticalHeader().setVisible(False)
        self.agenda.setWordWrap(False)
        self._size_agenda_columns()
        self.agenda.selectionModel().currentRowChanged.connect(self._agenda_row_changed)
        splitter.addWidget(self.agenda)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([400, 760])
        layout.addWidget(splitter, 1)
        self.hint = QLabel(
            _(
                "{outcomes}: outcome · {record}: record · {next} / {previous}: next / previous "
                "dossier · {projector}: projector"
            ).format(
                outcomes="Ctrl+1…4",
                record="Ctrl+Enter",
                next="Ctrl+PgDown",
                previous="Ctrl+PgUp",
                projector=self._key_text(QKeySequence.StandardKey.FullScreen),
            )
        )
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self._build_shortcuts()
        self.set_session(None)

    def _size_agenda_columns(self) -> None:
        """Widths from the font, not from the rows: measuring 5,000 rows on every reset would
        cost half a second each time."""
        header = self.agenda.horizontalHeader()
        metrics = self.agenda.fontMetrics()
        pad = 18
        widths = {
            0: max(metrics.horizontalAdvance("9999 ="), metrics.horizontalAdvance(_("Rank"))),
            2: max(metrics.horizontalAdvance("100,00"), metrics.horizontalAdvance(_("Score"))),
            3: max(
                metrics.horizontalAdvance(_("Decision")),
                *(metrics.horizontalAdvance(label(outcome)) for outcome in Outcome),
            ),
        }
        header.setMinimumSectionSize(metrics.horizontalAdvance("999") + pad)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width + pad)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.agenda.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.agenda.verticalHeader().setDefaultSectionSize(metrics.height() + 12)

    def _build_detail(self) -> QWidget:
        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(12, 0, 0, 0)
        self.dossier_title = QLabel()
        self.dossier_title.setObjectName("dossierTitle")
        self.dossier_title.setWordWrap(True)
        self.dossier_title.setStyleSheet(
            "QLabel#dossierTitle { font-size: 19pt; font-weight: 600; }"
        )
        self.dossier_facts = QLabel()
        self.dossier_facts.setWordWrap(True)
        self.dossier_facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.flag_row = QHBoxLayout()
        self.flag_row.setSpacing(6)
        flags_holder = QWidget()
        flags_holder.setLayout(self.flag_row)
        self.flag_row.setContentsMargins(0, 0, 0, 0)
        for plain in (self.dossier_title, self.dossier_facts):
            plain.setTextFormat(Qt.TextFormat.PlainText)  # applicant text, never markup
        column.addWidget(self.dossier_title)
        column.addWidget(self.dossier_facts)
        column.addWidget(flags_holder)

        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.jurors_table = self._table([_("Juror"), _("Total"), _("Points"), _("Note")])
        self.criteria_table = self._table(
            [_("Criterion"), _("Weight"), _("Mean"), _("Lowest – highest"), _("Note")]
        )
        self.tabs.addTab(self.jurors_table, _("Jurors"))
        self.tabs.addTab(self.criteria_table, _("Criteria"))
        vertical.addWidget(self.tabs)
        vertical.addWidget(self._build_decision_form())
        vertical.setStretchFactor(0, 1)
        vertical.setStretchFactor(1, 0)
        column.addWidget(vertical, 1)
        return detail

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _build_decision_form(self) -> QWidget:
        box = QGroupBox(_("Decision"))
        grid = QGridLayout(box)
        grid.setVerticalSpacing(6)
        outcomes = QHBoxLayout()
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        for outcome in Outcome:
            button = QPushButton(label(outcome).capitalize())
            button.setCheckable(True)
            button.setToolTip(OUTCOME_KEYS[outcome])
            button.setObjectName(f"outcome_{outcome.value}")
            button.setStyleSheet(self._outcome_style(outcome))
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
            outcomes.addWidget(button)
        self.outcome_group.buttonToggled.connect(self._form_edited)
        grid.addLayout(outcomes, 0, 0, 1, 4)

        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(_("Rationale: why the committee decided so"))
        self.rationale.setTabChangesFocus(True)
        # Four lines where there is room, three on a short screen (200 % on a 1080p laptop).
        line = self.fontMetrics().lineSpacing()
        self.rationale.setMinimumHeight(line * 3 + 14)
        self.rationale.setMaximumHeight(line * 4 + 14)
        self.rationale.textChanged.connect(self._form_edited)
        grid.addWidget(self.rationale, 1, 0, 1, 4)

        votes = QHBoxLayout()
        self.vote_box = QCheckBox(_("Vote:"))
        self.vote_box.toggled.connect(self._vote_toggled)
        votes.addWidget(self.vote_box)
        self.vote_spins: dict[str, QSpinBox] = {}
        for key, caption in (
            ("for", _("for")),
            ("against", _("against")),
            ("abstain", _("abstaining")),
        ):
            spin = QSpinBox()
            spin.setRange(0, 0)
            spin.setEnabled(False)
            spin.valueChanged.connect(self._form_edited)
            self.vote_spins[key] = spin
            votes.addWidget(spin)
            votes.addWidget(QLabel(caption))
            votes.addSpacing(6)
        votes.addStretch(1)
        grid.addLayout(votes, 2, 0, 1, 4)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorum")
        self.quorum.setWordWrap(True)
        grid.addWidget(self.quorum, 3, 0, 1, 4)

        grid.addWidget(QLabel(_("Decided by:")), 4, 0)
        self.decided_by = QComboBox()
        self.decided_by.setEditable(True)
        self.decided_by.setMinimumContentsLength(18)
        self.decided_by.editTextChanged.connect(self._form_edited)
        grid.addWidget(self.decided_by, 4, 1)
        self.clear_button = QPushButton(_("Clear decision"))
        self.clear_button.clicked.connect(self.clear)
        self.record_button = QPushButton(_("Record decision"))
        self.record_button.setDefault(True)
        self.record_button.setToolTip("Ctrl+Enter")
        self.record_button.clicked.connect(self.record)
        grid.addWidget(self.clear_button, 4, 2)
        grid.addWidget(self.record_button, 4, 3)
        grid.setColumnStretch(1, 1)
        self.form_status = QLabel()
        self.form_status.setObjectName("decisionStatus")
        self.form_status.setWordWrap(True)
        grid.addWidget(self.form_status, 5, 0, 1, 4)
        self.decision_box = box
        return box

    @staticmethod
    def _outcome_style(outcome: Outcome) -> str:
        color = outcome_color(outcome)
        text = "#000000" if color.lightness() > 140 else "#ffffff"
        return (
            f"QPushButton:checked {{ background-color: {color.name()}; color: {text};"
            f" border: 1px solid {color.name()}; border-radius: 3px; padding: 5px 12px;"
            " font-weight: 600; }"
        )

    def _build_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut

        def shortcut(keys: Any, slot: Any) -> QShortcut:
            item = QShortcut(QKeySequence(keys), self)
            item.setContext(context)
            item.activated.connect(slot)
            return item

        self.shortcuts = [
            shortcut(key, lambda o=outcome: self.choose_outcome(o))
            for outcome, key in OUTCOME_KEYS.items()
        ]
        self.shortcuts += [
            shortcut("Ctrl+Return", self.record),
            shortcut("Ctrl+Enter", self.record),
            shortcut("Ctrl+PgDown", self.next_dossier),
            shortcut("Ctrl+PgUp", self.previous_dossier),
            shortcut(QKeySequence.StandardKey.FullScreen, self.toggle_projector),
        ]

    @staticmethod
    def _key_text(key: QKeySequence.StandardKey) -> str:
        bindings = QKeySequence.keyBindings(key)
        return bindings[0].toString(QKeySequence.SequenceFormat.NativeText) if bindings else ""

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
            self.model.set_items((), 0)
            self._show_current()
            self._update_summary()
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
        current = self.decided_by.currentText()
        self._loading_form = True
        self.decided_by.clear()
        self.decided_by.addItems(names)
        self.decided_by.setEditText(current)
        self._loading_form = False

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
        """Run the bootstrap (B = 500) in the runner; while it runs, the button cancels it (its
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

        def checked(ranking: Ranking) -> None:
            if not current():
                return
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
            lambda progress: compute_ranking(
                ranking_input, bootstrap=STABILITY_RESAMPLES, seed=STABILITY_SEED
            ),
            checked,
            failed,
        )

    # -- agenda -----------------------------------------------------------------------------

    def _stability(self) -> dict[str, float]:
        return self._p_top if self._stability_key == self._input_key else {}

    def _rebuild_agenda(self) -> None:
        ranking = self.session.ranking if self.session else None
        if ranking is None:
            self.model.set_items((), 0)
            self._select(None)
            self._update_summary()
            return
        items = build_agenda(
            ranking,
            (record.decision for record in self._records.values()),
            p_top=self._stability(),
            discussion_first=bool(self.order.currentData()),
        )
        keep = self.current_ref
        self._resetting = True
        try:
            self.model.set_items(items, ranking.places)
        finally:
            self._resetting = False
        if keep is None or self.model.row_of(keep) is None:
            keep = items[0].ref if items else None
        self._select(keep)
        self._update_summary()

    def _select(self, ref: str | None) -> None:
        row = None if ref is None else self.model.row_of(ref)
        if row is None:
            self.agenda.clearSelection()
            self._set_current(None)
            return
        index = self.model.index(row, 0)
        self.agenda.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.agenda.scrollTo(index)
        self._set_current(ref)

    def _agenda_row_changed(self, current: Any, _previous: Any) -> None:
        if self._resetting:
            return
        ref = current.data(REF_ROLE) if current.isValid() else None
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
        row = self.model.row_of(self.current_ref)
        if row is None:
            return
        target = min(max(row + delta, 0), self.model.rowCount() - 1)
        self._select(self.model.item(target).ref)

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
        self.decision_box.setEnabled(has_item)
        self.tabs.setEnabled(has_item)
        while (taken := self.flag_row.takeAt(0)) is not None:
            widget = taken.widget()
            if widget is not None:
                widget.deleteLater()
        if item is None:
            no_ranking = self.session is not None and self.session.ranking is None
            self.dossier_title.setText(
                _("No ranking yet: the deliberation follows the ranking.") if no_ranking else ""
            )
            self.dossier_facts.clear()
            self.jurors_table.setRowCount(0)
            self.criteria_table.setRowCount(0)
            self._load_form(None)
            self._update_projector()
            return
        entry = item.entry
        self.dossier_title.setText(
            _("{rank}. {name}").format(
                rank=f"{entry.rank}{' =' if entry.tied else ''}", name=entry.name
            )
        )
        self.dossier_facts.setText(" · ".join(self._facts(item)))
        for flag in item.flags:
            self.flag_row.addWidget(
                Chip(flag_label(flag), self._flag_tooltip(item, flag), flag is not Flag.TIED)
            )
        self.flag_row.addStretch(1)
        self._show_explanation()
        self._load_form(item)
        self._update_projector()

    def _facts(self, item: AgendaItem) -> list[str]:
        entry = item.entry
        facts = [
            entry.ref,
            _("score {score}").format(
                score="—" if entry.score is None else format_number(entry.score, 2)
            ),
        ]
        if entry.points is not None:
            facts.append(_("{points} points").format(points=format_number(entry.points, 2)))
        facts.append(_("{count} jurors").format(count=entry.jurors))
        if entry.spread is not None:
            facts.append(_("spread {spread}").format(spread=format_number(entry.spread, 1)))
        if item.p_top is not None:
            interval = self._intervals.get(entry.ref) or entry.rank_interval
            share = format_number(100 * item.p_top, 0)
            facts.append(
                _("within the places in {share} % of resamples (rank {low}–{high})").format(
                    share=share, low=interval[0], high=interval[1]
                )
                if interval
                else _("within the places in {share} % of resamples").format(share=share)
            )
        return facts

    def _flag_tooltip(self, item: AgendaItem, flag: Flag) -> str:
        entry = item.entry
        ranking = self.session.ranking if self.session else None
        if flag is Flag.HIGH_SPREAD:
            threshold = self.session.data.campaign.spread_threshold if self.session else 0
            return _(
                "The jurors disagree: spread {spread} above the threshold {threshold}."
            ).format(
                spread=format_number(entry.spread or 0, 1),
                threshold=format_number(threshold, None),
            )
        if flag is Flag.NEAR_CUTOFF:
            return _("Rank {rank} for {places} places: close to the cut-off.").format(
                rank=entry.rank, places=ranking.places if ranking else 0
            )
        if flag is Flag.UNSTABLE:
            return _(
                "Within the places in {share} % of resamples of the jury: another jury could "
                "well decide otherwise."
            ).format(share=format_number(100 * (item.p_top or 0), 0))
        if flag is Flag.ELIMINATED:
            return _("Below the eliminatory threshold of: {criteria}.").format(
                criteria=", ".join(entry.eliminated_by)
            )
        return _("Same score as another dossier.")

    def _show_explanation(self) -> None:
        item = self.current_item()
        explanation = None if item is None else self._explanations.get(item.ref)
        if item is None or explanation is None:
            self.jurors_table.setRowCount(0)
            self.criteria_table.setRowCount(0)
            if item is not None:
                self.jurors_table.setRowCount(1)
                self.jurors_table.setItem(0, 0, QTableWidgetItem(_("Computing…")))
            return
        names = self.juror_names()
        rows: list[list[str]] = []
        for juror in explanation.jurors:
            rows.append(
                [
                    names.get(juror.juror, juror.juror),
                    format_number(juror.total, 1),
                    format_number(juror.points, 2),
                    self._juror_note(explanation.method, juror),
                ]
            )
        listed = {juror.juror for juror in explanation.jurors if juror.counted}
        for left_out in explanation.left_out:
            if left_out.juror in listed:
                continue
            rows.append([names.get(left_out.juror, left_out.juror), "—", "—", left_out.message()])
        self._fill(self.jurors_table, rows, numeric=(1, 2))
        criteria = {c.code: c for c in (self.session.data.criteria if self.session else ())}
        criterion_rows = []
        for detail in explanation.criteria:
            criterion = criteria.get(detail.criterion)
            values = list(detail.scores.values())
            notes = []
            if (
                detail.aggregate is not None
                and detail.mean is not None
                and (abs(detail.aggregate - detail.mean) > 1e-9)
            ):
                notes.append(
                    _("the method uses {value}").format(value=format_number(detail.aggregate, 2))
                )
            if detail.dropped_high and detail.dropped_low:
                notes.append(
                    _("highest ({high}) and lowest ({low}) dropped").format(
                        high=names.get(detail.dropped_high, detail.dropped_high),
                        low=names.get(detail.dropped_low, detail.dropped_low),
                    )
                )
            if detail.below_threshold:
                notes.append(
                    _("below the threshold {threshold}: eliminated").format(
                        threshold=format_number(detail.threshold or 0, None)
                    )
                )
            criterion_rows.append(
                [
                    criterion.label if criterion else detail.criterion,
                    format_number(detail.weight, None),
                    "—" if detail.mean is None else format_number(detail.mean, 2),
                    "—"
                    if not values
                    else f"{format_number(min(values), None)} – {format_number(max(values), None)}",
                    " · ".join(notes),
                ]
            )
        self._fill(self.criteria_table, criterion_rows, numeric=(1, 2))

    @staticmethod
    def _juror_note(method: Method, juror: Any) -> str:
        if not juror.counted:
            return _("not counted by this method")
        if method is Method.ZSCORE and juror.z is not None:
            return _("z = {z}").format(z=format_number(juror.z, 2))
        if method is Method.BORDA and juror.borda_rank is not None:
            return _("rank {rank} of {count}").format(
                rank=format_number(juror.borda_rank, None), count=juror.borda_of
            )
        if juror.confidence is not None:
            return _("confidence {confidence}").format(
                confidence=format_number(juror.confidence, None)
            )
        return ""

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]], numeric: tuple[int, ...]) -> None:
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                cell = QTableWidgetItem(text)
                if c in numeric:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, cell)

    # -- the decision form ------------------------------------------------------------------

    def _load_form(self, item: AgendaItem | None) -> None:
        self._loading_form = True
        try:
            record = None if item is None else self._records.get(item.ref)
            draft = None if item is None else self._drafts.get(item.ref)
            self._form_ref = None if item is None else item.ref
            if draft is None:
                draft = self._draft_from(record.decision if record else None)
            self.outcome_group.setExclusive(False)
            for outcome, button in self.outcome_buttons.items():
                button.setChecked(outcome is draft.outcome)
            self.outcome_group.setExclusive(True)
            self.rationale.setPlainText(draft.rationale)
            quorum = self._quorum(None)
            for spin in self.vote_spins.values():
                spin.setRange(0, len(quorum.voters) if quorum else 0)
            self.vote_box.setChecked(draft.vote)
            self.vote_spins["for"].setValue(draft.votes.votes_for)
            self.vote_spins["against"].setValue(draft.votes.against)
            self.vote_spins["abstain"].setValue(draft.votes.abstain)
            self._vote_toggled(draft.vote)
            self.decided_by.setEditText(draft.decided_by)
        finally:
            self._loading_form = False
        self._update_form_state()

    def _draft_from(self, decision: Decision | None) -> Draft:
        if decision is None:
            return Draft(None, "", False, Votes(), self._default_decider())
        votes = votes_of(decision)
        return Draft(
            decision.outcome,
            decision.rationale,
            votes is not None,
            votes or Votes(),
            decision.decided_by,
        )

    def _form_draft(self) -> Draft:
        checked = [o for o, b in self.outcome_buttons.items() if b.isChecked()]
        return Draft(
            checked[0] if checked else None,
            self.rationale.toPlainText(),
            self.vote_box.isChecked(),
            self._form_votes(),
            self.decided_by.currentText(),
        )

    def _form_votes(self) -> Votes:
        return Votes(
            self.vote_spins["for"].value(),
            self.vote_spins["against"].value(),
            self.vote_spins["abstain"].value(),
        )

    def _saved_draft(self) -> Draft | None:
        if self._form_ref is None:
            return None
        record = self._records.get(self._form_ref)
        return self._draft_from(record.decision if record else None)

    @staticmethod
    def _comparable(draft: Draft) -> tuple[Any, ...]:
        return (
            draft.outcome,
            draft.rationale.strip(),
            draft.vote,
            draft.votes if draft.vote else None,
            draft.decided_by.strip(),
        )

    def _is_dirty(self) -> bool:
        saved = self._saved_draft()
        if saved is None:
            return False
        return self._comparable(self._form_draft()) != self._comparable(saved)

    def _keep_draft(self) -> None:
        if self._form_ref is None or self.session is None:
            return
        if self._is_dirty():
            self._drafts[self._form_ref] = self._form_draft()
        else:
            self._drafts.pop(self._form_ref, None)

    def _vote_toggled(self, checked: bool) -> None:
        for spin in self.vote_spins.values():
            spin.setEnabled(checked)
        self._form_edited()

    def _form_edited(self, *_args: Any) -> None:
        if not self._loading_form:
            self._update_form_state()

    def _quorum(self, votes: Votes | None) -> Any:
        if self.session is None or self.current_ref is None:
            return None
        return compute_quorum(
            self.session.data.jurors, self.session.data.conflicts, self.current_ref, votes
        )

    def _update_form_state(self) -> None:
        item = self.current_item()
        draft = self._form_draft()
        self.record_button.setEnabled(item is not None and draft.outcome is not None)
        record = None if item is None else self._records.get(item.ref)
        self.clear_button.setEnabled(record is not None)
        quorum = self._quorum(draft.votes if draft.vote else None)
        self.quorum.setText("" if quorum is None else self._quorum_text(quorum))
        if item is None:
            self.form_status.clear()
            return
        dirty = self._is_dirty()
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
            text += " " + _("Changes not recorded yet.")
        self.form_status.setText(text)
        if record is not None and not dirty:
            color = outcome_color(record.decision.outcome).name()
            self.form_status.setStyleSheet(f"color: {color}; font-weight: 600;")
        else:
            self.form_status.setStyleSheet("")

    def _quorum_text(self, quorum: Any) -> str:
        names = self.juror_names()
        parts = [
            _("{voters} voting members").format(voters=len(quorum.voters)),
        ]
        if quorum.recused:
            parts.append(
                _("recused: {jurors}").format(
                    jurors=", ".join(names.get(code, code) for code in quorum.recused)
                )
            )
        parts.append(_("quorum {required}").format(required=quorum.required))
        one = quorum.cast == 1
        if quorum.reached is True:
            template = (
                _("{cast} vote cast: quorum reached")
                if one
                else _("{cast} votes cast: quorum reached")
            )
            parts.append(template.format(cast=quorum.cast))
        elif quorum.reached is False:
            template = (
                _("{cast} vote cast: quorum NOT reached")
                if one
                else _("{cast} votes cast: quorum NOT reached")
            )
            parts.append(template.format(cast=quorum.cast))
        return " · ".join(parts)

    def choose_outcome(self, outcome: Outcome) -> None:
        if self.current_item() is None:
            return
        self.outcome_buttons[outcome].setChecked(True)

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
            self.session.changed()

    def record(self) -> None:
        item = self.current_item()
        if self.session is None or item is None or not self.record_button.isEnabled():
            return
        draft = self._form_draft()
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

    def _decisions_written(self) -> None:
        """Show the decision at once (one small query), then let the session re-read the campaign
        in the background for the other pages (newest re-read wins, so none started earlier can
        bring back the previous decisions)."""
        session = self.session
        assert session is not None
        self._read_records()
        self._rebuild_agenda()
        session.changed()

    # -- summary ----------------------------------------------------------------------------

    def _update_summary(self) -> None:
        ranking = self.session.ranking if self.session else None
        self.stability_button.setText(
            _("Cancel the stability check") if self._stability_running else _("Check stability")
        )
        self.stability_button.setEnabled(ranking is not None)
        self.projector_button.setEnabled(ranking is not None)
        self.order.setEnabled(ranking is not None)
        if ranking is None:
            self.summary.setText(_("Open a campaign with a ranking to deliberate."))
            return
        records = [r for r in self._records.values()]
        selected = sum(1 for r in records if r.decision.outcome is Outcome.SELECTED)
        discuss = sum(
            1 for row in range(self.model.rowCount()) if self.model.item(row).calls_for_discussion
        )
        parts = [
            _("{selected} selected for {places} places").format(
                selected=selected, places=ranking.places
            ),
            _("{decided} of {total} dossiers decided").format(
                decided=len(records), total=len(ranking.entries)
            ),
            _("{count} call for discussion").format(count=discuss),
        ]
        if self._stability_running:
            parts.append(_("checking stability…"))
        elif self._stability():
            parts.append(
                _("stability: {resamples} resamples").format(resamples=STABILITY_RESAMPLES)
            )
        self.summary.setText(" · ".join(parts))
        over = selected > ranking.places
        self.summary.setStyleSheet("color: palette(highlight);" if over else "")

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
        )

    def _update_projector(self) -> None:
        if self.projector is not None:
            self.projector.show_content(self.projector_content())


class AttendanceDialog(QDialog):
    """One box per juror: ticked when present at the meeting."""

    def __init__(
        self,
        jurors: list[tuple[str, str, str]],
        present: set[str] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Attendance"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Members present at the meeting:")))
        self.boxes: dict[str, QCheckBox] = {}
        for code, name, role in jurors:
            box = QCheckBox(f"{name} ({role})")
            box.setChecked(present is None or code in present)
            self.boxes[code] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def present(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

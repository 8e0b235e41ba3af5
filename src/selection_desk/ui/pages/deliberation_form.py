"""The decision form of the Deliberation page: outcome, rationale, vote, quorum, who decided.

The form only edits a :class:`Draft` and shows what the page tells it (quorum, recorded state);
the page owns the decisions on file, the drafts kept per dossier and the writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from selection_desk.domain import Decision, Outcome
from selection_desk.domain.quorum import Quorum, Votes, votes_of
from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.ui.models.agenda_model import outcome_color
from selection_desk.ui.widgets.number_spin import set_number_range

OUTCOME_KEYS = {
    Outcome.SELECTED: "Ctrl+1",
    Outcome.WAITING_LIST: "Ctrl+2",
    Outcome.REJECTED: "Ctrl+3",
    Outcome.DEFERRED: "Ctrl+4",
}


@dataclass
class Draft:
    """The decision form of one dossier, kept while the user moves around the agenda."""

    outcome: Outcome | None
    rationale: str
    vote: bool
    votes: Votes
    decided_by: str

    @classmethod
    def of(cls, decision: Decision | None, default_decider: str) -> Draft:
        """The form as it shows a recorded decision, or an empty one signed ``default_decider``."""
        if decision is None:
            return cls(None, "", False, Votes(), default_decider)
        votes = votes_of(decision)
        return cls(
            decision.outcome,
            decision.rationale,
            votes is not None,
            votes or Votes(),
            decision.decided_by,
        )

    def same_as(self, other: Draft) -> bool:
        """Whether recording this draft would record ``other`` (blanks around text and the
        counts of an unticked vote do not count)."""
        return self._comparable() == other._comparable()

    def _comparable(self) -> tuple[Any, ...]:
        return (
            self.outcome,
            self.rationale.strip(),
            self.vote,
            self.votes if self.vote else None,
            self.decided_by.strip(),
        )


def quorum_text(quorum: Quorum, names: Mapping[str, str]) -> str:
    """One line: voting members, who is recused, the quorum and whether the votes reach it."""
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
            _("{cast} vote cast: quorum reached") if one else _("{cast} votes cast: quorum reached")
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


def _outcome_style(outcome: Outcome) -> str:
    color = outcome_color(outcome)
    text = "#000000" if color.lightness() > 140 else "#ffffff"
    return (
        f"QPushButton:checked {{ background-color: {color.name()}; color: {text};"
        f" border: 1px solid {color.name()}; border-radius: 3px; padding: 5px 12px;"
        " font-weight: 600; }"
    )


class DecisionForm(QGroupBox):
    """The "Decision" box. ``edited`` fires on every change the user makes (not while the page
    loads a draft); the record and clear buttons only ask, through their signals."""

    edited = Signal()
    record_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Decision"), parent)
        self._loading = False
        grid = QGridLayout(self)
        grid.setVerticalSpacing(6)
        grid.addLayout(self._build_outcomes(), 0, 0, 1, 4)
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(_("Rationale: why the committee decided so"))
        self.rationale.setTabChangesFocus(True)
        # Four lines where there is room, three on a short screen (200 % on a 1080p laptop).
        line = self.fontMetrics().lineSpacing()
        self.rationale.setMinimumHeight(line * 3 + 14)
        self.rationale.setMaximumHeight(line * 4 + 14)
        self.rationale.textChanged.connect(self._edited)
        grid.addWidget(self.rationale, 1, 0, 1, 4)
        grid.addLayout(self._build_votes(), 2, 0, 1, 4)
        self.quorum = QLabel()
        self.quorum.setObjectName("quorum")
        self.quorum.setWordWrap(True)
        grid.addWidget(self.quorum, 3, 0, 1, 4)
        self._build_signature(grid)
        self.form_status = QLabel()
        self.form_status.setObjectName("decisionStatus")
        self.form_status.setWordWrap(True)
        grid.addWidget(self.form_status, 5, 0, 1, 4)

    def _build_outcomes(self) -> QHBoxLayout:
        outcomes = QHBoxLayout()
        self.outcome_group = QButtonGroup(self)
        self.outcome_group.setExclusive(True)
        self.outcome_buttons: dict[Outcome, QPushButton] = {}
        for outcome in Outcome:
            button = QPushButton(label(outcome).capitalize())
            button.setCheckable(True)
            button.setToolTip(OUTCOME_KEYS[outcome])
            button.setObjectName(f"outcome_{outcome.value}")
            button.setStyleSheet(_outcome_style(outcome))
            self.outcome_group.addButton(button)
            self.outcome_buttons[outcome] = button
            outcomes.addWidget(button)
        self.outcome_group.buttonToggled.connect(self._edited)
        return outcomes

    def _build_votes(self) -> QHBoxLayout:
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
            set_number_range(spin, 0, 0)
            spin.setEnabled(False)
            spin.valueChanged.connect(self._edited)
            self.vote_spins[key] = spin
            votes.addWidget(spin)
            votes.addWidget(QLabel(caption))
            votes.addSpacing(6)
        votes.addStretch(1)
        return votes

    def _build_signature(self, grid: QGridLayout) -> None:
        grid.addWidget(QLabel(_("Decided by:")), 4, 0)
        self.decided_by = QComboBox()
        self.decided_by.setEditable(True)
        self.decided_by.setMinimumContentsLength(18)
        self.decided_by.editTextChanged.connect(self._edited)
        grid.addWidget(self.decided_by, 4, 1)
        self.clear_button = QPushButton(_("Clear decision"))
        self.clear_button.clicked.connect(self.clear_requested)
        self.record_button = QPushButton(_("Record decision"))
        self.record_button.setDefault(True)
        self.record_button.setToolTip("Ctrl+Enter")
        self.record_button.clicked.connect(self.record_requested)
        grid.addWidget(self.clear_button, 4, 2)
        grid.addWidget(self.record_button, 4, 3)
        grid.setColumnStretch(1, 1)

    # -- what the page gives -----------------------------------------------------------------

    def set_deciders(self, names: Sequence[str]) -> None:
        """The names offered under "Decided by", keeping what is typed there."""
        current = self.decided_by.currentText()
        self._loading = True
        try:
            self.decided_by.clear()
            self.decided_by.addItems(list(names))
            self.decided_by.setEditText(current)
        finally:
            self._loading = False

    def load(self, draft: Draft, voters: int) -> None:
        """Show ``draft``; the vote counts go up to the ``voters`` who may vote."""
        self._loading = True
        try:
            self.outcome_group.setExclusive(False)
            for outcome, button in self.outcome_buttons.items():
                button.setChecked(outcome is draft.outcome)
            self.outcome_group.setExclusive(True)
            self.rationale.setPlainText(draft.rationale)
            for spin in self.vote_spins.values():
                set_number_range(spin, 0, voters)
            self.vote_box.setChecked(draft.vote)
            self.vote_spins["for"].setValue(draft.votes.votes_for)
            self.vote_spins["against"].setValue(draft.votes.against)
            self.vote_spins["abstain"].setValue(draft.votes.abstain)
            self._vote_toggled(draft.vote)
            self.decided_by.setEditText(draft.decided_by)
        finally:
            self._loading = False

    def choose(self, outcome: Outcome) -> None:
        self.outcome_buttons[outcome].setChecked(True)

    def show_state(
        self, can_record: bool, can_clear: bool, quorum: str, status: str, color: str | None
    ) -> None:
        """The buttons, the quorum line and the status line (in ``color`` when given)."""
        self.record_button.setEnabled(can_record)
        self.clear_button.setEnabled(can_clear)
        self.quorum.setText(quorum)
        self.form_status.setText(status)
        self.form_status.setStyleSheet(
            "" if color is None else f"color: {color}; font-weight: 600;"
        )

    # -- what the user typed -----------------------------------------------------------------

    def draft(self) -> Draft:
        checked = [o for o, b in self.outcome_buttons.items() if b.isChecked()]
        return Draft(
            checked[0] if checked else None,
            self.rationale.toPlainText(),
            self.vote_box.isChecked(),
            self.votes(),
            self.decided_by.currentText(),
        )

    def votes(self) -> Votes:
        return Votes(
            self.vote_spins["for"].value(),
            self.vote_spins["against"].value(),
            self.vote_spins["abstain"].value(),
        )

    def _vote_toggled(self, checked: bool) -> None:
        for spin in self.vote_spins.values():
            spin.setEnabled(checked)
        self._edited()

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.edited.emit()

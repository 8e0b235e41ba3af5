"""The explanation of one dossier's score on the Deliberation page, as two read-only tables:
per juror (total, points, what the method made of it, who was left out and why) and per criterion
(weight, mean, range, what the method dropped or eliminated).

The tabs show a :class:`DossierExplanation` computed elsewhere (in the task runner) with the
jurors' display names and the campaign's criteria they are given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)

from selection_desk.aggregation import CriterionDetail, DossierExplanation, JurorContribution
from selection_desk.domain import Criterion, Method
from selection_desk.i18n import _, format_number


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


def _fill(table: QTableWidget, rows: list[list[str]], numeric: tuple[int, ...]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if c in numeric:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, cell)


def juror_note(method: Method, juror: JurorContribution) -> str:
    """What the method made of one juror's scores (z-score, Borda rank, confidence)."""
    if not juror.counted:
        return _("not counted by this method")
    if method is Method.ZSCORE and juror.z is not None:
        return _("z = {z}").format(z=format_number(juror.z, 2))
    if method is Method.BORDA and juror.borda_rank is not None:
        return _("rank {rank} of {count}").format(
            rank=format_number(juror.borda_rank, None), count=juror.borda_of
        )
    if juror.confidence is not None:
        return _("confidence {confidence}").format(confidence=format_number(juror.confidence, None))
    return ""


def juror_rows(explanation: DossierExplanation, names: Mapping[str, str]) -> list[list[str]]:
    """One row per juror who scored, then one per juror left out (with the reason)."""
    rows = [
        [
            names.get(juror.juror, juror.juror),
            format_number(juror.total, 1),
            format_number(juror.points, 2),
            juror_note(explanation.method, juror),
        ]
        for juror in explanation.jurors
    ]
    listed = {juror.juror for juror in explanation.jurors if juror.counted}
    for left_out in explanation.left_out:
        if left_out.juror in listed:
            continue
        rows.append([names.get(left_out.juror, left_out.juror), "—", "—", left_out.message()])
    return rows


def _criterion_notes(detail: CriterionDetail, names: Mapping[str, str]) -> list[str]:
    notes = []
    if (
        detail.aggregate is not None
        and detail.mean is not None
        and (abs(detail.aggregate - detail.mean) > 1e-9)
    ):
        notes.append(_("the method uses {value}").format(value=format_number(detail.aggregate, 2)))
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
    return notes


def criterion_rows(
    explanation: DossierExplanation, names: Mapping[str, str], criteria: Sequence[Criterion]
) -> list[list[str]]:
    """One row per criterion: label, weight, mean, lowest – highest score, notes."""
    by_code = {c.code: c for c in criteria}
    rows = []
    for detail in explanation.criteria:
        criterion = by_code.get(detail.criterion)
        values = list(detail.scores.values())
        rows.append(
            [
                criterion.label if criterion else detail.criterion,
                format_number(detail.weight, None),
                "—" if detail.mean is None else format_number(detail.mean, 2),
                "—"
                if not values
                else f"{format_number(min(values), None)} – {format_number(max(values), None)}",
                " · ".join(_criterion_notes(detail, names)),
            ]
        )
    return rows


class ExplanationTabs(QTabWidget):
    """The "Jurors" and "Criteria" tabs of the dossier under discussion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jurors_table = _table([_("Juror"), _("Total"), _("Points"), _("Note")])
        self.criteria_table = _table(
            [_("Criterion"), _("Weight"), _("Mean"), _("Lowest – highest"), _("Note")]
        )
        self.addTab(self.jurors_table, _("Jurors"))
        self.addTab(self.criteria_table, _("Criteria"))

    def show_nothing(self) -> None:
        self.jurors_table.setRowCount(0)
        self.criteria_table.setRowCount(0)

    def show_computing(self) -> None:
        """The explanation is on its way: one "Computing…" row."""
        self.show_nothing()
        self.jurors_table.setRowCount(1)
        self.jurors_table.setItem(0, 0, QTableWidgetItem(_("Computing…")))

    def show_explanation(
        self,
        explanation: DossierExplanation,
        names: Mapping[str, str],
        criteria: Sequence[Criterion],
    ) -> None:
        _fill(self.jurors_table, juror_rows(explanation, names), numeric=(1, 2))
        _fill(self.criteria_table, criterion_rows(explanation, names, criteria), numeric=(1, 2))

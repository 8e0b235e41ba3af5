"""The Ranking page's "Robustness" tab (design §12): what each method selects, and the cut-off zone.

A compact table, one row per dossier selected by at least one method, saying which methods select
it ("every method" for the robust ones: one column per method would not fit beside the ranking at
1280 pixels); the method-dependent dossiers come first, tinted, so that a choice of method that
changes the selection is never missed.  Under it, the cut-off zone in
plain words, with the bootstrap's B and seed.  The panel only shows: the page computes both in the
task runner.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from selection_desk.domain import Method
from selection_desk.i18n import N_, _
from selection_desk.labels import label
from selection_desk.reports.robustness_text import (
    refs_text,
    robustness_explanation,
    zone_explanation,
)
from selection_desk.ui import theme

if TYPE_CHECKING:
    from selection_desk.aggregation.robustness import CutoffZone, Robustness

SHORT_NAMES: Mapping[Method, str] = {
    Method.MEAN: N_("Mean"),
    Method.MEDIAN: N_("Median"),
    Method.TRIMMED: N_("Trimmed"),
    Method.ZSCORE: N_("Z-scores"),
    Method.BORDA: N_("Borda"),
    Method.SCHULZE: N_("Schulze"),
}
"""Short names in the "Selected by" column; the full names are in its tooltip."""


def _wrapping_label(name: str) -> QLabel:
    text = QLabel()
    text.setObjectName(name)
    text.setWordWrap(True)
    text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return text


def _dependent_brush() -> QBrush:
    """The base lightly tinted with the warning colour: the row calls for attention."""
    return QBrush(theme.mix(theme.role(QPalette.ColorRole.Base), theme.warning(), 0.18))


class RobustnessPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("robustnessPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.summary = _wrapping_label("methodDependentSummary")
        self.table = QTableWidget()
        self.table.setObjectName("robustnessTable")
        self.table.setAccessibleName(_("Dossiers selected by each method"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.zone = _wrapping_label("cutoffZone")
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.zone)
        self.clear()

    def clear(self) -> None:
        """Nothing shown: no campaign, or another campaign on its way."""
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.summary.clear()
        self.zone.clear()

    def show_robustness(self, robustness: Robustness | None, names: Mapping[str, str]) -> None:
        """Fill the table from ``robustness`` (``None``: being computed); ``names``: ref → name."""
        self.table.clear()
        if robustness is None:
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.summary.setText(_("Comparing the selection of every method…"))
            return
        dependent = robustness.method_dependent
        self.summary.setText(
            _("Method-dependent: {refs}.").format(refs=refs_text(dependent))
            + "\n"
            + robustness_explanation()
        )
        methods = list(robustness.selected)
        self._fill_headers(methods)
        rows = self.rows(robustness)
        self.table.setRowCount(len(rows))
        for row, ref in enumerate(rows):
            self._fill_row(row, ref, names.get(ref, ""), robustness, ref in dependent)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    @staticmethod
    def rows(robustness: Robustness) -> list[str]:
        """The refs shown, method-dependent first, then in ref order."""
        selected = sorted({ref for refs in robustness.selected.values() for ref in refs})
        dependent = set(robustness.method_dependent)
        return [ref for ref in selected if ref in dependent] + [
            ref for ref in selected if ref not in dependent
        ]

    def _fill_headers(self, methods: list[Method]) -> None:
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels([_("Ref"), _("Dossier"), _("Selected by")])
        header = self.table.horizontalHeaderItem(2)
        if header is not None:
            header.setToolTip(
                "\n".join(f"{_(SHORT_NAMES[method])}: {label(method)}" for method in methods)
            )

    @staticmethod
    def selected_by(ref: str, robustness: Robustness) -> str:
        """The methods that select ``ref``, or "every method"."""
        methods = [method for method, refs in robustness.selected.items() if ref in refs]
        if len(methods) == len(robustness.selected):
            return _("every method")
        return ", ".join(_(SHORT_NAMES[method]) for method in methods)

    def _fill_row(
        self, row: int, ref: str, name: str, robustness: Robustness, dependent: bool
    ) -> None:
        for column, value in enumerate([ref, name, self.selected_by(ref, robustness)]):
            item = QTableWidgetItem(value)
            if dependent:
                item.setBackground(_dependent_brush())
                if column == 0:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                item.setToolTip(_("Selected by some methods and not by others."))
            self.table.setItem(row, column, item)

    def show_zone(self, zone: CutoffZone | None, *, pending: bool = False) -> None:
        """The cut-off zone in plain words; ``None``: not computed (``pending``: on its way)."""
        if zone is not None:
            self.zone.setText(
                _("Cut-off zone: {refs}.").format(refs=refs_text(zone.refs))
                + "\n"
                + zone_explanation(zone)
            )
        elif pending:
            self.zone.setText(_("Computing the cut-off zone with the stability…"))
        else:
            self.zone.setText(
                _("The cut-off zone needs the stability (P(top)), not computed for this method.")
            )

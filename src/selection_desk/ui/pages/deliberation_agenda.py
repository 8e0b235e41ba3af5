"""The agenda of the Deliberation page: the ranking (or the dossiers that call for discussion
first) as a one-selection table over an :class:`AgendaModel`.

The table says which dossier the user moves to (``current_ref_changed``); it never fires while the
page refills it, so a refill keeps the dossier under discussion without reloading its form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from selection_desk.aggregation.agenda import AgendaItem
from selection_desk.domain import Outcome
from selection_desk.i18n import _
from selection_desk.labels import label
from selection_desk.ui.models.agenda_model import REF_ROLE, AgendaModel
from selection_desk.ui.widgets.item_views import make_current
from selection_desk.ui.widgets.readable_column import ReadableColumn, readable_width

CELL_PADDING = 18
"""Pixels around a cell's text (margins, grid line)."""


class AgendaTable(QTableView):
    current_ref_changed = Signal(object)
    """The reference of the row the user moved to, or None."""

    def __init__(self, model: AgendaModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resetting = False
        self.agenda_model = model
        self.setObjectName("agenda")
        self.setAccessibleName(_("Agenda"))
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self._size_columns()
        self.selectionModel().currentRowChanged.connect(self._row_changed)

    def _size_columns(self) -> None:
        """Widths from the font, not from the rows: measuring 5,000 rows on every reset would
        cost half a second each time."""
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        widths = {
            2: max(metrics.horizontalAdvance("100,00"), metrics.horizontalAdvance(_("Score"))),
            3: max(
                metrics.horizontalAdvance(_("Decision")),
                *(metrics.horizontalAdvance(label(outcome)) for outcome in Outcome),
            ),
        }
        header.setMinimumSectionSize(metrics.horizontalAdvance("999") + CELL_PADDING)
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width + CELL_PADDING)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self._size_rank_column(0)
        # The dossier's name identifies the row: it gets its readable width before the others
        # (the table scrolls sideways in a narrow pane instead of eliding it to "Orbitale Lo…").
        # (The width of the ⚠ mark that may precede the name is added.)
        icon = self.iconSize().width() or metrics.height()
        self.name_column = ReadableColumn(self, 1, readable_width(self) + icon + 8)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(metrics.height() + 12)

    def _size_rank_column(self, dossiers: int) -> None:
        """As wide as the largest rank of ``dossiers`` with its marks ("12 = ≈"), no wider."""
        metrics = self.fontMetrics()
        widest = "9" * max(len(str(dossiers)), 2) + " = ≈"
        width = max(metrics.horizontalAdvance(widest), metrics.horizontalAdvance(_("Rank")))
        self.horizontalHeader().resizeSection(0, width + CELL_PADDING)

    def set_items(
        self, items: Sequence[AgendaItem], places: int, zone: frozenset[str] = frozenset()
    ) -> None:
        """Refill the agenda (``zone``: the cut-off zone's refs); the selection is lost (the page
        selects again)."""
        self._resetting = True
        try:
            self.agenda_model.set_items(tuple(items), places, zone)
        finally:
            self._resetting = False
        self._size_rank_column(len(items))

    def select_ref(self, ref: str | None) -> bool:
        """Select and show the row of ``ref``; False (and nothing selected) when not listed."""
        row = None if ref is None else self.agenda_model.row_of(ref)
        if row is None:
            self.clearSelection()
            return False
        make_current(self, self.agenda_model.index(row, 0))
        return True

    def ref_after(self, ref: str, delta: int) -> str | None:
        """The dossier ``delta`` rows from ``ref``, stopping at the first and last rows."""
        row = self.agenda_model.row_of(ref)
        if row is None:
            return None
        target = min(max(row + delta, 0), self.agenda_model.rowCount() - 1)
        return self.agenda_model.item(target).ref

    def _row_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if not self._resetting:
            self.current_ref_changed.emit(current.data(REF_ROLE) if current.isValid() else None)

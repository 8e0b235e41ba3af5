"""The juror's queue on the Scoring page: which dossiers to show (all, not final yet…), in which
order (shuffled for the juror, campaign order…), and the list itself.

The panel shows the :class:`QueueItem` list it is given and says which dossier the juror moves to;
the page loads the queue from the juror's workspace.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QVBoxLayout, QWidget

from selection_desk.i18n import _
from selection_desk.services.scoring_workspace import QueueItem, QueueOrder, QueueStatus
from selection_desk.ui.models.queue_model import REF_ROLE, QueueModel
from selection_desk.ui.widgets.elided_combo import ElidedComboBox
from selection_desk.ui.widgets.item_views import make_current

FILTERS: tuple[tuple[str, frozenset[QueueStatus]], ...] = (
    ("all", frozenset(QueueStatus)),
    ("todo", frozenset({QueueStatus.UNSCORED, QueueStatus.DRAFT})),
    ("unscored", frozenset({QueueStatus.UNSCORED})),
    ("draft", frozenset({QueueStatus.DRAFT})),
    ("final", frozenset({QueueStatus.FINAL})),
)


def _filter_label(name: str) -> str:
    return {
        "all": _("All my dossiers"),
        "todo": _("Not final yet"),
        "unscored": _("Not scored yet"),
        "draft": _("Drafts"),
        "final": _("Final"),
    }[name]


def _order_label(order: QueueOrder) -> str:
    return {
        QueueOrder.SHUFFLED: _("Shuffled for me"),
        QueueOrder.CAMPAIGN: _("Campaign order"),
        QueueOrder.REFERENCE: _("By reference"),
        QueueOrder.NAME: _("By name"),
    }[order]


def shown_items(
    queue: Sequence[QueueItem], statuses: frozenset[QueueStatus], keep: str | None
) -> list[QueueItem]:
    """The items of ``queue`` with one of ``statuses``, and ``keep`` whatever its status (the
    dossier on screen does not vanish when the juror marks it final)."""
    return [i for i in queue if i.status in statuses or i.ref == keep]


class QueuePanel(QWidget):
    filter_changed = Signal()
    order_changed = Signal()
    current_ref_changed = Signal(str)
    """The dossier the juror moved to in the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_choice = ElidedComboBox()
        self.filter_choice.setObjectName("queueFilter")
        self.filter_choice.setAccessibleName(_("Show"))
        for name, _statuses in FILTERS:
            self.filter_choice.addItem(_filter_label(name), name)
        self.filter_choice.currentIndexChanged.connect(lambda _i: self.filter_changed.emit())
        self.order_choice = ElidedComboBox()
        self.order_choice.setObjectName("queueOrder")
        self.order_choice.setAccessibleName(_("Order"))
        for order in QueueOrder:
            self.order_choice.addItem(_order_label(order), order.value)
        self.order_choice.setToolTip(
            _("Your own shuffled order spreads the order effect across the committee.")
        )
        self.order_choice.currentIndexChanged.connect(lambda _i: self.order_changed.emit())
        self.queue_model = QueueModel(self)
        self.queue_view = QListView()
        self.queue_view.setObjectName("queue")
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setUniformItemSizes(True)
        self.queue_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.queue_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.queue_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.queue_view.setAccessibleName(_("My dossiers"))
        self.queue_view.selectionModel().currentChanged.connect(self._current_changed)
        self.queue_empty = QLabel()
        self.queue_empty.setObjectName("hint")
        self.queue_empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.filter_choice)
        layout.addWidget(self.order_choice)
        layout.addWidget(self.queue_view, 1)
        layout.addWidget(self.queue_empty)

    def order(self) -> QueueOrder:
        return QueueOrder(self.order_choice.currentData())

    def set_order_quietly(self, value: str) -> None:
        """Show the order ``value`` (the first one when unknown) without ``order_changed``."""
        self.order_choice.blockSignals(True)
        try:
            self.order_choice.setCurrentIndex(max(self.order_choice.findData(value), 0))
        finally:
            self.order_choice.blockSignals(False)

    def statuses(self) -> frozenset[QueueStatus]:
        return dict(FILTERS)[str(self.filter_choice.currentData())]

    def show_items(self, shown: Sequence[QueueItem], assigned: bool) -> None:
        """List ``shown``; when empty, say whether nothing is ``assigned`` or nothing matches."""
        self.queue_model.set_items(list(shown))
        if not assigned:
            self.queue_empty.setText(_("No dossier is assigned to you in this campaign."))
        elif not shown:
            self.queue_empty.setText(_("No dossier matches this filter."))
        else:
            self.queue_empty.setText("")
        self.queue_empty.setVisible(bool(self.queue_empty.text()))

    def select_ref(self, ref: str) -> bool:
        """Make ``ref`` the current row (``current_ref_changed`` fires if it was not); False
        when it is not listed."""
        row = self.queue_model.row_of(ref)
        if row < 0:
            return False
        make_current(self.queue_view, self.queue_model.index(row, 0), rows=False)
        return True

    def _current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if current.isValid():
            self.current_ref_changed.emit(str(current.data(REF_ROLE)))

"""The Ranking page's table: the ranking through its filter, sortable, several rows selectable
and copied as tab-separated text, the columns sized from the font.

The view says which dossier becomes current (``current_ref_changed``); the page decides what that
refreshes.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from selection_desk.formats.tab_separated import tab_separated
from selection_desk.i18n import _
from selection_desk.ui.models.ranking_model import (
    REF_ROLE,
    RankingFilter,
    RankingModel,
    RankingTable,
)
from selection_desk.ui.widgets.item_views import make_current
from selection_desk.ui.widgets.readable_column import ReadableColumn, readable_width


class RankingTableView(RankingTable):
    current_ref_changed = Signal(object)
    """The reference of the row that became current (None: no valid row)."""

    def __init__(
        self, model: RankingModel, proxy: RankingFilter, parent: QWidget | None = None
    ) -> None:
        super().__init__(model, parent)
        self.ranking_model, self.proxy = model, proxy
        self.setObjectName("rankingTable")
        self.setAccessibleName(_("Ranking"))
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._size_columns()
        model.modelReset.connect(self._fit_references)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        copy = QAction(self)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.addAction(copy)

    def _size_columns(self) -> None:
        header = self.horizontalHeader()
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
            title = str(self.ranking_model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                metrics.horizontalAdvance(title) + 18,
                metrics.horizontalAdvance(samples.get(name, "")) + 14,
            )
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(metrics.horizontalAdvance("000") + 12)
        # The name takes the room left (names were cut off while space was free) but never less
        # than a readable width; the other columns keep theirs, so the what-if Change column does
        # not push Flags out of view.
        self.name_column = ReadableColumn(
            self, RankingModel.COLUMNS.index("name"), readable_width(self)
        )

    def _fit_references(self) -> None:
        """The reference column as wide as the longest reference shown ("INC26-0042" was cut to
        "INC26-…"); the name's readable width is kept by ``name_column``."""
        model, column = self.ranking_model, RankingModel.COLUMNS.index("ref")
        refs = [model.entry(row).ref for row in range(model.rowCount())]
        if not refs:
            return
        longest = max(len(ref) for ref in refs)
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(ref) for ref in refs if len(ref) == longest)
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(metrics.horizontalAdvance(title) + 18, widest + 14)
        if self.horizontalHeader().sectionSize(column) != width:
            self.horizontalHeader().resizeSection(column, width)

    def set_row_height(self, height: int) -> None:
        self.verticalHeader().setDefaultSectionSize(height)

    def show_change_column(self, shown: bool) -> None:
        self.setColumnHidden(RankingModel.COLUMNS.index("change"), not shown)
        self.name_column.update()

    def select_ref(self, ref: str) -> bool:
        """Make the row of ``ref`` current; False when it is not listed (filtered out)."""
        row = self.ranking_model.row_of(ref)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.ranking_model.index(row, 0))
        if not index.isValid():
            return False
        make_current(self, index)
        return True

    def selected_text(self) -> str | None:
        """The selected rows as tab-separated text with the headers; None when none is selected."""
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows:
            return None
        columns = range(self.proxy.columnCount())
        header = [str(self.proxy.headerData(c, Qt.Orientation.Horizontal)) for c in columns]
        cells = [[str(self.proxy.index(r, c).data() or "") for c in columns] for r in rows]
        return tab_separated([header, *cells])

    def copy_selection(self) -> None:
        """The selected rows to the clipboard (for a mail, a sheet): an applicant's name never
        becomes a formula in the sheet it is pasted in."""
        text = self.selected_text()
        if text is not None:
            QGuiApplication.clipboard().setText(text)

    def _current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.current_ref_changed.emit(current.data(REF_ROLE) if current.isValid() else None)

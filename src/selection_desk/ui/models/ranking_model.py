"""The ranking table: a thin model over a :class:`~selection_desk.aggregation.Ranking`.

Built for 5,000 rows: nothing is formatted ahead (cells are formatted when painted, with the
language's separators but without Babel's per-call cost), and sorting is done here on plain Python
keys rather than by a sort proxy asking ``data()`` for every comparison.  Rows within the places are
tinted and :class:`CutoffDelegate` draws the cut-off line under the last of them when the table is
in rank order.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from babel.numbers import get_decimal_symbol, get_group_symbol
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QTableView

from selection_desk.i18n import _, babel_locale, current_language, format_number
from selection_desk.ui import theme

if TYPE_CHECKING:
    from selection_desk.aggregation import RankedDossier, Ranking

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ABOVE_CUTOFF_ROLE = Qt.ItemDataRole.UserRole + 2
REF_ROLE = Qt.ItemDataRole.UserRole + 3

ModelIndex = QModelIndex | QPersistentModelIndex

NUMERIC_COLUMNS = frozenset({"rank", "score", "points", "jurors", "spread", "stability", "change"})


@cache
def _separators(language: str) -> tuple[str, str]:
    locale = babel_locale(language)
    return get_decimal_symbol(locale), get_group_symbol(locale)


def fast_number(value: float, decimals: int) -> str:
    """``format_number`` for table cells: same separators, a hundred times cheaper."""
    decimal, group = _separators(current_language())
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", group)


def fast_percent(share: float) -> str:
    number = f"{round(share * 100):d}"
    return f"{number}\u00a0%" if current_language() == "fr" else f"{number}%"


class StabilityState:
    NOT_RUN = "not_run"
    """No bootstrap for this ranking (e.g. Schulze on a large campaign)."""
    PENDING = "pending"
    DONE = "done"


class RankingModel(QAbstractTableModel):
    COLUMNS = (
        "rank",
        "ref",
        "name",
        "score",
        "points",
        "jurors",
        "spread",
        "stability",
        "change",
        "notes",
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ranking: Ranking | None = None
        self._entries: tuple[RankedDossier, ...] = ()
        self._order: list[int] = []
        """Display row → index into ``_entries``."""
        self._baseline_rank: Mapping[str, int] = {}
        self._baseline_selected: frozenset[str] | None = None
        self._stability = StabilityState.NOT_RUN
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._brushes: dict[str, QBrush] = {}
        self._palette_key = -1

    # -- contents ---------------------------------------------------------------------------

    def set_ranking(
        self,
        ranking: Ranking | None,
        *,
        baseline: Ranking | None = None,
        stability: str = StabilityState.NOT_RUN,
    ) -> None:
        """Show ``ranking``; ``baseline`` (the campaign's own ranking) feeds the change column."""
        self.beginResetModel()
        self._ranking = ranking
        self._entries = ranking.entries if ranking else ()
        self._order = self._sorted_order(self._sort_column, self._sort_order)
        if baseline is None or baseline is ranking:
            self._baseline_rank, self._baseline_selected = {}, None
        else:
            self._baseline_rank = {entry.ref: entry.rank for entry in baseline.entries}
            self._baseline_selected = frozenset(entry.ref for entry in baseline.selected)
        self._stability = (
            StabilityState.DONE
            if ranking is not None and ranking.bootstrap is not None
            else stability
        )
        self.endResetModel()

    def set_stability(self, ranking: Ranking) -> bool:
        """The same ranking with a bootstrap: fill p_top and the rank interval in place (the
        selection and scroll position stay).  False when ``ranking`` lists other dossiers."""
        if self._ranking is None or [e.ref for e in ranking.entries] != [
            e.ref for e in self._entries
        ]:
            return False
        self._ranking = ranking
        self._entries = ranking.entries
        self._stability = StabilityState.DONE
        if self._sort_column == self.COLUMNS.index("stability"):
            self.sort(self._sort_column, self._sort_order)
        self._stability_changed()
        return True

    def set_stability_state(self, state: str) -> None:
        self._stability = state
        self._stability_changed()

    def _stability_changed(self) -> None:
        if self._entries:
            column = self.COLUMNS.index("stability")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._entries) - 1, column))

    @property
    def ranking(self) -> Ranking | None:
        return self._ranking

    @property
    def stability(self) -> str:
        return self._stability

    @property
    def compared(self) -> bool:
        """The change column compares with a baseline."""
        return self._baseline_selected is not None

    def entry(self, row: int) -> RankedDossier:
        """The dossier shown at ``row`` (in the table's current order)."""
        return self._entries[self._order[row]]

    def row_of(self, ref: str) -> int | None:
        for row, position in enumerate(self._order):
            if self._entries[position].ref == ref:
                return row
        return None

    @property
    def sorted_by_rank(self) -> bool:
        return self._sort_column == 0 and self._sort_order == Qt.SortOrder.AscendingOrder

    # -- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return _header(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _header_tip(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[self._order[index.row()]]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in NUMERIC_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and entry.above_cutoff:
            return self._brush("tint")
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(entry, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == ABOVE_CUTOFF_ROLE:
            return entry.above_cutoff
        if role == REF_ROLE:
            return entry.ref
        if role == SORT_ROLE:
            return self._sort_key(column)(entry)
        return None

    def _brush(self, kind: str) -> QBrush:
        """Brushes from the current palette, made once per palette (cells ask for them often)."""
        colours = theme.palette()
        if colours.cacheKey() != self._palette_key:
            self._palette_key = colours.cacheKey()
            self._brushes = {
                "tint": QBrush(theme.selected_tint(colours)),
                "muted": QBrush(theme.muted_text(colours)),
                "warning": QBrush(theme.warning(colours)),
                "positive": QBrush(theme.positive(colours)),
            }
        return self._brushes[kind]

    def _foreground(self, entry: RankedDossier, column: str) -> Any:
        if entry.eliminated:
            return self._brush("muted")
        if column == "notes" and entry.flagged:
            return self._brush("warning")
        if column == "change":
            change = self._change(entry)
            if change:
                return self._brush("positive" if change > 0 else "warning")
        return None

    def _font(self, entry: RankedDossier, column: str) -> Any:
        if entry.eliminated:
            font = QFont()
            font.setItalic(True)
            return font
        if column == "rank" and entry.above_cutoff:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # -- cells ------------------------------------------------------------------------------

    def _change(self, entry: RankedDossier) -> int | None:
        before = self._baseline_rank.get(entry.ref)
        return None if before is None else before - entry.rank

    def notes(self, entry: RankedDossier) -> list[tuple[str, str]]:
        """(short, explained) flags of ``entry``: the short form fits the cell, the explained one
        is the tooltip."""
        notes = []
        if entry.eliminated:
            codes = ", ".join(entry.eliminated_by)
            notes.append(
                (
                    _("eliminated ({criteria})").format(criteria=codes),
                    _(
                        "Eliminated: its mean is below the eliminatory threshold of {criteria}."
                    ).format(criteria=codes),
                )
            )
        if entry.score is None and not entry.eliminated:
            notes.append((_("not scored"), _("No juror has a final, complete review of it yet.")))
        if entry.tied:
            notes.append((_("tied"), _("Shares its rank with another dossier.")))
        if entry.tie_broken_by:
            notes.append(
                (
                    _("tie-break: {criterion}").format(criterion=entry.tie_broken_by),
                    _(
                        "Had the same score as another dossier: the mean on {criterion} decided."
                    ).format(criterion=entry.tie_broken_by),
                )
            )
        if entry.flagged:
            notes.append(
                (
                    _("high spread"),
                    _("The jurors disagree: the spread is above the threshold."),
                )
            )
        if self._baseline_selected is not None:
            if entry.above_cutoff and entry.ref not in self._baseline_selected:
                notes.append(
                    (
                        _("enters the places"),
                        _("Within the places here, not with the campaign's method and weights."),
                    )
                )
            elif not entry.above_cutoff and entry.ref in self._baseline_selected:
                notes.append(
                    (
                        _("leaves the places"),
                        _("Within the places with the campaign's method and weights, not here."),
                    )
                )
        return notes

    def _display(self, entry: RankedDossier, column: str) -> str:
        if column == "rank":
            return f"{entry.rank} =" if entry.tied else str(entry.rank)
        if column == "ref":
            return entry.ref
        if column == "name":
            return entry.name
        if column == "jurors":
            return str(entry.jurors)
        if column == "notes":
            return " · ".join(short for short, _long in self.notes(entry))
        if column == "stability":
            if entry.p_top is None:
                return "…" if self._stability == StabilityState.PENDING else "—"
            text = fast_percent(entry.p_top)
            if entry.rank_interval is not None:
                low, high = entry.rank_interval
                text += " · " + (str(low) if low == high else f"{low}–{high}")
            return text
        if column == "change":
            change = self._change(entry)
            if not change:
                return ""
            return f"▲ {change}" if change > 0 else f"▼ {-change}"
        value = getattr(entry, column)
        if value is None:
            return "—"
        return fast_number(value, 1 if column == "spread" else 2)

    def _tooltip(self, entry: RankedDossier, column: str) -> str | None:
        if column == "notes":
            return "\n".join(long for _short, long in self.notes(entry)) or None
        if column == "rank" and entry.above_cutoff and self._ranking is not None:
            return _("Within the {places} places").format(places=self._ranking.places)
        if column == "change" and entry.ref in self._baseline_rank:
            return _("Rank with the campaign's method and saved weights: {rank}").format(
                rank=self._baseline_rank[entry.ref]
            )
        if column == "stability":
            return self._stability_tip(entry)
        if column == "name":
            return entry.name
        if column == "ref":
            return entry.ref
        return None

    def _stability_tip(self, entry: RankedDossier) -> str | None:
        if self._stability == StabilityState.PENDING:
            return _("Computing the stability of the ranking…")
        if entry.p_top is None or self._ranking is None:
            return None
        resamples = self._ranking.bootstrap.resamples if self._ranking.bootstrap else 0
        text = _(
            "Within the {places} places in {share} of {resamples} resamples of the jury."
        ).format(
            places=self._ranking.places,
            share=fast_percent(entry.p_top),
            resamples=format_number(resamples, 0),
        )
        if entry.rank_interval is not None:
            low, high = entry.rank_interval
            text += "\n" + _("Rank between {low} and {high} in 90 % of them.").format(
                low=low, high=high
            )
        return text

    # -- sorting ----------------------------------------------------------------------------

    def _sort_key(self, column: str) -> Callable[[RankedDossier], Any]:
        if column == "rank":
            return lambda entry: entry.rank
        if column == "ref":
            return lambda entry: entry.ref.casefold()
        if column == "name":
            return lambda entry: entry.name.casefold()
        if column == "notes":
            return lambda entry: self._display(entry, "notes").casefold() or None
        if column == "stability":
            return lambda entry: (
                None if entry.p_top is None else (entry.p_top, -(entry.rank_interval or (0, 0))[0])
            )
        if column == "change":
            return self._change
        return lambda entry: getattr(entry, column)

    def _sorted_order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """Rows by ``column``; missing values last in both directions, rank order among equals."""
        positions = list(range(len(self._entries)))
        if column == 0 and order == Qt.SortOrder.AscendingOrder:
            return positions  # the ranking's own order: best first, eliminated last
        key = self._sort_key(self.COLUMNS[column])
        keys = [key(entry) for entry in self._entries]
        present = [p for p in positions if keys[p] is not None]
        missing = [p for p in positions if keys[p] is None]
        # Stable in both directions (reverse=True keeps equal keys in rank order).
        present.sort(key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return present + missing

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        if not self._entries:
            return
        self.layoutAboutToBeChanged.emit()
        previous = self.persistentIndexList()
        refs = [self._entries[self._order[index.row()]].ref for index in previous]
        self._order = self._sorted_order(column, order)
        row_of = {self._entries[position].ref: row for row, position in enumerate(self._order)}
        moved = [
            self.index(row_of[ref], index.column())
            for ref, index in zip(refs, previous, strict=True)
        ]
        self.changePersistentIndexList(previous, moved)
        self.layoutChanged.emit()


def _header(column: str) -> str:
    return {
        "rank": _("Rank"),
        "ref": _("Ref"),
        "name": _("Name"),
        "score": _("Score"),
        "points": _("Points"),
        "jurors": _("Jurors"),
        "spread": _("Spread"),
        "stability": _("P(top) · ranks"),
        "change": _("Change"),
        "notes": _("Flags"),
    }[column]


def _header_tip(column: str) -> str | None:
    return {
        "rank": _("1 = best; equal scores share a rank (=); eliminated dossiers come last."),
        "score": _("The dossier's aggregate by the chosen method."),
        "points": _("Weighted sum of the criterion means, in the criteria's own units."),
        "jurors": _("How many jurors' final, complete reviews counted."),
        "spread": _("Standard deviation of the jurors' totals (0–100): how much they disagree."),
        "stability": _(
            "Share of the resamples of the jury (the campaign's stability setting) in which the "
            "dossier is within the places, and the range of ranks 90 % of them give it."
        ),
        "change": _("Places gained or lost against the campaign's method and saved weights."),
        "notes": _("Eliminations, ties, disagreements and changes of the selection."),
    }.get(column)


class RankingFilter(QSortFilterProxyModel):
    """Filters rows by reference or name; sorting is the source model's (fast on 5,000 rows)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        if not hasattr(self, "beginFilterChange"):  # Qt < 6.9
            self._needle = text.strip().casefold()
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        if not self._needle:
            return True
        source = self.sourceModel()
        assert isinstance(source, RankingModel)
        entry = source.entry(source_row)
        return self._needle in entry.ref.casefold() or self._needle in entry.name.casefold()


class RankingTable(QTableView):
    """The ranking's table view: draws the cut-off line under the last row within the places.

    One line per paint, drawn over the visible rows only (not a delegate per cell: a Python call
    per painted cell costs tens of milliseconds on a full screen)."""

    def __init__(self, model: RankingModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._ranking_model = model

    def cutoff_rows(self) -> list[int]:
        """View rows under which the cut-off line is drawn (none unless in rank order)."""
        model = self.model()
        if model is None or not self._ranking_model.sorted_by_rank:
            return []
        first = self.rowAt(0)
        if first < 0:
            return []
        last = self.rowAt(self.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        rows = []
        above = model.index(first, 0).data(ABOVE_CUTOFF_ROLE)
        for row in range(first, last + 1):
            below = row + 1 < model.rowCount() and model.index(row + 1, 0).data(ABOVE_CUTOFF_ROLE)
            if above and not below:
                rows.append(row)
            above = below
        return rows

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        rows = self.cutoff_rows()
        if not rows:
            return
        painter = QPainter(self.viewport())
        try:
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidth(3)
            painter.setPen(pen)
            for row in rows:
                y = self.rowViewportPosition(row) + self.rowHeight(row) - 2
                painter.drawLine(0, y, self.viewport().width(), y)
        finally:
            painter.end()

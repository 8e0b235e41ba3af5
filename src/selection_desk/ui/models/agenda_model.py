"""A thin table model over the meeting's agenda (:func:`~selection_desk.aggregation.agenda.
build_agenda`): rank, dossier, score, decision; rows that call for discussion carry a flag."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from selection_desk.aggregation.agenda import AgendaItem, flag_label
from selection_desk.domain import Outcome
from selection_desk.i18n import _, format_number
from selection_desk.labels import label

ModelIndex = QModelIndex | QPersistentModelIndex
REF_ROLE = Qt.ItemDataRole.UserRole + 1


def is_dark() -> bool:
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def outcome_color(outcome: Outcome) -> QColor:
    """Readable on the window's background, light or dark."""
    dark = is_dark()
    return QColor(
        {
            Outcome.SELECTED: "#6fcf7f" if dark else "#1b6e2e",
            Outcome.WAITING_LIST: "#e0b050" if dark else "#8a5a00",
            Outcome.REJECTED: "#f08080" if dark else "#a12a2a",
            Outcome.DEFERRED: "#8fb8f0" if dark else "#2a5a9a",
        }[outcome]
    )


def within_places_brush() -> QBrush:
    return QBrush(QColor("#1f4d2b") if is_dark() else QColor("#e3f4e6"))


ZONE_MARK = "≈"
"""Beside the rank of a dossier of the cut-off zone: statistically indistinguishable at the line."""


class AgendaModel(QAbstractTableModel):
    COLUMNS = ("rank", "name", "score", "decision")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: tuple[AgendaItem, ...] = ()
        self._places = 0
        self._rows: dict[str, int] = {}
        self._zone: frozenset[str] = frozenset()
        self._drafts: dict[str, Outcome | None] = {}
        """Ref → the outcome typed in its decision form but not recorded (None: none chosen)."""

    def set_items(
        self, items: tuple[AgendaItem, ...], places: int, zone: frozenset[str] = frozenset()
    ) -> None:
        """``zone``: the refs of the cut-off zone (design §12), marked "≈" beside their rank."""
        self.beginResetModel()
        self._items = items
        self._places = places
        self._zone = zone
        self._rows = {item.ref: row for row, item in enumerate(items)}
        self.endResetModel()

    def set_drafts(self, drafts: Mapping[str, Outcome | None]) -> None:
        """Show the decisions typed but not recorded yet as drafts (they showed as "—")."""
        if dict(drafts) == self._drafts:
            return
        self._drafts = dict(drafts)
        column = self.COLUMNS.index("decision")
        if self._items:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._items) - 1, column))

    def _decision_text(self, item: AgendaItem) -> str:
        if item.ref in self._drafts:
            outcome = self._drafts[item.ref]
            if outcome is None:
                return _("draft")
            return _("{outcome} (draft)").format(outcome=label(outcome))
        return "—" if item.decision is None else label(item.decision.outcome)

    def item(self, row: int) -> AgendaItem:
        return self._items[row]

    def row_of(self, ref: str) -> int | None:
        return self._rows.get(ref)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "rank": _("Rank"),
            "name": _("Dossier"),
            "score": _("Score"),
            "decision": _("Decision"),
        }[self.COLUMNS[section]]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        entry = item.entry
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "rank":
                tied = " =" if entry.tied else ""
                return f"{entry.rank}{tied}{f' {ZONE_MARK}' if item.ref in self._zone else ''}"
            if column == "name":
                return entry.name
            if column == "score":
                return "—" if entry.score is None else format_number(entry.score, 2)
            return self._decision_text(item)
        if role == REF_ROLE:
            return item.ref
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(item))
        if role == Qt.ItemDataRole.DecorationRole and column == "name":
            if item.calls_for_discussion:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("rank", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "decision" and item.decision is not None and item.ref not in self._drafts:
                return QBrush(outcome_color(item.decision.outcome))
            if entry.eliminated:
                return QBrush(QColor("#8a8a8a"))  # readable on light and dark bases
        if role == Qt.ItemDataRole.FontRole and column == "decision":
            return self._decision_font(item)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and entry.above_cutoff
            and entry.rank <= self._places
        ):
            return within_places_brush()
        return None

    def _decision_font(self, item: AgendaItem) -> QFont | None:
        """Italic for a draft, bold for a recorded decision."""
        if item.ref in self._drafts:
            font = QFont()
            font.setItalic(True)
            return font
        if item.decision is not None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, item: AgendaItem) -> str:
        lines = [f"{item.entry.ref} — {item.entry.name}"]
        if item.ref in self._drafts:
            lines.append(_("Decision typed but not recorded yet."))
        if item.flags:
            lines.append(", ".join(flag_label(flag) for flag in item.flags))
        if item.ref in self._zone:
            lines.append(f"{ZONE_MARK} " + _("indistinguishable at the line"))
        return "\n".join(lines)


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it literally: Qt renders a tooltip that looks like markup
    as rich text, so the text is escaped inside an explicit rich-text block."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"

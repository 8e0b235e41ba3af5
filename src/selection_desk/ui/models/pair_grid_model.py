"""The juror × dossier grid of the Campaign page: conflicts of interest, or assignments.

One row per dossier (there may be thousands), one column per juror (a few dozen).  A thin adapter
over the campaign's values: it never writes; edits are asked for through signals, which the page
turns into undoable use cases.  Refreshing keeps the rows and columns when they are the same, so
that the current cell and the selection survive each change.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from selection_desk.domain import CampaignData
from selection_desk.domain.conflict_of_interest import may_score
from selection_desk.formats.headers import normalise_header
from selection_desk.i18n import _

CONFLICTS = "conflicts"
ASSIGNMENTS = "assignments"

CONFLICT_MARK = "✕"
ASSIGNED_MARK = "✓"
SCORED_MARK = "•"

Index = QModelIndex | QPersistentModelIndex


def _mix(first: QColor, second: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * share,
        first.greenF() + (second.greenF() - first.greenF()) * share,
        first.blueF() + (second.blueF() - first.blueF()) * share,
    )


class PairGridModel(QAbstractTableModel):
    toggle_requested = Signal(str, str)
    """(juror, dossier): declare/withdraw a conflict, or assign/unassign."""
    reason_edited = Signal(str, str, str)
    """(juror, dossier, reason): a conflict's reason typed in its cell."""

    def __init__(self, mode: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.jurors: list[tuple[str, str]] = []
        self.dossiers: list[tuple[str, str]] = []
        self.conflicts: dict[tuple[str, str], str] = {}
        self.scored: set[tuple[str, str]] = set()
        self.assigned: frozenset[tuple[str, str]] | None = None
        self.loads: dict[str, int] = {}
        self.team_sizes: dict[str, int] = {}

    # -- content ----------------------------------------------------------------------------------

    def set_campaign(self, data: CampaignData | None) -> None:
        jurors = [(j.code, j.name) for j in data.jurors] if data else []
        dossiers = [(d.ref, d.name) for d in data.dossiers] if data else []
        self.conflicts = {(c.juror, c.dossier): c.reason for c in data.conflicts} if data else {}
        # Reviews, not scores: one row per juror and dossier begun (scores are ten times more).
        self.scored = (
            {(r.juror, r.dossier) for r in data.reviews}
            if data and self.mode == CONFLICTS
            else set()
        )
        pairs = frozenset((a.juror, a.dossier) for a in data.assignments) if data else frozenset()
        self.assigned = pairs or None
        self.loads, self.team_sizes = self._counts(jurors, dossiers)
        if jurors == self.jurors and dossiers == self.dossiers:
            if self.dossiers and self.jurors:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self.dossiers) - 1, len(self.jurors) - 1)
                )
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.jurors) - 1)
            return
        self.beginResetModel()
        self.jurors, self.dossiers = jurors, dossiers
        self.endResetModel()

    def _counts(
        self, jurors: list[tuple[str, str]], dossiers: list[tuple[str, str]]
    ) -> tuple[dict[str, int], dict[str, int]]:
        """Dossiers each juror scores, and jurors each dossier gets, conflicts left out."""
        if self.assigned is None:
            by_juror = Counter(juror for juror, _dossier in self.conflicts)
            by_dossier = Counter(dossier for _juror, dossier in self.conflicts)
            return (
                {code: len(dossiers) - by_juror[code] for code, _name in jurors},
                {ref: len(jurors) - by_dossier[ref] for ref, _name in dossiers},
            )
        kept = [pair for pair in self.assigned if pair not in self.conflicts]
        by_juror = Counter(juror for juror, _dossier in kept)
        by_dossier = Counter(dossier for _juror, dossier in kept)
        return (
            {code: by_juror[code] for code, _name in jurors},
            {ref: by_dossier[ref] for ref, _name in dossiers},
        )

    def is_assigned(self, juror: str, dossier: str) -> bool:
        if not may_score(juror, dossier, self.conflicts):
            return False
        return self.assigned is None or (juror, dossier) in self.assigned

    def pair(self, index: Index) -> tuple[str, str]:
        return self.jurors[index.column()][0], self.dossiers[index.row()][0]

    def cell(self, juror: str, dossier: str) -> QModelIndex:
        columns = [code for code, _name in self.jurors]
        rows = [ref for ref, _name in self.dossiers]
        return self.index(rows.index(dossier), columns.index(juror))

    def row_label(self, row: int) -> str:
        ref, name = self.dossiers[row]
        return f"{ref} · {name}"

    # -- Qt model ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.dossiers)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.jurors)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.mode == CONFLICTS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        juror, dossier = self.pair(index)
        conflicted = (juror, dossier) in self.conflicts
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(juror, dossier, conflicted)
        if role == Qt.ItemDataRole.EditRole:
            return self.conflicts.get((juror, dossier), "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index, juror, dossier, conflicted)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if self.mode == CONFLICTS and conflicted and self.conflicts[(juror, dossier)]:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(juror, dossier, conflicted)
        if role == Qt.ItemDataRole.ForegroundRole and self._muted(conflicted):
            palette = QApplication.palette()
            return _mix(
                palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.5
            )
        return None

    def _muted(self, conflicted: bool) -> bool:
        """Marks that inform rather than state: scored dots, conflicts among assignments,
        assignments that are only the default."""
        if self.mode == CONFLICTS:
            return not conflicted
        return conflicted or self.assigned is None

    def _display(self, juror: str, dossier: str, conflicted: bool) -> str:
        if self.mode == CONFLICTS:
            if conflicted:
                reason = self.conflicts[(juror, dossier)]
                return f"{CONFLICT_MARK} {reason}" if reason else CONFLICT_MARK
            return SCORED_MARK if (juror, dossier) in self.scored else ""
        if conflicted:
            return CONFLICT_MARK
        return ASSIGNED_MARK if self.is_assigned(juror, dossier) else ""

    def _tooltip(self, index: Index, juror: str, dossier: str, conflicted: bool) -> str:
        who = _("{juror} ({name}) and {dossier} ({title})").format(
            juror=juror,
            name=self.jurors[index.column()][1],
            dossier=dossier,
            title=self.dossiers[index.row()][1],
        )
        if conflicted:
            reason = self.conflicts[(juror, dossier)] or _("no reason given")
            state = _("conflict of interest: {reason}").format(reason=reason)
        elif self.mode == CONFLICTS:
            state = (
                _("already scored: declaring a conflict removes that review")
                if (juror, dossier) in self.scored
                else _("no conflict")
            )
        elif self.is_assigned(juror, dossier):
            state = _("assigned")
        else:
            state = _("not assigned")
        return f"{who}\n{state}"

    def _background(self, juror: str, dossier: str, conflicted: bool) -> QColor | None:
        palette = QApplication.palette()
        base = palette.color(QPalette.ColorRole.Base)
        if conflicted:
            return _mix(base, palette.color(QPalette.ColorRole.Text), 0.12)
        if (
            self.mode == ASSIGNMENTS
            and self.assigned is not None
            and self.is_assigned(juror, dossier)
        ):
            return _mix(base, palette.color(QPalette.ColorRole.Highlight), 0.18)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if self.mode != CONFLICTS or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        juror, dossier = self.pair(index)
        reason = str(value or "").strip()
        if (juror, dossier) not in self.conflicts and not reason:
            return False
        if self.conflicts.get((juror, dossier)) == reason:
            return False
        self.reason_edited.emit(juror, dossier, reason)
        return True

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.jurors):
            code, name = self.jurors[section]
            if role == Qt.ItemDataRole.DisplayRole:
                if self.mode == ASSIGNMENTS:
                    return f"{code}\n{self.loads.get(code, 0)}"
                return code
            if role == Qt.ItemDataRole.ToolTipRole:
                if self.mode == ASSIGNMENTS:
                    return _("{name}: {count} dossier(s) to score").format(
                        name=name, count=self.loads.get(code, 0)
                    )
                return name
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.dossiers):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.row_label(section)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.dossiers[section][1]
        return None


class DossierFilter(QSortFilterProxyModel):
    """Keeps the rows whose dossier reference or name contains the typed text (any accents)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self._needle = normalise_header(text)
        self.setFilterFixedString(text)  # refilters (invalidateFilter is deprecated)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return True
        model = self.sourceModel()
        assert isinstance(model, PairGridModel)
        return self._needle in normalise_header(model.row_label(source_row))

"""The dossier table: a thin model over the campaign's dossiers, and its search/filter proxy.

Rows are built once per campaign change (``set_campaign``) with everything the view asks for
precomputed — display texts, sort keys, the accent-free text searched — so that scrolling,
sorting and typing in the search box stay instant with 10,000 dossiers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from selection_desk.domain import CampaignData, Dossier, ReviewStatus
from selection_desk.formats.column_types import TYPE_SAMPLE_ROWS, column_type
from selection_desk.formats.field_filter import FieldCondition
from selection_desk.formats.headers import fold
from selection_desk.formats.typed_values import Kind, typed_field
from selection_desk.i18n import _
from selection_desk.labels import label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
REF_ROLE = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex

FIXED_COLUMNS = ("status", "ref", "name", "attachments", "conflicts")


@dataclass(frozen=True)
class DossierRow:
    dossier: Dossier
    status: str
    status_key: tuple[int, float]
    attachments: int
    conflicts: int
    decided: bool

    @cached_property
    def haystack(self) -> str:
        """What a search looks in, folded; made on the first search, not with the list (on 5,000
        dossiers of 30 fields, folding them all took a third of a second of the page's first
        show)."""
        dossier = self.dossier
        return fold("\n".join([dossier.ref, dossier.name, *dossier.fields.values(), self.status]))


def build_rows(data: CampaignData, attachment_counts: Mapping[str, int]) -> list[DossierRow]:
    finals = Counter(r.dossier for r in data.reviews if r.status is ReviewStatus.FINAL)
    conflicts = Counter(c.dossier for c in data.conflicts)
    decided = {d.dossier for d in data.decisions}
    jurors = [j.code for j in data.jurors]
    if data.assignments:
        expected = Counter(a.dossier for a in data.assignments)
    else:
        expected = Counter({d.ref: len(jurors) - conflicts.get(d.ref, 0) for d in data.dossiers})
    decisions = {d.dossier: d for d in data.decisions}
    rows: list[DossierRow] = []
    for dossier in data.dossiers:
        decision = decisions.get(dossier.ref)
        if decision is not None:
            status, key, is_decided = label(decision.outcome), (2, 0.0), True
        else:
            status, key, is_decided = _status_without_decision(
                finals.get(dossier.ref, 0), expected.get(dossier.ref, 0)
            )
        rows.append(
            DossierRow(
                dossier,
                status,
                key,
                attachment_counts.get(dossier.ref, 0),
                conflicts.get(dossier.ref, 0),
                is_decided or dossier.ref in decided,
            )
        )
    return rows


def _status_without_decision(done: int, total: int) -> tuple[str, tuple[int, float], bool]:
    if not total:
        return "", (0, 0.0), False
    text = _("{done} of {total} reviews final").format(done=done, total=total)
    return text, (1, done / total), False


def field_headers(dossiers: Sequence[Dossier]) -> list[str]:
    """Every field header, in the order they first appear (the form's order)."""
    seen: dict[str, None] = {}
    for dossier in dossiers:
        for header in dossier.fields:
            seen.setdefault(header, None)
    return list(seen)


class DossierTableModel(QAbstractTableModel):
    """The dossiers, in the file's order or sorted by one column.

    The model sorts itself (:meth:`sort`; the filter proxy forwards its sort here): the sort
    keys of a column are computed once per campaign and the rows ordered by Python's sort,
    where a proxy would call :meth:`data` twice per comparison — seconds with 10,000 rows.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._file_rows: list[DossierRow] = []
        self._order: list[int] = []
        """Displayed row → its index in the file's order."""
        self._rows: list[DossierRow] = []
        self._fields: list[str] = []
        self._keys: dict[str, list[Any]] = {}
        self._sorted_by: tuple[str, Qt.SortOrder] | None = None
        self._field_types: Mapping[str, str] = {}
        self._detected_types: dict[str, str] = {}

    def set_campaign(
        self,
        data: CampaignData | None,
        attachment_counts: Mapping[str, int],
        field_types: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``data``'s dossiers; a field sorts by the type the import stored for it
        (``field_types``), else by what its text reads as."""
        self.beginResetModel()
        self._keys = {}
        self._field_types = field_types or {}
        self._detected_types = {}
        if data is None:
            self._file_rows, self._fields = [], []
        else:
            self._file_rows = build_rows(data, attachment_counts)
            self._fields = field_headers(data.dossiers)
        self._order = self._ordered(self._sorted_by)
        self._rows = [self._file_rows[index] for index in self._order]
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by ``column`` (natural order, accents and case ignored; ties keep the file's
        order); a column of -1 restores the file's order.  Selections follow their rows."""
        valid = 0 <= column < self.columnCount()
        sorted_by = (self.column_key(column), order) if valid else None
        self._sorted_by = sorted_by
        new_order = self._ordered(sorted_by)
        if new_order == self._order:
            return
        self.layoutAboutToBeChanged.emit()
        displayed_at = {file_index: row for row, file_index in enumerate(new_order)}
        old_order = self._order
        persistent = self.persistentIndexList()
        moved = [
            self.index(displayed_at[old_order[index.row()]], index.column()) for index in persistent
        ]
        self._order = new_order
        self._rows = [self._file_rows[index] for index in new_order]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _ordered(self, sorted_by: tuple[str, Qt.SortOrder] | None) -> list[int]:
        indexes = list(range(len(self._file_rows)))
        if sorted_by is None:
            return indexes
        key, order = sorted_by
        if key.startswith("field:") and key[6:] not in self._fields:
            return indexes
        values = self._sort_keys(key)
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(indexes, key=values.__getitem__, reverse=descending)

    def _sort_keys(self, key: str) -> list[Any]:
        values = self._keys.get(key)
        if values is None:
            if key.startswith("field:"):
                stored = self._field_types.get(key[6:])
                texts = (row.dossier.fields.get(key[6:], "") for row in self._file_rows)
                values = [_field_sort_key(text, stored) for text in texts]
            else:
                values = [self.sort_value(row, key) for row in self._file_rows]
            self._keys[key] = values
        return values

    @property
    def fields(self) -> list[str]:
        return list(self._fields)

    def field_type(self, name: str) -> str | None:
        """The type the import stored for field ``name``, else the one its values show (a
        campaign made from a workbook, a file older than the stored types); ``None`` for a
        field the campaign does not have."""
        stored = self._field_types.get(name)
        if stored is not None or name not in self._fields:
            return stored
        detected = self._detected_types.get(name)
        if detected is None:
            texts = [row.dossier.fields.get(name, "") for row in self._file_rows]
            detected = column_type(name, texts[:TYPE_SAMPLE_ROWS], texts).spelled()
            self._detected_types[name] = detected
        return detected

    def row(self, index: int) -> DossierRow:
        return self._rows[index]

    def row_of(self, ref: str) -> int:
        for number, row in enumerate(self._rows):
            if row.dossier.ref == ref:
                return number
        return -1

    def column_key(self, column: int) -> str:
        if column < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[column]
        return "field:" + self._fields[column - len(FIXED_COLUMNS)]

    def column_title(self, column: int) -> str:
        key = self.column_key(column)
        titles = {
            "status": _("Status"),
            "ref": _("Ref"),
            "name": _("Name"),
            "attachments": _("Attachments"),
            "conflicts": _("Conflicts"),
        }
        return titles.get(key, key.removeprefix("field:"))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._fields)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.column_title(section)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == SORT_ROLE:
            return self._sort_keys(self.column_key(index.column()))[self._order[index.row()]]
        row = self._rows[index.row()]
        key = self.column_key(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == REF_ROLE:
            return row.dossier.ref
        if role == Qt.ItemDataRole.ToolTipRole and key.startswith("field:"):
            text = row.dossier.fields.get(key[6:], "")
            return text if len(text) > 60 or "\n" in text else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("attachments", "conflicts"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _display(row: DossierRow, key: str) -> str:
        if key == "status":
            return row.status
        if key == "ref":
            return row.dossier.ref
        if key == "name":
            return row.dossier.name
        if key == "attachments":
            return str(row.attachments) if row.attachments else ""
        if key == "conflicts":
            return str(row.conflicts) if row.conflicts else ""
        text = row.dossier.fields.get(key[6:], "")
        return " ".join(text.split()) if "\n" in text else text

    @staticmethod
    def sort_value(row: DossierRow, key: str) -> Any:
        """The raw value a column sorts by (natural order, accents and case ignored)."""
        if key == "status":
            return f"{row.status_key[0]}:{row.status_key[1]:.6f}"
        if key == "attachments":
            return row.attachments
        if key == "conflicts":
            return row.conflicts
        if key == "ref":
            return _natural(row.dossier.ref)
        if key == "name":
            return fold(row.dossier.name)
        return _field_sort_key(row.dossier.fields.get(key[6:], ""))


def _field_sort_key(text: str, stored_type: str | None = None) -> tuple[int, float, str]:
    """A field sorts by its value, read with its stored type when it has one: 2 before 11,
    02/11/2020 before 15/03/2021; text after, by its letters (accents and case ignored)."""
    value = typed_field(text, stored_type)
    if value.kind is Kind.TEXT:
        return (2, 0.0, fold(text))
    return value.sort_key()


_DIGITS = re.compile(r"\d+")


def _natural(text: str) -> str:
    """“D-9” before “D-10”: digits padded for sorting."""
    return _DIGITS.sub(lambda match: match.group(0).zfill(12), fold(text))


FILTERS = ("all", "attachments", "no_attachments", "conflicts", "decided", "undecided")


def filter_titles() -> dict[str, str]:
    return {
        "all": _("All dossiers"),
        "attachments": _("With attachments"),
        "no_attachments": _("Without attachments"),
        "conflicts": _("With a conflict of interest"),
        "decided": _("Decided"),
        "undecided": _("Not decided yet"),
    }


class DossierFilterModel(QSortFilterProxyModel):
    """Full-text search across every field (accents and case ignored; every word must appear),
    a status filter and a condition on one field, typed as the field is
    (:mod:`~selection_desk.formats.field_filter`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._filter = "all"
        self._field = ""
        self._condition: FieldCondition | None = None
        self._verdicts: dict[str, bool] = {}
        """Field text → whether it meets the condition (answers repeat: read each once)."""
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted by the dossier model itself (see :class:`DossierTableModel`); the proxy keeps
        its rows in the model's order and only filters."""
        model = self.sourceModel()
        if isinstance(model, DossierTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_search(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status_filter(self, key: str) -> None:
        if key != self._filter:
            self.beginFilterChange()
            self._filter = key
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_field_condition(self, field: str, condition: FieldCondition | None) -> None:
        """Keep only the dossiers whose ``field`` meets ``condition`` (``None``: no condition)."""
        if (field, condition) != (self._field, self._condition):
            self.beginFilterChange()
            self._field, self._condition = field, condition
            self._verdicts = {}
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _meets_condition(self, row: DossierRow) -> bool:
        condition = self._condition
        if condition is None or not self._field:
            return True
        text = row.dossier.fields.get(self._field, "")
        verdict = self._verdicts.get(text)
        if verdict is None:
            verdict = self._verdicts[text] = condition.matches(text)
        return verdict

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, DossierTableModel)
        row = model.row(source_row)
        wanted = self._filter
        if wanted == "attachments" and not row.attachments:
            return False
        if wanted == "no_attachments" and row.attachments:
            return False
        if wanted == "conflicts" and not row.conflicts:
            return False
        if wanted == "decided" and not row.decided:
            return False
        if wanted == "undecided" and row.decided:
            return False
        if not self._meets_condition(row):
            return False
        if not self._words:
            return True
        haystack = row.haystack
        return all(word in haystack for word in self._words)

"""Widgets of the set-up pages and the import wizard on their own, built from plain data: the
criterion form, the key table, the number box and the busy row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from selection_desk.domain import Criterion, RubricLevel
from selection_desk.ui.pages.setup_criterion_form import CriterionForm
from selection_desk.ui.widgets.busy_row import BusyRow
from selection_desk.ui.widgets.key_table import KeyTable
from selection_desk.ui.widgets.number_spin import NumberSpin

pytestmark = pytest.mark.gui

TEAM = Criterion(
    "TEAM",
    "Team",
    2.0,
    0,
    4,
    1,
    threshold=1.0,
    group="People",
    description="Who builds it",
    levels=(RubricLevel(0, "None"), RubricLevel(4, "Strong", "complete team")),
)


def test_the_criterion_form_gives_back_the_criterion_it_shows(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = CriterionForm()
    qtbot.addWidget(form)
    form.show_criterion(TEAM, new=False, others_weight=3.0)
    assert form.title() == "Criterion TEAM"
    assert form.criterion() == TEAM
    form.has_threshold.setChecked(False)
    form.fill_levels_button.click()
    edited = form.criterion()
    assert edited.threshold is None
    assert [level.value for level in edited.levels] == [0, 1, 2, 3, 4]
    assert edited.levels[-1] == RubricLevel(4, "Strong", "complete team")
    form.show_criterion(TEAM, new=True, others_weight=0.0)
    assert form.title() == "New criterion"


def test_the_share_of_a_new_criterion_follows_the_weight_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = CriterionForm()
    qtbot.addWidget(form)
    form.show_criterion(Criterion("C3", "", 1.0, 0, 5, 1), new=True, others_weight=90.0)
    assert form.share.text() == "1.1 % of the total weight"
    form.weight.setValue(10.0)
    assert form.share.text() == "10.0 % of the total weight"


def test_the_key_table_asks_to_delete_or_insert_a_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = KeyTable(2, 2)
    qtbot.addWidget(table)
    asked: list[str] = []
    table.delete_pressed.connect(lambda: asked.append("delete"))
    table.insert_pressed.connect(lambda: asked.append("insert"))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    qtbot.keyClick(table, Qt.Key.Key_Insert)
    assert asked == ["delete", "insert"]


def test_the_number_box_writes_numbers_without_trailing_zeros(qtbot) -> None:  # type: ignore[no-untyped-def]
    spin = NumberSpin()
    qtbot.addWidget(spin)
    spin.setDecimals(2)
    spin.setLocale(QLocale(QLocale.Language.French))
    assert spin.textFromValue(2.0) == "2"
    assert spin.textFromValue(2.5) == "2,5"
    assert spin.textFromValue(1234.25) == "1234,25"


class _Handle:
    """Stands in for a TaskHandle: records the cancel."""

    def __init__(self, done: bool) -> None:
        self.done = done
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


def test_the_busy_row_shows_while_its_task_runs_and_cancels_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    row = BusyRow()
    qtbot.addWidget(row)
    assert row.isHidden()
    handle = _Handle(done=False)
    row.start(handle)  # type: ignore[arg-type]
    assert not row.isHidden()
    row.progress(3, 10, "")
    assert (row.bar.value(), row.bar.maximum()) == (3, 10)
    row.cancel_button.click()
    assert handle.cancelled
    row.stop()
    assert row.isHidden()
    row.start(_Handle(done=True))  # type: ignore[arg-type]
    assert row.isHidden()

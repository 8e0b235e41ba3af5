"""The Scoring page's widgets on their own, built from plain data (no store, no session): the
juror picker, the workspace header and the juror's queue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from selection_desk.domain import Role
from selection_desk.services.scoring_workspace import (
    QueueItem,
    QueueOrder,
    QueueStatus,
    ScoringJuror,
)
from selection_desk.ui.pages.scoring_header import WorkspaceHeader, progress_format
from selection_desk.ui.pages.scoring_picker import JurorPicker
from selection_desk.ui.pages.scoring_queue import QueuePanel, shown_items

pytestmark = pytest.mark.gui

QUEUE = [
    QueueItem("D1", "Alpha", QueueStatus.FINAL, 3),
    QueueItem("D2", "Beta", QueueStatus.DRAFT, 3),
    QueueItem("D3", "Gamma", QueueStatus.UNSCORED, 0),
]


def test_the_picker_asks_a_pin_only_of_jurors_who_have_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    picker = JurorPicker()
    qtbot.addWidget(picker)
    picker.show()
    assert picker.empty.text() == "Open a campaign to score its dossiers."
    jurors = [
        ScoringJuror("A", "Ann", Role.PRESIDENT, has_pin=True),
        ScoringJuror("B", "Bob", Role.MEMBER, has_pin=False),
    ]
    picker.set_jurors(jurors, paper_allowed=False)
    assert picker.jurors.count() == 2
    assert picker.selected_code() == "A"
    assert picker.pin.isVisible()
    assert not picker.paper_button.isVisible()
    picker.pin.setText("1234")
    with qtbot.waitSignal(picker.start_requested) as started:
        qtbot.mouseClick(picker.start_button, Qt.MouseButton.LeftButton)
    assert started.args == ["A", "1234"]
    picker.jurors.setCurrentRow(1)
    assert not picker.pin.isVisible()
    picker.set_jurors(jurors, paper_allowed=True)
    assert picker.selected_code() == "B"  # the choice survives a refresh
    assert picker.paper_button.isVisible()
    picker.set_jurors([], paper_allowed=True)
    assert picker.empty.text().startswith("This campaign has no juror yet")


def test_the_header_counts_complete_drafts_apart_and_marks_the_saved_state(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    header = WorkspaceHeader()
    qtbot.addWidget(header)
    header.show_progress(QUEUE, criteria=3)
    assert header.progress.text() == "1 / 3 final, 1 complete draft(s)"
    assert header.progress.toolTip() == "1 final, 1 draft(s), 1 not scored yet"
    assert progress_format(QUEUE, criteria=4) == "1 / 3 scored"
    header.set_saved_state("Not saved: locked", problem=True)
    assert header.save_state.text() == "⚠ Not saved: locked"
    assert header.save_state.property("problem") is True
    header.set_saved_state("Saved at 10:00:00", saved=True)
    assert header.save_state.text() == "✓ Saved at 10:00:00"


def test_the_queue_filters_keeps_the_dossier_on_screen_and_says_why_it_is_empty(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    panel = QueuePanel()
    qtbot.addWidget(panel)
    panel.show()
    todo = panel.filter_choice.findData("todo")
    panel.filter_choice.setCurrentIndex(todo)
    assert [i.ref for i in shown_items(QUEUE, panel.statuses(), None)] == ["D2", "D3"]
    assert [i.ref for i in shown_items(QUEUE, panel.statuses(), "D1")] == ["D1", "D2", "D3"]
    moved: list[str] = []
    panel.current_ref_changed.connect(moved.append)
    panel.show_items(QUEUE[1:], assigned=True)
    assert not panel.queue_empty.isVisible()
    assert panel.select_ref("D3")
    assert moved == ["D3"]
    assert not panel.select_ref("D1")
    panel.show_items([], assigned=True)
    assert panel.queue_empty.text() == "No dossier matches this filter."
    panel.show_items([], assigned=False)
    assert panel.queue_empty.text() == "No dossier is assigned to you in this campaign."
    orders: list[None] = []
    panel.order_changed.connect(lambda: orders.append(None))
    panel.set_order_quietly(QueueOrder.NAME.value)
    assert panel.order() is QueueOrder.NAME
    panel.set_order_quietly("unknown")
    assert panel.order() is QueueOrder.SHUFFLED
    assert orders == []

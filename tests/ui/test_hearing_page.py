"""The Pitch day page driven by qtbot: the plan saved, teams moved by keyboard and by drop, the
schedule exported, and the projector's countdown (Space, →, amber, red)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from selection_desk.domain import Conflict
from selection_desk.domain.hearing import HearingBreak, Phase
from selection_desk.services import hearing
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.hearing import HearingPage
from tests.factories import make_campaign_data, make_campaign_file
from tests.ui.drops import drop_within

pytestmark = pytest.mark.gui


@pytest.fixture
def page(window: MainWindow, tmp_path: Path) -> HearingPage:
    path = make_campaign_file(tmp_path / "h.seldesk", make_campaign_data(dossiers=4))
    window.open_file(path)
    window.show_phase("hearing")
    return window.hearing_page


def _saved_order(page: HearingPage) -> tuple[str, ...]:
    assert page.session is not None
    with CampaignStore.open(page.session.store.path, readonly=True) as reader:
        return hearing.order_of_the_day(reader)


def _plan(page: HearingPage) -> None:
    page.pitch.setValue(12)
    page.questions.setValue(8)
    page.changeover.setValue(0)
    page.place.setText("Salle B")
    page.breaks.add(HearingBreak(2, 30, "Pause café"))
    page.save_button.click()


def test_the_page_is_in_the_navigation_and_saves_the_plan(
    window: MainWindow, page: HearingPage
) -> None:
    assert window.pages.currentWidget() is page
    assert not page.export_button.isEnabled()  # nothing planned yet
    _plan(page)
    assert page.session is not None
    saved = hearing.hearing_plan(page.session.store)
    assert saved is not None and (saved.pitch_minutes, saved.place) == (12, "Salle B")
    assert saved.breaks == (HearingBreak(2, 30, "Pause café"),)
    texts = [page.slots.item(row).text() for row in range(page.slots.count())]
    assert texts[0].startswith("1. 09:00–09:20  Start-up 1 (D01)")
    assert "conflict of interest: Juré 1" in texts[0]
    assert texts[2] == "09:40–10:10  — Pause café —"
    assert texts[3].startswith("3. 10:10–10:30")
    assert page.export_button.isEnabled()


def test_a_break_after_the_last_team_is_refused_and_said(
    page: HearingPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selection_desk.ui import messages

    said: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, title, error: said.append(title))
    page.breaks.add(HearingBreak(4, 30, "Trop tard"))
    page.save_button.click()
    assert said == ["Save the plan"]
    assert page.session is not None and hearing.hearing_plan(page.session.store) is None


def test_alt_arrows_move_the_chosen_team(page: HearingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    _plan(page)
    page.slots.setCurrentRow(0)
    qtbot.keyClick(page.slots, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _saved_order(page) == ("D02", "D01", "D03", "D04")
    assert page.slots.current_ref() == "D01"  # the moved team stays chosen
    qtbot.keyClick(page.slots, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _saved_order(page) == ("D02", "D03", "D01", "D04")  # across the break
    page.up_button.click()
    assert _saved_order(page) == ("D02", "D01", "D03", "D04")
    assert page.session is not None
    assert [e.action for e in page.session.store.audit_entries()].count("reorder_hearing") == 3


def test_dropping_a_dragged_team_moves_it(page: HearingPage) -> None:
    _plan(page)
    slots = page.slots
    slots.setCurrentRow(0)
    target = slots.visualItemRect(slots.item(4)).center()  # 4th team, after the break
    drop = drop_within(slots, [slots.model().index(0, 0)], target)
    assert drop.dropAction() == Qt.DropAction.IgnoreAction
    position = slots.dropIndicatorPosition()
    expected = (
        ("D02", "D03", "D04", "D01")
        if position == QAbstractItemView.DropIndicatorPosition.BelowItem
        else ("D02", "D03", "D01", "D04")
    )
    assert _saved_order(page) == expected


def test_the_schedule_is_exported_into_the_chosen_folder(page: HearingPage, tmp_path: Path) -> None:
    _plan(page)
    page.choose_folder = lambda: tmp_path / "schedule"
    page.export_button.click()
    written = sorted(p.name for p in (tmp_path / "schedule").iterdir())
    assert len(written) == 4 and {Path(name).suffix for name in written} == {".pdf", ".xlsx"}
    assert "Schedule written" in page.status.text()


def test_the_projector_counts_the_pitch_then_the_questions(page: HearingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    _plan(page)
    page.slots.setCurrentRow(1)
    page.toggle_projector()
    projector = page.projector
    assert projector is not None
    now = [100.0]
    projector.clock = lambda: now[0]
    assert projector.team.text() == "Start-up 2"
    assert projector.digits.text() == "12:00" and not projector.running
    qtbot.keyClick(projector, Qt.Key.Key_Space)
    now[0] += 11 * 60 + 30
    projector.refresh()
    assert projector.state.warning and projector.digits.text() == "00:30"
    assert "#" in projector.digits.styleSheet()  # amber, not the palette's text
    now[0] += 60
    projector.refresh()
    assert projector.state.phase is Phase.QUESTIONS and projector.digits.text() == "07:30"
    qtbot.keyClick(projector, Qt.Key.Key_Space)  # pause: time stands still
    now[0] += 3600
    projector.refresh()
    assert projector.digits.text() == "07:30"
    qtbot.keyClick(projector, Qt.Key.Key_Space)
    now[0] += 8 * 60
    projector.refresh()
    assert projector.state.phase is Phase.OVER and projector.digits.text() == "+00:30"
    qtbot.keyClick(projector, Qt.Key.Key_Right)
    assert projector.team.text() == "Start-up 3" and projector.digits.text() == "12:00"
    assert page.slots.current_ref() == "D03"  # the page follows the team on stage
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert page.projector is None


def test_a_new_conflict_shows_in_the_slot_list(page: HearingPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    from selection_desk.services.op_changes import OpChanges

    _plan(page)
    session = page.session
    assert session is not None
    with session.store.transaction():
        session.store.write_conflicts([Conflict("J2", "D03")])
    session.changed(OpChanges(scores=True))  # not what the page shows: it keeps its list
    assert "Juré 2" not in page.slots.item(3).text()
    session.changed(OpChanges(setup=True))
    assert "conflict of interest: Juré 2" in page.slots.item(3).text()


@pytest.mark.parametrize("typed", ["²", "12a", "9" * 5000])
def test_a_break_typed_with_odd_or_huge_digits_is_said_not_a_crash(
    page: HearingPage, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """``"²".isdigit()`` held, then ``int("²")`` raised ValueError out of the Save button (so
    did 5,000 digits, beyond Python's int conversion limit); a number the plan refuses is said
    in one sentence and nothing is saved."""
    from PySide6.QtWidgets import QTableWidgetItem

    from selection_desk.ui import messages

    said: list[str] = []
    monkeypatch.setattr(
        messages, "show_error", lambda parent, title, error: said.append(error.message())
    )
    page.breaks.add(HearingBreak(1, 30, "Pause"))
    page.breaks.setItem(0, 1, QTableWidgetItem(typed))
    page.save_button.click()
    assert len(said) == 1 and "A break lasts from 1 to 600 minutes" in said[0]
    assert len(said[0]) < 200
    assert page.session is not None and hearing.hearing_plan(page.session.store) is None

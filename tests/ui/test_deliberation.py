"""The Deliberation page: agenda, explanation, decisions by keyboard, confirmations, projector."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from selection_desk.aggregation.agenda import Flag
from selection_desk.domain import Outcome
from selection_desk.errors import InvalidInput
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import dialogs, messages
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.agenda_model import AgendaModel
from selection_desk.ui.pages import deliberation as deliberation_module
from selection_desk.ui.pages.deliberation import DeliberationPage
from selection_desk.ui.pages.projector import choose_projector_screen
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui


@pytest.fixture
def page_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    errors: list[str] = []
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda parent, title, error: errors.append(messages.error_text(error)),
    )
    return errors


class Answers:
    """Stands in for the yes/no boxes: records the questions, answers with ``reply``."""

    def __init__(self) -> None:
        self.questions: list[str] = []
        self.reply = True

    def __call__(self, parent: object, title: str, text: str) -> bool:
        self.questions.append(text)
        return self.reply


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answers = Answers()
    monkeypatch.setattr(dialogs, "confirm", answers)
    return answers


@pytest.fixture
def page(window: MainWindow, tmp_path: Path, page_errors: list[str]) -> DeliberationPage:
    path = make_campaign_file(tmp_path / "appel.seldesk", make_campaign_data(dossiers=5))
    window.open_file(path)
    window.show_phase("deliberation")
    window.activateWindow()
    return window.deliberation_page


def _decisions(window: MainWindow) -> dict[str, object]:
    assert window.store is not None
    with CampaignStore.open(window.store.path, readonly=True) as reader:
        return {d.dossier: d for d in reader.decisions()}


def _press(widget: object, key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(widget, key, modifier)  # type: ignore[arg-type]


def test_the_agenda_follows_the_ranking_and_explains_the_dossier(
    window: MainWindow, page: DeliberationPage
) -> None:
    assert window.pages.currentWidget() is page
    ranking = window.session.ranking  # type: ignore[union-attr]
    assert [page.model.item(r).ref for r in range(page.model.rowCount())] == [
        e.ref for e in ranking.entries
    ]
    first = ranking.entries[0]
    assert page.current_ref == first.ref
    assert first.name in page.dossier_title.text()
    # The explanation: one row per juror who scored, anonymised by default.
    names = [page.jurors_table.item(r, 0).text() for r in range(page.jurors_table.rowCount())]
    assert names[: first.jurors] == ["Juror A", "Juror B", "Juror C"][: first.jurors]
    assert page.criteria_table.rowCount() == 2
    assert page.criteria_table.item(0, 0).text() == "Équipe"
    page.anonymous.setChecked(False)
    names = [page.jurors_table.item(r, 0).text() for r in range(page.jurors_table.rowCount())]
    assert "Juré 2" in names and "Juror A" not in names


def test_a_recused_juror_is_listed_and_excluded_from_the_vote(page: DeliberationPage) -> None:
    page.anonymous.setChecked(False)
    page.select_dossier("D01")  # Juré 1 declared a conflict with D01
    notes = {
        page.jurors_table.item(r, 0).text(): page.jurors_table.item(r, 3).text()
        for r in range(page.jurors_table.rowCount())
    }
    assert notes["Juré 1"].startswith("Recused")
    assert page.vote_spins["for"].maximum() == 2
    assert "2 voting members" in page.quorum.text()
    assert "recused: Juré 1" in page.quorum.text()
    page.select_dossier("D02")
    assert page.vote_spins["for"].maximum() == 3
    assert "recused" not in page.quorum.text()


def test_a_decision_is_recorded_from_the_keyboard(
    qtbot, window: MainWindow, page: DeliberationPage
) -> None:  # type: ignore[no-untyped-def]
    page.select_dossier("D02")
    page.rationale.setFocus()
    _press(page.rationale, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert page.outcome_buttons[Outcome.WAITING_LIST].isChecked()
    qtbot.keyClicks(page.rationale, "Marche a confirmer")  # QTest types ASCII only
    page.vote_box.setChecked(True)
    page.vote_spins["for"].setValue(2)
    page.vote_spins["abstain"].setValue(1)
    assert "3 votes cast: quorum reached" in page.quorum.text()
    assert "Changes not recorded yet" in page.form_status.text()
    _press(page.rationale, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    decision = _decisions(window)["D02"]
    assert decision.outcome is Outcome.WAITING_LIST  # type: ignore[attr-defined]
    assert decision.rationale == "Marche a confirmer"  # type: ignore[attr-defined]
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 0, 1)  # type: ignore[attr-defined]
    assert decision.decided_by == "Juré 1"  # type: ignore[attr-defined]  # the president
    assert page.form_status.text().startswith("Recorded: waiting list")
    row = page.model.row_of("D02")
    assert page.model.index(row, 3).data() == "waiting list"
    assert "1 of 5 dossiers decided" in page.summary.text()
    # The other pages hear of it: the session's decisions were refreshed.
    assert window.reports_page.summary.text().startswith("1 of 5 dossiers decided.")
    entry = window.store.audit_entries()[-1]  # type: ignore[union-attr]
    assert (entry.action, entry.entity) == ("decide", "decision:D02")


def test_next_and_previous_dossier_keep_unrecorded_drafts(
    window: MainWindow, page: DeliberationPage
) -> None:
    first = page.current_ref
    page.agenda.setFocus()
    page.choose_outcome(Outcome.REJECTED)
    page.rationale.setPlainText("brouillon")
    _press(page.agenda, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    second = page.current_ref
    assert second != first
    assert page.rationale.toPlainText() == ""
    assert not any(b.isChecked() for b in page.outcome_buttons.values())
    _press(page.agenda, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert page.current_ref == first
    assert page.rationale.toPlainText() == "brouillon"
    assert page.outcome_buttons[Outcome.REJECTED].isChecked()
    assert "Changes not recorded yet" in page.form_status.text()
    # Re-ordering the agenda or hiding names keeps the draft too; nothing reached the file.
    page.order.setCurrentIndex(1)
    page.anonymous.toggle()
    assert page.rationale.toPlainText() == "brouillon"
    assert _decisions(window) == {}


def test_the_agenda_shows_a_typed_decision_as_a_draft_until_it_is_recorded(
    window: MainWindow, page: DeliberationPage
) -> None:
    def decision_cell(ref: str) -> str:
        row = page.model.row_of(ref)
        assert row is not None
        return str(page.model.index(row, AgendaModel.COLUMNS.index("decision")).data())

    first = page.current_ref
    assert first is not None
    assert decision_cell(first) == "—"
    page.rationale.setPlainText("typed, no outcome yet")
    assert decision_cell(first) == "draft"
    page.choose_outcome(Outcome.REJECTED)
    assert decision_cell(first) == "rejected (draft)"
    _press(page.agenda, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.current_ref != first
    assert decision_cell(first) == "rejected (draft)"  # kept while another dossier is shown
    _press(page.agenda, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    page.record()
    assert decision_cell(first) == "rejected"
    assert _decisions(window)[first].outcome is Outcome.REJECTED  # type: ignore[attr-defined]


def test_selecting_more_than_the_places_asks_first(
    window: MainWindow, page: DeliberationPage, answers: Answers
) -> None:
    for ref in ("D02", "D03"):
        page.select_dossier(ref)
        page.choose_outcome(Outcome.SELECTED)
        page.record()
    assert answers.questions == []
    page.select_dossier("D04")
    page.choose_outcome(Outcome.SELECTED)
    answers.reply = False
    page.record()
    assert answers.questions == [
        "Selecting Start-up 4 makes 3 selected dossiers for 2 places. Select it anyway?"
    ]
    assert set(_decisions(window)) == {"D02", "D03"}
    assert page.outcome_buttons[Outcome.SELECTED].isChecked()  # the draft is still there
    answers.reply = True
    page.record()
    assert set(_decisions(window)) == {"D02", "D03", "D04"}
    assert "3 selected for 2 places" in page.summary.text()


def test_a_decision_is_cleared_after_a_confirmation(
    window: MainWindow, page: DeliberationPage, answers: Answers
) -> None:
    page.select_dossier("D03")
    assert not page.clear_button.isEnabled()
    page.choose_outcome(Outcome.DEFERRED)
    page.record()
    assert page.clear_button.isEnabled()
    answers.reply = False
    page.clear()
    assert "D03" in _decisions(window)
    answers.reply = True
    page.clear()
    assert _decisions(window) == {}
    assert answers.questions[-1].startswith("Clear the decision recorded on Start-up 3?")
    assert page.form_status.text() == "Not decided yet."
    assert not any(b.isChecked() for b in page.outcome_buttons.values())
    assert window.store.audit_entries()[-1].action == "clear_decision"  # type: ignore[union-attr]


def test_a_refused_decision_shows_the_message_and_writes_nothing(
    window: MainWindow,
    page: DeliberationPage,
    page_errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selection_desk.services.decisions import VOTES_EMPTY

    def refuse(*args: object, **kwargs: object) -> None:
        raise InvalidInput(VOTES_EMPTY)

    monkeypatch.setattr(deliberation_module, "record_decision", refuse)
    page.choose_outcome(Outcome.REJECTED)
    page.record()
    assert page_errors == ["A vote needs at least one vote cast (for, against or abstaining)."]
    assert _decisions(window) == {}
    assert "Changes not recorded yet" in page.form_status.text()


def test_the_stability_check_adds_p_top_and_flags(page: DeliberationPage) -> None:
    assert all(page.model.item(r).p_top is None for r in range(page.model.rowCount()))
    page.toggle_stability()
    shares = [page.model.item(r).p_top for r in range(page.model.rowCount())]
    assert all(share is not None and 0 <= share <= 1 for share in shares)
    assert "stability: 1000 resamples" in page.summary.text()  # the campaign's setting
    unstable = [
        page.model.item(r).ref
        for r in range(page.model.rowCount())
        if Flag.UNSTABLE in page.model.item(r).flags
    ]
    assert unstable == [
        page.model.item(r).ref
        for r in range(page.model.rowCount())
        if 0.1 < (page.model.item(r).p_top or 0) < 0.9
    ]
    assert "% of resamples" in page.dossier_facts.text()


def test_discussion_first_puts_flagged_dossiers_on_top(page: DeliberationPage) -> None:
    page.order.setCurrentIndex(1)
    items = [page.model.item(r) for r in range(page.model.rowCount())]
    flags = [item.calls_for_discussion for item in items]
    assert flags == sorted(flags, reverse=True)
    assert any(flags)


def test_projector_mode_shows_the_dossier_full_screen(qtbot, page: DeliberationPage) -> None:  # type: ignore[no-untyped-def]
    page.agenda.setFocus()
    qtbot.keyClick(page.agenda, Qt.Key.Key_F11)
    projector = page.projector
    assert projector is not None and projector.isVisible() and projector.isFullScreen()
    first = page.current_item()
    assert first is not None
    assert first.entry.name in projector.title.text()
    assert [bar.caption for bar in projector.jurors_chart.bars][:2] == ["Juror A", "Juror B"]
    assert [bar.caption for bar in projector.criteria_chart.bars] == ["Équipe", "Marché"]
    qtbot.keyClick(projector, Qt.Key.Key_PageDown)
    assert page.current_ref == page.model.item(1).ref
    assert page.model.item(1).entry.name in projector.title.text()
    page.anonymous.setChecked(False)
    assert "Juror A" not in [bar.caption for bar in projector.jurors_chart.bars]
    qtbot.keyClick(projector, Qt.Key.Key_Escape)
    assert page.projector is None


def test_the_projector_goes_to_another_screen_when_there_is_one() -> None:
    laptop, wall = SimpleNamespace(name="laptop"), SimpleNamespace(name="wall")
    assert choose_projector_screen([laptop, wall], laptop) is wall
    assert choose_projector_screen([wall, laptop], laptop) is wall
    assert choose_projector_screen([laptop], laptop) is laptop


def test_a_campaign_without_a_ranking_says_so(window: MainWindow, tmp_path: Path) -> None:
    data = make_campaign_data(scored=False)
    data = replace(data, criteria=(), scores=(), reviews=())
    window.open_file(make_campaign_file(tmp_path / "vide.seldesk", data))
    window.show_phase("deliberation")
    page = window.deliberation_page
    assert page.model.rowCount() == 0
    assert page.dossier_title.text() == "No ranking yet: the deliberation follows the ranking."
    assert not page.projector_button.isEnabled()
    assert not page.decision_box.isEnabled()


def test_closing_the_campaign_empties_the_page(window: MainWindow, page: DeliberationPage) -> None:
    page.toggle_projector()
    assert page.projector is not None
    window.close_campaign()
    assert page.projector is None
    assert page.model.rowCount() == 0
    assert page.current_ref is None
    QApplication.processEvents()


MARKUP_NAME = "<b>&<img src=x>"


def test_a_dossier_name_with_markup_shows_literally(
    qtbot,
    window: MainWindow,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtGui import QTextDocument

    data = make_campaign_data(dossiers=3)
    data = replace(
        data,
        dossiers=tuple(
            replace(d, name=MARKUP_NAME) if d.ref == "D01" else d for d in data.dossiers
        ),
    )
    window.open_file(make_campaign_file(tmp_path / "balises.seldesk", data))
    window.show_phase("deliberation")
    page = window.deliberation_page
    row = next(r for r in range(page.model.rowCount()) if page.model.item(r).ref == "D01")
    page.agenda.selectRow(row)
    assert page.current_ref == "D01"
    assert MARKUP_NAME in page.dossier_title.text()
    assert page.dossier_title.textFormat() == Qt.TextFormat.PlainText
    # The agenda's tooltip is rich text whose visible text is the name, literally.
    index = page.model.index(row, 1)
    tooltip = page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    document = QTextDocument()
    document.setHtml(tooltip)
    assert MARKUP_NAME in document.toPlainText()
    page.toggle_projector()
    projector = page.projector
    assert projector is not None
    assert MARKUP_NAME in projector.title.text()
    for label_widget in (projector.title, projector.context, projector.decision):
        assert label_widget.textFormat() == Qt.TextFormat.PlainText
    page.toggle_projector()


def _contrast(a: object, b: object) -> float:
    def luminance(color: object) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        r, g, b_ = (channel(c) for c in color.getRgbF()[:3])  # type: ignore[attr-defined]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_projector_text_reads_from_the_back_of_the_room(page: DeliberationPage) -> None:
    from PySide6.QtGui import QPalette

    page.toggle_projector()
    projector = page.projector
    assert projector is not None
    background = projector.palette().color(QPalette.ColorRole.Window)
    for widget in (projector.context, projector.criteria_caption, projector.jurors_caption):
        widget.ensurePolished()
        ink = widget.palette().color(QPalette.ColorRole.WindowText)
        assert _contrast(ink, background) >= 7.0, widget.objectName()
    page.toggle_projector()


def test_attendance_is_ticked_on_the_page_and_stored(
    window: MainWindow, page: DeliberationPage
) -> None:
    from selection_desk.services.decisions import read_attendance

    dialog = page.attendance_dialog()
    assert dialog is not None
    codes = list(dialog.boxes)
    assert codes == [j.code for j in window.session.data.jurors]  # type: ignore[union-attr]
    assert all(box.isChecked() for box in dialog.boxes.values())  # nothing recorded yet
    dialog.boxes[codes[1]].setChecked(False)
    page.save_attendance(dialog.present())
    assert window.store is not None
    with CampaignStore.open(window.store.path, readonly=True) as reader:
        assert read_attendance(reader) == tuple(c for c in codes if c != codes[1])
    again = page.attendance_dialog()
    assert again is not None and not again.boxes[codes[1]].isChecked()
    assert again.boxes[codes[0]].isChecked()


@pytest.mark.parametrize(
    ("answer", "recorded", "closed"),
    [
        (QMessageBox.StandardButton.Save, True, True),
        (QMessageBox.StandardButton.Discard, False, True),
        (QMessageBox.StandardButton.Cancel, False, False),
    ],
)
def test_quitting_with_a_decision_not_recorded_asks_first(
    window: MainWindow,
    page: DeliberationPage,
    answer: QMessageBox.StandardButton,
    recorded: bool,
    closed: bool,
) -> None:
    """Issue 20, defect 2: Ctrl+Q with an outcome and a rationale typed closed at once."""
    asked: list[int] = []
    window.ask_unsaved_decisions = lambda count: asked.append(count) or answer  # type: ignore[func-returns-value]
    first = page.current_ref
    assert first is not None and window.store is not None
    path = window.store.path
    page.choose_outcome(Outcome.REJECTED)
    page.rationale.setPlainText("Marché trop étroit")
    window.close()  # File ▸ Quit (Ctrl+Q) closes the window
    assert asked == [1]
    assert window.isVisible() is not closed
    with CampaignStore.open(path, readonly=True) as reader:
        decisions = {d.dossier: d for d in reader.decisions()}
    if recorded:
        assert decisions[first].rationale == "Marché trop étroit"
    else:
        assert first not in decisions
    if not closed:  # the typed decision is still there, not recorded
        assert page.rationale.toPlainText() == "Marché trop étroit"
        window.ask_unsaved_decisions = lambda count: QMessageBox.StandardButton.Discard

"""Rounds in the app (design §10): the round bar shows only for a campaign in several rounds;
closing R1 from its dialog passes the first 8 dossiers on to the hearing R2; a closed round is
read-only in the window until it is reopened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from selection_desk import i18n
from selection_desk.domain import Method, Outcome, Round, RoundKind
from selection_desk.services.decisions import record_decision
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.rounds import add_round, close_round, edit_round
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from selection_desk.ui import dialogs
from selection_desk.ui import round_dialogs as round_dialogs_module
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.setup_rounds import RoundForm
from selection_desk.ui.round_dialogs import CloseRoundDialog
from selection_desk.ui.tasks import TaskRunner
from tests.factories import make_campaign_data, make_campaign_file, tie_at_the_line
from tests.ui.conftest import shown_window
from tests.ui.round_driver import ConfirmingCloseDialog
from tests.ui.test_accessibility import _unnamed
from tests.ui.test_french_widget_tree import english_left
from tests.ui.test_juror_mode import visible_phases
from tests.ui.test_mnemonics import clashes_on_every_view

pytestmark = pytest.mark.gui


def _two_rounds(path: Path) -> Path:
    """20 dossiers scored by 3 jurors in R1 (8 places), through the scoring service; R2 a hearing
    with R1's criteria."""
    make_campaign_file(path, make_campaign_data(dossiers=20, jurors=3, places=8, scored=False))
    with CampaignStore.open(path) as store:
        _score_round(store)
        add_round(store, Round("R2", "Pitch", kind=RoundKind.HEARING, places=4), criteria_from="R1")
    return path


def test_a_campaign_in_one_round_shows_no_round_bar(window: MainWindow, tmp_path: Path) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    assert window.session is not None
    assert not window.round_bar.isVisibleTo(window)
    assert all(editor.isEnabled() for editor in window.round_editors())
    assert "hearing" not in visible_phases(window)  # a dossier round: no Pitch day


def test_two_rounds_close_r1_from_the_dialog_then_reopen_it(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(_two_rounds(tmp_path / "c.seldesk"))
    bar = window.round_bar
    assert bar.isVisibleTo(window)
    assert [bar.picker.itemData(i) for i in range(bar.picker.count())] == ["R1", "R2"]
    assert bar.picker.currentData() == "R1" and bar.close_button.isVisibleTo(window)

    monkeypatch.setattr(round_dialogs_module, "CloseRoundDialog", ConfirmingCloseDialog)
    bar.close_button.click()
    window.runner.wait_for_done()

    assert len(ConfirmingCloseDialog.seen) == 8
    session = window.session
    assert session is not None
    assert session.store.round.code == "R2" and bar.picker.currentData() == "R2"
    assert {d.ref for d in session.data.dossiers} == {
        line.split(" — ")[0] for line in ConfirmingCloseDialog.seen
    }
    assert bar.state.text() == "" and all(e.isEnabled() for e in window.round_editors())
    assert "hearing" in visible_phases(window)  # R2 is a hearing: its Pitch day

    bar.picker.setCurrentIndex(0)
    bar.picker.activated.emit(0)
    window.runner.wait_for_done()
    assert session.store.round.code == "R1" and len(session.data.dossiers) == 20
    assert bar.state.text() == "Round R1 is closed; reopen it to change it."
    assert not any(editor.isEnabled() for editor in window.round_editors())
    assert bar.reopen_button.isVisibleTo(window) and not bar.close_button.isVisibleTo(window)
    assert "hearing" not in visible_phases(window)

    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, text: True)
    bar.reopen_button.click()
    window.runner.wait_for_done()
    assert not session.store.round.closed and session.store.round.code == "R1"
    assert all(editor.isEnabled() for editor in window.round_editors())
    assert bar.state.text() == ""


def test_the_close_dialog_shows_why_a_round_cannot_close(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(
        tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3, scored=False)
    )
    with CampaignStore.open(path) as store:
        add_round(store, Round("R2", "Pitch", kind=RoundKind.HEARING))
        dialog = CloseRoundDialog(store, store.round)
        qtbot.addWidget(dialog)
        assert not dialog.confirm_button.isEnabled()
        assert "neither decisions nor a complete review" in dialog.problem.text()
        assert not store.round.closed


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_close_dialog_lists_the_dossiers_tied_across_the_line(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, language: str
) -> None:
    """Issue 17: the tied dossier listed first went on, and the dialog did not say there was a
    tie; now it lists the tied dossiers and closes only on the secretary's reasoned choice."""
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, jurors=3))
    with i18n.language(language), CampaignStore.open(path) as store:
        add_round(store, Round("R2", "Pitch", kind=RoundKind.HEARING), criteria_from="R1")
        first, second = tie_at_the_line(store)
        dialog = CloseRoundDialog(store, store.round)
        qtbot.addWidget(dialog)
        assert not dialog.confirm_button.isEnabled()
        assert [dialog.goes_on.item(i).text() for i in range(dialog.goes_on.count())] == [
            f"{ref} — Start-up {int(ref[1:])}" for ref in (first, second)
        ]
        assert dialog.goes_on.isVisibleTo(dialog)
        assert dialog.problem.text().startswith(f"{first}, {second} ")
        if language == "fr":
            assert english_left(dialog) == []
            assert "ex æquo" in dialog.problem.text()
        else:
            assert "tied across its line" in dialog.summary.text()
        best = rank_campaign(store).entries[0].ref
        record_decision(store, best, Outcome.SELECTED)
        record_decision(store, first, Outcome.REJECTED, rationale="hors périmètre")
        record_decision(store, second, Outcome.SELECTED, rationale="vote du jury")
        dialog = CloseRoundDialog(store, store.round)
        qtbot.addWidget(dialog)
        assert dialog.confirm_button.isEnabled()
        dialog.confirm_button.click()
        assert dialog.closing is not None and dialog.closing.goes_on == (best, second)


@pytest.fixture(params=["en", "fr"])
def two_round_window(request, qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A window built and used in the language of the test (widgets take their texts when
    built), on a campaign in two rounds."""
    with i18n.language(request.param):
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window = shown_window(qtbot, TaskRunner(synchronous=True), settings)
        window.open_file(_two_rounds(tmp_path / "c.seldesk"))
        yield window
        window.close_campaign()


def test_the_round_bar_and_close_dialog_speak_the_users_language_to_screen_readers(
    two_round_window: MainWindow,
) -> None:
    window = two_round_window
    session = window.session
    assert session is not None
    dialog = CloseRoundDialog(session.store, session.store.round, window)
    dialog.show()
    try:
        for root in (window.round_bar, dialog):
            assert _unnamed(root) == []
            if i18n.current_language() == "fr":
                assert english_left(root) == []
        assert dialog.goes_on.count() == 8
    finally:
        dialog.close()


def test_the_secretary_adds_a_hearing_round_and_weights_the_final_ranking(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    editor = window.campaign_page.rounds_editor
    assert editor.table.rowCount() == 1 and not window.round_bar.isVisibleTo(window)

    def fill_and_accept(form: RoundForm) -> int:
        form.name.setText("Pitch")
        form.places.setValue(2)
        form.date.setText("10/12/2026")
        return 1

    monkeypatch.setattr(RoundForm, "exec", fill_and_accept)
    editor.add_button.click()
    window.runner.wait_for_done()
    assert window.session is not None
    (_first, added) = window.session.store.rounds()
    assert (added.code, added.name, added.kind, added.places) == ("R2", "Pitch", "hearing", 2)
    assert editor.table.rowCount() == 2 and window.round_bar.isVisibleTo(window)
    window.session.store.use_round("R2")
    assert window.session.store.criteria()  # copied from R1

    editor.final.setCurrentIndex(1)
    editor.final.activated.emit(1)
    assert [r.weight for r in window.session.store.rounds()] == [1.0, 1.0]
    editor.final.setCurrentIndex(0)
    editor.final.activated.emit(0)
    assert [r.weight for r in window.session.store.rounds()] == [None, None]


def test_the_round_bar_shares_no_alt_letter_with_any_page(two_round_window: MainWindow) -> None:
    found = clashes_on_every_view(two_round_window)
    assert {view: clash for view, clash in found.items() if clash} == {}


def _score_round(store: CampaignStore) -> None:
    """Every assigned juror scores every criterion of the current round through the service,
    each review marked final (a conflict of interest scores nothing).  Dossier n's scores give
    it a weighted total of its own (``2·TEAM + MARKET`` = 15 − n/2, TEAM before MARKET): no two
    dossiers tie, so who goes on is the ranking's first places, never a tie across the line,
    which closing refuses (tested on its own)."""
    criteria = store.criteria()
    conflicts = {(c.juror, c.dossier) for c in store.conflicts()}
    pairs = [(a.juror, a.dossier) for a in store.assignments()] or [
        (j.code, d.ref) for j in store.jurors() for d in store.dossiers()
    ]  # no assignment: everyone scores everything
    for juror, ref in pairs:
        if (juror, ref) in conflicts:
            continue
        halves = 30 - int(ref[1:])  # 2·TEAM + MARKET in half points
        values = {"TEAM": min(10, halves // 2) / 2}
        for criterion in criteria:
            value = values.get(criterion.code, (halves - 2 * min(10, halves // 2)) / 2)
            last = criterion == criteria[-1]
            record_score(store, juror, ref, criterion.code, value, final=last)


def test_the_ranking_page_offers_the_final_ranking_once_every_round_is_closed(
    window: MainWindow, tmp_path: Path
) -> None:
    path = _two_rounds(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        close_round(store, "R1")
        _score_round(store)
        close_round(store, "R2")
        edit_round(store, "R1", weight=40)
        edit_round(store, "R2", weight=60)
    window.open_file(path)
    window.show_phase("ranking")
    banner = window.ranking_page.final_banner
    assert banner.isVisibleTo(window)
    assert "weight (R1 40, R2 60)" in banner.text.text()
    dialog = banner.dialog()
    assert dialog is not None
    assert dialog.table.rowCount() == 8
    assert dialog.explanation.text().startswith("Final score ")
    assert "× " in dialog.explanation.text() and "(R2)" in dialog.explanation.text()


def test_a_final_ranking_that_cannot_combine_says_why_on_the_ranking_page(
    window: MainWindow, tmp_path: Path
) -> None:
    path = _two_rounds(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        close_round(store, "R1")
        _score_round(store)
        close_round(store, "R2")
        edit_round(store, "R1", weight=40, method=Method.ZSCORE)
        edit_round(store, "R2", weight=60)
    window.open_file(path)
    window.show_phase("ranking")
    banner = window.ranking_page.final_banner
    assert banner.isVisibleTo(window) and not banner.open_button.isEnabled()
    assert "R1" in banner.text.text() and "zscore" in banner.text.text()


def test_closing_a_round_writes_its_minutes_and_the_letters_of_those_who_stop(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.open_file(_two_rounds(tmp_path / "c.seldesk"))
    monkeypatch.setattr(round_dialogs_module, "CloseRoundDialog", ConfirmingCloseDialog)
    window.round_bar.close_button.click()
    window.runner.wait_for_done()

    folder = tmp_path / "c-R1"  # beside the campaign file, as the dialog proposes
    minutes = folder / "minutes-R1.pdf"
    assert minutes.is_file() and minutes.read_bytes().startswith(b"%PDF")
    letters = sorted((folder / "letters-R1").iterdir())
    assert len(letters) == 20 - len(ConfirmingCloseDialog.seen)  # one per dossier that stops
    assert "c-R1" in window.statusBar().currentMessage()


def test_the_close_dialog_can_leave_the_round_reports_unwritten(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = _two_rounds(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        dialog = round_dialogs_module.CloseRoundDialog(store, store.round)
        qtbot.addWidget(dialog)
        assert dialog.chosen_reports_folder() == tmp_path / "c-R1"
        dialog.write_reports.setChecked(False)
        assert dialog.chosen_reports_folder() is None and not dialog.reports_folder.isEnabled()

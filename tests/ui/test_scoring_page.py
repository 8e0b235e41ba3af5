"""The Scoring page: a juror scores at the keyboard, every change is in the file at once, blind."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QToolTip,
    QWidget,
)

from selection_desk.domain import Assignment, CampaignData, ReviewStatus, Score
from selection_desk.resources import resource_path
from selection_desk.services.scoring_workspace import JurorWorkspace, ScoringDesk
from selection_desk.storage.setup import hash_pin, write_pin_hash
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.scoring import ScoringPage
from selection_desk.ui.session import CampaignSession
from selection_desk.ui.tasks import TaskRunner
from tests.factories import make_campaign_data, make_campaign_file
from tests.ui.conftest import shown_window

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SECRET = "SECRET-OF-ANOTHER-JUROR"


def _campaign(tmp_path: Path, data: CampaignData | None = None) -> Path:
    return make_campaign_file(
        tmp_path / "appel.seldesk", data or make_campaign_data(dossiers=4, scored=False)
    )


def _open_scoring(window: MainWindow, path: Path) -> ScoringPage:
    window.open_file(path)
    window.show_phase("scoring")
    return window.scoring_page


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _type(qtbot, keys: str) -> None:  # type: ignore[no-untyped-def]
    for char in keys:
        qtbot.keyClicks(_focused(), char)


def _key(
    qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(_focused(), key, modifier)


def _start_with_keyboard(qtbot, page: ScoringPage, row: int) -> None:  # type: ignore[no-untyped-def]
    page.picker.jurors.setFocus()
    page.picker.jurors.setCurrentRow(0)
    for _step in range(row):
        _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)


def _file_scores(path: Path, juror: str) -> dict[tuple[str, str], Score]:
    with CampaignStore.open(path, readonly=True) as store:
        return {(s.dossier, s.criterion): s for s in store.scores(juror)}


def _file_reviews(path: Path, juror: str) -> dict[str, ReviewStatus]:
    with CampaignStore.open(path, readonly=True) as store:
        return {r.dossier: r.status for r in store.reviews(juror)}


# -- the juror scores with the keyboard only ------------------------------------------------------


def test_scores_several_dossiers_entirely_with_the_keyboard(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    _start_with_keyboard(qtbot, page, row=1)  # J2
    assert page.workspace is not None and page.workspace.juror.code == "J2"
    order = [item.ref for item in page.queue_model.items()]
    assert sorted(order) == ["D01", "D02", "D03", "D04"]

    typed = {order[0]: ("4", "3,"), order[1]: ("2.5", "5"), order[2]: ("0", "1,5")}
    expected = {order[0]: (4.0, 3.5), order[1]: (2.5, 5.0), order[2]: (0.0, 1.5)}
    for ref in order[:3]:
        assert page.current_dossier == ref
        team, market = typed[ref]
        _type(qtbot, team)
        _key(qtbot, Qt.Key.Key_Tab)
        _type(qtbot, market)
        _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # mark final
        assert page.saved_state.startswith("✓")
        _key(qtbot, Qt.Key.Key_Return)  # next dossier

    scores = _file_scores(path, "J2")
    for ref, (team, market) in expected.items():
        assert scores[(ref, "TEAM")].value == team
        assert scores[(ref, "MARKET")].value == market
    reviews = _file_reviews(path, "J2")
    assert {ref: reviews[ref] for ref in expected} == dict.fromkeys(expected, ReviewStatus.FINAL)
    assert order[3] not in reviews
    assert page.current_dossier == order[3]
    assert page.progress.text() == "3 / 4 scored"


def test_arrows_half_points_and_delete(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    assert ref is not None
    _type(qtbot, "3")
    _key(qtbot, Qt.Key.Key_Right)
    assert _file_scores(path, "J2")[(ref, "TEAM")].value == 3.5
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Down)
    assert _file_scores(path, "J2")[(ref, "TEAM")].value == 2.5
    _key(qtbot, Qt.Key.Key_End)
    assert _file_scores(path, "J2")[(ref, "TEAM")].value == 5.0
    _type(qtbot, "9")  # off the 0–5 scale: refused, nothing changes
    assert page.sheet.input("TEAM").value == 5.0
    assert _file_scores(path, "J2")[(ref, "TEAM")].value == 5.0
    _key(qtbot, Qt.Key.Key_Delete)
    assert (ref, "TEAM") not in _file_scores(path, "J2")
    assert page.sheet.input("TEAM").value is None


def test_a_score_can_be_given_with_the_mouse(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J3")
    ref = page.current_dossier
    row = page.sheet.rows["TEAM"]
    bar = row.levels
    assert [level.text for level in bar.levels] == ["0 Absent", "5 Excellent"]
    excellent = bar.segment_rect(1).center()
    hover = QHelpEvent(QEvent.Type.ToolTip, excellent, bar.mapToGlobal(excellent))
    QApplication.sendEvent(bar, hover)
    assert QToolTip.text() == "Équipe complète"  # the level's descriptor, on hover
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=excellent)
    assert bar.checked_index() == 1
    assert _file_scores(path, "J3")[(ref, "TEAM")].value == 5.0
    qtbot.mouseClick(row.down_button, Qt.MouseButton.LeftButton)
    assert _file_scores(path, "J3")[(ref, "TEAM")].value == 4.5
    assert bar.checked_index() == -1


def test_rubric_descriptors_on_a_key(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J2")
    row = page.sheet.rows["TEAM"]
    assert not row.rubric.isVisible()
    _key(qtbot, Qt.Key.Key_F1)
    assert row.rubric.isVisible()
    assert "Équipe complète" in row.rubric.text()
    _type(qtbot, "?")
    assert not row.rubric.isVisible()


def test_live_total_and_mark_final_only_when_complete(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J2")
    sheet = page.sheet
    assert not sheet.mark_final_button.isEnabled()
    _type(qtbot, "5")  # TEAM, weight 2 of 3, at the top of its scale
    assert sheet.total.text() == "Total so far 66.7 / 100"
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sheet.sheet is not None and not sheet.sheet.final  # incomplete: nothing to mark
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "2,")  # MARKET 2.5 of 5
    assert sheet.total.text() == "Weighted total 83.3 / 100"
    assert sheet.mark_final_button.isEnabled()


def test_a_final_review_is_frozen_until_reopened_and_reopening_is_audited(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert _file_reviews(path, "J2")[ref] is ReviewStatus.FINAL
    assert page.sheet.final_banner.isVisible()
    _type(qtbot, "1")  # refused: the review is final
    assert "reopen" in page.saved_state
    assert _file_scores(path, "J2")[(ref, "MARKET")].value == 4.0
    qtbot.mouseClick(page.sheet.reopen_button, Qt.MouseButton.LeftButton)
    assert _file_reviews(path, "J2")[ref] is ReviewStatus.DRAFT
    with CampaignStore.open(path, readonly=True) as store:
        actions = [(e.actor, e.action, e.entity) for e in store.audit_entries()]
    assert ("J2", "reopen", f"review:J2/{ref}") in actions
    page.sheet.focus_criterion("MARKET")
    _type(qtbot, "1")
    assert _file_scores(path, "J2")[(ref, "MARKET")].value == 1.0


def test_comments_overall_comment_and_confidence_are_saved(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    row = page.sheet.rows["TEAM"]
    assert not row.comment.isEnabled()  # score first
    _type(qtbot, "3")
    _key(qtbot, Qt.Key.Key_F2)
    assert _focused() is row.comment
    _type(qtbot, "Solid team")
    assert page.has_pending_text and "pause" in page.saved_state
    _key(qtbot, Qt.Key.Key_Return)  # back to the score box, and saved
    assert _focused() is row.input
    assert not page.has_pending_text
    assert _file_scores(path, "J2")[(ref, "TEAM")].comment == "Solid team"

    page.sheet.overall.setFocus()
    _type(qtbot, "Promising")
    page.sheet.confidence.setCurrentIndex(page.sheet.confidence.findData(4))
    with CampaignStore.open(path, readonly=True) as store:
        review = store.review("J2", ref)
    assert review is not None
    assert (review.comment, review.confidence) == ("Promising", 4)


def _overall_comment_in_file(path: Path, ref: str) -> str | None:
    with CampaignStore.open(path, readonly=True) as store:
        review = store.review("J2", ref)
    return None if review is None else review.comment


def _typing_overall_comment(window: MainWindow, path: Path, qtbot, text: str) -> ScoringPage:  # type: ignore[no-untyped-def]
    """J2's scoring page, with ``text`` typed in the overall comment of the first dossier."""
    page = _open_scoring(window, path)
    page.start("J2")
    page.sheet.overall.setFocus()
    _type(qtbot, text)
    return page


def test_the_feedback_for_the_applicant_is_its_own_labelled_box(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    assert page.sheet.feedback.accessibleName() == "Feedback for the applicant"
    assert "committee only" in page.sheet.overall.placeholderText()
    page.sheet.overall.setFocus()
    _type(qtbot, "Entre nous")
    page.sheet.feedback.setFocus()
    _type(qtbot, "Clear plan")
    page.flush()
    with CampaignStore.open(path, readonly=True) as store:
        review = store.review("J2", ref)
    assert review is not None and (review.comment, review.feedback) == ("Entre nous", "Clear plan")


def test_pending_text_is_saved_when_leaving_the_dossier_or_the_page(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _typing_overall_comment(window, path, qtbot, "Typed quickly")
    first = page.current_dossier
    assert page.has_pending_text
    page.go(1)
    assert _overall_comment_in_file(path, first) == "Typed quickly"
    page.sheet.overall.setFocus()
    _type(qtbot, "Then left")
    second = page.current_dossier
    window.show_phase("ranking")
    assert _overall_comment_in_file(path, second) == "Then left"


def test_the_overall_comment_is_in_the_file_soon_after_typing_stops(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _typing_overall_comment(window, path, qtbot, "Typed before a crash")
    assert page._save_timer.interval() <= 300  # debounced like a score, not after a second
    qtbot.waitUntil(
        lambda: _overall_comment_in_file(path, page.current_dossier) == "Typed before a crash",
        timeout=3000,
    )
    assert page.sheet.overall.hasFocus()  # saved while the juror stays in the field


def test_queue_filter_progress_and_the_end_of_the_queue(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J1")  # J1 has a conflict with D01: three dossiers
    assert page.progress.text() == "0 / 3 scored"
    assert "D01" not in [item.ref for item in page.queue_model.items()]
    first = page.current_dossier
    _type(qtbot, "1")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "1")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.progress.text() == "1 / 3 scored"
    page.filter_choice.setCurrentIndex(page.filter_choice.findData("unscored"))
    _key(qtbot, Qt.Key.Key_Return)
    shown = [item.ref for item in page.queue_model.items()]
    assert first not in shown and len(shown) == 2
    page.filter_choice.setCurrentIndex(page.filter_choice.findData("final"))
    shown = [item.ref for item in page.queue_model.items()]
    assert set(shown) == {first, page.current_dossier}  # the final one, and the one on screen
    page.filter_choice.setCurrentIndex(page.filter_choice.findData("all"))
    last = page.queue_model.items()[-1].ref
    page._refresh_queue_view(last)
    assert not page.go(1)
    assert "last dossier" in page.saved_state


def test_the_queue_is_shuffled_per_juror_unless_the_juror_chooses(
    window: MainWindow, tmp_path: Path
) -> None:
    data = make_campaign_data(dossiers=12, scored=False)
    page = _open_scoring(window, _campaign(tmp_path, data))
    orders = {}
    for juror in ("J2", "J3"):
        page.start(juror)
        orders[juror] = [item.ref for item in page.queue_model.items()]
        page.leave_workspace()
    assert orders["J2"] != orders["J3"]
    page.start("J2")
    assert [item.ref for item in page.queue_model.items()] == orders["J2"]  # stable
    page.order_choice.setCurrentIndex(page.order_choice.findData("reference"))
    assert [item.ref for item in page.queue_model.items()] == sorted(orders["J2"])


def test_the_pitch_deck_is_shown_in_the_app(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    deck = resource_path("demo", "attachments", "N26-001.pdf").read_bytes()
    with CampaignStore.open(path) as store, store.transaction():
        for ref in ("D01", "D02", "D03", "D04"):
            store.write_attachment(ref, "pitch.pdf", "application/pdf", deck)
    page = _open_scoring(window, path)
    page.start("J2")
    viewer = page.dossier_view.viewer
    assert viewer.page_count() == 4
    assert viewer.page_label.text() == "Page 1 / 4"
    _key(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert viewer.current_page() == 1
    zoom = viewer._effective_zoom()
    _key(qtbot, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom() > zoom
    viewer.fit_width()
    assert viewer.zoom_label.text() == "fit width"


def test_a_pin_is_asked_and_checked(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    with CampaignStore.open(path) as store, store.transaction():
        write_pin_hash(store, "J1", hash_pin("2468"))
    page = _open_scoring(window, path)
    picker = page.picker
    picker.jurors.setFocus()
    picker.jurors.setCurrentRow(0)
    assert picker.pin.isVisible()
    _key(qtbot, Qt.Key.Key_Return)
    assert _focused() is picker.pin
    _type(qtbot, "1111")
    _key(qtbot, Qt.Key.Key_Return)
    assert page.workspace is None
    assert picker.error.text() == "⚠ Wrong PIN for juror J1."
    picker.pin.clear()
    _type(qtbot, "2468")
    _key(qtbot, Qt.Key.Key_Return)
    assert page.workspace is not None and page.workspace.juror.code == "J1"
    page.leave_workspace()
    picker.jurors.setCurrentRow(1)  # J2 has no PIN
    assert not picker.pin.isVisible()


# -- blind scoring --------------------------------------------------------------------------------


def _blind_campaign(tmp_path: Path) -> Path:
    data = make_campaign_data(dossiers=4, scored=True)
    secret_scores = tuple(
        Score(s.juror, s.dossier, s.criterion, s.value, f"{SECRET} {s.juror}")
        for s in data.scores
        if s.juror != "J2"
    )
    mine = tuple(s for s in data.scores if s.juror == "J2" and s.dossier == "D02")
    reviews = tuple(r for r in data.reviews if r.juror != "J2")
    from dataclasses import replace

    reviews = tuple(replace(r, comment=f"{SECRET} overall") for r in reviews)
    data = replace(
        data,
        scores=secret_scores + mine,
        reviews=reviews,
        assignments=tuple(
            Assignment(j, d)
            for j in ("J1", "J2", "J3")
            for d in ("D01", "D02", "D03", "D04")
            if (j, d) not in {("J1", "D01"), ("J2", "D04")}
        ),
    )
    return make_campaign_file(tmp_path / "blind.seldesk", data)


def _all_text(widget: QWidget) -> str:
    texts: list[str] = []
    for child in [widget, *widget.findChildren(QWidget)]:
        texts.append(child.toolTip())
        texts.append(child.accessibleName())
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            texts.append(child.text())
        if isinstance(child, QPlainTextEdit | QTextBrowser):
            texts.append(child.toPlainText())
    return "\n".join(texts)


def test_the_page_never_shows_another_jurors_scores(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _blind_campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    refs = [item.ref for item in page.queue_model.items()]
    assert sorted(refs) == ["D01", "D02", "D03"]  # D04 is not assigned to J2
    for _ref in refs:
        assert SECRET not in _all_text(page)
        page.go(1)
    page.filter_choice.setCurrentIndex(page.filter_choice.findData("all"))
    for row in range(page.queue_model.rowCount()):
        index = page.queue_model.index(row, 0)
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            assert SECRET not in str(index.data(role))
    # D02 carries J2's own scores; the others show nothing scored although other jurors scored.
    page._refresh_queue_view("D03")
    assert all(page.sheet.input(c).value is None for c in page.sheet.criteria_codes())


def test_the_page_holds_no_handle_on_the_whole_campaign(window: MainWindow, tmp_path: Path) -> None:
    """By construction: what the page keeps is a ScoringDesk and a JurorWorkspace, whose public
    surfaces are juror-bound (tests/services/test_scoring_workspace.py pins them down)."""
    path = _blind_campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    forbidden = (CampaignStore, CampaignSession, CampaignData, sqlite3.Connection)
    handles = []
    for owner in [page, *page.findChildren(QWidget)]:
        for name, value in vars(owner).items():
            if isinstance(value, forbidden):
                handles.append(f"{type(owner).__name__}.{name}")
            if isinstance(value, ScoringDesk | JurorWorkspace):
                handles.append(type(value).__name__)
    assert sorted(set(handles)) == ["JurorWorkspace", "ScoringDesk"]


# -- the ranking follows --------------------------------------------------------------------------


def test_leaving_the_page_reranks_with_the_new_scores(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = _open_scoring(window, _campaign(tmp_path))
    assert window.session is not None
    page.start("J2")
    ref = page.current_dossier
    _type(qtbot, "5")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "5")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.show_phase("ranking")
    ranking = window.session.ranking
    assert ranking is not None
    entry = next(e for e in ranking.entries if e.ref == ref)
    assert entry.jurors == 1 and entry.score == pytest.approx(100.0)


def test_a_campaign_change_elsewhere_refreshes_the_workspace(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    _type(qtbot, "3")
    assert window.session is not None
    window.session.changed()
    assert page.current_dossier == ref
    assert page.sheet.input("TEAM").value == 3.0
    window.close_campaign()
    assert page.workspace is None
    assert page.picker.jurors.count() == 0


# -- nothing shown as saved is ever lost ----------------------------------------------------------


class _Driver:
    def __init__(self, path: Path, juror: str) -> None:
        # src first: the driver runs this checkout's code, not whichever copy is installed.
        pythonpath = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=pythonpath)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.scoring_driver", str(path), juror],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.state = self._read()
        assert self.state.get("ready"), self.state

    def _read(self) -> dict[str, object]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, "the driver died"
        state: dict[str, object] = json.loads(line)
        return state

    def send(self, key: str, *, wait: bool = True) -> dict[str, object]:
        assert self.process.stdin is not None
        self.process.stdin.write(key + "\n")
        self.process.stdin.flush()
        if wait:
            self.state = self._read()
        return self.state

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


@pytest.mark.slow
def test_killing_the_app_between_two_keystrokes_loses_nothing_shown_as_saved(
    tmp_path: Path,
) -> None:
    path = _campaign(tmp_path, make_campaign_data(dossiers=6, scored=False))
    driver = _Driver(path, "J2")
    shown_saved: dict[tuple[str, str], float] = {}
    keys = ["4", "Tab", "3", ",", "Ctrl+Return", "Return", "1", "Tab", "2", "Right", "Return"]
    keys += ["5", "Tab", "0", ",", "Return", "2"]
    try:
        for key in keys:
            state = driver.send(key)
            if str(state["saved"]).startswith("✓") and not state["pending"]:
                values = state["values"]
                assert isinstance(values, dict)
                for code, value in values.items():
                    if value is not None:
                        shown_saved[(str(state["dossier"]), code)] = value
        last_dossier = str(driver.state["dossier"])
        # Killed right after the page showed the last keystroke as saved, before the next one.
    finally:
        driver.kill()
    assert len(shown_saved) == 7
    found = _file_scores(path, "J2")
    assert {key: found[key].value for key in shown_saved} == shown_saved
    assert found[(last_dossier, "TEAM")].value == 2.0

    # Killed in the middle of a keystroke: the file is whole, and still holds all of the above.
    driver = _Driver(path, "J2")
    try:
        driver.send("Delete", wait=False)
    finally:
        driver.kill()
    with CampaignStore.open(path) as store:
        (check,) = store.db.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok"
        after = {(s.dossier, s.criterion): s.value for s in store.scores("J2")}
    assert {k: v for k, v in after.items() if k in shown_saved} == {
        k: v for k, v in shown_saved.items() if k in after
    }
    assert len(set(shown_saved) - set(after)) <= 1  # at most the one being deleted


# -- undo: the juror's own score changes, never the secretary's set-up ------------------------


def test_ctrl_z_on_the_scoring_page_never_undoes_a_set_up_change(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """The auditor's scenario: a conflict declared on the Campaign page, then a juror presses
    Ctrl+Z while scoring — the conflict stays; the juror's own last score is undone instead."""
    path = _campaign(tmp_path)
    window.activateWindow()
    window.open_file(path)
    window.show_phase("campaign")
    window.campaign_page.controller.confirm = lambda title, text: True
    window.campaign_page.conflicts_editor.declare("J3", "D02", "associé")
    assert window.undo_stack.count() == 1 and window.undo_action.isEnabled()
    window.show_phase("scoring")
    assert not window.undo_action.isEnabled()  # nothing of the juror's to undo yet
    page = window.scoring_page
    page.start("J3")
    assert "D02" not in [item.ref for item in page.queue_model.items()]
    ref = page.current_dossier
    page.queue_view.setFocus()
    _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.undo_stack.index() == 1
    with CampaignStore.open(path, readonly=True) as store:
        assert ("J3", "D02") in {(c.juror, c.dossier) for c in store.conflicts()}

    page.sheet.focus_criterion("TEAM")
    _type(qtbot, "3")
    _key(qtbot, Qt.Key.Key_Right)  # 3.5
    assert _file_scores(path, "J3")[(ref, "TEAM")].value == 3.5
    assert window.undo_action.isEnabled()
    _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # focus still in the box
    assert _file_scores(path, "J3")[(ref, "TEAM")].value == 3.0
    assert page.sheet.input("TEAM").value == 3.0
    _key(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert (ref, "TEAM") not in _file_scores(path, "J3")
    _key(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _file_scores(path, "J3")[(ref, "TEAM")].value == 3.0
    assert window.undo_stack.index() == 1  # the set-up history is untouched
    with CampaignStore.open(path, readonly=True) as store:
        entries = [(e.actor, e.action) for e in store.audit_entries()]
    assert entries[-4:] == [
        ("J3", "score"),
        ("J3", "score"),
        ("J3", "clear_score"),
        ("J3", "score"),
    ]

    window.show_phase("ranking")
    assert not window.undo_action.isEnabled()  # neither history on another page
    window.show_phase("campaign")
    assert window.undo_action.isEnabled() and window.undo_stack.canUndo()


def test_undoing_a_score_of_another_dossier_goes_back_to_it(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    first = page.current_dossier
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Return)  # next dossier
    assert page.current_dossier != first
    window.undo_action.trigger()
    assert page.current_dossier == first
    assert (first, "TEAM") not in _file_scores(path, "J2")
    page.leave_workspace()
    assert not page.undo_stack.canUndo()  # a juror's history goes with them


def test_the_secretary_types_in_a_paper_sheet_with_the_keyboard(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    picker = page.picker
    picker.jurors.setCurrentRow(2)  # J3
    assert picker.paper_button.isVisible() and picker.paper_button.isEnabled()
    qtbot.mouseClick(picker.paper_button, Qt.MouseButton.LeftButton)  # nobody has a PIN
    assert page.workspace is not None and page.workspace.paper_entry
    assert "typed by the secretary" in page.title.text()
    ref = page.current_dossier
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "2,")
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # mark final
    assert _file_reviews(path, "J3")[ref] is ReviewStatus.FINAL
    assert _file_scores(path, "J3")[(ref, "MARKET")].value == 2.5
    with CampaignStore.open(path, readonly=True) as store:
        actors = {e.actor for e in store.audit_entries() if f"J3/{ref}" in e.entity}
    assert actors == {"secretary for J3"}
    page.leave_workspace()
    assert page.workspace is None and page.stack.currentWidget() is picker


def test_the_workspace_and_the_set_up_fit_a_1920_screen_at_200_percent(
    window: MainWindow, tmp_path: Path
) -> None:
    """960 logical pixels wide: the navigation plus either page must fit (the panes shrink, the
    property boxes stack, long names wrap)."""
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J2")
    QApplication.processEvents()
    navigation = window.navigation.width()
    assert navigation + page.minimumSizeHint().width() <= 960
    assert window.minimumSizeHint().height() <= 540  # 1080 physical pixels at 200 %
    window.show_phase("campaign")
    campaign = window.campaign_page
    for index in range(campaign.tabs.count()):
        campaign.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert navigation + campaign.minimumSizeHint().width() <= 960, campaign.tabs.tabText(index)
        assert window.minimumSizeHint().height() <= 540, campaign.tabs.tabText(index)
    window.resize(960, 540)
    campaign.tabs.setCurrentWidget(campaign.properties)
    QApplication.processEvents()
    from PySide6.QtWidgets import QBoxLayout

    assert campaign.properties.boxes.direction() is QBoxLayout.Direction.TopToBottom
    window.resize(1366, 768)
    QApplication.processEvents()
    assert campaign.properties.boxes.direction() is QBoxLayout.Direction.LeftToRight


def test_the_progress_tells_complete_drafts_apart(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J2")
    assert page.progress.text() == "0 / 4 scored"
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "3")  # every criterion scored, not final
    assert page.progress.text() == "0 / 4 final, 1 complete draft(s)"
    _key(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.progress.text() == "1 / 4 scored"


def test_the_order_a_juror_picks_is_remembered_for_that_juror(
    window: MainWindow, tmp_path: Path
) -> None:
    page = _open_scoring(window, _campaign(tmp_path))
    page.start("J2")
    assert page.order_choice.currentData() == "shuffled"
    page.order_choice.setCurrentIndex(page.order_choice.findData("reference"))
    assert [i.ref for i in page.queue_model.items()] == ["D01", "D02", "D03", "D04"]
    page.leave_workspace()
    page.start("J3")
    assert page.order_choice.currentData() == "shuffled"  # J3 did not choose
    page.leave_workspace()
    page.start("J2")
    assert page.order_choice.currentData() == "reference"
    assert [i.ref for i in page.queue_model.items()] == ["D01", "D02", "D03", "D04"]
    window.settings.sync()
    assert any("order" in key for key in window.settings.allKeys())


def test_the_dividers_stay_where_the_juror_put_them(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    QApplication.processEvents()
    page.splitter.moveSplitter(300, 1)  # what dragging the first divider does
    moved = page.splitter.sizes()
    window.resize(1200, 700)  # a resize no longer shares the width out
    QApplication.processEvents()
    assert page.splitter.sizes()[0] == moved[0]
    page.leave_workspace()
    window.close_campaign()

    runner = TaskRunner(synchronous=True)
    again = shown_window(qtbot, runner, window.settings)
    again.open_file(path)
    again.show_phase("scoring")
    again.scoring_page.start("J2")
    QApplication.processEvents()
    assert again.scoring_page.splitter.sizes()[0] == moved[0]
    runner.wait_for_done()
    again.close_campaign()


def test_a_double_click_on_mark_final_does_not_reopen(
    window: MainWindow, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """Issue 20, defect 3: the second click of a double-click lands where *Mark final* was."""
    path = _campaign(tmp_path)
    page = _open_scoring(window, path)
    page.start("J2")
    ref = page.current_dossier
    _type(qtbot, "4")
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "4")
    button = page.sheet.mark_final_button
    spot = button.mapTo(window, button.rect().center())
    for _click in range(2):
        qtbot.wait(60)  # the layout settles between the two clicks, as it does for a user
        target = window.childAt(spot)
        assert target is not None
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(window, spot))
    assert _file_reviews(path, "J2")[ref] is ReviewStatus.FINAL
    assert page.sheet.reopen_button.isVisible()

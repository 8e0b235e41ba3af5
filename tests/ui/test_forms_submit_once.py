"""A set-up form submits once: one click on *Add*, with the window's asynchronous task runner,
saves the new item and then shows it — no false "already exists" problem afterwards (issue 20,
defect 1: the reload that came back later applied the form again, as an edit of another row)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.tasks import TaskRunner
from tests.factories import make_campaign_data, make_campaign_file
from tests.ui.conftest import shown_window
from tests.ui.test_campaign_setup import _read, _type

pytestmark = pytest.mark.gui


@pytest.fixture
def async_window(qtbot, settings: QSettings, shown_errors: list[str]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    runner = TaskRunner()  # asynchronous, as in the app
    main = shown_window(qtbot, runner, settings)
    yield main
    runner.wait_for_done()
    main.close_campaign()


def _settle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Lets the background reloads come back and their results be shown."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10_000)
    qtbot.wait(50)


def _open_on_setup(qtbot, window: MainWindow, path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_file(path)
    _settle(qtbot, window)
    window.show_phase("campaign")


def test_one_click_on_add_saves_one_criterion_and_shows_it(
    async_window: MainWindow, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(tmp_path / "f.seldesk", make_campaign_data(scored=False))
    _open_on_setup(qtbot, async_window, path)
    page = async_window.campaign_page
    page.tabs.setCurrentWidget(page.criteria_editor)
    criteria = page.criteria_editor
    before = [c.code for c in _read(path).criteria]

    qtbot.mouseClick(criteria.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, criteria.form.code, "INNOV")
    _type(qtbot, criteria.form.label, "Innovation")
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, async_window)

    saved = _read(path).criteria
    assert [c.code for c in saved] == [*before, "INNOV"]
    assert [c.label for c in saved[: len(before)]] == [
        c.label for c in make_campaign_data(scored=False).criteria
    ]
    assert not page.problem.isVisible(), page.problem.text()
    assert not criteria.new_mode and criteria.selected_code() == "INNOV"
    assert criteria.form.code.text() == "INNOV" and not criteria.edited


def test_one_click_on_add_saves_one_juror_and_shows_it(
    async_window: MainWindow, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(tmp_path / "f.seldesk", make_campaign_data(scored=False))
    _open_on_setup(qtbot, async_window, path)
    page = async_window.campaign_page
    jurors = page.jurors_editor
    page.tabs.setCurrentWidget(jurors)
    before = {j.code: j.name for j in _read(path).jurors}

    qtbot.mouseClick(jurors.add_button, Qt.MouseButton.LeftButton)
    _type(qtbot, jurors.form.code, "J9")
    _type(qtbot, jurors.form.name, "Nouvelle Jurée")
    qtbot.mouseClick(jurors.form.apply_button, Qt.MouseButton.LeftButton)
    _settle(qtbot, async_window)

    after = {j.code: j.name for j in _read(path).jurors}
    assert after == {**before, "J9": "Nouvelle Jurée"}
    assert not page.problem.isVisible(), page.problem.text()
    assert not jurors.new_mode and jurors.selected_code() == "J9"
    assert jurors.form.name.text() == "Nouvelle Jurée" and not jurors.edited

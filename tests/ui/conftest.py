"""GUI tests: real widgets, offscreen, with a synchronous task runner and private settings; a test
fails if it leaves thread-pool work running or a timer armed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from selection_desk.ui import main_window as main_window_module
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.tasks import TaskRunner
from tests.ui.leftover_work import LeftoverWork


@pytest.fixture(autouse=True)
def no_leftover_qt_work(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Work left running would act during a later test: it fails this one (and is stopped)."""
    work = LeftoverWork()
    work.install(monkeypatch)
    yield
    leftovers = work.leftovers()
    work.stop()
    if leftovers:
        pytest.fail("Qt work outlives the test:\n" + "\n".join(leftovers), pytrace=False)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Error boxes are modal: record their text instead of blocking the test."""
    from selection_desk.ui.messages import error_text

    errors: list[str] = []
    monkeypatch.setattr(
        main_window_module,
        "show_error",
        lambda parent, title, error: errors.append(error_text(error)),
    )
    return errors


def shown_window(qtbot, runner: TaskRunner, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    """A main window as a user sees it on a 1366 × 768 laptop."""
    main = MainWindow(runner, settings)
    # Closing the window at the end of a test leaves a deliberation's drafts unrecorded: the
    # question is modal, so it is answered here (tests of the question replace this).
    main.ask_unsaved_decisions = lambda count: QMessageBox.StandardButton.Discard
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    return main


@pytest.fixture
def window(qtbot, settings: QSettings, shown_errors: list[str]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    runner = TaskRunner(synchronous=True)
    main = shown_window(qtbot, runner, settings)
    yield main
    runner.wait_for_done()
    main.close_campaign()

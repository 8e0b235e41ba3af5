"""The task runner: work off the UI thread, results on it, progress, cancel, errors."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from selection_desk.errors import InvalidInput, define_message
from selection_desk.progress import Progress
from selection_desk.ui.tasks import TaskRunner

pytestmark = pytest.mark.gui

BROKEN = define_message("test_task_broken", "The task broke on {value}.")


def test_work_runs_off_the_ui_thread_and_reports_on_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    ui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(progress: Progress) -> str:
        seen["worker"] = threading.current_thread() is not threading.main_thread()
        for step in range(3):
            progress.step(step + 1, 3, f"step {step + 1}")
        return "result"

    steps: list[tuple[int, int, str]] = []

    def done(result: object) -> None:
        seen["result"] = result
        seen["callback_on_ui_thread"] = QThread.currentThread() is ui_thread

    runner.run(work, done, on_progress=lambda *args: steps.append(args))
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen == {"worker": True, "result": "result", "callback_on_ui_thread": True}
    assert steps[-1] == (3, 3, "step 3")
    assert not runner.busy
    runner.wait_for_done()


def test_cancel_stops_the_work_and_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    started = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress) -> None:
        started.set()
        for step in range(1000):
            progress.step(step, 1000)
            time.sleep(0.01)

    handle = runner.run(
        work, lambda _: outcome.append("done"), on_cancel=lambda: outcome.append("cancelled")
    )
    assert started.wait(5)
    handle.cancel()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    runner.wait_for_done()


def test_errors_reach_the_error_callback(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner(synchronous=True)
    errors: list[BaseException] = []

    def work(progress: Progress) -> None:
        raise InvalidInput(BROKEN, value="x")

    runner.run(work, lambda _: None, errors.append)
    assert len(errors) == 1 and str(errors[0]) == "The task broke on x."

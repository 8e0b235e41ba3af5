"""The check that no Qt work outlives a test: it sees a leaking timer, single shot and pool task,
forgets what finished, and the autouse fixture built on it fails a leaking test."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer

from selection_desk.progress import Progress
from selection_desk.ui.tasks import TaskRunner
from tests.ui.leftover_work import LeftoverWork

pytestmark = pytest.mark.gui

REPOSITORY = Path(__file__).resolve().parents[2]
HERE = Path(__file__).name
AN_HOUR_MS = 3_600_000


@pytest.fixture
def work(qapp) -> Iterator[LeftoverWork]:  # type: ignore[no-untyped-def]
    """A second watcher, inside the autouse one, that this test may let see leftovers."""
    watcher = LeftoverWork()
    with pytest.MonkeyPatch.context() as monkeypatch:
        watcher.install(monkeypatch)
        yield watcher
        watcher.stop()


def test_an_armed_timer_is_a_leftover_until_stopped(work: LeftoverWork) -> None:
    timer = QTimer()
    timer.start(AN_HOUR_MS)
    [leftover] = work.leftovers()
    assert leftover.startswith("a timer started at ") and HERE in leftover
    timer.stop()
    assert work.leftovers() == []


def test_a_pending_single_shot_is_a_leftover_until_it_fires(qtbot, work: LeftoverWork) -> None:  # type: ignore[no-untyped-def]
    fired: list[str] = []
    QTimer.singleShot(AN_HOUR_MS, lambda: fired.append("late"))
    assert len(work.leftovers()) == 1
    work.stop()
    QTimer.singleShot(0, lambda: fired.append("now"))
    qtbot.waitUntil(lambda: fired == ["now"])
    assert work.leftovers() == []


def test_a_single_shot_dies_with_its_context_object(work: LeftoverWork) -> None:
    context = QObject()
    fired: list[str] = []
    QTimer.singleShot(AN_HOUR_MS, context, lambda: fired.append("late"))
    assert len(work.leftovers()) == 1
    del context
    assert work.leftovers() == [] and fired == []


def test_a_running_pool_task_is_a_leftover_until_done(work: LeftoverWork) -> None:
    runner = TaskRunner()
    release = threading.Event()

    def blocked(progress: Progress) -> None:
        release.wait(10)

    runner.run(blocked, lambda _result: None)
    [leftover] = work.leftovers(grace_ms=50)
    assert leftover.startswith("1 thread-pool task(s) started at ") and "tasks.py" in leftover
    release.set()
    assert runner.wait_for_done(5000)
    assert work.leftovers() == []


LEAKING_TESTS = """
from PySide6.QtCore import QTimer

def test_leaks_a_timer(qtbot):
    timer = QTimer()
    timer.start(3_600_000)
    test_leaks_a_timer.timer = timer  # still referenced after the test

def test_stops_its_timer(qtbot):
    timer = QTimer()
    timer.start(3_600_000)
    timer.stop()
"""


@pytest.mark.slow  # a pytest run in a subprocess
def test_the_autouse_fixture_fails_a_leaking_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPOSITORY), str(REPOSITORY / "src")]))
    pytester.makeconftest("from tests.ui.conftest import no_leftover_qt_work  # noqa: F401\n")
    pytester.makepyfile(test_leaks=LEAKING_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        ["*ERROR at teardown of test_leaks_a_timer*", "*a timer started at *test_leaks.py:5"]
    )

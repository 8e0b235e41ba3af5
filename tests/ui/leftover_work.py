"""Qt work a test leaves behind: thread-pool tasks still running and timers still armed.

Either would run during a later test, against that test's widgets and files. napari's
``_find_dangling_qthread_pool`` and ``_find_dangling_qtimers`` fixtures are the model: for the
test's duration ``QThreadPool.start``, ``QTimer.start`` and ``QTimer.singleShot`` are wrapped so
that every pool and timer started from Python is remembered with the place that started it; at the
end the pools get a short wait to finish, then whatever still runs is a leftover. Qt's own internal
timers (cursor blink, tooltips) are not started from Python and are not ours to stop.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer

POOL_GRACE_MS = 200
"""How long a pool may take to finish its tasks once the test is over."""


def _caller() -> str:
    """Where the wrapped Qt call was made: the frame that called the wrapper calling this."""
    frame = sys._getframe(2)
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"


def _alive(qt_object: QObject) -> bool:
    return shiboken6.isValid(qt_object)


class LeftoverWork:
    """Remembers the pools and timers started while installed; lists those still busy."""

    def __init__(self) -> None:
        # Weak: a pool or timer that nothing holds any more is deleted, and stops, with its wrapper.
        self._pools: weakref.WeakKeyDictionary[QThreadPool, str] = weakref.WeakKeyDictionary()
        self._timers: weakref.WeakKeyDictionary[QTimer, str] = weakref.WeakKeyDictionary()
        # Held strongly, as Qt holds its own single shots, until they fire.
        self._single_shots: dict[QTimer, str] = {}

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Wrap the Qt calls for as long as ``monkeypatch`` lasts."""
        pool_start = QThreadPool.start
        timer_start = QTimer.start
        single_shot = QTimer.singleShot

        def start_in_pool(pool: QThreadPool, runnable: QRunnable, *args: Any) -> None:
            self._pools.setdefault(pool, f"started at {_caller()}")
            pool_start(pool, runnable, *args)

        def start_timer(timer: QTimer, *args: Any) -> None:
            self._timers[timer] = _caller()
            timer_start(timer, *args)

        def start_single_shot(msec: int, *args: Any) -> None:
            if not callable(args[-1]):  # a receiver and a SLOT() name: not used by this app
                single_shot(msec, *args)
                return
            self._single_shot(_caller(), msec, *args, start=timer_start)

        monkeypatch.setattr(QThreadPool, "start", start_in_pool)
        monkeypatch.setattr(QTimer, "start", start_timer)
        monkeypatch.setattr(QTimer, "singleShot", staticmethod(start_single_shot))

    def _single_shot(
        self, place: str, msec: int, *args: Any, start: Callable[[QTimer, int], None]
    ) -> None:
        """``QTimer.singleShot`` as a QTimer of ours: started from a wrapper, it can be seen."""
        timer_type = Qt.TimerType.CoarseTimer
        if isinstance(args[0], Qt.TimerType):
            timer_type, *args = args
        context, slot = (args[0], args[1]) if len(args) == 2 else (None, args[0])
        # Parented to the context object, it dies with it without firing, as Qt's own does.
        timer = QTimer(context)
        timer.setSingleShot(True)
        timer.setTimerType(timer_type)
        timer.timeout.connect(lambda: self._single_shots.pop(timer, None))
        timer.timeout.connect(slot)
        self._single_shots[timer] = place
        start(timer, msec)

    def leftovers(self, grace_ms: int = POOL_GRACE_MS) -> list[str]:
        """What still runs, each with where it was started (pools first get ``grace_ms``)."""
        found = []
        pools = {pool: place for pool, place in self._pools.items()}
        pools.setdefault(QThreadPool.globalInstance(), "in the global pool")
        for pool, place in pools.items():
            if _alive(pool) and not pool.waitForDone(grace_ms):
                found.append(f"{pool.activeThreadCount()} thread-pool task(s) {place}")
        timers = [*self._timers.items(), *self._single_shots.items()]
        for timer, place in timers:
            if _alive(timer) and timer.isActive():
                found.append(f"a timer started at {place}")
        return found

    def stop(self) -> None:
        """Disarm the leftover timers, so that one leaking test does not fail the next ones."""
        for timer in [*self._timers.keys(), *self._single_shots]:
            if _alive(timer):
                timer.stop()
        self._single_shots.clear()

"""One task runner for every piece of work that can grow with the data.

Work runs on a ``QThreadPool`` and reports back on the main thread through signals (Picard's and
Anki's pattern); each task gets a :class:`~selection_desk.progress.Progress` (progress, cancel).
Tests use ``TaskRunner(synchronous=True)``: the task runs inline and its callbacks fire before
``run`` returns.  Workers open their own database connections; they never share the window's.
:class:`LatestOnly` runs one kind of work (a ranking, an explanation…) one task at a time, the
newest request replacing a waiting one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from selection_desk.errors import Cancelled
from selection_desk.progress import Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress], Any]


class _TaskSignals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class TaskHandle:
    def __init__(self, signals: _TaskSignals) -> None:
        self.signals = signals
        self.progress = Progress(signals.progress.emit)
        self.done = False
        self.worker_finished = threading.Event()

    def cancel(self) -> None:
        self.progress.cancel()


class _Runnable(QRunnable):
    def __init__(self, work: Work, handle: TaskHandle) -> None:
        super().__init__()
        self._work: Work | None = work
        self._handle: TaskHandle | None = handle

    def run(self) -> None:
        # The worker must not hold the last reference to the signals' QObject: Qt objects are
        # destroyed where their last Python reference goes, and that must be the UI thread.
        work, handle = self._work, self._handle
        self._work = self._handle = None
        assert work is not None and handle is not None
        finished = handle.worker_finished
        _execute(work, handle)
        del work, handle
        finished.set()


def _execute(work: Work, handle: TaskHandle) -> None:
    try:
        result = work(handle.progress)
    except Cancelled:
        handle.signals.cancelled.emit()
    except BaseException as error:  # reported to the UI, which shows a message, never a traceback
        log.exception("task failed")
        handle.signals.failed.emit(error)
    else:
        handle.signals.succeeded.emit(result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._active: set[TaskHandle] = set()
        self._retired: list[TaskHandle] = []

    def run(
        self,
        work: Work,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> TaskHandle:
        self._release_retired()
        signals = _TaskSignals()
        handle = TaskHandle(signals)
        self._active.add(handle)

        def finish() -> None:
            handle.done = True
            self._active.discard(handle)
            self._retired.append(handle)

        def succeeded(result: Any) -> None:
            finish()
            on_success(result)

        def failed(error: BaseException) -> None:
            finish()
            if on_error is not None:
                on_error(error)

        def cancelled() -> None:
            finish()
            if on_cancel is not None:
                on_cancel()

        signals.succeeded.connect(succeeded)
        signals.failed.connect(failed)
        signals.cancelled.connect(cancelled)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        if self.synchronous:
            _execute(work, handle)
            handle.worker_finished.set()
        else:
            self._pool.start(_Runnable(work, handle))
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._active)

    def _release_retired(self) -> None:
        """Drop finished tasks' signal objects here, on the UI thread, once their worker is gone."""
        self._retired = [h for h in self._retired if not h.worker_finished.is_set()]

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Join every worker (application exit, test teardown)."""
        for handle in list(self._active):
            handle.cancel()
        joined = self._pool.waitForDone(msecs)
        if joined:
            self._release_retired()
        return joined


class LatestOnly:
    """Runs one task at a time through the runner; a newer request replaces a waiting one, and a
    result that a newer request made stale is dropped."""

    def __init__(self) -> None:
        self._serial = 0
        self._running = False
        self._pending: tuple[int, TaskRunner, Any, Any, Any] | None = None

    @property
    def busy(self) -> bool:
        return self._running or self._pending is not None

    def submit(
        self,
        runner: TaskRunner,
        job: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._serial += 1
        request = (self._serial, runner, job, on_success, on_error)
        if self._running:
            self._pending = request
        else:
            self._start(request)

    def forget(self) -> None:
        """Drop whatever is waiting or running (its result will be ignored)."""
        self._serial += 1
        self._pending = None

    def _start(self, request: tuple[int, TaskRunner, Any, Any, Any]) -> None:
        serial, runner, job, on_success, on_error = request
        self._running = True
        runner.run(
            job,
            lambda result: self._finished(serial, on_success, result),
            lambda error: self._finished(serial, on_error, error),
            on_cancel=lambda: self._finished(serial, None, None),
        )

    def _finished(self, serial: int, callback: Callable[[Any], None] | None, value: Any) -> None:
        self._running = False
        pending, self._pending = self._pending, None
        if callback is not None and serial == self._serial:
            callback(value)
        if pending is not None and pending[0] == self._serial:
            self._start(pending)

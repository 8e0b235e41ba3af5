"""Progress reporting and cancellation for long use cases (imports, exports, merges).

Qt-free: the GUI's task runner passes a :class:`Progress` whose callback forwards to a Qt signal;
the command line passes none.  Long loops call :meth:`Progress.step`, which raises
:class:`~selection_desk.errors.Cancelled` once the user cancelled — before anything is committed,
so a cancelled task changes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from selection_desk.errors import CANCELLED, Cancelled

ProgressCallback = Callable[[int, int, str], None]


class Progress:
    def __init__(self, callback: ProgressCallback | None = None) -> None:
        self._callback = callback
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled(CANCELLED)

    def step(self, done: int, total: int, message: str = "") -> None:
        self.check()
        if self._callback is not None:
            self._callback(done, total, message)


NO_PROGRESS = Progress()

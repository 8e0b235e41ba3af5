"""Opening the app: whole processes next to a bare PySide6 window, memory, page switches, imports.

* ``cold_start_demo`` / ``cold_start``: a process that starts the app on a campaign and renders its
  first window to a PNG (``gui FILE --screenshot PNG --first-paint``, offscreen), timed from its
  launch until the PNG exists, next to a bare PySide6 ``QMainWindow`` process doing the same, in
  alternation.  The ranking and its stability arrive after, in workers.
* ``open_memory``: the peak resident memory (the OS's own accounting: ``wait4``'s ``ru_maxrss``) of
  the app opening the campaign until the ranking and the stability are shown
  (``--screenshot`` without ``--first-paint``), against the 300 MB budget.
* ``page_switch``: with the campaign open and its work done, every page shown in turn (each is
  built on its first show): the longest time the UI thread did not answer a 5 ms heartbeat timer,
  against the 100 ms budget.
* ``ui_import_time``: ``import selection_desk.ui.app`` in a fresh process, as ``-X importtime``
  reports it, against the 0.4 s budget.

The processes run with compiled bytecode kept (in the benchmark cache), as an installed app has it:
the warm-up run compiles, the timed runs do not.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from tests.benchmarks.generator import CACHE_DIR
from tests.benchmarks.harness import BenchCase, Prepared, Side
from tests.benchmarks.operations.scoring_page import _application

MEMORY_BUDGET_BYTES = 300_000_000
UI_BUDGET_S = 0.1
IMPORT_BUDGET_S = 0.4
HEARTBEAT_MS = 5
POLL_S = 0.002
BARE_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)
window.show()
app.processEvents()
sys.exit(0 if window.grab().save(sys.argv[1]) else 1)
"""
"""The baseline: the least a PySide6 app does to paint a window of the same size to a PNG."""


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(CACHE_DIR / "pycache")
    environment["QT_QPA_PLATFORM"] = "offscreen"
    return environment


PEAK_OF_CHILD = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""
"""Runs a command and writes its peak RSS (kB).  A child of the benchmark itself would count the
benchmark's own memory: Linux carries the parent's peak into a child's through fork and exec (a
command started by a 500 MB process peaks at 500 MB).  Started from this small process, the
command's peak is its own (give or take this process's 10 MB)."""


def _process(command: list[str], png: Path, *, printed: bool = False) -> tuple[float, int]:
    """Run ``command``: the seconds until ``png`` exists, and the process's peak RSS in bytes
    (measured apart: :data:`PEAK_OF_CHILD`; the seconds include its start, ~20 ms, so a time
    compared with a bare process's takes :func:`_first_paint_seconds` instead).  ``printed``:
    ``png`` is what the command prints, complete once it ended (see :func:`_run`)."""
    peak = png.with_suffix(".peak")
    peak.unlink(missing_ok=True)
    command = [sys.executable, "-c", PEAK_OF_CHILD, str(peak), *command]
    painted, _ = _run(command, png, printed=printed)
    return painted, int(peak.read_text()) * 1024  # Linux counts kilobytes


def _first_paint_seconds(command: list[str], png: Path) -> float:
    """Run ``command``: the seconds until ``png`` exists (started directly, as the bare window)."""
    return _run(command, png)[0]


def _run(command: list[str], png: Path, *, printed: bool = False) -> tuple[float, int]:
    """Run ``command``: the seconds until ``png`` exists, and ``wait4``'s peak RSS in bytes.

    ``printed``: the command writes nothing itself; what it prints goes to ``png``, which is
    given its name once the process ended (the seconds are then the whole process's)."""
    png.unlink(missing_ok=True)
    errors = png.with_suffix(".stderr")
    output = png.with_name(f"{png.name}.part")
    printing = output.open("wb") if printed else contextlib.nullcontext(subprocess.DEVNULL)
    with errors.open("wb") as stderr, printing as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=_environment(), stdout=stdout, stderr=stderr)
        painted: float | None = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if painted is None and png.exists():
                painted = time.perf_counter() - start
            time.sleep(POLL_S)
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if printed:
        output.replace(png)
    if painted is None:
        painted = time.perf_counter() - start  # written just before the process ended
    assert process.returncode == 0 and png.exists(), errors.read_text(errors="replace")
    return painted, usage.ru_maxrss * 1024  # Linux counts kilobytes


def _app_command(campaign: Path, png: Path, *, first_paint: bool) -> list[str]:
    command = [sys.executable, "-m", "selection_desk", "gui", str(campaign), "--screenshot"]
    return [*command, str(png), *(["--first-paint"] if first_paint else [])]


@contextmanager
def bare_window_side(case: BenchCase) -> Iterator[Prepared]:
    png = case.workdir / "bare.png"
    yield Prepared(lambda: _first_paint_seconds([sys.executable, "-c", BARE_WINDOW, str(png)], png))


@contextmanager
def _app_side(
    case: BenchCase, campaign: Callable[[BenchCase], Path], measure: Callable[[Path, Path], float]
) -> Iterator[Prepared]:
    path = campaign(case)
    png = case.workdir / "app.png"
    yield Prepared(lambda: measure(path, png))


def _demo(case: BenchCase) -> Path:
    from selection_desk.demo import build_demo_file

    return build_demo_file(case.workdir / "demo.seldesk")


def _copy(case: BenchCase) -> Path:
    """A copy: the app opens the file for writing (its lock, its automatic backup)."""
    return case.copy("startup.seldesk")


def _first_paint(campaign: Path, png: Path) -> float:
    # The process goes on (its workers rank), but the window is painted: the time stops there.
    return _first_paint_seconds(_app_command(campaign, png, first_paint=True), png)


def _peak_memory(campaign: Path, png: Path) -> float:
    return _process(_app_command(campaign, png, first_paint=False), png)[1]


cold_start_demo_side: Side = partial(_app_side, campaign=_demo, measure=_first_paint)
cold_start_side: Side = partial(_app_side, campaign=_copy, measure=_first_paint)
open_memory_side: Side = partial(_app_side, campaign=_copy, measure=_peak_memory)


def budget(value: float) -> Side:
    """A baseline that is a fixed budget (an absolute target): ``value`` seconds or bytes."""

    @contextmanager
    def side(case: BenchCase) -> Iterator[Prepared]:
        yield Prepared(lambda: value)

    return side


memory_budget = budget(MEMORY_BUDGET_BYTES)
ui_block_budget = budget(UI_BUDGET_S)
import_budget = budget(IMPORT_BUDGET_S)


def _import_seconds() -> float:
    """``import selection_desk.ui.app``'s cumulative time in a fresh process (``-X importtime``)."""
    module = "selection_desk.ui.app"
    command = [sys.executable, "-X", "importtime", "-c", f"import {module}"]
    result = subprocess.run(command, env=_environment(), capture_output=True, text=True, check=True)
    line = next(line for line in result.stderr.splitlines() if line.endswith(f"| {module}"))
    return int(line.split("|")[1]) / 1e6


@contextmanager
def ui_import_side(case: BenchCase) -> Iterator[Prepared]:
    yield Prepared(_import_seconds)


class _Heartbeat:
    """A timer ticking every few milliseconds on the UI thread: the longest gap between two ticks
    (or between a start and the first tick) is the longest time the UI thread was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def restart(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()


def _longest_switch(app: Any, window: Any, heartbeat: _Heartbeat) -> dict[str, float]:
    """Each page shown in turn; for each, the longest UI-thread block until its work is done."""
    from selection_desk.ui.app import settled, wait_until

    blocks: dict[str, float] = {}
    for phase in (*window.PHASES, window.PHASES[0]):
        heartbeat.restart()
        window.show_phase(phase)
        wait_until(app, settled(window.runner))
        heartbeat._tick()
        blocks[phase] = max(blocks.get(phase, 0.0), heartbeat.longest)
    heartbeat.timer.stop()
    return blocks


LAST_SWITCHES: dict[str, float] = {}
"""The latest run's block per page (seconds), for a look at which page is the slowest."""


@contextmanager
def page_switch_side(case: BenchCase) -> Iterator[Prepared]:
    from PySide6.QtCore import QSettings

    from selection_desk.ui.app import settled, wait_until
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.tasks import TaskRunner

    app = _application()
    path = _copy(case)
    settings = QSettings(str(case.workdir / "settings.ini"), QSettings.Format.IniFormat)
    heartbeat = _Heartbeat()

    def run() -> float:
        runner = TaskRunner()
        window = MainWindow(runner, settings)
        window.resize(1366, 768)
        window.show()
        try:
            window.open_file(path)
            wait_until(app, lambda: window.session is not None or not runner.busy)
            assert window.session is not None, window.open_error
            wait_until(app, settled(runner))
            LAST_SWITCHES.clear()
            LAST_SWITCHES.update(_longest_switch(app, window, heartbeat))
            return max(LAST_SWITCHES.values())
        finally:
            window.close()
            runner.wait_for_done()
            window.deleteLater()
            app.processEvents()

    yield Prepared(run)

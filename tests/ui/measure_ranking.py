"""Is the Ranking page usable on 5,000 dossiers?  Times each user action on the L benchmark
campaign with the real (threaded) task runner, and the longest the UI thread was blocked.

``.venv/bin/python -m tests.ui.measure_ranking`` — not collected by pytest.  A 5 ms heartbeat
timer on the UI thread records the longest gap between its ticks: that is how long the window
could not repaint or react to a key.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    os.environ.setdefault("SELECTION_DESK_DATA_DIR", tempfile.mkdtemp(prefix="seldesk-measure-"))
    from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from selection_desk import i18n
    from selection_desk.domain import Method
    from selection_desk.ui.app import create_application
    from selection_desk.ui.main_window import MainWindow
    from selection_desk.ui.models.ranking_model import RankingModel, StabilityState
    from selection_desk.ui.tasks import TaskRunner
    from tests.benchmarks.generator import cached_campaign_file

    i18n.set_language("en")
    create_application()
    folder = Path(tempfile.mkdtemp(prefix="seldesk-measure-"))
    campaign = folder / "large.seldesk"
    shutil.copyfile(cached_campaign_file("L"), campaign)
    runner = TaskRunner()
    window = MainWindow(runner, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1366, 768)
    window.show()
    page = window.ranking_page

    clock = QElapsedTimer()
    gaps = {"last": 0, "max": 0}

    def tick() -> None:
        now = clock.elapsed()
        gaps["max"] = max(gaps["max"], now - gaps["last"])
        gaps["last"] = now

    heartbeat = QTimer()
    heartbeat.setInterval(5)
    heartbeat.timeout.connect(tick)
    clock.start()
    heartbeat.start()

    def measure(name: str, action: Callable[[], None], done: Callable[[], bool]) -> None:
        QApplication.processEvents()
        gaps["last"], gaps["max"] = clock.elapsed(), 0
        start = time.perf_counter()
        action()
        while not done():
            QApplication.processEvents()
            time.sleep(0.001)
        elapsed = time.perf_counter() - start
        QApplication.processEvents()
        print(f"{name:<44} {elapsed:7.2f} s   UI thread blocked at most {gaps['max']:5d} ms")

    def settled() -> bool:
        return (
            page.model.stability == StabilityState.DONE
            and page.view == page.current_view()
            and not any(channel.busy for channel in page._channels.values())
            and not runner.busy
        )

    measure(
        "open the campaign, rank, bootstrap B=1000", lambda: window.open_file(campaign), settled
    )
    measure("switch to the median", lambda: page.set_method(Method.MEDIAN), settled)
    measure("switch back to the mean", lambda: page.set_method(Method.MEAN), settled)
    first = next(iter(page.weights.weights()))

    def nudge() -> None:
        slider = page.weights.slider(first)
        for _step in range(10):
            slider.setValue(slider.value() + 10)
            QApplication.processEvents()

    measure("move a weight (10 steps), re-rank, bootstrap", nudge, settled)
    score = RankingModel.COLUMNS.index("score")
    notes = RankingModel.COLUMNS.index("notes")
    measure(
        "sort by score",
        lambda: page.table.sortByColumn(score, Qt.SortOrder.DescendingOrder),
        lambda: True,
    )
    measure(
        "sort by flags",
        lambda: page.table.sortByColumn(notes, Qt.SortOrder.AscendingOrder),
        lambda: True,
    )
    measure(
        "back to rank order",
        lambda: page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder),
        lambda: True,
    )
    target = page.model.entry(40).ref

    def explained() -> bool:
        return page._explanation is not None and page._explanation.ref == target

    measure("select a dossier, explain it", lambda: page.table.selectRow(40), explained)
    measure("find a dossier by name", lambda: page.filter.setText("solis nova"), lambda: True)
    measure(
        "check the sensitivity (mean)",
        lambda: page._request_sensitivity(),
        lambda: not page._channels["sensitivity"].busy,
    )
    heartbeat.stop()
    window.close()
    runner.wait_for_done()
    return 0


if __name__ == "__main__":
    sys.exit(main())

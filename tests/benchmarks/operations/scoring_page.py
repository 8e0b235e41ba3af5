"""Opening the Scoring page must not block the UI: measured against the 100 ms budget.

Two UI-thread moments, each timed up to a rendered frame (``grab()`` lays the page out and paints
it, as the first paint on screen would), each on a page built afresh (untimed, as the main window
builds its pages at start-up):

* ``scoring_page_open``: ``set_session`` — the page receives the open campaign (the juror list)
  — and its first paint;
* ``scoring_juror_open``: a juror starts — workspace, queue, first dossier and sheet — and the
  first paint of the workspace.  Before it, the page has been given the campaign and the event
  loop has run once (the page builds the score grid then, while the juror list is on screen).

The baseline side is the budget itself, a 100 ms sleep, so the ratio reads as a share of the
budget (≤ 1: within it).  Both run on a writable copy of the campaign, as in the app; the
harness's warm-up run pays the process's one-time costs (fonts, locale data), which the app pays
at start-up.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from selection_desk.domain import CampaignData
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.raw_sqlite import drop_digest_triggers

UI_BUDGET_S = 0.100
PAGE_SIZE = (1176, 720)
"""The page's share of a 1366×768 window (without the phase list, menu and status bars)."""


def _application() -> Any:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    return app if app is not None else QApplication([])


class _Bench:
    """A session on a writable copy of the campaign, and a fresh Scoring page on demand."""

    def __init__(self, store: CampaignStore) -> None:
        from selection_desk.ui.session import CampaignSession
        from selection_desk.ui.tasks import TaskRunner

        self.app = _application()
        self.runner = TaskRunner(synchronous=True)
        # The page reads nothing from session.data: a campaign-only CampaignData keeps the set-up
        # short (the window loads the whole campaign in its task runner, off the UI thread).
        self.session = CampaignSession(
            store, CampaignData(campaign=store.campaign()), None, self.runner
        )
        jurors = store.jurors()
        self.juror = jurors[len(jurors) // 2].code
        self.holder: Any = None
        self.page: Any = None

    def fresh_page(self) -> None:
        from PySide6.QtWidgets import QVBoxLayout, QWidget

        from selection_desk.ui.pages.scoring import ScoringPage

        self.close_page()
        self.holder = QWidget()
        layout = QVBoxLayout(self.holder)
        self.page = ScoringPage()
        layout.addWidget(self.page)
        self.holder.resize(*PAGE_SIZE)
        self.holder.show()
        self.app.processEvents()

    def close_page(self) -> None:
        if self.page is not None:
            self.page.set_session(None)
            self.holder.close()
            self.holder.deleteLater()
            self.app.processEvents()
            self.page = self.holder = None


@contextmanager
def _bench(case: BenchCase) -> Iterator[_Bench]:
    path = case.copy("scoring-page.seldesk")
    with CampaignStore.open(path) as store:
        bench = _Bench(store)
        try:
            yield bench
        finally:
            bench.close_page()
            bench.runner.wait_for_done()


@contextmanager
def page_open_side(case: BenchCase) -> Iterator[Prepared]:
    with _bench(case) as bench:

        def run() -> int:
            bench.page.set_session(bench.session)
            bench.page.grab()
            return int(bench.page.picker.jurors.count())

        yield Prepared(run, before_each=bench.fresh_page)


@contextmanager
def juror_open_side(case: BenchCase) -> Iterator[Prepared]:
    with _bench(case) as bench:

        def before() -> None:
            bench.fresh_page()
            bench.page.set_session(bench.session)
            bench.page.grab()
            bench.app.processEvents()  # the event loop turns once while the list is shown

        def run() -> int:
            assert bench.page.start(bench.juror)
            bench.page.grab()
            return int(bench.page.queue_model.rowCount())

        yield Prepared(run, before_each=before)


@contextmanager
def ui_budget(case: BenchCase) -> Iterator[Prepared]:
    """The budget: 100 ms of a blocked UI thread."""

    def run() -> None:
        time.sleep(UI_BUDGET_S)

    yield Prepared(run)


def check_something_shown(ours: object, baseline: object) -> None:
    assert isinstance(ours, int) and ours > 0, f"the page showed {ours!r} rows"


# -- one score typed in the workspace: the page's save path ---------------------------------------


def _draft_target(path: object) -> tuple[int, int, int, str, str, str, tuple[float, float]]:
    """A score of a draft review (the workspace refuses to change a final one)."""
    import sqlite3
    from pathlib import Path

    assert isinstance(path, Path)
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        row = connection.execute(
            "SELECT s.juror_id, s.dossier_id, s.criterion_id, j.code, d.ref, c.code, s.value,"
            " c.scale_min, c.step"
            " FROM review AS r JOIN score AS s"
            "   ON s.juror_id = r.juror_id AND s.dossier_id = r.dossier_id"
            " JOIN juror AS j ON j.id = s.juror_id JOIN dossier AS d ON d.id = s.dossier_id"
            " JOIN criterion AS c ON c.id = s.criterion_id"
            " WHERE r.status = 'draft' ORDER BY r.juror_id, r.dossier_id, c.position LIMIT 1"
        ).fetchone()
    finally:
        connection.close()
    juror_id, dossier_id, criterion_id, juror, dossier, criterion, current, low, step = row
    first = low + step if current != low + step else low + 2 * step
    return juror_id, dossier_id, criterion_id, juror, dossier, criterion, (first, low)


@contextmanager
def workspace_score_side(case: BenchCase) -> Iterator[Prepared]:
    """``JurorWorkspace.set_score``: validation, the durable write with its review and audit
    entry, and the juror's sheet read back to show it — what one keystroke costs the page."""
    import itertools

    from selection_desk.services.scoring_workspace import open_workspace

    path = case.copy("workspace.seldesk")
    *_ids, juror, dossier, criterion, values = _draft_target(path)
    cycle = itertools.cycle(values)
    with CampaignStore.open(path) as store, open_workspace(store, juror) as workspace:

        def run() -> float | None:
            return workspace.set_score(dossier, criterion, next(cycle)).value(criterion)

        yield Prepared(run)


@contextmanager
def bare_draft_update_side(case: BenchCase) -> Iterator[Prepared]:
    """The same score rewritten by one ``UPDATE`` in ``BEGIN IMMEDIATE … COMMIT``, with the app's
    durability (rollback journal, ``synchronous=FULL``)."""
    import itertools
    import sqlite3

    from selection_desk.storage.campaign_file import BUSY_TIMEOUT_MS

    path = case.copy("bare.seldesk")
    juror_id, dossier_id, criterion_id, *_codes, values = _draft_target(path)
    cycle = itertools.cycle(values)
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("PRAGMA synchronous = FULL")
        drop_digest_triggers(connection)  # bare SQL: no digest kept (storage.state_digest)

        def run() -> float:
            value = next(cycle)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(
                "UPDATE score SET value = ? WHERE juror_id = ? AND dossier_id = ?"
                " AND criterion_id = ?",
                [value, juror_id, dossier_id, criterion_id],
            )
            connection.execute("COMMIT")
            return value

        yield Prepared(run)
    finally:
        connection.close()


def check_same_score(ours: object, baseline: object) -> None:
    assert ours == baseline, f"the workspace saved {ours!r}, the bare UPDATE {baseline!r}"

"""The watched folder (``merge --watch``): from a ballot landing in the folder to the grid of who
has scored what showing it, against a one-second budget (issue 17: "≤ 1 s on L").

Set-up (untimed, shared with the ``merge_ballots`` benchmark): the campaign without scores, a kit
recorded per juror, one signed ballot per juror.  Before each run: a fresh copy of that file and a
watcher thread looking at an empty folder at its own pace (:class:`BallotFolder`, as the command
line and the window run it); the ballot lands 0.1 s after a look, so it waits 0.4 s for the next
(more than the 0.25 s a ballot landing at a random moment waits on average).  Timed: the ballot is
written into the folder; the run ends when the watcher has merged it and rebuilt what the window
shows after a merge — the scores and reviews read again, the ranking, the grid.  Worst case by
construction: a look just missed (0.5 s), the second look that finds the file stable (0.25 s),
then the merge and the refresh.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from selection_desk.services.ballot_watch import BallotFolder
from selection_desk.services.merge import MergeOutcome
from selection_desk.services.ranking import rank_campaign
from selection_desk.services.review_grid import ReviewGrid, review_grid
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.benchmarks.operations.merge import prepare

BUDGET_S = 1.0


class _Watcher(threading.Thread):
    """Watches ``folder`` until stopped; ``shown`` is set when a ballot is merged and the grid
    rebuilt."""

    def __init__(self, campaign: Path, folder: Path) -> None:
        super().__init__(daemon=True)
        self.campaign, self.folder = campaign, folder
        self.stopping = threading.Event()
        self.ready = threading.Event()
        self.shown = threading.Event()
        self.grid: ReviewGrid | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with CampaignStore.open(self.campaign) as store:
                data = store.campaign_data()
                watched = BallotFolder(self.folder)
                self.ready.set()
                while not self.stopping.is_set():
                    reports = watched.merge_ready(store, actor="benchmark")
                    if any(r.outcome is MergeOutcome.ACCEPTED for r in reports):
                        data = replace(data, scores=store.scores(), reviews=store.reviews())
                        rank_campaign(store)
                        self.grid = review_grid(data)
                        self.shown.set()
                    self.stopping.wait(watched.next_look_in())
        except BaseException as error:  # reported by the timed run
            self.error = error
            self.ready.set()
            self.shown.set()


@contextmanager
def watch_side(case: BenchCase) -> Iterator[Prepared]:
    prepared = prepare(case)
    ballot = prepared.ballots[0]
    watchers: list[_Watcher] = []

    def stop() -> None:
        while watchers:
            watcher = watchers.pop()
            watcher.stopping.set()
            watcher.join()

    def before_each() -> None:
        stop()
        target = prepared.secretary.with_name("watch-ours.seldesk")
        target.write_bytes(prepared.secretary.read_bytes())
        folder = case.workdir / "watched"
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        watcher = _Watcher(target, folder)
        watchers.append(watcher)
        watcher.start()
        watcher.ready.wait()
        time.sleep(0.1)  # just after a look: the ballot waits most of a cycle for the next one

    def run() -> int:
        watcher = watchers[0]
        (watcher.folder / ballot.name).write_bytes(ballot.read_bytes())
        watcher.shown.wait(30)
        if watcher.error is not None:
            raise watcher.error
        assert watcher.grid is not None, "the ballot was not merged"
        return sum(juror.final for juror in watcher.grid.jurors)

    try:
        yield Prepared(run, before_each)
    finally:
        stop()


@contextmanager
def one_second_budget(case: BenchCase) -> Iterator[Prepared]:
    """The budget: a second from the ballot landing to the grid showing it."""
    yield Prepared(lambda: time.sleep(BUDGET_S))


def check_something_final(ours: object, baseline: object) -> None:
    assert isinstance(ours, int) and ours > 0, "the grid shows no final review after the merge"

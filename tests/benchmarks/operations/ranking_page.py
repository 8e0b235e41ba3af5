"""The Ranking page on a big campaign: what a what-if costs, and what the UI thread pays.

* ``whatif_rank``: one what-if re-rank — the ranking with other weights and the jurors'
  calibration, from the in-memory :class:`RankingInput` (what a slider move starts in the task
  runner) — next to the SQL query computing the plain means (the baseline of ``rank_mean``);
* ``ranking_page_show``: the UI-thread part of showing a new ranking — table model, summary,
  banner, charts, calibration, selection — and the page's first paint, against the 100 ms budget
  of a blocked UI thread.  The recomputations the page then starts (bootstrap, explanation,
  sensitivity) go to a runner that drops them: they run in the task runner, not on the UI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from selection_desk.domain import CampaignData
from selection_desk.progress import Progress
from selection_desk.storage.store import CampaignStore
from tests.benchmarks.harness import BenchCase, Prepared
from tests.benchmarks.operations.scoring_page import PAGE_SIZE, _application


def _what_if(weights: dict[str, float]) -> dict[str, float]:
    """The first criterion's weight doubled: a typical slider move."""
    first = next(iter(weights))
    return {**weights, first: weights[first] * 2}


@contextmanager
def whatif_rank_side(case: BenchCase) -> Iterator[Prepared]:
    from selection_desk.ui.pages import ranking_work as work

    with CampaignStore.open(case.path, readonly=True) as store:
        ranking_input = store.ranking_input()
        campaign = store.campaign()
    saved = {criterion.code: criterion.weight for criterion in ranking_input.criteria}
    view = work.View.of(campaign.method, _what_if(saved))

    def run() -> object:
        return work.rank(ranking_input, view, Progress()).ranking

    yield Prepared(run)


class _DroppingRunner:
    """Takes the page's background work and never runs it (it is not UI-thread work)."""

    def run(self, *args: Any, **kwargs: Any) -> None:
        return None


@contextmanager
def page_show_side(case: BenchCase) -> Iterator[Prepared]:
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from selection_desk.ui.pages import ranking_work as work
    from selection_desk.ui.pages.ranking import RankingPage
    from selection_desk.ui.session import CampaignSession

    app = _application()
    path = case.copy("ranking-page.seldesk")
    with CampaignStore.open(path) as store:
        ranking_input = store.ranking_input()
        campaign = store.campaign()
        data = CampaignData(campaign=campaign, criteria=store.criteria())
        session = CampaignSession(store, data, None, _DroppingRunner())  # type: ignore[arg-type]
        saved = {criterion.code: criterion.weight for criterion in ranking_input.criteria}
        views = [
            work.View.of(campaign.method, saved),
            work.View.of(campaign.method, _what_if(saved)),
        ]
        ranked = [work.rank(ranking_input, view, Progress()) for view in views]
        names = {juror.code: juror.name for juror in store.jurors()}
        loaded = work.Loaded(ranking_input, names, ranked[0].ranking)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        page = RankingPage()
        layout.addWidget(page)
        holder.resize(*PAGE_SIZE)
        holder.show()
        page.set_session(session)
        page._loaded(loaded)
        app.processEvents()
        turn = {"next": 1}

        def before() -> None:
            # The page shows the other view next: its weights are set as a slider would.
            index = turn["next"]
            page.weights.set_criteria(ranking_input.criteria, dict(views[index].weights))
            page._debounce.stop()
            app.processEvents()

        def run() -> int:
            index = turn["next"]
            page._ranked(ranked[index])
            page.grab()
            turn["next"] = 1 - index
            return int(page.model.rowCount())

        try:
            yield Prepared(run, before_each=before)
        finally:
            page.set_session(None)
            holder.close()
            holder.deleteLater()
            app.processEvents()

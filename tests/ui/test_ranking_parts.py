"""The Ranking page's parts on their own: the table model, the charts, the explanation text and
the one-task-at-a-time scheduling of recomputations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QTextBrowser

from selection_desk import i18n
from selection_desk.aggregation import RankingInput, build_ranking_input, compute_ranking, explain
from selection_desk.domain import Method
from selection_desk.progress import Progress
from selection_desk.ui.charts import (
    Cohort,
    CriterionProfileChart,
    ScoreDistributionChart,
    distribution_data,
    histogram,
    profile_rows,
    score_axis,
)
from selection_desk.ui.models.ranking_model import RankingModel, StabilityState, fast_number
from selection_desk.ui.pages.ranking_explanation import explanation_html
from selection_desk.ui.tasks import LatestOnly
from tests.factories import make_campaign_data

pytestmark = pytest.mark.gui


@pytest.fixture
def ranking_input() -> RankingInput:
    return build_ranking_input(make_campaign_data(dossiers=8, jurors=4, places=3))


class ManualRunner:
    """Keeps the submitted work; ``finish()`` runs the oldest one and reports its result."""

    def __init__(self) -> None:
        self.queue: list[tuple[Callable[[Progress], Any], Callable[[Any], None]]] = []

    def run(self, work, on_success, on_error=None, on_progress=None, on_cancel=None):  # type: ignore[no-untyped-def]
        self.queue.append((work, on_success))

    def finish(self) -> None:
        work, on_success = self.queue.pop(0)
        on_success(work(Progress()))


def test_latest_only_runs_one_task_at_a_time_and_keeps_only_the_newest_request() -> None:
    runner = ManualRunner()
    channel = LatestOnly()
    ran: list[str] = []
    shown: list[str] = []

    def job(name: str) -> Callable[[Progress], str]:
        return lambda progress: ran.append(name) or name

    for name in ("first", "second", "third"):
        channel.submit(runner, job(name), shown.append, shown.append)  # type: ignore[arg-type]
    assert len(runner.queue) == 1 and channel.busy
    runner.finish()  # "first" is stale: dropped; "third" replaced "second" and starts now
    assert ran == ["first"] and shown == []
    assert len(runner.queue) == 1
    runner.finish()
    assert ran == ["first", "third"] and shown == ["third"]
    assert not channel.busy
    channel.submit(runner, job("fourth"), shown.append, shown.append)  # type: ignore[arg-type]
    channel.forget()
    runner.finish()
    assert shown == ["third"]


def test_the_model_sorts_missing_values_last_in_both_directions(
    qapp: QApplication, ranking_input: RankingInput
) -> None:
    ranking = compute_ranking(ranking_input)
    model = RankingModel()
    model.set_ranking(ranking, stability=StabilityState.PENDING)
    spread = RankingModel.COLUMNS.index("spread")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(spread, order)
        values = [model.entry(row).spread for row in range(model.rowCount())]
        present = [v for v in values if v is not None]
        assert values == present + [None] * (len(values) - len(present))
        assert present == sorted(present, reverse=order == Qt.SortOrder.DescendingOrder)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert [model.entry(row).ref for row in range(model.rowCount())] == [
        entry.ref for entry in ranking.entries
    ]
    stability = RankingModel.COLUMNS.index("stability")
    assert model.index(0, stability).data() == "…"


def test_stability_arrives_in_place_and_keeps_the_selection(
    qapp: QApplication, ranking_input: RankingInput
) -> None:
    model = RankingModel()
    model.set_ranking(compute_ranking(ranking_input), stability=StabilityState.PENDING)
    kept = QPersistentModelIndex(model.index(2, 1))
    ref = kept.data()
    assert model.set_stability(compute_ranking(ranking_input, bootstrap=200, seed=3))
    assert model.stability == StabilityState.DONE
    assert kept.isValid() and kept.row() == 2 and kept.data() == ref
    cell = model.index(0, RankingModel.COLUMNS.index("stability")).data()
    assert "%" in cell
    other = compute_ranking(build_ranking_input(make_campaign_data(dossiers=3)), bootstrap=10)
    assert not model.set_stability(other)


def test_cells_use_the_language_separators(qapp: QApplication) -> None:
    with i18n.language("fr"):
        assert fast_number(1234.5, 2) == i18n.format_number(1234.5, 2) == "1\u202f234,50"
        assert fast_number(-3.25, 1) == "-3,2"
    with i18n.language("en"):
        assert fast_number(1234.5, 2) == "1,234.50"


def test_histogram_and_cut_off(qapp: QApplication, ranking_input: RankingInput) -> None:
    counts = histogram([80, 90], [10, 12, 55], 0, 100, 10)
    assert counts.selected == (0, 0, 0, 0, 0, 0, 0, 0, 1, 1)
    assert counts.others == (0, 2, 0, 0, 0, 1, 0, 0, 0, 0)
    ranking = compute_ranking(ranking_input)
    data = distribution_data(ranking, ranking.entries[0].ref)
    chosen = [e.score for e in ranking.entries if e.above_cutoff]
    others = [e.score for e in ranking.entries if not e.above_cutoff and e.score is not None]
    assert sorted(data.selected) == sorted(chosen)
    assert data.cutoff == pytest.approx((min(chosen) + max(others)) / 2)
    assert data.marker == ranking.entries[0].score
    assert data.low <= min(others) and data.high >= max(chosen)
    low, high, bins = score_axis(Method.MEAN, [41.0, 83.5], 12)
    assert (low, high) == (40.0, 85.0) and bins == 18
    low, high, bins = score_axis(Method.ZSCORE, [-1.3, 0.9], 12)
    assert low <= -1.3 and high >= 0.9 and bins >= 4
    assert score_axis(Method.SCHULZE, [], 12) == (0.0, 11.0, 11)


def test_the_profile_sets_the_dossier_against_the_cohort(
    qapp: QApplication, ranking_input: RankingInput
) -> None:
    ranking = compute_ranking(ranking_input)
    ref = ranking.entries[-1].ref
    rows = profile_rows(
        ranking, ranking_input.criteria, ref, Cohort.of(ranking, ranking_input.criteria)
    )
    team = rows[0]
    means = sorted(e.criteria["TEAM"] for e in ranking.entries if e.criteria["TEAM"] is not None)
    assert team.code == "TEAM" and team.threshold == 1.0
    assert team.value == ranking.entry(ref).criteria["TEAM"]
    assert (team.minimum, team.maximum) == (means[0], means[-1])
    assert team.q1 is not None and team.median is not None and team.q3 is not None
    assert team.q1 <= team.median <= team.q3


def _pixels_like(image: QImage, colour: QColor) -> int:
    return sum(
        1
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
        if image.pixelColor(x, y).rgb() == colour.rgb()
    )


def test_the_charts_paint_the_places_in_the_highlight_colour(
    qapp: QApplication, ranking_input: RankingInput
) -> None:
    ranking = compute_ranking(ranking_input)
    chart = ScoreDistributionChart()
    chart.resize(460, 240)
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)
    chart.set_data(None)
    assert _pixels_like(chart.grab().toImage(), highlight) == 0
    chart.set_data(distribution_data(ranking, ranking.entries[0].ref))
    assert _pixels_like(chart.grab().toImage(), highlight) > 20
    profile = CriterionProfileChart()
    profile.resize(460, 200)
    profile.set_rows(profile_rows(ranking, ranking_input.criteria, ranking.entries[0].ref))
    assert _pixels_like(profile.grab().toImage(), highlight) > 10


def test_the_explanation_escapes_applicant_text(qapp: QApplication) -> None:
    from dataclasses import replace

    data = make_campaign_data(dossiers=4)
    hostile = replace(data.dossiers[1], name="<b>Acme</b> & <img src='/etc/passwd'>")
    data = replace(data, dossiers=(data.dossiers[0], hostile, *data.dossiers[2:]))
    ranking_input = build_ranking_input(data)
    explanation = explain(ranking_input, hostile.ref, method=Method.TRIMMED)
    html = explanation_html(
        explanation,
        criteria=ranking_input.criteria,
        juror_names={"J1": "Ann <script>"},
        count=4,
        places=2,
    )
    browser = QTextBrowser()
    browser.setHtml(html)
    text = browser.toPlainText()
    assert text.startswith("<b>Acme</b> & <img src='/etc/passwd'>")
    assert "<img" not in html and "<script>" not in html
    assert "trimmed mean per criterion." in text


@pytest.mark.parametrize("method", list(Method))
def test_every_method_explains_itself(
    qapp: QApplication, ranking_input: RankingInput, method: Method
) -> None:
    ref = ranking_input.dossiers[2][0]
    explanation = explain(ranking_input, ref, method=method)
    browser = QTextBrowser()
    browser.setHtml(
        explanation_html(
            explanation,
            criteria=ranking_input.criteria,
            juror_names={"J2": "Juré deux"},
            count=len(ranking_input.dossiers),
            places=3,
        )
    )
    text = browser.toPlainText()
    assert text.startswith(explanation.name)
    assert "Juré deux (J2)" in text and "Scores per criterion" in text
    if method is Method.ZSCORE:
        assert "\nPoints\nz\nCounts\n" in text
    if method is Method.BORDA:
        assert "Borda rank → points" in text and " of 8 → " in text


def test_the_workers_compute_what_the_page_shows(
    ranking_input: RankingInput, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selection_desk.ui.pages import ranking_work as work

    saved = {criterion.code: criterion.weight for criterion in ranking_input.criteria}
    view = work.View.of(Method.MEAN, {**saved, "MARKET": 3.0})
    ranked = work.rank(ranking_input, view, Progress())
    assert dict(ranked.ranking.weights) == {"TEAM": 2.0, "MARKET": 3.0}
    assert ranked.cohort.codes == ("TEAM", "MARKET")
    assert len(ranked.calibration) == 4
    stable = work.stabilise(ranking_input, view, Progress())
    assert stable.ranking is not None and stable.ranking.bootstrap is not None
    assert stable.ranking.bootstrap == ranking_input.settings.stability  # the minutes' setting
    monkeypatch.setattr(work, "SCHULZE_BOOTSTRAP_LIMIT", 5)
    schulze = work.View.of(Method.SCHULZE, saved)
    assert work.stabilise(ranking_input, schulze, Progress()).ranking is None
    assert work.sensitivity_is_quick(Method.MEAN, 50_000)
    assert not work.sensitivity_is_quick(Method.BORDA, 5_000)
    sensitive = work.sensitivity(ranking_input, view, Progress())
    assert set(sensitive.sensitivity) == {"TEAM", "MARKET"}


def test_a_rounded_explanation_shows_each_criterions_rounded_points(qapp: QApplication) -> None:
    from selection_desk.aggregation import RankingSettings
    from selection_desk.domain import Criterion
    from tests.aggregation.panels import make_input

    a = Criterion("A", "A", 0.125, 0, 5, 0.05)
    b = Criterion("B", "B", 1.0, 0, 10, 0.01)
    scores = {("J1", "D1"): (2.5, 1.0), ("J2", "D1"): (2.85, 1.01)}
    ranking_input = make_input(
        scores, criteria=(a, b), settings=RankingSettings(criterion_decimals=3)
    )
    browser = QTextBrowser()
    browser.setHtml(
        explanation_html(
            explain(ranking_input, "D1"),
            criteria=ranking_input.criteria,
            juror_names={},
            count=1,
            places=1,
        )
    )
    text = browser.toPlainText()
    # Means 2.675 and 1.005 (three decimals); points 0.125 × 2.675 = 0.334375 → 0.334.
    assert "\nMean\nPoints\n" in text
    assert "2.675\n0.334\n" in text and "1.005\n1.005\n" in text
    assert "rounded half-up to 3 decimal(s)" in text

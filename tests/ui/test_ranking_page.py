"""The Ranking page, driven as a user would: real widgets, a real campaign file, qtbot."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from selection_desk.domain import (
    Campaign,
    CampaignData,
    Criterion,
    Dossier,
    Juror,
    Method,
    Review,
    ReviewStatus,
    Score,
)
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.models.ranking_model import ABOVE_CUTOFF_ROLE, RankingModel, StabilityState
from selection_desk.ui.pages import ranking_work
from selection_desk.ui.pages.ranking import RankingPage
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui

Panel = Mapping[str, Sequence[tuple[float, float]]]
"""Dossier ref → one (C1, C2) score pair per juror."""


def panel_data(
    panel: Panel,
    *,
    places: int = 1,
    threshold: float | None = None,
    method: Method = Method.MEAN,
) -> CampaignData:
    criteria = (
        Criterion("C1", "Équipe", 1.0, 0, 5, 0.5, threshold=threshold),
        Criterion("C2", "Marché", 1.0, 0, 5, 0.5),
    )
    jurors = tuple(
        Juror(f"J{i}", f"Juré {i}") for i in range(1, len(next(iter(panel.values()))) + 1)
    )
    scores, reviews = [], []
    for ref, pairs in panel.items():
        for juror, pair in zip(jurors, pairs, strict=True):
            for criterion, value in zip(criteria, pair, strict=True):
                scores.append(Score(juror.code, ref, criterion.code, value))
            reviews.append(Review(juror.code, ref, ReviewStatus.FINAL))
    return CampaignData(
        campaign=Campaign(uid="", name="Appel", places=places, method=method),
        criteria=criteria,
        jurors=jurors,
        dossiers=tuple(Dossier(ref, f"Start-up {ref}") for ref in panel),
        scores=tuple(scores),
        reviews=tuple(reviews),
    )


# A is first by the mean of the totals (60 against 50) and last by their median (40 against 50).
MEAN_VS_MEDIAN: Panel = {"A": [(5, 5), (2, 2), (2, 2)], "B": [(2.5, 2.5)] * 3}
# A is first with equal weights (T 60 against 50); tripling C2's weight puts B first (65 to 40).
WEIGHTS_DECIDE: Panel = {"A": [(5, 1)] * 3, "B": [(1, 4)] * 3, "C": [(1, 1)] * 3}


@pytest.fixture
def page_errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from selection_desk.ui import messages

    errors: list[str] = []
    monkeypatch.setattr(
        messages,
        "show_error",
        lambda parent, title, error: errors.append(messages.error_text(error)),
    )
    return errors


class Answers:
    """The questions asked, each answered with the next of ``replies`` (No when none left)."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.replies: list[QMessageBox.StandardButton] = []

    def question(self, parent, title, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append(text)
        return self.replies.pop(0) if self.replies else QMessageBox.StandardButton.No


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    answers = Answers()
    monkeypatch.setattr(QMessageBox, "question", answers.question)
    return answers


def open_page(window: MainWindow, path: Path) -> RankingPage:
    window.open_file(path)
    window.show_phase("ranking")
    return window.ranking_page


def refs(page: RankingPage) -> list[str]:
    return [page.proxy.index(row, 1).data() for row in range(page.proxy.rowCount())]


def test_the_table_shows_the_ranking_its_stability_and_the_cut_off(
    window: MainWindow, tmp_path: Path, page_errors: list[str]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk", make_campaign_data(dossiers=6, places=2))
    page = open_page(window, path)
    model = page.model
    assert model.rowCount() == 6
    assert model.stability == StabilityState.DONE
    ranking = model.ranking
    assert ranking is not None and ranking.bootstrap is not None
    assert (ranking.bootstrap.resamples, ranking.bootstrap.seed) == (1000, 0)
    assert all(entry.p_top is not None for entry in ranking.entries if entry.jurors)
    stability = page.proxy.index(0, RankingModel.COLUMNS.index("stability")).data()
    assert stability.endswith(("· 1", "· 1–2")) and "%" in stability
    above = [page.proxy.index(row, 0).data(ABOVE_CUTOFF_ROLE) for row in range(6)]
    assert above[:2] == [True, True] and not any(above[2:])
    assert model.sorted_by_rank
    assert page.table.cutoff_rows() == [1]  # the line goes under the second row
    assert "Within the 2 places" in page.proxy.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert page.summary.text().startswith("6 dossiers ranked · 2 within the places")
    assert "2 places" in page.settings_label.text()
    assert page.method_combo.count() == 6
    assert page.method_combo.currentText() == "mean of the juror totals (the campaign's method)"
    assert page.calibration.table.rowCount() == 3
    assert not page.banner.isVisible()
    assert page_errors == []


def test_switching_the_method_reorders_the_table(window: MainWindow, tmp_path: Path) -> None:
    page = open_page(window, make_campaign_file(tmp_path / "m.seldesk", panel_data(MEAN_VS_MEDIAN)))
    assert refs(page) == ["A", "B"]
    page.set_method(Method.MEDIAN)
    assert refs(page) == ["B", "A"]
    assert page.model.ranking is not None and page.model.ranking.method is Method.MEDIAN
    assert page.banner.isVisible() and not page.apply_button.isVisible()
    assert "The campaign's method: mean of the juror totals." in page.banner_text.text()
    assert "Selection: B in, A out." in page.banner_text.text()
    change = page.proxy.index(0, RankingModel.COLUMNS.index("change")).data()
    assert change == "▲ 1"
    assert "enters the places" in page.proxy.index(0, RankingModel.COLUMNS.index("notes")).data()
    page.set_method(Method.MEAN)
    assert refs(page) == ["A", "B"]
    assert not page.banner.isVisible()


def test_what_if_weights_rerank_without_touching_the_file(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "w.seldesk", panel_data(WEIGHTS_DECIDE))
    page = open_page(window, path)
    original = path.read_bytes()
    assert refs(page) == ["A", "B", "C"]
    page.tabs.setCurrentWidget(page.weights)
    slider = page.weights.slider("C2")
    slider.setFocus()
    for _press in range(20):  # arrow keys move the weight by 0.1: 1.0 → 3.0
        qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert page.weights.weights() == {"C1": 1.0, "C2": 3.0}
    qtbot.waitUntil(lambda: page.view == page.current_view())
    assert refs(page) == ["B", "A", "C"]
    ranking = page.model.ranking
    assert ranking is not None and dict(ranking.weights) == {"C1": 1.0, "C2": 3.0}
    assert page.banner.isVisible() and page.apply_button.isVisible()
    assert "What-if weights: not saved." in page.banner_text.text()
    assert "Selection: B in, A out." in page.banner_text.text()
    assert path.read_bytes() == original
    assert window.store is not None
    assert {c.code: c.weight for c in window.store.criteria()} == {"C1": 1.0, "C2": 1.0}
    page.reset_button.click()
    qtbot.waitUntil(lambda: page.view == page.current_view())
    assert refs(page) == ["A", "B", "C"]
    assert not page.banner.isVisible()
    assert path.read_bytes() == original


def test_applying_the_weights_saves_and_audits_them(
    window: MainWindow, tmp_path: Path, answers: Answers
) -> None:
    path = make_campaign_file(tmp_path / "a.seldesk", panel_data(WEIGHTS_DECIDE))
    page = open_page(window, path)
    page.weights.set_weight("C2", 3.0)
    page.recompute()
    original = path.read_bytes()
    page.apply_button.click()  # answered No
    assert len(answers.asked) == 1 and "Marché: 1 → 3" in answers.asked[0]
    assert path.read_bytes() == original
    answers.replies.append(QMessageBox.StandardButton.Yes)
    page.apply_button.click()
    with CampaignStore.open(path, readonly=True) as store:
        weights = {c.code: c.weight for c in store.criteria()}
        entry = store.audit_entries()[-1]
    assert weights == {"C1": 1.0, "C2": 3.0}
    assert (entry.actor, entry.action) == ("secretary", "apply_weights")
    assert json.loads(entry.after or "") == {"C1": 1.0, "C2": 3.0}
    assert json.loads(entry.before or "") == {"C1": 1.0, "C2": 1.0}
    # The saved weights are now the campaign's: no what-if left, the campaign's ranking shows.
    assert page.weights.saved_weights() == {"C1": 1.0, "C2": 3.0}
    assert not page.weights.is_what_if
    assert not page.banner.isVisible()
    assert refs(page) == ["B", "A", "C"]
    assert page.baseline is not None and page.baseline.entries[0].ref == "B"
    assert page.status.text() == "The new weights are saved."


def test_selecting_a_dossier_explains_its_score(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "e.seldesk", panel_data(MEAN_VS_MEDIAN))
    page = open_page(window, path)
    assert "Start-up A" in page.explanation.toPlainText()  # the first row is selected at first
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    text = page.explanation.toPlainText()
    assert text.startswith("Start-up B")
    assert "rank 2 of 2" in text and "score 50.00" in text
    assert "Juré 1 (J1)" in text and "Total T" in text
    assert "Scores per criterion" in text and "Scores from 0–5." in text
    profile = page.profile_chart.rows
    assert [row.code for row in profile] == ["C1", "C2"]
    assert profile[0].value == 2.5
    assert page.distribution_chart.data is not None
    assert page.distribution_chart.data.marker_label == "B"
    # Another method explains itself: the trimmed mean strikes out what it dropped.
    page.set_method(Method.TRIMMED)
    assert page.explanation.toPlainText().startswith("Start-up B")
    assert "Struck through: the score the trimmed mean dropped." in page.explanation.toPlainText()
    assert "<s>" in page.explanation.toHtml() or "line-through" in page.explanation.toHtml()


def test_eliminated_and_tied_dossiers_are_marked(window: MainWindow, tmp_path: Path) -> None:
    panel: Panel = {
        "TOP": [(4, 4)] * 3,
        "TIE1": [(3, 3)] * 3,
        "TIE2": [(3, 3)] * 3,
        "OUT": [(0.5, 5)] * 3,
    }
    path = make_campaign_file(tmp_path / "t.seldesk", panel_data(panel, threshold=1.0, places=2))
    page = open_page(window, path)
    assert refs(page) == ["TOP", "TIE1", "TIE2", "OUT"]
    notes = RankingModel.COLUMNS.index("notes")
    assert [page.proxy.index(row, 0).data() for row in range(4)] == ["1", "2 =", "2 =", "4"]
    assert page.proxy.index(1, notes).data() == "tied"
    assert page.proxy.index(3, notes).data() == "eliminated (C1)"
    assert "below the eliminatory threshold of C1" in page.proxy.index(3, notes).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert page.proxy.index(3, 2).data(Qt.ItemDataRole.FontRole).italic()
    # Ties at the cut-off are both within the places.
    assert [page.proxy.index(row, 0).data(ABOVE_CUTOFF_ROLE) for row in range(4)] == [
        True,
        True,
        True,
        False,
    ]


def test_sorting_and_finding_dossiers(window: MainWindow, tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "s.seldesk", make_campaign_data(dossiers=6))
    page = open_page(window, path)
    page.table.selectRow(2)
    chosen = page.model.entry(2).ref
    score = RankingModel.COLUMNS.index("score")
    page.table.sortByColumn(score, Qt.SortOrder.AscendingOrder)
    values = [page.model.entry(row).score for row in range(6)]
    present = [v for v in values if v is not None]
    assert present == sorted(present) and values[len(present) :] == [None] * (6 - len(present))
    assert not page.model.sorted_by_rank
    assert page.table.cutoff_rows() == []  # no cut-off line out of rank order
    assert page.proxy.index(page.table.currentIndex().row(), 1).data() == chosen  # kept
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    names = [page.model.entry(row).name for row in range(6)]
    assert names == sorted(names, key=str.casefold, reverse=True)
    page.filter.setText("start-up 3")
    assert refs(page) == ["D03"]
    page.filter.clear()
    assert page.proxy.rowCount() == 6


def test_copying_rows_puts_a_table_on_the_clipboard(window: MainWindow, tmp_path: Path) -> None:
    page = open_page(window, make_campaign_file(tmp_path / "k.seldesk", panel_data(MEAN_VS_MEDIAN)))
    page.table.selectAll()
    page.copy_selection()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:3] == ["Rank", "Ref", "Name"]
    assert [line.split("\t")[1] for line in lines[1:]] == ["A", "B"]


def test_copied_rows_paste_into_a_sheet_as_text(window: MainWindow, tmp_path: Path) -> None:
    data = make_campaign_data()
    hostile = ('=HYPERLINK("http://x","y")', "Start\tup\nLyon")
    dossiers = tuple(
        replace(d, name=hostile[i]) if i < 2 else d for i, d in enumerate(data.dossiers)
    )
    page = open_page(
        window, make_campaign_file(tmp_path / "h.seldesk", replace(data, dossiers=dossiers))
    )
    page.table.selectAll()
    page.copy_selection()
    lines = QGuiApplication.clipboard().text().split("\n")
    assert len(lines) == 1 + len(dossiers)
    names = {line.split("\t")[1]: line.split("\t")[2] for line in lines[1:]}
    assert names["D01"] == '\'=HYPERLINK("http://x","y")'
    assert names["D02"] == "Start up Lyon"
    assert {len(line.split("\t")) for line in lines} == {len(lines[0].split("\t"))}


def test_schulze_on_a_large_campaign_asks_first_and_skips_the_bootstrap(
    window: MainWindow, tmp_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(window, make_campaign_file(tmp_path / "l.seldesk", panel_data(MEAN_VS_MEDIAN)))
    monkeypatch.setattr(ranking_work, "SCHULZE_CONFIRM_LIMIT", 1)
    monkeypatch.setattr(ranking_work, "SCHULZE_BOOTSTRAP_LIMIT", 1)
    page.set_method(Method.SCHULZE)  # answered No
    assert "Schulze method compares every pair" in answers.asked[-1]
    assert page.method() is Method.MEAN
    assert page.model.ranking is not None and page.model.ranking.method is Method.MEAN
    answers.replies.append(QMessageBox.StandardButton.Yes)
    page.set_method(Method.SCHULZE)
    assert page.model.ranking is not None and page.model.ranking.method is Method.SCHULZE
    assert page.model.stability == StabilityState.NOT_RUN
    assert page.proxy.index(0, RankingModel.COLUMNS.index("stability")).data() == "—"
    assert "not computed for the Schulze method" in page.status.text()


def test_the_jurors_view_names_lenient_and_severe_jurors(
    window: MainWindow, tmp_path: Path
) -> None:
    panel: Panel = {
        "A": [(4, 4), (2, 2), (3, 3)],
        "B": [(5, 5), (3, 3), (4, 4)],
        "C": [(3, 3), (1, 1), (2, 2)],
    }
    page = open_page(window, make_campaign_file(tmp_path / "j.seldesk", panel_data(panel)))
    assert page.calibration.tendencies() == {
        "Juré 1": "lenient",
        "Juré 3": "in line",
        "Juré 2": "severe",
    }


def test_a_campaign_without_criteria_shows_no_ranking(
    window: MainWindow, tmp_path: Path, page_errors: list[str]
) -> None:
    path = tmp_path / "vide.seldesk"
    CampaignStore.create(path, Campaign(uid="", name="Vide")).close()
    page = open_page(window, path)
    assert page.summary.text() == "No ranking yet."
    assert not page.method_combo.isEnabled()
    assert page.model.rowCount() == 0
    window.close_campaign()
    assert page.session is None and page.model.rowCount() == 0
    assert page_errors == []


def test_a_score_written_elsewhere_in_the_window_reaches_the_page(
    window: MainWindow, tmp_path: Path
) -> None:
    from selection_desk.services.scoring import record_score

    path = make_campaign_file(tmp_path / "r.seldesk", panel_data(WEIGHTS_DECIDE))
    page = open_page(window, path)
    session = window.session
    assert session is not None
    for code in ("C1", "C2"):
        record_score(session.store, "J1", "C", code, 5.0, final=code == "C2", reopen=code == "C1")
    session.changed()
    entry = page.model.ranking.entry("C") if page.model.ranking else None
    assert entry is not None and entry.jurors == 3
    assert entry.score == pytest.approx((100 + 20 + 20) / 3)


def test_a_change_made_while_the_page_is_hidden_shows_when_it_comes_back(
    window: MainWindow, tmp_path: Path
) -> None:
    from selection_desk.services.scoring import record_score

    path = make_campaign_file(tmp_path / "h.seldesk", panel_data(WEIGHTS_DECIDE))
    page = open_page(window, path)
    window.show_phase("campaign")
    session = window.session
    assert session is not None and not page.isVisible()
    for code in ("C1", "C2"):
        record_score(session.store, "J2", "C", code, 5.0, final=code == "C2", reopen=code == "C1")
    session.changed()
    window.show_phase("ranking")
    ranking = page.model.ranking
    assert ranking is not None
    assert ranking.entry("C").score == pytest.approx((20 + 100 + 20) / 3)


def test_keyboard_find_and_a_failing_computation(
    window: MainWindow,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
    page_errors: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selection_desk.errors import InvalidInput
    from selection_desk.ui.pages import ranking_work as work

    page = open_page(window, make_campaign_file(tmp_path / "f.seldesk", panel_data(WEIGHTS_DECIDE)))
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter.hasFocus()
    qtbot.keyClicks(page.filter, "Start-up B")
    assert refs(page) == ["B"]

    def broken(*args: object) -> None:
        raise InvalidInput("aggregation_places_invalid", places=0)

    monkeypatch.setattr(work, "rank", broken)
    page.set_method(Method.MEDIAN)
    assert page_errors == ["The number of places must be a whole number of at least 1 (got 0)."]
    assert not page.busy.isVisible()


def test_at_1366_by_768_names_stretch_and_nothing_scrolls_sideways(
    window: MainWindow, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QHeaderView

    from selection_desk.demo import build_demo_file

    window.resize(1366, 768)
    window.show()
    page = open_page(window, build_demo_file(tmp_path / "demo.seldesk"))
    header = page.table.horizontalHeader()
    name = RankingModel.COLUMNS.index("name")
    assert header.sectionResizeMode(name) is QHeaderView.ResizeMode.Stretch
    assert not header.stretchLastSection()
    page.table.selectRow(2)
    QGuiApplication.processEvents()
    assert page.explanation.toPlainText()
    assert page.explanation.horizontalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    # every column fits: the table never needs a horizontal scrollbar, what-if or not
    assert not page.table.horizontalScrollBar().isVisible()
    widths = sum(
        header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c)
    )
    assert widths <= page.table.viewport().width()

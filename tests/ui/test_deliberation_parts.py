"""The Deliberation page's parts on their own, built from plain data (no store, no session): the
agenda table, the dossier header, the explanation tabs, the decision form, the attendance dialog."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from selection_desk.aggregation import Ranking, build_ranking_input, compute_ranking, explain
from selection_desk.aggregation.agenda import AgendaItem, Flag, build_agenda
from selection_desk.domain import Decision, Outcome
from selection_desk.services.decisions import Quorum, Votes
from selection_desk.ui.models.agenda_model import AgendaModel
from selection_desk.ui.pages.deliberation_agenda import AgendaTable
from selection_desk.ui.pages.deliberation_attendance import AttendanceDialog
from selection_desk.ui.pages.deliberation_bar import MeetingBar, MeetingSummary
from selection_desk.ui.pages.deliberation_dossier import (
    DossierHeader,
    dossier_facts,
    dossier_heading,
    flag_chips,
)
from selection_desk.ui.pages.deliberation_explanation import ExplanationTabs
from selection_desk.ui.pages.deliberation_form import DecisionForm, Draft, quorum_text
from tests.factories import make_campaign_data

pytestmark = pytest.mark.gui

DATA = make_campaign_data(dossiers=5, jurors=4, places=2)


@pytest.fixture
def ranking() -> Ranking:
    return compute_ranking(build_ranking_input(DATA))


@pytest.fixture
def items(ranking: Ranking) -> tuple[AgendaItem, ...]:
    return build_agenda(ranking)


def test_the_agenda_moves_row_by_row_and_stays_quiet_while_refilled(
    qtbot, items: tuple[AgendaItem, ...]
) -> None:  # type: ignore[no-untyped-def]
    table = AgendaTable(AgendaModel())
    qtbot.addWidget(table)
    moved: list[str | None] = []
    table.current_ref_changed.connect(moved.append)
    table.set_items(items, 2)
    assert moved == []
    assert table.select_ref(items[1].ref)
    assert moved == [items[1].ref]
    assert table.ref_after(items[1].ref, 1) == items[2].ref
    assert table.ref_after(items[0].ref, -1) == items[0].ref
    assert table.ref_after(items[-1].ref, 1) == items[-1].ref
    table.set_items(items, 2)
    assert moved == [items[1].ref]
    assert not table.select_ref("nowhere")
    assert table.objectName() == "agenda"


def test_the_header_shows_rank_facts_and_one_chip_per_flag(
    qtbot, items: tuple[AgendaItem, ...]
) -> None:  # type: ignore[no-untyped-def]
    item = replace(items[0], flags=(Flag.HIGH_SPREAD, Flag.TIED), p_top=0.8)
    header = DossierHeader()
    qtbot.addWidget(header)
    header.show_dossier(
        dossier_heading(item), dossier_facts(item, (1, 3)), flag_chips(item, 2.5, 2)
    )
    assert header.dossier_title.text() == f"1. {item.entry.name}"
    assert header.dossier_facts.text().startswith(item.entry.ref + " · score ")
    assert header.dossier_facts.text().endswith("within the places in 80 % of resamples (rank 1–3)")
    chips = header.chips()
    assert [chip.text() for chip in chips] == ["high spread", "tied"]
    assert "above the threshold 2.5" in chips[0].toolTip()
    header.show_message("Nothing to show")
    assert header.dossier_title.text() == "Nothing to show"
    assert header.dossier_facts.text() == ""


def test_the_explanation_tabs_list_jurors_and_criteria(
    qtbot, ranking: Ranking, items: tuple[AgendaItem, ...]
) -> None:  # type: ignore[no-untyped-def]
    explanation = explain(build_ranking_input(DATA), items[0].ref)
    tabs = ExplanationTabs()
    qtbot.addWidget(tabs)
    tabs.show_computing()
    assert tabs.jurors_table.item(0, 0).text() == "Computing…"
    names = {juror.code: f"Juror {juror.code}" for juror in DATA.jurors}
    tabs.show_explanation(explanation, names, DATA.criteria)
    assert tabs.jurors_table.rowCount() == len(explanation.jurors)
    assert tabs.jurors_table.item(0, 0).text().startswith("Juror ")
    assert tabs.criteria_table.rowCount() == len(DATA.criteria)
    assert tabs.criteria_table.item(0, 0).text() == DATA.criteria[0].label
    tabs.show_nothing()
    assert tabs.jurors_table.rowCount() == 0


def test_the_decision_form_edits_a_draft_and_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = DecisionForm()
    qtbot.addWidget(form)
    edits: list[None] = []
    form.edited.connect(lambda: edits.append(None))
    form.set_deciders(["Claire", "Paul"])
    saved = Draft.of(
        Decision("D1", Outcome.REJECTED, "too early", 1, 2, 0, decided_by="Paul"), "Claire"
    )
    form.load(saved, voters=3)
    assert edits == []
    assert form.draft() == Draft(Outcome.REJECTED, "too early", True, Votes(1, 2, 0), "Paul")
    assert form.vote_spins["for"].maximum() == 3
    form.choose(Outcome.SELECTED)
    assert edits
    assert not form.draft().same_as(saved)
    form.rationale.setPlainText("too early  ")
    form.choose(Outcome.REJECTED)
    assert form.draft().same_as(saved)
    form.vote_box.setChecked(False)
    assert not form.vote_spins["for"].isEnabled()
    with qtbot.waitSignal(form.record_requested):
        qtbot.mouseClick(form.record_button, Qt.MouseButton.LeftButton)
    form.show_state(False, True, "quorum line", "status line", "#123456")
    assert not form.record_button.isEnabled()
    assert form.quorum.text() == "quorum line"
    assert "#123456" in form.form_status.styleSheet()
    assert Draft.of(None, "Claire") == Draft(None, "", False, Votes(), "Claire")


def test_the_quorum_line_names_the_recused_and_counts_the_votes() -> None:
    quorum = Quorum(voters=("A", "B", "C"), recused=("D",), cast=1)
    assert quorum_text(quorum, {"D": "Juror D"}) == (
        "3 voting members · recused: Juror D · quorum 2 · 1 vote cast: quorum NOT reached"
    )


def test_the_attendance_dialog_ticks_everyone_until_attendance_is_recorded(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    jurors = [("A", "Ann", "president"), ("B", "Bob", "member")]
    everyone = AttendanceDialog(jurors, None)
    qtbot.addWidget(everyone)
    assert everyone.present() == ["A", "B"]
    recorded = AttendanceDialog(jurors, {"B"})
    qtbot.addWidget(recorded)
    assert recorded.present() == ["B"]
    recorded.boxes["A"].setChecked(True)
    assert recorded.present() == ["A", "B"]
    assert recorded.findChild(QDialogButtonBox) is not None


def test_the_meeting_bar_sums_up_the_meeting_and_turns_off_without_a_ranking(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    bar = MeetingBar()
    qtbot.addWidget(bar)
    bar.show_summary(None, stability_running=False)
    assert bar.summary.text() == "Open a campaign with a ranking to deliberate."
    assert not bar.stability_button.isEnabled()
    assert not bar.projector_button.isEnabled()
    summary = MeetingSummary(
        selected=3,
        places=2,
        decided=4,
        total=9,
        discuss=1,
        stability_running=True,
        stability_shown=False,
        resamples=1000,
    )
    bar.show_summary(summary, stability_running=True)
    assert bar.summary.text() == (
        "3 selected for 2 places · 4 of 9 dossiers decided · 1 call for discussion"
        " · checking stability…"
    )
    assert "highlight" in bar.summary.styleSheet()
    assert bar.stability_button.text() == "Cancel the stability check"
    assert bar.projector_button.isEnabled()
    from dataclasses import replace

    bar.show_summary(replace(summary, stability_running=False, stability_shown=True), False)
    assert bar.summary.text().endswith(" · stability: 1000 resamples")  # the campaign's setting
    assert not bar.discussion_first()
    bar.order.setCurrentIndex(1)
    assert bar.discussion_first()


def test_the_meeting_summary_agrees_with_its_counts_in_french() -> None:
    """Issue 20, defect 6: "1 retenus pour 3 places", "1 dossiers décidés"."""
    from selection_desk import i18n
    from selection_desk.ui.pages.deliberation_bar import summary_text

    summary = MeetingSummary(
        selected=1,
        places=3,
        decided=1,
        total=9,
        discuss=0,
        stability_running=False,
        stability_shown=False,
        resamples=1000,
    )
    with i18n.language("fr"):
        text = summary_text(summary)
        several = summary_text(replace(summary, selected=2, decided=2))
    assert text.startswith("1 retenu pour 3 places · 1 dossier décidé sur 9")
    assert several.startswith("2 retenus pour 3 places · 2 dossiers décidés sur 9")

"""The Campaign page driven like a secretary would: a campaign set up through the editors (mostly
with the keyboard), then the file checked; undo and redo through the Edit menu; the questions asked
before scores are lost; problems shown without changing anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from selection_desk.domain import Campaign, CampaignData, Dossier, Method, ReviewStatus, Role
from selection_desk.services.workbook_import import apply_campaign_data
from selection_desk.storage.setup import pin_hash, verify_pin
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.campaign import CampaignPage
from tests.factories import make_campaign_data, make_campaign_file
from tests.ui.drops import drop_within

pytestmark = pytest.mark.gui


class Questions:
    """Stands in for the confirmation dialog: records each question, answers as told."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = True

    def __call__(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def questions(window: MainWindow) -> Questions:
    recorder = Questions()
    window.campaign_page.controller.confirm = recorder
    return recorder


def _empty_campaign(path: Path) -> Path:
    """Dossiers imported, nothing else set up yet."""
    data = CampaignData(
        campaign=Campaign(uid="", name="Appel vide"),
        dossiers=tuple(Dossier(f"D{i}", f"Projet {i}") for i in range(1, 7)),
    )
    with CampaignStore.create(path, Campaign(uid="", name="Appel vide")) as store:
        apply_campaign_data(store, data, actor="test", source="factory")
    return path


@pytest.fixture
def page(window: MainWindow, questions: Questions) -> Iterator[CampaignPage]:
    window.activateWindow()
    yield window.campaign_page


def _open(window: MainWindow, path: Path) -> CampaignPage:
    window.open_file(path)
    window.show_phase("campaign")
    return window.campaign_page


def _read(path: Path) -> CampaignData:
    with CampaignStore.open(path, readonly=True) as store:
        return store.campaign_data()


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Replaces the widget's text, key by key (QTest only types ASCII: the other characters go
    as key events carrying their text, as an input method sends them)."""
    widget.setFocus()
    widget.selectAll()
    if not text:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def _audit_actions(path: Path) -> list[str]:
    with CampaignStore.open(path, readonly=True) as store:
        return [entry.action for entry in store.audit_entries()]


def test_a_campaign_is_set_up_through_the_editors(
    window: MainWindow,
    page: CampaignPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = _empty_campaign(tmp_path / "appel.seldesk")
    _open(window, path)
    assert page.criteria.rowCount() == 0 and page.jurors.rowCount() == 0

    # Properties: typed, each saved when the field is left.
    properties = page.properties
    page.tabs.setCurrentWidget(properties)
    _type(qtbot, properties.name, "Appel à projets 2026")
    qtbot.keyClick(properties.name, Qt.Key.Key_Return)
    _type(qtbot, properties.places, "3")
    qtbot.keyClick(properties.places, Qt.Key.Key_Return)
    properties.method.setFocus()
    qtbot.keyClick(properties.method, Qt.Key.Key_Down)  # median
    _type(qtbot, properties.meeting_place, "Toulouse, salle 2")
    qtbot.keyClick(properties.meeting_place, Qt.Key.Key_Return)
    _type(qtbot, properties.contact, "selection@example.org")
    qtbot.keyClick(properties.contact, Qt.Key.Key_Return)

    # Two criteria, from the form; the second one with a rubric.
    criteria = page.criteria_editor
    form = criteria.form
    page.tabs.setCurrentWidget(criteria)
    for code, label, weight in (("TEAM", "Équipe", "3"), ("MARKET", "Marché", "1")):
        qtbot.mouseClick(criteria.add_button, Qt.MouseButton.LeftButton)
        assert criteria.new_mode and form.apply_button.text() == "&Add"
        _type(qtbot, form.code, code)
        _type(qtbot, form.label, label)
        _type(qtbot, form.weight, weight)
        qtbot.keyClick(form.weight, Qt.Key.Key_Tab)
        if code == "MARKET":
            _type(qtbot, form.scale_max, "4")
            _type(qtbot, form.step, "1")
            qtbot.keyClick(form.step, Qt.Key.Key_Tab)
            qtbot.mouseClick(form.fill_levels_button, Qt.MouseButton.LeftButton)
            assert form.levels.rowCount() == 5
            form.levels.item(0, 1).setText("Absent")
            form.levels.item(4, 1).setText("Leader")
            form.levels.item(4, 2).setText("Part de marché dominante")
            for _middle in (1, 2, 3):
                form.levels.removeRow(1)
            form.has_threshold.setChecked(True)
            _type(qtbot, form.threshold, "1")
            _type(qtbot, form.group, "Marché & clients")
            _type(qtbot, form.description, "Taille, accès, concurrence")
        qtbot.keyClick(form.label, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert page.problem.isHidden(), page.problem.text()
    assert page.criteria.rowCount() == 2
    assert page.criteria.item(0, 4).text() == "75.0 %"  # share of the total weight

    # Reorder with the keyboard: MARKET first.
    criteria.select("MARKET")
    criteria.table.setFocus()
    qtbot.keyClick(criteria.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [page.criteria.item(r, 0).text() for r in range(2)] == ["MARKET", "TEAM"]

    # Jurors: one with a PIN.
    jurors = page.jurors_editor
    page.tabs.setCurrentWidget(jurors)
    for name, email, role_steps, pin in (
        ("Anne Érard", "anne@example.org", 0, "2468"),
        ("Bruno Martin", "bruno@example.org", 1, ""),
        ("Chloé Petit", "", 1, ""),
    ):
        qtbot.mouseClick(jurors.add_button, Qt.MouseButton.LeftButton)
        _type(qtbot, jurors.form.name, name)
        _type(qtbot, jurors.form.email, email)
        jurors.form.role.setCurrentIndex(role_steps)
        if pin:
            _type(qtbot, jurors.form.pin, pin)
        qtbot.keyClick(jurors.form.name, Qt.Key.Key_Return)
        assert page.problem.isHidden(), page.problem.text()
    assert page.jurors.rowCount() == 3
    assert page.jurors.item(0, 4).text() == "✓" and page.jurors.item(1, 4).text() == "—"

    # A conflict of interest, with its reason, from the grid.
    conflicts = page.conflicts_editor
    page.tabs.setCurrentWidget(conflicts)
    conflicts.grid.setFocus()
    conflicts.grid.show_pair("J2", "D3")
    _type(qtbot, conflicts.reason, "ancien associé")
    qtbot.keyClick(conflicts.reason, Qt.Key.Key_Return)
    conflicts.grid.show_pair("J3", "D1")
    conflicts.reason.clear()
    qtbot.keyClick(conflicts.grid, Qt.Key.Key_Space)
    assert conflicts.summary.text() == "2 conflict(s) declared"

    # Two jurors per dossier, balanced.
    assignments = page.assignments_editor
    page.tabs.setCurrentWidget(assignments)
    _type(qtbot, assignments.per_dossier, "2")
    qtbot.mouseClick(assignments.balanced_button, Qt.MouseButton.LeftButton)
    assert "Load per scoring juror: from 4 to 4 dossier(s)." in assignments.summary.text()

    data = _read(path)
    campaign = data.campaign
    assert (campaign.name, campaign.places, campaign.method) == (
        "Appel à projets 2026",
        3,
        Method.MEDIAN,
    )
    assert campaign.meeting_place == "Toulouse, salle 2"
    assert campaign.contact == "selection@example.org"
    assert [c.code for c in data.criteria] == ["MARKET", "TEAM"]
    market = data.criteria[0]
    assert (market.label, market.weight, market.scale_max, market.step) == ("Marché", 1, 4, 1)
    assert market.threshold == 1
    assert (market.group, market.description) == ("Marché & clients", "Taille, accès, concurrence")
    assert [(lv.value, lv.label, lv.descriptor) for lv in market.levels] == [
        (0, "Absent", ""),
        (4, "Leader", "Part de marché dominante"),
    ]
    assert [(j.code, j.name, j.role) for j in data.jurors] == [
        ("J1", "Anne Érard", Role.PRESIDENT),
        ("J2", "Bruno Martin", Role.MEMBER),
        ("J3", "Chloé Petit", Role.MEMBER),
    ]
    with CampaignStore.open(path, readonly=True) as store:
        assert verify_pin("2468", pin_hash(store, "J1"))
        assert pin_hash(store, "J2") is None
    assert {(c.juror, c.dossier, c.reason) for c in data.conflicts} == {
        ("J2", "D3", "ancien associé"),
        ("J3", "D1", ""),
    }
    pairs = {(a.juror, a.dossier) for a in data.assignments}
    assert len(pairs) == 12 and not pairs & {("J2", "D3"), ("J3", "D1")}
    actions = _audit_actions(path)
    assert actions.count("criterion.add") == 2 and actions.count("juror.add") == 3
    assert {"campaign.update", "criteria.reorder", "conflict.declare", "assignments.set"} <= set(
        actions
    )


def test_every_edit_is_undone_and_redone_through_the_edit_menu(
    window: MainWindow,
    page: CampaignPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    before = _read(path)
    criteria = page.criteria_editor

    criteria.select("MARKET")
    _type(qtbot, criteria.form.label, "Marché visé")
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    criteria.move_row(1, 0)  # as a drag and drop does
    page.jurors_editor.select("J3")
    qtbot.mouseClick(page.jurors_editor.form.remove_pin_button, Qt.MouseButton.LeftButton)
    _type(qtbot, page.jurors_editor.form.pin, "9753")
    qtbot.mouseClick(page.jurors_editor.form.apply_button, Qt.MouseButton.LeftButton)
    page.conflicts_editor.declare("J2", "D04", "")  # scored: asks, then removes the review
    page.assignments_editor.per_dossier.setValue(2)
    page.assignments_editor.assign_balanced()

    stack = window.undo_stack
    assert stack.count() == 5
    assert window.undo_action.text() == "&Undo Assign 2 jurors per dossier"
    edited = _read(path)
    assert [c.code for c in edited.criteria] == ["MARKET", "TEAM"]
    assert edited.criteria[0].label == "Marché visé"
    assert ("J2", "D04") in {(c.juror, c.dossier) for c in edited.conflicts}
    assert edited.assignments

    # Ctrl+Z, as a user types it, then the menu action.
    window.activateWindow()
    page.criteria_editor.table.setFocus()
    qtbot.keyClick(page.criteria_editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stack.index() == 4
    while stack.canUndo():
        window.undo_action.trigger()
    undone = _read(path)
    assert undone.criteria == before.criteria
    assert set(undone.scores) == set(before.scores)
    assert set(undone.reviews) == set(before.reviews)
    assert undone.conflicts == before.conflicts and undone.assignments == ()
    with CampaignStore.open(path, readonly=True) as store:
        assert pin_hash(store, "J3") is None

    qtbot.keyClick(
        page.criteria_editor.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert stack.index() == 1
    while stack.canRedo():
        window.redo_action.trigger()
    redone = _read(path)
    assert redone.criteria == edited.criteria
    assert set(redone.assignments) == set(edited.assignments)
    with CampaignStore.open(path, readonly=True) as store:
        assert verify_pin("9753", pin_hash(store, "J3"))
        actions = [e.action for e in store.audit_entries()]
    # Each undo and redo is itself an audited use case.
    assert actions.count("criterion.edit") == 3
    assert actions.count("conflict.declare") == 2 and actions.count("conflict.remove") == 1


def test_a_new_scale_asks_first_and_declining_changes_nothing(
    window: MainWindow,
    page: CampaignPage,
    questions: Questions,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    before = _read(path)
    audit = len(_audit_actions(path))
    criteria = page.criteria_editor
    criteria.select("TEAM")
    _type(qtbot, criteria.form.scale_max, "10")
    criteria.form.has_threshold.setChecked(False)
    criteria.form.levels.setRowCount(0)
    questions.answer = False
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    assert len(questions.asked) == 1
    question = questions.asked[0]
    assert "from 0 to 5" in question and "from 0 to 10" in question
    assert "11 score(s) removed, given by 3 juror(s) on 4 dossier(s)" in question
    assert "11 final review(s) go back to draft" in question
    assert page.problem.isVisible() and "Nothing was changed." in page.problem.text()
    assert _read(path) == before and len(_audit_actions(path)) == audit
    assert window.undo_stack.count() == 0

    questions.answer = True
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    after = _read(path)
    assert after.criteria[0].scale_max == 10
    assert {s.criterion for s in after.scores} == {"MARKET"}
    assert {r.status for r in after.reviews} == {ReviewStatus.DRAFT}
    window.undo_action.trigger()
    undone = _read(path)
    assert undone.criteria == before.criteria and set(undone.scores) == set(before.scores)
    assert _review_states(undone) == _review_states(before)


def _review_states(data: CampaignData) -> set[tuple[str, str, ReviewStatus, str]]:
    """Reviews as users see them (undo counts a new revision of each review it touches)."""
    return {(r.juror, r.dossier, r.status, r.comment) for r in data.reviews}


def test_a_wrong_value_shows_the_problem_and_changes_nothing(
    window: MainWindow,
    page: CampaignPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    before = _read(path)
    criteria = page.criteria_editor
    criteria.select("TEAM")
    _type(qtbot, criteria.form.step, "0,3")
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    assert page.problem.isVisible()
    assert "does not divide the scale" in page.problem.text()
    _type(qtbot, page.properties.name, "")
    qtbot.keyClick(page.properties.name, Qt.Key.Key_Return)
    assert "The campaign needs a name." in page.problem.text()
    assert page.properties.name.text() == "Appel test"  # the saved value is shown again
    assert _read(path) == before
    assert window.undo_stack.count() == 0
    criteria.revert()
    _type(qtbot, criteria.form.weight, "4")
    qtbot.mouseClick(criteria.form.apply_button, Qt.MouseButton.LeftButton)
    assert page.problem.isHidden()


def test_deleting_a_scored_criterion_from_the_keyboard(
    window: MainWindow,
    page: CampaignPage,
    questions: Questions,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    window.activateWindow()
    criteria = page.criteria_editor
    criteria.select("MARKET")
    criteria.table.setFocus()
    qtbot.keyClick(criteria.table, Qt.Key.Key_Delete)
    assert questions.asked and "Criterion MARKET already has scores" in questions.asked[0]
    data = _read(path)
    assert [c.code for c in data.criteria] == ["TEAM"]
    assert {r.status for r in data.reviews} == {ReviewStatus.FINAL}
    window.undo_action.trigger()
    assert [c.code for c in _read(path).criteria] == ["TEAM", "MARKET"]
    assert len(_read(path).scores) == 22


def test_a_conflict_on_a_scored_dossier_is_declared_with_the_space_bar(
    window: MainWindow,
    page: CampaignPage,
    questions: Questions,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    conflicts = page.conflicts_editor
    page.tabs.setCurrentWidget(conflicts)
    conflicts.grid.show_pair("J3", "D02")
    assert (
        conflicts.model.data(
            conflicts.grid.currentIndex().model().mapToSource(conflicts.grid.currentIndex())
        )
        == "•"
    )
    _type(qtbot, conflicts.reason, "famille")
    conflicts.grid.setFocus()
    qtbot.keyClick(conflicts.grid, Qt.Key.Key_Space)
    assert "Juror J3 has already scored dossier D02" in questions.asked[0]
    data = _read(path)
    assert ("J3", "D02", "famille") in {(c.juror, c.dossier, c.reason) for c in data.conflicts}
    assert not [s for s in data.scores if (s.juror, s.dossier) == ("J3", "D02")]
    # The reason is edited in place; Delete withdraws.
    conflicts.grid.show_pair("J3", "D02")
    index = conflicts.grid.currentIndex()
    conflicts.grid.model().setData(index, "famille proche")
    assert conflicts.model.conflicts[("J3", "D02")] == "famille proche"
    qtbot.keyClick(conflicts.grid, Qt.Key.Key_Delete)
    assert ("J3", "D02") not in conflicts.model.conflicts
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    restored = _read(path)
    assert len([s for s in restored.scores if (s.juror, s.dossier) == ("J3", "D02")]) == 2


def test_the_filter_finds_dossiers_and_a_manual_assignment_override(
    window: MainWindow,
    page: CampaignPage,
    questions: Questions,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    assignments = page.assignments_editor
    page.tabs.setCurrentWidget(assignments)
    assert "Everyone scores" in assignments.mode.text()
    qtbot.keyClicks(assignments.filter, "start-up 3")
    assert assignments.grid.model().rowCount() == 1
    assignments.grid.setCurrentIndex(assignments.grid.model().index(0, 1))  # J2 × D03
    assignments.grid.setFocus()
    qtbot.keyClick(assignments.grid, Qt.Key.Key_Space)
    assert questions.asked  # J2 already scored D03
    data = _read(path)
    assert len(data.assignments) == 10
    assert ("J2", "D03") not in {(a.juror, a.dossier) for a in data.assignments}
    assert "Explicit assignments: 10" in assignments.mode.text()
    qtbot.mouseClick(assignments.everyone_button, Qt.MouseButton.LeftButton)
    assert _read(path).assignments == ()


def test_a_list_of_jurors_is_imported_and_the_import_undone(
    window: MainWindow, page: CampaignPage, questions: Questions, tmp_path: Path
) -> None:
    path = make_campaign_file(tmp_path / "c.seldesk")
    source = tmp_path / "jury.csv"
    source.write_text(
        "Prénom;Nom;Courriel;Rôle\nNadia;Benali;nadia@example.org;membre\n"
        "Olivier;Roux;;observateur\n",
        encoding="cp1252",
    )
    _open(window, path)
    jurors = page.jurors_editor
    jurors.choose_file = lambda parent: source
    jurors.import_list()
    assert "jury.csv: 2 new juror(s), 0 updated, 0 unchanged." in questions.asked[0]
    assert page.jurors.rowCount() == 5
    assert [j.code for j in _read(path).jurors][-2:] == ["NB", "OR"]
    window.undo_action.trigger()
    assert page.jurors.rowCount() == 3


def test_criteria_from_a_template_replace_the_campaign_s(
    window: MainWindow, page: CampaignPage, questions: Questions, tmp_path: Path
) -> None:
    path = _empty_campaign(tmp_path / "vide.seldesk")
    _open(window, path)
    page.criteria_editor.template_actions["impact"].trigger()
    assert page.criteria.rowCount() >= 3
    assert not questions.asked  # nothing scored: nothing to ask
    other = make_campaign_file(tmp_path / "other.seldesk")
    page.criteria_editor.choose_file = lambda parent: other
    page.criteria_editor.other_file_action.trigger()
    assert [c.code for c in _read(path).criteria] == ["TEAM", "MARKET"]
    window.undo_action.trigger()
    assert page.criteria.rowCount() >= 3
    entries = _audit_actions(path)
    assert entries[-1] == "criteria.replace"


def test_the_undo_history_belongs_to_the_campaign(
    window: MainWindow,
    page: CampaignPage,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    first = make_campaign_file(tmp_path / "a.seldesk")
    _open(window, first)
    page.criteria_editor.move_row(0, 1)
    assert window.undo_action.isEnabled()
    window.open_file(make_campaign_file(tmp_path / "b.seldesk"))
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    window.close_campaign()
    assert not page.criteria_editor.add_button.isEnabled()


def test_the_page_reads_in_french(qtbot) -> None:  # type: ignore[no-untyped-def]
    from selection_desk import i18n

    with i18n.language("fr"):
        page = CampaignPage()
    qtbot.addWidget(page)
    assert page.tabs.tabText(1) == "Critères"
    assert page.criteria_editor.add_button.text() == "Nou&veau critère"
    assert page.jurors_editor.form.pin_state.text() == ""
    assert not page.criteria_editor.add_button.isEnabled()  # no campaign open


def test_dropping_a_dragged_criterion_moves_it(
    window: MainWindow, page: CampaignPage, tmp_path: Path
) -> None:
    path = _empty_campaign(tmp_path / "c.seldesk")
    _open(window, path)
    page.criteria_editor.template_actions["startup"].trigger()
    table = page.criteria
    codes = [table.item(row, 0).text() for row in range(table.rowCount())]
    table.selectRow(0)
    target = table.visualRect(table.model().index(2, 0)).center()
    dragged = [table.model().index(0, c) for c in range(table.columnCount())]
    drop = drop_within(table, dragged, target)
    assert drop.dropAction() == Qt.DropAction.IgnoreAction  # the view removes nothing itself
    moved = [c.code for c in _read(path).criteria]
    assert moved == [codes[1], codes[0], *codes[2:]]
    assert [table.item(row, 0).text() for row in range(table.rowCount())] == moved
    window.undo_action.trigger()
    assert [c.code for c in _read(path).criteria] == codes


def test_ctrl_z_in_a_field_undoes_its_saved_change(
    window: MainWindow, page: CampaignPage, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """After Enter saved the name, Ctrl+Z with the focus still in the field undoes the saved
    change; while the field is being typed in, Ctrl+Z undoes the typing first."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    _open(window, path)
    name = page.properties.name
    before = _read(path).campaign.name
    _type(qtbot, name, "Nouvel appel")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert _read(path).campaign.name == "Nouvel appel"
    assert window.undo_stack.count() == 1
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _read(path).campaign.name == before
    assert name.text() == before
    qtbot.keyClick(
        name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert _read(path).campaign.name == "Nouvel appel"

    qtbot.keyClicks(name, "X")  # typing, not saved: the field's own undo
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "Nouvel appel"
    assert _read(path).campaign.name == "Nouvel appel" and window.undo_stack.index() == 1


def test_the_meeting_date_is_typed_picked_and_cleared(
    window: MainWindow, page: CampaignPage, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(tmp_path / "d.seldesk")
    _open(window, path)
    field = page.properties.meeting_date
    assert _read(path).campaign.meeting_date == "" and field.text() == ""
    assert field.placeholderText().startswith("not set")
    _type(qtbot, field, "12/05/2026")  # day first, as French users write it
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert _read(path).campaign.meeting_date == "2026-05-12"
    assert field.text() == "2026-05-12"  # English: shown ISO
    _type(qtbot, field, "2026-06-03")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _read(path).campaign.meeting_date == "2026-06-03"
    _type(qtbot, field, "demain")  # not a date: refused, nothing changes
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "is not a date" in page.problem.text()
    assert _read(path).campaign.meeting_date == "2026-06-03" and field.text() == "2026-06-03"
    _type(qtbot, field, "")  # emptied: no date
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _read(path).campaign.meeting_date == ""
    from PySide6.QtCore import QDate

    page.properties.calendar.clicked.emit(QDate(2026, 9, 14))  # picked in the calendar
    assert _read(path).campaign.meeting_date == "2026-09-14"
    qtbot.mouseClick(page.properties.clear_date_button, Qt.MouseButton.LeftButton)
    assert _read(path).campaign.meeting_date == "" and field.text() == ""
    window.undo_action.trigger()
    assert _read(path).campaign.meeting_date == "2026-09-14"


def test_the_tie_break_choice_is_not_clipped(
    window: MainWindow, page: CampaignPage, tmp_path: Path
) -> None:
    _open(window, make_campaign_file(tmp_path / "t.seldesk"))
    combo = page.properties.tie_break
    QApplication.processEvents()  # the layout takes the new items' size
    widest = max(
        combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())
    )
    assert combo.width() > widest


def test_picking_another_row_applies_the_forms_edits_first(
    window: MainWindow, page: CampaignPage, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(tmp_path / "f.seldesk", make_campaign_data(scored=False))
    _open(window, path)
    criteria = page.criteria_editor
    page.tabs.setCurrentWidget(criteria)
    criteria.select("TEAM")
    _type(qtbot, criteria.form.label, "Équipe fondatrice")
    criteria.table.selectRow(1)  # MARKET, as a click does
    assert _read(path).criteria[0].label == "Équipe fondatrice"
    assert criteria.selected_code() == "MARKET" and criteria.form.label.text() == "Marché"
    assert window.undo_stack.text(window.undo_stack.index() - 1) == "Change criterion TEAM"

    # Refused (an empty label): the form keeps the edit and the selection goes back.
    _type(qtbot, criteria.form.label, "")
    criteria.table.selectRow(0)
    assert criteria.selected_code() == "MARKET" and criteria.form.label.text() == ""
    assert page.problem.isVisible()
    assert _read(path).criteria[1].label == "Marché"

    jurors = page.jurors_editor
    page.tabs.setCurrentWidget(jurors)
    jurors.select("J2")
    _type(qtbot, jurors.form.name, "Juliette Martin")
    jurors.table.selectRow(2)  # J3
    assert {j.code: j.name for j in _read(path).jurors}["J2"] == "Juliette Martin"
    assert jurors.selected_code() == "J3" and jurors.form.name.text() == "Juré 3"
    window.undo_action.trigger()
    assert {j.code: j.name for j in _read(path).jurors}["J2"] == "Juré 2"


def test_assignment_overrides_by_mouse(
    window: MainWindow, page: CampaignPage, tmp_path: Path, qtbot
) -> None:  # type: ignore[no-untyped-def]
    path = make_campaign_file(tmp_path / "m.seldesk", make_campaign_data(scored=False))
    _open(window, path)
    assignments = page.assignments_editor
    page.tabs.setCurrentWidget(assignments)
    grid = assignments.grid

    def pairs() -> set[tuple[str, str]]:
        return {(a.juror, a.dossier) for a in _read(path).assignments}

    def rect(juror: str, dossier: str):  # type: ignore[no-untyped-def]
        index = grid.proxy.mapFromSource(assignments.model.cell(juror, dossier))
        return grid.visualRect(index)

    def double_click(juror: str, dossier: str) -> None:
        # A user's double-click: the first press picks the cell, the second one toggles it.
        centre = rect(juror, dossier).center()
        qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)

    double_click("J2", "D03")
    assert ("J2", "D03") not in pairs() and ("J3", "D03") in pairs()

    grid.show_pair("J3", "D04")  # a click on a cell makes it current
    assert assignments.toggle_button.text() == "Unassign D04 from J3"
    qtbot.mouseClick(assignments.toggle_button, Qt.MouseButton.LeftButton)
    assert ("J3", "D04") not in pairs()
    assert assignments.toggle_button.text() == "Assign D04 to J3"

    assignments._context_menu(rect("J2", "D03").center())  # as a right click does
    actions = assignments.context_menu.actions()
    assert [a.text() for a in actions] == ["Assign D03 to J2"]
    actions[0].trigger()
    assignments.context_menu.close()
    assert ("J2", "D03") in pairs()

    grid.show_pair("J1", "D01")  # conflicted: nothing to toggle
    assert not assignments.toggle_button.isEnabled()
    double_click("J1", "D01")
    assert ("J1", "D01") not in pairs()
    while window.undo_stack.canUndo():
        window.undo_action.trigger()
    assert pairs() == set()  # back to "everyone scores everything"


def test_the_properties_page_keeps_qwidget_scroll(page: CampaignPage) -> None:
    """The page's scroll area has its own name: ``scroll`` stays ``QWidget.scroll`` (assigning the
    area to ``self.scroll`` made ``page.scroll(0, 0)`` raise "object is not callable")."""
    properties = page.properties
    properties.scroll(0, 0)
    assert properties.scroll_area.widgetResizable()

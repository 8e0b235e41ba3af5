"""Every number box whose value reaches the campaign file takes its range from one rule
(``set_number_range``): nothing can be typed there that the service would refuse, and a number
the file holds (imported from a workbook) is shown as it is, not clamped and written back changed
by the next edit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

from selection_desk.domain import Criterion, Round
from selection_desk.formats.cell_values import MAX_MAGNITUDE
from selection_desk.services.campaign_settings import update_campaign
from selection_desk.services.criteria import check_criterion
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.ranking_weights import WeightsPanel
from selection_desk.ui.pages.setup_criterion_form import CriterionForm
from selection_desk.ui.pages.setup_rounds import RoundForm
from selection_desk.ui.widgets.number_spin import LARGEST_SPIN_INT, NumberSpin, set_number_range
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui

HUGE = "9" * 30


def _type(qtbot, spin: QSpinBox | QDoubleSpinBox, text: str) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    qtbot.keyClick(spin, Qt.Key.Key_Tab)
    spin.interpretText()


def test_the_range_never_goes_beyond_the_bound_nor_a_whole_number_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    number, whole = NumberSpin(), QSpinBox()
    for spin in (number, whole):
        qtbot.addWidget(spin)
        set_number_range(spin, -1e300, 1e300)
    assert (number.minimum(), number.maximum()) == (-MAX_MAGNITUDE, MAX_MAGNITUDE)
    assert (whole.minimum(), whole.maximum()) == (-LARGEST_SPIN_INT - 1, LARGEST_SPIN_INT)
    set_number_range(whole, 1, 240)
    assert (whole.minimum(), whole.maximum()) == (1, 240)


def test_a_huge_number_typed_in_the_criterion_form_is_clamped_to_what_the_service_takes(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    form = CriterionForm()
    qtbot.addWidget(form)
    form.show()
    form.show_criterion(Criterion("C1", "Équipe", 1.0, 0, 5, 1), new=True, others_weight=0.0)
    for spin in (form.weight, form.scale_max, form.step):
        _type(qtbot, spin, HUGE)
        assert 1 <= spin.value() <= MAX_MAGNITUDE
    _type(qtbot, form.scale_min, "-" + HUGE)
    assert -MAX_MAGNITUDE <= form.scale_min.value() <= -1
    criterion = form.criterion()
    assert check_criterion(replace(criterion, step=1.0)).weight == criterion.weight


def test_the_criterion_form_gives_back_large_numbers_unchanged(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The form's boxes stopped at ±1000: a criterion imported with a weight of 5,000 on a
    0–10,000 scale came back from the form with weight 1,000 and scale 0–1,000."""
    form = CriterionForm()
    qtbot.addWidget(form)
    large = Criterion("BUDGET", "Budget", 5000.0, -2000, 10000, 500, threshold=4000.0)
    form.show_criterion(large, new=False, others_weight=1.0)
    assert form.criterion() == large


def test_editing_a_property_keeps_large_places_and_spread(
    window: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """The places box stopped at 100,000 and the spread box at 100: a campaign imported with
    more lost them at the next edit of any property."""
    path = make_campaign_file(tmp_path / "c.seldesk")
    with CampaignStore.open(path) as store:
        update_campaign(store, replace(store.campaign(), places=250_000, spread_threshold=150.0))
    window.open_file(path)
    window.show_phase("campaign")
    properties = window.campaign_page.properties
    window.campaign_page.tabs.setCurrentWidget(properties)
    properties.name.setFocus()
    properties.name.setText("Renamed")
    qtbot.keyClick(properties.name, Qt.Key.Key_Return)
    with CampaignStore.open(path, readonly=True) as store:
        campaign = store.campaign()
    assert campaign.name == "Renamed"
    assert (campaign.places, campaign.spread_threshold) == (250_000, 150.0)


def test_what_if_weights_show_a_large_weight_as_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A weight of 10^8 overflowed the slider (OverflowError); 5,000 showed as 1,000, changed."""
    panel = WeightsPanel()
    qtbot.addWidget(panel)
    criteria = [Criterion("A", "A", 1e8, 0, 5, 1), Criterion("B", "B", 5000.0, 0, 5, 1)]
    panel.set_criteria(criteria, {})
    rows = panel._rows
    assert [rows[c].value() for c in "AB"] == [1e8, 5000.0]
    assert not any(row.changed for row in rows.values())
    _type(qtbot, rows["B"].spin, HUGE)
    assert rows["B"].value() <= MAX_MAGNITUDE
    assert rows["B"].slider.value() == rows["B"].slider.maximum()


def test_a_round_s_places_and_weight_stop_at_the_bound(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = RoundForm((Round("R1", "Dossiers"),), None)
    qtbot.addWidget(form)
    form.show()
    _type(qtbot, form.weight, HUGE)
    _type(qtbot, form.places, HUGE)
    assert 0 < form.weight.value() <= MAX_MAGNITUDE
    assert 0 < form.places.value() <= LARGEST_SPIN_INT


def test_every_number_box_of_the_window_is_within_the_bound(
    window: MainWindow,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    for phase in window.PHASES:
        window.show_phase(phase)
    boxes = window.findChildren(QSpinBox) + window.findChildren(QDoubleSpinBox)
    assert len(boxes) >= 10
    for box in boxes:
        assert -MAX_MAGNITUDE <= box.minimum() <= box.maximum() <= MAX_MAGNITUDE, box

"""Retention in the app (design §11): the campaign settings set the period; opening a campaign
past it proposes to anonymise it — now, or later (asked again in 30 days)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from selection_desk.services.decisions import record_decision
from selection_desk.services.retention import retention_months
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from tests.factories import make_campaign_file
from tests.raw_sqlite import keep_digest, raw_connection

pytestmark = pytest.mark.gui


def _decided_long_ago(path: Path) -> Path:
    with CampaignStore.open(path) as store:
        record_decision(store, "D02", "selected")
    with contextlib.closing(raw_connection(path)) as connection:
        connection.execute("UPDATE decision SET decided_at = '2020-01-15T10:00:00+00:00'")
        keep_digest(connection)
        connection.commit()
    return path


def _button(box: QMessageBox, role: QMessageBox.ButtonRole) -> object:
    return next(b for b in box.buttons() if box.buttonRole(b) == role)


def test_opening_past_the_period_proposes_to_anonymise(
    window: MainWindow, tmp_path: Path, settings: QSettings
) -> None:
    path = _decided_long_ago(make_campaign_file(tmp_path / "c.seldesk"))
    window.open_file(path)
    box = window.retention.dialog
    assert box is not None and box.isVisible()
    assert "2022-01-15" in box.text()
    _button(box, QMessageBox.ButtonRole.RejectRole).click()  # remind me later
    window.close_campaign()
    window.retention.dialog = None
    window.open_file(path)
    assert window.retention.dialog is None  # not asked again before 30 days
    assert any(key.startswith("privacy/remind_after/") for key in settings.allKeys())
    settings.clear()
    window.close_campaign()
    window.open_file(path)
    box = window.retention.dialog
    assert box is not None
    _button(box, QMessageBox.ButtonRole.DestructiveRole).click()  # anonymise now
    done = window.retention.dialog
    assert done is not None and "Erased the personal data" in done.text()
    store = window.store
    assert store is not None
    assert {d.name for d in store.dossiers()} == {d.ref for d in store.dossiers()}


def test_a_campaign_within_its_period_opens_without_a_question(
    window: MainWindow, tmp_path: Path
) -> None:
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    assert window.retention.dialog is None


def test_the_campaign_settings_set_the_period(window: MainWindow, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    window.show_phase("campaign")
    properties = window.campaign_page.properties
    assert properties.retention.value() == 24
    properties.retention.setFocus()
    properties.retention.selectAll()
    qtbot.keyClicks(properties.retention, "36")
    qtbot.keyClick(properties.retention, Qt.Key.Key_Return)
    store = window.store
    assert store is not None and retention_months(store) == 36
    window.undo_action.trigger()
    assert retention_months(store) == 24

"""Dossiers ▸ Erase personal data…: a confirmation that names what goes and what stays, then the
erasure, driven as a secretary would."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from selection_desk.domain import Dossier
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui

NAME = "Zoé Canarilla"
EMAIL = "zoe.canarilla@example.org"


@pytest.fixture
def opened(window: MainWindow, tmp_path: Path) -> MainWindow:
    data = make_campaign_data()
    dossiers = tuple(
        Dossier("D02", NAME, {"E-mail": EMAIL, "Secteur": "SaaS"}) if d.ref == "D02" else d
        for d in data.dossiers
    )
    path = make_campaign_file(tmp_path / "c.seldesk", replace(data, dossiers=dossiers))
    with CampaignStore.open(path) as store, store.transaction():
        store.write_attachment("D02", "cv-canarilla.pdf", "application/pdf", b"%PDF-1.4 CV")
    window.open_file(path)
    window.show_phase("dossiers")
    return window


def _dialog(window: MainWindow) -> QMessageBox:
    dialog = window.dossiers_page.erase_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_confirmation_names_what_goes_and_cancel_keeps_everything(
    opened: MainWindow,
) -> None:
    page = opened.dossiers_page
    page.select("D02")
    assert page.detail.erase_button.isEnabled()
    page.detail.erase_button.click()
    dialog = _dialog(opened)
    details = dialog.informativeText()
    assert NAME in details and "E-mail" in details and "cv-canarilla.pdf" in details
    assert "scores, the decisions" in details
    dialog.button(QMessageBox.StandardButton.Cancel).click()
    assert opened.store is not None
    assert next(d for d in opened.store.dossiers() if d.ref == "D02").name == NAME


def test_erasing_from_the_app_leaves_the_ref_and_says_what_it_did(opened: MainWindow) -> None:
    page = opened.dossiers_page
    page.select("D02")
    page.detail.erase_button.click()
    dialog = _dialog(opened)
    erase = next(
        b
        for b in dialog.buttons()
        if dialog.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    erase.click()
    done = _dialog(opened)
    assert "Erased the personal data of D02" in done.text()
    store = opened.store
    assert store is not None
    assert next(d for d in store.dossiers() if d.ref == "D02").name == "D02"
    assert store.attachments("D02") == ()
    assert NAME.encode() not in store.path.read_bytes()
    page.select("D02")
    assert NAME not in page.detail.title.text()
    assert EMAIL not in page.detail.fields.toPlainText()

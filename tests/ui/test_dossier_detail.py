"""The Dossiers page's detail pane and conflict dialog on their own, built from plain data."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from selection_desk.domain import Attachment, Dossier
from selection_desk.ui.pages.dossiers_detail import ConflictDialog, DossierDetail

pytestmark = pytest.mark.gui

DOSSIER = Dossier("D1", "Acme", {"Pitch": "<b>we</b>\nbuild", "Site": ""})
PDF = Attachment("D1", "deck.pdf", "application/pdf", 2 * 1024 * 1024, "0" * 64)


def test_the_detail_shows_fields_as_text_and_opens_the_chosen_attachment(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    detail = DossierDetail()
    qtbot.addWidget(detail)
    assert detail.title.text() == "No dossier selected"
    assert not detail.conflict_button.isEnabled()
    detail.show_dossier(DOSSIER, (PDF,), ["Ann (J1): adviser"])
    assert detail.title.text() == "Acme · D1"
    assert "<b>we</b>\nbuild" in detail.fields.toPlainText()
    assert detail.attachments.item(0).text() == "deck.pdf  (2.0 MB)"
    assert detail.conflicts.text() == "Ann (J1): adviser"
    with qtbot.waitSignal(detail.attachment_opened) as opened:
        detail.open_button.click()
    assert opened.args == [PDF]
    detail.show_dossier(DOSSIER, (), [])
    assert detail.conflicts.text() == "None declared."
    assert not detail.open_button.isEnabled()


def test_the_conflict_dialog_offers_every_juror_by_code(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = ConflictDialog(DOSSIER, [("J1", "Ann"), ("J2", "Bob")], parent)
    assert [dialog.juror.itemText(i) for i in range(2)] == ["Ann (J1)", "Bob (J2)"]
    dialog.juror.setCurrentIndex(1)
    assert dialog.juror.currentData() == "J2"


def test_an_upload_link_is_clickable_and_opened_only_when_clicked(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    detail = DossierDetail()
    qtbot.addWidget(detail)
    link = "https://drive.google.com/open?id=1xYz0AbC"
    detail.show_dossier(Dossier("D2", "Nova", {"Deck": f"{link}\n<i>v2</i>"}), (), [])
    assert f'href="{link}"' in detail.fields.toHtml()
    assert "<i>v2</i>" in detail.fields.toPlainText()
    assert opened == []
    detail.fields.anchorClicked.emit(QUrl(link))
    detail.fields.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == [link]

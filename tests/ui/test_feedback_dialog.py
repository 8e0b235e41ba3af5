"""The letters step in the app: the secretary approves a dossier's feedback, and the letter prints
that text, never a private comment nor a juror's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from selection_desk.domain import Review, ReviewStatus
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.pages.reports_feedback import FeedbackDialog, juror_alias
from tests.factories import make_campaign_data, make_campaign_file

pytestmark = pytest.mark.gui

PRIVATE = "PRIVATE-remark-never-sent"


def campaign_with_feedback(path: Path) -> Path:
    make_campaign_file(path, make_campaign_data())
    with CampaignStore.open(path) as store, store.transaction():
        store.write_reviews(
            [
                Review(
                    "J2", "D01", ReviewStatus.FINAL, PRIVATE, revision=2, feedback="Équipe solide"
                ),
                Review(
                    "J3", "D01", ReviewStatus.FINAL, "", revision=2, feedback="Marché à chiffrer"
                ),
            ]
        )
    return path


def test_juror_aliases_never_name_anyone() -> None:
    assert [juror_alias(i) for i in (0, 1, 25, 26)] == [
        "Juror A",
        "Juror B",
        "Juror Z",
        "Juror A2",
    ]


def test_approve_one_then_the_letter_prints_it_and_no_private_comment(
    window: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(campaign_with_feedback(tmp_path / "appel.seldesk"))
    window.show_phase("reports")
    page = window.reports_page
    assert page.feedback_counts.text() == "0 approved, 4 pending"
    dialog = FeedbackDialog(page.session.store, page)  # type: ignore[union-attr]
    qtbot.addWidget(dialog)
    dialog.dossiers.setCurrentRow(0)
    shown = dialog.jurors_feedback.text()
    assert "Juror A: Équipe solide" in shown and "Juror B: Marché à chiffrer" in shown
    assert "Juré" not in shown and PRIVATE not in shown
    assert not dialog.withdraw_button.isEnabled()
    dialog.approved_text.setPlainText("Une équipe solide ; le marché reste à chiffrer.")
    dialog.approve_button.click()
    assert dialog.counts.text() == "1 approved, 3 pending"
    assert "(approved)" in dialog.dossiers.item(0).text() and dialog.withdraw_button.isEnabled()
    dialog.close()
    page._update_summary()
    assert page.feedback_counts.text() == "1 approved, 3 pending"

    folder = tmp_path / "out"
    page.folder.setText(str(folder))
    page.language.setCurrentIndex(page.language.findData("en"))
    for box in (page.xlsx_box, page.pdf_box):
        box.setChecked(False)
    page.export()
    qtbot.waitUntil(lambda: page.last_outcome is not None, timeout=60_000)
    assert "3 dossier(s) have no approved feedback" in page.status.text()
    [letter] = [p for p in (folder / "letters").rglob("*.pdf") if "D01" in p.name]
    text = " ".join(page.extract_text() for page in PdfReader(letter).pages).replace("\n", " ")
    assert "Une équipe solide ; le marché reste à chiffrer." in text
    assert PRIVATE not in text and "Juré" not in text


def test_withdrawing_takes_the_approval_back(
    window: MainWindow,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    window.open_file(campaign_with_feedback(tmp_path / "appel.seldesk"))
    store = window.reports_page.session.store  # type: ignore[union-attr]
    dialog = FeedbackDialog(store)
    qtbot.addWidget(dialog)
    dialog.approve_button.click()
    assert dialog.approved_text.toPlainText() == "Équipe solide\n\nMarché à chiffrer"
    dialog.withdraw_button.click()
    assert dialog.counts.text() == "0 approved, 4 pending"
    assert [e.action for e in store.audit_entries()][-2:] == [
        "approve_feedback",
        "withdraw_feedback",
    ]

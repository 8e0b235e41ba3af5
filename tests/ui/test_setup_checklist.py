"""A new campaign opens on its set-up, whose checklist of next steps ticks itself as the campaign
fills (issue 20, defect 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from selection_desk.domain import Juror
from selection_desk.services.jurors import add_juror
from selection_desk.services.op_changes import SETUP
from selection_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _done(window: MainWindow) -> dict[str, bool]:
    return {step.key: step.done for step in window.campaign_page.checklist.steps}


def _new_campaign(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Appel 2027", True))
    window.new_campaign()


def test_a_new_campaign_opens_on_its_set_up_with_a_checklist(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_campaign(window, tmp_path / "appel.seldesk", monkeypatch)
    assert window.store is not None
    assert window.pages.currentWidget() is window.campaign_page
    checklist = window.campaign_page.checklist
    assert checklist.isVisible()
    done = _done(window)
    assert list(done) == ["criteria", "jurors", "dossiers", "assignments", "kits"]
    assert not any(done[key] for key in ("jurors", "dossiers", "assignments", "kits"))
    assert checklist.step_labels["jurors"].text() == "☐ Add the jurors"


def test_the_checklist_ticks_itself_as_the_campaign_fills(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _new_campaign(window, tmp_path / "appel.seldesk", monkeypatch)
    session = window.session
    assert session is not None
    results: list[object] = []
    session.run_task(
        window,
        "Adding",
        lambda store, progress: add_juror(store, Juror("J1", "Ada Lovelace")),
        results.append,
        results.append,
        changes=SETUP,
    )
    assert _done(window)["jurors"]
    label = window.campaign_page.checklist.step_labels["jurors"]
    assert label.text() == "☑ Add the jurors"
    assert label.accessibleName() == "Done: Add the jurors"


def test_opening_an_existing_campaign_still_shows_its_ranking(
    window: MainWindow, tmp_path: Path
) -> None:
    from tests.factories import make_campaign_file

    window.open_file(make_campaign_file(tmp_path / "c.seldesk"))
    assert window.pages.currentWidget() is window.ranking_page

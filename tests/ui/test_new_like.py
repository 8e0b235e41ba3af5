"""File ▸ New from an earlier call (issue 17, item 7): the app's twin of ``new FILE --like OLD``."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from selection_desk.formats.file_digest import file_sha256
from selection_desk.services.jurors import set_juror_pin
from selection_desk.storage.store import CampaignStore
from selection_desk.ui.main_window import MainWindow
from tests.factories import make_campaign_file

pytestmark = pytest.mark.gui


def _answer_dialogs(
    monkeypatch: pytest.MonkeyPatch, like: Path, target: Path, name: str
) -> dict[str, object]:
    """Answer the three questions; record where the first dialog starts and the name offered."""
    asked: dict[str, object] = {}

    def open_name(parent, title, start, file_filter):  # type: ignore[no-untyped-def]
        asked["start"] = start
        return str(like), ""

    def get_text(parent, title, label, text=""):  # type: ignore[no-untyped-def]
        asked["offered"] = text
        return name, True

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    return asked


def test_new_from_the_open_campaign_opens_the_later_call_on_its_set_up(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = make_campaign_file(tmp_path / "appel-2026.seldesk")
    with CampaignStore.open(earlier) as store:
        set_juror_pin(store, "J2", "4821")
        old_uid = store.campaign().uid
    window.open_file(earlier)
    before = file_sha256(earlier)
    target = tmp_path / "appel-2027"  # the suffix is added
    asked = _answer_dialogs(monkeypatch, earlier, target, "Appel 2027")
    window.new_like_action.trigger()
    assert asked == {"start": str(earlier), "offered": "Appel test"}
    assert window.store is not None
    assert window.store.path == target.with_suffix(".seldesk")
    assert window.pages.currentWidget() is window.campaign_page
    session = window.session
    assert session is not None
    data = session.data
    assert data.campaign.name == "Appel 2027" and data.campaign.uid != old_uid
    assert [j.code for j in data.jurors] == ["J1", "J2", "J3"]
    assert len(data.criteria) == 2 and data.dossiers == () and data.scores == ()
    checklist = window.campaign_page.checklist
    done = {step.key: step.done for step in checklist.steps}
    assert done == {
        "criteria": True,
        "jurors": True,
        "dossiers": False,
        "assignments": False,
        "kits": False,
    }
    window.close_campaign()
    assert file_sha256(earlier) == before


def test_a_kit_is_refused_and_nothing_is_written(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shown_errors: list[str]
) -> None:
    from selection_desk.services.kits import make_kit

    earlier = make_campaign_file(tmp_path / "appel-2026.seldesk")
    kit = tmp_path / "kit-J2.seldesk"
    with CampaignStore.open(earlier) as store:
        make_kit(store, "J2", kit)
    target = tmp_path / "appel-2027.seldesk"
    _answer_dialogs(monkeypatch, kit, target, "Appel 2027")
    window.new_like_action.trigger()
    assert len(shown_errors) == 1 and "is a juror kit" in shown_errors[0]
    assert not target.exists() and window.store is None

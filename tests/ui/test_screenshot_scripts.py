"""The screenshot scripts are not run by the suite (they take seconds each): at least each one
imports and finds what it calls in the shared helper (``tests/ui/screenshots.py``), and the
helper's window opens a campaign on the page asked."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from tests.factories import make_campaign_file
from tests.ui import screenshots

pytestmark = pytest.mark.gui

SCRIPTS = sorted(path.stem for path in Path(__file__).parent.glob("screenshot_*.py"))


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_screenshot_script_imports(name: str) -> None:
    module = importlib.import_module(f"tests.ui.{name}")
    assert callable(module.main)


def test_the_shared_window_opens_the_campaign_on_the_page_asked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    campaign = make_campaign_file(tmp_path / "c.seldesk")
    # (Not screenshots.application(): it would set the style sheet and locale of later tests.)
    with screenshots.campaign_window(
        campaign, tmp_path / "settings.ini", size=(1280, 720), phase="ranking"
    ) as window:
        screenshots.settle(10)
        assert window.session is not None and window.session.path == campaign
        assert window.pages.currentWidget() is window.ranking_page
        assert window.size().toTuple() == (1280, 720)
    assert window.session is None
    assert (
        screenshots.dark_palette().color(screenshots.dark_palette().ColorRole.Window).name()
        == "#2b2b2b"
    )

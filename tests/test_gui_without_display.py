"""``gui`` without a display (issue 20, defect 5): one sentence in the user's language and exit
1, never Qt's abort (exit 134, English advice to reinstall); ``--screenshot`` selects the
offscreen platform itself and works on a headless machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.factories import make_campaign_data, make_campaign_file


def _run_headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The app as started on a server: no DISPLAY, no Wayland, no Qt platform chosen."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "fr_FR.UTF-8",
        "HOME": str(tmp_path),
        "DISPLAY": "",
        "SELECTION_DESK_DATA_DIR": str(tmp_path / "data"),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }
    return subprocess.run(
        [sys.executable, "-m", "selection_desk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_the_app_without_a_display_says_so_in_one_sentence(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "f.seldesk", make_campaign_data(scored=False))
    result = _run_headless(tmp_path, "gui", str(path))
    assert result.returncode == 1, result.stderr
    message = result.stderr.strip()
    assert "écran" in message and "\n" not in message
    assert "Qt" not in message and "reinstall" not in message


def test_a_screenshot_works_without_a_display(tmp_path: Path) -> None:
    path = make_campaign_file(tmp_path / "f.seldesk", make_campaign_data(scored=False))
    png = tmp_path / "shot.png"
    result = _run_headless(
        tmp_path, "gui", str(path), "--page", "campaign", "--screenshot", str(png)
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

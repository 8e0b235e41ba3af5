"""Desktop integration on Linux: packaging/install-desktop.sh installs the menu entry, the icons,
the AppStream metadata and the file types into $XDG_DATA_HOME; read back here, and the file types
checked against real campaign, kit and ballot files through Qt's MIME database."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from selection_desk.formats import sealed
from selection_desk.services.ballots import export_ballot
from selection_desk.services.kits import make_kit, open_kit
from selection_desk.services.scoring import record_score
from selection_desk.storage.store import CampaignStore
from tests.offline.conftest import make_offline_campaign

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.selectiondesk.SelectionDesk"
INSTALL = ROOT / "packaging" / "install-desktop.sh"
PROGRAM = Path("/opt/Selection Desk/selection-desk")  # a space: the Exec line must quote it
MIME_TYPES = {
    "application/x-selection-desk-campaign",
    "application/x-selection-desk-kit",
    "application/x-selection-desk-ballot",
}
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def install(data_home: Path, *options: str) -> None:
    environment = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    subprocess.run([str(INSTALL), *options], env=environment, check=True, capture_output=True)


@pytest.fixture
def data_home(tmp_path: Path) -> Path:
    home = tmp_path / "share"
    install(home, "--exec", str(PROGRAM))
    return home


def desktop_entry(data_home: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(data_home / "applications" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_menu_entry_runs_the_program_on_the_file_double_clicked(data_home: Path) -> None:
    entry = desktop_entry(data_home)
    assert entry["Exec"] == f'"{PROGRAM}" gui %f'
    assert entry["TryExec"] == str(PROGRAM)
    assert entry["Name"] == "Selection Desk" and entry["Type"] == "Application"
    assert set(filter(None, entry["MimeType"].split(";"))) == MIME_TYPES
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / f"{entry['Icon']}.svg").exists()


def test_the_icon_is_installed_at_every_size(data_home: Path) -> None:
    from PySide6.QtGui import QImage

    for size in ICON_SIZES:
        png = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "selection-desk.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        assert image.hasAlphaChannel()


def test_appstream_accepts_the_metainfo(data_home: Path) -> None:
    appstreamcli = shutil.which("appstreamcli")
    assert appstreamcli, "appstreamcli is missing: packaging/bootstrap.sh --test installs it"
    metainfo = data_home / "metainfo" / f"{APP_ID}.metainfo.xml"
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_uninstall_removes_every_file_it_installed(data_home: Path) -> None:
    install(data_home, "--uninstall")
    left = [
        path
        for path in data_home.rglob("*")
        if path.is_file() and ("selection-desk" in path.name or APP_ID in path.name)
    ]
    assert left == []


@pytest.fixture
def offline_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A campaign, a plain kit, a sealed kit and their ballots (plain JSON and sealed)."""
    monkeypatch.setattr(sealed, "SCRYPT_N", 1 << 10)
    campaign = make_offline_campaign(tmp_path / "campaign.seldesk")
    files = {"campaign": campaign}
    with CampaignStore.open(campaign) as store:
        make_kit(store, "J2", tmp_path / "kit-J2.seldesk")
        make_kit(store, "J3", tmp_path / "kit-J3.seldesk", passphrase="horse battery staple")
    files["kit"] = tmp_path / "kit-J2.seldesk"
    files["sealed kit"] = tmp_path / "kit-J3.seldesk"
    files["sealed kit, renamed"] = tmp_path / "for Chloé"
    shutil.copy(files["sealed kit"], files["sealed kit, renamed"])
    with CampaignStore.open(files["kit"]) as kit:
        record_score(kit, "J2", "D03", "TEAM", 4.0)
        files["ballot"] = export_ballot(kit, tmp_path / "ballot-J2.json").path
    with open_kit(files["sealed kit"], "horse battery staple") as kit:
        record_score(kit, "J3", "D02", "TEAM", 3.0)
        exported = export_ballot(
            kit, tmp_path / "ballot-J3.ballot", passphrase="horse battery staple"
        )
        files["sealed ballot"] = exported.path
    return files


MIME_OF = """
import sys
from PySide6.QtCore import QMimeDatabase
database = QMimeDatabase()
for path in sys.argv[1:]:
    print(database.mimeTypeForFile(path).name())
"""


def test_each_file_is_recognised_as_what_it_is(
    data_home: Path, offline_files: dict[str, Path]
) -> None:
    environment = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_DATA_DIRS": "/usr/share"}
    paths = [str(path) for path in offline_files.values()]
    found = subprocess.run(
        [sys.executable, "-c", MIME_OF, *paths],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # Kits are named .seldesk, and file managers trust the name first: they open with the same
    # command as a campaign, and the app opens them in juror mode (tests/ui/test_juror_mode.py).
    assert dict(zip(offline_files, found, strict=True)) == {
        "campaign": "application/x-selection-desk-campaign",
        "kit": "application/x-selection-desk-campaign",
        "sealed kit": "application/x-selection-desk-campaign",
        "sealed kit, renamed": "application/x-selection-desk-kit",
        "ballot": "application/x-selection-desk-ballot",
        "sealed ballot": "application/x-selection-desk-ballot",
    }

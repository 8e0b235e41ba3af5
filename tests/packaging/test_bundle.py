"""The distributables start and work the way users get them: the one-folder desktop bundle
(PyInstaller) and the wheel, both built by ``packaging/build.sh`` once per session from this
checkout, then run in an environment with no virtualenv on the path and no PYTHONPATH."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from selection_desk import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
DEMO_DOSSIER = "Facturo"  # the demo's first-ranked applicant


@dataclass(frozen=True)
class Distributables:
    bundle: Path
    wheel: Path
    sdist: Path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Distributables:
    dist = tmp_path_factory.mktemp("dist")
    work = tmp_path_factory.mktemp("pyinstaller-work")
    environment = {**os.environ, "PYTHON": sys.executable}
    build = subprocess.run(
        [str(ROOT / "packaging" / "build.sh"), "--dist", str(dist), "--work", str(work)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (wheel,) = dist.glob("selection_desk-*.whl")
    (sdist,) = dist.glob("selection_desk-*.tar.gz")
    return Distributables(dist / "selection-desk" / "selection-desk", wheel, sdist)


def bare_environment(home: Path, *path_first: Path) -> dict[str, str]:
    """What a double-click gives: no virtualenv, no PYTHONPATH, a minimal PATH, a private home."""
    return {
        "PATH": os.pathsep.join([*map(str, path_first), "/usr/bin", "/bin"]),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "SELECTION_DESK_DATA_DIR": str(home / "selection-desk"),
    }


def run(command: list[str | Path], environment: dict[str, str], cwd: Path) -> str:
    completed = subprocess.run(
        [str(part) for part in command],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def assert_demo_reports(out: Path) -> None:
    minutes = "\n".join(page.extract_text() for page in PdfReader(out / "minutes.pdf").pages)
    assert DEMO_DOSSIER in minutes
    assert __version__ in minutes
    letters = sorted((out / "letters").glob("*.pdf"))
    assert len(letters) == 12
    assert __version__ in PdfReader(letters[0]).pages[0].extract_text()
    workbook = openpyxl.load_workbook(out / "campaign.xlsx", read_only=True)
    try:
        assert "Dossiers" in workbook.sheetnames
        assert __version__ in (workbook.properties.version or "")
    finally:
        workbook.close()


def assert_a_real_screenshot(path: Path) -> None:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), "the PNG decodes"
    assert image.width() >= 800 and image.height() >= 500
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), image.width() // 40)
        for y in range(0, image.height(), image.height() // 40)
    }
    assert len(colours) > 10, "a drawn window, not one flat colour"


def test_the_bundle_runs_the_demo_and_renders_its_window(
    built: Distributables, tmp_path: Path
) -> None:
    environment = bare_environment(tmp_path)
    assert run([built.bundle, "--version"], environment, tmp_path).strip().endswith(__version__)
    out = tmp_path / "demo"
    run([built.bundle, "demo", "--out", out], environment, tmp_path)
    assert_demo_reports(out)
    checked = run([built.bundle, "check", out / "demo.seldesk"], environment, tmp_path)
    assert __version__ in checked
    screenshot = tmp_path / "window.png"
    run(
        [built.bundle, "gui", out / "demo.seldesk", "--screenshot", screenshot],
        environment,
        tmp_path,
    )
    assert_a_real_screenshot(screenshot)


def test_the_bundle_speaks_french_from_its_compiled_catalog(
    built: Distributables, tmp_path: Path
) -> None:
    usage = run([built.bundle, "--lang", "fr", "--help"], bare_environment(tmp_path), tmp_path)
    assert "Notation hors ligne, classement et procès-verbal" in usage


def fresh_virtualenv(where: Path) -> Path:
    """A virtualenv that borrows this one's installed dependencies (a .pth line, no download)
    but not its editable Selection Desk: .pth files found through a .pth line are not run."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    (site_packages,) = where.glob("lib/python*/site-packages")
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "borrowed-dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return where / "bin"


def test_the_wheel_installs_and_runs_the_demo(built: Distributables, tmp_path: Path) -> None:
    bin_dir = fresh_virtualenv(tmp_path / "venv")
    environment = bare_environment(tmp_path, bin_dir)
    install = [bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", built.wheel]
    run(install, environment, tmp_path)
    where = run(
        [bin_dir / "python", "-c", "import selection_desk; print(selection_desk.__file__)"],
        environment,
        tmp_path,
    )
    assert Path(where.strip()).is_relative_to(tmp_path / "venv")
    out = tmp_path / "demo"
    run([bin_dir / "selection-desk", "demo", "--out", out], environment, tmp_path)
    assert_demo_reports(out)


def test_the_wheel_carries_the_compiled_catalogs_fonts_and_icons(built: Distributables) -> None:
    import zipfile

    with zipfile.ZipFile(built.wheel) as wheel:
        names = set(wheel.namelist())
    resources = "selection_desk/resources"
    assert {
        f"{resources}/translations/fr/LC_MESSAGES/selection_desk.mo",
        f"{resources}/fonts/DejaVuSans.ttf",
        f"{resources}/icons/hicolor/48x48/apps/selection-desk.png",
    } <= names


def test_the_sdist_carries_what_a_wheel_is_built_from(built: Distributables) -> None:
    import tarfile

    with tarfile.open(built.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"pyproject.toml", "packaging/hatch_build.py", "resources/translations/fr.po"} <= names

"""The user manual (docs/): it builds offline with warnings as errors, every page of the app has a
section in each language, and every screenshot it names exists."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from selection_desk.i18n import LANGUAGES
from selection_desk.ui.help import MANUAL_SECTIONS, manual_url
from selection_desk.ui.main_window import MainWindow
from selection_desk.ui.phases import PAGES

DOCS = Path(__file__).resolve().parents[1] / "docs"
IMAGE = re.compile(r"^\s*\.\. (?:image|figure):: (\S+)", re.MULTILINE)


@pytest.fixture(scope="module")
def built_manual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("manual")
    environment = dict(os.environ)
    # Any attempt to reach the network goes to a closed port and fails the build.
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        environment[proxy] = "http://127.0.0.1:9"
    result = subprocess.run(
        [sys.executable, str(DOCS / "build_manual.py"), str(out)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def test_the_manual_builds_in_both_languages_and_reads_offline(built_manual: Path) -> None:
    for language in LANGUAGES:
        pages = list((built_manual / language).glob("*.html"))
        assert (built_manual / language / "index.html") in pages
        for page in pages:
            html = page.read_text(encoding="utf-8")
            assert not re.search(r'(?:src|href)="(?:https?:)?//', html), page


def test_the_french_manual_is_in_french(built_manual: Path) -> None:
    html = (built_manual / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert "Préparer une campagne" in html


def test_every_page_of_the_app_has_a_section_of_the_manual(built_manual: Path) -> None:
    assert set(MANUAL_SECTIONS) == set(PAGES) == {"welcome", *MainWindow.PHASES}
    for language in LANGUAGES:
        for page, section in MANUAL_SECTIONS.items():
            document, _hash, anchor = section.partition("#")
            html = (built_manual / language / document).read_text(encoding="utf-8")
            if anchor:
                assert f'id="{anchor}"' in html, (language, page)


def test_f1_finds_each_page_in_the_built_manual(built_manual: Path) -> None:
    for language in LANGUAGES:
        for page in PAGES:
            url = manual_url(page, language, built_manual)
            assert url is not None and url.isLocalFile(), (language, page)
            assert Path(url.toLocalFile()).parent == built_manual / language


def test_every_screenshot_the_manual_names_exists() -> None:
    named: set[Path] = set()
    for language in LANGUAGES:
        for source in (DOCS / language).glob("*.rst"):
            for image in IMAGE.findall(source.read_text(encoding="utf-8")):
                path = (source.parent / image).resolve()
                assert path.is_file(), f"{source.name} names {image}, which does not exist"
                named.add(path)
    # Each page of the app is shown in each language.
    expected = {
        DOCS / language / "screens" / f"{page}.png" for language in LANGUAGES for page in PAGES
    }
    assert expected <= named
